"""Incremental checking (perflang/lsp/incremental.py): after any sequence of edits, the
diagnostics of the per-project check are those of a check of the whole text; an edit inside one
project compiles that project only.  And the server's features, called in-process on any text at
any position, never raise."""

from __future__ import annotations

from conftest import SEED_EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import valid_documents

from perflang.api import compile_text
from perflang.lsp.actions import actions_for
from perflang.lsp.analysis import Document
from perflang.lsp.completion import complete
from perflang.lsp.hover import hover
from perflang.lsp.incremental import Checker, split_units
from perflang.lsp.semantic import encode, tokens
from perflang.lsp.symbols import definition, folding, outline, references

SEED = SEED_EXAMPLE.read_text(encoding="utf-8")
PIECES = [
    "项目 ",
    "项目 政务服务工作 {\n",
    "项目 新项目 {\n  预算 5\n}\n",
    "project p {\n",
    "}\n",
    "}",
    "{",
    "\n",
    "  ",
    "预算 ",
    "571",
    "9",
    "长期目标 1 ",
    "年度目标 1 同 长期目标 1\n",
    "年度目标 2 同 长期目标 3\n",
    "产出 / 数量 {\n",
    "产处 / 数量",
    "效益 / 经济成本 {\n",
    "人数: ",
    ": ",
    "≥95%",
    "33人",
    "≤571万元",
    "≤9000万元",
    "确保",
    "# 注释\n",
    "  # noqa: PF408",
    "# noqa",
    "{ 依据 计划标准; 分值 10 }",
    "分值 80",
    "金额单位 元\n",
    "金额单位 斤\n",
    "默认依据 乱写\n",
    "申报单位 某局\n",
    "字段 负责人: 张三\n",
    "｛",
    "｝",
    '"',
    "𠀀",
    "\t",
    "\u3000",
    "x",
    "预算 3\n",
    "预算 571\n",
]
PROJECTS = [  # whole projects: a name used twice (PF204), lines set twice (PF107, PF205, PF206: their
    # args hold line numbers), a goal shared from nowhere (PF207)
    "项目 政务服务工作 {\n  预算 1\n}\n",
    "项目 重复 {\n  预算 5\n  预算 6\n  年度目标 1 {\n    产出 / 数量 {\n      人数: ≥3人\n"
    "      人数: ≥4人\n    }\n  }\n  年度目标 1 同 长期目标 2\n  年度目标 1 {\n  }\n}\n",
]
FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def starts(draw) -> str:
    return draw(
        st.one_of(
            st.just(SEED),
            valid_documents(4).map(lambda d: d.text),
            st.lists(st.sampled_from(PIECES + PROJECTS), max_size=40).map("".join),
        )
    )


@st.composite
def edits(draw, text_len_hint: int = 400):
    """(where as a fraction of the text, how many characters to delete, what to insert)."""
    small = st.tuples(
        st.floats(0, 1), st.integers(0, 12), st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), st.just(False)
    )
    project = st.tuples(st.floats(0, 1), st.just(0), st.sampled_from(PROJECTS), st.just(True))
    return draw(st.lists(st.one_of(small, project), min_size=1, max_size=8))


def apply(text: str, edit) -> str:
    """The edit; when `whole`, inserted before the next project (or at the end), deleting nothing."""
    where, delete, insert, whole = edit
    at = int(where * len(text))
    if whole:
        nxt = text.find("\n项目 ", at)
        at = len(text) if nxt < 0 else nxt + 1
        return text[:at] + insert + text[at:]
    return text[:at] + insert + text[at + delete :]


@FUZZ
@given(starts(), edits())
def test_incremental_diagnostics_are_those_of_a_full_check(text, steps):
    checker = Checker("edit.perf")
    assert checker.check(text) == compile_text(text, "edit.perf").diagnostics
    for step in steps:
        text = apply(text, step)
        assert checker.check(text) == compile_text(text, "edit.perf").diagnostics, step


def test_an_edit_inside_one_project_compiles_that_project_only():
    projects = [p for p in SEED.split("\n项目 ")[1:]]
    body = "\n项目 ".join(
        [SEED.split("\n项目 ")[0]]
        + [p.replace(p.split()[0], p.split()[0] + str(k), 1) for k in range(4) for p in projects]
    )
    checker = Checker()
    checker.check(body)
    assert len(checker.units) == 20 and checker.compiled == 20
    at = body.index("≥95%", len(body) // 2)
    edited = body[: at + 1] + "8" + body[at + 2 :]  # ≥95% -> ≥85%
    assert checker.check(edited) == compile_text(edited).diagnostics
    assert checker.compiled == 21
    line_start = body.rindex("\n", 0, at)
    moved = body[:line_start] + "\n" + body[line_start:]  # a blank line in that project: the rest shift
    assert checker.check(moved) == compile_text(moved).diagnostics
    assert checker.compiled == 22  # only the project that changed


def test_line_numbers_in_args_follow_the_project():
    """PF107/PF205/PF206 name the line of the first occurrence: right after the project moved."""
    for k in range(6):
        text = SEED
        for n in range(k):
            text = apply(text, (0.15 * k, 0, PROJECTS[1].replace("重复", f"重复{n}"), True))
        text = apply(text, (0.99, 0, PROJECTS[1], True))
        checker = Checker()
        got = checker.check(text)
        assert checker.units and got == compile_text(text).diagnostics
        assert any(d.code == "PF107" for d in got)


def test_split_units_cuts_at_project_lines_only():
    prefix, chunks = split_units("金额单位 万元\n\n项目 a {\n  项目成本: 1\n}\nproject b {\n}\n")
    assert prefix == "金额单位 万元\n\n"
    assert [(line, chunk.split()[1]) for line, chunk in chunks] == [(3, "a"), (6, "b")]


@FUZZ
@given(starts(), edits(), st.lists(st.tuples(st.integers(-2, 200), st.integers(-2, 300)), max_size=8))
def test_features_never_raise(text, steps, positions):
    for step in steps:
        text = apply(text, step)
    doc = Document("file:///x.perf", "x.perf")
    doc.update(text)
    diags = doc.check()
    lines = doc.lines
    for line, ch in positions:
        lno, col = lines.from_lsp(line, ch)
        assert 1 <= lno <= len(lines.lines) and 1 <= col <= len(lines.line(lno)) + 1
        hover(doc, lno, col, "zh")
        hover(doc, lno, col, "en")
        complete(lines.lines, lno, col)
        definition(doc, lno)
        references(doc, lno, True)
    outline(doc)
    folding(doc)
    encode(tokens(lines.lines))
    for d in diags:
        for a in actions_for(d, lines, "zh"):
            for where, new in a.edits:
                assert where[0] >= 1 and isinstance(new, str)


def test_the_outline_keeps_the_projects_without_errors():
    """A syntax error in one project: the diagnostics are the whole file's (no model, syntax
    errors only), the outline and hover still know the other projects."""
    bad = SEED.replace("产出 / 数量 {", "产出 / 数量 {{", 1)  # in the first project
    doc = Document("file:///x.perf", "x.perf")
    doc.update(bad)
    assert doc.check() == compile_text(bad, "x.perf").diagnostics
    assert compile_text(bad).model is None
    names = [s.name for s in outline(doc)]
    assert names == [line.split()[1] for line in SEED.split("\n") if line.startswith("项目 ")][1:]
    no = next(i for i, line in enumerate(bad.split("\n"), 1) if "社区共建经费" in line)
    assert "2万元 = 20,000 元" in hover(doc, no, 8, "zh")[0]
