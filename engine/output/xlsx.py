"""The annotated workbook of `rescore check … --format xlsx -o review.xlsx` (openpyxl, imported here).

A summary sheet 复核汇总 (the report's tables, then every finding with its numbers and 多计 /
少计 apart), then one sheet per table in the national layout of the 绩效自评表 — 一级 / 二级 /
三级指标, 年度指标值, 实际完成值, 评分标准, 分值, 得分 — with a 重算得分 and a 状态 column, the
预算执行率 row and the 总分 row. The cells that disagree are filled (red: an error, amber: a
warning), and each finding is a cell comment with its arithmetic on the cell it is about (the
claim for a score finding, the rule for R codes, the actual for V codes, 总分 for T001, the
title for a finding on the whole table). For an input that was a workbook,
`engine.output.xlsx_annotate` annotates a copy of the reviewer's own file instead. Nothing here
computes a score.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from engine.output.xlsx_save import save_workbook
from engine.findings import Finding
from engine.output.common import KIND_WORDS, SEVERITY_WORDS, STATUS_WORDS, FindingIndex, place_words, recomputed
from engine.output.summary import COLUMNS, summary_rows
from engine.review.result import ItemResult, ReportResult, TableResult

HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "评分标准", "分值", "得分", "重算得分", "状态"]
COL = {name: index + 1 for index, name in enumerate(HEADER)}
HEADER_ROW = 5
FILLS = {"error": "FFC7CE", "warning": "FFEB9C"}
FINDING_COLUMNS = ["代码", "名称", "级别", "表", "行", "位置", "自评/印出", "重算", "多计/少计", "分数", "说明"]

# which column of an item row a finding's comment goes on, by code group; the rest: 得分
_COLUMN_OF = {"R": "评分标准", "V": "实际完成值", "I": "实际完成值"}


def comment_text(findings: list[Finding]) -> str:
    return "\n\n".join(f"{f.code} {SEVERITY_WORDS[f.level]} {f.kind}\n{f.message}" for f in findings)


def worst(findings: list[Finding]) -> str | None:
    levels = {f.level for f in findings}
    return "error" if "error" in levels else "warning" if "warning" in levels else None


def column_of(f: Finding) -> str:
    """The column of an item row a finding is about."""
    if f.code == "I003":
        return "年度指标值"
    return _COLUMN_OF.get(f.code[0], "得分")


def _number(x: Decimal | None) -> float | str:
    return "" if x is None else float(x)


def _recomputed_cell(item: ItemResult) -> float | str:
    return float(item.recomputed) if item.recomputed is not None else recomputed(item).replace("—", "")


class Annotator:
    """Fills and comments on one sheet, collected per cell so that several findings share a comment."""

    def __init__(self, sheet: Any, score_column: int = COL["得分"]) -> None:
        self.sheet = sheet
        self.score_column = score_column
        self.notes: dict[tuple[int, int], list[Finding]] = {}

    def note(self, row: int, column: int, f: Finding) -> None:
        self.notes.setdefault((row, column), []).append(f)

    def finish(self) -> None:
        for (row, column), findings in self.notes.items():
            _annotate(self.sheet.cell(row=row, column=column), findings, column == self.score_column)


def _table_sheet(book: Any, t: TableResult, findings: list[Finding], index: FindingIndex) -> None:
    """One table's sheet, written row by row (the workbook is write-only: a 100k-indicator
    report never holds its cells at once); each cell's fill and comment are known before it is
    written, from the findings placed on it."""
    sheet = book.create_sheet(f"表{t.number}")
    _lay_out(sheet)
    total_row = HEADER_ROW + len(t.items) + 1
    notes: dict[tuple[int, int], list[Finding]] = {}
    for k, item in enumerate(t.items):
        for f in index.of_item(item):
            notes.setdefault((HEADER_ROW + 1 + k, COL[column_of(f)]), []).append(f)
    for f in findings:
        place = _table_note_place(f, total_row=total_row)
        if place is not None:
            notes.setdefault(place, []).append(f)
    total = ["总分", "", "", "", "", "", _number(sum((i.weight or Decimal(0) for i in t.items), Decimal(0))),
             _number(_printed_total(t)), recomputed_total(t)]
    rows = itertools.chain(_sheet_head(t), (_item_cells(item) for item in t.items), [total])
    for r, values in enumerate(rows, 1):
        sheet.append([_styled(sheet, v, notes.get((r, c)), c, bold=r == HEADER_ROW, wrap=r > HEADER_ROW)
                      for c, v in enumerate(values, 1)])


def _styled(sheet: Any, value: Any, findings: list[Finding] | None, column: int, bold: bool = False,
            wrap: bool = False, score_column: int = COL["得分"]) -> Any:
    """A cell to append: its value, and its font, wrapping, comment and fill (as `Annotator`)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if bold:
        cell.font = _style("bold")
    if wrap:
        cell.alignment = _style("wrap")
    if findings:
        _annotate(cell, findings, column == score_column)
    return cell


def _annotate(cell: Any, findings: list[Finding], on_score: bool) -> None:
    """The comment of the findings on a cell, and the fill of the worst of them where it is about
    the cell's number (the score, or a finding with a claimed value)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    comment = Comment(comment_text(findings), "rescore")
    comment.width, comment.height = 420, 60 + 18 * sum(1 + len(f.message) // 28 for f in findings)
    cell.comment = comment
    level = worst(findings)
    if level is not None and (on_score or any(f.claimed is not None for f in findings)):
        cell.fill = PatternFill("solid", fgColor=FILLS[level])


@lru_cache(maxsize=None)
def _style(name: str) -> Any:
    """One style object of each kind, shared by every cell that has it."""
    from openpyxl.styles import Alignment, Font

    return Font(bold=True) if name == "bold" else Alignment(wrap_text=True, vertical="top")


def _printed_total(t: TableResult) -> Decimal | None:
    return t.claimed_total if t.claimed_total is not None else t.claimed_sum


def _sheet_head(t: TableResult) -> list[list[Any]]:
    """The form's title, the table's name, its printed and recomputed totals, the column header."""
    return [["部门整体支出绩效自评表" if t.kind == "department" else "项目支出绩效自评表"],
            ["项目名称", t.name, "", "类型", KIND_WORDS.get(t.kind, t.kind)],
            ["自评总分", _number(_printed_total(t)), "", "评价等级", t.printed_grade or ""],
            ["重算总分", recomputed_total(t), "", "可能等级", "/".join(t.possible_grades)],
            HEADER]


def _item_cells(item: ItemResult) -> list[Any]:
    """One indicator's row: its three levels (or 预算执行率 for a funding line) and its columns."""
    if item.field is None:
        padded = (list(item.path[:-1]) + ["", ""])[:2] + [item.name]
    else:
        padded = ["预算执行率", "", ""]
    rule = item.rule.text or (f"（评分办法 {item.rule.reference}）" if item.rule.reference else "")
    return [*padded, item.target or "", item.actual or "", rule, _number(item.weight),
            _number(item.claimed), _recomputed_cell(item), STATUS_WORDS[item.status]]


def _table_note_place(f: Finding, total_row: int) -> tuple[int, int] | None:
    """Where a finding of the table (not of one item) is noted: the total, the grade or the title."""
    if f.field == "total":
        return total_row, COL["得分"]
    if f.field == "grade":
        return 3, 5
    if f.row is None and f.field != "execution":
        return 1, 1  # the table as a whole, its funding
    return None


def _lay_out(sheet: Any) -> None:
    """Column widths (set before any row: the sheet is write-only)."""
    for letter, width in zip("ABCDEFGHIJ", (10, 12, 22, 18, 18, 40, 6, 6, 9, 9)):
        sheet.column_dimensions[letter].width = width


def recomputed_total(t: TableResult) -> float | str:
    if t.recomputed_total is not None:
        return float(t.recomputed_total)
    if t.recomputed_range is not None:
        return f"{t.recomputed_range[0]:f}–{t.recomputed_range[1]:f}"
    return f"无法给出（{t.unverifiable_items} 项 {t.unverifiable_points:f} 分无法重算）"


def summary_sheet(sheet: Any, result: ReportResult) -> None:
    """复核汇总 (the caller names the sheet): one row per table, then every finding (its numbers,
    多计/少计 apart). The sheet may be write-only (the national layout) or of a workbook read in
    (the reviewer's own copy)."""
    sheet.column_dimensions["K"].width = 80

    def put(values: list[Any], bold: bool = False) -> None:
        sheet.append([_styled(sheet, v, None, 0, bold=bold) for v in values])

    put([f"绩效自评复核：{result.unit} {result.year} 年（评分办法 {result.profile}）"])
    put([result.verdict])
    put([])
    put(COLUMNS, bold=True)
    for row in summary_rows([result]):
        put([float(c) if isinstance(c, Decimal) else c for c in row.cells()])
    put([])
    put(FINDING_COLUMNS, bold=True)
    for f in result.findings:
        expected = f"{f.expected[0]:f}–{f.expected[1]:f}" if isinstance(f.expected, tuple) else _number(f.expected)
        way = {"over": "多计", "under": "少计"}.get(f.direction or "", "")
        put([f.code, f.kind, SEVERITY_WORDS[f.level], f.table_number or f.table or "", f.row or "",
             place_words(f), _number(f.claimed), expected, way, float(f.points), f.message])


def build_workbook(result: ReportResult) -> Any:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    summary_sheet(book.create_sheet("复核汇总"), result)
    index = FindingIndex.of(result)
    for t in result.tables:
        _table_sheet(book, t, index.of_table(t), index)
    return book


def write_report_xlsx(result: ReportResult, target: Path, source: Path, in_batch: bool) -> list[str]:
    """The annotated copy of an input workbook (its notes: what it has no cell for), else the
    workbook in the national layout."""
    if source.suffix.lower() == ".xlsx":
        from engine.output.xlsx_annotate import annotate_copy

        done = annotate_copy(source, result, target)
        if done is not None:
            return done.notes()
    save_workbook(build_workbook(result), target)
    return []
