"""The docx backend: the form as a Word document, laid out like the HTML table.

One page (or more) per project: the title, the header line (申报单位 on the left, 金额单位 on
the right, one line), then the summary table and one table per indicator table, with the
merged cells of the HTML.  A4 portrait with 15 mm margins; the tables are exactly the 180 mm
between them (fixed layout, the HTML's six column widths); rows never split across pages and
each indicator table's title and column header repeat on every page it runs onto.  Fonts:
Times New Roman for Latin text and 宋体 (SimSun, alternative name and GB2312 character set
in the font table, so Word, WPS and LibreOffice substitute a Chinese font of their own where SimSun is
missing) for Chinese, Chinese as the East Asian language.  Word grows a row to fit its text,
so nothing is clipped.  The cells are the office grid of perflang/backends/office.py, so
`perflang import` reads the document back.  The bytes are deterministic: fixed core
properties and fixed timestamps inside the zip.
"""

from __future__ import annotations

import datetime as _dt
import io

from ..errors import PerflangError, install_command
from ..messages import phrase
from ..model import Model
from . import office
from .office import FONT_EAST_ASIA, FONT_LATIN, FONT_PT, OfficeSheet

__all__ = ["render", "document_bytes"]

EPOCH = _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc)
TWIPS_PER_MM = 1440 / 25.4
FONT_TABLE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>
</w:fonts>
""".encode()
ALIGN = {
    "title": "center",
    "subtitle": "center",
    "foot": "left",
    "unit": "left",
    "money": "right",
    "th": "center",
    "section": "left",
    "td": "center",
    "text": "left",
}


def _docx():
    try:
        import docx
    except ImportError:
        raise PerflangError(
            "PF923", what=phrase("what.docx_out"), package="python-docx", install=install_command("docx")
        ) from None
    return docx


def _el(tag: str, **attrs):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), str(v))
    return el


def _set_child(parent, tag: str, **attrs):
    """Replace (or add) parent's child `tag` with one carrying attrs."""
    from docx.oxml.ns import qn

    for old in parent.findall(qn(tag)):
        parent.remove(old)
    el = _el(tag, **attrs)
    parent.append(el)
    return el


def _fonts(rpr, size: float | None = None, bold: bool = False) -> None:
    """Run properties: Latin and East Asian fonts (no theme fonts), Chinese, size, bold."""
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _el("w:rFonts")
        rpr.insert(0, fonts)
    for key in list(fonts.attrib):
        if key.endswith("Theme}") or "Theme" in key:
            del fonts.attrib[key]
    for k, v in (("ascii", FONT_LATIN), ("hAnsi", FONT_LATIN), ("eastAsia", FONT_EAST_ASIA), ("cs", FONT_LATIN)):
        fonts.set(qn(f"w:{k}"), v)
    fonts.set(qn("w:hint"), "eastAsia")
    if bold:
        _set_child(rpr, "w:b")
    if size is not None:
        _set_child(rpr, "w:sz", val=round(size * 2))
        _set_child(rpr, "w:szCs", val=round(size * 2))
    _set_child(rpr, "w:lang", val="en-US", eastAsia="zh-CN")


def _setup(document) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(office.PAGE_MM[0]), Mm(office.PAGE_MM[1])
    section.orientation = 0  # portrait
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(office.MARGIN_MM))
    section.header_distance = section.footer_distance = Mm(8)
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(defaults, FONT_PT)
    normal = document.styles["Normal"]
    _fonts(normal.element.get_or_add_rPr(), FONT_PT)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = 0
    _exact_lines(normal, FONT_PT)
    props = document.core_properties
    props.author = props.last_modified_by = "perflang"
    props.created = props.modified = props.last_printed = EPOCH
    props.revision = 1
    props.title = props.subject = props.keywords = props.comments = ""


def _exact_lines(paragraph, size: float) -> None:
    """Lines exactly the HTML's line-height apart (1.35 × the size), whatever the font's own
    ascent and descent (Noto Sans CJK, which LibreOffice prints where SimSun is missing, has
    1.45): the rows and pages come out as the HTML's."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(round(size * office.HTML_LINE_FACTOR, 2))


def _text(paragraph, text: str, size: float | None = None, bold: bool = False) -> None:
    run = paragraph.add_run(text)  # python-docx writes "\n" as a line break
    _fonts(run._r.get_or_add_rPr(), size, bold)


def _paragraph_format(paragraph, align: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[align]
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = 0
    _exact_lines(paragraph, FONT_PT)


def _heading(document, sheet: OfficeSheet, first: bool) -> None:
    """The lines above the tables: the title, a subtitle, the header line (left and right of
    one line, split by a right tab stop at the table's edge)."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm

    for r, row in enumerate(sheet.rows[: sheet.first_boxed]):
        line = document.add_paragraph()
        line.paragraph_format.keep_with_next = True
        if r == 0:
            line.paragraph_format.page_break_before = not first
        if row[0].style == "title":
            _paragraph_format(line, "center")
            line.paragraph_format.space_after = Mm(3)  # the HTML's h1 margin
            _exact_lines(line, office.TITLE_PT)
            _text(line, row[0].text, office.TITLE_PT, bold=True)
        elif row[0].style == "subtitle":
            _paragraph_format(line, "center")
            line.paragraph_format.space_after = Mm(2)  # the HTML's .subtitle margin
            _text(line, row[0].text)
        else:
            _paragraph_format(line, "left")
            line.paragraph_format.space_after = Mm(1.5)  # the HTML's .meta margin
            line.paragraph_format.tab_stops.add_tab_stop(Mm(sum(sheet.columns)), WD_TAB_ALIGNMENT.RIGHT)
            left = next((c.text for c in row if c.style == "unit"), "")
            right = next((c.text for c in row if c.style == "money"), "")
            _text(line, f"{left}\t{right}" if right else left)


def _footer(document, sheet: OfficeSheet) -> None:
    """The lines under the tables (a stamp, a signature line), as the HTML's footer; in the size
    the sheet gives them (the 监控表's 注 in 9 pt, as the HTML; a 自评表 scaled onto its page by
    selfeval.smaller_text: its sign-off line scaled with the rest, where it stayed 10.5 pt)."""
    from docx.shared import Mm

    for k, row in enumerate(sheet.rows[sheet.boxed.stop :]):
        line = document.add_paragraph()
        _paragraph_format(line, "left")
        line.paragraph_format.space_before = Mm(2) if k == 0 else 0
        line.paragraph_format.space_after = Mm(1.5)
        line.paragraph_format.keep_together = True
        size = row[0].size
        if size is not None:
            _exact_lines(line, size)
        _text(line, row[0].text, size=size)


def _table(document, rows: list[tuple[office.Cell, ...]], repeat: int, columns: tuple[float, ...]) -> None:
    """One Word table of the given grid rows, columns (mm) wide; the first `repeat` rows repeat
    on every page.
    The rows are written as XML directly: a merged range is one w:tc with w:gridSpan across
    and w:vMerge down (python-docx's cell merging re-reads the whole table for every cell)."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    table = document.add_table(rows=0, cols=len(columns))
    tbl = table._tbl
    tblpr = tbl.tblPr
    _set_child(tblpr, "w:tblW", w=round(sum(columns) * TWIPS_PER_MM), type="dxa")
    _set_child(tblpr, "w:jc", val="center")
    borders = _set_child(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", val="single", sz=4, space=0, color="000000"))
    _set_child(tblpr, "w:tblLayout", type="fixed")
    margins = _set_child(tblpr, "w:tblCellMar")
    for side, mm in (("top", 0.9), ("left", 1.2), ("bottom", 0.9), ("right", 1.2)):  # the HTML's padding
        margins.append(_el(f"w:{side}", w=round(mm * TWIPS_PER_MM), type="dxa"))
    for col, mm in zip(tbl.tblGrid.findall(qn("w:gridCol")), columns):
        col.set(qn("w:w"), str(round(mm * TWIPS_PER_MM)))
    below: dict[int, tuple[office.Cell, int]] = {}  # column -> (merged cell, last row) from above
    for r, cells in enumerate(rows):
        tr = _el("w:tr")
        trpr = _el("w:trPr")
        trpr.append(_el("w:cantSplit"))
        if r < repeat:
            trpr.append(_el("w:tblHeader"))
        tr.append(trpr)
        starts = {c.column: c for c in cells}
        column = 0
        while column < len(columns):
            cell = starts.get(column)
            continued = below.get(column)
            if cell is None and continued is not None and continued[1] >= r:
                tr.append(_tc(continued[0], restart=False, paragraph=Paragraph, columns=columns))
                column += continued[0].colspan
                continue
            if cell is None:  # a gap in the grid: an empty cell keeps the columns in place
                cell = office.Cell("", column)
            tr.append(_tc(cell, restart=cell.rowspan > 1, paragraph=Paragraph, columns=columns))
            if cell.rowspan > 1:
                below[column] = (cell, r + cell.rowspan - 1)
            column += cell.colspan
        tbl.append(tr)


def _tc(cell: office.Cell, restart: bool, paragraph, columns: tuple[float, ...]):
    """A table cell: its width, spans, centred vertically, one paragraph with the text (a
    cell continuing a vertical merge has an empty one)."""
    tc = _el("w:tc")
    tcpr = _el("w:tcPr")
    tcpr.append(
        _el("w:tcW", w=round(sum(columns[cell.column : cell.column + cell.colspan]) * TWIPS_PER_MM), type="dxa")
    )
    if cell.colspan > 1:
        tcpr.append(_el("w:gridSpan", val=cell.colspan))
    if cell.rowspan > 1:
        tcpr.append(_el("w:vMerge", val="restart") if restart else _el("w:vMerge"))
    if cell.fill:  # the 监控表's lights
        tcpr.append(_el("w:shd", val="clear", color="auto", fill=cell.fill))
    tcpr.append(_el("w:vAlign", val="center"))
    tc.append(tcpr)
    p = _el("w:p")
    tc.append(p)
    para = paragraph(p, None)
    _paragraph_format(para, ALIGN[cell.style])
    if cell.size is not None:  # a cell printed smaller: its lines closer together too
        _exact_lines(para, cell.size)
    if restart or cell.rowspan == 1:
        if cell.text:
            _text(para, cell.text, size=cell.size, bold=cell.style in ("th", "section"))
    return tc


def _spacer(document) -> None:
    """The paragraph Word needs between two tables (else it joins them): one point high."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    p = document.add_paragraph()
    _paragraph_format(p, "left")
    p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    p.paragraph_format.line_spacing = Pt(1)
    _fonts(_paragraph_mark(p), 1)


def _paragraph_mark(p):
    from docx.oxml.ns import qn

    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = _el("w:rPr")
        ppr.append(rpr)
    return rpr


def _sheet(document, sheet: OfficeSheet, first: bool) -> None:
    _heading(document, sheet, first)
    starts = [sheet.first_boxed, *sheet.table_titles, sheet.boxed.stop]
    for k, (a, b) in enumerate(zip(starts, starts[1:])):
        if k:
            _spacer(document)
        # an indicator table repeats its title (if it has one) and its column header
        heads = [h for h in sheet.header_rows if a <= h < b]
        repeat = heads[0] - a + 1 if heads and k else 0
        _table(document, list(sheet.rows[a:b]), repeat, sheet.columns)
    _footer(document, sheet)


def _deterministic(data: bytes) -> bytes:
    """The same zip with fixed timestamps and the font table naming the fonts used."""
    return office.deterministic_zip(data, lambda name, body: FONT_TABLE if name == "word/fontTable.xml" else body)


def render(model: Model, form: str | None = None) -> bytes:
    """The document's bytes: one page (or more) per project."""
    return document_bytes(office.office_sheets(model, form))


def document_bytes(sheets: list[OfficeSheet]) -> bytes:
    """The bytes of a Word document of the given office sheets (the 批复表's, the 自评表's),
    each starting on a new page."""
    docx = _docx()
    document = docx.Document()
    _setup(document)
    body = document.element.body
    for p in list(body.iterchildren()):  # the template's empty paragraph
        if p.tag.endswith("}p"):
            body.remove(p)
    for k, sheet in enumerate(sheets):
        _sheet(document, sheet, k == 0)
    buffer = io.BytesIO()
    document.save(buffer)
    return _deterministic(buffer.getvalue())
