"""The TSV backend: the form's text export, in the seed's layout (tab-separated cells, merged
cells left blank, title / 申报单位 / 金额单位 on their own lines), so that `perflang import`
reads it back into the same document.  The grid is shared with the xlsx backend."""

from __future__ import annotations

from attrs import frozen

from ..model import Model
from .html import sheets

__all__ = ["render", "grids", "Grid", "WIDTH"]

WIDTH = 6  # 目标名称 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据
TABLE_HEADER = ("目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据")


@frozen
class Grid:
    """One project's sheet: rows of WIDTH cells (page lines have one cell), the merged ranges
    as (first row, first column, last row, last column) 0-based, and which rows are what."""

    rows: tuple[tuple[str, ...], ...]
    merges: tuple[tuple[int, int, int, int], ...]
    header_rows: tuple[int, ...]  # the tables' column header rows (repeated on every page)
    table_rows: tuple[int, ...]  # rows drawn with borders
    title_row: int = 1


def _cell_text(text: str) -> str:
    """A cell on one line: the export cannot hold tabs or line breaks (documented)."""
    return " ".join(text.replace("\t", " ").splitlines())


class _Builder:
    def __init__(self):
        self.rows: list[tuple[str, ...]] = []
        self.merges: list[tuple[int, int, int, int]] = []
        self.headers: list[int] = []
        self.boxed: list[int] = []

    def line(self, text: str = "") -> None:
        """A line of the page outside the table grid (title, 申报单位, 金额单位)."""
        if text:
            self.merges.append((len(self.rows), 0, len(self.rows), WIDTH - 1))
        self.rows.append((_cell_text(text),) if text else ())

    def row(self, cells, spans=(), boxed=True) -> int:
        r = len(self.rows)
        self.rows.append(tuple(_cell_text(c) for c in cells))
        self.merges += [(r, a, r, b) for a, b in spans]
        if boxed:
            self.boxed.append(r)
        return r

    def table(self, title: str, rows) -> None:
        self.row([title] + [""] * (WIDTH - 1), [(0, WIDTH - 1)])
        self.headers.append(self.row(TABLE_HEADER))
        for cells in rows:
            r = self.row([""] * (WIDTH - len(cells)) + [c["text"] for c in cells])
            for k, c in enumerate(cells):
                column = WIDTH - len(cells) + k
                if c["rowspan"] > 1:
                    self.merges.append((r, column, r + c["rowspan"] - 1, column))


def _grid(sheet: dict) -> Grid:
    b = _Builder()
    for text in ("", sheet["title"], "", "申报单位：", "", sheet["unit"], "", f"金额单位：{sheet['money_unit']}", ""):
        b.line(text)
    # the budget as written (预算 250万 comes back as 250万 on import)
    b.row(["项目名称", sheet["name"], "", "项目预算", "", sheet.get("budget_written", sheet["budget"])], [(1, 2), (3, 4)])
    for label, value in sheet["fields"]:
        b.row([label, value, "", "", "", ""], [(1, WIDTH - 1)])
    b.row(["项目绩效总目标", "", "", "", "", ""], [(0, WIDTH - 1)])
    b.row(["名称", "", "目标说明", "", "", ""], [(0, 1), (2, WIDTH - 1)])
    for label, text in sheet["goals"]:
        b.row([label, "", text, "", "", ""], [(0, 1), (2, WIDTH - 1)])
    for title, rows in sheet["tables"]:
        b.table(title, rows)
    return Grid(tuple(b.rows), tuple(b.merges), tuple(b.headers), tuple(b.boxed))


def grids(model: Model, form: str | None = None) -> list[tuple[dict, Grid]]:
    """(sheet, grid) for every project, in file order."""
    return [(s, _grid(s)) for s in sheets(model, form)]


def render(model: Model, form: str | None = None) -> str:
    """The text export of every project, one after the other."""
    lines = ["\t".join(row) for _, grid in grids(model, form) for row in grid.rows]
    return "\n".join(lines) + "\n"
