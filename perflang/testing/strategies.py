"""The strategies over the whole input space (docs/testing.md).

`documents()` draws valid .perf texts with their checked model; `actuals_for(model)` draws
perflang-actuals/1 data whose every actual meets, misses or sits exactly on its target (the
outcome of each is recorded).  With their keyword switches, and in `cases()`, they cover what
real targets and actuals hold: several annual and long-term goals (shared with 同), names
repeated across goals, every built-in profile and generated ones, realistic budgets, hand-given
scores, grades in every wording, actuals as people write them, missing and invalid actuals, and
every way of naming an indicator.  Hypothesis is a test extra: `pip install "perflang[test]"`.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from ..api import compile_text
from ..model import Model
from ..scoring.core import ACTUALS_FORMAT
from ..scoring.rules import implied_comparator
from ..scoring.spec import units_of
from ..syntax.builder import quote
from ..units import convert, parse_unit

__all__ = [
    "GeneratedDocument",
    "GeneratedActuals",
    "names",
    "target_texts",
    "documents",
    "actual_value",
    "actuals_for",
    "possible",
    "OUTCOMES",
]

OUTCOMES = ("meet", "miss", "boundary")
GROUPS = (("成本", "经济成本"), ("产出", "数量"), ("产出", "质量"), ("效益", "社会效益"), ("满意度", "满意度"))
COMPARATORS = ("≥", ">", "=", "≤", "<", "")
UNITS = ("%", "人", "个", "万个", "万元", "元", "吨", "度", "平方米", "")
QUALITATIVE_TARGETS = ("达标", "优良", "保障正常运转", "是")
# Characters that have broken code generators: quotes, backslashes, braces, markup, newlines.
NASTY = "\"'\\{}<>/:#;\n\t 　，“”"


def _st():
    try:
        import hypothesis.strategies as st
    except ImportError:  # hypothesis is a test extra, not a dependency of perflang
        raise ImportError(
            'perflang.testing needs Hypothesis: pip install "perflang[test]" (或 pip install hypothesis)'
        ) from None
    return st


@frozen
class GeneratedDocument:
    text: str
    model: Model


@frozen
class GeneratedActuals:
    data: dict  # perflang-actuals/1
    outcomes: dict  # (project, indicator name) -> "meet" | "miss" | "boundary"


def names(nasty: bool = True):
    """Indicator and project names: Chinese, Latin, digits and, when nasty, the characters that
    break careless generators (quotes, backslashes, {{ }}, </script>, newlines, keywords)."""
    st = _st()
    alphabet = st.sampled_from("数据服务满意度建成基站率人员GDPab5") | (
        st.sampled_from(NASTY) if nasty else st.nothing()
    )
    plain = st.text(alphabet, min_size=1, max_size=12)
    special = st.sampled_from(
        ["</script>", "{{ name }}", "import os", "class", "None", '\\"', "'''", "项目", "年度目标 1"]
    )
    return (plain | special).map(str.strip).filter(bool)


def target_texts():
    """指标值 texts: comparator + exact number + unit, or qualitative text."""
    st = _st()
    numbers = st.decimals(min_value=0, max_value=100000, places=2).map(lambda d: format(d, "f"))
    quantitative = st.builds(
        lambda c, n, u: f"{c}{n}{u}", st.sampled_from(COMPARATORS), numbers, st.sampled_from(UNITS)
    )
    return quantitative | st.sampled_from(QUALITATIVE_TARGETS)


def _weight_attr(weight) -> str:
    return f" {{ 分值 {weight} }}" if weight is not None else ""


def _project_text(name: str, groups: list) -> str:
    lines = [f"项目 {quote(name)} {{", "  预算 100000000", '  年度目标 1 "年度目标" {']
    for (level1, level2), indicators in groups:
        lines.append(f"    {level1} / {level2} {{")
        lines += [f"      {quote(n)}: {quote(t)}{_weight_attr(w)}" for n, t, w in indicators]
        lines.append("    }")
    lines += ["  }", "}", ""]
    return "\n".join(lines)


def documents(max_projects: int = 2, max_indicators: int = 8, nasty: bool = True):
    """Valid documents: .perf text and its checked model.  Names are unique in a document;
    explicit weights (分值, 0 to 1) never exceed their pool."""
    st = _st()
    weights = st.none() | st.decimals(min_value=0, max_value=1, places=2).map(lambda d: format(d, "f"))

    @st.composite
    def build(draw):
        all_names = draw(st.lists(names(nasty), min_size=2, max_size=max_projects * max_indicators + 2, unique=True))
        n_projects = draw(st.integers(1, min(max_projects, len(all_names) // 2)))
        project_names, rest = all_names[:n_projects], all_names[n_projects:]
        texts = []
        for i, pname in enumerate(project_names):
            mine = rest[i::n_projects][:max_indicators]
            by_group: dict = {}
            for n in mine:
                group = draw(st.sampled_from(GROUPS))
                by_group.setdefault(group, []).append((n, draw(target_texts()), draw(weights)))
            texts.append(_project_text(pname, list(by_group.items())))
        text = "金额单位 万元\n\n" + "\n".join(texts)
        result = compile_text(text, "<generated>")
        if not result.ok:
            raise AssertionError(
                "perflang.testing generated an invalid document: " + "; ".join(d.message() for d in result.diagnostics)
            )
        return GeneratedDocument(text, result.model)

    return build()


def possible(comparator, target: Decimal, outcome: str) -> bool:
    """Whether a non-negative actual can have the outcome: nothing misses ≥0 or meets <0."""
    if target > 0:
        return True
    return not (outcome == "miss" and comparator in (">=", None) or outcome == "meet" and comparator == "<")


def _number_for(comparator, target: Decimal, outcome: str):
    """A strategy for an actual number with a possible outcome (see `possible`)."""
    st = _st()
    if outcome == "boundary":
        return st.just(target)
    step = Decimal("0.01")
    above = st.decimals(min_value=step, max_value=max(target, Decimal(1)) * 3, places=2).map(lambda d: target + d)
    below = (
        st.decimals(min_value=step, max_value=target, places=2).map(lambda d: target - d)
        if target >= step
        else st.nothing()
    )
    on = st.just(target)
    good, bad = {
        ">=": (above | on, below),
        None: (above | on, below),
        ">": (above, below | on),
        "=": (on, above | below),
        "<=": (below | on, above),
        "<": (below, above | on),
    }[comparator]
    return good if outcome == "meet" else bad


def _with_unit(number: Decimal, unit_text: str, other: bool):
    """The number written in the target's unit or, when other, in another unit of its kind."""
    st = _st()
    unit = parse_unit(unit_text) if unit_text else None
    if not other or unit is None:
        return st.just(f"{format(number, 'f')}{unit_text}")
    choices = [u for u, _ in units_of(unit.dimension)]
    return st.sampled_from(choices).map(lambda u: f"{format(convert(number, unit, parse_unit(u)), 'f')}{u}")


def comparator_of(indicator):
    """The target's comparator as the scorer reads it: written, else implied (a cost in money
    without one is a ceiling, ≤; scoring.rules.implied_comparator)."""
    t = indicator.target
    if t.comparator is not None or t.kind != "quantitative":
        return t.comparator
    return implied_comparator(indicator.is_cost, t.unit_info.dimension if t.unit_info else "")


def actual_value(indicator, outcome: str, other_unit: bool = False):
    """An actual for one indicator of the model that meets, misses or sits on its target (the
    outcome must be `possible`)."""
    st = _st()
    t = indicator.target
    if t.kind == "qualitative":
        return st.just({"meet": "达成", "miss": "未达成", "boundary": "部分达成"}[outcome])
    return _number_for(comparator_of(indicator), t.number, outcome).flatmap(lambda n: _with_unit(n, t.unit, other_unit))


def actuals_for(model: Model, outcomes=OUTCOMES, other_units: bool = True):
    """perflang-actuals/1 data for every evaluated indicator of the model, each drawn to meet,
    miss or sit on the boundary of its target (recorded in .outcomes; an impossible outcome such
    as missing ≥0 becomes the boundary); sometimes in another unit of the same kind, sometimes
    with the execution figure."""
    st = _st()

    @st.composite
    def build(draw):
        projects, record = {}, {}
        for p in model.projects:
            inds = {}
            for goal in p.evaluated_goals:
                for ind in goal.indicators:
                    outcome = draw(st.sampled_from(outcomes))
                    t = ind.target
                    if t.kind == "quantitative" and not possible(comparator_of(ind), t.number, outcome):
                        outcome = "boundary"
                    other = other_units and draw(st.booleans())
                    inds[ind.name] = draw(actual_value(ind, outcome, other))
                    record[(p.name, ind.name)] = outcome
            body = {"indicators": inds}
            if p.budget is not None and p.budget.value and draw(st.booleans()):
                share = draw(st.decimals(min_value=0, max_value=Decimal("1.2"), places=2))
                body["executed"] = format(p.budget.value * share, "f")
            projects[p.name] = body
        return GeneratedActuals({"format": ACTUALS_FORMAT, "projects": projects}, record)

    return build()
