"""Hover: what perflang understood of an indicator, a budget, or a code in `# noqa`."""

from __future__ import annotations

import re
from decimal import Decimal

from ..messages import CATALOG

__all__ = ["hover", "describe_indicator", "describe_budget", "describe_code"]

_CODE = re.compile(r"PF\d{1,3}", re.I)
_NOQA = re.compile(r"#\s*(?:perflang:\s*ignore|noqa)\b", re.I)

_KIND = {"quantitative": ("定量", "quantitative"), "qualitative": ("定性", "qualitative")}
_DIRECTION = {
    "higher-better": ("越高越好（正向）", "higher is better"),
    "lower-better": ("越低越好（反向）", "lower is better"),
    "equal": ("等于目标值", "equal to the target"),
    None: ("—", "—"),
}
_COMPARATOR = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}


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


def describe_indicator(ind, lang: str) -> str:
    en = lang == "en"
    t = ind.target
    k = 1 if en else 0
    rows = [f"**{'indicator' if en else '三级指标'}** {ind.name}", ""]
    level = f"{ind.level1} / {ind.level2}"
    if ind.level1_canonical is None or ind.level2_canonical is None:
        level += " (unknown name)" if en else "（名称不在指标体系中）"
    rows.append(f"- {'levels' if en else '一级 / 二级'}: {level}")
    rows.append(f"- {'kind' if en else '类型'}: {_KIND[t.kind][k]}")
    if t.kind == "quantitative":
        comp = _COMPARATOR.get(t.comparator, "—")
        if t.comparator_text and t.comparator_text != comp:
            comp += f"（{t.comparator_text}）"
        rows.append(f"- {'comparator' if en else '比较'}: {comp}")
        rows.append(f"- {'value' if en else '数值'}: {t.number}")
        rows.append(f"- {'unit' if en else '单位'}: {t.unit or '—'}")
        conv = conversion(t)
        if conv:
            rows.append(f"- {'conversion' if en else '换算'}: {conv}")
        rows.append(f"- {'direction' if en else '方向'}: {_DIRECTION[t.direction][k]}")
    rows.append(f"- {'basis' if en else '依据'}: {ind.basis or '—'}")
    rows.append(f"- {'weight' if en else '分值'}: {ind.weight if ind.weight is not None else '—'}")
    return "\n".join(rows)


def describe_budget(pm, lang: str) -> str:
    en = lang == "en"
    b = pm.budget
    rows = [f"**{'budget' if en else '预算'}** {b.text}"]
    if b.base_value is None:
        rows.append("")
        rows.append("not a valid amount" if en else "不是有效的金额")
        return "\n".join(rows)
    rows += ["", f"- {b.value}{b.unit} = {amount(b.base_value)} 元"]
    for g in pm.goals:
        if g.shared_from is not None:
            continue
        costs = [
            i
            for i in g.indicators
            if i.is_cost and i.target.dimension == "money" and i.target.comparator in ("<=", "<", "=", None)
        ]
        total = sum((i.target.base_value for i in costs), Decimal(0))
        share = f"{(total * 100 / b.base_value):.1f}%" if b.base_value else "—"
        label = f"{g.kind} goal {g.number}" if en else g.label
        what = "money costs" if en else "成本指标合计"
        rows.append(
            f"- {label} {what}: {amount(total)} 元 "
            f"({len(costs)}{' indicators' if en else ' 项'}, {share}"
            f"{' of the budget' if en else ' 占预算'})"
        )
    return "\n".join(rows)


def describe_code(code: str, lang: str) -> str | None:
    entry = CATALOG.get(code.upper())
    if entry is None:
        return None
    en = lang == "en"
    sev = entry.severity.value if en else entry.severity.label_zh
    text = (entry.en if en else entry.zh).replace("{{", "{").replace("}}", "}")
    hint = (entry.hint_en if en else entry.hint_zh).replace("{{", "{").replace("}}", "}")
    rows = [f"**{code.upper()}** ({sev})", "", text]
    if hint:
        rows += ["", ("help: " if en else "提示：") + hint]
    rows += ["", "docs/diagnostics.md#" + code.lower()]
    return "\n".join(rows)


def hover(doc, line: int, column: int, lang: str) -> tuple[str, tuple[int, int, int, int]] | None:
    """(markdown, (line, start column, line, end column)) for the thing at a 1-based position."""
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
        return describe_indicator(found.model, lang), tuple(found.span)
    if found.kind == "budget" and found.project is not None and found.project.budget is not None:
        return describe_budget(found.project, lang), tuple(found.span)
    return None
