"""The 项目支出绩效自评表 as office files (`perflang eval --to xlsx|docx`): the page the HTML
prints (perflang/backends/selfsheet.py: the layout of the national, Hubei or Sichuan form), laid
out as an office grid by perflang/backends/office.py's page_sheet and written by the 批复表's own
writers (perflang/backends/xlsx.py, docx.py).

What is particular to the 自评表 is how its kinds of cell print where a column is narrow, the
way the HTML prints them: a column header breaks only where the HTML may (年度|指标值); a level
name before its 指标 (满意度|指标); a figure (a number with its unit, 100.00, 98.07%) is printed a
little smaller on one line (down to 9 pt), else broken before its unit (≥1346.008|万平方米) and
printed as small as the number needs (down to 8 pt).  Weights, scores and amounts written as
plain decimals are number cells, always: one too wide for its cell even at 8 pt is shrunk to fit
it by the spreadsheet (a spreadsheet would print ### for it otherwise).  One sheet (and page) per project; a form a
little taller than its page is printed scaled onto it.
"""

from __future__ import annotations

import math

from attrs import evolve

from ..evaluation.report import Evaluation
from .markup import LEVEL_SUFFIX, TOKEN
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
    page_sheet,
    row_heights,
    text_lines,
)
from .selfsheet import selfeval_sheets

__all__ = ["office_sheets", "html_scales", "page_scales", "smaller_text", "kind_cell"]

# a figure too wide for its column at 10.5 pt: printed a little smaller on one line, else broken
# before its unit and printed as small as needed (the estimate errs wide: never a break inside)
WHOLE_SIZES = (FONT_PT, 10.0, 9.5, 9.0)
BROKEN_SIZES = (FONT_PT, 10.0, 9.5, 9.0, 8.5, 8.0)
HTML_PAGE_PT = (PAGE_MM[1] - 2 * 12) * PT_PER_MM  # the HTML's @page: 12 mm above and below (_print.css.j2)


def _fits(text: str, width: float, size: float = FONT_PT) -> bool:
    """Whether each line of text fits a cell width points wide on one line at size, by
    office.text_lines (which errs wide: Latin as wide as the widest fallback font prints it)."""
    return text_lines(text, width, size) <= text.count("\n") + 1


def _size(text: str, width: float, sizes: tuple[float, ...]) -> float | None:
    """The first of sizes at which text fits (None: none)."""
    return next((size for size in sizes if _fits(text, width, size)), None)


def _smaller(size: float) -> float | None:
    return None if size == FONT_PT else size


def _value(cell: Cell, width: float) -> Cell:
    """A cell of a plain decimal (571, 10.00) as a number cell that fits its column on one line,
    if need be smaller (down to 8 pt), else shrunk to fit by the spreadsheet; any other text as
    a figure."""
    n = number_of(cell.text)
    if n is None:
        return _figure(cell, width)
    number = evolve(cell, number=n[0], decimals=n[1])
    size = _size(display_text(number), width, BROKEN_SIZES)
    if size is None:  # still a number: shrunk to its cell by the spreadsheet (never ###)
        return evolve(number, size=BROKEN_SIZES[-1], fit=True)
    return evolve(number, size=_smaller(size))


def _level(cell: Cell, width: float) -> Cell:
    """A level name (一级/二级) too wide for one line, broken before its 指标 as the HTML breaks
    it (满意度|指标): an office application would break it inside the word (满意度指|标)."""
    text = cell.text
    m = LEVEL_SUFFIX.search(text)
    if m and m.start() and not _fits(text, width):
        return evolve(cell, text=f"{text[: m.start()]}\n{m.group(1)}")
    return cell


def _figure(cell: Cell, width: float) -> Cell:
    """A 指标值, 实际完成值 or 执行率 kept whole as the HTML keeps it: a number with its unit
    too wide for its column is printed a little smaller, else broken between them
    (≥1346.008|万平方米) and printed as small as the number needs."""
    text = cell.text
    m = TOKEN.fullmatch(text)
    if not m:
        return cell
    size = _size(text, width, WHOLE_SIZES)
    if size is not None:
        return evolve(cell, size=_smaller(size))
    broken = f"{m.group('num')}\n{m.group('unit')}" if m.group("unit") else text
    return evolve(cell, text=broken, size=_smaller(_size(broken, width, BROKEN_SIZES) or BROKEN_SIZES[-1]))


def _header(cell: Cell, width: float) -> Cell:
    """A column header, broken only where the HTML breaks it (年度|指标值): as many of its
    pieces on a line as fit."""
    lines: list[str] = []
    for piece in cell.text.split("|"):
        if lines and _fits(lines[-1] + piece, width):
            lines[-1] += piece
        else:
            lines.append(piece)
    return evolve(cell, text="\n".join(lines), style="th")


def kind_cell(source, cell: Cell, width: float) -> Cell:
    """The office cell of a 自评表 cell of the given kind (its class, selfsheet.py)."""
    kinds = set(source.cls.split())
    if "total" in kinds and cell.style == "td":
        cell = evolve(cell, style="th")
    if "head" in kinds:
        return _header(cell, width)
    if "lv" in kinds:
        return _level(cell, width)
    if "val" in kinds or "amt" in kinds:
        return _value(cell, width)
    if "fig" in kinds:
        return _figure(cell, width)
    if kinds & {"note", "block", "l3"}:
        return evolve(cell, style="text")
    return cell


def office_sheets(ev: Evaluation) -> list[OfficeSheet]:
    """The 自评表 of every project as an office sheet."""
    return [page_sheet(page, kind_cell) for page in selfeval_sheets(ev)]


def html_scales(sheets: list[OfficeSheet]) -> list[float]:
    """The scale each 自评表 is printed at in HTML (and PDF): a form a little taller than its
    page is scaled onto it, by the rule and the height estimate the workbook uses."""
    return page_scales(sheets, HTML_PAGE_PT)


def page_scales(sheets: list[OfficeSheet], page_pt: float) -> list[float]:
    """The scale each sheet is printed at on a page page_pt tall (office.fit_scale of its
    estimated height)."""
    return [fit_scale(sum(row_heights(s)), page_pt, s.shrink) for s in sheets]


def smaller_text(sheet: OfficeSheet, scale: float) -> OfficeSheet:
    """The sheet with every cell's text scaled (to whole half points, as Word sizes fonts)."""
    if scale >= 1:
        return sheet
    rows = tuple(tuple(evolve(c, size=math.floor(cell_size(c) * scale * 2) / 2) for c in row) for row in sheet.rows)
    return evolve(sheet, rows=rows)
