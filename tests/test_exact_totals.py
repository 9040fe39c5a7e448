"""Exact totals (issue 14): the recomputed total adds the exact item scores and rounds only where
it is shown; the grade is read from the exact total. The sum of the 2-place scores as shown is the
other reading, named by T002 with its total and grade. Run through the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

TIMEOUT = 60


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from engine.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=TIMEOUT, env={**os.environ, "NO_COLOR": "1"})


def report(weights: list[str], claimed_total: str) -> dict:
    rows = [{"level1": "产出指标", "level3": f"指标{n}", "target": "≥100人次", "actual": "120人次",
             "rule": "每减少1人次扣1分", "weight": w, "claimed_score": w} for n, w in enumerate(weights, 1)]
    return {"schema_version": 1, "unit": "测试单位", "year": 2024,
            "tables": [{"name": "测试表", "kind": "project", "indicators": rows, "claimed_total": claimed_total,
                        "claimed_grade": "优"}]}


def table_of(tmp_path: Path, data: dict) -> dict:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run(str(path), "--format", "json")
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    data = json.loads(result.stdout, parse_float=Decimal)
    table = data["tables"][0]
    table["findings"] = [f for f in data["findings"] if f["table_number"] == 1]
    return table


def test_three_thirds_at_full_marks_give_100(tmp_path: Path) -> None:
    table = table_of(tmp_path, report(["33.333", "33.333", "33.334"], "100"))
    assert table["recomputed_total"] == 100
    assert table["recomputed_grades"] == ["优"]
    assert table["grade_impact"] is None
    t002 = [f for f in table["findings"] if f["code"] == "T002"]
    assert len(t002) == 1 and t002[0]["details"]["printed_places_total"] == Decimal("99.99")


def test_101_items_of_0_8915_give_90_04_and_no_false_grade_change(tmp_path: Path) -> None:
    table = table_of(tmp_path, report(["0.8915"] * 101, "90.0415"))
    assert table["recomputed_total"] == Decimal("90.04")
    assert table["recomputed_grades"] == ["优"]
    assert table["grade_impact"] is None
    t002 = next(f for f in table["findings"] if f["code"] == "T002")
    assert t002["details"]["printed_places_total"] == Decimal("89.89")
    assert t002["details"]["printed_places_grade"] == "良"
    assert "89.89" in t002["message"] and "良" in t002["message"]


def test_two_place_scores_have_one_reading(tmp_path: Path) -> None:
    table = table_of(tmp_path, report(["33.33", "33.33", "33.34"], "100"))
    assert table["recomputed_total"] == 100
    assert not [f for f in table["findings"] if f["code"] == "T002"]



def _graded(tmp_path: Path, data: dict) -> dict:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run(str(path), "--format", "json")
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr[-2000:]
    return json.loads(result.stdout, parse_float=Decimal)["tables"][0]


def test_a_table_of_another_full_score_is_graded_as_a_share_of_it(tmp_path: Path) -> None:
    """The grade bounds are out of 100: 34 of a 35-point table is 97.1, 优 (it was 差, read as 34
    of 100); 20 of 35 is 57.1, 差."""
    data = report(["10", "20", "5"], "34")
    table = data["tables"][0]
    table["scale"] = "35"
    del table["claimed_grade"]
    table["indicators"][2]["claimed_score"] = "4"  # 少计 1: the recomputed total is 35
    graded = _graded(tmp_path, data)
    assert (graded["claimed_grade"], graded["recomputed_grades"]) == ("优", ["优"])
    table["claimed_total"] = "20"
    table["indicators"][1]["claimed_score"] = "6"
    assert _graded(tmp_path, data)["claimed_grade"] == "差"
