"""The evaluation result for people: the printable 项目支出绩效自评表 (HTML, the national layout of
domain.md §5) and a plain summary for the terminal."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from markupsafe import Markup, escape

from ..model import Model
from ..source import display_width

__all__ = ["render_html", "render_text", "table_rows", "selfeval_pages"]

TITLE = "项目支出绩效自评表"
STATUS_ZH = {"scored": "", "manual": "人工评分", "missing": "缺少实际值", "invalid": "无效"}
FUNDS_ROWS = (("财政拨款", "其中：财政拨款"), ("上年结转", "上年结转"), ("其他资金", "其他资金"))
# tokens a line must never break inside: a number with its comparator (≥1346.008, 98.07%) and
# the unit after it (万平方米, 元/亩); a line may break between the number and its unit, never
# inside either (no `1346.008/8万平方/米`)
TOKEN = re.compile(
    r"(?P<num>[≥≤＞＜＝<>=]?[+-]?\d[\d,.]*(?:\s*[%％‰])?)"
    r"(?P<unit>[A-Za-z㎡㎥]+(?:/[A-Za-z\u4e00-\u9fff]{1,2})?"
    r"|[\u4e00-\u9fff]{1,4}(?:/[\u4e00-\u9fff]{1,2})?)?"
)
NOWRAP_LABEL = 4  # a level name's head up to this many characters is kept on one line
# the suffix of a level name kept whole (社会效益 | 指标): the cell may break only between them
LEVEL_SUFFIX = re.compile(r"(指标)$")


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("perflang", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["tokens"] = tokens
    env.filters["label"] = label
    return env.get_template("selfeval.html.j2")


def tokens(text) -> Markup:
    """Escaped text with every number-and-unit token kept on one line (no `1346.008/8万平方/米`)."""
    text = "" if text is None else str(text)
    out, last = [], 0
    for m in TOKEN.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(_nb(m.group("num")))
        if m.group("unit"):
            out.append(Markup("<wbr>") + _nb(m.group("unit")))
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def _nb(text: str) -> Markup:
    return Markup('<span class="nb">') + escape(text) + Markup("</span>")


def label(text) -> Markup:
    """A level name (一级/二级) that breaks, if it must, before its 指标 (社会效益|指标), and
    inside a longer head only between characters (服务对象满意度|指标)."""
    text = "" if text is None else str(text)
    m = LEVEL_SUFFIX.search(text)
    if not m or m.start() == 0:
        return _nb(text) if len(text) <= NOWRAP_LABEL else escape(text)
    head = text[: m.start()]
    shown = _nb(head) if len(head) <= NOWRAP_LABEL else escape(head)
    return shown + Markup("<wbr>") + _nb(m.group(1))


def _grouped(rows: list[dict]) -> list[tuple[str, list[tuple[str, list[dict]]]]]:
    """Rows grouped by 一级 then 二级, each in order of first appearance (file order inside)."""
    out: dict[str, dict[str, list[dict]]] = {}
    for row in rows:
        out.setdefault(row["level1"], {}).setdefault(row["level2"], []).append(row)
    return [(l1, list(l2s.items())) for l1, l2s in out.items()]


def table_rows(project: dict, subtotals: bool = True) -> list[dict]:
    """The indicator part of the 自评表 as table rows with their row spans: one row per
    indicator, then, where the profile's form has them, a subtotal row (小计) after each 一级."""
    out = []
    for level1, groups in _grouped(project["indicators"]):
        span1 = sum(len(rs) for _, rs in groups)
        weight = sum(Decimal(r["weight"]) for _, rs in groups for r in rs)
        score = sum(Decimal(r["score"]) for _, rs in groups for r in rs)
        for j, (level2, rs) in enumerate(groups):
            for k, r in enumerate(rs):
                out.append(
                    {
                        "kind": "indicator",
                        "row": r,
                        "level1": level1,
                        "level2": level2,
                        "span1": (span1 + subtotals) if j == 0 and k == 0 else 0,
                        "span2": len(rs) if k == 0 else 0,
                        "status": STATUS_ZH[r["status"]],
                    }
                )
        if subtotals:
            out.append({"kind": "subtotal", "level1": level1, "weight": f"{weight:.2f}", "score": f"{score:.2f}"})
    return out


def render_html(
    result: dict,
    model: Model,
    given: dict[str, dict],
    title: str | None = None,
    subtotals: bool = False,
    scales: list[float] | None = None,
) -> str:
    """One 自评表 per project, on its own printed page (the arguments: see selfeval_pages);
    scales: the scale each page is printed at (perflang/backends/selfeval.py fits a form a
    little taller than its page onto it), 1 when not given."""
    data = selfeval_pages(result, model, given, title, subtotals)
    for page, scale in zip(data["pages"], scales or ()):
        page["scale"] = scale
    return _template().render(**data)


def selfeval_pages(
    result: dict, model: Model, given: dict[str, dict], title: str | None = None, subtotals: bool = False
) -> dict:
    """What the 自评表 prints, one page per project, for every format (HTML, xlsx, docx): pages,
    year, profile (the title shown), page_title.  `given` holds each project's figures as
    written in the actuals (summary, executed, budget, initial_budget, funds rows, conclusion,
    problems, measures): shown as written where they are not scored.  `title` is the profile's
    Chinese name; `subtotals` whether its form has 小计 rows."""
    by_name = {p.name: p for p in model.projects}
    pages = []
    for project in result["projects"]:
        pm = by_name[project["name"]]
        goals = [g.text for g in pm.evaluated_goals]
        budget = pm.budget
        figures = given.get(project["name"], {})
        e = project["execution"]
        initial = figures.get("initial_budget") or (budget.text if budget else "")
        funds = figures.get("funds", {})
        pages.append(
            {
                "project": project,
                "rows": table_rows(project, subtotals),
                "department": pm.field("department") or "",
                "implementer": pm.field("implementer") or model.unit or "",
                "money_unit": budget.unit if budget else model.money_unit,
                "total_row": {
                    "initial": initial,
                    "budget": e["budget"] if e else figures.get("budget") or initial,
                    "executed": e["executed"] if e else figures.get("executed") or "",
                },
                "funds_rows": [{"label": shown, **funds.get(key, {})} for key, shown in FUNDS_ROWS],
                "goals": goals,
                "given": figures,
                "rate_percent": _percent(e),
                "blocks": [
                    (name, figures[key])
                    for key, name in (("conclusion", "评价结论"), ("problems", "存在问题"), ("measures", "改进措施"))
                    if figures.get(key)
                ],
            }
        )
    return {"pages": pages, "year": model.year, "profile": title or result["profile"], "page_title": TITLE}


def _percent(execution: dict | None) -> str:
    """执行率 as printed: the rate in percent to 2 places (0.9807 -> 98.07%)."""
    if execution is None:
        return "—"
    return f"{Decimal(execution['rate']) * 100:.2f}%"


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)


def render_text(result: dict, title: str | None = None, execution_in_total: bool = True) -> str:
    """A readable summary: one block per project, one line per indicator."""
    lines = [f"绩效自评（评分方案：{title or result['profile']}）"]
    for p in result["projects"]:
        lines += ["", f"项目：{p['name']}"]
        rows = [
            (
                f"{r['level1']}/{r['level2']}/{r['name']}",
                r["target"],
                r["actual"] or "—",
                f"{r['score']}/{r['weight']}",
                {True: "达标", False: "未达标", None: ""}[r["met"]],
                STATUS_ZH[r["status"]],
            )
            for r in p["indicators"]
        ]
        widths = [max([display_width(row[i]) for row in rows] + [0]) for i in range(3)]
        for row in rows:
            cells = [_pad(row[i], widths[i]) for i in range(3)] + [row[3].rjust(13)] + list(row[4:])
            lines.append("  " + "  ".join(cells).rstrip())
        e = p["execution"]
        if e is not None:
            lines.append(
                f"  预算执行率：{e['executed']} / {e['budget']} = {_percent(e)}，"
                f"得分 {e['score']}/{e['weight']}" + ("" if execution_in_total else "（不计入总分）")
            )
        else:
            lines.append("  预算执行率：不计分")
        lines.append(f"  总分 {p['total']}/{p['maximum']}，百分制 {p['total_100']}，等级 {p['grade']}")
    return "\n".join(lines) + "\n"
