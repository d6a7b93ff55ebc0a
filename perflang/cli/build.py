"""`perflang build FILE... --to FORMAT [-o OUT]`: compile to one of the formats of the backend
registry (perflang/backends/__init__.py); a file with errors is not built."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

import click

from ..backends import BACKENDS
from ..workspace.findfiles import collect_files
from .localized import LANG_OPTION, Command, argument, form_names, option, text

__all__ = ["build_cmd"]


@click.command(name="build", cls=Command)
@argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@option("--to", "target", required=True, type=click.Choice(list(BACKENDS)), help="build.to")
@option("-o", "--output", default=None, help="build.output")
@option("--form", default=None, metavar="FORM", help="build.form", help_args=lambda: _form_help())
@LANG_OPTION
def build_cmd(files, target, output, form, lang):
    from ..api import compile_file
    from ..backends import get
    from ..config import find_config
    from ..diagnostics import language
    from ..fileio import output_arg
    from .show import echo_results, emit

    output = output_arg(output)  # -o - is standard output
    backend = get(target)
    inputs = collect_files(files)
    many = len(inputs) > 1 or any(Path(f).is_dir() for f in files)
    if many and output is None:
        raise click.UsageError(text("build.many"))
    if backend.binary and output is None and sys.stdout.isatty():
        raise click.UsageError(text("build.binary", target=target))
    dests = _outputs(files, inputs, output, backend.suffix, many)
    clash = _collision(inputs, dests)
    if clash is not None:
        from ..fileio import OutputError

        raise OutputError("PF905", first=str(clash[0]), second=str(clash[1]), file=str(clash[2]))
    failed = False
    for src, dest in zip(inputs, dests):
        options = {"form": _form_option(form)} if form and "form" in backend.options else {}
        streamed = _streamed(src, dest, backend, options, inputs)
        if streamed is not None:
            echo_results([streamed], "text", language(lang), err=True)
            failed |= not streamed.ok
            continue
        result = compile_file(src, find_config(src))
        echo_results([result], "text", language(lang), err=True)
        if not result.ok or result.model is None:
            failed = True
            continue
        if "output" in backend.options:  # the Java class is named after its file
            options["output"] = dest
        if dest is not None and target == "json":  # streamed: the whole text is never held
            from ..backends.json import render_chunks
            from ..fileio import write_output

            write_output(dest, render_chunks(result.model), inputs)
            continue
        emit(backend.render(result.model, **options), dest, inputs)
        if dest is not None:
            for path, companion in backend.companion_files(Path(dest)):  # the .d.ts of --to js
                emit(companion, path, inputs)
    sys.exit(1 if failed else 0)


class _Streamed(NamedTuple):
    """A file built project by project: what echo_results reads of a Result."""

    path: str
    source: object
    diagnostics: tuple
    ok: bool


class _Failed(Exception):
    """The file has errors: the output is not written."""


def _streamed(src: Path, dest: Path | None, backend, options: dict, inputs) -> _Streamed | None:
    """src built project by project (perflang/workspace/stream.py), on every core, into dest,
    when it is big, the format can be written so and dest is a file (written atomically: a file
    with errors leaves dest as it was); None when the whole text is compiled instead."""
    import itertools

    from ..config import find_config
    from ..fileio import write_output
    from ..workspace.runner import default_jobs
    from ..workspace.stream import FileStream, NotStreamable, excerpt_source, worth_streaming

    if dest is None or backend.stream is None or not worth_streaming(src) or os.path.isdir(dest):
        return None
    if os.path.exists(dest) and not os.path.isfile(dest):  # a device or a FIFO is written through
        return None
    stream = FileStream(src, find_config(src), default_jobs(), lambda m: backend.stream_renderer(m, **options))

    def chunks():
        outcomes = stream.outcomes()
        first = next(outcomes)
        pieces = (o.piece for o in itertools.chain([first], outcomes) if o.piece is not None)
        yield from backend.stream_chunks(first.model, pieces, **options)
        if not stream.ok:  # found only now (PF204, the header's): nothing is written
            raise _Failed

    try:
        write_output(dest, chunks(), inputs)
    except NotStreamable:
        return None
    except _Failed:
        pass
    diags = stream.diagnostics
    return _Streamed(str(src), excerpt_source(src, diags) if diags else None, diags, stream.ok)


def _outputs(files, inputs: list[Path], out: str | None, suffix: str, many: bool) -> list[Path | None]:
    """Where each input is written: stdout (None), the file -o names, or, when -o names a
    folder (several inputs, an existing folder, or a name ending in '/'), the input's name in
    it; a file found below a FOLDER argument keeps its place below FOLDER, so that two
    subfolders' files of one name do not overwrite each other."""
    from ..fileio import names_folder

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


def _form_help() -> dict:
    """The help's {formats} (the backends that print a form) and {names} (the preset forms)."""
    return {"formats": "/".join(b.name for b in BACKENDS.values() if "form" in b.options), **form_names()}


def _form_option(value: str):
    """--form: a preset name or a .toml form file (relative to the current folder); one that
    cannot be used is a usage error (exit 2): PF916 at its place in the form file."""
    from ..forms import resolve_form

    return resolve_form(value)
