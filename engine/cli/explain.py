"""`rescore explain REPORT.json TABLE INDICATOR`: the whole computation of one item; `rescore
explain CODE`: what a finding code means and what the reviewer should do (wiring only).

TABLE is a table number or name, INDICATOR a row number or a name; the lookup is
`ReportResult.tables_matching` / `TableResult.items_matching`, the rendering
`engine.output.text.render_explain`. CODE is a code or kind (`engine.output.advice`).
"""

from __future__ import annotations

import difflib
from pathlib import Path

import click

from engine.cli.common import fail, load_or_exit, rescore_or_exit, say


@click.command("explain")
@click.argument("args", metavar="REPORT.json TABLE INDICATOR | CODE", nargs=-1, required=True)
@click.option("--profile", "profile_name", help="评分办法，默认取报告的 profile 字段或 mof2020。")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False, path_type=Path), help="规则集文件（TOML）。")
def explain(args: tuple[str, ...], profile_name: str | None, rules_file: Path | None) -> None:
    """打印一项的完整计算过程和它自己的发现；或一个发现代码的说明和复核建议。

    \b
    CODE       发现代码（如 S001）或其名称（如 score-mismatch），见 docs/findings.md。
    TABLE      表号（从 1 起，按报告中的顺序）或表名；同名的表都查找。
    INDICATOR  行号（从 1 起，即文本输出中该表的第几行，预算执行率是最后一行），
               或指标名（三级指标）、“预算执行率”。
    同名的指标有几行就逐行列出（先说明是哪几行），每行只列它自己的发现。
    例：rescore explain report.json 4 信访工作
        rescore explain report.json 4 2
        rescore explain S001
    """
    if len(args) == 1:
        _explain_code(args[0])
        return
    if len(args) != 3:
        raise click.UsageError("请给出 REPORT.json TABLE INDICATOR 三个参数，或一个发现代码 CODE。")
    report, table, indicator = Path(args[0]), args[1], args[2]
    loaded = load_or_exit(report)
    result = rescore_or_exit(loaded, report, profile_name, rules_file)
    from engine.output.text import render_explain

    tables = result.tables_matching(table)
    if not tables:
        names = "、".join(f"{t.number} {t.name}" for t in result.tables)
        fail(f"没有表「{table}」。可用的表：{names}")
    matches = [(t, item) for t in tables for item in t.items_matching(indicator)]
    if not matches:
        t = tables[0]
        if indicator.strip().isascii() and indicator.strip().isdigit():
            fail(f"表「{t.name}」没有第 {indicator.strip()} 行：行号应在 1–{len(t.items)} 之间。")
        close = difflib.get_close_matches(indicator, [i.name for t in tables for i in t.items], n=3, cutoff=0.3)
        hint = f"是不是「{'」「'.join(close)}」？" if close else ""
        fail(f"表「{t.name}」中没有指标「{indicator}」。{hint}")
    say(render_explain(result, matches, indicator))


def _explain_code(key: str) -> None:
    from engine.findings import CODES
    from engine.output.advice import advice

    text = advice(key)
    if text is None:
        close = difflib.get_close_matches(key.upper(), list(CODES), n=3, cutoff=0.5)
        fail(f"没有发现代码「{key}」。" + (f"是不是 {'、'.join(close)}？" if close else "代码见 docs/findings.md。"))
    say(text)
