"""The reviewer's rules (warnings, PF4xx): what a finance bureau's 审核 looks for in targets
that are valid but weak — missing units or comparators, rates above 100%, comparators pointing
the wrong way, low satisfaction targets, missing 一级, vague wording, unknown bases.

Each rule's docstring names the codes it emits; docs/diagnostics.md has one entry per code.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Iterator

from .. import framework
from ..diagnostics import Diagnostic
from ..evaluation.scoring import implied_comparator
from .context import Context, goal_path, ind_path, iter_indicators

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
)
# rates that may well pass 100%
GROWTH_WORDS = ("增长率", "增长幅度", "增幅", "增速", "提升率", "提高率")
SATISFACTION_FLOOR = 90
# a value starting with one of these means a number (≥3人); if it does not read as one, it is
# kept as qualitative text, and PF411 says so
COMPARATOR_SIGNS = ("≥", "≤", ">", "<", "=", "＞", "＜", "＝", "≧", "≦")


def _has_word(name: str, words: tuple[str, ...]) -> str | None:
    """The first of words (in their order) that name holds."""
    if _any_of(words).search(name) is None:  # one regex scan rules out most names
        return None
    return next((w for w in words if w in name), None)


@lru_cache(maxsize=8)
def _any_of(words: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, words)))


def check_values(ctx: Context) -> Iterator[Diagnostic]:
    """PF303 negative target, PF401 unknown unit, PF402 missing unit, PF403 missing comparator,
    PF410 empty value."""
    for pm, g, ind in iter_indicators(ctx.model):
        t = ind.target
        if t.text and t.kind != "quantitative":
            continue
        path = ind_path(pm, g, ind)
        span = ind.node.value_span
        if not t.text:
            yield Diagnostic(code="PF410", span=ind.node.name_span, path=path, args={"name": ind.name})
            continue
        if t.number < 0:
            yield Diagnostic(code="PF303", span=span, path=path, args={"text": t.text})
        if t.unit_info is None or not t.unit_info.base:  # no unit, or a bare 万/亿
            example = f"{t.text}元" if t.unit else f"{t.text}{'万元' if ind.is_cost else '个'}"
            yield Diagnostic(code="PF402", span=span, path=path, args={"text": t.text, "example": example})
        elif not t.unit_info.known:
            yield Diagnostic(code="PF401", span=span, path=path, args={"unit": t.unit})
        if t.comparator is None:  # the direction the scorer takes (scoring.implied_comparator)
            op = "≤" if implied_comparator(ind.is_cost, t.unit_info.dimension if t.unit_info else "") == "<=" else "≥"
            yield Diagnostic(code="PF403", span=span, path=path, args={"text": t.text, "example": f"{op}{t.text}"})


def check_review(ctx: Context) -> Iterator[Diagnostic]:
    """PF404 percent above 100 on a rate, PF405 comparator pointing the wrong way, PF406 满意度
    below 90%, PF408 vague wording, PF411 a comparator before text that is not a number."""
    for pm, g, ind in iter_indicators(ctx.model):
        for code, args in _review(ind, ind.target):
            yield Diagnostic(code=code, span=ind.node.value_span, path=ind_path(pm, g, ind), args=args)


def _review(ind, t) -> Iterator[tuple[str, dict]]:
    """(code, args) of each review finding on one indicator."""
    if t.kind == "qualitative":
        word = _has_word(t.text, VAGUE_WORDS)
        if word:
            yield "PF408", {"text": t.text, "word": word}
        if t.text.startswith(COMPARATOR_SIGNS):
            yield "PF411", {"text": t.text}
        return
    is_rate = (ind.name.endswith("率") or "满意度" in ind.name) and not _has_word(ind.name, GROWTH_WORDS)
    if t.is_percent and is_rate and t.number > 100:
        yield "PF404", {"name": ind.name, "text": t.text}
    yield from _direction(ind, t)
    if (
        t.is_percent
        and "满意" in ind.name
        and "不满意" not in ind.name
        and t.number < SATISFACTION_FLOOR
        and t.comparator in (">=", ">", "=", None)
    ):
        yield "PF406", {"name": ind.name, "text": t.text}


def _direction(ind, t) -> Iterator[tuple[str, dict]]:
    """PF405: ≤ on a rate that should go up, ≥ on a cost or a rate that should go down."""
    lower = (ind.is_cost and t.dimension == "money") or _has_word(ind.name, LOWER_BETTER)
    higher = not lower and _has_word(ind.name, HIGHER_BETTER)
    if higher and t.comparator in ("<=", "<"):
        yield (
            "PF405",
            {
                "name": ind.name,
                "text": t.text,
                "suggest": "这类指标越高越好，一般写作 ≥ 或 =",
                "suggest_en": "higher is better for this kind of indicator: write ≥ or =",
            },
        )
    elif lower and t.comparator in (">=", ">"):
        yield (
            "PF405",
            {
                "name": ind.name,
                "text": t.text,
                "suggest": "成本、故障率这类指标越低越好，一般写作 ≤",
                "suggest_en": "lower is better for costs and failure rates: write ≤",
            },
        )


def check_basis(ctx: Context) -> Iterator[Diagnostic]:
    """PF409 an unknown 指标值确定依据: on the indicator's 依据, or once on a 默认依据 line."""
    settings = list(ctx.doc.settings) + [s for p in ctx.doc.projects for s in p.settings]
    for s in settings:
        if s.key == "default_basis" and s.value not in framework.BASES:
            yield Diagnostic(code="PF409", span=s.value_span, args={"value": s.value, **_basis_suggest(s.value)})
    for pm, g, ind in iter_indicators(ctx.model):
        a = ind.node.attr("basis")
        if a is not None and a.value not in framework.BASES:
            yield Diagnostic(
                code="PF409",
                span=a.value_span,
                path=ind_path(pm, g, ind),
                args={"value": a.value, **_basis_suggest(a.value)},
            )


def _basis_suggest(value: str) -> dict:
    close = difflib.get_close_matches(value, framework.BASES, n=2, cutoff=0.3)
    if close:
        return {"suggest": "你是不是想写：" + "、".join(close), "suggest_en": "did you mean: " + ", ".join(close)}
    return {"suggest": "可选：" + "、".join(framework.BASES), "suggest_en": "choices: " + ", ".join(framework.BASES)}


_COVERAGE = {"产出指标": "output", "效益指标": "benefit", "满意度指标": "satisfaction"}


# PF210's examples: code the grammar accepts (tests/test_hints.py parses every hint's example)
_PF210_GOAL = {
    "inner": "指标分组和三级指标",
    "inner_en": "a group and its indicators",
    "example": "产出 / 数量 { ⏎ 购置台数: ≥2台 ⏎ }",
}
_PF210_PROJECT = {
    "inner": "目标、指标分组和三级指标",
    "inner_en": "a goal, a group and its indicators",
    "example": '年度目标 1 "年度目标" { ⏎ 产出 / 数量 { ⏎ 购置台数: ≥2台 ⏎ } ⏎ }',
}


def check_coverage(ctx: Context) -> Iterator[Diagnostic]:
    """PF407 a goal without one of 产出/效益/满意度 (成本 does not stand in for 产出);
    PF210 a project or goal with no indicator."""
    for pm in ctx.model.projects:
        if not pm.goals:
            yield Diagnostic(
                code="PF210",
                span=pm.node.name_span,
                path=(pm.name,),
                args={"what": "项目", "what_en": "project", "name": pm.name, **_PF210_PROJECT},
            )
        for g in pm.goals:
            if g.shared_from is not None or g.node.same_as is not None:
                continue
            if not g.indicators:
                yield Diagnostic(
                    code="PF210",
                    span=g.node.span,
                    path=goal_path(pm, g),
                    args={"what": "目标", "what_en": "goal", "name": g.label, **_PF210_GOAL},
                )
                continue
            present = {i.level1_canonical for i in g.indicators}
            missing = [k for k in _COVERAGE if k not in present]
            if missing:
                yield Diagnostic(
                    code="PF407",
                    span=g.node.span,
                    path=goal_path(pm, g),
                    args={
                        "goal": g.label,
                        "goal_en": f"{g.kind} goal {g.number}",
                        "missing": "、".join(missing),
                        "missing_en": ", ".join(_COVERAGE[m] + " indicators" for m in missing),
                    },
                )
