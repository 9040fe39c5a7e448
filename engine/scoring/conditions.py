"""Whether a numeric actual satisfies a condition of the rule (≥90%, 80%(含)-90%, ±30%以内)."""

from __future__ import annotations

import operator
from fractions import Fraction
from typing import cast

from engine.language import tree as rt
from engine.scoring.context import Ctx, good_direction, need_number, operand_number
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import Unknown


_RELATIONS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "=": operator.eq}


def holds(x: Fraction, op: str, bound: Fraction) -> bool:
    return cast(bool, _RELATIONS[op](x, bound))  # only the one comparison: a symbolic x decides each one it is asked


def in_condition(ctx: Ctx, cond: rt.Predicate | None, x: Fraction, lenient: bool = True) -> bool:
    """Does the actual x satisfy `cond`? `lenient` reads a band edge whose inclusion is not
    printed as included (the evaluator's first reading; ties are then broken by `lenient=False`)."""
    if isinstance(cond, rt.Compare):
        return _compare_holds(ctx, cond, x)
    if isinstance(cond, rt.Between):
        return _between_holds(ctx, cond, x, lenient)
    return False


def _compare_holds(ctx: Ctx, cond: rt.Compare, x: Fraction) -> bool:
    """达到 X / 未达到 X / a bare X are met in the indicator's good direction (a bare X with no
    direction: exactly X); ±X以内 compares the deviation rate."""
    bound = F(operand_number(ctx, cond.operand))
    if cond.absolute:
        x = deviation(ctx, x)
    op: str = cond.op
    if op in ("reach", "stated", "not_reach"):
        good, _ = good_direction(ctx)
        op = "=" if op == "stated" and good is None else (">=" if good != "lower" else "<=")
    return holds(x, op, bound) != (cond.op == "not_reach")


def _between_holds(ctx: Ctx, cond: rt.Between, x: Fraction, lenient: bool) -> bool:
    lo, hi = F(operand_number(ctx, cond.low)), F(operand_number(ctx, cond.high))
    if cond.absolute:
        x = deviation(ctx, x)
    lo_ok = x > lo or (x == lo and _edge_included(cond.low_closed, lenient))
    hi_ok = x < hi or (x == hi and _edge_included(cond.high_closed, lenient))
    return lo_ok and hi_ok


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
