"""Write the workbook and Word files of tests/fixtures/tables-probe/ (the .txt files there are
written by hand, in the style of text extracted from a PDF).

    .venv/bin/python tools/make_tables_probe.py

Each file is a whole self-evaluation table laid out the way some department prints it: column
orders, merged cells, headings on two rows, unit rows, funding blocks with 其中 rows, a 总分 row,
blank / — / / cells, a header repeated where the table goes on over a page, traditional
characters. The values a careful reviewer reads from each are written by hand in
tests/test_tables_probe.py, never taken from this script.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "tables-probe"

Row = list[Any]
Merge = tuple[int, int, int, int]  # 1-based first row, first column, last row, last column


def _xlsx(name: str, rows: list[Row], merges: list[Merge], sheet: str = "Sheet1",
          formats: dict[tuple[int, int], str] | None = None) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    for (r, c), fmt in (formats or {}).items():
        ws.cell(row=r, column=c).number_format = fmt
    for r1, c1, r2, c2 in merges:
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    book.save(OUT / name)


def _docx(name: str, paragraphs: list[str], rows: list[Row], merges: list[Merge],
          after: tuple[str, ...] = ()) -> None:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                table.cell(r, c).text = str(value)
    for r1, c1, r2, c2 in merges:
        top = table.cell(r1 - 1, c1 - 1)
        text = top.text
        merged = top.merge(table.cell(r2 - 1, c2 - 1))
        merged.text = text
    for text in after:
        document.add_paragraph(text)
    document.save(str(OUT / name))


# --------------------------------------------------------------------------- p01 xlsx, project

def p01() -> None:
    """The national 项目支出 template as a city prints it: title, unit row, 其中 funding rows,
    一级 / 二级 merged down, 偏差原因 merged over every row, 总分 merged across."""
    rows: list[Row] = [
        ["2024年度项目支出绩效自评表"] + [None] * 8,
        [None] * 8 + ["单位：万元"],
        ["项目名称", "农村饮水安全巩固提升工程"] + [None] * 7,
        ["主管部门", "永州市水利局", None, None, "实施单位", "永州市农村供水服务中心", None, None, None],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", None],
        [None, "年度资金总额", 500, 520, 494, 10, 0.95, 9.5, None],
        [None, "其中：财政拨款", 500, 500, 480, "—", "—", "—", None],
        [None, "其他资金", 0, 20, 14, None, None, None, None],
        ["年度总体目标", "预期目标", None, None, None, "实际完成情况", None, None, None],
        [None, "完成12处农村供水工程改造，巩固提升3万人饮水安全", None, None, None,
         "完成12处农村供水工程改造，受益3.2万人", None, None, None],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         "偏差原因分析及改进措施"],
        [None, "产出指标", "数量指标", "改造供水工程数量", "12处", "12处", 15, 15,
         "部分工程受汛期影响延期完工，已督促施工单位加快进度"],
        [None, None, None, "受益人口", "≥3万人", "3.2万人", 10, 10, None],
        [None, None, "质量指标", "工程验收合格率", "100%", "100%", 10, 10, None],
        [None, None, "时效指标", "完工及时率", "≥95%", "90%", 10, 9, None],
        [None, "成本指标", "经济成本指标", "单处改造成本", "≤40万元", "38.5万元", 10, 10, None],
        [None, "效益指标", "社会效益指标", "农村自来水普及率", "≥90%", "92%", 15, 15, None],
        [None, None, None, "供水保证率", "≥95%", "96%", 10, 10, None],
        [None, None, "可持续影响指标", "工程长效运行机制", "健全", "健全", 5, 5, None],
        [None, "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", 5, 5, None],
        ["总分", None, None, None, None, None, 100, 98.5, None],
    ]
    merges = [(1, 1, 1, 9), (3, 2, 3, 9), (4, 2, 4, 4), (4, 6, 4, 9), (5, 1, 8, 1), (9, 1, 10, 1),
              (9, 2, 9, 5), (9, 6, 9, 9), (10, 2, 10, 5), (10, 6, 10, 9), (11, 1, 20, 1),
              (12, 2, 15, 2), (12, 3, 13, 3), (17, 2, 19, 2), (17, 3, 18, 3), (12, 9, 20, 9), (21, 1, 21, 6)]
    _xlsx("p01-project-national.xlsx", rows, merges, "项目自评表", {(6, 7): "0.00%"})


# --------------------------------------------------------------------------- p02 xlsx, 分值 first

def p02() -> None:
    """分值 before the 指标值, a 评分标准 column, headings on two rows (指标值 over 年度指标值 | 实际完成值),
    amounts headed with their unit, 执行率 before 分值, scores written 9.5分 / 10 分."""
    rows: list[Row] = [
        ["项目支出绩效自评表"] + [None] * 8,
        ["（2024年度）"] + [None] * 8,
        ["项目名称", "乡村学校少年宫运行补助", None, None, "实施单位", "邵阳市教育局", None, None, None],
        ["资金来源", None, "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）", "执行率", "分值", "得分", None],
        ["年度资金总额", None, 80, 80, 76, "95%", 10, "9.5分", None],
        ["其中：财政拨款", None, 80, 80, 76, None, None, None, None],
        ["其他资金", None, "/", "/", "/", None, None, None, None],
        ["一级指标", "二级指标", "三级指标", "分值", "指标值", None, "评分标准", "自评得分", "偏差原因分析及改进措施"],
        [None, None, None, None, "年度指标值", "实际完成值", None, None, None],
        ["产出指标", "数量指标", "补助少年宫数量", 20, "40所", "40所", "完成得满分，每少1所扣1分", "20分", "—"],
        [None, "质量指标", "活动开展达标率", 15, "≥90%", "88%", "每低1个百分点扣1分", "13 分", "部分学校师资不足"],
        [None, "时效指标", "资金拨付及时率", 10, "100%", "100%", "按时拨付得满分", "10分", "—"],
        ["效益指标", "社会效益指标", "参与活动学生人数", 15, "≥8000人次", "8600人次", "达到目标值得满分", "15分", "—"],
        [None, "可持续影响指标", "少年宫长效运行", 10, "持续运行", "持续运行", "酌情扣分", "10分", "—"],
        ["满意度指标", "服务对象满意度指标", "学生满意度", 10, "≥90%", "95%", "达到目标值得满分", "10分", "—"],
        [None, None, "家长满意度", 10, "≥85%", "84%", "每低1个百分点扣0.5分", "9.5分", "宣传不到位"],
        ["总分", None, None, 100, None, None, None, "97分", None],
    ]
    merges = [(1, 1, 1, 9), (2, 1, 2, 9), (3, 2, 3, 4), (3, 6, 3, 9), (4, 1, 4, 2), (5, 1, 5, 2), (6, 1, 6, 2),
              (7, 1, 7, 2), (8, 1, 9, 1), (8, 2, 9, 2), (8, 3, 9, 3), (8, 4, 9, 4), (8, 5, 8, 6), (8, 7, 9, 7),
              (8, 8, 9, 8), (8, 9, 9, 9), (10, 1, 12, 1), (13, 1, 14, 1), (15, 1, 16, 1), (15, 2, 16, 2),
              (17, 1, 17, 3)]
    _xlsx("p02-project-weight-first.xlsx", rows, merges, "自评表")


# --------------------------------------------------------------------------- p03 xlsx, department

def p03() -> None:
    """A 部门整体支出 table: 预算部门名称, 指标内容 for 三级指标, no 评分标准, — and / cells."""
    rows: list[Row] = [
        ["2024年度部门整体支出绩效自评表"] + [None] * 7,
        ["预算部门名称", "湘潭市民政局", None, None, None, None, None, None],
        [None] * 6 + ["单位：万元", None],
        ["年度预算申请", "资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 3650.2, 3812.45, 3701.18, 10, "97.08%", 9.71],
        [None, "其中：财政拨款", 3500, 3662.25, 3560.98, None, None, None],
        [None, "其他资金", 150.2, 150.2, 140.2, None, None, None],
        ["年度总体目标", "完成全年低保、特困供养、临时救助等民生保障任务", None, None, None, None, None, None],
        ["一级指标", "二级指标", "指标内容", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "城乡低保保障人数", "≥2.1万人", "2.15万人", 10, 10, "—"],
        [None, None, "特困人员供养人数", "≥3200人", "3260人", 10, 10, "—"],
        [None, "质量指标", "救助资金发放准确率", "100%", "100%", 10, 10, "—"],
        [None, "时效指标", "救助资金按月发放", "按月", "按月", 10, 10, "—"],
        [None, "成本指标", "临时救助人均标准", "/", "/", 5, 5, "/"],
        ["效益指标", "社会效益指标", "困难群众基本生活保障", "有效保障", "有效保障", 25, 25, "—"],
        [None, "可持续影响指标", "社会救助体系", "持续完善", "基本完善", 10, 8, "信息化建设滞后，下年度推进系统升级"],
        ["满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "—", 10, 8, "满意度调查未完成，按抽查结果评分"],
        ["总分", None, None, None, None, 100, 95.71, None],
    ]
    merges = [(1, 1, 1, 8), (2, 2, 2, 8), (4, 1, 7, 1), (8, 2, 8, 8), (10, 1, 14, 1), (10, 2, 11, 2),
              (15, 1, 16, 1), (18, 1, 18, 5)]
    _xlsx("p03-department.xlsx", rows, merges, "部门整体支出绩效自评表")


# --------------------------------------------------------------------------- p04 xlsx, continued

def p04() -> None:
    """A table converted from a two-page PDF: the heading row repeated where page 2 starts, a
    page footer line, the 一级指标 printed again on the new page."""
    head = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    rows: list[Row] = [
        ["2024年度项目支出绩效自评表"] + [None] * 7,
        ["项目名称", "城区公厕提质改造", None, None, "主管部门", "株洲市城市管理和综合执法局", None, None],
        ["项目资金", "资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 260, 260, 247, 10, "95%", 9.5],
        [None, "其中：财政拨款", 260, 260, 247, None, None, None],
        head,
        ["产出指标", "数量指标", "改造公厕数量", "26座", "26座", 10, 10, None],
        [None, None, "新增第三卫生间", "8间", "8间", 5, 5, None],
        [None, "质量指标", "验收合格率", "100%", "100%", 10, 10, None],
        [None, None, "无障碍设施配置率", "100%", "100%", 5, 5, None],
        [None, "时效指标", "按期完工率", "≥95%", "92%", 10, 8, "雨季影响工期"],
        ["第 1 页，共 2 页", None, None, None, None, None, None, None],
        head,
        ["产出指标", "成本指标", "单座改造成本", "≤10万元", "9.5万元", 10, 10, None],
        ["效益指标", "社会效益指标", "市容环境改善", "明显改善", "明显改善", 15, 15, None],
        [None, "生态效益指标", "粪污无害化处理率", "100%", "100%", 10, 10, None],
        [None, "可持续影响指标", "长效管护机制", "建立", "建立", 5, 5, None],
        ["满意度指标", "服务对象满意度指标", "市民满意度", "≥90%", "91%", 10, 10, None],
        ["总分", None, None, None, None, 100, 97.5, None],
    ]
    merges = [(1, 1, 1, 8), (2, 2, 2, 4), (2, 6, 2, 8), (3, 1, 5, 1), (7, 1, 11, 1), (7, 2, 8, 2), (9, 2, 10, 2),
              (12, 1, 12, 8), (15, 1, 17, 1), (19, 1, 19, 5)]
    _xlsx("p04-project-continued.xlsx", rows, merges, "Sheet1")


# --------------------------------------------------------------------------- p05 docx, project

def p05() -> None:
    """A Word form: title and unit as paragraphs, 评分标准 between the values and the 分值."""
    rows: list[Row] = [
        ["项目名称", "高标准农田建设", None, None, None, None, None, None, None],
        ["主管部门", "常德市农业农村局", None, None, "实施单位", "常德市农田建设服务中心", None, None, None],
        ["项目资金（万元）", "资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", None],
        [None, "年度资金总额", "1200", "1350", "1282.5", "10", "95%", "9.5", None],
        [None, "其中：财政拨款", "1000", "1150", "1100", "", "", "", None],
        [None, "其他资金", "200", "200", "182.5", "", "", "", None],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "评分标准", "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "新建高标准农田面积", "≥2万亩", "2.1万亩", "完成得满分，未完成按比例得分", "20", "20", ""],
        [None, "质量指标", "工程质量合格率", "100%", "100%", "达标得满分", "15", "15", ""],
        [None, "时效指标", "项目完工率", "100%", "95%", "按完成比例得分", "10", "9.5", "个别标段延期"],
        ["效益指标", "经济效益指标", "亩均增产粮食", "≥50公斤", "55公斤", "达到目标得满分", "15", "15", ""],
        [None, "生态效益指标", "节水灌溉面积占比", "≥60%", "62%", "达到目标得满分", "10", "10", ""],
        [None, "可持续影响指标", "工程管护制度", "健全", "健全", "酌情扣分", "10", "10", ""],
        ["满意度指标", "服务对象满意度指标", "农户满意度", "≥90%", "88%", "每低1个百分点扣1分", "10", "8", "部分农户反映沟渠维护不及时"],
        ["总分", None, None, None, None, None, "100", "97", None],
    ]
    merges = [(1, 2, 1, 9), (2, 2, 2, 4), (2, 6, 2, 9), (3, 1, 6, 1), (8, 1, 10, 1), (11, 1, 13, 1), (15, 1, 15, 6)]
    _docx("p05-project.docx", ["2024年度项目支出绩效自评表", "单位：万元"], rows, merges,
          ("填表人：李某　　联系电话：0736-1234567",))


# --------------------------------------------------------------------------- p06 docx, traditional

def p06() -> None:
    """A 部门整体支出 form in traditional characters, its indicator headings on two rows."""
    rows: list[Row] = [
        ["預算部門名稱", "衡南縣財政局", None, None, None, None, None, None],
        ["資金來源", None, "年初預算數", "全年預算數", "全年執行數", "分值", "執行率", "得分"],
        ["年度資金總額", None, "860.5", "902.3", "880.1", "10", "97.54%", "9.75"],
        ["其中：財政撥款", None, "820.5", "862.3", "845.6", "", "", ""],
        ["其他資金", None, "40", "40", "34.5", "", "", ""],
        ["一級指標", "二級指標", "三級指標", "指標值", None, "分值", "得分", "偏差原因分析及改進措施"],
        [None, None, None, "年度指標值", "實際完成值", None, None, None],
        ["產出指標", "數量指標", "預算評審項目數", "≥120個", "135個", "20", "20", ""],
        [None, "質量指標", "評審審減率", "≥8%", "9.2%", "20", "20", ""],
        [None, "時效指標", "評審按時完成率", "≥95%", "96%", "10", "10", ""],
        ["效益指標", "經濟效益指標", "節約財政資金", "≥3000萬元", "3560萬元", "20", "20", ""],
        ["滿意度指標", "服務對象滿意度指標", "預算單位滿意度", "≥90%", "89%", "20", "19", "個別單位反映評審周期偏長"],
        ["總分", None, None, None, None, "100", "98.75", None],
    ]
    merges = [(1, 2, 1, 8), (2, 1, 2, 2), (3, 1, 3, 2), (4, 1, 4, 2), (5, 1, 5, 2), (6, 1, 7, 1), (6, 2, 7, 2),
              (6, 3, 7, 3), (6, 4, 6, 5), (6, 6, 7, 6), (6, 7, 7, 7), (6, 8, 7, 8), (8, 1, 10, 1), (13, 1, 13, 5)]
    _docx("p06-department-traditional.docx", ["2024年度部門整體支出績效自評表"], rows, merges)


# --------------------------------------------------------------------------- p11 xlsx, department

def p11() -> None:
    """A 部门整体支出 sheet of another province: 部门名称：… in one cell, amounts headed 项目 /
    调整后预算数 / 实际执行数, the rate stored as a fraction with no % format, 基本支出 / 项目支出
    rows, 评分标准 before the values, 年度目标值 / 全年实际值, 自评得分, a 合计 row."""
    rows: list[Row] = [
        ["部门整体支出绩效自评表（2024年度）"] + [None] * 8,
        ["部门名称：邵阳市卫生健康委员会", None, None, None, None, None, "单位：万元", None, None],
        ["项目", "年初预算数", "调整后预算数", "实际执行数", "预算执行率", "分值", "得分", None, None],
        ["年度资金总额", 2450.6, 2630.15, 2571.3, 0.9776, 10, 9.78, None, None],
        ["基本支出", 1830.6, 1830.6, 1830.6, None, None, None, None, None],
        ["项目支出", 620, 799.55, 740.7, None, None, None, None, None],
        [None] * 9,
        ["一级指标", "二级指标", "三级指标", "评分标准", "年度目标值", "全年实际值", "分值", "自评得分",
         "偏差原因分析及改进措施"],
        ["产出指标", "数量指标", "公共卫生服务项目数", "完成得满分", "12项", "12项", 10, 10, None],
        [None, None, "家庭医生签约人数", "每少1%扣0.5分", "≥30万人", "31.2万人", 10, 10, None],
        [None, "质量指标", "传染病报告及时率", "达标得满分", "≥95%", "98.6%", 10, 10, None],
        [None, "时效指标", "资金拨付及时性", "及时得满分", "及时", "及时", 10, 10, None],
        ["效益指标", "社会效益指标", "居民健康素养水平", "达到目标得满分", "≥28%", "29.5%", 20, 20, None],
        [None, "可持续影响指标", "基层医疗服务能力", "酌情扣分", "持续提升", "持续提升", 10, 9, "部分乡镇卫生院人员不足"],
        ["满意度指标", "服务对象满意度指标", "群众就医满意度", "每低1个百分点扣1分", "≥90%", "88%", 20, 18, "服务流程待优化"],
        ["合计", None, None, None, None, None, 100, 96.78, None],
    ]
    merges = [(1, 1, 1, 9), (2, 1, 2, 5), (9, 1, 12, 1), (9, 2, 10, 2), (13, 1, 14, 1), (16, 1, 16, 6)]
    _xlsx("p11-department-other-province.xlsx", rows, merges, "部门整体")


# --------------------------------------------------------------------------- p14 xlsx, converted

def p14() -> None:
    """A sheet converted from a PDF: every cell is text (amounts with thousands separators, scores
    written 分), 绩效指标 merged over the three level headings, 权重 for 分值, 总分 as 100分."""
    rows: list[Row] = [
        ["2024年度项目支出绩效自评表"] + [None] * 6,
        ["项目名称", "城乡居民医保参保补助", None, None, None, None, None],
        ["主管部门", "益阳市医疗保障局", None, None, "实施单位", "益阳市医疗保障事务中心", None],
        ["资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率", "权重", "得分"],
        ["年度资金总额", "1,250.00", "1,380.60", "1,352.99", "98.00%", "10", "9.8"],
        ["其中：财政拨款", "1,250.00", "1,250.00", "1,222.39", "", "", ""],
        ["其他资金", "0.00", "130.60", "130.60", "", "", ""],
        ["绩效指标", None, None, "年度指标值", "实际完成值", "权重", "得分"],
        ["一级指标", "二级指标", "三级指标", None, None, None, None],
        ["产出指标", "数量指标", "参保人数", "≥120万人", "121.5万人", "20", "20分"],
        [None, "质量指标", "参保率", "≥95%", "95.6%", "20", "20分"],
        [None, "时效指标", "补助资金到位及时率", "100%", "100%", "10", "10分"],
        ["效益指标", "社会效益指标", "群众医疗负担减轻", "有效减轻", "有效减轻", "20", "18分"],
        ["满意度指标", "服务对象满意度指标", "参保群众满意度", "≥90%", "92%", "20", "20分"],
        ["总分", None, None, None, None, "100分", "97.8分"],
    ]
    merges = [(1, 1, 1, 7), (2, 2, 2, 7), (3, 2, 3, 4), (3, 6, 3, 7), (8, 1, 8, 3), (8, 4, 9, 4), (8, 5, 9, 5),
              (8, 6, 9, 6), (8, 7, 9, 7), (10, 1, 12, 1), (15, 1, 15, 5)]
    _xlsx("p14-project-converted.xlsx", rows, merges, "Table 1")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for make in (p01, p02, p03, p04, p05, p06, p11, p14):
        make()


if __name__ == "__main__":
    main()
