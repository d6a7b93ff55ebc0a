"""Cases aimed at the boundaries of the rules (docs/testing.md, "Edges"): where a careless
evaluator and the official rules part.  Each draws a small file whose one indicator under test
(`被测指标`) sits exactly on an edge, with a few plain indicators beside it:

- half-cent results: W·A/T (≥, ＝, ＞, none), W·T/A (≤, ＜), W·(2 − A/T) (≤ by linear-to-2T) and
  the execution score land exactly on x.xx5, where half-up rounding and binary floats part;
  half points under whole-point rounding (北京);
- rates at 0.8: an actual at 80% of its target, an execution rate of 0.8 (and of 1 and above,
  where the score is capped), hand-given scores on the edges of their level's band (0.8·W is
  达成's floor and 部分达成's ceiling);
- targets at 0 (＝0, ≤0, ＜0, ≥0);
- the 100-point total on the grade thresholds (90, 80, 60) and a hair below them;
- money without a comparator, under 成本 (≤) and elsewhere (≥);
- actuals in another unit of the target's kind.
"""

from __future__ import annotations

from decimal import Decimal

from ..api import compile_text
from ..scoring.core import ACTUALS_FORMAT
from .space import case_from_text
from .strategies import _st

__all__ = ["EDGES", "edge_cases"]

HALF = Decimal("0.005")
CENT = Decimal("0.01")
# weights 200·W divides a power of ten for, so W·A/T = s and A = s·T/W is a finite decimal
WEIGHTS = (1, 2, 4, 5, 8, 10, 20, 25)
# (the target's unit, another unit of its kind, the factor to write an actual in the other)
UNITS = (("人", "人", 1), ("个", "万个", Decimal("0.0001")), ("%", "%", 1), ("吨", "千克", 1000), ("", "", 1))
PROJECT = "边界项目"
SUBJECT = "被测指标"


def _text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _doc(lines: list[str], budget: str = "100", setting: str | None = None, fillers: int = 1) -> str:
    """One project, one annual goal: the lines of the indicator under test (with their group)
    and some plain indicators beside it."""
    head = (
        ["金额单位 万元"]
        + ([f"评分方案 {setting}"] if setting else [])
        + ["", f"项目 {PROJECT} {{", f"  预算 {budget}"]
    )
    body = ['  年度目标 1 "边界" {', *lines]
    for i in range(fillers):
        body += [
            "    满意度 / 满意度 {" if i == 0 else "    效益 / 社会效益 {",
            f"      其他指标{i + 1}: ≥90%",
            "    }",
        ]
    return "\n".join(head + body + ["  }", "}", ""])


def _case(text: str, actual, others: dict | None = None, profile=("builtin", None), executed=None, aim=""):
    result = compile_text(text, "<edge>")
    if not result.ok:
        raise AssertionError(
            "perflang.testing drew an invalid edge case: " + "; ".join(d.message() for d in result.diagnostics)
        )
    inds = {SUBJECT: actual} if actual is not None else {}
    inds.update(others or {})
    body: dict = {"indicators": inds}
    if executed is not None:
        body["executed"] = executed
    kind_data = profile if profile[0] == "data" else ("builtin", None)
    return case_from_text(text, result.model, kind_data, {"format": ACTUALS_FORMAT, "projects": {PROJECT: body}}, aim)


def _fill(fillers: int) -> dict:
    return {f"其他指标{i + 1}": "95%" for i in range(fillers)}


def _half_cents(st, weight: int):
    """s = k/100 + 0.005 with 0 < s < W: a score exactly half a cent from two roundings."""
    return st.integers(0, weight * 100 - 1).map(lambda k: Decimal(k) / 100 + HALF)


def half_cent_higher(st):
    @st.composite
    def build(draw):
        w = draw(st.sampled_from(WEIGHTS))
        s = draw(_half_cents(st, w))
        t = Decimal(draw(st.integers(1, 10**6)))
        unit, other, factor = draw(st.sampled_from(UNITS))
        comparator = draw(st.sampled_from(("≥", "", "＝", "＞", "不少于")))
        a = s * t / w
        written = _text(a) + unit if not draw(st.booleans()) else _text(a * factor) + other
        n = draw(st.integers(0, 2))
        text = _doc(
            ["    产出 / 数量 {", f"      {SUBJECT}: {comparator}{_text(t)}{unit} {{ 分值 {w} }}", "    }"], fillers=n
        )
        return _case(text, written, _fill(n), aim=f"half-cent ≥: W {w} × A/T = {s}")

    return build()


def half_cent_lower(st):
    @st.composite
    def build(draw):
        w = draw(st.sampled_from(WEIGHTS))
        s = draw(_half_cents(st, w))
        m = Decimal(draw(st.integers(1, 10**4)))
        t, a = s * m, w * m  # W·T/A = s, A > T
        unit = draw(st.sampled_from(("吨", "度", "次", "")))
        comparator = draw(st.sampled_from(("≤", "＜", "不超过")))
        n = draw(st.integers(0, 2))
        text = _doc(
            ["    产出 / 数量 {", f"      {SUBJECT}: {comparator}{_text(t)}{unit} {{ 分值 {w} }}", "    }"], fillers=n
        )
        return _case(text, _text(a) + unit, _fill(n), aim=f"half-cent ≤ (W·T/A): W {w} × T/A = {s}")

    return build()


def half_cent_linear(st):
    @st.composite
    def build(draw):
        w = draw(st.sampled_from(WEIGHTS))
        s = draw(_half_cents(st, w))
        t = Decimal(draw(st.integers(1, 10**5)))
        a = t * (2 - s / w)  # W·(1 − (A−T)/T) = s
        text = _doc(["    产出 / 数量 {", f"      {SUBJECT}: ≤{_text(t)}吨 {{ 分值 {w} }}", "    }"], fillers=0)
        profile = ("data", {"name": "linear", "lower_is_better": "linear-to-2T"})
        return _case(text, _text(a) + "吨", profile=profile, aim=f"half-cent ≤ (linear-to-2T): W {w}, score {s}")

    return build()


def half_cent_execution(st):
    @st.composite
    def build(draw):
        setting, weight = draw(st.sampled_from([(None, 10), ("湖北", 20), ("四川", 10)]))
        s = draw(st.integers(0, weight * 100 - 1).map(lambda k: Decimal(k) / 100 + HALF))
        budget = Decimal(draw(st.integers(1, 10**6))) / draw(st.sampled_from([1, 100]))
        executed = budget * s / weight
        written = draw(st.sampled_from([_text(executed), _text(executed) + "万元", _text(executed * 10000) + "元"]))
        text = _doc(["    产出 / 数量 {", f"      {SUBJECT}: ≥1个", "    }"], budget=_text(budget), setting=setting)
        return _case(text, "1个", _fill(1), executed=written, aim=f"half-cent execution: {weight} × rate = {s}")

    return build()


def half_point_whole(st):
    @st.composite
    def build(draw):
        w = draw(st.sampled_from((2, 4, 5, 8, 10, 20)))
        k = draw(st.integers(0, w - 1))
        t = Decimal(draw(st.integers(1, 10**5)))
        a = (Decimal(k) + Decimal("0.5")) * t / w
        text = _doc(
            ["    产出 / 数量 {", f"      {SUBJECT}: ≥{_text(t)}个 {{ 分值 {w} }}", "    }"], setting="北京", fillers=0
        )
        return _case(text, _text(a) + "个", aim=f"half point under whole points: {k}.5 of {w}")

    return build()


def band_edges(st):
    @st.composite
    def build(draw):
        setting = draw(st.sampled_from([None, "湖北"]))
        w = draw(st.sampled_from((10, 15, 20, 30)))
        level = draw(st.sampled_from(("达成", "部分达成", "未达成")))
        bands = {
            None: {"达成": ("0.8", "1"), "部分达成": ("0.6", "0.8"), "未达成": ("0", "0.6")},
            "湖北": {"达成": ("0.8", "1"), "部分达成": ("0.5", "0.8"), "未达成": ("0", "0.5")},
        }[setting]
        low, high = (Decimal(x) * w for x in bands[level])
        score = draw(st.sampled_from([low, high, low - CENT, high - CENT]))
        if score < 0:
            score = low
        text = _doc(
            ["    效益 / 社会效益 {", f"      {SUBJECT}: 显著提升 {{ 分值 {w} }}", "    }"], setting=setting, fillers=0
        )
        actual = {"actual": level, "score": _text(score)}
        return _case(text, actual, aim=f"band edge: {level} scored {score} of {w}")

    return build()


def rate_08(st):
    @st.composite
    def build(draw):
        t = Decimal(draw(st.integers(1, 10**5)))
        budget = Decimal(draw(st.integers(1, 10**4)))
        which = draw(st.sampled_from(["actual", "execution", "hand"]))
        w = draw(st.sampled_from((10, 15, 20)))
        if which == "hand":
            text = _doc(["    效益 / 社会效益 {", f"      {SUBJECT}: 达标 {{ 分值 {w} }}", "    }"], fillers=0)
            level = draw(st.sampled_from(("达成", "部分达成")))
            return _case(text, {"actual": level, "score": _text(Decimal("0.8") * w)}, aim="a hand score of 0.8·W")
        text = _doc(
            ["    产出 / 数量 {", f"      {SUBJECT}: ≥{_text(t)}人 {{ 分值 {w} }}", "    }"], budget=_text(budget)
        )
        if which == "actual":
            return _case(text, _text(t * Decimal("0.8")) + "人", _fill(1), aim="an actual at 0.8·T")
        return _case(
            text, _text(t) + "人", _fill(1), executed=_text(budget * Decimal("0.8")), aim="an execution rate of 0.8"
        )

    return build()


def execution_over(st):
    """An execution rate of 1 and above: the score is capped at its weight."""

    @st.composite
    def build(draw):
        budget = Decimal(draw(st.integers(1, 10**4))) / draw(st.sampled_from([1, 100]))
        rate = draw(st.sampled_from([Decimal(1), Decimal("1.001"), Decimal("1.05"), Decimal("1.2"), Decimal(2)]))
        setting = draw(st.sampled_from([None, "湖北"]))
        text = _doc(["    产出 / 数量 {", f"      {SUBJECT}: ≥1个", "    }"], budget=_text(budget), setting=setting)
        aim = f"an execution rate of {rate}"  # the case's description for a developer, not a message
        return _case(text, "1个", _fill(1), executed=_text(budget * rate), aim=aim)

    return build()


def other_units(st):
    """An actual in another unit of its target's kind (个 and 万个, 元 and 万元, 千克 and 吨)."""

    @st.composite
    def build(draw):
        target_unit, actual_unit, factor = draw(
            st.sampled_from(
                [
                    ("万个", "个", 10000),
                    ("个", "万个", Decimal("0.0001")),
                    ("吨", "千克", 1000),
                    ("万元", "元", 10000),
                    ("元", "万元", Decimal("0.0001")),
                ]
            )
        )
        t = Decimal(draw(st.integers(1, 10**4)))
        share = draw(st.sampled_from([Decimal("0.5"), Decimal("0.9"), Decimal(1), Decimal("1.5")]))
        comparator = draw(st.sampled_from(["≥", "≤"]))
        group = "成本 / 经济成本" if target_unit.endswith("元") and comparator == "≤" else "产出 / 数量"
        text = _doc(
            [f"    {group} {{", f"      {SUBJECT}: {comparator}{_text(t)}{target_unit} {{ 分值 10 }}", "    }"],
            budget=_text(t * 3),
        )
        return _case(
            text,
            _text(t * share * factor) + actual_unit,
            _fill(1),
            aim=f"an actual in {actual_unit} against {target_unit}",
        )

    return build()


def target_zero(st):
    @st.composite
    def build(draw):
        comparator = draw(st.sampled_from(("=", "=", "≤", "<", "≥", "不超过")))
        unit, other, factor = draw(st.sampled_from((("次", "次", 1), ("个", "万个", Decimal("0.0001")), ("%", "%", 1))))
        a = draw(st.sampled_from([Decimal(0), Decimal(1), Decimal("0.5"), Decimal(3)]))
        written = _text(a) + unit if draw(st.booleans()) else _text(a * factor) + other
        w = draw(st.sampled_from((5, 10)))
        text = _doc(["    产出 / 质量 {", f"      {SUBJECT}: {comparator}0{unit} {{ 分值 {w} }}", "    }"])
        return _case(text, written, _fill(1), aim=f"a target of {comparator}0")

    return build()


def grade_boundary(st):
    @st.composite
    def build(draw):
        g = draw(
            st.sampled_from(
                [
                    Decimal(90),
                    Decimal(80),
                    Decimal(60),
                    Decimal("89.99"),
                    Decimal("79.99"),
                    Decimal("59.99"),
                    Decimal("89.98"),
                ]
            )
        )
        t = Decimal(draw(st.integers(1, 10**4))) * 100
        text = _doc(["    产出 / 数量 {", f"      {SUBJECT}: ≥{_text(t)}个", "    }"], fillers=0)
        # one indicator, 产出 50 its whole maximum: total_100 = 100·A/T
        return _case(text, _text(t * g / 100) + "个", aim=f"the 100-point total at {g}")

    return build()


def cost_without_comparator(st):
    @st.composite
    def build(draw):
        t = Decimal(draw(st.integers(1, 1000)))
        a = t * draw(st.sampled_from([Decimal("0.8"), Decimal("1.1"), Decimal("1.25"), Decimal(2)]))
        group = draw(st.sampled_from(["成本 / 经济成本", "产出 / 数量"]))
        unit, written = draw(
            st.sampled_from(
                [("万元", _text(a) + "万元"), ("万元", _text(a * 10000) + "元"), ("元/亩", _text(a) + "元/亩")]
            )
        )
        text = _doc(
            [f"    {group} {{", f"      {SUBJECT}: {_text(t)}{unit} {{ 分值 10 }}", "    }"], budget=_text(t * 3)
        )
        return _case(text, written, _fill(1), aim=f"money without a comparator under {group.split()[0]}")

    return build()


EDGES = {
    "half-cent ≥": half_cent_higher,
    "half-cent ≤": half_cent_lower,
    "half-cent linear-to-2T": half_cent_linear,
    "half-cent execution": half_cent_execution,
    "half point, whole points": half_point_whole,
    "band edges": band_edges,
    "rates at 0.8": rate_08,
    "execution at and above the budget": execution_over,
    "targets at 0": target_zero,
    "grade boundaries": grade_boundary,
    "money without comparator": cost_without_comparator,
    "other units": other_units,
}


def edge_cases(aims=tuple(EDGES)):
    """GeneratedCases aimed at the edges named (every one by default)."""
    st = _st()
    return st.sampled_from(list(aims)).flatmap(lambda aim: EDGES[aim](st))
