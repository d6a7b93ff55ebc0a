"""perflang.testing: the strategies keep their promises (valid documents; actuals that meet,
miss or sit on each target), checked against the evaluator's own verdicts."""

from __future__ import annotations

import builtins
import importlib

import pytest
from hypothesis import HealthCheck, given, settings

from perflang import testing
from perflang.api import compile_text
from perflang.evaluation.run import evaluate_model
from perflang.scoring.spec import load_profile
from perflang.testing import actuals_for, documents

SLOW = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
NATIONAL = load_profile(None)


@SLOW
@given(documents())
def test_documents_are_valid_and_their_model_matches_the_text(doc):
    again = compile_text(doc.text, "again.perf")
    assert again.ok
    assert [p.name for p in again.model.projects] == [p.name for p in doc.model.projects]
    assert all(
        i.weight is None or 0 <= i.weight <= 1 for p in doc.model.projects for g in p.goals for i in g.indicators
    )


@SLOW
@given(documents().flatmap(lambda d: actuals_for(d.model).map(lambda a: (d, a))))
def test_outcomes_are_what_the_evaluator_finds(case):
    doc, actuals = case
    result, problems = evaluate_model(doc.model, actuals.data, NATIONAL)
    assert problems == []
    targets = {(p.name, i.name): i.target for p in doc.model.projects for g in p.evaluated_goals for i in g.indicators}
    for project in result["projects"]:
        for row in project["indicators"]:
            outcome = actuals.outcomes[(project["name"], row["name"])]
            target = targets[(project["name"], row["name"])]
            if outcome == "meet":
                assert row["met"] is True and row["score"] == row["weight"]
            elif outcome == "boundary" and target.kind == "quantitative":
                # on the boundary: full marks for every comparator (strict ones are not met)
                assert row["score"] == row["weight"]
                assert row["met"] is (target.comparator not in (">", "<"))
            elif outcome == "miss":
                assert row["met"] is False


def test_missing_hypothesis_gives_a_clear_error(monkeypatch):
    real_import = builtins.__import__

    def no_hypothesis(name, *args, **kwargs):
        if name.startswith("hypothesis"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_hypothesis)
    module = importlib.reload(testing)  # importing the module itself needs no hypothesis
    with pytest.raises(ImportError, match=r'pip install "perflang\[test\]"'):
        module.documents()


def test_the_example_in_docs_testing_md_compiles_and_its_imports_exist():
    from conftest import ROOT

    text = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    code = text.split("```python\n", 1)[1].split("```", 1)[0]
    compile(code, "testing.md", "exec")
    imports = "\n".join(line for line in code.splitlines() if line.startswith("from perflang"))
    exec(imports, {})


# -- issue 25: the whole space, the edges, the differential helper ---------------------------

import time  # noqa: E402
from decimal import Decimal  # noqa: E402

from vendor_scorer import BUGS, Vendor  # noqa: E402

from perflang.testing import (  # noqa: E402
    EDGES,
    DifferentialFailure,
    cases,
    default_cases,
    differential,
    edge_cases,
)

VENDOR_SPACE = dict(written=False, invalid=False, keys=("name", "id"))


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(cases())
def test_whole_space_cases_are_valid_and_their_targets_follow_the_schema(case):
    import json as _json

    import jsonschema
    from test_json import VALIDATOR

    assert compile_text(case.text, "again.perf").ok
    VALIDATOR.validate(_json.loads(_json.dumps(case.targets, ensure_ascii=False)))
    result, problems = case.expected()
    assert result["profile"] == case.profile["name"]
    jsonschema.validate(result, _schema_eval())
    assert case.describe().count("-- the .perf file --") == 1


def _schema_eval():
    import json as _json
    from importlib import resources

    return _json.loads(resources.files("perflang").joinpath("schema", "perflang-eval-2.schema.json").read_text("utf-8"))


def test_the_whole_space_holds_what_real_actuals_hold():
    """Over a few hundred cases: every built-in profile and generated ones, several goals of
    both kinds, names repeated across goals, and each kind of actual (hand scores, grades,
    actuals as written, missing and invalid ones) — seen as the problems perflang reports."""
    seen_codes, profiles, layouts, repeated, modes = set(), set(), set(), [], set()

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(cases())
    def look(case):
        _, problems = case.expected()
        seen_codes.update(code for code, _, _ in problems)
        profiles.add(case.profile["name"])
        modes.add(case.profile["allocation"]["mode"])
        for p in case.model.projects:
            layouts.add(tuple((g.kind, g.shared_from is not None) for g in p.goals))
            names = [i.name for g in p.evaluated_goals for i in g.indicators]
            repeated.append(len(names) != len(set(names)))
        for project in case.expected()[0]["projects"]:
            seen_codes.update(r["status"] for r in project["indicators"])
            if project["execution"] is not None:
                seen_codes.add(f"execution {project['execution'].get('status', 'scored')}")

    look()
    # a region alone or followed by a layout with + (issue 23: 指标100分, 整分)
    assert {"national", "hubei", "sichuan", "ningxia", "beijing", "generated"} <= {p.split("+")[0] for p in profiles}
    # issue 23: the weight layouts after + (指标100分, 整分), and every allocation mode
    assert any("+indicators-100" in p for p in profiles) and any("+whole-points" in p for p in profiles)
    assert {"pools", "block", "split"} <= modes
    assert {"execution scored", "execution invalid"} <= seen_codes
    assert {"scored", "manual", "missing", "invalid"} <= seen_codes
    assert {
        "PF503",
        "PF504",
        "PF506",
        "PF507",
        "PF508",
        "PF509",
        "PF510",
        "PF511",
        "PF513",
        "PF521",
        "PF524",
        "PF525",
        "PF526",
    } <= seen_codes
    assert (("long-term", False), ("annual", True)) in layouts and (("annual", False),) * 2 in layouts
    assert any(repeated)


@pytest.mark.parametrize("aim", list(EDGES))
def test_each_edge_sits_on_its_edge(aim):
    """The edges are where they say: a half-cent case's raw score ends in exactly 5 thousandths
    (perflang rounds it up), a grade case's total lands on its threshold, and so on."""

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(edge_cases([aim]))
    def check(case):
        result, problems = case.expected()
        assert aim.split(":")[0] in case.aim or case.aim  # the case says what it aims at
        project = result["projects"][0]
        row = next(r for r in project["indicators"] if r["name"] == "被测指标")
        if aim.startswith("half-cent") and aim != "half-cent execution":
            s = Decimal(case.aim.rsplit(" ", 1)[1])  # the score the case was built for, x.xx5
            assert s % Decimal("0.01") == Decimal("0.005") and Decimal(row["score"]) == s + Decimal("0.005")
        elif aim == "half-cent execution":
            s = Decimal(case.aim.rsplit(" ", 1)[1])
            assert Decimal(project["execution"]["score"]) == s + Decimal("0.005")
        elif aim == "grade boundaries":
            g = Decimal(case.aim.rsplit(" ", 1)[1])
            assert Decimal(project["total_100"]) == g.quantize(Decimal("0.01")) or Decimal(
                project["total_100"]
            ) - g <= Decimal("0.01")
        elif aim == "targets at 0":
            assert row["status"] == "scored"
        elif aim == "band edges":
            assert row["status"] in ("manual", "invalid") and (row["status"] == "manual") == (not problems)

    check()


def test_a_careful_scorer_written_from_the_docs_agrees_with_perflang():
    differential(Vendor(), default_cases(**VENDOR_SPACE), max_examples=400, derandomize=True)


@pytest.mark.parametrize("bug", list(BUGS))
def test_differential_catches_the_bugs_vendors_make(bug):
    """round(float(x), 2) and nine other seeded bugs (tests/vendor_scorer.py BUGS) are each
    caught, with the case printed.  The run is bounded by the number of cases, never by time;
    the seconds each took are printed (docs/testing.md quotes them: all well under 60 s here)."""
    start = time.perf_counter()
    with pytest.raises(DifferentialFailure) as failure:
        differential(Vendor(bug), default_cases(**VENDOR_SPACE), max_examples=3000, derandomize=True)
    print(f"{bug}: caught in {time.perf_counter() - start:.1f} s")
    message = str(failure.value)
    assert "-- the .perf file --" in message and "-- the actuals --" in message and "perflang" in message
    assert failure.value.case.text in message


def test_the_example_of_docs_testing_md_catches_round_float_and_passes_when_fixed():
    from conftest import ROOT

    text = (ROOT / "docs" / "testing.md").read_text(encoding="utf-8")
    code = text.split("<!-- differential example -->\n```python\n", 1)[1].split("```", 1)[0]
    scope: dict = {}
    exec(compile(code, "testing.md", "exec"), scope)
    with pytest.raises(DifferentialFailure) as failure:
        scope["test_my_scorer"]()
    assert "half-cent" in str(failure.value)
    fixed = code.replace(
        "round(float(w) * float(a) / float(t), 2)", 'Decimal(w * a / t).quantize(Decimal("0.01"), ROUND_HALF_UP)'
    )
    fixed = fixed.replace(
        "round(float(w) * float(t) / float(a), 2)", 'Decimal(w * t / a).quantize(Decimal("0.01"), ROUND_HALF_UP)'
    )
    assert fixed != code
    exec(compile(fixed, "testing.md", "exec"), scope)
    scope["test_my_scorer"]()


@pytest.mark.filterwarnings("ignore:Generating overly large repr")  # a million digits, drawn
def test_hostile_actuals_are_drawn_and_an_evaluator_must_refuse_what_perflang_refuses():
    """cases(hostile=True) draws NaN, ±Infinity and numbers of too many digits (perflang: PF501,
    no result) and huge values perflang still scores; the differential helper passes perflang's
    own data-driven evaluator (it refuses them: UnreadableActuals) and fails one that scores
    them anyway, in data and in text alike."""
    from perflang.scoring.evaluator import Evaluator

    refused = []

    @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(cases(hostile=True))
    def look(case):
        result, problems = case.expected()
        refused.append(result is None)
        if result is None:
            assert [code for code, _, _ in problems] == ["PF501"]

    look()
    assert any(refused) and not all(refused)

    def careful(targets, actuals):
        return Evaluator(targets).evaluate(actuals)

    def careless(targets, actuals):  # scores what it can: an empty result where perflang refuses
        try:
            return Evaluator(targets).evaluate(actuals)
        except ValueError:
            return {"projects": []}

    for text in (False, True):
        differential(careful, cases(hostile=True), max_examples=60, derandomize=True, text=text)
        with pytest.raises(DifferentialFailure) as failed:
            differential(careless, cases(hostile=True), max_examples=200, derandomize=True, text=text, shrink=False)
        assert "perflang refuses these actuals (PF501" in str(failed.value)
        assert "none: PF501" in str(failed.value)


def test_a_result_with_the_totals_alone_is_compared_on_the_totals():
    """Only the fields an evaluator gives are compared; a missing project is a disagreement."""
    from perflang.testing import first_difference

    expected = {
        "projects": [
            {
                "id": "p-1",
                "name": "甲",
                "total": "9.50",
                "total_100": "95.00",
                "grade": "优",
                "maximum": "10.00",
                "execution": None,
                "indicators": [],
            }
        ]
    }
    assert first_difference(expected, {"projects": [{"name": "甲", "total": 9.5}]}) is None
    assert first_difference(expected, '{"projects": [{"id": "p-1", "total": "9.5"}]}') is None
    assert "total" in first_difference(expected, {"projects": [{"name": "甲", "total": "9.49"}]})
    assert "missing" in first_difference(expected, {"projects": []})


COST_WITHOUT_COMPARATOR = """金额单位 万元

项目 x {
  预算 100
  年度目标 1 "x" {
    成本 / 经济成本 {
      维护成本: 0.00万元
      设备购置成本: 80万元
    }
  }
}
"""


@SLOW
@given(actuals_for(compile_text(COST_WITHOUT_COMPARATOR, "cost.perf").model))
def test_a_cost_without_a_comparator_is_drawn_as_a_ceiling(actuals):
    """A cost in money written without a comparator is a ceiling to the scorer (≤): an actual
    drawn to meet it is at most the target (drawn as a floor before, 0.01万元 'met' 0.00万元)."""
    model = compile_text(COST_WITHOUT_COMPARATOR, "cost.perf").model
    result, problems = evaluate_model(model, actuals.data, NATIONAL)
    assert problems == []
    for row in result["projects"][0]["indicators"]:
        outcome = actuals.outcomes[("x", row["name"])]
        if outcome in ("meet", "boundary"):
            assert row["met"] is True, (row, outcome)
        else:
            assert row["met"] is False, (row, outcome)
