"""The perflang/1 JSON contract (issue 2 item 7, docs/json.md): keys, types and values of
`perflang build --to json`, checked against values worked out by hand, and the shipped schema
(which every example's output validates against, and which refuses what the contract forbids)."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from importlib import resources

import jsonschema
import pytest
from conftest import EXAMPLES

from perflang.api import compile_text
from perflang.backends.json import render

SCHEMA = json.loads(resources.files("perflang").joinpath("schema", "perflang-1.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

DOC = """\
申报单位 测试局
金额单位 万元
年度 2024
默认依据 计划标准

项目 样例 {
  预算 571
  长期目标 1 "长期" {
    成本 / 经济成本 {
      项目成本: ≤571万元 { 分值 10 }
    }
    产出 / 数量 {
      端口: ≥2.3万个 { 依据 历史标准; 解释 "端口数"; 上年值 2万个 }
      车辆: 10辆
      次数: 220
    }
    产出 / 进度 {
      完成率: ＞＝95％
    }
    效果 / 社会效益 {
      环境: 确保优化
    }
    满意度 / 满意度 {
      群众满意度: ≥95%
    }
  }
  年度目标 1 同 长期目标 1
}
"""


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(render(compile_text(DOC, "doc.perf").model))


def _ind(data, name, goal=0):
    return next(i for i in data["projects"][0]["goals"][goal]["indicators"] if i["name"] == name)


def test_top_level(data):
    assert data["format"] == "perflang/1"
    assert (data["source"], data["unit"], data["money_unit"], data["year"]) == ("doc.perf", "测试局", "万元", "2024")


def test_project_and_budget(data):
    p = data["projects"][0]
    assert p["name"] == "样例"
    assert p["budget"] == {"text": "571", "value": "571", "unit": "万元", "base_value": "5710000"}


def test_the_shared_goal_is_written_out_in_full(data):
    long_term, annual = data["projects"][0]["goals"]
    assert (long_term["kind"], long_term["number"], annual["kind"], annual["number"]) == ("long-term", 1, "annual", 1)
    assert annual["text"] == "长期"
    assert annual["indicators"] == long_term["indicators"]
    assert annual["shared_from"] == {"kind": "long-term", "number": 1}


def test_magnitude_in_the_unit(data):
    i = _ind(data, "端口")
    assert (i["text"], i["comparator"], i["value"], i["unit"], i["base_value"], i["base_unit"]) == (
        "≥2.3万个",
        ">=",
        "2.3",
        "万个",
        "23000",
        "个",
    )
    assert (i["direction"], i["basis"], i["explanation"], i["last_year"]) == (
        "higher-better",
        "历史标准",
        "端口数",
        "2万个",
    )


def test_money_has_its_base_in_yuan_and_a_weight(data):
    i = _ind(data, "项目成本")
    assert (i["base_value"], i["base_unit"], i["dimension"], i["direction"], i["weight"]) == (
        "5710000",
        "元",
        "money",
        "lower-better",
        "10",
    )


def test_percent_keeps_its_value(data):
    i = _ind(data, "完成率")
    assert (i["text"], i["comparator"], i["value"], i["unit"], i["base_value"], i["base_unit"]) == (
        "＞＝95％",
        ">=",
        "95",
        "%",
        "95",
        "%",
    )


def test_levels_as_shown_and_canonical(data):
    assert [
        (i["level1"], i["level2"], i["level1_canonical"], i["level2_canonical"])
        for i in (_ind(data, "完成率"), _ind(data, "环境"), _ind(data, "群众满意度"))
    ] == [
        ("产出指标", "进度指标", "产出指标", "时效指标"),
        ("效果指标", "社会效益指标", "效益指标", "社会效益指标"),
        ("满意度指标", "满意度指标", "满意度指标", "服务对象满意度指标"),
    ]


def test_missing_comparator_and_missing_unit_stay_missing(data):
    assert [
        (i["comparator"], i["unit"], i["direction"], i["base_unit"]) for i in (_ind(data, "车辆"), _ind(data, "次数"))
    ] == [(None, "辆", None, "辆"), (None, None, None, None)]


def test_qualitative(data):
    i = _ind(data, "环境")
    assert (i["kind"], i["text"]) == ("qualitative", "确保优化")
    assert all(i[k] is None for k in ("comparator", "value", "unit", "base_value", "base_unit", "direction", "weight"))
    assert i["basis"] == "计划标准"  # the document's default


def test_positions(data):
    i = _ind(data, "端口")
    assert (i["line"], i["column"]) == (13, 7)


def test_validates(data):
    VALIDATOR.validate(data)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.perf")), ids=lambda p: p.name)
def test_every_example_builds_json_that_validates_byte_identically(path):
    runs = [
        subprocess.run(
            [sys.executable, "-m", "perflang", "build", str(path), "--to", "json"], capture_output=True, check=True
        ).stdout
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    VALIDATOR.validate(json.loads(runs[0]))


@pytest.mark.parametrize(
    "where, bad",
    [
        (("base_value",), 23000.0),  # a float, not an exact decimal string
        (("base_value",), "2.30E+4"),
        (("comparator",), "≥"),  # the typed comparator, not its spelling
        (("direction",), "up"),
        (("kind",), "number"),
        (("weight",), 10),
    ],
)
def test_the_schema_refuses_what_the_contract_forbids(data, where, bad):
    broken = copy.deepcopy(data)
    _ind(broken, "端口")[where[0]] = bad
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(broken)


def test_the_schema_refuses_a_missing_key(data):
    broken = copy.deepcopy(data)
    del _ind(broken, "端口")["base_unit"]
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(broken)


def test_a_qualitative_value_may_not_carry_a_unit(data):
    broken = copy.deepcopy(data)
    _ind(broken, "环境")["unit"] = "个"
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(broken)


def _documented_values() -> list[list[str]]:
    """The rows of the worked-values table of docs/json.md."""
    text = (EXAMPLES.parent / "docs" / "json.md").read_text(encoding="utf-8")
    table = text.split("More worked values:", 1)[1].split("\n\n", 2)[1]
    rows = [[c.strip().strip("`") for c in line.strip("|").split("|")] for line in table.splitlines()[2:]]
    return [[None if c == "null" else c for c in row] for row in rows]


def test_the_worked_values_of_docs_json_md_are_what_build_gives():
    rows = _documented_values()
    assert len(rows) >= 7
    lines = "".join(f"      指标{i}: {row[0]}\n" for i, row in enumerate(rows))
    doc = f"项目 甲 {{\n  预算 100000\n  年度目标 1 {{\n    产出 / 数量 {{\n{lines}    }}\n  }}\n}}\n"
    built = json.loads(render(compile_text(doc, "doc.perf").model))
    keys = ("text", "comparator", "value", "unit", "base_value", "base_unit", "dimension")
    got = [[i[k] for k in keys] for i in built["projects"][0]["goals"][0]["indicators"]]
    assert got == rows


ENGLISH = [
    (r"^申报单位 ", "unit "),
    (r"^金额单位 ", "money "),
    (r"^表样 ", "form "),
    (r"^默认依据 ", "default-basis "),
    (r"^项目 ", "project "),
    (r"^  预算 ", "  budget "),
    (r"^  长期目标 ", "  long-term "),
    (r"^  年度目标 (\d+) 同 长期目标 ", r"  annual \1 same-as long-term "),
    (r"^    成本 / 经济成本 ", "    cost / economic-cost "),
    (r"^    产出 / 数量 ", "    output / quantity "),
    (r"^    效益 / 社会效益 ", "    benefit / social "),
    (r"^    满意度 / 满意度 ", "    satisfaction / satisfaction "),
]


def test_english_keywords_build_the_same_json_as_chinese():
    chinese = (EXAMPLES / "ezhou-data-bureau.perf").read_text(encoding="utf-8")
    english = chinese
    for pattern, repl in ENGLISH:
        english = re.sub(pattern, repl, english, flags=re.M)
    assert "project 政务服务工作" in english and "annual 1 same-as long-term 1" in english
    assert render(compile_text(english, "x.perf").model) == render(compile_text(chinese, "x.perf").model)


@pytest.mark.parametrize(
    "written, value, unit, base",
    [
        ("571", "571", "万元", "5710000"),  # in the document's 金额单位
        ("571万元", "571", "万元", "5710000"),
        ("3000元", "3000", "元", "3000"),
        ("250万", "250", "万元", "2500000"),  # 02 湘潭: a budget is money, so 万 is 万元
        ("1.5亿", "1.5", "亿元", "150000000"),
    ],
)
def test_budget_forms(written, value, unit, base):
    doc = f"金额单位 万元\n项目 甲 {{\n  预算 {written}\n}}\n"
    budget = json.loads(render(compile_text(doc, "b.perf").model))["projects"][0]["budget"]
    assert budget == {"text": written, "value": value, "unit": unit, "base_value": base}
