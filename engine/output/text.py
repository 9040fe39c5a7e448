"""The terminal rendering of a `ReportResult`, and of one item for `rescore explain`.

Tables are aligned by display width (CJK characters count 2) and fit the width when one is
given (names cut with …, lines wrapped with a hanging indent); statuses and severities are
coloured only when asked. Findings are placed by table number and row through a `FindingIndex`
built once; errors are listed first and one by one, other findings of one code in one table on one line
naming the rows. Nothing here computes a score or decides anything.
"""

from __future__ import annotations

from decimal import Decimal

from engine.findings import CODES, Finding
from engine.output.common import (KIND_WORDS, SEVERITY_WORDS, STATUS_WORDS, FindingIndex, errors_first, grades_text,
                                  num, place_words, recomputed, source_word, total_text)
from engine.review.result import ItemResult, ReportResult, TableResult
from engine.scoring import alternative_words, fmt
from engine.output.wrap import fit, paint, wrap
from engine.text.width import display_width, pad

def render_text(result: ReportResult, colour: bool = False, width: int | None = None) -> str:
    """The details of one report: each table's items and findings, then the 基础数据表."""
    index = FindingIndex.of(result)
    year = "（未印年度）" if result.year is None else f"{result.year} 年"
    title = f"重算：{result.unit} {year}    评分办法：{result.profile}    文件：{result.file}"
    out = wrap(title, width, "", "  ")
    out.append("")
    for t in result.tables:
        out.extend(_table_block(t, index.of_table(t), colour, width))
        out.append("")
    basic = index.outside_tables()
    if basic or result.basic_data_checked:
        out.append("【基础数据表】")
        out.extend(_finding_lines(basic, colour, width))
        for line in result.basic_data_checked:
            out.extend(wrap("已核对：" + line, width, "  ", "      "))
        out.append("")
    out.extend(wrap("总结论：" + result.verdict, width, "", "  "))
    return "\n".join(out)


def _table_block(t: TableResult, findings: list[Finding], colour: bool, width: int | None) -> list[str]:
    out = wrap(f"【表 {t.number}】{t.name}（{KIND_WORDS['department' if t.kind == 'department' else 'project']}）",
               width, "", "  ")
    out.extend("  " + line for line in _items_grid(t, colour, None if width is None else width - 2))
    if t.claimed_total is None:
        out.append("  * 表中未印总分，按各项自评得分之和")
    if t.unverifiable_items:
        out.extend(wrap(f"重算总分：{total_text(t)}", width, "  ", "    "))
    out.append(f"  等级：自评「{t.claimed_grade}」；重算「{grades_text(t)}」")
    if t.grade_impact:
        out.extend(wrap(paint(t.grade_impact, "warning", colour), width, "  ", "    "))
    if findings:
        out.append("  发现：")
        out.extend(_finding_lines(findings, colour, width))
    out.extend(wrap("结论：" + t.verdict, width, "  ", "    "))
    return out


def _finding_lines(findings: list[Finding], colour: bool, width: int | None) -> list[str]:
    """Each error on its own line; other findings of one code in one table on one line naming the rows."""
    out: list[str] = []
    findings = errors_first(findings)
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        if f.level != "error":
            groups.setdefault(f.code, []).append(f)
    done: set[str] = set()
    for f in findings:
        group = groups.get(f.code, [])
        if f.level == "error" or len(group) < 2:
            out.extend(wrap(finding_line(f, colour), width, "  ", "      "))
        elif f.code not in done:
            done.add(f.code)
            out.extend(wrap(group_line(group, colour), width, "  ", "      "))
    return out


def group_line(group: list[Finding], colour: bool) -> str:
    """Findings of one code in one table, on one line: the code's title, then each place."""
    first = group[0]
    head = paint(f"{first.code} {SEVERITY_WORDS[first.level]}", first.level, colour)
    places = "、".join(place_words(f) or (f.table or "") for f in group)
    return f"{head} {first.kind} ×{len(group)}：{CODES[first.code].title}——{places}"


def _items_grid(t: TableResult, colour: bool, width: int | None) -> list[str]:
    rows = [["行", "指标", "分值", "自评", "重算", "状态", "依据"]]
    for item in t.items:
        rows.append(["" if item.row is None else str(item.row), item.name, num(item.weight), num(item.claimed),
                     recomputed(item), STATUS_WORDS[item.status], source_word(item)])
    claimed_total = num(t.claimed_total) if t.claimed_total is not None else f"{fmt(t.claimed_sum)}*"
    short_total = total_text(t) if t.unverifiable_items == 0 else "—"
    rows.append(["", "总分", num(sum((i.weight for i in t.items if i.weight is not None), Decimal(0))),
                 claimed_total, short_total, "", ""])
    lines = grid(rows, [True, False, True, True, True, False, False], width)
    if colour:
        for number, item in enumerate(t.items, start=1):
            word = STATUS_WORDS[item.status]
            lines[number] = lines[number].replace(word, paint(word, item.status, True), 1)
    return lines


def grid(rows: list[list[str]], right: list[bool], width: int | None, squeeze: int = 1) -> list[str]:
    """Aligned columns; when wider than `width`, column `squeeze` (the names) is cut to fit."""
    widths = [max(display_width(r[c]) for r in rows) for c in range(len(rows[0]))]
    if width is not None:
        others = sum(widths) - widths[squeeze] + 2 * (len(widths) - 1)
        widths[squeeze] = max(6, min(widths[squeeze], width - others))
    return ["  ".join(pad(fit(cell, w) if c == squeeze else cell, w, "right" if r else "left")
                      for c, (cell, w, r) in enumerate(zip(row, widths, right))).rstrip()
            for row in rows]


def finding_line(f: Finding, colour: bool) -> str:
    head = paint(f"{f.code} {SEVERITY_WORDS[f.level]}", f.level, colour)
    where = f"［{place_words(f)}］" if f.item else ""
    return f"{head} {f.kind}{where} {f.message}"


def _line(table: TableResult, item: ItemResult) -> int:
    """The item's line in its table as the text output lists them (the row; 预算执行率 last)."""
    return table.items.index(item) + 1


def render_item(table: TableResult, item: ItemResult, findings: list[Finding]) -> str:
    """The full trace of one item and its own findings, for `rescore explain`."""
    out = [f"【表 {table.number}】{table.name} › {' › '.join(item.path)}（第 {_line(table, item)} 行）",
           f"分值 {num(item.weight)}；自评 {num(item.claimed)}；重算 {recomputed(item)}；{STATUS_WORDS[item.status]}",
           f"年度指标值：{item.target or '（空）'}；实际完成值：{item.actual or '（空）'}",
           f"依据：{source_word(item)}" + (f"（{item.rule.reference}）" if item.rule.reference else "")]
    if item.rule.text:
        out.append(f"评分标准：{item.rule.text}")
    if item.rule.canonical:
        out.append(f"规范形式：{item.rule.canonical}")
    if item.reason:
        out.append(f"无法核对的原因：{item.reason}")
    if item.trace:
        out.append("计算过程：")
        out.extend("  " + step for step in item.trace)
    for name, value in item.alternatives.items():
        out.append(f"其他读法 {alternative_words(name)}：{fmt(value)} 分")
    if findings:
        out.append("发现：")
        out.extend("  " + finding_line(f, False) for f in findings)
    return "\n".join(out)


def render_explain(result: ReportResult, matches: list[tuple[TableResult, ItemResult]], asked: str) -> str:
    """`rescore explain`: each matching item with its own findings only; when a name matched
    several rows, first which rows they are."""
    index = FindingIndex.of(result)
    blocks = [render_item(t, item, index.of_item(item)) for t, item in matches]
    if len(matches) > 1:
        rows: dict[int, list[str]] = {}
        for t, item in matches:
            rows.setdefault(t.number, []).append(str(_line(t, item)))
        where = "；".join(f"表 {number} 第 {'、'.join(lines)} 行" for number, lines in rows.items())
        blocks.insert(0, f"「{asked.strip()}」对应 {len(matches)} 行：{where}。以下逐行列出，每行只列它自己的发现。")
    return "\n\n".join(blocks)
