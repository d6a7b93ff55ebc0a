"""Issue 22: the published tables perflang had never seen (tests/fixtures/real/34-53), row for row
against the rows a human reads in them (expected/NN_….tsv, written by hand from the source), the
shapes the issue describes, and the promise of every import: exit 0 only when the document's
printed table is the source table's rows — on every fixture, in every form it comes in.

The figure (rows placed exactly, tuned and held-out apart) is in docs/import.md; `python
tests/realrows.py` prints it.  Tables 35, 38, 41, 44, 47, 50 and 53 are the held-out set: the
reader was never changed for them, and what this file records of them is what it does.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import realrows
import tablevariants as tv
from click.testing import CliRunner

from perflang.cli import cli
from perflang.importers.convert import import_file, import_text

FIXTURES = Path(__file__).parent / "fixtures"
REAL = FIXTURES / "real"
SOURCES = REAL / "sources"

# table -> (the lines of expected/NN.tsv the import does not place, indicator rows it makes that
# no human reads there, exit code).  Why a row is not placed:
# 35  (held out) a 自评表 copied one cell a line whose 年度指标值 and 实际完成值 columns the
#     copy runs together: not placed, exit 1
# 38, 44 (held out) each row placed twice or not at all (see docs/import.md): exit 1
# 42  制度指标 under 项目年度绩效目标(定量指标): not a level of the framework, asked
# 43  one cell a line: its 服务对象满意度指标 row, after 效益 rows, has no 一级 cell — a group of
#     two levels, or a row under the merged 效益 whose cell the copy dropped? The table merges its
#     一级, so the table's 效益 stands and the check asks (exit 1)
# 48  指标 | 指标权重 | 计量单位 | 指标性质 | 指标值: no 一级 or 二级 at all, every row asks for them
# 49, 52, 53 the tail or a fragment of a table without its header: kept, the header asked for
KNOWN = {
    34: ([], 0, 1),  # the weights give 效益 40 of the national 30: PF307, from the source
    35: ([2, 3, 4, 5, 6, 7, 8, 9, 10], 0, 1),
    36: ([], 0, 0),
    37: ([], 0, 0),
    38: ([], 10, 1),
    39: ([], 0, 1),  # 年度资金总额 0 on the form: the cost row exceeds it (PF305)
    40: ([], 0, 1),  # no 预算 on the form: asked (PF301)
    41: ([], 0, 1),
    42: ([2], 0, 1),
    43: ([8], 1, 1),
    44: ([2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 12, 1),
    45: ([], 0, 1),  # no 预算 on the form (500万 is in the letter's text): asked
    46: ([], 0, 0),
    47: ([], 0, 1),  # no 预算 on the form (参见附件1具体金额): asked
    48: ([2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0, 1),
    49: ([2, 3, 4, 5, 6, 7, 8, 9], 0, 1),
    50: ([], 0, 1),
    51: ([], 0, 0),
    52: ([2, 3, 4, 5, 6], 0, 1),
    53: ([2, 3, 4, 5], 0, 1),
}


def _compare(expected: list[tuple], got: list[tuple]) -> tuple[list[int], int]:
    """The lines of the expected rows not among the imported ones (each imported row matches
    once), and how many imported rows are left over."""
    pool = Counter(got)
    missing = []
    for k, row in enumerate(expected):
        match = row if pool[row] else None
        if match is None and row[0] == "":  # the source names no project
            match = next((g for g in pool if pool[g] and g[1:] == row[1:]), None)
        if match is None:
            missing.append(k + 2)
        else:
            pool[match] -= 1
    return missing, sum(pool.values())


@pytest.mark.parametrize("path", realrows.tables(), ids=lambda p: p.name[:2])
def test_each_unseen_table_row_for_row(path):
    """Every expected row, cell for cell (project, 一级, 二级, 三级, 指标值, 分值): placed, or
    listed in KNOWN with the reason; every row the import makes is one a human reads there."""
    code = CliRunner().invoke(cli, ["import", str(path), "-o", "/dev/null"]).exit_code
    _, doc = import_file(path)
    missing, other = _compare(realrows.expected_rows(path), realrows.imported_rows(doc))
    assert (missing, other, code) == KNOWN[realrows.number(path)]


def test_the_figure_is_the_one_docs_import_md_gives():
    rows = {n: realrows.expected_rows(p) for n, p in ((realrows.number(p), p) for p in realrows.tables())}
    placed = {n: len(rows[n]) - len(KNOWN[n][0]) for n in rows}
    tuned = [n for n in rows if n not in realrows.HELD_OUT]
    held = [n for n in rows if n in realrows.HELD_OUT]
    figure = (
        sum(placed[n] for n in tuned),
        sum(len(rows[n]) for n in tuned),
        sum(placed[n] for n in held),
        sum(len(rows[n]) for n in held),
    )
    docs = (Path(__file__).parents[1] / "docs" / "import.md").read_text(encoding="utf-8")
    assert f"tuned {figure[0]}/{figure[1]}, held-out {figure[2]}/{figure[3]}" in docs


# -- exit 0 means the printed table is the source's rows ---------------------------------------


def _source(name: str) -> list[tuple]:
    """(project or "", the row by meaning) of every indicator row of a fixture, read without the
    importer: the hand-written rows of 34-53, the annotated rows of the reference tables, the
    transcription's own table for 20-33."""
    number = int(name.split("_", 1)[0])
    if number >= 34:
        path = REAL / name
        return [(r[0], tv.meaning(*r[1:5])) for r in realrows.expected_rows(path)]
    if number < 20 and "\n一级指标 | 二级指标" in (FIXTURES / "reference" / name).read_text(encoding="utf-8"):
        from test_import import reference_rows

        out = []
        rows = reference_rows(name)
        width = max(len(r) for r in rows)
        for r in rows:
            if len(r) == width - 1:  # 社会公众或服务对象满意度指标 | 市民满意度 | ≥90%: two levels in one
                out.append(("", tv.meaning("", r[0], r[1], r[2])))
            elif r[2]:
                out.append(("", tv.meaning(*r[:4])))
        return out
    return [("", row) for row in tv.source_rows(_path(name).read_text(encoding="utf-8"))]


def _import(path: Path):
    """(text, doc), or None when the import refuses the file (exit 1, nothing written)."""
    try:
        return import_file(path)
    except Exception as exc:
        if not hasattr(exc, "zh") and type(exc).__name__ != "ImportError_" and not hasattr(exc, "code"):
            raise
        return None


def _holds(path: Path, source: list[tuple]) -> None:
    done = _import(path)
    if done is None:
        return
    text, doc = done
    if any(n.problem for n in doc.notes):
        return  # exit 1: the import says what it could not place
    printed = tv.printed_rows(text)
    if all(project for project, _ in source):
        assert sorted(printed) == sorted(source)
    else:
        assert sorted(r for _, r in printed) == sorted(r for _, r in source)


OLD = sorted(p.name for p in REAL.glob("[23]*.txt") if int(p.name[:2]) < 34)
NEW = sorted(p.name for p in REAL.glob("[345]*.txt") if int(p.name[:2]) >= 34)
SEED_LAYOUT = ["02_xiangtan_sanitation_fog_cannon.txt", "03_yueyang_county_farmland.txt"]
SEED_LAYOUT += ["10_ezhou_admin_approval_selfeval_2021.txt"]


def _path(name: str) -> Path:
    return FIXTURES / name if int(name[:2]) < 20 else REAL / name


@pytest.mark.parametrize("name", OLD + NEW + SEED_LAYOUT)
def test_exit_0_prints_the_source_rows_as_stored(name):
    _holds(_path(name), _source(name))


# the page copies of the import fixtures (20-53); 60-69 are published 自评表 collected for scoring
# (issue 23: tests/test_selfeval_forms.py), with no hand-written import rows
PAGES = sorted(p.name for p in SOURCES.glob("*.source.txt") if int(p.name[:2]) < 60)


@pytest.mark.parametrize("name", PAGES)
def test_exit_0_prints_the_source_rows_of_the_page_as_stored(name):
    """The stored page copies (tests/fixtures/real/sources/): the transcription's rows, both
    tables' where a page holds two."""
    parts = name.split("_")
    numbers = [p for p in parts[:2] if p.isdigit()]
    source = []
    for n in numbers:
        fixture = next(REAL.glob(f"{n}_*.txt")).name
        source += _source(fixture)
    _holds(SOURCES / name, source)


def _tab_fixtures() -> list[str]:
    out = []
    for name in OLD + NEW + SEED_LAYOUT:
        rows = tv.grid(_path(name).read_text(encoding="utf-8"))
        try:
            head = rows[tv.header_index(rows)]
        except StopIteration:
            continue
        if len(head) > 3:
            out.append(name)
    return out


FORMS = ["pipes", "lines", "html", "html-merged", "xlsx", "docx"]


def _write(rows, form: str, tmp_path: Path) -> Path:
    if form == "xlsx":
        return tv.xlsx(rows, tmp_path / "t.xlsx")
    if form == "docx":
        return tv.docx(rows, tmp_path / "t.docx")
    if form.startswith("html"):
        page = tmp_path / "t.html"
        merged = tv.level_columns(rows) if form == "html-merged" else ()
        page.write_text(tv.html(rows, merged), encoding="utf-8")
        return page
    f = tmp_path / "t.txt"
    f.write_text(tv.pipes(rows) if form == "pipes" else tv.lines(rows), encoding="utf-8")
    return f


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", _tab_fixtures())
def test_exit_0_prints_the_source_rows_in_every_form(name, form, tmp_path):
    """The same table as pipes, one cell a line, an HTML page (blank or merged 一级/二级 cells),
    an .xlsx and a .docx: an import that exits 0 prints the source's rows."""
    rows = tv.grid(_path(name).read_text(encoding="utf-8"))
    _holds(_write(rows, form, tmp_path), _source(name))


# -- the shapes the issue describes ---------------------------------------------------------------

SIDE_BY_SIDE = """位置：首页 > 政务公开 > 财政预决算
索引号：11500000MB1234567X/2023-00012
发文机关：某某区财政局
发文日期：2023-02-10
项目名称\t城区道路照明维护
中期市财政预算(万元)\t360
本年度申请市财政预算资金(万元)\t120
中期滚动目标\t完成城区道路照明设施维护，亮灯率保持在98%以上\t年度目标\t完成年度照明设施维护，亮灯率98%以上
一级指标\t二级指标(中期)\t三级指标(中期)\t指标值(中期)\t二级指标(年度)\t三级指标(年度)\t指标值(年度)
预期产出指标\t数量指标(或建筑规模指标)\t维护路灯数量\t≥3000盏\t数量指标(或建筑规模指标)\t维护路灯数量\t≥1000盏
\t质量指标\t亮灯率\t≥98%\t质量指标\t亮灯率\t≥98%
\t时效指标(工期指标、形象进度指标)\t故障修复时间\t及时\t时效指标(工期指标、形象进度指标)\t故障修复时间\t及时
\t预算(或投资规模)控制指标\t成本控制\t±3%以内\t预算(或投资规模)控制指标\t成本控制\t±3%以内
效果指标\t社会、经济、生态效益 指标\t夜间交通事故增长率\t0%\t社会、经济、生态效益 指标\t夜间交通事故增长率\t0%
\t满意度指标\t市民满意度\t≥90%\t满意度指标\t市民满意度\t≥90%
"""


def test_side_by_side_mid_term_and_annual_with_notes_in_the_levels():
    """中期滚动目标 beside 年度目标, 预期产出指标 / 效果指标, 二级 with bracketed notes, the budget
    under 本年度申请市财政预算资金, the page's own lines around it (the issue's second shape)."""
    text, doc = import_text(SIDE_BY_SIDE)
    p = doc.projects[0]
    assert (p.name, p.budget) == ("城区道路照明维护", "120")
    assert [(g.keyword, g.text[:6]) for g in p.goals] == [("长期目标", "完成城区道路"), ("年度目标", "完成年度照明")]
    rows = [(r.goal[0], r.level1, r.level2, r.name, r.value) for r in p.rows if r.kind == "indicator"]
    for goal, target in (("长期目标", "≥3000盏"), ("年度目标", "≥1000盏")):
        assert (goal, "产出指标", "数量指标", "维护路灯数量", target) in rows
        assert (goal, "产出指标", "时效指标", "故障修复时间", "及时") in rows
        assert (goal, "产出指标", "成本指标", "成本控制", "±3%以内") in rows
    # 社会、经济、生态效益指标: which of the three is not guessed — asked, the row kept
    asked = [n for n in doc.notes if n.problem and n.key == "kept"]
    assert {n.args["reason"][1]["cell"] for n in asked} == {"社会、经济、生态效益指标"}
    assert "未导入（源第14行" in text
    # 满意度指标 as a 二级 under the merged 效果指标 (this form's layout): written under the table's
    # own 一级, and the check asks (the framework has 满意度 as a 一级 of its own)
    assert ("年度目标", "效果指标", "满意度指标", "市民满意度", "≥90%") in rows
    assert [n.key for n in doc.notes if n.problem and n.key != "kept"] == ["check", "check"]
    # the page's lines are kept as comments, never read as labels
    assert all(f"# 未导入（源第{k}行" in text for k in (1, 2, 3, 4))


POINTS = """项目名称\t乡村道路维护
项目预算\t65
一级指标\t二级指标\t三级指标\t指标值\t分值
成本指标(0-20)分\t经济成本指标\t建设成本\t≤65万元\t10
产出指标(50分)\t数量指标\t维护里程\t≥12公里\t20
\t质量指标\t验收合格率\t100%\t20
效益指标（30分）\t社会效益指标\t通行条件\t明显改善\t30
满意度指标(10分)\t服务对象满意度指标\t群众满意度\t≥95%\t10
"""


def test_points_in_the_level_labels_are_left_out_and_said():
    text, doc = import_text(POINTS)
    rows = [(r.level1, r.level2, r.name, r.weight) for r in doc.projects[0].rows if r.kind == "indicator"]
    assert rows == [
        ("成本指标", "经济成本指标", "建设成本", "10"),
        ("产出指标", "数量指标", "维护里程", "20"),
        ("产出指标", "质量指标", "验收合格率", "20"),
        ("效益指标", "社会效益指标", "通行条件", "30"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "10"),
    ]
    assert {n.args["cell"] for n in doc.notes if n.key == "pool"} >= {"成本指标(0-20)分", "产出指标(50分)"}


def test_a_system_export_of_several_projects():
    """34: 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级 … | 权重 | 指标方向性, money in 元 with
    separators, a 部门 subtotal row, continuation rows without the merged cells."""
    text, doc = import_file(REAL / "34_sichuan_jingyan_matazhen_system_export_2023.txt")
    assert [(p.name, p.budget) for p in doc.projects] == [
        ("村组干部报酬", "3,309,840.00"),
        ("基层组织活动经费", "660,000.00"),
    ]
    assert doc.money_unit == "元" and doc.unit == "820001-井研县马踏镇人民政府"
    assert [n.key for n in doc.notes if n.key in ("subtotal", "unread")] == ["subtotal", "unread"]
    assert "源第4行为合计行：820-马踏镇部门 | 8,827,620.53" in text


def test_a_table_without_budget_asks_where_to_write_it():
    text, doc = import_file(REAL / "40_sichuan_guangyuan_zhaohua_family_aid_declaration_2021.txt")
    asked = [n for n in doc.notes if n.key == "no_budget"]
    assert len(asked) == 1 and "PF301" in asked[0].text("zh") and "PF301" in asked[0].text("en")
    assert "# 表上没有预算：在这里写 预算 金额（万元）" in text
    assert '年度目标 1 "区域内符合计划生育政策' in text  # the goal's text on the line after its label


def test_a_level2_of_two_level1s_follows_the_tables_own_level1_column():
    """成本指标 is a 一级 and a 二级 of 产出: in a column of levels with no header word for which,
    under 产出 it is the 二级 (42); in the 一级 column it is the 一级 (34's own 一级 column)."""
    _, doc = import_file(REAL / "42_hebei_xingtai_ningjin_high_school_grant_indicators_2019.txt")
    rows = [(r.level1, r.level2, r.name) for r in doc.projects[0].rows if r.kind == "indicator"]
    assert ("产出", "成本指标", "资助标准达标率") in rows  # 产出 as the form writes it
    text, _ = import_text(POINTS)
    assert "成本 / 经济成本 {" in text


def test_the_failures_the_issue_saw_one_cell_a_line_and_a_browser_copy():
    """The seed one cell a line (its 满意度 rows went under 效益), table 20 one cell a line (its
    成本 rows went under 产出), table 33 copied without its merged cells (nine rows unplaced):
    each gives the document of its clean table, and exits as it does."""
    from test_import_properties import _document, drop_merged

    seed = (FIXTURES / "seed" / "000_f33f596efa0ca9bb.txt").read_text(encoding="utf-8")
    cases = [(seed, tv.lines(tv.grid(seed)))]
    for name in ("20_gansu_jiayuguan_museum_target_2023.txt", "33_hubei_wuhan_qingshan_rural_schools_target_2020.txt"):
        clean = (REAL / name).read_text(encoding="utf-8")
        cases.append((clean, tv.lines(tv.grid(clean))))
        cases.append((clean, tv.tabs(drop_merged(tv.grid(clean)))))
    for clean, changed in cases:
        text, doc = import_text(changed)
        clean_text, clean_doc = import_text(clean)
        assert _document(text) == _document(clean_text)
        # exit 0 as the clean table (33 asks about its 满意度 row under 效益 either way)
        assert any(n.problem for n in doc.notes) == any(n.problem for n in clean_doc.notes)
