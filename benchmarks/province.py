"""Issue 28: a province in one run.  The million-indicator case (50,000 projects of the
benchmark's shapes, 82 MB; generated here, never committed) checked and built to JSON as whole
processes: time, CPU and peak memory, with the machine's load, against tomllib.loads of the same
data as TOML (94 MB) measured in the same run; and the speed-up of the file's own workers.

    python benchmarks/run.py --only province [--projects 50000] [--repeat 3]
"""

from __future__ import annotations

import os
import statistics
import sys
import tomllib
from pathlib import Path

from corpus import INDICATORS_PER_PROJECT, write_large
from measure import Figure, cli_env, cpu_seconds, load_average, perflang_command, timed, tree_run

TOML_PROCESS = "import sys, tomllib; tomllib.loads(open(sys.argv[1], encoding='utf-8').read())"
CHECK_SECONDS, BUILD_SECONDS, MEMORY = 10.0, 20.0, 500e6  # issue 28's targets on 2 cores


def province_figures(work: Path, repeat: int, count: int = 50_000) -> list[Figure]:
    paths = write_large(work / "large", count)
    env, pf = cli_env(work / "pycache"), perflang_command()
    n = count * INDICATORS_PER_PROJECT
    size = f"{n:,} indicators, {paths['perf'].stat().st_size / 1e6:.0f} MB"
    repeat = max(1, min(repeat, 3))  # each run takes tens of seconds
    out = work / "large" / "province.json"
    toml_text = paths["toml"].read_text(encoding="utf-8")

    def toml_loads() -> float:
        return timed(lambda: tomllib.loads(toml_text))

    def run(args):
        load = os.getloadavg()[0]
        before = cpu_seconds()
        wall, peak, own = tree_run(args, env, work)
        return wall, peak, own, cpu_seconds() - before, load

    def measured(args) -> tuple[list, list[float]]:
        runs, toml = [], []
        toml_loads()  # warm-up of both
        run(args)
        for _ in range(repeat):
            runs.append(run(args))
            toml.append(toml_loads())
        return runs, toml

    def notes(runs, toml) -> list[str]:
        cpu = statistics.median(r[3] for r in runs)
        return [
            f"{size}; CPU (user + sys) of the process tree: median {cpu:.1f} s "
            f"({cpu / statistics.median(toml):.2f}× tomllib.loads's wall time)",
            "load average (1 min) at each run's start: " + ", ".join(f"{r[4]:.2f}" for r in runs),
            "peak RSS of the main process alone: " + ", ".join(f"{r[2] / 1e6:.0f} MB" for r in runs),
        ]

    toml_rss = [tree_run([sys.executable, "-c", TOML_PROCESS, str(paths["toml"])], env, work)[1]]
    figures = []
    check_args = pf + ["check", "--no-cache", str(paths["perf"])]
    build_args = pf + ["build", str(paths["perf"]), "--to", "json", "-o", str(out)]
    for what, args, most in (("check", check_args, CHECK_SECONDS), ("build --to json", build_args, BUILD_SECONDS)):
        print(f"province: {what} of {size} (load average {load_average()})", file=sys.stderr)
        runs, toml = measured(args)
        figures.append(
            Figure(
                f"perflang {what}, {n:,} indicators (whole process, all cores)",
                [r[0] for r in runs],
                "tomllib.loads of the same data as TOML, in-process",
                toml,
                None,
                notes=notes(runs, toml),
                at_most=most,
            )
        )
        figures.append(
            Figure(
                f"peak memory of perflang {what}, {n:,} indicators (the process and its workers)",
                [r[1] for r in runs],
                "a python process running tomllib.loads on the TOML",
                toml_rss,
                None,
                unit="MB",
                at_most=MEMORY,
            )
        )
    print(f"province: check -j 1 against all cores (load average {load_average()})", file=sys.stderr)
    one = [run(pf + ["check", "--no-cache", "-j", "1", str(paths["perf"])]) for _ in range(max(1, repeat - 1))]
    every = [run(check_args) for _ in range(max(1, repeat - 1))]
    figures.append(
        Figure(
            f"check of the {n:,}-indicator file: all cores against -j 1 (its projects in the workers)",
            [r[0] for r in every],
            "the same with -j 1",
            [r[0] for r in one],
            -1.0,  # a speed-up; issue 28's target (1.6×) is the folder check's, at load < 1
            notes=[
                "load average at the runs' starts: " + ", ".join(f"{r[4]:.2f}" for r in one + every),
                f"CPU of the tree: -j 1 {statistics.median(r[3] for r in one):.1f} s, "
                f"all cores {statistics.median(r[3] for r in every):.1f} s",
            ],
        )
    )
    return figures
