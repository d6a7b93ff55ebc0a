"""Tokens -> nodes.  Runs inside the LALR parser as its transformer (no tree is built), and
inside the fast line scanner (perflang/syntax/scanner.py), which calls the same callbacks.

It does not import Lark: the fast path must not pay for it.  Tokens are anything with Lark's
`type`, `value`, `line`, `column`, `end_line` and `end_column`."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, Edit
from ..source import NO_SPAN, Span
from .keywords import ATTR_KEYS, EMPTY_ALLOWED, SETTING_KEYS
from .nodes import GOAL_KINDS, Attr, Document, Field, Goal, Group, Indicator, Project, Setting

__all__ = ["Builder", "SETTING_KEYS", "ATTR_KEYS", "unquote", "quote", "loose_colons"]

_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}
_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_COLON = re.compile("[:：]")


def loose_colons(text: str) -> list[int]:
    """Where text has a colon that is not part of a time or ratio (9:00, 1:1): in an unquoted
    indicator value such a colon makes the line ambiguous (the formatter quotes the value)."""
    return [
        m.start()
        for m in _COLON.finditer(text)
        if not (m.start() > 0 and text[m.start() - 1].isdigit() and text[m.start() + 1 : m.start() + 2].isdigit())
    ]


def unquote(text: str) -> str:
    """The content of a "..." string (escapes \\" \\\\ \\n \\t)."""
    body = text[1:-1]
    if "\\" not in body:
        return body
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


# Span(a, b, c, d) made without the named tuple's __new__ (a Python function: two and a half
# times the cost of the tuple itself), as a file has a few spans for each of its lines
_tuple = tuple.__new__


def _span(tok) -> Span:
    return _tuple(Span, (tok.line, tok.column, tok.end_line, tok.end_column))


def _sub_span(tok, start: int, end: int) -> Span:
    """The span of tok.value[start:end] (tokens here never cross a line)."""
    line, column = tok.line, tok.column
    return _tuple(Span, (line, column + start, line, column + end))


class Builder:
    """Builds nodes; problems the grammar cannot express go to self.diagnostics."""

    def __init__(self):
        super().__init__()
        self.diagnostics: list[Diagnostic] = []

    # -- helpers -------------------------------------------------------------------------
    def _value(self, tok) -> tuple[str, Span]:
        raw = tok.value.rstrip()
        span = _sub_span(tok, 0, len(raw))
        if raw.startswith('"'):
            m = _STRING.match(raw)
            if m and m.end() == len(raw):
                return unquote(raw), span
            self.diagnostics.append(Diagnostic(code="PF102", span=span))
            return raw[1:], span
        return raw, span

    def _pair(self, tok) -> tuple[str, Span, str, Span]:
        """Split an INDICATOR token into (name, name span, value, value span)."""
        text = tok.value
        if text.startswith('"'):
            m = _STRING.match(text)
            name, name_end = unquote(m.group()), m.end()
            colon = name_end + (len(text[name_end:]) - len(text[name_end:].lstrip(" \t")))
        else:
            colon = _COLON.search(text).start()  # the first ':' or '：'
            later = self._later_colon(tok, text, colon)
            colon = later if later is not None else colon
            name = text[:colon].rstrip()
            name_end = len(name)
        name_span = _sub_span(tok, 0, name_end)
        rest = text[colon + 1 :]
        lead = len(rest) - len(rest.lstrip(" \t\u3000"))
        raw = rest.strip(" \t\u3000")
        start = colon + 1 + lead
        value_span = _sub_span(tok, start, start + max(len(raw), 1))
        if raw.startswith('"'):
            m = _STRING.match(raw)
            if m and m.end() == len(raw):
                return name, name_span, unquote(raw), value_span
            self.diagnostics.append(Diagnostic(code="PF102", span=value_span))
            raw = raw[1:]
        return name, name_span, raw, value_span

    def plain(self, text: str, line: int, column: int, attrs: tuple = (), end: Span = NO_SPAN) -> Indicator | None:
        """indicator() of a lone INDICATOR token (its text, at line and column) without making
        the token, when it is the common line: an unquoted name, one colon, a value not quoted;
        None for any other (the scanner then goes through indicator(); tests/test_fastparse.py
        holds the two equal).  attrs and end: the attributes built and their closing brace's
        span, as indicator() takes them with the token."""
        if text.startswith('"'):
            return None
        colon = _COLON.search(text).start()
        rest = text[colon + 1 :]
        if ":" in rest or "：" in rest:
            return None
        raw = rest.strip(" \t\u3000")
        if raw.startswith('"'):
            return None
        name = text[:colon].rstrip()
        start = column + colon + 1 + len(rest) - len(rest.lstrip(" \t\u3000"))
        return Indicator(
            name=name,
            value=raw,
            span=_tuple(Span, (line, column, line, column + len(text.rstrip()))),
            name_span=_tuple(Span, (line, column, line, column + len(name))),
            value_span=_tuple(Span, (line, start, line, start + max(len(raw), 1))),
            attrs=attrs,
            end_span=end,
        )

    def _later_colon(self, tok, text: str, first: int) -> int | None:
        """`服务周期内:市民满意度: ≥90%` and `其中:当年市级财政资金: 132万元`: a colon after the first
        one (not a time such as 9:00, not inside a quoted value) means the name holds the first
        colon.  The line is read at the last such colon, with a warning that shows the quoted
        name (the form the formatter writes)."""
        rest = text[first + 1 :]
        if ":" not in rest and "：" not in rest:  # the common line: one colon
            return None
        if rest.lstrip(" \t\u3000").startswith('"'):
            return None
        found = [first + 1 + k for k in loose_colons(rest)]
        if not found:
            return None
        colon = found[-1]
        name, value = text[:colon].rstrip(), text[colon + 1 :].strip(" \t\u3000")
        span = _sub_span(tok, 0, len(text.rstrip()))
        fixed = f"{quote(name)}: {value}".rstrip()
        self.diagnostics.append(
            Diagnostic(
                code="PF113",
                span=span,
                args={
                    "name": name,
                    "value": value,
                    "fixed": fixed,
                    "other": f"{text[:first].rstrip()}: {quote(text[first + 1 :].strip())}",
                },
                fix=(Edit(span, fixed),),  # the name quoted (the language server offers the value quoted too)
            )
        )
        return colon

    # -- rules ---------------------------------------------------------------------------
    def start(self, items):
        return Document(items=tuple(items))

    def setting(self, c):
        kw = c[0]
        if len(c) > 1:
            value, vspan = self._value(c[1])
        else:  # the keyword alone: a field the form leaves empty (主管部门)
            value, vspan = "", Span(kw.end_line, kw.end_column, kw.end_line, kw.end_column)
            if SETTING_KEYS[kw.value] not in EMPTY_ALLOWED:
                self.diagnostics.append(Diagnostic(code="PF112", span=_span(kw), args={"key": kw.value}))
        return Setting(key=SETTING_KEYS[kw.value], keyword=kw.value, value=value, span=_span(kw), value_span=vspan)

    def _field(self, kind, c):
        kw, tok = c
        name, _, value, _ = self._pair(tok)
        return Field(kind=kind, keyword=kw.value, name=name, value=value, span=_span(kw))

    def field(self, c):
        return self._field("field", c)

    def funding(self, c):
        return self._field("funding", c)

    def project(self, c):
        kw, tok, *items, close = c
        name, nspan = self._value(tok)
        return Project(
            name=name, keyword=kw.value, items=tuple(items), span=_span(kw), name_span=nspan, end_span=_span(close)
        )

    def goal(self, c):
        kw, *rest, close = c
        number = text = None
        groups = []
        for x in rest:
            kind = getattr(x, "type", None)  # a token, or a Group node
            if kind == "INT":
                number = int(x.value)
            elif kind == "STRING":
                text = unquote(x.value)
            else:
                groups.append(x)
        return Goal(
            kind=GOAL_KINDS[kw.value],
            keyword=kw.value,
            number=number,
            text=text,
            groups=tuple(groups),
            span=_span(kw),
            end_span=_span(close),
        )

    def shared_goal(self, c):
        kw = c[0]
        number = None
        i = 1
        if c[i].type == "INT":
            number = int(c[i].value)
            i += 1
        same, target_kw = c[i], c[i + 1]
        target_no = int(c[i + 2].value) if len(c) > i + 2 else None
        return Goal(
            kind=GOAL_KINDS[kw.value],
            keyword=kw.value,
            number=number,
            same_as=(GOAL_KINDS[target_kw.value], target_no),
            same_keyword=same.value,
            same_goal_keyword=target_kw.value,
            span=_span(kw),
        )

    def group(self, c):
        level1 = c[0]
        level2 = None
        rest = c[1:-1]
        if rest and getattr(rest[0], "type", None) == "SLASH":
            level2, rest = rest[1], rest[2:]
        head = _span(level1)  # spans are frozen values: one object serves all three places
        return Group(
            level1=level1.value,
            level2=level2.value if level2 else None,
            indicators=tuple(rest),
            span=head,
            level1_span=head,
            level2_span=_span(level2) if level2 else head,
            end_span=_span(c[-1]),
        )

    def indicator(self, c):
        tok = c[0]
        name, nspan, value, vspan = self._pair(tok)
        line_end = _tuple(Span, (tok.line, tok.column, tok.line, tok.column + len(tok.value.rstrip())))
        if len(c) == 1:
            return Indicator(name=name, value=value, span=line_end, name_span=nspan, value_span=vspan)
        attrs, close = c[1]
        return Indicator(
            name=name, value=value, attrs=attrs, span=line_end, name_span=nspan, value_span=vspan, end_span=_span(close)
        )

    def attrs(self, c):
        """The attributes and the closing brace's token."""
        return tuple(c[:-1]), c[-1]

    def attr(self, c):
        kw = c[0]
        value, vspan = self._value(c[1]) if len(c) > 1 else ("", _span(kw))
        return Attr(key=ATTR_KEYS[kw.value], keyword=kw.value, value=value, span=_span(kw), value_span=vspan)
