"""Helpers of the hostile-file tests (tests/test_hostile_*.py, issue 24): run perflang in a
child process with its memory capped, and measure the child's own time and peak memory.

The attacks these tests replay took minutes and gigabytes before they were fixed: the child
gets an address-space limit (so a regression fails the test with a MemoryError or a kill, not
by exhausting a machine shared with other work), a timeout, and its CPU time and peak resident
memory are read from the kernel (os.wait4), not guessed.  Bounds on time are on CPU seconds
(the machine's load does not move them) and generous: the attacks took minutes.

The measured process is a grandchild: the kernel carries a process's peak resident set over
exec from the memory it was forked with, so a child forked from the test process would report
the test process's size (171 MB late in the suite) whatever perflang used.  A small launcher
(_LAUNCH) is started instead; it forks perflang from its own fresh memory, waits for it and
writes its CPU time and peak resident set to a file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from attrs import frozen

__all__ = ["Run", "run", "run_python", "ADDRESS_SPACE"]

ADDRESS_SPACE = 3 * 2**30  # the child's virtual memory: far above what perflang needs (~0.3 GB)

# argv: limit, report file, then the python arguments to run
_LAUNCH = """
import json, os, resource, sys
limit, report, argv = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
pid = os.fork()
if pid == 0:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.execv(sys.executable, [sys.executable, *argv])
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as f:
    json.dump([usage.ru_maxrss, usage.ru_utime + usage.ru_stime], f)
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


@frozen
class Run:
    returncode: int | None  # None: killed at the timeout
    stdout: str
    stderr: str
    seconds: float  # wall clock
    cpu: float  # the child's CPU seconds (user + system): what it did, whatever the machine's load
    peak_mb: float  # the child's peak resident set

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def run_python(argv: list[str], *, timeout: float = 60, stdin=None, cwd=None, env=None, feed=None) -> Run:
    """Run `python argv…` (its output decoded as UTF-8): returncode, output, wall time, CPU time
    and peak memory.  feed: blocks of bytes written to its stdin, a pipe, as it reads them (the
    pipe is closed after the last).  A child still running at timeout is killed (returncode
    None; its CPU time and memory then unknown: 0)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "usage.json"
        start = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-c", _LAUNCH, str(ADDRESS_SPACE), str(report), *argv],
            stdin=subprocess.PIPE if feed is not None else stdin if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            cwd=cwd,
            env=env,
            start_new_session=True,  # one process group: a timeout kills perflang too
        )
        if feed is not None:
            threading.Thread(target=_write, args=(child.stdin, feed), daemon=True).start()
        try:
            code: int | None = child.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            code = None
        seconds = time.monotonic() - start
        peak, cpu = json.loads(report.read_text()) if report.exists() and report.stat().st_size else (0, 0.0)
        out.seek(0)
        err.seek(0)
        return Run(
            code,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            cpu,
            peak / 1024,  # kilobytes on Linux
        )


def _write(pipe, blocks) -> None:
    try:
        for block in blocks:
            pipe.write(block)
            pipe.flush()
    except (BrokenPipeError, OSError, ValueError):  # the child ended (or was killed) first
        pass
    finally:
        try:
            pipe.close()
        except OSError:
            pass


def run(*args: str, **kw) -> Run:
    """`python -m perflang args…` as run_python runs it."""
    return run_python(["-m", "perflang", *map(str, args)], **kw)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
