"""What `perflang monitor --to …` writes, from a Monitoring (perflang/evaluation/monitoring.py): the
perflang-monitor/1 result as JSON, a summary for the terminal, and the printed 项目支出绩效运行监控表
as HTML (through the one jinja2 environment), PDF (that page printed by Chromium), xlsx and docx
(the office layout the 自评表 uses, perflang/backends/office.py), all from the one layout of
perflang/backends/monitorsheet.py.  Every light is a coloured cell and a word (红/黄/绿/蓝), so
the table reads the same printed in black and white."""

from __future__ import annotations

import json

from ..evaluation.monitoring import Monitoring
from ..source import display_width

__all__ = ["render_json", "render_text", "render_html", "render_pdf", "render_xlsx", "render_docx", "light_word"]

DIRECTION_ZH = {"positive": "正向", "negative": "反向", "qualitative": "定性"}


def light_word(light: str | None, profile: dict) -> str:
    """红/黄/绿/蓝 (the profile's words), — for no light."""
    return "—" if light is None else profile["monitoring"]["words"][light]


def render_json(mon: Monitoring) -> str:
    """The perflang-monitor/1 result."""
    return json.dumps(mon.result, ensure_ascii=False, indent=2) + "\n"


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)


def _short(text: str, most: int = 24) -> str:
    """A long text (a qualitative target's paragraph) cut for a terminal line."""
    return text if len(text) <= most else text[: most - 1] + "…"


def render_text(mon: Monitoring) -> str:
    """A readable summary: one block per project, one line per indicator with its light."""
    result, profile = mon.result, mon.profile
    month = result["month"]
    period = f"1-{month}月" if month else "1-N月（月份有误）"
    lines = [f"绩效运行监控（{period}，评分方案：{mon.title}）"]
    for p in result["projects"]:
        lines += ["", f"项目：{p['name']}    项目预警：{light_word(p['light'], profile)}"]
        budget = p["budget"] or "—"
        executed = p["executed"] or "—"
        rate = f"{p['execution_rate']}%" if p["execution_rate"] else "—"
        ratio = f"，为时间进度的 {p['budget_ratio']}%" if p["budget_ratio"] else ""
        lines.append(
            f"  预算执行：{executed} / {budget} = {rate}（时间进度 {p['time_progress'] or '—'}%{ratio}）"
            f"  预警：{light_word(p['budget_light'], profile)}"
        )
        rows = [
            (
                light_word(r["light"], profile),
                f"{r['level1']}/{r['level2']}/{r['name']}",
                _short(r["target"]),
                _short(r["value"] or "—"),
                f"{r['ratio']}%" if r["ratio"] else "",
                r["projected"] or "",
                r["likelihood"] or "",
            )
            for r in p["indicators"]
        ]
        widths = [max([display_width(row[i]) for row in rows] + [0]) for i in range(len(rows[0]))] if rows else []
        for row in rows:
            lines.append("  " + "  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip())
        pr = p["projected"]
        if pr is not None:
            capped = ""
            if pr["cap"] is not None:
                capped = f"；全年预计执行率 {p['projected_rate']}%，总分至多 {pr['cap']}：{pr['capped_100']}，等级 {pr['capped_grade']}"
            lines.append(
                f"  按全年预计：自评得分 {pr['total']}/{pr['maximum']}，百分制 {pr['total_100']}，等级 {pr['grade']}{capped}"
            )
        for item in p["explain"]:
            why = "完成目标可能性为“{value}”" if item["why"] == "likelihood" else "全年预计 {value} 超过指标值的 130%"
            lines.append(f"  须说明：{item['name']}：{why.format(**item)}")
    return "\n".join(lines) + "\n"


def render_html(mon: Monitoring) -> str:
    from .monitorsheet import render_html as html

    return html(mon)


def render_pdf(mon: Monitoring) -> bytes:
    from .pdf import print_to_pdf

    return print_to_pdf(render_html(mon))


def render_xlsx(mon: Monitoring) -> bytes:
    from .monitorsheet import office_sheets
    from .xlsx import workbook

    return workbook(office_sheets(mon))


def render_docx(mon: Monitoring) -> bytes:
    """Word cannot scale a page: a 监控表 a little taller than its page (up to 1/SHRINK) gets
    its text scaled instead, as the 自评表's (selfeval.page_scales, smaller_text)."""
    from .docx import document_bytes
    from .monitorsheet import office_sheets
    from .selfeval import page_scales, smaller_text
    from .xlsx import PAGE_PT

    sheets = office_sheets(mon)
    return document_bytes([smaller_text(s, k) for s, k in zip(sheets, page_scales(sheets, PAGE_PT))])
