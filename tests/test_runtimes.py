"""`perflang build --to js` and `--to java`: the evaluators for web front ends and Java back ends
equal the interpreter.

- The seed built to JSON and scored by each runtime gives `perflang eval --to json` byte for byte.
- The differential property test: generated cases over the whole input space and at the edges
  (every built-in profile and their combinations with + (指标100分, 整分), generated ones with
  pools, blocks, split blocks, rescaled weights, whole points, a framework and a layout; a
  region's placements; grades beside numbers (PF525) and wrong grades (PF526); invalid amounts
  (an invalid execution block); nasty names; invalid and hostile actuals: NaN, ±Infinity, too
  many digits (PF501, no result)) go to each runtime in batches (one node or java process per
  batch) and every result, problem and message equals the interpreter's; with a profile given
  as data and with one project scored alone too.
- A profile that cannot be used is refused by each with the same reason and messages (zh, en).

javac/java (Debian's openjdk-17-jdk-headless) and node are needed: a missing one skips these
tests on a workstation and fails them under CI=true (.ci/run installs them).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, SEED_EXAMPLE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdftools import in_ci

from perflang.api import compile_text
from perflang.backends.json import to_data
from perflang.backends.python import problem_messages
from perflang.backends.runtimes import java_class_name, render_java, render_js
from perflang.cli import cli
from perflang.evaluation.actuals import catalog_args
from perflang.evaluation.run import evaluate_model
from perflang.messages import CATALOG, localize
from perflang.scoring.core import malformed, read_actuals_text, too_many_digits, unusable
from perflang.scoring.evaluator import message_args, where_path
from perflang.scoring.rules import profile_from_data
from perflang.scoring.spec import builtin_profile, load_profile
from perflang.testing import cases, edge_cases
from perflang.testing.space import actuals_json, builtin_combinations

HERE = Path(__file__).parent / "runtimes"
ACTUALS = EXAMPLES / "ezhou-actuals.json"
BATCHES = settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


# the catalog's PF5xx messages as every generated evaluator carries them (backends/python.py)
MESSAGES = problem_messages()


def tool(name: str) -> str:
    path = shutil.which(name)
    if path:
        return path
    if in_ci():
        pytest.fail(f"{name} is missing in CI: .ci/run must install openjdk-17-jdk-headless and nodejs")
    pytest.skip(f"{name} is not installed (apt-get install openjdk-17-jdk-headless nodejs)")


@pytest.fixture(scope="session")
def seed_model():
    return compile_text(SEED_EXAMPLE.read_text(encoding="utf-8"), "seed.perf").model


@pytest.fixture(scope="session")
def js_module(tmp_path_factory, seed_model):
    tool("node")
    folder = tmp_path_factory.mktemp("js")
    (folder / "evaluator.mjs").write_text(render_js(seed_model), encoding="utf-8")
    return folder / "evaluator.mjs"


@pytest.fixture(scope="session")
def java_classes(tmp_path_factory, seed_model):
    javac = tool("javac")
    tool("java")
    folder = tmp_path_factory.mktemp("java")
    (folder / "PerflangEvaluator.java").write_text(
        render_java(seed_model, output="PerflangEvaluator.java"), encoding="utf-8"
    )
    shutil.copy(HERE / "Batch.java", folder / "Batch.java")
    subprocess.run(
        [
            javac,
            "-Xlint:all",
            "-Werror",
            "-d",
            str(folder / "classes"),
            str(folder / "PerflangEvaluator.java"),
            str(folder / "Batch.java"),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return folder / "classes"


def run_js(module: Path, batch: list[dict], tmp: Path) -> list[dict]:
    (tmp / "cases.json").write_text(json.dumps(batch, ensure_ascii=False), encoding="utf-8")
    subprocess.run(
        ["node", str(HERE / "batch.mjs"), str(module), str(tmp / "cases.json"), str(tmp / "out.json")],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads((tmp / "out.json").read_text(encoding="utf-8"))


def run_java(classes: Path, batch: list[dict], tmp: Path) -> list[dict]:
    (tmp / "cases.json").write_text(json.dumps(batch, ensure_ascii=False), encoding="utf-8")
    subprocess.run(
        ["java", "-cp", str(classes), "Batch", str(tmp / "cases.json"), str(tmp / "out.json")],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads((tmp / "out.json").read_text(encoding="utf-8"))


# -- the seed, as the CLI scores it ------------------------------------------------------------


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_type_declarations_declare_every_export_of_the_module():
    """evaluator.d.ts (written beside the module) names what evaluator.mjs exports, no more: a
    TypeScript caller sees ReasonError, TargetsError and UnreadableActuals as they are thrown."""
    import re

    from perflang.backends.runtimes import RUNTIMES

    module = (RUNTIMES / "evaluator.mjs").read_text(encoding="utf-8")
    types = (RUNTIMES / "evaluator.d.ts").read_text(encoding="utf-8")
    exported = set(re.findall(r"^export (?:class|function) (\w+)", module, re.M))
    declared = set(re.findall(r"^export declare (?:class|function) (\w+)", types, re.M))
    assert {"Evaluator", "ProfileError", "TargetsError", "UnreadableActuals", "ReasonError"} <= exported
    assert declared == exported


def test_the_seed_scored_by_js_is_eval_to_json_byte_for_byte(tmp_path):
    node = tool("node")
    _cli("build", str(SEED_EXAMPLE), "--to", "js", "-o", str(tmp_path / "evaluator.mjs"))
    _cli("build", str(SEED_EXAMPLE), "--to", "json", "-o", str(tmp_path / "targets.json"))
    assert (
        (tmp_path / "evaluator.d.mts").read_text(encoding="utf-8").startswith("// Types of the stand-alone evaluator")
    )
    script = (
        'import { readFileSync } from "node:fs"; import { evaluateJson } from "./evaluator.mjs";'
        'process.stdout.write(evaluateJson(readFileSync(process.argv[2], "utf8"), readFileSync(process.argv[3], "utf8")));'
    )
    (tmp_path / "run.mjs").write_text(script, encoding="utf-8")
    got = subprocess.run(
        [node, "run.mjs", "targets.json", str(ACTUALS)], cwd=tmp_path, capture_output=True, check=True
    ).stdout
    assert got.decode("utf-8") == _cli("eval", str(SEED_EXAMPLE), "--actuals", str(ACTUALS), "--to", "json")


def test_the_seed_scored_by_java_is_eval_to_json_byte_for_byte(tmp_path):
    javac, java = tool("javac"), tool("java")
    _cli("build", str(SEED_EXAMPLE), "--to", "java", "-o", str(tmp_path / "Scorer.java"))
    _cli("build", str(SEED_EXAMPLE), "--to", "json", "-o", str(tmp_path / "targets.json"))
    source = (tmp_path / "Scorer.java").read_text(encoding="utf-8")
    assert "public final class Scorer {" in source and source.isascii()  # named after -o; any platform encoding
    subprocess.run([javac, "-d", "classes", "Scorer.java"], cwd=tmp_path, check=True, capture_output=True)
    got = subprocess.run(
        [java, "-cp", "classes", "Scorer", "targets.json", str(ACTUALS)], cwd=tmp_path, capture_output=True
    )
    assert got.returncode == 0, got.stderr.decode()
    assert got.stdout.decode("utf-8") == _cli("eval", str(SEED_EXAMPLE), "--actuals", str(ACTUALS), "--to", "json")


def test_a_folder_build_of_java_compiles_whatever_the_file_names(tmp_path):
    javac = tool("javac")
    _cli("build", str(SEED_EXAMPLE), str(EXAMPLES / "yueyang-farmland.perf"), "--to", "java", "-o", str(tmp_path) + "/")
    sources = sorted(tmp_path.glob("*.java"))
    assert [p.name for p in sources] == ["ezhou-data-bureau.java", "yueyang-farmland.java"]
    assert "\nfinal class PerflangEvaluator {" in sources[0].read_text(encoding="utf-8")  # not public: any file name
    subprocess.run([javac, "-d", "classes", sources[0].name], cwd=tmp_path, check=True, capture_output=True)


def test_java_class_names_follow_the_output_file():
    assert [
        java_class_name(x)
        for x in (
            None,
            "Evaluator.java",
            "out/Scorer.java",
            "ezhou-data-bureau.java",
            "class.java",
            "评估.java",
            "Profile.java",
        )
    ] == [
        "PerflangEvaluator",
        "Evaluator",
        "Scorer",
        "PerflangEvaluator",
        "PerflangEvaluator",
        "PerflangEvaluator",
        "PerflangEvaluator",  # a class nested in the source has that name
    ]


# -- the differential property test, in batches -------------------------------------------------


def expected_of(case, profile_data, project):
    """The interpreter's result and problems (with their messages) for a batch entry."""
    profile = case.profile
    if profile_data is not None:
        profile = profile_from_data(profile_data, builtin_profile("national"), "custom")
    # the actuals as perflang eval reads their text (evaluation/actuals.py): refused whole (PF501,
    # no result) for NaN, Infinity or too many digits
    actuals, refused = read_actuals_text(actuals_json(case.actuals))
    if refused is not None:
        result, problems = None, [("PF501", ("actuals",), refused)]
    else:
        result, problems = evaluate_model(case.model, actuals, profile)
        result = json.loads(json.dumps(result, ensure_ascii=False))
    if project is not None and result is not None:
        result["projects"] = [p for p in result["projects"] if p["name"] == project]
        problems = [p for p in problems if p[1][0] == "actuals" or (p[1][1] == project and p[0] != "PF503")]
    return result, [
        {
            "code": code,
            "where": list(where),
            "path": where_path(where),
            "args": {k: str(v) for k, v in args.items()},
            # the catalog's templates filled in as the Python module fills them (the terminal's
            # rendering shows control characters as symbols; a program gets them as they are)
            "message": {
                "zh": MESSAGES[code][1].format(**message_args(code, args)),
                "en": MESSAGES[code][2].format(**message_args(code, args)),
            },
        }
        for code, where, args in problems
    ]


def entry(case, draw_profile: bool, draw_project: bool):
    profile_data = case.profile_data if (draw_profile and case.profile_data is not None) else None
    project = case.model.projects[0].name if draw_project and case.model.projects else None
    return {
        "targets": json.dumps(case.targets, ensure_ascii=False),
        "actuals": actuals_json(case.actuals),
        "profile": None if profile_data is None else json.dumps(profile_data, ensure_ascii=False),
        "project": project,
    }, (case, profile_data, project)


def difference(a, b, path="$") -> str | None:
    """Where two JSON values first differ (for the failure message)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in list(a) + [k for k in b if k not in a]:
            found = difference(a.get(key), b.get(key), f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b)):
            found = difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None if len(a) == len(b) else f"{path}: {len(a)} items, expected {len(b)}"
    return None if a == b else f"{path}: {a!r:.300} , expected {b!r:.300}"


def compare(batch_out: list[dict], keys: list, runtime: str) -> None:
    for out, (case, profile_data, project) in zip(batch_out, keys):
        where = f"{runtime} on this case (profile given: {profile_data is not None}, project: {project}):\n{case.describe()}"
        assert "error" not in out, f"{out['error']}\n{where}"
        result, problems = expected_of(case, profile_data, project)
        assert out["result"] == result, f"{difference(out['result'], result)}\n{where}"
        mine = [{k: p[k] for k in ("code", "where", "path", "args", "message")} for p in out["problems"]]
        assert mine == problems, f"{difference(mine, problems)}\n{where}"


one_case = st.one_of(cases(nasty=True), cases(hostile=True), cases(), edge_cases())
batch = st.lists(st.tuples(one_case, st.integers(0, 3), st.integers(0, 7)), min_size=8, max_size=24)


def _entries(drawn):
    pairs = [entry(case, p == 0, q == 0) for case, p, q in drawn]
    return [e for e, _ in pairs], [k for _, k in pairs]


@BATCHES
@given(batch)
def test_js_equals_the_interpreter_on_generated_cases(js_module, tmp_path_factory, drawn):
    entries, keys = _entries(drawn)
    compare(run_js(js_module, entries, tmp_path_factory.mktemp("batch")), keys, "js")


@BATCHES
@given(batch)
def test_java_equals_the_interpreter_on_generated_cases(java_classes, tmp_path_factory, drawn):
    entries, keys = _entries(drawn)
    compare(run_java(java_classes, entries, tmp_path_factory.mktemp("batch")), keys, "java")


def _every_profile_batch():
    """Every example file under every built-in profile and every combination of a region with
    the layouts (`sichuan+indicators-100` …), as the file's own, with the seed's actuals: a
    fixed batch besides the generated ones."""
    from perflang.testing.space import GeneratedCase

    actuals = json.loads(ACTUALS.read_text(encoding="utf-8"))
    out = []
    for path in sorted(EXAMPLES.glob("*.perf")):
        model = compile_text(path.read_text(encoding="utf-8"), path.name).model
        for name in builtin_combinations():
            profile = load_profile(name)
            case = GeneratedCase(
                path.read_text(encoding="utf-8"),
                model,
                None,
                profile,
                to_data(model, profile),
                actuals,
                f"{path.name}, {name}",
            )
            out.append(entry(case, False, False))
    return [e for e, _ in out], [k for _, k in out]


def test_both_on_every_example_under_every_builtin_profile(js_module, java_classes, tmp_path):
    entries, keys = _every_profile_batch()
    assert len({k[0].profile["name"] for k in keys}) == len(builtin_combinations())
    compare(run_js(js_module, entries, tmp_path), keys, "js")
    compare(run_java(java_classes, entries, tmp_path), keys, "java")


WEIGHTED = """金额单位 万元

项目 甲 {
  预算 100
  年度目标 1 "目标" {
    产出 / 数量 {
      培训人数: ≥100人 { 分值 40 }
    }
    效益 / 社会效益 {
      群众获得感: 显著提升
    }
  }
}
"""
# one profile per reason a profile is refused for (the catalog's profile.* phrases)
BAD_PROFILES = [
    {"weights": {"产出": -1}},
    {"weights": {"产出": "x"}},
    {"weights": {"产出": True}},
    {"weights": {"产出": "1e2000"}},
    {"weights": {"效率": 1}},
    {"weights": 5},
    {"产量": 1},
    {"allocation": {"mode": "blocks"}},
    {"allocation": {"mode": "split", "block": 0}},
    {"allocation": {"per_goal": "yes"}},
    {"execution_in_total": 1},
    {"lower_is_better": "x"},
    {"rounding": {"scores": "tenths"}},
    {"qualitative": {"达成": {"min": 2}}},
    {"qualitative": {"达成": 1}},
    {"wording": {"好": "优"}},
    {"grades": {"A": 50}},
    {"form": {"layout": 3}},
    {"framework": {"效益": "满意度"}},
    {"weights": {"产出": 10}},  # the written 分值 40 exceeds the 产出 pool: profile.excess
    [],
]


def test_a_profile_that_cannot_be_used_is_refused_alike(js_module, java_classes, tmp_path):
    """Each runtime refuses each bad profile with the Python evaluator's reason and messages."""
    from perflang.backends.python import render

    model = compile_text(WEIGHTED, "weighted.perf").model
    targets = json.dumps(to_data(model), ensure_ascii=False)
    python = load_module(render(model))
    expected = []
    for bad in BAD_PROFILES:
        with pytest.raises(python.ProfileError) as raised:
            python.Evaluator(targets, bad)
        expected.append((raised.value.reason, {"zh": raised.value.message("zh"), "en": raised.value.message("en")}))
    assert (
        len({reason for reason, _ in expected}) == 17
    )  # every reason but profile.toml, .nested, .unknown, .unreadable
    entries = [
        {"targets": targets, "actuals": "{}", "profile": json.dumps(p, ensure_ascii=False), "project": None}
        for p in BAD_PROFILES
    ]
    for runtime, out in (
        ("js", run_js(js_module, entries, tmp_path)),
        ("java", run_java(java_classes, entries, tmp_path)),
    ):
        assert [o.get("error", "")[:12] for o in out] == ["ProfileError"] * len(BAD_PROFILES), (runtime, out)
        assert [(o["reason"], o["message"]) for o in out] == expected, runtime


def test_every_shipped_profile_is_accepted_alike(js_module, java_classes, tmp_path):
    """Each profile perflang ships (hubei.toml has a [monitoring] table, 运行监控's lights, which
    the Java and JavaScript evaluators refused as an unknown key) is accepted by each runtime as
    by the Python evaluator (scoring passes the monitoring table over)."""
    import tomllib

    from perflang.backends.python import render

    model = compile_text(WEIGHTED, "weighted.perf").model
    targets = json.dumps(to_data(model), ensure_ascii=False)
    python = load_module(render(model))
    folder = Path(__file__).resolve().parents[1] / "perflang" / "profiles"
    profiles = [tomllib.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.toml"))]
    assert any("monitoring" in p for p in profiles)
    for p in profiles:
        python.Evaluator(targets, p)  # accepted
    entries = [
        {"targets": targets, "actuals": "{}", "profile": json.dumps(p, ensure_ascii=False), "project": None}
        for p in profiles
    ]
    for runtime, out in (
        ("js", run_js(js_module, entries, tmp_path)),
        ("java", run_java(java_classes, entries, tmp_path)),
    ):
        assert [o.get("error") for o in out] == [None] * len(profiles), (runtime, out)


def test_targets_that_cannot_be_used_are_refused_alike(js_module, java_classes, tmp_path, seed_model):
    from perflang.backends.python import render

    python = load_module(render(seed_model))
    good = json.dumps(to_data(seed_model), ensure_ascii=False)
    cases = [
        ('{"format": "perflang/1", "projects": []}', None),
        (good.replace('"format": "perflang/2"', '"format": "perflang/2", "x": NaN', 1), None),
        (good.replace('"format": "perflang/2"', '"format": "perflang/2", "x": 1' + "0" * 1001, 1), None),
        (good, "没有的项目"),
    ]
    expected = []
    for targets, project in cases:
        with pytest.raises(python.TargetsError) as raised:
            python.Evaluator(targets).run("{}", project)
        expected.append((raised.value.reason, {"zh": raised.value.message("zh"), "en": raised.value.message("en")}))
    assert [r for r, _ in expected] == [
        "evaluator.format",
        "evaluator.unusable",
        "evaluator.unusable",
        "evaluator.no_project",
    ]
    entries = [{"targets": t, "actuals": "{}", "profile": None, "project": p} for t, p in cases]
    for runtime, out in (
        ("js", run_js(js_module, entries, tmp_path)),
        ("java", run_java(java_classes, entries, tmp_path)),
    ):
        assert [o.get("error", "")[:12] for o in out] == ["TargetsError"] * len(cases), (runtime, out)
        assert [(o["reason"], o["message"]) for o in out] == expected, runtime


def test_hostile_actuals_are_refused_alike(js_module, java_classes, tmp_path, seed_model):
    """Issue 24, item 8, for Java and JavaScript: the JSON texts of tests/test_evaluator_hostile.py
    give perflang eval's PF501 with the same reason from run(), and evaluate() throws
    UnreadableActuals with its messages; huge values within the limits are scored as eval does."""
    from test_evaluator_hostile import REFUSED, SCORED, TEXT_ONLY, as_text

    from perflang.backends.python import render

    python = load_module(render(seed_model))
    targets = json.dumps(to_data(seed_model), ensure_ascii=False)
    texts = [as_text(v, literal, place) for _, v, literal in REFUSED for place in ("actual", "score", "executed")]
    texts += [as_text(None, literal, "actual") for literal in TEXT_ONLY]
    scored = [as_text(v, literal, place) for _, v, literal in SCORED for place in ("actual", "score", "executed")]
    expected = [python.problems(text)[0].as_dict() for text in texts]
    assert {p["code"] for p in expected} == {"PF501"}
    runs = [{"targets": targets, "actuals": a, "profile": None, "project": None} for a in texts + scored]
    calls = [{**r, "method": "evaluate"} for r in runs[: len(texts)]]
    for runtime, out in (
        ("js", run_js(js_module, runs + calls, tmp_path)),
        ("java", run_java(java_classes, runs + calls, tmp_path)),
    ):
        refused, kept, thrown = out[: len(texts)], out[len(texts) : len(runs)], out[len(runs) :]
        for got, want in zip(refused, expected):
            assert got["result"] is None and len(got["problems"]) == 1, runtime
            assert {k: got["problems"][0][k] for k in ("code", "where", "path", "args", "message")} == {
                k: want[k] for k in ("code", "where", "path", "args", "message")
            }, runtime
        for got, text in zip(kept, scored):
            assert got.get("result") == python.evaluate(text), runtime
        for got, want in zip(thrown, expected):
            assert got["error"].startswith("UnreadableActuals") and got["reason"] == "evaluator.unreadable", runtime
            assert got["message"] == want["message"], runtime


def load_module(source: str):
    import types

    module = types.ModuleType("evaluator")
    exec(compile(source, "evaluator.py", "exec"), module.__dict__)
    return module


# actuals texts that are no JSON, or JSON strings Python's json.loads refuses (a raw control
# character, a bad \u escape): each evaluator gives PF501 with json.loads's own words
BROKEN = [
    "",
    "   ",
    "[",
    "{",
    '{"projects"',
    '{"projects": {}',
    '{"projects": {},}',
    "[1,]",
    "[1 2]",
    "{1: 2}",
    '{"projects" {}}',
    '"abc',
    '{"a": "x\\qy"}',
    '{"a": "x\\u12"}',
    '{"a": "x\\u00zz"}',
    '{"a": "x\\u+123"}',
    '{"a": "x\\u１２３４"}',
    '"\\',
    '"\\u1234',
    '{"a": "x\ny"}',
    '{"a": "tab\there"}',
    '{"a": "\x00"}',
    "{} {}",
    "tru",
    "-",
    "01",
    "1.e5",
    "{'projects': {}}",
    '{"projects": {"甲": {"indicators": {"培训人数": "１２\u0001"}}}}',
]


def test_broken_json_is_refused_alike_in_json_loads_words(js_module, java_classes, tmp_path, seed_model):
    """Python's json.loads refuses a raw control character in a string and a \\u escape of other
    than four hex digits; the Java and JavaScript readers once took them (and Java stopped on
    \\u00zz with a NumberFormatException). Each gives eval's PF501 now, with json.loads's words."""
    from perflang.backends.python import render

    python = load_module(render(seed_model))
    targets = json.dumps(to_data(seed_model), ensure_ascii=False)
    expected = [[p.as_dict() for p in python.problems(text)] for text in BROKEN]
    assert all(len(p) == 1 and p[0]["code"] == "PF501" for p in expected), expected
    assert "JSON syntax error: Invalid control character at" in expected[19][0]["message"]["en"]
    runs = [{"targets": targets, "actuals": text, "profile": None, "project": None} for text in BROKEN]
    for runtime, out in (
        ("js", run_js(js_module, runs, tmp_path)),
        ("java", run_java(java_classes, runs, tmp_path)),
    ):
        for text, got, want in zip(BROKEN, out, expected):
            assert "error" not in got, (runtime, text, got)
            assert got["result"] is None, (runtime, text)
            keys = ("code", "where", "path", "args", "message")
            assert [{k: p[k] for k in keys} for p in got["problems"]] == [{k: p[k] for k in keys} for p in want], (
                runtime,
                text,
            )


def test_a_byte_order_mark_before_the_json_is_read_past_alike(js_module, java_classes, tmp_path, seed_model):
    """Text read without utf-8-sig keeps its U+FEFF; perflang eval reads such a file past it, and
    so do the three evaluators (the Python one once said "Unexpected UTF-8 BOM", PF501)."""
    from perflang.backends.python import render

    python = load_module(render(seed_model))
    targets = json.dumps(to_data(seed_model), ensure_ascii=False)
    actuals = ACTUALS.read_text(encoding="utf-8")
    expected = python.evaluate(actuals)
    assert python.evaluate("\ufeff" + actuals) == expected
    assert python.Evaluator("\ufeff" + targets).evaluate(actuals) == expected
    runs = [{"targets": "\ufeff" + targets, "actuals": "\ufeff" + actuals, "profile": None, "project": None}]
    for runtime, out in (
        ("js", run_js(js_module, runs, tmp_path)),
        ("java", run_java(java_classes, runs, tmp_path)),
    ):
        assert out[0].get("result") == json.loads(json.dumps(expected, ensure_ascii=False)), runtime


@pytest.mark.parametrize(
    "code, args",
    [
        ("PF501", too_many_digits()),
        ("PF501", unusable("NaN")),
        ("PF502", malformed(("actuals",), "顶层应为对象", "the top level must be an object")[2]),
        ("PF513", {"field": "executed", "value": "abc"}),
        ("PF513", {"field": "budget", "value": "-1"}),
    ],
)
def test_a_problem_said_in_both_languages_is_one_language_in_each_message(code, args):
    """The evaluators' problems carry some texts in both languages (issue 25's contract, the same
    from Java and JavaScript); perflang eval shows each in the message's language only
    (evaluator.problem_args: the catalog's phrase "said"), and says what a generated evaluator
    says (its templates name the English twin: problem_messages)."""
    shown = catalog_args(code, args)
    for lang, column in (("zh", 1), ("en", 2)):
        template = CATALOG[code].zh if lang == "zh" else CATALOG[code].en
        said = template.format(**{k: localize(v, lang) for k, v in shown.items()})
        assert said == MESSAGES[code][column].format(**message_args(code, args))
        chinese = any("\u4e00" <= c <= "\u9fff" for c in said)
        assert chinese == (lang == "zh"), said  # with the twins passed as they are: Chinese in English
