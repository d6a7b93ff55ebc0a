"""运行监控 (mid-year monitoring, `perflang monitor`): the budget system's warning lights as small
pure functions on Decimal, and the monitoring of a document's targets (a "spec", see
perflang.scoring.spec) against a progress file (perflang-progress/1 data) under a checked
profile's [monitoring] table -> the perflang-monitor/1 result and the problems found.

The rules (docs/monitoring.md has each with its source):
- the budget: R = (1-N月执行数 / 年度预算数) ÷ (N/12) × 100; R < red 红, R < yellow 黄, else 绿
  (a budget of 0 gives R = 0, as the system's later rule does);
- a 正向 indicator (≥, ＞, and ＝, which the system counts as 正向): R = 完成值 ÷ (年度指标值 × N/12)
  × 100 (without pro-rating when the profile says so, for all or for targets in %); R < red 红,
  R < yellow 黄, R ≥ blue 蓝 (far ahead: the target may have been set too low), else 绿; a target
  of 0 has no ratio: 绿 when met (＝0: at most 0), else 红;
- a 反向 indicator (≤, ＜): 绿 within the target (＜ strict), else 红, never pro-rated;
- 定性: 达成 绿, 部分达成 黄, 未达成 红;
- the project's light is its worst indicator's (红 > 黄 > 绿 > 蓝); the budget's light is shown
  beside it, not folded in;
- the year's end as projected: the 全年预计 values scored by the 自评 engine (perflang.scoring.core),
  the total capped by the projected execution rate (caps), a 正向 indicator projected at ≥
  deviation % of its target flagged.

Standard library only and self-contained (apart from the scoring modules beside it), as
perflang.scoring.core is.
"""

import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from .core import (
    ACTUALS_FORMAT,
    CloseNames,
    as_text,
    evaluate_data,
    fraction_read,
    graded_level,
    in_unit,
    malformed,
    match_keys,
    parse_quantity,
    quantitative_value,
)
from .plan import index_of, plain_digits, plan
from .rules import CENT, ZERO, divide, grade, is_met, plain, qualitative_level

PROGRESS_FORMAT = "perflang-progress/1"
MONITOR_FORMAT = "perflang-monitor/1"
HUNDRED = Decimal(100)
TWELVE = Decimal(12)
ORDER = ("red", "yellow", "green", "blue")  # worst first: the project's light is the first found
POSITIVE = (">=", ">", "=", None)
LEVEL_LIGHTS = {"达成": "green", "部分达成": "yellow", "未达成": "red"}
# the words the budget system writes for the three levels (its 定性指标 rule)
SYSTEM_LEVELS = {"达成目标": "达成", "部分达成目标并具有一定效果": "部分达成", "未达成目标且效果较差": "未达成"}
PROGRESS_KEYS = ("format", "month", "projects")
PROGRESS_PROJECT_KEYS = (
    "executed",
    "projected_executed",
    "budget",
    "indicators",
    "reasons",
    "measures",
    "rectify",
    "rectification",
    "note",
)
PROGRESS_ENTRY_KEYS = ("value", "projected", "likelihood", "reasons", "measures", "note")
MONEY_FIELDS = ("executed", "projected_executed", "budget")


# -- the rules -----------------------------------------------------------------------------


def direction(kind: str, comparator) -> str:
    """正向 (positive), 反向 (negative) or 定性 (qualitative): the system's three kinds; ＝ and a
    number without comparator count as 正向."""
    if kind != "quantitative":
        return "qualitative"
    return "positive" if comparator in POSITIVE else "negative"


def band_light(ratio: Decimal, bands: dict) -> str:
    """The light of a ratio R against thresholds {red, yellow[, blue]}: R < red 红, R < yellow
    黄, R ≥ blue 蓝 (when there is one), else 绿."""
    if ratio < bands["red"]:
        return "red"
    if ratio < bands["yellow"]:
        return "yellow"
    if "blue" in bands and ratio >= bands["blue"]:
        return "blue"
    return "green"


def prorated(percent: bool, settings: dict) -> bool:
    """Whether a 正向 target is pro-rated by N/12: the profile's prorate, and for a target in %
    its prorate_percent too."""
    return settings["prorate"] and (settings["prorate_percent"] or not percent)


def positive_ratio(value: Decimal, target: Decimal, month: int, prorate: bool):
    """R = value ÷ (target × N/12) × 100 (÷ target × 100 without pro-rating); None for a target
    of 0 (no ratio)."""
    if target == 0:
        return None
    if prorate:
        return divide(value * HUNDRED * TWELVE, target * month)
    return divide(value * HUNDRED, target)


def indicator_light(kind: str, comparator, value, target, month: int, settings: dict, percent: bool = False):
    """(light, R) of one indicator: value is a Decimal for a number target (target its number),
    a level (达成 / 部分达成 / 未达成) for a qualitative one; R is None where there is no ratio."""
    how = direction(kind, comparator)
    if how == "qualitative":
        return LEVEL_LIGHTS[value], None
    if how == "negative":
        return ("green" if is_met(comparator, value, target) else "red"), None
    ratio = positive_ratio(value, target, month, prorated(percent, settings))
    if ratio is None:  # a target of 0: met or not (＝0 as scoring reads it: at most 0)
        met = value <= 0 if comparator == "=" else is_met(comparator, value, target)
        return ("green" if met else "red"), None
    return band_light(ratio, settings["positive"]), ratio


def budget_ratio(executed: Decimal, budget: Decimal, month: int) -> Decimal:
    """R = (执行数 / 预算数) ÷ (N/12) × 100; 0 for a budget of 0 (the system's own fix)."""
    if budget == 0:
        return ZERO
    return divide(executed * HUNDRED * TWELVE, budget * month)


def worst(lights):
    """The project's light: the worst of its indicators' (红 > 黄 > 绿 > 蓝); None without any."""
    found = set(lights)
    return next((light for light in ORDER if light in found), None)


def execution_cap(rate_percent: Decimal, caps):
    """The most the 自评 total may be at this execution rate (in %): the lowest cap whose
    `below` the rate is under, else None."""
    out = None
    for below, most in caps:
        if rate_percent < below and (out is None or most < out):
            out = most
    return out


def deviates(comparator, projected: Decimal, target: Decimal, deviation: Decimal) -> bool:
    """Whether a 正向 indicator projected at ≥ deviation % of its (non-zero) target."""
    if comparator not in POSITIVE or target <= 0:
        return False
    return projected * HUNDRED >= target * deviation


def places(value):
    """A ratio as shown: 2 decimal places, half-up (None stays None)."""
    return None if value is None else str(value.quantize(CENT, ROUND_HALF_UP))


# -- reading the progress data ---------------------------------------------------------------


def month_of(value):
    """The month N of 1-N月 from 6, "6", "6月" or "1-6月"; None when it is none of these or
    outside 1–12."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Decimal)):
        n = Decimal(value)
    elif isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip().removesuffix("月").strip()  # full-width digits too
        for lead in ("1-", "1－", "1—", "1~", "1至"):
            if text.startswith(lead) and text != "1":
                text = text[len(lead) :]
                break
        if not text.isdigit() or not text.isascii():
            return None
        n = Decimal(text)
    else:
        return None
    if n != n.to_integral_value() or not (1 <= n <= 12):
        return None
    return int(n)


def blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text_of(value) -> str:
    return "" if blank(value) else as_text(value).strip()


def reasons_of(value, where, settings: dict, problems: list) -> dict:
    """The deviation reasons {kind: text} from an object or a text (其他, the last kind)."""
    if blank(value):
        return {}
    kinds = settings["reasons"]
    if not isinstance(value, dict):
        return {kinds[-1]: text_of(value)}
    out = {}
    for kind, text in value.items():
        if kind not in kinds:
            problems.append(
                malformed(
                    where,
                    f"偏差原因的类别“{kind}”不在 {'、'.join(kinds)} 之中",
                    f"the reason kind '{kind}' is not one of {', '.join(kinds)}",
                )
            )
            continue
        if not blank(text):
            out[kind] = text_of(text)
    return out


def money_of(value, field, project, factor, units, problems):
    """An amount of the progress in the project's money unit, or None (PF513, field named)."""
    quantity = parse_quantity(value)
    amount = None if quantity is None else in_unit(quantity, "money", factor, units)
    if amount is None or amount < 0:
        problems.append(("PF513", ("execution", project, field), {"value": as_text(value), "field": field}))
        return None
    return amount


def given_progress(progress, problems: list):
    """(month, projects) of the progress data, structure problems reported, never raised."""
    if not isinstance(progress, dict):
        problems.append(malformed(("actuals",), "顶层应为对象", "the top level must be an object"))
        return None, {}
    if progress.get("format") != PROGRESS_FORMAT:
        problems.append(malformed(("actuals",), f"format 应为 {PROGRESS_FORMAT}", f"format must be {PROGRESS_FORMAT}"))
    for key in progress:
        if key not in PROGRESS_KEYS:
            problems.append(
                malformed(
                    ("actuals",),
                    f"未知的键“{key}”（可用：{'、'.join(PROGRESS_KEYS)}）",
                    f"unknown key '{key}' (use {', '.join(PROGRESS_KEYS)})",
                )
            )
    month = month_of(progress.get("month"))
    if month is None:
        problems.append(("PF532", ("month",), {"value": as_text(progress.get("month", ""))}))
    projects = progress.get("projects", {})
    if not isinstance(projects, dict):
        problems.append(malformed(("actuals",), "projects 应为对象", "projects must be an object"))
        return month, {}
    out = {}
    for name, body in projects.items():
        if not isinstance(body, dict):
            problems.append(malformed(("project", name), "项目应为对象", "a project must be an object"))
            continue
        for key in body:
            if key not in PROGRESS_PROJECT_KEYS:
                problems.append(
                    malformed(
                        ("project", name),
                        f"未知的键“{key}”（可用：{'、'.join(PROGRESS_PROJECT_KEYS)}）",
                        f"unknown key '{key}' (use {', '.join(PROGRESS_PROJECT_KEYS)})",
                    )
                )
        out[name] = body
    return month, out


def split_progress_entry(value, where, problems: list) -> dict:
    """An indicator's entry: a value to date alone, or {value, projected, likelihood, reasons,
    measures, note}."""
    if not isinstance(value, dict):
        return {"value": value}
    for key in value:
        if key not in PROGRESS_ENTRY_KEYS:
            problems.append(
                malformed(
                    where,
                    f"未知的键“{key}”（可用：{'、'.join(PROGRESS_ENTRY_KEYS)}）",
                    f"unknown key '{key}' (use {', '.join(PROGRESS_ENTRY_KEYS)})",
                )
            )
    return value


# -- monitoring a document --------------------------------------------------------------------


# the engine's problems of an actual are of the value to date (1-N月完成值) here: said as the
# 监控表 names it (the catalog's PF543-PF550 name the period), by the same code in the
# generated evaluator's monitor_problems
TO_DATE_CODES = {
    "PF507": "PF543",
    "PF508": "PF544",
    "PF509": "PF545",
    "PF520": "PF546",
    "PF521": "PF547",
    "PF522": "PF548",
    "PF523": "PF549",
    "PF524": "PF550",
}


def _light_of(ind, step, value, where, month, settings, units, profile, problems):
    """(light, R, value read) of a value to date; (None, None, None) after a problem.  The
    engine's problems of the value are said of the value to date (TO_DATE_CODES)."""
    found: list = []
    out = _read_to_date(ind, step, value, where, month, settings, units, profile, found)
    problems.extend((TO_DATE_CODES.get(code, code), *rest) for code, *rest in found)
    return out


def _read_to_date(ind, step, value, where, month, settings, units, profile, problems):
    if step["kind"] == "qualitative":
        if isinstance(value, str) and value.strip() in SYSTEM_LEVELS and qualitative_level(value, profile) is None:
            level = SYSTEM_LEVELS[value.strip()]
        else:
            level = graded_level(ind, value, None, where, profile, problems)
        if level is None:
            return None, None, None
        light, ratio = indicator_light("qualitative", None, level, None, month, settings)
        return light, ratio, level
    number = plain_digits(value) if value.__class__ is str else None  # the usual: digits in the target's unit
    if number is None or fraction_read(number, step):  # anything else: read as the actuals are
        read = quantitative_value(ind, step, value, where, units, problems)
        if read is None:
            return None, None, None
        number = read[0]
    percent = step["dimension"] == "percent"
    light, ratio = indicator_light("quantitative", step["comparator"], number, step["number"], month, settings, percent)
    return light, ratio, number


def monitor_project(spec_project, project_plan, given, month, units, profile, problems, projected_actuals):
    """One project's monitoring: its rows with their lights, the budget's light, what the
    projection needs (filled into projected_actuals), what must be explained."""
    settings = profile["monitoring"]
    name = spec_project["name"]
    inds = spec_project["indicators"]
    entries = given.get("indicators", {}) if given is not None else {}
    if not isinstance(entries, dict):
        problems.append(malformed(("project", name), "indicators 应为对象", "indicators must be an object"))
        entries = {}
    matched = match_keys(inds, index_of(project_plan, inds), entries, name, problems) if given is not None else []
    project_reasons = reasons_of((given or {}).get("reasons"), ("project", name), settings, problems)
    project_measures = text_of((given or {}).get("measures"))
    rows, explain = [], []
    projected_entries: dict = {}
    for i, ind in enumerate(inds):
        step = project_plan["steps"][i]
        entry = matched[i] if matched else None
        key = entry[0] if entry else ind["name"]
        where = ("indicator", name, key)
        body = split_progress_entry(entry[1], where, problems) if entry else {}
        value, projected = body.get("value"), body.get("projected")
        likelihood = text_of(body.get("likelihood"))
        reasons = reasons_of(body.get("reasons"), where, settings, problems)
        measures = text_of(body.get("measures"))
        light = ratio = None
        if given is not None and blank(value):
            problems.append(("PF538", where if entry else ("project", name), {"name": ind["name"], "project": name}))
        elif given is not None:  # read (and its problems said) even when the month is wrong: no light then
            light, ratio, _ = _light_of(ind, step, value, where, month or 12, settings, units, profile, problems)
            if month is None:
                light = ratio = None
        if likelihood and likelihood not in settings["likelihood"]:
            problems.append(
                (
                    "PF536",
                    where,
                    {"value": likelihood, "name": ind["name"], "choices": "、".join(settings["likelihood"])},
                )
            )
        has_reason, has_measures = bool(reasons or project_reasons), bool(measures or project_measures)
        if likelihood in settings["explain"] and not (has_reason and has_measures):
            missing = [w for w, ok in (("偏差原因分析", has_reason), ("相关建议或举措", has_measures)) if not ok]
            problems.append(("PF537", where, {"value": likelihood, "name": ind["name"], "missing": "、".join(missing)}))
            explain.append({"name": ind["name"], "why": "likelihood", "value": likelihood})
        deviation = False
        if not blank(projected):
            projected_entries[key] = projected
            if step["kind"] == "quantitative" and step["comparator"] in POSITIVE and step["number"]:
                read = quantitative_value(ind, step, projected, where, units, [])  # the engine reports its problems
                if read is not None and deviates(step["comparator"], read[0], step["number"], settings["deviation"]):
                    deviation = True
                    if not has_reason:
                        problems.append(
                            (
                                "PF540",
                                where,
                                {
                                    "name": ind["name"],
                                    "value": as_text(projected),
                                    "target": ind["target"],
                                    "deviation": plain(settings["deviation"]),
                                },
                            )
                        )
                    explain.append({"name": ind["name"], "why": "deviation", "value": as_text(projected)})
        rows.append(
            {
                "level1": ind["level1"],
                "level2": ind["level2"],
                "name": ind["name"],
                "goal": ind["goal"],
                "target": ind["target"],
                "direction": direction(ind["kind"], ind["comparator"]),
                "value": None if blank(value) else as_text(value),
                "projected": None if blank(projected) else as_text(projected),
                "ratio": places(ratio),
                "light": light,
                "likelihood": likelihood or None,
                "reasons": reasons,
                "measures": measures or None,
                "note": text_of(body.get("note")) or None,
                "deviation": deviation,
            }
        )
    budget_block = monitor_budget(spec_project, project_plan, given or {}, month, units, settings, problems)
    if given is not None and (projected_entries or budget_block["projected_executed"] is not None):
        figures = {}
        if budget_block["projected_executed"] is not None:
            figures["executed"] = budget_block["projected_executed"]
            figures["budget"] = budget_block["budget"]
        projected_actuals[name] = {
            "indicators": projected_entries,
            **figures,
        }
    lights = [r["light"] for r in rows if r["light"] is not None]
    given = given or {}
    return {
        "name": name,
        "light": worst(lights),
        **budget_block,
        "indicators": rows,
        "reasons": project_reasons,
        "measures": project_measures or None,
        "rectify": text_of(given.get("rectify")) or None,
        "rectification": text_of(given.get("rectification")) or None,
        "note": text_of(given.get("note")) or None,
        "explain": explain,
        "projected": None,
    }


def monitor_budget(spec_project, project_plan, given: dict, month, units, settings, problems) -> dict:
    """The budget's block: 年度预算数 (the progress's, else the file's), 1-N月执行数, 执行率, R and
    its light, 全年预计执行数 and its rate; an amount above the budget is an error (PF535) and
    gets no light."""
    name, factor = spec_project["name"], project_plan["money_factor"]
    amounts = {}
    for field in MONEY_FIELDS:
        if not blank(given.get(field)):
            amounts[field] = money_of(given[field], field, name, factor, units, problems)
    budget = amounts.get("budget") if "budget" in amounts else project_plan["budget"]
    if "budget" in amounts and budget is not None and budget == 0:
        problems.append(("PF513", ("execution", name, "budget"), {"value": "0", "field": "budget"}))
        budget = None
    executed, projected = amounts.get("executed"), amounts.get("projected_executed")
    for field, amount in (("executed", executed), ("projected_executed", projected)):
        if amount is not None and budget is not None and amount > budget:
            problems.append(
                ("PF535", ("execution", name, field), {"field": field, "value": plain(amount), "budget": plain(budget)})
            )
    over = budget is not None and executed is not None and executed > budget
    light = ratio = rate = None
    unreadable = any(amounts.get(f, ZERO) is None for f in ("executed", "budget"))
    if given and not unreadable and (executed is None or not budget):
        problems.append(("PF539", ("project", name), {"project": name}))
    if executed is not None and budget and month is not None and not over:
        ratio = budget_ratio(executed, budget, month)
        light = band_light(ratio, settings["budget"])
        rate = divide(executed * HUNDRED, budget)
    projected_rate = None
    if projected is not None and budget and projected <= budget:
        projected_rate = divide(projected * HUNDRED, budget)
    return {
        "budget": None if budget is None else plain(budget),
        "executed": None if executed is None else plain(executed),
        "execution_rate": places(rate),
        "time_progress": None if month is None else places(divide(HUNDRED * month, TWELVE)),
        "budget_ratio": places(ratio),
        "budget_light": light,
        "projected_executed": None
        if projected is None or (budget is not None and projected > budget)
        else plain(projected),
        "projected_rate": places(projected_rate),
    }


PROJECTION_CODES = {"PF506": "PF541"}  # the engine's missing actual is a missing 全年预计 here


def monitor_data(spec: dict, units: dict, progress, profile: dict):
    """(perflang-monitor/1 result, problems) for the progress data against the spec's targets.
    A problem of the projection (the 全年预计 values scored by the 自评 engine) is marked by a
    fourth element "projected"."""
    problems: list = []
    month, given = given_progress(progress, problems)
    planned = plan(spec, units, profile)
    known = {p["name"] for p in spec["projects"]}
    names = None
    for name in given:
        if name not in known:
            names = names or CloseNames(known)
            problems.append(("PF533", ("project", name), {"name": name, "suggest": "、".join(names.close(name))}))
    projected_actuals: dict = {}
    results = []
    for p, pp in zip(spec["projects"], planned["projects"]):
        if p["name"] not in given:  # not monitored: said once, left out of the tables
            problems.append(("PF542", ("actuals",), {"project": p["name"]}))
            continue
        results.append(
            monitor_project(p, pp, given[p["name"]], month, planned["units"], profile, problems, projected_actuals)
        )
    if projected_actuals:
        actuals = {"format": ACTUALS_FORMAT, "projects": projected_actuals}
        evaluated, found = evaluate_data(spec, units, actuals, profile)
        by_name = {p["name"]: p for p in evaluated["projects"]}
        caps = profile["monitoring"]["caps"]
        for result in results:
            if result["name"] not in projected_actuals:
                continue
            scored = by_name[result["name"]]
            cap = None if result["projected_rate"] is None else execution_cap(Decimal(result["projected_rate"]), caps)
            total_100 = Decimal(scored["total_100"])
            capped = total_100 if cap is None or total_100 <= cap else cap
            result["projected"] = {
                "indicators": [
                    {
                        "name": r["name"],
                        "actual": r["actual"],
                        "weight": r["weight"],
                        "score": r["score"],
                        "met": r["met"],
                    }
                    for r in scored["indicators"]
                ],
                "execution": scored["execution"],
                "maximum": scored["maximum"],
                "total": scored["total"],
                "total_100": scored["total_100"],
                "grade": scored["grade"],
                "cap": None if cap is None else plain(cap),
                "capped_100": str(capped.quantize(CENT, ROUND_HALF_UP)),
                "capped_grade": grade(capped, profile),
            }
        for code, where, args in found:
            if where[0] == "actuals" or where[1] not in projected_actuals:
                continue  # the progress's own problems, reported above; projects not projected
            problems.append((PROJECTION_CODES.get(code, code), where, args, "projected"))
    lights = [r["light"] for r in results if r["light"]]
    return {
        "format": MONITOR_FORMAT,
        "profile": profile["name"],
        "month": month,
        "light": worst(lights),
        "projects": results,
    }, problems


def template(spec: dict, month=None) -> dict:
    """A progress file to fill: every project and every evaluated indicator, values empty."""
    entry = {"value": "", "projected": "", "likelihood": "", "reasons": {}, "measures": "", "note": ""}
    return {
        "format": PROGRESS_FORMAT,
        "month": month,
        "projects": {
            p["name"]: {
                "budget": p["budget"] or "",
                "executed": "",
                "projected_executed": "",
                "indicators": {_template_key(p, ind): dict(entry) for ind in p["indicators"]},
                "reasons": {},
                "measures": "",
            }
            for p in spec["projects"]
        },
    }


def _template_key(project: dict, ind: dict) -> str:
    """The indicator's name, or its path when the name is not unique in the project."""
    same = [i for i in project["indicators"] if i["name"] == ind["name"]]
    if len(same) == 1:
        return ind["name"]
    paths = [i["keys"][1] for i in same]
    return ind["keys"][1] if len(set(paths)) == len(paths) else ind["keys"][-1]
