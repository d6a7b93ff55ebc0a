"""The public API: compile a file or a text through the whole pipeline.

text -> parse (fast line scanner, else Lark LALR; both through the builder) -> resolve
(model) -> check (rules) -> filter (config, suppression comments) -> Result
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import field, frozen

from .config import Config
from .diagnostics import Diagnostic, Severity, has_errors
from .source import TRUNCATED, SourceFile, Span, decode, lf

if TYPE_CHECKING:  # the model and nodes are imported when a text is compiled: a check served
    from .model import Model  # from the cache never needs them
    from .syntax.nodes import Document

__all__ = ["Result", "compile_text", "recompile", "compile_file", "read_source", "decode_source", "unreadable"]

# suppression comments: "perflang: ignore[PF408]", or "noqa" with codes (PF408, PF403) after a
# colon; without codes: every code on the line
_SUPPRESS = re.compile(r"#\s*(?:perflang:\s*ignore|noqa)\b(?:\s*[:\[]\s*([\w, ]+))?", re.I)


@frozen
class Result:
    path: str
    source: SourceFile | None
    document: Document | None
    model: Model | None
    diagnostics: tuple[Diagnostic, ...]
    parsed_clean: bool = field(default=False, eq=False)  # the parser found nothing wrong

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def _suppressed(doc: Document | None) -> dict[int, set[str] | None]:
    """line -> the codes suppressed on it by a comment (None: all codes)."""
    out: dict[int, set[str] | None] = {}
    if doc is None:
        return out
    for c in doc.comments:
        m = _SUPPRESS.search(c.text)
        if m:
            codes = m.group(1)
            out[c.span.line] = {x.upper() for x in re.split(r"[,\s]+", codes) if x} if codes else None
    return out


def _keep(d: Diagnostic, suppressed, config: Config) -> bool:
    """Not switched off by the configuration nor by a comment on its line (codes are prefixes,
    as in the configuration: `# noqa: PF4` silences every PF4xx on the line)."""
    if not config.enabled(d.code):
        return False
    codes = suppressed.get(d.span.line, ())
    return not (codes is None or any(d.code.startswith(c) for c in codes))


def compile_text(text: str, path: str = "<stdin>", config: Config | None = None) -> Result:
    """Parse, resolve and check text (named path in diagnostics); never raises, whatever the
    text: every problem is a diagnostic, sorted by place."""
    from .syntax.parser import parse

    text = lf(text)  # read_source has done it for a file; a text given directly may not be
    doc, diags = parse(text)
    return _checked(text, doc, diags, path, config or Config())


def recompile(previous: Result, text: str, config: Config | None = None) -> Result:
    """compile_text(text, previous.path, config), where previous is the result of that call on
    an earlier text: when the two texts differ in one plain indicator line (`名称: 值`, the
    common edit in an editor), only that line is read again and the rest of the syntax tree is
    kept; the model and the checks are made afresh.  The result is always compile_text's
    (tests/test_lsp_incremental.py holds them equal on random edits)."""
    from .syntax.scanner import replace_line

    text = lf(text)
    config = config or Config()
    line = _changed_line(previous, text)
    if line is not None:
        doc = replace_line(previous.document, line + 1, text.split("\n", line + 1)[line])
        if doc is not None:
            return _checked(text, doc, [], previous.path, config)
    return compile_text(text, previous.path, config)


def _changed_line(previous: Result, text: str) -> int | None:
    """The index of the one line in which text differs from previous's well-parsed text."""
    if not previous.parsed_clean or previous.document is None or previous.source is None:
        return None
    old, new = previous.source.text.split("\n"), text.split("\n")
    if len(old) != len(new):
        return None
    differ = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    return differ[0] if len(differ) == 1 else None


def _checked(text: str, doc: Document | None, diags: list, path: str, config: Config) -> Result:
    """The result of a parsed text: resolved, checked, filtered, sorted."""
    from .check.rules import run_rules

    clean = doc is not None and not diags
    source = SourceFile(path, text)
    model = None
    if doc is not None:
        from .model import resolve

        model = resolve(doc, path)
        diags = diags + run_rules(doc, model)
        if not doc.projects:
            diags.append(Diagnostic(code="PF003", span=Span.point(1, 1)))
    if text.endswith(TRUNCATED):
        diags.append(Diagnostic(code="PF006", span=_end_of(text)))
    if config.problem is not None:
        diags.append(Diagnostic(code="PF008", args={"config": config.path, "reason": config.problem}))
    suppressed = _suppressed(doc)
    diags = sorted((d.in_file(path) for d in diags if _keep(d, suppressed, config)), key=Diagnostic.sort_key)
    return Result(path, source, doc, model, tuple(diags), clean)


def _end_of(text: str) -> Span:
    """The position of the last character of text."""
    line = text.count("\n") + 1
    return Span.point(line, len(text) - 1 - text.rfind("\n"))


def read_source(path: str | Path, partial: bool = False) -> tuple[str | None, Diagnostic | None]:
    """The decoded text of a file, or a diagnostic saying why it cannot be read.  A file cut
    inside a character is an error (PF006), unless partial: then its text comes back ending in
    TRUNCATED, which compile_text reports as a warning after checking what is there."""
    p = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return None, unreadable(p, exc)
    return decode_source(data, p, partial)


def unreadable(p: str, exc: OSError) -> Diagnostic:
    """PF004: the file p cannot be read."""
    return Diagnostic(code="PF004", file=p, args={"reason": exc.strerror or str(exc)})


def decode_source(data: bytes, p: str, partial: bool = False) -> tuple[str | None, Diagnostic | None]:
    """read_source on bytes already read (named p in the diagnostic)."""
    got = decode(data)
    if got.problem is None or (got.problem == "truncated" and partial):
        return got.text, None
    span = Span.point(got.line, got.column)
    code = _READ_CODES[got.problem]
    severity = Severity.ERROR if got.problem == "truncated" else None
    return None, Diagnostic(
        code=code,
        file=p,
        span=span,
        severity=severity,
        args={"name": p, "line": got.line, "column": got.column, "byte": got.detail, "sample": got.detail},
    )


_READ_CODES = {"gbk": "PF001", "binary": "PF002", "encoding": "PF005", "truncated": "PF006", "utf16": "PF007"}


def compile_file(path: str | Path, config: Config | None = None) -> Result:
    """compile_text on a file's text; a file that is not readable text gives its diagnostic."""
    text, problem = read_source(path, partial=True)
    if problem is not None:
        return Result(str(path), None, None, None, (problem,))
    return compile_text(text, str(path), config)
