"""`rescore check PATH… --summary` and `rescore check PATH… --profile all`: over many inputs.

The inputs are found as for a plain check (`engine.cli.batch.discover`: files and folders,
recursively), read one after another in this process, and a file that cannot be read is
listed on stderr with its reasons while the others are still shown. Exit status as for a batch
(docs/output.md): 2 when any input could not be read (or, for --profile all, has no profile for
its year), else 0 (neither a summary nor a comparison is a verdict). One input shows exactly
what it always showed; several are each headed by their file, and a JSON comparison of several
is one array (an input that could not be read is an object with `unreadable`, as in
`rescore check --format json`). Wiring only: the summary is `engine.output.summary`, the
comparison `engine.review.compare`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from engine.cli.batch import Input, discover, unreadable_of
from engine.cli.common import EXIT_ERROR, EXIT_OK, open_report, ruleset_or_exit, say
from engine.output.outcomes import Unreadable
from engine.report.loading import ReportError

if TYPE_CHECKING:
    from engine.report.model import Report

Shown = Callable[[Path, "Report"], "str | dict[str, object] | Unreadable"]


def opened(inputs: list[Input]) -> Iterator[tuple[Path, Report] | Unreadable]:
    """Each input in order, read when its turn comes: its report, or why it cannot be read."""
    for item in inputs:
        if isinstance(item, Unreadable):
            yield item
            continue
        try:
            yield item, open_report(item)
        except ReportError as error:
            yield unreadable_of(item, error)


def _run(paths: tuple[Path, ...], show: Shown, *, as_json: bool = False, headed: bool = True) -> int:
    """Show each input in order (`headed`: under a line naming its file when there are several);
    what cannot be read or shown goes to stderr and the rest are still shown."""
    inputs = discover(paths)
    many = len(inputs) > 1
    broken, printed, objects = 0, False, []
    for item in opened(inputs):
        shown = item if isinstance(item, Unreadable) else show(*item)
        if isinstance(shown, Unreadable):
            broken += 1
            say(shown.format() if shown is item else f"{shown.file}: {shown.reason}", err=True)
            objects.append(shown.to_dict())
        elif isinstance(shown, dict):
            objects.append(shown)
        else:
            heading = f"文件：{shown_file(item)}\n" if many and headed else ""
            say(("\n" if printed else "") + heading + shown)
            printed = True
    if as_json and objects:
        from engine.output.jsonout import dumps

        say(dumps(objects if many else objects[0], indent=2))
    if many and broken:
        say(f"{len(inputs)} 份输入中 {broken} 份无法读取（见上），其余照常列出。", err=True)
    return EXIT_ERROR if broken else EXIT_OK


def shown_file(item: tuple[Path, Report] | Unreadable) -> str:
    return item.file if isinstance(item, Unreadable) else str(item[0])


def run_summaries(paths: tuple[Path, ...]) -> int:
    """`--summary`: unit, year and one row per table of each input, not rescored."""
    from engine.output.summary import summary_lines

    return _run(paths, lambda path, report: "\n".join(summary_lines(report)))


def run_comparisons(paths: tuple[Path, ...], fmt_: str, rules_file: Path | None) -> int:
    """`--profile all`: each input's tables under every profile that applies to its year."""
    from engine.cli.compare import applicable
    from engine.review.compare import compare as compare_under, render_text

    ruleset = ruleset_or_exit(rules_file)  # once, before any report: a bad rule set stops the run
    as_json = fmt_ == "json"

    def show(path: Path, report: Report) -> str | dict[str, object] | Unreadable:
        profiles = applicable(report.year)
        if not profiles:
            return Unreadable(str(path), (f"评分办法: 没有适用于 {report.year} 年的评分办法",))
        comparison = compare_under(report, profiles, file=str(path), ruleset=ruleset)
        return comparison.to_dict() if as_json else render_text(comparison)

    return _run(paths, show, as_json=as_json, headed=False)  # a comparison names its file
