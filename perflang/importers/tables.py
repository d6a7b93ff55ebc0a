"""Reading one indicator table of the form: its column header, then rows with merged cells
filled down, shifted rows put back, and every row either placed or kept as a comment."""

from __future__ import annotations

import re

from .. import framework
from .document import GoalText, Row, goal_key, level_owner
from .sources import SourceRow

__all__ = ["TableReader", "header_columns"]

LEVEL_TEXT = re.compile(r'[^\s/／{}#":：;]+')  # what the grammar accepts as a 一级/二级 name


def column_role(name: str) -> str | None:
    """The role of a column from its header text (the names differ between regions)."""
    if name in ("目标名称", "目标", "绩效目标"):
        return "goal"
    if name in ("一级指标", "二级指标", "三级指标"):
        return {"一": "level1", "二": "level2", "三": "name"}[name[0]]
    if "依据" in name or name in ("绩效标准", "指标标准", "评价标准"):
        return "basis"
    if name.startswith("分值") or name == "权重":
        return "weight"
    if "指标值" in name or name in ("目标值", "指标目标值"):
        return "value"
    return None


def header_columns(cells) -> dict[str, int] | None:
    """role -> column index, when the row is a table's column header."""
    names = [re.sub(r"\s+", "", c) for c in cells]
    if "一级指标" not in names or "三级指标" not in names:
        return None
    columns: dict[str, int] = {}
    for index, name in enumerate(names):
        role = column_role(name)
        if role and role not in columns:
            columns[role] = index
    return columns


def _known_levels(level1: str, level2: str) -> bool:
    """Whether the framework knows the 一级 or 二级 written in a row."""
    l1 = framework.resolve_level1(re.sub(r"\s+", "", level1)) if level1 else None
    return l1 is not None or bool(level2 and framework.resolve_level2(re.sub(r"\s+", "", level2), l1))


class TableReader:
    """One table: rows are appended to the project as they are read."""

    def __init__(self, project, keyword: str, form):
        self.project = project
        self.form = form
        self.columns: dict[str, int] | None = None
        self.goal = (keyword, 1)
        self.levels = ["", ""]
        self.blanks: list[SourceRow] = []

    def comment(self, text: str, level1: str = "", level2: str = "") -> None:
        self.project.rows.append(Row(goal=self.goal, level1=level1, level2=level2,
                                     kind="comment", comment=text))

    def blank(self, row: SourceRow) -> None:
        self.blanks.append(row)

    def finish(self) -> None:
        self.blanks = []

    def feed(self, row: SourceRow) -> None:
        for skipped in self.blanks:
            self.form.note(skipped, "表格中的空白行，已跳过")
        self.blanks = []
        columns = header_columns(row.cells)
        if columns:
            self.columns, self.levels = columns, ["", ""]
        elif self.columns is None:
            self.form.unplaced(row, "指标表缺少表头（目标名称、一级指标、二级指标、三级指标、指标值）")
        else:
            self.data(row)

    def realign(self, row: SourceRow, cells: list[str]) -> list[str]:
        """Put back a row shifted left: a 一级 name in the 目标名称 column, or a 二级 name in
        the 一级 column with the row one cell short (a two-level 满意度 row)."""
        g = self.columns.get("goal")
        if g is not None and g < len(cells) and cells[g] and goal_key(cells[g]) is None \
                and framework.resolve_level1(cells[g]) is not None:
            cells.insert(g, "")
            self.form.note(row, f"这一行左移了一格（“{cells[g + 1]}”写在了目标名称列），已按原位读取")
        l1 = self.columns["level1"]
        if l1 < len(cells) and cells[l1] and len(cells) <= max(self.columns.values()):
            owner = level_owner(cells[l1])
            if owner:
                self.form.note(row, f"这一行只有二级指标“{cells[l1]}”，缺少一级指标，已补为“{owner}”")
                cells.insert(l1, owner)
        return cells

    def cell(self, cells: list[str], role: str) -> str:
        index = self.columns.get(role)
        return cells[index] if index is not None and index < len(cells) else ""

    def data(self, row: SourceRow) -> None:
        cells = self.realign(row, list(row.cells))
        label = self.cell(cells, "goal")
        if label:
            key = goal_key(label)
            if key is None:
                self.form.unplaced(row, f"目标名称“{label[:20]}”无法识别")
                return
            self.goal, self.levels = key, ["", ""]
        level1, level2 = self.cell(cells, "level1"), self.cell(cells, "level2")
        if level1:
            self.levels = [level1, level2]
        elif level2:
            self.levels[1] = level2
        row_data = {r: self.cell(cells, r) for r in ("name", "value", "basis", "weight")}
        if not any(row_data.values()):
            if (level1 or level2) and not _known_levels(level1, level2):
                self.form.unplaced(row, "无法识别的行")
            elif level1 or level2:
                self.comment(f"源{row.where}为空白指标行（{' / '.join(x for x in self.levels if x)}），"
                             "没有三级指标和指标值", *self.levels)
                self.form.note(row, "空白指标行（只有指标分类），已作为注释保留")
            elif not any(g.keyword == self.goal[0] and g.number == self.goal[1]
                         for g in self.project.goals):
                self.project.goals.append(GoalText(self.goal[0], self.goal[1], ""))
            return
        levels = [re.sub(r"\s+", "", x) for x in self.levels]
        if levels != self.levels:
            self.form.note(row, f"指标分类名称中的空白已去掉：{' / '.join(levels)}")
        problem = self.problem(row_data["name"], levels)
        if problem:
            self.form.unplaced(row, problem)
            return
        self.project.rows.append(Row(goal=self.goal, level1=levels[0], level2=levels[1],
                                     **row_data))
        used = set(self.columns.values())
        extra = [c for k, c in enumerate(cells) if c and k not in used]
        if extra:
            self.form.unplaced(SourceRow(tuple(extra), row.where), "表格以外多出的单元格")

    @staticmethod
    def problem(name: str, levels: list[str]) -> str | None:
        if not name:
            return "缺少三级指标名称"
        if not levels[0] or not levels[1]:
            return "缺少一级或二级指标"
        if not all(LEVEL_TEXT.fullmatch(x) for x in levels):
            return "一级或二级指标名称含有不能使用的字符"
        return None
