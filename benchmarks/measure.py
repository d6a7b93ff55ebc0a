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
    limit: float  # ratio must be <= limit, or >= -limit when limit is negative (a speed-up)
    unit: str = "s"
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        mine, base = statistics.median(self.times), statistics.median(self.base_times)
        return base / mine if self.limit < 0 else mine / base

    @property
    def ok(self) -> bool:
        return self.ratio >= -self.limit if self.limit < 0 else self.ratio <= self.limit

    def lines(self) -> list[str]:
        def span(ts):
            if self.unit == "MB":
                return f"{ts[0] / 1e6:8.1f} MB"
            if self.unit == "ms":  # times measured in seconds, shown in milliseconds
                return f"{min(ts) * 1e3:7.3f} / {statistics.median(ts) * 1e3:7.3f} / {max(ts) * 1e3:7.3f} ms"
            return f"{min(ts):7.3f} / {statistics.median(ts):7.3f} / {max(ts):7.3f} s"

        want = f"≥ {-self.limit:g}× speed-up" if self.limit < 0 else f"≤ {self.limit:g}×"
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
