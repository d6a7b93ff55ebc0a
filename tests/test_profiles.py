"""Named regional profiles, the profile options, the direction of a target without comparator,
and actuals as people write them (issue 13; docs/scoring.md)."""

from __future__ import annotations

import json
import re
import types
from decimal import Decimal as D

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from hypothesis import given
from hypothesis import strategies as st

from perflang.api import compile_text
from perflang.backends.python import render
from perflang.cli import cli
from perflang.evaluation.run import evaluate_model
from perflang.scoring import profiles
from perflang.scoring import rules as scoring
from perflang.scoring.rules import ProfileError, profile_from_data
from perflang.scoring.spec import load_profile

NATIONAL = load_profile(None)
NINGXIA_EXAMPLE = EXAMPLES / "profiles" / "ningxia.toml"


def doc(body: str, head: str = "") -> str:
    return f'金额单位 万元\n{head}项目 甲 {{\n  预算 20\n  年度目标 1 "x" {{\n{body}  }}\n}}\n'


def write(tmp_path, text, actuals):
    perf, data = tmp_path / "t.perf", tmp_path / "a.json"
    perf.write_text(text, encoding="utf-8")
    data.write_text(
        json.dumps({"format": "perflang-actuals/1", "projects": {"甲": actuals}}, ensure_ascii=False), encoding="utf-8"
    )
    return perf, data


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def scores(result) -> dict:
    data = json.loads(result.stdout)
    return {r["name"]: r for r in data["projects"][0]["indicators"]} | {"": data["projects"][0]}


# -- defect 1: the profile's own pools -----------------------------------------------------

BENEFIT_40 = doc(
    "    产出 / 数量 {\n      人数: ≥10人\n    }\n    效益 / 社会效益 {\n      受益: 显著提升 { 分值 40 }\n    }\n"
)


@pytest.mark.parametrize("profile", ["ningxia", NINGXIA_EXAMPLE, "宁夏"])
def test_written_weights_are_checked_against_the_profile_in_use(tmp_path, profile):
    perf, data = write(tmp_path, BENEFIT_40, {"indicators": {"人数": "10", "受益": "达成"}})
    assert "PF307" in run("check", perf).output  # 40 > the national 效益 30
    result = run("eval", perf, "--actuals", data, "--profile", profile, "--to", "json")
    assert result.exit_code == 0, result.stderr
    assert scores(result)["受益"]["weight"] == "40.00"  # 宁夏: 效益 40


def test_a_profile_too_small_for_the_written_weights_is_still_refused(tmp_path):
    perf, data = write(tmp_path, BENEFIT_40.replace("分值 40", "分值 45"), {"indicators": {}})
    result = run("eval", perf, "--actuals", data, "--profile", "ningxia")
    assert result.exit_code == 1 and "效益指标的指定分值合计 45 超过该部分满分 40" in result.stderr


# -- defect 2: one rule for the direction of a target without comparator ------------------

COST = doc("    产出 / 成本 {\n      项目计划总投资: 20万元 { 分值 10 }\n    }\n")


@pytest.mark.parametrize(
    "actual, score, met", [("18万元", "10.00", True), ("20", "10.00", True), ("22万元", "9.09", False)]
)  # 10 × 20/22
def test_a_money_cost_without_comparator_is_a_ceiling(tmp_path, actual, score, met):
    perf, data = write(tmp_path, COST, {"indicators": {"项目计划总投资": actual}})
    row = scores(run("eval", perf, "--actuals", data, "--to", "json"))["项目计划总投资"]
    assert (row["score"], row["met"]) == (score, met)


def test_the_checker_hint_states_the_direction_the_scorer_takes(tmp_path):
    diags = compile_text(COST, "t.perf").diagnostics
    assert [d.args["example"] for d in diags if d.code == "PF403"] == ["≤20万元"]
    count = compile_text(doc("    产出 / 数量 {\n      人数: 10人\n    }\n"), "t.perf").diagnostics
    assert [d.args["example"] for d in count if d.code == "PF403"] == ["≥10人"]


def test_implied_comparator():
    assert scoring.implied_comparator(True, "money") == "<="
    assert scoring.implied_comparator(True, "money/亩") == "<="
    assert scoring.implied_comparator(True, "percent") == ">="  # 成本控制率 90%
    assert scoring.implied_comparator(False, "money") == ">="


# -- defect 3 and the wording ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, level", [("达成预期指标", "达成"), ("部分达成预期指标", "部分达成"), ("未达成预期指标", "未达成")]
)
def test_hubei_wording_is_a_level_under_every_profile(text, level):
    assert scoring.qualitative_level(text) == level
    custom = profile_from_data({"wording": {"好": "达成"}}, NATIONAL, "x")
    assert scoring.qualitative_level("好", custom) == "达成" and scoring.qualitative_level("好") is None


def test_wording_must_name_a_level():
    with pytest.raises(ProfileError, match="wording"):
        profile_from_data({"wording": {"好": "优秀"}}, NATIONAL, "x")


# -- named profiles ------------------------------------------------------------------------


def test_every_builtin_profile_loads_by_name_and_chinese_name_and_has_a_chinese_title():
    found = profiles.found()
    assert list(found)[0] == "national" and len(found) >= 5
    for name, f in found.items():
        profile = load_profile(name)
        assert profile["name"] == name and not profile["title"].isascii() and f.aliases
        assert all(load_profile(a) is profile for a in f.aliases)


def test_the_builtin_profiles_say_what_their_sources_say():
    hubei, sichuan, ningxia = load_profile("hubei"), load_profile("sichuan"), load_profile("ningxia")
    assert hubei["execution"] == 20 and hubei["allocation"]["block"] == 80
    assert hubei["allocation"]["mode"] == "block" and hubei["allocation"]["per_goal"]
    assert [hubei["qualitative"][lv]["min"] for lv in scoring.LEVELS] == [D("0.8"), D("0.5"), 0]
    assert sichuan["execution"] == 10 and sichuan["allocation"]["block"] == 90
    assert ningxia["pools"] == {"产出": 40, "效益": 40, "满意度": 20} and ningxia["execution"] == 0
    assert all(load_profile(n)["lower_is_better"] == "ratio" for n in profiles.names())


def test_an_unknown_profile_name_is_refused_with_the_names(tmp_path):
    perf, data = write(tmp_path, COST, {"indicators": {}})
    result = run("eval", perf, "--actuals", data, "--profile", "guangdong")
    assert result.exit_code == 1 and "PF512" in result.stderr and "hubei" in result.stderr


def test_the_file_names_its_profile_and_the_option_overrides_it(tmp_path):
    perf, data = write(
        tmp_path,
        doc("    产出 / 数量 {\n      人数: ≥10人\n    }\n", "评分方案 湖北\n"),
        {"executed": "10", "indicators": {"人数": "10"}},
    )
    hubei = scores(run("eval", perf, "--actuals", data, "--to", "json"))
    assert (hubei["人数"]["weight"], hubei[""]["execution"]["weight"]) == ("80.00", "20.00")
    national = scores(run("eval", perf, "--actuals", data, "--to", "json", "--profile", "national"))
    assert national["人数"]["weight"] == "50.00"


def test_a_profile_setting_that_names_nothing_is_pf108():
    diags = compile_text(doc("    产出 / 数量 {\n      人数: ≥10人\n    }\n", "评分方案 广东\n"), "t.perf").diagnostics
    found = [d for d in diags if d.code == "PF108"]
    assert len(found) == 1 and found[0].args["value"] == "广东"
    assert "hubei" in found[0].hint("zh") and "湖北" in found[0].hint("zh") and "hubei" in found[0].hint("en")


def test_the_generated_evaluator_scores_with_the_files_profile(tmp_path):
    text = doc("    产出 / 数量 {\n      人数: ≥10人\n      次数: ≥4次\n    }\n", "评分方案 湖北\n")
    model = compile_text(text, "t.perf").model
    module = types.ModuleType("evaluator")
    exec(compile(render(model), "evaluator.py", "exec"), module.__dict__)
    actuals = {
        "format": "perflang-actuals/1",
        "projects": {"甲": {"executed": "15", "indicators": {"人数": "7", "次数": "完成"}}},
    }
    expected, _ = evaluate_model(model, actuals, load_profile("hubei"))
    assert module.evaluate(actuals) == json.loads(json.dumps(expected, ensure_ascii=False))
    assert module.evaluate(actuals)["profile"] == "hubei"


# -- allocation and rounding ---------------------------------------------------------------


def weights_of(text: str, profile) -> dict:
    model = compile_text(text, "t.perf").model
    result, _ = evaluate_model(model, {"format": "perflang-actuals/1", "projects": {}}, profile)
    return {r["name"]: r["weight"] for r in result["projects"][0]["indicators"]}


TWO_GOALS = (
    '项目 甲 {\n  预算 20\n  年度目标 1 "a" {\n    产出 / 数量 {\n      a1: ≥1个\n      a2: ≥1个\n'
    '      a3: ≥1个\n    }\n  }\n  年度目标 2 "b" {\n    效益 / 社会效益 {\n      b1: 提升\n    }\n  }\n}\n'
)


def test_hubei_divides_its_block_among_the_goals_first():
    assert weights_of(TWO_GOALS, load_profile("hubei")) == {"a1": "13.33", "a2": "13.33", "a3": "13.34", "b1": "40.00"}


def test_whole_point_shares():
    profile = profile_from_data({"rounding": {"shares": "whole"}}, NATIONAL, "x")
    assert weights_of(TWO_GOALS, profile) == {"a1": "17.00", "a2": "17.00", "a3": "16.00", "b1": "30.00"}


def test_written_weights_rescaled_to_the_block():
    text = doc(
        "    产出 / 数量 {\n      a: ≥1个 { 分值 15 }\n      b: ≥1个 { 分值 20 }\n    }\n"
        "    效益 / 社会效益 {\n      c: ≥1个 { 分值 15 }\n    }\n"
    )
    profile = profile_from_data({"allocation": {"mode": "block", "block": 90, "rescale": True}}, NATIONAL, "x")
    assert weights_of(text, profile) == {"a": "27.00", "b": "36.00", "c": "27.00"}  # 15:20:15 of 90


def test_sichuan_weights_are_free_across_the_levels_within_90(tmp_path):
    text = doc(
        "    产出 / 数量 {\n      a: ≥1个 { 分值 60 }\n    }\n    效益 / 社会效益 {\n"
        "      c: ≥1个 { 分值 30 }\n    }\n",
        "评分方案 四川\n",
    )
    perf, data = write(tmp_path, text, {"executed": "20", "indicators": {"a": "1", "c": "1"}})
    got = scores(run("eval", perf, "--actuals", data, "--to", "json"))
    assert (got["a"]["weight"], got["c"]["weight"], got[""]["maximum"]) == ("60.00", "30.00", "100.00")
    perf.write_text(text.replace("分值 30", "分值 31"), encoding="utf-8")
    assert "全部绩效指标的指定分值合计 91 超过该部分满分 90" in run("eval", perf, "--actuals", data).stderr


def test_whole_point_scores_and_the_funds_row_outside_the_total(tmp_path):
    profile = tmp_path / "p.toml"
    profile.write_text('execution_in_total = false\n[rounding]\nscores = "whole"\n', encoding="utf-8")
    perf, data = write(
        tmp_path,
        doc("    产出 / 数量 {\n      人数: 43.2人\n    }\n"),
        {"executed": "17.24", "indicators": {"人数": "37.24"}},
    )
    got = scores(run("eval", perf, "--actuals", data, "--to", "json", "--profile", profile))
    assert got["人数"]["score"] == "43.00"  # 50 × 37.24/43.2 = 43.10 -> 43
    assert got[""]["execution"]["score"] == "9.00"  # 17.24/20 × 10 = 8.62 -> 9
    assert (got[""]["total"], got[""]["maximum"]) == ("43.00", "50.00")  # the funds row left out


@given(
    st.decimals(0, 200, places=2),
    st.lists(st.none() | st.decimals(0, 30, places=1), max_size=8),
    st.lists(st.sampled_from("abc"), min_size=8, max_size=8),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["cents", "whole"]),
)
def test_group_weights_share_out_exactly_and_never_go_negative(points, explicit, goals, per_goal, rescale, shares):
    profile = profile_from_data(
        {"allocation": {"per_goal": per_goal, "rescale": rescale}, "rounding": {"shares": shares}}, NATIONAL, "x"
    )
    out = scoring.group_weights(points, explicit, goals[: len(explicit)], profile)
    assert len(out) == len(explicit) and all(w >= 0 for w in out)
    written = [w for w in explicit if w is not None]
    if not per_goal and explicit and sum(written) <= points and (None in explicit or rescale and sum(written) > 0):
        assert sum(out) == points  # the pool is shared out exactly
    if not per_goal and not rescale:  # written weights are kept as written
        assert [w for w, e in zip(out, explicit) if e is not None] == written


# -- actuals as written ----------------------------------------------------------------------

WRITTEN = doc(
    "    产出 / 数量 {\n      长度: ≥266米\n      完成率: ≥95%\n      次数: 100\n      任务: ≥10个\n"
    "    }\n    效益 / 社会效益 {\n      受益: 显著提升\n      使用: 按期使用\n    }\n"
)


@pytest.mark.parametrize(
    "name, actual, code, score, met",
    [
        ("任务", "已完成", "PF520", "12.50", True),
        ("任务", "达成预期指标", "PF520", "12.50", True),
        ("长度", "≥266米", "PF521", "12.50", True),
        ("长度", "不低于200米", "PF521", "9.40", False),  # 12.5 × 200/266
        ("次数", "100%", "PF522", "12.50", True),
        ("完成率", "0.96", "PF523", "12.50", True),
        ("完成率", "0.5", "PF523", "6.58", False),  # 50% of ≥95%: 12.5 × 50/95
        ("受益", "显著提升", "PF524", "15.00", True),
    ],
)
def test_actuals_as_written_are_scored_by_a_rule_with_a_warning(tmp_path, name, actual, code, score, met):
    perf, data = write(tmp_path, WRITTEN, {"indicators": {name: actual}})
    result = run("eval", perf, "--actuals", data, "--to", "json")
    assert result.exit_code == 0 and f"warning[{code}]" in result.stderr
    row = scores(result)[name]
    assert (row["actual"], row["score"], row["met"], row["status"]) == (actual, score, met, "scored")


def test_a_percent_written_as_percent_is_not_a_fraction(tmp_path):
    perf, data = write(tmp_path, WRITTEN, {"indicators": {"完成率": "0.96%"}})
    result = run("eval", perf, "--actuals", data, "--to", "json")
    assert "PF523" not in result.stderr and scores(result)["完成率"]["score"] == "0.13"


def test_a_text_actual_with_a_grade_prints_the_text(tmp_path):
    perf, data = write(
        tmp_path,
        WRITTEN,
        {"indicators": {"使用": {"actual": "2020年1月至11月按期使用", "grade": "部分达成", "note": "12月停用"}}},
    )
    result = run("eval", perf, "--actuals", data, "--to", "json")
    assert result.exit_code == 0 and "“使用”" not in result.stderr
    row = scores(result)["使用"]
    assert (row["actual"], row["score"], row["met"], row["note"]) == (
        "2020年1月至11月按期使用",
        "10.50",
        False,
        "12月停用",
    )
    from htmlgrid import grid, read, texts

    body = texts(grid(read(run("eval", perf, "--actuals", data, "--to", "html").stdout).sheets[0].tables[1]))
    assert {r[3]: r for r in body}["使用"][4:6] == ["按期使用", "2020年1月至11月按期使用"]  # 实际完成值


def test_a_grade_that_is_no_level_is_pf526(tmp_path):
    # a grade, not the actual (which may be any text with a grade): PF526, not PF509 (issue 23)
    perf, data = write(tmp_path, WRITTEN, {"indicators": {"使用": {"actual": "按期", "grade": "很好"}}})
    result = run("eval", perf, "--actuals", data, "--to", "json")
    assert result.exit_code == 1 and "PF526" in result.stderr and "PF509" not in result.stderr


@pytest.mark.parametrize("score, status, code", [("12.5", "manual", None), ("13", "invalid", "PF510")])
def test_a_blank_actual_scored_by_hand(tmp_path, score, status, code):
    perf, data = write(tmp_path, WRITTEN, {"indicators": {"任务": {"actual": "", "score": score}}})
    result = run("eval", perf, "--actuals", data, "--to", "json")
    row = scores(result)["任务"]
    assert row["status"] == status and "缺少“任务”" not in result.stderr
    assert (code is None) == (result.exit_code == 0)


# -- the profiles are found, not listed (issue 20) -------------------------------------------


def test_a_new_profile_is_one_toml_file_in_a_profiles_folder(tmp_path, monkeypatch):
    """national.toml copied under a new name with a new alias into a folder PERFLANG_PROFILES
    names: `perflang eval --profile ALIAS` scores with it, nothing else edited."""
    folder = tmp_path / "profiles"
    folder.mkdir()
    text = (profiles.BUILTIN_DIR / "national.toml").read_text(encoding="utf-8")
    text = text.replace('name = "national"', 'name = "anhui"').replace('title = "全国通用"', 'title = "安徽省"')
    text = text.replace('aliases = ["全国", "国家", "财政部"]', 'aliases = ["安徽", "安徽省"]')
    text = text.replace('"预算执行率" = 10', '"预算执行率" = 30')
    (folder / "anhui.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv(profiles.PROFILES_ENV, str(folder))
    perf, data = write(
        tmp_path, doc("    产出 / 数量 {\n      人数: ≥10人\n    }\n"), {"executed": "10", "indicators": {}}
    )
    result = scores(run("eval", perf, "--actuals", data, "--to", "json", "--profile", "安徽"))
    assert result[""]["execution"]["weight"] == "30.00"
    assert "anhui" in profiles.names() and "安徽" in run("eval", "--help").output
    assert load_profile("安徽省")["title"] == "安徽省"


def test_the_docs_list_the_profiles_found():
    """docs/scoring.md's table of profiles, docs/cli.md's --profile and docs/language.md's
    评分方案 name every profile found, with its first alias, and no other; so does the JSON
    Schema's description of `profile`."""
    from conftest import ROOT

    found = {f.name: f.aliases[0] for f in profiles.found().values()}
    scoring_md = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `([\w-]+)` \| (\S+) \|", scoring_md.split("## 6", 1)[1], re.M))
    assert table == found
    cli_md = next(
        line
        for line in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8").split("\n")
        if "--profile" in line and line.startswith("|")
    )
    assert dict(re.findall(r"`([\w-]+)` \((\w+)", cli_md)) == found
    language = next(
        line
        for line in (ROOT / "docs" / "language.md").read_text(encoding="utf-8").split("\n")
        if line.startswith("| `评分方案`")
    )
    assert dict(re.findall(r"`([\w-]+)`/`(\w+)`", language)) == found
    schema = json.loads((ROOT / "perflang" / "schema" / "perflang-eval-1.schema.json").read_text(encoding="utf-8"))
    described = schema["properties"]["profile"]["description"]
    assert sorted(re.findall(r"\b[a-z][a-z0-9-]*(?=,)", described.split(":", 1)[1])) == sorted(found)


def test_a_scoring_setting_naming_a_broken_file_says_why_in_both_languages(tmp_path):
    """`评分方案 "p.toml"` with a bad value: PF108's hint says why, at its place in the profile,
    in English too (before: the choices alone); an unknown name gets the choices alone (before,
    in Chinese, the choices twice)."""
    (tmp_path / "p.toml").write_text('[weights]\n"产出" = "abc"\n', encoding="utf-8")
    perf, _ = write(tmp_path, doc("    产出 / 数量 {\n      人数: ≥10人\n    }\n", '评分方案 "p.toml"\n'), {})
    said = {lang: run("check", "--no-cache", "--lang", lang, perf).output for lang in ("en", "zh")}
    where = tmp_path / "p.toml"
    assert f"or a usable .toml file ({where}:2:8: weights.产出 'abc' is not a number)" in said["en"]
    assert f"或可用的 .toml 文件（{where}:2:8：weights.产出“abc”不是数字）" in said["zh"]
    perf.write_text(perf.read_text(encoding="utf-8").replace('"p.toml"', "广东"), encoding="utf-8")
    for lang in ("en", "zh"):
        hint = next(x for x in run("check", "--no-cache", "--lang", lang, perf).output.split("\n") if "national" in x)
        assert hint.count("national") == 1 and "广东" not in hint, hint


# -- PF307 / PF108 of the check: a file with no 评分方案 and no weight is not given to the scorer --

_GROUPS = (("成本", "经济成本"), ("产出", "数量"), ("效益", "社会效益"), ("满意度", "满意度"))


@st.composite
def _weighted_files(draw) -> str:
    """Files with or without a 评分方案 (found, unknown, a missing file) and weights (none, some,
    enough to exceed a pool), in one or two projects, one or two goals."""
    setting = draw(
        st.sampled_from(["", "评分方案 湖北\n", "评分方案 全国+整分\n", "评分方案 不存在\n", '评分方案 "无.toml"\n'])
    )
    projects = []
    for p in range(draw(st.integers(1, 2))):
        goals = []
        for kind in draw(st.sampled_from([["年度目标"], ["长期目标"], ["长期目标", "年度目标"]])):
            lines = []
            for i, (level1, level2) in enumerate(draw(st.lists(st.sampled_from(_GROUPS), min_size=1, max_size=4))):
                weight = draw(st.none() | st.integers(0, 60))
                attr = f" {{ 分值 {weight} }}" if weight is not None else ""
                lines.append(f"    {level1} / {level2} {{\n      指标{i}: ≥{i + 1}个{attr}\n    }}\n")
            goals.append(f'  {kind} 1 "目标" {{\n{"".join(lines)}  }}\n')
        projects.append(f"项目 项目{p} {{\n  预算 20\n{''.join(goals)}}}\n")
    return f"金额单位 万元\n{setting}" + "".join(projects)


@given(_weighted_files())
def test_the_weight_check_is_the_scorers_whether_or_not_it_is_asked(text):
    """check_weights answers a file with neither a 评分方案 nor a weight without importing the
    scorer (start-up); on every file its diagnostics are the scorer's own."""
    from perflang.check.context import Context
    from perflang.check.rules import check_weights
    from perflang.scoring.spec import scoring_setting_problems, weight_excesses

    model = compile_text(text, "<weights>").model
    assert model is not None
    slow = [*scoring_setting_problems(model), *weight_excesses(model)]
    assert list(check_weights(Context(model.document, model))) == slow
