"""Requirements per category, each with its own step (engine.language.categories):

    社区中心、乡镇≥12次,站、室≥6次,次数符合要求得12分;中心、乡镇少1次扣1分,站、室少1次扣2分。

The actual names its category (乡镇卫生院全年9次: 乡镇): that category's requirement and step
score it — the award's points (or the weight) when the requirement is met, less the step's
points for each whole step short of it (or beyond it). An actual that names no category, or
more than one equally, is scored under each: the range of them, each named (never a guess).
"""

from __future__ import annotations

import math
from fractions import Fraction

from engine import values as vals
from engine.language import tree as rt
from engine.language.categories import names
from engine.scoring.conditions import in_condition
from engine.scoring.context import Ctx, points_of
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import PARTIAL_STEP_NAMES, Result, Unknown

__all__ = ["applies", "by_category", "category_reason", "score_categories"]


def by_category(rule: rt.Rule) -> list[rt.Step]:
    """The steps of a rule scored per category: two or more, each with a category's requirement
    as threshold, and nothing else scored but one award (次数符合要求得12分)."""
    steps = rule.of(rt.Step)
    kinds = {s.threshold.subject if s.threshold is not None and s.subject else None for s in steps}
    if len(steps) < 2 or None in kinds or len(kinds) < 2:
        return []
    others = [s for s in rule.statements if not isinstance(s, (rt.Step, rt.Context, rt.FullMarks, rt.Floor,
                                                                rt.DeductionCap))]
    return steps if len(others) <= 1 and all(isinstance(s, rt.Award) for s in others) else []


def category_reason(rule: rt.Rule) -> str:
    """Why such a rule has no single numeric form (engine.lint.form)."""
    kinds = "、".join(f"「{s.threshold.subject}」" for s in by_category(rule) if s.threshold is not None)
    return f"按类别分别规定要求和扣分（{kinds}），由实际值写明的类别决定，没有单一的数值形式"


def applies(ctx: Ctx) -> bool:
    return not ctx.symbolic and not ctx.clause and bool(by_category(ctx.rule))


def _names(step: rt.Step) -> tuple[str, ...]:
    assert step.threshold is not None
    return tuple(dict.fromkeys(names(step.threshold.subject) + names(step.subject)))


def _chosen(text: str, steps: list[rt.Step]) -> list[rt.Step]:
    """The steps whose category the actual names, by the longest name found in it."""
    best, chosen = 0, []
    for s in steps:
        found = max((len(n) for n in _names(s) if n in text), default=0)
        if found > best:
            best, chosen = found, [s]
        elif found == best and found:
            chosen.append(s)
    return chosen


def _base(ctx: Ctx) -> Fraction:
    awards = ctx.rule.of(rt.Award)
    return points_of(ctx, awards[0]) if awards and awards[0].points is not None else ctx.weight


def _score_under(ctx: Ctx, step: rt.Step, x: Fraction) -> Fraction:
    """The score of the actual x under one category's requirement and step."""
    threshold = step.threshold
    assert threshold is not None
    base = _base(ctx)
    if in_condition(ctx, threshold, x, lenient=False):
        ctx.say(f"「{threshold.subject}」要求「{fmt(F(threshold.operand.value))}{threshold.operand.unit or ''}」"
                if isinstance(threshold.operand, rt.Quantity) else f"「{threshold.subject}」的要求")
        ctx.say(f"  实际 {fmt(x)} 满足要求：{fmt(base)} 分")
        return base
    assert isinstance(threshold.operand, rt.Quantity)
    bound = F(threshold.operand.value)
    gap = abs(bound - x)
    raw = gap / F(step.size.value)
    readings = {"floor": F(math.floor(raw)), "proportional": raw, "ceiling": F(math.ceil(raw))}
    whole = readings[ctx.partial]
    sign = -1 if step.effect == "deduct" else 1
    if whole != raw:
        ctx.note("partial-step", f"差 {fmt(gap)}{step.size.unit or ''} 不足整步：本结果{PARTIAL_STEP_NAMES[ctx.partial]}")
        for name, n in readings.items():
            if name != ctx.partial:
                ctx.alternatives[name] = base + sign * n * F(step.points)
    deducted = whole * F(step.points)
    ctx.say(f"「{threshold.subject}」要求 {fmt(bound)}{threshold.operand.unit or ''}，实际 {fmt(x)}：差 {fmt(gap)}"
            f" → {fmt(whole)} × {fmt(F(step.points))} = 扣 {fmt(deducted)} 分，{fmt(base)} − {fmt(deducted)}")
    return base + sign * deducted


def score_categories(ctx: Ctx) -> Result:
    steps = by_category(ctx.rule)
    actual = ctx.actual
    if not isinstance(actual, vals.Quantity):
        raise Unknown("value-unquantified", "按类别分别计分，实际完成值需要写明数值")
    units = {s.size.unit for s in steps}
    if actual.unit is not None and actual.unit not in units:
        raise Unknown("value-unquantified", f"实际完成值的单位「{actual.unit}」与各类别要求的单位不同")
    x = F(actual.number)
    chosen = _chosen(actual.text, steps)
    if len(chosen) == 1:
        step = chosen[0]
        assert step.threshold is not None
        ctx.say(f"实际完成值「{actual.text}」属于「{step.threshold.subject}」")
        ctx.decided(step)
        s = _score_under(ctx, step, x)
        return "score", s, s
    shown = chosen or steps
    scores: list[Fraction] = []
    for step in shown:
        assert step.threshold is not None
        s = _score_under(ctx, step, x)
        scores.append(s)
        ctx.alternatives[f"按「{step.threshold.subject}」"] = s
    ctx.note("category", f"实际完成值「{actual.text}」没有写明属于哪一类：" +
             "；".join(f"按「{st.threshold.subject}」得 {fmt(sc)} 分" for st, sc in zip(shown, scores) if st.threshold))
    return "range", min(scores), max(scores)
