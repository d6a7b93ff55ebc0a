"""Syntax errors: Lark's exceptions become named, positioned diagnostics, and the error recovery
lets one parse report several (one per line at most) and still build the document around them,
so that the checker reports the rest of the file in the same run (issue 24).

Recovery works line by line, as the language does.  On an error the tokens already read on the
line are popped off the parser's stacks, so the parser is back where the line began.  Then:
- when the diagnostic carries a fix (the reading that was probably meant: `预箅 320` is 预算 320,
  `预算：320` is 预算 320, `名称 ≥3人` is 名称: ≥3人, a string's missing quote), the line is read
  as fixed: its tokens are fed to the parser, and the statement is in the document;
- else, when the line opens a block (`产出 数量 {`), a bare header of the block the place
  expects is fed, so the block's content is read and checked as usual;
- else the line is skipped (the whole block when the line opens one of no known kind), and its
  lines are `skipped`: the checker's findings that may follow from a missing line (no budget, no
  indicator, a 一级 missing) are not reported for that project (perflang.api).
A block header met inside a block whose "}" is missing closes the open blocks, as if the "}"
were there, and the line is read again: one forgotten "}" gives one error, not one per following
line.  At the end of the file the blocks still open are closed, so the document is whole.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput

from ..diagnostics import Diagnostic, Edit, apply_fix
from ..messages import phrase
from ..source import Span
from .hints import ascii_quotes, expected_names, keyword_hint, quote_hint, statement_hint
from .keywords import BLOCKS, GOALS, spellings
from .linetext import (
    code_part,
    fix_fullwidth_braces,
    guess_extra_close,
    guess_unclosed,
    indent,
    next_at_or_left,
    stray_quote,
)

__all__ = ["Recovery", "MAX_SYNTAX_ERRORS", "expected_names", "fix_fullwidth_braces"]

MAX_SYNTAX_ERRORS = 20
_MAX_CALLS = 5000  # on_error calls, silent ones included: a bound for pathological input

_HEADER = re.compile("(" + "|".join(spellings(BLOCKS[:1] + GOALS)) + ')(?=[ \t\u3000"{])')


class Recovery:
    """The on_error handler of one parse, with the syntax errors it found."""

    def __init__(self, text: str):
        self.text, self.errors = fix_fullwidth_braces(text)
        self.handled: set[int] = set()
        self.skipped: set[int] = set()  # lines whose statements are not in the document
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
            return self._close_all(ip, token)
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
        diag = self._diagnose(err, line, context)
        self.errors.append(diag)
        last = self.joined or line
        if self._read_as_fixed(ip, err, diag, line, last):
            self.handled.update(range(line, last + 1))
            return len(self.errors) < MAX_SYNTAX_ERRORS
        end = self._block_end(last)
        self.handled.update(range(line, end + 1))
        self.skipped.update(range(line, end + 1))
        self._skip_to_end_of(ip, end)
        return len(self.errors) < MAX_SYNTAX_ERRORS

    # -- reading on: the line as its fix reads, a block's bare header, the end of the file ------
    def _read_as_fixed(self, ip, err, diag: Diagnostic, line: int, last: int) -> bool:
        """Feed the statement of lines line..last as diag's fix makes it (or, for a line that
        opens a block, a bare header of the block expected here); the lexer then goes on after
        last.  False (nothing fed) when neither reads."""
        original = "\n".join(self.lines[line - 1 : last])
        statement = None
        if diag.fix and all(
            line <= e.span.line and e.span.end_line <= last + (e.span.end_column == 1) for e in diag.fix
        ):
            moved = [
                Edit(Span(s.line - line + 1, s.column, s.end_line - line + 1, s.end_column), t) for s, t in diag.fix
            ]
            statement = code_part(apply_fix(original, moved).split("\n")[0])
            if "\n" in apply_fix(original, moved).rstrip("\n"):
                statement = None  # a fix that adds a line (a "}") is not one statement
        tokens = None
        if statement is not None:
            tokens = statement_tokens(statement, set(ip.choices()), line, indent(self.line_text(line)) + 1)
        if tokens is None and code_part(self.line_text(last)).rstrip().endswith("{"):
            tokens = bare_header(code_part(original), set(ip.choices()), line, indent(self.line_text(line)) + 1)
        if not tokens or not _feed(ip, tokens):
            return False
        end = self.starts[last - 1] + len(self.line_text(last))
        if ip.lexer_thread.state.line_ctr.char_pos > end:  # the line break was read already
            ip.feed_token(Token.new_borrow_pos("_NL", "\n", tokens[-1]))
        else:
            self._seek(ip, end)
        return True

    def _close_all(self, ip, end_token) -> bool:
        """At the end of the file: close every block still open, so the document is whole."""
        closed = False
        while "RBRACE" in ip.choices():
            ip.feed_token(Token.new_borrow_pos("RBRACE", "}", end_token))
            ip.feed_token(Token.new_borrow_pos("_NL", "\n", end_token))
            closed = True
        return closed

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
        end = len(code_part(text).rstrip()) + 1
        fix = [Edit(Span(line, end, line, end), " {")]
        if code_part(self.line_text(nxt)).strip() == "{":
            hint = phrase("hint.brace_from_line", line=nxt)
            skip = nxt
            if self.line_text(nxt).strip() == "{":  # the line of the "{" goes (a comment after it stays)
                fix.append(Edit(Span(nxt, 1, nxt + 1, 1), ""))
            else:
                at = self.line_text(nxt).index("{")
                fix.append(Edit(Span(nxt, at + 1, nxt, at + 2), ""))
        elif indent(self.line_text(nxt)) > indent(text):
            hint = phrase("hint.brace_at_end")
            skip = line
        else:
            return False
        self.errors.append(
            Diagnostic(
                code="PF101",
                span=_token_span(err, tok, text, line),
                args={"token": phrase("token.line_break"), "expected": expected_names({"LBRACE"}), "hint": hint},
                fix=tuple(fix),
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
            at = phrase("unclosed.file_end", line=last)
        else:
            at = phrase("unclosed.new_block", line=noticed)
        return Diagnostic(
            code="PF103",
            span=Span.point(*where),
            args={"open_line": where[0], "where": at},
            fix=self._closer(where[0], noticed),
        )

    def _closer(self, opened: int, noticed: int | None) -> tuple[Edit, ...]:
        """PF103's fix: a "}" on a line of its own, indented as the line that opens the block,
        after the block's last line of code: before the line that starts the next block
        (noticed), else before the next line no deeper than the opening one, else at the end."""
        lines = self.lines
        if lines and lines[-1] == "":
            lines = lines[:-1]
        target = noticed or next_at_or_left(lines, opened) or len(lines) + 1
        last = target - 1
        while last > opened and not code_part(self.line_text(last)).strip():
            last -= 1  # blank lines and comments before the next block stay with it
        closer = self.line_text(opened)[: indent(self.line_text(opened))] + "}"
        if last >= len(lines):  # the end of the file
            end = len(self.line_text(last)) + 1
            return (Edit(Span(last, end, last, end), "\n" + closer),)
        return (Edit(Span(last + 1, 1, last + 1, 1), closer + "\n"),)

    def _unterminated(self, line: int, text: str, quote: int) -> Diagnostic:
        """PF102; when the next line closes the string (a text pasted across two lines), one
        error for both lines that says strings cannot span lines."""
        nxt = self.line_text(line + 1)
        close = nxt.find('"')
        if close < 0 or stray_quote(nxt) != close:
            return _closing_quote(line, text, quote)
        self.joined = line + 1
        joined = text[quote:].rstrip() + nxt[: close + 1].strip()
        return Diagnostic(
            code="PF102",
            span=Span(line, quote + 1, line + 1, close + 2),
            args={"hint": phrase("hint.join_lines", line=line, next_line=line + 1, joined=joined[:40])},
            # the line break and the next line's indentation taken out: one line
            fix=(Edit(Span(line, len(text.rstrip()) + 1, line + 1, indent(nxt) + 1), ""),),
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
        statement = Span(line, start, line, len(code.rstrip()) + 1)  # the code, without a comment
        if "INDICATOR" in context and not has_colon and not code.strip().startswith("}"):
            return _missing_colon(code, line, whole, statement)
        if "LEVEL" in context and "INDICATOR" not in context and has_colon and not code.rstrip().endswith("{"):
            name = re.split("[:：]", content, maxsplit=1)[0].strip()
            return Diagnostic(code="PF109", span=whole, args={"name": name})
        if code.strip() == "}" and "PROJECT_KW" in context:
            guess = guess_extra_close(self.lines, line)
            guess = guess if guess != line else None
            extra = guess or line
            return Diagnostic(
                code="PF111",
                span=Span.point(line, start),
                args={"hint": phrase("hint.extra_close", line=guess) if guess else phrase("hint.delete_close")},
                # the line of the extra "}" deleted, when the brace is all it holds
                fix=(Edit(Span(extra, 1, extra + 1, 1), ""),)
                if code_part(self.line_text(extra)).strip() == "}"
                else (),
            )
        tok = getattr(err, "token", None)
        span = _token_span(err, tok, text, line)
        shown = _shown(err, tok, text)
        args = {
            "token": phrase("token.line_break") if shown == "换行" else shown,
            "expected": expected_names(expected),
        }
        if context & {"GOAL_KW", "PROJECT_KW"} and tok is not None and tok.type != "_NL" and span.column == start:
            extra = guess_extra_close(self.lines, line) if "GOAL_KW" not in context else None
            hint = keyword_hint(code.strip()) or statement_hint(code, context, extra)
            fixed = hint.pop("fixed", None)
            fix = (Edit(statement, fixed),) if fixed else ()
            return Diagnostic(code="PF105", span=span, args={**args, **hint}, fix=fix)
        fix = ()
        value = tok.value if tok is not None else text[span.column - 1 :]
        if (tok is None or tok.type != "_NL") and (keyword_hint(value.strip()) or quote_hint(value)):
            hint = keyword_hint(value.strip()) or quote_hint(value)
            fixed = hint.pop("fixed", None)
            args.update(hint)
            if fixed is not None and tok is not None:
                fix = (Edit(span, fixed),)
            elif quote_hint(value):
                fix = (Edit(statement, ascii_quotes(code.strip())),)
        elif tok is not None and tok.type == "_NL" and expected == {"LBRACE"}:
            args.update(hint=phrase("hint.brace_at_end"))
            fix = (Edit(Span(line, statement.end_column, line, statement.end_column), " {"),)
        elif "SLASH" in expected and shown[:1] in ":：":
            args.update(hint=phrase("hint.slash"))
            before = text[: span.column - 1].rstrip(" \t\u3000")
            after = len(text) - len(text[span.column :].lstrip(" \t\u3000"))
            fix = (Edit(Span(line, len(before) + 1, line, after + 1), " / "),)
        return Diagnostic(code="PF101", span=span, args=args, fix=fix)


_VALUE_START = re.compile("[ \t\u3000]*(?=[≥≤<>=＞＜＝≧≦0-9０-９])")


def _missing_colon(code: str, line: int, whole: Span, statement: Span) -> Diagnostic:
    """PF104, and where the colon goes: before the value (its comparator or number), else at
    the last space (`完成情况 达标`); no fix when the line has no space and no number."""
    body = code.strip(" \t\u3000")
    at = None
    for m in re.finditer("[ \t\u3000]+|(?=[≥≤<>=＞＜＝≧≦])", body):
        if m.start() == 0:
            continue
        if _VALUE_START.match(body, m.start()):
            at = m
            break
    if at is None:
        spaces = [m for m in re.finditer("[ \t\u3000]+", body) if m.start() > 0 and m.end() < len(body)]
        at = spaces[-1] if spaces else None
    args = {"line": body[:40]}
    fix = ()
    if at is not None:
        fixed = f"{body[: at.start()]}: {body[at.end() :]}"
        fix = (Edit(statement, fixed),)
        args.update(hint=phrase("hint.colon", fixed=fixed[:60]))
    return Diagnostic(code="PF104", span=whole, args=args, fix=fix)


def _closing_quote(line: int, text: str, quote: int) -> Diagnostic:
    """PF102 on one line: the quote that closes the string goes at the end of the line, or
    before the "{" that ends it (a goal's text: `长期目标 1 "目标 {`).  No fix when the text ends
    in a backslash (the quote would be escaped)."""
    span = Span(line, quote + 1, line, len(text.rstrip()) + 1)
    body = text.rstrip(" \t\u3000")
    at = len(body)
    if body.endswith("{") and len(body) - 1 > quote:
        at = len(body[:-1].rstrip(" \t\u3000"))
    inside = text[quote + 1 : at]
    if (len(inside) - len(inside.rstrip("\\"))) % 2 or at <= quote:
        return Diagnostic(code="PF102", span=span)
    fixed = text[:at] + '"' + text[at : len(body)]
    args = {}
    if at < len(body):
        args = {"hint": phrase("hint.close_quote", fixed=fixed.strip()[:60])}
    return Diagnostic(code="PF102", span=span, args=args, fix=(Edit(Span(line, at + 1, line, at + 1), '"'),))


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


# -- a statement as tokens -----------------------------------------------------------------------
# The statements of the language, as the sequences of terminals they are (grammar/perf.lark);
# "?" marks an optional one.  Used to read a line as its fix writes it.
_SHAPES = (
    ("SETTING_KW", "VALUE?"),
    ("FIELD_KW", "INDICATOR"),
    ("FUNDING_KW", "INDICATOR"),
    ("PROJECT_KW", "VALUE", "LBRACE"),
    ("GOAL_KW", "INT?", "STRING?", "LBRACE"),
    ("GOAL_KW", "INT?", "SAME_KW", "GOAL_KW", "INT?"),
    ("LEVEL", "SLASH", "LEVEL", "LBRACE"),
    ("LEVEL", "LBRACE"),
    ("INDICATOR",),
)
_LBRACE = re.compile(r"\{")
_WS = " \t\f\u3000"


def _patterns() -> dict:
    from .scanner import _terminals  # the grammar's own terminal patterns

    return {**_terminals(), "LBRACE": _LBRACE}


def statement_tokens(statement: str, choices: set, line: int, column: int) -> list[Token] | None:
    """The tokens of one statement (its code, no comment) as the grammar reads it, placed on
    line from column; None when it is none of the statements that may stand here."""
    text = statement.strip(_WS)
    patterns = _patterns()
    for shape in _SHAPES:
        if shape[0] not in choices:
            continue
        found = _match(text, 0, shape, patterns)
        if found is not None:
            return [
                Token(kind, value, 0, line, column + at, line, column + at + len(value), 0) for kind, value, at in found
            ]
    return None


def _match(text: str, pos: int, shape: tuple, patterns: dict) -> list | None:
    """(terminal, value, offset) for each terminal of shape read from text[pos:], to its end."""
    while pos < len(text) and text[pos] in _WS:
        pos += 1
    if not shape:
        return [] if pos == len(text) else None
    name = shape[0].rstrip("?")
    m = patterns[name].match(text + "\n", pos)
    if m is not None and 0 < m.end() - pos and m.end() <= len(text):
        value = m.group()
        if name in ("VALUE", "INDICATOR"):
            value = value.rstrip(_WS)  # as the lexer gives them, without the spaces after
        rest = _match(text, pos + len(value), shape[1:], patterns)
        if rest is not None:
            return [(name, value, pos), *rest]
    if shape[0].endswith("?"):
        return _match(text, pos, shape[1:], patterns)
    return None


_SPLIT_LEVELS = re.compile("[" + _WS + '/／:："“”]+')


def bare_header(code: str, choices: set, line: int, column: int) -> list[Token] | None:
    """The header of the block a broken line opens, in its barest form, so that the block's
    content is read: `项目 名称 {` at the top, a goal keyword and "{" in a project, `一级 / 二级 {`
    in a goal (the words of the line, when they are one or two)."""
    body = code.strip(_WS).removesuffix("{").strip(_WS)

    def tok(kind: str, value: str) -> Token:
        return Token(kind, value, 0, line, column, line, column + len(value), 0)

    if "LEVEL" in choices:
        words = [w for w in _SPLIT_LEVELS.split(body) if w and not set(w) & set("{}#;")]
        if 1 <= len(words) <= 2:
            levels = [tok("LEVEL", words[0])]
            if len(words) == 2:
                levels += [tok("SLASH", "/"), tok("LEVEL", words[1])]
            return [*levels, tok("LBRACE", "{")]
        return None
    if "GOAL_KW" in choices:
        kw = next((k for k in spellings(GOALS) if body.startswith(k)), None)
        return [tok("GOAL_KW", kw), tok("LBRACE", "{")] if kw else None
    if "PROJECT_KW" in choices:
        kw = next((k for k in spellings(BLOCKS[:1]) if body.startswith(k)), None)
        name = body[len(kw) :] if kw else body
        name = name.strip(_WS + '"“”')
        if not name or set(name) & set('{}#;"'):
            return None
        return [tok("PROJECT_KW", kw or "项目"), tok("VALUE", name), tok("LBRACE", "{")]
    return None


def _feed(ip, tokens: list[Token]) -> bool:
    """Feed tokens to the parser when it accepts them all (tried first on a copy that calls no
    builder callback); False, and nothing fed, when it does not."""
    from copy import copy

    trial = ip.copy(deepcopy_values=False)
    conf = copy(trial.parser_state.parse_conf)
    conf.callbacks = {}
    trial.parser_state.parse_conf = conf
    for t in tokens:
        if t.type not in trial.choices():
            return False
        try:
            trial.feed_token(t)
        except UnexpectedInput:
            return False
    for t in tokens:
        ip.feed_token(t)
    return True
