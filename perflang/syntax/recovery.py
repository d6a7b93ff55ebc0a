"""Syntax errors: Lark's exceptions become named, positioned diagnostics, and the error recovery
lets one parse report several (one per line at most).

Recovery works line by line, as the language does.  On an error the tokens already read on the
line are popped off the parser's stacks, so the parser is back where the line began; then the
rest of the line is skipped (the whole block when the line opens one).  A block header met
inside a block whose "}" is missing closes the open blocks, as if the "}" were there, and the
line is read again: one forgotten "}" gives one error, not one per following line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput

from ..diagnostics import Diagnostic
from ..source import Span
from .hints import expected_names, keyword_hint, quote_hint, statement_hint
from .keywords import BLOCKS, GOALS, spellings
from .linetext import code_part, fix_fullwidth_braces, guess_extra_close, guess_unclosed, indent, stray_quote

__all__ = ["Recovery", "MAX_SYNTAX_ERRORS", "expected_names", "fix_fullwidth_braces"]

MAX_SYNTAX_ERRORS = 20
_MAX_CALLS = 5000  # on_error calls, silent ones included: a bound for pathological input

_HEADER = re.compile("(" + "|".join(spellings(BLOCKS[:1] + GOALS)) + ')(?=[ \t\u3000"{])')


class Recovery:
    """The on_error handler of one parse, with the syntax errors it found."""

    def __init__(self, text: str):
        self.text, self.errors = fix_fullwidth_braces(text)
        self.handled: set[int] = set()
        self.joined: int | None = None  # the line a string pasted across two lines ends on
        self.calls = 0

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines (split only when there is an error: a clean parse never needs them)."""
        return self.text.split("\n")

    @cached_property
    def starts(self) -> list[int]:
        """The offset where each line starts."""
        starts = [0]
        for line in self.lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        return starts

    # -- positions -----------------------------------------------------------------------
    def line_text(self, no: int) -> str:
        return self.lines[no - 1] if 1 <= no <= len(self.lines) else ""

    def _seek(self, ip, pos: int) -> None:
        """Move the lexer to pos (forward or back)."""
        ctr = ip.lexer_thread.state.line_ctr
        line = bisect_right(self.starts, pos)
        ctr.char_pos, ctr.line = pos, line
        ctr.line_start_pos = self.starts[line - 1]
        ctr.column = pos - ctr.line_start_pos + 1

    def _skip_to_end_of(self, ip, line: int) -> None:
        """Skip the rest of line: the newline stays, so following comment lines are read with it."""
        end = self.starts[line - 1] + len(self.line_text(line))
        if end > ip.lexer_thread.state.line_ctr.char_pos:
            self._seek(ip, end)

    def _block_end(self, line: int) -> int:
        """The line that closes the block opened on line (line itself when it opens none)."""
        depth = 0
        for no in range(line, len(self.lines) + 1):
            code = code_part(self.line_text(no))
            depth += code.count("{") - code.count("}")
            if depth <= 0:
                return no
        return len(self.lines)

    # -- the handler -----------------------------------------------------------------------
    def on_error(self, err: UnexpectedInput) -> bool:
        """Report (once per line) and recover; False stops the parse."""
        self.calls += 1
        token = getattr(err, "token", None)
        if self.calls > _MAX_CALLS or len(self.errors) >= MAX_SYNTAX_ERRORS:
            return False
        ip = err.interactive_parser
        if token is not None and token.type == "$END":
            self.errors.append(self._unclosed(ip, None))
            return False
        line = err.line if err.line > 0 else 1
        first = line not in self.handled
        if first and self._brace_on_next_line(err, line, ip):
            return True
        self.handled.add(line)
        _pop_line(ip, line)
        if not first:
            self._skip_to_end_of(ip, line)
            return True
        context = set(ip.choices())
        if not isinstance(err, UnexpectedCharacters) and self._missing_close(line, context, ip):
            return True
        self.joined: int | None = None
        self.errors.append(self._diagnose(err, line, context))
        end = self._block_end(self.joined or line)
        self.handled.update(range(line, end + 1))
        self._skip_to_end_of(ip, end)
        return len(self.errors) < MAX_SYNTAX_ERRORS

    def finish(self, err: UnexpectedInput) -> None:
        """The parse stopped on err (not handled by on_error): report it if it is new."""
        if len(self.errors) >= MAX_SYNTAX_ERRORS:
            return
        token = getattr(err, "token", None)
        if token is not None and token.type == "$END":
            if not self.errors or self.errors[-1].code != "PF103":
                self.errors.append(self._unclosed(getattr(err, "interactive_parser", None), None))
        elif err.line not in self.handled:
            self.errors.append(self._diagnose(err, err.line, set()))

    def _brace_on_next_line(self, err, line: int, ip) -> bool:
        """A block header without its "{": alone on the next line (`项目 名称` / `{`), or left
        out while the next line is indented deeper.  Report once and read the "{" as if it
        ended the line, so the block's content is still checked."""
        tok = getattr(err, "token", None)
        if tok is None or tok.type != "_NL" or "LBRACE" not in ip.choices():
            return False
        nxt = line + 1
        while nxt < len(self.lines) and not code_part(self.line_text(nxt)).strip():
            nxt += 1
        text = self.line_text(line)
        if code_part(self.line_text(nxt)).strip() == "{":
            hint = (f"把第 {nxt} 行的“{{”移到这一行的末尾", f"move the '{{' of line {nxt} to the end of this line")
            skip = nxt
        elif indent(self.line_text(nxt)) > indent(text):
            hint = ("在这一行的末尾加上“{”", "add '{' at the end of this line")
            skip = line
        else:
            return False
        self.errors.append(
            Diagnostic(
                code="PF101",
                span=_token_span(err, tok, text, line),
                args={
                    "token": "换行",
                    "token_en": "line break",
                    "expected": "“{”",
                    "expected_en": "'{'",
                    "hint": hint[0],
                    "hint_en": hint[1],
                },
            )
        )
        ip.feed_token(Token.new_borrow_pos("LBRACE", "{", tok))
        ip.feed_token(Token.new_borrow_pos("_NL", "\n", tok))
        self.handled.update(range(line, skip + 1))
        self._skip_to_end_of(ip, skip)
        return True

    # -- missing "}" -------------------------------------------------------------------------
    def _missing_close(self, line: int, context: set, ip) -> bool:
        """A block header inside a block that lacks its "}": report PF103, close the open
        blocks and read the line again.  False when the line is something else."""
        code = code_part(self.line_text(line)).strip()
        header = _HEADER.match(code)
        if "INDICATOR" in context and code.endswith("{") and ":" not in code and "：" not in code:
            need = {"项目": 3, "project": 3}.get(header.group(1), 2) if header else 1
        elif "LEVEL" in context and header:
            need = 2 if header.group(1) in ("项目", "project") else 1
        elif "GOAL_KW" in context and header and header.group(1) in ("项目", "project"):
            need = 1
        else:
            return False
        open_tok = _open_brace(ip)
        diag = self._unclosed(ip, line)
        for _ in range(need):
            if "RBRACE" not in ip.choices():
                return False
            ip.feed_token(Token.new_borrow_pos("RBRACE", "}", open_tok or Token("RBRACE", "}", 0, line, 1)))
            ip.feed_token(Token.new_borrow_pos("_NL", "\n", open_tok or Token("_NL", "\n", 0, line, 1)))
        self.errors.append(diag)
        start = self.starts[line - 1] + indent(self.line_text(line))
        self._seek(ip, start)
        self.handled.discard(line)
        return True

    def _unclosed(self, ip, noticed: int | None) -> Diagnostic:
        """PF103 at the "{" that most likely lacks its "}"."""
        reported = {(d.span.line, d.span.column) for d in self.errors if d.code == "PF103"}
        where = guess_unclosed(self.lines, reported) if noticed is None else None
        if where is None:
            tok = _open_brace(ip) if ip is not None else None
            where = (tok.line, tok.column) if tok is not None else (len(self.lines), 1)
        if noticed is None:
            last = max(1, len(self.lines) - 1 if self.lines[-1] == "" else len(self.lines))
            at = (
                f"文件在第 {last} 行结束时，这个块还没有结束",
                f"the file ends on line {last} with this block still open",
            )
        else:
            at = (
                f"第 {noticed} 行开始了新的块，而这个块还没有结束",
                f"line {noticed} starts a new block while this one is still open",
            )
        return Diagnostic(
            code="PF103", span=Span.point(*where), args={"open_line": where[0], "where": at[0], "where_en": at[1]}
        )

    def _unterminated(self, line: int, text: str, quote: int) -> Diagnostic:
        """PF102; when the next line closes the string (a text pasted across two lines), one
        error for both lines that says strings cannot span lines."""
        nxt = self.line_text(line + 1)
        close = nxt.find('"')
        if close < 0 or stray_quote(nxt) != close:
            return Diagnostic(code="PF102", span=Span(line, quote + 1, line, len(text.rstrip()) + 1))
        self.joined = line + 1
        joined = text[quote:].rstrip() + nxt[: close + 1].strip()
        return Diagnostic(
            code="PF102",
            span=Span(line, quote + 1, line + 1, close + 2),
            args={
                "hint": f"字符串不能跨行：把第 {line} 行和第 {line + 1} 行的文字合成一行，例如 {joined[:40]}"
                "（需要换行时写 \\n）",
                "hint_en": f"a string cannot span lines: join lines {line} and {line + 1}, e.g. {joined[:40]} "
                "(write \\n for a line break)",
            },
        )

    # -- naming the error ------------------------------------------------------------------
    def _diagnose(self, err: UnexpectedInput, line: int, context: set) -> Diagnostic:
        text = self.line_text(line)
        code = code_part(text)
        content = text.strip()
        start = indent(text) + 1
        whole = Span(line, start, line, len(text.rstrip()) + 1)
        expected = set(getattr(err, "expected", None) or getattr(err, "allowed", None) or ())
        quote = stray_quote(text)
        if quote is not None:
            return self._unterminated(line, text, quote)
        has_colon = ":" in code or "：" in code
        if "INDICATOR" in context and not has_colon and not code.strip().startswith("}"):
            return Diagnostic(code="PF104", span=whole, args={"line": content[:40]})
        if "LEVEL" in context and "INDICATOR" not in context and has_colon and not code.rstrip().endswith("{"):
            name = re.split("[:：]", content, maxsplit=1)[0].strip()
            return Diagnostic(code="PF109", span=whole, args={"name": name})
        if code.strip() == "}" and "PROJECT_KW" in context:
            guess = guess_extra_close(self.lines, line)
            guess = guess if guess != line else None
            return Diagnostic(
                code="PF111",
                span=Span.point(line, start),
                args={
                    "hint": f"按缩进看，多余的可能是第 {guess} 行的“}}”" if guess else "删除这个“}”",
                    "hint_en": f"judging by the indentation, the extra one may be on line {guess}"
                    if guess
                    else "delete this '}'",
                },
            )
        tok = getattr(err, "token", None)
        span = _token_span(err, tok, text, line)
        shown = _shown(err, tok, text)
        args = {
            "token": shown,
            "token_en": "line break" if shown == "换行" else shown,
            "expected": expected_names(expected),
            "expected_en": expected_names(expected, "en"),
        }
        if context & {"GOAL_KW", "PROJECT_KW"} and tok is not None and tok.type != "_NL" and span.column == start:
            extra = guess_extra_close(self.lines, line) if "GOAL_KW" not in context else None
            hint = keyword_hint(content) or statement_hint(code, context, extra)
            return Diagnostic(code="PF105", span=span, args={**args, **hint})
        if tok is not None and tok.type != "_NL" and (keyword_hint(tok.value.strip()) or quote_hint(tok.value)):
            args.update(keyword_hint(tok.value.strip()) or quote_hint(tok.value))
        elif tok is not None and tok.type == "_NL" and expected == {"LBRACE"}:
            args.update(hint="在这一行的末尾加上“{”", hint_en="add '{' at the end of this line")
        elif "SLASH" in expected and shown[:1] in ":：":
            args.update(
                hint="一级和二级之间用“/”分隔，例如 产出 / 数量 {",
                hint_en="separate level 1 and level 2 with '/', e.g. 产出 / 数量 {",
            )
        return Diagnostic(code="PF101", span=span, args=args)


def _pop_line(ip, line: int) -> None:
    """Pop the tokens read on line off the parser's stacks (the statement begun on it)."""
    state = ip.parser_state
    values, states = state.value_stack, state.state_stack
    while values and isinstance(values[-1], Token) and values[-1].type != "_NL" and values[-1].line == line:
        values.pop()
        states.pop()


def _open_brace(ip) -> Token | None:
    """The innermost "{" still open on the parser's stack."""
    for v in reversed(ip.parser_state.value_stack):
        if isinstance(v, Token) and v.type == "LBRACE":
            return v
    return None


def _token_span(err, tok, text: str, line: int) -> Span:
    if tok is not None and tok.type != "$END":
        if tok.type == "_NL":
            col = len(text.rstrip()) + 1
            return Span(line, col, line, col + 1)
        value = tok.value.rstrip()
        return Span(tok.line, tok.column, tok.line, tok.column + max(1, len(value.split("\n")[0])))
    col = getattr(err, "column", 1) or 1
    word = text[col - 1 :].split(None, 1)[0] if text[col - 1 :].strip() else " "
    return Span(line, col, line, col + len(word))


def _shown(err, tok, text: str) -> str:
    if tok is not None:
        return "换行" if tok.type == "_NL" else tok.value.strip()[:40]
    col = getattr(err, "column", 1) or 1
    rest = text[col - 1 :].strip()
    return (rest.split(None, 1)[0] if rest else "")[:40]
