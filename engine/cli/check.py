"""`rescore check PATH…` (also plain `rescore PATH…`): rescore reports and list the discrepancies.

Wiring only: the inputs are found and reviewed by `engine.cli.batch`, rendered by
`engine.output.batch` (and `engine.output.files` for the per-report HTML pages and workbooks),
the summary across reports written by `engine.output.summary_files`.

Exit status (docs/output.md): 2 when any input could not be read (or the command line was
wrong), else 1 when any error-level finding is left after --select/--ignore/--severity (0 with
--exit-zero), else 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from engine.cli.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, fail

FORMATS = ["text", "json", "jsonl", "markdown", "html", "xlsx"]


@click.command("check", hidden=True)
@click.argument("paths", metavar="PATH…", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt_", type=click.Choice(FORMATS), default="text", show_default=True,
              help="输出格式：终端文本、JSON（见 docs/output.md）、JSON Lines（每份报告一行）、Markdown（复核备忘录）、"
                   "HTML（每份报告一个网页，多份另有索引页）、xlsx（带批注的工作簿）。")
@click.option("-o", "--output", metavar="FILE|DIR", type=click.Path(path_type=Path),
              help="写入这个文件（多份报告的 html / xlsx：写入这个文件夹），而不是打印。")
@click.option("--summary-out", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path),
              help="把各表汇总（每表一行）写入 .xlsx 或 .csv 文件。")
@click.option("-j", "--jobs", metavar="N", type=click.IntRange(min=1), help="并行的进程数，默认等于 CPU 核数。")
@click.option("--select", metavar="CODES", help="只列这些代码的发现，逗号分隔；可写前缀，如 S,T001。")
@click.option("--ignore", metavar="CODES", help="不列这些代码的发现，如 I002,W002。")
@click.option("--severity", type=click.Choice(["error", "warning", "info"]), default="info", show_default=True,
              help="只列这一级及更严重的发现。")
@click.option("--statistics", is_flag=True, help="最后按代码统计发现的条数。")
@click.option("--exit-zero", is_flag=True, help="有错误也以 0 退出（无法读取的文件仍为 2）。")
@click.option("--profile", "profile_name", metavar="NAME",
              help="评分办法：engine/profiles/data 中的名称（rescore profiles 列出）、auto（按表样特征自动选择并说明理由）、"
                   "all（各办法并列比较）或自备的 .toml 文件；默认取报告的 profile 字段或 mof2020。")
@click.option("--rules", "rules_file", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path),
              help="规则集文件（TOML）：按表名和指标名替换或补充评分标准。")
@click.option("--colour/--no-colour", "--color/--no-color", default=None,
              help="着色；默认只在终端上着色，设置了 NO_COLOR 时不着色。")
@click.option("--summary", is_flag=True, help="只打印各表概要，不重算。")
@click.option("--no-cache", is_flag=True,
              help="不用也不写评分标准的读取缓存（默认缓存在 $XDG_CACHE_HOME/rescore；设 RESCORE_NO_CACHE=1 同）。")
def check(paths: tuple[Path, ...], fmt_: str, output: Path | None, summary_out: Path | None, jobs: int | None,
          select: str | None, ignore: str | None, severity: str, statistics: bool, exit_zero: bool,
          profile_name: str | None, rules_file: Path | None, colour: bool | None, summary: bool,
          no_cache: bool) -> None:
    """重算报告（文件或文件夹，可多个）的每一项得分、执行率、总分和等级，列出与评分标准不符之处。

    \b
    PATH 可以是 report.json、导入器能读的表格文件（.xlsx .csv .docx .txt .pdf），或文件夹（递归查找）。
    先给出概览（错误按分数、等级变化、各代码条数、各表汇总），再逐表列出详情。
    退出码：2 有文件无法读取（其余照常复核）；否则 1 有错误级发现；否则 0。
    例：rescore 报告/ --summary-out 汇总.xlsx
        rescore a.json b.json --format html -o 复核/
    """
    if no_cache:
        from engine.language import store

        store.use(None)
    if summary or profile_name == "all":  # not rescored / every applicable profile side by side
        from engine.cli.each import run_comparisons, run_summaries

        sys.exit(run_summaries(paths) if summary else run_comparisons(paths, fmt_, rules_file))
    from engine.cli.run import run_check

    status = run_check(paths, fmt_, output, summary_out, jobs, (select, ignore, severity), statistics,
                       profile_name, rules_file, colour)
    if status == EXIT_FINDINGS and exit_zero:
        status = EXIT_OK
    sys.exit(status)


__all__ = ["EXIT_ERROR", "FORMATS", "check", "fail"]
