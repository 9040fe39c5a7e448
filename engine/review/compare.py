"""Under which method does the claimed score hold? One report rescored under several profiles.

`compare(report, profiles)` rescores the report under each profile (`engine.review.pipeline`)
and keeps, for each table, its recomputed total or range, the grades it allows, the open points
and whether the claimed 总分 holds (`holds`: inside the recomputed total or range; `unknown`
when rows cannot be recomputed). `Comparison.to_dict()` is the JSON of `rescore compare` and
`rescore check --profile all`; `render_text` prints the same object, one block per table with a
line per profile. Nothing here decides a score: it only sets the results side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from engine.review.common import score_text
from engine.review.pipeline import rescore
from engine.scoring import fmt
from engine.text.width import display_width, pad

if TYPE_CHECKING:
    from engine.profiles import Profile
    from engine.report.model import Report
    from engine.review.result import TableResult
    from engine.rulesets import RuleSet

Holds = Literal["yes", "no", "unknown"]
_HOLDS_WORDS = {"yes": "成立", "no": "不成立", "unknown": "无法确定"}


@dataclass(frozen=True)
class Cell:
    """One table under one profile."""

    profile: str
    recomputed_total: Decimal | None
    recomputed_range: tuple[Decimal, Decimal] | None
    grades: tuple[str, ...]
    unverifiable_points: Decimal
    holds: Holds
    errors: int
    warnings: int

    def to_dict(self) -> dict[str, Any]:
        return {"profile": self.profile, "recomputed_total": self.recomputed_total,
                "recomputed_range": list(self.recomputed_range) if self.recomputed_range else None,
                "recomputed_grades": list(self.grades), "unverifiable_points": self.unverifiable_points,
                "holds": self.holds, "errors": self.errors, "warnings": self.warnings}


@dataclass(frozen=True)
class Row:
    """One table of the report, with its claim and a cell per profile."""

    number: int
    name: str
    kind: str
    claimed_total: Decimal
    printed: bool  # the 总分 is printed (else the sum of the claims)
    cells: tuple[Cell, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "name": self.name, "kind": self.kind, "claimed_total": self.claimed_total,
                "claimed_total_printed": self.printed, "under": [c.to_dict() for c in self.cells]}


@dataclass(frozen=True)
class Comparison:
    unit: str
    year: int | None
    file: str
    profiles: tuple[tuple[str, str, str], ...]  # name, title, years
    rows: tuple[Row, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"report": {"unit": self.unit, "year": self.year, "file": self.file},
                "profiles": [{"name": n, "title": t, "years": y} for n, t, y in self.profiles],
                "tables": [r.to_dict() for r in self.rows]}


def _holds(table: TableResult, claimed: Decimal, tolerance: Decimal) -> Holds:
    if table.recomputed_total is not None:
        return "yes" if abs(table.recomputed_total - claimed) <= tolerance else "no"
    if table.recomputed_range is not None:
        low, high = table.recomputed_range
        return "yes" if low - tolerance <= claimed <= high + tolerance else "no"
    return "unknown"


def compare(report: Report, profiles: list[Profile], file: str = "", ruleset: RuleSet | None = None) -> Comparison:
    """The report rescored under each of `profiles` (with the reviewer's rule set, if any), table by table."""
    results = [rescore(report, p, ruleset, file=file) for p in profiles]
    rows = []
    for index, table in enumerate(report.tables):
        first = results[0].tables[index]
        claimed = table.claimed_total if table.claimed_total is not None else first.claimed_sum
        cells = []
        for profile, result in zip(profiles, results):
            t = result.tables[index]
            mine = [f for f in result.findings if f.table_number == t.number]
            cells.append(Cell(profile.name, t.recomputed_total, t.recomputed_range, tuple(t.recomputed_grades),
                              t.unverifiable_points, _holds(t, claimed, profile.tolerance),
                              sum(1 for f in mine if f.level == "error"), sum(1 for f in mine if f.level == "warning")))
        rows.append(Row(first.number, first.name, first.kind, claimed, table.claimed_total is not None, tuple(cells)))
    names = tuple((p.name, p.title, p.years.text()) for p in profiles)
    return Comparison(report.shown_unit, report.year, file, names, tuple(rows))


def _cell_text(cell: Cell) -> list[str]:
    if cell.grades:
        shown, grades = score_text(cell.recomputed_total, cell.recomputed_range), "/".join(cell.grades)
    else:
        shown, grades = f"（{fmt(cell.unverifiable_points)} 分无法重算）", "—"
    return [cell.profile, shown, grades, _HOLDS_WORDS[cell.holds], f"{cell.errors} 错 {cell.warnings} 复核"]


def render_text(comparison: Comparison) -> str:
    """One block per table: the claim, then one aligned line per profile."""
    year = f"{comparison.year} 年" if comparison.year is not None else "未印年度"
    lines = [f"各评分办法下的重算：{comparison.unit} {year}    文件：{comparison.file}",
             "评分办法：" + "、".join(f"{n}（{y}）" for n, _, y in comparison.profiles)]
    head = ["评分办法", "重算总分", "等级", "自评总分", "发现"]
    for row in comparison.rows:
        kind = "部门整体支出" if row.kind == "department" else "项目支出"
        claimed = fmt(row.claimed_total) + ("" if row.printed else "（未印总分，按各项之和）")
        lines += ["", f"【表 {row.number}】{row.name}（{kind}）  自评总分 {claimed}"]
        table = [head] + [_cell_text(c) for c in row.cells]
        widths = [max(display_width(r[i]) for r in table) for i in range(len(head))]
        for r in table:
            lines.append("  " + "  ".join(pad(text, width) for text, width in zip(r, widths)).rstrip())
    return "\n".join(lines)
