"""The layout's rules (docs/architecture.md), on the import graph of perflang/ computed here: the
layers in the order data flows, declared once (LAYERS, which docs/architecture.md draws), no
import from a lower layer to a higher one, no import cycle between files nor between folders,
click only in the command line, one jinja2 environment, the scoring library on the standard
library alone, and few modules directly in perflang/."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "perflang"

# The layers, lowest first.  Each names the units (a top-level module or a sub-package, "a
# folder") in it; a unit may import units of its own layer and of the layers below, never one
# above.  Units of one layer may import each other only where the folder graph stays acyclic.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "base",
        (
            "perflang",  # perflang/__init__.py: the version
            "perflang.source",
            "perflang.messages",
            "perflang.diagnostics",
            "perflang.errors",
            "perflang.decimals",
            "perflang.units",
            "perflang.values",
            "perflang.framework",
            "perflang.config",
            "perflang.fileio",
            "perflang.tomlfile",
            "perflang.records",
        ),
    ),
    ("syntax", ("perflang.syntax",)),
    ("model", ("perflang.model", "perflang.forms", "perflang.contract")),
    ("scoring", ("perflang.scoring",)),
    ("check", ("perflang.check",)),
    ("api", ("perflang.api",)),
    ("stages", ("perflang.evaluation", "perflang.importers", "perflang.workspace", "perflang.lsp")),
    ("printing", ("perflang.backends",)),
    # testing: the public testing kit builds each case's targets JSON as `build --to json` does
    ("commands", ("perflang.cli", "perflang.entry", "perflang.__main__", "perflang.web", "perflang.testing")),
)
COMMAND_LINE = "perflang.cli"  # every click command, and the Chinese help plumbing
CLICK_ALLOWED = ("perflang.cli", "perflang.entry")  # entry: its fast path hands over to perflang.cli
# the library the generated evaluator embeds (perflang/backends/python.py): the standard library
# and each other only
EMBEDDED = (
    "perflang.decimals",
    "perflang.scoring.rules",
    "perflang.scoring.plan",
    "perflang.scoring.core",
    "perflang.scoring.monitor",
    "perflang.scoring.targets",
    "perflang.scoring.evaluator",
)


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
LAYER_OF = {unit: k for k, (_, units) in enumerate(LAYERS) for unit in units}


def _in(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def unit_of(module: str) -> str:
    """The unit a module belongs to: its sub-package of perflang (its folder), or itself."""
    return ".".join(module.split(".")[:2])


def folder_graph() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {unit_of(m): set() for m in MODULES}
    for m, deps in GRAPH.items():
        out[unit_of(m)].update(unit_of(i) for i in deps if unit_of(i) != unit_of(m))
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components of more than one node."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
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
                found.append(sorted(comp))

    for v in graph:  # a few hundred modules: well within the default recursion limit
        if v not in index:
            visit(v)
    return found


def test_every_module_is_in_a_declared_layer():
    assert sorted({unit_of(m) for m in MODULES} - set(LAYER_OF)) == []
    assert sorted(set(LAYER_OF) - {unit_of(m) for m in MODULES}) == []  # and nothing declared is gone


def test_no_import_cycles_between_files():
    assert cycles(GRAPH) == []


def test_no_import_cycles_between_folders():
    assert cycles(folder_graph()) == []


def test_no_import_from_a_lower_layer_to_a_higher_one():
    upward = sorted((m, i) for m, deps in GRAPH.items() for i in deps if LAYER_OF[unit_of(i)] > LAYER_OF[unit_of(m)])
    assert upward == []


def test_the_layer_test_sees_an_upward_import():
    """The rule above fails where it should: a check rule importing the api, a backend the
    command line, and a loop of folders."""
    assert LAYER_OF[unit_of("perflang.api")] > LAYER_OF[unit_of("perflang.check.rules")]
    assert LAYER_OF[unit_of("perflang.cli.build")] > LAYER_OF[unit_of("perflang.backends.html")]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


def test_click_only_in_the_command_line():
    users = {m for m, p in MODULES.items() if any(_in(i, "click") for i in _imports(p))}
    assert users and all(any(_in(u, a) for a in CLICK_ALLOWED) for u in users), sorted(users)
    # the entry point's fast path does not import click itself: it hands over to perflang.cli
    assert not any(_in(i, "click") for i in _imports(MODULES["perflang.entry"]))


def test_one_jinja2_environment():
    made = [
        (m, n.lineno)
        for m, p in MODULES.items()
        for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", "")) == "Environment"
    ]
    assert len(made) == 1 and made[0][0] == "perflang.backends.markup", made


def test_the_embedded_scoring_library_uses_the_standard_library_alone():
    for name in EMBEDDED:
        for i in _imports(MODULES[name]):
            top = i.split(".")[0]
            assert top in sys.stdlib_module_names or any(_in(i, e) for e in EMBEDDED), f"{name} imports {i}"


def test_few_modules_directly_in_the_package():
    """The folder list reads like the pipeline: the stages are sub-packages, and only the
    shared base (source, messages, units, model …) and the entry points stand at the top."""
    top = [p for p in PACKAGE.glob("*.py") if not p.name.startswith("__")]
    assert len(top) <= 16, sorted(p.name for p in top)


def _shown(unit: str) -> str:
    """How the doc names a unit: a folder as `syntax/`, a module as `source`, the package's
    __init__ as `perflang`."""
    if unit == "perflang":
        return "perflang"
    name = unit.removeprefix("perflang.")
    return f"{name}/" if (PACKAGE / name).is_dir() else name


def _section(title: str) -> str:
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    return doc.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_architecture_doc_draws_the_declared_layers():
    """docs/architecture.md's table of layers: these layers in this order, each with its units."""
    rows = re.findall(r"^\| (\d+) \| (\w+) \| (.+?) \|$", _section("Layers"), re.M)
    assert [(int(k), name) for k, name, _ in rows] == [(k, name) for k, (name, _) in enumerate(LAYERS)]
    for (_, name, units), (_, declared) in zip(rows, LAYERS):
        assert set(re.findall(r"`([^`]+)`", units)) == {_shown(u) for u in declared}, name


def test_the_module_map_lists_every_module_and_nothing_more():
    """docs/architecture.md's module map names every module of perflang/ (a top-level module
    in a row of its own, `perflang/NAME.py`; a folder's modules in its row as `NAME.py`), and no
    module that does not exist."""
    named: set[str] = set()
    for where, what in re.findall(r"^\| `([^`]+)` \| (.+) \|$", _section("Module map"), re.M):
        if where.endswith(".py"):
            named.add(_module_name(ROOT / where))
        elif where.endswith("/") and (ROOT / where / "__init__.py").exists():
            package = where.rstrip("/").replace("/", ".")
            named.add(package)
            named.update(f"{package}.{m}" for m in re.findall(r"`(\w+)\.py`", what))
    modules = set(MODULES) | {"perflang.syntax._parser_tables"}
    assert sorted(modules - named) == [], "modules missing from docs/architecture.md's module map"
    assert sorted(named - modules) == [], "docs/architecture.md names modules that do not exist"


def test_every_module_path_named_in_the_docs_and_the_code_exists():
    """A module named by its path (`perflang/….py`) in docs/, the README or perflang's own
    sources is a file there: a module moved leaves no old path behind (perflang/keywords.py
    stayed named in 9 places after it moved into syntax/).  NAME stands for any name."""
    texts = [*(ROOT / "docs").rglob("*.md"), ROOT / "README.md", *PACKAGE.rglob("*.py")]
    gone = sorted(
        {
            (path, str(f.relative_to(ROOT)))
            for f in texts
            for path in re.findall(r"\bperflang/[\w/]+\.py\b", f.read_text(encoding="utf-8"))
            if "NAME" not in path and not (ROOT / path).is_file()
        }
    )
    assert gone == []
