"""Formatting in the editor (perflang/lsp/formatting.py): project by project, the document's
canonical text is `perflang fmt`'s (format_text) on any text, messy or broken; the edits are a
diff of lines that turns the text into it; a range's edits touch only the lines asked for."""

from __future__ import annotations

from conftest import SEED_EXAMPLE
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from perfdocs import documents
from test_lsp_incremental import PIECES, PROJECTS, apply, edits

from perflang.lsp.analysis import Document
from perflang.lsp.formatting import document_edits, formatted_text, range_edits
from perflang.syntax.formatter import format_text

SEED = SEED_EXAMPLE.read_text(encoding="utf-8")
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _doc(text: str) -> Document:
    doc = Document("file:///x.perf", "x.perf")
    doc.update(text)
    return doc


def applied(text: str, edits) -> str:
    """Edits in 1-based (line, column) character positions applied to text."""
    lines = text.split("\n")

    def offset(line, column):
        return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1

    for (l0, c0, l1, c1), new in sorted(edits, key=lambda e: e[0], reverse=True):
        text = text[: offset(l0, c0)] + new + text[offset(l1, c1) :]
    return text


@st.composite
def texts(draw):
    return draw(
        st.one_of(
            st.just(SEED),
            documents().map(lambda d: d[0]),
            st.lists(st.sampled_from(PIECES + PROJECTS), max_size=30).map("".join),
        )
    )


@FUZZ
@given(texts(), edits())
# `项目 ` typed at the start of an indicator line: cut there, two projects that do not parse, but
# the whole text parses and fmt formats it (a random run found formatting refused)
@example(SEED_EXAMPLE.read_text(encoding="utf-8"), [(0.75, 0, "# 注释\n项目 ", False)])
def test_project_by_project_is_perflang_fmt(text, steps):
    doc = _doc(text)
    for step in [(0, 0, "", False), *steps]:
        text = apply(text, step)
        doc.update(text)
        expected = format_text(text)[0]
        assert formatted_text(doc) == expected
        got = document_edits(doc)
        assert (got is None) == (expected is None)
        if got is not None:
            assert applied(text, got) == expected


@FUZZ
@given(texts(), st.integers(1, 60), st.integers(0, 20))
def test_a_range_is_formatted_alone(text, first, length):
    doc = _doc(text)
    last = first + length
    got = range_edits(doc, first, last)
    whole = document_edits(doc)
    if got is None:
        return
    for (l0, _, l1, _), _new in got:
        assert l0 <= last and l1 >= first - 1
    if whole is not None:
        assert set(got) <= set(whole)


def test_a_formatted_file_gives_no_edit_and_one_line_one_edit():
    doc = _doc(SEED)
    assert document_edits(doc) == []
    messy = SEED.replace("      群众满意度: ≥95%", "  群众满意度:≥95%", 1)
    doc.update(messy)
    edits = document_edits(doc)
    no = messy.split("\n").index("  群众满意度:≥95%") + 1
    assert edits == [((no, 1, no + 1, 1), "      群众满意度: ≥95%\n")]


def test_a_project_with_a_syntax_error_is_not_formatted_the_others_are_in_a_range():
    lines = SEED.split("\n")
    bad = SEED.replace("产出 / 数量 {", "产出 / 数量 {{", 1)  # in the first project
    messy = bad.replace("      法律顾问费: ≤2万元", "法律顾问费:    ≤2万元", 1)
    doc = _doc(messy)
    assert document_edits(doc) is None  # as perflang fmt: not while the file has a syntax error
    no = messy.split("\n").index("法律顾问费:    ≤2万元") + 1
    assert range_edits(doc, no, no) == [((no, 1, no + 1, 1), "      法律顾问费: ≤2万元\n")]
    first = next(i for i, line in enumerate(lines, 1) if "产出 / 数量" in line)
    assert range_edits(doc, first, first) is None
