"""The outline (project › goal › 一级/二级 › indicator), folding ranges, go to definition from
`同 长期目标 1` and the references of a goal, the symbols of the workspace.  Plain data:
(line, column) pairs are 1-based file positions; server.py turns them into LSP types.

A big file's outline is made project by project: a project's symbols are laid out once, in its
unit's own lines (perflang.api.Unit), as JSON text with its line numbers left open, and each
answer fills them in for where the project now stands (symbols_json)."""

from __future__ import annotations

import json
from typing import NamedTuple

from ..model import GOAL_LABELS
from ..syntax.formatter import block_ends as parsed_block_ends
from ..syntax.keywords import words
from .context import block_ends
from .positions import Lines, utf16_len

__all__ = ["Symbol", "outline", "unit_outline", "symbols_json", "folding", "definition", "references", "Workspace"]

# LSP's SymbolKind of each kind of symbol
SYMBOL_KINDS = {"project": 2, "goal": 5, "group": 3, "indicator": 8}  # Module, Class, Namespace, Field


class Symbol(NamedTuple):
    name: str
    kind: str  # "project" | "goal" | "group" | "indicator"
    detail: str
    start: tuple[int, int]  # the whole block
    end: tuple[int, int]
    sel_start: tuple[int, int]  # the name
    sel_end: tuple[int, int]
    children: tuple


_SAME = words("same")[0]  # 同: the keyword table's own spelling, as the outline names goals by their labels


def _goal_name(g) -> str:
    label = GOAL_LABELS[g.kind] + (f" {g.number}" if g.number is not None else "")
    if g.same_as is not None:
        kind, no = g.same_as
        label += f" {_SAME} {GOAL_LABELS[kind]}" + (f" {no}" if no is not None else "")
    return label


def unit_outline(unit) -> list[Symbol]:
    """The symbols of a unit's project(s), in the unit's own lines."""
    doc = unit.result.document
    if doc is None or unit.result.source is None:
        return []
    lines = unit.result.source.text.split("\n")
    ends = parsed_block_ends(doc)

    def block(span):
        last = ends.get(span.line, span.line)
        return (span.line, span.column), (last, len(lines[last - 1]) + 1 if last <= len(lines) else 1)

    out = []
    for p in doc.projects:
        if p.span.line <= unit.prefix_lines:
            continue
        goals = []
        for g in p.goals:
            groups = []
            for group in g.groups:
                inds = tuple(
                    Symbol(
                        ind.name or "（空）",
                        "indicator",
                        ind.value,
                        *block(ind.span),
                        (ind.span.line, ind.span.column),
                        (ind.span.end_line, ind.span.end_column),
                        (),
                    )
                    for ind in group.indicators
                )
                s = group.span
                name = group.level1 + (f" / {group.level2}" if group.level2 else "")
                groups.append(
                    Symbol(name, "group", "", *block(s), (s.line, s.column), (s.line, s.column + len(name)), inds)
                )
            s = g.span
            goals.append(
                Symbol(
                    _goal_name(g),
                    "goal",
                    (g.text or "")[:40],
                    *block(s),
                    (s.line, s.column),
                    (s.end_line, s.end_column),
                    tuple(groups),
                )
            )
        n = p.name_span
        out.append(
            Symbol(p.name, "project", "", *block(p.span), (n.line, n.column), (n.end_line, n.end_column), tuple(goals))
        )
    return out


def _moved(s: Symbol, delta: int) -> Symbol:
    def at(p):
        return (p[0] + delta, p[1])

    return Symbol(
        s.name,
        s.kind,
        s.detail,
        at(s.start),
        at(s.end),
        at(s.sel_start),
        at(s.sel_end),
        tuple(_moved(c, delta) for c in s.children),
    )


def outline(doc) -> list[Symbol]:
    """The document's symbols in file lines."""
    out = []
    for unit in doc.views():
        out += [_moved(s, unit.delta) if unit.prefix_lines < s.start[0] else s for s in unit_outline(unit)]
    return out


# -- the outline as JSON, a template per project -------------------------------------------------


def _template(symbols: list[Symbol], lines: Lines) -> tuple[str, tuple[int, ...]]:
    """The JSON of symbols with every line number left as %d (and % doubled elsewhere), and the
    lines (0-based, in the unit's lines) that fill them in order."""
    fills: list[int] = []

    def text(value: str) -> str:
        return json.dumps(value, ensure_ascii=False).replace("%", "%%")

    def pos(line: int, column: int) -> str:
        fills.append(line - 1)
        return '{"line":%%d,"character":%d}' % utf16_len(lines.line(line)[: max(0, column - 1)])

    def one(s: Symbol) -> str:
        start, end = s.start, s.end
        if start > s.sel_start:
            start = s.sel_start
        if end < s.sel_end:
            end = s.sel_end
        parts = [
            '{"name":' + text(s.name or "?"),
            '"kind":%d' % SYMBOL_KINDS[s.kind],
            '"range":{"start":' + pos(*start) + ',"end":' + pos(*end) + "}",
            '"selectionRange":{"start":' + pos(*s.sel_start) + ',"end":' + pos(*s.sel_end) + "}",
        ]
        if s.detail:
            parts.append('"detail":' + text(s.detail))
        if s.children:
            parts.append('"children":[' + ",".join(one(c) for c in s.children) + "]")
        return ",".join(parts) + "}"

    return ",".join(one(s) for s in symbols), tuple(fills)


def symbols_json(doc) -> str:
    """The JSON array of the document's DocumentSymbols (outline's), each project's laid out
    once and moved to where it stands."""
    cache = getattr(doc, "_outlines", None)
    if cache is None:
        cache = doc._outlines = {}
    fresh = {}
    out = []
    for unit in doc.views():
        key = id(unit.result)
        got = cache.get(key)
        if got is None or got[0] is not unit.result:
            text = unit.result.source.text if unit.result.source is not None else ""
            got = (unit.result, *_template(unit_outline(unit), Lines(text)))
        fresh[key] = got
        template, fills = got[1], got[2]
        if template:
            d = unit.delta
            out.append(template % tuple(line + d for line in fills) if d else template % fills)
    doc._outlines = fresh
    return "[" + ",".join(out) + "]"


# -- folding -------------------------------------------------------------------------------------


def _folding_lines(lines: list[str]) -> list[tuple[int, int, str]]:
    out = [(b.line, b.end, "region") for b in block_ends(lines) if b.end > b.line]
    run = None
    for no, text in enumerate(lines, 1):
        if text.lstrip(" \t\u3000").startswith("#"):
            run = (run[0], no) if run else (no, no)
            continue
        if run and run[1] > run[0]:
            out.append((run[0], run[1], "comment"))
        run = None
    if run and run[1] > run[0]:
        out.append((run[0], run[1], "comment"))
    return out


def folding(doc) -> list[tuple[int, int, str]]:
    """(first line, last line, kind) of each block over several lines and each run of comments,
    region by region (the prefix, each project's chunk; each region's ranges kept while its text
    does not change)."""
    layout = doc.checker.layout(doc.text)
    regions = [(1, layout.prefix)] + list(layout.chunks) if layout.chunks else [(1, doc.text)]
    cache = getattr(doc, "_folds", None) or {}
    fresh = {}
    out = []
    for first, text in regions:
        got = fresh.get(text) or cache.get(text)
        if got is None:
            lines = text.split("\n")
            if text.endswith("\n"):
                lines.pop()
            got = _folding_lines(lines)
        fresh[text] = got
        d = first - 1
        out += [(a + d, b + d, k) for a, b, k in got]
    doc._folds = fresh
    return sorted(out)


# -- goals shared with 同 ----------------------------------------------------------------------


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


# -- the workspace's symbols ---------------------------------------------------------------------


class Found(NamedTuple):
    """One symbol of the workspace: its name, kind, where (the file's path or URI, 1-based
    (line, column, end line, end column)) and the name of what holds it."""

    name: str
    kind: str
    where: str
    span: tuple[int, int, int, int]
    container: str


def _flatten(symbols, where: str, container: str, out: list) -> None:
    for s in symbols:
        if s.kind != "group":
            out.append(Found(s.name, s.kind, where, (*s.sel_start, *s.sel_end), container))
        _flatten(s.children, where, s.name if s.kind != "group" else container, out)


class Workspace:
    """The symbols of the .perf files below the workspace's folders (each file read again only
    when it changed) and of the open documents (their current text)."""

    def __init__(self):
        self._files: dict[str, tuple[tuple[int, int], list[Found]]] = {}

    def _file(self, path) -> list[Found]:
        from ..api import compile_file

        try:
            st = path.stat()
        except OSError:
            return []
        stamp = (st.st_mtime_ns, st.st_size)
        got = self._files.get(str(path))
        if got is None or got[0] != stamp:
            result = compile_file(path)
            found: list[Found] = []
            if result.document is not None:
                from .analysis import Document

                doc = Document(path.as_uri(), str(path))
                doc.update(result.source.text if result.source is not None else "")
                _flatten(outline(doc), path.as_uri(), "", found)
            got = (stamp, found)
            self._files[str(path)] = got
        return got[1]

    def symbols(self, query: str, documents, folders, limit: int = 2000) -> list[Found]:
        """The symbols whose name holds query (case ignored), open documents first."""
        from ..workspace.findfiles import files_below

        q = query.strip().lower()
        out: list[Found] = []
        seen = set()
        for doc in documents:
            seen.add(doc.uri)
            found: list[Found] = []
            _flatten(outline(doc), doc.uri, "", found)
            out += [f for f in found if q in f.name.lower()]
        for folder in folders:
            try:
                paths = files_below(folder, (".perf",))
            except OSError:
                continue
            for path in paths:
                if len(out) >= limit:
                    return out[:limit]
                if path.as_uri() in seen:
                    continue
                seen.add(path.as_uri())
                out += [f for f in self._file(path) if q in f.name.lower()]
        return out[:limit]
