"""`perflang diff OLD NEW [--to text|json|html] [-o OUT]`: the 绩效目标调整表 between two versions of
a file's targets (perflang/contract/diff.py finds the changes by id; layout and comments are not
changes), printed by the diff formats of the backend registry (perflang/backends/adjustment.py)."""

from __future__ import annotations

import sys

import click

from ..backends import DIFF_BACKENDS
from .localized import LANG_OPTION, Command, argument, option

__all__ = ["diff_cmd"]


@click.command(name="diff", cls=Command)
@argument("old", type=click.Path(exists=True, dir_okay=False))
@argument("new", type=click.Path(exists=True, dir_okay=False))
@option("--to", "target", type=click.Choice(list(DIFF_BACKENDS)), default="text", show_default=True, help="diff.to")
@option("-o", "--output", default=None, help="eval.output")
@LANG_OPTION
def diff_cmd(old, new, target, output, lang):
    """exit 0 when both files compile (whether or not they differ), 1 when either has errors (the
    diagnostics say which; nothing is compared)."""
    from ..api import compile_file
    from ..config import find_config
    from ..contract.diff import Adjustment, diff_models
    from ..diagnostics import has_errors, language
    from ..fileio import output_arg
    from .show import echo_diagnostics, emit

    output = output_arg(output)  # -o - is standard output
    lang = language(lang)
    results = [compile_file(path, find_config(path)) for path in (old, new)]
    failed = False
    for result in results:
        if has_errors(result.diagnostics) or result.model is None:
            failed = True
            errors = [d for d in result.diagnostics if d.level.value == "error"] or list(result.diagnostics)
            echo_diagnostics(errors, {result.path: result.source} if result.source else {}, "text", lang, err=True)
    if failed:
        sys.exit(1)
    a, b = results
    changes = diff_models(a.model, b.model, a.source.text, b.source.text)
    emit(DIFF_BACKENDS[target].render(Adjustment(changes, a.model, b.model), lang=lang), output, (old, new))
    sys.exit(0)
