"""What an import found: projects, goal texts, indicator rows and comments kept in place, and
the notes reported to the user.  Shared by the form reader, the table reader and the emitter."""

from __future__ import annotations

import re

from attrs import define, field, frozen

from .. import framework
from ..messages import IMPORT_MESSAGES, localize
from ..syntax.keywords import GOALS


@frozen
class SourceRow:
    """A row of cell texts as a reader gives it, with where it came from."""

    cells: tuple[str, ...]
    where: str  # 第12行 / 工作表“政务服务工作”第12行
    # rebuilt from a stream of cells (one a line) that dropped the empty cells, against a table
    # whose rows may leave several columns empty: which column each value is in cannot be known
    doubt: bool = False
    stream: bool = False  # cut from a stream of cells: its cells have no positions


__all__ = ["Note", "Row", "GoalText", "ImportedProject", "ImportedDoc", "goal_key", "level_owner", "GOAL_LABEL"]

# a goal label of a form (长期目标1, 年度绩效目标 …): the Chinese goal keywords of the keyword
# table (perflang/syntax/keywords.py), each by its head (长期 -> 长期目标)
GOAL_KEYWORDS = {s.removesuffix("目标"): s for k in GOALS for s in (k.zh, *k.aliases) if s.endswith("目标")}
GOAL_LABEL = re.compile(rf"^({'|'.join(GOAL_KEYWORDS)})(?:绩效)?目标\s*(\d*)$")


@define
class Note:
    """Something the user should know: a repair, a skipped or an unplaced row.  A problem (an
    indicator row not placed, an error in the written .perf) makes the import exit 1."""

    where: str
    key: str
    args: dict = field(factory=dict)
    problem: bool = False

    def text(self, lang: str = "zh") -> str:
        zh, en = IMPORT_MESSAGES[self.key]
        args = dict(self.args)
        for k, v in self.args.items():
            if type(v) is tuple:  # a reason: (key, args)
                rzh, ren = IMPORT_MESSAGES[v[0]]
                args[k] = (ren if lang == "en" else rzh).format(**v[1])
        if self.key == "coded":  # a catalog entry: its code and args (`diagnostic`)
            from ..diagnostics import Diagnostic

            d = Diagnostic(code=args["code"], args=args.pop("args"))
            args.update(message=d.message(lang), hint=d.hint(lang))
        return (en if lang == "en" else zh).format(**{k: localize(v, lang) for k, v in args.items()})

    @property
    def message(self) -> str:
        return self.text("zh")


@define
class Row:
    """An indicator row (kind "indicator") or a comment kept in place (kind "comment")."""

    goal: tuple[str, int]  # (keyword 长期目标/年度目标…, number)
    level1: str = ""
    level2: str = ""
    name: str = ""
    value: str = ""
    basis: str = ""
    weight: str = ""
    kind: str = "indicator"
    comment: str = ""

    def key(self):
        return (self.level1, self.level2, self.name, self.value, self.basis, self.weight, self.kind, self.comment)


@define
class GoalText:
    """A goal of the 项目绩效总目标 rows (keyword 长期目标/总体目标/实施期目标/年度目标)."""

    keyword: str
    number: int
    text: str


@define
class ImportedProject:
    """One project of the form: its header rows, goal texts and table rows, in source order."""

    name: str
    where: str
    budget: str | None = None
    settings: list[tuple[str, str]] = field(factory=list)  # (keyword, value)
    fields: list[tuple[str, str]] = field(factory=list)
    funding: list[tuple[str, str]] = field(factory=list)
    goals: list[GoalText] = field(factory=list)
    rows: list[Row] = field(factory=list)
    comments: list[str] = field(factory=list)  # project-level, kept before the goals
    origin: str = ""  # "table": named in a row of a system export


@define
class ImportedDoc:
    """Everything read from one file (all pages and sheets)."""

    form: str | None = None
    year: str | None = None
    unit: str | None = None
    money_unit: str | None = None
    profile: str | None = None  # the scoring profile the form prints (绩效指标(90分): 四川)
    projects: list[ImportedProject] = field(factory=list)
    comments: list[str] = field(factory=list)  # before the first project
    notes: list[Note] = field(factory=list)


def goal_key(label: str) -> tuple[str, int] | None:
    """长期目标1 / 年度绩效目标2 -> (keyword, number); None when the label is not a goal."""
    m = GOAL_LABEL.match(label.replace(" ", ""))
    if not m:
        return None
    return GOAL_KEYWORDS[m.group(1)], int(m.group(2) or 1)


def level_owner(name: str) -> str | None:
    """The 一级 a 二级 name (or alias) belongs to, when the name is not itself a 一级."""
    if framework.resolve_level1(name) is not None:
        return None
    level2 = framework.resolve_level2(name, None)
    owners = framework.owners_of(level2) if level2 else []
    return owners[0] if owners else None
