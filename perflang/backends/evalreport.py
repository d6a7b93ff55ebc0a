"""What `perflang eval --to …` writes, from an Evaluation (perflang/evaluation/report.py): the
perflang-eval/1 result as JSON, a summary for the terminal, and the printed 项目支出绩效自评表 as
HTML (through the one jinja2 environment), PDF (that page printed by Chromium, as `build --to
pdf`), xlsx and docx (the office layout of perflang/backends/selfeval.py).

A 自评表 a little taller than its page is printed scaled onto it: in HTML and PDF by the page's
scale, in Word (which cannot scale a page) by its text that much smaller.
"""

from __future__ import annotations

import json

from ..evaluation.report import STATUS_ZH, Evaluation, percent
from ..source import display_width
from .markup import environment
from .selfeval import html_scales, office_sheets, page_scales, smaller_text

__all__ = ["render_json", "render_text", "render_html", "render_pdf", "render_xlsx", "render_docx"]


def render_json(ev: Evaluation) -> str:
    """The perflang-eval/1 result."""
    return json.dumps(ev.result, ensure_ascii=False, indent=2) + "\n"


def render_html(ev: Evaluation) -> str:
    """One 自评表 per project on its form, each on its own printed page, scaled onto it when a
    little too tall (else broken into pages as the 批复表 is, merged cells split at the breaks)."""
    from attrs import evolve

    from .selfsheet import selfeval_sheets
    from .sheet import PAGE_MM, paginate

    pages = selfeval_sheets(ev)
    sheets = [
        evolve(paginate(page, PAGE_MM / scale), scale=scale)
        for page, scale in zip(pages, html_scales(office_sheets(ev)))
    ]
    title = pages[0].title if len({p.title for p in pages}) == 1 else "项目支出绩效自评表"
    return environment().get_template("selfeval.html.j2").render(page_title=title, sheets=sheets)


def render_pdf(ev: Evaluation) -> bytes:
    """The HTML 自评表 printed by Chromium."""
    from .pdf import print_to_pdf

    return print_to_pdf(render_html(ev))


def render_xlsx(ev: Evaluation) -> bytes:
    from .xlsx import workbook

    return workbook(office_sheets(ev))


def render_docx(ev: Evaluation) -> bytes:
    from .docx import document_bytes
    from .xlsx import PAGE_PT

    sheets = office_sheets(ev)
    return document_bytes([smaller_text(s, k) for s, k in zip(sheets, page_scales(sheets, PAGE_PT))])


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)


def render_text(ev: Evaluation) -> str:
    """A readable summary: one block per project, one line per indicator."""
    result = ev.result
    lines = [f"绩效自评（评分方案：{ev.title or result['profile']}）"]
    for p in result["projects"]:
        lines += ["", f"项目：{p['name']}"]
        rows = [
            (
                f"{r['level1']}/{r['level2']}/{r['name']}",
                r["target"],
                r["actual"] or "—",
                f"{r['score']}/{r['weight']}",
                {True: "达标", False: "未达标", None: ""}[r["met"]],
                STATUS_ZH[r["status"]],
            )
            for r in p["indicators"]
        ]
        widths = [max([display_width(row[i]) for row in rows] + [0]) for i in range(3)]
        for row in rows:
            cells = [_pad(row[i], widths[i]) for i in range(3)] + [row[3].rjust(13)] + list(row[4:])
            lines.append("  " + "  ".join(cells).rstrip())
        e = p["execution"]
        if e is not None:
            figures = ev.given.get(p["name"], {})
            executed = e["executed"] or figures.get("executed", "—")
            budget = e["budget"] or figures.get("budget", "—")
            lines.append(
                f"  预算执行率：{executed} / {budget} = {percent(e)}，"
                f"得分 {e['score']}/{e['weight']}"
                + ("（金额无效）" if e.get("status") == "invalid" else "")
                + ("" if ev.execution_in_total else "（不计入总分）")
            )
        else:
            lines.append("  预算执行率：不计分")
        if p["name"] in ev.unscored:
            lines.append(f"  总分：未计（实际完成值有误，改正后重新运行），满分 {p['maximum']}")
        else:
            lines.append(f"  总分 {p['total']}/{p['maximum']}，百分制 {p['total_100']}，等级 {p['grade']}")
    return "\n".join(lines) + "\n"
