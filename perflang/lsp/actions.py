"""Code actions on the diagnostics at a range: apply a did-you-mean, replace full-width braces,
add the unit or comparator a hint proposes, add `# noqa: CODE` for a warning."""

from __future__ import annotations

import re
from typing import NamedTuple

from ..messages import Severity

__all__ = ["Action", "actions_for"]

_SUGGEST = re.compile(r"^你是不是想写：(.*)$")
_NOQA = re.compile(r"#\s*noqa\b(?:\s*:\s*([\w, ]+))?", re.I)


class Action(NamedTuple):
    title: str
    code: str  # the diagnostic's code
    edits: tuple  # ((line, column, end line, end column), new text), 1-based file positions
    preferred: bool = False
    diagnostic: object = None


def _span(s) -> tuple[int, int, int, int]:
    return (s.line, s.column, s.end_line, s.end_column)


def did_you_mean(d) -> list[str]:
    """The names a PF201/PF202/PF409 suggests (the owner in （属于…） left out)."""
    m = _SUGGEST.match(d.args.get("suggest", ""))
    if not m:
        return []
    return [re.sub(r"（属于.*?）$", "", x).strip() for x in m.group(1).split("、") if x.strip()]


def actions_for(d, lines, lang: str = "zh") -> list[Action]:
    en = lang == "en"
    out: list[Action] = []
    span = _span(d.span)
    if d.code in ("PF201", "PF202", "PF409"):
        for name in did_you_mean(d):
            out.append(
                Action(
                    (f"Replace with '{name}'" if en else f"改为“{name}”"),
                    d.code,
                    ((span, name),),
                    preferred=not out,
                    diagnostic=d,
                )
            )
    elif d.code == "PF110":
        ascii_ = d.args.get("ascii", "{")
        out.append(
            Action(
                (f"Replace the full-width brace with '{ascii_}'" if en else f"把全角括号改为“{ascii_}”"),
                d.code,
                ((span, ascii_),),
                preferred=True,
                diagnostic=d,
            )
        )
    elif d.code in ("PF402", "PF403") and d.args.get("example"):
        example = d.args["example"]
        what = (
            ("add a unit" if en else "补上单位")
            if d.code == "PF402"
            else ("add a comparator" if en else "补上比较符号")
        )
        out.append(
            Action(
                f"{what}: {example}" if en else f"{what}：{example}",
                d.code,
                ((span, example),),
                preferred=True,
                diagnostic=d,
            )
        )
    if d.level is Severity.WARNING and d.span.line >= 1:
        out.append(_noqa(d, lines, en))
    return out


def _noqa(d, lines, en: bool) -> Action:
    """`# noqa: CODE` at the end of the diagnostic's line (added to a noqa already there)."""
    no = d.span.line
    text = lines.line(no)
    m = _NOQA.search(text)
    title = f"Ignore {d.code} on this line (# noqa)" if en else f"在这一行忽略 {d.code}（# noqa）"
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
