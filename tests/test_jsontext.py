"""perflang.backends.jsontext.dumps writes exactly what json.dumps(..., ensure_ascii=False, indent=2) does."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perflang.backends.jsontext import dumps

_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text())
_keys = st.one_of(st.text(), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.lists(inner, max_size=3).map(tuple), st.dictionaries(_keys, inner, max_size=4)
    ),
    max_leaves=30,
)


@given(_values)
def test_same_text_as_json_dumps(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


# lists of flat records (a goal's indicators) take a path of their own: one encoder call, then
# the separators between records mended; strings full of braces, commas and line breaks must
# not be taken for those separators
_tricky = st.one_of(_scalars, st.text(alphabet='{},\n "\\:[]'))
_records = st.lists(st.dictionaries(_keys, _tricky, max_size=4), max_size=4)


@given(st.one_of(_records, st.dictionaries(st.text(max_size=3), _records, max_size=3)))
def test_lists_of_records_as_json_dumps(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        {"a": {}},
        [{"a": "},\n    {"}, {"b": 1}],
        [{"a": 1}, {}],
        {"a": [[], {}]},
        '“引号”\n\t"',
        [1.5, float("inf")],
    ],
)
def test_edge_cases(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_unserialisable_values_raise_as_json_does():
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps({"a": [object()]})
    with pytest.raises(TypeError):
        dumps({"a": {object(): 1}})
