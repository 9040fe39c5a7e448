"""Rows of several items of equal points: 重大动物疫病免疫密度(12分×2项,即口蹄疫和禽流感)……每低一个
百分点扣2分 with the actual 口蹄疫97%,禽流感100%.

When the actual gives one result per item (as many as the rule counts), each item is scored by
the rest of the rule out of its own points, floored at 0 and capped at its points, and the row
is their sum. Whether a deduction may run past one item's points into the others' (the whole
row floored once) is a judgement call: that reading is given when it scores differently. An
actual with one number is scored for the whole row, and each item at that number out of its
own points is given as the other reading.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from engine import values as vals
from engine.language import tree as rt
from engine.scoring.context import Ctx
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import Result, Unknown
from engine.values.meaning import items

__all__ = ["applies", "score_items"]

Dispatch = Callable[[str, Ctx], Result]


def _per_item(ctx: Ctx) -> tuple[rt.PerItem, list[tuple[str, vals.Quantity]]] | None:
    """The rule's 12分×2项 and the actual's results, one per item; None unless both are there."""
    found = ctx.rule.of(rt.PerItem)
    if not found or ctx.symbolic or not isinstance(ctx.actual, vals.Unquantified):
        return None
    per: rt.PerItem = found[0]
    parts = items(ctx.actual.text)
    values = [(p, vals.parse_value(p)) for p in parts]
    if len(values) < 2 or F(len(values)) != F(per.count.value):
        return None
    if not all(isinstance(v, vals.Quantity) for _, v in values):
        return None
    return per, [(p, v) for p, v in values if isinstance(v, vals.Quantity)]


def applies(ctx: Ctx) -> bool:
    return _per_item(ctx) is not None or _one_for_all(ctx) is not None


def _one_for_all(ctx: Ctx) -> rt.PerItem | None:
    """12分×2项 with one number for the row (97%): the rule's 12分×2项, else None."""
    found = ctx.rule.of(rt.PerItem)
    if not found or ctx.symbolic or ctx.probing or not isinstance(ctx.actual, vals.Quantity):
        return None
    per: rt.PerItem = found[0]
    if ctx.actual.unit is not None and ctx.actual.unit == per.count.unit:
        return None  # 签订3项 against 2分×4项: the actual counts the items themselves
    return per


def _whole_and_each(ctx: Ctx, per: rt.PerItem, kind: str, dispatch: Dispatch) -> Result:
    """One number for a row of items: scored for the whole row (the reading used), and, as the
    other reading, each item at that number out of its own points."""
    whole = Ctx(ctx.rule, ctx.target, ctx.actual, ctx.weight, ctx.partial, ctx.indicator, ctx.direction, probing=True)
    result = dispatch(kind, whole)
    ctx.trace.extend(whole.trace)
    ctx.notes.extend(whole.notes)
    ctx.alternatives.update(whole.alternatives)
    ctx.by, ctx.convention = whole.by, whole.convention
    points, n = F(per.points), F(per.count.value)
    item = Ctx(ctx.rule, ctx.target, ctx.actual, points, ctx.partial, ctx.indicator, ctx.direction, probing=True)
    try:
        status, lo, _ = dispatch(kind, item)
    except Unknown:
        return result
    each = _bounded(ctx, lo, points) * n
    if status == "score" and result[0] == "score" and each != max(result[1], F(0)):
        ctx.alternatives["per-item-each"] = each
        ctx.note("per-item", f"评分标准按 {fmt(n)} 项、每项 {fmt(points)} 分计，实际完成值只给出一个数值：本结果按整行计算；"
                             f"若每项都是这个数值、逐项计分，得 {fmt(each)} 分")
    return result


def score_items(ctx: Ctx, kind: str, dispatch: Dispatch) -> Result:
    found = _per_item(ctx)
    if found is None:
        one = _one_for_all(ctx)
        assert one is not None  # applies(ctx) was asked first
        return _whole_and_each(ctx, one, kind, dispatch)
    per, results = found
    points = F(per.points)
    ctx.say(f"评分标准按 {len(results)} 项、每项 {fmt(points)} 分计；实际完成值逐项给出结果，逐项计分")
    low = high = raw_total = F(0)
    for text, value in results:
        item = Ctx(ctx.rule, ctx.target, value, points, ctx.partial, ctx.indicator, ctx.direction)
        status, lo, hi = dispatch(kind, item)
        ctx.say(f"「{text}」（{fmt(points)} 分）：")
        ctx.trace.extend("  " + line for line in item.trace)
        ctx.notes.extend(n for n in item.notes if n not in ctx.notes)
        raw_total += lo
        lo, hi = _bounded(ctx, lo, points), _bounded(ctx, hi, points)
        ctx.say(f"  该项得 {fmt(lo)} 分" if status == "score" else f"  该项 {fmt(lo)}–{fmt(hi)} 分")
        low, high = low + lo, high + hi
    ctx.say(f"各项合计：{fmt(low)} 分" if low == high else f"各项合计：{fmt(low)}–{fmt(high)} 分")
    if low == high:
        _whole_row(ctx, raw_total + ctx.weight - points * len(results), low)
    return ("score" if low == high else "range"), low, high


def _bounded(ctx: Ctx, value: Fraction, points: Fraction) -> Fraction:
    """One item's score within 0 and its points (below 0 only where the rule allows it)."""
    if value < 0 and not ctx.rule.of(rt.NoFloor):
        return F(0)
    return min(value, points)


def _whole_row(ctx: Ctx, whole: Fraction, by_items: Fraction) -> None:
    """The reading that floors the row once: a deduction past one item's points counts."""
    whole = max(whole, F(0)) if not ctx.rule.of(rt.NoFloor) else whole
    if whole != by_items:
        ctx.alternatives["per-item-whole-row"] = whole
        ctx.note("per-item", f"按每项 {fmt(by_items)} 分合计（每项扣完为止）；若扣分不限于一项、整行扣完为止，"
                             f"得 {fmt(whole)} 分")
