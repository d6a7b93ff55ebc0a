"""Reading the form: rows of cells -> ImportedDoc.

The reader walks the rows once.  A title line starts a new page of the form; 申报单位 and 金额单位
stand on their own lines or share one (申报单位 left, 金额单位 right); 项目名称 starts a project whose header rows are label/value pairs; goal
rows carry the goal texts; a table title and its column header start an indicator table whose
rows fill merged (blank) cells down.  Known irregularities are repaired and noted; whatever
cannot be placed becomes a `Row` of kind "comment", kept in the output at its place.
"""

from __future__ import annotations

import re

from .document import GOAL_KEYWORDS, GoalText, ImportedDoc, ImportedProject, Note, goal_key
from .sources import SourceRow
from .tables import TableReader

__all__ = ["read_form", "SETTING_LABELS"]

TITLE = re.compile(r"^(?:(\d{4})年)?.*?绩效(?:目标)?(批复|申报|目标)表")
TABLE_TITLE = re.compile(r"^(本年度|年度|长期|总体|实施期)?\s*绩效(?:目标|指标)表?$")
YEAR_LINE = re.compile(r"^[(（]\s*(\d{4})\s*年度?\s*[)）]$")
FUNDING_LABEL = re.compile(r"^(?:其中|资金)[：:]")
UNIT_LABELS = ("申报单位", "填报单位", "预算单位")
SETTING_LABELS = {
    "项目预算": "预算", "预算金额": "预算", "项目金额": "预算", "预算": "预算",
    "主管部门": "主管部门", "预算部门": "主管部门", "实施单位": "实施单位",
    "项目属性": "项目属性", "项目期": "项目期", "项目实施期": "项目期", "项目支出实施期": "项目期",
    "项目类别": "项目类别",
}
SKIP_HEADS = ("项目绩效总目标", "名称")


def _is_label(cell: str) -> bool:
    """A known header label: an empty value is followed directly by the next label."""
    return cell.rstrip("：:") in SETTING_LABELS


def _split_label(cell: str) -> tuple[str, str | None]:
    """'申报单位：鄂州市数据局' -> ('申报单位', '鄂州市数据局'); a bare label -> (label, None)."""
    for sep in ("：", ":"):
        if sep in cell:
            label, _, rest = cell.partition(sep)
            return label.strip(), rest.strip()
    return cell, None


class FormReader:
    """The state of one pass over the rows."""

    def __init__(self):
        self.doc = ImportedDoc()
        self.project: ImportedProject | None = None
        self.table: TableReader | None = None
        self.want_unit = False
        self.page_unit: str | None = None

    def note(self, row: SourceRow, message: str) -> None:
        self.doc.notes.append(Note(row.where, message))

    def unplaced(self, row: SourceRow, reason: str) -> None:
        text = " | ".join(c for c in row.cells if c)
        comment = f"未导入（源{row.where}，{reason}）：{text}"
        self.note(row, f"{reason}，已作为注释保留：{text}")
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
        if self.want_unit and len(cells) == 1:
            self.want_unit = False
            self.set_unit(head)
        elif self.page_line(row, cells):
            pass
        elif head == "项目名称":
            self.start_project(row, cells)
        elif self.project is None:
            self.unplaced(row, "不在任何项目之内")
        elif TABLE_TITLE.match(head) and len(cells) == 1:
            self.start_table(row, head)
        elif self.table is not None:
            self.table.feed(row)
        elif head in SKIP_HEADS:
            return
        elif goal_key(head) is not None:
            self.goal_text(row, cells)
        else:
            self.header_pairs(row, cells)

    def page_line(self, row: SourceRow, cells: list[str]) -> bool:
        """Title, 申报单位 and 金额单位 lines (repeated on every page of the form)."""
        label, value = _split_label(cells[0])
        m = TITLE.match(cells[0])
        if m and len(cells) == 1 and not TABLE_TITLE.match(cells[0]):
            self.doc.form = self.doc.form or f"{m.group(2)}表"
            self.doc.year = self.doc.year or m.group(1)
            standard = f"{m.group(1) + '年' if m.group(1) else ''}项目支出绩效{m.group(2)}表"
            kept = f"原表标题：{cells[0]}"
            if cells[0] not in (standard, standard.replace("绩效", "绩效目标")) and kept not in self.doc.comments:
                self.doc.comments.append(kept)  # 表样 alone would lose the rest of the title
            self.project, self.table = None, None
        elif label in UNIT_LABELS and len(cells) == 2 and _split_label(cells[1])[0] in ("金额单位", "单位"):
            # the form's header line: 申报单位 on the left, 金额单位 on the right of one row
            money = _split_label(cells[1])[1]
            if value:
                self.set_unit(value)
            if money:
                self.doc.money_unit = self.doc.money_unit or money
        elif label in UNIT_LABELS and len(cells) <= 2:
            value = value or (cells[1] if len(cells) > 1 else None)
            if value:
                self.set_unit(value)
            else:
                self.want_unit = True
        elif label in ("金额单位", "单位") and value and len(cells) == 1:
            self.doc.money_unit = self.doc.money_unit or value
        elif YEAR_LINE.match(cells[0]) and len(cells) == 1:
            self.doc.year = self.doc.year or YEAR_LINE.match(cells[0]).group(1)
        else:
            return False
        return True

    def set_unit(self, unit: str) -> None:
        self.page_unit = unit
        if self.doc.unit is None:
            self.doc.unit = unit

    def start_project(self, row: SourceRow, cells: list[str]) -> None:
        name = cells[1] if len(cells) > 1 else ""
        self.project = ImportedProject(name=name, where=row.where)
        self.table = None
        self.doc.projects.append(self.project)
        if self.page_unit and self.page_unit != self.doc.unit:
            self.project.fields.append(("申报单位", self.page_unit))
            self.note(row, f"申报单位“{self.page_unit}”与文件的申报单位不同，已写作字段")
        self.pairs(row, cells[2:])

    def header_pairs(self, row: SourceRow, cells: list[str]) -> None:
        label, value = _split_label(cells[0])
        if value is not None and len(cells) == 1:
            cells = [label, value]
        self.pairs(row, cells)

    def pairs(self, row: SourceRow, cells: list[str]) -> None:
        """label, value, label, value … of a project's header rows."""
        p = self.project
        k = 0
        while k < len(cells):
            label = cells[k].rstrip("：:")
            value = cells[k + 1] if k + 1 < len(cells) and not _is_label(cells[k + 1]) else ""
            k += 2 if value else 1
            if FUNDING_LABEL.match(label):
                p.funding.append((FUNDING_LABEL.sub("", label, count=1), value))
            elif SETTING_LABELS.get(label) == "预算" and p.budget is None:
                p.budget = value
            elif label in SETTING_LABELS:
                p.settings.append((SETTING_LABELS[label], value))
            else:
                p.fields.append((label, value))

    def goal_text(self, row: SourceRow, cells: list[str]) -> None:
        keyword, number = goal_key(cells[0])
        self.project.goals.append(GoalText(keyword, number, cells[1] if len(cells) > 1 else ""))
        if len(cells) > 2:
            self.unplaced(row, "目标行有多余的单元格")

    def start_table(self, row: SourceRow, head: str) -> None:
        m = TABLE_TITLE.match(head)
        kind = GOAL_KEYWORDS.get(m.group(1) or "", "")
        if not kind:  # 绩效指标 alone: the only goal kind the project has, else annual
            kinds = {g.keyword for g in self.project.goals}
            kind = kinds.pop() if len(kinds) == 1 else "年度目标"
        self.table = TableReader(self.project, kind, self)


def read_form(rows: list[SourceRow]) -> ImportedDoc:
    """Read every row; the result says what it found and what it could not place."""
    reader = FormReader()
    for row in rows:
        reader.feed(row)
    if reader.table is not None:
        reader.table.finish()
    return reader.doc


