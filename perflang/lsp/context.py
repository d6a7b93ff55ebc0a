"""Where a position stands, read from the text alone (so completion works while a line is being
typed and the file does not parse): the blocks open at a line, and the keywords of the grammar."""

from __future__ import annotations

import re
from functools import lru_cache

from ..syntax.linetext import code_part
from ..syntax.scanner import _terminals

__all__ = ["keywords", "open_blocks", "block_ends", "Block"]


@lru_cache(maxsize=1)
def keywords() -> dict[str, tuple[str, ...]]:
    """Terminal name -> its keywords, read from the grammar (the one keyword table)."""
    out = {}
    for name, pattern in _terminals().items():
        if name.endswith("_KW"):
            m = re.match(r"\(\?:([^()]*)\)", pattern.pattern)
            if m:
                out[name] = tuple(m.group(1).split("|"))
    return out


def _kind(code: str) -> str:
    """What a line that opens a block opens: project, goal, group or attrs.  The line's first
    word is read with the grammar's own terminals (PROJECT_KW, GOAL_KW, as the scanner reads
    it), on the code part of the line (a quoted name blanked out: `项目 "甲 乙" {`)."""
    start = len(code) - len(code.lstrip(" \t\u3000"))
    terminals = _terminals()
    for kind, term in (("project", "PROJECT_KW"), ("goal", "GOAL_KW")):
        if terminals[term].match(code + " ", start):
            return kind
    if ":" in code or "：" in code:
        return "attrs"
    return "group"


class Block:
    __slots__ = ("kind", "line", "header", "end")

    def __init__(self, kind: str, line: int, header: str):
        self.kind, self.line, self.header, self.end = kind, line, header, None

    def __repr__(self):
        return f"Block({self.kind}, {self.line}, {self.end})"


def _scan(lines: list[str], upto: int | None = None):
    """Walk the lines (up to, not including, 1-based line upto): (open stack, closed blocks)."""
    stack: list[Block] = []
    closed: list[Block] = []
    last = len(lines) if upto is None else min(upto - 1, len(lines))
    for no in range(1, last + 1):
        code = code_part(lines[no - 1]).replace("｛", "{").replace("｝", "}")
        if "{" not in code and "}" not in code:
            continue
        for i, ch in enumerate(code):
            if ch == "{":
                stack.append(Block(_kind(code[:i]) if code[:i].strip() else "attrs", no, code[:i]))
            elif ch == "}" and stack:
                b = stack.pop()
                b.end = no
                closed.append(b)
    return stack, closed


def open_blocks(lines: list[str], line: int) -> list[Block]:
    """The blocks open at the start of line (1-based), outermost first."""
    start = line
    # a project starts at the beginning of a line: scan from the nearest one above (fast on big files)
    proj = keywords().get("PROJECT_KW", ())
    while start > 1:
        start -= 1
        text = lines[start - 1] if start <= len(lines) else ""
        if any(text.startswith(k) for k in proj):
            break
    stack, _ = _scan(lines[start - 1 :], line - start + 1)
    for b in stack:
        b.line += start - 1
    return stack


def block_ends(lines: list[str]) -> list[Block]:
    """Every closed block of the text, with the lines it spans."""
    return _scan(lines)[1]
