"""`perflang monitor` (issue 26): the progress file (JSON and CSV, docs/monitoring.md), its
problems positioned in the file (unknown indicator, N outside 1–12, an amount above the budget,
a likelihood word not in the list, 有可能 / 不可能 without a reason), never a traceback and never a
silent light; `--template`; the projection (the 自评 engine on 全年预计, the cap, ≥130%)."""

from __future__ import annotations

import json
import os
import re

import pytest
from click.testing import CliRunner
from conftest import ROOT

from perflang.api import compile_text
from perflang.cli import cli
from perflang.evaluation.monitoring import monitor_model
from perflang.evaluation.progress import load_progress
from perflang.scoring.spec import load_profile

PERF = """金额单位 万元
项目 甲 {
  预算 100
  年度目标 1 "x" {
    产出 / 数量 {
      培训人次: ≥1000人次
      讲座: =12场
    }
    产出 / 质量 {
      合格率: ≥95%
    }
    成本 / 经济成本 {
      成本: ≤100万元
    }
    效益 / 社会效益 {
      环境: 持续改善
    }
    满意度 / 满意度 {
      满意度: ≥90%
    }
  }
}
"""

GOOD = {
    "format": "perflang-progress/1",
    "month": 6,
    "projects": {
        "甲": {
            "executed": "45",
            "projected_executed": "98",
            "indicators": {
                "培训人次": {"value": "520", "projected": "1100", "likelihood": "确定能"},
                "讲座": {"value": "3", "projected": "12"},
                "合格率": {"value": "96%", "projected": "96%"},
                "成本": {"value": "45万元", "projected": "98万元"},
                "环境": {"value": "部分达成", "projected": "达成"},
                "满意度": {"value": "92%", "projected": "92%"},
            },
        }
    },
}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def files(tmp_path, progress, name="p.json", perf=PERF):
    f = tmp_path / "t.perf"
    f.write_text(perf, encoding="utf-8")
    p = tmp_path / name
    if isinstance(progress, (dict, list)):
        p.write_text(json.dumps(progress, ensure_ascii=False, indent=1), encoding="utf-8")
    elif isinstance(progress, bytes):
        p.write_bytes(progress)
    else:
        p.write_text(progress, encoding="utf-8")
    return f, p


def monitored(progress, profile=None):
    model = compile_text(PERF, "t.perf").model
    return monitor_model(model, progress, load_profile(profile))


def test_the_lights_of_a_good_progress():
    result, problems = monitored(GOOD)
    assert [p[0] for p in problems] == []
    (p,) = result["projects"]
    lights = {r["name"]: (r["light"], r["ratio"]) for r in p["indicators"]}
    # by hand: 520 / (1000 × 6/12) = 104% green; 3 / (12 × 0.5) = 50% red (= counts as 正向);
    # 96 / (95 × 0.5) = 202.11% blue; 成本 ≤100: within green; 部分达成 yellow; 92 / 45 = 204.44% blue
    assert lights == {
        "培训人次": ("green", "104.00"),
        "讲座": ("red", "50.00"),
        "合格率": ("blue", "202.11"),
        "成本": ("green", None),
        "环境": ("yellow", None),
        "满意度": ("blue", "204.44"),
    }
    assert p["light"] == "red"  # the worst
    # budget: 45 / 100 / (6/12) = 90% green, shown beside the project's light, not folded in
    assert (p["execution_rate"], p["time_progress"], p["budget_ratio"], p["budget_light"]) == (
        "45.00",
        "50.00",
        "90.00",
        "green",
    )
    # the projection: every target met by 全年预计, execution 98% -> 100 points less 0.2
    pr = p["projected"]
    assert pr["total_100"] == "99.80" and pr["cap"] is None and pr["capped_100"] == "99.80"


def test_the_percent_option():
    # a profile turning pro-rating off for percentages: 96 against ≥95% is green, 92 against ≥90% too
    import tomllib  # noqa: F401  (the profile is data here)

    from perflang.scoring.rules import profile_from_data

    profile = profile_from_data({"monitoring": {"prorate_percent": False}}, load_profile(None), "p")
    model = compile_text(PERF, "t.perf").model
    result, _ = monitor_model(model, GOOD, profile)
    lights = {r["name"]: r["light"] for r in result["projects"][0]["indicators"]}
    assert lights["合格率"] == "green" and lights["满意度"] == "green" and lights["讲座"] == "red"


def test_caps_and_deviation_in_the_projection():
    progress = json.loads(json.dumps(GOOD))
    body = progress["projects"]["甲"]
    body["projected_executed"] = "65"  # 65%: total at most 79
    body["indicators"]["培训人次"]["projected"] = "1400"  # 140% of ≥1000: a deviation
    result, problems = monitored(progress)
    pr = result["projects"][0]["projected"]
    assert pr["cap"] == "79" and pr["capped_100"] == "79.00" and pr["capped_grade"] == "中"
    assert [p[0] for p in problems] == ["PF540"]
    assert result["projects"][0]["explain"] == [{"name": "培训人次", "why": "deviation", "value": "1400"}]
    body["indicators"]["培训人次"]["reasons"] = {"其他": "上级追加培训任务"}
    _, problems = monitored(progress)
    assert problems == []  # explained: no warning, still flagged in the table


def test_the_cli_writes_every_format(tmp_path):
    f, p = files(tmp_path, GOOD)
    for fmt in ("text", "json", "html"):
        r = run("monitor", f, "--progress", p, "--to", fmt)
        assert r.exit_code == 0, r.output
    data = json.loads(run("monitor", f, "--progress", p, "--to", "json").stdout)
    assert data["format"] == "perflang-monitor/1" and data["light"] == "red"
    text = run("monitor", f, "--progress", p).stdout
    assert "项目预警：红" in text and "预警：绿" in text


# -- bad progress: positioned problems, never a traceback, never a silent light ---------------


def bad(tmp_path, progress, name="p.json"):
    f, p = files(tmp_path, progress, name)
    r = run("monitor", f, "--progress", p, "--to", "json")
    assert "Traceback" not in r.output
    return r, p


def problem_line(r, code: str) -> str:
    return next(line for line in r.stderr.splitlines() if f"[{code}]" in line)


def block(r, code: str) -> list[str]:
    """The lines of the first problem of this code: its message, source, notes and hint."""
    said = r.stderr.splitlines()
    at = said.index(problem_line(r, code))
    end = next((k for k in range(at + 1, len(said)) if not said[k].startswith(" ")), len(said))
    return said[at:end]


def with_change(change):
    progress = json.loads(json.dumps(GOOD))
    change(progress, progress["projects"]["甲"])
    return progress


def test_unknown_indicator_is_positioned(tmp_path):
    r, p = bad(tmp_path, with_change(lambda d, b: b["indicators"].update({"培训人数": "5"})))
    assert r.exit_code == 1
    line = problem_line(r, "PF504")
    wanted = p.read_text(encoding="utf-8").splitlines().index('    "培训人数": "5"') + 1
    assert line.startswith(f"{p}:{wanted}:") and "培训人次" in r.stderr  # the close name suggested


@pytest.mark.parametrize("month", [0, 13, "十三", "6.5", None, -1])
def test_a_month_outside_1_to_12(tmp_path, month):
    r, p = bad(tmp_path, with_change(lambda d, b: d.update({"month": month})))
    assert r.exit_code == 1
    assert problem_line(r, "PF532").startswith(f"{p}:3:")
    data = json.loads(r.stdout)
    assert all(row["light"] is None for row in data["projects"][0]["indicators"])  # no light on a wrong month
    # the values are still read, and their problems said
    r, _ = bad(
        tmp_path, with_change(lambda d, b: (d.update({"month": month}), b["indicators"].update({"讲座": "很多"})))
    )
    assert "[PF543]" in r.stderr
    assert data["projects"][0]["budget_light"] is None


def test_a_value_to_date_that_is_not_a_number_is_named_as_the_form_names_it(tmp_path):
    """PF543, not the 自评's PF507: the 监控表's column is the value to date, 1-N月完成值 (N the
    month), not the year's 实际完成值; a 全年预计 that is not a number is the engine's PF507 with
    the projection's note."""
    change = lambda d, b: b["indicators"].update({"讲座": {"value": "很多", "projected": "好多"}})  # noqa: E731
    r, p = bad(tmp_path, with_change(change))
    assert r.exit_code == 1
    line = p.read_text(encoding="utf-8").splitlines().index('    "讲座": {') + 1
    assert problem_line(r, "PF543") == f"{p}:{line}:1: error[PF543]: “讲座”的1-6月完成值“很多”不是数值"
    assert "实际完成值“很多”" not in r.stderr
    assert problem_line(r, "PF507").endswith("error[PF507]: “讲座”的实际完成值“好多”不是数值")
    f, _ = files(tmp_path, with_change(change))
    en = run("monitor", f, "--progress", p, "--lang", "en").stderr
    assert "error[PF543]: the value to date '很多' of '讲座' is not a number" in en
    # no month: N stands for it, as in PF538
    r, p = bad(tmp_path, with_change(lambda d, b: (change(d, b), d.update({"month": None}))))
    assert "error[PF543]: “讲座”的1-N月完成值“很多”不是数值" in r.stderr


# the other problems of the value to date (issue 26): the engine's code of the actual, said of
# 1-N月完成值 as the 监控表 names the column; the same text given as 全年预计 keeps the engine's
# code and its 实际完成值, with the projection's note.  The messages by hand from the catalog's
# templates; the lights by hand at month 6 (N/12 = 0.5).
UNITLESS = PERF.replace("讲座: =12场", "讲座: =12")
TO_DATE = [
    # (code, the engine's code, indicator, value, .perf, zh, en, light, R)
    (
        "PF544",
        "PF508",
        "培训人次",
        "520平方米",
        PERF,
        "1-6月完成值“520平方米”的单位“平方米”与指标单位“人次”不能换算",
        "the unit '平方米' of the value to date '520平方米' does not convert to the target's unit '人次'",
        None,  # an error: no light
        None,
    ),
    (
        "PF545",
        "PF509",
        "环境",
        "很好",
        PERF,
        "定性指标“环境”的1-6月完成值“很好”应为 达成、部分达成 或 未达成",
        "the value to date '很好' of qualitative '环境' must be 达成, 部分达成 or 未达成",
        None,
        None,
    ),
    (  # read as the year's target met: 12 ÷ (12 × 0.5) = 200% -> blue
        "PF546",
        "PF520",
        "讲座",
        "已完成",
        PERF,
        "“讲座”的1-6月完成值“已完成”不是数值，按已达到指标值 =12场 计",
        "the value to date '已完成' of '讲座' is not a number: taken as meeting the target =12场",
        "blue",
        "200.00",
    ),
    (  # ≥92% read as 92: 92 ÷ (90 × 0.5) = 204.44% -> blue
        "PF547",
        "PF521",
        "满意度",
        "≥92%",
        PERF,
        "“满意度”的1-6月完成值“≥92%”重复了指标值的写法，按 92% 计",
        "the value to date '≥92%' of '满意度' repeats the target's form: read as 92%",
        "blue",
        "204.44",
    ),
    (  # 50% against a unitless =12 read as 50: 50 ÷ (12 × 0.5) = 833.33% -> blue
        "PF548",
        "PF522",
        "讲座",
        "50%",
        UNITLESS,
        "“讲座”的指标值“=12”没有单位，1-6月完成值“50%”按 50 计",
        "the target '=12' of '讲座' has no unit: the value to date '50%' is read as 50",
        "blue",
        "833.33",
    ),
    (  # 0.96 against ≥95% read as 96%: 96 ÷ (95 × 0.5) = 202.11% -> blue
        "PF549",
        "PF523",
        "合格率",
        "0.96",
        PERF,
        "“合格率”的1-6月完成值“0.96”按小数读作 96%（指标值 ≥95%）",
        "the value to date '0.96' of '合格率' is read as a fraction: 96% (target ≥95%)",
        "blue",
        "202.11",
    ),
    (  # the target's own text taken as 达成 -> green
        "PF550",
        "PF524",
        "环境",
        "持续改善",
        PERF,
        "定性指标“环境”的1-6月完成值“持续改善”与指标值相同，按“达成”计",
        "the value to date '持续改善' of qualitative '环境' repeats its target: taken as 达成",
        "green",
        None,
    ),
]


@pytest.mark.parametrize("code, engine, name, value, perf, zh, en, light, ratio", TO_DATE, ids=[c[0] for c in TO_DATE])
def test_every_problem_of_the_value_to_date_is_named_as_the_form_names_it(
    tmp_path, code, engine, name, value, perf, zh, en, light, ratio
):
    progress = with_change(lambda d, b: b["indicators"].update({name: {"value": value, "projected": value}}))
    f, p = files(tmp_path, progress, perf=perf)
    r = run("monitor", f, "--progress", p, "--to", "json")
    assert "Traceback" not in r.output
    line = p.read_text(encoding="utf-8").splitlines().index(f'    "{name}": {{') + 1
    severity = "error" if code in ("PF544", "PF545") else "warning"
    assert problem_line(r, code) == f"{p}:{line}:1: {severity}[{code}]: {zh}"
    assert r.exit_code == (1 if severity == "error" else 0)
    row = next(row for row in json.loads(r.stdout)["projects"][0]["indicators"] if row["name"] == name)
    assert (row["light"], row["ratio"]) == (light, ratio)
    # the same text as 全年预计: the 自评 engine's problem, its 实际完成值, the projection's note
    said = r.stderr.splitlines()
    at = said.index(problem_line(r, engine))
    assert f"实际完成值“{value}”" in said[at] and "  = 注: 全年预计完成情况" in block(r, engine)
    assert [x for x in said if f"[{code}]" in x] == [problem_line(r, code)]
    assert not [x for x in block(r, engine) if "1-6月完成值" in x]
    assert not [x for x in block(r, code) if "实际完成值" in x]
    # in English; another month, or none, named as the form names it
    r = run("monitor", f, "--progress", p, "--lang", "en")
    assert f"{severity}[{code}]: {en}" in r.stderr
    for month, period in ((8, "1-8月"), (None, "1-N月")):
        _, p = files(tmp_path, {**progress, "month": month}, perf=perf)
        r = run("monitor", f, "--progress", p)
        assert problem_line(r, code).endswith(zh.replace("1-6月", period))


def test_the_hints_name_the_value_to_date_as_the_form_does(tmp_path):
    """PF538's and PF547's hints name the months too (the form's 1-N月完成值, not 实际完成值)."""
    r, _ = bad(tmp_path, with_change(lambda d, b: b["indicators"]["讲座"].update({"value": ""})))
    assert "  = 提示: 填上1-6月完成值（value）" in block(r, "PF538")
    r, _ = bad(tmp_path, with_change(lambda d, b: b["indicators"]["满意度"].update({"value": "≥92%"})))
    assert "  = 提示: 1-6月完成值只写达到的数值，例如 92%" in block(r, "PF547")
    assert "实际完成值" not in r.stderr


def test_executed_above_the_budget(tmp_path):
    r, p = bad(tmp_path, with_change(lambda d, b: b.update({"executed": "120"})))
    assert r.exit_code == 1
    line = problem_line(r, "PF535")
    assert line.startswith(f"{p}:6:") and "1-6月执行数120 超过了年度预算数 100" in line
    assert json.loads(r.stdout)["projects"][0]["budget_light"] is None
    # in another unit: 1200000元 is 120万元
    r, _ = bad(tmp_path, with_change(lambda d, b: b.update({"executed": "1200000元"})))
    assert "[PF535]" in r.stderr


def test_a_likelihood_not_in_the_list(tmp_path):
    r, p = bad(tmp_path, with_change(lambda d, b: b["indicators"]["讲座"].update({"likelihood": "大概能"})))
    assert r.exit_code == 1
    line = problem_line(r, "PF536")
    assert line.startswith(f"{p}:") and "确定能、有可能、完全不可能、不可能" in line
    assert f"{p}:1:" not in line


@pytest.mark.parametrize("word", ["有可能", "不可能", "完全不可能"])
def test_likelihood_without_reason(tmp_path, word):
    r, p = bad(tmp_path, with_change(lambda d, b: b["indicators"]["讲座"].update({"likelihood": word})))
    assert r.exit_code == 1
    line = problem_line(r, "PF537")
    assert "偏差原因分析、相关建议或举措" in line and not line.startswith(f"{p}:1:")
    # a reason alone is not enough (the form asks for both), and both given at the project's level is
    progress = with_change(lambda d, b: b["indicators"]["讲座"].update({"likelihood": word, "reasons": "师资不足"}))
    r, _ = bad(tmp_path, progress)
    assert "相关建议或举措" in problem_line(r, "PF537") and "偏差原因分析、" not in problem_line(r, "PF537")
    progress["projects"]["甲"]["measures"] = "下半年加开讲座"
    r, _ = bad(tmp_path, progress)
    assert r.exit_code == 0 and "PF537" not in r.stderr


def test_a_missing_value_has_no_light_and_says_so(tmp_path):
    r, p = bad(tmp_path, with_change(lambda d, b: b["indicators"]["讲座"].update({"value": ""})))
    assert r.exit_code == 0 and "[PF538]" in r.stderr
    rows = {row["name"]: row for row in json.loads(r.stdout)["projects"][0]["indicators"]}
    assert rows["讲座"]["light"] is None
    r, p = bad(tmp_path, with_change(lambda d, b: b["indicators"].pop("讲座")))
    assert "[PF538]" in r.stderr


@pytest.mark.parametrize(
    "progress, code",
    [
        (b"\x00\x01\x02binary", "PF002"),
        ("", "PF530"),
        ("[1, 2]", "PF531"),
        ('{"format": "perflang-progress/1", "month": NaN}', "PF530"),
        (
            '{"format": "perflang-progress/1", "month": 6, "projects": {"甲": {"executed": 1' + "0" * 2000 + "}}}",
            "PF530",
        ),
        ('{"format": "perflang-progress/1", "month": 6, "projects": {"甲": []}}', "PF531"),
        ('{"format": "x", "month": 6, "projects": {}}', "PF531"),
        ('{"format": "perflang-progress/1", "month": 6, "month": 7, "projects": {}}', "PF531"),
        ('{"format": "perflang-progress/1", "month": 6, "projects": {"甲": {"speed": 1}}}', "PF531"),
        ('{"month": 6', "PF530"),
    ],
)
def test_hostile_progress_files(tmp_path, progress, code):
    r, _ = bad(tmp_path, progress)
    assert r.exit_code == 1 and f"[{code}]" in r.stderr, r.output


@pytest.mark.parametrize(
    "progress, wanted",
    [
        (
            '{"format": "perflang-progress/1", "month": 6, "month": 7, "projects": {}}',
            "error[PF531]: the progress file is malformed: key 'month' repeats",
        ),
        ('{"month": 6', "error[PF530]: cannot read the progress file: JSON syntax error: Expecting ',' delimiter"),
        ("", "error[PF530]: cannot read the progress file: the file is empty"),
        (
            "项目名称,颜色\n甲,红\n",
            "error[PF531]: the progress file is malformed: the header has no 'indicator / 三级指标' column",
        ),
    ],
)
def test_the_progress_files_problems_in_english(tmp_path, progress, wanted):
    """--lang en: the reason (PF530) and what is malformed (PF531) in English, whether the
    actuals' reader, the CSV reader or the monitor found it (a repeated key or a JSON syntax
    error once raised KeyError here)."""
    f, p = files(tmp_path, progress, "p.csv" if "项目名称" in progress or not progress else "p.json")
    r = run("monitor", f, "--progress", p, "--lang", "en")
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert wanted in r.stderr, r.stderr


def test_amounts_and_notes_are_said_in_one_language(tmp_path):
    """The progress's amounts are named as the 监控表 names them (1-N月执行数, 全年预计执行数,
    年度预算数, N the month) in Chinese, in English words under --lang en; a problem of the
    projection carries the note 全年预计完成情况, a JSON item its path: each in one language."""
    progress = with_change(
        lambda d, b: (
            b.update({"executed": "一百", "projected_executed": "130", "budget": "x"}),
            b["indicators"].update({"讲座": {"value": "3", "projected": "好多"}}),
        )
    )
    f, p = files(tmp_path, progress)
    zh = run("monitor", f, "--progress", p).stderr
    en = run("monitor", f, "--progress", p, "--lang", "en").stderr
    assert "error[PF513]: 1-6月执行数“一百”不是有效的金额" in zh
    assert "error[PF513]: the amount executed in months 1-6 '一百' is not a valid amount" in en
    assert "error[PF513]: 年度预算数“x”不是有效的金额" in zh
    assert "error[PF513]: the annual budget 'x' is not a valid amount" in en
    projected = [line for line in zh.splitlines() if "“好多”" in line]
    assert len(projected) == 1
    assert zh.splitlines()[zh.splitlines().index(projected[0]) + 3] == "  = 注: 全年预计完成情况"
    assert "  = note: the projected value (scored as the year's end)" in en.splitlines()
    assert '  = 注: $.projects["甲"].executed' in zh.splitlines()
    assert '  = note: $.projects["甲"].executed' in en.splitlines()
    assert " / " not in zh + en  # no text in both languages


def test_a_fifo_is_refused_without_blocking(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "p.json"
    os.mkfifo(fifo)
    f = tmp_path / "t.perf"
    f.write_text(PERF, encoding="utf-8")
    r = run("monitor", f, "--progress", fifo)
    assert r.exit_code == 1 and "[PF530]" in r.stderr and "管道" in r.stderr


def test_no_progress_and_no_template_is_a_usage_error(tmp_path):
    f, _ = files(tmp_path, GOOD)
    r = run("monitor", f)
    assert r.exit_code == 2 and "--template" in r.output


# -- CSV -------------------------------------------------------------------------------------

CSV = """项目名称,三级指标,1-6月执行情况,全年预计完成情况,完成目标可能性,经费保障,其他,相关建议或举措,备注
,月份,6
甲,执行数,45,98
,培训人次,520,1100,确定能
,讲座,3,12
,合格率,96%,96%
,成本,45万元,98万元
,环境,部分达成,达成
,满意度,92%,92%
"""


def test_csv_and_json_give_the_same_table(tmp_path):
    f, p = files(tmp_path, CSV, "p.csv")
    from_csv = json.loads(run("monitor", f, "--progress", p, "--to", "json").stdout)
    f, p = files(tmp_path, GOOD)
    from_json = json.loads(run("monitor", f, "--progress", p, "--to", "json").stdout)
    assert from_csv == from_json


def test_csv_problems_point_at_their_row(tmp_path):
    text = CSV.replace(",讲座,3,12", ",讲座,3,12,也许能").replace("甲,执行数,45,98", "甲,执行数,145,98")
    r, p = bad(tmp_path, text, "p.csv")
    assert problem_line(r, "PF536").startswith(f"{p}:5:")
    assert problem_line(r, "PF535").startswith(f"{p}:3:")
    r, p = bad(tmp_path, CSV.replace(",月份,6", ",月份,13"), "p.csv")
    assert problem_line(r, "PF532").startswith(f"{p}:2:")
    r, p = bad(tmp_path, CSV.replace(",讲座,3,12", ",讲坐,3,12"), "p.csv")
    assert problem_line(r, "PF504").startswith(f"{p}:5:")
    r, p = bad(tmp_path, CSV.replace(",讲座,3,12", ",讲座,3,12,有可能,,缺师资"), "p.csv")
    assert problem_line(r, "PF537").startswith(f"{p}:5:") and "相关建议或举措" in problem_line(r, "PF537")
    r, p = bad(tmp_path, CSV.replace("备注", "颜色"), "p.csv")
    assert problem_line(r, "PF531").startswith(f"{p}:1:") and "颜色" in r.stderr
    r, p = bad(tmp_path, CSV + ",讲座,4,12\n", "p.csv")
    assert problem_line(r, "PF514").startswith(f"{p}:10:")


# -- the template ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["t.json", "t.csv"])
def test_the_template_lists_every_indicator_and_reads_back(tmp_path, name):
    f, _ = files(tmp_path, GOOD)
    out = tmp_path / name
    r = run("monitor", f, "--template", "--month", "7", "-o", out)
    assert r.exit_code == 0, r.output
    progress = load_progress(out)
    assert progress.diagnostics == ()
    names = list(progress.data["projects"]["甲"]["indicators"])
    assert names == ["培训人次", "讲座", "合格率", "成本", "环境", "满意度"]
    # as written, unfilled: every light missing and said so, nothing invented
    r = run("monitor", f, "--progress", out, "--to", "json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["month"] == 7 and data["light"] is None
    assert r.stderr.count("[PF538]") == 6 and "[PF539]" in r.stderr


def test_the_template_without_month_asks_for_it(tmp_path):
    f, _ = files(tmp_path, GOOD)
    out = tmp_path / "t.json"
    run("monitor", f, "--template", "-o", out)
    r = run("monitor", f, "--progress", out)
    assert r.exit_code == 1 and "[PF532]" in r.stderr


# -- the published 黄石 2019 监控表, and the printed table in every format -----------------------

FIXTURES = ROOT / "tests" / "fixtures"
HUANGSHI = FIXTURES / "monitoring" / "01_huangshi_heritage.perf"
HUANGSHI_PROGRESS = FIXTURES / "monitoring" / "01_huangshi_heritage.progress.json"


def huangshi(fmt: str, tmp_path=None):
    args = ["monitor", HUANGSHI, "--progress", HUANGSHI_PROGRESS, "--to", fmt]
    if tmp_path is not None:
        out = tmp_path / f"h.{fmt}"
        r = run(*args, "-o", out)
        assert r.exit_code == 0, r.output
        return out
    r = run(*args)
    assert r.exit_code == 0, r.output
    return r


def test_the_published_huangshi_table_gets_the_lights_worked_by_hand():
    """黄石市项目支出绩效监控表 (申遗), 2019, 1-6月 (tests/fixtures/monitoring/01): worked by hand from
    the system's rules —
    - budget: R = (87.57 / 220) ÷ (6/12) × 100 = 79.609… -> 黄 (60 ≤ R < 80): the 执行率 39.80 %
      the form prints as “已使用约40%”, against a time progress of 50 %;
    - 成本 ≤220万元, 87.57万元 spent: a 反向 target within its limit -> 绿 (never pro-rated);
    - 社会效益: the form gives no value to date (its paragraph is the target) -> no light, said (PF538);
    - the project: the worst of its lights, 绿 alone -> 绿; the budget's 黄 beside it, not folded in;
    - no 全年预计 on the form: no projection."""
    r = huangshi("json")
    data = json.loads(r.stdout)
    (p,) = data["projects"]
    assert (p["budget"], p["executed"], p["execution_rate"], p["time_progress"]) == ("220", "87.57", "39.80", "50.00")
    assert (p["budget_ratio"], p["budget_light"]) == ("79.61", "yellow")
    rows = {row["name"]: row for row in p["indicators"]}
    assert (rows["成本"]["direction"], rows["成本"]["light"], rows["成本"]["ratio"]) == ("negative", "green", None)
    assert rows["社会效益"]["light"] is None and rows["社会效益"]["likelihood"] == "确定能"
    assert p["light"] == "green" and data["light"] == "green"
    assert p["projected"] is None and p["explain"] == []
    assert "[PF538]" in r.stderr and "1-6月" in r.stderr


def test_the_printed_huangshi_table(tmp_path):
    html = huangshi("html").stdout
    cells = re.findall(r'<td class="light (\w+)"[^>]*>([^<]*)</td>', html)
    assert cells == [("yellow", "黄\n79.61"), ("green", "绿"), ("green", "绿")]  # budget, project, 成本
    for label in ("项目名称", "申遗经费", "黄石市文化和旅游局", "1-6月", "87.57", "39.80%", "50.00%", "确定能"):
        assert label in html
    assert "2019年度项目支出绩效运行监控表" in html and "评分方案" not in html.split("<h1>")[1].split("</h1>")[0]


def test_the_same_progress_gives_the_same_bytes(tmp_path):
    for fmt in ("html", "xlsx", "docx", "json", "text"):
        (tmp_path / "a").mkdir(exist_ok=True)
        (tmp_path / "b").mkdir(exist_ok=True)
        assert huangshi(fmt, tmp_path / "a").read_bytes() == huangshi(fmt, tmp_path / "b").read_bytes()


def test_the_workbook_and_the_document_colour_each_light_and_say_it(tmp_path):
    from openpyxl import load_workbook

    f, p = files(tmp_path, GOOD)
    out = tmp_path / "m.xlsx"
    assert run("monitor", f, "--progress", p, "--to", "xlsx", "-o", out).exit_code == 0
    ws = load_workbook(out).active
    lit = {
        (c.value.split("\n")[0], c.fill.fgColor.rgb[-6:])
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.fill.fill_type == "solid"
    }
    from perflang.backends.monitorsheet import FILLS

    assert lit == {("红", FILLS["red"]), ("绿", FILLS["green"]), ("黄", FILLS["yellow"]), ("蓝", FILLS["blue"])}
    out = tmp_path / "m.docx"
    assert run("monitor", f, "--progress", p, "--to", "docx", "-o", out).exit_code == 0
    from docx import Document

    shaded = set()
    for table in Document(out).tables:
        for cell in table._cells:
            shd = cell._tc.tcPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd")
            if shd is not None:
                fill = shd.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill")
                shaded.add((cell.text.split("\n")[0], fill))
    assert shaded == {("红", FILLS["red"]), ("绿", FILLS["green"]), ("黄", FILLS["yellow"]), ("蓝", FILLS["blue"])}


def test_the_fills_are_four_greys():
    """Printed in black and white, the four fills are four distinct greys (and the word is there)."""
    from perflang.backends.monitorsheet import FILLS

    def grey(rgb: str) -> float:
        r, g, b = (int(rgb[k : k + 2], 16) / 255 for k in (0, 2, 4))
        return 0.299 * r + 0.587 * g + 0.114 * b

    greys = sorted(grey(c) for c in FILLS.values())
    assert all(b - a > 0.04 for a, b in zip(greys, greys[1:])) and greys[0] > 0.5  # black text stays readable


def test_the_pdf_is_a4_one_page_lights_readable(tmp_path):
    import pdftools

    pdftools.require("chromium")
    pdf = huangshi("pdf", tmp_path)
    assert pdftools.info(pdf)["Pages"].strip() == "1"
    assert pdftools.page_size(pdf) == pytest.approx(pdftools.A4_PT, abs=1)
    text = pdftools.squeeze(pdftools.pages(pdf)[0])
    for word in ("黄79.61", "申遗经费", "确定能", "注："):
        assert pdftools.squeeze(word) in text
    (boxes,) = pdftools.word_boxes(pdf)
    width = pdftools.A4_PT[0]
    assert all(0 < x0 and x1 < width for x0, _, x1, _ in boxes)  # nothing clipped at the sides


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_libreoffice_prints_the_table_on_a4(tmp_path, fmt):
    import pdftools
    import test_office_print as printing

    f, p = files(tmp_path, GOOD)
    out = tmp_path / f"m.{fmt}"
    assert run("monitor", f, "--progress", p, "--to", fmt, "-o", out).exit_code == 0
    pdf = printing.convert(out.read_bytes(), fmt, tmp_path)
    assert pdftools.page_size(pdf) == pytest.approx(pdftools.A4_PT, abs=1)
    text = pdftools.squeeze("".join(pdftools.pages(pdf)))
    for word in ("项目支出绩效运行监控表", "红", "黄", "绿", "蓝", "202.11%", "年终预计"):
        assert pdftools.squeeze(word) in text
    for boxes in pdftools.word_boxes(pdf):  # nothing clipped at the sides of any page
        assert all(0 < x0 and x1 < pdftools.A4_PT[0] for x0, _, x1, _ in boxes)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_short_table_prints_on_one_page_with_its_note(tmp_path, fmt):
    """The guide's 法律顾问 监控表 fits its page: LibreOffice prints it on one, the 注 under the
    table (at 10.5 pt the docx's 注 went alone onto a second page; it is 9 pt, as in the HTML)."""
    import pdftools
    import test_office_print as printing

    samples = ROOT / "docs" / "zh" / "examples"
    out = tmp_path / f"m.{fmt}"
    done = run(
        "monitor", samples / "法律顾问.perf", "--progress", samples / "法律顾问-监控数据.csv", "--to", fmt, "-o", out
    )
    assert done.exit_code == 0, done.output
    pdf = printing.convert(out.read_bytes(), fmt, tmp_path)
    pages = pdftools.pages(pdf)
    assert len(pages) == 1
    assert "注：" in pages[0] and pdftools.squeeze("项目支出绩效运行监控表") in pdftools.squeeze(pages[0])


def _schema(name):
    from importlib import resources

    return json.loads(resources.files("perflang").joinpath("schema", name).read_text("utf-8"))


def test_progress_and_results_follow_their_schemas(tmp_path):
    import jsonschema

    progress_schema = _schema("perflang-progress-1.schema.json")
    monitor_schema = _schema("perflang-monitor-1.schema.json")
    f, p = files(tmp_path, GOOD)
    template = tmp_path / "t.json"
    run("monitor", f, "--template", "-o", template)
    for data in (
        GOOD,
        json.loads(template.read_text(encoding="utf-8")),
        json.loads(HUANGSHI_PROGRESS.read_text("utf-8")),
    ):
        jsonschema.validate(data, progress_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**GOOD, "month": 13}, progress_schema)
    for progress in (
        GOOD,
        with_change(lambda d, b: b.update({"executed": "120"})),
        with_change(lambda d, b: d.update({"month": 0})),
    ):
        result, _ = monitored(progress)
        jsonschema.validate(json.loads(json.dumps(result)), monitor_schema)
    jsonschema.validate(json.loads(huangshi("json").stdout), monitor_schema)


def test_a_table_a_little_too_tall_is_scaled_onto_its_page(tmp_path):
    """鄂州's 政务服务工作 has a goal of five lines: its 监控表 is a little taller than A4 and is
    printed on one page, scaled (not with its 注 alone on a second page), in every format; a short
    one is not scaled."""
    import pdftools
    from conftest import SEED_EXAMPLE

    progress = {
        "format": "perflang-progress/1",
        "month": 6,
        "projects": {
            "政务服务工作": {
                "executed": "250",
                "projected_executed": "420",
                "indicators": {
                    "项目成本": {"value": "250万元", "projected": "420万元", "likelihood": "确定能"},
                    "购买专业热线政务服务人员数量": {"value": "33人", "projected": "33", "likelihood": "确定能"},
                    "服务窗口工作人员数量": {
                        "value": "30",
                        "projected": "33",
                        "likelihood": "有可能",
                        "reasons": {"人员保障": "2 名窗口人员调离"},
                        "measures": "9 月前补招",
                    },
                    "服务评价满意度测评": {"value": "96%", "projected": "96%"},
                    "项目按时完成率": {"value": "25%", "projected": "100%"},
                    "优化政务服务环境": {"value": "部分达成", "projected": "达成"},
                    "办事主体政务服务体验感增强": {"value": "达成", "projected": "达成"},
                    "群众满意度": {"value": "70%", "projected": "96%", "note": "上半年测评一次"},
                },
                "reasons": {"经费保障": "上半年部分合同尚未结算"},
                "measures": "按月调度支出进度",
            }
        },
    }
    p = tmp_path / "p.json"
    p.write_text(json.dumps(progress, ensure_ascii=False), encoding="utf-8")
    html = run("monitor", SEED_EXAMPLE, "--progress", p, "--to", "html").stdout
    zoom = re.search(r"zoom: ([\d.]+)", html)
    assert zoom and 0.85 <= float(zoom.group(1)) < 1
    assert "zoom" not in huangshi("html").stdout
    pdftools.require("chromium")
    out = tmp_path / "m.pdf"
    assert run("monitor", SEED_EXAMPLE, "--progress", p, "--to", "pdf", "-o", out).exit_code in (0, 1)
    assert pdftools.info(out)["Pages"].strip() == "1"
    assert "注：" in pdftools.pages(out)[0]
    # the office files as LibreOffice prints them: xlsx scaled onto its page ("fit to one page"),
    # docx with its text scaled (Word cannot scale a page; before, its last row and the 注 went
    # onto a second page, and the xlsx needed 1.24 pages, more than 1/0.85)
    import test_office_print as printing

    for fmt in ("xlsx", "docx"):
        out = tmp_path / f"m.{fmt}"
        assert run("monitor", SEED_EXAMPLE, "--progress", p, "--to", fmt, "-o", out).exit_code in (0, 1)
        pages = pdftools.pages(printing.convert(out.read_bytes(), fmt, tmp_path))
        assert len(pages) == 1, (fmt, len(pages))
        assert "注：" in pages[0] and pdftools.squeeze("是否需要整改") in pdftools.squeeze(pages[0]), fmt


def test_a_regions_own_thresholds_and_words(tmp_path):
    """A profile file with its own [monitoring]: stricter thresholds change the lights (讲座 3 of
    12 at month 6, R = 50: 红 nationally, 黄 with red = 40), 湖北's likelihood words refuse 完全不可能."""
    profile = tmp_path / "p.toml"
    profile.write_text(
        'name = "mine"\n[monitoring]\npositive = { red = 40, yellow = 80, blue = 150 }\n', encoding="utf-8"
    )
    f, p = files(tmp_path, GOOD)
    rows = {
        r["name"]: r["light"]
        for r in json.loads(run("monitor", f, "--progress", p, "--to", "json", "--profile", profile).stdout)[
            "projects"
        ][0]["indicators"]
    }
    assert rows["讲座"] == "yellow" and rows["合格率"] == "blue" and rows["培训人次"] == "green"
    bad_profile = tmp_path / "bad.toml"
    bad_profile.write_text("[monitoring]\npositive = { red = 90 }\n", encoding="utf-8")
    r = run("monitor", f, "--progress", p, "--profile", bad_profile)
    assert r.exit_code == 1 and "[PF512]" in r.stderr and f"{bad_profile}:2:" in r.stderr
    r, _ = bad(tmp_path, with_change(lambda d, b: b["indicators"]["讲座"].update({"likelihood": "完全不可能"})))
    assert "[PF537]" in r.stderr  # nationally a word of the list, needing a reason
    f2, p2 = files(tmp_path, with_change(lambda d, b: b["indicators"]["讲座"].update({"likelihood": "完全不可能"})))
    r = run("monitor", f2, "--progress", p2, "--profile", "湖北")
    assert "[PF536]" in r.stderr and "确定能、有可能、不可能" in r.stderr
