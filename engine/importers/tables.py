"""A table being imported: its fields, rows and the cells they came from, as a JSON-ready dict.

`TableDraft` collects what `engine.importers.draft` reads for one scoring table and turns it
into the dict of `report.json` (`to_dict`), with an `origin` on the table; `origin()` builds
one. This module reads no cell.
"""

from __future__ import annotations

import re
from typing import Any

from engine.importers.grid import Cell
from engine.importers.rows import Read

__all__ = ["TableDraft", "goal_text", "origin"]


def goal_text(text: str) -> str:
    """Goal paragraphs as text: HTML paragraph marks left by extraction become line breaks."""
    text = re.sub(r"</p>\s*<p>", "\n", text.strip())
    return re.sub(r"</?p>", "", text).strip()


class TableDraft:
    """One table being read: its fields and the cells they came from."""

    def __init__(self, file: str, sheet: str | None) -> None:
        self.file, self.sheet = file, sheet
        self.fields: dict[str, Any] = {}
        self.cells: dict[str, str] = {}
        self.funding: list[dict[str, Any]] = []
        self.right_from: int | None = None  # where the right-hand column of a side-by-side breakdown starts
        self.execution: dict[str, Any] | None = None
        self.goals: dict[str, Any] = {}
        self.indicators: list[dict[str, Any]] = []
        self.trailing: list[Cell] = []  # bare numbers after the indicators: 满分 and 总分 without a label
        self.heading: frozenset[str] | None = None  # the fields of the 绩效指标 heading row being read

    def has_content(self) -> bool:
        return bool(self.indicators or self.funding or self.fields.get("name"))

    def add_funding(self, row: dict[str, Any], right: bool = False) -> None:
        """A funding row, in the order a reviewer reads the printed form: where extracted text
        gives the income and expense breakdowns side by side (按收入性质分 | 按支出性质分), the left
        column top to bottom, then the right one."""
        if right:
            self.right_from = len(self.funding) if self.right_from is None else self.right_from
            self.funding.append(row)
        elif self.right_from is None:
            self.funding.append(row)
        else:
            self.funding.insert(self.right_from, row)
            self.right_from += 1

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
        data["origin"] = origin(self.sheet, self.cells, self.file)
        return data


def origin(sheet: str | None, cells: dict[str, str], file: str | None = None) -> dict[str, Any]:
    origin: dict[str, Any] = {"cells": cells}
    if file is not None:
        origin = {"file": file, **origin}
    if sheet is not None:
        origin["sheet"] = sheet
    return origin


