"""perflang reads back every form it prints: each preset (批复表, 申报表, 目标表) and each form file
of examples/forms/, in every format `perflang import` reads (HTML, xlsx, docx, and the text of
`--to tsv`), gives the document printed — the same model as far as the form shows it
(test_tsv.shown_view) — with exit 0 and not one note.  A printed form is a table like any other:
the reader finds its layout by the general rules of docs/import.md (a goal's label row before its
rows, the sign-off lines under the table, goal texts numbered in one cell, the 绩效标准 column,
a side-by-side grid's halves paired by 二级, a funds block's one total as the budget), not by
knowing perflang's forms.  Tested on the examples, on projects with several goals, and as a
property over generated documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import valid_documents
from test_tsv import shown_view

from perflang.api import compile_file, compile_text
from perflang.backends import docx, html, tsv, xlsx
from perflang.backends.sheet import export_form, form_of
from perflang.cli import cli
from perflang.forms import load_form
from perflang.importers.convert import import_file

GOALS = Path(__file__).parent / "fixtures" / "goals"
FILES = sorted(EXAMPLES.glob("*.perf")) + sorted(GOALS.glob("*.perf"))
FORM_FILES = sorted((EXAMPLES / "forms").glob("*.toml"))
FORMS = ["批复表", "申报表", "目标表", *(str(f) for f in FORM_FILES)]
WRITERS = {
    "html": lambda model, form: html.render(model, form).encode("utf-8"),
    "xlsx": xlsx.render,
    "docx": docx.render,
    "tsv": lambda model, form: tsv.render(model, form).encode("utf-8"),
}


def _form(form: str):
    return load_form(Path(form)) if form.endswith(".toml") else form


def same_document(model, back, form: str, fmt: str) -> None:
    """back is model as far as the form shows it, and names the form model was printed on (a form
    file: the preset it starts from); the text export shows what the 批复表 does, on any form; a
    web page shows a run of spaces as one (HTML's white space, not a full-width 　)."""
    chosen = form_of(model, _form(form))
    layout = export_form(chosen, model.year) if fmt == "tsv" else chosen
    assert form_of(back, None).key == chosen.key
    shown = [shown_view(back, layout), shown_view(model, layout)]
    if fmt == "html":
        shown = [_collapsed(v) for v in shown]
    assert shown[0] == shown[1]


def _collapsed(value):
    """value with every run of HTML white space in its texts as one space."""
    if isinstance(value, str):
        return re.sub(r"[ \t\r\f]+", " ", value)
    if isinstance(value, dict):
        return {k: _collapsed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_collapsed(v) for v in value)
    return value


def read_back(model, form: str, fmt: str, folder: Path):
    """The document imported from the model printed on form in fmt, and what the import found."""
    path = folder / f"printed.{fmt}"
    path.write_bytes(WRITERS[fmt](model, _form(form)))
    text, doc = import_file(path)
    back = compile_text(text, "imported.perf")
    assert back.model is not None, text
    return back.model, doc


def test_the_matrix_covers_every_preset_and_form_file():
    assert {"批复表", "申报表", "目标表"} <= set(FORMS) and FORM_FILES
    assert {"two-annual-goals.perf", "several-goals.perf"} <= {f.name for f in FILES}


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize("form", FORMS, ids=[Path(f).stem for f in FORMS])
@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_every_printed_form_reads_back_as_the_document(path, form, fmt, tmp_path):
    model = compile_file(path).model
    back, doc = read_back(model, form, fmt, tmp_path)
    assert [n.text() for n in doc.notes] == []
    same_document(model, back, form, fmt)


@pytest.mark.parametrize("form", FORMS, ids=[Path(f).stem for f in FORMS])
def test_several_goals_each_keep_their_rows(form, tmp_path):
    """Two long-term and three annual goals, an indicator that three goals share (沿线群众满意度),
    a goal shared with 同: each goal's rows come back under that goal, from every form."""
    model = compile_file(GOALS / "several-goals.perf").model
    for fmt in ("html", "xlsx", "docx"):
        back, _ = read_back(model, form, fmt, tmp_path)
        goals = {(g.kind, g.number): [i.name for i in g.indicators] for g in back.projects[0].goals}
        assert goals == {
            ("long-term", 1): ["提质改造里程", "沿线群众满意度"],
            ("long-term", 2): ["监测覆盖率"],
            ("annual", 1): ["提质改造里程", "沿线群众满意度"],
            ("annual", 2): ["危桥改造座数", "完工时间", "沿线群众满意度"],
            ("annual", 3): ["道路通畅率"],
        }, fmt


@pytest.mark.parametrize("fmt", ["html", "xlsx", "docx"])
def test_the_import_command_exits_0_and_says_nothing_but_the_summary(fmt, tmp_path):
    """The Chinese guide's example (docs/zh/导入与导出.md): a 目标表 printed and imported again."""
    out = tmp_path / f"q.{fmt}"
    built = CliRunner().invoke(
        cli, ["build", str(EXAMPLES / "qingshan-education-target.perf"), "--to", fmt, "-o", str(out)]
    )
    assert built.exit_code == 0, built.output
    done = CliRunner().invoke(cli, ["import", str(out), "-o", str(tmp_path / "q.perf")])
    assert done.exit_code == 0, done.output
    assert done.output.strip().splitlines() == [f"{out}: 导入 1 个项目、2 个目标、7 个三级指标；0 条注意，0 个问题"]


@settings(
    max_examples=int(__import__("os").environ.get("RT_N", 40)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(valid_documents(), st.sampled_from(FORMS), st.sampled_from(list(WRITERS)))
def test_a_generated_document_reads_back_from_every_form_and_format(tmp_path_factory, drawn, form, fmt):
    """Documents of the whole language (several goals, 同, funds, 字段, every spelling) printed
    on any form in any format."""
    model = compile_text(drawn.text, "drawn.perf").model
    back, doc = read_back(model, form, fmt, tmp_path_factory.mktemp("printed"))
    assert [n.text() for n in doc.notes] == []
    same_document(model, back, form, fmt)
