"""A fast path for the parser: a line scanner for well-formed files, no Lark.

The language is line-oriented, and almost every real file is well formed, so most files never
need the LALR machinery.  This scanner reads a file line by line with the grammar's own terminal
patterns (read from grammar/perf.lark, so the two cannot drift), hands the same tokens
to the same Builder callbacks the LALR parser calls, and so builds the very same Document,
spans and comments included.  Whenever it meets anything it is not sure of — a line of a shape
it does not know, indicator attributes, full-width braces, a problem the builder reports — it
returns None and the LALR parser (perflang/syntax/parser.py) does the work, with all its diagnostics.
tests/test_fastparse.py holds the two paths to the same result.
"""

from __future__ import annotations

import re
from functools import lru_cache

from attrs import evolve

from ..records import maker
from ..source import NO_SPAN, Span
from .builder import Builder, _span, _tuple
from .grammar import grammar_text
from .keywords import ATTR_KEYS
from .nodes import Attr, Comment, Document, Goal, Group, Indicator, Project

__all__ = ["parse", "replace_line"]

_WS = " \t\f\u3000"
_KEYWORDS = ("SETTING_KW", "FIELD_KW", "FUNDING_KW", "PROJECT_KW", "GOAL_KW")
# what may open a line in each block (the terminals the LALR parser accepts there)
_ALLOWED = {
    "top": ("SETTING_KW", "FIELD_KW", "FUNDING_KW", "PROJECT_KW"),
    "project": ("SETTING_KW", "FIELD_KW", "FUNDING_KW", "GOAL_KW"),
}


# Indicator(…), Group(…) and Attr(…) of every field in order, made directly (a file has a million)
_indicator, _group, _attr = maker(Indicator), maker(Group), maker(Attr)


class _Tok:
    """The few attributes of a Lark token that the Builder reads."""

    __slots__ = ("type", "value", "line", "column", "end_line", "end_column")

    def __init__(self, type_: str, value: str, line: int, column: int):
        self.type, self.value, self.line, self.column = type_, value, line, column
        self.end_line, self.end_column = line, column + len(value)


class _GiveUp(Exception):
    """The scanner is not sure: let the LALR parser decide."""


@lru_cache(maxsize=1)
def _terminals() -> dict[str, re.Pattern]:
    """The regex terminals of perf.lark, compiled."""
    grammar = grammar_text()
    found = {m.group(1): re.compile(m.group(2)) for m in re.finditer(r"^([A-Z_]+)(?:\.\d+)?: /(.*)/$", grammar, re.M)}
    found["SLASH"] = re.compile("[/／]")
    return found


@lru_cache(maxsize=1)
def _header(level: str) -> re.Pattern:
    """A whole group header line `LEVEL / LEVEL {` (white space as the grammar ignores it)."""
    ws = f"[{_WS}]*"
    return re.compile(f"({level}){ws}([/／]){ws}({level}){ws}{{{ws}$")


@lru_cache(maxsize=1)
def _one_attr() -> re.Pattern:
    """What follows a plain indicator's text on the common attributed line: `{ 依据 行业标准 }`,
    one attribute keyword, its value or none, the brace closed on the line, nothing after it.
    The keyword is ATTR_KW's pattern in an atomic group (the alternative ATTR_KW alone matches),
    the value VALUE's unquoted alternative (it stops only at '#', '{', '}', ';' or the end)."""
    ws = f"[{_WS}]*"
    t = _terminals()
    value = t["VALUE"].pattern.rsplit("|", 1)[1]
    return re.compile(f"{ws}\\{{{ws}((?>{t['ATTR_KW'].pattern})){ws}({value})?(}}){ws}\\Z")


@lru_cache(maxsize=1)
def _plain_line() -> re.Pattern:
    """A whole line holding only a plain indicator, `名称: 值`, indented: what the scanner reads
    as INDICATOR up to the line's end and Builder.plain takes (an unquoted name, one colon, no
    comment; Builder.plain also needs the value unquoted), group 1 the text before the colon,
    group 2 the text after it; then, if any, the common attribute `{ 依据 行业标准 }`, _one_attr's
    groups (3 to 5).  The name is INDICATOR's unquoted alternative, the value its unquoted one
    without a colon (a second colon is no plain line)."""
    ws = f"[{_WS}]*"
    attr = _one_attr().pattern.removesuffix("\\Z")
    return re.compile(f'{ws}([^\\s"#{{}}:：;][^\\n#{{}}:：]*)[:：]([^\\n#{{}}:：]*)(?:{attr})?')


def _one_attribute(m: re.Match, g: int, no: int) -> tuple[Attr, Span]:
    """The Attr of _one_attr's groups in m, from group g (the keyword; then the value, the
    closing brace) on line no, as attrs() and attr() build it, and the brace's span."""
    kw, k = m.group(g), m.start(g) + 1
    kw_span = _tuple(Span, (no, k, no, k + len(kw)))
    if m.group(g + 1) is None:
        value, value_span = "", kw_span
    else:
        value, v = m.group(g + 1).rstrip(), m.start(g + 1) + 1
        value_span = _tuple(Span, (no, v, no, v + len(value)))
    c = m.start(g + 2) + 1
    return _attr(ATTR_KEYS[kw], kw, value, kw_span, value_span), _tuple(Span, (no, c, no, c + 1))


class _Scanner:
    quick_attrs = True  # the common attributed line read by _one_attr (False: the tests' slow way)
    quick_lines = True  # runs of plain indicator lines read by _plain_line (False: the slow way)

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.t = _terminals()
        self.builder = Builder()
        self.comments: list[Comment] = []
        self.no = 0  # the current line number (1-based)
        self.line = ""

    # -- tokens --------------------------------------------------------------------------
    def tok(self, name: str, pos: int) -> _Tok | None:
        # the line break is part of the text the grammar sees: ATTR_KW's look-ahead needs it
        m = self.t[name].match(self.line + "\n", pos)
        if m is None or m.end() > len(self.line):
            return None
        return _Tok(name, m.group(), self.no, pos + 1)

    def skip_ws(self, pos: int) -> int:
        while pos < len(self.line) and self.line[pos] in _WS:
            pos += 1
        return pos

    def end_of_line(self, pos: int) -> None:
        """Only white space and a trailing comment may follow the statement."""
        if not self.line_ends(pos):
            raise _GiveUp

    def line_ends(self, pos: int) -> bool:
        """Whether only white space and a trailing comment (collected) follow pos."""
        pos = self.skip_ws(pos)
        if pos == len(self.line):
            return True
        if self.line[pos] != "#":
            return False
        raw = self.line[pos:]
        self.comments.append(Comment(text=raw.rstrip(), span=Span(self.no, pos + 1, self.no, pos + 1 + len(raw))))
        return True

    def keyword(self, block: str, pos: int) -> _Tok:
        found = [k for k in _ALLOWED[block] if self.t[k].match(self.line, pos)]
        if len(found) != 1:
            raise _GiveUp
        return self.tok(found[0], pos)

    def need(self, name: str, pos: int) -> _Tok:
        tok = self.tok(name, self.skip_ws(pos))
        if tok is None:
            raise _GiveUp
        return tok

    def brace_open(self, pos: int) -> None:
        pos = self.skip_ws(pos)
        if not self.line.startswith("{", pos):
            raise _GiveUp
        self.end_of_line(pos + 1)

    # -- lines ---------------------------------------------------------------------------
    def next_statement(self) -> int | None:
        """Advance to the next line holding a statement; its first column (0-based), or None
        at the end of the file.  Whole-line comments on the way are collected."""
        while self.no < len(self.lines):
            self.line = self.lines[self.no]
            self.no += 1
            body = self.line.lstrip(_WS)
            pos = len(self.line) - len(body)
            if not body:
                continue
            if body[0] != "#":
                return pos
            # line 1 has no line break before it: there the comment is a COMMENT token, which
            # keeps its trailing white space in its span; elsewhere it rides in the _NL token
            end = len(body) if self.no == 1 else len(body.rstrip())
            self.comments.append(Comment(text=body.rstrip(), span=Span(self.no, pos + 1, self.no, pos + 1 + end)))
        return None

    def block(self):
        """The first column of each statement inside an open block, until its closing '}'."""
        while True:
            pos = self.next_statement()
            if pos is None:
                raise _GiveUp
            if self.line.startswith("}", pos):
                self.close = _Tok("RBRACE", "}", self.no, pos + 1)
                self.end_of_line(pos + 1)
                return
            yield pos

    def document(self, head: tuple | None = None) -> Document:
        items = []
        if head is not None:  # the text's first lines, read before: (their count, items, comments)
            self.no, items, self.comments = head[0], list(head[1]), list(head[2])
        while (pos := self.next_statement()) is not None:
            kw = self.keyword("top", pos)
            items.append(self.project(kw) if kw.type == "PROJECT_KW" else self.simple(kw))
        return self.builder.start(items)

    def simple(self, kw: _Tok):
        """setting / field / funding: a keyword and a VALUE or an INDICATOR."""
        b = self.builder
        if kw.type == "SETTING_KW":
            if self.line_ends(kw.end_column - 1):  # the keyword alone
                return b.setting([kw])
            value = self.need("VALUE", kw.end_column - 1)
            self.end_of_line(value.end_column - 1)
            return b.setting([kw, value])
        pair = self.need("INDICATOR", kw.end_column - 1)
        self.end_of_line(pair.end_column - 1)
        return (b.field if kw.type == "FIELD_KW" else b.funding)([kw, pair])

    def project(self, kw: _Tok):
        name = self.need("VALUE", kw.end_column - 1)
        self.brace_open(name.end_column - 1)
        items = []
        for pos in self.block():
            inner = self.keyword("project", pos)
            items.append(self.goal(inner) if inner.type == "GOAL_KW" else self.simple(inner))
        return self.builder.project([kw, name, *items, self.close])

    def goal(self, kw: _Tok):
        head = [kw]
        pos = kw.end_column - 1
        number = self.tok("INT", self.skip_ws(pos))
        if number is not None:
            head.append(number)
            pos = number.end_column - 1
        same = self.tok("SAME_KW", self.skip_ws(pos))
        if same is not None:
            target = self.need("GOAL_KW", same.end_column - 1)
            tail = [same, target]
            target_no = self.tok("INT", self.skip_ws(target.end_column - 1))
            if target_no is not None:
                tail.append(target_no)
            self.end_of_line(tail[-1].end_column - 1)
            return self.builder.shared_goal(head + tail)
        text = self.tok("STRING", self.skip_ws(pos))
        if text is not None:
            head.append(text)
            pos = text.end_column - 1
        self.brace_open(pos)
        groups = [self.group(pos) for pos in self.block()]
        return self.builder.goal(head + groups + [self.close])

    def group(self, pos: int):
        m = _header(self.t["LEVEL"].pattern).match(self.line, pos)
        built = m is not None and self.quick_lines  # the Group made here, as Builder.group makes it
        if built:  # the common header, `产出 / 数量 {` and nothing after it
            no, c = self.no, m.start(3) + 1
            level1, level2 = m.group(1), m.group(3)
            head = _tuple(Span, (no, pos + 1, no, pos + 1 + len(level1)))  # one span, three places
            level2_span = _tuple(Span, (no, c, no, c + len(level2)))
        elif m is not None:
            no = self.no
            head = [
                _Tok("LEVEL", m.group(1), no, pos + 1),
                _Tok("SLASH", m.group(2), no, m.start(2) + 1),
                _Tok("LEVEL", m.group(3), no, m.start(3) + 1),
            ]
        else:
            head = [self.need("LEVEL", pos)]
            slash = self.tok("SLASH", self.skip_ws(head[0].end_column - 1))
            if slash is not None:
                head += [slash, self.need("LEVEL", slash.end_column - 1)]
            self.brace_open(head[-1].end_column - 1)
        indicators = []
        plain = self.t["INDICATOR"].match
        node = self.builder.plain
        one_attr = _one_attr().match if self.quick_attrs else None
        lines, count = self.lines, len(self.lines)
        whole = _plain_line().fullmatch if self.quick_lines else None
        close = None
        while close is None:
            if whole is not None:  # the common lines read here: `名称: 值` alone, a bare `}`
                no = self.no
                while no < count:
                    line = lines[no]
                    m = whole(line)
                    ind = None if m is None else self.quick(m, no + 1)
                    if ind is None:
                        if line.strip(_WS) == "}":
                            no += 1
                            c = line.index("}") + 1
                            close = _Tok("RBRACE", "}", no, c) if not built else _tuple(Span, (no, c, no, c + 1))
                        break
                    indicators.append(ind)
                    no += 1
                self.no = no
                if close is not None:
                    break
            pos = self.next_statement()
            if pos is None:
                raise _GiveUp
            if self.line.startswith("}", pos):
                close = _Tok("RBRACE", "}", self.no, pos + 1)
                self.end_of_line(pos + 1)
                if built:
                    close = _span(close)
                break
            m = plain(self.line, pos)
            if m is not None and m.end() == len(self.line):
                # the common line: `name: value` and nothing after it (the pattern stops only
                # at '#', '{' or '}', so reaching the end leaves no comment and no attributes)
                ind = node(m.group(), self.no, pos + 1)
                if ind is None:
                    ind = self.builder.indicator([_Tok("INDICATOR", m.group(), self.no, pos + 1)])
                indicators.append(ind)
                continue
            if m is not None and one_attr is not None:
                a = one_attr(self.line, m.end())
                ind = self.attributed(m.group(), pos, a) if a is not None else None
                if ind is not None:
                    indicators.append(ind)
                    continue
            pair = self.need("INDICATOR", pos)
            after = self.skip_ws(pair.end_column - 1)
            if self.line.startswith("{", after):
                indicators.append(self.builder.indicator([pair, self.attrs(after + 1)]))
            else:
                self.end_of_line(after)
                indicators.append(self.builder.indicator([pair]))
        if built:
            return _group(level1, level2, tuple(indicators), head, head, level2_span, close)
        return self.builder.group(head + indicators + [close])

    def quick(self, m: re.Match, no: int) -> Indicator | None:
        """The indicator of line no read whole by _plain_line (m), built as Builder.plain and
        attributed() build it; None when Builder.plain would not take it (a quoted value)."""
        rest = m.group(2)
        body = rest.lstrip(" \t\u3000")
        raw = body.rstrip(" \t\u3000")
        if raw.startswith('"'):
            return None
        c = m.start(1) + 1
        name = m.group(1).rstrip()
        v = m.start(2) + 1 + len(rest) - len(body)
        # the line's text ends where the value does, unless the value ends in other white space
        end = v + len(raw) if raw and not raw[-1].isspace() else len(m.string[: m.end(2)].rstrip()) + 1
        span = _tuple(Span, (no, c, no, end))
        name_span = _tuple(Span, (no, c, no, c + len(name)))
        value_span = _tuple(Span, (no, v, no, v + max(len(raw), 1)))
        if m.group(3) is None:
            return _indicator(name, raw, (), span, name_span, value_span, NO_SPAN)
        attr, close = _one_attribute(m, 3, no)
        return _indicator(name, raw, (attr,), span, name_span, value_span, close)

    def attributed(self, text: str, pos: int, a: re.Match) -> Indicator | None:
        """The common attributed line, `名称: 值 { 依据 行业标准 }` (text the plain indicator at
        pos, a _one_attr's match after it), built without tokens as attrs() and indicator()
        build it; None when the indicator is not Builder.plain's (tests/test_fastparse.py holds
        the two ways equal)."""
        attr, close = _one_attribute(a, 1, self.no)
        return self.builder.plain(text, self.no, pos + 1, (attr,), close)

    def attrs(self, pos: int) -> tuple:
        """{ 依据 计划标准; 分值 10 } on one line or several (';' or line breaks between)."""
        items = []
        while True:
            pos = self.skip_ws(pos)
            if self.line_ends(pos):
                pos = self.next_statement()
                if pos is None:
                    raise _GiveUp
                continue
            if self.line.startswith(";", pos):
                pos += 1
            elif self.line.startswith("}", pos):
                close = _Tok("RBRACE", "}", self.no, pos + 1)
                self.end_of_line(pos + 1)
                return self.builder.attrs([*items, close])
            else:
                kw = self.need("ATTR_KW", pos)
                value = self.tok("VALUE", self.skip_ws(kw.end_column - 1))
                items.append(self.builder.attr([kw, value] if value else [kw]))
                pos = (value or kw).end_column - 1
                follow = self.skip_ws(pos)
                if not (self.line.startswith((";", "}", "#"), follow) or follow == len(self.line)):
                    raise _GiveUp


def parse(text: str, head: int = 0) -> Document | None:
    """The document of a well-formed text (LF line ends, ending in a line break), or None
    when the LALR parser must look at it.

    head: text[:head] is a header of whole lines that the caller parses again and again in
    front of other texts (a big file's settings before each of its projects,
    perflang.api.compile_unit): what its lines were read as is kept, and the next text that
    starts with the same header is read from the line after it.  Only a header without a
    project is kept (every other top-level statement is a line of its own, read alone), so the
    document is the one read from the top (tests/test_fastparse.py holds the two equal)."""
    if "｛" in text or "｝" in text:
        return None  # the recovery reads full-width braces as braces, with a diagnostic
    scanner = _Scanner(text)
    known = _HEAD
    start = None
    if head and known[0] is not None and len(known[0]) == head and text.startswith(known[0]):
        start = known[1:]
    try:
        doc = scanner.document(start)
    except _GiveUp:
        return None
    if scanner.builder.diagnostics:
        return None
    if head and start is None and text[head - 1 : head] == "\n":
        _keep_head(text[:head], doc, scanner.comments)
    comments = tuple(sorted(scanner.comments, key=lambda c: (c.span.line, c.span.column)))
    return Document(items=doc.items, comments=comments)


# the last header kept: (its text, its lines, its items, its comments); one, as a file has one
_HEAD: tuple = (None, 0, (), ())


def _keep_head(header: str, doc: Document, comments: list[Comment]) -> None:
    global _HEAD
    lines = header.count("\n")
    items = tuple(i for i in doc.items if i.span.line <= lines)
    if any(isinstance(i, Project) for i in items):
        return
    _HEAD = (header, lines, items, tuple(c for c in comments if c.span.line <= lines))


def replace_line(doc: Document, no: int, line: str) -> Document | None:
    """The document of the same text with line `no` (1-based) now reading `line`, when the old
    line and the new one are both a plain indicator line (`名称: 值` and nothing after it, inside
    a group) and the old document came from a parse without diagnostics; None when this
    shortcut does not apply (parse the new text then).  The scanner reads a plain line the
    same way in any group, so every other node and comment stays as it was: the result is what
    parse() gives for the new text (tests/test_fastparse.py holds the two equal)."""
    if "｛" in line or "｝" in line or "\n" in line:
        return None
    body = line.lstrip(_WS)
    pos = len(line) - len(body)
    if not body or body[0] in "#}":
        return None
    m = _terminals()["INDICATOR"].match(line, pos)
    if m is None or m.end() != len(line):
        return None
    if any(c.span.line == no for c in doc.comments):  # the old line had a comment after it
        return None
    found = _indicator_at(doc, no)
    if found is None:
        return None
    builder = Builder()
    node = builder.indicator([_Tok("INDICATOR", m.group(), no, pos + 1)])
    if builder.diagnostics:
        return None
    (i, project), (j, goal), (k, group), (n, _) = found
    group = evolve(group, indicators=_put(group.indicators, n, node))
    goal = evolve(goal, groups=_put(goal.groups, k, group))
    project = evolve(project, items=_put(project.items, j, goal))
    return evolve(doc, items=_put(doc.items, i, project))


def _put(items: tuple, at: int, item) -> tuple:
    return items[:at] + (item,) + items[at + 1 :]


def _indicator_at(doc: Document, no: int):
    """((index, node) of the project, goal, group and indicator) of the indicator without
    attributes that is alone on line no, or None."""
    for i, project in enumerate(doc.items):
        if not isinstance(project, Project) or not project.span.line < no < project.end_span.line:
            continue
        for j, goal in enumerate(project.items):
            if not isinstance(goal, Goal) or not goal.span.line < no < goal.end_span.line:
                continue
            for k, group in enumerate(goal.groups):
                if not group.span.line < no < group.end_span.line:
                    continue
                for n, ind in enumerate(group.indicators):
                    if ind.span.line == no:
                        plain = isinstance(ind, Indicator) and not ind.attrs and ind.end_span == NO_SPAN
                        return ((i, project), (j, goal), (k, group), (n, ind)) if plain else None
                return None
            return None
        return None
    return None
