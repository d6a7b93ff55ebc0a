"""The formatter: one canonical layout for .perf files, every comment kept in place.

Layout: 2-space indentation, one blank line between projects (and between the settings and the
first project), values aligned by display width inside each 一级/二级 block, keywords spelled
as the file spelled them, names and values quoted only when they must be.  Comments are placed
by source line: a comment alone on its line goes before the line that followed it, a trailing
comment stays on the end of its line.  The `perflang fmt` command is perflang/cli/fmt.py's.
"""

from __future__ import annotations

import bisect
import re

from attrs import frozen

from ..diagnostics import has_errors
from ..source import _INVISIBLE, display_width
from .builder import loose_colons, quote
from .keywords import EMPTY_ALLOWED
from .nodes import Document, Field, Goal, Group, Indicator, Project, Setting, without_invisible
from .parser import parse

__all__ = ["format_document", "format_lines", "format_text", "value_text", "name_text", "pair_value_text"]

INDENT = "  "
_VALUE_BARE = re.compile(r'[^\s#{};"][^\n#{};]*')
_NAME_BARE = re.compile(r'[^\s"#{}:：;][^\n#{}:：]*')
_PAIR_VALUE_FORBIDDEN = re.compile(r"[\n#{}]")


def value_text(text: str) -> str:
    """A setting value, project name or attribute value, quoted only when it must be."""
    if _VALUE_BARE.fullmatch(text) and text == text.rstrip():
        return text
    return quote(text)


def name_text(text: str) -> str:
    """An indicator or field name (before the colon), quoted only when it must be."""
    if _NAME_BARE.fullmatch(text) and text == text.rstrip():
        return text
    return quote(text)


def pair_value_text(text: str) -> str:
    """An indicator or field value (after the colon), quoted only when it must be."""
    if (
        _PAIR_VALUE_FORBIDDEN.search(text)
        or text.startswith('"')
        or loose_colons(text)
        or text != text.strip(" \t\u3000")
    ):
        return quote(text)
    return text


def block_ends(doc: Document) -> dict[int, int]:
    """Line of each block's '{' -> line of its '}' (at most one block opens on a line): from
    the end spans the parser gives every project, goal and group."""
    ends: dict[int, int] = {}
    for item in doc.items:
        if isinstance(item, Project):
            ends[item.span.line] = item.end_span.line
            for goal in item.goals:
                if goal.same_as is None:
                    ends[goal.span.line] = goal.end_span.line
                for group in goal.groups:
                    ends[group.span.line] = group.end_span.line
                    for ind in group.indicators:
                        if ind.attrs:
                            ends[ind.span.line] = ind.end_span.line
    return ends


@frozen
class Line:
    text: str
    depth: int
    anchor: int | None  # the source line this output line stands for
    inner: bool = False  # a block's closing brace: comments before it sit one level deeper


class _Layout:
    """Lays the nodes out as lines, each tagged with the source line it came from."""

    def __init__(self, ends: dict[int, int], comment_lines: set[int]):
        self.lines: list[Line] = []
        self.ends = ends
        self.comment_lines = comment_lines
        self._used: set[int] = set()

    def emit(self, depth: int, text: str, anchor: int | None, inner: bool = False) -> None:
        if anchor in self._used:
            anchor = None
        elif anchor is not None:
            self._used.add(anchor)
        self.lines.append(Line(text, depth, anchor, inner))

    def blank(self) -> None:
        self.lines.append(Line("", 0, None))

    def close(self, depth: int, open_line: int) -> None:
        self.emit(depth, "}", self.ends.get(open_line), inner=True)

    def document(self, doc: Document, first: int = 1, last: int | None = None) -> None:
        prev = None
        for item in doc.items:
            if item.span.line < first or (last is not None and item.span.line > last):
                continue
            if prev is not None and (isinstance(item, Project) or isinstance(prev, Project)):
                self.blank()
            self.item(item, 0)
            prev = item

    def item(self, item, depth: int) -> None:
        if isinstance(item, Setting):
            alone = item.value == "" and item.key in EMPTY_ALLOWED  # 主管部门 left empty
            self.emit(depth, item.keyword if alone else f"{item.keyword} {value_text(item.value)}", item.span.line)
        elif isinstance(item, Field):
            self.emit(depth, f"{item.keyword} {_pair(item.name, item.value, 0)}", item.span.line)
        elif isinstance(item, Project):
            self.project(item, depth)
        elif isinstance(item, Goal):
            self.goal(item, depth)

    def project(self, p: Project, depth: int) -> None:
        self.emit(depth, f"{p.keyword} {value_text(p.name)} {{", p.span.line)
        prev = None
        for item in p.items:
            is_block = isinstance(item, Goal) and item.same_as is None
            if prev is not None and (is_block or (isinstance(prev, Goal) and not isinstance(item, Goal))):
                self.blank()
            self.item(item, depth + 1)
            prev = item
        self.close(depth, p.span.line)

    def goal(self, g: Goal, depth: int) -> None:
        head = g.keyword + ("" if g.number is None else f" {g.number}")
        if g.same_as is not None:
            target = g.same_goal_keyword + ("" if g.same_as[1] is None else f" {g.same_as[1]}")
            self.emit(depth, f"{head} {g.same_keyword} {target}", g.span.line)
            return
        text = "" if g.text is None else f" {quote(g.text)}"
        self.emit(depth, f"{head}{text} {{", g.span.line)
        for group in g.groups:
            self.group(group, depth + 1)
        self.close(depth, g.span.line)

    def group(self, group: Group, depth: int) -> None:
        head = group.level1 + ("" if group.level2 is None else f" / {group.level2}")
        self.emit(depth, f"{head} {{", group.span.line)
        column = max((display_width(name_text(i.name)) + 2 for i in group.indicators), default=0)
        for ind in group.indicators:
            self.indicator(ind, depth + 1, column)
        self.close(depth, group.span.line)

    def indicator(self, ind: Indicator, depth: int, column: int) -> None:
        line = _pair(ind.name, ind.value, column)
        if not ind.attrs:
            self.emit(depth, line, ind.span.line)
            return
        end = self.ends.get(ind.span.line, ind.span.line)
        if not any(ind.span.line < c <= end for c in self.comment_lines):
            inline = "; ".join(_attr(a) for a in ind.attrs)
            self.emit(depth, f"{line} {{ {inline} }}", ind.span.line)
            return
        self.emit(depth, f"{line} {{", ind.span.line)
        for a in ind.attrs:
            self.emit(depth + 1, _attr(a), a.span.line)
        self.close(depth, ind.span.line)


def _pair(name: str, value: str, column: int) -> str:
    head = name_text(name) + ":"
    if not value:
        return head
    pad = max(1, column - display_width(head))
    return head + " " * pad + pair_value_text(value)


def _attr(a) -> str:
    return a.keyword if a.value == "" else f"{a.keyword} {value_text(a.value)}"


def _is_blank(source_lines: list[str], line: int) -> bool:
    return 1 <= line <= len(source_lines) and not source_lines[line - 1].strip()


def _place_comments(lines: list[Line], comments, source_lines: list[str]) -> list[str]:
    """Put every comment back: trailing ones on their line, whole-line ones before the line
    that followed them (or at the end of the file)."""
    first = {ln.anchor: k for k, ln in enumerate(lines) if ln.anchor is not None}
    anchors = sorted(first)
    trailing: dict[int, str] = {}
    leading: dict[int, list] = {}
    tail: list = []
    for c in comments:
        before = source_lines[c.span.line - 1][: c.span.column - 1] if c.span.line <= len(source_lines) else ""
        if before.strip() and c.span.line in first:
            trailing[first[c.span.line]] = c.text
            continue
        k = bisect.bisect_right(anchors, c.span.line)
        (leading.setdefault(first[anchors[k]], []) if k < len(anchors) else tail).append(c)
    out: list[str] = []
    for k, ln in enumerate(lines):
        depth = ln.depth + 1 if ln.inner else ln.depth
        for c in leading.get(k, ()):
            out.append(INDENT * depth + c.text)
            if _is_blank(source_lines, c.span.line + 1):
                out.append("")
        text = INDENT * ln.depth + ln.text if ln.text else ""
        out.append(text + ("  " + trailing[k] if k in trailing else ""))
    for c in tail:
        if out and _is_blank(source_lines, c.span.line - 1):
            out.append("")
        out.append(c.text)
    return out


def format_document(doc: Document, text: str) -> str:
    """The canonical text of a document parsed from `text` (its comments included)."""
    out = format_lines(doc, text)
    return "\n".join(out) + "\n" if out else ""


def format_lines(doc: Document, text: str, first: int = 1, last: int | None = None) -> list[str]:
    """The canonical lines of the top-level items (and the comments) of a document parsed
    from `text` that start on its lines first..last: a project's lines alone, as the whole
    document's canonical text holds them (one blank line stands between a project and what
    comes before and after it).  The language server formats a big file project by project so."""
    source_lines = text.split("\n")
    comments = doc.comments
    if first > 1 or last is not None:
        end = len(source_lines) if last is None else last
        comments = [c for c in comments if first <= c.span.line <= end]
    layout = _Layout(block_ends(doc), {c.span.line for c in doc.comments})
    layout.document(doc, first, last)
    return _place_comments(layout.lines, comments, source_lines)


def format_text(text: str):
    """(canonical text, diagnostics); the text is None when the file has syntax errors.  The
    invisible characters PF009 warns of (bidi controls, zero-width ones) are left out, of
    comments too: a formatted file has none left for PF009 to report."""
    doc, diags = parse(text)
    if doc is None or has_errors(diags):
        return None, diags
    if _INVISIBLE.search(text):
        doc = without_invisible(doc, comments=True)
    return format_document(doc, text), diags
