"""Where the score jumps: at the thresholds the rule states, at whole steps, elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import cast

import sympy as sp

from engine.lint.analysis.facts import Jump
from engine.lint.analysis.parts import _Part, _Run
from engine.lint.calculus import X, _Exact, ends, limit_at, solve
from engine.lint.piecewise import Form
from engine.lint.printing import to_plain


_JUMP_LIMIT = 200  # floor steps listed one by one up to this many, counted beyond


def _jumps(form: Form, parts: list[_Part], run: _Run) -> tuple[list[Jump], int]:
    """Where the evaluator's score jumps: inside a floor piece (each whole step until the score
    settles) and where two pieces meet. The jumps listed (left to right) and how many there are."""
    found: list[Jump] = []
    count = 0
    for p in parts:
        if isinstance(p.comp, sp.FiniteSet):
            continue
        inner, n = _inner_jumps(form, p, run)
        found.extend(inner)
        count += n
    seams = _seam_jumps(form, parts)
    found.extend(seams)
    found.sort(key=lambda j: _Exact(j.at))
    return found, count + len(seams)


def _seam_jumps(form: Form, parts: list[_Part]) -> list[Jump]:
    """The jumps where one interval of actuals ends and the next begins, left to right."""
    intervals = [p for p in parts if not isinstance(p.comp, sp.FiniteSet)]
    points = {e for p in parts for e in (p.comp.inf, p.comp.sup) if e.is_finite}
    jumps = [_seam_jump(form, parts, intervals, b) for b in sorted(points, key=_Exact)]  # exact, never float
    return [j for j in jumps if j is not None]


def _seam_jump(form: Form, parts: list[_Part], intervals: list[_Part], b: sp.Rational) -> Jump | None:
    """Does the score jump at b, where an interval ends and another starts? Compared are the
    limit from the left, the limit from the right and the score at b itself."""
    left = next((p for p in intervals if p.comp.sup == b and p.comp.inf < b), None)
    right = next((p for p in intervals if p.comp.inf == b and p.comp.sup > b), None)
    at = next((p for p in parts if p.comp.contains(b) is sp.true), None)
    if left is None or right is None:
        return None  # the edge of a gap or of the domain: the gap finding covers it
    lv, rv = limit_at(left.clamped, b, "-"), limit_at(right.clamped, b, "+")
    value = at.clamped.subs(X, b).doit() if at is not None else sp.nan
    if lv == rv == value:
        return None
    return Jump(b, lv, value, rv, _stated(form, b))


def _stated(form: Form, b: sp.Rational) -> str | None:
    """Is the jump at a number the rule states (界点), at a whole step of its grid (步长), or neither?"""
    if b in form.thresholds:
        return "界点"
    if form.grid is not None:
        base, size, _ = form.grid
        k = (b - base) / size
        if k.is_integer:
            return "步长"
    return None


@dataclass(frozen=True)
class _Stepped:
    """A score piece with one floor or ceiling `atom` of u: `score` is the piece with the atom
    replaced by the step count `n`, so each whole value of n is one step."""

    piece: sp.Expr
    atom: sp.Expr
    n: sp.Symbol
    score: sp.Expr
    slope: sp.Expr  # du/dx: which way the steps run as x grows

    @property
    def u(self) -> sp.Expr:
        return self.atom.args[0]


def _inner_jumps(form: Form, p: _Part, run: _Run) -> tuple[list[Jump], int]:
    """The whole steps inside one floor piece where the score changes: listed up to
    `_JUMP_LIMIT`, all counted."""
    stepped = _stepped(p.clamped, run)
    live = _live_steps(stepped, p.comp, run) if stepped is not None else None
    if stepped is None or live is None:
        return [], 0
    first, last = int(sp.ceiling(live[0])), int(sp.floor(live[1]))
    fast = _changes_by_bisection(form, p.comp, stepped, first, last)
    if fast is not None:
        return fast
    jumps: list[Jump] = []
    count = 0
    for k in range(first, last + 1):
        jump = _step_jump(form, p.comp, stepped, k)
        if jump is None:
            continue
        count += 1
        if len(jumps) < _JUMP_LIMIT:
            jumps.append(jump)
    return jumps, count


Exact = Callable[[Fraction], Fraction]


def _exact_function(e: sp.Expr, n: sp.Symbol) -> Exact | None:
    """`e` as an exact function of the step count, read off `_line_on` at each point (one line
    through a single point always exists for numbers, n, +, a number ×, Max and Min: what a step
    piece compiles to); None for anything else."""
    if _line_on(e, n, Fraction(0), Fraction(0)) is None:
        return None

    def at(v: Fraction) -> Fraction:
        slope, intercept = cast("tuple[Fraction, Fraction]", _line_on(e, n, v, v))
        return slope * v + intercept

    return at


def _product(values: Iterable[Fraction]) -> Fraction:
    out = Fraction(1)
    for v in values:
        out *= v
    return out


def _direction(e: sp.Expr, n: sp.Symbol) -> int | None:
    """+1 / −1 when `e` is non-decreasing / non-increasing in n by its make-up (sums of terms of
    one direction, a number times a monotone term, Max and Min of one direction), 0 for a
    constant, None when that cannot be told from the make-up."""
    if e == n:
        return 1
    if e.is_Rational:
        return 0
    ways = [_direction(a, n) for a in e.args]
    if None in ways:
        return None
    moving = {w for w in ways if w}
    if isinstance(e, sp.Mul):
        return _product_direction(e, moving)
    if isinstance(e, (sp.Add, sp.Max, sp.Min)) and len(moving) <= 1:
        return moving.pop() if moving else 0
    return None


def _product_direction(e: sp.Expr, moving: set[int]) -> int | None:
    """A number times a monotone term keeps its direction or reverses it; two moving factors: None."""
    numbers = [a for a in e.args if a.is_Rational]
    if len(numbers) < len(e.args) - 1:
        return None
    sign = -1 if _product(_fraction(a) for a in numbers) < 0 else 1
    return sign * (moving.pop() if moving else 0)


def _changes_by_bisection(form: Form, comp: sp.Set, st: _Stepped, first: int, last: int) -> tuple[list[Jump], int] | None:
    """The jumps of a step piece whose score is monotone in its step count and whose count is
    linear in x, found by halving the step range (a stretch whose ends score the same has no
    jump inside; one where the score is a line of non-zero slope jumps at every step), so that a
    0.001% step over 100 points costs tens of evaluations, not 10⁵ equation solves. None when
    the piece is not of that make-up (the caller enumerates)."""
    f = _exact_function(st.score, st.n)
    line = _linear(st.u)
    if f is None or line is None or _direction(st.score, st.n) is None or first > last:
        return None
    # a jump at k compares the scores of k−1 and k (floor) or of k and k+1 (ceiling): a change
    # between m−1 and m is a jump at m (floor) or m−1 (ceiling)
    shift = 0 if isinstance(st.atom, sp.floor) else 1
    # the step counts at the component's ends: a change there is judged with the neighbour
    at_ends = {k for e in (comp.inf, comp.sup) if e.is_finite
               and (k := _fraction(e) * line[0] + line[1]).denominator == 1}
    jumps: list[Jump] = []
    count = 0
    for low, high in _change_runs(st.score, st.n, f, first - 1 + shift, last + shift):
        count += high - low + 1 - sum(1 for k in at_ends if low <= k + shift <= high)
        for m in range(low, min(high, low + _JUMP_LIMIT - len(jumps) - 1) + 1) if len(jumps) < _JUMP_LIMIT else ():
            jump = _jump_at(form, comp, st, f, line, m - shift)
            if jump is not None:
                jumps.append(jump)
    return jumps, count


def _change_runs(e: sp.Expr, n: sp.Symbol, f: Exact, low: int, high: int) -> Iterator[tuple[int, int]]:
    """Runs [m, m'] of the m in (low, high] with f(m−1) ≠ f(m), ascending, for f = e monotone."""
    stack = [(low, high)]
    while stack:
        a, b = stack.pop()
        if a >= b or f(Fraction(a)) == f(Fraction(b)):
            continue
        if b - a == 1 or _line_on(e, n, Fraction(a), Fraction(b)) is not None:
            yield a + 1, b  # a line from f(a) to f(b) ≠ f(a): every step moves it
            continue
        mid = (a + b) // 2
        stack.append((mid, b))
        stack.append((a, mid))


def _line_on(e: sp.Expr, n: sp.Symbol, a: Fraction, b: Fraction) -> tuple[Fraction, Fraction] | None:
    """(slope, intercept) when `e` is one line in n over [a, b]: a Max or Min is, when its
    arguments are lines there and one of them is the largest (smallest) at both ends, because
    two lines that are ordered at both ends are ordered between them."""
    if e == n:
        return Fraction(1), Fraction(0)
    if e.is_Rational:
        return Fraction(0), _fraction(e)
    lines = [_line_on(x, n, a, b) for x in e.args]
    if any(x is None for x in lines):
        return None
    ls = cast("list[tuple[Fraction, Fraction]]", lines)
    if isinstance(e, sp.Add):
        return sum((s for s, _ in ls), Fraction(0)), sum((c for _, c in ls), Fraction(0))
    if isinstance(e, sp.Mul):
        return _line_product(ls)
    if isinstance(e, (sp.Max, sp.Min)):
        return _line_extreme(ls, max if isinstance(e, sp.Max) else min, a, b)
    return None


Line = tuple[Fraction, Fraction]


def _line_product(ls: list[Line]) -> Line | None:
    """The product of lines when at most one of them moves (a number times a line)."""
    moving = [x for x in ls if x[0]]
    if len(moving) > 1:
        return None
    scale = _product(c for s, c in ls if not s)
    s, c = moving[0] if moving else (Fraction(0), Fraction(1))
    return s * scale, c * scale


def _line_extreme(ls: list[Line], pick: Callable[..., Line], a: Fraction, b: Fraction) -> Line | None:
    """The Max (Min) of lines over [a, b] when one line is the extreme at both ends."""
    at_a = pick(ls, key=lambda x: x[0] * a + x[1])
    at_b = pick(ls, key=lambda x: x[0] * b + x[1])
    if at_a[0] * b + at_a[1] == at_b[0] * b + at_b[1]:
        return at_a  # the same line is the extreme at both ends (or ties with it at b)
    return None


def _linear(u: sp.Expr) -> tuple[Fraction, Fraction] | None:
    """(a, c) when u = a·x + c with exact numbers, a ≠ 0; None otherwise."""
    try:
        poly = sp.Poly(u, X)
    except sp.PolynomialError:
        return None
    coeffs = poly.all_coeffs()
    if poly.degree() != 1 or not all(c.is_Rational for c in coeffs):
        return None
    a, c = (Fraction(int(v.p), int(v.q)) for v in coeffs)
    return a, c


def _jump_at(form: Form, comp: sp.Set, st: _Stepped, f: Exact, line: tuple[Fraction, Fraction], k: int) -> Jump | None:
    """`_step_jump` for a count linear in x and a score given exactly: no equation solved."""
    a, c = line
    at = (k - c) / a
    xk = sp.Rational(at.numerator, at.denominator)
    if comp.contains(xk) is not sp.true or xk in (comp.inf, comp.sup):
        return None
    if isinstance(st.atom, sp.floor):
        left_k, right_k = (k - 1, k) if st.slope > 0 else (k, k - 1)
    else:
        left_k, right_k = (k, k + 1) if st.slope > 0 else (k + 1, k)
    left, value, right = (_rational(f(Fraction(v))) for v in (left_k, k, right_k))
    if left == value == right:
        return None
    return Jump(xk, left, value, right, _stated(form, xk))


def _fraction(v: sp.Rational) -> Fraction:
    return Fraction(int(v.p), int(v.q))


def _rational(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


def _stepped(e: sp.Expr, run: _Run) -> _Stepped | None:
    """The piece as a function of its one step count; None when it has no floor or ceiling, or
    more than one, or x is left over once the step count stands in for it (said as unproved)."""
    atoms = list(e.atoms(sp.floor, sp.ceiling))
    if not atoms:
        return None
    if len(atoms) > 1:
        run.unproved.append(f"{to_plain(e)} 含多个取整，跳变未分析")
        return None
    atom = atoms[0]
    n = sp.Dummy("n", real=True)
    score = e.subs(atom, n)
    if X in score.free_symbols:
        run.unproved.append(f"{to_plain(e)} 的跳变未分析")
        return None
    return _Stepped(e, atom, n, score, sp.diff(atom.args[0], X))


def _live_steps(st: _Stepped, comp: sp.Set, run: _Run) -> tuple[sp.Expr, sp.Expr] | None:
    """The step counts (low, high) over which the score can still change on `comp`: towards an
    infinite end it settles (clamped), and the steps past that change nothing. None when no
    step changes it, or when it never settles (said as unproved)."""
    live_lo, live_hi = sorted(ends(st.u, comp), key=_Exact)
    score_x = st.score.subs(st.n, X)
    for end, side in ((live_hi, sp.oo), (live_lo, -sp.oo)):
        if end.is_finite:
            continue
        settled = limit_at(score_x, side, "")
        if not settled.is_finite:
            run.unproved.append(f"{to_plain(st.piece)} 的跳变无穷多")
            return None
        moving = sp.Union(solve(score_x, "<", settled, sp.S.Reals), solve(score_x, ">", settled, sp.S.Reals))
        if moving.is_empty:
            return None
        if side == sp.oo:
            live_hi = moving.sup + 1
        else:
            live_lo = moving.inf - 1
    return live_lo, live_hi


def _step_jump(form: Form, comp: sp.Set, st: _Stepped, k: int) -> Jump | None:
    """The jump where the step count becomes k, if it falls inside `comp` and the score moves."""
    xs = sp.solveset(sp.Eq(st.u, k), X, comp)
    if xs.is_empty or not isinstance(xs, sp.FiniteSet):
        return None
    xk = next(iter(xs))
    if xk in (comp.inf, comp.sup):
        return None  # a component's end: judged with its neighbour
    if isinstance(st.atom, sp.floor):
        left_k, right_k = (k - 1, k) if st.slope > 0 else (k, k - 1)
    else:
        left_k, right_k = (k, k + 1) if st.slope > 0 else (k + 1, k)
    left, value, right = (st.score.subs(st.n, v).doit() for v in (left_k, k, right_k))
    if left == value == right:
        return None
    return Jump(xk, left, value, right, _stated(form, xk))
