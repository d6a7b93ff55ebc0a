"""Any input to check gives diagnostics, never an exception: arbitrary text, arbitrary bytes,
fragments of the language shuffled, and the seed example with random edits.  Every diagnostic
is in the catalog, renders in both languages, and points inside the text."""

from __future__ import annotations

from conftest import SEED_EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perflang.api import compile_file, compile_text
from perflang.diagnostics import render
from perflang.messages import CATALOG

SEED = SEED_EXAMPLE.read_text(encoding="utf-8")
FRAGMENTS = [
    "项目 ",
    "预算 ",
    "571",
    "长期目标 ",
    "年度目标 ",
    "1 ",
    "同 ",
    '"目标"',
    '"',
    "{",
    "}",
    "｛",
    "｝",
    "\n",
    "  ",
    "产出 / 数量 ",
    "满意度 / 满意度",
    "/",
    "人数: ",
    ": ",
    "：",
    "≥95%",
    "=33人",
    "≤571万元",
    "确保",
    "# 注释",
    "# noqa",
    "依据 计划标准",
    "分值 10",
    ";",
    "字段 ",
    "资金 ",
    "申报单位 ",
    "金额单位 万元",
    "\t",
    "\u3000",
    "\r\n",
    "x",
]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_well_formed(text: str, diags) -> None:
    """The laws every diagnostic obeys, whatever the input."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for d in diags:
        assert d.code in CATALOG
        assert d.message("zh") and d.message("en")
        d.hint("zh"), d.hint("en")
        assert 1 <= d.span.line <= len(lines) + 1, (d.code, d.span)
        assert d.span.column >= 1


def compiled(text: str):
    result = compile_text(text, "fuzz.perf")
    check_well_formed(text, result.diagnostics)
    render(result.diagnostics, "text", {"fuzz.perf": result.source}, "zh")
    return result


@FUZZ
@given(st.text(max_size=300))
def test_any_text_gives_diagnostics(text):
    result = compiled(text)
    assert result.diagnostics or result.model is not None


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join))
def test_shuffled_language_fragments_give_diagnostics(text):
    """No model without a syntax error saying why; a syntax error (but PF102, which the builder
    also reports inside a line that parses) means no model."""
    result = compiled(text)
    codes = {d.code for d in result.diagnostics}
    syntax = codes & {"PF101", "PF103", "PF104", "PF105", "PF109", "PF110", "PF111"}
    assert result.model is not None or syntax or "PF102" in codes
    assert not syntax or result.model is None


@FUZZ
@given(st.integers(0, len(SEED)), st.integers(0, 12), st.sampled_from(["", "{", "}", '"', ":", "\n", "项目 ", "｛"]))
def test_the_seed_with_a_random_edit_gives_diagnostics(at, cut, insert):
    text = SEED[:at] + insert + SEED[at + cut :]
    result = compiled(text)
    if not result.ok:  # an error always says where
        assert any(d.level.value == "error" for d in result.diagnostics)


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_give_diagnostics(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.perf"
    path.write_bytes(data)
    result = compile_file(path)
    text = result.source.text if result.source is not None else ""
    check_well_formed(text, result.diagnostics)
    assert result.diagnostics or result.model is not None


@FUZZ
@given(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=80), st.data())
def test_a_file_cut_at_any_byte_is_checked_and_a_cut_character_is_said(tmp_path_factory, text, data):
    raw = text.encode("utf-8")
    cut = data.draw(st.integers(1, len(raw)))
    path = tmp_path_factory.mktemp("cut") / "f.perf"
    path.write_bytes(raw[:cut])
    inside_a_character = cut < len(raw) and (raw[cut] & 0xC0) == 0x80  # a continuation byte follows
    result = compile_file(path)
    codes = {d.code for d in result.diagnostics}
    assert ("PF006" in codes) == inside_a_character
    if inside_a_character:  # what is there was still read and checked
        assert result.source is not None
