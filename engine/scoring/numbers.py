"""Exact numbers for scores: Fractions in, 四舍五入 at the edge, exact text for the trace.

Scores stay exact rationals (20/3 stays 20/3) until they are shown. Nothing here knows a rule."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from engine.language.printer import number as _fmt_decimal


Score = Fraction
"""Scores are exact rationals: 20/3 stays 20/3 until it is shown (see `to_decimal`)."""


def F(x: Fraction | Decimal | int) -> Fraction:
    """Exact conversion of a Decimal, int or Fraction. Any other number type passes through
    unchanged: the symbolic actual of `engine.lint.explore` runs the same code as a Fraction."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, (int, Decimal)):
        return Fraction(x)
    return x


def ratio(gap: Fraction, size: Fraction) -> Fraction:
    """gap ÷ size, the number of steps in a gap. A symbolic gap keeps the division as the rule
    writes it ((35 − x)/1), so the formula `rescore lint` prints reads like the rule."""
    as_written = getattr(gap, "ratio", None)
    return as_written(size) if as_written is not None else gap / size


def to_decimal(x: Fraction, places: int = 2) -> Decimal:
    """Round at the edge, 四舍五入 (half up) to `places` decimals."""
    q = Decimal(1).scaleb(-places)
    return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(q, rounding=ROUND_HALF_UP) \
        if x.denominator != 1 else Decimal(x.numerator).quantize(q)


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
        exact = Decimal(x.numerator) / Decimal(x.denominator)
        return _fmt_decimal(exact)
    return f"{x.numerator}/{x.denominator}（≈{to_decimal(x)}）"
