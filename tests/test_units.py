"""The unit table: every unit domain.md §3 lists, magnitudes, compound and product units,
unknown measure words, and the laws of exact conversion (Hypothesis)."""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perflang.units import KNOWN_UNITS, IncompatibleUnits, InexactConversion, convert, normalize, parse_unit

D = Decimal

# (unit as written, dimension, exact factor to the base, base): domain.md §3 "Units met" and
# the units of the reference tables, with factors worked out by hand.
TABLE = [
    ("元", "money", "1", "元"),
    ("万元", "money", "10000", "元"),
    ("亿元", "money", "100000000", "元"),
    ("人", "count:人", "1", "人"),
    ("人次", "count:人次", "1", "人次"),
    ("个", "count:个", "1", "个"),
    ("份", "count:份", "1", "份"),
    ("条", "count:条", "1", "条"),
    ("次", "count:次", "1", "次"),
    ("项", "count:项", "1", "项"),
    ("件", "count:件", "1", "件"),
    ("家", "count:家", "1", "家"),
    ("户", "count:户", "1", "户"),
    ("台", "count:台", "1", "台"),
    ("套", "count:套", "1", "套"),
    ("座", "count:座", "1", "座"),
    ("所", "count:所", "1", "所"),
    ("门", "count:门", "1", "门"),
    ("辆", "count:辆", "1", "辆"),
    ("批次", "count:批次", "1", "批次"),
    ("吨", "mass", "1000", "千克"),
    ("公斤", "mass", "1", "千克"),
    ("千克", "mass", "1", "千克"),
    ("度", "energy", "1", "千瓦时"),
    ("千瓦时", "energy", "1", "千瓦时"),
    ("平方米", "area", "1", "平方米"),
    ("公顷", "area", "10000", "平方米"),
    ("平方公里", "area", "1000000", "平方米"),
    ("亩", "area-mu", "1", "亩"),
    ("米", "length", "1", "米"),
    ("公里", "length", "1000", "米"),
    ("M", "length", "1", "米"),
    ("天", "time", "86400", "秒"),
    ("日", "time", "86400", "秒"),
    ("小时", "time", "3600", "秒"),
    ("分钟", "time", "60", "秒"),
    ("月", "month", "1", "月"),
    ("年", "month", "12", "月"),
    ("工作日", "workday", "1", "工作日"),
    ("%", "percent", "1", "%"),
    ("百分比", "percent", "1", "%"),
    ("TB", "data", "1024", "GB"),
]


@pytest.mark.parametrize("text, dimension, factor, base", TABLE)
def test_every_unit_of_the_domain_is_known(text, dimension, factor, base):
    unit = parse_unit(text)
    assert unit is not None and unit.known
    assert (unit.dimension, unit.factor, unit.base) == (dimension, D(factor), base)


@pytest.mark.parametrize(
    "text, dimension, factor, base",
    [
        ("万个", "count:个", "10000", "个"),  # 2.3万个 = 23000 个
        ("万平方米", "area", "10000", "平方米"),  # 1346.0088万平方米
        ("亿人次", "count:人次", "100000000", "人次"),
        ("万粒", "count:粒", "10000", "粒"),  # 550万粒 (宁夏)
        ("万", "", "10000", ""),  # 250万, 150万: a bare magnitude has no dimension
    ],
)
def test_magnitudes_multiply_any_unit(text, dimension, factor, base):
    unit = parse_unit(text)
    assert (unit.dimension, unit.factor, unit.base) == (dimension, D(factor), base)


@pytest.mark.parametrize(
    "text, dimension, factor, base",
    [
        ("次/月", "count:次/月", "1", "次/月"),
        ("万元/年", "money/年", "10000", "元/年"),
        ("元/亩", "money/亩", "1", "元/亩"),  # 1600元/亩 (岳阳)
        ("万/月", "/月", "10000", "/月"),  # ≤620万/月
        ("元/人·月", "money/人·月", "1", "元/人·月"),
    ],
)
def test_compound_units_keep_their_denominator(text, dimension, factor, base):
    unit = parse_unit(text)
    assert unit.known
    assert (unit.dimension, unit.factor, unit.base) == (dimension, D(factor), base)


def test_a_product_unit_is_known_when_each_factor_is():
    unit = parse_unit("人·月")
    assert unit.known and unit.dimension == "count:人·month" and unit.base == "人·月"


@pytest.mark.parametrize("text", ["垛", "樽", "万垛", "盒"])
def test_an_unknown_measure_word_is_a_count_of_its_own(text):
    unit = parse_unit(text)
    word = text.removeprefix("万")
    assert unit is not None and not unit.known
    assert unit.dimension == "count:" + word and unit.base == word
    assert unit.factor == (D(10000) if text.startswith("万") else D(1))


@pytest.mark.parametrize("text", ["月底完成", "年1月", "以上的比例", "", "/月", "个/"])
def test_words_are_not_units(text):
    assert parse_unit(text) is None


def test_count_words_do_not_mix():
    with pytest.raises(IncompatibleUnits):
        convert(D(3), parse_unit("个"), parse_unit("份"))


def test_a_conversion_without_a_finite_decimal_is_refused_not_rounded():
    with pytest.raises(InexactConversion):
        convert(D(1), parse_unit("月"), parse_unit("季度"))  # 1/3 季度
    with pytest.raises(InexactConversion):
        convert(D(1), parse_unit("秒"), parse_unit("分钟"))


def test_worked_conversions():
    assert convert(D("2.3"), parse_unit("万个"), parse_unit("个")) == 23000
    assert convert(D("571"), parse_unit("万元"), parse_unit("元")) == 5710000
    assert convert(D("7"), parse_unit("斤"), parse_unit("吨")) == D("0.0035")
    assert convert(D("28592"), parse_unit("平方米"), parse_unit("公顷")) == D("2.8592")
    assert format(convert(D("1346.0088"), parse_unit("万平方米"), parse_unit("平方米")), "f") == "13460088"


# ---- laws (Hypothesis) --------------------------------------------------------------------
def _by_dimension() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name in sorted(KNOWN_UNITS):
        unit = parse_unit(name)
        out.setdefault(unit.dimension, []).append(name)
        out[unit.dimension].append("万" + name)
    return {d: names for d, names in out.items() if len(names) > 1}


DIMENSIONS = _by_dimension()
# Exact decimals up to 31 digits with up to 12 places, either sign (no float ever involved).
decimals = st.builds(
    lambda digits, places, sign: D(sign + digits).scaleb(-places),
    st.from_regex(r"[1-9][0-9]{0,30}|0", fullmatch=True),
    st.integers(0, 12),
    st.sampled_from("+-"),
)
same_dimension = st.sampled_from(sorted(DIMENSIONS)).flatmap(
    lambda d: st.tuples(*[st.sampled_from(DIMENSIONS[d]).map(parse_unit)] * 3)
)


def _exact_or_refused(value, a, b):
    try:
        return convert(value, a, b)
    except InexactConversion:
        return None


def _mul(x: Decimal, y: Decimal) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 200  # wide enough that the check itself never rounds
        return x * y


@given(decimals, same_dimension)
def test_conversion_is_exact(value, units):
    a, b, _ = units
    result = _exact_or_refused(value, a, b)
    if result is not None:  # the amount in b, times b's factor, is exactly the amount in a
        assert _mul(result, b.factor) == _mul(value, a.factor)


def _terminates(q: Fraction) -> bool:
    d = q.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


@given(decimals, same_dimension)
def test_conversion_is_refused_only_when_no_finite_decimal_exists(value, units):
    a, b, _ = units
    exact = Fraction(value) * Fraction(a.factor) / Fraction(b.factor)
    result = _exact_or_refused(value, a, b)
    assert (result is not None) == _terminates(exact)
    if result is not None:
        assert Fraction(result) == exact


@given(decimals, same_dimension)
def test_conversion_round_trips(value, units):
    a, b, _ = units
    there = _exact_or_refused(value, a, b)
    if there is not None:
        assert convert(there, b, a) == value


@given(decimals, same_dimension)
def test_conversions_compose(value, units):
    a, b, c = units
    ab = _exact_or_refused(value, a, b)
    if ab is not None:
        bc = _exact_or_refused(ab, b, c)
        ac = _exact_or_refused(value, a, c)
        assert bc == ac  # both refused, or the same exact number


@given(decimals)
def test_wan_is_exactly_ten_thousand(value):
    assert parse_unit("万个").to_base(value) == value.scaleb(4)
    assert parse_unit("亿元").to_base(value) == value.scaleb(8)


@given(decimals)
def test_normalize_keeps_the_number_and_drops_only_zeros(value):
    text = format(normalize(value), "f")
    assert D(text) == value
    assert "e" not in text.lower()
    assert not ("." in text and text.endswith("0"))
    assert text != "-0"


def test_normalize_never_rounds_a_long_number():
    long = D("1234567890123456789012345678901234.5000")
    assert format(normalize(long), "f") == "1234567890123456789012345678901234.5"


@pytest.mark.parametrize(
    "text, plain",
    [("-0", "0"), ("-0.00", "0"), ("0E+3", "0"), ("1E+4", "10000"), ("2.30", "2.3"), ("571", "571"), ("-5.0", "-5")],
)
def test_normalize_worked_cases(text, plain):
    assert format(normalize(D(text)), "f") == plain
