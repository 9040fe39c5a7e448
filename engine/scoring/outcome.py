"""What evaluating a rule gives: an `Outcome` (score, range or unknown with a reason code), the
`Note`s of the judgement calls it made, and the readings of a partial step."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from engine.scoring.numbers import F


PartialStep = Literal["floor", "proportional", "ceiling"]


PARTIAL_STEP_NAMES = {
    "floor": "按整步计（不足一步不扣）",
    "proportional": "按比例计（不足一步按比例扣）",
    "ceiling": "不足一步按一步计",
}


def alternative_words(name: str) -> str:
    """A reading's name (an Outcome.alternatives key) in words, for people."""
    if name in PARTIAL_STEP_NAMES:
        return PARTIAL_STEP_NAMES[name]
    if name.startswith("band:"):
        return f"边界上的实际值归入「{name.removeprefix('band:')}」一档"
    if name == "qualitative-as-met":
        return "文字的实际完成值按达到年度指标值理解"
    return _READINGS.get(name, name)


_READINGS = {
    "against-points": "“比目标低 N%”按百分点计，而不是按占年度指标值的比例",
    "per-item-whole-row": "扣分不限于一项的分值，整行扣完为止",
    "per-item-each": "每项都按这个数值逐项计分再合计",
    "bonus-above-weight": "加分可以超过分值，不以分值封顶",
    "per-occurrence": "“出现N次扣M分”读作每N次扣M分，而不是按次数所在的一档",
    "stated-full-marks": "从评分标准写明的满分算起",
    "either:printed": "按评分标准先写的数值（括号里“或”之前）",
    "either:other": "按评分标准括号里“或”之后的数值",
    "any-of:failed": "“或”连接的条件都不成立（实际完成值没有说明的那个也不成立）",
    "any-of:held": "“或”连接的条件中实际完成值没有说明的那个成立",
}


UnknownCode = Literal[
    "value-missing",          # the actual or target the rule needs is blank
    "value-unquantified",     # a value is words, a range or unquantified where the rule needs a number
    "actual-unmatched",       # a worded actual matches none of the rule's worded conditions
    "tier-unwritten",         # the rule does not say what the actual's tier (达成/未达成) scores
    "band-points-unwritten",  # the points of a band are not printed in the rule
    "outside-bands",          # a numeric actual falls in no band of the rule
    "zero-denominator",       # a ratio or deviation rate over a zero target
    "rule-unread-part",       # words not understood inside the rule may change the score
    "rule-unscoreable",       # the rule states nothing that scores (or points outside itself)
    "rule-points-range",      # the rule's bands give ranges of points: no single numeric form (engine.lint)
    "rule-any-of",            # the condition is conditions joined by 或 and the actual decides none of them
    "rule-either-value",      # the rule gives a value and another in its place (≥30人(或10人)) that score differently
    "actual-ambiguous",       # the actual's counts could each be of several clauses, in too many combinations to range over
    "actual-unplaced",        # nothing in a worded actual speaks of any clause of a rule of several
    "beyond-bands",           # a numeric actual is worse than every deduction band, and the rule does not say what it loses
]
"""Why an outcome is unknown, as data (the Chinese `reason` is made from the same call)."""


@dataclass(frozen=True)
class Note:
    """A judgement call or a contradiction found while evaluating: stable `code` + Chinese text."""

    code: str  # weight-mismatch, penalises-improvement, reverse-indicator, partial-step, fragment,
    # class-from-number, boundary, qualitative-actual, unit, against-points, per-item, bonus-above-weight,
    # count-in-unit, gap (an actual between two bands), short-of-ladder (short of every threshold),
    # band-words-open (a band of several requirements the actual does not all speak of), category (engine.scoring.categories)
    message: str


@dataclass(frozen=True)
class Outcome:
    shape: str
    status: Literal["score", "range", "unknown"]
    score: Fraction | None = None
    low: Fraction | None = None
    high: Fraction | None = None
    reason: str | None = None
    reason_code: UnknownCode | None = None
    full_marks: Fraction | None = None
    convention: str | None = None
    alternatives: dict[str, Fraction] = field(default_factory=dict)
    trace: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    # which way the score read the indicator ("higher" / "lower"; None: nothing said): the one
    # reading the report-level rules and the deviation note ask of the row (engine.review)
    direction: Literal["higher", "lower"] | None = None

    @property
    def range(self) -> tuple[Fraction, Fraction] | None:
        if self.status != "range":
            return None
        assert self.low is not None and self.high is not None  # a range has both ends
        return self.low, self.high

    def allows(self, claimed: Fraction | Decimal | int, tolerance: Fraction | Decimal | int = Fraction(1, 100)) -> bool | None:
        """Is `claimed` consistent with this outcome (within `tolerance`)? None when unknown."""
        claimed, tolerance = F(claimed), F(tolerance)
        if self.status == "score":
            assert self.score is not None
            return bool(abs(claimed - self.score) <= tolerance)
        if self.range is not None:
            low, high = self.range
            return bool(low - tolerance <= claimed <= high + tolerance)
        return None


class Unknown(Exception):
    def __init__(self, code: UnknownCode, reason: str, alternatives: dict[str, Fraction] | None = None):
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.alternatives = alternatives or {}


Result = tuple[str, Fraction, Fraction]
"""What a shape returns before the evaluator's floor and ceiling: ("score", s, s) or ("range", low, high)."""
