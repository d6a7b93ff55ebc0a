"""A stream of cells (one cell a line, as copying a table out of a PDF or a web page gives, or the
cells of a line between spaces): the rows put back.

Above an indicator table a label of the form (keywords.LABELS) starts a row, and so does a new
line when the lines hold several cells; the cells after it are its values.  A run of column labels
(一级指标, 二级指标, 三级指标, 指标值 …) is the table's column header, and from there on the cells
are cut into rows by what they hold (infer.Layout.cut): the cut that fits every cell's kind to the
columns best, a row ending where the next level or name starts.  A copy that keeps its empty cells
(`cell |` a line, a lone `|` for an empty cell) gives whole rows; one that dropped them, against a
table whose rows could then be read two ways (infer.stream_doubt), gives rows that are doubted
(the import exits 1).  A cell broken over lines (`可持续影响` / `指标`, `产出指标` / `(40-50)分`,
`时效指标` / `(工期指标、形象进度指标)`) is put back together when the parts make a known name.
Each rebuilt row is named by the lines it came from (第12–15行).
"""

from __future__ import annotations

import re

from attrs import frozen

from ..syntax.keywords import LABELS, PAGE_WORDS, label_key, normalize_label
from .document import SourceRow
from .infer import Layout, column_role, level_names, stream_doubt, strip_points
from .tables import header_layout

__all__ = ["regroup", "Token"]

_TITLE = re.compile(r"绩效.*表|^[(（]?\d{4}年度?[)）]?$|^(?:申报|填报|金额)单位")
_NOTE = re.compile(r"[(（][^()（）]+[)）]")
_END = ("合计", "总分", "说明", "评价结论", "存在问题", "改进措施", "其他说明的问题", "其他需说明的问题")


@frozen
class Token:
    """A cell of the stream: its text ("" for an empty cell the copy kept), where it came from,
    whether it starts a line of several cells (a space-separated copy), and whether it is a
    blank line between cells (no cell at all)."""

    text: str
    where: str
    start: bool = False
    blank: bool = False


def _where(tokens: list[Token]) -> str:
    first, last = tokens[0].where, tokens[-1].where
    if first == last:
        return first
    return f"{first[:-1]}–{last[1:]}" if first.startswith("第") else f"{first}–{last}"


def _known(text: str) -> bool:
    t = normalize_label(text)
    return bool(t in LABELS or column_role(t) or level_names(t) != (None, None))


def _fragment(text: str) -> bool:
    """The second part of a level's cell a copy broke over two lines: 指标, its points, or its
    bracketed note (`时效指标` / `(工期指标、形象进度指标)`)."""
    t = text.strip()
    return t in ("指标", "标", "分") or bool(strip_points(t)[1] and not strip_points(t)[0]) or bool(_NOTE.fullmatch(t))


def _join(tokens: list[Token], i: int) -> tuple[str, int]:
    """The cell at i, joined with the next when the copy broke it over two lines."""
    text = tokens[i].text
    k = i + 1
    while k < len(tokens) and tokens[k].blank:
        k += 1
    if k < len(tokens) and text and tokens[k].text:
        nxt = tokens[k].text
        joined = text + nxt
        if _fragment(nxt) and (level_names(joined) != (None, None) or column_role(joined)):
            return joined, k + 1  # `可持续影响` / `指标`, `产出指标` / `(40-50)分`
        if not tokens[k].start and not _known(text) and not _known(nxt) and normalize_label(joined) in LABELS:
            return joined, k + 1
    return text, i + 1


class _Rows:
    def __init__(self):
        self.out: list[SourceRow] = []
        self.cells: list[str] = []
        self.sources: list[Token] = []

    def flush(self):
        if self.sources:
            self.out.append(SourceRow(tuple(self.cells), _where(self.sources)))
        self.cells, self.sources = [], []

    def add(self, cell: str, source: Token, column: int | None = None):
        if column is not None:
            self.cells += [""] * (column - len(self.cells))
        self.cells.append(cell)
        self.sources.append(source)


def _label_start(cell: str) -> bool:
    return label_key(cell) is not None or bool(_TITLE.search(cell))


def _header_run(tokens: list[Token], i: int) -> tuple[list[str], int]:
    """The column labels from i on (a table's column header), and where they end."""
    run: list[str] = []
    k = i
    while k < len(tokens):
        if tokens[k].blank:
            k += 1
            continue
        text, nxt = _join(tokens, k)
        if not text or column_role(text) is None or run and tokens[k].start:
            break  # a header's words between spaces stand on one line
        run.append(text)
        k = nxt
    return run, k


def _label_end(text: str) -> bool:
    """A cell after which the table does not go on: a form's label, a title, the page's words."""
    key = label_key(text)
    return bool(normalize_label(text) in _END or key is not None or _TITLE.search(text) or PAGE_WORDS.search(text))


def regroup(tokens: list[Token]) -> list[SourceRow]:
    rows = _Rows()
    layout: Layout | None = None
    pending: list[tuple[str, list[Token]]] = []  # the table's cells, waiting to be cut into rows

    def cut_table():
        # a copy that kept its empty cells (`|` alone on a line) gives every row whole; one that
        # dropped them leaves a row's values to be guessed where the table has several columns
        # they could stand in: such rows are placed and doubted (the import exits 1)
        kept_empty = any(not t and ts and not ts[0].blank for t, ts in pending)
        doubt = not kept_empty and bool(stream_doubt(layout.roles))
        for j, k, _ in layout.cut([t for t, _ in pending]):
            # the row's cells in order: the table reader places them (it knows the 一级 above)
            cells = tuple(t for t, _ in pending[j:k])
            rows.out.append(SourceRow(cells, _where([t for _, ts in pending[j:k] for t in ts]), doubt, True))
        pending.clear()

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.blank:
            i += 1
            continue
        run, after = _header_run(tokens, i)
        if len(run) >= 3 and header_layout(run) is not None:
            if layout is not None:
                cut_table()
            rows.flush()
            rows.out.append(SourceRow(tuple(run), _where([t for t in tokens[i:after] if not t.blank])))
            layout = header_layout(run)
            i = after
            continue
        text, nxt = _join(tokens, i)
        if layout is not None and not (text and _label_end(text)):
            pending.append((text, [t for t in tokens[i:nxt] if not t.blank]))
            i = nxt
            continue
        if layout is not None:  # the table has ended
            cut_table()
            layout = None
        if text and (_label_start(text) or tok.start or not rows.sources or PAGE_WORDS.search(text)):
            rows.flush()
        rows.add(text, tok)
        if text and PAGE_WORDS.search(text):
            rows.flush()
        i = nxt
    if layout is not None:
        cut_table()
    rows.flush()
    return rows.out
