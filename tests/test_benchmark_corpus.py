"""The benchmark corpora (benchmarks/corpus.py): deterministic, clean, and the TOML holds the
same data as the .perf file, so that the tomllib comparison is fair."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from perflang.api import compile_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import corpus  # noqa: E402


def test_same_seed_same_bytes():
    assert corpus.to_perf(corpus.projects(5)) == corpus.to_perf(corpus.projects(5))
    assert corpus.to_perf(corpus.projects(5)) != corpus.to_perf(corpus.projects(5, seed=1))


def test_the_perf_corpus_compiles_without_errors():
    data = corpus.projects(30)
    result = compile_text(corpus.to_perf(data), "bench.perf")
    assert result.ok, [(d.code, d.message()) for d in result.diagnostics][:5]
    inds = [i for p in result.model.projects for g in p.goals for i in g.indicators]
    assert len(inds) == 30 * corpus.INDICATORS_PER_PROJECT


def test_the_toml_holds_the_same_data():
    data = corpus.projects(30)
    model = compile_text(corpus.to_perf(data), "bench.perf").model
    toml = tomllib.loads(corpus.to_toml(data))
    from_perf = [
        (
            p.name,
            str(p.budget.value),
            g.text,
            i.level1.removesuffix("指标"),
            i.level2.removesuffix("指标"),
            i.name,
            i.target.text,
            i.node.attr("basis").value if i.node.attr("basis") else None,
        )
        for p in model.projects
        for g in p.goals
        for i in g.indicators
    ]
    from_toml = [
        (
            p["name"],
            str(p["budget"]),
            g["text"],
            l1,
            l2,
            name,
            v["value"] if isinstance(v, dict) else v,
            v["basis"] if isinstance(v, dict) else None,
        )
        for p in toml["projects"]
        for g in p["goals"]
        for l1, groups in g["indicators"].items()
        for l2, rows in groups.items()
        for name, v in rows.items()
    ]
    assert from_perf == from_toml


def test_the_skeleton_reads_every_indicator_as_the_compiler_does():
    """benchmarks/skeleton.py is the floor printed under the throughput figure: it must read
    the same indicators (names, groups, targets, lines), or its time would mean nothing."""
    import json

    from skeleton import skeleton_build

    data = corpus.projects(30)
    text = corpus.to_perf(data)
    model = compile_text(text, "bench.perf").model
    from_perf = [
        (p.name, i.level1.removesuffix("指标"), i.level2.removesuffix("指标"), i.name, i.target.text, i.node.span.line)
        for p in model.projects
        for g in p.goals
        for i in g.indicators
    ]
    from_skeleton = [
        (p["name"], i["level1"], i["level2"], i["name"], i["target"]["text"], i["line"])
        for p in json.loads(skeleton_build(text))
        for i in p["indicators"]
    ]
    assert from_skeleton == from_perf


def test_the_large_corpus_is_written_as_to_perf_and_to_toml_write_it(tmp_path):
    paths = corpus.write_large(tmp_path, 40, seed=3)
    data = corpus.projects(40, seed=3)
    assert paths["perf"].read_text(encoding="utf-8") == corpus.to_perf(data)
    assert paths["toml"].read_text(encoding="utf-8") == corpus.to_toml(data)
