"""The first screen of `rescore check`: what to look at, before the details.

For one report or many: the counts (errors with the points 多计 and 少计 apart, warnings,
infos), the inputs that could not be read with their reasons, every error by points (one short
line each, with its place), the tables whose grade may change, the findings per code, and the
summary grid of the tables. Each line is wrapped at the width with a hanging indent. Made from
the results only; nothing here computes a score.
"""

from __future__ import annotations

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
    way = {"over": "多计", "under": "少计"}.get(f.direction or "", "")
    off = f"（{way} {fmt(f.points)} 分）" if way else ""
    if f.claimed is not None and isinstance(f.expected, tuple):
        return f"自评 {fmt(f.claimed)}，应在 {fmt(f.expected[0])}–{fmt(f.expected[1])}{off}"
    if f.claimed is not None and f.expected is not None:
        return f"印/自评 {fmt(f.claimed)}，应为 {fmt(f.expected)}{off}" if f.code == "T001" else \
            f"自评 {fmt(f.claimed)}，应为 {fmt(f.expected)}{off}"
    possible = f.extra.get("possible")
    if f.claimed is not None and possible:
        return f"自评 {fmt(f.claimed)}，只可能 {'/'.join(fmt(p) for p in possible)}{off}"
    return BY_KIND[f.kind].title


def _where(result: ReportResult, f: Finding, many: bool) -> str:
    table = f"表 {f.table_number}" if f.table_number is not None else (f.table or "")
    place = place_words(f)
    head = f"{result.file} › " if many else ""
    return f"{head}{table}" + (f" {place}" if place else "")


def _errors(results: list[ReportResult], width: int | None, colour: bool, limit: int | None) -> list[str]:
    many = len(results) > 1
    errors = [(r, f) for r in results for f in r.findings if f.level == "error"]
    errors.sort(key=lambda rf: -abs(rf[1].points))  # stable: the reports' order within equal points
    if not errors:
        return []
    out = [paint(f"错误（{len(errors)} 处，按分数）：", "error", colour)]
    shown = errors if limit is None else errors[:limit]
    for r, f in shown:
        out += wrap(f"{_where(r, f, many)}：{f.code} {brief(f)}", width, "  ", "      ")
    if len(shown) < len(errors):
        out.append(f"  …另有 {len(errors) - len(shown)} 处错误，见下文各报告")
    return out


def _grades(results: list[ReportResult], width: int | None, limit: int | None) -> list[str]:
    many = len(results) > 1
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
        where = (f"{r.file} › " if many else "") + f"表 {t.number} {fit(t.name, 16)}"
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
    tables = sum(len(r.tables) for r in results)
    items = sum(len(t.items) for r in results for t in r.tables)
    levels = Counter(f.level for r in results for f in r.findings)
    over = sum((t.points_over for r in results for t in r.tables), Decimal(0))
    under = sum((t.points_under for r in results for t in r.tables), Decimal(0))
    unverifiable = sum(1 for r in results for t in r.tables for i in t.items if i.status == "unverifiable")
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
    rows = summary_rows(results)
    if rows:
        out += ["", "各表（* 未印总分，按各项之和；等级：自评→可能；未核：无法核对的分值）："]
        out += summary_grid(rows if limit is None else rows[:limit * 4], width, with_file=len(results) > 1)
        if limit is not None and len(rows) > limit * 4:
            out.append(f"  …共 {len(rows)} 张表，全部见 --summary-out 或 --format jsonl")
    return out + ["", END]
