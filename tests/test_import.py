"""perflang import: the seed text and real tables in the seed's layout come back as the same
tables; oddities are repaired and reported; nothing is dropped silently."""

from __future__ import annotations

import re

import htmlgrid
import pytest
from click.testing import CliRunner
from conftest import SEED_EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from seedtable import FIXTURES, SEED

from perflang.api import compile_file, compile_text
from perflang.backends.html import render as render_html
from perflang.backends.json import to_data
from perflang.cli import cli
from perflang.importers.convert import ImportError_, import_file, import_text
from perflang.importers.form import SETTING_LABELS
from perflang.importers.tables import header_columns
from perflang.syntax.formatter import format_text
from perflang.syntax.parser import parse

REFERENCE = FIXTURES / "reference"
HEADER = ["目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"]


def strip_positions(data):
    """JSON data without source positions and the source path."""
    if isinstance(data, dict):
        return {k: strip_positions(v) for k, v in data.items() if k not in ("line", "column", "source")}
    if isinstance(data, list):
        return [strip_positions(x) for x in data]
    return data


def compiled(text: str):
    result = compile_text(text, "imported.perf")
    assert result.ok, [d.message() for d in result.diagnostics if d.level.value == "error"]
    return result.model


def model_rows(model) -> list[tuple[str, ...]]:
    """Every indicator row of every goal: (goal, 一级, 二级, 三级, 指标值, 依据)."""
    return [
        (
            f"{'长期' if g.kind == 'long-term' else '年度'}目标{g.number}",
            i.level1,
            i.level2,
            i.name,
            i.target.text,
            i.basis or "",
        )
        for p in model.projects
        for g in p.goals
        for i in g.indicators
    ]


@pytest.fixture(scope="module")
def seed_import():
    return import_file(SEED)


# -- the seed ------------------------------------------------------------------------------


def test_seed_import_builds_the_same_json_as_the_example(seed_import):
    text, _ = seed_import
    expected = to_data(compile_file(SEED_EXAMPLE).model)
    assert strip_positions(to_data(compiled(text))) == strip_positions(expected)


def test_seed_import_shows_the_seed_cell_for_cell(seed_import, seed_projects):
    sheets = htmlgrid.read(render_html(compiled(seed_import[0]))).sheets
    assert len(sheets) == len(seed_projects) == 5
    for sheet, seed in zip(sheets, seed_projects):
        assert sheet.title == seed.title
        assert sheet.meta == [f"申报单位：{seed.unit}", f"金额单位：{seed.money_unit}"]
        summary = htmlgrid.texts(htmlgrid.grid(sheet.tables[0]))
        assert summary[0] == ["项目名称", seed.name, seed.name, "项目预算", "项目预算", seed.budget]
        assert summary[3:] == [[label] * 2 + [text] * 4 for label, text in seed.goals]
        tables = [htmlgrid.texts(htmlgrid.grid(t)) for t in sheet.tables[1:]]
        assert [t[0][0] for t in tables] == list(seed.tables)
        for table, rows in zip(tables, seed.tables.values(), strict=True):
            assert table[1] == HEADER
            assert table[2:] == [[r.goal, r.level1, r.level2, r.name, r.value, r.basis] for r in rows]


def test_seed_import_is_idiomatic_and_formatted(seed_import):
    text, doc = seed_import
    assert format_text(text)[0] == text
    assert text.count("年度目标 1 同 长期目标 1") == 5  # annual = long-term, shared
    assert "默认依据 计划标准" in text and "依据 计划标准" not in text.replace("默认依据 计划标准", "")
    assert "表样 批复表" in text and "成本 / 经济成本 {" in text


def test_seed_shifted_rows_are_put_back_and_reported(seed_import):
    _, doc = seed_import
    # Lines 25 and 35 of the seed start with 满意度指标 in the 目标名称 column.
    assert [n.where for n in doc.notes] == ["第25行", "第35行"]
    assert all("左移" in n.message for n in doc.notes)


# -- variants of the form ------------------------------------------------------------------


def _form(title: str, header: list[str], rows: list[list[str]], goals=("年度绩效目标1\t\t目标",)) -> str:
    lines = [
        "",
        title,
        "",
        "申报单位：",
        "",
        "某单位",
        "",
        "金额单位：万元",
        "",
        "项目名称\t测试项目\t\t项目预算\t\t10",
        "项目绩效总目标",
        "名称\t\t目标说明",
        *goals,
        "年度绩效目标表",
        "\t".join(header),
    ] + ["\t".join(r) for r in rows]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "title, form",
    [("项目支出绩效目标批复表", "批复表"), ("项目支出绩效目标申报表", "申报表"), ("项目支出绩效目标表", "目标表")],
)
def test_title_gives_the_form(title, form):
    text, _ = import_text(_form(title, HEADER[:5], [["年度目标1", "产出指标", "数量指标", "车辆", "10辆"]]))
    assert f"表样 {form}\n" in text


def test_annual_only_without_basis_column_and_values_without_comparator():
    src = _form(
        "项目支出绩效目标申报表",
        HEADER[:5],
        [
            ["年度目标1", "产出指标", "数量指标", "配备车辆数", "10辆"],
            ["", "", "", "服务次数", "220"],
            ["", "满意度指标", "服务对象满意度指标", "市民满意度", "≥90%"],
        ],
    )
    model = compiled(import_text(src)[0])
    assert [g.kind for g in model.projects[0].goals] == ["annual"]
    assert model_rows(model) == [
        ("年度目标1", "产出指标", "数量指标", "配备车辆数", "10辆", ""),
        ("年度目标1", "产出指标", "数量指标", "服务次数", "220", ""),
        ("年度目标1", "满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", ""),
    ]


def test_a_row_starting_at_its_levels_is_read_by_position():
    """A table starting at its 一级 (the 申报表's columns): a row giving its 一级 and 二级 first
    keeps every cell in its column, so a 三级 named `0` or `3` is the 三级 (by its looks alone it
    would be a value) and `满意度指标` in the 二级 column is the 二级 of 满意度指标."""
    src = _form(
        "项目支出绩效目标申报表",
        ["一级指标", "二级指标", "三级指标", "指标值", "绩效标准"],
        [
            ["成本指标", "经济成本指标", "0", "达标", "计划标准"],
            ["效益指标", "社会效益指标", "3", "确保优化", ""],
            ["满意度指标", "满意度指标", "市民满意度", "≥90%", "计划标准"],
        ],
    )
    text, doc = import_text(src)
    assert [n for n in doc.notes if n.problem] == []
    assert [r[1:5] for r in model_rows(compiled(text))] == [
        ("成本指标", "经济成本指标", "0", "达标"),
        ("效益指标", "社会效益指标", "3", "确保优化"),
        ("满意度指标", "满意度指标", "市民满意度", "≥90%"),
    ]


def test_mixed_bases_keep_the_common_one_as_default():
    src = _form(
        "项目支出绩效目标批复表",
        HEADER,
        [
            ["年度目标1", "产出指标", "数量指标", "甲", "1个", "计划标准"],
            ["", "", "", "乙", "2个", "历史标准"],
            ["", "", "", "丙", "3个", "计划标准"],
        ],
    )
    text, _ = import_text(src)
    assert "默认依据 计划标准" in text and "乙: 2个 { 依据 历史标准 }" in text
    assert [r[5] for r in model_rows(compiled(text))] == ["计划标准", "历史标准", "计划标准"]


def test_an_empty_basis_cell_means_no_default():
    src = _form(
        "项目支出绩效目标批复表",
        HEADER,
        [["年度目标1", "产出指标", "数量指标", "甲", "1个", "计划标准"], ["", "", "", "乙", "2个", ""]],
    )
    text, _ = import_text(src)
    assert "默认依据" not in text
    assert [r[5] for r in model_rows(compiled(text))] == ["计划标准", ""]


def test_names_and_values_that_need_quotes_keep_their_exact_text():
    src = _form(
        "项目支出绩效目标批复表", HEADER[:5], [["年度目标1", "产出指标", "数量指标", "比例: 甲#1", "≥95% {约}"]]
    )
    rows = model_rows(compiled(import_text(src)[0]))
    assert rows == [("年度目标1", "产出指标", "数量指标", "比例: 甲#1", "≥95% {约}", "")]


def test_rows_that_cannot_be_placed_are_reported_and_kept_as_comments():
    src = _form(
        "项目支出绩效目标批复表",
        HEADER[:5],
        [
            ["年度目标1", "产出指标", "数量指标", "车辆", "10辆"],
            ["", "", "", "", "5个"],  # a value without a name
            ["", "", "", "人员", "3人", "", "多出的格"],
        ],
    )
    text, doc = import_text(src)
    assert "# 未导入（源第17行，缺少三级指标名称）：5个" in text
    assert "# 未导入（源第18行，表格以外多出的单元格）：多出的格" in text
    assert {n.where for n in doc.notes} == {"第17行", "第18行"}
    assert [r[3] for r in model_rows(compiled(text))] == ["车辆", "人员"]


# -- real tables in the seed's text layout --------------------------------------------------


def reference_rows(name: str) -> list[list[str]]:
    """The indicator rows of a reference table as its annotator wrote them ('a | b | c')."""
    lines = (REFERENCE / name).read_text(encoding="utf-8").split("\n")
    start = next(k for k, line in enumerate(lines) if line.startswith("一级指标 | 二级指标"))
    rows = []
    for line in lines[start + 1 :]:
        if " | " not in line:
            break
        rows.append([c.strip() for c in line.split("|")])
    return rows


def _imported(name: str):
    text, doc = import_file(FIXTURES / name)
    return text, doc, compiled(text)


def _nothing_lost(name: str, text: str) -> None:
    """Every cell of the fixture that is not a label of the form is in the output."""
    labels = {"项目名称", "项目绩效总目标", "名称", "目标说明", *HEADER, *SETTING_LABELS}
    for line in (FIXTURES / name).read_text(encoding="utf-8").split("\n"):
        if header_columns(line.split("\t")):  # a table's column header
            continue
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if cells and re.search("填表人|审核意见|签字", cells[0]):  # a sign-off line: each value kept
            values = re.split(r"[^\s:：]+[:：]", " ".join(cells))
            assert all(v.strip() in text for v in values), f"{line!r} of {name} lost a value"
            continue
        for cell in cells:
            label, _, value = cell.partition("：")
            cell = value if label in ("申报单位", "金额单位", "其中") else cell
            # titles, goal labels and 一级/二级 names are re-spelled (表样, 长期目标 1, 产出 / 数量)
            if not cell or cell in labels or re.search(r"表$|(绩效|目标)\d*$|指标$|^[(（]", cell):
                continue
            assert cell in text, f"{cell!r} of {name} is missing from the import"


def test_xiangtan_declaration(tmp_path):
    name = "02_xiangtan_sanitation_fog_cannon.txt"
    text, doc, model = _imported(name)
    source = reference_rows(name)
    placed = [r for r in source if len(r) == 5 and r[2]]
    two_level = [r for r in source if len(r) == 4]
    empty = [r for r in source if len(r) == 5 and not r[2]]
    assert (len(placed), len(two_level), len(empty)) == (6, 1, 3)
    expected = [("年度目标1", *r) for r in placed]
    # the two-level 满意度 row: its 一级 is the owner of the 二级 written in the 一级 column
    expected += [("年度目标1", "满意度指标", *two_level[0])]
    assert model_rows(model) == expected
    goals = model.projects[0].goals
    assert [(g.kind, g.indicators == ()) for g in goals] == [("long-term", True), ("annual", False)]
    assert (model.year, model.form, model.projects[0].budget.text) == ("2023", "申报表", "250")
    for r in empty:
        assert f"空白指标行（{r[0]} / {r[1]}）" in text
    # the sign-off lines under the table: what is filled in is the project's (字段), the blanks
    # (财政部门审核意见：, 填报日期：, 单位负责人签字：) are the form's own
    assert "字段 填表人: 宋云花\n" in text and "字段 联系电话: 16607326331\n" in text
    assert "审核意见" not in text and "填报日期" not in text
    _nothing_lost(name, text)


def test_yueyang_declaration_without_basis_column():
    name = "03_yueyang_county_farmland.txt"
    text, doc, model = _imported(name)
    assert model_rows(model) == [("年度目标1", *r, "") for r in reference_rows(name)]
    p = model.projects[0]
    assert p.field("department") == "岳阳县农业农村局" and p.field("implementer") == "农田建设服务中心"
    assert ("项目负责人及电话", "彭兵") in p.fields
    assert p.funding[0] == ("年度资金总额", "854万(高标准农田建设400万元,示范建设295万元,畅通工程159万元)")
    assert p.funding[1][1].startswith("854万854万")  # the duplicated text of the source, as it is
    assert [(g.kind, g.text) for g in p.goals] == [("long-term", ""), ("annual", "完成项目主体工程70%")]
    assert "也可自行增加或适当调整" in text  # the footnote, kept as a comment
    _nothing_lost(name, text)


def test_ezhou_admin_with_empty_rows():
    name = "10_ezhou_admin_approval_selfeval_2021.txt"
    text, doc, model = _imported(name)
    # reference-tables/10, rows 20-32: 年度指标值 as the target, 二级 by the source's layout
    assert model_rows(model) == [
        ("年度目标1", "产出指标", "数量指标", "预算执行率", "100%", ""),
        ("年度目标1", "产出指标", "数量指标", "预算资金拨款率", "100%", ""),
        ("年度目标1", "产出指标", "质量指标", "政务服务工作办结率", "100%", ""),
        ("年度目标1", "产出指标", "质量指标", "大厅业务日常考核结果", "100%", ""),
        ("年度目标1", "产出指标", "成本指标", "市民中心运行维护费", "150万", ""),
        ("年度目标1", "效益指标", "经济效益指标", "大厅运行正常率", "100%", ""),
    ]
    assert (model.year, model.form) == ("2021", "目标表")
    assert "源第24行为空白指标行（产出指标 / 时效指标）" in text
    skipped = [n.where for n in doc.notes if "空白行" in n.message]
    assert skipped == ["第20行", "第23行", "第25行", "第26行", "第28行", "第29行"]
    assert any("经济效益指标" in n.message and n.where == "第30行" for n in doc.notes)
    _nothing_lost(name, text)


# -- the command ---------------------------------------------------------------------------


def test_command_writes_the_file_and_reports_notes(tmp_path):
    out = tmp_path / "seed.perf"
    result = CliRunner().invoke(cli, ["import", str(SEED), "-o", str(out)])
    assert result.exit_code == 0
    assert f"{SEED}:第25行: 注意: " in result.output
    assert out.read_text(encoding="utf-8") == import_file(SEED)[0]


def test_gbk_text_export_is_read(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes(SEED.read_text(encoding="utf-8").encode("gb18030"))
    assert import_file(f)[0] == import_file(SEED)[0]


def test_file_without_a_project_is_an_error(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("项目支出绩效目标批复表\n\n申报单位：某单位\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(f)])
    assert result.exit_code == 1 and "没有找到任何项目" in result.output


def test_old_xls_is_refused_with_advice(tmp_path):
    f = tmp_path / "old.xls"
    f.write_bytes(b"\xd0\xcf\x11\xe0")
    result = CliRunner().invoke(cli, ["import", str(f)])
    assert result.exit_code == 1 and "另存为 .xlsx" in result.output


def test_a_project_of_another_unit_keeps_its_unit_as_a_field():
    page = _form("项目支出绩效目标批复表", HEADER[:5], [["年度目标1", "产出指标", "数量指标", "车辆", "10辆"]])
    other = page.replace("某单位", "另一单位").replace("测试项目", "另一项目")
    text, doc = import_text(page + other)
    assert text.startswith("申报单位 某单位\n")
    assert "字段 申报单位: 另一单位" in text
    assert any("另一单位" in n.message for n in doc.notes)


ODD_CELLS = [
    "项目名称",
    "项目预算",
    "申报单位：",
    "金额单位：万元",
    "项目支出绩效目标批复表",
    "长期绩效目标1",
    "年度绩效目标表",
    "目标名称",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "指标值确定依据",
    "长期目标1",
    "产出指标",
    "数量指标",
    "社会公众或服务对象满意度指标",
    "≥95%",
    "计划标准",
    "",
    "",
    "#",
    "{",
    "}",
    '"',
    "a:b",
    "经济 效益",
    "（2021年度）",
    "其中：财政",
    "名称",
    "年度",  # file-wide settings met among a project's pairs
    "金额单位",
    "评分方案",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(ODD_CELLS) | st.text(max_size=5), max_size=7), max_size=25))
def test_any_table_imports_to_valid_perf_or_a_clear_error(rows):
    src = "\n".join("\t".join(c.replace("\t", "").replace("\n", "") for c in r) for r in rows)
    try:
        text, _ = import_text(src)
    except ImportError_ as exc:
        assert exc.code == "PF932" and "项目名称" in exc.text("zh")
        return
    doc, diags = parse(text)
    assert doc is not None, (text, diags)


def test_a_file_wide_setting_among_a_projects_pairs_stays_a_field():
    """年度 / 金额单位 / 评分方案 written beside the project's name: kept as written (a field),
    not lost and not a crash (Hypothesis found `项目名称 | 项目名称 | 年度` raising KeyError)."""
    text, _ = import_text("项目名称\t项目名称\t年度")
    assert "字段 年度:" in text
    text, _ = import_text("项目名称\t路灯维护\t年度\t2024\n项目预算\t5\t评分方案\t湖北")
    assert "字段 年度: 2024" in text and "字段 评分方案: 湖北" in text and "预算 5" in text
    assert compile_text(text).model is not None


def test_a_weight_column_becomes_weights():
    src = _form(
        "项目支出绩效目标批复表",
        [*HEADER, "分值"],
        [
            ["年度目标1", "产出指标", "数量指标", "车辆", "10辆", "计划标准", "20"],
            ["", "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "计划标准", "10"],
        ],
    )
    model = compiled(import_text(src)[0])
    assert [str(i.weight) for g in model.projects[0].goals for i in g.indicators] == ["20", "10"]
