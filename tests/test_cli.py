"""The `rescore` command line: default summary, `schema`, exit codes and routing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.cli import EXIT_ERROR, cli, main, schema_text
from engine.text.width import display_width, pad

ROOT = Path(__file__).resolve().parent.parent


def small_report() -> dict[str, Any]:
    """Table names of different widths, ASCII and Chinese, so alignment is actually tested."""
    return {
        "schema_version": 1,
        "unit": "衡阳市纪委监委",
        "year": 2024,
        "tables": [
            {
                "name": "衡阳市纪委监委部门整体支出",
                "kind": "department",
                "execution": {"weight": "10", "rate": "100.00%", "claimed_score": "10"},
                "indicators": [
                    {"level3": "办案数量", "weight": "50.00", "claimed_score": "50"},
                    {"level3": "群众满意度", "weight": "40", "claimed_score": "38"},
                ],
                "claimed_total": "98.00",
            },
            {
                "name": "Case fund 2024",
                "kind": "project",
                "indicators": [{"level3": "培训人次", "weight": "100"}],
            },
            {
                "name": "巡察",
                "kind": "project",
                "indicators": [
                    {"level3": "巡察覆盖", "weight": "60", "claimed_score": "60"},
                    {"level3": "整改率", "weight": "30", "claimed_score": "27.5"},
                ],
                "claimed_total": "87.5",
            },
        ],
    }


@pytest.fixture
def report_path(tmp_path: Path) -> Path:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(small_report(), ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def table_lines(output: str) -> list[str]:
    """The summary table: from its header row to the first blank line (the rescoring follows)."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("表"))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def test_summary_of_a_valid_report(report_path: Path) -> None:
    result = run(str(report_path), "--summary")
    assert result.exit_code == 0, result.output
    assert "衡阳市纪委监委" in result.output
    assert "2024" in result.output
    rows = table_lines(result.output)
    assert len(rows) == 1 + 3
    first, second, third = (row.split() for row in rows[1:])
    assert first == ["1", "衡阳市纪委监委部门整体支出", "部门整体", "2", "100.00", "98.00"]
    assert second == ["2", "Case", "fund", "2024", "项目", "1", "100", "未填"]
    assert third == ["3", "巡察", "项目", "2", "90", "87.5"]


def test_summary_rows_are_aligned_by_display_width(report_path: Path) -> None:
    rows = table_lines(run(str(report_path), "--summary").output)
    last_cells = [row.split()[-1] for row in rows]
    last_width = max(display_width(cell) for cell in last_cells)
    prefixes = []
    for row, cell in zip(rows, last_cells):
        suffix = pad(cell, last_width, "right")
        assert row.endswith(suffix)
        prefixes.append(row[: -len(suffix)])
    # everything before the last column has the same display width (CJK counted as 2) ...
    assert len({display_width(prefix) for prefix in prefixes}) == 1
    # ... and not the same number of characters, or this test would prove nothing
    assert len({len(prefix) for prefix in prefixes}) > 1


def test_display_width_counts_full_width_as_two() -> None:
    assert display_width("abc") == 3
    assert display_width("得分") == 4
    assert display_width("９．００％") == 10
    assert display_width("得分 9.00") == 9
    assert display_width("e\u0301") == 1  # a combining accent takes no column
    assert pad("巡察", 6) == "巡察  "
    assert pad("9.00", 6, "right") == "  9.00"
    assert pad("衡阳市", 4) == "衡阳市"


def test_check_is_the_default_command(report_path: Path) -> None:
    assert run("check", str(report_path)).output == run(str(report_path)).output
    routed = run(str(report_path), "--help")
    assert routed.exit_code == 0
    assert "PATH" in routed.output


def test_schema_prints_json_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert "tables" in schema["properties"]
    assert "基础数据表" in result.output  # Chinese descriptions kept: ensure_ascii=False


def test_schema_output_option(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    result = run("schema", "--output", str(target))
    assert result.exit_code == 0 and result.output == ""
    assert target.read_text(encoding="utf-8") == schema_text()


def test_committed_schema_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8")
    assert committed == run("schema").output, "regenerate: rescore schema --output docs/report.schema.json"


def test_invalid_report_exits_2_with_the_problem(tmp_path: Path) -> None:
    data = small_report()
    data["tables"][2]["indicators"][1]["claimed_score"] = "九分"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == EXIT_ERROR
    assert f"{path}: 报告无法读取（1 个问题）" in result.output
    assert "第 3 张表「巡察」› 第 2 个指标「整改率」› 得分 (claimed_score)" in result.output
    assert "Traceback" not in result.output


def test_missing_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "missing.json"
    result = run(str(path))
    assert result.exit_code == EXIT_ERROR
    assert str(path) in result.output and "不存在" in result.output


def test_misspelt_subcommand_is_suggested() -> None:
    result = run("shema")
    assert result.exit_code == EXIT_ERROR
    assert "schema" in result.output


def test_help_lists_subcommands_and_default_usage() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "schema" in result.output
    assert "REPORT.json" in result.output
    commands = result.output.split("子命令:")[1]
    assert "check" not in commands.split("\n\n")[0]  # the default command stays hidden


def test_main_entry_point(report_path: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        main([str(report_path)])
    assert exited.value.code == 0


def test_cli_does_not_import_sympy() -> None:
    code = "import engine.cli, sys; assert 'sympy' not in sys.modules, 'engine.cli imports sympy'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_the_example_validates_against_the_printed_schema() -> None:
    """`rescore schema` prints a JSON Schema the shipped example validates against, checked by
    an independent validator (jsonschema), not by the model that produced the schema."""
    import jsonschema

    schema = json.loads(run("schema").output)
    jsonschema.Draft202012Validator.check_schema(schema)
    example = Path(__file__).resolve().parents[1] / "examples" / "hengyang-2024" / "report.json"
    document = json.loads(example.read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
    assert errors == [], [e.message for e in errors[:5]]
    # and the schema really constrains: a table without indicators is rejected
    document["tables"][0]["indicators"] = []
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(document))
