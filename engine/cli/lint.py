"""The `rescore lint` command object (wiring only; the logic is `engine.lint.run`).

Register it with `cli.add_command(lint)`. Importing this module is cheap: sympy and the
analyses load only when the command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from engine.cli.common import EXIT_FINDINGS, EXIT_OK, fail, parse_weight, say


@click.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rule", "rule_text", help="只检查这一条评分标准（须同时给 --weight）。")
@click.option("--weight", "-w", help="--rule 的分值，如 5。")
@click.option("--target", "-t", help="--rule 的年度指标值，照表中原样，如 “≥90%”。")
@click.option("--indicator", help="--rule 的指标名称（用于判断越高越好还是越低越好）。")
@click.option("--direction", type=click.Choice(["higher", "lower"]), help="--rule 的指标改善方向。")
@click.option("--partial", type=click.Choice(["floor", "proportional", "ceiling"]), default="floor",
              show_default=True, help="不足一步时的读法：整步 / 按比例 / 进一步。")
@click.option("--format", "fmt_", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--latex", is_flag=True, help="同时给出公式的 LaTeX。")
@click.option("--profiles", "with_profiles", is_flag=True, help="同时检查随程序附带的评分办法（profiles）中的共性指标规则。")
def lint(paths: tuple[Path, ...], rule_text: str | None, weight: str | None, target: str | None, indicator: str | None,
         direction: str | None, partial: str, fmt_: str, latex: bool,
         with_profiles: bool) -> None:
    """证明评分标准自洽：规则集（rules/ 或 *.toml）、评分办法（--profiles）、报告（report.json）或一条评分标准（--rule）。

    \b
    逐条给出规范形式、得分公式，以及有问题之处和见证值（能说明问题的实际值）：
      R003 满分与分值不一致   R004 惩罚改善        L001 可能为负或超过分值
      L002 不单调             L003 有实际值不在任何一档   L004 两档重叠   L005 某档永远用不到
    例：rescore lint rules/ --profiles
        rescore lint --rule "利用率达到91%，记6分，每减少1%扣0.5分。" --weight 5
    退出码：0 没有问题；1 有问题（含警告）；2 输入无法读取。
    """
    if (bool(paths) or with_profiles) == (rule_text is not None):
        raise click.UsageError("请给出路径 PATH（规则集、目录或报告）或 --profiles，或用 --rule 给出一条评分标准（二者选一）。")
    from engine.lint.run import (LintInputError, lint_path, lint_shipped_profiles, lint_text, render_json,
                                 render_text)

    if rule_text is not None:
        if weight is None:
            raise click.UsageError("--rule 须同时给出 --weight（该指标的分值）。")
        exact = parse_weight(weight)
        items = [lint_text(rule_text, exact, target, indicator=indicator, direction=direction, partial=partial)]
    else:
        try:
            items = [item for path in paths for item in lint_path(path, partial)]
        except LintInputError as error:
            fail(str(error))
        if with_profiles:
            items += lint_shipped_profiles(partial)
    say(render_json(items, latex) if fmt_ == "json" else render_text(items, latex))
    sys.exit(EXIT_FINDINGS if any(item.failing for item in items) else EXIT_OK)
