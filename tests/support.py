"""Helpers shared by the data-driven tests (imported as `support`; pytest puts tests/ on sys.path)."""

from decimal import Decimal
from fractions import Fraction


def assert_outcome(outcome, *, unknown: bool = False, range=None, score=None) -> None:
    """An evaluation outcome is exactly the hand-computed expectation: unknown, a range
    [low, high] or a score (given as decimal strings), compared as exact fractions."""
    why = "\n".join(outcome.trace)
    if unknown:
        assert outcome.status == "unknown", why
    elif range is not None:
        assert outcome.status == "range", why
        assert (outcome.low, outcome.high) == tuple(Fraction(Decimal(v)) for v in range), why
    else:
        assert outcome.status == "score", why
        assert outcome.score == Fraction(Decimal(score)), why
