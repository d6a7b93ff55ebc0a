"""perflang import: an existing table (the form's text export, an .xlsx or a .docx) -> formatted .perf.

Every oddity repaired and every row that could not be placed is reported with its source line
or sheet row; unplaced rows are also kept in the output as comments (see docs/import.md).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import click

from ..diagnostics import language
from ..fileio import write_output
from ..messages import IMPORT_MESSAGES
from ..source import Span
from .document import ImportedDoc, Note
from .emit import emit
from .form import read_form
from .html import html_rows
from .sources import MissingDependency, text_rows, xlsx_rows
from .wordfile import NotAWordFile, docx_rows

__all__ = ["run_import", "import_file", "import_text", "import_rows", "ImportError_", "summary"]

XLSX_SUFFIXES = (".xlsx", ".xlsm")
DOCX_SUFFIXES = (".docx", ".docm")
EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2  # as perflang.cli


class ImportError_(Exception):
    """The file cannot be imported; the message says why (zh, en)."""

    def __init__(self, zh: str, en: str, exit_code: int = EXIT_ERRORS):
        super().__init__(en)
        self.zh, self.en, self.exit_code = zh, en, exit_code


def _decode(data: bytes) -> str:
    """Text exports come as UTF-8 (with or without BOM) or, from older Windows tools, GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportError_("文件既不是 UTF-8 也不是 GBK 编码的文本", "the file is neither UTF-8 nor GBK text")


HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


def _rows(path: Path):
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return html_rows(_decode(path.read_bytes()))
    if suffix == ".xls":
        raise ImportError_(
            "不支持旧版 .xls 文件：请在 Excel/WPS 中另存为 .xlsx 后再导入",
            "old .xls files are not supported: save the file as .xlsx first",
        )
    if suffix == ".doc":
        raise ImportError_(
            "不支持旧版 .doc 文件：请在 Word/WPS 中另存为 .docx 后再导入",
            "old .doc files are not supported: save the file as .docx first",
        )
    if suffix in DOCX_SUFFIXES:
        try:
            return docx_rows(path)
        except NotAWordFile as exc:
            raise ImportError_(f"无法读取 Word 文档：{exc}", f"cannot read the Word document: {exc}") from None
    if suffix in XLSX_SUFFIXES:
        from .workbook_limits import WorkbookRejected, check_workbook

        try:
            check_workbook(path)  # before openpyxl builds it: size limits, damaged XML or indexes
        except WorkbookRejected as exc:
            raise ImportError_(exc.text("zh"), exc.text("en")) from None
        try:
            return xlsx_rows(path)
        except MissingDependency:
            raise ImportError_(
                "读取 .xlsx 需要 openpyxl：请运行 pip install 'perflang[xlsx]'",
                "reading .xlsx needs openpyxl: pip install 'perflang[xlsx]'",
                EXIT_USAGE,
            ) from None
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise ImportError_(f"无法读取工作簿：{exc}", f"cannot read the workbook: {exc}") from None
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        raise ImportError_(
            "这是一个 Excel 工作簿或 Word 文档：请把文件扩展名改为 .xlsx 或 .docx",
            "this is an Excel workbook or a Word document: name it *.xlsx or *.docx",
        )
    return text_rows(_decode(data))


def _check(doc: ImportedDoc) -> ImportedDoc:
    if not doc.projects:
        zh, en = IMPORT_MESSAGES["no_project"]
        raise ImportError_(zh, en)
    return doc


def import_rows(rows) -> tuple[str, ImportedDoc]:
    """The .perf text of rows from any reader (text, HTML, xlsx, or a Grid through grid_rows),
    and what the reader found; the written text is checked, and its errors are problems."""
    doc = _check(read_form(rows))
    text = emit(doc)
    _check_written(text, doc)
    return text, doc


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
                Note(f"（导入结果第{d.span.line}行）", "check", {"line": d.span.line, "message": _Lazy(d)}, True)
            )


class _Lazy:
    """A diagnostic's message, in the language the note is shown in."""

    def __init__(self, d):
        self.d = d

    def __format__(self, spec):
        return self.d.message(_Lazy.lang)

    lang = "zh"


def import_text(text: str) -> tuple[str, ImportedDoc]:
    """The .perf text of pasted text (tabs, pipes or one cell a line), and what was found."""
    return import_rows(text_rows(text))


def import_file(path: str | Path) -> tuple[str, ImportedDoc]:
    """The .perf text of a text export, an HTML page or a workbook, and what was found."""
    return import_rows(_rows(Path(path)))


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


def run_import(file, output, lang) -> int:
    """perflang import FILE [-o OUT.perf]: 0 everything placed and the .perf checks clean;
    1 a row not placed or an error in the written .perf (the .perf is still written), or a
    file that cannot be imported; 2 a missing optional dependency."""
    lang = language(lang)
    try:
        text, doc = import_file(file)
    except ImportError_ as exc:
        click.echo(f"{file}: {'error' if lang == 'en' else '错误'}: {exc.en if lang == 'en' else exc.zh}", err=True)
        return exc.exit_code
    _Lazy.lang = lang
    labels = {False: "note" if lang == "en" else "注意", True: "problem" if lang == "en" else "问题"}
    for note in doc.notes:
        click.echo(f"{file}:{note.where}: {labels[note.problem]}: {note.text(lang)}", err=True)
    if output:
        write_output(output, text, (file,))
    else:
        click.echo(text, nl=False)
    click.echo(f"{file}: {summary(doc, lang)}", err=True)
    return EXIT_ERRORS if any(n.problem for n in doc.notes) else EXIT_OK
