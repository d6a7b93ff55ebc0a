"""The one jinja2 environment every HTML page is printed through (the 批复表 of
perflang/backends/html.py and the 自评表 of perflang/backends/evalreport.py), and the filters its
templates use to keep a value whole on a line.

autoescape is on for every template name (select_autoescape would not cover *.html.j2) and an
undefined name is an error (StrictUndefined).
"""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

__all__ = ["environment", "tokens", "figures", "label", "TOKEN", "LEVEL_SUFFIX"]


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one jinja2 environment (perflang/templates/)."""
    env = Environment(
        loader=PackageLoader("perflang", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tokens"] = tokens
    env.filters["figures"] = figures
    env.filters["label"] = label
    return env


# -- the 批复表: a number with its signs and units (≥2.3万个, 100%, 1600元/亩, 2023.07-2024.01):
# the digits, the signs around them and up to four CJK unit characters right after them.
_TOKEN = re.compile(
    r"[^\s\u3000-\u303f\u4e00-\u9fff\uff0c\uff1b]*\d[^\s\u3000-\u303f\u4e00-\u9fff\uff0c\uff1b]*"
    r"(?:[\u4e00-\u9fff]{1,4}(?:/[\u4e00-\u9fff]{1,2})?(?=$|[\s，,；;、）)]))?"
)
_SOFT = re.compile(r"(?<=[-~～/])")  # a long range may still break after its dash or slash


def tokens(text: str) -> Markup:
    """The text, escaped, with every number-and-unit token in a no-break span: a value is never
    broken inside 2.3万个, only between tokens (or after the dash of a long range)."""
    out, last = [], 0
    for m in _TOKEN.finditer(text):
        out.append(escape(text[last : m.start()]))
        parts = [p for p in _SOFT.split(m.group()) if p] if len(m.group()) > 10 else [m.group()]
        out.append(Markup("").join(Markup('<span class="nb">%s</span>') % p for p in parts))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


# -- the 自评表: tokens a line must never break inside: a number with its comparator
# (≥1346.008, 98.07%) and the unit after it (万平方米, 元/亩); a line may break between the number
# and its unit, never inside either (no `1346.008/8万平方/米`).  The office layout
# (perflang/backends/selfeval.py) breaks a figure where this allows.
TOKEN = re.compile(
    r"(?P<num>[≥≤＞＜＝<>=]?[+-]?\d[\d,.]*(?:\s*[%％‰])?)"
    r"(?P<unit>[A-Za-z㎡㎥]+(?:/[A-Za-z\u4e00-\u9fff]{1,2})?"
    r"|[\u4e00-\u9fff]{1,4}(?:/[\u4e00-\u9fff]{1,2})?)?"
)
NOWRAP_LABEL = 4  # a level name's head up to this many characters is kept on one line
# the suffix of a level name kept whole (社会效益 | 指标): the cell may break only between them
LEVEL_SUFFIX = re.compile(r"(指标)$")


def figures(text) -> Markup:
    """Escaped text with every number-and-unit token kept on one line (no `1346.008/8万平方/米`)."""
    text = "" if text is None else str(text)
    out, last = [], 0
    for m in TOKEN.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(_nb(m.group("num")))
        if m.group("unit"):
            out.append(Markup("<wbr>") + _nb(m.group("unit")))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def _nb(text: str) -> Markup:
    return Markup('<span class="nb">') + escape(text) + Markup("</span>")


def label(text) -> Markup:
    """A level name (一级/二级) that breaks, if it must, before its 指标 (社会效益|指标), and
    inside a longer head only between characters (服务对象满意度|指标)."""
    text = "" if text is None else str(text)
    m = LEVEL_SUFFIX.search(text)
    if not m or m.start() == 0:
        return _nb(text) if len(text) <= NOWRAP_LABEL else escape(text)
    head = text[: m.start()]
    shown = _nb(head) if len(head) <= NOWRAP_LABEL else escape(head)
    return shown + Markup("<wbr>") + _nb(m.group(1))
