"""The 项目支出绩效自评表 as office files (`perflang eval --to xlsx|docx`): the HTML's table,
cell for cell, written by the 批复表's own writers (perflang/backends/xlsx.py, docx.py).

The page data comes from perflang/evaluation/report.py (`selfeval_pages`, which the HTML
template prints); this module only lays it out as an office grid (perflang/backends/office.py)
of the template's nine columns, 6/10/11/15.5/11/12/8/9.5/17 % of the 180 mm between A4's
margins: the title, the (年度) line with the scoring profile's name on the right, the summary
rows (项目名称, 主管部门/实施单位, the 项目资金 block, 年度总体目标), then the indicator table
(its column header repeated on every printed page), its 小计 rows where the profile's form has
them, 总分, and the 评价结论/存在问题/改进措施 blocks.  Amounts and scores written as plain
decimals are number cells; the rest is text as printed.  One sheet (and page) per project.
"""

from __future__ import annotations

import math

from attrs import evolve

from ..evaluation.report import LEVEL_SUFFIX, TOKEN, render_html, selfeval_pages
from ..model import Model
from .office import (
    FONT_PT,
    PAGE_MM,
    PT_PER_MM,
    Cell,
    OfficeSheet,
    cell_size,
    display_text,
    fit_scale,
    number_of,
    row_heights,
    text_lines,
)

__all__ = ["COLUMNS_MM", "office_sheets", "html_scales", "render"]

WIDTH = 9  # 绩效指标 | 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
COLUMNS_MM = tuple(round(p * 180 / 100, 2) for p in (6, 10, 11, 15.5, 11, 12, 8, 9.5, 17))  # the template's
# the column headers; "|" marks where the HTML lets them break (<wbr>), nowhere else
FUNDS_HEADER = ("年初|预算数", "全年|预算数|(A)", "全年|执行数|(B)", "分值", "执行率|(B/A)", "得分")
TABLE_HEADER = ("绩效|指标", "一级|指标", "二级|指标", "三级|指标", "年度|指标值", "实际|完成值", "分值", "得分")
NOTE_HEADER = "偏差原因分析|及改进措施"
# a figure too wide for its column at 10.5 pt: printed a little smaller on one line, else broken
# before its unit and printed as small as needed (the estimate errs wide: never a break inside)
WHOLE_SIZES = (FONT_PT, 10.0, 9.5, 9.0)
BROKEN_SIZES = (FONT_PT, 10.0, 9.5, 9.0, 8.5, 8.0)
SHRINK = 0.85  # a 自评表 up to 1/0.85 pages tall is printed scaled onto its one page
HTML_PAGE_PT = (PAGE_MM[1] - 2 * 12) * PT_PER_MM  # the HTML's @page: 12 mm above and below (_print.css.j2)


def _fits(text: str, column: int, size: float = FONT_PT) -> bool:
    """Whether each line of text fits its column on one line at size, by office.text_lines
    (which errs wide: Latin as wide as the widest fallback font prints it)."""
    return text_lines(text, COLUMNS_MM[column] * PT_PER_MM, size) <= text.count("\n") + 1


def _size(text: str, column: int, sizes: tuple[float, ...]) -> float | None:
    """The first of sizes at which text fits its column (None: none)."""
    return next((size for size in sizes if _fits(text, column, size)), None)


def _smaller(size: float) -> float | None:
    return None if size == FONT_PT else size


def _value(text, column: int) -> Cell:
    """A cell of a figure: a number cell where the text is a plain decimal (571, 10.00) that
    fits its column on one line, if need be a little smaller (a spreadsheet prints ### for a
    number too wide for its cell); otherwise a figure as _figure prints it."""
    text = "" if text is None else str(text)
    n = number_of(text)
    if n is None:
        return _figure(text, column)
    cell = Cell(text, column, number=n[0], decimals=n[1])
    size = _size(display_text(cell), column, WHOLE_SIZES)
    return _figure(text, column) if size is None else evolve(cell, size=_smaller(size))


def _level(text: str, column: int) -> str:
    """A level name (一级/二级) too wide for one line, broken before its 指标 as the HTML breaks
    it (满意度|指标): an office application would break it inside the word (满意度指|标)."""
    m = LEVEL_SUFFIX.search(text)
    return f"{text[: m.start()]}\n{m.group(1)}" if m and m.start() and not _fits(text, column) else text


def _figure(text: str, column: int) -> Cell:
    """A 指标值, 实际完成值 or 执行率 kept whole as the HTML keeps it: a number with its unit
    too wide for its column is printed a little smaller, else broken between them
    (≥1346.008|万平方米) and printed as small as the number needs: an office application
    would break it inside the number or the unit.  Other text wraps as the HTML's does."""
    m = TOKEN.fullmatch(text)
    if not m:
        return Cell(text, column)
    size = _size(text, column, WHOLE_SIZES)
    if size is not None:
        return Cell(text, column, size=_smaller(size))
    broken = f"{m.group('num')}\n{m.group('unit')}" if m.group("unit") else text
    return Cell(broken, column, size=_smaller(_size(broken, column, BROKEN_SIZES) or BROKEN_SIZES[-1]))


def _header(text: str, column: int) -> Cell:
    """A column header, broken only where the HTML breaks it (年度|指标值): as many of its
    pieces on a line as fit."""
    lines: list[str] = []
    for piece in text.split("|"):
        if lines and _fits(lines[-1] + piece, column):
            lines[-1] += piece
        else:
            lines.append(piece)
    return Cell("\n".join(lines), column, style="th")


def _grade(project: dict, column: int) -> str:
    """百分制 and 等级 as the HTML prints them, on two lines where one is too narrow."""
    text = f"百分制 {project['total_100']}，等级：{project['grade']}"
    return text if _fits(text, column) else text.replace("，", "，\n")


def _score(row: dict, status: str, column: int) -> Cell:
    """The 得分 cell: the score, and below it the status (人工评分, 缺少实际值) when there is one,
    broken as the HTML breaks it (人工|评分) where it does not fit on one line."""
    if status:
        mark = f"（{status}）"
        if not _fits(mark, column):
            mark = f"（{status[:2]}\n{status[2:]}）"
        return Cell(f"{row['score']}\n{mark}", column)
    return _value(row["score"], column)


def _sheet(page: dict, year, profile: str, title: str) -> OfficeSheet:
    p, e, t = page["project"], page["project"]["execution"], page["total_row"]
    rows: list[tuple[Cell, ...]] = [
        (Cell(title, 0, WIDTH, style="title"),),
        (
            Cell(f"（{year}年度）" if year else "", 0, 5, style="unit"),
            Cell(f"评分方案：{profile}", 5, 4, style="money"),
        ),
    ]
    first_boxed = len(rows)
    rows.append((Cell("项目名称", 0, 2, style="th"), Cell(p["name"], 2, 7, style="text")))
    rows.append(
        (
            Cell("主管部门", 0, 2, style="th"),
            Cell(page["department"], 2, 3, style="text"),
            Cell("实施单位", 5, style="th"),
            Cell(page["implementer"], 6, 3, style="text"),
        )
    )
    rows.append(
        (
            Cell("项目\n资金", 0, rowspan=2 + len(page["funds_rows"]), style="th"),
            Cell(f"（{page['money_unit']}）", 1, 2, style="th"),
            *(_header(h, 3 + k) for k, h in enumerate(FUNDS_HEADER)),
        )
    )
    rows.append(
        (
            Cell("年度资金总额", 1, 2, style="th"),
            _value(t["initial"], 3),
            _value(t["budget"], 4),
            _value(t["executed"], 5),
            _value(e["weight"] if e else "—", 6),
            _figure(page["rate_percent"], 7),
            _value(e["score"] if e else "—", 8),
        )
    )
    for f in page["funds_rows"]:
        rows.append(
            (
                Cell(f["label"], 1, 2, style="th"),
                *(_value(f.get(k, ""), 3 + j) for j, k in enumerate(("initial", "budget", "executed"))),
                *(Cell("—", 6 + j) for j in range(3)),
            )
        )
    rows.append(
        (
            Cell("年度总体目标", 0, rowspan=2, style="th"),
            Cell("预期目标", 1, 5, style="th"),
            Cell("实际完成情况", 6, 3, style="th"),
        )
    )
    rows.append(
        (
            Cell("\n".join(page["goals"]), 1, 5, style="text"),
            Cell(page["given"].get("summary") or "", 6, 3, style="text"),
        )
    )
    header = len(rows)
    rows.append(tuple(_header(h, k) for k, h in enumerate((*TABLE_HEADER, NOTE_HEADER))))
    for k, r in enumerate(page["rows"]):
        if r["kind"] != "indicator":
            rows.append(
                (
                    Cell("小计", 2, 4, style="th"),
                    _value(r["weight"], 6),
                    _value(r["score"], 7),
                    Cell("", 8),
                )
            )
            continue
        row = r["row"]
        cells = [Cell("绩效指标", 0, rowspan=len(page["rows"]), style="th")] if k == 0 else []
        if r["span1"]:
            cells.append(Cell(_level(r["level1"], 1), 1, rowspan=r["span1"]))
        if r["span2"]:
            cells.append(Cell(_level(r["level2"], 2), 2, rowspan=r["span2"]))
        cells += [
            Cell(row["name"], 3, style="text"),
            _figure(row["target"], 4),
            _figure("" if row["actual"] is None else row["actual"], 5),
            _value(row["weight"], 6),
            _score(row, r["status"], 7),
            Cell(row["note"] or "", 8, style="text"),
        ]
        rows.append(tuple(cells))
    rows.append(
        (
            Cell("总分", 0, 6, style="th"),
            _value(p["maximum"], 6),
            _value(p["total"], 7),
            Cell(_grade(p, 8), 8),
        )
    )
    for name, text in page["blocks"]:
        rows.append((Cell(name, 0, 2, style="th"), Cell(text, 2, 7, style="text")))
    return OfficeSheet(p["name"], tuple(rows), (header,), (header,), first_boxed, COLUMNS_MM, SHRINK)


def office_sheets(
    result: dict, model: Model, given: dict[str, dict], title: str | None = None, subtotals: bool = False
) -> list[OfficeSheet]:
    """The 自评表 of every project as an office sheet (the arguments: report.selfeval_pages)."""
    data = selfeval_pages(result, model, given, title, subtotals)
    return [_sheet(page, data["year"], data["profile"], data["page_title"]) for page in data["pages"]]


def html_scales(sheets: list[OfficeSheet]) -> list[float]:
    """The scale each 自评表 is printed at in HTML (and PDF): a form a little taller than its
    page is scaled onto it, by the rule and the height estimate the workbook uses."""
    return page_scales(sheets, HTML_PAGE_PT)


def page_scales(sheets: list[OfficeSheet], page_pt: float) -> list[float]:
    """The scale each sheet is printed at on a page page_pt tall (office.fit_scale of its
    estimated height)."""
    return [fit_scale(sum(row_heights(s)), page_pt, s.shrink) for s in sheets]


def render(fmt: str, *args, **kwargs) -> bytes | str:
    """The 自评表 as HTML with each page that is a little too tall scaled onto its page, that
    page printed to PDF, or an xlsx or docx file's bytes (the arguments: office_sheets)."""
    sheets = office_sheets(*args, **kwargs)
    if fmt in ("html", "pdf"):
        page = render_html(*args, **kwargs, scales=html_scales(sheets))
        if fmt == "html":
            return page
        from .pdf import print_to_pdf

        return print_to_pdf(page)  # printed by Chromium, as `perflang build --to pdf`
    if fmt == "xlsx":
        from .xlsx import workbook

        return workbook(sheets)
    from .docx import document_bytes
    from .xlsx import PAGE_PT

    # Word cannot scale a page: a form a little too tall gets its text that much smaller
    return document_bytes([_smaller_text(s, k) for s, k in zip(sheets, page_scales(sheets, PAGE_PT))])


def _smaller_text(sheet: OfficeSheet, scale: float) -> OfficeSheet:
    """The sheet with every cell's text scaled (to whole half points, as Word sizes fonts)."""
    if scale >= 1:
        return sheet
    rows = tuple(tuple(evolve(c, size=math.floor(cell_size(c) * scale * 2) / 2) for c in row) for row in sheet.rows)
    return evolve(sheet, rows=rows)
