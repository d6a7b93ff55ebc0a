"""The evaluation's report data: what the printed 项目支出绩效自评表 shows (the national layout of
domain.md §5), one page per project, for every format perflang/backends/evalreport.py writes
(HTML, PDF, xlsx, docx), and the Evaluation value those formats are printed from."""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from ..forms import SelfForm
from ..model import Model

__all__ = ["Evaluation", "table_rows", "selfeval_pages", "percent", "STATUS_ZH"]

TITLE = "项目支出绩效自评表"
STATUS_ZH = {"scored": "", "manual": "人工评分", "missing": "缺少实际值", "invalid": "无效"}
FUNDS_ROWS = (("财政拨款", "其中：财政拨款"), ("上年结转", "上年结转"), ("其他资金", "其他资金"))


@frozen
class Evaluation:
    """A file's targets scored against the year's actuals, as every `eval --to` format prints it:
    the perflang-eval/1 result, the checked model, the figures as written in the actuals
    (given_figures), the profile's Chinese name, whether its form has 小计 rows, whether the
    budget's execution counts in the total, the printed form (None: the national 自评表), the
    profile itself, and the projects whose actuals have errors (their total is not printed as
    a result)."""

    result: dict
    model: Model
    given: dict
    title: str
    subtotals: bool = False
    execution_in_total: bool = True
    form: SelfForm | None = None
    profile: dict | None = None
    unscored: frozenset = frozenset()


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


def selfeval_pages(ev: Evaluation) -> dict:
    """What the 自评表 prints, one page per project, for every format (HTML, xlsx, docx): pages,
    year, profile (the title shown), page_title.  The figures given in the actuals (summary,
    executed, budget, initial_budget, funds rows, conclusion, problems, measures) are shown as
    written where they are not scored."""
    result, model, given, title, subtotals = ev.result, ev.model, ev.given, ev.title, ev.subtotals
    by_name = {p.name: p for p in model.projects}
    pages = []
    for project in result["projects"]:
        pm = by_name[project["name"]]
        goals = [g.text for g in pm.evaluated_goals]
        by_goal, k = [], 0  # each evaluated goal with its result rows (the spec's order) and targets
        for g in pm.evaluated_goals:
            n = len(g.indicators)
            rows = project["indicators"][k : k + n]
            weight = sum((Decimal(r["weight"]) for r in rows), Decimal(0))
            by_goal.append(
                {
                    "label": g.label,
                    "number": g.number,
                    "text": g.text,
                    "rows": rows,
                    "targets": [i.target for i in g.indicators],
                    "weight": weight,
                }
            )
            k += n
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
                "total_row": {  # as scored, else as written (a figure that is not an amount too)
                    "initial": initial,
                    "budget": (e and e["budget"]) or figures.get("budget") or initial,
                    "executed": (e and e["executed"]) or figures.get("executed") or "",
                },
                "funds_rows": [{"label": shown, **funds.get(key, {})} for key, shown in FUNDS_ROWS],
                "goals": goals,
                "given": figures,
                "rate_percent": percent(e),
                "blocks": [
                    (name, figures[key])
                    for key, name in (("conclusion", "评价结论"), ("problems", "存在问题"), ("measures", "改进措施"))
                    if figures.get(key)
                ],
                "by_goal": by_goal,
                "declared": list(pm.funding),  # the 资金 lines as written
                "fields": dict(pm.fields),
                "model": pm,
                "scored": project["name"] not in ev.unscored,
            }
        )
    return {"pages": pages, "year": model.year, "profile": title or result["profile"], "page_title": TITLE}


def percent(execution: dict | None) -> str:
    """执行率 as printed: the rate in percent to 2 places (0.9807 -> 98.07%); — when there is
    none (not scored, or a figure given that is not a valid amount)."""
    if execution is None or execution.get("rate") is None:
        return "—"
    return f"{Decimal(execution['rate']) * 100:.2f}%"
