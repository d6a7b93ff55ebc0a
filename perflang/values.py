"""Target values (指标值): the text as written -> comparator, exact number, unit, base value.

`parse_target` never fails: text that is not a comparator + number + unit is qualitative.
The original text is always kept, so a table renders exactly as written.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from attrs import frozen

from .units import Unit, normalize, parse_unit

__all__ = ["Target", "parse_target", "parse_number", "DIRECTIONS"]

# Comparators written before the number, longest first.  Keys are NFKC-normalised text.
_PREFIX = [
    ("大于或等于", ">="),
    ("大于等于", ">="),
    ("不少于", ">="),
    ("不低于", ">="),
    ("不小于", ">="),
    ("至少", ">="),
    ("达到", ">="),
    ("≥", ">="),
    (">=", ">="),
    ("≧", ">="),
    ("=>", ">="),
    ("小于或等于", "<="),
    ("小于等于", "<="),
    ("不超过", "<="),
    ("不高于", "<="),
    ("不大于", "<="),
    ("不多于", "<="),
    ("最多", "<="),
    ("控制在", "<="),
    ("≤", "<="),
    ("<=", "<="),
    ("≦", "<="),
    ("=<", "<="),
    ("等于", "="),
    ("==", "="),
    ("=", "="),
    ("大于", ">"),
    ("高于", ">"),
    ("多于", ">"),
    ("超过", ">"),
    ("超", ">"),
    (">", ">"),
    ("小于", "<"),
    ("低于", "<"),
    ("少于", "<"),
    ("<", "<"),
]
# Comparators written after the number and unit (10人以上, 500万元以内, 15%及其以下).
_SUFFIX = [
    ("及其以上", ">="),
    ("及以上", ">="),
    ("以上", ">="),
    ("及其以下", "<="),
    ("及以下", "<="),
    ("以下", "<="),
    ("以内", "<="),
    ("之内", "<="),
    ("内", "<="),
]
# Spellings NFKC leaves alone: ≧ ≦ (JIS), the minus sign, dashes used as minus.
_SPELLINGS = str.maketrans({"≧": "≥", "≦": "≤", "−": "-", "﹣": "-"})
_KEEP = re.compile("(㎡|m²)")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")

DIRECTIONS = {
    ">=": "higher-better",
    ">": "higher-better",
    "<=": "lower-better",
    "<": "lower-better",
    "=": "equal",
    None: None,
}


@frozen(kw_only=True)
class Target:
    """A target value as written and as understood."""

    text: str
    kind: str  # "quantitative" | "qualitative"
    comparator: str | None = None
    comparator_text: str = ""
    value: str | None = None  # the number as written (ASCII digits), e.g. "2.3"
    number: Decimal | None = None
    unit: str = ""  # the unit as written, e.g. "万个"
    unit_info: Unit | None = None
    base_value: Decimal | None = None
    base_unit: str = ""

    @property
    def direction(self) -> str | None:
        return DIRECTIONS[self.comparator] if self.kind == "quantitative" else None

    @property
    def dimension(self) -> str | None:
        return self.unit_info.dimension if self.unit_info else None

    @property
    def is_percent(self) -> bool:
        return self.dimension == "percent"


def parse_number(text: str) -> Decimal | None:
    """An exact decimal from text such as '571', '1,200.5' or full-width digits; None if not."""
    t = unicodedata.normalize("NFKC", text).translate(_SPELLINGS).strip()
    if not _NUMBER.fullmatch(t):
        return None
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:
        return None


def _normal(text: str) -> str:
    """NFKC (full-width forms to ASCII) with the spellings it misses, except for the units NFKC
    would break: ㎡ and m² would become "m2", a unit with a digit in it."""
    if "㎡" not in text and "m²" not in text:
        return unicodedata.normalize("NFKC", text).translate(_SPELLINGS)
    parts = _KEEP.split(text)
    return "".join(p if i % 2 else unicodedata.normalize("NFKC", p).translate(_SPELLINGS) for i, p in enumerate(parts))


def _strip_comparator(t: str) -> tuple[str | None, str, str]:
    for word, op in _PREFIX:
        if t.startswith(word):
            return op, word, t[len(word) :].lstrip()
    return None, "", t


def _strip_suffix(t: str) -> tuple[str | None, str]:
    for word, op in _SUFFIX:
        if t.endswith(word) and len(t) > len(word):
            return op, t[: -len(word)].rstrip()
    return None, t


@lru_cache(maxsize=65536)
def parse_target(text: str) -> Target:
    """Understand a 指标值 as written. Never raises."""
    raw = text.strip()
    t = _normal(raw)
    op, op_text, rest = _strip_comparator(t)
    suffix_op, rest2 = _strip_suffix(rest)
    if suffix_op and _NUMBER.match(rest2):
        if op is None:
            op, rest = suffix_op, rest2  # 10人以上, 500万元以内
        elif DIRECTIONS[op] == DIRECTIONS[suffix_op]:
            rest = rest2  # 控制在500万元以内, ≥95%以上: one comparator said twice
    m = _NUMBER.match(rest)
    qualitative = Target(text=raw, kind="qualitative")
    if not m:
        return qualitative
    unit_text = rest[m.end() :].strip()
    if unit_text.startswith(("-", "~", "至", "—", ".")) or _NUMBER.search(unit_text):
        return qualitative  # a range or a date: 2023.07-2024.01, 2020年1月--2020年11月
    unit = parse_unit(unit_text) if unit_text else None
    if unit_text and unit is None:
        return qualitative  # 11月底完成: words, not a unit
    number = Decimal(m.group().replace(",", ""))
    value = m.group().replace(",", "")
    base = unit.to_base(number) if unit else normalize(number)
    return Target(
        text=raw,
        kind="quantitative",
        comparator=op,
        comparator_text=op_text,
        value=value,
        number=number,
        unit=unit_text,
        unit_info=unit,
        base_value=base,
        base_unit=unit.base if unit else "",
    )
