"""From the checked model to the plain data the evaluator reads (the "spec": the targets of the
evaluated goals, decimal strings only), the unit table for the actuals, the built-in profiles,
and the PF307 weight check shared by the checker and `perflang eval`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..diagnostics import Diagnostic
from ..framework import pool_of
from ..model import Model, ProjectModel
from ..units import KNOWN_UNITS, MAGNITUDES, parse_unit
from .core import excess_pools
from .scoring import ProfileError, implied_comparator, plain, profile_from_toml

__all__ = [
    "spec_of",
    "units_for",
    "builtin_profile",
    "load_profile",
    "weight_excesses",
    "indicator_keys",
    "units_of",
    "BUILTIN_PROFILES",
    "profile_setting",
    "file_profile",
]

# the built-in profiles (perflang/profiles/NAME.toml) and the Chinese names they answer to
BUILTIN_PROFILES = {
    "national": ("全国", "国家", "财政部"),
    "hubei": ("湖北", "湖北省"),
    "sichuan": ("四川", "四川省"),
    "ningxia": ("宁夏", "宁夏回族自治区"),
    "beijing": ("北京", "北京市"),
}
SCORING_KEY = "scoring"  # the .perf setting 评分方案

MONEY = "money"


def indicator_keys(ind, goal_label: str) -> list[str]:
    """The keys the actuals may use for an indicator: its name, then its path 一级/二级/三级 as
    shown and in short form, then the path behind the goal label (年度目标1/一级/二级/三级)."""
    full = f"{ind.level1}/{ind.level2}/{ind.name}"
    short = f"{ind.level1.removesuffix('指标')}/{ind.level2.removesuffix('指标')}/{ind.name}"
    keys = [ind.name, full, short, f"{goal_label}/{full}"]
    return list(dict.fromkeys(keys))


def _indicator(ind, goal_label: str) -> dict:
    t = ind.target
    unit = t.unit_info
    dimension = unit.dimension if unit else ""
    comparator = t.comparator
    if comparator is None and t.kind == "quantitative":
        comparator = implied_comparator(ind.is_cost, dimension)  # the rule PF403 states
    return {
        "level1": ind.level1,
        "level2": ind.level2,
        "name": ind.name,
        "goal": goal_label,
        "keys": indicator_keys(ind, goal_label),
        "pool": pool_of(ind.level1_canonical or ""),
        "target": t.text,
        "kind": t.kind,
        "comparator": comparator,
        "number": None if t.number is None else plain(t.number),
        "unit": t.unit,
        "dimension": unit.dimension if unit else "",
        "factor": plain(unit.factor) if unit else "1",
        "weight": None if ind.weight is None else plain(ind.weight),
    }


def _project(p: ProjectModel, money_unit: str) -> dict:
    unit_text = p.budget.unit if p.budget else money_unit
    unit = parse_unit(unit_text) or parse_unit(money_unit)
    inds = [_indicator(i, g.label) for g in p.evaluated_goals for i in g.indicators]
    return {
        "name": p.name,
        "budget": None if p.budget is None or p.budget.value is None else plain(p.budget.value),
        "money_unit": unit_text,
        "money_factor": plain(unit.factor),
        "indicators": inds,
    }


def spec_of(model: Model) -> dict:
    """The targets of every project's evaluated goals as plain data (see perflang.evaluation.core)."""
    return {"source": model.source, "projects": [_project(p, model.money_unit) for p in model.projects]}


def _candidates(dimension: str) -> set[str]:
    """Unit texts that may be of a dimension: known names, the measure word itself, and every
    one behind 万/亿; compound dimensions (count:次/月) take the denominator as written."""
    if "/" in dimension:
        num, _, den = dimension.partition("/")
        return {f"{c}/{den}" for c in _candidates(num)}
    names = {n for n in KNOWN_UNITS if parse_unit(n).dimension == dimension}  # all in the table
    if dimension.startswith("count:"):
        names.add(dimension.removeprefix("count:"))
    names |= {m + n for m in MAGNITUDES for n in names} | (set(MAGNITUDES) if not dimension else set())
    return names


@lru_cache(maxsize=512)
def units_of(dimension: str) -> tuple[tuple[str, str], ...]:
    """(unit text, factor) of every unit of a dimension an actual may be written in."""
    out = []
    for text in sorted(_candidates(dimension)):
        unit = parse_unit(text)
        if unit is not None and unit.dimension == dimension:
            out.append((text, plain(unit.factor)))
    return tuple(out)


def units_for(spec: dict) -> dict:
    """dimension -> {unit text: factor to the dimension's base} for every dimension the spec's
    targets use, plus money: an actual is converted only through this table (exactly)."""
    dims = {MONEY} | {i["dimension"] for p in spec["projects"] for i in p["indicators"] if i["kind"] == "quantitative"}
    table = {d: dict(units_of(d)) for d in sorted(dims)}
    for p in spec["projects"]:
        for i in p["indicators"]:
            if i["kind"] == "quantitative" and i["unit"]:
                table[i["dimension"]].setdefault(i["unit"], i["factor"])
    return table


def builtin_name(arg: str) -> str | None:
    """The built-in profile a name means (national, hubei … or 全国, 湖北 …), else None."""
    text = arg.strip()
    for name, aliases in BUILTIN_PROFILES.items():
        if text.lower() == name or text in aliases:
            return name
    return None


def builtin_profile(name: str = "national") -> dict:
    """A profile shipped in perflang/profiles/ (national is the base of every other)."""
    # a plain path: importing importlib.resources costs ~7 ms of every check (PF307 reads it)
    text = (Path(__file__).parents[1] / "profiles" / f"{name}.toml").read_text("utf-8")
    return profile_from_toml(text, None if name == "national" else _national(), name)


def load_profile(arg: str | None, relative_to: str | Path | None = None) -> dict:
    """The profile for --profile or 评分方案: None is national; a built-in name (national,
    hubei, sichuan, ningxia, or 全国, 湖北 …); else a TOML file on top of national (a relative
    path is taken from the .perf file's folder when `relative_to` names the file)."""
    national = _national()
    if arg is None:
        return national
    name = builtin_name(arg)
    if name is not None:
        return _builtin(name)
    path = Path(arg)
    if relative_to is not None and not path.is_absolute():
        path = Path(relative_to).parent / path
    if path.suffix.lower() != ".toml" and not path.exists():
        raise ProfileError(
            f"没有名为“{arg}”的评分方案，可用：{'、'.join(BUILTIN_PROFILES)}，"
            f"或一个 .toml 文件 / no profile named '{arg}': use one of "
            f"{', '.join(BUILTIN_PROFILES)} or a .toml file"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"无法读取评分方案文件 / cannot read the profile file: {exc}") from None
    return profile_from_toml(text, national, path.stem)


def profile_setting(model: Model):
    """The 评分方案 setting of a document: (value, span of the value), or None."""
    for s in model.document.settings:
        if s.key == SCORING_KEY:
            return s.value, s.value_span
    return None


def file_profile(model: Model) -> dict:
    """The profile a document names in 评分方案 (national without one); ProfileError when it
    cannot be used."""
    setting = profile_setting(model)
    return load_profile(setting[0] if setting else None, model.source or None)


@lru_cache(maxsize=1)
def _national() -> dict:
    return builtin_profile("national")


@lru_cache(maxsize=8)
def _builtin(name: str) -> dict:
    return _national() if name == "national" else builtin_profile(name)


def weight_excesses(model: Model, profile: dict | None = None):
    """PF307 for every pool of a project whose written weights exceed the pool's weight, for
    the profile given, else the one the document names in 评分方案 (else national)."""
    if profile is None:
        try:
            profile = file_profile(model)
        except ProfileError:
            return  # PF108 on the setting says why (scoring_setting_problems)
    for p in model.projects:
        inds = [i for g in p.evaluated_goals for i in g.indicators]
        if all(i.weight is None for i in inds):
            continue  # no weight written, none to exceed: spare building the project's data
        spec = _project(p, model.money_unit)
        for pool, total, limit, index in excess_pools(spec["indicators"], profile):
            last = inds[index]
            attr = last.node.attr("weight")
            yield Diagnostic(
                code="PF307",
                span=attr.value_span if attr else last.node.span,
                path=(p.name, "", last.name),
                args={"pool": pool + "指标" if pool else "全部绩效指标", "total": plain(total), "limit": plain(limit)},
            )


def scoring_setting_problems(model: Model):
    """PF108 when the 评分方案 setting names no built-in profile and no readable TOML file."""
    setting = profile_setting(model)
    if setting is None:
        return
    try:
        file_profile(model)
    except ProfileError as exc:
        yield Diagnostic(
            code="PF108",
            span=setting[1],
            args={
                "value": setting[0],
                "what": "评分方案",
                "what_en": "scoring profile",
                "choices": "、".join(BUILTIN_PROFILES)
                + "（或 全国、湖北、四川、宁夏），或一个 .toml 文件；"
                + str(exc).split(" / ")[0],
                "choices_en": ", ".join(BUILTIN_PROFILES) + ", or a .toml file",
            },
        )
