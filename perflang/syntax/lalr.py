"""The LALR path of the parser: one cached Lark instance with the builder as its transformer;
syntax errors become diagnostics (several per file, one per line at most).  perflang/syntax/parser.py
sends a file here only when the fast line scanner (perflang/syntax/scanner.py) is not sure of it."""

from __future__ import annotations

from functools import lru_cache

from attrs import evolve
from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedInput

from ..diagnostics import Diagnostic
from ..source import Span
from .builder import Builder
from .grammar import LARK_OPTIONS, grammar_text
from .nodes import Comment, Document
from .recovery import Recovery

__all__ = ["parse"]


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


class _TreeBuilder(Builder, Transformer):
    """The builder as Lark's embedded transformer."""


_builder = _TreeBuilder()
_comments = _Comments()


@lru_cache(maxsize=1)
def _parser() -> Lark:
    from . import prebuilt

    callbacks = {"transformer": _builder, "lexer_callbacks": {"COMMENT": _comments, "_NL": _comments.newline}}
    grammar = grammar_text()
    return prebuilt.load(grammar, **callbacks) or Lark(grammar, **LARK_OPTIONS, **callbacks)


def parse(text: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse normalised text (LF line ends, a final line break): the document, None when the
    text has a syntax error, and the diagnostics."""
    doc, diags, recovery = parse_recovering(text)
    return (None if recovery.errors else doc), diags


def parse_recovering(text: str) -> tuple[Document | None, list[Diagnostic], Recovery]:
    """parse, with the document the error recovery built around the syntax errors (None when
    it could not go on to the end of the text) and the recovery itself (its errors and the
    lines it skipped)."""
    _builder.diagnostics = []
    _comments.items = []
    recovery = Recovery(text)
    try:
        doc = _parser().parse(recovery.text, on_error=recovery.on_error)
    except UnexpectedInput as err:
        recovery.finish(err)
        doc = None
    diags = _builder.diagnostics + recovery.errors
    if not isinstance(doc, Document):
        return None, diags, recovery
    comments = tuple(sorted(_comments.items, key=lambda c: (c.span.line, c.span.column)))
    return evolve(doc, comments=comments), diags, recovery
