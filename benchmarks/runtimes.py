"""Issue 25: the data-driven evaluators on a province (2,000 projects, 40,000 indicators), each
reading the targets JSON (`perflang build --to json`) and the actuals (every indicator given).

- the Python module's `Evaluator(targets JSON)` and its first `evaluate(actuals)` in-process,
  against the interpreter scoring the compiled document (evaluate_model, planning included):
  the library reads the JSON instead of the model and plans once (with the quick functions);
- then `evaluate(actuals)` of that kept Evaluator against the same interpreter: what a budget
  system that keeps its Evaluator pays per scoring;
- `java PerflangEvaluator targets.json actuals.json` and the JS module under node, whole
  processes (start, read both files, plan, score, write the result as `perflang eval --to json`
  prints it), against `perflang eval province.perf --actuals … --to json`, the whole process
  (compile the .perf, score, write).  The targets JSON is 24 MB where the .perf is 3 MB: reading
  it is most of their work.  Java runs with `-XX:TieredStopAtLevel=1` (the quick C1 compiler
  alone: a one-shot process spends more in C2's compiling than it gains; a service that keeps
  its evaluator does not care), the default flags given in a note.

A tool that is missing (javac/java, node) leaves its figure out with a GAP line.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import types
from pathlib import Path

from corpus import projects
from evaluation import _actuals
from measure import Figure, cli_env, command, pairwise, perflang_command, timed

from perflang.api import compile_text
from perflang.backends import get
from perflang.backends.json import to_data
from perflang.evaluation.run import evaluate_model
from perflang.scoring.spec import builtin_profile

RUNNER = (
    'import { readFileSync, writeFileSync } from "node:fs"; import { evaluateJson } from "./evaluator.mjs";'
    'writeFileSync(process.argv[4], evaluateJson(readFileSync(process.argv[2], "utf8"), readFileSync(process.argv[3], "utf8")));'
)


def runtime_figures(paths: dict, work: Path, repeat: int) -> list[Figure]:
    data = projects(2000)  # as write_corpora writes province.perf
    text = paths["perf"].read_text(encoding="utf-8")
    model = compile_text(text, str(paths["perf"])).model
    targets_text = json.dumps(to_data(model), ensure_ascii=False)
    actuals = _actuals(data)
    actuals_text = json.dumps(actuals, ensure_ascii=False)
    folder = work / "runtimes"
    folder.mkdir(exist_ok=True)
    (folder / "targets.json").write_text(targets_text, encoding="utf-8")
    (folder / "actuals.json").write_text(actuals_text, encoding="utf-8")
    n = sum(len(p["rows"]) for p in data)
    figures = []

    module = types.ModuleType("evaluator")
    exec(
        compile(get("python").render(compile_text("项目 甲 {\n  预算 1\n}\n").model), "evaluator.py", "exec"),
        module.__dict__,
    )
    profile = builtin_profile("national")

    def library():
        module.Evaluator(targets_text).evaluate(actuals_text)

    def interpreter():
        evaluate_model(model, actuals, profile)

    t_lib, t_int = pairwise(library, interpreter, repeat)
    figures.append(
        Figure(
            f"the Python module's Evaluator: read the targets JSON, plan, score ({n:,} indicators)",
            t_lib,
            "the interpreter scoring the compiled document (evaluate_model)",
            t_int,
            3.0,
        )
    )
    kept = module.Evaluator(targets_text)
    t_kept, t_int = pairwise(lambda: kept.evaluate(actuals_text), interpreter, repeat)
    figures.append(
        Figure(
            f"a kept Evaluator scoring the actuals again ({n:,} indicators)",
            t_kept,
            "the interpreter scoring the compiled document (evaluate_model)",
            t_int,
            0.5,
        )
    )

    env = cli_env(work / "pycache")
    cli = command(
        perflang_command()
        + [
            "eval",
            str(paths["perf"]),
            "--actuals",
            str(folder / "actuals.json"),
            "--to",
            "json",
            "-o",
            str(folder / "cli.json"),
        ],
        env,
        work,
        codes=(0,),
    )
    if shutil.which("javac") and shutil.which("java"):
        (folder / "PerflangEvaluator.java").write_text(
            get("java").render(model, output="PerflangEvaluator.java"), encoding="utf-8"
        )
        subprocess.run(
            ["javac", "-d", "classes", "PerflangEvaluator.java"], cwd=folder, check=True, capture_output=True
        )
        java = [
            "java",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            "classes",
            "PerflangEvaluator",
            "targets.json",
            "actuals.json",
        ]

        def run_java(flags=java):
            with open(folder / "java.json", "wb") as out:
                subprocess.run(flags, cwd=folder, stdout=out, check=True)

        t_java, t_cli = pairwise(run_java, cli, repeat)
        default = timed(lambda: run_java([java[0], *java[2:]]))
        same = (folder / "java.json").read_bytes() == (folder / "cli.json").read_bytes()
        figures.append(
            Figure(
                f"java -XX:TieredStopAtLevel=1 PerflangEvaluator on the province's targets JSON and actuals (whole process, {n:,} indicators)",
                t_java,
                "perflang eval province.perf --to json (whole process)",
                t_cli,
                1.5,
                notes=[
                    f"output byte-identical to perflang eval's: {same}",
                    f"with the JVM's default flags: {default:.3f} s (one run)",
                ],
            )
        )
    else:
        print("GAP  runtimes: java not measured (javac/java not installed)")
    if shutil.which("node"):
        (folder / "evaluator.mjs").write_text(get("js").render(model), encoding="utf-8")
        (folder / "run.mjs").write_text(RUNNER, encoding="utf-8")
        node = command(["node", "run.mjs", "targets.json", "actuals.json", "js.json"], env, folder, codes=(0,))
        t_node, t_cli = pairwise(node, cli, repeat)
        same = (folder / "js.json").read_bytes() == (folder / "cli.json").read_bytes()
        figures.append(
            Figure(
                f"node + the ES module on the province's targets JSON and actuals (whole process, {n:,} indicators)",
                t_node,
                "perflang eval province.perf --to json (whole process)",
                t_cli,
                1.5,
                notes=[f"output byte-identical to perflang eval's: {same}"],
            )
        )
    else:
        print("GAP  runtimes: node not measured (node not installed)")
    return figures
