"""Reading printed cells (年度指标值, 实际完成值) into typed values, and comparing them.

`parse_value(text)` reads a cell into a `Quantity`, `Range`, `OrdinalClass`, `Qualitative` or
`Unquantified`; `meets(target, actual)` says whether an actual meets its target. Nothing here
reads a rule or scores anything.
"""

from engine.values.read import (Comparator, OrdinalClass, Qualitative, Quantity, Range, Tier, Unquantified, Value,
                                as_number, good_direction, meets, parse_value, same_unit)

__all__ = [
    "Comparator", "OrdinalClass", "Qualitative", "Quantity", "Range", "Tier", "Unquantified", "Value",
    "as_number", "good_direction", "meets", "parse_value", "same_unit",
]
