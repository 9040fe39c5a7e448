"""What an audit of the profiles found (issue 12), each with the values it must give now:

1. a report-level rule reads a row's direction the way the row's score read it (one source:
   `ItemResult.direction`), never the target's comparator alone;
2. `--profile auto` states the evidence it saw and why it chose what it chose;
3. `rescore lint` on a profile file lists every problem at once, a bad value beside an unknown key;
4. a rule inherits its file's evidence level, and lint warns of a rule without its own.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from engine.profiles import ProfileError, load_profile, load_profile_file
from engine.profiles.checks import check_file
from engine.profiles.choice import choose
from engine.report.model import Indicator, Report
from engine.review.pipeline import rescore
from engine.review.report_rules import row_facts
from engine.review.result import ItemResult, ReportResult
from support import auto_report, indicator_row

ROOT = Path(__file__).resolve().parent.parent
PLATFORM_ALL = ROOT / "tests" / "fixtures" / "profiles" / "platform-all.toml"
D = Decimal


def _report(*rows: dict, unit: str = "某某局") -> Report:
    table = {"name": "测试表", "kind": "project", "indicators": list(rows)}
    return Report.model_validate({"schema_version": 1, "unit": unit, "year": 2024, "tables": [table]})


def _row(name: str, target: str, actual: str, claimed: str, note: str | None = None, rule: str | None = None) -> dict:
    return indicator_row("产出指标", name, target, actual, "10", claimed, note, rule)


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

_auto_report = auto_report


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


# ---------------------------------------------------------------- 3. lint lists every problem at once

UNKNOWN_AND_BAD = '''name = "x-prov"
title = "测试"
extends = "mof2020"
colour = 1

[source]
document = "某文件"
evidence = "form"

[execution]
weight = "20"
denominator = "adjustd"
'''


def test_lint_lists_an_unknown_key_and_a_bad_value(tmp_path: Path) -> None:
    path = tmp_path / "x-prov.toml"
    path.write_text(UNKNOWN_AND_BAD, encoding="utf-8")
    found = check_file(path)
    assert [(f.code, f.item) for f in found] == [("L006", "colour"), ("L006", "execution")]
    assert "不认识的字段「colour」" in found[0].message
    assert "execution.denominator「adjustd」应为 full_year、initial、adjusted、adjusted_with_carryover 之一" in found[1].message
    # the loader refuses with both, in one message
    with pytest.raises(ProfileError) as refused:
        load_profile_file(path)
    assert "colour" in str(refused.value) and "adjustd" in str(refused.value)
    # at the command line: both, no traceback, status 1
    result = CliRunner().invoke(cli, ["lint", str(path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "colour" in result.stdout and "adjustd" in result.stdout and "L006 profile-key ×2" in result.stdout


def test_lint_lists_several_bad_values_of_one_section_and_one_rule(tmp_path: Path) -> None:
    path = tmp_path / "y.toml"
    path.write_text('name = "y"\ntitle = "测试"\nextends = "mof2020"\nkind = "methd"\n'
                    '[source]\ndocument = "某文件"\nevidence = "form"\n'
                    '[reading]\ntolerance = "a"\nscale = "b"\n'
                    '[[rule]]\nid = "r"\nsource = "某文件"\nevidence = "form"\nscope = "row"\n'
                    'when = { execution_rate = "90" }\nthen = { finding = "bad" }\n', encoding="utf-8")
    found = {f.item: f.message for f in check_file(path)}
    assert set(found) == {"reading", "kind", "rule"}
    assert "reading.tolerance「a」不是数字" in found["reading"] and "reading.scale「b」不是数字" in found["reading"]
    assert "kind「methd」应为 method、rules 之一" in found["kind"]
    assert all(part in found["rule"] for part in ("rule[r].scope「row」", "rule[r].when.execution_rate「90」",
                                                  "rule[r].then.finding"))


def test_a_malformed_list_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "z.toml"
    for body, words in (('rule = [1]', "rule 应写成 [[rule]] 表的列表"), ('indicator = 3', "indicator 应写成"),
                        ('enable = 1', "enable 应为规则 id 的列表")):
        path.write_text(f'name = "z"\ntitle = "测试"\nextends = "mof2020"\n{body}\n'
                        '[source]\ndocument = "某文件"\nevidence = "form"\n', encoding="utf-8")
        with pytest.raises(ProfileError, match=re.escape(words)):
            load_profile_file(path)
        assert [f.code for f in check_file(path)] == ["L006"]


# ---------------------------------------------------------------- 4. a rule inherits its file's evidence

UNVERIFIED = '''name = "user-caps"
title = "用户提供的执行率封顶"
kind = "rules"
extends = "mof2020"

[source]
document = "某市财政局内部通知（转述）"
evidence = "unverified"

[[rule]]
id = "cap-below-80"
scope = "execution"
when = { execution_rate = "<80%" }
then = { cap_total = "89" }
source = "某市财政局内部通知第 3 条"

[[rule]]
id = "note-below-90"
scope = "execution"
when = { execution_rate = "<90%", note = "missing" }
then = { finding = "warning" }
'''


def test_a_rule_inherits_its_files_evidence_and_lint_says_so(tmp_path: Path) -> None:
    path = tmp_path / "user-caps.toml"
    path.write_text(UNVERIFIED, encoding="utf-8")
    profile = load_profile_file(path)
    rules = {r.id: r for r in profile.rules}
    cap, note = rules["cap-below-80"], rules["note-below-90"]
    assert (cap.source.document, cap.source.evidence) == ("某市财政局内部通知第 3 条", "unverified")
    assert (note.source.document, note.source.evidence) == ("某市财政局内部通知（转述）", "unverified")
    assert cap.source.cite() == "某市财政局内部通知第 3 条［未经核实］"
    found = [(f.code, f.item, f.message) for f in check_file(path)]
    assert found == [
        ("L007", "rule[cap-below-80]", "user-caps.toml: 报表级规则「cap-below-80」没有注明自己的证据等级（evidence）："
                                       "证据等级沿用文件 [source] 的［未经核实］"),
        ("L007", "rule[note-below-90]", "user-caps.toml: 报表级规则「note-below-90」没有注明自己的出处（source）与证据等级"
                                        "（evidence）：沿用文件 [source] 的「某市财政局内部通知（转述）」［未经核实］")]


def test_an_inherited_rule_keeps_its_own_files_evidence(tmp_path: Path) -> None:
    """A child file of another evidence level never relabels the rules it inherits."""
    path = tmp_path / "child.toml"
    path.write_text('name = "child"\ntitle = "子办法"\nextends = "platform"\nkind = "rules"\n'
                    '[source]\ndocument = "转述"\nevidence = "unverified"\n', encoding="utf-8")
    rules = {r.id: r.source.evidence for r in load_profile_file(path).rules}
    assert rules == {r.id: r.source.evidence for r in load_profile("platform").rules} == {
        "not-applicable-rescale": "form", "over-achievement-review": "platform",
        "over-achievement-130-explained": "platform", "reverse-or-equal-missed": "platform"}


def test_the_finding_cites_the_inherited_evidence() -> None:
    report = Report.model_validate({"schema_version": 1, "unit": "某某局", "year": 2024, "tables": [{
        "name": "测试表", "kind": "project",
        "funding": [{"source": "年度资金总额", "full_year": "100", "executed": "75"}],
        "execution": {"weight": "10", "rate": "75%", "claimed_score": "7.5"},
        "indicators": [{"level1": "产出指标", "level3": "甲", "target": "≥1", "actual": "1", "weight": "90",
                        "claimed_score": "90"}]}]})
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "user-caps.toml"
        path.write_text(UNVERIFIED, encoding="utf-8")
        result = rescore(report, load_profile_file(path))
    method = [f for f in result.findings if f.code in ("M001", "M003")]
    # 执行率 75 ÷ 100 = 75% < 80%: the cap binds on the claim 97.5 > 89 (M003); < 90% with no note (M001)
    assert [(f.code, f.extra["rule"], f.extra["evidence"]) for f in method] == [
        ("M003", "cap-below-80", "unverified"), ("M001", "note-below-90", "unverified")]
    assert all("［未经核实］" in f.message and "［公开表样］" not in f.message for f in method)
