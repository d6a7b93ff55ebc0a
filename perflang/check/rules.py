"""The checker: a tuple of small rules, each a function (Context) -> Iterable[Diagnostic].

Each rule's docstring names the codes it emits; docs/diagnostics.md has one entry per code.
"""

from __future__ import annotations

import difflib
from decimal import Decimal
from typing import Callable, Iterable, Iterator

from .. import framework
from ..decimals import decimal_text
from ..diagnostics import Diagnostic, Severity
from ..forms import FormError, is_form_file, resolve_form
from ..model import GOAL_LABELS, Model
from ..syntax.nodes import Document
from ..units import parse_unit
from .context import Context, ind_path, iter_indicators
from .review import check_basis, check_coverage, check_review, check_values

__all__ = ["RULES", "run_rules", "Context", "STATUSES", "is_approved"]

TOP_ONLY = {"unit", "money_unit", "year", "form", "scoring", "status"}
PROJECT_ONLY = {"budget", "department", "implementer", "nature", "period", "category"}
MONEY_UNITS = ("元", "千元", "万元", "亿元")


def check_settings(ctx: Context) -> Iterator[Diagnostic]:
    """PF106 setting in the wrong place, PF107 set twice, PF108 invalid 金额单位/表样/年度."""
    for s in ctx.doc.settings:
        if s.key in PROJECT_ONLY:
            yield Diagnostic(
                code="PF106",
                span=s.span,
                args={
                    "key": s.keyword,
                    "place": "项目之外",
                    "place_en": "outside a project",
                    "hint": "把这一行移到“项目 名称 { … }”里面",
                    "hint_en": "move this line into a project",
                },
            )
    for p in ctx.doc.projects:
        for s in p.settings:
            if s.key in TOP_ONLY:
                yield Diagnostic(
                    code="PF106",
                    span=s.span,
                    path=(p.name,),
                    args={
                        "key": s.keyword,
                        "place": "项目之内",
                        "place_en": "inside a project",
                        "hint": "把这一行移到文件开头，所有项目之前",
                        "hint_en": "move this line to the top of the file, before every project",
                    },
                )
    for settings in [ctx.doc.settings] + [p.settings for p in ctx.doc.projects]:
        first: dict[str, int] = {}
        for s in settings:
            if s.key in first:
                yield Diagnostic(code="PF107", span=s.span, args={"key": s.keyword, "first": first[s.key]})
            first.setdefault(s.key, s.span.line)
    for s in ctx.doc.settings:
        bad = _bad_setting(s, ctx.model.source)
        if bad:
            yield Diagnostic(code="PF108", span=s.value_span, args={"value": s.value, **bad})


def _bad_setting(s, source: str = "") -> dict | None:
    """The PF108 args when a document setting has an invalid value (a 表样 form file is read,
    relative to the .perf file, and must be a usable form: perflang/forms.py)."""
    if s.key == "form" and is_form_file(s.value):
        try:
            resolve_form(s.value, source)
        except FormError as e:
            zh, _, en = str(e).partition(" / ")
            return {
                "what": "表样文件",
                "what_en": "form file",
                "choices": f"批复表、申报表、目标表，或可用的 .toml 表样文件（{zh}）",
                "choices_en": f"批复表, 申报表, 目标表, or a usable .toml form file ({en or zh})",
            }
        return None
    if s.key == "money_unit" and s.value not in MONEY_UNITS:
        return {
            "what": "金额单位",
            "what_en": "money unit",
            "choices": "、".join(MONEY_UNITS),
            "choices_en": ", ".join(MONEY_UNITS),
        }
    if s.key == "form" and s.value not in framework.FORMS:
        return {
            "what": "表样",
            "what_en": "form",
            "choices": "批复表、申报表、目标表，或 .toml 表样文件",
            "choices_en": "批复表, 申报表, 目标表, or a .toml form file",
        }
    if s.key == "status" and s.value not in STATUSES:
        return {
            "what": "状态",
            "what_en": "status",
            "choices": "已批复、草稿",
            "choices_en": "已批复 (approved), 草稿 (draft)",
        }
    if s.key == "year" and not (s.value.isdigit() and len(s.value) == 4):
        return {
            "what": "年度",
            "what_en": "year",
            "choices": "四位数字的年份，例如 2024",
            "choices_en": "a four-digit year, e.g. 2024",
        }
    return None


def check_framework(ctx: Context) -> Iterator[Diagnostic]:
    """PF201 unknown 一级, PF202 unknown 二级, PF203 二级 under the wrong 一级, PF208 no 二级."""
    for pm in ctx.model.projects:
        for g in pm.goals:
            if g.shared_from is None:
                for group in g.node.groups:
                    yield from _check_group(group, (pm.name, g.label))


def _suggest(name: str, level1: str | None = None) -> dict:
    """Did-you-mean args: close names (the 二级 of level1 first), else the names to choose from."""
    if level1 is None:
        own = [n[:-2] for n in framework.LEVEL1]
        every = own + [n[:-2] for n in framework.LEVEL1_ALIASES]
    else:
        children = framework.LEVEL1.get(level1, ())
        own = [n[:-2] for n in children] + [a[:-2] for a, c in framework.LEVEL2_ALIASES.items() if c in children]
        every = sorted({n[:-2] for n in (*framework.LEVEL2_OWNERS, *framework.LEVEL2_ALIASES)})
    close = (
        difflib.get_close_matches(name, own, n=2, cutoff=0.5)
        or difflib.get_close_matches(name, every, n=2, cutoff=0.5)
        or difflib.get_close_matches(name, own, n=2, cutoff=0.3)
    )
    if close:
        shown = [_with_owner(c, level1) for c in close]
        return {
            "suggest": "你是不是想写：" + "、".join(z for z, _ in shown),
            "suggest_en": "did you mean: " + ", ".join(e for _, e in shown),
        }
    names = own or every
    return {"suggest": "可用的名称：" + "、".join(names), "suggest_en": "names to use: " + ", ".join(names)}


def _with_owner(level2: str, level1: str | None) -> tuple[str, str]:
    """A suggested 二级 (zh, en), with the 一级 it belongs to when that is not level1."""
    full = framework.expand_short(level2)
    owners = [o[:-2] for o in framework.owners_of(framework.LEVEL2_ALIASES.get(full, full))]
    if level1 is None or not owners or level1[:-2] in owners:
        return level2, level2
    return f"{level2}（属于{'、'.join(owners)}）", f"{level2} (under {', '.join(owners)})"


def _check_group(group, path) -> Iterator[Diagnostic]:
    l1 = framework.resolve_level1(group.level1)
    if l1 is None:
        yield Diagnostic(
            code="PF201", span=group.level1_span, path=path, args={"name": group.level1, **_suggest(group.level1)}
        )
    if group.level2 is None:
        yield Diagnostic(code="PF208", span=group.level1_span, path=path, args={"level1": group.level1})
        return
    l2 = framework.resolve_level2(group.level2, l1)
    if l2 is None:
        yield Diagnostic(
            code="PF202",
            span=group.level2_span,
            path=path,
            args={"name": group.level2, **_suggest(group.level2, l1 or "")},
        )
    elif l1 is not None and l2 not in framework.LEVEL1[l1]:
        owners = "、".join(framework.owners_of(l2))
        yield Diagnostic(
            code="PF203",
            span=group.level2_span,
            path=path,
            args={
                "level1": group.level1,
                "level2": group.level2,
                "owner": owners,
                "owner_en": owners.replace("、", ", "),
            },
        )


def check_names(ctx: Context) -> Iterator[Diagnostic]:
    """PF204 duplicate project, PF205 duplicate indicator in a goal, PF206 duplicate goal number,
    PF207 a shared goal that points at nothing, PF209 empty indicator name."""
    seen: dict[str, int] = {}
    for p in ctx.doc.projects:
        if p.name in seen:
            yield Diagnostic(
                code="PF204", span=p.name_span, path=(p.name,), args={"name": p.name, "first": seen[p.name]}
            )
        seen.setdefault(p.name, p.name_span.line)
    for pm in ctx.model.projects:
        numbers: dict[tuple[str, int], int] = {}
        for g in pm.goals:
            key = (g.kind, g.number)
            if key in numbers:
                yield Diagnostic(
                    code="PF206",
                    span=g.node.span,
                    path=(pm.name,),
                    args={
                        "goal": GOAL_LABELS[g.kind],
                        "goal_en": g.kind + " goal",
                        "number": g.number,
                        "first": numbers[key],
                    },
                )
            numbers.setdefault(key, g.node.span.line)
            if g.node.same_as is not None and g.shared_from is None:
                kind, no = g.node.same_as
                target = f"{GOAL_LABELS[kind]} {no if no is not None else ''}".strip()
                have = [x.label for x in pm.goals if x.shared_from is None and x.node.same_as is None]
                yield Diagnostic(
                    code="PF207",
                    span=g.node.span,
                    path=(pm.name,),
                    args={
                        "target": target,
                        "suggest": ("本项目已有：" + "、".join(have)) if have else "本项目还没有可共用的目标",
                        "suggest_en": ("this project has: " + ", ".join(have))
                        if have
                        else "this project has no goal to share yet",
                    },
                )
            if g.shared_from is not None:
                continue
            names: dict[str, int] = {}
            for ind in g.indicators:
                if not ind.name.strip():
                    yield Diagnostic(code="PF209", span=ind.node.name_span, path=(pm.name, g.label))
                elif ind.name in names:
                    yield Diagnostic(
                        code="PF205",
                        span=ind.node.name_span,
                        path=ind_path(pm, g, ind),
                        args={"name": ind.name, "first": names[ind.name]},
                    )
                names.setdefault(ind.name, ind.node.name_span.line)


def check_budget(ctx: Context) -> Iterator[Diagnostic]:
    """PF301 missing budget, PF302 malformed budget, PF306 malformed weight."""
    money_ok = parse_unit(ctx.model.money_unit) is not None  # else PF108 says why amounts fail
    for pm in ctx.model.projects:
        node = pm.node
        if pm.budget is None:
            yield Diagnostic(code="PF301", span=node.name_span, path=(pm.name,), args={"name": pm.name})
        elif pm.budget.value is None or pm.budget.value < 0 or (pm.budget.base_value is None and money_ok):
            s = next(s for s in node.settings if s.key == "budget")
            yield Diagnostic(code="PF302", span=s.value_span, path=(pm.name,), args={"value": pm.budget.text})
    for pm, g, ind in iter_indicators(ctx.model):
        a = ind.node.attr("weight")
        if a is not None and (ind.weight is None or ind.weight < 0):
            yield Diagnostic(code="PF306", span=a.value_span, path=ind_path(pm, g, ind), args={"value": a.value})


def _money(value: Decimal | str, unit: str) -> str:
    return f"{value}{unit}"


def check_costs(ctx: Context) -> Iterator[Diagnostic]:
    """PF304 a money cost indicator above the budget, PF305 the money cost indicators of one
    goal adding up to more than the budget."""
    for pm in ctx.model.projects:
        if pm.budget is None or pm.budget.base_value is None:
            continue
        budget = pm.budget.base_value
        budget_text = _money(pm.budget.value, pm.budget.unit)
        for g in pm.goals:
            if g.shared_from is not None:
                continue
            total = Decimal(0)
            over = False
            costs = [
                i
                for i in g.indicators
                if i.is_cost and i.target.dimension == "money" and i.target.comparator in ("<=", "<", "=", None)
            ]
            for ind in costs:
                total += ind.target.base_value
                if ind.target.base_value > budget:
                    over = True
                    yield Diagnostic(
                        code="PF304",
                        span=ind.node.value_span,
                        path=ind_path(pm, g, ind),
                        args={"name": ind.name, "amount": ind.target.text, "budget": budget_text},
                    )
            if not over and total > budget and len(costs) > 1:
                unit = parse_unit(pm.budget.unit)
                shown = (
                    _money(decimal_text(total / unit.factor), pm.budget.unit) if unit else f"{decimal_text(total)}元"
                )
                yield Diagnostic(
                    code="PF305",
                    span=costs[-1].node.value_span,
                    path=(pm.name, g.label),
                    args={
                        "goal": g.label,
                        "goal_en": f"{g.kind} goal {g.number}",
                        "total": shown,
                        "budget": budget_text,
                    },
                )


def check_weights(ctx: Context) -> Iterator[Diagnostic]:
    """PF307 explicit weights (分值) above their scoring pool (the profile the file names in
    评分方案, else national; perflang.evaluation.spec), PF108 a 评分方案 that cannot be used."""
    from ..evaluation.spec import scoring_setting_problems, weight_excesses

    yield from scoring_setting_problems(ctx.model)
    if parse_unit(ctx.model.money_unit) is None:
        return  # an invalid 金额单位 (PF108): the scoring data cannot be built
    yield from weight_excesses(ctx.model)


RULES: tuple[Callable[[Context], Iterable[Diagnostic]], ...] = (
    check_settings,
    check_framework,
    check_names,
    check_budget,
    check_costs,
    check_values,
    check_review,
    check_basis,
    check_coverage,
    check_weights,
)


# `状态 已批复` (`status approved`): the file is an approved table, its values as approved.
# The reviewer's warnings on how targets are written (PF4xx) are then off: the officer may not
# change an approved value.  Errors always stay.
STATUSES = {"已批复": "approved", "approved": "approved", "草稿": "draft", "draft": "draft"}


def is_approved(doc: Document) -> bool:
    """The file says `状态 已批复` / `status approved`."""
    return any(s.key == "status" and STATUSES.get(s.value) == "approved" for s in doc.settings)


def quiet_when_approved(d: Diagnostic) -> bool:
    """A review warning that an approved table does not show."""
    return d.code.startswith("PF4") and d.level is Severity.WARNING


def run_rules(doc: Document, model: Model, rules=RULES) -> list[Diagnostic]:
    ctx = Context(doc, model)
    diags = [d for rule in rules for d in rule(ctx)]
    if is_approved(doc):
        diags = [d for d in diags if not quiet_when_approved(d)]
    return diags
