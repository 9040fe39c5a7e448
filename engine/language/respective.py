"""Respective lists: 达到90%、80%和70%的分别得5分、3分和1分; 前两名分别得4分、3分; 在省、市级刊物发表
1篇分别加1分和0.5分. The conditions (or subjects) listed before 分别 and the points listed after it
are paired in order, each pair a statement of its own: 达到90%记5分, 达到80%记3分, 达到70%记1分.

`pair` is called by the assembly (engine.language.assemble) with what it collected; a list of
conditions that the points do not match in number is a P009 diagnostic, never a guess. Nothing
here reads text or knows lark.
"""

from __future__ import annotations

from dataclasses import field, replace
from decimal import Decimal

from engine.language import tree as rt
from engine.language.diagnostics import Diagnostic
from engine.lazy_dataclass import dataclass

__all__ = ["Respective", "pair"]


@dataclass
class Respective:
    """What a 分别 clause has collected: the conditions before it (comparisons, or the subjects
    of a count), the points after it, and whether they are added per count (分别加1分和0.5分)."""

    conditions: list[rt.Predicate]
    points: list[rt.Points]
    start: int
    end: int
    step: rt.Step | None = None  # 市级刊物发表1篇分别加1分: the count each subject adds for
    subjects: list[str] = field(default_factory=list)


def _ranks(cond: rt.Predicate) -> list[rt.Predicate] | None:
    """前两名 / 前3名: the ranks 1 … N, each a condition of its own."""
    if isinstance(cond, rt.Compare) and cond.op == "stated" and (cond.subject or "").endswith("前") \
            and isinstance(cond.operand, rt.Quantity) and cond.operand.unit == "名":
        n = int(cond.operand.value)
        return [rt.Compare("=", rt.Quantity(Decimal(i), "名"), subject="第", span=cond.span) for i in range(1, n + 1)]
    return None


def _same_comparator(conds: list[rt.Predicate]) -> list[rt.Predicate]:
    """达到90%、80%和70%的: the values after the first are compared as the first is (达到)."""
    first = conds[0]
    if not isinstance(first, rt.Compare):
        return conds
    out: list[rt.Predicate] = [first]
    for c in conds[1:]:
        if isinstance(c, rt.Compare) and c.op == "stated":
            c = replace(c, op=first.op, word=first.word, subject=c.subject or first.subject)
        out.append(c)
    return out


def _subjects(subjects: list[str]) -> list[str]:
    """在省、市级刊物发表: a short item before 、 shares what follows the last one (省级刊物发表)."""
    if len(subjects) < 2:
        return subjects
    last = subjects[-1]
    out = []
    for s in subjects[:-1]:
        core = s[1:] if s.startswith(("在", "对", "于")) and len(s) > 1 else s
        out.append(s + last[len(core):] if len(core) <= 2 and len(last) > len(core) else s)
    return out + [last]


def pair(r: Respective) -> tuple[list[rt.Statement], Diagnostic | None]:
    """The statements a 分别 clause makes, or its diagnostic when the lists do not match."""
    if r.step is not None:
        subjects = _subjects(r.subjects)
        if len(subjects) != len(r.points):
            return [], _mismatch(r, len(subjects))
        return [replace(r.step, subject=s, points=p.value or Decimal(0)) for s, p in zip(subjects, r.points)], None
    conds = r.conditions
    if not conds:
        return [], _mismatch(r, 0)
    if len(conds) == 1:
        conds = _ranks(conds[0]) or conds
    conds = _same_comparator(conds)
    if len(conds) != len(r.points):
        return [], _mismatch(r, len(conds))
    return [rt.Award(c, p, span=rt.Span(r.start, r.end)) for c, p in zip(conds, r.points)], None


def _mismatch(r: Respective, n: int) -> Diagnostic:
    return Diagnostic("P009", f"“分别”前列了 {n} 项，后面写了 {len(r.points)} 个分值，无法一一对应", r.start, r.end)
