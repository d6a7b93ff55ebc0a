"""What every check rule reads: the Context (the parsed document and its resolved model), and the
ways rules walk it and name what they point at."""

from __future__ import annotations

from attrs import frozen

from ..model import Model
from ..syntax.nodes import Document

__all__ = ["Context", "iter_indicators", "ind_path", "goal_path"]


@frozen
class Context:
    doc: Document
    model: Model


def ind_path(project, goal, ind) -> tuple[str, str, str]:
    """The (project, goal, name) path of an indicator, as JSON diagnostics carry it."""
    return (project.name, goal.label, ind.name)


def goal_path(project, goal) -> tuple[str, str]:
    return (project.name, goal.label)


def iter_indicators(model: Model):
    """(project, goal, indicator) for every written indicator (shared copies skipped)."""
    for p in model.projects:
        for g in p.goals:
            if g.shared_from is None:
                for ind in g.indicators:
                    yield p, g, ind
