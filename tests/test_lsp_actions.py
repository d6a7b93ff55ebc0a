"""The quick fixes of syntax errors that tests/test_lsp_features.py does not drive through a
client (perflang/lsp/actions.py): a string closed (PF102), an extra `}` deleted (PF111), a name or
a value quoted where a line has two colons (PF113); and source.fixAll's rules (only the safe
fixes, never two edits at one place).  Each fix is applied to the damaged seed and the result
compiled again; where the damage is undone exactly, the result is the seed itself."""

from __future__ import annotations

import pytest
from lspclient import SEED

from perflang.api import compile_text
from perflang.lsp.actions import actions_for, fix_all
from perflang.lsp.positions import Lines

TEXT = SEED.read_text(encoding="utf-8")


def apply(text: str, edits) -> str:
    """Edits of 1-based (line, column, end line, end column) applied to text, last first."""
    starts = [0]
    for row in text.split("\n"):
        starts.append(starts[-1] + len(row) + 1)
    for (line, col, end_line, end_col), new in sorted(edits, reverse=True):
        a, b = starts[line - 1] + col - 1, starts[end_line - 1] + end_col - 1
        text = text[:a] + new + text[b:]
    return text


def fixes(text: str, code: str):
    found = [d for d in compile_text(text).diagnostics if d.code == code]
    assert found, f"{code} expected in the damaged text"
    return [a for d in found for a in actions_for(d, Lines(text), "zh") if a.code == code]


def errors(text: str) -> list[str]:
    return [d.code for d in compile_text(text).diagnostics if d.level.value == "error"]


@pytest.mark.parametrize(
    "old, new",
    [
        ('贡献12345力量。" {', "贡献12345力量。 {"),  # a goal's text left open before its {
        ("项目 法律顾问 {", '项目 "法律顾问 {'),  # a project's name
        ('不断增强人民群众获得感、幸福感、安全感。" {', "不断增强人民群众获得感、幸福感、安全感。 {"),
    ],
)
def test_an_open_string_is_closed_before_the_block_brace(old, new):
    assert old in TEXT
    damaged = TEXT.replace(old, new, 1)
    (fix,) = fixes(damaged, "PF102")
    fixed = apply(damaged, fix.edits)
    assert errors(fixed) == []
    if old.endswith('" {'):
        assert fixed == TEXT
    else:
        assert '项目 "法律顾问" {' in fixed
    assert fix.safe and "之前" in fix.title


def test_an_open_string_at_the_end_of_a_line_is_closed_there():
    damaged = TEXT.replace("默认依据 计划标准", '默认依据 "计划标准', 1)
    (fix,) = fixes(damaged, "PF102")
    fixed = apply(damaged, fix.edits)
    assert '默认依据 "计划标准"' in fixed and errors(fixed) == []
    assert compile_text(fixed).model.projects[0].goals  # the file reads as before


def test_an_extra_closing_brace_is_deleted_with_its_line():
    end = "  年度目标 1 同 长期目标 1\n}\n"
    assert end in TEXT
    damaged = TEXT.replace(end, end + "}\n", 1)
    (fix,) = fixes(damaged, "PF111")
    assert apply(damaged, fix.edits) == TEXT
    assert not fix.safe  # which brace is the extra one is a guess: not in fixAll


def test_two_colons_are_quoted_in_the_name_or_in_the_value():
    damaged = TEXT.replace("      群众满意度: ≥95%", "      群众满意度: 测评: ≥95%", 1)
    name, value = fixes(damaged, "PF113")[:2]
    by_name, by_value = apply(damaged, name.edits), apply(damaged, value.edits)
    assert '      "群众满意度: 测评": ≥95%' in by_name.split("\n")
    assert '      群众满意度: "测评: ≥95%"' in by_value.split("\n")
    names = {i.name for g in compile_text(by_name).model.projects[0].goals for i in g.indicators}
    assert "群众满意度: 测评" in names
    for fixed in (by_name, by_value):
        assert "PF113" not in [d.code for d in compile_text(fixed).diagnostics]
    assert name.preferred and not value.preferred


def test_fix_all_takes_the_safe_fixes_only_and_one_per_place():
    damaged = (
        TEXT.replace("    产出 / 质量 {", "    产出 / 质量 ｛", 1)  # PF110: safe
        .replace("默认依据 计划标准", '默认依据 "计划标准', 1)  # PF102: safe
        .replace("  年度目标 1 同 长期目标 1\n}\n", "  年度目标 1 同 长期目标 1\n}\n}\n", 1)  # PF111: not safe
    )
    diagnostics = compile_text(damaged).diagnostics
    edits = fix_all(diagnostics, Lines(damaged), "zh")
    fixed = apply(damaged, edits)
    assert "｛" not in fixed and '默认依据 "计划标准"' in fixed
    assert fixed.count("  年度目标 1 同 长期目标 1\n}\n}\n") == 1  # the extra brace left for the writer
    places = [(e[0][0], e[0][1]) for e in edits]
    assert len(places) == len(set(places))
    # the same diagnostic twice gives its fix once
    assert fix_all(list(diagnostics) * 2, Lines(damaged), "zh") == edits
