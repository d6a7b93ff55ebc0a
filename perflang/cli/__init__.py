"""The command line: perflang new | check | build | eval | monitor | diff | import | fmt | lsp | web.

Every click command lives in this package, one module per command (new, check, build,
evaluate, monitor, diff, importing, fmt, web), with the language plumbing (localized) and what they print (show);
the stages below raise values (Diagnostic, PerflangError) and never import click.  The console
entry point is perflang.entry, which answers a clean cached re-check before click is imported.

A new command: a module here with a `@click.command(cls=Command)` function whose options use
`localized.option(…, help="KEY")`, its help texts under KEY in messages.CLI (zh + en), and one
`cli.add_command(…)` line below.
"""

from __future__ import annotations

import gc
import os
import sys

import click

from .. import __version__
from ..errors import PerflangError
from ..messages import cli_text
from .build import build_cmd
from .check import check_cmd
from .diff import diff_cmd
from .evaluate import eval_cmd
from .fmt import fmt_cmd
from .importing import import_cmd
from .localized import Command, Group, Option, lang_arg, show_error
from .monitor import monitor_cmd
from .new import new_cmd
from .web import web_cmd

__all__ = ["main", "cli"]

EXIT_OK, EXIT_USAGE = 0, 2


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="perflang", message="%(prog)s %(version)s", cls=Option, help="opt.version")
def cli():
    pass


@click.command(cls=Command)
def lsp():
    from ..lsp import run_stdio

    sys.exit(run_stdio())


for _command in (new_cmd, check_cmd, build_cmd, eval_cmd, monitor_cmd, diff_cmd, import_cmd, fmt_cmd, lsp, web_cmd):
    cli.add_command(_command)


def main(argv=None) -> None:
    """Entry point: never a traceback for the user (set PERFLANG_DEBUG=1 to see one)."""
    # A compile makes millions of small objects that stay alive until the output is written;
    # the collector's default thresholds rescan them again and again (~30% of a large build).
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    _printable_streams()
    try:
        # not click's standalone mode: it turns Ctrl-C into "Aborted!" and exit 1
        code = cli.main(args=argv, prog_name="perflang", standalone_mode=False)
    except SystemExit:
        raise
    except (KeyboardInterrupt, click.exceptions.Abort):
        from ..errors import interrupted

        interrupted()
    except click.ClickException as exc:
        show_error(exc)
        sys.exit(exc.exit_code)
    except Exception as exc:  # an internal error: report it plainly, exit 2
        if os.environ.get("PERFLANG_DEBUG"):
            raise
        _fail(exc)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _printable_streams() -> None:
    """Whatever PYTHONIOENCODING says (utf-8 with strict errors, gbk, ascii), a character the
    output cannot encode is written escaped, never an internal error (file names are shown
    with their bytes escaped anyway: source.shown_name)."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a stream that cannot be reconfigured: left as it is
                pass


def _fail(exc: Exception) -> None:
    """An exception out of a command: a file it could not write or read is said plainly (exit 1
    for an output not written, 2 otherwise); anything else is an internal error (exit 2)."""
    from ..diagnostics import language, plain
    from ..fileio import reason

    lang = language(lang_arg())
    if isinstance(exc, PerflangError):
        click.echo(exc.message(lang), err=True)
        sys.exit(exc.exit_code)
    if isinstance(exc, OSError):
        where = exc.filename if exc.filename is not None else _cwd()
        click.echo(plain("PF904", lang, file=os.fsdecode(where), reason=reason(exc)), nl=False, err=True)
        sys.exit(EXIT_USAGE)
    click.echo(cli_text("internal", lang, error=f"{type(exc).__name__}: {exc}"), err=True)
    sys.exit(EXIT_USAGE)


def _cwd() -> str:
    try:
        return os.getcwd()
    except OSError:
        return "."
