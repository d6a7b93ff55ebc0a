"""One layout per form (issue 23): every preset and form file prints the same cells in HTML,
PDF, xlsx and docx, `--form` choosing it for every format.  The cell texts of each format are
read back independently (tests/formcells.py) and compared: the lines above the table, every
row's cells (a merged cell once), the footer.  The PDF is the HTML printed by Chromium: its
text holds the very characters of the HTML's cells and lines.  LibreOffice's print of the
申报表 shows its stamp line and its footer."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pdftools
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from formcells import docx_pages, html_pages, xlsx_pages

from perflang.cli import cli

FORM_FILE = EXAMPLES / "forms" / "yueyang-infrastructure.toml"
TWO_GOALS = Path(__file__).parent / "fixtures" / "goals" / "two-annual-goals.perf"  # 表样 申报表
# (example, --form): each preset as a file names it, each chosen on the command line, the form file
CASES = [
    ("ezhou-data-bureau", None),
    ("xiangtan-fog-cannon", None),
    ("qingshan-education-target", None),
    ("yueyang-farmland", None),
    ("ezhou-data-bureau", "申报表"),
    ("ezhou-data-bureau", "目标表"),
    ("xiangtan-fog-cannon", "批复表"),
    ("qingshan-education-target", "declaration"),
    ("ezhou-data-bureau", str(FORM_FILE)),
    (str(TWO_GOALS), None),
    (str(TWO_GOALS), "批复表"),
    (str(TWO_GOALS), "目标表"),
]
IDS = [f"{Path(e).stem}{'--form ' + Path(f).name if f else ''}" for e, f in CASES]


def build(example: str, form: str | None, fmt: str, tmp_path: Path) -> bytes:
    out = tmp_path / f"{Path(example).stem}.{fmt}"
    path = example if example.endswith(".perf") else EXAMPLES / f"{example}.perf"
    args = ["build", str(path), "--to", fmt, "-o", str(out)]
    done = CliRunner().invoke(cli, args + (["--form", form] if form else []))
    assert done.exit_code == 0, done.output
    return out.read_bytes()


@pytest.mark.parametrize("example, form", CASES, ids=IDS)
def test_html_xlsx_and_docx_hold_the_same_cells(example, form, tmp_path):
    html = html_pages(build(example, form, "html", tmp_path).decode("utf-8"))
    assert html and all(page["rows"] for page in html)
    assert xlsx_pages(build(example, form, "xlsx", tmp_path)) == html
    assert docx_pages(build(example, form, "docx", tmp_path)) == html


def test_the_declaration_has_its_stamp_column_and_footer_in_every_format(tmp_path):
    """The 申报表 (湘潭 2023, tests/fixtures/reference/02): 填报单位（盖章） above the table, the
    绩效标准 column, 财政部门审核意见 / 填表人 … 单位负责人签字 under it — in xlsx and docx too
    (they printed the 批复表's layout retitled before)."""
    for fmt, read in (("xlsx", xlsx_pages), ("docx", docx_pages)):
        page = read(build("xiangtan-fog-cannon", None, fmt, tmp_path))[0]
        assert page["lines"] == [
            "2023年项目支出绩效目标申报表",
            "填报单位（盖章）：湘潭市环境卫生管理处",
            "单位：万元",
        ], fmt
        assert ["一级指标", "二级指标", "三级指标", "指标值及单位", "绩效标准"] in page["rows"], fmt
        assert page["footer"] == [
            "财政部门审核意见：",
            "填表人：宋云花　　联系电话：16607326331　　填报日期：　　单位负责人签字：",
        ], fmt


def _characters(texts) -> Counter:
    return Counter(ch for t in texts for ch in t if not ch.isspace())


@pytest.mark.parametrize("example, form", CASES, ids=IDS)
def test_the_pdf_prints_the_html_cells(example, form, tmp_path):
    """Chromium prints the HTML: the PDF's text holds exactly the characters of the HTML's
    lines, cells and footer (pdftotext; order aside, as columns interleave on a line)."""
    pdftools.require("chromium")
    pdftools.require("pdftotext")
    pages = html_pages(build(example, form, "html", tmp_path).decode("utf-8"))
    pdf = tmp_path / "out.pdf"
    pdf.write_bytes(build(example, form, "pdf", tmp_path))
    printed = "".join(pdftools.pages(pdf))
    expected = [t for p in pages for t in (*p["lines"], *(c for r in p["rows"] for c in r), *p["footer"])]
    assert _characters([printed]) - _characters(expected) == Counter()
    assert _characters(expected) - _characters([printed]) == Counter()


def test_libreoffice_prints_the_declarations_stamp_line_and_footer(tmp_path):
    import test_office_print as printing

    for fmt in ("xlsx", "docx"):
        pdf = printing.convert(build("xiangtan-fog-cannon", None, fmt, tmp_path), fmt, tmp_path)
        text = pdftools.squeeze("".join(pdftools.pages(pdf)))
        for line in (
            "填报单位（盖章）：湘潭市环境卫生管理处",
            "单位：万元",
            "绩效标准",
            "财政部门审核意见：",
            "填表人：宋云花",
            "单位负责人签字：",
        ):
            assert pdftools.squeeze(line) in text, (fmt, line)


GOAL1, GOAL2 = "完成县乡道路日常养护120公里", "完成危桥改造3座"


@pytest.mark.parametrize("fmt", ["html", "xlsx", "docx"])
def test_two_annual_goals_are_labelled_on_the_declaration(fmt, tmp_path):
    """Issue 23: the 申报表 merged two goals' rows into one table, so 沿线群众满意度 (in both)
    stood twice with nothing to tell them apart.  Each goal's rows now follow a row with its
    label, and the goal texts are numbered the same way."""
    data = build(str(TWO_GOALS), None, fmt, tmp_path)
    page = (html_pages(data.decode("utf-8")) if fmt == "html" else {"xlsx": xlsx_pages, "docx": docx_pages}[fmt](data))[
        0
    ]
    rows = page["rows"]
    assert ["本年度绩效目标", f"年度目标1：{GOAL1}\n年度目标2：{GOAL2}"] in rows
    first, second = rows.index(["年度目标1"]), rows.index(["年度目标2"])
    names = [r[2] for r in rows if len(r) == 5 and r[0] != "一级指标"]
    assert names == ["日常养护里程", "沿线群众满意度", "危桥改造座数", "沿线群众满意度"]
    assert rows[first + 1][2] == "日常养护里程" and rows[second + 1][2] == "危桥改造座数"


def test_two_annual_goals_are_labelled_on_the_approval_form(tmp_path):
    rows = html_pages(build(str(TWO_GOALS), "批复表", "html", tmp_path).decode("utf-8"))[0]["rows"]
    assert ["年度绩效目标1", GOAL1] in rows and ["年度绩效目标2", GOAL2] in rows
    labelled = [(r[0], r[3]) for r in rows if len(r) == 6 and r[0].startswith("年度目标")]
    assert labelled == [("年度目标1", "日常养护里程"), ("年度目标2", "危桥改造座数")]
    # the 目标名称 cell spans its goal's rows: the second 沿线群众满意度 row is under 年度目标2
    shared = [r for r in rows if "沿线群众满意度" in r]
    assert len(shared) == 2
