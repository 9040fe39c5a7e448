"""The claim against the recomputed score: consistent, or an S001 score-mismatch, and how sure.

An S001 is an error only when the claim is wrong under every reading the evaluation knows of.
It is a warning (复核) that names the reading when the claim is what another reading gives:
another reading of a partial step or of a band boundary (the outcome's `alternatives`), or
another reading of a worded actual (the outcome's note `qualitative-actual`: 完成, 控制内 read
as 达成 or as meeting a condition) under which the rule can give the claim. A rule of plain
fixed awards (有提升记3分，无改善记0分) gives only those scores under any reading, so a claim
outside them stays an error. Every S001 says whether the claim is over (多计) or under (少计).
All of it is decided from the outcome's data (codes, alternatives, the rule's fixed scores),
never from its prose. Nothing here chooses a rule or scores a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from engine.review.common import exact
from engine.review.context import ReviewContext, RowContext
from engine.scoring import PARTIAL_STEP_NAMES, Outcome, alternative_words, fmt
from engine.scoring.numbers import F

QUALITATIVE_ACTUAL = "qualitative-actual"  # details.reading of an S001 that rests on a worded actual


@dataclass(frozen=True)
class Reading:
    """Another reading under which the claim holds: `code` for machines (details.reading), and
    the Chinese words that name it."""

    code: str
    words: str


def compare(ctx: ReviewContext, row: RowContext, outcome: Outcome) -> None:
    """Fill the item from the outcome and compare the claim with it (S001, V001)."""
    item, claimed = row.item, row.indicator.claimed_score
    item.trace = outcome.trace  # shared with every row of the same outcome, never changed
    item.alternatives = {k: exact(v) for k, v in outcome.alternatives.items()}
    if outcome.status == "score" and outcome.score is not None:
        item.recomputed, item.exact_score = exact(outcome.score), F(outcome.score)  # the outcome's own
    elif outcome.low is not None and outcome.high is not None:
        item.range = (exact(outcome.low), exact(outcome.high))
        item.exact_range = (F(outcome.low), F(outcome.high))
    if claimed is None:
        item.status = "unverifiable"
        item.reason = "没有自评得分"
        ctx.emit("missing-value", "自评得分为空", row.place, expected=item.recomputed)
        return
    if outcome.allows(F(claimed), F(ctx.profile.tolerance)):
        item.status = "consistent"
        return
    item.status = "discrepancy"
    if outcome.status == "score" and outcome.score is not None:
        _score_differs(ctx, row, outcome, claimed, outcome.score)
    elif outcome.low is not None and outcome.high is not None:
        _outside_range(ctx, row, outcome, claimed, (outcome.low, outcome.high))




def other_reading(ctx: ReviewContext, row: RowContext, outcome: Outcome, claimed: Decimal) -> Reading | None:
    """The reading under which `claimed` holds, if any; None: wrong under every reading."""
    c, tol = F(claimed), F(ctx.profile.tolerance)
    for name, value in outcome.alternatives.items():
        if abs(value - c) <= tol:
            return Reading(name, alternative_words(name))
    worded = next((n for n in outcome.notes if n.code == QUALITATIVE_ACTUAL), None)
    if worded is not None and _possible_under_some_reading(row, c, tol):
        return Reading(QUALITATIVE_ACTUAL, worded.message)
    return None


def worded_note(outcome: Outcome) -> str | None:
    return next((n.message for n in outcome.notes if n.code == QUALITATIVE_ACTUAL), None)


def _possible_under_some_reading(row: RowContext, c: Fraction, tol: Fraction) -> bool:
    """Can the rule give `c` for some actual? A rule of fixed awards: one of them; else any score
    from 0 to the weight (a step or a band the words do not rule out)."""
    if row.fixed_scores:
        return any(abs(c - p) <= tol for p in row.fixed_scores)
    return -tol <= c <= F(row.weight) + tol


def _by(ctx: ReviewContext, row: RowContext) -> str:
    """按评分标准「…」 or 按评分办法 mof2020 (with a space before the next word)."""
    text = row.item.rule.text
    return f"按评分标准「{text}」" if text else f"按评分办法 {ctx.profile.name} "


def _off(diff: Fraction) -> str:
    return f"{'多' if diff > 0 else '少'}计 {fmt(abs(diff))} 分"


def _emit(ctx: ReviewContext, row: RowContext, message: str, claimed: Decimal,
          expected: Decimal | tuple[Decimal, Decimal], diff: Fraction, reading: Reading | None) -> None:
    ctx.emit("score-mismatch", message, row.place, claimed=claimed, expected=expected, points=exact(abs(diff)),
             direction="over" if diff > 0 else "under", severity=None if reading is None else "warning",
             extra={} if reading is None else {"reading": reading.code})


_CHECK_WORDS = "换一种理解，自评分可能成立：请评价人核实实际完成情况。"


def _score_differs(ctx: ReviewContext, row: RowContext, outcome: Outcome, claimed: Decimal, score: Fraction) -> None:
    diff = F(claimed) - score
    arithmetic = _arithmetic(outcome)
    reading = other_reading(ctx, row, outcome, claimed)
    head = f"自评 {fmt(claimed)} 分，{_by(ctx, row)}应得 {fmt(score)} 分（{_off(diff)}）"
    if reading is not None and reading.code == QUALITATIVE_ACTUAL:
        message = f"{head}；重算依据的读法：{reading.words}。{_CHECK_WORDS}{arithmetic}"
    elif reading is not None:
        message = (f"{head}，但与另一种读法「{reading.words}」一致（默认读法："
                   f"{PARTIAL_STEP_NAMES.get(ctx.profile.partial_step)}）：这是读法问题，请评价人确认。{arithmetic}")
    else:
        message = f"{head}。{_every_reading(row, outcome, claimed)}{arithmetic}"
    _emit(ctx, row, message, claimed, exact(score), diff, reading)


def _every_reading(row: RowContext, outcome: Outcome, claimed: Decimal) -> str:
    """For an error that rests on a worded actual: the reading, and why no other one helps."""
    words = worded_note(outcome)
    if words is None or not row.fixed_scores:
        return ""
    shown = "、".join(fmt(p) for p in row.fixed_scores)
    return f"{words}；但无论怎样理解，评分标准只可能给出 {shown} 分，{fmt(claimed)} 分不是其中之一。"


def _outside_range(ctx: ReviewContext, row: RowContext, outcome: Outcome, claimed: Decimal,
                   bounds: tuple[Fraction, Fraction]) -> None:
    lo, hi = bounds
    c = F(claimed)
    diff = c - hi if c > hi else c - lo
    head = (f"自评 {fmt(claimed)} 分，不在{_by(ctx, row)}允许的 {fmt(lo)}–{fmt(hi)} 分之内"
            f"（{'高出' if c > hi else '低于'} {fmt(abs(diff))} 分，{_off(diff)}）")
    reading = other_reading(ctx, row, outcome, claimed)
    tail = f"；重算依据的读法：{reading.words}。{_CHECK_WORDS}" if reading is not None else "。"
    _emit(ctx, row, head + tail + _arithmetic(outcome), claimed, (exact(lo), exact(hi)), diff, reading)


def _arithmetic(outcome: Outcome) -> str:
    useful = [line for line in outcome.trace if not line.startswith(("评分标准：", "读作：", "年度指标值："))]
    return "计算：" + "；".join(useful[-4:]) if useful else ""
