"""The skeleton `perflang new FILE.perf` writes (the questions are perflang/cli/new.py's).

Asks (on a terminal) or takes as options the 申报单位, the project's name and budget, the form
(批复表, 申报表, 目标表) and the goals to create, and writes the standard 一级/二级 skeleton with
commented placeholders (`# …` saying what to write).  The file it writes checks clean (no error,
no warning) and is already in the canonical layout of `perflang fmt` (tests/test_new.py).
"""

from __future__ import annotations

import re

from .formatter import format_text, value_text

__all__ = ["GOALS", "PLACEHOLDERS", "skeleton", "valid_name", "valid_budget"]

GOALS = ("long-term", "annual", "both")
# what stands in for an answer not given when nobody can be asked (stdin is not a terminal)
PLACEHOLDERS = {"unit": "某某单位", "project": "某某项目", "budget": "0", "form": "批复表", "goals": "both"}
_BUDGET = re.compile(r"[0-9]+(?:\.[0-9]+)?")

_GROUPS = """\
    # 每组指标写成“一级 / 二级 {{ … }}”，每行一个三级指标：“名称: 指标值”。
    # 定量指标写比较符号、数值和单位（≥ ≤ =，例如 ≥200人次）；定性指标写可核验的结果（例如 达标、通过验收）。
    # 下面的指标名称和指标值是示例，换成本项目的；用不到的一组整个删掉，需要的可以照样增加。
    产出 / 数量 {{
      # 数量指标：完成多少工作量，例如 培训人次: ≥200人次
      完成工作任务数量: ≥1项
    }}
    产出 / 质量 {{
      # 质量指标：完成得怎么样，例如 验收合格率: =100%
      验收合格率: =100%
    }}
    产出 / 时效 {{
      # 时效指标：按时完成的程度，例如 项目按时完成率: =100%
      项目按时完成率: =100%
    }}
    成本 / 经济成本 {{
      # 成本指标：花多少钱，不超过项目预算（老式表样也可以写成 产出 / 成本）
      项目成本: ≤{budget}万元
    }}
    效益 / 社会效益 {{
      # 效益指标：项目带来的社会效益；还可以加 效益 / 经济效益、效益 / 生态效益、效益 / 可持续影响
      服务对象受益情况: 达到预期目标
    }}
    满意度 / 服务对象满意度 {{
      # 满意度指标：服务对象的满意程度，一般不低于 90%
      服务对象满意度: ≥90%
    }}
"""


def valid_name(text: str) -> bool:
    """A 申报单位 or project name perflang new accepts: some text on one line."""
    return bool(text.strip()) and text.isprintable()


def valid_budget(text: str) -> bool:
    """A budget perflang new accepts: a non-negative number (in 万元)."""
    return bool(_BUDGET.fullmatch(text))


def skeleton(unit: str, project: str, budget: str, form: str = "批复表", goals: str = "both") -> str:
    """The text of a new file (canonical layout)."""
    groups = _GROUPS.format(budget=budget)
    lines = [
        f"# {unit} 项目支出绩效目标{form}",
        "# 由 perflang new 生成。以 # 开头的行是说明，可以保留也可以删除；示例的指标换成本项目的。",
        "# 写完后运行 perflang check 检查，再用 perflang build 打印。",
        "",
        f"申报单位 {value_text(unit)}",
        "金额单位 万元",
        f"表样 {form}",
        "默认依据 计划标准",
        "# 年度 2025",
        "# 上一行去掉 # 并写上预算年度，表名会印成“2025年项目支出绩效目标…”",
        "",
        f"项目 {value_text(project)} {{",
        "  # 预算：本项目的预算金额，单位是上面的“金额单位”（万元）",
        f"  预算 {budget}",
        "",
    ]
    if goals in ("long-term", "both"):
        lines += [
            "  # 长期目标（实施期目标）：项目整个实施期要达到的目标，写在引号里",
            '  长期目标 1 "在这里写长期目标的内容" {',
            groups.rstrip("\n"),
            "  }",
        ]
    if goals == "both":
        lines += [
            '  # 年度目标与长期目标相同时写成下面这样；不同时，照长期目标的样子写一段 年度目标 1 "…" { … }',
            "  年度目标 1 同 长期目标 1",
        ]
    if goals == "annual":
        lines += [
            "  # 年度目标：本年度要达到的目标，写在引号里",
            '  年度目标 1 "在这里写年度目标的内容" {',
            groups.rstrip("\n"),
            "  }",
        ]
    lines += ["}", ""]
    text = "\n".join(lines)
    formatted, _ = format_text(text)
    return formatted if formatted is not None else text
