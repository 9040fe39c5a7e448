"""Summaries: of one report before rescoring (`rescore --summary`: unit, year, one row per
table), and across reviewed reports (one `SummaryRow` per table: claimed and recomputed total,
grades, errors, warnings, points 多计 and 少计 apart, unverifiable points) as a terminal grid.
The CSV and workbook forms are `engine.output.summary_files`. Nothing here computes a score.
"""

from __future__ import annotations

from decimal import Decimal

from engine.lazy_dataclass import dataclass
from engine.output.wrap import fit
from engine.report.model import Report
from engine.review.common import score_text
from engine.review.result import ReportResult
from engine.scoring import fmt
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


# ---------------------------------------------------------------- the summary across reports

@dataclass(frozen=True)
class SummaryRow:
    """One scoring table of one reviewed report, as the summary across reports shows it."""

    file: str
    unit: str
    year: int | None  # None: the report prints no year
    table: int
    name: str
    kind: str
    claimed_total: Decimal  # the printed 总分, or the sum of the claims when none is printed
    total_printed: bool
    recomputed: str  # a number, low–high, or — (then unverifiable_points says why)
    claimed_grade: str
    possible_grades: str  # every grade the recomputed total can have, best first; — when unknown
    errors: int
    warnings: int
    points_over: Decimal
    points_under: Decimal
    unverifiable_points: Decimal

    def cells(self) -> list[object]:
        """The row for a CSV or a sheet, in the order of `COLUMNS` (numbers stay numbers)."""
        return [self.file, self.unit, self.year, self.table, self.name, KIND_WORDS.get(self.kind, self.kind),
                self.claimed_total, "是" if self.total_printed else "否（各项之和）", self.recomputed,
                self.claimed_grade, self.possible_grades, self.errors, self.warnings, self.points_over,
                self.points_under, self.unverifiable_points]


COLUMNS = ["文件", "单位", "年度", "表", "名称", "类型", "自评总分", "印有总分", "重算总分", "自评等级", "可能等级",
           "错误", "复核", "多计分", "少计分", "无法核对分"]


def summary_rows(results: list[ReportResult]) -> list[SummaryRow]:
    rows = []
    for r in results:
        for t in r.tables:
            printed = t.claimed_total is not None
            rows.append(SummaryRow(
                r.file, r.unit, r.year, t.number, t.name, t.kind,
                t.claimed_total if t.claimed_total is not None else t.claimed_sum, printed,
                score_text(t.recomputed_total, t.recomputed_range), t.claimed_grade or "—",
                "/".join(t.possible_grades) or "—", t.errors, t.warnings, t.points_over, t.points_under,
                t.unverifiable_points))
    return rows


_SHORT_KIND = {"department": "部门", "project": "项目"}


def grade_cell(row: SummaryRow) -> str:
    """自评等级, or 自评→可能 when the possible grades differ."""
    if row.possible_grades == row.claimed_grade:
        return row.claimed_grade
    return f"{row.claimed_grade}→{row.possible_grades}"


def summary_grid(rows: list[SummaryRow], width: int | None, with_file: bool) -> list[str]:
    """The summary as an aligned terminal table; with several reports, a heading line per report.
    The name column is cut to fit `width`."""
    header = ["表", "名称", "类型", "自评", "重算", "等级", "错误", "复核", "多计", "少计", "未核"]
    right = [True, False, False, True, True, False, True, True, True, True, True]
    body: list[tuple[str, list[str]]] = []
    for row in rows:
        claimed = fmt(row.claimed_total) + ("" if row.total_printed else "*")
        body.append((row.file, [str(row.table), row.name, _SHORT_KIND.get(row.kind, row.kind), claimed,
                                row.recomputed, grade_cell(row), str(row.errors), str(row.warnings),
                                fmt(row.points_over), fmt(row.points_under), fmt(row.unverifiable_points)]))
    cells = [header] + [c for _, c in body]
    widths = [max(display_width(r[col]) for r in cells) for col in range(len(header))]
    if width is not None:
        others = sum(widths) - widths[1] + (len(header) - 1) + 2
        widths[1] = max(8, min(widths[1], width - others))
    lines, last_file = [], None
    for file, row_cells in [("", header)] + body:
        if with_file and file and file != last_file:
            lines.append(f"{file}")
            last_file = file
        shown = [fit(c, widths[i]) if i == 1 else c for i, c in enumerate(row_cells)]
        lines.append("  " + " ".join(pad(c, w, "right" if r else "left")
                                       for c, w, r in zip(shown, widths, right)).rstrip())
    return lines
