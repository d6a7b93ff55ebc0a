"""Diagnostics are safe to print (issue 11, item 8): escape sequences in a source line are shown
escaped, never sent to the terminal, and a huge value is quoted cut, not whole."""

from __future__ import annotations

from click.testing import CliRunner
from test_checker_codes import TEMPLATE

from perflang.cli import cli


def _check(tmp_path, text: str) -> str:
    f = tmp_path / "t.perf"
    f.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-cache", str(f)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.output


def test_escape_sequences_in_a_line_are_shown_escaped(tmp_path):
    # an OSC 52 (set the clipboard) and a colour change, in a vague value (PF408 quotes it)
    value = "确保\x1b]52;c;ZXZpbA==\x07优化\x1b[31m"
    out = _check(tmp_path, TEMPLATE.format(ind=f"环境: {value}"))
    assert "PF408" in out
    assert "\x1b" not in out and "\x07" not in out
    assert "␛]52;c;ZXZpbA==␇优化␛[31m" in out


def test_the_caret_stays_under_the_value(tmp_path):
    out = _check(tmp_path, TEMPLATE.format(ind="环境: 确保\x1b[31m优化"))
    lines = out.splitlines()
    src = next(i for i, line in enumerate(lines) if "确保␛[31m优化" in line and "|" in line)
    assert lines[src + 1].count("^") == len("确保␛[31m优化") + 4  # CJK: two columns each


def test_a_huge_value_is_quoted_cut(tmp_path):
    value = "确保" + "优" * 2_000_000
    out = _check(tmp_path, TEMPLATE.format(ind=f"环境: {value}"))
    assert "PF408" in out and "…" in out
    assert len(out) < 10_000
