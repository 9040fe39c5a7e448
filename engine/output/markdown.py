"""The markdown rendering of a `ReportResult`: a review memo, one section per table.

Findings are placed by table number through a `FindingIndex` built once, never by name.
Cells are escaped for markdown tables. Nothing here computes a score.
"""

from __future__ import annotations

from engine.findings import Finding
from engine.output.common import (SEVERITY_WORDS, STATUS_WORDS, FindingIndex, errors_first, grades_text, num,
                                  place_words,
                                  recomputed, source_word, total_text)
from engine.review.result import ReportResult, TableResult
from engine.scoring import fmt


def render_markdown(result: ReportResult) -> str:
    index = FindingIndex.of(result)
    out = [f"# 绩效自评复核：{result.unit} {'（未印年度）' if result.year is None else f'{result.year} 年'}", "",
           f"- 文件：`{result.file}`", f"- 评分办法：{result.profile}", f"- 结论：{result.verdict}", ""]
    for t in result.tables:
        out.extend(_table_section(t, index.of_table(t)))
    basic = index.outside_tables()
    if basic or result.basic_data_checked:
        out.append("## 基础数据表")
        out.append("")
        out.extend(f"- {f.code} {f.kind}：{_md(f.message)}" for f in basic)
        out.extend(f"- 已核对：{_md(line)}" for line in result.basic_data_checked)
        out.append("")
    return "\n".join(out)


def _table_section(t: TableResult, findings: list[Finding]) -> list[str]:
    claimed = num(t.claimed_total) if t.claimed_total is not None else fmt(t.claimed_sum) + "（未印总分，按各项之和）"
    out = [f"## 表 {t.number}：{t.name}", "",
           f"- 自评总分：{claimed}，等级「{t.claimed_grade}」",
           f"- 重算总分：{total_text(t)}，等级「{grades_text(t)}」"]
    if t.grade_impact:
        out.append(f"- **{t.grade_impact}**")
    out.extend(["", "| 指标 | 分值 | 自评 | 重算 | 状态 | 依据 |", "| --- | ---: | ---: | ---: | --- | --- |"])
    out.extend(f"| {_md(item.name)} | {num(item.weight)} | {num(item.claimed)} | {recomputed(item)} | "
               f"{STATUS_WORDS[item.status]} | {source_word(item)} |" for item in t.items)
    out.append("")
    if findings:
        out.extend(["| 代码 | 级别 | 指标 | 说明 |", "| --- | --- | --- | --- |"])
        out.extend(f"| {f.code} {f.kind} | {SEVERITY_WORDS[f.level]} | {_md(place_words(f) if f.item else '')} | "
                   f"{_md(f.message)} |"
                   for f in errors_first(findings))
        out.append("")
    out.extend([f"结论：{t.verdict}", ""])
    return out


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
