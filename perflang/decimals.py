"""Exact decimals as text: the one way perflang writes a number (JSON, tables, scores, imports).

Standard library only: the evaluator that `build --to python` writes embeds this module.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["normalize", "decimal_text"]


def normalize(value: Decimal) -> Decimal:
    """An exact decimal without exponent notation or trailing zeros (2.30 -> 2.3, 1E+4 -> 10000).
    Works on the digits, not through a context, so no digit is ever rounded away."""
    sign, digits, exp = value.as_tuple()
    if not isinstance(exp, int):
        return value  # NaN / Infinity: nothing to tidy
    if exp == 0:
        return Decimal(0) if sign and digits == (0,) else value  # already plain (571), but not -0
    if not any(digits):
        return Decimal(0)
    digits = list(digits)
    while exp < 0 and digits[-1] == 0:
        digits.pop()
        exp += 1
    if exp > 0:
        digits += [0] * exp
        exp = 0
    return Decimal((sign, tuple(digits), exp))


def decimal_text(value: Decimal) -> str:
    """The exact text of a decimal: no exponent, no trailing zeros, no -0 (5.60 -> 5.6,
    1E+3 -> 1000, -0 -> 0)."""
    return format(normalize(value), "f")
