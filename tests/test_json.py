"""The perflang/2 JSON contract (issue 2 item 7, issue 25, docs/json.md): keys, types and values
of `perflang build --to json`, checked against values worked out by hand, and the shipped schema
(which every example's output validates against, and which refuses what the contract forbids);
the ids, pools, effective weights and the profile of issue 25."""

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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perflang.api import compile_text
from perflang.backends.json import render
from perflang.testing import documents

SCHEMA = json.loads(resources.files("perflang").joinpath("schema", "perflang-2.schema.json").read_text("utf-8"))
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
    assert data["format"] == "perflang/2"
    assert (data["source"], data["unit"], data["money_unit"], data["year"]) == ("doc.perf", "测试局", "万元", "2024")


def test_project_and_budget(data):
    p = data["projects"][0]
    assert p["name"] == "样例"
    assert p["budget"] == {"text": "571", "value": "571", "unit": "万元", "base_value": "5710000"}


def test_the_shared_goal_is_written_out_in_full(data):
    long_term, annual = data["projects"][0]["goals"]
    assert (long_term["kind"], long_term["number"], annual["kind"], annual["number"]) == ("long-term", 1, "annual", 1)
    assert annual["text"] == "长期"
    # the same indicators, each with its own id (its path names the goal) and, the annual goal
    # being the one scored, its effective weight
    own = ("id", "effective_weight")
    assert [{k: v for k, v in i.items() if k not in own} for i in annual["indicators"]] == [
        {k: v for k, v in i.items() if k not in own} for i in long_term["indicators"]
    ]
    assert not {i["id"] for i in annual["indicators"]} & {i["id"] for i in long_term["indicators"]}
    assert (annual["scored"], long_term["scored"]) == (True, False)
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


# -- issue 25: ids, pools, effective weights, the profile, source ---------------------------


def _seed_text() -> str:
    return (EXAMPLES / "ezhou-data-bureau.perf").read_text(encoding="utf-8")


def _ids(data) -> list[str]:
    out = []
    for p in data["projects"]:
        out.append(p["id"])
        for g in p["goals"]:
            out.append(g["id"])
            out += [i["id"] for i in g["indicators"]]
    return out


def test_ids_are_unique_and_documented(data):
    ids = _ids(data)
    assert len(ids) == len(set(ids))
    # docs/json.md, Ids: sha256 of the path as a compact JSON array, 16 hex digits
    import hashlib

    path = ["indicator", "样例", "annual", 1, "产出指标", "数量指标", "端口", 1]
    text = json.dumps(path, ensure_ascii=False, separators=(",", ":"))
    assert text == '["indicator","样例","annual",1,"产出指标","数量指标","端口",1]'
    expected = "i-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    assert _ind(data, "端口", goal=1)["id"] == expected
    project = "p-" + hashlib.sha256('["project","样例"]'.encode()).hexdigest()[:16]
    goal = "g-" + hashlib.sha256('["goal","样例","annual",1]'.encode()).hexdigest()[:16]
    assert (data["projects"][0]["id"], data["projects"][0]["goals"][1]["id"]) == (project, goal)
    # an alias is one path with its canonical name: 效果/社会效益 is 效益指标/社会效益指标
    text = json.dumps(["indicator", "样例", "annual", 1, "效益指标", "社会效益指标", "环境", 1], ensure_ascii=False)
    assert _ind(data, "环境", goal=1)["id"] == "i-" + hashlib.sha256(text.replace(", ", ",").encode()).hexdigest()[:16]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents(nasty=True))
def test_the_fast_ids_are_the_documented_ones(doc):
    from perflang.contract.ids import indicator_ids, indicator_paths, make_id

    for p in doc.model.projects:
        for g in p.goals:
            assert indicator_ids(p, g) == [make_id(path) for path in indicator_paths(p, g)]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents(nasty=True), st.integers(0, 10**6))
def test_a_projects_text_made_from_its_model_is_its_datas(doc, delta):
    """project_piece writes each goal's indicators straight from the model (_indicators_text), not
    through their data: the same text as the data's, at every depth, its lines moved by delta."""
    from perflang.backends.json import own_profile, project_data, project_piece
    from perflang.backends.jsontext import item_text

    profile = own_profile(doc.model)
    for p in doc.model.projects:
        data = project_data(p, doc.model.money_unit, profile)
        moved = project_data(p, doc.model.money_unit, profile, delta)
        assert moved["line"] == data["line"] + delta
        assert [i["line"] - delta for g in moved["goals"] for i in g["indicators"]] == [
            i["line"] for g in data["goals"] for i in g["indicators"]
        ]
        written = project_data(p, doc.model.money_unit, profile, delta, written=True)
        for depth in (0, 2, 5):
            assert item_text(written, depth) == item_text(moved, depth)
        assert item_text(moved, 2) == item_text(json.loads(json.dumps(moved)), 2)
    one = compile_text(DOC, "doc.perf").model
    text, _ = project_piece(one, delta, own_profile(one))
    assert json.loads(text)["goals"][0]["indicators"][0]["line"] == 10 + delta  # 项目成本, line 10 of DOC


def test_seed_ids_survive_fmt_and_value_and_comment_edits():
    from perflang.syntax.formatter import format_text

    seed = _seed_text()
    before = _ids(json.loads(render(compile_text(seed, "s.perf").model)))
    messy = re.sub(r":\s+", ": ", seed).replace("  ", "\t")  # alignment and indentation lost
    formatted, _ = format_text(messy)
    assert formatted != messy  # fmt does change the layout
    edited = (
        seed.replace("服务窗口工作人员数量:         =35人", "服务窗口工作人员数量: =30人 { 分值 12 }")
        .replace("  预算 571\n", "  预算 600\n  # 预算调增\n")
        .replace(
            "    成本 / 经济成本 {\n      项目成本", "    # 成本\n    成本指标 / 经济成本指标 {\n      项目成本", 1
        )
    )
    assert edited.count("=30人") == 1 and "成本指标 / 经济成本指标" in edited
    for text in (messy, formatted, edited):
        assert _ids(json.loads(render(compile_text(text, "s.perf").model))) == before
    renamed = seed.replace("服务窗口工作人员数量", "窗口工作人员数量")
    after = _ids(json.loads(render(compile_text(renamed, "s.perf").model)))
    assert len(set(before) - set(after)) == 2  # the renamed indicator, in the long-term and annual goal


def test_the_seed_has_pools_effective_weights_and_its_profile():
    data = json.loads(render(compile_text(_seed_text(), "s.perf").model))
    assert data["profile"]["name"] == "national" and data["profile"]["weights"]["产出"] == "50"
    p = data["projects"][0]
    long_term, annual = p["goals"]
    assert (long_term["scored"], annual["scored"]) == (False, True)
    assert all(i["effective_weight"] is None for i in long_term["indicators"])
    # 产出 50 among 5 (项目成本 under 成本 shares it), 效益 30 among 2, 满意度 10 alone
    got = [(i["name"], i["pool"], i["effective_weight"]) for i in annual["indicators"]]
    assert got == [
        ("项目成本", "产出", "10"),
        ("购买专业热线政务服务人员数量", "产出", "10"),
        ("服务窗口工作人员数量", "产出", "10"),
        ("服务评价满意度测评", "产出", "10"),
        ("项目按时完成率", "产出", "10"),
        ("优化政务服务环境", "效益", "15"),
        ("办事主体政务服务体验感增强", "效益", "15"),
        ("群众满意度", "满意度", "10"),
    ]
    assert p["scoring"]["pools"] == [
        {"pool": "产出", "points": "50", "indicators": 5},
        {"pool": "效益", "points": "30", "indicators": 2},
        {"pool": "满意度", "points": "10", "indicators": 1},
    ]
    assert (p["scoring"]["maximum"], p["scoring"]["maximum_with_execution"]) == ("90", "100")
    assert (p["scoring"]["money_unit"], p["scoring"]["money_factor"]) == ("万元", "10000")
    VALIDATOR.validate(data)


def test_effective_weights_follow_the_files_profile():
    # 湖北: 80 points as one block, split between the two annual goals first (40 each), then
    # equally inside a goal: 40/3 = 13.33, 13.33, 13.34; execution 20
    doc = (
        "评分方案 湖北\n项目 甲 {\n  预算 10\n  年度目标 1 {\n    产出 / 数量 {\n      a: ≥1个\n      b: ≥1个\n    }\n"
        "    满意度 / 满意度 {\n      c: ≥90%\n    }\n  }\n  年度目标 2 {\n    效益 / 社会效益 {\n      d: 达标\n    }\n  }\n}\n"
    )
    data = json.loads(render(compile_text(doc, "h.perf").model))
    assert data["profile"]["name"] == "hubei" and data["profile"]["allocation"]["per_goal"] is True
    weights = [i["effective_weight"] for g in data["projects"][0]["goals"] for i in g["indicators"]]
    assert weights == ["13.33", "13.33", "13.34", "40"]
    scoring = data["projects"][0]["scoring"]
    assert scoring["pools"] == [{"pool": None, "points": "80", "indicators": 4}]
    assert (scoring["maximum"], scoring["execution_weight"], scoring["maximum_with_execution"]) == ("80", "20", "100")
    VALIDATOR.validate(data)


def test_comparatorless_money_is_scored_as_at_most_only_under_cost(data):
    doc = (
        "项目 甲 {\n  预算 10\n  年度目标 1 {\n    成本 / 经济成本 {\n      a: 20万元\n      b: 1600元/亩\n    }\n"
        "    产出 / 数量 {\n      c: 20万元\n      d: 10辆\n      e: ≥3个\n    }\n  }\n}\n"
    )
    built = json.loads(render(compile_text(doc, "m.perf").model))
    got = {
        i["name"]: (i["comparator"], i["scoring_comparator"]) for i in built["projects"][0]["goals"][0]["indicators"]
    }
    assert got == {"a": (None, "<="), "b": (None, "<="), "c": (None, ">="), "d": (None, ">="), "e": (">=", ">=")}
    assert _ind(data, "环境")["scoring_comparator"] is None


def test_source_is_relative_to_the_project_root_wherever_perflang_runs(tmp_path):
    seed = EXAMPLES / "ezhou-data-bureau.perf"
    outs = []
    for cwd, arg in (
        (EXAMPLES.parent, "examples/ezhou-data-bureau.perf"),
        (tmp_path, str(seed)),
        (EXAMPLES, seed.name),
    ):
        out = subprocess.run(
            [sys.executable, "-m", "perflang", "build", arg, "--to", "json"], capture_output=True, check=True, cwd=cwd
        ).stdout
        outs.append(out)
        assert json.loads(out)["source"] == "examples/ezhou-data-bureau.perf"
    assert outs[0] == outs[1] == outs[2]
    # without a root marker above it: the file's name
    (tmp_path / "a").mkdir()
    lone = tmp_path / "a" / "x.perf"
    lone.write_text("项目 甲 {\n  预算 1\n}\n", encoding="utf-8")
    from perflang.backends.json import source_path

    assert source_path(str(lone)) in ("x.perf", "a/x.perf")  # a/x.perf when the tmp folder sits in a project
    (tmp_path / "a" / "perflang.toml").write_text("", encoding="utf-8")
    assert source_path(str(lone)) == "x.perf"


def test_the_old_contract_still_stands_in_the_new():
    """Every key of perflang/1 is kept with its meaning (docs/json.md, migration)."""
    old = json.loads(resources.files("perflang").joinpath("schema", "perflang-1.schema.json").read_text("utf-8"))
    for where in ("project", "goal", "indicator"):
        assert set(old["$defs"][where]["required"]) <= set(SCHEMA["$defs"][where]["required"])
    assert set(old["required"]) <= set(SCHEMA["required"])


def test_the_ids_docs_json_md_shows_are_the_seeds():
    text = (EXAMPLES.parent / "docs" / "json.md").read_text(encoding="utf-8")
    table = text.split("## Ids", 1)[1].split("The array is written", 1)[0]
    shown = re.findall(r"`([pgi]-[0-9a-f]{16})` from `(\[.*?\])`", table)
    assert len(shown) == 3
    data = json.loads(render(compile_text(_seed_text(), "s.perf").model))
    p = data["projects"][0]
    assert [i for i, _ in shown] == [p["id"], p["goals"][1]["id"], p["goals"][1]["indicators"][0]["id"]]
    from perflang.contract.ids import make_id

    assert [make_id(json.loads(path)) for _, path in shown] == [i for i, _ in shown]
