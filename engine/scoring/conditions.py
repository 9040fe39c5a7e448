"""Whether a numeric actual satisfies a condition of the rule (≥90%, 80%(含)-90%, ±30%以内).

A band's edges are read as printed: 99%-90% is the band from 90 to 99; an edge whose inclusion
is not printed (80%-90%, 80%以下) is included when `lenient` and excluded otherwise, so a tie
between two bands is visible to `engine.scoring.bands._break_tie`. Bands printed as whole
numbers with a gap of at most one between them (99%-90% / 89%-80%) reach across the gap when
`lenient`: 89.5% is then in both, and the tie-break gives the readings.
"""

from __future__ import annotations

import bisect

import operator
from fractions import Fraction
from typing import NamedTuple, cast

from engine import lexicon
from engine.language import tree as rt
from engine.scoring.context import Ctx, good_direction, need_number, operand_number
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import Unknown

__all__ = ["Edges", "against_measure", "deviation", "edges", "holds", "in_condition"]

_RELATIONS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "=": operator.eq}
_LOOSE = frozenset(lexicon.words("bands.loose"))
_GAP = Fraction(1)  # the widest gap between two printed edges that is a printing gap, not a hole


def holds(x: Fraction, op: str, bound: Fraction) -> bool:
    return cast(bool, _RELATIONS[op](x, bound))  # only the one comparison: a symbolic x decides each one it is asked


class Edges(NamedTuple):
    """A band as printed: its low and high edge (None: unbounded) and whether each is included
    (None: not printed)."""

    low: Fraction | None
    low_closed: bool | None
    high: Fraction | None
    high_closed: bool | None


def in_condition(ctx: Ctx, cond: rt.Predicate | None, x: Fraction, lenient: bool = True) -> bool:
    """Does the actual x satisfy `cond`? `lenient` reads a band edge whose inclusion is not
    printed as included (the evaluator's first reading; ties are then broken by `lenient=False`)."""
    if isinstance(cond, rt.Compare) and cond.op in ("=", "stated") and _resolved_op(ctx, cond) == "=":
        return _compare_holds(ctx, cond, x)
    band = edges(ctx, cond)
    if band is None:
        return False
    if getattr(cond, "absolute", False):
        x = deviation(ctx, x)
    if getattr(cond, "against", None) is not None:
        x = against_measure(ctx, cast(rt.Compare | rt.Between, cond), x)
        if x <= 0:  # 比下达任务低…: an actual that is not short of the target is in no shortfall band
            return False
    if lenient:
        band = _across_gaps(ctx, cond, band)
    return _within(x, band, lenient) != (isinstance(cond, rt.Compare) and cond.op == "not_reach")


def _within(x: Fraction, band: Edges, lenient: bool) -> bool:
    low_ok = band.low is None or x > band.low or (x == band.low and _edge_included(band.low_closed, lenient))
    return low_ok and (band.high is None or x < band.high
                       or (x == band.high and _edge_included(band.high_closed, lenient)))


def _resolved_op(ctx: Ctx, cond: rt.Compare) -> str:
    """达到 X / 未达到 X / a bare X are met in the indicator's good direction (a bare X with no
    direction: exactly X)."""
    op: str = cond.op
    if op in ("reach", "stated", "not_reach"):
        good, _ = good_direction(ctx)
        op = "=" if op == "stated" and good is None else (">=" if good != "lower" else "<=")
    return op


def edges(ctx: Ctx, cond: rt.Predicate | None) -> Edges | None:
    """The band a numeric condition states, its edges in order (99%-90% is 90 to 99)."""
    if isinstance(cond, rt.Between):
        lo, hi = F(operand_number(ctx, cond.low)), F(operand_number(ctx, cond.high))
        if lo > hi:
            return Edges(hi, cond.high_closed, lo, cond.low_closed)
        return Edges(lo, cond.low_closed, hi, cond.high_closed)
    if isinstance(cond, rt.Compare):
        op, bound = _resolved_op(ctx, cond), F(operand_number(ctx, cond.operand))
        closed = None if cond.word in _LOOSE else op in (">=", "<=")
        if op in (">=", ">"):
            return Edges(bound, closed, None, None)
        if op in ("<=", "<"):
            return Edges(None, None, bound, closed)
        return Edges(bound, True, bound, True)
    return None


def _compare_holds(ctx: Ctx, cond: rt.Compare, x: Fraction) -> bool:
    """An equality (a bare X with no direction: exactly X); ±X以内 compares the deviation rate."""
    bound = F(operand_number(ctx, cond.operand))
    if cond.absolute:
        x = deviation(ctx, x)
    return holds(x, "=", bound)


def _across_gaps(ctx: Ctx, cond: rt.Predicate | None, band: Edges) -> Edges:
    """A band whose printed edge stops short of the next band by at most `_GAP`, with no
    inclusion printed (89%-80% below 99%-90%), reaches up to that band's edge, not included
    (the nearest such edge, when several bands stop there). The other bands' edges are read
    once per evaluation (`_GapIndex`), so a rule of n bands costs n log n, not n²."""
    index = ctx.gap_index
    if not isinstance(index, _GapIndex) or not index.serves(ctx.bands):
        index = ctx.gap_index = _GapIndex(ctx)
    low, low_closed, high, high_closed = band
    if low is not None and band.low_closed is None:
        near = index.high_below(low, cond)
        if near is not None:
            low, low_closed = near, False
    if high is not None and band.high_closed is None:
        near = index.low_above(high, cond)
        if near is not None:
            high, high_closed = near, False
    return Edges(low, low_closed, high, high_closed)


class _GapIndex:
    """The edges of the bands of one evaluation, sorted, to find the edge just across a gap."""

    def __init__(self, ctx: Ctx) -> None:
        self.bands = ctx.bands
        self.size = len(ctx.bands)
        highs: list[tuple[Fraction, int]] = []
        lows: list[tuple[Fraction, int]] = []
        for other in ctx.bands:
            if not isinstance(other.condition, (rt.Compare, rt.Between)):
                continue
            try:
                near = edges(ctx, other.condition)
            except Unknown:
                continue
            if near is not None and near.high is not None:
                highs.append((near.high, id(other.condition)))
            if near is not None and near.low is not None:
                lows.append((near.low, id(other.condition)))
        self.highs, self.lows = sorted(highs), sorted(lows)
        self.high_values, self.low_values = [h for h, _ in self.highs], [v for v, _ in self.lows]

    def serves(self, bands: list[rt.Award]) -> bool:
        return bands is self.bands and len(bands) == self.size

    def high_below(self, edge: Fraction, cond: rt.Predicate | None) -> Fraction | None:
        """The highest upper edge of another band within `_GAP` below `edge` (not at it)."""
        i = bisect.bisect_left(self.high_values, edge) - 1
        while i >= 0 and edge - self.highs[i][0] <= _GAP:
            if self.highs[i][1] != id(cond):
                return self.highs[i][0]
            i -= 1
        return None

    def low_above(self, edge: Fraction, cond: rt.Predicate | None) -> Fraction | None:
        """The lowest lower edge of another band within `_GAP` above `edge` (not at it)."""
        i = bisect.bisect_right(self.low_values, edge)
        while i < len(self.lows) and self.lows[i][0] - edge <= _GAP:
            if self.lows[i][1] != id(cond):
                return self.lows[i][0]
            i += 1
        return None


def _edge_included(closed: bool | None, lenient: bool) -> bool:
    """含 / 不含 as printed; unprinted (None) is included when lenient."""
    return closed is not False if lenient else closed is True


def deviation(ctx: Ctx, x: Fraction) -> Fraction:
    t = F(need_number(ctx, "target"))
    if t == 0:
        raise Unknown("zero-denominator", "年度指标值为 0，无法计算偏差率")
    dev = abs(x - t) / t * 100
    ctx.say(f"偏差率 = |{fmt(x)} − {fmt(t)}| ÷ {fmt(t)} = {fmt(dev)}%")
    return dev


def _bound_unit(cond: rt.Compare | rt.Between) -> str | None:
    operands = (cond.operand,) if isinstance(cond, rt.Compare) else (cond.low, cond.high)
    return next((o.unit for o in operands if isinstance(o, rt.Quantity) and o.unit), None)


def against_measure(ctx: Ctx, cond: rt.Compare | rt.Between, x: Fraction) -> Fraction:
    """How far x falls short of the target (`below`) or goes past it (`above`): in % of the target
    when the bound is in % (比下达任务低5%: (target − x) ÷ target), else in the bound's unit
    (比计划少2个: target − x). `ctx.against_points` reads a % bound of a % target as percentage
    points instead (the other reading, engine.scoring.deductions)."""
    t = F(need_number(ctx, "target"))
    gap = t - x if cond.against == "below" else x - t
    side = "低于" if cond.against == "below" else "高于"
    if _bound_unit(cond) != "%" or ctx.against_points:
        ctx.say(f"实际值{side}年度指标值 {fmt(t)}：相差 {fmt(gap)}" + ("（按百分点）" if ctx.against_points else ""))
        return gap
    if t == 0:
        raise Unknown("zero-denominator", "年度指标值为 0，无法计算相差的百分比")
    share = gap / t * 100
    ctx.say(f"实际值{side}年度指标值的比例 = {fmt(gap)} ÷ {fmt(t)} = {fmt(share)}%")
    return share
