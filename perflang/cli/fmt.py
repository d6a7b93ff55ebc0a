"""`perflang fmt PATH... [--check] [--diff]`: format files in place (the formatting itself is
perflang/syntax/formatter.py): comments kept, a file with errors left untouched."""

from __future__ import annotations

import sys

import click

from ..messages import cli_text
from ..workspace.findfiles import collect_files
from .localized import LANG_OPTION, Command, argument, option

__all__ = ["fmt_cmd", "run_fmt"]


@click.command(name="fmt", cls=Command)
@argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@option("--check", "check_only", is_flag=True, help="fmt.check")
@option("--diff", "show_diff", is_flag=True, help="fmt.diff")
@LANG_OPTION
def fmt_cmd(paths, check_only, show_diff, lang):
    sys.exit(run_fmt(collect_files(paths), check_only, show_diff, lang))


def _fmt_one(path, check_only: bool, show_diff: bool, lang: str) -> tuple[bool, bool]:
    """Format one file: (changed, failed).  A file with errors is left untouched."""
    import difflib

    from ..api import read_source
    from ..diagnostics import plain, render
    from ..fileio import OutputError, write_output
    from ..source import SourceFile
    from ..syntax.formatter import format_text

    text, problem = read_source(path)
    diags = [problem] if problem else []
    new = None
    if text is not None:
        new, diags = format_text(text)
        diags = [d.in_file(str(path)) for d in diags]
    if new is None:
        sources = {str(path): SourceFile(str(path), text)} if text is not None else {}
        click.echo(render(diags, "text", sources, lang), nl=False, err=True)
        return False, True
    if new.encode("utf-8") == path.read_bytes():
        return False, False
    if show_diff:
        old = path.read_bytes().decode("utf-8", errors="replace").splitlines(keepends=True)
        sys.stdout.write(
            "".join(
                difflib.unified_diff(
                    old, new.splitlines(keepends=True), f"{path}", cli_text("fmt.formatted", lang, file=path)
                )
            )
        )
    if check_only or show_diff:
        click.echo(cli_text("fmt.would", lang, file=path), err=True)
    else:
        try:  # in place: mode, symlinks and hard links kept; a read-only file left alone
            write_output(path, new)
        except OutputError as exc:
            click.echo(plain(exc.code, lang, **exc.args_), nl=False, err=True)
            return True, True
        click.echo(cli_text("fmt.done", lang, file=path), err=True)
    return True, False


def run_fmt(files, check_only: bool, show_diff: bool, lang: str | None) -> int:
    """perflang fmt: 0 when nothing failed (and, with --check, nothing would change), else 1."""
    from ..diagnostics import language

    lang = language(lang)
    changed = failed = False
    for path in files:
        c, f = _fmt_one(path, check_only, show_diff, lang)
        changed, failed = changed or c, failed or f
    return 1 if failed or (check_only and changed) else 0
