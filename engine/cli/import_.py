"""`rescore import FILE [-o report.json]`: a draft report.json from an xlsx, csv, docx, PDF or
extracted-text form, and the list of cells to check, with their place."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from engine.cli.common import EXIT_OK, fail, say


@click.command("import")
@click.argument("file", metavar="FILE", type=click.Path(path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="把草稿 report.json 写入这个文件；不写则打印到标准输出。")
@click.option("--checks-json", is_flag=True, help="需要核对的单元格以 JSON 列表打印到标准错误。")
def import_(file: Path, output: Path | None, checks_json: bool) -> None:
    """从 .xlsx / .csv / .docx / .pdf / .txt 读出绩效自评表，生成草稿 report.json，列出需要核对的单元格。"""
    from engine.importers import import_file
    from engine.report.problems import ReportError

    try:
        result = import_file(file)
        result.report()  # the draft must load; else every problem is listed
    except ReportError as error:
        fail(error.format())
    text = json.dumps(result.data, ensure_ascii=False, indent=2) + "\n"
    if output is None:
        say(text, nl=False)
    else:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as error:
            fail(f"{output}: 无法写入：{error.strerror or error}")
    report = json.dumps([c.to_dict() for c in result.checks], ensure_ascii=False) if checks_json \
        else "\n".join(result.summary_lines())
    say(report, err=True)
    sys.exit(EXIT_OK)
