"""Read the printable HTML tables back (stdlib html.parser): sheets, headings, and each table
as a grid with rowspans and colspans expanded, so tests compare cells, not markup."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Cell:
    text: str
    tag: str
    rowspan: int
    colspan: int
    cls: str = ""  # "cont": a merged cell the printout split at a page break, continued here


@dataclass
class Sheet:
    title: str = ""
    meta: list[str] = field(default_factory=list)
    subtitle: str = ""
    top: str = ""  # a line above the title (the 四川 自评表's 报表编号)
    footer: list[str] = field(default_factory=list)  # the lines under the tables (stamp, signatures)
    tables: list[list[list[Cell]]] = field(default_factory=list)  # table -> row -> cells


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sheets: list[Sheet] = []
        self.tags: list[str] = []  # every start tag seen, in order
        self.attrs: list[tuple[str, str | None]] = []  # every attribute seen
        self._text: list[str] | None = None
        self._cell: tuple[str, int, int] | None = None
        self._in = ""
        self._para = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        a = dict(attrs)
        if tag == "section" and a.get("class") == "sheet":
            self.sheets.append(Sheet())
        elif tag == "table":
            self.sheets[-1].tables.append([])
        elif tag == "tr":
            self.sheets[-1].tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = (tag, int(a.get("rowspan") or 1), int(a.get("colspan") or 1), a.get("class") or "")
            self._text = []
        elif tag == "h1" or (tag == "span" and self._in == "meta"):
            self._text = []
        elif tag == "p" and (a.get("class") in ("subtitle", "top") or self._in == "footer"):
            self._text = []
            self._para = a.get("class") if a.get("class") in ("subtitle", "top") else "footer"
        if tag == "div" and a.get("class") in ("meta", "footer"):
            self._in = a.get("class")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            t, rs, cs, cls = self._cell
            self.sheets[-1].tables[-1][-1].append(Cell("".join(self._text), t, rs, cs, cls))
            self._cell = self._text = None
        elif tag == "h1":
            self.sheets[-1].title = "".join(self._text)
            self._text = None
        elif tag == "span" and self._in == "meta":
            self.sheets[-1].meta.append("".join(self._text))
            self._text = None
        elif tag == "p" and self._text is not None:
            if self._para in ("subtitle", "top"):
                setattr(self.sheets[-1], self._para, "".join(self._text))
            else:
                self.sheets[-1].footer.append("".join(self._text))
            self._text = None
        elif tag == "div":
            self._in = ""

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


@dataclass
class Slot:
    text: str
    origin: bool  # True where the cell starts; False where a rowspan/colspan carries it


def grid(rows: list[list[Cell]]) -> list[list[Slot]]:
    """The table as a full rectangle: a merged cell's text repeated in every slot it covers.  A
    merged cell split at a printed page break (its second part has class "cont", the same text)
    counts as the one merged cell it is on the form."""
    out: dict[tuple[int, int], Slot] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in out:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    assert (r + dr, c + dc) not in out, f"overlapping cells at row {r + dr}"
                    cont = "cont" in cell.cls.split()
                    out[r + dr, c + dc] = Slot(cell.text, dr == 0 and dc == 0 and not cont)
            c += cell.colspan
    height = max((r for r, _ in out), default=-1) + 1
    width = max((c for _, c in out), default=-1) + 1
    assert len(out) == height * width, "the table is not a rectangle"
    return [[out[r, c] for c in range(width)] for r in range(height)]


def texts(g: list[list[Slot]]) -> list[list[str]]:
    return [[s.text for s in row] for row in g]
