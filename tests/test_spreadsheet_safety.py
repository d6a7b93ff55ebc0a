"""Spreadsheet outputs are safe to open (issue 11, items 7 and 9): the TSV export neutralises
cells that a spreadsheet would run as a formula or DDE link (OWASP's CSV injection advice), and a
C0 control character in a name or value that `check` accepts does not break `--to xlsx`."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_checker_codes import TEMPLATE

from perflang.api import compile_text
from perflang.backends import get
from perflang.backends.tsv import neutral


def _model(ind: str):
    result = compile_text(TEMPLATE.format(ind=ind), "t.perf")
    assert result.ok, [d.code for d in result.diagnostics]
    return result.model


def _row(tsv: str, value: str) -> list[str]:
    return next(line.split("\t") for line in tsv.splitlines() if value in line)


@pytest.mark.parametrize(
    "name", ["=cmd|' /C calc'!A0", "@SUM(1+1)", "+HYPERLINK(1)", "-2+3+cmd|' /C calc'!A0", "＝HYPERLINK(1)"]
)
def test_a_cell_that_would_run_as_a_formula_is_written_as_text(name):
    tsv = get("tsv").render(_model(f'"{name}": ≥3人'))
    assert _row(tsv, "≥3人")[3] == "'" + name


@pytest.mark.parametrize("value", ["=33人", "-5%", "+3", "≥95%", "达成"])
def test_the_forms_own_comparisons_stay_as_written(value):
    assert neutral(value) == value


@given(st.text(max_size=30))
def test_no_cell_starts_like_an_active_formula(text):
    cell = neutral(text)
    assert not (cell[:1] in "=+-@\t\r＝＋－＠" and cell and any(c in cell for c in "(|!"))
    assert cell.removeprefix("'") == text or cell == text


@pytest.mark.parametrize("ind", ['"人\x01数": ≥3人', '人数: "达\x07成"', '"a\x1fb\x0bc\x7f": ≥3人'])
def test_control_characters_do_not_break_the_workbook(ind):
    openpyxl = pytest.importorskip("openpyxl")
    data = get("xlsx").render(_model(ind))
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("\u2400" <= ch <= "\u2421" for t in texts for ch in t), (
        "the control character is shown as its control picture"
    )
