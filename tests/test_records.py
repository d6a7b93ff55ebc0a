"""perflang.records.maker: the object a frozen record's maker makes is the one its class makes."""

from __future__ import annotations

import attrs
import pytest
from attrs import field, frozen
from hypothesis import given
from hypothesis import strategies as st

from perflang.records import maker
from perflang.source import NO_SPAN as NO
from perflang.source import Span
from perflang.syntax.nodes import Attr, Group, Indicator

_spans = st.builds(Span, st.integers(0, 9), st.integers(0, 9), st.integers(0, 9), st.integers(0, 9))
_attrs = st.lists(
    st.builds(Attr, key=st.text(max_size=3), keyword=st.text(max_size=3), value=st.text(max_size=3)), max_size=2
)


def _same(a, b) -> None:
    assert type(a) is type(b)
    assert a == b and hash(a) == hash(b)
    assert attrs.astuple(a, recurse=False) == attrs.astuple(b, recurse=False)  # the spans too (eq=False)


@given(st.text(max_size=5), st.text(max_size=5), _attrs.map(tuple), _spans, _spans, _spans, _spans)
def test_an_indicator_made_directly_is_the_one_its_class_makes(name, value, attributes, a, b, c, d):
    make = maker(Indicator)
    assert make.direct
    _same(
        make(name, value, attributes, a, b, c, d),
        Indicator(name=name, value=value, attrs=attributes, span=a, name_span=b, value_span=c, end_span=d),
    )


@frozen
class _Checked:
    n: int = field(validator=attrs.validators.instance_of(int))


@frozen
class _Converted:
    n: int = field(converter=int)


@frozen
class _Posted:
    n: int

    def __attrs_post_init__(self):
        object.__setattr__(self, "n", self.n + 1)


@frozen(cache_hash=True)
class _Hashed:
    n: int


@attrs.define(frozen=True, slots=False)
class _NoSlots:
    n: int


@pytest.mark.parametrize("cls", [_Checked, _Converted, _Posted, _Hashed, _NoSlots])
def test_a_class_that_cannot_be_made_directly_is_made_by_its_class(cls):
    make = maker(cls)
    assert not make.direct
    _same(make(1), cls(n=1))
    if cls is _Checked:
        with pytest.raises(TypeError):
            make("1")  # the validator still runs
    if cls is _Converted:
        assert make("7").n == 7


def test_a_group_made_directly_is_the_one_its_class_makes():
    make = maker(Group)
    assert make.direct
    a, b = Span(1, 2, 1, 4), Span(3, 5, 3, 6)
    ind = Indicator(name="人数", value="≥3人")
    _same(
        make("产出", "数量", (ind,), a, a, b, b),
        Group(level1="产出", level2="数量", indicators=(ind,), span=a, level1_span=a, level2_span=b, end_span=b),
    )


def test_setters_are_given_only_for_the_fields_as_they_are():
    from perflang.records import setters

    names = ("name", "value", "attrs", "span", "name_span", "value_span", "end_span")
    obj = object.__new__(Indicator)
    for set_, value in zip(setters(Indicator, names), ["人数", "≥3人", (), NO, NO, NO, NO]):
        set_(obj, value)
    _same(obj, Indicator(name="人数", value="≥3人"))
    with pytest.raises(TypeError):
        setters(Indicator, names[:-1])  # a field left out: the class changed
    with pytest.raises(TypeError):
        setters(Indicator, (names[1], names[0], *names[2:]))  # another order
    with pytest.raises(TypeError):
        setters(_Hashed, ("n",))  # a class that cannot be made so
