"""The rule's own worked example: 每降低10%扣5分,如86%扣5分; 完成率每降低1%扣0.5分，例如完成率95%扣2.5分.

A department sometimes writes, after a step, what one value gives under it. That clause is no
scoring clause (scoring it as one would deduct twice, or read 95% as a count); it says which
reading of the rule its author meant, so the evaluator checks its readings against it
(engine.scoring.examples). It is cut out before the grammar reads the rest (its characters are
dropped, positions kept) and kept on the rule as `tree.Example`.

An example is a whole clause between separators (or two, joined by one comma) that opens with
例如, 比如, 举例 or 例： — or with a
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
    r"\s*(?P<lead>例如|比如|举例|例(?=\s*[：:])|如)[：:]?\s*(?P<subject>[^\d%]{0,12}?)(?:为|是|达到|只有)?\s*"
    r"(?P<value>\d{1,9}(?:\.\d{1,6})?)\s*(?P<unit>%|个百分点)?\s*(?:的|时)?\s*(?:[,，]\s*)?(?:则|即)?\s*"
    r"(?P<verb>扣除|扣|得|计|记|减)?\s*(?P<points>\d{1,6}(?:\.\d{1,6})?)\s*分\s*")
_LONGEST = 48
_EFFECTS: dict[str, Literal["deduct", "score", "bare"]] = {
    "扣": "deduct", "扣除": "deduct", "减": "deduct", "得": "score", "计": "score", "记": "score"}


def find_examples(folded: str) -> list[rt.Example]:
    """Every example of the folded rule text, in order (see the module docstring): a clause, or
    a clause and the next after one comma (如完成率为95%，则扣2.5分)."""
    clauses = list(_CLAUSE.finditer(folded))
    out = []
    i = 0
    while i < len(clauses):
        found = _example_at(folded, clauses[i].start(), clauses[i].end())
        if found is None and i + 1 < len(clauses) and folded[clauses[i].end():clauses[i + 1].start()] in (",", "，"):
            found = _example_at(folded, clauses[i].start(), clauses[i + 1].end())
            i += found is not None
        if found is not None:
            out.append(found)
        i += 1
    return out


def _example_at(folded: str, a: int, b: int) -> rt.Example | None:
    """The example written in folded[a:b], if it is one; its span takes the parentheses around
    it when it is all they hold ((如完成率96%扣2分))."""
    text = folded[a:b]
    if len(text) > _LONGEST:  # an example is short; the bound keeps the match linear
        return None
    m = _EXAMPLE.fullmatch(text)
    if m is None or not _is_example(m):
        return None
    start, end = a + m.start("lead"), a + len(text.rstrip())
    if a > 0 and folded[a - 1] in "(（" and folded[b:b + 1] in (")", "）"):
        start, end = a - 1, b + 1
    effect = _EFFECTS.get(m.group("verb") or "", "bare")
    unit = "%" if m.group("unit") else None
    return rt.Example(rt.Quantity(Decimal(m.group("value")), unit), Decimal(m.group("points")), effect,
                      subject=m.group("subject").strip() or None, span=rt.Span(start, end))


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
