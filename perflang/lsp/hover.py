"""Hover: what perflang understood of an indicator (and the weight it is scored with), a budget,
or a code in `# noqa`.  Every word shown is the catalog's (perflang/messages.py: PHRASES
"hover.*", the codes' entries)."""

from __future__ import annotations

import re
from decimal import Decimal

from ..messages import CATALOG, localize, phrase

__all__ = ["hover", "describe_indicator", "describe_budget", "describe_code", "template_text"]

_CODE = re.compile(r"PF\d{1,3}", re.I)
_NOQA = re.compile(r"#\s*(?:perflang:\s*ignore|noqa)\b", re.I)
_COMPARATOR = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{[^{}]*\}")


def _t(key: str, lang: str, **args) -> str:
    return localize(phrase(key, **args), lang)


def amount(value: Decimal) -> str:
    """2500000 -> 2,500,000 (exact: the digits as they are)."""
    return f"{value:,}"


def conversion(t) -> str | None:
    """`250万元 = 2,500,000 元`, or None when the unit is its own base."""
    if t.unit_info is None or t.base_value is None or not t.base_unit:
        return None
    if t.unit == t.base_unit and t.unit_info.factor == 1:
        return None
    return f"{t.value}{t.unit} = {amount(t.base_value)} {t.base_unit}"


def describe_indicator(ind, lang: str, scored: Decimal | None = None, profile: str = "") -> str:
    """An indicator as perflang reads it; scored: its weight when scored by the profile named."""
    t = ind.target
    rows = [f"**{_t('hover.indicator', lang)}** {ind.name}", ""]
    level = f"{ind.level1} / {ind.level2}"
    if ind.level1_canonical is None or ind.level2_canonical is None:
        level += _t("hover.unknown_level", lang)
    rows.append(f"- {_t('hover.levels', lang)}: {level}")
    rows.append(f"- {_t('hover.kind', lang)}: {_t('hover.' + t.kind, lang)}")
    if t.kind == "quantitative":
        comp = _COMPARATOR.get(t.comparator, "—")
        if t.comparator_text and t.comparator_text != comp:
            comp += f"（{t.comparator_text}）"
        rows.append(f"- {_t('hover.comparator', lang)}: {comp}")
        rows.append(f"- {_t('hover.value', lang)}: {t.number}")
        rows.append(f"- {_t('hover.unit', lang)}: {t.unit or '—'}")
        conv = conversion(t)
        if conv:
            rows.append(f"- {_t('hover.conversion', lang)}: {conv}")
        direction = _t("hover." + t.direction, lang) if t.direction else "—"
        rows.append(f"- {_t('hover.direction', lang)}: {direction}")
    rows.append(f"- {_t('hover.basis', lang)}: {ind.basis or '—'}")
    rows.append(f"- {_t('hover.weight', lang)}: {ind.weight if ind.weight is not None else '—'}")
    if scored is not None:
        rows.append(f"- {_t('hover.scored_weight', lang, profile=profile)}: {scored}")
    return "\n".join(rows)


def describe_budget(pm, lang: str) -> str:
    from .scores import goal_costs

    b = pm.budget
    rows = [f"**{_t('hover.budget', lang)}** {b.text}"]
    if b.base_value is None:
        rows.append("")
        rows.append(_t("hover.not_amount", lang))
        return "\n".join(rows)
    rows += ["", f"- {b.value}{b.unit} = {amount(b.base_value)} 元"]
    for g in pm.goals:
        if g.shared_from is not None:
            continue
        cost = goal_costs(g, b.base_value)
        share = f"{cost.share:.1f}%" if cost.share is not None else "—"
        label = _t("hover.goal", lang, label=g.label, kind=g.kind, number=g.number)
        rows.append(
            "- " + _t("hover.goal_costs", lang, goal=label, total=amount(cost.total), count=cost.count, share=share)
        )
    return "\n".join(rows)


def template_text(template: str) -> str:
    """A catalog text without its values: each {placeholder} shown as …, {{ }} as { }."""
    return _PLACEHOLDER.sub(lambda m: {"{{": "{", "}}": "}"}.get(m.group(), "…"), template)


def describe_code(code: str, lang: str) -> str | None:
    entry = CATALOG.get(code.upper())
    if entry is None:
        return None
    en = lang == "en"
    sev = entry.severity.value if en else entry.severity.label_zh
    text = template_text(entry.en if en else entry.zh)
    hint = template_text(entry.hint_en if en else entry.hint_zh)
    rows = [f"**{code.upper()}** ({sev})" + (f" — {entry.title}" if en and entry.title else ""), "", text]
    if hint.strip("…"):
        rows += ["", _t("hover.help", lang) + hint]
    rows += ["", "docs/diagnostics.md#" + code.lower()]
    return "\n".join(rows)


def hover(doc, line: int, column: int, lang: str, weights=None) -> tuple[str, tuple[int, int, int, int]] | None:
    """(markdown, (line, start column, line, end column)) for the thing at a 1-based position;
    weights(found) -> (weight, profile title) or None gives an indicator's scored weight."""
    text = doc.lines.line(line)
    m = _NOQA.search(text)
    if m and column > m.start():
        for c in _CODE.finditer(text, m.end()):
            if c.start() < column <= c.end() + 1:
                desc = describe_code(c.group(), lang)
                if desc:
                    return desc, (line, c.start() + 1, line, c.end() + 1)
    found = doc.node_at(line)
    if found is None:
        return None
    if found.kind == "indicator" and found.model is not None:
        scored = weights(found) if weights is not None else None
        weight, title = scored if scored else (None, "")
        return describe_indicator(found.model, lang, weight, title), tuple(found.span)
    if found.kind == "budget" and found.project is not None and found.project.budget is not None:
        return describe_budget(found.project, lang), tuple(found.span)
    return None
