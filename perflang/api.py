"""The public API: compile a file or a text through the whole pipeline.

    text -> parse (Lark LALR + builder) -> resolve (model) -> check (rules) -> filter (config,
    suppression comments) -> Result
"""

from __future__ import annotations

import re
from pathlib import Path

from attrs import frozen

from .config import Config
from .diagnostics import Diagnostic, has_errors
from .model import Model, resolve
from .nodes import Document
from .source import SourceFile, Span, decode

__all__ = ["Result", "compile_text", "compile_file", "read_source"]

_SUPPRESS = re.compile(r"#\s*(?:perflang:\s*ignore|noqa)(?:\s*[:\[]\s*([A-Z0-9, ]+)\]?)?", re.I)


@frozen
class Result:
    path: str
    source: SourceFile | None
    document: Document | None
    model: Model | None
    diagnostics: tuple[Diagnostic, ...]

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
            out[c.span.line] = {x.strip().upper() for x in codes.split(",") if x.strip()} if codes else None
    return out


def _keep(d: Diagnostic, suppressed, config: Config) -> bool:
    if not config.enabled(d.code):
        return False
    codes = suppressed.get(d.span.line, ())
    return not (codes is None or d.code in codes)


def compile_text(text: str, path: str = "<stdin>", config: Config | None = None) -> Result:
    from .checker import run_rules
    from .parser import parse

    config = config or Config()
    source = SourceFile(path, text)
    doc, diags = parse(text)
    model = None
    if doc is not None:
        model = resolve(doc, path)
        diags = diags + run_rules(doc, model)
        if not doc.projects:
            diags.append(Diagnostic(code="PF003", span=Span.point(1, 1)))
    suppressed = _suppressed(doc)
    diags = sorted((d.in_file(path) for d in diags if _keep(d, suppressed, config)),
                   key=Diagnostic.sort_key)
    return Result(path, source, doc, model, tuple(diags))


def read_source(path: str | Path) -> tuple[str | None, Diagnostic | None]:
    """The decoded text of a file, or a diagnostic saying why it cannot be read."""
    p = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return None, Diagnostic(code="PF004", file=p, args={"reason": exc.strerror or str(exc)})
    text, problem = decode(data)
    if problem == "gbk":
        return None, Diagnostic(code="PF001", file=p, args={"name": p})
    if problem == "binary":
        return None, Diagnostic(code="PF002", file=p)
    if problem:
        return None, Diagnostic(code="PF005", file=p)
    return text, None


def compile_file(path: str | Path, config: Config | None = None) -> Result:
    text, problem = read_source(path)
    if problem is not None:
        return Result(str(path), None, None, None, (problem,))
    return compile_text(text, str(path), config)
