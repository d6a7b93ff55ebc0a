"""Issue 25: results that join and the data-driven Python evaluator.

- the targets JSON (perflang/2) is all a data-driven evaluator needs: the spec read back from it
  is the spec the interpreter scores (any document, any profile);
- eval rows carry the ids and goal of the targets they score;
- actuals keyed by id, canonical path, short path or name give the same result (through the
  reader `perflang eval` uses), also on standard input (`--actuals -`);
- the generated module's `evaluate(targets, actuals, profile)` equals the interpreter, scores
  one project, and gives its problems with the catalog's messages in both languages.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import types
from decimal import Decimal

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, SEED_EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perflang.api import compile_text
from perflang.backends.json import to_data
from perflang.backends.python import render
from perflang.cli import cli
from perflang.diagnostics import Diagnostic
from perflang.evaluation.actuals import load_actuals
from perflang.evaluation.run import evaluate_model, to_diagnostics
from perflang.scoring.rules import profile_from_data
from perflang.scoring.spec import builtin_profile, load_profile, spec_of
from perflang.scoring.targets import spec_from_targets
from perflang.testing import actuals_for, documents
from perflang.testing.space import builtin_profiles

ACTUALS = EXAMPLES / "ezhou-actuals.json"
SLOW = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
PROFILES = [builtin_profile(name) for name in builtin_profiles()]


def seed_model():
    return compile_text(SEED_EXAMPLE.read_text(encoding="utf-8"), "seed.perf").model


def load(source: str) -> types.ModuleType:
    module = types.ModuleType("evaluator")
    exec(compile(source, "evaluator.py", "exec"), module.__dict__)
    return module


def roundtrip(data):
    return json.loads(json.dumps(data, ensure_ascii=False))


# -- the JSON is the spec ------------------------------------------------------------------


def test_the_seeds_json_is_the_spec_the_interpreter_scores():
    model = seed_model()
    for profile in PROFILES:
        assert spec_from_targets(roundtrip(to_data(model, profile)))["projects"] == spec_of(model)["projects"]


@SLOW
@given(documents(), st.sampled_from(PROFILES))
def test_any_documents_json_is_its_spec(doc, profile):
    data = roundtrip(to_data(doc.model, profile))
    assert spec_from_targets(data)["projects"] == spec_of(doc.model)["projects"]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.perf")), ids=lambda p: p.name)
def test_every_examples_json_is_its_spec(path):
    model = compile_text(path.read_text(encoding="utf-8"), path.name).model
    assert spec_from_targets(roundtrip(to_data(model)))["projects"] == spec_of(model)["projects"]


# -- results that join ---------------------------------------------------------------------


def test_eval_rows_join_the_targets_by_id():
    model = seed_model()
    targets = to_data(model)
    result, _ = evaluate_model(model, json.loads(ACTUALS.read_text(encoding="utf-8")), load_profile(None))
    for project, scored in zip(targets["projects"], result["projects"]):
        assert scored["id"] == project["id"]
        by_id = {i["id"]: (g, i) for g in project["goals"] if g["scored"] for i in g["indicators"]}
        assert [r["id"] for r in scored["indicators"]] == list(by_id)  # every scored indicator, in order
        for row in scored["indicators"]:
            goal, ind = by_id[row["id"]]
            assert (row["goal_id"], row["goal_kind"], row["goal"]) == (goal["id"], goal["kind"], goal["number"])
            assert (row["name"], row["target"]) == (ind["name"], ind["text"])
            assert row["weight"] == str(Decimal(ind["effective_weight"]).quantize(Decimal("0.01")))


TWO_GOALS = """\
项目 培训 {
  预算 100
  年度目标 1 "上半年" {
    产出 / 数量 {
      培训人数: ≥100人
    }
    满意度 / 满意度 {
      满意度: ≥90%
    }
  }
  年度目标 2 "下半年" {
    产出 / 数量 {
      培训人数: ≥200人
    }
  }
}
"""


def test_a_name_repeated_across_goals_is_told_apart_by_goal_and_id():
    model = compile_text(TWO_GOALS, "t.perf").model
    targets = to_data(model)
    first, second = (g["indicators"][0]["id"] for g in targets["projects"][0]["goals"])
    actuals = {
        "format": "perflang-actuals/1",
        "projects": {
            "培训": {"indicators": {first: "100人", "年度目标2/产出/数量/培训人数": "150人", "满意度": "95%"}}
        },
    }
    result, problems = evaluate_model(model, actuals, load_profile(None))
    assert problems == []
    rows = result["projects"][0]["indicators"]
    assert [(r["goal"], r["name"], r["actual"], r["score"]) for r in rows] == [
        (1, "培训人数", "100人", "25.00"),  # 产出 50 shared by the two goals' 培训人数
        (1, "满意度", "95%", "10.00"),
        (2, "培训人数", "150人", "18.75"),  # 25 × 150/200
    ]
    # the bare name is ambiguous: PF505 names the goal paths to write instead
    _, problems = evaluate_model(
        model,
        {"format": "perflang-actuals/1", "projects": {"培训": {"indicators": {"培训人数": "1人"}}}},
        load_profile(None),
    )
    assert [p[0] for p in problems if p[0] != "PF506"] == ["PF505"]


KEY_STYLES = {
    "name": lambda ind, goal: ind["name"],
    "id": lambda ind, goal: ind["id"],
    "path as shown": lambda ind, goal: f"{ind['level1']}/{ind['level2']}/{ind['name']}",
    "short path": lambda ind, goal: (
        f"{ind['level1'].removesuffix('指标')}/{ind['level2'].removesuffix('指标')}/{ind['name']}"
    ),
    "canonical path": lambda ind, goal: f"{ind['level1_canonical']}/{ind['level2_canonical']}/{ind['name']}",
    "canonical short path": lambda ind, goal: (
        f"{ind['level1_canonical'].removesuffix('指标')}/{ind['level2_canonical'].removesuffix('指标')}/{ind['name']}"
    ),
    "goal and short path": lambda ind, goal: (
        f"年度目标{goal['number']}/{ind['level1'].removesuffix('指标')}/{ind['level2'].removesuffix('指标')}/{ind['name']}"
    ),
    "goal and canonical path": lambda ind, goal: (
        f"年度目标{goal['number']}/{ind['level1_canonical']}/{ind['level2_canonical']}/{ind['name']}"
    ),
}


def _rekeyed(style: str) -> dict:
    """The seed's actuals with every indicator named in one style, from the targets JSON."""
    targets = to_data(seed_model())
    actuals = json.loads(ACTUALS.read_text(encoding="utf-8"))
    for project in targets["projects"]:
        given = actuals["projects"][project["name"]]["indicators"]
        names = {i["name"]: (g, i) for g in project["goals"] if g["scored"] for i in g["indicators"]}
        given = {KEY_STYLES[style](*reversed(names[k])): v for k, v in given.items()}
        actuals["projects"][project["name"]]["indicators"] = given
    return actuals


@pytest.mark.parametrize("style", list(KEY_STYLES))
def test_actuals_keyed_by_id_path_short_path_or_name_give_the_same_result(style, tmp_path):
    reference = CliRunner().invoke(cli, ["eval", str(SEED_EXAMPLE), "--actuals", str(ACTUALS), "--to", "json"])
    path = tmp_path / "a.json"
    actuals = _rekeyed(style)
    path.write_text(json.dumps(actuals, ensure_ascii=False, indent=2), encoding="utf-8")
    if style == "canonical path":  # the JSON's own names, which perflang/1's reader refused
        assert "满意度指标/服务对象满意度指标/群众满意度" in actuals["projects"]["政务服务工作"]["indicators"]
    got = CliRunner().invoke(cli, ["eval", str(SEED_EXAMPLE), "--actuals", str(path), "--to", "json"])
    assert got.exit_code == reference.exit_code == 0, got.output
    assert json.loads(got.stdout) == json.loads(reference.stdout)


def test_actuals_on_standard_input(tmp_path):
    text = ACTUALS.read_text(encoding="utf-8")
    reference = subprocess.run(
        [sys.executable, "-m", "perflang", "eval", str(SEED_EXAMPLE), "--actuals", str(ACTUALS), "--to", "json"],
        capture_output=True,
        check=True,
    )
    piped = subprocess.run(
        [sys.executable, "-m", "perflang", "eval", str(SEED_EXAMPLE), "--actuals", "-", "--to", "json"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
    )
    assert piped.stdout == reference.stdout
    # CSV on standard input, and its problems named <stdin> with their line
    csv = "项目名称,三级指标,实际完成值\n法律顾问,法律顾问费,1.8万元\n法律顾问,群众满意度,很高\n"
    bad = subprocess.run(
        [sys.executable, "-m", "perflang", "eval", str(SEED_EXAMPLE), "--actuals", "-", "--lang", "en"],
        input=csv.encode("utf-8"),
        capture_output=True,
    )
    assert bad.returncode == 1
    assert "<stdin>:3:1: error[PF507]" in bad.stderr.decode("utf-8")


# -- the generated module, data-driven -----------------------------------------------------


@pytest.fixture(scope="module")
def seed_module():
    return load(render(seed_model()))


def interpret(model, actuals, profile_data):
    profile = load_profile(None)
    if profile_data is not None:
        profile = profile_from_data(profile_data, profile, "custom")
    result, problems = evaluate_model(model, actuals, profile)
    return roundtrip(result), problems


def test_the_module_scores_any_targets_json_as_the_cli(seed_module, tmp_path):
    reference = json.loads(
        CliRunner().invoke(cli, ["eval", str(SEED_EXAMPLE), "--actuals", str(ACTUALS), "--to", "json"]).stdout
    )
    targets = CliRunner().invoke(cli, ["build", str(SEED_EXAMPLE), "--to", "json"]).stdout
    actuals = ACTUALS.read_text(encoding="utf-8")
    assert roundtrip(seed_module.evaluate(targets, actuals)) == reference  # JSON texts
    assert roundtrip(seed_module.evaluate(json.loads(targets), json.loads(actuals))) == reference  # data
    assert roundtrip(seed_module.Evaluator(targets).evaluate(actuals)) == reference
    # another file's targets through the same module: the module is a library, not the file
    other = EXAMPLES / "chizhou-entrusted-services.perf"
    other_targets = CliRunner().invoke(cli, ["build", str(other), "--to", "json"]).stdout
    result = seed_module.evaluate(other_targets, {"format": "perflang-actuals/1", "projects": {}})
    assert [p["name"] for p in result["projects"]] == [
        p.name for p in compile_text(other.read_text("utf-8")).model.projects
    ]


def test_one_project_is_scored_alone(seed_module):
    targets = to_data(seed_model())
    actuals = json.loads(ACTUALS.read_text(encoding="utf-8"))
    whole = seed_module.evaluate(targets, actuals)
    for i, project in enumerate(targets["projects"]):
        for key in (project["name"], project["id"]):
            one = seed_module.evaluate(targets, actuals, project=key)
            assert one["projects"] == [whole["projects"][i]]
            assert seed_module.evaluate(actuals, project=key)["projects"] == [whole["projects"][i]]
    with pytest.raises(KeyError):
        seed_module.evaluate(targets, actuals, project="没有这个项目")


def test_problems_carry_the_catalogs_messages_in_both_languages(seed_module, tmp_path):
    actuals = json.loads(ACTUALS.read_text(encoding="utf-8"))
    body = actuals["projects"]["法律顾问"]
    body["indicators"].update(
        {"法律顾问费": "1.8平方米", "群众满意度": "很高", "不存在的指标": "1", "法治培训合格率": None}
    )
    body["executed"] = "-1"
    actuals["projects"]["不存在的项目"] = {}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(actuals, ensure_ascii=False, indent=2), encoding="utf-8")
    loaded = load_actuals(path)
    _, expected = evaluate_model(seed_model(), loaded.data, load_profile(None))
    problems = seed_module.problems(to_data(seed_model()), path.read_text(encoding="utf-8"))
    assert [tuple(p) for p in problems] == expected  # still (code, where, args) tuples
    assert {p.code for p in problems} >= {"PF503", "PF504", "PF506", "PF507", "PF508", "PF513"}
    diags = to_diagnostics(expected, loaded)
    for problem, diag in zip(problems, diags):
        assert problem.message("zh") == diag.message("zh")
        assert problem.message("en") == diag.message("en")
        assert problem.severity == diag.level.value
        assert problem.as_dict()["path"].startswith("$")
    assert isinstance(diags[0], Diagnostic)


@SLOW
@given(
    documents().flatmap(lambda d: actuals_for(d.model).map(lambda a: (d, a))),
    st.sampled_from([None, {"weights": {"产出": 40, "效益": 40, "满意度": 20, "预算执行率": 0}}]),
)
def test_the_data_driven_module_equals_the_interpreter(case, profile):
    doc, actuals = case
    data = roundtrip(actuals.data)
    module = load(render(doc.model))
    expected, problems = interpret(doc.model, data, profile)
    targets = json.dumps(to_data(doc.model), ensure_ascii=False)
    assert roundtrip(module.evaluate(targets, data, profile)) == expected
    assert [tuple(p) for p in module.problems(targets, data, profile)] == problems


def test_the_module_runs_on_older_pythons_as_far_as_can_be_seen_here():
    """Python 3.9 syntax, no annotation that 3.9 cannot evaluate (X | Y, list[int] are fine only
    under `from __future__ import annotations`, which the module does not have), no tomllib
    or operator.call at import.  (Only Python 3.11 is installed here: this is a static check.)"""
    source = render(seed_model())
    tree = ast.parse(source, feature_version=(3, 9))
    for node in ast.walk(tree):
        annotations = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            annotations = [a.annotation for a in node.args.args + node.args.kwonlyargs] + [node.returns]
        elif isinstance(node, ast.AnnAssign):
            annotations = [node.annotation]
        for a in annotations:
            assert a is None or not any(isinstance(n, (ast.BinOp, ast.Subscript)) for n in ast.walk(a)), ast.unparse(a)
    top_imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert not any(isinstance(n, ast.Import) and n.names[0].name == "tomllib" for n in top_imports)


def test_odd_json_values_are_shown_as_json_and_minus_zero_as_zero():
    """What a port to Java or JavaScript can reproduce: an actual of true, a list or an object
    is shown as JSON wrote it (not Python's True or Decimal('1')), and -0 (a score, an executed
    amount) is never printed as -0.00."""
    actuals = {
        "format": "perflang-actuals/1",
        "projects": {
            "法律顾问": {
                "executed": "-0",
                "indicators": {
                    "法律顾问费": True,
                    "提出建议，修改合同": [1, "a", {"b": None}],
                    "法治培训合格率": {"actual": "", "score": "-0", "note": 5},
                },
            }
        },
    }
    result, problems = evaluate_model(seed_model(), actuals, load_profile(None))
    project = next(p for p in result["projects"] if p["name"] == "法律顾问")
    rows = {r["name"]: r for r in project["indicators"]}
    assert rows["法律顾问费"]["actual"] == "true" and rows["法律顾问费"]["status"] == "invalid"
    assert rows["提出建议，修改合同"]["actual"] == '[1,"a",{"b":null}]'
    assert (rows["法治培训合格率"]["score"], rows["法治培训合格率"]["note"]) == ("0.00", "5")
    assert project["execution"]["rate"] == "0.0000" and project["execution"]["score"] == "0.00"
    assert {("PF507", "true"), ("PF507", '[1,"a",{"b":null}]')} <= {(c, a.get("value")) for c, _, a in problems}
