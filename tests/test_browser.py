"""The HTML table in a real browser: headless Chromium prints it, poppler reads the PDF back.

Skipped only when chromium/pdftotext are missing outside CI; in CI (CI=true) they must run.
"""

from __future__ import annotations

import re

import pdftools
import pytest
from conftest import SEED_EXAMPLE
from pdftools import A4_PT, MM, squeeze

from perflang.api import compile_file, compile_text
from perflang.backends.html import render

# Injected into a COPY of the page only: the product HTML itself has no script.  It records the
# document's scroll width against the viewport, and how many cells overflow their box.
MEASURE = """<script>
window.addEventListener('load', function () {
  var d = document.documentElement, cells = 0;
  document.querySelectorAll('td, th').forEach(function (e) {
    if (e.scrollWidth > e.clientWidth + 1) { cells += 1; }
  });
  document.body.setAttribute('data-measure', [d.scrollWidth, d.clientWidth, cells].join(','));
});
</script>
"""
A4_CSS_PX = 794  # 210 mm at 96 CSS px per inch


@pytest.fixture(scope="module")
def browser():
    pdftools.require("pdftotext")
    return pdftools.require("chromium")


@pytest.fixture(scope="module")
def seed_pdf(browser, tmp_path_factory):
    html = render(compile_file(SEED_EXAMPLE).model)
    return pdftools.print_pdf(browser, html, tmp_path_factory.mktemp("seed"))


def _long_project() -> str:
    """One project whose table crosses pages: 60 rows with names long enough to wrap, and a
    goal text with an unbreakable Latin run that must still wrap inside the page."""
    groups = []
    for g, (l1, l2) in enumerate([("产出", "数量"), ("产出", "质量"), ("效益", "社会效益")]):
        rows = "\n".join(
            f"      第{g}组第{i}项用于检验表格跨页时表头重复以及行不被拆开的很长的三级指标名称: ≥{i}个"
            for i in range(20)
        )
        groups.append(f"    {l1} / {l2} {{\n{rows}\n    }}")
    body = "\n".join(groups)
    return (
        "申报单位 测试单位\n金额单位 万元\n项目 跨页项目 {\n  预算 10\n"
        f'  年度目标 1 "{"https://example.invalid/" + "x" * 300}" {{\n{body}\n  }}\n}}\n'
    )


@pytest.fixture(scope="module")
def long_html():
    result = compile_text(_long_project())
    assert result.ok, [d.message() for d in result.diagnostics]
    return render(result.model)


@pytest.fixture(scope="module")
def long_pdf(browser, long_html, tmp_path_factory):
    return pdftools.print_pdf(browser, long_html, tmp_path_factory.mktemp("long"))


def test_each_project_starts_a_new_a4_page(seed_pdf, seed_projects):
    assert pdftools.page_size(seed_pdf) == pytest.approx(A4_PT, abs=1)
    texts = pdftools.pages(seed_pdf)
    assert int(pdftools.info(seed_pdf)["Pages"]) == len(texts) >= len(seed_projects)
    starts = [t for t in texts if t.startswith(seed_projects[0].title)]
    assert len(starts) == len(seed_projects)
    for text, project in zip(starts, seed_projects):
        first_lines = text.splitlines()[:3]
        assert f"项目名称 {project.name} 项目预算 {project.budget}" in first_lines


def test_every_indicator_name_value_and_basis_is_printed(seed_pdf, seed_projects):
    text = squeeze("".join(pdftools.pages(seed_pdf)))
    rows = [r for p in seed_projects for r in p.rows]
    assert len(rows) == 78
    for r in rows:
        assert squeeze(f"{r.name}{r.value}{r.basis}") in text, r
    for p in seed_projects:
        for _, goal_text in p.goals:
            assert squeeze(goal_text) in text


def test_printed_text_stays_inside_the_page_at_full_size(seed_pdf, long_pdf):
    for pdf in (seed_pdf, long_pdf):
        width, _ = pdftools.page_size(pdf)
        pages = pdftools.word_boxes(pdf)
        boxes = [b for page in pages for b in page]
        assert boxes
        assert min(b[0] for b in boxes) >= 12 * MM
        assert max(b[2] for b in boxes) <= width - 12 * MM
        # not shrunk to fit: wrapped lines in one cell (same left edge, same page) keep the
        # full-size line pitch, 10.5pt x line-height 1.35
        pitches = []
        for page in pages:
            lefts: dict[float, list[float]] = {}
            for x0, y0, _, _ in page:
                lefts.setdefault(round(x0, 1), []).append(y0)
            for ys in lefts.values():
                ys.sort()
                pitches += [b - a for a, b in zip(ys, ys[1:]) if b - a > 1]
        assert min(pitches) == pytest.approx(10.5 * 1.35, abs=0.8)


@pytest.mark.parametrize("width", [A4_CSS_PX, 680])
def test_nothing_is_wider_than_an_a4_page(browser, tmp_path, long_html, width):
    seed_html = render(compile_file(SEED_EXAMPLE).model)
    for name, html in (("seed", seed_html), ("long", long_html)):
        assert "<script" not in html
        page = tmp_path / f"{name}.html"
        page.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
        dom = pdftools.chromium(
            browser, tmp_path, f"--window-size={width},1123", "--virtual-time-budget=5000", "--dump-dom", page.as_uri()
        ).stdout
        scroll, client, overflowing = map(int, re.search(r'data-measure="(\d+),(\d+),(\d+)"', dom).groups())
        assert client <= width
        assert scroll <= client, (name, width)
        assert overflowing == 0, (name, width)


def test_header_rows_repeat_and_rows_never_split(long_pdf):
    texts = pdftools.pages(long_pdf)
    assert len(texts) >= 3
    assert "目标名称 一级指标 二级指标 三级指标 指标值 指标值确定依据" in texts[0]  # not pushed off page 1
    for text in texts[1:]:  # every page the table continues on starts with its header rows
        assert text.splitlines()[:2] == ["年度绩效目标表", "目标名称 一级指标 二级指标 三级指标 指标值 指标值确定依据"]
    squeezed = [squeeze(t) for t in texts]
    for g in range(3):
        for i in range(20):
            row = f"第{g}组第{i}项用于检验表格跨页时表头重复以及行不被拆开的很长的三级指标名称≥{i}个"
            assert sum(row in t for t in squeezed) == 1, row  # whole, on exactly one page
