"""Reading actuals: JSON and CSV (English and Chinese headers), and where problems point."""

from __future__ import annotations

import json

import pytest

from perflang.api import compile_text
from perflang.evaluation.actuals import json_path, load_actuals
from perflang.evaluation.run import evaluate_model, to_diagnostics
from perflang.scoring.spec import load_profile

DOC = """项目 热线 {
  预算 571
  年度目标 1 "目标" {
    成本 / 经济成本 {
      项目成本: ≤571万元
    }
    产出 / 数量 {
      坐席人数: =33人
    }
    效益 / 社会效益 {
      服务环境: 确保优化
    }
  }
}
"""


@pytest.fixture(scope="module")
def model():
    result = compile_text(DOC, "doc.perf")
    assert result.ok
    return result.model


def _eval(model, path):
    actuals = load_actuals(path)
    assert actuals.data is not None, actuals.diagnostics
    result, problems = evaluate_model(model, actuals.data, load_profile(None))
    return actuals, result, to_diagnostics(problems, actuals)


def test_english_csv(tmp_path, model):
    p = tmp_path / "a.csv"
    p.write_text(
        "project,indicator,actual,score,note\n"
        "热线,全年执行数,560万元,,\n"
        "热线,项目成本,5600000元,,\n"
        ',坐席人数,30,,"2 人离职"\n'
        "热线,服务环境,部分达成,20,线下排队仍长\n",
        encoding="utf-8",
    )
    actuals, result, diags = _eval(model, p)
    assert actuals.data["projects"]["热线"] == {
        "indicators": {
            "项目成本": "5600000元",
            "坐席人数": {"actual": "30", "note": "2 人离职"},
            "服务环境": {"actual": "部分达成", "score": "20", "note": "线下排队仍长"},
        },
        "executed": "560万元",
    }
    rows = result["projects"][0]["indicators"]
    # pools: 产出 50 shared by 项目成本 and 坐席人数 (25 each), 效益 30
    assert [r["score"] for r in rows] == ["25.00", "22.73", "20.00"]  # 25 × 30/33 = 22.727…
    assert rows[2]["status"] == "manual" and rows[1]["note"] == "2 人离职"
    assert result["projects"][0]["execution"]["rate"] == "0.9807"
    assert diags == []


def test_chinese_csv_with_bom_and_columns_in_another_order(tmp_path, model):
    p = tmp_path / "a.csv"
    p.write_text(
        "\ufeff三级指标,项目名称,实际完成值,得分,偏差原因\n"
        "全年预算数,热线,600,,\n"
        "全年执行数,热线,600,,\n"
        "坐席人数,热线,33人,,\n",
        encoding="utf-8",
    )
    actuals, result, diags = _eval(model, p)
    proj = result["projects"][0]
    assert proj["execution"] == {
        "budget": "600",
        "executed": "600",
        "rate": "1.0000",
        "weight": "10.00",
        "score": "10.00",
    }
    # the two indicators left out are missing: a warning each, pointing at the project's line
    assert [(d.code, d.span.line) for d in diags] == [("PF506", 2), ("PF506", 2)]


def test_csv_problems_point_at_their_line(tmp_path, model):
    p = tmp_path / "a.csv"
    p.write_text(
        "project,indicator,actual\n"
        "热线,项目成本,5600000元\n"
        "热线,坐席人数,三十三\n"
        "热线,服务环境,好\n"
        "热线,不存在的指标,1\n"
        "热线,项目成本,1\n",
        encoding="utf-8",
    )
    actuals, result, diags = _eval(model, p)
    found = sorted((d.span.line, d.code) for d in actuals.diagnostics + tuple(diags))
    assert found == [(3, "PF507"), (4, "PF509"), (5, "PF504"), (6, "PF514")]
    assert [r["status"] for r in result["projects"][0]["indicators"]] == ["scored", "invalid", "invalid"]


def test_csv_without_required_column(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("项目名称,实际完成值\n热线,1\n", encoding="utf-8")
    actuals = load_actuals(p)
    assert actuals.data is None
    assert [(d.code, d.args["missing"]) for d in actuals.diagnostics] == [("PF515", "indicator / 三级指标")]


def test_json_problems_carry_the_json_path_and_line(tmp_path, model):
    p = tmp_path / "a.json"
    p.write_text(
        json.dumps(
            {
                "format": "perflang-actuals/1",
                "projects": {
                    "热线": {
                        "executed": "很多",
                        "indicators": {"项目成本": "5600000平方米", "坐席人数": {"actual": "33", "scor": "1"}},
                    }
                },
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    actuals, result, diags = _eval(model, p)
    by_code = {d.code: d for d in diags}
    assert set(by_code) == {"PF502", "PF506", "PF508", "PF513"}
    assert by_code["PF508"].notes[0].message.endswith('$.projects["热线"].indicators["项目成本"]')
    assert by_code["PF508"].span.line == 7  # the line of "项目成本": …
    assert by_code["PF508"].message() == "实际完成值“5600000平方米”的单位“平方米”与指标单位“万元”不能换算"
    assert by_code["PF513"].message() == "全年执行数“很多”不是有效的金额"
    assert "scor" in by_code["PF502"].message()


def test_json_syntax_error_and_duplicate_keys(tmp_path):
    p = tmp_path / "a.json"
    p.write_text('{"format": "perflang-actuals/1",\n "projects": {,}}', encoding="utf-8")
    bad = load_actuals(p)
    assert bad.data is None and bad.diagnostics[0].code == "PF501"
    assert bad.diagnostics[0].span.line == 2
    p.write_text('{"format": "perflang-actuals/1", "projects": {"a": {}, "a": {}}}', encoding="utf-8")
    dup = load_actuals(p)
    assert [d.code for d in dup.diagnostics] == ["PF502"] and "“a”重复" in dup.diagnostics[0].message()


def test_gbk_file_is_reported_not_misread(tmp_path):
    p = tmp_path / "a.csv"
    p.write_bytes("项目名称,三级指标,实际完成值\n热线,坐席人数,33人\n".encode("gb18030"))
    actuals = load_actuals(p)
    assert actuals.data is None and actuals.diagnostics[0].code == "PF001"


def test_json_paths():
    assert json_path(("actuals",)) == "$"
    assert json_path(("indicator", 'a"b', "c")) == '$.projects["a\\"b"].indicators["c"]'
    assert json_path(("execution", "p", "budget")) == '$.projects["p"].budget'


def test_json_that_is_not_an_object(tmp_path, model):
    p = tmp_path / "a.json"
    p.write_text('["热线", "560"]', encoding="utf-8")
    actuals, result, diags = _eval(model, p)
    assert [d.code for d in diags][:1] == ["PF502"] and "顶层应为对象" in diags[0].message()
    assert [r["status"] for r in result["projects"][0]["indicators"]] == ["missing"] * 3


def test_an_empty_actual_is_missing_and_points_at_its_row(tmp_path, model):
    p = tmp_path / "a.csv"
    p.write_text(
        "project,indicator,actual,score,note\n热线,项目成本,560万元,,\n"
        "热线,坐席人数,,,尚未统计\n热线,服务环境,达成,,\n",
        encoding="utf-8",
    )
    actuals, result, diags = _eval(model, p)
    assert [(d.code, d.span.line) for d in diags] == [("PF506", 3)]
    row = result["projects"][0]["indicators"][1]
    assert (row["status"], row["score"], row["note"], row["actual"]) == ("missing", "0.00", "尚未统计", None)


def test_problems_read_in_english_too(tmp_path, model):
    import re

    p = tmp_path / "a.json"
    p.write_text(
        '{"format": "v0", "projects": {"热线": {"excuted": "1", "indicators": '
        '{"坐席人数": {"actual": "x", "scor": 1}}}}}',
        encoding="utf-8",
    )
    _, _, diags = _eval(model, p)
    english = [d.message("en") + (d.hint("en") or "") for d in diags]
    assert len(english) == 6  # format, excuted, scor, not a number, two missing
    for text in english:
        # names from the user's files and domain terms (560万元) may be Chinese, sentences not
        assert not re.search("[，。；：（）“”]|应为|未知|无法|重复", text), text


SHORT_FORMS = """项目 热线 {
  预算 100
  年度目标 1 "目标" {
    产出 / 数量 {
      坐席人数: =33人
    }
    产出指标 / 质量指标 {
      接通率: ≥95%
    }
    output / timeliness {
      办结及时率: ≥90%
    }
    满意度 / 满意度 {
      群众满意度: ≥95%
    }
  }
}
"""


@pytest.mark.parametrize(
    "key",
    [
        "群众满意度",
        "满意度/满意度/群众满意度",
        "满意度指标/满意度指标/群众满意度",
        "满意度/满意度指标/群众满意度",
        "年度目标1/满意度/满意度/群众满意度",  # the path docs/scoring.md shows (PF504 on main)
        "年度目标1/满意度指标/满意度指标/群众满意度",
        "年度目标1/满意度指标/满意度/群众满意度",
    ],
)
def test_a_path_may_name_the_levels_in_any_form_the_perf_accepts(tmp_path, key):
    """一级 and 二级 short (满意度) or full (满意度指标), with or without the goal label: the
    forms a .perf accepts for them."""
    model = compile_text(SHORT_FORMS, "doc.perf").model
    keys = {
        "坐席人数": "产出/数量/坐席人数",
        "接通率": "年度目标1/产出/质量/接通率",  # written 产出指标 / 质量指标 in the .perf
        "办结及时率": "年度目标1/产出/时效/办结及时率",  # written output / timeliness
        "群众满意度": key,
    }
    values = {"坐席人数": "33人", "接通率": "96%", "办结及时率": "95%", "群众满意度": "96%"}
    data = {
        "format": "perflang-actuals/1",
        "projects": {"热线": {"indicators": {keys[k]: v for k, v in values.items()}}},
    }
    p = tmp_path / "a.json"
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    actuals, result, diags = _eval(model, p)
    assert [d.code for d in diags if d.code != "PF513"] == [], [d.message() for d in diags]
