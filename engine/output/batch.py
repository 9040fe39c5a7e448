"""`rescore check` output for one input or many, in text, markdown, JSON and JSON Lines.

Text: the first screen (`engine.output.overview`), then each reviewed report's details, then,
with `--statistics`, the findings per code. Markdown: the summary table, then each report's memo.
JSON: the report's object for one input, an array of them for several (an unreadable input is
an object with `unreadable`); JSON Lines: one such object per line, in the inputs' order.
Everything is rendered from the results; nothing here computes a score.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from engine.findings import CODES
from engine.output.jsonout import dumps_bytes, dumps_line_bytes, dumps_line_pieces, dumps_pieces
from engine.output.outcomes import Outcome, Reviewed, Unreadable, reviewed, unreadable
from engine.output.overview import overview_lines
from engine.output.summary import grade_cell, summary_rows
from engine.review.result import ReportResult
from engine.scoring import fmt

_BATCH_LIMIT = 10  # errors and grade changes listed on the first screen of a batch


def render_check_text(outcomes: list[Outcome], colour: bool, width: int | None, statistics: bool) -> str:
    from engine.output.text import render_text

    results = [o.result for o in reviewed(outcomes)]
    limit = None if len(outcomes) == 1 else _BATCH_LIMIT
    out = overview_lines(results, unreadable(outcomes), width, colour, limit)
    for result in results:
        out += ["", render_text(result, colour=colour, width=width)]
    if statistics:
        out += ["", *statistics_lines(results)]
    return "\n".join(out)


def statistics_lines(results: list[ReportResult]) -> list[str]:
    """`--statistics`: how many findings of each code, most first (as linters print them)."""
    counts = Counter(f.code for r in results for f in r.findings)
    width = max((len(str(n)) for n in counts.values()), default=1)
    lines = ["按代码统计："]
    for code, n in sorted(counts.items(), key=lambda cn: (-cn[1], cn[0])):
        c = CODES[code]
        lines.append(f"  {n:>{width}}  {code} {c.kind}  {c.title}")
    return lines


def outcome_dict(outcome: Outcome) -> dict[str, object]:
    return outcome.result.to_dict() if isinstance(outcome, Reviewed) else outcome.to_dict()


def render_check_json(outcomes: list[Outcome]) -> str:
    return render_check_json_utf8(outcomes).decode()


def render_check_json_utf8(outcomes: list[Outcome]) -> bytes:
    """`--format json` as UTF-8 bytes, what the command writes (no str copy of a large report)."""
    if len(outcomes) == 1 and isinstance(outcomes[0], Reviewed):
        return dumps_bytes(outcomes[0].result.to_dict())
    return dumps_bytes([outcome_dict(o) for o in outcomes])


def render_check_json_pieces(outcomes: list[Outcome]) -> Iterator[bytes]:
    """`render_check_json_utf8` in pieces (`dumps_pieces`): a large report's JSON is written as
    it is made, never whole in memory."""
    if len(outcomes) == 1 and isinstance(outcomes[0], Reviewed):
        return dumps_pieces(outcomes[0].result.to_dict(lazy=True))
    return dumps_pieces(o.result.to_dict(lazy=True) if isinstance(o, Reviewed) else o.to_dict() for o in outcomes)


def jsonl_line(outcome: Outcome) -> bytes:
    """One report's JSON Lines object, compact UTF-8 (`dumps_line_bytes`)."""
    if isinstance(outcome, Reviewed) and outcome.line is not None:
        return outcome.line  # rendered in the worker, from the same result
    return dumps_line_bytes(outcome_dict(outcome))


PIECES_FROM = 2_000
"""Items from which a report's JSON Lines object not rendered in a worker is written in pieces
(`jsonl_pieces`); a smaller one is made at once, which is faster (~0.1 ms less a report)."""


def jsonl_pieces(outcome: Outcome) -> Iterable[bytes]:
    """`jsonl_line(outcome)` in pieces (`dumps_line_pieces`) for a large report whose line was
    not rendered in a worker: written as it is made, never whole in memory."""
    if isinstance(outcome, Reviewed) and outcome.line is None \
            and sum(len(t.items) for t in outcome.result.tables) >= PIECES_FROM:
        return dumps_line_pieces(outcome.result.to_dict(lazy=True))
    return (jsonl_line(outcome),)


def render_check_jsonl(outcomes: list[Outcome]) -> str:
    return b"\n".join(jsonl_line(o) for o in outcomes).decode("utf-8", "backslashreplace")


def render_check_markdown(outcomes: list[Outcome]) -> str:
    from engine.output.markdown import render_markdown

    results = [o.result for o in reviewed(outcomes)]
    if len(outcomes) == 1 and results:
        return render_markdown(results[0])
    out = ["# 绩效自评复核汇总", "", "| 文件 | 单位 | 年度 | 表 | 名称 | 自评 | 重算 | 等级 | 错误 | 复核 | 多计 | 少计 | 未核 |",
           "| --- | --- | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |"]
    for row in summary_rows(results):
        grade = grade_cell(row)
        out.append(f"| `{row.file}` | {row.unit} | {row.year} | {row.table} | {row.name.replace('|', '/')} | "
                   f"{fmt(row.claimed_total)}{'' if row.total_printed else '*'} | {row.recomputed} | {grade} | "
                   f"{row.errors} | {row.warnings} | {fmt(row.points_over)} | {fmt(row.points_under)} | "
                   f"{fmt(row.unverifiable_points)} |")
    broken: list[Unreadable] = unreadable(outcomes)
    if broken:
        out += ["", "## 无法读取", ""] + [f"- `{b.file}`：{b.reason}" for b in broken]
    for result in results:
        out += ["", render_markdown(result)]
    return "\n".join(out)
