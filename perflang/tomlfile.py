"""The TOML files a user gives perflang (scoring profiles, form files): where a key stands in the
text, so that a bad value is reported at its line and column (tomllib gives data, not places),
and the place of a TOML syntax error."""

from __future__ import annotations

import re

from .source import Span

__all__ = ["key_span", "error_span", "without_place"]

# a key/value line: the key (bare, "quoted" or 'literal', dotted), `=`, the value
_KEY = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_KEY_LINE = re.compile(rf"^\s*(?P<key>{_KEY}(?:\s*\.\s*{_KEY})*)\s*=\s*(?P<value>\S)?")
_HEADER = re.compile(rf"^\s*\[(?!\[)\s*(?P<key>{_KEY}(?:\s*\.\s*{_KEY})*)\s*\]")
_PART = re.compile(_KEY)
_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(p.strip("\"'") for p in _PART.findall(dotted))


def key_span(text: str, path: tuple[str, ...]) -> Span | None:
    """The span of the value of the key at path (table names, then the key) in TOML text, or
    of its table's header when path names a table; None when it is not written as a line of
    its own (an inline table, an array of tables) or not at all."""
    if not path:
        return None
    table: tuple[str, ...] = ()
    for n, line in enumerate(text.split("\n"), 1):
        header = _HEADER.match(line)
        if header:
            table = _parts(header.group("key"))
            if table == tuple(path):
                return Span(n, line.index("[") + 1, n, len(line.rstrip()) + 1)
            continue
        if line.lstrip().startswith("[["):
            table = ("[[",)  # an array of tables: none of its keys is looked up
            continue
        m = _KEY_LINE.match(line)
        if m and table + _parts(m.group("key")) == tuple(path):
            start = m.start("value") if m.group("value") else m.end()
            return Span(n, start + 1, n, len(line.rstrip()) + 1)
    return None


def error_span(message: str) -> Span | None:
    """The place tomllib names at the end of its message: `… (at line 3, column 5)`."""
    m = _AT.search(message)
    return Span.point(int(m.group(1)), int(m.group(2))) if m else None


def without_place(message: str) -> str:
    """tomllib's message without the place it names (shown as the diagnostic's own)."""
    return _AT.sub("", message)
