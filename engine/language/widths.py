"""Widths a rule cannot score by: a step of zero (每减少0%扣1分, 每出现0例扣1分), a band of zero
width (15-15日) or written high to low (1%(含)-0%), points written as a percentage with no base
(记百分之五分, 每少一项扣百分之五分). Each is a diagnostic of the rule, found on the tree after it is read, so that no
evaluator or lint ever divides by a zero width or formats a value that is not a number.

A zero step or points that are not a number are errors (the rule cannot be evaluated, and the
rule tree is not handed on); a zero-width or reversed band is a warning (the band is read as
written, low to high). Nothing here evaluates a rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from engine.language import tree as rt
from engine.language.diagnostics import CODES, Diagnostic



def width_diagnostics(rule: rt.Rule) -> list[Diagnostic]:
    """Every zero width, reversed band and non-numeric points of `rule`, in text order."""
    found: list[Diagnostic] = []
    for node in _nodes(rule):
        found += _of(node)
    return found


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
_CHILDREN_OF: dict[type, tuple[str, ...] | None] = {}


def _number_fields(kind: type) -> tuple[str, ...]:
    """The `_NUMBER_FIELDS` a node of this type has (kept per type)."""
    if kind not in _NUMBERS_OF:
        fields = getattr(kind, "__dataclass_fields__", {})
        _NUMBERS_OF[kind] = tuple(name for name in _NUMBER_FIELDS if name in fields)
    return _NUMBERS_OF[kind]


def _child_fields(kind: type) -> tuple[str, ...] | None:
    """The fields of a dataclass type that may hold nodes, last first (None: not a dataclass)."""
    if kind not in _CHILDREN_OF:
        fields = getattr(kind, "__dataclass_fields__", None)
        _CHILDREN_OF[kind] = None if fields is None else tuple(reversed(list(fields)))
    return _CHILDREN_OF[kind]


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


def _nodes(root: object) -> Iterator[object]:
    """Every node of the tree, depth first, without recursion (a deep tree cannot overflow)."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        fields = _child_fields(type(node))
        if fields is None:
            if isinstance(node, (tuple, list)):
                stack.extend(reversed(node))
            continue
        for name in fields:
            value = getattr(node, name, None)
            if value is not None and not isinstance(value, (str, int, Decimal, rt.Span)):
                stack.append(value)
