"""The seed's xlsx and docx as a real office suite prints them: LibreOffice (headless) converts
each to PDF; poppler reads the pages back.  Checked: A4 pages; one project per page, as many
pages as the HTML table printed by Chromium; every cell's text on the page of its project;
every word inside the page margins; no word crossing a cell border or lying over another word
(a row too short for its wrapped text makes the text run over the row's borders and into the
next row, which is exactly what these catch).

Skipped only when soffice, poppler, or the metric-compatible fonts are missing outside CI; in
CI (CI=true) they must be there.  .ci/run installs libreoffice-calc-nogui,
libreoffice-writer-nogui, fonts-crosextra-carlito (Calibri's metrics: Excel's column widths are
in Calibri digits) and fonts-liberation2 (Times New Roman's metrics, the docx's Latin font).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import htmlgrid
import pdftools
import pytest
from conftest import SEED_EXAMPLE

from perflang.api import compile_file
from perflang.backends.docx import render as render_docx
from perflang.backends.html import render as render_html
from perflang.backends.xlsx import render as render_xlsx

MM = 72 / 25.4
MARGIN = 15 * MM  # the margins both files set (as the HTML's @page)
DPI = 100
RENDER = {"xlsx": render_xlsx, "docx": render_docx}


def require_soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path:
        return path
    if pdftools.in_ci():
        pytest.fail("soffice is missing in CI: .ci/run must install libreoffice-calc-nogui libreoffice-writer-nogui")
    pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui libreoffice-writer-nogui)")


def require_metric_fonts() -> None:
    """Excel's column widths are in digits of the workbook's default font (Calibri) and the
    docx's Latin font is Times New Roman: without fonts of the same metrics LibreOffice lays
    the pages out wider or narrower than Excel and Word do, and page breaks move."""
    fc = shutil.which("fc-match")
    found = [
        subprocess.run([fc, name], capture_output=True, text=True).stdout if fc else ""
        for name in ("Calibri", "Times New Roman")
    ]
    if "Carlito" in found[0] and "Liberation Serif" in found[1]:
        return
    if pdftools.in_ci():
        pytest.fail("fonts-crosextra-carlito and fonts-liberation2 are missing in CI")
    pytest.skip("metric-compatible fonts missing (apt-get install fonts-crosextra-carlito fonts-liberation2)")


PROFILE: list[Path] = []  # one LibreOffice profile for the session (made on first use)


def convert(data: bytes, suffix: str, tmp: Path) -> Path:
    """LibreOffice's PDF of an office file, with a profile of this test session's own (never
    the user's; LibreOffice builds it on first use, which takes a while)."""
    soffice = require_soffice()
    src = tmp / f"seed.{suffix}"
    src.write_bytes(data)
    if not PROFILE:
        PROFILE.append(tmp / "lo-profile")
    profile = PROFILE[0].as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp / "pdf"),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    pdf = tmp / "pdf" / "seed.pdf"
    assert pdf.exists(), f"LibreOffice wrote no PDF for {src.name}"
    return pdf


@pytest.fixture(scope="module")
def model():
    return compile_file(SEED_EXAMPLE).model


@pytest.fixture(scope="module", params=["xlsx", "docx"])
def printed(request, model, tmp_path_factory):
    """(format, PDF path) of the seed printed by LibreOffice."""
    tmp = tmp_path_factory.mktemp(request.param)
    return request.param, convert(RENDER[request.param](model), request.param, tmp)


@pytest.fixture(scope="module")
def html_sheets(model):
    return htmlgrid.read(render_html(model)).sheets


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    out = subprocess.run(
        [pdftools.require("pdfinfo"), "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out)]


def project_of_pages(pages: list[str], names: list[str]) -> list[int]:
    """For each page, the index of the project it belongs to (a project page starts with
    the title and shows its 项目名称 row; later pages continue the project before them)."""
    owners, current = [], -1
    for text in pages:
        squeezed = pdftools.squeeze(text)
        starts = [k for k, n in enumerate(names) if f"项目名称{pdftools.squeeze(n)}" in squeezed]
        if starts:
            assert len(starts) == 1, "two projects on one page"
            current = starts[0]
        owners.append(current)
    return owners


def test_pages_are_a4_portrait(printed):
    _, pdf = printed
    sizes = page_sizes(pdf)
    assert sizes and all(abs(w - 595.3) < 1.5 and abs(h - 841.9) < 1.5 for w, h in sizes)


def test_one_project_per_page_as_many_pages_as_the_html(printed, html_sheets, model, tmp_path):
    require_metric_fonts()
    browser = pdftools.require("chromium")
    fmt, pdf = printed
    names = [p.name for p in model.projects]
    ours = project_of_pages(pdftools.pages(pdf), names)
    html_pdf = pdftools.print_pdf(browser, render_html(model), tmp_path)
    theirs = project_of_pages(pdftools.pages(html_pdf), names)
    assert ours[0] == 0 and ours == sorted(ours), f"{fmt}: projects out of order: {ours}"
    assert set(ours) == set(range(len(names))), f"{fmt}: a project has no page of its own"
    assert ours == theirs, f"{fmt}: pages per project {ours}, the HTML's {theirs}"


def test_every_cell_text_is_printed_on_its_projects_pages(printed, html_sheets, model):
    fmt, pdf = printed
    pages = pdftools.pages(pdf)
    owners = project_of_pages(pages, [p.name for p in model.projects])
    for k, sheet in enumerate(html_sheets):
        text = pdftools.squeeze("".join(p for p, o in zip(pages, owners) if o == k))
        expected = [sheet.title, *sheet.meta]
        for table in sheet.tables:
            for row in htmlgrid.grid(table):
                expected += [c for c in htmlgrid.texts([row])[0] if c]
        for cell in expected:  # an amount's money format may group its digits: 1,234
            assert pdftools.squeeze(cell).replace(",", "") in text.replace(",", ""), (
                f"{fmt}: project {k + 1}: {cell!r} is not printed"
            )


def test_every_word_lies_inside_the_page_margins(printed):
    fmt, pdf = printed
    for n, (boxes, (w, h)) in enumerate(zip(pdftools.word_boxes(pdf), page_sizes(pdf)), 1):
        assert boxes, f"{fmt}: page {n} is empty"
        for x0, y0, x1, y1 in boxes:
            assert MARGIN - 2 <= x0 and x1 <= w - MARGIN + 2, f"{fmt}: page {n}: a word at x {x0:.0f}-{x1:.0f}"
            assert MARGIN - 2 <= y0 and y1 <= h - MARGIN + 2, f"{fmt}: page {n}: a word at y {y0:.0f}-{y1:.0f}"


def _gray_pages(pdf: Path, tmp: Path) -> list[tuple[int, int, bytes]]:
    """Every page as an 8-bit grey bitmap (width, height, pixels) at DPI."""
    subprocess.run(
        [pdftools.require("pdftoppm"), "-gray", "-r", str(DPI), str(pdf), str(tmp / "p")],
        check=True,
        capture_output=True,
    )
    out = []
    for path in sorted(tmp.glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[1])):
        data = path.read_bytes()
        parts = data.split(maxsplit=4)  # P5 width height maxval pixels
        assert parts[0] == b"P5"
        out.append((int(parts[1]), int(parts[2]), parts[4]))
    return out


def rules(width: int, height: int, pixels: bytes, min_run: int = 40):
    """The border lines drawn on a page: horizontal ones (y, x0, x1) and vertical ones
    (x, y0, y1), as runs of dark pixels at least min_run long (no glyph stroke is 10 mm)."""
    dark = [p < 128 for p in pixels]
    horizontal, vertical = [], []
    for y in range(height):
        row, x = dark[y * width : (y + 1) * width], 0
        while x < width:
            if row[x]:
                start = x
                while x < width and row[x]:
                    x += 1
                if x - start >= min_run:
                    horizontal.append((y, start, x - 1))
            x += 1
    for x in range(width):
        y = 0
        while y < height:
            if dark[y * width + x]:
                start = y
                while y < height and dark[y * width + x]:
                    y += 1
                if y - start >= min_run:
                    vertical.append((x, start, y - 1))
            y += 1
    return horizontal, vertical


def test_no_text_runs_over_a_cell_border_or_other_text(printed, tmp_path):
    assert_nothing_runs_over(*printed, tmp_path)


MIXED = r"""申报单位 某某市某某局
项目 "A very long project name with English words and 中文混排的项目名称示例，用来测试换行" {
  预算 1234567.50
  主管部门 某某市财政局和其他相关部门联合主管的一个很长很长的部门名称WITH UPPERCASE LETTERS
  资金 当年财政资金: 1234.56
  年度目标 1 "第一行：WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW\n第二行：mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm\n第三行：1234567890123456789012345678901234567890123456789012345678901234567890\n第四行：以“办事主体好办事”为出发点，进一步，以政务服务“高效办成一件事”为抓手。" {
    产出 / 数量 {
      "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW": ≥1234567890个
      "Number of Maintenance Requests Handled Within 24 Hours": ≥99.99%
    }
    效益 / 社会效益 {
      办事主体政务服务体验感增强: "MMMMMMMMMMMMMMMMMMMM"
      短: 长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长
    }
  }
}
"""


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_long_latin_runs_and_mixed_text_are_not_clipped(fmt, tmp_path):
    # Latin text printed in a fallback font is wider than SimSun's half-width Latin: rows sized
    # for SimSun would be too short (LibreOffice clipped this goal text before).
    from perflang.api import compile_text

    model = compile_text(MIXED).model
    pdf = convert(RENDER[fmt](model), fmt, tmp_path)
    text = pdftools.squeeze("".join(pdftools.pages(pdf))).replace(",", "")
    for line in model.projects[0].goals[0].text.split("\n"):
        assert pdftools.squeeze(line) in text
    assert_nothing_runs_over(fmt, pdf, tmp_path)


def assert_nothing_runs_over(fmt: str, pdf: Path, tmp_path: Path) -> None:
    scale = DPI / 72
    for n, (boxes, (w, h, pixels)) in enumerate(zip(pdftools.word_boxes(pdf), _gray_pages(pdf, tmp_path)), 1):
        horizontal, vertical = rules(w, h, pixels)
        assert horizontal and vertical, f"{fmt}: page {n} has no table borders"
        inner = [(x0 * scale + 2, y0 * scale + 2, x1 * scale - 2, y1 * scale - 2) for x0, y0, x1, y1 in boxes]
        for x0, y0, x1, y1 in inner:
            for y, a, b in horizontal:
                assert not (y0 < y < y1 and a < x1 and x0 < b), (
                    f"{fmt}: page {n}: text at ({x0 / scale:.0f}, {y0 / scale:.0f}) runs over a row border"
                )
            for x, a, b in vertical:
                assert not (x0 < x < x1 and a < y1 and y0 < b), (
                    f"{fmt}: page {n}: text at ({x0 / scale:.0f}, {y0 / scale:.0f}) runs over a column border"
                )
        for i, (ax0, ay0, ax1, ay1) in enumerate(inner):
            for bx0, by0, bx1, by1 in inner[i + 1 :]:
                overlap = max(0, min(ax1, bx1) - max(ax0, bx0)) * max(0, min(ay1, by1) - max(ay0, by0))
                assert overlap == 0, f"{fmt}: page {n}: two pieces of text print over each other"
