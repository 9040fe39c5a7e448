"""Widths a rule cannot score by: a step of zero (每减少0%扣1分, 每出现0例扣1分), a band of zero
width (15-15日) or written high to low (1%(含)-0%), points written as a percentage with no base
(记百分之五分, 每少一项扣百分之五分). Each is a diagnostic of the rule, found on the tree after it is read, so that no
evaluator or lint ever divides by a zero width or formats a value that is not a number.

A zero step or points that are not a number are errors (the rule cannot be evaluated, and the
rule tree is not handed on); a zero-width or reversed band is a warning (the band is read as
written, low to high). Nothing here evaluates a rule.
"""

from __future__ import annotations

import re
from decimal import Decimal

from engine.language import tree as rt
from engine.language.diagnostics import CODES, Diagnostic



def width_diagnostics(rule: rt.Rule) -> list[Diagnostic]:
    """Every zero width, reversed band and non-numeric points of `rule`, in text order."""
    found: list[Diagnostic] = []
    stack: list[object] = [rule]
    while stack:  # depth first, without recursion (a deep tree cannot overflow)
        node = stack.pop()
        kind = type(node)
        plan = _PLANS.get(kind)
        if plan is None:
            if kind is tuple or kind is list:
                stack.extend(reversed(node))  # type: ignore[call-overload]
                continue
            plan = _PLANS[kind] = _plan(kind)
        fields, check = plan
        if check is not None:
            found += _of(node)
        for name in fields:
            value = getattr(node, name, None)
            if value is not None and type(value) not in _LEAVES:
                stack.append(value)
    return found


_LEAVES = frozenset((str, int, bool, Decimal, rt.Span))
"""Types a walk need not look into."""


_PLANS: dict[type, tuple[tuple[str, ...], bool | None]] = {}
"""Per node type: the fields that may hold nodes (last first) and whether `_of` can find
anything on a node of it (None: nothing to check)."""


def _plan(kind: type) -> tuple[tuple[str, ...], bool | None]:
    fields = getattr(kind, "__dataclass_fields__", None)
    if fields is None:
        return (), None
    checked = bool(_number_fields(kind)) or issubclass(kind, (rt.Step, rt.Between, rt.Points))
    walked = [name for name, f in fields.items() if not _LEAF_ANNOTATION.fullmatch(str(f.type))]
    return tuple(reversed(walked)), (True if checked else None)


_LEAF_ANNOTATION = re.compile(r"(?:str|int|bool|Decimal|Span|None|Literal\[[^\]]*\]|[\s|])+")
"""A field annotated with only these holds no node (the module's annotations are strings)."""


def fatal(diagnostics: list[Diagnostic]) -> bool:
    """True when the rule must not be evaluated (a zero step, points that are not a number)."""
    return any(d.code in ("P011", "P014") for d in diagnostics)


def _of(node: object) -> list[Diagnostic]:
    numbers = _number_fields(type(node))
    if numbers and any(isinstance(getattr(node, name, None), tuple) for name in numbers):  # 每少一项百分之五分
        return [_diag("P014", node, "error")]
    if isinstance(node, rt.Step):
        return [_diag("P011", node, "error") for size in (node.size, node.alt_size)
                if size is not None and isinstance(size.value, Decimal) and size.value == 0]
    if isinstance(node, rt.Between):
        return _band(node)
    if isinstance(node, rt.Points):
        values = (node.value, node.upto, node.share)
        if any(v is not None and not isinstance(v, Decimal) for v in values):
            return [_diag("P014", node, "error")]
    return []


_NUMBER_FIELDS = ("points", "base", "cap", "upto", "share")
"""The fields of a node that hold a number of points: 百分之五 read there is ("%", 5), not a number."""


_NUMBERS_OF: dict[type, tuple[str, ...]] = {}


def _number_fields(kind: type) -> tuple[str, ...]:
    """The `_NUMBER_FIELDS` a node of this type has (kept per type)."""
    if kind not in _NUMBERS_OF:
        fields = getattr(kind, "__dataclass_fields__", {})
        _NUMBERS_OF[kind] = tuple(name for name in _NUMBER_FIELDS if name in fields)
    return _NUMBERS_OF[kind]


def _band(node: rt.Between) -> list[Diagnostic]:
    low, high = getattr(node.low, "value", None), getattr(node.high, "value", None)
    if not isinstance(low, Decimal) or not isinstance(high, Decimal):
        return []
    if low == high:
        return [_diag("P012", node, "warning")]
    low_span, high_span = getattr(node.low, "span", None), getattr(node.high, "span", None)
    if low_span is not None and high_span is not None and low_span.start > high_span.start:
        return [_diag("P013", node, "warning")]
    return []


def _diag(code: str, node: object, severity: str) -> Diagnostic:
    span = getattr(node, "span", None)
    start, end = (span.start, span.end) if span is not None else (0, 0)
    return Diagnostic(code, CODES[code][1], start, max(end, start), severity=severity)
