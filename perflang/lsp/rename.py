"""Rename: a project, a goal (its number, and every `同` that points at it), an indicator.

What a rename means:
- a goal is known by its kind and number (`长期目标 1`): renaming it gives it a new number
  (`2` or `长期目标 2`; the kind stays: a long-term goal does not become an annual one), on its
  own line and on every `年度目标 1 同 长期目标 1` of the project that shares it;
- an indicator is known by its name within its goal: renaming it changes that one line.  A goal
  that shares it with `同` has no text of its own, so the indicator is renamed there too (the
  same line); actuals that name the indicator (perflang eval's JSON/CSV) are files of their own
  and keep the old name until they are edited;
- a project: its name.
A name that is taken (another goal of that kind and number in the project, another indicator of
that name in the goal, another project of that name in the file) is refused with a message.

Plain data: edits are ((line, column, end line, end column), new text) in 1-based file positions."""

from __future__ import annotations

import re

from ..errors import PerflangError
from ..messages import phrase
from ..model import GOAL_LABELS
from ..syntax.formatter import name_text, value_text
from ..syntax.keywords import GOAL_KINDS
from ..syntax.linetext import code_part

__all__ = ["RenameRefused", "prepare_rename", "rename"]

_WS = " \t\u3000"
_NEW_GOAL = re.compile(
    r"^\s*(?:(" + "|".join(sorted(map(re.escape, GOAL_KINDS), key=len, reverse=True)) + r")\s*)?(\d+)\s*$"
)


class RenameRefused(PerflangError):
    """A rename that cannot be made (PF933): why, a phrase of the catalog (rename.*: key and
    its args).  The server answers the request with the message (text) in the editor's language."""

    def __init__(self, key: str, /, **args):
        super().__init__("PF933", reason=phrase(key, **args))
        self.key = key

    def text(self, lang: str) -> str:
        """The message alone (无法重命名：…), as an editor shows a refused request."""
        return self.diagnostic().message(lang)


def _goal_label(kind: str, number) -> str:
    return GOAL_LABELS[kind] + (f" {number}" if number is not None else "")


def _number_at(text: str, pos: int) -> tuple[int, int]:
    """(start, end) 0-based of the number after pos (white space skipped); (pos, pos) when none."""
    i = pos
    while i < len(text) and text[i] in _WS:
        i += 1
    j = i
    while j < len(text) and text[j].isdigit():
        j += 1
    return (i, j) if j > i else (pos, pos)


def _target(doc, line: int, column: int):
    """What stands at a position: (kind, unit, pm, gm, ind, the range (0-based start, end on the
    line) to rename): ("project", unit, pm, None, None, …) / ("indicator", unit, pm, gm, ind, …) /
    ("goal", unit, pm, gm, None, …); or None."""
    found = doc.node_at(line)
    if found is None or found.project is None or found.unit is None:
        return None
    unit, pm = found.unit, found.project
    text = doc.lines.line(line)
    col = column - 1
    if found.kind == "project":
        p = pm.node
        n = unit.file_span(p.name_span)
        if n.line == line and n.column - 1 <= col <= n.end_column - 1:
            return ("project", unit, pm, None, None, (n.column - 1, n.end_column - 1))
        return None
    if found.kind == "indicator" and found.model is not None:
        ind = found.node
        n = unit.file_span(ind.name_span)
        if n.line == line and n.column - 1 <= col <= n.end_column - 1:
            gm = next(
                (g for g in pm.goals if g.shared_from is None and any(i is found.model for i in g.indicators)), None
            )
            return ("indicator", unit, pm, gm, found.model, (n.column - 1, n.end_column - 1))
        return None
    if found.kind == "goal" and found.model is not None:
        gm = found.model
        node = gm.node
        code = code_part(text)
        kw = node.span.column - 1
        own = (kw, _number_at(code, kw + len(node.keyword))[1] or kw + len(node.keyword))
        if node.same_as is not None and gm.shared_from is not None:
            at = code.find(node.same_keyword, own[1])
            if at >= 0 and col >= at + len(node.same_keyword):
                start = at + len(node.same_keyword)
                while start < len(code) and code[start] in _WS:
                    start += 1
                source = next((g for g in pm.goals if g.node is gm.shared_from), None)
                if source is None:
                    return None
                return ("goal", unit, pm, source, None, (start, len(code.rstrip())))
        if own[0] <= col <= own[1]:
            return ("goal", unit, pm, gm, None, own)
    return None


def prepare_rename(doc, line: int, column: int) -> tuple[tuple[int, int, int, int], str] | None:
    """(the range to rename, the text to start from) at a position, None where nothing can be."""
    got = _target(doc, line, column)
    if got is None:
        return None
    kind, unit, pm, gm, ind, (a, b) = got
    placeholder = {
        "project": lambda: pm.name,
        "indicator": lambda: ind.name,
        "goal": lambda: _goal_label(gm.kind, gm.number),
    }[kind]()
    return (line, a + 1, line, b + 1), placeholder


def rename(doc, line: int, column: int, new_name: str) -> list[tuple[tuple[int, int, int, int], str]]:
    """The edits of a rename at a position; RenameRefused when it cannot be made."""
    got = _target(doc, line, column)
    if got is None:
        raise RenameRefused("rename.nothing")
    kind, unit, pm, gm, ind, _ = got
    new = new_name.strip()
    if not new:
        raise RenameRefused("rename.empty")
    if kind == "project":
        return _project(doc, unit, pm, new)
    if kind == "indicator":
        return _indicator(unit, pm, gm, ind, new)
    return _goal(doc, unit, pm, gm, new)


def _project(doc, unit, pm, new: str):
    if new == pm.name:
        return []
    for _unit, p, _pm in doc.projects():
        if p.name == new:
            raise RenameRefused("rename.project_taken", name=new)
    span = unit.file_span(pm.node.name_span)
    return [((span.line, span.column, span.end_line, span.end_column), value_text(new))]


def _indicator(unit, pm, gm, ind, new: str):
    if new == ind.name:
        return []
    if gm is not None and any(i.name == new for i in gm.indicators if i is not ind):
        raise RenameRefused("rename.indicator_taken", name=new, goal=_goal_label(gm.kind, gm.number))
    span = unit.file_span(ind.node.name_span)
    return [((span.line, span.column, span.end_line, span.end_column), name_text(new))]


def _goal(doc, unit, pm, gm, new: str):
    m = _NEW_GOAL.match(new)
    if m is None:
        raise RenameRefused("rename.goal_number", goal=_goal_label(gm.kind, gm.number))
    if m.group(1) and GOAL_KINDS[m.group(1)] != gm.kind:
        raise RenameRefused("rename.goal_kind", goal=_goal_label(gm.kind, gm.number))
    number = int(m.group(2))
    if number == gm.number and gm.node.number is not None:
        return []
    if any(g is not gm and g.kind == gm.kind and g.number == number for g in pm.goals):
        raise RenameRefused("rename.goal_taken", goal=_goal_label(gm.kind, number))
    edits = []
    node = gm.node
    line = unit.file_line(node.span.line)
    code = code_part(doc.lines.line(line))
    after = node.span.column - 1 + len(node.keyword)
    a, b = _number_at(code, after)
    edits.append(((line, a + 1, line, b + 1), str(number) if b > a else f" {number}"))
    for other in pm.goals:
        if other.shared_from is not node or other.node.same_as is None or other.node.same_as[1] is None:
            continue
        o = other.node
        line = unit.file_line(o.span.line)
        code = code_part(doc.lines.line(line))
        at = code.find(o.same_keyword, o.span.column - 1 + len(o.keyword))
        if at < 0:
            continue
        kw = code.find(o.same_goal_keyword, at + len(o.same_keyword))
        if kw < 0:
            continue
        a, b = _number_at(code, kw + len(o.same_goal_keyword))
        if b > a:
            edits.append(((line, a + 1, line, b + 1), str(number)))
    return edits
