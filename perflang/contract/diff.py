"""What changed between two versions of a file's targets: the rows of the 绩效目标调整表
(`perflang diff OLD NEW`, docs/cli.md).

Things are matched by their id (contract/ids.py: the path of project, goal, 一级/二级 and name),
so layout, comments and `perflang fmt` never show as changes, and neither does a value written
another way (不少于10条 and ≥10条, 571 and 571万元).  What is left unmatched is told apart:

- an indicator of a goal whose name changed but whose 一级/二级 and value did not is **renamed**;
  one that kept its name but sits under another 一级/二级 is **moved**; else it is removed and
  another added;
- a project whose name changed but which keeps at least half of its indicators (by goal, path
  and value) is **renamed** (its goals and indicators then compared as usual);
- a goal whose number changed but which keeps at least half of its indicators is **renumbered**.

A change's reason is the comment on its line in the new file (after it, or the comment lines
right above it; `调整原因：` before the text is dropped), for a removed indicator a comment of the
new file that names it, else the project's `字段 调整原因: …`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from attrs import asdict, frozen

from ..model import GoalModel, IndicatorModel, Model, ProjectModel
from .ids import goal_id, indicator_ids, level_key, project_id

__all__ = ["Change", "Adjustment", "diff_models", "REASON_FIELD", "KINDS", "CHANGES", "changes_data"]

REASON_FIELD = "调整原因"  # a project's field giving the reason of its adjustments
KINDS = ("setting", "project", "budget", "field", "funding", "goal", "indicator")
# the file's own settings a change of which is listed (金额单位 changes no amount: amounts compare in 元)
SETTINGS = ("unit", "year", "money_unit", "form", "default_basis", "scoring")
CHANGES = ("added", "removed", "changed", "renamed", "moved", "renumbered")
_DIRECTIVE = re.compile(r"^\s*(noqa\b|perflang\s*:)", re.I)
_REASON_PREFIX = re.compile(r"^\s*(调整原因|调整理由|原因)\s*[:：]\s*")


@frozen
class Change:
    """One row of the 调整表."""

    kind: str  # setting (of the file), project, budget, field, funding, goal, indicator
    change: str  # added, removed, changed, renamed, moved, renumbered
    project: str  # the project's name (in the new version; the old one when removed; "" for a setting)
    goal: str = ""  # 年度目标1 … for goals and indicators
    level1: str = ""
    level2: str = ""
    name: str = ""  # the indicator's (or field's) name
    what: str = ""  # what changed: value, weight, basis, explanation, last_year, text, shared, name, number, path
    old: str | None = None
    new: str | None = None
    reason: str | None = None
    old_id: str | None = None
    new_id: str | None = None
    line: int | None = None  # where it stands in the new file (in the old one when removed)


@frozen
class Adjustment:
    """What `perflang diff` prints: the changes from the old version's model to the new one's."""

    changes: list
    old: Model
    new: Model


def changes_data(changes: list[Change]) -> list[dict]:
    return [asdict(c) for c in changes]


# -- reasons -------------------------------------------------------------------------------


class Reasons:
    """The reasons a new file gives: comments on or above a line, comments naming a removed
    indicator, the projects' 调整原因 fields."""

    def __init__(self, model: Model, text: str):
        self.lines = text.split("\n")
        self.by_line: dict[int, str] = {}
        for c in model.document.comments:
            body = c.text.lstrip("#").strip()
            if body and not _DIRECTIVE.match(body):
                self.by_line[c.span.line] = _REASON_PREFIX.sub("", body)
        self.comments = list(self.by_line.values())

    def _whole_line(self, line: int) -> bool:
        return 0 < line <= len(self.lines) and self.lines[line - 1].lstrip().startswith("#")

    def at(self, line: int | None) -> str | None:
        """The comment after the text of a line, else the comment lines right above it."""
        if line is None:
            return None
        if line in self.by_line and not self._whole_line(line):
            return self.by_line[line]
        above = []
        n = line - 1
        while n in self.by_line and self._whole_line(n):
            above.append(self.by_line[n])
            n -= 1
        return "；".join(reversed(above)) or None

    def naming(self, name: str) -> str | None:
        """A comment that names a (removed) indicator."""
        if len(name) < 2:
            return None
        return next((c for c in self.comments if name in c), None)


# -- what is compared ---------------------------------------------------------------------


def _value_key(ind: IndicatorModel):
    """An indicator's value as understood: written another way, it is the same."""
    t = ind.target
    if t.kind == "quantitative":
        base = None if t.base_value is None else t.base_value.normalize()
        return ("quantitative", t.comparator, base, t.dimension or t.unit)
    return ("qualitative", t.text.strip())


def _decimal_key(value: Decimal | None):
    return None if value is None else value.normalize()


ATTRIBUTES = (
    ("weight", lambda i: _decimal_key(i.weight), lambda i: i.node.attr("weight")),
    ("basis", lambda i: i.basis, lambda i: i.node.attr("basis")),
    ("explanation", lambda i: i.explanation, lambda i: i.node.attr("explanation")),
    ("last_year", lambda i: i.last_year, lambda i: i.node.attr("last_year")),
)


def _attr_text(ind: IndicatorModel, what: str) -> str | None:
    if what == "basis":
        return ind.basis
    if what == "explanation":
        return ind.explanation
    if what == "last_year":
        return ind.last_year
    attr = ind.node.attr("weight")
    return attr.value if attr else None


def _budget_key(p: ProjectModel):
    b = p.budget
    if b is None:
        return None
    return ("amount", b.base_value.normalize()) if b.base_value is not None else ("text", b.text)


def _setting_line(p: ProjectModel, key: str) -> int | None:
    return next((s.span.line for s in p.node.settings if s.key == key), None)


def _shared(g: GoalModel) -> str | None:
    """同 … of a shared goal, as 长期目标1."""
    if g.node.same_as is None:
        return None
    kind, number = g.node.same_as
    return ("长期目标" if kind == "long-term" else "年度目标") + ("" if number is None else str(number))


def _signature(p: ProjectModel) -> set:
    """What a project's goals hold, for telling a renamed project: (goal, path, value)."""
    return {
        (g.kind, g.number, *level_key(i), i.name, _value_key(i))
        for g in p.goals
        if g.node.same_as is None
        for i in g.indicators
    }


def _goal_signature(g: GoalModel) -> set:
    return {(*level_key(i), i.name, _value_key(i)) for i in g.indicators}


def _overlap(a: set, b: set) -> float:
    return len(a & b) / max(len(a), len(b)) if a and b else 0.0


def _pair(old: list, new: list, score) -> tuple[list, list, list]:
    """Greedy pairs of the unmatched (best first, at least half alike): (pairs, left old, left new)."""
    scored = sorted(
        ((score(a, b), i, j) for i, a in enumerate(old) for j, b in enumerate(new)), key=lambda x: (-x[0], x[1], x[2])
    )
    used_old, used_new, pairs = set(), set(), []
    for s, i, j in scored:
        if s >= 0.5 and i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((old[i], new[j]))
    return (
        pairs,
        [a for i, a in enumerate(old) if i not in used_old],
        [b for j, b in enumerate(new) if j not in used_new],
    )


# -- the comparison ------------------------------------------------------------------------


class _Diff:
    def __init__(self, old: Model, new: Model, old_text: str, new_text: str):
        self.old, self.new = old, new
        self.reasons = Reasons(new, new_text)
        self.out: list[Change] = []

    def project_reason(self, p: ProjectModel) -> str | None:
        return p.field(REASON_FIELD)

    def add(self, change: Change, line: int | None, project: ProjectModel | None, removed_name: str | None = None):
        reason = self.reasons.at(line) if line is not None and change.change != "removed" else None
        if reason is None and removed_name is not None:
            reason = self.reasons.naming(removed_name)
        if reason is None and project is not None:
            reason = self.project_reason(project)
        self.out.append(Change(**{**asdict(change), "reason": reason}))

    def settings(self) -> None:
        """申报单位, 年度, 金额单位, 表样, 默认依据 and 评分方案 of the file (the profile changes scores)."""

        def of(model: Model) -> dict:
            out: dict = {}
            for s in model.document.settings:
                out.setdefault(s.key, (s.value, s.span.line))
            return out

        old, new = of(self.old), of(self.new)
        for key in SETTINGS:
            before, after = old.get(key, (None, None))[0], new.get(key, (None, None))[0]
            if before != after:
                line = new.get(key, (None, None))[1]
                change = "added" if before is None else "removed" if after is None else "changed"
                self.add(
                    Change("setting", change, "", name=key, what="value", old=before, new=after, line=line), line, None
                )

    def run(self) -> list[Change]:
        self.settings()
        old_by = {p.name: p for p in self.old.projects}
        new_names = {p.name for p in self.new.projects}
        gone = [p for p in self.old.projects if p.name not in new_names]
        fresh = [p for p in self.new.projects if p.name not in old_by]
        pairs, gone, fresh = _pair(gone, fresh, lambda a, b: _overlap(_signature(a), _signature(b)))
        renamed = {id(b): a for a, b in pairs}
        for p in self.new.projects:
            if p.name in old_by:
                self.project(old_by[p.name], p)
            elif id(p) in renamed:
                a = renamed[id(p)]
                line = p.node.span.line
                self.add(
                    Change(
                        "project",
                        "renamed",
                        p.name,
                        what="name",
                        old=a.name,
                        new=p.name,
                        old_id=project_id(a),
                        new_id=project_id(p),
                        line=line,
                    ),
                    line,
                    p,
                )
                self.project(a, p)
            else:
                line = p.node.span.line
                self.add(Change("project", "added", p.name, new=p.name, new_id=project_id(p), line=line), line, p)
        for p in gone:
            self.add(
                Change("project", "removed", p.name, old=p.name, old_id=project_id(p), line=p.node.span.line),
                None,
                None,
                p.name,
            )
        return self.out

    def project(self, a: ProjectModel, b: ProjectModel) -> None:
        if _budget_key(a) != _budget_key(b):
            line = _setting_line(b, "budget")
            self.add(
                Change(
                    "budget",
                    "changed",
                    b.name,
                    what="budget",
                    old=a.budget.text if a.budget else None,
                    new=b.budget.text if b.budget else None,
                    line=line,
                ),
                line,
                b,
            )
        for kind, get in (("field", lambda p: p.fields), ("funding", lambda p: p.funding)):
            self.fields(kind, a, b, get)
        old_goals = {(g.kind, g.number): g for g in a.goals}
        new_keys = {(g.kind, g.number) for g in b.goals}
        gone = [g for g in a.goals if (g.kind, g.number) not in new_keys]
        fresh = [g for g in b.goals if (g.kind, g.number) not in old_goals]
        pairs, gone, fresh = _pair(
            gone, fresh, lambda x, y: _overlap(_goal_signature(x), _goal_signature(y)) if x.kind == y.kind else 0.0
        )
        renumbered = {id(y): x for x, y in pairs}
        for g in b.goals:
            line = g.node.span.line
            if (g.kind, g.number) in old_goals:
                self.goal(a, b, old_goals[(g.kind, g.number)], g)
            elif id(g) in renumbered:
                x = renumbered[id(g)]
                self.add(
                    Change(
                        "goal",
                        "renumbered",
                        b.name,
                        g.label,
                        what="number",
                        old=x.label,
                        new=g.label,
                        old_id=goal_id(a, x),
                        new_id=goal_id(b, g),
                        line=line,
                    ),
                    line,
                    b,
                )
                self.goal(a, b, x, g)
            else:
                self.add(
                    Change("goal", "added", b.name, g.label, new=_shared(g) or g.text, new_id=goal_id(b, g), line=line),
                    line,
                    b,
                )
                if g.node.same_as is None:
                    for ind, ident in zip(g.indicators, indicator_ids(b, g)):
                        self.indicator_added(b, g, ind, ident)
        for g in gone:
            self.add(
                Change(
                    "goal",
                    "removed",
                    b.name,
                    g.label,
                    old=_shared(g) or g.text,
                    old_id=goal_id(a, g),
                    line=g.node.span.line,
                ),
                None,
                b,
                g.label,
            )

    def fields(self, kind: str, a: ProjectModel, b: ProjectModel, get) -> None:
        old = {}
        for name, value in get(a):
            old.setdefault(name, value)
        new = {}
        for name, value in get(b):
            new.setdefault(name, value)
        for name, value in new.items():
            if name == REASON_FIELD:
                continue
            if name not in old:
                self.add(Change(kind, "added", b.name, name=name, new=value), None, b)
            elif old[name] != value:
                self.add(Change(kind, "changed", b.name, name=name, what="value", old=old[name], new=value), None, b)
        for name, value in old.items():
            if name not in new and name != REASON_FIELD:
                self.add(Change(kind, "removed", b.name, name=name, old=value), None, b)

    def goal(self, pa: ProjectModel, pb: ProjectModel, ga: GoalModel, gb: GoalModel) -> None:
        line = gb.node.span.line
        ids = dict(old_id=goal_id(pa, ga), new_id=goal_id(pb, gb))
        if _shared(ga) or _shared(gb):  # a goal shared with 同: what it shares, not the copy
            if _shared(ga) != _shared(gb):
                self.add(
                    Change(
                        "goal",
                        "changed",
                        pb.name,
                        gb.label,
                        what="shared",
                        old=_shared(ga) or ga.text,
                        new=_shared(gb) or gb.text,
                        line=line,
                        **ids,
                    ),
                    line,
                    pb,
                )
            return
        if ga.text != gb.text:
            self.add(
                Change("goal", "changed", pb.name, gb.label, what="text", old=ga.text, new=gb.text, line=line, **ids),
                line,
                pb,
            )
        old_ids = indicator_ids(pa, ga)
        new_ids = indicator_ids(pb, gb)

        # by id within the matched projects: the same path (the project's own name aside)
        def rel(p, g, inds):
            seen: dict = {}
            out = []
            for i in inds:
                key = (*level_key(i), i.name)
                seen[key] = seen.get(key, 0) + 1
                out.append((*key, seen[key]))
            return out

        old_rel = dict(zip(rel(pa, ga, ga.indicators), zip(ga.indicators, old_ids)))
        new_rel = list(zip(rel(pb, gb, gb.indicators), gb.indicators, new_ids))
        partner: dict = {}  # index in new_rel -> (old indicator, old id, "" | renamed | moved)
        for k, (key, _, _) in enumerate(new_rel):
            if key in old_rel:
                partner[k] = (*old_rel.pop(key), "")
        # renamed: same 一级/二级 and value, another name; moved: same name, another 一级/二级
        for test, change in (
            (lambda x, y: level_key(x) == level_key(y) and _value_key(x) == _value_key(y), "renamed"),
            (lambda x, y: x.name == y.name, "moved"),
        ):
            for k, (_, ind, _) in enumerate(new_rel):
                if k in partner:
                    continue
                hit = next((old_key for old_key, (o, _) in old_rel.items() if test(o, ind)), None)
                if hit is not None:
                    partner[k] = (*old_rel.pop(hit), change)
        for k, (_, ind, ident) in enumerate(new_rel):  # in the new file's order
            if k not in partner:
                self.indicator_added(pb, gb, ind, ident)
                continue
            old_ind, old_ident, change = partner[k]
            if change:
                what, before, after = (
                    ("name", old_ind.name, ind.name)
                    if change == "renamed"
                    else ("path", f"{old_ind.level1}/{old_ind.level2}", f"{ind.level1}/{ind.level2}")
                )
                line = ind.node.span.line
                self.add(
                    Change(
                        "indicator",
                        change,
                        pb.name,
                        gb.label,
                        ind.level1,
                        ind.level2,
                        ind.name,
                        what,
                        before,
                        after,
                        old_id=old_ident,
                        new_id=ident,
                        line=line,
                    ),
                    line,
                    pb,
                )
            self.indicator(pb, gb, old_ind, ind, old_ident, ident)
        for ind, ident in old_rel.values():  # what is left went away
            self.add(
                Change(
                    "indicator",
                    "removed",
                    pb.name,
                    gb.label,
                    ind.level1,
                    ind.level2,
                    ind.name,
                    "value",
                    ind.target.text,
                    None,
                    old_id=ident,
                    line=ind.node.span.line,
                ),
                None,
                pb,
                ind.name,
            )

    def indicator_added(self, p: ProjectModel, g: GoalModel, ind: IndicatorModel, ident: str) -> None:
        line = ind.node.span.line
        self.add(
            Change(
                "indicator",
                "added",
                p.name,
                g.label,
                ind.level1,
                ind.level2,
                ind.name,
                "value",
                None,
                ind.target.text,
                new_id=ident,
                line=line,
            ),
            line,
            p,
        )

    def indicator(self, p, g, a: IndicatorModel, b: IndicatorModel, old_id: str, new_id: str) -> None:
        line = b.node.span.line
        common = dict(
            project=p.name,
            goal=g.label,
            level1=b.level1,
            level2=b.level2,
            name=b.name,
            old_id=old_id,
            new_id=new_id,
            line=line,
        )
        if _value_key(a) != _value_key(b):
            self.add(
                Change("indicator", "changed", what="value", old=a.target.text, new=b.target.text, **common), line, p
            )
        for what, key, _ in ATTRIBUTES:
            if key(a) != key(b):
                self.add(
                    Change(
                        "indicator", "changed", what=what, old=_attr_text(a, what), new=_attr_text(b, what), **common
                    ),
                    line,
                    p,
                )


def diff_models(old: Model, new: Model, old_text: str = "", new_text: str = "") -> list[Change]:
    """The changes from old to new, in the new file's order (what went away after its project's
    other changes); the texts give the comments' places (the reasons)."""
    return _Diff(old, new, old_text, new_text).run()
