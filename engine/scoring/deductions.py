"""Deduction bands: 低于60%扣2分，低于50%扣4分 / 比下达任务低5%以内(含5%)的扣2分，低5%-10%的扣4分，
低超过10%的扣6分. The score is the weight less the deduction of the band the actual is in.

An actual in no band loses nothing only when it lies beyond every band on the same side (70%
against 低于60%; a shortfall band never holds an actual that meets its target); one that falls in
a hole between bands is unknown. An actual in two bands takes the nested one (低于50% inside 低于
60%) or, on an edge two bands share, the band whose bounds print it (5%以内(含5%)); where the
print leaves the edge open the band that starts there is used and the other is given. A % band
of a % target (比目标低5% with 目标 95%) is read as a share of the target; the percentage-point
reading is given when it scores differently.
"""

from __future__ import annotations

from fractions import Fraction
from typing import cast

from engine import values as vals
from engine.language import tree as rt
from engine.language.printer import predicate as pred_text
from engine.values.dates import Date
from engine.scoring.bands import delay_in_band_unit, score_bands
from engine.scoring.conditions import Edges, against_measure, edges, in_condition
from engine.scoring.context import Ctx, actual_for, good_direction
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import Result, Unknown
from engine.scoring.worded import score_worded

__all__ = ["numeric_deducts", "on_a_delay", "score_deductions"]

_SYMBOLS = ("≤", "≥", "<", ">", "<=", ">=")


def numeric_deducts(rule: rt.Rule) -> list[rt.Deduct]:
    """The deductions whose condition is a number or a band (not words)."""
    return [d for d in rule.of(rt.Deduct) if isinstance(d.condition, (rt.Compare, rt.Between))]


def on_a_delay(ctx: Ctx) -> Result | None:
    """延期1个月以内扣1分，延期1-3个月扣2分 with a date actual against a deadline target
    (2024年10月底前 → 2024年12月20日): the bands count the delay in their unit, never the date
    (engine.scoring.bands.delay_in_band_unit), and less delay is better whatever the indicator is
    called; done on time, nothing is deducted, or the worded award (按时完成得满分) gives the
    score. None: not such a rule or actual."""
    if ctx.symbolic or not isinstance(ctx.actual, Date):  # the cheap test first: this runs for every row
        return None
    rule = ctx.rule
    deducts = numeric_deducts(rule)
    if not deducts or rule.of(rt.Step):
        return None
    awards = rule.of(rt.Award)
    numeric = [a for a in awards if isinstance(a.condition, (rt.Compare, rt.Between))]
    done = delay_in_band_unit(ctx, awards, [*numeric, *deducts], on_time=None if numeric else ctx.weight)
    if done is not None or isinstance(ctx.actual, Date):
        return done  # on time, or not a delay in the bands' unit
    ctx.direction = "lower"
    late = F(cast(vals.Quantity, ctx.actual).number)
    if numeric and not any(in_condition(ctx, d.condition, late) for d in deducts):
        return score_bands(ctx)  # 延期3个月以上不得分: a band of points holds, or none does
    return score_deductions(ctx)  # a deduction band holds (from the weight), or there is none


def score_deductions(ctx: Ctx) -> Result:
    deducts = numeric_deducts(ctx.rule)
    if isinstance(ctx.actual, (vals.Qualitative, vals.Unquantified)):  # 未达到目标: read by its words, as before
        return score_worded(ctx)
    first = cast(rt.Compare | rt.Between, deducts[0].condition)
    x = actual_for(ctx, first.operand if isinstance(first, rt.Compare) else None)
    result = _deducted(ctx, deducts, x)
    if not ctx.symbolic and _points_reading_applies(ctx, deducts):
        _points_reading(ctx, deducts, x, result)
    return result


def _deducted(ctx: Ctx, deducts: list[rt.Deduct], x: Fraction) -> Result:
    hits = [d for d in deducts if in_condition(ctx, d.condition, x)]
    if len(hits) > 1:
        hits = [_one_of(ctx, hits, x)]
    if not hits:
        return _in_no_band(ctx, deducts, x)
    chosen = hits[0]
    ctx.decided(chosen)
    words = pred_text(cast(rt.Predicate, chosen.condition))
    if chosen.points is None:
        ctx.say(f"落在「{words}」这一档，但没有写扣几分：0–{fmt(ctx.weight)} 分")
        return "range", F(0), ctx.weight
    if chosen.below_zero:
        ctx.below_zero = True
    score = ctx.weight - F(chosen.points)
    ctx.say(f"落在「{words}」这一档：{fmt(ctx.weight)} − {fmt(chosen.points)} = {fmt(score)} 分")
    return "score", score, score


def _band(ctx: Ctx, d: rt.Deduct) -> Edges:
    band = edges(ctx, d.condition)
    assert band is not None  # a numeric condition always has edges
    return band


def _one_of(ctx: Ctx, hits: list[rt.Deduct], x: Fraction) -> rt.Deduct:
    """Of two bands that hold: the nested one, else the one whose printed bounds hold x, else the
    one that starts at x (the others given as readings)."""
    if _nested(hits):
        ctx.say("实际值同时落在几档里（一档套着一档）：取扣分最多、范围最窄的一档")
        return max(hits, key=lambda d: F(d.points or 0))
    strict = [d for d in hits if in_condition(ctx, d.condition, x, lenient=False)]
    if len(strict) == 1 and _printed_closed(strict[0]):
        return strict[0]
    starts = [d for d in hits if _band(ctx, d).low is not None and _band(ctx, d).low_closed is None]
    chosen = (strict or starts or hits)[0]
    _other_bands(ctx, hits, chosen)
    return chosen


def _nested(hits: list[rt.Deduct]) -> bool:
    """低于60% and 低于50%: thresholds all on one side, one inside the other."""
    ops = {d.condition.op for d in hits if isinstance(d.condition, rt.Compare)}
    return all(isinstance(d.condition, rt.Compare) for d in hits) and (ops <= {"<", "<="} or ops <= {">", ">="})


def _other_bands(ctx: Ctx, hits: list[rt.Deduct], chosen: rt.Deduct) -> None:
    """The scores of the other bands x is on the edge of, as readings, and the note."""
    others = [d for d in hits if d is not chosen]
    for d in others:
        if d.points is not None:
            ctx.alternatives[f"band:{pred_text(cast(rt.Predicate, d.condition))}"] = ctx.weight - F(d.points)
    named = "、".join(f"「{pred_text(cast(rt.Predicate, d.condition))}」" for d in others)
    ctx.note("boundary", f"实际值正好在两档的边界上，评分标准没有写明归哪一档：按「{pred_text(cast(rt.Predicate, chosen.condition))}」"
                         f"计；归入{named}则按该档扣分")


def _printed_closed(d: rt.Deduct) -> bool:
    """Does the band print that its edge belongs to it: (含), (含5%), ≤?"""
    c = d.condition
    if isinstance(c, rt.Compare):
        return c.word is not None and ("含" in c.word or c.word in _SYMBOLS)
    return isinstance(c, rt.Between) and (c.low_closed is not None or c.high_closed is not None)


def _measure(ctx: Ctx, d: rt.Deduct, x: Fraction) -> Fraction:
    cond = cast(rt.Compare | rt.Between, d.condition)
    return against_measure(ctx, cond, x) if cond.against is not None else x


def _in_no_band(ctx: Ctx, deducts: list[rt.Deduct], x: Fraction) -> Result:
    """In no band: nothing deducted if x is beyond every band on one side, else unknown."""
    bands = [(_band(ctx, d), _measure(ctx, d, x), d) for d in deducts]
    if all(d.condition is not None and getattr(d.condition, "against", None) is not None for _, _, d in bands) \
            and all(m <= 0 for _, m, _ in bands):
        ctx.say(f"实际值 {fmt(x)} 达到年度指标值，不在任何扣分档内：不扣分")
        return "score", ctx.weight, ctx.weight
    above = all(b.high is not None and m >= b.high for b, m, _ in bands)
    below = all(b.low is not None and m <= b.low for b, m, _ in bands)
    direction, _ = good_direction(ctx)
    if (above and direction == "lower") or (below and direction == "higher"):  # 延期1个月以内扣1分 with 2个月
        raise Unknown("beyond-bands", f"实际值 {fmt(x)} 在各扣分档之外、比每一档都差：评分标准没有写明此时扣几分")
    if above or below:
        ctx.say(f"实际值 {fmt(x)} 不在任何扣分档内（在各档之{'上' if above else '下'}）：不扣分")
        return "score", ctx.weight, ctx.weight
    raise Unknown("outside-bands", f"实际值 {fmt(x)} 落在评分标准各扣分档之间的空隙里，评分标准没有写明扣几分")


def _points_reading_applies(ctx: Ctx, deducts: list[rt.Deduct]) -> bool:
    """A % band against the target, and the target itself a percentage: 5% may be 5 points."""
    t = ctx.target
    return isinstance(t, vals.Quantity) and t.unit == "%" and any(
        getattr(d.condition, "against", None) is not None for d in deducts)


def _points_reading(ctx: Ctx, deducts: list[rt.Deduct], x: Fraction, result: Result) -> None:
    """The same bands read in percentage points of the target; given when it scores differently."""
    probe = Ctx(ctx.rule, ctx.target, ctx.actual, ctx.weight, ctx.partial, ctx.indicator, ctx.direction,
                against_points=True)
    try:
        other = _deducted(probe, deducts, x)
    except Unknown:
        return
    if other[1] != result[1] or other[2] != result[2]:
        ctx.alternatives["against-points"] = other[1]
        ctx.note("against-points", f"年度指标值是百分比，“低 N%”按占年度指标值的比例计；若按百分点计，得 {fmt(other[1])} 分")
