"""Reading a progress file (运行监控's 1-N月 data, `perflang monitor --progress`): JSON
(perflang-progress/1) or CSV (English or Chinese header) -> the perflang-progress/1 data
perflang.scoring.monitor reads, plus where each item came from (a CSV line, a JSON key's line)
so every problem points at the user's file.  The JSON is read by the actuals' reader (exact
decimals, duplicate keys, NaN and over-long numbers refused where they stand); its problems are
said as the progress file's (PF530, PF531).  docs/monitoring.md documents both formats."""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
from pathlib import Path

from attrs import frozen

from ..api import decode_source, unreadable
from ..diagnostics import Diagnostic
from ..fileio import InputError, read_regular
from ..messages import Listing, phrase
from ..scoring.evaluator import where_path
from ..scoring.monitor import PROGRESS_FORMAT
from ..source import SourceFile, Span
from .actuals import Actuals, _load_json

__all__ = ["Progress", "load_progress", "COLUMNS", "ROWS", "REASON_KINDS", "MAX_BYTES", "template_csv"]

MAX_BYTES = 256 * 2**20  # a progress file of a whole province is a few megabytes
# column -> the header names accepted for it (English first)
COLUMNS = {
    "project": ("project", "项目名称", "项目"),
    "indicator": ("indicator", "三级指标", "指标", "指标名称"),
    "value": ("value", "执行情况", "实际完成值", "完成值", "指标执行情况", "半年度指标执行情况"),
    "projected": ("projected", "全年预计完成情况", "全年预计", "全年预计完成值"),
    "likelihood": ("likelihood", "完成目标可能性"),
    "measures": ("measures", "相关建议或举措", "改进措施"),
    "note": ("note", "备注"),
    "reasons": ("reasons", "偏差原因分析", "偏差原因"),
}
# 1-6月执行情况, 1-8月完成值 …: the value to date
VALUE_HEADER = re.compile(r"^1\s*[-－—~至]\s*\d{1,2}\s*月\s*(执行情况|完成值|实际完成值|完成情况)$")
# the kinds of deviation reason a CSV may give a column each (the national five and Hubei's)
REASON_KINDS = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "规划和目标设计", "投入保障", "项目管理", "其他")
REQUIRED = ("indicator", "value")
# rows whose indicator cell names a figure of the file or the project rather than an indicator
ROWS = {
    "month": "month",
    "月份": "month",
    "监控月份": "month",
    "executed": "executed",
    "执行数": "executed",
    "1-N月执行数": "executed",
    "projected_executed": "projected_executed",
    "全年预计执行数": "projected_executed",
    "budget": "budget",
    "年度预算数": "budget",
    "预算数": "budget",
    "reasons": "reasons",
    "偏差原因分析": "reasons",
    "偏差或不能完成目标原因分析": "reasons",
    "measures": "measures",
    "相关建议或举措": "measures",
    "rectify": "rectify",
    "是否需要整改": "rectify",
    "rectification": "rectification",
    "整改要求和建议": "rectification",
}
EXECUTED_ROW = re.compile(r"^1\s*[-－—~至]\s*\d{1,2}\s*月\s*执行数$")
CODES = {"PF501": "PF530", "PF502": "PF531"}  # the actuals reader's codes, said of a progress file


@frozen
class Progress(Actuals):
    """A loaded progress file: the data (None when unreadable) and where each item is (its
    lines keyed as perflang.scoring.monitor names items), located as the actuals are, its JSON
    paths naming $.month too."""

    @staticmethod
    def path_of(where: tuple) -> str:
        return json_path(where)


def json_path(where: tuple) -> str:
    """$.month, $.projects["名称"].indicators["指标"] … for a problem's place."""
    if where[0] == "month":
        return "$.month"
    return where_path(where)  # the actuals' paths (scoring.evaluator): the same shape


def _failed(p: str, diag: Diagnostic, source: SourceFile | None = None) -> Progress:
    return Progress(p, None, (diag,), source)


def load_progress(path: str | Path) -> Progress:
    """JSON (a .json file, or text starting with '{' or '[') or CSV, never raising.  Only a
    regular file is read (never a FIFO or a device), of at most MAX_BYTES."""
    p = str(path)
    try:
        data = read_regular(path, MAX_BYTES)
    except InputError as exc:
        return _failed(p, Diagnostic(code="PF530", file=p, args={"reason": exc.why}))
    except OSError as exc:
        return _failed(p, Diagnostic(code="PF530", file=p, args={"reason": unreadable(p, exc).args["reason"]}))
    text, problem = decode_source(data, p)
    if problem is not None:
        return _failed(p, problem)
    source = SourceFile(p, text)
    if Path(p).suffix.lower() == ".json" or text.lstrip().startswith(("{", "[")):
        return _json(p, text, source)
    return _csv(p, text, source)


def _json(p: str, text: str, source: SourceFile) -> Progress:
    read = _load_json(p, text, source)  # over-long numbers are refused there too (a NaN, a 10**5-digit number)
    diags = tuple(
        Diagnostic(code=CODES.get(d.code, d.code), file=d.file, span=d.span, notes=d.notes, args=d.args)
        for d in read.diagnostics
    )
    if read.data is None:
        return Progress(p, None, diags, source)
    lines = dict(read.lines)
    _more_lines(text, read.data, lines)
    return Progress(p, read.data, diags, source, lines, json_paths=True)


def _more_lines(text: str, data, lines: dict) -> None:
    """The lines of the keys the actuals' reader does not look for: the month, and each
    project's figures (projected_executed …), searched from the project's own line on."""
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]

    def line_of(at: int) -> int:
        return bisect.bisect_left(breaks, at) + 1

    found = text.find('"month"')
    if found >= 0:
        lines[("month",)] = line_of(found)
    projects = data.get("projects") if isinstance(data, dict) else None
    if not isinstance(projects, dict):
        return
    starts = sorted((line, name) for (kind, *rest), line in lines.items() if kind == "project" for name in rest[:1])
    offsets = [0] + [i + 1 for i in breaks]
    for k, (line, name) in enumerate(starts):
        begin = offsets[line - 1] if line - 1 < len(offsets) else 0
        end = offsets[starts[k + 1][0] - 1] if k + 1 < len(starts) else len(text)
        for key in ("executed", "projected_executed", "budget", "reasons", "measures"):
            at = text.find(json.dumps(key), begin, end)
            if at >= 0:
                lines.setdefault(("execution", name, key), line_of(at))


def _header(row: list[str]) -> dict | str:
    """column -> index (a reason kind's column as ("reason", kind)), or the first required
    column missing, or a list of the cells not understood."""
    cells = [c.strip().lstrip("\ufeff") for c in row]
    found: dict = {}
    unknown = []
    for i, cell in enumerate(cells):
        col = next((c for c, names in COLUMNS.items() if cell in names), None)
        if col is None and VALUE_HEADER.match(cell):
            col = "value"
        if col is None and cell in REASON_KINDS:
            col = ("reason", cell)
        if col is None:
            if cell:
                unknown.append(cell)
            continue
        found.setdefault(col, i)
    for col in REQUIRED:
        if col not in found:
            return f"{COLUMNS[col][0]} / {COLUMNS[col][1]}"
    if unknown:
        return unknown
    return found


def _csv(p: str, text: str, source: SourceFile) -> Progress:
    reader = csv.reader(io.StringIO(text))
    rows = []
    try:
        start = 1
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        return _failed(
            p,
            Diagnostic(
                code="PF530",
                file=p,
                span=Span.point(reader.line_num, 1),
                args={"reason": phrase("actuals.csv_error", detail=str(exc))},
            ),
            source,
        )
    rows = [(n, r) for n, r in rows if any(c.strip() for c in r)]
    if not rows:
        return _failed(p, Diagnostic(code="PF530", file=p, args={"reason": phrase("actuals.empty")}), source)
    columns = _header(rows[0][1])
    if isinstance(columns, str):
        what = phrase("progress.no_column", column=columns)
    elif isinstance(columns, list):
        known = (*(n for names in COLUMNS.values() for n in names[:2]), *REASON_KINDS)
        what = phrase("progress.unknown_columns", cells=Listing(tuple(columns)), known=Listing(known))
    else:
        return _csv_data(p, rows[1:], columns, source)
    return _failed(p, Diagnostic(code="PF531", file=p, span=Span.point(rows[0][0], 1), args={"what": what}), source)


def _figure(name: str):
    return ROWS.get(name) or ("executed" if EXECUTED_ROW.match(name) else None)


def _csv_data(p: str, rows, columns: dict, source: SourceFile) -> Progress:
    projects: dict = {}
    lines: dict = {}
    diags: list[Diagnostic] = []
    data: dict = {"format": PROGRESS_FORMAT}
    project = ""

    def cell(row, col):
        i = columns.get(col)
        return row[i].strip() if i is not None and i < len(row) else ""

    def twice(line, name, where):
        diags.append(
            Diagnostic(
                code="PF514", file=p, span=Span.point(line, 1), args={"name": name, "other": f"第 {lines[where]} 行"}
            )
        )

    for line, row in rows:
        name = cell(row, "indicator")
        figure = _figure(name)
        if figure == "month":
            if ("month",) in lines:
                twice(line, name, ("month",))
                continue
            lines[("month",)] = line
            data["month"] = cell(row, "value")
            continue
        project = cell(row, "project") or project  # a blank cell continues the project above
        body = projects.setdefault(project, {})
        lines.setdefault(("project", project), line)
        if figure:
            where = ("execution", project, figure)
            if figure in body:
                twice(line, name, where)
                continue
            lines[where] = line
            body[figure] = cell(row, "value")
            if figure == "executed" and cell(row, "projected") and "projected_executed" not in body:
                body["projected_executed"] = cell(row, "projected")  # the form's one row: 执行数 | 全年预计执行数
                lines[("execution", project, "projected_executed")] = line
            continue
        entries = body.setdefault("indicators", {})
        where = ("indicator", project, name)
        if name in entries:
            twice(line, name, where)
            continue
        lines[where] = line
        reasons = {col[1]: cell(row, col) for col in columns if isinstance(col, tuple) and cell(row, col)}
        if cell(row, "reasons"):
            reasons = {**reasons, "其他": cell(row, "reasons")} if reasons else cell(row, "reasons")
        entry = {k: cell(row, k) for k in ("value", "projected", "likelihood", "measures", "note") if cell(row, k)}
        if reasons:
            entry["reasons"] = reasons
        entries[name] = entry
    data["projects"] = projects
    if "month" not in data:
        data["month"] = None
    return Progress(p, data, tuple(diags), source, lines)


def template_csv(data: dict) -> str:
    """A template (perflang.scoring.monitor.template) as CSV with the Chinese header: the month,
    then per project its figures and one row per indicator."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    month = data.get("month")
    value = "实际完成值" if month is None else f"1-{month}月执行情况"
    w.writerow(
        ["项目名称", "三级指标", value, "全年预计完成情况", "完成目标可能性", "偏差原因分析", "相关建议或举措", "备注"]
    )
    w.writerow(["", "月份", "" if month is None else str(month)])
    for name, body in data["projects"].items():
        w.writerow([name, "年度预算数", body.get("budget", "")])
        w.writerow([name, "执行数", "", ""])
        for key in body["indicators"]:
            w.writerow([name, key, "", "", "", "", "", ""])
        w.writerow([name, "偏差原因分析", ""])
        w.writerow([name, "相关建议或举措", ""])
    return out.getvalue()
