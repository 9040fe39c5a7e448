"""The steps of `rescore check`, in order: check the options, find the inputs, review them,
write what was asked, and say which exit status it comes to. Wiring only.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from collections.abc import Callable
from typing import Literal

import click

from engine.cli.batch import Input, Job, default_jobs, discover, review_all
from engine.cli.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, fail, ruleset_or_exit, say
from engine.output.outcomes import Outcome, Reviewed, Unreadable, reviewed
from engine.cli.safe_write import is_stdout, refuse_unsafe, write_stdout_utf8, write_text, write_utf8

PER_REPORT = {"html": ".html", "xlsx": ".xlsx"}
Severity = Literal["error", "warning", "info"]


def _job(fmt_: str, filters: tuple[str | None, str | None, str], profile: str | None, rules: Path | None) -> Job:
    from engine.review.selection import Selection, SelectionError

    select, ignore, severity = filters
    try:
        selection = Selection.parse(select, ignore, severity)  # type: ignore[arg-type]
    except SelectionError as error:
        raise click.UsageError(str(error)) from None
    if profile is not None and profile != "auto":
        from engine.profiles import ProfileError, load_profile, load_profile_file

        try:
            load_profile_file(profile) if profile.endswith(".toml") else load_profile(profile)
        except ProfileError as error:
            fail(str(error))
    ruleset_or_exit(rules)  # read once here so that a bad rule set stops the run before any report
    return Job(profile, rules, selection, PER_REPORT.get(fmt_) and fmt_)


def _targets(inputs: list[Input], fmt_: str, output: Path | None) -> list[str | None]:
    """Where each input's per-report file goes: -o itself for one input, else DIR/<stem><suffix>."""
    suffix = PER_REPORT.get(fmt_)
    if suffix is None:
        return [None] * len(inputs)
    if output is None:
        raise click.UsageError(f"--format {fmt_} 须用 -o 给出输出文件（多份报告：文件夹）。")
    if len(inputs) == 1 and output.suffix.lower() == suffix:
        return [str(output)]
    if output.suffix.lower() == suffix:
        raise click.UsageError(f"有 {len(inputs)} 份输入：-o 应为文件夹，每份报告写一个 {suffix} 文件。")
    output.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    targets: list[str | None] = []
    for item in inputs:
        stem = Path(item.file if isinstance(item, Unreadable) else item).stem
        name, n = stem, 1
        while name in used or name == "index":
            n += 1
            name = f"{stem}-{n}"
        used.add(name)
        targets.append(str(output / f"{name}{suffix}"))
    return targets


def _inputs(paths: tuple[Path, ...], fmt_: str, output: Path | None,
            summary_out: Path | None) -> tuple[list[Input], list[str | None]]:
    """The inputs (what this command writes is never one) and where each one's file goes."""
    if summary_out is not None and summary_out.suffix.lower() not in (".csv", ".xlsx"):
        raise click.UsageError("--summary-out 应为 .xlsx 或 .csv 文件。")
    outputs = [o for o in (output, summary_out) if o is not None and not is_stdout(o)]
    inputs = discover(paths, outputs)
    targets = _targets(inputs, fmt_, output)
    _refuse_overwriting(inputs, targets, summary_out)
    return inputs, targets


def _refuse_overwriting(inputs: list[Input], targets: list[str | None], summary_out: Path | None) -> None:
    """Exit 2 before any review when a per-report file or the summary would be written over an
    input named on the command line (or through a symbolic link); -o FILE is checked when written."""
    files = [item for item in inputs if isinstance(item, Path)]
    for target in [*(Path(t) for t in targets if t is not None), *([summary_out] if summary_out else [])]:
        refuse_unsafe(target, files)


def _colour(colour: bool | None, to_file: bool) -> bool:
    if colour is not None:
        return colour
    return not to_file and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def render(outcomes: list[Outcome], fmt_: str, colour: bool, width: int | None, statistics: bool) -> str | None:
    from engine.output import batch

    if fmt_ == "json":
        return batch.render_check_json(outcomes)
    if fmt_ == "jsonl":
        return batch.render_check_jsonl(outcomes)
    if fmt_ == "markdown":
        return batch.render_check_markdown(outcomes)
    if fmt_ == "text":
        return batch.render_check_text(outcomes, colour, width, statistics)
    return None


def _written(outcomes: list[Outcome], fmt_: str, output: Path | None, many: bool) -> str:
    """For html / xlsx: the index page of a batch, and one line per file written."""
    lines = [f"已写入 {o.written}" for o in outcomes if isinstance(o, Reviewed) and o.written]
    if fmt_ == "html" and many and output is not None:
        from engine.output.html import write_index

        lines.append(f"已写入索引页 {write_index(outcomes, output)}")
    lines += [f"无法读取 {o.file}：{o.reason}" for o in outcomes if isinstance(o, Unreadable)]
    return "\n".join(lines)


def status_of(outcomes: list[Outcome]) -> int:
    if any(isinstance(o, Unreadable) for o in outcomes):
        return EXIT_ERROR
    if any(o.result.counts()["errors"] for o in outcomes if isinstance(o, Reviewed)):
        return EXIT_FINDINGS
    return EXIT_OK


def _streamed(output: Path | None) -> tuple[Callable[[Outcome], Outcome], Callable[[], None]]:
    """For --format jsonl: write each report's line as soon as it is its turn, and forget it."""
    from engine.output.batch import jsonl_pieces

    from engine.text.terminal import terminal_safe_utf8

    if output is not None and is_stdout(output):
        output = None
    stream = output.open("wb") if output is not None else None

    def emit(outcome: Outcome) -> Outcome:
        line = (terminal_safe_utf8(piece) for piece in jsonl_pieces(outcome))  # JSON escapes C0; C1 and bidi here
        if stream is not None:
            for piece in line:
                stream.write(piece)
            stream.write(b"\n")
        else:
            write_stdout_utf8(line, b"\n")
        if not isinstance(outcome, Reviewed):
            return outcome
        outcome.result.forget_traces()
        return dataclasses.replace(outcome, line=None)

    return emit, (stream.close if stream is not None else (lambda: None))


def run_check(paths: tuple[Path, ...], fmt_: str, output: Path | None, summary_out: Path | None, jobs: int | None,
              filters: tuple[str | None, str | None, str], statistics: bool, profile: str | None,
              rules: Path | None, colour: bool | None) -> int:
    job = _job(fmt_, filters, profile, rules)
    inputs, targets = _inputs(paths, fmt_, output, summary_out)
    job = dataclasses.replace(job, in_batch=len(inputs) > 1, jsonl=fmt_ == "jsonl")
    if fmt_ == "jsonl":
        emit, close = _streamed(output)
        try:
            outcomes = review_all(inputs, job, jobs or default_jobs(), targets, emit)
        finally:
            close()
    else:
        outcomes = review_all(inputs, job, jobs or default_jobs(), targets)
        if len(outcomes) == 1 and isinstance(outcomes[0], Unreadable):
            say(outcomes[0].format(), err=True)  # one input: no overview, only what is wrong
            return EXIT_ERROR
        for outcome in outcomes:
            if isinstance(outcome, Reviewed) and outcome.profile_note:
                say(f"{outcome.file}: {outcome.profile_note}" if len(inputs) > 1 else outcome.profile_note,
                           err=True)
        _show(outcomes, fmt_, output, colour, statistics, len(inputs) > 1)
    if summary_out is not None:
        from engine.output.outcomes import reviewed, unreadable
        from engine.output.summary import summary_rows
        from engine.output.summary_files import write_summary

        write_summary(summary_out, summary_rows([o.result for o in reviewed(outcomes)]), unreadable(outcomes))
    return status_of(outcomes)


def _show(outcomes: list[Outcome], fmt_: str, output: Path | None, colour: bool | None, statistics: bool,
          many: bool) -> None:
    from engine.output.wrap import terminal_width

    to_file = output is not None and not is_stdout(output)
    coloured = _colour(colour, to_file)
    if fmt_ == "json":  # bytes, written as they are made: a large report's JSON is never whole in memory
        from engine.output.batch import render_check_json_pieces

        write_utf8(output or Path("-"), render_check_json_pieces(outcomes), _input_files(outcomes), end=b"\n")
        return
    text = render(outcomes, fmt_, coloured, terminal_width(not to_file and sys.stdout.isatty()), statistics)
    if text is None:
        for o in reviewed(outcomes):
            for note in o.notes:
                say(f"{o.written}: {note}", err=True)
        say(_written(outcomes, fmt_, output, many))
    elif output is not None and not is_stdout(output):
        write_text(output, text + "\n", _input_files(outcomes), colour=coloured)
    else:
        say(text, colour=coloured)


def _input_files(outcomes: list[Outcome]) -> list[Path]:
    return [Path(o.file) for o in outcomes if getattr(o, "file", None)]
