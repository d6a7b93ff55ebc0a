"""`perflang.testing.differential`: run an evaluator of yours against perflang on generated
targets and actuals, and when they disagree show the smallest case found — the .perf file, the
profile and the actuals — with the first field that differs (docs/testing.md).

    from perflang.testing import differential

    def my_evaluate(targets, actuals):      # targets: perflang/2 data, actuals: perflang-actuals/1
        ...                                 # -> {"projects": [{"id" or "name", "total", "indicators": [...]}]}

    def test_my_evaluator():
        differential(my_evaluate)           # AssertionError with the case when they disagree

Only the fields your result gives are compared (a result with the totals alone is checked on the
totals), so an evaluator can be tested as far as it goes.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal, InvalidOperation

from .edges import edge_cases
from .space import actuals_json, cases, plain_json
from .strategies import _st

__all__ = ["differential", "DifferentialFailure", "first_difference", "FIELDS", "default_cases"]

# what is compared when your result gives it: per project, per indicator row, of the execution line
FIELDS = ("total", "total_100", "grade", "maximum", "score", "weight", "met", "status", "rate", "execution")


class DifferentialFailure(AssertionError):
    """Your evaluator and perflang disagree; the message shows the case and the difference."""

    def __init__(self, message: str, case, difference: str):
        super().__init__(message)
        self.case = case
        self.difference = difference


def default_cases(**whole):
    """Cases aimed at the edges, three in four, and over the whole space (rich documents, every
    profile, actuals as written); `whole` are switches of space.cases (e.g. invalid=False)."""
    st = _st()
    return st.one_of(edge_cases(), edge_cases(), edge_cases(), cases(**whole))


def _same(a, b) -> bool:
    """Equal as perflang means it: numbers by exact value (a float by its shortest text),
    anything else as is."""
    if a == b:
        return True
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return False
    try:
        x = Decimal(repr(a)) if isinstance(a, float) else Decimal(str(a))
        y = Decimal(repr(b)) if isinstance(b, float) else Decimal(str(b))
    except (InvalidOperation, ValueError):
        return False
    return x.is_finite() and y.is_finite() and x == y


def _rows(rows) -> dict:
    out: dict = {}
    for row in rows or ():
        if isinstance(row, dict):
            for key in (row.get("id"), (row.get("goal"), row.get("name")), row.get("name")):
                if key is not None and key not in out:
                    out[key] = row
    return out


def first_difference(expected: dict, mine, fields=FIELDS) -> str | None:
    """What first differs between perflang's result and yours (None: they agree on every field
    yours gives)."""
    if isinstance(mine, (str, bytes)):
        mine = json.loads(mine)
    if not isinstance(mine, dict) or not isinstance(mine.get("projects"), list):
        return "your result has no list of projects ({'projects': [...]})"
    by_id = {p.get("id"): p for p in mine["projects"] if isinstance(p, dict) and p.get("id")}
    by_name = {p.get("name"): p for p in mine["projects"] if isinstance(p, dict) and p.get("name") is not None}
    for project in expected["projects"]:
        yours = by_id.get(project["id"]) or by_name.get(project["name"])
        where = f"project {project['name']}"
        if yours is None:
            return f"{where}: missing from your result"
        for key in ("total", "total_100", "grade", "maximum"):
            if key in fields and key in yours and not _same(project[key], yours[key]):
                return f"{where}: {key}: perflang {project[key]!r}, yours {yours[key]!r}"
        if "execution" in fields and "execution" in yours:
            ours, theirs = project["execution"], yours["execution"]
            if (ours is None) != (theirs is None):
                return f"{where}: execution: perflang {ours!r}, yours {theirs!r}"
            for key in ("score", "rate", "weight"):
                if ours and isinstance(theirs, dict) and key in theirs and not _same(ours[key], theirs[key]):
                    return f"{where}: execution {key}: perflang {ours[key]!r}, yours {theirs[key]!r}"
        if "indicators" not in yours:
            continue
        rows = _rows(yours["indicators"])
        for row in project["indicators"]:
            theirs = rows.get(row["id"]) or rows.get((row["goal"], row["name"])) or rows.get(row["name"])
            label = f"{where}, indicator {row['name']} (goal {row['goal']}, {row['id']})"
            if theirs is None:
                return f"{label}: missing from your result"
            for key in ("score", "weight", "met", "status"):
                if key in fields and key in theirs and not _same(row[key], theirs[key]):
                    return f"{label}: {key}: perflang {row[key]!r}, yours {theirs[key]!r}"
    return None


def _floats_hold(data) -> bool:
    """Whether the actuals' Decimals survive as JSON floats (plain_json): not NaN, 1E+999 or
    1E-999 (cases(hostile=True)), which are handed over as they are instead."""
    if isinstance(data, dict):
        return all(_floats_hold(v) for v in data.values())
    if isinstance(data, list):
        return all(_floats_hold(v) for v in data)
    if isinstance(data, Decimal):
        return data.is_finite() and -300 < data.adjusted() < 300 and len(data.as_tuple().digits) <= 15
    return True


def _report(case, difference: str, expected: dict | None, tried: int) -> str:
    if expected is None:  # actuals perflang refuses whole
        shown = ["-- perflang's result --", "none: PF501, the actuals cannot be scored"]
    else:
        project = next(
            (p for p in expected["projects"] if difference.startswith(f"project {p['name']}")),
            expected["projects"][0],
        )
        shown = ["-- perflang's result for that project --", json.dumps(project, ensure_ascii=False, indent=2)]
    return "\n".join(
        [
            "perflang.testing.differential: your evaluator and perflang disagree "
            f"(the smallest case found, after {tried} cases tried)",
            "",
            difference,
            "",
            case.describe(),
            *shown,
            "",
            "To see perflang's own table: save the file as case.perf and the actuals as actuals.json, then run",
            "    perflang eval case.perf --actuals actuals.json --to text"
            + ("   (with the profile above as a TOML file: --profile profile.toml)" if case.profile_data else ""),
        ]
    )


def differential(
    my_evaluate,
    strategy=None,
    *,
    max_examples: int = 500,
    text: bool = False,
    fields=FIELDS,
    derandomize: bool = False,
    shrink: bool = True,
) -> None:
    """Run `my_evaluate(targets, actuals)` on generated cases against perflang; return quietly
    when it agrees on all of them, else raise DifferentialFailure (an AssertionError) showing
    the smallest case found: the .perf file, the profile, the actuals and the first difference.

    targets is perflang/2 data (what `perflang build --to json` writes, under the case's
    profile), actuals perflang-actuals/1 data (as json.loads reads it; `text=True` hands both
    over as JSON text instead; hostile actuals, from cases(hostile=True), as the data they are,
    Decimals included, or as their exact JSON text with NaN, Infinity, 1E+5000).  For actuals
    perflang refuses whole (PF501: NaN, ±Infinity, more than 1,000 digits) your evaluator must
    raise or return None.  The result is perflang-eval/2 data or as much of it as your
    evaluator gives, a dict or JSON text: projects by id or name, with any of total, total_100,
    grade, maximum, execution and the indicator rows (by id, or goal and name, or name) with
    any of score, weight, met, status.  An exception raised by my_evaluate is a disagreement.
    `strategy` draws the cases (default_cases(): the edges and the whole space;
    perflang.testing.cases(...) with its switches to leave out what your evaluator does not
    take, e.g. invalid=False)."""
    st = _st()
    from hypothesis import HealthCheck, Phase, find, settings
    from hypothesis.errors import NoSuchExample

    strategy = strategy if strategy is not None else default_cases()
    tried = [0]
    last: dict = {}

    def handed(case):
        targets = json.dumps(case.targets, ensure_ascii=False)
        if not _floats_hold(case.actuals):  # hostile values (cases(hostile=True)), as they are
            return (targets, actuals_json(case.actuals)) if text else (json.loads(targets), case.actuals)
        actuals = json.dumps(plain_json(case.actuals), ensure_ascii=False)
        return (targets, actuals) if text else (json.loads(targets), json.loads(actuals))

    def disagrees(case) -> bool:
        tried[0] += 1
        expected, problems = case.expected()
        if expected is None:  # perflang refuses these actuals whole (PF501): yours must not score them
            try:
                mine = my_evaluate(*copy.deepcopy(handed(case)))
            except Exception:  # refused: as perflang does
                mine = None
            difference = (
                None
                if mine is None
                else f"perflang refuses these actuals (PF501: {problems[0][2]['reason_en']}); your evaluator gave a result"
            )
        else:
            expected = json.loads(json.dumps(expected, ensure_ascii=False))
            try:
                mine = my_evaluate(*copy.deepcopy(handed(case)))
                difference = first_difference(expected, mine, fields)
            except Exception as exc:  # a crash is a disagreement too
                difference = f"your evaluator raised {type(exc).__name__}: {exc}"
        if difference is not None:
            last[id(case)] = (difference, expected)
        return difference is not None

    phases = [Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if shrink else [])
    config = settings(
        max_examples=max_examples,
        database=None,
        derandomize=derandomize,
        deadline=None,
        phases=phases,
        suppress_health_check=list(HealthCheck),
    )
    del st
    try:
        case = find(strategy, disagrees, settings=config)
    except NoSuchExample:
        return
    difference, expected = last.get(id(case)) or (None, None)
    if difference is None:  # find() hands back an equal copy: work it out again
        disagrees(case)
        difference, expected = last[id(case)]
    raise DifferentialFailure(_report(case, difference, expected, tried[0]), case, difference)
