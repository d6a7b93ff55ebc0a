"""Document links: `同 长期目标 1` links to the goal it shares (the same file at that line), a
表样 or 评分方案 naming a TOML file links to that file (relative to the .perf file's folder, as
the compiler reads it).  Plain data: (line, start column, end column, target URI, tooltip), in
1-based file positions."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..messages import localize, phrase
from ..model import GOAL_LABELS
from ..syntax.linetext import code_part

__all__ = ["Link", "document_links"]


class Link(NamedTuple):
    line: int
    start: int
    end: int
    target: str
    tooltip: str


def document_links(doc, first: int = 1, last: int | None = None, lang: str = "zh") -> list[Link]:
    last = len(doc.lines.lines) if last is None else last
    out: list[Link] = []
    head = doc.unit_at(1)  # the first unit: compiled after the file's settings as written
    if head is not None:
        out += _file_links(doc, head, first, last, lang)
    for unit in doc.units_between(first, last):
        model = unit.result.model
        if model is None:
            continue
        for pm in model.projects:
            for gm in pm.goals:
                if gm.shared_from is None:
                    continue
                node = gm.node
                line = unit.file_line(node.span.line)
                if not (first <= line <= last) or node.span.line <= unit.prefix_lines:
                    continue
                text = code_part(doc.lines.line(line))
                at = text.find(node.same_keyword, node.span.column - 1 + len(node.keyword))
                if at < 0:
                    continue
                start = at + len(node.same_keyword)
                while start < len(text) and text[start] in " \t\u3000":
                    start += 1
                end = len(text.rstrip())
                target = unit.file_line(gm.shared_from.span.line)
                label = GOAL_LABELS[gm.shared_from.kind] + (
                    f" {gm.shared_from.number}" if gm.shared_from.number is not None else ""
                )
                tip = localize(phrase("link.goal", goal=label, line=target), lang)
                out.append(Link(line, start + 1, end + 1, f"{doc.uri}#L{target}", tip))
    return sorted(out)


def _file_links(doc, unit, first: int, last: int, lang: str) -> list[Link]:
    """表样 / 评分方案 lines of the file's settings that name a file there is."""
    out = []
    if unit is None or unit.result.document is None:
        return out
    folder = Path(doc.path).parent if doc.path and not doc.path.startswith(("file:", "untitled:")) else None
    for s in unit.result.document.settings:
        if s.key not in ("form", "scoring") or not (first <= s.span.line <= last):
            continue
        path = Path(s.value.strip())
        if not path.is_absolute():
            if folder is None:
                continue
            path = folder / path
        if not path.is_file():
            continue
        vs = s.value_span
        tip = localize(phrase("link.file", path=str(path)), lang)
        out.append(Link(vs.line, vs.column, vs.end_column, path.resolve().as_uri(), tip))
    return out
