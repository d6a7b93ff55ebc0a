"""Laws of the language (Hypothesis): generated documents that use the whole language compile
without errors into exactly what was written; their JSON validates against the shipped schema;
damaged documents give diagnostics, never an exception."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import valid_documents

from perflang.api import compile_text
from perflang.backends import json as json_backend

SCHEMA = json.loads(resources.files("perflang").joinpath("schema", "perflang-2.schema.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SLOW = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@SLOW
@given(valid_documents())
def test_generated_documents_compile_without_errors(drawn):
    result = compile_text(drawn.text, "<generated>")
    errors = [d for d in result.diagnostics if d.level.value == "error"]
    assert not errors, [(d.code, d.span.line, d.message()) for d in errors]


@SLOW
@given(valid_documents())
def test_the_model_holds_what_was_written(drawn):
    model = compile_text(drawn.text, "<generated>").model
    assert [p.name for p in model.projects] == [name for name, _ in drawn.projects]
    for project, (_, goals) in zip(model.projects, drawn.projects):
        assert [(g.kind, g.number) for g in project.goals] == [(k, n) for k, n, _ in goals]
        for goal, (_, _, rows) in zip(project.goals, goals):
            got = [
                (
                    i.level1,
                    i.level2,
                    i.name,
                    i.target.text,
                    i.target.comparator,
                    i.target.kind,
                    None if i.weight is None else str(i.weight),
                )
                for i in goal.indicators
            ]
            assert got == [(r.level1, r.level2, r.name, r.text, r.comparator, r.kind, r.weight) for r in rows]


@SLOW
@given(valid_documents())
def test_json_of_generated_documents_validates_and_has_no_floats(drawn):
    data = json.loads(json_backend.render(compile_text(drawn.text, "<generated>").model), parse_float=Decimal)
    VALIDATOR.validate(data)
    assert not any(isinstance(x, Decimal) for x in _leaves(data))


def _leaves(data):
    if isinstance(data, dict):
        for v in data.values():
            yield from _leaves(v)
    elif isinstance(data, list):
        for v in data:
            yield from _leaves(v)
    else:
        yield data


@st.composite
def damaged(draw):
    """A valid document with a slice cut out, a character put in, or the two swapped."""
    text = draw(valid_documents(max_projects=1)).text
    i = draw(st.integers(0, len(text)))
    j = draw(st.integers(i, min(len(text), i + 40)))
    junk = draw(st.sampled_from(["", "{", "}", '"', ":", "#", "\n", "同", "项目 ", "/", "\x00", "\ufeff"]))
    return text[:i] + junk + text[j:]


@SLOW
@given(damaged())
def test_damaged_documents_give_diagnostics_never_an_exception(text):
    result = compile_text(text, "<damaged>")
    for d in result.diagnostics:
        assert d.code.startswith("PF") and d.message()
        assert d.span.line >= 1
