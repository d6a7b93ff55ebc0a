"""perflang.testing: the strategies keep their promises (valid documents; actuals that meet,
miss or sit on each target), checked against the evaluator's own verdicts."""

from __future__ import annotations

import builtins
import importlib

import pytest
from hypothesis import HealthCheck, given, settings

from perflang import testing
from perflang.api import compile_text
from perflang.evaluation.command import evaluate_model
from perflang.evaluation.spec import load_profile
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
