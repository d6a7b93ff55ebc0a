"""What the page's worker calls: plain functions of texts and file paths that answer JSON-able
dicts (bytes for file contents).  Each is a thin call into the pipeline the command line uses —
api.compile_text / recompile, the backends registry, the importers, the evaluation, the
formatter, the language server's completion and code actions — so the page and `perflang`
cannot disagree.  Positions go out as 1-based lines and 0-based UTF-16 columns (what the
editor counts in).

The same functions run under CPython (tests/test_web_node.py compares the two)."""

from __future__ import annotations

import json

from ..api import Result, compile_text, recompile
from ..diagnostics import Diagnostic
from ..lsp.positions import Lines
from ..source import lf

__all__ = [
    "check",
    "preview",
    "format_text",
    "download",
    "capabilities",
    "import_file",
    "import_pasted",
    "new_file",
    "actuals_form",
    "evaluate",
    "complete",
    "read",
    "call",
]

NAME = "工作台.perf"  # the file name diagnostics carry (the page shows the user's own name)
FULL_PREVIEW_PROJECTS = 20  # more projects than this: the preview shows the one at the cursor

_last: dict[str, Result] = {}  # the previous check, for recompile (one changed line)


def _compiled(text: str, name: str = NAME) -> Result:
    previous = _last.get("result")
    if previous is not None and previous.path == name:
        result = recompile(previous, text)
    else:
        result = compile_text(text, name)
    _last["result"] = result
    return result


def _position(lines: Lines, line: int, column: int) -> dict:
    l0, ch = lines.to_lsp(max(line, 1), max(column, 1))
    return {"line": l0 + 1, "ch": ch}


def diagnostic(d: Diagnostic, lines: Lines, lang: str) -> dict:
    """A diagnostic for the page: code, severity, from/to, message and hint in lang."""
    s = d.span
    return {
        "code": d.code,
        "severity": d.level.value,
        "line": s.line,
        "column": s.column,
        "from": _position(lines, s.line, s.column),
        "to": _position(lines, s.end_line, s.end_column),
        "message": d.message(lang),
        "hint": d.hint(lang),
        "notes": [n.text(lang) for n in d.notes],
    }


def check(text: str, lang: str = "zh", name: str = NAME) -> dict:
    """The diagnostics of text (as `perflang check` finds them), each with the language
    server's quick fixes, and the file's projects with their lines."""
    from ..lsp.actions import actions_for

    result = _compiled(text, name)
    lines = Lines(result.source.text if result.source else text)
    projects = []
    if result.model is not None:
        projects = [{"name": p.name, "line": p.node.span.line} for p in result.model.projects]
    out = []
    for d in result.diagnostics:
        item = diagnostic(d, lines, lang)
        item["fixes"] = [_fix(a, lines) for a in actions_for(d, lines, lang)]
        out.append(item)
    return {
        "diagnostics": out,
        "ok": result.ok,
        "errors": sum(1 for d in result.diagnostics if d.level.value == "error"),
        "warnings": sum(1 for d in result.diagnostics if d.level.value == "warning"),
        "projects": projects,
    }


def _fix(action, lines: Lines) -> dict:
    """A code action as edits in editor positions."""
    edits = [
        {"from": _position(lines, s[0], s[1]), "to": _position(lines, s[2], s[3]), "insert": new}
        for s, new in action.edits
    ]
    return {"title": action.title, "code": action.code, "preferred": action.preferred, "edits": edits}


def read(path: str, name: str = NAME, lang: str = "zh") -> dict:
    """A .perf file from the user's disk, decoded as `perflang check` reads it (UTF-8, GBK …),
    or the reason it cannot be read (PF001-PF007, the command line's message)."""
    from ..api import read_source
    from ..diagnostics import render

    text, problem = read_source(path)
    if problem is not None:
        return {"error": render([problem.in_file(name)], "text", {}, lang).strip()}
    return {"text": text}


def _model_of(text: str, name: str = NAME):
    """The checked model of text, or None when it has errors (build refuses those too)."""
    result = _last.get("result")
    if result is None or result.path != name or result.source is None or result.source.text != lf(text):
        result = _compiled(text, name)
    return result.model if result.ok else None


def preview(
    text: str, form: str | None = None, focus_line: int | None = None, full: bool = False, name: str = NAME
) -> dict:
    """The HTML `build --to html` writes for text (its 表样, or form).  A file of more than
    FULL_PREVIEW_PROJECTS projects previews the project at focus_line only, unless full."""
    from attrs import evolve

    from ..backends import get

    model = _model_of(text, name)
    if model is None:
        return {"html": None}
    shown = model
    total = len(model.projects)
    if total > FULL_PREVIEW_PROJECTS and not full:
        at = [p for p in model.projects if p.node.span.line <= (focus_line or 1)]
        project = at[-1] if at else model.projects[0]
        shown = evolve(model, projects=(project,))
    html = get("html").render(shown, **_form_option(form))
    return {"html": html, "projects": total, "shown": len(shown.projects)}


def _form_option(form: str | None) -> dict:
    if not form:
        return {}
    from ..forms import resolve_form

    return {"form": resolve_form(form)}


def format_text(text: str, lang: str = "zh") -> dict:
    """`perflang fmt` on text: {"text": formatted} or, for a text with errors, its diagnostics."""
    from ..syntax.formatter import format_text as fmt

    new, diags = fmt(text.replace("\r\n", "\n"))
    if new is None:
        lines = Lines(text)
        return {"text": None, "diagnostics": [diagnostic(d, lines, lang) for d in diags]}
    return {"text": new}


def capabilities() -> dict:
    """Which writers can run here: the Word writer needs python-docx (and lxml, C code that
    Pyodide's core does not have)."""
    from importlib.util import find_spec

    def can(*modules: str) -> bool:  # found, not imported: the page starts without loading them
        return all(find_spec(m) is not None for m in modules)

    return {"docx": can("docx", "lxml"), "xlsx": can("openpyxl")}


def download(text: str, fmt: str, form: str | None = None, lang: str = "zh", name: str = NAME) -> dict:
    """The file `perflang build --to fmt` writes: {"data": str|bytes, "suffix"} or {"error"}."""
    from ..backends import BACKENDS
    from ..errors import PerflangError

    backend = BACKENDS[fmt]
    model = _model_of(text, name)
    if model is None:
        return {"error": "errors"}
    options = _form_option(form) if "form" in backend.options else {}
    try:
        data = backend.render(model, **options)
    except PerflangError as exc:
        return {"error": exc.message(lang)}
    return {"data": data, "suffix": backend.suffix}


def _note_line(note, text: str) -> int | None:
    """The line of the written .perf a note concerns: an error found in it; else the first
    line that shows what the note names (the row kept as a comment, the category supplied,
    the cell repaired); None for a row that left nothing behind (a blank row skipped)."""
    if note.key == "check":
        return note.args.get("line")
    values = [v for v in note.args.values() if isinstance(v, str) and len(v) >= 2]
    values += [v.removesuffix("指标") for v in values if v.endswith("指标") and len(v) > 4]
    lines = text.split("\n")
    for value in values:
        for no, line in enumerate(lines, 1):
            if value in line:
                return no
    return None


def _imported(run, lang: str) -> dict:
    from ..importers import convert

    convert.Lazy.lang = lang  # the language of the written-file errors in notes (as `perflang import`)
    try:
        text, doc = run()
    except convert.ImportError_ as exc:
        return {"error": exc.text(lang)}
    notes = [
        {"where": n.where, "text": n.text(lang), "problem": n.problem, "line": _note_line(n, text)} for n in doc.notes
    ]
    return {"text": text, "notes": notes, "summary": convert.summary(doc, lang)}


def import_file(path: str, lang: str = "zh") -> dict:
    """`perflang import FILE`: the .perf text, the notes, the summary; or the error."""
    from ..importers.convert import import_file as run

    return _imported(lambda: run(path), lang)


def import_pasted(text: str, lang: str = "zh") -> dict:
    """`perflang import` of a table pasted from a web page or Word (tabs, or one cell a line)."""
    from ..importers.convert import import_text

    return _imported(lambda: import_text(text), lang)


def new_file(answers: dict, lang: str = "zh") -> dict:
    """`perflang new`'s skeleton for the answers (unit, project, budget, form, goals)."""
    from ..messages import cli_text
    from ..syntax.skeleton import PLACEHOLDERS, skeleton, valid_budget, valid_name

    a = {k: (answers.get(k) or "").strip() or PLACEHOLDERS[k] for k in PLACEHOLDERS}
    for key in ("unit", "project"):
        if not valid_name(a[key]):
            return {"error": cli_text("new.empty", lang, what=cli_text(f"new.what.{key}", lang))}
    if not valid_budget(a["budget"]):
        return {"error": cli_text("new.bad_budget", lang, budget=a["budget"])}
    return {"text": skeleton(a["unit"], a["project"], a["budget"], a["form"], a["goals"])}


def actuals_form(text: str, name: str = NAME) -> dict:
    """The indicators to fill in for 自评: per project, the scored goals' indicators with the
    key the actuals file gives them (the name, or goal/一级/二级/三级 when the name repeats)."""
    from ..scoring.spec import indicator_keys

    model = _model_of(text, name)
    if model is None:
        return {"projects": None}
    out = []
    for p in model.projects:
        rows = [(g, i) for g in p.evaluated_goals for i in g.indicators]
        names = [i.name for _, i in rows]
        items = []
        for g, i in rows:
            keys = indicator_keys(i, g.label)
            items.append(
                {
                    "key": keys[0] if names.count(i.name) == 1 else keys[-1],
                    "level1": i.level1,
                    "level2": i.level2,
                    "name": i.name,
                    "target": i.target.text,
                }
            )
        out.append({"name": p.name, "budget": p.budget.text if p.budget else "", "indicators": items})
    return {"projects": out}


def evaluate(
    text: str, actuals_path: str, profile: str | None = None, fmt: str = "html", lang: str = "zh", name: str = NAME
) -> dict:
    """`perflang eval` on text (written to a file of its name, as the command line reads it):
    the 自评表 in an eval format (html, json, xlsx …), the result (perflang-eval/1) and the
    problems found in the file, the profile or the actuals; or why it was not scored."""
    import tempfile
    from pathlib import Path

    from ..backends import EVAL_BACKENDS
    from ..errors import PerflangError
    from ..evaluation.run import evaluate_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(name).name
        path.write_text(text, encoding="utf-8")
        outcome = evaluate_file(str(path), actuals_path, profile or None)
    target = [d for d in outcome.target.diagnostics if d.level.value == "error"]
    problems = [(d, s) for shown in outcome.others for d in shown.diagnostics for s in [shown.sources.get(d.file)]]
    listed = [diagnostic(d, Lines(s.text if s else ""), lang) for d, s in problems]
    if outcome.evaluation is None:
        return {"error": "errors" if target else "problems", "problems": listed}
    try:
        data = EVAL_BACKENDS[fmt].render(outcome.evaluation)
    except PerflangError as exc:  # a writer's missing dependency, said in the page
        return {"error": exc.message(lang), "problems": listed}
    return {"data": data, "result": outcome.evaluation.result, "problems": listed, "failed": outcome.failed}


def complete(text: str, line: int, ch: int, lang: str = "zh") -> dict:
    """Completion at a 1-based line and 0-based UTF-16 column: the language server's items, their
    details in the page's language, and `from`, the 0-based UTF-16 column where the text they
    replace begins (the range of the server's text edits: after `≥95` the units replace nothing
    of `≥95`)."""
    from ..lsp.completion import complete as items
    from ..messages import localize

    lines = text.split("\n")
    current = lines[line - 1] if 1 <= line <= len(lines) else ""
    column = _column(current, ch)
    found = items(lines, line, column)
    start = found[0].start if found and found[0].start else column
    return {
        "from": _units(current[: start - 1]),
        "items": [{"label": i.label, "kind": i.kind, "detail": localize(i.detail, lang)} for i in found],
    }


def _units(text: str) -> int:
    """The length of text in UTF-16 code units (the page's columns)."""
    return sum(2 if ord(c) > 0xFFFF else 1 for c in text)


def _column(text: str, ch: int) -> int:
    """The 1-based character column of the UTF-16 offset ch in text."""
    units = 0
    for i, c in enumerate(text):
        if units >= ch:
            return i + 1
        units += 2 if ord(c) > 0xFFFF else 1
    return len(text) + 1


FUNCTIONS = {
    "check": check,
    "preview": preview,
    "format": format_text,
    "download": download,
    "capabilities": capabilities,
    "import_file": import_file,
    "import_pasted": import_pasted,
    "new": new_file,
    "actuals_form": actuals_form,
    "evaluate": evaluate,
    "complete": complete,
    "read": read,
}


def call(name: str, args_json: str):
    """The worker's one entry: FUNCTIONS[name](**args) with its args as JSON."""
    return FUNCTIONS[name](**json.loads(args_json))
