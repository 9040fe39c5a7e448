"""Zero widths (issue 14): a step of 0, a band of zero width, a band written high to low and
points written as a percentage are diagnostics of the rule (P011–P014), never a division by zero
or a TypeError, in `rescore rule`, `rescore lint --rule` and `rescore check`. Each in a subprocess
with a timeout; none prints a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from test_loading import valid_report

TIMEOUT = 60


def run(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-c", "from engine.cli import main; main()", *args],
                            capture_output=True, text=True, timeout=TIMEOUT, env={**os.environ, "NO_COLOR": "1"})
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-3000:]
    return result


CASES = [
    ("每减少0%扣1分", "P011", 1),
    ("每出现0例扣1分", "P011", 1),
    ("记百分之五分", "P014", 1),
    ("完成时间15-15日得满分", "P012", 0),
    ("1%(含)-0%得5分", "P013", 0),
]


@pytest.mark.parametrize("text, code, status", CASES)
def test_rule_command_gives_the_diagnostic(text: str, code: str, status: int) -> None:
    result = run("rule", text, "--weight", "10", "--target", "≥95%", "--actual", "90%")
    assert result.returncode == status, (result.returncode, result.stderr[-2000:])
    assert code in result.stdout + result.stderr


@pytest.mark.parametrize("text, code, status", CASES)
def test_rule_json_lists_the_diagnostic(text: str, code: str, status: int) -> None:
    result = run("rule", text, "--weight", "10", "--target", "15日", "--actual", "15日", "--format", "json")
    data = json.loads(result.stdout)
    assert code in [d["code"] for d in data["diagnostics"]]
    assert data["ok"] is (status == 0)


@pytest.mark.parametrize("text, code, status", CASES)
def test_lint_reads_the_rule_without_a_crash(text: str, code: str, status: int) -> None:
    result = run("lint", "--rule", text, "--weight", "10")
    assert result.returncode in (0, 1), (result.returncode, result.stderr[-2000:])
    if status == 1:  # the rule cannot be evaluated: R001 names the width
        assert "R001" in result.stdout and "R001" in result.stdout
    assert "共 1 条评分标准" in result.stdout


@pytest.mark.parametrize("text, code, status", CASES)
def test_check_scores_the_report_around_the_rule(tmp_path: Path, text: str, code: str, status: int) -> None:
    data = valid_report()
    row = data["tables"][0]["indicators"][1]
    row.update({"rule": text, "target": "15日", "actual": "15日"})
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run(str(path), "--format", "json")
    assert result.returncode in (0, 1), (result.returncode, result.stderr[-2000:])
    found = json.loads(result.stdout)
    row = [f for f in found["findings"] if f["table_number"] == 1 and f["row"] == 2]
    if status == 1:  # R001 on the row names the diagnostic; the other rows are still scored
        assert any(f["code"] == "R001" and code in f["message"] for f in row), row
        assert found["tables"][0]["unverifiable_items"] >= 1
    else:
        assert code in json.dumps(found, ensure_ascii=False)
