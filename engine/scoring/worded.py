"""Worded rules (明确：3分；基本明确：1.5分；不明确：0分) and worded actuals (完成, 已建立, 达标,
控制内): which condition an actual's words or tier match, by meaning.

An actual matches a condition when both say the same claim: negated alike and qualified alike
(engine.values.meaning), so 完成 never matches 未完成 and 明确 never matches 基本明确; the same
words are preferred over the same claim, the same claim over one's words inside the other's,
and those over a bare yes-or-no answer (已建立 for 有制度). Failing that, the national tier of
the actual (达成 / 部分达成 / 未达成) against the tiers of the conditions. A worded actual that
matches none, or several that score differently, is unknown ("actual-unmatched"): never a guess.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple, cast

from engine import lexicon
from engine import values as vals
from engine.language import tree as rt
from engine.language.printer import predicate as pred_text
from engine.scoring.breaches import by_breach
from engine.scoring.context import Ctx, points_of
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import Result, Unknown
from engine.values.meaning import RANK, Closeness, Meaning, items, meaning, opposite, same_claim

__all__ = ["actual_tier", "condition_tier", "match_words", "score_worded"]

_TIER_NAME = lexicon.table("tiers.name")
_CONDITION_NO = lexicon.words("tiers.yes_no.condition_no")


def condition_tier(text: str) -> str | None:
    """The national tier a worded condition names (未完成: 未达成), or None."""
    v = vals.parse_value(text)
    if isinstance(v, vals.Qualitative) and v.tier is not None:
        return v.tier
    if text.startswith(_CONDITION_NO) or meaning(text).negated:  # 无制度, 编报不及时
        return "not_achieved"
    return None


def actual_tier(ctx: Ctx) -> str | None:
    """The actual's tier: its wording's, or whether a number meets the target."""
    a = ctx.actual
    if isinstance(a, vals.Qualitative):
        return a.tier
    if isinstance(a, (vals.Quantity, vals.Range, vals.OrdinalClass)) and ctx.target is not None:
        met = vals.meets(ctx.target, a)
        if met is not None:
            ctx.say(f"实际值与年度指标值比较：{'达到' if met else '未达到'}")
            return "achieved" if met else "not_achieved"
    return None


# ---------------------------------------------------------------- matching by meaning

Scored = rt.Award | rt.Deduct


class Match(NamedTuple):
    closeness: Closeness
    statement: Scored
    words: str  # the condition's words as printed


def _words_of(ctx: Ctx, cond: rt.Predicate | None) -> str | None:
    if isinstance(cond, rt.Condition):
        return cond.text
    if isinstance(cond, rt.Compare) and isinstance(cond.operand, rt.Reference):
        span = cond.span
        # the words as printed (结余超过上年结转), not the canonical 结余>上年结转
        return ctx.rule.text[span.start:span.end] if ctx.rule.text and span.end > span.start else pred_text(cond)
    return None


def _matches(ctx: Ctx, statements: list[Scored]) -> list[Match]:
    """The statements whose conditions the actual's words match, the closest kind only."""
    text = getattr(ctx.actual, "text", "") if ctx.actual is not None else ""
    if not text:
        return []
    said = meaning(text)
    found: list[Match] = []
    for statement in statements:
        words = _words_of(ctx, statement.condition)
        closeness = same_claim(said, meaning(words)) if words else None
        if closeness is not None and words is not None:
            found.append(Match(closeness, statement, words))
    if not found:
        return []
    best = max(RANK[m.closeness] for m in found)
    return [m for m in found if RANK[m.closeness] == best]


def _value(ctx: Ctx, statement: Scored) -> tuple[Fraction, Fraction]:
    """The score a matched statement gives: an award's points, the weight less a deduction
    (a deduction with no amount: anything from 0 to the weight)."""
    if isinstance(statement, rt.Award):
        pts = points_of(ctx, statement)
        return pts, pts
    if statement.points is None:
        return F(0), F(ctx.weight)
    left = F(ctx.weight) - F(statement.points)
    return left, left


def _candidates(ctx: Ctx, awards: list[rt.Award]) -> list[Scored]:
    deducts = [d for d in ctx.rule.of(rt.Deduct) if isinstance(d.condition, rt.Condition)]
    return [*awards, *deducts]


def match_words(ctx: Ctx, awards: list[rt.Award]) -> Scored | None:
    """The one statement (an award, or a deduction of the rule) whose condition the actual's
    words match by meaning; None when none does or several that score differently do."""
    found = _matches(ctx, _candidates(ctx, awards))
    if len({_value(ctx, m.statement) for m in found}) != 1:
        return None
    return found[0].statement


_HOW: dict[Closeness, str] = {
    "same-words": "即",
    "same-claim": "与其意思相同：",
    "contains": "符合（否定与程度相同，文字相符）",
    "answer": "是对是否的回答，对应",
}


def _by_words(ctx: Ctx, awards: list[rt.Award], answer: bool) -> Result | None:
    """The score of the condition the actual's words match (`answer`: only as a bare yes or no
    answer; else only closer than that); None when none matches, or when answers are ambiguous."""
    text = getattr(ctx.actual, "text", "")
    found = [m for m in _matches(ctx, _candidates(ctx, awards)) if (m.closeness == "answer") == answer]
    if len(items(text)) > 1:  # a list's words inside one condition's words say one item, not the list
        found = [m for m in found if m.closeness in ("same-words", "same-claim")]
    if not found:
        return None
    if len({_value(ctx, m.statement) for m in found}) > 1:
        if answer:  # 是 answers 合理控制污染源 and 造成污染 alike: no answer
            return None
        named = "」「".join(dict.fromkeys(m.words for m in found))
        raise Unknown("actual-unmatched", f"实际完成值「{text}」同时符合「{named}」，各档得分不同，无法确定是哪一档")
    return _matched(ctx, found[0], text)


def _whole(ctx: Ctx, awards: list[rt.Award]) -> Result | None:
    """A list-like actual that says one condition's claim as a whole, its enumeration joined
    alike (按规定范围、对象、期限征收 is 按照规定的范围、对象和期限征收的): that condition."""
    text = getattr(ctx.actual, "text", "")
    if len(items(text)) < 2:
        return None
    found = [m for m in _matches(ctx, _candidates(ctx, awards)) if m.closeness in ("same-words", "same-claim")]
    if len({_value(ctx, m.statement) for m in found}) != 1:
        return None
    return _matched(ctx, found[0], text)


def _matched(ctx: Ctx, match: Match, text: str) -> Result:
    """The score of the one condition matched, said in the trace."""
    low, high = _value(ctx, match.statement)
    verb = "（扣分）" if isinstance(match.statement, rt.Deduct) else ""
    shown = f"{fmt(low)} 分" if low == high else f"{fmt(low)}–{fmt(high)} 分（扣分数没有写明）"
    if match.closeness == "answer":
        ctx.note("qualitative-actual", f"实际完成值「{text}」是文字，按{'否定' if meaning(text).negated else '肯定'}的回答理解")
    ctx.say(f"实际完成值「{text}」{_HOW[match.closeness]}「{match.words}」{verb}：{shown}")
    return ("score" if low == high else "range"), low, high


_CLOSE = ("same-words", "same-claim", "contains")


def _item_hits(ctx: Ctx, item: str, statements: list[Scored]) -> tuple[list[Scored], bool]:
    """The statements one item of a list-like actual says happened, and whether it denies one
    (部门职责已落实 denies 相关部门职责不落实)."""
    said = meaning(item)
    hits, denied = [], False
    for statement in statements:
        words = _words_of(ctx, statement.condition)
        if not words:
            continue
        claim = meaning(words)
        if same_claim(said, claim) in _CLOSE:
            hits.append(statement)
        elif same_claim(opposite(said), claim) in ("same-claim", "contains"):
            denied = True
    return hits, denied


def _additive(ctx: Ctx, awards: list[rt.Award], statements: list[Scored]) -> bool:
    """Items that add up: awards whose points fill the weight, or deductions only."""
    paying = [x for x in awards if points_of(ctx, x) > 0]
    if paying:
        return sum((points_of(ctx, x) for x in paying), F(0)) == F(ctx.weight)
    return any(isinstance(x, rt.Deduct) for x in statements)


def _by_items(ctx: Ctx, awards: list[rt.Award]) -> Result | None:
    """A list-like actual (有计划,无年终总结; 未成立领导小组,部门职责已落实), item by item, under a
    rule of additive items: its awards fill the weight, or it only deducts. Each item must say
    one condition happened or deny one; an item that does neither leaves the score unknown."""
    text = getattr(ctx.actual, "text", "")
    parts = items(text)
    if len(parts) < 2:
        return None
    statements = _candidates(ctx, awards)
    if not _additive(ctx, awards, statements):
        return None
    happened: list[Scored] = []
    for part in parts:
        hits, denied = _item_hits(ctx, part, statements)
        if len(hits) > 1 or (not hits and not denied):
            raise Unknown("actual-unmatched", f"实际完成值中的「{part}」与评分标准的各项都对应不上，无法逐项计分")
        happened += [h for h in hits if h not in happened]
    return _sum_items(ctx, happened, text)


def _sum_items(ctx: Ctx, happened: list[Scored], text: str) -> Result:
    gained = [x for x in happened if isinstance(x, rt.Award)]
    lost = [x for x in happened if isinstance(x, rt.Deduct)]
    if any(d.points is None for d in lost):
        raise Unknown("actual-unmatched", f"实际完成值「{text}」对应的扣分项没有写明扣几分")
    deducted = sum((F(d.points) for d in lost if d.points is not None), F(0))
    score = (sum((points_of(ctx, x) for x in gained), F(0)) if gained else F(ctx.weight)) - deducted
    shown = "、".join(f"「{_words_of(ctx, x.condition)}」" for x in happened) or "（无）"
    ctx.say(f"实际完成值「{text}」逐项对应：{shown}，合计 {fmt(score)} 分")
    return "score", score, score


def score_worded(ctx: Ctx) -> Result:
    awards = [a for a in ctx.rule.of(rt.Award) if a.points is not None]
    a = ctx.actual
    if a is None:
        raise Unknown("value-missing", "实际完成值为空，无法判断符合哪一档")
    text = getattr(a, "text", "")
    # 1. the actual says what a condition says (the same claim: never across a negation or a
    # qualifier), item by item when it lists several under a rule of additive items
    by_words = _whole(ctx, awards) or _by_items(ctx, awards) or _by_words(ctx, awards, answer=False)
    if by_words is not None:
        return by_words
    breach = by_breach(ctx, awards)  # 发现白条抵现金 under 不得以白条抵现金(0.5分)
    if breach is not None:
        return breach
    if isinstance(a, vals.Unquantified):
        raise Unknown("value-unquantified", f"实际完成值「{a.text}」未量化：{a.reason}")
    _degree_unwritten(ctx, awards, text)
    # 2. else its tier (达成 / 部分达成 / 未达成) against the tiers of the conditions
    tier = _partly(ctx, actual_tier(ctx), text)
    matches = _same_tier(awards, tier) if tier is not None else []
    if tier is not None and matches:
        return _tier_score(ctx, matches, tier, text)
    # 3. else a bare yes or no (已建立, 是, 无) answers the one condition of its polarity
    answered = _by_words(ctx, awards, answer=True)
    if answered is not None:
        return answered
    if tier is None:
        raise Unknown("actual-unmatched", f"实际完成值「{text}」与评分标准的任何一档都对不上")
    return _unmatched_tier(ctx, awards, tier)


_PARTIAL_WORDS = frozenset(lexicon.words("tiers.modifier.partial"))


def _partly(ctx: Ctx, tier: str | None, text: str) -> str | None:
    """An achieved claim qualified as partial further off than the word before its verb
    (部分线路落实管护主体: 部分 qualifies 线路): partly achieved."""
    if tier == "achieved" and isinstance(ctx.actual, vals.Qualitative) and meaning(text).degree & _PARTIAL_WORDS:
        ctx.say(f"实际完成值「{text}」说的是{'、'.join(sorted(meaning(text).degree & _PARTIAL_WORDS))}做到：按“部分达成”理解")
        return "partial"
    return tier


def _tier_score(ctx: Ctx, matches: list[rt.Award], tier: str, text: str) -> Result:
    ctx.say(f"实际完成值「{text}」属于“{_TIER_NAME[tier]}”")
    if isinstance(ctx.actual, vals.Qualitative):
        ctx.note("qualitative-actual", f"实际完成值「{text}」是文字，按“{_TIER_NAME[tier]}”理解")
    if len({points_of(ctx, m) for m in matches}) > 1:
        named = "」「".join(pred_text(cast(rt.Predicate, m.condition)) for m in matches)
        raise Unknown("actual-unmatched", f"实际完成值「{text}」属于“{_TIER_NAME[tier]}”，"
                                          f"但「{named}」都属于这一档而得分不同，无法确定是哪一档")
    pts = points_of(ctx, matches[0])
    ctx.say(f"对应「{pred_text(cast(rt.Predicate, matches[0].condition))}」：{fmt(pts)} 分")
    return "score", pts, pts


def _degree_unwritten(ctx: Ctx, awards: list[rt.Award], text: str) -> None:
    """An actual qualified by a degree (较明确, 基本完成) that matched no condition, under a rule
    that grades by degree words of its own (明确 / 基本明确 / 不明确): which grade it is, the rule
    does not say."""
    said: Meaning = meaning(text)
    if not said.degree:
        return
    graded = [w for w in (_words_of(ctx, x.condition) for x in awards) if w and meaning(w).degree]
    if graded:
        raise Unknown("actual-unmatched", f"实际完成值「{text}」的程度（{'、'.join(sorted(said.degree))}）"
                                          f"与评分标准的各档（{'、'.join(graded)}）都不相同，无法确定是哪一档")


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


def _between_tiers(ctx: Ctx, awards: list[rt.Award]) -> Result:
    """Partly achieved under a rule that prices no partial tier: anything from what not achieving
    scores (0 unless printed) to what achieving scores (the weight unless printed)."""
    low = _tier_points(ctx, awards, "not_achieved", F(0))
    high = _tier_points(ctx, awards, "achieved", F(ctx.weight))
    if low > high:
        low, high = high, low
    ctx.say(f"评分标准没有写“{_TIER_NAME['partial']}”时得几分：在未达成（{fmt(low)} 分）与达成（{fmt(high)} 分）之间")
    return "range", low, high


def _tier_points(ctx: Ctx, awards: list[rt.Award], tier: str, otherwise: Fraction) -> Fraction:
    """The one score the rule prints for a tier, or `otherwise` when it prints none or several."""
    points = {points_of(ctx, a) for a in _same_tier(awards, tier)}
    return points.pop() if len(points) == 1 else otherwise


def _unmatched_tier(ctx: Ctx, awards: list[rt.Award], tier: str) -> Result:
    """No condition of the actual's tier. Achieved: full marks where the rule only deducts or
    states a numeric threshold. Otherwise: a fixed deduction, 否则, a discretionary range, or the
    range a single award leaves open. Else unknown."""
    deducts = ctx.rule.of(rt.Deduct)
    weight = F(ctx.weight)
    if tier == "achieved":
        if deducts or any(isinstance(x.condition, rt.Compare) for x in awards):
            return "score", weight, weight
        raise Unknown("tier-unwritten", f"评分标准没有写“{_TIER_NAME[tier]}”时得几分")
    if deducts and tier == "not_achieved" and deducts[0].points is not None:
        d = deducts[0]
        score = weight - F(d.points)
        ctx.say(f"对应「{pred_text(d.condition) if d.condition else ''}」：扣 {fmt(d.points)} 分，{fmt(score)} 分")
        return "score", score, score
    return _unpriced(ctx, awards, tier, weight)


def _unpriced(ctx: Ctx, awards: list[rt.Award], tier: str, weight: Fraction) -> Result:
    """A tier the rule prints no points for: 否则, a discretionary range, the range a single award
    leaves open, the range between the tiers for a partial one; else unknown."""
    others = [x for x in awards if isinstance(x.condition, rt.Otherwise)]
    if others:
        pts = points_of(ctx, others[0])
        ctx.say(f"按“否则”：{fmt(pts)} 分")
        return "score", pts, pts
    if ctx.rule.of(rt.Discretionary):
        ctx.say(f"不属于以上各档：「{ctx.rule.of(rt.Discretionary)[0].word}」，0 到分值之间的任何分数都符合规则")
        return "range", F(0), weight
    if tier == "not_achieved" and len(awards) == 1:
        ctx.say("评分标准只规定了达成时的得分，未达成时得几分没有写明")
        return "range", F(0), points_of(ctx, awards[0])
    if tier == "partial":
        return _between_tiers(ctx, awards)
    raise Unknown("tier-unwritten", f"评分标准没有写“{_TIER_NAME[tier]}”时得几分")

