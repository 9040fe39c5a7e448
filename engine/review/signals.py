"""Signals: info-level findings that are never errors, only worth a reviewer's glance.

Two passes. `check_rows`, on each indicator row: I002 boilerplate-actual (a quantified target
whose actual says only 完成 or the like), I003 ceiling-on-quantity (a 数量指标 whose target is
a "≤" ceiling). `check_tables`, on each table: I001 all-full-marks (every item claims its
full weight). I004 over-execution belongs to the execution rate (`engine.review.execution`).
"""

from __future__ import annotations

from engine import values as vals
from engine.review.common import quantified
from engine.review.context import Place, ReviewContext

_BOILERPLATE = ("完成", "已完成", "达成预期指标", "达成", "达标", "已达成", "全部完成", "按时完成")


def check_rows(ctx: ReviewContext) -> None:
    for table, result, row, ind in ctx.each_row():
        place = Place.indicator(result.number, table, row, ind)
        target, actual = vals.parse_value(ind.target), vals.parse_value(ind.actual)
        if quantified(target) and isinstance(actual, vals.Qualitative) and (ind.actual or "").strip() in _BOILERPLATE:
            ctx.emit("boilerplate-actual", f"年度指标值「{ind.target}」是量化的，实际完成值只写了「{ind.actual}」", place)
        if isinstance(target, vals.Quantity) and target.comparator in ("<=", "<") and "数量" in (ind.level2 or ""):
            ctx.emit("ceiling-on-quantity", f"数量指标的年度指标值「{ind.target}」是上限（≤），数量指标通常应为下限", place)


def check_tables(ctx: ReviewContext) -> None:
    for table, result in ctx.each_table():
        items = result.items
        scored = [i for i in items if i.weight is not None and i.claimed is not None]
        if scored and len(scored) == len(items) and all(i.claimed == i.weight for i in scored):
            ctx.emit("all-full-marks", f"{len(scored)} 项全部自评满分", Place.part(result.number, table, "table"))
