"""The 自评表 as each region prints it (issue 23, item 3): a profile names its printed form; the
built-in hubei and sichuan profiles print their published layouts, held here to the published
tables' headers and labels (tests/fixtures/real/65, 66 for 湖北, 26-28 for 四川: the cells copied
from those files, line by line), in HTML, xlsx and docx alike; the funds rows carry the amounts
the file's 资金 lines declare; the sign-off lines; a result with errors is not printed as a
total; scores are number cells everywhere; several goals are labelled."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pdftools
import pytest
from click.testing import CliRunner
from formcells import docx_pages, html_pages, xlsx_pages

from perflang.cli import cli

ROOT = Path(__file__).resolve().parent
FIX = ROOT / "fixtures" / "selfeval"
REAL = ROOT / "fixtures" / "real"
HUBEI = (FIX / "65_huanggang_soil_monitoring.perf", FIX / "65_huanggang_soil_monitoring.json")
HUBEI_OCR = (FIX / "66_yangtze_fishing_ban.perf", FIX / "66_yangtze_fishing_ban.json")
SICHUAN = (FIX / "26_27_daying.perf", FIX / "26_27_daying.json")
SEED = (ROOT.parent / "examples" / "ezhou-data-bureau.perf", ROOT.parent / "examples" / "ezhou-actuals.json")
READ = {"html": lambda b: html_pages(b.decode("utf-8")), "xlsx": xlsx_pages, "docx": docx_pages}


def run(case, fmt: str, tmp_path: Path, *extra: str):
    perf, actuals = case
    out = tmp_path / f"out.{fmt}"
    done = CliRunner().invoke(cli, ["eval", str(perf), "--actuals", str(actuals), "--to", fmt, "-o", str(out), *extra])
    return done, (out.read_bytes() if out.exists() else b"")


def pages(case, fmt: str, tmp_path: Path, *extra: str) -> list[dict]:
    done, data = run(case, fmt, tmp_path, *extra)
    assert done.exit_code == 0, done.output
    return READ[fmt](data)


def flat(page: dict) -> dict:
    """A page with every cell's line breaks taken out (the office files break a figure or a
    header where the HTML may: 年度|指标值)."""
    return {k: [[c.replace("\n", "") for c in r] for r in v] if k == "rows" else v for k, v in page.items()}


def published(name: str) -> list[list[str]]:
    """A published table's rows, as transcribed (tab-separated cells)."""
    path = next(REAL.glob(f"{name}_*.txt"))
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def numbers(row) -> list[str]:
    """A row with its plain decimals as numbers (the form prints 90.00 where the table prints 90)."""
    from decimal import Decimal, InvalidOperation

    from perflang.decimals import decimal_text

    out = []
    for c in row:
        try:
            out.append(decimal_text(Decimal(c)) if c and c[0].isdigit() else c)
        except InvalidOperation:
            out.append(c)
    return out


# -- 湖北 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "xlsx", "docx"])
def test_hubei_prints_the_published_hubei_layout(fmt, tmp_path):
    """黄冈 2020 (real/65) printed by `评分方案 湖北`: the title, 单位名称 / 填报日期, the header
    rows and their labels, 预算执行情况(万元)(20分) with its columns, one block per goal titled
    年度绩效目标1(40分) / 2(40分) with its own header row, 总分 99.6, the two text rows, the 备注."""
    page = flat(pages(HUBEI, fmt, tmp_path)[0])
    source = published("65")
    assert page["lines"] == [
        "2020年度水土保持监测项目绩效自评表",
        "单位名称：黄冈市水土保持与农田水利科研所",
        "填报日期：2021年3月10日",
    ]
    assert source[0] == ["2020年度水土保持监测项目绩效自评表"]
    assert source[1] == ["单位名称:黄冈市水土保持与农田水利科研所", "填报日期:2021年3月10日"]
    rows = page["rows"]
    assert rows[0] == ["项目名称", "水土保持监测"] == source[2]
    assert rows[1] == ["主管部门", "黄冈市水利和湖泊局", "项目实施单位", "本单位"] == source[3]
    assert rows[2:5] == source[4:7]  # 项目类别 / 项目属性 / 项目类型 with the published option texts
    assert rows[5] == source[7]  # 预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分(20分*执行率)
    assert rows[6][0] == source[8][0] == "年度财政资金总额"
    assert [float(x) for x in (rows[6][1], rows[6][2], rows[6][4])] == [10, 10, 20]
    goal_heads = [r for r in rows if r[0].startswith("年度绩效目标")]
    assert goal_heads == [source[9], source[13]]  # 年度绩效目标1(40分) | 一级指标 … 得分, and goal 2's
    scored = {r[-4]: float(r[-1]) for r in rows if len(r) >= 4 and r[-4] in ("监测数据必须合格", "整编资料审核")}
    assert scored == {"监测数据必须合格": 10.0, "整编资料审核": 19.6}
    total = next(r for r in rows if r[0] == "总分")
    assert [total[0], float(total[1])] == [source[18][0], float(source[18][1])]  # 总分 | 99.6
    assert [r[0] for r in rows[-2:]] == [
        source[19][0],
        source[20][0],
    ]  # 偏差大或目标未完成原因分析, 改进措施及结果应用方案
    notes = "".join(page["footer"])
    assert (
        source[21][0].startswith("备注:1.预算执行情况口径:预算数为调整后财政资金")
        and "备注：1.预算执行情况口径：预算数为调整后财政资金" in notes
    )
    assert "单位领导审签：" in notes  # the sign-off line


def test_hubei_one_goal_block_carries_the_80_points(tmp_path):
    """The 长江禁捕 form (real/66): one goal, its block 年度绩效目标1(80分), 总分 100."""
    rows = flat(pages(HUBEI_OCR, "html", tmp_path)[0])["rows"]
    assert [r[0] for r in rows if r[0].startswith("年度绩效目标")] == ["年度绩效目标1(80分)"]
    assert next(r for r in rows if r[0] == "总分")[1] == "100.00"
    assert rows[-2:] == [["偏差大或目标未完成原因分析", "无"], ["改进措施及结果应用方案", "无"]]  # as printed


# -- 四川 ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "xlsx", "docx"])
def test_sichuan_prints_the_published_2023_layout(fmt, tmp_path):
    """大英 2023 (real/26, 27; 28 for 报表编号 and 实施单位 (盖章)) printed by `评分方案 四川`."""
    first, second = (flat(p) for p in pages(SICHUAN, fmt, tmp_path))
    s26, s27, s28 = published("26"), published("27"), published("28")
    assert first["lines"] == [s28[0][0].replace(":", ":"), s26[0][0]]  # 报表编号:510000_0013zp, the title
    rows = first["rows"]
    assert rows[0] == s26[1]  # 项目名称 | 51092324T000010263357-…
    assert rows[1] == [s28[3][0], "大英县司法局部门", s28[3][2], "大英县司法局"]  # 实施单位 (盖章)
    assert rows[2] == [
        c for c in s26[3] if c
    ]  # 项目基本情况 | 1.项目年度目标完成情况 | 项目年度目标 | 年度目标完成情况
    assert rows[3] == [c for c in s26[4] if c]  # the goal and 完成
    assert rows[4][0] == s26[5][1]  # 2.项目实施内容及过程概述
    assert rows[5] == s26[6]  # 预算执行情况(10分) | 年度预算数(万元) | 年初预算 | … | 权重 | 得分 | 原因
    assert [r[0] for r in rows[6:11]] == [
        r[1] for r in s26[7:12]
    ]  # 总额, 其中:财政资金, 财政专户管理资金, 单位资金, 其他资金
    assert rows[6][1:7] == ["0.00", "3.36", "3.36", "100.00%", "10.00", "10.00"]  # as printed (10 | 10)
    assert [r[5:7] for r in rows[7:11]] == [["/", "/"]] * 4
    assert rows[11] == [c for c in s26[12] if c]  # 绩效指标(90分) | 一级指标 … 未完成原因分析
    tail = second["rows"]
    row = next(r for r in tail if "成本控制数" in r)
    assert numbers(row[-10:-1]) == s27[1][1:10]  # 产出指标 | 经济成本指标 | 成本控制数 | ≤ | 30 | 万元 | 完成 | 90 | 90
    total = next(r for r in tail if r[0] == "合计")
    # 合计 | 100 as printed is 10 + 90; the funds block of 27 is not in the store (page 20), so the
    # funds line is not scored here and the 权重 column adds up to the 90 of the indicators
    assert total[0] == s27[2][0] == "合计" and numbers(total[1:3]) == ["90", "90"]
    assert [r[0] for r in tail[-3:]] == [r[0] for r in s27[3:6]]  # 评价结论, 存在问题, 改进措施
    assert tail[-3][1] == s27[3][1]
    assert second["footer"][-1].startswith("项目负责人：") and "财务负责人：" in second["footer"][-1]


# -- every format the same, the funds rows, the sign-off, errors, numbers --------------------------

FORMS = {"national": (*SEED, "--profile", "national"), "hubei": HUBEI, "sichuan": SICHUAN}


@pytest.mark.parametrize("case", sorted(FORMS))
def test_the_four_formats_print_the_same_cells(case, tmp_path):
    perf, actuals, *extra = FORMS[case]
    html = [flat(p) for p in pages((perf, actuals), "html", tmp_path, *extra)]
    assert [flat(p) for p in pages((perf, actuals), "xlsx", tmp_path, *extra)] == html
    assert [flat(p) for p in pages((perf, actuals), "docx", tmp_path, *extra)] == html
    pdftools.require("chromium")
    pdftools.require("pdftotext")
    done, pdf = run((perf, actuals), "pdf", tmp_path, *extra)
    (tmp_path / "o.pdf").write_bytes(pdf)
    printed = Counter(ch for ch in "".join(pdftools.pages(tmp_path / "o.pdf")) if not ch.isspace())
    expected = Counter(
        ch
        for p in html
        for t in (*p["lines"], *(c for r in p["rows"] for c in r), *p["footer"])
        for ch in t
        if not ch.isspace()
    )
    assert printed == expected


DECLARED = """申报单位 某县交通运输局
年度 2024
评分方案 {profile}
项目 农村公路养护 {{
  预算 280
  主管部门 某县交通运输局
  资金 财政拨款: 200
  资金 上年结转资金: 50
  资金 单位自筹: 30万元
  字段 填表人: 张三
  字段 填报日期: 2025年1月10日
  年度目标 1 "完成县乡道路日常养护120公里" {{
    产出 / 数量 {{
      日常养护里程: ≥120公里
    }}
  }}
  年度目标 2 "完成危桥改造3座" {{
    产出 / 数量 {{
      危桥改造座数: ≥3座
    }}
  }}
}}
"""


def _declared(tmp_path, profile: str, actuals: dict | None = None):
    perf = tmp_path / "d.perf"
    perf.write_text(DECLARED.format(profile=profile), encoding="utf-8")
    path = tmp_path / "d.json"
    data = actuals or {"executed": "270", "indicators": {"日常养护里程": "120公里", "危桥改造座数": "3座"}}
    path.write_text(
        json.dumps({"format": "perflang-actuals/1", "projects": {"农村公路养护": data}}, ensure_ascii=False),
        encoding="utf-8",
    )
    return perf, path


def test_the_funds_rows_carry_the_declared_amounts(tmp_path):
    """资金 财政拨款: 200 … printed on the 自评表's 其中 rows (they were empty): 年初预算数 and, not
    given otherwise, 全年预算数."""
    rows = flat(pages(_declared(tmp_path, "全国"), "html", tmp_path)[0])["rows"]
    funds = {r[0]: r[1:4] for r in rows if r[0] in ("其中：财政拨款", "上年结转", "其他资金")}
    assert funds == {"其中：财政拨款": ["200", "200", ""], "上年结转": ["50", "50", ""], "其他资金": ["30", "30", ""]}
    rows = flat(pages(_declared(tmp_path, "四川"), "xlsx", tmp_path)[0])["rows"]
    funds = {r[0]: r[1:3] for r in rows if r and r[0] in ("其中:财政资金", "单位资金", "其他资金")}
    assert funds == {"其中:财政资金": ["200", "200"], "单位资金": ["30", "30"], "其他资金": ["50", "50"]}


@pytest.mark.parametrize("profile, goals", [("全国", "national"), ("湖北", "hubei"), ("四川", "sichuan")])
def test_two_goals_are_labelled_and_the_sign_off_lines_printed(profile, goals, tmp_path):
    page = flat(pages(_declared(tmp_path, profile), "html", tmp_path)[0])
    labels = [r[0] for r in page["rows"]]
    if goals == "hubei":
        assert "年度绩效目标1(40分)" in labels and "年度绩效目标2(40分)" in labels
    else:
        assert "年度目标1" in labels and "年度目标2" in labels  # each goal's rows under its label
        assert any(
            r[-1].startswith("年度目标1：完成县乡道路") or "年度目标1：完成县乡道路" in "".join(r) for r in page["rows"]
        )
    footer = "".join(page["footer"])
    assert "填表人" in footer or "负责人" in footer or "审签" in footer
    if goals == "national":
        assert "填表人：张三" in footer and "填报日期：2025年1月10日" in footer


@pytest.mark.parametrize("profile", ["全国", "湖北", "四川"])
def test_a_result_with_errors_is_not_printed_as_a_total(profile, tmp_path):
    bad = {"executed": "270", "indicators": {"日常养护里程": "很多", "危桥改造座数": "3座"}}
    perf, actuals = _declared(tmp_path, profile, bad)
    for fmt in ("html", "xlsx"):
        done, data = run((perf, actuals), fmt, tmp_path)
        assert done.exit_code == 1 and "PF507" in done.stderr
        text = "".join(c for r in READ[fmt](data)[0]["rows"] for c in r)
        assert "未计总分" in text, (profile, fmt)
        assert "百分制" not in text
    done = CliRunner().invoke(cli, ["eval", str(perf), "--actuals", str(actuals)])
    assert "未计" in done.stdout and "百分制" not in done.stdout


@pytest.mark.parametrize("case", sorted(FORMS))
def test_scores_are_number_cells_everywhere(case, tmp_path):
    """Every weight and score of the workbook is a number cell, a score given by hand too (its
    status beside it, in the 偏差原因 column)."""
    from io import BytesIO

    from openpyxl import load_workbook

    perf, actuals, *extra = FORMS[case]
    done, data = run((perf, actuals), "xlsx", tmp_path, *extra)
    assert done.exit_code in (0, 1)
    hand_scored = 0
    for ws in load_workbook(BytesIO(data)).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("（人工评分）"):
                    hand_scored += 1
                # a weight or a score (written with 2 places) is never a text cell
                text = cell.value if isinstance(cell.value, str) else ""
                assert not (text.replace(".", "", 1).isdigit() and "." in text), (ws.title, cell.coordinate, text)
    assert case != "national" or hand_scored == 1


def test_a_form_file_changes_the_texts_and_eval_form_chooses_the_form(tmp_path):
    form = tmp_path / "我的自评表.toml"
    form.write_text('"基于" = "湖北自评表"\n"表尾" = ["单位负责人：　　　　　　经办人："]\n', encoding="utf-8")
    page = pages(SEED, "html", tmp_path, "--form", str(form))[0]
    assert page["footer"][-1] == "单位负责人：　　　　　　经办人："
    assert any(r[0].startswith("年度绩效目标") for r in page["rows"])  # the Hubei blocks
    page = pages(HUBEI, "html", tmp_path, "--form", "自评表")[0]  # the national form for a Hubei file
    assert page["lines"][0] == "项目支出绩效自评表"
    done, _ = run(SEED, "html", tmp_path, "--form", "汇总表")
    assert done.exit_code == 2 and "PF916" in done.output


@pytest.mark.parametrize(
    "profile, title", [("hubei", "2024年度法律顾问项目绩效自评表"), ("sichuan", "部门预算项目支出绩效自评表(2024年度)")]
)
def test_eval_profile_prints_its_regions_form(profile, title, tmp_path):
    """`eval --profile hubei` / `--profile sichuan` on a file that names no profile: the region's
    form (the guide's 法律顾问 example, docs/zh/examples)."""
    zh = ROOT.parent / "docs" / "zh" / "examples"
    page = pages((zh / "法律顾问.perf", zh / "法律顾问-实际完成值.csv"), "html", tmp_path, "--profile", profile)[0]
    assert title in page["lines"]
