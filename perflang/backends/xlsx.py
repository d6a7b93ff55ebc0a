"""The xlsx backend: a real workbook, one sheet per project, printed like the HTML table.

The layout (cells, merged ranges, row heights in points) is the office grid of
perflang/backends/office.py, so `perflang import` reads the workbook back.  This module writes
it with openpyxl: borders, the 宋体 font (charset GB2312, so Excel and LibreOffice fall back to
a Chinese font they have), amounts as number cells with a money format, A4 portrait fitted to
the page width, the tables' column header repeated on every printed page, one sheet (and so
one printed page at least) per project.  Excel's limits are kept: rows ≤ 409 pt (a text that
needs more is printed smaller), cells ≤ 32,767 characters (cut, with a note in the cell and on
stderr), sheet names ≤ 31 characters, unique without regard to case, never "History".
The bytes are deterministic: fixed document properties and fixed timestamps inside the zip.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import sys

from ..errors import PerflangError, install_command
from ..messages import phrase, tool_message
from ..model import Model
from . import office
from .office import FONT_PT, OfficeSheet
from .sheet import visible_controls

__all__ = ["render", "workbook", "sheet_title", "excel_width", "MAX_ROW_PT", "MAX_CELL_CHARS"]

EPOCH = _dt.datetime(2000, 1, 1)
MAX_ROW_PT = 409.0  # Excel's largest row height
MAX_CELL_CHARS = 32767  # Excel's longest cell text
MIN_FONT_PT = 6.0
FONT_NAME = office.FONT_EAST_ASIA
GB2312 = 134  # the font's character set: a Chinese font stands in when 宋体 is missing
MARGIN_IN = office.MARGIN_MM / 25.4
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
RESERVED_TITLES = ("history",)  # Excel keeps this name for its change history


def _openpyxl():
    try:
        import openpyxl
    except ImportError:
        raise PerflangError(
            "PF923", what=phrase("what.xlsx_out"), package="openpyxl", install=install_command("xlsx")
        ) from None
    return openpyxl


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: ≤31 characters, none of []:*?/\\, no leading or trailing
    apostrophe, unique without regard to case (as Excel compares them), not "History"."""
    base = _BAD_TITLE.sub("_", name).strip("'") or "项目"
    title, k = base[:31], 2
    while title.casefold() in taken or title.casefold() in RESERVED_TITLES:
        suffix = f"({k})"
        title, k = base[: 31 - len(suffix)].rstrip("'") + suffix, k + 1
    taken.add(title.casefold())
    return title


def excel_width(mm: float) -> float:
    """Excel's column width (characters of the default font's digits, 7 px at 96 dpi, plus 5 px
    of padding) for a column mm wide."""
    return round((mm / 25.4 * 96 - 5) / 7, 2)


def _cut(text: str, sheet: str, where: str) -> str:
    if len(text) <= MAX_CELL_CHARS:
        return text
    probe = tool_message("cell-cut", "zh", rest=len(text))
    keep = MAX_CELL_CHARS - len(probe) - 1
    rest = len(text) - keep
    from ..diagnostics import language  # the command's language (--lang, PERFLANG_LANG, the locale)

    sys.stderr.write(tool_message("cell-cut-note", language(), sheet=sheet, cell=where, rest=rest) + "\n")
    return text[:keep] + "\n" + tool_message("cell-cut", "zh", rest=rest)


def _fitted_sizes(sheet: OfficeSheet) -> dict[tuple[int, int], float]:
    """Cells whose text would need a row over 409 pt, with the font size that fits it."""
    sizes: dict[tuple[int, int], float] = {}
    for r, row in enumerate(sheet.rows):
        for cell in row:
            if cell.rowspan != 1:
                continue
            size = office.cell_size(cell)
            while office.cell_height(cell, sheet.width_pt(cell), size) > MAX_ROW_PT and size > MIN_FONT_PT:
                size -= 0.5
            if size != office.cell_size(cell):
                sizes[(r, cell.column)] = size
    return sizes


class _Styles:
    def __init__(self):
        from openpyxl.styles import Alignment, Border, Font, Side

        thin = Side(style="thin", color="000000")
        self.Font = Font
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = self.sized(FONT_PT)
        self.bold = Font(name=FONT_NAME, size=FONT_PT, bold=True, charset=GB2312, family=3)
        self.title = Font(name=FONT_NAME, size=office.TITLE_PT, bold=True, charset=GB2312, family=3)

        def align(h: str, indent: int = 0, vertical: str = "center"):
            return Alignment(horizontal=h, vertical=vertical, wrap_text=True, indent=indent)

        places = {
            "title": ("center", 0),
            "subtitle": ("center", 0),
            "foot": ("left", 0),
            "unit": ("left", 0),
            "money": ("right", 0),
            "th": ("center", 0),
            "section": ("left", 1),
            "td": ("center", 0),
            "text": ("left", 1),
        }
        self.align = {k: align(h, i) for k, (h, i) in places.items()}
        self.fit = Alignment(horizontal="center", vertical="center", shrink_to_fit=True)  # a number too wide
        self.top = {k: align(h, i, "top") for k, (h, i) in places.items()}  # a merged cell a page break cuts

    def filled(self, colour: str):
        from openpyxl.styles import PatternFill

        return PatternFill(fill_type="solid", start_color=colour, end_color=colour)

    def sized(self, size: float):
        return self.Font(name=FONT_NAME, size=size, charset=GB2312, family=3)

    def font_of(self, style: str, size: float | None):
        if size is not None:
            return self.sized(size)
        return {"title": self.title, "th": self.bold, "section": self.bold}.get(style, self.font)


PAGE_PT = (office.PAGE_MM[1] - 2 * office.MARGIN_MM) * office.PT_PER_MM - 6  # a little to spare


def page_breaks(sheet: OfficeSheet, heights: list[float]) -> list[int]:
    """The rows that start a new printed page (0-based).  A spreadsheet breaks a page between
    any two rows, also inside a merged range, whose text it then prints on neither part (it
    centres the text in the whole range, off the page).  So the pages are laid out here, with
    the row heights the sheet gets: a page ends before the merged block (the goal's rows) that
    would cross its end, and before the table's title when that block is the table's first.
    A block taller than a page is broken where it must be."""
    block_start = list(range(len(sheet.rows)))  # the first row of the outermost block around r
    block_end = list(range(len(sheet.rows)))  # (for a block's first row) its last row
    for r, row in enumerate(sheet.rows):
        for cell in row:
            for k in range(r + 1, r + cell.rowspan):
                block_start[k] = min(block_start[k], block_start[r])
            block_end[block_start[r]] = max(block_end[block_start[r]], r + cell.rowspan - 1)
    repeat = heights[sheet.header_rows[0]] if sheet.header_rows else 0.0
    breaks: list[int] = []
    top, used = 0, 0.0
    for r, h in enumerate(heights):
        if used + h <= PAGE_PT or r == top:
            used += h
            continue
        b = block_start[r]
        if sum(heights[b : block_end[b] + 1]) + 2 * repeat > PAGE_PT:
            b = r  # a block taller than a page: moving it would only waste the page
        for header in sheet.header_rows:
            if header == b - 1:  # never a table's title and column header alone at the foot of a page
                b = max(s for s in (sheet.first_boxed, *sheet.table_titles) if s <= header)
        if b <= top:
            b = r
        breaks.append(b)
        top = b
        first_header = sheet.header_rows[0] if sheet.header_rows else len(heights)
        used = (repeat if top > first_header else 0.0) + sum(heights[b : r + 1])
    return breaks


def _fill(ws, sheet: OfficeSheet, st: _Styles) -> None:
    from openpyxl.utils import get_column_letter

    sizes = _fitted_sizes(sheet)
    heights = office.row_heights(sheet, sizes)
    fitted = [min(MAX_ROW_PT, h) for h in heights]
    breaks = [] if scaled_to_one_page(sheet, fitted) else page_breaks(sheet, fitted)
    boxed_rows = sheet.boxed
    for r, row in enumerate(sheet.rows):
        if r in boxed_rows:  # every cell of a boxed row, merged ones too, carries the border
            for c in range(sheet.width):
                ws.cell(row=r + 1, column=c + 1).border = st.border
        for cell in row:
            target = ws.cell(row=r + 1, column=cell.column + 1)
            if cell.number is not None:
                target.value = cell.number
                target.number_format = "#,##0" + ("." + "0" * cell.decimals if cell.decimals else "")
            elif cell.text:
                where = f"{get_column_letter(cell.column + 1)}{r + 1}"
                target.value = _cut(visible_controls(cell.text), ws.title, where)
                target.data_type = "s"  # text as written: =33人 is a value, not a formula
            target.font = st.font_of(cell.style, sizes.get((r, cell.column), cell.size))
            # a merged cell a page break cuts: its text at the top, so it prints on its first page
            # (centred in the whole range, it would print across the break or off both pages)
            cut = any(r < b < r + cell.rowspan for b in breaks)
            target.alignment = st.fit if cell.fit else (st.top if cut else st.align)[cell.style]
            if cell.fill:
                target.fill = st.filled(cell.fill)
            if cell.colspan > 1 or cell.rowspan > 1:
                ws.merge_cells(
                    start_row=r + 1,
                    start_column=cell.column + 1,
                    end_row=r + cell.rowspan,
                    end_column=cell.column + cell.colspan,
                )
        ws.row_dimensions[r + 1].height = min(MAX_ROW_PT, heights[r])
    from openpyxl.worksheet.pagebreak import Break

    for r in breaks:
        ws.row_breaks.append(Break(id=r))  # a break after row r (1-based), before row r + 1
    repeated = title_row(sheet, breaks)
    if repeated is not None:
        ws.print_title_rows = f"{repeated + 1}:{repeated + 1}"


def scaled_to_one_page(sheet: OfficeSheet, heights: list[float]) -> bool:
    """Whether the sheet is printed scaled down onto one page: a one-page form (shrink < 1)
    taller than the page by no more than its shrink factor allows."""
    return office.fit_scale(sum(heights), PAGE_PT, sheet.shrink) < 1


def title_row(sheet: OfficeSheet, breaks: list[int]) -> int | None:
    """The column header row to repeat at the top of the pages: that of the first table a page
    break falls inside of.  A spreadsheet repeats one range on every page after it appears,
    so a page that starts with a table's own title and header repeats nothing."""
    for b in breaks:
        if b in sheet.table_titles:
            continue
        inside = [h for h in sheet.header_rows if h < b]
        if inside:
            return inside[-1]
    return None


def _page_setup(ws, sheet: OfficeSheet) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    for k, mm in enumerate(sheet.columns):
        ws.column_dimensions[get_column_letter(k + 1)].width = excel_width(mm)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    heights = [min(MAX_ROW_PT, h) for h in office.row_heights(sheet, _fitted_sizes(sheet))]
    # as many pages down as the table needs, or a one-page form scaled onto its page
    ws.page_setup.fitToHeight = 1 if scaled_to_one_page(sheet, heights) else 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    m = ws.page_margins
    m.left = m.right = m.top = m.bottom = round(MARGIN_IN, 4)
    m.header = m.footer = 0.2
    ws.sheet_view.showGridLines = False


def _deterministic(data: bytes) -> bytes:
    """The same zip with every entry's timestamp fixed (openpyxl stamps the current time)."""

    def body(name: str, data: bytes) -> bytes:
        if name == "docProps/core.xml":  # openpyxl stamps "modified" on save
            return _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
        if name.startswith("xl/worksheets/"):
            return _MERGES.sub(_sorted_merges, data)
        return data

    return office.deterministic_zip(data, body)


_MERGES = re.compile(rb"(<mergeCells[^>]*>)(.*?)(</mergeCells>)", re.S)
_MERGE = re.compile(rb"<mergeCell [^>]*?ref=\"([A-Z]+)([0-9]+)[^>]*>")


def _sorted_merges(m: re.Match) -> bytes:
    """The merged ranges top to bottom, left to right: openpyxl writes them in the order of a
    set, which follows the platform's hashes (the page's 32-bit WebAssembly Python orders
    them otherwise than a 64-bit one)."""
    cells = _MERGE.findall(m.group(2))
    items = _MERGE.finditer(m.group(2))
    if len(cells) != m.group(2).count(b"<mergeCell "):
        return m.group(0)  # not the shape openpyxl writes: left alone
    ordered = sorted(items, key=lambda x: (int(x.group(2)), len(x.group(1)), x.group(1)))
    return m.group(1) + b"".join(x.group(0) for x in ordered) + m.group(3)


def render(model: Model, form: str | None = None) -> bytes:
    """The workbook's bytes: one sheet per project."""
    return workbook(office.office_sheets(model, form))


def workbook(sheets: list[OfficeSheet]) -> bytes:
    """The bytes of a workbook of the given office sheets (the 批复表's, the 自评表's), one
    worksheet each, named after its project."""
    openpyxl = _openpyxl()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "perflang"
    wb.properties.created = wb.properties.modified = EPOCH
    styles = _Styles()
    taken: set[str] = set()
    for sheet in sheets:
        ws = wb.create_sheet(sheet_title(sheet.name, taken))
        _fill(ws, sheet, styles)
        _page_setup(ws, sheet)
    if not wb.worksheets:
        wb.create_sheet("空")
    buffer = io.BytesIO()
    wb.save(buffer)
    return _deterministic(buffer.getvalue())
