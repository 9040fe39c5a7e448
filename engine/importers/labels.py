"""The labels of a form and the values beside them: 项目名称, 预算部门名称, 主管部门, 实施单位,
预期目标 / 实际完成情况, 总分, 评价等级, 按收入性质分 / 按支出性质分.

`LabelReader` is the part of the draft builder (`engine.importers.draft`) that reads a label
row: the value is the cell to its right (or after its colon); in extracted text a label printed
without its value takes the next row's first value, and a project name may sit after the next
label. A name that only prints a unit's name (…局, …机关) is not taken as the project name: it is
listed. Totals (总分, or bare numbers after the indicators) are read here too. This module reads
no data row.
"""

from __future__ import annotations

import re
from typing import Any

from engine.importers.grid import Cell, Grid, a1
from engine.importers.headers import budget_columns, indicator_columns, label_of
from engine.importers.result import Check
from engine.importers.rows import Read, read_number
from engine.importers.tables import TableDraft, goal_text, origin

__all__ = ["LabelReader"]

_ORG = re.compile(r"(局|机关|委员会|委|中心|政府|办公室|办|公司|学校|医院|单位|站|所|队|院|厅|部)$")


class LabelReader:
    """Label rows, for `engine.importers.draft._Builder` (which owns the state declared here)."""

    grid: Grid
    table: TableDraft | None
    tables: list[dict[str, Any]]
    checks: list[Check]
    report: dict[str, Any]
    mode: str | None
    columns: dict[int, str]
    pending: list[tuple[str, int]]
    section: str | None
    section_columns: dict[str, int]

    def _open(self) -> TableDraft:
        raise NotImplementedError

    def _close(self) -> None:
        raise NotImplementedError

    def _check(self, read: Read, field: str, row: int | None = None, reason: str | None = None,
               confidence: float | None = None) -> None:
        raise NotImplementedError


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

    def _label(self, table: TableDraft, name: str, column: int, cell: Cell, values: list[Cell]) -> None:
        if name == "total":
            self._total(table, values)
            if self.mode == "indicators" and "claimed_total" in table.fields:
                self.mode = None  # the 总分 read ends the block: what is printed below (填表人 …) is no indicator
        elif name in ("income", "expense"):
            self.section, self.section_columns[name] = name, column
        elif name in ("block",):
            return
        elif not values:
            if name != "goals" and (self.grid.loose or name in ("planned", "achieved")):
                self.pending.append((name, column))
        else:
            self._value(table, name, values)

    def _value(self, table: TableDraft, name: str, values: list[Cell]) -> None:
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
                table.goals[key] = goal_text("\n".join(texts))
                table.goals.setdefault("origin", origin(self.grid.name, {}))["cells"][key] = values[0].place

    def _name(self, table: TableDraft, values: list[Cell]) -> None:
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
        free = _free_cells(cells)
        if not free:
            return False
        self._place_goals(goals, free)
        self.pending = [p for p in self.pending if p not in goals]
        rest = [cell if label_of(cell.text) else Cell("", cell.place) for cell in cells]
        if any(not c.blank for c in rest):
            self._labels(rest)
        return True

    def _place_goals(self, goals: list[tuple[str, int]], free: dict[int, Cell]) -> None:
        """Each waiting goal label takes the free cell under it (else the first free one); a cell
        left over is the 预期目标 when none was read."""
        table = self._open()
        for name, column in goals:
            at = column if column in free else min(free, default=None)
            if at is not None:
                self._value(table, name, [free.pop(at)])
        if free and "planned" not in table.goals:
            self._value(table, "planned", [free[min(free)]])

    def _total(self, table: TableDraft, values: list[Cell]) -> None:
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

    def _trailing_total(self, table: TableDraft) -> None:
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


def _free_cells(cells: list[Cell]) -> dict[int, Cell]:
    """The cells of a row that hold a value, not a label, by column."""
    return {i: c for i, c in enumerate(cells) if not c.blank and not c.merged and label_of(c.text) is None}


def _cell_at(cell: Cell, column: int) -> str:
    """The place of `column` in `cell`'s row (A1 places only)."""
    match = re.fullmatch(r"[A-Z]+(\d+)", cell.place)
    return a1(int(match.group(1)) - 1, column) if match else ""
