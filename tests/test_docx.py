"""build --to docx: the seed's form as a Word document (tables, merged cells, page setup,
fonts, repeated header rows), deterministic bytes, a clear error without python-docx, and
`perflang import` of the document giving the document back (property test)."""

from __future__ import annotations

import io
import sys
import zipfile

import docx
import htmlgrid
import pytest
from click.testing import CliRunner
from conftest import SEED_EXAMPLE
from hypothesis import HealthCheck, given, settings
from perfdocs import documents
from test_tsv import form_view

from perflang.api import compile_file, compile_text
from perflang.backends import BACKENDS
from perflang.backends.docx import render
from perflang.backends.html import render as render_html
from perflang.cli import cli
from perflang.importers.convert import import_file

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def seed_bytes():
    return render(compile_file(SEED_EXAMPLE).model)


def _expanded(table) -> list[list[str]]:
    """A Word table as the form reads: every merged cell shows its range's text."""
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_seed_document_tables_match_the_html_cell_for_cell(seed_bytes):
    d = docx.Document(io.BytesIO(seed_bytes))
    sheets = htmlgrid.read(render_html(compile_file(SEED_EXAMPLE).model)).sheets
    tables = iter(d.tables)
    for sheet in sheets:
        for html_table in sheet.tables:
            ours = _expanded(next(tables))
            assert ours == htmlgrid.texts(htmlgrid.grid(html_table))
    assert next(tables, None) is None
    paragraphs = [p.text for p in d.paragraphs if p.text]
    assert paragraphs[:2] == ["项目支出绩效目标批复表", "申报单位：鄂州市数据局\t金额单位：万元"]
    assert paragraphs.count("项目支出绩效目标批复表") == len(sheets)


def test_seed_document_page_setup_fonts_and_repeated_headers(seed_bytes):
    d = docx.Document(io.BytesIO(seed_bytes))
    section = d.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == round(section.right_margin.mm) == 15
    width = section.page_width - section.left_margin - section.right_margin
    for table in d.tables:
        grid = table._tbl.tblGrid.findall(f"{W}gridCol")
        total = sum(int(c.get(f"{W}w")) for c in grid) * 635  # twips -> EMU
        assert abs(total - width) < 635 * 20  # the table is the width between the margins
        assert table._tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
        rows = table._tbl.findall(f"{W}tr")
        assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
        headers = [r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows]
        if rows[0].xpath("string(.)").endswith("绩效目标表"):  # an indicator table
            assert headers[:2] == [True, True] and not any(headers[2:])
        else:
            assert not any(headers)
    fonts = d.styles["Normal"].element.rPr.find(f"{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "宋体" and fonts.get(f"{W}ascii") == "Times New Roman"
    assert not [k for k in fonts.attrib if "Theme" in k]  # theme fonts would override the names
    table_xml = zipfile.ZipFile(io.BytesIO(seed_bytes)).read("word/fontTable.xml").decode()
    assert '<w:altName w:val="SimSun"/>' in table_xml and '<w:charset w:val="86"/>' in table_xml


def test_merged_cells_are_real_merges(seed_bytes):
    d = docx.Document(io.BytesIO(seed_bytes))
    indicators = d.tables[1]._tbl
    first = indicators.findall(f"{W}tr")[2]
    assert first.findall(f"{W}tc")[0].find(f"{W}tcPr/{W}vMerge").get(f"{W}val") == "restart"
    title = indicators.findall(f"{W}tr")[0].findall(f"{W}tc")
    assert len(title) == 1 and title[0].find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "6"


def test_document_bytes_are_deterministic(seed_bytes):
    assert render(compile_file(SEED_EXAMPLE).model) == seed_bytes
    props = docx.Document(io.BytesIO(seed_bytes)).core_properties
    assert props.created.year == props.modified.year == 2000
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(seed_bytes)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_import_of_the_document_gives_the_example_back(tmp_path, seed_bytes):
    path = tmp_path / "seed.docx"
    path.write_bytes(seed_bytes)
    text, doc = import_file(path)
    assert doc.notes == []
    assert text == SEED_EXAMPLE.read_text(encoding="utf-8").split("\n\n", 1)[1]


def test_goal_line_breaks_survive_the_round_trip(tmp_path):
    text = '申报单位 某单位\n项目 甲 {\n  预算 5\n  年度目标 1 "第一行\\n第二行" {\n    产出 / 数量 {\n      人数: ≥1人\n    }\n  }\n}\n'
    path = tmp_path / "b.docx"
    path.write_bytes(render(compile_text(text).model))
    assert docx.Document(path).tables[0].cell(3, 2).text == "第一行\n第二行"
    back, _ = import_file(path)
    assert compile_text(back).model.projects[0].goals[0].text == "第一行\n第二行"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(clean=True))
def test_import_of_the_document_gives_the_document_back(tmp_path_factory, drawn):
    model = compile_text(drawn[0]).model
    path = tmp_path_factory.mktemp("docx") / "d.docx"
    # printed on the 批复表, the layout `perflang import` reads (a file on another 表样 prints
    # that form, which the importer does not read yet: its TSV export is read back, test_tsv)
    path.write_bytes(render(model, form="批复表"))
    text, _ = import_file(path)
    assert {**form_view(compile_text(text).model), "form": None} == {**form_view(model), "form": None}


def test_the_cli_offers_every_registered_format():
    result = CliRunner().invoke(cli, ["build", "--help"])
    assert f"[{'|'.join(BACKENDS)}]" in result.output.replace("\n", "").replace(" ", "")
    assert "docx" in BACKENDS


def test_missing_python_docx_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "docx", None)
    result = CliRunner().invoke(cli, ["build", str(SEED_EXAMPLE), "--to", "docx", "-o", str(tmp_path / "o.docx")])
    assert result.exit_code == 2
    from perflang.errors import install_command

    assert install_command("docx") in result.output and "需要 python-docx" in result.output


def test_a_broken_word_file_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 1 and "[PF929] Word 文档无法读取" in result.output


def test_a_word_form_made_by_hand_is_read(tmp_path):
    # A form as people type it in Word: title and header lines as separate paragraphs, the
    # summary and indicators in one table, 目标名称/一级/二级 merged down, a goal text merged
    # across, an empty paragraph between.
    d = docx.Document()
    for line in ("2024年项目支出绩效目标申报表", "申报单位：某单位", "金额单位：万元", ""):
        d.add_paragraph(line)
    rows = [
        ["项目名称", "甲", "", "项目预算", "", "5"],
        ["年度绩效目标1", "", "做好两件事", "", "", ""],
        ["年度绩效目标表", "", "", "", "", ""],
        ["目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"],
        ["年度目标1", "产出指标", "数量指标", "人数", "≥3人", "计划标准"],
        ["", "", "", "车辆", "≥2辆", "计划标准"],
        ["", "满意度指标", "满意度指标", "群众满意度", "≥95%", "计划标准"],
    ]
    table = d.add_table(rows=len(rows), cols=6)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for (r0, c0), (r1, c1) in [
        ((0, 1), (0, 2)),
        ((0, 3), (0, 4)),
        ((1, 0), (1, 1)),
        ((1, 2), (1, 5)),
        ((2, 0), (2, 5)),
        ((4, 0), (6, 0)),
        ((4, 1), (5, 1)),
        ((4, 2), (5, 2)),
    ]:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    path = tmp_path / "form.docx"
    d.save(path)
    text, doc = import_file(path)
    assert doc.notes == []
    model = compile_text(text).model
    assert (model.unit, model.money_unit, model.year) == ("某单位", "万元", "2024")
    goal = model.projects[0].goals[0]
    assert goal.text == "做好两件事"
    assert [(i.level1, i.level2, i.name, i.target.text) for i in goal.indicators] == [
        ("产出指标", "数量指标", "人数", "≥3人"),
        ("产出指标", "数量指标", "车辆", "≥2辆"),
        ("满意度指标", "满意度指标", "群众满意度", "≥95%"),
    ]


def test_old_doc_files_are_refused_with_advice(tmp_path):
    path = tmp_path / "form.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old binary Word")
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 1 and "另存为 .docx" in result.output
