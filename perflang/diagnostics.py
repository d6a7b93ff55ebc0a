"""Diagnostics as values: severity, code, message (zh/en), position; rendered as text, JSON or
GitHub annotations."""

from __future__ import annotations

import json
import os
from typing import NamedTuple

from attrs import field, frozen

from .messages import CATALOG, Listing, Phrase, Severity, cli_text, localize, phrase
from .source import _INVISIBLE, CONTROL_PICTURES, NO_SPAN, SourceFile, Span, shown_name

__all__ = ["Severity", "Diagnostic", "Note", "Edit", "apply_fix", "language", "render", "has_errors", "invisible_names"]


@frozen
class Note:
    """A related place (or a bare remark when span is None).  message: a text that reads the
    same in either language (a JSON path), or a catalog Phrase put into the words of the
    language shown (text)."""

    message: str | Phrase
    span: Span | None = None

    def text(self, lang: str = "zh") -> str:
        return localize(self.message, lang)


class Edit(NamedTuple):
    """One change of a fix: the text at span (1-based, end exclusive; an empty span inserts)
    replaced by text."""

    span: Span
    text: str


def apply_fix(text: str, edits) -> str:
    """text with the edits of a fix made (they do not overlap; applied from the last)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(line: int, column: int) -> int:
        return len(text) if line > len(lines) else min(starts[line - 1] + column - 1, len(text))

    for edit in sorted(edits, key=lambda e: (e.span.line, e.span.column), reverse=True):
        a, b = offset(edit.span.line, edit.span.column), offset(edit.span.end_line, edit.span.end_column)
        text = text[:a] + edit.text + text[b:]
    return text


_KEEP = object()  # Diagnostic.replaced: the field as it is


@frozen(kw_only=True)
class Diagnostic:
    """One finding. The message text comes from the catalog, filled with args.  fix: the edits
    that make the change the hint proposes (the reading that was probably meant), when there is
    one sure enough to make: the language server offers it as a quick fix, `--format json`
    gives it, and tests/test_fixes.py applies each to the file it came from."""

    code: str
    args: dict = field(factory=dict, hash=False)
    span: Span = NO_SPAN
    file: str = ""
    path: tuple[str, ...] | None = None  # (project, goal, name) of the indicator concerned
    notes: tuple[Note, ...] = ()
    severity: Severity | None = None  # None: the catalog's severity
    fix: tuple[Edit, ...] = field(default=(), eq=False, hash=False)

    @property
    def level(self) -> Severity:
        return self.severity or CATALOG[self.code].severity

    def _args(self, lang: str) -> dict:
        """The args in lang (a catalog Phrase or Listing put into its words), each quoted as a
        message may show it: control characters visible, a long value cut (see quoted)."""
        args = {k: localize(v, lang) for k, v in self.args.items()}
        return {k: quoted(v) if isinstance(v, str) else v for k, v in args.items()}

    def message(self, lang: str = "zh") -> str:
        entry = CATALOG[self.code]
        return (entry.en if lang == "en" else entry.zh).format(**self._args(lang))

    def hint(self, lang: str = "zh") -> str | None:
        """The catalog's hint, or the diagnostic's own (arg `hint`, a catalog phrase)."""
        args = self._args(lang)
        if "hint" in args:
            return args["hint"] or None
        entry = CATALOG[self.code]
        template = entry.hint_en if lang == "en" else entry.hint_zh
        return template.format(**args) if template else None

    def sort_key(self):
        return (self.file, self.span.line, self.span.column, self.code)

    def in_file(self, path: str) -> "Diagnostic":
        return self.replaced(file=path)

    def replaced(self, *, args=_KEEP, span=_KEEP, file=_KEEP, notes=_KEEP, fix=_KEEP) -> "Diagnostic":
        """attrs.evolve(self, …) of the fields given, written out: 1.9 -> ~1 us, and a big file
        copies every diagnostic twice (in_file, api._shift); tests/test_diagnostic_copies.py
        holds the fields listed to be all of the class's, and the copies to be evolve's."""
        return Diagnostic(
            code=self.code,
            args=self.args if args is _KEEP else args,
            span=self.span if span is _KEEP else span,
            file=self.file if file is _KEEP else file,
            path=self.path,
            notes=self.notes if notes is _KEEP else notes,
            severity=self.severity,
            fix=self.fix if fix is _KEEP else fix,
        )


QUOTE_MAX = 300  # characters of one value a message quotes: a 2M-character value is not echoed whole


def quoted(text: str) -> str:
    """A value as a message quotes it: control characters as visible pictures (no escape
    sequence from a file reaches the terminal) and, past QUOTE_MAX characters, its start and
    end around '…'."""
    if len(text) > QUOTE_MAX:
        text = text[: QUOTE_MAX - 41] + "…" + text[-40:]
    return shown_name(text.translate(CONTROL_PICTURES)) if not text.isprintable() else text


def language(explicit: str | None = None) -> str:
    """The message language: --lang, else PERFLANG_LANG, else the locale when it names Chinese
    or English (LC_ALL, LC_MESSAGES, LANG: the first one set), else Chinese."""
    lang = explicit or os.environ.get("PERFLANG_LANG") or _locale_language() or "zh"
    return "en" if lang.lower().startswith("en") else "zh"


def _locale_language() -> str | None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return value if value.lower().startswith(("zh", "en")) else None
    return None


def has_errors(diags) -> bool:
    return any(d.level is Severity.ERROR for d in diags)


def render_text(diags, sources: dict[str, SourceFile], lang: str = "zh") -> str:
    out: list[str] = []
    for d in diags:
        sev = d.level
        name = shown_name(d.file)
        if not d.file and d.span == NO_SPAN:  # about the command, not a file (an unknown --profile name)
            label = sev.value if lang == "en" else sev.label_zh
            out.append(f"perflang: {label}[{d.code}]: {d.message(lang)}")
        else:
            out.append(f"{name}:{d.span.line}:{d.span.column}: {sev.value}[{d.code}]: {d.message(lang)}")
        src = sources.get(d.file)
        if src is not None and d.span != NO_SPAN:  # NO_SPAN: about the file, not a place in it
            out.extend(src.excerpt(d.span))
        for note in d.notes:
            where = f"{name}:{note.span.line}:{note.span.column}: " if note.span else ""
            out.append(f"  = {cli_text('render.note', lang)}: {where}{note.text(lang)}")
        hint = d.hint(lang)
        if hint:
            out.append(f"  = {cli_text('render.help', lang)}: {hint}")
    if diags:
        errors = sum(1 for d in diags if d.level is Severity.ERROR)
        warnings = len(diags) - errors
        out.append(cli_text("render.count", lang, errors=errors, warnings=warnings))
    return "\n".join(out) + ("\n" if out else "")


def to_dict(d: Diagnostic, lang: str = "zh") -> dict:
    path = None
    if d.path:  # (project,), (project, goal) or (project, goal, name)
        path = dict(zip(("project", "goal", "name"), (*d.path, None, None)))
    return {
        "code": d.code,
        "severity": d.level.value,
        "message": d.message(lang),
        "hint": d.hint(lang),
        "file": shown_name(d.file),
        "line": d.span.line,
        "column": d.span.column,
        "end_line": d.span.end_line,
        "end_column": d.span.end_column,
        "path": path,
        "notes": [
            {
                "message": n.text(lang),
                "line": n.span.line if n.span else None,
                "column": n.span.column if n.span else None,
            }
            for n in d.notes
        ],
        "fix": [
            {"line": s.line, "column": s.column, "end_line": s.end_line, "end_column": s.end_column, "text": t}
            for s, t in d.fix
        ]
        or None,
    }


def render_json(diags, lang: str = "zh") -> str:
    return json.dumps([to_dict(d, lang) for d in diags], ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    """Escape a workflow-command message (or, with prop, a property value such as the file)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_github(diags, lang: str = "zh") -> str:
    lines = []
    for d in diags:
        msg = d.message(lang)
        hint = d.hint(lang)
        if hint:
            msg += "\n" + hint
        lines.append(
            f"::{d.level.value} file={_gh_escape(shown_name(d.file), True)},line={d.span.line},col={d.span.column},"
            f"endLine={d.span.end_line},endColumn={d.span.end_column},title={d.code}::{_gh_escape(msg)}"
        )
    return "\n".join(lines) + ("\n" if lines else "")


def render(diags, fmt: str, sources: dict[str, SourceFile], lang: str = "zh") -> str:
    if fmt == "json":
        return render_json(diags, lang)
    if fmt == "github":
        return render_github(diags, lang)
    return render_text(diags, sources, lang)


def plain(code: str, lang: str = "zh", **args) -> str:
    """A message of the command itself rather than of a place in a file (an output it cannot
    write, an interrupt): `perflang: 错误[PF901]: …` and its hint, one line each."""
    d = Diagnostic(code=code, args=args)
    label = d.level.value if lang == "en" else d.level.label_zh
    hint = d.hint(lang)
    return f"perflang: {label}[{code}]: {d.message(lang)}\n" + (
        f"  = {cli_text('render.help', lang)}: {hint}\n" if hint else ""
    )


def invisible_names(text: str) -> Listing:
    """The INVISIBLE characters of text, each once, as a message names them (U+202E（从右到左覆盖）
    in Chinese): data for the message's language."""
    seen = dict.fromkeys(m.group() for m in _INVISIBLE.finditer(text))
    return Listing(
        tuple(phrase("invisible.char", code=f"{ord(c):04X}", name=phrase(f"char.{ord(c):04X}")) for c in seen)
    )
