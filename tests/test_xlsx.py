"""build --to xlsx: the seed's form as a workbook (cells and merged ranges checked against the
seed), print setup, deterministic bytes, and import of the workbook back."""

from __future__ import annotations

import io
import sys
from decimal import Decimal
from itertools import groupby

import openpyxl
import pytest
from conftest import SEED_EXAMPLE
from hypothesis import HealthCheck, given, settings
from perfdocs import documents
from test_tsv import form_view

from perflang.api import compile_file, compile_text
from perflang.backends.tsv import render as render_tsv
from perflang.backends.xlsx import render
from perflang.importers.convert import import_file

HEADER = ("目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据")


@pytest.fixture(scope="module")
def seed_book():
    return openpyxl.load_workbook(io.BytesIO(render(compile_file(SEED_EXAMPLE).model)))


def _values(ws) -> list[list[str]]:
    return [["" if c.value is None else str(c.value) for c in row] for row in ws.iter_rows()]


def _filled(ws, rows: range) -> list[list[str]]:
    """The table rows with every merged cell showing its range's text, as the form reads."""
    values = _values(ws)
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                values[r - 1][c - 1] = values[rng.min_row - 1][rng.min_col - 1]
    return [values[r - 1][:6] for r in rows]


def _expected_merges(first_row: int, rows) -> set[str]:
    """Runs of equal 目标名称, 一级 and 二级 in the seed, as Excel ranges (one per run > 1)."""
    out = set()
    for column, width in (("A", 1), ("B", 2), ("C", 3)):
        r = first_row
        for _, run in groupby(rows, key=lambda x: (x.goal, x.level1, x.level2)[:width]):
            n = len(list(run))
            if n > 1:
                out.add(f"{column}{r}:{column}{r + n - 1}")
            r += n
    return out


def test_seed_workbook_cells_and_merges_match_the_seed(seed_book, seed_projects):
    assert seed_book.sheetnames == [p.name for p in seed_projects]
    for ws, seed in zip(seed_book.worksheets, seed_projects, strict=True):
        values = _values(ws)
        # the header line as on the form: 申报单位 left (A:C), 金额单位 right (D:F), one row
        assert values[0][0] == seed.title
        assert [values[1][0], values[1][3]] == [f"申报单位：{seed.unit}", f"金额单位：{seed.money_unit}"]
        assert ws["A2"].alignment.horizontal == "left" and ws["D2"].alignment.horizontal == "right"
        assert values[2][:5] == ["项目名称", seed.name, "", "项目预算", ""]
        budget = ws["F3"]  # a number, summable, shown as written
        assert budget.data_type == "n" and Decimal(str(budget.value)) == Decimal(seed.budget)
        assert budget.number_format.startswith("#,##0")
        goals = [(row[0], row[2]) for row in values if row[0].endswith(tuple("123456789")) and "绩效目标" in row[0]]
        assert goals == seed.goals
        merges = {str(r) for r in ws.merged_cells.ranges}
        for title, rows in seed.tables.items():
            top = next(k for k, row in enumerate(values, 1) if row[0] == title)
            assert tuple(values[top][:6]) == HEADER
            first = top + 2
            table = _filled(ws, range(first, first + len(rows)))
            assert table == [[r.goal, r.level1, r.level2, r.name, r.value, r.basis] for r in rows]
            assert f"A{top}:F{top}" in merges
            in_table = {m for m in merges if m[0] in "ABC" and first <= int(m.split(":")[0][1:]) < first + len(rows)}
            assert in_table == _expected_merges(first, rows)


def test_seed_workbook_is_set_up_for_printing(seed_book):
    ws = seed_book.worksheets[0]
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 == "9"  # A4
    assert ws.page_setup.orientation == "portrait"
    # the project fits one page, as the HTML prints it (tests/test_office_print.py): no breaks
    assert [b.id for b in ws.row_breaks.brk] == [] and ws.print_title_rows is None
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    # the HTML's column widths (12/13/15/27/15/18 % of 180 mm): 7 px per character + 5 px at 96 dpi
    widths_mm = [(ws.column_dimensions[c].width * 7 + 5) / 96 * 25.4 for c in "ABCDEF"]
    assert [round(w / sum(widths_mm) * 100) for w in widths_mm] == [12, 13, 15, 27, 15, 18]
    assert 178 <= sum(widths_mm) <= 181
    goal_text = ws["C6"]
    assert goal_text.alignment.wrap_text and len(goal_text.value) > 100
    # 160-odd characters in a 135 mm cell at 10.5 pt: five lines or more, never one
    assert ws.row_dimensions[6].height >= 5 * 10.5 * 1.2
    assert ws["C6"].font.name == "宋体" and ws["C6"].font.charset == 134  # GB2312: a Chinese fallback
    assert all(getattr(ws["D11"].border, side).style == "thin" for side in ("left", "right", "top", "bottom"))
    assert ws["E11"].data_type == "s" and ws["E11"].value == "=33人"  # a value, not a formula


def test_workbook_bytes_are_deterministic():
    model = compile_file(SEED_EXAMPLE).model
    first = render(model)
    assert first == render(model)
    props = openpyxl.load_workbook(io.BytesIO(first)).properties
    assert props.created.year == props.modified.year == 2000


def test_import_of_the_workbook_gives_the_example_back(tmp_path):
    model = compile_file(SEED_EXAMPLE).model
    book = tmp_path / "seed.xlsx"
    book.write_bytes(render(model))
    text, doc = import_file(book)
    assert doc.notes == []
    assert text == SEED_EXAMPLE.read_text(encoding="utf-8").split("\n\n", 1)[1]


def test_all_projects_in_one_sheet_are_read(tmp_path):
    model = compile_file(SEED_EXAMPLE).model
    wb = openpyxl.Workbook()
    for r, line in enumerate(render_tsv(model).split("\n"), 1):
        for c, cell in enumerate(line.split("\t"), 1):
            if cell:
                wb.active.cell(row=r, column=c, value=cell).data_type = "s"
    book = tmp_path / "one-sheet.xlsx"
    wb.save(book)
    text, _ = import_file(book)
    assert form_view(compile_text(text).model) == form_view(model)


def test_numbers_in_cells_are_read_exactly(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(
        [
            ["项目支出绩效目标批复表"],
            ["申报单位：某单位"],
            ["金额单位：万元"],
            ["项目名称", "甲", "项目预算", 571.1],
            ["年度绩效目标表"],
            list(HEADER),
            ["年度目标1", "产出指标", "数量指标", "人数", 0.1, "计划标准"],
            ["", "", "", "合格率", 0.95, "计划标准"],
        ],
        1,
    ):
        for c, value in enumerate(row, 1):
            ws.cell(row=r, column=c, value=value)
    ws["E8"].number_format = "0%"
    book = tmp_path / "numbers.xlsx"
    wb.save(book)
    text, _ = import_file(book)
    assert "预算 571.1\n" in text and "人数:   0.1\n" in text and "合格率: 95%\n" in text


def test_missing_openpyxl_is_a_clear_error(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from perflang.cli import cli

    book = tmp_path / "seed.xlsx"
    book.write_bytes(render(compile_file(SEED_EXAMPLE).model))
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    result = CliRunner().invoke(cli, ["import", str(book)])
    from perflang.errors import install_command

    assert result.exit_code == 2 and install_command("xlsx") in result.output
    result = CliRunner().invoke(cli, ["build", str(SEED_EXAMPLE), "--to", "xlsx", "-o", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 2 and install_command("xlsx") in result.output


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(clean=True))
def test_import_of_the_workbook_gives_the_document_back(tmp_path_factory, drawn):
    model = compile_text(drawn[0]).model
    book = tmp_path_factory.mktemp("xlsx") / "d.xlsx"
    # printed on the 批复表, the layout `perflang import` reads (a file on another 表样 prints
    # that form, which the importer does not read yet: its TSV export is read back, test_tsv)
    book.write_bytes(render(model, form="批复表"))
    text, _ = import_file(book)
    assert {**form_view(compile_text(text).model), "form": None} == {**form_view(model), "form": None}


def test_a_value_stored_as_a_formula_is_read_as_written(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(
        [
            ["项目名称", "甲", "项目预算", "5"],
            ["年度绩效目标表"],
            list(HEADER),
            ["年度目标1", "产出指标", "数量指标", "人数", "=33人", "计划标准"],
        ],
        1,
    ):
        for c, value in enumerate(row, 1):
            ws.cell(row=r, column=c, value=value)  # openpyxl stores =33人 as a formula
    assert ws["E4"].data_type == "f"
    book = tmp_path / "formula.xlsx"
    wb.save(book)
    assert "人数: =33人\n" in import_file(book)[0]


def test_merged_cells_count_once_even_when_every_cell_holds_the_text(tmp_path):
    # Some programs save a merged range's text in every cell it covers: only the first counts,
    # else the title and the goal text would read as rows with stray cells.
    from openpyxl.worksheet.cell_range import CellRange

    wb = openpyxl.Workbook()
    ws = wb.active
    rows = [
        ["项目支出绩效目标申报表"] * 6,
        ["申报单位：某单位"],
        ["金额单位：万元"],
        ["项目名称", "甲", "项目预算", "5"],
        ["年度绩效目标1", "年度绩效目标1"] + ["好好干"] * 4,
        ["年度绩效目标表"],
        list(HEADER),
        ["年度目标1", "产出指标", "数量指标", "人数", "≥3人", "计划标准"],
        ["年度目标1", "产出指标", "数量指标", "车辆", "≥2辆", "计划标准"],
    ]
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            ws.cell(row=r, column=c, value=value)
    for rng in ("A1:F1", "A5:B5", "C5:F5", "A8:A9", "B8:B9", "C8:C9"):
        ws.merged_cells.add(CellRange(rng))
    book = tmp_path / "wps.xlsx"
    wb.save(book)
    text, doc = import_file(book)
    assert doc.notes == []
    assert "表样 申报表" in text and '年度目标 1 "好好干" {' in text
    assert "人数: ≥3人" in text and "车辆: ≥2辆" in text


def test_a_page_breaks_before_a_table_whose_merged_rows_it_would_cut():
    # the seed's first project with its goal text twice as long needs two pages: the page breaks
    # before the annual table's title (its rows merge under 年度目标1, and a merged range cut by a
    # page break prints its text nowhere), so page 2 starts with its own title and header and
    # nothing needs repeating
    seed = SEED_EXAMPLE.read_text(encoding="utf-8")
    first = seed[: seed.index("\n项目 援疆")]
    goal = first.split('长期目标 1 "')[1].split('"')[0]
    text = first.replace(goal, goal + goal)
    ws = openpyxl.load_workbook(io.BytesIO(render(compile_text(text).model))).worksheets[0]
    annual = next(r for r, row in enumerate(_values(ws), 1) if row[0] == "年度绩效目标表")
    assert [b.id for b in ws.row_breaks.brk] == [annual - 1]
    assert ws.print_title_rows is None


def test_a_table_longer_than_a_page_repeats_its_column_header():
    rows = "\n".join(f"      指标{k}: ≥{k}个" for k in range(60))
    text = (
        f'申报单位 某单位\n项目 甲 {{\n  预算 5\n  年度目标 1 "好" {{\n    产出 / 数量 {{\n{rows}\n    }}\n  }}\n}}\n'
    )
    ws = openpyxl.load_workbook(io.BytesIO(render(compile_text(text).model))).worksheets[0]
    header = next(r for r, row in enumerate(_values(ws), 1) if tuple(row[:6]) == HEADER)
    assert ws.print_title_rows == f"${header}:${header}"
    breaks = [b.id for b in ws.row_breaks.brk]
    assert breaks and all(b > header + 1 for b in breaks)  # inside the table
    heights = [ws.row_dimensions[r].height for r in range(1, ws.max_row + 1)]
    page = (297 - 30) / 25.4 * 72  # A4 less the 15 mm margins, in points
    starts = [0, *breaks, len(heights)]
    for k, (a, b) in enumerate(zip(starts, starts[1:])):
        repeated = heights[header - 1] if k else 0
        assert repeated + sum(heights[a:b]) <= page  # every page's rows fit on it


def test_excel_limits_sheet_names_row_heights_cell_length(capsys, monkeypatch):
    from perflang.backends.xlsx import MAX_CELL_CHARS, sheet_title

    monkeypatch.setenv("PERFLANG_LANG", "en")  # the note on stderr in the command's language

    taken: set[str] = set()
    names = [sheet_title(n, taken) for n in ("History", "甲" * 40, "ab", "AB", "a/b")]
    assert names[0] != "History" and names[0].casefold() != "history"
    assert all(len(n) <= 31 for n in names) and len({n.casefold() for n in names}) == 5
    assert names[4] == "a_b"
    long_goal = "长" * 40000
    text = f'申报单位 某单位\n项目 History {{\n  预算 5\n  年度目标 1 "{long_goal}" {{\n    产出 / 数量 {{\n      人数: ≥1人\n    }}\n  }}\n}}\n'
    ws = openpyxl.load_workbook(io.BytesIO(render(compile_text(text).model))).worksheets[0]
    assert ws.title.casefold() != "history"
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("长长"))
    assert len(cell.value) <= MAX_CELL_CHARS and "32767" in cell.value  # cut, with a note
    err = capsys.readouterr().err
    assert "32,767" in err and "上限" not in err  # in English only
    assert all((ws.row_dimensions[r].height or 0) <= 409 for r in range(1, ws.max_row + 1))
    assert cell.font.size < 10.5  # printed smaller rather than clipped at the 409 pt row limit


def test_goal_line_breaks_are_kept_and_read_back(tmp_path):
    text = '申报单位 某单位\n项目 甲 {\n  预算 5\n  年度目标 1 "第一行\\n第二行" {\n    产出 / 数量 {\n      人数: ≥1人\n    }\n  }\n}\n'
    model = compile_text(text).model
    assert model.projects[0].goals[0].text == "第一行\n第二行"
    book = tmp_path / "b.xlsx"
    book.write_bytes(render(model))
    assert openpyxl.load_workbook(book).worksheets[0]["C6"].value == "第一行\n第二行"
    back, _ = import_file(book)
    assert compile_text(back).model.projects[0].goals[0].text == "第一行\n第二行"
