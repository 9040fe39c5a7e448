"""The annotated workbook, read back with openpyxl: 重算得分 values, fills on the cells that
disagree, comments with the findings' arithmetic, the summary sheet; and the reviewer's own
workbook copied with the annotations added (rows matched by order, names repeating)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from engine.cli import cli
from engine.cli.common import open_report
from engine.output.xlsx import COL, FILLS, HEADER_ROW
from engine.output.xlsx_annotate import annotate_copy
from engine.profiles import load_profile
from engine.review.pipeline import rescore
from engine.review.result import ReportResult

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "hengyang-2024" / "report.json"


@pytest.fixture(scope="module")
def result() -> ReportResult:
    return rescore(open_report(SEED), load_profile("mof2020"), file=str(SEED))


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("xlsx") / "review.xlsx"
    done = CliRunner().invoke(cli, [str(SEED), "--format", "xlsx", "-o", str(out)])
    assert done.exit_code == 1, done.output
    return load_workbook(out)


def _fill(cell: Any) -> str | None:
    return cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else None


def test_sheets(book: Any, result: ReportResult) -> None:
    assert book.sheetnames == ["复核汇总"] + [f"表{t.number}" for t in result.tables]


def test_recomputed_fills_and_comments_sit_on_their_rows(book: Any, result: ReportResult) -> None:
    by_place = {}
    for f in result.findings:
        by_place.setdefault((f.table_number, f.row), []).append(f)
    for t in result.tables:
        sheet = book[f"表{t.number}"]
        assert [c.value for c in sheet[HEADER_ROW]][:10][COL["重算得分"] - 1] == "重算得分"
        for offset, item in enumerate(t.items, start=1):
            row = HEADER_ROW + offset
            score, again = sheet.cell(row=row, column=COL["得分"]), sheet.cell(row=row, column=COL["重算得分"])
            if item.recomputed is not None:
                assert again.value == pytest.approx(float(item.recomputed)), (t.number, item.name)
            if item.field is None:
                assert sheet.cell(row=row, column=COL["三级指标"]).value == item.name
            own = [f for f in by_place.get((t.number, item.row), []) if item.field is None and f.row == item.row]
            score_findings = [f for f in own if f.code in ("S001", "S002")]
            if score_findings:
                level = "error" if any(f.level == "error" for f in score_findings) else "warning"
                assert _fill(score) == FILLS[level], (t.number, item.name)
                for f in score_findings:
                    assert f.message in score.comment.text
            elif item.field is None and not own:
                assert _fill(score) is None and score.comment is None


def test_the_seed_fills(book: Any) -> None:
    sheet = book["表1"]
    rows = {sheet.cell(row=r, column=COL["三级指标"]).value: r for r in range(HEADER_ROW + 1, sheet.max_row + 1)}
    for name, level in (("社会效益指标", "error"), ("合理适度开发", "error"), ("成本控制", "warning")):
        cell = sheet.cell(row=rows[name], column=COL["得分"])
        assert _fill(cell) == FILLS[level]
        assert "S001" in cell.comment.text and "少计 1 分" in cell.comment.text
    assert sheet.cell(row=rows["社会效益指标"], column=COL["重算得分"]).value == 3
    rule = sheet.cell(row=rows["受污染耕地安全利用率"], column=COL["评分标准"])
    assert "R003" in rule.comment.text


def test_summary_sheet_keeps_over_and_under_apart(book: Any, result: ReportResult) -> None:
    sheet = book["复核汇总"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(v for v in values if v[0] == "文件")
    tables = [v for v in values[values.index(header) + 1:] if v[0] == str(SEED)]
    assert len(tables) == len(result.tables)
    assert sum(v[header.index("少计分")] for v in tables) == 3 and sum(v[header.index("多计分")] for v in tables) == 0
    findings = [v for v in values if v[0] and str(v[0])[:1].isalpha() and len(str(v[0])) == 4 and str(v[0])[1:].isdigit()]
    assert len(findings) == len(result.findings)


def _reviewers_workbook(path: Path, result: ReportResult) -> None:
    """A workbook laid out as a unit would: a title, notes, a sub-heading inside the block."""
    book = Workbook()
    book.active.title = "说明"
    book.active["A1"] = "审核人：张三"
    for t in result.tables:
        sheet = book.create_sheet(f"{t.number}")
        sheet.append([f"{t.name} 绩效自评表"])
        sheet.append([])
        sheet.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分（分）", "偏差原因"])
        for item in t.items:
            if item.row == 3:
                sheet.append(["（以下为效益指标）"])  # a row that is no indicator
            if item.row is not None:
                sheet.append(["", "", item.name, item.target, item.actual, float(item.weight or 0),
                              float(item.claimed) if item.claimed is not None else None, ""])
    book.save(path)


def test_the_reviewers_own_workbook_is_copied_with_the_review(tmp_path: Path, result: ReportResult) -> None:
    source, target = tmp_path / "单位报送.xlsx", tmp_path / "复核.xlsx"
    _reviewers_workbook(source, result)
    before = source.read_bytes()
    assert annotate_copy(source, result, target)
    assert source.read_bytes() == before
    book = load_workbook(target)
    assert book.sheetnames[0] == "复核汇总" and book["说明"]["A1"].value == "审核人：张三"
    four = result.tables[3]  # 纪检监察机构专项经费: 信访工作 three times
    sheet = book["4"]
    assert sheet.cell(row=3, column=9).value == "重算得分"
    names = [sheet.cell(row=r, column=3).value for r in range(4, sheet.max_row + 1)]
    for item in four.items:
        if item.row is None:
            continue
        row = 4 + names.index(item.name) if names.count(item.name) == 1 else None
        if row is None:  # a repeated name: the n-th occurrence is the n-th such indicator
            nth = [i.row for i in four.items if i.name == item.name].index(item.row)
            row = 4 + [k for k, n in enumerate(names) if n == item.name][nth]
        value = sheet.cell(row=row, column=9).value
        expected = float(item.recomputed) if item.recomputed is not None else f"{item.range[0]:f}–{item.range[1]:f}"
        assert value == expected, (item.row, item.name)
    one = book["1"]
    social = next(r for r in range(4, one.max_row + 1) if one.cell(row=r, column=3).value == "社会效益指标")
    assert _fill(one.cell(row=social, column=7)) == FILLS["error"]
    assert "S001" in one.cell(row=social, column=7).comment.text


def test_an_input_workbook_goes_through_the_importer(tmp_path: Path, result: ReportResult) -> None:
    """`rescore 报送.xlsx --format xlsx` imports the reviewer's own workbook (engine.importers) and
    writes the annotated copy."""
    source = tmp_path / "报送.xlsx"
    _reviewers_workbook(source, result)
    out = tmp_path / "复核.xlsx"
    done = CliRunner().invoke(cli, [str(source), "--format", "xlsx", "-o", str(out), "--jobs", "1"])
    assert done.exit_code in (0, 1), done.output
    book = load_workbook(out)
    assert "说明" in book.sheetnames and book["1"].cell(row=3, column=9).value == "重算得分"
