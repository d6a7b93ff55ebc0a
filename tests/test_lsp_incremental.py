"""Checking project by project (perflang.api.ProjectChecker, the language server's checker):
after any sequence of edits, the diagnostics are those of a check of the whole text whenever it
parses, and those of each project checked alone when one has a syntax error (every other project
keeps its diagnostics); an edit inside one project compiles that project only, an edit of the
header none that does not read what changed.  And the server's features, called in-process on
any text at any position, never raise."""

from __future__ import annotations

import pytest
from attrs import evolve
from conftest import SEED_EXAMPLE
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from strategies import valid_documents

from perflang.api import ProjectChecker as Checker
from perflang.api import _suppressed, compile_text
from perflang.diagnostics import Diagnostic, Note
from perflang.lsp.actions import actions_for
from perflang.lsp.analysis import Document
from perflang.lsp.completion import complete
from perflang.lsp.hover import hover
from perflang.lsp.semantic import encode, tokens
from perflang.lsp.symbols import definition, folding, outline, references
from perflang.messages import Phrase, phrase
from perflang.source import Span, lf
from perflang.syntax.split import split_projects

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
    "年度 2024\n",
    "年度 24\n",
    "表样 申报表\n",
    "表样 乱写\n",
    "评分方案 湖北\n",
    "评分方案 乱写\n",
    "状态 已批复\n",
    "# 注释\n项目 ",
    "  # noqa: PF204",
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


def _shifted(d: Diagnostic, delta: int, p: int, next_project: int | None = None) -> Diagnostic:
    def move(span):
        if span is None or span.line <= p:
            return span
        return Span(span.line + delta, span.column, span.end_line + delta, span.end_column)

    def moved(args):
        out = {}
        for k, v in args.items():
            if k in ("first", "open_line", "line", "next_line") and type(v) is int and v > p:
                v += delta
            elif isinstance(v, Phrase) and v.key.startswith(("unclosed.", "hint.")):
                v = Phrase(v.key, moved(v.args))
            out[k] = v
        return out

    args = moved(d.args)
    if d.code == "PF103" and next_project is not None and args["where"].key == "unclosed.file_end":
        args["where"] = phrase("unclosed.new_block", line=next_project)  # the next project opens a block
    return evolve(d, span=move(d.span), notes=tuple(Note(n.message, move(n.span)) for n in d.notes), args=args)


def per_project(text: str, path: str = "edit.perf") -> tuple[Diagnostic, ...]:
    """The reference: each project compiled alone after the whole prefix as written, its
    diagnostics moved to the file's lines, the prefix's own from the first, and PF204 between
    the projects that parse; the whole text's check when it parses or has no project."""
    text = lf(text)  # as every reader of a text: a CR alone ends a line (a typed "\r" did)
    whole = compile_text(text, path)
    prefix, chunks = split_projects(text)
    if whole.document is not None or not chunks:
        return whole.diagnostics
    p = prefix.count("\n")
    diags, names = [], {}
    for k, (first, chunk) in enumerate(chunks):
        r = compile_text(prefix + chunk, path)
        delta = first - p - 1
        nxt = None
        if k + 1 < len(chunks):
            after, following = chunks[k + 1]
            nxt = after + next(
                i for i, line in enumerate(following.split("\n")) if line.startswith(("项目", "project"))
            )
        diags += [d for d in r.diagnostics if d.span.line <= p and k == 0]
        diags += [_shifted(d, delta, p, nxt) for d in r.diagnostics if d.span.line > p]
        if r.document is not None:
            # a project indented in the prefix (split_projects leaves it there) is compiled with
            # every chunk: it is named with the first chunk's only (it clashes with none of its own)
            for proj in (p_ for p_ in r.document.projects if k == 0 or p_.name_span.line > p):
                span = _shifted(Diagnostic(code="PF204", span=proj.name_span), delta, p).span
                codes = _suppressed(r.document).get(proj.name_span.line, ())
                said = any(d.code == "PF204" and d.span == span for d in diags)  # by the chunk's own
                # compile: a project indented in the prefix (split_projects leaves it there) is
                # compiled with every chunk, and its twin below is then found there already
                if proj.name in names and not said and not (codes is None or any("PF204".startswith(c) for c in codes)):
                    diags.append(
                        Diagnostic(
                            code="PF204",
                            span=span,
                            file=path,
                            path=(proj.name,),
                            args={"name": proj.name, "first": names[proj.name]},
                        )
                    )
                names.setdefault(proj.name, span.line)
    return tuple(sorted(diags, key=Diagnostic.sort_key))


@FUZZ
@given(starts(), edits())
@example(  # a project indented on line 1 (the prefix holds it), its twin, a broken third (CI found it)
    "  ",
    [(0.0, 0, "项目 政务服务工作 {\n  预算 1\n}\n", True)] * 2 + [(1.0, 0, "项目 ", False)],
)
@example(  # a project indented under a project's lines (its chunk holds two projects), its twin
    # below, a broken project above: PF204 between a second project of a chunk and a later one (CI)
    "  ",
    [(0.0, 0, "项目 政务服务工作 {\n  预算 1\n}\n", True)] * 2
    + [(0.0, 0, "项目 新项目 {\n  预算 5\n}\n", False), (0.0, 0, "项目 政务服务工作 {\n", False)],
)
@example(  # the prefix's indented project, named once (the reference named it again with each chunk)
    "  ",
    [(0.0, 0, "项目 政务服务工作 {\n  预算 1\n}\n", True)] * 2
    + [(0.0, 0, "", False), (1.0, 0, "项目 ", False), (0.0, 0, "项目 政务服务工作 {\n  预算 1\n}\n", True)],
)
@example(  # a setting below a project repeats one the header leaves out (年度: PF107), another project broken
    "年度 2024\n项目 政务服务工作 {\n  预算 1\n}\n年度 2024\n项目 ",
    [(0.0, 0, "项目 政务服务工作 {\n  预算 1\n}\n", True)],
)
@example(SEED, [(0.0, 0, "\r", False), (0.0, 0, "项目 ", False)])  # a CR typed: a line end (the reference's slip)
def test_incremental_diagnostics_are_those_of_a_full_check(text, steps):
    checker = Checker("edit.perf")
    assert checker.check(text) == per_project(text)
    for step in steps:
        text = apply(text, step)
        assert checker.check(text) == per_project(text), step


def test_a_project_line_typed_inside_a_block_is_checked_as_a_full_check():
    """Found by CI's random runs of the property test above (7 Dec 2026): `项目 ` typed at the
    start of an indicator line inside the seed's last project.  The whole text parses (inside a
    block the line is an indicator's), so its diagnostics are the whole check's; cut at that line
    into two projects that do not parse, the check once reported six problems (PF103, PF407,
    PF101, PF111, PF105, PF111) that are not there (api._stray_project_line)."""
    text = SEED
    for step in [(0.0, 0, "项目 政务服务工作 {\n  预算 1\n}\n", True)] * 2 + [(0.981319377204992, 0, "项目 ", False)]:
        text = apply(text, step)
    assert compile_text(text, "edit.perf").document is not None
    checker = Checker("edit.perf")
    assert checker.check(text) == per_project(text)


@FUZZ
@given(starts(), edits())
def test_a_parsing_text_gives_the_whole_checks_diagnostics(text, steps):
    """Whenever the whole text parses, project by project is the whole check (the reference
    above is compile_text then, but the checker never compiles the whole text unless a top-level
    line follows the first project)."""
    checker = Checker("edit.perf")
    for step in [(0, 0, "", False), *steps]:
        text = apply(text, step)
        whole = compile_text(text, "edit.perf")
        if whole.document is not None:
            assert checker.check(text) == whole.diagnostics, step


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


def test_split_projects_cuts_at_project_lines_only():
    prefix, chunks = split_projects("金额单位 万元\n\n项目 a {\n  项目成本: 1\n}\nproject b {\n}\n")
    assert prefix == "金额单位 万元\n\n"
    assert [(line, chunk.split()[1]) for line, chunk in chunks] == [(3, "a"), (6, "b")]


def test_split_projects_gives_a_project_the_comments_above_it():
    """The comment lines right above a project (blank lines among them) go with it, as the
    formatter places them; blank lines above them stay with the project before."""
    text = "金额单位 万元\n# 关于 a\n项目 a {\n}\n\n# 关于 b\n\n# 还是 b\n项目 b {\n}\n"
    prefix, chunks = split_projects(text)
    assert prefix == "金额单位 万元\n"
    assert chunks == [(2, "# 关于 a\n项目 a {\n}\n\n"), (6, "# 关于 b\n\n# 还是 b\n项目 b {\n}\n")]
    assert prefix + "".join(c for _, c in chunks) == text


@given(st.lists(st.sampled_from(PIECES + PROJECTS), max_size=30).map("".join))
def test_split_projects_keeps_every_character(text):
    prefix, chunks = split_projects(text)
    assert prefix + "".join(c for _, c in chunks) == text
    line = prefix.count("\n") + 1
    for first, chunk in chunks:
        assert first == line
        line += chunk.count("\n")


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


def test_a_syntax_error_keeps_the_other_projects_diagnostics():
    """A syntax error in one project: that project reports it, every other project keeps its
    own diagnostics (as the whole text's check does since issue 24, which reads around the
    error but has no model), and the outline and hover still know the other projects."""
    bad = SEED.replace("产出 / 数量 {", "产出 / 数量 {{", 1)  # in the first project
    assert compile_text(bad).model is None
    whole = compile_text(bad, "x.perf").diagnostics
    doc = Document("file:///x.perf", "x.perf")
    doc.update(bad)
    got = doc.check()
    assert got == per_project(bad, "x.perf") == whole
    seed = compile_text(SEED, "x.perf").diagnostics
    first_project_end = next(i for i, line in enumerate(SEED.split("\n"), 1) if line == "}")
    others = [d for d in seed if d.span.line > first_project_end]
    assert others and [d for d in got if d.span.line > first_project_end] == others
    mine = [d for d in got if d.span.line <= first_project_end]  # the first project: its syntax error and the rest
    assert [d.code for d in mine if d.code.startswith("PF1")] == ["PF101"]
    assert [d for d in mine if d.code != "PF101"] == [d for d in seed if d.span.line <= first_project_end]
    names = [s.name for s in outline(doc)]
    assert names == [line.split()[1] for line in SEED.split("\n") if line.startswith("项目 ")][1:]
    no = next(i for i, line in enumerate(bad.split("\n"), 1) if "社区共建经费" in line)
    assert "2万元 = 20,000 元" in hover(doc, no, 8, "zh")[0]


def test_a_header_edit_compiles_only_what_reads_it():
    """申报单位, 年度, 表样, a comment or a blank line in the header: only the first project
    (compiled after the header as written, for the header's own diagnostics) is compiled again;
    金额单位 is read by every project: all are."""
    checker = Checker()
    text = SEED
    checker.check(text)
    n = len(checker.units)
    assert n == 5 and checker.compiled == 5
    for old, new in (
        ("申报单位 鄂州市数据局", "申报单位 鄂州市数据管理局"),
        ("申报单位", "# 新的注释\n\n申报单位"),
        ("金额单位 万元", "年度 2024\n金额单位 万元"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
        before = checker.compiled
        assert checker.check(text) == compile_text(text).diagnostics
        assert checker.compiled == before + 1, (old, new)
    before = checker.compiled
    text = text.replace("金额单位 万元", "金额单位 元", 1)
    assert checker.check(text) == compile_text(text).diagnostics
    assert checker.compiled == before + n


def test_select_and_ignore_apply_without_compiling_again():
    from perflang.config import Config

    checker = Checker()
    text = SEED.replace("确保优化", "确保优化", 1)
    every = checker.check(text)
    assert "PF408" in {d.code for d in every}
    compiled = checker.compiled
    checker.reconfigure(Config(ignore=("PF408",)))
    got = checker.check(text)
    assert got == compile_text(text, config=Config(ignore=("PF408",))).diagnostics
    assert "PF408" not in {d.code for d in got} and checker.compiled == compiled


# -- completion reads the keyword table and the grammar's terminals (issue 20) ----------------


def _labels(text: str, line: int, column: int) -> list[str]:
    return [i.label for i in complete(text.split("\n"), line, column)]


@pytest.mark.parametrize("kind", ["中期目标", "总体目标", "实施期目标", "长期目标", "long-term"])
def test_same_as_completes_after_every_goal_keyword_of_the_table(kind):
    """`同` after 中期目标 (and every other spelling of a goal) offers the project's goals, and a
    goal of that spelling is offered to the others."""
    text = f'项目 甲 {{\n  年度目标 1 "a" {{\n  }}\n  {kind} 1 同 \n}}\n'
    assert _labels(text, 4, len(f"  {kind} 1 同 ") + 1) == ["年度目标 1"]
    text = f'项目 甲 {{\n  {kind} 2 "a" {{\n  }}\n  年度目标 1 同 \n}}\n'
    assert _labels(text, 4, len("  年度目标 1 同 ") + 1) == [f"{kind} 2"]
    text = f'项目 甲 {{\n  年度目标 1 "a" {{\n  }}\n  {kind} 1 \n}}\n'
    assert _labels(text, 4, len(f"  {kind} 1 ") + 1) == ["同", "same-as"]


def test_completion_inside_a_project_with_a_quoted_name():
    """`项目 "甲 乙" {` (as perflang import writes a name with a space) opens a project: the
    project's keywords inside it, the 一级 names inside its goal."""
    text = '项目 "甲 乙" {\n  \n  年度目标 1 "x" {\n    \n  }\n}\n'
    inside = _labels(text, 2, 3)
    assert "预算" in inside and "年度目标" in inside and "项目" not in inside
    assert "产出" in _labels(text, 4, 5)


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("项目 甲 {\n  \n}\n", 2, 3),  # settings, goals, 字段, 资金
        ("\n", 1, 1),  # settings, 项目
        ('项目 甲 {\n  年度目标 1 "a" {\n  }\n  长期目标 1 同 \n}\n', 4, 13),  # the goals, by line
        ("项目 甲 {\n  年度目标 1 ", 2, 10),  # 同
        ('项目 甲 {\n  年度目标 1 "a" {\n    产出 / 数量 {\n      人数: ', 4, 11),  # comparators
        ('项目 甲 {\n  年度目标 1 "a" {\n    产出 / 数量 {\n      人数: ≥95', 4, 14),  # units
        ("金额单位 ", 1, 6),
    ],
)
def test_completion_details_are_said_in_the_editors_language(text, line, column):
    """What a completion item is (its detail) comes from the catalog: Chinese in Chinese, English
    in English, never both in one text (before: `项目 / project`, `第 4 行 / line 4`)."""
    import re

    from perflang.messages import localize

    items = complete(text.split("\n"), line, column)
    assert items
    for item in items:
        zh, en = localize(item.detail, "zh"), localize(item.detail, "en")
        assert " / " not in zh and " / " not in en, item
        if item.detail != zh:  # a phrase: its English has no Chinese, its Chinese no English word
            assert not re.search(r"[\u4e00-\u9fff]", en) and not re.search(r"[A-Za-z]{2,}", zh), item


def test_fixes_move_with_their_project():
    """A diagnostic's fix (Diagnostic.fix, compared by no ==) points at the file's lines when the
    project is compiled on its own: a PF402's unit, a PF110's brace, a PF102's quote in later
    projects give the same edits as the whole text's check."""
    lines = SEED.split("\n")
    later = [i for i, line in enumerate(lines) if line.startswith("项目 ")][2]  # the third project
    text = "\n".join(
        lines[:later]
        + [
            line.replace("≥95%", "≥95", 1)
            .replace("产出 / 数量 {", "产出 / 数量 ｛", 1)
            .replace("默认依据 计划标准", '默认依据 "计划标准', 1)
            for line in lines[later:]
        ]
    )
    whole = {(d.code, d.span): d.fix for d in compile_text(text, "x.perf").diagnostics if d.fix}
    got = {(d.code, d.span): d.fix for d in Checker("x.perf").check(text) if d.fix}
    assert {code for code, _ in whole} >= {"PF110"}, whole
    assert got == whole
    assert all(e.span.line > later for fix in got.values() for e in fix)
