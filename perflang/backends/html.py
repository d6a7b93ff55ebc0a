"""The HTML backend: the printable approval table (批复表) or declaration table (申报表).

One standalone HTML5 page (inline CSS, no scripts, nothing fetched), one sheet per project in
file order, laid out cell for cell like the official form.  All layout decisions (which cells
merge, what each cell says) are made here in Python; the template only prints plain rows.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..check.rules import FORMS
from ..model import Model, ProjectModel
from ..units import parse_unit
from .json import dec

__all__ = ["render", "sheets", "environment", "table_rows", "FORM_TITLES"]

FORM_TITLES = {"approval": "项目支出绩效目标批复表", "declaration": "项目支出绩效目标申报表"}
GOAL_HEADINGS = {"long-term": "长期绩效目标", "annual": "年度绩效目标"}
TABLE_TITLES = {"long-term": "长期绩效目标表", "annual": "年度绩效目标表"}
KIND_ORDER = ("long-term", "annual")
FIELD_LABELS = {"department": "主管部门", "implementer": "实施单位", "nature": "项目属性",
                "period": "项目期", "category": "项目类别"}


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one jinja2 environment for every HTML table (autoescape on for every template name:
    select_autoescape would not cover *.html.j2)."""
    return Environment(loader=PackageLoader("perflang", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


def form_of(model: Model, form: str | None) -> str:
    """The form asked for on the command line, else the file's 表样, else approval."""
    if form:
        return FORMS.get(form, form)
    return FORMS.get(model.form or "", "approval")


def title_of(model: Model, form: str) -> str:
    year = (model.year or "").strip()
    if year and not year.endswith(("年", "年度")):
        year += "年"
    return year + FORM_TITLES[form]


def budget_text(project: ProjectModel, money_unit: str) -> str:
    """The budget in the sheet's money unit: as written when already in it, else converted."""
    b = project.budget
    if b is None:
        return ""
    if b.value is not None and b.unit == money_unit:
        return b.text if b.text.replace(".", "", 1).isdigit() else dec(b.value)
    unit = parse_unit(money_unit)
    if b.base_value is not None and unit is not None and unit.factor:
        return dec(b.base_value / unit.factor)
    return b.text


def _cell(text: str, rowspan: int = 1) -> dict:
    return {"text": text, "rowspan": rowspan}


def _runs(items, key):
    """Consecutive runs of items with equal key, as lists."""
    return [list(run) for _, run in groupby(items, key=key)]


def table_rows(goals) -> list[list[dict]]:
    """One row per indicator: lists of cells; the 目标名称, 一级 and 二级 cells appear only on
    the first row of their run, with the run's length as rowspan (as the official form merges).
    A goal without indicators still gets one row, so that it is not lost from the table."""
    rows: list[list[dict]] = []
    for goal in goals:
        inds = list(goal.indicators)
        if not inds:
            rows.append([_cell(goal.label)] + [_cell("") for _ in range(5)])
            continue
        goal_row = len(rows)
        for run1 in _runs(inds, key=lambda i: i.level1):
            level1_row = len(rows)
            for run2 in _runs(run1, key=lambda i: i.level2):
                level2_row = len(rows)
                for ind in run2:
                    rows.append([_cell(ind.name), _cell(ind.target.text), _cell(ind.basis or "")])
                rows[level2_row].insert(0, _cell(run2[0].level2, len(run2)))
            rows[level1_row].insert(0, _cell(run1[0].level1, len(run1)))
        rows[goal_row].insert(0, _cell(goal.label, len(inds)))
    return rows


def _fields(project: ProjectModel) -> list[tuple[str, str]]:
    out = [(FIELD_LABELS.get(k, k), v) for k, v in project.fields]
    out += [(f"其中：{k}", v) for k, v in project.funding]
    return out


def sheet(project: ProjectModel, model: Model, form: str) -> dict:
    """Everything one project's sheet shows, as plain strings and rows."""
    by_kind = {k: [g for g in project.goals if g.kind == k] for k in KIND_ORDER}
    return {
        "title": title_of(model, form),
        "unit": model.unit or "",
        "money_unit": model.money_unit,
        "name": project.name,
        "budget": budget_text(project, model.money_unit),
        "budget_written": project.budget.text if project.budget is not None else "",  # the text export's
        "fields": _fields(project),
        "goals": [(f"{GOAL_HEADINGS[k]}{g.number}", g.text) for k in KIND_ORDER for g in by_kind[k]],
        "tables": [(TABLE_TITLES[k], table_rows(by_kind[k])) for k in KIND_ORDER if by_kind[k]],
    }


def sheets(model: Model, form: str | None = None) -> list[dict]:
    """The sheets of a model, one per project, in file order."""
    chosen = form_of(model, form)
    return [sheet(p, model, chosen) for p in model.projects]


def render(model: Model, form: str | None = None) -> str:
    """The standalone HTML page of the approval (default) or declaration table."""
    chosen = form_of(model, form)
    page_title = f"{model.unit} {title_of(model, chosen)}" if model.unit else title_of(model, chosen)
    template = environment().get_template("approval.html.j2")
    return template.render(page_title=page_title, sheets=sheets(model, chosen))
