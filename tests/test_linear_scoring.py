"""The parts of scoring that once compared every band with every other (issue 14: linear time)
give what the pairwise definition gives: the direction read from the order of the bands, and
the edge a band reaches across a printing gap. Checked on generated bands against the pairwise
definitions written out here; their speed is measured by bench/linear_bench.py, never here."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Optional

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.language.parser import parse_rule
from engine.scoring import evaluate
from engine.scoring.direction import _above_or_below, _order_of

Placed = tuple[Fraction, Optional[Fraction], Optional[Fraction]]

edge = st.one_of(st.none(), st.integers(0, 12).map(Fraction))
band = st.tuples(st.integers(0, 5).map(Fraction), edge, edge)


def pairwise(placed: list[Placed]) -> str | None:
    verdicts = {_above_or_below(p, q) for p in placed for q in placed if p[0] > q[0]}
    if len(verdicts) != 1 or "mixed" in verdicts:
        return None
    return verdicts.pop()


@settings(max_examples=400, deadline=None)
@given(st.lists(band, max_size=7))
def test_order_of_bands_is_the_pairwise_verdict(placed: list[Placed]) -> None:
    assert _order_of(sorted(placed, key=lambda p: p[0])) == pairwise(placed)


def test_order_of_hand_worked_bands() -> None:
    F = Fraction
    # ≥90 gives 10, 80–90 gives 6, <80 gives 0: more points lie higher
    assert _order_of([(F(0), None, F(80)), (F(6), F(80), F(90)), (F(10), F(90), None)]) == "higher"
    # ≤5 gives 10, 5–10 gives 5, >10 gives 0: more points lie lower
    assert _order_of([(F(0), F(10), None), (F(5), F(5), F(10)), (F(10), None, F(5))]) == "lower"
    # 80–90 gives 10 and ≥90 gives 6: the best band sits in the middle
    assert _order_of([(F(0), None, F(80)), (F(6), F(90), None), (F(10), F(80), F(90))]) is None
    assert _order_of([(F(5), F(1), F(2)), (F(5), F(3), F(4))]) is None  # no pair with more points


def test_gaps_between_integer_edges_are_bridged_in_a_long_rule() -> None:
    """99%-90% 27 points, 89%-80% 24, … : 89.5% lies in a printing gap and is read with the
    nearer edge, as in a short rule; the same with the bands repeated 300 times."""
    short = "99%-90%的得27分,89%-80%的得24分,79%-70%的得20分"
    for text in (short, "，".join([short] * 300)):
        parsed = parse_rule(text)
        assert parsed.rule is not None
        o = evaluate(parsed.rule, None, "89.5%", Decimal(30))
        assert (o.status, o.score) == ("score", 27), (o.status, o.score, o.reason)
        o = evaluate(parsed.rule, None, "89.4%", Decimal(30))
        assert (o.status, o.score) == ("score", 24), (o.status, o.score, o.reason)
