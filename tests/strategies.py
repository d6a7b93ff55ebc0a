"""Hypothesis strategies for valid .perf documents that use the whole language, each drawn
with what it means, so a test can compare the compiled model with the drawing.

`valid_documents()` draws a `Drawn`: the text and the expected projects (name, goals with
their indicators as `Expected` rows).  Every keyword is drawn in one of its spellings (Chinese
or English), 一级/二级 in short, full, alias or English form, values in every comparator
spelling (ASCII, Unicode, full-width, words) or as qualitative text, attributes in either
language, comments on their own lines and at line ends.  Documents are valid by construction:
unique names, budgets far above any cost, shared goals that point at a written goal.
(perflang.testing.documents is the public strategy for evaluator authors; tests/perfdocs.py
draws messy layouts for the formatter; this one exercises the language itself.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from hypothesis import strategies as st

from perflang.syntax.builder import quote

# keyword -> its spellings (docs/language.md)
KW = {
    "unit": ("申报单位", "unit"),
    "money": ("金额单位", "money"),
    "year": ("年度", "year"),
    "form": ("表样", "form"),
    "default-basis": ("默认依据", "default-basis"),
    "project": ("项目", "project"),
    "budget": ("预算", "项目预算", "budget"),
    "department": ("主管部门", "department"),
    "implementer": ("实施单位", "implementer"),
    "nature": ("项目属性", "nature"),
    "period": ("项目期", "period"),
    "field": ("字段", "field"),
    "funding": ("资金", "funding"),
    "same": ("同", "same-as"),
    "long-term": ("长期目标", "总体目标", "实施期目标", "中期目标", "long-term"),
    "annual": ("年度目标", "annual"),
    "basis": ("依据", "basis"),
    "weight": ("分值", "weight"),
    "explanation": ("解释", "指标解释", "explanation"),
    "last-year": ("上年值", "last-year"),
}
# (spellings of the 一级, spellings of the 二级, 一级 as shown, 二级 as shown)
GROUPS = [
    (("产出", "产出指标", "output"), ("数量", "数量指标", "quantity"), "产出指标", "数量指标"),
    (("产出", "output"), ("质量", "quality"), "产出指标", "质量指标"),
    (("产出",), ("时效", "timeliness"), "产出指标", "时效指标"),
    (("产出",), ("进度",), "产出指标", "进度指标"),
    (("产出",), ("成本",), "产出指标", "成本指标"),
    (("成本", "cost"), ("经济成本", "economic-cost"), "成本指标", "经济成本指标"),
    (("效益", "benefit"), ("社会效益", "social"), "效益指标", "社会效益指标"),
    (("效果",), ("经济效益",), "效果指标", "经济效益指标"),
    (("效益",), ("环境效益",), "效益指标", "环境效益指标"),
    (("效益",), ("可持续影响", "sustainability"), "效益指标", "可持续影响指标"),
    (("满意度", "satisfaction"), ("满意度", "satisfaction"), "满意度指标", "满意度指标"),
    (("满意度",), ("服务对象满意度",), "满意度指标", "服务对象满意度指标"),
    (("满意度",), ("社会公众或服务对象满意度",), "满意度指标", "社会公众或服务对象满意度指标"),
]
COMPARATORS = [  # (spelling, comparator, written before the number?)
    ("≥", ">=", True),
    (">=", ">=", True),
    ("＞＝", ">=", True),
    ("≧", ">=", True),
    ("不少于", ">=", True),
    ("不低于", ">=", True),
    ("≤", "<=", True),
    ("<=", "<=", True),
    ("＜＝", "<=", True),
    ("不超过", "<=", True),
    ("不高于", "<=", True),
    ("=", "=", True),
    ("＝", "=", True),
    (">", ">", True),
    ("＞", ">", True),
    ("超", ">", True),
    ("<", "<", True),
    ("以内", "<=", False),
    ("及以下", "<=", False),
    ("以上", ">=", False),
    ("", None, True),
]
UNITS = (
    "%",
    "％",
    "人",
    "人次",
    "个",
    "万个",
    "条",
    "份",
    "辆",
    "吨",
    "度",
    "平方米",
    "亩",
    "公里",
    "天",
    "次/月",
    "元/亩",
    "万元/年",
    "粒",
    "",
)
QUALITATIVE = (
    "确保优化",
    "达标",
    "力争全省前列",
    "保障正常运转",
    "优良",
    "持续改善",
    "是",
    "2023.07-2024.01",
    "x月x日前",
)
BASES = ("计划标准", "历史标准", "行业标准", "预算支出标准", "其他标准")
NAME_CHARS = "数据服务满意度建成基站率人员群众项目成本“”（）、，GDP 5G0123456789ab"


@dataclass
class Expected:
    level1: str
    level2: str
    name: str
    text: str
    comparator: str | None
    kind: str
    weight: str | None = None


@dataclass
class Drawn:
    text: str
    projects: list[tuple[str, list[tuple[str, int, list[Expected]]]]] = field(default_factory=list)


def _names():
    return st.text(NAME_CHARS, min_size=1, max_size=10).map(str.strip).filter(bool)


@st.composite
def target(draw) -> tuple[str, str | None, str]:
    """(text as written, expected comparator, kind)."""
    if draw(st.integers(0, 4)) == 0:
        return draw(st.sampled_from(QUALITATIVE)), None, "qualitative"
    spelling, comparator, before = draw(st.sampled_from(COMPARATORS))
    number = format(draw(st.decimals(min_value=0, max_value=9999, places=draw(st.integers(0, 3)))), "f")
    unit = draw(st.sampled_from(UNITS))
    if not before:
        unit = unit or "人"  # 10人以上: a suffix word needs a unit before it to read well
        return f"{number}{unit}{spelling}", comparator, "quantitative"
    space = draw(st.sampled_from(["", " "])) if spelling else ""
    return f"{spelling}{space}{number}{unit}", comparator, "quantitative"


class Writer:
    """Lines of text, with comments drawn in now and then."""

    def __init__(self, draw):
        self.draw = draw
        self.lines: list[str] = []

    def kw(self, key: str) -> str:
        return self.draw(st.sampled_from(KW[key]))

    def line(self, depth: int, body: str) -> None:
        if self.draw(st.integers(0, 7)) == 0:
            self.lines.append("  " * depth + "# " + self.draw(st.sampled_from(["说明", "note", "源表如此"])))
        tail = "  # 备注" if self.draw(st.integers(0, 7)) == 0 else ""
        self.lines.append("  " * depth + body + tail)


@st.composite
def _indicator(draw, w: Writer, name: str, level1: str, level2: str) -> Expected:
    text, comparator, kind = draw(target())
    head = f"{name if draw(st.booleans()) else quote(name)}{draw(st.sampled_from([': ', '：', ':   ']))}{text}"
    attrs, weight = [], None
    if draw(st.integers(0, 2)) == 0:
        attrs.append(f"{w.kw('basis')} {draw(st.sampled_from(BASES))}")
    if draw(st.integers(0, 2)) == 0:
        # at most 12 indicators a goal: 0.8 each keeps every pool (满意度 10) within its limit
        weight = format(draw(st.decimals(min_value=0, max_value=Decimal("0.8"), places=1)), "f")
        attrs.append(f"{w.kw('weight')} {weight}")
    if draw(st.integers(0, 3)) == 0:
        attrs.append(f"{w.kw('explanation')} {quote(draw(_names()))}")
    if draw(st.integers(0, 3)) == 0:
        attrs.append(f"{w.kw('last-year')} {draw(target())[0]}")
    w.line(4, head + (" { " + "; ".join(attrs) + " }" if attrs else ""))
    return Expected(level1, level2, name, text, comparator if kind == "quantitative" else None, kind, weight)


@st.composite
def _goal(draw, w: Writer, kind: str, number: int) -> list[Expected]:
    names = draw(st.lists(_names(), min_size=12, max_size=12, unique=True))  # unique in a goal
    text = draw(st.none() | _names())
    w.line(1, f"{w.kw(kind)} {number}" + ("" if text is None else f" {quote(text)}") + " {")
    rows: list[Expected] = []
    groups = draw(st.lists(st.sampled_from(GROUPS), min_size=1, max_size=4, unique_by=lambda g: g[2:]))
    for l1s, l2s, level1, level2 in groups:
        slash = draw(st.sampled_from([" / ", "/", " ／ "]))
        w.line(2, f"{draw(st.sampled_from(l1s))}{slash}{draw(st.sampled_from(l2s))} {{")
        for _ in range(draw(st.integers(1, 3))):
            rows.append(draw(_indicator(w, names.pop(), level1, level2)))
        w.line(2, "}")
    w.line(1, "}")
    return rows


@st.composite
def _project(draw, w: Writer, name: str) -> tuple[str, list]:
    w.line(0, f"{w.kw('project')} {name} {{")
    w.line(1, f"{w.kw('budget')} {draw(st.sampled_from(['100000000', '100000000万元', '5亿元']))}")
    for key in draw(st.lists(st.sampled_from(["department", "implementer", "nature", "period"]), unique=True)):
        w.line(1, f"{w.kw(key)} {draw(_names())}")
    if draw(st.booleans()):
        w.line(1, f"{w.kw('field')} 项目负责人: {draw(_names())}")
    if draw(st.booleans()):
        w.line(1, f"{w.kw('funding')} 财政拨款: {draw(st.integers(0, 999))}")
    goals = []
    long_terms = draw(st.integers(1, 2))
    for n in range(1, long_terms + 1):
        goals.append(("long-term", n, draw(_goal(w, "long-term", n))))
    for n in range(1, draw(st.integers(0, 2)) + 1):
        if n <= long_terms and draw(st.booleans()):
            w.line(1, f"{w.kw('annual')} {n} {w.kw('same')} {w.kw('long-term')} {n}")
            goals.append(("annual", n, goals[n - 1][2]))  # the shared goal, written out in full
        else:
            goals.append(("annual", n, draw(_goal(w, "annual", n))))
    w.line(0, "}")
    return name, goals


@st.composite
def valid_documents(draw, max_projects: int = 3) -> Drawn:
    w = Writer(draw)
    w.line(0, f"{w.kw('unit')} {draw(_names())}")
    w.line(0, f"{w.kw('money')} 万元")
    if draw(st.booleans()):
        w.line(0, f"{w.kw('year')} {draw(st.integers(2019, 2030))}")
    if draw(st.booleans()):
        w.line(0, f"{w.kw('form')} {draw(st.sampled_from(['批复表', '申报表']))}")
    if draw(st.booleans()):
        w.line(0, f"{w.kw('default-basis')} {draw(st.sampled_from(BASES))}")
    names = draw(st.lists(_names(), min_size=1, max_size=max_projects, unique=True))
    projects = []
    for name in names:
        w.lines.append("")
        projects.append(draw(_project(w, quote(name) if draw(st.booleans()) else name)))
    return Drawn("\n".join(w.lines) + "\n", [(_unquoted(n), goals) for n, goals in projects])


def _unquoted(name: str) -> str:
    return name[1:-1].replace('\\"', '"').replace("\\\\", "\\") if name.startswith('"') else name
