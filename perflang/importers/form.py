"""Reading the form: rows of cells -> ImportedDoc.

The reader walks the rows once.  A title line starts a new page of the form; 申报单位 and 金额单位
stand on their own lines; the project's name label (项目名称 …) starts a project whose header
rows are label/value pairs, recognised by the one table of labels (perflang/syntax/keywords.py); goal
rows carry the goal texts, one goal a row or several side by side with their texts in the row
below; a funds block (年度资金总额 with its amount columns) gives the funding lines; a table
title and its column header start an indicator table whose rows fill merged (blank) cells down.
Known irregularities are repaired and noted; whatever cannot be placed becomes a `Row` of kind
"comment", kept in the output at its place, and is reported with its source position.
"""

from __future__ import annotations

import re

from ..model import parse_budget
from ..syntax.keywords import GOAL_KINDS, PAGE_WORDS, SETTINGS, label_key, normalize_label, setting_label
from ..units import MONEY_UNITS
from .document import GOAL_KEYWORDS, GoalText, ImportedDoc, ImportedProject, Note, SourceRow, goal_key
from .infer import column_role, level_names
from .tables import TableReader, header_layout

__all__ = ["read_form", "SETTING_LABELS"]

TITLE = re.compile(r"^(?:(\d{4})年)?.*?绩效(?:目标)?(批复|申报|目标)表")
SELF_TITLE = re.compile(r"绩效(?:目标)?自评表")
YEAR_IN = re.compile(r"[(（]\s*(\d{4})\s*年度?\s*[)）]?")
YEAR_LINE = re.compile(r"^[(（]?\s*(\d{4})\s*年度?\s*[)）]$|^[(（]\s*(\d{4})\s*年度?\s*[)）]?$")
FUNDING_LABEL = re.compile(r"^(?:其中|资金)\s*[：:]")
AMOUNT_HEADER = re.compile(r"预算数|执行数|执行率|^分值|^得分|^年初预算|^调整后预算|^预算执行")
RESULT_HEADER = re.compile(r"执行数|执行率|^分值|^得分|实际|完成情况")
# which setting labels the page's own words (the one table is perflang/syntax/keywords.py)
_PROJECT_SETTINGS = ("budget", "department", "implementer", "nature", "period", "category")
# each setting key -> its Chinese keyword; each Chinese label of a project setting -> the keyword
_SETTING_WORD = {key: setting_label(key) for key in (*_PROJECT_SETTINGS, "unit")}
SETTING_LABELS = {s: k.zh for k in SETTINGS if k.key in _PROJECT_SETTINGS for s in (k.zh, *k.aliases)}


def _label(cell: str) -> str | None:
    key = label_key(cell)
    return key[0] if key else None


def _indicator_row(cells: list[str]) -> bool:
    """A row that reads as an indicator table's: a 一级 or 二级 name in its first two cells and a
    name and a value after it."""
    return len(cells) >= 4 and any(level_names(c) != (None, None) for c in cells[:2])


def _table_word(cell: str) -> bool:
    """A column header of the levels (一级指标, 二级指标, 三级指标) or a level's name written as a
    table writes it (数量指标, 产出指标(50分)) — not a form's label or value."""
    bare = re.sub(r"\s+", "", cell)
    if column_role(bare) in ("level1", "level2"):
        return True
    stem = re.sub(r"[(（][^()（）]*[)）]分?$", "", bare)
    return stem.endswith("指标") and level_names(bare) != (None, None)


def _goal_label(cell: str) -> bool:
    return goal_key(cell) is not None or (_label(cell) or "").startswith("goal:")


def _title(cell: str) -> bool:
    return bool(TITLE.match(cell) or SELF_TITLE.search(cell))


def _header_top(row: SourceRow) -> bool:
    """A row of column words over a system export's table whose levels stand in the row below:
    project columns and a heading (绩效指标) over the indicator columns, no 一级 column."""
    cells = [c for c in row.cells if c.strip()]
    roles = [column_role(c) for c in cells]
    return (
        len(cells) >= 3
        and all(roles)
        and bool({"project", "org", "budget", "goaltext"} & set(roles))
        and "label" in roles
        and header_layout(row.cells) is None
    )


def _merge_headers(top: SourceRow, sub: SourceRow) -> SourceRow | None:
    """The header under the heading of the row above it, as one row: the heading's place taken by
    the sub-row's columns."""
    if header_layout(sub.cells) is None:
        return None
    cells = [c for c in top.cells if c.strip()]
    under = [c for c in sub.cells if c.strip()]
    k = [column_role(c) for c in cells].index("label")
    merged = tuple(cells[:k] + under + cells[k + 1 :])
    if header_layout(merged) is None:
        return None
    return SourceRow(merged, f"{top.where}–{sub.where.lstrip('第')}" if top.where.startswith("第") else top.where)


def _rejoin(rows: list[SourceRow]) -> list[SourceRow]:
    """A label a copy broke over two lines (`总体` / `目标`): two one-cell rows of a few
    characters, neither a label, that make one together, are one row."""
    out: list[SourceRow] = []
    k = 0
    while k < len(rows):
        a = rows[k]
        b = rows[k + 1] if k + 1 < len(rows) else None
        one = [c for c in a.cells if c]
        two = [c for c in b.cells if c] if b is not None else []
        if (
            len(one) == 1
            and len(two) == 1
            and len(one[0]) <= 4
            and len(two[0]) <= 4
            and _label(one[0]) is None
            and _label(two[0]) is None
            and (_label(one[0] + two[0]) is not None or goal_key(one[0] + two[0]) is not None)
        ):
            out.append(SourceRow((one[0] + two[0],), f"{a.where}–{b.where.lstrip('第')}"))
            k += 2
            continue
        out.append(a)
        k += 1
    return out


def _is_label(cell: str) -> bool:
    """A known header label: an empty value is followed directly by the next label."""
    key = _label(cell)
    return key is not None and (key.startswith("setting:") or key in ("project", "funding-total", "funding"))


def _split_label(cell: str) -> tuple[str, str | None]:
    """'申报单位：鄂州市数据局' -> ('申报单位', '鄂州市数据局'); a bare label -> (label, None)."""
    m = re.search("[：:]", cell)
    if m:
        return cell[: m.start()].strip(), cell[m.end() :].strip()
    return cell, None


def _amount(text: str) -> bool:
    return parse_budget(text, "万元").value is not None if text else False


def _funds_name(label: str, value: str) -> str:
    """Whether a label the table of labels does not know names a source of money by its words,
    with an amount or nothing as its value: "part" (该项目支出上级资金, 中央财政拨款), "total"
    (本级资金合计), else ""."""
    name = normalize_label(label)
    if value and not _leading_amount(value):
        return ""
    if "资金" in name and re.search("总额|合计|总计", name):
        return "total"
    return "part" if re.search("(?:资金|拨款)$", name) else ""


def _leading_amount(text: str) -> str:
    """The amount a funds cell gives: the cell, or the amount before a bracketed breakdown at its
    end (`854万(高标准农田建设400万元,示范建设295万元)`: 854万); "" when it gives none.  (Found
    by the last opening bracket, not by a pattern that backtracks over a long cell.)"""
    if _amount(text):
        return text
    text = text or ""
    if not text.endswith((")", "）")):
        return ""
    k = max(text.rfind("("), text.rfind("（"))
    head = text[:k].rstrip()
    if k < 0 or not head or re.search("[()（）]", text[k + 1 : -1]):
        return ""
    return head if _amount(head) else ""


# the money unit at the end of a header line that holds the unit too (申报单位：某局金额单位：万元,
# as a page's two spans or a copy without the space between them give it); searched for alone,
# the part before it cut off by hand: no pattern that backtracks over a long cell
_MONEY_TAIL = re.compile(rf"(?:金额)?单位\s*[：:]\s*(?:{'|'.join(MONEY_UNITS)})$")


def _header_line(cells: list[str]) -> list[str] | None:
    """The two parts of a header line written in one cell: `申报单位：X` and `金额单位：万元`
    (the money unit, named by the unit table, at its end); None when the line is not one."""
    if len(cells) != 1:
        return None
    m = _MONEY_TAIL.search(cells[0])
    head = cells[0][: m.start()].strip() if m else ""
    if not any(c in "：:" for c in head[1:]) or _label(_split_label(head)[0]) not in ("unit", "setting:unit"):
        return None
    return [head, m.group(0)]


# a form's sign-off lines under its table: 财政部门审核意见：, 填表人：… 联系电话：… 单位负责人签字：
_SIGN_WORD = re.compile(r"填表人|填报人|审核意见|签字|签章|盖章|负责人")
_DATE_BLANK = re.compile(r"^[年月日\s\u3000]*$")
# a note the form prints under its table: 注：…, 备注：…, 填表说明：…
_FORM_NOTE = re.compile(r"^(?:注|备注|说明|填表说明)\s*(?:\d+\s*)?[：:]")


# the goal texts of one cell, each after its label and number (年度目标1：… 年度目标2：…), as a form
# without a row per goal prints several
_GOAL_PART = re.compile(
    rf"(?:^|(?<=\s))({'|'.join(sorted(GOAL_KEYWORDS, key=len, reverse=True))})(?:绩效)?目标\s*(\d+)\s*[：:]"
)


def split_goal_text(goal: GoalText) -> list[GoalText]:
    """A goal text holding several goals' texts, each after its label and number (年度目标1：…
    年度目标2：…, on lines of their own or not), as those goals; the goal alone otherwise."""
    found = list(_GOAL_PART.finditer(goal.text))
    if len(found) < 2 or found[0].start() != 0:
        return [goal]
    parts = []
    for m, after in zip(found, [*found[1:], None]):
        keyword = GOAL_KEYWORDS[m.group(1)]
        text = goal.text[m.end() : after.start() if after else len(goal.text)].strip()
        parts.append(GoalText(keyword, int(m.group(2)), text))
    kinds = {GOAL_KINDS.get(g.keyword) for g in parts}
    numbers = [g.number for g in parts]
    if kinds != {GOAL_KINDS.get(goal.keyword)} or len(set(numbers)) != len(numbers):
        return [goal]  # labels of another kind, or a number twice: a text that only looks so
    return parts


def sign_off_pairs(cells: list[str]) -> list[tuple[str, str]] | None:
    """The label：value pairs of a form's sign-off line (`填表人：宋云花　联系电话：1660… 填报日期：
    单位负责人签字：`), a blank date (年 月 日) as no value; None when the line is not one: it
    must be pairs from its start, one of them a sign-off word's (填表人, 审核意见, 签字, 盖章 …)."""
    text = "  ".join(c.strip() for c in cells if c.strip())
    found = _labels(text)
    if not found or text[: found[0][0]].strip() or not any(_SIGN_WORD.search(label) for _, label, _ in found):
        return None
    pairs = []
    for (_, label, end), after in zip(found, [*found[1:], None]):
        value = text[end : after[0] if after else len(text)].strip(" \t\u3000")
        pairs.append((label, "" if _DATE_BLANK.match(value) else value))
    return pairs


def _labels(text: str) -> list[tuple[int, str, int]]:
    """Each `label：` of a line as (where the label starts, the label, where its colon ends): the
    label is the run of characters before the colon (spaces between them allowed) back to a space
    or another colon, and holds a Chinese character.  One pass, each character looked at a
    bounded number of times (a pattern would backtrack over a long cell without colons)."""
    found = []
    for colon in re.finditer("[：:]", text):
        end = colon.start()
        while end and text[end - 1].isspace():
            end -= 1
        start = end
        while start and not text[start - 1].isspace() and text[start - 1] not in "：:":
            start -= 1
        label = text[start:end]
        if re.search("[\u4e00-\u9fff]", label):
            found.append((start, label, colon.end()))
    return found


class FormReader:
    """The state of one pass over the rows."""

    def __init__(self):
        self.doc = ImportedDoc()
        self.project: ImportedProject | None = None
        self.table: TableReader | None = None
        self.want_unit = False
        self.page_unit: str | None = None
        self.goal_columns: dict[int, tuple[str, int, str]] | None = None  # side-by-side goals
        self.funds: dict | None = None  # the amount columns of a funds block
        self.budget_candidate: tuple[str, str, SourceRow] | None = None
        self.totals: list[tuple[str, str]] = []  # the project's funds totals (资金总额 …), as read
        self.empty_goals: list = []
        self.top_header: SourceRow | None = None  # a header row that may stand over another
        self.want_goal: GoalText | None = None  # a goal label alone on its line: its text follows

    def note(self, row: SourceRow, key: str, problem: bool = False, **args) -> None:
        note = Note(row.where, key, args, problem)
        if note not in self.doc.notes[-8:]:  # the same thing said of the same row once
            self.doc.notes.append(note)

    def unplaced(
        self, row: SourceRow, reason: str, problem: bool = False, cells=None, quiet: bool = False, **args
    ) -> None:
        """A row kept as a comment where it stood, with a note (quiet: the form's own text, such
        as the 注 it prints under its table, kept without one)."""
        from ..messages import IMPORT_MESSAGES

        text = " | ".join(c for c in (cells if cells is not None else row.cells) if c)
        if not problem and any(level_names(c) != (None, None) for c in row.cells if c):
            problem = True  # a row naming a 一级 or 二级 was an indicator table's: not placed is a problem
        comment = f"未导入（源{row.where}，{IMPORT_MESSAGES[reason][0].format(**args)}）：{text}"
        if problem or not quiet:
            self.note(row, "kept", problem, reason=(reason, args), text=text)
        if self.table is not None and self.project is not None:
            self.table.comment(comment)
        elif self.project is not None:
            self.project.comments.append(comment)
        else:
            self.doc.comments.append(comment)

    def feed(self, row: SourceRow) -> None:
        """A row; a header over a header (单位代码 | 单位名称 | 资金总额 | 绩效指标 | 备注, then
        一级指标 | 二级指标 … under 绩效指标) is read as one header."""
        top, self.top_header = self.top_header, None
        if top is not None:
            merged = _merge_headers(top, row)
            if merged is None:
                self._feed(top)
            else:
                row = merged
        if _header_top(row) and self.table is None:
            self.top_header = row
            return
        self._feed(row)

    def _feed(self, row: SourceRow) -> None:
        cells = [c for c in row.cells if c]
        if not cells:
            if self.table is not None:
                self.table.blank(row)
            return
        head = cells[0]
        label = _label(head)
        if self.want_unit and len(cells) == 1 and label is None and not self.page_line(row, cells, dry=True):
            self.want_unit = False
            self.set_unit(head)
            return
        self.want_unit = False
        want_goal, self.want_goal = self.want_goal, None
        if want_goal is not None and len(cells) == 1 and label is None and goal_key(head) is None and not self.table:
            want_goal.text = head  # `年度目标` on a line, its text on the next
            return
        if want_goal is not None and (goal_key(head) is not None or (label or "").startswith("goal:")):
            # `总体目标` over `年度目标`: a heading over the goals, not a goal
            self.project.goals.remove(want_goal)
        split = _header_line(cells)
        if split is not None:
            cells = split
        if self.page_line(row, cells):
            return
        if len(cells) > 1 and self.page_line(SourceRow((head,), row.where), [head], dry=True) and _title(head):
            # a title with the page's header after it (2023年…绩效目标表 | 编制单位: | 813-潼南区五桂镇):
            # the title, then the rest as a row of its own
            self._feed(SourceRow((head,), row.where))
            self._feed(SourceRow(tuple(c for c in row.cells[row.cells.index(head) + 1 :]), row.where))
            return
        if self.project is not None and self.footer(row, cells):
            return
        layout = header_layout(row.cells) if len(cells) >= 2 else None
        if layout is not None and layout.has("project"):
            # a system export: one row per indicator, the projects named in the table's rows
            self.finish_project()
            self.project = None
            self.table = TableReader(None, "年度目标", self)
            self.table.header(row, layout)
            return
        if self.table is not None and self.table.project is None and self.table.layout is not None:
            if head in ("总分", "合计") or self.chrome(row, cells):
                self.table.finish()
                self.table = None
                self.unplaced(row, "r_page" if self.chrome(row, cells) else "r_row")
                return
            self.table.feed(row)
            return
        if self.start_by_name(row):
            return
        if self.project is None:
            if layout is None and _indicator_row(cells):
                # the rows of an indicator table whose header the copy left out (the tail of a
                # page): kept in a project without a name, each asking for the header
                self.implicit_project(row)
                self.table = TableReader(self.project, "年度目标", self)
                self.table.feed(row)
                return
            if layout is None:
                self.unplaced(row, "r_page" if self.chrome(row, cells) else "r_outside")
                return
            self.implicit_project(row)
        if layout:
            self.start_table(row, cells, layout)
            return
        if label is not None and label.startswith("table:") and len(cells) == 1:
            self.start_table(row, cells, None)
            return
        if self.chrome(row, cells):  # the page's own lines, a signature line: kept as comments
            if self.table is not None:
                self.table.finish()
                self.table = None
            self.unplaced(row, "r_page")
            return
        if self.table is not None and label == "table-end":  # 评价结论, 其他需说明的问题 …
            self.table.finish()
            self.table = None
        if self.table is not None:
            if head in ("总分", "合计") or normalize_label(head) in ("说明",):
                self.table.finish()
                self.table = None
                self.unplaced(row, "r_row")
                return
            self.table.feed(row)
            return
        if self.goal_texts(row):
            return
        if self.goal_header(row, cells):
            return
        if self.funds_row(row, cells):
            return
        if all(_label(c) in ("skip", "goal-section") for c in cells):  # 名称 | 目标说明
            return
        if len(cells) == 4 and all(_goal_label(c) for c in cells[::2]):
            # `中期滚动目标 | text | 年度目标 | text`: two goals side by side
            self.goal_text(row, cells[:2])
            self.goal_text(row, cells[2:])
            return
        if (
            goal_key(head) is not None
            or (label or "").startswith("goal:")
            and len(cells) <= 2
            and not (len(cells) == 2 and _label(cells[1]))
        ):
            self.goal_text(row, cells)
            return
        self.header_pairs(row, cells)

    def footer(self, row: SourceRow, cells: list[str]) -> bool:
        """The form's lines under an indicator table, which end it: a sign-off line (its filled
        pairs the project's fields — 填表人：宋云花 is `字段 填表人: 宋云花` —, its blanks the
        form's own: 财政部门审核意见：, 单位负责人签字：, 年 月 日) and a note the form prints (注：…,
        kept as a comment).  Only after a table: a project's header pairs are read as pairs."""
        if self.table is None and not self.project.rows:
            return False
        pairs = sign_off_pairs(cells)
        note = pairs is None and len(cells) == 1 and _FORM_NOTE.match(cells[0]) is not None
        if pairs is None and not note:
            return False
        if self.table is not None:
            self.table.finish()
            self.table = None
        if note:
            self.unplaced(row, "r_form_note", quiet=True)
            return True
        for label, value in pairs:
            if value:
                self.pairs(row, [label, value])
        return True

    # -- page lines ---------------------------------------------------------------------------
    def page_line(self, row: SourceRow, cells: list[str], dry: bool = False) -> bool:
        """Title, 申报单位, 金额单位 and year lines (repeated on every page of the form)."""
        head = cells[0]
        label, value = _split_label(head)
        key = _label(label)
        m = TITLE.match(head)
        table_title = (_label(head) or "").startswith("table:")
        if len(cells) == 1 and ((m and not table_title) or SELF_TITLE.search(head)):
            if dry:
                return True
            year = (m.group(1) if m else None) or (YEAR_IN.search(head).group(1) if YEAR_IN.search(head) else None)
            if m:
                self.doc.form = self.doc.form or f"{m.group(2)}表"
            self.doc.year = self.doc.year or year
            standard = f"{m.group(1) + '年' if m and m.group(1) else ''}项目支出绩效{m.group(2) if m else ''}表"
            kept = f"原表标题：{head}"
            if head not in (standard, standard.replace("绩效", "绩效目标")) and kept not in self.doc.comments:
                self.doc.comments.append(kept)  # 表样 alone would lose the rest of the title
            self.finish_project()  # a new page of the form: the project before it is complete
            self.project, self.table, self.goal_columns, self.funds = None, None, None, None
        elif (
            key in ("unit", "setting:unit")
            and len(cells) in (2, 3)
            and _split_label(cells[-1])[0] in ("金额单位", "单位")
            and (len(cells) == 2 or not value)
        ):
            if dry:
                return True
            # the form's header line: 申报单位 on the left, 金额单位 on the right of one row
            money = _split_label(cells[-1])[1]
            value = value or (cells[1] if len(cells) == 3 else "")
            if value:
                self.set_unit(value)
            if money:
                self.doc.money_unit = self.doc.money_unit or money
        elif key in ("unit", "setting:unit") and len(cells) <= 2:
            if dry:
                return True
            value = value or (cells[1] if len(cells) > 1 else None)
            if value:
                self.set_unit(value)
            else:
                self.want_unit = True
        elif label in ("金额单位", "单位") and value and len(cells) == 1:
            if not dry:
                self.doc.money_unit = self.doc.money_unit or value
        elif YEAR_LINE.match(head) and len(cells) == 1:
            if not dry:
                m2 = YEAR_LINE.match(head)
                self.doc.year = self.doc.year or m2.group(1) or m2.group(2)
        else:
            return False
        return True

    def set_unit(self, unit: str) -> None:
        self.page_unit = unit
        if self.doc.unit is None:
            self.doc.unit = unit

    # -- the project ----------------------------------------------------------------------------
    def start_by_name(self, row: SourceRow) -> bool:
        """A row holding the project's name label starts a project (its other pairs are read)."""
        cells = list(row.cells)
        at = next((k for k, c in enumerate(cells) if c and _label(c) == "project"), None)
        if at is None or (
            at > 0
            and self.project is not None
            and self.table is None
            and not any(_label(c) == "project" for c in cells[:at])
            and self.project.name
            and at > 2
        ):
            return False
        values = [c for c in cells[at + 1 :]]
        name = next((c for c in values if c), "") if values and values[0] else ""
        rest = values[1:] if values and values[0] else values
        self.finish_project()
        self.project = ImportedProject(name=name, where=row.where)
        self.table, self.goal_columns, self.funds, self.budget_candidate = None, None, None, None
        self.doc.projects.append(self.project)
        if not name:
            self.note(row, "empty_name", True)
        if self.page_unit and self.page_unit != self.doc.unit:
            self.project.fields.append(("申报单位", self.page_unit))
            self.note(row, "other_unit", unit=self.page_unit)
        before = [c for c in cells[:at] if c]
        self.pairs(row, before + [c for c in rest if c])
        return True

    def finish_project(self) -> None:
        if self.table is not None:
            self.table.finish()
        p = self.project
        if p is not None:
            p.goals[:] = [part for g in p.goals for part in split_goal_text(g)]
            # a table's rows are the goal of their kind and number, however its text's label
            # spells it (实施期绩效目标 above, 实施期绩效指标 over the rows: one long-term goal)
            spelled = {(GOAL_KINDS.get(g.keyword), g.number): g.keyword for g in p.goals}
            for r in p.rows:
                keyword = spelled.get((GOAL_KINDS.get(r.goal[0]), r.goal[1]))
                if (
                    keyword
                    and keyword != r.goal[0]
                    and (r.goal[0], r.goal[1]) not in ((g.keyword, g.number) for g in p.goals)
                ):
                    r.goal = (keyword, r.goal[1])
        for goal in self.empty_goals if p is not None else ():
            # a goal column left blank (中期目标, 总体目标 of a project without one): the form's own
            # column, no goal — unless rows of the table are that goal's (and no other text is)
            key = (goal.keyword, goal.number)
            others = [g for g in p.goals if g is not goal and (g.keyword, g.number) == key]
            if others or not any(r.goal == key for r in p.rows):
                p.goals[:] = [g for g in p.goals if g is not goal]
        self.empty_goals = []
        if p is not None and p.budget is None and self.budget_candidate:
            label, value, row = self.budget_candidate
            p.budget = _leading_amount(value)
            amounts = {
                parse_budget(_leading_amount(v), "万元").base_value for _, v in self.totals if _leading_amount(v)
            }
            if (label, value) not in self.totals or len(amounts) > 1:
                # a funds part, or one of several totals that differ (资金总额, 当年资金总额): which
                # is the budget is the reader's choice, and said
                self.note(row, "budget_from", label=label, value=value)
            elif p.budget == value and self.totals == [(label, value)]:
                # the funds block's one total, an amount and nothing else, on a form without a budget
                # label: the project's budget, written once (预算), not also as a funds line
                p.funding.remove((label, value))
        self.totals, self.budget_candidate = [], None
        if p is not None and p.budget is None and p.rows:
            # what the table cannot tell is asked: a comment where the budget's line goes
            from ..messages import IMPORT_MESSAGES

            comment = IMPORT_MESSAGES["budget_here"][0]
            p.comments.insert(0, comment)
            self.note(SourceRow((), p.where), "no_budget", name=p.name, comment=comment)

    def header_pairs(self, row: SourceRow, cells: list[str]) -> None:
        if any(_table_word(c) for c in cells):
            # 一级指标, 数量指标 … among a form's label/value pairs: an indicator table this reader
            # did not find (its header lost in the copy), never fields
            self.unplaced(row, "r_row", problem=True)
            return
        label, value = _split_label(cells[0])
        if (
            value is not None
            and len(cells) == 1
            and not FUNDING_LABEL.match(cells[0])
            and (_label(label) is not None or value)
        ):
            cells = [label, value]
        self.pairs(row, cells)

    def pairs(self, row: SourceRow, cells: list[str]) -> None:
        """label, value, label, value … of a project's header rows."""
        p = self.project
        if (
            len(cells) >= 3
            and len(cells) % 2
            and _label(cells[0]) is None
            and not _amount(cells[0])
            and any(_label(c) for c in cells[1:])
        ):
            # `项目实施计划 | 组织实施单位 | 甘肃省文物局 | …`: a heading over label/value pairs
            p.fields.append((cells[0].rstrip("：: "), ""))
            cells = cells[1:]
        k = 0
        bad = []
        while k < len(cells):
            raw = cells[k]
            label = raw.rstrip("：: ")
            inline = _split_label(raw)
            if inline[1] and _label(inline[0]) is not None and not FUNDING_LABEL.match(raw):
                # `资金总额: 250` in one cell: the label and its value
                label, value = inline[0], inline[1]
                k += 1
            else:
                value = cells[k + 1] if k + 1 < len(cells) and not _is_label(cells[k + 1]) else ""
                k += 2 if value else 1
            key = _label(label)
            if _amount(label) or label in ("-", "/"):
                bad.append(raw)
                if value:
                    bad.append(value)
                continue
            if FUNDING_LABEL.match(label):
                name = FUNDING_LABEL.sub("", label, count=1).strip()
                p.funding.append((name, value))
                self.candidate(name, value, row, total=False)
            elif key in ("funding-total", "funding") or key is None and _funds_name(label, value):
                total = key == "funding-total" or key is None and _funds_name(label, value) == "total"
                p.funding.append((normalize_label(label), value))
                if total:
                    self.candidate(normalize_label(label), value, row)
            elif key and key.startswith("setting:"):
                self.setting(key[8:], label, value)
            elif key == "skip" and not value:
                continue
            else:
                p.fields.append((label, value))
        if bad:
            self.unplaced(row, "r_pairs", cells=bad)

    def candidate(self, label: str, value: str, row: SourceRow, total: bool = True) -> None:
        """A funds line that gives the budget where the form has no budget label (the first with
        an amount; total: a funds total, 资金总额 …)."""
        if total:
            self.totals.append((label, value))
        if self.budget_candidate is None and _leading_amount(value):
            self.budget_candidate = (label, value, row)

    def setting(self, key: str, label: str, value: str) -> None:
        """A setting once per project; a second label for it stays a field, as written."""
        p = self.project
        if key == "budget":
            if p.budget is None:
                p.budget = value
                return
        elif key == "unit" or key not in _SETTING_WORD:
            # 申报单位 inside a project, or a file-wide setting (年度, 金额单位, 评分方案 …)
            # in a project's pairs: kept as a field, as written
            p.fields.append((label, value))
            return
        elif not any(k == _SETTING_WORD[key] for k, _ in p.settings):
            p.settings.append((_SETTING_WORD[key], value))
            return
        p.fields.append((label, value))

    # -- goals ----------------------------------------------------------------------------------
    def goal_text(self, row: SourceRow, cells: list[str]) -> None:
        key = goal_key(cells[0])
        if key is None:
            kind, number = label_key(cells[0])
            key = ("长期目标" if kind == "goal:long-term" else "年度目标", number)
        keyword, number = key
        text = cells[1] if len(cells) > 1 else ""
        self.add_goal(row, keyword, number, text, cells[0])
        if len(cells) > 2:
            self.unplaced(row, "r_goal_cells", cells=cells[2:])

    def add_goal(self, row, keyword, number, text, label) -> None:
        goal = GoalText(keyword, number, text)
        self.project.goals.append(goal)  # an empty one too, as the form has it
        if not text and len([c for c in row.cells if c]) == 1 and not re.search(r"[:：\d]", label):
            self.want_goal = goal  # `年度目标` alone on its line (no colon, no number): its text follows

    def goal_header(self, row: SourceRow, cells: list[str]) -> bool:
        """`总体目标 | 中期目标 | 年度目标` (or `年度总体目标 | 预期目标 | 实际完成情况`): the texts
        stand in the next row, each under its label."""
        found: dict[int, tuple[str, int, str]] = {}
        results = []
        long_terms = 0
        for k, c in enumerate(row.cells):
            if not c:
                continue
            key = _label(c)
            if key == "goal:long-term" or goal_key(c) and goal_key(c)[0] != "年度目标":
                long_terms += 1
                found[k] = ("长期目标", long_terms, c)
            elif key == "goal:annual" or (goal_key(c) or ("",))[0] == "年度目标":
                found[k] = ("年度目标", 1, c)
            elif key in ("goal-section", "skip") or normalize_label(c) in ("预期目标", "年初设定目标"):
                if normalize_label(c) in ("预期目标", "年初设定目标"):
                    found[k] = ("年度目标", 1, c)
            elif RESULT_HEADER.search(normalize_label(c)) and len(normalize_label(c)) <= 16:
                results.append(c)
            else:
                return False
        if len(found) + len(results) < 2 or not found:
            return False
        # a plain `年度总体目标 | 预期目标` header: the goal's label is the row's first cell
        if len({v[0] for v in found.values()}) == 1 and len(found) > 1:
            last = max(found)
            found = (
                {last: found[last]}
                if not results
                else {k: v for k, v in found.items() if normalize_label(v[2]) in ("预期目标", "年初设定目标")} or found
            )
        self.goal_columns = found
        if results:
            self.note(row, "results", columns="、".join(results))
        return True

    def goal_texts(self, row: SourceRow) -> bool:
        if self.goal_columns is None:
            return False
        columns, self.goal_columns = self.goal_columns, None
        cells = list(row.cells)
        if any(
            c and k not in columns for k, c in enumerate(cells) if k > 0 and not any(k == j for j in columns)
        ) and any(_label(c) for c in cells if c):
            return False
        for k, (keyword, number, label) in sorted(columns.items()):
            text = cells[k] if k < len(cells) else ""
            self.add_goal(row, keyword, number, text, label)
            if not text:
                self.empty_goals.append(self.project.goals[-1])
        return True

    # -- funds ----------------------------------------------------------------------------------
    def funds_row(self, row: SourceRow, cells: list[str]) -> bool:
        """A funds block: its header (amount columns), then one row per source of money."""
        raw = list(row.cells)
        amounts = [k for k, c in enumerate(raw) if c and AMOUNT_HEADER.search(normalize_label(c))]
        others = sum(1 for k, c in enumerate(raw) if c.strip() and k not in amounts)
        if len(amounts) >= 2 and others <= 3:  # a funds header: the amounts' words and a label or two
            budget_col = next((k for k in amounts if "全年预算" in raw[k] or "调整后预算" in raw[k]), amounts[0])
            results = [raw[k] for k in amounts if RESULT_HEADER.search(normalize_label(raw[k]))]
            self.funds = {"budget": budget_col, "label": min(amounts) - 1, "width": len(raw)}
            if results:
                self.note(row, "results", columns="、".join(results))
            return True
        if self.funds is None:
            return False
        text = [(k, c) for k, c in enumerate(raw) if c]
        first_col, first = text[0]
        key = _label(first)
        if first_col > self.funds["label"] or (
            key and not key.startswith("funding") and key != "setting:budget" and not FUNDING_LABEL.match(first)
        ):
            self.funds = None
            return False
        name = FUNDING_LABEL.sub("", first).strip().rstrip("：:")
        col = self.funds["budget"]
        value = raw[col] if col < len(raw) else ""
        if (
            not (key in ("funding", "funding-total") or FUNDING_LABEL.match(first) or _amount(value))
            or _amount(first)
            or first in ("-", "/")
        ):
            self.funds = None  # not a source of money: the block has ended
            return False
        self.project.funding.append((name, value if value not in ("-", "/") else ""))
        if key == "funding-total":
            self.candidate(name, value, row)
        extra = [c for k, c in enumerate(raw) if k >= self.funds["width"] and c.strip()]
        if extra:  # cells beyond the funds block (a copy that ran rows together): never dropped
            self.unplaced(row, "r_extra", problem=any(_table_word(c) for c in extra), cells=extra)
        return True

    # -- tables ---------------------------------------------------------------------------------
    def chrome(self, row: SourceRow, cells: list[str]) -> bool:
        """A line of the web page around the table (扫一扫在手机打开当前页, 发布时间 …)."""
        return len(cells) <= 3 and all(PAGE_WORDS.search(c) for c in cells)

    def implicit_project(self, row: SourceRow):
        """An indicator table with no 项目名称 above it: its rows are kept in a project without
        a name, and the name is asked for (a problem: the import exits 1)."""
        self.finish_project()
        self.project = ImportedProject(name="", where=row.where)
        self.doc.projects.append(self.project)
        self.note(row, "no_project_name", True)
        return self.project

    def subtotal(self, row: SourceRow, text: str) -> None:
        """A row of a system export naming a unit or department and an amount: its total."""
        self.doc.comments.append(f"源{row.where}为合计行：{text}")
        self.note(row, "subtotal", text=text)

    def table_project(self, row: SourceRow, name: str, org: str, budget: str, goal: str):
        """A project named in a row of a system export (项目名称 | 预算数 | 年度目标 columns)."""
        prev = self.project
        if prev is not None and prev.origin == "table" and not any(r.kind == "indicator" for r in prev.rows):
            # a row naming a project and nothing else, followed by another: a subtotal of the
            # unit or the department (820-马踏镇部门 | 8,827,620.53), kept as a comment
            self.doc.projects.remove(prev)
            self.subtotal(SourceRow((), prev.where), " | ".join(c for c in (prev.name, prev.budget or "") if c))
            self.project = None
        self.finish_project()
        p = ImportedProject(name=name, where=row.where, budget=budget or None, origin="table")
        if org:
            if self.doc.unit is None:
                self.doc.unit = org
            elif org != self.doc.unit:
                p.fields.append(("申报单位", org))
                self.note(row, "other_unit", unit=org)
        if goal:
            p.goals.append(GoalText("年度目标", 1, goal))
        self.doc.projects.append(p)
        self.project = p
        return p

    def start_table(self, row: SourceRow, cells: list[str], columns) -> None:
        kind = ""
        for c in cells:
            key = _label(c) or ""
            if key.startswith("table:"):
                kind = key[6:]
                break
        keyword = {"long-term": "长期目标", "annual": "年度目标"}.get(kind, "")
        if not keyword:  # 绩效指标 alone: the only goal kind the project has, else annual
            kinds = {g.keyword for g in self.project.goals}
            keyword = kinds.pop() if len(kinds) == 1 else "年度目标"
            if keyword not in GOAL_KEYWORDS.values():
                keyword = "年度目标"
        if self.table is not None and columns is not None and self.table.columns is None:
            self.table.keyword(keyword if kind else self.table.goal[0])
        else:
            if self.table is not None:
                self.table.finish()
            self.table = TableReader(self.project, keyword, self)
        if columns is not None:
            self.table.header(row, columns)


def read_form(rows: list[SourceRow]) -> ImportedDoc:
    """Read every row; the result says what it found and what it could not place."""
    reader = FormReader()
    for row in _rejoin(rows):
        reader.feed(row)
    if reader.top_header is not None:
        reader._feed(reader.top_header)
    reader.finish_project()
    return reader.doc
