"""The rule's own worked example: 每降低10%扣5分,如86%扣5分; 完成率每降低1%扣0.5分，例如完成率95%扣2.5分.

A department sometimes writes, after a step, what one value gives under it. That clause is no
scoring clause (scoring it as one would deduct twice, or read 95% as a count); it says which
reading of the rule its author meant, so the evaluator checks its readings against it
(engine.scoring.examples). It is cut out before the grammar reads the rest (its characters are
dropped, positions kept) and kept on the rule as `tree.Example`.

An example is a whole clause between separators that opens with 例如, 比如 or 举例 — or with a
bare 如 followed by a level (a number with %, or words ending in 率/度 then a number): 如有… and
如发现1次… are conditions, not examples — then a value, an optional 扣/得/计/记, points and 分,
and nothing after. The scan is linear: one pass to cut clauses, one bounded match per clause.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from engine.language import tree as rt

__all__ = ["EXAMPLE_LEADS", "drop_examples", "find_examples"]

EXAMPLE_LEADS = ("例如", "比如", "举例", "如")

_CLAUSE = re.compile(r"[^，,;；。()（）\n]+")
_EXAMPLE = re.compile(
    r"\s*(?P<lead>例如|比如|举例|如)[：:]?\s*(?P<subject>[^\d%]{0,12}?)(?:为|是|达到|只有)?\s*"
    r"(?P<value>\d{1,9}(?:\.\d{1,6})?)\s*(?P<unit>%|个百分点)?\s*(?:的|时|则)?\s*"
    r"(?P<verb>扣除|扣|得|计|记|减)?\s*(?P<points>\d{1,6}(?:\.\d{1,6})?)\s*分\s*")
_LONGEST = 48
_EFFECTS: dict[str, Literal["deduct", "score", "bare"]] = {
    "扣": "deduct", "扣除": "deduct", "减": "deduct", "得": "score", "计": "score", "记": "score"}


def find_examples(folded: str) -> list[rt.Example]:
    """Every example clause of the folded rule text, in order (see the module docstring)."""
    out = []
    for clause in _CLAUSE.finditer(folded):
        if len(clause.group()) > _LONGEST:  # an example is short; the bound keeps the match linear
            continue
        m = _EXAMPLE.fullmatch(clause.group())
        if m is None or not _is_example(m):
            continue
        effect = _EFFECTS.get(m.group("verb") or "", "bare")
        unit = "%" if m.group("unit") else None
        start, end = clause.start() + m.start("lead"), clause.start() + len(clause.group().rstrip())
        out.append(rt.Example(rt.Quantity(Decimal(m.group("value")), unit), Decimal(m.group("points")), effect,
                              subject=m.group("subject").strip() or None, span=rt.Span(start, end)))
    return out


def _is_example(m: re.Match[str]) -> bool:
    """例如/比如/举例 always; a bare 如 only before a level (如86%, 如完成率95%): 如发现1次扣1分 is a condition."""
    if m.group("lead") != "如":
        return True
    subject = m.group("subject").strip()
    return bool(m.group("unit")) and not subject.startswith(("有", "发现", "出现", "未", "果"))


def drop_examples(folded: str, examples: list[rt.Example], dropped: str) -> str:
    """The folded text with each example's characters replaced by `dropped` (positions kept)."""
    chars = list(folded)
    for e in examples:
        chars[e.span.start:e.span.end] = dropped * (e.span.end - e.span.start)
    return "".join(chars)
