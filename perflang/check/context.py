"""What every check rule reads: the Context (the parsed document and its resolved model), the
ways rules walk it and name what they point at, and RULES, which `@rule(codes)` fills."""

from __future__ import annotations

from typing import Callable, Iterable

from attrs import field, frozen

from ..diagnostics import Diagnostic
from ..messages import CATALOG
from ..model import Model
from ..syntax.nodes import Document

__all__ = ["Context", "iter_indicators", "ind_path", "goal_path", "rule", "RULES"]


@frozen
class Context:
    doc: Document
    model: Model
    _profile: list = field(factory=list, eq=False, repr=False)  # the file's profile, once loaded
    _attributed: list = field(factory=list, eq=False, repr=False)  # attributed(), once found

    def placed(self, level1: str, level2: str) -> bool:
        """Whether the profile the file names in 评分方案 places the 二级 level2 under the 一级
        level1 (its [framework]: 湖北's 满意度 under 效益), names as written.  The profile is read
        only when a rule asks (most files never place a 二级 elsewhere)."""
        from ..scoring.spec import UnusableProfile, file_profile, framework_allows

        if not self._profile:
            try:
                self._profile.append(file_profile(self.model))
            except UnusableProfile:  # PF108 on the 评分方案 line says why
                self._profile.append({})
        return framework_allows(self._profile[0], level1, level2)

    def attributed(self) -> list:
        """(project, goal, indicator) of iter_indicators, those with attributes (依据, 分值 …):
        few, found once for the rules that read them (rather than each rule asking every
        indicator for its attributes)."""
        if not self._attributed:
            self._attributed.append(
                [
                    (p, g, ind)
                    for p in self.model.projects
                    for g in p.goals
                    if g.shared_from is None
                    for ind in g.indicators
                    if ind.node.attrs
                ]
            )
        return self._attributed[0]


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


Rule = Callable[["Context"], Iterable[Diagnostic]]
RULES: list[Rule] = []  # every rule, in the order their modules register them (check/rules.py)


def rule(*codes: str):
    """Register a check rule, declaring the codes it emits (each an entry of perflang/messages.py;
    tests/test_checker_codes.py holds every rule to its codes and every code to a case)."""
    unknown = [c for c in codes if c not in CATALOG]
    if not codes or unknown:
        raise ValueError(f"a rule declares the catalog codes it emits: {unknown or 'none given'}")

    def register(fn: Rule) -> Rule:
        fn.codes = codes
        RULES.append(fn)
        return fn

    return register
