"""`perflang web build DIR`: the static site of the workbench.

    DIR/index.html, style.css      the page (web/static/)
    DIR/app.js, worker.js          bundled by esbuild from web/src/ (CodeMirror 6 from npm)
    DIR/pyodide/                   Pyodide's runtime from npm (the interpreter and its stdlib)
    DIR/wheels/                    perflang's wheel (packed here from the installed package) and
                                   its dependencies' pure-Python wheels (web/wheels.txt, pinned
                                   with hashes, downloaded by pip from PyPI)
    DIR/manifest.json              the wheels the worker unpacks, in order
    DIR/texts.json, keywords.json  the page's texts (messages.WEB_TEXTS) and the words the editor
                                   highlights (syntax.keywords, framework, units): generated
    DIR/sample.perf                what a first visit shows (`perflang new`'s skeleton)

The JavaScript side is built with npm in the web/ folder: the repository's own, or, in an
installed wheel (which ships web/'s sources as perflang/web/app/), a copy in the user's cache
folder.  npm and pip need the package registries at build time; the site needs nothing but
its own folder at run time.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from .. import __version__
from ..errors import PerflangError
from ..messages import phrase

__all__ = ["build_site", "web_source", "site_stamp", "cache_dir", "PYTHON_FOR_PYODIDE"]

PYTHON_FOR_PYODIDE = "3.14"  # the Python of the pinned Pyodide (web/package.json)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # every file of a packed wheel: the same bytes for the same input
PACKAGE = Path(__file__).resolve().parents[1]  # the perflang package folder
MARKER = "perflang-web"


def web_source() -> Path:
    """The folder with package.json, build.mjs, src/ and static/: the installed copy
    (perflang/web/app/) or the repository's web/."""
    for place in (PACKAGE / "web" / "app", PACKAGE.parent / "web"):
        if (place / "package.json").is_file() and (place / "build.mjs").is_file():
            return place
    raise PerflangError(
        "PF925", step="web/", detail=f"the page's sources are missing (looked in {PACKAGE / 'web' / 'app'})"
    )


def cache_dir() -> Path:
    base = (
        os.environ.get("XDG_CACHE_HOME")
        or (os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else None)
        or Path.home() / ".cache"
    )
    return Path(base) / "perflang"


def _source_files(root: Path):
    """The files of a source tree that make up the site (no node_modules, no caches)."""
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and not ({"node_modules", "__pycache__", "dist"} & set(rel.parts)):
            yield rel, path


def site_stamp() -> str:
    """A digest of everything a site is built from: a site with this stamp is up to date."""
    h = hashlib.sha256()
    for root in (PACKAGE, web_source()):
        for rel, path in _source_files(root):
            if root == PACKAGE and rel.parts[:2] == ("web", "app"):
                continue
            h.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _run(cmd: list[str], cwd: Path, step: str) -> None:
    try:
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    except OSError as exc:
        raise PerflangError("PF925", step=step, detail=str(exc)) from None
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-6:]
        raise PerflangError("PF925", step=step, detail=" / ".join(tail) or f"exit {done.returncode}")


def _tool(name: str, said=None) -> str:
    """The program's path; PF924 naming it (said: a phrase of the catalog, else its name)."""
    found = shutil.which(name)
    if found is None:
        raise PerflangError("PF924", tool=said or name)
    return found


def _workdir(source: Path) -> Path:
    """Where npm runs: the repository's web/ itself, or a copy of the installed sources."""
    if source.parent == PACKAGE.parent and os.access(source, os.W_OK):
        return source
    work = cache_dir() / "web-src"
    work.mkdir(parents=True, exist_ok=True)
    for rel, path in _source_files(source):
        dest = work / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.exists() or dest.read_bytes() != path.read_bytes():
            shutil.copyfile(path, dest)
    return work


def _npm_build(out: Path) -> None:
    source = web_source()
    node = _tool("node", phrase("tool.node"))
    npm = _tool("npm")
    work = _workdir(source)
    lock = hashlib.sha256((work / "package-lock.json").read_bytes()).hexdigest()
    stamp = work / "node_modules" / ".perflang-lock"
    if not stamp.is_file() or stamp.read_text() != lock:
        # exactly the locked versions; no package runs code at install time
        _run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], work, "npm ci")
        stamp.write_text(lock)
    _run([node, str(work / "build.mjs"), str(out)], work, "esbuild")
    missing = [f for f in ("index.html", "app.js", "worker.js", "pyodide/pyodide.asm.wasm") if not (out / f).is_file()]
    if missing:
        raise PerflangError("PF925", step="esbuild", detail=f"not written: {', '.join(missing)}")


def _requirements(source: Path) -> list[tuple[str, str, str]]:
    """(name, version, sha256) of web/wheels.txt."""
    out = []
    for line in (source / "wheels.txt").read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            spec, _, digest = line.partition("--hash=sha256:")
            name, _, ver = spec.strip().partition("==")
            out.append((name, ver, digest.strip()))
    return out


def _cached(folder: Path, digest: str) -> Path | None:
    for path in folder.glob("*"):
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            return path
    return None


def _download(reqs, folder: Path) -> dict[str, Path]:
    """name -> the downloaded file (wheel, or MarkupSafe's source archive), hash-checked."""
    folder.mkdir(parents=True, exist_ok=True)
    found = {name: _cached(folder, digest) for name, _, digest in reqs}
    missing = [(n, v, d) for n, v, d in reqs if found[n] is None]
    if missing:
        pip = [sys.executable, "-m", "pip", "download", "--no-deps", "--require-hashes", "-q", "-d", str(folder)]
        wheels = [(n, v, d) for n, v, d in missing if n != "markupsafe"]
        sources = [(n, v, d) for n, v, d in missing if n == "markupsafe"]
        for group, extra in (
            (wheels, ["--only-binary", ":all:", "--platform", "any", "--python-version", PYTHON_FOR_PYODIDE]),
            (sources, ["--no-binary", ":all:"]),
        ):
            if group:
                req = folder / "requirements.txt"
                req.write_text("".join(f"{n}=={v} --hash=sha256:{d}\n" for n, v, d in group), "utf-8")
                _run([*pip, *extra, "-r", str(req)], folder, "pip download")
        found = {name: _cached(folder, digest) for name, _, digest in reqs}
    lost = [n for n, p in found.items() if p is None]
    if lost:
        raise PerflangError("PF925", step="pip download", detail=f"not downloaded: {', '.join(lost)}")
    return found  # type: ignore[return-value]


def _wheel(name: str, version: str, files: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    """A pure-Python wheel (py3-none-any) of files (archive path, bytes), deterministic."""
    dist = f"{name}-{version}.dist-info"
    files = sorted(files)
    files.append((f"{dist}/METADATA", f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()))
    files.append(
        (
            f"{dist}/WHEEL",
            b"Wheel-Version: 1.0\nGenerator: perflang web build\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        )
    )
    record = (
        "".join(f"{p},sha256={_b64(hashlib.sha256(d).digest())},{len(d)}\n" for p, d in files) + f"{dist}/RECORD,,\n"
    )
    files.append((f"{dist}/RECORD", record.encode()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in files:
            info = zipfile.ZipInfo(path, ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return f"{name}-{version}-py3-none-any.whl", buf.getvalue()


def _b64(digest: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


PACKAGE_DATA = (".py", ".j2", ".json", ".toml", ".lark")  # what the wheel ships (pyproject.toml)


def perflang_wheel() -> tuple[str, bytes]:
    """perflang's own wheel, packed from this package as the wheel ships it (its grammar at
    perflang/grammar/perf.lark), without the page's JavaScript sources."""
    from ..syntax.grammar import grammar_path

    files = []
    for rel, path in _source_files(PACKAGE):
        if rel.parts[:2] == ("web", "app") or rel.parts[0] == "grammar" or path.suffix not in PACKAGE_DATA:
            continue
        files.append(("perflang/" + rel.as_posix(), path.read_bytes()))
    files.append(("perflang/grammar/perf.lark", grammar_path().read_bytes()))
    return _wheel("perflang", __version__, files)


def markupsafe_wheel(sdist: Path) -> tuple[str, bytes]:
    """MarkupSafe as a pure wheel: the Python files of its source archive (it runs without its
    C speedups, importing markupsafe._native instead)."""
    files, version = [], sdist.name.removesuffix(".tar.gz").split("-")[-1]
    with tarfile.open(sdist) as tar:
        for member in tar.getmembers():
            parts = member.name.split("/")
            if member.isfile() and parts[1:3] == ["src", "markupsafe"] and parts[-1].endswith((".py", ".typed")):
                files.append(("markupsafe/" + parts[-1], tar.extractfile(member).read()))
    return _wheel("markupsafe", version, files)


def _generated(out: Path) -> None:
    from .. import framework
    from ..lsp.completion import WORD_CHAR, level1_items, level2_items
    from ..messages import web_texts
    from ..syntax.keywords import ALL_WORDS
    from ..syntax.skeleton import PLACEHOLDERS, skeleton
    from ..units import KNOWN_UNITS

    words = {
        "keywords": list(ALL_WORDS),
        "level1": sorted({i.label for i in level1_items()}),
        "level2": sorted({i.label for owner in framework.LEVEL1 for i in level2_items(owner)}),
        "units": sorted(KNOWN_UNITS),
        "word": WORD_CHAR,  # a character of the word a completion replaces (the language server's)
    }
    _write(out / "keywords.json", json.dumps(words, ensure_ascii=False, indent=1, sort_keys=True))
    _write(out / "texts.json", json.dumps(web_texts(), ensure_ascii=False, indent=1, sort_keys=True))
    p = PLACEHOLDERS
    _write(out / "sample.perf", skeleton(p["unit"], p["project"], "100", p["form"], p["goals"]))


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _is_site(folder: Path) -> bool:
    try:
        return json.loads((folder / "manifest.json").read_text("utf-8")).get("kind") == MARKER
    except (OSError, ValueError, AttributeError):
        return False


def build_site(dest: str | Path) -> dict:
    """Build the site into dest (a new or empty folder, or an earlier site, which is replaced
    only once the new one is complete).  Returns its manifest."""
    dest = Path(os.path.abspath(dest))  # npm and node run in another folder
    if dest.exists() and not (dest.is_dir() and (not any(dest.iterdir()) or _is_site(dest))):
        raise PerflangError("PF926", dir=str(dest))
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.building-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        _npm_build(tmp)
        source = web_source()
        reqs = _requirements(source)
        got = _download(reqs, cache_dir() / "wheels")
        wheels_dir = tmp / "wheels"
        wheels_dir.mkdir()
        names = []
        for name, _, _ in reqs:
            path = got[name]
            if name == "markupsafe":
                wname, data = markupsafe_wheel(path)
                (wheels_dir / wname).write_bytes(data)
            else:
                wname = path.name
                shutil.copyfile(path, wheels_dir / wname)
            names.append(wname)
        wname, data = perflang_wheel()
        (wheels_dir / wname).write_bytes(data)
        names.append(wname)
        _generated(tmp)
        manifest = {"kind": MARKER, "version": __version__, "stamp": site_stamp(), "wheels": names}
        _write(tmp / "manifest.json", json.dumps(manifest, indent=1))
        manifest["bytes"] = _size(tmp)
        if dest.exists():
            old = dest.with_name(f".{dest.name}.old-{os.getpid()}")
            dest.rename(old)
            tmp.rename(dest)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return manifest


def up_to_date(folder: Path) -> bool:
    """folder holds a site built from exactly these sources."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return manifest.get("kind") == MARKER and manifest.get("stamp") == site_stamp()
