"""Every example compiles without errors (warnings allowed), is formatted, and its JSON
validates against the shipped schema; the hand-written reference examples hold their
source's values exactly."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLES

from perflang.api import compile_file, compile_text
from perflang.syntax.grammar import grammar_text

PERF = sorted(EXAMPLES.glob("*.perf"))


def test_there_are_examples_beyond_the_seed():
    assert len(PERF) >= 3


@pytest.mark.parametrize("path", PERF, ids=lambda p: p.name)
def test_every_example_compiles_without_errors(path):
    result = compile_file(path)
    errors = [d for d in result.diagnostics if d.level.value == "error"]
    assert result.ok and not errors, [d.message() for d in errors]


def _rows(path):
    model = compile_file(path).model
    return [(i.level1, i.level2, i.name, i.target.text) for p in model.projects for g in p.goals for i in g.indicators]


def test_cost_under_output_and_values_without_comparators_or_units():
    """03 岳阳 (as in the source): 成本 is a 二级 of 产出; values with no comparator."""
    rows = _rows(EXAMPLES / "yueyang-farmland.perf")
    assert ("产出指标", "成本指标", "财政资金补助", "1600元/亩") in rows
    assert ("效益指标", "经济效益指标", "年增粮食", "3500公斤") in rows
    assert ("产出指标", "时效指标", "项目(工程)完成及时率", "≥100%") in rows
    assert len(rows) == 12


def test_xiangtan_values_as_in_the_source():
    """02 湘潭: a magnitude without 元, a period as a value, a value with no comparator."""
    rows = _rows(EXAMPLES / "xiangtan-fog-cannon.perf")
    assert ("产出指标", "成本指标", "控制在预算成本内", "250万") in rows
    assert ("产出指标", "时效指标", "服务周期", "2023.07-2024.01") in rows
    assert ("产出指标", "数量指标", "雾炮车降尘抑尘服务配备车辆数", "10辆") in rows
    assert ("产出指标", "数量指标", "雾炮车风炮射程", "≥80M") in rows
    assert len(rows) == 7


def test_chizhou_english_keywords_weights_as_in_the_source():
    """07 池州: English keywords shown as the Chinese table; 分值 8×5 + 10 = 50 for 产出 and
    10×3 = 30 for 效益, as the source's weights add up."""
    model = compile_file(EXAMPLES / "chizhou-entrusted-services.perf").model
    inds = [i for p in model.projects for g in p.goals for i in g.indicators]
    assert (inds[1].level1, inds[1].level2, inds[1].name, inds[1].target.text) == (
        "产出指标",
        "质量指标",
        "委托业务报告合格率",
        "≥100百分比",
    )
    by_pool: dict = {}
    for i in inds:
        by_pool[i.level1] = by_pool.get(i.level1, 0) + i.weight
    assert by_pool == {"产出指标": 50, "效益指标": 30}
    assert len(inds) == 9


# ---- docs/language.md is the reference: its grammar is the shipped one, its examples compile
LANGUAGE_MD = EXAMPLES.parent / "docs" / "language.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```$", LANGUAGE_MD.read_text(encoding="utf-8"), re.S | re.M)


def test_the_documented_grammar_is_the_shipped_grammar():
    shipped = grammar_text()
    assert _blocks("lark") == [shipped]


def test_every_example_in_the_language_reference_compiles_without_errors():
    blocks = _blocks("perf")
    assert len(blocks) >= 5
    for text in blocks:
        result = compile_text(text, "docs/language.md")
        assert result.ok, [d.message() for d in result.diagnostics]
