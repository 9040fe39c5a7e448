"""Whether a numeric actual satisfies a condition of the rule (≥90%, 80%(含)-90%, ±30%以内)."""

from __future__ import annotations

import operator
from decimal import Decimal

from engine.language import tree as rt
from engine.scoring.context import Ctx, good_direction, need_number, operand_number
from engine.scoring.numbers import fmt
from engine.scoring.outcome import Unknown


_RELATIONS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "=": operator.eq}


def holds(x: Decimal, op: str, bound: Decimal) -> bool:
    return _RELATIONS[op](x, bound)  # only the one comparison: a symbolic x decides each one it is asked


def in_condition(ctx: Ctx, cond, x: Decimal, lenient: bool = True) -> bool:
    if isinstance(cond, rt.Compare):
        bound = operand_number(ctx, cond.operand)
        if cond.absolute:
            x = deviation(ctx, x)
        op = cond.op
        negate = op == "not_reach"
        if op in ("reach", "stated", "not_reach"):
            good, _ = good_direction(ctx)
            op = "=" if op == "stated" and good is None else (">=" if good != "lower" else "<=")
        return holds(x, op, bound) != negate
    if isinstance(cond, rt.Between):
        lo, hi = operand_number(ctx, cond.low), operand_number(ctx, cond.high)
        if cond.absolute:
            x = deviation(ctx, x)
        lo_ok = x > lo or (x == lo and (cond.low_closed is not False if lenient else cond.low_closed is True))
        hi_ok = x < hi or (x == hi and (cond.high_closed is not False if lenient else cond.high_closed is True))
        return lo_ok and hi_ok
    return False


def deviation(ctx: Ctx, x: Decimal) -> Decimal:
    t = need_number(ctx, "target")
    if t == 0:
        raise Unknown("zero-denominator", "年度指标值为 0，无法计算偏差率")
    dev = abs(x - t) / t * 100
    ctx.say(f"偏差率 = |{fmt(x)} − {fmt(t)}| ÷ {fmt(t)} = {fmt(dev)}%")
    return dev
