"""Checking many files: worker processes (-j) and a content-hash cache (.perflang_cache/).

The output never depends on either: results come back in the order of the files given, and a
cache hit returns exactly the diagnostics the check would give (tests/test_runner.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from .api import Result, compile_text, read_source
from .cache import Cache
from .config import Config, find_config
from .diagnostics import Diagnostic
from .source import SourceFile

__all__ = ["check_files", "default_jobs"]

# below this many files to compile, starting workers costs more than it saves
_MIN_FILES_PER_POOL = 4


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _diagnose_chunk(chunk: list[tuple[str, str, Config]]) -> list[tuple[Diagnostic, ...]]:
    """The diagnostics of each (path, text, config) (in a worker process, or here)."""
    return [compile_text(text, path, config).diagnostics for path, text, config in chunk]


def _compile_all(todo: list[tuple[str, str, Config]], jobs: int) -> list[tuple[Diagnostic, ...]]:
    """The diagnostics of each (path, text, config), in order: here or in worker processes."""
    if jobs <= 1 or len(todo) < _MIN_FILES_PER_POOL:
        return _diagnose_chunk(todo)
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    jobs = min(jobs, len(todo))
    # ~16 chunks per worker: few round trips, and the last chunk to finish is short, so that
    # one worker does not run on alone at the end
    size = max(1, len(todo) // (jobs * 16))
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
    try:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return [d for part in pool.map(_diagnose_chunk, chunks) for d in part]
    except (OSError, BrokenProcessPool):  # no processes here (a sandbox), or a worker died
        return _diagnose_chunk(todo)


def _config_for(path: Path, found: dict[Path, Config]) -> Config:
    """find_config, once per folder (it walks up and reads TOML)."""
    folder = path.parent
    if folder not in found:
        found[folder] = find_config(path)
    return found[folder]


def check_files(files: list[Path], jobs: int = 0, use_cache: bool = True) -> list[Result]:
    """Check files (jobs 0: all cores), in order.  The results carry the source and the
    diagnostics only (document and model are None: a folder's trees are not kept in memory)."""
    jobs = jobs or default_jobs()
    cache = Cache.open() if use_cache else None
    found: dict[Path, Config] = {}
    results: list[Result | None] = []
    todo: list[tuple[str, str, Config]] = []
    slots: list[tuple[int, str | None]] = []  # where each todo result goes, and its cache key
    for f in files:
        path = str(f)
        text, problem = read_source(f, partial=True)
        if problem is not None:
            results.append(Result(path, None, None, None, (problem,)))
            continue
        config = _config_for(Path(f), found)
        key = cache.key(path, text, config) if cache else None
        hit = cache.get(key, path) if cache else None
        if hit is not None:
            results.append(Result(path, SourceFile(path, text), None, None, hit))
            continue
        slots.append((len(results), key))
        todo.append((path, text, config))
        results.append(None)
    for (index, key), (path, text, _), diags in zip(slots, todo, _compile_all(todo, jobs)):
        results[index] = Result(path, SourceFile(path, text), None, None, diags)
        if cache:
            cache.put(key, diags)
    if cache:
        cache.prune()
    return results  # type: ignore[return-value]
