"""The parser: the fast line scanner for well-formed files (perflang/syntax/scanner.py), the LALR
parser (perflang/syntax/lalr.py, Lark) for everything else and for every syntax error.

Both build the same nodes through perflang/syntax/builder.py; Lark is imported only when the LALR
path is needed, so checking a well-formed file never pays for it.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from . import scanner
from .nodes import Document

__all__ = ["parse"]


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
