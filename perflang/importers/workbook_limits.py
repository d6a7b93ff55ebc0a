"""What a workbook must be before openpyxl loads it (docs/import.md, "Limits").

openpyxl builds every cell of a sheet's range in memory: a 15 KB file with one cell at
XFD1048576, or one merged range over the whole sheet, asks for 17 billion cells.  So the zip and
each sheet's XML are read here first, streamed (no tree is built), and a workbook beyond these
limits, or one whose XML or indexes are broken, is refused with a catalog message (PF911-PF915)
instead of exhausting memory or failing deep inside openpyxl.  A performance-target table is
a few hundred cells; the limits are far above any real one.  The Word and web readers
(wordfile.py, html.py) hold to the same limits of unpacked bytes, rows, columns and cells.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

from ..messages import phrase
from .sources import Refused

__all__ = [
    "check_workbook",
    "WorkbookRejected",
    "MAX_UNPACKED_BYTES",
    "MAX_ROWS",
    "MAX_COLUMNS",
    "MAX_CELLS",
    "MAX_MERGED_CELLS",
    "MAX_ENTRIES",
]

MAX_UNPACKED_BYTES = 64 * 2**20  # all parts of the zip together, unpacked
MAX_ENTRIES = 10_000  # parts in the zip
MAX_ROWS = 20_000  # a sheet's last row
MAX_COLUMNS = 500  # a sheet's last column (SF)
MAX_CELLS = 500_000  # cells written in one sheet
MAX_MERGED_CELLS = 1_000_000  # cells covered by one sheet's merged ranges together

_REF = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})$")
_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml$")


class WorkbookRejected(Refused):
    """The workbook is not loaded: code (perflang.messages) and its args."""


def _damaged(key: str, **args) -> WorkbookRejected:
    """PF915 with what is damaged (a phrase of the catalog, perflang/messages.py)."""
    return WorkbookRejected("PF915", reason=phrase(key, **args))


def _cell(ref: str) -> tuple[int, int]:
    """(row, column) of A1-style ref, 1-based."""
    m = _REF.match(ref.strip())
    if not m:
        raise _damaged("damaged.cell_ref", ref=ref[:20])
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def _range(ref: str) -> tuple[int, int, int, int]:
    first, _, last = ref.partition(":")
    r1, c1 = _cell(first)
    r2, c2 = _cell(last or first)
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _count(z: zipfile.ZipFile, name: str, tag: str, inside: str | None = None) -> int | None:
    """How many `tag` elements a part holds (within `inside`, if given); None: no such part."""
    if name not in z.namelist():
        return None
    n, depth = 0, 0
    try:
        with z.open(name) as f:
            for event, el in iterparse(f, events=("start", "end")):
                local = _local(el.tag)
                if inside is not None and local == inside:
                    depth += 1 if event == "start" else -1
                elif event == "end" and local == tag and (inside is None or depth > 0):
                    n += 1
                if event == "end":
                    el.clear()
    except ParseError as exc:
        raise _damaged("damaged.xml", name=name, detail=str(exc)) from None
    return n


def _sheet(z: zipfile.ZipFile, name: str, strings: int | None, styles: int | None) -> None:
    sheet = Path(name).stem
    cells = merged = 0
    try:
        with z.open(name) as f:
            for _, el in iterparse(f, events=("end",)):
                local = _local(el.tag)
                if local == "c":
                    cells += 1
                    if cells > MAX_CELLS:
                        raise WorkbookRejected("PF914", sheet=sheet, cells=f"{cells:,}+", limit=f"{MAX_CELLS:,}")
                    ref = el.get("r")
                    if ref is not None:
                        _bounds(sheet, ref, *_cell(ref))
                    _indexes(el, strings, styles, ref or "?")
                    el.clear()
                elif local == "dimension" and el.get("ref"):
                    r1, c1, r2, c2 = _range(el.get("ref"))
                    _bounds(sheet, el.get("ref"), r2, c2)
                elif local == "mergeCell" and el.get("ref"):
                    r1, c1, r2, c2 = _range(el.get("ref"))
                    area = (r2 - r1 + 1) * (c2 - c1 + 1)
                    merged += area
                    if area > MAX_MERGED_CELLS or merged > MAX_MERGED_CELLS:
                        raise WorkbookRejected(
                            "PF913", sheet=sheet, ref=el.get("ref"), cells=f"{area:,}", limit=f"{MAX_MERGED_CELLS:,}"
                        )
                elif local == "row":
                    el.clear()
    except ParseError as exc:
        raise _damaged("damaged.xml", name=name, detail=str(exc)) from None


def _bounds(sheet: str, ref: str, row: int, col: int) -> None:
    if row > MAX_ROWS or col > MAX_COLUMNS:
        raise WorkbookRejected(
            "PF912",
            sheet=sheet,
            ref=ref,
            rows=f"{row:,}",
            columns=f"{col:,}",
            max_rows=f"{MAX_ROWS:,}",
            max_columns=f"{MAX_COLUMNS:,}",
        )


def _indexes(el, strings: int | None, styles: int | None, ref: str) -> None:
    """A cell's shared-string and style indexes point at something that exists."""
    s = el.get("s")
    if s is not None:
        if not s.isdigit() or (styles is not None and int(s) >= max(styles, 1)):
            raise _damaged("damaged.style", ref=ref, style=s[:12])
    if el.get("t") == "s":
        v = next((c.text for c in el if _local(c.tag) == "v"), None)
        if v is None or not v.strip().isdigit() or strings is None or int(v) >= strings:
            raise _damaged("damaged.string", ref=ref, index=str(v)[:12])


def check_workbook(path: str | Path) -> None:
    """Raise WorkbookRejected when the workbook at path is beyond the limits or damaged."""
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _damaged("damaged.zip", detail=str(exc)) from None
    with z:
        infos = z.infolist()
        if len(infos) > MAX_ENTRIES:
            raise WorkbookRejected(
                "PF911",
                size=phrase("size.parts", n=f"{len(infos):,}"),
                limit=phrase("size.parts", n=f"{MAX_ENTRIES:,}"),
            )
        size = sum(i.file_size for i in infos)
        if size > MAX_UNPACKED_BYTES:
            raise WorkbookRejected("PF911", size=f"{size:,}", limit=f"{MAX_UNPACKED_BYTES:,}")
        try:
            strings = _count(z, "xl/sharedStrings.xml", "si")
            styles = _count(z, "xl/styles.xml", "xf", inside="cellXfs")
            for name in z.namelist():
                if _SHEET.match(name):
                    _sheet(z, name, strings, styles)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
            raise _damaged("damaged.data", detail=str(exc)) from None
