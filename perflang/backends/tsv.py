"""The TSV backend: the form's text export (tab-separated cells, merged cells left blank, title
and page lines on their own lines).  For the 批复表 this is the seed's layout (title /
申报单位 / 金额单位 on lines of their own), so that `perflang import` reads it back into the same
document.  The grid is perflang/backends/sheet.py's, shared with the xlsx backend."""

from __future__ import annotations

from ..model import Model
from .sheet import Grid, grids

__all__ = ["render", "grids", "Grid", "WIDTH"]

WIDTH = 6  # the 批复表: 目标名称 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值确定依据 (Grid.width per form)


def render(model: Model, form=None) -> str:
    """The text export of every project, one after the other."""
    lines = ["\t".join(row) for _, grid in grids(model, form) for row in grid.rows]
    return "\n".join(lines) + "\n"
