"""The result of rescoring a report: one object that every output format renders.

`ReportResult.to_dict()` is the JSON contract of `rescore report.json --format json`
(schema version 1, documented in docs/output.md); the text and markdown renderers read the
same object. Numbers are exact Decimals rounded 四舍五入 to two places at this edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from engine.findings import Finding

OUTPUT_SCHEMA_VERSION = 1


@dataclass
class RuleUsed:
    source: str  # text | rules-file | profile | none
    text: str | None = None
    canonical: str | None = None
    reference: str | None = None  # rules-file entry id, or profile name
    diagnostics: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = {"source": self.source, "text": self.text, "canonical": self.canonical}
        if self.reference:
            data["reference"] = self.reference
        if self.diagnostics:
            data["diagnostics"] = self.diagnostics
        return data


@dataclass
class ItemResult:
    name: str
    path: list[str]
    weight: Decimal | None
    claimed: Decimal | None
    recomputed: Decimal | None = None
    range: tuple[Decimal, Decimal] | None = None
    status: str = "unverifiable"  # consistent | discrepancy | unverifiable
    rule: RuleUsed = field(default_factory=lambda: RuleUsed("none"))
    trace: list[str] = field(default_factory=list)
    reason: str | None = None  # why unverifiable
    alternatives: dict[str, Decimal] = field(default_factory=dict)
    target: str | None = None
    actual: str | None = None
    row: int | None = None  # the indicator's row in its table; None for 预算执行率

    def to_dict(self) -> dict:
        return {
            "name": self.name, "row": self.row, "path": self.path, "weight": self.weight, "claimed": self.claimed,
            "recomputed": self.recomputed, "range": list(self.range) if self.range else None,
            "status": self.status, "target": self.target, "actual": self.actual,
            "rule": self.rule.to_dict(), "reason": self.reason,
            "alternatives": self.alternatives, "trace": self.trace,
        }


@dataclass
class TableResult:
    number: int
    name: str
    kind: str
    profile: str
    claimed_total: Decimal | None
    claimed_sum: Decimal
    recomputed_total: Decimal | None
    recomputed_range: tuple[Decimal, Decimal] | None
    unverifiable_points: Decimal
    unverifiable_items: int
    claimed_grade: str | None
    recomputed_grades: list[str]
    printed_grade: str | None
    items: list[ItemResult]
    grade_impact: str | None = None
    verdict: str = ""

    @property
    def recomputed_grade(self) -> str | None:
        return self.recomputed_grades[0] if len(self.recomputed_grades) == 1 else None

    def to_dict(self) -> dict:
        return {
            "number": self.number, "name": self.name, "kind": self.kind, "profile": self.profile,
            "claimed_total": self.claimed_total, "claimed_sum": self.claimed_sum,
            "recomputed_total": self.recomputed_total,
            "recomputed_range": list(self.recomputed_range) if self.recomputed_range else None,
            "unverifiable_points": self.unverifiable_points, "unverifiable_items": self.unverifiable_items,
            "claimed_grade": self.claimed_grade, "printed_grade": self.printed_grade,
            "recomputed_grade": self.recomputed_grade, "recomputed_grades": self.recomputed_grades,
            "grade_impact": self.grade_impact, "verdict": self.verdict,
            "items": [i.to_dict() for i in self.items],
        }


@dataclass
class ReportResult:
    unit: str
    year: int
    file: str
    profile: str
    tables: list[TableResult]
    findings: list[Finding]
    report_findings: list[Finding] = field(default_factory=list)  # basic data: no table
    basic_data_checked: list[str] = field(default_factory=list)  # what was checked and held
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

    def to_dict(self) -> dict:
        return {
            "schema_version": OUTPUT_SCHEMA_VERSION,
            "report": {"unit": self.unit, "year": self.year, "file": self.file},
            "profile": self.profile,
            "tables": [t.to_dict() for t in self.tables],
            "findings": [f.to_dict() for f in self.findings],
            "basic_data_checked": self.basic_data_checked,
            "summary": self.counts(),
            "verdict": self.verdict,
        }
