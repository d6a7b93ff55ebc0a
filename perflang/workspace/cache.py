"""The check cache: each checked file's diagnostics, kept under what they depend on.

One index file, `.perflang_cache/check.json` in the current folder, is read once per check and
written once (atomically) when something changed.  It belongs to one fingerprint of perflang
(its version and a digest of its code, grammar and profiles: a changed checker never serves old
results, even before the version is bumped) and maps each checked path to

    [sha256 of the file's bytes, configuration key, diagnostics, stat signature, hashed at, used on]

An entry is served only for the same path, configuration and content: the file is read and
hashed, unless its stat signature (size, mtime, ctime, inode, device) is the recorded one and its
mtime and ctime were already RACY_NS old when it was last hashed.  Then any later write moved
its mtime or ctime past the recorded ones (git's index, ruff and mypy rely on the same), and the
content hash is known without reading it.  A file with diagnostics is always read: its text is
needed for their excerpts, so it is hashed anyway.  perflang's own files are fingerprinted by
the same rule: the index keeps their signatures, and they are hashed again only when one moved.

The cache is only ever a shortcut: an index or entry that is missing, unreadable or malformed is
a miss, a cache that cannot be written is skipped, and entries no check has used for
KEEP_UNUSED_DAYS are dropped when the index is next written.
"""

from __future__ import annotations

import json
import os
import time
from functools import lru_cache
from pathlib import Path

from .. import __version__
from .findfiles import files_below

__all__ = ["Cache", "CACHE_DIR", "INDEX_NAME", "code_fingerprint", "to_json", "from_json"]

CACHE_DIR = ".perflang_cache"
INDEX_NAME = "check.json"
KEEP_UNUSED_DAYS = 30
# a file changed within this long before it was hashed is read again next time: file systems
# stamp times from a coarse clock (up to 2 s on FAT), so such a change may not move its mtime
RACY_NS = 2_000_000_000
_DAY_NS = 86400 * 10**9
_SCALARS = (str, int, bool, type(None))
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# perflang check cache (see CACHEDIR.TAG spec)\n"


_ROOT = Path(__file__).resolve().parents[1]  # perflang/


def fingerprinted_files() -> list[tuple[str, Path]]:
    """The package files whose change must invalidate every cached result, with their names:
    the code, the built-in profiles and the grammar (which a checkout keeps outside the package)."""
    from ..syntax.grammar import grammar_path

    files = [(str(f.relative_to(_ROOT)), f) for f in files_below(_ROOT, (".py", ".lark", ".toml"))]
    if not grammar_path().is_relative_to(_ROOT):
        files.append(("grammar/perf.lark", grammar_path()))
    return files


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of perflang's source files, grammar and built-in profiles (the national
    profile's pools decide PF307), with the version."""
    import hashlib

    h = hashlib.sha256(__version__.encode())
    for name, f in fingerprinted_files():
        h.update(name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def code_signatures() -> list[list]:
    """The signature of each fingerprinted file: while none changes, nor does the fingerprint."""
    return [[name, *signature(os.stat(f))] for name, f in fingerprinted_files()]


def signature(st: os.stat_result) -> list[int]:
    """What a write to a file changes: size, mtime, ctime (which no one can set back), inode."""
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]


def _span(s) -> list[int] | None:
    return None if s is None else [s.line, s.column, s.end_line, s.end_column]


def to_json(d) -> dict:
    """A diagnostic as JSON data (without its file); ValueError when an arg is not a scalar,
    which only means the file is not cached."""
    if not all(isinstance(v, _SCALARS) for v in d.args.values()):
        raise ValueError(d.code)
    return {"code": d.code, "args": d.args, "span": _span(d.span),
            "path": None if d.path is None else list(d.path),
            "notes": [[n.message, _span(n.span)] for n in d.notes],
            "severity": None if d.severity is None else d.severity.value}


def from_json(data: dict, path: str):
    """The diagnostic to_json stored, in file path (imported only when there is one to make)."""
    from ..diagnostics import Diagnostic, Note, Severity
    from ..source import Span

    def span(x):
        return None if x is None else Span(*x)

    return Diagnostic(code=data["code"], args=data["args"], span=span(data["span"]), file=path,
                      path=None if data["path"] is None else tuple(data["path"]),
                      notes=tuple(Note(m, span(s)) for m, s in data["notes"]),
                      severity=None if data["severity"] is None else Severity(data["severity"]))


class Entry:
    """One checked file, as the index holds it (see the module's docstring)."""

    __slots__ = ("digest", "config", "diagnostics", "signature", "hashed_at", "used_on")

    def __init__(self, digest: str, config: str, diagnostics: list, signature: list[int],
                 hashed_at: int, used_on: int):
        if not (isinstance(digest, str) and isinstance(config, str) and isinstance(diagnostics, list)
                and isinstance(signature, list) and len(signature) == 5
                and all(type(x) is int for x in (*signature, hashed_at, used_on))):
            raise TypeError("malformed cache entry")
        self.digest, self.config, self.diagnostics = digest, config, diagnostics
        self.signature, self.hashed_at, self.used_on = signature, hashed_at, used_on

    def row(self) -> list:
        return [self.digest, self.config, self.diagnostics, self.signature, self.hashed_at,
                self.used_on]

    def unchanged(self, st: os.stat_result) -> bool:
        return unchanged(self.signature, self.hashed_at, st)


def unchanged(sig: list[int], hashed_at: int, st: os.stat_result) -> bool:
    """Provably the content hashed: the same signature, and its times were not racy then."""
    return signature(st) == sig and max(sig[1], sig[2]) < hashed_at - RACY_NS


class Cache:
    """The index of one folder; nothing here raises on a bad or unwritable cache."""

    def __init__(self, file: Path):
        self.file = file
        self.now = time.time_ns()  # before any file is looked at: the conservative time
        self.today = self.now // _DAY_NS
        self.code = code_signatures()  # taken before the files are hashed, if they must be
        self.changed = False
        self.fingerprint, self.code_hashed_at, self.rows = self._load()

    @classmethod
    def open(cls, root: Path | None = None) -> "Cache":
        return cls((root or Path.cwd()) / CACHE_DIR / INDEX_NAME)

    def _load(self) -> tuple[str, int, dict]:
        """perflang's fingerprint, when it was taken, and the index's entries if they are of
        this fingerprint.  perflang's files are hashed only when one of them changed."""
        try:
            with open(self.file, "rb") as f:
                data = json.loads(f.read())
        except (OSError, ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            data = {}
        code = data.get("code")
        if (data.get("version") == __version__ and isinstance(data.get("fingerprint"), str)
                and self._same_code(code)):
            fingerprint, hashed_at = data["fingerprint"], code[0]
        else:
            fingerprint, hashed_at = code_fingerprint(), self.now
            self.changed = True  # keep the new signatures, even if no entry changes
        rows = data.get("files")
        if data.get("fingerprint") != fingerprint or not isinstance(rows, dict):
            rows = {}
        return fingerprint, hashed_at, rows

    def _same_code(self, code) -> bool:
        """The code's signatures as recorded, and all older than RACY_NS then."""
        if not (isinstance(code, list) and len(code) == 2 and type(code[0]) is int
                and code[1] == self.code):
            return False
        return all(sig[2] < code[0] - RACY_NS and sig[3] < code[0] - RACY_NS for sig in self.code)

    def clean_hit(self, path: str, config: str, st: os.stat_result) -> bool:
        """The hit that needs no read: path's entry is of this configuration, holds no
        diagnostic, and the file is unchanged since it was hashed.  Marks the entry used."""
        row = self.rows.get(path)
        try:
            hit = (len(row) == 6 and row[1] == config and row[2] == [] and type(row[5]) is int
                   and unchanged(row[3], row[4], st))
        except (TypeError, IndexError, KeyError):
            return False
        if hit and row[5] != self.today:
            row[5], self.changed = self.today, True
        return hit

    def entry(self, path: str, config: str) -> Entry | None:
        """The well-formed entry of path under this configuration, if any."""
        row = self.rows.get(path)
        if not isinstance(row, list) or len(row) != 6 or row[1] != config:
            return None
        try:
            return Entry(*row)
        except TypeError:
            return None

    @staticmethod
    def digest(data: bytes) -> str:
        import hashlib  # here: a re-check that reads no file never loads it (~5 ms)

        return hashlib.sha256(data).hexdigest()

    def served(self, path: str, entry: Entry, st: os.stat_result) -> None:
        """Note a hit of a file read and hashed again: its signature if that moved (or was
        taken too soon to be trusted), and the day of use."""
        if not entry.unchanged(st):  # touched, copied back, or hashed too soon
            entry.signature, entry.hashed_at = signature(st), self.now
        elif entry.used_on == self.today:
            return
        entry.used_on = self.today
        self.rows[path] = entry.row()
        self.changed = True

    def put(self, path: str, config: str, digest: str, st: os.stat_result, diagnostics) -> None:
        """Keep a file's diagnostics (a diagnostic that JSON cannot hold: the file is not kept)."""
        try:
            data = [to_json(d) for d in diagnostics]
        except ValueError:
            self.changed |= self.rows.pop(path, None) is not None
            return
        self.rows[path] = Entry(digest, config, data, signature(st), self.now, self.today).row()
        self.changed = True

    def save(self) -> None:
        """Write the index once, if anything changed; drop entries unused for a month."""
        if not self.changed:
            return
        oldest = self.today - KEEP_UNUSED_DAYS
        rows = {p: r for p, r in self.rows.items()
                if isinstance(r, list) and len(r) == 6 and isinstance(r[5], int) and r[5] >= oldest}
        index = {"version": __version__, "fingerprint": self.fingerprint,
                 "code": [self.code_hashed_at, self.code], "files": rows}
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        try:
            self._create()
            from ..fileio import write_atomic

            write_atomic(self.file, text)
        except OSError:
            pass  # a read-only folder: the check runs without the cache

    def _create(self) -> None:
        top = self.file.parent
        if top.is_dir():
            return
        top.mkdir(parents=True, exist_ok=True)
        # keep the cache out of git and out of backups, as ruff and pytest do
        (top / ".gitignore").write_text("*\n", encoding="utf-8")
        (top / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
