"""Scoring a file's targets against the year's actual results (绩效自评, `perflang eval`): the file
checked, the profile chosen, the actuals read and scored, as an Outcome: the diagnostics to
show and the Evaluation that every `eval --to` format (perflang/backends/evalreport.py) prints."""

from __future__ import annotations

from attrs import field, frozen

from ..api import compile_file
from ..config import find_config
from ..diagnostics import Diagnostic, Severity, has_errors
from ..forms import resolve_self_form
from ..model import Model
from ..scoring.core import evaluate_data
from ..scoring.spec import (
    UnusableProfile,
    file_profile,
    framework_allows,
    load_profile,
    spec_of,
    units_for,
    weight_excesses,
)
from .actuals import Actuals, catalog_args, load_actuals
from .report import Evaluation

__all__ = ["evaluate_file", "Outcome", "Shown", "evaluate_model", "to_diagnostics", "given_figures"]


def evaluate_model(model: Model, actuals, profile: dict):
    """(perflang-eval/2 result, problems) for actuals data against a checked model."""
    spec = spec_of(model)
    return evaluate_data(spec, units_for(spec), actuals, profile)


def to_diagnostics(problems, actuals: Actuals) -> list[Diagnostic]:
    """The evaluator's problems as diagnostics pointing into the actuals file."""
    out = []
    for code, where, args in problems:
        span, notes = actuals.locate(where)
        out.append(Diagnostic(code=code, file=actuals.path, span=span, notes=notes, args=catalog_args(code, args)))
    return out


GIVEN_TEXTS = ("summary", "executed", "budget", "initial_budget", "conclusion", "problems", "measures")


def given_figures(actuals: Actuals) -> dict:
    """Each project's figures and texts as written in the actuals (printed, not scored): the
    texts as strings, the funds rows as {row: {initial, budget, executed}}."""
    out: dict = {}
    projects = actuals.data.get("projects") if actuals.data else None
    if not isinstance(projects, dict):
        return out
    for name, body in projects.items():
        if not isinstance(body, dict):
            continue
        figures = {k: _as_text(body[k]) for k in GIVEN_TEXTS if body.get(k) is not None}
        funds = body.get("funds")
        if isinstance(funds, dict):
            figures["funds"] = {
                row: {k: _as_text(v) for k, v in cells.items() if v is not None}
                for row, cells in funds.items()
                if isinstance(cells, dict)
            }
        out[name] = figures
    return out


def _as_text(value) -> str:
    from ..scoring.core import as_text

    return as_text(value)


def _profile(arg: str | None, model: Model, file: str) -> tuple[dict | None, Shown]:
    """The checked profile (--profile, else the file's 评分方案, else national) and nothing to
    report, or None and why it cannot be used (PF512 at its place in the profile's TOML); the
    written weights are checked against its own pools."""
    try:
        profile = load_profile(arg) if arg is not None else file_profile(model)
    except UnusableProfile as exc:
        sources = {exc.file: exc.source} if exc.source is not None else {}
        # at its place in the profile's file; a --profile naming nothing found is the command's
        # (`perflang: error[PF512]`, as an unknown --form), a 评分方案 the .perf file's
        found = exc.diagnostic() if exc.file or arg is not None else exc.diagnostic().in_file(file)
        return None, Shown((found,), sources)
    excess = tuple(d.in_file(file) for d in weight_excesses(model, profile))
    return (None, Shown(excess)) if excess else (profile, Shown(()))


def unscored_projects(problems, diagnostics, result: dict, read) -> frozenset:
    """The projects whose actuals have an error: one named by the problem, or every project for
    an error of the actuals as a whole (their structure, the file's reading)."""
    every = frozenset(p["name"] for p in result["projects"])
    if has_errors(list(read)):
        return every
    out: set = set()
    for (_, where, _), d in zip(problems, diagnostics):
        if d.level is Severity.ERROR:
            if len(where) > 1:
                out.add(where[1])
            else:
                return every
    return frozenset(out & every)


def concerns_scoring(d: Diagnostic) -> bool:
    """A diagnostic of the target file that eval shows: errors, and warnings other than the
    reviewer's (PF4xx, on how targets are written: `perflang check` shows them)."""
    return d.level is Severity.ERROR or not d.code.startswith("PF4")


@frozen
class Shown:
    """Diagnostics to show, with the sources their excerpts come from."""

    diagnostics: tuple[Diagnostic, ...]
    sources: dict = field(factory=dict)


@frozen
class Outcome:
    """What evaluating a file found, in the order it is shown: the target file's diagnostics that
    concern scoring, the number of its review warnings left out (`hidden`), then the profile's
    or the actuals' problems; and the evaluation to write (None when an error stops it).
    `failed`: an error was found (exit 1; the evaluation is still written when only some
    actuals are wrong)."""

    target: Shown
    hidden: int
    others: tuple[Shown, ...]
    evaluation: Evaluation | None
    failed: bool


def evaluate_file(
    file, actuals_path, profile_arg: str | None, all_warnings: bool = False, form_arg: str | None = None
) -> Outcome:
    """`perflang eval FILE --actuals A [--profile P] [--form F]`: the file checked, the profile
    chosen, the actuals read and scored, the 自评表's printed form chosen (--form, else the
    profile's [form] layout).  Of the target file's diagnostics only those that concern scoring
    are shown, unless all_warnings.  A form that cannot be used raises FormError (PF916)."""
    if form_arg is not None:
        resolve_self_form(form_arg)  # a usage error before anything is read
    compiled = compile_file(file, find_config(file))
    sources = {compiled.path: compiled.source} if compiled.source else {}
    # PF307 is the check's verdict for the file's own profile: eval checks the weights against
    # the profile it scores with (below), so a --profile with larger pools can score the file
    compiled_diags = [d for d in compiled.diagnostics if not (d.code == "PF307" and profile_arg is not None)]
    if profile_arg is not None:  # PF203 too is the file's own profile's verdict: --profile may place
        # a 二级 under another 一级 (its [framework], 湖北's 满意度 under 效益)
        try:
            chosen = load_profile(profile_arg)
        except UnusableProfile:
            chosen = None  # reported below
        if chosen is not None:
            compiled_diags = [
                d
                for d in compiled_diags
                if not (d.code == "PF203" and framework_allows(chosen, d.args["level1"], d.args["level2"]))
            ]
    shown = [d for d in compiled_diags if all_warnings or concerns_scoring(d)]
    target, hidden = Shown(tuple(shown), sources), len(compiled_diags) - len(shown)
    if has_errors(compiled_diags) or compiled.model is None:
        return Outcome(target, hidden, (), None, True)
    profile, problems = _profile(profile_arg, compiled.model, str(file))
    if profile is None:
        return Outcome(target, hidden, (problems,), None, True)
    actuals = load_actuals(actuals_path)
    diags = list(actuals.diagnostics)
    if actuals.data is None:
        found = Shown(tuple(diags), {actuals.path: actuals.source} if actuals.source else {})
        return Outcome(target, hidden, (found,), None, True)
    result, problems = evaluate_model(compiled.model, actuals.data, profile)
    found_problems = to_diagnostics(problems, actuals)
    diags += found_problems
    found = Shown(tuple(sorted(diags, key=Diagnostic.sort_key)), {actuals.path: actuals.source})
    form = (
        resolve_self_form(form_arg)
        if form_arg is not None
        else resolve_self_form(profile["form"].get("layout") or None, str(file))
    )
    evaluation = Evaluation(
        result,
        compiled.model,
        given_figures(actuals),
        profile.get("title") or result["profile"],
        bool(profile["form"]["subtotals"]),
        profile["execution_in_total"],
        form=form,
        profile=profile,
        unscored=unscored_projects(problems, found_problems, result, actuals.diagnostics),
    )
    return Outcome(target, hidden, (found,), evaluation, has_errors(diags))
