"""Warnings that fit the situation: an approved table (`状态 已批复` / `status approved`) shows no
review warnings on how its targets are written, and keeps its errors; `perflang eval` shows only
what concerns scoring unless --all-warnings; many warnings end with a count per code."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, SEED_EXAMPLE
from test_checker_codes import CLEAN, with_line

from perflang.api import compile_text
from perflang.cli import cli
from perflang.diagnostics import Severity

ACTUALS = EXAMPLES / "ezhou-actuals.json"


def approved(text: str, line: str = "状态 已批复") -> str:
    return f"{line}\n{text}"


def codes(text: str) -> list[str]:
    return [d.code for d in compile_text(text, "t.perf").diagnostics]


def check(*args):
    return CliRunner().invoke(cli, ["check", "--no-cache", *map(str, args)])


def test_the_seeds_approved_table_copied_with_the_setting_has_no_warning(tmp_path):
    text = SEED_EXAMPLE.read_text(encoding="utf-8")
    assert "PF408" in codes(text)  # as it stands, the approved table's vague wording is flagged
    copy = tmp_path / "批复.perf"
    copy.write_text(text.replace("表样 批复表\n", "表样 批复表\n状态 已批复\n"), encoding="utf-8")
    result = check(copy)
    assert result.exit_code == 0 and result.output == ""
    assert check("--strict", copy).exit_code == 0


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.perf")), ids=lambda p: p.name)
@pytest.mark.parametrize("spelling", ["状态 已批复", "status approved"])
def test_every_example_approved_has_no_review_warning(example, spelling):
    text = example.read_text(encoding="utf-8")
    before = compile_text(text, "t.perf").diagnostics
    after = compile_text(approved(text, spelling), "t.perf").diagnostics
    assert any(d.code.startswith("PF4") for d in before)
    assert [d.code for d in after] == [d.code for d in before if not d.code.startswith("PF4")]


@pytest.mark.parametrize("line", ["人数: 3人", "人数: ≥3", "人数: 确保完成", "满意率: ≥50%", "故障率: ≥5%"])
def test_review_warnings_are_off_errors_stay(line):
    assert codes(with_line(line))  # a review warning without the setting
    assert codes(approved(with_line(line))) == []
    assert codes(approved(with_line(line), "状态 草稿")) == codes(with_line(line))
    broken = with_line(line).replace("预算 100", "预算 abc")
    assert "PF302" in codes(approved(broken))


def test_a_status_that_is_not_one_of_the_choices_is_an_error():
    result = compile_text(approved(with_line("人数: 3人"), "状态 已审核"), "t.perf")
    assert [(d.code, d.level) for d in result.diagnostics if d.code == "PF108"] == [("PF108", Severity.ERROR)]
    assert "PF403" in [d.code for d in result.diagnostics]  # not approved: the warnings stay


def test_the_status_belongs_at_the_top_of_the_file():
    text = CLEAN.replace("预算 100", "预算 100\n  状态 已批复")
    assert "PF106" in codes(text)


def test_eval_shows_only_what_concerns_scoring():
    args = ["eval", str(SEED_EXAMPLE), "--actuals", str(ACTUALS)]
    quiet = CliRunner().invoke(cli, args)
    assert quiet.exit_code == 0
    assert "PF408" not in quiet.stderr
    hidden = sum(
        1 for d in compile_text(SEED_EXAMPLE.read_text(encoding="utf-8"), "s").diagnostics if d.code.startswith("PF4")
    )
    assert f"另有 {hidden} 个审核警告未显示" in quiet.stderr
    loud = CliRunner().invoke(cli, [*args, "--all-warnings"])
    assert loud.exit_code == 0
    assert loud.stderr.count("warning[PF408]") == hidden
    assert loud.stdout == quiet.stdout


def _warned(n: int) -> str:
    """A file with n PF403 warnings and one PF402."""
    lines = "\n      ".join(f"人数{i}: {i}人" for i in range(n))
    return with_line(lines + "\n      件数: ≥3")


def test_many_warnings_end_with_a_count_per_code(tmp_path):
    path = tmp_path / "多.perf"
    path.write_text(_warned(13), encoding="utf-8")
    out = check(path).output.splitlines()
    assert out[-2] == "共 0 个错误，14 个警告"
    assert out[-1] == "按代码统计：PF403 ×13，PF402 ×1"
    out = check("--lang", "en", path).output.splitlines()
    assert out[-1] == "by code: PF403 ×13, PF402 ×1"


def test_few_warnings_have_no_count_unless_asked(tmp_path):
    path = tmp_path / "少.perf"
    path.write_text(_warned(3), encoding="utf-8")
    out = check(path).output
    assert "按代码统计" not in out
    out = check("--statistics", path).output.splitlines()
    assert out[-1] == "按代码统计：PF403 ×3，PF402 ×1"
    assert re.fullmatch(r"共 0 个错误，4 个警告", out[-2])
    json_out = check("--statistics", "--format", "json", path).output
    assert "按代码统计" not in json_out
