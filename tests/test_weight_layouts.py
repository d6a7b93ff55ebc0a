"""Weight layouts (issue 23, item 5), each a built-in layout or profile key, checked on the
published tables that print them:

- the indicators carry 100 points and the funds line is outside 总分 (`指标100分`): 四川 中江 2022
  (tests/fixtures/real/22) scored `--profile 四川+指标100分` — before, PF307 under every profile;
- an execution block plus a goal block split by 一级 (`[allocation] mode = "split"`): a 湖北 table
  printing its 80 points as 产出 60 / 效益 40 of a 100 scale, rescaled; and the same weights
  written on every row (hubei's `rescale`) — before, PF307 (100 > 80);
- whole points per row (`整分`, the option in place of a Hebei profile: no Hebei rule text was
  found, docs/sources/research-2026-12.md §3): 河北 廊坊 2019 (real/24) scored `评分方案 全国+整分`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from perflang.cli import cli

FIX = Path(__file__).parent / "fixtures" / "selfeval"


def evaluate(perf: Path, actuals: Path, *extra: str):
    done = CliRunner().invoke(cli, ["eval", str(perf), "--actuals", str(actuals), "--to", "json", *extra])
    return done, (json.loads(done.stdout) if done.stdout.strip() else None)


def test_sichuan_table_on_the_national_form_indicators_100_funds_outside(tmp_path):
    """中江 2022: 产出 70 + 效益 20 + 满意度 10 = 总分 100 | 100, the funds row 10 | 10 beside it."""
    perf = tmp_path / "zj.perf"
    text = (FIX / "22_zhongjiang_water_gauge.perf").read_text(encoding="utf-8")
    perf.write_text(text.replace("评分方案 zhongjiang-2022.toml", "评分方案 四川+指标100分"), encoding="utf-8")
    refused, _ = evaluate(perf, FIX / "22_zhongjiang_water_gauge.json", "--profile", "四川")
    assert refused.exit_code == 1 and "PF307" in refused.stderr  # 100 > 90: the 2023 form's block
    done, data = evaluate(perf, FIX / "22_zhongjiang_water_gauge.json")
    assert done.exit_code == 0, done.output
    p = data["projects"][0]
    assert data["profile"] == "sichuan+indicators-100"
    assert (p["maximum"], p["total"], p["execution"]["score"]) == ("100.00", "100.00", "10.00")
    assert [r["weight"] for r in p["indicators"]][:3] == ["10.00", "10.00", "20.00"]


HUBEI = """评分方案 {profile}
项目 禁捕宣传 {{
  预算 10
  年度目标 1 "宣传到位" {{
    产出 / 数量 {{
      宣传场次: ≥10场{w1}
      发放资料: ≥500份{w2}
    }}
    效益 / 社会效益 {{
      群众知晓率: ≥80%{w3}
    }}
  }}
}}
"""
MET = {
    "format": "perflang-actuals/1",
    "projects": {
        "禁捕宣传": {"executed": "10", "indicators": {"宣传场次": "10场", "发放资料": "500份", "群众知晓率": "85%"}}
    },
}


def _hubei(tmp_path, profile: str, weights=("", "", "")):
    perf = tmp_path / "hb.perf"
    w = {f"w{k + 1}": f" {{ 分值 {v} }}" if v else "" for k, v in enumerate(weights)}
    perf.write_text(HUBEI.format(profile=profile, **w), encoding="utf-8")
    actuals = tmp_path / "a.json"
    actuals.write_text(json.dumps(MET, ensure_ascii=False), encoding="utf-8")
    return evaluate(perf, actuals)


def test_hubei_block_split_by_level1_as_printed_and_rescaled(tmp_path):
    """产出 60 / 效益 40 of the 80-point goal block: 48 (24 + 24) and 32; the funds line 20."""
    split = tmp_path / "产出60效益40.toml"
    split.write_text(
        'name = "split-60-40"\n[weights]\n"产出" = 60\n"效益" = 40\n[allocation]\nmode = "split"\n', encoding="utf-8"
    )
    done, data = _hubei(tmp_path, f"湖北+{split}")
    assert done.exit_code == 0, done.output
    p = data["projects"][0]
    assert [r["weight"] for r in p["indicators"]] == ["24.00", "24.00", "32.00"]
    assert (p["maximum"], p["total"]) == ("100.00", "100.00")


def test_hubei_weights_written_on_a_100_scale_are_rescaled_to_the_goal(tmp_path):
    done, data = _hubei(tmp_path, "湖北", ("30", "30", "40"))
    assert done.exit_code == 0, done.output  # was PF307: 100 > 80
    assert [r["weight"] for r in data["projects"][0]["indicators"]] == ["24.00", "24.00", "32.00"]


def test_hubei_weights_written_on_the_goals_scale_stay(tmp_path):
    done, data = _hubei(tmp_path, "湖北", ("20", "20", "40"))
    assert [r["weight"] for r in data["projects"][0]["indicators"]] == ["20.00", "20.00", "40.00"]


def test_whole_points_per_row_the_option_for_a_hebei_table(tmp_path):
    """廊坊 2019: 37.24 / 43.2 × 10 = 8.62 printed 9, in the funds row and the 工程资金金额 row."""
    perf = tmp_path / "lf.perf"
    text = (FIX / "24_langfang_food_school_hvac.perf").read_text(encoding="utf-8")
    perf.write_text(text.replace("评分方案 langfang-2019.toml", "评分方案 全国+整分"), encoding="utf-8")
    done, data = evaluate(perf, FIX / "24_langfang_food_school_hvac.json")
    assert done.exit_code == 0, done.output
    p = data["projects"][0]
    assert data["profile"] == "national+whole-points"
    assert p["execution"]["score"] == "9.00"
    assert p["indicators"][0]["score"] == "9.00" and p["total"] == "98.00"


def test_a_layout_name_that_is_no_profile_is_pf512(tmp_path):
    done, _ = _hubei(tmp_path, "湖北")
    perf = tmp_path / "hb.perf"
    done = CliRunner().invoke(
        cli, ["eval", str(perf), "--actuals", str(tmp_path / "a.json"), "--profile", "湖北+整数分"]
    )
    assert done.exit_code == 1 and "PF512" in done.stderr and "整数分" in done.stderr
