"""`rescore export REPORT --format xlsx -o form.xlsx`: the report in the national template's layout."""

from __future__ import annotations

from pathlib import Path

import click

from engine.cli.common import fail, load_or_exit, say


@click.command("export")
@click.argument("report", metavar="REPORT", type=click.Path(path_type=Path))
@click.option("--format", "fmt_", type=click.Choice(["xlsx"]), default="xlsx", show_default=True,
              help="输出格式：国家模板版式的 Excel 工作簿（每张表一个工作表）。")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, path_type=Path), help="写入的文件。")
def export(report: Path, fmt_: str, output: Path) -> None:
    """把报告写成国家模板版式的 Excel：预算执行块、绩效指标块和总分，每张表一个工作表。"""
    from engine.exporters.xlsx import export_xlsx

    loaded = load_or_exit(report)
    try:
        export_xlsx(loaded, output)
    except OSError as error:
        fail(f"{output}: 无法写入：{error.strerror or error}")
    say(f"已写入 {output}（{len(loaded.tables)} 张表）", err=True)
