"""The whole input space of an evaluator as Hypothesis strategies (docs/testing.md).

`cases()` draws a `GeneratedCase`: a valid .perf text, the profile it is scored with (a built-in
one named in `评分方案`, alone or combined with `+` as `四川+指标100分`, or a generated one given
as data: pools, a block, a block split among the 一级, rescaled weights, whole points, a
framework, a printed layout), its targets JSON (perflang/2, what `perflang build --to json`
writes under that profile) and actuals for it — as real files hold them: several annual and
long-term goals (shared with 同), names repeated across goals, a region's own placements (湖北's
满意度 under 效益, 四川's 经济成本 under 产出), realistic budgets, written weights, hand-given
scores, grades in every wording (also against a number, and wrong ones), actuals as people
write them, missing and invalid actuals and amounts, notes, every way of naming an indicator;
with `hostile=True` also what perflang refuses whole (PF501): NaN, ±Infinity, numbers of more
than 1,000 digits or beyond an exponent of 1,000, long digit strings (`hostile_values()`).
`edges.edge_cases()` draws cases aimed at the boundaries of the rules; `differential()` runs
both against an evaluator of yours.
"""

from __future__ import annotations

import json
from decimal import Decimal

from attrs import frozen

from ..api import compile_text
from ..model import Model
from ..scoring.core import ACTUAL_COMPARATORS, ACTUALS_FORMAT, MAX_DIGITS, MET_WORDS, unusable_in_data
from ..scoring.plan import project_weights
from ..scoring.profiles import BUILTIN_DIR, found
from ..scoring.rules import LEVELS, LONG_FORMS, profile_from_data
from ..scoring.spec import builtin_profile, file_profile, project_spec
from ..syntax.builder import quote
from .strategies import GROUPS, UNITS, _number_for, _st, _with_unit, names, possible

__all__ = [
    "GeneratedCase",
    "builtin_profiles",
    "builtin_combinations",
    "hostile_values",
    "actuals_json",
    "KEY_STYLES",
    "profiles",
    "rich_documents",
    "rich_actuals",
    "cases",
    "case_from_text",
    "plain_json",
]

# how an actual may name an indicator (docs/scoring.md §1)
KEY_STYLES = (
    "name",
    "id",
    "path",
    "short",
    "canonical",
    "canonical short",
    "goal short",
    "goal canonical",
    "goal path",
    "mixed",
    "goal mixed",
)
# goal layouts a project may have: (kind, number, shared with) per goal, in file order
LAYOUTS = (
    (("annual", 1, None),),
    (("annual", 1, None), ("annual", 2, None)),
    (("annual", 1, None), ("annual", 2, None), ("annual", 3, None)),
    (("long-term", 1, None), ("annual", 1, ("long-term", 1))),
    (("long-term", 1, None),),
    (("long-term", 1, None), ("long-term", 2, None)),
    (("long-term", 1, None), ("annual", 1, None)),
)
GOAL_WORDS = {"annual": "年度目标", "long-term": "长期目标"}
# budgets as written (in 万元 unless a unit says otherwise) and their amount in 万元
BUDGETS = (
    ("0.5", Decimal("0.5")),
    ("3", Decimal(3)),
    ("22", Decimal(22)),
    ("350", Decimal(350)),
    ("571", Decimal(571)),
    ("1200.5", Decimal("1200.5")),
    ("2.3万元", Decimal("2.3")),
    ("5710000元", Decimal(571)),
    ("1.5亿元", Decimal(15000)),
    ("86000", Decimal(86000)),
)
WORD_LEVELS = {"好": "达成", "较好": "部分达成", "较差": "未达成"}


def builtin_profiles() -> dict:
    """The built-in profiles (perflang/profiles/NAME.toml): name -> the names it answers to."""
    return {f.name: f.aliases for f in found().values() if f.path.parent == BUILTIN_DIR}


# the built-in weight layouts, which follow another profile after + (docs/scoring.md §6)
LAYOUTS_OF_PROFILES = ("indicators-100", "whole-points", "indicators-100+whole-points")


def builtin_combinations() -> list[str]:
    """Every built-in profile alone, and each region (national, hubei …) followed by the
    layouts with + (`sichuan+indicators-100`, `hubei+whole-points` …)."""
    names = sorted(builtin_profiles())
    regions = [n for n in names if n not in ("indicators-100", "whole-points")]
    return names + [f"{r}+{layout}" for r in regions for layout in LAYOUTS_OF_PROFILES]


def setting_text(name: str, aliased: bool) -> str:
    """How a file names a built-in profile (or a combination) in 评分方案: by name, or by the
    first Chinese name of each part (`四川+指标100分`)."""
    if not aliased:
        return name
    aliases = builtin_profiles()
    return "+".join((aliases[part][:1] or (part,))[0] for part in name.split("+"))


def hostile_values():
    """Values perflang refuses in actuals as a whole (PF501, no result): NaN and ±Infinity as
    floats and Decimals, numbers of more than 1,000 digits or an exponent beyond ±1,000, strings
    holding a run of more than 1,000 digits (ASCII or full-width); and huge values it still
    scores, on their edges: 1e999, a 1,000-digit int and string, 1e308, the strings NaN,
    Infinity and 1e99999999999 (no number where a number is read)."""
    st = _st()
    refused = st.sampled_from(
        [
            float("nan"),
            float("inf"),
            float("-inf"),
            Decimal("NaN"),
            Decimal("Infinity"),
            Decimal("-Infinity"),
            Decimal("1E+1001"),
            Decimal("1E-1001"),
            Decimal("-2.5E+5000"),
            10**4000 + 7,  # 4,001 digits: still within what Python writes as text
            "9" * (MAX_DIGITS + 1),
            "１" * (MAX_DIGITS + 1) + "个",
            "1" * 1_000_000,
        ]
    )
    scored = st.sampled_from(
        [
            Decimal("1E+999"),
            Decimal("-1E+999"),
            Decimal("1E-999"),
            10**999,
            "9" * MAX_DIGITS,
            1e308,
            "NaN",
            "Infinity",
            "-Infinity",
            "1e99999999999",
        ]
    )
    return st.one_of(refused, scored)


def actuals_json(data) -> str:
    """Actuals data as JSON text, every number exactly as it is (a Decimal as Python writes it:
    1E+5000, NaN; a float NaN or infinity as NaN, Infinity, -Infinity): the text perflang eval
    would be given for them."""
    if isinstance(data, dict):
        return (
            "{"
            + ", ".join(f"{json.dumps(str(k), ensure_ascii=False)}: {actuals_json(v)}" for k, v in data.items())
            + "}"
        )
    if isinstance(data, (list, tuple)):
        return "[" + ", ".join(actuals_json(v) for v in data) + "]"
    if isinstance(data, Decimal):
        if data.is_nan():
            return "NaN"
        if data.is_infinite():
            return "-Infinity" if data < 0 else "Infinity"
        return str(data)
    if isinstance(data, int) and not isinstance(data, bool):
        return str(data)
    return json.dumps(data, ensure_ascii=False)


@frozen(repr=False)
class GeneratedCase:
    """One case for an evaluator: the file, the profile, the targets JSON and the actuals."""

    text: str  # the .perf file
    model: Model
    profile_data: dict | None  # a generated profile as TOML-shaped data; None: the file's own
    profile: dict  # the checked profile the case is scored with
    targets: dict  # perflang/2: `perflang build --to json` of the file under that profile
    actuals: dict  # perflang-actuals/1
    aim: str = "whole space"  # what the case aims at (edges.py names its boundary)

    def __repr__(self) -> str:  # Hypothesis prints it: the text, not the model
        actuals = repr(plain_json(self.actuals))
        if len(actuals) > 4000:  # a million digits (hostile_values): in part
            actuals = f"{actuals[:2000]} … ({len(actuals)} characters) … {actuals[-1000:]}"
        return f"GeneratedCase(aim={self.aim!r}, text={self.text!r}, actuals={actuals})"

    def expected(self):
        """(perflang-eval/2 result, problems): what `perflang eval --to json` gives; (None,
        [PF501]) for actuals it refuses whole (NaN, Infinity, too many digits: hostile_values)."""
        from ..evaluation.run import evaluate_model

        refused = unusable_in_data(self.actuals)
        if refused is not None:
            return None, [("PF501", ("actuals",), refused)]
        return evaluate_model(self.model, self.actuals, self.profile)

    def describe(self) -> str:
        """The case as a person reproduces it: the .perf text, the profile, the actuals."""
        parts = [f"-- {self.aim} --", "-- the .perf file --", self.text.rstrip("\n")]
        if self.profile_data is not None:
            parts += [
                "-- the profile (TOML-shaped data) --",
                json.dumps(self.profile_data, ensure_ascii=False, indent=2),
            ]
        else:
            parts.append(f"-- the profile: {self.profile['name']} (the file's own) --")
        if unusable_in_data(self.actuals) is None:
            shown = json.dumps(plain_json(self.actuals), ensure_ascii=False, indent=2)
        else:  # hostile values, written as they are (NaN, 1E+5000); a million digits in part
            shown = actuals_json(self.actuals)
            if len(shown) > 4000:
                shown = f"{shown[:2000]} … ({len(shown)} characters) … {shown[-1000:]}"
        parts += ["-- the actuals --", shown]
        return "\n".join(parts)


def plain_json(value):
    """Data with its Decimals as JSON numbers can carry them (for printing and json.dumps)."""
    if isinstance(value, dict):
        return {k: plain_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_json(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and abs(value) < 2**53 else float(value)
    return value


def _dec(st, low, high, places=2):
    return st.decimals(min_value=low, max_value=high, places=places).map(lambda d: format(d.normalize(), "f"))


def profiles():
    """A profile: ("builtin", name) for each built-in one, or ("data", TOML-shaped dict) for a
    generated one (any pools, blocks split per goal, rescaled weights, whole points, the other
    formula for ≤, other qualitative bands, words and grades)."""
    st = _st()
    builtin = st.sampled_from(builtin_combinations()).map(lambda n: ("builtin", n))

    @st.composite
    def generated(draw):
        data: dict = {"name": "generated"}
        data["weights"] = {
            "产出": draw(st.sampled_from([20, 40, 50, 60])),
            "效益": draw(st.sampled_from([10, 30, 40])),
            "满意度": draw(st.sampled_from([5, 10, 20])),
            "预算执行率": draw(st.sampled_from([0, 10, 20])),
        }
        if draw(st.booleans()):
            data["lower_is_better"] = draw(st.sampled_from(["ratio", "linear-to-2T"]))
        if draw(st.booleans()):
            data["execution_in_total"] = draw(st.booleans())
        mode = draw(st.sampled_from(["pools", "pools", "block", "split"]))
        data["allocation"] = {"mode": mode, "per_goal": draw(st.booleans()), "rescale": draw(st.booleans())}
        if mode in ("block", "split"):
            data["allocation"]["block"] = draw(st.sampled_from([60, 80, 90, 100]))
        data["rounding"] = {
            "shares": draw(st.sampled_from(["cents", "whole"])),
            "scores": draw(st.sampled_from(["cents", "cents", "whole"])),
        }
        if draw(st.booleans()):
            top = draw(st.sampled_from(["0.8", "0.85", "0.9"]))
            mid = draw(st.sampled_from(["0.5", "0.6"]))
            data["qualitative"] = {
                "达成": {"min": top, "default": "1", "max": "1"},
                "部分达成": {"min": mid, "default": draw(st.sampled_from([mid, "0.7"])), "max": top},
                "未达成": {"min": "0", "default": draw(st.sampled_from(["0", "0.3"])), "max": mid},
            }
        if draw(st.booleans()):
            data["wording"] = dict(WORD_LEVELS)
        if draw(st.booleans()):
            data["grades"] = draw(
                st.sampled_from([{"A": 85, "B": 70, "C": 0}, {"优秀": 90, "良好": 80, "合格": 60, "不合格": 0}])
            )
        if draw(st.booleans()):  # read and kept; the documents place their 二级 nationally
            data["framework"] = draw(st.sampled_from([{"效益": ["满意度"]}, {"产出": ["经济成本", "社会成本"]}]))
        if draw(st.booleans()):
            data["form"] = {
                "layout": draw(st.sampled_from(["湖北自评表", "四川自评表", "自评表"])),
                "subtotals": draw(st.booleans()),
            }
        return ("data", data)

    return builtin | generated()


# the placements a region's [framework] adds (the documents under it use them too)
REGION_GROUPS = {"hubei": (("效益", "满意度"),), "sichuan": (("产出", "经济成本"),)}


def _cost_text(st, budget: Decimal):
    """A money target of 成本 (at most a tenth of the budget each: their sum never exceeds it)."""
    cap = budget / 10
    return st.builds(
        lambda c, share, unit: f"{c}{_plain(cap * share * (10000 if unit == '元' else 1))}{unit}",
        st.sampled_from(("≤", "", "<", "不超过", "=")),
        st.sampled_from((Decimal(1), Decimal("0.5"), Decimal("0.25"), Decimal("0.01"))),
        st.sampled_from(("万元", "元")),
    )


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _target_text(st):
    numbers = _dec(st, Decimal(0), Decimal(100000)) | st.sampled_from(
        ["0", "1", "95", "100", "2.3", "571", "3000", "0.5"]
    )
    quantitative = st.builds(
        lambda c, n, u: f"{c}{n}{u}",
        st.sampled_from(("≥", ">", "=", "≤", "<", "", "不少于", "不超过", "＞＝")),
        numbers,
        st.sampled_from(UNITS),
    )
    qualitative = st.sampled_from(("达标", "优良", "保障正常运转", "是", "显著提升", "确保完成"))
    return quantitative | quantitative | qualitative


def rich_documents(max_projects: int = 2, max_indicators: int = 6, nasty: bool = False, setting=None):
    """Valid documents as real files are: several goals of both kinds (and 同), names repeated
    across goals, realistic budgets, written weights; `setting` is a built-in profile to name
    in `评分方案` (None: none).  Draws (text, model)."""
    st = _st()

    @st.composite
    def build(draw):
        pool = draw(st.lists(names(nasty), min_size=2, max_size=max_indicators + 4, unique=True))
        project_names = draw(st.lists(names(nasty), min_size=1, max_size=max_projects, unique=True))
        lines = ["金额单位 万元"]
        groups = GROUPS
        if setting is not None:
            lines.append(f"评分方案 {setting_text(setting, draw(st.booleans()))}")
            groups = GROUPS + REGION_GROUPS.get(setting.split("+")[0], ())
        lines.append("")
        for pname in project_names:
            lines.append(f"项目 {quote(pname)} {{")
            written, budget = draw(
                st.sampled_from(BUDGETS) | _dec(st, Decimal("0.01"), Decimal(90000)).map(lambda b: (b, Decimal(b)))
            )
            lines.append(f"  预算 {written}")
            for kind, number, shared in draw(st.sampled_from(LAYOUTS)):
                head = f"  {GOAL_WORDS[kind]} {number}"
                if shared is not None:
                    lines.append(f"{head} 同 {GOAL_WORDS[shared[0]]} {shared[1]}")
                    continue
                lines.append(f'{head} "{GOAL_WORDS[kind]}{number}的目标" {{')
                count = draw(st.integers(1, min(max_indicators, len(pool))))
                mine = draw(st.lists(st.sampled_from(pool), min_size=count, max_size=count, unique=True))
                by_group: dict = {}
                for n in mine:
                    by_group.setdefault(draw(st.sampled_from(groups)), []).append(n)
                for (l1, l2), inds in by_group.items():
                    lines.append(f"    {l1} / {l2} {{")
                    for n in inds:
                        weight = draw(st.none() | st.none() | _dec(st, Decimal(0), Decimal(1)))
                        attr = f" {{ 分值 {weight} }}" if weight is not None else ""
                        cost = l1 == "成本" or "成本" in l2  # 经济成本 under 产出 is a cost too
                        target = draw(_cost_text(st, budget) if cost else _target_text(st))
                        lines.append(f"      {quote(n)}: {quote(target)}{attr}")
                    lines.append("    }")
                lines.append("  }")
            lines += ["}", ""]
        text = "\n".join(lines)
        result = compile_text(text, "<generated>")
        if not result.ok:
            raise AssertionError(
                "perflang.testing generated an invalid document: " + "; ".join(d.message() for d in result.diagnostics)
            )
        return text, result.model

    return build()


def _key(style: str, ind, goal, ident: str) -> str:
    short = f"{ind.level1.removesuffix('指标')}/{ind.level2.removesuffix('指标')}/{ind.name}"
    c1, c2 = ind.level1_canonical or ind.level1, ind.level2_canonical or ind.level2
    label = goal.label
    return {
        "name": ind.name,
        "id": ident,
        "path": f"{ind.level1}/{ind.level2}/{ind.name}",
        "short": short,
        "canonical": f"{c1}/{c2}/{ind.name}",
        "canonical short": f"{c1.removesuffix('指标')}/{c2.removesuffix('指标')}/{ind.name}",
        "goal short": f"{label}/{short}",
        "goal canonical": f"{label}/{c1}/{c2}/{ind.name}",
        "goal path": f"{label}/{ind.level1}/{ind.level2}/{ind.name}",
        # 一级 and 二级 in different forms (产出/数量指标/…, 满意度指标/服务对象满意度/…)
        "mixed": f"{ind.level1.removesuffix('指标')}/{c2}/{ind.name}",
        "goal mixed": f"{label}/{c1}/{c2.removesuffix('指标')}/{ind.name}",
    }[style]


FULL_WIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def _written(st, ind, value: str):
    """An actual as people write it for a number target (docs/scoring.md §1), or the value."""
    t = ind.target
    number = format(t.number.normalize(), "f") if t.number is not None else "0"
    choices = [
        st.sampled_from(sorted(MET_WORDS)),
        st.sampled_from(ACTUAL_COMPARATORS).map(lambda sign: f"{sign}{number}{t.unit}"),
        st.just(value.translate(FULL_WIDTH)),
        st.just(f" {value} "),
    ]
    if not t.unit:
        choices.append(st.just(f"{value}%"))
    if t.dimension == "percent" and t.number is not None and t.number > 1:
        choices.append(_dec(st, Decimal(0), Decimal(1), 3))
    digits = value.rstrip("".join(UNITS) + "万元个人吨度平方米%")
    if digits.replace(".", "").isdigit() and Decimal(digits) >= 1000:
        whole, _, frac = digits.partition(".")
        choices.append(st.just(f"{int(whole):,}" + (f".{frac}" if frac else "") + value[len(digits) :]))
    return st.one_of(choices)


def _levels(profile: dict) -> list[str]:
    return list(LEVELS) + list(LONG_FORMS) + [w for w in profile["wording"] if w not in LONG_FORMS]


def _hand_score(st, ind, weight: Decimal, profile: dict, level: str | None):
    """A hand-given score: within the level's band (or [0, W] for a number target), sometimes on
    its edge, sometimes outside it or no number."""
    if level is not None:
        band = profile["qualitative"][level]
        low, high = band["min"] * weight, band["max"] * weight
        inside = [low, (low + high) / 2] + ([high] if level == "达成" else [])
    else:
        inside = [Decimal(0), weight / 2, weight]
    good = st.sampled_from(inside).map(lambda d: format(d.quantize(Decimal("0.01")), "f"))
    bad = st.sampled_from(["x", "-1", format(weight + 1, "f"), "1e3"])
    return st.one_of(good, good, good, bad, good.map(Decimal))


def rich_actuals(
    model: Model,
    profile: dict,
    written: bool = True,
    hand: bool = True,
    missing: bool = True,
    invalid: bool = True,
    keys=KEY_STYLES,
    hostile: bool = False,
):
    """perflang-actuals/1 data for a model scored under `profile`, over the whole space (each
    switch turns a part of it off; `keys` are the ways an indicator may be named); `hostile`
    turns on hostile_values() as actuals, hand scores, amounts and notes."""
    st = _st()
    from ..contract.ids import indicator_ids

    @st.composite
    def build(draw):
        projects: dict = {}
        rogue = hostile and not draw(st.integers(0, 3))  # a case in four holds hostile values
        for p in model.projects:
            spec = project_spec(p, model.money_unit)
            weights = iter(project_weights(spec["indicators"], profile))
            counts: dict = {}
            for g in p.evaluated_goals:
                for ind in g.indicators:
                    counts[ind.name] = counts.get(ind.name, 0) + 1
            inds: dict = {}
            for g in p.evaluated_goals:
                for ind, ident in zip(g.indicators, indicator_ids(p, g)):
                    weight = next(weights)
                    value = draw(_actual(st, ind, weight, profile, written, hand, missing, invalid, rogue))
                    if value is _MISSING:
                        continue
                    style = draw(st.sampled_from(keys))
                    if counts[ind.name] > 1 and style in ("name", "path", "short", "canonical", "canonical short"):
                        style = "id" if "id" in keys else "goal short"  # a repeated name needs its goal
                    key = _key(style, ind, g, ident)
                    if key in inds:
                        continue
                    inds[key] = value
            body: dict = {"indicators": inds}
            if p.budget is not None and p.budget.value and draw(st.integers(0, 3)):
                share = draw(_dec(st, Decimal(0), Decimal("1.3"), 4).map(Decimal))
                amount = p.budget.value * share
                body["executed"] = draw(
                    st.sampled_from(
                        [
                            format(amount.normalize(), "f"),
                            f"{format(amount.normalize(), 'f')}{p.budget.unit}",
                            f"{format((p.budget.base_value * share).normalize(), 'f')}元",
                        ]
                    )
                )
                if invalid and not draw(st.integers(0, 15)):
                    body["executed"] = draw(st.sampled_from(["abc", "-5", "5平方米", ""]))
                if not draw(st.integers(0, 6)):
                    body["budget"] = format(
                        (p.budget.value * draw(_dec(st, Decimal("0.5"), Decimal(2)).map(Decimal))).normalize(), "f"
                    )
                    if invalid and not draw(st.integers(0, 3)):  # an invalid block (PF513): status invalid
                        body["budget"] = draw(st.sampled_from(["0", "abc", "-3", "2平方米", Decimal(0)]))
                if rogue and not draw(st.integers(0, 2)):
                    body[draw(st.sampled_from(["executed", "budget", "summary"]))] = draw(hostile_values())
            projects[p.name] = body
        if invalid and not draw(st.integers(0, 20)):
            projects["不存在的项目"] = {"indicators": {}}
        if invalid and not draw(st.integers(0, 20)) and projects:
            first = next(iter(projects.values()))
            first["indicators"]["不存在的指标"] = "1"
        return {"format": ACTUALS_FORMAT, "projects": projects}

    return build()


_MISSING = object()


def _actual(st, ind, weight: Decimal, profile: dict, written, hand, missing, invalid, hostile=False):
    t = ind.target
    qualitative = t.kind == "qualitative"
    outcome = st.sampled_from(("meet", "miss", "boundary"))

    def plain(out):
        if qualitative:
            return st.sampled_from(_levels(profile))
        if not possible(t.comparator, t.number, out):
            out = "boundary"
        return _number_for(t.comparator, t.number, out).flatmap(lambda n: _with_unit(n, t.unit, True))

    base = outcome.flatmap(plain)
    modes = [base, base, base, base]
    if not qualitative:
        modes.append(
            base.filter(lambda v: isinstance(v, str)).map(lambda v: Decimal(v) if v.replace(".", "").isdigit() else v)
        )
    if written:
        modes.append(base.flatmap(lambda v: _written(st, ind, v)) if not qualitative else st.just(t.text))
        if qualitative:
            modes.append(st.sampled_from(_levels(profile)).map(lambda w: f" {w} "))
    if hand:
        levels = st.sampled_from(LEVELS)
        if qualitative:
            modes.append(
                levels.flatmap(
                    lambda lv: _hand_score(st, ind, weight, profile, lv).map(lambda s: {"actual": lv, "score": s})
                )
            )
        else:
            modes.append(
                base.flatmap(
                    lambda v: _hand_score(st, ind, weight, profile, None).map(lambda s: {"actual": v, "score": s})
                )
            )
        modes.append(st.sampled_from(_levels(profile)).map(lambda w: {"actual": "全年按计划完成各项工作", "grade": w}))
        if not qualitative:  # a grade beside a number: scored as the grade, PF525 when they disagree
            modes.append(
                st.tuples(base, st.sampled_from(_levels(profile))).map(lambda vw: {"actual": vw[0], "grade": vw[1]})
            )
        modes.append(_hand_score(st, ind, weight, profile, None).map(lambda s: {"actual": "", "score": s}))
        modes.append(base.map(lambda v: {"actual": v, "note": "偏差原因：年中调整"}))
    if missing:
        modes += [st.just(_MISSING), st.just(None), st.just("")]
    if invalid:
        modes.append(
            st.sampled_from(
                [
                    "abc",
                    "5平方米",
                    "很好",
                    True,
                    [1],
                    {"actual": "1", "分数": "2"},
                    {"actual": "达成", "grade": "好极了"},
                    {"actual": "95", "grade": 1},
                ]
            )
        )
        if not qualitative:  # a number in a unit of another kind than the target's (PF508)
            modes.append(st.just("5吨" if t.dimension == "mass" else "5平方米"))
    if hostile:
        values = hostile_values()
        modes += [
            values,
            values.map(lambda v: {"actual": v}),
            values.map(lambda v: {"actual": "达成", "score": v}),
            values.map(lambda v: {"actual": "1", "note": v}),
        ]
    return st.one_of(modes)


def case_from_text(text: str, model: Model, kind_data, actuals: dict, aim: str = "whole space") -> GeneratedCase:
    """A case from its parts: kind_data is ("builtin", name) (named in the file) or ("data", data)."""
    from ..backends.json import to_data

    if kind_data[0] == "data":
        data = kind_data[1]
        profile = profile_from_data(data, builtin_profile("national"), "generated")
    else:
        data = None
        profile = file_profile(model)
    return GeneratedCase(text, model, data, profile, to_data(model, profile), actuals, aim)


def cases(
    max_projects: int = 2,
    max_indicators: int = 6,
    nasty: bool = False,
    written: bool = True,
    hand: bool = True,
    missing: bool = True,
    invalid: bool = True,
    keys=KEY_STYLES,
    hostile: bool = False,
):
    """GeneratedCases over the whole input space: documents as real files are, every built-in
    profile (and the combinations with +) and generated ones, actuals as people write them
    (switches as for rich_actuals; `hostile` adds what perflang refuses whole)."""
    st = _st()

    @st.composite
    def build(draw):
        kind_data = draw(profiles())
        setting = kind_data[1] if kind_data[0] == "builtin" else None
        text, model = draw(rich_documents(max_projects, max_indicators, nasty, setting))
        case = case_from_text(text, model, kind_data, {})
        actuals = draw(rich_actuals(model, case.profile, written, hand, missing, invalid, keys, hostile))
        return GeneratedCase(case.text, model, case.profile_data, case.profile, case.targets, actuals)

    return build()
