"""Inlay hints on the lines of a range: after a value in a unit other than its base, the value
in the base unit (`≤571万元` › `= 5,710,000 元`; a budget too); at the end of an indicator line
of an evaluated goal, the weight it is scored with under the profile (perflang/lsp/scores.py);
after a goal's `{`, the sum of its money costs and their share of the budget.  Plain data:
(line, column, label, kind, tooltip) in 1-based file positions; kind "type" or "parameter"."""

from __future__ import annotations

from typing import NamedTuple

from ..messages import localize, phrase
from ..syntax.linetext import code_part
from .hover import amount
from .scores import goal_costs, weights

__all__ = ["Hint", "inlay_hints"]


class Hint(NamedTuple):
    line: int
    column: int
    label: str
    kind: str  # "type" | "parameter"
    tooltip: str = ""


def _t(key: str, lang: str, **args) -> str:
    return localize(phrase(key, **args), lang)


def inlay_hints(doc, first: int, last: int, lang: str, profile_of) -> list[Hint]:
    """The hints on file lines first..last; profile_of(unit) -> (profile dict, its title)."""
    out: list[Hint] = []
    for unit in doc.units_between(first, last):
        if unit.result.model is not None:
            out += _unit_hints(doc, unit, first, last, lang, profile_of)
    return sorted(out)


def _unit_hints(doc, unit, first: int, last: int, lang: str, profile_of) -> list[Hint]:
    model = unit.result.model
    profile, title = profile_of(unit)
    scored = weights(model, profile)
    out = []

    def inside(span) -> bool:
        line = unit.file_line(span.line)
        return first <= line <= last and span.line > unit.prefix_lines

    def at_end(span) -> tuple[int, int]:
        """After the code of the span's first line (before a comment)."""
        line = unit.file_line(span.line)
        return line, len(code_part(doc.lines.line(line)).rstrip()) + 1

    for pm in model.projects:
        p = pm.node
        if p.span.line <= unit.prefix_lines:
            continue
        for s in p.settings:
            if s.key == "budget" and inside(s.value_span) and pm.budget is not None:
                b = pm.budget
                if b.base_value is not None and (b.unit != "元"):
                    line = unit.file_line(s.value_span.end_line)
                    out.append(Hint(line, s.value_span.end_column, " " + _in_base(b.base_value, "元", lang), "type"))
        for g in pm.goals:
            if g.shared_from is None and inside(g.node.span) and pm.budget is not None and pm.budget.base_value:
                cost = goal_costs(g, pm.budget.base_value)
                if cost.count:
                    line, col = at_end(g.node.span)
                    share = f"{cost.share:.1f}%"
                    label = _t("inlay.goal_costs", lang, total=amount(cost.total), share=share)
                    tip = _t("inlay.goal_costs_tip", lang, count=cost.count)
                    out.append(Hint(line, col, "  " + label, "parameter", tip))
            if g.shared_from is not None:
                continue
            for ind in g.indicators:
                node = ind.node
                if not inside(node.span):
                    continue
                t = ind.target
                if t.unit_info is not None and t.base_value is not None and t.base_unit:
                    if not (t.unit == t.base_unit and t.unit_info.factor == 1):
                        vs = node.value_span
                        line = unit.file_line(vs.end_line)
                        out.append(Hint(line, vs.end_column, " " + _in_base(t.base_value, t.base_unit, lang), "type"))
                w = scored.get(id(node))
                if w is not None:
                    line, col = at_end(node.span)
                    tip = _t("inlay.weight_tip", lang, profile=title)
                    out.append(Hint(line, col, "  " + _t("inlay.weight", lang, weight=w), "parameter", tip))
    return out


def _in_base(value, unit: str, lang: str) -> str:
    return _t("inlay.in_base", lang, amount=amount(value), unit=unit)
