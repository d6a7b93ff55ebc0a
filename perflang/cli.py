"""The command line: perflang new | check | build | eval | import | fmt.

Every text the user reads is in the language of perflang.diagnostics.language() (--lang,
PERFLANG_LANG, the locale, else Chinese): the help texts come from the catalog (perflang/messages.py,
CLI) when they are shown, and click's own messages (Usage, Options, Error: No such option …) are
looked up in CLICK_ZH through the gettext names click calls them by.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

from . import __version__
from .backends import BACKENDS
from .errors import UserError
from .messages import CLICK_ZH, cli_text
from .syntax.skeleton import FORMS as NEW_FORMS
from .syntax.skeleton import GOALS, PLACEHOLDERS, skeleton, valid_budget, valid_name
from .workspace.findfiles import collect_files  # also perflang.entry's, which must not import click

__all__ = ["main", "cli"]

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
_STATE: dict[str, str | None] = {"lang": None}  # the language of the command running now


def _lang() -> str:
    """The running command's language (outside a perflang command: English, click's own)."""
    return _STATE["lang"] or "en"


def _t(key: str, **args) -> str:
    return cli_text(key, _lang(), **args)


def _gettext(msgid: str) -> str:
    return CLICK_ZH.get(msgid, msgid) if _lang() == "zh" else msgid


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
_METAVARS_ZH = {
    "PATHS...": "路径...",
    "FILES...": "文件...",
    "FILE": "文件",
    "INTEGER": "整数",
    "TEXT": "文本",
    "PATH": "路径",
    "[OPTIONS]": "[选项]",
    "COMMAND [ARGS]...": "命令 [参数]...",
    "FORM": "表样",
}


def _metavar(text: str) -> str:
    return _METAVARS_ZH.get(text, text) if _lang() == "zh" else text


class _Option(click.Option):
    """An option whose help is a catalog key, shown in the running command's language."""

    @property
    def help(self):
        return _t(self._help_key) if self._help_key else None

    @help.setter
    def help(self, value):
        self._help_key = value

    def make_metavar(self, ctx):
        return _metavar(super().make_metavar(ctx))


class _Argument(click.Argument):
    def make_metavar(self, ctx):
        return _metavar(super().make_metavar(ctx))


def _lazy_help_option(option):
    """click's -h/--help option (made once, cached) with its help from the catalog."""
    if option is not None and not isinstance(option, _Option):
        option.__class__ = _Option
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

    help = _from_catalog(lambda self: _t(self.help_key) if self.help_key else None)
    options_metavar = _from_catalog(lambda self: _metavar("[OPTIONS]"))


class _Command(_Localized, click.Command):
    """A command whose help is a catalog key (NAME.help)."""

    @property
    def help_key(self) -> str | None:
        return f"{self.name}.help" if self.name else None

    def get_short_help_str(self, limit: int = 45) -> str:
        first = self.help.split("\n")[0]
        for stop in ("。", ". "):
            first = first.split(stop)[0]
        return first.rstrip(".")


def _option(*decls, **kwargs):
    return click.option(*decls, cls=_Option, **kwargs)


def _argument(*decls, **kwargs):
    return click.argument(*decls, cls=_Argument, **kwargs)


LANG_OPTION = _option("--lang", type=click.Choice(["zh", "en"]), default=None, help="opt.lang")


# more warnings than this, and the text output ends with a count per code
STATISTICS_AFTER = 10


def statistics(diags, lang: str) -> str:
    """One line: the number of diagnostics per code, most frequent first (`PF403 ×13, PF402 ×1`)."""
    from collections import Counter

    counts = Counter(d.code for d in diags)
    shown = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    sep = "，" if lang == "zh" else ", "
    return cli_text("statistics", lang, counts=sep.join(f"{code} ×{n}" for code, n in shown))


def _echo_diagnostics(results, fmt: str, lang: str, err: bool = False, stats: bool = False) -> None:
    from .diagnostics import Severity, render

    diags = [d for r in results for d in r.diagnostics]
    sources = {r.path: r.source for r in results if r.source is not None}
    text = render(diags, fmt, sources, lang)
    if fmt == "text" and diags and (stats or sum(d.level is Severity.WARNING for d in diags) > STATISTICS_AFTER):
        text += statistics(diags, lang) + "\n"
    if text:
        click.echo(text, nl=False, err=err)


class _Group(_Localized, click.Group):
    command_class = _Command
    help_key = "cli.help"
    subcommand_metavar = _from_catalog(lambda self: _metavar("COMMAND [ARGS]..."))

    def main(self, args=None, prog_name=None, **kwargs):
        """Runs the command in the language chosen before click parses the command line."""
        from .diagnostics import language

        before = _STATE["lang"]
        _STATE["lang"] = language(_lang_arg(args))
        try:
            return super().main(args=args, prog_name=prog_name, **kwargs)
        finally:
            _STATE["lang"] = before

    def invoke(self, ctx):
        """A UserError (a missing tool or extra, an output that cannot be written) becomes its
        catalog message and exit code, whoever calls the command (main() or click's runner)."""
        try:
            return super().invoke(ctx)
        except UserError as exc:
            from .diagnostics import language

            click.echo(exc.message(language(_lang_arg(ctx.args))), err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, prog_name="perflang", message="%(prog)s %(version)s", cls=_Option, help="opt.version"
)
def cli():
    pass


class _FormChoice(click.Choice):
    """批复表|申报表|目标表, also spelled approval|declaration|target; shown in the command's language."""

    ENGLISH = {"approval": "批复表", "declaration": "申报表", "target": "目标表"}

    def __init__(self):
        super().__init__([*self.ENGLISH.values(), *self.ENGLISH])

    def _shown(self) -> list[str]:
        return list(self.ENGLISH) if _lang() == "en" else list(self.ENGLISH.values())

    def get_metavar(self, param, ctx):
        return "[" + "|".join(self._shown()) + "]"

    def get_invalid_choice_message(self, value, ctx):
        return _gettext("{value!r} is not one of {choices}.").format(value=value, choices=", ".join(self._shown()))

    def convert(self, value, param, ctx):
        value = super().convert(value, param, ctx)
        return self.ENGLISH.get(value, value)


@cli.command()
@_argument("file", type=click.Path(dir_okay=False))
@_option("--unit", default=None, help="new.unit")
@_option("--project", default=None, help="new.project")
@_option("--budget", default=None, help="new.budget")
@_option("--form", type=_FormChoice(), default=None, help="new.form")
@_option("--goals", type=click.Choice(["long-term", "annual", "both"]), default=None, help="new.goals")
@LANG_OPTION
def new(file, unit, project, budget, form, goals, lang):
    from .diagnostics import language

    answers = {"unit": unit, "project": project, "budget": budget, "form": form, "goals": goals}
    sys.exit(run_new(file, answers, language(lang)))


@cli.command()
@_argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@_option("--strict", is_flag=True, help="check.strict")
@_option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="check.format",
)
@_option("-j", "--jobs", type=int, default=0, help="check.jobs")
@_option("--no-cache", is_flag=True, help="check.no_cache")
@_option("--statistics", "stats", is_flag=True, help="check.statistics")
@LANG_OPTION
def check(paths, strict, fmt, jobs, no_cache, stats, lang):
    from .workspace.runner import check_files, failed

    files = collect_files(paths)
    if not files:
        click.echo(_t("check.no_files"), err=True)
    results = check_files(files, jobs=jobs, use_cache=not no_cache)
    if fmt == "json" or any(r.diagnostics for r in results):  # else nothing to show: no imports
        from .diagnostics import language

        _echo_diagnostics(results, fmt, language(lang), stats=stats)
    sys.exit(EXIT_ERRORS if failed(results, strict) else EXIT_OK)


def _outputs(files, inputs: list[Path], out: str | None, suffix: str, many: bool) -> list[Path | None]:
    """Where each input is written: stdout (None), the file -o names, or, when -o names a
    folder (several inputs, an existing folder, or a name ending in '/'), the input's name in
    it; a file found below a FOLDER argument keeps its place below FOLDER, so that two
    subfolders' files of one name do not overwrite each other."""
    from .fileio import names_folder

    if out is None:
        return [None] * len(inputs)
    if not (many or names_folder(out)):
        return [Path(out)]
    below: dict[Path, Path] = {}
    for raw in files:
        if Path(raw).is_dir():
            for f in collect_files([raw]):
                below.setdefault(f, f.relative_to(raw))
    return [Path(out) / below.get(src, Path(src.name)).with_suffix(suffix) for src in inputs]


def _collision(inputs: list[Path], dests: list[Path | None]) -> tuple | None:
    """Two inputs that would be written to one output (compared as the file system would)."""
    seen: dict[str, Path] = {}
    for src, dest in zip(inputs, dests):
        if dest is None:
            continue
        key = os.path.normcase(os.path.abspath(dest))
        if key in seen and seen[key] != src:
            return seen[key], src, dest
        seen.setdefault(key, src)
    return None


@cli.command()
@_argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@_option("--to", "target", required=True, type=click.Choice(list(BACKENDS)), help="build.to")
@_option("-o", "--output", default=None, help="build.output")
@_option("--form", default=None, metavar="FORM", help="build.form")
@LANG_OPTION
def build(files, target, output, form, lang):
    from .api import compile_file
    from .backends import get
    from .config import find_config
    from .diagnostics import language
    from .fileio import write_output

    backend = get(target)
    inputs = collect_files(files)
    many = len(inputs) > 1 or any(Path(f).is_dir() for f in files)
    if many and output is None:
        raise click.UsageError(_t("build.many"))
    if backend.binary and output is None and sys.stdout.isatty():
        raise click.UsageError(_t("build.binary", target=target))
    dests = _outputs(files, inputs, output, backend.suffix, many)
    clash = _collision(inputs, dests)
    if clash is not None:
        from .fileio import OutputError

        raise OutputError("PF905", first=str(clash[0]), second=str(clash[1]), file=str(clash[2]))
    failed = False
    for src, dest in zip(inputs, dests):
        result = compile_file(src, find_config(src))
        _echo_diagnostics([result], "text", language(lang), err=True)
        if not result.ok or result.model is None:
            failed = True
            continue
        options = {"form": _form_option(form)} if form and "form" in backend.options else {}
        if dest is not None and target == "json":  # streamed: the whole text is never held
            from .backends.json import render_chunks

            write_output(dest, render_chunks(result.model), inputs)
            continue
        data = backend.render(result.model, **options)
        if dest is None:
            if isinstance(data, bytes):
                sys.stdout.buffer.write(data)
            else:
                click.echo(data, nl=False)
        else:
            write_output(dest, data, inputs)
    sys.exit(EXIT_ERRORS if failed else EXIT_OK)


@cli.command(name="eval")
@_argument("file", type=click.Path(exists=True, dir_okay=False))
@_option("--actuals", "-a", required=True, type=click.Path(exists=True, dir_okay=False), help="eval.actuals")
@_option("--profile", "-p", default=None, help="eval.profile")
@_option(
    "--to",
    "target",
    type=click.Choice(["json", "html", "text", "pdf", "xlsx", "docx"]),
    default="text",
    show_default=True,
    help="eval.to",
)
@_option("-o", "--output", default=None, help="eval.output")
@_option("--all-warnings", is_flag=True, help="eval.all_warnings")
@LANG_OPTION
def eval_cmd(file, actuals, profile, target, output, all_warnings, lang):
    from .evaluation.command import BINARY_FORMATS, PRINTED_FORMATS, run_eval

    printer = None
    if target in BINARY_FORMATS and output is None and sys.stdout.isatty():  # binary, as `build --to xlsx`
        raise click.UsageError(_t("build.binary", target=target))
    if target in PRINTED_FORMATS:  # the printed 自评表: laid out by the backends
        from .backends.selfeval import render as printer
    sys.exit(run_eval(file, actuals, profile, target, output, lang, all_warnings=all_warnings, printer=printer))


@cli.command(name="import")
@_argument("file", type=click.Path(exists=True, dir_okay=False))
@_option("-o", "--output", default=None, help="import.output")
@LANG_OPTION
def import_cmd(file, output, lang):
    from .importers.command import run_import

    sys.exit(run_import(file, output, lang))


@cli.command()
@_argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@_option("--check", "check_only", is_flag=True, help="fmt.check")
@_option("--diff", "show_diff", is_flag=True, help="fmt.diff")
@LANG_OPTION
def fmt(paths, check_only, show_diff, lang):
    sys.exit(run_fmt(collect_files(paths), check_only, show_diff, lang))


@cli.command()
def lsp():
    from .lsp import run_stdio

    sys.exit(run_stdio())


# -- perflang fmt: format files in place (the formatting itself is perflang/syntax/formatter.py)


def _fmt_one(path, check_only: bool, show_diff: bool, lang: str) -> tuple[bool, bool]:
    """Format one file: (changed, failed).  A file with errors is left untouched."""
    import difflib
    import sys

    from .api import read_source
    from .diagnostics import plain, render
    from .fileio import OutputError, write_output
    from .source import SourceFile
    from .syntax.formatter import format_text

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
            "".join(difflib.unified_diff(old, new.splitlines(keepends=True), f"{path}", f"{path}（格式化后）"))
        )
    if check_only or show_diff:
        click.echo(("would reformat: " if lang == "en" else "需要格式化：") + str(path), err=True)
    else:
        try:  # in place: mode, symlinks and hard links kept; a read-only file left alone
            write_output(path, new)
        except OutputError as exc:
            click.echo(plain(exc.code, lang, **exc.args_), nl=False, err=True)
            return True, True
        click.echo(("reformatted: " if lang == "en" else "已格式化：") + str(path), err=True)
    return True, False


def run_fmt(files, check_only: bool, show_diff: bool, lang: str | None) -> int:
    """perflang fmt: 0 when nothing failed (and, with --check, nothing would change), else 1."""
    from .diagnostics import language

    lang = language(lang)
    changed = failed = False
    for path in files:
        c, f = _fmt_one(path, check_only, show_diff, lang)
        changed, failed = changed or c, failed or f
    return 1 if failed or (check_only and changed) else 0


# -- perflang new: the questions and the file (the skeleton is perflang/syntax/skeleton.py)


def _interactive() -> bool:
    return sys.stdin.isatty()


def run_new(file: str, answers: dict, lang: str) -> int:
    """The new command: 0 written, 2 refused (the file exists, a budget that is no number)."""
    from .fileio import write_atomic

    path = Path(file)
    if path.exists():
        click.echo(cli_text("new.exists", lang, file=file), err=True)
        return 2
    missing = [k for k in PLACEHOLDERS if answers.get(k) is None]
    if missing and _interactive():
        for key in missing:
            answers[key] = _ask(key, lang)
        missing = []
    for key in missing:
        answers[key] = PLACEHOLDERS[key]
    for key in ("unit", "project"):
        answers[key] = answers[key].strip()
        if not valid_name(answers[key]):
            click.echo(cli_text("new.empty", lang, what=cli_text(f"new.what.{key}", lang)), err=True)
            return 2
    if not valid_budget(answers["budget"]):
        click.echo(cli_text("new.bad_budget", lang, budget=answers["budget"]), err=True)
        return 2
    text = skeleton(answers["unit"], answers["project"], answers["budget"], answers["form"], answers["goals"])
    write_atomic(path, text)
    missing = [k for k in missing if k in ("unit", "project", "budget")]  # form, goals: defaults
    if missing:
        shown = (
            "、".join(cli_text(f"new.what.{k}", lang) for k in missing)
            if lang == "zh"
            else ", ".join(cli_text(f"new.what.{k}", lang) for k in missing)
        )
        click.echo(cli_text("new.placeholders", lang, what=shown), err=True)
    click.echo(cli_text("new.written", lang, file=file), err=True)
    return 0


def _ask(key: str, lang: str) -> str:
    prompt = cli_text(f"new.ask.{key}", lang)
    if key == "form":
        return click.prompt(prompt, type=click.Choice(NEW_FORMS), default="批复表")
    if key == "goals":
        return click.prompt(prompt, type=click.Choice(GOALS), default="both")
    while True:
        answer = click.prompt(prompt).strip()
        if valid_budget(answer) if key == "budget" else valid_name(answer):
            return answer
        click.echo(
            cli_text("new.bad_budget", lang, budget=answer)
            if key == "budget"
            else cli_text("new.empty", lang, what=cli_text(f"new.what.{key}", lang)),
            err=True,
        )


def main(argv=None) -> None:
    """Entry point: never a traceback for the user (set PERFLANG_DEBUG=1 to see one)."""
    # A compile makes millions of small objects that stay alive until the output is written;
    # the collector's default thresholds rescan them again and again (~30% of a large build).
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    try:
        # not click's standalone mode: it turns Ctrl-C into "Aborted!" and exit 1
        code = cli.main(args=argv, prog_name="perflang", standalone_mode=False)
    except SystemExit:
        raise
    except (KeyboardInterrupt, click.exceptions.Abort):
        from .errors import interrupted

        interrupted()
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except Exception as exc:  # an internal error: report it plainly, exit 2
        if os.environ.get("PERFLANG_DEBUG"):
            raise
        _fail(exc)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _fail(exc: Exception) -> None:
    """An exception out of a command: a file it could not write or read is said plainly (exit 1
    for an output not written, 2 otherwise); anything else is an internal error (exit 2)."""
    from .diagnostics import language, plain
    from .fileio import reason

    lang = language(_lang_arg())
    if isinstance(exc, UserError):
        click.echo(exc.message(lang), err=True)
        sys.exit(exc.exit_code)
    if isinstance(exc, OSError):
        zh, en = reason(exc)
        where = exc.filename if exc.filename is not None else _cwd()
        click.echo(plain("PF904", lang, file=os.fsdecode(where), reason=zh, reason_en=en), nl=False, err=True)
        sys.exit(EXIT_USAGE)
    click.echo(cli_text("internal", lang, error=f"{type(exc).__name__}: {exc}"), err=True)
    sys.exit(EXIT_USAGE)


def _lang_arg(args=None) -> str | None:
    """--lang VALUE / --lang=VALUE from the command line, for messages given after click."""
    args = sys.argv[1:] if args is None else list(args)
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--lang="):
            return a.split("=", 1)[1]
    return None


def _cwd() -> str:
    try:
        return os.getcwd()
    except OSError:
        return "."


def _form_option(value: str):
    """--form: a preset name or a .toml form file (relative to the current folder); a bad one
    is a usage error (exit 2) with the reason."""
    from .forms import FormError, resolve_form

    try:
        return resolve_form(value)
    except FormError as e:
        raise click.UsageError(f"--form: {e}") from None


if __name__ == "__main__":
    main()
