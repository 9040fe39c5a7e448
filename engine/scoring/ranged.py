"""Rules whose bands give a range of points: 到位率在75%以上(10分到13分), 完成30%及以上(30-49),
一级:…(8—10分), 有专栏0.2-2分. The band is chosen as for any band rule; the score is then any
number in its range (the evaluator picks one), so the outcome is that range.

Steps whose points per step are a range (每处扣0.2-0.5分, 每次扣 2、1分) or are not printed
(每下降一个百分点扣分, 一次扣.分: any amount, up to the whole weight per step) are read the same
way: once with each step taking its most, once its least; the range between is the outcome.

The rule is read twice, once with every range at its low end and once at its high end; when
both readings choose the same band, the range of that band is the outcome, and when they do
not (a rule where the band depends on the points), the outcome is unknown. A symbolic actual
(engine.lint) gets no numeric form: a range is not one score. Nothing here reads a band.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from typing import Callable

from engine import lexicon
from engine.language import tree as rt
from engine.scoring.memo import per_rule
from engine.scoring.context import Ctx
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import Result, Unknown

__all__ = ["has_ranges", "score_ranged"]

Dispatch = Callable[[str, Ctx], Result]


@per_rule
def has_ranges(rule: rt.Rule) -> bool:
    return any(a.points is not None and a.points.is_range for a in rule.of(rt.Award))


@per_rule
def has_step_ranges(rule: rt.Rule) -> bool:
    """A step whose points are a range or not printed, or a deduction of a range (酌情扣1-3分)."""
    return any(s.upto is not None or s.unstated for s in rule.of(rt.Step)) \
        or any(d.upto is not None for d in rule.of(rt.Deduct))


def _step_at(step: rt.Step, end: str, weight: Fraction) -> rt.Step:
    """A step with its points at the end that gives the low (high) score: a deduction its most
    (least), a bonus its least (most); an amount not printed is anything from 0 to the weight."""
    least = step.points
    most = step.upto if step.upto is not None else Decimal(weight.numerator) / Decimal(weight.denominator) \
        if step.unstated else step.points
    takes_most = (end == "low") == (step.effect == "deduct")
    return replace(step, points=most if takes_most else least, upto=None, unstated=False)


def _at(rule: rt.Rule, end: str, weight: Fraction) -> rt.Rule:
    """The rule with every range of points at one end ("low" or "high")."""
    out: list[rt.Statement] = []
    for s in rule.statements:
        if isinstance(s, rt.Award) and s.points is not None and s.points.is_range:
            value = s.points.value if end == "low" else s.points.upto
            s = replace(s, points=replace(s.points, value=value, upto=None))
        elif isinstance(s, rt.Step) and (s.upto is not None or s.unstated):
            s = _step_at(s, end, weight)
        elif isinstance(s, rt.Deduct) and s.upto is not None:  # the low score deducts the most
            s = replace(s, points=s.upto if end == "low" else s.points, upto=None)
        out.append(s)
    return replace(rule, statements=tuple(out))


def _run(ctx: Ctx, rule: rt.Rule, kind: str, dispatch: Dispatch) -> tuple[Result, Ctx]:
    sub = Ctx(rule, ctx.target, ctx.actual, ctx.weight, ctx.partial, ctx.indicator, ctx.direction,
              clause=ctx.clause, printed=ctx.rule)
    return dispatch(kind, sub), sub


def _index(rule: rt.Rule, statement: rt.Statement | None) -> int | None:
    return next((i for i, s in enumerate(rule.statements) if s is statement), None)


def judged_range(ctx: Ctx) -> Result | None:
    """视完成情况得0.2-2分: a rule whose one scoring clause is a range of points for the evaluator's
    judgement (bands.toml judged) gives that range, whatever the actual (None: not such a rule)."""
    if ctx.symbolic:
        return None
    scoring = [s for s in ctx.rule.statements if isinstance(s, (rt.Award, rt.Step, rt.Deduct, rt.Proportional,
                                                               rt.Formula, rt.Discretionary, rt.ChecklistItem))]
    if len(scoring) != 1 or not isinstance(scoring[0], rt.Award):
        return None
    award = scoring[0]
    p, cond = award.points, award.condition
    if p is None or not p.is_range or p.value is None or p.upto is None:
        return None
    if cond is not None and not (isinstance(cond, rt.Condition)
                                 and cond.text.strip().startswith(lexicon.words("bands.judged"))):
        return None
    ctx.by = award
    low, high = sorted((F(p.value), F(p.upto)))
    ctx.say(f"「{cond.text if isinstance(cond, rt.Condition) else ''}」由评价人判断：得分在 {fmt(low)}–{fmt(high)} 分之间，"
            "其中任何分数都符合规则")
    return "range", low, high


def score_ranged(kind: str, ctx: Ctx, dispatch: Dispatch) -> Result:
    if ctx.symbolic:
        raise Unknown("rule-points-range", "各档给的是分数区间（如 10分到13分），没有唯一的数值形式")
    low_rule, high_rule = _at(ctx.rule, "low", ctx.weight), _at(ctx.rule, "high", ctx.weight)
    (s_lo, lo, _), sub_lo = _run(ctx, low_rule, kind, dispatch)
    (s_hi, _, hi), sub_hi = _run(ctx, high_rule, kind, dispatch)
    ctx.trace.extend(sub_lo.trace)
    ctx.notes.extend(sub_lo.notes)
    ctx.alternatives.update(sub_lo.alternatives)
    ctx.convention = sub_lo.convention
    ctx.by, ctx.bands = _back(ctx.rule, low_rule, sub_lo.by), [a for a in (_back(ctx.rule, low_rule, b)
                                                                              for b in sub_lo.bands) if isinstance(a, rt.Award)]
    _say_steps(ctx)
    if has_ranges(ctx.rule) and _index(low_rule, sub_lo.by) != _index(high_rule, sub_hi.by):
        raise Unknown("rule-points-range", "分数区间的两端落在不同的档里，无法确定得分范围")
    chosen = _back(ctx.rule, low_rule, sub_lo.by)
    if isinstance(chosen, rt.Award) and chosen.points is not None and chosen.points.is_range:
        ctx.say(f"这一档给的是区间 {fmt(chosen.points.value)}–{fmt(chosen.points.upto)} 分：其中任何分数都符合规则")
    if lo == hi and s_lo == s_hi == "score":
        return "score", lo, hi
    low, high = min(lo, hi), max(lo, hi)
    return "range", Fraction(low), Fraction(high)


def _say_steps(ctx: Ctx) -> None:
    """The trace's word on each step whose points are a range or not printed."""
    for s in ctx.rule.of(rt.Step):
        if s.unstated:
            ctx.note("step-points-unstated", f"「{pred_words(s)}」没有写每次扣（加）几分：按从 0 到全部分值计，得分给出范围")
        elif s.upto is not None:
            ctx.say(f"「{pred_words(s)}」每次扣（加）{fmt(s.points)}–{fmt(s.upto)} 分：按最少与最多两种计，得分给出范围")
    for d in ctx.rule.of(rt.Deduct):
        if d.upto is not None and d.points is not None:
            ctx.say(f"扣 {fmt(d.points)}–{fmt(d.upto)} 分：由评价人在其间酌定，按最少与最多两种计，得分给出范围")


def pred_words(step: rt.Step) -> str:
    """What a step counts, as written (每下降1百分点, 对同一问题…每1次)."""
    return f"{step.subject or ''}每{step.per or ''}{step.verb}{fmt(step.size.value)}{step.size.unit or ''}"


def _back(rule: rt.Rule, copy: rt.Rule, statement: rt.Statement | None) -> rt.Statement | None:
    """The statement of `rule` that `statement` of its copy stands for."""
    i = _index(copy, statement)
    return rule.statements[i] if i is not None else None
