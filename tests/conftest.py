"""Shared test fixtures: the repo paths, the independently read seed, the golden switch."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings
from seedtable import read_seed
from vscodetools import node_modules, vsix  # noqa: F401  (the fixtures of editors/vscode's tests)

# The message language follows the locale when no --lang or PERFLANG_LANG says otherwise; the
# tests expect the default (Chinese) whatever locale the machine running them has.
for _var in ("LC_ALL", "LC_MESSAGES", "LANG"):
    if os.environ.get(_var, "").lower().startswith(("en", "zh")):
        os.environ[_var] = "C.UTF-8"

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEED_EXAMPLE = EXAMPLES / "ezhou-data-bureau.perf"


@pytest.fixture(scope="session", autouse=True)
def _own_user_folders(tmp_path_factory):
    """The check cache's user folders (its fallback location and its secret key) in a folder of
    the test session, never the user's own (also for the perflang processes tests start)."""
    import os

    home = tmp_path_factory.mktemp("user")
    saved = {k: os.environ.get(k) for k in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME")}
    os.environ["XDG_CACHE_HOME"], os.environ["XDG_CONFIG_HOME"] = str(home / "cache"), str(home / "config")
    yield home
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite golden files from the current output (review the diff by eye; never in CI)",
    )


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


@pytest.fixture(scope="session")
def seed_projects():
    return read_seed()


def check_golden(path: Path, actual: str, update: bool) -> None:
    """Compare with a golden file; with --update-goldens, write it instead."""
    if update or not path.exists():
        if not update:
            pytest.fail(f"golden file {path} is missing: run pytest --update-goldens and review it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"


# Speed is measured by benchmarks, never by timed tests: no Hypothesis deadline (a busy machine
# made examples exceed the default 200 ms at random).
settings.register_profile("perflang", deadline=None)
settings.load_profile("perflang")


@pytest.fixture(scope="session")
def web_site(tmp_path_factory):
    """The workbench site, built once per session by `perflang web build` (tests/webpage.py)."""
    from webpage import build

    return build(tmp_path_factory.mktemp("web"))
