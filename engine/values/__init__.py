"""Reading printed cells (年度指标值, 实际完成值) into typed values, and comparing them.

`parse_value(text)` reads a cell into a `Quantity`, `Range`, `OrdinalClass`, `Qualitative` or
`Unquantified` (engine.values.kinds); `meets(target, actual)`, `good_direction`, `same_unit`
and `as_number` answer the evaluator's questions (engine.values.compare); `direction_by_name`
says which way an indicator improves by its name (engine.values.names). The reading is in
steps: numbers and units (units), comparator words (sides), water classes (classes), wording
(worded), the whole cell (read); the words come from engine/lexicon. Nothing here reads a rule
or scores anything.
"""

from engine.values.compare import as_number, good_direction, meets, same_unit
from engine.values.kinds import Comparator, OrdinalClass, Qualitative, Quantity, Range, Tier, Unquantified, Value
from engine.values.names import direction_by_name
from engine.values.read import count_in_unit, parse_value

__all__ = [
    "Comparator", "OrdinalClass", "Qualitative", "Quantity", "Range", "Tier", "Unquantified", "Value",
    "as_number", "count_in_unit", "direction_by_name", "good_direction", "meets", "parse_value", "same_unit",
]
