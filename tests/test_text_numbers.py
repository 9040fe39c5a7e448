"""engine.text.numbers and engine.text.numerals: exact decimal text and Chinese numerals."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.text import fold as fold_module
from engine.text import numerals
from engine.text.numbers import decimal_text, terminates, terminating_decimal


@pytest.mark.parametrize(("numerator", "denominator", "expected"), [
    (1, 2, True), (3, 8, True), (1, 3, False), (2, 6, False), (3, 6, True), (7, 1, True),
    (0, 7, True), (-1, 40, True), (1, -4, True), (1, 2**100 * 5**3, True), (1, 2 * 3 * 5, False),
])
def test_terminates(numerator: int, denominator: int, expected: bool) -> None:
    assert terminates(numerator, denominator) is expected


@given(st.integers(-10**6, 10**6), st.integers(1, 10**6))
def test_terminating_decimal_is_exact(numerator: int, denominator: int) -> None:
    value = terminating_decimal(numerator, denominator)
    assert (value is not None) is terminates(numerator, denominator)
    if value is not None:
        assert Fraction(value) == Fraction(numerator, denominator)


def test_terminating_decimal_does_not_round_to_the_context() -> None:
    value = terminating_decimal(1, 2**200)
    assert value is not None and Fraction(value) == Fraction(1, 2**200)


@pytest.mark.parametrize(("value", "text"), [
    ("0.50", "0.5"), ("1E+1", "10"), ("10", "10"), ("0", "0"), ("-2.500", "-2.5"), ("0.0001", "0.0001"),
])
def test_decimal_text(value: str, text: str) -> None:
    assert decimal_text(Decimal(value)) == text


def test_fold_still_exports_the_numerals() -> None:
    assert fold_module.chinese_number is numerals.chinese_number
    assert fold_module.number is numerals.number
    assert numerals.chinese_number("一百零五") == 105
    assert numerals.number("１２.５") == Decimal("12.5")


# ---------------------------------------------------------------- Chinese numerals in full, against cn2an

cn2an = pytest.importorskip("cn2an")  # a test dependency: the maintained reference for Chinese numerals


@pytest.mark.parametrize(("text", "value"), [
    ("万", None), ("一万", 10000), ("十万", 100000), ("三万五", 35000), ("两万三千", 23000), ("一万零五", 10005),
    ("一亿三千万", 130000000), ("壹佰", 100), ("贰拾", 20), ("壹佰贰拾叁", 123), ("二〇二四", 2024),
    ("二零二四", 2024), ("一九九八", 1998), ("一百一", 110), ("一千二", 1200), ("一百零一", 101), ("一十五", 15),
    ("两千", 2000), ("十五", 15), ("零点五", "0.5"), ("一千零一", 1001), ("一百一十一", 111),
])
def test_numerals_in_full(text: str, value: int | str | None) -> None:
    if value is None:
        with pytest.raises(ValueError):
            numerals.chinese_number(text)
        return
    assert numerals.chinese_number(text) == Decimal(value)
    assert Decimal(str(cn2an.cn2an(text, "normal"))) == Decimal(value)  # the library agrees


@given(st.integers(0, 10**12 - 1))
def test_every_integer_cn2an_writes_reads_back(n: int) -> None:
    for style in ("low", "up"):  # 一百二十三 and the financial capitals 壹佰贰拾叁
        assert numerals.chinese_number(cn2an.an2cn(n, style)) == n


@given(st.integers(0, 10**6), st.integers(1, 99))
def test_decimals_cn2an_writes_read_back(whole: int, frac: int) -> None:
    text = f"{whole}.{frac:02d}".rstrip("0")
    assert numerals.chinese_number(cn2an.an2cn(text)) == Decimal(text)


@pytest.mark.parametrize("text", ["一一", "五五", "十十", "零十", "万万", "亿万", "一万万"])
def test_malformed_numerals_still_raise(text: str) -> None:
    """Stricter than cn2an's "normal" mode on purpose: two bare digits (一一) are not a number in
    a rule, and the parser reports them (tests/test_parser_properties.py)."""
    with pytest.raises(ValueError):
        numerals.chinese_number(text)
