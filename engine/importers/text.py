"""Extracted text of a PDF (or a `.txt` already extracted) as loose grids.

A PDF's table layout is lost in extraction: cells arrive tab-separated (or runs of spaces: three,
or two between Chinese characters), with
merged cells shifted, so each line becomes one row of a `Grid` marked `loose`, read by content
(`engine.importers.rows`). Each cell's place is `第 N 行第 K 格` (line N of the text, cell K), or,
for a PDF, the page as the grid's name. pdfplumber is an optional extra (`pip install
'rescore[pdf]'`), imported only here and only for a `.pdf`. This module builds no report.
"""

from __future__ import annotations

import re
from pathlib import Path

from engine.importers.grid import Cell, Grid
from engine.report.problems import Problem, ReportError

__all__ = ["read_pdf", "read_text", "text_grid"]

# Cells are split at a tab or at 3+ spaces; in text laid out by position (pdfplumber's layout
# mode) two columns of Chinese text can sit only two spaces apart (满意度指标  服务对象满意度指标), so
# two spaces between two Chinese characters split too: Chinese text in one cell has no such gap.
_SPLIT = re.compile(r"\t| {3,}|(?<=[\u4e00-\u9fff]) {2}(?=[\u4e00-\u9fff])")


def text_grid(text: str, name: str | None = None, first_line: int = 1) -> Grid:
    """One loose grid from extracted text: a row per line, cells split at tabs (or 3+ spaces)."""
    rows: list[list[Cell]] = []
    for number, line in enumerate(text.splitlines(), start=first_line):
        parts = _SPLIT.split(line.rstrip("\n"))
        rows.append([Cell(part.strip(), f"第 {number} 行第 {k} 格") for k, part in enumerate(parts, start=1)])
    return Grid(name, rows, loose=True)


def read_text(path: Path) -> list[Grid]:
    """A `.txt` of extracted text (UTF-8, UTF-8 with BOM or GB18030)."""
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return [text_grid(data.decode(encoding))]
        except UnicodeDecodeError:
            continue
    raise ReportError(str(path), [Problem("文件", "不是 UTF-8 或 GB18030 编码的文本")])


def read_pdf(path: Path) -> list[Grid]:
    """Each page's text, extracted by pdfplumber, as a loose grid named 第 N 页."""
    try:
        import pdfplumber
    except ImportError:
        raise ReportError(str(path), [Problem("文件", "读取 PDF 需要 pdfplumber：pip install 'rescore[pdf]'；"
                                                     "或先把文字提取成 .txt 再导入")]) from None
    grids: list[Grid] = []
    try:
        with pdfplumber.open(str(path)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                text = page.extract_text(layout=True) or ""
                grids.append(text_grid(text, f"第 {number} 页"))
    except Exception as error:  # pdfminer raises many kinds for a damaged file
        raise ReportError(str(path), [Problem("文件", f"无法读取这个 PDF：{type(error).__name__}")]) from None
    if not any(any(not c.blank for c in row) for grid in grids for row in grid.rows):
        raise ReportError(str(path), [Problem("文件", "PDF 中没有可提取的文字（扫描件需要先做文字识别）")])
    return grids
