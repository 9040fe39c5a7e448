"""Weights: the 分值 of a table against its 满分, and its first-level split against the profile.

Codes: W001 weights-sum (the weights, 预算执行率 included, do not add up to the table's scale;
rows that print no 分值 are left out of the sum and counted in the message), W002
weights-profile (the 一级指标 blocks, or the indicator part's total when the split is free,
differ from the profile's project split; 部门整体 tables follow the common-indicator framework,
so they are not held to it), V003 missing-weight once on
a table that prints no weight or score at all (an unscored form: only its arithmetic is
checked). All sit on the table as a whole. Nothing here looks at scores.
"""

from __future__ import annotations

from decimal import Decimal

from engine.profiles import Profile
from engine.report.model import Table
from engine.review.context import Place, ReviewContext
from engine.scoring import fmt

_NO_LEVEL1 = "（未填一级指标）"


def check(ctx: ReviewContext) -> None:
    for table, result in ctx.each_table():
        place = Place.part(result.number, table, "table")
        if not table.scored:
            ctx.emit("missing-weight", "此表没有分值、得分和总分（未打分的表）：只核对资金等算术", place)
            continue
        total_weight = sum((i.weight for i in result.items if i.weight is not None), Decimal(0))
        unweighted = sum(1 for i in result.items if i.weight is None)
        left_out = f"（另有 {unweighted} 项未印分值，未计入）" if unweighted else ""
        if total_weight != table.scale:
            ctx.emit("weights-sum", f"各项分值之和为 {fmt(total_weight)}{left_out}，而满分是 {fmt(table.scale)}", place,
                     claimed=total_weight, expected=table.scale)
        if table.kind == "project":
            _level1(ctx, table, place)


def _level1_sums(table: Table) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for ind in table.indicators:
        key = (ind.level1 or "").strip() or _NO_LEVEL1
        sums[key] = sums.get(key, Decimal(0)) + (ind.weight or Decimal(0))
    return sums


def _expected_split(profile: Profile, sums: dict[str, Decimal]) -> dict[str, Decimal]:
    """The profile's split; with no 满意度 indicator its points move to 效益 (财预〔2020〕10号)."""
    expected = dict(profile.level1_weights)
    satisfaction = next((k for k in expected if "满意度" in k), None)
    benefit = next((k for k in expected if "效益" in k), None)
    if satisfaction and benefit and satisfaction not in sums:
        expected[benefit] = expected[benefit] + expected.pop(satisfaction)
    return expected


def _level1(ctx: ReviewContext, table: Table, place: Place) -> None:
    """The blocks against the profile's split; a free split ("10 + 90") checks only the indicator
    part's total, and an execution weight the method does not document is not checked."""
    profile = ctx.profile
    sums = _level1_sums(table)
    expected = _expected_split(profile, sums)
    differing = [f"{k} {fmt(sums.get(k, Decimal(0)))}（办法 {fmt(v)}）" for k, v in expected.items()
                 if sums.get(k, Decimal(0)) != v]
    indicators = sum(sums.values(), Decimal(0))
    if not expected and profile.indicator_total is not None and indicators != profile.indicator_total:
        differing.append(f"绩效指标合计 {fmt(indicators)}（办法 {fmt(profile.indicator_total)}，不限一级指标的分配）")
    ex, expected_weight = table.execution, profile.execution_weight
    if ex is not None and ex.weight is not None and expected_weight is not None and ex.weight != expected_weight:
        differing.append(f"预算执行率 {fmt(ex.weight)}（办法 {fmt(expected_weight)}）")
    if differing:
        others = [f"{k} {fmt(v)}" for k, v in sums.items() if k not in expected]
        ctx.emit("weights-profile", f"一级指标分值与 {profile.name} 不同：" + "；".join(differing)
                 + (f"；另有 {'、'.join(others)}" if others else ""), place)
