"""Hostile workbooks are refused before openpyxl loads them (issue 11, item 2): a 15 KB file with
one cell at XFD1048576 or one merged range over the sheet, a bomb of XML, broken XML and indexes
pointing nowhere each give a clear catalog error (exit 1), never a MemoryError or an internal error."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile

import pytest
from conftest import SEED_EXAMPLE

from perflang.importers.workbook_limits import MAX_UNPACKED_BYTES, WorkbookRejected, check_workbook

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory) -> bytes:
    """The seed example exported as xlsx (a real workbook to damage)."""
    out = tmp_path_factory.mktemp("wb") / "seed.xlsx"
    done = subprocess.run(
        [sys.executable, "-m", "perflang", "build", str(SEED_EXAMPLE), "--to", "xlsx", "-o", str(out)],
        capture_output=True,
    )
    assert done.returncode == 0, done.stderr
    return out.read_bytes()


def _edit(data: bytes, part: str, change) -> bytes:
    """The workbook with one part's text changed (change: text -> text)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == part:
                body = change(body.decode("utf-8")).encode("utf-8")
            z.writestr(info.filename, body)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def _far_cell(text: str) -> str:
    return text.replace(
        "</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    )


def _whole_sheet_merged(text: str) -> str:
    if "<mergeCells" in text:
        return re.sub(r'<mergeCell ref="[^"]+" ?/>', '<mergeCell ref="A1:XFD1048576"/>', text, count=1)
    return text.replace(
        "</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    )


def _broken_xml(text: str) -> str:
    return text.replace("</sheetData>", "<row></sheetData>")


def _shared_string_nowhere(text: str) -> str:
    return text.replace("</sheetData>", '<row r="900"><c r="A900" t="s"><v>1000000000</v></c></row></sheetData>')


def _style_nowhere(text: str) -> str:
    return text.replace("</sheetData>", '<row r="900"><c r="A900" s="99999"><v>1</v></c></row></sheetData>')


@pytest.mark.parametrize(
    "change, code",
    [
        (_far_cell, "PF912"),
        (_whole_sheet_merged, "PF913"),
        (_broken_xml, "PF915"),
        (_shared_string_nowhere, "PF915"),
        (_style_nowhere, "PF915"),
    ],
)
def test_a_hostile_sheet_is_refused_by_import(workbook, tmp_path, change, code):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_edit(workbook, SHEET, change))
    assert len(bad.read_bytes()) < 60_000
    done = subprocess.run(
        [sys.executable, "-m", "perflang", "import", str(bad)], capture_output=True, text=True, timeout=300
    )  # a guard: today this runs out of memory
    assert done.returncode == 1, done.stderr
    assert code in done.stderr and "内部错误" not in done.stderr and "Traceback" not in done.stderr


def test_a_bomb_of_xml_is_refused_before_it_is_unpacked(workbook, tmp_path):
    padding = "<!--" + " " * (MAX_UNPACKED_BYTES + 1) + "-->"
    bad = tmp_path / "bomb.xlsx"
    bad.write_bytes(_edit(workbook, SHEET, lambda t: t.replace("<sheetData>", padding + "<sheetData>")))
    assert len(bad.read_bytes()) < 1_000_000
    with pytest.raises(WorkbookRejected) as e:
        check_workbook(bad)
    assert e.value.code == "PF911"


def test_a_real_workbook_passes(workbook, tmp_path):
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook)
    check_workbook(good)  # no exception
    done = subprocess.run([sys.executable, "-m", "perflang", "import", str(good)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def bomb_docx(path, unpacked: int) -> None:
    """A .docx whose body unpacks to `unpacked` bytes of spaces (a few MB on disk for 2 GB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            chunk = b" " * (1 << 24)
            for _ in range(unpacked >> 24):
                f.write(chunk)
            f.write(b"</w:body></w:document>")


def test_a_word_document_bomb_is_refused_before_it_is_unpacked(tmp_path):
    bad = tmp_path / "炸弹.docx"
    bomb_docx(bad, 2 << 30)  # 2 GiB unpacked
    assert bad.stat().st_size < 5_000_000
    done = subprocess.run(
        [sys.executable, "-m", "perflang", "import", str(bad)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1, done.stderr
    assert "PF917" in done.stderr and "文件过大" in done.stderr and "Traceback" not in done.stderr
