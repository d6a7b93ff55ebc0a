"""运行监控's lights (issue 26, docs/monitoring.md): the interpreter's rules (perflang.scoring.monitor)
against an independent implementation of the budget system's warning rules written here from the
issue's text, on Fractions rather than Decimals, over generated targets and values (0 targets,
N = 12, missing values, qualitative words); the [monitoring] table of the profiles."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction as F

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perflang.scoring import monitor
from perflang.scoring.rules import ProfileError, profile_from_data
from perflang.scoring.spec import load_profile

NATIONAL = load_profile(None)
SETTINGS = NATIONAL["monitoring"]


# -- the independent implementation (the rules, literally) ---------------------------


def sys_budget(executed, budget, n):
    """R = (执行数 / 预算数) ÷ (N/12) × 100; <60 red, 60 ≤ R < 80 yellow, ≥80 green."""
    r = F(0) if budget == 0 else (F(executed) / F(budget)) / (F(n) / 12) * 100
    return "red" if r < 60 else "yellow" if r < 80 else "green"


def sys_indicator(comparator, value, target, n, qualitative=None, prorate_percent=True, percent=False):
    """The system's rules: 正向 (≥ ＞ ＝ and none) pro-rated, <60 red, 60–80 yellow, 80–120 green,
    ≥120 blue; 反向 within the target green else red (＜ strict); 定性 by level; a 正向 target of 0
    has no ratio (met: green)."""
    if qualitative is not None:
        return {"达成": "green", "部分达成": "yellow", "未达成": "red"}[qualitative]
    v, t = F(value), F(target)
    if comparator == "<=":
        return "green" if v <= t else "red"
    if comparator == "<":
        return "green" if v < t else "red"
    if t == 0:
        ok = {">=": v >= 0, None: v >= 0, ">": v > 0, "=": v <= 0}[comparator]
        return "green" if ok else "red"
    expected = t * n / 12 if (prorate_percent or not percent) else t
    r = v / expected * 100
    if r < 60:
        return "red"
    if r < 80:
        return "yellow"
    if r < 120:
        return "green"
    return "blue"


def sys_project(lights):
    for light in ("red", "yellow", "green", "blue"):
        if light in lights:
            return light
    return None


# -- generated cases ---------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
months = st.integers(1, 12)
comparators = st.sampled_from([">=", ">", "=", "<=", "<", None])
targets = st.one_of(st.just(D(0)), amounts, st.decimals(min_value=0, max_value=100, places=1))


@given(executed=amounts, budget=amounts, n=months)
def test_budget_light_equals_the_system_rule(executed, budget, n):
    ratio = monitor.budget_ratio(executed, budget, n)
    assert monitor.band_light(ratio, SETTINGS["budget"]) == sys_budget(executed, budget, n)


@given(comparator=comparators, value=amounts, target=targets, n=months, percent=st.booleans())
def test_indicator_light_equals_the_system_rule(comparator, value, target, n, percent):
    light, ratio = monitor.indicator_light("quantitative", comparator, value, target, n, SETTINGS, percent)
    assert light == sys_indicator(comparator, value, target, n)
    if ratio is not None:  # the ratio shown is the rule's R
        assert F(ratio) == pytest.approx(F(value) / (F(target) * n / 12) * 100, rel=1e-40)


@given(comparator=comparators, value=amounts, target=targets, n=months, percent=st.booleans())
def test_percent_option_turns_pro_rating_off_for_percentages_only(comparator, value, target, n, percent):
    settings = {**SETTINGS, "prorate_percent": False}
    light, _ = monitor.indicator_light("quantitative", comparator, value, target, n, settings, percent)
    assert light == sys_indicator(comparator, value, target, n, prorate_percent=False, percent=percent)


@given(level=st.sampled_from(["达成", "部分达成", "未达成"]), n=months)
def test_qualitative_light(level, n):
    assert monitor.indicator_light("qualitative", None, level, None, n, SETTINGS)[0] == sys_indicator(
        None, 0, 0, n, qualitative=level
    )


@given(st.lists(st.one_of(st.none(), st.sampled_from(["red", "yellow", "green", "blue"]))))
def test_project_light_is_the_worst_and_missing_values_give_none(lights):
    shown = [x for x in lights if x is not None]
    assert monitor.worst(shown) == sys_project(shown)
    if not shown:
        assert monitor.worst(shown) is None


def test_worked_examples():
    # the issue: 96% against ≥95% at month 6 is blue (pro-rated as the system does) …
    assert monitor.indicator_light("quantitative", ">=", D(96), D(95), 6, SETTINGS, True)[0] == "blue"
    # … and green with the percent option off
    off = {**SETTINGS, "prorate_percent": False}
    assert monitor.indicator_light("quantitative", ">=", D(96), D(95), 6, off, True)[0] == "green"
    # but a count against ≥10 stays pro-rated with the percent option off: 5 of 10 at month 6 = 100
    assert monitor.indicator_light("quantitative", ">=", D(5), D(10), 6, off, False) == ("green", D(100))
    # 黄石 2019: 87.57 of 220 at 1-6月: R = 79.6 -> yellow (just under 80)
    ratio = monitor.budget_ratio(D("87.57"), D(220), 6)
    assert monitor.places(ratio) == "79.61" and monitor.band_light(ratio, SETTINGS["budget"]) == "yellow"
    # 1-7月, 执行率 35%: R = 35 / 58.33 × 100 = 60.0 -> yellow (edge 60 is yellow)
    assert monitor.band_light(monitor.budget_ratio(D(35), D(100), 7), SETTINGS["budget"]) == "yellow"
    # = counts as 正向 (pro-rated); < is strict, ≤ is not
    assert monitor.indicator_light("quantitative", "=", D(6), D(12), 6, SETTINGS)[0] == "green"
    assert monitor.indicator_light("quantitative", "<", D(5), D(5), 6, SETTINGS)[0] == "red"
    assert monitor.indicator_light("quantitative", "<=", D(5), D(5), 6, SETTINGS)[0] == "green"
    # N = 12: no pro-rating left; exactly 120% is blue, 119.99 green, 80 green, 79.99 yellow
    for value, light in (("120", "blue"), ("119.99", "green"), ("80", "green"), ("79.99", "yellow"), ("59.99", "red")):
        assert monitor.indicator_light("quantitative", ">=", D(value), D(100), 12, SETTINGS)[0] == light


def test_caps_and_deviation():
    caps = SETTINGS["caps"]
    assert monitor.execution_cap(D(85), caps) is None
    assert monitor.execution_cap(D("79.99"), caps) == 89
    assert monitor.execution_cap(D(70), caps) == 89
    assert monitor.execution_cap(D(65), caps) == 79
    assert monitor.execution_cap(D(55), caps) == 69
    assert monitor.execution_cap(D("49.9"), caps) == 59
    assert monitor.deviates(">=", D(130), D(100), D(130))
    assert not monitor.deviates(">=", D("129.99"), D(100), D(130))
    assert not monitor.deviates("<=", D(200), D(100), D(130))  # 反向: a miss, not a deviation upward
    assert not monitor.deviates(">=", D(5), D(0), D(130))


@pytest.mark.parametrize(
    "value, month", [(6, 6), ("6", 6), ("6月", 6), ("1-6月", 6), ("１－６月", 6), (12, 12), (D(7), 7), (D("8.0"), 8)]
)
def test_month_as_written(value, month):
    assert monitor.month_of(value) == month


@pytest.mark.parametrize("value", [0, 13, -1, "13", "六月", "6.5", D("6.5"), True, None, "", [6]])
def test_month_outside_1_to_12(value):
    assert monitor.month_of(value) is None


# -- the [monitoring] table ---------------------------------------------------------------------


def test_national_defaults_are_the_system_rules():
    assert SETTINGS["positive"] == {"red": 60, "yellow": 80, "blue": 120}
    assert SETTINGS["budget"] == {"red": 60, "yellow": 80}
    assert SETTINGS["prorate"] and SETTINGS["prorate_percent"]
    assert SETTINGS["deviation"] == 130
    assert SETTINGS["caps"] == ((80, 89), (70, 79), (60, 69), (50, 59))
    assert SETTINGS["words"] == {"red": "红", "yellow": "黄", "green": "绿", "blue": "蓝"}


def test_a_region_changes_what_it_names():
    profile = profile_from_data(
        {"monitoring": {"positive": {"red": 50}, "prorate_percent": False, "caps": [[60, 69], [90, 95]]}},
        NATIONAL,
        "x",
    )
    s = profile["monitoring"]
    assert s["positive"] == {"red": 50, "yellow": 80, "blue": 120}
    assert s["budget"] == SETTINGS["budget"] and not s["prorate_percent"]
    assert s["caps"] == ((90, 95), (60, 69))
    assert load_profile("hubei")["monitoring"]["likelihood"] == ("确定能", "有可能", "不可能")


@pytest.mark.parametrize(
    "table, reason",
    [
        ({"positive": {"red": 90}}, "profile.thresholds"),
        ({"positive": {"green": 90}}, "profile.unknown_key"),
        ({"caps": [[80]]}, "profile.caps"),
        ({"caps": "80"}, "profile.caps"),
        ({"explain": ["也许"]}, "profile.explain"),
        ({"likelihood": []}, "profile.explain"),
        ({"likelihood": [""]}, "profile.words"),
        ({"words": {"red": ""}}, "profile.words"),
        ({"prorate": "yes"}, "profile.flag"),
        ({"deviation": -1}, "profile.negative"),
        ({"speed": 1}, "profile.unknown_key"),
    ],
)
def test_a_bad_monitoring_table_says_why(table, reason):
    with pytest.raises(ProfileError) as exc:
        profile_from_data({"monitoring": table}, NATIONAL, "x")
    assert exc.value.reason == reason
    assert exc.value.at[0] == "monitoring"


# -- the whole monitoring of a file against the independent rules ------------------------------

SIGNS = {">=": "≥", ">": ">", "=": "=", "<=": "≤", "<": "<", None: ""}
LEVEL_WORDS = {
    "达成": "达成",
    "部分达成": "部分达成",
    "未达成": "未达成",
    "达成年度指标": "达成",
    "部分达成年度指标并具有一定效果": "部分达成",
    "达成目标": "达成",  # the budget system's own words
    "未达成目标且效果较差": "未达成",
}

quantitative = st.tuples(
    st.just("quantitative"),
    comparators,
    st.one_of(st.just(D(0)), st.decimals(min_value=0, max_value=5000, places=2)),
    st.sampled_from(["人", "%", "个"]),
    st.one_of(st.none(), st.just(""), st.decimals(min_value=0, max_value=10000, places=2)),
    st.booleans(),  # the value written with its unit, or bare (the target's unit)
)
qualitative = st.tuples(
    st.just("qualitative"),
    st.none(),
    st.none(),
    st.none(),
    st.one_of(st.none(), st.sampled_from(list(LEVEL_WORDS))),
    st.just(True),
)


@given(rows=st.lists(st.one_of(quantitative, qualitative), min_size=1, max_size=8), n=months)
def test_the_lights_of_a_file_equal_the_system_rules(rows, n):
    """Generated targets and progress (0 targets, N = 12, missing values, qualitative words in the
    national and the system's wording): each row's light, and the project's, as the independent
    implementation gives them; a missing value has no light and is said (PF538)."""
    from perflang.api import compile_text
    from perflang.evaluation.monitoring import monitor_model

    lines, entries, expected = [], {}, []
    for i, (kind, comparator, target, unit, value, with_unit) in enumerate(rows):
        name = f"指标{i}"
        if kind == "qualitative":
            lines.append(f"      {name}: 持续改善")
        else:
            lines.append(f"      {name}: {SIGNS[comparator]}{target}{unit}")
        if value is None:
            expected.append(None)
            continue
        entries[name] = {"value": value if isinstance(value, str) else f"{value}{unit if with_unit else ''}"}
        if value == "":
            expected.append(None)
        elif kind == "qualitative":
            expected.append(sys_indicator(None, 0, 0, n, qualitative=LEVEL_WORDS[value]))
        else:
            if unit == "%" and not with_unit and value <= 1 < target:
                value = value * 100  # a bare fraction against a % target is read as a percentage (PF523)
            expected.append(sys_indicator(comparator, value, target, n, percent=unit == "%"))
    text = '金额单位 万元\n项目 甲 {\n  预算 10\n  年度目标 1 "x" {\n    产出 / 数量 {\n' + "\n".join(lines)
    text += "\n    }\n  }\n}\n"
    model = compile_text(text, "t.perf").model
    progress = {
        "format": "perflang-progress/1",
        "month": n,
        "projects": {"甲": {"executed": "5", "indicators": entries}},
    }
    result, problems = monitor_model(model, progress, NATIONAL)
    (p,) = result["projects"]
    assert [r["light"] for r in p["indicators"]] == expected
    assert p["light"] == sys_project([x for x in expected if x is not None])
    assert sum(1 for c, *_ in problems if c == "PF538") == expected.count(None)
    assert not [c for c, *_ in problems if c not in ("PF538", "PF549", "PF550")]  # the value to date's PF523, PF524
    assert p["budget_light"] == sys_budget(5, 10, n)
    import json

    import jsonschema
    from test_monitor import _schema

    jsonschema.validate(json.loads(json.dumps(result)), _schema("perflang-monitor-1.schema.json"))
