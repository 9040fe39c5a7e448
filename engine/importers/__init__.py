"""Importers: a report file as a reviewer receives it (xlsx, csv, docx, PDF or its text) → a draft
report and the list of cells to check.

`import_file(path)` reads by suffix (`SUFFIXES`) into grids (`engine.importers.grid`) and builds
the draft (`engine.importers.draft`); `open_report(path)` is the non-exiting loader every command
shares: a .json is read by `engine.report.loading`, any other known suffix is imported and
validated. Both raise `ReportError` for a file that cannot be used, never another exception.
openpyxl, python-docx and pdfplumber are imported only on the path that needs them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from engine.report.problems import Problem, ReportError

if TYPE_CHECKING:  # `rescore report.json` imports this module for SUFFIXES alone
    from engine.importers.grid import Grid
    from engine.importers.result import ImportResult
    from engine.report.model import Report

__all__ = ["SUFFIXES", "import_file", "open_report"]

SUFFIXES = (".xlsx", ".xlsm", ".csv", ".docx", ".pdf", ".txt")


def import_file(path: str | os.PathLike[str]) -> ImportResult:
    """A draft report from the form at `path`, with every cell the importer was unsure of."""
    from engine.importers.draft import draft

    file = Path(path)
    shown = os.fspath(path)
    suffix = file.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReportError(shown, [Problem("文件", f"不认识的文件类型「{file.suffix}」：可导入 {'、'.join(SUFFIXES)}")])
    if not os.path.isfile(file):  # os.path never raises (a name too long for the system)
        from engine.report.loading import read_limited

        read_limited(file, shown)  # raises, naming a directory, a FIFO or a device
    _within_limit(file, shown)
    grids = _read(file, suffix)
    notes = [line for grid in grids for line in grid.notes]
    result = draft(file.name, grids, "\n".join(notes) or None)
    result.path = shown
    if not result.data["tables"]:
        raise ReportError(shown, [Problem("文件", result.why_empty or "没有找到绩效自评表")])
    return result


def _within_limit(file: Path, shown: str) -> None:
    """A form larger than a report can be is refused before any reader opens it."""
    from engine.report.limits import max_report_bytes

    limit = max_report_bytes()
    size = file.stat().st_size
    if size > limit:
        raise ReportError(shown, [Problem("文件", f"文件有 {size:,} 字节，超过报告文件的上限 {limit:,} 字节"
                                                   f"（可用环境变量 RESCORE_MAX_REPORT_BYTES 调整）")])


def _read(file: Path, suffix: str) -> list[Grid]:
    from engine.importers import text

    try:
        if suffix in (".xlsx", ".xlsm"):
            from engine.importers.xlsx import read_xlsx

            return read_xlsx(file)
        if suffix == ".csv":
            from engine.importers.csv import read_csv

            return read_csv(file)
        if suffix == ".docx":
            from engine.importers.docx import read_docx

            return read_docx(file)
        if suffix == ".pdf":
            return text.read_pdf(file)
        return text.read_text(file)
    except PermissionError:
        raise ReportError(str(file), [Problem("文件", "没有读取这个文件的权限")]) from None


def open_report(path: str | os.PathLike[str]) -> Report:
    """The report at `path`: a .json read as it is, any `SUFFIXES` file imported on the fly.
    Raises `ReportError` (every problem) when it cannot be used."""
    if Path(path).suffix.lower() in SUFFIXES:
        return import_file(path).report()
    from engine.report.loading import load_report

    return load_report(path)
