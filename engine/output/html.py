"""HTML: one self-contained page per report, and an index page for a batch (jinja2 templates in
`engine/output/templates/`).

A page holds everything it shows: the style sheet and the small filter script inline, the score
curves as inline SVG (`engine.output.curve`), no network and no external asset. Per table: the
items with status colours, the findings with their arithmetic (filters by code and severity),
a curve for each indicator row whose own rule text parses and whose target or actual is a
number (`engine.output.curve.Curves`, each distinct curve of a report drawn once; none for profile-scored rows, 预算执行率, worded rows);
多计 and 少计 apart; `@page` A4 for printing. The template gets plain strings made here from the
result; nothing here computes a score.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from engine.findings import Finding
from engine.output.common import (KIND_WORDS, SEVERITY_WORDS, STATUS_WORDS, FindingIndex, grades_text, num,
                                  place_words, recomputed, source_word, total_text)
from engine.output.outcomes import Outcome, reviewed, unreadable
from engine.output.summary import grade_cell, summary_rows
from engine.review.result import ReportResult, TableResult
from engine.scoring import PartialStep, fmt

if TYPE_CHECKING:  # the curves are imported when a page is drawn
    from engine.output.curve import Curves


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("engine.output", "templates"),
                       autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


def _finding(f: Finding) -> dict[str, str]:
    return {"code": f.code, "kind": f.kind, "level": f.level, "level_word": SEVERITY_WORDS[f.level],
            "place": place_words(f), "message": f.message}


def _partial(result: ReportResult) -> PartialStep:
    from engine.profiles import ProfileError, load_profile

    try:
        return load_profile(result.profile).partial_step
    except ProfileError:
        return "floor"


def _table(t: TableResult, findings: list[Finding], drawn: Curves) -> dict[str, Any]:
    items, curves = [], []
    for i in t.items:
        items.append({"row": "" if i.row is None else i.row, "name": i.name, "target": i.target or "",
                      "actual": i.actual or "", "weight": num(i.weight), "claimed": num(i.claimed),
                      "recomputed": recomputed(i), "status": i.status, "status_word": STATUS_WORDS[i.status],
                      "source": source_word(i)})
        svg = drawn.svg(i) if i.row is not None else None
        if svg is not None:
            curves.append({"row": i.row, "name": i.name, "svg": svg})
    claimed = num(t.claimed_total) if t.claimed_total is not None else f"{fmt(t.claimed_sum)}（未印总分，按各项之和）"
    return {"number": t.number, "name": t.name, "kind": KIND_WORDS.get(t.kind, t.kind), "claimed": claimed,
            "claimed_grade": t.claimed_grade, "recomputed": total_text(t), "grades": grades_text(t),
            "errors": t.errors, "warnings": t.warnings, "over": fmt(t.points_over), "under": fmt(t.points_under),
            "grade_impact": t.grade_impact, "rows": items, "curves": curves,
            "findings": [_finding(f) for f in findings], "verdict": t.verdict}


def render_report_html(result: ReportResult, back: str | None = None) -> str:
    return "".join(_report_chunks(result, back))


def _report_chunks(result: ReportResult, back: str | None) -> Iterator[str]:
    """The report page, piece by piece as jinja renders it; each table's rows and curves are
    made when the template reaches the table (a 100k-indicator page is never held at once)."""
    from engine.output.curve import Curves

    index = FindingIndex.of(result)
    drawn = Curves(_partial(result))  # each distinct curve of the report drawn once
    codes = Counter((f.code, f.kind) for f in result.findings)
    points = result.points()
    chunks: Iterator[str] = _environment().get_template("report.html.j2").generate(
        r=result, counts=result.counts(), back=back,
        points={"over": fmt(points["points_over"]), "under": fmt(points["points_under"])},
        codes=[(code, kind, n) for (code, kind), n in sorted(codes.items())],
        tables=(_table(t, index.of_table(t), drawn) for t in result.tables),
        basic=[_finding(f) for f in index.outside_tables()])
    return chunks


def write_report_html(result: ReportResult, target: Path, source: Path, in_batch: bool) -> None:
    with target.open("w", encoding="utf-8", errors="backslashreplace") as out:
        for chunk in _report_chunks(result, "index.html" if in_batch else None):
            out.write(chunk)


def render_index(outcomes: list[Outcome], folder: Path) -> str:
    results = reviewed(outcomes)
    href = {o.result.file: os.path.relpath(o.written, folder) for o in results if o.written}
    rows = []
    for row in summary_rows([o.result for o in results]):
        grade = grade_cell(row)
        rows.append({"href": href.get(row.file, ""), "file": row.file, "unit": row.unit, "year": row.year,
                     "table": row.table, "name": row.name,
                     "claimed": fmt(row.claimed_total) + ("" if row.total_printed else "*"),
                     "recomputed": row.recomputed, "grade": grade, "errors": row.errors, "warnings": row.warnings,
                     "over": fmt(row.points_over), "under": fmt(row.points_under),
                     "unverifiable": fmt(row.unverifiable_points)})
    over = sum((o.result.points()["points_over"] for o in results), Decimal(0))
    under = sum((o.result.points()["points_under"] for o in results), Decimal(0))
    return str(_environment().get_template("index.html.j2").render(
        reports=results, broken=unreadable(outcomes), rows=rows, over=fmt(over), under=fmt(under)))


def write_index(outcomes: list[Outcome], folder: Path) -> str:
    path = folder / "index.html"
    path.write_text(render_index(outcomes, folder), encoding="utf-8", errors="backslashreplace")
    return str(path)
