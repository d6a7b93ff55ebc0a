"""Backends: one record per output format, of `perflang build` (render(model, **options)), of
`perflang eval` (render(evaluation)) or of `perflang diff` (render(adjustment, lang=…)).  The CLI's --to choices come from this registry; each
backend module is imported only when it is used (start-up stays fast).

A new output format of `build`:
1. a module `perflang/backends/NAME.py` with `render(model, **options) -> str | bytes`
   (HTML through `markup.environment()`, the one jinja2 environment; an office file through
   `office.py`'s grid);
2. one `Backend(...)` record in REGISTRY below (`binary=True` for bytes, `options=("form",)`
   when it prints a form);
3. a test in `tests/test_NAME.py`; a heavy dependency goes in an optional extra of
   pyproject.toml, and its absence is `PerflangError("PF923", …)` (see xlsx.py).
`perflang build --to NAME`, its help and docs/cli.md's list follow from the record.  A build
format may write files beside its output (`companions`: the .d.ts of `--to js`) and take the -o
path (`options=("output",)`: the Java class is named after it).

A format that can be written while a big file is read project by project (perflang/workspace/
stream.py) names its module in `stream`: `stream_renderer(first_model, **options)` gives the
function each project's model goes through where it is compiled (a worker process, maybe:
`piece(model, line_delta)`, a module's function or a functools.partial of one), and
`stream_chunks(first_model, pieces, **options)` the output's text from those pieces, in order:
the same bytes as `render` (tests/test_stream.py compares them).  A format
of `eval` is the same with `command="eval"` and `render(evaluation)` (evalreport.py), one of
`diff` with `command="diff"` and `render(adjustment, lang=…)` (adjustment.py).
"""

from __future__ import annotations

from importlib import import_module

from attrs import frozen

__all__ = ["Backend", "REGISTRY", "BACKENDS", "EVAL_BACKENDS", "MONITOR_BACKENDS", "DIFF_BACKENDS", "get"]


@frozen
class Backend:
    name: str
    suffix: str
    description: str
    target: str  # "module:function"; the function is render(model, **options) -> str | bytes
    binary: bool = False
    options: tuple[str, ...] = ()  # the command-line options render() takes (e.g. "form"; "output": the -o path)
    command: str = "build"  # build: render(model, **options); eval: render(evaluation)
    companions: str = ""  # "module:function(dest) -> [(path, text)]": files written beside the output
    stream: str | None = None  # the module written project by project (see above)

    def render(self, model, **options):
        module, _, func = self.target.partition(":")
        return getattr(import_module(module), func)(model, **options)

    def companion_files(self, dest) -> list:
        """The files written beside the output (e.g. the .d.ts of --to js), as (path, text)."""
        if not self.companions:
            return []
        module, _, func = self.companions.partition(":")
        return getattr(import_module(module), func)(dest)

    def stream_renderer(self, first, **options):
        return import_module(self.stream).stream_renderer(first, **options)

    def stream_chunks(self, first, pieces, **options):
        return import_module(self.stream).stream_chunks(first, pieces, **options)


_EVAL = "perflang.backends.evalreport"
_MONITOR = "perflang.backends.monitorreport"
REGISTRY: tuple[Backend, ...] = (
    Backend(
        "json",
        ".json",
        "the checked model as JSON (perflang/2)",
        "perflang.backends.json:render",
        stream="perflang.backends.json",
    ),
    Backend(
        "html",
        ".html",
        "the printable form: 批复表, 申报表, 目标表 or a form file (HTML)",
        "perflang.backends.html:render",
        options=("form",),
        stream="perflang.backends.html",
    ),
    Backend(
        "pdf", ".pdf", "the printable table as PDF", "perflang.backends.pdf:render", options=("form",), binary=True
    ),
    Backend(
        "tsv",
        ".tsv",
        "the text export of the form (tab-separated)",
        "perflang.backends.tsv:render",
        options=("form",),
        stream="perflang.backends.tsv",
    ),
    Backend(
        "xlsx",
        ".xlsx",
        "the printable form (批复表, 申报表, 目标表 or a form file) as an Excel workbook",
        "perflang.backends.xlsx:render",
        options=("form",),
        binary=True,
    ),
    Backend(
        "docx",
        ".docx",
        "the printable form as a Word document",
        "perflang.backends.docx:render",
        options=("form",),
        binary=True,
    ),
    Backend(
        "python", ".py", "a stand-alone evaluator module (standard library only)", "perflang.backends.python:render"
    ),
    Backend(
        "js",
        ".mjs",
        "a stand-alone evaluator: an ES module and its .d.ts, exact decimals, no dependency",
        "perflang.backends.runtimes:render_js",
        companions="perflang.backends.runtimes:js_companions",
    ),
    Backend(
        "java",
        ".java",
        "a stand-alone evaluator: one Java 17 source file (BigDecimal), no dependency",
        "perflang.backends.runtimes:render_java",
        options=("output",),
    ),
    # perflang eval --to: the evaluation (perflang/backends/evalreport.py)
    Backend("json", ".json", "the evaluation as JSON (perflang-eval/2)", f"{_EVAL}:render_json", command="eval"),
    Backend("html", ".html", "the printable 自评表 (HTML)", f"{_EVAL}:render_html", command="eval"),
    Backend("text", ".txt", "a summary for the terminal", f"{_EVAL}:render_text", command="eval"),
    Backend("pdf", ".pdf", "the 自评表 as PDF", f"{_EVAL}:render_pdf", binary=True, command="eval"),
    Backend("xlsx", ".xlsx", "the 自评表 as an Excel workbook", f"{_EVAL}:render_xlsx", binary=True, command="eval"),
    Backend("docx", ".docx", "the 自评表 as a Word document", f"{_EVAL}:render_docx", binary=True, command="eval"),
    # perflang monitor --to: the 监控表 (perflang/backends/monitorreport.py)
    Backend("text", ".txt", "a summary for the terminal", f"{_MONITOR}:render_text", command="monitor"),
    Backend(
        "json", ".json", "the monitoring as JSON (perflang-monitor/1)", f"{_MONITOR}:render_json", command="monitor"
    ),
    Backend("html", ".html", "the printable 监控表 (HTML)", f"{_MONITOR}:render_html", command="monitor"),
    Backend("pdf", ".pdf", "the 监控表 as PDF", f"{_MONITOR}:render_pdf", binary=True, command="monitor"),
    Backend(
        "xlsx", ".xlsx", "the 监控表 as an Excel workbook", f"{_MONITOR}:render_xlsx", binary=True, command="monitor"
    ),
    Backend(
        "docx", ".docx", "the 监控表 as a Word document", f"{_MONITOR}:render_docx", binary=True, command="monitor"
    ),
    # perflang diff --to: the 绩效目标调整表 (perflang/backends/adjustment.py)
    Backend(
        "text", ".txt", "the changes, for the terminal", "perflang.backends.adjustment:render_text", command="diff"
    ),
    Backend(
        "json",
        ".json",
        "the changes as JSON (perflang-diff/1)",
        "perflang.backends.adjustment:render_json",
        command="diff",
    ),
    Backend(
        "html",
        ".html",
        "the printable 绩效目标调整表 (HTML)",
        "perflang.backends.adjustment:render_html",
        command="diff",
    ),
)
BACKENDS: dict[str, Backend] = {b.name: b for b in REGISTRY if b.command == "build"}
EVAL_BACKENDS: dict[str, Backend] = {b.name: b for b in REGISTRY if b.command == "eval"}
MONITOR_BACKENDS: dict[str, Backend] = {b.name: b for b in REGISTRY if b.command == "monitor"}
DIFF_BACKENDS: dict[str, Backend] = {b.name: b for b in REGISTRY if b.command == "diff"}


def get(name: str) -> Backend:
    return BACKENDS[name]
