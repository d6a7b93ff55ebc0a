"""The pre-built parser tables (perflang/syntax/_parser_tables.py) are up to date with the grammar,
are what the parser uses, and parse exactly as the grammar compiled afresh does."""

from __future__ import annotations

import lark
import pytest
from conftest import EXAMPLES
from lark import Lark

from perflang.syntax import _parser_tables as tables
from perflang.syntax import grammar, lalr, prebuilt

STALE = "perflang/syntax/_parser_tables.py is stale: run `python -m perflang.syntax.prebuilt` and commit it"

TEXTS = [
    "项目 甲 {\n  预算 10\n  年度目标 1 {\n    产出 / 数量 {\n      人数 =3人\n    }\n  }\n}\n",
    '项目 乙 {\n  预算 10 # 备注\n  年度目标 1 "x" {\n    产出 / 数量 {\n      人数: ≥3人 { 依据 计划标准; 分值 10 }\n',
    '项目 丙 {\n  年度目标 1 "x\n}\n',
    '金额单位 万元\n项目 丁 {\n  长期目标 1 "x" {\n  }\n  年度目标 1 同 长期目标 1\n}\n',
]


def test_tables_match_the_grammar():
    assert tables.GRAMMAR_SHA256 == prebuilt.grammar_digest(grammar.grammar_text()), STALE


def test_tables_match_the_installed_lark():
    assert tables.LARK_VERSION == lark.__version__, STALE


def test_the_parser_is_loaded_from_the_tables_not_compiled():
    assert lalr._parser().source_path == "<deserialized>"


def test_stale_tables_are_not_used(monkeypatch):
    monkeypatch.setattr(tables, "GRAMMAR_SHA256", "0" * 64)
    assert prebuilt.load(grammar.grammar_text()) is None


def _compiled_afresh() -> Lark:
    return Lark(
        grammar.grammar_text(),
        **grammar.LARK_OPTIONS,
        transformer=lalr._builder,
        lexer_callbacks={"COMMENT": lalr._comments, "_NL": lalr._comments.newline},
    )


@pytest.mark.parametrize("text", [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.perf"))] + TEXTS)
def test_tables_parse_exactly_as_the_compiled_grammar(text, monkeypatch):
    text += "" if text.endswith("\n") else "\n"
    shipped = lalr.parse(text)  # the LALR path itself, not the fast scanner in front of it
    monkeypatch.setattr(lalr, "_parser", _compiled_afresh)
    fresh = lalr.parse(text)
    assert shipped[0] == fresh[0]
    assert [(d.code, d.span, d.args) for d in shipped[1]] == [(d.code, d.span, d.args) for d in fresh[1]]
    if shipped[0] is not None:
        assert shipped[0].comments == fresh[0].comments


def test_regenerating_gives_the_same_tables_up_to_state_numbering():
    """A fresh generation has the same terminals, rules and number of states."""
    namespace: dict = {}
    exec(prebuilt.tables_source(grammar.grammar_text(), grammar.LARK_OPTIONS), namespace)
    assert namespace["GRAMMAR_SHA256"] == tables.GRAMMAR_SHA256
    assert namespace["MEMO"] == tables.MEMO
    fresh, shipped = namespace["DATA"]["parser"]["parser"], tables.DATA["parser"]["parser"]
    assert len(fresh["states"]) == len(shipped["states"])
