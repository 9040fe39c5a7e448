"""`rescore rule TEXT` / `--file`: read and score one 评分标准 (or a file of them)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from engine.cli.common import EXIT_FINDINGS, EXIT_OK, fail, parse_weight, say

if TYPE_CHECKING:
    from engine.scoring import PartialStep  # the --partial choices


@click.command("rule")
@click.argument("text", required=False)
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path),
              help="每行一条评分标准（空行和以 # 开头的行跳过）；每条输出一个结果。")
@click.option("--weight", "-w", help="该指标的分值，如 10。")
@click.option("--target", "-t", help="年度指标值，照表中原样，如 “90%以上”。")
@click.option("--actual", "-a", help="实际完成值，照表中原样，如 “80%”。")
@click.option("--partial", type=click.Choice(["floor", "proportional", "ceiling"]), default="floor",
              show_default=True, help="不足一步时的读法：整步 / 按比例 / 进一步。")
@click.option("--format", "fmt_", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rule(text: str | None, file: Path | None, weight: str | None, target: str | None, actual: str | None,
         partial: PartialStep, fmt_: str) -> None:
    """读一条评分标准（TEXT），给出规范形式、类型、得分和计算过程。

    \b
    例：rescore rule "满意度90%以上记10分，每下降5%扣0.5分" --weight 10 --target "90%以上" --actual "80%"
    退出码：0 读懂并计算；1 有读不懂的部分；2 输入有误。
    """
    from engine.output.jsonout import dumps
    from engine.review.one_rule import explain, render_text

    if (text is None) == (file is None):
        raise click.UsageError("请给出一条评分标准 TEXT，或用 --file 给出一个文件（二者选一）。")
    exact_weight = parse_weight(weight) if weight is not None else None
    if file is not None:
        try:
            lines = file.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            fail(f"{file}: 无法读取：{getattr(error, 'strerror', None) or error}")
        items = [(n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.lstrip().startswith("#")]
        source = str(file)
    else:
        items = [(1, text or "")]  # text is given: exactly one of TEXT and --file is
        source = "<评分标准>"
    worst = EXIT_OK
    blocks = []
    for line_no, rule_text in items:
        result = explain(rule_text, exact_weight, target, actual, partial, source=source, line=line_no)
        if result["error"] is not None:
            worst = EXIT_FINDINGS
        blocks.append(dumps(result) if fmt_ == "json" else render_text(result))
    say(("\n" if fmt_ == "json" else "\n\n").join(blocks))
    sys.exit(worst)
