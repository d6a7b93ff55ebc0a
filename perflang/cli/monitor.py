"""`perflang monitor FILE --progress P [--profile PR] --to FORMAT [-o OUT]`: 运行监控 — the
progress of months 1-N against the targets, with the budget system's lights
(perflang/evaluation/monitoring.py), written in one of the monitor formats of the backend
registry (perflang/backends/monitorreport.py); `--template` writes a progress file to fill in."""

from __future__ import annotations

import sys

import click

from ..backends import MONITOR_BACKENDS
from .evaluate import _profile_names
from .localized import LANG_OPTION, Command, argument, option, text

__all__ = ["monitor_cmd"]


@click.command(name="monitor", cls=Command)
@argument("file", type=click.Path(exists=True, dir_okay=False))
@option("--progress", default=None, type=click.Path(exists=True, dir_okay=False), help="monitor.progress")
@option("--template", "template", is_flag=True, help="monitor.template")
@option("--month", type=click.IntRange(1, 12), default=None, help="monitor.month")
@option("--profile", "-p", default=None, help="eval.profile", help_args=lambda: {"names": _profile_names()})
@option(
    "--to",
    "target",
    type=click.Choice(list(MONITOR_BACKENDS)),
    default="text",
    show_default=True,
    help="monitor.to",
)
@option("-o", "--output", default=None, help="eval.output")
@option("--all-warnings", is_flag=True, help="eval.all_warnings")
@LANG_OPTION
def monitor_cmd(file, progress, template, month, profile, target, output, all_warnings, lang):
    """exit 0 (warnings allowed), 1 when the file, the profile or the progress have errors (the
    table is still written when only some of the progress is wrong)."""
    from ..diagnostics import language
    from ..evaluation.monitoring import monitor_file, template_text
    from ..fileio import output_arg
    from ..messages import cli_text
    from .show import echo_diagnostics, emit

    output = output_arg(output)  # -o - is standard output
    lang = language(lang)
    if template:
        outcome, written = template_text(file, month, csv=bool(output and output.lower().endswith(".csv")))
        echo_diagnostics(outcome.target.diagnostics, outcome.target.sources, "text", lang, err=True)
        if written is not None:
            emit(written, output, (file,))
        sys.exit(1 if outcome.failed else 0)
    if progress is None:
        raise click.UsageError(text("monitor.needs_progress"))
    backend = MONITOR_BACKENDS[target]
    if backend.binary and output is None and sys.stdout.isatty():  # as `build --to xlsx`
        raise click.UsageError(text("build.binary", target=target))
    outcome = monitor_file(file, progress, profile, all_warnings)
    echo_diagnostics(outcome.target.diagnostics, outcome.target.sources, "text", lang, err=True)
    if outcome.hidden:
        click.echo(cli_text("eval.hidden", lang, count=outcome.hidden), err=True)
    for shown in outcome.others:
        echo_diagnostics(shown.diagnostics, shown.sources, "text", lang, err=True)
    if outcome.evaluation is not None:
        emit(backend.render(outcome.evaluation), output, (file, progress))
    sys.exit(1 if outcome.failed else 0)
