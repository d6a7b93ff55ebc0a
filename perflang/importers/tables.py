"""Reading one indicator table of the form: its column header, then rows with merged cells
filled down, shifted rows put back, and every row either placed or kept as a comment."""

from __future__ import annotations

import re

from .. import framework
from ..syntax.keywords import COLUMN_LABELS, normalize_label
from .document import GoalText, Row, goal_key, level_owner
from .sources import SourceRow

__all__ = ["TableReader", "header_columns"]

LEVEL_TEXT = re.compile(r'[^\s/／{}#":：;]+')  # what the grammar accepts as a 一级/二级 name


def column_role(name: str) -> str | None:
    """The role of a column from its header text (the names differ between regions; the
    table of them is keywords.COLUMN_LABELS)."""
    label = normalize_label(name)
    role = COLUMN_LABELS.get(label)
    if role is None and re.search(r"(?:指标值|目标值)", label) and "实际" not in label:
        role = "value"
    if role is None and (label.startswith("分值") or label.startswith("权重")):
        role = "weight"
    if role is None and ("依据" in label or "标准" in label):
        role = "basis"
    if role is None and re.search("实际|完成值|得分|原因|偏差", label):
        role = "result"
    return role


def header_columns(cells) -> dict[str, int] | None:
    """role -> column index, when the row is a table's column header.  Side by side long-term
    and annual columns (`二级指标(长期) … 二级指标(年度)`) give the long-term ones as `long:ROLE`;
    self-evaluation results as `result:INDEX`."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        label = normalize_label(cell)
        m = re.match(r"^(.*)（(长期|年度)）$", label)
        side = ""
        if m:
            label, side = m.group(1), "long:" if m.group(2) == "长期" else ""
        role = column_role(label)
        if role == "result":
            columns[f"result:{index}"] = index
        elif role and side + role not in columns:
            columns[side + role] = index
    if "name" not in columns and "name3" in columns:
        columns["name"] = columns.pop("name3")
    if "level1" not in columns or ("name" not in columns and "level2" not in columns):
        return None
    return columns


def _known_levels(level1: str, level2: str) -> bool:
    """Whether the framework knows the 一级 or 二级 written in a row."""
    l1 = framework.resolve_level1(re.sub(r"\s+", "", level1)) if level1 else None
    return l1 is not None or bool(level2 and framework.resolve_level2(re.sub(r"\s+", "", level2), l1))


_POOL = re.compile(r"\s*[（(]\s*\d+(?:\.\d+)?\s*分\s*[）)]\s*$")
_BLOCK_90 = re.compile(r"^\s*绩效指标\s*[（(]\s*90\s*分\s*[）)]\s*$")
_ELLIPSIS = re.compile(r"^(?:…+|\.{2,}|。{2,}|·{2,})$")  # a template's "……" row (one "." is a name)
_SLOT = re.compile(r"^指标\d+[:：]?$")  # a template's empty slot: 指标2


class TableReader:
    """One table: rows are appended to the project as they are read."""

    def __init__(self, project, keyword: str, form):
        self.project = project
        self.form = form
        self.columns: dict[str, int] | None = None
        self.goal = (keyword, 1)
        self.levels = ["", ""]
        self.long_level2 = ""
        self.blanks: list[SourceRow] = []

    def keyword(self, keyword: str) -> None:
        self.goal = (keyword, 1)

    def header(self, row: SourceRow, columns: dict[str, int]) -> None:
        self.columns, self.levels = columns, ["", ""]
        first = next((c for c in row.cells if c), "")
        if _BLOCK_90.match(first) and self.form.doc.profile is None:
            # the form prints its rule: 90 points for the indicators as one block (and 10 for
            # the budget's execution), the Sichuan 2023 self-evaluation's — its profile
            self.form.doc.profile = "四川"
            self.form.note(row, "profile", cell=first, profile="四川")
        results = [row.cells[v] for k, v in columns.items() if k.startswith("result:")]
        if results:
            self.form.note(row, "results", columns="、".join(results))

    def comment(self, text: str, level1: str = "", level2: str = "", goal=None) -> None:
        self.project.rows.append(
            Row(goal=goal or self.goal, level1=level1, level2=level2, kind="comment", comment=text)
        )

    def blank(self, row: SourceRow) -> None:
        self.blanks.append(row)

    def finish(self) -> None:
        self.blanks = []

    def feed(self, row: SourceRow) -> None:
        for skipped in self.blanks:
            self.form.note(skipped, "blank")
        self.blanks = []
        columns = header_columns(row.cells)
        if columns:
            self.header(row, columns)
        elif self.columns is None:
            self.form.unplaced(row, "r_no_header", problem=True)
        else:
            self.data(row)

    def realign(self, row: SourceRow, cells: list[str]) -> list[str]:
        """Put back a row shifted left: a 一级 name in the 目标名称 column, or a 二级 name in
        the 一级 column with the row one cell short (a two-level 满意度 row)."""
        g = self.columns.get("goal")
        if (
            g is not None
            and g < len(cells)
            and cells[g]
            and goal_key(cells[g]) is None
            and framework.resolve_level1(cells[g]) is not None
        ):
            cells.insert(g, "")
            self.form.note(row, "shifted", cell=cells[g + 1])
        l1 = self.columns["level1"]
        width = max(v for k, v in self.columns.items() if not k.startswith("result:"))
        if l1 < len(cells) and cells[l1] and len(cells) <= width:
            owner = level_owner(cells[l1])
            if owner:
                self.form.note(row, "owner", level2=cells[l1], owner=owner)
                cells.insert(l1, owner)
        return cells

    def cell(self, cells: list[str], role: str) -> str:
        index = self.columns.get(role)
        return cells[index] if index is not None and index < len(cells) else ""

    def data(self, row: SourceRow) -> None:
        cells = self.realign(row, list(row.cells))
        label = self.cell(cells, "goal")
        content = bool(self.cell(cells, "name") or self.cell(cells, "value"))  # an indicator row
        if label:
            key = goal_key(label)
            if key is None:
                self.form.unplaced(row, "r_goal", problem=content, label=label[:20])
                return
            self.goal, self.levels = key, ["", ""]
        level1, level2 = self.cell(cells, "level1"), self.cell(cells, "level2")
        if level1 and _POOL.search(level1):
            self.form.note(row, "pool", cell=level1)
            level1 = _POOL.sub("", level1)
            if not level1:  # `(30分)`: a new 一级 whose name the copy lost (its 二级 tells it)
                self.levels = ["", level2]
        if level1:
            self.levels = [level1, level2]
        elif level2:
            self.levels[1] = level2
        if "long:level2" in self.columns:
            self.long_side(row, cells)
        row_data = {r: self.cell(cells, r) for r in ("name", "value", "basis", "weight")}
        if row_data["value"] and ("comparator" in self.columns or "unit" in self.columns):
            # `= | 100 | %` in 指标性质 / 指标值 / 度量单位 columns: one target, =100%
            row_data["value"] = (self.cell(cells, "comparator") + row_data["value"] + self.cell(cells, "unit")).replace(
                " ", ""
            )
        if (_ELLIPSIS.match(row_data["name"] or level2 or "-") or _SLOT.match(row_data["name"])) and not (
            row_data["value"] or row_data["weight"]
        ):
            self.form.note(row, "ellipsis")
            return
        if not any(row_data.values()):
            if (level1 or level2) and not _known_levels(level1, level2):
                # one cell (a footer line, a cut-off name) is not an indicator row; more are
                self.form.unplaced(row, "r_row", problem=sum(1 for c in row.cells if c) >= 2)
            elif level1 or level2:
                self.comment(
                    f"源{row.where}为空白指标行（{' / '.join(x for x in self.levels if x)}），没有三级指标和指标值",
                    *self.levels,
                )
                self.form.note(row, "template")
            elif not any(g.keyword == self.goal[0] and g.number == self.goal[1] for g in self.project.goals):
                self.project.goals.append(GoalText(self.goal[0], self.goal[1], ""))
            return
        levels = [re.sub(r"\s+", "", x) for x in self.levels]
        if levels != self.levels:
            self.form.note(row, "spaces", levels=" / ".join(levels))
        if not levels[0] and levels[1] and level_owner(levels[1]):  # `(50分)`: the 一级 is only its points
            levels[0] = self.levels[0] = level_owner(levels[1])
            self.form.note(row, "owner", level2=levels[1], owner=levels[0])
        problem = self.problem(row_data["name"], levels)
        if problem:
            self.form.unplaced(row, problem, problem=True)
            return
        self.project.rows.append(Row(goal=self.goal, level1=levels[0], level2=levels[1], **row_data))
        used = set(self.columns.values())
        extra = [c for k, c in enumerate(cells) if c and k not in used]
        if extra:
            self.form.unplaced(row, "r_extra", problem=True, cells=extra)

    def long_side(self, row: SourceRow, cells: list[str]) -> None:
        """The long-term half of a side-by-side table: its rows, or an empty template row."""
        level2 = self.cell(cells, "long:level2") or self.long_level2
        self.long_level2 = level2
        name, value = self.cell(cells, "long:name"), self.cell(cells, "long:value")
        goal = ("长期目标", 1)
        level1 = re.sub(r"\s+", "", self.levels[0])
        if name or value:
            problem = self.problem(name, [level1, level2])
            if problem:
                self.form.unplaced(row, problem, problem=True, cells=[level1, level2, name, value])
            else:
                self.project.rows.append(
                    Row(goal=goal, level1=level1, level2=re.sub(r"\s+", "", level2), name=name, value=value)
                )
        elif self.cell(cells, "long:level2"):
            self.comment(
                f"源{row.where}为空白指标行（{level1} / {level2}），没有三级指标和指标值", level1, level2, goal=goal
            )
            self.form.note(row, "template")

    @staticmethod
    def problem(name: str, levels: list[str]) -> str | None:
        if not name:
            return "r_no_name"
        if not levels[0] or not levels[1]:
            return "r_no_levels"
        if not all(LEVEL_TEXT.fullmatch(x) for x in levels):
            return "r_bad_levels"
        return None
