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
    "perflang/schema/perflang-2.schema.json",
    "perflang/profiles/national.toml",
    "perflang/runtimes/evaluator.mjs",  # build --to js
    "perflang/runtimes/evaluator.d.ts",
    "perflang/runtimes/PerflangEvaluator.java",  # build --to java
    "perflang/templates/adjustment.html.j2",  # perflang diff --to html
    "perflang/testing/differential.py",
    "perflang/web/bridge.py",
    # the page's sources (web/ at the top of the repository): `perflang web build` runs npm on them
    "perflang/web/app/package.json",
    "perflang/web/app/package-lock.json",
    "perflang/web/app/build.mjs",
    "perflang/web/app/wheels.txt",
    "perflang/web/app/src/main.js",
    "perflang/web/app/src/worker.js",
    "perflang/web/app/static/index.html",
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
    for folder in ("perflang", "grammar", "web"):
        shutil.copytree(ROOT / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
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
    # the evaluators read their runtime templates from the installed package
    for target, name in (("java", "PerflangEvaluator.java"), ("js", "evaluator.mjs")):
        built = subprocess.run(
            [*command, "build", "seed.perf", "--to", target, "-o", name],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
        )
        assert built.returncode == 0, built.stderr
        assert (elsewhere / name).stat().st_size > 10_000


def test_the_package_list_names_every_package_folder():
    """pyproject.toml lists the packages by hand (the grammar's mapping needs it): a new
    sub-package left out of the list would be missing from the wheel."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    folders = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "perflang").rglob("__init__.py")}
    assert folders <= listed
    assert listed - folders == {"perflang.grammar", "perflang.web.app"}


def test_the_grammar_has_one_copy():
    """grammar/perf.lark is the only grammar in the tree, and the package finds it there."""
    from perflang.syntax.grammar import grammar_path

    lark_files = sorted(
        p.relative_to(ROOT).as_posix()
        for p in ROOT.rglob("*.lark")
        if not {".venv", ".git", "build", "node_modules"} & set(p.relative_to(ROOT).parts)
        and not p.relative_to(ROOT).as_posix().startswith("editors/vscode/bundled/libs/")  # the .vsix's copy
    )
    assert lark_files == ["grammar/perf.lark"]
    assert grammar_path() == ROOT / "grammar" / "perf.lark"


def test_an_installed_copy_without_npm_says_what_web_build_needs(wheel, tmp_path):
    """`perflang web build` from an installed wheel runs npm on the shipped sources; without
    Node.js and npm it says so (PF924, exit 2) and writes nothing."""
    target = tmp_path / "site-packages"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    bare = tmp_path / "bin"
    bare.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(target),
        "PYTHONSAFEPATH": "1",
        "PATH": str(bare),
        "XDG_CACHE_HOME": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "perflang", "web", "build", "out"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 2, done.stderr
    assert "PF924" in done.stderr and "npm" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def _pip_dry_run(command: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """The install command a hint printed, as the shell would split it, run by pip without
    installing or fetching anything (the requirement it names must be one pip can use)."""
    import shlex

    words = shlex.split(command)
    assert words[words.index("install") - 1] == "pip", words
    target = words[words.index("install") + 1 :]
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            # CI installs perflang itself (`pip install ".[test]"`): the same version already
            # installed must not turn "Would install" into "already installed".
            "--ignore-installed",
            *target,
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )


def test_the_install_hint_of_a_copy_installed_from_a_wheel_names_the_wheel(wheel, tmp_path):
    """`pip install 'perflang[docx]'` cannot work for a copy installed from a wheel file: the
    hint names the file, quoted for the shell, and pip accepts what it names."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHONSAFEPATH": "1", "PERFLANG_LANG": "en"}
    shutil.copy(EXAMPLES / "ezhou-data-bureau.perf", tmp_path / "seed.perf")
    code = (
        "import sys; sys.modules['docx'] = None\n"
        "from perflang.cli import main; main(['build', 'seed.perf', '--to', 'docx', '-o', 'seed.docx'])"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 2 and "PF923" in done.stderr, done.stderr
    assert f'"{wheel.resolve()}[docx]"' in done.stderr, done.stderr
    command = done.stderr.split("run ", 1)[1].strip()
    dry = _pip_dry_run(command, tmp_path)
    assert dry.returncode == 0 and "Would install" in dry.stdout, dry.stdout + dry.stderr


def test_the_install_hint_of_a_checkout_names_its_folder(tmp_path):
    from perflang.errors import install_command, shell_quote

    command = install_command("docx", windows=False)
    assert f'"{ROOT}[docx]"' in command and "perflang[docx]'" not in command
    assert install_command("docx", windows=True).endswith(f'"{ROOT}[docx]"')
    if _offline_backend():
        dry = _pip_dry_run(command.replace(" -e ", " "), tmp_path)
        assert dry.returncode == 0 and "Would install" in dry.stdout, dry.stdout + dry.stderr
    # Windows' cmd knows no single quotes; sh's double quotes do not protect $ ` " \ !
    assert shell_quote("C:\\Users\\王 五\\perflang[docx]", windows=True) == '"C:\\Users\\王 五\\perflang[docx]"'
    assert shell_quote("/home/王 五/perflang[docx]", windows=False) == '"/home/王 五/perflang[docx]"'
    assert shell_quote("/home/$x/it's[docx]", windows=False) == "'/home/$x/it'\\''s[docx]'"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")
@pytest.mark.parametrize(
    ("direct", "expected"),
    [
        # `pip install .` in the folder (the README's way): the folder, with the extra
        ({"url": "file:///home/%E7%8E%8B%20%E4%BA%94/perflang", "dir_info": {}}, '"/home/王 五/perflang[docx]"'),
        # `pip install -e .` of another folder than the running copy's: counted only when editable
        ({"url": "file:///src/perflang", "dir_info": {"editable": True}}, '"/src/perflang[docx]"'),
        # a wheel file
        (
            {"url": "file:///dl/perflang-0.1.0-py3-none-any.whl", "archive_info": {}},
            '"/dl/perflang-0.1.0-py3-none-any.whl[docx]"',
        ),
        # an sdist, or nothing said (a package index): the package's name
        ({"url": "file:///dl/perflang-0.1.0.tar.gz", "archive_info": {}}, '"perflang[docx]"'),
        (None, '"perflang[docx]"'),
    ],
)
def test_the_install_hint_of_an_installed_copy_names_where_it_came_from(monkeypatch, direct, expected):
    """An installed copy (not a checkout: no pyproject.toml beside the package) names what pip
    installed it from (direct_url.json, PEP 610)."""
    import perflang.errors as errors

    monkeypatch.setattr(errors, "__file__", "/nowhere/site-packages/perflang/errors.py")
    monkeypatch.setattr(errors, "_direct_url", lambda: direct)
    command = errors.install_command("docx", windows=False)
    assert command.endswith(" install " + expected), command
    assert "'" not in command
