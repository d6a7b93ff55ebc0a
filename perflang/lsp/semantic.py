"""Semantic tokens from the grammar's own terminals (perflang/grammar/perf.lark, read through
the fast scanner's table), line by line, so any LSP editor highlights a .perf file without a
grammar file of its own, even while a line does not parse."""

from __future__ import annotations

import re

from ..syntax.linetext import code_part
from ..syntax.scanner import _terminals
from ..values import _NUMBER, _PREFIX, _SUFFIX
from .positions import utf16_len

__all__ = ["LEGEND", "tokens", "encode"]

LEGEND = ("keyword", "class", "namespace", "property", "operator", "number", "type", "string", "comment", "enumMember")
_T = {name: i for i, name in enumerate(LEGEND)}
_WS = " \t\f\u3000"
_LINE_KWS = ("PROJECT_KW", "GOAL_KW", "SETTING_KW", "FIELD_KW", "FUNDING_KW")
_HEADER = re.compile(r"([^\s/／{}#\":：;]+)([ \t\u3000]*)([/／])([ \t\u3000]*)([^\s/／{}#\":：;]+)?")
_COMPARATOR_WORDS = sorted({w for w, _ in _PREFIX}, key=len, reverse=True)
_SUFFIX_WORDS = sorted({w for w, _ in _SUFFIX}, key=len, reverse=True)


def _skip(line: str, pos: int) -> int:
    while pos < len(line) and line[pos] in _WS:
        pos += 1
    return pos


def _value(line: str, start: int, end: int, out: list) -> None:
    """An indicator's value: comparator, number, unit (or a qualitative text as a string)."""
    text = line[start:end]
    body = text.strip(_WS)
    if not body:
        return
    pos = start + (len(text) - len(text.lstrip(_WS)))
    if body.startswith('"'):
        out.append((pos, len(body), "string"))
        return
    for w in _COMPARATOR_WORDS:
        if body.startswith(w):
            out.append((pos, len(w), "operator"))
            pos = _skip(line, pos + len(w))
            body = line[pos:end].strip(_WS)
            break
    m = _NUMBER.match(body)
    if not m:
        out.append((pos, len(body), "string"))
        return
    out.append((pos, m.end(), "number"))
    rest = body[m.end() :]
    unit = rest.strip(_WS)
    if unit:
        upos = pos + m.end() + (len(rest) - len(rest.lstrip(_WS)))
        suffix = next((w for w in _SUFFIX_WORDS if unit.endswith(w) and len(unit) > len(w)), None)
        if suffix:
            out.append((upos, len(unit) - len(suffix), "type"))
            out.append((upos + len(unit) - len(suffix), len(suffix), "operator"))
        else:
            out.append((upos, len(unit), "type"))


def line_tokens(line: str) -> list[tuple[int, int, str]]:
    """(start index, length in characters, type) of one line's tokens, in order."""
    t = _terminals()
    out: list[tuple[int, int, str]] = []
    code = code_part(line)
    cut = len(code)
    if cut < len(line) and line[cut] == "#":
        comment = (cut, len(line.rstrip()) - cut, "comment")
    else:
        comment = None
        cut = len(line)
    padded = line[:cut] + "\n"
    pos = _skip(line, 0)
    kw = None
    for name in _LINE_KWS:
        m = t[name].match(padded, pos)
        if m:
            kw = name
            out.append((pos, m.end() - pos, "keyword"))
            pos = _skip(line, m.end())
            break
    if kw == "PROJECT_KW":
        end = code.find("{", pos)
        name_end = len(line[pos : end if end >= 0 else cut].rstrip(_WS))
        if name_end:
            out.append((pos, name_end, "string" if line[pos] == '"' else "class"))
    elif kw == "GOAL_KW":
        while pos < cut:
            for name, kind in (("INT", "number"), ("STRING", "string"), ("SAME_KW", "keyword"), ("GOAL_KW", "keyword")):
                m = t[name].match(padded, pos)
                if m and m.end() > pos:
                    out.append((pos, m.end() - pos, kind))
                    pos = _skip(line, m.end())
                    break
            else:
                break
    elif kw == "SETTING_KW":
        value = line[pos:cut].rstrip(_WS)
        if value:
            out.append((pos, len(value), "string"))
    elif kw in ("FIELD_KW", "FUNDING_KW"):
        _pair(line, pos, cut, code, out)
    elif kw is None and pos < cut:
        colon = re.search("[:：]", code[pos:cut])
        m = _HEADER.match(line, pos)
        if m and (colon is None or colon.start() + pos > m.end()):
            out.append((m.start(1), len(m.group(1)), "namespace"))
            out.append((m.start(3), 1, "operator"))
            if m.group(5):
                out.append((m.start(5), len(m.group(5)), "namespace"))
        elif colon is not None:
            _pair(line, pos, cut, code, out)
    if comment is not None:
        out.append(comment)
    return [x for x in out if x[1] > 0]


def _pair(line: str, pos: int, cut: int, code: str, out: list) -> None:
    """name: value { attrs }"""
    colon = re.search("[:：]", code[pos:cut])
    if colon is None:
        return
    c = pos + colon.start()
    name = line[pos:c].rstrip(_WS)
    if name:
        out.append((pos, len(name), "string" if name.startswith('"') else "property"))
    brace = code.find("{", c)
    end = brace if brace >= 0 else cut
    _value(line, c + 1, end, out)
    if brace >= 0:
        attrs = line[brace + 1 : cut]
        for m in re.finditer(
            r"(指标解释|解释|依据|分值|上年值|basis|weight|explanation|last-year)"
            r"[ \t\u3000]+([^;}\n#]*)",
            attrs,
        ):
            out.append((brace + 1 + m.start(1), len(m.group(1)), "keyword"))
            v = m.group(2).rstrip(_WS)
            if v:
                kind = (
                    "enumMember"
                    if m.group(1) in ("依据", "basis")
                    else ("number" if m.group(1) in ("分值", "weight") else "string")
                )
                out.append((brace + 1 + m.start(2), len(v), kind))


def tokens(lines: list[str]) -> list[tuple[int, int, int, str]]:
    """(line 0-based, UTF-16 start, UTF-16 length, type) of every token of the text."""
    out = []
    for no, line in enumerate(lines):
        for start, length, kind in line_tokens(line):
            out.append((no, utf16_len(line[:start]), utf16_len(line[start : start + length]), kind))
    return out


def encode(toks) -> list[int]:
    """The LSP relative encoding (delta line, delta start, length, type, modifiers)."""
    data: list[int] = []
    prev_line = prev_start = 0
    for line, start, length, kind in toks:
        dl = line - prev_line
        ds = start - prev_start if dl == 0 else start
        data += [dl, ds, length, _T[kind], 0]
        prev_line, prev_start = line, start
    return data
