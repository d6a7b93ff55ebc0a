"""Semantic tokens from the grammar's own terminals (perflang/grammar/perf.lark, read through
the fast scanner's table), line by line, so any LSP editor highlights a .perf file without a
grammar file of its own, even while a line does not parse."""

from __future__ import annotations

import re

from ..syntax.keywords import ATTR_KEYS, ATTRS, spellings
from ..syntax.linetext import code_part
from ..syntax.scanner import _terminals
from ..values import _NUMBER, _PREFIX, _SUFFIX
from .positions import utf16_len

__all__ = ["LEGEND", "tokens", "encode", "full_tokens", "delta_tokens", "range_tokens"]

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
        for m in _ATTR.finditer(attrs):
            out.append((brace + 1 + m.start(1), len(m.group(1)), "keyword"))
            v = m.group(2).rstrip(_WS)
            if v:
                kind = _ATTR_VALUE.get(ATTR_KEYS[m.group(1)], "string")
                out.append((brace + 1 + m.start(2), len(v), kind))


# an indicator's attribute (every spelling of the keyword table's ATTRS) and its value
_ATTR = re.compile("(" + "|".join(map(re.escape, spellings(ATTRS))) + r")[ \t\u3000]+([^;}\n#]*)")
_ATTR_VALUE = {"basis": "enumMember", "weight": "number"}  # the token type of a value, by key


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


# -- a big file: the tokens region by region --------------------------------------------------
#
# LSP encodes each token relative to the one before it, so the data of a region (the prefix, a
# project's chunk: perflang.syntax.split) is the same wherever the region stands, but for its
# first token's line distance.  The data of a file is its regions' data put together, each
# region's made once while its text does not change; a delta (semanticTokens/full/delta) is
# the stretch between the regions that stayed.


class Piece:
    """The tokens of one region: its data as LSP encodes it from the region's first line, the
    lines of its first and last token, and the data after the first number as JSON text."""

    __slots__ = ("data", "first", "last", "tail")

    def __init__(self, text: str):
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()
        toks = tokens(lines)
        self.data = encode(toks)
        self.first = toks[0][0] if toks else None
        self.last = toks[-1][0] if toks else None
        self.tail = ",".join(map(str, self.data[1:]))


class Tokens:
    """One full answer: the pieces in order with their first numbers, and its id."""

    __slots__ = ("pieces", "id")

    def __init__(self, pieces: list, result_id: str):
        self.pieces, self.id = pieces, result_id

    def json(self) -> str:
        return "[" + ",".join(f"{dl},{p.tail}" if p.tail else str(dl) for p, dl in self.pieces) + "]"

    def data(self, start: int = 0, end: int | None = None) -> list[int]:
        out: list[int] = []
        for p, dl in self.pieces[start:end]:
            out.append(dl)
            out.extend(p.data[1:])
        return out


def _regions(doc) -> list[tuple[int, str]]:
    """(first line, 0-based; text) of the prefix and of every project's chunk."""
    layout = doc.checker.layout(doc.text)
    if not layout.chunks:
        return [(0, doc.text)]
    out = [(0, layout.prefix)] if layout.prefix else []
    out += [(first - 1, chunk) for first, chunk in layout.chunks]
    return out


def full_tokens(doc) -> Tokens:
    """The document's tokens, region by region (each region's Piece cached by its text)."""
    cache = getattr(doc, "_pieces", None)
    if cache is None:
        cache = doc._pieces = {}
    fresh: dict[str, Piece] = {}
    out = []
    previous = 0
    for start, text in _regions(doc):
        piece = fresh.get(text) or cache.get(text) or Piece(text)
        fresh[text] = piece
        if piece.first is None:
            continue
        out.append((piece, start + piece.first - previous))
        previous = start + piece.last
    doc._pieces = fresh
    counter = getattr(doc, "_tokens_counter", 0) + 1
    doc._tokens_counter = counter
    result = Tokens(out, str(counter))
    doc._tokens = result
    return result


def delta_tokens(doc, previous_id: str):
    """(the new Tokens, the edit (start, delete count, data) from the answer previous_id), or
    (the new Tokens, None) when that answer is not the last one given (then send it whole)."""
    before = getattr(doc, "_tokens", None)
    now = full_tokens(doc)
    if before is None or before.id != previous_id:
        return now, None
    a, b = before.pieces, now.pieces
    head = 0
    while head < len(a) and head < len(b) and a[head][0] is b[head][0] and a[head][1] == b[head][1]:
        head += 1
    tail = 0
    while (
        tail < len(a) - head
        and tail < len(b) - head
        and a[-1 - tail][0] is b[-1 - tail][0]
        and a[-1 - tail][1] == b[-1 - tail][1]
    ):
        tail += 1
    start = sum(len(p.data) for p, _ in a[:head])
    deleted = sum(len(p.data) for p, _ in a[head : len(a) - tail])
    return now, (start, deleted, now.data(head, len(b) - tail))


def range_tokens(lines: list[str], first: int, last: int) -> list[int]:
    """The encoded tokens of lines first..last (0-based, inclusive), in the file's lines."""
    first = max(0, first)
    toks = tokens(lines[first : last + 1])
    return encode([(line + first, start, length, kind) for line, start, length, kind in toks])
