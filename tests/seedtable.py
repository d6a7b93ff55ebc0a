"""An independent reader of the seed approval table (tests/fixtures/seed/000_…txt).

Tests compare perflang's outputs with what this reader finds in the seed text itself, so it
deliberately shares no code with perflang.  Merged cells (left blank in the export) are filled
down; the one row shifted left by a cell (满意度指标 starting in the 目标名称 column) is put back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = FIXTURES / "seed" / "000_f33f596efa0ca9bb.txt"
LEVEL1 = {"产出指标", "成本指标", "效益指标", "满意度指标"}


@dataclass
class Row:
    goal: str  # 长期目标1 / 年度目标1
    level1: str
    level2: str
    name: str
    value: str
    basis: str


@dataclass
class SeedProject:
    title: str
    unit: str
    money_unit: str
    name: str
    budget: str
    goals: list[tuple[str, str]] = field(default_factory=list)  # (长期绩效目标1, text)
    tables: dict[str, list[Row]] = field(default_factory=dict)  # 长期绩效目标表 -> rows

    @property
    def rows(self) -> list[Row]:
        return [r for t in self.tables.values() for r in t]


def _cells(line: str) -> list[str]:
    return line.split("\t")


def read_seed(path: Path = SEED) -> list[SeedProject]:
    lines = path.read_text(encoding="utf-8").split("\n")
    projects: list[SeedProject] = []
    title = unit = money = ""
    table: list[Row] | None = None
    last = ["", "", ""]
    for i, line in enumerate(lines):
        cells = _cells(line)
        head = cells[0].strip()
        if head.startswith("项目支出绩效目标") and head.endswith("表"):
            title, table = head, None
        elif head == "申报单位：":
            unit = next(x for x in lines[i + 1 :] if x.strip()).strip()
        elif head.startswith("金额单位："):
            money = head.split("：", 1)[1]
        elif head == "项目名称":
            rest = [c for c in cells[1:] if c.strip()]
            assert rest[1] == "项目预算", line
            projects.append(SeedProject(title, unit, money, rest[0], rest[2]))
            table = None
        elif head.endswith("绩效目标表"):
            table = projects[-1].tables.setdefault(head, [])
            last = ["", "", ""]
        elif head in ("名称", "目标名称", "项目绩效总目标") or not line.strip():
            continue
        elif table is None and head[-1:].isdigit() and "绩效目标" in head:
            text = next(c for c in cells[1:] if c.strip())
            projects[-1].goals.append((head, text))
        elif table is not None:
            if head in LEVEL1:  # the shifted row: no 目标名称 cell
                cells = [""] + cells
            cells = (cells + [""] * 6)[:6]
            filled = [c.strip() or last[k] for k, c in enumerate(cells[:3])]
            if cells[1].strip():
                filled[2] = cells[2].strip()  # a new 一级 starts a new 二级 run
            last = filled
            table.append(Row(filled[0], filled[1], filled[2], cells[3].strip(), cells[4].strip(), cells[5].strip()))
    return projects
