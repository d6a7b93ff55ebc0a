"""The parser: one cached LALR instance with the builder as its transformer; syntax errors
become diagnostics (several per file, one per line at most)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from attrs import evolve
from lark import Lark, Token
from lark.exceptions import UnexpectedInput

from .builder import Builder
from .diagnostics import Diagnostic
from .nodes import Comment, Document
from .source import Span
from .syntax import MAX_SYNTAX_ERRORS, Recovery, expected_names

__all__ = ["parse", "grammar_text", "MAX_SYNTAX_ERRORS", "expected_names"]


def grammar_text() -> str:
    # a plain path: importing importlib.resources costs ~7 ms of every start-up
    return (Path(__file__).parent / "grammar" / "perf.lark").read_text(encoding="utf-8")


class _Comments:
    """Lexer callback sink for comments; reset before each parse.  A trailing comment is a
    COMMENT token; whole-line comments travel inside the _NL token that spans them."""

    def __init__(self):
        self.items: list[Comment] = []

    def __call__(self, tok: Token) -> Token:
        span = Span(tok.line, tok.column, tok.line, tok.column + len(tok.value))
        self.items.append(Comment(text=tok.value.rstrip(), span=span))
        return tok

    def newline(self, tok: Token) -> Token:
        if "#" in tok.value:
            for k, piece in enumerate(tok.value.split("\n")[1:], 1):
                body = piece.lstrip(" \t\f\u3000")
                if body.startswith("#"):
                    col = len(piece) - len(body) + 1
                    span = Span(tok.line + k, col, tok.line + k, col + len(body.rstrip()))
                    self.items.append(Comment(text=body.rstrip(), span=span))
        return tok


_builder = Builder()
_comments = _Comments()


# how the grammar is compiled; perflang/prebuilt.py ships the resulting tables
LARK_OPTIONS = {"parser": "lalr", "lexer": "contextual", "maybe_placeholders": False, "cache": False}


@lru_cache(maxsize=1)
def _parser() -> Lark:
    from . import prebuilt

    callbacks = {"transformer": _builder,
                 "lexer_callbacks": {"COMMENT": _comments, "_NL": _comments.newline}}
    grammar = grammar_text()
    return prebuilt.load(grammar, **callbacks) or Lark(grammar, **LARK_OPTIONS, **callbacks)


def parse(text: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse normalised text (LF line ends). Returns the document (None when the syntax is
    wrong) and the diagnostics found while parsing."""
    if not text.endswith("\n"):
        text += "\n"
    _builder.diagnostics = []
    _comments.items = []
    recovery = Recovery(text)
    try:
        doc = _parser().parse(recovery.text, on_error=recovery.on_error)
    except UnexpectedInput as err:
        recovery.finish(err)
        doc = None
    errors = recovery.errors
    diags = _builder.diagnostics + errors
    if errors or not isinstance(doc, Document):
        return None, diags
    comments = tuple(sorted(_comments.items, key=lambda c: (c.span.line, c.span.column)))
    return evolve(doc, comments=comments), diags
