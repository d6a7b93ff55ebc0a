"""Table sources as rows of cell strings: text (tab-separated, ` | ` pipes, or one cell per
line as copying from a PDF or a web page gives), HTML tables, .xlsx workbooks.

Every reader gives the same thing: rows of cells in which a merged cell keeps its text in its
top-left slot only (the convention of the form's text export).  A reader of another format
(Word) makes a `Grid` (cells and merged ranges) and calls `grid_rows`: the form reader behind
it is the same.  openpyxl blanks the other cells of a merged range on load, also when a program
saved the text in every one of them; not in read-only mode, which is therefore not used.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal
from pathlib import Path

from attrs import frozen

from ..decimals import decimal_text
from ..errors import PerflangError
from ..source import lf
from .document import SourceRow  # a row as the readers give it (defined there: no import cycle)

__all__ = [
    "SourceRow",
    "Grid",
    "grid_rows",
    "text_rows",
    "xlsx_rows",
    "MissingDependency",
    "Refused",
    "text_layout",
]


_MONEY_FORMAT = re.compile(r"#,##0(?:\.(0{1,6}))?")


class Refused(PerflangError):
    """A file that is not imported: it cannot be read (PF927-PF932), is beyond a limit (a
    workbook, a Word document, a web page too large, docs/import.md "Limits") or unsafe, or
    needs a missing extra (PF923, exit 2): a catalog code and its args, as every error."""

    exit_code = 1

    def text(self, lang: str) -> str:
        """The message and its hint, as `perflang import` prints them."""
        from ..diagnostics import Diagnostic

        d = Diagnostic(code=self.code, args=self.fields)
        hint = d.hint(lang)
        return f"[{self.code}] {d.message(lang)}" + (
            f"（{hint}）" if hint and lang != "en" else f" ({hint})" if hint else ""
        )


class MissingDependency(Refused):
    """openpyxl is not installed (the `xlsx` extra): PF923, exit 2."""

    exit_code = 2

    def __init__(self) -> None:
        from ..errors import install_command
        from ..messages import phrase

        super().__init__("PF923", what=phrase("what.xlsx_in"), package="openpyxl", install=install_command("xlsx"))


def _clean(cell: str) -> str:
    return cell.replace("\r", "").strip(" \t\u3000\xa0")


def _trim(cells: list[str]) -> tuple[str, ...]:
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


@frozen
class Grid:
    """One table of a document: its rows of cell texts (a merged cell's text in every slot it
    covers, or in its first slot only), the merged ranges (first row, first column, last row,
    last column; 0-based), and how a row is named in notes (`表2` -> `表2第3行`)."""

    cells: tuple[tuple[str, ...], ...]
    merges: tuple[tuple[int, int, int, int], ...] = ()
    name: str = ""


def grid_rows(grid: Grid) -> list[SourceRow]:
    """A grid as the form reader's rows: the slots a merged range covers beyond its first are
    blank, as in the text export."""
    covered = {
        (r, c)
        for r0, c0, r1, c1 in grid.merges
        for r in range(r0, r1 + 1)
        for c in range(c0, c1 + 1)
        if (r, c) != (r0, c0)
    }
    return [
        SourceRow(
            _trim([("" if (r, c) in covered else _clean(t)) for c, t in enumerate(row)]), f"{grid.name}第{r + 1}行"
        )
        for r, row in enumerate(grid.cells)
    ]


_PIPE = re.compile(r"\s+[|｜]\s+|\s*[|｜]\s*$|^\s*[|｜]\s*")


_WORDS = re.compile(r"[\s\u3000\xa0]+")


def _space_header(line: str) -> bool:
    """A line whose words between spaces hold a table's column header (一级指标 二级指标 …)."""
    from .infer import column_role
    from .tables import header_layout

    words = [w for w in _WORDS.split(line.strip()) if w]
    for k in range(len(words)):
        run = []
        for w in words[k:]:
            if column_role(w) is None:
                break
            run.append(w)
        if len(run) >= 3 and header_layout(run) is not None:
            return True
    return False


def text_layout(text: str) -> str:
    """How pasted text separates its cells: "tab", "pipe" (` | `), "space" (cells between
    spaces: a column header's words stand on one line) or "line" (one cell a line)."""
    lines = [x for x in text.split("\n") if x.strip()]
    if any("\t" in x for x in lines):
        return "tab"
    inner = sum(1 for x in lines if re.search(r"\S\s*[|｜]\s*\S", x))
    if inner * 4 >= len(lines) > 0:
        return "pipe"
    if any(_space_header(x) for x in lines if _WORDS.search(x.strip())):
        return "space"
    return "line"  # also `cell |` a line, as some pages store a table


def _pipe_cells(line: str) -> list[str]:
    """`a | b | c`; a line framed by pipes (`| a | b |`, as Markdown writes) loses the frame,
    while ` | b` keeps its empty first cell (a merged cell)."""
    framed = re.match(r"^\s*[|｜].*[|｜]\s*$", line)
    body = re.sub(r"^\s*[|｜]|[|｜]\s*$", "", line) if framed else line
    return re.split(r"\s*[|｜]\s*", body) if re.search("[|｜]", body) else [body]


def text_rows(text: str) -> list[SourceRow]:
    """The rows of pasted text (line numbers from 1): cells between tabs or ` | ` pipes; text
    with neither has one cell a line, and the rows are put back together from the labels and
    the indicator names (see `regroup`)."""
    lines = lf(text).split("\n")
    layout = text_layout(text)
    if layout in ("line", "space"):
        from .regroup import regroup

        return regroup(list(_tokens(lines, layout == "space")))
    split = (lambda x: x.split("\t")) if layout == "tab" else _pipe_cells
    return [SourceRow(_trim([_clean(c) for c in split(line)]), f"第{n}行") for n, line in enumerate(lines, 1)]


def _tokens(lines: list[str], words: bool):
    """The cells of a stream: one a line (`cell |` too; a lone `|`, a line of spaces: an empty
    cell the copy kept; `||||`: as many), or the words of each line between spaces."""
    from .regroup import Token

    for n, line in enumerate(lines, 1):
        where = f"第{n}行"
        if not line:
            yield Token("", where, blank=True)
            continue
        if words and line.strip():
            for k, w in enumerate(w for w in _WORDS.split(line.strip()) if w):
                yield Token(_clean(w), where, start=k == 0)
            continue
        bare = line.strip(" \t\u3000\xa0")
        if bare and set(bare) <= set("|｜"):
            for _ in range(len(bare)):
                yield Token("", where)
            continue
        cell = _clean(re.sub(r"^\s*[|｜]|[|｜]\s*$", "", line))
        yield Token(cell, where)  # a line of spaces: an empty cell


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
        cells = [
            cell_text(cell.value if cell.value is not None else fcell.value, cell.number_format or "General")
            for cell, fcell in zip(row, frow)
        ]
        rows.append(SourceRow(_trim(cells), f"工作表“{ws.title}”第{r}行"))
    return rows


def xlsx_rows(path: str | Path) -> list[SourceRow]:
    """The rows of every sheet of a workbook, sheet after sheet (a blank row between)."""
    try:
        from openpyxl import load_workbook
    except ImportError as exc:  # the optional extra is missing
        raise MissingDependency() from exc
    values, formulas = load_workbook(path, data_only=True), load_workbook(path)
    rows: list[SourceRow] = []
    for ws, fws in zip(values.worksheets, formulas.worksheets):
        rows.extend(_sheet_rows(ws, fws))
        rows.append(SourceRow((), f"工作表“{ws.title}”末尾"))
    return rows
