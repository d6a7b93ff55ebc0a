"""The one table of keywords and labels: every word of the language (Chinese, English and the
aliases people copy from their forms) and every label `perflang import` recognises on a table.

Who reads it:
    perflang/syntax/builder.py   keyword -> canonical key (SETTING_KEYS, ATTR_KEYS, GOAL_KINDS)
    perflang/syntax/scanner.py   through the grammar's terminals (tests/test_keywords.py holds
                                 grammar/perf.lark's keyword alternations equal to this table)
    perflang/syntax/hints.py     the words a did-you-mean may suggest, their examples
    perflang/syntax/formatter.py keeps the spelling a file used (nodes carry it)
    perflang/importers/          LABELS: the header labels, goal labels, section titles and
                                 column headers of real forms, mapped to what they are

Add a spelling here, then (for a language keyword) add it to the terminal in grammar/perf.lark
and run `python -m perflang.syntax.prebuilt`; tests/test_keywords.py says when they differ.
"""

from __future__ import annotations

import re

from attrs import frozen

__all__ = [
    "Keyword",
    "SETTINGS",
    "ATTRS",
    "GOALS",
    "BLOCKS",
    "SETTING_KEYS",
    "ATTR_KEYS",
    "GOAL_KINDS",
    "ALL_WORDS",
    "EMPTY_ALLOWED",
    "LABELS",
    "COLUMN_LABELS",
    "label_key",
    "normalize_label",
    "setting_label",
    "spellings",
]


@frozen
class Keyword:
    """One word of the language: its canonical key, its Chinese and English spelling, and the
    aliases (form labels) that mean the same."""

    key: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.zh, *self.aliases, self.en)


# -- the language --------------------------------------------------------------------------
SETTINGS = (
    Keyword("unit", "申报单位", "unit", ("填报单位",)),
    Keyword("money_unit", "金额单位", "money"),
    Keyword("year", "年度", "year"),
    Keyword("form", "表样", "form"),
    Keyword("default_basis", "默认依据", "default-basis"),
    Keyword("budget", "预算", "budget", ("项目预算", "项目预算金额", "项目金额", "预算金额")),
    Keyword("department", "主管部门", "department", ("主管预算部门", "项目主管部门")),
    Keyword("implementer", "实施单位", "implementer", ("项目执行单位", "项目实施单位", "执行单位")),
    Keyword("nature", "项目属性", "nature"),
    Keyword("period", "项目期", "period", ("项目起止时间", "项目实施期", "项目支出实施期")),
    Keyword("category", "项目类别", "category"),
    Keyword("scoring", "评分方案", "scoring"),
    Keyword("status", "状态", "status"),
)
ATTRS = (
    Keyword("basis", "依据", "basis"),
    Keyword("weight", "分值", "weight"),
    Keyword("explanation", "解释", "explanation", ("指标解释",)),
    Keyword("last_year", "上年值", "last-year"),
)
# goal keywords: the kind each stands for (several Chinese words name a long-term goal)
GOALS = (
    Keyword("long-term", "长期目标", "long-term", ("总体目标", "实施期目标", "中期目标")),
    Keyword("annual", "年度目标", "annual"),
)
BLOCKS = (
    Keyword("project", "项目", "project"),
    Keyword("field", "字段", "field"),
    Keyword("funding", "资金", "funding"),
    Keyword("same", "同", "same-as"),
)
# settings a form may leave empty (`主管部门` with nothing after it)
EMPTY_ALLOWED = frozenset({"unit", "department", "implementer", "nature", "period", "category"})


def _index(table) -> dict[str, str]:
    return {s: k.key for k in table for s in k.spellings}


SETTING_KEYS: dict[str, str] = _index(SETTINGS)
ATTR_KEYS: dict[str, str] = _index(ATTRS)
GOAL_KINDS: dict[str, str] = _index(GOALS)
ALL_WORDS: tuple[str, ...] = tuple(
    sorted({s for t in (SETTINGS, ATTRS, GOALS, BLOCKS) for k in t for s in k.spellings})
)


def spellings(table) -> list[str]:
    """Every spelling of a table, longest first (the order a regex alternation needs)."""
    return sorted({s for k in table for s in k.spellings}, key=lambda s: (-len(s), s))


def setting_label(key: str) -> str:
    """The Chinese keyword of a setting key (budget -> 预算)."""
    return next(k.zh for k in SETTINGS if k.key == key)


# -- the labels of real forms (perflang import) --------------------------------------------
# normalized label -> what it is.  Keys: "project" (the project's name), "setting:KEY",
# "goal:long-term" / "goal:annual", "goal-section" (a title over the goal texts), "table:KIND"
# (the title of an indicator table: KIND long-term / annual / "" = by the goals), "unit",
# "money_unit", "funding-total" (a funding line that is also the budget when none is given),
# "funding", "skip" (a heading with nothing to keep).
LABELS: dict[str, str] = {
    # the project
    "项目名称": "project",
    "二级项目名称": "project",
    "专项资金名称": "project",
    # settings: every language spelling, plus labels that only forms use
    **{s: f"setting:{k.key}" for k in SETTINGS for s in (k.zh, *k.aliases)},
    "项目预算（万元）": "setting:budget",
    "项目预算金额（万元）": "setting:budget",
    "主管部门及编码": "setting:department",
    "主管部门及代码": "setting:department",
    "县级主管部门": "setting:department",
    "项目单位": "setting:implementer",
    "项目实施周期": "setting:period",
    "实施期限": "setting:period",
    # page lines
    "申报单位（盖章）": "unit",
    "填报单位（盖章）": "unit",
    "预算单位": "unit",
    # funding
    "年度资金总额": "funding-total",
    "资金总额": "funding-total",
    "当年资金总额": "funding-total",
    "项目总投资": "funding-total",
    "项目资金总额": "funding-total",
    "总额": "funding-total",
    "财政拨款": "funding",
    "其他资金": "funding",
    "当年财政拨款": "funding",
    "当年其他资金": "funding",
    "上级资金": "funding",
    "本年财政拨款": "funding",
    "上年结转资金": "funding",
    "中央补助安排": "funding",
    "省级财政安排": "funding",
    "自有资金": "funding",
    "项目资金": "skip",
    "资金情况": "skip",
    "资金情况（万元）": "skip",
    "项目资金（万元）": "skip",
    "资金总额及构成": "skip",
    # goal texts
    "长期绩效目标": "goal:long-term",
    "中期绩效目标": "goal:long-term",
    "总体绩效目标": "goal:long-term",
    "实施期绩效目标": "goal:long-term",
    "年度绩效目标": "goal:annual",
    "年度绩效目标（文字）": "goal:annual",
    "绩效目标": "goal:annual",
    "年度总体目标": "goal:annual",
    "本年度目标": "goal:annual",
    "项目绩效总目标": "goal-section",
    "项目绩效目标": "goal-section",
    "名称": "skip",
    "目标说明": "skip",
    # indicator tables
    "长期绩效目标表": "table:long-term",
    "长期绩效指标": "table:long-term",
    "年度绩效目标表": "table:annual",
    "年度绩效指标": "table:annual",
    "本年度绩效指标": "table:annual",
    "总体绩效目标表": "table:long-term",
    "实施期绩效目标表": "table:long-term",
    "绩效指标": "table:",
    "绩效指标表": "table:",
    "绩效项目指标表": "table:",
}
# column header -> role in an indicator table (value = the target; actual, score and reason are
# self-evaluation results: reported, not imported)
COLUMN_LABELS: dict[str, str] = {
    "目标名称": "goal",
    "目标": "goal",
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "指标内容": "name3",
    "指标名称": "name3",
    "指标值": "value",
    "指标值及单位": "value",
    "年度指标值": "value",
    "目标值": "value",
    "指标目标值": "value",
    "当年预期实现值": "value",
    "预期指标值": "value",
    "指标值（A）": "value",
    "年度指标值（A）": "value",
    "预期目标值": "value",
    "指标值确定依据": "basis",
    "指标值设定依据": "basis",
    "绩效标准": "basis",
    "指标标准": "basis",
    "指标标准或依据": "basis",
    "评价标准": "basis",
    "分值": "weight",
    "权重": "weight",
    "分值（分）": "weight",
    "全年实际值": "result",
    "实际完成值": "result",
    "全年完成值": "result",
    "完成值": "result",
    "全年实际值（B）": "result",
    "实际值": "result",
    "得分": "result",
    "得分计算方法": "result",
    "偏差原因分析及改进措施": "result",
    "未完成原因分析": "result",
    "未完成原因和改进措施": "result",
    "未完成原因及拟采取的改进措施": "result",
    "偏差": "result",
    "备注": "remark",
    "指标性质": "comparator",
    "度量单位": "unit",
}

_SPACE = re.compile(r"[\s\u3000*＊]+")
_PARENS = str.maketrans({"(": "（", ")": "）", ":": "：", "：": "："})


def normalize_label(cell: str) -> str:
    """The cell as a label: no white space or stars (OCR), full-width brackets, no trailing colon."""
    return _SPACE.sub("", cell).translate(_PARENS).rstrip("：")


_NUMBERED = re.compile(r"^(.*?目标)(\d+)$")


def label_key(cell: str) -> tuple[str, int] | None:
    """What a label cell is (a LABELS value) and its number (长期绩效目标2 -> 2), or None."""
    label = normalize_label(cell)
    number = 1
    m = _NUMBERED.match(label)
    if m and m.group(1) in LABELS:
        label, number = m.group(1), int(m.group(2))
    if label in LABELS:
        return LABELS[label], number
    return None
