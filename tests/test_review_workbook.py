"""The reviewer's own workbook annotated, read back with openpyxl: `rescore export` the shipped
example, `rescore check` the workbook with `--format xlsx`, and every item's 重算得分 and every
finding's fill and comment are on its own row, 三级指标 printed or blank (the rows of table 1
and table 7 with no 三级指标 text used to stop the matching); a row the workbook does not have
is listed on stderr and on the 复核汇总 sheet, never dropped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from engine.cli import cli
from engine.cli.common import open_report
from engine.output import xlsx_annotate
from engine.output.xlsx import FILLS
from engine.output.xlsx_annotate import annotate_copy
from engine.profiles import load_profile
from engine.review.pipeline import rescore

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "hengyang-2024" / "report.json"
K, H, E, F = 11, 8, 5, 6  # 重算得分 (the column added after 备注), 得分, 实际完成值, 评分标准
COLUMN_OF = {"R": F, "V": E, "I": E}


def _rescore(*args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from engine.cli import main; main(sys.argv[1:])"
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120,
                          env=env, cwd=ROOT)


@pytest.fixture(scope="module")
def trip(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("trip")
    exported, review = folder / "e.xlsx", folder / "e-review.xlsx"
    done = _rescore("export", str(SEED), "-o", str(exported))
    assert done.returncode == 0, done.stderr
    checked = _rescore("check", str(exported), "--format", "xlsx", "-o", str(review))
    assert checked.returncode == 1, checked.stderr  # the example has error-level findings
    as_json = _rescore("check", str(exported), "--format", "json")
    return {"book": load_workbook(review), "source": load_workbook(exported), "stderr": checked.stderr,
            "result": json.loads(as_json.stdout, parse_float=Decimal), "exported": exported}


def _sheet(book: Any, number: int) -> Any:
    return next(s for s in book.worksheets if s.title.startswith(f"表{number} "))


def _header(sheet: Any) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(row=r, column=3).value == "三级指标")


def _execution_row(sheet: Any) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if str(sheet.cell(row=r, column=2).value).startswith("年度资金总额"))


def _expected(item: dict[str, Any]) -> float | str:
    if item["recomputed"] is not None:
        return float(item["recomputed"])
    low, high = item["range"] or (None, None)
    return f"{low:f}–{high:f}" if low is not None else "无法重算"


def _fill(cell: Any) -> str | None:
    return cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else None


def test_every_item_has_its_recomputed_score_on_its_own_row(trip: dict[str, Any]) -> None:
    book, result = trip["book"], trip["result"]
    tables = result["tables"]
    assert len(tables) == 8
    for table in tables:
        sheet = _sheet(book, table["number"])
        header = _header(sheet)
        assert sheet.cell(row=header, column=K).value == "重算得分"
        for item in table["items"]:
            row = _execution_row(sheet) if item["field"] == "execution" else header + item["row"]
            if item["field"] is None:  # the exporter writes indicator n on row header + n
                assert sheet.cell(row=row, column=3).value in (item["name"], None), (table["number"], item["row"])
            assert sheet.cell(row=row, column=K).value == _expected(item), (table["number"], item["name"])
    one = _sheet(book, 1)
    assert [one.cell(row=r, column=K).value for r in range(25, 29)] == [3, 4, 10, 10]
    assert one.cell(row=25, column=3).value is None  # 社会效益指标: no 三级指标 text, matched by position
    seven = _sheet(book, 7)
    blank = next(i for i in tables[6]["items"] if i["row"] == 6)
    assert seven.cell(row=_header(seven) + 6, column=3).value is None
    assert seven.cell(row=_header(seven) + 6, column=K).value == _expected(blank) == "8.00–10.00"


def test_every_findings_row_has_its_fill_and_comment(trip: dict[str, Any]) -> None:
    book, result = trip["book"], trip["result"]
    findings = [f for f in result["findings"] if f["table_number"] is not None]
    assert findings
    for f in findings:
        sheet = _sheet(book, f["table_number"])
        if f["row"] is not None:
            column = 3 if f["code"] == "I003" else COLUMN_OF.get(f["code"][0], H)
            cell = sheet.cell(row=_header(sheet) + f["row"], column=column)
        elif f["field"] == "execution":
            cell = sheet.cell(row=_execution_row(sheet), column=H)
        else:
            cell = next(c for row in sheet.iter_rows() for c in row if c.comment and f["message"] in c.comment.text)
        assert cell.comment is not None and f["message"] in cell.comment.text, (f["code"], f["table_number"], f["row"])
        if f["code"] in ("S001", "S002"):
            assert _fill(cell) == FILLS[f["severity"] if f["severity"] != "info" else "warning"], f
    one = _sheet(book, 1)
    for row, level in ((24, "error"), (25, "error"), (26, "error"), (28, "warning")):
        cell = one.cell(row=row, column=H)
        assert _fill(cell) == FILLS[level] and "S001" in cell.comment.text and "少计 1 分" in cell.comment.text
    assert [one.cell(row=r, column=H).comment is None for r in (17, 19, 23, 27)] == [True] * 4


def test_nothing_unplaced_is_reported_for_the_round_trip(trip: dict[str, Any]) -> None:
    assert "没有对应的单元格" not in trip["stderr"]
    values = [c.value for row in trip["book"]["复核汇总"].iter_rows() for c in row]
    assert not any(isinstance(v, str) and "找不到对应的单元格" in v for v in values)


def test_the_same_workbook_twice_is_the_same_bytes(tmp_path: Path, trip: dict[str, Any]) -> None:
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    for out in (first, second):
        assert _rescore("check", str(trip["exported"]), "--format", "xlsx", "-o", str(out)).returncode == 1
    assert first.read_bytes() == second.read_bytes()


def test_without_provenance_blank_names_match_by_position(tmp_path: Path, trip: dict[str, Any]) -> None:
    """A result read from the JSON (no cells recorded) on the exported workbook: rows matched in
    order, the rows with no 三级指标 by position."""
    result = rescore(open_report(SEED), load_profile("mof2020"), file=str(SEED))
    target = tmp_path / "copy.xlsx"
    done = annotate_copy(trip["exported"], result, target)
    assert done is not None
    assert [u.where for u in done.unplaced] == ["「预算执行率」"] * 8  # its row is found by provenance only
    book = load_workbook(target)
    for t in result.tables:
        sheet = _sheet(book, t.number)
        for item in (i for i in t.items if i.row is not None):
            expected = float(item.recomputed) if item.recomputed is not None else (
                f"{item.range[0]:f}–{item.range[1]:f}" if item.range else "无法重算")
            assert sheet.cell(row=_header(sheet) + item.row, column=K).value == expected, (t.number, item.row)


def test_a_row_the_workbook_lacks_is_listed_not_dropped(tmp_path: Path, trip: dict[str, Any]) -> None:
    """企业满意度 blanked out of 表1: it is listed on 复核汇总; the rows after it still match."""
    result = rescore(open_report(SEED), load_profile("mof2020"), file=str(SEED))
    source = tmp_path / "missing.xlsx"
    book = load_workbook(trip["exported"])
    for cell in _sheet(book, 1)[27]:
        cell.value = None
    book.save(source)
    done = annotate_copy(source, result, tmp_path / "out.xlsx")
    assert done is not None
    lines = [line for line in done.notes() if line.startswith("表1 ")]
    assert lines == ["表1 第 11 行「企业满意度」：在原工作簿中没有对应的单元格，重算得分 10，见「复核汇总」表",
                     "表1 「预算执行率」：在原工作簿中没有对应的单元格，重算得分 10，见「复核汇总」表"]
    out = load_workbook(tmp_path / "out.xlsx")
    assert _sheet(out, 1).cell(row=28, column=K).value == 10  # 成本控制, after the gap
    assert "S001" in _sheet(out, 1).cell(row=28, column=H).comment.text
    rows = [[c.value for c in row] for row in out["复核汇总"].iter_rows()]
    start = next(i for i, r in enumerate(rows) if isinstance(r[0], str) and "找不到对应的单元格" in r[0])
    assert rows[start + 1][:4] == ["表", "位置", "重算得分", "发现"]
    assert [1, "第 11 行「企业满意度」", "10", None] in [r[:4] for r in rows[start + 2:]]


def test_the_command_says_on_stderr_what_it_could_not_place(tmp_path: Path, trip: dict[str, Any],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A row the matching cannot place (simulated: 表1 row 9 dropped) is named on stderr."""
    real = xlsx_annotate.match_rows

    def lose_one(block: Any, items: Any) -> Any:
        return {n: i for n, i in real(block, items).items() if not (i.table_number == 1 and i.row == 9)}

    monkeypatch.setattr(xlsx_annotate, "match_rows", lose_one)
    out = tmp_path / "review.xlsx"
    done = CliRunner().invoke(cli, ["check", str(trip["exported"]), "--format", "xlsx", "-o", str(out), "--jobs", "1"])
    assert done.exit_code == 1, done.output
    assert (f"{out}: 表1 第 9 行「社会效益指标」：在原工作簿中没有对应的单元格，重算得分 3，发现 S001、N001，"
            "见「复核汇总」表") in done.stderr
    assert _sheet(load_workbook(out), 1).cell(row=25, column=K).value is None
