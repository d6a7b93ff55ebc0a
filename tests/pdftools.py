"""Helpers for the real-browser tests: find the tools (skip locally, fail in CI), print a page
with headless Chromium, and read a PDF back with poppler's pdfinfo/pdftotext."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

A4_PT = (595.0, 842.0)  # A4 in PDF points (210 x 297 mm)
MM = 72 / 25.4
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require(name: str) -> str:
    """The path of a tool; a missing tool skips the test locally and fails it in CI."""
    path = shutil.which(os.environ.get("PERFLANG_CHROMIUM", name) if name == "chromium" else name)
    if path:
        return path
    if in_ci():
        pytest.fail(f"{name} is missing in CI: .ci/run must install chromium and poppler-utils")
    pytest.skip(f"{name} is not installed (apt-get install chromium poppler-utils fonts-noto-cjk)")


def chromium(browser: str, tmp: Path, *args: str) -> subprocess.CompletedProcess:
    """Run headless Chromium with a fresh profile; stdout is text (e.g. --dump-dom)."""
    cmd = [browser, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=True)


def print_pdf(browser: str, html: str, tmp: Path) -> Path:
    page, pdf = tmp / "page.html", tmp / "page.pdf"
    page.write_text(html, encoding="utf-8")
    chromium(browser, tmp, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    return pdf


def info(pdf: Path) -> dict[str, str]:
    out = subprocess.run([require("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)


def page_size(pdf: Path) -> tuple[float, float]:
    w, h = re.match(r"\s*([\d.]+) x ([\d.]+) pts", info(pdf)["Page size"]).groups()
    return float(w), float(h)


def pages(pdf: Path) -> list[str]:
    """The text of each page, in content order (-raw keeps a table cell's lines together)."""
    out = subprocess.run(
        [require("pdftotext"), "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return out.stdout.split("\f")[:-1]


def squeeze(text: str) -> str:
    """Text without any whitespace: a cell wrapped over lines reads as one string."""
    return re.sub(r"\s+", "", text)


def word_boxes(pdf: Path) -> list[list[tuple[float, float, float, float]]]:
    """Per page, (xMin, yMin, xMax, yMax) of every word."""
    out = subprocess.run([require("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True)
    word = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"'
    return [[tuple(float(v) for v in m) for m in re.findall(word, page)] for page in out.stdout.split("<page ")[1:]]
