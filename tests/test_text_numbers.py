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
