"""The TSV backend: the form's text export (tab-separated cells, merged cells left blank, title
and page lines on their own lines).  For the 批复表 this is the seed's layout (title /
申报单位 / 金额单位 on lines of their own), so that `perflang import` reads it back into the same
document.  The grid is perflang/backends/sheet.py's, shared with the xlsx backend."""

from __future__ import annotations

import re

from ..model import Model
from .sheet import Grid, grids

__all__ = ["render", "grids", "Grid", "WIDTH", "neutral"]

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
