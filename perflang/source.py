"""Source files, spans, and the excerpt-with-caret renderer (CJK double width)."""

from __future__ import annotations

import unicodedata

from attrs import field, frozen

__all__ = ["Span", "SourceFile", "display_width", "decode"]


@frozen
class Span:
    """A 1-based line/column range in a source file (end exclusive)."""

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> "Span":
        return cls(line, column, line, column + 1)


NO_SPAN = Span(1, 1, 1, 1)


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
        """The source line and a caret line under the span, aligned for wide characters."""
        text = self.line_text(span.line)
        if not text and span.line > 1 and span.column == 1:
            return []
        shown = text.replace("\t", " ")
        col = max(1, min(span.column, len(shown) + 1))
        end = span.end_column if span.end_line == span.line else len(shown) + 1
        end = max(col + 1, min(end, len(shown) + 1))
        pad = display_width(shown[: col - 1])
        width = max(1, display_width(shown[col - 1 : end - 1]))
        gutter = f"{span.line:>4} | "
        return [gutter + shown, " " * (len(gutter) - 2) + "| " + " " * pad + "^" * width]


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Decode file bytes as UTF-8 (BOM allowed). Returns (text, problem) where problem names
    why it could not be decoded: 'binary', 'gbk' (it decodes as GBK) or 'encoding'."""
    if b"\x00" in data[:8192]:
        return None, "binary"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            return None, "encoding"
        return None, "gbk"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, None
