"""A table's layout, inferred: what each column holds, and where each cell of a row goes.

Nothing here knows a particular form.  A column's role comes from its header words (the one table
of them is syntax/keywords.py, COLUMN_LABELS; a bracketed note and a number of points are not part
of the word) and, where the header says nothing, from the cells below it.  A cell's kind comes from
its text: a 一级 or 二级 name (through the framework and its aliases, with the points, notes and
generic qualifiers of real forms stripped), a comparator alone, a unit alone, a number, a target,
a basis word, free text.  A row is placed by matching the kinds of its cells to the roles of the
columns — a row copied from a web page lacks the cells of its merged columns, and starts at 一级,
二级 or 三级 — never by counting cells from the left; a row of the form's own layout that keeps
its blanks is read by position.  A stream of cells (one cell a line, or cells between spaces) is
cut into rows the same way: the cut whose rows fit the columns best overall.
"""

from __future__ import annotations

import re

from attrs import define, field

from .. import framework
from ..model import parse_budget
from ..syntax.keywords import COLUMN_LABELS, LABELS, LEVEL_WORDS, normalize_label
from ..units import parse_unit
from ..values import parse_number, parse_target

__all__ = [
    "Layout",
    "column_role",
    "header_roles",
    "merge_header_rows",
    "strip_points",
    "level_names",
    "cell_kind",
    "MERGEABLE",
    "stream_doubt",
]

# -- words ---------------------------------------------------------------------------------

# a number of points or a range of them after a name: 产出指标(50分), 成本指标(0-20)分, （40-50）分
_POINTS = re.compile(r"[(（]\s*\d+(?:\.\d+)?(?:\s*[-~～－—至]\s*\d+(?:\.\d+)?)?\s*(?:分\s*[)）]|[)）]\s*分)\s*$")
_NOTE = re.compile(r"[(（][^()（）]*[)）]")  # a bracketed note: 数量指标(或建筑规模指标)
_SPACES = re.compile(r"[\s\u3000\xa0]+")


def strip_points(text: str) -> tuple[str, str]:
    """('产出指标', '(50分)') from '产出指标(50分)'; (text, '') when there are no points."""
    m = _POINTS.search(text)
    if not m:
        return text, ""
    return text[: m.start()].rstrip(), m.group(0).strip()


def _bare(text: str) -> str:
    return _SPACES.sub("", text)


# generic qualifiers a form puts before or after a level's name: 预期产出指标, 项目效益指标, 产出值
_QUALIFIER = re.compile(r"^(?:预期|项目|年度)(?=.{2,})")


def _level_candidates(text: str) -> list[str]:
    """The spellings to try for a level name written as a form writes it."""
    t = _bare(strip_points(text)[0])
    out = [t]
    noted = _NOTE.sub("", t)
    if noted != t and noted:
        out.append(noted)
    for s in list(out):
        if s.endswith("值") and len(s) > 2:  # 产出值, 数量值, 可持续影响值: 值 for 指标
            out.append(s[:-1] + "指标")
        q = _QUALIFIER.sub("", s)
        if q != s:
            out.append(q)
    return out


def level_names(text: str) -> tuple[str | None, str | None]:
    """(the canonical 一级, the canonical 二级) a cell names, either or both None."""
    if not text or len(_bare(text)) > 20:
        return None, None
    l1 = l2 = None
    for c in _level_candidates(text):
        c = LEVEL_WORDS.get(c, c)
        l1 = l1 or framework.resolve_level1(c)
        l2 = l2 or framework.resolve_level2(c, None)
    return l1, l2


def column_role(label: str) -> str | None:
    """The role of a column from its header word (keywords.COLUMN_LABELS), with a side prefix
    `long:` for the long-term half of a side-by-side table (二级指标(长期))."""
    t = normalize_label(label)
    m = re.match(r"^(.*)（(长期|中期|年度)）$", t)
    side = ""
    if m:
        t, side = m.group(1), "" if m.group(2) == "年度" else "long:"
    role = _role_of(t)
    if role is None:
        bare = strip_points(t)[0]
        role = _role_of(bare) or _role_of(normalize_label(_NOTE.sub("", bare.replace("（", "(").replace("）", ")"))))
    return side + role if role else None


def _role_of(t: str) -> str | None:
    if not t:
        return None
    role = COLUMN_LABELS.get(t)
    if role is not None or len(t) > 16:  # a header word is short; a sentence is not a header
        return role
    if t.endswith("完成情况") and COLUMN_LABELS.get(t[:-4]) == "label":
        # a self-evaluation's title of the section (年度绩效指标完成情况), standing in the header
        # row as a form's title does (年度绩效指标): its cell merged down the rows below — a
        # label column wherever the column stands, not a column of values
        return "label"
    if "实际" in t or re.search("完成值|得分|原因|偏差|执行数|执行率", t):
        return "result"
    if re.search(r"(?:指标值|目标值|预期.*值|数值)$", t):
        return "value"
    if t.startswith(("分值", "权重")):
        return "weight"
    if "依据" in t or t.endswith("标准") and "评" not in t:
        return "basis"
    return None


def header_roles(cells) -> list[str | None] | None:
    """The role of every column when the row is a table's column header (it names 一级 and 二级
    or 三级), else None."""
    roles = [column_role(c) if c else None for c in cells]
    unknown = sum(1 for c, r in zip(cells, roles) if c and c.strip() and r is None)
    if unknown > max(3, sum(1 for r in roles if r) // 2):
        return None  # a header is column words: a row of anything else that holds some is not one
    if "name" not in roles:  # 指标内容 / 指标名称: the indicator's name when no 三级指标 column
        roles = [("name" if r == "name3" else r) for r in roles]
    have = {r.split(":")[-1] for r in roles if r}
    if "level1" not in have and not ("name" in have and {"value", "level2"} & have and "project" not in have):
        # a header without a 一级 column: a table of 指标 | 权重 | 单位 | 性质 | 值 (no levels)
        if not ({"name", "value"} <= have and len(have & {"weight", "unit", "comparator"}) >= 1):
            return None
    if "level1" in have and not ({"level2", "name"} & have):
        return None
    return roles


# a heading over sub-columns: the roles its sub-columns may start with
_PARTS = {
    "label": {"level1", "level2", "name"},
    "value": {"comparator", "value", "unit", "result", "last_year"},
    "result": {"result", "comparator", "value", "unit"},
}


def merge_header_rows(top: list[str | None], sub: list[str | None]) -> list[str | None]:
    """Two header rows, a heading over its sub-columns (绩效指标 over 一级 | 二级 | 三级 …, 指标值
    over 2021年实际实现值 | 预期2022年实现值): the sub-row's columns take the place of the first
    heading they can stand under."""
    sub = [r for r in sub if r]
    for k, role in enumerate(top):
        parts = _PARTS.get((role or "").split(":")[-1])
        if parts and sub and sub[0] in parts:
            return top[:k] + sub + top[k + 1 :]
    return top + sub


# -- cells ---------------------------------------------------------------------------------

COMPARATORS = frozenset("≥ ≤ = ＝ ≧ ≦ ═ > < ＞ ＜ >= <= ≠ 定性 定量".split())
_PLACEHOLDER = frozenset({"-", "—", "/", "／", "——", "－", "…", "……", "无"})
_CODE = re.compile(r"^(?:\[\d{3,}\]\s*\S|\d{3,}\s*[-—_]\s*[^\d\s])")  # 820001-井研县马踏镇人民政府, [015001]武汉市
_DATE = re.compile(r"\d{4}\s*[年./-]|\d{1,2}\s*月|\d{6}")


def cell_kind(text: str) -> str:
    """What a cell looks like: empty, placeholder, comparator, unit, number, id (six digits or
    more: a code), target, level1, level2, goal, basis, points, code (a coded unit name), long (a
    sentence), text."""
    t = text.strip()
    if not t:
        return "empty"
    if t in _PLACEHOLDER:
        return "placeholder"
    if t in COMPARATORS:
        return "comparator"
    if _POINTS.fullmatch(t):
        return "points"
    l1, l2 = level_names(t)
    if l1 or l2:
        return "level1" if l1 else "level2"
    if t in framework.BASES:
        return "basis"
    if re.fullmatch(r"(?:长期|年度|总体|实施期|中期)(?:绩效)?目标\s*\d*", t):
        return "goal"
    if re.fullmatch(r"\d{6,}", t):
        return "id"  # 505006: a unit's code, not an amount
    if parse_number(t) is not None:
        return "number"
    unit = parse_unit(t)
    if unit is not None and (unit.known or "/" in t) and not t.isdigit():
        return "unit"
    if _CODE.match(t) and not _DATE.match(t):
        return "code"
    target = parse_target(t)
    if target.kind == "quantitative" and (target.comparator or target.unit) or re.search(r"\d+(?:\.\d+)?\s*%", t):
        return "target"
    if _DATE.search(t) and len(t) <= 24:
        return "target"
    if len(t) > 40:
        return "long"
    return "text"


# how well a cell of each kind fits a column of each role (0: never).  A blank fits the levels'
# columns as well as any column: it is what a copy that keeps its blanks has under a merged 一级 or
# 二级.  Worth less there, a row that keeps its merged 二级's blank (… | 三级 | (blank) | 1 | 10)
# would read better as one that dropped the cell, its blank and values one column to the right:
# 1 read as the 分值 (tests/test_import_properties.py, table 23 with its 一级 last).
_FIT = {
    "level1": {"level1": 10, "empty": 2, "placeholder": 1},
    "level2": {"level2": 10, "level1": 3, "empty": 2, "placeholder": 1},
    "name": {
        "text": 6,
        "long": 5,
        "target": 2,
        "code": 3,
        "id": 1,
        "unit": 1,
        "level1": 2,  # an indicator may be named 满意度
        "level2": 2,
        "empty": 1,
        "placeholder": 1,
    },
    "value": {
        "target": 9,
        "number": 7,
        "id": 5,
        "text": 4,
        "unit": 3,
        "long": 2,
        "comparator": 1,
        "empty": 2,
        "placeholder": 2,
        "basis": 1,
    },
    "comparator": {"comparator": 10, "empty": 3, "placeholder": 2},
    "unit": {"unit": 9, "empty": 3, "placeholder": 3, "text": 1},
    "weight": {"number": 8, "empty": 2, "placeholder": 2},
    "basis": {"basis": 10, "text": 2, "empty": 2, "placeholder": 2},
    "goal": {"goal": 10, "empty": 2},
    "project": {"text": 5, "long": 4, "code": 3, "id": 2, "empty": 1},
    "budget": {"number": 8, "id": 4, "target": 3, "empty": 1, "placeholder": 1},
    "org": {"code": 9, "id": 8, "number": 3, "text": 3, "empty": 1},
    "goaltext": {"long": 8, "text": 4, "empty": 1, "placeholder": 1},
    "label": {"empty": 2, "text": 1},
}
_ANY = {"empty": 2, "placeholder": 2}  # result, remark, direction, kind: anything, a little
# columns whose cell a merged range covers on the rows below it: a copied row may lack them
MERGEABLE = frozenset(
    {"label", "level", "goal", "org", "project", "budget", "goaltext", "level1", "level2", "long:level2"}
)
_PROJECT_COLUMNS = frozenset({"project", "org", "budget", "goaltext"})
# columns a row may leave out in the middle: last year's or the actual value (a copy drops empty ones)
_OPTIONAL = frozenset({"result", "last_year"})


def fit(role: str | None, kind: str, cell: str = "", owner: str | None = None) -> float:
    """How well a cell of a kind fits a column of a role (0: never).  A 二级 name fits the 二级
    column best under a 一级 that owns it (owner: the 一级 the row stands under); a name that is
    both a 一级 and a 二级 (成本指标) is the 二级 only under a 一级 that owns it."""
    base = (role or "").split(":")[-1]
    if base == "level1" and kind == "level1" and cell and owner:
        l1, l2 = level_names(cell)
        if l2 and l2 in framework.LEVEL1.get(owner, ()):  # 成本指标 under 产出: its 二级, likelier
            return 5
    if base == "level2" and kind in ("level1", "level2") and cell:
        l1, l2 = level_names(cell)
        if l2 is None:
            return 0 if kind == "level1" and l1 else 1
        if owner is None:
            return 10 if kind == "level2" else 4
        owned = l2 in framework.LEVEL1.get(owner, ())
        if kind == "level2":
            return 10 if owned else 6
        return 8 if owned else 1
    if base == "level":  # a column of levels whose header does not say which
        if kind in ("level1", "level2"):
            return 10
        return {"empty": 1, "placeholder": 1, "text": 1}.get(kind, 0)
    if base == "weight" and kind == "number":
        n = parse_number(cell)
        return 8 if n is None or 0 <= n <= 100 else 1  # a weight is a share of 100 points
    if base == "budget" and kind == "target":
        return 3 if parse_budget(cell, "万元").value is not None else 0  # 30.00万元, never 90%以上
    table = _FIT.get(base)
    if table is None:
        return _ANY.get(kind, 1.5)
    return table.get(kind, 0)


# -- a table's layout ------------------------------------------------------------------------


@define
class Layout:
    """The roles of a table's columns, and how a row's cells are placed in them."""

    roles: list[str | None]
    index: dict[str, int] = field(init=False)

    def __attrs_post_init__(self):
        self.index = {}
        for k, r in enumerate(self.roles):
            if r and r not in self.index:
                self.index[r] = k

    def has(self, role: str) -> bool:
        return role in self.index

    def align(
        self, cells: list[str], owner: str | None = None, positional: bool = True
    ) -> tuple[dict[int, str], list[str], int]:
        """solve; positional: a row of a copy, not one cut from a stream of cells (see
        _as_it_stands)."""
        found = self.solve(cells, owner)
        return (self._as_it_stands(cells, owner, found) if positional else found)[1:]

    def solve(self, cells: list[str], owner: str | None = None) -> tuple[float, dict[int, str], list[str], int]:
        """Where a row's cells go (see _solve).  A row that names a project in a system export
        names it with its unit or its amount (820001-井研县马踏镇人民政府 | 村组干部报酬 |
        3,309,840.00): a row that would fill the project column alone is an indicator row."""
        found = self._solve(cells, owner, frozenset())
        used = {(self.roles[k] or "") for k, c in found[1].items() if c.strip()}
        if "project" in used and {"org", "budget"} & set(self.roles) and not {"org", "budget"} & used:
            found = self._solve(cells, owner, _PROJECT_COLUMNS)
        return found

    def _as_it_stands(self, cells, owner, found):
        """The row as it stands (its i-th cell in the i-th column) when it is a row of the form's
        own layout (目标名称 first) starting with its goal's name or a blank the copy kept: the
        form's export, a workbook, a Word table keep every cell, and are read by position (a
        copy that drops merged cells starts its rows at a 二级 or a 三级 instead), unless a level's
        name would stand outside the levels' columns (a row shifted, a 二级 in the 一级 column).
        So is a row of a table starting at its 一级 (申报表, 目标表) that starts with its 一级 and
        its 二级 and names no level beyond the levels' columns."""
        cells = list(cells)
        while cells and not cells[-1].strip():
            cells.pop()
        if not cells or len(cells) > len(self.roles) or not cells[0].strip() and len(cells) == 1:
            return found
        first = (self.roles[0] or "label").split(":")[-1]
        starts_level = first in ("level1", "level") and cell_kind(cells[0]) == "level1" and len(cells) > 1
        if starts_level:
            # a table starting at its 一级 (申报表, 目标表), the row whole from its first cell: its
            # 一级 and then its 二级, each in its column — as read by position, a 三级 named `0`
            # is the 三级, not a number; a level's name beyond the levels' columns is a row that
            # dropped cells (a copy of a side-by-side grid without its blanks): not as it stands
            second = (self.roles[1] or "").split(":")[-1]
            if second not in ("level2", "level") or cell_kind(cells[1]) not in ("level1", "level2"):
                return found
            if not fit(self.roles[1], cell_kind(cells[1]), cells[1], level_names(cells[0])[0]):
                return found
            for k, c in enumerate(cells):
                base = (self.roles[k] or "").split(":")[-1]
                if cell_kind(c) in ("level1", "level2") and base not in ("level1", "level2", "level"):
                    return found
            return found[0], dict(enumerate(cells)), [], 0
        if first not in ("goal", "label") or cells[0].strip() and cell_kind(cells[0]) != "goal":
            return found  # not a row of the form's own layout, whole from its first column
        for k, c in enumerate(cells):
            kind = cell_kind(c)
            if kind in ("level1", "level2") and not fit(self.roles[k], kind, c, owner):
                return found  # a level's name out of the levels' columns: the row is shifted
        return found[0], dict(enumerate(cells)), [], 0

    def _solve(
        self, cells: list[str], owner: str | None, forbid: frozenset[str]
    ) -> tuple[float, dict[int, str], list[str], int]:
        """Where a row's cells go: {column: cell}, the cells beyond the table, and how many
        columns before the row's first cell it skips (0: it starts in the first column).

        The cells keep their order; a column whose cell a merged range covers (a label, a
        project column, 一级, 二级) may be passed over anywhere — a copy drops the cells of
        merged ranges, and a vertically centred merged cell can even stand in the middle of its
        span —, and any column at the end.  A copy that keeps a merged cell's blank keeps its
        place: an empty cell is a column's cell like any other.  The cells' kinds are scored against the columns' roles (infer.fit); the best placement
        wins, the row as it stands on a tie."""
        cells = list(cells)
        while cells and not cells[-1].strip():
            cells.pop()
        n, width = len(cells), len(self.roles)
        kinds = [cell_kind(c) for c in cells]
        # the blanks a copy kept at a row's start stand in the first columns, one each
        lead = next((k for k, kind in enumerate(kinds) if kind != "empty"), n)
        neg = float("-inf")
        # best[i][j]: the best score with cells[:i] placed in columns[:j]; how[i][j]: the step
        best = [[neg] * (width + 1) for _ in range(n + 1)]
        how: list[list[tuple[int, int, int] | None]] = [[None] * (width + 1) for _ in range(n + 1)]
        best[0][0] = 0.0
        for i in range(n + 1):
            for j in range(width + 1):
                here = best[i][j]
                if here == neg:
                    continue
                if i < n and j < width and self.roles[j] not in forbid:  # cell i in column j
                    f = fit(self.roles[j], kinds[i], cells[i], owner)
                    score = here + (f if f else -6) + (0.01 if i == j else 0)  # a tie: as it stands
                    if score > best[i + 1][j + 1]:
                        best[i + 1][j + 1], how[i + 1][j + 1] = score, (i, j, 1)
                role = (self.roles[j] or "label") if j < width else ""
                passable = i == n or (role in MERGEABLE or role in _OPTIONAL) and i >= lead
                if j < width and passable:  # column j passed over
                    # the merged cells a copy drops at a row's start cost nothing
                    score = here - (0 if i == n or i == 0 and role in MERGEABLE else 0.5 if role in MERGEABLE else 1)
                    if score > best[i][j + 1]:
                        best[i][j + 1], how[i][j + 1] = score, (i, j, 0)
        # cells beyond the last column: extra, each a heavy cost unless empty
        end, top = n, neg
        for i in range(n + 1):
            over = sum(-8 for k in kinds[i:] if k != "empty")
            if best[i][width] + over > top:
                top, end = best[i][width] + over, i
        placed: dict[int, str] = {}
        i, j = end, width
        while (i, j) != (0, 0) and how[i][j] is not None:
            pi, pj, step = how[i][j]
            if step == 1:
                placed[pj] = cells[pi]
            i, j = pi, pj
        extra = [c for c in cells[end:] if c.strip()]
        first = min((k for k, c in placed.items() if c.strip()), default=0)
        firstcell = next((k for k in range(n) if kinds[k] != "empty"), 0)
        return top, placed, extra, first - firstcell

    def cut(self, cells: list[str]) -> list[tuple[int, int, dict[int, str]]]:
        """A stream of cells cut into rows: (first cell, cell after the last, {column: cell}) of
        each row, the cut that fits the cells to the columns best overall.  A row costs a little
        (fewer, fuller rows are likelier), a row that holds a name and a value gains (a whole
        indicator: words for its name and a value); every cell is in exactly one row.  An indicator's name is not written twice
        in a table: a text the cut makes a name more than once (达成预期指标, a self-evaluation's
        word for the actual value) is cut again as what it is, a cell of a row before it."""
        rows = self._cut(cells, frozenset())
        name = self.index.get("name")
        seen: dict[str, int] = {}
        for _, _, placed in rows:
            text = placed.get(name, "").strip() if name is not None else ""
            if text:
                seen[text] = seen.get(text, 0) + 1
        twice = frozenset(t for t, k in seen.items() if k > 1)
        return self._cut(cells, twice) if twice else rows

    def _cut(self, cells: list[str], not_names: frozenset[str]) -> list[tuple[int, int, dict[int, str]]]:
        n, width = len(cells), len(self.roles)
        longest = width + 2
        neg = float("-inf")
        best = [neg] * (n + 1)
        back: list[tuple[int, dict[int, str]] | None] = [None] * (n + 1)
        best[0] = 0.0
        for i in range(1, n + 1):
            for j in range(max(0, i - longest), i):
                if best[j] == neg:
                    continue
                score, placed, extra, _ = self.solve(cells[j:i])
                roles = {(self.roles[k] or "").split(":")[-1] for k, c in placed.items() if c.strip()}
                named = any(
                    (self.roles[k] or "").split(":")[-1] == "name" and cell_kind(c) in ("text", "long")
                    for k, c in placed.items()
                )
                score += best[j] - 3 + (4 if named and {"name", "value"} <= roles else 0)
                if not_names and any(
                    (self.roles[k] or "").split(":")[-1] == "name" and c.strip() in not_names for k, c in placed.items()
                ):
                    score -= 12
                if score > best[i]:
                    best[i], back[i] = score, (j, placed)
        out = []
        i = n
        while i > 0 and back[i] is not None:
            j, placed = back[i]
            out.append((j, i, placed))
            i = j
        return out[::-1]


_SAME_KIND = frozenset({"value", "weight", "result", "last_year", "remark"})
_LEADING = frozenset({None, "label", "goal", "level", "level1", "level2", "org", "project", "budget", "goaltext"})


def stream_doubt(roles: list[str | None]) -> list[int]:
    """The columns of a table that a row copied without its empty cells could put its values in
    two ways: after the indicator's name, two or more columns holding the same kinds of cells
    (指标值, 分值, 实际完成值, 得分, 说明), or the two halves of a side-by-side table.  [] when a row
    of cells in order can be read one way only."""
    if any((r or "").startswith("long:") for r in roles):
        return [k for k, r in enumerate(roles) if r and r.split(":")[-1] in ("name", "value", "level2")]
    name = next((k for k, r in enumerate(roles) if r == "name"), None)
    if name is None:
        return []
    if any(r not in _LEADING for r in roles[:name]) or any(r in _LEADING - {None} for r in roles[name:]):
        # a row is found by its levels and its name at its start: columns in another order
        # (指标值 before 三级指标, 一级 after it) leave a short row's end unknown
        return [k for k, r in enumerate(roles) if r]
    same = [k for k, r in enumerate(roles) if k > name and r in _SAME_KIND]
    return same if len(same) >= 2 else []


def is_label(cell: str) -> bool:
    """A label of the form (项目名称, 主管部门, 年度绩效目标 …) or a column header word."""
    t = normalize_label(cell)
    return t in LABELS or t in COLUMN_LABELS
