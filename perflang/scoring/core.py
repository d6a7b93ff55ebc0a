"""Evaluation over plain data: the targets of a document (a "spec", see perflang.scoring.spec), the
actuals (perflang-actuals/1 data) and a checked profile -> the perflang-eval/2 result and the
problems found in the actuals.

Standard library only and self-contained (apart from the rules in perflang.scoring.rules, embedded
beside it): `perflang build --to python` embeds this file's source in the generated evaluator.
A problem is (code, where, args); `where` is ("actuals",), ("project", p), ("indicator", p, key)
or ("execution", p, field), and the caller turns it into a CSV line or a JSON path.
"""

import difflib
import json
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, localcontext

try:
    from operator import call
except ImportError:  # Python < 3.11 (the generated evaluator runs there too)

    def call(function, *args):
        return function(*args)


from .plan import index_of, plain_digits, plan
from .rules import (
    MAX_DIGITS,
    ZERO,
    band_text,
    cents,
    divide,
    execution_rate,
    execution_score,
    explicit_total,
    grade,
    groups_of,
    in_band,
    is_met,
    number,
    plain,
    qualitative_default,
    qualitative_level,
    quantitative_score,
    round2,
    total_100,
)

ACTUALS_FORMAT = "perflang-actuals/1"
EVAL_FORMAT = "perflang-eval/2"
ENTRY_KEYS = ("actual", "score", "note", "grade")
# the figures and texts printed on the 自评表 besides the scores (report only: initial_budget
# 年初预算数, funds 其中 rows, conclusion 评价结论, problems 存在问题, measures 改进措施)
PROJECT_KEYS = (
    "executed",
    "budget",
    "indicators",
    "summary",
    "initial_budget",
    "funds",
    "conclusion",
    "problems",
    "measures",
)
# a quantitative actual written as a word that says the target was met (PF520)
MET_WORDS = frozenset(
    (
        "完成",
        "已完成",
        "全部完成",
        "按期完成",
        "达到",
        "已达到",
        "达标",
        "已达标",
        "达成",
        "已达成",
        "达成预期指标",
        "达成年度指标",
        "是",
    )
)
# the comparators an actual may repeat from its target (`≥266米`, PF521), longest first
ACTUAL_COMPARATORS = (
    ">=",
    "<=",
    "≥",
    "≤",
    "≧",
    "≦",
    "＞",
    "＜",
    "＝",
    ">",
    "<",
    "=",
    "不低于",
    "不少于",
    "不高于",
    "不超过",
    "大于",
    "小于",
    "超过",
    "达到",
)
PERCENT = "percent"
RATE_PLACES = Decimal("0.0001")
# digits of the context an evaluation runs in: any number the actuals may hold (more than
# MAX_DIGITS are refused, below) or a target may be, rounded to cents, with room to spare
WIDE_DIGITS = 12_000


# -- numbers that cannot be scored ---------------------------------------------------------
# perflang eval (reading the actuals' text, perflang.evaluation.actuals) and the generated
# evaluators (given text or data, .evaluator) refuse them alike, with the same PF501: the
# longest run of digits a number in the actuals may have (a sum of money in 元 has 15 or so),
# and NaN, ±Infinity or a number of more digits or a larger exponent than that.
LONG_DIGITS = re.compile("[0-9\uff10-\uff19]{%d,}" % (MAX_DIGITS + 1))  # ASCII or full-width
CONSTANTS = ("NaN", "Infinity", "-Infinity")  # JSON's spellings of what is no number


class Unusable(ValueError):
    """A number that cannot be scored, as the JSON text writes it (NaN, 1e5000 …)."""


def checked_number(text: str) -> Decimal:
    """A JSON number literal as an exact Decimal (parse_float and parse_int of json.loads);
    Unusable for more than MAX_DIGITS characters or an exponent beyond ±MAX_DIGITS."""
    try:
        value = Decimal(text)
    except ArithmeticError:  # an exponent beyond what a Decimal holds (1e99999999999999999999)
        raise Unusable(text) from None
    if len(text) > MAX_DIGITS or abs(value.adjusted()) > MAX_DIGITS:
        raise Unusable(text)
    return value


def refused_constant(name: str):
    """NaN, Infinity and -Infinity in JSON text (parse_constant of json.loads)."""
    raise Unusable(name)


def long_digits(text: str) -> int:
    """Where the first run of more than MAX_DIGITS digits starts in the text, else -1."""
    found = LONG_DIGITS.search(text)
    return found.start() if found else -1


def too_many_digits() -> dict:
    """PF501's args for a run of more than MAX_DIGITS digits (anywhere in the actuals)."""
    return {
        "reason": f"数字超过 {MAX_DIGITS} 位，无法计算",
        "reason_en": f"a number of more than {MAX_DIGITS} digits cannot be scored",
    }


def unusable(literal: str) -> dict:
    """PF501's args for a number that cannot be scored, named as its JSON text writes it."""
    return {
        "reason": f"“{literal[:40]}”不是可计算的数值（NaN、Infinity 或位数过多）",
        "reason_en": f"'{literal[:40]}' is not a number that can be scored (NaN, Infinity or too many digits)",
    }


def _number_text(value):
    """(JSON text of a number of the data, whether it has too many digits), or None when the
    value is no number; the text of an int is not made (beyond 4300 digits Python refuses)."""
    if value.__class__ is bool:
        return None
    if isinstance(value, int):
        return (None, True) if abs(value) >= 10**MAX_DIGITS else (str(value), False)
    if isinstance(value, float):
        if value != value:
            return CONSTANTS[0], False
        if value in (float("inf"), float("-inf")):
            return CONSTANTS[1 if value > 0 else 2], False
        return repr(value), False
    if isinstance(value, Decimal):
        if value.is_nan():
            return CONSTANTS[0], False
        if value.is_infinite():
            return CONSTANTS[2 if value.is_signed() else 1], False
        text = str(value)
        return text, long_digits(text) >= 0
    return None


def unusable_in_data(data):
    """PF501's args for actuals given as data (not as text) that hold a number perflang eval
    refuses in their text: a run of more than MAX_DIGITS digits anywhere (in a number, a string
    or a key) first, else the first NaN, ±Infinity or too long number in the data's order; else
    None.  Walks the data without recursion (any depth)."""
    first = None
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if long_digits(value) >= 0:
                return too_many_digits()
            continue
        if isinstance(value, dict):
            for key in value:
                if isinstance(key, str) and long_digits(key) >= 0:
                    return too_many_digits()
            stack.extend(reversed(list(value.values())))
            continue
        if isinstance(value, (list, tuple)):
            stack.extend(reversed(value))
            continue
        number = _number_text(value)
        if number is None:
            continue
        text, long = number
        if long:
            return too_many_digits()
        if first is None and text is not None:
            try:
                checked_number(text) if text not in CONSTANTS else refused_constant(text)
            except Unusable:
                first = text
    return None if first is None else unusable(first)


def read_actuals_text(text: str):
    """(data, None) for actuals given as JSON text, read with exact decimals, or (None, PF501's
    args) when they cannot be read or hold a number that cannot be scored: what perflang eval
    says of the same text (perflang.evaluation.actuals)."""
    if long_digits(text) >= 0:
        return None, too_many_digits()
    try:
        return json.loads(
            text, parse_float=checked_number, parse_int=checked_number, parse_constant=refused_constant
        ), None
    except Unusable as exc:
        return None, unusable(str(exc))
    except RecursionError:
        return None, {"reason": "JSON 嵌套过深", "reason_en": "the JSON is nested too deeply"}
    except ValueError as exc:  # json.JSONDecodeError
        msg = getattr(exc, "msg", str(exc))
        return None, {"reason": f"JSON 语法错误：{msg}", "reason_en": f"JSON syntax error: {msg}"}


_QUANTITY = re.compile(r"([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)\s*(.*)", re.S)


FEW_NAMES = 64  # up to this many names, difflib looks at all of them (as it always did)
RARE_PAIR = 64  # a character pair in more names than this says little about which is meant
CANDIDATES = 8  # names difflib compares a name with, of many


class CloseNames:
    """'Did you mean' over a list of names in bounded time per name: of many names, difflib
    compares a name only with the CANDIDATES that share most of its rarer character pairs (so
    2,000 unknown names among 5,000 projects cost 2,000 small lookups, not 10 million
    comparisons); a short list it compares whole."""

    def __init__(self, names):
        self.names = sorted(names)
        self.pairs = None
        if len(self.names) > FEW_NAMES:
            pairs: dict = {}
            for i, name in enumerate(self.names):
                for pair in _pairs(name):
                    pairs.setdefault(pair, []).append(i)
            self.pairs = {k: v for k, v in pairs.items() if len(v) <= RARE_PAIR}

    def close(self, name: str) -> list:
        if self.pairs is None:
            return difflib.get_close_matches(name, self.names, n=3, cutoff=0.4)
        shared: dict = {}
        for pair in _pairs(name):
            for i in self.pairs.get(pair, ()):
                shared[i] = shared.get(i, 0) + 1
        best = sorted(sorted(shared, key=lambda i: (-shared[i], i))[:CANDIDATES])
        return difflib.get_close_matches(name, [self.names[i] for i in best], n=3, cutoff=0.4)


def _pairs(name: str) -> set:
    return {name[i : i + 2] for i in range(len(name) - 1)} or {name}


def malformed(where: tuple, zh: str, en: str) -> tuple:
    """A PF502 problem (the actuals' structure), said in both languages."""
    return ("PF502", where, {"what": zh, "what_en": en})


def as_text(value) -> str:
    """An actual as shown in the result: strings as given, numbers as exact decimals, and
    anything else as a JSON file writes it (true, false, null; a list or an object as compact
    JSON) — never a Python spelling such as True or Decimal('1')."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return plain(Decimal(repr(value)))
    if isinstance(value, (int, Decimal)):
        return plain(Decimal(value))
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ",".join(map(_json_item, value)) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(_json_item(str(k)) + ":" + _json_item(v) for k, v in value.items()) + "}"
    return str(value)


def _json_item(value) -> str:
    """A value inside a list or object, as compact JSON (strings quoted, as json.dumps does)."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else as_text(value)


def _ascii_digit(ch: str) -> str:
    """Full-width digits, signs, points and ％ as ASCII; every other character as written (so a
    unit such as ㎡ is looked up as written, not as its compatibility form m2)."""
    if unicodedata.east_asian_width(ch) != "F":
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    return folded if folded in "0123456789+-.,%" else ch


class _Folds(dict):
    """A str.translate table that applies _ascii_digit, each character worked out once."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _ascii_digit(chr(code))
        return folded


_FOLDS = _Folds()
FOLDED_FROM = "\uff05"  # ％, the first character _ascii_digit changes (a test checks them all)


def parse_quantity(value):
    """(number, unit as written) from '560万元', '96 %', 96 or '1,200'; None if not a number."""
    if not isinstance(value, str):
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            return None
        return Decimal(as_text(value)), ""
    text = value.strip()
    digits = plain_digits(text)
    if digits is not None:  # the most usual: no unit
        return digits, ""
    if not text.isascii() and max(text) >= FOLDED_FROM:  # most units (万元, 人, ㎡) lie below
        text = text.translate(_FOLDS)
    unit = text.lstrip("0123456789.")
    number = plain_digits(text[: len(text) - len(unit)])
    # plain digits and then a unit (or nothing) that cannot continue the number: what _QUANTITY
    # reads from such a text, without the regex (it would read on over ',345' or a digit ٣)
    if number is not None and not (unit[:1] == "," or unit[:1].isdecimal()):
        return number, unit.strip()
    m = _QUANTITY.fullmatch(text)
    if not m:
        return None
    return Decimal(m.group(1).replace(",", "")), m.group(2).strip()


def in_unit(quantity, dimension, factor: Decimal, units: dict):
    """The quantity expressed exactly in the unit whose factor is given; None when its unit is
    not of the same dimension.  A quantity without a unit is already in that unit.  `units` is
    the unit table with decimal factors (see plan)."""
    amount, unit = quantity
    if not unit:
        return amount
    found = units.get(dimension or "", {}).get(unit)
    if found is None:
        return None
    return divide(amount * found, factor)


def excess_pools(indicators: list, profile: dict) -> list:
    """(pool, written total, pool weight, index of its last written weight) for every pool whose
    written weights exceed the pool: such a file cannot be scored with this profile."""
    out = []
    for pool, limit, members in groups_of([ind["pool"] for ind in indicators], profile):
        written = [(i, Decimal(indicators[i]["weight"])) for i in members if indicators[i]["weight"] is not None]
        if profile["allocation"]["rescale"] and len(written) == len(members):
            continue  # every weight written and rescaled to the points: relative, never too many
        total = explicit_total([w for _, w in written])
        if total > limit:
            out.append((pool, total, limit, written[-1][0]))
    return out


def match_keys(indicators: list, index: dict, given: dict, project: str, problems: list) -> list:
    """For each indicator, in order, the (key, value) of the actuals that names it, or None."""
    matched: list = [None] * len(indicators)
    for key, value in given.items():
        hits = index.get(key, ())
        if len(hits) == 1 and matched[hits[0]] is None:  # the usual case, checked first
            matched[hits[0]] = (key, value)
            continue
        where = ("indicator", project, key)
        if not hits:
            close = difflib.get_close_matches(key, [ind["name"] for ind in indicators], n=3, cutoff=0.4)
            problems.append(("PF504", where, {"name": key, "project": project, "suggest": "、".join(close)}))
        elif len(hits) > 1:
            paths = [indicators[i]["keys"][1] for i in hits]  # 一级/二级/三级
            if len(set(paths)) < len(paths):  # the same path in two goals: name the goal too
                paths = [indicators[i]["keys"][-1] for i in hits]
            problems.append(("PF505", where, {"name": key, "paths": "、".join(paths)}))
        else:
            problems.append(("PF514", where, {"name": key, "other": matched[hits[0]][0]}))
    return matched


def split_entry(value, where, problems: list):
    """(actual, score, note, grade) from '560万元' or {"actual": …, "score": …, "note": …,
    "grade": …}."""
    if not isinstance(value, dict):
        return value, None, None, None
    for key in value:
        if key not in ENTRY_KEYS:
            problems.append(
                malformed(
                    where,
                    f"未知的键“{key}”（可用：actual、score、note、grade）",
                    f"unknown key '{key}' (use actual, score, note, grade)",
                )
            )
    note = value.get("note")
    return value.get("actual"), value.get("score"), None if note is None else as_text(note), value.get("grade")


def manual_score(given, where, problems: list):
    """A hand-given score as a decimal, or None (with a problem) when it is not a number."""
    try:
        return number(given, "score")
    except ValueError:  # number() says why in a ProfileError; here PF511 says it
        problems.append(("PF511", where, {"value": as_text(given)}))
        return None


def graded_level(ind, actual, grade, where, profile, problems):
    """The level of a qualitative actual: its `grade` when given (the actual is then any text),
    else the actual itself as a level; an actual that repeats the target text counts as 达成
    (PF524).  None after a PF509."""
    if grade is not None:
        level = qualitative_level(grade, profile) if isinstance(grade, str) else None
        if level is None:  # the grade is wrong, not the actual: said as a grade (PF526)
            problems.append(("PF526", where, {"value": as_text(grade), "name": ind["name"]}))
        return level
    level = qualitative_level(actual, profile) if isinstance(actual, str) else None
    if (
        level is None
        and isinstance(actual, str)
        and ind["kind"] == "qualitative"
        and actual.strip() == ind["target"].strip()
    ):
        problems.append(("PF524", where, {"value": actual.strip(), "name": ind["name"]}))
        return "达成"
    if level is None:
        problems.append(("PF509", where, {"value": as_text(actual), "name": ind["name"]}))
    return level


def score_qualitative(ind, weight, actual, given, where, profile, problems, grade=None):
    """(status, score, met) of a qualitative indicator (or of any indicator given a grade)."""
    level = graded_level(ind, actual, grade, where, profile, problems)
    if level is None:
        return "invalid", ZERO, None
    if given is None:
        return "scored", qualitative_default(level, weight, profile), level == "达成"
    score = manual_score(given, where, problems)
    if score is None:
        return "invalid", ZERO, None
    if not in_band(level, score, weight, profile):
        problems.append(
            (
                "PF510",
                where,
                {"score": plain(score), "band": band_text(level, weight, profile), "level": level, "name": ind["name"]},
            )
        )
        return "invalid", ZERO, None
    return "manual", round2(score), level == "达成"


def repeated_target(text: str):
    """The quantity of an actual that repeats its target's form (`≥266米` -> (266, 米)), else
    None."""
    for sign in ACTUAL_COMPARATORS:
        if text.startswith(sign):
            return parse_quantity(text[len(sign) :])
    return None


def fraction_read(value, step) -> bool:
    """Whether a bare number is read as a fraction of a percent target: at most 1 against a
    target above 1% (`0.96` against `≥95%` is 96%, PF523)."""
    return step["dimension"] == PERCENT and value <= 1 < step["number"]


def quantitative_value(ind, step, actual, where, units, problems):
    """The actual as a number in the target's unit, read by the rules for actuals as people
    write them (docs/scoring.md §1), each assumption reported; (value, met word) or None after
    an error.  `met word` is true when the actual is a word meaning the target was met."""
    quantity = parse_quantity(actual)
    if quantity is None and isinstance(actual, str):
        text = actual.strip()
        if text in MET_WORDS:
            problems.append(("PF520", where, {"value": text, "name": ind["name"], "target": ind["target"]}))
            return step["number"], True
        quantity = repeated_target(text)
        if quantity is not None:
            read = plain(quantity[0]) + quantity[1]
            problems.append(("PF521", where, {"value": text, "name": ind["name"], "read": read}))
    if quantity is None:
        problems.append(("PF507", where, {"value": as_text(actual), "name": ind["name"]}))
        return None
    # most actuals are written without a unit (already the target's unit): spare in_unit's call
    value = in_unit(quantity, step["dimension"], step["factor"], units) if quantity[1] else quantity[0]
    if value is None and quantity[1] in ("%", "百分比") and not ind["unit"]:
        value = quantity[0]  # `100%` against a unitless `100`: the number as written
        problems.append(
            (
                "PF522",
                where,
                {"value": as_text(actual), "name": ind["name"], "target": ind["target"], "read": plain(value)},
            )
        )
    if value is None:
        problems.append(
            ("PF508", where, {"value": as_text(actual), "unit": quantity[1], "target_unit": ind["unit"] or "无单位"})
        )
        return None
    if not quantity[1] and fraction_read(value, step):
        value = value * 100
        problems.append(
            (
                "PF523",
                where,
                {"value": as_text(actual), "name": ind["name"], "target": ind["target"], "read": plain(value) + "%"},
            )
        )
    return value, False


def score_quantitative(ind, step, actual, given, where, profile, units, problems):
    """(status, score, met) of an indicator with a number target."""
    weight = step["weight"]
    read = quantitative_value(ind, step, actual, where, units, problems)
    if read is None:
        return "invalid", ZERO, None
    value, met_word = read
    target = step["number"]
    comparator = step["comparator"]
    met = True if met_word else is_met(comparator, value, target)
    if given is None:
        return (
            "scored",
            quantitative_score(comparator, value, target, weight, profile["lower_is_better"], profile["score_quantum"]),
            met,
        )
    score = manual_score(given, where, problems)
    if score is None:
        return "invalid", ZERO, None
    if score > weight:
        problems.append(
            ("PF510", where, {"score": plain(score), "band": f"[0, {plain(weight)}]", "level": "", "name": ind["name"]})
        )
        return "invalid", ZERO, None
    return "manual", round2(score), met


def score_indicator(ind, step, entry, project, profile, units, problems):
    """(result row, score) of one indicator and its entry in the actuals (None: missing)."""
    key = entry[0] if entry else ind["name"]
    where = ("indicator", project, key)
    if not entry:
        actual, given, note, grade = None, None, None, None
    elif isinstance(entry[1], dict):
        actual, given, note, grade = split_entry(entry[1], where, problems)
    else:  # the usual '560万元': what split_entry would return, without the call
        actual, given, note, grade = entry[1], None, None, None
    blank = actual is None or (isinstance(actual, str) and not actual.strip())
    if blank and given is not None and grade is None:
        return hand_scored_blank(ind, step, actual, given, note, where, problems)
    if blank and grade is None:
        problems.append(("PF506", where if entry else ("project", project), {"name": ind["name"], "project": project}))
        row = step["row"].copy()
        row["note"] = note
        return row, ZERO
    if step["kind"] == "qualitative" or grade is not None:
        status, score, met = score_qualitative(ind, step["weight"], actual, given, where, profile, problems, grade)
        if grade is not None and step["kind"] == "quantitative" and met is not None:
            contradicted_grade(ind, step, actual, grade, met, where, units, problems)
    else:
        status, score, met = score_quantitative(ind, step, actual, given, where, profile, units, problems)
    row = step["row"].copy()  # a copy keeps the key order and is cheaper than a new dict
    row["actual"] = actual if isinstance(actual, str) else as_text(actual)
    row["score"] = cents(score)
    row["met"] = met
    row["status"] = status
    row["note"] = note
    return row, score


def contradicted_grade(ind, step, actual, grade, graded_met, where, units, problems) -> None:
    """PF525 (a warning) when the grade says the opposite of a numeric actual: 达成 for an
    actual that misses the target, or a lower level for one that meets it.  The grade is the
    unit's judgement and is scored; the warning names both, so neither is taken unseen."""
    read = quantitative_value(ind, step, actual, where, units, [])  # its own problems: not these
    if read is None:
        return
    value, met_word = read
    met = True if met_word else is_met(step["comparator"], value, step["number"])
    if met != graded_met:
        problems.append(
            (
                "PF525",
                where,
                {"name": ind["name"], "grade": as_text(grade), "value": as_text(actual), "target": ind["target"]},
            )
        )


def hand_scored_blank(ind, step, actual, given, note, where, problems):
    """(row, score) of an indicator whose actual is left blank but scored by hand (as printed
    forms do): the score within [0, W], status manual, met unknown."""
    row = step["row"].copy()
    row["note"] = note
    score = manual_score(given, where, problems)
    if score is not None and score > step["weight"]:
        problems.append(
            (
                "PF510",
                where,
                {"score": plain(score), "band": f"[0, {plain(step['weight'])}]", "level": "", "name": ind["name"]},
            )
        )
        score = None
    if score is None:
        row["status"] = "invalid"
        return row, ZERO
    row["actual"] = "" if actual is None else as_text(actual)
    row["score"] = cents(score)
    row["status"] = "manual"
    return row, round2(score)


def money(spec_project, project_plan, value, field, units, problems):
    """A money figure of the actuals in the project's money unit, or None (with a problem)."""
    where = ("execution", spec_project["name"], field)
    quantity = parse_quantity(value)
    amount = None
    if quantity is not None:
        amount = in_unit(quantity, "money", project_plan["money_factor"], units)
    if amount is None or amount < 0:
        problems.append(("PF513", where, {"value": as_text(value), "field": field}))
    return amount


def score_execution(spec_project, project_plan, given: dict, units, profile, problems):
    """(execution block, score) or (None, 0) when the line is not scored (no 全年执行数 given,
    no budget known, or an execution weight of 0); a 全年执行数 or 全年预算数 given but not a
    valid amount (PF513) gives the block with status invalid and score 0."""
    weight = profile["execution"]
    if weight == 0 or given.get("executed") is None:
        return None, ZERO
    executed = money(spec_project, project_plan, given["executed"], "executed", units, problems)
    budget_given = given.get("budget")
    if budget_given is None:
        budget, budget_text = project_plan["budget"], project_plan["budget_text"]
    else:
        budget = money(spec_project, project_plan, budget_given, "budget", units, problems)
        budget_text = None if budget is None else plain(budget)
    if budget is not None and budget == 0:
        problems.append(("PF513", ("execution", spec_project["name"], "budget"), {"value": "0", "field": "budget"}))
    if executed is None or executed < 0 or (budget_given is not None and (budget is None or budget <= 0)):
        # a figure given but wrong (PF513; a negative one too, which once scored -1866.67): the
        # line keeps its points in the maximum and scores 0, as an invalid indicator does
        return {
            "budget": budget_text if budget else None,
            "executed": None if executed is None else plain(executed),
            "rate": None,
            "weight": project_plan["execution_weight"],
            "score": cents(ZERO),
            "status": "invalid",
        }, ZERO
    if not budget:
        return None, ZERO
    rate = execution_rate(executed, budget)
    score = execution_score(rate, weight, profile["score_quantum"])
    return {
        "budget": budget_text,
        "executed": plain(executed),
        # str() of a decimal with exponent -4 never uses an exponent: format(…, "f"), cheaper
        "rate": str(rate.quantize(RATE_PLACES, ROUND_HALF_UP)),
        "weight": project_plan["execution_weight"],
        "score": cents(score),
    }, score


def indicator_rows(spec_project, project_plan, entries: dict, profile, units, problems):
    """(result lines, total score) of a project's indicators."""
    name, inds, quick = spec_project["name"], spec_project["indicators"], project_plan["quick"]
    in_order = list(entries) == project_plan["names"]  # the usual: every name once, in order
    # in order, the (key, value) of entries.items() are what match_keys gives, aligned
    matched = entries.items() if in_order else match_keys(inds, index_of(project_plan, inds), entries, name, problems)
    steps = project_plan["steps"]
    if quick is None:  # the full rules for every indicator
        done = [
            score_indicator(ind, step, entry, name, profile, units, problems)
            for ind, step, entry in zip(inds, steps, matched)
        ]
    else:  # each indicator's quick function, called through map: no Python loop for the usual
        done = list(map(call, quick, entries.values() if in_order else [entry and entry[1] for entry in matched]))
        if None in done:  # what they leave: the full rules
            for i, entry in enumerate(matched):
                if done[i] is None:
                    done[i] = score_indicator(inds[i], steps[i], entry, name, profile, units, problems)
    rows, scores = zip(*done) if done else ((), ())
    return list(rows), sum(scores, ZERO)


def evaluate_project(spec_project, project_plan, given, units, profile, problems) -> dict:
    """The result of one project."""
    name = spec_project["name"]
    entries = given.get("indicators", {})
    if not isinstance(entries, dict):
        problems.append(malformed(("project", name), "indicators 应为对象", "indicators must be an object"))
        entries = {}
    rows, total = indicator_rows(spec_project, project_plan, entries, profile, units, problems)
    execution, exec_score = score_execution(spec_project, project_plan, given, units, profile, problems)
    maximum, maximum_text = project_plan["maximum" if execution is None else "maximum_executed"]
    if profile["execution_in_total"]:
        total += exec_score
    score_100 = total_100(total, maximum)
    return {
        "name": name,
        "id": spec_project["id"],
        "indicators": rows,
        "execution": execution,
        "maximum": maximum_text,
        "total": cents(total),
        "total_100": cents(score_100),
        "grade": grade(score_100, profile),
    }


def given_projects(actuals, problems: list) -> dict:
    """The projects of the actuals data (structure problems reported, never raised)."""
    if not isinstance(actuals, dict):
        problems.append(malformed(("actuals",), "顶层应为对象", "the top level must be an object"))
        return {}
    if actuals.get("format") != ACTUALS_FORMAT:
        problems.append(malformed(("actuals",), f"format 应为 {ACTUALS_FORMAT}", f"format must be {ACTUALS_FORMAT}"))
    projects = actuals.get("projects", {})
    if not isinstance(projects, dict):
        problems.append(malformed(("actuals",), "projects 应为对象", "projects must be an object"))
        return {}
    out = {}
    for name, value in projects.items():
        if not isinstance(value, dict):
            problems.append(malformed(("project", name), "项目应为对象", "a project must be an object"))
            continue
        out[name] = value
        for key in value:
            if key not in PROJECT_KEYS:
                problems.append(
                    malformed(
                        ("project", name),
                        f"未知的键“{key}”（可用：{'、'.join(PROJECT_KEYS)}）",
                        f"unknown key '{key}' (use {', '.join(PROJECT_KEYS)})",
                    )
                )
    return out


def evaluate_data(spec: dict, units: dict, actuals, profile: dict, planned=None):
    """(perflang-eval/2 result, problems) for the actuals against the spec's targets;
    `planned` is plan(spec, units, profile, quick) when the caller kept it.  Computed with
    WIDE_DIGITS of precision: Python's default 28 cannot round a target of 1e28 to cents."""
    with localcontext() as ctx:
        ctx.prec, ctx.Emax, ctx.Emin = WIDE_DIGITS, WIDE_DIGITS, -WIDE_DIGITS
        return _evaluate_data(spec, units, actuals, profile, planned)


def _evaluate_data(spec: dict, units: dict, actuals, profile: dict, planned=None):
    planned = planned or plan(spec, units, profile)
    problems: list = []
    given = given_projects(actuals, problems)
    known = {p["name"] for p in spec["projects"]}
    names = None
    for name in given:
        if name not in known:
            names = names or CloseNames(known)
            close = names.close(name)
            problems.append(("PF503", ("project", name), {"name": name, "suggest": "、".join(close)}))
    results = [
        evaluate_project(p, pp, given.get(p["name"], {}), planned["units"], profile, problems)
        for p, pp in zip(spec["projects"], planned["projects"])
    ]
    return {"format": EVAL_FORMAT, "profile": profile["name"], "projects": results}, problems
