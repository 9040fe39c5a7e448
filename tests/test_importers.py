"""rescore import: real-looking forms, written by the tests themselves, import value by value.

Each fixture is made here with openpyxl or python-docx (or plain bytes for csv): merged header
cells, shuffled and renamed columns, percent-formatted cells, float noise, a sheet with two
tables, a docx with the budget and indicator tables apart, GB18030 csv. Bad files end in a
Chinese message and exit 2, never a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from engine.cli import EXIT_ERROR, cli
from engine.importers import import_file, open_report
from engine.report.problems import ReportError

D = Decimal


def rows_of(report: Any, table: int = 0) -> list[tuple[Any, ...]]:
    return [(i.level1, i.level2, i.level3, i.target, i.actual, i.rule, i.weight, i.claimed_score)
            for i in report.tables[table].indicators]


def _project_sheet(sheet: Any, top: int = 1, name: str = "特色产业发展项目") -> int:
    """A project form in the national layout, with the quirks of real files; returns the next row."""
    sheet.cell(top, 1, "项目支出绩效自评表")
    sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=9)
    sheet.cell(top + 1, 1, "（2024年度）")
    sheet.cell(top + 2, 1, "项目名称")
    sheet.cell(top + 2, 2, name)
    sheet.merge_cells(start_row=top + 2, start_column=2, end_row=top + 2, end_column=9)
    sheet.cell(top + 3, 1, "主管部门")
    sheet.cell(top + 3, 2, "某县农业农村局")
    sheet.cell(top + 3, 5, "实施单位")
    sheet.cell(top + 3, 6, "某县农业技术推广中心")
    header = ["项目资金\n（万元）", "资金来源", "年初预算数", "全年预算数\n(万元)", "全年执行数", "分值", "执行率", "得分"]
    for column, text in enumerate(header, start=1):
        sheet.cell(top + 4, column, text)
    funds = [("当年财政拨款", 50, 60, 55.2), ("上年结转", 0, 0, 0), ("年度资金总额", 50, 60, 55.2)]
    for offset, (source, initial, full, executed) in enumerate(funds, start=5):
        for column, value in enumerate((source, initial, full, executed), start=2):
            sheet.cell(top + offset, column, value)
    sheet.merge_cells(start_row=top + 4, start_column=1, end_row=top + 7, end_column=1)
    sheet.cell(top + 7, 6, 10)
    rate = sheet.cell(top + 7, 7, 0.92)  # a percent-formatted cell
    rate.number_format = "0.00%"
    sheet.cell(top + 7, 8, 9.2)
    # the indicator block: a merged two-row heading, renamed and shuffled columns
    first = top + 8
    sheet.cell(first, 1, "绩效指标")
    sheet.merge_cells(start_row=first, start_column=1, end_row=first, end_column=3)
    for column, text in ((4, "自评得分"), (5, "权重"), (6, "指标值"), (7, "全年实际值"), (8, "评分规则"),
                         (9, "偏差原因分析及改进措施")):
        sheet.cell(first, column, text)
        sheet.merge_cells(start_row=first, start_column=column, end_row=first + 1, end_column=column)
    for column, text in enumerate(("一级指标", "二级指标", "三级指标"), start=1):
        sheet.cell(first + 1, column, text)
    data = [
        ("产出指标", "数量指标", "种植面积", 30, 30, "≥100亩", "120亩", "达到100亩得满分", None),
        (None, None, "其中桃树种植面积", None, "/", "≥50亩", "60亩", None, None),
        (None, "质量指标", "成活率", 0.1 + 0.2 + 19.7, 20, "≥95%", 0.9, None, "冻害"),
        ("效益指标", "社会效益指标", "带动就业", 30, 30, "≥20人", "25人", None, None),
    ]
    for offset, values in enumerate(data, start=2):
        for column, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(first + offset, column, value)
    sheet.cell(first + 4, 7).number_format = "0%"  # 90% stored as 0.9
    sheet.merge_cells(start_row=first + 2, start_column=1, end_row=first + 4, end_column=1)
    sheet.cell(first + 6, 1, "总分")
    sheet.merge_cells(start_row=first + 6, start_column=1, end_row=first + 6, end_column=3)
    sheet.cell(first + 6, 5, 100)
    sheet.cell(first + 6, 4, 89.2)
    return first + 8


def test_xlsx_with_merged_headers_shuffled_columns_percent_and_float_noise(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    _project_sheet(workbook.active)
    path = tmp_path / "form.xlsx"
    workbook.save(path)
    result = import_file(path)
    report = result.report()
    assert report.year == 2024 and report.unit == "某县农业农村局"
    table = report.tables[0]
    assert (table.name, table.kind, table.department, table.implementer) == (
        "特色产业发展项目", "project", "某县农业农村局", "某县农业技术推广中心")
    assert [(f.source, f.initial, f.full_year, f.executed) for f in table.funding] == [
        ("当年财政拨款", D(50), D(60), D("55.2")), ("上年结转", D(0), D(0), D(0)),
        ("年度资金总额", D(50), D(60), D("55.2"))]
    assert (table.execution.weight, table.execution.rate, table.execution.claimed_score) == (D(10), "92.00%", D("9.2"))
    assert rows_of(report) == [
        ("产出指标", "数量指标", "种植面积", "≥100亩", "120亩", "达到100亩得满分", D(30), D(30)),
        ("产出指标", "数量指标", "其中桃树种植面积", "≥50亩", "60亩", None, None, None),
        ("产出指标", "质量指标", "成活率", "≥95%", "90%", None, D(20), D(20)),
        ("效益指标", "社会效益指标", "带动就业", "≥20人", "25人", None, D(30), D(30)),
    ]
    assert str(table.indicators[2].claimed_score) == "20"  # 0.1 + 0.2 + 19.7 is float noise around 20
    assert table.indicators[2].deviation_note == "冻害"
    assert (table.claimed_total, table.scale) == (D("89.2"), D(100))
    # provenance: the sheet and the cell of each value
    assert table.origin.file == "form.xlsx" and table.origin.sheet == "Sheet"
    assert table.indicators[0].origin.cells["weight"] == "E11"
    assert table.indicators[0].origin.cells["claimed_score"] == "D11"
    assert table.origin.cells["claimed_total"] == "D15"


def test_two_tables_in_one_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    nxt = _project_sheet(workbook.active)
    _project_sheet(workbook.active, top=nxt, name="高标准农田建设")
    path = tmp_path / "two.xlsx"
    workbook.save(path)
    report = open_report(path)
    assert [t.name for t in report.tables] == ["特色产业发展项目", "高标准农田建设"]
    assert rows_of(report, 0) == rows_of(report, 1)
    assert report.tables[1].indicators[0].origin.cells["level3"] == f"C{nxt + 10}"


def test_docx_with_budget_and_indicator_tables_apart(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("2024年度项目支出绩效自评报告")
    document.add_paragraph("项目名称：农村道路维护")
    budget = document.add_table(rows=3, cols=5)
    for r, values in enumerate([("资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率"),
                                ("当年财政拨款", "20", "20", "18", "90.00%"),
                                ("年度资金总额", "20", "20", "18", "90.00%")]):
        for c, value in enumerate(values):
            budget.cell(r, c).text = value
    document.add_paragraph("一、绩效目标完成情况：道路维护按期完成。")
    indicators = document.add_table(rows=3, cols=7)
    for r, values in enumerate([("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
                                ("产出指标", "数量指标", "维护里程", "≥30公里", "32公里", "50", "50"),
                                ("", "时效指标", "完成时间", "12月前", "11月", "40", "40")]):
        for c, value in enumerate(values):
            indicators.cell(r, c).text = value
    indicators.cell(1, 0).merge(indicators.cell(2, 0))
    path = tmp_path / "form.docx"
    document.save(path)
    report = import_file(path).report()
    assert report.year == 2024 and report.title == "2024年度项目支出绩效自评报告"
    table = report.tables[0]
    assert table.name is None  # 项目名称 is in the narrative, not in a table: not guessed
    assert [(f.source, f.executed) for f in table.funding] == [("当年财政拨款", D(18)), ("年度资金总额", D(18))]
    assert table.execution.rate == "90.00%"
    assert rows_of(report) == [
        ("产出指标", "数量指标", "维护里程", "≥30公里", "32公里", None, D(50), D(50)),
        ("产出指标", "时效指标", "完成时间", "12月前", "11月", None, D(40), D(40)),
    ]
    assert "道路维护按期完成" in report.note
    assert table.indicators[1].origin.sheet == "表 2" and table.indicators[1].origin.cells["weight"] == "F3"


CSV_TEXT = ("项目名称,乡村振兴示范村\n"
            "三级指标,一级指标,年度指标值,实际完成值,分值,得分\n"
            "示范村数量,产出指标,≥3个,3个,60,60\n"
            "群众满意度,满意度指标,≥90%,93%,40,38\n"
            "总分,,,,100,98\n")


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-8"])
def test_csv_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "form.csv"
    path.write_bytes(CSV_TEXT.encode(encoding))
    report = import_file(path).report()
    assert report.tables[0].name == "乡村振兴示范村"
    assert [(i.level3, i.level1, i.target, i.actual, i.weight, i.claimed_score) for i in report.tables[0].indicators] == [
        ("示范村数量", "产出指标", "≥3个", "3个", D(60), D(60)),
        ("群众满意度", "满意度指标", "≥90%", "93%", D(40), D(38))]
    assert (report.tables[0].scale, report.tables[0].claimed_total) == (D(100), D(98))
    assert report.tables[0].indicators[1].origin.cells["claimed_score"] == "F4"


def test_missing_year_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "form.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    result = import_file(path)
    assert result.report().year is None
    assert [c.field for c in result.checks if c.read is None] == ["年度"]


# --------------------------------------------------------------------------- the CLI

def _run(args: list[str]) -> Any:
    result = CliRunner().invoke(cli, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_rescore_xlsx_on_the_fly_and_import_command(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    _project_sheet(workbook.active)
    path = tmp_path / "form.xlsx"
    workbook.save(path)
    checked = _run([str(path), "--format", "json"])
    assert checked.exit_code in (0, 1)
    data = json.loads(checked.stdout)
    assert [t["name"] for t in data["tables"]] == ["特色产业发展项目"]
    v003 = [f for f in data["findings"] if f["code"] == "V003"]
    assert [(f["row"], f["severity"], f["details"]["origin"]["cells"]["level3"]) for f in v003] == [(2, "info", "C12")]
    out = tmp_path / "report.json"
    imported = _run(["import", str(path), "-o", str(out)])
    assert imported.exit_code == 0
    assert "读出 1 张表、4 个指标行" in imported.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["tables"][0]["indicators"][0]["weight"] == "30"


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    files = {}
    files["not-a-zip"] = tmp_path / "broken.xlsx"
    files["not-a-zip"].write_bytes(b"this is not a workbook")
    files["encrypted"] = tmp_path / "locked.xlsx"
    files["encrypted"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    workbook = openpyxl.Workbook()
    files["empty-sheet"] = tmp_path / "empty.xlsx"
    workbook.save(files["empty-sheet"])
    document = docx.Document()
    document.add_paragraph("只有文字，没有表格")
    files["docx-no-table"] = tmp_path / "words.docx"
    document.save(files["docx-no-table"])
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "一张与绩效无关的表"
    files["no-form"] = tmp_path / "other.xlsx"
    workbook.save(files["no-form"])
    return files


@pytest.mark.parametrize("kind,words", [("not-a-zip", "不是有效的 .xlsx"), ("encrypted", "加密"),
                                        ("empty-sheet", "没有任何填了内容的工作表"), ("docx-no-table", "没有表格"),
                                        ("no-form", "没有找到绩效自评表")])
def test_bad_files_exit_2_with_a_clear_message(tmp_path: Path, kind: str, words: str) -> None:
    path = _bad_files(tmp_path)[kind]
    with pytest.raises(ReportError) as caught:
        import_file(path)
    assert words in caught.value.format()
    for args in ([str(path)], ["import", str(path)]):
        result = _run(args)
        assert result.exit_code == EXIT_ERROR
        assert words in result.stderr and "Traceback" not in result.stderr


def test_pdf_without_pdfplumber_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "form.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(ReportError) as caught:
        import_file(path)
    assert "pip install 'rescore[pdf]'" in caught.value.format()


def test_cli_does_not_import_excel_or_word() -> None:
    code = ("import engine.cli, sys; bad = [m for m in ('openpyxl', 'docx', 'pdfplumber') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[1])


# --------------------------------------------------------------------------- extracted text: a cell twice

def _segment(line: str) -> Any:
    from engine.importers.rows import funding_by_content
    from engine.importers.text import text_grid

    return funding_by_content([c for c in text_grid(line).rows[0] if not c.blank])


@pytest.mark.parametrize("line,amounts,weight", [
    # the 分值 extracted twice: the repeated cell is not the 执行数 (30 / 30 is the printed 100.00%)
    ("年度资金总额\t0\t30\t30\t10\t10\t100.00%\t10.00", ("0", "30", "30"), "10"),
    ("年度资金总额\t50\t50\t40\t10\t10\t80.00%\t8", ("50", "50", "40"), "10"),
    ("年度资金总额\t12.5\t12.5\t12.5\t10\t10\t100.00%\t10", ("12.5", "12.5", "12.5"), "10"),
    ("年度资金总额\t20\t20\t20\t18\t10\t90.00%\t9", ("20", "20", "18"), "10"),
    ("年度资金总额\t0\t0\t30\t30\t10\t10\t100%\t10", ("0", "30", "30"), "10"),  # two cells twice
])
def test_extra_cells_before_the_rate_are_read_by_the_printed_rate(line: str, amounts: tuple[str, ...],
                                                                   weight: str) -> None:
    reads = _segment(line)
    assert tuple(reads[k].value for k in ("initial", "full_year", "executed")) == amounts
    assert (reads["weight"].value, reads["rate"].value, reads["source"].value) == (weight, line.split("\t")[-2],
                                                                                   "年度资金总额")
    for name in ("initial", "full_year", "executed", "weight"):  # still listed: the row was not printed cleanly
        assert reads[name].confidence == 0.6 and "相符" in reads[name].reason


def test_extra_cells_without_a_rate_prefer_an_execution_within_the_budget() -> None:
    reads = _segment("其中:当年财政拨款\t0\t0\t30\t30")
    assert tuple(reads[k].value for k in ("initial", "full_year", "executed")) == ("0", "30", "30")
    assert "另一读法 0、0、30 的执行数大于全年预算数，不取" in reads["executed"].reason


def test_extra_cells_that_no_reading_explains_are_listed_with_the_other_reading() -> None:
    reads = _segment("年度资金总额\t0\t30\t30\t10\t10\t50.00%\t5")  # neither 10 / 30 nor 30 / 30 is 50%
    assert tuple(reads[k].value for k in ("initial", "full_year", "executed")) == ("0", "30", "10")
    assert reads["executed"].confidence == 0.4 and "另一读法：0、30、30" in reads["executed"].reason


# --------------------------------------------------------------------------- csv: a rate stored as a decimal

RATE_CSV = [("项目名称", "乡村振兴示范村"),
            ("资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
            ("年度资金总额", "100", "100", "92.15", "10", "0.9215", "9.22"),
            ("一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
            ("产出指标", "示范村数量", "≥3个", "0.9", "90", "88"),
            ("总分", "", "", "", "100", "97.22")]


@pytest.mark.parametrize("separator", ["\t", ","])
def test_csv_rate_stored_as_a_decimal_is_a_percentage_as_in_a_workbook(tmp_path: Path, separator: str) -> None:
    path = tmp_path / "form.csv"
    path.write_bytes("\n".join(separator.join(row) for row in RATE_CSV).encode("gb18030"))
    result = import_file(path)
    table = result.report().tables[0]
    assert (table.execution.weight, table.execution.rate, table.execution.claimed_score) == (D(10), "92.15%", D("9.22"))
    assert [(f.source, f.initial, f.full_year, f.executed) for f in table.funding] == [
        ("年度资金总额", D(100), D(100), D("92.15"))]
    assert table.indicators[0].actual == "0.9"  # not a rate column: as written
    assert (table.indicators[0].weight, table.indicators[0].claimed_score) == (D(90), D(88))
    [rate] = [c for c in result.checks if c.field == "执行率"]
    assert (rate.cell, rate.read, rate.confidence, rate.reason) == ("F3", "92.15%", 0.9, "数字 0.9215 按小数读作百分数")
    listing = _run(["import", str(path), "-o", str(tmp_path / "report.json")])
    assert "F3  第 1 张表 › 执行率：「92.15%」  把握 90%  数字 0.9215 按小数读作百分数" in listing.stderr


@pytest.mark.parametrize("printed,read", [("1", "100%"), ("1.00", "100%"), ("92.15", "92.15"), ("92.15%", "92.15%")])
def test_csv_rate_follows_the_workbook_rule(tmp_path: Path, printed: str, read: str) -> None:
    rows = [list(row) for row in RATE_CSV]
    rows[2][5] = printed
    path = tmp_path / "form.csv"
    path.write_text("\n".join(",".join(row) for row in rows), encoding="utf-8")
    assert import_file(path).report().tables[0].execution.rate == read


# --------------------------------------------------------------------------- xlsx: a formula with no cached value

def test_xlsx_formula_without_a_cached_value_is_left_null_and_listed(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    _project_sheet(sheet)
    sheet["D11"] = "=E11"  # the 自评得分 of 种植面积: openpyxl writes the formula, never its value
    sheet["E6"] = "=D6"  # the 全年执行数 of 当年财政拨款
    sheet["D15"] = "=SUM(D11:D14)"  # the 总分
    path = tmp_path / "formulas.xlsx"
    workbook.save(path)
    result = import_file(path)
    table = result.report().tables[0]
    assert table.indicators[0].claimed_score is None and table.indicators[0].weight == D(30)
    assert (table.funding[0].source, table.funding[0].full_year, table.funding[0].executed) == ("当年财政拨款", D(60), None)
    assert table.claimed_total is None and table.scale == D(100)
    formulas = [(c.place, c.table, c.row, c.field, c.read, c.confidence, c.reason) for c in result.checks
                if "公式没有缓存值" in c.reason]
    why = "：留空；请用 Excel 打开并保存后再导入"
    assert formulas == [("Sheet!E6", 1, None, "全年执行数", None, 0.0, "公式没有缓存值（=D6）" + why),
                        ("Sheet!D11", 1, 1, "得分", None, 0.0, "公式没有缓存值（=E11）" + why),
                        ("Sheet!D15", 1, None, "单元格", None, 0.0, "公式没有缓存值（=SUM(D11:D14)）" + why)]
    listing = _run(["import", str(path), "-o", str(tmp_path / "report.json")])
    assert "Sheet!D11  第 1 张表 › 第 1 个指标 › 得分：（留空）  把握 0%  公式没有缓存值（=E11）" in listing.stderr


def test_xlsx_without_formulas_lists_no_formula(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    _project_sheet(workbook.active)
    path = tmp_path / "plain.xlsx"
    workbook.save(path)
    assert not [c for c in import_file(path).checks if "公式" in c.reason]


# --------------------------------------------------------------------------- a heading row with nothing under it

@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_csv_with_only_a_header_row_says_it_has_no_data_rows(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes("一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分\n".encode(encoding))
    with pytest.raises(ReportError) as caught:
        import_file(path)
    message = caught.value.format()
    assert ("表中没有数据行：A1 认出了绩效指标表头（一级指标、二级指标、三级指标、年度指标值、实际完成值、分值、得分），"
            "但表头之下没有任何指标行") in message
    assert "没有认出" not in message
    result = _run([str(path)])
    assert result.exit_code == EXIT_ERROR and "表中没有数据行" in result.stderr and "Traceback" not in result.stderr


def test_a_budget_block_alone_says_the_indicator_block_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "budget.csv"
    path.write_text("资金来源,年初预算数,全年预算数,全年执行数\n当年财政拨款,10,10,9\n", encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        import_file(path)
    assert ("没有找到绩效指标块：A1 认出了资金表头（资金来源、年初预算数、全年预算数、全年执行数），"
            "但没有认出绩效指标表头（一级指标、年度指标值、分值、得分等）") in caught.value.format()
