"""The evaluation result for people: the printable 项目支出绩效自评表 (HTML, the national layout of
domain.md §5) and a plain summary for the terminal."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from ..model import Model
from ..source import display_width

__all__ = ["render_html", "render_text", "table_rows"]

STATUS_ZH = {"scored": "", "manual": "人工评分", "missing": "缺少实际值", "invalid": "无效"}


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("perflang", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    return env.get_template("selfeval.html.j2")


def _grouped(rows: list[dict]) -> list[tuple[str, list[tuple[str, list[dict]]]]]:
    """Rows grouped by 一级 then 二级, each in order of first appearance (file order inside)."""
    out: dict[str, dict[str, list[dict]]] = {}
    for row in rows:
        out.setdefault(row["level1"], {}).setdefault(row["level2"], []).append(row)
    return [(l1, list(l2s.items())) for l1, l2s in out.items()]


def table_rows(project: dict) -> list[dict]:
    """The indicator part of the 自评表 as table rows with their row spans: one row per
    indicator, then a subtotal row (小计) after each 一级."""
    out = []
    for level1, groups in _grouped(project["indicators"]):
        span1 = sum(len(rs) for _, rs in groups)
        weight = sum(Decimal(r["weight"]) for _, rs in groups for r in rs)
        score = sum(Decimal(r["score"]) for _, rs in groups for r in rs)
        for j, (level2, rs) in enumerate(groups):
            for k, r in enumerate(rs):
                out.append({"kind": "indicator", "row": r, "level1": level1, "level2": level2,
                            "span1": span1 if j == 0 and k == 0 else 0,
                            "span2": len(rs) if k == 0 else 0,
                            "status": STATUS_ZH[r["status"]]})
        out.append({"kind": "subtotal", "level1": level1, "weight": f"{weight:.2f}",
                    "score": f"{score:.2f}"})
    return out


def render_html(result: dict, model: Model, given: dict[str, dict[str, str]]) -> str:
    """One 自评表 per project, on its own printed page.  `given` holds each project's figures as
    written in the actuals (summary, executed, budget): shown as written where they are not
    scored (a profile without the execution line)."""
    by_name = {p.name: p for p in model.projects}
    pages = []
    for project in result["projects"]:
        pm = by_name[project["name"]]
        goals = [g.text for g in pm.evaluated_goals]
        budget = pm.budget
        pages.append({
            "project": project, "rows": table_rows(project),
            "department": pm.field("department") or "",
            "implementer": pm.field("implementer") or model.unit or "",
            "money_unit": budget.unit if budget else model.money_unit,
            "initial_budget": budget.text if budget else "",
            "goals": goals, "given": given.get(project["name"], {}),
            "rate_percent": _percent(project["execution"]),
        })
    return _template().render(pages=pages, year=model.year, profile=result["profile"],
                              page_title="项目支出绩效自评表")


def _percent(execution: dict | None) -> str:
    """执行率 as printed: the rate in percent to 2 places (0.9807 -> 98.07%)."""
    if execution is None:
        return "—"
    return f"{Decimal(execution['rate']) * 100:.2f}%"


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)


def render_text(result: dict) -> str:
    """A readable summary: one block per project, one line per indicator."""
    lines = [f"绩效自评（评分方案：{result['profile']}）"]
    for p in result["projects"]:
        lines += ["", f"项目：{p['name']}"]
        rows = [(f"{r['level1']}/{r['level2']}/{r['name']}", r["target"], r["actual"] or "—",
                 f"{r['score']}/{r['weight']}",
                 {True: "达标", False: "未达标", None: ""}[r["met"]], STATUS_ZH[r["status"]])
                for r in p["indicators"]]
        widths = [max([display_width(row[i]) for row in rows] + [0]) for i in range(3)]
        for row in rows:
            cells = [_pad(row[i], widths[i]) for i in range(3)] + [row[3].rjust(13)] + list(row[4:])
            lines.append("  " + "  ".join(cells).rstrip())
        e = p["execution"]
        if e is not None:
            lines.append(f"  预算执行率：{e['executed']} / {e['budget']} = {_percent(e)}，"
                         f"得分 {e['score']}/{e['weight']}")
        else:
            lines.append("  预算执行率：不计分")
        lines.append(f"  总分 {p['total']}/{p['maximum']}，百分制 {p['total_100']}，等级 {p['grade']}")
    return "\n".join(lines) + "\n"
