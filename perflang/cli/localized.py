"""The command line's language: every text the user reads is in the language of
perflang.diagnostics.language() (--lang, PERFLANG_LANG, the locale, else Chinese).  The help texts
come from the catalog (perflang/messages.py, CLI) when they are shown, and click's own messages
(Usage, Options, Error: No such option …) are looked up in CLICK_ZH through the gettext names
click calls them by; a Chinese character takes two columns in the help's columns.

Each command is a `Command` made with `@click.command(cls=Command)`, its options and arguments
with `option(…)` / `argument(…)` here, whose `help=` is a catalog key (NAME.help for the
command itself).
"""

from __future__ import annotations

import sys

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

from ..errors import PerflangError
from ..messages import CLICK_ZH, METAVARS_ZH, cli_text

__all__ = [
    "Command",
    "Group",
    "Option",
    "option",
    "argument",
    "LANG_OPTION",
    "FormChoice",
    "text",
    "short_help",
    "commands_title",
    "load_command",
    "lang_arg",
    "running_language",
    "show_error",
]

_STATE: dict[str, str | None] = {"lang": None}  # the language of the command running now


def running_language() -> str:
    """The running command's language (outside a perflang command: English, click's own)."""
    return _STATE["lang"] or "en"


def text(key: str, **args) -> str:
    return cli_text(key, running_language(), **args)


def _gettext(msgid: str) -> str:
    return CLICK_ZH.get(msgid, msgid) if running_language() == "zh" else msgid


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


for _module in (
    click.core,
    click.decorators,
    click.exceptions,
    click.formatting,
    click.parser,
    click.termui,
    click.types,
):
    if hasattr(_module, "_"):
        _module._ = _gettext
    if hasattr(_module, "ngettext"):
        _module.ngettext = _ngettext


def _term_len(text: str) -> int:
    """The width of text on a terminal: a Chinese character takes two columns (click counts
    one, and its help columns would not line up)."""
    import unicodedata

    text = click._compat.strip_ansi(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


click.formatting.term_len = _term_len


# metavars shown in usage lines and help
def _metavar(text: str) -> str:
    return METAVARS_ZH.get(text, text) if running_language() == "zh" else text


class Option(click.Option):
    """An option whose help is a catalog key, shown in the running command's language; with
    help_args, a function that gives the text's arguments when the help is shown (the
    profiles found, for --profile)."""

    def __init__(self, *args, help_args=None, **kwargs):
        self._help_args = help_args
        super().__init__(*args, **kwargs)

    @property
    def help(self):
        if not self._help_key:
            return None
        args = getattr(self, "_help_args", None)  # click's own help option has none
        return text(self._help_key, **(args() if args else {}))

    @help.setter
    def help(self, value):
        self._help_key = value

    def make_metavar(self, ctx):
        return _metavar(super().make_metavar(ctx))


class Argument(click.Argument):
    def make_metavar(self, ctx):
        return _metavar(super().make_metavar(ctx))


def _lazy_help_option(option):
    """click's -h/--help option (made once, cached) with its help from the catalog."""
    if option is not None and not isinstance(option, Option):
        option.__class__ = Option
        option._help_key = "opt.help"
    return option


def _from_catalog(getter):
    """A property read from the catalog in the chosen language; click's own assignment of it
    (in __init__) is ignored."""
    return property(getter, lambda self, value: None)


class _Localized:
    """What click prints of a command or the group (help text, metavars, the help option), in
    the language chosen for this run."""

    help_key: str | None = None

    def get_help_option(self, ctx):
        return _lazy_help_option(super().get_help_option(ctx))

    help = _from_catalog(lambda self: text(self.help_key) if self.help_key else None)
    options_metavar = _from_catalog(lambda self: _metavar("[OPTIONS]"))

    def get_short_help_str(self, limit: int = 45) -> str:
        return short_help(self.help_key) if self.help_key else ""


def short_help(key: str) -> str:
    """A command's line in its group's list of commands: the first sentence of its help (the
    catalog's key), whole (click's own cuts it at a width, mid-word)."""
    first = text(key).split("\n")[0]
    for stop in ("。", ". "):
        first = first.split(stop)[0]
    return first.rstrip(".")


class Command(_Localized, click.Command):
    """A command whose help is a catalog key (NAME.help)."""

    @property
    def help_key(self) -> str | None:
        return f"{self.name}.help" if self.name else None


def option(*decls, **kwargs):
    return click.option(*decls, cls=Option, **kwargs)


def argument(*decls, **kwargs):
    return click.argument(*decls, cls=Argument, **kwargs)


LANG_OPTION = option("--lang", type=click.Choice(["zh", "en"]), default=None, help="opt.lang")


class Group(_Localized, click.Group):
    command_class = Command
    help_key = "cli.help"
    subcommand_metavar = _from_catalog(lambda self: _metavar("COMMAND [ARGS]..."))

    def main(self, args=None, prog_name=None, **kwargs):
        """Runs the command in the language chosen before click parses the command line."""
        from ..diagnostics import language

        before = _STATE["lang"]
        _STATE["lang"] = language(lang_arg(args))
        try:
            return super().main(args=args, prog_name=prog_name, **kwargs)
        except (click.ClickException, click.exceptions.Abort) as exc:
            # outside click's standalone mode (perflang.cli.main) the message is shown after
            # this returns: it keeps the language it was raised in
            exc.perflang_lang = _STATE["lang"]
            raise
        finally:
            _STATE["lang"] = before

    def invoke(self, ctx):
        """A PerflangError (a missing tool or extra, an output that cannot be written) becomes its
        catalog message and exit code, whoever calls the command (main() or click's runner)."""
        try:
            return super().invoke(ctx)
        except PerflangError as exc:
            from ..diagnostics import language

            click.echo(exc.message(_STATE["lang"] or language(lang_arg(ctx.args))), err=True)
            ctx.exit(exc.exit_code)


def show_error(exc: click.ClickException) -> None:
    """Show a usage error (its usage line, `Try … --help`, `Error: …`) in the language of the
    command that raised it (Group.main), all of it from the catalog (messages.CLICK_ZH)."""
    from ..diagnostics import language

    before = _STATE["lang"]
    _STATE["lang"] = getattr(exc, "perflang_lang", None) or language(lang_arg())
    try:
        exc.show()
    finally:
        _STATE["lang"] = before


def load_command(module: str, function: str) -> click.Command:
    """A command's click object, its module imported in click's own language (English) whatever
    the running command's: what click names when a command is defined (click.Path's "file" …)
    is translated when shown (_metavar), never kept in the language of the run that loaded it."""
    import importlib

    before = _STATE["lang"]
    _STATE["lang"] = None
    try:
        return getattr(importlib.import_module(module), function)
    finally:
        _STATE["lang"] = before


def commands_title() -> str:
    """The heading of a group's list of commands, as click's help writes it."""
    return _gettext("Commands")


def _missing_message(self) -> str:
    """click's MissingParameter message, with Chinese punctuation in Chinese: 缺少选项“--to”。…"""
    if running_language() != "zh":
        return _click_missing_message(self)
    hint = (
        self.param_hint
        if self.param_hint is not None
        else (self.param.get_error_hint(self.ctx) if self.param else None)
    )
    hint = click.exceptions._join_param_hints(hint)
    kind = self.param_type or (self.param.param_type_name if self.param is not None else "parameter")
    missing = _gettext({"argument": "Missing argument", "option": "Missing option"}.get(kind, "Missing parameter"))
    extra = self.param.type.get_missing_message(param=self.param, ctx=self.ctx) if self.param is not None else ""
    extra = " ".join(x for x in (self.message, extra) if x)
    return f"{missing}{' ' + hint if hint else ''}。" + (extra if extra else "")


_click_missing_message = click.exceptions.MissingParameter.format_message
click.exceptions.MissingParameter.format_message = _missing_message


def form_names(kind: str = "target"):
    """The help's {names}: the preset forms (perflang/presets/, read by perflang/forms.py) of a
    kind ("target": 批复表 …, "self": the 自评表), in the help's language."""
    from ..forms import PRESETS, SELF_PRESETS
    from ..messages import Listing, phrase

    presets = PRESETS if kind == "target" else SELF_PRESETS
    return {"names": Listing(tuple(phrase("shown.form", name=n, key=f.key) for n, f in presets.items()))}


class FormChoice(click.Choice):
    """批复表|申报表|目标表, also spelled approval|declaration|target; shown in the command's language."""

    def __init__(self):
        from ..forms import ALIASES

        self.ENGLISH = ALIASES  # key -> name: the one registry of forms (perflang/forms.py)
        super().__init__([*self.ENGLISH.values(), *self.ENGLISH])

    def _shown(self) -> list[str]:
        return list(self.ENGLISH) if running_language() == "en" else list(self.ENGLISH.values())

    def get_metavar(self, param, ctx):
        return "[" + "|".join(self._shown()) + "]"

    def get_invalid_choice_message(self, value, ctx):
        return _gettext("{value!r} is not one of {choices}.").format(value=value, choices=", ".join(self._shown()))

    def convert(self, value, param, ctx):
        value = super().convert(value, param, ctx)
        return self.ENGLISH.get(value, value)


def lang_arg(args=None) -> str | None:
    """--lang VALUE / --lang=VALUE from the command line, for messages given after click."""
    args = sys.argv[1:] if args is None else list(args)
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return None
