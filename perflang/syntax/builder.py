"""Tokens -> nodes.  Runs inside the LALR parser as its transformer (no tree is built), and
inside the fast line scanner (perflang/syntax/scanner.py), which calls the same callbacks.

It does not import Lark: the fast path must not pay for it.  Tokens are anything with Lark's
`type`, `value`, `line`, `column`, `end_line` and `end_column`."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic
from .nodes import GOAL_KINDS, Attr, Document, Field, Goal, Group, Indicator, Project, Setting
from ..source import Span

__all__ = ["Builder", "SETTING_KEYS", "ATTR_KEYS", "unquote", "quote"]

SETTING_KEYS = {
    "申报单位": "unit", "unit": "unit", "金额单位": "money_unit", "money": "money_unit",
    "年度": "year", "year": "year", "表样": "form", "form": "form",
    "默认依据": "default_basis", "default-basis": "default_basis",
    "预算": "budget", "项目预算": "budget", "budget": "budget",
    "主管部门": "department", "department": "department",
    "实施单位": "implementer", "implementer": "implementer",
    "项目属性": "nature", "nature": "nature", "项目期": "period", "period": "period",
    "项目类别": "category", "category": "category",
    "评分方案": "scoring", "scoring": "scoring",
    "状态": "status", "status": "status",
}
ATTR_KEYS = {
    "依据": "basis", "basis": "basis", "分值": "weight", "weight": "weight",
    "解释": "explanation", "指标解释": "explanation", "explanation": "explanation",
    "上年值": "last_year", "last-year": "last_year",
}
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}
_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_COLON = re.compile("[:：]")


def unquote(text: str) -> str:
    """The content of a "..." string (escapes \\" \\\\ \\n \\t)."""
    body = text[1:-1]
    if "\\" not in body:
        return body
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def _span(tok) -> Span:
    return Span(tok.line, tok.column, tok.end_line, tok.end_column)


def _sub_span(tok, start: int, end: int) -> Span:
    """The span of tok.value[start:end] (tokens here never cross a line)."""
    return Span(tok.line, tok.column + start, tok.line, tok.column + end)


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
            name = text[:colon].rstrip()
            name_end = len(name)
        name_span = _sub_span(tok, 0, name_end)
        rest = text[colon + 1:]
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

    # -- rules ---------------------------------------------------------------------------
    def start(self, items):
        return Document(items=tuple(items))

    def setting(self, c):
        kw, tok = c
        value, vspan = self._value(tok)
        return Setting(key=SETTING_KEYS[kw.value], keyword=kw.value, value=value,
                       span=_span(kw), value_span=vspan)

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
        return Project(name=name, keyword=kw.value, items=tuple(items), span=_span(kw),
                       name_span=nspan, end_span=_span(close))

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
        return Goal(kind=GOAL_KINDS[kw.value], keyword=kw.value, number=number, text=text,
                    groups=tuple(groups), span=_span(kw), end_span=_span(close))

    def shared_goal(self, c):
        kw = c[0]
        number = None
        i = 1
        if c[i].type == "INT":
            number = int(c[i].value)
            i += 1
        same, target_kw = c[i], c[i + 1]
        target_no = int(c[i + 2].value) if len(c) > i + 2 else None
        return Goal(kind=GOAL_KINDS[kw.value], keyword=kw.value, number=number,
                    same_as=(GOAL_KINDS[target_kw.value], target_no), same_keyword=same.value,
                    same_goal_keyword=target_kw.value, span=_span(kw))

    def group(self, c):
        level1 = c[0]
        level2 = None
        rest = c[1:-1]
        if rest and getattr(rest[0], "type", None) == "SLASH":
            level2, rest = rest[1], rest[2:]
        head = _span(level1)  # spans are frozen values: one object serves all three places
        return Group(level1=level1.value, level2=level2.value if level2 else None,
                     indicators=tuple(rest), span=head, level1_span=head,
                     level2_span=_span(level2) if level2 else head, end_span=_span(c[-1]))

    def indicator(self, c):
        tok = c[0]
        name, nspan, value, vspan = self._pair(tok)
        line_end = Span(tok.line, tok.column, tok.line, tok.column + len(tok.value.rstrip()))
        if len(c) == 1:
            return Indicator(name=name, value=value, span=line_end, name_span=nspan, value_span=vspan)
        attrs, close = c[1]
        return Indicator(name=name, value=value, attrs=attrs, span=line_end, name_span=nspan,
                         value_span=vspan, end_span=_span(close))

    def attrs(self, c):
        """The attributes and the closing brace's token."""
        return tuple(c[:-1]), c[-1]

    def attr(self, c):
        kw = c[0]
        value, vspan = self._value(c[1]) if len(c) > 1 else ("", _span(kw))
        return Attr(key=ATTR_KEYS[kw.value], keyword=kw.value, value=value, span=_span(kw),
                    value_span=vspan)
