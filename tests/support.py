"""Helpers shared by the data-driven tests (imported as `support`; pytest puts tests/ on sys.path)."""

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

# The repository root is the parent of tests/; the shared corpus (phrases, worked examples, the
# seed report) lives beside the repository, in ../shared, for every clone and every worktree.
REPOSITORY = Path(__file__).resolve().parent.parent
SHARED = REPOSITORY.parent / "shared"


class SharedCorpusMissing(FileNotFoundError):
    """A file of the shared corpus is not where the tests read it. Never a reason to skip: a
    test that cannot see its data has not passed."""


def shared(*parts: str) -> Path:
    """The path of `<repository root>/../shared/<parts>`, read in place (never copied); raises
    `SharedCorpusMissing`, naming the expected path, if it does not exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        raise SharedCorpusMissing(
            f"the shared corpus is expected at {path}; clone the repository beside shared/ "
            f"(so that {REPOSITORY.name}/../shared/{'/'.join(parts)} exists)")
    return path


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
