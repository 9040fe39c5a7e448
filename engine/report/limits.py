"""The bounds a report's values must keep, as data, in one place.

A real form's scores and weights are a few dozen points, its amounts at most billions of 万元,
its years this century; a value far outside that is a typing or extraction error, and an
exact number of a million digits would cost minutes or gigabytes to add up. So every number is
checked against its field's bound *before* anything converts or rounds it (a Decimal's
exponent is read, never expanded), and a file is refused before it is read when it is larger
than a report can be. `RESCORE_MAX_REPORT_BYTES` overrides the file limit. Nothing here reads
a report; `engine.report.model` and `engine.report.loading` apply these bounds.
"""

from __future__ import annotations

import os
from decimal import Decimal

MAX_POINTS = Decimal(10) ** 6
"""Scores, weights, totals and a table's scale: |x| ≤ 10⁶."""

MAX_AMOUNT = Decimal(10) ** 15
"""Amounts (万元), areas, head counts: |x| ≤ 10¹⁵."""

MAX_PLACES = 10
"""Decimal places any number may have (after spreadsheet float noise is removed)."""

MAX_TEXT = 10_000
"""Characters in one printed cell (a rule, a target, an actual, a note)."""

YEARS = (1900, 2100)
"""The budget years a report can evaluate."""

MAX_INTEGER_DIGITS = 40
"""Digits of a JSON integer read as an int; longer ones are checked as Decimals (never expanded)."""

DEFAULT_MAX_REPORT_BYTES = 64 * 1024 * 1024


def max_report_bytes() -> int:
    """The largest report file read: `RESCORE_MAX_REPORT_BYTES` or 64 MiB."""
    value = os.environ.get("RESCORE_MAX_REPORT_BYTES", "")
    # 0–9 only: "²".isdigit() is true and int("٣") is 3
    return int(value) if value.isascii() and value.isdigit() and int(value) > 0 else DEFAULT_MAX_REPORT_BYTES


def magnitude_problem(number: Decimal, bound: Decimal) -> str | None:
    """Why `number` is out of range for a field bounded by `bound`, read from its exponent only."""
    if not number.is_finite():
        return "应为有限的数字"
    # copy_abs and comparison need no context: 1E+9999999 is neither expanded nor an Overflow
    if number.copy_abs() > bound:
        return f"数字 {_short(number)} 超出合理范围（绝对值不超过 {_plain(bound)}）"
    return None


def places_problem(number: Decimal) -> str | None:
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_PLACES:
        return f"数字 {_short(number)} 的小数位数超过 {MAX_PLACES} 位"
    return None


def _plain(bound: Decimal) -> str:
    return f"10^{bound.adjusted()}" if bound.adjusted() > 6 else format(bound, "f")


def _short(number: Decimal) -> str:
    """A number as it can be shown without expanding it: 1E+999999 stays 1E+999999."""
    text = str(number)
    return text if len(text) <= 40 else text[:20] + "…" + text[-12:]
