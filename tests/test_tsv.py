"""build --to tsv: the seed's text layout, read back by import into the same document."""

from __future__ import annotations

from conftest import SEED_EXAMPLE
from hypothesis import HealthCheck, given, settings
from perfdocs import documents
from seedtable import SEED, read_seed
from strategies import valid_documents

from perflang.api import compile_file, compile_text
from perflang.backends.tsv import render
from perflang.forms import FORM_KEYS as FORMS
from perflang.importers.convert import import_text


def form_view(model) -> dict:
    """What the form shows of a model: settings, headers, goals and their indicator rows (the
    budget as an amount: the form shows it in the money unit, 571万元 as 571)."""
    return {
        "unit": model.unit,
        "money_unit": model.money_unit,
        "year": model.year,
        "form": FORMS.get(model.form or "", "approval"),
        "projects": [
            (
                p.name,
                p.budget.base_value if p.budget else None,
                p.fields,
                p.funding,
                [
                    (
                        g.kind,
                        g.number,
                        g.text,
                        [(i.level1, i.level2, i.name, i.target.text, i.basis) for i in g.indicators],
                    )
                    for g in p.goals
                ],
            )
            for p in model.projects
        ],
    }


def shown_view(model, form=None) -> dict:
    """form_view within what a printed form shows (the file's 表样, or `form`: a name or a Form):
    the form it is (a form file by the preset it starts from); 申报单位 only where the form prints
    it; the 指标值确定依据 only where it has that column; the 字段 its footer prints ({填表人})
    in no order of their own (a footer is no place in the file); a funds line's 其中 and a colon
    after its name (the form's way to write a part, not part of the name)."""
    import re

    from perflang.backends.sheet import TOTAL_WORDS, _placeheld, form_of
    from perflang.model import parse_budget

    chosen = form_of(model, form)
    view = form_view(model)
    view["form"] = chosen.key
    if "{申报单位}" not in "".join(
        (chosen.title, chosen.subtitle, chosen.meta_left, chosen.meta_right, *chosen.footer)
    ):
        view["unit"] = None
    footer, basis = _placeheld(chosen), any(c.key == "basis" for c in chosen.columns)
    projects = []
    for name, budget, fields, funding, goals in view["projects"]:
        fields = [f for f in fields if f[0] not in footer] + sorted(f for f in fields if f[0] in footer)
        funding = [(re.sub(r"^其中\s*[:：]\s*", "", n).rstrip(":："), v) for n, v in funding]
        totals = [f for f in funding if any(w in f[0] for w in TOTAL_WORDS)]
        if (
            not chosen.show_budget
            and len(totals) == 1
            and parse_budget(totals[0][1], model.money_unit).base_value == budget
        ):
            funding.remove(totals[0])  # a form without a budget row prints the budget as its one total
        if not basis:
            goals = [(k, n, t, [(*i[:4], None) for i in rows]) for k, n, t, rows in goals]
        if chosen.tables == "side-by-side":
            goals = _paired_order(goals)
        projects.append((name, budget, fields, funding, goals))
    view["projects"] = projects
    return view


def _paired_order(goals: list) -> list:
    """A side-by-side grid (the 目标表) pairs its halves' rows by (一级, 二级): the n-th goals with
    indicators of each kind print side by side, and each one's rows stand grouped in the order
    the pair's (一级, 二级) first appear, the annual goal's first (sheet._paired_rows)."""
    with_rows = {kind: [g for g in goals if g[0] == kind and g[3]] for kind in ("long-term", "annual")}
    order_of = {}
    for n in range(max(len(v) for v in with_rows.values()) if goals else 0):
        pair = [with_rows[kind][n] for kind in ("annual", "long-term") if n < len(with_rows[kind])]
        order = list(dict.fromkeys((r[0], r[1]) for g in pair for r in g[3]))
        for g in pair:
            order_of[id(g)] = order
    return [
        (k, n, t, sorted(rows, key=lambda r: order_of[id(g)].index((r[0], r[1]))) if id(g) in order_of else rows)
        for g in goals
        for k, n, t, rows in [g]
    ]


def model_of(text: str):
    model = compile_text(text, "x.perf").model
    assert model is not None, text
    return model


def test_seed_example_gives_the_seed_table(tmp_path):
    out = tmp_path / "seed.tsv"
    out.write_text(render(compile_file(SEED_EXAMPLE).model), encoding="utf-8")
    assert read_seed(out) == read_seed(SEED)


def test_seed_example_lines_match_the_seed_where_the_seed_is_regular():
    ours = render(compile_file(SEED_EXAMPLE).model).split("\n")
    seed = SEED.read_text(encoding="utf-8").split("\n")
    # project 1 of the seed, lines 11-24 (before the shifted row 25), trailing tabs aside
    start = ours.index("项目名称\t政务服务工作\t\t项目预算\t\t571")
    assert ours[start : start + 14] == [line.rstrip("\t") if line.startswith("\t") else line for line in seed[10:24]]
    # the shifted row comes out in its place
    assert ours[start + 14] == "\t满意度指标\t满意度指标\t群众满意度\t≥95%\t计划标准"
    assert ours[:9] == ["", "项目支出绩效目标批复表", "", "申报单位：", "", "鄂州市数据局", "", "金额单位：万元", ""]


def test_import_of_the_export_gives_the_example_back():
    model = compile_file(SEED_EXAMPLE).model
    text, doc = import_text(render(model))
    assert doc.notes == []
    assert form_view(model_of(text)) == form_view(model)
    assert text == SEED_EXAMPLE.read_text(encoding="utf-8").split("\n\n", 1)[1]  # all but the header comment


def test_tabs_and_line_breaks_in_cells_become_spaces():
    model = model_of('项目 X {\n预算 1\n长期目标 1 "一行\\n两行\\t制表" {\n产出 / 数量 {\n a: 1\n}\n}\n}\n')
    assert "\t\t一行 两行 制表\t" in render(model)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(clean=True))
def test_import_of_the_export_gives_the_document_back(drawn):
    model = model_of(drawn[0])
    text, _ = import_text(render(model))
    again = model_of(text)
    assert form_view(again) == form_view(model)
    assert import_text(render(again))[0] == text  # and the import is a fixed point


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_documents())
def test_documents_in_every_spelling_survive_the_export(drawn):
    # keywords, 一级/二级 and comparators in all their spellings, weights and explanations
    # (not columns of the form, so not compared)
    model = model_of(drawn.text)
    assert form_view(model_of(import_text(render(model))[0])) == form_view(model)
