"""The reviewer's rules (warnings, PF4xx): what a finance bureau's 审核 looks for in targets
that are valid but weak — missing units or comparators, rates above 100%, comparators pointing
the wrong way, low satisfaction targets, missing 一级, vague wording, unknown bases.

Each rule's docstring names the codes it emits; docs/diagnostics.md has one entry per code.
"""

from __future__ import annotations

import re
from typing import Iterator

from .. import framework
from ..diagnostics import Diagnostic, Edit
from ..messages import Listing, phrase
from ..scoring.rules import implied_comparator
from .context import Context, goal_path, ind_path, iter_indicators, rule

__all__ = ["check_values", "check_review", "check_basis", "check_coverage", "VAGUE_WORDS"]

VAGUE_WORDS = ("确保", "力争", "进一步", "有所", "明显", "争取", "尽量", "逐步", "较好", "基本")
# rates that should go up; LOWER_BETTER wins when both match (不满意率 holds 满意率)
HIGHER_BETTER = (
    "合格率",
    "满意度",
    "满意率",
    "完成率",
    "完工率",
    "达标率",
    "及时率",
    "覆盖率",
    "正常率",
    "运转率",
    "运行率",
    "知晓率",
    "到位率",
    "办结率",
    "通过率",
    "执行率",
    "准确率",
    "利用率",
    "使用率",
    "成活率",
    "接通率",
    "响应率",
    "出勤率",
    "优良率",
    "回访率",
    "解决率",
    "入住率",
    "参与率",
    "上线率",
    "在线率",
    "可用率",
    "收缴率",
)
LOWER_BETTER = (
    "故障率",
    "投诉率",
    "差错率",
    "错误率",
    "事故率",
    "失误率",
    "返工率",
    "违规率",
    "损耗率",
    "不满意",
    "发生率",
    "空置率",
    "闲置率",
    "流失率",
    "逾期率",
    "超标率",
    "误报率",
    "漏报率",
    "死亡率",
    "发病率",
    "返贫率",
    "退回率",
    "中断率",
    "延误率",
    # the rate of something bad: a target of it is a ceiling (争议率: ≤0%, never ≥0%)
    "争议率",
    "纠纷率",
    "违法率",
    "违纪率",
    "不合格率",
    "不达标率",
    "超支率",
    "拖欠率",
    "缺陷率",
    "上访率",
    "信访率",
    "失败率",
    "返修率",
    "漏检率",
    "误诊率",
    "感染率",
    "犯罪率",
    "发案率",
    "退货率",
    "欠费率",
    "坏账率",
    "失业率",
    "辍学率",
    "报废率",
    "失信率",
    "复发率",
    "遗漏率",
    "超时率",
    "停电率",
    "漏损率",
    "渗漏率",
    "破损率",
    "损坏率",
    "丢失率",
    "延期率",
    "缺勤率",
    "扣分率",
)
# rates that may well pass 100%
GROWTH_WORDS = ("增长率", "增长幅度", "增幅", "增速", "提升率", "提高率")
SATISFACTION_FLOOR = 90
# the unit a target without one is probably counted in, by how the indicator's name ends
# (PF402's example and fix): a rate or a satisfaction in percent, a length in 公里 …; else 个
NAME_UNITS = (
    ("满意度", "%"),
    ("满意率", "%"),
    ("里程", "公里"),
    ("长度", "公里"),
    ("面积", "平方米"),
    ("人次", "人次"),
    ("人数", "人"),
    ("户数", "户"),
    ("次数", "次"),
    ("频次", "次"),
    ("天数", "天"),
    ("工期", "天"),
    ("时长", "小时"),
    ("台数", "台"),
    ("件数", "件"),
    ("场次", "场"),
    ("课时", "课时"),
    ("重量", "吨"),
    ("吨数", "吨"),
)
COUNT_UNIT_FALLBACK = "个"
# a cost in money this many times the budget was written in 元 under a larger unit, not a real
# overrun (PF304's and PF402's reading: ≤3200000万元 of a 320万元 budget)
YUAN_SLIP_FACTOR = 1000
# a value starting with one of these means a number (≥3人); if it does not read as one, it is
# kept as qualitative text, and PF411 says so
COMPARATOR_SIGNS = ("≥", "≤", ">", "<", "=", "＞", "＜", "＝", "≧", "≦")


def _has_word(name: str, words: tuple[str, ...]) -> str | None:
    """The first of words (in their order) that name holds."""
    if _any_of(words).search(name) is None:  # one regex scan rules out most names
        return None
    return next((w for w in words if w in name), None)


def _any_of(words: tuple[str, ...]) -> re.Pattern:
    """A pattern matching any of words (one of this module's word lists)."""
    got = _ANY_OF.get(id(words))  # by identity: hashing a tuple of 40 words cost more than the scan
    if got is None or got[0] is not words:
        if len(_ANY_OF) > 32:  # only ever the few lists of this module; never a growing table
            _ANY_OF.clear()
        got = _ANY_OF[id(words)] = (words, re.compile("|".join(map(re.escape, words))))
    return got[1]


# id(words) -> (words, a pattern matching any of them): the word lists are the module's tuples
_ANY_OF: dict[int, tuple[tuple[str, ...], re.Pattern]] = {}


@rule("PF303", "PF401", "PF402", "PF403", "PF410")
def check_values(ctx: Context) -> Iterator[Diagnostic]:
    """PF303 negative target, PF401 unknown unit, PF402 missing unit, PF403 missing comparator,
    PF410 empty value.  PF402 and PF403 propose the value as it was probably meant (a unit the
    name calls for, a direction the indicator calls for), as their fix."""
    targets = _TARGETS
    for pm, g, ind in iter_indicators(ctx.model):
        t = ind.target
        got = targets.get(t.text)
        if got is None or (got[0] is not t and got[0] != t):
            got = _target_facts(t)
        if got[3]:
            continue  # nothing to say (most targets): no path made
        if t.text and t.kind != "quantitative":
            continue
        span = ind.node.value_span
        if not t.text:
            yield Diagnostic(code="PF410", span=ind.node.name_span, path=ind_path(pm, g, ind), args={"name": ind.name})
            continue
        unit = t.unit_info
        if t.comparator is not None and not t.number < 0 and unit is not None and unit.base and unit.known:
            continue  # nothing to say (most targets): no path made
        path = ind_path(pm, g, ind)
        if t.number < 0:
            yield Diagnostic(code="PF303", span=span, path=path, args={"text": t.text})
        if t.unit_info is None or not t.unit_info.base:  # no unit, or a bare 万/亿
            unit, sure = probable_unit(ind, pm.budget, ctx.model.money_unit)
            example = f"{t.text}{unit or COUNT_UNIT_FALLBACK}"
            yield Diagnostic(
                code="PF402",
                span=span,
                path=path,
                args={"text": t.text, "example": example},
                fix=(Edit(span, example),) if unit and sure else (),
            )
        elif not t.unit_info.known:
            yield Diagnostic(code="PF401", span=span, path=path, args={"unit": t.unit})
        if t.comparator is None:
            example = f"{'≤' if lower_is_better(ind, t) else '≥'}{t.text}"
            yield Diagnostic(
                code="PF403",
                span=span,
                path=path,
                args={"text": t.text, "example": example},
                fix=(Edit(span, example),),
            )


def is_rate(name: str) -> bool:
    """A rate or a satisfaction, counted in percent (服务评价满意度测评, 合格率); not a count about
    one (满意度调查人数, 满意度测评样本量) nor a 频率, 效率 …"""
    if name.endswith(_COUNT_ENDS):
        return False
    return "满意度" in name or (name.endswith("率") and not name.endswith(("频率", "效率", "功率", "概率")))


_COUNT_ENDS = ("数", "数量", "人次", "次数", "样本量", "份数", "户数")


def lower_is_better(ind, t) -> bool:
    """A ceiling, ≤: a cost in money (the scorer's implied direction, scoring.implied_comparator)
    or the rate of something bad (LOWER_BETTER: 故障率, 争议率 …)."""
    if implied_comparator(ind.is_cost, t.dimension or "") == "<=":
        return True
    return _has_word(ind.name, LOWER_BETTER) is not None


def probable_unit(ind, budget, money_unit: str) -> tuple[str | None, bool]:
    """(unit, sure): the unit a target written without one was probably meant in (PF402):
    money for a cost (the file's 金额单位; 元 when the number is plainly one of 元: a thousand
    times the budget or 100亿元 and more in the file's unit, yet within the budget in 元),
    percent for a rate or satisfaction, the unit the name calls for (里程: 公里), else 个.  After
    a bare 万/亿 the unit it multiplies (≥2万 -> ≥2万人次).  Not sure (no fix is offered) when
    the cost is above the budget in either unit; None when there is no unit to say (a percent of
    万)."""
    t = ind.target
    magnitude = bool(t.unit)
    if ind.is_cost:
        return ("元", True) if magnitude else _money_unit(t.number, budget, money_unit)
    if is_rate(ind.name):
        return (None, False) if magnitude else ("%", True)
    unit = next((u for end, u in NAME_UNITS if ind.name.endswith(end)), COUNT_UNIT_FALLBACK)
    return (None, False) if magnitude and unit == "%" else (unit, True)


def _money_unit(number, budget, money_unit: str) -> tuple[str, bool]:
    from ..units import parse_unit

    unit = money_unit if parse_unit(money_unit) is not None else "元"
    if budget is None or budget.base_value is None:
        return unit, True
    limit = budget.base_value

    def fits(u: str) -> bool:
        return parse_unit(u).to_base(number) <= limit

    slip = (unit == "万元" and len(str(int(abs(number)))) >= 7) or (
        parse_unit(unit).to_base(number) >= YUAN_SLIP_FACTOR * limit > 0
    )
    if slip and unit != "元" and fits("元"):
        return "元", True
    return unit, fits(unit) and not slip


@rule("PF404", "PF405", "PF406", "PF408", "PF411", "PF412")
def check_review(ctx: Context) -> Iterator[Diagnostic]:
    """PF404 percent above 100 on a rate, PF405 comparator pointing the wrong way, PF406 满意度
    below 90%, PF408 vague wording, PF411 a comparator before text that is not a number, PF412 a
    rate or satisfaction counted in a measure word (满意度: ≥90个).

    _review decides; it runs only on the indicators that may give a finding: what a target may
    give whatever its name is known once per target (_target_facts), and the names are then
    asked the least that rules a finding out (a ≥ needs a name of LOWER_BETTER, scanned for in
    all the goal's names at once)."""
    targets = _TARGETS
    for pm in ctx.model.projects:
        for g in pm.goals:
            if g.shared_from is not None:
                continue
            lower_named = None  # whether a name of the goal holds a word of LOWER_BETTER
            for ind in g.indicators:
                t = ind.target
                got = targets.get(t.text)
                if got is None or (got[0] is not t and got[0] != t):
                    got = _target_facts(t)
                need = got[1]
                if not need:
                    continue
                if not need & _ANY_NAME:  # _RATED, _UP, _DOWN: the name may rule every finding out
                    name = ind.name
                    cost = got[2] and ind.is_cost  # a cost in money: lower is better whatever its name
                    if need & _DOWN and not cost:
                        if lower_named is None:
                            joined = "\n".join([i.name for i in g.indicators])  # no word holds a newline
                            lower_named = _any_of(LOWER_BETTER).search(joined) is not None
                        down = lower_named
                    else:
                        down = need & _DOWN
                    up = need & _UP and not cost and _any_of(HIGHER_BETTER).search(name) is not None
                    rated = need & _RATED and ("率" in name or "满意" in name)
                    if not (down or up or rated):
                        continue
                span = ind.node.value_span
                for code, args in _review(ind, t):
                    fixed = args.pop("fixed", None)
                    fix = (Edit(span, fixed),) if fixed else ()
                    yield Diagnostic(code=code, span=span, path=ind_path(pm, g, ind), args=args, fix=fix)


# What _review may find on a target whatever its indicator's name (_need), bits of:
# _RATED PF404, PF406 or PF412, each only on a name with 率 or 满意 (a rate, a satisfaction);
# _UP PF405 on ≤, only on a name of HIGHER_BETTER and not a cost in money; _DOWN PF405 on ≥,
# only on a cost in money or a name of LOWER_BETTER; _ANY_NAME a qualitative finding (no name
# read).  0: nothing to find.
_RATED, _UP, _DOWN, _ANY_NAME = 1, 2, 4, 8
# target text -> _target_facts(target); bounded (as parse_target's cache), and a hit only for
# that same target (a Target is a function of its text when parse_target made it; compared all
# the same)
_TARGETS: dict[str, tuple[object, int, bool, bool]] = {}
_TARGETS_MAX = 65536


def _target_facts(t) -> tuple[object, int, bool, bool]:
    """(t, what _review may find on it whatever the name (_need), whether it is money, whether
    check_values has nothing to say of it whatever the indicator), kept in _TARGETS."""
    if len(_TARGETS) >= _TARGETS_MAX:
        _TARGETS.clear()
    unit = t.unit_info
    quiet = bool(t.text) and (
        t.kind != "quantitative"
        or bool(t.comparator is not None and not t.number < 0 and unit is not None and unit.base and unit.known)
    )
    got = _TARGETS[t.text] = (t, _need(t), t.dimension == "money", quiet)
    return got


def _need(t) -> int:
    """What _review may find on t whatever the name (_RATED …): the conditions of its findings
    on the target alone."""
    if t.kind == "qualitative":
        return _ANY_NAME if _has_word(t.text, VAGUE_WORDS) or t.text.startswith(COMPARATOR_SIGNS) else 0
    need = 0
    percent = t.is_percent
    if percent and (t.number > 100 or (t.number < SATISFACTION_FLOOR and t.comparator in (">=", ">", "=", None))):
        need |= _RATED  # PF404, PF406
    unit = t.unit_info
    if (
        unit is not None
        and unit.known
        and unit.factor == 1
        and (t.dimension or "").startswith("count:")
        and t.text.endswith(t.unit)
    ):
        need |= _RATED  # PF412
    if t.comparator in ("<=", "<"):
        need |= _UP
    elif t.comparator in (">=", ">"):
        need |= _DOWN
    return need


def _review(ind, t) -> Iterator[tuple[str, dict]]:
    """(code, args) of each review finding on one indicator."""
    if t.kind == "qualitative":
        word = _has_word(t.text, VAGUE_WORDS)
        if word:
            yield "PF408", {"text": t.text, "word": word}
        if t.text.startswith(COMPARATOR_SIGNS):
            yield "PF411", {"text": t.text}
        return
    percent = t.is_percent
    # (the cheap tests first, the word scans last: each is a pure test, so the findings are
    # the same in any order)
    if percent and t.number > 100 and _rate_not_growth(ind.name):
        yield "PF404", {"name": ind.name, "text": t.text}
    if (
        is_rate(ind.name)
        and t.unit_info is not None
        and t.unit_info.known
        and t.unit_info.factor == 1
        and (t.dimension or "").startswith("count:")
        and t.text.endswith(t.unit)
    ):
        fixed = t.text[: len(t.text) - len(t.unit)] + "%"
        yield "PF412", {"name": ind.name, "text": t.text, "unit": t.unit, "example": fixed, "fixed": fixed}
    yield from _direction(ind, t)
    if (
        percent
        and "满意" in ind.name
        and "不满意" not in ind.name
        and t.number < SATISFACTION_FLOOR
        and t.comparator in (">=", ">", "=", None)
    ):
        yield "PF406", {"name": ind.name, "text": t.text}


def _rate_not_growth(name: str) -> bool:
    """A rate or a satisfaction that is not a growth (PF404's names)."""
    return (name.endswith("率") or "满意度" in name) and not _has_word(name, GROWTH_WORDS)


def _direction(ind, t) -> Iterator[tuple[str, dict]]:
    """PF405: ≤ on a rate that should go up, ≥ on a cost or a rate that should go down (an
    indicator is lower-is-better when a cost in money or named so, higher-is-better when not
    lower and named so; the names are scanned only for the comparators that can be wrong)."""
    up, down = t.comparator in ("<=", "<"), t.comparator in (">=", ">")
    if not (up or down):
        return
    lower = (ind.is_cost and t.dimension == "money") or _has_word(ind.name, LOWER_BETTER)
    if up and not lower and _has_word(ind.name, HIGHER_BETTER):
        yield (
            "PF405",
            {"name": ind.name, "text": t.text, "suggest": phrase("suggest.higher"), "fixed": _turned(t.text)},
        )
    elif down and lower:
        yield (
            "PF405",
            {"name": ind.name, "text": t.text, "suggest": phrase("suggest.lower"), "fixed": _turned(t.text)},
        )


_TURNED = {"≤": "≥", "≥": "≤", "<": ">", ">": "<", "＜": "＞", "＞": "＜", "≦": "≧", "≧": "≦"}
_TURNED_WORDS = {"不高于": "不低于", "不低于": "不高于", "不超过": "不少于", "不少于": "不超过", "不多于": "不少于"}


def _turned(text: str) -> str | None:
    """A target with its comparator turned the other way (≤95% -> ≥95%), when it is written as
    a sign or a word that has an opposite."""
    if text[:1] in _TURNED:
        return _TURNED[text[0]] + text[1:]
    word = next((w for w in _TURNED_WORDS if text.startswith(w)), None)
    return _TURNED_WORDS[word] + text[len(word) :] if word else None


@rule("PF409")
def check_basis(ctx: Context) -> Iterator[Diagnostic]:
    """PF409 an unknown 指标值确定依据: on the indicator's 依据, or once on a 默认依据 line."""
    settings = list(ctx.doc.settings) + [s for p in ctx.doc.projects for s in p.settings]
    for s in settings:
        if s.key == "default_basis" and s.value not in framework.BASES:
            yield Diagnostic(code="PF409", span=s.value_span, args={"value": s.value, **_basis_suggest(s.value)})
    for pm, g, ind in ctx.attributed():
        a = ind.node.attr("basis")
        if a is not None and a.value not in framework.BASES:
            yield Diagnostic(
                code="PF409",
                span=a.value_span,
                path=ind_path(pm, g, ind),
                args={"value": a.value, **_basis_suggest(a.value)},
            )


def _basis_suggest(value: str) -> dict:
    import difflib  # here: a clean file never loads it (start-up)

    close = difflib.get_close_matches(value, framework.BASES, n=2, cutoff=0.3)
    if close:
        return {"suggest": phrase("suggest.did_you_mean", names=Listing(tuple(close)))}
    return {"suggest": phrase("suggest.choices", names=Listing(tuple(framework.BASES)))}


_COVERAGE = ("产出指标", "效益指标", "满意度指标")  # each named in the catalog (coverage.产出指标 …)


# PF210's examples: code the grammar accepts (tests/test_hints.py parses every hint's example)
_PF210_GOAL = {"inner": phrase("inner.goal"), "example": "产出 / 数量 { ⏎ 购置台数: ≥2台 ⏎ }"}
_PF210_PROJECT = {
    "inner": phrase("inner.project"),
    "example": '年度目标 1 "年度目标" { ⏎ 产出 / 数量 { ⏎ 购置台数: ≥2台 ⏎ } ⏎ }',
}


@rule("PF407", "PF210")
def check_coverage(ctx: Context) -> Iterator[Diagnostic]:
    """PF407 a goal without one of 产出/效益/满意度 (成本 does not stand in for 产出);
    PF210 a project or goal with no indicator."""
    for pm in ctx.model.projects:
        if not pm.goals:
            yield Diagnostic(
                code="PF210",
                span=pm.node.name_span,
                path=(pm.name,),
                args={"what": phrase("what.project"), "name": pm.name, **_PF210_PROJECT},
            )
        for g in pm.goals:
            if g.shared_from is not None or g.node.same_as is not None:
                continue
            if not g.indicators:
                yield Diagnostic(
                    code="PF210",
                    span=g.node.span,
                    path=goal_path(pm, g),
                    args={"what": phrase("what.goal"), "name": g.label, **_PF210_GOAL},
                )
                continue
            # a 二级 placed under another 一级 (满意度 under 效益, a profile's [framework]) still
            # covers its own 一级
            present = {i.level1_canonical for i in g.indicators}
            if None in present:  # a 一级 misspelt (PF201) is most likely the one missing
                continue
            present |= {
                framework.LEVEL2_OWNERS.get(i.level2_canonical or "")
                for i in g.indicators
                if i.level1_canonical is not None
                and i.level2_canonical not in framework.LEVEL1[i.level1_canonical]
                and ctx.placed(i.group.level1, i.group.level2 or "")
            }
            missing = [k for k in _COVERAGE if k not in present]
            if missing:
                yield Diagnostic(
                    code="PF407",
                    span=g.node.span,
                    path=goal_path(pm, g),
                    args={
                        "goal": phrase("goal.numbered", label=g.label, kind=g.kind, number=g.number),
                        "missing": Listing(tuple(phrase(f"coverage.{m}") for m in missing)),
                    },
                )
