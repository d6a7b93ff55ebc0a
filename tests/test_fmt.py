"""perflang fmt: the canonical layout, comments kept in place, idempotence, the command."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from perfdocs import documents
from strategies import valid_documents
from test_import import strip_positions

from perflang.api import compile_text
from perflang.backends.json import to_data
from perflang.cli import cli
from perflang.syntax.formatter import format_text
from perflang.syntax.parser import parse

MESSY = """\
# 文件头注释

申报单位   鄂州市数据局   # 单位
金额单位 万元
项目 "预算{特殊}" {  # 项目名要加引号
预算 571
    字段  负责人：张三
  # 目标之前
  长期目标 1 "总目标" {
   产出/数量{
  a:1
     "b#c"  ： 2 {依据 计划标准;分值 10}
  长长长长:  "x#y"
   d: 3 {
     依据 计划标准  # 为什么
   }
    # 组末
   }
  }
  年度目标 1 同 长期目标 1 # 共用
}
project Y {
 budget 2
}


# 文件尾
"""

CANONICAL = """\
# 文件头注释

申报单位 鄂州市数据局  # 单位
金额单位 万元

项目 "预算{特殊}" {  # 项目名要加引号
  预算 571
  字段 负责人: 张三

  # 目标之前
  长期目标 1 "总目标" {
    产出 / 数量 {
      a:        1
      "b#c":    2 { 依据 计划标准; 分值 10 }
      长长长长: "x#y"
      d:        3 {
        依据 计划标准  # 为什么
      }
      # 组末
    }
  }
  年度目标 1 同 长期目标 1  # 共用
}

project Y {
  budget 2
}

# 文件尾
"""


def test_messy_file_gets_the_canonical_layout():
    # Values start in one column by display width: 长长长长 is 8 columns wide, a is 1.
    assert format_text(MESSY)[0] == CANONICAL


def test_canonical_layout_is_a_fixed_point():
    assert format_text(CANONICAL)[0] == CANONICAL


def test_alignment_counts_cjk_as_two_columns():
    text = "项目 X {\n预算 1\n长期目标 1 {\n产出 / 数量 {\n数量: 1\nab: 2\n}\n}\n}\n"
    out = format_text(text)[0]
    assert "      数量: 1\n      ab:   2\n" in out


def test_names_and_values_are_quoted_only_when_needed():
    text = '项目 "X" {\n预算 "1"\n长期目标 1 {\n产出 / 数量 {\n"a b": "≥95%"\n"c:d": "#1"\n}\n}\n}\n'
    out = format_text(text)[0]
    assert "项目 X {" in out and "预算 1\n" in out
    assert "a b:   ≥95%" in out and '"c:d": "#1"' in out


def test_english_keywords_stay_english():
    text = "unit 数据局\nproject X {\nbudget 1\nlong-term 1 {\n产出/数量 {\na: 1 {basis 计划标准}\n}\n}\nannual 1 same-as long-term 1\n}\n"
    out = format_text(text)[0]
    assert "project X {" in out and "  budget 1" in out and "annual 1 same-as long-term 1" in out
    assert "a: 1 { basis 计划标准 }" in out


def test_syntax_errors_give_no_text():
    text, diags = format_text("项目 X {\n预算 1\n")
    assert text is None and [d.code for d in diags] == ["PF103"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_format_keeps_the_document_and_every_comment(drawn):
    text, comments = drawn
    before, _ = parse(text)
    assert before is not None, text
    formatted, _ = format_text(text)
    after, _ = parse(formatted)
    assert after == before
    assert [c.text for c in after.comments] == comments == [c.text for c in before.comments]
    assert format_text(formatted)[0] == formatted


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_documents())
def test_format_keeps_the_meaning_of_documents_in_every_spelling(drawn):
    formatted, _ = format_text(drawn.text)
    assert format_text(formatted)[0] == formatted
    before, after = compile_text(drawn.text), compile_text(formatted)
    assert strip_positions(to_data(after.model)) == strip_positions(to_data(before.model))
    assert [c.text for c in after.document.comments] == [c.text for c in before.document.comments]


# -- the command ----------------------------------------------------------------------------


def _run(*args):
    return CliRunner().invoke(cli, list(args))


def test_examples_are_in_canonical_form():
    result = _run("fmt", "--check", str(EXAMPLES))
    assert result.exit_code == 0, result.output


def test_check_lists_the_file_and_changes_nothing(tmp_path):
    f = tmp_path / "a.perf"
    f.write_text(MESSY, encoding="utf-8")
    result = _run("fmt", "--check", str(f))
    assert result.exit_code == 1 and str(f) in result.output
    assert f.read_text(encoding="utf-8") == MESSY


def test_diff_prints_a_unified_diff_and_changes_nothing(tmp_path):
    f = tmp_path / "a.perf"
    f.write_text(MESSY, encoding="utf-8")
    result = _run("fmt", "--diff", str(f))
    assert result.exit_code == 0
    assert f"--- {f}\n+++ {f}" in result.output
    assert "\n-  年度目标 1 同 长期目标 1 # 共用\n" in result.output
    assert "\n+  年度目标 1 同 长期目标 1  # 共用\n" in result.output
    assert f.read_text(encoding="utf-8") == MESSY


def test_fmt_rewrites_only_files_that_change(tmp_path):
    messy, tidy = tmp_path / "messy.perf", tmp_path / "tidy.perf"
    messy.write_text(MESSY, encoding="utf-8")
    tidy.write_text(CANONICAL, encoding="utf-8")
    tidy_stat = tidy.stat()
    result = _run("fmt", str(tmp_path))
    assert result.exit_code == 0
    assert messy.read_text(encoding="utf-8") == CANONICAL
    assert str(messy) in result.output and str(tidy) not in result.output
    assert tidy.stat().st_mtime_ns == tidy_stat.st_mtime_ns and tidy.stat().st_ino == tidy_stat.st_ino


def test_file_with_syntax_errors_is_reported_and_left_alone(tmp_path):
    f = tmp_path / "bad.perf"
    broken = "项目 X {\n  预算 1\n  长期目标 1 {\n    产出 / 数量 {\n      没有冒号\n    }\n  }\n}\n"
    f.write_text(broken, encoding="utf-8")
    result = _run("fmt", str(f))
    assert result.exit_code == 1
    assert f"{f}:5:7: error[PF1" in result.output
    assert f.read_text(encoding="utf-8") == broken


def test_crlf_file_is_rewritten_with_lf(tmp_path):
    f = tmp_path / "crlf.perf"
    f.write_bytes(CANONICAL.replace("\n", "\r\n").encode("utf-8"))
    assert _run("fmt", "--check", str(f)).exit_code == 1
    assert _run("fmt", str(f)).exit_code == 0
    assert f.read_bytes() == CANONICAL.encode("utf-8")


def test_fmt_removes_the_invisible_characters_pf009_warns_of():
    """PF009 says the bidi and zero-width characters are removed from names and values: fmt
    writes the file so (comments included), and the formatted file checks without PF009 and
    reads as the checker read the original (on main fmt kept them: PF009 again after fmt)."""
    text = (
        "申报单位 某县\u200d交通局  # 单位\u202e注释\n"
        "项目 \u202e目项据数\u202c {\n"
        "  预算 1\u200b0\n"
        '  年度目标 1 "目\u2066标" {\n'
        "    产出 / 数量 {\n"
        "      服务周期\u200b: ≥3\u200b天\n"
        '      "引号\u200f名": "≥2\u202e个"\n'
        "    }\n"
        "  }\n"
        "}\n"
    )
    before = compile_text(text)
    assert "PF009" in {d.code for d in before.diagnostics}
    formatted, _ = format_text(text)
    assert not any(c in formatted for c in "\u200b\u200d\u200f\u202c\u202e\u2066"), formatted
    assert "# 单位注释" in formatted and "项目 目项据数 {" in formatted and "服务周期: ≥3天" in formatted
    after = compile_text(formatted)
    assert "PF009" not in {d.code for d in after.diagnostics}
    assert strip_positions(to_data(after.model)) == strip_positions(to_data(before.model))
    assert format_text(formatted)[0] == formatted
