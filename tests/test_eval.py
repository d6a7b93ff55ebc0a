"""`perflang eval` end to end: the seed example with examples/ezhou-actuals.json, scored by hand
from the .perf targets and the actuals; the printed 自评表; profiles; exit codes."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, SEED_EXAMPLE
from htmlgrid import grid, read, texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perflang.cli import cli
from perflang.evaluation.run import evaluate_model
from perflang.scoring.spec import load_profile, units_of
from perflang.testing import actuals_for, documents
from perflang.units import convert, parse_unit

ACTUALS = EXAMPLES / "ezhou-actuals.json"
NINGXIA = EXAMPLES / "profiles" / "ningxia.toml"


def run(*args):
    return CliRunner().invoke(cli, ["eval", *map(str, args)])


@pytest.fixture(scope="module")
def seed_json():
    result = run(SEED_EXAMPLE, "--actuals", ACTUALS, "--to", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _scores(project):
    return {r["name"]: (r["weight"], r["score"], r["met"], r["status"]) for r in project["indicators"]}


def test_seed_first_project_scored_by_hand(seed_json):
    assert seed_json["format"] == "perflang-eval/2" and seed_json["profile"] == "national"
    p = seed_json["projects"][0]
    assert p["name"] == "政务服务工作"
    s = _scores(p)
    # 产出 pool 50 over five indicators (成本 shares it): 10 each; 效益 30 over two; 满意度 10
    assert s["项目成本"] == ("10.00", "10.00", True, "scored")  # 5600000元 = 560万元 ≤ 571万元
    assert s["服务窗口工作人员数量"] == ("10.00", "9.43", False, "scored")  # 10 × 33/35 = 9.428…
    assert s["办事主体政务服务体验感增强"] == ("15.00", "10.50", False, "manual")  # 部分达成, by hand
    assert s["优化政务服务环境"] == ("15.00", "15.00", True, "scored")
    assert s["群众满意度"] == ("10.00", "10.00", True, "scored")
    # execution 560 / 571 = 0.98073… -> 9.81 of 10
    assert p["execution"] == {"budget": "571", "executed": "560", "rate": "0.9807", "weight": "10.00", "score": "9.81"}
    # 10 + 10 + 9.43 + 10 + 10 + 15 + 10.5 + 10 + 9.81
    assert (p["maximum"], p["total"], p["total_100"], p["grade"]) == ("100.00", "94.74", "94.74", "优")


def test_seed_other_projects(seed_json):
    by_name = {p["name"]: p for p in seed_json["projects"]}
    office = by_name["办公区域改扩建维修"]
    s = _scores(office)
    # ≤3000吨 at 3300, national ratio rule (财预〔2020〕10号 第十三条): 6.25 × 3000/3300 = 5.68
    assert s["月均消耗水量"] == ("6.25", "5.68", False, "scored")
    assert s["机电设备故障率"] == ("6.25", "6.25", True, "scored")
    assert office["total"] == "99.22"  # 7 × 6.25 + 5.68 + 30 + 10 + 9.79
    digital = _scores(by_name["城市数字公共基础设施专班"])
    assert digital["万兆无源光网端口"][1] == "9.13"  # 21000 against 2.3万个 = 23000: 10 × 21/23
    assert digital["城市数据公共基础设施建设全省考核"][1:] == ("10.50", False, "scored")  # 0.7 × 15
    assert digital["数字经济产业增加值占 GDP 增长总量"][1] == "13.74"  # 15 × 8.7/9.5
    legal = _scores(by_name["法律顾问"])
    assert legal["提出建议，修改合同"][:2] == ("12.50", "10.00")  # 12.5 × 8/10


def test_seed_prints_the_selfeval_table():
    result = run(SEED_EXAMPLE, "--actuals", ACTUALS, "--to", "html")
    assert result.exit_code == 0
    doc = read(result.stdout)
    assert len(doc.sheets) == 5 and doc.sheets[0].title == "项目支出绩效自评表"
    head, body = (texts(grid(t)) for t in doc.sheets[0].tables)
    assert head[0][2] == "政务服务工作"
    assert head[2][1] == "（万元）"
    assert head[3] == ["项目资金"] + ["年度资金总额"] * 2 + ["571", "571", "560", "10.00", "98.07%", "9.81"]
    assert [r[1] for r in head[4:7]] == ["其中：财政拨款", "上年结转", "其他资金"]  # the national form's rows
    assert body[0] == [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    rows = {r[3]: r for r in body[1:]}
    assert rows["服务窗口工作人员数量"] == [
        "绩效指标",
        "产出指标",
        "数量指标",
        "服务窗口工作人员数量",
        "=35人",
        "33人",
        "10.00",
        "9.43",
        "2 名窗口人员年中调离，已于 12 月启动招聘",
    ]
    # the score a plain number; its status said in the 偏差原因 column (issue 23)
    assert rows["办事主体政务服务体验感增强"][5:9] == [
        "部分达成",
        "15.00",
        "10.50",
        "（人工评分）\n线上办事体验改善，线下排队时间仍偏长",
    ]
    assert not [r for r in body if "小计" in r]  # the national 自评表 has no subtotal rows
    assert body[-1][6:] == ["100.00", "94.74", "百分制 94.74，\n等级：优"]


def test_text_summary():
    result = run(SEED_EXAMPLE, "--actuals", ACTUALS)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "绩效自评（评分方案：全国通用）"  # the profile's Chinese name, never `national`
    assert "  预算执行率：560 / 571 = 98.07%，得分 9.81/10.00" in lines
    assert "  总分 94.74/100.00，百分制 94.74，等级 优" in lines
    assert any("服务窗口工作人员数量" in line and "9.43/10.00" in line and "未达标" in line for line in lines)


def test_regional_profile_changes_weights_and_checks_manual_bands(tmp_path):
    out = tmp_path / "out.json"
    result = run(SEED_EXAMPLE, "--actuals", ACTUALS, "--profile", NINGXIA, "--to", "json", "-o", out)
    # 部分达成 scored 10.5 by hand lies outside the band [12, 16) of a 20-point indicator
    assert result.exit_code == 1
    assert "error[PF510]" in result.stderr and "[12, 16)（部分达成）" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    p = data["projects"][0]
    assert data["profile"] == "ningxia" and p["execution"] is None
    s = _scores(p)
    assert s["服务窗口工作人员数量"][:2] == ("8.00", "7.54")  # 40/5 = 8; 8 × 33/35
    assert s["办事主体政务服务体验感增强"][1:] == ("0.00", None, "invalid")
    assert (p["maximum"], p["total"]) == ("100.00", "79.54")  # 8+8+7.54+8+8+20+0+20


def test_output_is_deterministic(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    run(SEED_EXAMPLE, "--actuals", ACTUALS, "--to", "html", "-o", a)
    run(SEED_EXAMPLE, "--actuals", ACTUALS, "--to", "html", "-o", b)
    assert a.read_bytes() == b.read_bytes()


def test_bad_profile_is_a_clear_error(tmp_path):
    bad = tmp_path / "p.toml"
    bad.write_text('[weights]\n"产出" = "五十"\n', encoding="utf-8")
    result = run(SEED_EXAMPLE, "--actuals", ACTUALS, "--profile", bad)
    assert result.exit_code == 1 and result.stdout == ""
    assert "error[PF512]: 评分方案有误：weights.产出“五十”不是数字" in result.stderr


def test_bad_profile_value_and_form_file_in_english_at_their_line_and_column(tmp_path):
    """`eval --lang en` with a malformed value in a profile (the national one copied, 效益's
    weight made a word) and in a 自评表 form file: English only (but the file's own text), at the
    value's line and column in the TOML, exit 1."""
    import re

    national = (SEED_EXAMPLE.parent.parent / "perflang" / "profiles" / "national.toml").read_text(encoding="utf-8")
    assert national.count('"效益" = 30') == 1
    bad = tmp_path / "p.toml"
    bad.write_text(national.replace('"效益" = 30', '"效益" = "abc"'), encoding="utf-8")
    line = national.split('"效益" = 30')[0].count("\n") + 1
    result = run(SEED_EXAMPLE, "--actuals", ACTUALS, "--profile", bad, "--lang", "en")
    assert result.exit_code == 1 and result.stdout == ""
    said = [x for x in result.stderr.split("\n") if x.startswith(str(bad))]
    assert said == [f"{bad}:{line}:8: error[PF512]: invalid scoring profile: weights.效益 'abc' is not a number"]
    assert "  = help: see docs/scoring.md and examples/profiles/ for the profile format" in result.stderr
    own = {"效益"}  # the file's own text, quoted
    shown = [x for x in result.stderr.split("\n") if "|" not in x]  # without the excerpt of the file
    assert not [x for x in shown if set(re.findall(r"[\u4e00-\u9fff]+", x)) - own], shown

    form = tmp_path / "f.toml"
    form.write_text('"基于" = "湖北自评表"\n"表尾" = 5\n', encoding="utf-8")
    result = run(SEED_EXAMPLE, "--actuals", ACTUALS, "--form", form, "--lang", "en")
    assert result.exit_code in (1, 2) and result.stdout == ""
    said = [x for x in result.stderr.split("\n") if x.startswith(str(form))]
    assert len(said) == 1 and said[0].startswith(f"{form}:2:8: error[PF916]: invalid form file: ")
    shown = [x for x in result.stderr.split("\n") if "|" not in x]
    assert not [x for x in shown if set(re.findall(r"[\u4e00-\u9fff]+", x)) - {"表尾", "湖北自评表"}], shown


@pytest.mark.parametrize(
    "lang, said",
    [
        ("en", "form.layout: no 自评表 form named '广东自评表': use national, hubei, sichuan or a form file (.toml)"),
        (
            "zh",
            "form.layout：没有名为“广东自评表”的自评表表样，可用：自评表、湖北自评表、四川自评表，或一个表样文件（.toml）",
        ),
    ],
)
def test_a_profile_naming_an_unknown_form_is_told_at_the_name(tmp_path, lang, said):
    """A profile's [form] layout that names no 自评表 form found: PF512 at the name's line and
    column in the profile (before: PF916 with no place, away from the file that says it), the
    forms found listed as the command's language names them."""
    bad = tmp_path / "p.toml"
    bad.write_text('name = "gd"\n\n[form]\nlayout = "广东自评表"\n', encoding="utf-8")
    result = run(SEED_EXAMPLE, "--actuals", ACTUALS, "--profile", bad, "--lang", lang)
    assert result.exit_code == 1 and result.stdout == ""
    assert [x for x in result.stderr.split("\n") if x.startswith(str(bad))] == [
        f"{bad}:4:10: error[PF512]: {'invalid scoring profile: ' if lang == 'en' else '评分方案有误：'}{said}"
    ]


def test_a_profile_option_naming_no_profile_is_the_commands_error(tmp_path):
    """`--profile 广东` (no such profile, no such file) is said as the command's own error, as an
    unknown --form is, with the profiles found; not placed in a file named 广东 at 1:1."""
    for lang, said in (
        ("en", "perflang: error[PF512]: invalid scoring profile: no profile named '广东': use one of national, "),
        ("zh", "perflang: 错误[PF512]: 评分方案有误：没有名为“广东”的评分方案，可用：national、"),
    ):
        result = run(SEED_EXAMPLE, "--actuals", ACTUALS, "--profile", "广东", "--lang", lang)
        assert result.exit_code == 1 and result.stdout == ""
        assert [x for x in result.stderr.split("\n") if "PF512" in x][0].startswith(said), result.stderr
        assert "广东:1:1" not in result.stderr


def test_profile_whose_pool_is_below_written_weights(tmp_path):
    perf = tmp_path / "w.perf"
    perf.write_text(
        '项目 测试 {\n  预算 10\n  年度目标 1 "x" {\n    满意度 / 满意度 {\n'
        "      群众满意度: ≥95% { 分值 10 }\n    }\n  }\n}\n",
        encoding="utf-8",
    )
    small = tmp_path / "small.toml"
    small.write_text('[weights]\n"满意度" = 5\n', encoding="utf-8")
    actuals = tmp_path / "a.json"
    actuals.write_text('{"format": "perflang-actuals/1", "projects": {}}', encoding="utf-8")
    assert run(perf, "--actuals", actuals).exit_code == 0
    result = run(perf, "--actuals", actuals, "--profile", small)
    assert result.exit_code == 1 and "error[PF307]: 满意度指标的指定分值合计 10 超过该部分满分 5" in result.stderr


def test_file_with_errors_is_not_evaluated(tmp_path):
    perf = tmp_path / "bad.perf"
    perf.write_text(
        '项目 测试 {\n  年度目标 1 "x" {\n    满意度 / 满意度 {\n      群众满意度: ≥95%\n    }\n  }\n}\n',
        encoding="utf-8",
    )  # no budget: PF301
    result = run(perf, "--actuals", ACTUALS)
    assert result.exit_code == 1 and "PF301" in result.stderr and result.stdout == ""


def test_unknown_project_and_missing_indicators_are_reported(tmp_path):
    actuals = tmp_path / "a.json"
    actuals.write_text(
        json.dumps(
            {
                "format": "perflang-actuals/1",
                "projects": {"政务服务工作s": {}, "法律顾问": {"indicators": {"法律顾问费": "1.8万元"}}},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    result = run(SEED_EXAMPLE, "--actuals", actuals, "--to", "json")
    assert result.exit_code == 1
    assert "error[PF503]: 实际完成值中的项目“政务服务工作s”不在目标文件中" in result.stderr
    assert "相近的名称：政务服务工作" in result.stderr
    assert "warning[PF506]: 项目“法律顾问”缺少“群众满意度”的实际完成值，按 0 分计" in result.stderr
    legal = json.loads(result.stdout)["projects"][2]
    assert legal["total"] == "12.50" and legal["execution"] is None and legal["maximum"] == "90.00"


def test_path_keys_resolve_repeated_names(tmp_path):
    perf = tmp_path / "r.perf"
    # a name may repeat only across goals: two annual goals, both evaluated
    perf.write_text(
        '项目 测试 {\n  预算 10\n  年度目标 1 "x" {\n    产出 / 数量 {\n      完成率: ≥90%\n    }\n  }\n'
        '  年度目标 2 "y" {\n    产出 / 质量 {\n      完成率: =100%\n    }\n  }\n}\n',
        encoding="utf-8",
    )
    actuals = tmp_path / "a.json"
    actuals.write_text(
        json.dumps(
            {
                "format": "perflang-actuals/1",
                "projects": {"测试": {"indicators": {"产出/数量/完成率": "81%", "产出指标/质量指标/完成率": "100%"}}},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    data = json.loads(run(perf, "--actuals", actuals, "--to", "json").stdout)
    assert [r["score"] for r in data["projects"][0]["indicators"]] == ["22.50", "25.00"]  # 25 × 81/90
    actuals.write_text(
        '{"format": "perflang-actuals/1", "projects": {"测试": {"indicators": {"完成率": "81%"}}}}', encoding="utf-8"
    )
    result = run(perf, "--actuals", actuals, "--to", "json")
    assert "error[PF505]" in result.stderr and "产出指标/数量指标/完成率" in result.stderr


# -- laws over random documents and actuals ------------------------------------------------

LAWS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
NATIONAL = load_profile(None)
cases = documents().flatmap(lambda d: actuals_for(d.model, other_units=False).map(lambda a: (d, a)))


@LAWS
@given(cases, st.sampled_from([None, str(NINGXIA)]))
def test_scores_and_totals_stay_within_their_maximum(case, profile_path):
    doc, actuals = case
    result, _ = evaluate_model(doc.model, actuals.data, load_profile(profile_path))
    for p in result["projects"]:
        assert all(D(0) <= D(r["score"]) <= D(r["weight"]) for r in p["indicators"])
        assert sum(D(r["weight"]) for r in p["indicators"]) <= D(p["maximum"])
        assert D(0) <= D(p["total"]) <= D(p["maximum"])
        assert D(0) <= D(p["total_100"]) <= 100


def _in_other_units(data: dict, model, choose) -> dict:
    """The same actuals, each number rewritten in another unit of its kind (exactly)."""
    units = {(p.name, i.name): i.target for p in model.projects for g in p.evaluated_goals for i in g.indicators}
    out = json.loads(json.dumps(data, ensure_ascii=False))
    for pname, body in out["projects"].items():
        for name, value in body["indicators"].items():
            target = units[(pname, name)]
            if target.kind != "quantitative" or target.unit_info is None:
                continue
            number = D(value.removesuffix(target.unit))
            other = choose([u for u, _ in units_of(target.unit_info.dimension)])
            body["indicators"][name] = format(convert(number, target.unit_info, parse_unit(other)), "f") + other
    return out


@LAWS
@given(cases, st.randoms(use_true_random=False))
def test_the_same_actual_in_another_unit_scores_the_same(case, rnd):
    doc, actuals = case
    converted = _in_other_units(actuals.data, doc.model, rnd.choice)
    first, _ = evaluate_model(doc.model, actuals.data, NATIONAL)
    again, problems = evaluate_model(doc.model, converted, NATIONAL)
    assert problems == []
    strip = [[(r["score"], r["met"], r["status"]) for r in p["indicators"]] for p in first["projects"]]
    assert strip == [[(r["score"], r["met"], r["status"]) for r in p["indicators"]] for p in again["projects"]]


def test_unscored_execution_still_shows_the_figures_given(tmp_path):
    out = tmp_path / "nx.html"
    run(SEED_EXAMPLE, "--actuals", ACTUALS, "--profile", NINGXIA, "--to", "html", "-o", out)
    head = texts(grid(read(out.read_text(encoding="utf-8")).sheets[0].tables[0]))
    assert head[3][3:] == ["571", "571", "560万元", "—", "—", "—"]


def test_the_selfeval_table_prints_on_a4_pages(tmp_path):
    """A real browser prints the seed's 自评表: A4, one table per project starting a new page,
    nothing outside the margins, and the scores readable in the PDF text."""
    import pdftools

    pdftools.require("pdftotext")
    browser = pdftools.require("chromium")
    html = run(SEED_EXAMPLE, "--actuals", ACTUALS, "--to", "html").stdout
    pdf = pdftools.print_pdf(browser, html, tmp_path)
    width, _ = pdftools.page_size(pdf)
    assert (width, _) == pytest.approx(pdftools.A4_PT, abs=1)
    pages = pdftools.pages(pdf)
    assert sum(p.startswith("项目支出绩效自评表") for p in pages) == 5
    boxes = [b for page in pdftools.word_boxes(pdf) for b in page]
    assert min(b[0] for b in boxes) >= 12 * pdftools.MM
    assert max(b[2] for b in boxes) <= width - 12 * pdftools.MM
    text = pdftools.squeeze("".join(pages))
    assert "服务窗口工作人员数量=35人33人10.009.43" in text
    assert "总分100.0094.74百分制94.74，等级：优" in text


def test_the_same_path_in_two_goals_is_told_apart_by_the_goal(tmp_path):
    perf = tmp_path / "g.perf"
    perf.write_text(
        '项目 测试 {\n  预算 10\n  年度目标 1 "x" {\n    产出 / 数量 {\n      完成率: ≥90%\n    }\n  }\n'
        '  年度目标 2 "y" {\n    产出 / 数量 {\n      完成率: ≥80%\n    }\n  }\n}\n',
        encoding="utf-8",
    )
    actuals = tmp_path / "a.json"
    actuals.write_text(
        '{"format": "perflang-actuals/1", "projects": {"测试": {"indicators": {"产出/数量/完成率": "85%"}}}}',
        encoding="utf-8",
    )
    result = run(perf, "--actuals", actuals, "--to", "json")
    assert "年度目标1/产出指标/数量指标/完成率、年度目标2/产出指标/数量指标/完成率" in result.stderr
    actuals.write_text(
        '{"format": "perflang-actuals/1", "projects": {"测试": {"indicators": '
        '{"年度目标1/产出指标/数量指标/完成率": "85%", "年度目标2/产出指标/数量指标/完成率": "85%"}}}}',
        encoding="utf-8",
    )
    data = json.loads(run(perf, "--actuals", actuals, "--to", "json").stdout)
    assert [r["score"] for r in data["projects"][0]["indicators"]] == ["23.61", "25.00"]  # 25 × 85/90


def _schema(name):
    from importlib import resources

    return json.loads(resources.files("perflang").joinpath("schema", name).read_text("utf-8"))


def test_results_and_example_actuals_follow_their_schemas(seed_json):
    import jsonschema

    jsonschema.validate(seed_json, _schema("perflang-eval-2.schema.json"))
    actuals = json.loads(ACTUALS.read_text(encoding="utf-8"))
    jsonschema.validate(actuals, _schema("perflang-actuals-1.schema.json"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**seed_json, "format": "perflang-eval/1"}, _schema("perflang-eval-2.schema.json"))
    # perflang-eval/2 keeps every key of perflang-eval/1: a result without the new keys and
    # with the old format is a perflang-eval/1 result
    new = ("id", "goal_id", "goal_kind", "goal")
    old = {
        **seed_json,
        "format": "perflang-eval/1",
        "projects": [
            {
                **{k: v for k, v in p.items() if k != "id"},
                "indicators": [{k: v for k, v in r.items() if k not in new} for r in p["indicators"]],
            }
            for p in seed_json["projects"]
        ],
    }
    jsonschema.validate(old, _schema("perflang-eval-1.schema.json"))


@LAWS
@given(cases, st.sampled_from([None, str(NINGXIA)]))
def test_every_result_follows_the_schema(case, profile_path):
    import jsonschema

    doc, actuals = case
    jsonschema.validate(actuals.data, _schema("perflang-actuals-1.schema.json"))
    result, _ = evaluate_model(doc.model, actuals.data, load_profile(profile_path))
    jsonschema.validate(json.loads(json.dumps(result)), _schema("perflang-eval-2.schema.json"))
