"""What the sub-commands share: exit codes, loading a report or exiting 2, rescoring with the
chosen profile and rule set, and the Chinese failure message."""

from __future__ import annotations

import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import NoReturn

import click

from engine.report.loading import ReportError, load_report
from engine.report.model import Report
from engine.review.result import ReportResult

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def load_or_exit(path: Path) -> Report:
    """The report at `path` or exit 2: a .json as it is, an xlsx / csv / docx / pdf / txt form
    imported on the fly (`engine.importers.open_report`)."""
    from engine.importers import SUFFIXES

    try:
        if path.suffix.lower() in SUFFIXES:
            from engine.importers import open_report

            return open_report(path)
        return load_report(path)
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
        click.echo(choice.text(), err=True)
    profile = choice.profile
    ruleset = None
    if rules_file is not None:
        from engine.rulesets import RuleSetError, load_ruleset

        try:
            ruleset = load_ruleset(rules_file)
        except RuleSetError as error:
            fail(str(error))
    return rescore(loaded, profile, ruleset, file=str(path))


def fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(EXIT_ERROR)


def parse_weight(text: str) -> Decimal:
    """The value of a --weight option, exact; exit 2 with a Chinese message when it is not a
    non-negative number (shared by `rescore rule` and `rescore lint`)."""
    try:
        exact = Decimal(text.strip())
    except InvalidOperation:
        fail(f"--weight「{text}」不是数字")
    if not exact.is_finite() or exact < 0:
        fail(f"--weight「{text}」应为非负数字")
    return exact
