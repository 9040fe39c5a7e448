"""Many inputs in one process: find the report files, review them across cores, keep going on error.

`discover(paths, outputs)` expands folders recursively (every file whose suffix is in `SUFFIXES`,
hidden files and folders and Office lock files `~$…` skipped, in sorted order) and keeps files
named on the command line whatever their suffix; a folder with no report in it is itself listed
as unreadable. What the command itself writes (`outputs`: the -o file or folder, the
--summary-out file) is never found in a folder, so a second run does not read the first run's
output back as a report. `review_all(inputs, job, jobs)` reviews them with a `ProcessPoolExecutor` of
`jobs` workers (in this process for one input or `jobs` 1) and returns the outcomes in the
inputs' order, whatever finished first; a progress bar (rich) goes to stderr when it is a
terminal. Each worker loads, rescores, applies the selection and writes the per-report file
(HTML page, annotated workbook) itself. Wiring only: the review is `engine.review.pipeline`.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from engine.cli.common import SUFFIXES, open_report
from engine.lazy_dataclass import dataclass
from engine.output.outcomes import Outcome, Reviewed, Unreadable
from engine.report.loading import ReportError
from engine.review.context import ParseCache
from engine.review.selection import Selection

if TYPE_CHECKING:  # the pool is imported only for a batch, a rule set only when given
    from concurrent.futures import Future

    from engine.rulesets import RuleSet

Input = Path | Unreadable  # a file to review, or what discovery already knows is unreadable


@dataclass(frozen=True)
class Job:
    """What every input is reviewed with."""

    profile: str | None
    rules: Path | None
    selection: Selection
    render: str | None = None  # "html" or "xlsx": write a per-report file
    in_batch: bool = False  # several inputs: the pages link back to the index
    jsonl: bool = False  # render each report's JSON Lines object in the worker (in parallel); not in this process


def _hidden(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return any(p.startswith(".") for p in parts) or path.name.startswith("~$")


def _written_by_us(path: Path, outputs: list[Path]) -> bool:
    """`path` is one of the command's outputs or lies in an output folder."""
    where = path.resolve()
    return any(where == out or out in where.parents for out in outputs)


def discover(paths: Iterable[Path], outputs: Iterable[Path] = ()) -> list[Input]:
    found: list[Input] = []
    seen: set[Path] = set()
    written = [Path(os.path.abspath(out)).resolve() for out in outputs]

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for path in paths:
        if os.path.isdir(path):  # never raises (a name too long for the system is no folder)
            files = sorted((p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                            and not _hidden(p, path) and not _written_by_us(p, written)), key=lambda p: str(p))
            if not files:
                found.append(Unreadable(str(path), (f"文件夹中没有报告文件（{'、'.join(SUFFIXES)}）",)))
            for file in files:
                add(file)
        else:
            add(path)
    return found


def unreadable_of(path: Path, error: ReportError) -> Unreadable:
    """A file that could not be read, with one line per problem."""
    return Unreadable(str(path), tuple(f"{p.location}: {p.message}" for p in error.problems))


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# ---------------------------------------------------------------- one input (in a worker)

_CACHE: list[ParseCache] = []
_RULESETS: dict[Path, RuleSet] = {}


def _ruleset(path: Path) -> RuleSet:
    """The rule set, read once per process (it was checked before the batch started)."""
    if path not in _RULESETS:
        from engine.rulesets import load_ruleset

        _RULESETS[path] = load_ruleset(path)
    return _RULESETS[path]


def _parse_cache() -> ParseCache:
    """One rule parse cache per process, shared by the reports it reviews (rules repeat across units)."""
    if not _CACHE:
        _CACHE.append(ParseCache())
    return _CACHE[0]


def review_one(path: Path, job: Job, target: str | None) -> Outcome:
    """Load, rescore, select and (when asked) write the per-report file; never raises for a bad input."""
    try:
        report = open_report(path)
    except ReportError as error:
        return unreadable_of(path, error)
    from engine.profiles import ProfileError
    from engine.profiles.choice import resolve
    from engine.review.pipeline import rescore

    try:
        choice = resolve(job.profile, report)  # a name, a .toml path, or auto (with its reasons)
    except ProfileError as error:
        return Unreadable(str(path), (f"评分办法: {error}",))
    profile = choice.profile
    ruleset = _ruleset(job.rules) if job.rules is not None else None
    result = job.selection.apply(rescore(report, profile, ruleset, file=str(path), parse=_parse_cache()))
    written: str | None = None
    notes: tuple[str, ...] = ()
    if job.render is not None and target is not None:
        from engine.output.files import write_report_file

        written, notes = write_report_file(job.render, result, Path(target), path, job.in_batch)
    line = None
    if job.jsonl:
        from engine.output.jsonout import dumps_line_bytes

        line = dumps_line_bytes(result.to_dict())
        result.forget_traces()
    return Reviewed(str(path), result, written, line, choice.text() if choice.auto else None, notes)


def _review_input(item: Input, job: Job, target: str | None) -> Outcome:
    return item if isinstance(item, Unreadable) else review_one(item, job, target)


# ---------------------------------------------------------------- many inputs

def _warm(job: Job) -> None:
    """Import what every worker needs and build the rule parser once, in this process."""
    from engine.language.parser import parse_rule
    from engine.profiles import load_profile
    from engine.review import pipeline  # noqa: F401

    parse_rule("满意度90%以上记10分，每下降1%扣0.5分")
    if job.profile is not None and job.profile != "auto" and not job.profile.endswith(".toml"):
        load_profile(job.profile)
    if job.render is not None:
        from engine.output import files  # noqa: F401


class _InOrder:
    """Hands each outcome to `emit` in the inputs' order as soon as all before it are in, and
    keeps what `emit` returns (a streamed JSON line need not stay in memory)."""

    def __init__(self, outcomes: list[Outcome | None], emit: Callable[[Outcome], Outcome] | None) -> None:
        self.outcomes, self.emit, self.next = outcomes, emit, 0

    def put(self, index: int, outcome: Outcome) -> None:
        self.outcomes[index] = outcome
        while self.next < len(self.outcomes):
            current = self.outcomes[self.next]
            if current is None:
                break
            if self.emit is not None:
                self.outcomes[self.next] = self.emit(current)
            self.next += 1


def review_all(inputs: list[Input], job: Job, jobs: int, targets: list[str | None],
               emit: Callable[[Outcome], Outcome] | None = None) -> list[Outcome]:
    """Every input's outcome, in the inputs' order; `emit` (if given) sees each one in that order
    as soon as it can, and what it returns is kept."""
    todo = [i for i, item in enumerate(inputs) if isinstance(item, Path)]
    order = _InOrder([None] * len(inputs), emit)
    for i, item in enumerate(inputs):
        if isinstance(item, Unreadable):
            order.put(i, item)
    with _progress(len(todo)) as advance:
        if jobs <= 1 or len(todo) <= 1:
            here = dataclasses.replace(job, jsonl=False)  # `emit` writes the line in pieces as it is made
            for i in todo:
                order.put(i, _review_input(inputs[i], here, targets[i]))
                advance()
        else:
            from concurrent.futures import ProcessPoolExecutor

            _warm(job)  # workers forked after this inherit the imports and the built parser
            with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
                futures: dict[Future[Outcome], int] = {
                    pool.submit(_review_input, inputs[i], job, targets[i]): i for i in todo}
                for future in _as_completed(futures):
                    order.put(futures[future], _result_or_crash(future, inputs[futures[future]]))
                    advance()
    return [o for o in order.outcomes if o is not None]


def _as_completed(futures: dict[Future[Outcome], int]) -> Iterable[Future[Outcome]]:
    from concurrent.futures import as_completed

    return as_completed(futures)


def _result_or_crash(future: Future[Outcome], item: Input) -> Outcome:
    """A worker that died (out of memory, a bug) costs one input, listed with the reason."""
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - one input must not stop the batch
        return Unreadable(str(item) if isinstance(item, Path) else item.file, (f"复核时出错: {error!r}",))


class _progress:
    """A rich progress bar on stderr when it is a terminal and there is more than one input;
    else a no-op. Used as `with _progress(n) as advance: advance()`."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: object | None = None

    def __enter__(self) -> Callable[[], None]:
        if self.total < 2 or not sys.stderr.isatty():
            return lambda: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        bar = Progress(TextColumn("复核"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                       console=Console(stderr=True), transient=True)
        bar.start()
        task = bar.add_task("复核", total=self.total)
        self.bar = bar
        return lambda: bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()  # type: ignore[attr-defined]
