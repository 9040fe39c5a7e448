"""The grammar's rules for what a phrase does to the score: awards, steps, limits, proportions.

`ClauseRules` is a mixin of `engine.language.transform.ToChunks`: one method per rule of the
grammar's "awards", "steps", "limits" and "proportional" sections (记10分, 每减少1%, 扣0.5分,
扣完为止, 按完成比例计算得分). Awards, steps and adjustments come back as the parts of
`engine.language.chunks`; limits and formulas as nodes of `engine.language.tree`.
Nothing here parses or joins phrases.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Any

from lark import Token

from engine.language import tree as rt
from engine.language.pieces import text_of
from engine.language.chunks import Adjust, AwardPart, RuleMeta, Trigger, Words
from engine.language.operands import InexactShare, UnevenCap, is_token, points_number, span, unit_name
from engine.text.numerals import chinese_number


def _first(c: list[Any], kind: type[Any]) -> Any:
    return next(x for x in c if isinstance(x, kind))


_NUMBERS = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def points_between(written: str, at: rt.Span) -> rt.Points:
    """(2分) → 2 points; 0.2-2分, (10分到13分), (6分到0分), (30-49) → the range, low end first."""
    found = sorted(Decimal(n) for n in _NUMBERS.findall(written))
    if len(found) == 1 or found[0] == found[-1]:
        return rt.Points(found[0], span=at)
    return rt.Points(found[0], upto=found[-1], span=at)


def _colon(c: list[Any]) -> bool:
    return any(is_token(x, "COLON") for x in c)


_TriggerWords = tuple[str | None, str | None, str | None]  # (subject, per, what)


def _trigger_parts(c: list[Any]) -> tuple[_TriggerWords, list[str], list[rt.Quantity], rt.Reference | None,
                                          Token | None]:
    """A trigger's children sorted out: its words (before 每, between 每 and the count, after
    the count), verbs, sizes, reference and the unit right after 每 (每处)."""
    subject = what = per = None
    reference = None
    unit: Token | None = None
    verbs: list[str] = []
    sizes: list[rt.Quantity] = []
    seen_each = False
    for x in c:
        if is_token(x, "EACH"):
            seen_each = True
        elif is_token(x, "UNIT"):
            unit = x
        elif isinstance(x, Words):
            if not seen_each:
                subject = x.text
            elif not sizes and not verbs:
                per = x.text
            else:
                what = x.text
        elif isinstance(x, str) and not isinstance(x, Token):
            verbs.append(x)
        elif isinstance(x, rt.Reference):
            reference = x
        elif isinstance(x, rt.Quantity):
            sizes.append(x)
    return (subject, per, what), verbs, sizes, reference, unit


class ClauseRules:
    """Awards, steps, limits and proportional clauses (rule.lark sections of those names)."""

    folded: str
    recovered: list[tuple[int, int, str]]

    def _formula(self, meta: RuleMeta) -> str:
        return text_of(self.folded, meta.start_pos, meta.end_pos)

    # ------------------------------------------------------------ awards

    # 10分
    def points_number(self, meta: RuleMeta, c: list[Any]) -> rt.Points:
        return rt.Points(c[0], span=span(meta))

    # 满分, 基本分, 零分
    def points_full(self, meta: RuleMeta, c: list[Token]) -> rt.Points:
        return rt.Points(Decimal(0) if str(c[0]) == "零分" else None, span=span(meta))

    # 记10分, :2分, 该项得满分
    def award_get(self, meta: RuleMeta, c: list[Any]) -> AwardPart:
        return AwardPart(_first(c, rt.Points), span(meta), _colon(c))

    # 分别得5分
    def award_respective(self, meta: RuleMeta, c: list[Any]) -> AwardPart:
        return AwardPart(_first(c, rt.Points), span(meta), False, respective=True)

    # 分别加1分
    def adjust_respective(self, meta: RuleMeta, c: list[Any]) -> Adjust:
        return Adjust("add", points_number(c, meta), span(meta), respective=True)

    # 得10 (分 lost in print): read as points, with a note
    def award_bare(self, meta: RuleMeta, c: list[Any]) -> AwardPart:
        self.recovered.append((meta.start_pos, meta.end_pos, f"「{text_of(self.folded, meta.start_pos, meta.end_pos)}」"
                                                             "后缺了“分”，按分数读取"))
        return AwardPart(rt.Points(c[1], span=span(meta)), span(meta), False)

    # 不得分, 该项不计分
    def award_zero(self, meta: RuleMeta, c: list[Any]) -> AwardPart:
        return AwardPart(rt.Points(Decimal(0), span=span(meta)), span(meta), _colon(c))

    # 分配結果合理( 2 分), (10分到13分), 完成30%及以上(30-49)
    def award_paren(self, meta: RuleMeta, c: list[Token]) -> AwardPart:
        return AwardPart(points_between(str(c[0]), span(meta)), span(meta), False, paren=True)

    # 良(n-15分): the points unread until the neighbouring grades are known (engine.language.blurred)
    def award_blurred(self, meta: RuleMeta, c: list[Token]) -> AwardPart:
        return AwardPart(rt.Points(None, blurred=str(c[0]), span=span(meta)), span(meta), False, paren=True)

    # 0.2-2分, 16-20分
    def points_range(self, meta: RuleMeta, c: list[Token]) -> rt.Points:
        return points_between(str(c[0]), span(meta))

    # 一半分, 减半计分
    def points_half(self, meta: RuleMeta, c: list[Token]) -> rt.Points:
        return rt.Points(None, share=Decimal(50), span=span(meta))

    # 二分之一分值, 分值的四分之三: the share in percent; a fraction whose percentage is not exact in
    # decimals (三分之二) is a diagnostic, never a rounded share
    def points_fraction(self, meta: RuleMeta, c: list[Token]) -> rt.Points:
        found = re.search(r"([一二三四五六七八九十]+)分之([一二三四五六七八九十]+)", str(c[0]))
        assert found is not None  # the terminal holds the fraction
        below, above = chinese_number(found.group(1)), chinese_number(found.group(2))
        if below == 0 or above > below:
            raise InexactShare(c[0])
        share = Fraction(int(above) * 100, int(below))
        rest = share.denominator
        for p in (2, 5):
            while rest % p == 0:
                rest //= p
        if rest != 1:  # 三分之二: 66.66…%, no exact decimal
            raise InexactShare(c[0])
        return rt.Points(None, share=Decimal(share.numerator) / Decimal(share.denominator), span=span(meta))

    # 分值的50%, 按分值的80%计
    def points_share(self, meta: RuleMeta, c: list[Any]) -> rt.Points:
        return rt.Points(None, share=_first(c, rt.Quantity).value, span=span(meta))

    # 得80%分值, 较好得80%: the share of the weight
    def points_share_pct(self, meta: RuleMeta, c: list[Token]) -> rt.Points:
        found = re.match(r"\s*([0-9]+(?:\.[0-9]+)?)", str(c[0]))
        assert found is not None  # the terminal opens with the number
        return rt.Points(None, share=Decimal(found.group(1)), span=span(meta))

    # 按满分计算, 计满分
    def award_full(self, meta: RuleMeta, c: list[Any]) -> AwardPart:
        return AwardPart(rt.Points(None, span=span(meta)), span(meta), _colon(c))

    # ------------------------------------------------------------ steps

    # 减少, 超过, 相差, 出现
    def step_verb(self, meta: RuleMeta, c: list[Token]) -> str:
        return "".join(map(str, c))  # 少完成: the verb with the action it counts

    # 每减少1微克/立方米, 每低于目标值5%或降低1单位, 每出现一例不符合要求的, 每1处地块不到位,
    # 每处, 每个问题, 每次讲座少1项, 每开展一项
    def trigger(self, meta: RuleMeta, c: list[Any]) -> Trigger:
        words, verbs, sizes, reference, unit = _trigger_parts(c)
        subject, per, what = words
        if unit is not None and not sizes:  # 每处: one of the unit
            sizes.append(rt.Quantity(Decimal(1), unit_name(str(unit)), span=span(unit)))
        elif unit is not None:  # 每次讲座少1项: counted per 次讲座
            per = str(unit) + (per or "")
        return Trigger(verb=verbs[0] if verbs else "", size=sizes[0], alt_size=sizes[1] if len(sizes) > 1 else None,
                       alt_verb=verbs[1] if len(verbs) > 1 else None, subject=subject, what=what,
                       reference=reference, span=span(meta), per=per)

    trigger_count = trigger_unit = trigger_unit_step = trigger_after = trigger

    lead_verb = step_verb

    # 扣0.5分, 降低5分
    def adjust_down(self, meta: RuleMeta, c: list[Any]) -> Adjust:
        return Adjust("deduct", points_number(c, meta), span(meta))

    # 增加5分, 加1分
    def adjust_up(self, meta: RuleMeta, c: list[Any]) -> Adjust:
        return Adjust("add", points_number(c, meta), span(meta))

    # 倒扣10分
    def adjust_negative(self, meta: RuleMeta, c: list[Any]) -> Adjust:
        return Adjust("deduct", points_number(c, meta), span(meta), below_zero=True)

    # 扣分, 酌减
    def adjust_unstated(self, meta: RuleMeta, c: list[Any]) -> Adjust:
        return Adjust("deduct", None, span(meta))

    # 不扣分, 不予扣分: the condition costs nothing
    def adjust_none(self, meta: RuleMeta, c: list[Any]) -> Adjust:
        return Adjust("deduct", Decimal(0), span(meta))

    # 扣0.2-0.5分, 扣 2、1分: any amount in the range (the smaller first)
    def adjust_down_range(self, meta: RuleMeta, c: list[Any]) -> Adjust:
        pts = points_between(str(c[-1]), span(meta))
        return Adjust("deduct", pts.value, span(meta), upto=pts.upto)

    # 扣.分: the amount lost in print, with a note
    def adjust_lost(self, meta: RuleMeta, c: list[Any]) -> Adjust:
        self.recovered.append((meta.start_pos, meta.end_pos, f"「{text_of(self.folded, meta.start_pos, meta.end_pos)}」"
                                                             "的分数在印刷中丢失：扣几分不知道，按可能的范围计"))
        return Adjust("deduct", None, span(meta))

    # 在100标准分基础上
    def base(self, meta: RuleMeta, c: list[Token]) -> Decimal:
        return Decimal(str(c[1]))

    # ------------------------------------------------------------ limits

    # 扣完为止, 最低为零分
    def floor(self, meta: RuleMeta, c: list[Token]) -> rt.Floor:
        return rt.Floor(Decimal(0), word=str(c[0]), span=span(meta))

    # 可扣至负分
    def no_floor(self, meta: RuleMeta, c: list[Token]) -> rt.NoFloor:
        return rt.NoFloor(span=span(meta))

    # 扣满15分为止, 最多扣6分
    def deduction_cap(self, meta: RuleMeta, c: list[Any]) -> rt.DeductionCap:
        return rt.DeductionCap(points_number(c, meta), span=span(meta))

    # 最多加3分, 加分最高不超过2分: the most the bonus adds
    def bonus_cap(self, meta: RuleMeta, c: list[Any]) -> rt.DeductionCap:
        return rt.DeductionCap(points_number(c, meta), effect="add", span=span(meta))

    # 满分为止, 不能超过该指标分值上限
    def cap_full(self, meta: RuleMeta, c: list[Any]) -> rt.Cap:
        return rt.Cap(span=span(meta))

    # 最高得1分, 最高120分
    def cap_points(self, meta: RuleMeta, c: list[Any]) -> rt.Cap:
        return rt.Cap(points=points_number(c, meta), span=span(meta))

    # 累计得分不超过基础分的120%
    def cap_share(self, meta: RuleMeta, c: list[Any]) -> rt.Cap:
        return rt.Cap(share=c[1].value, span=span(meta))

    # 完成率超过100%的按100%计: the rate counted at most at 100%, so the score at most at the weight
    # (a share of it); 超过0.6%按0.5%计, two numbers, is no cap of one number (P004)
    def rate_clamp(self, meta: RuleMeta, c: list[Any]) -> rt.Cap:
        over, cap = (Decimal(n) for n in _NUMBERS.findall(str(c[-1]))[-2:])
        if over != cap:
            raise UnevenCap(c[-1])
        return rt.Cap(share=cap, span=span(meta))

    # ------------------------------------------------------------ proportional

    # 按完成比例计算得分
    def prop_words(self, meta: RuleMeta, c: list[Token]) -> rt.Proportional:
        return rt.Proportional(percent="百分比" in str(c[0]), formula=str(c[0]), span=span(meta))

    # 按比例减分
    def prop_deduct(self, meta: RuleMeta, c: list[Token]) -> rt.Proportional:
        return rt.Proportional(effect="deduct", formula=str(c[0]), span=span(meta))

    # 全年实际值/年度指标值*该指标分值
    def formula_forward(self, meta: RuleMeta, c: list[Any]) -> rt.Proportional:
        return rt.Proportional(reverse=False, formula=self._formula(meta), span=span(meta))

    # 年度指标值/全年实际值*该指标分值
    def formula_reverse(self, meta: RuleMeta, c: list[Any]) -> rt.Proportional:
        return rt.Proportional(reverse=True, formula=self._formula(meta), span=span(meta))

    # 按"(实际值/计划值)*基础分"计算该项得分
    def proportional(self, meta: RuleMeta, c: list[Any]) -> rt.Proportional:
        inner: rt.Proportional = _first(c, rt.Proportional)
        return rt.Proportional(inner.reverse, formula=self._formula(meta), span=span(meta))

    # 得分(20分*执行率), 执行率*20分
    def prop_rate(self, meta: RuleMeta, c: list[Any]) -> rt.Proportional:
        return rt.Proportional(weight=points_number(c, meta), formula=self._formula(meta), span=span(meta))

    # 预算执行率×该项分值: the row's weight
    def prop_rate_weight(self, meta: RuleMeta, c: list[Any]) -> rt.Proportional:
        return rt.Proportional(rate=True, formula=self._formula(meta), span=span(meta))
