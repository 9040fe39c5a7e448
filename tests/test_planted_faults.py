"""Planted faults: a report that is consistent by construction, then one fault at a time.

`consistent_report()` is built so that every printed number follows from the others under
mof2020: a department table scored by its own 评分标准 (a step rule, a band rule, two grade
rules), a project table scored by the profile (quantities, a proportional shortfall,
qualitative bands), funding rows that add up, execution rates that match the funds, and a
基础数据表 whose staffing rate and 三公 sub-rows add up. Rescoring it raises nothing.

Each fault then changes one cell and must raise exactly the listed findings (code, table,
item) at error/warning level — nothing else new — and exactly the listed info findings.
"""

from __future__ import annotations

import copy
from collections import Counter
from decimal import Decimal

import pytest

from engine.review.checks import rescore
from engine.report.model import Report
from engine.profiles import load_profile

DEPT = "某某市生态环境局"
PROJ = "执法能力培训项目"
BASIC = "基础数据表"


def consistent_report() -> dict:
    department = {
        "name": DEPT, "kind": "department",
        "funding": [
            {"source": "年度资金总额", "initial": "100", "full_year": "200", "executed": "190"},
            {"source": "当年财政拨款", "initial": "100", "full_year": "180", "executed": "172"},
            {"source": "上年结转", "initial": "0", "full_year": "20", "executed": "18"},
            {"source": "其他资金", "initial": "0", "full_year": "0", "executed": "0"},
        ],
        # 190 ÷ 200 = 95%; 10 × 95% = 9.5
        "execution": {"weight": "10", "rate": "95.00%", "claimed_score": "9.5"},
        "indicators": [
            # step: 96 of 100 → 4 steps × 0.5 = 2 off → 18
            {"level1": "产出指标", "level2": "数量指标", "level3": "企业检查数", "target": "≥100家", "actual": "96家",
             "rule": "检查企业达到100家记20分，每减少1家扣0.5分", "weight": "20", "claimed_score": "18",
             "deviation_note": "部分企业停产，下年补查"},
            # bands: 85% is in 80%(含)-90% → 8
            {"level1": "产出指标", "level2": "质量指标", "level3": "重点支出安排率", "target": "≥90%", "actual": "85%",
             "rule": "重点支出安排率≥90%，计10分；80%(含)-90%，计8分；70%(含)-80%，计6分；低于70%不得分",
             "weight": "10", "claimed_score": "8", "deviation_note": "追加项目挤占，下年优化结构"},
            # grades: 基本完成 → 15
            {"level1": "产出指标", "level2": "时效指标", "level3": "整改完成情况", "target": "全部完成", "actual": "基本完成",
             "rule": "全部完成记20分，基本完成记15分，未完成记0分", "weight": "20", "claimed_score": "15",
             "deviation_note": "一项整改跨年，已列入计划"},
            # grades (two tiers): 有提升 → 30
            {"level1": "效益指标", "level2": "社会效益指标", "level3": "环境质量", "target": "有提升", "actual": "有提升",
             "rule": "生活环境质量有提升记30分，无改善记0分", "weight": "30", "claimed_score": "30"},
            # step: 92% ≥ 90% → 10
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "level3": "群众满意度", "target": "≥90%", "actual": "92%",
             "rule": "满意度90%以上记10分，每下降1%扣0.5分", "weight": "10", "claimed_score": "10"},
        ],
        "claimed_total": "90.5",  # 18 + 8 + 15 + 30 + 10 + 9.5
        "claimed_grade": "优",
    }
    project = {
        "name": PROJ, "kind": "project",
        "funding": [
            {"source": "年度资金总额", "initial": "50", "full_year": "50", "executed": "48"},
            {"source": "当年财政拨款", "initial": "50", "full_year": "50", "executed": "48"},
            {"source": "上年结转", "initial": "0", "full_year": "0", "executed": "0"},
            {"source": "其他资金", "initial": "0", "full_year": "0", "executed": "0"},
        ],
        # 48 ÷ 50 = 96%; 10 × 96% = 9.6
        "execution": {"weight": "10", "rate": "96.00%", "claimed_score": "9.6"},
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "level3": "培训人次", "target": "≥1000人次", "actual": "1200人次",
             "weight": "20", "claimed_score": "20"},
            {"level1": "产出指标", "level2": "质量指标", "level3": "培训合格率", "target": "≥98%", "actual": "98.5%",
             "weight": "15", "claimed_score": "15"},
            # proportional: 95 ÷ 100 × 15 = 14.25
            {"level1": "产出指标", "level2": "时效指标", "level3": "按时完成率", "target": "100%", "actual": "95%",
             "weight": "15", "claimed_score": "14.25", "deviation_note": "两期培训延期，已调整排期"},
            # 达成 band: 12–15
            {"level1": "效益指标", "level2": "社会效益指标", "level3": "基层执法能力", "target": "明显提升", "actual": "明显提升",
             "weight": "15", "claimed_score": "14", "deviation_note": "个别县区提升有限"},
            # 部分达成 band: 9–12
            {"level1": "效益指标", "level2": "可持续影响指标", "level3": "长效机制", "target": "建立长效机制", "actual": "基本完成",
             "weight": "15", "claimed_score": "10", "deviation_note": "制度尚在试行"},
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "level3": "学员满意度", "target": "≥90%", "actual": "93%",
             "weight": "10", "claimed_score": "10"},
        ],
        "claimed_total": "92.85",  # 20 + 15 + 14.25 + 14 + 10 + 10 + 9.6
        "claimed_grade": "优",
    }
    basic_data = {
        # 113 ÷ 166 = 68.07%
        "staffing": {"authorized": "166", "actual": "113", "control_rate": "68.07%"},
        "expenses": [
            {"id": "sangong", "name": "三公经费", "prior_final": "82.73", "budget": "77", "final": "35.32"},
            {"id": "vehicles", "name": "1、公务用车购置和维护经费", "parent": "sangong",
             "prior_final": "75.22", "budget": "54", "final": "29.58"},
            {"id": "vehicle_purchase", "name": "其中：公车购置", "parent": "vehicles",
             "prior_final": "26.98", "budget": "30", "final": "0"},
            {"id": "vehicle_operation", "name": "公车运行维护", "parent": "vehicles",
             "prior_final": "48.24", "budget": "24", "final": "29.58"},
            {"id": "overseas", "name": "2、出国经费", "parent": "sangong", "prior_final": "0", "budget": "3", "final": "0"},
            {"id": "reception", "name": "3、公务接待", "parent": "sangong", "prior_final": "7.51", "budget": "20", "final": "5.74"},
        ],
    }
    return {"schema_version": 1, "unit": DEPT, "year": 2024, "basic_data": basic_data, "tables": [department, project]}


# Info findings that are inherent in the consistent report. None: its first-level weights are the
# national 50/30/10/10, not every row claims full marks, no quantity target is a ceiling, no actual
# is a bare 完成, and no execution rate is above 100%.
INHERENT_INFOS: list[tuple[str, str, str | None]] = []


def _run(data: dict):
    return rescore(Report.model_validate(data), load_profile("mof2020"))


def _places(findings, levels) -> Counter:
    return Counter((f.code, f.table, f.item) for f in findings if f.level in levels)


def test_consistent_report_raises_nothing() -> None:
    result = _run(consistent_report())
    assert _places(result.findings, {"error", "warning"}) == Counter()
    assert _places(result.findings, {"info"}) == Counter(INHERENT_INFOS)


def test_consistent_report_recomputes_to_its_own_numbers() -> None:
    result = _run(consistent_report())
    dept, proj = result.tables
    assert all(i.status == "consistent" for t in result.tables for i in t.items)
    assert dept.recomputed_total == Decimal("90.5") == dept.claimed_total
    assert dept.recomputed_grades == ["优"]
    # the project's qualitative bands leave a range: 89.85–95.85, which straddles 良/优
    assert proj.recomputed_range == (Decimal("89.85"), Decimal("95.85"))
    assert proj.claimed_sum == proj.claimed_total == Decimal("92.85")
    assert proj.grade_impact is None  # the claimed 优 is one of the possible grades


def _table(data, name):
    return next(t for t in data["tables"] if t["name"] == name)


def _indicator(data, table, name):
    return next(i for i in _table(data, table)["indicators"] if i["level3"] == name)


def _funding(data, table, source):
    return next(r for r in _table(data, table)["funding"] if r["source"] == source)


def _expense(data, row_id):
    return next(r for r in data["basic_data"]["expenses"] if r["id"] == row_id)


def _set(getter, key, value):
    def mutate(data):
        getter(data)[key] = value
    return mutate


def _both(*mutations):
    def mutate(data):
        for m in mutations:
            m(data)
    return mutate


# (id, mutation, new error/warning findings as (code, table, item), new info findings)
FAULTS = [
    ("claim-off-by-one",
     # the printed total kept the old sum, so the total no longer adds up either
     _set(lambda d: _indicator(d, DEPT, "企业检查数"), "claimed_score", "19"),
     [("S001", DEPT, "企业检查数"), ("T001", DEPT, "总分")], []),
    ("claim-off-by-one-total-updated",
     _both(_set(lambda d: _indicator(d, DEPT, "企业检查数"), "claimed_score", "19"),
           _set(lambda d: _table(d, DEPT), "claimed_total", "91.5")),
     [("S001", DEPT, "企业检查数")], []),
    ("claim-lowered-no-note",
     # a full-marks row lowered by one: wrong score, lost points with no deviation note, total
     _set(lambda d: _indicator(d, PROJ, "培训合格率"), "claimed_score", "14"),
     [("S001", PROJ, "培训合格率"), ("N001", PROJ, "培训合格率"), ("T001", PROJ, "总分")], []),
    ("claim-above-weight",
     # 11 of 10: over the weight, not the rule's 10, and the total no longer adds up
     _set(lambda d: _indicator(d, DEPT, "群众满意度"), "claimed_score", "11"),
     [("S002", DEPT, "群众满意度"), ("S001", DEPT, "群众满意度"), ("T001", DEPT, "总分")], []),
    ("total-off",
     _set(lambda d: _table(d, DEPT), "claimed_total", "91.5"),
     [("T001", DEPT, "总分")], []),
    ("total-off-across-a-grade-bound",
     # 89.85 printed with the grade 优: the total is wrong and so is the grade for it
     _set(lambda d: _table(d, PROJ), "claimed_total", "89.85"),
     [("T001", PROJ, "总分"), ("G001", PROJ, "评价等级")], []),
    ("grade-wrong",
     _set(lambda d: _table(d, DEPT), "claimed_grade", "良"),
     [("G001", DEPT, "评价等级")], []),
    ("execution-rate-printed-wrong",
     _set(lambda d: _table(d, DEPT)["execution"], "rate", "90.00%"),
     [("E001", DEPT, "预算执行率")], []),
    ("executed-amount-changed",
     # total and its source row both 10 lower: 180 ÷ 200 = 90% ≠ the printed 95%, and 9.5 ≠ 9
     _both(_set(lambda d: _funding(d, DEPT, "年度资金总额"), "executed", "180"),
           _set(lambda d: _funding(d, DEPT, "当年财政拨款"), "executed", "162")),
     [("E001", DEPT, "预算执行率"), ("E001", DEPT, "预算执行率")], []),
    ("executed-amount-changed-in-total-row-only",
     # as above, and the source rows no longer add up to the total
     _set(lambda d: _funding(d, DEPT, "年度资金总额"), "executed", "180"),
     [("E001", DEPT, "预算执行率"), ("E001", DEPT, "预算执行率"), ("F001", DEPT, "资金·资金来源·全年执行数")], []),
    ("funding-source-row-changed",
     _set(lambda d: _funding(d, DEPT, "上年结转"), "full_year", "25"),
     [("F001", DEPT, "资金·资金来源·全年预算数")], []),
    ("project-funding-source-row-changed",
     _set(lambda d: _funding(d, PROJ, "其他资金"), "initial", "1"),
     [("F001", PROJ, "资金·资金来源·年初预算数")], []),
    ("sangong-sub-row-changed",
     _set(lambda d: _expense(d, "reception"), "budget", "21"),
     [("B001", BASIC, "三公经费·本年预算数")], []),
    ("sangong-sub-sub-row-changed",
     _set(lambda d: _expense(d, "vehicle_purchase"), "final", "1"),
     [("B001", BASIC, "1、公务用车购置和维护经费·本年决算数")], []),
    ("staffing-control-rate-wrong",
     _set(lambda d: d["basic_data"]["staffing"], "control_rate", "70.00%"),
     [("B001", BASIC, "财政供养人员控制率")], []),
    ("weight-changed",
     # 16 instead of 15: the weights add up to 101; the 效益 block is 31 instead of 30 (info)
     _set(lambda d: _indicator(d, PROJ, "长效机制"), "weight", "16"),
     [("W001", PROJ, None)], [("W002", PROJ, None)]),
    ("rule-garbled",
     _set(lambda d: _indicator(d, DEPT, "企业检查数"), "rule", "记20分检查企业，扣0.5分每减少1家达到100家"),
     [("R001", DEPT, "企业检查数")], []),
    ("actual-blanked",
     _set(lambda d: _indicator(d, DEPT, "群众满意度"), "actual", None),
     [("V001", DEPT, "群众满意度")], []),
    ("actual-blanked-on-profile-row",
     _set(lambda d: _indicator(d, PROJ, "培训人次"), "actual", ""),
     [("V001", PROJ, "培训人次")], []),
    ("target-made-provincial",
     _set(lambda d: _indicator(d, PROJ, "学员满意度"), "target", "省定目标"),
     [("V002", PROJ, "学员满意度")], []),
    ("deviation-note-removed",
     _set(lambda d: _indicator(d, DEPT, "重点支出安排率"), "deviation_note", None),
     [("N001", DEPT, "重点支出安排率")], []),
    ("deviation-note-blanked-on-profile-row",
     _set(lambda d: _indicator(d, PROJ, "按时完成率"), "deviation_note", "  "),
     [("N001", PROJ, "按时完成率")], []),
]


@pytest.mark.parametrize(("mutate", "expected", "infos"), [pytest.param(m, e, i, id=n) for n, m, e, i in FAULTS])
def test_planted_fault(mutate, expected, infos) -> None:
    baseline = _run(consistent_report())
    data = copy.deepcopy(consistent_report())
    mutate(data)
    result = _run(data)
    new = _places(result.findings, {"error", "warning"}) - _places(baseline.findings, {"error", "warning"})
    assert new == Counter(expected)
    new_infos = _places(result.findings, {"info"}) - _places(baseline.findings, {"info"})
    assert new_infos == Counter(infos)


def test_planted_fault_values() -> None:
    """The numbers on the findings of a few faults: the reviewer reads these, not the prose."""
    data = consistent_report()
    _indicator(data, DEPT, "企业检查数")["claimed_score"] = "19"
    found = {(f.code, f.item): f for f in _run(data).findings}
    assert (found["S001", "企业检查数"].claimed, found["S001", "企业检查数"].expected) == (Decimal(19), Decimal(18))
    assert (found["T001", "总分"].claimed, found["T001", "总分"].expected) == (Decimal("90.5"), Decimal("91.5"))

    data = consistent_report()
    _funding(data, DEPT, "年度资金总额")["executed"] = "180"
    _funding(data, DEPT, "当年财政拨款")["executed"] = "162"
    e001 = sorted(((f.claimed, f.expected) for f in _run(data).findings if f.code == "E001"))
    assert e001 == [(Decimal("9.5"), Decimal(9)), (Decimal(95), Decimal(90))]

    data = consistent_report()
    data["basic_data"]["staffing"]["control_rate"] = "70.00%"
    b001 = next(f for f in _run(data).findings if f.code == "B001")
    assert (b001.claimed, b001.expected) == (Decimal(70), Decimal("68.07"))
