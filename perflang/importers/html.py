"""HTML pages as published on government sites: every <table> a grid, rowspan and colspan
kept as merged ranges, and the text between tables (the title, 申报单位, 金额单位 lines) as
grids of one cell a line.  The standard library only: no new dependency.

A page comes from anyone, so it is read in time and memory bounded by its size:
- the tags are found by a tokenizer of this module (`_tokens`), linear in the page: the
  standard library's html.parser scans again from every `<` of an unterminated construct (800 kB
  of `<!--`, or of `<a b="`, took minutes), and a regular expression over unterminated
  comments does the same.  A construct cut off by the end of the page ends the page, as HTML5
  reads it (an unterminated comment or tag holds the rest);
- the cells of a table are counted as their spans claim them, before anything is allocated:
  a table's and the page's merged areas and the grid a table makes (its rows × its columns)
  stay within the workbooks' limits (workbook_limits: MAX_CELLS, MAX_ROWS), else the import
  stops with PF918 (200 cells of 1000×1000, or 20,000 rows of colspan=1000, were gigabytes).
"""

from __future__ import annotations

import re
from html import unescape

from ..messages import phrase
from .document import SourceRow
from .sources import Grid, Refused, grid_rows
from .workbook_limits import MAX_CELLS, MAX_ROWS

__all__ = ["html_grids", "html_rows"]

_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article", "caption", "title"}
_SKIP = {"script", "style", "head"}
MAX_SPAN = 1000  # a rowspan/colspan beyond this is a damaged page, not a form


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip() or 1), MAX_SPAN))
    except ValueError:
        return 1


class _Table:
    def __init__(self, number: int, page: "_Reader"):
        self.slots: dict[tuple[int, int], str] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.row = -1
        self.col = 0
        self.number = number
        self.page = page
        self.area = 0  # slots claimed by the cells' spans

    def new_row(self):
        self.row += 1
        self.col = 0
        if self.row >= MAX_ROWS:
            raise Refused("PF919", what=phrase("limit.table_rows", limit=f"{MAX_ROWS:,}"))

    def cell(self, text: str, rowspan: int, colspan: int):
        if self.row < 0:
            self.new_row()
        area = rowspan * colspan
        self.area += area
        self.page.cells += area
        if self.area > MAX_CELLS:  # before the slots are made
            raise self._too_large(f"{self.area:,}+", MAX_CELLS)
        if self.page.cells > MAX_CELLS:
            where = phrase("where.page_tables")
            raise Refused("PF918", where=where, cells=f"{self.page.cells:,}+", limit=f"{MAX_CELLS:,}")
        while (self.row, self.col) in self.slots:
            self.col += 1
        for dr in range(rowspan):
            for dc in range(colspan):
                self.slots.setdefault((self.row + dr, self.col + dc), text if dr == dc == 0 else "")
        if rowspan > 1 or colspan > 1:
            self.merges.append((self.row, self.col, self.row + rowspan - 1, self.col + colspan - 1))
        self.col += colspan

    def grid(self, name: str) -> Grid:
        height = max((r for r, _ in self.slots), default=-1) + 1
        width = max((c for _, c in self.slots), default=-1) + 1
        if height * width > MAX_CELLS:  # the grid fills the gaps between the cells
            raise self._too_large(f"{height:,} × {width:,}", MAX_CELLS)
        cells = tuple(tuple(self.slots.get((r, c), "") for c in range(width)) for r in range(height))
        return Grid(cells, tuple(self.merges), name)

    def _too_large(self, cells: str, limit: int) -> Refused:
        return Refused("PF918", where=phrase("where.page_table", table=self.number), cells=cells, limit=f"{limit:,}")


class _Reader:
    """The page's grids, from the tokenizer's events."""

    def __init__(self):
        self.grids: list[Grid] = []
        self.tables: list[_Table] = []
        self.cell: tuple[list[str], int, int] | None = None
        self.lines: list[str] = [""]
        self.skip = 0
        self.count = 0
        self.started = 0  # tables begun (their numbers in messages)
        self.cells = 0  # slots claimed by all the page's tables

    def flush_text(self):
        lines = [" ".join(x.split()) for x in self.lines]
        lines = [x for x in lines if x]
        if lines:
            self.grids.append(Grid(tuple((x,) for x in lines), (), f"正文{len(self.grids) + 1}"))
        self.lines = [""]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in _SKIP:
            self.skip += 1
        elif tag == "table":
            if not self.tables:
                self.flush_text()
            self.started += 1
            self.tables.append(_Table(self.started, self))
        elif tag == "tr" and self.tables:
            self.tables[-1].new_row()
        elif tag in ("td", "th") and self.tables:
            self.cell = ([], _span(a.get("rowspan")), _span(a.get("colspan")))
        elif tag in _BLOCK:
            self.newline()

    def newline(self):
        if self.cell is not None:
            self.cell[0].append("\n")
        elif not self.tables:
            self.lines.append("")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.newline()

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.cell is not None and self.tables:
            parts, rs, cs = self.cell
            # a line break inside a cell is a space, as the transcriptions write it
            text = " ".join(" ".join(p.split()) for p in "".join(parts).split("\n") if p.strip())
            self.tables[-1].cell(text, rs, cs)
            self.cell = None
        elif tag == "table" and self.tables:
            table = self.tables.pop()
            self.count += 1
            if self.tables:  # a table inside a cell: its text joins the cell
                return
            self.grids.append(table.grid(f"表{self.count}"))
        elif tag in _BLOCK:
            self.newline()

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell[0].append(data)
        elif not self.tables:
            self.lines[-1] += data


# -- the tokenizer: html.parser's events, in one pass ------------------------------------------
_NAME = re.compile(r"[a-zA-Z][^\t\n\r\f />\x00]*")
_SPACE = re.compile(r"[\s/]*")
_ATTR_NAME = re.compile(r"[^\s/>][^\s/=>]*")
_EQUALS = re.compile(r"\s*=+\s*")
_BARE = re.compile(r"[^>\s]*")
_RAW = {"script", "style"}  # their content is text up to their end tag, whatever it holds
_RAW_END = {tag: re.compile(rf"</{tag}(?=[\s/>])", re.I) for tag in _RAW}


def _start_tag(text: str, i: int, reader: _Reader) -> int:
    """The start tag at text[i] ('<' and a letter): its events; where the text goes on, or -1
    when the page ends inside it."""
    name = _NAME.match(text, i + 1)
    tag = name.group().lower()
    pos = name.end()
    attrs: list[tuple[str, str | None]] = []
    n = len(text)
    while True:
        gap = pos
        pos = _SPACE.match(text, pos).end()
        if pos >= n:
            return -1
        if text[pos] == ">":
            closed = pos > gap and text[pos - 1] == "/"  # <br/> (not <a href=x/>), as html.parser reads it
            break
        m = _ATTR_NAME.match(text, pos)
        if m is None:  # a stray character: skipped, as the attribute-name state does
            pos += 1
            continue
        key, pos = m.group().lower(), m.end()
        value = None
        eq = _EQUALS.match(text, pos)
        if eq is not None and pos < n:
            pos = eq.end()
            if pos < n and text[pos] in "'\"":
                close = text.find(text[pos], pos + 1)
                if close < 0:  # the page ends inside the value
                    return -1
                value, pos = unescape(text[pos + 1 : close]), close + 1
            else:
                bare = _BARE.match(text, pos)
                value, pos = unescape(bare.group()), bare.end()
        attrs.append((key, value))
    if closed:
        reader.handle_startendtag(tag, attrs)
    else:
        reader.handle_starttag(tag, attrs)
    pos += 1
    if tag in _RAW and not closed:
        end = _RAW_END[tag].search(text, pos)
        stop = n if end is None else end.start()
        if stop > pos:
            reader.handle_data(text[pos:stop])
        return -1 if end is None else stop
    return pos


def _tokens(text: str, reader: _Reader) -> None:
    """Hand the page's tags and text to reader in order (as html.parser with convert_charrefs
    would, for what it reads whole); each character is looked at a bounded number of times."""
    i, n = 0, len(text)
    while i < n:
        j = text.find("<", i)
        if j < 0:
            j = n
        if j > i:
            reader.handle_data(unescape(text[i:j]))
        if j >= n:
            return
        if text.startswith("<!--", j):
            end = text.find("-->", j + 4)
            if end < 0:
                return  # an unterminated comment holds the rest of the page
            i = end + 3
        elif text.startswith(("<!", "<?"), j):  # <!DOCTYPE …>, <![CDATA[…]]>, <?xml …?>
            end = text.find(">", j + 2)
            if end < 0:
                return
            i = end + 1
        elif text.startswith("</", j):
            end = text.find(">", j + 2)
            if end < 0:
                return
            name = _NAME.match(text, j + 2)
            if name is not None and name.end() <= end:
                reader.handle_endtag(name.group().lower())
            i = end + 1
        elif _NAME.match(text, j + 1):
            i = _start_tag(text, j, reader)
            if i < 0:
                return
        else:  # '<' and no tag: text
            reader.handle_data("<")
            i = j + 1


def html_grids(text: str) -> list[Grid]:
    """The grids of an HTML page, in page order; Refused (PF918) when a table claims more cells
    than the limits allow."""
    reader = _Reader()
    _tokens(text, reader)
    reader.flush_text()
    return reader.grids


def html_rows(text: str) -> list[SourceRow]:
    """The tables of an HTML page (rowspan and colspan kept as merged cells), with the lines of
    text between them (title, 申报单位 …) as rows of one cell."""
    rows: list[SourceRow] = []
    for grid in html_grids(text):
        rows.extend(grid_rows(grid))
        rows.append(SourceRow((), f"{grid.name}末尾"))
    return rows
