"""The worker processes of the folder check (perflang/workspace/runner.py: files) and of a big
file's check and build (perflang/workspace/stream.py: its projects)."""

from __future__ import annotations

import os
import sys

__all__ = ["default_jobs", "workers", "FORK", "forked_map"]

# worker processes forked by hand, for work known in advance (forked_map): on Linux
FORK = sys.platform.startswith("linux") and hasattr(os, "fork")


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


def forked_map(fn, shares: list) -> list:
    """[fn(share) for share in shares], the first share computed in this process while each of
    the others is computed in a child forked from it (Linux): no pool to start (importing
    multiprocessing and starting its processes and threads cost ~20 ms, as much as a tenth of a
    folder's check), no work sent (a child starts with its share), and this process works too.
    A child's result comes back pickled through a pipe, read once this process's own share is
    done.  A child that cannot be forked or fails (its share's result missing or unreadable) has
    its share computed here: the result is always [fn(share) …].  Ctrl-C: the children ignore
    it, and are killed when this process stops."""
    import pickle
    import signal

    children = []  # (pid, read end, share)
    try:
        for share in shares[1:]:
            try:
                r, w = os.pipe()
            except OSError:
                children.append((None, None, share))
                continue
            try:
                pid = os.fork()
            except OSError:
                os.close(r)
                os.close(w)
                children.append((None, None, share))
                continue
            if pid == 0:  # the child: its share, pickled into the pipe; never returns
                code = 1
                try:
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                    os.close(r)
                    data = pickle.dumps(fn(share), pickle.HIGHEST_PROTOCOL)
                    with os.fdopen(w, "wb") as out:
                        out.write(data)
                    code = 0
                finally:
                    os._exit(code)  # no atexit handlers, no flush of the parent's buffers
            os.close(w)
            children.append((pid, r, share))
        results = [fn(shares[0])] if shares else []
        while children:
            pid, r, share = children.pop(0)
            results.append(_collect(pid, r) if pid is not None else _MISSING)
            if results[-1] is _MISSING:
                results[-1] = fn(share)
        return results
    finally:
        for pid, r, _ in children:  # left only when this process stops early (Ctrl-C, an error)
            if pid is not None:
                os.close(r)
                try:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                except OSError:
                    pass


_MISSING = object()


def _collect(pid: int, r: int):
    """A child's result, or _MISSING when it did not give one."""
    import pickle

    try:
        with os.fdopen(r, "rb") as f:
            data = f.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
        return _MISSING
    try:
        return pickle.loads(data)
    except Exception:
        return _MISSING
