"""A scorer as a budget system's vendor writes it from docs/json.md and docs/scoring.md: it
reads the targets JSON (perflang/2: effective weights, scoring comparators, the unit table, the
profile) and the actuals, and returns the totals and each row's score.  It takes what most
systems take — numbers with or without a unit of the target's kind, the levels in every wording,
hand-given scores and grades, missing actuals, the execution figure — not the actuals as people
write them (完成, ≥266米 …) nor every way of naming an indicator (only its id or name).

`score(targets, actuals)` is the careful version (tests/test_testing.py holds it equal to
perflang on that space); `Vendor(bug)` is it with one of the ten mistakes vendors make (BUGS),
each of which perflang.testing.differential must catch."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext

D = Decimal
NUMBER = re.compile(r"\s*([+-]?\d+(?:\.\d+)?)\s*(.*?)\s*")
LONG = {
    "达成年度指标": "达成",
    "部分达成年度指标并具有一定效果": "部分达成",
    "未达成年度指标且效果较差": "未达成",
    "达成预期指标": "达成",
    "部分达成预期指标": "部分达成",
    "未达成预期指标": "未达成",
}

BUGS = {
    "round_float": "scores rounded as round(float(x), 2)",
    "float_rate": "the execution score computed in binary floats (rate × weight), then rounded half up",
    "half_even": "scores rounded half to even (banker's), not half up",
    "linear_always": "≤ scored by linear-to-2T whatever the profile says",
    "money_as_higher": "money without a comparator scored as ≥ under 成本 too (the comparator, not scoring_comparator)",
    "zero_target": "＝0 scored as ≥0 (any actual earns the weight)",
    "uncapped_execution": "the execution score not capped at its weight (rate above 1)",
    "strict_grades": "grades by > instead of ≥ (exactly 90 is 良)",
    "no_rescale": "the 100-point total not rescaled when the maximum is not 100",
    "no_units": "an actual in another unit taken as in the target's unit",
}


class Vendor:
    def __init__(self, bug: str | None = None):
        assert bug is None or bug in BUGS
        self.bug = bug

    # -- numbers ---------------------------------------------------------------------------
    def round(self, value: Decimal, places: int = 2) -> Decimal:
        q = D(1).scaleb(-places)
        if self.bug == "round_float":
            return D(str(round(float(value), places))).quantize(q)
        return value.quantize(q, ROUND_HALF_EVEN if self.bug == "half_even" else ROUND_HALF_UP)

    def score_round(self, value: Decimal, profile) -> Decimal:
        whole = profile["rounding"]["scores"] == "whole"
        return self.round(value, 0).quantize(D("0.01")) if whole else self.round(value)

    @staticmethod
    def number(value):
        if isinstance(value, bool) or value is None:
            return None
        if isinstance(value, (int, float)):
            return D(repr(value)), ""
        m = NUMBER.fullmatch(str(value))
        return (D(m.group(1)), m.group(2)) if m else None

    def convert(self, amount, unit, dimension, target_unit, units):
        if not unit or self.bug == "no_units":
            return amount
        table = units.get(dimension or "", {})
        if unit not in table:
            return None
        return amount * D(table[unit]) / D(table.get(target_unit, "1") if target_unit else "1")

    # -- one indicator -----------------------------------------------------------------------
    def level(self, text, profile):
        if not isinstance(text, str):
            return None
        t = text.strip()
        return t if t in ("达成", "部分达成", "未达成") else LONG.get(t) or profile["wording"].get(t)

    def hand(self, given, low, high, closed):
        try:
            s = D(str(given).strip())
        except ArithmeticError:
            return None
        if not s.is_finite() or s < 0 or s < low or (s > high if closed else s >= high):
            return None
        return s

    def quantitative(self, ind, a, w, profile):
        t = D(ind["value"])
        c = ind["comparator"] if self.bug == "money_as_higher" else ind["scoring_comparator"]
        c = c or ">="
        a = max(a, D(0))
        lower = c in ("<=", "<")
        if self.bug == "zero_target" and c == "=" and t == 0:
            return w
        if (lower or (c == "=" and t == 0)) and a <= t or not (lower or (c == "=" and t == 0)) and a >= t:
            return w
        if t == 0:
            return D(0)
        if lower:
            if profile["lower_is_better"] == "linear-to-2T" or self.bug == "linear_always":
                raw = D(0) if a >= 2 * t else w * (1 - (a - t) / t)
            else:
                raw = w * t / a if a else D(0)
        else:
            raw = w * a / t
        return min(max(raw, D(0)), w)

    def indicator(self, ind, w, entry, profile, units):
        """(score, status)"""
        actual, given, grade = entry, None, None
        if isinstance(entry, dict):
            actual, given, grade = entry.get("actual"), entry.get("score"), entry.get("grade")
        blank = actual is None or (isinstance(actual, str) and not actual.strip())
        if blank and given is not None and grade is None:
            s = self.hand(given, D(0), w, True)
            return (self.round(s), "manual") if s is not None else (D(0), "invalid")
        if blank and grade is None:
            return D(0), "missing"
        if ind["kind"] == "qualitative" or grade is not None:
            level = self.level(grade if grade is not None else actual, profile)
            if level is None:
                return D(0), "invalid"
            band = profile["qualitative"][level]
            if given is None:
                return self.score_round(w * D(band["default"]), profile), "scored"
            s = self.hand(given, D(band["min"]) * w, D(band["max"]) * w, level == "达成")
            return (self.round(s), "manual") if s is not None else (D(0), "invalid")
        read = self.number(actual)
        if read is None:
            return D(0), "invalid"
        a = self.convert(read[0], read[1], ind["dimension"], ind["unit"], units)
        if a is None:
            return D(0), "invalid"
        if given is not None:
            s = self.hand(given, D(0), w, True)
            return (self.round(s), "manual") if s is not None else (D(0), "invalid")
        raw = self.quantitative(ind, a, w, profile)
        return (self.round(raw) if raw == w else self.score_round(raw, profile)), "scored"

    # -- a project ---------------------------------------------------------------------------
    def execution(self, project, given, profile, units):
        weight = D(profile["weights"]["预算执行率"])
        if weight == 0 or given.get("executed") is None:
            return None
        factor = D(project["scoring"]["money_factor"])

        def amount(value):
            read = self.number(value)
            if read is None:
                return None
            if not read[1]:
                return read[0]
            table = units["money"]
            return read[0] * D(table[read[1]]) / factor if read[1] in table else None

        executed = amount(given["executed"])
        budget = amount(given["budget"]) if given.get("budget") is not None else None
        if given.get("budget") is None and project["budget"] is not None:
            budget = D(project["budget"]["value"]) if project["budget"]["value"] is not None else None
        if executed is None or executed < 0 or not budget or budget < 0:
            return None
        rate = executed / budget
        capped = rate if self.bug == "uncapped_execution" else min(rate, D(1))
        if self.bug == "float_rate":
            points = D(repr(min(float(executed) / float(budget), 1.0) * float(weight)))
        else:
            points = capped * weight
        return {"rate": self.round(rate, 4), "score": self.score_round(points, profile)}

    def grade(self, score100, profile):
        grades = sorted(((name, D(t)) for name, t in profile["grades"].items()), key=lambda g: -g[1])
        for name, threshold in grades:
            if (score100 > threshold) if self.bug == "strict_grades" and threshold > 0 else score100 >= threshold:
                return name
        return grades[-1][0]

    def project(self, project, given, profile, units):
        entries = given.get("indicators") or {}
        rows, total = [], D(0)
        for goal in project["goals"]:
            if not goal["scored"]:
                continue
            for ind in goal["indicators"]:
                w = D(ind["effective_weight"])
                entry = entries.get(ind["id"], entries.get(ind["name"]))
                s, status = self.indicator(ind, w, entry, profile, units)
                rows.append({"id": ind["id"], "name": ind["name"], "score": f"{s:.2f}", "status": status})
                total += s
        execution = self.execution(project, given, profile, units)
        maximum = D(project["scoring"]["maximum"])
        if execution is not None:
            maximum = D(project["scoring"]["maximum_with_execution"])
            if profile["execution_in_total"]:
                total += execution["score"]
        if self.bug == "no_rescale":
            score100 = total
        else:
            score100 = self.round(total * 100 / maximum) if maximum > 0 else D("0.00")
        return {
            "id": project["id"],
            "total": f"{total:.2f}",
            "total_100": f"{score100:.2f}",
            "grade": self.grade(score100, profile),
            "execution": None
            if execution is None
            else {"score": f"{execution['score']:.2f}", "rate": f"{execution['rate']:.4f}"},
            "indicators": rows,
        }

    def __call__(self, targets, actuals):
        with localcontext() as ctx:
            ctx.prec = 60
            given = (actuals or {}).get("projects") or {}
            return {
                "projects": [
                    self.project(p, given.get(p["name"]) or {}, targets["profile"], targets["units"])
                    for p in targets["projects"]
                ]
            }


score = Vendor()
