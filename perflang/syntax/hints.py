"""What the syntax errors say: the names of what the parser expected, and the hints for the
mistakes people make at the start of a statement (a keyword run into its value, a keyword it
resembles, Chinese quotes, a goal outside any project)."""

from __future__ import annotations

import difflib
import re

from ..messages import TERMINAL_NAMES, Listing, phrase
from .keywords import ALL_WORDS, GOAL_KINDS, words

__all__ = ["expected_names", "keyword_hint", "quote_hint", "ascii_quotes", "statement_hint", "KEYWORDS"]

# the parser's terminals a message names (their names: perflang/messages.py, phrase expected.X)
_TERMINALS = frozenset(TERMINAL_NAMES)

_SAME = words("same")  # 同, same-as
KEYWORDS = sorted(set(ALL_WORDS) - set(_SAME))
_EXAMPLES = {
    "项目": "项目 名称 {",
    "project": "project NAME {",
    "预算": "预算 571",
    "长期目标": '长期目标 1 "目标内容" {',
    "年度目标": "年度目标 1 同 长期目标 1",
    "字段": "字段 项目负责人: 张三",
    "资金": "资金 财政拨款: 100",
}
_BY_LENGTH = sorted(KEYWORDS + [_SAME[0]], key=len, reverse=True)
_WORD = re.compile(r"[^\s:：{}#\"/／]+")


def expected_names(expected) -> Listing:
    """What the parser expected, in words of the message's language, in their order there."""
    return Listing(tuple(phrase(f"expected.{e}") for e in sorted(set(expected) & _TERMINALS)), "sorted")


def keyword_hint(code: str) -> dict | None:
    """A keyword run into what follows it (年度目标1, 同年度目标 1, 预算：100): say where the
    space goes (and that a setting takes no colon).  "fixed" is the statement so written."""
    for kw in _BY_LENGTH:
        rest = code[len(kw) :]
        if not code.startswith(kw) or not rest:
            continue
        colon = rest[0] in ":："
        if not (
            colon or rest[0].isdigit() or rest[0] in '"“' or (kw == _SAME[0] and rest.startswith(tuple(GOAL_KINDS)))
        ):
            continue
        fixed = kw + " " + rest.lstrip(":： \u3000")
        shown = fixed[:40]
        if colon:
            return {"hint": phrase("hint.no_colon", kw=kw, shown=shown), "fixed": fixed}
        return {"hint": phrase("hint.space_after", kw=kw, shown=shown), "fixed": fixed}
    return None


def quote_hint(value: str) -> dict | None:
    """Chinese quotation marks where the language needs ASCII ones."""
    if value.lstrip()[:1] in "“”":
        return {"hint": phrase("hint.ascii_quotes")}
    return None


def ascii_quotes(code: str) -> str:
    """A statement with its Chinese quotation marks as the ASCII quotes the language reads."""
    return code.replace("“", '"').replace("”", '"')


def statement_hint(code: str, context: set, extra: int | None = None) -> dict:
    """Hint for an unknown statement: a goal outside a project (after an extra "}", found at
    line extra by indentation), a keyword it resembles, or what may stand here."""
    word = (_WORD.match(code.strip()) or [""])[0][:20]
    if word in GOAL_KINDS and "GOAL_KW" not in context:
        return {"hint": phrase("hint.goal_outside", at=phrase("hint.by_indent", line=extra) if extra else "")}
    if word in KEYWORDS and code.strip() == word:
        return {"hint": phrase("hint.needs_more", word=word, example=_EXAMPLES.get(word, word + " …"))}
    if "/" in code or "／" in code:
        return {"hint": phrase("hint.group_outside")}
    if word and code.rstrip().endswith("{") and "GOAL_KW" not in context:
        name = word[2:] if word.startswith("项目") and len(word) > 2 else word
        rest = code.strip()[len(word) :].strip(" \t\u3000{")
        return {"hint": phrase("hint.project", name=name), "fixed": f"项目 {name}{' ' + rest if rest else ''} {{"}
    close = difflib.get_close_matches(word, KEYWORDS, n=2, cutoff=0.5) if word else []
    field = _field_example(word, code)
    if close:
        return {
            "hint": phrase(
                "hint.did_you_mean",
                names=Listing(tuple(close)),
                field=phrase("hint.field_too", field=field) if field else "",
            ),
            # one keyword close to it: read as that keyword (two: the writer chooses)
            **({"fixed": close[0] + code.strip()[len(word) :]} if len(close) == 1 else {}),
        }
    if field:
        return {
            "hint": phrase("hint.field", field=field),
            "fixed": _field_example(word, code, whole=True),
        }
    return {"hint": phrase("hint.allowed_here")}


def _field_example(word: str, code: str, whole: bool = False) -> str | None:
    """`项目负责人 张三` -> `字段 项目负责人: 张三`: a label copied from a form, as a field
    (its value cut to 30 characters unless whole)."""
    rest = code.strip()[len(word) :].strip(" \t\u3000:：")
    if not word or not rest or any(c in rest for c in '{}#"'):
        return None
    return f"字段 {word}: {rest if whole else rest[:30]}"
