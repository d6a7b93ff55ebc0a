"""The form laid out for office files (xlsx and docx): one grid per project, sized in points.

The page the HTML prints is the model (perflang/backends/sheet.py: the form's one layout):
the same cells and merged cells, the lines above the tables (title, subtitle, the header line
left and right) and under them (a stamp or signature line), the HTML's column widths of the
180 mm between A4's 15 mm margins, 五号 (10.5 pt) text, the title in 18 pt, the goal texts with
their line breaks.  Spreadsheets do not grow a row to fit its wrapped text (Excel never does,
LibreOffice only for rows it lays out itself), so every row's height is computed here: the
text is broken into lines as an office application breaks it (CJK characters and full-width
punctuation are two half-width units wide, Latin runs stay whole, closing punctuation stays on
its line), and the row gets the lines its fullest cell needs.  The estimate errs on the wide
side, so a row is never shorter than its text.

The 批复表's workbook and document are read back by `perflang import`.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from attrs import frozen

from .sheet import form_of, pages

__all__ = [
    "Cell",
    "OfficeSheet",
    "office_sheets",
    "page_sheet",
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
    fit: bool = False  # a number cell shrunk to fit its column where it is too narrow even at the
    #   smallest size (a spreadsheet would print ###)
    fill: str | None = None  # a background colour (RRGGBB): the 监控表's lights


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
    boxed_end: int | None = None  # the rows from here on (the footer lines) have no borders

    @property
    def boxed(self) -> range:
        """The rows drawn with borders: the tables."""
        return range(self.first_boxed, len(self.rows) if self.boxed_end is None else self.boxed_end)

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


def _boundaries(widths) -> list[float]:
    out, at = [0.0], 0.0
    for w in widths:
        at += w
        out.append(at)
    total = out[-1] or 1.0
    return [b * 100 / total for b in out]


def _snap(widths, master: list[float]) -> list[int]:
    """The master column at which each of a table's column boundaries falls: the nearest master
    boundary, every column at least one master column wide (a table has at most as many
    columns as the master)."""
    mine = _boundaries(widths)
    k, n = len(mine) - 1, len(master) - 1
    out = [0]
    for i in range(1, k):
        low, high = out[-1] + 1, n - (k - i)
        best = min(range(low, high + 1), key=lambda j: (abs(master[j] - mine[i]), j))
        out.append(best)
    out.append(n)
    return out


CLOSE = 3.0  # column boundaries of two tables closer than this (% of the width) become one


def _grid(tables: list[list[float]]) -> list[float]:
    """The column boundaries (0 … 100) of the office grid of tables of the given column widths
    (the master table, with the most columns, last): the union of their boundaries (the
    目标表's header block of label | value pairs above its seven indicator columns), two
    closer than CLOSE % joined at their middle."""
    marks = sorted({round(b, 6) for widths in tables for b in _boundaries(widths)})
    joined = [marks[0]]
    for b in marks[1:]:
        if b - joined[-1] >= CLOSE:
            joined.append(b)
        elif b == 100.0 or joined[-1] == 0.0:
            joined[-1] = max(joined[-1], b) if joined[-1] else 0.0
            if b == 100.0:
                joined[-1] = 100.0
        else:
            joined[-1] = (joined[-1] + b) / 2
    return joined


def _style(cell) -> str:
    """The office style of a sheet cell (perflang/backends/sheet.py): labels and headers th,
    section rows section, left-aligned text (free text, the 三级 names) text, else centred."""
    if cell.tag == "th":
        return "section" if "section" in cell.cls.split() else "th"
    return "text" if {"text", "l3"} & set(cell.cls.split()) else "td"


def page_sheet(page, convert=None) -> OfficeSheet:
    """One project's page on its form (perflang/backends/sheet.py's Page, which the HTML prints)
    as an office grid: the title, subtitle and header line above the tables, every table's
    cells and merged ranges, the footer lines under them.  The columns are those of the table
    with the most columns (the indicator table; on a form of label | value pairs its first
    column as wide as the header block's label column); another table's column boundaries are
    put on the nearest of them, so every cell of the HTML is a cell (or a merged range) here."""
    master_table = max(reversed(page.tables), key=lambda t: len(t.cols))
    widths = [w for _, w in master_table.cols]
    if getattr(page.form, "header", "") == "pairs":  # a label column as wide as the header block's labels need
        first = max(t.cols[0][1] for t in page.tables)
        rest = sum(widths[1:])
        widths = [first] + [w * (100 - first) / rest for w in widths[1:]]
    others = [[w for _, w in t.cols] for t in page.tables if len(t.cols) != len(widths)]
    master = _grid([*others, widths]) if others else _boundaries(widths)
    columns = tuple(round((b - a) * 1.8, 2) for a, b in zip(master, master[1:]))  # mm of 180
    n = len(columns)
    rows: list[tuple[Cell, ...]] = [(Cell(page.top, 0, n, style="unit"),)] if getattr(page, "top", "") else []
    rows.append((Cell(page.title, 0, n, style="title"),))
    if page.subtitle:
        rows.append((Cell(page.subtitle, 0, n, style="subtitle"),))
    if page.meta_left or page.meta_right:
        if page.meta_left and page.meta_right:
            half = (n + 1) // 2
            rows.append(
                (Cell(page.meta_left, 0, half, style="unit"), Cell(page.meta_right, half, n - half, style="money"))
            )
        elif page.meta_left:
            rows.append((Cell(page.meta_left, 0, n, style="unit"),))
        else:
            rows.append((Cell(page.meta_right, 0, n, style="money"),))
    first_boxed = len(rows)
    headers: list[int] = []
    starts: list[int] = []
    for table in page.tables:
        mine = [w for _, w in table.cols]
        at = _snap(widths if len(mine) == len(widths) else mine, master)
        if rows[first_boxed:]:
            starts.append(len(rows))
        covered: set[tuple[int, int]] = set()
        for is_head, trs in ((True, table.head), (False, table.body)):
            for tr in trs:
                r, c, out = len(rows), 0, []
                for cell in tr:
                    while (r, c) in covered:
                        c += 1
                    for dr in range(cell.rowspan):
                        for dc in range(cell.colspan):
                            covered.add((r + dr, c + dc))
                    first, last = at[c], at[c + cell.colspan]
                    style = _style(cell)
                    number = number_of(cell.text) if cell.amount else None
                    made = Cell(
                        cell.text,
                        first,
                        last - first,
                        cell.rowspan,
                        style,
                        number=number[0] if number else None,
                        decimals=number[1] if number else 0,
                    )
                    if convert is not None:  # a form's own kinds of cell (the 自评表's figures …)
                        made = convert(cell, made, sum(columns[first:last]) * PT_PER_MM)
                    out.append(made)
                    c += cell.colspan
                if is_head and len(tr) > 1:
                    headers.append(r)
                rows.append(tuple(out))
    boxed_end = len(rows)
    for line in page.footer:
        rows.append((Cell(line, 0, n, style="foot"),))
    shrink = getattr(page, "shrink", 1.0)
    return OfficeSheet(
        page.name, tuple(rows), tuple(headers), tuple(starts), first_boxed, columns, shrink, boxed_end=boxed_end
    )


def office_sheets(model, form: str | None = None) -> list[OfficeSheet]:
    """The office layout of every project on the form asked for (else the file's 表样, else
    批复表), in file order: the page the HTML prints, cell for cell."""
    return [page_sheet(p) for p in pages(model, form_of(model, form))]


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


ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # every entry of a written xlsx/docx: the same bytes every run


def deterministic_zip(data: bytes, body=lambda name, data: data) -> bytes:
    """An office file (a zip) again with every entry's timestamp fixed; body(name, data) may
    change an entry's content (a date stamped in it, the font table)."""
    import io
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, body(info.filename, src.read(info.filename)))
    return out.getvalue()
