"""The public API: compile a file or a text through the whole pipeline.

text -> parse (fast line scanner, else Lark LALR; both through the builder) -> resolve
(model) -> check (rules) -> filter (config, suppression comments) -> Result
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from attrs import field, frozen

from .config import Config
from .diagnostics import Diagnostic, Edit, Note, Severity, has_errors
from .messages import Phrase, phrase
from .source import _INVISIBLE, TRUNCATED, SourceFile, Span, decode, lf

if TYPE_CHECKING:  # the model and nodes are imported when a text is compiled: a check served
    from .model import Model  # from the cache never needs them
    from .syntax.nodes import Document

__all__ = [
    "Result",
    "compile_text",
    "recompile",
    "compile_file",
    "read_source",
    "decode_source",
    "unreadable",
    "apply_config",
    "ProjectChecker",
    "Unit",
    "check_by_project",
    "project_header",
    "compile_unit",
    "UnitOutcome",
    "unit_clashes",
]

# suppression comments: "perflang: ignore[PF408]", or "noqa" with codes (PF408, PF403) after a
# colon; without codes: every code on the line
_SUPPRESS = re.compile(r"#\s*(?:perflang:\s*ignore|noqa)\b(?:\s*[:\[]\s*([\w, ]+))?", re.I)


@frozen
class Result:
    path: str
    source: SourceFile | None
    document: Document | None
    model: Model | None
    diagnostics: tuple[Diagnostic, ...]
    parsed_clean: bool = field(default=False, eq=False)  # the parser found nothing wrong
    parse_ok: bool = field(default=False, eq=False)  # a document and no syntax error (warnings allowed)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def _suppressed(doc: Document | None) -> dict[int, set[str] | None]:
    """line -> the codes suppressed on it by a comment (None: all codes)."""
    out: dict[int, set[str] | None] = {}
    if doc is None:
        return out
    for c in doc.comments:
        m = _SUPPRESS.search(c.text)
        if m:
            codes = m.group(1)
            out[c.span.line] = {x.upper() for x in re.split(r"[,\s]+", codes) if x} if codes else None
    return out


def _keep(d: Diagnostic, suppressed, line: int | None = None) -> bool:
    """Not switched off by a comment on its line (or on `line`, where the comment's document
    counts lines differently; codes are prefixes, as in the configuration: `# noqa: PF4`
    silences every PF4xx on the line)."""
    codes = suppressed.get(d.span.line if line is None else line, ())
    return not (codes is None or any(d.code.startswith(c) for c in codes))


_STAGES: tuple | None = None


def _stages() -> tuple:
    """(parse_recovering, resolve, run_rules), imported on the first compile (a check served
    from the cache needs none of them) and kept: a function-level import costs ~1.5 us a call,
    three of them ~1% of a big file's project."""
    global _STAGES
    if _STAGES is None:
        from .check.rules import run_rules
        from .model import resolve
        from .syntax.parser import parse_recovering

        _STAGES = (parse_recovering, resolve, run_rules)
    return _STAGES


def compile_text(text: str, path: str = "<stdin>", config: Config | None = None) -> Result:
    """Parse, resolve and check text (named path in diagnostics); never raises, whatever the
    text: every problem is a diagnostic, sorted by place."""
    text = lf(text)  # read_source has done it for a file; a text given directly may not be
    doc, diags, damage = _stages()[0](text)
    return _checked(text, doc, diags, path, config or Config(), damage)


def _compile_after(header: str, chunk: str, path: str) -> Result:
    """compile_text(header + chunk, path), unfiltered, the header's lines read once for every
    chunk compiled after the same header (scanner.parse's head)."""
    text = lf(header + chunk)
    head = len(header) if len(text) == len(header) + len(chunk) else 0  # no CR turned into LF
    doc, diags, damage = _stages()[0](text, head)
    return _checked(text, doc, diags, path, _UNFILTERED, damage)


def recompile(previous: Result, text: str, config: Config | None = None) -> Result:
    """compile_text(text, previous.path, config), where previous is the result of that call on
    an earlier text: when the two texts differ in one plain indicator line (`名称: 值`, the
    common edit in an editor), only that line is read again and the rest of the syntax tree is
    kept; the model and the checks are made afresh.  The result is always compile_text's
    (tests/test_lsp_incremental.py holds them equal on random edits)."""
    from .syntax.scanner import replace_line

    text = lf(text)
    config = config or Config()
    line = _changed_line(previous, text)
    if line is not None:
        doc = replace_line(previous.document, line + 1, text.split("\n", line + 1)[line])
        if doc is not None:
            return _checked(text, doc, [], previous.path, config)
    return compile_text(text, previous.path, config)


def _changed_line(previous: Result, text: str) -> int | None:
    """The index of the one line in which text differs from previous's well-parsed text."""
    if not previous.parsed_clean or previous.document is None or previous.source is None:
        return None
    old, new = previous.source.text.split("\n"), text.split("\n")
    if len(old) != len(new):
        return None
    differ = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    return differ[0] if len(differ) == 1 else None


def _checked(
    text: str, doc: Document | None, diags: list, path: str, config: Config, damage: set[int] | None = None
) -> Result:
    """The result of a parsed text: resolved, checked, filtered, sorted.  With damage (the text
    has syntax errors: the lines the recovery left out), doc is what the recovery read around
    them; it is checked all the same, so one run reports the rest of the file (issue 24), but
    the result has no document and no model: nothing is built from a file with errors."""
    _, resolve, run_rules = _stages()
    clean = doc is not None and not diags and damage is None
    parse_ok = doc is not None and damage is None and not has_errors(diags)
    source = SourceFile(path, text)
    model = None
    found: list[Diagnostic] = []
    if doc is not None and _INVISIBLE.search(text):  # rare: bidi or zero-width characters
        from .syntax.nodes import without_invisible

        found += _invisible(text)
        doc = without_invisible(doc)
    if doc is not None:
        model = resolve(doc, path)
        found += run_rules(doc, model)
        if not doc.projects:
            found.append(Diagnostic(code="PF003", span=Span.point(1, 1)))
    if damage is not None:
        found = _around(found, doc, diags, damage)
    # a syntax error is never silenced by a comment: the text gives no model, and a file left
    # without one and without a word would fail to build unexplained: a bare 项目 line with noqa after it
    syntax = {id(d) for d in diags if d.level is Severity.ERROR} if damage is not None or doc is None else set()
    diags = diags + found
    if text.endswith(TRUNCATED):
        diags.append(Diagnostic(code="PF006", span=_end_of(text)))
    suppressed = _suppressed(doc)
    diags = apply_config([d.in_file(path) for d in diags if id(d) in syntax or _keep(d, suppressed)], config, path)
    if damage is not None:
        doc = model = None
    return Result(path, source, doc, model, tuple(sorted(diags, key=Diagnostic.sort_key)), clean, parse_ok)


def apply_config(diags: list[Diagnostic], config: Config, path: str) -> list[Diagnostic]:
    """The diagnostics a configuration keeps (select / ignore), with PF008 when the
    configuration itself cannot be used."""
    if config.problem is not None:
        diags = diags + [Diagnostic(code="PF008", file=path, args={"config": config.path, "reason": config.problem})]
    if not config.select and not config.ignore:
        return diags
    return [d for d in diags if config.enabled(d.code)]


# what the checker may say only because the recovery left a line out (a budget written `预箅 320`
# and skipped is no missing budget): not reported for a project with a line left out
_FOLLOW_ON = {"PF003", "PF206", "PF207", "PF210", "PF301", "PF305", "PF307", "PF310", "PF407"}


def _around(found: list[Diagnostic], doc, errors: list[Diagnostic], damage: set[int]) -> list[Diagnostic]:
    """The checker's findings in a document read around syntax errors that are worth saying:
    none on a line that has a syntax error already (one error a line: the recovery read it as
    its fix says, or fed a bare header), and none of those that may follow from a line the
    recovery left out (_FOLLOW_ON) in the project that lost it, or anywhere when that line
    stood outside every project."""
    broken = {d.span.line for d in errors} | damage
    projects = doc.projects if doc is not None else ()
    hit = {p.name for p in projects if any(p.span.line <= n <= p.end_span.line for n in damage)}
    outside = any(not any(p.span.line <= n <= p.end_span.line for p in projects) for n in damage)

    def keep(d: Diagnostic) -> bool:
        if d.span.line in broken:
            return False
        if d.code in _FOLLOW_ON and (outside or not d.path or d.path[0] in hit):
            return False
        return True

    return [d for d in found if keep(d)]


def _invisible(text: str) -> list[Diagnostic]:
    """PF009 on each line holding an INVISIBLE character (source.py), naming them."""
    from .diagnostics import invisible_names
    from .source import invisible_lines, visible

    lines = text.split("\n")
    return [
        Diagnostic(
            code="PF009",
            span=Span(line, start, line, end),
            args={"chars": invisible_names(lines[line - 1])},
            fix=(Edit(Span(line, start, line, end), visible(lines[line - 1][start - 1 : end - 1])),),
        )
        for line, start, end in invisible_lines(text)
    ]


def _end_of(text: str) -> Span:
    """The position of the last character of text."""
    line = text.count("\n") + 1
    return Span.point(line, len(text) - 1 - text.rfind("\n"))


def read_source(path: str | Path, partial: bool = False) -> tuple[str | None, Diagnostic | None]:
    """The decoded text of a file, or a diagnostic saying why it cannot be read.  A file cut
    inside a character is an error (PF006), unless partial: then its text comes back ending in
    TRUNCATED, which compile_text reports as a warning after checking what is there."""
    p = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return None, unreadable(p, exc)
    return decode_source(data, p, partial)


def unreadable(p: str, exc: OSError) -> Diagnostic:
    """PF004: the file p cannot be read."""
    return Diagnostic(code="PF004", file=p, args={"reason": exc.strerror or str(exc)})


def decode_source(data: bytes, p: str, partial: bool = False) -> tuple[str | None, Diagnostic | None]:
    """read_source on bytes already read (named p in the diagnostic)."""
    got = decode(data)
    if got.problem is None or (got.problem == "truncated" and partial):
        return got.text, None
    span = Span.point(got.line, got.column)
    code = _READ_CODES[got.problem]
    severity = Severity.ERROR if got.problem == "truncated" else None
    return None, Diagnostic(
        code=code,
        file=p,
        span=span,
        severity=severity,
        args={"name": p, "line": got.line, "column": got.column, "byte": got.detail, "sample": got.detail},
    )


_READ_CODES = {"gbk": "PF001", "binary": "PF002", "encoding": "PF005", "truncated": "PF006", "utf16": "PF007"}


def compile_file(path: str | Path, config: Config | None = None) -> Result:
    """compile_text on a file's text; a file that is not readable text gives its diagnostic."""
    text, problem = read_source(path, partial=True)
    if problem is not None:
        return Result(str(path), None, None, None, (problem,))
    return compile_text(text, str(path), config)


# -- project by project ----------------------------------------------------------------------
#
# Projects are independent top-level blocks: a text cut into its projects (perflang.syntax.split)
# can be compiled one project at a time, each with the file's settings before it, and the
# projects' diagnostics put together are those of the whole text.  The language server keeps
# one ProjectChecker per open file, so that an edit re-compiles the project it touched; a
# syntax error stays in its project (the whole text then has no model and shows nothing but
# the syntax errors; project by project, every other project keeps its diagnostics).

# The top-level settings no project reads: a project is compiled after the file's settings
# without these (and without comments and blank lines), so that editing them, or adding a line
# to the header, compiles none of the projects again (their PF108 / PF107 are the header's, reported
# once, from the first project's unit, which is compiled after the header as written).
HEADER_ONLY = frozenset({"unit", "year", "form"})


@frozen
class Unit:
    """One project's chunk of the file compiled after a header: unit line l is file line l for
    l <= prefix_lines (the header; the file's own only in the first unit), else l + delta."""

    first_line: int  # the file line where the chunk starts
    prefix_lines: int  # the lines of the header it was compiled after
    result: Result
    key: tuple = field(default=(), eq=False, repr=False)  # (header, chunk): what it was compiled from
    next_project: int | None = field(default=None, eq=False, repr=False)  # the file line of the next project

    @property
    def delta(self) -> int:
        return self.first_line - self.prefix_lines - 1

    @property
    def last_line(self) -> int:
        """The file line of the chunk's last line."""
        return self.first_line + self.key[1].count("\n") - 1 if self.key else self.first_line

    def file_line(self, line: int) -> int:
        return line if line <= self.prefix_lines else line + self.delta

    def unit_line(self, line: int) -> int:
        """The unit's line for a file line (of the prefix or of this unit's chunk)."""
        return line if line <= self.prefix_lines else line - self.delta

    def file_span(self, span: Span) -> Span:
        d = self.delta
        if d == 0 or span.line <= self.prefix_lines:
            return span
        return Span(span.line + d, span.column, span.end_line + d, span.end_column)

    def unit_span(self, span: Span) -> Span:
        d = self.delta
        if d == 0 or span.line <= self.prefix_lines:
            return span
        return Span(span.line - d, span.column, span.end_line - d, span.end_column)

    def projects(self) -> list:
        """The project nodes of the unit's chunk, in order (none when it did not parse)."""
        doc = self.result.document
        if doc is None:
            return []
        return [p for p in doc.items if p.__class__.__name__ == "Project" and p.span.line > self.prefix_lines]


# diagnostic args (and args of the phrases of syntax errors' hints) that hold a line number of the file
_LINE_ARGS = ("first", "open_line", "line", "next_line")
_LINE_PHRASES = ("unclosed.", "hint.")


def _moved(args: dict, delta: int, p: int) -> dict:
    """args with the line numbers below the header moved by delta."""
    out = args
    for k, v in args.items():
        if k in _LINE_ARGS and type(v) is int and v > p:
            v = v + delta
        elif isinstance(v, Phrase) and v.key.startswith(_LINE_PHRASES):
            inner = _moved(v.args, delta, p)
            v = v if inner is v.args else Phrase(v.key, inner)
        else:
            continue
        if out is args:
            out = dict(args)
        out[k] = v
    return out


def _shift(d: Diagnostic, unit: Unit, next_project: int | None = None) -> Diagnostic:
    """d (of the unit's chunk) in the file's line numbers.  A block the chunk's end leaves open
    (PF103 "the file ends on line N") is left open by the next project when there is one, as
    the whole text's check says it."""
    delta, p = unit.delta, unit.prefix_lines
    changes = {}
    if delta and d.span.line > p:
        changes["span"] = unit.file_span(d.span)
    if delta and d.notes:
        changes["notes"] = tuple(Note(n.message, unit.file_span(n.span)) if n.span else n for n in d.notes)
    if delta and d.fix:  # a fix's edits too; one that edits the header compiled (not the file's): none
        inside = all(e.span.line > p for e in d.fix)
        changes["fix"] = tuple(Edit(unit.file_span(e.span), e.text) for e in d.fix) if inside else ()
    args = _moved(d.args, delta, p) if delta else d.args
    where = args.get("where")
    if next_project is not None and d.code == "PF103" and getattr(where, "key", None) == "unclosed.file_end":
        args = {**args, "where": phrase("unclosed.new_block", line=next_project)}
    if args is not d.args:
        changes["args"] = args
    return d.replaced(**changes) if changes else d


class _Layout:
    """A text cut into its projects: the prefix, the header the projects after the first are
    compiled after, and each chunk's (first line, text)."""

    __slots__ = ("text", "prefix", "header", "chunks", "firsts", "_heads")

    def __init__(self, text: str, header_of):
        from .syntax.split import split_projects

        self.text = text
        self.prefix, self.chunks = split_projects(text)
        self.header = header_of(self.prefix)
        self.firsts = [first for first, _ in self.chunks]
        self._heads: dict[int, int] = {}

    def next_project(self, k: int) -> int | None:
        """The file line of the project line after chunk k (None after the last)."""
        if k + 1 >= len(self.chunks):
            return None
        got = self._heads.get(k + 1)
        if got is None:
            from .syntax.split import project_line

            first, chunk = self.chunks[k + 1]
            got = self._heads[k + 1] = first + project_line(chunk)
        return got

    def key(self, k: int) -> tuple[str, str]:
        return (self.prefix if k == 0 else self.header, self.chunks[k][1])

    def index(self, line: int) -> int:
        """The chunk holding file line (0 for the prefix)."""
        import bisect

        return max(0, bisect.bisect_right(self.firsts, line) - 1)


class ProjectChecker:
    """The diagnostics of one file's successive texts, compiled project by project; a project
    is compiled again only when its text (or the header it reads) changed.

    check(text) is compile_text(text).diagnostics whenever every project parses (the property
    tests/test_lsp_incremental.py holds on random texts and edits); a project with a syntax
    error reports its syntax errors and the others their own diagnostics.  steps(text) is the
    same check one compiled project at a time (the language server answers requests between
    them); unit(text, line) the compiled project holding a line, compiled now if need be."""

    def __init__(self, path: str = "<stdin>", config: Config | None = None):
        self.path = path
        self.config = config or Config()
        self._results: dict[tuple[str, str], Result] = {}  # by (header, chunk)
        self._previous: list[Result] = []  # the last checked text's results, in file order
        self._shifted: dict[tuple, tuple[Diagnostic, ...]] = {}
        self._layout_cache: _Layout | None = None
        self._headers: dict[str, str] = {}
        self._units: dict[tuple, Unit] = {}  # by (key, first line, next project's line)
        self.units: list[Unit] = []  # the last checked text's units
        self.whole: Result | None = None  # the whole text's result when units were not used
        self.text: str | None = None  # the last checked text
        self.diagnostics: tuple[Diagnostic, ...] = ()
        # after a check: the diagnostics that are no unit's own (the header's, PF008, PF204:
        # all of them when the whole text was compiled), filtered; diagnostics are these and
        # each unit's shifted(unit) kept by the configuration
        self.head: list[Diagnostic] = []
        self.compiled = 0  # units (or whole texts) compiled: tests count them

    # -- configuration ---------------------------------------------------------------------------
    def reconfigure(self, config: Config) -> None:
        """A new select / ignore: the compiled projects stay (they are compiled unfiltered)."""
        if config != self.config:
            self.config = config
            self.text = None

    def forget(self) -> None:
        """Compile everything again (a file the check reads changed: a profile, a form file)."""
        self._results.clear()
        self._shifted.clear()
        self._units.clear()
        self._previous = []
        self.text = None

    # -- the pieces ------------------------------------------------------------------------------
    def layout(self, text: str) -> _Layout:
        cached = self._layout_cache
        if cached is not None and cached.text == text:
            return cached
        self._layout_cache = _Layout(text, self._header)
        return self._layout_cache

    def _header(self, prefix: str) -> str:
        """project_header(prefix), kept for the prefixes of this file."""
        got = self._headers.get(prefix)
        if got is None:
            got = project_header(prefix)
            if len(self._headers) > 64:
                self._headers.clear()
            self._headers[prefix] = got
        return got

    def _compile(self, text: str, before: Result | None = None) -> Result:
        """text compiled (unfiltered: the configuration is applied when the units are put
        together); before: the result that stood at its place, from which an edit inside one
        indicator line is re-read alone (recompile)."""
        self.compiled += 1
        if before is not None and before.path == self.path:
            return recompile(before, text, _UNFILTERED)
        return compile_text(text, self.path, _UNFILTERED)

    def _unit(self, layout: _Layout, k: int, compile: bool = True) -> Unit | None:
        key = layout.key(k)
        result = self._results.get(key)
        if result is None:
            if not compile:
                return None
            before = self._previous[k] if k < len(self._previous) else None
            result = self._compile(key[0] + key[1], before)
            self._results[key] = result
        if key[0] is not layout.prefix and _below_project(result.document, key[0].count("\n")):
            key = (layout.prefix, key[1])  # see _below_project
            result = self._results.get(key)
            if result is None:
                if not compile:
                    return None
                result = self._results[key] = self._compile(key[0] + key[1])
        first, nxt = layout.chunks[k][0], layout.next_project(k)
        unit = self._units.get((key, first, nxt))
        if unit is None or unit.result is not result:
            unit = self._units[(key, first, nxt)] = Unit(first, key[0].count("\n"), result, key, nxt)
        return unit

    def unit(self, text: str, line: int) -> Unit | None:
        """The unit of text whose chunk holds file line (the first for the prefix), compiled now
        if it is not yet; None when no line starts a project."""
        text = lf(text)
        if text == self.text and self.units:
            layout = self.layout(text)
            return self.units[layout.index(line)]
        layout = self.layout(text)
        if not layout.chunks:
            return None
        return self._unit(layout, layout.index(line))

    def units_between(self, text: str, first: int, last: int) -> list[Unit]:
        """The units of text whose chunks hold file lines first..last (compiled now where
        needed); none when no line starts a project."""
        text = lf(text)
        layout = self.layout(text)
        if not layout.chunks:
            return []
        if text == self.text and self.units:
            return self.units[layout.index(first) : layout.index(last) + 1]
        return [self._unit(layout, k) for k in range(layout.index(first), layout.index(last) + 1)]

    def units_of(self, text: str) -> list[Unit]:
        """Every unit of text (compiled now where needed)."""
        text = lf(text)
        if text != self.text:
            self.check(text)
        return self.units

    # -- checking --------------------------------------------------------------------------------
    def check(self, text: str) -> tuple[Diagnostic, ...]:
        """The diagnostics of text (see the class)."""
        for _ in self.steps(text):
            pass
        return self.diagnostics

    def steps(self, text: str):
        """check(text), yielding after each project it compiles."""
        text = lf(text)
        if text == self.text:
            return
        layout = self.layout(text)
        for k in range(len(layout.chunks)):
            if self._unit(layout, k, compile=False) is None:
                self._unit(layout, k)
                yield
                if self._layout_cache is not layout:  # another text was laid out meanwhile
                    layout = self.layout(text)
        self._finish(layout)

    def _finish(self, layout: _Layout) -> None:
        units = [self._unit(layout, k) for k in range(len(layout.chunks))]
        self.units = units
        keys = {u.key for u in units}
        self._results = {k: r for k, r in self._results.items() if k in keys}
        self._units = {k: u for k, u in self._units.items() if k[0] in keys}
        self._previous = [u.result for u in units]
        self.text = layout.text
        head = self._together(units)
        whole = None
        if head is None or _stray_project_line(units):
            whole = compile_text(layout.text, self.path, _UNFILTERED)
            self.compiled += 1
        if whole is not None and (head is None or whole.document is not None):
            if not units:
                self._results = {}
            self._shifted = {}
            self.whole = whole
            self.head = apply_config(list(whole.diagnostics), self.config, self.path)
            self.diagnostics = tuple(sorted(self.head, key=Diagnostic.sort_key))
            return
        self.whole = None
        self.head = sorted(apply_config(head, self.config, self.path), key=Diagnostic.sort_key)
        enabled = self.config.enabled if self.config.select or self.config.ignore else None
        diags = list(self.head)
        for u in units:
            own = self.shifted(u)
            diags.extend(own if enabled is None else [d for d in own if enabled(d.code)])
        self.diagnostics = tuple(sorted(diags, key=Diagnostic.sort_key))

    def shifted(self, unit: Unit) -> tuple[Diagnostic, ...]:
        """The unit's own diagnostics (those of its chunk, not of the header) in file lines,
        unfiltered."""
        where = (unit.key, unit.delta, unit.next_project)
        got = self._shifted.get(where)
        if got is None:
            p = unit.prefix_lines
            got = tuple(_shift(d, unit, unit.next_project) for d in unit.result.diagnostics if d.span.line > p)
            self._shifted[where] = got
        return got

    def _together(self, units: list[Unit]) -> list[Diagnostic] | None:
        """The diagnostics that are no unit's own (the header's, PF204), unfiltered; None when
        the units' could differ from the whole text's and every unit parses (a top-level line
        after the first project, a chunk that is not one project): the whole text must be
        compiled then."""
        if not units:
            return None
        parsed = all(u.result.document is not None for u in units)
        if parsed and not all(_one_project(u) for u in units):
            return None
        keep = {(u.key, u.delta, u.next_project) for u in units}
        self._shifted = {k: v for k, v in self._shifted.items() if k in keep}
        first = units[0]
        diags = [d for d in first.result.diagnostics if d.span.line <= first.prefix_lines]
        diags.extend(self._clashes(units))
        return diags

    def _clashes(self, units: list[Unit]):
        """PF204, the one check across projects: a project named as one above it."""
        from .check.rules import name_clashes

        named, where = [], {}
        for u in units:
            # every project of the chunk (one indented under another's lines is the same chunk's)
            for p in u.projects():
                span = u.file_span(p.name_span)
                named.append((p.name, span))
                where[span.line] = u
        for d in name_clashes(named):
            u = where[d.span.line]
            if any(o.code == "PF204" and o.span == d.span for o in self.shifted(u)):
                continue  # two of the chunk's own projects: its compile said it already
            if _keep(d, _suppressed(u.result.document), u.unit_line(d.span.line)):
                yield d.in_file(self.path)

    def diagnostics_between(self, text: str, first: int, last: int) -> list[Diagnostic]:
        """The diagnostics of text on file lines first..last (of the projects there, compiled
        now if need be, when text is not the last checked)."""
        text = lf(text)
        if text == self.text:
            return [d for d in self.diagnostics if d.span.end_line >= first and d.span.line <= last]
        layout = self.layout(text)
        if not layout.chunks:
            return [d for d in self.check(text) if d.span.end_line >= first and d.span.line <= last]
        out = []
        for k in range(layout.index(first), layout.index(last) + 1):
            u = self._unit(layout, k)
            if k == 0:
                out += [d for d in u.result.diagnostics if d.span.line <= u.prefix_lines]
            out += self.shifted(u)
        out = apply_config(out, self.config, self.path)
        return sorted((d for d in out if d.span.end_line >= first and d.span.line <= last), key=Diagnostic.sort_key)


_UNFILTERED = Config()


def project_header(prefix: str) -> str:
    """The prefix as the projects after the first read it: its settings but HEADER_ONLY's,
    one a line, without comments or blank lines (the prefix itself when it does not parse)."""
    from .syntax.formatter import value_text
    from .syntax.keywords import EMPTY_ALLOWED
    from .syntax.nodes import Setting
    from .syntax.parser import parse

    doc, diags = parse(prefix)
    if doc is None or has_errors(diags) or doc.projects:
        return prefix
    rows = []
    for s in doc.items:
        if isinstance(s, Setting) and s.key not in HEADER_ONLY:
            alone = s.value == "" and s.key in EMPTY_ALLOWED
            rows.append(s.keyword if alone else f"{s.keyword} {value_text(s.value)}")
    return "".join(r + "\n" for r in rows)


def _stray_project_line(units: list[Unit]) -> bool:
    """A chunk leaves a block open at its end (PF103) and a later chunk does not parse either:
    a line starting with the project keyword may stand inside that block (`项目 ` typed at the
    start of an indicator line), where the whole text reads it as no project; whether it does
    only the whole text's parse can tell (a project that is merely unclosed, all after it
    parsing, costs nothing more)."""
    open_at = next(
        (
            k
            for k, u in enumerate(units)
            if u.result.document is None and any(d.code == "PF103" for d in u.result.diagnostics)
        ),
        None,
    )
    return open_at is not None and any(u.result.document is None for u in units[open_at + 1 :])


def _one_project(u: Unit) -> bool:
    """The unit's document is its header's settings and then one project, last."""
    return _one_project_after(u.result.document, u.prefix_lines)


def _one_project_after(doc, prefix_lines: int) -> bool:
    projects = doc.projects
    return len(projects) == 1 and doc.items[-1] is projects[0] and projects[0].span.line > prefix_lines


def _below_project(doc, prefix_lines: int) -> bool:
    """A chunk compiled after the header that parses but is not one project (a setting written
    below its project): compiled after the file's prefix as written instead, since the header
    leaves out HEADER_ONLY's settings, which the setting below may repeat (PF107).  When every
    project parses, such a text is compiled whole anyway; when one does not, each stands alone."""
    return doc is not None and not _one_project_after(doc, prefix_lines)


def check_by_project(text: str, path: str = "<stdin>", config: Config | None = None) -> tuple[Diagnostic, ...]:
    """The diagnostics of text compiled project by project (ProjectChecker.check, once)."""
    return ProjectChecker(path, config).check(text)


class UnitOutcome(NamedTuple):
    """What a stage that streams a file project by project keeps of one compiled project
    (compile_unit): small, picklable, no syntax tree."""

    own: tuple[Diagnostic, ...]  # the project's own diagnostics in file lines, unfiltered
    head: tuple[Diagnostic, ...]  # the header's, unfiltered (the file's: the first project's)
    named: tuple  # per project of the chunk: (name, the name's span in the file, the codes
    # suppressed on its line, whether the chunk's own compile reported its PF204)
    parsed: bool  # the unit has a document
    one_project: bool  # ... which is the header's settings and one project, last
    errors: bool  # an error among own and head once the configuration is applied
    piece: object = None  # render(model, line delta) when asked, the unit parsed and had no error
    model: object = None  # the unit's model, when asked to keep it (never sent between processes)


def compile_unit(
    path: str,
    config: Config,
    header: str,
    first: int,
    chunk: str,
    next_project: int | None,
    render=None,
    keep: bool = False,
    prefix: str | None = None,
) -> UnitOutcome:
    """One project's chunk (file line first on) compiled after a header (the prefix itself for
    the first chunk, project_header(prefix) for the others) as ProjectChecker compiles it; the
    diagnostics are those ProjectChecker.shifted and its header part give.  render(model,
    delta), a function of a module (it may run in a worker process), makes the unit's output
    piece, its lines to be moved by delta.  keep: the outcome holds the unit's model.  prefix: the
    file's prefix as written, for a chunk that is not one project (_below_project)."""
    result = _compile_after(header, chunk, path)
    doc = result.document
    p = header.count("\n")
    if prefix is not None and header is not prefix and _below_project(doc, p):
        header, result = prefix, _compile_after(prefix, chunk, path)  # see _below_project
        doc, p = result.document, header.count("\n")
    unit = Unit(first, p, result, (header, chunk), next_project)
    diags = result.diagnostics
    if diags:
        own = tuple(_shift(d, unit, next_project) for d in diags if d.span.line > p)
        head = tuple(d for d in diags if d.span.line <= p)
        kept = [d for d in own + head if config.enabled(d.code)] if config.select or config.ignore else own + head
        errors = has_errors(kept)
    else:  # the common case: nothing to shift, filter or weigh
        own = head = ()
        errors = False
    named = []
    if doc is not None:
        suppressed = None
        for project in unit.projects():
            span = unit.file_span(project.name_span)
            said = any(d.code == "PF204" and d.span == span for d in own)  # two of the chunk's own
            if suppressed is None:
                suppressed = _suppressed(doc)
            named.append((project.name, span, suppressed.get(project.name_span.line, ()), said))
    parsed = doc is not None
    piece = None
    if render is not None and result.model is not None and not errors:
        piece = render(result.model, unit.delta)
    model = result.model if keep else None
    return UnitOutcome(own, head, tuple(named), parsed, parsed and _one_project_after(doc, p), errors, piece, model)


def unit_clashes(named: list[tuple], path: str) -> list[Diagnostic]:
    """PF204 over the (name, span, suppressed codes, said) of a file's projects, in file order
    (ProjectChecker._clashes on the summaries compile_unit keeps)."""
    from .check.rules import name_clashes

    where = {span.line: (sup, said) for _, span, sup, said in named}
    out = []
    for d in name_clashes((name, span) for name, span, _, _ in named):
        codes, said = where[d.span.line]
        if not (said or codes is None or any(d.code.startswith(c) for c in codes)):
            out.append(d.in_file(path))
    return out
