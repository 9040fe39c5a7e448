"""`rescore check REPORT.json` (also plain `rescore REPORT.json`): rescore and list the discrepancies."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from engine.cli.common import EXIT_FINDINGS, EXIT_OK, load_or_exit, rescore_or_exit
from engine.output.summary import summary_lines


@click.command("check", hidden=True)
@click.argument("report", metavar="REPORT.json", type=click.Path(path_type=Path))
@click.option("--format", "fmt_", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="输出格式：终端文本、JSON（稳定格式，见 docs/output.md）或 Markdown（复核备忘录）。")
@click.option("--profile", "profile_name", help="评分办法：engine/profiles/data 中的名称（rescore profiles 列出）、auto（按表样特征自动选择并说明理由）、"
                   "all（各办法并列比较）或自备的 .toml 文件；默认取报告的 profile 字段或 mof2020。")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False, path_type=Path),
              help="规则集文件（TOML）：按表名和指标名替换或补充评分标准。")
@click.option("--colour/--no-colour", "--color/--no-color", default=None, help="着色；默认只在终端上着色。")
@click.option("--summary", is_flag=True, help="只打印各表概要，不重算。")
def check(report: Path, fmt_: str, profile_name: str | None, rules_file: Path | None, colour: bool | None,
          summary: bool) -> None:
    """重算 REPORT.json 的每一项得分、执行率、总分和等级，列出与评分标准不符之处（默认操作）。"""
    loaded = load_or_exit(report)
    if summary:
        click.echo("\n".join(summary_lines(loaded)))
        return
    if profile_name == "all":  # every applicable profile side by side (engine.cli.compare)
        from engine.cli.compare import run_compare

        sys.exit(run_compare(report, "json" if fmt_ == "json" else "text", rules_file=rules_file))
    result = rescore_or_exit(loaded, report, profile_name, rules_file)
    if fmt_ == "json":
        from engine.output.jsonout import render_json

        click.echo(render_json(result))
    elif fmt_ == "markdown":
        from engine.output.markdown import render_markdown

        click.echo(render_markdown(result))
    else:
        from engine.output.text import render_text

        if colour is None:
            colour = sys.stdout.isatty()
        click.echo("\n".join(summary_lines(loaded)) + "\n\n" + render_text(result, colour=colour))
    sys.exit(EXIT_FINDINGS if result.counts()["errors"] else EXIT_OK)
