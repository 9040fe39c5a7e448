"""The `rescore` command line: wiring only.

`rescore REPORT.json` is short for the hidden default command `rescore check REPORT.json`;
anything that is not a subcommand name is routed there (`DefaultGroup`). Subcommands are
added with `@cli.command()`. Keep imports of heavy pieces (sympy, Excel, HTML) inside the
command that needs them, so that `rescore report.json` stays fast.

Exit codes: 0 clean, 1 findings, 2 the input could not be used (or a usage error).
"""

from __future__ import annotations

import difflib
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

import click

from engine.lintcli import lint, parse_weight
from engine.loading import ReportError, load_report
from engine.model import Report
from engine.textwidth import display_width, pad

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

KIND_WORDS = {"department": "部门整体", "project": "项目"}


class DefaultGroup(click.Group):
    """A group that sends a first argument which is not a subcommand to `default_command`."""

    default_command = "check"

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is not None or name.startswith("-"):
            return super().resolve_command(ctx, args)
        looks_like_path = Path(name).exists() or any(mark in name for mark in "./\\")
        if not looks_like_path:
            visible = [cmd for cmd in self.list_commands(ctx) if not self.commands[cmd].hidden]
            close = difflib.get_close_matches(name, visible, n=1)
            if close:
                raise click.UsageError(
                    f"没有子命令「{name}」，也没有这个文件。是不是 `rescore {close[0]}`？", ctx
                )
        default = self.get_command(ctx, self.default_command)
        return self.default_command, default, args  # the whole argv goes to `check`


@click.group(
    cls=DefaultGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="不写子命令时，`rescore REPORT.json` 等同于 `rescore check REPORT.json`："
    "重算报告的每一项得分、执行率、总分和等级，列出与评分标准不符之处。",
)
def cli() -> None:
    """rescore: 按报告自己的评分标准重算绩效自评表的得分、总分和执行率。

    \b
    用法:
      rescore REPORT.json        重算报告的得分、总分和等级，列出不符之处（默认操作）
      rescore explain REPORT.json TABLE INDICATOR   一项的完整计算过程
      rescore schema             打印 report.json 的 JSON Schema
      rescore rule TEXT          读一条评分标准，给出规范形式、得分和计算过程
      rescore lint PATH          证明规则集或报告中的评分标准自洽（有界、单调、覆盖各档）
    """


@cli.command("check", hidden=True)
@click.argument("report", metavar="REPORT.json", type=click.Path(path_type=Path))
@click.option("--format", "fmt_", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True,
              help="输出格式：终端文本、JSON（稳定格式，见 docs/output.md）或 Markdown（复核备忘录）。")
@click.option("--profile", "profile_name", help="评分办法（rules/profiles 中的文件名），默认取报告的 profile 字段或 mof2020。")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False, path_type=Path),
              help="规则集文件（TOML）：按表名和指标名替换或补充评分标准。")
@click.option("--colour/--no-colour", "--color/--no-color", default=None, help="着色；默认只在终端上着色。")
@click.option("--summary", is_flag=True, help="只打印各表概要，不重算。")
def check(report: Path, fmt_: str, profile_name: str | None, rules_file: Path | None, colour: bool | None,
          summary: bool) -> None:
    """重算 REPORT.json 的每一项得分、执行率、总分和等级，列出与评分标准不符之处（默认操作）。"""
    loaded = _load_or_exit(report)
    if summary:
        click.echo("\n".join(summary_lines(loaded)))
        return
    result = _rescore_or_exit(loaded, report, profile_name, rules_file)
    from engine import render

    if fmt_ == "json":
        click.echo(render.render_json(result))
    elif fmt_ == "markdown":
        click.echo(render.render_markdown(result))
    else:
        if colour is None:
            colour = sys.stdout.isatty()
        click.echo("\n".join(summary_lines(loaded)) + "\n\n" + render.render_text(result, colour=colour))
    sys.exit(EXIT_FINDINGS if result.counts()["errors"] else EXIT_OK)


@cli.command("explain")
@click.argument("report", metavar="REPORT.json", type=click.Path(path_type=Path))
@click.argument("table")
@click.argument("indicator")
@click.option("--profile", "profile_name", help="评分办法，默认取报告的 profile 字段或 mof2020。")
@click.option("--rules", "rules_file", type=click.Path(dir_okay=False, path_type=Path), help="规则集文件（TOML）。")
def explain(report: Path, table: str, indicator: str, profile_name: str | None, rules_file: Path | None) -> None:
    """打印一项的完整计算过程。TABLE 是表名或表号，INDICATOR 是指标名（三级指标）或“预算执行率”。"""
    loaded = _load_or_exit(report)
    result = _rescore_or_exit(loaded, report, profile_name, rules_file)
    from engine import render

    tables = [t for t in result.tables if t.name == table or str(t.number) == table]
    if not tables:
        names = "、".join(f"{t.number} {t.name}" for t in result.tables)
        _fail(f"没有表「{table}」。可用的表：{names}")
    t = tables[0]
    items = [i for i in t.items if i.name == indicator] or [i for i in t.items if indicator in i.name]
    if not items:
        close = difflib.get_close_matches(indicator, [i.name for i in t.items], n=3, cutoff=0.3)
        hint = f"是不是「{'」「'.join(close)}」？" if close else ""
        _fail(f"表「{t.name}」中没有指标「{indicator}」。{hint}")
    click.echo("\n\n".join(render.render_item(result, t, item) for item in items))


def _rescore_or_exit(loaded: Report, path: Path, profile_name: str | None, rules_file: Path | None):
    from engine.checks import rescore
    from engine.profiles import ProfileError, load_profile

    try:
        profile = load_profile(profile_name or loaded.profile)
    except ProfileError as error:
        _fail(str(error))
    ruleset = None
    if rules_file is not None:
        from engine.ruleset import RuleSetError, load_ruleset

        try:
            ruleset = load_ruleset(rules_file)
        except RuleSetError as error:
            _fail(str(error))
    return rescore(loaded, profile, ruleset, file=str(path))


@cli.command("schema")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="写入这个文件，而不是打印到标准输出。",
)
def schema(output: Path | None) -> None:
    """打印 report.json 的 JSON Schema（由 engine/model.py 生成）。"""
    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except FileNotFoundError:
        _fail(f"{output}: 无法写入：所在目录不存在")
    except IsADirectoryError:
        _fail(f"{output}: 无法写入：这是一个目录")
    except PermissionError:
        _fail(f"{output}: 无法写入：没有写入权限")
    except OSError as error:
        _fail(f"{output}: 无法写入：{error.strerror or error}")


@cli.command("rule")
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
         partial: str, fmt_: str) -> None:
    """读一条评分标准（TEXT），给出规范形式、类型、得分和计算过程。

    \b
    例：rescore rule "满意度90%以上记10分，每下降5%扣0.5分" --weight 10 --target "90%以上" --actual "80%"
    退出码：0 读懂并计算；1 有读不懂的部分；2 输入有误。
    """
    from engine.jsonout import dumps
    from engine.ruleexplain import explain, render_text

    if (text is None) == (file is None):
        raise click.UsageError("请给出一条评分标准 TEXT，或用 --file 给出一个文件（二者选一）。")
    exact_weight = parse_weight(weight) if weight is not None else None
    if file is not None:
        try:
            lines = file.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            _fail(f"{file}: 无法读取：{getattr(error, 'strerror', None) or error}")
        items = [(n, line) for n, line in enumerate(lines, start=1) if line.strip() and not line.lstrip().startswith("#")]
        source = str(file)
    else:
        items = [(1, text)]
        source = "<评分标准>"
    worst = EXIT_OK
    blocks = []
    for line_no, rule_text in items:
        result = explain(rule_text, exact_weight, target, actual, partial, source=source, line=line_no)
        if result["error"] is not None:
            worst = EXIT_FINDINGS
        blocks.append(dumps(result) if fmt_ == "json" else render_text(result))
    click.echo(("\n" if fmt_ == "json" else "\n\n").join(blocks))
    sys.exit(worst)


cli.add_command(lint)


def schema_text() -> str:
    """The JSON Schema of `Report`, exactly as `rescore schema` prints it (ends with a newline)."""
    return json.dumps(Report.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def summary_lines(report: Report) -> list[str]:
    """The default summary: unit, year, then one aligned row per scoring table."""
    header = ["表", "名称", "类型", "指标数", "分值合计", "自评总分"]
    right = [True, False, False, True, True, True]
    rows = [header]
    for number, table in enumerate(report.tables, start=1):
        weights = sum((indicator.weight for indicator in table.indicators), Decimal(0))
        if table.execution is not None and table.execution.weight is not None:
            weights += table.execution.weight
        claimed = "未填" if table.claimed_total is None else _printed(table.claimed_total)
        rows.append(
            [
                str(number),
                table.name,
                KIND_WORDS.get(table.kind, table.kind),
                str(len(table.indicators)),
                _printed(weights),
                claimed,
            ]
        )
    widths = [max(display_width(row[col]) for row in rows) for col in range(len(header))]
    lines = [f"单位：{report.unit}", f"年度：{report.year}"]
    if report.title:
        lines.append(f"标题：{report.title}")
    lines.append("")
    for row in rows:
        cells = [
            pad(cell, width, "right" if align_right else "left")
            for cell, width, align_right in zip(row, widths, right)
        ]
        lines.append("  ".join(cells))
    return lines


def _printed(number: Decimal) -> str:
    """A Decimal as printed: "98.00" stays "98.00", never scientific notation."""
    return format(number, "f")


def _load_or_exit(path: Path) -> Report:
    try:
        return load_report(path)
    except ReportError as error:
        _fail(error.format())


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(EXIT_ERROR)


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point (`rescore`)."""
    return cli.main(args=argv, prog_name="rescore")
