"""select/ignore from [tool.perflang] or perflang.toml (found upward from the file, prefixes as in
ruff), problems in a configuration reported, and suppression comments on one line."""

from __future__ import annotations

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from test_checker_codes import CLEAN, with_line

from perflang.api import compile_file, compile_text
from perflang.cli import cli
from perflang.config import Config, find_config
from perflang.messages import CATALOG

# PF403 (no comparator) and PF402 (no unit) on line 5; PF408 (vague) on line 8
WARNED = with_line("人数: 3").replace("影响: 达标", "影响: 确保优化")
TWO_ON_A_LINE = with_line("人数: 3")


def codes(result) -> list[str]:
    return sorted(d.code for d in result.diagnostics)


def test_without_configuration_every_code_is_on():
    assert all(Config().enabled(c) for c in CATALOG)


def test_the_most_specific_prefix_wins():
    c = Config(select=("PF4",), ignore=("PF40",))
    assert [c.enabled(x) for x in ("PF403", "PF410", "PF201")] == [False, True, False]
    c = Config(select=("PF", "PF408"), ignore=("PF4",))
    assert [c.enabled(x) for x in ("PF408", "PF403", "PF201")] == [True, False, True]
    assert not Config(select=("PF408",)).enabled("PF201")  # select alone: only what it names
    assert not Config(select=("PF408",), ignore=("PF408",)).enabled("PF408")  # a tie: ignore wins


CODES = st.sampled_from(sorted(CATALOG))
PREFIXES = CODES.flatmap(lambda c: st.integers(2, 5).map(lambda n: c[:n]))


@given(st.lists(PREFIXES, max_size=3), st.lists(PREFIXES, max_size=3), PREFIXES, CODES)
def test_an_extra_ignore_never_turns_a_code_on(select, ignore, extra, code):
    before = Config(select=tuple(select), ignore=tuple(ignore)).enabled(code)
    after = Config(select=tuple(select), ignore=(*ignore, extra)).enabled(code)
    assert after <= before


@given(st.lists(PREFIXES, max_size=3), CODES)
def test_selecting_a_code_exactly_turns_it_on_against_any_shorter_ignore(ignore, code):
    shorter = tuple(p for p in ignore if len(p) < len(code))
    assert Config(select=(code,), ignore=shorter).enabled(code)


def test_found_upward_from_the_file_nearest_first(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.perflang]\nignore = ["PF403"]\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "t.perf").write_text(WARNED, encoding="utf-8")
    assert find_config(deep / "t.perf").ignore == ("PF403",)
    assert codes(compile_file(deep / "t.perf", find_config(deep / "t.perf"))) == ["PF402", "PF408"]
    (tmp_path / "a" / "perflang.toml").write_text('ignore = ["PF40"]\n', encoding="utf-8")
    assert find_config(deep / "t.perf").ignore == ("PF40",)


def test_perflang_toml_before_pyproject_and_a_pyproject_without_the_table_skipped(tmp_path):
    (tmp_path / "perflang.toml").write_text('select = ["PF2"]\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(sub).select == ("PF2",)
    (tmp_path / "pyproject.toml").write_text('[tool.perflang]\nselect = ["PF3"]\n', encoding="utf-8")
    assert find_config(sub).select == ("PF2",)


def test_codes_are_case_insensitive_and_a_string_is_one_prefix(tmp_path):
    (tmp_path / "perflang.toml").write_text('ignore = "pf408"\nselect = ["pf4"]\n', encoding="utf-8")
    c = find_config(tmp_path)
    assert (c.select, c.ignore, c.problem) == (("PF4",), ("PF408",), None)


def test_a_configuration_that_cannot_be_used_is_reported_not_ignored(tmp_path):
    bad = {
        "broken": "ignore = [PF408\n",
        "not-a-list": "ignore = 408\n",
        "unknown-key": 'ignroe = ["PF408"]\n',
        "no-such-code": 'ignore = ["PF999"]\n',
    }
    for name, toml in bad.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / "perflang.toml").write_text(toml, encoding="utf-8")
        (folder / "t.perf").write_text(WARNED, encoding="utf-8")
        config = find_config(folder / "t.perf")
        assert config.problem, name
        result = compile_file(folder / "t.perf", config)
        # the problem is reported, and the file is still checked with the defaults
        assert codes(result) == ["PF008", "PF402", "PF403", "PF408"], name
        assert str(folder / "perflang.toml") in result.diagnostics[0].message()


def test_the_check_command_uses_the_configuration(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.perf").write_text(with_line("人数: 3人"), encoding="utf-8")
    strict = ["check", "--no-cache", "--strict", "t.perf"]
    assert CliRunner().invoke(cli, strict).exit_code == 1
    (tmp_path / "pyproject.toml").write_text('[tool.perflang]\nignore = ["PF403"]\n', encoding="utf-8")
    assert CliRunner().invoke(cli, strict).exit_code == 0


def _suppressed(comment: str, text: str = TWO_ON_A_LINE) -> list[str]:
    return codes(compile_text(text.replace("人数: 3\n", f"人数: 3  {comment}\n"), "t.perf"))


def test_suppression_comments_on_the_line():
    assert _suppressed("") == ["PF402", "PF403"]
    assert _suppressed("# noqa: PF403") == ["PF402"]
    assert _suppressed("# perflang: ignore[PF402]") == ["PF403"]
    assert _suppressed("# perflang: ignore[PF402, PF403]") == []
    assert _suppressed("# noqa: PF40") == []  # a prefix, as in the configuration
    assert _suppressed("# noqa") == []
    assert _suppressed("# perflang: ignore") == []
    assert _suppressed("# noqa: E501") == ["PF402", "PF403"]  # another tool's code
    assert _suppressed("# 说明") == ["PF402", "PF403"]


def test_a_suppression_comment_covers_its_own_line_only():
    text = TWO_ON_A_LINE.replace("影响: 达标", "影响: 确保优化")
    assert _suppressed("# noqa", text) == ["PF408"]
    assert codes(compile_text(CLEAN.replace("  预算 100\n", "  预算 100  # noqa\n"), "t.perf")) == []


def test_a_syntax_error_is_never_silenced_by_a_comment():
    """A text with a syntax error gives no model: silencing its error left a file that fails
    to build without a word (`项目 # noqa`: no diagnostic at all, found by the fuzz test)."""
    assert codes(compile_text("项目 # noqa", "t.perf")) == ["PF101"]
    for text in (CLEAN + "项目 # noqa\n", CLEAN + "项目 乙 { # noqa: PF1\n"):
        result = compile_text(text, "t.perf")
        assert result.model is None and result.diagnostics and not result.ok  # [] before
    # the checker's findings on a file that parses are still silenced as before
    assert codes(compile_text(CLEAN.replace("  预算 100\n", "  预算 100  # noqa\n"), "t.perf")) == []
