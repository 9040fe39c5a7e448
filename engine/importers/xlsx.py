"""An Excel workbook (.xlsx) as grids: one per sheet, merged ranges copied into every cell.

Numbers are kept exact: an int as it is, a float through its shortest repr with spreadsheet
noise removed (`engine.report.cells.float_decimal`), a percent-formatted cell as the percentage
the sheet shows ("92.15%" for 0.9215 under `0.00%`). A merged range's value is repeated in each
of its cells, marked as a copy (`down` or `across`), so a 一级指标 merged over five rows reads on
each of them. A formula cell is read by the value Excel cached with it; one without a cached
value (a workbook written by a program and never opened in Excel) is blank with its `problem`
(公式没有缓存值), so the importer lists it and never reads it as a missing value in silence.
openpyxl is imported only here. A file that is not a workbook (not a zip, a
password-protected one, an empty sheet) raises `ReportError` with a Chinese message.
"""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from engine.exporters.xlsx import META_SHEET
from engine.importers.grid import Cell, Grid, a1
from engine.report.cells import float_decimal, percent_text
from engine.report.problems import Problem, ReportError

__all__ = ["read_xlsx"]


def read_xlsx(path: Path) -> list[Grid]:
    """Every non-empty sheet of the workbook at `path`, in order."""
    workbook = _open(path)
    uncached = _uncached_formulas(path, workbook)
    grids = [_sheet(sheet, uncached.get(sheet.title, {})) for sheet in workbook.worksheets
             if sheet.title != META_SHEET]
    grids = [g for g in grids if any(not c.blank for row in g.rows for c in row)]
    if META_SHEET in workbook.sheetnames and grids:
        grids[0].meta = _meta(workbook[META_SHEET])
    if not grids:
        raise ReportError(str(path), [Problem("文件", "工作簿中没有任何填了内容的工作表")])
    return grids


def _meta(sheet: Any) -> dict[str, Any] | None:
    """What `rescore export` kept in its hidden sheet (notes, 基础数据表), if it is readable."""
    try:
        data = json.loads(str(sheet["A1"].value), parse_float=Decimal)
    except (TypeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _open(path: Path) -> Any:
    import openpyxl

    if not zipfile.is_zipfile(path):
        head = path.read_bytes()[:8]
        if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: an old .xls, or an encrypted workbook
            message = "这是加密（设了打开密码）的工作簿或旧版 .xls 文件：请去掉密码并另存为 .xlsx"
        else:
            message = "不是有效的 .xlsx 文件（不是 zip 格式）：请用 Excel 另存为 .xlsx"
        raise ReportError(str(path), [Problem("文件", message)])
    try:
        return openpyxl.load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise ReportError(str(path), [Problem("文件", f"无法读取这个工作簿：{type(error).__name__}")]) from None


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _uncached_formulas(path: Path, workbook: Any) -> dict[str, dict[tuple[int, int], str]]:
    """The formula cells with no cached value, by sheet: (row, column) → the formula. The
    workbook is opened a second time, for its formulas, only when a sheet holds one."""
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        if not any(_FORMULA_TAG.search(archive.read(name)) for name in sheets):
            return {}
    import openpyxl

    try:
        formulas = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # it opened with its values: a second failure only loses the formulas
        return {}
    found: dict[str, dict[tuple[int, int], str]] = {}
    try:
        for sheet in formulas.worksheets:
            values = workbook[sheet.title]
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f" and values.cell(cell.row, cell.column).value is None:
                        text = getattr(cell.value, "text", cell.value)  # an array formula keeps its text
                        found.setdefault(sheet.title, {})[(cell.row, cell.column)] = str(text)
    finally:
        formulas.close()
    return found


def _sheet(sheet: Any, uncached: dict[tuple[int, int], str]) -> Grid:
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for bounds in sheet.merged_cells.ranges:
        for row in range(bounds.min_row, bounds.max_row + 1):
            for col in range(bounds.min_col, bounds.max_col + 1):
                merged[(row, col)] = (bounds.min_row, bounds.min_col)
    rows: list[list[Cell]] = []
    for r, row in enumerate(sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column), start=1):
        cells: list[Cell] = []
        for c, cell in enumerate(row, start=1):
            top = merged.get((r, c))
            source = sheet.cell(row=top[0], column=top[1]) if top and top != (r, c) else cell
            text, number = _value(source.value, source.number_format)
            mark = None if top is None or top == (r, c) else ("down" if top[0] < r else "across")
            formula = uncached.get((r, c)) if mark is None else None
            problem = None if formula is None else f"公式没有缓存值（{formula}）：留空；请用 Excel 打开并保存后再导入"
            cells.append(Cell(text, a1(r - 1, c - 1), number, mark, problem))
        rows.append(cells)
    return Grid(sheet.title, rows)


def _value(value: Any, number_format: str) -> tuple[str, Decimal | None]:
    """The text a cell shows and its exact number (None for text and percentages)."""
    if value is None:
        return "", None
    if isinstance(value, bool):
        return ("是" if value else "否"), None
    if isinstance(value, (int, float)):
        number = Decimal(value) if isinstance(value, int) else float_decimal(value)
        if "%" in number_format:
            places = re.search(r"0\.(0+)%", number_format)
            return percent_text(number, len(places.group(1)) if places else 0), None
        fixed = re.fullmatch(r"0(?:\.(0+))?", number_format)
        if fixed:  # 0.00: the sheet shows (and the form printed) exactly that many decimals
            number = number.quantize(Decimal(1).scaleb(-len(fixed.group(1) or "")))
        return f"{number:f}", number
    if isinstance(value, (datetime, date)):
        return value.isoformat()[:10], None
    return str(value).strip(), None
