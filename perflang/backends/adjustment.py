"""The 绩效目标调整表 of `perflang diff` (perflang/contract/diff.py) as text for the terminal,
as JSON (perflang-diff/1) or as a printable HTML page (A4 landscape, through the one jinja2
environment, markup.py): the `diff` formats of the backend registry."""

from __future__ import annotations

import json

from ..contract.diff import Adjustment, Change, changes_data
from ..messages import cli_text
from ..model import Model
from .json import source_path
from .markup import environment

__all__ = ["render", "render_text", "render_json", "render_html", "FORMAT", "TITLE"]

FORMAT = "perflang-diff/1"
SETTING_NAMES = {
    "unit": "申报单位",
    "year": "年度",
    "money_unit": "金额单位",
    "form": "表样",
    "default_basis": "默认依据",
    "scoring": "评分方案",
}
TITLE = "绩效目标调整表"


def _label(c: Change, lang: str) -> str:
    """调整内容: 新增指标, 修改指标值, 指标更名 … (the catalog's words)."""
    return cli_text(f"diff.{c.kind}.{c.change}", lang, what=cli_text(f"diff.what.{c.what or 'value'}", lang))


def _rows(changes: list[Change], lang: str) -> list[dict]:
    rows = []
    for c in changes:
        row = {**changes_data([c])[0], "label": _label(c, lang)}
        if c.kind == "setting":
            row["name"] = SETTING_NAMES.get(c.name, c.name)
        rows.append(row)
    return rows


def _text(changes: list[Change], old: Model, new: Model, lang: str) -> str:
    head = cli_text("diff.title", lang, old=source_path(old.source), new=source_path(new.source))
    if not changes:
        return head + "\n" + cli_text("diff.none", lang) + "\n"
    out = [head]
    project = None
    for c in changes:
        if c.project != project or not out[1:]:
            project = c.project
            out.append(cli_text("diff.project", lang, name=project) if project else cli_text("diff.file", lang))
        where = "/".join(x for x in (c.level1, c.level2, c.name) if x) if c.kind == "indicator" else c.name
        if c.kind == "setting":
            where = SETTING_NAMES.get(c.name, c.name)
        parts = [f"  {_label(c, lang)}", " ".join(x for x in (c.goal, where) if x)]
        if c.old is not None or c.new is not None:
            parts.append(f"{c.old if c.old is not None else '—'} → {c.new if c.new is not None else '—'}")
        if c.reason:
            parts.append(cli_text("diff.reason", lang, reason=c.reason))
        out.append("  ".join(p for p in parts if p))
    out.append(cli_text("diff.count", lang, count=len(changes)))
    return "\n".join(out) + "\n"


def render_text(adjustment: Adjustment, lang: str = "zh") -> str:
    """The changes as lines for the terminal, in lang."""
    return _text(adjustment.changes, adjustment.old, adjustment.new, lang)


def render_json(adjustment: Adjustment, lang: str = "zh") -> str:
    """perflang-diff/1: the changes as data (the same in every language)."""
    data = {
        "format": FORMAT,
        "old": source_path(adjustment.old.source),
        "new": source_path(adjustment.new.source),
        "changes": changes_data(adjustment.changes),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_html(adjustment: Adjustment, lang: str = "zh") -> str:
    """The printable 绩效目标调整表 (in Chinese, as the form is)."""
    new = adjustment.new
    return (
        environment()
        .get_template("adjustment.html.j2")
        .render(
            page_title=f"{new.unit} {TITLE}" if new.unit else TITLE,
            unit=new.unit,
            old=source_path(adjustment.old.source),
            new=source_path(new.source),
            rows=_rows(adjustment.changes, "zh"),
        )
    )


def render(changes: list[Change], fmt: str, old: Model, new: Model, lang: str = "zh") -> str:
    """The changes in fmt (text, json, html)."""
    return {"json": render_json, "html": render_html}.get(fmt, render_text)(Adjustment(changes, old, new), lang)
