"""`perflang build --to pdf`: pages, text, A4, byte-identical output, and a plain error (exit 2)
when Chromium is missing.  The Chromium tests skip only outside CI when the tools are absent."""

from __future__ import annotations

import os
import subprocess
import sys

import pdftools
import pytest
from click.testing import CliRunner
from conftest import SEED_EXAMPLE
from pdftools import A4_PT, squeeze

from perflang.cli import cli

SMALL = (
    '申报单位 测试单位\n金额单位 万元\n项目 {name} {{\n  预算 5\n  年度目标 1 "培训" {{\n'
    "    产出 / 数量 {{\n      培训人数: ≥20人\n    }}\n  }}\n}}\n"
)


def build(*args: str) -> None:
    result = CliRunner().invoke(cli, ["build", *args])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def tools():
    pdftools.require("pdftotext")
    pdftools.require("chromium")


@pytest.fixture(scope="module")
def seed_pdf(tools, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "批复表.pdf"
    build(str(SEED_EXAMPLE), "--to", "pdf", "-o", str(out))
    return out


def test_seed_pdf_has_a_page_per_project_and_every_row(seed_pdf, seed_projects):
    assert seed_pdf.read_bytes().startswith(b"%PDF-")
    assert pdftools.page_size(seed_pdf) == pytest.approx(A4_PT, abs=1)
    texts = pdftools.pages(seed_pdf)
    assert len(texts) >= len(seed_projects)
    assert [t.splitlines()[0] for t in texts if t.startswith("项目支出")] == [p.title for p in seed_projects]
    whole = squeeze("".join(texts))
    for p in seed_projects:
        assert squeeze(f"项目名称{p.name}项目预算{p.budget}") in whole
        for r in p.rows:
            assert squeeze(f"{r.name}{r.value}{r.basis}") in whole, r


def test_pdf_output_is_byte_identical_and_undated(seed_pdf, tmp_path):
    again = tmp_path / "again.pdf"
    build(str(SEED_EXAMPLE), "--to", "pdf", "-o", str(again))
    assert again.read_bytes() == seed_pdf.read_bytes()
    assert pdftools.info(again)["CreationDate"].strip().endswith("1970 UTC")


def test_declaration_pdfs_for_a_folder_one_per_input(tools, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for stem, name in (("a", "甲项目"), ("b", "乙项目")):
        (src / f"{stem}.perf").write_text(SMALL.format(name=name), encoding="utf-8")
    build(str(src), "--to", "pdf", "--form", "declaration", "-o", str(tmp_path / "out"))
    for stem, name in (("a", "甲项目"), ("b", "乙项目")):
        texts = pdftools.pages(tmp_path / "out" / f"{stem}.pdf")
        assert len(texts) == 1
        assert texts[0].splitlines()[0] == "项目支出绩效目标申报表"
        # the Hunan 申报表 (perflang/forms.py): label | value rows
        assert f"项目支出名称 {name}" in texts[0] and "年度本级预算金额 5" in texts[0]
        assert squeeze("培训人数≥20人") in squeeze(texts[0])


def test_missing_chromium_is_a_plain_error_with_exit_2(tmp_path):
    env = {**os.environ, "PERFLANG_CHROMIUM": str(tmp_path / "no-such-browser")}
    out = tmp_path / "x.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "perflang", "build", str(SEED_EXAMPLE), "--to", "pdf", "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "生成 PDF 需要 Chromium 浏览器" in proc.stderr
    assert "apt-get install chromium" in proc.stderr
    assert not out.exists()
