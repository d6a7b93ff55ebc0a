"""The TSV backend: the form's text export (tab-separated cells, merged cells left blank, title
and page lines on their own lines).  For the 批复表 this is the seed's layout (title /
申报单位 / 金额单位 on lines of their own), so that `perflang import` reads it back into the same
document.  The grid is perflang/backends/sheet.py's, shared with the xlsx backend."""

from __future__ import annotations

import re

from ..model import Model
from .sheet import Grid, grids

__all__ = ["render", "grids", "Grid", "WIDTH", "neutral", "stream_renderer", "stream_chunks"]

WIDTH = 6  # the 批复表: 目标名称 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据 (Grid.width per form)


# a cell Excel or LibreOffice would run as a formula (or a DDE link) when the export is opened:
# it starts like a formula and holds what a function call or a DDE link needs.  The forms write
# comparisons such as "=33人" and "-5%" into cells as a matter of course; those call nothing
# and stay as the form has them (perflang import reads the export back).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_ACTIVE = re.compile(r"[(|!]")


def neutral(text: str) -> str:
    """A cell as the text export writes it: one that starts like a formula (=, +, -, @) and
    could call a function or a DDE link (holds '(', '|' or '!') gets a leading apostrophe, as
    OWASP recommends against CSV/formula injection, so a spreadsheet shows it as text."""
    if text.startswith(_FORMULA_START) and _ACTIVE.search(text):
        return "'" + text
    return text


def render(model: Model, form=None) -> str:
    """The text export of every project, one after the other."""
    lines = ["\t".join(map(neutral, row)) for _, grid in grids(model, form) for row in grid.rows]
    return "\n".join(lines) + "\n"


# -- a file read project by project (perflang/workspace/stream.py) -------------------------------


def stream_renderer(first: Model, form=None):
    """Each project's text, made where it is compiled: its model takes the settings the file's
    first model has and the other projects are compiled without (申报单位, 年度, 表样: the
    title lines read them)."""
    from functools import partial

    return partial(_piece, unit=first.unit, year=first.year, form_setting=first.form, form=form)


def _piece(model: Model, delta: int, unit, year, form_setting, form) -> bytes:
    from attrs import evolve

    return render(evolve(model, unit=unit, year=year, form=form_setting), form).encode("utf-8")


def stream_chunks(first: Model, pieces, form=None):
    """The export: every project's text, one after the other (render writes each project's
    lines followed by a line break)."""
    return pieces
