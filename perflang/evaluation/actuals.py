"""Reading the year's actual results (实际完成值): JSON (perflang-actuals/1) or CSV (English or
Chinese header) -> the perflang-actuals/1 data the evaluator reads, plus where each item came
from (a CSV line, a JSON path and its line) so every problem points at the user's file."""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
import sys
from pathlib import Path

from attrs import field, frozen

from ..api import decode_source, read_source, unreadable
from ..diagnostics import Diagnostic, Note
from ..messages import Listing, phrase
from ..scoring.core import (
    ACTUALS_FORMAT,
    Unusable,
    checked_number,
    long_digits,
    refused_constant,
    too_many_digits,
    unusable,
)
from ..scoring.evaluator import problem_args, where_path
from ..source import SourceFile, Span

__all__ = ["Actuals", "load_actuals", "COLUMNS", "MONEY_ROWS", "STDIN", "STDIN_NAME"]

STDIN = "-"  # `--actuals -`: the actuals come on standard input
STDIN_NAME = "<stdin>"  # how diagnostics name them then

# column -> the header names accepted for it (English first)
COLUMNS = {
    "project": ("project", "项目名称", "项目"),
    "indicator": ("indicator", "三级指标", "指标"),
    "actual": ("actual", "实际完成值"),
    "score": ("score", "得分"),
    "note": ("note", "偏差原因", "偏差原因分析及改进措施"),
    "grade": ("grade", "完成程度"),
}
REQUIRED = ("project", "indicator", "actual")
# CSV rows whose indicator cell names a project figure rather than an indicator
MONEY_ROWS = {
    "全年执行数": "executed",
    "全年预算数": "budget",
    "实际完成情况": "summary",
    "年初预算数": "initial_budget",
    "评价结论": "conclusion",
    "存在问题": "problems",
    "改进措施": "measures",
}


@frozen
class Actuals:
    """Loaded actuals: the data (None when unreadable) and where each item is in the file."""

    path: str
    data: dict | None
    diagnostics: tuple[Diagnostic, ...] = ()
    source: SourceFile | None = None
    lines: dict = field(factory=dict)  # where -> line (see perflang.scoring.core)
    json_paths: bool = False

    def locate(self, where: tuple) -> tuple[Span, tuple[Note, ...]]:
        """The span and notes of an item named as in evalcore's problems."""
        line = self.lines.get(where) or self.lines.get(where[:2]) or 1
        # the JSON path as it is (`注: $.projects["甲"]…` / `note: …`): the same words in either language
        notes = (Note(self.path_of(where)),) if self.json_paths else ()
        return Span.point(line, 1), notes

    @staticmethod
    def path_of(where: tuple) -> str:
        return json_path(where)


def json_path(where: tuple) -> str:
    """$.projects["名称"].indicators["指标"] for a problem's place (evaluator.where_path)."""
    return where_path(where)


def catalog_args(code: str, args: dict) -> dict:
    """A problem's args (the evaluators' data) as a Diagnostic's: evaluator.problem_args, its
    phrase data ({"phrase": key, "args": …}) a catalog Phrase, a tuple a Listing."""
    return {k: _data(v) for k, v in problem_args(code, args).items()}


def _data(value):
    if isinstance(value, dict) and set(value) == {"phrase", "args"}:
        return phrase(value["phrase"], **{k: _data(v) for k, v in value["args"].items()})
    if type(value) is tuple:  # not a Phrase or Listing (named tuples)
        return Listing(value)
    return value


def _unreadable(p: str, source: SourceFile, at: int, args: dict) -> Actuals:
    """PF501 (args: its reason, a catalog value) at character offset `at` of the text."""
    line = source.text.count("\n", 0, max(at, 0)) + 1
    column = at - source.text.rfind("\n", 0, max(at, 0)) if at >= 0 else 1
    return Actuals(
        p,
        None,
        (Diagnostic(code="PF501", file=p, span=Span.point(line, column), args=args),),
        source,
    )


def load_actuals(path: str | Path) -> Actuals:
    """JSON (a .json file, or text starting with '{' or '[') or CSV, never raising; `-` reads
    standard input (JSON or CSV, told apart by the text)."""
    p = str(path)
    if p == STDIN:
        p = STDIN_NAME
        try:
            text, problem = decode_source(sys.stdin.buffer.read(), p)
        except OSError as exc:
            text, problem = None, unreadable(p, exc)
    else:
        text, problem = read_source(path)
    if problem is not None:
        return Actuals(p, None, (problem,))
    source = SourceFile(p, text)
    long = long_digits(text)  # the generated evaluators' check too (perflang.scoring.core)
    if long >= 0:
        return _unreadable(p, source, long, catalog_args("PF501", too_many_digits()))
    if (p != STDIN_NAME and Path(p).suffix.lower() == ".json") or text.lstrip().startswith(("{", "[")):
        return _load_json(p, text, source)
    return _load_csv(p, text, source)


def _load_json(p: str, text: str, source: SourceFile) -> Actuals:
    duplicates: list[str] = []

    def pairs(items):
        seen: dict = {}
        for key, value in items:
            if key in seen:
                duplicates.append(key)
            seen[key] = value
        return seen

    try:
        data = json.loads(
            text,
            object_pairs_hook=pairs,
            parse_float=checked_number,
            parse_int=checked_number,
            parse_constant=refused_constant,
        )
    except Unusable as exc:
        literal = str(exc)
        return _unreadable(p, source, _literal_at(text, literal), catalog_args("PF501", unusable(literal)))
    except RecursionError:
        return _unreadable(p, source, -1, {"reason": phrase("actuals.too_deep")})
    except json.JSONDecodeError as exc:
        return Actuals(
            p,
            None,
            (
                Diagnostic(
                    code="PF501",
                    file=p,
                    span=Span.point(exc.lineno, exc.colno),
                    args={"reason": phrase("actuals.json_syntax", detail=exc.msg)},
                ),
            ),
            source,
        )
    diags = tuple(
        Diagnostic(code="PF502", file=p, args={"what": phrase("actuals.key_repeats", key=k)}) for k in duplicates
    )
    return Actuals(p, data, diags, source, _json_lines(text, data), json_paths=True)


def _literal_at(text: str, literal: str) -> int:
    """Where a JSON literal stands as a value (after ':' or '[' or ','), else its first place."""
    m = re.search(r"[:\[,]\s*(-?%s)" % re.escape(literal), text)
    return m.start(1) if m else text.find(literal)


def _json_lines(text: str, data) -> dict:
    """The line of each project and indicator key, found by searching the text forward: each
    project's name after the previous one's, each of its keys between its name and the next
    project's (good enough for pointing at it; a key not found points at line 1).  Linear in
    the text: every search starts where the last one ended or is bounded by the next project."""
    lines: dict = {}
    projects = data.get("projects") if isinstance(data, dict) else None
    if not isinstance(projects, dict):
        return lines
    breaks = [i for i, ch in enumerate(text) if ch == "\n"] if "\n" in text else []

    def line_of(at: int) -> int:
        return bisect.bisect_left(breaks, at) + 1

    starts: list[tuple[str, int]] = []
    at = 0
    for name in projects:
        quoted = json.dumps(name, ensure_ascii=False)
        found = text.find(quoted + ":", at)
        found = text.find(quoted, at) if found < 0 else found
        if found >= 0:
            starts.append((name, found))
            at = found + len(quoted)
    for k, (name, start) in enumerate(starts):
        end = starts[k + 1][1] if k + 1 < len(starts) else len(text)
        lines[("project", name)] = line_of(start)
        body = projects[name]
        keys = (
            [("indicator", key) for key in body.get("indicators", {})]
            if isinstance(body, dict) and isinstance(body.get("indicators"), dict)
            else []
        )
        keys += [("execution", key) for key in ("executed", "budget")]
        for kind, key in keys:
            found = text.find(json.dumps(key, ensure_ascii=False), start, end)
            if found >= 0:
                lines[(kind, name, key)] = line_of(found)
    return lines


def _header(row: list[str]) -> dict[str, int] | str:
    """column -> index, or the name of the first required column that is missing."""
    cells = [c.strip().lstrip("\ufeff") for c in row]
    found = {
        col: cells.index(next(n for n in names if n in cells))
        for col, names in COLUMNS.items()
        if any(n in cells for n in names)
    }
    for col in REQUIRED:
        if col not in found:
            return f"{COLUMNS[col][0]} / {COLUMNS[col][1]}"
    return found


def _load_csv(p: str, text: str, source: SourceFile) -> Actuals:
    reader = csv.reader(io.StringIO(text))
    try:
        rows = []
        start = 1
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        return Actuals(
            p,
            None,
            (
                Diagnostic(
                    code="PF501",
                    file=p,
                    span=Span.point(reader.line_num, 1),
                    args={"reason": phrase("actuals.csv_error", detail=str(exc))},
                ),
            ),
            source,
        )
    rows = [(n, r) for n, r in rows if any(c.strip() for c in r)]
    if not rows:
        return Actuals(
            p,
            None,
            (Diagnostic(code="PF501", file=p, args={"reason": phrase("actuals.empty")}),),
            source,
        )
    columns = _header(rows[0][1])
    if isinstance(columns, str):
        return Actuals(
            p,
            None,
            (Diagnostic(code="PF515", file=p, span=Span.point(rows[0][0], 1), args={"missing": columns}),),
            source,
        )
    return _csv_data(p, rows[1:], columns, source)


def _csv_data(p: str, rows, columns: dict[str, int], source: SourceFile) -> Actuals:
    projects: dict = {}
    lines: dict = {}
    diags: list[Diagnostic] = []
    project = ""

    def cell(row, col):
        i = columns.get(col)
        return row[i].strip() if i is not None and i < len(row) else ""

    for line, row in rows:
        project = cell(row, "project") or project  # a blank cell continues the project above
        name = cell(row, "indicator")
        body = projects.setdefault(project, {"indicators": {}})
        lines.setdefault(("project", project), line)
        figure = MONEY_ROWS.get(name)
        key, target = (
            (("execution", project, figure), body) if figure else (("indicator", project, name), body["indicators"])
        )
        slot = figure or name
        if slot in target:
            diags.append(
                Diagnostic(
                    code="PF514", file=p, span=Span.point(line, 1), args={"name": name, "other": f"第 {lines[key]} 行"}
                )
            )
            continue
        lines[key] = line
        actual, score, note = cell(row, "actual"), cell(row, "score"), cell(row, "note")
        grade = cell(row, "grade")
        target[slot] = (
            {
                "actual": actual,
                **({"score": score} if score else {}),
                **({"note": note} if note else {}),
                **({"grade": grade} if grade else {}),
            }
            if (score or note or grade) and not figure
            else actual
        )
    data = {"format": ACTUALS_FORMAT, "projects": projects}
    return Actuals(p, data, tuple(diags), source, lines)
