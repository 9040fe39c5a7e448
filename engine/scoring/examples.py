"""The reading a rule's own worked example asks for (如86%扣5分; engine.language.examples).

A step rule whose author wrote what one value gives tells which reading of an incomplete step
was meant: 每降低10%扣5分 from 90%, 如86%扣5分, counts a part of a step as a whole one. Each reading
of the rule (whole steps, in proportion, a part as a whole) is run on the example's value; the
readings that give the example's points are the author's. The result is a note that names the
reading used and what the others gave, never a silent choice: where the example fits none (or
the caller's reading already fits) the caller's reading stays.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

from engine.language import tree as rt
from engine.language.printer import operand
from engine.scoring.numbers import fmt
from engine.scoring.outcome import PARTIAL_STEP_NAMES, Note, Outcome, PartialStep

__all__ = ["reading_by_example"]

Run = Callable[[rt.Rule, str, PartialStep], Outcome]
_READINGS: tuple[PartialStep, ...] = ("floor", "proportional", "ceiling")


def reading_by_example(rule: rt.Rule, weight: Fraction, partial: PartialStep, run: Run) -> tuple[PartialStep, list[Note]]:
    """The reading of an incomplete step to use, and the notes that say why (see the module)."""
    if not rule.examples or not rule.of(rt.Step):
        return partial, []
    bare = rt.Rule(rule.statements, text=rule.text, span=rule.span)
    notes = []
    for example in rule.examples:
        said = _said(example)
        wanted = _wanted(example, weight)
        got = {r: run(bare, operand(example.value), r) for r in _READINGS}
        scores = {r: o.score for r, o in got.items() if o.status == "score" and o.score is not None}
        fits = [r for r in _READINGS if r in scores and scores[r] in wanted]
        shown = "；".join(f"{PARTIAL_STEP_NAMES[r]}得 {fmt(s)} 分" for r, s in scores.items())
        if not fits:
            notes.append(Note("rule-example", f"评分标准自带的算例「{said}」与各种读法都对不上（{shown}）：按"
                                              f"{PARTIAL_STEP_NAMES[partial]}，请核对"))
        elif partial in fits:
            notes.append(Note("rule-example", f"评分标准自带的算例「{said}」与本结果的读法（{PARTIAL_STEP_NAMES[partial]}）相符"))
        else:
            chosen = fits[0]
            notes.append(Note("rule-example", f"评分标准自带的算例「{said}」只与「{PARTIAL_STEP_NAMES[chosen]}」相符（{shown}）："
                                              f"本结果按此计"))
            partial = chosen
    return partial, notes


def _said(example: rt.Example) -> str:
    verb = {"deduct": "扣", "score": "得", "bare": ""}[example.effect]
    return f"如{example.subject or ''}{operand(example.value)}{verb}{fmt(Fraction(example.points))}分"


def _wanted(example: rt.Example, weight: Fraction) -> set[Fraction]:
    """The scores the example says: its points as the score (得), as a deduction (扣), or either."""
    p = Fraction(Decimal(example.points))
    return {"deduct": {weight - p}, "score": {p}, "bare": {weight - p, p}}[example.effect]
