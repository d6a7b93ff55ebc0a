"""Frameworks per profile (issue 23): a region's forms place some 二级 under another 一级 than
the national framework — 湖北's 2020 自评表 print 满意度指标 under 效益指标 (tests/fixtures/real/65,
66), 四川's 2023 form 经济成本指标 under 产出指标 (real/27).  A profile's [framework] says so; the
check (no PF203), the print (the 一级 as written) and the scoring (the 一级's pool; a cost is a
cost) follow it, whether the profile is named in the file (评分方案) or on the command line."""

from __future__ import annotations

import json

from click.testing import CliRunner

from perflang.api import compile_text
from perflang.cli import cli

HUBEI = """评分方案 {profile}
年度 2020
项目 水土保持监测 {{
  预算 10
  年度目标 1 "监测" {{
    产出 / 质量 {{
      监测数据必须合格: 100%
    }}
    效益 / 满意度 {{
      整编资料审核: ≥98%
    }}
  }}
}}
"""

SICHUAN = """评分方案 四川
年度 2023
项目 安可替代 {
  预算 40
  年度目标 1 "购买安可设备" {
    产出 / 经济成本 {
      成本控制数: 30万元 { 分值 90 }
    }
  }
}
"""


def codes(text: str) -> list[str]:
    return [d.code for d in compile_text(text, "t.perf").diagnostics]


def test_hubei_places_satisfaction_under_benefit():
    assert "PF203" in codes(HUBEI.format(profile="全国"))  # the national framework refuses it
    found = codes(HUBEI.format(profile="湖北"))
    assert "PF203" not in found
    assert "PF407" not in found  # 满意度 is covered, under 效益


def test_sichuan_places_economic_cost_under_output_and_scores_it_as_a_cost(tmp_path):
    assert "PF203" in codes(SICHUAN.replace("评分方案 四川", "评分方案 全国"))
    assert "PF203" not in codes(SICHUAN)
    perf = tmp_path / "sc.perf"
    perf.write_text(SICHUAN, encoding="utf-8")
    actuals = tmp_path / "a.json"
    actuals.write_text(
        json.dumps(
            {"format": "perflang-actuals/1", "projects": {"安可替代": {"indicators": {"成本控制数": "28万元"}}}},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    done = CliRunner().invoke(cli, ["eval", str(perf), "--actuals", str(actuals), "--to", "json"])
    assert done.exit_code == 0, done.output
    row = json.loads(done.stdout)["projects"][0]["indicators"][0]
    # a cost without comparator is a ceiling: 28 against 30万元 is met (as ≥ it would be 84.00)
    assert (row["level1"], row["level2"], row["score"], row["met"]) == ("产出指标", "经济成本指标", "90.00", True)


def test_a_profile_on_the_command_line_places_them_too(tmp_path):
    perf = tmp_path / "hb.perf"
    perf.write_text(HUBEI.format(profile="全国"), encoding="utf-8")
    actuals = tmp_path / "a.json"
    actuals.write_text(
        json.dumps(
            {
                "format": "perflang-actuals/1",
                "projects": {"水土保持监测": {"indicators": {"监测数据必须合格": "100%", "整编资料审核": "98%"}}},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    refused = CliRunner().invoke(cli, ["eval", str(perf), "--actuals", str(actuals)])
    assert refused.exit_code == 1 and "PF203" in refused.stderr
    done = CliRunner().invoke(cli, ["eval", str(perf), "--actuals", str(actuals), "--profile", "湖北", "--to", "json"])
    assert done.exit_code == 0, done.output
    rows = json.loads(done.stdout)["projects"][0]["indicators"]
    assert [(r["level1"], r["level2"]) for r in rows] == [("产出指标", "质量指标"), ("效益指标", "满意度指标")]


def test_scoring_puts_a_placed_indicator_in_its_level1s_pool(tmp_path):
    """Under pools (a profile of one's own on the national weights): 满意度 under 效益 shares the
    效益 pool (30) with the 效益 row, and there is no 满意度 pool."""
    profile = tmp_path / "p.toml"
    profile.write_text('name = "mine"\n[framework]\n"效益" = ["满意度"]\n', encoding="utf-8")
    text = HUBEI.format(profile=str(profile)).replace(
        "    效益 / 满意度 {", "    效益 / 社会效益 {\n      监测成果应用: 显著\n    }\n    效益 / 满意度 {"
    )
    perf = tmp_path / "p.perf"
    perf.write_text(text, encoding="utf-8")
    assert "PF203" not in codes(text)
    actuals = tmp_path / "a.json"
    actuals.write_text(
        json.dumps(
            {
                "format": "perflang-actuals/1",
                "projects": {
                    "水土保持监测": {
                        "executed": "10",
                        "indicators": {"监测数据必须合格": "100%", "监测成果应用": "达成", "整编资料审核": "98%"},
                    }
                },
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    done = CliRunner().invoke(cli, ["eval", str(perf), "--actuals", str(actuals), "--to", "json"])
    assert done.exit_code == 0, done.output
    project = json.loads(done.stdout)["projects"][0]
    assert [r["weight"] for r in project["indicators"]] == ["50.00", "15.00", "15.00"]
    assert project["maximum"] == "90.00"  # 产出 50 + 效益 30 + 预算执行率 10: no 满意度 pool
