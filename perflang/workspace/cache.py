"""The check cache: each checked file's diagnostics, kept under what they depend on.

One index file, `.perflang_cache/check.json` at the project root (the nearest folder at or above
the current one holding a perflang.toml, pyproject.toml or .git; else `check.json` in the user's
cache folder, ~/.cache/perflang), is read once per check and written once (atomically) when
something changed.  It belongs to one fingerprint of perflang
(its version and a digest of its code, grammar and profiles: a changed checker never serves old
results, even before the version is bumped) and maps each checked path to

    [sha256 of the file's bytes, configuration key, diagnostics, stat signature, hashed at, used on,
     seal]

keyed by the file's absolute path.  The seal is a keyed BLAKE2 digest of the path and the entry
(all but the day of use) under a secret key made once per user and machine and kept in the user's
configuration folder (~/.config/perflang/cache-key, mode 0600): an entry not written by this
cache on this machine (a `.perflang_cache` committed to a repository, copied from elsewhere, or
edited) is a miss, so a cache can only ever make a check faster, never change its result.

An entry is served only for the same path, configuration and content: the file is read and
hashed, unless its stat signature (size, mtime, ctime, inode, device) is the recorded one and its
mtime and ctime were already RACY_NS old when it was last hashed.  Then any later write moved
its mtime or ctime past the recorded ones (git's index, ruff and mypy rely on the same), and the
content hash is known without reading it.  A file with diagnostics is always read: its text is
needed for their excerpts, so it is hashed anyway.  perflang's own files are fingerprinted by
the same rule: the index keeps their signatures, and they are hashed again only when one moved.

The cache is only ever a shortcut: an index or entry that is missing, unreadable, unsealed or
malformed is a miss; the index is read only when it is a regular file (not a link, a FIFO or a
device) of at most MAX_INDEX_BYTES; a cache folder that is a symlink is neither read nor written;
a cache that cannot be written is skipped; and entries no check has used for KEEP_UNUSED_DAYS are
dropped when the index is next written.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from functools import lru_cache
from pathlib import Path

from .. import __version__
from .findfiles import files_below

__all__ = [
    "Cache",
    "CACHE_DIR",
    "INDEX_NAME",
    "code_fingerprint",
    "to_json",
    "from_json",
    "cache_dir",
    "project_root",
    "user_cache_dir",
]

CACHE_DIR = ".perflang_cache"
INDEX_NAME = "check.json"
KEEP_UNUSED_DAYS = 30
# a file changed within this long before it was hashed is read again next time: file systems
# stamp times from a coarse clock (up to 2 s on FAT), so such a change may not move its mtime
RACY_NS = 2_000_000_000
_DAY_NS = 86400 * 10**9
ROOT_MARKERS = ("perflang.toml", "pyproject.toml", ".git")
MAX_INDEX_BYTES = 256 * 2**20  # some 1,000,000 entries; anything larger is not an index of ours
KEY_NAME = "cache-key"
_ROW = 7
_SCALARS = (str, int, bool, type(None))
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# perflang check cache (see CACHEDIR.TAG spec)\n"


def project_root(start: str) -> Path | None:
    """The nearest folder at or above start holding a perflang.toml, pyproject.toml or .git."""
    folder = os.path.abspath(start)
    while True:
        if any(os.path.exists(os.path.join(folder, m)) for m in ROOT_MARKERS):
            return Path(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _home_dir(env: str, unix: str, windows: str) -> Path:
    """A per-user folder: $env, else the platform's place for it."""
    if os.environ.get(env):
        return Path(os.environ[env])
    if sys.platform == "win32" and os.environ.get(windows):
        return Path(os.environ[windows])
    return Path.home() / unix


def user_cache_dir() -> Path:
    """perflang's folder in the user's cache folder (~/.cache/perflang, or $XDG_CACHE_HOME)."""
    return _home_dir("XDG_CACHE_HOME", ".cache", "LOCALAPPDATA") / "perflang"


def _config_dir() -> Path:
    return _home_dir("XDG_CONFIG_HOME", ".config", "APPDATA") / "perflang"


def cache_dir() -> Path | None:
    """Where the check cache lives: `.perflang_cache` at the project root of the current folder,
    else the user's cache folder; None when there is no current folder (it was deleted)."""
    try:
        cwd = os.getcwd()
    except OSError:
        return None
    root = project_root(cwd)
    return root / CACHE_DIR if root is not None else user_cache_dir()


def _read_secret(file: Path) -> bytes | None:
    try:
        st = os.lstat(file)
        if not stat.S_ISREG(st.st_mode) or st.st_size != 64:
            return None
        return bytes.fromhex(file.read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=1)
def secret_key() -> bytes | None:
    """This user's secret for sealing cache entries, made on first use (None: none can be kept,
    and nothing is cached)."""
    file = _config_dir() / KEY_NAME
    key = _read_secret(file)
    if key is not None:
        return key
    try:
        file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(os.urandom(32).hex())
    except FileExistsError:  # another check made it meanwhile
        pass
    except OSError:
        return None
    return _read_secret(file)


def _blake2b():
    try:
        from _blake2 import blake2b  # without hashlib's OpenSSL (~5-20 ms to import)
    except ImportError:  # pragma: no cover - other Pythons
        from hashlib import blake2b
    return blake2b


def _read_index(file: Path) -> bytes | None:
    """The index's bytes, if it is a regular file of sane size in a folder that is no link."""
    if os.path.islink(file.parent):
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(file, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_INDEX_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(MAX_INDEX_BYTES + 1)
        return data if len(data) <= MAX_INDEX_BYTES else None
    except OSError:
        return None
    finally:
        os.close(fd)


_ROOT = Path(__file__).resolve().parents[1]  # perflang/


def fingerprinted_files() -> list[tuple[str, Path]]:
    """The package files whose change must invalidate every cached result, with their names:
    the code, the built-in profiles, the grammar (which a checkout keeps outside the package) and
    the profiles of the PERFLANG_PROFILES folders."""
    from ..scoring.profiles import extra_files
    from ..syntax.grammar import grammar_path

    files = [(f.relative_to(_ROOT).as_posix(), f) for f in files_below(_ROOT, (".py", ".lark", ".toml"))]
    if not grammar_path().is_relative_to(_ROOT):
        files.append(("grammar/perf.lark", grammar_path()))
    # profiles of the PERFLANG_PROFILES folders: a name they add can change a check's PF108
    files += [(f"PERFLANG_PROFILES/{k}/{f.name}", f) for k, f in enumerate(extra_files())]
    # in name order: a checkout (grammar beside the package) and an installed copy (grammar
    # inside it) of the same code have the same fingerprint
    return sorted(files)


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


def _arg_to_json(v):
    """A diagnostic's argument as JSON: a scalar as it is, a catalog phrase (messages.Phrase) as
    {"phrase": key, "args": …}, a messages.Listing as {"listing": [...], "sep": …}; ValueError
    for anything else."""
    if isinstance(v, _SCALARS):
        return v
    kind = type(v).__name__
    if kind == "Phrase":
        return {"phrase": v.key, "args": {k: _arg_to_json(x) for k, x in v.args.items()}}
    if kind == "Listing":
        return {"listing": [_arg_to_json(x) for x in v.items], "sep": v.sep}
    raise ValueError(kind)


def _arg_from_json(v):
    """What _arg_to_json wrote, checked (ValueError, KeyError, TypeError when it is not)."""
    if isinstance(v, _SCALARS):
        return v
    from ..messages import CLI, PHRASES, Listing, Phrase

    if isinstance(v, dict) and set(v) == {"phrase", "args"} and v["phrase"] in PHRASES and isinstance(v["args"], dict):
        return Phrase(v["phrase"], {str(k): _arg_from_json(x) for k, x in v["args"].items()})
    if isinstance(v, dict) and set(v) == {"listing", "sep"} and isinstance(v["listing"], list) and v["sep"] in CLI:
        return Listing(tuple(_arg_from_json(x) for x in v["listing"]), v["sep"])
    raise ValueError("malformed argument")


def to_json(d) -> dict:
    """A diagnostic as JSON data (without its file); ValueError when an arg is neither a scalar
    nor a phrase or listing of the catalog, which only means the file is not cached."""
    return {
        "code": d.code,
        "args": {k: _arg_to_json(v) for k, v in d.args.items()},
        "span": _span(d.span),
        "path": None if d.path is None else list(d.path),
        "notes": [[_arg_to_json(n.message), _span(n.span)] for n in d.notes],  # a text or a Phrase
        "severity": None if d.severity is None else d.severity.value,
        "fix": [[_span(s), t] for s, t in d.fix],
    }


def _checked_span(x):
    """A stored span: None or four positive ints (line, column, end line, end column)."""
    if x is None:
        return None
    if not (isinstance(x, list) and len(x) == 4 and all(type(v) is int and 0 < v < 2**31 for v in x)):
        raise ValueError("malformed span")
    return x


def from_json(data: dict, path: str):
    """The diagnostic to_json stored, in file path (imported only when there is one to make);
    ValueError (or KeyError, TypeError) when anything in it is not what to_json writes."""
    from ..diagnostics import Diagnostic, Edit, Note, Severity
    from ..messages import CATALOG
    from ..source import Span

    def span(x):
        x = _checked_span(x)
        return None if x is None else Span(*x)

    args, notes, where, fix = data["args"], data["notes"], data["path"], data["fix"]
    if not (
        data["code"] in CATALOG
        and isinstance(args, dict)
        and all(isinstance(k, str) for k in args)
        and isinstance(notes, list)
        and all(isinstance(n, list) and len(n) == 2 and isinstance(n[0], (str, dict)) for n in notes)
        and (where is None or isinstance(where, list) and all(isinstance(w, str) for w in where))
        and isinstance(fix, list)
        and all(isinstance(e, list) and len(e) == 2 and isinstance(e[1], str) and e[0] is not None for e in fix)
    ):
        raise ValueError("malformed diagnostic")
    if data["span"] is None:
        raise ValueError("a diagnostic without a span")
    return Diagnostic(
        code=data["code"],
        args={k: _arg_from_json(v) for k, v in args.items()},
        span=span(data["span"]),
        file=path,
        path=None if where is None else tuple(where),
        notes=tuple(Note(_arg_from_json(m), span(s)) for m, s in notes),
        severity=None if data["severity"] is None else Severity(data["severity"]),
        fix=tuple(Edit(span(s), t) for s, t in fix),
    )


class Entry:
    """One checked file, as the index holds it (see the module's docstring)."""

    __slots__ = ("digest", "config", "diagnostics", "signature", "hashed_at", "used_on")

    def __init__(
        self,
        digest: str,
        config: str,
        diagnostics: list,
        signature: list[int],
        hashed_at: int,
        used_on: int,
        seal: str = "",
    ):
        if not (
            isinstance(digest, str)
            and isinstance(config, str)
            and isinstance(diagnostics, list)
            and isinstance(signature, list)
            and len(signature) == 5
            and all(type(x) is int for x in (*signature, hashed_at, used_on))
        ):
            raise TypeError("malformed cache entry")
        self.digest, self.config, self.diagnostics = digest, config, diagnostics
        self.signature, self.hashed_at, self.used_on = signature, hashed_at, used_on

    def row(self) -> list:
        """The entry as the index holds it, before it is sealed."""
        return [self.digest, self.config, self.diagnostics, self.signature, self.hashed_at, self.used_on]

    def unchanged(self, st: os.stat_result) -> bool:
        return unchanged(self.signature, self.hashed_at, st)


def unchanged(sig: list[int], hashed_at: int, st: os.stat_result) -> bool:
    """Provably the content hashed: the same signature, and its times were not racy then."""
    return signature(st) == sig and max(sig[1], sig[2]) < hashed_at - RACY_NS


class Cache:
    """The index of one project (or of the user's cache); nothing here raises on a bad or
    unwritable cache."""

    def __init__(self, file: Path, key: bytes):
        self.file = file
        self.key = key
        self.cwd = os.getcwd()
        self.now = time.time_ns()  # before any file is looked at: the conservative time
        self.today = self.now // _DAY_NS
        self.code = code_signatures()  # taken before the files are hashed, if they must be
        self.changed = False
        self.fingerprint, self.code_hashed_at, self.rows = self._load()

    @classmethod
    def open(cls, root: Path | None = None) -> "Cache | None":
        """The cache of the current project (root: of that folder), or None when there is none
        (no current folder, or no secret key can be kept)."""
        folder = root / CACHE_DIR if root is not None else cache_dir()
        key = secret_key()
        if folder is None or key is None:
            return None
        try:
            return cls(folder / INDEX_NAME, key)
        except OSError:  # the current folder went away meanwhile
            return None

    def _load(self) -> tuple[str, int, dict]:
        """perflang's fingerprint, when it was taken, and the index's entries if they are of
        this fingerprint.  perflang's files are hashed only when one of them changed."""
        raw = _read_index(self.file)
        try:
            data = json.loads(raw) if raw is not None else None
        except (ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            data = {}
        code = data.get("code")
        if data.get("version") == __version__ and isinstance(data.get("fingerprint"), str) and self._same_code(code):
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
        if not (isinstance(code, list) and len(code) == 2 and type(code[0]) is int and code[1] == self.code):
            return False
        return all(sig[2] < code[0] - RACY_NS and sig[3] < code[0] - RACY_NS for sig in self.code)

    def _where(self, path: str) -> str:
        """A file's key in the index: its absolute path."""
        return os.path.normpath(os.path.join(self.cwd, path))

    def _seal(self, where: str, row: list) -> str:
        """The keyed digest of an entry (all but its day of use) under its path."""
        text = json.dumps([self.fingerprint, where, row[:5]], ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return _blake2b()(text.encode("utf-8", "surrogatepass"), key=self.key[:64], digest_size=16).hexdigest()

    def _trusted(self, where: str) -> list | None:
        """where's row, if it is one this cache wrote and sealed."""
        row = self.rows.get(where)
        try:
            if isinstance(row, list) and len(row) == _ROW and row[6] == self._seal(where, row):
                return row
        except (TypeError, ValueError):  # not JSON data, or a lone surrogate
            pass
        return None

    def clean_hit(self, path: str, config: str, st: os.stat_result) -> bool:
        """The hit that needs no read: path's entry is of this configuration, holds no
        diagnostic, and the file is unchanged since it was hashed.  Marks the entry used."""
        row = self._trusted(self._where(path))
        try:
            hit = (
                row is not None
                and row[1] == config
                and row[2] == []
                and type(row[5]) is int
                and unchanged(row[3], row[4], st)
            )
        except (TypeError, IndexError, KeyError):
            return False
        if hit and row[5] != self.today:
            row[5], self.changed = self.today, True
        return hit

    def entry(self, path: str, config: str) -> Entry | None:
        """The well-formed, sealed entry of path under this configuration, if any."""
        row = self._trusted(self._where(path))
        if row is None or row[1] != config:
            return None
        try:
            return Entry(*row)
        except TypeError:
            return None

    @staticmethod
    def digest(data: bytes) -> str:
        import hashlib  # here: a re-check that reads no file never loads it (~5 ms)

        return hashlib.sha256(data).hexdigest()

    def _keep(self, path: str, row: list) -> None:
        where = self._where(path)
        try:
            where.encode("utf-8")
        except UnicodeEncodeError:  # a name that is no UTF-8 (POSIX allows it): not cached
            self.changed |= self.rows.pop(where, None) is not None
            return
        self.rows[where] = [*row, self._seal(where, row)]
        self.changed = True

    def served(self, path: str, entry: Entry, st: os.stat_result) -> None:
        """Note a hit of a file read and hashed again: its signature if that moved (or was
        taken too soon to be trusted), and the day of use."""
        if not entry.unchanged(st):  # touched, copied back, or hashed too soon
            entry.signature, entry.hashed_at = signature(st), self.now
        elif entry.used_on == self.today:
            return
        entry.used_on = self.today
        self._keep(path, entry.row())

    def put(self, path: str, config: str, digest: str, st: os.stat_result, diagnostics) -> None:
        """Keep a file's diagnostics (a diagnostic that JSON cannot hold: the file is not kept)."""
        try:
            data = [to_json(d) for d in diagnostics]
        except ValueError:
            self.changed |= self.rows.pop(self._where(path), None) is not None
            return
        self._keep(path, Entry(digest, config, data, signature(st), self.now, self.today).row())

    def save(self) -> None:
        """Write the index once, if anything changed; drop entries unused for a month (and
        any that are not this cache's)."""
        if not self.changed:
            return
        oldest = self.today - KEEP_UNUSED_DAYS
        rows = {
            p: r
            for p, r in self.rows.items()
            if isinstance(r, list) and len(r) == _ROW and type(r[5]) is int and r[5] >= oldest
        }
        index = {
            "version": __version__,
            "fingerprint": self.fingerprint,
            "code": [self.code_hashed_at, self.code],
            "files": rows,
        }
        try:
            text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            data = text.encode("utf-8")
        except (ValueError, TypeError, RecursionError):  # something odd read in: start afresh
            return
        try:
            if not self._create():
                return
            from ..fileio import write_atomic

            write_atomic(self.file, data)
        except OSError:
            pass  # a read-only folder: the check runs without the cache

    def _create(self) -> bool:
        """The cache folder, made if needed with its .gitignore and CACHEDIR.TAG; False when it
        is a symlink (never written through) or not a folder."""
        top = self.file.parent
        if os.path.islink(top):
            return False
        if not top.is_dir():
            top.mkdir(parents=True, exist_ok=True)
        # keep the cache out of git and out of backups, as ruff and pytest do
        for name, text in ((".gitignore", "*\n"), ("CACHEDIR.TAG", _TAG)):
            if not os.path.lexists(top / name):
                (top / name).write_text(text, encoding="utf-8")
        return True
