"""The command line: perflang check | build | eval | import | fmt."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import click

from . import __version__
from .backends import BACKENDS
from .errors import UserError
from .workspace.findfiles import collect_files  # also perflang.entry's, which must not import click

__all__ = ["main", "cli"]

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
LANG_OPTION = click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
                           help="Message language (default: PERFLANG_LANG or zh).")


def _echo_diagnostics(results, fmt: str, lang: str, err: bool = False) -> None:
    from .diagnostics import render

    diags = [d for r in results for d in r.diagnostics]
    sources = {r.path: r.source for r in results if r.source is not None}
    text = render(diags, fmt, sources, lang)
    if text:
        click.echo(text, nl=False, err=err)


class _Group(click.Group):
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
@click.version_option(__version__, prog_name="perflang")
def cli():
    """perflang: 项目支出绩效目标的语言与编译器.

    \b
    例 / Example:
      perflang check examples/
      perflang build examples/ezhou-data-bureau.perf --to html -o 批复表.html
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="Diagnostic format.")
@click.option("-j", "--jobs", type=int, default=0, help="Worker processes (0: all cores).")
@click.option("--no-cache", is_flag=True, help="Do not read or write .perflang_cache/.")
@LANG_OPTION
def check(paths, strict, fmt, jobs, no_cache, lang):
    """Check .perf files (or every *.perf below a folder).

    \b
    Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage or internal error.
    Example:
      perflang check examples/ezhou-data-bureau.perf
      perflang check --format json --lang en examples/
    """
    from .workspace.runner import check_files, failed

    files = collect_files(paths)
    if not files:
        click.echo("perflang: 没有找到 .perf 文件 / no .perf file found under the given path(s)", err=True)
    results = check_files(files, jobs=jobs, use_cache=not no_cache)
    if fmt == "json" or any(r.diagnostics for r in results):  # else nothing to show: no imports
        from .diagnostics import language

        _echo_diagnostics(results, fmt, language(lang))
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
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--to", "target", required=True,
              type=click.Choice(list(BACKENDS)), help="Output format.")
@click.option("-o", "--output", default=None,
              help="Output file (one input) or folder (several inputs); default: stdout.")
@click.option("--form", default=None, metavar="FORM",
              help="Table form for html/pdf/tsv/xlsx: 批复表|申报表|目标表 (approval|declaration|target) "
                   "or a .toml form file (default: the file's 表样, else 批复表).")
@LANG_OPTION
def build(files, target, output, form, lang):
    """Compile .perf files to an output format.

    \b
    Refuses to build a file with errors (exit 1, diagnostics shown).
    Example:
      perflang build examples/ezhou-data-bureau.perf --to json
      perflang build examples/ezhou-data-bureau.perf --to html -o 批复表.html
      perflang build examples/ --to html -o out/
    """
    from .api import compile_file
    from .backends import get
    from .config import find_config
    from .diagnostics import language
    from .fileio import write_output

    backend = get(target)
    inputs = collect_files(files)
    many = len(inputs) > 1 or any(Path(f).is_dir() for f in files)
    if many and output is None:
        raise click.UsageError("several inputs need -o FOLDER / 多个输入文件需要用 -o 指定输出文件夹")
    if backend.binary and output is None and sys.stdout.isatty():
        raise click.UsageError(f"--to {target} writes binary data: give -o FILE / 请用 -o 指定输出文件")
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
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--actuals", "-a", required=True, type=click.Path(exists=True, dir_okay=False),
              help="The year's results: JSON (perflang-actuals/1) or CSV.")
@click.option("--profile", "-p", default=None,
              help="Scoring profile: 'national' (default) or a TOML file.")
@click.option("--to", "target", type=click.Choice(["json", "html", "text"]), default="text",
              show_default=True,
              help="text: a summary; json: perflang-eval/1; html: the printable 自评表.")
@click.option("-o", "--output", default=None, help="Output file (default: stdout).")
@LANG_OPTION
def eval_cmd(file, actuals, profile, target, output, lang):
    """Score the year's actual results against the targets (绩效自评).

    \b
    Example:
      perflang eval examples/ezhou-data-bureau.perf --actuals examples/ezhou-actuals.json --to html -o 自评表.html
    """
    from .evaluation.command import run_eval

    sys.exit(run_eval(file, actuals, profile, target, output, lang))


@cli.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", default=None, help="The .perf file to write (default: stdout).")
@LANG_OPTION
def import_cmd(file, output, lang):
    """Import a table people already have (the text export, .xlsx or .docx of the form) as .perf.

    \b
    Example:
      perflang import 批复表.txt -o 数据局.perf
      perflang import 批复表.xlsx -o 数据局.perf
      perflang import 批复表.docx -o 数据局.perf
    """
    from .importers.command import run_import

    sys.exit(run_import(file, output, lang))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if a file would change.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of rewriting.")
@LANG_OPTION
def fmt(paths, check_only, show_diff, lang):
    """Format .perf files in the one canonical layout (comments always kept).

    \b
    Example:
      perflang fmt examples/
      perflang fmt --check examples/
    """
    sys.exit(run_fmt(collect_files(paths), check_only, show_diff, lang))


@cli.command()
def lsp():
    """Run the language server on stdin/stdout (editors start it; needs perflang[lsp]).

    \b
    Example (an editor's configuration): cmd = perflang lsp
    See docs/editors.md.
    """
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
        sys.stdout.write("".join(difflib.unified_diff(old, new.splitlines(keepends=True),
                                                      f"{path}", f"{path}（格式化后）")))
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
        click.echo(plain("PF904", lang, file=os.fsdecode(where), reason=zh, reason_en=en),
                   nl=False, err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"perflang: 内部错误 / internal error: {type(exc).__name__}: {exc}\n"
               "请报告此问题 / please report this (PERFLANG_DEBUG=1 shows the traceback)",
               err=True)
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


if __name__ == "__main__":
    main()


def _form_option(value: str):
    """--form: a preset name or a .toml form file (relative to the current folder); a bad one
    is a usage error (exit 2) with the reason."""
    from .forms import FormError, resolve_form

    try:
        return resolve_form(value)
    except FormError as e:
        raise click.UsageError(f"--form: {e}") from None
