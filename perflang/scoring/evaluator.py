"""The data-driven evaluator: the targets JSON (perflang/2, `perflang build --to json`), a profile
and the actuals in, the perflang-eval/2 result and the problems (with their messages, zh and en)
out.  One `Evaluator` per targets document plans once and scores any number of actuals, all
projects or one.

Standard library only and self-contained (apart from the rules in .rules, .plan, .core and
.targets): `perflang build --to python` embeds this file's source in the generated module, whose
`evaluate(targets, actuals, profile=None)` is `Evaluator(targets, profile).evaluate(actuals)`.
The Java and JavaScript runtimes (perflang/runtimes/) offer the same class and methods.

    ev = Evaluator(targets)               # the JSON text, bytes or data; the file's own profile
    ev = Evaluator(targets, {"weights": {"产出": 40}})   # a profile as TOML-shaped data, on national
    result = ev.evaluate(actuals)         # perflang-eval/2 data (actuals: data or JSON text)
    result = ev.evaluate(actuals, project="政务服务工作")   # one project (its name or id)
    for p in ev.problems(actuals): print(p.code, p.path, p.message("zh"))
"""

import json
from decimal import localcontext

from .core import (
    WIDE_DIGITS,
    Unusable,
    checked_number,
    evaluate_data,
    excess_pools,
    long_digits,
    read_actuals_text,
    refused_constant,
    too_many_digits,
    unusable,
    unusable_in_data,
)
from .plan import plan
from .rules import ProfileError, ReasonError, plain, profile_from_data
from .targets import TARGETS_FORMAT, TargetsError, UnknownProject, spec_from_targets

# filled by whoever embeds this module: the national profile as TOML-shaped data (the base of a
# profile given as data) and the messages of the actuals' problems, code -> (severity, zh, en,
# hint zh, hint en) (perflang.messages.CATALOG's PF5xx entries)
NATIONAL: dict = {}
MESSAGES: dict = {}
FIELDS = {"executed": ("全年执行数", "executed amount"), "budget": ("全年预算数", "annual budget")}
# code -> the arg its problems give in both languages, x and x_en: the evaluators' problem data,
# the same from Python, Java and JavaScript, which cannot read perflang's catalog; the catalog's
# templates name x alone (backends/python.py problem_messages)
TWINS = {"PF501": "reason", "PF502": "what", "PF513": "field"}


def read_json(value):
    """Data as given, or parsed from JSON text (str or bytes) with every fraction an exact
    Decimal (never a binary float): targets and profiles.  A number that cannot be scored
    (NaN, ±Infinity, too many digits) is refused with a TargetsError."""
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8-sig")
    if not isinstance(value, str):
        return value
    value = value.removeprefix("\ufeff")  # a text read without utf-8-sig: as perflang eval reads the file
    if long_digits(value) >= 0:
        raise TargetsError("evaluator.unusable", **too_many_digits())
    try:
        return json.loads(value, parse_float=checked_number, parse_int=_checked_int, parse_constant=refused_constant)
    except Unusable as exc:
        raise TargetsError("evaluator.unusable", **unusable(str(exc))) from None


def _checked_int(text: str) -> int:
    return int(checked_number(text))


def read_actuals(value):
    """(data, None) for actuals given as data or JSON text (str or bytes), or (None, PF501's
    problem) when they cannot be read or hold a number that cannot be scored — NaN, ±Infinity,
    more than MAX_DIGITS digits — exactly where perflang eval says PF501 for the same JSON."""
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("utf-8-sig")
    if isinstance(value, str):  # a byte order mark kept by the caller's reading: as eval reads the file
        data, args = read_actuals_text(value.removeprefix("\ufeff"))
    else:
        data, args = value, unusable_in_data(value)
    return (None, ("PF501", ("actuals",), args)) if args is not None else (data, None)


def message_args(code: str, args: dict) -> dict:
    """A problem's args as the generated evaluators' message templates (MESSAGES) want them, its
    text in both languages kept (x and x_en, TWINS): as the Java and JavaScript runtimes fill them."""
    out = dict(args)
    if "suggest" in out and not out["suggest"]:
        out["suggest"] = "—"
    if code == "PF510":
        out["level"] = f"（{args['level']}）" if args["level"] else ""
    if code == "PF513":
        out["field"], out["field_en"] = FIELDS[args["field"]]
    return out


def problem_args(code: str, args: dict) -> dict:
    """A problem's args as perflang's catalog wants them (a Diagnostic's, perflang eval): as
    message_args, each pair of twin texts one value, shown in the message's language: the
    catalog's phrase "said" as plain data ({"phrase": …, "args": …}, which perflang.evaluation
    makes a Phrase; this module cannot import the catalog)."""
    out = message_args(code, args)
    key = TWINS.get(code)
    if key in out and key + "_en" in out:
        out[key] = {"phrase": "said", "args": {"zh": out[key], "en": out.pop(key + "_en")}}
    return out


def where_path(where: tuple) -> str:
    """The JSON path of a problem's place: $.projects["名称"].indicators["指标"]."""
    parts = ["$"]
    if len(where) > 1:
        parts.append(f".projects[{json.dumps(where[1], ensure_ascii=False)}]")
    if where[0] == "indicator":
        parts.append(f".indicators[{json.dumps(where[2], ensure_ascii=False)}]")
    elif where[0] == "execution":
        parts.append(f".{where[2]}")
    return "".join(parts)


class Problem(tuple):
    """A problem of the actuals: the tuple (code, where, args) — `where` is ("actuals",),
    ("project", name), ("indicator", name, key) or ("execution", name, field) — with its
    severity, JSON path and messages."""

    __slots__ = ()

    def __new__(cls, code, where, args):
        return tuple.__new__(cls, (code, tuple(where), args))

    code = property(lambda self: self[0])
    where = property(lambda self: self[1])
    args = property(lambda self: self[2])

    @property
    def severity(self) -> str:
        """error or warning (a warning leaves the result as scored: PF506, PF520-PF524)."""
        return MESSAGES[self.code][0] if self.code in MESSAGES else "error"

    @property
    def path(self) -> str:
        return where_path(self.where)

    def message(self, lang: str = "zh") -> str:
        """The message in Chinese (zh) or English (en), as `perflang eval` prints it."""
        entry = MESSAGES.get(self.code)
        if entry is None:
            return self.code
        return entry[1 if lang == "zh" else 2].format(**message_args(self.code, self.args))

    def hint(self, lang: str = "zh") -> str:
        entry = MESSAGES.get(self.code)
        if entry is None:
            return ""
        return entry[3 if lang == "zh" else 4].format(**message_args(self.code, self.args))

    def as_dict(self) -> dict:
        """The problem as JSON-ready data (the form the Java and JavaScript runtimes give)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "where": list(self.where),
            "path": self.path,
            "args": {k: str(v) for k, v in self.args.items()},
            "message": {"zh": self.message("zh"), "en": self.message("en")},
            "hint": {"zh": self.hint("zh"), "en": self.hint("en")},
        }


class UnreadableActuals(ReasonError):
    """evaluate() of actuals that cannot be read (PF501: `problem`, its message in zh and en)."""

    def __init__(self, problem) -> None:
        super().__init__("evaluator.unreadable", (), reason=problem.args["reason"], reason_en=problem.args["reason_en"])
        self.problem = problem

    def message(self, lang: str = "zh") -> str:
        return self.problem.message(lang)


def checked_profile(data, base: dict, spec: dict, name: str = "custom") -> dict:
    """A profile given as TOML-shaped data on `base`, refused (ProfileError) when it cannot be
    used or when a project's written weights exceed its pools (as PF307 says)."""
    profile = profile_from_data(data, base, name)
    for project in spec["projects"]:
        for pool, total, limit, _ in excess_pools(project["indicators"], profile):
            raise ProfileError(
                "profile.excess",
                (),
                project=project["name"],
                pool=pool + "指标" if pool else "全部绩效指标",
                total=plain(total),
                limit=plain(limit),
            )
    return profile


class Evaluator:
    """Scores actuals against one targets document (see the module's docstring)."""

    def __init__(self, targets, profile=None):
        doc = read_json(targets)
        spec = spec_from_targets(doc)
        with localcontext() as ctx:  # plan as evaluate_data scores: wide enough for any target
            ctx.prec, ctx.Emax, ctx.Emin = WIDE_DIGITS, WIDE_DIGITS, -WIDE_DIGITS
            own = profile_from_data(doc["profile"], None, doc["profile"]["name"])
            if profile is not None:
                national = profile_from_data(NATIONAL, None, "national") if NATIONAL else own
                own = checked_profile(read_json(profile), national, spec)
            self._setup(spec, doc["units"], own, plan(spec, doc["units"], own, quick=True))

    @classmethod
    def planned(cls, spec: dict, units: dict, profile: dict, planned: dict):
        """An evaluator of a spec already planned (the generated module's built-in targets)."""
        self = cls.__new__(cls)
        self._setup(spec, units, profile, planned)
        return self

    def _setup(self, spec, units, profile, planned) -> None:
        self.spec, self.units, self.profile, self.plan = spec, units, profile, planned
        self.projects = {}  # a project's name or id -> its index
        for i, p in enumerate(spec["projects"]):
            self.projects.setdefault(p["name"], i)
            if p.get("id"):
                self.projects.setdefault(p["id"], i)

    def run(self, actuals, project=None):
        """(perflang-eval/2 result, [Problem]) for the actuals; `project` (a name or an id)
        scores that project alone, the actuals of the others left unread.  (None, [PF501]) for
        actuals that cannot be read or hold a number that cannot be scored."""
        spec, planned = self.spec, self.plan
        if project is not None and project not in self.projects:
            raise UnknownProject("evaluator.no_project", project=project)
        actuals, unreadable = read_actuals(actuals)
        if unreadable is not None:  # perflang eval writes no result either
            return None, [Problem(*unreadable)]
        if project is not None:
            i = self.projects[project]
            one = spec["projects"][i]
            spec = {**spec, "projects": [one]}
            planned = {**planned, "projects": [planned["projects"][i]]}
            actuals = _one_project(actuals, one["name"])
        result, problems = evaluate_data(spec, self.units, actuals, self.profile, planned)
        return result, [Problem(*p) for p in problems]

    def evaluate(self, actuals, project=None) -> dict:
        """The perflang-eval/2 result: what `perflang eval --to json` prints, parsed.  Actuals
        that cannot be read raise UnreadableActuals (PF501), where perflang eval prints none."""
        result, problems = self.run(actuals, project)
        if result is None:
            raise UnreadableActuals(problems[0])
        return result

    def problems(self, actuals, project=None) -> list:
        """What is wrong in the actuals (and the warnings), as Problems."""
        return self.run(actuals, project)[1]


def _one_project(actuals, name: str):
    """The actuals with the projects other than `name` left out (structure kept as given)."""
    if not isinstance(actuals, dict) or not isinstance(actuals.get("projects"), dict):
        return actuals
    projects = actuals["projects"]
    return {**actuals, "projects": {name: projects[name]} if name in projects else {}}


def is_targets(data) -> bool:
    """Whether data (parsed) is a targets document (perflang/2) rather than actuals."""
    return isinstance(data, dict) and data.get("format") == TARGETS_FORMAT
