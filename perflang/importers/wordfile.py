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
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from .sources import SourceRow, _clean, _trim

__all__ = ["docx_rows", "NotAWordFile"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WRAPPERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}smartTag", f"{W}hyperlink", f"{W}fldSimple"}
_SKIPPED = {
    f"{W}del",
    f"{W}instrText",
    f"{W}delText",
    f"{W}sdtPr",
    f"{W}rPr",
    f"{W}pPr",
    f"{W}tcPr",
    f"{W}trPr",
    f"{W}tblPr",
    f"{W}tblGrid",
}


class NotAWordFile(Exception):
    """The file is not a readable .docx (the message says why)."""


def _inline(el, out: list[str]) -> None:
    """The text of a paragraph's runs: w:t, tabs and line breaks."""
    for child in el:
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == f"{W}t":
            out.append(child.text or "")
        elif tag == f"{W}tab":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        else:
            _inline(child, out)


def _paragraph_text(p) -> str:
    out: list[str] = []
    _inline(p, out)
    return "".join(out)


def _blocks(parent):
    """The paragraphs and tables of a body or cell, content controls opened."""
    for child in parent:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _blocks(child)


def _cell_text(tc) -> str:
    """A cell's text: paragraphs (and the rows of a nested table, cells joined by spaces)
    on lines of their own."""
    lines: list[str] = []
    for block in _blocks(tc):
        if block.tag == f"{W}p":
            lines.append(_paragraph_text(block))
        else:
            for row in _table_rows(block):
                lines.append(" ".join(c for c in row if c))
    text = "\n".join(lines).replace("\t", " ")
    return "\n".join(_clean(line) for line in text.split("\n")).strip("\n")


def _int(el, name: str, default: int) -> int:
    if el is None:
        return default
    try:
        return max(1, int(el.get(f"{W}{name}", default)))
    except ValueError:
        return default


def _table_rows(tbl) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in (c for c in _blocks_rows(tbl)):
        trpr = tr.find(f"{W}trPr")
        before = trpr.find(f"{W}gridBefore") if trpr is not None else None
        cells: list[str] = [""] * (_int(before, "val", 0) if before is not None else 0)
        for tc in _row_cells(tr):
            tcpr = tc.find(f"{W}tcPr")
            span = _int(tcpr.find(f"{W}gridSpan") if tcpr is not None else None, "val", 1)
            vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            covered = vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue"
            cells.append("" if covered else _cell_text(tc))
            cells.extend([""] * (span - 1))
        rows.append(cells)
    return rows


def _blocks_rows(tbl):
    for child in tbl:
        if child.tag == f"{W}tr":
            yield child
        elif child.tag in _WRAPPERS:
            yield from _blocks_rows(child)


def _row_cells(tr):
    for child in tr:
        if child.tag == f"{W}tc":
            yield child
        elif child.tag in _WRAPPERS:
            yield from _row_cells(child)


def _read_body(path: Path):
    try:
        with zipfile.ZipFile(path) as z:
            data = z.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise NotAWordFile(str(exc)) from None
    if re.search(rb"<!DOCTYPE|<!ENTITY", data[:4096]):
        raise NotAWordFile("word/document.xml declares entities")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise NotAWordFile(str(exc)) from None
    body = root.find(f"{W}body")
    if body is None:
        raise NotAWordFile("word/document.xml has no body")
    return body


def docx_rows(path: str | Path) -> list[SourceRow]:
    """The rows of a Word document: paragraphs and table rows in document order."""
    rows: list[SourceRow] = []
    paragraphs = tables = 0
    for block in _blocks(_read_body(Path(path))):
        if block.tag == f"{W}p":
            paragraphs += 1
            for line in _paragraph_text(block).split("\n"):
                cells = _trim([_clean(c) for c in line.split("\t")])
                cells = tuple(c for c in cells if c)  # tabs position text on the line only
                if cells:
                    rows.append(SourceRow(cells, f"第{paragraphs}段"))
        else:
            tables += 1
            for r, cells in enumerate(_table_rows(block), 1):
                rows.append(SourceRow(_trim(cells), f"第{tables}个表格第{r}行"))
    return rows
