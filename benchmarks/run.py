"""The speed targets of issue 6, measured as ratios in one run on this machine.

    python benchmarks/run.py [--repeat N] [--only throughput,processes,evaluation,scoring,runtimes,lsp,web,province]
                             [--keep DIR] [--projects N]

Generates the corpora (benchmarks/corpus.py) into a temporary folder, runs each comparison
pairwise, prints every figure with min/median/max and its ratio to the baseline, and exits 1
when a target is missed.  docs/performance.md records the figures and what made them.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpora  # noqa: E402
from measure import (  # noqa: E402
    Figure,
    cli_env,
    command,
    cpu_seconds,
    load_average,
    pairwise,
    peak_rss,
    perflang_command,
    timed,
)
from skeleton import skeleton_build  # noqa: E402

import perflang  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ezhou-data-bureau.perf"


TOML_PROCESS = "import sys, tomllib; tomllib.loads(open(sys.argv[1], encoding='utf-8').read())"


def stages(path: Path) -> list[str]:
    """One in-process run of each step of a build, for the profile in docs/performance.md."""
    from perflang.backends.json import to_data
    from perflang.backends.jsontext import dumps
    from perflang.check.rules import run_rules
    from perflang.model import resolve
    from perflang.syntax.parser import parse

    text = path.read_text(encoding="utf-8")
    parse(text[:2000])  # load the parser first
    times = {}
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)  # as perflang.cli.main sets it
    try:
        doc = _step(times, "parse", lambda: parse(text)[0])
        model = _step(times, "resolve", lambda: resolve(doc, str(path)))
        _step(times, "check", lambda: run_rules(doc, model))
        data = _step(times, "to_data", lambda: to_data(model))
        _step(times, "JSON text", lambda: dumps(data))
    finally:
        gc.set_threshold(*thresholds)
    return ["in-process steps (one run): " + ", ".join(f"{k} {v:.3f} s" for k, v in times.items())]


def _step(times: dict, name: str, fn):
    out = []
    times[name] = timed(lambda: out.append(fn()))
    return out[0]


def throughput(paths, work: Path, repeat: int) -> list[Figure]:
    """`perflang build FILE --to json -o OUT` as a whole process, against tomllib.loads and
    json.loads in this process."""
    env, pf = cli_env(work / "pycache"), perflang_command()
    out = work / "province.json"

    def build_args(src):
        return pf + ["build", str(src), "--to", "json", "-o", str(out)]

    build = command(build_args(paths["perf"]), env, work, codes=(0,))
    toml_text = paths["toml"].read_text(encoding="utf-8")
    mine, toml = pairwise(build, lambda: tomllib.loads(toml_text), repeat)
    out_text = out.read_text(encoding="utf-8")
    n = sum(len(g["indicators"]) for p in json.loads(out_text)["projects"] for g in p["goals"])
    _, js = pairwise(lambda: None, lambda: json.loads(out_text), repeat)
    rate = f"throughput: {n / sorted(mine)[len(mine) // 2]:,.0f} indicators/s ({n:,} indicators)"
    floor = floor_notes(paths, out_text, toml, env, work, repeat)
    figures = [
        Figure(
            "perflang build --to json, 40k indicators (whole process)",
            mine,
            "tomllib.loads of the same data as TOML",
            toml,
            0.5,
            notes=[rate, *stages(paths["perf"]), *floor],
        ),
        Figure(
            "perflang build --to json, 40k indicators (whole process)",
            mine,
            "json.loads of perflang's own JSON output",
            js,
            10,
        ),
    ]
    big, small = pairwise(command(build_args(paths["perf2"]), env, work, codes=(0,)), build, repeat)
    figures.append(
        Figure("perflang build --to json, 80k indicators (the input doubled)", big, "the same at 40k", small, 2.2)
    )
    figures.append(
        Figure(
            "peak memory (RSS) of perflang build --to json, 40k",
            [peak_rss(build_args(paths["perf"]), env, work)],
            "a python process running tomllib.loads on the TOML",
            [peak_rss([sys.executable, "-c", TOML_PROCESS, str(paths["toml"])], env, work)],
            3,
            unit="MB",
        )
    )
    return figures


def floor_notes(paths, out_text: str, toml: list[float], env, work: Path, repeat: int) -> list[str]:
    """What any build must spend before it reads its input (starting Python with perflang's
    command line imported; encoding the JSON output with json's C encoder, compact, the
    fastest the standard library has, where the real output is indented), and what the least
    build Python can do takes (benchmarks/skeleton.py), as ratios to tomllib."""
    data = json.loads(out_text)
    perf_text = paths["perf"].read_text(encoding="utf-8")
    start = command([sys.executable, "-c", "import perflang.cli"], env, work)
    t_start, t_encode = pairwise(start, lambda: json.dumps(data, ensure_ascii=False), repeat)
    t_skeleton, _ = pairwise(lambda: skeleton_build(perf_text), lambda: None, repeat)
    base = statistics.median(toml)

    def share(ts):
        return f"{statistics.median(ts):.3f} s ({statistics.median(ts) / base:.2f}× tomllib)"

    both = (statistics.median(t_start) + statistics.median(t_encode)) / base
    return [
        f"floor: starting python + importing perflang.cli {share(t_start)}, json.dumps of the "
        f"output alone {share(t_encode)}: {both:.2f}× before a line is read",
        f"floor: a skeleton build in-process (benchmarks/skeleton.py: no spans, units, checks; "
        f"a quarter of the keys) {share(t_skeleton)}",
    ]


def processes(paths, work: Path, repeat: int) -> list[Figure]:
    (work / ".git").mkdir(exist_ok=True)  # a project root: the check cache lives in work/
    env = cli_env(work / "pycache")
    pf = perflang_command()
    # --no-cache: the file compiled every time, as after an edit (a cache hit would skip Lark)
    cpu: dict[str, list[float]] = {"check": [], "bare": []}  # the CPU of each run, less load-bound
    check = with_cpu(command(pf + ["check", "--no-cache", str(EXAMPLE)], env, work), cpu["check"])
    bare = with_cpu(command([sys.executable, "-c", "pass"], env, work), cpu["bare"])
    start, base = pairwise(check, bare, repeat * 2)
    c_check, c_bare = statistics.median(cpu["check"][1:]), statistics.median(cpu["bare"][1:])  # less the warm-up
    hit, _ = pairwise(command(pf + ["check", str(EXAMPLE)], env, work), bare, repeat)
    figures = [
        Figure(
            "start-up: perflang check --no-cache examples/ezhou-data-bureau.perf",
            start,
            "python -c pass",
            base,
            5,
            notes=[
                f"CPU (user + system), median: {c_check:.3f} s against {c_bare:.3f} s, {c_check / c_bare:.2f}×",
                f"served from the cache: median {sorted(hit)[len(hit) // 2]:.3f} s",
            ],
        )
    ]
    folder = str(paths["dir"])
    one = command(pf + ["check", "-j", "1", "--no-cache", folder], env, work)
    every = command(pf + ["check", "--no-cache", folder], env, work)
    t_one, t_all = pairwise(one, every, repeat)
    figures.append(Figure("check DIR (1,000 files), -j default (all cores)", t_all, "the same with -j 1", t_one, -1.6))
    cached = command(pf + ["check", folder], env, work)

    def first() -> None:
        shutil.rmtree(work / ".perflang_cache", ignore_errors=True)
        cached()

    t_first, t_again = pairwise(first, cached, max(2, repeat // 2))
    figures.append(Figure("check DIR again, unchanged (cache)", t_again, "the first check (empty cache)", t_first, 0.1))
    return figures


def with_cpu(run, into: list[float]):
    """run, appending the CPU time of the process it runs to into at each call."""

    def measured() -> None:
        before = cpu_seconds()
        run()
        into.append(cpu_seconds() - before)

    return measured


def evaluation(paths, repeat: int) -> list[Figure]:
    """Generated evaluator vs interpreter: measured when issue 4's code is present."""
    try:
        from evaluation import evaluator_figures  # noqa: PLC0415
    except ImportError as exc:
        print(f"GAP  evaluation: not measured ({exc})")
        return []
    return evaluator_figures(paths, repeat)


def lsp(paths, work: Path, repeat: int) -> list[Figure]:
    """The language server's edit latency (issue 14): measured when pygls is installed."""
    try:
        import pygls  # noqa: F401, PLC0415
    except ImportError as exc:
        print(f'GAP  lsp: not measured ({exc}; pip install "perflang[lsp]")')
        return []
    from lsp import lsp_figures  # noqa: PLC0415

    return lsp_figures(paths, work, repeat)


def scoring(paths, work: Path, repeat: int) -> list[Figure]:
    """Issue 11, item 6: scoring a province's actuals costs no more than checking its targets.
    In-process, on the 2,000-project province (40k indicators): reading the actuals JSON (every
    indicator given) and scoring them against the compiled document, with the problems turned
    into diagnostics, against compile_text of the same .perf (what `check` does per file).
    A note gives the same with every project name unknown (2,000 'did you mean' lookups)."""
    from corpus import projects
    from evaluation import _actuals

    from perflang.api import compile_text
    from perflang.evaluation.actuals import load_actuals
    from perflang.evaluation.run import evaluate_model, to_diagnostics
    from perflang.scoring.spec import builtin_profile

    data = projects(2000)  # as write_corpora writes province.perf
    text = paths["perf"].read_text(encoding="utf-8")
    actuals = _actuals(data)
    given = work / "province-actuals.json"
    given.write_text(json.dumps(actuals, ensure_ascii=False, indent=2), encoding="utf-8")
    unknown = work / "unknown-actuals.json"
    unknown.write_text(
        json.dumps(
            {
                "format": actuals["format"],
                "projects": {f"{name}（调整）": body for name, body in actuals["projects"].items()},
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    model = compile_text(text, str(paths["perf"])).model
    profile = builtin_profile("national")

    def score(path):
        def run():
            loaded = load_actuals(path)
            _, problems = evaluate_model(model, loaded.data, profile)
            return to_diagnostics(problems, loaded)

        return run

    def check():
        compile_text(text, str(paths["perf"]))

    assert not score(given)(), "the generated actuals should score without a problem"
    t_score, t_check = pairwise(score(given), check, repeat)
    t_unknown, t_check2 = pairwise(score(unknown), check, max(1, repeat // 2))
    n = sum(len(p["rows"]) for p in data)
    note = (
        f"every project name unknown (2,000 PF503 with suggestions, {n:,} PF506): "
        f"median {statistics.median(t_unknown):.3f} s, "
        f"{statistics.median(t_unknown) / statistics.median(t_check2):.2f}× checking"
    )
    progress = work / "province-progress.json"
    progress.write_text(json.dumps(_progress(actuals), ensure_ascii=False, indent=2), encoding="utf-8")

    def monitor():
        from perflang.evaluation.monitoring import monitor_model
        from perflang.evaluation.monitoring import to_diagnostics as monitor_diagnostics
        from perflang.evaluation.progress import load_progress

        loaded = load_progress(progress)
        result, problems = monitor_model(model, loaded.data, profile)
        return monitor_diagnostics(problems, loaded, result["month"])

    assert not monitor(), "the generated progress should monitor without a problem"
    t_monitor, t_check3 = pairwise(monitor, check, repeat)
    return [
        Figure(
            f"monitor: read a province's progress, light it and project the year (2,000 projects, {n:,} indicators)",
            t_monitor,
            "checking the same targets (compile_text of province.perf)",
            t_check3,
            2.0,
            notes=["the lights, then the 全年预计 scored by the eval engine: two passes over every indicator"],
        ),
        Figure(
            f"eval: read and score a province's actuals (2,000 projects, {n:,} indicators)",
            t_score,
            "checking the same targets (compile_text of province.perf)",
            t_check,
            1.0,
            notes=[note],
        ),
    ]


def _progress(actuals: dict) -> dict:
    """A progress file of 1-12月 from the actuals: every value to date the actual itself and its
    projection too, the whole budget executed (perflang-progress/1)."""
    out = {}
    for name, body in actuals["projects"].items():
        out[name] = {
            "executed": body["executed"],
            "projected_executed": body["executed"],
            "indicators": {
                k: {"value": v, "projected": v, "likelihood": "确定能"} for k, v in body["indicators"].items()
            },
        }
    return {"format": "perflang-progress/1", "month": 12, "projects": out}


def runtimes(paths, work: Path, repeat: int) -> list[Figure]:
    """Issue 25: the data-driven evaluators (Python library, Java, JavaScript) on the province."""
    from runtimes import runtime_figures  # noqa: PLC0415

    return runtime_figures(paths, work, repeat)


def web(work: Path, repeat: int) -> list[Figure]:
    """The workbench page (issue 21): site size, time to first check, keystroke to problems."""
    from web import web_figures  # noqa: PLC0415

    return web_figures(work, repeat)


def province(work: Path, repeat: int, count: int) -> list[Figure]:
    """Issue 28: the million-indicator file (benchmarks/province.py)."""
    from province import province_figures  # noqa: PLC0415

    return province_figures(work, repeat, count)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (
        f"{platform.python_implementation()} {platform.python_version()} on {platform.system()} "
        f"{cpu}, {os.cpu_count()} cores (load average {load_average()}); perflang {perflang.__version__}"
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="runs per figure (default 5)")
    ap.add_argument(
        "--only",
        default="throughput,processes,evaluation,scoring,runtimes,lsp,web,province",
        help="comma-separated groups to run (default: all)",
    )
    ap.add_argument("--keep", type=Path, default=None, help="generate the corpora here and keep them")
    ap.add_argument(
        "--projects", type=int, default=50_000, help="projects of the province file (default 50,000: 1M indicators)"
    )
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="perflang-bench-"))
    try:
        print(machine())
        paths = write_corpora(work)
        groups = {
            "throughput": lambda: throughput(paths, work, args.repeat),
            "processes": lambda: processes(paths, work, args.repeat),
            "evaluation": lambda: evaluation(paths, args.repeat),
            "scoring": lambda: scoring(paths, work, args.repeat),
            "runtimes": lambda: runtimes(paths, work, args.repeat),
            "lsp": lambda: lsp(paths, work, args.repeat),
            "web": lambda: web(work, args.repeat),
            "province": lambda: province(work, args.repeat, args.projects),
        }
        names = [name.strip() for name in args.only.split(",")]
        unknown = sorted(set(names) - set(groups))
        if unknown:
            sys.exit(f"--only: unknown group {', '.join(unknown)}; choose from {', '.join(groups)}")
        figures = [f for name in names for f in groups[name]()]
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    for f in figures:
        print("\n".join(f.lines()))
    missed = [f for f in figures if not f.ok]
    print(f"\n{len(figures) - len(missed)} of {len(figures)} targets met (load average now {load_average()})")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
