"""Reading a line of .perf text without parsing it: its code part, its braces, its indentation.
The syntax-error recovery (perflang.syntax.recovery) uses these to guess what the writer meant: which
"{" lacks its "}", which "}" is extra, which quote is stray, where a full-width brace stands."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, Edit
from ..source import Span

__all__ = [
    "code_part",
    "indent",
    "fix_fullwidth_braces",
    "stray_quote",
    "guess_unclosed",
    "guess_extra_close",
    "next_at_or_left",
]

_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def code_part(line: str) -> str:
    """The line without its comment, complete strings blanked and stray quotes dropped (so an
    unterminated string does not hide the braces the writer meant)."""
    out: list[str] = []
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == '"':
            m = _STRING.match(line, i)
            out.append(" " * (m.end() - i) if m else " ")
            i = m.end() if m else i + 1
            continue
        if ch == "#":
            break
        out.append(ch)
        i += 1
    return "".join(out)


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t\u3000"))


def fix_fullwidth_braces(text: str) -> tuple[str, list[Diagnostic]]:
    """Full-width ｛ closing a line and ｝ alone on a line are what an input method gives for
    { and }: report each (PF110) and read them as the ASCII brace (same length: spans hold)."""
    if "｛" not in text and "｝" not in text:
        return text, []
    lines = text.split("\n")
    diags = []
    for no, line in enumerate(lines, 1):
        code = code_part(line).rstrip()
        if code.endswith("｛"):
            col = len(code)
            lines[no - 1] = line[: col - 1] + "{" + line[col:]
        elif code.strip() == "｝":
            col = indent(code) + 1
            lines[no - 1] = line[: col - 1] + "}" + line[col:]
        else:
            continue
        ascii_ = lines[no - 1][col - 1]
        diags.append(
            Diagnostic(
                code="PF110",
                span=Span.point(no, col),
                args={"char": line[col - 1], "ascii": ascii_},
                fix=(Edit(Span.point(no, col), ascii_),),
            )
        )
    return "\n".join(lines), diags


def stray_quote(text: str) -> int | None:
    """The index of a quote that opens a string not closed on the line, if any."""
    i = 0
    while i < len(text):
        if text[i] == "#":
            return None
        if text[i] == '"':
            m = _STRING.match(text, i)
            if m is None:
                return i
            i = m.end()
            continue
        i += 1
    return None


def guess_unclosed(lines: list[str], reported=frozenset()) -> tuple[int, int] | None:
    """The "{" that lacks its "}", judged by indentation when it agrees with the brace count
    (one not yet reported); None to let the parser's innermost open block decide."""
    stack: list[tuple[int, int]] = []
    for no, line in enumerate(lines, 1):
        for col, ch in enumerate(code_part(line), 1):
            if ch == "{":
                stack.append((no, col))
            elif ch == "}" and stack:
                stack.pop()
    if not stack:
        return None
    suspects = []
    for no, col in _openers(lines):
        nxt = next_at_or_left(lines, no)
        if nxt is None or not lines[nxt - 1].strip().startswith("}") or indent(lines[nxt - 1]) != indent(lines[no - 1]):
            suspects.append((no, col))
    left = [s for s in suspects if s not in reported]
    return left[0] if left and len(suspects) == len(stack) else None


def _openers(lines: list[str]):
    for no, line in enumerate(lines, 1):
        code = code_part(line)
        if code.count("{") > code.count("}"):
            yield no, code.rindex("{") + 1


def next_at_or_left(lines: list[str], no: int) -> int | None:
    """The next non-blank, non-comment line indented no deeper than line no."""
    depth = indent(lines[no - 1])
    for k in range(no, len(lines)):
        text = lines[k]
        if text.strip() and not text.strip().startswith("#") and indent(text) <= depth:
            return k + 1
    return None


def guess_extra_close(lines: list[str], upto: int) -> int | None:
    """The first "}" (up to line upto) whose indentation differs from the "{" it closes."""
    stack: list[int] = []
    for no, line in enumerate(lines[:upto], 1):
        code = code_part(line)
        for ch in code:
            if ch == "{":
                stack.append(no)
            elif ch == "}":
                if not stack:
                    return no
                opened = stack.pop()
                if code.strip() == "}" and indent(line) != indent(lines[opened - 1]):
                    return no
    return None
