"""`perflang eval FILE --actuals A [--profile P] --to FORMAT [-o OUT]`: score the year's actual
results (perflang/evaluation/) and write the evaluation in one of the eval formats of the
backend registry (perflang/backends/evalreport.py)."""

from __future__ import annotations

import sys

import click

from ..backends import EVAL_BACKENDS
from .localized import LANG_OPTION, Command, argument, form_names, option, text

__all__ = ["eval_cmd"]


def _profile_names():
    """The profiles found (perflang/scoring/profiles.py), as the help lists them."""
    from ..messages import Listing, phrase
    from ..scoring.profiles import found

    return Listing(tuple(phrase("shown.profile", name=f.name, alias=(*f.aliases, f.name)[0]) for f in found().values()))


@click.command(name="eval", cls=Command)
@argument("file", type=click.Path(exists=True, dir_okay=False))
@option(
    "--actuals", "-a", required=True, type=click.Path(exists=True, dir_okay=False, allow_dash=True), help="eval.actuals"
)
@option("--profile", "-p", default=None, help="eval.profile", help_args=lambda: {"names": _profile_names()})
@option(
    "--to",
    "target",
    type=click.Choice(list(EVAL_BACKENDS)),
    default="text",
    show_default=True,
    help="eval.to",
)
@option("--form", "form", default=None, help="eval.form", help_args=lambda: form_names("self"))
@option("-o", "--output", default=None, help="eval.output")
@option("--all-warnings", is_flag=True, help="eval.all_warnings")
@LANG_OPTION
def eval_cmd(file, actuals, profile, target, form, output, all_warnings, lang):
    """exit 0 (warnings allowed), 1 when the file, the profile or the actuals have errors (the
    evaluation is still written when only some actuals are wrong)."""
    from ..diagnostics import language
    from ..evaluation.run import evaluate_file
    from ..fileio import output_arg
    from ..messages import cli_text
    from .show import echo_diagnostics, emit

    output = output_arg(output)  # -o - is standard output
    backend = EVAL_BACKENDS[target]
    if backend.binary and output is None and sys.stdout.isatty():  # as `build --to xlsx`
        raise click.UsageError(text("build.binary", target=target))
    lang = language(lang)
    outcome = evaluate_file(file, actuals, profile, all_warnings, form)
    echo_diagnostics(outcome.target.diagnostics, outcome.target.sources, "text", lang, err=True)
    if outcome.hidden:
        click.echo(cli_text("eval.hidden", lang, count=outcome.hidden), err=True)
    for shown in outcome.others:
        echo_diagnostics(shown.diagnostics, shown.sources, "text", lang, err=True)
    if outcome.evaluation is not None:
        emit(backend.render(outcome.evaluation), output, (file,) if actuals == "-" else (file, actuals))
    sys.exit(1 if outcome.failed else 0)
