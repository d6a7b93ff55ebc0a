"""The layout's rules (docs/architecture.md): no import cycles, no import from a lower stage to a
higher one, click only in the command-line layer, the evaluation rules on the standard library
alone, and few modules directly in perflang/."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "perflang"

# the command-line layer: the click commands, and each stage's glue to them (`*/command.py`)
COMMAND_LAYER = {"perflang.cli", "perflang.entry", "perflang.__main__"}
# what each stage may not import (a prefix names a module or a whole sub-package)
FORBIDDEN = {
    "perflang.syntax": (
        "perflang.model",
        "perflang.check",
        "perflang.evaluation",
        "perflang.backends",
        "perflang.importers",
        "perflang.workspace",
        "perflang.api",
        "perflang.cli",
    ),
    "perflang.model": (
        "perflang.check",
        "perflang.evaluation",
        "perflang.backends",
        "perflang.importers",
        "perflang.workspace",
        "perflang.api",
        "perflang.cli",
    ),
    "perflang.check": ("perflang.backends", "perflang.importers", "perflang.workspace", "perflang.api", "perflang.cli"),
    "perflang.backends": ("perflang.importers", "perflang.workspace", "perflang.cli", "perflang.check"),
    "perflang.evaluation": ("perflang.backends", "perflang.importers", "perflang.workspace", "perflang.cli"),
    "perflang.importers": ("perflang.workspace", "perflang.cli", "perflang.evaluation"),
    "perflang.workspace": ("perflang.cli",),
}
EMBEDDED = ("perflang.decimals", "perflang.evaluation.scoring", "perflang.evaluation.plan", "perflang.evaluation.core")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every module the file imports, anywhere in it (also inside functions), absolute."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names)  # `from . import x`
    return found


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py") if p.name != "_parser_tables.py"}
GRAPH = {m: {i for i in _imports(p) if i in MODULES and i != m} for m, p in MODULES.items()}


def _in(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_no_import_cycles():
    """Tarjan's strongly connected components: each must be a single module (packages'
    __init__ aside, which hold no code that imports their modules)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in GRAPH:  # a few hundred modules: well within the default recursion limit
        if v not in index:
            visit(v)
    assert not cycles


def test_no_import_from_a_lower_stage_to_a_higher_one():
    wrong = [
        (m, i)
        for m, deps in GRAPH.items()
        for stage, banned in FORBIDDEN.items()
        if _in(m, stage)
        for i in deps
        if any(_in(i, b) for b in banned)
    ]
    assert not wrong


def test_click_only_in_the_command_line_layer():
    users = {m for m, p in MODULES.items() if any(_in(i, "click") for i in _imports(p))}
    allowed = COMMAND_LAYER | {m for m in MODULES if m.endswith(".command")}
    assert users <= allowed, sorted(users - allowed)


def test_the_embedded_evaluation_rules_use_the_standard_library_alone():
    for name in EMBEDDED:
        for i in _imports(MODULES[name]):
            top = i.split(".")[0]
            assert top in sys.stdlib_module_names or any(_in(i, e) for e in EMBEDDED), f"{name} imports {i}"


def test_few_modules_directly_in_the_package():
    """The folder list reads like the pipeline: the stages are sub-packages, and only the
    shared base (source, messages, units, model …) and the entry points stand at the top."""
    top = [p for p in PACKAGE.glob("*.py") if not p.name.startswith("__")]
    assert len(top) <= 16, sorted(p.name for p in top)
