"""Incremental checking: projects are independent top-level blocks, so an edit inside one
project re-checks that project only.

The text is split where a line starts with the project keyword (`项目 …` / `project …` at the
start of a line).  The lines before the first project (the file's settings: 金额单位, 默认依据 …)
are the prefix; each project with the prefix before it is a unit, compiled alone by
perflang.api.compile_text and cached by its text, in the unit's own line numbers.  A unit's
diagnostics are moved to the file's lines (spans, notes and the line numbers in their args) and
the units' lists put together.  Whenever the units could disagree with a check of the whole
file — a syntax error anywhere (the whole file then has no model and the parser's recovery
crosses projects), two projects of one name (PF204), a top-level line after the first project,
a unit that is not exactly one project — the whole text is compiled instead.  tests/test_lsp_
incremental.py holds the two to the same diagnostics on random texts and edits.
"""

from __future__ import annotations

import re

from attrs import evolve, frozen

from ..api import Result, compile_text, recompile
from ..config import Config
from ..diagnostics import Diagnostic, Note
from ..source import Span, lf

__all__ = ["Checker", "Unit", "split_units"]

# a project block starts at the beginning of a line (the grammar's PROJECT_KW)
_PROJECT_START = re.compile(r"^(?:项目|project)(?=[ \t\u3000\"])", re.M)
# diagnostic args that hold a line number of the file
_LINE_ARGS = ("first", "open_line")


@frozen
class Unit:
    """One project with the file's prefix before it, compiled alone.

    Unit line l is file line l for l <= prefix_lines (the prefix), else l + delta."""

    first_line: int  # the file line where the project's chunk starts
    prefix_lines: int
    result: Result

    @property
    def delta(self) -> int:
        return self.first_line - self.prefix_lines - 1

    def file_line(self, line: int) -> int:
        return line if line <= self.prefix_lines else line + self.delta

    def unit_line(self, line: int) -> int:
        """The unit's line for a file line (of the prefix or of this unit's chunk)."""
        return line if line <= self.prefix_lines else line - self.delta

    def file_span(self, span: Span) -> Span:
        d = self.delta
        if d == 0 or span.line <= self.prefix_lines:
            return span
        return Span(span.line + d, span.column, span.end_line + d, span.end_column)

    def unit_span(self, span: Span) -> Span:
        d = self.delta
        if d == 0 or span.line <= self.prefix_lines:
            return span
        return Span(span.line - d, span.column, span.end_line - d, span.end_column)


def split_units(text: str) -> tuple[str, list[tuple[int, str]]]:
    """(prefix, [(first file line, chunk text)]) — no chunks when no line starts a project."""
    starts = [m.start() for m in _PROJECT_START.finditer(text)]
    if not starts:
        return text, []
    prefix = text[: starts[0]]
    line = prefix.count("\n") + 1
    chunks = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        chunk = text[start:end]
        chunks.append((line, chunk))
        line += chunk.count("\n")
    return prefix, chunks


def _shift(d: Diagnostic, unit: Unit) -> Diagnostic:
    """d in the file's line numbers."""
    delta, p = unit.delta, unit.prefix_lines
    if delta == 0:
        return d
    changes = {}
    if d.span.line > p:
        changes["span"] = unit.file_span(d.span)
    if d.notes:
        changes["notes"] = tuple(Note(n.message, unit.file_span(n.span)) if n.span else n for n in d.notes)
    moved = {k: d.args[k] + delta for k in _LINE_ARGS if isinstance(d.args.get(k), int) and d.args[k] > p}
    if moved:
        changes["args"] = {**d.args, **moved}
    return evolve(d, **changes) if changes else d


class Checker:
    """The diagnostics of one document's successive texts; units are cached by their text."""

    def __init__(self, path: str = "<stdin>", config: Config | None = None):
        self.path = path
        self.config = config or Config()
        self._cache: dict[tuple[str, str], Result] = {}
        self._shifted: dict[tuple[str, str], tuple[int, tuple[Diagnostic, ...]]] = {}
        self.units: list[Unit] = []
        self.whole: Result | None = None  # the whole text's result when units were not used
        self.text: str | None = None
        self.diagnostics: tuple[Diagnostic, ...] = ()
        self.compiled = 0  # units (or whole texts) compiled: tests count them

    def _compile(self, text: str, before: Result | None = None) -> Result:
        """text compiled; before: the result of the unit that stood at its place, from which
        an edit inside one indicator line is re-read alone (perflang.api.recompile)."""
        self.compiled += 1
        if before is not None:
            return recompile(before, text, self.config)
        return compile_text(text, self.path, self.config)

    def check(self, text: str) -> tuple[Diagnostic, ...]:
        """The diagnostics of text, as compile_text(text) would give them."""
        text = lf(text)
        if text == self.text:
            return self.diagnostics
        self.text = text
        units, usable = self._units(text)
        self.units = [u for _, u in units]  # the features read them even when a unit has errors
        if not usable:
            self._shifted = {}
            self.whole = self._compile(text)
            self.diagnostics = self.whole.diagnostics
            return self.diagnostics
        self.whole = None
        diags: list[Diagnostic] = []
        shifted = {}
        for i, (key, unit) in enumerate(units):
            if i == 0:
                diags.extend(d for d in unit.result.diagnostics if d.span.line <= unit.prefix_lines)
            got = self._shifted.get(key)
            if got is None or got[0] != unit.delta:
                got = (
                    unit.delta,
                    tuple(_shift(d, unit) for d in unit.result.diagnostics if d.span.line > unit.prefix_lines),
                )
            shifted[key] = got
            diags.extend(got[1])
        self._shifted = shifted
        self.diagnostics = tuple(sorted(diags, key=Diagnostic.sort_key))
        return self.diagnostics

    def _units(self, text: str) -> tuple[list[tuple[tuple[str, str], Unit]], bool]:
        """The compiled units of text, and whether their diagnostics are those of the whole
        text (else the whole text must be compiled)."""
        prefix, chunks = split_units(text)
        if not chunks:
            self._cache = {}
            return [], False
        p = prefix.count("\n")
        cache: dict[tuple[str, str], Result] = {}
        before = list(self._cache.values())  # the last text's units, in file order
        out = []
        names: set[str] = set()
        usable = True
        for i, (first, chunk) in enumerate(chunks):
            key = (prefix, chunk)
            result = cache.get(key) or self._cache.get(key)
            if result is None:
                result = self._compile(prefix + chunk, before[i] if i < len(before) else None)
            cache[key] = result
            out.append((key, Unit(first, p, result)))
            doc = result.document
            if (
                doc is None
                or len(doc.projects) != 1
                or doc.items[-1] is not doc.projects[0]
                or doc.projects[0].span.line != p + 1
            ):
                usable = False
                continue
            name = doc.projects[0].name
            if name in names:  # PF204 is a check across projects
                usable = False
            names.add(name)
        self._cache = cache
        return out, usable

    def unit_at(self, line: int) -> Unit | None:
        """The unit whose project chunk holds file line (the first unit for the prefix)."""
        if not self.units:
            return None
        lo, hi = 0, len(self.units) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.units[mid].first_line <= line:
                lo = mid
            else:
                hi = mid - 1
        return self.units[lo]
