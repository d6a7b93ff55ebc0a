"""The checker: small rules, each a function (Context) -> Iterable[Diagnostic] registered with
the codes it emits (`@rule("PF301", …)`, check/context.py), and their driver, run_rules.  This
module holds the rules on structure, names and money; check/review.py the reviewers' warnings.

A new check rule is one function, one catalog entry and one test case:
1. a function in the family it belongs to (this module, or check/review.py for a reviewer's
   warning), decorated `@rule("PF412")`, yielding `Diagnostic(code="PF412", span=…, path=…,
   args={…})` — args are data (names, values, `messages.phrase(…)`, `Listing(…)`), never prose;
2. `"PF412": Entry(W, "中文…{name}…", "English…{name}…", "提示…", "hint…", title="…")` in
   perflang/messages.py (the code's number in its family: 1xx syntax, 2xx names, 3xx money,
   4xx review warnings);
3. a case `"PF412": (text, line, column)` in TEXT_CASES of tests/test_checker_codes.py.
Then `pytest tests/test_diagnostics_doc.py --update-goldens` writes its entry in
docs/diagnostics.md (the heading, the message and the case as `perflang check` prints it;
explain more below it by hand if it needs it); the tests fail until the three agree.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Iterator, NamedTuple

from .. import framework
from ..decimals import decimal_text
from ..diagnostics import Diagnostic, Edit, Severity
from ..forms import FormError, is_form_file, resolve_form
from ..messages import Listing, phrase
from ..model import GOAL_LABELS, Model, parse_budget
from ..source import NO_SPAN, Span
from ..syntax.nodes import Document
from ..units import MONEY_UNITS, parse_unit
from . import review  # noqa: F401  (its rules register themselves)
from .context import RULES, Context, ind_path, rule
from .review import YUAN_SLIP_FACTOR

__all__ = ["RULES", "run_rules", "Context", "STATUSES", "is_approved", "name_clashes"]

TOP_ONLY = {"unit", "money_unit", "year", "form", "scoring", "status"}
PROJECT_ONLY = {"budget", "department", "implementer", "nature", "period", "category"}


@rule("PF106", "PF107", "PF108")
def check_settings(ctx: Context) -> Iterator[Diagnostic]:
    """PF106 setting in the wrong place, PF107 set twice, PF108 invalid 金额单位/表样/年度."""
    for s in ctx.doc.settings:
        if s.key in PROJECT_ONLY:
            yield Diagnostic(
                code="PF106",
                span=s.span,
                args={"key": s.keyword, "place": phrase("place.outside"), "hint": phrase("hint.into_project")},
            )
    for p in ctx.doc.projects:
        for s in p.settings:
            if s.key in TOP_ONLY:
                yield Diagnostic(
                    code="PF106",
                    span=s.span,
                    path=(p.name,),
                    args={"key": s.keyword, "place": phrase("place.inside"), "hint": phrase("hint.to_top")},
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
    if s.key == "form":  # the preset forms are read on first use (perflang/forms.py)
        from ..forms import FORM_KEYS, PRESETS

        forms = Listing(tuple(PRESETS))
    if s.key == "form" and is_form_file(s.value):
        try:
            resolve_form(s.value, source)
        except FormError as e:
            reason = e.reason
            if e.span is not None:  # at its place in the form file
                reason = phrase("at", file=e.file, line=e.span.line, column=e.span.column, reason=reason)
            return {
                "what": phrase("what.form_file"),
                "choices": phrase("choices.form_file", names=forms, reason=reason),
            }
        return None
    if s.key == "money_unit" and s.value not in MONEY_UNITS:
        return {"what": phrase("what.money_unit"), "choices": Listing(MONEY_UNITS)}
    if s.key == "form" and s.value not in FORM_KEYS:
        return {"what": phrase("what.form"), "choices": phrase("choices.form", names=forms)}
    if s.key == "status" and s.value not in STATUSES:
        return {"what": phrase("what.status"), "choices": phrase("choices.status")}
    if s.key == "year" and not (s.value.isdigit() and len(s.value) == 4):
        return {"what": phrase("what.year"), "choices": phrase("choices.year")}
    return None


@rule("PF201", "PF202", "PF203", "PF208", "PF211")
def check_framework(ctx: Context) -> Iterator[Diagnostic]:
    """PF201 unknown 一级, PF202 unknown 二级, PF203 二级 under the wrong 一级 (unless the
    profile the file names in 评分方案 places it there: its [framework]), PF208 no 二级, PF211 a
    二级 without its 一级 (`时效 {`: 产出 / 时效)."""
    for pm in ctx.model.projects:
        for g in pm.goals:
            if g.shared_from is None:
                for group in g.node.groups:
                    if not _sound_levels(group.level1, group.level2):
                        yield from _check_group(group, (pm.name, g.label), ctx.placed)


@lru_cache(maxsize=1024)
def _sound_levels(level1: str, level2: str | None) -> bool:
    """_check_group finds nothing in a group of these names, whatever the profile places: the
    same few names head every group of a file, and the finding depends on the names alone
    (the profile's placing only ever excuses a PF203).  tests/test_checker_codes.py holds the
    two equal."""
    return next(_check_group(_Names(level1, level2), (), lambda level1, level2: False), None) is None


class _Names(NamedTuple):
    """What _check_group reads of a group to decide, without its spans."""

    level1: str
    level2: str | None
    level1_span: Span = NO_SPAN
    level2_span: Span = NO_SPAN


def _choices(level1: str | None) -> list[str]:
    """The names to choose from: the 一级 (level1 None), the 二级 of level1, else every 二级."""
    if level1 is None:
        return [n[:-2] for n in framework.LEVEL1]
    children = framework.LEVEL1.get(level1, ())
    own = [n[:-2] for n in children] + [a[:-2] for a, c in framework.LEVEL2_ALIASES.items() if c in children]
    return own or sorted({n[:-2] for n in (*framework.LEVEL2_OWNERS, *framework.LEVEL2_ALIASES)})


def _close(name: str, level1: str | None = None) -> list[str]:
    """The names close to name (the 二级 of level1 first; 一级 when level1 is None), short."""
    if level1 is None:
        own = [n[:-2] for n in framework.LEVEL1]
        every = own + [n[:-2] for n in framework.LEVEL1_ALIASES]
    else:
        children = framework.LEVEL1.get(level1, ())
        own = [n[:-2] for n in children] + [a[:-2] for a, c in framework.LEVEL2_ALIASES.items() if c in children]
        every = sorted({n[:-2] for n in (*framework.LEVEL2_OWNERS, *framework.LEVEL2_ALIASES)})
    import difflib  # here: a clean file never loads it (start-up)

    return (
        difflib.get_close_matches(name, own, n=2, cutoff=0.5)
        or difflib.get_close_matches(name, every, n=2, cutoff=0.5)
        or difflib.get_close_matches(name, own, n=2, cutoff=0.3)
    )


def written_like(name: str, like: str) -> str:
    """A framework name (canonical, 产出指标) in the form like is written: short (产出) or full
    (产出指标), in English when like is English (output)."""
    if like.isascii():
        english = {v: k for k, v in framework.ENGLISH_NAMES.items()}.get(framework.expand_short(name))
        if english:
            return english
    full = framework.expand_short(name)
    return full if like.endswith("指标") else full.removesuffix("指标")


def _suggest(name: str, level1: str | None = None) -> dict:
    """Did-you-mean args: close names (the 二级 of level1 first), else the names to choose from."""
    close = _close(name, level1)
    if close:
        return {"suggest": phrase("suggest.did_you_mean", names=Listing(tuple(_with_owner(c, level1) for c in close)))}
    return {"suggest": phrase("suggest.names", names=Listing(tuple(_choices(level1))))}


def _with_owner(level2: str, level1: str | None):
    """A suggested 二级, with the 一级 it belongs to when that is not level1."""
    full = framework.expand_short(level2)
    owners = [o[:-2] for o in framework.owners_of(framework.LEVEL2_ALIASES.get(full, full))]
    if level1 is None or not owners or level1[:-2] in owners:
        return level2
    return phrase("suggest.owned", name=level2, owners=Listing(tuple(owners)))


def _check_group(group, path, placed=lambda level1, level2: False) -> Iterator[Diagnostic]:
    l1 = framework.resolve_level1(group.level1)
    if group.level2 is None and l1 is None:
        lone = framework.resolve_level2(group.level1, None)  # `时效 {`: a 二级 without its 一级
        owners = framework.owners_of(lone) if lone else []
        if owners:
            owner = written_like(owners[0], group.level1)
            fixed = f"{owner} / {group.level1}"
            yield Diagnostic(
                code="PF211",
                span=group.level1_span,
                path=path,
                args={"level2": group.level1, "owner": owner, "fixed": fixed},
                fix=(Edit(group.level1_span, fixed),),
            )
            return
    if l1 is None:
        close = _close(group.level1)
        l2 = framework.resolve_level2(group.level2, None) if group.level2 else None
        fitting = [c for c in close if l2 is None or l2 in framework.LEVEL1.get(framework.resolve_level1(c) or "", ())]
        fix = (Edit(group.level1_span, written_like(fitting[0], group.level1)),) if fitting else ()
        yield Diagnostic(
            code="PF201",
            span=group.level1_span,
            path=path,
            args={"name": group.level1, **_suggest(group.level1)},
            fix=fix,
        )
    if group.level2 is None:
        only = framework.LEVEL1.get(l1 or "", ())
        fix = ()
        if l1 == "满意度指标":  # its one 二级, as the tables write it: 满意度 / 满意度
            fix = (Edit(group.level1_span, f"{group.level1} / {written_like(l1, group.level1)}"),)
        elif len(only) == 1:
            fix = (Edit(group.level1_span, f"{group.level1} / {written_like(only[0], group.level1)}"),)
        example = fix[0].text if fix else "产出 / 数量"
        yield Diagnostic(
            code="PF208", span=group.level1_span, path=path, args={"level1": group.level1, "example": example}, fix=fix
        )
        return
    l2 = framework.resolve_level2(group.level2, l1)
    if l2 is None:
        yield Diagnostic(
            code="PF202",
            span=group.level2_span,
            path=path,
            args={"name": group.level2, **_suggest(group.level2, l1 or "")},
            fix=_level2_fix(group, l1) if l1 is not None else (),
        )
    elif l1 is not None and l2 not in framework.LEVEL1[l1] and not placed(group.level1, group.level2):
        owners = framework.owners_of(l2)
        yield Diagnostic(
            code="PF203",
            span=group.level2_span,
            path=path,
            args={"level1": group.level1, "level2": group.level2, "owner": Listing(tuple(owners))},
            fix=(Edit(group.level1_span, written_like(owners[0], group.level1)),) if len(owners) == 1 else (),
        )


def name_clashes(named) -> Iterator[Diagnostic]:
    """PF204 for each project (name, span of the name) named as one above it: the one check
    across projects (perflang.api.ProjectChecker runs it on projects compiled one by one)."""
    seen: dict[str, int] = {}
    for name, span in named:
        if name in seen:
            yield Diagnostic(code="PF204", span=span, path=(name,), args={"name": name, "first": seen[name]})
        seen.setdefault(name, span.line)


def _level2_fix(group, l1: str) -> tuple:
    """PF202's fix: the closest 二级, with its own 一级 when it belongs to another one."""
    close = _close(group.level2, l1)
    if not close:
        return ()
    name = close[0]
    full = framework.resolve_level2(name, l1)
    if full in framework.LEVEL1[l1]:
        return (Edit(group.level2_span, name),)
    owners = framework.owners_of(full) if full else []
    if len(owners) != 1:
        return ()
    return (Edit(group.level1_span, written_like(owners[0], group.level1)), Edit(group.level2_span, name))


@rule("PF204", "PF205", "PF206", "PF207", "PF209")
def check_names(ctx: Context) -> Iterator[Diagnostic]:
    """PF204 duplicate project, PF205 duplicate indicator in a goal, PF206 duplicate goal number,
    PF207 a shared goal that points at nothing, PF209 empty indicator name."""
    yield from name_clashes((p.name, p.name_span) for p in ctx.doc.projects)
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
                        "goal": phrase("goal.kind", label=GOAL_LABELS[g.kind], kind=g.kind),
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
                        "suggest": phrase("suggest.goals", names=Listing(tuple(have)))
                        if have
                        else phrase("suggest.no_goals"),
                    },
                )
            if g.shared_from is not None:
                continue
            written = [ind.name for ind in g.indicators]
            if len(set(written)) == len(written) and all(map(str.strip, written)):
                continue  # every name written and none twice (most goals): nothing to say
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


@rule("PF301", "PF302", "PF306")
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
    for pm, g, ind in ctx.attributed():
        a = ind.node.attr("weight")
        if a is not None and (ind.weight is None or ind.weight < 0):
            yield Diagnostic(code="PF306", span=a.value_span, path=ind_path(pm, g, ind), args={"value": a.value})


def _money(value: Decimal | str, unit: str) -> str:
    return f"{value}{unit}"


@rule("PF304", "PF305")
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
                if i.target.unit_info is not None
                and i.target.unit_info.dimension == "money"  # the target's dimension, read at once
                and i.target.comparator in ("<=", "<", "=", None)
                and i.is_cost
            ]
            for ind in costs:
                total += ind.target.base_value
                if ind.target.base_value > budget:
                    over = True
                    fixed = _in_yuan(ind.target, budget)
                    yield Diagnostic(
                        code="PF304",
                        span=ind.node.value_span,
                        path=ind_path(pm, g, ind),
                        args={
                            "name": ind.name,
                            "amount": ind.target.text,
                            "budget": budget_text,
                            "suggest": phrase("suggest.in_yuan", fixed=fixed) if fixed else phrase("suggest.cost"),
                        },
                        fix=(Edit(ind.node.value_span, fixed),) if fixed else (),
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
                        "goal": phrase("goal.numbered", label=g.label, kind=g.kind, number=g.number),
                        "total": shown,
                        "budget": budget_text,
                    },
                )


def _in_yuan(t, budget: Decimal) -> str | None:
    """A cost a thousand times the budget or more that is within it read in 元 (`≤3200000万元`
    of a 320万 budget: a number written in 元 under a 万元 unit): the target so written
    (`≤3200000元`).  A cost somewhat above the budget (`≤120万元` of 100万) is a real overrun."""
    if t.unit_info is None or t.unit_info.factor == 1 or t.number > budget or not t.text.endswith(t.unit):
        return None
    if t.base_value < YUAN_SLIP_FACTOR * budget:
        return None
    return t.text[: len(t.text) - len(t.unit)] + "元"


def amount_text(base: Decimal) -> str:
    """An amount in 元 as a reader takes it in: 320亿元, 320万元, 320元."""
    for factor, unit in ((Decimal(10) ** 8, "亿元"), (Decimal(10) ** 4, "万元")):
        if base >= factor:
            return f"{decimal_text(base / factor)}{unit}"
    return f"{decimal_text(base)}元"


# an amount in 万元 with this many digits before the point is 100亿元 or more: written in 元
IMPLAUSIBLE_WAN_DIGITS = 7


def _integer_digits(value: Decimal) -> int:
    return len(str(int(abs(value))))


@rule("PF308", "PF309", "PF310")
def check_money_slips(ctx: Context) -> Iterator[Diagnostic]:
    """The slips a reviewer catches in the money: PF308 a 万元 budget of 100亿元 or more (seven
    integer digits: the number was written in 元), PF309 a cost in 元 whose number is the
    budget's in 万元 (`项目总成本: ≤320元` of a 320万元 budget), PF310 资金 lines that do not
    add up to the budget in any reading."""
    for pm in ctx.model.projects:
        b = pm.budget
        if b is None or b.base_value is None or b.value is None:
            continue
        setting = next(s for s in pm.node.settings if s.key == "budget")
        if b.unit == "万元" and _integer_digits(b.value) >= IMPLAUSIBLE_WAN_DIGITS:
            meant = b.value / 10000
            number = _LEADING_NUMBER.match(setting.value)
            fixed = decimal_text(meant) + setting.value[number.end() :] if number else setting.value
            costs = [
                i.target.base_value
                for g in pm.goals
                for i in g.indicators
                if i.is_cost and i.target.dimension == "money" and i.target.base_value is not None
            ]
            fits = fixed != setting.value and all(c <= meant * 10000 for c in costs)
            yield Diagnostic(
                code="PF308",
                span=setting.value_span,
                path=(pm.name,),
                args={
                    "text": setting.value,
                    "unit": b.unit,
                    "amount": amount_text(b.base_value),
                    "fixed": fixed,
                    "meant": amount_text(meant * 10000),
                },
                fix=(Edit(setting.value_span, fixed),) if fits else (),
            )
            continue  # the costs are judged against a budget that is itself in doubt
        yield from _cost_in_smaller_unit(pm, b)
        yield from _funding_sum(pm, b, ctx.model.money_unit)


_LEADING_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")


def _cost_in_smaller_unit(pm, b) -> Iterator[Diagnostic]:
    """PF309: a money cost whose number is the budget's but whose unit is smaller."""
    for g in pm.goals:
        if g.shared_from is not None:
            continue
        for ind in g.indicators:
            t = ind.target
            unit = t.unit_info  # (its dimension is the target's: the cheapest test first)
            if unit is None or unit.dimension != "money" or not (t.number == b.value and ind.is_cost):
                continue
            if t.base_value is None:
                continue
            if t.base_value >= b.base_value or not t.unit or not t.text.endswith(t.unit):
                continue
            fixed = t.text[: len(t.text) - len(t.unit)] + b.unit
            yield Diagnostic(
                code="PF309",
                span=ind.node.value_span,
                path=ind_path(pm, g, ind),
                args={"name": ind.name, "text": t.text, "budget": _money(b.value, b.unit), "fixed": fixed},
                fix=(Edit(ind.node.value_span, fixed),),
            )


_TOTAL_WORDS = ("总额", "合计", "总计", "总金额", "总数", "总投资")
_EMPTY_AMOUNTS = ("", "—", "——", "-", "－", "/", "／", "无")  # what forms write in an empty cell
_MAX_FUNDING_LINES = 12  # the readings of more lines are not tried (2^12 sums)


def _funding_sum(pm, b, money_unit: str) -> Iterator[Diagnostic]:
    """PF310, on the first 资金 line: the 资金 lines against the budget.  A total line (资金总额, 合计) must equal it;
    the other lines, which may nest (财政拨款 and its 其中 当年/上年结转), must have some
    selection that adds up to it.  Lines that are empty (or —, /) are left out; a line that is not an
    amount (text, two amounts) leaves the project unjudged."""
    lines = []
    nodes = [f for f in pm.node.fields if f.kind == "funding"]
    for node in nodes:
        name, value = node.name, node.value
        if value.strip() in _EMPTY_AMOUNTS:
            continue
        amount = parse_budget(value, money_unit)
        if amount.base_value is None:
            return
        lines.append((name, value.strip(), amount.base_value))
    if not lines or len(lines) > _MAX_FUNDING_LINES:
        return
    totals = [x for x in lines if any(w in x[0] for w in _TOTAL_WORDS)]
    parts = [x for x in lines if x not in totals]
    budget = b.base_value
    if totals:
        if any(x[2] == budget for x in totals):
            return
        name, value, total = totals[0]
        how, shown = phrase("funding.line", name=name), f"{name} {value}"
    else:
        if len(parts) < 2:
            return
        sums = {Decimal(0)}
        for _, _, amount in parts:
            sums |= {s + amount for s in sums}
        if budget in sums:
            return
        total = sum(x[2] for x in parts)
        how = phrase("funding.sum")
        shown = " + ".join(f"{n} {v}" for n, v, _ in parts) + f" = {amount_text(total)}"
    unit = parse_unit(b.unit)
    total_text = _money(decimal_text(total / unit.factor), b.unit) if unit else amount_text(total)
    yield Diagnostic(
        code="PF310",
        span=nodes[0].span,  # the first 资金 line (a line of its own, apart from the budget's)
        path=(pm.name,),
        args={
            "how": how,
            "total": total_text,
            "budget": _money(b.value, b.unit),
            "lines": shown,
            "difference": amount_text(abs(total - budget)),
            "more": phrase("funding.more" if total > budget else "funding.less"),
        },
    )


@rule("PF307", "PF108")
def check_weights(ctx: Context) -> Iterator[Diagnostic]:
    """PF307 explicit weights (分值) above their scoring pool (the profile the file names in
    评分方案, else national; perflang.scoring.spec), PF108 a 评分方案 that cannot be used.
    A file with neither a 评分方案 nor a weight has nothing to say here: the scorer is then not
    imported, nor the national profile read (most files; a part of every check's start-up)."""
    if not any(s.key == "scoring" for s in ctx.model.document.settings) and all(
        i.weight is None
        for _, _, i in ctx.attributed()  # a weight is an attribute (分值); a shared goal's are its source's
    ):
        return
    from ..scoring.spec import scoring_setting_problems, weight_excesses

    yield from scoring_setting_problems(ctx.model)
    if parse_unit(ctx.model.money_unit) is None:
        return  # an invalid 金额单位 (PF108): the scoring data cannot be built
    yield from weight_excesses(ctx.model)


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


def run_rules(doc: Document, model: Model, rules=None) -> list[Diagnostic]:
    """Every rule's diagnostics (RULES unless rules are given); an approved file's review
    warnings dropped."""
    ctx = Context(doc, model)
    diags = [d for r in (RULES if rules is None else rules) for d in r(ctx)]
    if is_approved(doc):
        diags = [d for d in diags if not quiet_when_approved(d)]
    return diags
