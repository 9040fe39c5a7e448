"""A Word document (.docx) as grids: one per table, named 表 N; the narrative text kept aside.

Merged cells (python-docx repeats a merged cell's object) are marked as copies like a workbook's.
The paragraphs outside the tables are joined into `Grid.notes` of the first grid, for the
report's `note`. python-docx is imported only here. A file that is not a .docx, or one with no
table, raises `ReportError`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from engine.importers.grid import Cell, Grid, a1
from engine.report.problems import Problem, ReportError

__all__ = ["read_docx"]


def read_docx(path: Path) -> list[Grid]:
    import docx

    if not zipfile.is_zipfile(path):
        raise ReportError(str(path), [Problem("文件", "不是有效的 .docx 文件（不是 zip 格式）：请用 Word 另存为 .docx")])
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises many kinds for a damaged document
        raise ReportError(str(path), [Problem("文件", f"无法读取这个 Word 文档：{type(error).__name__}")]) from None
    grids = [_table(table, f"表 {n}") for n, table in enumerate(document.tables, start=1)]
    if not grids:
        raise ReportError(str(path), [Problem("文件", "文档中没有表格：绩效自评表应是 Word 表格")])
    grids[0].notes = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    return grids


def _table(table: Any, name: str) -> Grid:
    rows: list[list[Cell]] = []
    seen: dict[Any, tuple[int, int]] = {}  # keyed by the <w:tc> element itself, which stays alive
    for r, row in enumerate(table.rows):
        cells: list[Cell] = []
        for c, cell in enumerate(row.cells):
            first = seen.setdefault(cell._tc, (r, c))
            mark = None if first == (r, c) else ("down" if first[0] < r else "across")
            cells.append(Cell(cell.text.strip(), a1(r, c), None, mark))
        rows.append(cells)
    return Grid(name, rows)
