"""The check cache: a file's diagnostics stored under a hash of everything they depend on.

An entry's key is the SHA-256 of the file's path and text, the configuration, perflang's
version and a fingerprint of perflang's own code and grammar (so a changed checker never serves
old results, even before the version is bumped).  Entries live in `.perflang_cache/` in the
current folder, one small JSON file each.  The cache is only ever a shortcut: an entry that is
missing, unreadable or malformed is a miss, and a cache that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from functools import lru_cache
from pathlib import Path

from . import __version__
from .config import Config
from .diagnostics import Diagnostic, Note, Severity
from .source import Span

__all__ = ["Cache", "CACHE_DIR", "code_fingerprint"]

CACHE_DIR = ".perflang_cache"
KEEP_UNUSED = 30 * 86400  # seconds an entry may go unused before a check removes it
_PRUNE_EVERY = 86400
_SCALARS = (str, int, bool, type(None))
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# perflang check cache (see CACHEDIR.TAG spec)\n"


def fingerprinted_files() -> list[Path]:
    """The package files whose change must invalidate every cached result."""
    root = Path(__file__).parent
    return sorted([*root.rglob("*.py"), *root.rglob("*.lark"), *root.rglob("*.toml")])


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of perflang's source files, grammar and built-in profiles (the national
    profile's pools decide PF307), with the version."""
    root = Path(__file__).parent
    h = hashlib.sha256(__version__.encode())
    for f in fingerprinted_files():
        h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _span(s: Span | None) -> list[int] | None:
    return None if s is None else [s.line, s.column, s.end_line, s.end_column]


def to_json(d: Diagnostic) -> dict:
    """A diagnostic as JSON data (without its file); ValueError when an arg is not a scalar,
    which only means the file is not cached."""
    if not all(isinstance(v, _SCALARS) for v in d.args.values()):
        raise ValueError(d.code)
    return {"code": d.code, "args": d.args, "span": _span(d.span),
            "path": None if d.path is None else list(d.path),
            "notes": [[n.message, _span(n.span)] for n in d.notes],
            "severity": None if d.severity is None else d.severity.value}


def from_json(data: dict, path: str) -> Diagnostic:
    def span(x):
        return None if x is None else Span(*x)

    return Diagnostic(code=data["code"], args=data["args"], span=span(data["span"]), file=path,
                      path=None if data["path"] is None else tuple(data["path"]),
                      notes=tuple(Note(m, span(s)) for m, s in data["notes"]),
                      severity=None if data["severity"] is None else Severity(data["severity"]))


class Cache:
    """One folder of entries; get/put never raise."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.salt = code_fingerprint()
        self.writable = True

    @classmethod
    def open(cls, root: Path | None = None) -> "Cache":
        return cls((root or Path.cwd()) / CACHE_DIR / "check")

    def key(self, path: str, text: str, config: Config) -> str:
        h = hashlib.sha256(self.salt.encode())
        for part in (config.key(), path, text):
            h.update(b"\0" + part.encode())
        return h.hexdigest()

    def get(self, key: str, path: str) -> tuple[Diagnostic, ...] | None:
        entry = self.folder / key
        try:
            diags = tuple(from_json(d, path) for d in json.loads(entry.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        try:
            os.utime(entry)  # used now: prune keeps it
        except OSError:
            pass
        return diags

    def put(self, key: str, diags: tuple[Diagnostic, ...]) -> None:
        if not self.writable:
            return
        from .fileio import write_atomic

        try:
            data = json.dumps([to_json(d) for d in diags], ensure_ascii=False)
        except ValueError:
            return
        try:
            if not self.folder.is_dir():
                self._create()
            write_atomic(self.folder / key, data)
        except OSError:
            self.writable = False  # a read-only folder: check without the cache

    def prune(self, now: float | None = None) -> None:
        """Remove the entries no check has used for KEEP_UNUSED seconds (edited files leave
        their old entries behind); looks at most once a day."""
        now = time.time() if now is None else now
        marker = self.folder / ".pruned"
        try:
            if now - marker.stat().st_mtime < _PRUNE_EVERY:
                return
        except FileNotFoundError:
            pass
        except OSError:
            return
        try:
            for entry in self.folder.iterdir():
                if entry != marker and now - entry.stat().st_mtime > KEEP_UNUSED:
                    entry.unlink()
            marker.touch()
            os.utime(marker, (now, now))
        except OSError:
            pass

    def _create(self) -> None:
        top = self.folder.parent
        self.folder.mkdir(parents=True, exist_ok=True)
        # keep the cache out of git and out of backups, as ruff and pytest do
        (top / ".gitignore").write_text("*\n", encoding="utf-8")
        (top / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
