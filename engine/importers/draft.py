"""From grids to a draft report: find the tables and their blocks, read each row, list the doubts.

`draft(path, grids)` walks the rows of every grid in order. A heading row recognised by
`engine.importers.headers` starts the budget block or the 绩效指标 block (a second one starts a
new table, so several tables may share a sheet); a title (…自评表) or a 项目名称 / 预算部门名称 label
starts a new table; labels (主管部门, 实施单位, 预期目标, 实际完成情况, 总分, 评价等级) fill the
table's fields from the cells beside them, or, in extracted text, from the next row. Data rows
are read by `engine.importers.rows`, labels by `engine.importers.labels`. Every value keeps its
cell in `origin`; every unsure or unread cell becomes a `Check`. Nothing is invented: a value not found is left out (null). The
基础数据表 is not imported (said as a check). This module reads no file.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from engine.importers.grid import Cell, Grid
from engine.importers.headers import (budget_columns, heading_rest, indicator_columns, label_of, level1_of,
                                      level_headings, normalise)
from engine.importers.labels import LabelReader
from engine.importers.result import Check, ImportResult
from engine.importers.rows import (Read, funding_by_column, funding_by_content, indicator_by_column,
                                   indicator_by_content, starts_segment)
from engine.importers.tables import TableDraft, origin
from engine.report.cells import not_printed
from engine.report.problems import FIELD_LABELS

__all__ = ["draft"]

_SUM_WORDS = frozenset({"合计", "总计", "合计分", "分值合计", "得分合计"})
_YEAR = re.compile(r"((?:19|20)[0-9][0-9])\s*年")
_TITLE = re.compile(r"(自评表|自评报告|评价报告)")
_INDICATOR_FIELDS = ("level1", "level2", "level3", "target", "actual", "rule", "weight", "claimed_score",
                     "deviation_note", "note")


_AMOUNTS = ("initial", "full_year", "executed")
_EXECUTION = ("weight", "rate", "claimed_score")


# A page header or footer a printed form carries into its text: 第 1 页, 第1页 共3页, - 2 -, 2/3.
_PAGE_MARK = re.compile(r"第\s*[0-9一二三四五六七八九十]+\s*页(?:\s*[，,]?\s*共\s*[0-9一二三四五六七八九十]+\s*页)?"
                        r"|共\s*[0-9]+\s*页\s*第\s*[0-9]+\s*页|[-—–]\s*[0-9]+\s*[-—–]|[0-9]+\s*/\s*[0-9]+")


_WRAP_FIELDS = ("level3", "target", "actual", "rule", "deviation_note")
_RULE_ONLY_NUMBER = re.compile(r"[-+]?[0-9.,，%％]+")


def _column_of(cell: Cell) -> int:
    """The cell number K of an extracted-text place (第 N 行第 K 格); 0 when the place is not one."""
    match = re.search(r"第\s*([0-9]+)\s*格", cell.place)
    return int(match.group(1)) if match else 0


def _rule_like(text: str) -> bool:
    return re.search(r"扣|得分|满分|为止|计分|记分|不得分|酌情", text) is not None


_SENSES = {"大于等于": "≥", "小于等于": "≤", "等于": "=", "大于": ">", "小于": "<", "定性": ""}


def _joined(reads: dict[str, Read]) -> dict[str, Read]:
    """The 指标性质 (≥, 大于等于, 定性) and 度量单位 columns of a template that prints them apart:
    the 年度指标值 as a reviewer reads it (≥100人次), the 实际完成值 with the unit when it is a bare
    number (120人次). A mechanical join, not a doubt: not listed."""
    sense, unit = reads.pop("sense", None), reads.pop("unit", None)
    sign = (sense.value or "").strip() if sense is not None else ""
    sign = _SENSES.get(sign, sign)
    word = (unit.value or "").strip() if unit is not None else ""
    if not sign and not word:
        return reads
    for name in ("target", "actual"):
        read = reads.get(name)
        if read is None or read.value is None or read.reason:
            continue
        value = read.value.strip()
        bare = re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", value) is not None
        if name == "target" and sign and not re.match(r"[≥≤=<>＜＞]", value) and (bare or sign in "≥≤=<>"):
            value = sign + value
        if word and bare:
            value += word
        if value != read.value.strip():
            reads[name] = Read(value, read.cell)
    return reads


def _page_mark(cells: list[Cell]) -> bool:
    """A row that prints only a page number (the form went on over a page): no data."""
    texts = [c.text.strip() for c in cells if not c.blank and c.merged is None]
    return len(texts) == 1 and _PAGE_MARK.fullmatch(texts[0]) is not None


def _part(reads: dict[str, Read], keys: tuple[str, ...]) -> dict[str, Read]:
    return {k: r for k, r in reads.items() if k in keys}


def draft(path: str, grids: list[Grid], note: str | None = None) -> ImportResult:
    """The draft report read from `grids` (in order), with the cells to check."""
    builder = _Builder(path)
    for line in (line for grid in grids for line in grid.notes):  # a docx title above its tables
        if _TITLE.search(line) and len(line) <= 60:
            builder.report.setdefault("title", line)
            year = _YEAR.search(line)
            if year:
                builder.report.setdefault("year", int(year.group(1)))
            break
    for grid in grids:
        builder.add(grid)
    builder.close()
    result = builder.result(note)
    meta = next((grid.meta for grid in grids if grid.meta), None)
    if meta:
        _fill_from_meta(result.data, meta)
    return result


def _fill_from_meta(data: dict[str, Any], meta: dict[str, Any]) -> None:
    """What `rescore export` kept in its hidden sheet fills what the layout cannot show; a value
    read from the cells is never replaced (except the importer's own source line)."""
    report = meta.get("report")
    for key, value in (report if isinstance(report, dict) else {}).items():
        if key not in data or key == "source":
            data[key] = value
    tables = meta.get("tables")
    for table, extra in zip(data["tables"], tables if isinstance(tables, list) else []):
        if not isinstance(extra, dict):
            continue
        if "note" in extra:
            table.setdefault("note", extra["note"])
        for part, key in (("execution", "execution_note"), ("goals", "goals_note")):
            if key in extra and isinstance(table.get(part), dict):
                table[part].setdefault("note", extra[key])


class _Builder(LabelReader):
    def __init__(self, path: str) -> None:
        self.path = path
        self.tables: list[dict[str, Any]] = []
        self.checks: list[Check] = []
        self.report: dict[str, Any] = {}
        self.grid = Grid(None, [])
        self.table: TableDraft | None = None
        self.mode: str | None = None
        self.columns: dict[int, str] = {}
        self.levels: tuple[str | None, str | None] = (None, None)
        self.printed1: str | None = None  # the 一级指标 printed last in this table (extracted text)
        self.doubts: list[tuple[str, Check]] = []  # 一级 taken from the framework, until the next one printed
        self.headings: list[tuple[str, str, list[str]]] = []  # block, place and headings of each heading row
        self.pending: list[tuple[str, int]] = []  # labels waiting for their value in the next row
        self.section: str | None = None
        self.section_columns: dict[str, int] = {}
        self.pending_source: Cell | None = None
        self.last_heading: list[str] | None = None  # the texts of the row above when it was a heading row
        self.previous: dict[str, Read] | None = None  # the indicator read on the row above (extracted text)

    # ------------------------------------------------------------------ plumbing

    def add(self, grid: Grid) -> None:
        """Read one grid; a table may go on in the next one (a docx with its budget and indicator
        tables apart), so the open table is closed only by what starts the next table. The pages
        of a PDF are loose grids one after another: a block going on over a page goes on being
        read (its heading need not be printed again)."""
        if not (grid.loose and self.grid.loose) and not self._goes_on(grid):
            self.mode, self.columns, self.pending = None, {}, []
        self.grid = grid
        for cells in grid.rows:
            if any(not c.blank for c in cells):
                self._row(cells)
            self._unread(cells)

    def _goes_on(self, grid: Grid) -> bool:
        """A Word table split at a page (a PDF converted to Word: one table a page) goes on with
        the indicators of the table above when it has as many columns and its first row is an
        indicator row by those columns (a 分值 or 得分 under theirs), not a heading or a label."""
        table = self.table
        if self.mode != "indicators" or table is None or not table.indicators or "claimed_total" in table.fields:
            return False
        if not self.grid.rows or not grid.rows or len(grid.rows[0]) != len(self.grid.rows[0]):
            return False
        first = next((row for row in grid.rows if any(not c.blank for c in row)), None)
        if first is None or indicator_columns([c.text for c in first]) is not None:
            return False
        reads = indicator_by_column(first, self.columns)
        return any(reads[k].value is not None for k in ("weight", "claimed_score") if k in reads)

    def _unread(self, cells: list[Cell]) -> None:
        """A cell the file fills but that has no value to read (`Cell.problem`) is listed once,
        where the row it sits in did not already list it."""
        if not any(cell.problem for cell in cells):
            return
        listed = {c.cell for c in self.checks if c.sheet == self.grid.name}
        for cell in cells:
            if cell.problem is not None and cell.place not in listed and self.mode != "skip":
                table = len(self.tables) + 1 if self.table is not None else None
                self.checks.append(Check(self.grid.name, cell.place, "单元格", cell.problem, None, 0.0, table=table))

    def close(self) -> None:
        self._close()

    def _open(self) -> TableDraft:
        if self.table is None:
            self.table = TableDraft(self.path, self.grid.name)
        return self.table

    def _close(self) -> None:
        self._resolve_doubts(None)
        table, self.table = self.table, None
        self.mode, self.columns, self.pending, self.section = None, {}, [], None
        self.section_columns, self.pending_source, self.levels = {}, None, (None, None)
        self.printed1 = None
        if table is None or not (table.indicators or table.funding):
            return
        if not table.indicators:
            self.checks.append(Check(table.sheet, "—", "绩效指标", "这张表只有资金块，没有认出绩效指标块：未导入",
                                     None, 0.0, table=len(self.tables) + 1))
            return
        self._trailing_total(table)
        self.tables.append(table.to_dict())

    def _check(self, read: Read, field: str, row: int | None = None, reason: str | None = None,
               confidence: float | None = None) -> None:
        self.checks.append(self._made_check(read, field, row, reason, confidence))

    def _made_check(self, read: Read, field: str, row: int | None = None, reason: str | None = None,
                    confidence: float | None = None) -> Check:
        cell = read.cell.place if read.cell is not None else "—"
        return Check(self.grid.name, cell, FIELD_LABELS.get(field, field), reason or read.reason or "",
                     read.value, read.confidence if confidence is None else confidence,
                     table=len(self.tables) + 1, row=row)

    # ------------------------------------------------------------------ one row

    def _row(self, cells: list[Cell]) -> None:
        texts = [c.text for c in cells]
        if _page_mark(cells):
            return
        heading, self.last_heading = self.last_heading, None
        if heading is not None and self.mode == "indicators" and heading_rest(heading, texts):
            return  # the second line of a heading wrapped in its cells
        levels = level_headings(texts) if heading is not None and self.mode == "indicators" else None
        if levels is not None:  # 绩效指标 over the level headings, printed on the row below
            self.columns.update({c: n for c, n in levels.items() if c not in self.columns})
            return
        if self.mode == "skip" and not self._title(cells) and not self._starts_table(cells):
            return
        if self._heading(cells, texts):
            return
        if self._title(cells) or self._pending_goals(cells) or self._labels(cells):
            return
        if self.mode == "budget":
            self._funding(cells)
        elif self.mode == "indicators" and not self._sum_row(cells):
            self._indicator(cells)
            return
        self.previous = None

    def _sum_row(self, cells: list[Cell]) -> bool:
        """合计 / 总计 printed where the 总分 goes, under the indicators (in the budget block the
        same word names a funding row, so it is a total only here): its numbers are the 满分 and
        the 总分."""
        texts = [(i, c) for i, c in enumerate(cells) if not c.blank and c.merged is None]
        if not texts or normalise(texts[0][1].text) not in _SUM_WORDS:
            return False
        table = self._open()
        self._total(table, [c for i, c in texts[1:]])
        if "claimed_total" in table.fields:
            self.mode = None  # the total read ends the block
        return True

    def _heading(self, cells: list[Cell], texts: list[str]) -> bool:
        """A heading row starts the 绩效指标 block or the budget block; it is kept (its place and
        headings) to say why when no table is read."""
        indicator = indicator_columns(texts)
        budget = budget_columns(texts) if indicator is None else None
        if indicator is None and budget is None:
            return False
        mode, columns = ("indicators", indicator) if indicator is not None else ("budget", budget or {})
        first = next(c for c in cells if not c.blank)
        where = f"{self.grid.name}!{first.place}" if self.grid.name else first.place
        self.headings.append((mode, where, [cells[i].text.strip() for i in sorted(columns)]))
        self._start(mode, columns)
        self.last_heading = texts
        return True

    def _start(self, mode: str, columns: dict[int, str]) -> None:
        table = self._open()
        if mode == "indicators" and self._continues(table, columns):
            self.mode, self.columns, self.pending = mode, columns, []
            return
        if (mode == "indicators" and table.indicators) or (mode == "budget" and (table.funding or table.indicators)):
            self._close()
            table = self._open()
        self.mode, self.columns, self.pending = mode, columns, []
        if mode == "indicators":
            table.heading = frozenset(columns.values())

    @staticmethod
    def _continues(table: TableDraft, columns: dict[int, str]) -> bool:
        """The heading row printed again where the table goes on over a page (a PDF, or a sheet
        converted from one): the same headings as the block being read, before its 总分, with
        no title, name or budget block in between. The rows below go on in the same table."""
        return bool(table.indicators) and table.heading == frozenset(columns.values()) \
            and "claimed_total" not in table.fields and not table.trailing

    def _starts_table(self, cells: list[Cell]) -> bool:
        return any(label_of(self._label_part(c)[0]) in ("name", "unit") for c in cells if not c.merged)

    def _title(self, cells: list[Cell]) -> bool:
        texts = [c.text.strip() for c in cells if not c.blank and not c.merged]
        if len(texts) != 1 or len(texts[0]) > 60:
            return False
        text = normalise(texts[0])
        year_only = re.fullmatch(r"[（(]?\s*((?:19|20)[0-9][0-9])\s*年度?\s*[）)]?", texts[0])
        if year_only:
            self.report.setdefault("year", int(year_only.group(1)))
            return True
        if "基础数据表" in text:
            self._skip_basic_data(cells)
            return True
        if not _TITLE.search(text):
            return False
        self._titled(texts[0], text)
        return True

    def _skip_basic_data(self, cells: list[Cell]) -> None:
        """The 基础数据表 is not imported: skip its rows and say so once."""
        self._close()
        self.mode = "skip"
        if not any(c.field == "基础数据表" for c in self.checks):
            self.checks.append(Check(self.grid.name, cells[0].place, "基础数据表",
                                     "基础数据表未导入：请照表录入 basic_data", None, 0.0))

    def _titled(self, printed: str, text: str) -> None:
        """A title row (…自评表): the report's title before any table, else the start of a table."""
        year = _YEAR.search(printed)
        if year and "year" not in self.report:
            self.report["year"] = int(year.group(1))
        if "报告" in text and not self.tables and self.table is None:
            self.report.setdefault("title", printed)
            return
        if self.table is not None and self.table.has_content():
            self._close()
        table = self._open()
        table.fields.setdefault("kind", "department" if "部门" in text else "project")
        self.mode = None

    # ------------------------------------------------------------------ labels
    def _funding(self, cells: list[Cell]) -> None:
        if not self.grid.loose:
            self._funding_row(funding_by_column(cells, self.columns), cells[0].place)
            return
        segments: list[list[Cell]] = []
        for column, cell in enumerate(cells):
            if cell.blank:
                continue
            crosses = bool(segments) and self._side(column) != self._side(cells.index(segments[-1][0]))
            if starts_segment(cell) or not segments or crosses:
                segments.append([cell])
            else:
                segments[-1].append(cell)
        column_of = {id(cell): column for column, cell in enumerate(cells)}
        for at in range(len(segments) - 2, -1, -1):  # 其中： | 财政拨款 | 80 …: one source, 其中：财政拨款
            if len(segments[at]) == 1 and normalise(segments[at][0].text) == "其中" and starts_segment(segments[at + 1][0]):
                lead, name = segments[at][0], segments[at + 1][0]
                joined = Cell(f"{lead.text.strip().rstrip(':：')}：{name.text.strip()}", name.place)
                column_of[id(joined)] = column_of[id(name)]
                segments[at + 1][0] = joined
                del segments[at]
        for segment in segments:
            reads = funding_by_content(segment)
            if "source" not in reads and self.pending_source is not None:
                reads["source"] = Read(self.pending_source.text.strip(), self.pending_source)
                self.pending_source = None
            if len(reads) == 1 and "source" in reads and segment is segments[-1]:
                self.pending_source = reads["source"].cell
                continue
            self._funding_row(reads, segment[0].place, column=column_of[id(segment[0])])

    def _funding_row(self, reads: dict[str, Read], place: str, column: int | None = None) -> None:
        table = self._open()
        amounts, execution = _part(reads, _AMOUNTS), _part(reads, _EXECUTION)
        source = reads.get("source")
        named = source is not None and source.value is not None
        if amounts and not named:
            self._check(Read(None, next(iter(amounts.values())).cell, 0.0), "source", reason="资金行没有来源名，未导入")
        elif source is not None and named and (amounts or not self.grid.loose):
            right = self.grid.loose and column is not None and self._side(column) == "expense"
            table.add_funding(self._funding_entry(reads, source.value, amounts, column), right)
        if execution and table.execution is None:
            table.execution = self._execution_entry(execution)
        for name, read in reads.items():
            if read.reason:
                self._check(read, name)

    def _execution_entry(self, execution: dict[str, Read]) -> dict[str, Any]:
        """The 预算执行率 row: its weight, rate and claimed score, with their cells."""
        entry: dict[str, Any] = {k: r.value for k, r in execution.items()}
        entry["origin"] = origin(self.grid.name, {k: r.cell.place for k, r in execution.items() if r.cell})
        return entry

    def _funding_entry(self, reads: dict[str, Read], source: Any, amounts: dict[str, Read],
                       column: int | None) -> dict[str, Any]:
        """One funding row of the draft: its source, amounts, note and breakdown, with their cells."""
        row: dict[str, Any] = {"source": source, **{k: r.value for k, r in amounts.items()}}
        if "note" in reads and reads["note"].value is not None:
            row["note"] = reads["note"].value
        breakdown = self._breakdown(column)
        if breakdown and "总额" not in source:
            row["breakdown"] = breakdown
        cells = {k: r.cell.place for k, r in reads.items() if r.cell is not None and k in row}
        row["origin"] = origin(self.grid.name, cells)
        return row

    def _side(self, column: int) -> str | None:
        """In extracted text, income and expense breakdowns sit side by side: which side `column` is on."""
        sides = self.section_columns
        if "income" not in sides or "expense" not in sides:
            return None
        return "expense" if column > (sides["income"] + sides["expense"]) / 2 else "income"

    def _breakdown(self, column: int | None) -> str | None:
        if not self.section:
            return None
        if self.grid.loose and column is not None and self._side(column) is not None:
            return self._side(column)
        return self.section

    def _indicator(self, cells: list[Cell]) -> None:
        table = self._open()
        if self.grid.loose:
            reads = indicator_by_content(cells, "rule" in self.columns.values(), **self._content_order())
        else:
            reads = _joined(indicator_by_column(cells, self.columns))
        reads.pop("seq", None)
        previous, self.previous = self.previous, None
        if self.grid.loose and previous is not None and self._wrapped(cells, reads, previous, table):
            self.previous = previous
            return
        content = {k: r for k, r in reads.items() if k not in ("level1", "level2") and r.value is not None}
        level1, level2 = self._levels(reads, row=len(table.indicators) + 1, scored=bool(content))
        if not content:
            return
        if self.grid.loose and set(content) == {"claimed_score"} and "level3" not in reads:
            table.trailing.append(content["claimed_score"].cell or cells[0])
            return
        table.indicators.append(self._indicator_entry(reads, level1, level2))
        self.previous = dict(reads)
        for name, read in reads.items():
            if read.reason:
                self._check(read, name, row=len(table.indicators))

    def _wrapped(self, cells: list[Cell], reads: dict[str, Read], previous: dict[str, Read],
                 table: TableDraft) -> bool:
        """Extracted text: a long cell wrapped onto the next line leaves a line of one or two text
        fragments, with no level name and no number, right under the row it belongs to. Each
        fragment goes on the text field of that row printed nearest above it (the 评分标准 for
        one that reads as a rule), listed as read so; it is no indicator of its own."""
        tokens = [(k, c) for k, c in enumerate(cells, start=1) if not c.blank]
        if not tokens or len(tokens) > 2 or {"level1", "level2", "weight", "claimed_score"} & set(reads) \
                or any(not_printed(c.text) or _RULE_ONLY_NUMBER.fullmatch(c.text.strip()) or label_of(c.text)
                       for _, c in tokens):
            return False
        placed = {name: _column_of(read.cell) for name, read in previous.items()
                  if name in _WRAP_FIELDS and read.cell is not None and read.value is not None}
        if not placed:
            return False
        row = table.indicators[-1]
        for k, cell in tokens:
            text = cell.text.strip()
            if "rule" in placed and _rule_like(text):
                name = "rule"
            else:
                name = min(placed, key=lambda n: (abs(placed[n] - k), -placed[n]))
            row[name] = f"{row[name]}{text}"
            previous[name] = Read(row[name], previous[name].cell)
            self._check(Read(row[name], cell, 0.7), name, row=len(table.indicators),
                        reason=f"此行只印「{text}」：读作上一行{FIELD_LABELS.get(name, name)}换行的接续")
        return True

    def _indicator_entry(self, reads: dict[str, Read], level1: str | None, level2: str | None) -> dict[str, Any]:
        """One indicator row of the draft, its fields in the report's order, with their cells."""
        row: dict[str, Any] = {"level1": level1, "level2": level2}
        row.update({k: r.value for k, r in reads.items() if k not in ("level1", "level2")})
        row = {k: row.get(k) for k in _INDICATOR_FIELDS if row.get(k) is not None}
        cells_of = {k: r.cell.place for k, r in reads.items() if r.cell is not None and k in row}
        row["origin"] = origin(self.grid.name, cells_of)
        return row

    def _content_order(self) -> dict[str, bool]:
        """What the heading row says about the order of the cells of an extracted-text row."""
        at = {name: column for column, name in self.columns.items()}
        seq = at.get("seq")
        first = min((c for c, n in self.columns.items() if n != "seq"), default=None)
        score = at.get("claimed_score", -1)
        note = max(at.get("deviation_note", -1), at.get("note", -1))
        weight, target = at.get("weight"), at.get("target", at.get("actual"))
        return {"has_note": note > score >= 0,
                "weight_first": weight is not None and target is not None and weight < target,
                "has_seq": seq is not None and first is not None and seq < first}

    def _levels(self, reads: dict[str, Read], row: int, scored: bool) -> tuple[str | None, str | None]:
        """一级 and 二级指标 of a row: printed, else carried down from the rows above (a merged cell);
        in extracted text the 一级 follows the national framework of the 二级 when it is printed."""
        carried1, carried2 = self.levels
        printed1 = reads["level1"].value if "level1" in reads else None
        printed2 = reads["level2"].value if "level2" in reads else None
        level2 = printed2 if printed2 is not None else (carried2 if printed1 in (None, carried1) else None)
        level1 = printed1 if printed1 is not None else carried1
        if self.grid.loose and printed2 is not None:
            level1 = self._framework(reads, level1, row, scored)
        if printed1 is not None:
            self._resolve_doubts(printed1)
            self.printed1 = printed1
        self.levels = (level1, level2)
        return level1, level2

    def _framework(self, reads: dict[str, Read], level1: str | None, row: int, scored: bool) -> str | None:
        """Extracted text shifts a merged 一级指标 cell up or down: the 一级 of the printed 二级 in the
        national framework is taken. It is listed where it differs from what this row prints, or,
        when the row prints none, from the 一级 printed last above (the merged cell that covers it
        in the printed form): the transcription may keep the printed one."""
        printed1 = reads["level1"].value if "level1" in reads else None
        printed2 = reads["level2"].value
        framework = level1_of(printed2)
        if framework is None or framework == level1:
            return level1
        if scored and printed1 is not None:
            self._check(Read(framework, reads["level1"].cell, 0.6), "level1", row=row,
                        reason=f"此行印「{printed1}」，按二级指标「{printed2}」归入「{framework}」（合并格错位）")
        elif scored and level1 is not None and framework != self.printed1:
            reason = f"此行未印一级指标，上方合并格为「{level1}」：按二级指标「{printed2}」归入「{framework}」"
            self.doubts.append((framework, self._made_check(Read(framework, reads["level2"].cell, 0.5), "level1",
                                                            row=row, reason=reason)))
        return framework

    def _resolve_doubts(self, printed1: str | None) -> None:
        """A 一级 taken from the framework is confirmed when the next 一级 printed below is the same
        one (the merged cell's label printed lower in its range); else it is listed."""
        below = "下方没有再印一级指标" if printed1 is None else f"下方印的下一个一级指标是「{printed1}」"
        for framework, check in self.doubts:
            if framework != printed1:
                self.checks.append(replace(check, reason=f"{check.reason}（{below}），请对照原表核对"))
        self.doubts = []

    # ------------------------------------------------------------------ the report

    def result(self, note: str | None) -> ImportResult:
        data: dict[str, Any] = {"schema_version": 1}
        unit = self.report.get("unit") or next((t.get("department") for t in self.tables if t.get("department")), None)
        if unit is not None:
            data["unit"] = unit
        if "unit" not in self.report and unit is not None:
            self.checks.append(Check(None, "—", "单位名称", "未印单位名称：取第一张表的主管部门", unit, 0.6))
        if "year" in self.report:
            data["year"] = self.report["year"]
        else:
            self.checks.append(Check(None, "—", "年度", "未印年度（标题中也没有）：留空", None, 0.0))
        if "title" in self.report:
            data["title"] = self.report["title"]
        data["source"] = f"rescore import {self.path}"
        data["tables"] = self.tables
        if note:
            data["note"] = note
        return ImportResult(self.path, data, self.checks, None if self.tables else self._why_empty())

    def _why_empty(self) -> str:
        """Why no scoring table was read: no heading recognised, a budget block alone, or a
        heading row with no data row under it."""
        indicators = [(where, names) for mode, where, names in self.headings if mode == "indicators"]
        if indicators:
            where, names = indicators[0]
            return (f"表中没有数据行：{where} 认出了绩效指标表头（{'、'.join(names)}），"
                    "但表头之下没有任何指标行")
        if self.headings:
            _, where, names = self.headings[0]
            return (f"没有找到绩效指标块：{where} 认出了资金表头（{'、'.join(names)}），但没有认出绩效指标表头"
                    "（一级指标、年度指标值、分值、得分等）")
        return "没有找到绩效自评表：没有认出「分值」「得分」「年度指标值」或「年初预算数」「全年执行数」等表头"
