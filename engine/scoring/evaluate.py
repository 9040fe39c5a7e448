"""The meaning of a rule: `evaluate(rule, target, actual, weight)` -> `Outcome`.

An outcome is an exact score (Decimal), an allowed range (a band of wording, a discretionary
rule, a checklist whose items the table cannot show), or "unknown" with the reason (a missing
or unquantified value, an unknown provincial target). It carries a step-by-step trace in
Chinese that quotes the rule and shows the arithmetic, and every judgement call it made
(`notes`, `convention`, `alternatives`): partial steps, direction, a rule whose full marks
differ from the weight, a qualitative actual. Nothing here reads files or reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Literal

from engine.language import tree as rt
from engine import values as vals
from engine.language.printer import number as _fmt_decimal
from engine.language.printer import to_text

Score = Fraction
"""Scores are exact rationals: 20/3 stays 20/3 until it is shown (see `to_decimal`)."""


def F(x) -> Fraction:
    """Exact conversion of a Decimal, int or Fraction."""
    return x if isinstance(x, Fraction) else Fraction(x)


def to_decimal(x: Fraction, places: int = 2) -> Decimal:
    """Round at the edge, 四舍五入 (half up) to `places` decimals."""
    q = Decimal(1).scaleb(-places)
    return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(q, rounding=ROUND_HALF_UP) \
        if x.denominator != 1 else Decimal(x.numerator).quantize(q)


def fmt(x) -> str:
    """Exact text of a number; a non-terminating fraction shows as 20/3（≈6.67）."""
    if isinstance(x, Decimal):
        return _fmt_decimal(x)
    x = F(x)
    d = x.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d == 1:
        exact = Decimal(x.numerator) / Decimal(x.denominator)
        return _fmt_decimal(exact)
    return f"{x.numerator}/{x.denominator}（≈{to_decimal(x)}）"


PartialStep = Literal["floor", "proportional", "ceiling"]
PARTIAL_STEP_NAMES = {
    "floor": "按整步计（不足一步不扣）",
    "proportional": "按比例计（不足一步按比例扣）",
    "ceiling": "不足一步按一步计",
}

_CONCENTRATION_UNITS = ("微克/立方米", "毫克/立方米", "毫克/升")
# Indicator names that say lower is better (a concentration, a cost, a delay, a complaint).
_LOWER_IS_BETTER = ("浓度", "成本", "费用", "超支", "投诉", "事故", "事件", "天数", "时长", "时间",
                    "偏差", "变动率", "控制率", "调整率", "排放", "能耗", "发生率", "违法", "违规", "差错", "率低")


UnknownCode = Literal[
    "value-missing",          # the actual or target the rule needs is blank
    "value-unquantified",     # a value is words, a range or unquantified where the rule needs a number
    "actual-unmatched",       # a worded actual matches none of the rule's worded conditions
    "tier-unwritten",         # the rule does not say what the actual's tier (达成/未达成) scores
    "band-points-unwritten",  # the points of a band are not printed in the rule
    "outside-bands",          # a numeric actual falls in no band of the rule
    "zero-denominator",       # a ratio or deviation rate over a zero target
    "rule-unread-part",       # words not understood inside the rule may change the score
    "rule-unscoreable",       # the rule states nothing that scores (or points outside itself)
]
"""Why an outcome is unknown, as data (the Chinese `reason` is made from the same call)."""


@dataclass(frozen=True)
class Note:
    """A judgement call or a contradiction found while evaluating: stable `code` + Chinese text."""

    code: str  # weight-mismatch, penalises-improvement, reverse-indicator, partial-step, fragment,
    # class-from-number, boundary, qualitative-actual, unit
    message: str


@dataclass(frozen=True)
class Outcome:
    shape: str
    status: Literal["score", "range", "unknown"]
    score: Fraction | None = None
    low: Fraction | None = None
    high: Fraction | None = None
    reason: str | None = None
    reason_code: UnknownCode | None = None
    full_marks: Fraction | None = None
    convention: str | None = None
    alternatives: dict[str, Fraction] = field(default_factory=dict)
    trace: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def range(self) -> tuple[Fraction, Fraction] | None:
        return (self.low, self.high) if self.status == "range" else None

    def allows(self, claimed, tolerance=Fraction(1, 100)) -> bool | None:
        """Is `claimed` consistent with this outcome (within `tolerance`)? None when unknown."""
        claimed, tolerance = F(claimed), F(tolerance)
        if self.status == "score":
            return abs(claimed - self.score) <= tolerance
        if self.status == "range":
            return self.low - tolerance <= claimed <= self.high + tolerance
        return None


class _Unknown(Exception):
    def __init__(self, code: UnknownCode, reason: str, alternatives: dict[str, Decimal] | None = None):
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.alternatives = alternatives or {}


@dataclass
class _Ctx:
    rule: rt.Rule
    target: vals.Value | None
    actual: vals.Value | None
    weight: Decimal
    partial: PartialStep
    indicator: str | None
    direction: str | None
    trace: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    alternatives: dict[str, Decimal] = field(default_factory=dict)
    convention: str | None = None

    def say(self, line: str) -> None:
        self.trace.append(line)

    def note(self, code: str, message: str) -> None:
        self.notes.append(Note(code, message))
        self.trace.append("注意：" + message)


# ---------------------------------------------------------------- shape and full marks

def shape(rule: rt.Rule) -> str:
    """One word for what kind of rule this is: step, proportional, threshold, bands, grades,
    interpolate, discretionary, checklist, composite (or none when nothing scores)."""
    awards = rule.of(rt.Award)
    steps = rule.of(rt.Step)
    props = rule.of(rt.Proportional)
    kinds = set()
    if rule.of(rt.ChecklistItem):
        kinds.add("checklist")
    if props and any(isinstance(p.scope, rt.Between) for p in props) and awards:
        return "interpolate"
    if steps:
        kinds.add("step")
    if props:
        kinds.add("proportional")
    numeric = [a for a in awards if isinstance(a.condition, (rt.Compare, rt.Between))]
    worded = [a for a in awards if isinstance(a.condition, (rt.Condition, rt.Otherwise))]
    if not steps:
        if len(numeric) >= 2:
            kinds.add("bands")
        elif len(worded) >= 2:
            kinds.add("grades")
        elif awards:
            kinds.add("threshold")
    if rule.of(rt.Deduct) and not kinds:
        kinds.add("threshold")
    if rule.of(rt.Discretionary):
        kinds.add("discretionary")
    if not kinds:
        return "none"
    if len(kinds) == 1:
        return kinds.pop()
    return "composite"


def full_marks(rule: rt.Rule, weight=None) -> Fraction | None:
    """The most the rule itself says an indicator can score, as written; None if it states
    no number (then its full marks are the weight)."""
    if any(isinstance(s, rt.Award) and s.points is not None and s.points.is_full for s in rule.statements):
        return None  # 得满分: the rule's full marks are the weight
    stated = []
    for s in rule.statements:
        if isinstance(s, rt.Award) and s.points is not None and s.points.value is not None:
            stated.append(F(s.points.value))
        elif isinstance(s, rt.Proportional) and s.weight is not None:
            stated.append(F(s.weight))
    items = rule.of(rt.ChecklistItem)
    if items:
        stated.append(sum((F(i.points) for i in items), F(0)))
    return max(stated) if stated else None


# ---------------------------------------------------------------- entry point

def evaluate(rule: rt.Rule, target: vals.Value | str | None, actual: vals.Value | str | None,
             weight: Decimal | int | str, *, partial: PartialStep = "floor",
             indicator: str | None = None, direction: str | None = None,
             canonical: str | None = None) -> Outcome:
    """Score `actual` against `target` under `rule` for an indicator of `weight`.

    `partial` is the reading of an incomplete step (default: whole steps only). `indicator`
    (its name) and `direction` ("higher"/"lower") help say which way is better. `canonical`
    is the rule's printed form when the caller already has it.
    """
    weight = F(Decimal(str(weight)) if isinstance(weight, (str, float)) else weight)
    t = vals.parse_value(target) if isinstance(target, str) or target is None else target
    a = vals.parse_value(actual) if isinstance(actual, str) or actual is None else actual
    ctx = _Ctx(rule, t, a, weight, partial, indicator, direction)
    kind = shape(rule)
    canonical = canonical if canonical is not None else to_text(rule)
    ctx.say(f"评分标准：「{rule.text or canonical}」")
    ctx.say(f"读作：{canonical}")
    ctx.say(f"年度指标值：{_describe(t)}；实际完成值：{_describe(a)}；分值：{fmt(weight)} 分")
    own_full = full_marks(rule, weight)
    if own_full is not None and own_full != weight and not _explicit_above(rule, weight):
        ctx.note("weight-mismatch", f"规则自身的满分是 {fmt(own_full)} 分，而分值是 {fmt(weight)} 分：按规则计算，再以分值封顶")
    inner = rule.inner_fragments
    try:
        if inner:
            raise _Unknown("rule-unread-part", "评分标准中有未能理解的部分（" + "、".join(f"「{f.text}」" for f in inner) + "），它可能改变得分")
        for f in rule.fragments:
            ctx.note("fragment", f"末尾的「{f.text}」未能理解，已忽略")
        status, low, high = _dispatch(kind, ctx)
    except _Unknown as exc:
        ctx.say("无法计算：" + exc.reason)
        ceiling = _ceiling(rule, weight)
        alts = {k: _bound(ctx, v, ceiling, quiet=True) for k, v in {**ctx.alternatives, **exc.alternatives}.items()}
        return Outcome(kind, "unknown", reason=exc.reason, reason_code=exc.code, full_marks=own_full, convention=ctx.convention,
                       alternatives=alts, trace=tuple(ctx.trace),
                       notes=tuple(ctx.notes))
    ceiling = _ceiling(rule, weight)
    low, high = _bound(ctx, low, ceiling), _bound(ctx, high, ceiling)
    alts = {k: _bound(ctx, v, ceiling, quiet=True) for k, v in ctx.alternatives.items()}
    if status == "score":
        ctx.say(f"得分：{fmt(low)} 分")
        return Outcome(kind, "score", score=low, full_marks=own_full, convention=ctx.convention,
                       alternatives=alts, trace=tuple(ctx.trace), notes=tuple(ctx.notes))
    ctx.say(f"允许的得分范围：{fmt(low)}–{fmt(high)} 分")
    return Outcome(kind, "range", low=low, high=high, full_marks=own_full, convention=ctx.convention,
                   alternatives=alts, trace=tuple(ctx.trace), notes=tuple(ctx.notes))


def _describe(v: vals.Value | None) -> str:
    return "（空）" if v is None else v.describe()


def _explicit_above(rule: rt.Rule, weight: Decimal) -> bool:
    return any((c.points is not None and c.points > weight) or (c.share is not None and c.share > 100)
               for c in rule.of(rt.Cap))


def _ceiling(rule: rt.Rule, weight: Decimal) -> Decimal:
    """The score never exceeds the weight unless the rule says so (最高120分, 基础分的120%)."""
    for c in rule.of(rt.Cap):
        if c.points is not None and c.points < weight:
            return F(c.points)  # 最高得3分 on a 5-point row: the rule's own ceiling
        if c.points is not None and c.points > weight:
            base = next((F(s.base) for s in rule.of(rt.Step) if s.base is not None), None)
            return F(c.points) if base is None else F(c.points) / base * weight
        if c.share is not None and c.share > 100:
            return weight * F(c.share) / 100
    return weight


def _bound(ctx: _Ctx, value: Decimal, ceiling: Decimal, quiet: bool = False) -> Decimal:
    if value < 0:
        if not quiet:
            ctx.say(f"得分不低于 0：{fmt(value)} → 0")
        return F(0)
    if value > ceiling:
        if not quiet:
            ctx.say(f"得分不超过 {fmt(ceiling)} 分（分值上限）：{fmt(value)} → {fmt(ceiling)}")
        return ceiling
    return value


def _dispatch(kind: str, ctx: _Ctx) -> tuple[str, Fraction, Fraction]:
    rule = ctx.rule
    if kind == "none":
        raise _Unknown("rule-unscoreable", "评分标准里没有可计算的计分规定")
    if rule.of(rt.ChecklistItem):
        total = sum((F(i.points) for i in rule.of(rt.ChecklistItem)), F(0))
        ctx.say(f"清单共 {len(rule.of(rt.ChecklistItem))} 项，合计 {fmt(total)} 分；每项是否做到，表中无法看出")
        return "range", F(0), total
    if kind == "interpolate":
        return _interpolate(ctx)
    if rule.of(rt.Step):
        return _steps(ctx)
    if rule.of(rt.Proportional):
        return _proportional(ctx)
    awards = rule.of(rt.Award)
    numeric = [x for x in awards if isinstance(x.condition, (rt.Compare, rt.Between))]
    if numeric:
        return _bands(ctx)
    if awards or rule.of(rt.Deduct):
        return _worded(ctx)
    if rule.of(rt.Discretionary):
        ctx.say(f"「{rule.of(rt.Discretionary)[0].word}」：由评价人酌情打分，0 到分值之间的任何分数都符合规则")
        return "range", F(0), ctx.weight
    raise _Unknown("rule-unscoreable", "评分标准里没有可计算的计分规定")


# ---------------------------------------------------------------- numbers from values

def _need_number(ctx: _Ctx, which: str) -> Decimal:
    value = ctx.actual if which == "actual" else ctx.target
    label = "实际完成值" if which == "actual" else "年度指标值"
    if value is None:
        raise _Unknown("value-missing", f"{label}为空，无法计算")
    if isinstance(value, vals.Unquantified):
        raise _Unknown("value-unquantified", f"{label}「{value.text}」未量化：{value.reason}")
    if isinstance(value, vals.Qualitative):
        raise _Unknown("value-unquantified", f"{label}「{value.text}」是文字，没有给出本规则需要的数值")
    if isinstance(value, vals.Range):
        raise _Unknown("value-unquantified", f"{label}「{value.text}」是一个区间，本规则需要一个数值")
    if isinstance(value, vals.OrdinalClass):
        return F(value.rank)
    return F(value.number)


def _operand_number(ctx: _Ctx, operand: rt.Operand) -> Decimal:
    if isinstance(operand, rt.Quantity):
        return F(operand.value)
    if isinstance(operand, rt.ClassLevel):
        return F(operand.rank)
    # a reference: 省定目标, 目标值, 计划 … is the table's target
    if ctx.target is None:
        raise _Unknown("value-missing", f"规则以「{operand.name}」为标准，但年度指标值为空")
    if isinstance(ctx.target, vals.Unquantified):
        raise _Unknown("value-unquantified", f"规则以「{operand.name}」为标准，年度指标值也只写了「{ctx.target.text}」（{ctx.target.reason}）")
    number = _need_number(ctx, "target")
    ctx.say(f"「{operand.name}」取年度指标值 {fmt(number)}")
    return number


def _actual_for(ctx: _Ctx, operand: rt.Operand | None) -> Decimal:
    """The actual as a number comparable with `operand` (a class rank for class rules)."""
    if isinstance(operand, rt.ClassLevel) and isinstance(ctx.actual, vals.Quantity) and ctx.actual.unit is None:
        n = F(ctx.actual.number)
        if n.denominator == 1 and 1 <= n <= 6:
            ctx.note("class-from-number", f"实际完成值「{ctx.actual.text}」是数字，按水质类别 {int(n)} 类理解")
            return n
    if isinstance(ctx.actual, vals.Qualitative) and ctx.actual.tier == "achieved":
        full = "满分"
        raise _Unknown("value-unquantified", f"实际完成值「{ctx.actual.text}」只说达成，没有给出本规则需要的数值",
                       {"qualitative-as-met": _award_full(ctx)} if full else None)
    return _need_number(ctx, "actual")


def _award_full(ctx: _Ctx) -> Decimal:
    for a in ctx.rule.of(rt.Award):
        if a.points is not None:
            return ctx.weight if a.points.value is None else F(a.points.value)
    return ctx.weight


def _good_direction(ctx: _Ctx) -> tuple[str | None, str]:
    return infer_direction(ctx.rule, ctx.target, ctx.weight, ctx.indicator, ctx.direction)


def infer_direction(rule: rt.Rule, target, weight, indicator: str | None = None,
                    direction: str | None = None) -> tuple[str | None, str]:
    """Which way the indicator improves, and how we know, from the strongest evidence down:
    a declared direction, the target's comparator, a water class, where the rule itself gives
    its most (or least) points, the indicator's name, the rule's subject words, a
    concentration unit. Shared by the evaluator and the symbolic form (engine.lint.form)."""
    if direction in ("higher", "lower"):
        return direction, "声明的方向"
    d = vals.good_direction(target)
    if d:
        return d, f"年度指标值「{target.text}」的比较符"
    if isinstance(target, vals.OrdinalClass):
        return "lower", "水质类别越小越好"
    awards = [s for s in rule.of(rt.Award) if s.points is not None and isinstance(s.condition, rt.Compare)
              and not s.condition.absolute]
    if any(isinstance(s.condition.operand, rt.ClassLevel) for s in awards):
        return "lower", "水质类别越小越好"
    if awards:
        def pts(a):
            return F(weight) if a.points.value is None else F(a.points.value)
        best = max(awards, key=pts)
        worst = min(awards, key=pts)
        if pts(best) != pts(worst) or len(awards) == 1:
            if best.condition.op in ("<=", "<"):
                return "lower", f"规则在「{_pred_text(best.condition)}」时给最高分"
            if best.condition.op in (">=", ">"):
                return "higher", f"规则在「{_pred_text(best.condition)}」时给最高分"
            if worst.condition.op in ("<=", "<") and worst is not best:
                return "higher", f"规则在「{_pred_text(worst.condition)}」时给最低分"
            if worst.condition.op in (">=", ">") and worst is not best:
                return "lower", f"规则在「{_pred_text(worst.condition)}」时给最低分"
    name = indicator or ""
    for word in _LOWER_IS_BETTER:
        if word in name:
            return "lower", f"指标名称含「{word}」"
    subjects = [s.condition.subject for s in rule.of(rt.Award) if isinstance(s.condition, rt.Compare)]
    subjects += [s.subject for s in rule.of(rt.Step)]
    for subject in filter(None, subjects):
        for word in _LOWER_IS_BETTER:
            if word in subject:
                return "lower", f"评分标准说的是「{subject}」"
    units = {s.size.unit for s in rule.of(rt.Step)} | {
        s.condition.operand.unit for s in rule.of(rt.Award)
        if isinstance(s.condition, rt.Compare) and isinstance(s.condition.operand, rt.Quantity)}
    for unit in filter(None, units):
        if unit in _CONCENTRATION_UNITS:
            return "lower", f"单位「{unit}」是浓度"
    return None, ""


# ---------------------------------------------------------------- steps

def _steps(ctx: _Ctx) -> tuple[str, Fraction, Fraction]:
    rule = ctx.rule
    steps = rule.of(rt.Step)
    awards = [a for a in rule.of(rt.Award) if a.points is not None]
    threshold_award = next((a for a in awards if isinstance(a.condition, rt.Compare)), None)
    worded_award = next((a for a in awards if isinstance(a.condition, rt.Condition)), None)
    full = ctx.weight
    if threshold_award is not None or worded_award is not None:
        first = threshold_award or worded_award
        full = ctx.weight if first.points.value is None else F(first.points.value)
    base_scale = next((F(s.base) for s in steps if s.base is not None), None)
    if base_scale is not None:
        full = base_scale
    ctx.say(f"满分（规则所写）：{fmt(full)} 分")

    step = steps[0]
    good, why = _good_direction(ctx)
    # the threshold the steps start from
    threshold = step.threshold or (threshold_award.condition if threshold_award else None)
    standard = next(iter(rule.of(rt.Standard)), None)
    if step.direction == "occurrence" or (step.direction in ("increase", "decrease") and threshold is None
                                          and standard is None and step.reference is None and _is_count(step)):
        return _count_steps(ctx, step, full, worded_award)
    if isinstance(ctx.actual, vals.Quantity) and step.verb in ctx.actual.text and step.direction != "occurrence":
        gap = F(ctx.actual.number)
        ctx.say(f"实际完成值「{ctx.actual.text}」直接写明了{step.verb}的数额：{fmt(gap)}{step.size.unit or ''}")
        return _apply_steps(ctx, step, full, gap, base_scale)
    if threshold is None and worded_award is not None and isinstance(ctx.actual, vals.Qualitative):
        tier = ctx.actual.tier
        if tier == "achieved":
            ctx.note("qualitative-actual", f"实际完成值「{ctx.actual.text}」是文字，按满足「{worded_award.condition.text}」理解")
            ctx.say(f"满足「{worded_award.condition.text}」：{fmt(full)} 分")
            return "score", full, full
        raise _Unknown("value-unquantified", f"实际完成值「{ctx.actual.text}」没有给出偏离多少，无法按步计算")
    if threshold is not None:
        base = _operand_number(ctx, threshold.operand)
        op = threshold.op
    elif standard is not None:
        base, op = _operand_number(ctx, standard.operand), "reach"
    elif step.reference is not None:
        base, op = _operand_number(ctx, step.reference), "reach"
    else:
        base, op = _operand_number(ctx, rt.Reference("年度指标值")), "reach"
    x = _actual_for(ctx, threshold.operand if threshold else None)
    is_class = threshold is not None and isinstance(threshold.operand, rt.ClassLevel)

    # which change the rule penalises, and whether that is an improvement
    if step.direction == "decrease":
        penalised = "higher" if is_class else "lower"  # a class 下降 means a larger rank
    elif step.direction == "increase":
        penalised = "higher"
    else:
        penalised = "both"
    if is_class:
        good = "lower"
        why = "水质类别越小越好"
    penalised_word = {"lower": "变小", "higher": "变大", "both": "偏离（不论方向）"}[penalised]
    if is_class:
        penalised_word = "变差（类别变大）" if penalised == "higher" else "变好（类别变小）"
    ctx.say(f"方向：规则对实际值{penalised_word}扣分；该指标"
            + (f"越{'低' if good == 'lower' else '高'}越好（依据：{why}）" if good else "的好坏方向无从判断"))
    if good and penalised != "both":
        if (penalised == "lower" and good == "lower") or (penalised == "higher" and good == "higher"):
            ctx.note("penalises-improvement", f"规则对实际值{penalised_word}扣分，而该指标越{'低' if good == 'lower' else '高'}越好"
                                  f"（依据：{why}）：规则惩罚的是改善")
    # met?
    if op in (">=", ">", "<=", "<", "="):
        met = _holds(x, op, base)
    elif op in ("reach", "stated", "not_reach"):  # 未达到X的，每减少…: the steps start at X
        met = x <= base if penalised == "higher" else x >= base if penalised == "lower" else x == base
    else:
        met = False
    sym = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "=", "reach": "达到", "stated": "达到", "not_reach": "达到"}[op]
    if met and not (threshold is not None and op in (">", "<") and step.threshold is not None):
        ctx.say(f"实际值 {fmt(x)} {sym} {fmt(base)}：达到满分条件，得 {fmt(full)} 分")
        return "score", _rescale(ctx, full, base_scale), _rescale(ctx, full, base_scale)
    # after full marks, a band written beside the steps (…每下降5%扣0.5分；低于60%不得分) decides where it holds
    for other in awards:
        if other is not threshold_award and isinstance(other.condition, (rt.Compare, rt.Between)) \
                and _in_condition(ctx, other.condition, x):
            pts = _pts(ctx, other)
            ctx.say(f"实际值 {fmt(x)} 满足「{_pred_text(other.condition)}」：{fmt(pts)} 分（这一档优先于按步计算）")
            return "score", pts, pts
    if penalised == "lower":
        gap = base - x
        gap_text = f"{fmt(base)} − {fmt(x)}"
    elif penalised == "higher":
        gap = x - base
        gap_text = f"{fmt(x)} − {fmt(base)}"
    else:
        gap = abs(x - base)
        gap_text = f"|{fmt(x)} − {fmt(base)}|"
    if gap <= 0:
        ctx.say(f"实际值 {fmt(x)} 没有向扣分方向偏离 {fmt(base)}，不扣分，得 {fmt(full)} 分")
        return "score", _rescale(ctx, full, base_scale), _rescale(ctx, full, base_scale)
    unit = step.size.unit or ""
    ctx.say(f"偏离 = {gap_text} = {fmt(gap)}{'' if unit in ('%', '百分点') else unit}"
            f"{'（百分点）' if unit in ('%', '百分点') else ''}")
    if unit in ("%", "百分点") and not (isinstance(ctx.actual, vals.Quantity) and ctx.actual.unit in ("%", "百分点")) \
            and not is_class:
        ctx.note("unit", "步长以百分数表示，实际值未写“%”：按同一单位（百分点）计算")
    return _apply_steps(ctx, step, full, gap, base_scale)


def _apply_steps(ctx: _Ctx, step: rt.Step, full: Fraction, gap: Fraction, base_scale) -> tuple[str, Fraction, Fraction]:
    """Deduct (or add) whole steps of `gap` from `full`, recording the other readings."""
    size = F(step.size.value)
    if step.alt_size is not None and isinstance(ctx.actual, vals.Quantity) and step.alt_size.unit and \
            ctx.actual.unit == step.alt_size.unit:
        size = F(step.alt_size.value)
    raw = gap / size
    whole = F(math.floor(raw))
    up = F(math.ceil(raw))
    readings = {"floor": whole, "proportional": raw, "ceiling": up}
    n = readings[ctx.partial]
    ctx.convention = ctx.partial
    verb = "扣" if step.effect == "deduct" else "加"
    ctx.say(f"步数 = {fmt(gap)} ÷ {fmt(size)} = {fmt(raw)}，{PARTIAL_STEP_NAMES[ctx.partial]} → {fmt(n)} 步")
    amount = n * F(step.points)
    ctx.say(f"{verb}分 = {fmt(n)} × {fmt(step.points)} = {fmt(amount)} 分")
    amount = _cap_deduction(ctx, amount)
    score = full - amount if step.effect == "deduct" else full + amount
    ctx.say(f"{fmt(full)} {'−' if step.effect == 'deduct' else '+'} {fmt(amount)} = {fmt(score)} 分")
    if whole != raw:
        for name, steps_n in readings.items():
            if name == ctx.partial:
                continue
            alt_amount = steps_n * F(step.points)
            cap = _deduction_cap(ctx)
            if cap is not None:
                alt_amount = min(alt_amount, cap)
            alt = full - alt_amount if step.effect == "deduct" else full + alt_amount
            ctx.alternatives[name] = _rescale(ctx, alt, base_scale, quiet=True)
        ceiling = _ceiling(ctx.rule, ctx.weight)
        chosen = min(max(_rescale(ctx, full - amount if step.effect == "deduct" else full + amount, base_scale,
                                  quiet=True), F(0)), ceiling)
        shown = {k: min(max(v, F(0)), ceiling) for k, v in ctx.alternatives.items()}
        if any(v != chosen for v in shown.values()):
            ctx.note("partial-step", f"不足一步的部分是判断问题：本结果{PARTIAL_STEP_NAMES[ctx.partial]}；" + "；".join(
                f"若{PARTIAL_STEP_NAMES[k]}得 {fmt(v)} 分" for k, v in shown.items()))
    result = _rescale(ctx, score, base_scale)
    return "score", result, result


def _is_count(step: rt.Step) -> bool:
    return (step.size.unit or "") in ("项", "个", "例", "次", "处", "件", "人", "家", "户", "起", "宗", "笔", "批")


def _count_steps(ctx: _Ctx, step: rt.Step, full: Decimal, worded_award) -> tuple[str, Fraction, Fraction]:
    """每出现一例…扣1分 / 每少一项扣1分 / 未完成工作每增加一项扣0.5分: count the events."""
    a = ctx.actual
    if a is None:
        raise _Unknown("value-missing", "实际完成值为空，无法知道出现了几次")
    count: Decimal | None = None
    if isinstance(a, vals.Qualitative) and a.tier == "achieved":
        count = F(0)
        ctx.say(f"实际完成值「{a.text}」表示已完成：按没有{step.what or '扣分情形'}计，次数为 0")
        ctx.note("qualitative-actual", f"实际完成值「{a.text}」没有给出次数，按 0 次理解")
    elif isinstance(a, vals.Quantity):
        counts_missing = step.direction == "decrease" or any(
            w in (step.subject or "") + (step.what or "") for w in ("未完成", "未", "没有完成", "缺"))
        if counts_missing and isinstance(ctx.target, vals.Quantity) and step.verb not in a.text:
            # 每少一项 / 未完成工作每增加一项: the count is what the actual falls short of the target
            count = max(F(0), F(ctx.target.number) - F(a.number))
            ctx.say(f"未完成 = {fmt(ctx.target.number)} − {fmt(a.number)} = {fmt(count)}{step.size.unit or ''}")
        else:
            count = F(a.number)
            ctx.say(f"次数取实际完成值：{fmt(count)}{step.size.unit or ''}")
    if count is None:
        raise _Unknown("value-unquantified", f"实际完成值「{getattr(a, 'text', '')}」没有给出次数")
    n = F(math.floor(count / F(step.size.value)))
    amount = _cap_deduction(ctx, n * F(step.points))
    ctx.say(f"扣分 = {fmt(n)} × {fmt(step.points)} = {fmt(amount)} 分")
    score = full - amount if step.effect == "deduct" else full + amount
    ctx.say(f"{fmt(full)} − {fmt(amount)} = {fmt(score)} 分")
    return "score", score, score


def _deduction_cap(ctx: _Ctx) -> Decimal | None:
    caps = ctx.rule.of(rt.DeductionCap)
    return min(F(c.points) for c in caps) if caps else None


def _cap_deduction(ctx: _Ctx, amount: Decimal) -> Decimal:
    cap = _deduction_cap(ctx)
    if cap is not None and amount > cap:
        ctx.say(f"最多扣 {fmt(cap)} 分：{fmt(amount)} → {fmt(cap)}")
        return cap
    return amount


def _rescale(ctx: _Ctx, score: Decimal, base: Decimal | None, quiet: bool = False) -> Decimal:
    if base is None or base == ctx.weight:
        return score
    scaled = score / base * ctx.weight
    if not quiet:
        ctx.say(f"以 {fmt(base)} 分为基础折算到分值：{fmt(score)} ÷ {fmt(base)} × {fmt(ctx.weight)} = {fmt(scaled)} 分")
    return scaled


def _holds(x: Decimal, op: str, bound: Decimal) -> bool:
    return {">=": x >= bound, ">": x > bound, "<=": x <= bound, "<": x < bound, "=": x == bound}[op]


# ---------------------------------------------------------------- proportional

def _proportional(ctx: _Ctx) -> tuple[str, Fraction, Fraction]:
    prop = ctx.rule.of(rt.Proportional)[0]
    if isinstance(prop.scope, rt.Condition) and prop.effect == "score" and not ctx.rule.of(rt.Award):
        raise _Unknown("rule-unscoreable", f"按比例计分的范围「{prop.scope.text}」指向评分标准以外的内容（如表中其他各档），无法单独计算")
    if prop.weight is not None:  # 得分(20分*执行率)
        rate = _need_number(ctx, "actual")
        score = F(prop.weight) * rate / 100
        ctx.say(f"得分 = {fmt(prop.weight)} × {fmt(rate)}% = {fmt(score)} 分")
        return "score", score, score
    x = _need_number(ctx, "actual")
    t = _need_number(ctx, "target")
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
        raise _Unknown("zero-denominator", "比例的分母为 0，无法计算")
    share = t / x if reverse else x / t
    score = share * ctx.weight
    formula = "年度指标值 ÷ 实际值" if reverse else "实际值 ÷ 年度指标值"
    ctx.say(f"得分 = {formula} × 分值 = {fmt(t if reverse else x)} ÷ {fmt(x if reverse else t)} × {fmt(ctx.weight)} = {fmt(score)} 分")
    return "score", score, score


def _interpolate(ctx: _Ctx) -> tuple[str, Fraction, Fraction]:
    x = _actual_for(ctx, None)
    prop = next(p for p in ctx.rule.of(rt.Proportional) if isinstance(p.scope, rt.Between))
    lo, hi = _operand_number(ctx, prop.scope.low), _operand_number(ctx, prop.scope.high)
    awards = [a for a in ctx.rule.of(rt.Award) if a.points is not None and isinstance(a.condition, (rt.Compare, rt.Between))]
    for a in awards:
        if _in_condition(ctx, a.condition, x) and not (lo < x < hi):
            pts = _pts(ctx, a)
            ctx.say(f"实际值 {fmt(x)} 满足「{_pred_text(a.condition)}」：{fmt(pts)} 分")
            return "score", pts, pts
    if not lo <= x <= hi:
        raise _Unknown("outside-bands", f"实际值 {fmt(x)} 不在任何一档内")
    below = [a for a in awards if _in_condition(ctx, a.condition, lo - 1)]
    above = [a for a in awards if _in_condition(ctx, a.condition, hi + 1)]
    if not below or not above:
        raise _Unknown("band-points-unwritten", "按比例的区间两端得分没有写明")
    p_lo, p_hi = _pts(ctx, below[0]), _pts(ctx, above[0])
    score = p_lo + (p_hi - p_lo) * (x - lo) / (hi - lo)
    ctx.say(f"在 {fmt(lo)}–{fmt(hi)} 之间按比例：{fmt(p_lo)} + ({fmt(p_hi)} − {fmt(p_lo)}) × ({fmt(x)} − {fmt(lo)}) ÷ ({fmt(hi)} − {fmt(lo)}) = {fmt(score)} 分")
    return "score", score, score


# ---------------------------------------------------------------- bands and thresholds

def _pred_text(pred) -> str:
    from engine.language.printer import predicate
    return predicate(pred)


def _in_condition(ctx: _Ctx, cond, x: Decimal, lenient: bool = True) -> bool:
    if isinstance(cond, rt.Compare):
        bound = _operand_number(ctx, cond.operand)
        if cond.absolute:
            x = _deviation(ctx, x)
        op = cond.op
        negate = op == "not_reach"
        if op in ("reach", "stated", "not_reach"):
            good, _ = _good_direction(ctx)
            op = "=" if op == "stated" and good is None else (">=" if good != "lower" else "<=")
        return _holds(x, op, bound) != negate
    if isinstance(cond, rt.Between):
        lo, hi = _operand_number(ctx, cond.low), _operand_number(ctx, cond.high)
        if cond.absolute:
            x = _deviation(ctx, x)
        lo_ok = x > lo or (x == lo and (cond.low_closed is not False if lenient else cond.low_closed is True))
        hi_ok = x < hi or (x == hi and (cond.high_closed is not False if lenient else cond.high_closed is True))
        return lo_ok and hi_ok
    return False


def _deviation(ctx: _Ctx, x: Decimal) -> Decimal:
    t = _need_number(ctx, "target")
    if t == 0:
        raise _Unknown("zero-denominator", "年度指标值为 0，无法计算偏差率")
    dev = abs(x - t) / t * 100
    ctx.say(f"偏差率 = |{fmt(x)} − {fmt(t)}| ÷ {fmt(t)} = {fmt(dev)}%")
    return dev


def _bands(ctx: _Ctx) -> tuple[str, Fraction, Fraction]:
    awards = [a for a in ctx.rule.of(rt.Award)]
    if any(a.points is None for a in awards):
        raise _Unknown("band-points-unwritten", "各档的分值没有印在评分标准里")
    numeric = [a for a in awards if isinstance(a.condition, (rt.Compare, rt.Between))]
    if isinstance(ctx.actual, (vals.Qualitative, vals.Unquantified)) and (
            len(numeric) == 1 or match_words(ctx, awards) is not None or
            any(isinstance(x.condition, rt.Condition) for x in awards)):
        return _worded(ctx)
    x = _actual_for(ctx, numeric[0].condition.operand if isinstance(numeric[0].condition, rt.Compare) else None)
    hits = [a for a in numeric if _in_condition(ctx, a.condition, x)]
    if len(hits) > 1:
        strict = [a for a in hits if _in_condition(ctx, a.condition, x, lenient=False)]
        if len(strict) == 1:
            hits = strict
        else:
            pts = [_pts(ctx, a) for a in hits]
            ctx.convention = "boundary-lower-band-start"
            chosen = next((a for a in hits if isinstance(a.condition, rt.Between) and _operand_number(ctx, a.condition.low) == x), hits[0])
            for a in hits:
                if a is not chosen:
                    ctx.alternatives[f"band:{_pred_text(a.condition)}"] = _pts(ctx, a)
            ctx.note("boundary", f"实际值 {fmt(x)} 正好在两档的边界上，评分标准没有写明归哪一档："
                                 f"按“下限含、上限不含”归入「{_pred_text(chosen.condition)}」；另一档得 "
                                 + "、".join(fmt(p) for p in pts if p != _pts(ctx, chosen)) + " 分")
            hits = [chosen]
    if not hits:
        others = [a for a in awards if isinstance(a.condition, rt.Otherwise)]
        if others:
            pts = _pts(ctx, others[0])
            ctx.say(f"实际值 {fmt(x)} 不满足以上各档，按“否则”：{fmt(pts)} 分")
            return "score", pts, pts
        if len(numeric) == 1:
            pts = _pts(ctx, numeric[0])
            ctx.say(f"实际值 {fmt(x)} 未达到「{_pred_text(numeric[0].condition)}」；评分标准没有规定未达到时得几分")
            return "range", F(0), pts
        raise _Unknown("outside-bands", f"实际值 {fmt(x)} 不在评分标准的任何一档内")
    a = hits[0]
    pts = _pts(ctx, a)
    ctx.say(f"实际值 {fmt(x)} 落在「{_pred_text(a.condition)}」这一档：{fmt(pts)} 分")
    return "score", pts, pts


def _pts(ctx: _Ctx, award: rt.Award) -> Fraction:
    return ctx.weight if award.points.value is None else F(award.points.value)


# ---------------------------------------------------------------- worded conditions

_TIER_NAME = {"achieved": "达成", "partial": "部分达成", "not_achieved": "未达成"}


def _condition_tier(text: str) -> str | None:
    v = vals.parse_value(text)
    if isinstance(v, vals.Qualitative):
        return v.tier
    negative = ("未", "没有", "无", "不", "造成", "出现", "发生", "超过", "超支")
    if text.startswith(negative):
        return "not_achieved"
    return None


def _actual_tier(ctx: _Ctx) -> str | None:
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


def match_words(ctx: _Ctx, awards: list[rt.Award]):
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
            words = ctx.rule.text[span.start:span.end] if ctx.rule.text and span.end > span.start else _pred_text(cond)
        else:
            continue
        score = _same_words(words, text)
        if score:
            scored.append((score, award))
    if not scored:
        return None
    return max(scored, key=lambda sa: sa[0])[1]


def _worded(ctx: _Ctx) -> tuple[str, Fraction, Fraction]:
    awards = [a for a in ctx.rule.of(rt.Award) if a.points is not None]
    deducts = ctx.rule.of(rt.Deduct)
    a = ctx.actual
    if a is None:
        raise _Unknown("value-missing", "实际完成值为空，无法判断符合哪一档")
    text = getattr(a, "text", "")
    # 1. the actual repeats a condition's words (the longest such condition wins: 基本明确 over 明确)
    award = match_words(ctx, awards)
    if award is not None:
        pts = _pts(ctx, award)
        ctx.say(f"实际完成值「{text}」即「{_pred_text(award.condition)}」：{fmt(pts)} 分")
        return "score", pts, pts
    if isinstance(a, vals.Unquantified):
        raise _Unknown("value-unquantified", f"实际完成值「{a.text}」未量化：{a.reason}")
    tier = _actual_tier(ctx)
    if tier is None:
        raise _Unknown("actual-unmatched", f"实际完成值「{text}」无法对应到评分标准的任何一档")
    ctx.say(f"实际完成值「{text}」属于“{_TIER_NAME[tier]}”")
    if isinstance(a, vals.Qualitative):
        ctx.note("qualitative-actual", f"实际完成值「{text}」是文字，按“{_TIER_NAME[tier]}”理解")
    matches = []
    for award in awards:
        cond = award.condition
        if isinstance(cond, rt.Condition):
            if _condition_tier(cond.text) == tier or (_condition_tier(cond.text) is None and tier == "achieved"
                                                        and not any(_condition_tier(x.condition.text) == "achieved"
                                                                    for x in awards if isinstance(x.condition, rt.Condition))):
                matches.append(award)
        elif isinstance(cond, rt.Compare) and tier == "achieved":
            matches.append(award)
    if matches:
        award = matches[0]
        pts = _pts(ctx, award)
        ctx.say(f"对应「{_pred_text(award.condition)}」：{fmt(pts)} 分")
        return "score", pts, pts
    if deducts and tier == "not_achieved":
        d = deducts[0]
        if d.points is not None:
            score = ctx.weight - F(d.points)
            ctx.say(f"对应「{_pred_text(d.condition) if d.condition else ''}」：扣 {fmt(d.points)} 分，{fmt(score)} 分")
            return "score", score, score
    if tier == "achieved" and (deducts or any(isinstance(x.condition, rt.Compare) for x in awards)):
        return "score", ctx.weight, ctx.weight
    others = [x for x in awards if isinstance(x.condition, rt.Otherwise)]
    if others and tier != "achieved":
        pts = _pts(ctx, others[0])
        ctx.say(f"按“否则”：{fmt(pts)} 分")
        return "score", pts, pts
    if ctx.rule.of(rt.Discretionary) and tier != "achieved":
        ctx.say(f"不属于以上各档：「{ctx.rule.of(rt.Discretionary)[0].word}」，0 到分值之间的任何分数都符合规则")
        return "range", F(0), ctx.weight
    if tier == "not_achieved" and len(awards) == 1:
        ctx.say("评分标准只规定了达成时的得分，未达成时得几分没有写明")
        return "range", F(0), _pts(ctx, awards[0])
    raise _Unknown("tier-unwritten", f"评分标准没有写“{_TIER_NAME[tier]}”时得几分")
