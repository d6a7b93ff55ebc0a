"""The unit table: dimensions and exact decimal conversion to each dimension's base unit.

Units are data (pint-style): one row per unit, with its dimension, the exact factor to the
dimension's base and that base.  Magnitudes 万 and 亿 multiply any unit (2.3万个 = 23000 个);
a compound unit a/b (次/月, 万元/年) keeps its denominator as written.  A measure word the table
does not know (粒, 株 …) is kept as a count dimension of its own and reported as unknown.

A new unit is one row of _TABLE below (name: dimension, exact factor to the base, base), or a
measure word in COUNT_WORDS; a money row is also a 金额单位 a file may name (MONEY_UNITS, the
PF108 choices and the language server's completion).  tests/test_units.py checks every row's
exactness and that conversions compose; the scorer's unit table (perflang/scoring/spec.py
units_for) follows from it.
"""

from __future__ import annotations

from decimal import Decimal, Inexact, localcontext
from functools import lru_cache

from attrs import frozen

from .decimals import normalize

__all__ = [
    "Unit",
    "parse_unit",
    "convert",
    "normalize",
    "IncompatibleUnits",
    "InexactConversion",
    "MAGNITUDES",
    "KNOWN_UNITS",
    "MONEY_UNITS",
]

MAGNITUDES = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}

# name -> (dimension, factor to base, base).  Count units are each a dimension of their own
# ("count:个"): 3 个 and 3 份 are not comparable.
_TABLE: dict[str, tuple[str, str, str]] = {
    # money
    "元": ("money", "1", "元"),
    "千元": ("money", "1000", "元"),
    "万元": ("money", "10000", "元"),
    "亿元": ("money", "100000000", "元"),
    # percent
    "%": ("percent", "1", "%"),
    "百分比": ("percent", "1", "%"),
    "‰": ("percent", "0.1", "%"),
    "个百分点": ("percent-point", "1", "个百分点"),
    "百分点": ("percent-point", "1", "个百分点"),
    # mass
    "千克": ("mass", "1", "千克"),
    "公斤": ("mass", "1", "千克"),
    "kg": ("mass", "1", "千克"),
    "克": ("mass", "0.001", "千克"),
    "斤": ("mass", "0.5", "千克"),
    "吨": ("mass", "1000", "千克"),
    # energy
    "千瓦时": ("energy", "1", "千瓦时"),
    "度": ("energy", "1", "千瓦时"),
    "kWh": ("energy", "1", "千瓦时"),
    # area (亩 is not a finite decimal of 平方米, so it stays a dimension of its own)
    "平方米": ("area", "1", "平方米"),
    "㎡": ("area", "1", "平方米"),
    "m²": ("area", "1", "平方米"),
    "公顷": ("area", "10000", "平方米"),
    "平方公里": ("area", "1000000", "平方米"),
    "平方千米": ("area", "1000000", "平方米"),
    "亩": ("area-mu", "1", "亩"),
    # volume
    "立方米": ("volume", "1", "立方米"),
    "方": ("volume", "1", "立方米"),
    "升": ("volume", "0.001", "立方米"),
    # length
    "米": ("length", "1", "米"),
    "m": ("length", "1", "米"),
    "M": ("length", "1", "米"),
    "厘米": ("length", "0.01", "米"),
    "公里": ("length", "1000", "米"),
    "千米": ("length", "1000", "米"),
    "km": ("length", "1000", "米"),
    # time (months and years are not whole numbers of days: a dimension of their own)
    "秒": ("time", "1", "秒"),
    "分钟": ("time", "60", "秒"),
    "小时": ("time", "3600", "秒"),
    "天": ("time", "86400", "秒"),
    "日": ("time", "86400", "秒"),
    "周": ("time", "604800", "秒"),
    "工作日": ("workday", "1", "工作日"),
    "个工作日": ("workday", "1", "工作日"),
    "月": ("month", "1", "月"),
    "个月": ("month", "1", "月"),
    "季度": ("month", "3", "月"),
    "年": ("month", "12", "月"),
    # data
    "GB": ("data", "1", "GB"),
    "TB": ("data", "1024", "GB"),
    "PB": ("data", "1048576", "GB"),
    "Mbps": ("bandwidth", "1", "Mbps"),
    "M/s": ("bandwidth", "1", "Mbps"),
    "Gbps": ("bandwidth", "1000", "Mbps"),
    # ratios
    "倍": ("ratio", "1", "倍"),
}

# Measure words (量词): each counts things of its own kind.
COUNT_WORDS = (
    "人 人次 个 份 条 次 项 件 家 户 台 套 座 所 门 辆 批次 批 本 册 篇 场 期 处 间 栋 幢 根 "
    "张 部 支 名 位 只 头 株 棵 粒 盏 块 片 类 种 组 辆次 班次 架次 趟 宗 笔 单 例 床 所次 "
    "课时 学时 家次 户次 个次 站 网点 路 节 艘 口 眼 孔 处次 号 册次 卷 套次 枚 把 组次 "
    "基站 端口 个数"
).split()
for _w in COUNT_WORDS:
    _TABLE.setdefault(_w, ("count:" + _w, "1", _w))

KNOWN_UNITS = frozenset(_TABLE)
# the units a 金额单位 may name: the money rows of the table
MONEY_UNITS = tuple(name for name, (dimension, _, _) in _TABLE.items() if dimension == "money")


class IncompatibleUnits(ValueError):
    """Two units of different dimensions were asked to convert."""


class InexactConversion(ArithmeticError):
    """The converted value is not a finite decimal (1 月 in 季度 is 1/3): never rounded."""


@frozen
class Unit:
    """A parsed unit as written, with its dimension and exact factor to the dimension's base."""

    text: str
    dimension: str
    factor: Decimal
    base: str
    known: bool = True

    def to_base(self, value: Decimal) -> Decimal:
        if self.factor == 1:
            return normalize(value)
        if len(value.as_tuple().digits) + len(self.factor.as_tuple().digits) <= 28:
            return normalize(value * self.factor)  # fits the default precision: exact
        return _exactly(lambda: value * self.factor, value, self.factor)


def _exactly(compute, *operands: Decimal) -> Decimal:
    """compute() with enough precision that no digit is lost; InexactConversion when the
    exact result has no finite decimal form (a division by 3, 60 …)."""
    digits = sum(len(d.as_tuple().digits) for d in operands)
    with localcontext() as ctx:
        ctx.prec = digits + 64  # a division by 2^a·5^b adds at most max(a, b) digits
        ctx.traps[Inexact] = True
        try:
            return normalize(compute())
        except Inexact:
            raise InexactConversion("no finite decimal: " + " ".join(map(str, operands))) from None


def _lookup(name: str) -> Unit | None:
    row = _TABLE.get(name)
    if row is not None:
        return Unit(name, row[0], Decimal(row[1]), row[2])
    if len(name) > 1 and name[0] in MAGNITUDES:
        inner = _TABLE.get(name[1:])
        if inner is not None:
            return Unit(name, inner[0], Decimal(inner[1]) * MAGNITUDES[name[0]], inner[2])
    return None


def _looks_like_measure_word(name: str) -> bool:
    """An unknown unit is accepted as a measure word when it is short: one or two CJK
    characters, or a short Latin abbreviation."""
    if not name or any(ch.isdigit() for ch in name):
        return False
    if name.isascii():
        return name.isalpha() and len(name) <= 4
    return len(name) <= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in name)


def _product(text: str) -> Unit | None:
    """人·月, 千瓦时·次: factors joined by a middle dot, each a unit of its own."""
    parts = [parse_unit(p) for p in text.split("·")]
    if any(p is None or not p.dimension for p in parts):
        return None
    factor = Decimal(1)
    for p in parts:
        factor *= p.factor
    return Unit(
        text, "·".join(p.dimension for p in parts), factor, "·".join(p.base for p in parts), all(p.known for p in parts)
    )


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> Unit | None:
    """The unit for text (already stripped), or None when it is not a unit at all.
    A bare magnitude (250万) gives a dimensionless unit with factor 10000; a compound a/b keeps
    b as written (次/月 is a dimension of its own, with a's factor)."""
    if text in MAGNITUDES:
        return Unit(text, "", MAGNITUDES[text], "")
    unit = _lookup(text)
    if unit is not None:
        return unit
    if "/" in text:
        num_text, _, den_text = text.partition("/")
        num = parse_unit(num_text) if num_text else None
        den = parse_unit(den_text) if den_text else None
        if num is None or den is None or not den.dimension:
            return None
        return Unit(text, f"{num.dimension}/{den.text}", num.factor, f"{num.base}/{den.text}", num.known and den.known)
    if "·" in text:
        return _product(text)
    scale = Decimal(1)
    name = text
    if len(name) > 1 and name[0] in MAGNITUDES:
        scale, name = MAGNITUDES[name[0]], name[1:]
    if _looks_like_measure_word(name):
        return Unit(text, "count:" + name, scale, name, known=False)
    return None


def convert(value: Decimal, source: Unit, target: Unit) -> Decimal:
    """value in source, expressed exactly in target: IncompatibleUnits across dimensions,
    InexactConversion when the result is not a finite decimal (never a rounded one)."""
    if source.dimension != target.dimension:
        raise IncompatibleUnits(f"{source.text} -> {target.text}")
    return _exactly(lambda: value * source.factor / target.factor, value, source.factor, target.factor)
