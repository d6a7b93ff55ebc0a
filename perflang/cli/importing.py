"""`perflang import FILE [-o OUT.perf]`: read an existing table into .perf (perflang/importers/)."""

from __future__ import annotations

import sys

import click

from ..messages import cli_text
from .localized import LANG_OPTION, Command, argument, option

__all__ = ["import_cmd"]


@click.command(name="import", cls=Command)
@argument("file", type=click.Path(exists=True, dir_okay=False))
@option("-o", "--output", default=None, help="import.output")
@LANG_OPTION
def import_cmd(file, output, lang):
    from ..fileio import output_arg

    sys.exit(run_import(file, output_arg(output), lang))


def run_import(file, output, lang) -> int:
    """0 everything placed and the .perf checks clean; 1 a row not placed or an error in the
    written .perf (the .perf is still written), or a file that cannot be imported; 2 a missing
    optional dependency."""
    from ..diagnostics import language
    from ..importers.convert import ImportError_, Lazy, import_file, summary
    from .show import emit

    lang = language(lang)
    try:
        text, doc = import_file(file)
    except ImportError_ as exc:
        click.echo(f"{file}: {cli_text('import.error', lang)}: {exc.text(lang)}", err=True)
        return exc.exit_code
    Lazy.lang = lang
    for note in doc.notes:
        label = cli_text("import.problem" if note.problem else "import.note", lang)
        click.echo(f"{file}:{note.where}: {label}: {note.text(lang)}", err=True)
    emit(text, output, (file,))
    click.echo(f"{file}: {summary(doc, lang)}", err=True)
    return 1 if any(n.problem for n in doc.notes) else 0
