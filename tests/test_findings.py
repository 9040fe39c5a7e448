"""One fixture file per finding kind, collected by one parametrised test (the SQLFluff model).

`tests/fixtures/findings/<kind>.toml` holds `[[raises]]` cases (a minimal report fragment and
the findings of that kind it must raise: code, table, item and, where meaningful, claimed,
expected, severity, extra) and `[[not_raises]]` near-misses that must not raise that kind.
A case may carry `xfail = "reason"`: a real engine bug, asserted strictly so that the fix shows,
and `profile = "NAME"` (a shipped profile; default mof2020) or `profile_file = "x.toml"` (one of
tests/fixtures/profiles, as a user would supply it with `--profile x.toml`).

A case holds the fields of one scoring table (indicators, funding, execution, claimed_total,
claimed_grade, scale, kind) and/or `basic_data`; `report()` fills in everything else. Amounts
are strings so that they stay exact. Only codes, places and values are asserted, never wording.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from engine.review.checks import rescore
from engine.findings import BY_KIND, CODES, Finding
from engine.report.model import Report
from engine.profiles import load_profile, load_profile_file

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "findings"
TABLE = "测试表"
LINT_CODES = {code for code in CODES if code.startswith("L")}  # lint findings: tested in test_symbolic, test_profiles_lint

# Keys of a case that are not table fields.
_CASE_KEYS = {"name", "xfail", "expect", "basic_data", "profile", "profile_file"}
PROFILES = Path(__file__).resolve().parent / "fixtures" / "profiles"  # profiles a user supplies
_FILLER = {"level3": "占位指标", "target": "≥1", "actual": "1", "weight": "100", "claimed_score": "100"}


def report(case: dict) -> Report:
    """A valid report around the fragment in `case`: one table named 测试表 (project unless the
    case says otherwise), a filler indicator when the case has none, and the case's basic_data."""
    table = {"name": TABLE, "kind": "project"}
    table.update({k: v for k, v in case.items() if k not in _CASE_KEYS})
    table.setdefault("indicators", [dict(_FILLER)])
    data = {"schema_version": 1, "unit": "测试单位", "year": 2024, "tables": [table]}
    if "basic_data" in case:
        data["basic_data"] = case["basic_data"]
    return Report.model_validate(data)


def _cases():
    for path in sorted(FIXTURES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        kind = path.stem
        for group in ("raises", "not_raises"):
            for number, case in enumerate(data.get(group, []), start=1):
                marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
                yield pytest.param(kind, group, case, id=f"{kind}-{group}-{number}", marks=marks)


def _dec(value) -> Decimal:
    return Decimal(str(value))


def _matches(finding: Finding, want: dict, code: str) -> bool:
    if finding.code != want.get("code", code):
        return False
    if finding.table != want.get("table", TABLE) or finding.item != want.get("item"):
        return False
    if "severity" in want and finding.level != want["severity"]:
        return False
    if "claimed" in want and (finding.claimed is None or finding.claimed != _dec(want["claimed"])):
        return False
    if "expected" in want:
        if isinstance(want["expected"], list):
            if not isinstance(finding.expected, tuple):
                return False
            if [_dec(x) for x in finding.expected] != [_dec(x) for x in want["expected"]]:
                return False
        elif finding.expected is None or isinstance(finding.expected, tuple) or finding.expected != _dec(want["expected"]):
            return False
    if "reading" in want and finding.extra.get("reading") != want["reading"]:
        return False
    if "direction" in want and finding.direction != want["direction"]:
        return False
    if "column" in want and finding.extra.get("column") != want["column"]:
        return False
    return True


def _describe(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.code} {f.level} [{f.table} / {f.item}] claimed={f.claimed} expected={f.expected} "
                     f"extra={f.extra}" for f in findings) or "  (none)"


@pytest.mark.parametrize(("kind", "group", "case"), list(_cases()))
def test_fixture(kind: str, group: str, case: dict) -> None:
    code = BY_KIND[kind].code
    profile = (load_profile_file(PROFILES / case["profile_file"]) if "profile_file" in case
               else load_profile(case.get("profile", "mof2020")))
    result = rescore(report(case), profile)
    of_kind = [f for f in result.findings if f.kind == kind]
    if group == "not_raises":
        assert not of_kind, f"{case['name']}: must not raise {code} {kind}, got\n{_describe(of_kind)}"
        return
    wanted = case.get("expect", [])
    assert wanted, f"{case['name']}: a raises case must list its expected findings"
    remaining = list(of_kind)
    for want in wanted:
        hit = next((f for f in remaining if _matches(f, want, code)), None)
        assert hit is not None, f"{case['name']}: expected {want}, got\n{_describe(of_kind)}"
        remaining.remove(hit)
    assert not remaining, f"{case['name']}: unexpected extra {code} findings\n{_describe(remaining)}"


def test_every_checkable_kind_has_a_fixture_file() -> None:
    kinds = {c.kind for c in CODES.values() if c.code not in LINT_CODES}
    files = {p.stem for p in FIXTURES.glob("*.toml")}
    assert kinds - files == set(), f"kinds without a fixture file: {sorted(kinds - files)}"
    assert files - kinds == set(), f"fixture files for unknown kinds: {sorted(files - kinds)}"


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.toml")), ids=lambda p: p.stem)
def test_fixture_file_has_both_groups(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    plain = lambda cases: [c for c in cases if "xfail" not in c]  # noqa: E731
    assert plain(data.get("raises", [])), f"{path.name}: no [[raises]] case that passes today"
    assert plain(data.get("not_raises", [])), f"{path.name}: no [[not_raises]] case that passes today"
