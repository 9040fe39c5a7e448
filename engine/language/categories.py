"""Requirements written per category, each with its own step:

    社区中心、乡镇≥12次,站、室≥6次,次数符合要求得12分;中心、乡镇少1次扣1分,站、室少1次扣2分。
    城市≥95%,农村≥85%,达到要求得10分;城市每低1%扣1分,农村每低1%扣0.5分

A comparison whose subject names a category (乡镇≥12次, with the names listed before it by 、:
社区中心、乡镇) and that scores nothing itself is the requirement of that category; a step whose
subject names the same category (中心、乡镇少1次: a name equal to one of the requirement's, or
inside it) counts from it: the requirement becomes the step's threshold, its subject all the
names, and the requirement's text is context (no longer unread). Only when two or more
categories are matched so (the family); otherwise nothing changes. engine.scoring.categories
scores the category the actual names. One pass over the statements.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from engine.language import tree as rt
from engine.lazy_dataclass import dataclass

__all__ = ["Listed", "names", "thresholds_by_category"]

_NAMES = re.compile(r"[、和及与]")


@dataclass(frozen=True)
class Listed:
    """A requirement read for a category: where its statement is in `out`, where the names listed
    before it are, the names, the comparison."""

    at: int | None  # None: the requirement is part of an award's condition, which stays
    before: tuple[int, ...]
    names: tuple[str, ...]
    compare: rt.Compare


def names(subject: str | None) -> tuple[str, ...]:
    """The category names of a subject: 中心、乡镇 → 中心, 乡镇."""
    return tuple(n.strip() for n in _NAMES.split(subject or "") if n.strip())


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return any(x == y or (len(x) >= 2 and x in y) or (len(y) >= 2 and y in x) for x in a for y in b)


def thresholds_by_category(out: list[Any], listed: list[Listed]) -> set[int]:
    """Give each step with a category subject the requirement of its category as threshold (in
    `out`, in place); the indices of the requirements used (they are context now)."""
    pairs = _pairs(out, listed) if len(listed) >= 2 else []
    if len({id(r) for _, r in pairs}) < 2:
        return set()
    for i, r in pairs:
        out[i] = replace(out[i], threshold=replace(r.compare, subject="、".join(r.names)))
    used = {r.at for _, r in pairs if r.at is not None}
    for _, r in pairs:
        used |= set(r.before)
    return used


def _pairs(out: list[Any], listed: list[Listed]) -> list[tuple[int, Listed]]:
    """Each step without a threshold whose subject names one category's requirement (same unit)."""
    pairs: list[tuple[int, Listed]] = []
    for i, s in enumerate(out):
        if not isinstance(s, rt.Step) or s.threshold is not None or not s.subject:
            continue
        found = [r for r in listed if _same(names(s.subject), r.names)]
        if len(found) == 1 and s.size.unit == _unit(found[0].compare):
            pairs.append((i, found[0]))
    return pairs


def _unit(c: rt.Compare) -> str | None:
    return c.operand.unit if isinstance(c.operand, rt.Quantity) else None
