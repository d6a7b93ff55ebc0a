"""Code actions on the diagnostics at a range: the fix a diagnostic carries (Diagnostic.fix, the
change its hint proposes: a did-you-mean, full-width braces, the unit or comparator, invisible
characters removed, and for syntax errors a string closed, the `}` a block lacks, an extra `}`
deleted, a block's `{` at the end of its header, the colon of an indicator line, the name of a line
with two colons quoted …), the other did-you-mean names (and the value quoted instead of the
name), `# noqa: CODE` for a warning.

A fix is `safe` when it cannot mean anything but what the writer meant (a full-width brace,
invisible characters, a string closed on its line, the `{` a header lacks, the colon between a
one-word name and its value, a did-you-mean with one candidate): source.fixAll (fix_all) applies
those, never a guess."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..messages import Phrase, Severity, localize, phrase
from ..syntax.linetext import code_part

__all__ = ["Action", "actions_for", "fix_all"]

_NOQA = re.compile(r"#\s*noqa\b(?:\s*:\s*([\w, ]+))?", re.I)


class Action(NamedTuple):
    title: str
    code: str  # the diagnostic's code
    edits: tuple  # ((line, column, end line, end column), new text), 1-based file positions
    preferred: bool = False
    diagnostic: object = None
    safe: bool = False  # applied by source.fixAll


def _span(s) -> tuple[int, int, int, int]:
    return (s.line, s.column, s.end_line, s.end_column)


def did_you_mean(d) -> list[str]:
    """The names a PF201/PF202/PF409 suggests (the rule passes them as data; a name's owner
    left out)."""
    suggest = d.args.get("suggest")
    if not isinstance(suggest, Phrase) or suggest.key != "suggest.did_you_mean":
        return []
    return [n.args["name"] if isinstance(n, Phrase) else n for n in suggest.args["names"].items]


def actions_for(d, lines, lang: str = "zh") -> list[Action]:
    en = lang == "en"
    out: list[Action] = []
    span = _span(d.span)
    fix = tuple((_span(s), text) for s, text in d.fix)
    if d.code in ("PF201", "PF202", "PF409"):
        names = did_you_mean(d)
        for name in names:
            edits = fix if fix and not out else ((span, name),)  # the first: the fix, 一级 included
            out.append(
                Action(
                    _title("action.replace", lang, name=name),
                    d.code,
                    edits,
                    preferred=not out,
                    diagnostic=d,
                    safe=len(names) == 1 and edits == fix,
                )
            )
    elif fix:
        out.append(Action(_fix_title(d, fix, lines, lang), d.code, fix, True, d, _safe(d, fix, lines)))
        other = d.args.get("other")
        if d.code == "PF113" and isinstance(other, str) and other:  # or the colon is the value's
            out.append(Action(_title("action.quote_value", lang, line=other), d.code, ((span, other),), diagnostic=d))
    if d.level is Severity.WARNING and d.span.line >= 1:
        out.append(_noqa(d, lines, en))
    return out


def _title(key: str, lang: str, **args) -> str:
    return localize(phrase(key, **args), lang)


def _fix_title(d, fix, lines, lang: str) -> str:
    """What applying a diagnostic's fix does, in words."""
    if d.code == "PF110":
        return _title("action.brace", lang, ascii=fix[0][1])
    if d.code == "PF009":
        return _title("action.invisible", lang)
    if d.code in ("PF402", "PF403"):
        return _title("action.unit" if d.code == "PF402" else "action.comparator", lang, example=fix[0][1])
    if d.code == "PF101" and _brace_hint(d):
        return _title("action.brace_at_end", lang)
    if d.code == "PF102":
        if d.span.end_line != d.span.line:
            return _title("action.join_lines", lang)
        (line, column, _, _), _text = fix[0]
        before = code_part(lines.line(line))[column - 1 :].strip() == "{"
        return _title("action.close_string_before" if before else "action.close_string", lang)
    if d.code == "PF103":
        (line, column, _, _), text = fix[0]
        if text.startswith("\n"):
            return _title("action.close_block_end", lang)
        return _title("action.close_block", lang, line=line)
    if d.code == "PF111":
        return _title("action.delete_close", lang)
    if d.code == "PF104":
        return _title("action.write_as", lang, fixed=fix[0][1].strip())
    if d.code == "PF113":
        return _title("action.quote_name", lang, line=fix[0][1].strip())
    if len(fix) == 1 and fix[0][1].strip():
        return _title("action.replace", lang, name=fix[0][1].strip())
    return _title("action.fix", lang)


def _brace_hint(d) -> bool:
    hint = d.args.get("hint")
    return isinstance(hint, Phrase) and hint.key in ("hint.brace_at_end", "hint.brace_from_line")


_SAFE = {"PF009", "PF110"}
_ONE_WORD_VALUE = re.compile(r'^\s*(?:"[^"]*"|\S+)\s*$')


def _safe(d, fix, lines) -> bool:
    """The fix cannot mean anything but what the writer meant (source.fixAll applies it)."""
    if d.code in _SAFE:
        return True
    if d.code == "PF101":
        return _brace_hint(d)
    if d.code == "PF102":  # a string closed on its line (two lines joined is a guess)
        return d.span.end_line == d.span.line
    if d.code == "PF104" and len(fix) == 1:  # `名称 值`: one word before the colon, one after
        name, _, value = fix[0][1].partition(": ")
        return bool(name.strip()) and " " not in name.strip() and bool(_ONE_WORD_VALUE.match(value))
    return False


def _noqa(d, lines, en: bool) -> Action:
    """`# noqa: CODE` at the end of the diagnostic's line (added to a noqa already there)."""
    no = d.span.line
    text = lines.line(no)
    m = _NOQA.search(text)
    title = _title("action.noqa", "en" if en else "zh", code=d.code)
    if m:
        if m.group(1):
            end = m.start(1) + len(m.group(1).rstrip())
            edit = ((no, end + 1, no, end + 1), f", {d.code}")
        else:
            edit = ((no, m.end() + 1, no, m.end() + 1), f": {d.code}")
    else:
        end = len(text.rstrip()) + 1
        edit = ((no, end, no, len(text) + 1), f"  # noqa: {d.code}")
    return Action(title, d.code, (edit,), diagnostic=d)


def fix_all(diagnostics, lines, lang: str = "zh") -> list[tuple]:
    """The edits of every safe fix of the diagnostics (source.fixAll), none overlapping another."""
    edits: list[tuple] = []
    taken: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for d in diagnostics:
        for a in actions_for(d, lines, lang):
            if not a.safe:
                continue
            spans = [((w[0], w[1]), (w[2], w[3])) for w, _ in a.edits]
            if any(s[0] < t[1] and t[0] < s[1] or s[0] == t[0] for s in spans for t in taken):
                continue
            taken += spans
            edits += list(a.edits)
            break
    return edits
