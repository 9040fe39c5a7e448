"""What a printed cell says before it is a field: "not printed" marks, spreadsheet float noise and
rates stored as fractions.

One home for the reading rules that the report model and the importers share:
- `not_printed(text)`: `/`, `—`, `无`, `-` or blank in a number cell means "not applicable / not
  printed" — a missing value, never 0;
- `denoise(number)`: a binary float that a spreadsheet computed (0.1 + 0.2 = 0.30000000000000004)
  read as the value the sheet shows (15 significant digits, as Excel displays), exactly;
- `percent_text(number)`: a rate stored as a fraction (0.9215, a percent-formatted cell) written
  as the percentage a reviewer reads ("92.15%").
This module reads no file and decides nothing about a field; the callers say which column is a
rate or a number.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["NOT_PRINTED", "denoise", "float_decimal", "not_printed", "percent_text"]

# Marks printed in a cell that has no value: slash, dashes, 无, and the usual full-width forms.
NOT_PRINTED = frozenset({"/", "／", "\\", "—", "——", "–", "-", "－", "─", "无", "不适用", "N/A", "n/a", "NA"})

_SANE_EXPONENT = 400  # beyond it no cell is float noise: the value is left for the field's bounds
_DISPLAY_DIGITS = 15  # Excel shows (and stores as text) at most 15 significant digits


def not_printed(text: str) -> bool:
    """True for a blank cell or one of the `NOT_PRINTED` marks (spaces ignored)."""
    return "".join(text.split()) in NOT_PRINTED or not text.strip()


def denoise(number: Decimal) -> Decimal:
    """`number` as a spreadsheet shows it: more than 15 significant digits are float noise, so the
    value is rounded to 15 and the zeros that rounding leaves are dropped (0.30000000000000004 →
    0.3); a number of 15 digits or fewer is returned unchanged ("9.00" stays "9.00")."""
    if not number.is_finite() or len(number.as_tuple().digits) <= _DISPLAY_DIGITS \
            or not -_SANE_EXPONENT < number.adjusted() < _SANE_EXPONENT:  # 9…9.5e-999999999: the bounds refuse it
        return number
    exponent = number.adjusted() - _DISPLAY_DIGITS + 1
    rounded = number.quantize(Decimal(1).scaleb(exponent))
    return _strip_zeros(rounded)


def float_decimal(value: float) -> Decimal:
    """A binary float (from a spreadsheet cell) as the exact decimal it shows: its shortest repr,
    then `denoise`."""
    return denoise(Decimal(repr(value)))


def percent_text(fraction: Decimal, places: int | None = None) -> str:
    """A rate stored as a fraction, as printed text: 0.9215 → "92.15%", 1 → "100%"; with `places`
    (from a cell's number format `0.00%`) exactly that many decimals: 1 → "100.00%"."""
    shown = denoise(fraction) * 100
    if places is None:
        shown = _strip_zeros(shown)
    else:
        shown = shown.quantize(Decimal(1).scaleb(-places))
    return f"{shown:f}%"


def _strip_zeros(number: Decimal) -> Decimal:
    """Drop trailing zeros after the point without going to exponent notation (100.0 → 100)."""
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()
