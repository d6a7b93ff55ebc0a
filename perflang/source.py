"""Source files, spans, and the excerpt-with-caret renderer (CJK double width)."""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import NamedTuple

from attrs import field, frozen

__all__ = [
    "Span",
    "SourceFile",
    "Decoded",
    "display_width",
    "decode",
    "lf",
    "TRUNCATED",
    "INVISIBLE",
    "visible",
    "invisible_lines",
]


class Span(NamedTuple):
    """A 1-based line/column range in a source file (end exclusive).  A named tuple, not an
    attrs class: a large file makes hundreds of thousands of them, and a tuple is made in half
    the time of a frozen attrs instance."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> "Span":
        return cls(line, column, line, column + 1)


NO_SPAN = Span(1, 1, 1, 1)

# control characters shown, one character for one, so that a line's escape sequences (ESC, OSC,
# BEL…) never reach the terminal and the caret stays aligned: C0 and DEL as their Unicode control
# pictures (ESC -> ␛), C1 as U+FFFD
CONTROL_PICTURES = {**{c: 0x2400 + c for c in range(0x20)}, 0x7F: 0x2421, **{c: 0xFFFD for c in range(0x80, 0xA0)}}

_SURROGATE = re.compile("[\ud800-\udfff]")


def shown_name(text: str) -> str:
    """A file name as a message shows it: the bytes of a name that is not UTF-8 (which Python
    holds as lone surrogates, U+DC80–U+DCFF) written as \\xNN, so it prints under any output
    encoding (b\\xff\\xfe.perf)."""
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(
        lambda m: (
            f"\\x{ord(m.group()) - 0xDC00:02x}" if "\udc80" <= m.group() <= "\udcff" else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


# an excerpt shows at most this many characters of a long line, starting a little before the span
EXCERPT_MAX, EXCERPT_BEFORE, EXCERPT_AFTER = 100, 30, 60


# Characters that change how text reads without being seen (issue 24): the bidirectional
# controls, which turn the text around them (a name that prints reversed), and the zero-width
# ones, which make two names that look the same different.  In a name or a value they are
# removed, with a warning (PF009 in a .perf file, a note on import).
INVISIBLE = (  # their names: perflang/messages.py INVISIBLE_NAMES (phrases char.XXXX)
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060"
    "\u2061\u2062\u2063\u2064\u180e\u00ad\ufeff"
)
_INVISIBLE = re.compile("[" + INVISIBLE + "]")
# shown as U+FFFD where a line or a value is printed (an excerpt under a message, a quoted value):
# a right-to-left override sent to the terminal would turn the rest of the line around there too
CONTROL_PICTURES.update({ord(c): 0xFFFD for c in INVISIBLE})
_REMOVE = {ord(c): None for c in INVISIBLE}


def visible(text: str) -> str:
    """text without the INVISIBLE characters."""
    return text.translate(_REMOVE) if _INVISIBLE.search(text) else text


def invisible_lines(text: str):
    """(line, first column, last column + 1) of each line of text holding INVISIBLE characters."""
    found: dict[int, list[int]] = {}
    starts = None
    for m in _INVISIBLE.finditer(text):
        if starts is None:
            starts = [0] + [n.end() for n in re.finditer("\n", text)]
        line = bisect.bisect_right(starts, m.start())
        column = m.start() - starts[line - 1] + 1
        span = found.setdefault(line, [column, column + 1])
        span[1] = column + 1
    return [(line, a, b) for line, (a, b) in found.items()]


def display_width(text: str) -> int:
    """Terminal columns taken by text: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@frozen
class SourceFile:
    """A decoded source text with its path; lines are split once, on demand."""

    path: str
    text: str
    _lines: list[str] | None = field(default=None, eq=False, repr=False, alias="_lines")

    def line_text(self, line: int) -> str:
        if self._lines is None:
            object.__setattr__(self, "_lines", self.text.split("\n"))
        lines = self._lines
        return lines[line - 1] if 1 <= line <= len(lines) else ""

    def excerpt(self, span: Span) -> list[str]:
        """The source line and a caret line under the span, aligned for wide characters; a
        long line is cut to a window around the span, marked with '…'."""
        text = self.line_text(span.line)
        if not text and span.line > 1 and span.column == 1:
            return []
        shown = text.replace("\t", " ").translate(CONTROL_PICTURES)  # no raw ESC/OSC to the terminal
        col = max(1, min(span.column, len(shown) + 1))
        end = span.end_column if span.end_line == span.line else len(shown) + 1
        end = max(col + 1, min(end, len(shown) + 1))
        first = max(0, col - 1 - EXCERPT_BEFORE)
        last = min(len(shown), max(end - 1, col - 1 + EXCERPT_AFTER), first + EXCERPT_MAX)
        lead = "…" if first > 0 else ""
        window = lead + shown[first:last] + ("…" if last < len(shown) else "")
        pad = display_width(lead + shown[first : col - 1])
        width = max(1, display_width(shown[col - 1 : min(end - 1, last)]))
        gutter = f"{span.line:>4} | "
        return [gutter + window, " " * (len(gutter) - 2) + "| " + " " * pad + "^" * width]


@frozen
class Decoded:
    """The text of a file, or why it is not readable text and where."""

    text: str | None
    problem: str | None = None  # 'binary' | 'utf16' | 'gbk' | 'encoding' | 'truncated'
    line: int = 1
    column: int = 1
    detail: str = ""  # the bad byte ('encoding') or the line read as GBK ('gbk')


# marks where a file was cut inside a character (see decode); U+FFFD means "data lost here"
TRUNCATED = "\ufffd"


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1


def lf(text: str) -> str:
    """text with its line breaks as LF (CRLF and a lone CR, as LSP and editors count them)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def decode(data: bytes) -> Decoded:
    """Decode file bytes as UTF-8 (BOM allowed; CRLF and CR line ends become LF).  A file cut
    inside a multi-byte character is decoded up to the cut, with TRUNCATED appended and
    problem 'truncated'; any other undecodable file gives text None and the problem's place."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Decoded(None, "utf16")
    if b"\x00" in data[:8192]:
        return Decoded(None, "binary")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    problem = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column = _position(data, err.start)
        if err.end == len(data) and err.reason == "unexpected end of data":
            text, problem = data[: err.start].decode("utf-8") + TRUNCATED, "truncated"
        else:
            return _not_utf8(data, err.start, line, column)
    text = lf(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    return Decoded(text, problem) if problem is None else Decoded(text, problem, line, column)


def _not_utf8(data: bytes, offset: int, line: int, column: int) -> Decoded:
    """GBK when the whole file reads as GB18030 (with that line as a sample), else unknown."""
    try:
        as_gbk = data.decode("gb18030")
    except UnicodeDecodeError:
        return Decoded(None, "encoding", line, column, f"0x{data[offset]:02X}")
    sample = as_gbk.replace("\r", "").split("\n")[line - 1].strip()
    return Decoded(None, "gbk", line, 1, sample[:30] + ("…" if len(sample) > 30 else ""))
