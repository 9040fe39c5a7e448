"""Checks examples/hengyang-2024/report.json against the printed form.

The expected values below were read off the seed report (衡阳市生态环境局 2024 年度部门整体支出
绩效自评报告, text extracted from the PDF) by hand; they are literals on purpose, so that this
test does not re-derive anything from the JSON with the code that wrote it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from engine.report.model import Report
from support import shared

ROOT = Path(__file__).resolve().parent.parent
REPORT_PATH = ROOT / "examples" / "hengyang-2024" / "report.json"
SEED_PATH = shared("seeds", "hengyang-eeb-2024-self-evaluation.txt")

D = Decimal

# (name, kind, indicator rows transcribed, Σ weights incl. execution, Σ claimed incl. execution,
#  printed 总分 or None)
EXPECTED_TABLES = [
    ("衡阳市生态环境局", "department", 12, D(100), D(96), None),
    ("大气污染防治资金", "project", 8, D(100), D(98), D("98.00")),
    ("环保督察工作经费", "project", 7, D(100), D(97), D("97.00")),
    ("纪检监察机构专项经费", "project", 17, D(100), D(99), D("99.00")),
    ("执法辅助装备购置、生态环境分区管控成果动态更新等项目", "project", 7, D(100), D(96), D("96.00")),
    ("预备费项目支出", "project", 7, D(100), D(98), D("98.00")),
    ("重污染天气人工降雨补助资金", "project", 7, D(100), D(96), D("96.00")),
    ("驻村帮扶补助资金项目", "project", 7, D(100), D(97), D("97.00")),
]


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(REPORT_PATH.read_text(encoding="utf-8"), parse_float=Decimal)


@pytest.fixture(scope="module")
def report(raw) -> Report:
    return Report.model_validate(raw)


@pytest.fixture(scope="module")
def tables(report):
    return {t.name: t for t in report.tables}


def _indicator(table, level3, level2=None):
    rows = [i for i in table.indicators if i.level3 == level3 and (level2 is None or i.level2 == level2)]
    assert len(rows) == 1, (table.name, level3, level2, len(rows))
    return rows[0]


def _funding(table, source):
    rows = [f for f in table.funding if f.source == source]
    assert len(rows) == 1, (table.name, source)
    return rows[0]


def _expense(report, row_id):
    rows = [r for r in report.basic_data.expenses if r.id == row_id]
    assert len(rows) == 1, row_id
    return rows[0]


# ---- header and table list ----------------------------------------------------------------


def test_header(report):
    assert report.schema_version == 1
    assert report.unit == "衡阳市生态环境局"
    assert report.year == 2024
    assert report.title == "2024 年度部门整体支出绩效自评报告"
    assert "附件 1" in report.source and "2025 年 4 月 18 日" in report.source
    assert "PDF" in report.source


def test_tables_in_order(report):
    assert [(t.name, t.kind) for t in report.tables] == [(e[0], e[1]) for e in EXPECTED_TABLES]
    kinds = [t.kind for t in report.tables]
    assert kinds.count("department") == 1 and kinds.count("project") == 7


@pytest.mark.parametrize("name,kind,count,weights,claimed,printed_total", EXPECTED_TABLES)
def test_table_totals(tables, name, kind, count, weights, claimed, printed_total):
    table = tables[name]
    assert len(table.indicators) == count
    assert sum(i.weight for i in table.indicators) + table.execution.weight == weights
    claimed_sum = sum(i.claimed_score for i in table.indicators) + table.execution.claimed_score
    assert claimed_sum == claimed
    assert table.claimed_total == printed_total
    assert table.scale == D(100)


@pytest.mark.parametrize("name", [e[0] for e in EXPECTED_TABLES if e[1] == "project"])
def test_project_total_matches_claims(tables, name):
    # Every one of the seven project tables adds up: Σ indicator claims + execution claim equals
    # the printed 总分 (checked by hand: 88+10, 87+10, 89+10, 86+10, 88+10, 86+10, 87+10).
    table = tables[name]
    claimed_sum = sum(i.claimed_score for i in table.indicators) + table.execution.claimed_score
    assert claimed_sum == table.claimed_total


def test_department_has_no_printed_total(tables):
    dept = tables["衡阳市生态环境局"]
    assert dept.claimed_total is None
    assert "未印总分" in dept.note
    # what the claims would add up to, for the record (not printed on the form)
    assert sum(i.claimed_score for i in dept.indicators) + dept.execution.claimed_score == D(96)


# ---- specific cells -----------------------------------------------------------------------


def test_department_funding(tables):
    dept = tables["衡阳市生态环境局"]
    total = _funding(dept, "年度资金总额:")
    assert (total.breakdown, total.initial, total.full_year, total.executed) == (
        "total", D("2456.03"), D("4821.31"), D("4821.31"))
    income = {f.source: f.executed for f in dept.funding if f.breakdown == "income"}
    assert income == {"一般公共预算:": D("4643.58"), "政府性基金拨款:": D("0.00"),
                      "纳入专户管理的非税收入:": D("0.00"), "其他资金": D("177.73")}
    expense = {f.source: f.executed for f in dept.funding if f.breakdown == "expense"}
    assert expense == {"其中:基本支出:": D("2642.66"), "项目支出:": D("2178.65")}
    for f in dept.funding:
        if f.breakdown in ("income", "expense"):
            assert f.initial is None and f.full_year is None
            assert f.note and "executed" in f.note
    assert (dept.execution.weight, dept.execution.rate, dept.execution.claimed_score) == (
        D(10), "100.00%", D("10.00"))


def test_department_cells(tables):
    dept = tables["衡阳市生态环境局"]
    pm = _indicator(dept, "细颗粒物平均浓度")
    assert (pm.level1, pm.level2, pm.target, pm.actual, pm.weight, pm.claimed_score) == (
        "产出指标", "数量指标", "35", "35", D(10), D(10))
    assert pm.rule == "平均浓度达到35微克/立方米，记10分，每减少1微克/立方米，扣0.5分。"
    soil = _indicator(dept, "受污染耕地安全利用率")
    assert soil.rule == "利用率达到91%，记6分，每减少1%扣0.5分。"  # 记6分 against weight 5, as printed
    assert soil.weight == D(5) and soil.claimed_score == D(5)
    river = _indicator(dept, "湘江干流水质标准")
    assert river.rule == "水体标准达到Ⅱ类，记10分，每下降一类扣1分，Ⅰ类"
    assert "Ⅰ类" in river.note
    air = _indicator(dept, "空气优良率")
    assert (air.target, air.actual) == ("省定目标", "省定目标")
    timely = _indicator(dept, "执行时限")
    assert timely.target == "水、气、土等各项治理项目按照计划时间进行" and timely.actual is None
    assert timely.rule == "已全部完成记10分；未完成工作每增加一项扣0.5分" and timely.note
    fines = _indicator(dept, "罚没收入等非税收入")
    assert (fines.level1, fines.level2, fines.target, fines.claimed_score) == ("效益指标", "经济效益指标", "350", D(10))
    life = _indicator(dept, "提升居民生活质量")
    assert (life.weight, life.claimed_score, life.actual) == (D(3), D(2), None)
    merged = [i for i in dept.indicators if i.level3 is None]
    assert len(merged) == 1
    assert merged[0].target.startswith("全市水体、大气、土壤、噪声") and merged[0].target.endswith("切实减轻企业负担。")
    assert merged[0].actual == "完成" and merged[0].note
    sustain = _indicator(dept, "合理适度开发")
    assert (sustain.weight, sustain.claimed_score) == (D(4), D(3))
    satisfaction = _indicator(dept, "企业满意度")
    assert (satisfaction.target, satisfaction.actual) == ("90%以上", "90%以上")
    cost = _indicator(dept, "成本控制")
    assert (cost.level1, cost.level2, cost.target, cost.actual, cost.claimed_score) == (
        "成本指标", "生态环境成本指标", "财政预算内", "控制内", D(9))
    assert not any(i.level2 in ("经济成本指标", "社会成本指标") for i in dept.indicators)


def test_department_goals(tables):
    goals = tables["衡阳市生态环境局"].goals
    for text in (goals.planned, goals.achieved):
        assert "<p>" not in text and "</p>" not in text
        assert text.startswith("(一) 提质量。以“夏季攻势”为抓手")
        assert "(四) 抓落实。" in text
    assert goals.planned.endswith("力争将污染防治攻坚战整体纳入到市委市政府绩效考核。")
    assert goals.achieved.endswith("力争将污染防治攻坚战考核整体纳入到市委市政府绩效考核。")


def test_project_funding(tables):
    expected = {
        "大气污染防治资金": ("其中当年财政拨款", D(0), D("813.54"), D("813.54"), "100.00%"),
        "环保督察工作经费": ("其中:当年财政拨款", D(0), D(30), D(30), "100.00%"),
        "纪检监察机构专项经费": ("其中:当年财政拨款", D("6.62"), D("6.62"), D("6.62"), "100.00%"),
        "执法辅助装备购置、生态环境分区管控成果动态更新等项目": ("其中:当年财政拨款", D(0), D("218.05"), D("218.05"), "100.00%"),
        "预备费项目支出": ("其中:当年财政拨款", D(0), D("101.02"), D("101.02"), "100.0%"),
        "重污染天气人工降雨补助资金": ("其中:当年财政拨款", D(0), D(20), D(20), "100.00%"),
        "驻村帮扶补助资金项目": ("其中:当年财政拨款", D(0), D("12.5"), D("12.5"), "100.00%"),
    }
    for name, (source, initial, full_year, executed, rate) in expected.items():
        table = tables[name]
        assert [f.source for f in table.funding] == [source, "上年结转金额", "其它资金", "年度资金总额"]
        current = _funding(table, source)
        total = _funding(table, "年度资金总额")
        assert current.breakdown == "source" and total.breakdown == "total"
        assert (current.initial, current.full_year, current.executed) == (initial, full_year, executed)
        assert (total.initial, total.full_year, total.executed) == (initial, full_year, executed)
        for other in ("上年结转金额", "其它资金"):
            row = _funding(table, other)
            assert (row.initial, row.full_year, row.executed) == (D(0), D(0), D(0))
        assert (table.execution.weight, table.execution.rate, table.execution.claimed_score) == (
            D(10), rate, D("10.00"))
    # the extra-column rows carry their reading
    assert "0 0 30 30" in _funding(tables["环保督察工作经费"], "其中:当年财政拨款").note
    assert "0 12.5 12.5 12.5" in _funding(tables["驻村帮扶补助资金项目"], "其中:当年财政拨款").note
    assert "10 10" in _funding(tables["环保督察工作经费"], "年度资金总额").note


def test_project_header_cells(tables):
    assert (tables["大气污染防治资金"].department, tables["大气污染防治资金"].implementer) == (
        "衡阳市生态环境局机关", "衡阳市生态环境局机关")
    assert tables["环保督察工作经费"].department == "衡阳市生态环境局"
    assert tables["纪检监察机构专项经费"].department == "衡阳市生态环境局"
    assert tables["预备费项目支出"].department == "衡阳县生态环境局"
    assert tables["驻村帮扶补助资金项目"].department == "衡阳县生态环境局"
    bundle = tables["执法辅助装备购置、生态环境分区管控成果动态更新等项目"]
    assert bundle.department == "衡阳县生态环境局" and "项目名称未印出" in bundle.note
    assert bundle.goals.achieved is None
    assert bundle.goals.planned.startswith("衡阳市生态环境分区管控成果动态更新工作项目")
    rain = tables["重污染天气人工降雨补助资金"]
    assert rain.department is None and "未印主管部门" in rain.note
    assert rain.implementer == "衡阳市生态环境局机关"
    assert rain.goals.achieved == "已完成四个月的预警预报"
    assert tables["大气污染防治资金"].goals.achieved == "已完全年目标"
    for table in tables.values():
        if table.kind == "project":
            assert table.implementer == "衡阳市生态环境局机关"
            assert all(i.rule is None for i in table.indicators)  # project forms have no 评分标准


def test_project_indicator_cells(tables):
    air = tables["大气污染防治资金"]
    quality = _indicator(air, "改善环境质量")
    assert (quality.target, quality.actual, quality.weight, quality.claimed_score) == ("达标", "100%", D(10), D("9.00"))
    resident = _indicator(air, "居民满意度")
    assert (resident.level1, resident.target, resident.actual) == ("满意度指标", "90%", None)
    assert _indicator(air, "改善环境").weight == D(20)

    inspect = tables["环保督察工作经费"]
    econ = _indicator(inspect, "提升环境质量，促进城市消费")
    assert (econ.level1, econ.level2, econ.claimed_score) == ("效益指标", "经济效果指标", D("8.00"))
    eco = _indicator(inspect, "提升环境质量")
    assert (eco.level2, eco.target, eco.actual, eco.claimed_score) == (
        "生态效益指标", "提升环境质量", "提升环境质量", D("9.00"))
    assert eco.note and "社会效益指标" in eco.note
    assert _indicator(inspect, "整改时限").level1 == "产出指标"

    discipline = tables["纪检监察机构专项经费"]
    assert _indicator(discipline, "信访工作", "质量指标").target == "≥80"
    assert _indicator(discipline, "深化干部作风建设工作", "质量指标").target == "≥100"
    cost = _indicator(discipline, "成本控制")
    assert (cost.level2, cost.target, cost.actual, cost.weight, cost.claimed_score) == (
        "生态环境成本指标", "≥90", "已完成", D(20), D("19.00"))

    bundle = tables["执法辅助装备购置、生态环境分区管控成果动态更新等项目"]
    delivery = _indicator(bundle, "装备交付及时性")
    assert (delivery.level1, delivery.claimed_score) == ("产出指标", D("8.00"))
    deviation = _indicator(bundle, "预算执行偏差率")
    assert (deviation.level1, deviation.level2, deviation.target) == ("成本指标", "经济效益指标", "无偏差")
    assert deviation.note

    reserve = tables["预备费项目支出"]
    unnamed = [i for i in reserve.indicators if i.level3 is None]
    assert [(i.level2, i.target, i.actual) for i in unnamed] == [
        ("服务对象满意度指标", "大于等于85", "完成"), ("经济成本指标", "预算控制内", "预算控制内")]
    assert all(i.note for i in unnamed)
    assert _indicator(reserve, "提升技术完成度").claimed_score == D("14.00")

    rain = tables["重污染天气人工降雨补助资金"]
    days = _indicator(rain, "预警预报天数")
    assert (days.target, days.actual) == ("365天", "完成")
    econ = _indicator(rain, "提升环境质量促进经济发展")
    assert econ.target is None and econ.actual == "完成" and econ.note
    assert _indicator(rain, "预算控制内").claimed_score == D("19.00")

    village = tables["驻村帮扶补助资金项目"]
    industry = _indicator(village, "培育1-2个特色主导产业")
    assert (industry.target, industry.actual) == ("培育1-2个特色主导产业", "完成1个")
    budget = _indicator(village, "预算控制内")
    assert (budget.actual, budget.weight, budget.claimed_score) == (None, D(20), D("18.00"))


# ---- 基础数据表 ----------------------------------------------------------------------------


def test_basic_data(report):
    basic = report.basic_data
    assert (basic.staffing.authorized, basic.staffing.actual, basic.staffing.control_rate) == (
        D(166), D(113), "68.07%")
    assert (basic.expense_columns.prior_final, basic.expense_columns.budget, basic.expense_columns.final) == (
        "2023年决算数", "2024年预算数", "2024年决算数")
    printed = {
        "sangong": ("三公经费", None, D("82.73"), D(77), D("35.32")),
        "vehicles": ("1、公务用车购置和维护经费", "sangong", D("75.22"), D(54), D("29.58")),
        "vehicle_purchase": ("其中：公车购置", "vehicles", D("26.98"), D(30), D(0)),
        "vehicle_operation": ("公车运行维护", "vehicles", D("48.24"), D(24), D("29.58")),
        "overseas": ("2、出国经费", "sangong", None, D(3), D(0)),
        "reception": ("3、公务接待", "sangong", D("7.51"), D(20), D("5.74")),
        "projects": ("项目支出：", None, D("1452.99"), D("6.62"), D("2178.65")),
        "business": ("1、业务工作经费", "projects", D("1452.99"), D("6.62"), D("2178.65")),
        "operation": ("2、运行维护经费", "projects", None, None, None),
        "special": ("3、本级专项资金（一个专项一行）", "projects", None, None, None),
        "public": ("公用经费：", None, None, None, None),
        "office": ("其中：办公经费", "public", D("46.72"), D(27), D("30.17")),
        "utilities_travel": ("水费、电费、差旅费", "public", D("141.1"), D("74.52"), D("93.14")),
        "meetings_training": ("会议费、培训费", "public", D("18.87"), D("12.12"), D("3.83")),
        "procurement": ("政府采购金额", None, D("644.32"), None, D("1055.55")),
        "basic_adjustment": ("部门基本支出预算调整", None, D("3282.84"), D("2642.66"), D("2642.66")),
    }
    assert [r.id for r in basic.expenses] == list(printed)
    for row in basic.expenses:
        assert (row.name, row.parent, row.prior_final, row.budget, row.final) == printed[row.id]
    assert _expense(report, "public").exhaustive is False
    assert _expense(report, "sangong").exhaustive is True
    assert basic.buildings.period == "2024年完工项目"
    [project] = basic.buildings.projects
    assert (project.approved_area, project.actual_area) == (D("0.00"), D("0.00"))
    assert project.budget_investment is None and project.area_control_rate is None
    assert basic.austerity_measures == "牢固树立过紧日子思想，厉行节约"


# ---- exactness -----------------------------------------------------------------------------


def _walk(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _walk(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _walk(v)
    else:
        yield value


def test_no_floats(raw, report):
    assert not any(isinstance(v, float) for v in _walk(raw))
    dumped = list(_walk(report.model_dump()))
    assert not any(isinstance(v, float) for v in dumped)
    assert sum(isinstance(v, Decimal) for v in dumped) > 300
    # trailing zeros survive as printed
    air = report.tables[1]
    assert str(_indicator(air, "改善环境质量").claimed_score) == "9.00"
    assert str(air.claimed_total) == "98.00"
    assert str(_funding(air, "年度资金总额").full_year) == "813.54"


def test_file_format():
    text = REPORT_PATH.read_text(encoding="utf-8")
    assert "\\u" not in text  # ensure_ascii false
    assert text.startswith('{\n  "schema_version": 1,')


def test_text_cells_are_printed_text(report):
    """Every transcribed text cell occurs verbatim in the seed (the bundle's name is ours)."""
    seed = SEED_PATH.read_text(encoding="utf-8")
    missing = []
    for table in report.tables:
        cells = [table.department, table.implementer, *(f.source for f in table.funding)]
        if table.name != "执法辅助装备购置、生态环境分区管控成果动态更新等项目":
            cells.append(table.name)
        for text in (table.goals.planned, table.goals.achieved):
            cells.extend((text or "").split("\n"))
        for i in table.indicators:
            cells.extend([i.level1, i.level2, i.level3, i.target, i.actual, i.rule])
        missing.extend((table.name, c) for c in cells if c and c not in seed)
    for row in report.basic_data.expenses:
        if row.name not in seed:
            missing.append(("基础数据表", row.name))
    assert missing == []
