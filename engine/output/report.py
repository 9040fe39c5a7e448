"""Render a `ReportResult` as text (terminal), markdown (review memo) or JSON.

All three read the same result object; nothing here computes a score. Text output aligns CJK
columns by display width and colours statuses only when asked to (a terminal).
"""

from __future__ import annotations

from decimal import Decimal

from engine.scoring import fmt
from engine.findings import Finding
from engine.output.jsonout import dumps
from engine.review.result import ItemResult, ReportResult, TableResult
from engine.text.width import display_width, pad

STATUS_WORDS = {"consistent": "一致", "discrepancy": "不符", "unverifiable": "无法核对"}
SEVERITY_WORDS = {"error": "错误", "warning": "复核", "info": "提示"}
SOURCE_WORDS = {"text": "表内评分标准", "rules-file": "规则集", "profile": "评分办法", "none": "无"}
_COLOURS = {"consistent": "32", "discrepancy": "31", "unverifiable": "33", "error": "31", "warning": "33", "info": "36"}


def _num(x: Decimal | None) -> str:
    return "—" if x is None else fmt(x)


def _recomputed(item: ItemResult) -> str:
    if item.recomputed is not None:
        return fmt(item.recomputed)
    if item.range is not None:
        return f"{fmt(item.range[0])}–{fmt(item.range[1])}"
    return "—"


def _total_text(t: TableResult) -> str:
    if t.recomputed_total is not None:
        return fmt(t.recomputed_total)
    if t.recomputed_range is not None:
        return f"{fmt(t.recomputed_range[0])}–{fmt(t.recomputed_range[1])}"
    return f"无法给出（{t.unverifiable_items} 项共 {fmt(t.unverifiable_points)} 分无法重算）"


def _grid(rows: list[list[str]], right: list[bool]) -> list[str]:
    widths = [max(display_width(r[c]) for r in rows) for c in range(len(rows[0]))]
    return ["  ".join(pad(cell, w, "right" if r else "left") for cell, w, r in zip(row, widths, right)).rstrip()
            for row in rows]


def _paint(text: str, key: str, colour: bool) -> str:
    return f"\033[{_COLOURS[key]}m{text}\033[0m" if colour and key in _COLOURS else text


def _findings_of(result: ReportResult, table: str | None) -> list[Finding]:
    return [f for f in result.findings if f.table == table]


def render_text(result: ReportResult, colour: bool = False) -> str:
    out = [f"重算：{result.unit} {result.year} 年    评分办法：{result.profile}    文件：{result.file}", ""]
    for t in result.tables:
        out.append(f"【表 {t.number}】{t.name}（{'部门整体支出' if t.kind == 'department' else '项目支出'}）")
        rows = [["指标", "分值", "自评", "重算", "状态", "依据"]]
        status_col = []
        for item in t.items:
            rows.append([item.name, _num(item.weight), _num(item.claimed), _recomputed(item),
                         STATUS_WORDS[item.status], SOURCE_WORDS.get(item.rule.source, item.rule.source)])
            status_col.append(item.status)
        claimed_total = _num(t.claimed_total) if t.claimed_total is not None else f"{fmt(t.claimed_sum)}*"
        short_total = _total_text(t) if t.unverifiable_items == 0 else "—"
        rows.append(["总分", _num(sum((i.weight for i in t.items if i.weight is not None), Decimal(0))),
                     claimed_total, short_total, "", ""])
        lines = _grid(rows, [False, True, True, True, False, False])
        if colour:
            for i, status in enumerate(status_col, start=1):
                word = STATUS_WORDS[status]
                lines[i] = lines[i].replace(word, _paint(word, status, True), 1)
        out.extend("  " + line for line in lines)
        if t.claimed_total is None:
            out.append("  * 表中未印总分，按各项自评得分之和")
        if t.unverifiable_items:
            out.append(f"  重算总分：{_total_text(t)}")
        out.append(f"  等级：自评「{t.claimed_grade}」；重算「{'/'.join(t.recomputed_grades) or '无法确定'}」")
        if t.grade_impact:
            out.append("  " + _paint(t.grade_impact, "warning", colour))
        table_findings = _findings_of(result, t.name)
        if table_findings:
            out.append("  发现：")
            for f in table_findings:
                out.append("  " + _finding_line(f, colour))
        out.append("  结论：" + t.verdict)
        out.append("")
    basic = [f for f in result.findings if f.table == "基础数据表"]
    if basic or result.basic_data_checked:
        out.append("【基础数据表】")
        out.extend("  " + _finding_line(f, colour) for f in basic)
        out.extend("  已核对：" + line for line in result.basic_data_checked)
        out.append("")
    out.append("总结论：" + result.verdict)
    return "\n".join(out)


def _finding_line(f: Finding, colour: bool) -> str:
    head = _paint(f"{f.code} {SEVERITY_WORDS[f.level]}", f.level, colour)
    where = f"［{f.item}］" if f.item else ""
    return f"{head} {f.kind}{where} {f.message}"


def render_markdown(result: ReportResult) -> str:
    out = [f"# 绩效自评复核：{result.unit} {result.year} 年", "",
           f"- 文件：`{result.file}`", f"- 评分办法：{result.profile}", f"- 结论：{result.verdict}", ""]
    for t in result.tables:
        out.append(f"## 表 {t.number}：{t.name}")
        out.append("")
        out.append(f"- 自评总分：{_num(t.claimed_total) if t.claimed_total is not None else fmt(t.claimed_sum) + '（未印总分，按各项之和）'}"
                   f"，等级「{t.claimed_grade}」")
        out.append(f"- 重算总分：{_total_text(t)}，等级「{'/'.join(t.recomputed_grades) or '无法确定'}」")
        if t.grade_impact:
            out.append(f"- **{t.grade_impact}**")
        out.append("")
        out.append("| 指标 | 分值 | 自评 | 重算 | 状态 | 依据 |")
        out.append("| --- | ---: | ---: | ---: | --- | --- |")
        for item in t.items:
            out.append(f"| {_md(item.name)} | {_num(item.weight)} | {_num(item.claimed)} | {_recomputed(item)} | "
                       f"{STATUS_WORDS[item.status]} | {SOURCE_WORDS.get(item.rule.source, item.rule.source)} |")
        out.append("")
        findings = _findings_of(result, t.name)
        if findings:
            out.append("| 代码 | 级别 | 指标 | 说明 |")
            out.append("| --- | --- | --- | --- |")
            for f in findings:
                out.append(f"| {f.code} {f.kind} | {SEVERITY_WORDS[f.level]} | {_md(f.item or '')} | {_md(f.message)} |")
            out.append("")
        out.append(f"结论：{t.verdict}")
        out.append("")
    basic = [f for f in result.findings if f.table == "基础数据表"]
    if basic or result.basic_data_checked:
        out.append("## 基础数据表")
        out.append("")
        for f in basic:
            out.append(f"- {f.code} {f.kind}：{_md(f.message)}")
        for line in result.basic_data_checked:
            out.append(f"- 已核对：{_md(line)}")
        out.append("")
    return "\n".join(out)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_json(result: ReportResult) -> str:
    return dumps(result.to_dict(), indent=2)


def render_item(result: ReportResult, table: TableResult, item: ItemResult) -> str:
    """The full trace of one item, for `rescore explain`."""
    out = [f"【表 {table.number}】{table.name} › {' › '.join(item.path)}",
           f"分值 {_num(item.weight)}；自评 {_num(item.claimed)}；重算 {_recomputed(item)}；{STATUS_WORDS[item.status]}",
           f"年度指标值：{item.target or '（空）'}；实际完成值：{item.actual or '（空）'}",
           f"依据：{SOURCE_WORDS.get(item.rule.source, item.rule.source)}"
           + (f"（{item.rule.reference}）" if item.rule.reference else "")]
    if item.rule.text:
        out.append(f"评分标准：{item.rule.text}")
    if item.rule.canonical:
        out.append(f"规范形式：{item.rule.canonical}")
    if item.reason:
        out.append(f"无法核对的原因：{item.reason}")
    if item.trace:
        out.append("计算过程：")
        out.extend("  " + line for line in item.trace)
    for name, value in item.alternatives.items():
        out.append(f"其他读法 {name}：{fmt(value)} 分")
    findings = [f for f in result.findings if f.table == table.name and f.item == item.name]
    if findings:
        out.append("发现：")
        out.extend("  " + _finding_line(f, False) for f in findings)
    return "\n".join(out)
