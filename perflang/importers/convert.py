"""An existing table (the form's text export, pasted text, an HTML page, an .xlsx or a .docx) ->
formatted .perf text (`perflang import`, perflang/cli/importing.py).

Every oddity repaired and every row that could not be placed is reported with its source line
or sheet row; unplaced rows are also kept in the output as comments (see docs/import.md).
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path

from ..fileio import InputError, read_regular
from ..messages import IMPORT_MESSAGES, phrase
from ..source import Span, lf
from .document import ImportedDoc, Note, SourceRow
from .emit import emit
from .form import read_form
from .html import html_rows
from .sources import Refused, text_rows, xlsx_rows
from .wordfile import docx_rows

__all__ = ["import_file", "import_text", "import_rows", "ImportError_", "summary"]

XLSX_SUFFIXES = (".xlsx", ".xlsm")
DOCX_SUFFIXES = (".docx", ".docm")


# the one error of the importers: a catalog code and its args (PerflangError), exit 1 unless
# it says otherwise (a missing extra: 2); `perflang import` prints its text(lang)
ImportError_ = Refused


def _decode(data: bytes) -> str:
    """Text exports come as UTF-8 (with or without BOM) or, from older Windows tools, GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportError_("PF927")


HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


def _rows(path: Path) -> tuple[list, list[Note]]:
    """The rows of a file, and the notes of reading it (the characters removed from a text)."""
    try:
        return _read(path)
    except InputError as exc:  # not a regular file, or too large to be a table
        raise ImportError_(exc.code, **exc.fields) from None


def _bytes(path: Path) -> bytes:
    """A text or HTML file's bytes: a regular file, or a pipe (`perflang import <(cat t.txt)`),
    within the limit of unpacked bytes."""
    from .workbook_limits import MAX_UNPACKED_BYTES

    return read_regular(path, MAX_UNPACKED_BYTES, pipe=True)


def _is_pipe(path: Path) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:  # read_regular says why
        return False


_HTML_START = re.compile(rb"\s*<(!doctype\s+html|html|table|head|body|meta)\b", re.I)


def _piped(path: Path) -> tuple[list, list[Note]]:
    """A table read from a pipe, which has no name to tell its kind: a page when it starts as
    one, text otherwise; a workbook or Word file is not read from a pipe (it needs seeking)."""
    data = _bytes(path)
    if data.startswith(b"PK\x03\x04"):
        raise ImportError_("PF931")
    if _HTML_START.match(data[:4096].removeprefix(b"\xef\xbb\xbf")):
        return html_rows(_decode(data)), []
    return _text_rows(_decode(data))


def _read(path: Path) -> tuple[list, list[Note]]:
    if _is_pipe(path):
        return _piped(path)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return html_rows(_decode(_bytes(path))), []
    if suffix == ".xls":
        raise ImportError_("PF928", suffix=".xls", app="Excel/WPS", new=".xlsx")
    if suffix == ".doc":
        raise ImportError_("PF928", suffix=".doc", app="Word/WPS", new=".docx")
    if suffix in DOCX_SUFFIXES:
        return docx_rows(path), []  # NotAWordFile (PF929) when it is not one
    if suffix in XLSX_SUFFIXES:
        from .workbook_limits import check_workbook

        check_workbook(path)  # before openpyxl builds it: size limits, damaged XML or indexes
        try:
            return xlsx_rows(path), []  # MissingDependency (PF923, exit 2) without openpyxl
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise ImportError_("PF929", what=phrase("what.workbook"), detail=str(exc)) from None
    data = _bytes(path)
    if data.startswith(b"PK\x03\x04"):
        raise ImportError_("PF930")
    return _text_rows(_decode(data))


def _text_rows(text: str) -> tuple[list, list[Note]]:
    """The rows of pasted text, read after the bidi and zero-width characters are removed from
    it (so that a label such as 项目名称 with one inside is still a label), with a note for each
    line that held one."""
    from ..source import _INVISIBLE, visible

    if not _INVISIBLE.search(text):
        return text_rows(text), []
    lines = lf(text).split("\n")
    notes = [_removed(f"第{n}行", line) for n, line in enumerate(lines, 1) if _INVISIBLE.search(line)]
    return text_rows(visible(text)), notes


def _check(doc: ImportedDoc) -> ImportedDoc:
    if not doc.projects:
        raise ImportError_("PF932")
    return doc


def import_rows(rows, notes=()) -> tuple[str, ImportedDoc]:
    """The .perf text of rows from any reader (text, HTML, xlsx, or a Grid through grid_rows),
    and what the reader found (with notes, the reader's own); the written text is checked, and
    its errors are problems.  A bidi or zero-width character in a cell is removed, with a note."""
    rows, removed = _visible(rows)
    doc = _check(read_form(rows))
    doc.notes[:0] = [*notes, *removed]
    text = emit(doc)
    _check_written(text, doc)
    return text, doc


def _visible(rows) -> tuple[list, list[Note]]:
    """The rows with the bidi and zero-width characters (source.INVISIBLE) removed from their
    cells, and a note for each row that held one."""
    from ..source import _INVISIBLE, visible

    out, notes = [], []
    for row in rows:
        joined = "\t".join(row.cells)
        if _INVISIBLE.search(joined):
            row = SourceRow(tuple(visible(c) for c in row.cells), row.where)
            notes.append(_removed(row.where, joined))
        out.append(row)
    return out, notes


def _removed(where: str, text: str) -> Note:
    """The note (PF009: its code and args, said in the note's language) on the characters
    removed from text."""
    from ..diagnostics import invisible_names

    return Note(where, "coded", {"code": "PF009", "args": {"chars": invisible_names(text)}})


def _check_written(text: str, doc: ImportedDoc) -> None:
    from ..api import compile_text
    from ..diagnostics import Diagnostic
    from ..source import decode

    diags = list(compile_text(text, "imported.perf").diagnostics)
    if decode(text.encode("utf-8")).text is None:  # what `perflang check` refuses to read (NUL)
        diags.append(Diagnostic(code="PF002", span=Span.point(1, 1)))
    for d in diags:
        if d.level.value == "error":
            doc.notes.append(
                Note(f"（导入结果第{d.span.line}行）", "check", {"line": d.span.line, "message": Lazy(d)}, True)
            )


class Lazy:
    """A diagnostic's message, in the language the note is shown in."""

    def __init__(self, d):
        self.d = d

    def __format__(self, spec):
        return self.d.message(Lazy.lang)

    lang = "zh"


def import_text(text: str) -> tuple[str, ImportedDoc]:
    """The .perf text of pasted text (tabs, pipes or one cell a line), and what was found."""
    return import_rows(*_text_rows(text))


def import_file(path: str | Path) -> tuple[str, ImportedDoc]:
    """The .perf text of a text export, an HTML page or a workbook, and what was found."""
    return import_rows(*_rows(Path(path)))


def summary(doc: ImportedDoc, lang: str) -> str:
    goals = sum(
        len({r.goal for r in p.rows if r.kind == "indicator"} | {(g.keyword, g.number) for g in p.goals})
        for p in doc.projects
    )
    indicators = sum(1 for p in doc.projects for r in p.rows if r.kind == "indicator")
    problems = sum(1 for n in doc.notes if n.problem)
    zh, en = IMPORT_MESSAGES["summary"]
    return (en if lang == "en" else zh).format(
        projects=len(doc.projects),
        goals=goals,
        indicators=indicators,
        notes=len(doc.notes) - problems,
        problems=problems,
    )
