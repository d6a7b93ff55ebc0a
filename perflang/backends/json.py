"""The JSON backend: the checked model as the perflang/1 contract (docs/json.md)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..decimals import decimal_text
from ..model import IndicatorModel, Model, ProjectModel
from ..values import Target
from .jsontext import dumps, iterdumps

__all__ = ["render", "render_chunks", "to_data", "FORMAT"]

FORMAT = "perflang/1"


def dec(value: Decimal | None) -> str | None:
    """An exact decimal string (no exponent, no float artifacts)."""
    return None if value is None else decimal_text(value)


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
        "base_value": dec(t.base_value),
        "base_unit": (t.base_unit or None) if quantitative else None,
        "dimension": t.dimension or None,
        "direction": t.direction,
    }
    if len(_TARGET_PARTS) >= 65536:
        _TARGET_PARTS.clear()
    _TARGET_PARTS[t.text] = (t, part)
    return part


def indicator_data(ind: IndicatorModel) -> dict:
    span = ind.node.span
    return {
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
        "line": span.line,
        "column": span.column,
    }


def project_data(p: ProjectModel) -> dict:
    b = p.budget
    return {
        "name": p.name,
        "budget": None
        if b is None
        else {"text": b.text, "value": dec(b.value), "unit": b.unit, "base_value": dec(b.base_value)},
        "fields": [{"name": k, "value": v} for k, v in p.fields],
        "funding": [{"name": k, "value": v} for k, v in p.funding],
        "goals": [
            {
                "kind": g.kind,
                "number": g.number,
                "text": g.text,
                "shared_from": None
                if g.shared_from is None
                else {"kind": g.shared_from.kind, "number": g.node.same_as[1] if g.node.same_as else None},
                "indicators": [indicator_data(i) for i in g.indicators],
            }
            for g in p.goals
        ],
        "line": p.node.span.line,
    }


def to_data(model: Model) -> dict:
    return _data(model, [project_data(p) for p in model.projects])


def _data(model: Model, projects) -> dict:
    return {
        "format": FORMAT,
        "source": model.source,
        "unit": model.unit,
        "money_unit": model.money_unit,
        "year": model.year,
        "form": model.form,
        "default_basis": model.default_basis,
        "projects": projects,
    }


def render(model: Model, **_options) -> str:
    return dumps(to_data(model)) + "\n"  # = json.dumps(..., ensure_ascii=False, indent=2), faster


def render_chunks(model: Model) -> Iterator[str]:
    """render(model) in pieces, one per project, each project's data made only when it is
    written: `perflang build --to json -o OUT` never holds the whole text or data."""
    yield from iterdumps(_data(model, (project_data(p) for p in model.projects)))
    yield "\n"
