"""The first screen of `rescore check`: what to look at, before the details.

For one report or many: the counts (errors with the points 多计 and 少计 apart, warnings,
infos), the inputs that could not be read with their reasons, every error by points (one short
line each, with its place), the tables whose grade may change, the findings per code, and the
summary grid of the tables. Each line is wrapped at the width with a hanging indent. Made from
the results only; nothing here computes a score.
"""

from __future__ import annotations

import os
from collections import Counter
from decimal import Decimal

from engine.findings import BY_KIND, Finding
from engine.output.common import SEVERITY_WORDS, place_words
from engine.output.outcomes import Unreadable
from engine.output.summary import summary_grid, summary_rows
from engine.output.wrap import fit, paint, wrap
from engine.review.result import ReportResult
from engine.review.verdicts import points_text
from engine.scoring import fmt

END = "—— 以上为概览；以下逐表列出详情 ——"


def brief(f: Finding) -> str:
    """What an error says in a few words: the claim, what it should be, and by how much."""
    words = {"over": "多印", "under": "少印"} if f.code == "T001" else {"over": "多计", "under": "少计"}
    way = words.get(f.direction or "", "")  # a T001 is a sum printed wrong, not a claim (not in 多计/少计)
    off = f"（{way} {fmt(f.points)} 分）" if way else ""
    if f.claimed is not None and isinstance(f.expected, tuple):
        return f"自评 {fmt(f.claimed)}，应在 {fmt(f.expected[0])}–{fmt(f.expected[1])}{off}"
    if f.claimed is not None and f.expected is not None:
        return f"总分印 {fmt(f.claimed)}，各项之和 {fmt(f.expected)}{off}" if f.code == "T001" else \
            f"自评 {fmt(f.claimed)}，应为 {fmt(f.expected)}{off}"
    possible = f.extra.get("possible")
    if f.claimed is not None and possible:
        return f"自评 {fmt(f.claimed)}，只可能 {'/'.join(fmt(p) for p in possible)}{off}"
    return BY_KIND[f.kind].title


def short_names(results: list[ReportResult]) -> dict[str, str]:
    """Each report's file relative to the folder they all share (a batch names them shorter)."""
    files = [r.file for r in results]
    if len(files) < 2:
        return {f: f for f in files}
    try:
        common = os.path.commonpath([os.path.dirname(os.path.abspath(f)) for f in files])
    except ValueError:  # different drives
        return {f: f for f in files}
    return {f: os.path.relpath(os.path.abspath(f), common) for f in files}


def _where(result: ReportResult, f: Finding, names: dict[str, str] | None) -> str:
    table = f"表 {f.table_number}" if f.table_number is not None else (f.table or "")
    place = place_words(f)
    head = f"{names[result.file]} › " if names else ""
    return f"{head}{table}" + (f" {place}" if place else "")


def _errors(results: list[ReportResult], width: int | None, colour: bool, limit: int | None) -> list[str]:
    names = short_names(results) if len(results) > 1 else None
    errors = [(r, f) for r in results for f in r.findings if f.level == "error"]
    errors.sort(key=lambda rf: -abs(rf[1].points))  # stable: the reports' order within equal points
    if not errors:
        return []
    out = [paint(f"错误（{len(errors)} 处，按分数）：", "error", colour)]
    shown = errors if limit is None else errors[:limit]
    for r, f in shown:
        out += wrap(f"{_where(r, f, names)}：{f.code} {brief(f)}", width, "  ", "      ")
    if len(shown) < len(errors):
        out.append(f"  …另有 {len(errors) - len(shown)} 处错误，见下文各报告")
    return out


def _grades(results: list[ReportResult], width: int | None, limit: int | None) -> list[str]:
    names = short_names(results) if len(results) > 1 else None
    moved = [(r, t) for r in results for t in r.tables if t.grade_impact]
    if not moved:
        return []
    out = [f"等级可能变化（{len(moved)} 张表）："]
    shown = moved if limit is None else moved[:limit]
    for r, t in shown:
        span = t.possible_range
        why = (f"{t.unverifiable_items} 项 {fmt(t.unverifiable_points)} 分无法重算，" if t.unverifiable_items else "")
        total = f"总分 {fmt(span[0])}–{fmt(span[1])}" if span and span[0] != span[1] else \
            f"总分 {fmt(span[0])}" if span else ""
        where = (f"{names[r.file]} › " if names else "") + f"表 {t.number} {fit(t.name, 16)}"
        out += wrap(f"{where}：自评「{t.claimed_grade}」→ 可能「{'/'.join(t.possible_grades)}」（{why}{total}）",
                    width, "  ", "      ")
    if len(shown) < len(moved):
        out.append(f"  …另有 {len(moved) - len(shown)} 张表")
    return out


def _per_code(results: list[ReportResult], width: int | None) -> list[str]:
    counts: Counter[tuple[str, str]] = Counter((f.code, f.level) for r in results for f in r.findings)
    if not counts:
        return []
    codes = sorted({code for code, _ in counts}, key=lambda c: (-sum(n for (k, _), n in counts.items() if k == c), c))
    parts = []
    for code in codes:
        levels = [(SEVERITY_WORDS[lv], counts[(code, lv)]) for lv in ("error", "warning", "info") if counts[(code, lv)]]
        total = sum(n for _, n in levels)
        split = "" if len(levels) == 1 else "（" + "，".join(f"{w} {n}" for w, n in levels) + "）"
        parts.append(f"{code} {total}{split}")
    return wrap("按代码（rescore explain 代码 查看说明）：" + "；".join(parts), width, "", "  ")


def _counts(results: list[ReportResult], broken: list[Unreadable]) -> str:
    every_table = [t for r in results for t in r.tables]
    items = sum(len(t.items) for t in every_table)
    levels = Counter(f.level for r in results for f in r.findings)
    over = sum((t.points_over for t in every_table), Decimal(0))
    under = sum((t.points_under for t in every_table), Decimal(0))
    unverifiable = sum(1 for t in every_table for i in t.items if i.status == "unverifiable")
    tables = len(every_table)
    head = f"{len(results)} 份报告、" if len(results) != 1 or broken else ""
    return (f"{head}{tables} 张表、{items} 项：错误 {levels['error']} 处（{points_text(over, under)}），"
            f"复核 {levels['warning']} 处，提示 {levels['info']} 条；{unverifiable} 项无法核对")


def _title(results: list[ReportResult], broken: list[Unreadable]) -> str:
    if len(results) == 1 and not broken:
        r = results[0]
        return f"复核：{r.unit} {r.year} 年（评分办法 {r.profile}）{r.file}"
    return f"复核 {len(results) + len(broken)} 个文件：{len(results)} 份报告已重算，{len(broken)} 个无法读取"


def _broken(broken: list[Unreadable], width: int | None, colour: bool) -> list[str]:
    if not broken:
        return []
    out = [paint(f"无法读取（{len(broken)} 个文件，其余照常复核）：", "error", colour)]
    for b in broken:
        out += wrap(f"{b.file}：{b.reason}", width, "  ", "      ")
    return out


def overview_lines(results: list[ReportResult], broken: list[Unreadable], width: int | None, colour: bool,
                   limit: int | None = None) -> list[str]:
    """The first screen; `limit` caps the errors and grade changes listed (a batch), None: all."""
    out = wrap(_title(results, broken), width, "", "  ") + wrap(_counts(results, broken), width, "", "  ")
    for block in (_broken(broken, width, colour), _errors(results, width, colour, limit),
                  _grades(results, width, limit), _per_code(results, width)):
        if block:
            out += [""] + block
    if len(results) > 1 or broken:
        out += ["", *_reports(results, width, limit)]
    elif results:
        out += ["", "各表（* 未印总分，按各项之和；等级：自评→可能；未核：无法核对的分值）："]
        out += summary_grid(summary_rows(results), width, with_file=False)
    return out + ["", END]


def _reports(results: list[ReportResult], width: int | None, limit: int | None) -> list[str]:
    """A batch: one row per report, most errors first (the per-table rows: --summary-out)."""
    from engine.output.text import grid

    names = short_names(results)
    def weight(r: ReportResult) -> tuple[int, Decimal]:
        return -r.counts()["errors"], -sum((t.points_over + t.points_under for t in r.tables), Decimal(0))

    ranked = sorted(results, key=weight)
    shown = ranked if limit is None else ranked[:limit]
    rows = [["报告", "单位", "表", "错误", "多计", "少计", "复核", "等级可能变"]]
    for r in shown:
        c, p = r.counts(), r.points()
        rows.append([names[r.file], r.unit, str(c["tables"]), str(c["errors"]), fmt(p["points_over"]),
                     fmt(p["points_under"]), str(c["warnings"]), str(sum(1 for t in r.tables if t.grade_impact))])
    out = ["各报告（错误多的在前；每表一行的汇总：--summary-out 汇总.xlsx）："]
    out += ["  " + line for line in grid(rows, [False, False, True, True, True, True, True, True],
                                         None if width is None else width - 2, squeeze=1)]
    if len(shown) < len(ranked):
        out.append(f"  …共 {len(ranked)} 份报告")
    return out
