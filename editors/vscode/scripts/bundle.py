#!/usr/bin/env python3
"""Put perflang and the pure-Python libraries it needs into bundled/libs, for `vsce package`
(package.json's vscode:prepublish runs this through scripts/prepublish.js).

- the libraries of bundled/requirements.txt: wheels for any platform from the package index
  (pip download, pinned versions, hashes required), unpacked;
- MarkupSafe (bundled/requirements-source.txt): its source distribution, of which the
  pure-Python package is unpacked;
- perflang: a wheel built from this repository (pip wheel), unpacked.

The result is kept while the requirements and perflang's sources are the same (libs/.bundled
holds their digest): packaging again after a change to perflang rebuilds it.  Needs Python 3.11+
with pip (and the package index, or a PIP_FIND_LINKS folder that holds the same files)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]  # editors/vscode
ROOT = HERE.parents[1]  # the repository
BUNDLED = HERE / "bundled"
LIBS = BUNDLED / "libs"
STAMP = LIBS / ".bundled"
WHEELS = BUNDLED / "requirements.txt"
SOURCES = BUNDLED / "requirements-source.txt"
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
# what pyproject.toml builds the wheel from: perflang, the grammar (perflang.grammar) and the
# workbench page's sources (perflang.web.app), without what npm or Python leave there
PACKAGE_FOLDERS = ("perflang", "grammar", "web")
SKIPPED = {"__pycache__", "node_modules", "dist", "build"}


def digest() -> str:
    """What the bundle is made of: the requirements and every source file of perflang."""
    h = hashlib.sha256()
    files = [WHEELS, SOURCES, ROOT / "pyproject.toml"]
    for name in PACKAGE_FOLDERS:
        files += sorted(
            p for p in (ROOT / name).rglob("*") if p.is_file() and not SKIPPED.intersection(p.relative_to(ROOT).parts)
        )
    for p in files:
        h.update(str(p.relative_to(ROOT)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def run(args: list[str]) -> None:
    print("$", " ".join(str(a) for a in args), flush=True)
    subprocess.run(args, check=True)


def unpack_wheel(wheel: Path, into: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        z.extractall(into)


def unpack_markupsafe(sdist: Path, into: Path) -> None:
    """src/markupsafe's Python files (not the C speedups) and the licence."""
    with tarfile.open(sdist) as t:
        for m in t.getmembers():
            parts = Path(m.name).parts
            if len(parts) == 4 and parts[1:3] == ("src", "markupsafe") and parts[3].endswith((".py", ".typed")):
                target = into / "markupsafe" / parts[3]
            elif len(parts) == 2 and parts[1].upper().startswith("LICENSE"):
                target = into / "markupsafe" / parts[1]
            else:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(t.extractfile(m).read())


def _isolation() -> list[str]:
    """Build with the setuptools that is there when it is new enough for both builds (MarkupSafe's
    sdist needs setuptools>=77, perflang's pyproject.toml >=68; the test environment has it), else
    let pip fetch one into an isolated build (a fresh venv of Python 3.11 has setuptools 65)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        major = version("setuptools").split(".")[0]
    except PackageNotFoundError:
        return []
    return ["--no-build-isolation"] if major.isdigit() and int(major) >= 77 else []


def perflang_wheel(into: Path) -> Path:
    """perflang's wheel, built from a copy of what the repository's pyproject.toml builds it from
    (a build in the repository itself would leave build/ behind, whose stale files a later
    build would pack)."""
    source = into / "source"
    source.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for name in PACKAGE_FOLDERS:
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns(*SKIPPED))
    run([*PIP, "wheel", "--no-deps", *_isolation(), "-w", str(into), str(source)])
    (wheel,) = into.glob("perflang-*.whl")
    return wheel


def main() -> int:
    if sys.version_info < (3, 11):
        sys.exit("scripts/bundle.py needs Python 3.11 or newer")
    want = digest()
    if STAMP.is_file() and STAMP.read_text(encoding="utf-8").strip() == want:
        print(f"bundled/libs is up to date ({want[:12]})")
        return 0
    with tempfile.TemporaryDirectory(prefix="perflang-bundle-") as tmp:
        tmp = Path(tmp)
        downloads, built, libs = tmp / "downloads", tmp / "built", tmp / "libs"
        run(
            [
                *PIP,
                "download",
                "--no-deps",
                "--require-hashes",
                "--only-binary=:all:",
                "--platform",
                "any",
                "--python-version",
                "3.11",
                "--implementation",
                "py",
                "-d",
                str(downloads),
                "-r",
                str(WHEELS),
            ]
        )
        source = [*PIP, "download", "--no-deps", "--require-hashes", "--no-binary=:all:", *_isolation()]
        run([*source, "-d", str(downloads), "-r", str(SOURCES)])
        libs.mkdir()
        for wheel in sorted(downloads.glob("*.whl")):
            unpack_wheel(wheel, libs)
        (sdist,) = downloads.glob("markupsafe-*.tar.gz")
        unpack_markupsafe(sdist, libs)
        unpack_wheel(perflang_wheel(built), libs)
        (libs / ".bundled").write_text(want + "\n", encoding="utf-8")
        if LIBS.exists():
            shutil.rmtree(LIBS)
        shutil.move(str(libs), str(LIBS))
    print(f"bundled/libs: {sum(1 for p in LIBS.rglob('*') if p.is_file())} files ({want[:12]})")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    sys.exit(main())
