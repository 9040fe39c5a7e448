"""The meaning of a rule: `evaluate(rule, target, actual, weight)` -> `Outcome`.

An outcome is an exact score (Fraction), an allowed range (a band of wording, a discretionary
rule, a checklist whose items the table cannot show), or "unknown" with the reason (a missing
or unquantified value, an unknown provincial target). It carries a step-by-step trace in
Chinese that quotes the rule and shows the arithmetic, and every judgement call it made
(`notes`, `convention`, `alternatives`): partial steps, direction, a rule whose full marks
differ from the weight, a qualitative actual. Nothing here reads files or reports.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Literal

from engine import values as vals
from engine.language import tree as rt
from engine.language.printer import to_text
from engine.scoring import anyof, categories, compound, either, groups, items, parts, ranged
from engine.scoring.bands import score_bands, score_interpolate, score_proportional
from engine.scoring.context import Ctx, describe_value, good_direction
from engine.scoring.deductions import numeric_deducts, on_a_delay, score_deductions
from engine.scoring.formula import score_formula
from engine.scoring.memo import per_rule
from engine.scoring.examples import reading_by_example
from engine.scoring.direction import _CONCENTRATION_UNITS, _LOWER_IS_BETTER, infer_direction
from engine.scoring.numbers import F, fmt, to_decimal
from engine.scoring.outcome import PARTIAL_STEP_NAMES, Note, Outcome, PartialStep, Unknown, UnknownCode
from engine.scoring.shape import explicit_above, full_marks, score_ceiling, shape
from engine.scoring.steps import score_steps
from engine.scoring.worded import score_worded

__all__ = ["PARTIAL_STEP_NAMES", "Note", "Outcome", "PartialStep", "UnknownCode", "evaluate", "fmt", "full_marks",
           "infer_direction", "name_reading", "shape", "to_decimal", "score_ceiling", "_CONCENTRATION_UNITS", "_LOWER_IS_BETTER"]


def evaluate(rule: rt.Rule, target: vals.Value | str | None, actual: vals.Value | str | None,
             weight: Decimal | int | str, *, partial: PartialStep = "floor",
             indicator: str | None = None, direction: str | None = None,
             canonical: str | None = None) -> Outcome:
    """Score `actual` against `target` under `rule` for an indicator of `weight`.

    `partial` is the reading of an incomplete step (default: whole steps only). `indicator`
    (its name) and `direction` ("higher"/"lower") help say which way is better. `canonical`
    is the rule's printed form when the caller already has it.
    """
    w = F(Decimal(str(weight)) if isinstance(weight, (str, float)) else weight)
    partial, by_example = reading_by_example(
        rule, w, partial, lambda r, value, reading: evaluate(r, target, value, weight, partial=reading,
                                                             indicator=indicator, direction=direction))
    ctx = Ctx(rule, _value(target), _value(actual), w, partial, indicator, direction)
    for n in by_example:
        ctx.note(n.code, n.message)
    kind = shape(rule)
    own_full = _open_trace(ctx, canonical if canonical is not None else to_text(rule))
    ceiling = score_ceiling(rule, w)
    read, _ = good_direction(ctx)  # the direction the scoring reads, for the report-level rules
    try:
        _unread_parts(ctx)
        status, low, high = dispatch(kind, ctx)
    except Unknown as exc:
        ctx.say("无法计算：" + exc.reason)
        alts = {k: bound(ctx, v, _ceiling_of(k, v, ceiling), quiet=True) for k, v in {**ctx.alternatives, **exc.alternatives}.items()}
        return Outcome(kind, "unknown", reason=exc.reason, reason_code=exc.code, full_marks=own_full,
                       convention=ctx.convention, alternatives=alts, trace=tuple(ctx.trace), notes=tuple(ctx.notes),
                       direction=read)
    low, high = bound(ctx, low, ceiling), bound(ctx, high, ceiling)
    alts = {k: bound(ctx, v, _ceiling_of(k, v, ceiling), quiet=True) for k, v in ctx.alternatives.items()}
    if status == "score" or low == high:  # a range the floor and the ceiling close to one score
        ctx.say(f"得分：{fmt(low)} 分")
        return Outcome(kind, "score", score=low, full_marks=own_full, convention=ctx.convention,
                       alternatives=alts, trace=tuple(ctx.trace), notes=tuple(ctx.notes), direction=read)
    ctx.say(f"允许的得分范围：{fmt(low)}–{fmt(high)} 分")
    return Outcome(kind, "range", low=low, high=high, full_marks=own_full, convention=ctx.convention,
                   alternatives=alts, trace=tuple(ctx.trace), notes=tuple(ctx.notes), direction=read)


def name_reading(rule: rt.Rule, indicator: str | None) -> object:
    """What `evaluate` reads of the indicator's name under `rule`: the direction its words say
    (`infer_direction`), and the whole name only for a rule of groups (the name may say which
    group the row is in). Two names with the same reading give the same outcome: the review
    evaluates a repeated row once (engine.review.indicators). A new use of the name in the
    evaluation must be added here."""
    return indicator if _grouped(rule) else vals.direction_by_name(indicator)


@per_rule
def _grouped(rule: rt.Rule) -> bool:
    return bool(groups.groups(rule))


def _value(v: vals.Value | str | None) -> vals.Value | None:
    return vals.parse_value(v) if isinstance(v, str) or v is None else v


def _open_trace(ctx: Ctx, canonical: str) -> Fraction | None:
    """The trace's first lines (the rule as printed and as read, the values); the rule's own full
    marks, with a note when they differ from the weight."""
    rule, w = ctx.rule, ctx.weight
    ctx.say(f"评分标准：「{rule.text or canonical}」")
    ctx.say(f"读作：{canonical}")
    ctx.say(f"年度指标值：{describe_value(ctx.target)}；实际完成值：{describe_value(ctx.actual)}；分值：{fmt(w)} 分")
    for s in rule.of(rt.Context):
        if s.requirement:  # 承包人林地总面积应大于10亩: a requirement with no points of its own
            ctx.note("requirement-unscored", f"评分标准写有要求「{s.text}」，没有写不满足时怎样计分：本结果按该要求已满足计；"
                                             "若不满足，评分标准没有写明得分，须由评价人判断")
    own_full = full_marks(rule, w)
    if own_full is not None and own_full != w and not explicit_above(rule, w):
        ctx.note("weight-mismatch", f"规则自身的满分是 {fmt(own_full)} 分，而分值是 {fmt(w)} 分：按规则计算，再以分值封顶")
    return own_full


def _unread_parts(ctx: Ctx) -> None:
    """A clause inside the rule that was not read makes the score unknown unless the read parts
    decide alone; an unread tail is ignored with a note."""
    inner = ctx.rule.inner_fragments
    if inner and not parts.applies(ctx):  # several clauses: the unread one is read as what it could take
        raise Unknown("rule-unread-part", "评分标准中有未能理解的部分（" + "、".join(f"「{f.text}」" for f in inner) + "），它可能改变得分")
    for f in ctx.rule.fragments:
        if f not in inner:  # an inner one is read by parts as what it could take, never ignored
            ctx.note("fragment", f"末尾的「{f.text}」未能理解，已忽略")


_UNCAPPED = frozenset({"bonus-above-weight"})
"""Readings that are about the ceiling itself: a bonus past the weight is kept."""


def _ceiling_of(reading: str, value: Fraction, ceiling: Fraction) -> Fraction:
    return max(value, ceiling) if reading in _UNCAPPED else ceiling


def bound(ctx: Ctx, value: Fraction, ceiling: Fraction, quiet: bool = False) -> Fraction:
    # 可扣至负分 lets any score go below 0; 倒扣10分 only the score of its own condition
    if value < 0 and (ctx.rule.of(rt.NoFloor) or ctx.below_zero):
        if not quiet:
            ctx.say(f"得分 {fmt(value)} 分低于 0：评分标准允许（倒扣 / 可扣至负分）")
        return value
    if value < 0:
        if not quiet:
            ctx.say(f"得分不低于 0：{fmt(value)} → 0")
        return F(0)
    if value > ceiling:
        if not quiet:
            ctx.say(f"得分不超过 {fmt(ceiling)} 分（分值上限）：{fmt(value)} → {fmt(ceiling)}")
        return ceiling
    return value


Route = Literal["none", "checklist", "interpolate", "formula", "steps", "proportional", "bands", "deductions",
                "worded", "discretionary"]


def route(kind: str, rule: rt.Rule) -> Route:
    """Which reading scores the rule: the one order of precedence, shared by the evaluator and
    the symbolic form (which has a numeric form for interpolate, steps, proportional, bands)."""
    if kind == "none":
        return "none"
    if rule.of(rt.ChecklistItem):
        return "checklist"
    if kind == "interpolate":
        return "interpolate"
    if rule.of(rt.Formula):
        return "formula"
    if rule.of(rt.Step):
        return "steps"
    if rule.of(rt.Proportional):
        return "proportional"
    awards = rule.of(rt.Award)
    if any(isinstance(x.condition, (rt.Compare, rt.Between)) for x in awards):
        return "bands"
    if numeric_deducts(rule):
        return "deductions"
    if awards or rule.of(rt.Deduct):
        return "worded"
    if rule.of(rt.Discretionary):
        return "discretionary"
    return "none"


def dispatch(kind: str, ctx: Ctx) -> tuple[str, Fraction, Fraction]:
    """The score before the floor of 0 and the ceiling: ("score", s, s) or ("range", low, high)."""
    rule = ctx.rule
    if groups.applies(ctx):  # 山区…:…得10分。其它地区:…: the row's group, or each group
        return groups.score_groups(ctx, dispatch)
    if either.applies(rule):  # ≥30人(或10人): scored both ways
        return either.score_either(ctx, kind, dispatch)
    if anyof.applies(rule):  # 完成率达到95%或提前完成: scored with the side the actual decides
        return anyof.score_any_of(ctx, kind, dispatch)
    if items.applies(ctx):  # 12分×2项 with 口蹄疫97%,禽流感100%: each item out of its points
        return items.score_items(ctx, kind, dispatch)
    judged = ranged.judged_range(ctx)  # 视完成情况得0.2-2分: the range, whatever the actual
    if judged is not None:
        return judged
    if ranged.has_step_ranges(rule):  # 每处扣0.2-0.5分, 每下降一个百分点扣分: the steps' least and most
        return ranged.score_ranged(kind, ctx, dispatch)
    if categories.applies(ctx):  # 乡镇≥12次,站、室≥6次 … 站、室少1次扣2分: the actual's category decides
        return categories.score_categories(ctx)
    if compound.applies(ctx):  # 完成率80-99%,培训资料全面 | 3 | …: bands of several requirements each
        return compound.score_compound(ctx)
    delayed = on_a_delay(ctx)  # 延期1-3个月扣2分 with a date: the delay, never the date, is banded
    if delayed is not None:
        return delayed
    unstated = parts.unstated_items(ctx)  # items that add up, with no actual: 0 to their sum
    if unstated is not None:
        return unstated
    if parts.applies(ctx):  # several clauses, read against an actual in words
        return parts.score_parts(ctx, dispatch)
    if ranged.has_ranges(rule):  # 到位率在75%以上(10分到13分): the band's range of points
        return ranged.score_ranged(kind, ctx, dispatch)
    way = route(kind, rule)
    if way == "checklist":
        total = sum((F(i.points) for i in rule.of(rt.ChecklistItem)), F(0))
        ctx.say(f"清单共 {len(rule.of(rt.ChecklistItem))} 项，合计 {fmt(total)} 分；每项是否做到，表中无法看出")
        return "range", F(0), total
    if way == "discretionary":
        ctx.say(f"「{rule.of(rt.Discretionary)[0].word}」：由评价人酌情打分，0 到分值之间的任何分数都符合规则")
        return "range", F(0), ctx.weight
    if way == "none":
        raise Unknown("rule-unscoreable", "评分标准里没有可计算的计分规定")
    return _SHAPES[way](ctx)


_SHAPES = {"interpolate": score_interpolate, "formula": score_formula, "steps": score_steps,
           "proportional": score_proportional, "bands": score_bands, "deductions": score_deductions,
           "worded": score_worded}
