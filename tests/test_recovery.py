"""Recovery (issue 24): after a syntax error the parser reads on at the next line or block and the
checker reports the rest of the file, so a first draft's mistakes are all said in one run.

On main one syntax error on line 1 hid the other nine mistakes of the officer's draft: the file
got no document, so nothing but syntax errors was reported, and an error in a block's header
skipped the whole block.  Now a line is read as its fix says (`预箅 320` as 预算 320, a missing
colon or quote put in), a broken header opens its block all the same, the blocks still open at
the end are closed, and only what may follow from a line left out is held back.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import valid_documents
from test_checker_codes import CLEAN
from test_fixes import assert_fix_holds

from perflang.api import compile_text
from perflang.diagnostics import Severity, apply_fix

DRAFT = Path(__file__).parent / "fixtures" / "drafts" / "ten-mistakes.perf"

# the draft's ten mistakes: (code, line), each a different kind
TEN = [
    ("PF105", 4),  # 申报单位：某县交通运输局 — a full-width colon after a keyword
    ("PF105", 8),  # 预箅 320 — a typo'd keyword
    ("PF102", 11),  # 长期目标 1 "… { — a stray quote
    ("PF101", 12),  # 产出 / 数量 — a missing brace
    ("PF402", 13),  # 养护里程: ≥120 — a value without unit
    ("PF104", 17),  # 路面完好率 ≥90% — a missing colon
    ("PF211", 19),  # 时效 { — a 二级 without its 一级
    ("PF309", 23),  # 项目总成本: ≤320元 — a cost in 元 with the budget's number
    ("PF201", 28),  # 满意 / 满意度 — a wrong 一级
    ("PF402", 29),  # 群众满意度: ≥90 — a satisfaction without %
]


def test_the_ten_mistake_draft_shows_all_ten_in_one_run():
    text = DRAFT.read_text(encoding="utf-8")
    found = compile_text(text, "draft.perf").diagnostics
    assert [(d.code, d.span.line) for d in found] == TEN, [(d.code, d.span.line, d.message()) for d in found]
    for d in found:
        assert d.hint() and d.fix, d.code
        assert_fix_holds(text, d)
    fixed = apply_fix(text, [e for d in found for e in d.fix])
    assert compile_text(fixed, "draft.perf").diagnostics == ()  # the ten fixes make a clean file
    assert "预算 320" in fixed and '"完成全县农村公路日常养护，路况明显改善" {' in fixed and "产出 / 时效 {" in fixed


def test_the_hints_of_the_draft_read_as_the_officer_needs_them():
    by_line = {d.span.line: d.hint() for d in compile_text(DRAFT.read_text(encoding="utf-8")).diagnostics}
    assert by_line[4] == "“申报单位”后面不要冒号，空一格即可：申报单位 某县交通运输局"
    assert by_line[8].startswith("你是不是想写：预算")
    assert by_line[11] == '在“{”前补上结束引号：长期目标 1 "完成全县农村公路日常养护，路况明显改善" {'
    assert by_line[12] == "在这一行的末尾加上“{”"
    assert by_line[13] == "写上单位，例如 ≥120公里"
    assert by_line[17] == "名称和指标值之间要有冒号：路面完好率: ≥90%"
    assert by_line[19] == "写成“产出 / 时效 {”（“时效”属于“产出”）"
    assert by_line[23] == "单位多半写错了，应写 ≤320万元"
    assert by_line[28] == "你是不是想写：满意度"
    assert by_line[29] == "写上单位，例如 ≥90%"


def test_a_broken_goal_header_still_reads_its_groups():
    text = CLEAN.replace('年度目标 1 "目标" {', '年度目标 1 "目标 {').replace("人数: ≥3人", "人数: ≥3")
    assert [(d.code, d.span.line) for d in compile_text(text).diagnostics] == [("PF102", 3), ("PF402", 5)]


def test_a_group_header_of_other_words_still_reads_its_indicators():
    text = CLEAN.replace("产出 / 数量 {", "产出 数量 {").replace("人数: ≥3人", "人数: ≥3")
    found = [(d.code, d.span.line) for d in compile_text(text).diagnostics]
    assert found == [("PF101", 4), ("PF402", 5)], found


def test_the_blocks_left_open_at_the_end_are_closed_and_checked():
    text = CLEAN.replace("人数: ≥3人", "人数: 3人").rstrip("\n").removesuffix("}")
    found = [(d.code, d.span.line) for d in compile_text(text).diagnostics]
    assert found == [("PF103", 1), ("PF403", 5)], found


def test_a_line_left_out_holds_back_what_follows_from_it():
    # a budget line that cannot be read as any statement is left out: its project is not also
    # said to have no budget (PF301), and nothing is said of the budget's funding lines
    text = CLEAN.replace("  预算 100\n", "  预算 100 }\n  资金 财政拨款: 1\n  资金 其他资金: 2\n")
    found = [(d.code, d.span.line) for d in compile_text(text).diagnostics]
    assert found and found[0][0] in ("PF101", "PF105") and "PF301" not in {c for c, _ in found}, found
    assert "PF310" not in {c for c, _ in found}


def test_a_file_with_errors_has_no_model_whatever_is_reported():
    result = compile_text(DRAFT.read_text(encoding="utf-8"))
    assert not result.ok and result.document is None and result.model is None


# -- independent mistakes in separate projects: each reported (a Hypothesis property) ----------

INDENT = {0: "", 1: "  ", 2: "    ", 3: "      ", 4: "        "}


def _budget_typo(lines, at):
    value = lines[at].split(None, 1)[1]
    lines[at] = f"  预箅 {value}"
    return "PF105", at


def _budget_colon(lines, at):
    value = lines[at].split(None, 1)[1]
    lines[at] = f"  预算：{value}"
    return "PF105", at


def _header_brace(lines, at):
    lines[at] = lines[at].rstrip().removesuffix("{").rstrip()
    return "PF101", at


def _indicator_colon(lines, at):
    name, value = lines[at].split(":", 1)
    lines[at] = f"{name} {value.strip()}"
    return "PF104", at


def _unknown_level1(lines, at):
    body = lines[at].strip()
    slash = min(i for i in (body.find("/"), body.find("／")) if i >= 0)
    lines[at] = "    产初 " + body[slash:]
    return "PF201", at


def _no_unit(lines, at):
    name = lines[at].split(":", 1)[0]
    lines[at] = f"{name}: ≥5"
    return "PF402", at


def _stray_quote(lines, at):
    lines[at] = lines[at].rstrip().removesuffix("{").rstrip().removesuffix('"') + " {"
    if lines[at].count('"') % 2 == 0:
        lines[at] = lines[at].removesuffix(" {") + ' "目标 {'
    return "PF102", at


def _candidates(lines, start, end):
    """Where each kind of mistake can go in the project of lines start..end."""
    body = range(start + 1, end)
    plain = [
        i
        for i in body
        if lines[i].startswith("        ")
        and ":" in lines[i]
        and not any(c in lines[i] for c in '{}#"')
        and lines[i].split(":", 1)[0].strip()
    ]
    return {
        _budget_typo: [i for i in body if lines[i].split()[:1] in (["预算"], ["budget"]) and "#" not in lines[i]],
        _budget_colon: [i for i in body if lines[i].split()[:1] in (["预算"], ["budget"]) and "#" not in lines[i]],
        _header_brace: [
            i
            for i in body
            if lines[i].startswith("    ")
            and lines[i].rstrip().endswith("{")
            and "#" not in lines[i]
            and not lines[i].startswith("      ")
        ],
        _indicator_colon: [i for i in plain if lines[i].count(":") + lines[i].count("：") == 1],
        _unknown_level1: [
            i
            for i in body
            if lines[i].startswith("    ")
            and not lines[i].startswith("     ")
            and lines[i].rstrip().endswith("{")
            and ("/" in lines[i] or "／" in lines[i])
            and "#" not in lines[i]
        ],
        _no_unit: [i for i in plain if lines[i].count(":") + lines[i].count("：") == 1 and ":" in lines[i]],
        _stray_quote: [
            i
            for i in body
            if lines[i].startswith("  ")
            and not lines[i].startswith("   ")
            and lines[i].rstrip().endswith("{")
            and "#" not in lines[i]
            and "同" not in lines[i]
            and "same-as" not in lines[i]
        ],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(valid_documents(max_projects=3), st.data())
def test_independent_mistakes_in_separate_projects_are_each_reported(drawn, data):
    lines = drawn.text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith(("项目 ", "project "))]
    ends = [next(j for j in range(i + 1, len(lines)) if lines[j].startswith("}")) for i in starts]
    made = []
    for start, end in zip(starts, ends):
        if not data.draw(st.booleans(), label="a mistake in this project"):
            continue
        places = {kind: at for kind, at in _candidates(lines, start, end).items() if at}
        if not places:
            continue
        kind = data.draw(st.sampled_from(sorted(places, key=lambda f: f.__name__)), label="kind")
        at = data.draw(st.sampled_from(places[kind]), label="line")
        code, where = kind(lines, at)
        made.append((code, where + 1))
    text = "\n".join(lines)
    found = compile_text(text, "t.perf").diagnostics
    for code, line in made:
        assert any(d.code == code and d.span.line == line for d in found), (
            code,
            line,
            [(d.code, d.span.line, d.message()) for d in found],
            text,
        )
    mistake_lines = {line for _, line in made}
    errors = [d for d in found if d.level is Severity.ERROR and d.span.line not in mistake_lines]
    assert not errors, ([(d.code, d.span.line, d.message()) for d in errors], made, text)
    assert Counter(c for c, _ in made) <= Counter(d.code for d in found)
