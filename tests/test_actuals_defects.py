"""Actuals handled as the issue asks (issue 23, item 6): an invalid 全年执行数 keeps its points in
the maximum and scores 0 (as an invalid indicator does); a grade that contradicts a numeric actual
is a warning naming both; a bad grade is reported as a grade.  (Scores as number cells in every
workbook: tests/test_selfeval_forms.py.)"""

from __future__ import annotations

import json

from click.testing import CliRunner

from perflang.cli import cli

HUBEI = """评分方案 湖北
项目 禁捕宣传 {
  预算 100
  年度目标 1 "宣传到位" {
    产出 / 数量 {
      宣传覆盖率: ≥90% { 分值 40 }
    }
    效益 / 社会效益 {
      群众知晓率: ≥80% { 分值 40 }
    }
  }
}
"""


def run(tmp_path, project: dict, *extra):
    perf = tmp_path / "t.perf"
    perf.write_text(HUBEI, encoding="utf-8")
    actuals = tmp_path / "a.json"
    data = {"format": "perflang-actuals/1", "projects": {"禁捕宣传": project}}
    actuals.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    done = CliRunner().invoke(cli, ["eval", str(perf), "--actuals", str(actuals), "--to", "json", *extra])
    return done, (json.loads(done.stdout)["projects"][0] if done.stdout.strip() else None)


MET = {"宣传覆盖率": "95%", "群众知晓率": "85%"}


def test_an_invalid_executed_amount_keeps_its_points_and_scores_zero(tmp_path):
    done, p = run(tmp_path, {"executed": "一百万", "indicators": MET})
    assert done.exit_code == 1 and "PF513" in done.stderr
    assert p["execution"] == {
        "budget": "100",
        "executed": None,
        "rate": None,
        "weight": "20.00",
        "score": "0.00",
        "status": "invalid",
    }
    # not 80 / 80 = 100 优: the 20 points of the funds line stay in the maximum
    assert (p["maximum"], p["total"], p["total_100"], p["grade"]) == ("100.00", "80.00", "80.00", "良")


def test_an_invalid_budget_given_keeps_the_points_too(tmp_path):
    done, p = run(tmp_path, {"executed": "90", "budget": "abc", "indicators": MET})
    assert done.exit_code == 1
    assert p["execution"]["status"] == "invalid" and p["maximum"] == "100.00"


def test_a_negative_amount_is_invalid_too_never_a_negative_score(tmp_path):
    """A negative 全年预算数 was PF513 and yet scored: 90 / -3 gave a rate of -30 and -600.00
    points (found comparing the Java and JavaScript evaluators with perflang); a negative
    全年执行数 was scored at a rate of 0.  Both are invalid amounts: status invalid, score 0."""
    for given in ({"executed": "90", "budget": "-3"}, {"executed": "-90"}, {"executed": "90", "budget": "0"}):
        done, p = run(tmp_path, {**given, "indicators": MET})
        assert done.exit_code == 1 and "PF513" in done.stderr, given
        assert (p["execution"]["status"], p["execution"]["score"], p["execution"]["rate"]) == ("invalid", "0.00", None)
        assert (p["maximum"], p["total"]) == ("100.00", "80.00"), given


def test_a_valid_executed_amount_is_scored_as_before(tmp_path):
    done, p = run(tmp_path, {"executed": "90", "indicators": MET})
    assert done.exit_code == 0
    assert "status" not in p["execution"] and p["execution"]["score"] == "18.00"


def test_a_grade_contradicting_a_numeric_actual_is_a_warning_naming_both(tmp_path):
    entries = {"宣传覆盖率": {"actual": "91%", "grade": "未达成"}, "群众知晓率": {"actual": "70%", "grade": "达成"}}
    done, p = run(tmp_path, {"executed": "100", "indicators": entries}, "--lang", "zh")
    assert done.exit_code == 0  # a warning: the grade is the unit's judgement and is scored
    warnings = [line for line in done.stderr.splitlines() if "PF525" in line]
    assert len(warnings) == 2
    assert "宣传覆盖率" in warnings[0] and "未达成" in warnings[0] and "91%" in warnings[0] and "≥90%" in warnings[0]
    assert "群众知晓率" in warnings[1] and "达成" in warnings[1] and "70%" in warnings[1]
    assert [r["score"] for r in p["indicators"]] == ["12.00", "40.00"]


def test_a_grade_agreeing_with_the_actual_says_nothing(tmp_path):
    entries = {"宣传覆盖率": {"actual": "85%", "grade": "部分达成"}, "群众知晓率": {"actual": "85%", "grade": "达成"}}
    done, _ = run(tmp_path, {"executed": "100", "indicators": entries})
    assert done.exit_code == 0 and "PF525" not in done.stderr


def test_a_bad_grade_is_reported_as_a_grade(tmp_path):
    entries = {"宣传覆盖率": {"actual": "2020年1月至11月按期宣传", "grade": "很好"}, "群众知晓率": "85%"}
    done, p = run(tmp_path, {"executed": "100", "indicators": entries}, "--lang", "zh")
    assert done.exit_code == 1
    line = next(line for line in done.stderr.splitlines() if "error[" in line)
    assert "PF526" in line and "完成程度“很好”" in line
    assert "实际完成值" not in line  # not as if the actual were wrong (it may be any text)
    assert p["indicators"][0]["status"] == "invalid"
