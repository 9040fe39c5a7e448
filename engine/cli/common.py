"""What the sub-commands share: exit codes, the one way to open a report (`open_report`, which
never exits) and the suffixes it accepts, loading or exiting 2, rescoring with the chosen
profile and rule set, and the Chinese failure message.

Every report load goes through `open_report(path)`: `.json` is read here; every other suffix of
`SUFFIXES` is handed to `engine.importers.open_report` (openpyxl, python-docx and pdfplumber are
imported only there).
"""

from __future__ import annotations

import os

import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from engine.importers import SUFFIXES as IMPORT_SUFFIXES
from engine.report.loading import Problem, ReportError, load_report

if TYPE_CHECKING:
    from engine.report.model import Report
    from engine.review.result import ReportResult
    from engine.rulesets import RuleSet

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


# Every format a report may come in: the JSON transcription, and what the importers read.
SUFFIXES = (".json",) + IMPORT_SUFFIXES


def open_report(path: Path) -> Report:
    """Read one report of any accepted format; raise `ReportError` (never exit) when it cannot be used."""
    suffix = path.suffix.lower()
    if suffix == ".json" or not os.path.isfile(path):
        return load_report(path)  # its problems name a directory, a missing file, a FIFO or a device
    if suffix not in SUFFIXES:
        raise ReportError(str(path), [Problem("文件", f"不支持的格式「{path.suffix or '（无后缀）'}」：可读 "
                                                 + "、".join(SUFFIXES))])
    from engine import importers

    return importers.open_report(path)


def load_or_exit(path: Path) -> Report:
    """The report at `path` or exit 2: a .json as it is, an xlsx / csv / docx / pdf / txt form
    imported on the fly (`engine.importers.open_report`)."""
    try:
        return open_report(path)
    except ReportError as error:
        fail(error.format())


def rescore_or_exit(loaded: Report, path: Path, profile_name: str | None, rules_file: Path | None) -> ReportResult:
    from engine.review.pipeline import rescore
    from engine.profiles import ProfileError
    from engine.profiles.choice import resolve

    try:
        choice = resolve(profile_name, loaded)  # a name, a .toml path, or auto (the reason is printed)
    except ProfileError as error:
        fail(str(error))
    if choice.auto:
        say(choice.text(), err=True)
    return rescore(loaded, choice.profile, ruleset_or_exit(rules_file), file=str(path))


def ruleset_or_exit(rules_file: Path | None) -> RuleSet | None:
    """The reviewer's rule set (`--rules FILE`), or None; exit 2 with every problem it has."""
    if rules_file is None:
        return None
    from engine.rulesets import RuleSetError, load_ruleset

    try:
        return load_ruleset(rules_file)
    except RuleSetError as error:
        fail(str(error))


def say(message: str = "", *, err: bool = False, nl: bool = True, colour: bool = False) -> None:
    """Print `message` with the control and escape characters of the data shown escaped
    (engine.text.terminal); with `colour`, rescore's own colour codes are kept, even in a pipe."""
    from engine.text.terminal import terminal_safe

    click.echo(terminal_safe(message, keep_colour=colour), err=err, nl=nl, color=True if colour else None)


def fail(message: str) -> NoReturn:
    say(message, err=True)
    sys.exit(EXIT_ERROR)


def parse_weight(text: str) -> Decimal:
    """The value of a --weight option, exact; exit 2 with a Chinese message when it is not a
    non-negative number (shared by `rescore rule` and `rescore lint`)."""
    from engine.report.limits import MAX_POINTS, magnitude_problem, places_problem
    from engine.text.digits import plain_digits, describe, foreign_digits, shown

    if not plain_digits(text):  # Decimal("٣") is 3: never read silently
        fail(f"--weight「{shown(text)}」不是数字：{describe(foreign_digits(text, marks=False))}")
    try:
        if "_" in text:  # Decimal("1_0") is 10
            raise InvalidOperation
        exact = Decimal(text.strip())
    except InvalidOperation:
        fail(f"--weight「{shown(text)}」不是数字")
    if not exact.is_finite() or exact < 0:
        fail(f"--weight「{shown(text)}」应为非负数字")
    problem = magnitude_problem(exact, MAX_POINTS) or places_problem(exact)  # read off the exponent: 1e999999 is not expanded
    if problem is not None:
        fail(f"--weight「{shown(text, 40)}」：{problem}")
    return exact
