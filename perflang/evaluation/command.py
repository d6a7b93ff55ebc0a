"""`perflang eval`: score the year's actual results against a file's targets (绩效自评) and write
the result as JSON (perflang-eval/1), a terminal summary or the printable 自评表."""

from __future__ import annotations

import json

import click

from .actuals import Actuals, load_actuals
from ..api import compile_file
from ..config import find_config
from ..diagnostics import Diagnostic, Severity, has_errors, language, render
from .core import evaluate_data
from .spec import load_profile, spec_of, units_for, weight_excesses
from ..fileio import write_atomic
from ..model import Model
from .scoring import ProfileError

__all__ = ["run_eval", "evaluate_model", "to_diagnostics", "render_result"]

EXIT_OK, EXIT_ERRORS = 0, 1
FIELDS = {"executed": ("全年执行数", "executed amount"), "budget": ("全年预算数", "annual budget")}


def evaluate_model(model: Model, actuals, profile: dict):
    """(perflang-eval/1 result, problems) for actuals data against a checked model."""
    spec = spec_of(model)
    return evaluate_data(spec, units_for(spec), actuals, profile)


def _args(code: str, args: dict) -> dict:
    """Problem args as the catalog's templates want them."""
    out = dict(args)
    if "suggest" in out and not out["suggest"]:
        out["suggest"] = "—"
    if code == "PF510":
        out["level"] = f"（{args['level']}）" if args["level"] else ""
    if code == "PF513":
        out["field"], out["field_en"] = FIELDS[args["field"]]
    return out


def to_diagnostics(problems, actuals: Actuals) -> list[Diagnostic]:
    """The evaluator's problems as diagnostics pointing into the actuals file."""
    out = []
    for code, where, args in problems:
        span, notes = actuals.locate(where)
        out.append(Diagnostic(code=code, file=actuals.path, span=span, notes=notes,
                              args=_args(code, args)))
    return out


def render_result(result: dict, fmt: str, model: Model, actuals: Actuals) -> str:
    """The evaluation as json, text or html."""
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    from .report import render_html, render_text

    given = {}
    if actuals.data and isinstance(actuals.data.get("projects"), dict):
        given = {name: {k: str(body[k]) for k in ("summary", "executed", "budget") if body.get(k) is not None}
                 for name, body in actuals.data["projects"].items() if isinstance(body, dict)}
    if fmt == "html":
        return render_html(result, model, given)
    return render_text(result)


def _echo(diags, lang: str, sources=None) -> None:
    text = render(diags, "text", sources or {}, lang)
    if text:
        click.echo(text, nl=False, err=True)


def _profile(arg: str | None, model: Model, file: str, lang: str):
    """The checked profile, or None after reporting why it cannot be used."""
    try:
        profile = load_profile(arg)
    except ProfileError as exc:
        _echo([Diagnostic(code="PF512", file=arg or "national", args={"reason": str(exc),
                                                                      "reason_en": str(exc)})], lang)
        return None
    excess = [d.in_file(file) for d in weight_excesses(model, profile)]
    if excess:
        _echo(excess, lang)
        return None
    return profile


def concerns_scoring(d: Diagnostic) -> bool:
    """A diagnostic of the target file that eval shows: errors, and warnings other than the
    reviewer's (PF4xx, on how targets are written: `perflang check` shows them)."""
    return d.level is Severity.ERROR or not d.code.startswith("PF4")


def run_eval(file, actuals_path, profile_arg, fmt, output, lang, all_warnings: bool = False) -> int:
    """The eval command: exit 0 (warnings allowed), 1 when the file, the profile or the actuals
    have errors (the result is still written when only some actuals are wrong).  Of the target
    file's diagnostics only those that concern scoring are shown, unless all_warnings."""
    lang = language(lang)
    compiled = compile_file(file, find_config(file))
    sources = {compiled.path: compiled.source} if compiled.source else {}
    shown = [d for d in compiled.diagnostics if all_warnings or concerns_scoring(d)]
    _echo(shown, lang, sources)
    hidden = len(compiled.diagnostics) - len(shown)
    if hidden:
        from ..messages import cli_text

        click.echo(cli_text("eval.hidden", lang, count=hidden), err=True)
    if not compiled.ok or compiled.model is None:
        return EXIT_ERRORS
    profile = _profile(profile_arg, compiled.model, str(file), lang)
    if profile is None:
        return EXIT_ERRORS
    actuals = load_actuals(actuals_path)
    diags = list(actuals.diagnostics)
    if actuals.data is None:
        _echo(diags, lang, {actuals.path: actuals.source} if actuals.source else {})
        return EXIT_ERRORS
    result, problems = evaluate_model(compiled.model, actuals.data, profile)
    diags += to_diagnostics(problems, actuals)
    _echo(sorted(diags, key=Diagnostic.sort_key), lang, {actuals.path: actuals.source})
    text = render_result(result, fmt, compiled.model, actuals)
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
    return EXIT_ERRORS if has_errors(diags) else EXIT_OK
