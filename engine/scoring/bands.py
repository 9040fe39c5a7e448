"""Band rules (≥90%得5分；80%-90%得4分 …), interpolation between two bands, and proportional
rules (按完成比例计算得分, 年度指标值/全年实际值*分值)."""

from __future__ import annotations

from fractions import Fraction

from engine import values as vals
from engine.language import tree as rt
from engine.language.printer import predicate as pred_text
from engine.scoring.conditions import in_condition
from engine.scoring.context import Ctx, actual_for, need_number, operand_number, points_of
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import Unknown
from engine.scoring.worded import match_words, score_worded


def score_bands(ctx: Ctx) -> tuple[str, Fraction, Fraction]:
    awards = [a for a in ctx.rule.of(rt.Award)]
    if any(a.points is None for a in awards):
        raise Unknown("band-points-unwritten", "各档的分值没有印在评分标准里")
    numeric = [a for a in awards if isinstance(a.condition, (rt.Compare, rt.Between))]
    if isinstance(ctx.actual, (vals.Qualitative, vals.Unquantified)) and (
            len(numeric) == 1 or match_words(ctx, awards) is not None or
            any(isinstance(x.condition, rt.Condition) for x in awards)):
        return score_worded(ctx)
    others = [a for a in awards if isinstance(a.condition, rt.Otherwise)]
    ctx.bands = numeric + others
    x = actual_for(ctx, numeric[0].condition.operand if isinstance(numeric[0].condition, rt.Compare) else None)
    hits = [a for a in numeric if in_condition(ctx, a.condition, x)]
    if len(hits) > 1:
        strict = [a for a in hits if in_condition(ctx, a.condition, x, lenient=False)]
        if len(strict) == 1:
            hits = strict
        else:
            pts = [points_of(ctx, a) for a in hits]
            ctx.convention = "boundary-lower-band-start"
            chosen = next((a for a in hits if isinstance(a.condition, rt.Between) and operand_number(ctx, a.condition.low) == x), hits[0])
            for a in hits:
                if a is not chosen:
                    ctx.alternatives[f"band:{pred_text(a.condition)}"] = points_of(ctx, a)
            ctx.note("boundary", f"实际值 {fmt(x)} 正好在两档的边界上，评分标准没有写明归哪一档："
                                 f"按“下限含、上限不含”归入「{pred_text(chosen.condition)}」；另一档得 "
                                 + "、".join(fmt(p) for p in pts if p != points_of(ctx, chosen)) + " 分")
            hits = [chosen]
    if not hits:
        if others:
            ctx.decided(others[0])
            pts = points_of(ctx, others[0])
            ctx.say(f"实际值 {fmt(x)} 不满足以上各档，按“否则”：{fmt(pts)} 分")
            return "score", pts, pts
        if len(numeric) == 1:
            ctx.decided(numeric[0])
            pts = points_of(ctx, numeric[0])
            ctx.say(f"实际值 {fmt(x)} 未达到「{pred_text(numeric[0].condition)}」；评分标准没有规定未达到时得几分")
            return "range", F(0), pts
        raise Unknown("outside-bands", f"实际值 {fmt(x)} 不在评分标准的任何一档内")
    a = hits[0]
    ctx.decided(a)
    pts = points_of(ctx, a)
    ctx.say(f"实际值 {fmt(x)} 落在「{pred_text(a.condition)}」这一档：{fmt(pts)} 分")
    return "score", pts, pts


def score_interpolate(ctx: Ctx) -> tuple[str, Fraction, Fraction]:
    x = actual_for(ctx, None)
    prop = next(p for p in ctx.rule.of(rt.Proportional) if isinstance(p.scope, rt.Between))
    lo, hi = operand_number(ctx, prop.scope.low), operand_number(ctx, prop.scope.high)
    awards = [a for a in ctx.rule.of(rt.Award) if a.points is not None and isinstance(a.condition, (rt.Compare, rt.Between))]
    ctx.bands = awards
    for a in awards:
        if in_condition(ctx, a.condition, x) and not (lo < x < hi):
            ctx.decided(a)
            pts = points_of(ctx, a)
            ctx.say(f"实际值 {fmt(x)} 满足「{pred_text(a.condition)}」：{fmt(pts)} 分")
            return "score", pts, pts
    if not lo <= x <= hi:
        raise Unknown("outside-bands", f"实际值 {fmt(x)} 不在任何一档内")
    below = [a for a in awards if in_condition(ctx, a.condition, lo - 1)]
    above = [a for a in awards if in_condition(ctx, a.condition, hi + 1)]
    if not below or not above:
        raise Unknown("band-points-unwritten", "按比例的区间两端得分没有写明")
    p_lo, p_hi = points_of(ctx, below[0]), points_of(ctx, above[0])
    ctx.decided(prop)
    score = p_lo + (p_hi - p_lo) * (x - lo) / (hi - lo)
    ctx.say(f"在 {fmt(lo)}–{fmt(hi)} 之间按比例：{fmt(p_lo)} + ({fmt(p_hi)} − {fmt(p_lo)}) × ({fmt(x)} − {fmt(lo)}) ÷ ({fmt(hi)} − {fmt(lo)}) = {fmt(score)} 分")
    return "score", score, score


def score_proportional(ctx: Ctx) -> tuple[str, Fraction, Fraction]:
    prop = ctx.rule.of(rt.Proportional)[0]
    if isinstance(prop.scope, rt.Condition) and prop.effect == "score" and not ctx.rule.of(rt.Award):
        raise Unknown("rule-unscoreable", f"按比例计分的范围「{prop.scope.text}」指向评分标准以外的内容（如表中其他各档），无法单独计算")
    ctx.decided(prop)
    for a in ctx.rule.of(rt.Award):
        ctx.read_past.append((a, "按比例计分时，这一档不起作用"))
    for p in ctx.rule.of(rt.Proportional)[1:]:
        ctx.read_past.append((p, "只按第一条比例公式计分，这一条不起作用"))
    if prop.weight is not None:  # 得分(20分*执行率)
        rate = need_number(ctx, "actual")
        score = F(prop.weight) * rate / 100
        ctx.say(f"得分 = {fmt(prop.weight)} × {fmt(rate)}% = {fmt(score)} 分")
        return "score", score, score
    x = need_number(ctx, "actual")
    t = need_number(ctx, "target")
    applies = next(iter(ctx.rule.of(rt.Applies)), None)
    reverse = prop.reverse
    if applies is None and not reverse and vals.good_direction(ctx.target) == "lower":
        ctx.note("reverse-indicator", "年度指标值是“≤”（反向）指标，按 年度指标值 ÷ 实际值 计算")
        reverse = True
    met = x <= t if reverse else x >= t
    if met:
        ctx.say(f"实际值 {fmt(x)} {'≤' if reverse else '≥'} 指标值 {fmt(t)}：满分 {fmt(ctx.weight)} 分")
        return "score", ctx.weight, ctx.weight
    if (x if reverse else t) == 0:
        raise Unknown("zero-denominator", "比例的分母为 0，无法计算")
    share = t / x if reverse else x / t
    score = share * ctx.weight
    formula = "年度指标值 ÷ 实际值" if reverse else "实际值 ÷ 年度指标值"
    ctx.say(f"得分 = {formula} × 分值 = {fmt(t if reverse else x)} ÷ {fmt(x if reverse else t)} × {fmt(ctx.weight)} = {fmt(score)} 分")
    return "score", score, score
