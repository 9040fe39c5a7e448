"""Identity, not names: findings are placed by table number and row, in every format.

`tests/fixtures/identity/repeated-names.json` has two tables both called 项目支出绩效自评表,
and 信访工作 and 群众满意度 each under two 二级指标 in both tables, with faults planted in
different rows (the fixture's notes say which). Placed by name, the second table would show
the first one's T001 and E001, and each 信访工作 the other rows' findings.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from engine.findings import Finding
from engine.output.text import finding_line
from engine.profiles import load_profile
from engine.report.loading import load_report
from engine.review.pipeline import rescore
from engine.review.result import ReportResult

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "identity" / "repeated-names.json"

# (code, table number, row, field) of every finding the planted faults raise
PLANTED = Counter({
    ("S001", 1, 2, None): 1, ("T001", 1, None, "total"): 1, ("E001", 1, None, "execution"): 1,
    ("S001", 2, 1, None): 1, ("S001", 2, 3, None): 1, ("N001", 2, 3, None): 1,
})


@pytest.fixture(scope="module")
def result() -> ReportResult:
    return rescore(load_report(FIXTURE), load_profile("mof2020"), file=str(FIXTURE))


def _run(*args: str) -> str:
    done = CliRunner().invoke(cli, [*args])
    assert done.exit_code in (0, 1), done.output
    return done.output


def _places(findings: list[Finding]) -> Counter[tuple[str, int | None, int | None, str | None]]:
    return Counter((f.code, f.table_number, f.row, f.field) for f in findings)


def test_the_fixture_repeats_names(result: ReportResult) -> None:
    assert result.tables[0].name == result.tables[1].name
    for table in result.tables:
        names = Counter(i.name for i in table.items)
        assert names["信访工作"] == 2 and names["群众满意度"] == 2


def test_findings_carry_their_place(result: ReportResult) -> None:
    assert _places(result.findings) == PLANTED


def test_items_carry_their_place(result: ReportResult) -> None:
    for number, table in enumerate(result.tables, start=1):
        *indicators, execution = table.items
        assert [(i.table_number, i.row, i.field) for i in indicators] == [
            (number, row, None) for row in range(1, len(indicators) + 1)]
        assert (execution.table_number, execution.row, execution.field) == (number, None, "execution")


def test_json_places_each_finding_once_in_its_own_row() -> None:
    data = json.loads(_run(str(FIXTURE), "--format", "json"))
    placed = Counter((f["code"], f["table_number"], f["row"], f["field"]) for f in data["findings"])
    assert placed == PLANTED
    for f in data["findings"]:
        table = data["tables"][f["table_number"] - 1]
        owners = [i for i in table["items"] if (i["table_number"], i["row"], i["field"]) ==
                  (f["table_number"], f["row"], f["field"])]
        if f["field"] in ("total", "grade", "funding", "table"):
            assert owners == []
        else:
            assert len(owners) == 1 and owners[0]["name"] == f["item"]


def _sections(text: str, heading: str) -> dict[int, str]:
    """Table number → that table's section of a rendering (up to the next table or the end)."""
    parts = re.split(heading, text)
    return {int(number): body for number, body in zip(parts[1::2], parts[2::2])}


def test_text_shows_each_finding_once_in_its_own_table(result: ReportResult) -> None:
    sections = _sections(_run(str(FIXTURE), "--no-colour"), r"【表 (\d+)】")
    assert set(sections) == {1, 2}
    for number, body in sections.items():
        shown = Counter(line.strip() for line in body.splitlines() if re.match(r"\s+[A-Z]\d{3} ", line))
        own = Counter(finding_line(f, False) for f in result.findings if f.table_number == number)
        assert shown == own, f"table {number}"


def test_markdown_shows_each_finding_once_in_its_own_table(result: ReportResult) -> None:
    sections = _sections(_run(str(FIXTURE), "--format", "markdown"), r"\n## 表 (\d+)：")
    assert set(sections) == {1, 2}
    for number, body in sections.items():
        shown = Counter(line.split(" | ")[0].removeprefix("| ") for line in body.splitlines()
                        if re.match(r"\| [A-Z]\d{3} ", line))
        own = Counter(f"{f.code} {f.kind}" for f in result.findings if f.table_number == number)
        assert shown == own, f"table {number}"


def _explained_codes(output: str) -> list[list[str]]:
    """The finding codes listed under each item block of `rescore explain`."""
    blocks = [b for b in output.split("\n\n") if b.startswith("【表")]
    return [re.findall(r"^  ([A-Z]\d{3}) ", b, flags=re.MULTILINE) for b in blocks]


@pytest.mark.parametrize(("table", "row", "codes"), [
    ("1", "2", ["S001"]),       # not table 2's S001 on its row 1, though both rows are 信访工作
    ("2", "1", ["S001"]),
    ("2", "2", []),
    ("2", "3", ["S001", "N001"]),
    ("1", "3", []),             # table 1's 群众满意度 holds; table 2's does not
    ("1", "5", ["E001"]),       # the 预算执行率 row is listed last
    ("2", "5", []),
])
def test_explain_by_row_number_shows_only_that_rows_findings(table: str, row: str, codes: list[str]) -> None:
    output = _run("explain", str(FIXTURE), table, row)
    assert f"（第 {row} 行）" in output.splitlines()[0]
    assert _explained_codes(output) == [codes]


def test_explain_by_a_repeated_name_shows_each_row_with_its_own_findings() -> None:
    output = _run("explain", str(FIXTURE), "项目支出绩效自评表", "群众满意度")
    assert output.splitlines()[0].startswith("「群众满意度」对应 4 行：表 1 第 3、4 行；表 2 第 3、4 行")
    assert _explained_codes(output) == [[], [], ["S001", "N001"], []]
    output = _run("explain", str(FIXTURE), "1", "信访工作")
    assert "表 1 第 1、2 行" in output.splitlines()[0]
    assert _explained_codes(output) == [[], ["S001"]]


def test_explain_a_row_that_does_not_exist() -> None:
    done = CliRunner().invoke(cli, ["explain", str(FIXTURE), "1", "9"])
    assert done.exit_code == 2
    assert "1–5" in done.output
