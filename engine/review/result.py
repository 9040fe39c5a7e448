"""The result of rescoring a report: one object that every output format renders.

`ReportResult.to_dict()` is the JSON contract of `rescore report.json --format json`
(schema version 1, documented in docs/output.md); the text and markdown renderers read the
same object. Numbers are exact Decimals rounded 四舍五入 to two places at this edge.

Every item and every finding carries its place by position, not by name: the table's number in
the report and the indicator's row in the table (the 预算执行率 row: no row, `field`
"execution"). `ReportResult.tables_matching` and `TableResult.items_matching` find a table or a
row the way a reviewer names it (a number or a name). This module computes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from engine.findings import Finding

if TYPE_CHECKING:
    from engine.report.model import Origin

OUTPUT_SCHEMA_VERSION = 1

# The place of an item or a finding: (table number, row, field); see engine.findings.Finding.
PlaceKey = tuple[int | None, int | None, str | None]


def _position(key: str, count: int) -> int | None:
    """`key` as a position from 1 among `count` (a table number, a row number), if it is one."""
    text = key.strip()
    return int(text) if text.isascii() and text.isdigit() and 1 <= int(text) <= count else None


@dataclass(slots=True)  # slots: one per row, 100k rows in a large report
class RuleUsed:
    source: str  # text | rules-file | profile | none
    text: str | None = None
    canonical: str | None = None
    reference: str | None = None  # rules-file entry id, or profile name
    diagnostics: Sequence[dict[str, Any]] = ()  # a tuple when read from the rule (most rows: the empty one)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"source": self.source, "text": self.text, "canonical": self.canonical}
        if self.reference:
            data["reference"] = self.reference
        if self.diagnostics:
            data["diagnostics"] = self.diagnostics
        return data


@dataclass(slots=True)  # slots: one per row, 100k rows in a large report
class ItemResult:
    name: str
    path: Sequence[str]
    weight: Decimal | None
    claimed: Decimal | None
    recomputed: Decimal | None = None
    range: tuple[Decimal, Decimal] | None = None
    status: str = "unverifiable"  # consistent | discrepancy | unverifiable
    rule: RuleUsed = dataclasses.field(default_factory=lambda: RuleUsed("none"))
    trace: Sequence[str] = ()  # a list, or the outcome's tuple shared by the rows of one outcome
    reason: str | None = None  # why unverifiable
    alternatives: dict[str, Decimal] = dataclasses.field(default_factory=dict)
    target: str | None = None
    actual: str | None = None
    row: int | None = None  # the indicator's row in its table (1-based); None for 预算执行率
    table_number: int = 0  # the table's position in the report (1-based)
    field: str | None = None  # "execution" for the 预算执行率 row, else None
    # which way the row's score read the indicator (higher / lower; None: no reading): the one
    # direction the report-level rules and the deviation note use (engine.review.report_rules)
    direction: str | None = dataclasses.field(default=None, compare=False)
    # the exact score (and range) before the rounding `recomputed` shows: totals add these
    exact_score: Fraction | None = dataclasses.field(default=None, repr=False, compare=False)
    exact_range: tuple[Fraction, Fraction] | None = dataclasses.field(default=None, repr=False, compare=False)
    # where the row was read from when the report was imported (sheet, cells): the annotated
    # copy of the reviewer's workbook places its notes by it; not part of the JSON contract
    origin: Origin | None = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def key(self) -> PlaceKey:
        """Where the item sits, as `Finding`s name it: findings with this key are its own."""
        return (self.table_number, self.row, self.field)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "table_number": self.table_number, "row": self.row, "field": self.field,
            "path": self.path, "weight": self.weight, "claimed": self.claimed,
            "recomputed": self.recomputed, "range": list(self.range) if self.range else None,
            "status": self.status, "target": self.target, "actual": self.actual,
            "rule": self.rule.to_dict(), "reason": self.reason,
            "alternatives": self.alternatives, "trace": self.trace,
        }


@dataclass
class TableResult:
    """One scoring table, filled in by the passes of `engine.review.pipeline` in turn."""

    number: int
    name: str
    kind: str
    profile: str
    claimed_total: Decimal | None
    printed_grade: str | None
    items: list[ItemResult] = dataclasses.field(default_factory=list)
    claimed_sum: Decimal = Decimal(0)
    recomputed_total: Decimal | None = None
    recomputed_range: tuple[Decimal, Decimal] | None = None
    # the exact total (or range) the shown one rounds; grades are read from it
    exact_total: Fraction | None = dataclasses.field(default=None, repr=False, compare=False)
    exact_range: tuple[Fraction, Fraction] | None = dataclasses.field(default=None, repr=False, compare=False)
    # the total the printed 2-place item scores add up to, when it differs from the exact one shown
    printed_places_total: Decimal | None = dataclasses.field(default=None, repr=False, compare=False)
    unverifiable_points: Decimal = Decimal(0)
    unverifiable_items: int = 0
    claimed_grade: str | None = None
    recomputed_grades: list[str] = dataclasses.field(default_factory=list)
    grade_impact: str | None = None
    # the totals and grades still possible, the unverifiable items anywhere from 0 to their weight
    possible_range: tuple[Decimal, Decimal] | None = None
    possible_grades: list[str] = dataclasses.field(default_factory=list)
    verdict: str = ""
    # the table's findings counted (engine.review.tally), set when the review is finished
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    points_over: Decimal = Decimal(0)
    points_under: Decimal = Decimal(0)
    # where the table was read from when imported (its 总分 and 等级 cells); not in the JSON
    origin: Origin | None = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def recomputed_grade(self) -> str | None:
        return self.recomputed_grades[0] if len(self.recomputed_grades) == 1 else None

    def items_matching(self, key: str) -> list[ItemResult]:
        """The rows a reviewer means by `key`: a row number as the text output lists them (from 1;
        the 预算执行率 row is last), else the indicators of that name, else those whose name
        contains it."""
        line, text = _position(key, len(self.items)), key.strip()
        if line is not None:
            return [self.items[line - 1]]
        return [i for i in self.items if i.name == text] or [i for i in self.items if text and text in i.name]

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number, "name": self.name, "kind": self.kind, "profile": self.profile,
            "claimed_total": self.claimed_total, "claimed_sum": self.claimed_sum,
            "recomputed_total": self.recomputed_total,
            "recomputed_range": list(self.recomputed_range) if self.recomputed_range else None,
            "unverifiable_points": self.unverifiable_points, "unverifiable_items": self.unverifiable_items,
            "claimed_grade": self.claimed_grade, "printed_grade": self.printed_grade,
            "recomputed_grade": self.recomputed_grade, "recomputed_grades": self.recomputed_grades,
            "grade_impact": self.grade_impact,
            "possible_range": list(self.possible_range) if self.possible_range else None,
            "possible_grades": self.possible_grades, "verdict": self.verdict,
            "errors": self.errors, "warnings": self.warnings, "infos": self.infos,
            "points_over": self.points_over, "points_under": self.points_under,
            "items": [i.to_dict() for i in self.items],
        }


@dataclass
class ReportResult:
    unit: str
    year: int | None
    file: str
    profile: str
    tables: list[TableResult]
    findings: list[Finding]
    report_findings: list[Finding] = dataclasses.field(default_factory=list)  # basic data: no table
    basic_data_checked: list[str] = dataclasses.field(default_factory=list)  # what was checked and held
    verdict: str = ""

    def counts(self) -> dict[str, int]:
        levels = [f.level for f in self.findings]
        return {
            "tables": len(self.tables),
            "items": sum(len(t.items) for t in self.tables),
            "errors": levels.count("error"),
            "warnings": levels.count("warning"),
            "infos": levels.count("info"),
            "unverifiable": sum(1 for t in self.tables for i in t.items if i.status == "unverifiable"),
            "discrepancies": sum(1 for t in self.tables for i in t.items if i.status == "discrepancy"),
        }

    def points(self) -> dict[str, Decimal]:
        """Points claimed too many (多计) and too few (少计) over all tables (engine.review.tally)."""
        return {"points_over": sum((t.points_over for t in self.tables), Decimal(0)),
                "points_under": sum((t.points_under for t in self.tables), Decimal(0))}

    def tables_matching(self, key: str) -> list[TableResult]:
        """The tables a reviewer means by `key`: its number in the report, else every table of
        that name (names repeat: two tables may both be called 项目支出绩效自评表)."""
        number = _position(key, len(self.tables))
        if number is not None:
            return [self.tables[number - 1]]
        return [t for t in self.tables if t.name == key.strip()]

    def forget_traces(self) -> None:
        """Empty every item's trace, once the report's JSON Lines object (which has them) is
        made: the overview, the summary and the exit status do not need them."""
        for table in self.tables:
            for item in table.items:
                item.trace = []

    def to_dict(self, lazy: bool = False) -> dict[str, Any]:
        """The JSON contract; `lazy`: the tables and findings as generators, each element made
        when it is written (`engine.output.jsonout.dumps_pieces`), not all at once."""
        tables = (t.to_dict() for t in self.tables)
        findings = (f.to_dict() for f in self.findings)
        return {
            "schema_version": OUTPUT_SCHEMA_VERSION,
            "report": {"unit": self.unit, "year": self.year, "file": self.file},
            "profile": self.profile,
            "tables": tables if lazy else list(tables),
            "findings": findings if lazy else list(findings),
            "basic_data_checked": self.basic_data_checked,
            "summary": {**self.counts(), **self.points()},
            "verdict": self.verdict,
        }
