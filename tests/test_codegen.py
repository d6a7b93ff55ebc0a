"""`perflang build --to python`: the stand-alone evaluator agrees with `perflang eval`, uses only
the standard library, and no user text can ever become code."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import types

from click.testing import CliRunner
from conftest import EXAMPLES, SEED_EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perflang.api import compile_text
from perflang.backends.python import literal, render
from perflang.cli import cli
from perflang.evaluation.run import evaluate_model
from perflang.scoring.spec import load_profile
from perflang.testing import actuals_for, documents

ACTUALS = EXAMPLES / "ezhou-actuals.json"
PROFILES = [
    None,
    {"name": "ningxia", "weights": {"产出": 40, "效益": 40, "满意度": 20, "预算执行率": 0}},
    {"name": "linear", "lower_is_better": "linear-to-2T", "grades": {"A": "75", "B": "0"}},
    {
        "name": "block",
        "weights": {"预算执行率": 20},
        "execution_in_total": False,
        "allocation": {"mode": "block", "block": 80, "per_goal": True},
        "rounding": {"shares": "whole", "scores": "whole"},
        "wording": {"好": "达成"},
    },
]
SLOW = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def load(source: str) -> types.ModuleType:
    module = types.ModuleType("evaluator")
    exec(compile(source, "evaluator.py", "exec"), module.__dict__)
    return module


def interpret(model, actuals, profile_data):
    """What `perflang eval --to json` prints, parsed (the profile given as data on national)."""
    from perflang.scoring.rules import profile_from_data

    profile = load_profile(None)
    if profile_data is not None:
        profile = profile_from_data(profile_data, profile, "custom")
    result, _ = evaluate_model(model, actuals, profile)
    return json.loads(json.dumps(result, ensure_ascii=False))


def test_seed_module_matches_the_cli(tmp_path):
    out = tmp_path / "evaluator.py"
    assert CliRunner().invoke(cli, ["build", str(SEED_EXAMPLE), "--to", "python", "-o", str(out)]).exit_code == 0
    cli_json = CliRunner().invoke(cli, ["eval", str(SEED_EXAMPLE), "--actuals", str(ACTUALS), "--to", "json"])
    # run it in a fresh interpreter where perflang cannot be imported at all
    script = (
        "import json, sys; sys.modules['perflang'] = None; sys.path.insert(0, sys.argv[1]);"
        "import evaluator; a = json.load(open(sys.argv[2], encoding='utf-8'));"
        "print(json.dumps(evaluator.evaluate(a), ensure_ascii=False))"
    )
    proc = subprocess.run(
        [sys.executable, "-I", "-c", script, str(tmp_path), str(ACTUALS)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert json.loads(proc.stdout) == json.loads(cli_json.stdout)


def test_module_imports_only_the_standard_library(tmp_path):
    source = render(compile_text(SEED_EXAMPLE.read_text(encoding="utf-8"), "seed.perf").model)
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")])
    }
    assert imported <= set(sys.stdlib_module_names)
    assert "perflang" not in imported


def test_targets_are_plain_data(tmp_path):
    model = compile_text(SEED_EXAMPLE.read_text(encoding="utf-8"), "seed.perf").model
    module = load(render(model))
    first = module.TARGETS["projects"][0]["indicators"][0]
    assert first["name"] == "项目成本" and first["target"] == "≤571万元" and first["comparator"] == "<="
    assert first["number"] == "571" and first["unit"] == "万元" and first["pool"] == "产出"


def test_profile_errors_raise_value_error():
    module = load(render(compile_text(SEED_EXAMPLE.read_text(encoding="utf-8"), "s.perf").model))
    try:
        module.evaluate({}, {"weights": {"产出": -1}})
    except ValueError as exc:
        assert "weights.产出" in str(exc)
    else:
        raise AssertionError("a negative weight must be refused")


@SLOW
@given(documents().flatmap(lambda d: actuals_for(d.model).map(lambda a: (d, a))), st.sampled_from(PROFILES))
def test_generated_module_and_interpreter_agree(case, profile):
    doc, actuals = case
    data = json.loads(json.dumps(actuals.data, ensure_ascii=False))
    module = load(render(doc.model))
    assert module.evaluate(data, profile) == interpret(doc.model, data, profile)


@SLOW
@given(documents(nasty=True))
def test_user_text_never_becomes_code(doc):
    source = render(doc.model)
    tree = ast.parse(source)
    targets = next(n for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "TARGETS")
    value = ast.literal_eval(targets.value)  # a pure literal: nothing in it is executable
    names = [i["name"] for p in value["projects"] for i in p["indicators"]]
    assert names == [i.name for p in doc.model.projects for g in p.evaluated_goals for i in g.indicators]
    assert [p["name"] for p in value["projects"]] == [p.name for p in doc.model.projects]


@SLOW
@given(
    documents().flatmap(lambda d: actuals_for(d.model).map(lambda a: (d, a))),
    st.lists(st.sampled_from(PROFILES), min_size=2, max_size=4),
)
def test_the_kept_plan_serves_every_later_call(case, profiles):
    """One module called again and again, profiles mixed: the national plan kept from the first
    call gives what the interpreter (which plans every run) gives, and a custom profile never
    changes it."""
    doc, actuals = case
    data = json.loads(json.dumps(actuals.data, ensure_ascii=False))
    module = load(render(doc.model))
    for profile in profiles + [None]:
        assert module.evaluate(data, profile) == interpret(doc.model, data, profile)


def test_literal_refuses_anything_but_plain_data():
    assert literal("X", {"a": ["</script>", None, True, 1]}) == "X = {'a': ['</script>', None, True, 1]}\n"
    for bad in (object(), 1.5, {"a": {1, 2}}):
        try:
            literal("X", bad)
        except TypeError:
            continue
        raise AssertionError(f"{bad!r} accepted")


def test_json_numbers_read_the_same_in_both(tmp_path):
    """The CLI reads JSON numbers as exact decimals, a caller of evaluate() passes floats."""
    actuals = tmp_path / "a.json"
    actuals.write_text(
        '{"format": "perflang-actuals/1", "projects": {"政务服务工作": {"executed": 5.6e2,'
        ' "indicators": {"群众满意度": 94.5, "购买专业热线政务服务人员数量": 33,'
        ' "服务评价满意度测评": {"actual": 0.1, "score": 1.25}}}}}',
        encoding="utf-8",
    )
    cli_json = json.loads(
        CliRunner().invoke(cli, ["eval", str(SEED_EXAMPLE), "--actuals", str(actuals), "--to", "json"]).stdout
    )
    module = load(render(compile_text(SEED_EXAMPLE.read_text(encoding="utf-8"), "s.perf").model))
    mine = module.evaluate(json.loads(actuals.read_text(encoding="utf-8")))
    assert mine == cli_json
    rows = {r["name"]: r for r in mine["projects"][0]["indicators"]}
    assert rows["群众满意度"]["actual"] == "94.5" and rows["群众满意度"]["score"] == "9.95"  # 10 × 94.5/95
    assert rows["服务评价满意度测评"]["score"] == "1.25" and rows["服务评价满意度测评"]["status"] == "manual"
    assert mine["projects"][0]["execution"]["executed"] == "560"
