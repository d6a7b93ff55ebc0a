"""Completion, from the text alone: keywords (Chinese and English) fit for the block, the 一级
and 二级 names valid at the position (short forms and aliases too), units, 依据 values, the
goals a `同` can share."""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import framework
from ..check.rules import PROJECT_ONLY, TOP_ONLY
from ..forms import FORM_KEYS
from ..messages import phrase
from ..syntax.builder import ATTR_KEYS, SETTING_KEYS
from ..syntax.keywords import GOAL_KINDS, words
from ..units import KNOWN_UNITS, MAGNITUDES, MONEY_UNITS
from .context import keywords, open_blocks

__all__ = ["WORD_CHAR", "Item", "complete"]


class Item(NamedTuple):
    label: str
    kind: str  # "keyword" | "level1" | "level2" | "unit" | "value" | "goal" | "operator"
    detail: object = ""  # a text (a name, a setting's key) or a phrase of the catalog, shown in the editor's language
    start: int = 0  # the 1-based column where the text an item replaces begins (0: at the cursor)


# a goal's head: its keyword (every spelling of the keyword table's goals) and its number
_GOAL_HEAD = re.compile(
    r"^[ \t\u3000]*(" + "|".join(sorted(map(re.escape, GOAL_KINDS), key=len, reverse=True)) + ")"
    r"(?:[ \t\u3000]+(\d+))?(?=[ \t\u3000{\"]|$)"
)
_SAME = words("same")  # 同, same-as
_SAME_AT = re.compile("(?:^|[ \t\u3000])(?:" + "|".join(map(re.escape, _SAME)) + ")(?:[ \t\u3000]|$)")
_BASIS = words("basis") + words("default_basis")
_COMPARATORS = ("≥", "≤", "=", ">", "<")


def _settings(where: str) -> list[Item]:
    out = []
    for word, key in SETTING_KEYS.items():
        if (where == "top" and key not in PROJECT_ONLY) or (where == "project" and key not in TOP_ONLY):
            out.append(Item(word, "keyword", key))
    return out


def _kw(term: str, detail) -> list[Item]:
    return [Item(k, "keyword", detail) for k in keywords().get(term, ())]


def level1_items() -> list[Item]:
    out = []
    for full in framework.LEVEL1:
        out += [Item(full[:-2], "level1", full), Item(full, "level1", full)]
    out += [Item(a[:-2], "level1", f"{a} = {c}") for a, c in framework.LEVEL1_ALIASES.items()]
    out += [Item(e, "level1", z) for e, z in framework.ENGLISH_NAMES.items() if z in framework.LEVEL1]
    return out


def level2_items(level1: str) -> list[Item]:
    l1 = framework.resolve_level1(level1.strip())
    if l1 is None:
        children = tuple(framework.LEVEL2_OWNERS)
    else:
        children = framework.LEVEL1[l1]
    out = []
    for full in children:
        out += [Item(full[:-2], "level2", full), Item(full, "level2", full)]
    out += [Item(a[:-2], "level2", f"{a} = {c}") for a, c in framework.LEVEL2_ALIASES.items() if c in children]
    out += [Item(e, "level2", z) for e, z in framework.ENGLISH_NAMES.items() if z in children]
    seen, unique = set(), []
    for it in out:
        if it.label not in seen:
            seen.add(it.label)
            unique.append(it)
    return unique


def _goals_above(lines: list[str], start: int, line: int) -> list[Item]:
    out = []
    for no in range(start, line):
        text = lines[no - 1]
        m = _GOAL_HEAD.match(text)
        if m and not _SAME_AT.search(text):
            label = m.group(1) + (f" {m.group(2)}" if m.group(2) else "")
            out.append(Item(label, "goal", phrase("complete.line", line=no)))
    return out


def complete(lines: list[str], line: int, column: int) -> list[Item]:
    """The items for a 1-based (line, column): the text before column on line decides.  Each
    item says where the text it replaces begins (`start`): the word being typed, so that an
    editor shows units after `≥95` (a client that takes the word from its own idea of a word
    would look for units that start with `≥95`)."""
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    column = max(1, min(column, len(text) + 1))
    items, start = _complete(lines, line, column)
    return [i._replace(start=start) for i in items]


# a character of a word being completed: what the replaced range may hold (the web page's editor
# keeps a completion open while the typed text is of these, keywords.json's "word")
WORD_CHAR = r"[^ \t\u3000/／{};:：]"
_WORD_END = re.compile(WORD_CHAR + "*$")


def _word_start(before: str) -> int:
    """The 1-based column where the word that ends before the cursor begins."""
    return len(before) - len(_WORD_END.search(before).group()) + 1


def _complete(lines: list[str], line: int, column: int) -> tuple[list[Item], int]:
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    before = text[: column - 1]
    stripped = before.lstrip(" \t\u3000")
    word = _word_start(before)
    if "#" in before:
        return [], word
    tokens = stripped.split()
    blocks = open_blocks(lines, line)
    inner = blocks[-1].kind if blocks else "top"
    # values after a keyword
    if (
        tokens
        and tokens[-1] in _BASIS
        and before.endswith((" ", "\u3000"))
        or len(tokens) >= 2
        and tokens[-2] in _BASIS
        and not before.endswith(" ")
    ):
        return [Item(b, "value", phrase("complete.basis")) for b in framework.BASES], word
    after_setting = len(tokens) <= 2 and (len(tokens) == 2 or before.endswith(" "))
    if tokens and tokens[0] in words("money_unit") and after_setting:
        return [Item(u, "unit", phrase("complete.money_unit")) for u in MONEY_UNITS], word
    if tokens and tokens[0] in words("form") and after_setting:
        return [Item(f, "value", v) for f, v in FORM_KEYS.items()], word
    if inner == "project" and _GOAL_HEAD.match(before) and any(w in _SAME for w in tokens):
        start = blocks[-1].line
        same = _SAME_AT.search(before)
        at = same.end() + 1 if same else word
        return _goals_above(lines, start + 1, line) + _goals_below(lines, line), at
    starting = not tokens or (len(tokens) == 1 and not before.endswith((" ", "\t", "\u3000")))
    first = len(before) - len(stripped) + 1  # where the line's first word begins
    if inner == "top":
        if starting:
            return (
                _settings("top")
                + _kw("PROJECT_KW", phrase("complete.project"))
                + _kw("FIELD_KW", phrase("complete.field"))
                + _kw("FUNDING_KW", phrase("complete.funding"))
            ), first
        return [], word
    if inner == "project":
        if starting:
            return (
                _settings("project")
                + _kw("GOAL_KW", phrase("complete.goal"))
                + _kw("FIELD_KW", phrase("complete.field"))
                + _kw("FUNDING_KW", phrase("complete.funding"))
            ), first
        if _GOAL_HEAD.match(before):
            return _kw("SAME_KW", phrase("complete.same")), word
        return [], word
    if inner == "goal":
        m = re.search(r"^(.*?)[/／]", stripped)
        if m:
            return level2_items(m.group(1)), word
        return level1_items(), first
    if inner == "attrs" or re.search(r"[:：].*\{", before):
        return [Item(k, "keyword", v) for k, v in ATTR_KEYS.items()], word
    if inner == "group":
        m = re.search(r"[:：](.*)$", before)
        if not m:
            return [], word
        value = m.group(1).strip()
        if not value:
            return [Item(c, "operator", phrase("complete.comparator")) for c in _COMPARATORS], column
        unit = re.search(r"\d([^\d\s.,，]*)$", value)
        if unit and not re.search(r"[\s]", before[len(before) - len(unit.group(1)) :]):
            typed = unit.group(1)
            names = [u for u in sorted(KNOWN_UNITS) if u.startswith(typed)]
            for m in MAGNITUDES:  # 万, 亿 before a unit: ≥2.3万个
                if typed.startswith(m):
                    names += [m + u for u in sorted(KNOWN_UNITS) if (m + u).startswith(typed) and m + u not in names]
            return [Item(u, "unit", phrase("complete.unit")) for u in names], column - len(typed)
    return [], word


def _goals_below(lines, line) -> list[Item]:
    """Goals declared later in the same project (sharing a later goal is allowed too)."""
    out = []
    for no in range(line + 1, len(lines) + 1):
        text = lines[no - 1]
        if text.startswith(tuple(keywords().get("PROJECT_KW", ()))):
            break
        m = _GOAL_HEAD.match(text)
        if m and not _SAME_AT.search(text):
            label = m.group(1) + (f" {m.group(2)}" if m.group(2) else "")
            out.append(Item(label, "goal", phrase("complete.line", line=no)))
    return out
