"""The 项目支出绩效运行监控表 (`perflang monitor`), one per project, as the sheet pages every printed
format reads (perflang/backends/sheet.py's Page), drawn here once: the HTML prints them (and
Chromium to PDF), perflang/backends/office.py lays them out for xlsx and docx with the 自评表's
kinds of cell (perflang/backends/selfeval.py's kind_cell), each light a filled cell.

The layout follows the columns of the monitoring record and the published Hubei form (黄石 2019,
tests/fixtures/monitoring/01; docs/monitoring.md): 项目名称, 主管部门 / 实施单位; the funds row
年度预算数 | 1-N月执行数 | 执行率 | 时间进度 | 全年预计执行数 | 预计执行率 | 预算执行预警; the annual goals; the
project's light; one row per indicator 一级 | 二级 | 三级 | 年度指标值 | 1-N月执行情况 | 全年预计完成情况 |
预警 | 偏差原因分析 | 完成目标可能性 | 备注; then 偏差原因分析, 相关建议或举措 (the Hubei form's rows), the year's
end as projected, what must be explained, 是否需要整改, 整改要求和建议, and the rules under the table.

A light is a cell of class `light red` (yellow, green, blue): coloured, and holding its word
(红/黄/绿/蓝, the profile's [monitoring] words) with the ratio R under it, so the table reads the
same printed in black and white.
"""

from __future__ import annotations

from attrs import evolve

from ..decimals import decimal_text
from ..evaluation.monitoring import Monitoring
from ..forms import SelfForm
from .selfsheet import _cols, _goal_texts, _td, _th
from .sheet import Cell, Page, Table

__all__ = ["monitor_sheets", "render_html", "office_sheets", "FILLS"]

TITLE = "项目支出绩效运行监控表"
SHRINK = 0.8  # a 监控表 a little taller than its page is printed scaled onto it, as the 自评表
# the lights' fills: light enough for black text, and four different greys when printed in black
# and white (luminance 0.74 / 0.89 / 0.81 / 0.63); the word in the cell says it anyway
FILLS = {"red": "F4A6A6", "yellow": "FFE680", "green": "B5E0AE", "blue": "7FA8DC"}
SUMMARY_WIDTHS = (14, 12, 12, 11, 11, 13, 12, 15)
TABLE_WIDTHS = (7, 9, 13, 9, 10, 10, 10, 14, 10, 8)
# a table with a target of a paragraph (a qualitative target written out, as the 黄石 form's 社会效益
# row): its 指标值 column twice as wide, so the row is not a column of single characters
WIDE_TARGET_WIDTHS = (7, 8, 11, 17, 10, 10, 9, 11, 10, 7)
HEADER = (
    "一级|指标",
    "二级|指标",
    "三级指标",
    "年度|指标值",
    "{period}|执行情况",
    "全年预计|完成情况",
    "预警",
    "偏差原因|分析",
    "完成目标|可能性",
    "备注",
)
LONG = 16  # a target or value longer than this (a paragraph of text) is printed left-aligned, smaller
FOOTER_PT = 9.0  # the 注 under the table (monitor.html.j2)
LIGHT_PT = 9.5  # a light's word and ratio (100.00%) on one line each in its column
FORM = SelfForm(name="监控表", key="monitor", title=TITLE)


def _light(light: str | None, words: dict, ratio: str | None = None, colspan: int = 1) -> Cell:
    """A light's cell: its word (and R under it), coloured by its class."""
    if light is None:
        return _td("—", "", colspan)
    text = words[light] + (f"\n{ratio}" if ratio else "")
    return _td(text, f"light {light}", colspan)


def _percent(value: str | None) -> str:
    return f"{value}%" if value is not None else "—"


def _reasons(row: dict) -> str:
    lines = [f"{kind}：{text}" for kind, text in row["reasons"].items()]
    if row["measures"]:
        lines.append(f"措施：{row['measures']}")
    return "\n".join(lines)


def _note(row: dict, settings: dict) -> str:
    lines = [row["note"]] if row["note"] else []
    if row["deviation"]:
        lines.append(f"预计达到指标值的{decimal_text(settings['deviation'])}%以上，年终计为偏差")
    return "\n".join(lines)


def _grouped(rows: list[dict]):
    """(row, span of its 一级, span of its 二级) in file order, runs merged as the forms merge them."""
    out = []
    k = 0
    while k < len(rows):
        l1 = rows[k]["level1"]
        end1 = k
        while end1 < len(rows) and rows[end1]["level1"] == l1:
            end1 += 1
        j = k
        while j < end1:
            l2 = rows[j]["level2"]
            end2 = j
            while end2 < end1 and rows[end2]["level2"] == l2:
                end2 += 1
            for m in range(j, end2):
                out.append((rows[m], end1 - k if m == k else 0, end2 - j if m == j else 0))
            j = end2
        k = end1
    return out


def _projection(p: dict, settings: dict) -> str:
    pr = p["projected"]
    if pr is None:
        return "未填写全年预计完成情况，不作预计"
    text = f"自评得分 {pr['total']}（满分 {pr['maximum']}），百分制 {pr['total_100']}，等级：{pr['grade']}"
    if pr["cap"] is not None:
        text += (
            f"\n全年预计执行率 {p['projected_rate']}%，总分至多 {pr['cap']} 分：预计 {pr['capped_100']}，"
            f"等级：{pr['capped_grade']}"
        )
    return text


def _explain(p: dict, words: dict, settings: dict, period: str) -> str:
    lines = []
    for item in p["explain"]:
        if item["why"] == "likelihood":
            lines.append(f"{item['name']}：完成目标可能性为“{item['value']}”，须填写偏差原因分析和相关建议或举措")
        else:
            lines.append(
                f"{item['name']}：全年预计 {item['value']}，达到指标值的{decimal_text(settings['deviation'])}%以上，须说明原因"
            )
    unlit = [r["name"] for r in p["indicators"] if r["light"] is None]
    if unlit:
        lines.append(f"{'、'.join(unlit)}：没有{period}完成值或完成值有误，未亮灯")
    red = [r["name"] for r in p["indicators"] if r["light"] == "red"]
    if red:
        lines.append(f"{words['red']}灯指标：{'、'.join(red)}，须分析原因、提出措施")
    if p["budget_light"] == "red":
        lines.append(f"预算执行为{words['red']}灯：执行进度明显落后于时间进度")
    return "\n".join(lines)


def _rules(mon: Monitoring) -> list[str]:
    """The rules under the table, in the profile's thresholds and words."""
    s = mon.profile["monitoring"]
    w, pos, bud = s["words"], s["positive"], s["budget"]
    n = lambda v: decimal_text(v)  # noqa: E731
    prorate = "×N/12" if s["prorate"] else ""
    exception = "" if s["prorate_percent"] or not s["prorate"] else "（以百分比表示的指标不按时间折算）"
    return [
        f"注：1.预警（{mon.title}）：正向指标 R=完成值÷(指标值{prorate})×100{exception}，<{n(pos['red'])}{w['red']}、"
        f"{n(pos['red'])}–{n(pos['yellow'])}{w['yellow']}、{n(pos['yellow'])}–{n(pos['blue'])}{w['green']}、"
        f"≥{n(pos['blue'])}{w['blue']}；反向指标在指标值内{w['green']}、否则{w['red']}；定性指标达成{w['green']}、"
        f"部分达成{w['yellow']}、未达成{w['red']}；预算执行 R=执行率÷时间进度×100，<{n(bud['red'])}{w['red']}、"
        f"{n(bud['red'])}–{n(bud['yellow'])}{w['yellow']}、≥{n(bud['yellow'])}{w['green']}；项目预警取各指标最差的灯。"
        f"2.完成目标可能性分{'、'.join(s['likelihood'])}，选“{'”“'.join(s['explain'])}”的须填写偏差原因分析与相关建议或举措。"
        "3.年终预计按全年预计完成情况以自评规则计分，全年预计执行率偏低的总分有上限。",
    ]


def monitor_page(mon: Monitoring, p: dict) -> Page:
    """One project's 监控表."""
    model, settings = mon.model, mon.profile["monitoring"]
    words = settings["words"]
    pm = next(x for x in model.projects if x.name == p["name"])
    month = mon.month
    period = f"1-{month}月" if month else "1-N月"
    money_unit = pm.budget.unit if pm.budget else model.money_unit
    goals = [{"label": g.label, "text": g.text} for g in pm.evaluated_goals]
    cols = _cols(SUMMARY_WIDTHS)
    summary = [
        (_th("项目名称"), _td(p["name"], "text", 7)),
        (
            _th("主管部门"),
            _td(pm.field("department") or "", "text", 3),
            _th("实施单位"),
            _td(pm.field("implementer") or model.unit or "", "text", 3),
        ),
        (
            _th(f"项目资金|（{money_unit}）", rowspan=2, cls="head"),
            _th("年度|预算数", cls="head"),
            _th(f"{period}|执行数", cls="head"),
            _th("执行率", cls="head"),
            _th("时间|进度", cls="head"),
            _th("全年预计|执行数", cls="head"),
            _th("预计|执行率", cls="head"),
            _th("预算执行|预警", cls="head"),
        ),
        (
            _td(p["budget"] or "", "amt"),
            _td(p["executed"] or "", "amt"),
            _td(_percent(p["execution_rate"]), "fig"),
            _td(_percent(p["time_progress"]), "fig"),
            _td(p["projected_executed"] or "", "amt"),
            _td(_percent(p["projected_rate"]), "fig"),
            _light(p["budget_light"], words, p["budget_ratio"]),
        ),
        (_th("年度绩效目标"), _td(_goal_texts(goals) if goals else "", "text", 7)),
        (
            _th("项目预警"),
            _light(p["light"], words),
            _td("取各指标中最差的灯；预算执行预警单列，不计入", "text", 6),
        ),
    ]
    head = (tuple(_th(h.format(period=period), cls="head") for h in HEADER),)
    wide = any(len(r["target"]) > LONG for r in p["indicators"])
    widths = WIDE_TARGET_WIDTHS if wide else TABLE_WIDTHS
    body = []
    for r, span1, span2 in _grouped(p["indicators"]):
        cells = []
        if span1:
            cells.append(_td(r["level1"], "lv", rowspan=span1))
        if span2:
            cells.append(_td(r["level2"], "lv", rowspan=span2))
        cells += [
            _td(r["name"], "l3"),
            _td(r["target"], "note" if len(r["target"]) > LONG else "fig"),
            _td(r["value"] or "", "note" if len(r["value"] or "") > LONG else "fig"),
            _td(r["projected"] or "", "fig"),
            _light(r["light"], words, f"{r['ratio']}%" if r["ratio"] else None),
            _td(_reasons(r), "note"),
            _td(r["likelihood"] or ""),
            _td(_note(r, settings), "note"),
        ]
        body.append(tuple(cells))
    reasons = "\n".join(f"{k}：{v}" for k, v in p["reasons"].items())
    tail = [
        (_th("偏差原因分析", 2), _td(reasons, "block", 6)),
        (_th("相关建议或举措", 2), _td(p["measures"] or "", "block", 6)),
        (_th("年终预计|（按全年预计）", 2, cls="head"), _td(_projection(p, settings), "block", 6)),
        (_th("须说明的事项", 2), _td(_explain(p, words, settings, period), "block", 6)),
        (
            _th("是否需要整改", 2),
            _td(p["rectify"] or "", "text"),
            _th("整改要求|和建议", cls="head"),
            _td(p["rectification"] or "", "block", 4),
        ),
    ]
    tables = [
        Table("form summary", cols, (), tuple(summary)),
        Table("form indicators monitor", _cols(widths), head, tuple(body)),
        Table("form summary", cols, (), tuple(tail)),
    ]
    year = model.year
    return Page(
        form=FORM,
        title=f"{year}年度{TITLE}" if year else TITLE,
        subtitle=f"（{period}）",
        meta_left=f"填报单位（盖章）：{model.unit or ''}",
        meta_right=f"金额单位：{money_unit}",
        tables=tuple(tables),
        footer=tuple(_rules(mon)),
        name=p["name"],
        unit=model.unit or "",
        money_unit=money_unit,
        shrink=SHRINK,
    )


def monitor_sheets(mon: Monitoring) -> list[Page]:
    """The 监控表 of every monitored project."""
    return [monitor_page(mon, p) for p in mon.result["projects"]]


def _office_cell(source, cell, width: float):
    from .selfeval import kind_cell

    made = kind_cell(source, cell, width)
    kinds = source.cls.split()
    if "light" in kinds:
        light = next(k for k in kinds if k in FILLS)
        made = evolve(made, fill=FILLS[light], size=LIGHT_PT)
    return made


def office_sheets(mon: Monitoring):
    """The 监控表 of every monitored project as office sheets (xlsx, docx), the 注 under the table
    in 9 pt as the HTML prints it (at 10.5 pt LibreOffice put it alone on a second page of the
    法律顾问 docx)."""
    from .office import page_sheet

    sheets = []
    for page in monitor_sheets(mon):
        sheet = page_sheet(page, _office_cell)
        rows = list(sheet.rows)
        for k in range(sheet.boxed.stop, len(rows)):
            rows[k] = tuple(evolve(cell, size=FOOTER_PT) for cell in rows[k])
        sheets.append(evolve(sheet, rows=tuple(rows)))
    return sheets


def html_height_mm(page: Page) -> float:
    """The printed height of a 监控表 in the HTML, estimated as sheet.paginate estimates its rows:
    the title lines, every row of every table (its tallest single-row cell), the 注 in 9 pt."""
    from .sheet import LINE_MM, TABLE_MM, _lines, _matrix, _row_mm

    used = 18 * 1.35 * 25.4 / 72 + 3.0 + (LINE_MM + 1.0) * bool(page.subtitle) + (LINE_MM + 1.5)
    for t in page.tables:
        widths = [w * TABLE_MM / 100 for _, w in t.cols]
        used += sum(_row_mm(row, widths, True) for row in _matrix(t.head, len(widths)))
        used += sum(_row_mm(row, widths, False) for row in _matrix(t.body, len(widths)))
    small = LINE_MM * FOOTER_PT / 10.5
    return used + sum(2.0 + _lines(line, TABLE_MM * 10.5 / FOOTER_PT) * small for line in page.footer)


def render_html(mon: Monitoring) -> str:
    """One 监控表 per project, each on its own printed page (scaled onto it when a little too
    tall, else broken into pages with its header repeated)."""
    from .markup import environment
    from .office import fit_scale
    from .sheet import PAGE_MM, SAFETY, paginate

    pages = monitor_sheets(mon)
    # a 监控表 a little taller than its page is scaled onto it (the 自评表's rule), by the HTML's own
    # estimate of its height: the office one errs wide, and would leave the 注 alone on a page
    scales = [fit_scale(html_height_mm(page), PAGE_MM * SAFETY, SHRINK) for page in pages]
    sheets = [evolve(paginate(page, PAGE_MM / scale), scale=scale) for page, scale in zip(pages, scales)]
    return (
        environment()
        .get_template("monitor.html.j2")
        .render(page_title=pages[0].title if pages else TITLE, sheets=sheets, fills=FILLS)
    )
