"""Grades whose points OCR garbled: 优(16-20分)良(n-15分)一般(6-10分)差(0-5分).

A grade's points printed with a letter for a digit or a dash ((n-15分), (8T1分)) are read from
the grades either side when those print whole-number ranges: the range between them, from one
above the lower grade's top to one below the upper grade's bottom (11-15). The reading is kept
only when a number still legible in the print agrees with it (15 in n-15, 8 in 8T1), and is said
as a warning (P008); otherwise the grade stays unread (a fragment, P004).
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from engine.language import tree as rt
from engine.language.diagnostics import Diagnostic
from engine.language.pieces import text_of

__all__ = ["resolve_blurred"]


def _ranged(s: rt.Statement) -> rt.Points | None:
    """The whole-number range of points an award prints legibly (16-20分), or None."""
    if not isinstance(s, rt.Award) or s.points is None or s.points.blurred is not None:
        return None
    p = s.points
    if p.value is None or p.upto is None or p.value != int(p.value) or p.upto != int(p.upto):
        return None
    return p


def _between(before: rt.Points, after: rt.Points) -> tuple[Decimal, Decimal] | None:
    """The range between two neighbouring grades' ranges, whichever order they are printed in."""
    low, high = (after, before) if before.value is not None and after.value is not None and before.value > after.value \
        else (before, after)
    assert low.upto is not None and high.value is not None  # _ranged checked both
    lo, hi = low.upto + 1, high.value - 1
    return (lo, hi) if lo <= hi else None


def _legible(written: str, lo: Decimal, hi: Decimal) -> bool:
    """Does a number still legible in the print agree: the first is the low end or the last the high end?"""
    numbers = [Decimal(n) for n in re.findall(r"[0-9]+", written)]
    return bool(numbers) and (numbers[0] == lo or numbers[-1] == hi)


def resolve_blurred(statements: list[rt.Statement], folded: str) -> tuple[list[rt.Statement], list[Diagnostic]]:
    out = list(statements)
    diags: list[Diagnostic] = []
    for i, s in enumerate(out):
        if not isinstance(s, rt.Award) or s.points is None or s.points.blurred is None:
            continue
        before = _ranged(out[i - 1]) if i > 0 else None
        after = _ranged(out[i + 1]) if i + 1 < len(out) else None
        found = _between(before, after) if before is not None and after is not None else None
        written = s.points.blurred
        if found is None or not _legible(written, *found):
            out[i] = rt.Fragment(text_of(folded, s.span.start, s.span.end), span=s.span)
            continue
        lo, hi = found
        out[i] = replace(s, points=replace(s.points, value=lo, upto=hi, blurred=None))
        diags.append(Diagnostic("P008", f"「{written}」印刷不清，按相邻两档读作{lo}-{hi}分", s.points.span.start,
                                s.points.span.end, severity="warning"))
    return out, diags
