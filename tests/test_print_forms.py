"""The printed forms in a real browser (headless Chromium, read back with poppler): fonts
embedded as real fonts (no Type 3), small pages, merged 目标名称/一级/二级 text repeated on every
continuation page, a one-page table on one page, values never broken inside a token, and each
preset's PDF.  Skipped only when chromium/poppler (or the TrueType CJK fonts) are missing
outside CI; in CI (CI=true) they must run."""

from __future__ import annotations

import re
import shutil
import subprocess

import pdftools
import pytest
from conftest import EXAMPLES, SEED_EXAMPLE
from pdftools import squeeze
from test_browser import _long_project

from perflang.api import compile_file, compile_text
from perflang.backends.html import render

TRUETYPE_CJK = ("AR PL UMing CN", "WenQuanYi Zen Hei")  # fonts-arphic-uming, fonts-wqy-zenhei


@pytest.fixture(scope="module")
def browser():
    pdftools.require("pdftotext")
    pdftools.require("pdffonts")
    return pdftools.require("chromium")


def _pdf(browser, html: str, tmp_path_factory, name: str):
    return pdftools.print_pdf(browser, html, tmp_path_factory.mktemp(name))


@pytest.fixture(scope="module")
def seed_pdf(browser, tmp_path_factory):
    return _pdf(browser, render(compile_file(SEED_EXAMPLE).model), tmp_path_factory, "seed")


@pytest.fixture(scope="module")
def long_pdf(browser, tmp_path_factory):
    return _pdf(browser, render(compile_text(_long_project()).model), tmp_path_factory, "long")


def fonts(pdf) -> list[tuple[str, str, str]]:
    """(name, type, embedded) of every font in the PDF (pdffonts)."""
    out = subprocess.run(
        [pdftools.require("pdffonts"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    rows = []
    for line in out:
        m = re.match(r"(\S+)\s+(Type 3|CID TrueType|TrueType|CID Type 0C|Type 1C|Type 1|\S+)\s+\S+\s+(yes|no)", line)
        assert m, line
        rows.append(m.groups())
    return rows


def _truetype_fonts_installed() -> None:
    fc = shutil.which("fc-list")
    listed = subprocess.run([fc, ":", "family"], capture_output=True, text=True).stdout if fc else ""
    missing = [f for f in TRUETYPE_CJK if f not in listed]
    if missing:
        if pdftools.in_ci():
            pytest.fail(f"fonts {missing} missing in CI: .ci/run must install fonts-arphic-uming fonts-wqy-zenhei")
        pytest.skip(f"TrueType CJK fonts {missing} not installed (apt-get install fonts-arphic-uming fonts-wqy-zenhei)")


def test_fonts_are_embedded_truetype_not_type3(seed_pdf, long_pdf):
    _truetype_fonts_installed()
    for pdf in (seed_pdf, long_pdf):
        found = fonts(pdf)
        assert found
        assert [f for f in found if f[1] == "Type 3"] == []
        assert all(embedded == "yes" for _, _, embedded in found)
        assert {t for _, t, _ in found} == {"CID TrueType"}


def test_pages_are_small(seed_pdf):
    _truetype_fonts_installed()
    pages = int(pdftools.info(seed_pdf)["Pages"])
    assert seed_pdf.stat().st_size / pages < 100_000  # Type 3 glyphs made 100-320 KB a page


def test_merged_cells_repeat_their_text_on_every_continuation_page(long_pdf):
    texts = pdftools.pages(long_pdf)
    assert len(texts) >= 3
    for k, text in enumerate(texts[1:], start=2):
        lines = text.splitlines()
        assert (
            lines[0] == "年度绩效目标表" and lines[1] == "目标名称 一级指标 二级指标 三级指标 指标值 指标值确定依据"
        ), k
        # the first indicator row on the page carries the goal, its 一级 and its 二级
        first_row = squeeze("".join(lines[2:5]))
        assert re.match(r"年度目标1(产出指标|效益指标)(数量指标|质量指标|社会效益指标)第\d组", first_row), (
            k,
            first_row,
        )


def test_rows_stay_in_order_and_none_is_lost(long_pdf):
    text = squeeze("".join(pdftools.pages(long_pdf)))
    names = [f"第{g}组第{i}项" for g in range(3) for i in range(20)]
    positions = [text.find(n) for n in names]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


ONE_PAGE = """申报单位 中共某市委党校
金额单位 万元
年度 2022
项目 干部教育培训经费 {
  预算 164
  主管部门 中共某市委党校
  实施单位 中共某市委党校
  项目属性 经常性项目
  项目期 2022年
  字段 项目负责人: 张三
  字段 联系电话: 0710-1234567
  字段 项目类型: 一般性项目
  字段 绩效目标类型: 年度目标
  字段 预算编码: 420600-2022-000123
  资金 当年财政资金: 132
  资金 当年其他资金: 32
  年度目标 1 "完成主体班次培训任务，提升干部教育培训质量，保障教学科研工作正常运转，推进党校事业高质量发展；围绕中心服务大局，完成市委交办的决策咨询任务，加强师资队伍建设和教学管理，确保各项经费使用规范、安全、有效。" {
    产出 / 数量 {
      主体班次培训人次: ≥3000人次
      举办主体班次: ≥20期
      开发精品课程: ≥10门
      完成科研课题: ≥15项
    }
    产出 / 质量 {
      学员培训合格率: ≥98%
      课程评估优良率: ≥90%
    }
    产出 / 时效 {
      培训任务按期完成率: 100%
    }
    产出 / 成本 {
      人均培训成本: ≤500元
    }
    效益 / 社会效益 {
      干部理论素养提升: 明显提升
      决策咨询成果采纳数: ≥5项
    }
    效益 / 可持续影响 {
      培训体系持续完善: 长期
    }
    满意度 / 服务对象满意度 {
      学员满意度: ≥95%
      委托单位满意度: ≥90%
    }
  }
}
"""


def test_a_thirteen_row_table_stays_on_one_page(browser, tmp_path_factory):
    """Issue 12: a 13-row table with a 13-row header block, one page in the original, pushed its
    last row onto page 2 with the old print CSS (checked: 2 pages then, 1 now)."""
    model = compile_text(ONE_PAGE).model
    assert sum(len(g.indicators) for g in model.projects[0].goals) == 13
    pdf = _pdf(browser, render(model), tmp_path_factory, "one")
    assert int(pdftools.info(pdf)["Pages"]) == 1
    assert "委托单位满意度 ≥90%" in pdftools.pages(pdf)[0]


def test_values_are_never_broken_inside_a_token(seed_pdf):
    lines = "\n".join(pdftools.pages(seed_pdf)).splitlines()
    model = compile_file(SEED_EXAMPLE).model
    values = {
        i.target.text
        for p in model.projects
        for g in p.goals
        for i in g.indicators
        if any(ch.isdigit() for ch in i.target.text)
    }
    assert values
    for v in values:
        assert any(v in line for line in lines), v


@pytest.mark.parametrize(
    "example, title, footer",
    [
        ("ezhou-data-bureau", "项目支出绩效目标批复表", None),
        ("xiangtan-fog-cannon", "2023年项目支出绩效目标申报表", "财政部门审核意见："),
        ("qingshan-education-target", "项目支出绩效目标表", None),
        ("yueyang-farmland", "绩效目标申报表(基础设施建设类)", "注:各地请根据实际情况"),
    ],
)
def test_each_form_prints_on_a4_with_its_title_and_footer(browser, tmp_path_factory, example, title, footer):
    model = compile_file(EXAMPLES / f"{example}.perf").model
    pdf = _pdf(browser, render(model), tmp_path_factory, example)
    assert pdftools.page_size(pdf) == pytest.approx(pdftools.A4_PT, abs=1)
    texts = pdftools.pages(pdf)
    assert texts[0].splitlines()[0] == title
    if footer:
        assert footer in texts[-1]
    if example != "ezhou-data-bureau":
        assert len(texts) == 1
