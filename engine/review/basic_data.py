"""The 基础数据表 (basic data of a 部门整体 report): its arithmetic.

Code: B001 basic-data. 控制率 = 实际在职人数 ÷ 编制数 (within 0.01 of the printed rate), and the
sub-rows of 经费控制情况 add up to their parent row in each column (when the parent is
exhaustive; a blank cell is not 0). Findings sit in the 基础数据表, outside every scoring table
(no table number); what was checked and held goes to `basic_data_checked`, so a clean
基础数据表 is visibly checked. Nothing here reads the scoring tables.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from engine.report.model import BasicData, ExpenseRow
from engine.review.common import percent
from engine.review.context import Place, ReviewContext
from engine.scoring import fmt, to_decimal


def check(ctx: ReviewContext) -> None:
    bd = ctx.report.basic_data
    if bd is None:
        return
    _staffing(ctx, bd)
    columns = {"prior_final": bd.expense_columns.prior_final, "budget": bd.expense_columns.budget,
               "final": bd.expense_columns.final}
    for parent in bd.expenses:
        children = [r for r in bd.expenses if r.parent == parent.id]
        if not children or not parent.exhaustive:
            continue
        for column, label in columns.items():
            _expense_sum(ctx, parent, children, column, label)


def _staffing(ctx: ReviewContext, bd: BasicData) -> None:
    st = bd.staffing
    if st is None or not st.authorized or st.actual is None or not st.control_rate:
        return
    rate = Fraction(st.actual) / Fraction(st.authorized) * 100
    printed = percent(st.control_rate, sign=False)  # a 率 column: 68.07 is 68.07%
    line = f"控制率 = 实际在职人数 ÷ 编制数 = {fmt(st.actual)} ÷ {fmt(st.authorized)} = {fmt(to_decimal(rate))}%"
    place = Place.basic_data("staffing", "财政供养人员控制率")
    if printed is None:
        ctx.emit("basic-data", f"控制率「{st.control_rate}」无法读成百分数；{line}", place, expected=to_decimal(rate))
    elif abs(Fraction(printed) - rate) > Fraction(1, 100):
        ctx.emit("basic-data", f"控制率印为 {st.control_rate}，而{line}", place,
                 claimed=printed, expected=to_decimal(rate))
    else:
        ctx.basic_data_checked.append(f"{line}，与印出的 {st.control_rate} 一致")


def _expense_sum(ctx: ReviewContext, parent: ExpenseRow, children: list[ExpenseRow], column: str, label: str) -> None:
    expected: Decimal | None = getattr(parent, column)
    values: list[Decimal | None] = [getattr(c, column) for c in children]
    if expected is None or all(v is None for v in values):
        return
    got = sum((v for v in values if v is not None), Decimal(0))
    name = parent.name.strip("：: ")
    if got == expected:
        ctx.basic_data_checked.append(f"「{name}」{label} {fmt(expected)} = 其下各行之和")
        return
    parts = " + ".join(f"{c.name.strip()} {'（空）' if v is None else fmt(v)}" for c, v in zip(children, values))
    ctx.emit("basic-data", f"「{name}」{label}印为 {fmt(expected)}，而其下各行之和 {parts} = {fmt(got)}",
             Place.basic_data("expenses", f"{name}·{label}"), claimed=expected, expected=got, extra={"column": column})
