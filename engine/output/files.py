"""The per-report files of `rescore check --format html|xlsx -o …`: which writer makes each.

`write_report_file(kind, result, target, source)` writes one report's file and returns its path
and the notes the writer has for the reviewer (an annotation of the reviewer's own workbook
that has no cell there); `source` is the input file (an input workbook is copied and annotated). The writers import their
heavy libraries (jinja2, openpyxl) themselves, so importing this module is cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from engine.review.result import ReportResult

# result, target, source, in a batch → the notes for the reviewer (None: none)
Writer = Callable[[ReportResult, Path, Path, bool], "list[str] | None"]


def _writers() -> dict[str, Writer]:
    from engine.output.html import write_report_html
    from engine.output.xlsx import write_report_xlsx

    return {"html": write_report_html, "xlsx": write_report_xlsx}


def write_report_file(kind: str, result: ReportResult, target: Path, source: Path,
                      in_batch: bool) -> tuple[str, tuple[str, ...]]:
    writers = _writers()
    if kind not in writers:
        raise ValueError(f"no per-report writer for {kind!r}")
    target.parent.mkdir(parents=True, exist_ok=True)
    notes = writers[kind](result, target, source, in_batch)
    return str(target), tuple(notes or ())
