"""Issue 24, item 8: the generated Python evaluator equals `perflang eval` on hostile actuals —
NaN, ±Infinity, huge numbers, a million-digit string, a 4,001-digit int — with the same problem
(PF501, the same reason) and the same scores, whether the actuals come as data or as JSON text.

Before the checks were shared (perflang/scoring/core.py, embedded in the module), the module
raised decimal.InvalidOperation on NaN and scored Infinity, the long string and the long int as
met (30.00) where eval says PF501; these tests fail on a65ae82 for that evaluator.  The Java and
JavaScript evaluators are held to the same by tests/test_runtimes.py.
"""

from __future__ import annotations

import json
import re
import types
from decimal import Decimal

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, SEED_EXAMPLE
from hypothesis import HealthCheck, given, settings

from perflang.api import compile_text
from perflang.backends.python import render
from perflang.cli import cli
from perflang.evaluation.actuals import catalog_args, load_actuals
from perflang.testing import cases

ACTUALS = json.loads((EXAMPLES / "ezhou-actuals.json").read_text(encoding="utf-8"))
PROJECT = next(iter(ACTUALS["projects"]))
INDICATOR = next(iter(ACTUALS["projects"][PROJECT]["indicators"]))

# (what, the value as data, the value as JSON text writes it): eval refuses each (PF501)
REFUSED = [
    ("NaN", float("nan"), "NaN"),
    ("Infinity", float("inf"), "Infinity"),
    ("-Infinity", float("-inf"), "-Infinity"),
    ("Decimal NaN", Decimal("NaN"), "NaN"),
    ("Decimal -Infinity", Decimal("-Infinity"), "-Infinity"),
    ("an exponent of 5000", Decimal("1E+5000"), "1E+5000"),
    ("an exponent of -1001", Decimal("1E-1001"), "1E-1001"),
    ("a 4,001-digit int", 10**4000 + 7, str(10**4000 + 7)),
    ("a million-digit string", "9" * 1_000_000, json.dumps("9" * 1_000_000)),
    ("1,001 full-width digits", "１" * 1001 + "个", json.dumps("１" * 1001 + "个", ensure_ascii=False)),
]
# huge but within the limits: scored, by both alike
SCORED = [
    ("an exponent of 999", Decimal("1E+999"), "1E+999"),
    ("a 1,000-digit int", 10**999, str(10**999)),
    ("1e308 as a float", 1e308, "1e+308"),
    ("the string Infinity", "Infinity", '"Infinity"'),
    ("the string NaN", "NaN", '"NaN"'),
    ("a 1,000-digit string", "9" * 1000, json.dumps("9" * 1000)),
    # as a hand score it is no number (PF511; its 1e11 digits were once written out: MemoryError)
    ("the string 1e99999999999", "1e99999999999", '"1e99999999999"'),
    ("the string -1e2000", "-1e2000", '"-1e2000"'),
]
# JSON numbers no Decimal holds (eval once stopped with an internal error, InvalidOperation)
TEXT_ONLY = ["1e99999999999999999999999", "-1e-99999999999999999999999", "0e1000000000000000000"]
PLACES = ["actual", "entry", "score", "executed"]


def load(source: str) -> types.ModuleType:
    module = types.ModuleType("evaluator")
    exec(compile(source, "evaluator.py", "exec"), module.__dict__)
    return module


@pytest.fixture(scope="module")
def evaluator():
    model = compile_text(SEED_EXAMPLE.read_text(encoding="utf-8"), str(SEED_EXAMPLE)).model
    return load(render(model))


def placed(value, place: str):
    """The seed's actuals with the value put at a place (as the actual, inside an entry, as a
    hand score, as the 全年执行数)."""
    data = json.loads(json.dumps(ACTUALS))
    project = data["projects"][PROJECT]
    if place == "actual":
        project["indicators"][INDICATOR] = value
    elif place == "entry":
        project["indicators"][INDICATOR] = {"actual": value, "note": "x"}
    elif place == "score":
        project["indicators"][INDICATOR] = {"actual": "达成", "score": value}
    else:
        project["executed"] = value
    return data


def as_text(value, literal: str, place: str) -> str:
    """The JSON text of placed(value, place), the value written as `literal`."""
    marker = "\u0000HOSTILE\u0000"
    return json.dumps(placed(marker, place), ensure_ascii=False).replace(json.dumps(marker), literal)


def eval_cli(tmp_path, text: str):
    path = tmp_path / "actuals.json"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(SEED_EXAMPLE), "--actuals", str(path), "--to", "json"])
    return result, load_actuals(path)


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("what, value, literal", REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_by_eval_and_by_the_evaluator_alike(evaluator, tmp_path, what, value, literal, place):
    result, read = eval_cli(tmp_path, as_text(value, literal, place))
    assert result.exit_code == 1 and result.stdout == ""
    assert [d.code for d in read.diagnostics] == ["PF501"]
    expected = read.diagnostics[0].args
    data = placed(value, place)
    found = evaluator.problems(data)
    # the same reason, in both languages (perflang eval's: the evaluator's as the catalog shows it)
    assert [(p[0], tuple(p[1]), catalog_args(p[0], p[2])) for p in found] == [("PF501", ("actuals",), expected)]
    with pytest.raises(ValueError) as raised:  # never decimal.InvalidOperation, never a score
        evaluator.evaluate(data)
    assert not isinstance(raised.value, ArithmeticError)


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("what, value, literal", REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_as_json_text_too(evaluator, tmp_path, what, value, literal, place):
    text = as_text(value, literal, place)
    _, read = eval_cli(tmp_path, text)
    found = evaluator.problems(text)
    assert [(p.code, p.path, catalog_args(p.code, p.args)) for p in found] == [("PF501", "$", read.diagnostics[0].args)]
    assert found[0].message("zh").startswith("无法读取实际完成值：")
    for lang in ("zh", "en"):  # what eval prints, each in one language
        assert found[0].message(lang) == read.diagnostics[0].message(lang)
    with pytest.raises(evaluator.UnreadableActuals) as raised:
        evaluator.evaluate(text)
    assert raised.value.message("en") == found[0].message("en")


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("what, value, literal", SCORED, ids=[r[0] for r in SCORED])
def test_huge_but_scorable_values_score_alike(evaluator, tmp_path, what, value, literal, place):
    result, read = eval_cli(tmp_path, as_text(value, literal, place))
    expected = json.loads(result.stdout)
    assert evaluator.evaluate(placed(value, place)) == expected
    assert evaluator.evaluate(as_text(value, literal, place)) == expected
    shown = re.findall(r"\[(PF5\d\d)\]", result.stderr)  # what eval says of the actuals
    assert sorted(p[0] for p in evaluator.problems(placed(value, place))) == sorted(shown)


@pytest.mark.parametrize("literal", TEXT_ONLY)
def test_numbers_no_decimal_holds_are_refused_alike(evaluator, tmp_path, literal):
    text = as_text(None, literal, "actual")
    result, read = eval_cli(tmp_path, text)
    assert result.exit_code == 1 and [d.code for d in read.diagnostics] == ["PF501"]
    found = evaluator.problems(text)
    assert [(p.code, catalog_args(p.code, p.args)) for p in found] == [("PF501", read.diagnostics[0].args)]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(cases(hostile=True))
def test_the_generated_module_equals_the_interpreter_over_hostile_cases(case):
    """The equality property over the whole input space with hostile values drawn (a case in
    four: NaN, ±Infinity, too many digits, refused whole; huge values perflang still scores), for
    the module with its targets built in (evaluate(actuals, profile)): the same result, the same
    problems, and PF501 where perflang refuses the actuals."""
    module = load(render(case.model))
    profile = None if case.profile_data is None else {**case.profile_data, "name": case.profile["name"]}
    expected, problems = case.expected()
    found = [(p[0], tuple(p[1]), p[2]) for p in module.problems(case.actuals, profile)]
    assert found == [(code, tuple(where), args) for code, where, args in problems]
    if expected is None:
        with pytest.raises(module.UnreadableActuals):
            module.evaluate(case.actuals, profile)
    else:
        assert module.evaluate(case.actuals, profile) == json.loads(json.dumps(expected, ensure_ascii=False))
