"""engine.report.loading: every kind of bad input ends in one ReportError naming the place."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.report.loading import Problem, ReportError, load_report, parse_report
from engine.report.model import Report

PROJECT = "纪检监察机构专项经费"
DEPARTMENT = "衡阳市纪委监委部门整体支出"


def valid_report() -> dict[str, Any]:
    """A small report: a department table and a project table with three indicators."""
    return {
        "schema_version": 1,
        "unit": "衡阳市纪委监委",
        "year": 2024,
        "basic_data": {
            "expenses": [
                {"id": "sangong", "name": "三公经费", "final": "3.50"},
                {"id": "car", "name": "1、公务用车购置和维护经费", "parent": "sangong", "final": "3.50"},
            ]
        },
        "tables": [
            {
                "name": DEPARTMENT,
                "kind": "department",
                "execution": {"weight": "10", "rate": "100.00%", "claimed_score": "10"},
                "indicators": [
                    {"level1": "产出指标", "level3": "办案数量", "weight": "50", "claimed_score": "50"},
                    {"level1": "效益指标", "level3": "群众满意度", "weight": "40", "claimed_score": "38"},
                ],
                "claimed_total": "98.00",
            },
            {
                "name": PROJECT,
                "kind": "project",
                "indicators": [
                    {"level3": "培训人次", "target": "≥300人次", "actual": "320人次", "weight": "30"},
                    {"level3": "案件查办", "weight": "30", "claimed_score": "30"},
                    {"level3": "信访工作", "rule": "完成得满分", "weight": "40", "claimed_score": "9.00"},
                ],
            },
        ],
    }


def write(tmp_path: Path, content: dict[str, Any] | str | bytes, name: str = "report.json") -> Path:
    path = tmp_path / name
    if isinstance(content, dict):
        content = json.dumps(content, ensure_ascii=False, indent=2)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(ReportError) as caught:
        load_report(path)
    error = caught.value
    assert error.path == str(path)
    assert error.problems, "a ReportError always lists at least one problem"
    assert error.format().splitlines()[0] == f"{path}: 报告无法读取（{len(error.problems)} 个问题）"
    return error.problems


def only_problem(path: Path) -> Problem:
    problems = problems_of(path)
    assert len(problems) == 1, problems
    return problems[0]


def test_valid_report_loads(tmp_path: Path) -> None:
    report = load_report(write(tmp_path, valid_report()))
    assert isinstance(report, Report)
    assert [table.name for table in report.tables] == [DEPARTMENT, PROJECT]


def test_numbers_stay_exact_decimals(tmp_path: Path) -> None:
    text = json.dumps(valid_report(), ensure_ascii=False)
    text = text.replace('"claimed_score": "9.00"', '"claimed_score": 9.00')
    text = text.replace('"weight": "30", "claimed_score": "30"', '"weight": 0.1, "claimed_score": 10.00')
    report = load_report(write(tmp_path, text))
    second, third = report.tables[1].indicators[1:]
    assert third.claimed_score == Decimal("9.00") and str(third.claimed_score) == "9.00"
    assert second.weight == Decimal("0.1") and str(second.weight) == "0.1"
    assert str(second.claimed_score) == "10.00"
    assert str(report.tables[0].claimed_total) == "98.00"


def test_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    data = "\ufeff" + json.dumps(valid_report(), ensure_ascii=False)
    assert load_report(write(tmp_path, data.encode("utf-8"))).year == 2024


def test_invalid_json_gives_line_and_column(tmp_path: Path) -> None:
    text = '{\n  "schema_version": 1,\n  "unit": "衡阳市纪委监委"\n  "year": 2024\n}\n'
    problem = only_problem(write(tmp_path, text))
    assert (problem.line, problem.column) == (4, 3)
    assert "第 4 行第 3 列" in problem.location
    assert "JSON" in problem.message and "逗号" in problem.message


def test_trailing_comma_is_invalid_json(tmp_path: Path) -> None:
    problem = only_problem(write(tmp_path, '{"year": 2024,\n}'))
    assert (problem.line, problem.column) == (2, 1)


def test_top_level_must_be_an_object(tmp_path: Path) -> None:
    problem = only_problem(write(tmp_path, "[1, 2]"))
    assert problem.location == "报告"
    assert "对象" in problem.message and "列表" in problem.message


def test_year_of_wrong_type(tmp_path: Path) -> None:
    data = valid_report()
    data["year"] = "abc"
    problem = only_problem(write(tmp_path, data))
    assert problem.loc == ("year",)
    assert problem.location == "报告 › 年度 (year)"
    assert "应为整数" in problem.message and "abc" in problem.message


def test_indicator_weight_not_a_number(tmp_path: Path) -> None:
    data = valid_report()
    data["tables"][0]["indicators"][1]["weight"] = "十"
    problem = only_problem(write(tmp_path, data))
    assert problem.location == f"第 1 张表「{DEPARTMENT}」› 第 2 个指标「群众满意度」› 分值 (weight)"
    assert "十" in problem.message and "数字" in problem.message


def test_text_field_given_an_object(tmp_path: Path) -> None:
    data = valid_report()
    data["tables"][1]["indicators"][0]["target"] = {"value": 300}
    problem = only_problem(write(tmp_path, data))
    assert problem.location == f"第 2 张表「{PROJECT}」› 第 1 个指标「培训人次」› 年度指标值 (target)"
    assert "应为文本" in problem.message


def test_missing_tables(tmp_path: Path) -> None:
    data = valid_report()
    del data["tables"]
    problem = only_problem(write(tmp_path, data))
    assert problem.location == "报告 › 表格列表 (tables)"
    assert problem.message == "缺少必填字段"


def test_empty_tables(tmp_path: Path) -> None:
    data = valid_report()
    data["tables"] = []
    problem = only_problem(write(tmp_path, data))
    assert problem.location == "报告 › 表格列表 (tables)"
    assert "至少需要 1 项" in problem.message


def test_missing_indicator_weight_loads(tmp_path: Path) -> None:
    # a row that prints no 分值 is kept (the review says it cannot be scored: V003)
    data = valid_report()
    del data["tables"][1]["indicators"][0]["weight"]
    report = load_report(write(tmp_path, data))
    assert report.tables[1].indicators[0].weight is None
    assert report.tables[1].indicators[0].level3 == "培训人次"


def test_missing_table_kind(tmp_path: Path) -> None:
    data = valid_report()
    del data["tables"][1]["kind"]
    problem = only_problem(write(tmp_path, data))
    assert problem.location == f"第 2 张表「{PROJECT}」› 表类型 (kind)"
    assert problem.message == "缺少必填字段"


def test_claimed_score_not_a_number(tmp_path: Path) -> None:
    data = valid_report()
    data["tables"][1]["indicators"][2]["claimed_score"] = "九分"
    problem = only_problem(write(tmp_path, data))
    assert problem.loc == ("tables", 1, "indicators", 2, "claimed_score")
    assert problem.location == f"第 2 张表「{PROJECT}」› 第 3 个指标「信访工作」› 得分 (claimed_score)"
    assert "九分" in problem.message


def test_wrong_kind(tmp_path: Path) -> None:
    data = valid_report()
    data["tables"][1]["kind"] = "项目"
    problem = only_problem(write(tmp_path, data))
    assert problem.location == f"第 2 张表「{PROJECT}」› 表类型 (kind)"
    assert "取值必须是 department 或 project" in problem.message and "项目" in problem.message


def test_unknown_field_suggests_the_right_name(tmp_path: Path) -> None:
    data = valid_report()
    data["tables"][1]["claimed_totl"] = "95"
    problem = only_problem(write(tmp_path, data))
    assert problem.location == f"第 2 张表「{PROJECT}」"
    assert "不允许的字段「claimed_totl」" in problem.message
    assert "claimed_total" in problem.message.replace("claimed_totl", "")


def test_basic_data_row_is_named(tmp_path: Path) -> None:
    data = valid_report()
    data["basic_data"]["expenses"][1]["final"] = "三点五"
    problem = only_problem(write(tmp_path, data))
    assert problem.location == "基础数据表 › 经费行 2「1、公务用车购置和维护经费」› 本年决算数 (final)"


def test_several_problems_are_all_listed(tmp_path: Path) -> None:
    data = valid_report()
    data["year"] = "abc"
    data["tables"][0]["kind"] = "dept"
    data["tables"][1]["indicators"][2]["claimed_score"] = "九分"
    data["tables"][1]["indicators"][0]["levl3"] = "培训"
    data["tables"][1]["indicators"][1]["weight"] = "十"
    problems = problems_of(write(tmp_path, data))
    assert {problem.loc for problem in problems} == {
        ("year",),
        ("tables", 0, "kind"),
        ("tables", 1, "indicators", 2, "claimed_score"),
        ("tables", 1, "indicators", 0, "levl3"),
        ("tables", 1, "indicators", 1, "weight"),
    }
    text = ReportError("report.json", problems).format()
    assert len(text.splitlines()) == 1 + 5
    assert all(line.startswith("  - ") for line in text.splitlines()[1:])


def test_duplicate_key_is_a_problem(tmp_path: Path) -> None:
    text = json.dumps(valid_report(), ensure_ascii=False)
    text = text.replace('"claimed_score": "9.00"', '"claimed_score": "9.00", "claimed_score": "40"')
    problem = only_problem(write(tmp_path, text))
    assert problem.location == f"第 2 张表「{PROJECT}」› 第 3 个指标「信访工作」› 得分 (claimed_score)"
    assert "不止一次" in problem.message


def test_nan_is_not_json(tmp_path: Path) -> None:
    text = json.dumps(valid_report(), ensure_ascii=False).replace('"claimed_score": "9.00"', '"claimed_score": NaN')
    problem = only_problem(write(tmp_path, text))
    assert problem.loc == ("tables", 1, "indicators", 2, "claimed_score")
    assert "NaN" in problem.message


def test_file_not_found(tmp_path: Path) -> None:
    problem = only_problem(tmp_path / "missing.json")
    assert "不存在" in problem.message


def test_directory_is_not_a_report(tmp_path: Path) -> None:
    assert "目录" in only_problem(tmp_path).message


def test_not_utf8(tmp_path: Path) -> None:
    data = json.dumps(valid_report(), ensure_ascii=False).encode("gb18030")
    problem = only_problem(write(tmp_path, data))
    assert "UTF-8" in problem.message and "GB" in problem.message
    assert problem.line == 1


# --- properties ------------------------------------------------------------------------------

_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=8,
)


def _paths(node: Any, loc: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [loc] if loc else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*loc, index))
    return found


_PATHS = _paths(valid_report())


def _assert_parses_or_reports(text: str) -> None:
    try:
        parse_report(text, "fuzz.json")
    except ReportError as error:
        assert error.problems
        assert all(problem.location and problem.message for problem in error.problems)


@settings(max_examples=200, deadline=None)
@given(loc=st.sampled_from(_PATHS), value=_json_values, delete=st.booleans())
def test_any_edit_either_loads_or_raises_report_error(loc: tuple[Any, ...], value: Any, delete: bool) -> None:
    data = copy.deepcopy(valid_report())
    parent: Any = data
    for step in loc[:-1]:
        parent = parent[step]
    if delete:
        del parent[loc[-1]]
    else:
        parent[loc[-1]] = value
    _assert_parses_or_reports(json.dumps(data, ensure_ascii=False))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_either_loads_or_raises_report_error(text: str) -> None:
    _assert_parses_or_reports(text)
