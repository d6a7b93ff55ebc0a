"""The HTML backend: the printable target table on its form (批复表, 申报表, 目标表 or a form file).

One standalone HTML5 page (inline CSS, no scripts, nothing fetched), one sheet per project in
file order, laid out cell for cell like the official form.  All layout decisions (which cells
merge, what each cell says) are made in perflang/backends/sheet.py from the form description
in perflang/forms.py; the template only prints plain rows.
"""

from __future__ import annotations

from ..forms import fill
from ..model import Model
from .markup import environment
from .sheet import budget_text, form_of, pages, paginate, table_rows

__all__ = ["render", "pages", "table_rows", "budget_text", "form_of", "stream_renderer", "stream_chunks"]


def render(model: Model, form=None) -> str:
    """The standalone HTML page of the file's form (or the one asked for)."""
    chosen = form_of(model, form)
    return _template().render(
        page_title=_title(model, chosen), sheets=[paginate(p) for p in pages(model, chosen)], form=chosen
    )


def _title(model: Model, chosen) -> str:
    title = fill(chosen.title, {"申报单位": model.unit or ""}, model.year)
    return f"{model.unit} {title}" if model.unit else title


def _template():
    return environment().get_template("approval.html.j2")


# -- a file read project by project (perflang/workspace/stream.py) -------------------------------


def stream_renderer(first: Model, form=None):
    """Each project's sheet, laid out and paginated where it is compiled; its model takes the
    settings the other projects are compiled without (申报单位, 年度, 表样) from the file's first."""
    from functools import partial

    return partial(_sheet, chosen=form_of(first, form), unit=first.unit, year=first.year, form_setting=first.form)


def _sheet(model: Model, delta: int, chosen, unit, year, form_setting):
    from attrs import evolve

    model = evolve(model, unit=unit, year=year, form=form_setting)
    (sheet,) = (paginate(p) for p in pages(model, chosen))
    return sheet


def stream_chunks(first: Model, pieces, form=None):
    """The page, printed sheet by sheet as the sheets come (the template's text as render's)."""
    chosen = form_of(first, form)
    return _template().generate(page_title=_title(first, chosen), sheets=pieces, form=chosen)
