"""The command line: perflang new | check | build | eval | monitor | diff | import | fmt | lsp | web.

Every click command lives in this package, one module per command (new, check, build,
evaluate, monitor, diff, importing, fmt, web), with the language plumbing (localized) and what they print (show);
the stages below raise values (Diagnostic, PerflangError) and never import click.  The console
entry point is perflang.entry, which answers a clean cached re-check before click is imported.

A new command: a module here with a `@click.command(cls=Command)` function whose options use
`localized.option(…, help="KEY")`, its help texts under KEY in messages.CLI (zh + en), and one
line in COMMANDS below.  A command's module is imported when that command runs or shows its
help, never before: `perflang check FILE` imports no backend, form or web server of the other
commands, and `perflang --help` lists them all from the catalog (NAME.help), importing none.
"""

from __future__ import annotations

import gc
import os
import sys

import click

from .. import __version__
from ..errors import PerflangError
from ..messages import cli_text
from .localized import Command, Group, Option, commands_title, lang_arg, load_command, short_help, show_error

__all__ = ["main", "cli", "COMMANDS"]

EXIT_OK, EXIT_USAGE = 0, 2

# The one registry of commands: name -> "module:function" of its click command.
COMMANDS = {
    "new": "perflang.cli.new:new_cmd",
    "check": "perflang.cli.check:check_cmd",
    "build": "perflang.cli.build:build_cmd",
    "eval": "perflang.cli.evaluate:eval_cmd",
    "monitor": "perflang.cli.monitor:monitor_cmd",
    "diff": "perflang.cli.diff:diff_cmd",
    "import": "perflang.cli.importing:import_cmd",
    "fmt": "perflang.cli.fmt:fmt_cmd",
    "lsp": "perflang.cli:lsp",
    "web": "perflang.cli.web:web_cmd",
}


class CommandLine(Group):
    """The perflang group: the commands of COMMANDS, each imported when first asked for."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in self.commands and name in COMMANDS:
            module, _, function = COMMANDS[name].partition(":")
            self.add_command(load_command(module, function), name)
        return self.commands.get(name)

    def resolve_command(self, ctx, args):
        """click's, with its "did you mean" among every command, not only those imported."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:
            unknown = getattr(click.exceptions, "NoSuchCommand", None)  # click 8.4 on
            if unknown is None or not isinstance(exc, unknown):
                raise
            raise unknown(exc.command_name, possibilities=list(COMMANDS), ctx=ctx) from None

    def format_commands(self, ctx, formatter):
        """The list of commands, each with the first sentence of its help (NAME.help, as
        Command.get_short_help_str gives it), without importing their modules."""
        with formatter.section(commands_title()):
            formatter.write_dl([(name, short_help(f"{name}.help")) for name in self.list_commands(ctx)])


@click.group(cls=CommandLine, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="perflang", message="%(prog)s %(version)s", cls=Option, help="opt.version")
def cli():
    pass


@click.command(cls=Command)
def lsp():
    from ..lsp import run_stdio

    sys.exit(run_stdio())


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
    except Done as done:
        _leave(done.code)
        raise
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


class Done(SystemExit):
    """A command's end, its exit code the argument, after which the process has nothing left
    to do (`check`: its output printed, its cache written): main leaves without the
    interpreter's clean-up, which frees every object one by one (~15 ms of a folder's check,
    more after a big one).  Elsewhere (click's test runner) it is the SystemExit it derives from."""


def _leave(code) -> None:
    """Flush what was printed and end the process at once (no atexit handlers, no freeing:
    nothing is left open); returns when the output cannot be flushed, for the usual exit to
    report it."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code if isinstance(code, int) else EXIT_OK)


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
