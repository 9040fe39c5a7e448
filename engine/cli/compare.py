"""`rescore compare REPORT.json` (and `rescore check REPORT.json --profile all`): each table's
total and grade under every applicable profile, side by side (wiring only; the comparison is
`engine.review.compare`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from engine.cli.common import EXIT_OK, fail, load_or_exit, ruleset_or_exit, say

if TYPE_CHECKING:
    from engine.profiles import Profile


def applicable(year: int | None, names: str | None = None) -> list[Profile]:
    """The profiles named (comma-separated), else every shipped profile whose years cover `year`."""
    from engine.profiles import DEFAULT_PROFILE, ProfileError, load_all, load_profile

    try:
        if names:
            return [load_profile(n.strip()) for n in names.split(",") if n.strip()]
        found = [p for p in load_all() if p.applies_to(year)]
        return sorted(found, key=lambda p: (p.name != DEFAULT_PROFILE, p.name))  # the national method first
    except ProfileError as error:
        fail(str(error))


def run_compare(report: Path, fmt_: str, names: str | None = None, rules_file: Path | None = None) -> int:
    """Print the comparison of `report`; the exit status (0: a comparison is not a verdict)."""
    from engine.review.compare import compare as compare_under, render_text

    loaded = load_or_exit(report)
    profiles = applicable(loaded.year, names)
    if not profiles:
        fail(f"{report}: 没有适用于 {loaded.year} 年的评分办法")
    comparison = compare_under(loaded, profiles, file=str(report), ruleset=ruleset_or_exit(rules_file))
    if fmt_ == "json":
        from engine.output.jsonout import dumps

        say(dumps(comparison.to_dict(), indent=2))
    else:
        say(render_text(comparison))
    return EXIT_OK


@click.command("compare")
@click.argument("report", metavar="REPORT.json", type=click.Path(path_type=Path))
@click.option("--profiles", "names", help="只比较这些评分办法，逗号分隔，如 mof2020,hubei；默认为适用于报告年度的全部。")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False, path_type=Path),
              help="规则集文件（TOML）：按表名和指标名替换或补充评分标准（各办法下同样使用）。")
@click.option("--format", "fmt_", type=click.Choice(["text", "json"]), default="text", show_default=True)
def compare(report: Path, names: str | None, rules_file: Path | None, fmt_: str) -> None:
    """每张表在各评分办法下的重算总分与等级并列，看自评总分在哪种办法下成立。

    \b
    同 `rescore check REPORT.json --profile all`。退出码：0；2 输入无法读取。
    """
    sys.exit(run_compare(report, fmt_, names, rules_file))
