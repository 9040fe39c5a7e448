"""The `rescore` command line: wiring only, one module per sub-command.

`rescore REPORT.json` is short for the hidden default command `rescore check REPORT.json`;
anything that is not a subcommand name is routed there (`DefaultGroup`). Each sub-command is a
click command in its own module (`check`, `explain`, `schema`, `rule`, `lint`, `import_`, `export`,
`profiles`, `compare`),
registered below.
Keep imports of heavy pieces (sympy, Excel, HTML) inside the command that needs them, so that
`rescore report.json` stays fast: a sub-command's module is imported only when that command runs
or help lists it (`_COMMANDS`), and tests/test_startup_imports.py checks what a run imports.

Exit codes: 0 clean, 1 findings, 2 the input could not be used (or a usage error); 70 internal
error, 74 output could not be written, 141 broken pipe (engine.cli.guard).
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from engine.cli import helpformat, zh

zh.install()  # click's own strings (用法, 选项, 错误) in Chinese, before any command is built
helpformat.install()  # help wrapped by display width (a 汉字 is two columns)

from engine.cli.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK  # noqa: E402
from engine.cli.guard import guarded  # noqa: E402

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "cli", "main", "schema_text"]

_COMMANDS = {"check": "check", "explain": "explain", "schema": "schema", "rule": "rule", "lint": "lint",
             "import": "import_", "export": "export", "profiles": "profiles", "compare": "compare"}
"""Each sub-command's name -> its module in engine.cli, where the command is the attribute of the
module's name; imported the first time the command is looked up."""


def __getattr__(name: str) -> Any:
    if name == "schema_text":  # `from engine.cli import schema_text`, without loading it for every run
        from engine.cli.schema import schema_text

        return schema_text
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class DefaultGroup(click.Group):
    """A group that sends a first argument which is not a subcommand to `default_command`, and
    imports a sub-command's module when the command is first looked up."""

    default_command = "check"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(_COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _COMMANDS:
            module = _COMMANDS[cmd_name]
            command: click.Command = getattr(importlib.import_module(f"engine.cli.{module}"), module)
            command.options_metavar = "[选项]"
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is not None or name.startswith("-"):
            return super().resolve_command(ctx, args)
        looks_like_path = os.path.exists(name) or any(mark in name for mark in "./\\")
        if not looks_like_path:
            import difflib

            commands = [(cmd, self.get_command(ctx, cmd)) for cmd in self.list_commands(ctx)]
            visible = [cmd for cmd, command in commands if command is not None and not command.hidden]
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
    epilog="不写子命令时，`rescore PATH…` 等同于 `rescore check PATH…`："
    "重算报告（文件或文件夹，可多个）的每一项得分、执行率、总分和等级，列出与评分标准不符之处。"
    "选项见 `rescore check --help`。",
)
@click.version_option(None, "-V", "--version", package_name="rescore", prog_name="rescore",
                      message="%(prog)s %(version)s")
def cli() -> None:
    """rescore: 按报告自己的评分标准重算绩效自评表的得分、总分和执行率。

    \b
    用法:
      rescore PATH…              重算报告（文件或文件夹），先概览后详情（默认操作）
      rescore explain REPORT.json TABLE INDICATOR   一项的完整计算过程
      rescore explain CODE       一个发现代码的说明和复核建议（如 S001）
      rescore schema             打印 report.json 的 JSON Schema
      rescore rule TEXT          读一条评分标准，给出规范形式、得分和计算过程
      rescore lint PATH          证明规则集或报告中的评分标准自洽（有界、单调、覆盖各档）
      rescore import FILE -o report.json   从 xlsx/csv/docx/pdf/txt 读出草稿报告，列出需核对的单元格
      rescore export REPORT -o form.xlsx   写成国家模板版式的 Excel
      rescore FILE.xlsx          导入后直接重算（.csv、.docx 同）
      rescore profiles           列出评分办法：适用年度、出处和参数
      rescore compare REPORT.json   各表在各评分办法下的总分与等级并列（同 --profile all）
    """
    from engine.language import store

    store.use_default()  # read rules kept from earlier runs (engine.language.store); --no-cache: off


cli.options_metavar = "[选项]"
cli.subcommand_metavar = "子命令 [参数]..."


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point (`rescore`): every failure has its documented exit status
    (engine.cli.guard): 141 broken pipe, 74 output failed, 70 internal error, never a traceback."""
    sys.exit(guarded(lambda: cli.main(args=argv, prog_name="rescore")))
