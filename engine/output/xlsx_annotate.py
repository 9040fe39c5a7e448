"""The reviewer's own workbook, copied with the review added (openpyxl only).

`annotate_copy(source, result, target)` opens the input workbook, adds a 重算得分 column to
each table's 绩效指标 block, fills the cells that disagree and puts each finding as a comment on
the cell it is about, adds the 复核汇总 sheet first, and saves the copy to `target`; `source` is
not touched. It returns what it wrote (`Annotated`), or None (nothing written) when no sheet has
a header row of a 绩效指标 block (as the importer recognises one, with a 得分 column).

Where each table and row is, in this order:
- by provenance: a report imported from this workbook (engine.importers) keeps the sheet and the
  cells each row, the 预算执行率 row, 总分 and 等级 were read from (`ItemResult.origin`,
  `TableResult.origin`); a row is put back on the sheet row it came from, blank 三级指标 or not.
- else by order: table n is the n-th block (header row) of the workbook, and the rows below its
  header down to 总分 are matched to the table's indicators in order: a row whose 三级指标 is
  the next indicator's name is that indicator (row order, not a name lookup, so a name that
  repeats goes to the right row); a row with a blank 三级指标 and a 分值 or 得分 is the next
  indicator by position when that indicator's name is printed nowhere below; other rows
  (sub-headings, notes) are passed over.

A finding of the whole table goes on its 总分 or 等级 cell when the form prints one, else on the
table's name. Nothing is dropped silently: a row (an indicator, the 预算执行率 row) that cannot
be placed is listed in `Annotated.unplaced` (the command says so on stderr) and in a section of
the 复核汇总 sheet, with its 重算得分 and codes; the 复核汇总 sheet lists every finding in any case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.output.xlsx_save import save_workbook
from engine.output.common import FindingIndex, recomputed
from engine.output.xlsx import Annotator, column_of, summary_sheet
from engine.review.result import ItemResult, ReportResult, TableResult

if TYPE_CHECKING:
    from engine.findings import Finding
    from engine.report.model import Origin

LEVEL3, SCORE, WEIGHT = "三级指标", "得分", "分值"  # national headings (engine.importers.headers)
RECOMPUTED = "重算得分"
_A1 = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")
# the column a finding is about (engine.output.xlsx.column_of) → the field of the row's origin
_FIELD_OF = {"得分": "claimed_score", "评分标准": "rule", "实际完成值": "actual", "年度指标值": "target"}
_EXECUTION_FIELD = {"实际完成值": "rate"}


def _text(value: Any) -> str:
    return "".join(str(value).split()) if value is not None else ""


def _a1(place: str) -> tuple[int, int] | None:
    """(row, column) of an A1 name ("F7" → (7, 6)); None for a place that is none (text lines)."""
    found = _A1.fullmatch(place)
    if found is None:
        return None
    column = 0
    for letter in found.group(1):
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(found.group(2)), column


def origin_cell(origin: Origin | None, sheet: str, name: str) -> tuple[int, int] | None:
    """The cell of field `name` in an origin read from `sheet`, if it names one."""
    if origin is None or origin.sheet != sheet or name not in origin.cells:
        return None
    return _a1(origin.cells[name])


def origin_row(origin: Origin | None, sheet: str) -> int | None:
    """The sheet row a row of the report was read from, when all its cells are on one row of `sheet`."""
    if origin is None or origin.sheet != sheet:
        return None
    rows = {cell[0] for place in origin.cells.values() if (cell := _a1(place)) is not None}
    return rows.pop() if len(rows) == 1 else None


def _header(row: Any) -> dict[str, int] | None:
    """The columns of an indicator block's header row by their national heading (三级指标, 得分 …),
    read as the importer reads them (variants such as 指标名称, 自评得分 included); None when the
    row is no such header or has no 得分 column to annotate."""
    from engine.importers.headers import INDICATOR_FIELDS, indicator_columns

    found = indicator_columns(["" if c.value is None else str(c.value) for c in row])
    if found is None or "claimed_score" not in found.values():
        return None
    return {INDICATOR_FIELDS[name][0]: row[0].column + k for k, name in found.items()}


def header_rows(sheet: Any) -> list[tuple[int, dict[str, int]]]:
    """Every header row of an indicator block on the sheet, with its columns by heading."""
    found = []
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row):
        columns = _header(row)
        if columns is not None:
            found.append((row[0].row, columns))
    return found


def header_of(sheet: Any) -> tuple[int, dict[str, int]] | None:
    """The first header row of an indicator block and its columns by heading, if the sheet has one."""
    rows = header_rows(sheet)
    return rows[0] if rows else None


@dataclass
class Block:
    """One table's indicator block on a sheet: its header row, columns and last row."""

    sheet: Any
    header: int
    columns: dict[str, int]
    end: int

    def text(self, row: int, heading: str) -> str:
        column = self.columns.get(heading)
        return _text(self.sheet.cell(row=row, column=column).value) if column is not None else ""

    def total_row(self) -> int | None:
        """The 总分 row just below the block, if it prints one."""
        row = self.end + 1
        if row > self.sheet.max_row:
            return None
        return row if _first_text(self.sheet, row).startswith("总分") else None


def blocks_of(book: Any) -> list[Block]:
    """Every indicator block of the workbook, in order: a block ends before the next header
    row of its sheet, before its 总分 row, or at the sheet's last row."""
    blocks = []
    for sheet in book.worksheets:
        headers = header_rows(sheet)
        for k, (header, columns) in enumerate(headers):
            last = headers[k + 1][0] - 1 if k + 1 < len(headers) else sheet.max_row
            end = next((r - 1 for r in range(header + 1, last + 1) if _first_text(sheet, r).startswith("总分")), last)
            blocks.append(Block(sheet, header, columns, end))
    return blocks


def _sheet_named(t: TableResult, book: Any) -> str | None:
    """The sheet the table was read from, when the report was imported from this workbook."""
    origins = [t.origin, *(i.origin for i in t.items)]
    return next((o.sheet for o in origins if o is not None and o.sheet in book.sheetnames), None)


def block_of(t: TableResult, blocks: list[Block], book: Any) -> Block | None:
    """The block table `t` was read from: on its origin's sheet, the last header above its first
    row; without an origin, the t.number-th block of the workbook; None when there is none."""
    sheet = _sheet_named(t, book)
    if sheet is None:
        return blocks[t.number - 1] if t.number <= len(blocks) else None
    rows = [r for i in t.items if (r := origin_row(i.origin, sheet)) is not None]
    on_sheet = [b for b in blocks if b.sheet.title == sheet]
    above = [b for b in on_sheet if rows and b.header < min(rows)]
    chosen = above or on_sheet
    return chosen[-1] if chosen else None


def _first_text(sheet: Any, row: int) -> str:
    return next((t for c in sheet[row] if (t := _text(c.value))), "")


def _indicator_like(block: Block, row: int) -> bool:
    return any(block.text(row, h) for h in (LEVEL3, WEIGHT, SCORE))


def match_rows(block: Block, items: list[ItemResult]) -> dict[int, ItemResult]:
    """Sheet row → indicator: by each row's origin, else in order (see the module docstring)."""
    matched: dict[int, ItemResult] = {}
    rest = []
    for item in (i for i in items if i.row is not None):
        number = origin_row(item.origin, block.sheet.title)
        if number is not None and number > block.header and number not in matched:
            matched[number] = item
        else:
            rest.append(item)
    matched.update(_in_order(block, rest, set(matched)))
    return matched


def _in_order(block: Block, items: list[ItemResult], taken: set[int]) -> dict[int, ItemResult]:
    """The rows of `block` not `taken`, matched to `items` in order: by name, a blank 三级指标 by
    position; a scored row naming a later indicator skips those before it (they are not printed)."""
    rows = [r for r in range(block.header + 1, block.end + 1) if r not in taken and _indicator_like(block, r)]
    names = [block.text(r, LEVEL3) for r in rows]
    wanted = [_text(i.name) for i in items]
    matched: dict[int, ItemResult] = {}
    pointer = 0
    for k, number in enumerate(rows):
        if pointer >= len(items):
            break
        if names[k] != wanted[pointer] and names[k] and _scored(block, number) and names[k] in wanted[pointer:]:
            pointer = wanted.index(names[k], pointer)
        if names[k] == wanted[pointer] or (not names[k] and wanted[pointer] not in names[k:]):
            matched[number] = items[pointer]
            pointer += 1
    return matched


def _scored(block: Block, row: int) -> bool:
    return bool(block.text(row, WEIGHT) or block.text(row, SCORE))


@dataclass(frozen=True)
class Unplaced:
    """An indicator, or a finding, for which the workbook has no cell."""

    table: int
    where: str  # "第 3 行「name」", "总分", …
    recomputed: str  # the 重算得分 (an indicator), "" for a finding
    codes: tuple[str, ...]

    def line(self) -> str:
        score = f"，重算得分 {self.recomputed}" if self.recomputed else ""
        codes = f"，发现 {'、'.join(self.codes)}" if self.codes else ""
        return f"表{self.table} {self.where}：在原工作簿中没有对应的单元格{score}{codes}，见「复核汇总」表"


@dataclass
class Annotated:
    """What `annotate_copy` wrote: the annotations it could not place (each listed in the copy)."""

    unplaced: list[Unplaced] = field(default_factory=list)

    def notes(self) -> list[str]:
        return [u.line() for u in self.unplaced]


def _value(item: ItemResult) -> float | str:
    if item.recomputed is not None:
        return float(item.recomputed)
    return f"{item.range[0]:f}–{item.range[1]:f}" if item.range else "无法重算"


def _score_words(item: ItemResult) -> str:
    return recomputed(item).replace("—", "无法重算")


class _Sheet:
    """The annotations of one sheet: its 重算得分 column and its comments (shared by its tables)."""

    def __init__(self, block: Block) -> None:
        from openpyxl.styles import Font

        self.sheet, self.column = block.sheet, block.sheet.max_column + 1
        self.marks = Annotator(block.sheet, block.columns[SCORE])
        self.bold = Font(bold=True)

    def label(self, row: int) -> None:
        self.sheet.cell(row=row, column=self.column, value=RECOMPUTED).font = self.bold

    def score(self, row: int, item: ItemResult) -> None:
        self.sheet.cell(row=row, column=self.column, value=_value(item))


def _cell_for(f: Finding, item: ItemResult, row: int, block: Block) -> tuple[int, int]:
    """The cell of an indicator row a finding is about: the origin's, else the heading's, else 得分."""
    heading = column_of(f)
    cell = origin_cell(item.origin, block.sheet.title, _FIELD_OF.get(heading, "claimed_score"))
    if cell is not None and cell[0] == row:
        return cell
    return row, block.columns.get(heading, block.columns[SCORE])


def _execution_cell(item: ItemResult, block: Block, f: Finding | None = None) -> tuple[int, int] | None:
    name = _EXECUTION_FIELD.get(column_of(f), "claimed_score") if f is not None else "claimed_score"
    origin, sheet = item.origin, block.sheet.title
    return origin_cell(origin, sheet, name) or origin_cell(origin, sheet, "claimed_score")


def _table_cell(f: Finding, t: TableResult, block: Block) -> tuple[int, int]:
    """Where a finding of the table (not of one row) goes: its 总分 or 等级 cell when the form
    prints one, else the table's name (or the block's first heading)."""
    sheet = block.sheet.title
    cell = None
    if f.field == "total":
        total = block.total_row()
        cell = origin_cell(t.origin, sheet, "claimed_total") or (
            (total, block.columns[SCORE]) if total is not None else None)
    elif f.field == "grade":
        cell = origin_cell(t.origin, sheet, "claimed_grade")
    return cell or origin_cell(t.origin, sheet, "name") or (block.header, 1)


def _annotate_table(page: _Sheet, block: Block, t: TableResult, index: FindingIndex) -> list[Unplaced]:
    """Put table `t`'s 重算得分 and findings on `block`; what has no cell is returned."""
    page.label(block.header)
    rows = {item.row: number for number, item in match_rows(block, t.items).items()}
    unplaced: list[Unplaced] = []
    for item in t.items:
        number = rows.get(item.row) if item.row is not None else None
        if item.row is not None and number is not None:
            page.score(number, item)
            for f in index.of_item(item):
                page.marks.note(*_cell_for(f, item, number, block), f)
        elif item.row is None:
            unplaced += _annotate_execution(page, block, item, index)
        else:
            unplaced.append(_unplaced_item(t.number, item, index))
    for f in index.of_table(t):
        if f.row is None and f.field != "execution":
            page.marks.note(*_table_cell(f, t, block), f)
    return unplaced


def _annotate_execution(page: _Sheet, block: Block, item: ItemResult, index: FindingIndex) -> list[Unplaced]:
    """The 预算执行率 row, placed by its origin: its 重算得分 (labelled above) and its findings."""
    cell = _execution_cell(item, block)
    if cell is None:
        return [_unplaced_item(item.table_number, item, index)]
    row, score_column = cell
    page.score(row, item)
    for above in range(row - 1, max(row - 12, 0), -1):  # the funding block's header
        if _text(block.sheet.cell(row=above, column=score_column).value).startswith(SCORE):
            page.label(above)
            break
    for f in index.of_item(item):
        page.marks.note(*(_execution_cell(item, block, f) or cell), f)
    return []


def _unplaced_item(table: int, item: ItemResult, index: FindingIndex) -> Unplaced:
    where = f"第 {item.row} 行「{item.name}」" if item.row is not None else f"「{item.name}」"
    return Unplaced(table, where, _score_words(item), tuple(f.code for f in index.of_item(item)))


def _unplaced_section(sheet: Any, unplaced: list[Unplaced]) -> None:
    """The rows and findings of the review the workbook has no cell for, on the 复核汇总 sheet."""
    from openpyxl.styles import Font

    sheet.append([])
    sheet.append([f"以下 {len(unplaced)} 处在原工作簿中找不到对应的单元格，重算得分与发现只记在此处（发现的详情见上）："])
    sheet.append(["表", "位置", "重算得分", "发现"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for u in unplaced:
        sheet.append([u.table, u.where, u.recomputed, "、".join(u.codes)])


def annotate_copy(source: Path, result: ReportResult, target: Path) -> Annotated | None:
    from openpyxl import load_workbook

    book = load_workbook(source)
    blocks = blocks_of(book)
    if not blocks:
        return None
    index = FindingIndex.of(result)
    pages: dict[str, _Sheet] = {}
    done = Annotated()
    for t in result.tables:
        block = block_of(t, blocks, book)
        if block is None:
            done.unplaced += [_unplaced_item(t.number, i, index) for i in t.items]
            done.unplaced += [Unplaced(t.number, "整张表", "", tuple(
                f.code for f in index.of_table(t) if f.row is None and f.field != "execution"))]
            continue
        page = pages.setdefault(block.sheet.title, _Sheet(block))
        done.unplaced += _annotate_table(page, block, t, index)
    for page in pages.values():
        page.marks.finish()
    summary = book.create_sheet("复核汇总", 0)
    summary_sheet(summary, result)
    if done.unplaced:
        _unplaced_section(summary, done.unplaced)
    book.active = 0
    save_workbook(book, target)
    return done
