"""Family 10: band edges printed as whole numbers, and edges whose inclusion is not printed.

99%-90% is the band from 90 to 99 (printed high first); an actual in the printing gap between
99%-90% and 89%-80% (89.5%) is placed by the nearer printed edge (half-way rounds up) and the
other band's score is given as an alternative; at an edge two bands share with no inclusion
printed (80%-90% / 80%以下 at 80%), the band that starts there takes it, and the other reading
is given. The symbolic form (rescore lint) reads the same. Scores computed by hand.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from engine.language.parser import parse
from engine.lint.form import compile_rule
from engine.scoring import evaluate

# phrases-2 line 108 (网点完工率), weight 30, target 100%
WANDIAN = ("网点完工率达到100%的得30分,99%-90%的得27分,89%-80%的得24分,79%-70%的得21分,"
           "69%-60%的得18分,59%-50%的得15分,50%以下的不得分。")
# phrases-2 line 114 (用户满意率), weight 10
MANYI = "用户满意率达到90%及以上的得10分,89%-85%的得9分,84%-80%的得8分,79%-75%的得7分,74%-70%的得6分,69%-60%的得5分,60%以下的不得分。"


def _outcome(rule: str, actual: str, weight: str, target: str | None = None):
    return evaluate(parse(rule), target, actual, Decimal(weight))


@pytest.mark.parametrize(("rule", "target", "actual", "weight", "score", "others"), [
    # the "Why" case: 80% with 80%以下 is in 80%-90% (10), the other reading 0 given
    ("80%-90%得10分，80%以下不得分", None, "80%", "10", 10, [0]),
    ("80%-90%得10分，低于80%不得分", None, "80%", "10", 10, []),  # 低于 excludes 80: one reading
    ("80%-90%得10分，80%以下(含)不得分", None, "80%", "10", 0, []),  # (含) says it: one reading
    ("80%-90%得10分，80%以下不得分", None, "79.9%", "10", 0, []),
    # high edge first: 99%-90% is 90 to 99
    (WANDIAN, "100%", "95%", "30", 27, []),
    (WANDIAN, "100%", "90%", "30", 27, []),
    (WANDIAN, "100%", "89%", "30", 24, []),
    # the printing gap: 89.5% rounds to 90% (27), the other reading 24
    (WANDIAN, "100%", "89.5%", "30", 27, [24]),
    (WANDIAN, "100%", "89.4%", "30", 24, [27]),
    (WANDIAN, "100%", "79.5%", "30", 24, [21]),
    # 50% with 50%以下: the band that starts there (15), the other reading 0
    (WANDIAN, "100%", "50%", "30", 15, [0]),
    (WANDIAN, "100%", "99.5%", "30", 27, []),  # 达到100% is not reached: no gap reading
    (MANYI, "≥90%", "77%", "10", 7, []),
    (MANYI, "≥90%", "84.5%", "10", 9, [8]),
    (MANYI, "≥90%", "89.5%", "10", 9, []),  # 90%及以上 says 90 is its edge: 89.5 has not reached it
    (MANYI, "≥90%", "60%", "10", 5, [0]),
])
def test_band_edges(rule: str, target: str | None, actual: str, weight: str, score: int,
                    others: list[int]) -> None:
    outcome = _outcome(rule, actual, weight, target)
    assert outcome.status == "score", outcome.reason
    assert outcome.score == score
    assert sorted(outcome.alternatives.values()) == [Fraction(o) for o in others]


def test_the_gap_reading_is_said() -> None:
    outcome = _outcome(WANDIAN, "89.5%", "30", "100%")
    assert outcome.convention == "gap-nearer-edge"
    assert any(n.code == "boundary" for n in outcome.notes)


@pytest.mark.parametrize("actual", ["95", "90", "89.5", "89.4", "89", "50", "49"])
def test_the_symbolic_form_reads_the_bands_alike(actual: str) -> None:
    rule = parse(WANDIAN)
    form = compile_rule(rule, Decimal(30), "100%")
    status, value = form.at(Decimal(actual))
    assert status == "score"
    assert value == evaluate(rule, "100%", actual + "%", Decimal(30)).score
