"""`perflang eval --to xlsx|docx`: the 项目支出绩效自评表 as an Excel workbook and a Word
document.  Read back with openpyxl and python-docx: the same cells, texts and merged cells as
the HTML 自评表 (tests/htmlgrid.py reads that), amounts and scores as number cells; the values
checked against their sources (examples/ezhou-data-bureau.perf with examples/ezhou-actuals.json,
and the published 鄂州市财政局 table tests/fixtures/real/30_… transcribed in
tests/fixtures/selfeval/30_31_ezhou_finance.*, scored with its profile ezhou-2019); the same
bytes twice; a terminal or a bad -o refused with a diagnostic.  Then LibreOffice prints both
(as tests/test_office_print.py does for the 批复表): A4, one page per project, every word
inside the margins, none over a border."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import formcells
import htmlgrid
import pdftools
import pytest
import test_office_print as printing
from click.testing import CliRunner

from perflang.api import compile_file
from perflang.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "examples" / "ezhou-data-bureau.perf", ROOT / "examples" / "ezhou-actuals.json")
FIX = ROOT / "tests" / "fixtures" / "selfeval"
FINANCE = (FIX / "30_31_ezhou_finance.perf", FIX / "30_31_ezhou_finance.json")  # profile: its 评分方案 line
MADE = ROOT / "tests" / "fixtures" / "evaloffice"  # made-up: a long table, a form with 小计 rows
SUBTOTALS = (*EXAMPLE, "--profile", str(MADE / "subtotals.toml"))
LONG = (MADE / "long-table.perf", MADE / "long-table.json", "--profile", str(MADE / "subtotals.toml"))
CASES = {"example": EXAMPLE, "published": FINANCE, "subtotals": SUBTOTALS, "long": LONG}
TITLE_ROWS = 2  # the title and the (年度) / 评分方案 line stand above the table


def _eval(case: str, fmt: str, *extra: str):
    perf, actuals, *options = CASES[case]
    return CliRunner().invoke(cli, ["eval", str(perf), "--actuals", str(actuals), *options, "--to", fmt, *extra])


def _bytes(case: str, fmt: str, tmp_path: Path) -> bytes:
    out = tmp_path / f"{case}.{fmt}"
    result = _eval(case, fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _flat(text) -> str:
    """A cell's text without its line breaks (the HTML breaks with <br>/<wbr>, which hold none)."""
    return "".join(str(text).split("\n"))


# -- the grids: (text, origin) per slot, origin = (row, column) where the merged cell starts ----


def html_grids(html: str) -> list[dict]:
    """Per 自评表 page: title, meta texts, and the rows of its two tables as one grid."""
    out = []
    for sheet in htmlgrid.read(html).sheets:
        rows = [row for table in sheet.tables for row in table]
        slots: dict[tuple[int, int], tuple[str, tuple[int, int]]] = {}
        for r, row in enumerate(rows):
            c = 0
            for cell in row:
                while (r, c) in slots:
                    c += 1
                # a merged cell the printout split at a page break (class cont) continues the
                # one above it: one merged cell on the form
                origin = slots[r - 1, c][1] if "cont" in cell.cls.split() else (r, c)
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        slots[r + dr, c + dc] = (_flat(cell.text), origin)
                c += cell.colspan
        out.append({"title": sheet.title, "meta": sheet.meta, "grid": _rect(slots)})
    return out


def _rect(slots: dict) -> list[list[tuple[str, tuple[int, int]]]]:
    height = max(r for r, _ in slots) + 1
    assert all((r, c) in slots for r in range(height) for c in range(9)), "not a 9-column rectangle"
    assert max(c for _, c in slots) == 8
    return [[slots[r, c] for c in range(9)] for r in range(height)]


def _shown(cell) -> str:
    """A workbook cell's text as printed: a number with the decimals of its number format."""
    if isinstance(cell.value, int | float):
        decimals = len(cell.number_format.partition(".")[2])
        return f"{D(str(cell.value)):.{decimals}f}"
    return _flat(cell.value or "")


def xlsx_grids(data: bytes) -> list[dict]:
    from openpyxl import load_workbook

    out = []
    for ws in load_workbook(io.BytesIO(data)).worksheets:
        origin = {}
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    origin[r, c] = (rng.min_row, rng.min_col)
        slots = {}
        last = max(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).border.left.style == "thin")
        for r in range(TITLE_ROWS + 1, last + 1):  # the table (the sign-off lines under it aside)
            for c in range(1, 10):
                o = origin.get((r, c), (r, c))
                slots[r - TITLE_ROWS - 1, c - 1] = (
                    _shown(ws.cell(*o)),
                    (o[0] - TITLE_ROWS - 1, o[1] - 1),
                )
        meta = [t for t in (ws.cell(2, 1).value, ws.cell(2, 6).value) if t]
        out.append({"title": ws.cell(1, 1).value, "meta": meta, "grid": _rect(slots), "sheet": ws})
    return out


def docx_grids(data: bytes) -> list[dict]:
    """Per project: the title and meta paragraphs and its two tables as one grid (python-docx
    gives a merged cell's own cell in every grid slot it covers)."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    heads = [page["lines"] for page in formcells.docx_pages(data)]  # title, then the meta line's parts
    out = []
    for k in range(0, len(doc.tables), 2):
        slots = {}
        first: dict = {}  # a cell's element (kept, so never another's) -> where it starts
        r0 = 0
        for table in doc.tables[k : k + 2]:
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row.cells):
                    o = first.setdefault(cell._tc, (r0 + r, c))
                    slots[r0 + r, c] = (_flat(cell.text), o)
            r0 += len(table.rows)
        title, *meta = heads[k // 2]
        out.append({"title": title, "meta": meta, "grid": _rect(slots)})
    return out


READ = {"xlsx": xlsx_grids, "docx": docx_grids}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """(case, format) -> bytes, and case -> the HTML's grids."""
    tmp = tmp_path_factory.mktemp("eval-office")
    out = {(case, fmt): _bytes(case, fmt, tmp) for case in CASES for fmt in ("xlsx", "docx")}
    for case in CASES:
        result = _eval(case, "html")
        assert result.exit_code == 0
        out[case] = html_grids(result.stdout)
    return out


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_same_cells_texts_and_merges_as_the_html(files, case, fmt):
    ours, html = READ[fmt](files[case, fmt]), files[case]
    assert len(ours) == len(html) == len(json.loads(_eval(case, "json").stdout)["projects"])
    for k, (got, want) in enumerate(zip(ours, html)):
        assert got["title"] == want["title"] == "项目支出绩效自评表"
        assert got["meta"] == [m for m in want["meta"] if m], k
        assert len(got["grid"]) == len(want["grid"]), k
        for r, (a, b) in enumerate(zip(got["grid"], want["grid"])):
            assert [t for t, _ in a] == [t for t, _ in b], (k, r)
            assert [o for _, o in a] == [o for _, o in b], (k, r)  # the same merged cells


def _row(grid, name: str) -> list[str]:
    rows = [[t for t, _ in row] for row in grid if row[3][0] == name]
    assert len(rows) == 1, name
    return rows[0]


def test_the_published_table_prints_its_printed_values(files):
    """Against tests/fixtures/real/30_hubei_ezhou_finance_third_party_selfeval_2019.txt: the
    project, 主管部门/实施单位, the funds row 287 | 287 | 171 | 10 | 6, each row's values and
    score, 总分 100 | 90; and the profile's Chinese name with the year above the table."""
    for fmt in ("xlsx", "docx"):
        page = READ[fmt](files["published", fmt])[0]
        grid = [[t for t, _ in row] for row in page["grid"]]
        assert page["meta"] == ["（2019年度）", "评分方案：湖北省鄂州市（2019）"]
        assert grid[0][2] == "购买第三方服务" and grid[1][2] == "市财政局" and grid[1][6] == "市财政局"
        funds = grid[3]
        assert funds[1] == "年度资金总额" and funds[3:6] == ["287", "287", "171"]
        assert D(funds[6]) == 10 and D(funds[8]) == 6  # whole points: 171/287 × 10 = 5.96 → 6
        assert funds[7] == f"{D(171) / D(287) * 100:.2f}%"
        assert grid[4][1:6] == ["其中：财政拨款"] * 2 + ["287", "287", "171"]
        printed = {  # 三级指标: 年度指标值, 实际完成值, 分值, 得分, 偏差原因 as printed
            "服务对象人数": ("100人次", "100人次", 15, 15, ""),
            "服务达标率": ("80%", "80%", 20, 20, ""),
            "完成时限": ("2019年", "2019年", 15, 15, ""),
            "计划完成率": ("90%", "60%", 20, 10, "部分项目延续至下年"),
            "财政工作运行效率": ("≥80%", "≥80%", 15, 15, ""),
            "受益群体满意度": ("90%", "90%", 15, 15, ""),
        }
        for name, (target, actual, weight, score, note) in printed.items():
            row = _row(page["grid"], name)
            assert row[4:6] == [target, actual] and D(row[6]) == weight, (fmt, name)
            assert D(row[7]) == score and row[8].removeprefix("（人工评分）") == note, (fmt, name)
        # the unit's judgement, said in the 偏差原因 column: the score itself is a plain number
        assert _row(page["grid"], "计划完成率")[8] == "（人工评分）部分项目延续至下年"
        total = grid[-1]
        assert total[0] == "总分" and D(total[6]) == 100 and D(total[7]) == 90
        assert D(total[7]) == sum(v[3] for v in printed.values())  # the funds row is outside 总分 here


def test_the_example_totals_are_the_scored_ones(files):
    """Every project's 总分 is the sum of its rows' scores and the funds row's (national
    rules), and equals the JSON result; the rows' values are those of the .perf and actuals."""
    result = _eval("example", "json")
    projects = json.loads(result.stdout)["projects"]
    for fmt in ("xlsx", "docx"):
        pages = READ[fmt](files["example", fmt])
        assert [p["grid"][0][2][0] for p in pages] == [p["name"] for p in projects]
        for page, project in zip(pages, projects):
            grid = [[t for t, _ in row] for row in page["grid"]]
            top = grid.index(next(r for r in grid if r[1] == "一级指标"))
            scores = [D(r[7]) for r in grid[top + 1 : -1]]
            assert len(scores) == len(project["indicators"])
            total = grid[-1]
            assert D(total[7]) == sum(scores) + D(grid[3][8]) == D(project["total"]), (fmt, project["name"])
            assert D(total[6]) == 100
        first = [[t for t, _ in row] for row in pages[0]["grid"]]
        assert first[3][3:6] == ["571", "571", "560"]  # 预算 571 (.perf), executed 560万元 (actuals)
        row = _row(pages[0]["grid"], "服务窗口工作人员数量")  # =35人, actual 33人: 10 × 33/35
        assert row[4:6] == ["=35人", "33人"] and D(row[7]) == (D(10) * 33 / 35).quantize(D("0.01"))
        assert row[8] == "2 名窗口人员年中调离，已于 12 月启动招聘"
        manual = _row(pages[0]["grid"], "办事主体政务服务体验感增强")  # given by hand: 10.5
        assert manual[7] == "10.50" and manual[5] == "部分达成" and manual[8].startswith("（人工评分）")


def test_amounts_and_scores_are_number_cells(files):
    pages = xlsx_grids(files["published", "xlsx"])
    ws = pages[0]["sheet"]
    funds = [ws.cell(TITLE_ROWS + 4, c).value for c in range(4, 10)]  # 年度资金总额: D..I
    assert funds[:3] == [287, 287, 171] and funds[3] == 10 and funds[4] == "59.58%" and funds[5] == 6
    assert ws.cell(TITLE_ROWS + 4, 7).number_format == "#,##0.00"
    scores = [ws.cell(r, 8).value for r in range(TITLE_ROWS + 11, TITLE_ROWS + 17)]  # 服务对象人数 … 受益群体满意度
    # a score given by hand is a number cell too (issue 23: it was the text 10.00（人工评分）)
    assert scores == [15, 20, 15, 10, 15, 15]
    assert ws.cell(TITLE_ROWS + 14, 9).value == "（人工评分）\n部分项目延续至下年"


def test_level_names_and_headers_break_only_where_the_html_does(files):
    ws = xlsx_grids(files["example", "xlsx"])[0]["sheet"]
    texts = {ws.cell(r, c).value for r in range(1, ws.max_row + 1) for c in range(1, 10)}
    assert "满意度\n指标" in texts and "经济成本\n指标" in texts  # not 满意度指|标
    assert "年度\n指标值" in texts  # not 年度指标|值
    assert "≤571万元" in texts  # a figure kept whole (smaller, not broken)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_the_same_input_gives_the_same_bytes(fmt, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = _bytes("example", fmt, tmp_path / "a"), _bytes("example", fmt, tmp_path / "b")
    assert first == second and first[:2] == b"PK"


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "docx"])
def test_binary_output_to_a_terminal_is_refused(fmt):
    pty = pytest.importorskip("pty")  # POSIX terminals
    perf, actuals = EXAMPLE
    master, slave = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "perflang", "eval", str(perf), "--actuals", str(actuals), "--to", fmt],
            stdout=slave,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            env={**os.environ, "PERFLANG_LANG": "zh"},
        )
    finally:
        os.close(slave)
        os.close(master)
    assert done.returncode == 2
    assert f"--to {fmt} 输出的是二进制数据：请用 -o 指定输出文件" in done.stderr
    assert "Traceback" not in done.stderr


def test_piped_output_is_the_file(tmp_path):
    result = _eval("example", "xlsx")  # CliRunner's stdout is not a terminal
    assert result.exit_code == 0 and result.stdout_bytes == _bytes("example", "xlsx", tmp_path)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_bad_output_path_is_a_diagnostic(fmt, tmp_path):
    perf, _ = EXAMPLE
    result = _eval("example", fmt, "-o", str(perf / "out"))  # below a file
    assert result.exit_code == 2 and "PF901" in result.output and "Traceback" not in result.output
    result = _eval("example", fmt, "-o", str(perf))  # the input itself
    assert result.exit_code == 2 and "PF902" in result.output


@pytest.mark.parametrize(("fmt", "module", "extra"), [("xlsx", "openpyxl", "xlsx"), ("docx", "docx", "docx")])
def test_a_missing_package_is_a_clear_error(fmt, module, extra, tmp_path, monkeypatch):
    from perflang.errors import install_command

    monkeypatch.setitem(sys.modules, module, None)
    result = _eval("example", fmt, "-o", str(tmp_path / f"o.{fmt}"))
    assert result.exit_code == 2 and "PF923" in result.output and install_command(extra) in result.output
    assert not (tmp_path / f"o.{fmt}").exists()


# -- printed by LibreOffice ---------------------------------------------------------------------


@pytest.fixture(scope="module", params=["xlsx", "docx"])
def printed(request, files, tmp_path_factory):
    """(format, PDF) of the example's 自评表 printed by LibreOffice."""
    tmp = tmp_path_factory.mktemp(f"print-{request.param}")
    return request.param, printing.convert(files["example", request.param], request.param, tmp)


def test_printed_one_a4_page_per_project(printed, files):
    fmt, pdf = printed
    sizes = printing.page_sizes(pdf)
    assert all(abs(w - 595.3) < 1.5 and abs(h - 841.9) < 1.5 for w, h in sizes), fmt
    names = [p["grid"][0][2][0] for p in files["example"]]
    assert printing.project_of_pages(pdftools.pages(pdf), names) == list(range(len(names))), fmt


def _inside_the_margins(fmt: str, pdf: Path) -> None:
    for n, (boxes, (w, h)) in enumerate(zip(pdftools.word_boxes(pdf), printing.page_sizes(pdf)), 1):
        assert boxes, f"{fmt}: page {n} is empty"
        for x0, y0, x1, y1 in boxes:
            inside = printing.MARGIN - 2 <= x0 and x1 <= w - printing.MARGIN + 2
            assert inside and printing.MARGIN - 2 <= y0 and y1 <= h - printing.MARGIN + 2, f"{fmt}: page {n}"


def test_printed_every_cell_text_on_its_page_inside_the_margins(printed, files):
    fmt, pdf = printed
    pages = pdftools.pages(pdf)
    for k, page in enumerate(files["example"]):
        text = pdftools.squeeze(pages[k]).replace(",", "")
        for row in page["grid"]:
            for cell, _ in row:
                assert pdftools.squeeze(cell) in text, f"{fmt}: page {k + 1}: {cell!r} is not printed"
    _inside_the_margins(fmt, pdf)


def test_printed_no_text_runs_over_a_border(printed, tmp_path):
    printing.assert_nothing_runs_over(*printed, tmp_path)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_long_table_continues_under_its_header_with_values_whole(fmt, files, tmp_path):
    """A 自评表 of several pages: each later page starts with the indicator table's column
    header; 24 targets ≥1346.008万平方米, too wide for their column at 10.5 pt, are printed with
    the number whole (broken before the unit, smaller); every cell is printed, nothing over a
    border or outside the margins; the 小计 rows are the sums of their rows."""
    pdf = printing.convert(files["long", fmt], fmt, tmp_path)
    pages = pdftools.pages(pdf)
    assert len(pages) >= 3
    for n, page in enumerate(pages[1:], 2):
        head = pdftools.squeeze(page).split("建设维护")[0]  # before the page's first row
        assert all(h in head for h in ("绩效指标", "一级指标", "三级指标", "偏差原因分析及改进措施")), (fmt, n)
    text = "\n".join(pages)
    assert text.count("≥1346.008") == 24 and not re.search(r"1346\.00(?!8)", text), fmt
    squeezed = pdftools.squeeze(text).replace(",", "")
    for row in files["long"][0]["grid"]:
        for cell, _ in row:
            assert pdftools.squeeze(cell) in squeezed, f"{fmt}: {cell!r} is not printed"
    _inside_the_margins(fmt, pdf)
    printing.assert_nothing_runs_over(fmt, pdf, tmp_path)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_subtotals_are_the_sums_of_their_rows(fmt, files):
    """小计 after each 一级 (the profile's form has them): the sums of its rows' 分值 and 得分;
    总分 the sum of the 小计 and the funds row's score."""
    for case in ("subtotals", "long"):
        for page in READ[fmt](files[case, fmt]):
            grid = [[t for t, _ in row] for row in page["grid"]]
            top = next(k for k, r in enumerate(grid) if r[1] == "一级指标")
            weights, scores, subtotals = [], [], []
            for row in grid[top + 1 : -1]:
                if row[0] != "绩效指标":
                    break
                if row[2] == "小计":
                    assert (D(row[6]), D(row[7])) == (sum(weights), sum(scores)), (fmt, case, row)
                    subtotals.append(D(row[7]))
                    weights, scores = [], []
                else:
                    weights.append(D(row[6]))
                    scores.append(D(row[7]))
            assert subtotals and not weights, (fmt, case)
            total = next(r for r in grid if r[0] == "总分")
            assert D(total[7]) == sum(subtotals) + D(grid[3][8]), (fmt, case)


# -- a form a little taller than its page, in HTML -------------------------------------------------

TIANCHANG = (FIX / "23_tianchang_flood_control.perf", FIX / "23_tianchang_flood_control.json")


def _html(perf: Path, actuals: Path, *options: str) -> str:
    result = CliRunner().invoke(cli, ["eval", str(perf), "--actuals", str(actuals), *options, "--to", "html"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _zooms(html: str) -> list[str | None]:
    sheets = re.findall(r'<section class="sheet"([^>]*)>', html)
    return [m.group(1) if (m := re.search(r"zoom: ([\d.]+)", s)) else None for s in sheets]


def test_a_form_a_little_too_tall_is_scaled_onto_its_page_in_html(tmp_path):
    """The 天长 2022 自评表 runs a row over its A4 page; printed from the HTML it used to leave the
    总分 row alone on a second page.  Like the workbook (fit to one page), the HTML scales such a
    form onto its page, keeping the page's width; a long table runs on over several pages."""
    html = _html(*TIANCHANG)
    (zoom,) = _zooms(html)
    assert zoom is not None and 0.85 <= float(zoom) < 1
    assert _zooms(_html(*FINANCE)) == [None, None]  # the 鄂州 pages fit as they are
    assert _zooms(_html(*LONG)) == [None]  # 3 pages long: not squeezed onto one
    browser = pdftools.require("chromium")
    pdf = pdftools.print_pdf(browser, html, tmp_path)
    assert pdftools.info(pdf)["Pages"].strip() == "1"
    (boxes,) = pdftools.word_boxes(pdf)
    width = float(pdftools.info(pdf)["Page size"].split()[0])
    right = max(x1 for _, _, x1, _ in boxes)
    assert right > width - 14 * 72 / 25.4 - 40  # the table still reaches the right margin
    assert "总分" in pdftools.squeeze(pdftools.pages(pdf)[0])


def test_a_form_a_little_too_tall_is_on_one_page_in_word_too(tmp_path):
    """Word cannot scale a page: the 天长 form's text is printed that much smaller instead (its
    line pitch with it), so LibreOffice prints it on one page, 总分 included."""
    out = tmp_path / "t.docx"
    perf, actuals = TIANCHANG
    done = CliRunner().invoke(cli, ["eval", str(perf), "--actuals", str(actuals), "--to", "docx", "-o", str(out)])
    assert done.exit_code == 0, done.output
    from docx import Document

    sizes = {r.font.size.pt for t in Document(out).tables for c in t._cells for p in c.paragraphs for r in p.runs}
    assert max(sizes) < 10.5  # the whole table smaller than 五号
    pdf = printing.convert(out.read_bytes(), "docx", tmp_path)
    (page,) = pdftools.pages(pdf)
    assert "总分" in pdftools.squeeze(page)


def test_fit_scale_puts_a_slightly_tall_form_on_its_page():
    from perflang.backends.office import fit_scale

    assert fit_scale(700, 750, 0.85) == 1.0  # fits
    assert fit_scale(800, 750, 0.85) == 750 / 800
    assert fit_scale(750 / 0.85 + 1, 750, 0.85) == 1.0  # too tall: runs over pages instead
    assert fit_scale(800, 750, 1.0) == 1.0  # a form that is never scaled (the 批复表)


# -- the PDF: the HTML printed by Chromium, as `perflang build --to pdf` -------------------------


def test_the_pdf_is_the_html_printed_one_page_per_project(tmp_path):
    pdftools.require("chromium")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = _bytes("example", "pdf", tmp_path / "a"), _bytes("example", "pdf", tmp_path / "b")
    assert first == second and first[:5] == b"%PDF-"  # the same bytes: dates fixed
    pdf = tmp_path / "a" / "example.pdf"
    pages = pdftools.pages(pdf)
    projects = [p.name for p in compile_file(EXAMPLE[0]).model.projects]
    assert len(pages) == len(projects) == 5
    for page, name in zip(pages, projects):
        text = pdftools.squeeze(page)
        assert text.startswith(pdftools.squeeze("项目支出绩效自评表")) and pdftools.squeeze(name) in text
        assert pdftools.squeeze("评分方案：全国通用") in text and "总分" in text
    tianchang = tmp_path / "t.pdf"
    perf, actuals = TIANCHANG
    done = CliRunner().invoke(cli, ["eval", str(perf), "--actuals", str(actuals), "--to", "pdf", "-o", str(tianchang)])
    assert done.exit_code == 0, done.output
    assert len(pdftools.pages(tianchang)) == 1  # a little too tall: scaled onto its page


def test_the_pdf_without_chromium_is_a_plain_error(tmp_path):
    perf, actuals = EXAMPLE
    out = tmp_path / "x.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "perflang", "eval", str(perf), "-a", str(actuals), "--to", "pdf", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PERFLANG_CHROMIUM": str(tmp_path / "no-such-browser"), "PERFLANG_LANG": "zh"},
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "PF921" in done.stderr and "生成 PDF 需要 Chromium 浏览器" in done.stderr
    assert not out.exists()
