"""Step rules: 每减少1%扣0.5分, 每超过一个百分点扣0.8分, 每出现一例扣1分, with their thresholds,
bands written beside them, deduction caps and a stated base score."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import cast

from engine import lexicon
from engine.scoring.memo import per_rule
from engine import values as vals
from engine.values.dates import Date, days_between, months_between
from engine.language import tree as rt
from engine.language.printer import predicate as pred_text
from engine.scoring.conditions import holds, in_condition
from engine.scoring.context import Ctx, actual_for, good_direction, operand_number, points_of
from engine.scoring.numbers import F, fmt, ratio
from engine.scoring.outcome import PARTIAL_STEP_NAMES, Result, Unknown
from engine.scoring.shape import is_count, score_ceiling


_SYMBOL = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "reach": "达到", "stated": "达到", "not_reach": "达到"}


@dataclass(frozen=True)
class _Frame:
    """What a step rule states besides its first step: the award that gives full marks (a
    threshold, or worded), the full marks, a stated base score, the threshold the steps start from."""

    step: rt.Step
    threshold_award: rt.Award | None
    worded_award: rt.Award | None
    full: Fraction
    base_scale: Fraction | None
    threshold: rt.Compare | None
    standard: rt.Standard | None

    @property
    def first(self) -> rt.Award | None:
        return self.threshold_award or self.worded_award


def _frame(ctx: Ctx) -> _Frame:
    steps = ctx.rule.of(rt.Step)
    # the award that gives the full marks: not one that gives nothing (未上报的不得分)
    awards = [a for a in ctx.rule.of(rt.Award) if a.points is not None and a.points.value != 0]
    threshold_award = next((a for a in awards if isinstance(a.condition, rt.Compare)), None)
    worded_award = _worded_or_base(awards)
    first = threshold_award or worded_award
    full = ctx.weight if first is None else points_of(ctx, first)
    base_scale = next((F(s.base) for s in steps if s.base is not None), None)
    if first is None and base_scale is None and _bonus_only(ctx.rule):
        full = F(0)
    step = _step_named(ctx, steps)
    threshold = step.threshold or (cast(rt.Compare, threshold_award.condition) if threshold_award else None)
    return _Frame(step, threshold_award, worded_award, base_scale if base_scale is not None else full, base_scale,
                  threshold, next(iter(ctx.rule.of(rt.Standard)), None))


def _bonus_only(rule: rt.Rule) -> bool:
    """每开展一项加2分，最多加3分: a rule that only adds points per event (a count, not a change past a
    target: 每超5%加0.5分 adds to full marks), with no award, base or full marks to add to, counts its
    bonus from 0 (the evaluator names the reading from the weight)."""
    steps = rule.of(rt.Step)
    return bool(steps) and all(s.effect == "add" and (is_count(s) or s.direction == "occurrence") for s in steps) \
        and not rule.of(rt.FullMarks) \
        and not rule.of(rt.Deduct) and not rule.of(rt.Award)


def _worded_or_base(awards: list[rt.Award]) -> rt.Award | None:
    """The first award of a worded condition, else points with no condition (基础分2分，每增加一家加0.5分:
    where the steps start)."""
    worded = next((a for a in awards if isinstance(a.condition, rt.Condition)), None)
    return worded if worded is not None else next((a for a in awards if a.condition is None), None)


def _step_named(ctx: Ctx, steps: list[rt.Step]) -> rt.Step:
    """The step the actual's words name (比上一年降低1个百分点 against 每提高…加2分，每降低…扣2.5分),
    else the first."""
    a = ctx.actual
    if len(steps) > 1 and isinstance(a, vals.Quantity) and not ctx.symbolic:
        named = [s for s in steps if s.verb and s.verb in a.text]
        if len(named) == 1:
            ctx.say(f"实际完成值「{a.text}」写明了“{named[0].verb}”：按「每{named[0].verb}…」这一条计")
            return named[0]
    return steps[0]


_LAST_YEAR = lexicon.words("comparators.rule.last_year")


_CHANGE = lexicon.words("comparators.cell.before.change")


def _a_change(v: vals.Value | None) -> bool:
    """增长5% / 提高2个百分点: a cell that states a change, not a level."""
    return isinstance(v, vals.Quantity) and any(w in v.text for w in _CHANGE)


def _from_last_year(rule: rt.Rule) -> str | None:
    """比上一年每提高1个百分点: the words that measure the steps from last year, or None."""
    steps: list[rt.Step] = rule.of(rt.Step)
    return next((s.subject for s in steps if s.subject and any(w in s.subject for w in _LAST_YEAR)), None)


def score_steps(ctx: Ctx) -> Result:
    frame = _frame(ctx)
    result = _steps(ctx, frame)
    _stated_full_reading(ctx, frame, result)
    if frame.first is None and frame.base_scale is None and _bonus_only(ctx.rule) and result[0] == "score" \
            and not ctx.symbolic:
        ctx.alternatives["bonus-from-weight"] = result[1] + ctx.weight
        ctx.note("bonus-from-zero", f"评分标准只写了加分，没有写基础分：本结果从 0 分加起，得 {fmt(result[1])} 分；"
                                    f"若从分值 {fmt(ctx.weight)} 分加起，得 {fmt(result[1] + ctx.weight)} 分（以分值封顶）")
    return result


def _stated_full_reading(ctx: Ctx, frame: _Frame, result: Result) -> None:
    """满分15分.…50天以上得10分,少于50天的每天扣0.1分: the rule states full marks (15) other than
    what meeting it gives (10); the other reading counts from the stated full marks."""
    marks = ctx.rule.of(rt.FullMarks)
    if not marks or frame.base_scale is not None or ctx.symbolic or result[0] != "score":
        return
    stated = F(marks[0].points)
    if stated == frame.full:
        return
    alt = result[1] + (stated - frame.full)
    ctx.alternatives["stated-full-marks"] = alt
    ctx.note("full-marks-reading", f"评分标准写明满分 {fmt(stated)} 分，而达到要求记 {fmt(frame.full)} 分：本结果按后者；"
                                   f"若从满分 {fmt(stated)} 分算起，得 {fmt(alt)} 分")


def _steps(ctx: Ctx, frame: _Frame) -> Result:
    step = frame.step
    ctx.say(f"满分（规则所写）：{fmt(frame.full)} 分")
    _read_past(ctx, [step] + [s for s in ctx.rule.of(rt.Step) if s is not step], frame.first)
    good, why = good_direction(ctx)
    if _counts_events(frame):
        return _events(ctx, frame)
    early = _stated_change(ctx, frame)
    if early is not None:
        return early
    base, op = _base(ctx, frame)
    x = actual_for(ctx, frame.threshold.operand if frame.threshold else None)
    is_class = frame.threshold is not None and isinstance(frame.threshold.operand, rt.ClassLevel)
    penalised = _penalised(step, is_class)
    ctx.grid = (base, step_size(ctx, step), {"lower": "below", "higher": "above", "both": "both"}[penalised])
    _say_direction(ctx, penalised, is_class, ("lower", "水质类别越小越好") if is_class else (good, why), step.effect)
    if step.effect == "add":
        return _bonus(ctx, frame, x, base, op, penalised)
    if _met(x, op, base, penalised) and not (frame.threshold is not None and op in (">", "<")
                                             and step.threshold is not None):
        ctx.by = frame.first
        ctx.say(f"实际值 {fmt(x)} {_SYMBOL[op]} {fmt(base)}：达到满分条件，得 {fmt(frame.full)} 分")
        return _full(ctx, frame)
    beside = _band_beside(ctx, frame, x, _gap(x, base, penalised)[0])
    if beside is not None:
        return beside
    gap, gap_text = _relative(ctx, step, *_gap(x, base, penalised), base)
    if gap <= 0:
        ctx.by = frame.first
        ctx.say(f"实际值 {fmt(x)} 没有向扣分方向偏离 {fmt(base)}，不扣分，得 {fmt(frame.full)} 分")
        return _full(ctx, frame)
    _say_gap(ctx, step, gap, gap_text, is_class)
    return apply_steps(ctx, step, frame.full, gap, frame.base_scale)


def _bonus(ctx: Ctx, frame: _Frame, x: Fraction, base: Fraction, op: str, penalised: str) -> Result:
    """A bonus step (达到标准6分，每降低1%加2分): a band beside decides where it holds (高于标准不得分);
    past the base the steps add; at it the base award; short of it the award is not reached and
    the rule does not say what that gives."""
    beside = _band_beside(ctx, frame, x)
    if beside is not None:
        return beside
    gap, gap_text = _gap(x, base, penalised)
    if gap > 0:
        _say_gap(ctx, frame.step, gap, gap_text, False)
        return apply_steps(ctx, frame.step, frame.full, gap, frame.base_scale)
    ctx.by = frame.first
    if gap == 0 and _met(x, op, base, penalised):
        ctx.say(f"实际值 {fmt(x)} {_SYMBOL[op]} {fmt(base)}：达到得分条件，得 {fmt(frame.full)} 分")
        return _full(ctx, frame)
    full = rescale(ctx, frame.full, frame.base_scale, quiet=True)
    ctx.say(f"实际值 {fmt(x)} 未达到加分的起点 {fmt(base)}；评分标准没有写明此时得几分：0–{fmt(full)} 分")
    return "range", F(0), full


def _stated_change(ctx: Ctx, frame: _Frame) -> Result | None:
    """The change the actual states (or its date's delay); a rule measured from last year needs
    one (or a target and an actual that are both changes, 增长5% and 增长6%): the table never
    gives last year's value."""
    early = _from_the_words(ctx, frame) or _late(ctx, frame)
    if early is not None:
        return early
    last_year = _from_last_year(ctx.rule)
    if last_year is not None and not (_a_change(ctx.target) and _a_change(ctx.actual)):
        raise Unknown("value-unquantified", f"评分标准按「{last_year}」的变化计分，实际完成值没有写明"
                                            f"比上一年{frame.step.verb}（或其他变化）了多少，表中也没有上一年的数值")
    return None


def _counts_events(frame: _Frame) -> bool:
    """每出现一例, or a count step (每少一项) with nothing else to start from."""
    step = frame.step
    if step.direction == "occurrence":
        return not _level_past_threshold(frame)
    return step.direction in ("increase", "decrease") and frame.threshold is None \
        and frame.standard is None and step.reference is None and is_count(step)


_LEVEL_UNITS = ("%", "百分点", "个百分点")


def _level_past_threshold(frame: _Frame) -> bool:
    """≤100%得满分，每上浮1个百分点扣0.5分: a step with no verb the lexicon knows, measured in
    percentage points after a threshold, steps past the threshold; counting the actual's own
    level (103 steps) as events is no reading of it."""
    step = frame.step
    return step.verb == "" and frame.threshold is not None and (step.size.unit or "") in _LEVEL_UNITS


def _full(ctx: Ctx, frame: _Frame) -> Result:
    score = rescale(ctx, frame.full, frame.base_scale)
    return "score", score, score


def _from_the_words(ctx: Ctx, frame: _Frame) -> Result | None:
    """An actual that states the change itself (超过3个百分点), or a worded actual for a rule
    whose full marks are worded (已全部完成记10分；每…扣…)."""
    step, a = frame.step, ctx.actual
    if _a_change(ctx.target) and _a_change(a):  # 增长5% against 增长7%: steps past the target's change
        ctx.say("年度指标值与实际完成值都写的是变化幅度：按两者之差计步")
        return None
    if isinstance(a, vals.Quantity) and step.verb and step.verb in a.text and step.direction != "occurrence":
        gap = F(a.number)
        ctx.say(f"实际完成值「{a.text}」直接写明了{step.verb}的数额：{fmt(gap)}{step.size.unit or ''}")
        return apply_steps(ctx, step, frame.full, gap, frame.base_scale)
    if frame.threshold is None and frame.worded_award is not None and isinstance(a, vals.Qualitative):
        words = cast(rt.Condition, frame.worded_award.condition).text
        if a.tier == "achieved":
            ctx.note("qualitative-actual", f"实际完成值「{a.text}」是文字，按满足「{words}」理解")
            ctx.say(f"满足「{words}」：{fmt(frame.full)} 分")
            return "score", frame.full, frame.full
        raise Unknown("value-unquantified", f"实际完成值「{a.text}」没有给出偏离多少，无法按步计算")
    return None


_MONTHS = ("个月", "月")
_DAY_UNITS = ("天", "日", "工作日")


def _late(ctx: Ctx, frame: _Frame) -> Result | None:
    """A date actual against a deadline (the target, or the date the rule names): the delay, in
    the step's unit (2024年10月底前 → 2024年12月: 2 个月), never the date read as a count."""
    step, a = frame.step, ctx.actual
    if not isinstance(a, Date) or ctx.symbolic:
        return None
    due = _deadline(ctx, frame)
    unit = step.size.unit or ""
    late = _delay(ctx, due, a, unit)
    ctx.say(f"截止：{due.describe()}；完成：{a.describe()}；延迟 {max(late, 0)}{unit}")
    if late <= 0:
        ctx.decided(frame.first) if frame.first is not None else None
        return _full(ctx, frame)
    return apply_steps(ctx, step, frame.full, F(late), frame.base_scale)


def _deadline(ctx: Ctx, frame: _Frame) -> Date:
    """The date the actual is due: the target when it is a date, else the date the rule names."""
    if isinstance(ctx.target, Date):
        return ctx.target
    mark = frame.threshold.operand if frame.threshold is not None else None
    if isinstance(mark, rt.DateMark):
        return Date(mark.year, mark.month, mark.day, "end" if mark.part == "end" else None, "<=", "")
    raise Unknown("value-missing", f"实际完成值是日期「{cast(Date, ctx.actual).text}」，但没有写明截止日期，无法计算延迟")


_DAYS_IN = {unit: F(days) for unit, days in lexicon.ranks("units.days_in").items()}  # 周 = 7 days


def _delay(ctx: Ctx, due: Date, a: Date, unit: str) -> Fraction:
    """How late `a` is after `due`, in the step's unit (months, or days: 工作日 counted as days;
    another unit of time, 周, in days by units.toml days_in: a part of a step is left to the
    reading of an incomplete step)."""
    year = a.year or due.year or 2001
    late: int | Fraction | None
    if unit in _MONTHS:
        late = months_between(due, a, year)
    elif unit in _DAYS_IN and unit not in _DAY_UNITS:
        days = days_between(due, a, year)
        late = None if days is None else F(days) / _DAYS_IN[unit]
        if days is not None:
            ctx.say(f"延迟 {days} 天，按每{unit} {fmt(_DAYS_IN[unit])} 天折算为 {fmt(late)}{unit}")
    elif unit in _DAY_UNITS:
        late = days_between(due, a, year)
        if unit == "工作日":
            ctx.note("working-days", "按自然日计算延迟，未扣除节假日（评分标准按工作日计）")
    else:
        raise Unknown("value-unquantified", f"实际完成值是日期「{a.text}」，而每步的单位是「{unit}」，无法换算")
    if late is None:
        raise Unknown("value-unquantified", f"日期「{due.text or '截止日期'}」与「{a.text}」无法相减")
    return F(late)


def _base(ctx: Ctx, frame: _Frame) -> tuple[Fraction, str]:
    """Where the steps start, and how: a threshold (≥90%), a standard (以100%为标准), the
    reference a step names (每低于目标值…), else the target (达到 it)."""
    if frame.threshold is not None:
        return operand_number(ctx, frame.threshold.operand), frame.threshold.op
    if frame.standard is not None:
        return operand_number(ctx, frame.standard.operand), "reach"
    if frame.step.reference is not None:
        return operand_number(ctx, frame.step.reference), "reach"
    return operand_number(ctx, rt.Reference("年度指标值")), "reach"


def _penalised(step: rt.Step, is_class: bool) -> str:
    """Which change of the actual the rule penalises: lower, higher or both (a deviation)."""
    if step.direction == "decrease":
        return "higher" if is_class else "lower"  # a class 下降 means a larger rank
    if step.direction == "increase":
        return "higher"
    return "both"


def _say_direction(ctx: Ctx, penalised: str, is_class: bool, good_why: tuple[str | None, str],
                   effect: str = "deduct") -> None:
    """Which change the rule penalises (a bonus step: rewards), and whether that is an
    improvement (a note when a deduction punishes one)."""
    good, why = good_why
    word = {"lower": "变小", "higher": "变大", "both": "偏离（不论方向）"}[penalised]
    if is_class:
        word = "变差（类别变大）" if penalised == "higher" else "变好（类别变小）"
    verb = "扣分" if effect == "deduct" else "加分"
    ctx.say(f"方向：规则对实际值{word}{verb}；该指标"
            + (f"越{'低' if good == 'lower' else '高'}越好（依据：{why}）" if good else "的好坏方向无从判断"))
    if good and penalised == good and effect == "deduct":
        ctx.note("penalises-improvement", f"规则对实际值{word}扣分，而该指标越{'低' if good == 'lower' else '高'}越好"
                                          f"（依据：{why}）：规则惩罚的是改善")


def _met(x: Fraction, op: str, base: Fraction, penalised: str) -> bool:
    """Full marks: the threshold holds (≥90%), or, for 达到 X (and 未达到X的，每减少…), the actual has
    not moved from X in the penalised direction."""
    if op in (">=", ">", "<=", "<", "="):
        return holds(x, op, base)
    if penalised == "higher":
        return x <= base
    if penalised == "lower":
        return x >= base
    return x == base


def _band_beside(ctx: Ctx, frame: _Frame, x: Fraction, gap: Fraction | None = None) -> Result | None:
    """After full marks, a band written beside the steps (…每下降5%扣0.5分；低于60%不得分)
    decides where it holds. A band whose subject is the step's own verb (每超支1%扣0.5分，超支10%以上
    不得分) bounds how far the actual moved, `gap`, never the actual itself. Steps written for a band
    (80%-100%每降低1%扣0.2分) hold in it: the bands beside decide outside it, and on an edge both leave
    unsaid (80% and 80%以下) the steps' band is read (下限含), the other band's points named; outside
    it with no band, unknown."""
    within = frame.step.within
    if within is not None and in_condition(ctx, within, x, lenient=False):
        return None
    beside = _band_beside_steps(ctx, frame, x, gap, within)
    if beside is None and within is not None and not in_condition(ctx, within, x):
        raise Unknown("outside-bands", f"实际值 {fmt(x)} 不在按步扣分的「{pred_text(within)}」内，评分标准也没有写明此时得几分")
    return beside


def _band_beside_steps(ctx: Ctx, frame: _Frame, x: Fraction, gap: Fraction | None,
                       within: rt.Between | None) -> Result | None:
    for other in ctx.rule.of(rt.Award):
        if other.points is None or other is frame.threshold_award \
                or not isinstance(other.condition, (rt.Compare, rt.Between)):
            continue
        moved = gap is not None and bool(frame.step.verb) and (_subject(other.condition) or "").endswith(frame.step.verb)
        measure = cast(Fraction, gap) if moved else x
        if in_condition(ctx, other.condition, measure):
            pts = points_of(ctx, other)
            if _on_the_steps_edge(ctx, within, other, x, pts):
                return None
            ctx.decided(other)
            what = f"{frame.step.verb} {fmt(measure)}" if moved else f"实际值 {fmt(x)}"
            ctx.say(f"{what} 满足「{pred_text(other.condition)}」：{fmt(pts)} 分（这一档优先于按步计算）")
            return "score", pts, pts
    return None


def _on_the_steps_edge(ctx: Ctx, within: rt.Between | None, other: rt.Award, x: Fraction, pts: Fraction) -> bool:
    """80% in 80%-100%每降低1%… and in 80%以下, neither says: the steps, the other band's points named."""
    if within is None or not in_condition(ctx, within, x):
        return False
    condition = cast(rt.Compare | rt.Between, other.condition)
    ctx.alternatives[f"band:{pred_text(condition)}"] = pts
    ctx.note("boundary", f"实际值 {fmt(x)} 正好在「{pred_text(within)}」与「{pred_text(condition)}」的边界上，"
                         f"评分标准没有写明归哪一档：按“下限含”按步计算；另一档得 {fmt(pts)} 分")
    return True


def _subject(condition: rt.Compare | rt.Between) -> str | None:
    return condition.subject if isinstance(condition, rt.Compare) else None


def _gap(x: Fraction, base: Fraction, penalised: str) -> tuple[Fraction, str]:
    """How far the actual moved in the penalised direction, and the arithmetic as text."""
    if penalised == "lower":
        return base - x, f"{fmt(base)} − {fmt(x)}"
    if penalised == "higher":
        return x - base, f"{fmt(x)} − {fmt(base)}"
    return abs(x - base), f"|{fmt(x)} − {fmt(base)}|"


def _relative(ctx: Ctx, step: rt.Step, gap: Fraction, gap_text: str, base: Fraction) -> tuple[Fraction, str]:
    """每超过5%扣1分 against an amount (230元/人 against 200元/人): a step in percent of a value
    that is no percentage is a share of the base (15%), never 30 percentage points."""
    a = ctx.actual
    if step.size.unit != "%" or not isinstance(a, vals.Quantity) or a.unit in (None, "%", "百分点") \
            or base == 0 or ctx.symbolic:
        return gap, gap_text
    share = gap / abs(base) * 100
    ctx.say(f"实际值的单位是「{a.unit}」，步长是百分数：偏离按年度指标值的百分比计")
    return share, f"({gap_text}) ÷ {fmt(abs(base))} × 100%"


def _say_gap(ctx: Ctx, step: rt.Step, gap: Fraction, gap_text: str, is_class: bool) -> None:
    unit = step.size.unit or ""
    percent = unit in ("%", "百分点")
    ctx.say(f"偏离 = {gap_text} = {fmt(gap)}{'' if percent else unit}{'（百分点）' if percent else ''}")
    if percent and not (isinstance(ctx.actual, vals.Quantity) and ctx.actual.unit in ("%", "百分点")) \
            and not is_class:
        ctx.note("unit", "步长以百分数表示，实际值未写“%”：按同一单位（百分点）计算")


def apply_steps(ctx: Ctx, step: rt.Step, full: Fraction, gap: Fraction, base_scale: Fraction | None) -> tuple[str, Fraction, Fraction]:
    """Deduct (or add) whole steps of `gap` from `full`, recording the other readings."""
    size = step_size(ctx, step)
    ctx.decided(step)
    raw = ratio(gap, size)
    whole = F(math.floor(raw))
    up = F(math.ceil(raw))
    readings = {"floor": whole, "proportional": raw, "ceiling": up}
    n = readings[ctx.partial]
    ctx.convention = ctx.partial
    verb = "扣" if step.effect == "deduct" else "加"
    ctx.say(f"步数 = {fmt(gap)} ÷ {fmt(size)} = {fmt(raw)}，{PARTIAL_STEP_NAMES[ctx.partial]} → {fmt(n)} 步")
    amount = n * F(step.points)
    ctx.say(f"{verb}分 = {fmt(n)} × {fmt(step.points)} = {fmt(amount)} 分")
    amount = cap_deduction(ctx, _in_band(ctx, step, gap, amount), step.effect)
    score = full - amount if step.effect == "deduct" else full + amount
    ctx.say(f"{fmt(full)} {'−' if step.effect == 'deduct' else '+'} {fmt(amount)} = {fmt(score)} 分")
    if not ctx.symbolic and whole != raw:  # the other readings of a partial step (a concrete actual only)
        _other_readings(ctx, step, full, score, readings, base_scale, gap)
    result = rescale(ctx, score, base_scale)
    if step.effect == "add" and not ctx.symbolic:
        _above_weight(ctx, result)
    return "score", result, result


def _in_band(ctx: Ctx, step: rt.Step, gap: Fraction, amount: Fraction, quiet: bool = False) -> Fraction:
    """降低2%以上加4分: from the band's change on, the step gives the band's points in all."""
    if step.band_from is None or step.band_points is None or gap < F(step.band_from.value):
        return amount
    if not quiet:
        ctx.say(f"偏离 {fmt(gap)} 达到「{step.verb}{fmt(step.band_from.value)}{step.band_from.unit or ''}以上」："
                f"{'扣' if step.effect == 'deduct' else '加'} {fmt(step.band_points)} 分")
    return F(step.band_points)


def _above_weight(ctx: Ctx, score: Fraction) -> None:
    """A bonus past the weight: capped at the weight (the reading used) unless the rule writes its
    own ceiling; a bonus rule may also mean the points above it (the other reading)."""
    if score > ctx.weight and not ctx.rule.of(rt.Cap):
        ctx.alternatives["bonus-above-weight"] = score
        ctx.note("bonus-above-weight", f"加分后 {fmt(score)} 分超过分值 {fmt(ctx.weight)} 分：本结果以分值封顶；"
                                       f"若加分可以超过分值，得 {fmt(score)} 分")


def _other_readings(ctx: Ctx, step: rt.Step, full: Fraction, score: Fraction, readings: dict[str, Fraction],
                    base_scale: Fraction | None, gap: Fraction) -> None:
    """A partial step is a judgement call: record what the other readings give, and say so when
    one of them gives another score."""
    cap = deduction_cap(ctx, step.effect)
    for name, steps_n in readings.items():
        if name == ctx.partial:
            continue
        alt_amount = _in_band(ctx, step, gap, steps_n * F(step.points), quiet=True)
        if cap is not None:
            alt_amount = min(alt_amount, cap)
        alt = full - alt_amount if step.effect == "deduct" else full + alt_amount
        ctx.alternatives[name] = rescale(ctx, alt, base_scale, quiet=True)
    ceiling = score_ceiling(ctx.rule, ctx.weight)
    chosen = min(max(rescale(ctx, score, base_scale, quiet=True), F(0)), ceiling)
    shown = {k: min(max(v, F(0)), ceiling) for k, v in ctx.alternatives.items()}
    if any(v != chosen for v in shown.values()):
        ctx.note("partial-step", f"不足一步的部分是判断问题：本结果{PARTIAL_STEP_NAMES[ctx.partial]}；" + "；".join(
            f"若{PARTIAL_STEP_NAMES[k]}得 {fmt(v)} 分" for k, v in shown.items()))


def count_steps(ctx: Ctx, step: rt.Step, full: Fraction, worded_award: rt.Award | None) -> tuple[str, Fraction, Fraction]:
    """每出现一例…扣1分 / 每少一项扣1分 / 未完成工作每增加一项扣0.5分: count the events."""
    count = _count(ctx, step)
    ctx.decided(step)
    n = F(math.floor(ratio(count, F(step.size.value))))
    deducts = step.effect == "deduct"
    ctx.say(f"{'扣分' if deducts else '加分'} = {fmt(n)} × {fmt(step.points)} = {fmt(n * F(step.points))} 分")
    amount = cap_deduction(ctx, n * F(step.points), step.effect)
    score = full - amount if deducts else full + amount
    ctx.say(f"{fmt(full)} {'−' if deducts else '+'} {fmt(amount)} = {fmt(score)} 分")
    return "score", score, score


def _events(ctx: Ctx, frame: _Frame) -> Result:
    """A rule that counts events: a table of counts, else steps of events."""
    table = _count_table(ctx, frame)
    return table if table is not None else count_steps(ctx, frame.step, frame.full, frame.worded_award)


def _count_table(ctx: Ctx, frame: _Frame) -> Result | None:
    """出现1次扣1分，出现2次扣3分，出现3次及以上不得分: counts written without 每, one clause per
    count, with points not in proportion to the counts, are a table of counts (the clause of the
    actual's count decides), not steps of each size; the per-occurrence reading of the first is
    given beside. A count the table does not list is unknown. None: no such table."""
    steps = _table_rows(ctx.rule)
    if steps is None:
        return None
    count = _count(ctx, frame.step)
    beside = _band_beside(ctx, frame, count)  # 出现3次及以上不得分
    if beside is not None:
        return beside
    if count == 0:
        ctx.say(f"没有出现：不扣分，{fmt(frame.full)} 分")
        return "score", frame.full, frame.full
    row = next((s for s in steps if F(s.size.value) == count), None)
    if row is None:
        raise Unknown("outside-bands", f"次数 {fmt(count)}：评分标准只写了"
                                       f"{'、'.join(fmt(s.size.value) for s in steps)}{frame.step.size.unit or ''}各扣几分")
    ctx.decided(row)
    score = frame.full - F(row.points)
    ctx.say(f"次数 {fmt(count)}{row.size.unit or ''}：按「{frame.step.verb}{fmt(row.size.value)}{row.size.unit or ''}"
            f"扣{fmt(row.points)}分」这一档，{fmt(frame.full)} − {fmt(row.points)} = {fmt(score)} 分")
    _per_occurrence(ctx, steps[0], frame.full, count, score)
    return "score", score, score


def count_table(rule: rt.Rule) -> bool:
    """Is this rule a table of counts (出现1次扣1分，出现2次扣3分)? (engine.scoring.parts leaves it here.)"""
    return _table_rows(rule) is not None


@per_rule
def _table_rows(rule: rt.Rule) -> tuple[rt.Step, ...] | None:
    """The deduction steps of a table of counts (see `_count_table`), or None: the rule alone decides."""
    steps = tuple(s for s in rule.of(rt.Step) if s.effect == "deduct")
    if len(steps) < 2 or any("每" in rule.text[s.span.start:s.span.end] for s in steps):
        return None
    if len({(s.verb, s.size.unit) for s in steps}) != 1 or len({s.size.value for s in steps}) != len(steps):
        return None
    in_proportion = len({F(s.points) / F(s.size.value) for s in steps if s.size.value}) <= 1
    return None if in_proportion else steps


def _per_occurrence(ctx: Ctx, first: rt.Step, full: Fraction, count: Fraction, score: Fraction) -> None:
    """The other reading of a table of counts: its first clause as 每N次扣M分."""
    each = max(F(0), full - F(math.floor(ratio(count, F(first.size.value)))) * F(first.points))
    if each != score:
        ctx.alternatives["per-occurrence"] = each
        ctx.note("count-table", f"各条写的是出现几次扣几分，按次数所在的一档计；若把第一条读作"
                                f"每{fmt(first.size.value)}{first.size.unit or ''}扣{fmt(first.points)}分，得 {fmt(each)} 分")


def step_size(ctx: Ctx, step: rt.Step) -> Fraction:
    """The size of one step; a second size joined by 或 (每低于目标值5%或降低1单位) when the
    actual is written in its unit."""
    if step.alt_size is not None and isinstance(ctx.actual, vals.Quantity) and step.alt_size.unit and \
            ctx.actual.unit == step.alt_size.unit:
        return F(step.alt_size.value)
    return F(step.size.value)


def _read_past(ctx: Ctx, steps: list[rt.Step], first: rt.Award | None) -> None:
    """The statements a step rule never uses: a second step, a worded band after the first
    award, a fixed deduction (a numeric band beside the steps is used: it decides where it holds)."""
    for s in steps[1:]:
        ctx.read_past.append((s, "只按第一条“每…扣（加）…分”计分，这一条不起作用"))
    for a in ctx.rule.of(rt.Award):
        beside = a.points is not None and isinstance(a.condition, (rt.Compare, rt.Between))
        if a is not first and not beside:
            ctx.read_past.append((a, "按步计分时，这一档不起作用"))
    for d in ctx.rule.of(rt.Deduct):
        if d.points is not None:
            ctx.read_past.append((d, "按步计分时，这一条不起作用"))


def _count(ctx: Ctx, step: rt.Step) -> Fraction:
    """How many events the actual shows: 0 for 已完成; the shortfall against a numeric target for
    每少一项 / 未完成工作每增加一项; else the actual's number."""
    a = ctx.actual
    if a is None:
        raise Unknown("value-missing", "实际完成值为空，无法知道出现了几次")
    count: Fraction | None = None
    if isinstance(a, vals.Qualitative) and a.tier == "achieved":
        count = F(0)
        ctx.say(f"实际完成值「{a.text}」表示已完成：按没有{step.what or '扣分情形'}计，次数为 0")
        ctx.note("qualitative-actual", f"实际完成值「{a.text}」没有给出次数，按 0 次理解")
    elif isinstance(a, vals.Quantity):
        count = _counted(ctx, step, a)
    if count is None:
        raise Unknown("value-unquantified", f"实际完成值「{getattr(a, 'text', '')}」没有给出次数")
    return count


def _counted(ctx: Ctx, step: rt.Step, a: vals.Quantity) -> Fraction:
    """A numeric actual: the events themselves, or, for 每少一项 / 未完成工作每增加一项 against a
    numeric target, what the actual falls short of the target."""
    counts_missing = step.direction == "decrease" or any(
        w in (step.subject or "") + (step.what or "") for w in ("未完成", "未", "没有完成", "缺"))
    if counts_missing and isinstance(ctx.target, vals.Quantity) and step.verb not in a.text \
            and ctx.target.number != 0:  # a target of 0个 (每有1个乡镇未完成…): the actual counts the failures
        ctx.grid = (F(ctx.target.number), F(step.size.value), "below")
        count = max(F(0), F(ctx.target.number) - F(a.number))
        ctx.say(f"未完成 = {fmt(ctx.target.number)} − {fmt(a.number)} = {fmt(count)}{step.size.unit or ''}")
        return count
    excess = _excess(ctx, step, a)
    if excess is not None:
        return excess
    _not_a_level(step, a)
    ctx.grid = (F(0), F(step.size.value), "above")
    count = F(a.number)
    ctx.say(f"次数取实际完成值：{fmt(count)}{step.size.unit or ''}")
    return count


def _not_a_level(step: rt.Step, a: vals.Quantity) -> None:
    """每落后5个百分点 with a verb the lexicon does not know: 88% is a level, not 88 events."""
    if step.verb == "" and (step.size.unit or "") in _LEVEL_UNITS and (a.unit or "") in _LEVEL_UNITS:
        raise Unknown("value-unquantified", f"评分标准的“每{fmt(step.size.value)}{step.size.unit}”没有写明是低了还是高了，"
                                            f"实际完成值「{a.text}」是水平而不是次数，无法计算")


_EXCESS = lexicon.words("steps.excess_part")  # 超出部分每1万元: the step counts the excess over the target


def _excess(ctx: Ctx, step: rt.Step, a: vals.Quantity) -> Fraction | None:
    """超出部分每1万元扣1分 against ≤100万元 (103万元): the step counts what the actual goes past the
    target, never the amount itself. Said by the step's words (超出部分), or by a step with no verb
    of its own (每1万元) against a target that is an upper bound; an occurrence (每发现1处) counts
    every one found."""
    t = ctx.target
    if not (isinstance(t, vals.Quantity) and t.unit and a.unit and vals.same_unit(t, a)):
        return None
    said = any(w in (step.subject or "") + (step.what or "") for w in _EXCESS)
    if not said and (step.verb or t.comparator not in ("<=", "<")):
        return None
    ctx.grid = (F(t.number), F(step.size.value), "above")
    count = max(F(0), F(a.number) - F(t.number))
    ctx.say(f"超出 = {fmt(a.number)} − {fmt(t.number)} = {fmt(count)}{step.size.unit or ''}")
    return count


def deduction_cap(ctx: Ctx, effect: str = "deduct") -> Fraction | None:
    """The most the steps of an effect may take (扣满15分为止) or add (最多加3分)."""
    caps = [c for c in ctx.rule.of(rt.DeductionCap) if c.effect == effect]
    return min(F(c.points) for c in caps) if caps else None


def cap_deduction(ctx: Ctx, amount: Fraction, effect: str = "deduct") -> Fraction:
    cap = deduction_cap(ctx, effect)
    if cap is not None and amount > cap:
        ctx.say(f"最多{'加' if effect == 'add' else '扣'} {fmt(cap)} 分：{fmt(amount)} → {fmt(cap)}")
        return cap
    return amount


def rescale(ctx: Ctx, score: Fraction, base: Fraction | None, quiet: bool = False) -> Fraction:
    if base is None or base == ctx.weight:
        return score
    scaled = score / base * ctx.weight
    if not quiet:
        ctx.say(f"以 {fmt(base)} 分为基础折算到分值：{fmt(score)} ÷ {fmt(base)} × {fmt(ctx.weight)} = {fmt(scaled)} 分")
    return scaled
