"""Text that is what it looks like (issue 24, "The audit": pasted text; item 6): a bidi control
(U+202E turns the printed name around) or a zero-width character (服务周期 and 服务周期 + U+200B,
two indicators that look the same) in a name or a value is removed, with a coded warning at its
place (PF009) in a .perf file and a coded note on import; two names equal once they are removed
are duplicates (PF204, PF205).  Before (main): carried into the printed table and the JSON, no
word said, the two names two indicators."""

from __future__ import annotations

import json
import sys

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from perflang.api import compile_text, recompile
from perflang.backends.html import render as render_html
from perflang.backends.json import render as render_json
from perflang.cli import cli

INVISIBLE = (
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi controls
    "\u200b\u200c\u200d\u2060\ufeff"  # zero width
)

DOC = """项目 {project} {{
  预算 100
  年度目标 1 "目标" {{
    产出 / 数量 {{
      {first}: ≥3天
      {second}: ≥4次
    }}
    效益 / 社会效益 {{
      影响: 达标
    }}
    满意度 / 满意度 {{
      群众满意度: ≥95%
    }}
  }}
}}
"""


def doc(project="测试", first="服务周期", second="服务次数") -> str:
    return DOC.format(project=project, first=first, second=second)


def codes(text: str) -> list[tuple[str, int, int]]:
    return [(d.code, d.span.line, d.span.column) for d in compile_text(text, "x.perf").diagnostics]


@pytest.mark.parametrize("char", list(INVISIBLE), ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_each_invisible_character_is_warned_at_its_place_and_removed(char):
    text = doc(project=f"数据{char}局项目")
    result = compile_text(text, "x.perf")
    assert [(d.code, d.span.line, d.span.column) for d in result.diagnostics] == [("PF009", 1, 6)]
    d = result.diagnostics[0]
    assert f"U+{ord(char):04X}" in d.message("zh") and f"U+{ord(char):04X}" in d.message("en")
    assert d.hint("zh") and d.hint("en")
    assert result.ok  # a warning: the file still builds
    assert result.model.projects[0].name == "数据局项目"
    for out in (render_json(result.model), render_html(result.model)):
        assert char not in out


def test_a_reversed_name_does_not_reach_the_printed_table():
    spoof = "\u202e目项据数\u202c"  # shown as 数据项目, stored reversed
    result = compile_text(doc(project=spoof), "x.perf")
    page = render_html(result.model)
    assert "\u202e" not in page and "\u202c" not in page
    assert json.loads(render_json(result.model))["projects"][0]["name"] == "目项据数"  # what it really is


def test_two_indicators_that_look_the_same_are_duplicates():
    got = codes(doc(first="服务周期", second="服务周期\u200b"))
    assert ("PF205", 6, 7) in got and ("PF009", 6, 11) in got


def test_two_projects_that_look_the_same_are_duplicates():
    text = doc(project="甲") + doc(project="甲\u2060")
    assert ("PF204", 16, 4) in codes(text)


def test_values_settings_fields_and_goal_texts_are_cleaned():
    text = "申报单位 某\u200b局\n" + doc(first="服务周期", second="服务次数").replace('"目标"', '"目\u200d标"').replace(
        "≥4次", "≥4\u200b次"
    ).replace("  预算 100\n", "  预算 100\n  字段 负责人: 张\u2066三\n")
    result = compile_text(text, "x.perf")
    out = render_json(result.model)
    assert not any(c in out for c in INVISIBLE)
    assert [d.code for d in result.diagnostics] == ["PF009"] * 4
    assert result.model.unit == "某局"
    assert result.model.projects[0].goals[0].indicators[1].target.text == "≥4次"


def test_a_comment_is_warned_but_kept():
    text = doc().replace("  预算 100\n", "  预算 100  # 注\u202e释\n")
    result = compile_text(text, "x.perf")
    assert [(d.code, d.span.line) for d in result.diagnostics] == [("PF009", 2)]


def test_a_file_without_them_is_untouched():
    text = doc()
    result = compile_text(text, "x.perf")
    assert result.diagnostics == () and result.document is not None


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=INVISIBLE + "服务周期", min_size=1, max_size=12).filter(lambda s: any(c in "服务周期" for c in s))
)
def test_names_that_differ_only_in_invisible_characters_are_duplicates(name):
    """Property: a name and the same name with invisible characters inserted are duplicates."""
    plain = "".join(c for c in name if c not in INVISIBLE)
    got = [c for c, _, _ in codes(doc(first=plain, second=name))]
    assert "PF205" in got


def test_the_language_server_path_gives_the_same_result():
    """recompile (the editor's one-line edit) keeps the cleaned tree and warns the same."""
    before = compile_text(doc(first="服务周期"), "x.perf")
    after_text = doc(first="服务周期\u200b")
    assert recompile(before, after_text).diagnostics == compile_text(after_text, "x.perf").diagnostics
    again = recompile(compile_text(after_text, "x.perf"), doc(first="服务周期\u200b", second="服务周期"))
    assert again.diagnostics == compile_text(doc(first="服务周期\u200b", second="服务周期"), "x.perf").diagnostics
    assert {d.code for d in again.diagnostics} == {"PF009", "PF205"}


def test_check_on_the_command_line_says_it_in_both_languages(tmp_path):
    path = tmp_path / "x.perf"
    path.write_text(doc(project="测\u202e试"), encoding="utf-8")
    zh = CliRunner().invoke(cli, ["check", "--no-cache", str(path)])
    en = CliRunner().invoke(cli, ["check", "--no-cache", "--lang", "en", str(path)])
    assert zh.exit_code == 0 and "warning[PF009]" in zh.output and "从右到左覆盖" in zh.output
    assert en.exit_code == 0 and "right-to-left override" in en.output
    # the excerpt under the message shows it as U+FFFD: sent as it is, it would turn the rest of
    # the terminal's line around
    assert not any(c in zh.output + en.output for c in INVISIBLE)
    assert "   1 | 项目 测\ufffd试 {" in zh.output


# -- import -----------------------------------------------------------------------------------

TABLE = "项目名称\t{project}\n项目预算\t100\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t{first}\t≥3天\n产出指标\t数量指标\t{second}\t≥4次\n"


def test_pasted_text_is_cleaned_with_a_coded_note_at_its_row():
    from perflang.importers.convert import import_text

    text, found = import_text(TABLE.format(project="测试\u202e项目", first="服务周期", second="服务次数"))
    assert not any(c in text for c in INVISIBLE) and "项目 测试项目" in text
    notes = [(n.where, n.text("zh")) for n in found.notes]
    assert notes[0][0] == "第1行" and notes[0][1].startswith("[PF009]") and "U+202E" in notes[0][1]
    assert "U+202E" in found.notes[0].text("en") and "right-to-left" in found.notes[0].text("en")


def test_pasted_names_that_look_the_same_are_a_problem():
    from perflang.importers.convert import import_text

    text, found = import_text(TABLE.format(project="测试", first="服务周期", second="服务周期\u200b"))
    assert any(n.problem and "重复" in n.text("zh") for n in found.notes)


def test_a_label_with_an_invisible_character_is_still_a_label():
    from perflang.importers.convert import import_text

    pasted = (
        "项目名称\u200b\n测试\n项目预算\n100\n一级指标\n二级指标\n三级指标\n指标值\n产出指标\n数量指标\n人数\n≥3人\n"
    )
    text, _ = import_text(pasted)
    assert "项目 测试" in text and "人数: ≥3人" in text


@pytest.mark.skipif(sys.platform == "win32", reason="")
def test_a_web_page_is_cleaned_too(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<table><tr><td>项目名称</td><td>测\u200b试</td><td>项目预算</td><td>10</td></tr></table>"
        "<table><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>"
        "<tr><td>产出指标</td><td>数量指标</td><td>人\u202e数</td><td>≥1个</td></tr></table>",
        encoding="utf-8",
    )
    got = CliRunner().invoke(cli, ["import", str(page)])
    assert got.exit_code == 0, got.output
    assert "项目 测试" in got.stdout and "人数: ≥1个" in got.stdout
    assert got.stderr.count("[PF009]") == 2
