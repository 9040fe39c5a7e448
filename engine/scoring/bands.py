"""Band rules (≥90%得5分；80%-90%得4分 …), interpolation between two bands, and proportional
rules (按完成比例计算得分, 年度指标值/全年实际值*分值)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import cast

from engine import lexicon
from engine import values as vals
from engine.language import tree as rt
from engine.values.dates import Date, days_between, months_between
from engine.language.printer import predicate as pred_text
from engine.scoring.conditions import Edges, edges, in_condition
from engine.scoring.context import Ctx, actual_for, good_direction, need_number, operand_number, points_of
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import Result, Unknown
from engine.scoring.gaps import in_a_gap
from engine.scoring.worded import match_words, score_worded


def score_bands(ctx: Ctx) -> Result:
    awards = ctx.rule.of(rt.Award)
    if any(a.points is None for a in awards):
        raise Unknown("band-points-unwritten", "各档的分值没有印在评分标准里")
    numeric = [a for a in awards if isinstance(a.condition, (rt.Compare, rt.Between))]
    _count_in_band_unit(ctx, numeric)
    on_time = delay_in_band_unit(ctx, awards, numeric)
    if on_time is not None:
        return on_time
    if _reads_words(ctx, awards, numeric):
        return score_worded(ctx)
    others = [a for a in awards if isinstance(a.condition, rt.Otherwise)]
    ctx.bands = numeric + others
    first = numeric[0].condition
    factor = _unit_fit(ctx, numeric)
    if factor is None:  # 每月均在8日前报送 against bands of 次: not a number of what the bands count
        return _units_differ(ctx, awards)
    x = actual_for(ctx, first.operand if isinstance(first, rt.Compare) else None) * factor
    return _place(ctx, awards, numeric, others, x)


def _place(ctx: Ctx, awards: list[rt.Award], numeric: list[rt.Award], others: list[rt.Award], x: Fraction) -> Result:
    """The band the actual falls in (one of several that hold: the nested or nearer), else none."""
    hits = [a for a in numeric if in_condition(ctx, cast(rt.Predicate, a.condition), x)]
    if len(hits) > 1:
        hits = [_nested(ctx, hits) or _break_tie(ctx, hits, x)]
    if not hits:
        return _in_no_band(ctx, numeric, others, x)
    return _in_band(ctx, hits[0], x, awards)


_NEGATORS = lexicon.words("tiers.yes_no.no")


def _negated(words: str) -> bool:
    return any(n in words for n in _NEGATORS)


def _count_in_band_unit(ctx: Ctx, numeric: list[rt.Award]) -> None:
    """全年3次未在8日前报送 against bands of 次 that count the same thing (期间有1-3次未能够…报送):
    the one number in the bands' unit is the actual. The words around it must be negated alike
    with the bands' (3次未…报送 against 有…次未…报送; 按时报送10次 is not read as 10 misses)."""
    a, unit = ctx.actual, _band_unit(numeric)
    if ctx.symbolic or not isinstance(a, vals.Unquantified) or unit is None:
        return
    found = vals.count_in_unit(a.text, unit)
    if found is None:
        return
    picked, rest = found
    conditions = [cast(rt.Compare | rt.Between, x.condition) for x in numeric]
    if len({_negated((c.subject or "") + (c.tail or "")) for c in conditions} | {_negated(rest)}) != 1:
        return
    ctx.actual = picked
    ctx.note("count-in-unit", f"实际完成值「{a.text}」{picked.note}：与各档计数的单位相同，数值旁的文字与各档的条件一样"
                              f"{'是' if _negated(rest) else '不是'}否定说法")


def _in_band(ctx: Ctx, a: rt.Award, x: Fraction, awards: list[rt.Award]) -> Result:
    ctx.decided(a)
    pts = points_of(ctx, a)
    ctx.say(f"实际值 {fmt(x)} 落在「{pred_text(cast(rt.Predicate, a.condition))}」这一档：{fmt(pts)} 分")
    _on_the_deadline(ctx, a, x, awards)
    return "score", pts, pts


def _units_differ(ctx: Ctx, awards: list[rt.Award]) -> Result:
    """The actual is not a number of what the bands count: worded bands may still read it."""
    if any(isinstance(a.condition, rt.Condition) for a in awards):
        return score_worded(ctx)
    raise Unknown("value-unquantified", f"实际完成值「{getattr(ctx.actual, 'text', '')}」的单位与各档的单位不同，无法比较")


_DAYS = lexicon.ranks("units.days_in")


_MONTH_UNITS = ("个月", "月")
_DAY_UNITS = ("天", "日", "工作日")


def delay_in_band_unit(ctx: Ctx, awards: list[rt.Award], numeric: Sequence[rt.Award | rt.Deduct],
                       on_time: Fraction | None = None) -> Result | None:
    """延期1个月以内的得2分 with a date actual against a deadline target (2024年10月底前 →
    2024年11月10日): the bands count the delay, in their unit, never the date as a number. Done
    on time (no delay), the worded award (按时完成的得3分) gives the score when there is one, else
    `on_time` when given (deduction bands: nothing is deducted)."""
    a, due, unit = ctx.actual, ctx.target, _band_unit(numeric)
    if ctx.symbolic or not isinstance(a, Date) or not isinstance(due, Date) or unit is None:
        return None
    year = a.year or due.year or 2001
    late = months_between(due, a, year) if unit in _MONTH_UNITS else days_between(due, a, year) \
        if unit in _DAY_UNITS else None
    if late is None:
        return None
    ctx.say(f"截止：{due.describe()}；完成：{a.describe()}；延期 {max(late, 0)}{unit}")
    worded = [x for x in awards if isinstance(x.condition, rt.Condition)]
    if late <= 0 and worded:
        ctx.decided(worded[0])
        pts = points_of(ctx, worded[0])
        ctx.say(f"没有延期：按「{cast(rt.Condition, worded[0].condition).text}」，{fmt(pts)} 分")
        return "score", pts, pts
    if late <= 0 and on_time is not None:
        ctx.say(f"没有延期：不扣分，{fmt(on_time)} 分")
        return "score", on_time, on_time
    ctx.actual = vals.Quantity(Decimal(max(late, 0)), unit, "=", f"延期{max(late, 0)}{unit}")
    return None


def _band_unit(numeric: Sequence[rt.Award | rt.Deduct]) -> str | None:
    """The unit the bands count in, when they all write one (次, 个月, %)."""
    units = set()
    for a in numeric:
        c = a.condition
        for operand in ((c.operand,) if isinstance(c, rt.Compare) else (c.low, c.high) if isinstance(c, rt.Between) else ()):
            if isinstance(operand, rt.Quantity) and operand.unit:
                units.add(operand.unit)
    if len({_DAYS.get(u, u) for u in units}) == 1:  # 个月 and 月 are one unit of time
        return units.pop()
    return None


def _unit_fit(ctx: Ctx, numeric: list[rt.Award]) -> Fraction | None:
    """What to multiply the actual by to read it in the bands' unit: 1 when the units agree (or
    one side writes none), a time in days against bands in months (45天 is 1.5个月: a month is 30
    days, said in the trace), None when the units measure different things (8日 against 次)."""
    band = _band_unit(numeric)
    unit = getattr(ctx.actual, "unit", None) if not ctx.symbolic else None
    if band is None or unit is None or vals.same_unit(band, unit) or _of_the_target(band, numeric):
        return F(1)
    if band in _DAYS and unit in _DAYS:
        factor = Fraction(_DAYS[unit], _DAYS[band])
        ctx.say(f"实际值的单位是「{unit}」，各档是「{band}」：按 1{band} = {_DAYS[band]}天换算，× {fmt(factor)}")
        return factor
    return None


def _of_the_target(band: str, numeric: list[rt.Award]) -> bool:
    """±5%以内 of 930人 against 1000人: bands of the deviation in percent measure a share of the
    target, whatever the actual counts."""
    return band == "%" and all(getattr(a.condition, "absolute", False) for a in numeric)


def _nested(ctx: Ctx, hits: list[rt.Award]) -> rt.Award | None:
    """达到5%得1分;达到10%得2分;达到15%以上得3分 with 12%: thresholds one inside the other (all on
    one side), not a tie at an edge: the highest reached counts."""
    compares = [a.condition for a in hits]
    if not all(isinstance(c, rt.Compare) and isinstance(c.operand, rt.Quantity) and not c.absolute for c in compares):
        return None
    good, _ = good_direction(ctx)
    ops = {cast(rt.Compare, c).op for c in compares}
    upward = ops <= {">=", ">"} or (ops <= {">=", ">", "reach"} and good != "lower")
    downward = ops <= {"<=", "<"} or (ops <= {"<=", "<", "reach"} and good == "lower")
    if not (upward or downward):
        return None
    key = (lambda a: F(cast(rt.Quantity, cast(rt.Compare, a.condition).operand).value))
    chosen = max(hits, key=key) if upward else min(hits, key=key)
    ctx.say("实际值同时达到几档的门槛（门槛一层高于一层）：取达到的最高一档")
    return chosen


def _on_the_deadline(ctx: Ctx, award: rt.Award, x: Fraction, awards: list[rt.Award]) -> None:
    """Done on the deadline day itself (8月30日 against 8月30日之前): whether 之前 includes that
    day is a judgement call; the other reading gives what missing the deadline gives."""
    cond = award.condition
    if ctx.symbolic or not isinstance(cond, rt.Compare) or not isinstance(cond.operand, rt.DateMark) \
            or operand_number(ctx, cond.operand) != x:
        return
    other = _complement(ctx, award, [a for a in awards if a is not award])
    missed = points_of(ctx, other) if other is not None else F(0)
    ctx.alternatives["deadline-day-excluded"] = missed
    ctx.note("deadline-day", f"实际在截止日当天完成：按“{cond.word or '前'}”含当天计；若不含当天，得 {fmt(missed)} 分")


def _complement(ctx: Ctx, band: rt.Award, others: list[rt.Award]) -> rt.Award | None:
    """The worded award that says the band did not happen (在8月30日之前分派完毕 / 未分派完毕)."""
    words = pred_text(cast(rt.Predicate, band.condition))
    for other in others:
        cond = other.condition
        if other.points is not None and isinstance(cond, rt.Condition) and cond.text[:1] in ("未", "不", "没") \
                and cond.text.lstrip("未不没有").rstrip("的") in words:
            return other
    return None


def _reads_words(ctx: Ctx, awards: list[rt.Award], numeric: list[rt.Award]) -> bool:
    """A worded actual (完成, 未量化) is read by words: against a single threshold, a band whose
    words it repeats, or a rule that also has worded bands."""
    return isinstance(ctx.actual, (vals.Qualitative, vals.Unquantified)) and (
        len(numeric) == 1 or match_words(ctx, awards) is not None
        or any(isinstance(x.condition, rt.Condition) for x in awards))


def _break_tie(ctx: Ctx, hits: list[rt.Award], x: Fraction) -> rt.Award:
    """An actual in two bands: the one whose stated bounds include it; on an edge whose
    inclusion is not printed (80%-90% / 80%以下 at 80%), the band that starts there (下限含、上限不含);
    in the gap between edges printed as whole numbers (99%-90% / 89%-80% at 89.5%), the band
    whose printed edge is nearer (half-way and above: the upper one). The other band's points
    are recorded as an alternative reading."""
    strict = [a for a in hits if in_condition(ctx, cast(rt.Predicate, a.condition), x, lenient=False)]
    if len(strict) == 1:
        return strict[0]
    printed = [(a, edges(ctx, a.condition)) for a in hits]
    starts = [a for a, e in printed if _starts_at(a, e, x)]
    ctx.convention = "boundary-lower-band-start"
    chosen, how = (starts or hits)[0], "正好在两档的边界上，评分标准没有写明归哪一档：按“下限含、上限不含”归入"
    if not strict and not starts and not any(e is not None and x in (e.low, e.high) for _, e in printed):
        ctx.convention = "gap-nearer-edge"
        chosen, how = _nearer(printed, x), "落在两档印出的边界之间（边界印为整数）：按更近的边界（四舍五入）归入"
    _alternatives(ctx, hits, chosen, x, how)
    return chosen


def _starts_at(a: rt.Award, e: Edges | None, x: Fraction) -> bool:
    """Does the band start at x, its lower edge's inclusion unprinted (80%-90%, 90%以上)?"""
    return e is not None and e.low is not None and e.low == x and (
        isinstance(a.condition, rt.Between) or e.low_closed is None)


def _alternatives(ctx: Ctx, hits: list[rt.Award], chosen: rt.Award, x: Fraction, how: str) -> None:
    """The other bands' points as alternative readings, and the note that says the choice."""
    pts = [points_of(ctx, a) for a in hits]
    for a in hits:
        if a is not chosen:
            ctx.alternatives[f"band:{pred_text(cast(rt.Predicate, a.condition))}"] = points_of(ctx, a)
    ctx.note("boundary", f"实际值 {fmt(x)} {how}「{pred_text(cast(rt.Predicate, chosen.condition))}」；另一档得 "
                         + "、".join(fmt(p) for p in pts if p != points_of(ctx, chosen)) + " 分")


def _nearer(printed: list[tuple[rt.Award, Edges | None]], x: Fraction) -> rt.Award:
    """Of the bands either side of a printing gap, the one whose printed edge is nearer x; at
    half-way, the upper one (89.5% between 89% and 90% rounds up). One comparison of x with the
    midpoint, so a symbolic x decides it too."""
    below = [(a, e.high) for a, e in printed if e is not None and e.high is not None and e.high < x]
    above = [(a, e.low) for a, e in printed if e is not None and e.low is not None and e.low > x]
    if not below or not above:
        return printed[0][0]
    lower, top = max(below, key=lambda item: item[1])
    upper, bottom = min(above, key=lambda item: item[1])
    return upper if x >= (top + bottom) / 2 else lower


def _in_no_band(ctx: Ctx, numeric: list[rt.Award], others: list[rt.Award], x: Fraction) -> Result:
    """No band holds: 否则 if written; a single threshold not met leaves a range; else unknown."""
    if others:
        ctx.decided(others[0])
        pts = points_of(ctx, others[0])
        ctx.say(f"实际值 {fmt(x)} 不满足以上各档，按“否则”：{fmt(pts)} 分")
        return "score", pts, pts
    worded = [a for a in ctx.rule.of(rt.Award) if a.points is not None and isinstance(a.condition, rt.Condition)]
    if len(numeric) == 1:
        other = _complement(ctx, numeric[0], worded)
        if other is not None:  # 在8月30日之前分派完毕,得5分,未分派完毕不得分
            ctx.decided(other)
            pts = points_of(ctx, other)
            ctx.say(f"实际值未满足「{pred_text(cast(rt.Predicate, numeric[0].condition))}」，即「{pred_text(cast(rt.Predicate, other.condition))}」：{fmt(pts)} 分")
            return "score", pts, pts
        return _one_band_missed(ctx, numeric[0], worded, x)
    gap = in_a_gap(ctx, numeric, x)  # 60%以上(3分) / 50%及以下(2分到0分) at 55%
    if gap is not None:
        return gap
    raise Unknown("outside-bands", f"实际值 {fmt(x)} 不在评分标准的任何一档内")


def _one_band_missed(ctx: Ctx, band: rt.Award, worded: list[rt.Award], x: Fraction) -> Result:
    """The actual is not in the rule's one numeric band. The worded awards beside it may hold
    (全年各分户均符合标准得3分;差错率超过20%不得分 with 5%): anything from 0 to the most they give, or,
    when the actual meets its target (完毕任务得0.5分 with 100% of 100%), the worded award."""
    ctx.decided(band)
    cond = pred_text(cast(rt.Predicate, band.condition))
    best = max([points_of(ctx, a) for a in worded] + [points_of(ctx, band)])
    met = vals.meets(ctx.target, ctx.actual) if not ctx.symbolic and worded else None
    if met:
        pts = points_of(ctx, worded[0])
        ctx.say(f"实际值达到年度指标值，且不在「{cond}」内：按「{pred_text(cast(rt.Predicate, worded[0].condition))}」{fmt(pts)} 分")
        return "score", pts, pts
    if not worded and best < ctx.weight:
        # 低于80%不得分 alone, at 90%: the rule prices only the band it names; outside it the
        # usual reading is full marks, and nothing the rule says rules out less
        ctx.alternatives["outside-band:full"] = F(ctx.weight)
        ctx.say(f"实际值 {fmt(x)} 不在「{cond}」内；评分标准只写了这一档，没有写明此时得几分：0–{fmt(ctx.weight)} 分"
                f"（常见读法是满分 {fmt(ctx.weight)} 分）")
        return "range", F(0), F(ctx.weight)
    ctx.say(f"实际值 {fmt(x)} 不在「{cond}」内；评分标准没有写明此时得几分：0–{fmt(best)} 分")
    return "range", F(0), best


def score_interpolate(ctx: Ctx) -> Result:
    """≥95%得5分；<85%不得分；85%-95%按比例计分: a band outside the interval, else a straight
    line between the points of the bands at its two ends."""
    x = actual_for(ctx, None)
    prop = next(p for p in ctx.rule.of(rt.Proportional) if isinstance(p.scope, rt.Between))
    scope = cast(rt.Between, prop.scope)
    lo, hi = operand_number(ctx, scope.low), operand_number(ctx, scope.high)
    awards = [a for a in ctx.rule.of(rt.Award) if a.points is not None and isinstance(a.condition, (rt.Compare, rt.Between))]
    ctx.bands = awards
    for a in awards:
        if in_condition(ctx, cast(rt.Predicate, a.condition), x) and not (lo < x < hi):
            ctx.decided(a)
            pts = points_of(ctx, a)
            ctx.say(f"实际值 {fmt(x)} 满足「{pred_text(cast(rt.Predicate, a.condition))}」：{fmt(pts)} 分")
            return "score", pts, pts
    if not lo <= x <= hi:
        raise Unknown("outside-bands", f"实际值 {fmt(x)} 不在任何一档内")
    p_lo, p_hi = _end_points(ctx, awards, lo, hi)
    ctx.decided(prop)
    score = p_lo + (p_hi - p_lo) * (x - lo) / (hi - lo)
    ctx.say(f"在 {fmt(lo)}–{fmt(hi)} 之间按比例：{fmt(p_lo)} + ({fmt(p_hi)} − {fmt(p_lo)}) × ({fmt(x)} − {fmt(lo)}) ÷ ({fmt(hi)} − {fmt(lo)}) = {fmt(score)} 分")
    return "score", score, score


def _end_points(ctx: Ctx, awards: list[rt.Award], lo: Fraction, hi: Fraction) -> tuple[Fraction, Fraction]:
    """The points of the bands just below and just above the interpolation interval."""
    below = [a for a in awards if in_condition(ctx, cast(rt.Predicate, a.condition), lo - 1)]
    above = [a for a in awards if in_condition(ctx, cast(rt.Predicate, a.condition), hi + 1)]
    if not below or not above:
        raise Unknown("band-points-unwritten", "按比例的区间两端得分没有写明")
    return points_of(ctx, below[0]), points_of(ctx, above[0])


def score_proportional(ctx: Ctx) -> Result:
    """按完成比例计算得分 (actual ÷ target × weight, or target ÷ actual for a ≤ indicator), and
    得分(20分*执行率)."""
    prop = ctx.rule.of(rt.Proportional)[0]
    if isinstance(prop.scope, rt.Condition) and prop.effect == "score" and not ctx.rule.of(rt.Award):
        raise Unknown("rule-unscoreable", f"按比例计分的范围「{prop.scope.text}」指向评分标准以外的内容（如表中其他各档），无法单独计算")
    ctx.decided(prop)
    _read_past(ctx, prop)
    if _times_rate(prop):  # 得分(20分*执行率), 预算执行率×该项分值; <100%时按完成率×10计分
        return _rate_in_band(ctx, prop)
    x = need_number(ctx, "actual")
    below = _below_threshold(ctx, prop)
    if below is not None:
        return _below(ctx, prop, below, x)
    t = need_number(ctx, "target")
    reverse = _reverse(ctx, prop)
    if (x <= t) if reverse else (x >= t):
        ctx.say(f"实际值 {fmt(x)} {'≤' if reverse else '≥'} 指标值 {fmt(t)}：满分 {fmt(ctx.weight)} 分")
        return "score", ctx.weight, ctx.weight
    if (x if reverse else t) == 0:
        raise Unknown("zero-denominator", "比例的分母为 0，无法计算")
    share = t / x if reverse else x / t
    score = share * ctx.weight
    formula = "年度指标值 ÷ 实际值" if reverse else "实际值 ÷ 年度指标值"
    ctx.say(f"得分 = {formula} × 分值 = {fmt(t if reverse else x)} ÷ {fmt(x if reverse else t)} × {fmt(ctx.weight)} = {fmt(score)} 分")
    return "score", score, score


def _times_rate(prop: rt.Proportional) -> bool:
    return prop.weight is not None or prop.rate


def _rate_in_band(ctx: Ctx, prop: rt.Proportional) -> Result:
    banded = _outside_scope(ctx, prop)
    return banded if banded is not None else _rate_times(ctx, prop)


def _outside_scope(ctx: Ctx, prop: rt.Proportional) -> Result | None:
    """A rate formula that holds in one band (<100%时按完成率×10计分, 80%-90%得分=完成率×分值):
    outside it the band beside it that holds the actual decides, and on an edge that band says it
    includes (达到90%(含)以上得满分 at 90%); on an edge neither says (85% in 85%-95% and 85%以下), the
    formula's band, as for bands (下限含、上限不含), the other band's points named. None: the formula."""
    if not _banded(prop):
        return None
    scope = cast(rt.Compare | rt.Between, prop.scope)
    x = need_number(ctx, "actual")
    if in_condition(ctx, scope, x, lenient=False):
        return None
    printed = _band_holding(ctx, x, lenient=False)
    if printed is not None:
        return _band_score(ctx, printed, x)
    beside = _band_holding(ctx, x, lenient=True)
    if not in_condition(ctx, scope, x):
        if beside is None:
            raise Unknown("outside-bands", f"实际值 {fmt(x)} 不在评分标准的任何一档内")
        return _band_score(ctx, beside, x)
    if beside is not None:
        pts = points_of(ctx, beside)
        ctx.alternatives[f"band:{pred_text(cast(rt.Predicate, beside.condition))}"] = pts
        ctx.note("boundary", f"实际值 {fmt(x)} 正好在两档的边界上，评分标准没有写明归哪一档：按“下限含、上限不含”归入"
                             f"「{pred_text(scope)}」的公式；另一档「{pred_text(cast(rt.Predicate, beside.condition))}」"
                             f"得 {fmt(pts)} 分")
    return None


def _banded(prop: rt.Proportional) -> bool:
    """A rate formula written for one band of the actual (<100%时, 80%(含)-90%); a bare value before
    it (执行率=实际采购金额/采购预算×100%, defining the rate) is no band."""
    scope = prop.scope
    return _times_rate(prop) and (isinstance(scope, rt.Between)
                                  or (isinstance(scope, rt.Compare) and scope.op not in ("stated", "=")))


def _band_holding(ctx: Ctx, x: Fraction, lenient: bool = True) -> rt.Award | None:
    """The numeric band with points that holds the actual x (`lenient`: also on an edge it does not
    say it includes), or None."""
    return next((a for a in ctx.rule.of(rt.Award) if a.points is not None
                 and isinstance(a.condition, (rt.Compare, rt.Between)) and in_condition(ctx, a.condition, x, lenient)),
                None)


def _band_score(ctx: Ctx, a: rt.Award, x: Fraction) -> Result:
    ctx.decided(a)
    pts = points_of(ctx, a)
    ctx.say(f"实际值 {fmt(x)} 满足「{pred_text(cast(rt.Predicate, a.condition))}」：{fmt(pts)} 分")
    return "score", pts, pts


def _rate_times(ctx: Ctx, prop: rt.Proportional) -> Result:
    """得分(20分*执行率): the rate times the points printed, or the row's weight."""
    rate = _rate(ctx)
    points = F(prop.weight) if prop.weight is not None else ctx.weight
    score = points * rate / 100
    ctx.say(f"得分 = {fmt(points)} × {fmt(rate)}% = {fmt(score)} 分")
    _rate_of_the_target(ctx, rate, points)
    return "score", score, score


def _rate_of_the_target(ctx: Ctx, rate: Fraction, points: Fraction) -> None:
    """完成率×分值 with 88% against a target of 95%: the rate read is the actual as printed; if 完成率
    means the share of the target reached (88 ÷ 95), the other reading is named."""
    t, a = ctx.target, ctx.actual
    if ctx.symbolic or not isinstance(t, vals.Quantity) or not isinstance(a, vals.Quantity) \
            or t.unit != "%" or a.unit != "%" or not t.number or t.number == 100:
        return
    alt = points * rate / F(t.number)
    ctx.alternatives["rate-of-target"] = alt
    ctx.note("rate-reading", f"完成率按实际完成值 {fmt(rate)}% 计；若完成率指实际值占年度指标值 {fmt(F(t.number))}% 的比例，"
                             f"得 {fmt(alt)} 分")


def _rate(ctx: Ctx) -> Fraction:
    """The rate a formula multiplies (执行率, 完成率), in percent: a percentage (or bare number)
    actual as it is; a count or amount against a target in the same unit (30个 of 40个), the share
    it is; a count with nothing to divide it by is no rate (unknown, never 30 read as 30%)."""
    x = need_number(ctx, "actual")
    unit = getattr(ctx.actual, "unit", None)
    if unit in ("%", None) or ctx.symbolic:  # 95% or 95 as printed; a symbolic actual (engine.lint.form)
        return x
    target = ctx.target
    if isinstance(target, vals.Quantity) and target.number and getattr(target, "unit", None) == unit:
        rate = x / F(target.number) * 100
        ctx.say(f"完成率 = {fmt(x)} ÷ {fmt(target.number)} = {fmt(rate)}%")
        return rate
    raise Unknown("value-unquantified", f"实际完成值「{getattr(ctx.actual, 'text', '')}」不是比率，"
                                        "年度指标值也没有给出可以相除的同一单位的数")


def _below_threshold(ctx: Ctx, prop: rt.Proportional) -> rt.Compare | None:
    """低于40%按百分比得分 beside ≥40%得10分: the proportion is for actuals below a stated threshold."""
    scope = prop.scope
    if isinstance(scope, rt.Compare) and scope.op in ("<", "<=") and isinstance(scope.operand, rt.Quantity) \
            and prop.weight is None and not prop.reverse and prop.effect == "score":
        return scope
    return None


def _below(ctx: Ctx, prop: rt.Proportional, scope: rt.Compare, x: Fraction) -> Result:
    """Below the threshold: actual ÷ the target (or, with none, ÷ the threshold) × weight; 按百分比
    without saying of what also reads as actual% × weight (the other reading). Elsewhere a band
    beside it decides."""
    if not in_condition(ctx, scope, x):
        beside = _band_holding(ctx, x)
        if beside is not None:
            return _band_score(ctx, beside, x)
        raise Unknown("outside-bands", f"实际值 {fmt(x)} 不在评分标准的任何一档内")
    ctx.decided(prop)
    if ctx.target is not None:
        t, of = need_number(ctx, "target"), "年度指标值"
    else:
        t = operand_number(ctx, scope.operand)
        of = f"门槛 {fmt(t)}"
    if t == 0:
        raise Unknown("zero-denominator", "比例的分母为 0，无法计算")
    score = x / t * ctx.weight
    ctx.say(f"低于门槛，按比例：{fmt(x)} ÷ {fmt(t)}（{of}）× {fmt(ctx.weight)} = {fmt(score)} 分")
    if prop.percent and not ctx.symbolic:
        alt = x / 100 * ctx.weight
        ctx.alternatives["percent-of-weight"] = alt
        ctx.note("percent-reading", f"「按百分比得分」没有写明是谁的百分比：本结果按实际值占{of}的比例；"
                                    f"若按实际值 {fmt(x)}% × 分值，得 {fmt(alt)} 分")
    return "score", score, score


def _read_past(ctx: Ctx, prop: rt.Proportional) -> None:
    """A proportional rule scores by its first formula alone: its bands and other formulas are read
    past (a formula that holds in one band leaves the others to the bands)."""
    for a in ctx.rule.of(rt.Award) if not _banded(prop) else ():
        ctx.read_past.append((a, "按比例计分时，这一档不起作用"))
    for other in ctx.rule.of(rt.Proportional)[1:]:
        ctx.read_past.append((other, "只按第一条比例公式计分，这一条不起作用"))


def _reverse(ctx: Ctx, prop: rt.Proportional) -> bool:
    """target ÷ actual: written so, or a ≤ target with no (指标值为≥*) / (指标值≤*) saying otherwise."""
    if prop.reverse:
        return True
    if not ctx.rule.of(rt.Applies) and vals.good_direction(ctx.target) == "lower":
        ctx.note("reverse-indicator", "年度指标值是“≤”（反向）指标，按 年度指标值 ÷ 实际值 计算")
        return True
    return False
