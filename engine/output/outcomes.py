"""What one input of `rescore check` came to: a reviewed report, or a file that could not be read.

`Reviewed` holds the `ReportResult` (every output renders it) and the file written for it, if any
(an HTML page, an annotated workbook); `Unreadable` holds the reason in Chinese, one line per
problem. A batch is a list of these in the order the inputs were given (folders expanded in
sorted order), whatever the number of jobs. Nothing here reads, scores or renders.
"""

from __future__ import annotations


from engine.lazy_dataclass import dataclass
from engine.review.result import ReportResult


@dataclass(frozen=True)
class Reviewed:
    file: str
    result: ReportResult
    written: str | None = None  # the per-report file written (--format html / xlsx)
    line: bytes | None = None  # the JSON Lines object (UTF-8), when the worker rendered it (--format jsonl)
    profile_note: str | None = None  # --profile auto: which method was chosen, and why
    notes: tuple[str, ...] = ()  # what the per-report file could not show where it belongs (stderr)


@dataclass(frozen=True)
class Unreadable:
    file: str
    problems: tuple[str, ...]  # each problem: "place: what is wrong", Chinese

    @property
    def reason(self) -> str:
        return "；".join(self.problems)

    def format(self) -> str:
        """As `rescore` says it for one input: the file, the count, one line per problem."""
        return "\n".join([f"{self.file}: 报告无法读取（{len(self.problems)} 个问题）"]
                         + [f"  - {p}" for p in self.problems])

    def to_dict(self) -> dict[str, object]:
        """The JSON Lines object of an input that could not be read (docs/output.md)."""
        return {"schema_version": 1, "report": {"file": self.file}, "unreadable": list(self.problems)}


Outcome = Reviewed | Unreadable


def reviewed(outcomes: list[Outcome]) -> list[Reviewed]:
    return [o for o in outcomes if isinstance(o, Reviewed)]


def unreadable(outcomes: list[Outcome]) -> list[Unreadable]:
    return [o for o in outcomes if isinstance(o, Unreadable)]
