"""What the commands print: diagnostics (with a count per code after many warnings) and a
command's output, to its -o file or to stdout."""

from __future__ import annotations

import sys
from collections import Counter

import click

from ..diagnostics import Severity, render
from ..fileio import write_output
from ..messages import cli_text

__all__ = ["echo_diagnostics", "echo_results", "statistics", "emit", "STATISTICS_AFTER"]

# more warnings than this, and the text output ends with a count per code
STATISTICS_AFTER = 10


def statistics(diags, lang: str) -> str:
    """One line: the number of diagnostics per code, most frequent first (`PF403 ×13, PF402 ×1`)."""
    counts = Counter(d.code for d in diags)
    shown = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return cli_text("statistics", lang, counts=cli_text("sep", lang).join(f"{code} ×{n}" for code, n in shown))


def echo_diagnostics(diags, sources, fmt: str, lang: str, err: bool = False, stats: bool = False) -> None:
    """Diagnostics rendered as fmt (text, json, github) in lang."""
    text = render(diags, fmt, sources, lang)
    if fmt == "text" and diags and (stats or sum(d.level is Severity.WARNING for d in diags) > STATISTICS_AFTER):
        text += statistics(diags, lang) + "\n"
    if text:
        click.echo(text, nl=False, err=err)


def echo_results(results, fmt: str, lang: str, err: bool = False, stats: bool = False) -> None:
    """The diagnostics of compile results (perflang.api.Result)."""
    diags = [d for r in results for d in r.diagnostics]
    sources = {r.path: r.source for r in results if r.source is not None}
    echo_diagnostics(diags, sources, fmt, lang, err, stats)


def emit(data: str | bytes, output, inputs=()) -> None:
    """A command's output written to output (atomically, never over one of inputs), else to
    stdout (bytes only when stdout is not a terminal: the commands refuse that beforehand)."""
    if output:
        write_output(output, data, inputs)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        click.echo(data, nl=False)
