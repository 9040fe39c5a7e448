"""The one object every check of the review reads and writes.

`ReviewContext` holds the inputs (report, profile, rule set, file name), the parse cache and the
result being built: one `TableResult` per table of the report, in the report's order, the
findings so far, and the 基础数据表 checks that held. `ctx.emit(kind, message, place, ...)`
records a finding at a `Place`, which names the table by its number and the indicator by its
row (names repeat in real forms). `RowContext` is one indicator row while its checks run.

A check is a function `check(ctx) -> None`; the order they run in is
`engine.review.pipeline.PASSES`. This module checks nothing and makes no prose.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from engine import values as vals
from engine.findings import Direction, Finding, Severity
from engine.language import store
from engine.language.result import ParseResult
from engine.profiles import Profile
from engine.report.model import Indicator, Origin, Report, Table
from engine.review.result import ItemResult, PlaceKey, TableResult

if TYPE_CHECKING:  # reading a rule set needs pydantic models that `rescore report.json` does not
    from engine.rulesets import RuleSet
    from engine.scoring.outcome import Outcome

BASIC_DATA = "基础数据表"  # the printed name of the 基础数据表, where its findings sit


@dataclass(frozen=True)
class Place:
    """Where a finding sits: the table by number (None: the 基础数据表), the indicator by row or,
    off the indicator rows, the `field` (engine.findings.FIELDS); `table` and `item` are the
    printed names shown to people."""

    table: str | None
    table_number: int | None
    item: str | None = None
    row: int | None = None
    field: str | None = None

    @classmethod
    def indicator(cls, number: int, table: Table, row: int, indicator: Indicator) -> Place:
        return cls(table.shown_name, number, indicator.name, row=row)

    @classmethod
    def part(cls, number: int, table: Table, field: str, item: str | None = None) -> Place:
        """A part of a table that is not an indicator row: execution, total, grade, funding, table."""
        return cls(table.shown_name, number, item, field=field)

    @classmethod
    def basic_data(cls, field: str, item: str) -> Place:
        return cls(BASIC_DATA, None, item, field=field)


class ParseCache:
    """Each distinct rule text is parsed once per run (per report, or across the reports of a
    batch when the caller keeps one cache: `rescore(..., parse=cache)`); at most `limit` texts
    are kept. A text met for the first time is read through the process's `store` (the CLI's
    cache of read rules on disk) when there is one."""

    def __init__(self, limit: int = 20_000) -> None:
        self._cache: dict[str, ParseResult] = {}
        self._limit = limit

    def __call__(self, text: str) -> ParseResult:
        result = self._cache.get(text)
        if result is None:
            if len(self._cache) >= self._limit:
                self._cache.clear()
            result = self._cache[text] = store.read(text)
        return result


@dataclass
class Adjustments:
    """What the profile's report-level rules do to one table's total (`engine.review.report_rules`):
    points deducted, a cap on the total or the grade, and the rows a rescale leaves out."""

    deductions: list[tuple[Decimal, Decimal | None]] = dataclasses.field(default_factory=list)  # (points, floor of the total)
    cap_total: Decimal | None = None
    cap_grade: str | None = None
    excluded: set[PlaceKey] = dataclasses.field(default_factory=set)


@dataclass
class ReviewContext:
    report: Report
    profile: Profile
    ruleset: RuleSet | None
    file: str
    tables: list[TableResult]
    parse: ParseCache = dataclasses.field(default_factory=ParseCache)
    findings: list[Finding] = dataclasses.field(default_factory=list)
    basic_data_checked: list[str] = dataclasses.field(default_factory=list)
    execution_rates: dict[int, Fraction] = dataclasses.field(default_factory=dict)  # by table number
    adjustments: dict[int, Adjustments] = dataclasses.field(default_factory=dict)  # by table number
    # each distinct row's outcome under its rule, evaluated once per report (engine.review.indicators)
    outcomes: dict[tuple[object, ...], Outcome] = dataclasses.field(default_factory=dict)

    @classmethod
    def start(cls, report: Report, profile: Profile, ruleset: RuleSet | None, file: str,
              parse: ParseCache | None = None) -> ReviewContext:
        tables = [TableResult(number, table.shown_name, table.kind, profile.name, table.claimed_total, table.claimed_grade,
                              origin=table.origin) for number, table in enumerate(report.tables, start=1)]
        return cls(report, profile, ruleset, file, tables, parse or ParseCache())

    def each_table(self) -> Iterator[tuple[Table, TableResult]]:
        """Each table of the report with its result, in the report's order."""
        return zip(self.report.tables, self.tables)

    def each_row(self) -> Iterator[tuple[Table, TableResult, int, Indicator]]:
        """Each indicator row of every table with its table's result and its row number (from 1)."""
        for table, result in self.each_table():
            for row, indicator in enumerate(table.indicators, start=1):
                yield table, result, row, indicator

    def emit(self, kind: str, message: str, place: Place, *, claimed: Decimal | None = None,
             expected: Decimal | tuple[Decimal, Decimal] | None = None, points: Decimal = Decimal(0),
             severity: Severity | None = None, extra: dict[str, Any] | None = None,
             direction: Direction | None = None) -> Finding:
        """Record a finding of `kind` at `place`; `direction` says whether a score finding's
        `points` were claimed too many (over, 多计) or too few (under, 少计). Where the report was
        imported, the finding carries the place in the original file (`extra["origin"]`)."""
        extra = dict(extra or {})
        origin = self._origin(place)
        if origin is not None:
            extra["origin"] = origin.model_dump(exclude_defaults=True)
        finding = Finding(kind, message, table=place.table, item=place.item, claimed=claimed, expected=expected,
                          points=points, severity=severity, extra=extra, row=place.row,
                          table_number=place.table_number, field=place.field, direction=direction)
        self.findings.append(finding)
        return finding


    def _origin(self, place: Place) -> Origin | None:
        """Where `place` was read from, if the report was imported: the row's, else the table's."""
        if place.table_number is None or not 1 <= place.table_number <= len(self.report.tables):
            return None
        table = self.report.tables[place.table_number - 1]
        if place.row is not None and 1 <= place.row <= len(table.indicators):
            return table.indicators[place.row - 1].origin or table.origin
        if place.field == "execution" and table.execution is not None:
            return table.execution.origin or table.origin
        return table.origin


@functools.lru_cache(maxsize=4096)
def _shared(path: tuple[str, ...]) -> tuple[str, ...]:
    """One tuple for the rows that print the same levels (the first one seen)."""
    return path


@dataclass
class RowContext:
    """One indicator row under review: the printed row, its cells read, its place and its result."""

    table: Table
    indicator: Indicator
    place: Place
    item: ItemResult
    target: vals.Value | None
    actual: vals.Value | None
    # the only scores the row's rule can give under any reading of the actual ([]: the rule is
    # not one of plain fixed awards); set when the rule is read
    fixed_scores: tuple[Fraction, ...] = ()

    @property
    def weight(self) -> Decimal:
        """The row's 分值; rows that print none stop at `engine.review.indicators` before scoring."""
        weight = self.indicator.weight
        assert weight is not None, "a row without a weight is not scored"
        return weight

    @classmethod
    def of(cls, number: int, table: Table, row: int, indicator: Indicator) -> RowContext:
        item = ItemResult(indicator.name, _shared(tuple(indicator.path)), indicator.weight, indicator.claimed_score,
                          target=indicator.target, actual=indicator.actual, row=row, table_number=number,
                          origin=indicator.origin)
        return cls(table, indicator, Place.indicator(number, table, row, indicator), item,
                   vals.parse_value(indicator.target), vals.parse_value(indicator.actual))
