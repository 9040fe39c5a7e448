"""`rescore schema`: the JSON Schema of report.json, printed or written to a file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from engine.cli.common import say

from engine.cli.safe_write import write_text


@click.command("schema")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="写入这个文件（原子写入，不跟随符号链接；- 表示标准输出），而不是打印到标准输出。",
)
def schema(output: Path | None) -> None:
    """打印 report.json 的 JSON Schema（由 engine/model.py 生成）。"""
    text = schema_text()
    if output is None:
        say(text, nl=False)
        return
    write_text(output, text)  # atomic, never through a symlink; `-` is stdout


def schema_text() -> str:
    """The JSON Schema of `Report`, exactly as `rescore schema` prints it (ends with a newline)."""
    from engine.report.full import Report

    return json.dumps(Report.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
