"""The profile's reading of an indicator row that prints no 评分标准.

mof2020 (财预〔2020〕10号): a quantified target met scores full marks, missed scores
actual ÷ target × weight (target ÷ actual for a "lower is better" target); a worded actual
scores anywhere inside the band of its wording (达成 / 部分达成 / 未达成, the profile's
`qualitative` percentages of the weight). The profile's parameters: `reverse` (the formula of
a missed "≤" target; the others of `reverse_alternatives` are shown beside it as readings
named `reverse:<formula>`) and `aggregate` (`sum`: several amounts in one actual cell are
added before scoring, as Hubei forms do). Codes: V001 missing-value, V002 unquantified, when
the cells cannot be read that far.

`score_by_profile(ctx, row)` returns the `Outcome`, or None when the row cannot be scored (the
reason is on the item). It does not compare the claim (`engine.review.indicators` does).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Literal

from engine import values as vals
from engine.profiles.model import ReverseFormula
from engine.review.common import describe, quantified
from engine.review.context import ReviewContext, RowContext
from engine.scoring import Note, Outcome, fmt

_REVERSE_WORDS = {"ratio": "年度指标值 ÷ 实际值 × 分值（财预〔2020〕10号）",
                  "linear_to_double": "达到目标得满分，至目标的 2 倍线性减至 0（预算管理一体化平台）"}

_TIER_WORDS = {"achieved": "达成年度指标", "partial": "部分达成并具有一定效果", "not_achieved": "未达成且效果较差"}


def score_by_profile(ctx: ReviewContext, row: RowContext) -> Outcome | None:
    """No rule printed: the profile's reading of the target and the actual."""
    ind, target, actual = row.indicator, row.target, row.actual
    trace = [f"没有评分标准：按评分办法 {ctx.profile.name}（{ctx.profile.title}）",
             f"年度指标值：{describe(target)}；实际完成值：{describe(actual)}；分值：{fmt(ind.weight)} 分"]
    weight = fmt(ind.weight)
    if ctx.profile.aggregate == "sum" and isinstance(actual, vals.Unquantified):
        actual = row.actual = _summed(row, trace) or actual
    if actual is None:
        _unverifiable(ctx, row, trace, "missing-value", "实际完成值为空",
                      f"实际完成值为空，该项 {weight} 分无法核对")
        return None
    if target is None and quantified(actual):
        _unverifiable(ctx, row, trace, "missing-value", "年度指标值为空，无法判断实际完成值是否达标",
                      f"年度指标值为空，该项 {weight} 分无法核对")
        return None
    if isinstance(target, vals.Unquantified) and not isinstance(actual, vals.Qualitative):
        _unverifiable(ctx, row, trace, "unquantified", f"年度指标值「{ind.target}」未量化：{target.reason}")
        return None
    if quantified(target) and quantified(actual) and not isinstance(target, vals.Range):
        return _quantitative(ctx, row, trace)
    return _qualitative(ctx, row, trace)


def _unverifiable(ctx: ReviewContext, row: RowContext, trace: list[str], kind: str, reason: str,
                  message: str | None = None) -> None:
    """The row cannot be scored: say why on the item and raise `kind` for its weight."""
    weight = row.weight
    row.item.trace = trace
    row.item.reason = reason
    ctx.emit(kind, message or f"该项 {fmt(weight)} 分无法核对：{reason}", row.place, points=weight)


def _quantitative(ctx: ReviewContext, row: RowContext, trace: list[str]) -> Outcome | None:
    """A quantified target and actual: full marks when met, else the ratio of the two."""
    ind, target, actual = row.indicator, row.target, row.actual
    direction = row.item.direction = reading_direction(target, ind.name)
    met = vals.meets(target, actual, direction)
    w = Fraction(row.weight)
    if met:
        trace.append(f"实际值达到年度指标值：满分 {fmt(ind.weight)} 分")
        return Outcome("threshold", "score", score=w, trace=tuple(trace), direction=direction)
    t_number, a_number = vals.as_number(target), vals.as_number(actual)
    if met is None or t_number is None or a_number is None:  # a range actual has no one number
        _unverifiable(ctx, row, trace, "unquantified",
                      f"年度指标值与实际完成值无法比较（{describe(target)} 与 {describe(actual)}）")
        return None
    t, a = Fraction(t_number), Fraction(a_number)
    if direction == "lower" and isinstance(target, vals.Quantity):
        return _reverse(ctx, row, trace, t, a)
    return _ratio(row, trace, t, a, direction == "lower")  # a water class: the lower class is better


def reading_direction(target: vals.Value | None, name: str | None) -> Literal["higher", "lower"] | None:
    """Which way the profile's reading takes a quantified row: the target's comparator, else the
    indicator's name (在职人员控制率 100%: lower is better, engine/lexicon/directions.toml), else
    higher — a missed bare target scores actual ÷ target, the positive formula — and a water
    class lower. The direction the row's score used, so the one the report-level rules read."""
    by_name = vals.direction_by_name(name or "")
    found = vals.good_direction(target, by_name[0] if by_name else None)
    if found is None and isinstance(target, vals.Quantity):
        return "higher"
    return found


def _ratio(row: RowContext, trace: list[str], t: Fraction, a: Fraction, reverse: bool) -> Outcome | None:
    """A missed target scored by the ratio of actual to target (target to actual when lower is
    better); None when the denominator is 0."""
    if (a if reverse else t) == 0:
        row.item.trace = trace
        row.item.reason = "比例的分母为 0"
        return None
    w = Fraction(row.weight)
    score = t / a * w if reverse else a / t * w
    trace.append(f"未达到：{'反向指标，年度指标值 ÷ 实际值' if reverse else '实际值 ÷ 年度指标值'} × 分值 = "
                 f"{fmt(t if reverse else a)} ÷ {fmt(a if reverse else t)} × {fmt(row.indicator.weight)} = {fmt(score)} 分")
    return Outcome("proportional", "score", score=min(score, w), trace=tuple(trace),
                   direction="lower" if reverse else "higher")


def _reverse_score(formula: ReverseFormula, t: Fraction, a: Fraction, w: Fraction) -> tuple[Fraction, str] | None:
    """A missed "≤ t" target with actual a > t, by `formula`; None when the formula cannot apply (t = 0)."""
    if t <= 0:
        return None
    if formula == "ratio":
        score = t / a * w
        return score, f"{fmt(t)} ÷ {fmt(a)} × {fmt(w)} = {fmt(score)} 分"
    score = max(Fraction(0), (2 * t - a) / t * w)
    return score, f"max(0, (2 × {fmt(t)} − {fmt(a)}) ÷ {fmt(t)}) × {fmt(w)} = {fmt(score)} 分"


def _reverse(ctx: ReviewContext, row: RowContext, trace: list[str], t: Fraction, a: Fraction) -> Outcome | None:
    """A missed "≤" target by the profile's reverse formula, the other methods' formulas beside it."""
    w = Fraction(row.weight)
    main = _reverse_score(ctx.profile.reverse, t, a, w)
    if main is None:
        row.item.trace = trace
        row.item.reason = "比例的分母为 0"
        return None
    score, shown = main
    trace.append(f"未达到：反向指标，{_REVERSE_WORDS[ctx.profile.reverse]}：{shown}")
    alternatives: dict[str, Fraction] = {}
    for formula in ctx.profile.reverse_alternatives:
        other = _reverse_score(formula, t, a, w)
        if other is not None and other[0] != score:
            alternatives[f"reverse:{formula}"] = min(other[0], w)
            trace.append(f"另一种办法的读法：{_REVERSE_WORDS[formula]}：{other[1]}")
    return Outcome("proportional", "score", score=min(score, w), trace=tuple(trace), alternatives=alternatives,
                   direction="lower")


def _summed(row: RowContext, trace: list[str]) -> vals.Quantity | None:
    """Several amounts in the actual cell, in the target's unit, added up (aggregate = "sum");
    None when they are not amounts of one unit (ratios would need each part's funds)."""
    from engine.values.units import tokens

    target, text = row.target, row.indicator.actual or ""
    found = tokens(text)
    if not isinstance(target, vals.Quantity) or len(found) < 2 or target.unit in (None, "%"):
        return None
    if any(tok.unit != target.unit for tok in found):
        return None
    total = sum((tok.value for tok in found), Decimal(0))
    terms = " + ".join(fmt(tok.value) for tok in found)
    trace.append(f"按评分办法先汇总再计分：实际完成值 {terms} = {fmt(total)} {target.unit}")
    return vals.Quantity(total, target.unit, "=", text, note=f"各项相加 {terms}")


def _tier(row: RowContext, trace: list[str]) -> vals.Tier | None:
    """The national tier of the actual: its wording, or a quantified actual against the target."""
    target, actual = row.target, row.actual
    tier = actual.tier if isinstance(actual, vals.Qualitative) else None
    if tier is None and quantified(actual) and target is not None:
        met = vals.meets(target, actual)
        tier = None if met is None else ("achieved" if met else "not_achieved")
    if (tier is None and isinstance(target, vals.Qualitative) and target.tier == "achieved"
            and isinstance(actual, vals.Quantity) and actual.unit == "%" and actual.number >= 100):
        tier = "achieved"
        trace.append(f"年度指标值「{row.indicator.target}」是文字，实际完成值 {row.indicator.actual} 表示全部完成：按“达成”理解")
    return tier


def _qualitative(ctx: ReviewContext, row: RowContext, trace: list[str]) -> Outcome | None:
    """A worded actual: any score inside the band of its tier (the evaluator picks within it)."""
    ind = row.indicator
    tier = _tier(row, trace)
    if tier is None:
        _unverifiable(ctx, row, trace, "unquantified",
                      f"实际完成值「{ind.actual}」无法判断是否达成（{describe(row.actual)}）")
        return None
    low, high = ctx.profile.qualitative[tier]
    w = Fraction(row.weight)
    lo, hi = w * Fraction(low) / 100, w * Fraction(high) / 100
    trace.append(f"定性：实际完成值属于“{_TIER_WORDS[tier]}”，得分在分值的 {fmt(low)}%–{fmt(high)}% 之间："
                 f"{fmt(lo)}–{fmt(hi)} 分（评价人在档内取分，档内任何分数都符合）")
    notes: tuple[Note, ...] = ()
    if isinstance(row.actual, vals.Qualitative) and row.actual.tier is not None:  # the band rests on words
        notes = (Note("qualitative-actual", f"实际完成值「{ind.actual}」是文字，按“{_TIER_WORDS[tier]}”理解"),)
    return Outcome("grades", "range", low=lo, high=hi, trace=tuple(trace), notes=notes)
