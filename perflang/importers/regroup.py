"""One cell a line (what copying a table out of a PDF or a web page gives): the rows put back.

Above the indicator table a label of the form (keywords.LABELS) starts a row and the cells
after it are its values.  The column header of the indicator table is the run of column
labels (一级指标, 二级指标, 三级指标, 指标值 …); below it a goal label, a known 一级 name or a
known 二级 name goes to its column, and every other cell to the next free column on its right
(a cell that would go left of where the row stands starts a new row, the merged cells on its
left blank).  Each rebuilt row is named by the lines it came from (第12–15行).
"""

from __future__ import annotations

import re

from .. import framework
from ..syntax.keywords import COLUMN_LABELS, label_key, normalize_label
from .document import SourceRow, goal_key

__all__ = ["regroup"]

_TITLE = re.compile(r"绩效.*表|^[(（]?\d{4}年度?[)）]?$|^(?:申报|填报|金额)单位")


def _column(cell: str) -> str | None:
    label = re.sub(r"（(?:长期|年度)）$", "", normalize_label(cell))
    return COLUMN_LABELS.get(label)


def _where(rows: list[SourceRow]) -> str:
    first, last = rows[0].where, rows[-1].where
    if first == last:
        return first
    return f"{first[:-1]}–{last[1:]}" if first.startswith("第") else f"{first}–{last}"


class _Rows:
    def __init__(self):
        self.out: list[SourceRow] = []
        self.cells: list[str] = []
        self.sources: list[SourceRow] = []

    def flush(self):
        if self.sources:
            self.out.append(SourceRow(tuple(self.cells), _where(self.sources)))
        self.cells, self.sources = [], []

    def add(self, cell: str, source: SourceRow, column: int | None = None):
        if column is not None:
            self.cells += [""] * (column - len(self.cells))
        self.cells.append(cell)
        self.sources.append(source)


def _role(cell: str, columns: dict[str, int], level1: str | None) -> str | None:
    if "goal" in columns and goal_key(cell) is not None:
        return "goal"
    name = re.sub(r"\s+", "", cell)
    if level1 and framework.resolve_level2(name, level1) is not None:  # 成本指标 under 产出
        return "level2"
    if framework.resolve_level1(name) is not None:
        return "level1"
    if framework.resolve_level2(name, None) is not None:
        return "level2"
    return None


def regroup(lines: list[SourceRow]) -> list[SourceRow]:
    rows = _Rows()
    columns: dict[str, int] | None = None
    header: list[str] = []
    level1 = None
    for line in lines:
        if not line.cells:
            continue
        cell = line.cells[0]
        if _column(cell) == "level1" or (header and _column(cell) is not None):
            if not header:  # a column header starts with 一级指标 (or 目标名称 before it)
                rows.flush()
            header.append(cell)
            rows.add(cell, line)
            continue
        if _column(cell) == "goal" and columns is None:
            rows.flush()
            header.append(cell)
            rows.add(cell, line)
            continue
        if header:  # the column header is complete
            columns = {}
            for k, name in enumerate(header):
                columns.setdefault(_column(name), k)
            columns.setdefault("name", columns.get("name3", -1))
            header = []
            rows.flush()
        if normalize_label(cell) in ("合计", "总分", "说明", "评价结论"):  # the table has ended
            rows.flush()
            columns = None
        if columns is None or _TITLE.search(cell) or label_key(cell) is not None:
            if label_key(cell) is not None or _TITLE.search(cell) or not rows.sources:
                rows.flush()
            rows.add(cell, line)
            continue
        role = _role(cell, columns, level1)
        if role == "level1":
            level1 = framework.resolve_level1(re.sub(r"\s+", "", cell))
        target = columns.get(role) if role else None
        if target is None:
            target = max(len(rows.cells), columns["name"])
            if target > max(columns.values()):
                rows.flush()
                target = columns["name"]
        elif target < len(rows.cells) or (rows.cells and role == "goal"):
            rows.flush()
        rows.add(cell, line, target)
    rows.flush()
    return rows.out
