"""Timing helpers: pairwise runs, min/median/max, and figures checked against a target."""

from __future__ import annotations

import gc
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def pairwise(a: Callable, b: Callable, repeat: int) -> tuple[list[float], list[float]]:
    """Run a and b alternately (a, b, a, b …) so that load from the rest of the machine falls
    on both alike; one warm-up run of each first."""
    a(), b()
    ta, tb = [], []
    for _ in range(repeat):
        ta.append(timed(a))
        tb.append(timed(b))
    return ta, tb


@dataclass
class Figure:
    """A measured figure, its baseline, and the target on their ratio (median / median)."""

    name: str
    times: list[float]
    baseline: str
    base_times: list[float]
    limit: float | None  # ratio must be <= limit, or >= -limit when negative (a speed-up); None: none
    unit: str = "s"
    notes: list[str] = field(default_factory=list)
    at_most: float | None = None  # a target on the median itself, in the unit's base (s; bytes for MB)

    @property
    def ratio(self) -> float:
        mine, base = statistics.median(self.times), statistics.median(self.base_times)
        return base / mine if self.limit is not None and self.limit < 0 else mine / base

    @property
    def ok(self) -> bool:
        if self.at_most is not None and statistics.median(self.times) > self.at_most:
            return False
        if self.limit is None:
            return True
        return self.ratio >= -self.limit if self.limit < 0 else self.ratio <= self.limit

    def lines(self) -> list[str]:
        def span(ts):
            if self.unit == "MB":
                if len(ts) > 1:
                    return f"{min(ts) / 1e6:8.1f} / {statistics.median(ts) / 1e6:8.1f} / {max(ts) / 1e6:8.1f} MB"
                return f"{ts[0] / 1e6:8.1f} MB"
            if self.unit == "ms":  # times measured in seconds, shown in milliseconds
                return f"{min(ts) * 1e3:7.3f} / {statistics.median(ts) * 1e3:7.3f} / {max(ts) * 1e3:7.3f} ms"
            return f"{min(ts):7.3f} / {statistics.median(ts):7.3f} / {max(ts):7.3f} s"

        if self.limit is None:
            want = "(ratio for the record)"
        else:
            want = f"≥ {-self.limit:g}× speed-up" if self.limit < 0 else f"≤ {self.limit:g}×"
        if self.at_most is not None:
            most = f"{self.at_most / 1e6:g} MB" if self.unit == "MB" else f"{self.at_most:g} s"
            want += f" and median ≤ {most}"
        verdict = "ok" if self.ok else "MISSED"
        return [
            f"{self.name}",
            f"    {span(self.times)}   (min / median / max)",
            f"    {span(self.base_times)}   baseline: {self.baseline}",
            f"    ratio {self.ratio:6.3f}   target {want}   {verdict}",
            *(f"    {n}" for n in self.notes),
        ]


def cli_env(pycache: Path) -> dict[str, str]:
    """The environment of an installed package: bytecode is written and reused (into a
    private folder), as pip does at install time."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.pop("PERFLANG_DEBUG", None)
    return env


def perflang_command() -> list[str]:
    """The installed `perflang` script beside this interpreter, else `python -m perflang`."""
    script = Path(sys.executable).with_name("perflang")
    return [str(script)] if script.exists() else [sys.executable, "-m", "perflang"]


# A child's ru_maxrss starts at its parent's peak (Linux copies the high-water mark through fork
# and exec), so the process is started from a small Python that reports its child's peak.
_RSS_WRAPPER = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def peak_rss(args: list[str], env: dict, cwd: Path) -> int:
    """The peak resident memory of a process running args, in bytes (ru_maxrss is in KiB)."""
    done = subprocess.run(
        [sys.executable, "-c", _RSS_WRAPPER, *args], env=env, cwd=cwd, capture_output=True, text=True, check=True
    )
    return int(done.stdout) * 1024


def command(args: list[str], env: dict, cwd: Path, codes=(0, 1)) -> Callable[[], None]:
    """A callable running a process (output discarded); a failure stops the benchmark."""

    def run() -> None:
        done = subprocess.run(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if done.returncode not in codes:
            raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.decode()[-400:]}")

    return run


def alternate(a: Callable[[], float], b: Callable, repeat: int) -> tuple[list[float], list[float]]:
    """pairwise, where a times itself (returns the seconds of the part to measure: a request
    after the edit that precedes it, say) and b is timed as a whole."""
    a(), b()
    ta, tb = [], []
    for _ in range(repeat):
        gc.collect()
        ta.append(a())
        tb.append(timed(b))
    return ta, tb


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def tree_run(args: list[str], env: dict, cwd: Path, codes=(0, 1), every: float = 0.02) -> tuple[float, int, int]:
    """Run a process: (its wall time, the peak of the summed resident memory of it and all its
    descendants — worker processes included, sampled every `every` s from /proc —, and the
    peak of its own RSS).  Forked workers share pages with their parent, so the sum is an
    upper bound of what the tree occupies."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = own = 0
    while proc.poll() is None:
        pids = _tree(proc.pid)
        sizes = [_rss(p) for p in pids]
        peak = max(peak, sum(sizes))
        own = max(own, sizes[0] if sizes else 0)
        time.sleep(every)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    if proc.returncode not in codes:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}): {err[-400:]}")
    return wall, peak, own


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def cpu_seconds() -> float:
    """The user + system CPU time of this process's waited-for children so far."""
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
