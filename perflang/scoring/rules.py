"""The self-evaluation rules (绩效自评, docs/scoring.md) as small pure functions on Decimal, and
the scoring profiles they read.

Standard library only and self-contained on purpose: `perflang build --to python` embeds this
file's source in the generated evaluator, so the interpreter and the generated code share one
definition of every rule and cannot drift apart.
"""

import operator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal

from ..decimals import decimal_text

CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
POOLS = ("产出", "效益", "满意度")
EXECUTION = "预算执行率"
LEVELS = ("达成", "部分达成", "未达成")
# the national long forms (财预〔2020〕10号) and the wording printed on Hubei and Anhui
# forms (达成预期指标 …): accepted under every profile; a profile's [wording] adds more
LONG_FORMS = {
    "达成年度指标": "达成",
    "部分达成年度指标并具有一定效果": "部分达成",
    "未达成年度指标且效果较差": "未达成",
    "达成预期指标": "达成",
    "部分达成预期指标": "部分达成",
    "未达成预期指标": "未达成",
}
LOWER_FORMULAS = ("linear-to-2T", "ratio")
# a pool per 一级 (产出/效益/满意度), one shared block, or the block split among the 一级 present
# in proportion to their [weights] (湖北's 80 printed 产出 60 / 效益 40: 48 / 32)
ALLOCATIONS = ("pools", "block", "split")
ROUNDINGS = {"cents": CENT, "whole": ONE}
COMPARE = {
    ">=": operator.ge,
    ">": operator.gt,
    "=": operator.eq,
    "<=": operator.le,
    "<": operator.lt,
    None: operator.ge,
}
# a comparison seen from its right-hand side: ge(a, t) is t.__le__(a)
MIRRORED = {
    operator.ge: "__le__",
    operator.gt: "__lt__",
    operator.eq: "__eq__",
    operator.le: "__ge__",
    operator.lt: "__gt__",
}
PRECISION = 60  # digits for intermediate quotients: far beyond any 2-place rounding boundary
# the most digits a number may have, and the largest exponent (either way), for a value to be
# scored: a sum of money in 元 has 15 or so; beyond, a number is refused (core.py: PF501 in the
# actuals; number(): a hand score or a profile's value), never written out (1e999999999 would
# fill the memory as digits)
MAX_DIGITS = 1000
# one context made once (a localcontext per division cost more than the division); its other
# settings are Python's defaults, which is what perflang's own context always is
EXACT = Context(prec=PRECISION)


class ReasonError(ValueError):
    """An error of the scoring library said as data: what is wrong (`reason`, a phrase of the
    catalog, perflang/messages.py PHRASES) with its arguments, and the key at fault (`at`, a
    tuple of table and key names, for its place in the TOML).  perflang shows it in the user's
    language (perflang.scoring.spec); a generated evaluator from its copy of the catalog's
    phrases (REASONS), in Chinese or English: message("zh"), message("en"); str() is English."""

    def __init__(self, reason: str, at: tuple = (), /, **args) -> None:
        super().__init__(reason, at, args)
        self.reason, self.at, self.fields = reason, tuple(at), args

    def message(self, lang: str = "zh") -> str:
        texts = REASONS.get(self.reason)
        if texts is None:
            return f"{self.reason} {self.fields}"
        joiner = " 或 " if lang == "zh" else ", "  # a tuple holds choices (messages.CLI["or"])
        fields = {k: joiner.join(v) if isinstance(v, tuple) else v for k, v in self.fields.items()}
        try:
            return texts[0 if lang == "zh" else 1].format(**fields)
        except (KeyError, IndexError, ValueError):
            return f"{texts[1]} {self.fields}"

    def __str__(self) -> str:
        return self.message("en")


class ProfileError(ReasonError):
    """A scoring profile that cannot be used (its reasons: the catalog's profile.* phrases).

    Not a perflang.errors.PerflangError, on purpose: this module is embedded verbatim in the
    evaluator `build --to python` writes (stdlib only, backends/python.py EMBEDDED), which has no
    perflang to import.  Where it reaches a user of perflang it becomes one: PF512 at the key's
    place in the TOML (scoring/spec.py UnusableProfile)."""


# the catalog's phrases of ReasonError's reasons, reason -> (zh, en): filled in by the generated
# evaluators (perflang/backends/python.py); perflang itself shows them from the catalog
REASONS: dict = {}


def round2(value: Decimal) -> Decimal:
    """Half-up to 2 decimal places (the official rounding of every score)."""
    return value.quantize(CENT, ROUND_HALF_UP)  # positional: half the cost of rounding=


def round_to(value: Decimal, quantum: Decimal) -> Decimal:
    """Half-up to the profile's rounding of scores: cents (0.01) or whole points (1), written
    with 2 places either way (8.62 -> 9.00 in whole points)."""
    return value.quantize(quantum, ROUND_HALF_UP).quantize(CENT)


def implied_comparator(is_cost: bool, dimension: str) -> str:
    """The direction of a target written without a comparator (`项目计划总投资: 20万元`): a cost
    in money (成本指标, its unit an amount of money, also per unit such as 元/亩) is a ceiling,
    ≤; every other target a floor, ≥.  The one rule the checker's PF403 hint and the scorer
    share."""
    return "<=" if is_cost and (dimension or "").startswith("money") else ">="


def divide(a: Decimal, b: Decimal) -> Decimal:
    """a / b with enough digits that rounding the result to 2 places is exact."""
    return EXACT.divide(a, b)


# -- weights -------------------------------------------------------------------------------


def explicit_total(explicit: list) -> Decimal:
    """The sum of the weights written in the .perf (None: not written)."""
    return sum((w for w in explicit if w is not None), ZERO)


def pool_weights(pool: Decimal, explicit: list, quantum: Decimal = CENT) -> list:
    """The weight of each indicator of one pool, in file order.

    Written weights are kept; the others share what is left of the pool equally, each rounded
    half-up to 2 places except the last, which takes the remainder so the pool sums exactly.
    Only when so little is left that half-up shares would overdraw it (less than 0.005 per
    indicator squared) are the shares rounded down instead, so no weight is ever negative.
    `quantum` 1 shares in whole points (50 among 3: 17, 17, 16).
    """
    out = list(explicit)
    free = [i for i, w in enumerate(explicit) if w is None]
    if not free:
        return out
    left = max(pool - explicit_total(explicit), ZERO)
    n = len(free)
    share = divide(left, Decimal(n)).quantize(quantum, ROUND_HALF_UP)
    if share * (n - 1) > left:
        share = divide(left, Decimal(n)).quantize(quantum, rounding=ROUND_DOWN)
    for i in free[:-1]:
        out[i] = share
    out[free[-1]] = left - share * (n - 1)
    return out


def equal_parts(total: Decimal, n: int, quantum: Decimal = CENT) -> list:
    """total split into n parts in the given rounding, the last taking the remainder."""
    return pool_weights(total, [None] * n, quantum) if n else []


def rescaled(points: Decimal, written: list, quantum: Decimal = CENT) -> list:
    """Written weights scaled in proportion so they add up to `points` (a profile with
    `rescale`): each rounded half-up in the profile's rounding, the last taking the remainder.
    Weights adding up to 0 are left as written."""
    total = explicit_total(written)
    if total == 0:
        return list(written)
    out = [divide(w * points, total).quantize(quantum, ROUND_HALF_UP) for w in written[:-1]]
    out.append(points - sum(out, ZERO))
    if out[-1] < 0:  # rounding overdrew it: round down instead
        out = [divide(w * points, total).quantize(quantum, ROUND_DOWN) for w in written[:-1]]
        out.append(points - sum(out, ZERO))
    return out


def group_weights(points: Decimal, explicit: list, goals: list, profile: dict) -> list:
    """The weights of the indicators of one pool (or of the shared block), in file order:
    written weights rescaled to the points when the profile says so and every indicator has
    one; with `per_goal`, the points split equally among the goals first (in order of first
    appearance), each goal's part shared among its own indicators."""
    alloc = profile["allocation"]
    quantum = alloc["shares"]
    if alloc["per_goal"] and len(set(goals)) > 1:
        order = list(dict.fromkeys(goals))
        parts = dict(zip(order, equal_parts(points, len(order), quantum)))
        out = [None] * len(explicit)
        for goal in order:
            idx = [i for i, g in enumerate(goals) if g == goal]
            for i, w in zip(idx, group_weights(parts[goal], [explicit[i] for i in idx], [goal] * len(idx), profile)):
                out[i] = w
        return out
    if alloc["rescale"] and explicit and None not in explicit:
        return rescaled(points, explicit, quantum)
    return pool_weights(points, explicit, quantum)


def groups_of(pools: list, profile: dict) -> list:
    """(name, points, member indices) of each group sharing points: every pool with its
    indicators, or the one block (`allocation.mode = "block"`) of all of them, or the block
    split among the pools that have indicators in proportion to their weights (`"split"`: each
    part rounded as shares are, the last taking the remainder)."""
    mode = profile["allocation"]["mode"]
    if mode == "block":
        return [("", profile["allocation"]["block"], list(range(len(pools))))] if pools else []
    if mode == "split":
        present = [pool for pool in profile["pools"] if pool in pools]
        parts = rescaled(
            profile["allocation"]["block"], [profile["pools"][p] for p in present], profile["allocation"]["shares"]
        )
        return [(pool, part, [i for i, p in enumerate(pools) if p == pool]) for pool, part in zip(present, parts)]
    return [
        (pool, weight, [i for i, p in enumerate(pools) if p == pool])
        for pool, weight in profile["pools"].items()
        if pool in pools
    ]


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


def short_score(comparator, a: Decimal, t: Decimal, w: Decimal, formula: str, quantum: Decimal = CENT) -> Decimal:
    """short_of_target kept within [0, W] and rounded (to cents, or to whole points)."""
    raw = short_of_target(comparator, a, t, w, formula)
    raw = ZERO if ZERO > raw else raw
    raw = w if w < raw else raw
    return round2(raw) if quantum is CENT else round_to(raw, quantum)


def quantitative_score(
    comparator, actual: Decimal, target: Decimal, weight: Decimal, formula: str, quantum: Decimal = CENT
) -> Decimal:
    """The rounded score of a number against its target; a negative actual counts as 0."""
    a = ZERO if ZERO >= actual else actual  # max(actual, 0), -0 as 0, without the call (hot path)
    if full_weight_test(comparator, target)(a):
        return round2(weight)
    return short_score(comparator, a, target, weight, formula, quantum)


def quantitative_scorer(comparator, target: Decimal, weight: Decimal, formula: str, quantum: Decimal = CENT):
    """quantitative_score of one indicator as a function of its actual alone, with what depends
    only on the target worked out once (the whole weight rounded, the full_weight_test); the
    function's `full` is the very object it returns whenever the whole weight is earned."""
    full = round2(weight)
    earns = full_weight_test(comparator, target)

    def score(actual: Decimal) -> Decimal:
        a = ZERO if ZERO >= actual else actual
        return full if earns(a) else short_score(comparator, a, target, weight, formula, quantum)

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


def qualitative_level(text: str, profile=None):
    """达成 / 部分达成 / 未达成 for a short or long form (or a word of the profile's
    [wording]), else None."""
    t = text.strip()
    if t in LEVELS:
        return t
    found = LONG_FORMS.get(t)
    if found is None and profile is not None:
        found = profile["wording"].get(t)
    return found


def level_words(profile: dict) -> tuple:
    """Every way of writing a level under a profile: the levels, the long forms, its wording."""
    return LEVELS + tuple(LONG_FORMS) + tuple(w for w in profile["wording"] if w not in LONG_FORMS)


def qualitative_default(level: str, weight: Decimal, profile: dict) -> Decimal:
    """The score of a qualitative level when no score is given by hand."""
    return round_to(weight * profile["qualitative"][level]["default"], profile["score_quantum"])


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
    """全年执行数 / 全年预算数 (budget > 0), unrounded; a negative execution (and -0) counts as 0."""
    return divide(ZERO if ZERO >= executed else executed, budget)


def execution_score(rate: Decimal, weight: Decimal, quantum: Decimal = CENT) -> Decimal:
    """min(rate, 1) × the execution weight, rounded (to cents, or to whole points)."""
    return round_to(min(rate, ONE) * weight, quantum)


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
    """A non-negative decimal from a TOML/JSON number or a decimal string (what: its dotted key)."""
    key = tuple(what.split("."))
    if isinstance(value, bool) or not isinstance(value, (int, str, Decimal, float)):
        raise ProfileError("profile.number", key, what=what)
    try:
        result = Decimal(str(value).strip())
    except ArithmeticError:
        raise ProfileError("profile.not_number", key, what=what, value=str(value)) from None
    if not result.is_finite() or result < 0:
        raise ProfileError("profile.negative", key, what=what)
    if abs(result.adjusted()) > MAX_DIGITS:  # 1e999999999: no number a table holds
        raise ProfileError("profile.not_number", key, what=what, value=str(value))
    return result if result else result.copy_abs()  # -0 is 0 (never printed as -0.00)


def _table(data: dict, key: str) -> dict:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ProfileError("profile.table", (key,), what=key)
    return value


def _check_keys(table: dict, allowed, where: str, path: tuple = ()) -> None:
    for key in table:
        if key not in allowed:
            reason = "profile.unknown_key" if path else "profile.unknown_top_key"
            raise ProfileError(reason, (*path, key), where=where, key=key, allowed="、".join(allowed))


def _weights(data: dict, base: dict) -> tuple:
    table = _table(data, "weights")
    _check_keys(table, POOLS + (EXECUTION,), "[weights]", ("weights",))
    pools = {p: number(table[p], f"weights.{p}") if p in table else base["pools"][p] for p in POOLS}
    execution = number(table[EXECUTION], f"weights.{EXECUTION}") if EXECUTION in table else base["execution"]
    return pools, execution


def _qualitative(data: dict, base: dict) -> dict:
    table = _table(data, "qualitative")
    _check_keys(table, LEVELS, "[qualitative]", ("qualitative",))
    out = {}
    for level in LEVELS:
        given = table.get(level, {})
        if not isinstance(given, dict):
            raise ProfileError("profile.level_table", ("qualitative", level), what=level)
        _check_keys(given, ("default", "min", "max"), f"[qualitative.{level}]", ("qualitative", level))
        band = {
            k: number(given[k], f"qualitative.{level}.{k}") if k in given else base["qualitative"][level][k]
            for k in ("default", "min", "max")
        }
        if not (band["min"] <= band["default"] <= band["max"] <= ONE):
            raise ProfileError("profile.band", ("qualitative", level), level=level)
        out[level] = band
    return out


def _grades(data: dict, base: dict) -> list:
    if "grades" not in data:
        return base["grades"]
    table = _table(data, "grades")
    grades = sorted(
        ((str(k), number(v, f"grades.{k}")) for k, v in table.items()), key=lambda item: item[1], reverse=True
    )
    if not grades or grades[-1][1] != 0 or grades[0][1] > 100:
        raise ProfileError("profile.grades", ("grades",))
    return grades


def _choice(table: dict, key: str, base, choices, where: str):
    value = table.get(key, base)
    if value not in choices:
        raise ProfileError("profile.choice", (where, key), what=f"{where}.{key}", choices=tuple(choices))
    return value


def _flag(table: dict, key: str, base, where: str) -> bool:
    value = table.get(key, base)
    if not isinstance(value, bool):
        raise ProfileError("profile.flag", (where, key) if where else (key,), what=f"{where}.{key}" if where else key)
    return value


def _allocation(data: dict, base: dict) -> dict:
    table = _table(data, "allocation")
    _check_keys(table, ("mode", "block", "per_goal", "rescale"), "[allocation]", ("allocation",))
    given = base["allocation"]
    out = {
        "mode": _choice(table, "mode", given["mode"], ALLOCATIONS, "allocation"),
        "block": number(table["block"], "allocation.block") if "block" in table else given["block"],
        "per_goal": _flag(table, "per_goal", given["per_goal"], "allocation"),
        "rescale": _flag(table, "rescale", given["rescale"], "allocation"),
    }
    return out


def _rounding(data: dict, base: dict) -> dict:
    table = _table(data, "rounding")
    _check_keys(table, ("shares", "scores"), "[rounding]", ("rounding",))
    return {k: _choice(table, k, base["rounding"][k], tuple(ROUNDINGS), "rounding") for k in ("shares", "scores")}


def _wording(data: dict, base: dict) -> dict:
    table = _table(data, "wording")
    out = dict(base["wording"])
    for word, level in table.items():
        if level not in LEVELS:
            raise ProfileError("profile.wording", ("wording", word), word=word, levels="、".join(LEVELS))
        out[str(word)] = level
    return out


def _framework(data: dict, base: dict) -> dict:
    """[framework]: 二级 this profile's forms place under another 一级 than the national framework
    does (湖北: 满意度 under 效益; 四川 2023: 经济成本 under 产出), 一级 -> its 二级 names as
    written (short or full forms); the checker and the scorer resolve the names."""
    table = _table(data, "framework")
    out = {k: list(v) for k, v in base["framework"].items()}
    for level1, level2s in table.items():
        if not isinstance(level2s, list) or not all(isinstance(v, str) and v.strip() for v in level2s):
            raise ProfileError("profile.framework", ("framework", level1), what=str(level1))
        names = out.setdefault(str(level1), [])
        names += [v for v in level2s if v not in names]
    return {k: tuple(v) for k, v in out.items()}


# -- the [monitoring] table: 运行监控's lights (perflang monitor, perflang/scoring/monitor.py) ----

LIGHTS = ("red", "yellow", "green", "blue")
MONITORING_DEFAULTS = {  # the budget system's warning rules (docs/monitoring.md), national.toml says them too
    "prorate": True,
    "prorate_percent": True,
    "positive": {"red": Decimal(60), "yellow": Decimal(80), "blue": Decimal(120)},
    "budget": {"red": Decimal(60), "yellow": Decimal(80)},
    "deviation": Decimal(130),
    "caps": (
        (Decimal(80), Decimal(89)),
        (Decimal(70), Decimal(79)),
        (Decimal(60), Decimal(69)),
        (Decimal(50), Decimal(59)),
    ),
    "likelihood": ("确定能", "有可能", "完全不可能", "不可能"),
    "explain": ("有可能", "完全不可能", "不可能"),
    "reasons": ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"),
    "words": {"red": "红", "yellow": "黄", "green": "绿", "blue": "蓝"},
}
MONITORING_KEYS = tuple(MONITORING_DEFAULTS)


def _bands(table: dict, key: str, base: dict, names: tuple) -> dict:
    """A table of thresholds (positive: red < yellow ≤ blue; budget: red < yellow)."""
    given = table.get(key, {})
    if not isinstance(given, dict):
        raise ProfileError("profile.table", ("monitoring", key), what=f"monitoring.{key}")
    _check_keys(given, names, f"[monitoring.{key}]", ("monitoring", key))
    out = {n: number(given[n], f"monitoring.{key}.{n}") if n in given else base[key][n] for n in names}
    edges = [out[n] for n in names]
    if any(a > b for a, b in zip(edges, edges[1:])):
        raise ProfileError("profile.thresholds", ("monitoring", key), what=f"monitoring.{key}")
    return out


def _words(table: dict, key: str, base: tuple) -> tuple:
    value = table.get(key, base)
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ProfileError("profile.words", ("monitoring", key), what=f"monitoring.{key}")
    return tuple(v.strip() for v in value)


def _monitoring(data: dict, base: dict) -> dict:
    """[monitoring]: the lights of 运行监控 (perflang monitor) — whether 正向 targets are
    pro-rated by the months (prorate; prorate_percent for targets in %), the thresholds of
    an indicator's ratio (positive) and of the budget's (budget), the ≥130% deviation, the
    execution-rate caps on the projected 自评 total ([[below %, at most], …]), the likelihood
    words, those that need a reason (explain), the kinds of deviation reason and the light
    words (红/黄/绿/蓝)."""
    table = _table(data, "monitoring")
    _check_keys(table, MONITORING_KEYS, "[monitoring]", ("monitoring",))
    given = base.get("monitoring") or MONITORING_DEFAULTS
    out = {
        "prorate": _flag(table, "prorate", given["prorate"], "monitoring"),
        "prorate_percent": _flag(table, "prorate_percent", given["prorate_percent"], "monitoring"),
        "positive": _bands(table, "positive", given, ("red", "yellow", "blue")),
        "budget": _bands(table, "budget", given, ("red", "yellow")),
        "deviation": number(table["deviation"], "monitoring.deviation") if "deviation" in table else given["deviation"],
        "likelihood": _words(table, "likelihood", given["likelihood"]),
        "explain": _words(table, "explain", given["explain"]),
        "reasons": _words(table, "reasons", given["reasons"]),
    }
    caps = table.get("caps", None)
    if caps is None:
        out["caps"] = given["caps"]
    else:
        if not isinstance(caps, list) or not all(isinstance(c, list) and len(c) == 2 for c in caps):
            raise ProfileError("profile.caps", ("monitoring", "caps"))
        out["caps"] = tuple(
            (number(a, "monitoring.caps"), number(b, "monitoring.caps"))
            for a, b in sorted(caps, key=lambda c: number(c[0], "monitoring.caps"), reverse=True)
        )
    words = table.get("words", {})
    if not isinstance(words, dict):
        raise ProfileError("profile.table", ("monitoring", "words"), what="monitoring.words")
    _check_keys(words, LIGHTS, "[monitoring.words]", ("monitoring", "words"))
    for light, word in words.items():
        if not isinstance(word, str) or not word.strip():
            raise ProfileError("profile.words", ("monitoring", "words", light), what=f"monitoring.words.{light}")
    out["words"] = {k: str(words.get(k, given["words"][k])).strip() for k in LIGHTS}
    unknown = [w for w in out["explain"] if w not in out["likelihood"]]
    if unknown:
        raise ProfileError("profile.explain", ("monitoring", "explain"), word=unknown[0])
    return out


def _form(data: dict, base: dict) -> dict:
    """[form]: how the 自评表 prints: `layout`, the printed form (a preset: 自评表, 湖北自评表,
    四川自评表, or a form file; perflang.forms reads it), and `subtotals` (小计 rows)."""
    table = _table(data, "form")
    _check_keys(table, ("subtotals", "layout"), "[form]", ("form",))
    layout = table.get("layout", base["form"].get("layout", ""))
    if not isinstance(layout, str):
        raise ProfileError("profile.layout", ("form", "layout"))
    return {"subtotals": _flag(table, "subtotals", base["form"]["subtotals"], "form"), "layout": layout}


PROFILE_KEYS = (
    "name",
    "title",
    "aliases",
    "description",
    "source",
    "lower_is_better",
    "execution_in_total",
    "weights",
    "allocation",
    "rounding",
    "qualitative",
    "wording",
    "grades",
    "form",
    "framework",
    "monitoring",
)
EMPTY_BASE = {
    "pools": {},
    "execution": None,
    "qualitative": {},
    "grades": [],
    "lower_is_better": None,
    "title": None,
    "execution_in_total": True,
    "allocation": {"mode": "pools", "block": ZERO, "per_goal": False, "rescale": False},
    "rounding": {"shares": "cents", "scores": "cents"},
    "wording": {},
    "form": {"subtotals": False, "layout": ""},
    "framework": {},
    "monitoring": MONITORING_DEFAULTS,
}


def profile_from_data(data: dict, base, name: str) -> dict:
    """A checked profile from TOML-shaped data; keys left out keep the base profile's values."""
    if not isinstance(data, dict):
        raise ProfileError("profile.not_table")
    _check_keys(data, PROFILE_KEYS, "")
    base = base or EMPTY_BASE
    pools, execution = _weights(data, base)
    formula = data.get("lower_is_better", base["lower_is_better"])
    if formula not in LOWER_FORMULAS:
        raise ProfileError("profile.choice", ("lower_is_better",), what="lower_is_better", choices=LOWER_FORMULAS)
    allocation = _allocation(data, base)
    rounding = _rounding(data, base)
    allocation["shares"] = ROUNDINGS[rounding["shares"]]
    if allocation["mode"] in ("block", "split") and allocation["block"] <= 0:
        raise ProfileError("profile.block", ("allocation", "block"))
    name = str(data.get("name", name))
    return {
        "name": name,
        "title": str(data.get("title") or name),
        "pools": pools,
        "execution": execution,
        "execution_in_total": _flag(data, "execution_in_total", base["execution_in_total"], ""),
        "lower_is_better": formula,
        "allocation": allocation,
        "rounding": rounding,
        "score_quantum": ROUNDINGS[rounding["scores"]],
        "qualitative": _qualitative(data, base),
        "wording": _wording(data, base),
        "grades": _grades(data, base),
        "form": _form(data, base),
        "framework": _framework(data, base),
        "monitoring": _monitoring(data, base),
    }


def profile_from_toml(text: str, base, name: str) -> dict:
    """A checked profile from TOML text (numbers read exactly, as decimals)."""
    import tomllib  # here, not at the top: the generated evaluator runs on Pythons without it

    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError("profile.toml", (), detail=str(exc)) from None
    except RecursionError:
        raise ProfileError("profile.nested") from None
    return profile_from_data(data, base, name)


def profile_to_data(profile: dict) -> dict:
    """A checked profile as plain TOML-shaped data with decimal strings (for generated code)."""
    alloc = profile["allocation"]
    return {
        "name": profile["name"],
        "title": profile["title"],
        "lower_is_better": profile["lower_is_better"],
        "execution_in_total": profile["execution_in_total"],
        "weights": {**{p: plain(w) for p, w in profile["pools"].items()}, EXECUTION: plain(profile["execution"])},
        "allocation": {
            "mode": alloc["mode"],
            "block": plain(alloc["block"]),
            "per_goal": alloc["per_goal"],
            "rescale": alloc["rescale"],
        },
        "rounding": dict(profile["rounding"]),
        "qualitative": {lv: {k: plain(v) for k, v in band.items()} for lv, band in profile["qualitative"].items()},
        "wording": dict(profile["wording"]),
        "grades": {name: plain(t) for name, t in profile["grades"]},
        "form": dict(profile["form"]),
        "framework": {k: list(v) for k, v in profile["framework"].items()},
    }
