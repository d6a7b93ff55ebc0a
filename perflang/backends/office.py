"""The form laid out for office files (xlsx and docx): one grid per project, sized in points.

The HTML table is the model: the same six columns (12/13/15/27/15/18 % of the 180 mm between
A4's 15 mm margins), 五号 (10.5 pt) text, the title in 18 pt, 申报单位 on the left and 金额单位 on
the right of one line, the goal texts with their line breaks.  Spreadsheets do not grow a row to
fit its wrapped text (Excel never does, LibreOffice only for rows it lays out itself), so every
row's height is computed here: the text is broken into lines as an office application breaks
it (CJK characters and full-width punctuation are two half-width units wide, Latin runs stay
whole, closing punctuation stays on its line), and the row gets the lines its fullest cell
needs.  The estimate errs on the wide side, so a row is never shorter than its text.

The cells are those of the TSV grid (perflang/backends/tsv.py) minus its blank page lines, with
the header line on one row; `perflang import` reads both.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from attrs import frozen

from .sheet import (
    FIELD_LABELS,
    KIND_ORDER,
    _funding,
    _ordered_fields,
    budget_text,
    export_form,
    form_of,
    pages,
    table_rows,
)

WIDTH = 6  # the 批复表's columns: 目标名称 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据
TABLE_HEADER = ("目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据")

__all__ = [
    "Cell",
    "OfficeSheet",
    "office_sheets",
    "COLUMN_MM",
    "PAGE_MM",
    "MARGIN_MM",
    "FONT_PT",
    "TITLE_PT",
    "HTML_LINE_FACTOR",
    "text_lines",
    "line_count",
    "row_heights",
    "number_of",
    "FONT_EAST_ASIA",
    "FONT_LATIN",
    "fit_scale",
]

PAGE_MM = (210.0, 297.0)  # A4 portrait
MARGIN_MM = 15.0  # as the HTML's @page
COLUMN_MM = (21.6, 23.4, 27.0, 48.6, 27.0, 32.4)  # the HTML's 12/13/15/27/15/18 % of 180 mm
FONT_PT = 10.5  # 五号, the HTML's body size
TITLE_PT = 18.0
HTML_LINE_FACTOR = 1.35  # the HTML's line-height: the docx sets its lines this far apart (exact)
LINE_FACTOR = 1.46  # a spreadsheet cell's line pitch / font size: the font's own (Noto Sans CJK's
#   ascent + descent as LibreOffice prints it), which a cell cannot set; the row heights use it
PAD_V_PT = 1.9  # above and below a spreadsheet cell's lines: a one-line row is as tall as the HTML's
#   (0.9 mm padding around a 1.35 line), the rows' pitch is the font's own and not 1.35
TITLE_SPACE_PT = 3 * 72 / 25.4  # below the title: the HTML's 3 mm
PAD_H_PT = 2.5  # a spreadsheet's own cell padding, left and right
INDENT_PT = 8.0  # left-aligned text starts this far in (a spreadsheet's indent of one, as the HTML's padding)
SAFETY = 0.97  # lay out in 97 % of the width: what office applications keep free
FONT_EAST_ASIA = "宋体"  # SimSun: on every Chinese Windows and in WPS; elsewhere a CJK font stands in
FONT_LATIN = "Times New Roman"
PT_PER_MM = 72 / 25.4

# Closing punctuation never starts a line, opening punctuation never ends one (kinsoku).
_CLOSING = set("，。、；：？！）】》〉」』”’…—%％,.;:?!)]}·")
_OPENING = set("（【《〈「『“‘([{")
_LATIN = re.compile(r"[A-Za-z0-9.,%+\-_/#@&=<>≤≥~^*'\"]+")


_NARROW = set(".,:;'|!iIjlft ()[]-")
_BROAD = set("WMmw@%")


def units(ch: str) -> float:
    """Half-width units an office application gives a character: CJK, full-width and the
    ambiguous symbols CJK fonts draw wide (“”、≥、…) take two; Latin ones are measured as the
    widest font that may print them (DejaVu Sans, which LibreOffice uses where the named
    font is missing: digits 0.64 em, W 0.99 em), so the rows are never too short."""
    if ch == "\t":
        return 4.0
    if unicodedata.east_asian_width(ch) in "WFA":
        return 2.0
    if ch in _BROAD:
        return 2.0
    if ch in _NARROW:
        return 0.8
    return 1.5 if ch.isupper() else 1.3


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WFA"


def _width(token: str) -> float:
    """A token's width in half-width units, with the quarter-em gap office applications put
    between CJK and Latin text."""
    wide = [_wide(c) for c in token]
    return sum(units(c) for c in token) + 0.5 * sum(a != b for a, b in zip(wide, wide[1:]))


def _tokens(line: str) -> list[str]:
    """The pieces a line breaks between: single CJK characters, whole Latin runs, spaces;
    closing punctuation sticks to what precedes it, opening punctuation to what follows."""
    out: list[str] = []
    k = 0
    while k < len(line):
        m = _LATIN.match(line, k)
        piece = m.group(0) if m else line[k]
        k += len(piece)
        if out and (piece[0] in _CLOSING or out[-1][-1] in _OPENING):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def text_lines(text: str, width_pt: float, size_pt: float = FONT_PT) -> int:
    """How many lines text takes in a cell width_pt wide (padding included) at size_pt."""
    capacity = max(2.0, (width_pt - 2 * PAD_H_PT) * SAFETY / (size_pt / 2))
    total = 0
    for line in text.split("\n"):
        lines, used, previous = 1, 0.0, ""
        for token in _tokens(line):
            w = _width(token)
            if previous and used and _wide(previous[-1]) != _wide(token[0]):
                w += 0.5  # the gap between CJK and Latin text
            previous = token
            if used + w <= capacity or (token.isspace()):
                used += w
                continue
            if w <= capacity:
                lines, used = lines + 1, w
                continue
            if used:  # a run longer than a line starts a line of its own, then breaks anywhere
                lines, used = lines + 1, 0.0
            for ch in token:
                cw = units(ch)
                if used + cw > capacity:
                    lines, used = lines + 1, 0.0
                used += cw
        total += lines
    return total


def line_count(text: str, width_pt: float, size_pt: float = FONT_PT) -> int:
    return text_lines(text, width_pt, size_pt) if text else 1


def row_height_pt(lines: int, size_pt: float = FONT_PT) -> float:
    return round(lines * size_pt * LINE_FACTOR + 2 * PAD_V_PT, 1)


@frozen
class Cell:
    """One cell: its text, the columns and rows it spans, and how it is drawn.

    style: title (big, bold, no border), unit / money (the header line, left / right, no
    border), th (bold, centred), section (bold, left), td (centred), text (left, wrapped)."""

    text: str
    column: int
    colspan: int = 1
    rowspan: int = 1
    style: str = "td"
    number: Decimal | None = None  # a money amount: written as a number cell
    decimals: int = 0  # the decimals the amount was written with
    size: float | None = None  # a font smaller than the style's (a value too wide for its column)


@frozen
class OfficeSheet:
    name: str
    rows: tuple[tuple[Cell, ...], ...]
    header_rows: tuple[int, ...]  # the indicator tables' column header rows
    table_titles: tuple[int, ...]  # the indicator tables' title rows (a table starts there; a
    #   table without a title row starts at its header row, which is then in both)
    first_boxed: int  # the first row drawn with borders
    columns: tuple[float, ...] = COLUMN_MM  # the columns' widths in mm (default: the 批复表's six)
    shrink: float = 1.0  # a one-page form (the 自评表) a little taller than the page is printed
    #   scaled down onto it, to this factor at least; 1.0: never scaled, broken into pages

    @property
    def width(self) -> int:
        return len(self.columns)

    def width_pt(self, cell: Cell) -> float:
        return sum(self.columns[cell.column : cell.column + cell.colspan]) * PT_PER_MM


def number_of(text: str) -> tuple[Decimal, int] | None:
    """A plain amount ("571", "3.50") as a number and its decimals (the money format shows
    them as written); None for anything a number cell would not show as written ("+5", "05")."""
    if not re.fullmatch(r"(0|[1-9]\d{0,14})(\.\d{1,6})?", text):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None
    decimals = len(text.partition(".")[2])
    return value, decimals


def _money(text: str, column: int) -> Cell:
    n = number_of(text)
    if n is None:
        return Cell(text, column, style="td")
    return Cell(text, column, style="td", number=n[0], decimals=n[1])


def _sheet(s: dict) -> OfficeSheet:
    rows: list[tuple[Cell, ...]] = []
    headers: list[int] = []
    titles: list[int] = []
    rows.append((Cell(s["title"], 0, WIDTH, style="title"),))
    rows.append(
        (Cell(f"申报单位：{s['unit']}", 0, 3, style="unit"), Cell(f"金额单位：{s['money_unit']}", 3, 3, style="money"))
    )
    first_boxed = len(rows)
    rows.append(
        (
            Cell("项目名称", 0, style="th"),
            Cell(s["name"], 1, 2),
            Cell("项目预算", 3, 2, style="th"),
            _money(s["budget"], 5),
        )
    )
    for label, value in s["fields"]:
        value_cell = _money(value, 1) if label.startswith("其中：") else Cell(value, 1, style="text")
        rows.append(
            (
                Cell(label, 0, style="th"),
                Cell(
                    value_cell.text, 1, WIDTH - 1, style="text", number=value_cell.number, decimals=value_cell.decimals
                ),
            )
        )
    rows.append((Cell("项目绩效总目标", 0, WIDTH, style="section"),))
    rows.append((Cell("名称", 0, 2, style="th"), Cell("目标说明", 2, 4, style="th")))
    for label, text in s["goals"]:
        rows.append((Cell(label, 0, 2, style="th"), Cell(text, 2, 4, style="text")))
    for title, table in s["tables"]:
        titles.append(len(rows))
        rows.append((Cell(title, 0, WIDTH, style="section"),))
        headers.append(len(rows))
        rows.append(tuple(Cell(h, k, style="th") for k, h in enumerate(TABLE_HEADER)))
        for cells in table:
            first = WIDTH - len(cells)
            rows.append(
                tuple(
                    Cell(c["text"], first + k, rowspan=c["rowspan"], style="text" if first + k == 3 else "td")
                    for k, c in enumerate(cells)
                )
            )
    return OfficeSheet(s["name"], tuple(rows), tuple(headers), tuple(titles), first_boxed)


def _content(page, project, model) -> dict:
    """What one project's office sheet shows: the 批复表's layout titled with the chosen form's
    title, as the text export keeps it (so `perflang import` reads it back)."""
    form = page.form
    by_kind = {k: [g for g in project.goals if g.kind == k] for k in KIND_ORDER}
    fields = [(FIELD_LABELS.get(k, k), v) for k, v in _ordered_fields(project)]
    return {
        "title": page.title,
        "unit": model.unit or "",
        "money_unit": model.money_unit,
        "name": project.name,
        "budget": budget_text(project, model.money_unit),
        "fields": fields + _funding(form, project),
        "goals": [(f"{form.goal_heading(k)}{g.number}", g.text) for k in KIND_ORDER for g in by_kind[k]],
        "tables": [(form.table_title(k), table_rows(by_kind[k])) for k in KIND_ORDER if by_kind[k]],
    }


def office_sheets(model, form: str | None = None) -> list[OfficeSheet]:
    """The office layout of every project, in file order."""
    chosen = export_form(form_of(model, form), model.year)  # as the text export: import reads it back
    return [_sheet(_content(page, project, model)) for page, project in zip(pages(model, chosen), model.projects)]


def cell_size(cell: Cell) -> float:
    if cell.size is not None:
        return cell.size
    return TITLE_PT if cell.style == "title" else FONT_PT


def display_text(cell: Cell) -> str:
    """The text as an office application shows it (a number cell with its money format)."""
    if cell.number is None:
        return cell.text
    return f"{cell.number:,.{cell.decimals}f}"


def cell_height(cell: Cell, width_pt: float, size: float) -> float:
    """The height in points a cell's text needs (the title gets extra room above and below)."""
    if cell.style in ("text", "section"):
        width_pt -= INDENT_PT
    lines = line_count(display_text(cell), width_pt, size)
    if cell.style == "title":  # no border: no padding, the HTML's space below
        return round(lines * size * LINE_FACTOR + TITLE_SPACE_PT, 1)
    return row_height_pt(lines, size)


def row_heights(sheet: OfficeSheet, sizes: dict[tuple[int, int], float] | None = None) -> list[float]:
    """Every row's height in points: what its fullest single-row cell needs (at least one
    line); a cell spanning rows adds what it lacks to the last of them.  sizes: (row, column)
    -> the font size of a cell printed smaller than usual."""
    sizes = sizes or {}
    heights = [
        max(
            [row_height_pt(1)]
            + [cell_height(c, sheet.width_pt(c), sizes.get((r, c.column), cell_size(c))) for c in row if c.rowspan == 1]
        )
        for r, row in enumerate(sheet.rows)
    ]
    for r, row in enumerate(sheet.rows):
        for cell in row:
            if cell.rowspan > 1:
                need = cell_height(cell, sheet.width_pt(cell), sizes.get((r, cell.column), cell_size(cell)))
                last = r + cell.rowspan - 1
                have = sum(heights[r : last + 1])
                if need > have:
                    heights[last] = round(heights[last] + need - have, 1)
    return heights


def fit_scale(total: float, page: float, shrink: float) -> float:
    """The scale a one-page form (shrink < 1) of height total is printed at on a page of height
    page: page/total when it is taller than the page by no more than 1/shrink (a spreadsheet's
    "fit to one page"), else 1 (it fits, or it runs on over several pages)."""
    if shrink < 1 and page < total <= page / shrink:
        return page / total
    return 1.0
