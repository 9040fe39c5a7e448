"""What an import gives back: the draft report, and the list of cells a reviewer should check.

`ImportResult.data` is the report as a JSON-ready dict (numbers as exact decimal strings, every
value with its `origin`); `checks` lists each cell the importer was unsure of or could not read,
with its place, what was read and how sure it is. `ImportResult.report()` validates the draft
into a `Report`. This module reads no file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic_core import ValidationError

from engine.report.model import Report
from engine.report.problems import ReportError, validation_problem

__all__ = ["Check", "ImportResult"]


@dataclass(frozen=True)
class Check:
    """A cell to check: where (`sheet`, `cell`), which field (`table` and `row` from 1, `field`),
    why (Chinese), what was read (None: left null) and how sure the reading is (0–1)."""

    sheet: str | None
    cell: str
    field: str
    reason: str
    read: str | None
    confidence: float
    table: int | None = None
    row: int | None = None

    @property
    def place(self) -> str:
        """The place as a reviewer finds it: 表2!F7, F7, 第 213 行第 5 格."""
        return f"{self.sheet}!{self.cell}" if self.sheet else self.cell

    def line(self) -> str:
        where = f"第 {self.table} 张表" if self.table else "报告"
        if self.row:
            where += f" › 第 {self.row} 个指标"
        shown = "（留空）" if self.read is None else f"「{_short(self.read)}」"
        return f"  {self.place}  {where} › {self.field}：{shown}  把握 {self.confidence:.0%}  {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "sheet": self.sheet, "cell": self.cell, "table": self.table, "row": self.row,
                "field": self.field, "read": self.read, "confidence": self.confidence, "reason": self.reason}


def _short(text: str, width: int = 30) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


@dataclass
class ImportResult:
    """A draft report read from `path`, and the cells to check in it."""

    path: str
    data: dict[str, Any]
    checks: list[Check] = field(default_factory=list)
    why_empty: str | None = None  # when no table was read: why (no heading, no data row under it …)

    def report(self) -> Report:
        """The draft validated; `ReportError` (every problem) when the draft cannot be a report."""
        try:
            return Report.model_validate(self.data)
        except ValidationError as error:
            problems = [validation_problem(detail, self.data) for detail in error.errors(include_url=False)]
            raise ReportError(self.path, problems) from None

    def summary_lines(self) -> list[str]:
        """What was read (tables, rows, cells to check with their place), in Chinese."""
        tables = self.data.get("tables", [])
        rows = sum(len(t.get("indicators", [])) for t in tables)
        lines = [f"{self.path}: 读出 {len(tables)} 张表、{rows} 个指标行；需要核对的单元格 {len(self.checks)} 个"]
        for number, table in enumerate(tables, start=1):
            name = table.get("name") or "（未印名称）"
            lines.append(f"  表 {number}「{name}」（{'部门整体' if table.get('kind') == 'department' else '项目'}）："
                         f"{len(table.get('indicators', []))} 个指标行，{len(table.get('funding', []))} 个资金行")
        if self.checks:
            lines.append("需要核对：")
            lines += [check.line() for check in self.checks]
        return lines
