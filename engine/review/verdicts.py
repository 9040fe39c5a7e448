"""The verdicts: one Chinese sentence per table and one for the whole report.

They are made from the finished result (totals, grades, counts of findings by table number)
after every check has run, and say nothing the result does not hold.
"""

from __future__ import annotations

from decimal import Decimal

from engine.findings import Finding
from engine.review.common import score_text
from engine.review.result import ReportResult, TableResult
from engine.scoring import fmt


def points_text(over: Decimal, under: Decimal) -> str:
    """多计 and 少计, always both, apart: a bureau weighs them differently."""
    return f"多计 {fmt(over)} 分，少计 {fmt(under)} 分"


def table_verdict(t: TableResult, findings: list[Finding]) -> str:
    """`findings` are the table's own; its counts (`t.errors`, `t.points_over` …) are set."""
    errors = sum(1 for f in findings if f.level == "error")
    warnings = sum(1 for f in findings if f.level == "warning")
    claimed = f"{fmt(t.claimed_total)} 分" if t.claimed_total is not None else f"{fmt(t.claimed_sum)} 分（未印总分，按各项之和）"
    if t.recomputed_total is not None or t.recomputed_range is not None:  # a total has one grade
        recomputed = f"重算 {score_text(t.recomputed_total, t.recomputed_range)} 分「{'/'.join(t.recomputed_grades)}」"
    else:
        recomputed = f"{t.unverifiable_items} 项共 {fmt(t.unverifiable_points)} 分无法重算，没有重算总分"
    state = "一致" if errors == 0 else f"{errors} 处错误（{points_text(t.points_over, t.points_under)}）"
    return f"自评 {claimed}「{t.claimed_grade}」，{recomputed}；{state}，{warnings} 处需复核"


def report_verdict(r: ReportResult) -> str:
    c = r.counts()
    moved = sum(1 for t in r.tables if t.grade_impact)
    p = r.points()
    return (f"{c['tables']} 张表、{c['items']} 项：{c['errors']} 处错误（{points_text(p['points_over'], p['points_under'])}），"
            f"{c['warnings']} 处需复核，{c['infos']} 条提示；"
            f"{c['discrepancies']} 项得分与评分标准不符，{c['unverifiable']} 项无法核对"
            + (f"；{moved} 张表的等级可能因此变化" if moved else ""))
