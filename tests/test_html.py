"""The printable approval table (HTML): cell for cell against the seed, merges as the official
form merges them, escaping, forms, determinism, goldens, and the rowspan law (Hypothesis)."""

from __future__ import annotations

from types import SimpleNamespace

import htmlgrid
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT, SEED_EXAMPLE, check_golden
from hypothesis import given, settings
from hypothesis import strategies as st
from seedtable import LEVEL1, SEED

from perflang.api import compile_file, compile_text
from perflang.backends.html import render, table_rows
from perflang.cli import cli

HEADER = ["目标名称", "一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"]
LEAD = "申报单位 测试单位\n金额单位 万元\n"


def seed_sheets():
    return htmlgrid.read(render(compile_file(SEED_EXAMPLE).model)).sheets


def seed_merges() -> list[list[list[tuple[bool, bool, bool]]]]:
    """From the raw seed text: per project, per indicator table, per row, whether the 目标名称,
    一级 and 二级 cells are blank (merged into the cell above).  The one row shifted left by a
    cell (it starts with a 一级 name) lacks its 目标名称 cell: that cell is merged too."""
    projects: list[list[list[tuple[bool, bool, bool]]]] = []
    rows = None
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        cells = line.split("\t")
        head = cells[0].strip()
        if head == "项目名称":
            projects.append([])
        elif head == "目标名称":
            rows = []
            projects[-1].append(rows)
        elif rows is not None and line.strip() and not head.endswith("表"):
            if head in LEVEL1:
                cells = [""] + cells
            rows.append(tuple(not c.strip() for c in (cells + ["", "", ""])[:3]))
        else:
            rows = None
    return projects


def test_seed_reader_sees_the_whole_seed(seed_projects):
    assert len(seed_projects) == 5
    assert sum(len(p.rows) for p in seed_projects) == 78


def test_seed_sheets_match_the_seed_cell_for_cell(seed_projects):
    sheets = seed_sheets()
    assert len(sheets) == len(seed_projects)
    for sheet, seed in zip(sheets, seed_projects):
        assert sheet.title == seed.title
        assert sheet.meta == [f"申报单位：{seed.unit}", f"金额单位：{seed.money_unit}"]
        summary = htmlgrid.texts(htmlgrid.grid(sheet.tables[0]))
        assert summary[0] == ["项目名称", seed.name, seed.name, "项目预算", "项目预算", seed.budget]
        assert summary[1] == ["项目绩效总目标"] * 6
        assert summary[2] == ["名称"] * 2 + ["目标说明"] * 4
        assert summary[3:] == [[label] * 2 + [text] * 4 for label, text in seed.goals]
        tables = [htmlgrid.texts(htmlgrid.grid(t)) for t in sheet.tables[1:]]
        assert [t[0] for t in tables] == [[title] * 6 for title in seed.tables]
        for table, rows in zip(tables, seed.tables.values()):
            assert table[1] == HEADER
            assert table[2:] == [[r.goal, r.level1, r.level2, r.name, r.value, r.basis] for r in rows]


def test_seed_sheets_merge_cells_as_the_seed_does():
    sheets, merges = seed_sheets(), seed_merges()
    assert sum(len(rows) for tables in merges for rows in tables) == 78
    for sheet, tables in zip(sheets, merges, strict=True):
        grids = [htmlgrid.grid(t)[2:] for t in sheet.tables[1:]]
        assert len(grids) == len(tables)
        for g, expected in zip(grids, tables):
            assert [tuple(not s.origin for s in row[:3]) for row in g] == expected
            assert all(s.origin for row in g for s in row[3:])


def test_page_is_standalone_html5_without_scripts_or_external_resources():
    page = render(compile_file(SEED_EXAMPLE).model)
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert '<meta charset="utf-8">' in page
    reader = htmlgrid.read(page)
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(reader.tags)
    assert not {n for n, _ in reader.attrs if n in ("src", "href") or n.startswith("on")}
    for needle in ("url(", "@import", "http:", "https:"):
        assert needle not in page
    for rule in (
        "size: A4 portrait",
        "break-before: page",
        "break-inside: avoid",
        "display: table-header-group",
        "border: 1px solid #000",
        "SimSun",
        "宋体",
        "Songti SC",
        "Noto Serif CJK SC",
        "table-layout: fixed",
        "overflow-wrap: anywhere",
    ):
        assert rule in page, rule


def test_header_rows_are_in_thead_so_they_repeat_on_every_page():
    page = render(compile_file(SEED_EXAMPLE).model)
    assert page.count("<thead>") == 10  # 5 projects x (长期 + 年度)
    assert page.count('<thead>\n<tr><th colspan="6" class="section">') == 10


def test_output_is_deterministic():
    model = compile_file(SEED_EXAMPLE).model
    assert render(model) == render(compile_file(SEED_EXAMPLE).model) == render(model)


def _compile(text: str):
    result = compile_text(text)
    assert result.ok, [d.message() for d in result.diagnostics]
    return result.model


def test_names_and_values_are_escaped_and_print_as_written():
    model = _compile(
        LEAD + '项目 "<script>alert(1)</script>" {\n  预算 10\n'
        '  年度目标 1 "a < b & c > d" {\n    产出 / 数量 {\n'
        "      <b>粗体</b>: 不少于10条\n      R&D 投入: ≥2.3万个\n    }\n  }\n}\n"
    )
    page = render(model)
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    sheet = htmlgrid.read(page).sheets[0]
    summary = htmlgrid.texts(htmlgrid.grid(sheet.tables[0]))
    assert summary[0][1] == "<script>alert(1)</script>"
    assert summary[3] == ["年度绩效目标1"] * 2 + ["a < b & c > d"] * 4
    rows = htmlgrid.texts(htmlgrid.grid(sheet.tables[1]))[2:]
    assert [r[3:5] for r in rows] == [["<b>粗体</b>", "不少于10条"], ["R&D 投入", "≥2.3万个"]]


ANNUAL_ONLY = LEAD + (
    '项目 只有年度 {\n  预算 5\n  年度目标 1 "年度" {\n    产出 / 数量 {\n'
    "      培训人数: ≥20人\n    }\n    满意度 / 满意度 {\n      满意率: ≥90%\n"
    "    }\n  }\n}\n"
)


def test_project_with_only_annual_goals_has_only_the_annual_table():
    sheet = htmlgrid.read(render(_compile(ANNUAL_ONLY))).sheets[0]
    summary = htmlgrid.texts(htmlgrid.grid(sheet.tables[0]))
    assert summary[3:] == [["年度绩效目标1"] * 2 + ["年度"] * 4]
    assert len(sheet.tables) == 2
    table = htmlgrid.texts(htmlgrid.grid(sheet.tables[1]))
    assert table[0] == ["年度绩效目标表"] * 6
    assert table[2:] == [
        ["年度目标1", "产出指标", "数量指标", "培训人数", "≥20人", ""],
        ["年度目标1", "满意度指标", "满意度指标", "满意率", "≥90%", ""],
    ]


def test_declaration_form_from_the_option_or_the_file():
    model = compile_file(SEED_EXAMPLE).model
    titles = {s.title for s in htmlgrid.read(render(model, form="declaration")).sheets}
    assert titles == {"项目支出绩效目标申报表"}
    declared = _compile("表样 申报表\n" + ANNUAL_ONLY)
    assert htmlgrid.read(render(declared)).sheets[0].title == "项目支出绩效目标申报表"
    assert htmlgrid.read(render(declared, form="approval")).sheets[0].title == "项目支出绩效目标批复表"


def test_year_fields_funding_and_budget_unit():
    model = _compile(
        "年度 2024\n" + LEAD + "项目 甲 {\n  预算 50000元\n  主管部门 某局\n"
        '  字段 项目负责人: 张三\n  资金 财政拨款: 5\n  年度目标 1 "x" {\n'
        "    产出 / 数量 {\n      a: 1个\n    }\n  }\n}\n"
    )
    sheet = htmlgrid.read(render(model)).sheets[0]
    assert sheet.title == "2024年项目支出绩效目标批复表"
    summary = htmlgrid.texts(htmlgrid.grid(sheet.tables[0]))
    assert summary[0][5] == "5"  # 50000元 in the sheet's 金额单位 (万元)
    assert summary[1:4] == [["主管部门"] + ["某局"] * 5, ["项目负责人"] + ["张三"] * 5, ["其中：财政拨款"] + ["5"] * 5]


def test_cli_builds_one_html_per_input_into_a_folder(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.perf").write_text(ANNUAL_ONLY, encoding="utf-8")
    (src / "b.perf").write_text(ANNUAL_ONLY.replace("只有年度", "第二个"), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(src), "--to", "html", "--form", "declaration", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "b.html"]
    for name, project in (("a.html", "只有年度"), ("b.html", "第二个")):
        sheet = htmlgrid.read((out / name).read_text(encoding="utf-8")).sheets[0]
        assert sheet.title == "项目支出绩效目标申报表"
        assert htmlgrid.grid(sheet.tables[0])[0][1].text == project


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.perf")), ids=lambda p: p.stem)
def test_golden_html(example, update_goldens):
    result = compile_file(example)
    assert result.ok
    check_golden(ROOT / "tests" / "golden" / f"{example.stem}.html", render(result.model), update_goldens)


# -- the rowspan law --------------------------------------------------------------------------


def _goal(label: str, rows) -> SimpleNamespace:
    inds = [
        SimpleNamespace(level1=a, level2=b, name=n, basis="依据", target=SimpleNamespace(text=f"={n}"))
        for a, b, n in rows
    ]
    return SimpleNamespace(label=label, indicators=inds)


_rows = st.lists(st.tuples(st.sampled_from("AB"), st.sampled_from("xy"), st.text("mn", max_size=2)), max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(_rows, min_size=1, max_size=3))
def test_table_rows_expand_back_to_the_indicators_with_maximal_merges(goal_rows):
    goals = [_goal(f"年度目标{i + 1}", rows) for i, rows in enumerate(goal_rows)]
    built = [[htmlgrid.Cell(c["text"], "td", c["rowspan"], 1) for c in row] for row in table_rows(goals)]
    g = htmlgrid.grid(built) if built else []
    expected = [
        [goal.label, i.level1, i.level2, i.name, i.target.text, i.basis] for goal in goals for i in goal.indicators
    ]
    flat = [row for row in htmlgrid.texts(g) if row[1:] != [""] * 5]
    assert flat == expected
    empty_goals = [goal.label for goal in goals if not goal.indicators]
    assert [row[0] for row in htmlgrid.texts(g) if row[1:] == [""] * 5] == empty_goals
    for r in range(1, len(g)):
        for c in range(3):
            same_parent = all(not g[r][k].origin for k in range(c))
            merged = not g[r][c].origin
            # merged exactly when the cell repeats the one above within the same parent run
            assert merged == (same_parent and g[r][c].text == g[r - 1][c].text), (r, c)
