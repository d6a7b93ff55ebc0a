"""The checker: a tuple of small rules, each a function (Context) -> Iterable[Diagnostic].

Each rule's docstring names the codes it emits; docs/diagnostics.md has one entry per code.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Callable, Iterable, Iterator

from attrs import frozen

from . import framework
from .diagnostics import Diagnostic
from .model import GOAL_LABELS, Model
from .nodes import Document
from .units import parse_unit

__all__ = ["RULES", "run_rules", "Context"]

TOP_ONLY = {"unit", "money_unit", "year", "form"}
PROJECT_ONLY = {"budget", "department", "implementer", "nature", "period", "category"}
FORMS = {"批复表": "approval", "申报表": "declaration", "目标表": "approval",
         "approval": "approval", "declaration": "declaration"}
MONEY_UNITS = ("元", "千元", "万元", "亿元")
VAGUE_WORDS = ("确保", "力争", "进一步", "有所", "明显", "争取", "尽量", "逐步", "较好", "基本")
HIGHER_BETTER_WORDS = ("合格率", "满意度", "满意率", "完成率", "达标率", "及时率", "覆盖率",
                       "正常率", "运转率", "知晓率", "到位率", "办结率", "通过率", "执行率")
LOWER_BETTER_WORDS = ("故障率", "投诉率", "差错率", "事故率", "失误率", "返工率", "违规率", "损耗率")


@frozen
class Context:
    doc: Document
    model: Model


def _ind_path(project, goal, ind) -> tuple[str, str, str]:
    return (project.name, goal.label, ind.name)


def _iter_indicators(model: Model, shared: bool = False):
    """(project, goal, indicator) for every written indicator (shared copies skipped)."""
    for p in model.projects:
        for g in p.goals:
            if g.shared_from is not None and not shared:
                continue
            for ind in g.indicators:
                yield p, g, ind


def check_settings(ctx: Context) -> Iterator[Diagnostic]:
    """PF106 setting in the wrong place, PF107 set twice, PF108 invalid 金额单位/表样/年度."""
    for s in ctx.doc.settings:
        if s.key in PROJECT_ONLY:
            yield Diagnostic(code="PF106", span=s.span, args={
                "key": s.keyword, "place": "项目之外", "place_en": "outside a project",
                "hint": "把这一行移到“项目 名称 { … }”里面"})
    for p in ctx.doc.projects:
        for s in p.settings:
            if s.key in TOP_ONLY:
                yield Diagnostic(code="PF106", span=s.span, args={
                    "key": s.keyword, "place": "项目之内", "place_en": "inside a project",
                    "hint": "把这一行移到文件开头，所有项目之前"})
    for settings in [ctx.doc.settings] + [p.settings for p in ctx.doc.projects]:
        seen: set[str] = set()
        for s in settings:
            if s.key in seen:
                yield Diagnostic(code="PF107", span=s.span, args={"key": s.keyword})
            seen.add(s.key)
    for s in ctx.doc.settings:
        if s.key == "money_unit" and s.value not in MONEY_UNITS:
            yield Diagnostic(code="PF108", span=s.value_span, args={
                "value": s.value, "what": "金额单位", "what_en": "money unit",
                "choices": "、".join(MONEY_UNITS)})
        elif s.key == "form" and s.value not in FORMS:
            yield Diagnostic(code="PF108", span=s.value_span, args={
                "value": s.value, "what": "表样", "what_en": "form",
                "choices": "批复表、申报表"})
        elif s.key == "year" and not (s.value.isdigit() and len(s.value) == 4):
            yield Diagnostic(code="PF108", span=s.value_span, args={
                "value": s.value, "what": "年度", "what_en": "year", "choices": "例如 2024"})


def check_framework(ctx: Context) -> Iterator[Diagnostic]:
    """PF201 unknown 一级, PF202 unknown 二级, PF203 二级 under the wrong 一级, PF208 no 二级."""
    for p in ctx.doc.projects:
        for goal in p.goals:
            for group in goal.groups:
                yield from _check_group(group)


def _suggest(name: str, level: int) -> str:
    found = framework.suggest(name, level)
    if found:
        return "你是不是想写：" + "、".join(found)
    known = framework.LEVEL1 if level == 1 else framework.LEVEL2_OWNERS
    return "可用的名称：" + "、".join(known)


def _check_group(group) -> Iterator[Diagnostic]:
    l1 = framework.resolve_level1(group.level1)
    if l1 is None:
        yield Diagnostic(code="PF201", span=group.level1_span,
                         args={"name": group.level1, "suggest": _suggest(group.level1, 1)})
    if group.level2 is None:
        yield Diagnostic(code="PF208", span=group.level1_span, args={"level1": group.level1})
        return
    l2 = framework.resolve_level2(group.level2, l1)
    if l2 is None:
        yield Diagnostic(code="PF202", span=group.level2_span,
                         args={"name": group.level2, "suggest": _suggest(group.level2, 2)})
    elif l1 is not None and l2 not in framework.LEVEL1[l1]:
        owners = framework.owners_of(l2)
        yield Diagnostic(code="PF203", span=group.level2_span, args={
            "level1": group.level1, "level2": group.level2, "owner": "、".join(owners)})


def check_names(ctx: Context) -> Iterator[Diagnostic]:
    """PF204 duplicate project, PF205 duplicate indicator in a goal, PF206 duplicate goal number,
    PF207 a shared goal that points at nothing, PF209 empty indicator name."""
    seen: dict[str, object] = {}
    for p in ctx.doc.projects:
        if p.name in seen:
            yield Diagnostic(code="PF204", span=p.name_span, args={"name": p.name})
        seen.setdefault(p.name, p)
    for pm in ctx.model.projects:
        numbers: set[tuple[str, int]] = set()
        for g in pm.goals:
            key = (g.kind, g.number)
            if key in numbers:
                yield Diagnostic(code="PF206", span=g.node.span, args={
                    "goal": GOAL_LABELS[g.kind], "goal_en": g.kind + " goal", "number": g.number})
            numbers.add(key)
            if g.node.same_as is not None and g.shared_from is None:
                kind, no = g.node.same_as
                target = f"{GOAL_LABELS[kind]} {no if no is not None else ''}".strip()
                have = [x.label for x in pm.goals if x.shared_from is None and x.node.same_as is None]
                yield Diagnostic(code="PF207", span=g.node.span, args={
                    "target": target,
                    "suggest": ("本项目已有：" + "、".join(have)) if have else "本项目还没有可共用的目标"})
            if g.shared_from is not None:
                continue
            names: dict[str, object] = {}
            for ind in g.indicators:
                if not ind.name.strip():
                    yield Diagnostic(code="PF209", span=ind.node.name_span)
                elif ind.name in names:
                    yield Diagnostic(code="PF205", span=ind.node.name_span, args={"name": ind.name},
                                     path=_ind_path(pm, g, ind))
                names.setdefault(ind.name, ind)


def check_budget(ctx: Context) -> Iterator[Diagnostic]:
    """PF301 missing budget, PF302 malformed budget, PF306 malformed weight."""
    for pm in ctx.model.projects:
        node = pm.node
        if pm.budget is None:
            yield Diagnostic(code="PF301", span=node.name_span, args={"name": pm.name})
        elif pm.budget.value is None or pm.budget.value < 0 or pm.budget.base_value is None:
            s = next(s for s in node.settings if s.key == "budget")
            yield Diagnostic(code="PF302", span=s.value_span, args={"value": pm.budget.text})
    for _, _, ind in _iter_indicators(ctx.model):
        a = ind.node.attr("weight")
        if a is not None and (ind.weight is None or ind.weight < 0):
            yield Diagnostic(code="PF306", span=a.value_span, args={"value": a.value})


def _money(value: Decimal, unit: str) -> str:
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
            costs = [i for i in g.indicators if i.is_cost and i.target.dimension == "money"
                     and i.target.comparator in ("<=", "<", "=", None)]
            for ind in costs:
                total += ind.target.base_value
                if ind.target.base_value > budget:
                    over = True
                    yield Diagnostic(code="PF304", span=ind.node.value_span, path=_ind_path(pm, g, ind),
                                     args={"name": ind.name, "amount": ind.target.text, "budget": budget_text})
            if not over and total > budget and len(costs) > 1:
                unit = parse_unit(pm.budget.unit)
                shown = _money(total / unit.factor, pm.budget.unit) if unit else f"{total}元"
                yield Diagnostic(code="PF305", span=costs[-1].node.value_span, args={
                    "goal": g.label, "goal_en": f"{g.kind} goal {g.number}",
                    "total": shown, "budget": budget_text})


def check_values(ctx: Context) -> Iterator[Diagnostic]:
    """PF303 negative target, PF401 unknown unit, PF402 missing unit, PF403 missing comparator,
    PF410 empty value."""
    for pm, g, ind in _iter_indicators(ctx.model):
        t = ind.target
        path = _ind_path(pm, g, ind)
        span = ind.node.value_span
        if not t.text:
            yield Diagnostic(code="PF410", span=ind.node.name_span, path=path, args={"name": ind.name})
            continue
        if t.kind != "quantitative":
            continue
        if t.number is not None and t.number < 0:
            yield Diagnostic(code="PF303", span=span, path=path, args={"text": t.text})
        if t.unit_info is None or not t.unit_info.base:
            example = f"{t.text}{'万元' if ind.is_cost else '个'}" if not t.unit else f"{t.text}元"
            yield Diagnostic(code="PF402", span=span, path=path, args={"text": t.text, "example": example})
        elif not t.unit_info.known:
            yield Diagnostic(code="PF401", span=span, path=path, args={
                "unit": t.unit, "suggest": "如果这是量词，可以忽略本提示；常用单位：元、万元、人、个、%、平方米、吨"})
        if t.comparator is None:
            op = "≤" if ind.is_cost else "≥"
            yield Diagnostic(code="PF403", span=span, path=path,
                             args={"text": t.text, "example": f"{op}{t.text}"})


def _has_word(name: str, words) -> str | None:
    return next((w for w in words if w in name), None)


def check_review(ctx: Context) -> Iterator[Diagnostic]:
    """PF404 percent above 100 on a rate, PF405 comparator pointing the wrong way, PF406 满意度
    below 90%, PF408 vague wording, PF409 unknown basis."""
    for pm, g, ind in _iter_indicators(ctx.model):
        t = ind.target
        path = _ind_path(pm, g, ind)
        span = ind.node.value_span
        is_rate = ind.name.endswith("率") or "满意度" in ind.name
        if t.kind == "quantitative" and t.is_percent and is_rate and t.number > 100:
            yield Diagnostic(code="PF404", span=span, path=path, args={"name": ind.name, "text": t.text})
        if t.kind == "quantitative":
            yield from _direction(ind, t, span, path)
        if t.kind == "quantitative" and t.is_percent and "满意" in ind.name and t.number < 90 \
                and t.comparator in (">=", ">", "=", None):
            yield Diagnostic(code="PF406", span=span, path=path, args={"name": ind.name, "text": t.text})
        if t.kind == "qualitative":
            word = _has_word(t.text, VAGUE_WORDS)
            if word:
                yield Diagnostic(code="PF408", span=span, path=path, args={"text": t.text, "word": word})
        if ind.basis and ind.basis not in framework.BASES:
            a = ind.node.attr("basis")
            found = framework_suggest_basis(ind.basis)
            yield Diagnostic(code="PF409", span=a.value_span if a else span, path=path, args={
                "value": ind.basis, "suggest": found})


def framework_suggest_basis(value: str) -> str:
    import difflib

    close = difflib.get_close_matches(value, framework.BASES, n=2, cutoff=0.3)
    return ("你是不是想写：" + "、".join(close)) if close else "可选：" + "、".join(framework.BASES)


def _direction(ind, t, span, path) -> Iterator[Diagnostic]:
    lower_is_better = ind.is_cost and t.dimension == "money" or _has_word(ind.name, LOWER_BETTER_WORDS)
    higher_is_better = _has_word(ind.name, HIGHER_BETTER_WORDS) and not lower_is_better
    if higher_is_better and t.comparator in ("<=", "<"):
        yield Diagnostic(code="PF405", span=span, path=path, args={
            "name": ind.name, "text": t.text, "suggest": "这类指标越高越好，一般写作 ≥ 或 ="})
    elif lower_is_better and t.comparator in (">=", ">"):
        yield Diagnostic(code="PF405", span=span, path=path, args={
            "name": ind.name, "text": t.text, "suggest": "成本、故障率这类指标越低越好，一般写作 ≤"})


def check_coverage(ctx: Context) -> Iterator[Diagnostic]:
    """PF407 a goal without one of 产出/效益/满意度; PF210 a goal or project with no indicator."""
    names = {"产出": ("产出指标", "output"), "效益": ("效益指标", "benefit"), "满意度": ("满意度指标", "satisfaction")}
    for pm in ctx.model.projects:
        if not pm.goals:
            yield Diagnostic(code="PF210", span=pm.node.name_span, args={
                "what": "项目", "what_en": "project", "name": pm.name})
        for g in pm.goals:
            if g.shared_from is not None or g.node.same_as is not None:
                continue
            if not g.indicators:
                yield Diagnostic(code="PF210", span=g.node.span, args={
                    "what": "目标", "what_en": "goal", "name": g.label})
                continue
            present = {i.level1_canonical for i in g.indicators}
            if "成本指标" in present:
                present.add("产出指标")
            missing = [k for k, (canon, _) in names.items() if canon not in present]
            if missing:
                yield Diagnostic(code="PF407", span=g.node.span, args={
                    "goal": g.label, "goal_en": f"{g.kind} goal {g.number}",
                    "missing": "、".join(m + "指标" for m in missing),
                    "missing_en": ", ".join(names[m][1] + " indicators" for m in missing)})


def check_weights(ctx: Context) -> Iterator[Diagnostic]:
    """PF307 explicit weights (分值) above their scoring pool (national profile, perflang.evalspec)."""
    from .evalspec import weight_excesses

    yield from weight_excesses(ctx.model)


RULES: tuple[Callable[[Context], Iterable[Diagnostic]], ...] = (
    check_settings,
    check_framework,
    check_names,
    check_budget,
    check_costs,
    check_values,
    check_review,
    check_coverage,
    check_weights,
)


def run_rules(doc: Document, model: Model, rules=RULES) -> list[Diagnostic]:
    ctx = Context(doc, model)
    return [d for rule in rules for d in rule(ctx)]
