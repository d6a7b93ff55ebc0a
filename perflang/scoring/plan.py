"""The evaluator's plan: everything scoring works out from the targets (the spec), the unit table
and the profile alone, before any actual is read, down to one specialised scoring function per
indicator for the usual actual.

Each indicator's `quick` function is its rules (perflang.scoring.rules) with the target, weight and
profile bound: scoring.quantitative_scorer and scoring.met_test for a number target, the levels'
scores for a qualitative one, the result line prepared.  It takes the actual as given and
returns (result line, score), or None for anything that is not the usual case (a unit, a sign,
a hand-given score, a problem to report): perflang.scoring.core.score_indicator then reads it.
The interpreter plans on every run; the generated evaluator keeps the national profile's plan.

Standard library only and self-contained (apart from perflang.scoring.rules): `perflang build --to
python` embeds this file's source in the generated evaluator, after scoring's.
"""

from decimal import Decimal

from .rules import (
    ONE,
    ZERO,
    cents,
    full_weight_test,
    group_weights,
    groups_of,
    level_words,
    met_test,
    plain,
    qualitative_default,
    qualitative_level,
    quantitative_scorer,
)

NO_SCORE = cents(ZERO)


def plain_digits(text: str):
    """The number of a text of plain ASCII digits with an optional decimal part ('96', '0.5'),
    else None: what the evaluator's quantity pattern reads from such a text, without the regex."""
    if text.isascii():
        if text.isdigit():  # the most usual: a whole number
            return Decimal(text)
        head, _, tail = text.partition(".")
        if head.isdigit() and tail.isdigit():
            return Decimal(text)
    return None


def project_weights(indicators: list, profile: dict) -> list:
    """Each indicator's weight: the pools (or the profile's one block) shared out in file
    order (scoring.groups_of, scoring.group_weights)."""
    weights = [ZERO] * len(indicators)
    for _, points, members in groups_of([ind["pool"] for ind in indicators], profile):
        explicit = [None if indicators[i]["weight"] is None else Decimal(indicators[i]["weight"]) for i in members]
        goals = [indicators[i].get("goal", "") for i in members]
        for i, w in zip(members, group_weights(points, explicit, goals, profile)):
            weights[i] = w
    return weights


def key_index(indicators: list) -> dict:
    """key of the actuals -> indices of the indicators it names, in file order."""
    index: dict = {}
    for i, ind in enumerate(indicators):
        for key in ind["keys"]:
            index.setdefault(key, []).append(i)
    return index


def names_in_order(indicators: list, index=None):
    """The indicators' names in file order when each name names its indicator alone (then
    actuals that list exactly these names, in this order, match one to one), else None.  A
    name without '/' that is no id (i-…) can only be another indicator's name: then the names
    being distinct is enough, and the key index is not built (it is, lazily, when an actual
    is keyed otherwise: index_of)."""
    names = [ind["name"] for ind in indicators]
    if len(set(names)) != len(names):
        return None
    if not any("/" in n or n.startswith("i-") for n in names):
        return names
    index = index if index is not None else key_index(indicators)
    # each name is in its own indicator's keys, so one hit each means that indicator alone
    if max(map(len, map(index.__getitem__, names)), default=1) == 1:
        return names
    return None


def index_of(project_plan: dict, indicators: list) -> dict:
    """The key index of a planned project, built at its first use and kept in the plan."""
    index = project_plan["index"]
    if index is None:
        index = project_plan["index"] = key_index(indicators)
    return index


def missing_row(ind, weight) -> dict:
    """An indicator's line of the result while it has no actual (scoring fills in the rest)."""
    return {
        "id": ind["id"],
        "goal_id": ind["goal_id"],
        "goal_kind": ind["goal_kind"],
        "goal": ind["goal_number"],
        "level1": ind["level1"],
        "level2": ind["level2"],
        "name": ind["name"],
        "target": ind["target"],
        "actual": None,
        "weight": cents(weight),
        "score": NO_SCORE,
        "met": None,
        "status": "missing",
        "note": None,
    }


def quick_quantitative(ind: dict, step: dict, profile: dict):
    """The quick function of a number indicator: an actual of plain digits (in the target's
    unit, never negative), scored by the indicator's own scorer and met test."""
    comparator, target = ind["comparator"], step["number"]
    score = quantitative_scorer(
        comparator, target, step["weight"], profile["lower_is_better"], profile["score_quantum"]
    )
    met = met_test(comparator, target)
    # for ≥, ≤ and no comparator, meeting the target is earning the whole weight: one test
    met_is_full = met == full_weight_test(comparator, target)
    full = score.full
    scored = {**step["row"], "status": "scored"}
    full_text = cents(full)
    # a bare number at most 1 against a percent target above 1 is read as a fraction (PF523):
    # left to the full rules, which report it
    fraction_floor = ONE if step["dimension"] == "percent" and target > ONE else None

    def quick(actual):
        value = plain_digits(actual) if actual.__class__ is str else None
        if value is None or (fraction_floor is not None and value <= fraction_floor):
            return None
        out = scored.copy()
        out["actual"] = actual
        if met_is_full and met(value):  # earned, so the scorer would answer its `full`
            out["score"] = full_text
            out["met"] = True
            return out, full
        points = score(value)
        # an earned whole weight is the scorer's own `full` object, whose text is known
        out["score"] = full_text if points is full else cents(points)
        out["met"] = met(value)
        return out, points

    return quick


def level_scores(weight: Decimal, profile: dict) -> dict:
    """Each way of writing a qualitative level (short and long forms, exactly) -> (score as
    text, score, met) for an indicator of this weight scored by default."""
    out = {}
    for text in level_words(profile):
        level = qualitative_level(text, profile)
        points = qualitative_default(level, weight, profile)
        out[text] = (cents(points), points, level == "达成")
    return out


def quick_qualitative(step: dict, levels: dict):
    """The quick function of a qualitative indicator: an actual written exactly as one of the
    levels (`levels`: level_scores of its weight)."""
    row = step["row"]

    def quick(actual):
        found = levels.get(actual) if actual.__class__ is str else None
        if found is None:
            return None
        out = row.copy()
        out["actual"] = actual
        out["score"], points, out["met"] = found
        out["status"] = "scored"
        return out, points

    return quick


def quick_functions(inds: list, steps: list, profile: dict) -> list:
    """Each indicator's quick function (qualitative levels worked out once per weight)."""
    by_weight: dict = {}
    out = []
    for ind, step in zip(inds, steps):
        if ind["kind"] == "qualitative":
            weight = step["weight"]
            if weight not in by_weight:
                by_weight[weight] = level_scores(weight, profile)
            out.append(quick_qualitative(step, by_weight[weight]))
        else:
            out.append(quick_quantitative(ind, step, profile))
    return out


def plan_project(spec_project, profile: dict, quick: bool) -> dict:
    """What scoring a project needs that the actuals do not change: the key index, each
    indicator's step (and quick function, or None), the pools' maximum and the project's money
    figures as decimals."""
    inds = spec_project["indicators"]
    # what scoring reads is copied into the step, so the spec's own dicts stay out of the hot path
    steps = [
        {
            "weight": w,
            "row": missing_row(ind, w),
            "factor": Decimal(ind["factor"]),
            "number": None if ind["number"] is None else Decimal(ind["number"]),
            "kind": ind["kind"],
            "comparator": ind["comparator"],
            "dimension": ind["dimension"],
        }
        for ind, w in zip(inds, project_weights(inds, profile))
    ]
    groups = groups_of([ind["pool"] for ind in inds], profile)
    maximum = sum((points for _, points, _ in groups), ZERO)
    executed = maximum + profile["execution"] if profile["execution_in_total"] else maximum
    budget = None if spec_project["budget"] is None else Decimal(spec_project["budget"])
    return {
        "index": None,  # index_of builds it when an actual is not named in file order
        "names": names_in_order(inds),
        "steps": steps,
        "quick": quick_functions(inds, steps, profile) if quick else None,
        # (maximum, as printed) without and with the execution line
        "maximum": (maximum, cents(maximum)),
        "maximum_executed": (executed, cents(executed)),
        "execution_weight": cents(profile["execution"]),
        "money_factor": Decimal(spec_project["money_factor"]),
        "budget": budget,
        "budget_text": None if budget is None else plain(budget),
    }


def plan(spec: dict, units: dict, profile: dict, quick: bool = False) -> dict:
    """Everything evaluate_data works out from the spec, the unit table and the profile alone,
    before any actual is read; with `quick`, also each indicator's quick function, which pays
    when the plan serves many calls (the generated evaluator keeps the built-in profile's)."""
    return {
        "units": {d: {u: Decimal(f) for u, f in table.items()} for d, table in units.items()},
        "projects": [plan_project(p, profile, quick) for p in spec["projects"]],
    }
