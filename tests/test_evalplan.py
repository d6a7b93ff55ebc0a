"""The evaluator's plan (perflang.scoring.plan): each indicator's quick function and the in-order
shortcut give exactly what the full rules give, on any actuals (digits, units, signs, spaces,
full-width digits, levels, hand-given scores, notes, wrong types, missing and unknown names,
any order), under the national and custom profiles; in-process and through the generated
module (which uses them for the national profile)."""

from __future__ import annotations

import json
import types
from decimal import Decimal as D

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perflang.api import compile_text
from perflang.backends.python import render
from perflang.scoring.core import evaluate_data, match_keys
from perflang.scoring.plan import index_of, key_index, names_in_order, plan
from perflang.scoring.rules import profile_from_data
from perflang.scoring.spec import builtin_profile, spec_of, units_for
from perflang.testing import documents

NATIONAL = builtin_profile("national")
CUSTOM = [
    None,
    {"name": "ningxia", "weights": {"产出": 40, "效益": 40, "满意度": 20, "预算执行率": 0}},
    {
        "name": "linear",
        "lower_is_better": "linear-to-2T",
        "qualitative": {"部分达成": {"default": "0.7"}},
        "grades": {"A": "75", "B": "0"},
    },
    # a Hubei-like block shared per goal, whole points, the funds row outside the total
    {
        "name": "block",
        "weights": {"预算执行率": 20},
        "execution_in_total": False,
        "allocation": {"mode": "block", "block": 80, "per_goal": True},
        "rounding": {"shares": "whole", "scores": "whole"},
    },
    {"name": "rescale", "allocation": {"rescale": True}, "wording": {"好": "达成", "较好": "部分达成"}},
]
SLOW = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
LEVEL_TEXTS = [
    "达成",
    "部分达成",
    "未达成",
    "达成年度指标",
    "部分达成年度指标并具有一定效果",
    "未达成年度指标且效果较差",
    " 达成",
    "达成 ",
    "达 成",
    "基本达成",
    "",
    "达成预期指标",
    "部分达成预期指标",
    "好",
    "较好",
]
# actuals as people write them (docs/scoring.md §1): met words, repeated targets, fractions
WRITTEN = ["完成", "已完成", "达到", "达成预期指标", "0.96", "0.5", "1", "100%", "显著提升"]
SCORES = ["0", "3", "3.456", "100", "x", 2]  # hand-given: in band, rounded, too high, not a number


def profile_of(data):
    return NATIONAL if data is None else profile_from_data(data, NATIONAL, "custom")


def numbers(ind: dict):
    """Plain decimal texts near the indicator's target (on it, either side, 0), as digits."""
    target = D(ind["number"]) if ind["number"] is not None else D(95)
    near = st.decimals(min_value=0, max_value=abs(target) * 3 + 1, places=3)
    return (st.sampled_from([target, abs(target), D(0)]) | near).map(lambda d: format(d, "f"))


def actual_for(ind: dict):
    """Any actual: mostly the quick path's digits and levels, often what only the full rules
    read."""
    unit = ind["unit"] or ""
    text = numbers(ind)
    odd = st.one_of(
        text.map(lambda n: n + unit),
        text.map(lambda n: n + "万元"),
        text.map(lambda n: f" {n} "),
        text.map(lambda n: "-" + n),
        text.map(lambda n: n + "."),
        text.map(lambda n: "+" + n),
        text.map(lambda n: n.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))),
        st.sampled_from(["1,200", ".5", "5e3", "一百", "", "   ", "NaN", "Infinity", "٣"]),
        st.sampled_from(LEVEL_TEXTS),
        st.integers(-5, 500),
        st.sampled_from(WRITTEN),
        text.map(lambda n: "≥" + n + unit),
        text.map(lambda n: "不超过" + n),
        st.fixed_dictionaries(
            {"actual": st.sampled_from(["按期使用", "", 3]), "grade": st.sampled_from(LEVEL_TEXTS[:6] + ["很好", 1])}
        ),
        st.decimals(0, 500, places=1).map(float),
        st.sampled_from([True, None, [1], {"a": 1}]),
        st.fixed_dictionaries(
            {"actual": text | st.sampled_from(LEVEL_TEXTS) | st.none()},
            optional={"score": st.sampled_from(SCORES), "note": st.sampled_from(["说明", 7]), "bogus": st.just(1)},
        ),
    )
    usual = text if ind["kind"] != "qualitative" else st.sampled_from(LEVEL_TEXTS[:6])
    return st.one_of(usual, usual, usual, odd)


@st.composite
def actuals_of(draw, spec: dict):
    """perflang-actuals/1 data for the spec: every name in file order most of the time, else
    shuffled, thinned, with paths for names, unknown names and execution figures."""
    projects = {}
    for p in spec["projects"]:
        entries = [(ind["name"], draw(actual_for(ind))) for ind in p["indicators"]]
        if draw(st.booleans()):
            entries = draw(st.permutations(entries))
            keep = draw(st.lists(st.booleans(), min_size=len(entries), max_size=len(entries)))
            entries = [e for e, k in zip(entries, keep) if k]
            ind_by_name = {ind["name"]: ind for ind in p["indicators"]}
            entries = [(draw(st.sampled_from(ind_by_name[k]["keys"])), v) for k, v in entries]
            entries += draw(st.lists(st.tuples(st.sampled_from(["不存在", "数据"]), st.just("1")), max_size=1))
        body = {"indicators": dict(entries)}
        if draw(st.booleans()):
            body["executed"] = draw(st.sampled_from(["50", "80万元", "-1", "x", "1200000元"]))
        projects[p["name"]] = body
    return {"format": "perflang-actuals/1", "projects": projects}


def cases():
    return documents(nasty=False).flatmap(
        lambda d: st.tuples(st.just(d), actuals_of(spec_of(d.model)), st.sampled_from(CUSTOM))
    )


def text(result) -> str:
    return json.dumps(result, ensure_ascii=False, indent=2)


@SLOW
@given(cases())
def test_quick_functions_give_what_the_full_rules_give(case):
    doc, actuals, profile_data = case
    spec, profile = spec_of(doc.model), profile_of(profile_data)
    units = units_for(spec)
    full, full_problems = evaluate_data(spec, units, actuals, profile)
    quick, quick_problems = evaluate_data(spec, units, actuals, profile, plan(spec, units, profile, quick=True))
    assert text(quick) == text(full)
    assert quick_problems == full_problems


@SLOW
@given(cases())
def test_the_generated_module_gives_what_the_interpreter_gives(case):
    """National profile: the module's kept plan with quick functions; custom: the full rules."""
    doc, actuals, profile_data = case
    module = types.ModuleType("evaluator")
    exec(compile(render(doc.model), "evaluator.py", "exec"), module.__dict__)
    spec = spec_of(doc.model)
    data = json.loads(json.dumps(actuals, ensure_ascii=False))
    for profile in (None, profile_data, None):  # the kept plan serves the third call
        expected, problems = evaluate_data(spec, units_for(spec), data, profile_of(profile))
        assert text(module.evaluate(data, profile)) == text(expected)
        assert module.problems(data, profile) == problems


@SLOW
@given(documents(nasty=False).flatmap(lambda d: st.tuples(st.just(d), actuals_of(spec_of(d.model)))))
def test_names_in_order_match_one_to_one(case):
    """The in-order shortcut is what match_keys gives: (key, value) per indicator, no problem."""
    doc, actuals = case
    spec = spec_of(doc.model)
    planned = plan(spec, units_for(spec), NATIONAL)
    for p, pp in zip(spec["projects"], planned["projects"]):
        entries = actuals["projects"][p["name"]]["indicators"]
        if list(entries) == pp["names"]:
            problems: list = []
            index = index_of(pp, p["indicators"])
            assert match_keys(p["indicators"], index, entries, p["name"], problems) == list(entries.items())
            assert problems == []


@SLOW
@given(documents(nasty=True))
def test_the_names_shortcut_needs_no_index(doc):
    """names_in_order without the key index (names without '/' that are no id) says what it
    says with the whole index: each name names its own indicator alone."""
    spec = spec_of(doc.model)
    for p in spec["projects"]:
        inds = p["indicators"]
        index = key_index(inds)
        names = [i["name"] for i in inds]
        whole = names if max(map(len, map(index.__getitem__, names)), default=1) == 1 else None
        assert names_in_order(inds) == whole == names_in_order(inds, index)


SAME_NAMES = """金额单位 万元
项目 "甲" {
  预算 100
  年度目标 1 "目标一" {
    产出 / 数量 {
      人数: ≥10人
    }
    效益 / 社会效益 {
      成效: 达成
    }
  }
  年度目标 2 "目标二" {
    产出 / 质量 {
      人数: ≥95%
    }
  }
}
"""


def same_names_spec() -> dict:
    result = compile_text(SAME_NAMES, "same.perf")
    assert result.ok, result.diagnostics
    return spec_of(result.model)


def test_a_name_shared_by_two_indicators_is_never_matched_by_name_alone():
    spec = same_names_spec()
    (pp,) = plan(spec, units_for(spec), NATIONAL)["projects"]
    assert pp["names"] is None  # "人数" names two indicators: PF505, never the shortcut
    actuals = {"format": "perflang-actuals/1", "projects": {"甲": {"indicators": {"人数": "10", "成效": "达成"}}}}
    result, problems = evaluate_data(
        spec, units_for(spec), actuals, NATIONAL, plan(spec, units_for(spec), NATIONAL, quick=True)
    )
    assert [p[0] for p in problems] == ["PF505", "PF506", "PF506"]
    assert [r["status"] for r in result["projects"][0]["indicators"]] == ["missing", "scored", "missing"]


def test_quick_functions_take_the_usual_actuals_and_leave_the_rest():
    """Not vacuous: digits and exact levels are scored by the quick functions, anything the
    full rules must read (a unit, spaces, a sign, a number, a score by hand) is left to them."""
    spec = same_names_spec()
    (pp,) = plan(spec, units_for(spec), NATIONAL, quick=True)["projects"]
    people, level, rate = pp["quick"]
    row, score = people("12")
    assert (row["actual"], row["score"], row["met"], row["status"], score) == (
        "12",
        "25.00",
        True,
        "scored",
        D("25.00"),
    )  # 产出 50 over two: 25 each
    row, score = rate("47.5")
    assert (row["score"], row["met"], score) == ("12.50", False, D("12.50"))  # 25 × 47.5/95
    row, score = level("部分达成年度指标并具有一定效果")
    assert (row["score"], row["met"], row["status"]) == ("21.00", False, "scored")  # 30 × 0.7
    for odd in ["12人", " 12", "-12", "+12", "12.", "１２", "", 12, 12.0, None, {"actual": "12"}]:
        assert people(odd) is None
    for odd in [" 达成", "基本达成", "", None, ["达成"], {"actual": "达成"}]:
        assert level(odd) is None
    assert plan(spec, units_for(spec), NATIONAL)["projects"][0]["quick"] is None


@SLOW
@given(cases(), st.randoms(use_true_random=False))
def test_the_order_of_the_actuals_never_changes_the_result(case, random):
    """Each indicator gets its own actual whether the names come in file order (the shortcut)
    or not (match_keys): the result is the same for the actuals in any order."""
    doc, actuals, profile_data = case
    spec, profile = spec_of(doc.model), profile_of(profile_data)
    units = units_for(spec)
    shuffled = json.loads(json.dumps(actuals, ensure_ascii=False))
    for body in shuffled["projects"].values():
        items = list(body["indicators"].items())
        random.shuffle(items)
        body["indicators"] = dict(items)
    for planned in (None, plan(spec, units, profile, quick=True)):
        assert text(evaluate_data(spec, units, shuffled, profile, planned)[0]) == text(
            evaluate_data(spec, units, actuals, profile, planned)[0]
        )


def _by_the_pattern(value: str):
    """parse_quantity's answer read by its regular expression alone (no shortcut)."""
    from perflang.scoring.core import _FOLDS, _QUANTITY

    text = value.strip()
    m = _QUANTITY.fullmatch(text if text.isascii() else text.translate(_FOLDS))
    return None if m is None else (D(m.group(1).replace(",", "")), m.group(2).strip())


@given(
    st.text(st.sampled_from("0123456789.,+- \t万元%％人个㎡m²１２．٣"), max_size=12)
    | st.lists(st.sampled_from(["1", "12", "345", "0", ",", ".", "٣", "１", "万元", " ", "%", "-"]), max_size=6).map(
        "".join
    )
)
def test_the_plain_digits_shortcut_reads_what_the_pattern_reads(value):
    from perflang.scoring.core import parse_quantity

    expected = _by_the_pattern(value)
    got = parse_quantity(value)
    assert (got is None, got and str(got[0]), got and got[1]) == (
        expected is None,
        expected and str(expected[0]),
        expected and expected[1],
    )


def test_the_plain_digits_shortcut_on_the_usual_texts():
    from perflang.scoring.core import parse_quantity

    assert parse_quantity("966万元") == (D(966), "万元")
    assert parse_quantity("12.5 %") == (D("12.5"), "%")
    assert parse_quantity("12,345元") == (D(12345), "元")  # the comma continues the number
    assert parse_quantity("12٣元") == (D(123), "元")  # so does any decimal digit
    assert parse_quantity("１２．５％") == (D("12.5"), "%")
    assert parse_quantity("12.万元") == (D(12), ".万元")  # read on by the pattern, as always


def test_no_character_below_the_first_folded_one_is_folded():
    """parse_quantity skips the fold (full-width digits, signs, points, ％) for a text whose
    characters all lie below FOLDED_FROM: every character there must read as itself."""
    from perflang.scoring.core import FOLDED_FROM, _ascii_digit

    first = ord(FOLDED_FROM)
    assert _ascii_digit(FOLDED_FROM) == "%"
    assert all(_ascii_digit(chr(cp)) == chr(cp) for cp in range(first) if not 0xD800 <= cp < 0xE000)


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**20), max_value=10**20))
def test_a_rate_prints_as_format_f(value):
    """score_execution prints the rate with str(): the same text as format(…, "f") at 4 places."""
    rate = value.quantize(D("0.0001"))
    assert str(rate) == format(rate, "f")
