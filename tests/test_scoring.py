"""The scoring rules of domain.md §5 / issue 4, one by one, with worked examples and laws."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perflang.scoring import rules as scoring
from perflang.scoring.rules import ProfileError
from perflang.scoring.spec import UnusableProfile, builtin_profile, load_profile

NATIONAL = builtin_profile("national")
LINEAR = "linear-to-2T"
amounts = st.decimals(min_value=0, max_value=10**6, places=3)
positive = st.decimals(min_value=D("0.01"), max_value=10**6, places=2)
weights = st.decimals(min_value=0, max_value=100, places=2)
comparators = st.sampled_from([">=", ">", "=", "<=", "<", None])
formulas = st.sampled_from(["linear-to-2T", "ratio"])


def score(comparator, a, t, w, formula=LINEAR):
    return scoring.quantitative_score(comparator, D(a), D(t), D(w), formula)


# -- worked examples (domain.md §5) --------------------------------------------------------


def test_lower_is_better_at_one_and_a_half_targets_scores_half():
    assert score("<=", "150", "100", "10") == D("5.00")
    assert score("<", "3300", "3000", "6.25") == D("5.63")  # 6.25 × 0.9 = 5.625, half up


def test_83_5_against_equal_100_with_weight_20_scores_16_70():
    assert score("=", "83.5", "100", "20") == D("16.70")


@pytest.mark.parametrize("comparator", [">=", ">", None])
def test_higher_is_better(comparator):
    assert score(comparator, "120", "100", "10") == D("10.00")
    assert score(comparator, "100", "100", "10") == D("10.00")
    assert score(comparator, "33", "35", "10") == D("9.43")  # 9.428…
    assert score(comparator, "-5", "100", "10") == D("0.00")  # negative counts as 0


def test_equal_to_zero_scores_only_at_or_below_zero():
    assert score("=", "0", "0", "10") == D("10.00")
    assert score("=", "0.5", "0", "10") == D("0.00")
    assert score("=", "120", "100", "10") == D("10.00")  # = with T ≠ 0 is as ≥


@pytest.mark.parametrize("comparator", ["<=", "<"])
def test_lower_is_better_linear(comparator):
    assert score(comparator, "90", "100", "10") == D("10.00")
    assert score(comparator, "100", "100", "10") == D("10.00")
    assert score(comparator, "125", "100", "10") == D("7.50")
    assert score(comparator, "200", "100", "10") == D("0.00")
    assert score(comparator, "350", "100", "10") == D("0.00")
    assert score(comparator, "0", "0", "10") == D("10.00")
    assert score(comparator, "1", "0", "10") == D("0.00")


def test_lower_is_better_ratio_profile():
    assert score("<=", "150", "100", "10", "ratio") == D("6.67")  # 10 × 100/150
    assert score("<=", "400", "100", "10", "ratio") == D("2.50")
    assert score("<=", "80", "100", "10", "ratio") == D("10.00")


def test_met_is_the_plain_comparator():
    assert scoring.is_met(">", D(100), D(100)) is False
    assert scoring.is_met(">=", D(100), D(100)) is True
    assert scoring.is_met("<", D(100), D(100)) is False
    assert scoring.is_met("=", D("99.9"), D(100)) is False
    assert scoring.is_met(None, D(101), D(100)) is True


def test_qualitative_levels_defaults_and_bands():
    assert scoring.qualitative_level("部分达成年度指标并具有一定效果") == "部分达成"
    assert scoring.qualitative_level(" 达成 ") == "达成"
    assert scoring.qualitative_level("完成") is None
    assert [scoring.qualitative_default(lv, D(15), NATIONAL) for lv in scoring.LEVELS] == [
        D("15.00"),
        D("10.50"),
        D("4.50"),
    ]
    assert scoring.in_band("达成", D(20), D(20), NATIONAL)  # 达成 includes W
    assert scoring.in_band("达成", D(16), D(20), NATIONAL)
    assert not scoring.in_band("达成", D("15.99"), D(20), NATIONAL)
    assert scoring.in_band("部分达成", D(12), D(20), NATIONAL)
    assert not scoring.in_band("部分达成", D(16), D(20), NATIONAL)  # [0.6W, 0.8W)
    assert not scoring.in_band("未达成", D(12), D(20), NATIONAL)
    assert scoring.band_text("部分达成", D(20), NATIONAL) == "[12, 16)"


def test_execution_total_and_grade():
    rate = scoring.execution_rate(D(560), D(571))
    assert scoring.execution_score(rate, D(10)) == D("9.81")  # 9.807…
    assert scoring.execution_score(scoring.execution_rate(D(600), D(571)), D(10)) == D("10.00")
    assert scoring.total_100(D("79.54"), D(90)) == D("88.38")  # 88.377…
    assert scoring.total_100(D(0), D(0)) == D("0.00")
    grades = [scoring.grade(D(x), NATIONAL) for x in ("90", "89.99", "80", "60", "59.99", "0")]
    assert grades == ["优", "良", "良", "中", "差", "差"]


# -- weights ------------------------------------------------------------------------------


def test_equal_shares_with_remainder_to_the_last():
    assert scoring.pool_weights(D(50), [None] * 3) == [D("16.67"), D("16.67"), D("16.66")]
    assert scoring.pool_weights(D(10), [None] * 6) == [D("1.67")] * 5 + [D("1.65")]
    assert scoring.pool_weights(D(50), [D(20), None, None]) == [D(20), D(15), D(15)]
    assert scoring.pool_weights(D(30), [D(10), D(20)]) == [D(10), D(20)]


def test_shares_never_overdraw_a_tiny_remainder():
    # half-up shares of 0.05 over 10 would be 0.01 each and leave -0.04 for the last
    out = scoring.pool_weights(D(50), [D("49.95")] + [None] * 10)
    assert sum(out) == D(50) and min(out) >= 0


@given(weights, st.lists(st.none() | st.decimals(min_value=0, max_value=10, places=2), max_size=12))
def test_pool_weights_sum_exactly_and_are_never_negative(pool, explicit):
    out = scoring.pool_weights(pool, explicit)
    assert all(w >= 0 for w in out)
    assert [w for w, e in zip(out, explicit) if e is not None] == [e for e in explicit if e is not None]
    if None in explicit and scoring.explicit_total(explicit) <= pool:
        assert sum(out) == pool


# -- laws ---------------------------------------------------------------------------------


@given(comparators, amounts, amounts, weights, formulas)
def test_score_stays_in_zero_to_weight_with_two_places(comparator, a, t, w, formula):
    s = scoring.quantitative_score(comparator, a, t, w, formula)
    assert 0 <= s <= w
    assert s == s.quantize(D("0.01"))


@given(st.sampled_from([">=", ">", None]), amounts, amounts, positive, weights)
def test_higher_is_better_is_monotone(comparator, a, extra, t, w):
    assert score(comparator, a + extra, t, w) >= score(comparator, a, t, w)


@given(st.sampled_from(["<=", "<"]), amounts, amounts, positive, weights, formulas)
def test_lower_is_better_is_monotone(comparator, a, extra, t, w, formula):
    assert score(comparator, a, t, w, formula) >= score(comparator, a + extra, t, w, formula)


@given(comparators, amounts, positive, weights)
def test_meeting_the_target_scores_full_weight(comparator, a, t, w):
    if scoring.is_met(comparator, a, t):
        assert score(comparator, a, t, w) == scoring.round2(w)


# -- profiles -----------------------------------------------------------------------------


def test_national_profile():
    assert NATIONAL["pools"] == {"产出": D(50), "效益": D(30), "满意度": D(10)}
    assert NATIONAL["execution"] == D(10) and NATIONAL["lower_is_better"] == "ratio"  # 财预〔2020〕10号 第十三条
    assert [g for g, _ in NATIONAL["grades"]] == ["优", "良", "中", "差"]


def test_regional_profile_keeps_national_for_what_it_leaves_out(tmp_path):
    from conftest import EXAMPLES

    ningxia = load_profile(str(EXAMPLES / "profiles" / "ningxia.toml"))
    assert ningxia["name"] == "ningxia"
    assert ningxia["pools"] == {"产出": D(40), "效益": D(40), "满意度": D(20)}
    assert ningxia["execution"] == 0
    assert ningxia["qualitative"] == NATIONAL["qualitative"]
    assert ningxia["grades"] == NATIONAL["grades"]


def test_profile_with_decimals_and_ratio(tmp_path):
    p = tmp_path / "local.toml"
    p.write_text('lower_is_better = "ratio"\n[weights]\n"产出" = 45.5\n[grades]\n"A" = 85\n"B" = 0\n', encoding="utf-8")
    prof = load_profile(str(p))
    assert prof["name"] == "local" and prof["pools"]["产出"] == D("45.5")
    assert prof["lower_is_better"] == "ratio" and prof["grades"] == [("A", D(85)), ("B", D(0))]


@pytest.mark.parametrize(
    "text, fragment, english, place",
    [
        ('[weights]\n"产出" = -1\n', "非负数", "must be a non-negative number", (2, 8)),
        ('[weights]\n"产出" = "many"\n', "不是数字", "'many' is not a number", (2, 8)),
        # the names allowed as one text joined by 、: as the generated evaluators say them (the
        # scoring rules' ProfileError, the Java and JavaScript evaluators' alike: issue 25)
        (
            '[weights]\n"产量" = 10\n',
            "未知的键“产量”，可用：产出、效益、满意度、预算执行率",
            "unknown key '产量' in [weights] (use 产出、效益、满意度、预算执行率)",
            (2, 8),
        ),
        (
            '[wording]\n"很好" = "优秀"\n',
            "应为 达成、部分达成、未达成 之一",
            "one of the levels 达成、部分达成、未达成",
            (2, 8),
        ),
        ('lower_is_better = "square"\n', "lower_is_better", "must be one of linear-to-2T, ratio", (1, 19)),
        ('[qualitative]\n"达成" = { default = 0.5 }\n', "min ≤ default", "min <= default <= max <= 1", (2, 8)),
        ('[grades]\n"优" = 90\n', "从 0 开始", "the lowest starts at 0", (1, 1)),
        ("[weights\n", "TOML", "TOML syntax error", (1, 9)),
        ('colour = "red"\n', "未知的键“colour”", "unknown key 'colour'", (1, 10)),
    ],
)
def test_bad_profiles_say_what_is_wrong_and_where(tmp_path, text, fragment, english, place):
    p = tmp_path / "bad.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(UnusableProfile) as caught:
        load_profile(str(p))
    error = caught.value
    assert error.code == "PF512" and error.file == str(p) and (error.span.line, error.span.column) == place
    assert fragment in error.message("zh")
    shown = error.message("en").split("\n")[0]  # the message line (the excerpt below is the file's)
    # English but the file's own words: what it wrote (产量, 很好) and the keys and levels a profile
    # writes in Chinese (the choices an unknown key or word is told)
    words = ("产量", "很好", *scoring.POOLS, scoring.EXECUTION, *scoring.LEVELS)
    own = "|".join(sorted(words, key=len, reverse=True))
    assert english in shown and not re.search("[\u4e00-\u9fff]", re.sub(own, "", shown))


def test_missing_profile_file_is_a_profile_error(tmp_path):
    with pytest.raises(UnusableProfile) as caught:
        load_profile(str(tmp_path / "nope.toml"))
    assert "无法读取" in caught.value.message("zh") and "cannot read the profile file" in caught.value.message("en")


def test_the_scoring_rules_say_what_is_wrong_as_data():
    """The scoring library (stdlib only) raises a reason and the key at fault; perflang puts it
    in words (above), a generated evaluator in the catalog's English."""
    with pytest.raises(ProfileError) as caught:
        scoring.profile_from_data({"weights": {"产出": "x"}}, None, "x")
    assert (caught.value.reason, caught.value.at) == ("profile.not_number", ("weights", "产出"))


def test_profile_round_trips_through_plain_data():
    data = scoring.profile_to_data(NATIONAL)
    assert scoring.profile_from_data(data, None, "x") == NATIONAL


def test_the_worked_examples_of_docs_scoring_md():
    assert score(">=", "90", "95", "10") == D("9.47")
    assert score(">", "100", "100", "10") == D("10.00") and not scoring.is_met(">", D(100), D(100))
    assert score(None, "8", "10", "12.5") == D("10.00")
    assert score("=", "101", "100", "20") == D("20.00")
    assert score("<=", "4500", "3000", "6.25") == D("3.13")
    assert score("<=", "6000", "3000", "6.25") == D("0.00")
    assert score("<=", "3300", "3000", "6.25", "ratio") == D("5.68")
    assert score("<=", "0", "0", "5") == D("5.00")


def test_a_cap_below_zero_scores_nothing_under_either_formula():
    # ≤-5个: no count reaches it; the ratio formula W·T/A must not divide by A = 0
    for formula in ("linear-to-2T", "ratio"):
        for a in ("0", "-3", "4"):
            assert str(score("<=", a, "-5", "10", formula)) == "0.00"


def test_minus_zero_scores_as_zero_without_a_sign():
    for comparator in (">=", "=", None):
        assert str(score(comparator, "-0", "100", "10")) == "0.00"
    assert str(score("<=", "-0", "100", "10")) == "10.00"


def _oracle(comparator, a, t, w, formula):
    """The contract's table, computed independently with exact fractions."""
    from fractions import Fraction as F

    a, t, w = max(F(a), F(0)), F(t), F(w)
    if comparator in ("<=", "<"):
        if t == 0:
            raw = w if a <= 0 else F(0)
        elif a <= t:
            raw = w
        elif formula == "ratio":
            raw = w * t / a if a else F(0)  # A = 0 against T < 0: a cap no count can meet
        else:
            raw = F(0) if a >= 2 * t else w * (1 - (a - t) / t)
    elif comparator == "=" and t == 0:
        raw = w if a <= 0 else F(0)
    else:
        raw = w if a >= t else w * a / t
    cents = raw * 100
    whole = cents.numerator // cents.denominator
    if cents - whole >= F(1, 2):  # half up (scores are never negative)
        whole += 1
    return D(whole) / 100


@given(comparators, st.decimals(min_value=-10, max_value=10**6, places=3), amounts, weights, formulas)
def test_scores_match_an_exact_fraction_oracle(comparator, a, t, w, formula):
    assert scoring.quantitative_score(comparator, a, t, w, formula) == _oracle(comparator, a, t, w, formula)


# -- the rules bound per indicator (what the generated evaluator's quick functions call) -----

targets = st.decimals(min_value=-100, max_value=10**6, places=3)  # 0 and negative included
actuals = st.decimals(min_value=-10, max_value=10**6, places=3)


def _outcome(fn, *args):
    """The text of what fn returns."""
    return str(fn(*args))  # str: the sign and the places too (never raises: a law of its own)


@given(comparators, actuals, targets, weights, formulas)
def test_the_bound_scorer_is_the_score(comparator, a, t, w, formula):
    score = scoring.quantitative_scorer(comparator, t, w, formula)
    assert _outcome(score, a) == _outcome(scoring.quantitative_score, comparator, a, t, w, formula)
    if t >= 0:
        assert score(a) == _oracle(comparator, a, t, w, formula)


@given(comparators, amounts, targets, weights, formulas)
def test_the_full_weight_region_earns_the_whole_weight(comparator, a, t, w, formula):
    """What full_weight_test lets through scores round2(W) by the independent oracle, and the
    bound scorer returns its own `full` object there (the quick path prints its known text)."""
    if scoring.full_weight_test(comparator, t)(a):
        if t >= 0:
            assert _oracle(comparator, a, t, w, formula) == scoring.round2(w)
        score = scoring.quantitative_scorer(comparator, t, w, formula)
        assert score(a) is score.full and str(score.full) == scoring.cents(w)


def test_the_full_weight_region_by_comparator():
    full = scoring.full_weight_test
    assert full(">=", D(95))(D(95)) and not full(">=", D(95))(D("94.99"))
    assert full(">", D(95))(D(95))  # ＞ at the target: not met, yet the whole weight (≥ T scores W)
    assert full("<=", D(78))(D(78)) and not full("<=", D(78))(D("78.01"))
    assert full("=", D(0))(D(0)) and not full("=", D(0))(D("0.5"))
    assert full("=", D(100))(D(120)) and not full("=", D(100))(D("99.9"))
    assert full(None, D(0))(D(0))


@given(comparators, actuals, targets)
def test_the_bound_met_test_is_the_plain_comparison(comparator, a, t):
    plain = {">=": a >= t, ">": a > t, "=": a == t, "<=": a <= t, "<": a < t, None: a >= t}
    assert scoring.met_test(comparator, t)(a) is plain[comparator]
    assert scoring.is_met(comparator, a, t) is plain[comparator]
