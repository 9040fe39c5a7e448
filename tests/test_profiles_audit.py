"""What an audit of the profiles found (issue 12), each with the values it must give now:

1. a report-level rule reads a row's direction the way the row's score read it (one source:
   `ItemResult.direction`), never the target's comparator alone;
2. `--profile auto` states the evidence it saw and why it chose what it chose;
3. `rescore lint` on a profile file lists every problem at once, a bad value beside an unknown key;
4. a rule inherits its file's evidence level, and lint warns of a rule without its own.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

from engine.cli import cli
from engine.profiles import load_profile, load_profile_file
from engine.profiles.choice import choose
from engine.report.model import Indicator, Report
from engine.review.pipeline import rescore
from engine.review.report_rules import row_facts
from engine.review.result import ItemResult, ReportResult

ROOT = Path(__file__).resolve().parent.parent
PLATFORM_ALL = ROOT / "tests" / "fixtures" / "profiles" / "platform-all.toml"
D = Decimal


def _report(*rows: dict, unit: str = "某某局") -> Report:
    table = {"name": "测试表", "kind": "project", "indicators": list(rows)}
    return Report.model_validate({"schema_version": 1, "unit": unit, "year": 2024, "tables": [table]})


def _row(name: str, target: str, actual: str, claimed: str, note: str | None = None, rule: str | None = None) -> dict:
    row = {"level1": "产出指标", "level3": name, "target": target, "actual": actual, "weight": "10",
           "claimed_score": claimed}
    if note:
        row["deviation_note"] = note
    if rule:
        row["rule"] = rule
    return row


def _rules_fired(result: ReportResult) -> list[tuple[str, str]]:
    """(code, rule id) of the report-level findings and the deviation notes, in order."""
    return [(f.code, str((f.extra or {}).get("rule", ""))) for f in result.findings if f.code[0] in "MN"]


# ---------------------------------------------------------------- 1. one direction

STAFF = _row("在职人员控制率", "100%", "125%", "8", note="超编 25 人")  # lower is better by its name
TRAINED = _row("培训人次", "100人次", "130人次", "10")  # a bare target, no direction in the name


def test_a_lower_is_better_name_is_lower_for_the_rules_too() -> None:
    result = rescore(_report(STAFF), load_profile("platform"))
    item = result.tables[0].items[0]
    # the score: lower is better (the name), missed: (2 × 100 − 125) ÷ 100 × 10 = 7.5 by the platform
    assert item.direction == "lower" and item.recomputed == D("7.50")
    assert item.alternatives == {"reverse:ratio": D(8)}
    # 125% of a lower-is-better target is no over-achievement: over-achievement-review stays quiet
    assert _rules_fired(result) == []
    # …and the Tianjin/Hebei mode flags the missed reverse indicator, as the score says it missed
    result = rescore(_report(STAFF), load_profile_file(PLATFORM_ALL))
    assert _rules_fired(result) == [("M001", "reverse-or-equal-missed")]
    assert "未达到年度指标值" in result.findings[[f.code for f in result.findings].index("M001")].message


def test_a_bare_target_exceeded_is_met_for_the_rules_too() -> None:
    result = rescore(_report(TRAINED), load_profile_file(PLATFORM_ALL))
    item = result.tables[0].items[0]
    # the score: a bare target is read as a positive indicator: 130 ≥ 100 → full 10
    assert item.direction == "higher" and item.recomputed == D(10)
    assert item.trace[-1] == "实际值达到年度指标值：满分 10 分"
    # no 未达到 (neither the reverse-or-equal rule nor the deviation note N001); the over-achievement
    # rules fire, 130 ÷ 100 = 130% ≥ 120% and ≥ 130% with no 偏差原因
    assert _rules_fired(result) == [("M001", "over-achievement-review"), ("M001", "over-achievement-130-explained")]
    assert all("130%" in f.message for f in result.findings if f.code == "M001")


def test_a_rule_scored_row_takes_the_direction_of_its_rule() -> None:
    """A neutral name, a bare target, a rule that gives its most points at ≤ 100%: lower."""
    row = _row("编制使用", "100%", "125%", "0", note="超编", rule="≤100%，计10分；每超过一个百分点扣0.5分，扣完为止")
    result = rescore(_report(row), load_profile_file(PLATFORM_ALL))
    item = result.tables[0].items[0]
    assert item.direction == "lower" and item.recomputed == D(0)  # 10 − 25 × 0.5 = −2.5 → 0
    assert _rules_fired(result) == [("M001", "reverse-or-equal-missed")]


def test_row_facts_read_the_items_direction() -> None:
    indicator = Indicator.model_validate({"level3": "编制使用", "target": "100%", "actual": "125%", "weight": "10",
                                          "claimed_score": "10"})
    item = ItemResult("编制使用", [], D(10), D(10))
    assert row_facts(indicator, item).direction == "equal"  # nothing read: "=" met only exactly
    assert (row_facts(indicator, item).missed, row_facts(indicator, item).achievement) == (True, D(125))
    item.direction = "lower"
    facts = row_facts(indicator, item)
    assert (facts.direction, facts.missed, facts.achievement, facts.deviation) == ("lower", True, None, D(25))
    item.direction = "higher"
    facts = row_facts(indicator, item)
    assert (facts.direction, facts.missed, facts.achievement) == ("higher", False, D(125))


def test_the_command_line_repro(tmp_path: Path) -> None:
    path = tmp_path / "R.json"
    path.write_text(_report(STAFF).model_dump_json(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--profile", "platform", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["tables"][0]["items"][0]["recomputed"] == 7.5
    assert Counter(f["code"] for f in data["findings"])["M001"] == 0
    path.write_text(_report(TRAINED).model_dump_json(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--profile", str(PLATFORM_ALL), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["tables"][0]["items"][0]["recomputed"] == 10
    assert not any("未达到" in f["message"] for f in data["findings"])


# ---------------------------------------------------------------- 2. --profile auto says what it saw

def _auto_report(unit: str, year: int = 2024, *, kind: str = "project", execution_weight: str = "10",
                 adjusted: bool = False) -> Report:
    funding = {"source": "年度资金总额", "full_year": "100", "executed": "95"}
    if adjusted:
        funding["adjusted"] = "100"
    table = {"name": "测试表", "kind": kind, "funding": [funding],
             "execution": {"weight": execution_weight, "rate": "95%", "claimed_score": "9.5"},
             "indicators": [{"level3": "甲", "target": "≥1", "actual": "1", "weight": "90", "claimed_score": "90"}]}
    return Report.model_validate({"schema_version": 1, "unit": unit, "year": year, "tables": [table]})


HUBEI_TITLE = "湖北省项目支出绩效自评表（20 分预算执行情况）"
SICHUAN_TITLE = "四川省项目支出绩效自评表（2023 年模板）"


def test_auto_hubei_unit_with_a_10_point_row_says_why_not_hubei() -> None:
    choice = choose(_auto_report("武汉市生态环境局", adjusted=True))
    assert choice.profile.name == "mof2020"
    assert choice.reasons == (
        "单位名称含「武汉」（湖北省）", "预算执行率分值 10", "资金表有调整后预算数一栏",
        f"不按 hubei（{HUBEI_TITLE}）：它的预算执行率为 20 分，本报告为 10 分",
        f"不按 sichuan-2023（{SICHUAN_TITLE}）：它是四川省的办法，单位在湖北省",
        "按国家办法", "2024 年在 mof2020 的适用年度（2020 年起）内")


def test_auto_sichuan_2022_says_the_year_excludes_sichuan_2023() -> None:
    choice = choose(_auto_report("成都市财政局", year=2022, adjusted=True))
    assert choice.profile.name == "mof2020"
    assert choice.reasons == (
        "单位名称含「成都」（四川省）", "预算执行率分值 10", "资金表有调整后预算数一栏",
        f"不按 hubei（{HUBEI_TITLE}）：它是湖北省的办法，单位在四川省",
        f"不按 sichuan-2023（{SICHUAN_TITLE}）：它的适用年度（2023 年起）不含本报告的 2022 年",
        "按国家办法", "2022 年在 mof2020 的适用年度（2020 年起）内")


def test_auto_chongqing_project_only_says_the_kind_excludes_chongqing_dept() -> None:
    choice = choose(_auto_report("重庆市渝北区城市管理局"))
    assert choice.profile.name == "mof2020"
    assert choice.reasons == (
        "单位名称含「重庆」（重庆市）", "预算执行率分值 10", "表中没有省级表样的特征（20 分执行率、调整后预算数）",
        "不按 chongqing-dept（重庆市部门整体支出绩效自评（共性指标））：它只用于部门整体支出表，本报告只有项目支出表",
        "按国家办法", "2024 年在 mof2020 的适用年度（2020 年起）内")
    # the same unit with a 部门整体 table: chongqing-dept, for the evidence it has
    choice = choose(_auto_report("重庆市渝北区城市管理局", kind="department"))
    assert (choice.profile.name, choice.reasons) == (
        "chongqing-dept", ("单位名称含「重庆」（重庆市）", "报告有部门整体支出表", "2024 年在 chongqing-dept 的适用年度（2021 年起）内"))


def test_auto_at_the_command_line_prints_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "R.json"
    path.write_text(_auto_report("武汉市生态环境局", adjusted=True).model_dump_json(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--profile", "auto", "--format", "json"])
    assert "自动选择评分办法 mof2020" in result.stderr
    assert "不按 hubei" in result.stderr and "它的预算执行率为 20 分，本报告为 10 分" in result.stderr
    assert "没有该省" not in result.stderr and json.loads(result.stdout)["profile"] == "mof2020"
