"""perflang import of hostile Word documents and web pages (issue 24, "The audit", item 5):
each is refused (or read) in bounded time and memory with a coded message, never a traceback,
a MemoryError or a kill.

The files are built here, small on disk whatever they unpack to: a .docx is written by hand
(local headers, central directory), so its zip can declare any size and hold a deflate stream of
one compressed block repeated (2 GiB of XML in 2 MB).  Bounds: CPU seconds of the whole
`perflang import` process (start-up included) and its peak resident memory (tests/hostile.py).

Run against the main branch before the fix (see the commit message): the 2 GiB document grew
to the 3 GiB address-space cap and died with MemoryError, 3 M paragraphs the same, 5,000 nested
tables and 100,000 nested content controls gave RecursionError, gridSpan=2000000000 MemoryError,
the web tables took gigabytes, and 800 kB of `<!--` ran past the timeout."""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

import pytest
from hostile import run

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the address-space cap is POSIX")

CPU, MEGABYTES = 2.0, 200  # the bounds: refused in < 2 s and < 200 MB

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>'.encode()
TAIL = b"</w:body></w:document>"


# -- building .docx files ---------------------------------------------------------------------


def deflated(head: bytes, block: bytes, times: int, tail: bytes) -> tuple[bytes, int, int]:
    """A raw deflate stream of head + block × times + tail, made by compressing block once (a
    full flush makes its compressed form independent of what came before), with the CRC-32 and
    the size of what it inflates to."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    middle = c.compress(block) + c.flush(zlib.Z_FULL_FLUSH)
    end = c.compress(tail) + c.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    return start + middle * times + end, crc, len(head) + len(block) * times + len(tail)


def write_docx(path: Path, data: bytes, crc: int, size: int, declared: int | None = None) -> Path:
    """A zip holding word/document.xml (data: a raw deflate stream), its header declaring
    `declared` bytes unpacked (default: the truth)."""
    name = b"word/document.xml"
    usize = size if declared is None else declared
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), usize, len(name), 0)
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), usize, len(name), 0, 0, 0, 0, 0, 0
    )
    body = local + name + data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(central) + len(name), len(body), 0)
    path.write_bytes(body + central + name + end)
    return path


def docx(path: Path, body: bytes, block: bytes = b"", times: int = 0, tail: bytes = b"", **kw) -> Path:
    """A .docx whose body is body + block × times + tail."""
    return write_docx(path, *deflated(HEAD + body, block, times, tail + TAIL), **kw)


def refused(path: Path, code: str, cpu: float = CPU, megabytes: float = MEGABYTES):
    got = run("import", path, timeout=120)
    assert not got.timed_out, f"still running after {got.seconds:.0f} s"
    assert "Traceback" not in got.stderr and "MemoryError" not in got.stderr, got.stderr[-1500:]
    assert got.returncode == 1 and f"[{code}]" in got.stderr, (got.returncode, got.stderr[-800:])
    assert got.cpu < cpu and got.peak_mb < megabytes, (got.cpu, got.peak_mb)
    return got


# -- Word: sizes ------------------------------------------------------------------------------


def test_a_two_gigabyte_document_xml_in_two_megabytes_is_refused(tmp_path):
    line = b"<w:p><w:r><w:t>" + b"a" * (2**20 - 40) + b"</w:t></w:r></w:p>"
    path = docx(tmp_path / "big.docx", b"", line, 2048)
    assert path.stat().st_size < 4 * 2**20
    refused(path, "PF917")


def test_a_document_xml_larger_than_its_header_says_is_counted_while_read(tmp_path):
    # the zip declares 60 MB (under the limit) and holds 2 GiB: the reader stops at what it counts
    line = b"<w:p><w:r><w:t>" + b"a" * (2**20 - 40) + b"</w:t></w:r></w:p>"
    path = docx(tmp_path / "lying.docx", b"", line, 2048, declared=60 * 2**20)
    got = run("import", path, timeout=120)
    assert not got.timed_out and "Traceback" not in got.stderr, got.stderr[-1500:]
    assert got.returncode == 1 and got.cpu < CPU and got.peak_mb < MEGABYTES, (got.cpu, got.peak_mb, got.stderr)


def test_three_million_paragraphs_are_refused(tmp_path):
    # in the default namespace, 3,000,000 × 17 bytes: under the 64 MiB of XML, so the count stops it
    head = HEAD.replace(
        b"<w:document ", b'<w:document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    )
    path = write_docx(tmp_path / "paragraphs.docx", *deflated(head, b"<p><t>a</t></p>" * 30_000, 100, TAIL))
    assert path.stat().st_size < 2**20
    refused(path, "PF919")


def test_three_million_empty_paragraphs_are_refused(tmp_path):
    path = docx(tmp_path / "empty.docx", b"", b"<w:p/>" * 30_000, 100)
    # 2.02-2.16 s of CPU on the shared machine of 7 Dec 2026 (which ran a quarter slower than the
    # day before), 2.1-3.5 s on the evening's machine, idle (a CI run took 3.16 s); the attack it
    # bounds took minutes before the limit: 5 s still tells them apart
    refused(path, "PF919", cpu=5.0)


# -- Word: nesting (no recursion) ---------------------------------------------------------------


def _nested_tables(depth: int, text: str = "深处") -> bytes:
    inner = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
    return b"<w:tbl><w:tr><w:tc>" * depth + inner + b"</w:tc></w:tr></w:tbl>" * depth


def test_five_thousand_nested_tables_are_refused(tmp_path):
    refused(docx(tmp_path / "nested.docx", _nested_tables(5000)), "PF919")


def test_a_hundred_thousand_nested_content_controls_are_refused(tmp_path):
    body = b"<w:sdt><w:sdtContent>" * 100_000 + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * 100_000
    refused(docx(tmp_path / "sdt.docx", body), "PF919")


def test_tables_nested_eighty_deep_are_read(tmp_path):
    from perflang.importers.wordfile import docx_rows

    rows = docx_rows(docx(tmp_path / "deep.docx", _nested_tables(80)))
    assert [r.cells for r in rows] == [("深处",)]


# -- Word: spans --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "row",
    [
        b'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr><w:p/></w:tc></w:tr>',
        b'<w:tr><w:trPr><w:gridBefore w:val="2000000000"/></w:trPr><w:tc><w:p/></w:tc></w:tr>',
    ],
)
def test_a_span_of_two_billion_is_refused_before_it_is_allocated(tmp_path, row):
    path = docx(tmp_path / "span.docx", b"<w:tbl>" + row + b"</w:tbl>")
    assert path.stat().st_size < 1000
    refused(path, "PF918")


def test_the_cells_of_all_tables_together_are_bounded(tmp_path):
    # 2,000 rows of a cell spanning 400 columns: each row within the width, 800,000 cells in all
    row = b'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="400"/></w:tcPr><w:p/></w:tc></w:tr>'
    refused(docx(tmp_path / "cells.docx", b"<w:tbl>", row, 2000, b"</w:tbl>"), "PF918")


# -- Word: entities -------------------------------------------------------------------------------

LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
)


@pytest.mark.parametrize(
    "prolog",
    [
        LAUGHS,
        '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
        "<!-- " + "x" * 5000 + " -->" + LAUGHS,  # after the first 4 kB: the old sniff missed it
        "<!DOCTYPE w:document>",
    ],
)
def test_a_dtd_or_an_entity_is_refused(tmp_path, prolog):
    xml = f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document {W}><w:body><w:p><w:r><w:t>&amp;'
    xml += "&lol4;" if "lol4" in prolog else "&secret;" if "secret" in prolog else ""
    xml += "</w:t></w:r></w:p></w:body></w:document>"
    refused(write_docx(tmp_path / "dtd.docx", *deflated(xml.encode(), b"", 0, b"")), "PF920")


# -- web pages ------------------------------------------------------------------------------------


def page(tmp_path: Path, html: str) -> Path:
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_two_hundred_cells_of_a_million_slots_are_refused(tmp_path):
    cells = '<td rowspan="1000" colspan="1000">x</td>' * 200
    refused(page(tmp_path, f"<table><tr>{cells}</tr></table>"), "PF918")


def test_twenty_thousand_rows_of_colspan_1000_are_refused(tmp_path):
    rows = '<tr><td colspan="1000">x</td></tr>' * 20_000
    refused(page(tmp_path, f"<table>{rows}</table>"), "PF918")


def test_a_sparse_grid_is_counted_as_the_grid_it_makes(tmp_path):
    # few cells, but one far right and many rows down: the grid fills the gaps
    rows = '<tr><td colspan="1000">wide</td></tr>' + "<tr><td>x</td></tr>" * 1000
    refused(page(tmp_path, f"<table>{rows}</table>"), "PF918")


@pytest.mark.parametrize("junk", ["<!--", "<a", '<a b="', "<!", "</", "<?", "<a b=", "<![CDATA["])
def test_800_kilobytes_of_an_unterminated_construct_are_read_in_linear_time(tmp_path, junk):
    text = "<p>申报单位：某局</p>" + junk * (800_000 // len(junk))
    got = run("import", page(tmp_path, text), timeout=120)
    assert not got.timed_out, f"still running after {got.seconds:.0f} s"
    assert "Traceback" not in got.stderr, got.stderr[-1500:]
    assert got.returncode == 1 and got.cpu < CPU and got.peak_mb < MEGABYTES, (got.cpu, got.peak_mb)


def test_a_page_of_two_gigabytes_is_not_read(tmp_path):
    path = tmp_path / "huge.html"
    with open(path, "wb") as f:
        f.truncate(2 * 2**30)  # sparse
    refused(path, "PF907")


def test_an_ordinary_page_still_reads_after_the_limits(tmp_path):
    from perflang.importers.html import html_rows

    html = (
        "<h1>标题</h1><table><tr><td rowspan=2>产出指标</td><td>a &amp; b</td></tr><tr><td>c</td></tr></table>"
        "<script>var x = '<table><tr><td>no</td></tr></table>';</script><p>后记<!-- 注释 --></p>"
    )
    rows = [r.cells for r in html_rows(html)]
    assert rows == [("标题",), (), ("产出指标", "a & b"), ("", "c"), (), ("后记",), ()]


# the lines under an indicator table that the form reader looks at as a sign-off line (填表人：…),
# a form's note (注：…), a header line holding its money unit, a funds amount with a breakdown:
# long cells of what those patterns backtrack over (each took minutes to hours before they were
# read in one pass: 2,000 Chinese characters 198 s, 1,000 colons and 1,000 spaces 96 s)
LONG_LINES = {
    "chinese": "中" * 50_000,
    "colons and spaces": "：" * 20_000 + " " * 20_000,
    "a note's spaces": "注" + " " * 100_000,
    "a header's spaces": "申报单位：" + " " * 100_000 + "金额单位：万",
    "a breakdown's spaces": "854万" + " " * 100_000 + "(x)",
}


@pytest.mark.parametrize("line", list(LONG_LINES.values()), ids=list(LONG_LINES))
def test_a_long_line_under_a_table_is_read_in_one_pass(tmp_path, line):
    table = (
        "2023年项目支出绩效目标申报表\n项目支出名称\t某项目\n资金总额\t10\n本年度绩效指标\n"
        "一级指标\t二级指标\t三级指标\t指标值及单位\t绩效标准\n产出指标\t数量指标\t车辆\t≥10辆\t计划标准\n"
    )
    path = tmp_path / "long.txt"
    path.write_text(table + line + "\n资金 " + line + "\t" + line + "\n", encoding="utf-8")
    got = run("import", path, "-o", tmp_path / "out.perf", timeout=120)
    assert not got.timed_out, f"still running after {got.seconds:.0f} s"
    assert "Traceback" not in got.stderr, got.stderr[-1500:]
    assert got.returncode in (0, 1), got.stderr[-1500:]
