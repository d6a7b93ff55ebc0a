"""The xlsx backend: a real workbook, one sheet per project laid out as the approval form.

The cells and merged ranges are the TSV backend's grid (so `perflang import` reads the workbook
back); this module adds what a printed form needs: borders, column widths, wrapped long text,
A4 pages with the column header repeated.  The bytes are deterministic: fixed document
properties and fixed timestamps inside the zip.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile


from ..model import Model
from ..errors import UserError
from ..source import display_width
from .tsv import WIDTH, Grid, grids

__all__ = ["render"]

EPOCH = _dt.datetime(2000, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
COLUMN_WIDTHS = (12, 12, 14, 30, 14, 14)  # in Excel character units; long text wraps
FONT_NAME = "宋体"
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")




def _openpyxl():
    try:
        import openpyxl
    except ImportError:
        raise UserError("PF903", what="生成 Excel", what_en="--to xlsx", package="openpyxl", extra="xlsx") from None
    return openpyxl


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (Excel: ≤31 characters, none of []:*?/\\)."""
    base = _BAD_TITLE.sub("_", name).strip("'") or "项目"
    title, k = base[:31], 2
    while title in taken:
        suffix = f"({k})"
        title, k = base[: 31 - len(suffix)] + suffix, k + 1
    taken.add(title)
    return title


def _row_height(cells: tuple[str, ...], widths) -> float | None:
    """Rows with wrapped text need a height: Excel does not grow rows it did not lay out."""
    lines = 1
    for text, width in zip(cells, widths):
        lines = max(lines, -(-display_width(text) // max(1, int(width * 1.8))))
    return 15.0 * lines if lines > 1 else None


def _fill(ws, grid: Grid, styles) -> None:
    font, bold, title_font, border, wrap, centre = styles
    boxed = set(grid.table_rows)
    widths = {(r0, c0): sum(COLUMN_WIDTHS[c0:c1 + 1]) for r0, c0, r1, c1 in grid.merges if r0 == r1}
    for r, cells in enumerate(grid.rows):
        for c in range(WIDTH if r in boxed else len(cells)):
            text = cells[c] if c < len(cells) else ""
            cell = ws.cell(row=r + 1, column=c + 1, value=text or None)
            cell.data_type = "s"  # text as written: =33人 is a value, not a formula
            cell.font = bold if r in grid.header_rows else font
            cell.alignment = wrap if r in boxed and c in (2, 3) else centre
            if r in boxed:
                cell.border = border
        height = _row_height(cells, [widths.get((r, c), COLUMN_WIDTHS[c]) for c in range(len(cells))])
        if r in boxed and height:
            ws.row_dimensions[r + 1].height = height
    ws.cell(row=grid.title_row + 1, column=1).font = title_font
    for r0, c0, r1, c1 in grid.merges:
        ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)


def _page_setup(ws, grid: Grid) -> None:
    from openpyxl.worksheet.properties import PageSetupProperties

    for k, width in enumerate(COLUMN_WIDTHS):
        ws.column_dimensions[chr(ord("A") + k)].width = width
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    if grid.header_rows:
        first = grid.header_rows[0] + 1
        ws.print_title_rows = f"{first}:{first}"


def _styles():
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin", color="000000")
    return (Font(name=FONT_NAME, size=10), Font(name=FONT_NAME, size=10, bold=True),
            Font(name=FONT_NAME, size=16, bold=True), Border(left=thin, right=thin, top=thin, bottom=thin),
            Alignment(wrap_text=True, vertical="center", horizontal="left"),
            Alignment(wrap_text=True, vertical="center", horizontal="center"))


def _deterministic(data: bytes) -> bytes:
    """The same zip with every entry's timestamp fixed (openpyxl stamps the current time)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" on save
                data = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            dst.writestr(entry, data)
    return out.getvalue()


def render(model: Model, form: str | None = None) -> bytes:
    """The workbook's bytes: one sheet per project."""
    openpyxl = _openpyxl()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "perflang"
    wb.properties.created = wb.properties.modified = EPOCH
    styles = _styles()
    taken: set[str] = set()
    for sheet, grid in grids(model, form):
        ws = wb.create_sheet(sheet_title(sheet["name"], taken))
        _fill(ws, grid, styles)
        _page_setup(ws, grid)
    if not wb.worksheets:
        wb.create_sheet("空")
    buffer = io.BytesIO()
    wb.save(buffer)
    return _deterministic(buffer.getvalue())
