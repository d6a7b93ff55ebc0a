"""The tables of tests/fixtures/ as a grid of cells, written again in the other forms a user
brings them in (pipes, one cell a line, an HTML page with blank or merged cells, an .xlsx, a
.docx), and the rows a reader sees in them.  Read here, sharing no code with the importer.

`source_rows` is the reading of a tab transcription a careful human makes: the indicator table
under its `一级指标 | 二级指标 | 三级指标 | 指标值` header, the merged 一级 and 二级 filled down, a
form's empty template slots (指标2, ……) left out.  `meaning` compares rows by what they say: a
二级 that belongs to one 一级 only tells its 一级 (domain.md §2).
"""

from __future__ import annotations

import html as _html
import re
from pathlib import Path

import realrows

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL = FIXTURES / "real"

# domain.md §2: the 一级 each 二级 belongs to (成本指标 as a 二级 belongs to 产出)
OWNER = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济成本指标": "成本指标",
    "社会成本指标": "成本指标",
    "生态环境成本指标": "成本指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
}


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


def meaning(level1: str, level2: str, name: str, value: str) -> tuple[str, str, str, str]:
    l2 = realrows.level2(level2)
    l1 = OWNER.get(l2) if l2 != "成本指标" else None
    return (l1 or realrows.level1(level1), l2, _bare(name), _bare(value))


# -- grids ------------------------------------------------------------------------------------


def grid(text: str) -> list[list[str]]:
    """The cells of a tab transcription, a line a row."""
    return [line.split("\t") for line in text.split("\n")]


_AFTER = ("注", "合计", "总分", "说明", "财政部门", "填表人", "评价结论", "存在问题", "其他")
_SLOT = re.compile(r"^(?:指标\d+[:：]?|…+|\.{2,})$")
_POINTS = re.compile(r"[(（]\s*\d+(?:\.\d+)?(?:\s*[-~～]\s*\d+)?\s*分?\s*[)）]\s*分?$")


def header_index(rows: list[list[str]]) -> int:
    return next(
        k
        for k, r in enumerate(rows)
        if any(_bare(c) == "一级指标" for c in r) and any(_bare(c).startswith("二级指标") for c in r)
    )


def table_end(rows: list[list[str]], start: int) -> int:
    """Where the indicator table under the header at start ends (the lines under it start)."""
    for k in range(start + 1, len(rows)):
        filled = [x.strip() for x in rows[k] if x.strip()]
        if filled and (filled[0].startswith(_AFTER) or len(filled) == 1 and len(filled[0]) > 20):
            return k
    return len(rows)


def columns(head: list[str]) -> dict[str, int | None]:
    """The 一级, 二级, 三级, 指标值 (and 指标性质, 度量单位) columns of a header; the annual half of
    a side-by-side one."""
    bare = [_bare(c).replace("(", "（").replace(")", "）") for c in head]

    def col(*names):
        hits = [k for k, c in enumerate(bare) if any(c.startswith(n) for n in names)]
        annual = [k for k in hits if "（年度）" in bare[k]]
        return (annual or hits or [None])[0]

    return {
        "l1": col("一级指标"),
        "l2": col("二级指标"),
        "name": col("三级指标", "指标内容"),
        "value": col("指标值", "年度指标值", "指标目标值", "年度指标"),
        "comparator": col("指标性质"),
        "unit": col("度量单位"),
    }


def source_rows(text: str) -> list[tuple[str, str, str, str]]:
    """The indicator rows of a tab transcription, by meaning (see module doc)."""
    rows = grid(text)
    start = header_index(rows)
    c = columns(rows[start])
    out, l1, l2 = [], "", ""
    for cells in rows[start + 1 :]:
        filled = [x.strip() for x in cells if x.strip()]
        if not filled:
            continue  # a blank row inside the table
        if filled[0].startswith(_AFTER) or len(filled) == 1 and len(filled[0]) > 20:
            break  # the lines under the table
        cells = cells + [""] * 20
        if cells[c["l1"]].strip():
            l1, l2 = _POINTS.sub("", _bare(cells[c["l1"]])), ""
        if cells[c["l2"]].strip():
            l2 = _bare(cells[c["l2"]])
        name = cells[c["name"]].strip()
        value = cells[c["value"]].strip()
        if c["comparator"] is not None:
            value = cells[c["comparator"]].strip() + value + (cells[c["unit"]].strip() if c["unit"] else "")
        if not l1 and realrows.level2(l2) in OWNER and realrows.level2(l2) != "成本指标":
            l1 = OWNER[realrows.level2(l2)]  # `(50分)`: a 一级 whose name the copy lost; its 二级 tell it
        if not name or _SLOT.match(name) and not value:
            continue
        out.append(meaning(l1, l2, name, value))
    return out


# -- the same grid in other forms -------------------------------------------------------------


def trimmed(rows: list[list[str]]) -> list[list[str]]:
    out = []
    for r in rows:
        r = list(r)
        while r and not r[-1].strip():
            r.pop()
        out.append(r)
    return out


def tabs(rows) -> str:
    return "\n".join("\t".join(r) for r in rows)


def pipes(rows) -> str:
    return "\n".join(" | ".join(r) for r in trimmed(rows))


def lines(rows) -> str:
    """One cell a line, the empty cells left out (a copy out of a PDF or a web page)."""
    return "\n".join(c for r in rows for c in r if c.strip())


def html(rows, merged: tuple[int, ...] = ()) -> str:
    """An HTML page of one table; the columns in merged written as the site does, one cell with a
    rowspan over the blank cells below it (in the indicator table, under its header)."""
    rows = trimmed(rows)
    width = max((len(r) for r in rows), default=1)
    body = [r + [""] * (width - len(r)) for r in rows]
    try:
        start = header_index(body)
    except StopIteration:
        start = len(body)
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], int] = {}
    end = table_end(body, start) if start < len(body) else start
    for j in merged:
        for i in range(start + 1, end):
            if (i, j) in covered or not body[i][j].strip():
                continue
            span = 1
            while i + span < end and not body[i + span][j].strip() and any(c.strip() for c in body[i + span]):
                covered.add((i + span, j))
                span += 1
            spans[(i, j)] = span
    out = ["<html><head><meta charset='utf-8'></head><body><table>"]
    for i, row in enumerate(body):
        out.append("<tr>")
        for j, cell in enumerate(row):
            if (i, j) in covered:
                continue  # under the rowspan of the cell above
            span = spans.get((i, j), 1)
            text = _html.escape(cell)
            out.append(f'<td rowspan="{span}">{text}</td>' if span > 1 else f"<td>{text}</td>")
        out.append("</tr>")
    out.append("</table></body></html>")
    return "".join(out)


def xlsx(rows, path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for r in trimmed(rows):
        sheet.append([c if c else None for c in r])
    book.save(path)
    return path


def docx(rows, path: Path) -> Path:
    import docx as _docx

    rows = trimmed(rows)
    width = max((len(r) for r in rows), default=1)
    document = _docx.Document()
    table = document.add_table(rows=len(rows), cols=width)
    for i, r in enumerate(rows):
        for j, c in enumerate(r):
            table.cell(i, j).text = c
    document.save(path)
    return path


def level_columns(rows) -> tuple[int, ...]:
    """The 一级 and 二级 columns of the grid's indicator header (merged on the page)."""
    c = columns(rows[header_index(rows)])
    return tuple(k for k in (c["l1"], c["l2"]) if k is not None)


# -- what perflang prints -----------------------------------------------------------------------


def printed_rows(text: str) -> list[tuple[str, tuple[str, str, str, str]]]:
    """(project, the row by meaning) of every indicator row of the document's printed form (the
    批复表's rows, whatever the form), read back from its HTML."""
    import htmlgrid

    from perflang.api import compile_text
    from perflang.backends.html import render

    model = compile_text(text, "x.perf").model
    out = []
    for sheet in htmlgrid.read(render(model, "批复表")).sheets:
        head = htmlgrid.texts(htmlgrid.grid(sheet.tables[0]))
        project = head[0][1] if head and head[0] and head[0][0] == "项目名称" else ""
        for table in sheet.tables[1:]:
            for r in htmlgrid.texts(htmlgrid.grid(table))[2:]:
                if r[3]:
                    out.append((project, meaning(*r[1:5])))
    return out
