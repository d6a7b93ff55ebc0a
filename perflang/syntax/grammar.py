"""The grammar, `grammar/perf.lark` at the top of the repository: the one copy.

The wheel ships it as `grammar/perf.lark` (pyproject.toml maps the package
`perflang.grammar` to the folder `grammar/`); a checkout, installed editable or not, has it
at the top.  `grammar_path()` is the one way both find it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["grammar_path", "grammar_text", "LARK_OPTIONS"]

# how the grammar is compiled; perflang/syntax/prebuilt.py ships the resulting tables
LARK_OPTIONS = {"parser": "lalr", "lexer": "contextual", "maybe_placeholders": False, "cache": False}

_PACKAGE = Path(__file__).resolve().parents[1]  # perflang/
# installed: grammar/perf.lark; a checkout: grammar/perf.lark beside perflang/
_PLACES = (_PACKAGE / "grammar" / "perf.lark", _PACKAGE.parent / "grammar" / "perf.lark")


@lru_cache(maxsize=1)
def grammar_path() -> Path:
    # plain paths: importing importlib.resources costs ~7 ms of every start-up
    for place in _PLACES:
        if place.is_file():
            return place
    raise FileNotFoundError(f"perflang's grammar is missing (looked at {', '.join(map(str, _PLACES))})")


@lru_cache(maxsize=1)
def grammar_text() -> str:
    return grammar_path().read_text(encoding="utf-8")
