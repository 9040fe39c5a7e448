"""Where the score jumps: at the thresholds the rule states, at whole steps, elsewhere."""

from __future__ import annotations

from dataclasses import dataclass

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
    jumps: list[Jump] = []
    count = 0
    for k in range(int(sp.ceiling(live[0])), int(sp.floor(live[1])) + 1):
        jump = _step_jump(form, p.comp, stepped, k)
        if jump is None:
            continue
        count += 1
        if len(jumps) < _JUMP_LIMIT:
            jumps.append(jump)
    return jumps, count


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
