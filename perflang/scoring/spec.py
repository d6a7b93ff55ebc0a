"""From the checked model to the plain data the evaluator reads (the "spec": the targets of the
evaluated goals, decimal strings only), the unit table for the actuals, the profiles loaded by
name or file (perflang/scoring/profiles.py finds them), and the PF307 weight check shared by the
checker and `perflang eval`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..contract.ids import goal_id, indicator_ids, project_id
from ..diagnostics import Diagnostic
from ..errors import PerflangError
from ..framework import expand_short, pool_of, resolve_level1, resolve_level2
from ..messages import Listing, phrase
from ..model import Model, ProjectModel
from ..source import SourceFile, Span
from ..tomlfile import error_span, key_span, without_place
from ..units import KNOWN_UNITS, MAGNITUDES, parse_unit
from . import profiles
from .core import excess_pools
from .rules import ProfileError, implied_comparator, plain, profile_from_toml
from .targets import indicator_keys as indicator_keys_of

__all__ = [
    "spec_of",
    "project_spec",
    "money_of",
    "units_for",
    "builtin_profile",
    "load_profile",
    "weight_excesses",
    "indicator_keys",
    "units_of",
    "profile_setting",
    "file_profile",
    "UnusableProfile",
    "framework_allows",
]

SCORING_KEY = "scoring"  # the .perf setting 评分方案

MONEY = "money"


def indicator_keys(ind, goal_label: str, ident: str = "") -> list[str]:
    """The keys the actuals may use for an indicator (perflang.scoring.targets.indicator_keys:
    its name, its paths 一级/二级/三级 with the levels in every form the .perf accepts (as shown,
    short or full, canonical), its id, and the paths behind the goal label 年度目标1/…)."""
    return indicator_keys_of(
        ind.level1, ind.level2, ind.level1_canonical, ind.level2_canonical, ind.name, goal_label, ident
    )


def _indicator(ind, goal, ident: str, goal_ident: str) -> dict:
    goal_label = goal.label
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
        "keys": indicator_keys(ind, goal_label, ident),
        "pool": pool_of(ind.level1_canonical or ""),
        "target": t.text,
        "kind": t.kind,
        "comparator": comparator,
        "number": None if t.number is None else plain(t.number),
        "unit": t.unit,
        "dimension": unit.dimension if unit else "",
        "factor": plain(unit.factor) if unit else "1",
        "weight": None if ind.weight is None else plain(ind.weight),
        "id": ident,
        "goal_id": goal_ident,
        "goal_kind": goal.kind,
        "goal_number": goal.number,
    }


def project_spec(p: ProjectModel, money_unit: str) -> dict:
    """One project's targets as the evaluator reads them (its scored goals' indicators)."""
    return _project(p, money_unit)


def money_of(p: ProjectModel, money_unit: str) -> tuple[str, str]:
    """(the unit money actuals convert to, its factor to 元): the unit of 预算, else 金额单位."""
    unit_text = p.budget.unit if p.budget else money_unit
    unit = parse_unit(unit_text) or parse_unit(money_unit)
    return unit_text, plain(unit.factor)


def _project(p: ProjectModel, money_unit: str) -> dict:
    unit_text, factor = money_of(p, money_unit)
    inds = []
    for g in p.evaluated_goals:
        gid = goal_id(p, g)
        inds += [_indicator(i, g, ident, gid) for i, ident in zip(g.indicators, indicator_ids(p, g))]
    return {
        "name": p.name,
        "id": project_id(p),
        "budget": None if p.budget is None or p.budget.value is None else plain(p.budget.value),
        "money_unit": unit_text,
        "money_factor": factor,
        "indicators": inds,
    }


def framework_allows(profile: dict, level1: str, level2: str) -> bool:
    """Whether the profile's [framework] places the 二级 level2 under the 一级 level1 (names as
    written, short or full forms: 效益 / 满意度 is 效益指标 / 满意度指标)."""
    l1 = resolve_level1(level1)
    if l1 is None:
        return False
    written = expand_short(level2)
    canonical = resolve_level2(level2, None)
    for key, names in profile.get("framework", {}).items():
        if resolve_level1(key) != l1:
            continue
        for name in names:
            if expand_short(name) == written or (canonical is not None and resolve_level2(name, None) == canonical):
                return True
    return False


def spec_of(model: Model) -> dict:
    """The targets of every project's evaluated goals as plain data (see perflang.scoring.core)."""
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


class UnusableProfile(PerflangError):
    """A profile that cannot be used (PF512): why, as a phrase of the catalog (`reason`), at the
    place in its TOML file when the file is known.  `perflang eval` exits 1 on it."""

    exit_code = 1


def _unusable(exc: ProfileError, path: Path | None = None, text: str | None = None) -> UnusableProfile:
    """The scoring rules' ProfileError (data, stdlib only) as the error a user reads: its
    reason in the catalog's words, at the key's line and column in the file."""
    fields = {k: Listing(v, "or") if isinstance(v, tuple) else v for k, v in exc.fields.items()}
    if exc.reason == "profile.toml":
        fields["detail"] = without_place(fields["detail"])
    reason = phrase(exc.reason, **fields)
    if path is None or text is None:
        return UnusableProfile("PF512", reason=reason)
    span = error_span(exc.fields.get("detail", "")) if exc.reason == "profile.toml" else key_span(text, exc.at)
    return UnusableProfile("PF512", reason=reason).at(path, span or Span.point(1, 1), SourceFile(str(path), text))


def _read(path: Path, base: dict | None, name: str) -> dict:
    """A profile file read on top of base; UnusableProfile at its place when it cannot be used."""
    from ..fileio import InputError, read_regular

    try:  # a regular file of bounded size: never a FIFO, a device or a link to /dev/zero
        text = read_regular(path).decode("utf-8")
    except InputError as exc:
        raise UnusableProfile("PF512", reason=phrase("profile.unreadable", reason=exc.why)).at(path) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UnusableProfile("PF512", reason=phrase("profile.unreadable", reason=reason)).at(path) from None
    try:
        profile = profile_from_toml(text, base, name)
    except ProfileError as exc:
        raise _unusable(exc, path, text) from None
    _known_layout(profile["form"].get("layout", ""), path, text)
    return profile


def _known_layout(layout: str, path: Path, text: str) -> None:
    """[form] layout names a 自评表 form found (perflang/presets/) or a form file; else PF512 at
    the value in the profile's TOML (not PF916 later, away from the file that says it)."""
    from ..forms import SELF_NAMES, SELF_PRESETS, is_form_file

    if not layout or is_form_file(layout) or layout in SELF_NAMES:
        return
    names = Listing(tuple(phrase("shown.form", name=n, key=f.key) for n, f in SELF_PRESETS.items()))
    span = key_span(text, ("form", "layout")) or Span.point(1, 1)
    reason = phrase("form.unknown_layout", name=layout, names=names)
    raise UnusableProfile("PF512", reason=reason).at(path, span, SourceFile(str(path), text))


def builtin_profile(name: str = "national") -> dict:
    """A profile found by perflang/scoring/profiles.py (national, perflang/profiles/national.toml,
    is the base of every other)."""
    # a plain path: importing importlib.resources costs ~7 ms of every check (PF307 reads it)
    if name == profiles.NATIONAL:
        return _read(profiles.BUILTIN_DIR / "national.toml", None, name)
    return _read(profiles.found()[name].path, _national(), name)


def load_profile(arg: str | None, relative_to: str | Path | None = None) -> dict:
    """The profile for --profile or 评分方案: None is national; a name or alias of a profile
    found (national, hubei … or 全国, 湖北 …: perflang/scoring/profiles.py); else a TOML file on
    top of national (a relative path is taken from the .perf file's folder when `relative_to`
    names the file).  UnusableProfile (PF512) when it cannot be used."""
    national = _national()
    if arg is None:
        return national
    if "+" in arg and not Path(arg).exists() and not (relative_to and (Path(relative_to).parent / arg).exists()):
        return composed(arg, relative_to)
    name = profiles.builtin_name(arg)
    if name is not None:
        return _builtin(name, profiles.folders())
    path = _profile_file(arg, relative_to)
    return _read(path, national, path.stem)


def _profile_file(arg: str, relative_to: str | Path | None) -> Path:
    """The TOML file a profile argument that names no profile found stands for (relative to the
    .perf file relative_to names); PF512 listing the profiles found when it is no .toml file."""
    path = Path(arg)
    if relative_to is not None and not path.is_absolute():
        path = Path(relative_to).parent / path
    if path.suffix.lower() != ".toml" and not path.exists():
        names = Listing(tuple(profiles.names()))
        raise UnusableProfile("PF512", reason=phrase("profile.unknown", name=arg, names=names))
    return path


def composed(arg: str, relative_to: str | Path | None = None) -> dict:
    """Profiles named with +: the first (a name or a file), then each next one's own keys on top
    (`湖北+整分`: Hubei's rules with every score in whole points; `四川+指标100分`: the indicators
    carry 100 points and the funds line stays out of 总分).  Named by the names joined with +,
    titled by the titles (湖北省＋得分取整)."""
    parts = [p.strip() for p in arg.split("+")]
    if not all(parts):
        names = Listing(tuple(profiles.names()))
        raise UnusableProfile("PF512", reason=phrase("profile.unknown", name=arg, names=names))
    profile = load_profile(parts[0], relative_to)
    names, titles = [profile["name"]], [profile["title"]]
    for part in parts[1:]:
        name = profiles.builtin_name(part)
        path = profiles.found()[name].path if name is not None else _profile_file(part, relative_to)
        layer = _read(path, profile, path.stem)
        names.append(layer["name"])
        titles.append(layer["title"])
        profile = layer
    return {**profile, "name": "+".join(names), "title": "＋".join(titles)}


def profile_setting(model: Model):
    """The 评分方案 setting of a document: (value, span of the value), or None."""
    for s in model.document.settings:
        if s.key == SCORING_KEY:
            return s.value, s.value_span
    return None


def file_profile(model: Model) -> dict:
    """The profile a document names in 评分方案 (national without one); UnusableProfile when it
    cannot be used."""
    setting = profile_setting(model)
    return load_profile(setting[0] if setting else None, model.source or None)


@lru_cache(maxsize=1)
def _national() -> dict:
    return builtin_profile("national")


@lru_cache(maxsize=8)
def _builtin(name: str, where: tuple = ()) -> dict:  # where: the folders it was found in
    return _national() if name == profiles.NATIONAL else builtin_profile(name)


def weight_excesses(model: Model, profile: dict | None = None):
    """PF307 for every pool of a project whose written weights exceed the pool's weight, for
    the profile given, else the one the document names in 评分方案 (else national)."""
    if profile is None:
        try:
            profile = file_profile(model)
        except UnusableProfile:
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
    """PF108 when the 评分方案 setting names no profile found and no readable TOML file."""
    setting = profile_setting(model)
    if setting is None:
        return
    try:
        file_profile(model)
    except UnusableProfile as exc:
        found = profiles.found().values()
        reason = exc.fields["reason"]
        if exc.span is not None:  # at its place in the profile's file
            reason = phrase("at", file=exc.file, line=exc.span.line, column=exc.span.column, reason=reason)
        yield Diagnostic(
            code="PF108",
            span=setting[1],
            args={
                "value": setting[0],
                "what": phrase("what.scoring"),
                "choices": phrase(
                    # a file: why it cannot be used; a name found nowhere: the choices alone
                    "choices.scoring" if getattr(reason, "key", "") == "profile.unknown" else "choices.scoring_file",
                    names=Listing(tuple(f.name for f in found)),
                    aliases=Listing(tuple(f.aliases[0] for f in found if f.aliases)),
                    reason=reason,
                ),
            },
        )
