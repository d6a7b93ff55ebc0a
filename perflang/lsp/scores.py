"""What the scoring profile says about a project, for hover and inlay hints: each indicator's
effective weight (its share of its pool, as the 自评表 prints it: perflang.scoring.plan), and
each goal's money costs against the budget.

The profile is the one the file names in 评分方案; else the editor's setting `perflang.profile`
(a profile's name or a TOML file); else national.  A profile that cannot be read is reported in
the server's log and national is used."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from ..scoring.plan import project_weights
from ..scoring.spec import UnusableProfile, load_profile, profile_setting, spec_of

__all__ = ["Profiles", "weights", "goal_costs", "GoalCost"]


class Profiles:
    """Loaded profiles by (name or path, the file it is read for); forget() after a profile file
    changed."""

    def __init__(self):
        self._loaded: dict[tuple, dict] = {}
        self.problems: list[str] = []

    def forget(self) -> None:
        self._loaded.clear()

    def for_model(self, model, setting: str | None) -> dict:
        """The profile for a compiled unit's model: its 评分方案, else setting, else national."""
        named = profile_setting(model) if model is not None else None
        arg = named[0] if named else (setting or None)
        relative = (model.source or None) if (model is not None and named) else None
        key = (arg, relative)
        got = self._loaded.get(key)
        if got is None:
            try:
                got = load_profile(arg, relative)
            except UnusableProfile as exc:
                self.problems.append(f"profile {arg!r}: {exc}")
                got = load_profile(None)
            self._loaded[key] = got
        return got


def weights(model, profile: dict) -> dict[int, Decimal]:
    """id(indicator node) -> the weight the indicator is scored with (the evaluated goals' only:
    the annual goals, else the long-term ones; a goal shared with 同 gives its source's nodes)."""
    out: dict[int, Decimal] = {}
    if model is None:
        return out
    from ..units import parse_unit

    if parse_unit(model.money_unit) is None:  # an invalid 金额单位 (PF108): no scoring data
        return out
    spec = spec_of(model)
    for pm, sp in zip(model.projects, spec["projects"]):
        inds = [i for g in pm.evaluated_goals for i in g.indicators]
        for ind, w in zip(inds, project_weights(sp["indicators"], profile)):
            out.setdefault(id(ind.node), w)
    return out


class GoalCost(NamedTuple):
    total: Decimal  # yuan
    count: int
    share: Decimal | None  # percent of the budget


def goal_costs(goal, budget_base: Decimal | None) -> GoalCost:
    """The money cost indicators of a goal (成本 with a money unit, ≤ < = or none): their sum in
    yuan, how many, their share of the budget."""
    costs = [
        i
        for i in goal.indicators
        if i.is_cost
        and i.target.dimension == "money"
        and i.target.comparator in ("<=", "<", "=", None)
        and i.target.base_value is not None
    ]
    total = sum((i.target.base_value for i in costs), Decimal(0))
    share = total * 100 / budget_base if budget_base else None
    return GoalCost(total, len(costs), share)
