"""Worded rules (明确：3分；基本明确：1.5分；不明确：0分) and worded actuals (完成, 达标, 控制内):
which condition an actual's words or tier match."""

from __future__ import annotations

from typing import cast

from engine import values as vals
from engine.language import tree as rt
from engine.language.printer import predicate as pred_text
from engine.scoring.context import Ctx, points_of
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import Result, Unknown


_TIER_NAME = {"achieved": "达成", "partial": "部分达成", "not_achieved": "未达成"}


def condition_tier(text: str) -> str | None:
    v = vals.parse_value(text)
    if isinstance(v, vals.Qualitative):
        return v.tier
    negative = ("未", "没有", "无", "不", "造成", "出现", "发生", "超过", "超支")
    if text.startswith(negative):
        return "not_achieved"
    return None


def actual_tier(ctx: Ctx) -> str | None:
    a = ctx.actual
    if isinstance(a, vals.Qualitative):
        return a.tier
    if isinstance(a, (vals.Quantity, vals.Range, vals.OrdinalClass)) and ctx.target is not None:
        met = vals.meets(ctx.target, a)
        if met is not None:
            ctx.say(f"实际值与年度指标值比较：{'达到' if met else '未达到'}")
            return "achieved" if met else "not_achieved"
    return None


_FILLER = ("的部门", "的单位", "的项目", "的", "该项", "本项")


def _core(text: str) -> str:
    """Words of a condition or actual with fillers removed: 没有楼堂馆所项目的部门 → 无楼堂馆所项目."""
    t = text.strip().strip("，,。;；:： ").replace("没有", "无")
    for f in _FILLER:
        if t.endswith(f) and len(t) > len(f) + 1:
            t = t[: -len(f)]
    return t


def _same_words(condition: str, actual: str) -> int:
    """How well the actual's words match the condition (0: not at all); the longest match wins."""
    a = _core(actual)
    best = 0
    for alt in [condition] + condition.replace("，", "、").split("、"):
        c = _core(alt)
        if len(c) >= 2 and (c == a or c in a or (a in c and len(a) >= max(2, len(c) * 2 // 3))):
            best = max(best, len(c))
    return best


def match_words(ctx: Ctx, awards: list[rt.Award]):
    """The award whose condition the actual's words repeat (基本明确 over 明确), or None."""
    text = getattr(ctx.actual, "text", "") if ctx.actual is not None else ""
    if not text:
        return None
    scored = []
    for award in awards:
        cond = award.condition
        if isinstance(cond, rt.Condition):
            words = cond.text
        elif isinstance(cond, rt.Compare) and isinstance(cond.operand, rt.Reference):
            span = cond.span
            # the words as printed (结余超过上年结转), not the canonical 结余>上年结转
            words = ctx.rule.text[span.start:span.end] if ctx.rule.text and span.end > span.start else pred_text(cond)
        else:
            continue
        score = _same_words(words, text)
        if score:
            scored.append((score, award))
    if not scored:
        return None
    return max(scored, key=lambda sa: sa[0])[1]


def score_worded(ctx: Ctx) -> Result:
    awards = [a for a in ctx.rule.of(rt.Award) if a.points is not None]
    a = ctx.actual
    if a is None:
        raise Unknown("value-missing", "实际完成值为空，无法判断符合哪一档")
    text = getattr(a, "text", "")
    # 1. the actual repeats a condition's words (the longest such condition wins: 基本明确 over 明确)
    award = match_words(ctx, awards)
    if award is not None:
        pts = points_of(ctx, award)
        ctx.say(f"实际完成值「{text}」即「{pred_text(cast(rt.Predicate, award.condition))}」：{fmt(pts)} 分")
        return "score", pts, pts
    if isinstance(a, vals.Unquantified):
        raise Unknown("value-unquantified", f"实际完成值「{a.text}」未量化：{a.reason}")
    # 2. else its tier (达成 / 部分达成 / 未达成) against the tiers of the conditions
    tier = actual_tier(ctx)
    if tier is None:
        raise Unknown("actual-unmatched", f"实际完成值「{text}」无法对应到评分标准的任何一档")
    ctx.say(f"实际完成值「{text}」属于“{_TIER_NAME[tier]}”")
    if isinstance(a, vals.Qualitative):
        ctx.note("qualitative-actual", f"实际完成值「{text}」是文字，按“{_TIER_NAME[tier]}”理解")
    matches = _same_tier(awards, tier)
    if matches:
        pts = points_of(ctx, matches[0])
        ctx.say(f"对应「{pred_text(cast(rt.Predicate, matches[0].condition))}」：{fmt(pts)} 分")
        return "score", pts, pts
    return _unmatched_tier(ctx, awards, tier)


def _same_tier(awards: list[rt.Award], tier: str) -> list[rt.Award]:
    """The awards for this tier: a worded condition of the same tier (one with no tier word
    counts as 达成 when no condition says 达成), or any numeric threshold when achieved."""
    worded = [a for a in awards if isinstance(a.condition, rt.Condition)]
    some_achieved = any(condition_tier(cast(rt.Condition, x.condition).text) == "achieved" for x in worded)
    out = []
    for award in awards:
        cond = award.condition
        if isinstance(cond, rt.Condition):
            own = condition_tier(cond.text)
            if own == tier or (own is None and tier == "achieved" and not some_achieved):
                out.append(award)
        elif isinstance(cond, rt.Compare) and tier == "achieved":
            out.append(award)
    return out


def _unmatched_tier(ctx: Ctx, awards: list[rt.Award], tier: str) -> Result:
    """No condition of the actual's tier. Achieved: full marks where the rule only deducts or
    states a numeric threshold. Otherwise: a fixed deduction, 否则, a discretionary range, or the
    range a single award leaves open. Else unknown."""
    deducts = ctx.rule.of(rt.Deduct)
    if tier == "achieved":
        if deducts or any(isinstance(x.condition, rt.Compare) for x in awards):
            return "score", ctx.weight, ctx.weight
        raise Unknown("tier-unwritten", f"评分标准没有写“{_TIER_NAME[tier]}”时得几分")
    if deducts and tier == "not_achieved" and deducts[0].points is not None:
        d = deducts[0]
        score = ctx.weight - F(d.points)
        ctx.say(f"对应「{pred_text(d.condition) if d.condition else ''}」：扣 {fmt(d.points)} 分，{fmt(score)} 分")
        return "score", score, score
    others = [x for x in awards if isinstance(x.condition, rt.Otherwise)]
    if others:
        pts = points_of(ctx, others[0])
        ctx.say(f"按“否则”：{fmt(pts)} 分")
        return "score", pts, pts
    if ctx.rule.of(rt.Discretionary):
        ctx.say(f"不属于以上各档：「{ctx.rule.of(rt.Discretionary)[0].word}」，0 到分值之间的任何分数都符合规则")
        return "range", F(0), ctx.weight
    if tier == "not_achieved" and len(awards) == 1:
        ctx.say("评分标准只规定了达成时的得分，未达成时得几分没有写明")
        return "range", F(0), points_of(ctx, awards[0])
    raise Unknown("tier-unwritten", f"评分标准没有写“{_TIER_NAME[tier]}”时得几分")
