"""The cell texts of a printed form as each format holds them, read back independently of the
writers: HTML (html.parser, tests/htmlgrid.py), xlsx (openpyxl), docx (the document's XML), so
a test can hold the formats to one another.

A page (one project) reads as {"lines": the lines above the tables (title, subtitle, the
header line's parts), "rows": the tables' rows, each the texts of the cells that start on it,
left to right, "footer": the lines under the tables}.  A merged cell counts once, on its first
row; a merged cell the HTML splits at a printed page break (class "cont") counts once too.
Numbers read as written (a workbook's 1,234 with its money format is "1234")."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import htmlgrid

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def html_pages(html: str) -> list[dict]:
    out = []
    for sheet in htmlgrid.read(html).sheets:
        rows = []
        for table in sheet.tables:
            for tr in table:
                rows.append([c.text for c in tr if "cont" not in c.cls.split()])
        lines = [*([sheet.top] if sheet.top else []), sheet.title, *([sheet.subtitle] if sheet.subtitle else [])]
        lines += [m for m in sheet.meta if m]
        out.append({"lines": lines, "rows": rows, "footer": list(sheet.footer)})
    return out


def _number_text(cell) -> str:
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return "" if value is None else str(value)
    decimals = len(re.match(r"0*", cell.number_format.partition(".")[2]).group(0))
    return f"{Decimal(str(value)):.{decimals}f}"


def xlsx_pages(data: bytes) -> list[dict]:
    from openpyxl import load_workbook

    out = []
    for ws in load_workbook(io.BytesIO(data)).worksheets:
        covered = set()
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != (rng.min_row, rng.min_col):
                        covered.add((r, c))
        page = {"lines": [], "rows": [], "footer": []}
        for r in range(1, ws.max_row + 1):
            cells = [ws.cell(r, c) for c in range(1, ws.max_column + 1) if (r, c) not in covered]
            boxed = ws.cell(r, 1).border.left.style == "thin"
            texts = [_number_text(c) for c in cells]
            if boxed:
                page["rows"].append(texts)
            elif page["rows"]:
                page["footer"] += [t for t in texts if t]
            else:
                page["lines"] += [t for t in texts if t]
        out.append(page)
    return out


def _paragraph_text(p) -> str:
    parts = []
    for node in p.iter():
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}br":
            parts.append("\n")
        elif node.tag == f"{W}tab" and node.getparent().tag == f"{W}r":
            parts.append("\t")
    return "".join(parts)


def docx_pages(data: bytes) -> list[dict]:
    import docx

    body = docx.Document(io.BytesIO(data)).element.body
    out: list[dict] = []
    for child in body:
        if child.tag == f"{W}p":
            text = _paragraph_text(child)
            brk = child.find(f"{W}pPr/{W}pageBreakBefore")
            if (brk is not None and brk.get(f"{W}val") not in ("0", "false")) or not out:
                out.append({"lines": [], "rows": [], "footer": []})
            if text:
                page = out[-1]
                (page["footer"] if page["rows"] else page["lines"]).extend(t for t in text.split("\t") if t)
        elif child.tag == f"{W}tbl":
            for tr in child.findall(f"{W}tr"):
                row = []
                for tc in tr.findall(f"{W}tc"):
                    merge = tc.find(f"{W}tcPr/{W}vMerge")
                    if merge is not None and merge.get(f"{W}val") != "restart":
                        continue
                    row.append("\n".join(_paragraph_text(p) for p in tc.findall(f"{W}p")))
                out[-1]["rows"].append(row)
    return out
