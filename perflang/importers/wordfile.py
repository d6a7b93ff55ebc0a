"""Word documents (.docx) as rows of cell strings, for `perflang import`.

The document body is read in order: a paragraph is a row (its tab-separated parts are cells,
so "申报单位：某单位<tab>金额单位：万元" gives the two header cells), a table gives one row per
table row.  Merged cells read as in the text export and the workbooks: only the first cell of a
merged range keeps its text, the cells it covers are blank (a horizontal merge, w:gridSpan,
gives blank cells after it; a vertical one, w:vMerge, blank cells below).  A cell's paragraphs
and line breaks are joined with line breaks (a goal text keeps its lines).

The standard library reads the file (a .docx is a zip of XML): no extra package is needed to
import.  Content controls (w:sdt), tracked insertions are read; deleted text and field codes
are not.

A .docx comes from anyone, so word/document.xml is read as a stream, never as a tree, and
within limits checked before anything is allocated for it (docs/import.md, "Limits"): its
unpacked size (the size the zip declares and the bytes actually inflated, counted as they come),
the number of elements, their nesting depth, the rows and the characters kept, the cells of the
tables (a w:gridSpan of two billion is refused, not allocated).  The parse is iterative (expat's
events and an explicit stack: 5,000 nested tables or 100,000 nested content controls are no
recursion), and a document that declares a DTD or entities is refused outright.  Beyond a limit
the import stops with a coded error (`Refused`: PF917-PF920).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.parsers import expat

from ..messages import phrase
from .sources import Refused, SourceRow, _clean, _trim
from .workbook_limits import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_UNPACKED_BYTES

__all__ = ["docx_rows", "NotAWordFile", "MAX_ELEMENTS", "MAX_DEPTH", "MAX_TEXT"]

MAX_ELEMENTS = 1_000_000  # XML elements of word/document.xml (a long report has ~200,000)
MAX_DEPTH = 256  # their nesting (a real document: under 30, nested tables included)
MAX_TEXT = 4_000_000  # characters kept (a target table: a few thousand)
_BLOCK = 2**16  # bytes inflated and parsed at a time

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main "
_WRAPPERS = {_W + x for x in ("sdt", "sdtContent", "customXml", "ins", "smartTag", "hyperlink", "fldSimple")}
_SKIPPED = {_W + x for x in ("del", "instrText", "delText", "sdtPr", "rPr", "pPr", "tcPr", "trPr", "tblPr", "tblGrid")}
_P, _TBL, _TR, _TC, _T = _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "t"
_TRPR, _TCPR, _BODY = _W + "trPr", _W + "tcPr", _W + "body"
_INLINE_TEXT = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_VAL = _W + "val"


class NotAWordFile(Refused):
    """The file is not a readable .docx (PF929, with what the zip or XML reader said)."""

    def __init__(self, detail) -> None:
        super().__init__("PF929", what=phrase("what.word"), detail=detail)


class _Cell:
    __slots__ = ("lines", "span", "covered")

    def __init__(self):
        self.lines: list[str] = []
        self.span = 1
        self.covered = False


class _Table:
    __slots__ = ("rows", "row", "before", "number")

    def __init__(self, number: int):
        self.rows: list[list[str]] = []
        self.row: list[str] = []
        self.before = 0
        self.number = number  # the document's tables, in order of their start (for messages)


# the kinds of the open elements (the stack): where a child element lands.  BLOCKS, TABLEWRAP
# and ROWWRAP are content controls and the like (_WRAPPERS) around paragraphs, rows and cells.
BODY, BLOCKS, TABLE, TABLEWRAP, ROW, ROWWRAP, CELL, TRPR, TCPR, PARA, INLINE, SKIP, TEXT, OTHER = range(14)


class _Reader:
    """expat's events -> rows, with the limits counted as the events come."""

    def __init__(self):
        self.rows: list[SourceRow] = []
        self.stack: list[tuple[int, object]] = []  # (kind, its _Table, _Cell or text parts)
        self.elements = 0
        self.cells = 0
        self.text = 0
        self.paragraphs = 0  # of the body, for the rows' names
        self.tables = 0  # all tables, nested ones too (their numbers in messages)
        self.top_tables = 0  # of the body, for the rows' names
        self.table_rows = 0  # all tables' rows
        self.body_seen = False

    # -- expat handlers ----------------------------------------------------------------------
    def start(self, tag: str, attrs: dict) -> None:
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            raise _beyond("limit.elements", MAX_ELEMENTS)
        if len(self.stack) >= MAX_DEPTH:
            raise _beyond("limit.depth", MAX_DEPTH)
        kind, data = self.stack[-1] if self.stack else (OTHER, None)
        if not self.stack:
            self.stack.append((OTHER, None))  # the root, w:document
            return
        if kind in (PARA, INLINE):  # inside a paragraph everything is inline: runs, fields, text boxes
            if tag in _SKIPPED:
                self.stack.append((SKIP, None))
            elif tag == _T:
                self.stack.append((TEXT, data))
            else:
                char = _INLINE_TEXT.get(tag)
                if char is not None:
                    self._keep(data, char)
                self.stack.append((INLINE, data))
            return
        if kind in (SKIP, OTHER, TEXT):
            self.stack.append((SKIP if kind == TEXT else kind, None))
            if tag == _BODY and kind == OTHER and len(self.stack) == 2 and not self.body_seen:
                self.body_seen = True
                self.stack[-1] = (BODY, None)
            return
        if kind in (BODY, BLOCKS, CELL):
            if tag == _P:
                self.stack.append((PARA, []))
            elif tag == _TBL:
                self.tables += 1
                self.stack.append((TABLE, _Table(self.tables)))
            elif tag in _WRAPPERS:
                self.stack.append((BLOCKS, data))
            elif tag == _TCPR and kind == CELL:
                self.stack.append((TCPR, data))
            else:
                self.stack.append((OTHER, None))
            return
        if kind in (TABLE, TABLEWRAP):  # rows, possibly inside wrappers: the table travels with them
            if tag == _TR:
                data.row, data.before = [], 0
                self.stack.append((ROW, data))
            elif tag in _WRAPPERS:
                self.stack.append((TABLEWRAP, data))
            else:
                self.stack.append((OTHER, None))
            return
        if kind in (ROW, ROWWRAP):
            if tag == _TC:
                self.stack.append((CELL, _Cell()))
            elif tag in _WRAPPERS:
                self.stack.append((ROWWRAP, data))
            elif tag == _TRPR and kind == ROW:
                self.stack.append((TRPR, data))
            else:
                self.stack.append((OTHER, None))
            return
        if kind == TRPR:
            if tag == _W + "gridBefore":
                before = _number(attrs.get(_VAL), 0, 0)
                self._width(data, before + len(data.row), before - data.before)
                data.before = before
            self.stack.append((OTHER, None))
            return
        if kind == TCPR:
            if tag == _W + "gridSpan":
                data.span = _number(attrs.get(_VAL), 1, 1)
            elif tag == _W + "vMerge":
                data.covered = attrs.get(_VAL, "continue") == "continue"
            self.stack.append((OTHER, None))
            return
        self.stack.append((OTHER, None))

    def end(self, tag: str) -> None:
        kind, data = self.stack.pop()
        if kind == PARA:
            self._paragraph("".join(data))
        elif kind == TABLE:
            self._table(data)
        elif kind == ROW:
            self.table_rows += 1
            if self.table_rows > MAX_ROWS:
                raise _beyond("limit.table_rows", MAX_ROWS)
            data.rows.append([""] * data.before + data.row)
        elif kind == CELL:
            self._cell(data)

    def chars(self, text: str) -> None:
        if self.stack and self.stack[-1][0] == TEXT:
            self._keep(self.stack[-1][1], text)

    # -- what the events make ------------------------------------------------------------------
    def _keep(self, parts: list, text: str) -> None:
        self.text += len(text)
        if self.text > MAX_TEXT:
            raise _beyond("limit.text", MAX_TEXT)
        parts.append(text)

    def _container(self):
        """The innermost cell the element just closed stood in (None: the body)."""
        for kind, data in reversed(self.stack):
            if kind == CELL:
                return data
            if kind == BODY:
                return None
        return None

    def _paragraph(self, text: str) -> None:
        cell = self._container()
        if cell is not None:
            cell.lines.append(text)
            return
        self.paragraphs += 1
        for line in text.split("\n"):
            cells = _trim([_clean(c) for c in line.split("\t")])
            cells = tuple(c for c in cells if c)  # tabs position text on the line only
            if cells:
                self._row(SourceRow(cells, f"第{self.paragraphs}段"))

    def _table(self, table: _Table) -> None:
        cell = self._container()
        if cell is not None:  # a table in a cell: its rows join the cell's lines
            cell.lines.extend(" ".join(c for c in row if c) for row in table.rows)
            return
        self.top_tables += 1
        for r, cells in enumerate(table.rows, 1):
            self._row(SourceRow(_trim(cells), f"第{self.top_tables}个表格第{r}行"))

    def _cell(self, cell: _Cell) -> None:
        table = next(data for kind, data in reversed(self.stack) if kind == ROW)
        self._width(table, table.before + len(table.row) + cell.span, cell.span)
        if cell.covered:
            table.row.append("")
        else:
            text = "\n".join(cell.lines).replace("\t", " ")
            table.row.append("\n".join(_clean(line) for line in text.split("\n")).strip("\n"))
        table.row.extend([""] * (cell.span - 1))

    def _width(self, table: _Table, width: int, added: int) -> None:
        """Before a row grows to width (added cells more): within a row's and all tables' cells."""
        where = phrase("where.word_row", table=table.number, row=len(table.rows) + 1)
        if width > MAX_COLUMNS:
            raise Refused("PF918", where=where, cells=f"{width:,}", limit=f"{MAX_COLUMNS:,}")
        self.cells += added
        if self.cells > MAX_CELLS:
            where = phrase("where.word_tables")
            raise Refused("PF918", where=where, cells=f"{self.cells:,}+", limit=f"{MAX_CELLS:,}")

    def _row(self, row: SourceRow) -> None:
        self.rows.append(row)
        if len(self.rows) > MAX_ROWS:
            raise _beyond("limit.rows", MAX_ROWS)


_INTEGER = re.compile(r"\s*([0-9]{1,12})\s*")


def _number(value, default: int, least: int) -> int:
    """An integer attribute (w:val of gridSpan, gridBefore); default when it is not one."""
    m = _INTEGER.fullmatch(value) if value is not None else None
    return max(least, int(m.group(1))) if m else default


def _beyond(key: str, limit: int) -> Refused:
    return Refused("PF919", what=phrase(key, limit=f"{limit:,}"))


def _refuse_dtd(*_args) -> None:
    raise Refused("PF920")


def _parse(stream, reader: _Reader) -> None:
    """Feed word/document.xml to expat in blocks, counting the bytes inflated."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.chars
    parser.buffer_text = True
    # no DTD, hence no entity: a .docx that Word saved never has one
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.ExternalEntityRefHandler = _refuse_dtd
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    total = 0
    while True:
        block = stream.read(_BLOCK)
        total += len(block)
        if total > MAX_UNPACKED_BYTES:
            raise _too_large()
        if not block:
            parser.Parse(b"", True)
            return
        parser.Parse(block, False)


def _too_large() -> Refused:
    return Refused("PF917", part="word/document.xml", limit=f"{MAX_UNPACKED_BYTES:,}")


def docx_rows(path: str | Path) -> list[SourceRow]:
    """The rows of a Word document: paragraphs and table rows in document order."""
    reader = _Reader()
    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("word/document.xml")
            if info.file_size > MAX_UNPACKED_BYTES:  # what the zip says: checked first, not trusted
                raise _too_large()
            with z.open(info) as stream:
                _parse(stream, reader)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise NotAWordFile(str(exc) or type(exc).__name__) from None
    except expat.ExpatError as exc:
        raise NotAWordFile(f"word/document.xml: {exc}") from None
    if not reader.body_seen:
        raise NotAWordFile(phrase("word.no_body"))
    return reader.rows
