"""The wheel ships what perflang needs at run time (grammar, parser tables, templates, schemas,
profiles), and an installed copy runs `perflang check` from another folder.

The wheel is built offline from a copy of the sources (no stale build/ directory can leak in)
with the setuptools of the test environment (the test extra asks for one that builds wheels
itself); only when that is missing does pip fetch the build backend.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

SHIPPED = [
    "perflang/grammar/perf.lark",  # from grammar/perf.lark at the top of the repository
    "perflang/syntax/_parser_tables.py",
    "perflang/templates/approval.html.j2",
    "perflang/templates/_print.css.j2",
    "perflang/schema/perflang-1.schema.json",
    "perflang/profiles/national.toml",
]


def _offline_backend() -> bool:
    """setuptools ≥ 70.1 builds wheels without the `wheel` package."""
    try:
        major, minor = (int(x) for x in version("setuptools").split(".")[:2])
    except Exception:  # not installed, or an odd version string
        return False
    return (major, minor) >= (70, 1)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for folder in ("perflang", "grammar"):
        shutil.copytree(ROOT / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("dist")
    isolation = ["--no-build-isolation"] if _offline_backend() else []
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-q", "-w", str(out), str(src)],
        check=True,
        capture_output=True,
        text=True,
    )
    (built,) = out.glob("perflang-*.whl")
    return built


def test_the_wheel_holds_the_grammar_templates_and_schema(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [n for n in SHIPPED if n not in names]
    assert not missing
    assert any(n.endswith("entry_points.txt") for n in names)


def test_an_installed_copy_checks_from_another_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(EXAMPLES / "ezhou-data-bureau.perf", elsewhere / "seed.perf")
    (elsewhere / "bad.perf").write_text("项目 甲 {\n  预算 10\n", encoding="utf-8")
    # the installed copy comes first on the path (the dependencies still come from this
    # environment); the checkout is nowhere on it
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHONSAFEPATH": "1"}
    where = subprocess.run(
        [sys.executable, "-c", "import perflang; print(perflang.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(target)
    script = target / "bin" / "perflang"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "perflang"]
    ok = subprocess.run([*command, "check", "seed.perf"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([*command, "check", "bad.perf"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert bad.returncode == 1 and "bad.perf:" in bad.stdout + bad.stderr
    assert "Traceback" not in bad.stdout + bad.stderr


def test_the_package_list_names_every_package_folder():
    """pyproject.toml lists the packages by hand (the grammar's mapping needs it): a new
    sub-package left out of the list would be missing from the wheel."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    folders = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "perflang").rglob("__init__.py")}
    assert folders <= listed
    assert listed - folders == {"perflang.grammar"}


def test_the_grammar_has_one_copy():
    """grammar/perf.lark is the only grammar in the tree, and the package finds it there."""
    from perflang.syntax.grammar import grammar_path

    lark_files = sorted(
        p.relative_to(ROOT).as_posix()
        for p in ROOT.rglob("*.lark")
        if not {".venv", ".git", "build", "node_modules"} & set(p.relative_to(ROOT).parts)
    )
    assert lark_files == ["grammar/perf.lark"]
    assert grammar_path() == ROOT / "grammar" / "perf.lark"
