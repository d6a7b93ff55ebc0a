"""The laws of `perflang diff` (issue 26, item 4: "ignoring layout and comment-only changes"; `fmt`
of either side changes nothing), over generated documents that use the whole language (every
keyword spelling, comments on their own lines and at line ends, shared goals): a file against
itself or its formatted text has no change; formatting both sides of two files gives the same
changes; one value changed in a file is one change, named where it is, also after formatting.
The examples (the seed's three changes, renames, reasons) are tests/test_diff.py's."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import valid_documents

from perflang.api import compile_text
from perflang.contract.diff import diff_models
from perflang.syntax.formatter import format_text

SLOW = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]
)


def _diff(old: str, new: str) -> list:
    a, b = compile_text(old, "old.perf"), compile_text(new, "new.perf")
    assert a.ok and b.ok
    return diff_models(a.model, b.model, old, new)


def _keys(changes) -> list:
    """The changes without where they stand (formatting moves lines)."""
    return [
        (c.kind, c.change, c.project, c.goal, c.level1, c.level2, c.name, c.what, c.old, c.new, c.reason)
        for c in changes
    ]


def _ok(text: str) -> bool:
    r = compile_text(text)
    return r.ok and r.model is not None


@SLOW
@given(valid_documents(max_projects=2), valid_documents(max_projects=2))
def test_layout_and_comments_are_no_change(a, b):
    x, y = a.text, b.text
    assume(_ok(x) and _ok(y))
    fx, fy = format_text(x)[0], format_text(y)[0]
    assert _diff(x, x) == []
    assert _diff(x, fx) == [] and _diff(fx, x) == []
    assert _keys(_diff(fx, fy)) == _keys(_diff(x, y))


@SLOW
@given(valid_documents(max_projects=2), st.data())
def test_one_value_changed_is_one_change(doc, data):
    text = doc.text
    model = compile_text(text).model
    inds = [(p, g, i) for p in model.projects for g in p.goals if g.shared_from is None for i in g.indicators]
    assume(inds)
    p, g, i = data.draw(st.sampled_from(inds))
    span = i.node.value_span
    assume(span.line == span.end_line and i.target.text != "=777台")
    lines = text.split("\n")
    line = lines[span.line - 1]
    lines[span.line - 1] = line[: span.column - 1] + "=777台" + line[span.end_column - 1 :]
    changed = "\n".join(lines)
    assume(_ok(changed))
    found = _diff(text, changed)
    assert [(c.kind, c.change, c.project, c.name, c.new) for c in found] == [
        ("indicator", "changed", p.name, i.name, "=777台")
    ]
    assert _keys(_diff(format_text(text)[0], format_text(changed)[0])) == _keys(found)
