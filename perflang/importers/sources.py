"""Table sources as rows of cell strings: the tab-separated text export and .xlsx workbooks.

Merged cells are blank in both, as in the text export: only the top-left cell of a merged range
keeps its text (openpyxl blanks the other cells of a range on load, also when a program saved
the text in every one of them; not in read-only mode, which is therefore not used).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from pathlib import Path

import re

from attrs import frozen

from ..decimals import decimal_text

__all__ = ["SourceRow", "text_rows", "xlsx_rows", "MissingDependency"]


_MONEY_FORMAT = re.compile(r"#,##0(?:\.(0{1,6}))?")


class MissingDependency(Exception):
    """openpyxl is not installed (the `xlsx` extra)."""


@frozen
class SourceRow:
    cells: tuple[str, ...]
    where: str  # 第12行 / 工作表“政务服务工作”第12行


def _clean(cell: str) -> str:
    return cell.replace("\r", "").strip(" \t\u3000\xa0")


def _trim(cells: list[str]) -> tuple[str, ...]:
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


def text_rows(text: str) -> list[SourceRow]:
    """The rows of a tab-separated text export (line numbers from 1)."""
    lines = text.replace("\r\n", "\n").split("\n")
    return [SourceRow(_trim([_clean(c) for c in line.split("\t")]), f"第{n}行")
            for n, line in enumerate(lines, 1)]


def cell_text(value, number_format: str = "General") -> str:
    """A cell's value as the text a person sees: exact decimals, percentages kept as such."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
        if "%" in number_format:
            return decimal_text(number * 100) + "%"
        money = _MONEY_FORMAT.fullmatch(number_format)
        if money:  # the money format perflang writes: the decimals as written (3.50 stays 3.50)
            return format(number.quantize(Decimal(1).scaleb(-len(money.group(1) or ""))), "f")
        return decimal_text(number)
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    return _clean(str(value))


def _sheet_rows(ws, formulas) -> list[SourceRow]:
    """A sheet's rows; a formula cell without a saved result shows its formula text (a value
    such as =33人 that a program stored as a formula is not lost)."""
    rows = []
    for r, (row, frow) in enumerate(zip(ws.iter_rows(), formulas.iter_rows()), 1):
        cells = [cell_text(cell.value if cell.value is not None else fcell.value,
                           cell.number_format or "General") for cell, fcell in zip(row, frow)]
        rows.append(SourceRow(_trim(cells), f"工作表“{ws.title}”第{r}行"))
    return rows


def xlsx_rows(path: str | Path) -> list[SourceRow]:
    """The rows of every sheet of a workbook, sheet after sheet (a blank row between)."""
    try:
        from openpyxl import load_workbook
    except ImportError as exc:  # the optional extra is missing
        raise MissingDependency(str(exc)) from exc
    values, formulas = load_workbook(path, data_only=True), load_workbook(path)
    rows: list[SourceRow] = []
    for ws, fws in zip(values.worksheets, formulas.worksheets):
        rows.extend(_sheet_rows(ws, fws))
        rows.append(SourceRow((), f"工作表“{ws.title}”末尾"))
    return rows
