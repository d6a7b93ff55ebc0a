"""Target values (指标值): every form of domain.md §3, the seed and the reference tables, parsed
into comparator, number and unit with the original text kept; Hypothesis for the laws."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from perflang.units import KNOWN_UNITS, parse_unit
from perflang.values import DIRECTIONS, parse_number, parse_target

D = Decimal

# text -> (comparator, value as written, unit as written, base value, base unit); worked out by
# hand from domain.md §3 and the tables named in each comment.
QUANTITATIVE = [
    # the seed (000_f33f596efa0ca9bb.txt)
    ("≤571万元", "<=", "571", "万元", "5710000", "元"),
    ("=33人", "=", "33", "人", "33", "人"),
    ("≥95%", ">=", "95", "%", "95", "%"),
    ("≥3200个", ">=", "3200", "个", "3200", "个"),
    ("≥2.3万个", ">=", "2.3", "万个", "23000", "个"),
    ("=28592平方米", "=", "28592", "平方米", "28592", "平方米"),
    ("≤500000度", "<=", "500000", "度", "500000", "千瓦时"),
    ("≤3000吨", "<=", "3000", "吨", "3000000", "千克"),
    ("≥9.5%", ">=", "9.5", "%", "9.5", "%"),
    ("不少于10条", ">=", "10", "条", "10", "条"),
    # domain.md §3: words for comparators
    ("不低于90%", ">=", "90", "%", "90", "%"),
    ("不超过20%", "<=", "20", "%", "20", "%"),
    ("不高于5%", "<=", "5", "%", "5", "%"),
    ("500万元以内", "<=", "500", "万元", "5000000", "元"),
    ("10人及以下", "<=", "10", "人", "10", "人"),
    ("控制在500万元内", "<=", "500", "万元", "5000000", "元"),
    ("控制在95%以内", "<=", "95", "%", "95", "%"),
    ("超10%", ">", "10", "%", "10", "%"),
    ("10条以上", ">=", "10", "条", "10", "条"),
    ("≥95%以上", ">=", "95", "%", "95", "%"),  # one comparator said twice
    # no comparator; no unit
    ("100%", None, "100", "%", "100", "%"),
    ("10辆", None, "10", "辆", "10", "辆"),
    ("280人次", None, "280", "人次", "280", "人次"),
    ("1600元/亩", None, "1600", "元/亩", "1600", "元/亩"),
    ("220", None, "220", None, "220", None),
    ("180", None, "180", None, "180", None),
    # magnitudes, compound and rate units
    ("1346.0088万平方米", None, "1346.0088", "万平方米", "13460088", "平方米"),
    ("1次/月", None, "1", "次/月", "1", "次/月"),
    ("≤620万/月", "<=", "620", "万/月", "6200000", "/月"),
    ("50万元/年", None, "50", "万元/年", "500000", "元/年"),
    ("30元/人·月", None, "30", "元/人·月", "30", "元/人·月"),
    ("1.5亿元", None, "1.5", "亿元", "150000000", "元"),
    # ASCII and full-width spellings
    (">=90%", ">=", "90", "%", "90", "%"),
    ("<=5%", "<=", "5", "%", "5", "%"),
    ("＞＝90％", ">=", "90", "%", "90", "%"),
    ("≧90%", ">=", "90", "%", "90", "%"),
    ("≦10%", "<=", "10", "%", "10", "%"),
    ("９５％", None, "95", "%", "95", "%"),
    ("＞５", ">", "5", None, "5", None),
    ("＜５", "<", "5", None, "5", None),
    ("＝１００％", "=", "100", "%", "100", "%"),
    ("≥1,200人", ">=", "1200", "人", "1200", "人"),
    ("≥５㎡", ">=", "5", "㎡", "5", "平方米"),  # NFKC would turn ㎡ into m2
    ("3m²", None, "3", "m²", "3", "平方米"),
    # 02 湘潭
    ("≥80M", ">=", "80", "M", "80", "米"),
    ("250万", None, "250", "万", "2500000", None),
    ("≥85%", ">=", "85", "%", "85", "%"),
    # 03 岳阳
    ("≥100公里", ">=", "100", "公里", "100000", "米"),
    ("≥20座", ">=", "20", "座", "20", "座"),
    ("≥100%", ">=", "100", "%", "100", "%"),
    ("3500公斤", None, "3500", "公斤", "3500", "千克"),
    ("≥500亩", ">=", "500", "亩", "500", "亩"),
    ("≥20年", ">=", "20", "年", "240", "月"),
    # 06 鄂州 2022, 07 池州, 09 宁夏, 10 鄂州 2021, 11 苏州
    ("2280次", None, "2280", "次", "2280", "次"),
    (">92%", ">", "92", "%", "92", "%"),
    ("≥50个", ">=", "50", "个", "50", "个"),
    ("≥100百分比", ">=", "100", "百分比", "100", "%"),
    ("≤90万元", "<=", "90", "万元", "900000", "元"),
    ("550万粒", None, "550", "万粒", "5500000", "粒"),
    ("83.5%", None, "83.5", "%", "83.5", "%"),
    ("150万", None, "150", "万", "1500000", None),
    ("=2 个", "=", "2", "个", "2", "个"),
    ("2 小时", None, "2", "小时", "7200", "秒"),
    ("5 分钟", None, "5", "分钟", "300", "秒"),
    ("0次", None, "0", "次", "0", "次"),
    ("80TB", None, "80", "TB", "81920", "GB"),
    ("=1 份", "=", "1", "份", "1", "份"),
    ("15%及其以下", "<=", "15", "%", "15", "%"),
]

QUALITATIVE = [
    # domain.md §3 and the seed
    "确保优化",
    "确保增强",
    "确保完成",
    "达标",
    "力争全省前列",
    "保障正常运转",
    "优良",
    "持续改善",
    "是",
    # periods and deadlines
    "2023.07-2024.01",
    "2020年1月--2020年11月",
    "x月x日前",
    "12月31日前",
    "11月底完成",
    # the reference tables
    "严格执行相关制度规定",
    "在项目计划完成时间内完成",
    "符合相关规定",
    "效果明显",
    "不超预算",
    "基本达到",
    # ranges and sentences that are not one number
    "90%-95%",
    "≥10人以下",
    "约100人",
]


@pytest.mark.parametrize("text, comparator, value, unit, base_value, base_unit", QUANTITATIVE)
def test_quantitative_values(text, comparator, value, unit, base_value, base_unit):
    t = parse_target(text)
    assert t.kind == "quantitative"
    assert t.text == text
    assert (t.comparator, t.value, t.unit or None) == (comparator, value, unit)
    assert format(t.base_value, "f") == base_value
    assert (t.base_unit or None) == base_unit
    assert t.number == D(value)


@pytest.mark.parametrize("text", QUALITATIVE)
def test_qualitative_values_keep_their_text(text):
    t = parse_target(text)
    assert (t.kind, t.text, t.comparator, t.number, t.direction) == ("qualitative", text, None, None, None)


@pytest.mark.parametrize(
    "text, direction",
    [
        ("≥95%", "higher-better"),
        (">92%", "higher-better"),
        ("≤571万元", "lower-better"),
        ("＜5", "lower-better"),
        ("=33人", "equal"),
        ("100%", None),
        ("达标", None),
    ],
)
def test_direction_follows_the_comparator(text, direction):
    assert parse_target(text).direction == direction


def test_the_text_is_kept_as_written_around_spaces():
    assert parse_target("  不少于10条 ").text == "不少于10条"


@pytest.mark.parametrize(
    "text, number",
    [
        ("571", "571"),
        ("1,200.5", "1200.5"),
        ("５７１", "571"),
        ("−5", "-5"),
        ("0.10", "0.10"),
    ],
)
def test_parse_number(text, number):
    assert parse_number(text) == D(number)


@pytest.mark.parametrize("text", ["", "五百", "1.2.3", "12a", "1,20"])
def test_parse_number_refuses_what_is_not_a_number(text):
    assert parse_number(text) is None


# ---- laws (Hypothesis) --------------------------------------------------------------------
SPELLINGS = [  # (as written, comparator)
    ("≥", ">="),
    (">=", ">="),
    ("＞＝", ">="),
    ("≧", ">="),
    ("不少于", ">="),
    ("不低于", ">="),
    ("≤", "<="),
    ("<=", "<="),
    ("＜＝", "<="),
    ("≦", "<="),
    ("不超过", "<="),
    ("不高于", "<="),
    ("=", "="),
    ("＝", "="),
    (">", ">"),
    ("＞", ">"),
    ("超", ">"),
    ("<", "<"),
    ("＜", "<"),
    ("", None),
]
numbers = st.decimals(min_value=0, max_value=D("1e12"), places=4, allow_nan=False).map(lambda d: format(d, "f"))
units = st.sampled_from(sorted(u for u in KNOWN_UNITS if not u[0].isascii() or u == "%") + [""])


@given(st.sampled_from(SPELLINGS), numbers, units)
def test_a_written_target_parses_into_its_parts(spelling, number, unit):
    written, comparator = spelling
    text = f"{written}{number}{unit}"
    t = parse_target(text)
    assert (t.kind, t.comparator, t.number, t.unit, t.text) == ("quantitative", comparator, D(number), unit, text)
    factor = parse_unit(unit).factor if unit else D(1)
    assert t.base_value == D(number) * factor
    assert t.direction == DIRECTIONS[comparator]


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@given(st.sampled_from(SPELLINGS), numbers, st.sampled_from(["%", "人", "万元", "个", ""]))
def test_full_width_spelling_parses_the_same(spelling, number, unit):
    ascii_text = f"{spelling[0]}{number}{unit}"
    wide = _full_width(ascii_text)
    assert unicodedata.normalize("NFKC", wide) == unicodedata.normalize("NFKC", ascii_text)
    a, w = parse_target(ascii_text), parse_target(wide)
    assert (a.comparator, a.number, a.base_value, a.base_unit) == (w.comparator, w.number, w.base_value, w.base_unit)
    assert w.text == wide


@given(st.text(max_size=40))
def test_any_text_is_understood_without_an_exception(text):
    t = parse_target(text)
    assert t.text == text.strip()
    assert t.kind in ("quantitative", "qualitative")
    if t.kind == "quantitative":
        assert t.number is not None and t.base_value is not None
