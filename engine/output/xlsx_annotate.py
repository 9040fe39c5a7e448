"""The reviewer's own workbook, copied with the review added (openpyxl only).

`annotate_copy(source, result, target)` opens the input workbook, finds in each sheet the
header row of a 绩效指标 block (a cell 三级指标 and a cell 得分 in the same row) — the n-th
such sheet is table n of the report — and matches the rows below it to the table's indicator
rows by position: walking down the sheet, a row whose 三级指标 cell is the next indicator's
name is that indicator (row order, not a name lookup, so a name that repeats is matched to the
right row); other rows (sub-headings, notes) are passed over. It adds a 重算得分 column after the
block's last column, fills the 得分 cells that disagree and puts each finding as a comment on the
cell it is about, adds the 复核汇总 sheet first, and saves the copy to `target`; `source` is
not touched. Returns False (nothing written) when no sheet has such a header row.

Not yet: the importer (engine.importers) does not record each item's sheet and row
(provenance) in the result; when it does, this module should place the notes by it instead of
matching 三级指标 texts. The 预算执行率 and 总分 rows of the reviewer's layout are not located
either: their findings are on the 复核汇总 sheet only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.output.xlsx_save import save_workbook
from engine.output.common import FindingIndex
from engine.output.xlsx import Annotator, column_of, summary_sheet
from engine.review.result import ItemResult, ReportResult

LEVEL3, SCORE = "三级指标", "得分"


def _text(value: Any) -> str:
    return "".join(str(value).split()) if value is not None else ""


def header_of(sheet: Any) -> tuple[int, dict[str, int]] | None:
    """The header row of the indicator block and its columns by heading, if the sheet has one."""
    for row in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, 60)):
        texts = {_text(c.value): c.column for c in row if c.value is not None}
        score = next((col for text, col in texts.items() if text == SCORE or text.startswith(SCORE)), None)
        if LEVEL3 in texts and score is not None:
            columns = dict(texts)
            columns[SCORE] = score
            return row[0].row, columns
    return None


def match_rows(sheet: Any, header: int, name_column: int, items: list[ItemResult]) -> dict[int, ItemResult]:
    """Sheet row → indicator, in order (see the module docstring)."""
    rows = [i for i in items if i.row is not None]
    matched: dict[int, ItemResult] = {}
    pointer = 0
    for number in range(header + 1, sheet.max_row + 1):
        if pointer >= len(rows):
            break
        if _text(sheet.cell(row=number, column=name_column).value) == _text(rows[pointer].name):
            matched[number] = rows[pointer]
            pointer += 1
    return matched


def _annotate_sheet(sheet: Any, header: int, columns: dict[str, int], items: list[ItemResult],
                    index: FindingIndex) -> None:
    from openpyxl.styles import Font

    new = sheet.max_column + 1
    sheet.cell(row=header, column=new, value="重算得分").font = Font(bold=True)
    marks = Annotator(sheet, columns[SCORE])
    for number, item in match_rows(sheet, header, columns[LEVEL3], items).items():
        value = float(item.recomputed) if item.recomputed is not None else (
            f"{item.range[0]:f}–{item.range[1]:f}" if item.range else "无法重算")
        sheet.cell(row=number, column=new, value=value)
        for f in index.of_item(item):
            column = columns.get(column_of(f), columns[SCORE])
            marks.note(number, column, f)
    marks.finish()


def annotate_copy(source: Path, result: ReportResult, target: Path) -> bool:
    from openpyxl import load_workbook

    book = load_workbook(source)
    blocks = [(sheet, found) for sheet in book.worksheets if (found := header_of(sheet)) is not None]
    if not blocks:
        return False
    index = FindingIndex.of(result)
    for (sheet, (header, columns)), table in zip(blocks, result.tables):
        _annotate_sheet(sheet, header, columns, table.items, index)
    summary = book.create_sheet("复核汇总", 0)
    summary_sheet(summary, result)
    book.active = 0
    save_workbook(book, target)
    return True
