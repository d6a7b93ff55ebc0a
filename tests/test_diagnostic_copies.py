"""The copies of a diagnostic made for every diagnostic of a big file (Diagnostic.in_file,
api._shift) are written out rather than made by attrs.evolve: they are evolve's, every field
included (fix too, which equality does not compare)."""

from __future__ import annotations

import attrs
import pytest

from perflang.api import Unit, _shift
from perflang.diagnostics import Diagnostic, Edit, Note
from perflang.messages import Severity, phrase
from perflang.source import Span

FIELDS = ("code", "args", "span", "file", "path", "notes", "severity", "fix")


def full(line: int = 5, **kw) -> Diagnostic:
    """A diagnostic with every field set (its places on line and after)."""
    made = {
        "code": "PF103",
        "args": {"where": phrase("unclosed.file_end", line=line + 2), "line": line},
        "span": Span(line, 1, line, 4),
        "file": "a.perf",
        "path": ("项目", "目标"),
        "notes": (Note("x", Span(line + 1, 1, line + 1, 2)), Note("y")),
        "severity": Severity.WARNING,
        "fix": (Edit(Span(line, 1, line, 4), "}"),),
    }
    return Diagnostic(**{**made, **kw})


def same(a: Diagnostic, b: Diagnostic) -> bool:
    return type(a) is type(b) and all(getattr(a, n) == getattr(b, n) for n in FIELDS)


def test_the_fields_written_out_are_all_of_the_classs():
    assert tuple(a.alias for a in attrs.fields(Diagnostic)) == FIELDS
    assert all(a.init and a.converter is None and a.validator is None for a in attrs.fields(Diagnostic))


def test_in_file_is_evolve():
    d = full()
    assert same(d.in_file("b.perf"), attrs.evolve(d, file="b.perf"))
    assert d.in_file("b.perf").fix is d.fix and d.in_file("b.perf").notes is d.notes


def _shift_by_evolve(d: Diagnostic, unit: Unit, next_project) -> Diagnostic:
    """_shift as it was written with attrs.evolve."""
    delta, p = unit.delta, unit.prefix_lines
    changes = {}
    if delta and d.span.line > p:
        changes["span"] = unit.file_span(d.span)
    if delta and d.notes:
        changes["notes"] = tuple(Note(n.message, unit.file_span(n.span)) if n.span else n for n in d.notes)
    if delta and d.fix:
        inside = all(e.span.line > p for e in d.fix)
        changes["fix"] = tuple(Edit(unit.file_span(e.span), e.text) for e in d.fix) if inside else ()
    from perflang.api import _moved

    args = _moved(d.args, delta, p) if delta else d.args
    where = args.get("where")
    if next_project is not None and d.code == "PF103" and getattr(where, "key", None) == "unclosed.file_end":
        args = {**args, "where": phrase("unclosed.new_block", line=next_project)}
    if args is not d.args:
        changes["args"] = args
    return attrs.evolve(d, **changes) if changes else d


@pytest.mark.parametrize("first", [1, 4, 40])  # delta -3 (the header's lines), 0, 36
@pytest.mark.parametrize("line", [2, 5])  # on the header, on the chunk
@pytest.mark.parametrize("next_project", [None, 60])
@pytest.mark.parametrize("fix_line", [None, 2])  # the fix on the diagnostic's line, or on the header
def test_shift_is_what_evolve_made(first, line, next_project, fix_line):
    d = full(line)
    if fix_line is not None:
        d = attrs.evolve(d, fix=(Edit(Span(fix_line, 1, fix_line, 2), "x"),))
    unit = Unit(first, 3, None, ("h\nh\nh\n", "chunk\n"), next_project)
    got, want = _shift(d, unit, next_project), _shift_by_evolve(d, unit, next_project)
    assert same(got, want)
    assert (got is d) == (want is d)
