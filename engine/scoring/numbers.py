"""Exact numbers for scores: Fractions in, 四舍五入 at the edge, exact text for the trace.

Scores stay exact rationals (20/3 stays 20/3) until they are shown. Nothing here knows a rule."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from collections.abc import Iterable
from functools import lru_cache
from math import lcm

from engine.language.printer import number as _fmt_decimal
from engine.text.numbers import terminating_decimal

_SHOWN_BITS = 400  # a fraction whose terms are longer (about 120 digits) is shown by its value only


Score = Fraction
"""Scores are exact rationals: 20/3 stays 20/3 until it is shown (see `to_decimal`)."""


def F(x: Fraction | Decimal | int) -> Fraction:
    """Exact conversion of a Decimal, int or Fraction. Any other number type passes through
    unchanged: the symbolic actual of `engine.lint.explore` runs the same code as a Fraction."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, Decimal):
        return _fraction(x)
    if isinstance(x, int):
        return Fraction(x)
    return x


@lru_cache(maxsize=4096)
def _fraction(x: Decimal) -> Fraction:
    """Fraction(x), once for each value (weights, scores and tolerances recur on every row;
    Decimals equal in value, 5 and 5.0, give the one Fraction they both are)."""
    return Fraction(x)


def exact_sum(values: Iterable[Fraction]) -> Fraction:
    """Σ values, exact: added over one common denominator and reduced once (a table's hundred
    item scores, mostly in halves and hundredths, without a reduction after every addition)."""
    terms = [(x.numerator, x.denominator) for x in values]
    common = lcm(*(d for _, d in terms)) if terms else 1
    return Fraction(sum(n * (common // d) for n, d in terms), common)


def ratio(gap: Fraction, size: Fraction) -> Fraction:
    """gap ÷ size, the number of steps in a gap. A symbolic gap keeps the division as the rule
    writes it ((35 − x)/1), so the formula `rescore lint` prints reads like the rule."""
    as_written = getattr(gap, "ratio", None)
    return as_written(size) if as_written is not None else gap / size


def to_decimal(x: Fraction, places: int = 2) -> Decimal:
    """Round at the edge, 四舍五入 (half up: a tie goes away from zero) to `places` decimals.

    In integers, then built from its digits: `Decimal` division and `quantize` work to the
    context's 28 digits and raise InvalidOperation beyond them (a score of 10³⁰ from a rule's
    own numbers), and `str()` of an int of over 4,300 digits raises ValueError. The result
    depends on the value alone, and the same scores recur on thousands of rows: each value is
    rounded once."""
    try:
        return _rounded(x, places)
    except TypeError:  # a value that cannot be hashed
        return _round(x, places)


def _round(x: Fraction, places: int) -> Decimal:
    x = Fraction(x)
    halves = abs(x) * 10 ** places + Fraction(1, 2)
    rounded = halves.numerator // halves.denominator
    return Decimal((1 if x < 0 else 0, Decimal(rounded).as_tuple().digits, -places))


_rounded = lru_cache(maxsize=8192)(_round)


def fmt(x: object) -> str:
    """Exact text of a number; a non-terminating fraction shows as 20/3（≈6.67）. Anything else
    (a symbolic value of engine.lint.explore) shows as its own text."""
    if isinstance(x, Decimal):
        return _fmt_decimal(x)
    if isinstance(x, int):
        x = Fraction(x)
    if not isinstance(x, Fraction):
        return str(x)  # a symbolic value (engine.lint.explore)
    d = x.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d == 1:
        exact = terminating_decimal(x.numerator, x.denominator)  # exact: Decimal division rounds to 28 digits
        assert exact is not None
        return _fmt_decimal(exact)
    if max(x.numerator.bit_length(), x.denominator.bit_length()) > _SHOWN_BITS:
        return f"≈{to_decimal(x)}"  # no fraction of thousands of digits (nor str() of one)
    return f"{x.numerator}/{x.denominator}（≈{to_decimal(x)}）"
