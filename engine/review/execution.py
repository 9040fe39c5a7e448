"""The 预算执行率 row: the rate from the funding figures, and its score.

Codes: E001 execution-rate (the printed rate or the claimed score disagrees with the figures),
I004 over-execution (the rate is above 100%), V001 missing-value (neither figures nor a
readable rate), V002 unquantified (a printed rate that is not a percentage), S002
score-over-weight.

The rate is 全年执行数 ÷ the profile's denominator: 全年预算数, 年初预算数, 调整后预算数 (the
`adjusted` column; a form without it prints the adjusted figure as 全年预算数) or the adjusted
total including last year's carry-over (the 资金来源 rows added up, 上年结转 among them); with no
figures, the printed rate. The score is weight × min(1, rate). This pass appends the execution
`ItemResult` after the indicators of each table that has the row and leaves the rate in
`ctx.execution_rates`; it does not check that the funding rows add up (`engine.review.funding`).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from engine.profiles.model import DENOMINATOR_WORDS
from engine.report.model import Execution, FundingRow, Table
from engine.review.common import exact, percent
from engine.review.context import Place, ReviewContext
from engine.review.result import ItemResult, RuleUsed
from engine.scoring import fmt, to_decimal
from engine.scoring.numbers import F

EXECUTION_ITEM = "预算执行率"


def check(ctx: ReviewContext) -> None:
    for table, result in ctx.each_table():
        if table.execution is not None:
            result.items.append(_execution(ctx, table, result.number, table.execution))


def _denominator_word(ctx: ReviewContext) -> str:
    return DENOMINATOR_WORDS[ctx.profile.execution_denominator]


def _budget(row: FundingRow) -> Decimal | None:
    return row.adjusted if row.adjusted is not None else row.full_year


def _denominator(ctx: ReviewContext, table: Table, total: FundingRow) -> tuple[Decimal | None, str]:
    """The profile's denominator of the 执行率 and how it was found (the words of the trace)."""
    kind, word = ctx.profile.execution_denominator, _denominator_word(ctx)
    if kind in ("full_year", "initial"):
        value: Decimal | None = getattr(total, kind)
        return value, word
    if kind == "adjusted":
        shown = word if total.adjusted is not None else "调整后预算数（表中未列，按全年预算数）"
        return _budget(total), shown
    parts = [r for r in table.funding if r.breakdown == "source"]
    if not parts or any(_budget(r) is None for r in parts):
        return _budget(total), f"{word}（按年度资金总额）"
    amounts = [b for r in parts if (b := _budget(r)) is not None]
    terms = " + ".join(f"{r.source.strip().rstrip(':：')} {fmt(b)}" for r, b in zip(parts, amounts))
    return sum(amounts, Decimal(0)), f"{word}（{terms}）"


def _printed_rate(ex: Execution) -> Decimal | None:
    """The printed 执行率 as a percentage (95.00% → 95.00), or None when there is none to read."""
    return None if ex.rate is None else percent(ex.rate)


def _execution(ctx: ReviewContext, table: Table, number: int, ex: Execution) -> ItemResult:
    item = ItemResult(EXECUTION_ITEM, [EXECUTION_ITEM], ex.weight, ex.claimed_score, target=None, actual=ex.rate,
                      table_number=number, field="execution", origin=ex.origin)
    item.rule = RuleUsed("profile", f"得分 = 分值 × min(1, 执行率)；执行率 = 全年执行数 ÷ {_denominator_word(ctx)}",
                         reference=ctx.profile.name)
    place = Place.part(number, table, "execution", EXECUTION_ITEM)
    read = _rate(ctx, table, ex, place)
    if read is None:
        item.reason = "没有年度资金总额，也没有可读的执行率"
        item.status = "unverifiable"
        return item
    rate, trace = read
    ctx.execution_rates[number] = rate
    if rate > 1:
        ctx.emit("over-execution", f"执行率 {fmt(to_decimal(rate * 100))}% 超过 100%", place)
    if ex.weight is None:
        item.status = "unverifiable"
        item.reason = "没有分值"
        return item
    _score(ctx, item, place, rate, trace)
    return item


def _rate(ctx: ReviewContext, table: Table, ex: Execution, place: Place) -> tuple[Fraction, list[str]] | None:
    """The execution rate and how it was found; None (and V001) when it cannot be found."""
    total: FundingRow | None = next((r for r in table.funding if r.breakdown == "total"), None)
    denominator, word = (None, "") if total is None else _denominator(ctx, table, total)
    printed = _printed_rate(ex)
    if total is None or total.executed is None or not denominator:
        if printed is None:
            ctx.emit("missing-value", "没有年度资金总额的全年执行数 / 预算数，执行率无法核对", place,
                     points=ex.weight or Decimal(0))
            return None
        return Fraction(printed) / 100, [f"没有资金数，按印出的执行率 {ex.rate} 计算"]
    rate = Fraction(total.executed) / Fraction(denominator)
    percent = to_decimal(rate * 100)
    trace = [f"执行率 = 全年执行数 ÷ {word}"
             f" = {fmt(total.executed)} ÷ {fmt(denominator)} = {fmt(percent)}%"]
    if printed is not None and abs(Fraction(printed) - rate * 100) > Fraction(1, 100):
        ctx.emit("execution-rate", f"印出的执行率 {ex.rate} 与资金数不符：{fmt(total.executed)} ÷ "
                 f"{fmt(denominator)} = {fmt(percent)}%", place, claimed=printed, expected=percent)
    elif printed is None and ex.rate is not None:
        ctx.emit("unquantified", f"执行率「{ex.rate}」无法读成百分数", place)
    return rate, trace


def _score(ctx: ReviewContext, item: ItemResult, place: Place, rate: Fraction, trace: list[str]) -> None:
    """weight × min(1, rate) against the claimed score."""
    weight, claimed = item.weight, item.claimed
    if weight is None:
        return
    score = F(weight) * min(Fraction(1), rate)
    trace.append(f"得分 = {fmt(weight)} × min(1, {fmt(to_decimal(rate * 100))}%) = {fmt(score)} 分")
    item.trace = trace
    item.recomputed, item.exact_score = exact(score), score
    if claimed is None:
        item.status = "unverifiable"
        item.reason = "没有自评得分"
        return
    if abs(F(claimed) - score) <= F(ctx.profile.tolerance):
        item.status = "consistent"
    else:
        item.status = "discrepancy"
        diff = F(claimed) - score
        ctx.emit("execution-rate", f"预算执行率得分自评 {fmt(claimed)} 分，按 {ctx.profile.name} 应为 "
                 f"{fmt(score)} 分（{'多' if diff > 0 else '少'}计 {fmt(abs(diff))} 分；{trace[-1]}）", place,
                 claimed=claimed, expected=exact(score), points=exact(abs(diff)),
                 direction="over" if diff > 0 else "under")
    if claimed > weight:
        ctx.emit("score-over-weight", f"预算执行率自评得分 {fmt(claimed)} 超过分值 {fmt(weight)}", place,
                 claimed=claimed, expected=weight, points=claimed - weight, direction="over")
