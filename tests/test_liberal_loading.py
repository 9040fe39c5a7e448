"""Liberal, honest loading: a real form is never refused for a value it does not print.

Each case is a report as a new user types it from a real table: a row without 分值, 其中 sub-rows,
`/` in number cells, no year, a table with no scores at all, rates stored as fractions, float
noise, a `$schema` key. Each loads, and the review says what it could not check.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from engine.profiles import load_profile
from engine.report.loading import ReportError, load_report, parse_report
from engine.report.model import UNNAMED_TABLE, UNNAMED_UNIT
from engine.review.pipeline import rescore

D = Decimal


def report(*indicators: dict[str, Any], **table: Any) -> dict[str, Any]:
    return {"schema_version": 1, "unit": "某县农业农村局", "year": 2024,
            "tables": [{"name": "特色产业发展", "kind": "project", "indicators": list(indicators), **table}]}


def load(tmp_path: Path, data: dict[str, Any]) -> Any:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return load_report(path)


def codes(data: Any) -> list[tuple[str, int | None, str | None, str]]:
    result = rescore(data, load_profile("mof2020"))
    return [(f.code, f.row, f.field, f.level) for f in result.findings]


def test_row_without_weight_is_kept_and_its_claim_counted(tmp_path: Path) -> None:
    data = load(tmp_path, report(
        {"level3": "种植面积", "target": "≥100亩", "actual": "120亩", "weight": "90", "claimed_score": "90"},
        {"level3": "技术培训", "target": "≥3次", "actual": "3次", "claimed_score": "10"},
        execution={"weight": "10", "claimed_score": "10", "rate": "100%"}, claimed_total="110"))
    assert data.tables[0].indicators[1].weight is None
    result = rescore(data, load_profile("mof2020"))
    table = result.tables[0]
    assert table.claimed_sum == D(110)  # the unweighted row's claim still counts
    assert [i.status for i in table.items] == ["consistent", "unverifiable", "consistent"]
    assert table.items[1].reason == "没有分值"
    found = codes(data)
    assert ("V003", 2, None, "warning") in found
    assert not any(code == "W001" for code, *_ in found)  # 90 + 10 printed = 100
    assert table.recomputed_total is None and table.unverifiable_items == 1


def test_sub_rows_and_slash_cells(tmp_path: Path) -> None:
    data = load(tmp_path, report(
        {"level3": "种植面积", "target": "≥100亩", "actual": "120亩", "weight": "100", "claimed_score": "100"},
        {"level3": "其中桃树种植面积", "target": "≥50亩", "actual": "60亩", "weight": "/", "claimed_score": "/"},
        {"level3": "其中梨树种植面积", "target": "/", "actual": "—", "weight": "—", "claimed_score": "无"},
        claimed_total="100"))
    rows = data.tables[0].indicators
    assert [(r.weight, r.claimed_score) for r in rows] == [(D(100), D(100)), (None, None), (None, None)]
    assert (rows[2].target, rows[2].actual) == ("/", "—")  # text cells keep what was printed
    found = codes(data)
    assert ("V003", 2, None, "info") in found and ("V003", 3, None, "info") in found
    assert not any(code in ("W001", "T001") for code, *_ in found)


def test_slash_is_not_zero(tmp_path: Path) -> None:
    data = load(tmp_path, report({"level3": "满意度", "weight": "10", "claimed_score": "/"}))
    assert data.tables[0].indicators[0].claimed_score is None
    zero = load(tmp_path, report({"level3": "满意度", "weight": "10", "claimed_score": "0"}))
    assert zero.tables[0].indicators[0].claimed_score == D(0)


def test_year_from_the_title_else_absent(tmp_path: Path) -> None:
    data = report({"level3": "满意度", "weight": "100", "claimed_score": "100"}, claimed_total="100")
    del data["year"]
    data["title"] = "2023 年度项目支出绩效自评表"
    assert load(tmp_path, data).year == 2023
    del data["title"]
    loaded = load(tmp_path, data)
    assert loaded.year is None
    result = rescore(loaded, load_profile("mof2020"))
    assert result.year is None and result.to_dict()["report"]["year"] is None


def test_unscored_table_only_gets_arithmetic(tmp_path: Path) -> None:
    data = load(tmp_path, report(
        {"level3": "种植面积", "target": "≥100亩", "actual": "120亩"},
        {"level3": "满意度", "target": "≥90%", "actual": "95%"},
        funding=[{"source": "当年财政拨款", "full_year": "40", "executed": "30"},
                 {"source": "年度资金总额", "full_year": "50", "executed": "30"}]))
    assert not data.tables[0].scored
    found = codes(data)
    assert ("V003", None, "table", "warning") in found
    assert ("F001", None, "funding", "warning") in found  # the arithmetic still runs
    assert not any(code in ("W001", "T001", "G001", "V001") for code, *_ in found)
    result = rescore(data, load_profile("mof2020"))
    assert result.tables[0].claimed_grade is None


def test_rate_stored_as_a_fraction(tmp_path: Path) -> None:
    data = report({"level3": "满意度", "weight": "90", "claimed_score": "90"}, claimed_total="100",
                  execution={"weight": "10", "rate": 1.0, "claimed_score": "10"})
    assert load(tmp_path, data).tables[0].execution.rate == "100%"
    data["tables"][0]["execution"]["rate"] = 0.9215
    assert load(tmp_path, data).tables[0].execution.rate == "92.15%"
    data["tables"][0]["execution"]["rate"] = "92.15%"
    assert load(tmp_path, data).tables[0].execution.rate == "92.15%"
    data["basic_data"] = {"staffing": {"authorized": 166, "actual": 113, "control_rate": 0.6807}}
    assert load(tmp_path, data).basic_data.staffing.control_rate == "68.07%"


def test_float_noise_is_read_as_printed(tmp_path: Path) -> None:
    text = json.dumps(report({"level3": "满意度", "weight": "10", "claimed_score": "1"}), ensure_ascii=False)
    text = text.replace('"claimed_score": "1"', '"claimed_score": 0.30000000000000004')
    loaded = parse_report(text)
    assert str(loaded.tables[0].indicators[0].claimed_score) == "0.3"


def test_schema_key_is_allowed_but_other_unknown_fields_are_not(tmp_path: Path) -> None:
    data = report({"level3": "满意度", "weight": "100", "claimed_score": "100"})
    data = {"$schema": "../docs/report.schema.json", **data}
    assert load(tmp_path, data).json_schema == "../docs/report.schema.json"
    data["$schemas"] = "x"
    with pytest.raises(ReportError) as caught:
        load(tmp_path, data)
    assert [p.loc for p in caught.value.problems] == [("$schemas",)]


def test_unnamed_table_and_unit_load_and_show_as_not_printed(tmp_path: Path) -> None:
    data = report({"level3": "满意度", "weight": "100", "claimed_score": "100"}, claimed_total="100")
    del data["unit"]
    del data["tables"][0]["name"]
    loaded = load(tmp_path, data)
    result = rescore(loaded, load_profile("mof2020"))
    assert (result.unit, result.tables[0].name) == (UNNAMED_UNIT, UNNAMED_TABLE)
