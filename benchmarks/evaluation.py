"""Target 5: the generated evaluator (`perflang build --to python`) against the interpreter
(`perflang eval`), on the same document and actuals.

The interpreter is what `perflang eval FILE --actuals A --to json` does in-process: compile
the document (parse, resolve, check), derive the targets, score.  The generated module has the
document compiled in and only scores, with the quick functions of its kept plan
(perflang.scoring.plan: the rules of perflang.scoring.rules bound per indicator); the interpreter plans
and scores with the full rules once.  The scoring-only comparison (the interpreter's
evaluate_data, planning included, against the module) is printed too, as a note.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from corpus import projects, to_perf
from measure import Figure, pairwise

from perflang.api import compile_text
from perflang.backends import get
from perflang.evaluation.run import evaluate_model
from perflang.scoring.core import evaluate_data
from perflang.scoring.spec import builtin_profile, spec_of, units_for
from perflang.values import parse_target

PROJECTS = 200  # 4,000 indicators


def _actuals(data: list[dict]) -> dict:
    """Every indicator given: the target number itself (unit implied) or 达成."""
    out = {}
    for p in data:
        given = {}
        for _, _, name, value, _ in p["rows"]:
            t = parse_target(value)
            given[name] = t.value if t.kind == "quantitative" else "达成"
        out[p["name"]] = {"executed": f"{p['budget']}万元", "indicators": given}
    return {"format": "perflang-actuals/1", "projects": out}


def _module(path: Path):
    spec = importlib.util.spec_from_file_location("perflang_bench_evaluator", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluator_figures(paths: dict, repeat: int) -> list[Figure]:
    data = projects(PROJECTS, seed=11)
    text = to_perf(data)
    actuals = _actuals(data)
    model = compile_text(text, "eval.perf").model
    target = paths["perf"].parent / "evaluator.py"
    target.write_text(get("python").render(model), encoding="utf-8")
    generated = _module(target)
    profile = builtin_profile("national")
    n = sum(len(p["rows"]) for p in data)

    def interpreter():
        return evaluate_model(compile_text(text, "eval.perf").model, actuals, profile)[0]

    def compiled():
        return generated.evaluate(actuals)

    a, b = interpreter(), compiled()
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True), "evaluator and interpreter disagree"
    t_gen, t_int = pairwise(compiled, interpreter, repeat)
    spec = spec_of(model)
    units = units_for(spec)
    t_gen2, t_score = pairwise(compiled, lambda: evaluate_data(spec, units, actuals, profile), repeat)
    rate = sorted(t_gen)[len(t_gen) // 2]
    notes = [
        f"generated: {n / rate:,.0f} indicators/s ({n:,} indicators, {PROJECTS} projects)",
        f"scoring alone (interpreter's evaluate_data, planning included): ratio "
        f"{sorted(t_score)[repeat // 2] / sorted(t_gen2)[repeat // 2]:.2f}",
    ]
    return [
        Figure(
            "generated evaluator (build --to python), evaluate(actuals)",
            t_gen,
            "perflang eval in-process (compile the document, then score)",
            t_int,
            -10,
            notes=notes,
        )
    ]
