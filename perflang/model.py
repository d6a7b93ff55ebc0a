"""The checked model: every target resolved to kind, comparator, exact value, unit and base,
with the framework names resolved; shared goals written out in full.

The model is what every backend reads (JSON, tables, evaluators).  `resolve` never raises and
never reports: problems are the checker's business, which reads both the nodes and this model.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from attrs import frozen

from . import framework
from .records import setters
from .syntax.nodes import Document, Goal, Group, Indicator, Project
from .units import MAGNITUDES, Unit, parse_unit
from .values import Target, parse_number, parse_target

__all__ = ["Model", "ProjectModel", "GoalModel", "IndicatorModel", "Budget", "resolve", "GOAL_LABELS"]

GOAL_LABELS = {"long-term": "长期目标", "annual": "年度目标"}
DEFAULT_MONEY_UNIT = "万元"


@frozen(kw_only=True)
class Budget:
    text: str
    value: Decimal | None  # in `unit`
    unit: str  # the money unit of the amount, e.g. 万元
    base_value: Decimal | None  # in 元


@frozen(kw_only=True)
class IndicatorModel:
    level1: str  # as shown in the table, short forms expanded (产出 -> 产出指标)
    level2: str
    level1_canonical: str | None  # aliases resolved; None when unknown
    level2_canonical: str | None
    name: str
    target: Target
    basis: str | None
    weight: Decimal | None
    explanation: str | None
    last_year: str | None
    node: Indicator
    group: Group

    @property
    def is_cost(self) -> bool:
        """成本指标 as its own 一级, as a 二级 of 产出, or one of its 二级 (经济成本 …) placed under
        产出 as a region's forms do (a profile's [framework])."""
        return (
            self.level1_canonical == "成本指标"
            or self.level2_canonical == "成本指标"
            or self.level2_canonical in framework.LEVEL1["成本指标"]
        )

    @property
    def pool(self) -> str:
        return framework.pool_of(self.level1_canonical or "")


@frozen(kw_only=True)
class GoalModel:
    kind: str
    number: int
    text: str
    indicators: tuple[IndicatorModel, ...]
    node: Goal
    shared_from: Goal | None = None

    @property
    def label(self) -> str:
        return f"{GOAL_LABELS[self.kind]}{self.number}"


@frozen(kw_only=True)
class ProjectModel:
    name: str
    budget: Budget | None
    fields: tuple[tuple[str, str], ...]  # (canonical key or free name, value), in file order
    funding: tuple[tuple[str, str], ...]
    goals: tuple[GoalModel, ...]
    node: Project

    def field(self, key: str) -> str | None:
        for k, v in self.fields:
            if k == key:
                return v
        return None

    @property
    def evaluated_goals(self) -> tuple[GoalModel, ...]:
        """The annual goals, or the long-term ones when a project has no annual goal."""
        annual = tuple(g for g in self.goals if g.kind == "annual")
        return annual or tuple(g for g in self.goals if g.kind == "long-term")


@frozen(kw_only=True)
class Model:
    source: str
    unit: str | None
    money_unit: str
    year: str | None
    form: str | None
    default_basis: str | None
    projects: tuple[ProjectModel, ...]
    document: Document


def _settings(items) -> dict[str, str]:
    out: dict[str, str] = {}
    for s in items:
        out.setdefault(s.key, s.value)
    return out


def parse_budget(text: str, money_unit: str) -> Budget:
    """预算 571 (in the document's money unit), 预算 571万元, or 预算 250万 as forms write it (a
    budget is money, so a bare 万/亿 is 万元/亿元)."""
    t = text.strip()
    number = parse_number(t)
    unit_text = money_unit
    if number is None:
        target = parse_target(t)
        if target.kind == "quantitative" and target.comparator is None:
            if target.dimension == "money":
                number, unit_text = target.number, target.unit
            elif target.unit in MAGNITUDES:
                number, unit_text = target.number, target.unit + "元"
    unit: Unit | None = parse_unit(unit_text)
    base = unit.to_base(number) if (number is not None and unit is not None) else None
    return Budget(text=t, value=number, unit=unit_text, base_value=base)


def _weight(ind: Indicator) -> Decimal | None:
    a = ind.attr("weight")
    return parse_number(a.value) if a else None


@lru_cache(maxsize=1024)
def _levels(level1: str, level2: str) -> tuple[str, str, str | None, str | None]:
    """(一级 as shown, 二级 as shown, 一级 canonical, 二级 canonical) of a group's names; cached,
    as every indicator of a group asks the same."""
    l1c = framework.resolve_level1(level1)
    l2c = framework.resolve_level2(level2, l1c) if level2 else None
    return (framework.expand_short(level1), framework.expand_short(level2) if level2 else "", l1c, l2c)


# the slots' setters of IndicatorModel's fields, for _indicators (perflang.records)
_SETTERS = setters(
    IndicatorModel,
    (
        "level1",
        "level2",
        "level1_canonical",
        "level2_canonical",
        "name",
        "target",
        "basis",
        "weight",
        "explanation",
        "last_year",
        "node",
        "group",
    ),
)


def _indicators(goal: Goal, basis_default: str | None) -> tuple[IndicatorModel, ...]:
    """The models of a goal's indicators, group by group (a group's names resolved once); each
    made by setting its fields through their slots' setters (records.setters: the object that
    IndicatorModel(level1=…, …, group=…) makes, without the cost of the attrs __init__, which
    sets each field by name; half of resolve's time per indicator, and a file has a million)."""
    out: list[IndicatorModel] = []
    new = object.__new__
    s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12 = _SETTERS
    for group in goal.groups:
        l1, l2, l1c, l2c = _levels(group.level1, group.level2 or "")
        for ind in group.indicators:
            m = new(IndicatorModel)
            s1(m, l1)
            s2(m, l2)
            s3(m, l1c)
            s4(m, l2c)
            s5(m, ind.name)
            s6(m, parse_target(ind.value))
            if ind.attrs:
                b, e, last = ind.attr("basis"), ind.attr("explanation"), ind.attr("last_year")
                s7(m, b.value if b else basis_default)
                s8(m, _weight(ind))
                s9(m, e.value if e else None)
                s10(m, last.value if last else None)
            else:  # most indicators have no attributes: no look-ups for them
                s7(m, basis_default)
                s8(m, None)
                s9(m, None)
                s10(m, None)
            s11(m, ind)
            s12(m, group)
            out.append(m)
    return tuple(out)


def _goals(project: Project, basis_default: str | None) -> tuple[GoalModel, ...]:
    written: list[GoalModel] = []
    counters = {"long-term": 0, "annual": 0}
    pending: list[tuple[int, Goal, int]] = []
    for goal in project.goals:
        number = goal.number if goal.number is not None else counters[goal.kind] + 1
        counters[goal.kind] = max(counters[goal.kind], number)
        if goal.same_as is not None:
            pending.append((len(written), goal, number))
            written.append(None)  # type: ignore[arg-type]  # filled below
            continue
        inds = _indicators(goal, basis_default)
        written.append(GoalModel(kind=goal.kind, number=number, text=goal.text or "", indicators=inds, node=goal))
    for index, goal, number in pending:
        kind, target_no = goal.same_as
        source = next(
            (g for g in written if g is not None and g.kind == kind and (target_no is None or g.number == target_no)),
            None,
        )
        written[index] = GoalModel(
            kind=goal.kind,
            number=number,
            text=source.text if source else "",
            indicators=source.indicators if source else (),
            node=goal,
            shared_from=source.node if source else None,
        )
    return tuple(written)


def resolve(doc: Document, source: str = "") -> Model:
    """The model of a syntactically valid document."""
    top = _settings(doc.settings)
    money_unit = top.get("money_unit") or DEFAULT_MONEY_UNIT
    projects = []
    for p in doc.projects:
        local = _settings(p.settings)
        basis_default = local.get("default_basis", top.get("default_basis"))
        budget = parse_budget(local["budget"], money_unit) if "budget" in local else None
        fields = tuple((s.key, s.value) for s in p.settings if s.key not in ("budget", "default_basis"))
        fields += tuple((f.name, f.value) for f in p.fields if f.kind == "field")
        funding = tuple((f.name, f.value) for f in p.fields if f.kind == "funding")
        projects.append(
            ProjectModel(
                name=p.name, budget=budget, fields=fields, funding=funding, goals=_goals(p, basis_default), node=p
            )
        )
    return Model(
        source=source,
        unit=top.get("unit"),
        money_unit=money_unit,
        year=top.get("year"),
        form=top.get("form"),
        default_basis=top.get("default_basis"),
        projects=tuple(projects),
        document=doc,
    )
