"""The worker processes of the folder check (perflang/workspace/runner.py: files) and of a big
file's check and build (perflang/workspace/stream.py: its projects)."""

from __future__ import annotations

import os
import sys

__all__ = ["default_jobs", "workers"]


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers(jobs: int):
    """Worker processes; forked on Linux, so that they start with what this process has loaded
    rather than importing and loading it again (elsewhere the platform's default: macOS's
    system libraries are not safe to fork)."""
    import multiprocessing
    import signal
    from concurrent.futures import ProcessPoolExecutor

    fork = sys.platform.startswith("linux")
    # Ctrl-C goes to the whole process group: the workers ignore it (no traceback from each),
    # and this process stops (perflang.entry: one line, exit 130)
    return ProcessPoolExecutor(
        jobs,
        multiprocessing.get_context("fork") if fork else None,
        initializer=signal.signal,
        initargs=(signal.SIGINT, signal.SIG_IGN),
    )
