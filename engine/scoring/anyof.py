"""Rules whose condition is conditions joined by 或 / 或者 (engine.language.tree.AnyOf):
完成率达到95%或提前完成的得5分, 新增一家或评为示范个体1家以上,得0.5分, 发生事故或者被通报批评的不得分.

The condition holds when any one side does. Each side is asked of the actual on its own: a
comparison of a numeric actual holds or fails; a side in words holds when the actual's words
say it, and is otherwise not reported (the actual cannot say it failed). Then:
- a side holds: the rule is scored with that side as the condition, and the trace says which;
- every side fails: the rule is scored with the first (all give the condition failing);
- a side fails and another is not reported: the score is the range between the condition
  failing and holding, both given as readings, never the one that assumes the unreported side;
- no side is decided: unknown, with each side's reading.
A symbolic actual (engine.lint) gets no numeric form: the rule is one rule per side.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction

from engine import values as vals
from engine.language import tree as rt
from engine.scoring.memo import per_rule
from engine.language.printer import predicate as pred_text
from engine.scoring.conditions import in_condition
from engine.scoring.context import Ctx, need_number, points_of
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import Result, Unknown
from engine.scoring.shape import shape
from engine.values.meaning import Meaning, meaning, opposite, same_claim

__all__ = ["applies", "score_any_of"]

Dispatch = Callable[[str, Ctx], Result]
Side = rt.Compare | rt.Between | rt.Condition


def _joined(rule: rt.Rule) -> list[rt.Award | rt.Deduct]:
    return [s for s in rule.statements if isinstance(s, (rt.Award, rt.Deduct)) and isinstance(s.condition, rt.AnyOf)]


@per_rule
def applies(rule: rt.Rule) -> bool:
    return bool(_joined(rule))


def _with_side(rule: rt.Rule, joined: rt.Award | rt.Deduct, side: Side) -> rt.Rule:
    statements = tuple(replace(s, condition=side) if s is joined else s for s in rule.statements)
    return replace(rule, statements=statements)


def _sub(ctx: Ctx, rule: rt.Rule) -> Ctx:
    return Ctx(rule, ctx.target, ctx.actual, ctx.weight, ctx.partial, ctx.indicator, ctx.direction, clause=ctx.clause)


def _unit(side: rt.Compare | rt.Between) -> str | None:
    operands = (side.operand,) if isinstance(side, rt.Compare) else (side.low, side.high)
    return next((o.unit for o in operands if isinstance(o, rt.Quantity) and o.unit), None)


def _speaks_of(actual: vals.Value, side: rt.Compare | rt.Between, sides: tuple[Side, ...]) -> bool:
    """Is a numeric actual a value of this comparison? Not when its unit is another; when
    several sides compare in the same unit (支出率≥90%或结余率≤5%), only when its words name this side's subject
    (新增1家 names 农业经营主体新增, not 评为示范个体): a bare 85% says nothing of the other."""
    unit = getattr(actual, "unit", None)
    if unit and _unit(side) and unit != _unit(side):
        return False
    compares = [s for s in sides if not isinstance(s, rt.Condition)]
    if len(compares) == 1 or (unit and _unit(side) == unit and [_unit(s) for s in compares].count(unit) == 1):
        return True  # the one comparison, or the one in the actual's unit (12次: 培训场次达到10次)
    return _names(actual, side.subject or "")


def _names(actual: vals.Value, subject: str) -> bool:
    """Do the actual's words (less its number and unit) name the subject, or the subject them?"""
    unit = getattr(actual, "unit", None)
    words = _NOT_WORDS.sub("", getattr(actual, "text", "") or "")
    if unit:
        words = words.replace(unit, "")
    return bool(words and subject) and (words in subject or subject in words)


_NOT_WORDS = re.compile(r"[0-9.%\s:，,;。()≥≤<>=]+")


def _says(said: Meaning, side: Meaning) -> bool | None:
    """Do the actual's words say the side (已提前完成, 被投诉1次 say 提前完成 / 被投诉), deny it (按期完成
    denies 未按期完成), or neither? Only the side's whole claim counts: 完成 says no 提前完成, a
    bare 是 / 有 answers no one side of several."""
    for claim, answer in ((said, True), (opposite(said), False)):
        closeness = same_claim(claim, side)
        if closeness in ("same-words", "same-claim") or (closeness == "contains" and side.content in claim.content):
            return answer
    return None


def _side_holds(ctx: Ctx, side: Side, sides: tuple[Side, ...]) -> bool | None:
    """True / False when the actual decides the side; None when it does not speak of it."""
    actual = ctx.actual
    if isinstance(side, rt.Condition):
        text = getattr(actual, "text", "") if actual is not None else ""
        return _says(meaning(text), meaning(side.text)) if text else None
    if actual is None or isinstance(actual, (vals.Qualitative, vals.Unquantified)) or not _speaks_of(actual, side, sides):
        return None
    try:
        return in_condition(ctx, side, need_number(ctx, "actual"))
    except Unknown:
        return None


def _held(ctx: Ctx, joined: rt.Award | rt.Deduct) -> Fraction:
    """The score when the joined condition holds: the award's points, or the weight less the deduction."""
    if isinstance(joined, rt.Award):
        return points_of(ctx, joined)
    if joined.points is None:
        raise Unknown("rule-any-of", "“或”连接的条件成立时扣分数未写明，无法计算")
    return F(ctx.weight) - F(joined.points)


def _reading(ctx: Ctx, rule: rt.Rule, dispatch: Dispatch) -> tuple[Result, Ctx]:
    sub = _sub(ctx, rule)
    result = dispatch(shape(rule), sub)
    return result, sub


def _adopt(ctx: Ctx, sub: Ctx, result: Result) -> Result:
    ctx.trace.extend(sub.trace)
    ctx.notes.extend(sub.notes)
    ctx.alternatives.update(sub.alternatives)
    ctx.by = sub.by
    return result


def score_any_of(ctx: Ctx, kind: str, dispatch: Dispatch) -> Result:
    del kind  # each side's rule has its own shape
    if ctx.symbolic:
        raise Unknown("rule-any-of", "评分标准的条件用“或”连接了几个条件，没有唯一的数值形式")
    joined = _joined(ctx.rule)[0]
    assert isinstance(joined.condition, rt.AnyOf)
    sides = joined.condition.sides
    verdicts = [_side_holds(_sub(ctx, _with_side(ctx.rule, joined, s)), s, sides) for s in sides]
    written = "」或「".join(pred_text(s) for s in sides)
    for side, verdict in zip(sides, verdicts):
        if verdict:
            result, sub = _reading(ctx, _with_side(ctx.rule, joined, side), dispatch)
            ctx.say(f"条件「{written}」：实际完成值满足其中的「{pred_text(side)}」，条件成立（满足其一即可）")
            return _adopt(ctx, sub, result)
    failed = [s for s, v in zip(sides, verdicts) if v is False]
    if not failed:
        raise Unknown("rule-any-of", f"条件「{written}」：实际完成值没有说明其中任何一个是否成立，无法计算")
    result, sub = _reading(ctx, _with_side(ctx.rule, joined, failed[0]), dispatch)
    if len(failed) == len(sides):
        ctx.say(f"条件「{written}」：实际完成值不满足其中任何一个，条件不成立")
        return _adopt(ctx, sub, result)
    unreported = "」「".join(pred_text(s) for s, v in zip(sides, verdicts) if v is None)
    held = _held(ctx, joined)
    _, low, high = _adopt(ctx, sub, result)
    ctx.alternatives.update({"any-of:failed": low, "any-of:held": held})
    ctx.note("any-of-unreported", f"条件「{written}」：实际完成值不满足「{pred_text(failed[0])}」，但没有说明「{unreported}」"
                                  f"是否成立：不成立得 {fmt(low)} 分，成立得 {fmt(held)} 分，给出两者之间的范围")
    return "range", min(low, held), max(high, held)
