"""The seed, read from its own text (tests/seedtable.py), against the JSON that
`perflang build --to json` makes of examples/ezhou-data-bureau.perf: every project, budget,
goal text and indicator row (levels, name, value text, parsed comparator/value/unit, basis).

The expected parse of each value is worked out here from the seed's value text with a reader
of its own (a few symbols, one word form, a handful of units), not taken from perflang.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal

import pytest
from conftest import SEED_EXAMPLE

GOAL_KINDS = {"长期": "long-term", "年度": "annual"}
SYMBOLS = {"≤": "<=", "≥": ">=", "=": "=", "<": "<", ">": ">", "不少于": ">="}
VALUE = re.compile(r"^(≤|≥|=|<|>|不少于)?(\d+(?:\.\d+)?)(\D*)$")
# unit as written -> (factor, base unit), by hand: 万 is 10^4, a tonne is 1000 kg, 度 is a kWh
BASES = {"万元": ("10000", "元"), "万个": ("10000", "个"), "吨": ("1000", "千克"), "度": ("1", "千瓦时")}


@pytest.fixture(scope="module")
def built() -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "perflang", "build", str(SEED_EXAMPLE), "--to", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return json.loads(out.stdout)


def expected_parse(text: str) -> dict:
    """comparator, value, unit, base_value, base_unit as the seed's text means them."""
    m = VALUE.match(text)
    if m is None:
        return {
            "kind": "qualitative",
            "comparator": None,
            "value": None,
            "unit": None,
            "base_value": None,
            "base_unit": None,
        }
    symbol, number, unit = m.groups()
    factor, base_unit = BASES.get(unit, ("1", unit))
    base = Decimal(number) * Decimal(factor)
    return {
        "kind": "quantitative",
        "comparator": SYMBOLS[symbol] if symbol else None,
        "value": number,
        "unit": unit or None,
        "base_value": format(base.normalize(), "f") if base else "0",
        "base_unit": base_unit or None,
    }


def _goal_key(seed_name: str) -> tuple[str, int]:
    """长期绩效目标1 / 年度绩效目标表 row goal 年度目标1 -> (kind, number)."""
    return GOAL_KINDS[seed_name[:2]], int(re.search(r"\d+$", seed_name).group())


def test_the_seed_has_five_projects_and_78_rows(seed_projects, built):
    assert len(seed_projects) == len(built["projects"]) == 5
    rows = sum(len(g["indicators"]) for p in built["projects"] for g in p["goals"])
    assert rows == sum(len(p.rows) for p in seed_projects) == 78


def test_document_unit_and_money_unit(seed_projects, built):
    assert {p.unit for p in seed_projects} == {built["unit"]}
    assert {p.money_unit for p in seed_projects} == {built["money_unit"]}


def test_projects_and_budgets(seed_projects, built):
    for seed, project in zip(seed_projects, built["projects"], strict=True):
        assert project["name"] == seed.name
        assert project["budget"]["text"] == seed.budget
        assert project["budget"]["value"] == seed.budget
        assert project["budget"]["unit"] == seed.money_unit
        assert Decimal(project["budget"]["base_value"]) == Decimal(seed.budget) * 10000  # 万元 -> 元


def test_goal_texts(seed_projects, built):
    for seed, project in zip(seed_projects, built["projects"], strict=True):
        expected = [(*_goal_key(name), text) for name, text in seed.goals]
        assert [(g["kind"], g["number"], g["text"]) for g in project["goals"]] == expected


def _rows(seed, project):
    """(seed row, JSON indicator) pairs, table by table, in order."""
    goals = {(g["kind"], g["number"]): g for g in project["goals"]}
    for table in seed.tables.values():
        by_goal: dict = {}
        for row in table:
            by_goal.setdefault(_goal_key(row.goal), []).append(row)
        for key, rows in by_goal.items():
            indicators = goals[key]["indicators"]
            assert len(indicators) == len(rows), (project["name"], key)
            yield from zip(rows, indicators)


def test_every_indicator_row(seed_projects, built):
    seen = 0
    for seed, project in zip(seed_projects, built["projects"], strict=True):
        for row, ind in _rows(seed, project):
            where = (seed.name, row.goal, row.name)
            assert (ind["level1"], ind["level2"], ind["name"]) == (row.level1, row.level2, row.name), where
            assert ind["text"] == row.value, where
            assert ind["basis"] == row.basis, where
            got = {k: ind[k] for k in ("kind", "comparator", "value", "unit", "base_value", "base_unit")}
            assert got == expected_parse(row.value), where
            seen += 1
    assert seen == 78


def test_the_expected_parse_reader_itself():
    """The reader above, on values whose meaning domain.md spells out."""
    assert expected_parse("≥2.3万个")["base_value"] == "23000"
    assert expected_parse("不少于10条")["comparator"] == ">="
    assert expected_parse("≤571万元")["base_value"] == "5710000"
    assert expected_parse("确保优化")["kind"] == "qualitative"
