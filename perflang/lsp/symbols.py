"""The outline (project › goal › 一级/二级 › indicator), folding ranges, go to definition from
`同 长期目标 1` and the references of a goal.  Plain data: (line, column) pairs are 1-based file
positions; server.py turns them into LSP types."""

from __future__ import annotations

from typing import NamedTuple

from ..model import GOAL_LABELS
from .context import block_ends

__all__ = ["Symbol", "outline", "folding", "definition", "references"]


class Symbol(NamedTuple):
    name: str
    kind: str  # "project" | "goal" | "group" | "indicator"
    detail: str
    start: tuple[int, int]  # the whole block
    end: tuple[int, int]
    sel_start: tuple[int, int]  # the name
    sel_end: tuple[int, int]
    children: tuple


def _ends(doc) -> dict[int, int]:
    return {b.line: b.end for b in block_ends(doc.lines.lines)}


def _block(ends, span, doc):
    """(start, end) of the block opened on span's line (the line itself when none)."""
    last = ends.get(span.line, span.line)
    return (span.line, span.column), (last, len(doc.lines.line(last)) + 1)


def _goal_name(g) -> str:
    label = GOAL_LABELS[g.kind] + (f" {g.number}" if g.number is not None else "")
    if g.same_as is not None:
        kind, no = g.same_as
        label += f" 同 {GOAL_LABELS[kind]}" + (f" {no}" if no is not None else "")
    return label


def outline(doc) -> list[Symbol]:
    ends = _ends(doc)
    out = []
    for unit, p, _pm in doc.projects():
        fs = unit.file_span
        goals = []
        for g in p.goals:
            groups = []
            for group in g.groups:
                inds = []
                for ind in group.indicators:
                    s = fs(ind.span)
                    inds.append(
                        Symbol(
                            ind.name or "（空）",
                            "indicator",
                            ind.value,
                            *_block(ends, s, doc),
                            (s.line, s.column),
                            (s.end_line, s.end_column),
                            (),
                        )
                    )
                s = fs(group.span)
                name = group.level1 + (f" / {group.level2}" if group.level2 else "")
                groups.append(
                    Symbol(
                        name,
                        "group",
                        "",
                        *_block(ends, s, doc),
                        (s.line, s.column),
                        (s.line, s.column + len(name)),
                        tuple(inds),
                    )
                )
            s = fs(g.span)
            goals.append(
                Symbol(
                    _goal_name(g),
                    "goal",
                    (g.text or "")[:40],
                    *_block(ends, s, doc),
                    (s.line, s.column),
                    (s.end_line, s.end_column),
                    tuple(groups),
                )
            )
        s, n = fs(p.span), fs(p.name_span)
        out.append(
            Symbol(
                p.name,
                "project",
                "",
                *_block(ends, s, doc),
                (n.line, n.column),
                (n.end_line, n.end_column),
                tuple(goals),
            )
        )
    return out


def folding(doc) -> list[tuple[int, int, str]]:
    """(first line, last line, kind) of each block over several lines and each run of comments."""
    out = [(b.line, b.end, "region") for b in block_ends(doc.lines.lines) if b.end > b.line]
    run = None
    for no, text in enumerate(doc.lines.lines, 1):
        if text.lstrip(" \t\u3000").startswith("#"):
            run = (run[0], no) if run else (no, no)
            continue
        if run and run[1] > run[0]:
            out.append((run[0], run[1], "comment"))
        run = None
    if run and run[1] > run[0]:
        out.append((run[0], run[1], "comment"))
    return sorted(out)


def _goals_of(doc, line: int):
    """(unit, project node, project model) holding a file line, or None."""
    unit = doc.unit_at(line)
    if unit is None or unit.result.document is None or unit.result.model is None:
        return None
    at = unit.unit_line(line)
    found = None
    for p, pm in zip(unit.result.document.projects, unit.result.model.projects):
        if p.span.line <= at:
            found = (unit, p, pm)
    return found


def definition(doc, line: int) -> tuple[int, int, int, int] | None:
    """From a `同 长期目标 1` line: the span of the goal it shares."""
    got = _goals_of(doc, line)
    if got is None:
        return None
    unit, p, pm = got
    at = unit.unit_line(line)
    for gm in pm.goals:
        if gm.node.span.line == at and gm.shared_from is not None:
            return tuple(unit.file_span(gm.shared_from.span))
    return None


def references(doc, line: int, include_declaration: bool) -> list[tuple[int, int, int, int]]:
    """On a goal (its header or a `同` line pointing at it): the goals that share it."""
    got = _goals_of(doc, line)
    if got is None:
        return []
    unit, p, pm = got
    at = unit.unit_line(line)
    target = None
    for gm in pm.goals:
        if gm.node.span.line == at:
            target = gm.shared_from or gm.node
    if target is None:
        return []
    out = [tuple(unit.file_span(target.span))] if include_declaration else []
    out += [tuple(unit.file_span(gm.node.span)) for gm in pm.goals if gm.shared_from is target]
    return out
