"""HTML pages as published on government sites: every <table> a grid, rowspan and colspan
kept as merged ranges, and the text between tables (the title, 申报单位, 金额单位 lines) as
grids of one cell a line.  The standard library's html.parser only: no new dependency."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .document import SourceRow
from .sources import Grid, grid_rows

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
    def __init__(self):
        self.slots: dict[tuple[int, int], str] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.row = -1
        self.col = 0

    def new_row(self):
        self.row += 1
        self.col = 0

    def cell(self, text: str, rowspan: int, colspan: int):
        if self.row < 0:
            self.new_row()
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
        cells = tuple(tuple(self.slots.get((r, c), "") for c in range(width)) for r in range(height))
        return Grid(cells, tuple(self.merges), name)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.grids: list[Grid] = []
        self.tables: list[_Table] = []
        self.cell: tuple[list[str], int, int] | None = None
        self.lines: list[str] = [""]
        self.skip = 0
        self.count = 0

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
            self.tables.append(_Table())
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


def html_grids(text: str) -> list[Grid]:
    """The grids of an HTML page, in page order."""
    reader = _Reader()
    reader.feed(re.sub(r"<!--.*?-->", "", text, flags=re.S))
    reader.close()
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
