"""`rescore explain REPORT.json TABLE INDICATOR`: the whole computation of one item."""

from __future__ import annotations

import difflib
from pathlib import Path

import click

from engine.cli.common import fail, load_or_exit, rescore_or_exit


@click.command("explain")
@click.argument("report", metavar="REPORT.json", type=click.Path(path_type=Path))
@click.argument("table")
@click.argument("indicator")
@click.option("--profile", "profile_name", help="评分办法，默认取报告的 profile 字段或 mof2020。")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False, path_type=Path), help="规则集文件（TOML）。")
def explain(report: Path, table: str, indicator: str, profile_name: str | None, rules_file: Path | None) -> None:
    """打印一项的完整计算过程。TABLE 是表名或表号，INDICATOR 是指标名（三级指标）或“预算执行率”。"""
    loaded = load_or_exit(report)
    result = rescore_or_exit(loaded, report, profile_name, rules_file)
    from engine.output import report as render

    tables = [t for t in result.tables if t.name == table or str(t.number) == table]
    if not tables:
        names = "、".join(f"{t.number} {t.name}" for t in result.tables)
        fail(f"没有表「{table}」。可用的表：{names}")
    t = tables[0]
    items = [i for i in t.items if i.name == indicator] or [i for i in t.items if indicator in i.name]
    if not items:
        close = difflib.get_close_matches(indicator, [i.name for i in t.items], n=3, cutoff=0.3)
        hint = f"是不是「{'」「'.join(close)}」？" if close else ""
        fail(f"表「{t.name}」中没有指标「{indicator}」。{hint}")
    click.echo("\n\n".join(render.render_item(result, t, item) for item in items))
