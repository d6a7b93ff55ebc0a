"""The indicator rows a careful human reads from each published table of tests/fixtures/real/
(34-53), written by hand in tests/fixtures/real/expected/NN_….tsv, and the figure of how many of
them an import places exactly.

A row is placed exactly when the imported document has, in the project of that name (any project
when the expected name is empty), an indicator with the same 一级, 二级, 三级, target text and
weight.  一级 and 二级 are compared by what they mean, through the small table of the domain's
aliases below (not perflang's: this reader shares no code with the importer); names and targets
character for character.

    python tests/realrows.py            # the figure, table by table (tuned and held-out apart)
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
EXPECTED = REAL / "expected"

# Chosen before any of these tables was imported: every third by number, starting at 35.
HELD_OUT = frozenset({35, 38, 41, 44, 47, 50, 53})

# domain.md §2: the framework's names and the aliases met in real tables
_L1 = {"产出": "产出指标", "成本": "成本指标", "效益": "效益指标", "效果": "效益指标", "满意度": "满意度指标"}
_L2 = {
    "数量": "数量指标",
    "质量": "质量指标",
    "时效": "时效指标",
    "进度": "时效指标",
    "成本": "成本指标",
    "经济成本": "经济成本指标",
    "社会成本": "社会成本指标",
    "生态环境成本": "生态环境成本指标",
    "生态成本": "生态环境成本指标",
    "经济效益": "经济效益指标",
    "社会效益": "社会效益指标",
    "生态效益": "生态效益指标",
    "环境效益": "生态效益指标",
    "可持续影响": "可持续影响指标",
    "服务对象满意度": "服务对象满意度指标",
    "社会公众或服务对象满意度": "服务对象满意度指标",
    "满意度": "服务对象满意度指标",
}


def _stem(name: str) -> str:
    name = re.sub(r"\s+", "", name)
    return name[:-2] if name.endswith("指标") else name


def level1(name: str) -> str:
    return _L1.get(_stem(name), re.sub(r"\s+", "", name))


def level2(name: str) -> str:
    return _L2.get(_stem(name), re.sub(r"\s+", "", name))


def _weight(text: str) -> Decimal | str:
    try:
        return Decimal(text) if text else ""
    except InvalidOperation:
        return text


def key(project: str, l1: str, l2: str, name: str, value: str, weight: str) -> tuple:
    return (project, level1(l1), level2(l2), name, value, _weight(weight))


def tables() -> list[Path]:
    """The fixture files of the tables that have hand-written expected rows."""
    return sorted(REAL / (p.stem + ".txt") for p in EXPECTED.glob("*.tsv"))


def number(path: Path) -> int:
    return int(path.name.split("_", 1)[0])


def expected_rows(path: Path) -> list[tuple]:
    lines = (EXPECTED / (path.stem + ".tsv")).read_text(encoding="utf-8").split("\n")[1:]
    return [key(*line.split("\t")) for line in lines if line]


def imported_rows(doc) -> list[tuple]:
    """(project, 一级, 二级, 三级, 指标值, 分值) of every indicator row an import put in its document."""
    return [
        key(p.name, r.level1, r.level2, r.name, r.value, r.weight)
        for p in doc.projects
        for r in p.rows
        if r.kind == "indicator"
    ]


def placed(expected: list[tuple], got: list[tuple]) -> int:
    """How many expected rows the import placed exactly (each imported row counts once)."""
    pool = Counter(got)
    n = 0
    for row in expected:
        match = row if pool[row] else None
        if match is None and row[0] == "":  # no project name in the source: any project will do
            match = next((g for g in pool if pool[g] and g[1:] == row[1:]), None)
        if match is not None:
            pool[match] -= 1
            n += 1
    return n


def measure(path: Path) -> tuple[int, int, int, int]:
    """(rows placed exactly, rows expected, other indicator rows the import made, exit code) of
    importing the table as it is."""
    from click.testing import CliRunner

    from perflang.cli import cli
    from perflang.importers.convert import import_file

    expected = expected_rows(path)
    code = CliRunner().invoke(cli, ["import", str(path), "-o", "/dev/null"]).exit_code
    try:
        _, doc = import_file(path)
    except Exception as exc:  # the importer's refusal (no project found …): nothing placed
        if type(exc).__name__ not in ("ImportError_",) and not hasattr(exc, "code"):
            raise
        return 0, len(expected), 0, code
    got = imported_rows(doc)
    n = placed(expected, got)
    return n, len(expected), len(got) - n, code


def main() -> None:
    sums = {False: [0, 0], True: [0, 0]}
    print("| table | set | rows placed exactly | other rows made | exit |")
    print("|---|---|---|---|---|")
    for path in tables():
        held = number(path) in HELD_OUT
        n, total, other, code = measure(path)
        sums[held][0] += n
        sums[held][1] += total
        print(f"| {path.stem} | {'held-out' if held else 'tuned'} | {n}/{total} | {other} | {code} |")
    for held in (False, True):
        n, total = sums[held]
        print(f"| **{'held-out' if held else 'tuned'}** | | **{n}/{total}** | | |")
    n, total = sums[False][0] + sums[True][0], sums[False][1] + sums[True][1]
    print(f"| **all** | | **{n}/{total}** | | |")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    main()
