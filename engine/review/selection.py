"""Which findings a reviewer asked to see: `--select` / `--ignore` codes and a lowest `--severity`.

`Selection.parse(select, ignore, severity)` reads the options in the habits of linters: codes
separated by commas, a prefix selects a group (`S` every score code, `N001` one code), `--ignore`
wins over `--select`. `Selection.apply(result)` gives a new `ReportResult` with only the chosen
findings, its counts, points and verdicts made again (`engine.review.pipeline.finish`), so every
output renders the selection from the one result object and the exit status follows it. The
items, totals and grades are not changed: a selection hides findings, it does not rescore.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from engine.errors import RescoreError
from engine.findings import CODES, BY_KIND, Finding, Severity
from engine.review.result import ReportResult

_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


class SelectionError(RescoreError, ValueError):
    """A code or prefix that names no finding code."""

    code = "X007"


def _codes(text: str | None, option: str) -> tuple[str, ...]:
    if not text:
        return ()
    parts = tuple(p.strip().upper() for p in text.replace("，", ",").split(",") if p.strip())
    for part in parts:
        if part in {c.kind.upper() for c in CODES.values()}:
            continue
        if not any(code.startswith(part) for code in CODES):
            raise SelectionError(f"{option}「{part}」不是发现代码或代码前缀（如 S001、S、N001）")
    return parts


def _hits(f: Finding, parts: tuple[str, ...]) -> bool:
    return any(f.code.startswith(p) or BY_KIND[f.kind].kind.upper() == p for p in parts)


@dataclass(frozen=True)
class Selection:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Severity = "info"

    @classmethod
    def parse(cls, select: str | None, ignore: str | None, severity: Severity = "info") -> Selection:
        return cls(_codes(select, "--select"), _codes(ignore, "--ignore"), severity)

    @property
    def everything(self) -> bool:
        return not self.select and not self.ignore and self.severity == "info"

    def keeps(self, f: Finding) -> bool:
        if self.select and not _hits(f, self.select):
            return False
        if self.ignore and _hits(f, self.ignore):
            return False
        return _RANK[f.level] >= _RANK[self.severity]

    def apply(self, result: ReportResult) -> ReportResult:
        if self.everything:
            return result
        from engine.review.pipeline import finish

        tables = [dataclasses.replace(t) for t in result.tables]
        chosen = dataclasses.replace(result, tables=tables, findings=[f for f in result.findings if self.keeps(f)])
        return finish(chosen)
