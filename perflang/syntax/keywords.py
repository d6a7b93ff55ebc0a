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
    perflang/lsp/                completion and semantic tokens: the goal keywords, the
                                 attributes and settings (GOAL_KINDS, ATTRS, words(key))

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
    "PAGE_WORDS",
    "LEVEL_WORDS",
    "label_key",
    "normalize_label",
    "setting_label",
    "spellings",
    "words",
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


def words(key: str) -> tuple[str, ...]:
    """Every spelling of the keyword whose key is key (basis -> 依据, basis), in any table."""
    return tuple(s for t in (SETTINGS, ATTRS, GOALS, BLOCKS) for k in t if k.key == key for s in k.spellings)


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
    "专项（项目）名称": "project",
    "项目支出名称": "project",  # 湖南 申报表 (tests/fixtures/reference/02)
    # settings: every language spelling, plus labels that only forms use
    **{s: f"setting:{k.key}" for k in SETTINGS for s in (k.zh, *k.aliases)},
    "项目预算（万元）": "setting:budget",
    "项目预算金额（万元）": "setting:budget",
    "当年预算": "setting:budget",  # 重庆 一般性项目绩效目标表
    "年度本级预算金额": "setting:budget",  # 湖南 申报表 (年度本级 预算金额)
    "本年度申请市财政预算资金（万元）": "setting:budget",  # 重庆, beside 中期市财政预算（万元）
    "本年度申请市财政预算资金": "setting:budget",
    "主管部门及编码": "setting:department",
    "主管部门及代码": "setting:department",
    "县级主管部门": "setting:department",
    "业务主管部门": "setting:department",
    "项目单位": "setting:implementer",
    "项目实施周期": "setting:period",
    "实施期限": "setting:period",
    # page lines
    "申报单位（盖章）": "unit",
    "填报单位（盖章）": "unit",
    "预算单位": "unit",
    "编制单位": "unit",
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
    "中期滚动目标": "goal:long-term",  # 重庆: 中期滚动目标 beside 年度目标
    "总体绩效目标": "goal:long-term",
    "实施期绩效目标": "goal:long-term",
    "年度绩效目标": "goal:annual",
    "年度绩效目标（文字）": "goal:annual",
    "绩效目标": "goal:annual",
    "年度总体目标": "goal:annual",
    "本年度目标": "goal:annual",
    "本年度绩效目标": "goal:annual",  # 湖南 申报表, beside 实施期绩效目标
    "当年绩效目标": "goal:annual",
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
    "实施期绩效指标": "table:long-term",  # 湖南 申报表, before 本年度绩效指标
    "绩效指标": "table:",
    "绩效指标表": "table:",
    "绩效项目指标表": "table:",
    # rows after an indicator table: they end it (a self-evaluation's conclusions, a form's notes)
    "其他需说明的问题": "table-end",
    "其他说明的问题": "table-end",
    "评价结论": "table-end",
    "存在问题": "table-end",
    "改进措施": "table-end",
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
    "计算符号": "comparator",
    "度量单位": "unit",
    "计量单位": "unit",
    "单位": "unit",
    # the levels without the word 指标 (一级 | 二级 | 三级 | 年度数值), a name column called 指标
    "一级": "level1",
    "二级": "level2",
    "三级": "name",
    "指标": "name",
    "年度数值": "value",
    "指标权重": "weight",
    # columns whose content perflang keeps nowhere: reported by name, not imported
    "指标方向性": "direction",
    "指标方向": "direction",
    "指标值类型": "kind",
    "指标类型": "kind",
    "指标值内容": "remark",
    "指标值说明": "remark",
    "指标说明": "remark",
    "指标解释": "remark",
    "评（扣分标准）": "remark",
    "评（扣）分标准": "remark",
    "评分标准": "remark",
    "评分规则": "remark",
    # a system export's project columns: one row per indicator, several projects in a table
    "项目名称": "project",
    "单位（专项）名称": "project",
    "单位名称": "org",
    "单位代码": "org",
    "预算数": "budget",
    "资金总额": "budget",
    "项目预算": "budget",
    "预算金额": "budget",
    "年度目标": "goaltext",
    "实施期绩效目标": "goaltext",
    # a section title standing in the header row's first cell (its cells merged below it)
    "绩效指标": "label",
    "年度绩效目标": "label",
    "年度绩效指标": "label",
    "本年度绩效指标": "label",
    "绩效指标表": "label",
}

# a level as some forms name it, where the framework's name (and its aliases, framework.py) is not
# written: the importer writes the framework's name and says so
LEVEL_WORDS: dict[str, str] = {
    # the 2018-2021 project forms of several provinces (四川, 湖南): 项目完成 and 项目效益
    "项目完成指标": "产出指标",
    "项目效益指标": "效益指标",
    # 预算(或投资规模)控制指标: the cost 二级 of some 重庆 forms
    "预算控制指标": "成本指标",
    "投资规模控制指标": "成本指标",
}

# the words of a web page around a table (and of a form's signature lines): such a line is kept as
# a comment, never read as a label or a row of the table
PAGE_WORDS = re.compile(
    r"扫一扫|在手机打开|打印本页|关闭窗口|\[打印\]|\[关闭\]|发布时间|发布日期|发文日期|发布机构|发文机关|信息来源|来源[:：]|"
    r"浏览次数|阅读次数|点击次数|浏览量|字号|字体[:：]|索引号|当前位置|您所在的位置|您的位置|ICP备|公网安备|网站标识码|"
    r"主办[:：]?|承办|版权所有|网站地图|联系我们|内容保障|公务邮箱|网站声明|无障碍|长者模式|智能问答|分享到|相关解读|"
    r"附件[:：]?$|^上一篇|^下一篇|盖章|年\s+月\s+日|填表人|填报人|审核意见|负责人签字|负责人[:：]|联系电话[:：]|"
    r"地址[:：]|邮箱[:：]|监督电话"
)

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
