"""The summary across reports as a file: CSV (UTF-8 with BOM, so that Excel opens it in Chinese)
or an Excel workbook (openpyxl, imported only here), one row per table of every reviewed
report, then the inputs that could not be read with their reasons.

Numbers are written as numbers (exact decimals: a CSV cell keeps the digits, a workbook cell a
number rounded to two places, as shown). Nothing here computes a score.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from engine.output.xlsx_save import save_workbook
from engine.output.outcomes import Unreadable
from engine.output.summary import COLUMNS, SummaryRow

SUFFIXES = (".csv", ".xlsx")
_UNREADABLE_COLUMNS = ["文件", "无法读取的原因"]


def write_summary(path: Path, rows: list[SummaryRow], broken: list[Unreadable]) -> None:
    """Write the summary to `path`, by its suffix (.csv or .xlsx)."""
    if path.suffix.lower() == ".xlsx":
        _xlsx(path, rows, broken)
    else:
        _csv(path, rows, broken)


def _text(value: object) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _csv(path: Path, rows: list[SummaryRow], broken: list[Unreadable]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        writer.writerows([_text(c) for c in row.cells()] for row in rows)
        if broken:
            writer.writerow([])
            writer.writerow(_UNREADABLE_COLUMNS)
            writer.writerows([b.file, b.reason] for b in broken)


def _xlsx(path: Path, rows: list[SummaryRow], broken: list[Unreadable]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "汇总"
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([float(c) if isinstance(c, Decimal) else c for c in row.cells()])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKLMNOP", (30, 20, 6, 4, 30, 8, 9, 12, 12, 8, 10, 6, 6, 7, 7, 9)):
        sheet.column_dimensions[letter].width = width
    if broken:
        other = book.create_sheet("无法读取")
        other.append(_UNREADABLE_COLUMNS)
        for b in broken:
            other.append([b.file, b.reason])
        other.column_dimensions["A"].width = 40
        other.column_dimensions["B"].width = 80
    save_workbook(book, path)
