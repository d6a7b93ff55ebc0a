"""The syntax tree: frozen attrs values with source spans.

Spans are declared eq=False, so two trees compare equal when their structure is equal wherever
the text stood: parse(fmt(x)) == parse(x) is a one-line property.  Keywords keep the spelling the
file used (项目 or project) so the formatter can keep the file's language.
"""

from __future__ import annotations

from functools import cached_property

from attrs import evolve, field, fields, frozen, has

from ..source import NO_SPAN, Span, visible
from .keywords import GOAL_KINDS  # the one keyword table

__all__ = [
    "Comment",
    "Setting",
    "Field",
    "Attr",
    "Indicator",
    "Group",
    "Goal",
    "Project",
    "Document",
    "GOAL_KINDS",
    "without_invisible",
]


def _span():
    return field(default=NO_SPAN, eq=False, repr=False)


@frozen(kw_only=True)
class Comment:
    text: str  # with the leading '#'
    span: Span = _span()


@frozen(kw_only=True)
class Setting:
    """A keyed line: 申报单位 X, 预算 571, 默认依据 计划标准 … (key is canonical)."""

    key: str
    keyword: str = field(eq=False)
    value: str
    span: Span = _span()
    value_span: Span = _span()


@frozen(kw_only=True)
class Field:
    """字段 名称: 值 (kind 'field') or 资金 来源: 金额 (kind 'funding')."""

    kind: str
    keyword: str = field(eq=False)
    name: str
    value: str
    span: Span = _span()


@frozen(kw_only=True)
class Attr:
    """An indicator attribute: 依据, 分值, 解释, 上年值 (key is canonical)."""

    key: str
    keyword: str = field(eq=False)
    value: str
    span: Span = _span()
    value_span: Span = _span()


@frozen(kw_only=True)
class Indicator:
    name: str
    value: str
    attrs: tuple[Attr, ...] = ()
    span: Span = _span()
    name_span: Span = _span()
    value_span: Span = _span()
    end_span: Span = _span()  # the closing brace of the attributes `{ … }`, if any

    def attr(self, key: str) -> Attr | None:
        for a in self.attrs:
            if a.key == key:
                return a
        return None


@frozen(kw_only=True)
class Group:
    level1: str
    level2: str | None
    indicators: tuple[Indicator, ...] = ()
    span: Span = _span()
    level1_span: Span = _span()
    level2_span: Span = _span()
    end_span: Span = _span()  # the closing brace


@frozen(kw_only=True)
class Goal:
    kind: str  # "long-term" | "annual"
    keyword: str = field(eq=False)
    number: int | None = None
    text: str | None = None
    groups: tuple[Group, ...] = ()
    same_as: tuple[str, int | None] | None = None  # (kind, number) of the shared goal
    same_keyword: str = field(default="", eq=False)
    same_goal_keyword: str = field(default="", eq=False)
    span: Span = _span()
    end_span: Span = _span()  # the closing brace (a shared goal has none: its own line)


# A project's and a document's goals, settings, fields and projects are cached properties: the
# model and the rules ask for them a dozen times a project (they are not fields: equality, hashing,
# pickling and evolve() see items only, and an evolved node works them out afresh)


@frozen(kw_only=True)
class Project:
    name: str
    keyword: str = field(eq=False)
    items: tuple = ()  # Setting | Field | Goal, in file order
    span: Span = _span()
    name_span: Span = _span()
    end_span: Span = _span()  # the closing brace

    @cached_property
    def goals(self) -> tuple[Goal, ...]:
        return tuple(i for i in self.items if isinstance(i, Goal))

    @cached_property
    def settings(self) -> tuple[Setting, ...]:
        return tuple(i for i in self.items if isinstance(i, Setting))

    @cached_property
    def fields(self) -> tuple[Field, ...]:
        return tuple(i for i in self.items if isinstance(i, Field))


@frozen(kw_only=True)
class Document:
    items: tuple = ()  # Setting | Field | Project, in file order
    comments: tuple[Comment, ...] = field(default=(), eq=False)

    @cached_property
    def projects(self) -> tuple[Project, ...]:
        return tuple(i for i in self.items if isinstance(i, Project))

    @cached_property
    def settings(self) -> tuple[Setting, ...]:
        return tuple(i for i in self.items if isinstance(i, Setting))


def without_invisible(node, comments: bool = False):
    """The syntax tree with the invisible characters (source.INVISIBLE: bidi controls,
    zero-width ones) removed from every name and value, and with comments from the comments
    too (spans stay those of the text).  The checker reads names and values so (PF009 says they
    are removed); `perflang fmt` writes the file so, comments included, so that a formatted
    file has nothing left for PF009."""
    if isinstance(node, str):
        return visible(node)
    if isinstance(node, tuple):
        items = tuple(without_invisible(x, comments) for x in node)
        return node if all(a is b for a, b in zip(items, node)) else items
    if not has(type(node)) or (isinstance(node, Comment) and not comments):
        return node
    changes = {}
    for f in fields(type(node)):
        value = getattr(node, f.name)
        if isinstance(value, str | tuple) or has(type(value)):
            new = without_invisible(value, comments)
            if new is not value:
                changes[f.name] = new
    return evolve(node, **changes) if changes else node
