"""`perflang eval`: score the year's actual results against a file's targets (绩效自评) and write
the result as JSON (perflang-eval/1), a terminal summary or the printable 自评表."""

from __future__ import annotations

import json
import sys

import click

from ..api import compile_file
from ..config import find_config
from ..diagnostics import Diagnostic, Severity, has_errors, language, render
from ..fileio import write_output
from ..model import Model
from .actuals import Actuals, load_actuals
from .core import evaluate_data
from .scoring import ProfileError
from .spec import file_profile, load_profile, spec_of, units_for, weight_excesses

__all__ = ["run_eval", "evaluate_model", "to_diagnostics", "render_result"]

EXIT_OK, EXIT_ERRORS = 0, 1
BINARY_FORMATS = ("pdf", "xlsx", "docx")  # the 自评表 as files: bytes
PRINTED_FORMATS = ("html", *BINARY_FORMATS)  # laid out by the printer the command line hands over
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
        out.append(Diagnostic(code=code, file=actuals.path, span=span, notes=notes, args=_args(code, args)))
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
    from .core import as_text

    return as_text(value)


def render_result(
    result: dict, fmt: str, model: Model, actuals: Actuals, profile: dict | None = None, printer=None
) -> str | bytes:
    """The evaluation as json or text, or the printed 自评表 as html, pdf, xlsx or docx: laid out by
    `printer(fmt, result, model, given, title, subtotals)` when given (perflang/backends/
    selfeval.py, which the command line hands over: this stage does not import the backends),
    else html straight from the template."""
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    from .report import render_html, render_text

    title = (profile or {}).get("title") or result["profile"]
    subtotals = bool(profile and profile["form"]["subtotals"])
    if fmt in PRINTED_FORMATS and printer is not None:
        return printer(fmt, result, model, given_figures(actuals), title, subtotals)
    if fmt == "html":
        return render_html(result, model, given_figures(actuals), title, subtotals)
    return render_text(result, title, not profile or profile["execution_in_total"])


def _echo(diags, lang: str, sources=None) -> None:
    text = render(diags, "text", sources or {}, lang)
    if text:
        click.echo(text, nl=False, err=True)


def _profile(arg: str | None, model: Model, file: str, lang: str):
    """The checked profile (--profile, else the file's 评分方案, else national), or None after
    reporting why it cannot be used; the written weights are checked against its own pools."""
    try:
        profile = load_profile(arg) if arg is not None else file_profile(model)
    except ProfileError as exc:
        _echo([Diagnostic(code="PF512", file=arg or file, args={"reason": str(exc), "reason_en": str(exc)})], lang)
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


def run_eval(file, actuals_path, profile_arg, fmt, output, lang, all_warnings: bool = False, printer=None) -> int:
    """The eval command: exit 0 (warnings allowed), 1 when the file, the profile or the actuals
    have errors (the result is still written when only some actuals are wrong).  Of the target
    file's diagnostics only those that concern scoring are shown, unless all_warnings.  printer:
    the writer of the xlsx/docx 自评表 (see render_result)."""
    lang = language(lang)
    compiled = compile_file(file, find_config(file))
    sources = {compiled.path: compiled.source} if compiled.source else {}
    # PF307 is the check's verdict for the file's own profile: eval checks the weights against
    # the profile it scores with (below), so a --profile with larger pools can score the file
    compiled_diags = [d for d in compiled.diagnostics if not (d.code == "PF307" and profile_arg is not None)]
    shown = [d for d in compiled_diags if all_warnings or concerns_scoring(d)]
    _echo(shown, lang, sources)
    hidden = len(compiled_diags) - len(shown)
    if hidden:
        from ..messages import cli_text

        click.echo(cli_text("eval.hidden", lang, count=hidden), err=True)
    if has_errors(compiled_diags) or compiled.model is None:
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
    data = render_result(result, fmt, compiled.model, actuals, profile, printer)
    if output:
        write_output(output, data, (file, actuals_path))
    elif isinstance(data, bytes):  # not a terminal: the command line refuses that beforehand
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        click.echo(data, nl=False)
    return EXIT_ERRORS if has_errors(diags) else EXIT_OK
