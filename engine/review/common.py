"""Small helpers several checks share: exact numbers at the result's edge, a recomputed score
as shown, a printed percentage, and what a read cell is.

Nothing here emits a finding or decides a score.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from engine import values as vals
from engine.scoring import fmt, to_decimal
from engine.text.fold import fold

_PERCENT = re.compile(r"^\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(%?)\s*$")


def exact(x: Fraction | Decimal) -> Decimal:
    """A Decimal for the result: a Decimal stays as it is, a Fraction is rounded at two places."""
    return x if isinstance(x, Decimal) else to_decimal(x)


def exact_or_none(x: Fraction | Decimal | None) -> Decimal | None:
    return None if x is None else exact(x)


def score_text(score: Decimal | None, bounds: tuple[Decimal, Decimal] | None, missing: str = "—") -> str:
    """A recomputed score or total as shown: 10, a range 8–10, else `missing`."""
    if score is not None:
        return fmt(score)
    if bounds is not None:
        return f"{fmt(bounds[0])}–{fmt(bounds[1])}"
    return missing


def percent(text: str, sign: bool = True) -> Decimal | None:
    """A printed percentage (95.00%, ９５．００％) as its number; with `sign` False the % may be
    left out (68.07 in a 率 column). None when the text is not one."""
    m = _PERCENT.match(fold(text))
    return Decimal(m.group(1)) if m and (m.group(2) or not sign) else None


def quantified(value: vals.Value | None) -> bool:
    """A cell that has a number to compare: a quantity, a range or a water class."""
    return isinstance(value, (vals.Quantity, vals.Range, vals.OrdinalClass))


def describe(value: vals.Value | None) -> str:
    return "（空）" if value is None else value.describe()
