"""Monitoring a file's targets against the year's progress (运行监控, `perflang monitor`): the file
checked, the profile chosen (its [monitoring] lights), the progress file read and monitored by
perflang.scoring.monitor, as an Outcome (perflang/evaluation/run.py's) whose value is the
Monitoring that every `monitor --to` format (perflang/backends/monitorreport.py) prints; and the
template a unit fills in (`--template`)."""

from __future__ import annotations

import json

from attrs import frozen

from ..api import compile_file
from ..config import find_config
from ..diagnostics import Diagnostic, Note, has_errors
from ..messages import phrase
from ..model import Model
from ..scoring.monitor import TO_DATE_CODES, monitor_data, template
from ..scoring.spec import spec_of, units_for
from .actuals import catalog_args
from .progress import Progress, load_progress, template_csv
from .run import Outcome, Shown, _profile, concerns_scoring

__all__ = ["Monitoring", "monitor_file", "monitor_model", "to_diagnostics", "template_text"]

# the problems whose field is an amount of the progress, named as the 监控表 names it (the
# catalog's progress.<field>, n: the month)
FIELD_CODES = ("PF513", "PF535")
CODES = {"PF502": "PF531"}  # the structure problems of scoring.core's helpers, said of a progress file
# the problems whose message names the months 1-N月 (the period): no value to date, no budget
# light, and the engine's problems of the value to date said of it (scoring.monitor.TO_DATE_CODES)
PERIOD_CODES = frozenset(("PF538", "PF539", *TO_DATE_CODES.values()))
PROJECTED = Note(phrase("progress.projected"))


@frozen
class Monitoring:
    """A file's targets monitored against the progress, as every `monitor --to` format prints
    it: the perflang-monitor/1 result, the checked model, the profile (its title and its
    [monitoring] words) and the progress data as read."""

    result: dict
    model: Model
    profile: dict
    title: str
    progress: dict

    @property
    def month(self):
        return self.result["month"]


def monitor_model(model: Model, progress, profile: dict):
    """(perflang-monitor/1 result, problems) for progress data against a checked model."""
    spec = spec_of(model)
    return monitor_data(spec, units_for(spec), progress, profile)


def _args(code: str, args: dict, month) -> dict:
    """A problem's args as a Diagnostic's: as perflang eval's (actuals.catalog_args: the
    evaluators' twin texts one value in the message's language), an amount named as the
    监控表 names it, the period 1-N月 filled in."""
    if code in FIELD_CODES:
        out = {**args, "field": phrase("progress." + args["field"], n=month if month is not None else "N")}
    else:
        out = catalog_args(code, args)
    if code in PERIOD_CODES:
        out["period"] = f"1-{month}月" if month is not None else "1-N月"
    return out


def to_diagnostics(problems, progress: Progress, month=None) -> list[Diagnostic]:
    """The monitor's problems as diagnostics pointing into the progress file; a problem of the
    projection carries a note saying so."""
    out = []
    for problem in problems:
        code, where, args = problem[:3]
        span, notes = progress.locate(where)
        if len(problem) > 3:
            notes = (PROJECTED, *notes)
        found = _args(code, args, month)  # by the problem's own code: its twin texts are the evaluators' (PF502)
        out.append(Diagnostic(code=CODES.get(code, code), file=progress.path, span=span, notes=notes, args=found))
    return out


def _compiled(file, all_warnings: bool):
    compiled = compile_file(file, find_config(file))
    sources = {compiled.path: compiled.source} if compiled.source else {}
    shown = [d for d in compiled.diagnostics if all_warnings or concerns_scoring(d)]
    return compiled, Shown(tuple(shown), sources), len(compiled.diagnostics) - len(shown)


def monitor_file(file, progress_path, profile_arg: str | None, all_warnings: bool = False) -> Outcome:
    """`perflang monitor FILE --progress P [--profile PR]`: the file checked, the profile chosen,
    the progress read and monitored.  The Outcome's `evaluation` is the Monitoring (None when an
    error stops it); `failed` when an error was found (the table is still written when only
    some of the progress is wrong)."""
    compiled, target, hidden = _compiled(file, all_warnings)
    if has_errors(compiled.diagnostics) or compiled.model is None:
        return Outcome(target, hidden, (), None, True)
    profile, problems = _profile(profile_arg, compiled.model, str(file))
    if profile is None:
        return Outcome(target, hidden, (problems,), None, True)
    progress = load_progress(progress_path)
    diags = list(progress.diagnostics)
    if progress.data is None:
        found = Shown(tuple(diags), {progress.path: progress.source} if progress.source else {})
        return Outcome(target, hidden, (found,), None, True)
    result, problems = monitor_model(compiled.model, progress.data, profile)
    diags += to_diagnostics(problems, progress, result["month"])
    found = Shown(tuple(sorted(diags, key=Diagnostic.sort_key)), {progress.path: progress.source})
    monitoring = Monitoring(result, compiled.model, profile, profile.get("title") or result["profile"], progress.data)
    return Outcome(target, hidden, (found,), monitoring, has_errors(diags))


def template_text(file, month=None, csv: bool = False) -> tuple[Outcome, str | None]:
    """`perflang monitor FILE --template`: a progress file to fill in, every project and every
    evaluated indicator listed (JSON, or CSV with the Chinese header)."""
    compiled, target, hidden = _compiled(file, False)
    if has_errors(compiled.diagnostics) or compiled.model is None:
        return Outcome(target, hidden, (), None, True), None
    data = template(spec_of(compiled.model), month)
    text = template_csv(data) if csv else json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return Outcome(target, hidden, (), None, False), text
