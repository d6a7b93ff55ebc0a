"""Checking many files: worker processes (-j) and the check cache (perflang/workspace/cache.py).

The output never depends on either: results come back in the order of the files given, and a
cache hit returns exactly the diagnostics the check would give (tests/test_runner.py).  A
re-check served from the cache loads neither the compiler nor the diagnostics' classes unless a
file has diagnostics to show: the re-check of an unchanged folder is mostly process start-up.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from .cache import Cache, Entry
from .findfiles import collect_files
from .pool import FORK as _FORK
from .pool import default_jobs, forked_map
from .pool import workers as _pool
from .stream import STREAM_BYTES, worth_streaming

__all__ = ["FileResult", "all_clean", "check_files", "default_jobs", "failed"]

# below this many files to compile, starting workers costs more than it saves (a file of two
# projects compiles in ~1 ms; starting and stopping the workers costs some 20-30 ms: measured,
# -j 2 gains from about 70 such files on)
_MIN_FILES_PER_POOL = 64
_MIN_CHUNK = 4


class FileResult(NamedTuple):
    """A checked file: its diagnostics, and its source when they need it for excerpts."""

    path: str
    source: object  # SourceFile | None
    diagnostics: tuple


class _Todo(NamedTuple):
    """A file to compile, and what its cache entry will be made of."""

    index: int
    path: str
    data: bytes | None  # None: not read yet (the worker reads it)
    config: object  # Config
    config_key: str
    stat: os.stat_result | None


def check_files(files, jobs: int = 0, use_cache: bool = True) -> list[FileResult]:
    """Check files (jobs 0: all cores), in order; with use_cache, through the project's
    .perflang_cache/ (perflang/workspace/cache.py)."""
    cache = Cache.open() if use_cache else None
    configs: dict[str, tuple] = {}
    results: list[FileResult | None] = []
    todo: list[_Todo] = []
    for f in files:
        path = str(f)
        config, key = _config_for(path, configs)
        got = _look(len(results), path, config, key, cache)
        results.append(got if isinstance(got, FileResult) else None)
        if isinstance(got, _Todo):
            todo.append(got)
    jobs = jobs or default_jobs()
    big = [worth_streaming(t.path) for t in todo]  # each read project by project, on every core
    small = [t for t, b in zip(todo, big) if not b]
    done = [
        (t, digest, diags, _source(t.path, text))
        for t, (digest, diags, text) in zip(small, _compile_all(small, jobs, cache is not None))
    ]
    done += [(t, *_streamed(t, jobs, cache is not None)) for t, b in zip(todo, big) if b]
    for t, digest, diags, source in done:
        results[t.index] = FileResult(t.path, source, diags)
        if cache is not None and digest is not None:
            cache.put(t.path, t.config_key, digest, t.stat, diags)
    if cache is not None:
        cache.save()
    return results  # type: ignore[return-value]


def all_clean(args: list[str]) -> bool:
    """Whether `perflang check ARGS` has nothing to say (exit 0, no output) because every file
    is a clean, unchanged cache hit.  Only the plainest command is answered: existing, readable
    paths and --strict, nothing else (any other option, a missing path, no file: False, and the
    click command decides).  Never raises."""
    paths = [a for a in args if a != "--strict"]
    if not paths or any(a.startswith("-") or not (os.path.exists(a) and os.access(a, os.R_OK)) for a in paths):
        return False
    try:
        files = collect_files(paths)
        cache = Cache.open()
        if cache is None:
            return False
        configs: dict[str, tuple] = {}
        for f in files:
            path = str(f)
            if not cache.clean_hit(path, _config_for(path, configs)[1], os.stat(path)):
                return False
        cache.save()  # the day of use, when it changed
    except Exception:  # whatever it is, the full command will report it properly
        return False
    return bool(files)


def failed(results: list[FileResult], strict: bool) -> bool:
    """Errors found (with strict, warnings too)."""
    diags = [d for r in results for d in r.diagnostics]
    if not diags:
        return False
    from ..diagnostics import Severity

    levels = {d.level for d in diags}
    return Severity.ERROR in levels or (strict and Severity.WARNING in levels)


def _config_for(path: str, found: dict[str, tuple]) -> tuple:
    """find_config and the cache's key of it, once per folder (it walks up and reads TOML)."""
    folder = os.path.dirname(path)
    if folder not in found:
        from ..config import find_config

        config = find_config(path)
        # the path too: PF008 names the file whose configuration cannot be used
        found[folder] = (config, f"{config.key()};path={config.path}")
    return found[folder]


def _look(index: int, path: str, config, key: str, cache: Cache | None) -> FileResult | _Todo:
    """A file's result from the cache (or its read error), else what it takes to compile it.
    A file without an entry is not read here: the worker that compiles it reads it."""
    if cache is None:
        return _Todo(index, path, None, config, key, None)
    try:
        st = os.stat(path)
        if cache.clean_hit(path, key, st):  # the common case, kept cheap: most files are clean
            return FileResult(path, None, ())
        entry = cache.entry(path, key)
        if entry is None or st.st_size >= STREAM_BYTES:  # a big file is read as it is checked
            return _Todo(index, path, None, config, key, st)
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        from ..api import unreadable

        return FileResult(path, None, (unreadable(path, exc),))
    if entry.digest == Cache.digest(data):
        diags = _stored(entry, path)
        if diags is not None:
            cache.served(path, entry, st)
            return _result(path, data, diags)
    return _Todo(index, path, data, config, key, st)


def _stored(entry: Entry, path: str) -> tuple | None:
    """An entry's diagnostics, or None when one of them is malformed or cannot be shown."""
    from .cache import from_json

    try:
        diags = tuple(from_json(d, path) for d in entry.diagnostics)
        for d in diags:  # what rendering will ask of it, in either language
            d.message("zh"), d.message("en"), d.hint("zh"), d.hint("en"), d.level
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None
    return diags


def _result(path: str, data: bytes, diags: tuple) -> FileResult:
    """A file's result; its source is kept only when a diagnostic may show an excerpt."""
    if not diags:
        return FileResult(path, None, ())
    from ..api import decode_source

    text, _ = decode_source(data, path, partial=True)
    return FileResult(path, _source(path, text), diags)


def _source(path: str, text: str | None):
    """The SourceFile of a text (None: no text, or none needed)."""
    if text is None:
        return None
    from ..source import SourceFile

    return SourceFile(path, text)


def _diagnose(path: str, data: bytes | None, config, digest: bool = True) -> tuple[str | None, tuple, str | None]:
    """Compile a file (read here, unless data holds its bytes): the SHA-256 of its bytes (None
    when it cannot be read, or not asked for: without a cache, --no-cache, it is not needed,
    nor hashlib loaded), its diagnostics (its decoding problem, else its compilation's), and its
    text when a diagnostic may show an excerpt of it."""
    from ..api import compile_text, decode_source, unreadable

    if data is None:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as exc:
            return None, (unreadable(path, exc),), None
    text, problem = decode_source(data, path, partial=True)
    diags = (problem,) if problem is not None else compile_text(text, path, config).diagnostics
    return Cache.digest(data) if digest else None, diags, text if diags else None


def _streamed(t: _Todo, jobs: int, digest: bool = True) -> tuple[str | None, tuple, object]:
    """A big file's SHA-256 (None when not asked for: no cache), diagnostics and the source its
    excerpts need, checked project by project (perflang/workspace/stream.py), else whole when it
    cannot be."""
    from .stream import FileStream, NotStreamable, excerpt_source

    try:
        s = FileStream(t.path, t.config, jobs, digest=digest)
        diags = s.check()
        return s.digest, diags, excerpt_source(t.path, diags) if diags else None
    except NotStreamable:
        pass
    except OSError:
        pass  # read again below, to say why it cannot be
    digest, diags, text = _diagnose(t.path, None, t.config, digest)
    return digest, diags, _source(t.path, text)


def _diagnose_chunk(chunk: list[tuple]) -> list[tuple]:
    """_diagnose of each (path, data, config, digest) (in a worker process, or here)."""
    return [_diagnose(*item) for item in chunk]


def _compile_all(todo: list[_Todo], jobs: int, digests: bool = True) -> list[tuple]:
    """_diagnose of each file to compile, in order: here or in worker processes."""
    work = [(t.path, t.data, t.config, digests) for t in todo]
    if jobs <= 1 or len(work) < _MIN_FILES_PER_POOL:
        return _diagnose_chunk(work)
    from concurrent.futures.process import BrokenProcessPool

    # The first file is compiled here: that loads what every compile needs (the compiler's
    # modules, the scanner's patterns, the profiles: 60-80 ms) once, and the workers forked
    # from this process start with it.
    first, rest = _diagnose_chunk(work[:1]), work[1:]
    jobs = min(jobs, len(rest))
    if _FORK:  # this process and jobs - 1 children forked from it, a share each
        return first + [d for part in forked_map(_diagnose_chunk, _shares(rest, jobs)) for d in part]
    try:
        with _pool(jobs) as pool:
            try:
                parts = list(pool.map(_diagnose_chunk, _chunks(rest, jobs)))
            except KeyboardInterrupt:
                pool.shutdown(wait=False, cancel_futures=True)  # the chunks not started: dropped
                raise
            return first + [d for part in parts for d in part]
    except (OSError, BrokenProcessPool):  # no processes here (a sandbox), or a worker died
        return first + _diagnose_chunk(rest)


def _shares(work: list, jobs: int) -> list[list]:
    """work cut into jobs runs of consecutive files of about the same size in bytes (the size
    of the bytes read, else the file's; 0 for one that cannot be stat'ed), none empty: one run
    for each process of forked_map, which keeps their order."""
    sizes = []
    for path, data, *_ in work:
        if data is not None:
            sizes.append(len(data))
            continue
        try:
            sizes.append(os.stat(path).st_size)
        except OSError:
            sizes.append(0)
    total = sum(sizes) or 1
    shares, start, acc = [], 0, 0
    for i, size in enumerate(sizes):
        acc += size
        left = len(work) - i - 1  # files after this one
        # close the run when its share of the bytes is reached, and as many files are left as
        # runs are still to be made
        if len(shares) < jobs - 1 and (acc * jobs >= total * (len(shares) + 1) or left == jobs - 1 - len(shares)):
            shares.append(work[start : i + 1])
            start = i + 1
    shares.append(work[start:])
    return [s for s in shares if s]


def _chunks(work: list, jobs: int) -> list[list]:
    """work cut into chunks that get smaller as less is left (a share of what is left each):
    few round trips to the workers, and they finish together, none running on alone."""
    chunks, start = [], 0
    while start < len(work):
        size = max(_MIN_CHUNK, (len(work) - start) // (2 * jobs))
        chunks.append(work[start : start + size])
        start += size
    return chunks
