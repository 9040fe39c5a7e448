"""A table as the importers see it: a grid of cells, each with its text and its place.

Every reader (xlsx, csv, docx, extracted text) turns its input into `Grid`s, so that finding the
blocks of a form (`engine.importers.draft`) is written once. A `Cell` keeps the text as shown,
the exact number when the file stores one, where it sits (`F7`, or `第 213 行第 5 格` in text)
and, for a merged range, which cell it copies. This module reads no file and recognises no
heading.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

__all__ = ["Cell", "Grid", "a1", "column_letters"]


def column_letters(column: int) -> str:
    """The spreadsheet letters of a 0-based column: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def a1(row: int, column: int) -> str:
    """The A1 name of a 0-based (row, column): (6, 5) → F7."""
    return f"{column_letters(column)}{row + 1}"


@dataclass(frozen=True)
class Cell:
    """One cell: `text` as shown ("" when blank), `number` when the file stores an exact number,
    `place` as a reviewer finds it, and `merged` when it is a copy of the top-left cell of a
    merged range (`"down"` for a copy from a row above, `"across"` from a column to the left).
    `problem` says why a cell the file does fill has no value to read (an xlsx formula without a
    cached value): the cell reads as blank and the importer lists it with this reason."""

    text: str
    place: str
    number: Decimal | None = None
    merged: str | None = None
    problem: str | None = None

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class Grid:
    """The rows of one sheet, one docx table or one extracted page; `name` is the sheet as a
    reviewer names it (sheet name, 表 N, 第 N 页), None for a csv or a text file. `loose` grids
    (extracted text) have shifted and merged cells, so their rows are read by content."""

    name: str | None
    rows: list[list[Cell]]
    loose: bool = False
    notes: list[str] = field(default_factory=list)  # narrative text outside the tables (docx)
    meta: dict[str, Any] | None = None  # what `rescore export` kept that the layout cannot show
