"""One case per diagnostic code: a minimal input that triggers it, and the place it is reported.

Positions are 1-based (line, column) counted by hand from the texts below; CJK characters count
one column each (the caret renderer widens them, not the position).  PF5xx belong to
`perflang eval` and are tested with the actuals (tests/test_actuals.py, tests/test_eval.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perflang import framework
from perflang.api import compile_file, compile_text
from perflang.config import Config
from perflang.diagnostics import Severity
from perflang.messages import CATALOG

ROOT = Path(__file__).resolve().parents[1]

# A clean document: no diagnostic at all.  {ind} is line 5, inside 产出 / 数量 (line 4).
TEMPLATE = """项目 测试 {{
  预算 100
  年度目标 1 "目标" {{
    产出 / 数量 {{
      {ind}
    }}
    效益 / 社会效益 {{
      影响: 达标
    }}
    满意度 / 满意度 {{
      群众满意度: ≥95%
    }}
  }}
}}
"""
CLEAN = TEMPLATE.format(ind="人数: ≥3人")


def with_line(ind: str) -> str:
    return TEMPLATE.format(ind=ind)


def replace(old: str, new: str, text: str = CLEAN) -> str:
    assert old in text
    return text.replace(old, new, 1)


# code -> (text, line, column): the text triggers the code at that place
TEXT_CASES: dict[str, tuple[str, int, int]] = {
    "PF003": ("# 只有注释\n", 1, 1),
    "PF008": (CLEAN, 1, 1),  # with a broken configuration, see test_code_is_reported_at_its_place
    "PF009": (with_line("人数\u202e: ≥3人"), 5, 9),  # a bidi control in a name
    "PF101": (replace('年度目标 1 "目标" {', '年度目标 1 "目标" 2 {'), 3, 15),
    "PF102": (with_line('人数: "≥3人'), 5, 11),
    "PF103": (replace("      人数: ≥3人\n    }\n", "      人数: ≥3人\n\n"), 4, 13),
    "PF104": (with_line("人数 ≥3人"), 5, 7),
    "PF105": (replace("  预算 100\n", "  预算 100\n  负责人 张三\n"), 3, 3),
    "PF106": ("年度 2024\n" + replace("  预算 100\n", "  预算 100\n  申报单位 某局\n"), 4, 3),
    "PF107": (replace("  预算 100\n", "  预算 100\n  预算 100\n"), 3, 3),
    "PF108": ("金额单位 美元\n" + CLEAN, 1, 6),
    "PF109": (replace("    产出 / 数量 {", "    次数: 5次\n    产出 / 数量 {"), 4, 5),
    "PF110": (replace("    产出 / 数量 {", "    产出 / 数量 ｛"), 4, 13),
    "PF111": (CLEAN + "}\n", 15, 1),
    "PF112": (replace("  预算 100\n", "  预算 100\n  年度\n"), 3, 3),
    "PF113": (with_line("服务周期内:市民满意度: ≥90%"), 5, 7),
    "PF201": (replace("产出 / 数量", "产初 / 数量"), 4, 5),
    "PF202": (replace("产出 / 数量", "产出 / 数理"), 4, 10),
    "PF203": (replace("产出 / 数量", "产出 / 社会效益"), 4, 10),
    "PF204": (CLEAN + CLEAN, 15, 4),
    "PF205": (with_line("人数: ≥3人\n      人数: ≥4人"), 6, 7),
    "PF206": (
        replace("  }\n}\n", '  }\n  年度目标 1 "又一个" {\n    产出 / 数量 {\n      x: ≥1个\n    }\n  }\n}\n'),
        14,
        3,
    ),
    "PF207": (replace("  }\n}\n", "  }\n  年度目标 2 同 长期目标 1\n}\n"), 14, 3),
    "PF208": (replace("产出 / 数量", "产出"), 4, 5),
    "PF209": (with_line('"": ≥3人'), 5, 7),
    "PF210": ("项目 空 {\n  预算 1\n}\n", 1, 4),
    "PF211": (replace("产出 / 数量", "数量"), 4, 5),
    "PF301": (replace("  预算 100\n", ""), 1, 4),
    "PF302": (replace("预算 100", "预算 一百"), 2, 6),
    "PF303": (with_line("人数: =-3人"), 5, 11),
    "PF304": (
        replace(
            "产出 / 数量 {\n      人数: ≥3人",
            "产出 / 数量 {\n      人数: ≥3人\n    }\n    成本 / 经济成本 {\n      设备费: ≤120万元",
        ),
        8,
        12,
    ),
    "PF305": (
        replace(
            "产出 / 数量 {\n      人数: ≥3人",
            "产出 / 数量 {\n      人数: ≥3人\n    }\n"
            "    成本 / 经济成本 {\n      设备费: ≤60万元\n      人员费: ≤50万元",
        ),
        9,
        12,
    ),
    "PF306": (with_line("人数: ≥3人 { 分值 很多 }"), 5, 20),
    "PF307": (with_line("人数: ≥3人 { 分值 60 }"), 5, 20),
    "PF308": (replace("预算 100", "预算 1000000"), 2, 6),
    "PF309": (
        replace(
            "产出 / 数量 {\n      人数: ≥3人",
            "产出 / 数量 {\n      人数: ≥3人\n    }\n    成本 / 经济成本 {\n      设备费: ≤100元",
        ),
        8,
        12,
    ),
    "PF310": (replace("  预算 100\n", "  预算 100\n  资金 财政拨款: 80\n  资金 其他资金: 30\n"), 3, 3),
    "PF401": (with_line("得分: ≥90分"), 5, 11),
    "PF402": (with_line("人数: ≥3"), 5, 11),
    "PF403": (with_line("人数: 3人"), 5, 11),
    "PF404": (with_line("完成率: ≥120%"), 5, 12),
    "PF405": (with_line("合格率: ≤95%"), 5, 12),
    "PF406": (replace("群众满意度: ≥95%", "群众满意度: ≥85%"), 11, 14),
    "PF407": (replace("    效益 / 社会效益 {\n      影响: 达标\n    }\n", ""), 3, 3),
    "PF408": (replace("影响: 达标", "影响: 确保优化"), 8, 11),
    "PF409": (with_line("人数: ≥3人 { 依据 计划 }"), 5, 20),
    "PF410": (with_line("人数:"), 5, 7),
    "PF411": (with_line("人数: ≥3人;"), 5, 11),
    "PF412": (with_line("满意率: ≥90个"), 5, 12),
}

# code -> (file bytes, line, column): problems met while reading a file
FILE_CASES: dict[str, tuple[bytes | None, int, int]] = {
    "PF001": (b"# ok\n" + "项目 测试 {\n}\n".encode("gb18030"), 2, 1),
    "PF002": (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", 1, 1),
    "PF004": (None, 1, 1),  # a folder where a file is expected
    "PF005": (b"# ok\n  \xff x\n", 2, 3),
    "PF006": ("项目 测试 {\n# 注释".encode()[:-1], 2, 4),
    "PF007": ("项目 测试 {\n}\n".encode("utf-16"), 1, 1),
}

CHECKER_CODES = sorted(c for c in CATALOG if c < "PF5")


def _at(diags, code):
    found = [(d.span.line, d.span.column) for d in diags if d.code == code]
    assert found, f"{code} not reported; got {[(d.code, d.span.line, d.span.column) for d in diags]}"
    return found[0]


def test_the_clean_document_has_no_diagnostic():
    assert compile_text(CLEAN, "t.perf").diagnostics == ()


@pytest.mark.parametrize("code", sorted(TEXT_CASES))
def test_code_is_reported_at_its_place(code):
    text, line, column = TEXT_CASES[code]
    config = Config(path="pyproject.toml", problem="invalid TOML") if code == "PF008" else None
    result = compile_text(text, "t.perf", config)
    assert _at(result.diagnostics, code) == (line, column)
    if CATALOG[code].severity is Severity.ERROR:
        assert not result.ok


@pytest.mark.parametrize("code", sorted(FILE_CASES))
def test_reading_problem_is_reported_at_its_place(code, tmp_path):
    data, line, column = FILE_CASES[code]
    path = tmp_path / "t.perf"
    if data is None:
        path.mkdir()
    else:
        path.write_bytes(data)
    assert _at(compile_file(path).diagnostics, code) == (line, column)


def test_every_checker_code_has_a_case():
    assert sorted(set(TEXT_CASES) | set(FILE_CASES)) == CHECKER_CODES


def test_every_code_has_a_docs_entry_with_an_example():
    docs = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    headings = re.findall(r"^### (PF\d{3})\b", docs, re.M)
    assert headings == sorted(CATALOG), "docs/diagnostics.md: one '### PFnnn' heading per code, in order"
    for code, section in zip(headings, re.split(r"^### PF\d{3}.*$", docs, flags=re.M)[1:]):
        assert "```" in section, f"{code}: no example in docs/diagnostics.md"


def test_every_message_formats_in_both_languages():
    """Each case's diagnostics render in Chinese and English (no missing argument), and the
    English text carries no Chinese sentence (names from the file aside)."""
    for text, _, _ in TEXT_CASES.values():
        for d in compile_text(text, "t.perf").diagnostics:
            assert d.message("zh") and d.message("en")
            english = d.message("en") + (d.hint("en") or "")
            assert not re.search("[，。；]|你是不是|可用的|此处|本项目|把这", english), english


SEVERAL = """申报单位 测试局
经费额度 10
项目 测试 {
  预算 10
  负责人 张三
  长期目标 1 "目标" {
    产出 / 数量 {
      人数 =33人
      次数: 5次
    产出 / 质量 {
      合格率: ≥95%
    }
    满意度 / 满意度 {
      满意度: ≥95%
    }
  }
  年度目标 1 同 长期目标 1
}
项目 第二 {
  预算 5
  长期目标 1 "x" {
    成本 / 经济成本 {
      费用: ≤5万元
    }
  }
"""


def _found(text: str) -> list[tuple[str, int, int]]:
    return [(d.code, d.span.line, d.span.column) for d in compile_text(text, "t.perf").diagnostics]


def test_several_syntax_errors_in_one_file_each_once_and_in_place():
    # the 数量 group lacks its "}" (seen when 质量 begins: the rest of the goal is still read),
    # and the file ends inside project 第二; around the syntax errors the checker reports the
    # rest (issue 24): goals without 效益 (and the second without 产出, 满意度), 5次 without ≥
    assert _found(SEVERAL) == [
        ("PF105", 2, 1),
        ("PF105", 5, 3),
        ("PF407", 6, 3),
        ("PF103", 7, 13),
        ("PF104", 8, 7),
        ("PF403", 9, 11),
        ("PF103", 19, 7),
        ("PF407", 21, 3),
    ]


def test_a_brace_on_the_next_line_is_one_error_and_the_block_is_still_read():
    text = "项目 测试\n{\n  预算 100\n  负责人 张三\n}\n"
    assert _found(text) == [("PF101", 1, 6), ("PF105", 4, 3)]


def test_a_header_without_its_brace_is_one_error_when_the_block_is_indented():
    assert _found(CLEAN.replace("产出 / 数量 {", "产出 / 数量")) == [("PF101", 4, 12)]
    assert _found(CLEAN.replace('年度目标 1 "目标" {', '年度目标 1 "目标"')) == [("PF101", 3, 14)]


def test_full_width_braces_are_read_as_braces_after_the_error():
    text = CLEAN.replace("产出 / 数量 {", "产出 / 数量 ｛").replace(
        "      人数: ≥3人\n    }", "      人数 ≥3人\n    ｝"
    )
    assert _found(text) == [("PF110", 4, 13), ("PF104", 5, 7), ("PF110", 6, 5)]


def test_an_error_inside_a_block_header_skips_the_block():
    text = CLEAN.replace('年度目标 1 "目标" {', '年度目标 1 "目标 {')
    assert _found(text) == [("PF102", 3, 10)]


# review semantics (domain.md §3, §6): the codes a single indicator line draws, in 产出 / 数量
# or, for costs, under 成本 / 经济成本 (budget 100万元)
REVIEW = [
    ("产出 / 数量", "完成率: ≥100%", set()),
    ("产出 / 数量", "完成率: 120%", {"PF403", "PF404"}),
    ("产出 / 数量", "产值增长率: ≥150%", set()),  # growth may pass 100%
    ("产出 / 数量", "稳定运行率: ≤99%", {"PF405"}),  # the real table of domain.md §6
    ("产出 / 数量", "合格率: 不高于98%", {"PF405"}),
    ("产出 / 数量", "故障率: ≤2%", set()),
    ("产出 / 数量", "故障率: ≥2%", {"PF405"}),
    ("产出 / 数量", "投诉率: 超过1%", {"PF405"}),
    ("产出 / 数量", "不满意率: ≤5%", set()),  # holds 满意率, yet lower is better
    ("产出 / 数量", "参训人数: 不少于10人", set()),
    ("产出 / 数量", "参训人数: ≥2.3万个", set()),
    ("产出 / 数量", "面积: 28592平方米", {"PF403"}),
    ("产出 / 数量", "次数: 10", {"PF402", "PF403"}),
    ("产出 / 数量", "带动效果: 力争全省前列", {"PF408"}),
    ("产出 / 数量", "带动效果: 是", set()),
    ("满意度 / 满意度", "满意度: ≥90%", set()),  # 90 itself is not below 90
    ("满意度 / 满意度", "满意度: ≥89.9%", {"PF406"}),
    ("满意度 / 满意度", "满意度: 95%", {"PF403"}),
    ("满意度 / 满意度", "满意度: ≤95%", {"PF405"}),
    ("满意度 / 满意度", "满意度: ≥4.5分", {"PF401"}),  # a score, not a percent
    ("成本 / 经济成本", "设备费: ≤100万元", set()),  # equal to the budget is within it
    ("成本 / 经济成本", "设备费: ≤1000000元", set()),  # 100万元 exactly
    ("成本 / 经济成本", "设备费: ≤1000001元", {"PF304"}),
    ("成本 / 经济成本", "设备费: ≤100.0001万元", {"PF304"}),
    ("成本 / 经济成本", "设备费: ≥10万元", {"PF405"}),
    ("成本 / 经济成本", "设备费: 50万元", {"PF403"}),
    ("产出 / 成本", "设备费: ≤101万元", {"PF304"}),  # the classic layout: 成本 under 产出
    ("成本 / 经济成本", "设备费: ≤60万元\n      材料费: ≤40万元", set()),
    ("成本 / 经济成本", "设备费: ≤60万元\n      材料费: ≤40.01万元", {"PF305"}),
    ("成本 / 经济成本", "设备费: ≤60万元/年\n      材料费: ≤60万元", set()),  # a rate is no sum
]


@pytest.mark.parametrize("group, line, codes", REVIEW)
def test_review_rules(group, line, codes):
    text = CLEAN.replace("    效益 / 社会效益 {", f"    {group} {{\n      {line}\n    }}\n    效益 / 社会效益 {{")
    assert {d.code for d in compile_text(text, "t.perf").diagnostics} == codes


@pytest.mark.parametrize(
    "group, code, hint",
    [
        ("产初 / 数量", "PF201", "你是不是想写：产出"),
        ("产出 / 数理", "PF202", "你是不是想写：数量"),
        ("产出 / 进", "PF202", "你是不是想写：进度"),  # the regional alias of 时效
        ("满意度 / 满意", "PF202", "你是不是想写：满意度"),  # the seed's 满意度 / 满意度
        ("产出 / 社会效应", "PF202", "你是不是想写：社会效益（属于效益）、社会成本（属于成本）"),
        ("产出 / 社会效益", "PF203", "“社会效益”属于“效益指标”"),
    ],
)
def test_did_you_mean(group, code, hint):
    diags = compile_text(CLEAN.replace("产出 / 数量", group), "t.perf").diagnostics
    assert [d.hint() for d in diags if d.code == code] == [hint]


def test_an_unreadable_money_unit_is_reported_not_a_crash():
    # found by tests/test_check_fuzz.py: the weight check built its data from the 金额单位
    assert _found("金额单位 :万元\n" + with_line("人数: ≥3人 { 分值 10 }")) == [("PF108", 1, 6)]


def test_each_rule_declares_the_codes_it_emits():
    """`@rule(codes)`: run alone on every case, a rule emits only codes it declares, and every
    code a rule declares has a case here."""
    from perflang.check.rules import RULES, run_rules
    from perflang.syntax.parser import parse

    emitted: dict[str, set[str]] = {r.__name__: set() for r in RULES}
    for text, _, _ in TEXT_CASES.values():
        doc, _ = parse(text)
        if doc is None:
            continue
        model = compile_text(text, "t.perf").model
        for r in RULES:
            emitted[r.__name__] |= {d.code for d in run_rules(doc, model, [r])}
    for r in RULES:
        assert emitted[r.__name__] <= set(r.codes), (r.__name__, emitted[r.__name__] - set(r.codes))
        assert set(r.codes) <= set(TEXT_CASES), (r.__name__, set(r.codes) - set(TEXT_CASES))


# a group's names: the framework's, short, aliased, in English, a 二级 alone, near misses
_LEVEL_NAMES = st.sampled_from(
    sorted(
        {n for n in framework.LEVEL1}
        | {n.removesuffix("指标") for n in framework.LEVEL1}
        | {n for c in framework.LEVEL1.values() for n in c}
        | {n.removesuffix("指标") for c in framework.LEVEL1.values() for n in c}
        | set(framework.LEVEL1_ALIASES)
        | {n.removesuffix("指标") for n in framework.LEVEL2_ALIASES}
        | set(framework.ENGLISH_NAMES)
        | {"Output", "产初", "数理", "进", "满意", "社会效应", "指标", ""}
    )
)


@settings(max_examples=500, deadline=None)
@given(_LEVEL_NAMES, st.one_of(st.none(), _LEVEL_NAMES), st.booleans())
def test_a_sound_pair_of_names_is_a_group_without_findings(level1, level2, placed):
    """check_framework skips _check_group for the names _sound_levels remembers as sound: they
    are exactly the names in which _check_group finds nothing, and then it finds nothing
    whatever the profile places."""
    from perflang.check import rules
    from perflang.syntax.nodes import Group

    group = Group(level1=level1, level2=level2)
    never = list(rules._check_group(group, ("甲", "年度目标1"), lambda a, b: False))
    assert rules._sound_levels(level1, level2) == (never == [])
    if not never:
        assert list(rules._check_group(group, ("甲", "年度目标1"), lambda a, b: placed)) == []
