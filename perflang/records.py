"""Frozen attrs records made without attrs' __init__, for the few classes a big file makes by the
million (a syntax tree's indicators, the model's indicators).

attrs gives a frozen class with slots an __init__ that sets each field through
object.__setattr__ by name (a look-up of the name in the class for every field); a slot's own
setter does the same store without the look-up, in about half the time.  maker(cls) writes a
function that makes the object so, every field given, in the class's order; the object is the
one cls(**fields) makes (tests/test_records.py holds the two equal).  A class it cannot make so
(no slots, a validator, a converter, a field not set by __init__, a slot that is no field, an
__attrs_pre_init__ or __attrs_post_init__) gets a function that calls cls(**fields) instead: slower, never different.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MemberDescriptorType

import attrs

__all__ = ["maker", "setters", "direct"]


def direct(cls: type) -> bool:
    """Whether cls's objects can be made by setting each field through its slot's setter: the
    object then is the one cls(**fields) makes."""
    fields = attrs.fields(cls)
    names = [f.name for f in fields]
    return (
        all(f.init and f.validator is None and f.converter is None and f.alias == f.name for f in fields)
        and all(isinstance(cls.__dict__.get(n), MemberDescriptorType) for n in names)
        and set(getattr(cls, "__slots__", ())) <= {*names, "__weakref__"}  # no hidden slot (a cached hash)
        and not any(hasattr(cls, hook) for hook in ("__attrs_pre_init__", "__attrs_post_init__"))
        and cls.__new__ is object.__new__
    )


def setters(cls: type, names: tuple[str, ...]) -> tuple:
    """The slots' setters of cls's fields, names being all of them in their order, for code
    that sets them itself on object.__new__(cls) (every one, in a loop where even maker's call
    counts: perflang.model's indicators); TypeError when cls cannot be made so (direct) or its
    fields are no longer names: the code that uses them must change with the class."""
    if tuple(f.name for f in attrs.fields(cls)) != tuple(names) or not direct(cls):
        raise TypeError(f"{cls.__qualname__} changed: update the code that sets its fields by slot")
    return tuple(cls.__dict__[n].__set__ for n in names)


def maker(cls: type) -> Callable:
    """f(v1, v2, …) == cls(name1=v1, name2=v2, …), the values of all of cls's fields in the
    order attrs.fields gives them."""
    names = [f.name for f in attrs.fields(cls)]
    args = ", ".join(names)
    make_directly = direct(cls)
    if make_directly:
        scope = {"_new": object.__new__, "_cls": cls, **{f"_set_{n}": cls.__dict__[n].__set__ for n in names}}
        body = "".join(f"    _set_{n}(obj, {n})\n" for n in names)
        source = f"def make({args}):\n    obj = _new(_cls)\n{body}    return obj\n"
    else:
        scope = {"_cls": cls}
        source = f"def make({args}):\n    return _cls({', '.join(f'{n}={n}' for n in names)})\n"
    exec(compile(source, f"<perflang.records.maker {cls.__qualname__}>", "exec"), scope)  # noqa: S102
    make = scope["make"]
    make.direct = make_directly
    return make
