"""The workbench site for the web tests: built once per session with `perflang web build`
(npm in web/, Pyodide, the wheels), served on 127.0.0.1, driven by Playwright in Debian's
Chromium.  A missing tool (node, npm, chromium, playwright) skips locally and fails in CI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from pdftools import in_ci

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
READY = 60_000  # ms: the page's start is measured by benchmarks/run.py (target 10 s), not here


def need(what: str, ok: bool) -> None:
    if ok:
        return
    if in_ci():
        pytest.fail(f"{what} is missing in CI: .ci/run must install it")
    pytest.skip(f"{what} is not installed")


def build(tmp: Path) -> Path:
    """The site, built by the command line as a user builds it."""
    need("node and npm", bool(shutil.which("node") and shutil.which("npm")))
    site = tmp / "site"
    done = subprocess.run(
        [sys.executable, "-m", "perflang", "web", "build", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    return site


def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    need("chromium", Path(path).exists())
    return path
