"""Formatting in the editor: what `perflang fmt` writes, as the few edits that make it (a diff of
lines, not one edit of the whole file), for the document or for the lines of a range.

A file is formatted project by project (perflang.syntax.formatter.format_lines on the units the
checker compiled, perflang.api.ProjectChecker): the canonical text of the whole file is the
settings' lines and then each project's, one blank line between them, so a project that did not
change is not laid out again, and an already formatted project gives no edit.  Whether the
document is formatted at all follows `perflang fmt`: not while a project has a syntax error.  A
range is formatted when the projects it touches parse, whatever the others hold.

Edits are ((first line, first column, last line, last column), new text) in 1-based file
positions, the columns in characters (server.py turns them into LSP's UTF-16 positions)."""

from __future__ import annotations

import difflib

from ..syntax.formatter import format_lines

__all__ = ["document_edits", "range_edits", "formatted_text"]


def _cache(doc) -> dict:
    got = getattr(doc, "_formatted", None)
    if got is None:
        got = doc._formatted = {}
    return got


def _canonical(doc, unit, part: str):
    """The canonical lines of a unit's chunk ("chunk") or of the file's settings before it
    ("prefix", the first unit only); None when the unit has a syntax error.  Cached by what the
    unit was compiled from."""
    cache = _cache(doc)
    key = (unit.key, part)
    if key in cache:
        return cache[key]
    result = unit.result
    if not result.parse_ok or result.source is None:
        got = None
    elif part == "prefix":
        got = format_lines(result.document, result.source.text, 1, unit.prefix_lines)
    else:
        got = format_lines(result.document, result.source.text, unit.prefix_lines + 1)
    cache[key] = got
    return got


def _regions(doc):
    """[(first file line, original text, canonical lines or None, is last)] of the document,
    the prefix first (when it is not empty); None when the text has no project line (then the
    whole text is formatted at once), or when the checker compiled the whole text because its
    projects could not stand for it (a project line inside a block, a setting below a project)."""
    checker = doc.checker
    units = checker.units_of(doc.text)
    layout = checker.layout(doc.text)
    if not layout.chunks or len(units) != len(layout.chunks) or checker.whole is not None:
        return None
    cache = _cache(doc)
    keep = {u.key for u in units}
    chunks = {c for _, c in layout.chunks} | {layout.prefix}
    for key in [k for k in cache if (k[1] not in chunks if k[0] == "diff" else k[0] not in keep)]:
        del cache[key]
    out = []
    prefix = _canonical(doc, units[0], "prefix")
    if layout.prefix:
        out.append([1, layout.prefix, prefix])
    for k, unit in enumerate(units):
        out.append([layout.chunks[k][0], layout.chunks[k][1], _canonical(doc, unit, "chunk")])
    return out


def _targets(regions):
    """Each region's canonical text: its lines, then the blank line between it and the next
    (the prefix's lines only when it holds settings)."""
    out = []
    for i, (first, original, lines) in enumerate(regions):
        if lines is None:
            out.append((first, original, None))
            continue
        last = i == len(regions) - 1
        if not lines:  # a prefix of comments and blank lines only: they went with the project
            text = ""
        else:
            text = "\n".join(lines) + "\n" + ("" if last else "\n")
        out.append((first, original, text))
    return out


def formatted_text(doc) -> str | None:
    """The document's canonical text (perflang fmt's), None while it has a syntax error."""
    got = _regions(doc)
    if got is None:
        from ..syntax.formatter import format_text

        return format_text(doc.text)[0]
    regions = got
    parts = []
    for _, _, text in _targets(regions):
        if text is None:
            return None
        parts.append(text)
    return "".join(parts)


def _hunks(first: int, original: str, target: str):
    """The edits that turn a region's original text into its target: whole lines, from a diff
    of the two (first: the region's first file line)."""
    if original == target:
        return []
    return [(first + i1, first + i2, new, old) for i1, i2, new, old in _diff(original, target)]


def _diff(original: str, target: str):
    a, b = original.splitlines(keepends=True), target.splitlines(keepends=True)
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append((i1, i2, "".join(b[j1:j2]), a[i1:i2]))
    return out


def _region_hunks(doc, first: int, original: str, target: str):
    """_hunks, the diff cached by the region's texts (a project that did not change is not
    compared again, wherever it moved)."""
    if original == target:
        return []
    cache = _cache(doc)
    key = ("diff", original, target)
    got = cache.get(key)
    if got is None:
        got = cache[key] = _diff(original, target)
    return [(first + i1, first + i2, new, old) for i1, i2, new, old in got]


def _edit(doc, start: int, end: int, new: str, old: list[str]):
    """A hunk (replace file lines start..end-1 by new) as an edit in file positions; a hunk that
    reaches the end of a text that does not end in a line break ends at the end of its last line."""
    lines = doc.lines.lines
    if end - 1 < len(lines) and not (end - 1 == len(lines) - 1 and old and not old[-1].endswith("\n")):
        return ((start, 1, end, 1), new)
    last = len(lines)
    return ((start, 1, last, len(lines[last - 1]) + 1), new)


def document_edits(doc) -> list | None:
    """The edits that format the whole document; None while it has a syntax error."""
    got = _regions(doc)
    if got is None:
        from ..syntax.formatter import format_text

        new = format_text(doc.text)[0]
        if new is None:
            return None
        return [_edit(doc, *h) for h in _hunks(1, doc.text, new)]
    regions = got
    targets = _targets(regions)
    if any(t is None for _, _, t in targets):
        return None
    edits = []
    for first, original, target in targets:
        edits += [_edit(doc, *h) for h in _region_hunks(doc, first, original, target)]
    return edits


def range_edits(doc, first: int, last: int) -> list | None:
    """The edits that format file lines first..last (the diff's hunks that touch them), when
    the projects there parse; None when one of them has a syntax error."""
    got = _regions(doc)
    if got is None:
        edits = document_edits(doc)
        return None if edits is None else [e for e in edits if e[0][0] <= last and e[0][2] >= first]
    regions = got
    out = []
    for i, (start, original, target) in enumerate(_targets(regions)):
        end = regions[i + 1][0] - 1 if i + 1 < len(regions) else len(doc.lines.lines)
        if end < first or start > last:
            continue
        if target is None:
            return None
        for h in _region_hunks(doc, start, original, target):
            a, b = h[0], max(h[0], h[1] - 1)  # the lines the hunk replaces (an insertion: its place)
            if a <= last and b >= first:
                out.append(_edit(doc, *h))
    return out
