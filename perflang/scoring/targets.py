"""The targets JSON (perflang/2, docs/json.md) as the evaluator's spec: what a data-driven
evaluator reads instead of the checked model.  `spec_from_targets(doc)` gives exactly what
perflang.scoring.spec.spec_of gives for the model the JSON was written from (a test holds
them equal), so scoring the JSON and scoring the file cannot differ.

Also the one definition of the keys the actuals may name an indicator by (its id, its name,
its 一级/二级/三级 path as shown, short or canonical, with or without the goal in front).

Standard library only and self-contained (apart from .rules' ReasonError): `perflang build --to
python` embeds this file's source in the generated evaluator; the Java and JavaScript runtimes
port it (perflang/runtimes/, kept equal by tests/test_runtimes.py).
"""

from decimal import Decimal

from ..decimals import decimal_text
from .rules import ReasonError

TARGETS_FORMAT = "perflang/2"
GOAL_LABELS = {"long-term": "长期目标", "annual": "年度目标"}


class TargetsError(ReasonError):
    """Targets that are no perflang/2 document, or a project they do not hold (the catalog's
    evaluator.* phrases)."""


class UnknownProject(TargetsError, KeyError):
    """A project asked for by a name or id the targets do not hold."""

    __str__ = ReasonError.__str__  # not KeyError's repr of the arguments


def goal_label(kind: str, number: int) -> str:
    """年度目标1, 长期目标2: the goal as the actuals may name it."""
    return f"{GOAL_LABELS[kind]}{number}"


def short_level(name: str) -> str:
    """A level's name without its 指标 (产出指标 -> 产出)."""
    return name[:-2] if name.endswith("指标") else name


def level_spellings(shown: str, canonical) -> list:
    """A level's names as a path may give them: as shown (数量指标) and short (数量), and the
    canonical name's two forms when an alias was written."""
    names = [shown, short_level(shown)]
    if canonical and canonical != shown:
        names += [canonical, short_level(canonical)]
    return list(dict.fromkeys(n for n in names if n))


def indicator_keys(level1, level2, level1_canonical, level2_canonical, name, label, ident) -> list:
    """The keys the actuals may use for an indicator, first to last: its name, its path
    一级/二级/三级 as shown (the second key, the one PF505 proposes), the paths with 一级 and 二级
    in every form the .perf accepts for them (short or full: 满意度 or 满意度指标; the canonical
    name of an alias; mixed), its id, then each path behind the goal's label
    (年度目标1/满意度/满意度/群众满意度); the last key is the goal's label before the path as
    shown (the messages name them)."""
    full = f"{level1}/{level2}/{name}"
    paths = [
        f"{l1}/{l2}/{name}"
        for l1 in level_spellings(level1, level1_canonical)
        for l2 in level_spellings(level2, level2_canonical)
    ]
    keys = [name, full, *paths]
    if ident:
        keys.append(ident)
    keys += [f"{label}/{p}" for p in paths if p != full]
    keys.append(f"{label}/{full}")
    return list(dict.fromkeys(keys))


def _number(text) -> str:
    """A written number ('2.3', '+5', '1200') as the evaluator's exact decimal text."""
    return decimal_text(Decimal(text))


def indicator_spec(ind: dict, goal: dict, units: dict) -> dict:
    """One indicator of a scored goal of the JSON as the evaluator reads it."""
    label = goal_label(goal["kind"], goal["number"])
    quantitative = ind["kind"] == "quantitative"
    dimension = ind["dimension"] or ""
    unit = ind["unit"] or ""
    factor = units.get(dimension, {}).get(unit, "1") if (quantitative and unit) else "1"
    return {
        "level1": ind["level1"],
        "level2": ind["level2"],
        "name": ind["name"],
        "goal": label,
        "keys": indicator_keys(
            ind["level1"],
            ind["level2"],
            ind["level1_canonical"],
            ind["level2_canonical"],
            ind["name"],
            label,
            ind["id"],
        ),
        "pool": ind["pool"],
        "target": ind["text"],
        "kind": ind["kind"],
        "comparator": ind["scoring_comparator"] if quantitative else ind["comparator"],
        "number": _number(ind["value"]) if quantitative else None,
        "unit": unit if quantitative else "",
        "dimension": dimension,
        "factor": factor,
        "weight": ind["weight"],
        "id": ind["id"],
        "goal_id": goal["id"],
        "goal_kind": goal["kind"],
        "goal_number": goal["number"],
    }


def project_spec(project: dict, units: dict) -> dict:
    """One project of the JSON as the evaluator reads it: the indicators of its scored goals."""
    scoring = project["scoring"]
    budget = project["budget"]
    return {
        "name": project["name"],
        "id": project["id"],
        "budget": None if budget is None or budget["value"] is None else budget["value"],
        "money_unit": scoring["money_unit"],
        "money_factor": scoring["money_factor"],
        "indicators": [
            indicator_spec(ind, goal, units)
            for goal in project["goals"]
            if goal["scored"]
            for ind in goal["indicators"]
        ],
    }


def spec_from_targets(doc: dict) -> dict:
    """The evaluator's spec from the targets JSON (perflang/2 data, parsed)."""
    if not isinstance(doc, dict) or doc.get("format") != TARGETS_FORMAT:
        raise TargetsError("evaluator.format", format=TARGETS_FORMAT)
    units = doc["units"]
    return {"source": doc["source"], "projects": [project_spec(p, units) for p in doc["projects"]]}
