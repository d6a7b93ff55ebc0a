"""The self-evaluation rules (绩效自评, docs/scoring.md) as small pure functions on Decimal, and
the scoring profiles they read.

Standard library only and self-contained on purpose: `perflang build --to python` embeds this
file's source in the generated evaluator, so the interpreter and the generated code share one
definition of every rule and cannot drift apart.
"""

import operator
import tomllib
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal

from ..decimals import decimal_text

CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
POOLS = ("产出", "效益", "满意度")
EXECUTION = "预算执行率"
LEVELS = ("达成", "部分达成", "未达成")
LONG_FORMS = {"达成年度指标": "达成", "部分达成年度指标并具有一定效果": "部分达成",
              "未达成年度指标且效果较差": "未达成"}
LOWER_FORMULAS = ("linear-to-2T", "ratio")
COMPARE = {">=": operator.ge, ">": operator.gt, "=": operator.eq, "<=": operator.le,
           "<": operator.lt, None: operator.ge}
# a comparison seen from its right-hand side: ge(a, t) is t.__le__(a)
MIRRORED = {operator.ge: "__le__", operator.gt: "__lt__", operator.eq: "__eq__",
            operator.le: "__ge__", operator.lt: "__gt__"}
PRECISION = 60  # digits for intermediate quotients: far beyond any 2-place rounding boundary
# one context made once (a localcontext per division cost more than the division); its other
# settings are Python's defaults, which is what perflang's own context always is
EXACT = Context(prec=PRECISION)


class ProfileError(ValueError):
    """A scoring profile that cannot be used; the message says what to fix."""


def round2(value: Decimal) -> Decimal:
    """Half-up to 2 decimal places (the official rounding of every score)."""
    return value.quantize(CENT, ROUND_HALF_UP)  # positional: half the cost of rounding=


def divide(a: Decimal, b: Decimal) -> Decimal:
    """a / b with enough digits that rounding the result to 2 places is exact."""
    return EXACT.divide(a, b)


# -- weights -------------------------------------------------------------------------------

def explicit_total(explicit: list) -> Decimal:
    """The sum of the weights written in the .perf (None: not written)."""
    return sum((w for w in explicit if w is not None), ZERO)


def pool_weights(pool: Decimal, explicit: list) -> list:
    """The weight of each indicator of one pool, in file order.

    Written weights are kept; the others share what is left of the pool equally, each rounded
    half-up to 2 places except the last, which takes the remainder so the pool sums exactly.
    Only when so little is left that half-up shares would overdraw it (less than 0.005 per
    indicator squared) are the shares rounded down instead, so no weight is ever negative.
    """
    out = list(explicit)
    free = [i for i, w in enumerate(explicit) if w is None]
    if not free:
        return out
    left = max(pool - explicit_total(explicit), ZERO)
    n = len(free)
    share = round2(divide(left, Decimal(n)))
    if share * (n - 1) > left:
        share = divide(left, Decimal(n)).quantize(CENT, rounding=ROUND_DOWN)
    for i in free[:-1]:
        out[i] = share
    out[free[-1]] = left - share * (n - 1)
    return out


# -- one indicator -------------------------------------------------------------------------

def full_weight_test(comparator, target: Decimal):
    """Which actuals (counted from 0) earn an indicator's whole weight, as a test of the actual:
    at or past the target on its good side, i.e. at or below it for 反向 (≤, ＜) and for ＝ 0
    (where only A ≤ 0 scores), at or above it otherwise.  A bound method of the target
    (t.__ge__(a) is a ≤ t): no Python call of ours per test."""
    if comparator in ("<=", "<") or (comparator == "=" and target == 0):
        return target.__ge__
    return target.__le__


def short_of_target(comparator, a: Decimal, t: Decimal, w: Decimal, formula: str) -> Decimal:
    """The raw score of an actual a (≥ 0) that does not earn the whole weight: 正向 and ＝
    score W·A/T; 反向 `linear-to-2T` falls linearly to 0 at 2T and `ratio` scores W·T/A;
    against T = 0 (only ＝, ≤ and ＜ get here) the score is 0."""
    if t == 0:
        return ZERO
    if comparator not in ("<=", "<"):
        return divide(w * a, t)
    if formula == "ratio":  # A = 0 gets here only against T < 0, a cap no count can meet
        return divide(w * t, a) if a else ZERO
    if a >= 2 * t:
        return ZERO
    return w * (ONE - divide(a - t, t))


def short_score(comparator, a: Decimal, t: Decimal, w: Decimal, formula: str) -> Decimal:
    """short_of_target kept within [0, W] and rounded."""
    raw = short_of_target(comparator, a, t, w, formula)
    raw = ZERO if ZERO > raw else raw
    return round2(w if w < raw else raw)


def quantitative_score(comparator, actual: Decimal, target: Decimal, weight: Decimal,
                       formula: str) -> Decimal:
    """The rounded score of a number against its target; a negative actual counts as 0."""
    a = ZERO if ZERO >= actual else actual  # max(actual, 0), -0 as 0, without the call (hot path)
    if full_weight_test(comparator, target)(a):
        return round2(weight)
    return short_score(comparator, a, target, weight, formula)


def quantitative_scorer(comparator, target: Decimal, weight: Decimal, formula: str):
    """quantitative_score of one indicator as a function of its actual alone, with what depends
    only on the target worked out once (the whole weight rounded, the full_weight_test); the
    function's `full` is the very object it returns whenever the whole weight is earned."""
    full = round2(weight)
    earns = full_weight_test(comparator, target)

    def score(actual: Decimal) -> Decimal:
        a = ZERO if ZERO >= actual else actual
        return full if earns(a) else short_score(comparator, a, target, weight, formula)

    score.full = full
    return score


def met_test(comparator, target: Decimal):
    """Whether an actual meets the target, as a test of the actual: the plain truth of the
    comparator (strict for ＞ and ＜; no comparator reads as ≥), written from the target's side
    (t.__le__(a) is a ≥ t) so that one indicator's test is a bound method of its target."""
    return getattr(target, MIRRORED[COMPARE[comparator]])


def is_met(comparator, actual: Decimal, target: Decimal) -> bool:
    """The plain truth of the comparator (strict for ＞ and ＜); no comparator reads as ≥."""
    return COMPARE[comparator](actual, target)


def qualitative_level(text: str):
    """达成 / 部分达成 / 未达成 for a short or long form, else None."""
    t = text.strip()
    return t if t in LEVELS else LONG_FORMS.get(t)


def qualitative_default(level: str, weight: Decimal, profile: dict) -> Decimal:
    """The score of a qualitative level when no score is given by hand."""
    return round2(weight * profile["qualitative"][level]["default"])


def in_band(level: str, score: Decimal, weight: Decimal, profile: dict) -> bool:
    """Whether a hand-given score lies in the level's band: [min·W, max·W), closed at the top
    for 达成 only (the best level can reach W)."""
    band = profile["qualitative"][level]
    low, high = band["min"] * weight, band["max"] * weight
    return low <= score and (score <= high if level == "达成" else score < high)


def band_text(level: str, weight: Decimal, profile: dict) -> str:
    """The band of a level as shown in messages, e.g. [16, 20] or [12, 16)."""
    band = profile["qualitative"][level]
    close = "]" if level == "达成" else ")"
    return f"[{plain(band['min'] * weight)}, {plain(band['max'] * weight)}{close}"


# -- execution, totals, grade --------------------------------------------------------------

def execution_rate(executed: Decimal, budget: Decimal) -> Decimal:
    """全年执行数 / 全年预算数 (budget > 0), unrounded; a negative execution counts as 0."""
    return divide(max(executed, ZERO), budget)


def execution_score(rate: Decimal, weight: Decimal) -> Decimal:
    """min(rate, 1) × the execution weight, rounded."""
    return round2(min(rate, ONE) * weight)


def total_100(total: Decimal, maximum: Decimal) -> Decimal:
    """The total on a 100-point scale, rounded (0 when nothing could be scored)."""
    return round2(divide(total * 100, maximum)) if maximum > 0 else round2(ZERO)


def grade(score_100: Decimal, profile: dict) -> str:
    """The first grade, from the top, whose threshold the 100-point total reaches."""
    for name, threshold in profile["grades"]:
        if score_100 >= threshold:
            return name
    return profile["grades"][-1][0]


plain = decimal_text  # the one decimal-to-text function (perflang/decimals.py, embedded too)


def cents(value: Decimal) -> str:
    """A score as a string with exactly 2 places."""
    # str() of a finite decimal with exponent -2 never uses an exponent, and is 3× format(…, "f");
    # round2 written out: this runs for every indicator
    return str(value.quantize(CENT, ROUND_HALF_UP))


# -- profiles ------------------------------------------------------------------------------

def number(value, what: str) -> Decimal:
    """A non-negative decimal from a TOML/JSON number or a decimal string."""
    if isinstance(value, bool) or not isinstance(value, (int, str, Decimal, float)):
        raise ProfileError(f"{what} 应为数字 / {what} must be a number")
    try:
        result = Decimal(str(value).strip())
    except ArithmeticError:
        raise ProfileError(f"{what}“{value}”不是数字 / {what} '{value}' is not a number") from None
    if not result.is_finite() or result < 0:
        raise ProfileError(f"{what} 应为非负数 / {what} must be a non-negative number")
    return result


def _table(data: dict, key: str) -> dict:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ProfileError(f"[{key}] 应为表 / [{key}] must be a table")
    return value


def _check_keys(table: dict, allowed, where: str) -> None:
    for key in table:
        if key not in allowed:
            raise ProfileError(f"{where}中有未知的键“{key}”，可用：{'、'.join(allowed)} / "
                               f"unknown key '{key}' in {where}")


def _weights(data: dict, base: dict) -> tuple:
    table = _table(data, "weights")
    _check_keys(table, POOLS + (EXECUTION,), "[weights]")
    pools = {p: number(table[p], f"weights.{p}") if p in table else base["pools"][p] for p in POOLS}
    execution = number(table[EXECUTION], f"weights.{EXECUTION}") if EXECUTION in table \
        else base["execution"]
    return pools, execution


def _qualitative(data: dict, base: dict) -> dict:
    table = _table(data, "qualitative")
    _check_keys(table, LEVELS, "[qualitative]")
    out = {}
    for level in LEVELS:
        given = table.get(level, {})
        if not isinstance(given, dict):
            raise ProfileError(f"qualitative.{level} 应为表 / must be a table")
        _check_keys(given, ("default", "min", "max"), f"[qualitative.{level}]")
        band = {k: number(given[k], f"qualitative.{level}.{k}") if k in given
                else base["qualitative"][level][k] for k in ("default", "min", "max")}
        if not (band["min"] <= band["default"] <= band["max"] <= ONE):
            raise ProfileError(f"qualitative.{level} 应满足 min ≤ default ≤ max ≤ 1 / "
                               f"qualitative.{level} needs min <= default <= max <= 1")
        out[level] = band
    return out


def _grades(data: dict, base: dict) -> list:
    if "grades" not in data:
        return base["grades"]
    table = _table(data, "grades")
    grades = sorted(((str(k), number(v, f"grades.{k}")) for k, v in table.items()),
                    key=lambda item: item[1], reverse=True)
    if not grades or grades[-1][1] != 0 or grades[0][1] > 100:
        raise ProfileError("[grades] 的分数线应在 0 到 100 之间，且最低一档从 0 开始 / "
                           "grade thresholds lie in 0..100 and the lowest starts at 0")
    return grades


def profile_from_data(data: dict, base, name: str) -> dict:
    """A checked profile from TOML-shaped data; keys left out keep the base profile's values."""
    if not isinstance(data, dict):
        raise ProfileError("评分方案应为表 / a profile must be a table")
    _check_keys(data, ("name", "description", "lower_is_better", "weights", "qualitative",
                       "grades"), "评分方案")
    base = base or {"pools": {}, "execution": None, "qualitative": {}, "grades": [],
                    "lower_is_better": None}
    pools, execution = _weights(data, base)
    formula = data.get("lower_is_better", base["lower_is_better"])
    if formula not in LOWER_FORMULAS:
        raise ProfileError(f"lower_is_better 应为 {' 或 '.join(LOWER_FORMULAS)} / "
                           f"lower_is_better must be one of {', '.join(LOWER_FORMULAS)}")
    return {"name": str(data.get("name", name)), "pools": pools, "execution": execution,
            "lower_is_better": formula, "qualitative": _qualitative(data, base),
            "grades": _grades(data, base)}


def profile_from_toml(text: str, base, name: str) -> dict:
    """A checked profile from TOML text (numbers read exactly, as decimals)."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"TOML 语法错误 / TOML syntax error: {exc}") from None
    except RecursionError:
        raise ProfileError("TOML 嵌套过深 / the TOML is nested too deeply") from None
    return profile_from_data(data, base, name)


def profile_to_data(profile: dict) -> dict:
    """A checked profile as plain TOML-shaped data with decimal strings (for generated code)."""
    return {
        "name": profile["name"], "lower_is_better": profile["lower_is_better"],
        "weights": {**{p: plain(w) for p, w in profile["pools"].items()},
                    EXECUTION: plain(profile["execution"])},
        "qualitative": {lv: {k: plain(v) for k, v in band.items()}
                        for lv, band in profile["qualitative"].items()},
        "grades": {name: plain(t) for name, t in profile["grades"]},
    }
