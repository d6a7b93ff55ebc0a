"""The one keyword table (perflang/syntax/keywords.py) and the grammar agree, aliases read as their
keyword, and every hint that shows code shows code the grammar accepts."""

from __future__ import annotations

import re

import pytest
import test_checker_codes as cases

from perflang.api import compile_text
from perflang.messages import CATALOG, localize
from perflang.syntax.grammar import grammar_text
from perflang.syntax.hints import keyword_hint, statement_hint
from perflang.syntax.keywords import ATTRS, GOALS, SETTINGS, label_key, spellings
from perflang.syntax.parser import parse


def _alternation(terminal: str) -> list[str]:
    m = re.search(rf"^{terminal}: /\(\?:([^)]*)\)", grammar_text(), re.M)
    return m.group(1).split("|")


@pytest.mark.parametrize("terminal, table", [("SETTING_KW", SETTINGS), ("GOAL_KW", GOALS), ("ATTR_KW", ATTRS)])
def test_grammar_spells_the_keywords_of_the_table(terminal, table):
    assert _alternation(terminal) == spellings(table)


ALIASES = [
    ("项目金额 164万元", "budget", "164万元"),
    ("项目预算金额 164", "budget", "164"),
    ("主管预算部门 某局", "department", "某局"),
    ("项目主管部门 某局", "department", "某局"),
    ("项目起止时间 202001-202012", "period", "202001-202012"),
    ("项目执行单位 化工区学校", "implementer", "化工区学校"),
    ("主管部门", "department", ""),
]


@pytest.mark.parametrize("line, key, value", ALIASES)
def test_form_labels_are_aliases_of_settings(line, key, value):
    doc, diags = parse(f"项目 甲 {{\n  {line}\n}}\n")
    assert diags == []
    (setting,) = doc.projects[0].settings
    assert (setting.key, setting.value, setting.keyword) == (key, value, line.split(" ")[0])


def test_mid_term_goal_is_long_term_and_an_empty_department_checks():
    text = (
        '项目 甲 {\n  预算 10\n  主管部门\n  中期目标 1 "x" {\n    产出 / 数量 {\n      台数: ≥2台\n'
        "    }\n  }\n  年度目标 1 同 中期目标 1\n}\n"
    )
    result = compile_text(text, "t.perf")
    assert not [d for d in result.diagnostics if d.level.value == "error"]
    assert [g.kind for g in result.model.projects[0].goals] == ["long-term", "annual"]


def test_an_empty_budget_is_an_error():
    doc, diags = parse("项目 甲 {\n  预算\n}\n")
    assert [d.code for d in diags] == ["PF112"]


@pytest.mark.parametrize(
    "line, name, value",
    [
        ("服务周期内:市民满意度: ≥90%", "服务周期内:市民满意度", "≥90%"),
        ("开放时间: 9:00-17:00", "开放时间", "9:00-17:00"),
        ('说明: "详见: 附件"', "说明", "详见: 附件"),
    ],
)
def test_a_second_colon_is_read_right_and_flagged(line, name, value):
    doc, diags = parse(f"项目 甲 {{\n  年度目标 1 {{\n    产出 / 数量 {{\n      {line}\n    }}\n  }}\n}}\n")
    (ind,) = doc.projects[0].goals[0].groups[0].indicators
    assert (ind.name, ind.value) == (name, value)
    assert [d.code for d in diags] == (["PF113"] if name.count(":") else [])


def test_funding_with_of_which_and_a_second_colon():
    doc, diags = parse("项目 甲 {\n  资金 其中:当年市级财政资金: 132万元\n}\n")
    (f,) = doc.projects[0].fields
    assert (f.name, f.value) == ("其中:当年市级财政资金", "132万元")
    hint = diags[0].hint()
    assert '"其中:当年市级财政资金": 132万元' in hint


def test_a_string_across_two_lines_is_one_error_that_says_so():
    text = (
        '项目 甲 {\n  预算 1\n  年度目标 1 "完成改造，\n  搞好提质" {\n    产出 / 数量 {\n      a: 1个\n    }\n  }\n}\n'
    )
    _, diags = parse(text)
    assert [(d.code, d.span.line) for d in diags] == [("PF102", 3)]
    assert "不能跨行" in diags[0].hint() and '"完成改造，搞好提质"' in diags[0].hint()


def test_an_unknown_label_suggests_a_field():
    _, diags = parse("项目 甲 {\n  项目负责人 张三\n}\n")
    assert "字段 项目负责人: 张三" in diags[0].hint() and "字段 项目负责人: 张三" in diags[0].hint("en")


@pytest.mark.parametrize(
    "cell, key",
    [
        ("项目预算金额（万元）", ("setting:budget", 1)),
        ("主管预算部门", ("setting:department", 1)),
        ("长期绩效目标1", ("goal:long-term", 1)),
        ("年度绩效目标（文字）", ("goal:annual", 1)),
        ("一*级项目名称", None),
        ("项目名称", ("project", 1)),
        ("年度资金总额:", ("funding-total", 1)),
    ],
)
def test_form_labels(cell, key):
    assert label_key(cell) == key


# -- every hint's example parses ------------------------------------------------------------

_WRAPS = (
    "{code}\n",
    "项目 甲 {{\n{code}\n}}\n",
    "项目 甲 {{\n年度目标 1 {{\n{code}\n}}\n}}\n",
    "项目 甲 {{\n年度目标 1 {{\n产出 / 数量 {{\n{code}\n}}\n}}\n}}\n",
    "项目 甲 {{\n年度目标 1 {{\n产出 / 数量 {{\n甲: 1个 {{ {code} }}\n}}\n}}\n}}\n",
)
_EXAMPLE = re.compile(r"(?:例如|e\.g\.|即可：|空一格：|写成 |a space: )\s*(.+?)(?=（|；|;|，|, or|\)|$)")
_CODE_START = re.compile(
    "^(?:" + "|".join(map(re.escape, spellings(SETTINGS + GOALS + ATTRS))) + r"|项目|字段|资金|[^\s:：]+ / )[ \t]"
)


def examples(hint: str) -> list[str]:
    """The statements a hint shows (values such as ≥3人 alone are not statements)."""
    found = [m.group(1).strip().rstrip("。") for m in _EXAMPLE.finditer(hint or "")]
    return [e for e in found if _CODE_START.match(e)]


def accepted(code: str) -> bool:
    code = code.replace(" ⏎ ", "\n").replace("⏎", "\n")
    opened = code.count("{") - code.count("}")
    code += "\n}" * opened
    return any(not [d for d in parse(w.format(code=code))[1] if d.level.value == "error"] for w in _WRAPS)


def _hints():
    """Every hint the checker gives for the catalog's cases, and the syntax hints' own."""
    for text, _, _ in cases.TEXT_CASES.values():
        for d in compile_text(text, "t.perf").diagnostics:
            yield d.code, d.hint("zh")
            yield d.code, d.hint("en")
    for code in (
        "项目金额",
        '年度目标1 "x" {',
        "预算：100",
        "同长期目标 1",
        "项目负责人 张三",
        "预算额 100",
        "负责人 张三",
        "项目",
        "预算",
        "长期目标",
        "年度目标",
        "字段",
        "资金",
        "项目 名称",
    ):
        for hint in (keyword_hint(code), statement_hint(code, set()), statement_hint(code, {"GOAL_KW"})):
            if hint:
                yield code, localize(hint["hint"], "zh")
                yield code, localize(hint["hint"], "en")


def test_every_hint_example_is_code_the_grammar_accepts():
    seen = 0
    for code, hint in _hints():
        for example in examples(hint):
            seen += 1
            assert accepted(example), (code, hint, example)
    assert seen > 20


def test_catalog_hints_with_code_are_reached_by_the_cases():
    """The catalog's own hint templates that show statements are among those tested above."""
    shown = {code for code, hint in _hints() if examples(hint)}
    with_code = {code for code, e in CATALOG.items() if examples(e.hint_zh.replace("{{", "{").replace("}}", "}"))}
    assert with_code <= shown
