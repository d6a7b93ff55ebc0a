"""Streaming JSON: `perflang build --to json -o OUT` writes project by project, and the bytes
are the ones render (= json.dumps(..., ensure_ascii=False, indent=2) + newline) gives."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from hypothesis import given
from hypothesis import strategies as st

from perflang.api import compile_file
from perflang.backends.json import render, render_chunks
from perflang.backends.jsontext import iterdumps
from perflang.cli import cli
from perflang.fileio import write_atomic

_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text())
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(), inner, max_size=4)),
    max_leaves=20,
)
# a top-level dict; each list value may be handed over as an iterator instead
_documents = st.dictionaries(
    st.text(max_size=5), st.tuples(st.booleans(), st.lists(_values, max_size=4) | _values), max_size=5
)


@given(_documents)
def test_iterdumps_writes_what_json_dumps_writes(doc):
    plain = {k: v for k, (_, v) in doc.items()}
    lazy = {k: iter(v) if streamed and isinstance(v, list) else v for k, (streamed, v) in doc.items()}
    assert "".join(iterdumps(lazy)) == json.dumps(plain, ensure_ascii=False, indent=2)


def test_an_iterator_is_read_only_as_its_items_are_written():
    made = []

    def items():
        for i in range(3):
            made.append(i)
            yield {"n": i}

    pieces = iterdumps({"a": 1, "projects": items()})
    assert next(pieces) == '{\n  "a": 1'
    assert made == []
    next(pieces), next(pieces)  # the key, then the first item
    assert made == [0]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.perf")), ids=lambda p: p.name)
def test_chunks_join_to_render(path):
    model = compile_file(path).model
    chunks = list(render_chunks(model))
    assert len(chunks) >= len(model.projects) + 2  # really in pieces
    assert "".join(chunks) == render(model)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.perf")), ids=lambda p: p.name)
def test_build_to_a_file_writes_the_bytes_of_render(path, tmp_path):
    out = tmp_path / "out.json"
    result = CliRunner().invoke(cli, ["build", str(path), "--to", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == render(compile_file(path).model).encode("utf-8")


def test_write_atomic_takes_pieces(tmp_path):
    target = tmp_path / "a.txt"
    write_atomic(target, iter(["甲", "", "乙\n"]))
    assert target.read_bytes() == "甲乙\n".encode("utf-8")


def test_a_failing_stream_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")

    def pieces():
        yield "new"
        raise TypeError("boom")

    with pytest.raises(TypeError):
        write_atomic(target, pieces())
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
