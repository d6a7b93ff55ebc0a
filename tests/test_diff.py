"""`perflang diff OLD NEW`: the 绩效目标调整表 (issues 25 and 26) — changes found by id, renames
told apart, layout, comments and `fmt` ignored, reasons from comments and 调整原因, printed as
text, JSON and HTML."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import SEED_EXAMPLE

from perflang.api import compile_text
from perflang.cli import cli
from perflang.contract.diff import diff_models
from perflang.syntax.formatter import format_text

SEED = SEED_EXAMPLE.read_text(encoding="utf-8")


def changes(old: str, new: str):
    a, b = compile_text(old, "old.perf"), compile_text(new, "new.perf")
    assert a.ok and b.ok, [d.message() for d in a.diagnostics + b.diagnostics if d.level.value == "error"]
    return diff_models(a.model, b.model, old, new)


def first_project(text: str) -> str:
    """The seed's header and its first project (政务服务工作)."""
    return text.split("\n项目 援疆对口社区帮扶", 1)[0] + "\n"


OLD = first_project(SEED)
# a value changed (=35人 → =30人, the reason after it), an indicator added (with its reason
# above it), one removed (群众满意度), and only comments changed elsewhere
NEW = (
    OLD.replace("服务窗口工作人员数量:         =35人", "服务窗口工作人员数量:         =30人  # 调整原因：两个窗口合并")
    .replace(
        "      项目按时完成率: =100%\n", "      项目按时完成率: =100%\n      # 新增：热线回拨\n      漏话回拨率: ≥90%\n"
    )
    .replace("    满意度 / 满意度 {\n      群众满意度: ≥95%\n    }\n", "")
    .replace("# 按 tests/fixtures", "# 二稿。按 tests/fixtures")
    .replace("    成本 / 经济成本 {", "    # 成本按预算\n    成本 / 经济成本 {")
)


def test_the_three_changes_of_a_seed_project_and_nothing_else():
    got = changes(OLD, NEW)
    assert [(c.kind, c.change, c.goal, c.name, c.what, c.old, c.new, c.reason) for c in got] == [
        ("indicator", "changed", "长期目标1", "服务窗口工作人员数量", "value", "=35人", "=30人", "两个窗口合并"),
        ("indicator", "added", "长期目标1", "漏话回拨率", "value", None, "≥90%", "新增：热线回拨"),
        ("indicator", "removed", "长期目标1", "群众满意度", "value", "≥95%", None, None),
    ]
    # the annual goal shares the long-term one (年度目标 1 同 长期目标 1): listed once, where written
    assert all(c.goal == "长期目标1" for c in got)


def test_fmt_of_either_side_changes_nothing_in_the_diff():
    messy_old = re.sub(r":\s+", ": ", OLD).replace("  ", "\t")
    for old, new in ((messy_old, NEW), (format_text(messy_old)[0], format_text(NEW)[0]), (OLD, format_text(NEW)[0])):
        got = changes(old, new)
        assert [(c.change, c.name, c.old, c.new) for c in got] == [
            ("changed", "服务窗口工作人员数量", "=35人", "=30人"),
            ("added", "漏话回拨率", None, "≥90%"),
            ("removed", "群众满意度", "≥95%", None),
        ]
    assert changes(OLD, format_text(re.sub(r":\s+", ": ", OLD))[0]) == []


def test_values_written_another_way_are_not_changes():
    old = "项目 甲 {\n  预算 571\n  年度目标 1 {\n    产出 / 数量 {\n      a: 不少于10条\n      b: ≥2.3万个\n      c: ≥95%\n    }\n  }\n}\n"
    new = "项目 甲 {\n  预算 571万元\n  年度目标 1 {\n    产出指标 / 数量指标 {\n      a: ≥10条\n      b: ≥23000个\n      c: ＞＝95％\n    }\n  }\n}\n"
    assert changes(old, new) == []
    assert [(c.kind, c.old, c.new) for c in changes(old, new.replace("571万元", "600"))] == [("budget", "571", "600")]


def test_renames_are_told_from_removals():
    renamed = OLD.replace("服务评价满意度测评", "服务评价满意率测评")
    (c,) = changes(OLD, renamed)
    assert (c.kind, c.change, c.what, c.old, c.new) == (
        "indicator",
        "renamed",
        "name",
        "服务评价满意度测评",
        "服务评价满意率测评",
    )
    assert c.old_id != c.new_id and c.old_id.startswith("i-")
    # renamed and its value changed too: a rename with a value change is a removal and an addition
    both = OLD.replace("服务评价满意度测评: ≥95%", "服务评价满意率测评: ≥96%")
    assert [x.change for x in changes(OLD, both)] == ["added", "removed"]
    # moved to another 二级, name and value kept
    moved = OLD.replace("    产出 / 质量 {\n      服务评价满意度测评: ≥95%\n    }\n", "").replace(
        "      项目按时完成率: =100%\n", "      项目按时完成率: =100%\n      服务评价满意度测评: ≥95%\n"
    )
    (m,) = changes(OLD, moved)
    assert (m.change, m.old, m.new) == ("moved", "产出指标/质量指标", "产出指标/时效指标")


def test_a_renamed_project_is_one_change():
    got = changes(OLD, OLD.replace("项目 政务服务工作", "项目 政务服务工作（2025）"))
    assert [(c.kind, c.change, c.old, c.new) for c in got] == [
        ("project", "renamed", "政务服务工作", "政务服务工作（2025）")
    ]
    added = changes(
        OLD, OLD + "\n项目 新项目 {\n  预算 1\n  年度目标 1 {\n    产出 / 数量 {\n      x: ≥1个\n    }\n  }\n}\n"
    )
    assert [(c.kind, c.change, c.new) for c in added] == [("project", "added", "新项目")]


def test_goals_budgets_fields_and_the_reason_field():
    new = OLD.replace("  预算 571\n", "  预算 600\n  字段 调整原因: 年中追加预算\n  主管部门 鄂州市数据局\n").replace(
        "  年度目标 1 同 长期目标 1\n",
        '  年度目标 1 "当年目标" {\n    产出 / 数量 {\n      热线人数: =33人\n    }\n  }\n',
    )
    got = changes(OLD, new)
    assert [(c.kind, c.change, c.what or c.name, c.reason) for c in got] == [
        ("budget", "changed", "budget", "年中追加预算"),
        ("field", "added", "department", "年中追加预算"),
        ("goal", "changed", "shared", "年中追加预算"),
    ]
    assert got[2].old == "长期目标1" and got[2].new == "当年目标"


def test_a_removed_indicator_takes_its_reason_from_a_comment_naming_it():
    new = NEW.replace("    效益 / 社会效益 {", "    # 删去“群众满意度”，改由第三方测评\n    效益 / 社会效益 {")
    removed = [c for c in changes(OLD, new) if c.change == "removed"]
    assert removed[0].reason == "删去“群众满意度”，改由第三方测评"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "old.perf").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.perf").write_text(NEW, encoding="utf-8")
    return tmp_path / "old.perf", tmp_path / "new.perf"


def test_the_command_prints_text_json_and_html(files, tmp_path):
    old, new = files
    text = CliRunner().invoke(cli, ["diff", str(old), str(new)])
    assert text.exit_code == 0
    assert (
        "修改指标值  长期目标1 产出指标/数量指标/服务窗口工作人员数量  =35人 → =30人  调整原因：两个窗口合并"
        in text.stdout
    )
    assert "共 3 处调整" in text.stdout
    english = CliRunner().invoke(cli, ["diff", str(old), str(new), "--lang", "en"])
    assert "target value changed" in english.stdout and "3 change(s)" in english.stdout
    data = json.loads(CliRunner().invoke(cli, ["diff", str(old), str(new), "--to", "json"]).stdout)
    assert data["format"] == "perflang-diff/1" and [c["change"] for c in data["changes"]] == [
        "changed",
        "added",
        "removed",
    ]
    assert set(data["changes"][0]) >= {
        "kind",
        "change",
        "project",
        "goal",
        "level1",
        "level2",
        "name",
        "what",
        "old",
        "new",
        "reason",
        "old_id",
        "new_id",
    }
    out = tmp_path / "调整表.html"
    assert CliRunner().invoke(cli, ["diff", str(old), str(new), "--to", "html", "-o", str(out)]).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<h1>鄂州市数据局 绩效目标调整表</h1>" in html and html.count("<tr><td>") == 3
    assert "两个窗口合并" in html and "漏话回拨率" in html and "size: A4 landscape" in html


def test_no_change_and_a_file_with_errors(files, tmp_path):
    old, _ = files
    same = CliRunner().invoke(cli, ["diff", str(old), str(old)])
    assert same.exit_code == 0 and "没有调整" in same.stdout
    broken = tmp_path / "broken.perf"
    broken.write_text("项目 甲 {\n  预算 x\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "perflang", "diff", str(old), str(broken)], capture_output=True, text=True
    )
    assert run.returncode == 1 and "error" in run.stderr and "Traceback" not in run.stderr


def test_the_printed_adjustment_table_is_one_a4_landscape_page_with_every_row(files, tmp_path):
    """Printed by Chromium: A4 landscape, every change's row and reason on the page, nothing
    past its right edge."""
    from pdftools import page_size, pages, print_pdf, require, squeeze, word_boxes

    browser = require("chromium")
    require("pdftotext")
    old, new = files
    html = CliRunner().invoke(cli, ["diff", str(old), str(new), "--to", "html"]).stdout
    pdf = print_pdf(browser, html, tmp_path)
    width, height = page_size(pdf)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape in points
    (page,) = pages(pdf)
    for text in (
        "绩效目标调整表",
        "服务窗口工作人员数量",
        "=30人",
        "两个窗口合并",
        "漏话回拨率",
        "群众满意度",
        "新增：热线回拨",
    ):
        assert squeeze(text) in squeeze(page), text
    assert all(x1 <= width for x0, y0, x1, y1 in word_boxes(pdf)[0])


def test_the_files_settings_are_listed_first(tmp_path):
    new = OLD.replace("表样 批复表\n", "表样 批复表\n评分方案 湖北\n年度 2025\n")
    got = changes(OLD, new)
    assert [(c.kind, c.change, c.name, c.old, c.new) for c in got] == [
        ("setting", "added", "year", None, "2025"),
        ("setting", "added", "scoring", None, "湖北"),
    ]
    (tmp_path / "a.perf").write_text(OLD, encoding="utf-8")
    (tmp_path / "b.perf").write_text(new, encoding="utf-8")
    out = CliRunner().invoke(cli, ["diff", str(tmp_path / "a.perf"), str(tmp_path / "b.perf")]).stdout
    assert "文件设置\n  新增设置  年度  — → 2025\n  新增设置  评分方案  — → 湖北\n" in out
