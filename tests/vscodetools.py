"""What the tests of editors/vscode share: node and npm (`npm ci` from package-lock.json when
node_modules is missing or older), and the extension packaged into a .vsix (once a session:
`vsce package`, whose vscode:prepublish bundles perflang and its libraries from the package
index; or the .vsix .ci/run built, named by PERFLANG_VSIX).  Without node/npm (or the package
index) the tests that need them skip, except in CI (CI=true), where they fail."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VSCODE = ROOT / "editors" / "vscode"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing(problem: str) -> None:
    """Skip, or fail in CI, for a tool or service that is not there."""
    if in_ci():
        pytest.fail(f"{problem} (CI must have it)")
    pytest.skip(problem)


@pytest.fixture(scope="session")
def node_modules() -> Path:
    """editors/vscode/node_modules, installed from package-lock.json with `npm ci` if needed."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        missing("node and npm are not installed: Node.js 20+ and npm are needed for editors/vscode")
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    if int(re.match(r"v?(\d+)", version).group(1)) < 20:
        missing(f"node {version} is too old (@vscode/vsce needs 20 or newer)")
    modules = VSCODE / "node_modules"
    marker = modules / ".package-lock.json"  # npm writes it at the end of an install
    lock = VSCODE / "package-lock.json"
    if not marker.exists() or marker.stat().st_mtime < lock.stat().st_mtime:
        run = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=VSCODE,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if run.returncode != 0:
            missing(f"npm ci failed in {VSCODE}:\n{run.stdout}\n{run.stderr}")
    return modules


@pytest.fixture(scope="session")
def vsix(node_modules, tmp_path_factory) -> Path:
    """The packaged extension: PERFLANG_VSIX when it names one, else `vsce package` now (its
    vscode:prepublish runs scripts/bundle.py with this Python, which fetches the pinned
    libraries from the package index)."""
    given = os.environ.get("PERFLANG_VSIX")
    if given:
        if not Path(given).is_file():
            pytest.fail(f"PERFLANG_VSIX names {given}, which is not a file")
        return Path(given)
    out = tmp_path_factory.mktemp("vsix") / "perflang.vsix"
    vsce = node_modules / "@vscode" / "vsce" / "vsce"
    import sys

    run = subprocess.run(
        ["node", str(vsce), "package", "--allow-missing-repository", "--out", str(out)],
        cwd=VSCODE,
        capture_output=True,
        text=True,
        timeout=900,
        env=dict(os.environ, PERFLANG_PYTHON=sys.executable),
    )
    if run.returncode != 0:
        text = run.stdout + run.stderr
        if "pip" in text and ("Could not" in text or "connection" in text.lower()):
            missing(f"the package index is needed to bundle perflang's libraries:\n{text[-2000:]}")
        pytest.fail(f"vsce package failed:\n{text[-4000:]}")
    return out
