"""The `--to js` and `--to java` backends: the stand-alone evaluators for the budget systems'
web front ends and Java back ends.  Each is a port of the scoring rules perflang runs
(perflang/scoring/rules.py, plan.py, core.py, targets.py, evaluator.py, decimals.py), kept
as a package data file (perflang/runtimes/evaluator.mjs, evaluator.d.ts,
PerflangEvaluator.java) and filled in here with the national profile and the catalog's messages
of the actuals' problems.  Both are data-driven: they score the targets JSON of
`perflang build FILE --to json` (perflang/2), whichever file it was built from.
tests/test_runtimes.py runs them against the interpreter on generated targets and actuals."""

from __future__ import annotations

import json
from pathlib import Path

from .. import __version__
from ..model import Model
from ..scoring.rules import profile_to_data
from ..scoring.spec import builtin_profile
from .python import problem_messages, reason_texts

__all__ = ["render_js", "render_java", "js_companions", "java_class_name", "RUNTIMES"]

RUNTIMES = Path(__file__).resolve().parents[1] / "runtimes"
DEFAULT_CLASS = "PerflangEvaluator"
# the classes nested in the Java source: the outer class may not take one of their names
NESTED = frozenset(
    (
        "Band",
        "CloseNames",
        "Group",
        "Indicator",
        "JsonError",
        "JsonReader",
        "Plan",
        "Problem",
        "Profile",
        "ProfileError",
        "Project",
        "Quantity",
        "Raw",
        "Result",
        "Scoring",
        "SequenceMatcher",
        "Spec",
        "Step",
    )
)


def _national() -> str:
    return json.dumps(profile_to_data(builtin_profile("national")), ensure_ascii=False, sort_keys=False)


def render_js(model: Model, **_options) -> str:
    """The ES module (an evaluator over any perflang/2 targets)."""
    text = (RUNTIMES / "evaluator.mjs").read_text(encoding="utf-8")
    return (
        text.replace("__VERSION__", __version__)
        .replace("__NATIONAL__", _national())
        .replace("__MESSAGES__", json.dumps(problem_messages(), ensure_ascii=False))
        .replace("__REASONS__", json.dumps(reason_texts(), ensure_ascii=False))
    )


def js_companions(dest: Path) -> list[tuple[Path, str]]:
    """The type declarations written beside the module: x.d.mts for x.mjs, x.d.ts for x.js."""
    suffix = ".d.mts" if dest.suffix == ".mjs" else ".d.cts" if dest.suffix == ".cjs" else ".d.ts"
    text = (RUNTIMES / "evaluator.d.ts").read_text(encoding="utf-8").replace("__VERSION__", __version__)
    return [(dest.with_name(dest.name[: -len(dest.suffix)] + suffix if dest.suffix else dest.name + suffix), text)]


def java_class_name(output: str | Path | None) -> str:
    """The class the source file declares: the output file's name when it is a Java name
    (javac wants a public class in a file of its name), else PerflangEvaluator."""
    if output is None:
        return DEFAULT_CLASS
    stem = Path(output).stem
    keywords = {"class", "public", "static", "final", "int", "void", "new", "package", "import", "record"}
    ok = stem.isidentifier() and stem.isascii() and stem not in keywords and stem not in NESTED
    return stem if ok else DEFAULT_CLASS


def _java_string(text: str) -> str:
    """A Java string literal of text."""
    return json.dumps(text, ensure_ascii=True)


def _ascii(text: str) -> str:
    """Every character beyond ASCII as a \\uXXXX escape (javac reads them anywhere in a source
    file): the file compiles whatever the platform's default encoding (JDK 17 does not assume
    UTF-8)."""
    out = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch)
        else:
            data = ch.encode("utf-16-be")
            out += [f"\\u{int.from_bytes(data[i : i + 2], 'big'):04x}" for i in range(0, len(data), 2)]
    return "".join(out)


def render_java(model: Model, output: str | Path | None = None, **_options) -> str:
    """One Java 17 source file (no dependency) whose public class is named after the output file;
    written to a file whose name Java cannot take as a class (a folder build gives
    ezhou-data-bureau.java), the class is PerflangEvaluator and not public, so the file still
    compiles (javac wants a public class in a file of its own name)."""
    text = (RUNTIMES / "PerflangEvaluator.java").read_text(encoding="utf-8")
    name = java_class_name(output)
    if output is not None and Path(output).stem != name:
        text = text.replace("public final class __CLASS__ {", "final class __CLASS__ {", 1)
    text = (
        text.replace("__VERSION__", __version__)
        .replace("__CLASS__", name)
        .replace("__NATIONAL__", _java_string(_national()))
        .replace("__MESSAGES__", _java_string(json.dumps(problem_messages(), ensure_ascii=False)))
        .replace("__REASONS__", _java_string(json.dumps(reason_texts(), ensure_ascii=False)))
    )
    return _ascii(text)
