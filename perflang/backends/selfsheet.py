"""The 项目支出绩效自评表 on each region's printed form, as the pages every `eval --to` format
prints: one layout per form, drawn here once as a sheet page (perflang/backends/sheet.py's
Page: tables of cells, merged cells, the lines above and under the table), which the HTML
template prints (and Chromium to PDF) and perflang/backends/selfeval.py lays out for xlsx and
docx.  Three layouts, each modelled on published tables:

- national (自评表): the national form of 财预〔2020〕10号 as the units print it (中江 2022, 天长
  2022, 鄂州 2019: tests/fixtures/real/22, 23, 30);
- hubei (湖北自评表): the 2020 Hubei form, 预算执行情况(万元)(20分), one block per annual goal
  titled 年度绩效目标1(40分) with its own header row, 偏差大或目标未完成原因分析, 改进措施及结果应用方案,
  the 备注 (黄冈 and the 长江禁捕 form: real/65, 66);
- sichuan (四川自评表): the 2023 form 报表编号:510000_0013zp, 项目基本情况, 预算执行情况(10分) with
  总额 and four 其中 rows, 绩效指标(90分) with 指标性质 | 指标值 | 度量单位, 合计, 评价结论 / 存在问题
  / 改进措施, 项目负责人 / 财务负责人 (大英, 青神: real/26-28).

A cell's kind is in its class (so the HTML and the office files print it alike): `head` a
column header that breaks only at `|`, `lv` a 一级/二级 name, `fig` a figure kept whole (a number
with its unit), `val` a plain decimal (a weight, a score: a number cell in a workbook), `amt` an
amount as written (a number cell where it is a plain decimal), `l3`/`note`/`text` left-aligned
text.  Scores are always plain numbers; a row's status (人工评分, 缺少实际值, 无效) is said beside
it in the 偏差原因 column (the Hubei form, without one, lists them under the table).
"""

from __future__ import annotations

from decimal import Decimal

from ..decimals import decimal_text
from ..evaluation.report import Evaluation, percent, selfeval_pages
from ..forms import SELF_PRESETS, SelfForm, fill
from ..model import parse_budget
from ..units import parse_unit
from .office import number_of
from .sheet import FIELD_LABELS, Cell, Page, Table

__all__ = ["selfeval_sheets", "SHRINK", "funds_rows"]

SHRINK = 0.85  # a 自评表 up to 1/0.85 pages tall is printed scaled onto its one page
NOT_SCORED = "—"
COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}


def _th(text: str, colspan: int = 1, rowspan: int = 1, cls: str = "") -> Cell:
    return Cell(text, "th", colspan, rowspan, cls)


def _td(text, cls: str = "", colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell("" if text is None else str(text), "td", colspan, rowspan, cls)


# -- the funds rows: the file's 资金 lines and the actuals' `funds`, each on its row ------------

# the rows each form prints under its total, and which 资金 names (as written) fall on each:
# the first row whose words the name holds, else the last (其他资金)
FUNDS = {
    "national": (
        ("其中：财政拨款", ("财政拨款", "财政资金", "拨款", "财政")),
        ("上年结转", ("结转", "结余")),
        ("其他资金", ()),
    ),
    "sichuan": (
        ("其中:财政资金", ("财政拨款", "财政资金", "拨款")),
        ("财政专户管理资金", ("专户",)),
        ("单位资金", ("单位资金", "自有", "单位自筹")),
        ("其他资金", ()),
    ),
    "hubei": (),
}
TOTAL_WORDS = ("总额", "合计", "总计", "总投资", "小计")


def _row_of(name: str, rows) -> int | None:
    """The funds row a 资金 name (or a key of the actuals' funds) falls on: the first whose label
    it is or whose words it holds, else the last (其他资金); a total falls on none."""
    written = _classify_name(name).strip().removeprefix("其中").lstrip("：:").strip()
    if any(w in written for w in TOTAL_WORDS) or not rows:
        return None
    for k, (label, words) in enumerate(rows[:-1]):
        bare = label.removeprefix("其中：").removeprefix("其中:")
        if written == bare or any(w in written for w in words):
            return k
    return len(rows) - 1


def _amount(text: str, money_unit: str) -> Decimal | None:
    budget = parse_budget(text, money_unit)
    unit = parse_unit(money_unit)
    if budget.base_value is None or unit is None or not unit.factor:
        return None
    return budget.base_value / unit.factor


def funds_rows(key: str, page: dict) -> list[dict]:
    """The funds rows of the form: each {label, initial, budget, executed} — 年初预算数 from the
    file's 资金 lines (as written, or their sum in the money unit when several fall on one row),
    the actuals' `funds` where given (年初预算数, 全年预算数, 全年执行数 as written); 全年预算数
    defaults to 年初预算数, as the total's does."""
    rows = FUNDS[key]
    money_unit = page["money_unit"]
    declared: dict[int, list[str]] = {}
    for name, value in page["declared"]:
        k = _row_of(name, rows)
        if k is not None:
            declared.setdefault(k, []).append(value)
    given: dict[int, dict] = {}
    for name, cells in page["given"].get("funds", {}).items():
        k = _row_of(name, rows)
        if k is not None:
            given.setdefault(k, {}).update(cells)
    out = []
    for k, (label, _) in enumerate(rows):
        values = declared.get(k, [])
        initial = ""
        if len(values) == 1:  # as written when a plain number, else in the form's money unit
            initial = values[0]
            amount = _amount(values[0], money_unit)
            if amount is not None and not number_of(values[0].strip()):
                initial = decimal_text(amount)
        elif values:
            amounts = [_amount(v, money_unit) for v in values]
            initial = decimal_text(sum(amounts)) if None not in amounts else "；".join(values)
        cells = given.get(k, {})
        row = {"label": label, "initial": cells.get("initial", initial)}
        row["budget"] = cells.get("budget", row["initial"])
        row["executed"] = cells.get("executed", "")
        out.append(row)
    return out


def _classify_name(name: str) -> str:
    """上年结转 before 财政: a 资金 name holding both (上年结转财政资金) is a carry-over."""
    return "结转" if "结转" in name or "结余" in name else name


def _goal_texts(goals: list[dict]) -> str:
    """The goal texts in one cell: as written for one goal, each after its label for several
    (年度目标1：…), as the target forms print them (sheet.goal_texts)."""
    if len(goals) == 1:
        return goals[0]["text"]
    return "\n".join(f"{g['label']}：{g['text']}" for g in goals)


def _rate(budget: str, executed: str) -> str:
    try:
        b, e = Decimal(str(budget).replace(",", "")), Decimal(str(executed).replace(",", ""))
    except ArithmeticError:
        return ""
    return f"{e / b * 100:.2f}%" if b > 0 else ""


# -- the pieces every form shares ---------------------------------------------------------------


def _values(ev: Evaluation, page: dict) -> dict[str, str]:
    """What the form's texts may name: 字段, the project's settings, 评分方案 …"""
    p, model = page["project"], ev.model
    name = p["name"]
    values = {FIELD_LABELS.get(key, key): value for key, value in page["fields"].items()}
    values.update(
        {
            "项目名称": name,
            "项目": name if name.endswith("项目") else name + "项目",
            "申报单位": model.unit or "",
            "金额单位": page["money_unit"],
            "评分方案": ev.title or ev.result["profile"],
            "主管部门": page["department"],
            "实施单位": page["implementer"],
        }
    )
    return values


def _mark(row: dict, status: str) -> str:
    """The 偏差原因 cell: the row's status (人工评分 …) on a line of its own, then its note."""
    note = row["note"] or ""
    if not status:
        return note
    return f"（{status}）\n{note}" if note else f"（{status}）"


def _split_target(target) -> tuple[str, str, str]:
    """指标性质 | 指标值 | 度量单位 as the 四川 form prints a target: ≥ | 95 | %."""
    if target.kind != "quantitative" or target.value is None:
        return "", target.text, ""
    sign = target.comparator_text or COMPARATOR_SIGNS.get(target.comparator or "", "")
    return sign, target.value, target.unit


def _points(value: Decimal) -> str:
    return decimal_text(value.normalize()) if value else "0"


def _blocks(page: dict) -> list[tuple[str, str]]:
    figures = page["given"]
    return [
        (name, figures.get(key) or "")
        for key, name in (("conclusion", "评价结论"), ("problems", "存在问题"), ("measures", "改进措施"))
    ]


def _page(ev, page, form: SelfForm, tables, footer=(), cols_note: str = "") -> Page:
    values = _values(ev, page)
    year = ev.model.year
    return Page(
        form=form,
        title=fill(form.title, values, year),
        subtitle="",
        meta_left=fill(form.meta_left, values, year),
        meta_right=fill(form.meta_right, values, year),
        tables=tuple(tables),
        footer=tuple(line for line in footer if line),
        name=page["project"]["name"],
        unit=ev.model.unit or "",
        money_unit=page["money_unit"],
        top=fill(form.top, values, year),
        shrink=SHRINK,
    )


def _footer(ev, page, form: SelfForm, extra=()) -> list[str]:
    values = _values(ev, page)
    return [
        *extra,
        *(fill(n, values, ev.model.year) for n in form.notes),
        *(fill(f, values, ev.model.year) for f in form.footer),
    ]


def _cols(widths) -> tuple[tuple[str, float], ...]:
    return tuple((f"c-{k}", w) for k, w in enumerate(widths))


def _goal_rows(rows: list[dict], subtotals: bool):
    """(row, span1, span2, status) for a goal's result rows grouped by 一级 then 二级 (order of
    first appearance), with a 小计 (None, weight, score) after each 一级 where the form has them."""
    from ..evaluation.report import STATUS_ZH, _grouped

    out = []
    for _, groups in _grouped(rows):
        span1 = sum(len(rs) for _, rs in groups) + (1 if subtotals else 0)
        weight = sum(Decimal(r["weight"]) for _, rs in groups for r in rs)
        score = sum(Decimal(r["score"]) for _, rs in groups for r in rs)
        for j, (_, rs) in enumerate(groups):
            for k, r in enumerate(rs):
                out.append((r, span1 if j == 0 and k == 0 else 0, len(rs) if k == 0 else 0, STATUS_ZH[r["status"]]))
        if subtotals:
            out.append((None, f"{weight:.2f}", f"{score:.2f}", ""))
    return out


# -- national ---------------------------------------------------------------------------------

NATIONAL_WIDTHS = (6, 10, 11, 15.5, 11, 12, 8, 9.5, 17)  # % of the table
FUNDS_HEADER = ("年初|预算数", "全年|预算数|(A)", "全年|执行数|(B)", "分值", "执行率|(B/A)", "得分")
TABLE_HEADER = (
    "绩效|指标",
    "一级|指标",
    "二级|指标",
    "三级|指标",
    "年度|指标值",
    "实际|完成值",
    "分值",
    "得分",
    "偏差原因分析|及改进措施",
)


def national(ev: Evaluation, page: dict, form: SelfForm) -> Page:
    p, e, t = page["project"], page["project"]["execution"], page["total_row"]
    funds = funds_rows("national", page)
    cols = _cols(NATIONAL_WIDTHS)
    summary = [
        (_th("项目名称", 2), _td(p["name"], "text", 7)),
        (_th("主管部门", 2), _td(page["department"], "text", 3), _th("实施单位"), _td(page["implementer"], "text", 3)),
        (
            _th("项目|资金", rowspan=2 + len(funds), cls="head"),
            _th(f"（{page['money_unit']}）", 2),
            *(_th(h, cls="head") for h in FUNDS_HEADER),
        ),
        (
            _th("年度资金总额", 2),
            _td(t["initial"], "amt"),
            _td(t["budget"], "amt"),
            _td(t["executed"], "amt"),
            _td(e["weight"] if e else "—", "val"),
            _td(page["rate_percent"], "fig"),
            _td(e["score"] if e else "—", "val"),
        ),
        *(
            (
                _th(f["label"], 2),
                _td(f["initial"], "amt"),
                _td(f["budget"], "amt"),
                _td(f["executed"], "amt"),
                _td("—"),
                _td("—"),
                _td("—"),
            )
            for f in funds
        ),
        (_th("年度总体目标", rowspan=2), _th("预期目标", 5), _th("实际完成情况", 3)),
        (_td(_goal_texts(page["by_goal"]), "text", 5), _td(page["given"].get("summary") or "", "text", 3)),
    ]
    head = (tuple(_th(h, cls="head") for h in TABLE_HEADER),)
    body: list[tuple] = []
    several = len([g for g in page["by_goal"] if g["rows"]]) > 1
    blocks = [g for g in page["by_goal"] if g["rows"]] if several else [{"label": "绩效指标", "rows": p["indicators"]}]
    for g in blocks:
        laid = _goal_rows(g["rows"], ev.subtotals)
        for k, (r, span1, span2, status) in enumerate(laid):
            cells = [_th(g["label"], rowspan=len(laid))] if k == 0 else []
            if r is None:  # 小计
                cells += [_td("小计", "total", 4), _td(span1, "val total"), _td(span2, "val total"), _td("")]
                body.append(tuple(cells))
                continue
            if span1:
                cells.append(_td(r["level1"], "lv", rowspan=span1))
            if span2:
                cells.append(_td(r["level2"], "lv", rowspan=span2))
            cells += [
                _td(r["name"], "l3"),
                _td(r["target"], "fig"),
                _td(r["actual"], "fig"),
                _td(r["weight"], "val"),
                _td(r["score"], "val"),
                _td(_mark(r, status), "note"),
            ]
            body.append(tuple(cells))
    if page["scored"]:
        grade = f"百分制 {p['total_100']}，\n等级：{p['grade']}"  # broken after the comma where narrow
        body.append(
            (_td("总分", "total", 6), _td(p["maximum"], "val total"), _td(p["total"], "val total"), _td(grade, "total"))
        )
    else:
        body.append(
            (
                _td("总分", "total", 6),
                _td(p["maximum"], "val total"),
                _td(NOT_SCORED, "total"),
                _td("实际完成值有误，未计总分", "total"),
            )
        )
    for name, text in page["blocks"]:
        body.append((_th(name, 2), _td(text, "block", 7)))
    tables = [Table("form summary", cols, (), tuple(summary)), Table("form indicators", cols, head, tuple(body))]
    return _page(ev, page, form, tables, _footer(ev, page, form))


# -- hubei ------------------------------------------------------------------------------------

HUBEI_WIDTHS = (14, 11, 12, 23, 14, 14, 12)


def hubei(ev: Evaluation, page: dict, form: SelfForm) -> Page:
    p, e = page["project"], page["project"]["execution"]
    t = page["total_row"]
    weight = (ev.profile or {}).get("execution")
    points = _points(weight) if weight is not None else (e["weight"] if e else "")
    fields = page["fields"]
    rows: list[tuple] = [
        (_th("项目名称"), _td(p["name"], "text", 6)),
        (
            _th("主管部门"),
            _td(page["department"], "text", 2),
            _th("项目实施单位", 2),
            _td(page["implementer"], "text", 2),
        ),
        (_th("项目类别"), _td(fields.get("category", fields.get("项目类别", "")), "text", 6)),
        (_th("项目属性"), _td(fields.get("nature", fields.get("项目属性", "")), "text", 6)),
        (_th("项目类型"), _td(fields.get("项目类型", ""), "text", 6)),
        (
            _th(f"预算执行情况({page['money_unit']})({points}分)", 3),
            _th("预算数(A)"),
            _th("执行数(B)"),
            _th("执行率(B/A)"),
            _th(f"得分({points}分*执行率)"),
        ),
        (
            _th("年度财政资金总额", 3),
            _td(t["budget"], "amt"),
            _td(t["executed"], "amt"),
            _td(page["rate_percent"], "fig"),
            _td(e["score"] if e else "—", "val"),
        ),
    ]
    marks: dict[str, list[str]] = {}
    notes: list[str] = []
    for g in page["by_goal"]:
        if not g["rows"]:
            continue
        laid = _goal_rows(g["rows"], False)
        kind = "长期" if g["label"].startswith("长期") else "年度"  # long-term goals when there is no annual one
        label = f"{kind}绩效目标{g['number']}({_points(g['weight'])}分)"
        rows.append(
            (
                _th(label, rowspan=1 + len(laid)),
                _th("一级指标"),
                _th("二级指标"),
                _th("三级指标"),
                _th("年初目标值(A)"),
                _th("实际完成值(B)"),
                _th("得分"),
            )
        )
        for r, span1, span2, status in laid:
            cells = []
            if span1:
                cells.append(_td(r["level1"], "lv", rowspan=span1))
            if span2:
                cells.append(_td(r["level2"], "lv", rowspan=span2))
            cells += [_td(r["name"], "l3"), _td(r["target"], "fig"), _td(r["actual"], "fig"), _td(r["score"], "val")]
            rows.append(tuple(cells))
            if status:
                marks.setdefault(status, []).append(r["name"])
            if r["note"]:
                notes.append(f"{r['name']}：{r['note']}")
    if page["scored"]:
        rows.append((_td("总分", "total", 6), _td(p["total"], "val total")))
    else:
        rows.append((_td("总分（实际完成值有误，未计总分）", "total", 6), _td(NOT_SCORED, "total")))
    given = page["given"]
    rows.append((_th("偏差大或目标未完成原因分析", 3), _td(given.get("problems") or "\n".join(notes), "block", 4)))
    rows.append((_th("改进措施及结果应用方案", 3), _td(given.get("measures") or "", "block", 4)))
    extra = ["；".join(f"{status}：{'、'.join(names)}" for status, names in marks.items()) + "。"] if marks else []
    tables = [Table("form hubei", _cols(HUBEI_WIDTHS), (), tuple(rows))]
    return _page(ev, page, form, tables, _footer(ev, page, form, extra))


# -- sichuan ----------------------------------------------------------------------------------

SICHUAN_SUMMARY = (11, 12, 28, 15, 11, 23)
SICHUAN_FUNDS = (11, 13, 10, 11, 11, 10, 8, 8, 18)
SICHUAN_TABLE = (10, 7, 9, 15, 6.5, 7, 6.5, 9, 8.5, 8, 13.5)
# the guidance the published forms print in the 原因 cell of 总额 (real/26, 28): under the table here,
# so that the cell is the unit's own
SICHUAN_REASON = (
    "1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因(100字以内);"
    "2.年中发生预算调整的(追加或调减),应单独说明理由;3.其他资金包括:社会投入资金、银行贷款."
)


def sichuan(ev: Evaluation, page: dict, form: SelfForm) -> Page:
    p, e, t = page["project"], page["project"]["execution"], page["total_row"]
    fields = page["fields"]
    weight = (ev.profile or {}).get("execution")
    points = _points(weight) if weight is not None else (e["weight"] if e else "")
    summary = [
        (_th("项目名称"), _td(p["name"], "text", 5)),
        (
            _th("主管部门"),
            _td(page["department"], "text", 2),
            _th("实施单位 (盖章)"),
            _td(page["implementer"], "text", 2),
        ),
        (
            _th("项目基本情况", rowspan=3),
            _th("1.项目年度目标完成情况", rowspan=2),
            _th("项目年度目标", 2),
            _th("年度目标完成情况", 2),
        ),
        (_td(_goal_texts(page["by_goal"]), "text", 2), _td(page["given"].get("summary") or "", "text", 2)),
        (_th("2.项目实施内容及过程概述"), _td(fields.get("项目实施内容及过程概述", ""), "text", 4)),
    ]
    funds = funds_rows("sichuan", page)
    funds_table = [
        (
            _th(f"预算执行情况({points}分)", rowspan=2 + len(funds)),
            _th(f"年度预算数|({page['money_unit']})", cls="head"),
            _th("年初预算"),
            _th("调整后|预算数", cls="head"),
            _th("预算|执行数", cls="head"),
            _th("预算|执行率", cls="head"),
            _th("权重"),
            _th("得分"),
            _th("原因"),
        ),
        (
            _th("总额"),
            _td(t["initial"], "amt"),
            _td(t["budget"], "amt"),
            _td(t["executed"], "amt"),
            _td(page["rate_percent"], "fig"),
            _td(e["weight"] if e else "—", "val"),
            _td(e["score"] if e else "—", "val"),
            _td(""),
        ),
        *(
            (
                _th(f["label"]),
                _td(f["initial"], "amt"),
                _td(f["budget"], "amt"),
                _td(f["executed"], "amt"),
                _td(_rate(f["budget"], f["executed"]), "fig"),
                _td("/"),
                _td("/"),
                _td(""),
            )
            for f in funds
        ),
    ]
    block = sum((g["weight"] for g in page["by_goal"]), Decimal(0))
    header = (
        "一级|指标",
        "二级|指标",
        "三级指标",
        "指标|性质",
        "指标值",
        "度量|单位",
        "完成值",
        "权重",
        "得分",
        "未完成原因|分析",
    )
    goals = [g for g in page["by_goal"] if g["rows"]]
    laid_out = [(g, _goal_rows(g["rows"], ev.subtotals)) for g in goals]
    several = len(goals) > 1
    # the block's label heads the table (the published form merges it with the rows below; the
    # header row is repeated on a later page, so the rows' own first column is a cell of its own:
    # empty for one goal, the goal's label for several)
    head = ((_th(f"绩效指标({_points(block)}分)"), *(_th(h, cls="head") for h in header)),)
    body: list[tuple] = []
    for g, laid in laid_out:
        targets = iter(g["targets"])
        for k, (r, span1, span2, status) in enumerate(laid):
            cells = [_th(g["label"] if several else "", rowspan=len(laid))] if k == 0 else []
            if r is None:
                cells += [_td("小计", "total", 6), _td(span1, "val total"), _td(span2, "val total"), _td("")]
                body.append(tuple(cells))
                continue
            if span1:
                cells.append(_td(r["level1"], "lv", rowspan=span1))
            if span2:
                cells.append(_td(r["level2"], "lv", rowspan=span2))
            sign, value, unit = _split_target(next(targets))
            cells += [
                _td(r["name"], "l3"),
                _td(sign),
                _td(value, "fig"),
                _td(unit),
                _td(r["actual"], "fig"),
                _td(r["weight"], "val"),
                _td(r["score"], "val"),
                _td(_mark(r, status), "note"),
            ]
            body.append(tuple(cells))
    if page["scored"]:
        body.append((_td("合计", "total", 8), _td(p["maximum"], "val total"), _td(p["total"], "val total"), _td("")))
    else:
        body.append(
            (
                _td("合计", "total", 8),
                _td(p["maximum"], "val total"),
                _td(NOT_SCORED, "total"),
                _td("实际完成值有误，未计总分", "total"),
            )
        )
    for name, text in _blocks(page):
        body.append((_th(name, 2), _td(text, "block", 9)))
    tables = [
        Table("form summary", _cols(SICHUAN_SUMMARY), (), tuple(summary)),
        Table("form funds", _cols(SICHUAN_FUNDS), (), tuple(funds_table)),
        Table("form indicators", _cols(SICHUAN_TABLE), head, tuple(body)),
    ]
    return _page(ev, page, form, tables, _footer(ev, page, form, [f"注：{SICHUAN_REASON}"]))


LAYOUTS = {"national": national, "hubei": hubei, "sichuan": sichuan}


def selfeval_sheets(ev: Evaluation) -> list[Page]:
    """The 自评表 of every project on the evaluation's printed form (the national one by default)."""
    form = ev.form or SELF_PRESETS["自评表"]
    draw = LAYOUTS[form.key]
    return [draw(ev, page, form) for page in selfeval_pages(ev)["pages"]]


__all__ += ["national", "hubei", "sichuan", "LAYOUTS", "percent"]
