"""The indicator rows: each claim, deviation note, rule and score.

Codes: S001 score-mismatch (compared in `engine.review.claims`), S002 score-over-weight, N001 missing-deviation-note, R001
rule-unparsed, R002 rule-incomplete, R003 rule-weight-mismatch, R004 rule-direction, V001
missing-value, V002 unquantified and V003 actual-unmatched (of a row).

Each row is held to, in order: the rule-set entry the reviewer supplied for it, the table's own
评分标准, the profile's rule for a common indicator, else the profile's reading of a row with no
rule (`engine.review.profile_reading`). The rule is evaluated by `engine.scoring.evaluate`; a
rule that gives only a few fixed scores shows an impossible claim even when the actual cannot
be read. This pass fills `TableResult.items` with one `ItemResult` per indicator; it does not
look at totals, the execution rate or the funding.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from engine import values as vals
from engine.language import tree as rt
from engine.language.printer import to_text
from engine.review.claims import compare
from engine.review.common import exact, exact_or_none, quantified
from engine.review.context import ReviewContext, RowContext
from engine.review.profile_reading import score_by_profile
from engine.review.result import RuleUsed
from engine.scoring import Outcome, evaluate, fmt
from engine.scoring import memo
from engine.scoring.evaluate import name_reading
from engine.scoring.memo import per_rule
from engine.scoring.numbers import F

if TYPE_CHECKING:
    from engine.report.model import Indicator, Table
    from engine.rulesets import RuleEntry, RuleSet

Direction = Literal["higher", "lower"]


def check(ctx: ReviewContext) -> None:
    """Score every indicator row of every table, in the report's order."""
    for table, result, row, indicator in ctx.each_row():
        here = RowContext.of(result.number, table, row, indicator)
        _review_row(ctx, here)
        result.items.append(here.item)


def _review_row(ctx: ReviewContext, row: RowContext) -> None:
    if row.indicator.weight is None:
        _unweighted(ctx, row)
        return
    _claim_bounds(ctx, row)
    outcome = _score(ctx, row)
    _deviation_note(ctx, row)  # after the score: a target is missed the way the score read it
    if outcome is None:
        if row.item.status != "discrepancy":  # an impossible claim is a discrepancy even unscored
            row.item.status = "unverifiable"
        return
    compare(ctx, row, outcome)


def _unweighted(ctx: ReviewContext, row: RowContext) -> None:
    """A row that prints no 分值 is kept, not scored (V003); its printed claim still counts in the
    total. An unscored table says so once, on the table (`engine.review.weights`)."""
    row.item.status = "unverifiable"
    row.item.reason = "没有分值"
    if not row.table.scored:
        row.item.reason = "未打分的表：没有分值"
        return
    claimed = row.indicator.claimed_score
    counted = "" if claimed is None else f"；自评得分 {fmt(claimed)} 仍计入总分"
    sub_row = row.indicator.name.startswith("其中") and claimed is None
    ctx.emit("missing-weight", f"未印分值，该项无法核对{counted}" if not sub_row else
             "“其中”子项未印分值：不单独计分，未核对", row.place, claimed=claimed,
             severity="info" if sub_row else None)


def _claim_bounds(ctx: ReviewContext, row: RowContext) -> None:
    """0 ≤ claimed ≤ weight, whatever the rule."""
    weight, claimed = row.weight, row.indicator.claimed_score
    if claimed is None:
        return
    if claimed > weight:
        ctx.emit("score-over-weight", f"自评得分 {fmt(claimed)} 超过分值 {fmt(weight)}", row.place,
                 claimed=claimed, expected=weight, points=claimed - weight, direction="over")
    if claimed < 0:
        ctx.emit("score-mismatch", f"自评得分 {fmt(claimed)} 低于 0：任何评分标准都给不出负分，"
                 f"得分应在 0 到分值 {fmt(weight)} 之间", row.place,
                 claimed=claimed, expected=Decimal(0), points=-claimed, direction="under")


def _deviation_note(ctx: ReviewContext, row: RowContext) -> None:
    """Points lost, or a quantified target missed, with no 偏差原因分析."""
    ind, claimed, weight = row.indicator, row.indicator.claimed_score, row.weight
    if claimed is None or (ind.deviation_note or "").strip():
        return
    if claimed < weight:
        ctx.emit("missing-deviation-note", f"失分 {fmt(weight - claimed)} 分"
                 f"（{fmt(claimed)}/{fmt(weight)}），但没有填写偏差原因分析及改进措施", row.place,
                 claimed=claimed, expected=weight)
    elif quantified(row.target) and quantified(row.actual) and vals.meets(
            row.target, row.actual, _read_direction(row)) is False:
        ctx.emit("missing-deviation-note", f"实际完成值「{ind.actual}」未达到年度指标值「{ind.target}」，"
                 f"但没有填写偏差原因分析及改进措施", row.place, claimed=claimed, expected=weight)


def _read_direction(row: RowContext) -> Direction | None:
    """The direction the row's score read (`ItemResult.direction`), else the indicator's name."""
    read = row.item.direction
    if read in ("higher", "lower"):
        return "higher" if read == "higher" else "lower"
    return (vals.direction_by_name(row.indicator.name) or (None,))[0]


# ---------------------------------------------------------------- which rule

def find_entry(ruleset: RuleSet | None, table: Table, indicator: Indicator) -> RuleEntry | None:
    """The rule-set entry for this row: rule sets name the indicator (and optionally the table)."""
    if ruleset is None:
        return None
    for entry in ruleset.rules:
        if entry.indicator and entry.indicator == indicator.name and (entry.table is None or entry.table == table.name):
            return entry
    return None


def _score(ctx: ReviewContext, row: RowContext) -> Outcome | None:
    """Choose the row's rule (rule set › the table's own 评分标准 › profile) and score by it."""
    ind = row.indicator
    entry = find_entry(ctx.ruleset, row.table, ind)
    if entry is not None:
        row.item.rule = RuleUsed("rules-file", entry.effective_text, reference=entry.id)
        return _by_rule(ctx, row, entry.effective_text, direction=entry.direction)
    if ind.rule and ind.rule.strip():
        parsed = ctx.parse(ind.rule)
        if not parsed.not_a_rule:
            row.item.rule = RuleUsed("text", ind.rule)
            return _by_rule(ctx, row, ind.rule)
        outcome = _by_profile(ctx, row)  # issue 9 family 13: not a scoring rule, never an error
        row.item.rule.diagnostics = (*(d.to_dict() for d in parsed.diagnostics), *row.item.rule.diagnostics)
        row.item.trace = [f"评分标准「{ind.rule}」不是计分规定（没有分值、扣分或计分方法）：该项按评分办法计分", *row.item.trace]
        return outcome
    return _by_profile(ctx, row)


def _by_profile(ctx: ReviewContext, row: RowContext) -> Outcome | None:
    """The profile's rule for the indicator (a common indicator's), else the profile's method."""
    ind, profile = row.indicator, ctx.profile
    common = profile.common_rule(ind.name)
    if common is not None:
        row.item.rule = RuleUsed("profile", common.rule, reference=profile.name)
        return _by_rule(ctx, row, common.rule)
    row.item.rule = RuleUsed("profile", None, reference=profile.name)
    return score_by_profile(ctx, row)


# ---------------------------------------------------------------- scoring by a rule

def _by_rule(ctx: ReviewContext, row: RowContext, text: str, direction: Direction | None = None) -> Outcome | None:
    item = row.item
    parsed = ctx.parse(text)
    item.rule.diagnostics = tuple(d.to_dict() for d in parsed.diagnostics)
    if parsed.rule is not None:
        item.rule.canonical = printed(parsed.rule)
    if not parsed.ok or parsed.rule is None:
        first = next(d for d in parsed.diagnostics if d.severity == "error")
        item.reason = f"评分标准无法读懂：{first.message}（第 {first.start + 1} 个字符）"
        ctx.emit("rule-unparsed", f"评分标准「{text}」无法读懂（{first.code}，第 {first.start + 1} 个字符："
                 f"{first.message}），该项 {fmt(row.weight)} 分无法核对", row.place, points=row.weight)
        return None
    for d in parsed.diagnostics:
        if d.code == "P003":
            ctx.emit("rule-incomplete", f"评分标准「{text}」末尾的「{text[d.start:d.end]}」未能读懂"
                     f"（第 {d.start + 1} 个字符），已按其余部分计算", row.place)
    row.fixed_scores = fixed_scores(parsed.rule, row.weight)
    outcome = _evaluated(ctx, row, text, parsed.rule, direction)
    _rule_notes(ctx, row, text, outcome)
    item.trace = outcome.trace
    item.direction = outcome.direction
    if outcome.status == "unknown":
        _unknown(ctx, row, outcome)
        item.reason = outcome.reason
        _impossible_claim(ctx, row, parsed.rule, text)
        return None
    return outcome


def _evaluated(ctx: ReviewContext, row: RowContext, text: str, rule: rt.Rule, direction: Direction | None) -> Outcome:
    """The row's outcome under `rule`: evaluated once per report for each distinct rule, target,
    actual, weight, reading of the name and direction (rows repeat them across a report's
    tables; the outcome is a function of exactly these)."""
    ind = row.indicator
    partial = ctx.profile.partial_step
    key = (text, ind.target, ind.actual, str(row.weight), partial, name_reading(rule, ind.name), direction)
    outcome = ctx.outcomes.get(key) if memo.KEEP else None
    if outcome is None:
        outcome = ctx.outcomes[key] = evaluate(rule, row.target, row.actual, row.weight, partial=partial,
                                               indicator=ind.name, direction=direction, canonical=printed(rule))
    return outcome


def _rule_notes(ctx: ReviewContext, row: RowContext, text: str, outcome: Outcome) -> None:
    """What the evaluator noticed about the rule itself: its own full marks, its direction."""
    for note in outcome.notes:
        if note.code == "weight-mismatch":
            ctx.emit("rule-weight-mismatch", f"评分标准「{text}」：{note.message}", row.place,
                     claimed=row.indicator.weight, expected=exact_or_none(outcome.full_marks))
        elif note.code == "penalises-improvement":
            ctx.emit("rule-direction", f"评分标准「{text}」：{note.message}", row.place)


def _unknown(ctx: ReviewContext, row: RowContext, outcome: Outcome) -> None:
    """An unknown outcome is a value problem (blank, unquantified, a worded actual that matches
    none of the rule's conditions) or a rule problem, by its reason code (every other code: the
    rule, as read, cannot score this row)."""
    reason, weight = outcome.reason or "", row.weight
    if outcome.reason_code == "value-missing":
        ctx.emit("missing-value", f"该项 {fmt(weight)} 分无法核对：{reason}", row.place, points=weight)
    elif outcome.reason_code == "value-unquantified":
        ctx.emit("unquantified", f"该项 {fmt(weight)} 分无法核对：{reason}", row.place, points=weight)
    elif outcome.reason_code == "actual-unmatched":
        ctx.emit("actual-unmatched", f"评分标准「{row.item.rule.text}」已读懂，但该项 {fmt(weight)} 分无法核对：{reason}",
                 row.place, points=weight)
    else:
        ctx.emit("rule-unparsed", f"评分标准「{row.item.rule.text}」无法据以计算：{reason}；该项 {fmt(weight)} 分无法核对",
                 row.place, points=weight)


@per_rule
def printed(rule: rt.Rule) -> str:
    """The rule's canonical printed form (`to_text`), once per parsed rule."""
    return to_text(rule)


@per_rule
def fixed_scores(rule: rt.Rule, weight: Decimal) -> tuple[Fraction, ...]:
    """The only scores a rule of plain awards can give (capped at the weight); () for any other rule."""
    kinds = {type(s) for s in rule.statements} - {rt.Context, rt.Fragment}
    if kinds != {rt.Award}:
        return ()
    awards: list[rt.Award] = rule.of(rt.Award)
    if any(isinstance(a.condition, rt.Between) for a in awards):
        return ()
    w = Fraction(weight)
    return tuple(sorted({min(w, w if a.points.value is None else Fraction(a.points.value))
                         for a in awards if a.points is not None}))


def _impossible_claim(ctx: ReviewContext, row: RowContext, rule: rt.Rule, text: str) -> None:
    """Even when the actual cannot be read, a rule that only ever gives a few fixed scores
    (有提升记3分，无改善记0分) shows a claim outside that set to be wrong."""
    claimed = row.indicator.claimed_score
    if claimed is None:
        return
    possible = row.fixed_scores
    c, tol = F(claimed), F(ctx.profile.tolerance)
    if not possible or any(abs(c - p) <= tol for p in possible):
        return
    row.item.status = "discrepancy"
    shown = "、".join(fmt(p) for p in possible)
    nearest = min(possible, key=lambda p: abs(c - p))
    ctx.emit("score-mismatch", f"自评 {fmt(claimed)} 分，但评分标准「{text}」只可能给出 {shown} 分；"
             f"实际完成值无法判断是哪一档，但 {fmt(claimed)} 分不是其中之一（比最接近的 {fmt(nearest)} 分"
             f"{'多' if c > nearest else '少'}计 {fmt(abs(c - nearest))} 分）", row.place,
             claimed=claimed, expected=None, points=exact(abs(c - nearest)),
             extra={"possible": [exact(p) for p in possible]}, direction="over" if c > nearest else "under")
