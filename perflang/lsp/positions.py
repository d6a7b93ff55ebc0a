"""Positions: perflang's spans count characters (code points, 1-based); LSP counts UTF-16 code
units (0-based).  A CJK character is one unit, a character outside the BMP (𠀀, 😀) two."""

from __future__ import annotations

__all__ = ["Lines", "utf16_len"]


def utf16_len(text: str) -> int:
    """UTF-16 code units in text."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF) if not text.isascii() else len(text)


class Lines:
    """The lines of a (normalised, LF) text, for converting positions both ways."""

    def __init__(self, text: str):
        self.text = text
        self.lines = text.split("\n")

    def line(self, no: int) -> str:
        """Line no (1-based), '' beyond the text."""
        return self.lines[no - 1] if 1 <= no <= len(self.lines) else ""

    def to_lsp(self, line: int, column: int) -> tuple[int, int]:
        """(1-based line, 1-based character column) -> (0-based line, UTF-16 character)."""
        line = max(1, min(line, len(self.lines)))
        text = self.lines[line - 1]
        column = max(1, min(column, len(text) + 1))
        return line - 1, utf16_len(text[: column - 1])

    def from_lsp(self, line: int, character: int) -> tuple[int, int]:
        """(0-based line, UTF-16 character) -> (1-based line, 1-based character column); a
        position inside a surrogate pair goes to the character's start, past the end to the end."""
        line = max(0, min(line, len(self.lines) - 1))
        text = self.lines[line]
        if text.isascii():
            return line + 1, max(0, min(character, len(text))) + 1
        units = 0
        for i, ch in enumerate(text):
            width = 2 if ord(ch) > 0xFFFF else 1
            if units + width > character:
                return line + 1, i + 1
            units += width
        return line + 1, len(text) + 1

    def span_range(self, span) -> tuple[tuple[int, int], tuple[int, int]]:
        """A perflang Span as ((line, character), (line, character)) in LSP units."""
        start = self.to_lsp(span.line, span.column)
        end = self.to_lsp(span.end_line, span.end_column)
        return start, max(start, end)

    def offset(self, line: int, column: int) -> int:
        """The string offset of a 1-based (line, column)."""
        line = max(1, min(line, len(self.lines)))
        return sum(len(x) + 1 for x in self.lines[: line - 1]) + min(column - 1, len(self.lines[line - 1]))
