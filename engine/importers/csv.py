"""A .csv file as one grid (UTF-8, UTF-8 with BOM or GB18030, comma or tab separated).

Cells are text as written; numbers are read later by the column they sit in. A CSV stores a
spreadsheet's number cell as a plain numeral (`0.9215`, `30`), so such a cell also carries it as
its stored number, exactly as written: a rate column then follows the workbook's rule (a stored
number at most 2 is a fraction, 0.9215 → 92.15%, listed as read so), and every other column reads
the same text as before. Places are given in spreadsheet letters (F7), as the file shows when
opened in Excel. The stdlib csv module does the splitting; this module only decodes and names
the cells.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

from engine.importers.grid import Cell, Grid, a1
from engine.report.problems import Problem, ReportError

__all__ = ["read_csv"]

# A numeral as a spreadsheet writes a number cell, whose decimal reads back as the same text.
_NUMERAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def _cell(value: str, row: int, column: int) -> Cell:
    text = value.strip()
    number = Decimal(text) if _NUMERAL.fullmatch(text) else None
    return Cell(text, a1(row, column), number)


def read_csv(path: Path) -> list[Grid]:
    data = path.read_bytes()
    text = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise ReportError(str(path), [Problem("文件", "不是 UTF-8 或 GB18030 编码的 CSV")])
    dialect = "excel-tab" if text.count("\t") > text.count(",") else "excel"
    rows = [[_cell(value, r, c) for c, value in enumerate(row)]
            for r, row in enumerate(csv.reader(io.StringIO(text), dialect=dialect))]
    if not any(not cell.blank for row in rows for cell in row):
        raise ReportError(str(path), [Problem("文件", "CSV 文件是空的")])
    return [Grid(None, rows)]
