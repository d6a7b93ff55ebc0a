"""The parser: one cached LALR instance with the builder as its transformer; syntax errors
become diagnostics (several per file, one per line at most)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from attrs import evolve
from lark import Lark, Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from .builder import Builder
from .diagnostics import Diagnostic
from .nodes import Comment, Document
from .source import Span

__all__ = ["parse", "grammar_text", "MAX_SYNTAX_ERRORS"]

MAX_SYNTAX_ERRORS = 20

# what each terminal is called in a message
_TERMINAL_NAMES = {
    "zh": {
        "RBRACE": "“}”", "LBRACE": "“{”", "INDICATOR": "三级指标行（名称: 指标值）",
        "LEVEL": "指标分组（一级 / 二级 {）", "SLASH": "“/”", "VALUE": "值", "STRING": "带引号的文字",
        "INT": "编号", "GOAL_KW": "目标（长期目标 / 年度目标）", "SAME_KW": "“同”",
        "SETTING_KW": "设置（预算、申报单位 …）", "PROJECT_KW": "“项目”", "FIELD_KW": "“字段”",
        "FUNDING_KW": "“资金”", "ATTR_KW": "属性（依据、分值、解释、上年值）", "_NL": "换行",
        "SEMICOLON": "“;”", "$END": "文件结尾",
    },
    "en": {
        "RBRACE": "'}'", "LBRACE": "'{'", "INDICATOR": "an indicator line (name: value)",
        "LEVEL": "a group (level1 / level2 {)", "SLASH": "'/'", "VALUE": "a value",
        "STRING": "a quoted text", "INT": "a number", "GOAL_KW": "a goal (长期目标 / 年度目标)",
        "SAME_KW": "'同'", "SETTING_KW": "a setting (预算, 申报单位 …)", "PROJECT_KW": "'项目'",
        "FIELD_KW": "'字段'", "FUNDING_KW": "'资金'", "ATTR_KW": "an attribute (依据, 分值 …)",
        "_NL": "a line break", "SEMICOLON": "';'", "$END": "end of file",
    },
}


def grammar_text() -> str:
    return resources.files("perflang").joinpath("grammar/perf.lark").read_text(encoding="utf-8")


class _Comments:
    """Lexer callback sink for comments; reset before each parse.  A trailing comment is a
    COMMENT token; whole-line comments travel inside the _NL token that spans them."""

    def __init__(self):
        self.items: list[Comment] = []

    def __call__(self, tok: Token) -> Token:
        span = Span(tok.line, tok.column, tok.line, tok.column + len(tok.value))
        self.items.append(Comment(text=tok.value.rstrip(), span=span))
        return tok

    def newline(self, tok: Token) -> Token:
        if "#" in tok.value:
            for k, piece in enumerate(tok.value.split("\n")[1:], 1):
                body = piece.lstrip(" \t\f\u3000")
                if body.startswith("#"):
                    col = len(piece) - len(body) + 1
                    span = Span(tok.line + k, col, tok.line + k, col + len(body.rstrip()))
                    self.items.append(Comment(text=body.rstrip(), span=span))
        return tok


_builder = Builder()
_comments = _Comments()


# how the grammar is compiled; perflang/prebuilt.py ships the resulting tables
LARK_OPTIONS = {"parser": "lalr", "lexer": "contextual", "maybe_placeholders": False, "cache": False}


@lru_cache(maxsize=1)
def _parser() -> Lark:
    from . import prebuilt

    callbacks = {"transformer": _builder,
                 "lexer_callbacks": {"COMMENT": _comments, "_NL": _comments.newline}}
    grammar = grammar_text()
    return prebuilt.load(grammar, **callbacks) or Lark(grammar, **LARK_OPTIONS, **callbacks)


def expected_names(expected, lang: str = "zh") -> str:
    names = _TERMINAL_NAMES["en" if lang == "en" else "zh"]
    shown = sorted({names.get(e, e) for e in expected if e not in ("WS", "COMMENT")})
    return "、".join(shown) if lang != "en" else ", ".join(shown)


def _open_block_line(text: str, upto_line: int | None = None) -> int:
    """The line of the innermost '{' still open (strings and comments skipped)."""
    stack: list[int] = []
    for no, line in enumerate(text.split("\n"), 1):
        in_str = False
        i = 0
        while i < len(line):
            ch = line[i]
            if in_str:
                if ch == "\\":
                    i += 1
                elif ch == '"':
                    in_str = False
            elif ch == '"':
                in_str = True
            elif ch == "#":
                break
            elif ch == "{":
                stack.append(no)
            elif ch == "}" and stack:
                stack.pop()
            i += 1
    return stack[-1] if stack else 1


def _diagnose(err: UnexpectedInput, text: str) -> Diagnostic:
    expected = set(getattr(err, "expected", None) or getattr(err, "allowed", None) or ())
    both = {"expected": expected_names(expected)}
    if isinstance(err, UnexpectedEOF) or (isinstance(err, UnexpectedToken) and err.token.type == "$END"):
        lines = text.split("\n")
        last = max(1, len(lines) - 1 if lines and lines[-1] == "" else len(lines))
        return Diagnostic(code="PF103", span=Span.point(last, 1),
                          args={"open_line": _open_block_line(text)})
    if isinstance(err, UnexpectedCharacters):
        line, col = err.line, err.column
        ch = text[err.pos_in_stream] if err.pos_in_stream < len(text) else ""
        line_text = text.split("\n")[line - 1] if line >= 1 else ""
        word = line_text[col - 1:].split(None, 1)[0] if line_text[col - 1:].strip() else ch
        end = col + max(1, len(word))
        span = Span(line, col, line, end)
        if ch == '"':
            return Diagnostic(code="PF102", span=Span(line, col, line, len(line_text) + 1))
        if "INDICATOR" in expected and ":" not in line_text and "：" not in line_text:
            return Diagnostic(code="PF104", span=Span(line, col, line, len(line_text) + 1))
        if expected & {"GOAL_KW", "SETTING_KW", "PROJECT_KW"}:
            return Diagnostic(code="PF105", span=span, args={"token": word, **both})
        return Diagnostic(code="PF101", span=span, args={"token": word, **both})
    tok = err.token
    span = Span(tok.line, tok.column, tok.end_line or tok.line,
                tok.end_column or tok.column + 1)
    shown = "换行" if tok.type == "_NL" else tok.value.strip()[:40]
    if expected & {"GOAL_KW", "SETTING_KW", "PROJECT_KW"} and tok.type != "_NL":
        return Diagnostic(code="PF105", span=span, args={"token": shown, **both})
    return Diagnostic(code="PF101", span=span, args={"token": shown, **both})


def parse(text: str) -> tuple[Document | None, list[Diagnostic]]:
    """Parse normalised text (LF line ends). Returns the document (None when the syntax is
    wrong) and the diagnostics found while parsing."""
    if not text.endswith("\n"):
        text += "\n"
    _builder.diagnostics = []
    _comments.items = []
    errors: list[Diagnostic] = []
    seen_lines: set[int] = set()

    def on_error(err: UnexpectedInput) -> bool:
        diag = _diagnose(err, text)
        if diag.span.line not in seen_lines:
            seen_lines.add(diag.span.line)
            errors.append(diag)
        if len(errors) >= MAX_SYNTAX_ERRORS or diag.code == "PF103":
            return False
        if isinstance(err, UnexpectedCharacters):
            state = err.interactive_parser.lexer_thread.state
            pos = state.line_ctr.char_pos
            nl = text.find("\n", pos)
            if nl > pos:
                state.line_ctr.feed(text[pos:nl])
        return True

    try:
        doc = _parser().parse(text, on_error=on_error)
    except UnexpectedInput as err:
        if not errors or errors[-1].code != "PF103":
            diag = _diagnose(err, text)
            if diag.span.line not in seen_lines:
                errors.append(diag)
        doc = None
    diags = _builder.diagnostics + errors
    if errors or not isinstance(doc, Document):
        return None, diags
    comments = tuple(sorted(_comments.items, key=lambda c: (c.span.line, c.span.column)))
    return evolve(doc, comments=comments), diags
