"""Small helpers several checks share: exact numbers at the result's edge, and what a read cell is.

Nothing here emits a finding or decides a score.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from engine import values as vals
from engine.scoring import to_decimal


def exact(x: Fraction | Decimal) -> Decimal:
    """A Decimal for the result: a Decimal stays as it is, a Fraction is rounded at two places."""
    return x if isinstance(x, Decimal) else to_decimal(x)


def exact_or_none(x: Fraction | Decimal | None) -> Decimal | None:
    return None if x is None else exact(x)


def quantified(value: vals.Value | None) -> bool:
    """A cell that has a number to compare: a quantity, a range or a water class."""
    return isinstance(value, (vals.Quantity, vals.Range, vals.OrdinalClass))


def describe(value: vals.Value | None) -> str:
    return "（空）" if value is None else value.describe()
