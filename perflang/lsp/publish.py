"""The diagnostics as LSP publishes them, as JSON text: perflang's code, message (with its hint
and notes) and range, in LSP's UTF-16 positions.  A project's part is made once and kept while
the project and its place do not change (perflang.api.ProjectChecker keeps each project's
diagnostics, moved to the file's lines, as one tuple: the part is cached by it), so an edit in a
2,000-project file converts the diagnostics of one project, not of all of them."""

from __future__ import annotations

import json

from ..messages import Severity, cli_text
from .positions import Lines

__all__ = ["diagnostic_dict", "diagnostics_json"]


def _range(lines: Lines, span) -> dict:
    (l0, c0), (l1, c1) = lines.span_range(span)
    return {"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}}


def diagnostic_dict(d, lines: Lines, uri: str, lang: str) -> dict:
    """perflang's diagnostic as LSP's: the same code and message, its hint and notes."""
    message = d.message(lang)
    related = []
    for note in d.notes:
        if note.span is None:
            message += f"\n{cli_text('render.note', lang)}: {note.text(lang)}"
        else:
            related.append({"location": {"uri": uri, "range": _range(lines, note.span)}, "message": note.text(lang)})
    hint = d.hint(lang)
    if hint:
        message += f"\n{cli_text('render.help', lang)}: {hint}"
    out = {
        "range": _range(lines, d.span),
        "severity": 1 if d.level is Severity.ERROR else 2,
        "code": d.code,
        "source": "perflang",
        "message": message,
    }
    if related:
        out["relatedInformation"] = related
    return out


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def diagnostics_json(doc, lang: str) -> str:
    """The JSON array of the document's diagnostics (doc.check()'s, in the same order but for
    the header's, which come first)."""
    diags = doc.check()
    checker = doc.checker
    lines = doc.lines
    if checker.whole is not None or not checker.units:
        return "[" + ",".join(_dumps(diagnostic_dict(d, lines, doc.uri, lang)) for d in diags) + "]"
    config = checker.config
    enabled = config.enabled if config.select or config.ignore else None
    variant = (lang, config.key())
    cache = getattr(doc, "_published", None)
    if cache is None or cache[0] != variant:
        cache = doc._published = (variant, {})
    parts = cache[1]
    out = [_dumps(diagnostic_dict(d, lines, doc.uri, lang)) for d in checker.head]
    fresh = {}
    for unit in checker.units:
        own = checker.shifted(unit)
        if not own:
            continue
        got = parts.get(id(own))
        if got is None or got[0] is not own:
            kept = own if enabled is None else [d for d in own if enabled(d.code)]
            got = (own, ",".join(_dumps(diagnostic_dict(d, lines, doc.uri, lang)) for d in kept))
        fresh[id(own)] = got
        if got[1]:
            out.append(got[1])
    cache[1].clear()
    cache[1].update(fresh)
    return "[" + ",".join(out) + "]"
