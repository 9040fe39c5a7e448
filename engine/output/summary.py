"""The opening summary of a report: unit, year, then one aligned row per scoring table."""

from __future__ import annotations

from decimal import Decimal

from engine.report.model import Report
from engine.text.width import display_width, pad

KIND_WORDS = {"department": "部门整体", "project": "项目"}


def summary_lines(report: Report) -> list[str]:
    """The default summary: unit, year, then one aligned row per scoring table."""
    header = ["表", "名称", "类型", "指标数", "分值合计", "自评总分"]
    right = [True, False, False, True, True, True]
    rows = [header]
    for number, table in enumerate(report.tables, start=1):
        weights = sum((indicator.weight for indicator in table.indicators if indicator.weight is not None), Decimal(0))
        if table.execution is not None and table.execution.weight is not None:
            weights += table.execution.weight
        claimed = "未填" if table.claimed_total is None else _printed(table.claimed_total)
        rows.append(
            [
                str(number),
                table.shown_name,
                KIND_WORDS.get(table.kind, table.kind),
                str(len(table.indicators)),
                _printed(weights),
                claimed,
            ]
        )
    widths = [max(display_width(row[col]) for row in rows) for col in range(len(header))]
    lines = [f"单位：{report.shown_unit}", f"年度：{'未印' if report.year is None else report.year}"]
    if report.title:
        lines.append(f"标题：{report.title}")
    lines.append("")
    for row in rows:
        cells = [
            pad(cell, width, "right" if align_right else "left")
            for cell, width, align_right in zip(row, widths, right)
        ]
        lines.append("  ".join(cells))
    return lines


def _printed(number: Decimal) -> str:
    """A Decimal as printed: "98.00" stays "98.00", never scientific notation."""
    return format(number, "f")
