"""Reading one indicator table: its column header, then rows placed by the kinds of their cells
(infer.Layout), merged cells filled down, the 一级 a 二级 belongs to supplied where the row lacks it,
and every row either placed or kept as a comment.  A table whose header has project columns (a
system export: 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 …) starts a project at every row
that names one."""

from __future__ import annotations

import re

from .. import framework
from ..syntax.keywords import GOAL_KINDS, normalize_label
from .document import GoalText, Row, SourceRow, goal_key, level_owner
from .infer import Layout, cell_kind, header_roles, level_names, merge_header_rows, stream_doubt, strip_points

__all__ = ["TableReader", "header_columns", "header_layout"]

LEVEL_TEXT = re.compile(r'[^\s/／{}#":：;]+')  # what the grammar accepts as a 一级/二级 name
PROJECT_ROLES = ("org", "project", "budget", "goaltext")
_UNREAD = ("remark", "direction", "kind")  # columns perflang keeps nowhere: reported (results apart)


def header_layout(cells) -> Layout | None:
    """The layout of a table whose column header this row is, else None."""
    roles = header_roles(list(cells))
    if roles is None:
        return None
    # a section title in the first cells (绩效指标, 年度绩效目标(90分)): a label column
    first = next((k for k, r in enumerate(roles) if r and r.split(":")[-1] in ("level1", "level2", "name")), 0)
    if "project" not in roles:  # a column before the levels with no role of its own: a section label
        # or, in a table whose header names no level (评价指标 | 评价内容 | 指标名称 …), the levels'
        # columns under words of their own: what their cells name tells
        leveled = any(r and r.split(":")[-1] in ("level1", "level2") for r in roles)
        other = "label" if leveled else "level"
        roles = [(other if k < first and r in (None, "goaltext") else r) for k, r in enumerate(roles)]
    return Layout(roles)


def header_columns(cells) -> dict[str, int] | None:
    """role -> column index, when the row is a table's column header (the first column of each
    role; results as `result:INDEX`)."""
    layout = header_layout(cells)
    if layout is None:
        return None
    columns: dict[str, int] = {}
    for k, r in enumerate(layout.roles):
        if r == "result":
            columns[f"result:{k}"] = k
        elif r and r not in columns:
            columns[r] = k
    if "name" not in columns and "name3" in columns:
        columns["name"] = columns.pop("name3")
    return columns


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def goal_marker(cell: str) -> tuple[str, int] | None:
    """The goal a label row names before that goal's rows (年度目标1, 长期绩效目标2, 项目年度目标 1:,
    as forms with several goals and no 目标名称 column write them), else None."""
    label = normalize_label(cell)
    return goal_key(label.removeprefix("项目")) if label else None


def _known_levels(level1: str, level2: str) -> bool:
    """Whether the framework knows the 一级 or 二级 written in a row."""
    l1, l2 = level_names(level1) if level1 else (None, None)
    return l1 is not None or bool(level2 and level_names(level2)[1])


_BLOCK_90 = re.compile(r"^\s*绩效指标\s*[（(]\s*90\s*分\s*[）)]\s*$")
_ELLIPSIS = re.compile(r"^(?:…+|\.{2,}|。{2,}|·{2,})$")  # a template's "……" row (one "." is a name)
_SLOT = re.compile(r"^指标\d+[:：]?$")  # a template's empty slot: 指标2
_SYMBOL = re.compile(r"^(?:[≥≤=＝≧≦═><＞＜]|>=|<=)$")


def canonical_level(written: str, level: int, owner: str | None = None) -> str | None:
    """The framework's name for a 一级 (level 1) or 二级 (level 2) as a form writes it, or None."""
    l1, l2 = level_names(written)
    if level == 1:
        return l1
    if l2 and owner and framework.resolve_level2(l2, owner) is None and l1 in framework.LEVEL1.get(owner, ()):
        return l1
    return l2


class TableReader:
    """One table: rows are appended to the project as they are read."""

    def __init__(self, project, keyword: str, form):
        self.project = project
        self.form = form
        self.layout: Layout | None = None
        self.goal = (keyword, 1)
        self.long_goal = ("长期目标", 1)  # the goal of a side-by-side table's long-term half
        self.levels = ["", ""]
        self.long_level2 = ""
        self.blanks: list[SourceRow] = []
        self.header_row: SourceRow | None = None
        self.unread: set[int] = set()
        self.keeps_blanks = False
        self.every_level1 = True  # every row so far writes its 一级 (the table does not merge it)
        self.lost = ""  # a level the framework does not know, over the rows that follow it
        self.said: set = set()  # what the table's notes said once (a level's name read as …)

    @property
    def columns(self):  # what the form asks: has this table a header yet?
        return self.layout

    def once(self, row: SourceRow, key: str, **args) -> None:
        """A note said once for the table, at the first row it is true of."""
        said = (key, tuple(sorted(args.items())))
        if said not in self.said:
            self.said.add(said)
            self.form.note(row, key, **args)

    def keyword(self, keyword: str) -> None:
        self.goal = (keyword, 1)

    def header(self, row: SourceRow, layout: Layout) -> None:
        if self.unread:
            self.note_unread()
        self.layout, self.levels, self.header_row = layout, ["", ""], row
        first = next((c for c in row.cells if _BLOCK_90.match(c)), "")  # the label's cell, wherever it stands
        if first and self.form.doc.profile is None:
            # the form prints its rule: 90 points for the indicators as one block (and 10 for
            # the budget's execution), the Sichuan 2023 self-evaluation's — its profile
            self.form.doc.profile = "四川"
            self.form.note(row, "profile", cell=first, profile="四川")
        self.unread = set()
        results = [row.cells[k] for k, r in enumerate(layout.roles) if r == "result" and k < len(row.cells)]
        if results:
            self.form.note(row, "results", columns="、".join(results))

    def sub_header(self, row: SourceRow) -> bool:
        """A second header row under the first (指标值 over 2021年实际实现值 | 预期2022年实现值):
        its columns take the place of the heading above them."""
        from .infer import column_role

        roles = [column_role(c) if c else None for c in row.cells]
        named = [r for r in roles if r]
        if (
            len(named) < 2
            or any(c and r is None for c, r in zip(row.cells, roles))
            or len(named) < len([c for c in row.cells if c])
        ):
            return False
        if set(named) & {"level1", "level2", "name"} and not self.layout.has("label"):
            return False
        self.layout = Layout(merge_header_rows(self.layout.roles, [r for r in roles if r]))
        return True

    def comment(self, text: str, level1: str = "", level2: str = "", goal=None) -> None:
        self.project.rows.append(
            Row(goal=goal or self.goal, level1=level1, level2=level2, kind="comment", comment=text)
        )

    def blank(self, row: SourceRow) -> None:
        self.blanks.append(row)

    def finish(self) -> None:
        self.blanks = []
        if self.unread:
            self.note_unread()

    def note_unread(self) -> None:
        if self.header_row is None:
            return
        names = [self.header_row.cells[k] for k in sorted(self.unread) if k < len(self.header_row.cells)]
        if names:
            self.once(self.header_row, "unread", columns="、".join(names))
        self.unread = set()

    def feed(self, row: SourceRow) -> None:
        for skipped in self.blanks:
            self.form.note(skipped, "blank")
        self.blanks = []
        layout = header_layout(row.cells)
        if layout:
            self.header(row, layout)
        elif self.layout is None:
            self.form.unplaced(row, "r_no_header", problem=True)
        elif self.layout is not None and self.header_row is not None and self.sub_header(row):
            return
        elif not self.marker(row):
            self.data(row)

    def marker(self, row: SourceRow) -> bool:
        """A row of goal labels alone (年度目标2; 长期目标2 | 年度目标2 over the halves of a side-by-side
        table): the rows after it are that goal's, its levels start again."""
        cells = [c for c in row.cells if c.strip()]
        goals = [goal_marker(c) for c in cells]
        if not cells or not all(goals) or self.layout.has("goal"):
            return False
        for goal in goals:
            if GOAL_KINDS.get(goal[0]) == "long-term" and self.layout.has("long:level2"):
                self.long_goal, self.long_level2 = goal, ""
            else:
                self.goal = goal
        self.levels = ["", ""]
        return True

    def _owner(self) -> str | None:
        return canonical_level(self.levels[0], 1) if self.levels[0] else None

    def data(self, row: SourceRow) -> None:
        layout = self.layout
        if row.doubt and self.header_row is not None:
            columns = [self.header_row.cells[k] for k in stream_doubt(layout.roles) if k < len(self.header_row.cells)]
            said = ("stream", self.header_row.where)
            if said not in self.said:
                self.said.add(said)
                self.form.note(self.header_row, "stream_doubt", True, columns="、".join(columns))
        # a row that starts a goal starts its levels too: no 一级 above it
        owner = None if layout.has("goal") and any(goal_key(c) for c in row.cells[:2] if c) else self._owner()
        placed, extra, shift = layout.align(list(row.cells), owner, positional=not row.stream)
        if row.cells and not row.cells[0].strip():
            self.keeps_blanks = True  # this copy keeps a merged cell blank: a row lacking one is shifted
        elif shift > 0 and self.keeps_blanks and row.cells:
            where = len(row.cells) - len(placed) if False else 0
            column = (
                self.header_row.cells[shift + where] if self.header_row and shift < len(self.header_row.cells) else ""
            )
            self.form.note(row, "shifted", n=shift, cell=row.cells[0], column=column)
        cell = {}
        unknown = []  # what a column of levels holds that the framework does not know
        levels_written = [t for k, t in placed.items() if layout.roles[k] == "level" and t.strip()]
        for col, text in sorted(placed.items()):
            role = layout.roles[col]
            if role == "level" and text.strip():  # a column whose header does not say which level
                l1, l2 = level_names(text)
                if l1 and l2 and len(levels_written) == 1:  # 成本指标 alone: the 二级 under 产出
                    l1 = None if l2 in framework.LEVEL1.get(self._owner() or "", ()) else l1
                role = "level1" if l1 and ("level1" not in cell or not l2) else "level2" if l2 else None
                if role is None:
                    unknown.append(text.strip())
            if role and role not in cell:
                cell[role] = text.strip()
            if role in _UNREAD and text.strip():
                self.unread.add(col)
        get = cell.get
        if any(get(r) for r in PROJECT_ROLES) and layout.has("project"):
            if get("project"):
                self.project = self.form.table_project(
                    row, get("project"), get("org", ""), get("budget", ""), get("goaltext", "")
                )
                self.levels = ["", ""]
        label = get("goal", "")
        content = bool(get("name") or get("value"))  # an indicator row
        if layout.has("project") and not (get("project") or content or get("level1") or get("level2")):
            if get("org") and get("budget"):  # 820-马踏镇部门 | 8,827,620.53: a unit's total
                self.form.subtotal(row, " | ".join(c for c in row.cells if c.strip()))
                return
        if self.project is None:
            if not (content or get("level1") or get("level2")):
                self.form.unplaced(row, "r_row")
                return
            self.project = self.form.implicit_project(row)
        if label:
            key = goal_key(label)
            if key is None:
                self.form.unplaced(row, "r_goal", problem=content, label=label[:20])
                return
            self.goal, self.levels = key, ["", ""]
        level1, level2 = get("level1", ""), get("level2", "")
        if unknown and not level2:
            # 项目年度绩效目标(定量指标) | 制度指标: levels the framework does not have; the rows
            # under them are not placed either
            self.levels, self.lost = ["", ""], unknown[-1]
            self.form.unplaced(row, "r_unknown_level", problem=content, cell=unknown[-1])
            return
        if level1 or level2:
            self.lost = ""
        elif self.lost and content:
            self.form.unplaced(row, "r_unknown_level", problem=True, cell=self.lost)
            return
        if level1:
            bare, points = strip_points(level1)
            if points:
                self.form.note(row, "pool", cell=level1)
                level1 = bare
                if not level1:  # `(30分)`: a new 一级 whose name the copy lost (its 二级 tells it)
                    self.levels = ["", level2]
        if level2:
            bare, points = strip_points(level2)
            if points and bare:
                self.form.note(row, "pool", cell=level2)
                level2 = bare
        if level1:
            if canonical_level(level1, 1) != self._owner():
                self.long_level2 = ""  # a new 一级: the long-term half's 二级 starts again too
            same = canonical_level(level1, 1) == self._owner() and "level2" not in cell
            # a 一级 named again in its own span (a vertically centred merged cell) keeps the 二级
            self.levels = [level1, level2 or (self.levels[1] if same else "")]
        elif level2:
            self.levels[1] = level2
            column = layout.index.get("level1")
            # (in a row cut from a stream of cells a blank's column is the cut's guess: unknown)
            merged = not row.stream and column is not None and column in placed and not placed[column].strip()
            owner = level_owner(canonical_level(level2, 2) or level2)
            if merged or owner and canonical_level(self.levels[0], 1) == owner:
                self.every_level1 = False  # a row of a group without its 一级: the 一级 is merged
            elif owner and (self.every_level1 or self._in_level1_column(row, level2)) and self.levels[0]:
                # a table that writes its 一级 on every row, and a row with no cell at all in the
                # 一级 column, starting at a 二级 that only another 一级 has (`社会公众或服务对象满意度
                # 指标 | 市民满意度 | ≥90%`, a group of two levels): that 一级.  Where the table
                # merges its 一级, the row may be under the 一级 above (a blank the copy kept, or
                # dropped): the table's 一级 stands, and the check asks.
                self.levels[0] = owner
                self.form.note(row, "owner", level2=level2, owner=owner)
        # a side-by-side row pairs its halves by their 二级: a half that only repeats the other's
        # 二级 (no 三级, no value) is the row's pairing, no empty row of its own
        paired = layout.has("long:level2") and _bare(cell.get("long:level2", "")) == _bare(get("level2", "")) != ""
        long_content = bool(cell.get("long:name") or cell.get("long:value"))
        if layout.has("long:level2"):
            self.long_side(row, cell, paired=paired and not long_content)
        row_data = {
            "name": get("name", ""),
            "value": get("value", ""),
            "basis": get("basis", ""),
            "weight": get("weight", ""),
        }
        comparator, unit = get("comparator", ""), get("unit", "")
        if _SYMBOL.match(comparator or "") or unit and unit not in ("-", "—", "/", "／"):
            if row_data["value"]:
                # `= | 100 | %` in 指标性质 / 指标值 / 度量单位 columns: one target, =100%
                row_data["value"] = (
                    (comparator if _SYMBOL.match(comparator) else "")
                    + row_data["value"]
                    + (unit if unit not in ("-", "—", "/", "／") else "")
                ).replace(" ", "")
        if (_ELLIPSIS.match(row_data["name"] or level2 or "-") or _SLOT.match(row_data["name"])) and not (
            row_data["value"] or row_data["weight"]
        ):
            self.form.note(row, "ellipsis")
            return
        filled = [c for c in row.cells if c.strip()]
        if len(filled) == 1 and not (level1 or level2 or row_data["name"] and row.cells[0] == ""):
            if cell_kind(filled[0]) in ("target", "number", "id", "unit", "comparator"):
                self.form.unplaced(row, "r_no_name", problem=True)  # a target without its indicator
            else:  # one cell of text: a footer line (财政部门审核意见:) or a cut-off name
                self.form.unplaced(row, "r_row")
            return
        if not any(row_data.values()):
            if paired and long_content:
                return  # the annual half's 二级 beside the long-term half's row
            if (level1 or level2) and not _known_levels(level1, level2):
                # one cell (a footer line, a cut-off name) is not an indicator row; more are
                self.form.unplaced(row, "r_row", problem=sum(1 for c in row.cells if c) >= 2)
            elif level1 or level2:
                self.comment(
                    f"源{row.where}为空白指标行（{' / '.join(x for x in self.levels if x)}），没有三级指标和指标值",
                    *self.levels,
                )
                self.form.note(row, "template")
            elif get("project"):
                pass
            elif not any(g.keyword == self.goal[0] and g.number == self.goal[1] for g in self.project.goals):
                self.project.goals.append(GoalText(self.goal[0], self.goal[1], ""))
            return
        levels = self.written_levels(row)
        problem = self.problem(row_data["name"], levels) or self.unknown(row, levels)
        if problem == "asked":
            return
        if problem:
            self.form.unplaced(row, problem, problem=True)
            return
        self.project.rows.append(Row(goal=self.goal, level1=levels[0], level2=levels[1], **row_data))
        if extra:
            self.form.unplaced(row, "r_extra", problem=True, cells=extra)

    def _in_level1_column(self, row: SourceRow, level2: str) -> bool:
        """Whether a copy that keeps its blanks has the row's 二级 in the 一级 column (the cell
        right after the blanks it kept stands in the next column)."""
        if row.stream or not row.cells or row.cells[0].strip():
            return False
        lead = next((k for k, c in enumerate(row.cells) if c.strip()), len(row.cells))
        return (
            lead < len(self.layout.roles) and self.layout.roles[lead] == "level1" and row.cells[lead].strip() == level2
        )

    def written_levels(self, row: SourceRow, written: list[str] | None = None) -> list[str]:
        """The 一级 / 二级 to write: as the form writes them where perflang reads them, else the
        framework's name (a note says so); a 二级 without its 一级 gets the 一级 that owns it.
        written: the levels of the long-term half of a side-by-side row (default: the row's)."""
        source = self.levels if written is None else written
        levels = [re.sub(r"\s+", "", x) for x in source]
        if levels != source:
            self.form.note(row, "spaces", levels=" / ".join(levels))
        if not levels[0] and levels[1]:
            owner = level_owner(canonical_level(levels[1], 2) or levels[1])
            if owner:  # `(50分)` or a copy without the 一级: the 一级 that owns the 二级
                levels[0] = source[0] = owner
                self.form.note(row, "owner", level2=levels[1], owner=owner)
        l1 = canonical_level(levels[0], 1) if levels[0] else None
        if l1 and framework.resolve_level1(levels[0]) is None:
            self.once(row, "level_name", cell=levels[0], name=l1)
            levels[0] = l1
        if levels[1]:
            l2 = canonical_level(levels[1], 2, l1)
            if l2 and framework.resolve_level2(levels[1], l1) is None:
                self.once(row, "level_name", cell=levels[1], name=l2)
                levels[1] = l2
        return levels

    def long_side(self, row: SourceRow, cell: dict, paired: bool = False) -> None:
        """The long-term half of a side-by-side table: its rows, or an empty template row (not
        when it only pairs with the annual half's 二级: paired)."""
        level2 = cell.get("long:level2") or self.long_level2
        self.long_level2 = level2
        name, value = cell.get("long:name", ""), cell.get("long:value", "")
        goal = self.long_goal
        level1 = re.sub(r"\s+", "", self.levels[0])
        if name or value:
            if level2:
                level1, level2 = self.written_levels(row, [self.levels[0], strip_points(level2)[0]])
            problem = self.problem(name, [level1, level2])
            if problem:
                self.form.unplaced(row, problem, problem=True, cells=[level1, level2, name, value])
                return
            if self.unknown(SourceRow((level1, level2, name, value), row.where), [level1, level2]) is None:
                self.project.rows.append(Row(goal=goal, level1=level1, level2=level2, name=name, value=value))
        elif cell.get("long:level2") and not paired:
            self.comment(
                f"源{row.where}为空白指标行（{level1} / {level2}），没有三级指标和指标值", level1, level2, goal=goal
            )
            self.form.note(row, "template")

    def unknown(self, row: SourceRow, levels: list[str]) -> str | None:
        """A 一级 or 二级 the framework does not know (社会、经济、生态效益指标: which of the three?):
        asked, not guessed — the row is kept as a comment."""
        l1 = framework.resolve_level1(levels[0])
        bad = levels[0] if l1 is None else levels[1] if framework.resolve_level2(levels[1], l1) is None else ""
        if not bad:
            return None
        self.form.unplaced(row, "r_unknown_level", problem=True, cell=bad)
        return "asked"

    @staticmethod
    def problem(name: str, levels: list[str]) -> str | None:
        if not name:
            return "r_no_name"
        if not levels[0] or not levels[1]:
            return "r_no_levels"
        if not all(LEVEL_TEXT.fullmatch(x) for x in levels):
            return "r_bad_levels"
        return None
