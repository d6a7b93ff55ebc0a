"""A big file checked (and built) project by project, in bounded memory, on every core.

The file is read in blocks and cut into its projects as it is read (the same cuts as
perflang.syntax.split.split_projects: the settings at its top, the prefix, then each project
with the comments above it); each project is compiled after the file's settings
(perflang.api.compile_unit, what the language server's ProjectChecker does), in this process or
in the worker processes of the folder check (perflang.workspace.runner), and only a small
summary of it is kept: its own diagnostics, its name for PF204 (the one rule across projects),
and, for `build`, its output piece.  Results are taken in file order, so the diagnostics and the
output are those of a serial run whatever the number of workers; a bounded number of projects
is in flight at a time, so the memory does not grow with the number of projects.

The diagnostics are ProjectChecker.check's: compile_text's whenever every project parses, and
when one has a syntax error, its syntax errors with every other project's own diagnostics.
What cannot be read this way raises NotStreamable and the caller compiles the whole text as
before: a file that is not UTF-8 text (its diagnostic needs the whole file), one without a
project line, one whose chunks are not one project each although they all parse (a setting
written below the first project), one whose whole text parses although a project leaves a block
open and a later one does not parse (a line starting with 项目 inside a block is no project).
"""

from __future__ import annotations

import codecs
import io
import os
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a file is streamed: the folder check's cache hits need none of it
    from ..api import UnitOutcome
    from ..config import Config
    from ..diagnostics import Diagnostic

__all__ = ["STREAM_BYTES", "NotStreamable", "FileStream", "read_pieces", "excerpt_source", "worth_streaming"]

# from this size on, `check` and `build` read a file project by project (a file of a few hundred
# projects compiles in well under a second whole; from about a megabyte, 300 projects of the
# benchmark's shape, the workers gain)
STREAM_BYTES = 1 << 20
_BLOCK = 1 << 20  # bytes read at a time
# the text of the projects sent to a worker at a time (~300 projects of the benchmark's shape, some
# 0.1 s of work): each batch costs the main process ~0.4 ms of its own (the round trip through the
# pool's threads): with 1 << 16 the main process of `-j 2` spent ~25% more CPU (measured)
_BATCH_CHARS = 1 << 18
_IN_FLIGHT = 3  # batches queued per worker


class NotStreamable(Exception):
    """The file must be compiled whole (see the module's docstring)."""


def _parses(path) -> bool:
    """The whole file parses (read again: the rare case where only the whole text can tell)."""
    from ..syntax.parser import parse_recovering

    doc, _, damage = parse_recovering("".join(_texts(path)))
    return doc is not None and damage is None  # as compile_text keeps a document


def worth_streaming(path) -> bool:
    """A regular file of STREAM_BYTES or more."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    import stat

    return stat.S_ISREG(st.st_mode) and st.st_size >= STREAM_BYTES


def _texts(path, digest=None) -> Iterator[str]:
    """The file's text in blocks, decoded as perflang.source.decode decodes it (UTF-8, a BOM
    dropped, CRLF and CR as LF); digest, a hashlib object, is fed the bytes as they are read.
    NotStreamable when decode would not give the whole text (UTF-16, binary, not UTF-8, cut
    inside a character) or the file cannot be read (the whole text's compile says why)."""
    try:
        yield from _decoded(path, digest)
    except OSError:
        raise NotStreamable from None


def _decoded(path, digest) -> Iterator[str]:
    decoder = io.IncrementalNewlineDecoder(codecs.getincrementaldecoder("utf-8")("strict"), translate=True)
    boms = 0  # U+FEFF dropped at the start: the BOM, and one more as decode drops it
    with open(path, "rb") as f:
        head = f.read(8192)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
            raise NotStreamable
        while True:
            data, head = (head[:_BLOCK], head[_BLOCK:]) if head else (f.read(_BLOCK), b"")
            if digest is not None:
                digest.update(data)
            try:
                text = decoder.decode(data, final=not data)
            except UnicodeDecodeError:
                raise NotStreamable from None
            while boms < 2 and text.startswith("\ufeff"):
                text, boms = text[1:], boms + 1
            if text:
                boms = 2
                yield text
            if not data:
                return


def read_pieces(texts) -> Iterator[tuple[int, str]]:
    """(first file line, text) of the prefix, then of each project's chunk, from the text's
    blocks: split_projects(text) as it is read (the prefix, possibly empty, first; then the
    chunks; only the prefix when no line starts a project).  One project's text is held at a
    time."""
    for first, text, _ in _pieces(texts):
        yield first, text


def _pieces(texts) -> Iterator[tuple[int, str, int | None]]:
    """read_pieces's (first file line, text), each with the file line of its project line (None
    for the prefix).  The text read so far is cut by offsets, and what was handed out is dropped
    once a block (not once a project: that copied the rest of the block each time)."""
    from ..syntax.split import _comments_above

    find = _project_finder()
    text = ""  # the text read and not yet dropped
    base = 0  # where the current piece (the prefix, else a chunk) starts in text
    floor = 0  # just after the start of the current chunk's project line (base: the prefix)
    searched = 0  # text[:searched]'s lines from floor on hold no project line
    line = 1  # the file line of the current piece's first line
    at = None  # the file line of the current piece's project line
    blocks = iter(texts)
    while True:
        block = next(blocks, None)
        if block is not None:
            if base:
                text, floor, searched, base = text[base:], floor - base, searched - base, 0
            text += block
            end = text.rfind("\n") + 1  # whole lines only: a project line is a whole line
        else:
            end = len(text)  # the last line, without a line break
        while True:
            start = find(text, max(searched, floor), end)
            if start is None:
                break
            cut = _comments_above(text, start, floor)
            yield line, text[base:cut], at
            line += text.count("\n", base, cut)
            at = line + text.count("\n", cut, start)
            base = cut
            floor = searched = start + 1
        if block is None:
            yield line, text[base:], at
            return
        searched = max(searched, end)


def _project_finder() -> Callable[[str, int, int], int | None]:
    """find(text, pos, end): where _project_start().search(text, pos, end) matches (a project
    line's start), or None.  That pattern starts with ^ (re.M), which the regex engine tries at
    every character; after the first line a project line follows a line break, and a pattern
    starting with the line break is searched for that character first: some six times faster
    over a big file (6 us a project of the benchmark's shape, in the main process of `-j 2`)."""
    import re

    from ..syntax.split import _project_start

    start_re = _project_start()
    assert start_re.pattern.startswith("^") and start_re.flags & re.M
    after_break = re.compile("\n(?:" + start_re.pattern[1:] + ")", start_re.flags)

    def find(text: str, pos: int, end: int) -> int | None:
        if pos == 0 and start_re.match(text, 0, end) is not None:  # the text's first line
            return 0
        m = after_break.search(text, max(pos - 1, 0), end)  # a line break at pos - 1 or after
        return None if m is None else m.start() + 1

    return find


def _compile_batch(path: str, config: Config, heads: tuple, items: list, render) -> list[UnitOutcome]:
    """compile_unit of each (first, chunk, next project's line) after heads' header, heads
    being (the header, the file's prefix as written) (in a worker process, or here)."""
    from ..api import compile_unit

    header, prefix = heads
    return [compile_unit(path, config, header, first, chunk, nxt, render, prefix=prefix) for first, chunk, nxt in items]


class FileStream:
    """One file checked project by project.  outcomes() yields each project's UnitOutcome in
    file order (the first project's with its model); after it: diagnostics (the file's, the
    configuration applied, sorted), ok, digest (SHA-256 of the bytes; None when not asked for:
    the check without a cache needs none, and it costs ~1 ms a megabyte).

    renderer(first model) -> render or None: the function compile_unit calls on each project's
    model to make its output piece (a module's function, or a functools.partial of one, so that
    it can go to a worker process)."""

    def __init__(
        self,
        path,
        config: Config | None = None,
        jobs: int = 1,
        renderer: Callable | None = None,
        digest: bool = True,
    ):
        from ..config import Config

        self.path = str(path)
        self.config = config or Config()
        self.jobs = jobs
        self.renderer = renderer
        self.diagnostics: tuple[Diagnostic, ...] = ()
        self.ok = False
        self.digest: str | None = None
        self.projects = 0
        self._hash = digest

    def outcomes(self) -> Iterator[UnitOutcome]:
        from ..api import apply_config, compile_unit, project_header, unit_clashes
        from ..diagnostics import Diagnostic, has_errors

        sha = None
        if self._hash:
            import hashlib

            sha = hashlib.sha256()
        pieces = _pieces(_texts(self.path, sha))
        _, prefix, _ = next(pieces)
        units = _with_next(pieces)
        first = next(units, None)
        if first is None:  # no project line: the whole text is compiled (PF003 …)
            raise NotStreamable
        path, config = self.path, self.config
        enabled = config.enabled if config.select or config.ignore else None
        start = compile_unit(path, config, prefix, *first, keep=True)
        render = self.renderer(start.model) if self.renderer is not None and start.model is not None else None
        if render is not None and not start.errors:
            start = start._replace(piece=render(start.model, first[0] - prefix.count("\n") - 1))
        head = list(start.head)
        own: list[Diagnostic] = []
        named: list[tuple] = []
        state = {"parsed": True, "one": True, "open": False, "stray": False}

        def take(o: UnitOutcome) -> UnitOutcome:
            self.projects += 1
            own.extend(o.own if enabled is None else [d for d in o.own if enabled(d.code)])
            named.extend(o.named)
            state["stray"] |= not o.parsed and state["open"]
            state["open"] |= not o.parsed and any(d.code == "PF103" for d in o.own)
            state["parsed"] &= o.parsed
            state["one"] &= o.one_project
            return o

        yield take(start)
        for batch in _run(path, config, (project_header(prefix), prefix), _batches(units), render, self.jobs):
            for o in batch:
                yield take(o)
        if state["parsed"] and not state["one"]:
            raise NotStreamable
        if state["stray"] and _parses(self.path):
            raise NotStreamable  # a project line stood inside a block (api._stray_project_line)
        self.digest = sha.hexdigest() if sha is not None else None
        kept = sorted(apply_config(head + unit_clashes(named, path), config, path), key=Diagnostic.sort_key)
        self.diagnostics = tuple(sorted(kept + own, key=Diagnostic.sort_key))
        self.ok = not has_errors(self.diagnostics)

    def check(self) -> tuple[Diagnostic, ...]:
        for _ in self.outcomes():
            pass
        return self.diagnostics


def _with_next(pieces) -> Iterator[tuple[int, str, int | None]]:
    """(first, chunk, the file line of the next chunk's project line or None) of each chunk of
    _pieces."""
    previous = next(pieces, None)
    for piece in pieces:
        yield previous[0], previous[1], piece[2]
        previous = piece
    if previous is not None:
        yield previous[0], previous[1], None


def _batches(units) -> Iterator[list]:
    batch, size = [], 0
    for item in units:
        batch.append(item)
        size += len(item[1])
        if size >= _BATCH_CHARS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _run(path, config, heads, batches, render, jobs: int) -> Iterator[list[UnitOutcome]]:
    """_compile_batch of each batch, in order: here, or in jobs worker processes with a bounded
    number of batches in flight."""
    if jobs <= 1:
        for items in batches:
            yield _compile_batch(path, config, heads, items, render)
        return
    from concurrent.futures.process import BrokenProcessPool

    from .pool import workers

    try:
        pool = workers(jobs)
    except OSError:  # no processes here (a sandbox)
        yield from _run(path, config, heads, batches, render, 1)
        return
    pending: deque = deque()
    try:
        with pool:
            try:
                for items in batches:
                    pending.append((items, None))  # queued first: a submit that finds the pool broken keeps it
                    pending[-1] = (items, pool.submit(_compile_batch, path, config, heads, items, render))
                    while len(pending) > _IN_FLIGHT * jobs:
                        yield _done(pending)
                while pending:
                    yield _done(pending)
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    except (OSError, BrokenProcessPool):  # a worker died: what is left is compiled here
        while pending:
            items, _ = pending.popleft()
            yield _compile_batch(path, config, heads, items, render)
        yield from _run(path, config, heads, batches, render, 1)


def _done(pending: deque) -> list[UnitOutcome]:
    """The first pending batch's outcomes, taken off the queue only once they are there (a
    worker that died leaves it queued, to be compiled here)."""
    got = pending[0][1].result()
    pending.popleft()
    return got


def excerpt_source(path, diagnostics):
    """A SourceFile of path that holds only the lines the diagnostics' excerpts show (read again,
    block by block): what the text output needs of a big file."""
    from ..source import SourceFile

    wanted = set()
    for d in diagnostics:
        if d.span.line:
            wanted.add(d.span.line)
        for n in d.notes:
            if n.span is not None and n.span.line:
                wanted.add(n.span.line)
    lines: dict[int, str] = {}
    count = 0
    if wanted:
        rest = ""
        for block in _texts(path):
            parts = (rest + block).split("\n")
            rest = parts.pop()
            for i, t in enumerate(parts, count + 1):
                if i in wanted:
                    lines[i] = t
            count += len(parts)
        count += 1
        if count in wanted:
            lines[count] = rest
    return SourceFile(str(path), "", _lines=_Lines(lines, count))


class _Lines:
    """The lines SourceFile.line_text asks for, of a file of count lines ("" for the others)."""

    __slots__ = ("lines", "count")

    def __init__(self, lines: dict[int, str], count: int):
        self.lines, self.count = lines, count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> str:
        return self.lines.get(index + 1, "")
