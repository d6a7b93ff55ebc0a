"""Reading the form: rows of cells -> ImportedDoc.

The reader walks the rows once.  A title line starts a new page of the form; 申报单位 and 金额单位
stand on their own lines; the project's name label (项目名称 …) starts a project whose header
rows are label/value pairs, recognised by the one table of labels (perflang/keywords.py); goal
rows carry the goal texts, one goal a row or several side by side with their texts in the row
below; a funds block (年度资金总额 with its amount columns) gives the funding lines; a table
title and its column header start an indicator table whose rows fill merged (blank) cells down.
Known irregularities are repaired and noted; whatever cannot be placed becomes a `Row` of kind
"comment", kept in the output at its place, and is reported with its source position.
"""

from __future__ import annotations

import re

from ..model import parse_budget
from ..syntax.keywords import label_key, normalize_label
from .document import GOAL_KEYWORDS, GoalText, ImportedDoc, ImportedProject, Note, goal_key
from .sources import SourceRow
from .tables import TableReader, header_columns

__all__ = ["read_form", "SETTING_LABELS"]

TITLE = re.compile(r"^(?:(\d{4})年)?.*?绩效(?:目标)?(批复|申报|目标)表")
SELF_TITLE = re.compile(r"绩效(?:目标)?自评表")
YEAR_IN = re.compile(r"[(（]\s*(\d{4})\s*年度?\s*[)）]?")
YEAR_LINE = re.compile(r"^[(（]?\s*(\d{4})\s*年度?\s*[)）]$|^[(（]\s*(\d{4})\s*年度?\s*[)）]?$")
FUNDING_LABEL = re.compile(r"^(?:其中|资金)\s*[：:]")
AMOUNT_HEADER = re.compile(r"预算数|执行数|执行率|^分值|^得分|^年初预算|^调整后预算|^预算执行")
RESULT_HEADER = re.compile(r"执行数|执行率|^分值|^得分|实际|完成情况")
# which setting labels the page's own words (the one table is perflang/keywords.py)
SETTING_LABELS = {
    "项目预算": "预算",
    "预算金额": "预算",
    "项目金额": "预算",
    "预算": "预算",
    "主管部门": "主管部门",
    "实施单位": "实施单位",
    "项目属性": "项目属性",
    "项目期": "项目期",
    "项目实施期": "项目期",
    "项目支出实施期": "项目期",
    "项目类别": "项目类别",
}
_SETTING_WORD = {
    "budget": "预算",
    "department": "主管部门",
    "implementer": "实施单位",
    "nature": "项目属性",
    "period": "项目期",
    "category": "项目类别",
    "unit": "申报单位",
}


def _label(cell: str) -> str | None:
    key = label_key(cell)
    return key[0] if key else None


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
        self.empty_goals: list = []

    def note(self, row: SourceRow, key: str, problem: bool = False, **args) -> None:
        self.doc.notes.append(Note(row.where, key, args, problem))

    def unplaced(self, row: SourceRow, reason: str, problem: bool = False, cells=None, **args) -> None:
        from ..messages import IMPORT_MESSAGES

        text = " | ".join(c for c in (cells if cells is not None else row.cells) if c)
        comment = f"未导入（源{row.where}，{IMPORT_MESSAGES[reason][0].format(**args)}）：{text}"
        self.note(row, "kept", problem, reason=(reason, args), text=text)
        if self.table is not None and self.project is not None:
            self.table.comment(comment)
        elif self.project is not None:
            self.project.comments.append(comment)
        else:
            self.doc.comments.append(comment)

    def feed(self, row: SourceRow) -> None:
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
        if self.page_line(row, cells):
            return
        if self.start_by_name(row):
            return
        if self.project is None:
            self.unplaced(row, "r_outside")
            return
        columns = header_columns(row.cells)
        if columns:
            self.start_table(row, cells, columns)
            return
        if label is not None and label.startswith("table:") and len(cells) == 1:
            self.start_table(row, cells, None)
            return
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
        if (
            goal_key(head) is not None
            or (label or "").startswith("goal:")
            and len(cells) <= 2
            and not (len(cells) == 2 and _label(cells[1]))
        ):
            self.goal_text(row, cells)
            return
        self.header_pairs(row, cells)

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
            self.project, self.table, self.goal_columns, self.funds = None, None, None, None
        elif key in ("unit", "setting:unit") and len(cells) == 2 and _split_label(cells[1])[0] in ("金额单位", "单位"):
            if dry:
                return True
            # the form's header line: 申报单位 on the left, 金额单位 on the right of one row
            money = _split_label(cells[1])[1]
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
        for goal, row, label in self.empty_goals:  # an empty 中期目标 with no table: not written
            if not any(r.goal == (goal.keyword, goal.number) for r in p.rows):
                p.goals.remove(goal)
                self.note(row, "empty_goal", label=label)
        self.empty_goals = []
        if p is not None and p.budget is None and self.budget_candidate:
            label, value, row = self.budget_candidate
            p.budget = value
            self.note(row, "budget_from", label=label, value=value)

    def header_pairs(self, row: SourceRow, cells: list[str]) -> None:
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
                self.candidate(name, value, row)
            elif key in ("funding-total", "funding"):
                p.funding.append((normalize_label(label), value))
                if key == "funding-total":
                    self.candidate(normalize_label(label), value, row)
            elif key and key.startswith("setting:"):
                self.setting(key[8:], label, value)
            elif key == "skip" and not value:
                continue
            else:
                p.fields.append((label, value))
        if bad:
            self.unplaced(row, "r_pairs", cells=bad)

    def candidate(self, label: str, value: str, row: SourceRow) -> None:
        if self.budget_candidate is None and _amount(value):
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
        self.project.goals.append(GoalText(keyword, number, text))  # an empty one too, as the form has it

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
        return True

    # -- funds ----------------------------------------------------------------------------------
    def funds_row(self, row: SourceRow, cells: list[str]) -> bool:
        """A funds block: its header (amount columns), then one row per source of money."""
        raw = list(row.cells)
        amounts = [k for k, c in enumerate(raw) if c and AMOUNT_HEADER.search(normalize_label(c))]
        if len(amounts) >= 2:
            budget_col = next((k for k in amounts if "全年预算" in raw[k] or "调整后预算" in raw[k]), amounts[0])
            results = [raw[k] for k in amounts if RESULT_HEADER.search(normalize_label(raw[k]))]
            self.funds = {"budget": budget_col, "label": min(amounts) - 1}
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
        return True

    # -- tables ---------------------------------------------------------------------------------
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
    for row in rows:
        reader.feed(row)
    reader.finish_project()
    return reader.doc
