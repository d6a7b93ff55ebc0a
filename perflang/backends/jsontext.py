"""Indented JSON text, byte for byte what json.dumps(obj, ensure_ascii=False, indent=2) writes,
three to four times faster.

With an indent the standard library falls back from its C encoder to a chain of Python
generators (one per nested container, one yield per value); on a 40,000-indicator document
that was 40% of `perflang build --to json`.  Here a container whose values are all scalars
(an indicator: 21 of them) is one call of the C encoder, with the line break and indentation
as its item separator; only the few containers above those are walked in Python.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from json.encoder import c_make_encoder, encode_basestring

__all__ = ["dumps", "iterdumps", "item_text", "Written", "scalar_text", "fields_text"]

_INDENT = "  "
_CONTAINERS = (dict, list, tuple)
_SCALARS = frozenset({str, int, float, bool, type(None)})  # exact types: json writes them alike


def dumps(obj) -> str:
    """json.dumps(obj, ensure_ascii=False, indent=2): the same text; a value json cannot write
    raises json's TypeError.  (No check for circular references: perflang's data are trees.)"""
    out: list[str] = []
    _write(obj, "\n", out)
    return "".join(out)  # one join at the end: nested joins would copy the text once per level


def iterdumps(obj: dict) -> Iterator[str]:
    """dumps(obj) in pieces, for a dict whose values may be iterators: an iterator is written
    as a JSON array, one piece per item, each item made only when it is written.  So a caller
    can write a large document without ever holding all its data or its whole text.  An item
    that is bytes is the UTF-8 of its text already written (item_text), put in as it is.  A
    value that is a function is called when its turn comes (a table made from the items written
    before it)."""
    if not obj:
        yield "{}"
        return
    inner = "\n" + _INDENT
    sep = "{" + inner
    for key, value in obj.items():
        sep += _key_text(key)
        if callable(value):
            value = value()
        if isinstance(value, Iterator):
            yield sep
            yield from _iter_array(value, inner)
        else:
            out = [sep]
            _write(value, inner, out)
            yield "".join(out)
        sep = "," + inner
    yield "\n}"


def _iter_array(items: Iterator, nl: str) -> Iterator[str]:
    """The array of items at the indentation nl, item by item: the text _container writes
    for the same items as a list (item by item is the same text as its one-call path)."""
    inner = nl + _INDENT
    sep = "[" + inner
    for item in items:
        if type(item) is bytes:  # written beforehand (in a worker process): item_text
            yield sep
            yield item
            sep = "," + inner
            continue
        out = [sep]
        _write(item, inner, out)
        yield "".join(out)
        sep = "," + inner
    yield "[]" if sep[0] == "[" else nl + "]"


def item_text(item, depth: int) -> str:
    """The text of item as iterdumps writes it as an item of an array that is a value of the
    top-level dict (depth 2), without the separator before it."""
    out: list[str] = []
    _write(item, "\n" + _INDENT * depth, out)
    return "".join(out)


@lru_cache(maxsize=64)
def _flat(inner: str):
    """A function writing a container of scalars at the indentation inner: json's own C
    encoder, made once (JSONEncoder.encode would make one per call)."""
    sep = "," + inner
    if c_make_encoder is None:  # an interpreter without json's C speed-ups
        return json.JSONEncoder(ensure_ascii=False, separators=(sep, ": ")).encode
    encode = c_make_encoder(None, _no_default, encode_basestring, None, ": ", sep, False, False, True)
    return lambda v: "".join(encode(v, 0))


def _records(v, nl: str, inner: str) -> str:
    """A list of non-empty dicts of scalars (a goal's indicators) in one C call: written with
    the dicts' item separator throughout, then the separators between dicts, the only ones
    followed by '{', are mended.  A line break inside a JSON string is written as \\n, so
    every line break in the text is one the encoder put there."""
    deeper = inner + _INDENT
    text = _flat(deeper)(v)  # [{"k": 1,<deeper>"l": 2},<deeper>{…}]
    body = text[2:-2].replace("}," + deeper + "{", inner + "}," + inner + "{" + deeper)
    return "[" + inner + "{" + deeper + body + inner + "}" + nl + "]"


class Written:
    """A value whose text a function writes, given the indentation it is nested at (nl: "\n"
    plus spaces, what _write passes): for text made straight from a model, without its data
    (backends/json.py's indicators)."""

    __slots__ = ("write",)

    def __init__(self, write):
        self.write = write


def scalar_text(v) -> str:
    """The text json.dumps(v, ensure_ascii=False) writes for a scalar (a str, None and an int
    without a call of the encoder)."""
    c = v.__class__
    if c is str:
        return encode_basestring(v)
    if v is None:
        return "null"
    if c is int:
        return int.__repr__(v)
    return _flat("")(v)


def fields_text(d: dict, inner: str) -> str:
    """The items of a non-empty dict of scalars as _write writes them at the indentation inner
    (each item's line), without the braces and the line breaks around them."""
    return _flat(inner)(d)[1:-1]


_KEY_TEXTS: dict[str, str] = {}


def _key_text(key) -> str:
    """A dict's key as json writes it, and ": " (a str key's text kept: a document repeats a
    few keys; not the others', as 1 and True are one dict key but not one text)."""
    if type(key) is str:
        text = _KEY_TEXTS.get(key)
        if text is None:
            if len(_KEY_TEXTS) >= 4096:
                _KEY_TEXTS.clear()
            text = _KEY_TEXTS[key] = encode_basestring(key) + ": "
        return text
    return _flat("")({key: 0})[1:-2]


def _no_default(o):
    return json.JSONEncoder().default(o)  # raises json's own TypeError


def _write(v, nl: str, out: list[str]) -> None:
    """Append the text of v, nested at the indentation nl ("\n" plus spaces), to out."""
    if isinstance(v, dict):
        _container(v, v.values(), "{}", nl, out)
    elif isinstance(v, (list, tuple)):
        _container(v, v, "[]", nl, out)
    elif type(v) is Written:
        out.append(v.write(nl))
    else:
        out.append(scalar_text(v))


def _container(v, values, brackets: str, nl: str, out: list[str]) -> None:
    if not v:
        out.append(brackets)
        return
    inner = nl + _INDENT
    flat = _flat(inner)
    if _SCALARS.issuperset(map(type, values)):  # a C-level scan: all scalars, one C call
        out.append(brackets[0] + inner + flat(v)[1:-1] + nl + brackets[1])
        return
    if brackets == "[]" and all(type(x) is dict and x and _SCALARS.issuperset(map(type, x.values())) for x in v):
        out.append(_records(v, nl, inner))
        return
    sep = brackets[0] + inner
    for item in v.items() if brackets == "{}" else v:
        if brackets == "{}":
            key, item = item
            sep += _key_text(key)
        out.append(sep)
        _write(item, inner, out)
        sep = "," + inner
    out.append(nl + brackets[1])
