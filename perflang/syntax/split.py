"""A .perf text cut into its projects, from the text alone (no parse), for whatever works project
by project: the per-project check (perflang.api.ProjectChecker, which the language server and,
for big files, the other stages use), the formatter's per-project layout, the editor's caches.

A project starts where a line starts with the project keyword (the grammar's PROJECT_KW at the
start of a line: `项目 …` / `project …`).  The comment lines right above it (blank lines between
them included) go with it, as the formatter places such comments before the project; the blank
lines above those stay with the project before.  The lines before the first project's chunk are
the prefix (the file's settings: 申报单位, 金额单位, 默认依据 …).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["split_projects", "project_line"]

_BLANK = " \t\u3000\r\f"


@lru_cache(maxsize=1)
def _project_start() -> re.Pattern:
    from .scanner import _terminals

    return re.compile("^" + _terminals()["PROJECT_KW"].pattern, re.M)


def _comments_above(text: str, start: int, floor: int) -> int:
    """The offset where the run of comment lines just above offset start (a line start) begins
    (blank lines inside the run belong to it, blank lines above it do not); start when none."""
    best = pos = start
    while pos > floor:
        b = text.rfind("\n", floor, pos - 1)
        line_start = b + 1 if b >= 0 else floor
        line = text[line_start : pos - 1].strip(_BLANK)
        if line.startswith("#"):
            best = line_start
        elif line:
            break
        pos = line_start
    return best


def split_projects(text: str) -> tuple[str, list[tuple[int, str]]]:
    """(prefix, [(first file line, chunk text)]): the chunks follow each other and the prefix,
    so that prefix + "".join(chunks) == text; no chunks when no line starts a project."""
    starts = [m.start() for m in _project_start().finditer(text)]
    if not starts:
        return text, []
    cuts = []
    floor = 0
    for s in starts:
        cuts.append(_comments_above(text, s, floor))
        floor = s + 1
    prefix = text[: cuts[0]]
    line = prefix.count("\n") + 1
    chunks = []
    for i, start in enumerate(cuts):
        end = cuts[i + 1] if i + 1 < len(cuts) else len(text)
        chunk = text[start:end]
        chunks.append((line, chunk))
        line += chunk.count("\n")
    return prefix, chunks


def project_line(chunk: str) -> int:
    """The line of a chunk (0 for its first) that starts its project."""
    m = _project_start().search(chunk)
    return chunk.count("\n", 0, m.start()) if m else 0
