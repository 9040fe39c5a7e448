"""A report as an Excel workbook in the national template's layout, one sheet per table.

Each sheet prints the table as the form does: the title and year, 项目名称 (预算部门名称 for the
department table), 主管部门 / 实施单位, the budget block (资金来源, 年初预算数, 全年预算数, 全年执行数,
分值, 执行率, 得分; the department's 按收入性质分 / 按支出性质分 sections), 年度总体目标 (预期目标,
实际完成情况), the 绩效指标 block (一级 to 三级指标, 年度指标值, 实际完成值, 评分标准, 分值, 得分,
偏差原因分析及改进措施) with its 一级指标 merged down, and 总分. Numbers are written exactly, with
a number format that keeps their printed decimals (9.00 shows as 9.00). What the layout has no
place for (notes, the 基础数据表, the report's title and source) is kept as JSON in a hidden
sheet `rescore`, so that `rescore import` of the workbook gives the same report back. openpyxl
is imported only here; this module checks nothing.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from engine.output.xlsx_save import save_workbook
from engine.report.model import Indicator, Report, Table

__all__ = ["META_SHEET", "export_xlsx"]

META_SHEET = "rescore"

BUDGET_HEADER = ("项目资金（万元）", "资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", "备注")
INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "评分标准", "分值", "得分",
                    "偏差原因分析及改进措施", "备注")
_WIDTHS = (12, 16, 22, 16, 16, 36, 8, 8, 24, 24)


def export_xlsx(report: Report, path: Path) -> None:
    """Write `report` to `path` as a workbook in the national template's layout."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for number, table in enumerate(report.tables, start=1):
        sheet = workbook.create_sheet(_sheet_name(number, table, used))
        _Sheet(sheet, report, table).write()
    meta = workbook.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    meta["A1"] = json.dumps(_meta(report), ensure_ascii=False, default=str)
    save_workbook(workbook, path)


def _sheet_name(number: int, table: Table, used: set[str]) -> str:
    """表1 大气污染防治资金 — short, unique, without the characters Excel forbids."""
    name = f"表{number} {table.name or ''}".strip()
    for bad in "[]:*?/\\":
        name = name.replace(bad, " ")
    name = name[:31]
    used.add(name)
    return name


def _meta(report: Report) -> dict[str, Any]:
    """What the printed layout has no place for, by table position."""
    data = report.model_dump(mode="json", by_alias=True, exclude_none=True,
                             include={"json_schema", "unit", "year", "title", "source", "profile", "note", "basic_data"})
    tables = []
    for table in report.tables:
        tables.append({k: v for k, v in {
            "note": table.note,
            "execution_note": table.execution.note if table.execution else None,
            "goals_note": table.goals.note if table.goals else None,
        }.items() if v is not None})
    return {"report": data, "tables": tables}


def _format(value: Decimal) -> str:
    """The number format that shows `value` with its printed decimals: 9.00 → 0.00, 98 → 0."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * places if places else "0"


class _Sheet:
    def __init__(self, sheet: Any, report: Report, table: Table) -> None:
        self.sheet, self.report, self.table = sheet, report, table
        self.row = 1

    def put(self, column: int, value: Any, span: int = 1) -> None:
        cell = self.sheet.cell(row=self.row, column=column)
        if isinstance(value, Decimal):
            cell.value = value
            cell.number_format = _format(value)
        else:
            cell.value = value
        if span > 1:
            self.sheet.merge_cells(start_row=self.row, start_column=column, end_row=self.row,
                                   end_column=column + span - 1)

    def write(self) -> None:
        for index, width in enumerate(_WIDTHS):
            self.sheet.column_dimensions[chr(ord("A") + index)].width = width
        self._header()
        self._budget()
        self._goals()
        self._indicators()
        self._total()

    def _header(self) -> None:
        department = self.table.kind == "department"
        self.put(1, "部门整体支出绩效自评表" if department else "项目支出绩效自评表", span=10)
        self.row += 1
        if self.report.year is not None:
            self.put(1, f"（{self.report.year}年度）", span=10)
            self.row += 1
        self.put(1, "预算部门名称" if department else "项目名称")
        self.put(2, self.table.name, span=9)
        self.row += 1
        if not department or (self.table.department not in (None, self.table.name)) or self.table.implementer:
            self.put(1, "主管部门")
            self.put(2, self.table.department, span=3)
            self.put(5, "实施单位")
            self.put(6, self.table.implementer, span=5)
            self.row += 1

    def _budget(self) -> None:
        if not self.table.funding and self.table.execution is None:
            return
        start = self.row
        for column, text in enumerate(BUDGET_HEADER, start=1):
            self.put(column, text)
        self.row += 1
        section = None
        written_execution = False
        for funding in self.table.funding:
            if funding.breakdown in ("income", "expense") and funding.breakdown != section:
                section = funding.breakdown
                self.put(2, "按收入性质分：" if section == "income" else "按支出性质分：")
                self.row += 1
            self.put(2, funding.source)
            for column, value in ((3, funding.initial), (4, funding.full_year), (5, funding.executed)):
                self.put(column, value)
            self.put(9, funding.note)
            if funding.breakdown == "total" and not written_execution:
                written_execution = self._execution()
            self.row += 1
        if not written_execution and self._execution():
            self.row += 1
        self.sheet.merge_cells(start_row=start, start_column=1, end_row=self.row - 1, end_column=1)

    def _execution(self) -> bool:
        ex = self.table.execution
        if ex is None:
            return False
        self.put(6, ex.weight)
        self.put(7, ex.rate)
        self.put(8, ex.claimed_score)
        return True

    def _goals(self) -> None:
        goals = self.table.goals
        if goals is None or (goals.planned is None and goals.achieved is None):
            return
        self.put(1, "年度总体目标")
        self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row + 1, end_column=1)
        self.put(2, "预期目标", span=4)
        self.put(6, "实际完成情况", span=5)
        self.row += 1
        self.put(2, goals.planned, span=4)
        self.put(6, goals.achieved, span=5)
        self.row += 1

    def _indicators(self) -> None:
        for column, text in enumerate(INDICATOR_HEADER, start=1):
            self.put(column, text)
        self.row += 1
        first = self.row
        for indicator in self.table.indicators:
            self._indicator(indicator)
            self.row += 1
        self._merge_runs(first, self.row - 1)

    def _indicator(self, ind: Indicator) -> None:
        values = (ind.level1, ind.level2, ind.level3, ind.target, ind.actual, ind.rule, ind.weight,
                  ind.claimed_score, ind.deviation_note, ind.note)
        for column, value in enumerate(values, start=1):
            self.put(column, value)

    def _merge_runs(self, first: int, last: int) -> None:
        """一级指标 merged down over its rows, as the template prints it."""
        start = first
        for row in range(first + 1, last + 2):
            here = self.sheet.cell(row=row, column=1).value if row <= last else object()
            if here != self.sheet.cell(row=start, column=1).value or here is None:
                if row - 1 > start and self.sheet.cell(row=start, column=1).value is not None:
                    self.sheet.merge_cells(start_row=start, start_column=1, end_row=row - 1, end_column=1)
                start = row

    def _total(self) -> None:
        self.put(1, "总分", span=6)
        self.put(7, self.table.scale)
        self.put(8, self.table.claimed_total)
        self.row += 1
        if self.table.claimed_grade is not None:
            self.put(1, "评价等级", span=6)
            self.put(7, self.table.claimed_grade, span=2)
            self.row += 1
