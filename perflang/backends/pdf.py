"""The PDF backend: the HTML table printed to PDF by headless Chromium.

Chromium rather than a Python PDF library: it lays out CJK text, merged cells, repeated header
rows and unsplittable rows exactly as a user's browser prints the HTML (so the PDF and the HTML
are one layout), its text is real and selectable, and CI installs it anyway for the browser
tests.  docs/output.md explains the choice and how to install it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import PerflangError
from ..model import Model
from . import html

__all__ = ["render", "find_chromium", "print_to_pdf", "ChromiumMissing", "ChromiumFailed", "CHROMIUM_FLAGS"]

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
)
TIMEOUT = 180  # seconds: a large file on a slow machine, but never hang for ever
_DATES = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)(\d{14})")


class ChromiumMissing(PerflangError):
    def __init__(self, detail: str = "") -> None:
        super().__init__("PF921", detail=detail)


class ChromiumFailed(PerflangError):
    def __init__(self, detail: str) -> None:
        super().__init__("PF922", detail=detail)


def find_chromium() -> str:
    """The browser to print with: $PERFLANG_CHROMIUM, else the first known name on PATH."""
    explicit = os.environ.get("PERFLANG_CHROMIUM")
    if explicit:
        found = shutil.which(explicit)
        if not found:
            raise ChromiumMissing(f" (PERFLANG_CHROMIUM={explicit})")
        return found
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise ChromiumMissing()


def scrub(pdf: bytes) -> bytes:
    """The same PDF with its creation and modification dates fixed (same length, so the
    cross-reference offsets stay valid): the same input gives byte-identical output."""
    return _DATES.sub(lambda m: m.group(1) + b"19700101000000", pdf)


def print_to_pdf(page: str, browser: str | None = None) -> bytes:
    """Print an HTML page with headless Chromium (fresh profile, no network services)."""
    browser = browser or find_chromium()
    with tempfile.TemporaryDirectory(prefix="perflang-pdf-") as tmp:
        src, out = Path(tmp) / "page.html", Path(tmp) / "page.pdf"
        src.write_text(page, encoding="utf-8")
        cmd = [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            src.as_uri(),
        ]
        env = {**os.environ, "TZ": "UTC"}
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, env=env, cwd=tmp)
        except FileNotFoundError:
            raise ChromiumMissing(f" ({browser})") from None
        except subprocess.TimeoutExpired:
            raise ChromiumFailed(f"{TIMEOUT} s") from None
        if not out.exists() or out.stat().st_size == 0:
            tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise ChromiumFailed(f"exit {proc.returncode}; " + " | ".join(tail))
        return scrub(out.read_bytes())


def render(model: Model, form: str | None = None) -> bytes:
    """The PDF of the approval (default) or declaration table: the HTML page, printed."""
    return print_to_pdf(html.render(model, form))
