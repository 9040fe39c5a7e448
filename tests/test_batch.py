"""Many inputs: `rescore check FOLDER` on 200 generated reports, some of them broken.

The reports are small (two tables of three indicators) so that the test stays fast; they sit in
nested folders. Broken inputs: a file that is not JSON, one with a value that is not a number,
an `.xlsx` that is not a workbook. The run must review every readable report (one summary row
per table), list every broken file with its reason, keep going, give the same output whatever
the number of jobs, and exit with the documented status (docs/output.md, "Exit status").
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, cli

ROOT = Path(__file__).resolve().parent.parent
COUNT = 200
BROKEN = {"017-not-json.json": b"{ \"unit\": ", "088-bad-value.json": None, "150-unreadable.xlsx": b"PK\x03\x04 not a workbook"}


def _table(n: int, wrong: bool) -> dict[str, Any]:
    claimed = "9" if wrong else "8.5"  # 87% against ≥90%, 0.5 a point: 8.5
    return {
        "name": f"项目{n}", "kind": "project", "claimed_total": str(20 + 5 + (9 if wrong else 8.5)),
        "indicators": [
            {"level1": "产出指标", "level3": "完成率", "target": "≥90%", "actual": "87%", "weight": "10",
             "rule": "完成率90%以上记10分，每下降1%扣0.5分", "claimed_score": claimed, "deviation_note": "进度滞后"},
            {"level1": "效益指标", "level3": "覆盖人数", "target": "≥100人", "actual": "120人", "weight": "20",
             "claimed_score": "20"},
            {"level1": "满意度指标", "level3": "满意度", "target": "≥90%", "actual": "95%", "weight": "5",
             "claimed_score": "5"},
        ],
        "scale": "35",
    }


def _report(i: int) -> dict[str, Any]:
    return {"schema_version": 1, "unit": f"单位{i:03d}", "year": 2024,
            "tables": [_table(1, wrong=i % 7 == 0), _table(2, wrong=False)]}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reports")
    for i in range(COUNT):
        sub = root / f"区{i % 4}" / ("下级" if i % 3 == 0 else "")
        sub.mkdir(parents=True, exist_ok=True)
        name = next((b for b in BROKEN if b.startswith(f"{i:03d}-")), f"{i:03d}.json")
        if name in BROKEN and BROKEN[name] is not None:
            (sub / name).write_bytes(BROKEN[name])  # type: ignore[arg-type]
            continue
        data = _report(i)
        if name == "088-bad-value.json":
            data["tables"][0]["indicators"][0]["claimed_score"] = "九分"
        (sub / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "999.json").write_text("not a report", encoding="utf-8")  # skipped: hidden
    (root / "说明.md").write_text("not a report suffix", encoding="utf-8")  # skipped: not a report suffix
    return root


def _rescore(*args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from engine.cli import main; main(sys.argv[1:])"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def batch(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    summary = tmp_path_factory.mktemp("out") / "summary.csv"
    return _rescore("check", str(folder), "--format", "jsonl", "--summary-out", str(summary), "--jobs", "2"), summary


def test_every_readable_report_has_one_summary_row_per_table(batch: tuple[Any, Path]) -> None:
    done, summary = batch
    with summary.open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    table_rows = body[: body.index([])] if [] in body else body
    readable = COUNT - len(BROKEN)
    assert len(table_rows) == 2 * readable
    files = {r[header.index("文件")] for r in table_rows}
    assert len(files) == readable
    assert all(not any(b in f for b in BROKEN) for f in files)
    errors = sum(int(r[header.index("错误")]) for r in table_rows)
    assert errors == len([i for i in range(COUNT) if i % 7 == 0 and not any(b.startswith(f"{i:03d}-") for b in BROKEN)])
    over = [r[header.index("多计分")] for r in table_rows if r[header.index("错误")] != "0"]
    assert over and set(over) == {"0.50"}  # 9 claimed, 8.5 recomputed: 多计, never 少计
    assert {r[header.index("少计分")] for r in table_rows} == {"0"}


def test_every_broken_file_is_listed_with_its_reason(batch: tuple[Any, Path]) -> None:
    done, summary = batch
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == COUNT
    broken = {Path(o["report"]["file"]).name: o["unreadable"] for o in lines if "unreadable" in o}
    assert set(broken) == set(BROKEN)
    assert any("JSON" in p or "语法" in p or "结束" in p for p in broken["017-not-json.json"]), broken
    assert any("claimed_score" in p for p in broken["088-bad-value.json"])
    assert broken["150-unreadable.xlsx"] and all(p.strip() for p in broken["150-unreadable.xlsx"])
    with summary.open(encoding="utf-8-sig") as f:
        text = f.read()
    assert all(name in text for name in BROKEN)  # the summary file lists them too


def test_exit_status_is_2_when_any_input_is_unreadable(batch: tuple[Any, Path]) -> None:
    done, _ = batch
    assert done.returncode == EXIT_ERROR, done.stderr


def test_the_text_overview_lists_every_broken_file(folder: Path) -> None:
    done = CliRunner().invoke(cli, [str(folder), "--jobs", "1", "--no-colour"])
    assert done.exit_code == EXIT_ERROR
    head = done.output.split("以上为概览")[0]
    for name in BROKEN:
        line = next(line for line in head.splitlines() if name in line)
        assert "：" in line and line.split("：", 1)[1].strip(), line


def test_output_order_does_not_depend_on_jobs(folder: Path) -> None:
    one = _rescore(str(folder), "--format", "jsonl", "--jobs", "1")
    two = _rescore(str(folder), "--format", "jsonl", "--jobs", "2")
    assert one.stdout == two.stdout and one.stdout


def test_exit_status_1_for_errors_0_when_clean_and_with_exit_zero(folder: Path) -> None:
    wrong = next(folder.rglob("007.json"))
    clean = next(folder.rglob("001.json"))
    assert CliRunner().invoke(cli, [str(wrong), str(clean)]).exit_code == EXIT_FINDINGS
    assert CliRunner().invoke(cli, [str(wrong), "--exit-zero"]).exit_code == EXIT_OK
    assert CliRunner().invoke(cli, [str(clean)]).exit_code == EXIT_OK
    assert CliRunner().invoke(cli, [str(wrong), "--ignore", "S001"]).exit_code == EXIT_OK


def test_an_empty_folder_is_listed_as_unreadable(tmp_path: Path) -> None:
    done = CliRunner().invoke(cli, [str(tmp_path), "--format", "jsonl"])
    assert done.exit_code == EXIT_ERROR
    assert "没有报告文件" in json.loads(done.output.splitlines()[0])["unreadable"][0]
