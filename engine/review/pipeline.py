"""Rescore a report: an ordered list of small checks over one context (as sqlglot's optimizer
is a list of passes).

`rescore(report, profile, ruleset, file=...)` builds a `ReviewContext`, runs every check of
`PASSES` on it in order, then sorts the findings (most points first, then error before warning
before info, then table by table in the order the checks ran) and writes the verdicts. Each
check is a module of `engine.review` with its finding codes; a check reads what earlier checks
built (the totals read the items), so the order is part of the meaning. This module prints
nothing and makes no finding itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from engine.findings import Finding
from engine.review import basic_data, execution, funding, indicators, report_rules, signals, totals, weights
from engine.review.context import ParseCache, ReviewContext
from engine.review.result import ReportResult, TableResult
from engine.review.tally import tally
from engine.review.verdicts import report_verdict, table_verdict

if TYPE_CHECKING:
    from engine.profiles import Profile
    from engine.report.model import Report
    from engine.rulesets import RuleSet

Check = Callable[[ReviewContext], None]

PASSES: tuple[Check, ...] = (
    indicators.check,      # each indicator row: claim, deviation note, rule, score (S, N, R, V)
    signals.check_rows,    # I002 boilerplate actual, I003 ceiling on a quantity
    execution.check,       # the 预算执行率 row (E001, I004)
    report_rules.check,    # the profile's report-level rules (M001–M004), before the totals they adjust
    totals.check_totals,   # 总分 = Σ 得分 (T001; V001 when none is printed)
    weights.check,         # Σ 分值 = 满分 (W001); first-level split (W002)
    totals.check_grades,   # recomputed total or range, grades (G001), grade impact
    funding.check,         # 资金 rows add up to 年度资金总额 (F001)
    signals.check_tables,  # I001 all full marks
    basic_data.check,      # 基础数据表 arithmetic (B001)
)

_LEVEL_ORDER = {"error": 0, "warning": 1, "info": 2}


def rescore(report: Report, profile: Profile, ruleset: RuleSet | None = None, file: str = "",
            passes: Sequence[Check] = PASSES, parse: ParseCache | None = None) -> ReportResult:
    """Recompute `report` under `profile`, with optional rule-set overrides; `parse` is a rule
    parse cache to share across reports (a batch), else one is made for this report."""
    ctx = ReviewContext.start(report, profile, ruleset, file, parse)
    for check in passes:
        check(ctx)
    return _finish(ctx)


def _finish(ctx: ReviewContext) -> ReportResult:
    after_tables = len(ctx.tables) + 1  # findings outside the tables (基础数据表) come last

    def order(numbered: tuple[int, Finding]) -> tuple[object, ...]:
        seq, f = numbered
        table = f.table_number if f.table_number is not None else after_tables
        return (-abs(f.points), _LEVEL_ORDER[f.level], table, seq)

    findings = [f for _, f in sorted(enumerate(ctx.findings), key=order)]
    result = ReportResult(ctx.report.shown_unit, ctx.report.year, ctx.file, ctx.profile.name, ctx.tables, findings,
                          basic_data_checked=ctx.basic_data_checked)
    return finish(result)


def finish(result: ReportResult) -> ReportResult:
    """Count each table's findings and write the verdicts: after the review, and again after a
    selection of findings (`engine.review.selection`)."""
    by_table: dict[int | None, list[Finding]] = {}
    for f in result.findings:
        by_table.setdefault(f.table_number, []).append(f)
    for t in result.tables:
        _count(t, by_table.get(t.number, []))
        t.verdict = table_verdict(t, by_table.get(t.number, []))
    result.report_findings = by_table.get(None, [])
    result.verdict = report_verdict(result)
    return result


def _count(table: TableResult, findings: list[Finding]) -> None:
    counted = tally(findings)
    table.errors, table.warnings, table.infos = counted.errors, counted.warnings, counted.infos
    table.points_over, table.points_under = counted.points_over, counted.points_under
