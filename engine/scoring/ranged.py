"""Rules whose bands give a range of points: 到位率在75%以上(10分到13分), 完成30%及以上(30-49),
一级:…(8—10分), 有专栏0.2-2分. The band is chosen as for any band rule; the score is then any
number in its range (the evaluator picks one), so the outcome is that range.

The rule is read twice, once with every range at its low end and once at its high end; when
both readings choose the same band, the range of that band is the outcome, and when they do
not (a rule where the band depends on the points), the outcome is unknown. A symbolic actual
(engine.lint) gets no numeric form: a range is not one score. Nothing here reads a band.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Callable

from engine.language import tree as rt
from engine.scoring.context import Ctx
from engine.scoring.numbers import fmt
from engine.scoring.outcome import Result, Unknown

__all__ = ["has_ranges", "score_ranged"]

Dispatch = Callable[[str, Ctx], Result]


def has_ranges(rule: rt.Rule) -> bool:
    return any(a.points is not None and a.points.is_range for a in rule.of(rt.Award))


def _at(rule: rt.Rule, end: str) -> rt.Rule:
    """The rule with every range of points at one end ("low" or "high")."""
    out: list[rt.Statement] = []
    for s in rule.statements:
        if isinstance(s, rt.Award) and s.points is not None and s.points.is_range:
            value = s.points.value if end == "low" else s.points.upto
            s = replace(s, points=replace(s.points, value=value, upto=None))
        out.append(s)
    return replace(rule, statements=tuple(out))


def _run(ctx: Ctx, rule: rt.Rule, kind: str, dispatch: Dispatch) -> tuple[Result, Ctx]:
    sub = Ctx(rule, ctx.target, ctx.actual, ctx.weight, ctx.partial, ctx.indicator, ctx.direction,
              clause=ctx.clause, printed=ctx.rule)
    return dispatch(kind, sub), sub


def _index(rule: rt.Rule, statement: rt.Statement | None) -> int | None:
    return next((i for i, s in enumerate(rule.statements) if s is statement), None)


def score_ranged(kind: str, ctx: Ctx, dispatch: Dispatch) -> Result:
    if ctx.symbolic:
        raise Unknown("rule-points-range", "各档给的是分数区间（如 10分到13分），没有唯一的数值形式")
    low_rule, high_rule = _at(ctx.rule, "low"), _at(ctx.rule, "high")
    (s_lo, lo, _), sub_lo = _run(ctx, low_rule, kind, dispatch)
    (s_hi, _, hi), sub_hi = _run(ctx, high_rule, kind, dispatch)
    ctx.trace.extend(sub_lo.trace)
    ctx.notes.extend(sub_lo.notes)
    ctx.alternatives.update(sub_lo.alternatives)
    ctx.convention = sub_lo.convention
    ctx.by, ctx.bands = _back(ctx.rule, low_rule, sub_lo.by), [a for a in (_back(ctx.rule, low_rule, b)
                                                                              for b in sub_lo.bands) if isinstance(a, rt.Award)]
    if _index(low_rule, sub_lo.by) != _index(high_rule, sub_hi.by):
        raise Unknown("rule-points-range", "分数区间的两端落在不同的档里，无法确定得分范围")
    chosen = _back(ctx.rule, low_rule, sub_lo.by)
    if isinstance(chosen, rt.Award) and chosen.points is not None and chosen.points.is_range:
        ctx.say(f"这一档给的是区间 {fmt(chosen.points.value)}–{fmt(chosen.points.upto)} 分：其中任何分数都符合规则")
    if lo == hi and s_lo == s_hi == "score":
        return "score", lo, hi
    low, high = min(lo, hi), max(lo, hi)
    return "range", Fraction(low), Fraction(high)


def _back(rule: rt.Rule, copy: rt.Rule, statement: rt.Statement | None) -> rt.Statement | None:
    """The statement of `rule` that `statement` of its copy stands for."""
    i = _index(copy, statement)
    return rule.statements[i] if i is not None else None
