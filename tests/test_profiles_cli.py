"""The profiles at the command line: `rescore profiles`, `--profile auto` with its reason,
`--profile all` / `rescore compare` on the shipped example, a profile file a user supplies."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from engine.profiles import available, load_all
from engine.profiles.choice import choose, resolve
from engine.report.loading import load_report
from engine.report.model import Report
from support import auto_report

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "hengyang-2024" / "report.json"
USER_PROFILE = Path(__file__).resolve().parent / "fixtures" / "profiles" / "user-rules.toml"


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_shipped_profiles() -> None:
    assert available() == ["chongqing-dept", "henan-2024", "hubei", "hunan-dept", "mof2020", "platform",
                           "sichuan-2023"]
    for profile in load_all():
        assert profile.source is not None, profile.name
        assert all(rule.source is not None for rule in profile.rules), profile.name
        assert profile.chain[-1] == "mof2020"


def test_profiles_command_lists_years_sources_and_parameters() -> None:
    code, out, _ = _invoke("profiles")
    assert code == 0
    for name in available():
        assert name in out
    assert "2023 年起" in out and "调整后预算数" in out and "80–100%/50–80%/0–50%" in out
    code, out, _ = _invoke("profiles", "henan-2024", "--format", "json")
    data = json.loads(out)["profiles"][0]
    assert data["years"] == {"from": 2024, "to": None, "text": "2024 年起"}
    assert data["extends"] == ["mof2020"] and data["source"]["evidence"] == "form"
    assert data["parameters"]["execution"]["value"].startswith("未规定")
    assert _invoke("profiles", "nowhere")[0] == 2


# ---------------------------------------------------------------- --profile auto

_report = auto_report


@pytest.mark.parametrize(("report", "expected", "because"), [
    (_report("武汉市生态环境局", execution_weight="20"), "hubei", "预算执行率分值 20"),
    (_report("某某县农业农村局", execution_weight="20"), "hubei", "预算执行率分值 20"),
    (_report("成都市财政局", adjusted=True), "sichuan-2023", "调整后预算数"),
    (_report("某某县农业农村局", adjusted=True), "sichuan-2023", "调整后预算数"),
    (_report("郑州市教育局"), "henan-2024", "郑州"),
    (_report("郑州市教育局", year=2023), "mof2020", "不按 henan-2024（河南省项目支出绩效自评（2024 年指标分值））："
     "它的适用年度（2024 年起）不含本报告的 2023 年"),
    (_report("重庆市渝北区城市管理局", kind="department"), "chongqing-dept", "重庆"),
    (_report("长沙市民政局", kind="department"), "hunan-dept", "长沙"),
    (_report("长沙市民政局"), "mof2020", "不按 hunan-dept（湖南省部门整体支出绩效评价共性指标）：它只用于部门整体支出表，"
     "本报告只有项目支出表"),
    (_report("某某县农业农村局"), "mof2020", "未指明省份"),
], ids=["hubei-unit-20", "hubei-20", "sichuan-unit-adjusted", "sichuan-adjusted", "henan-2024", "henan-2023",
        "chongqing", "hunan-dept", "hunan-project", "none"])
def test_auto_picks_by_the_forms_evidence(report: Report, expected: str, because: str) -> None:
    choice = choose(report)
    assert choice.auto and choice.profile.name == expected, choice.text()
    assert because in choice.text()
    assert "没有该省" not in choice.text()  # every shipped province has a method: say why it was not used


def test_auto_on_the_shipped_example_says_what_it_chose() -> None:
    choice = choose(load_report(SEED))
    assert choice.profile.name == "hunan-dept"
    assert "衡阳" in choice.text() and "湖南省" in choice.text() and "2024" in choice.text()
    code, out, err = _invoke(str(SEED), "--profile", "auto", "--format", "json")
    assert code == 1 and "自动选择评分办法 hunan-dept" in err
    assert json.loads(out)["profile"] == "hunan-dept"


def test_a_named_profile_overrides_auto_and_a_user_file_loads() -> None:
    code, out, err = _invoke(str(SEED), "--profile", "mof2020", "--format", "json")
    assert "自动选择" not in err and json.loads(out)["profile"] == "mof2020"
    assert resolve(None, _report("x")).profile.name == "mof2020"
    assert resolve(str(USER_PROFILE), _report("x")).profile.name == "user-rules"


# ---------------------------------------------------------------- --profile all

# The shipped example under every profile that applies to 2024: the same under each, because its
# forms hold no 20-point execution row, no 调整后预算数, no partially achieved worded row and no
# missed "≤" target without a rule — the parameters in which the methods differ. (table number →
# recomputed range or None, unverifiable points)
SEED_TOTALS = {1: (None, "23"), 2: (None, "30"), 3: (["82", "100"], "0"), 4: (["82", "100"], "0"),
               5: (["82", "100"], "0"), 6: (["82", "100"], "0"), 7: (["82", "100"], "0"), 8: (None, "20")}


def test_profile_all_on_the_shipped_example() -> None:
    code, out, _ = _invoke(str(SEED), "--profile", "all", "--format", "json")
    assert code == 0
    data = json.loads(out, parse_float=Decimal)
    names = [p["name"] for p in data["profiles"]]
    assert names == ["mof2020", "chongqing-dept", "henan-2024", "hubei", "hunan-dept", "platform", "sichuan-2023"]
    assert [t["number"] for t in data["tables"]] == list(range(1, 9))
    for table in data["tables"]:
        want_range, want_open = SEED_TOTALS[table["number"]]
        assert [c["profile"] for c in table["under"]] == names
        for cell in table["under"]:
            got = cell["recomputed_range"]
            want = [Decimal(x) for x in want_range] if want_range else None
            assert (got, cell["unverifiable_points"]) == (want, Decimal(want_open)), (table["number"], cell)
            assert cell["recomputed_total"] is None
            assert cell["holds"] == ("yes" if want_range else "unknown")
    code, text, _ = _invoke("compare", str(SEED))
    assert code == 0 and text.count("【表 ") == 8 and text.count("sichuan-2023") == 9


def test_compare_shows_where_the_claim_holds() -> None:
    """A Hubei-shaped table: under hubei the claim holds, under mof2020 it does not."""
    from test_profiles_hand import HUBEI_TABLE

    from engine.profiles import load_profile
    from engine.review.compare import compare

    report = Report.model_validate({"schema_version": 1, "unit": "武汉市某局", "year": 2024, "tables": [HUBEI_TABLE]})
    cells = {c.profile: c for c in compare(report, [load_profile("hubei"), load_profile("mof2020")]).rows[0].cells}
    assert cells["hubei"].holds == "yes" and cells["hubei"].recomputed_range is not None
    assert cells["mof2020"].holds == "unknown"
