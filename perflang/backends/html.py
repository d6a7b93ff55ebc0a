"""The HTML backend: the printable target table on its form (批复表, 申报表, 目标表 or a form file).

One standalone HTML5 page (inline CSS, no scripts, nothing fetched), one sheet per project in
file order, laid out cell for cell like the official form.  All layout decisions (which cells
merge, what each cell says) are made in perflang/backends/sheet.py from the form description
in perflang/forms.py; the template only prints plain rows.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..forms import fill
from ..model import Model
from .sheet import budget_text, form_of, pages, paginate, table_rows

__all__ = ["render", "pages", "environment", "table_rows", "budget_text", "form_of"]


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one jinja2 environment for every HTML table (autoescape on for every template name:
    select_autoescape would not cover *.html.j2)."""
    env = Environment(
        loader=PackageLoader("perflang", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tokens"] = tokens
    return env


# A number with its signs and units (≥2.3万个, 100%, 1600元/亩, 2023.07-2024.01): the digits,
# the signs around them and up to four CJK unit characters right after them.
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


def render(model: Model, form=None) -> str:
    """The standalone HTML page of the file's form (or the one asked for)."""
    chosen = form_of(model, form)
    sheets = [paginate(p) for p in pages(model, chosen)]
    title = fill(chosen.title, {"申报单位": model.unit or ""}, model.year)
    page_title = f"{model.unit} {title}" if model.unit else title
    template = environment().get_template("approval.html.j2")
    return template.render(page_title=page_title, sheets=sheets, form=chosen)
