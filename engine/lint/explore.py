"""Run the evaluator on a symbolic actual x: the one semantics of scoring, read off as pieces.

`explore(run, domain)` calls `run(x)` with x a `Sym`, a number that stands for every actual in
a set at once. The evaluator (`engine.scoring`) computes with it as with a Fraction: arithmetic
builds a sympy expression in x, and each comparison it makes is decided by the current *path*.
Where the comparison holds on only part of the path's set of actuals, the path forks: it takes
the part where it holds, and the other part is run later from the start with the same answers
up to that point (the evaluator is deterministic, so a replayed prefix asks the same questions;
the sets of every answered prefix are cached, so each question is solved once). Each finished
run is a `Branch`: the set of actuals it covers and what `run` returned there.

So the symbolic form of a rule is not a second implementation of its meaning: it *is* the
evaluator, run once per piece. Nothing here knows a rule.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Generic, TypeVar

import sympy as sp

from engine.lint.calculus import HALF_LINE, Q, X, solve

T = TypeVar("T")

MAX_BRANCHES = 400
MAX_SPLITS = 600
"""Sets split by comparisons of x before lint stops proving (each split is sympy set algebra
whose cost grows with the region: 30 bands cost ~3,800 comparisons and 30 s, 100 bands minutes; the corpus needs at most 299)."""
"""More pieces than this is not a rule a reviewer can read: the exploration stops."""

_REL: dict[str, Callable[[Any, Any], Any]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq}


class TooManyBranches(Exception):
    """The evaluator forks into more than `MAX_BRANCHES` pieces on this rule, or its comparisons
    split the actuals more than `MAX_SPLITS` times."""


@dataclass(frozen=True)
class Branch(Generic[T]):
    """The actuals one run covers (`where`) and what the run returned for all of them."""

    where: sp.Set
    result: T


class _Path:
    """One run: the answers it replays (`script`), those it gave, and its set of actuals."""

    def __init__(self, domain: sp.Set, script: tuple[bool, ...], explorer: _Explorer) -> None:
        self.region = domain
        self.script = script
        self.taken: list[bool] = []
        self.explorer = explorer

    def decide(self, lhs: sp.Expr, op: str, rhs: sp.Expr) -> bool:
        """Does `lhs op rhs` hold for this path's actuals? Forks when it holds for some only."""
        if X not in lhs.free_symbols and X not in rhs.free_symbols:
            return bool(_REL[op](lhs, rhs))
        prefix = tuple(self.taken)
        sets = self.explorer.cache.get(prefix)
        if sets is None:
            sets = self.explorer.split(self.region, lhs, op, rhs)
            self.explorer.cache[prefix] = sets
        holds, fails = sets
        depth = len(self.taken)
        if depth < len(self.script):
            choice = self.script[depth]
        elif holds.is_empty:
            choice = False
        else:
            choice = True
            if not fails.is_empty:
                self.explorer.pending.append(prefix + (False,))
        self.taken.append(choice)
        self.region = holds if choice else fails
        return choice


class _Explorer:
    def __init__(self) -> None:
        self.cache: dict[tuple[bool, ...], tuple[sp.Set, sp.Set]] = {}
        self.pending: list[tuple[bool, ...]] = [()]
        self.cuts: set[sp.Rational] = set()
        self.splits = 0

    def split(self, region: sp.Set, lhs: sp.Expr, op: str, rhs: sp.Expr) -> tuple[sp.Set, sp.Set]:
        """The part of `region` where `lhs op rhs` holds, and the rest. The ends of a comparison
        of the actual itself (not of a step count) are the rule's stated thresholds (`cuts`)."""
        self.splits += 1
        if self.splits > MAX_SPLITS:
            raise TooManyBranches(f"more than {MAX_SPLITS} splits")
        if X in rhs.free_symbols:
            expr, c = sp.Add(lhs, -rhs), sp.Integer(0)
        else:
            expr, c = lhs, rhs
        holds = sp.Intersection(solve(expr, op, c, region), region)
        fails = sp.Complement(region, holds)
        if not expr.has(sp.floor, sp.ceiling):
            for end in holds.boundary if not holds.is_empty else ():
                if end.is_finite and end.is_rational:
                    self.cuts.add(end)
        return holds, fails


class Sym:
    """A value that depends on the actual x, computed with exactly as the evaluator computes
    with a Fraction. Comparisons are answered by the exploring path (see the module doc)."""

    __slots__ = ("expr", "path")
    __hash__ = None  # type: ignore[assignment]  # compared by value, never used as a key

    def __init__(self, expr: sp.Expr, path: _Path) -> None:
        self.expr = expr
        self.path = path

    def _wrap(self, expr: sp.Expr) -> Sym:
        return Sym(expr, self.path)

    @staticmethod
    def _operand(other: object) -> sp.Expr | None:
        if isinstance(other, Sym):
            return other.expr
        if isinstance(other, (int, Fraction, Decimal)):
            return Q(other)
        return None

    def _binary(self, other: object, make: Callable[[sp.Expr, sp.Expr], sp.Expr]) -> Any:
        e = self._operand(other)
        return NotImplemented if e is None else self._wrap(make(self.expr, e))

    def __add__(self, other: object) -> Any:
        return self._binary(other, lambda a, b: a + b)

    def __radd__(self, other: object) -> Any:
        return self._binary(other, lambda a, b: b + a)

    def __sub__(self, other: object) -> Any:
        return self._binary(other, lambda a, b: a - b)

    def __rsub__(self, other: object) -> Any:
        return self._binary(other, lambda a, b: b - a)

    def __mul__(self, other: object) -> Any:
        return self._binary(other, lambda a, b: a * b)

    def __rmul__(self, other: object) -> Any:
        return self._binary(other, lambda a, b: b * a)

    def __truediv__(self, other: object) -> Any:
        return self._binary(other, lambda a, b: a / b)

    def __rtruediv__(self, other: object) -> Any:
        return self._binary(other, lambda a, b: b / a)

    def __neg__(self) -> Sym:
        return self._wrap(-self.expr)

    def __abs__(self) -> Sym:
        # decided like any comparison, so each piece stays free of |…|: the deviation either way
        # of the target becomes the two sides the analyses reason about
        return self if self >= 0 else -self

    def __floor__(self) -> Sym:
        return self._wrap(sp.floor(self.expr))

    def __ceil__(self) -> Sym:
        return self._wrap(sp.ceiling(self.expr))

    def ratio(self, size: Fraction) -> Sym:
        """self ÷ size kept as written, (35 − x)/1 (see `engine.scoring.numbers.ratio`)."""
        return self._wrap(sp.Mul(self.expr, sp.Pow(Q(size), -1, evaluate=False), evaluate=False))

    def _compare(self, other: object, op: str) -> Any:
        e = self._operand(other)
        return NotImplemented if e is None else self.path.decide(self.expr, op, e)

    def __lt__(self, other: object) -> Any:
        return self._compare(other, "<")

    def __le__(self, other: object) -> Any:
        return self._compare(other, "<=")

    def __gt__(self, other: object) -> Any:
        return self._compare(other, ">")

    def __ge__(self, other: object) -> Any:
        return self._compare(other, ">=")

    def __eq__(self, other: object) -> Any:
        return self._compare(other, "==")

    def __ne__(self, other: object) -> Any:
        same = self._compare(other, "==")
        return same if same is NotImplemented else not same

    def __bool__(self) -> bool:
        raise TypeError("a symbolic actual has no truth value; compare it")

    def __str__(self) -> str:
        return str(self.expr)


def explore(run: Callable[[Sym], T], domain: sp.Set = HALF_LINE) -> tuple[list[Branch[T]], set[sp.Rational]]:
    """Every branch of `run` over `domain`, and the thresholds its comparisons of x cut at."""
    explorer = _Explorer()
    branches: list[Branch[T]] = []
    while explorer.pending:
        script = explorer.pending.pop()
        path = _Path(domain, script, explorer)
        result = run(Sym(X, path))
        branches.append(Branch(path.region, result))
        if len(branches) > MAX_BRANCHES:
            raise TooManyBranches(f"more than {MAX_BRANCHES} pieces")
    return branches, explorer.cuts


def truth_set(test: Callable[[Sym], bool], domain: sp.Set = HALF_LINE) -> sp.Set:
    """{x ∈ domain : test(x)}: the actuals for which a condition of the evaluator holds."""
    branches, _ = explore(test, domain)
    held = [b.where for b in branches if b.result]
    return sp.Union(*held) if held else sp.EmptySet
