"""`perflang check PATH...`: check files or every *.perf below folders (perflang/workspace/)."""

from __future__ import annotations

import click

from ..workspace.findfiles import collect_files
from . import Done
from .localized import LANG_OPTION, Command, argument, option, text

__all__ = ["check_cmd"]


@click.command(name="check", cls=Command)
@argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@option("--strict", is_flag=True, help="check.strict")
@option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="check.format",
)
@option("-j", "--jobs", type=int, default=0, help="check.jobs")
@option("--no-cache", is_flag=True, help="check.no_cache")
@option("--statistics", "stats", is_flag=True, help="check.statistics")
@LANG_OPTION
def check_cmd(paths, strict, fmt, jobs, no_cache, stats, lang):
    from ..workspace.runner import check_files, failed

    files = collect_files(paths)
    if not files:
        click.echo(text("check.no_files"), err=True)
    results = check_files(files, jobs=jobs, use_cache=not no_cache)
    if fmt == "json" or any(r.diagnostics for r in results):  # else nothing to show: no imports
        from ..diagnostics import language
        from .show import echo_results

        echo_results(results, fmt, language(lang), stats=stats)
    raise Done(1 if failed(results, strict) else 0)  # nothing left to do: see cli.Done
