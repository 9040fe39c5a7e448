"""Exact numbers as decimal text: whether a fraction terminates, and the plain text of a Decimal.

`terminates(3, 8)` says whether 3/8 has a finite decimal expansion (its reduced denominator has
no prime factor but 2 and 5); `terminating_decimal(3, 8)` is that expansion as an exact
`Decimal` (0.375), or None; `decimal_text(Decimal("0.50"))` is "0.5" — no exponent, no needless
trailing zeros. Nothing here rounds, and nothing here converts through binary floats.
"""

from __future__ import annotations

from decimal import Decimal
from math import gcd

__all__ = ["decimal_text", "terminates", "terminating_decimal"]


def _strip_2_and_5(denominator: int) -> int:
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator


def terminates(numerator: int, denominator: int) -> bool:
    """Does numerator/denominator have a finite decimal expansion? `denominator` must not be 0."""
    if denominator == 0:
        raise ZeroDivisionError("denominator is 0")
    reduced = abs(denominator) // gcd(numerator, denominator)
    return _strip_2_and_5(reduced) == 1


def terminating_decimal(numerator: int, denominator: int) -> Decimal | None:
    """numerator/denominator as an exact Decimal when it terminates (3/8 → 0.375), else None.

    Computed with integers, so the result is exact whatever the decimal context's precision."""
    if not terminates(numerator, denominator):
        return None
    g = gcd(numerator, denominator)
    num, den = numerator // g, denominator // g
    if den < 0:
        num, den = -num, -den
    # den = 2**a * 5**b; scale by 10**k with k = max(a, b) so the quotient is an integer
    k = 0
    while den % 2 == 0 or den % 5 == 0:
        if den % 10 == 0:
            den //= 10
        elif den % 2 == 0:
            den //= 2
            num *= 5
        else:
            den //= 5
            num *= 2
        k += 1
    # built from its digits: Decimal arithmetic (scaleb, /) would round to the context precision
    return Decimal((1 if num < 0 else 0, Decimal(abs(num)).as_tuple().digits, -k))  # not str(): 4,300 digits at most


def decimal_text(value: Decimal) -> str:
    """Exact decimal without exponent or needless trailing zeros: 0.50 → 0.5, 1E+1 → 10."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
