"""Report-level rules of the scoring profile: one generic evaluator of the `[[rule]]` vocabulary.

For each enabled rule of `ctx.profile.rules` (engine.profiles.rules), on its scope (each
indicator row, each table's 预算执行率 row, each table), the facts are read from the report and
the earlier passes (the recomputed 执行率 in `ctx.execution_rates`, each row's recomputed
score), the conditions tested, and the consequence applied: M001 method-check (a finding at
the rule's severity), M002 method-deduction (points off, never below the floor), M003
method-cap (a cap on the total or the grade, raised when it binds on the claim), M004
method-rescale (the rows matched are left out, the rest rescaled to the 满分). Deductions, caps
and rescales are left in `ctx.adjustments` for `engine.review.totals`. Every finding names the
rule and cites its source. No province has code here: a province is its profile's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from engine import values as vals
from engine.profiles.rules import Conditions, ReportRule
from engine.report.model import Indicator, Table
from engine.review.common import exact
from engine.review.context import Adjustments, Place, ReviewContext
from engine.review.result import ItemResult, TableResult
from engine.scoring import fmt, to_decimal
from engine.values.names import Direction

_DIRECTION = {">=": "higher", ">": "higher", "<=": "lower", "<": "lower", "=": "equal"}
_BY_DIRECTION: dict[str, Direction] = {"higher": "higher", "lower": "lower"}  # "equal": met only exactly


@dataclass(frozen=True)
class Facts:
    """What the conditions can ask of one place; None: not known there (the condition fails)."""

    execution_rate: Decimal | None = None  # a percentage
    deviation: Decimal | None = None  # |actual − target| ÷ target, a percentage
    achievement: Decimal | None = None  # actual ÷ target, a percentage
    note: bool | None = None  # a 偏差原因 is written
    points_lost: bool | None = None
    missed: bool | None = None
    direction: str | None = None
    says: str | None = None  # the 实际完成值 (else 年度指标值) as printed, trimmed


def holds(when: Conditions, facts: Facts) -> bool:
    """Every condition of `when` holds on `facts`."""
    checks: list[bool] = []
    for comparison, value in ((when.execution_rate, facts.execution_rate), (when.deviation, facts.deviation),
                              (when.achievement, facts.achievement)):
        if comparison is not None:
            checks.append(value is not None and comparison.holds(value))
    if when.note is not None:
        checks.append(facts.note is not None and facts.note == (when.note == "present"))
    for wanted, known in ((when.points_lost, facts.points_lost), (when.missed, facts.missed)):
        if wanted is not None:
            checks.append(known is not None and known == wanted)
    if when.direction:
        checks.append(facts.direction in when.direction)
    if when.actual_says:
        checks.append(facts.says is not None and any(word in facts.says for word in when.actual_says))
    return all(checks)


def row_facts(indicator: Indicator, item: ItemResult | None = None) -> Facts:
    """The facts of one indicator row, read the way its score read it: the direction is the
    item's (`ItemResult.direction`, set by the scoring), so a rule never takes a row the other
    way from its score (在职人员控制率 100% is lower-is-better for both); `missed` and
    `achievement` follow from it."""
    target, actual = vals.parse_value(indicator.target), vals.parse_value(indicator.actual)
    weight, claimed = indicator.weight, indicator.claimed_score
    lost = None if weight is None or claimed is None else claimed < weight
    says = (indicator.actual or "").strip() or (indicator.target or "").strip() or None
    note = bool((indicator.deviation_note or "").strip())
    if not isinstance(target, vals.Quantity) or not isinstance(actual, vals.Quantity):
        return Facts(note=note, points_lost=lost, says=says)
    direction = _row_direction(target, indicator, item)
    met = vals.meets(target, actual, _BY_DIRECTION.get(direction or ""))
    ratio = _ratio(target, actual)
    return Facts(deviation=None if ratio is None else abs(ratio - 100),
                 achievement=ratio if direction in ("higher", "equal") else None,
                 note=note, points_lost=lost, missed=None if met is None else not met, direction=direction,
                 says=says)


def _ratio(target: vals.Quantity, actual: vals.Quantity) -> Decimal | None:
    """actual ÷ target as a percentage; None over a 0 target or across units."""
    t, a = target.number, actual.number
    return None if t == 0 or not vals.same_unit(target, actual) else to_decimal(Fraction(a) / Fraction(t) * 100)


def _row_direction(target: vals.Quantity, indicator: Indicator, item: ItemResult | None) -> str | None:
    """higher / lower / equal: the direction the item's score read; a row never scored (a rule
    not read) or whose rule read none: the target's comparator, then the indicator's name (the
    evidence `infer_direction` would have found first), else "equal" for a "=" or bare target."""
    if item is not None and item.direction is not None:
        return item.direction
    by_name = vals.direction_by_name(indicator.name)
    return vals.good_direction(target, by_name[0] if by_name else None) or _DIRECTION.get(target.comparator)


def execution_facts(ctx: ReviewContext, table: Table, number: int) -> Facts:
    ex, rate = table.execution, ctx.execution_rates.get(number)
    lost = None
    if ex is not None and ex.weight is not None and ex.claimed_score is not None:
        lost = ex.claimed_score < ex.weight
    note = None if ex is None else bool((ex.deviation_note or "").strip())
    return Facts(execution_rate=None if rate is None else to_decimal(rate * 100), note=note, points_lost=lost)


def check(ctx: ReviewContext) -> None:
    rules = [r for r in ctx.profile.rules if r.enabled]
    if not rules:
        return
    for table, result in ctx.each_table():
        adjust = ctx.adjustments.setdefault(result.number, Adjustments())
        for rule in rules:
            if rule.scope == "indicator":
                _rows(ctx, rule, table, result, adjust)
            elif table.execution is not None or rule.scope == "table":
                facts = execution_facts(ctx, table, result.number)
                if holds(rule.when, facts):
                    field = "execution" if rule.scope == "execution" else "table"
                    item = "预算执行率" if field == "execution" else None
                    _apply(ctx, rule, Place.part(result.number, table, field, item), facts, None, adjust)
        if adjust.excluded:
            _rescale_note(ctx, table, result, adjust)


def _rows(ctx: ReviewContext, rule: ReportRule, table: Table, result: TableResult, adjust: Adjustments) -> None:
    items = {i.row: i for i in result.items if i.row is not None}
    for row, indicator in enumerate(table.indicators, start=1):
        facts = row_facts(indicator, items.get(row))
        if holds(rule.when, facts):
            _apply(ctx, rule, Place.indicator(result.number, table, row, indicator), facts, items.get(row), adjust)


def _cited(ctx: ReviewContext, rule: ReportRule, text: str) -> str:
    source = f"依据：{rule.source.cite()}" if rule.source else "未注明出处"
    return f"{text}（评分办法 {ctx.profile.name} 规则 {rule.id}；{source}）"


def _apply(ctx: ReviewContext, rule: ReportRule, place: Place, facts: Facts, item: ItemResult | None,
           adjust: Adjustments) -> None:
    then = rule.then
    extra: dict[str, object] = {"rule": rule.id, "profile": ctx.profile.name}
    if rule.source is not None:
        extra["evidence"] = rule.source.evidence
    described = _describe(rule.when, facts)
    message = f"{described}：{rule.message}" if rule.message else described
    if then.deduct is not None:
        _deduct(ctx, rule, place, item, adjust, message, extra)
    elif then.cap_total is not None or then.cap_grade is not None:
        _cap(ctx, rule, place, adjust, message, extra)
    elif then.rescale:
        if item is not None:
            adjust.excluded.add(item.key)
    else:
        ctx.emit("method-check", _cited(ctx, rule, message), place, severity=then.finding, extra=extra)


def _deduct(ctx: ReviewContext, rule: ReportRule, place: Place, item: ItemResult | None, adjust: Adjustments,
            message: str, extra: dict[str, object]) -> None:
    """Points off the row's recomputed score (never below the floor) or off the table's total."""
    then = rule.then
    points = then.deduct or Decimal(0)
    if item is not None:
        score = item.recomputed if item.recomputed is not None else (item.range[0] if item.range else None)
        if score is not None:
            points = max(Decimal(0), min(points, score - then.floor))
        adjust.deductions.append((points, None))
    else:
        adjust.deductions.append((points, then.floor))
    ctx.emit("method-deduction", _cited(ctx, rule, f"{message}：按办法扣 {fmt(points)} 分（扣至 {fmt(then.floor)} 分为止），"
             "重算总分已扣除"), place, expected=exact(points), points=points, extra=extra)


def _claimed_total(table: Table, result: TableResult) -> Decimal:
    if table.claimed_total is not None:
        return table.claimed_total
    return sum((i.claimed for i in result.items if i.claimed is not None), Decimal(0))


def _cap(ctx: ReviewContext, rule: ReportRule, place: Place, adjust: Adjustments, message: str,
         extra: dict[str, object]) -> None:
    """Cap the total or the grade; M003 when the claim is above the cap."""
    then, profile = rule.then, ctx.profile
    table = ctx.report.tables[(place.table_number or 1) - 1]
    result = ctx.tables[(place.table_number or 1) - 1]
    claimed = _claimed_total(table, result)
    over: list[str] = []
    if then.cap_total is not None:
        adjust.cap_total = then.cap_total if adjust.cap_total is None else min(adjust.cap_total, then.cap_total)
        if claimed > then.cap_total:
            over.append(f"总分不超过 {fmt(then.cap_total)} 分，自评 {fmt(claimed)} 分")
    if then.cap_grade is not None:
        adjust.cap_grade = worse_grade(profile.grades, adjust.cap_grade, then.cap_grade)
        grade = profile.grade(claimed, table.scale)
        if worse_grade(profile.grades, grade, then.cap_grade) != grade:
            over.append(f"等级不高于「{then.cap_grade}」，自评总分 {fmt(claimed)} 分为「{grade}」")
    if over:
        ctx.emit("method-cap", _cited(ctx, rule, f"{message}：{'；'.join(over)}"), place, claimed=claimed,
                 expected=then.cap_total, points=max(Decimal(0), claimed - (then.cap_total or claimed)), extra=extra)


def worse_grade(grades: tuple[tuple[str, Decimal], ...], a: str | None, b: str) -> str:
    """The lower of two grades (`grades` best first); a grade the profile does not know is ignored."""
    names = [name for name, _ in grades]
    if a is None or a not in names:
        return b
    if b not in names:
        return a
    return a if names.index(a) >= names.index(b) else b


def _rescale_note(ctx: ReviewContext, table: Table, result: TableResult, adjust: Adjustments) -> None:
    left = [i for i in result.items if i.key in adjust.excluded]
    kept = sum((i.weight or Decimal(0) for i in result.items if i.key not in adjust.excluded), Decimal(0))
    names = "、".join(i.name for i in left)
    ctx.emit("method-rescale", f"{len(left)} 项不适用（{names}），不计分；其余 {fmt(kept)} 分按 {fmt(table.scale)} 分折算"
             f"（× {fmt(table.scale)} ÷ {fmt(kept)}）", Place.part(result.number, table, "table"),
             extra={"profile": ctx.profile.name, "excluded_rows": [i.row for i in left if i.row is not None]})


def _describe(when: Conditions, facts: Facts) -> str:
    """A Chinese sentence of what held, for a rule that gives no message of its own."""
    parts = []
    if when.execution_rate is not None and facts.execution_rate is not None:
        parts.append(f"执行率 {fmt(facts.execution_rate)}%（{when.execution_rate.text()}）")
    if when.achievement is not None and facts.achievement is not None:
        parts.append(f"实际完成值为年度指标值的 {fmt(facts.achievement)}%（{when.achievement.text()}）")
    if when.deviation is not None and facts.deviation is not None:
        parts.append(f"偏离年度指标值 {fmt(facts.deviation)}%（{when.deviation.text()}）")
    if when.missed:
        parts.append("未达到年度指标值")
    if when.points_lost:
        parts.append("得分低于分值")
    if when.note == "missing":
        parts.append("没有填写偏差原因")
    if when.actual_says and facts.says:
        parts.append(f"实际完成值「{facts.says}」")
    return "，".join(parts) or "满足规则的条件"


def kept_items(result: TableResult, adjust: Adjustments | None) -> list[ItemResult]:
    """The items that count in the total: all but the rows a rescale rule left out."""
    if adjust is None or not adjust.excluded:
        return list(result.items)
    return [i for i in result.items if i.key not in adjust.excluded]


def rescaled(value: Decimal, result: TableResult, adjust: Adjustments | None, scale: Decimal) -> Decimal:
    """`value` (a sum over the kept items) × 满分 ÷ their weights, when a rescale applies."""
    if adjust is None or not adjust.excluded:
        return value
    kept = sum((i.weight or Decimal(0) for i in kept_items(result, adjust)), Decimal(0))
    return value if kept == 0 else exact(Fraction(value) * Fraction(scale) / Fraction(kept))


def adjusted_total(value: Fraction, result: TableResult, adjust: Adjustments | None, scale: Decimal) -> Fraction:
    """A recomputed total (or a bound of its range), exact, after the rescale, the deductions and
    the cap: rounded only where it is shown."""
    if adjust is None:
        return value
    total = value
    if adjust.excluded:
        kept = sum((Fraction(i.weight or 0) for i in kept_items(result, adjust)), Fraction(0))
        total = total if kept == 0 else total * Fraction(scale) / kept
    for points, floor in adjust.deductions:
        total = total - Fraction(points) if floor is None else max(Fraction(floor), total - Fraction(points))
    if adjust.cap_total is not None:
        total = min(total, Fraction(adjust.cap_total))
    return total
