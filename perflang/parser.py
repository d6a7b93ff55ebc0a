"""The parser: the fast line scanner for well-formed files (perflang/fastparse.py), the LALR
parser (perflang/lalr.py, Lark) for everything else and for every syntax error.

Both build the same nodes through perflang/builder.py; Lark is imported only when the LALR
path is needed, so checking a well-formed file never pays for it.
"""

from __future__ import annotations

from pathlib import Path

from . import fastparse
from .diagnostics import Diagnostic
from .nodes import Document

__all__ = ["parse", "grammar_text", "LARK_OPTIONS"]

# how the grammar is compiled; perflang/prebuilt.py ships the resulting tables
LARK_OPTIONS = {"parser": "lalr", "lexer": "contextual", "maybe_placeholders": False, "cache": False}


def grammar_text() -> str:
    # a plain path: importing importlib.resources costs ~7 ms of every start-up
    return (Path(__file__).parent / "grammar" / "perf.lark").read_text(encoding="utf-8")


def parse(text: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse normalised text (LF line ends). Returns the document (None when the syntax is
    wrong) and the diagnostics found while parsing."""
    if not text.endswith("\n"):
        text += "\n"
    doc = fastparse.parse(text)
    if doc is not None:
        return doc, []
    from .lalr import parse as parse_lalr

    return parse_lalr(text)
