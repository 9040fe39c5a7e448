"""The JSON output contract (docs/output.md) against what `--format json` really prints.

The documented keys of each level are read from the tables in docs/output.md (`| \\`key\\` |
type | meaning |`, a type marked *(optional)* may be absent) and compared with every object at
that level in the output for the seed report: no undocumented key, no documented key missing.
The raw JSON text is then scanned token by token: numbers are exact decimals (no exponent, no
binary-float artefacts such as 0.30000000000000004), computed ones with exactly two decimals.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.review.checks import rescore
from engine.cli import cli
from engine.report.model import Report
from engine.profiles import load_profile
from engine.output.report import render_json

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "output.md"
SEED = "examples/hengyang-2024/report.json"

# docs/output.md heading → how to reach the objects at that level
LEVELS = {
    "Top level": lambda d: [d],
    "report": lambda d: [d["report"]],
    "tables[]": lambda d: d["tables"],
    "tables[].items[]": lambda d: [i for t in d["tables"] for i in t["items"]],
    "tables[].items[].rule": lambda d: [i["rule"] for t in d["tables"] for i in t["items"]],
    "tables[].items[].rule.diagnostics[]":
        lambda d: [g for t in d["tables"] for i in t["items"] for g in i["rule"].get("diagnostics", [])],
    "findings[]": lambda d: d["findings"],
    "summary": lambda d: [d["summary"]],
    "unreadable input (JSON Lines)": lambda d: [_unreadable()],
}


def _unreadable() -> dict:
    """What `--format jsonl` prints for a file that is not JSON (not from the seed: it is readable)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        bad = Path(folder) / "bad.json"
        bad.write_text("{", encoding="utf-8")
        done = CliRunner().invoke(cli, [str(bad), "--format", "jsonl"])
    return json.loads(done.output.splitlines()[0])

_ROW = re.compile(r"^\| `([a-z_]+)` \| ([^|]*) \|", re.MULTILINE)


def documented() -> dict[str, tuple[set[str], set[str]]]:
    """heading → (required keys, optional keys)."""
    text = DOC.read_text(encoding="utf-8")
    parts = re.split(r"^## (.+?)\s*$", text, flags=re.MULTILINE)
    levels = {}
    for heading, body in zip(parts[1::2], parts[2::2]):
        rows = _ROW.findall(body)
        if rows:
            optional = {k for k, kind in rows if "(optional)" in kind}
            levels[heading] = ({k for k, _ in rows} - optional, optional)
    return levels


@pytest.fixture(scope="module")
def seed_json() -> str:
    """`rescore examples/hengyang-2024/report.json --format json`, run from the repository root."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        result = CliRunner().invoke(cli, [SEED, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.output


def test_every_level_is_documented() -> None:
    assert set(documented()) == set(LEVELS), "docs/output.md sections and the levels checked here differ"


@pytest.mark.parametrize("level", sorted(LEVELS))
def test_keys_match_the_doc(level: str, seed_json: str) -> None:
    required, optional = documented()[level]
    objects = LEVELS[level](json.loads(seed_json))
    assert objects, f"the seed output has no object at {level}: the check would be empty"
    for obj in objects:
        keys = set(obj)
        assert keys - required - optional == set(), f"{level}: undocumented keys {sorted(keys - required - optional)}"
        assert required - keys == set(), f"{level}: documented keys missing {sorted(required - keys)}"


def test_schema_version(seed_json: str) -> None:
    assert json.loads(seed_json)["schema_version"] == 1


# ---------------------------------------------------------------- numbers in the raw text

_EXACT = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]{1,2})?$")


def _number_tokens(raw: str) -> list[str]:
    tokens: list[str] = []

    def keep(token: str):
        tokens.append(token)
        return Decimal(token)

    json.loads(raw, parse_float=keep, parse_int=keep)
    return tokens


def test_seed_numbers_are_exact_decimals(seed_json: str) -> None:
    bad = [t for t in _number_tokens(seed_json) if not _EXACT.match(t)]
    assert not bad, f"numbers that are not plain decimals with at most two places: {bad[:10]}"


def test_computed_numbers_have_two_decimals(seed_json: str) -> None:
    data = json.loads(seed_json, parse_float=str, parse_int=str)
    computed = []
    for t in data["tables"]:
        for i in t["items"]:
            if i["recomputed"] is not None:
                computed.append(i["recomputed"])
            computed.extend(i["range"] or [])
            computed.extend(i["alternatives"].values())
    for t in data["tables"]:
        computed.extend([t["recomputed_total"]] if t["recomputed_total"] is not None else [])
        computed.extend(t["recomputed_range"] or [])
    for f in data["findings"]:
        if f["code"] == "S001" and f["expected"] is not None:
            computed.extend(f["expected"] if isinstance(f["expected"], list) else [f["expected"]])
    assert computed
    bad = [c for c in computed if not re.fullmatch(r"-?\d+\.\d\d", c)]
    assert not bad, f"computed numbers not written with exactly two decimals: {bad[:10]}"


def _float_prone_report() -> Report:
    """Claims 0.1 + 0.2, a rate of 1/3, a proportional 89/90: every classic float trap."""
    return Report.model_validate({
        "schema_version": 1, "unit": "测试单位", "year": 2024,
        "tables": [{
            "name": "测试表", "kind": "project", "claimed_total": "99.19",
            "funding": [{"source": "年度资金总额", "full_year": "3", "executed": "1"}],
            "execution": {"weight": "0.3", "rate": "33.33%", "claimed_score": "0.1"},
            "indicators": [
                {"level3": "甲", "weight": "0.1", "claimed_score": "0.1", "target": "≥1", "actual": "1"},
                {"level3": "乙", "weight": "0.2", "claimed_score": "0.2", "target": "≥1", "actual": "1"},
                {"level3": "丙", "weight": "99.4", "claimed_score": "98.79", "target": "≥90%", "actual": "89.4%",
                 "deviation_note": "x"},
            ],
        }],
    })


def test_no_binary_float_artefacts() -> None:
    raw = render_json(rescore(_float_prone_report(), load_profile("mof2020")))
    bad = [t for t in _number_tokens(raw) if not _EXACT.match(t)]
    assert not bad, f"float artefacts in the JSON text: {bad}"
    data = json.loads(raw, parse_float=str, parse_int=str)
    table = data["tables"][0]
    assert table["claimed_sum"] == "99.19"  # 0.1 + 0.2 + 98.79 + 0.1, exactly
    execution = table["items"][-1]
    assert execution["recomputed"] == "0.10"  # 0.3 × 1/3


# ---------------------------------------------------------------- contract gaps (engine bugs)

def test_reading_is_in_the_json() -> None:
    report = Report.model_validate({
        "schema_version": 1, "unit": "测试单位", "year": 2024,
        "tables": [{"name": "测试表", "kind": "project", "indicators": [
            {"level3": "满意度", "target": "≥90%", "actual": "88.5%", "rule": "满意度90%以上记10分，每下降1%扣0.5分",
             "weight": "10", "claimed_score": "9.25", "deviation_note": "x"}]}],
    })
    data = json.loads(render_json(rescore(report, load_profile("mof2020"))))
    s001 = next(f for f in data["findings"] if f["code"] == "S001")
    assert s001["severity"] == "warning"
    assert s001["details"]["reading"] == "proportional"


def test_a_range_in_expected_excludes_the_claim(seed_json: str) -> None:
    findings = json.loads(seed_json, parse_float=Decimal, parse_int=Decimal)["findings"]
    for f in findings:
        if f["code"] == "S001" and isinstance(f["expected"], list):
            low, high = f["expected"]
            assert not low <= f["claimed"] <= high, f
    # the seed's 提升居民生活质量 (有提升记3分，无改善记0分, claimed 2): the possible scores, no range
    impossible = [f for f in findings if f["code"] == "S001" and f["expected"] is None]
    assert [(f["item"], f["details"]["possible"]) for f in impossible] == [("提升居民生活质量", [0, 3])]


def test_every_item_finding_names_one_row(seed_json: str) -> None:
    """Names repeat (the seed's 纪检监察机构专项经费 has 信访工作 ×3): (table_number, row, field)
    places a finding on exactly one item, or on a part of a table, or in the 基础数据表."""
    data = json.loads(seed_json)
    placed = 0
    for f in data["findings"]:
        assert (f["row"] is None) != (f["field"] is None), f
        if f["table_number"] is None:
            assert f["field"] in ("staffing", "expenses"), f
            continue
        table = data["tables"][f["table_number"] - 1]
        assert table["number"] == f["table_number"] and table["name"] == f["table"], f
        items = [i for i in table["items"] if (i["row"], i["field"]) == (f["row"], f["field"])]
        if f["row"] is None and f["field"] != "execution":
            assert f["field"] in ("total", "grade", "funding", "table") and not items, f
            continue
        assert len(items) == 1 and items[0]["name"] == f["item"] and items[0]["table_number"] == f["table_number"], f
        placed += 1
    assert placed > 20


def test_json_lines_is_the_json_object_on_one_compact_line() -> None:
    """--format jsonl writes the object of --format json, compact (made once as UTF-8 bytes)."""
    runner = CliRunner()
    lines = runner.invoke(cli, ["check", str(ROOT / SEED), "--format", "jsonl"]).stdout_bytes
    whole = runner.invoke(cli, ["check", str(ROOT / SEED), "--format", "json"]).stdout_bytes
    assert lines.endswith(b"\n") and lines.count(b"\n") == 1
    assert json.loads(lines, parse_float=Decimal) == json.loads(whole, parse_float=Decimal)
    assert b'", "' not in lines and b'": ' not in lines
