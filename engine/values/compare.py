"""Questions the evaluator asks of a target and an actual: which way is better, the number to
compute with, whether two values share a unit, and whether the actual meets the target.

`good_direction`, `as_number`, `same_unit` and `meets` take values read by `parse_value`.
Comparison is exact (`Decimal`); nothing here reads a cell or scores anything.
"""

from __future__ import annotations

from decimal import Decimal
from engine.values.names import Direction
from engine.values.kinds import Comparator, OrdinalClass, Qualitative, Quantity, Range, Unquantified, Value
from engine.values.read import cell
from engine.values.units import units_match

__all__ = ["as_number", "good_direction", "meets", "same_unit"]


def good_direction(value: Value | None, by_name: Direction | None = None) -> Direction | None:
    """Which way is better, as the target is written: ≥ / > higher, ≤ / < lower; a water class
    is always lower-is-better; a target printed bare ("100%") takes the direction the
    indicator's name says (`by_name`, from `engine.values.names`); else nothing."""
    if isinstance(value, OrdinalClass):
        return "lower"
    if isinstance(value, Quantity):
        if value.comparator in (">=", ">"):
            return "higher"
        if value.comparator in ("<=", "<"):
            return "lower"
        return by_name
    return None


def as_number(value: Value | None) -> Decimal | None:
    """The number of a Quantity, the rank of a class; None for anything else."""
    if isinstance(value, Quantity):
        return value.number
    if isinstance(value, OrdinalClass):
        return Decimal(value.rank)
    return None


def _unit_of(value: Value | str | None) -> tuple[bool, str | None]:
    """(is numeric, unit) for a value or a bare unit string."""
    if value is None or isinstance(value, str):
        return True, value
    if isinstance(value, (Quantity, Range)):
        return True, value.unit
    if isinstance(value, OrdinalClass):
        return True, "类"
    return False, None


def same_unit(a: Value | str | None, b: Value | str | None) -> bool:
    """Can the two be compared as numbers? % and 百分点 count as one unit, so do 天 / 日 and
    平方米 / m²; a value without a unit matches any numeric value. Worded values never match."""
    numeric_a, unit_a = _unit_of(a)
    numeric_b, unit_b = _unit_of(b)
    return numeric_a and numeric_b and units_match(unit_a, unit_b)


def _compare(actual: Decimal, comparator: Comparator, target: Decimal) -> bool:
    if comparator == ">=":
        return actual >= target
    if comparator == ">":
        return actual > target
    if comparator == "<=":
        return actual <= target
    if comparator == "<":
        return actual < target
    return actual == target


def _as_rank(value: Value) -> int | None:
    if isinstance(value, OrdinalClass):
        return value.rank
    # A bare "2" in the actual column of a class target means class Ⅱ.
    if (isinstance(value, Quantity) and value.comparator == "=" and value.unit in (None, "类")
            and value.number == value.number.to_integral_value() and 1 <= value.number <= 6):
        return int(value.number)
    return None


def meets(target: Value | None, actual: Value | None, by_name: Direction | None = None) -> bool | None:
    """Does the actual satisfy the target? None when the two cannot be compared (a missing or
    unquantified side, different units, a worded actual against a number). A target printed
    bare ("100%") is met in the direction the indicator's name says (`by_name`: 在职人员控制率
    100% is met by 92%), else only exactly."""
    if target is None or actual is None:
        return None
    if isinstance(target, Unquantified) or isinstance(actual, Unquantified):
        return None
    if isinstance(target, OrdinalClass):
        return _meets_class(target, actual)
    if isinstance(target, Qualitative):
        return _meets_words(target, actual)
    if not isinstance(actual, Quantity) or not same_unit(target, actual):
        return None
    if not isinstance(target, (Quantity, Range)):
        return None  # a date target is met by a date (engine.values.dates), never by a number
    if isinstance(target, Range):
        return target.low <= actual.number <= target.high
    comparator: Comparator = target.comparator
    if comparator == "=" and by_name is not None:
        comparator = ">=" if by_name == "higher" else "<="
    return _compare(actual.number, comparator, target.number)


def _meets_words(target: Qualitative, actual: Value) -> bool | None:
    if not isinstance(actual, Qualitative):
        return None
    if actual.tier is None:
        return True if cell(actual.text) == cell(target.text) else None
    return actual.tier == "achieved"


def _meets_class(target: OrdinalClass, actual: Value) -> bool | None:
    rank = _as_rank(actual)
    if rank is None:
        return None
    # A class target printed bare ("Ⅱ类") is met by that class or a better one.
    comparator: Comparator = "<=" if target.comparator == "=" else target.comparator
    return _compare(Decimal(rank), comparator, Decimal(target.rank))
