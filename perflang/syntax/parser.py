"""The parser: the fast line scanner for well-formed files (perflang/syntax/scanner.py), the LALR
parser (perflang/syntax/lalr.py, Lark) for everything else and for every syntax error.

Both build the same nodes through perflang/syntax/builder.py; Lark is imported only when the LALR
path is needed, so checking a well-formed file never pays for it.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from . import scanner
from .nodes import Document

__all__ = ["parse", "parse_recovering"]


def parse(text: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse normalised text (LF line ends). Returns the document (None when the syntax is
    wrong) and the diagnostics found while parsing."""
    if not text.endswith("\n"):
        text += "\n"
    doc = scanner.parse(text)
    if doc is not None:
        return doc, []
    from .lalr import parse as parse_lalr

    return parse_lalr(text)


def parse_recovering(text: str, head: int = 0) -> tuple[Document | None, list[Diagnostic], set[int] | None]:
    """parse, and when the text has syntax errors, the document read around them (the lines
    the error recovery read as their fix says, the blocks of a broken header): (document,
    diagnostics, damage) where damage is None when the syntax is sound, else the set of lines
    the recovery left out; the document is None only when the recovery could not reach the end.
    head: the length of a header the text starts with, read again and again (scanner.parse)."""
    if not text.endswith("\n"):
        text += "\n"
    doc = scanner.parse(text, head)
    if doc is not None:
        return doc, [], None
    from .lalr import parse_recovering as lalr_recovering

    doc, diags, recovery = lalr_recovering(text)
    return doc, diags, (recovery.skipped if recovery.errors else None)
