"""The indicator framework (一级 -> 二级), its short forms and regional aliases, the bases
(指标值确定依据) and qualitative grades. Data, not code."""

from __future__ import annotations

__all__ = [
    "LEVEL1",
    "LEVEL2_OWNERS",
    "BASES",
    "resolve_level1",
    "resolve_level2",
    "expand_short",
    "pool_of",
    "ENGLISH_NAMES",
]

# canonical 一级 -> its canonical 二级 (both layouts: 成本指标 under 产出 and as its own 一级)
LEVEL1: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}

# Aliases met in real tables -> canonical name (see domain.md §2).
LEVEL1_ALIASES = {"效果指标": "效益指标"}
LEVEL2_ALIASES = {
    "进度指标": "时效指标",
    "环境效益指标": "生态效益指标",
    "社会公众或服务对象满意度指标": "服务对象满意度指标",
    "满意度指标": "服务对象满意度指标",  # as in the seed: 满意度指标 / 满意度指标
    "生态成本指标": "生态环境成本指标",
}

# 二级 -> the 一级 it belongs to (成本指标 as 二级 belongs to 产出指标)
LEVEL2_OWNERS: dict[str, str] = {l2: l1 for l1, l2s in LEVEL1.items() for l2 in l2s}

BASES = ("计划标准", "历史标准", "行业标准", "预算支出标准", "其他标准")

# which scoring pool a canonical 一级 falls in (cost shares the 产出 pool)
_POOLS = {"产出指标": "产出", "成本指标": "产出", "效益指标": "效益", "满意度指标": "满意度"}


# English names (for files written with English keywords) -> the name shown in the table.
ENGLISH_NAMES = {
    "output": "产出指标",
    "cost": "成本指标",
    "benefit": "效益指标",
    "satisfaction": "满意度指标",
    "quantity": "数量指标",
    "quality": "质量指标",
    "timeliness": "时效指标",
    "economic-cost": "经济成本指标",
    "social-cost": "社会成本指标",
    "environmental-cost": "生态环境成本指标",
    "economic": "经济效益指标",
    "social": "社会效益指标",
    "ecological": "生态效益指标",
    "sustainability": "可持续影响指标",
    "beneficiary-satisfaction": "服务对象满意度指标",
}


def expand_short(name: str) -> str:
    """The name as shown in the table: 产出 -> 产出指标, 数量 -> 数量指标, output -> 产出指标;
    a name already ending in 指标 is kept."""
    english = ENGLISH_NAMES.get(name.lower())
    if english is not None:
        return english
    return name if name.endswith("指标") else name + "指标"


def resolve_level1(name: str) -> str | None:
    full = expand_short(name)
    full = LEVEL1_ALIASES.get(full, full)
    return full if full in LEVEL1 else None


def resolve_level2(name: str, level1: str | None) -> str | None:
    """The canonical 二级 for name, or None when it is unknown."""
    full = expand_short(name)
    if level1 == "满意度指标" and full == "满意度指标":
        return "服务对象满意度指标"
    if level1 is not None and full in LEVEL1.get(level1, ()):
        return full
    full = LEVEL2_ALIASES.get(full, full)
    return full if full in LEVEL2_OWNERS or _is_level2(full) else None


def _is_level2(name: str) -> bool:
    return any(name in l2s for l2s in LEVEL1.values())


def owners_of(level2: str) -> list[str]:
    return [l1 for l1, l2s in LEVEL1.items() if level2 in l2s]


def pool_of(level1_canonical: str) -> str:
    return _POOLS.get(level1_canonical, "产出")
