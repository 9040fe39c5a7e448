"""From grids to a draft report: find the tables and their blocks, read each row, list the doubts.

`draft(path, grids)` walks the rows of every grid in order. A heading row recognised by
`engine.importers.headers` starts the budget block or the 绩效指标 block (a second one starts a
new table, so several tables may share a sheet); a title (…自评表) or a 项目名称 / 预算部门名称 label
starts a new table; labels (主管部门, 实施单位, 预期目标, 实际完成情况, 总分, 评价等级) fill the
table's fields from the cells beside them, or, in extracted text, from the next row. Data rows
are read by `engine.importers.rows`. Every value keeps its cell in `origin`; every unsure or
unread cell becomes a `Check`. Nothing is invented: a value not found is left out (null). The
基础数据表 is not imported (said as a check). This module reads no file.
"""

from __future__ import annotations

import re
from typing import Any

from engine.importers.grid import Cell, Grid
from engine.importers.headers import budget_columns, indicator_columns, label_of, level1_of, normalise
from engine.importers.result import Check, ImportResult
from engine.importers.rows import (Read, funding_by_column, funding_by_content, indicator_by_column,
                                   indicator_by_content, read_number, starts_segment)
from engine.report.problems import FIELD_LABELS

__all__ = ["draft"]

_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_ORG = re.compile(r"(局|机关|委员会|委|中心|政府|办公室|办|公司|学校|医院|单位|站|所|队|院|厅|部)$")
_TITLE = re.compile(r"(自评表|自评报告|评价报告)")
_INDICATOR_FIELDS = ("level1", "level2", "level3", "target", "actual", "rule", "weight", "claimed_score",
                     "deviation_note", "note")


def draft(path: str, grids: list[Grid], note: str | None = None) -> ImportResult:
    """The draft report read from `grids` (in order), with the cells to check."""
    builder = _Builder(path)
    for line in (line for grid in grids for line in grid.notes):  # a docx title above its tables
        if _TITLE.search(line) and len(line) <= 60:
            builder.report.setdefault("title", line)
            year = _YEAR.search(line)
            if year:
                builder.report.setdefault("year", int(year.group(1)))
            break
    for grid in grids:
        builder.add(grid)
    builder.close()
    result = builder.result(note)
    meta = next((grid.meta for grid in grids if grid.meta), None)
    if meta:
        _fill_from_meta(result.data, meta)
    return result


def _fill_from_meta(data: dict[str, Any], meta: dict[str, Any]) -> None:
    """What `rescore export` kept in its hidden sheet fills what the layout cannot show; a value
    read from the cells is never replaced (except the importer's own source line)."""
    report = meta.get("report")
    for key, value in (report if isinstance(report, dict) else {}).items():
        if key not in data or key == "source":
            data[key] = value
    tables = meta.get("tables")
    for table, extra in zip(data["tables"], tables if isinstance(tables, list) else []):
        if not isinstance(extra, dict):
            continue
        if "note" in extra:
            table.setdefault("note", extra["note"])
        for part, key in (("execution", "execution_note"), ("goals", "goals_note")):
            if key in extra and isinstance(table.get(part), dict):
                table[part].setdefault("note", extra[key])


def _goal_text(text: str) -> str:
    """Goal paragraphs as text: HTML paragraph marks left by extraction become line breaks."""
    text = re.sub(r"</p>\s*<p>", "\n", text.strip())
    return re.sub(r"</?p>", "", text).strip()


class _Table:
    """One table being read: its fields and the cells they came from."""

    def __init__(self, file: str, sheet: str | None) -> None:
        self.file, self.sheet = file, sheet
        self.fields: dict[str, Any] = {}
        self.cells: dict[str, str] = {}
        self.funding: list[dict[str, Any]] = []
        self.execution: dict[str, Any] | None = None
        self.goals: dict[str, Any] = {}
        self.indicators: list[dict[str, Any]] = []
        self.trailing: list[Cell] = []  # bare numbers after the indicators: 满分 and 总分 without a label

    def has_content(self) -> bool:
        return bool(self.indicators or self.funding or self.fields.get("name"))

    def set(self, name: str, read: Read) -> None:
        if read.value is not None and name not in self.fields:
            self.fields[name] = read.value
            if read.cell is not None:
                self.cells[name] = read.cell.place

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.fields.get("name"), "kind": self.fields.get("kind", "project")}
        for key in ("department", "implementer"):
            if key in self.fields:
                data[key] = self.fields[key]
        if self.funding:
            data["funding"] = self.funding
        if self.execution:
            data["execution"] = self.execution
        if self.goals:
            data["goals"] = self.goals
        data["indicators"] = self.indicators
        for key in ("claimed_total", "claimed_grade", "scale"):
            if key in self.fields:
                data[key] = self.fields[key]
        data["origin"] = _origin(self.sheet, self.cells, self.file)
        return data


def _origin(sheet: str | None, cells: dict[str, str], file: str | None = None) -> dict[str, Any]:
    origin: dict[str, Any] = {"cells": cells}
    if file is not None:
        origin = {"file": file, **origin}
    if sheet is not None:
        origin["sheet"] = sheet
    return origin


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.tables: list[dict[str, Any]] = []
        self.checks: list[Check] = []
        self.report: dict[str, Any] = {}
        self.grid = Grid(None, [])
        self.table: _Table | None = None
        self.mode: str | None = None
        self.columns: dict[int, str] = {}
        self.levels: tuple[str | None, str | None] = (None, None)
        self.pending: list[tuple[str, int]] = []  # labels waiting for their value in the next row
        self.section: str | None = None
        self.section_columns: dict[str, int] = {}
        self.pending_source: Cell | None = None

    # ------------------------------------------------------------------ plumbing

    def add(self, grid: Grid) -> None:
        """Read one grid; a table may go on in the next one (a docx with its budget and indicator
        tables apart), so the open table is closed only by what starts the next table."""
        self.grid = grid
        self.mode, self.columns, self.pending = None, {}, []
        for cells in grid.rows:
            if any(not c.blank for c in cells):
                self._row(cells)

    def close(self) -> None:
        self._close()

    def _open(self) -> _Table:
        if self.table is None:
            self.table = _Table(self.path, self.grid.name)
        return self.table

    def _close(self) -> None:
        table, self.table = self.table, None
        self.mode, self.columns, self.pending, self.section = None, {}, [], None
        self.section_columns, self.pending_source, self.levels = {}, None, (None, None)
        if table is None or not (table.indicators or table.funding):
            return
        if not table.indicators:
            self.checks.append(Check(table.sheet, "—", "绩效指标", "这张表只有资金块，没有认出绩效指标块：未导入",
                                     None, 0.0, table=len(self.tables) + 1))
            return
        self._trailing_total(table)
        self.tables.append(table.to_dict())

    def _check(self, read: Read, field: str, row: int | None = None, reason: str | None = None,
               confidence: float | None = None) -> None:
        cell = read.cell.place if read.cell is not None else "—"
        self.checks.append(Check(self.grid.name, cell, FIELD_LABELS.get(field, field), reason or read.reason or "",
                                 read.value, read.confidence if confidence is None else confidence,
                                 table=len(self.tables) + 1, row=row))

    # ------------------------------------------------------------------ one row

    def _row(self, cells: list[Cell]) -> None:
        texts = [c.text for c in cells]
        if self.mode == "skip" and not self._title(cells) and not self._starts_table(cells):
            return
        indicator = indicator_columns(texts)
        if indicator is not None:
            self._start("indicators", indicator)
            return
        budget = budget_columns(texts)
        if budget is not None:
            self._start("budget", budget)
            return
        if self._title(cells) or self._pending_goals(cells) or self._labels(cells):
            return
        if self.mode == "budget":
            self._funding(cells)
        elif self.mode == "indicators":
            self._indicator(cells)

    def _start(self, mode: str, columns: dict[int, str]) -> None:
        table = self._open()
        if (mode == "indicators" and table.indicators) or (mode == "budget" and (table.funding or table.indicators)):
            self._close()
            self._open()
        self.mode, self.columns, self.pending = mode, columns, []

    def _starts_table(self, cells: list[Cell]) -> bool:
        return any(label_of(self._label_part(c)[0]) in ("name", "unit") for c in cells if not c.merged)

    def _title(self, cells: list[Cell]) -> bool:
        texts = [c.text.strip() for c in cells if not c.blank and not c.merged]
        if len(texts) != 1 or len(texts[0]) > 60:
            return False
        text = normalise(texts[0])
        year_only = re.fullmatch(r"[（(]?\s*((?:19|20)\d\d)\s*年度?\s*[）)]?", texts[0])
        if year_only:
            self.report.setdefault("year", int(year_only.group(1)))
            return True
        if "基础数据表" in text:
            self._close()
            self.mode = "skip"
            if not any(c.field == "基础数据表" for c in self.checks):
                self.checks.append(Check(self.grid.name, cells[0].place, "基础数据表",
                                         "基础数据表未导入：请照表录入 basic_data", None, 0.0))
            return True
        if not _TITLE.search(text):
            return False
        year = _YEAR.search(texts[0])
        if year and "year" not in self.report:
            self.report["year"] = int(year.group(1))
        if "报告" in text and not self.tables and self.table is None:
            self.report.setdefault("title", texts[0])
            return True
        if self.table is not None and self.table.has_content():
            self._close()
        table = self._open()
        table.fields.setdefault("kind", "department" if "部门" in text else "project")
        self.mode = None
        return True

    # ------------------------------------------------------------------ labels

    @staticmethod
    def _label_part(cell: Cell) -> tuple[str, str | None]:
        """A cell that is a label, or "label：value" in one cell."""
        text = cell.text.strip()
        match = re.fullmatch(r"([^:：]+)[:：](.*)", text, flags=re.DOTALL)
        if match and label_of(match.group(1)):
            return match.group(1), match.group(2).strip() or None
        return text, None

    def _labels(self, cells: list[Cell]) -> bool:
        found: list[tuple[int, str, Cell, str | None]] = []
        for column, cell in enumerate(cells):
            if cell.blank or cell.merged:
                continue
            head, inline = self._label_part(cell)
            name = label_of(head)
            if name is not None:
                found.append((column, name, cell, inline))
        names = {name for _, name, _, _ in found}
        if not names - {"block", "goals"} and not ("goals" in names and self.mode != "indicators"):
            return False
        if names & {"name", "unit"} and self.table is not None and self.table.has_content():
            self._close()
        table = self._open()
        values = self._values(cells, found)
        self._fill_pending(values.pop(-1, []))
        self._shift_name(found, values)
        for column, name, cell, _ in found:
            self._label(table, name, column, cell, values.get(column, []))
        return True

    def _values(self, cells: list[Cell], found: list[tuple[int, str, Cell, str | None]]) -> dict[int, list[Cell]]:
        """The value cells of each label (by its column); -1: the cells before the first label."""
        columns = [column for column, *_ in found]
        values: dict[int, list[Cell]] = {-1: []}
        for column, _, cell, inline in found:
            values[column] = [Cell(inline, cell.place)] if inline else []
        for column, cell in enumerate(cells):
            if cell.blank or cell.merged == "across" or column in columns or label_of(cell.text):
                continue
            if budget_columns([cell.text]) or indicator_columns([cell.text, cell.text]):
                continue
            owner = max((c for c in columns if c < column), default=-1)
            values.setdefault(owner, []).append(cell)
        return values

    def _shift_name(self, found: list[tuple[int, str, Cell, str | None]], values: dict[int, list[Cell]]) -> None:
        """项目支出名称 | 主管部门 | 驻村帮扶补助资金项目: a project name printed after the next label."""
        for (col, name, _, _), (next_col, next_name, _, _) in zip(found, found[1:]):
            after = values.get(next_col, [])
            if name == "name" and not values.get(col) and next_name in ("department", "implementer") and after \
                    and not _ORG.search(after[0].text.strip()):
                values[col] = [after.pop(0)]

    def _label(self, table: _Table, name: str, column: int, cell: Cell, values: list[Cell]) -> None:
        if name == "total":
            self._total(table, values)
        elif name in ("income", "expense"):
            self.section, self.section_columns[name] = name, column
        elif name in ("block",):
            return
        elif not values:
            if name != "goals" and (self.grid.loose or name in ("planned", "achieved")):
                self.pending.append((name, column))
        else:
            self._value(table, name, values)

    def _value(self, table: _Table, name: str, values: list[Cell]) -> None:
        texts = [v.text.strip() for v in values]
        if name == "name":
            self._name(table, values)
        elif name == "unit":
            table.set("name", Read(texts[0], values[0]))
            table.set("department", Read(texts[0], values[0]))
            table.fields["kind"] = "department"
            self.report.setdefault("unit", texts[0])
        elif name in ("department", "implementer", "grade"):
            table.set("claimed_grade" if name == "grade" else name, Read(texts[0], values[0]))
            if len(values) > 1:
                self._check(Read(texts[0], values[0]), name, reason="此格之后还印有：" + "、".join(texts[1:]),
                            confidence=0.6)
        elif name in ("planned", "achieved", "goals"):
            key = name if name != "goals" else ("achieved" if "planned" in table.goals else "planned")
            if key not in table.goals:
                table.goals[key] = _goal_text("\n".join(texts))
                table.goals.setdefault("origin", _origin(self.grid.name, {}))["cells"][key] = values[0].place

    def _name(self, table: _Table, values: list[Cell]) -> None:
        texts = [v.text.strip() for v in values]
        candidates = [v for v in values if not _ORG.search(v.text.strip())]
        if not candidates:
            self._check(Read(None, values[0], 0.0), "name",
                        reason="项目名称未能读出：这一行只印了单位名「" + "、".join(texts) + "」")
            return
        chosen = candidates[-1]
        table.set("name", Read(chosen.text.strip(), chosen))
        table.fields.setdefault("kind", "project")
        if len(values) > 1:
            self._check(Read(chosen.text.strip(), chosen, 0.7), "name",
                        reason="这一行还印有「" + "、".join(t for t in texts if t != chosen.text.strip()) + "」")

    def _fill_pending(self, values: list[Cell]) -> None:
        """Extracted text: a label printed without its value takes the next row's first values."""
        table = self._open()
        while values and self.pending:
            name, _ = self.pending.pop(0)
            self._value(table, name, [values.pop(0)])

    def _pending_goals(self, cells: list[Cell]) -> bool:
        goals = [(name, column) for name, column in self.pending if name in ("planned", "achieved")]
        if not goals or self.mode == "indicators":
            return False
        table = self._open()
        free = {i: c for i, c in enumerate(cells) if not c.blank and not c.merged and label_of(c.text) is None}
        if not free:
            return False
        for name, column in goals:
            at = column if column in free else min(free, default=None)
            if at is not None:
                self._value(table, name, [free.pop(at)])
        if free and "planned" not in table.goals:
            self._value(table, "planned", [free[min(free)]])
        self.pending = [p for p in self.pending if p not in goals]
        rest = [cell if label_of(cell.text) else Cell("", cell.place) for cell in cells]
        if any(not c.blank for c in rest):
            self._labels(rest)
        return True

    def _total(self, table: _Table, values: list[Cell]) -> None:
        numbers = [v for v in values if read_number(v).value is not None]
        by_column = {name: col for col, name in self.columns.items()} if not self.grid.loose else {}
        if by_column:
            placed = False
            for v in numbers:
                name = next((n for n, c in by_column.items() if v.place == _cell_at(v, c)), None)
                if name in ("weight", "claimed_score"):
                    table.set("scale" if name == "weight" else "claimed_total", read_number(v))
                    placed = True
            if placed:
                return
        if len(numbers) >= 2:
            table.set("scale", read_number(numbers[0]))
        if numbers:
            table.set("claimed_total", read_number(numbers[-1]))

    def _trailing_total(self, table: _Table) -> None:
        if "claimed_total" in table.fields or not table.trailing:
            return
        if len(table.trailing) >= 2:
            table.set("scale", read_number(table.trailing[0]))
        read = read_number(table.trailing[-1])
        table.set("claimed_total", read)
        self.table = table
        self._check(Read(read.value, table.trailing[-1], 0.8), "claimed_total",
                    reason="未印「总分」二字：指标之后单独一行的数字读作总分")
        self.table = None

    # ------------------------------------------------------------------ data rows

    def _funding(self, cells: list[Cell]) -> None:
        if not self.grid.loose:
            self._funding_row(funding_by_column(cells, self.columns), cells[0].place)
            return
        segments: list[list[Cell]] = []
        for column, cell in enumerate(cells):
            if cell.blank:
                continue
            crosses = bool(segments) and self._side(column) != self._side(cells.index(segments[-1][0]))
            if starts_segment(cell) or not segments or crosses:
                segments.append([cell])
            else:
                segments[-1].append(cell)
        for segment in segments:
            reads = funding_by_content(segment)
            if "source" not in reads and self.pending_source is not None:
                reads["source"] = Read(self.pending_source.text.strip(), self.pending_source)
                self.pending_source = None
            if len(reads) == 1 and "source" in reads and segment is segments[-1]:
                self.pending_source = reads["source"].cell
                continue
            self._funding_row(reads, segment[0].place, column=cells.index(segment[0]))

    def _funding_row(self, reads: dict[str, Read], place: str, column: int | None = None) -> None:
        table = self._open()
        amounts = {k: r for k, r in reads.items() if k in ("initial", "full_year", "executed")}
        execution = {k: r for k, r in reads.items() if k in ("weight", "rate", "claimed_score")}
        source = reads.get("source")
        row: dict[str, Any] = {}
        if amounts and (source is None or source.value is None):
            self._check(Read(None, next(iter(amounts.values())).cell, 0.0), "source", reason="资金行没有来源名，未导入")
        elif source is not None and source.value is not None and (amounts or not self.grid.loose):
            row = {"source": source.value, **{k: r.value for k, r in amounts.items()}}
            if "note" in reads and reads["note"].value is not None:
                row["note"] = reads["note"].value
            breakdown = self._breakdown(column)
            if breakdown and "总额" not in source.value:
                row["breakdown"] = breakdown
            cells = {k: r.cell.place for k, r in reads.items() if r.cell is not None and k in row}
            row["origin"] = _origin(self.grid.name, cells)
            table.funding.append(row)
        if execution and table.execution is None:
            table.execution = {k: r.value for k, r in execution.items()}
            table.execution["origin"] = _origin(self.grid.name, {k: r.cell.place for k, r in execution.items() if r.cell})
        for name, read in reads.items():
            if read.reason:
                self._check(read, name)

    def _side(self, column: int) -> str | None:
        """In extracted text, income and expense breakdowns sit side by side: which side `column` is on."""
        sides = self.section_columns
        if "income" not in sides or "expense" not in sides:
            return None
        return "expense" if column > (sides["income"] + sides["expense"]) / 2 else "income"

    def _breakdown(self, column: int | None) -> str | None:
        if not self.section:
            return None
        if self.grid.loose and column is not None and self._side(column) is not None:
            return self._side(column)
        return self.section

    def _indicator(self, cells: list[Cell]) -> None:
        table = self._open()
        if self.grid.loose:
            reads = indicator_by_content(cells, "rule" in self.columns.values())
        else:
            reads = indicator_by_column(cells, self.columns)
        content = {k: r for k, r in reads.items() if k not in ("level1", "level2") and r.value is not None}
        level1, level2 = self._levels(reads, row=len(table.indicators) + 1, scored=bool(content))
        if not content:
            return
        if self.grid.loose and set(content) == {"claimed_score"} and "level3" not in reads:
            table.trailing.append(content["claimed_score"].cell or cells[0])
            return
        row: dict[str, Any] = {"level1": level1, "level2": level2}
        row.update({k: r.value for k, r in reads.items() if k not in ("level1", "level2")})
        row = {k: row.get(k) for k in _INDICATOR_FIELDS if row.get(k) is not None}
        cells_of = {k: r.cell.place for k, r in reads.items() if r.cell is not None and k in row}
        row["origin"] = _origin(self.grid.name, cells_of)
        table.indicators.append(row)
        for name, read in reads.items():
            if read.reason:
                self._check(read, name, row=len(table.indicators))

    def _levels(self, reads: dict[str, Read], row: int, scored: bool) -> tuple[str | None, str | None]:
        """一级 and 二级指标 of a row: printed, else carried down from the rows above (a merged cell);
        in extracted text the 一级 follows the national framework of the 二级 when it is printed."""
        carried1, carried2 = self.levels
        printed1 = reads["level1"].value if "level1" in reads else None
        printed2 = reads["level2"].value if "level2" in reads else None
        level2 = printed2 if printed2 is not None else (carried2 if printed1 in (None, carried1) else None)
        level1 = printed1 if printed1 is not None else carried1
        if self.grid.loose and printed2 is not None:
            framework = level1_of(printed2)
            if framework is not None and framework != level1:
                if scored and printed1 is not None:
                    self._check(Read(framework, reads["level1"].cell, 0.6), "level1", row=row,
                                reason=f"此行印「{printed1}」，按二级指标「{printed2}」归入「{framework}」（合并格错位）")
                level1 = framework
        self.levels = (level1, level2)
        return level1, level2

    # ------------------------------------------------------------------ the report

    def result(self, note: str | None) -> ImportResult:
        data: dict[str, Any] = {"schema_version": 1}
        unit = self.report.get("unit") or next((t.get("department") for t in self.tables if t.get("department")), None)
        if unit is not None:
            data["unit"] = unit
        if "unit" not in self.report and unit is not None:
            self.checks.append(Check(None, "—", "单位名称", "未印单位名称：取第一张表的主管部门", unit, 0.6))
        if "year" in self.report:
            data["year"] = self.report["year"]
        else:
            self.checks.append(Check(None, "—", "年度", "未印年度（标题中也没有）：留空", None, 0.0))
        if "title" in self.report:
            data["title"] = self.report["title"]
        data["source"] = f"rescore import {self.path}"
        data["tables"] = self.tables
        if note:
            data["note"] = note
        return ImportResult(self.path, data, self.checks)


def _cell_at(cell: Cell, column: int) -> str:
    """The place of `column` in `cell`'s row (A1 places only)."""
    from engine.importers.grid import a1

    match = re.fullmatch(r"[A-Z]+(\d+)", cell.place)
    return a1(int(match.group(1)) - 1, column) if match else ""
