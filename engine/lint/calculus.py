"""The interval calculus `rescore lint` proves with, on sympy expressions in the actual x.

`solve(expr, op, c, where)` gives the exact set of x where a piece satisfies an inequality
(floor and ceiling rewritten into bounds on their argument, Min/Max into unions and
intersections, |u| into two inequalities, the rest handed to `sympy.solveset`); `monotonicity`
proves a piece monotone by composition (floor, ceiling, Min, Max and positive scaling keep a
direction, 1/f reverses it); `limit_at` takes exact one-sided limits; `components`, `ends` and
`bounds` cut a set of actuals into intervals and bound an expression on them. Every number is a
`sympy.Rational` (never a float, never parsed from text). Nothing here knows a rule.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import sympy as sp

from engine.text.numbers import terminating_decimal


X = sp.Symbol("x", real=True)
"""The actual value (实际完成值): a number, a percentage in points (91% is 91), or a class rank."""


HALF_LINE = sp.Interval(0, sp.oo)
"""The actuals a numeric rule is read on: x ≥ 0 (a water-class rule's are `CLASS_RANKS`)."""


CLASS_RANKS = sp.FiniteSet(*range(1, 7))  # Ⅰ…Ⅴ, 劣Ⅴ


SympyClass = Any
"""A sympy class or a tuple of them, as `isinstance` takes it (sympy is untyped: its classes are Any)."""


def Q(value: Decimal | int | Fraction) -> sp.Rational:
    """An exact sympy Rational from a Decimal, int or Fraction (never through float or text)."""
    f = value if isinstance(value, Fraction) else Fraction(value)
    return sp.Rational(f.numerator, f.denominator)


def to_fraction(value: sp.Expr) -> Fraction:
    """A sympy Rational back to an exact Fraction."""
    r = sp.Rational(value)
    return Fraction(int(r.p), int(r.q))


def to_decimal(value: sp.Expr) -> Decimal:
    """An exact terminating Rational as a Decimal (witnesses are chosen to terminate)."""
    r = sp.Rational(value)
    exact = terminating_decimal(int(r.p), int(r.q))
    if exact is None:
        raise ValueError(f"{r} does not terminate")
    return exact


def _left(s: sp.Set) -> _Exact:
    """Sort key: the set's left end, exact (sympy orders −∞ and rationals without floats)."""
    return _Exact(s.inf)


class _Exact:
    """An exact sympy number as a sort key (its < is sympy's, evaluated to a Python bool)."""

    __slots__ = ("value",)

    def __init__(self, value: sp.Expr) -> None:
        self.value = value

    def __lt__(self, other: _Exact) -> bool:
        return bool(self.value < other.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Exact) and bool(sp.Eq(self.value, other.value))


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "=="}


_REL = {"<": sp.Lt, "<=": sp.Le, ">": sp.Gt, ">=": sp.Ge, "==": sp.Eq}


def _holds(a: sp.Expr, op: str, b: sp.Expr) -> bool:
    return bool(_REL[op](a, b))


def op_set(op: str, bound: sp.Expr) -> sp.Set:
    """{x : x op bound} on the real line."""
    return {
        ">=": sp.Interval(bound, sp.oo), ">": sp.Interval.open(bound, sp.oo),
        "<=": sp.Interval(-sp.oo, bound), "<": sp.Interval.open(-sp.oo, bound),
        "==": sp.FiniteSet(bound), "=": sp.FiniteSet(bound),
    }[op]


def solve(expr: sp.Expr, op: str, c: sp.Expr | int, where: sp.Set) -> sp.Set:
    """{x ∈ where : expr(x) op c}, exactly. `expr` is a piece of a form: affine maps, ÷ x,
    floor/ceiling of an affine argument, Min, Max and |…|. Raises NotImplementedError beyond that."""
    c = c if isinstance(c, sp.Basic) else sp.Integer(c)
    if where.is_empty:
        return sp.EmptySet
    if X not in expr.free_symbols:
        return where if _holds(expr, op, c) else sp.EmptySet
    if expr == X:
        return sp.Intersection(op_set(op, c), where)
    for kind, rewrite in _REWRITES:
        if isinstance(expr, kind):
            found = rewrite(expr, op, c, where)
            if found is not None:
                return found
    if expr.has(sp.floor, sp.ceiling, sp.Min, sp.Max, sp.Abs):
        raise NotImplementedError(f"cannot solve {expr} {op} {c}")
    return sp.solveset(_REL[op](expr, c), X, where)


def _solve_add(expr: sp.Expr, op: str, c: sp.Expr, where: sp.Set) -> sp.Set | None:
    """a + u op c  ⇔  u op c − a."""
    const, rest = expr.as_independent(X, as_Add=True)
    if const != 0:
        return solve(rest, op, c - const, where)
    parts = [a for a in expr.args if X in a.free_symbols]
    return solve(parts[0], op, c, where) if len(parts) == 1 else None


def _solve_mul(expr: sp.Expr, op: str, c: sp.Expr, where: sp.Set) -> sp.Set | None:
    """k·u op c  ⇔  u op c/k (the relation flipped when k < 0)."""
    coeff, rest = expr.as_independent(X, as_Add=False)
    if coeff == 0:
        return where if _holds(sp.Integer(0), op, c) else sp.EmptySet
    if coeff == 1 or not coeff.is_number:
        return None
    return solve(rest, op if coeff > 0 else _FLIP[op], c / coeff, where)


# ⌊u⌋ op c and ⌈u⌉ op c as a bound on u
_Bounds = dict[str, tuple[str, Callable[[sp.Expr], sp.Expr]]]
_STEP_BOUND: dict[SympyClass, _Bounds] = {
    sp.floor: {"<": ("<", lambda c: sp.ceiling(c)), "<=": ("<", lambda c: sp.floor(c) + 1),
               ">": (">=", lambda c: sp.floor(c) + 1), ">=": (">=", lambda c: sp.ceiling(c))},
    sp.ceiling: {"<": ("<=", lambda c: sp.ceiling(c) - 1), "<=": ("<=", lambda c: sp.floor(c)),
                 ">": (">", lambda c: sp.floor(c)), ">=": (">", lambda c: sp.ceiling(c) - 1)},
}
# ⌊u⌋ = c and ⌈u⌉ = c (c whole) as u in one unit interval: c ≤ u < c + 1, c − 1 < u ≤ c
_STEP_UNIT: dict[SympyClass, tuple[tuple[str, int], tuple[str, int]]] = {
    sp.floor: ((">=", 0), ("<", 1)), sp.ceiling: ((">", -1), ("<=", 0))}


def _solve_step(expr: sp.Expr, op: str, c: sp.Expr, where: sp.Set) -> sp.Set:
    """⌊u⌋ op c and ⌈u⌉ op c as a bound on u; == puts u in one unit interval (none when c is
    not whole)."""
    u, kind = expr.args[0], expr.func
    if op in _STEP_BOUND[kind]:
        relation, bound = _STEP_BOUND[kind][op]
        return solve(u, relation, bound(c), where)
    if not c.is_integer:
        return sp.EmptySet
    (low_op, low), (high_op, high) = _STEP_UNIT[kind]
    return sp.Intersection(solve(u, low_op, c + low, where), solve(u, high_op, c + high, where))


def _solve_min_max(expr: sp.Expr, op: str, c: sp.Expr, where: sp.Set) -> sp.Set:
    """min(a, b) < c ⇔ a < c or b < c, min(a, b) > c ⇔ both; max the other way round."""
    a, b = expr.args[0], expr.func(*expr.args[1:])
    small = isinstance(expr, sp.Min)
    if op == "==":
        other = ">=" if small else "<="
        return sp.Union(sp.Intersection(solve(a, "==", c, where), solve(b, other, c, where)),
                        sp.Intersection(solve(b, "==", c, where), solve(a, other, c, where)))
    below = op in ("<", "<=")
    join = sp.Union if below == small else sp.Intersection
    return join(solve(a, op, c, where), solve(b, op, c, where))


def _solve_abs_of(expr: sp.Expr, op: str, c: sp.Expr, where: sp.Set) -> sp.Set:
    return _solve_abs(expr.args[0], op, c, where)


_REWRITES: tuple[tuple[SympyClass, Callable[[sp.Expr, str, sp.Expr, sp.Set], sp.Set | None]], ...] = (
    (sp.Add, _solve_add), (sp.Mul, _solve_mul), ((sp.floor, sp.ceiling), _solve_step),
    ((sp.Min, sp.Max), _solve_min_max), (sp.Abs, _solve_abs_of))


def _solve_abs(u: sp.Expr, op: str, c: sp.Expr, where: sp.Set) -> sp.Set:
    """{x ∈ where : |u(x)| op c}: two inequalities on u (a deviation |x − t| ÷ t within ±c%)."""
    if op == "==":
        return sp.Union(solve(u, "==", c, where), solve(u, "==", -c, where))
    if op in ("<", "<="):
        if c < 0 or (c == 0 and op == "<"):
            return sp.EmptySet
        return sp.Intersection(solve(u, op, c, where), solve(u, _FLIP[op], -c, where))
    if c < 0 or (c == 0 and op == ">="):
        return where
    return sp.Union(solve(u, op, c, where), solve(u, _FLIP[op], -c, where))


def monotonicity(expr: sp.Expr, where: sp.Set) -> int | None:
    """+1 (never decreases), −1 (never increases) or 0 (constant) on the interval `where`,
    proved by composition; None when no proof is found."""
    if X not in expr.free_symbols:
        return 0
    if expr == X:
        return 1
    if isinstance(expr, (sp.Add, sp.floor, sp.ceiling, sp.Min, sp.Max)):
        return _combine([monotonicity(a, where) for a in expr.args])
    if isinstance(expr, sp.Mul):
        return _mul_monotonicity(expr, where)
    if isinstance(expr, sp.Pow):
        return _factor_monotonicity(expr, where)
    return None


def _mul_monotonicity(expr: sp.Expr, where: sp.Set) -> int | None:
    """k·f: f's direction, reversed when k < 0; only one factor may depend on x."""
    coeff, rest = expr.as_independent(X, as_Add=False)
    factors = [f for f in sp.Mul.make_args(rest) if X in f.free_symbols]
    if len(factors) != 1 or not coeff.is_number:
        return None
    inner = _factor_monotonicity(factors[0], where)
    if inner is None:
        return None
    return 0 if coeff == 0 else inner * (1 if coeff > 0 else -1)


def _factor_monotonicity(f: sp.Expr, where: sp.Set) -> int | None:
    """One factor in x: 1/g reverses g's direction where g has no zero; other powers are not proved."""
    if isinstance(f, sp.Pow) and f.exp == -1:
        base = f.base
        if not sp.solveset(sp.Eq(base, 0), X, where).is_empty:
            return None
        inner = monotonicity(base, where)
        return None if inner is None else -inner
    if isinstance(f, sp.Pow) and f.exp.is_number:
        return None
    return monotonicity(f, where)


def _combine(signs: list[int | None]) -> int | None:
    """The direction of a sum (or floor, Min, Max) of terms: all agree or are constant, else unproved."""
    if any(s is None for s in signs):
        return None
    nonzero = {s for s in signs if s != 0}
    if not nonzero:
        return 0
    return nonzero.pop() if len(nonzero) == 1 else None


def limit_at(expr: sp.Expr, point: sp.Expr, side: str) -> sp.Expr:
    """The one-sided limit of `expr` at `point` (side "+" from above, "-" from below; ±oo).

    Floor and ceiling are taken apart by hand (sympy's `limit` does not handle them under
    Min/Max): at an integer value of the argument the limit is that integer or its
    neighbour, depending on which side the argument arrives from."""
    if X not in expr.free_symbols:
        return expr.doit()
    if not expr.has(sp.floor, sp.ceiling, sp.Min, sp.Max):
        if point in (sp.oo, -sp.oo):
            return sp.limit(expr, X, point)
        return sp.limit(expr, X, point, side)
    if isinstance(expr, (sp.Add, sp.Mul, sp.Min, sp.Max)):
        parts = [limit_at(a, point, side) for a in expr.args]
        return expr.func(*parts)
    if isinstance(expr, (sp.floor, sp.ceiling)):
        return _step_limit(expr, point, side)
    raise NotImplementedError(f"cannot take the limit of {expr}")


def _step_limit(expr: sp.Expr, point: sp.Expr, side: str) -> sp.Expr:
    """The limit of ⌊u⌋ or ⌈u⌉: at a non-integer limit of u the step is continuous; at an
    integer one it is that integer or its neighbour, by the side u arrives from."""
    u = expr.args[0]
    lu = limit_at(u, point, side)
    if not lu.is_finite:
        return lu
    if not lu.is_integer:
        return expr.func(lu)
    d = monotonicity(u, sp.S.Reals)
    if d is None:
        raise NotImplementedError(f"cannot take the limit of {expr}")
    if d == 0:
        return expr.func(lu)
    toward_x = 1 if point == sp.oo else -1 if point == -sp.oo else (1 if side == "+" else -1)
    from_above = (d * toward_x) > 0
    if isinstance(expr, sp.floor):
        return lu if from_above else lu - 1
    return lu + 1 if from_above else lu


def components(where: sp.Set) -> list[sp.Set]:
    """The connected pieces of a set of actuals: intervals and single points, left to right."""
    if where.is_empty:
        return []
    parts = where.args if isinstance(where, sp.Union) else (where,)
    out: list[sp.Set] = []
    for part in parts:
        if isinstance(part, sp.FiniteSet):
            out.extend(sp.FiniteSet(p) for p in part)
        elif isinstance(part, sp.Interval):
            out.append(part)
        elif isinstance(part, (sp.Complement, sp.Intersection)):
            out.extend(components(part.simplify() if hasattr(part, "simplify") else part))
        else:
            raise NotImplementedError(f"cannot split {part}")
    return sorted(out, key=_left)


def ends(expr: sp.Expr, comp: sp.Set) -> tuple[sp.Expr, sp.Expr]:
    """The value of `expr` at the left and right end of a component (a limit at an open or
    infinite end)."""
    if isinstance(comp, sp.FiniteSet):
        v = expr.subs(X, next(iter(comp))).doit()
        return v, v
    left = expr.subs(X, comp.start).doit() if not comp.left_open and comp.start.is_finite else limit_at(expr, comp.start, "+")
    right = expr.subs(X, comp.end).doit() if not comp.right_open and comp.end.is_finite else limit_at(expr, comp.end, "-")
    return left, right


def bounds(expr: sp.Expr, where: sp.Set) -> tuple[sp.Expr | None, sp.Expr | None]:
    """(inf, sup) of `expr` over `where` (a union of intervals and points), proved from the
    monotonicity of `expr` on each component; (None, None) when it cannot be proved."""
    lows, highs = [], []
    for comp in components(where):
        d = 0 if isinstance(comp, sp.FiniteSet) else monotonicity(expr, comp)
        if d is None:
            return None, None
        left, right = ends(expr, comp)
        lows.append(sp.Min(left, right))
        highs.append(sp.Max(left, right))
    if not lows:
        return None, None
    return sp.Min(*lows), sp.Max(*highs)
