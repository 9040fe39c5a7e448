"""Counting findings: errors, warnings and infos, and the points claimed too many (多计) and too
few (少计), kept apart because a bureau weighs them differently.

The points are those of the error-level score findings that carry a `direction` (S001, S002,
E001 on a score), on an indicator row or the 预算执行率 row, counting each row once per
direction with its largest finding (a claim over the weight raises S002 and S001 for the same
points). A T001 (the printed 总分 against the sum of the claims) is a sum error, not a claim,
and is not counted here. Nothing here makes a finding.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from engine.findings import Finding
from engine.review.result import PlaceKey

_SCORE_FIELDS = (None, "execution")  # an indicator row (field None) or the 预算执行率 row


@dataclass(frozen=True)
class Tally:
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    points_over: Decimal = Decimal(0)
    points_under: Decimal = Decimal(0)


def tally(findings: Iterable[Finding]) -> Tally:
    levels = {"error": 0, "warning": 0, "info": 0}
    largest: dict[tuple[PlaceKey, str], Decimal] = {}
    for f in findings:
        levels[f.level] += 1
        if f.level == "error" and f.direction is not None and f.field in _SCORE_FIELDS:
            key = ((f.table_number, f.row, f.field), f.direction)
            largest[key] = max(largest.get(key, Decimal(0)), abs(f.points))
    over = sum((p for (_, d), p in largest.items() if d == "over"), Decimal(0))
    under = sum((p for (_, d), p in largest.items() if d == "under"), Decimal(0))
    return Tally(levels["error"], levels["warning"], levels["info"], over, under)
