"""Funding arithmetic: the rows of each split of 项目资金 add up to the 年度资金总额 row.

Code: F001 funding-sum, one per split (资金来源, 收入性质, 支出性质) and column (年初预算数,
全年预算数, 全年执行数) that does not add up; a blank cell is not 0 and a column with only
blanks is not compared. It does not compute the execution rate (`engine.review.execution`).
"""

from __future__ import annotations

from decimal import Decimal

from engine.report.model import FundingRow, Table
from engine.review.context import Place, ReviewContext
from engine.scoring import fmt

COLUMNS = {"initial": "年初预算数", "full_year": "全年预算数", "executed": "全年执行数"}
BREAKDOWNS = {"source": "资金来源", "income": "收入性质", "expense": "支出性质"}


def check(ctx: ReviewContext) -> None:
    for table, result in ctx.each_table():
        total = next((r for r in table.funding if r.breakdown == "total"), None)
        if total is None:
            continue
        for breakdown in BREAKDOWNS:
            rows = [r for r in table.funding if r.breakdown == breakdown]
            if not rows:
                continue
            for column in COLUMNS:
                _column(ctx, table, result.number, total, rows, (breakdown, column))


def _column(ctx: ReviewContext, table: Table, number: int, total: FundingRow, rows: list[FundingRow],
            where: tuple[str, str]) -> None:
    breakdown, column = where
    label, column_label = BREAKDOWNS[breakdown], COLUMNS[column]
    values: list[Decimal | None] = [getattr(r, column) for r in rows]
    expected: Decimal | None = getattr(total, column)
    if expected is None or all(v is None for v in values):
        return
    got = sum((v for v in values if v is not None), Decimal(0))
    if got == expected:
        return
    parts = " + ".join(f"{r.source.strip('：: ')} {'（空）' if v is None else fmt(v)}" for r, v in zip(rows, values))
    ctx.emit("funding-sum", f"年度资金总额的{column_label}印为 {fmt(expected)}，而按{label}分的各行之和 "
             f"{parts} = {fmt(got)}，相差 {fmt(expected - got)}",
             Place.part(number, table, "funding", f"资金·{label}·{column_label}"), claimed=expected, expected=got,
             extra={"breakdown": breakdown, "column": column})
