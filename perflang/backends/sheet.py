"""The sheet: one project laid out on its form (perflang/forms.py) as tables of cells.

Every printable backend reads this one layout: HTML (and so PDF) prints the tables, TSV and
xlsx flatten them into a `Grid` (rows of cells plus merged ranges), docx draws them.  All
layout decisions — which cells merge, what each says, which rows exist — are made here.
"""

from __future__ import annotations

from itertools import groupby

from attrs import evolve, frozen

from ..decimals import decimal_text as dec
from ..forms import PRESETS, Column, Form, fill, resolve_form
from ..model import Model, ProjectModel
from ..source import CONTROL_PICTURES
from ..units import parse_unit

__all__ = [
    "Cell",
    "Table",
    "Page",
    "Grid",
    "pages",
    "page",
    "form_of",
    "table_rows",
    "indicator_rows",
    "budget_text",
    "grids",
    "form_grids",
    "export_form",
    "grid_of",
    "FIELD_LABELS",
    "TOTAL_WORDS",
]

FIELD_LABELS = {
    "name": "项目名称",
    "budget": "项目预算",
    "department": "主管部门",
    "implementer": "实施单位",
    "nature": "项目属性",
    "period": "项目期",
    "category": "项目类别",
}
KIND_ORDER = ("long-term", "annual")
TOTAL_WORDS = ("总额", "合计", "总计", "总投资", "小计")  # a funds line naming a total: no 其中
MERGED = ("goal", "level1", "level2")  # the columns whose runs merge, outermost first


@frozen
class Cell:
    text: str
    tag: str = "td"  # th for labels and headers
    colspan: int = 1
    rowspan: int = 1
    cls: str = ""  # text (left-aligned, keeps line breaks), section, l3, num
    amount: bool = False  # an amount of money: a number cell in a workbook where it is a plain decimal


Row = tuple[Cell, ...]


@frozen
class Table:
    cls: str  # summary / indicators
    cols: tuple[tuple[str, float], ...]  # (class, width %) per column
    head: tuple[Row, ...]  # repeated on every page
    body: tuple[Row, ...]


@frozen
class Page:
    """One project's sheet."""

    form: Form
    title: str
    subtitle: str
    meta_left: str
    meta_right: str
    tables: tuple[Table, ...]
    footer: tuple[str, ...]
    name: str
    unit: str
    money_unit: str
    top: str = ""  # a line above the title (the 四川 自评表's 报表编号)
    shrink: float = 1.0  # a one-page form (the 自评表) a little taller than its page is printed
    #   scaled onto it, to this factor at least; 1.0: never scaled

    def __getitem__(self, key: str):  # the older dict-style access: sheet["name"]
        return getattr(self, key)

    @property
    def width(self) -> int:
        return max(len(t.cols) for t in self.tables)


def form_of(model: Model, form: str | Form | None) -> Form:
    """The form asked for (command line) or else the file's 表样, else 批复表."""
    if isinstance(form, Form):
        return form
    return resolve_form(form or model.form, model.source)


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


def _runs(items, key):
    return [list(run) for _, run in groupby(items, key=key)]


def _value(key: str, ind, goal) -> str:
    if key == "goal":
        return goal.label
    if key == "level1":
        return ind.level1
    if key == "level2":
        return ind.level2
    if key == "level3":
        return ind.name
    if key == "value":
        return ind.target.text
    if key == "basis":
        return ind.basis or ""
    if key == "last_year":
        return ind.last_year or ""
    if key == "explanation":
        return ind.explanation or ""
    if key == "weight":
        return dec(ind.weight) if ind.weight is not None else ""
    return ""


def _cls(key: str) -> str:
    return {"level3": "l3", "value": "num", "last_year": "num", "weight": "num"}.get(key, "")


def indicator_rows(goals, columns: tuple[Column, ...], merge: bool = True) -> list[Row]:
    """One row per indicator.  With merge, the 目标名称, 一级 and 二级 cells appear only on the
    first row of their run (nested: 一级 runs within a goal, 二级 within a 一级), with the run's
    length as rowspan, as the official form merges.  A goal without indicators still gets one
    row (its name, the rest blank) when the table has a 目标名称 column."""
    keys = [c.key for c in columns]
    rows: list[list[Cell | None]] = []
    for goal in goals:
        inds = list(goal.indicators)
        if not inds:
            if "goal" in keys:
                rows.append([Cell(goal.label if k == "goal" else "", cls=_cls(k)) for k in keys])
            continue
        start = len(rows)
        for ind in inds:
            rows.append([Cell(_value(k, ind, goal), cls=_cls(k)) for k in keys])
        if not merge:
            continue
        # runs: goal -> level1 -> level2, each within its parent
        spans = {"goal": [(start, len(inds))]}
        l1_runs, l2_runs, r = [], [], start
        for run1 in _runs(inds, key=lambda i: i.level1):
            l1_runs.append((r, len(run1)))
            r2 = r
            for run2 in _runs(run1, key=lambda i: i.level2):
                l2_runs.append((r2, len(run2)))
                r2 += len(run2)
            r += len(run1)
        spans["level1"], spans["level2"] = l1_runs, l2_runs
        for key, runs in spans.items():
            if key not in keys:
                continue
            col = keys.index(key)
            for first, n in runs:
                cell = rows[first][col]
                rows[first][col] = Cell(cell.text, cell.tag, 1, n, cell.cls)
                for k in range(first + 1, first + n):
                    rows[k][col] = None
    return [tuple(c for c in row if c is not None) for row in rows]


def table_rows(goals) -> list[list[dict]]:
    """The 批复表's indicator rows as dicts (text, rowspan): the layout the tests check."""
    return [
        [{"text": c.text, "rowspan": c.rowspan} for c in row]
        for row in indicator_rows(goals, PRESETS["批复表"].columns)
    ]


def _ordered_fields(project: ProjectModel) -> list[tuple[str, str]]:
    """The project's settings and 字段 lines in the order written (预算 and 默认依据 aside)."""
    node = project.node
    written = [
        (s.span.line, s.span.column, s.key, s.value) for s in node.settings if s.key not in ("budget", "default_basis")
    ]
    written += [(f.span.line, f.span.column, f.name, f.value) for f in node.fields if f.kind == "field"]
    return [(k, v) for _, _, k, v in sorted(written)]


def _funding(form: Form, project: ProjectModel) -> list[tuple[str, str]]:
    """The funds lines as the form prints them: a total (资金总额 …) never gets 其中; a line
    written with 其中 keeps it; otherwise the form's rule (each / first after a total / none)."""
    out, after_total = [], False
    for name, value in project.funding:
        written = name.strip()
        total = any(w in written for w in TOTAL_WORDS)
        if total or written.startswith("其中") or form.funding_prefix == "written":
            label = written
        elif form.funding_prefix == "each" or after_total:
            label = f"其中：{written}"
        else:
            label = written
        after_total = total and form.funding_prefix == "first"
        out.append((label, value))
    return out


def _values(model: Model, project: ProjectModel, money_unit: str) -> dict[str, str]:
    """What the form texts' {placeholders} may name: settings and every 字段."""
    values = {
        "申报单位": model.unit or "",
        "金额单位": money_unit,
        "项目名称": project.name,
        "项目预算": budget_text(project, money_unit),
    }
    for key, value in project.fields:
        values[FIELD_LABELS.get(key, key)] = value
    return values


def _placeheld(form: Form) -> set[str]:
    """The 字段 names the form's own texts print (the footer's {填表人} …): not rows as well."""
    import re

    texts = (form.title, form.subtitle, form.meta_left, form.meta_right, *form.footer)
    return {m for t in texts for m in re.findall(r"\{([^{}]+)\}", t)} - {"年度", "上年"}


def goal_texts(goals) -> str:
    """The texts of a kind's goals in one cell: as written for one goal; for several, each on
    its own line after its label (年度目标1：…), as the forms that number their goals print them."""
    if len(goals) == 1:
        return goals[0].text
    return "\n".join(f"{g.label}：{g.text}" for g in goals)


def _goals(project: ProjectModel):
    return {k: [g for g in project.goals if g.kind == k] for k in KIND_ORDER}


TABLE_MM = 182.0  # the printed table's width (the sheet's max-width in _print.css.j2)
CJK_MM = 3.75  # one CJK character at 10.5pt
PAD_MM = 3.0  # a cell's padding and borders


def label_width(labels, colspan: int = 1, least: float = 12.0, most: float = 30.0) -> float:
    """The share (%) a label column needs so that its longest label stays on one line (labels up
    to 10 characters; longer ones wrap), spread over colspan columns."""
    from ..source import display_width

    longest = max((min(display_width(t), 20) for t in labels), default=0)
    need = (longest / 2 * CJK_MM + PAD_MM) / TABLE_MM * 100 / colspan
    return round(min(most, max(least, need + 0.5 + CJK_MM / TABLE_MM * 100 / colspan)), 1)


def _fit(widths: list[float], first: float) -> list[float]:
    """widths with the first set to `first` and the others scaled to fill 100 %."""
    rest = sum(widths[1:])
    return [first] + [round(w * (100 - first) / rest, 2) for w in widths[1:]]


def _summary_approval(form: Form, project: ProjectModel, money_unit: str, skip: set[str]) -> Table:
    """The seed's header block: 项目名称 | name | 项目预算 | budget, one row per field, the goals."""
    width = len(form.columns)
    name, budget = form.label("name", "项目名称"), form.label("budget", "项目预算")
    amount = budget_text(project, money_unit)
    if form.budget_as_written and project.budget is not None:
        amount = project.budget.text
    if width >= 4:  # 项目名称 | name | 项目预算 | budget (the seed: 1 + 2 + 2 + 1 columns)
        name_span = max(1, width - 4)
        label_span = 2 if width >= 5 else 1
        rows: list[Row] = [
            (
                Cell(name, "th"),
                Cell(project.name, colspan=name_span),
                Cell(budget, "th", label_span),
                Cell(amount, colspan=width - 1 - name_span - label_span, cls="num", amount=True),
            )
        ]
    else:
        rows = [
            (Cell(name, "th"), Cell(project.name, colspan=width - 1)),
            (Cell(budget, "th"), Cell(amount, colspan=width - 1, cls="num", amount=True)),
        ]
    fields = [
        (form.label(k, FIELD_LABELS.get(k, k)), v)
        for k, v in _ordered_fields(project)
        if FIELD_LABELS.get(k, k) not in skip
    ]
    for label, value in fields:
        rows.append((Cell(label, "th"), Cell(value, colspan=width - 1, cls="text")))
    for label, value in _funding(form, project):
        rows.append((Cell(label, "th"), Cell(value, colspan=width - 1, cls="text", amount=True)))
    by_kind = _goals(project)
    if form.goal_section:
        rows.append((Cell(form.goal_section, "th", width, cls="section"),))
    rows.append((Cell("名称", "th", 2), Cell("目标说明", "th", width - 2)))
    for kind in KIND_ORDER:
        for g in by_kind[kind]:
            rows.append(
                (Cell(f"{form.goal_heading(kind)}{g.number}", "th", 2), Cell(g.text, colspan=width - 2, cls="text"))
            )
    widths = [c.width for c in form.columns]
    first = label_width([r[0].text for r in rows if r[0].tag == "th" and r[0].colspan == 1])
    first = max(first, widths[0])
    return Table("summary", tuple((f"c-{i}", w) for i, w in enumerate(_fit(widths, first))), (), tuple(rows))


def _pair_rows(pairs: list[tuple], per_row: int, width: int, lead: int) -> list[list[Cell]]:
    """label | value pairs, per_row to a row, spread over width - lead columns (a pair
    (label, value, True) is an amount of money)."""
    avail = width - lead
    out = []
    for i in range(0, len(pairs), per_row):
        chunk = pairs[i : i + per_row]
        share = [avail // per_row + (1 if k < avail % per_row else 0) for k in range(per_row)]
        row: list[Cell] = []
        for k, (label, value, *amount) in enumerate(chunk):
            span = share[k] if k < len(chunk) - 1 else sum(share[k:])
            row += [Cell(label, "th"), Cell(value, colspan=max(1, span - 1), cls="text", amount=bool(amount))]
        out.append(row)
    return out


def _summary_pairs(form: Form, project: ProjectModel, money_unit: str, skip: set[str]) -> Table:
    """A header block of label | value pairs (申报表, 目标表) in the order written (预算 where
    the budget line is, funds lines among them unless the form has a funds block), the goals."""
    width = 1 + 2 * max(form.pairs_per_row, form.funding_pairs, 2)
    width = max(width, 1 + len(form.goal_columns))
    rows: list[list[Cell]] = [
        [Cell(form.label("name", "项目名称"), "th"), Cell(project.name, colspan=width - 1, cls="text")]
    ]
    node = project.node
    goal_fields = set(dict(form.goal_columns).values()) if form.goals == "columns" else set()
    written = [
        (s.span.line, s.span.column, s.key, s.value)
        for s in node.settings
        if s.key != "default_basis" and (s.key != "budget" or form.show_budget)
    ]
    written += [(f.span.line, f.span.column, f.name, f.value) for f in node.fields if f.kind == "field"]
    funding = [(label, value, True) for label, value in _funding(form, project)]
    if not form.funding_label:
        spans = [(f.span.line, f.span.column) for f in node.fields if f.kind == "funding"]
        written += [(*span, None, pair) for span, pair in zip(spans, funding)]
        funding = []
    items = []
    for _, _, key, value in sorted(written, key=lambda w: w[:2]):
        if key is None:
            items.append(value)
        elif key == "budget":
            items.append((form.label("budget", "项目预算"), project.budget.text if project.budget else "", True))
        elif FIELD_LABELS.get(key, key) not in skip and key not in goal_fields:
            items.append((form.label(key, FIELD_LABELS.get(key, key)), value))
    rows += _pair_rows(items, form.pairs_per_row, width, 0)
    if form.funding_label:
        if not form.show_budget and not any(any(w in n for w in TOTAL_WORDS) for n, *_ in funding):
            funding.insert(0, ("资金总额", budget_text(project, money_unit) + money_unit))
        funds = _pair_rows(funding, form.funding_pairs, width, 1)
        if funds:
            funds[0].insert(0, Cell(form.funding_label, "th", rowspan=len(funds)))
        rows += funds
    by_kind = _goals(project)
    if form.goals == "columns":
        heads, texts = [], []
        share = [(width - 1) // len(form.goal_columns)] * len(form.goal_columns)
        share[-1] += (width - 1) - sum(share)
        fields_map = dict(project.fields)
        for (heading, source), span in zip(form.goal_columns, share):
            if source in KIND_ORDER:
                text = goal_texts(by_kind[source])
            else:
                text = fields_map.get(source, "")
            heads.append(Cell(heading, "th", span))
            texts.append(Cell(text, colspan=span, cls="text"))
        rows.append([Cell(form.goal_label, "th", rowspan=2)] + heads)
        rows.append(texts)
    else:
        if form.goal_section:
            rows.append([Cell(form.goal_section, "th", width, cls="section")])
        for kind in KIND_ORDER:
            goals = by_kind[kind]
            if not goals:
                continue
            if form.goal_numbers:
                for g in goals:
                    rows.append(
                        [
                            Cell(f"{form.goal_heading(kind)}{g.number}", "th"),
                            Cell(g.text, colspan=width - 1, cls="text"),
                        ]
                    )
            else:
                rows.append(
                    [
                        Cell(form.goal_heading(kind), "th"),
                        Cell(goal_texts(goals), colspan=width - 1, cls="text"),
                    ]
                )
    label_w = label_width(
        [r[0].text for r in rows if r and r[0].tag == "th" and r[0].colspan == 1], least=form.label_width
    )
    other = round((100 - label_w) / (width - 1), 2)
    cols = (("c-0", label_w),) + tuple((f"c-{i}", other) for i in range(1, width))
    return Table("summary", cols, (), tuple(tuple(r) for r in rows))


def _header_row(form: Form, year: str | None) -> Row:
    return tuple(Cell(fill(c.header, {}, year), "th") for c in form.columns)


def _stacked(form: Form, project: ProjectModel, year: str | None) -> list[Table]:
    tables = []
    width = len(form.columns)
    cols = tuple((f"c-{c.key}", c.width) for c in form.columns)
    for kind in KIND_ORDER:
        goals = _goals(project)[kind]
        if not any(g.indicators for g in goals):
            continue  # no table without indicators (a goal's text is in the header block)
        head = ((Cell(form.table_title(kind), "th", width, cls="section"),), _header_row(form, year))
        with_rows = [g for g in goals if g.indicators]
        if len(with_rows) > 1 and "goal" not in (c.key for c in form.columns):
            # several goals and no 目标名称 column: each goal's rows under a row of its own label
            # (年度目标1 …), as 广水's 自评表 puts 项目年度目标 1 above that goal's rows
            body: list[Row] = []
            for g in with_rows:
                body.append((Cell(g.label, "th", width, cls="section goal"),))
                body += indicator_rows([g], form.columns, form.merge)
        else:
            body = indicator_rows(goals, form.columns, form.merge)
        tables.append(Table("indicators", cols, head, tuple(body)))
    return tables


def _side_by_side(form: Form, project: ProjectModel, year: str | None) -> list[Table]:
    """One grid: 一级 | long-term 二级, 三级, 值 | annual 二级, 三级, 值 (the Hubei 目标表).  Rows
    pair up by (一级, 二级): both halves name the 二级 even where one half has no indicator.  A
    project with several goals of a kind prints each goal's rows after a row of its label over its
    half (长期目标2 | 年度目标2), the n-th goals of both kinds side by side."""
    keys = [c.key for c in form.columns]
    split = keys.index("level2", keys.index("level2") + 1)  # the annual half starts here
    halves = {"long-term": form.columns[:split], "annual": form.columns[split:]}
    by_kind = {k: [g for g in goals if g.indicators] for k, goals in _goals(project).items()}
    if not by_kind["long-term"] and not by_kind["annual"]:
        return []
    width = len(form.columns)
    labelled = any(len(goals) > 1 for goals in by_kind.values())
    blocks = (
        [{k: by_kind[k][n : n + 1] for k in KIND_ORDER} for n in range(max(map(len, by_kind.values())))]
        if labelled
        else [by_kind]
    )
    body: list[Row] = []
    for block in blocks:
        if labelled:
            body.append(
                tuple(
                    Cell(goals[0].label if goals else "", "th", span, cls="section goal")
                    for goals, span in ((block["long-term"], split), (block["annual"], width - split))
                )
            )
        body += _paired_rows(halves, {k: [(g, i) for g in block[k] for i in g.indicators] for k in KIND_ORDER})
    head = ((Cell(form.side_title, "th", width, cls="section"),), _header_row(form, year))
    cols = tuple((f"c-{i}", c.width) for i, c in enumerate(form.columns))
    return [Table("indicators", cols, head, tuple(body))]


def _paired_rows(halves: dict, inds: dict) -> list[Row]:
    """The rows of a side-by-side grid: the long-term and annual indicators paired by (一级, 二级)."""
    order: list[tuple[str, str]] = []
    for kind in ("annual", "long-term"):
        for _, i in inds[kind]:
            if (i.level1, i.level2) not in order:
                order.append((i.level1, i.level2))
    body = []
    for level1, level2 in order:
        parts = {k: [(g, i) for g, i in inds[k] if (i.level1, i.level2) == (level1, level2)] for k in KIND_ORDER}
        for n in range(max(len(parts["long-term"]), len(parts["annual"]), 1)):
            row = []
            for kind in KIND_ORDER:
                for c in halves[kind]:
                    if c.key == "level1":
                        if kind == "long-term":
                            row.append(Cell(level1))
                        continue
                    if c.key == "level2":
                        row.append(Cell(level2))
                    elif n < len(parts[kind]):
                        g, i = parts[kind][n]
                        row.append(Cell(_value(c.key, i, g), cls=_cls(c.key)))
                    else:
                        row.append(Cell("", cls=_cls(c.key)))
            body.append(tuple(row))
    return body


def page(project: ProjectModel, model: Model, form: Form) -> Page:
    money_unit = model.money_unit
    values = _values(model, project, money_unit)
    skip = _placeheld(form)
    summary = (_summary_approval if form.header == "approval" else _summary_pairs)(form, project, money_unit, skip)
    tables = (_side_by_side if form.tables == "side-by-side" else _stacked)(form, project, model.year)
    return Page(
        form=form,
        title=fill(form.title, values, model.year),
        subtitle=fill(form.subtitle, values, model.year),
        meta_left=fill(form.meta_left, values, model.year),
        meta_right=fill(form.meta_right, values, model.year),
        tables=(summary, *tables),
        footer=tuple(fill(f, values, model.year) for f in form.footer),
        name=project.name,
        unit=model.unit or "",
        money_unit=money_unit,
    )


def pages(model: Model, form: str | Form | None = None) -> list[Page]:
    """The sheets of a model, one per project, in file order."""
    chosen = form_of(model, form)
    return [page(p, model, chosen) for p in model.projects]


# --- the flat grid (TSV, xlsx): rows of cells, merged ranges --------------------------------


@frozen
class Grid:
    """One project's sheet: rows of `width` cells (page lines have one cell), the merged ranges
    as (first row, first column, last row, last column) 0-based, and which rows are what."""

    rows: tuple[tuple[str, ...], ...]
    merges: tuple[tuple[int, int, int, int], ...]
    header_rows: tuple[int, ...]  # the tables' column header rows (repeated on every page)
    table_rows: tuple[int, ...]  # rows drawn with borders
    title_row: int = 1
    width: int = 6


# C0 control characters other than tab and line breaks: no spreadsheet cell may hold them (Excel's
# XML cannot), so each is shown as its Unicode control picture (U+0001 -> ␁, DEL -> ␡), visibly:
# the pictures of the diagnostics' excerpts (perflang.source), tab and line breaks kept
_CONTROLS = {c: p for c, p in CONTROL_PICTURES.items() if c < 0x80 and c not in (0x09, 0x0A, 0x0D)}


def visible_controls(text: str) -> str:
    """The text with every C0 control character (tab and line breaks aside) shown as its picture."""
    return text.translate(_CONTROLS)


def _cell_text(text: str) -> str:
    """A cell on one line: the text export cannot hold tabs or line breaks (documented), and no
    cell holds a C0 control character (shown as its control picture: xlsx cannot store them)."""
    return " ".join(text.replace("\t", " ").splitlines()).translate(_CONTROLS)


def grid_of(p: Page) -> Grid:
    """The sheet as a flat grid.  The 批复表 / 申报表 keep the seed's page lines (title, 申报单位,
    金额单位 on lines of their own, blank lines between) so that `perflang import` reads it back."""
    width = p.width
    rows: list[tuple[str, ...]] = []
    merges: list[tuple[int, int, int, int]] = []
    headers: list[int] = []
    boxed: list[int] = []

    def line(text: str = "") -> None:
        if text:
            merges.append((len(rows), 0, len(rows), width - 1))
        rows.append((_cell_text(text),) if text else ())

    if p.form.header == "approval":
        unit_label = "申报单位："
        for text in ("", p.title, "", unit_label, "", p.unit, "", p.meta_right, ""):
            line(text)
        title_row = 1
    else:
        title_row = 0
        for text in (p.title, p.subtitle, "　".join(t for t in (p.meta_left, p.meta_right) if t)):
            if text:
                line(text)
    for table in p.tables:
        covered: set[tuple[int, int]] = set()
        for is_head, trs in ((True, table.head), (False, table.body)):
            for tr in trs:
                r = len(rows)
                out = [""] * width
                c = 0
                for cell in tr:
                    while (r, c) in covered:
                        c += 1
                    out[c] = _cell_text(cell.text)
                    if cell.colspan > 1 or cell.rowspan > 1:
                        merges.append((r, c, r + cell.rowspan - 1, c + cell.colspan - 1))
                        for dr in range(cell.rowspan):
                            for dc in range(cell.colspan):
                                covered.add((r + dr, c + dc))
                    c += cell.colspan
                rows.append(tuple(out))
                boxed.append(r)
                if is_head and len(tr) > 1:
                    headers.append(r)
    for text in p.footer:
        line(text)
    return Grid(tuple(rows), tuple(merges), tuple(headers), tuple(boxed), title_row, width)


def form_grids(model: Model, form: str | Form | None = None) -> list[tuple[Page, Grid]]:
    """(page, grid) of the printed form (as the HTML shows it) for every project."""
    return [(p, grid_of(p)) for p in pages(model, form)]


def export_form(form: Form, year: str | None) -> Form:
    """The form of the text export: the seed's 批复表 layout, which `perflang import` reads back
    into the same document, titled with the chosen form's title (so 表样 survives), the year in
    the title where the form prints it on a line of its own."""
    title = form.title
    if "{年度}" not in title and year:
        title = "{年度}年" + title
    return evolve(PRESETS["批复表"], name=form.name, key=form.key, title=title, budget_as_written=True)


def grids(model: Model, form: str | Form | None = None) -> list[tuple[Page, Grid]]:
    """(page, grid) of the text export (TSV) for every project, in file order."""
    chosen = export_form(form_of(model, form), model.year)
    return [(p, grid_of(p)) for p in pages(model, chosen)]


# --- print pagination (HTML/PDF): repeat the merged cells' text on every page ---------------
# CSS cannot split a rowspan cell at a page break: Chromium prints a merged 目标名称/一级/二级
# cell that continues onto the next page with its text on one page only.  So the HTML does the
# breaking itself: row heights are estimated from the text and the column widths (A4, the
# print CSS's font size, line height and padding), the table is broken (break-before: page) at
# the last row that surely fits, and every merged cell that runs across that row is split
# there, its text printed again at the top of the new page.  The estimate errs on the high side
# (a page ends a little early rather than overflowing before the planned break).

PAGE_MM = 297.0 - 2 * 12.0  # A4 minus the @page margins of _print.css.j2
LINE_MM = 10.5 * 1.35 * 25.4 / 72  # font size x line height
ROW_PAD_MM = 2.1  # vertical padding and border of a cell
HALF_MM = CJK_MM / 2  # an ASCII character
SAFETY = 0.985  # the share of a page the estimate may fill


def _lines(text: str, width_mm: float) -> int:
    from ..source import display_width

    usable = max(width_mm - 2.6, HALF_MM * 2)
    return sum(
        max(1, int(-(-(display_width(part) * HALF_MM * 1.02) // usable))) for part in (text.splitlines() or [""])
    )


def _row_mm(cells: list[Cell | None], widths: list[float], spanned: bool) -> float:
    """A row's height: its tallest single-row cell (a merged cell's text spreads over its rows)."""
    lines = 1
    for c, cell in enumerate(cells):
        if cell is None or (cell.rowspan > 1 and not spanned):
            continue
        w = sum(widths[c : c + cell.colspan])
        lines = max(lines, int(_lines(cell.text, w)))
    return lines * LINE_MM + ROW_PAD_MM


def _matrix(rows: tuple[Row, ...], width: int) -> list[list[Cell | None]]:
    """The rows as a full matrix: a cell at its origin, None where a merged cell covers."""
    out = [[None] * width for _ in rows]
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in covered:
                c += 1
            out[r][c] = cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covered.add((r + dr, c + dc))
            c += cell.colspan
    return out


def _split(matrix: list[list[Cell | None]], at: int) -> None:
    """Split every merged cell that runs across row `at`: the upper part ends above it, the rest
    starts at it with the same text."""
    for c in range(len(matrix[at])):
        if matrix[at][c] is not None:
            continue
        for r0 in range(at - 1, -1, -1):
            cell = matrix[r0][c]
            if cell is not None:
                if r0 + cell.rowspan > at and cell.colspan == 1:
                    matrix[r0][c] = Cell(cell.text, cell.tag, 1, at - r0, cell.cls)
                    rest = f"{cell.cls} cont".strip()  # htmlgrid (tests) joins it to the cell above
                    matrix[at][c] = Cell(cell.text, cell.tag, 1, r0 + cell.rowspan - at, rest)
                break


@frozen
class Printed:
    """A sheet ready to print: the page's tables with their body rows split at the planned
    page breaks (breaks: per table, the body rows that start a new page)."""

    page: Page
    tables: tuple[Table, ...]
    breaks: tuple[tuple[int, ...], ...]
    scale: float = 1.0  # printed at this scale (a one-page form a little taller than its page)

    def __getattr__(self, name):
        return getattr(self.page, name)


def paginate(p: Page, page_mm: float = PAGE_MM) -> Printed:
    """The sheet with its indicator tables broken into pages of page_mm (A4 by default)."""
    widths_of = lambda t: [w * TABLE_MM / 100 for _, w in t.cols]  # noqa: E731
    used = (18 * 1.35 * 25.4 / 72) + 3.0  # the title
    used += (LINE_MM + 1.0) if p.subtitle else 0
    used += (LINE_MM + 1.5) if (p.meta_left or p.meta_right) else 0
    tables, breaks = [], []
    for t in p.tables:
        widths = widths_of(t)
        matrix = _matrix(t.body, len(widths))
        head = sum(_row_mm(list(_matrix((row,), len(widths))[0]), widths, True) for row in t.head)
        if t.head and matrix and used + head + _row_mm(matrix[0], widths, True) > page_mm * SAFETY:
            used = 0.0  # the table starts on the next page (the browser moves it: header rows stay with a row)
        used += head
        starts = []
        for r, row in enumerate(matrix):
            h = _row_mm(row, widths, False)
            if r and used + h > page_mm * SAFETY and t.head:
                starts.append(r)
                _split(matrix, r)
                used = head
            elif not t.head and used + h > page_mm * SAFETY:
                used = 0.0  # a table without repeated header (the summary): the browser breaks it
            used += h
        body = tuple(tuple(c for c in row if c is not None) for row in matrix)
        tables.append(Table(t.cls, t.cols, t.head, body))
        breaks.append(tuple(starts))
    return Printed(p, tuple(tables), tuple(breaks))
