"""Completion, from the text alone: keywords (Chinese and English) fit for the block, the 一级
and 二级 names valid at the position (short forms and aliases too), units, 依据 values, the
goals a `同` can share."""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import framework
from ..check.rules import MONEY_UNITS, PROJECT_ONLY, TOP_ONLY
from ..framework import FORMS
from ..syntax.builder import ATTR_KEYS, SETTING_KEYS
from ..units import KNOWN_UNITS
from .context import keywords, open_blocks

__all__ = ["Item", "complete"]


class Item(NamedTuple):
    label: str
    kind: str  # "keyword" | "level1" | "level2" | "unit" | "value" | "goal" | "operator"
    detail: str = ""


_GOAL_HEAD = re.compile(
    r"^[ \t\u3000]*(长期目标|总体目标|实施期目标|年度目标|long-term|annual)"
    r"(?:[ \t\u3000]+(\d+))?(?=[ \t\u3000{\"]|$)"
)
_COMPARATORS = ("≥", "≤", "=", ">", "<")


def _settings(where: str) -> list[Item]:
    out = []
    for word, key in SETTING_KEYS.items():
        if (where == "top" and key not in PROJECT_ONLY) or (where == "project" and key not in TOP_ONLY):
            out.append(Item(word, "keyword", key))
    return out


def _kw(term: str, detail: str) -> list[Item]:
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
        if m and "同" not in text and "same-as" not in text:
            label = m.group(1) + (f" {m.group(2)}" if m.group(2) else "")
            out.append(Item(label, "goal", f"第 {no} 行 / line {no}"))
    return out


def complete(lines: list[str], line: int, column: int) -> list[Item]:
    """The items for a 1-based (line, column): the text before column on line decides."""
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    before = text[: column - 1]
    stripped = before.lstrip(" \t\u3000")
    if "#" in before:
        return []
    words = stripped.split()
    blocks = open_blocks(lines, line)
    inner = blocks[-1].kind if blocks else "top"
    # values after a keyword
    if (
        words
        and words[-1] in ("依据", "basis", "默认依据", "default-basis")
        and before.endswith((" ", "\u3000"))
        or len(words) >= 2
        and words[-2] in ("依据", "basis", "默认依据", "default-basis")
        and not before.endswith(" ")
    ):
        return [Item(b, "value", "指标值确定依据") for b in framework.BASES]
    if words and words[0] in ("金额单位", "money") and len(words) <= 2 and (len(words) == 2 or before.endswith(" ")):
        return [Item(u, "unit", "金额单位") for u in MONEY_UNITS]
    if words and words[0] in ("表样", "form") and len(words) <= 2 and (len(words) == 2 or before.endswith(" ")):
        return [Item(f, "value", v) for f, v in FORMS.items()]
    if inner == "project" and _GOAL_HEAD.match(before) and any(w in ("同", "same-as") for w in words):
        start = blocks[-1].line
        return _goals_above(lines, start + 1, line) + _goals_below(lines, line)
    starting = not words or (len(words) == 1 and not before.endswith((" ", "\t", "\u3000")))
    if inner == "top":
        if starting:
            return (
                _settings("top")
                + _kw("PROJECT_KW", "项目 / project")
                + _kw("FIELD_KW", "字段")
                + _kw("FUNDING_KW", "资金")
            )
        return []
    if inner == "project":
        if starting:
            return (
                _settings("project")
                + _kw("GOAL_KW", "目标 / goal")
                + _kw("FIELD_KW", "字段")
                + _kw("FUNDING_KW", "资金")
            )
        if _GOAL_HEAD.match(before):
            return _kw("SAME_KW", "共用另一个目标 / share a goal")
        return []
    if inner == "goal":
        m = re.search(r"^(.*?)[/／]", stripped)
        if m:
            return level2_items(m.group(1))
        return level1_items()
    if inner == "attrs" or re.search(r"[:：].*\{", before):
        return [Item(k, "keyword", v) for k, v in ATTR_KEYS.items()]
    if inner == "group":
        m = re.search(r"[:：](.*)$", before)
        if not m:
            return []
        value = m.group(1).strip()
        if not value:
            return [Item(c, "operator", "比较符号") for c in _COMPARATORS]
        if re.search(r"\d$", value):
            return [Item(u, "unit", "单位") for u in sorted(KNOWN_UNITS)]
    return []


def _goals_below(lines, line) -> list[Item]:
    """Goals declared later in the same project (sharing a later goal is allowed too)."""
    out = []
    for no in range(line + 1, len(lines) + 1):
        text = lines[no - 1]
        if text.startswith(tuple(keywords().get("PROJECT_KW", ()))):
            break
        m = _GOAL_HEAD.match(text)
        if m and "同" not in text and "same-as" not in text:
            label = m.group(1) + (f" {m.group(2)}" if m.group(2) else "")
            out.append(Item(label, "goal", f"第 {no} 行 / line {no}"))
    return out
