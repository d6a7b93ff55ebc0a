"""The JSON backend: the checked model as the perflang/2 contract (docs/json.md): every value as
written and as understood, stable ids, and what scoring needs under the file's profile (pools,
effective weights, maxima, the profile itself and the unit table), so a budget system can store
the targets and an evaluator can score them from this data alone."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache, partial
from json.encoder import encode_basestring  # the C encoder of a JSON string (ensure_ascii=False)

from ..contract.ids import goal_id, indicator_ids, project_id
from ..decimals import decimal_text
from ..model import IndicatorModel, Model, ProjectModel
from ..scoring.plan import project_weights
from ..scoring.rules import groups_of, implied_comparator, profile_to_data
from ..scoring.spec import UnusableProfile, builtin_profile, file_profile, money_of, units_for
from ..scoring.targets import TARGETS_FORMAT
from ..values import Target
from .jsontext import Written, dumps, fields_text, item_text, iterdumps, scalar_text

__all__ = [
    "render",
    "render_chunks",
    "to_data",
    "FORMAT",
    "source_path",
    "own_profile",
    "stream_renderer",
    "stream_chunks",
    "project_piece",
]

FORMAT = TARGETS_FORMAT  # "perflang/2"; perflang/1 is perflang-1.schema.json (docs/json.md, migration)
# a folder holding one of these is a project's root: `source` is the path from there
ROOT_MARKERS = ("perflang.toml", "pyproject.toml", ".git")


_DEC_TEXTS: dict[Decimal, str] = {}


def _text(value: Decimal | None) -> str | None:
    """dec(value) not kept: for a value seldom repeated (a budget, a target's base value: each
    made once per target), which would only push the weights out of dec's table."""
    return None if value is None else decimal_text(value)


def dec(value: Decimal | None) -> str | None:
    """An exact decimal string (no exponent, no float artifacts).  Kept by value: equal decimals
    have one text (decimal_text drops trailing zeros and the sign of 0), and a province repeats a
    few weights and factors a million times."""
    if value is None:
        return None
    try:
        return _DEC_TEXTS[value]
    except KeyError:
        pass
    except TypeError:  # a signalling NaN has no hash
        return decimal_text(value)
    if len(_DEC_TEXTS) >= 4096:
        _DEC_TEXTS.clear()
    text = _DEC_TEXTS[value] = decimal_text(value)
    return text


_TARGET_PARTS: dict[str, tuple[Target, dict]] = {}


def _target_part(t: Target) -> dict:
    """The keys of an indicator's data that come from its target alone.  Made once per target:
    parse_target hands the same Target object to every indicator with the same text (a
    province repeats `≥95%` thousands of times); the identity check keeps a different object
    with that text from being served another's data."""
    hit = _TARGET_PARTS.get(t.text)
    if hit is not None and hit[0] is t:
        return hit[1]
    quantitative = t.kind == "quantitative"
    part = {
        "text": t.text,
        "kind": t.kind,
        "comparator": t.comparator,
        "value": t.value,
        "unit": t.unit or None if quantitative else None,
        "base_value": _text(t.base_value),
        "base_unit": (t.base_unit or None) if quantitative else None,
        "dimension": t.dimension or None,
        "direction": t.direction,
    }
    if len(_TARGET_PARTS) >= 65536:
        _TARGET_PARTS.clear()
    _TARGET_PARTS[t.text] = (t, part)
    return part


def indicator_data(ind: IndicatorModel, ident: str, pool: str, weight: Decimal | None, delta: int = 0) -> dict:
    span = ind.node.span
    return {
        "id": ident,
        "level1": ind.level1,
        "level2": ind.level2,
        "level1_canonical": ind.level1_canonical,
        "level2_canonical": ind.level2_canonical,
        "name": ind.name,
        **_target_part(ind.target),
        "basis": ind.basis,
        "weight": dec(ind.weight),
        "explanation": ind.explanation,
        "last_year": ind.last_year,
        "line": span.line + delta,
        "column": span.column,
        "pool": pool,
        "scoring_comparator": None if ind.target.kind != "quantitative" else scoring_comparator(ind),
        "effective_weight": dec(weight),
    }


@lru_cache(maxsize=16)
def _indicator_format(nl: str) -> str:
    """The %-format of an indicator's text at the indentation nl (its braces' line): the keys
    as json writes them, a %s for each value or run of items (%d for the line and column:
    ints): the id, the group's four names (_runs), the name, the target's items, the four
    attributes' items (_runs), the line, the column, and the pool's, scoring comparator's and
    effective weight's items (_runs)."""
    inner = nl + "  "
    lines = ['"id": %s', "%s", '"name": %s', "%s", "%s", '"line": %d', '"column": %d', "%s"]
    return "{" + inner + ("," + inner).join(lines) + nl + "}"


# the text of a run of an indicator's items (the group's names, the attributes, the pool and
# scoring), made once per distinct run and indentation: a province repeats a few thousand
_RUNS: dict[tuple, str] = {}


def _runs(inner: str, keys: tuple[str, ...], values: tuple) -> str:
    key = (inner, keys, *values)
    text = _RUNS.get(key)
    if text is None:
        sep = "," + inner
        text = sep.join(f'"{k}": {scalar_text(v)}' for k, v in zip(keys, values))
        if len(_RUNS) >= 65536:
            _RUNS.clear()
        _RUNS[key] = text
    return text


_GROUP_KEYS = ("level1", "level2", "level1_canonical", "level2_canonical")
_ATTR_KEYS = ("basis", "weight", "explanation", "last_year")
_SCORING_KEYS = ("pool", "scoring_comparator", "effective_weight")


_TARGET_TEXTS: dict[str, tuple[Target, str, str]] = {}


def _target_text(t: Target, inner: str) -> str:
    """The text of _target_part(t)'s items at the indentation inner, made once per target (and
    indentation), as _target_part's data is."""
    hit = _TARGET_TEXTS.get(t.text)
    if hit is not None and hit[0] is t and hit[1] == inner:
        return hit[2]
    text = fields_text(_target_part(t), inner)
    if len(_TARGET_TEXTS) >= 65536:
        _TARGET_TEXTS.clear()
    _TARGET_TEXTS[t.text] = (t, inner, text)
    return text


def _indicators_text(inds, ids, weights, delta: int, nl: str, pools=None) -> str:
    """The JSON array of a goal's indicators at the indentation nl, as jsontext writes their
    indicator_data (delta, their pools those of their 一级 unless given) — made straight from
    the model: a province's JSON is mostly its indicators, and a dict each and the encoder's
    pass over them were a third of `build --to json` (tests/test_json.py holds the texts equal)."""
    if not inds:
        return "[]"
    inner = nl + "  "
    deeper = inner + "  "
    form = _indicator_format(inner)
    e = encode_basestring  # for a str (never None)
    texts = []
    for ind, ident, weight, pool in zip(inds, ids, weights, pools or [i.pool for i in inds]):
        t = ind.target
        span = ind.node.span
        texts.append(
            form
            % (
                e(ident),
                _runs(deeper, _GROUP_KEYS, (ind.level1, ind.level2, ind.level1_canonical, ind.level2_canonical)),
                e(ind.name),
                _target_text(t, deeper),
                _runs(deeper, _ATTR_KEYS, (ind.basis, dec(ind.weight), ind.explanation, ind.last_year)),
                span.line + delta,
                span.column,
                _runs(
                    deeper,
                    _SCORING_KEYS,
                    (pool, None if t.kind != "quantitative" else scoring_comparator(ind), dec(weight)),
                ),
            )
        )
    return "[" + inner + ("," + inner).join(texts) + nl + "]"


def scoring_comparator(ind: IndicatorModel) -> str:
    """The comparator a number target is scored by: its own, or for none the implied one
    (≤ for a cost in money, ≥ else: scoring.implied_comparator)."""
    t = ind.target
    if t.comparator is not None:
        return t.comparator
    return implied_comparator(ind.is_cost, t.dimension or "")


def project_data(p: ProjectModel, money_unit: str, profile: dict, delta: int = 0, written: bool = False) -> dict:
    """A project's perflang/2 data, its lines moved by delta; written: each goal's indicators
    as jsontext.Written (their text made straight from the model when it is written: project_piece)."""
    b = p.budget
    # what sharing the points reads of the scored indicators (the spec's pool, weight, goal)
    pools = {id(g): [i.pool for i in g.indicators] for g in p.goals}  # (properties: made once each)
    inds = []
    for g in p.evaluated_goals:
        label = g.label
        inds += [{"pool": pool, "weight": dec(i.weight), "goal": label} for i, pool in zip(g.indicators, pools[id(g)])]
    weights = iter(project_weights(inds, profile))
    groups = groups_of([i["pool"] for i in inds], profile)
    money_unit_text, money_factor = money_of(p, money_unit)
    maximum = sum((points for _, points, _ in groups), Decimal(0))
    scored = {id(g) for g in p.evaluated_goals}  # by identity (a frozen model hashes deep)
    goals = []
    for g in p.goals:
        ids = indicator_ids(p, g)
        counted = id(g) in scored
        own = [next(weights) for _ in g.indicators] if counted else [None] * len(g.indicators)
        goals.append(
            {
                "id": goal_id(p, g),
                "kind": g.kind,
                "number": g.number,
                "text": g.text,
                "shared_from": None
                if g.shared_from is None
                else {"kind": g.shared_from.kind, "number": g.node.same_as[1] if g.node.same_as else None},
                "scored": counted,
                "indicators": Written(partial(_indicators_text, g.indicators, ids, own, delta, pools=pools[id(g)]))
                if written
                else [
                    indicator_data(i, ident, pool, w, delta)
                    for i, ident, w, pool in zip(g.indicators, ids, own, pools[id(g)])
                ],
            }
        )
    return {
        "id": project_id(p),
        "name": p.name,
        "budget": None
        if b is None
        else {"text": b.text, "value": _text(b.value), "unit": b.unit, "base_value": _text(b.base_value)},
        "fields": [{"name": k, "value": v} for k, v in p.fields],
        "funding": [{"name": k, "value": v} for k, v in p.funding],
        "goals": goals,
        "line": p.node.span.line + delta,
        "scoring": {
            "money_unit": money_unit_text,
            "money_factor": money_factor,
            "pools": [
                {"pool": pool or None, "points": dec(points), "indicators": len(members)}
                for pool, points, members in groups
            ],
            "maximum": dec(maximum),
            "execution_weight": dec(profile["execution"]),
            "maximum_with_execution": dec(maximum + profile["execution"] if profile["execution_in_total"] else maximum),
        },
    }


def own_profile(model: Model) -> dict:
    """The profile the file names in 评分方案 (national without one, or when it cannot be read:
    the checker reports that as PF108)."""
    try:
        return file_profile(model)
    except UnusableProfile:
        return builtin_profile("national")


def source_path(source: str) -> str:
    """The file's path from its project's root (the nearest folder above it holding
    perflang.toml, pyproject.toml or .git; else its own folder), with forward slashes: the same
    whatever folder perflang is run from.  A name that is no file (a text compiled in memory)
    is kept as given."""
    from pathlib import Path

    if not source:
        return source
    path = Path(source)
    try:
        if not path.is_file():
            return source
        path = path.resolve()
    except OSError:
        return source
    for folder in path.parents:
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return path.relative_to(folder).as_posix()
    return path.name


def unit_uses(p: ProjectModel) -> list[tuple]:
    """What the unit table needs of a project: (kind, dimension, unit, factor) of each target of
    its scored goals, each once, in order."""
    targets = {id(i.target): i.target for g in p.evaluated_goals for i in g.indicators}  # each once, in order
    return list(
        dict.fromkeys(
            ("quantitative", t.dimension or "", t.unit, dec(t.unit_info.factor))
            if t.unit_info is not None
            else (t.kind, "", t.unit, "1")
            for t in targets.values()
        )
    )


def units_table(uses) -> dict:
    """The unit table (spec.units_for) of the projects' unit_uses, in file order."""
    inds = [{"kind": k, "dimension": d, "unit": u, "factor": f} for k, d, u, f in dict.fromkeys(uses)]
    return units_for({"projects": [{"indicators": inds}]})


def to_data(model: Model, profile: dict | None = None) -> dict:
    """The perflang/2 data of a model, under the profile given (else the file's own)."""
    profile = profile or own_profile(model)
    projects = [project_data(p, model.money_unit, profile) for p in model.projects]
    return _data(model, projects, profile, units_table(u for p in model.projects for u in unit_uses(p)))


def _data(model: Model, projects, profile: dict, units) -> dict:
    return {
        "format": FORMAT,
        "source": source_path(model.source),
        "unit": model.unit,
        "money_unit": model.money_unit,
        "year": model.year,
        "form": model.form,
        "default_basis": model.default_basis,
        "profile": profile_to_data(profile),
        "projects": projects,
        "units": units,  # a dict, or a function iterdumps calls once the projects are written
    }


def render(model: Model, **_options) -> str:
    return dumps(to_data(model)) + "\n"  # = json.dumps(..., ensure_ascii=False, indent=2), faster


def render_chunks(model: Model, pieces: Iterable[tuple] | None = None) -> Iterator[str | bytes]:
    """render(model) in pieces, one per project, each project's data made only when it is
    written: `perflang build --to json -o OUT` never holds the whole text or data.  pieces: the
    projects' texts and unit uses made beforehand (project_piece of each project of the file, in
    order, from a file read project by project: perflang/workspace/stream.py), in place of
    model's; the unit table, written after the projects, is made from the uses they carried."""
    profile = own_profile(model)
    uses: list[tuple] = []

    def projects():
        if pieces is None:
            for p in model.projects:
                uses.extend(unit_uses(p))
                yield project_data(p, model.money_unit, profile)
        else:
            for text, used in pieces:
                uses.extend(used)
                yield text

    yield from iterdumps(_data(model, projects(), profile, lambda: units_table(uses)))
    yield "\n"


# -- a file read project by project: each project's text made where it was compiled -------------


def project_piece(model: Model, delta: int, profile: dict) -> tuple[bytes, list[tuple]]:
    """The UTF-8 text render_chunks writes for the model's project (a file's project compiled
    after the file's settings, its lines delta from the file's), under the file's profile, and
    what the unit table needs of it (unit_uses)."""
    (p,) = model.projects
    data = project_data(p, model.money_unit, profile, delta, written=True)
    return item_text(data, 2).encode("utf-8"), unit_uses(p)


def stream_renderer(first: Model, **_options):
    """What perflang/workspace/stream.py calls on each project's model (the file's first model
    given): project_piece under the file's profile (read once, here; a partial goes to a worker
    process as it is)."""
    return partial(project_piece, profile=own_profile(first))


def stream_chunks(first: Model, pieces: Iterable[tuple], **_options) -> Iterator[str | bytes]:
    """The file's output from its projects' pieces (the settings' keys from its first model)."""
    return render_chunks(first, pieces)
