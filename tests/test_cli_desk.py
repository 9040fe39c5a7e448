"""The command line as a reviewer meets it: Chinese where click speaks, --version, `rescore
explain CODE`, the linter options, and start-up that does not load the heavy outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, cli
from engine.findings import CODES

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "examples" / "hengyang-2024" / "report.json")


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def test_help_and_errors_are_in_chinese() -> None:
    done = run("--help")
    assert "用法" in done.output and "选项" in done.output and "Usage" not in done.output
    assert "显示本帮助并退出" in done.output
    done = run("check", SEED, "--bogus")
    assert done.exit_code == EXIT_ERROR
    assert "错误：" in done.output and "没有选项" in done.output and "Error" not in done.output


def test_version() -> None:
    done = run("--version")
    assert done.exit_code == 0 and done.output.startswith("rescore ")


@pytest.mark.parametrize("code", sorted(CODES))
def test_explain_code_prints_its_advice(code: str) -> None:
    done = run("explain", code)
    assert done.exit_code == 0, done.output
    assert done.output.startswith(f"{code} {CODES[code].kind}")
    assert "复核建议：" in done.output and "Reviewer" in done.output
    assert "\n## " not in done.output  # only its own section


def test_explain_code_by_kind_and_a_typo() -> None:
    assert run("explain", "score-mismatch").output.startswith("S001")
    done = run("explain", "S01")
    assert done.exit_code == EXIT_ERROR and "S001" in done.output


def test_the_packaged_advice_is_docs_findings_md() -> None:
    packaged = resources.files("engine").joinpath("findings.md").read_text(encoding="utf-8")
    assert packaged == (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")


def test_select_ignore_and_severity_choose_the_findings() -> None:
    data = json.loads(run(SEED, "--format", "json", "--select", "S,T").output)
    assert {f["code"][0] for f in data["findings"]} <= {"S", "T"} and data["findings"]
    data = json.loads(run(SEED, "--format", "json", "--severity", "warning").output)
    assert {f["severity"] for f in data["findings"]} == {"error", "warning"}
    assert data["summary"]["infos"] == 0
    data = json.loads(run(SEED, "--format", "json", "--ignore", "S001").output)
    assert "S001" not in {f["code"] for f in data["findings"]} and data["summary"]["errors"] == 0
    assert run(SEED, "--ignore", "S001").exit_code == EXIT_OK
    assert run(SEED, "--select", "XX9").exit_code == EXIT_ERROR


def test_statistics_and_output_file(tmp_path: Path) -> None:
    out = tmp_path / "review.txt"
    done = run(SEED, "--statistics", "-o", str(out))
    assert done.exit_code == EXIT_FINDINGS and done.output == ""
    text = out.read_text(encoding="utf-8")
    stats = text.split("按代码统计：")[1].splitlines()[1:]
    assert stats[0].split()[:2] == ["25", "I002"]
    assert "\033[" not in text


def test_start_up_does_not_import_the_heavy_outputs() -> None:
    code = ("import sys; from engine.cli import main\n"
            "try:\n    main([sys.argv[1], '--no-colour'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('sympy', 'rich', 'jinja2', 'openpyxl', 'selenium', 'concurrent.futures', 'multiprocessing') if m in sys.modules]\n"
            "assert not heavy, heavy")
    done = subprocess.run([sys.executable, "-c", code, SEED], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]


def test_over_and_under_are_apart_in_every_format(tmp_path: Path) -> None:
    """多计 and 少计 are shown apart (text, markdown, JSON; HTML and xlsx in their own tests)."""
    for args in ([], ["--format", "markdown"]):
        output = run(SEED, *args).output
        assert "多计 0 分，少计 3 分" in output, args
    data = json.loads(run(SEED, "--format", "json").output)
    assert (data["summary"]["points_over"], data["summary"]["points_under"]) == (0, 3)
    assert data["tables"][0]["points_under"] == 3
    assert {f["direction"] for f in data["findings"] if f["code"] == "S001"} == {"under"}


def test_summary_workbook(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "汇总.xlsx"
    bad = tmp_path / "坏.json"
    bad.write_text("[]", encoding="utf-8")
    done = run(SEED, str(bad), "--summary-out", str(out), "--jobs", "1")
    assert done.exit_code == EXIT_ERROR
    book = load_workbook(out)
    rows = list(book["汇总"].iter_rows(values_only=True))
    assert rows[0][0] == "文件" and len(rows) == 1 + 8
    assert sum(r[rows[0].index("少计分")] for r in rows[1:]) == 3
    assert [r[0] for r in book["无法读取"].iter_rows(values_only=True)][1:] == [str(bad)]


def test_json_for_several_inputs_is_an_array_in_their_order(tmp_path: Path) -> None:
    bad = tmp_path / "坏.json"
    bad.write_text("{", encoding="utf-8")
    done = run(str(bad), SEED, "--format", "json", "--jobs", "1")
    assert done.exit_code == EXIT_ERROR
    data = json.loads(done.output)
    assert [d["report"]["file"] for d in data] == [str(bad), SEED]
    assert "unreadable" in data[0] and data[1]["summary"]["errors"] == 3
