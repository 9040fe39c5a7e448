"""Where the score jumps: at the thresholds the rule states, at whole steps, elsewhere."""

from __future__ import annotations

import sympy as sp

from engine.lint.analysis.facts import Jump
from engine.lint.analysis.parts import _Part, _Run
from engine.lint.calculus import X, _Exact, ends, limit_at, solve
from engine.lint.form import Form
from engine.lint.printing import to_plain


_JUMP_LIMIT = 200  # floor steps listed one by one up to this many, counted beyond


def _jumps(form: Form, parts: list[_Part], run: _Run) -> tuple[list[Jump], int]:
    """Where the evaluator's score jumps: inside a floor piece (each whole step until the score
    settles) and where two pieces meet."""
    found: list[Jump] = []
    count = 0
    for p in parts:
        if isinstance(p.comp, sp.FiniteSet):
            continue
        inner, n = _inner_jumps(form, p, run)
        found.extend(inner)
        count += n
    intervals = [p for p in parts if not isinstance(p.comp, sp.FiniteSet)]
    points = {e for p in parts for e in (p.comp.inf, p.comp.sup) if e.is_finite}
    for b in sorted(points, key=_Exact):  # exact: two close ends must not tie as floats
        left = next((p for p in intervals if p.comp.sup == b and p.comp.inf < b), None)
        right = next((p for p in intervals if p.comp.inf == b and p.comp.sup > b), None)
        at = next((p for p in parts if p.comp.contains(b) is sp.true), None)
        if left is None or right is None:
            continue  # the edge of a gap or of the domain: the gap finding covers it
        lv, rv = limit_at(left.clamped, b, "-"), limit_at(right.clamped, b, "+")
        value = at.clamped.subs(X, b).doit() if at is not None else sp.nan
        if not (lv == rv == value):
            found.append(Jump(b, lv, value, rv, _stated(form, b)))
            count += 1
    found.sort(key=lambda j: _Exact(j.at))
    return found, count


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


def _inner_jumps(form: Form, p: _Part, run: _Run) -> tuple[list[Jump], int]:
    e = p.clamped
    atoms = list(e.atoms(sp.floor, sp.ceiling))
    if not atoms:
        return [], 0
    if len(atoms) > 1:
        run.unproved.append(f"{to_plain(e)} 含多个取整，跳变未分析")
        return [], 0
    atom = atoms[0]
    u = atom.args[0]
    n = sp.Dummy("n", real=True)
    en = e.subs(atom, n)
    if X in en.free_symbols:
        run.unproved.append(f"{to_plain(e)} 的跳变未分析")
        return [], 0
    slope = sp.diff(u, X)
    u_ends = sorted(ends(u, p.comp), key=_Exact)
    lo_u, hi_u = u_ends
    # the integers where the score can still change: outside them it has saturated
    en_x = en.subs(n, X)
    live_lo, live_hi = lo_u, hi_u
    for end, side in ((hi_u, sp.oo), (lo_u, -sp.oo)):
        if end.is_finite:
            continue
        settled = limit_at(en_x, side, "")
        if not settled.is_finite:
            run.unproved.append(f"{to_plain(e)} 的跳变无穷多")
            return [], 0
        moving = sp.Union(solve(en_x, "<", settled, sp.S.Reals), solve(en_x, ">", settled, sp.S.Reals))
        if moving.is_empty:
            return [], 0
        if side == sp.oo:
            live_hi = moving.sup + 1
        else:
            live_lo = moving.inf - 1
    ks = range(int(sp.ceiling(live_lo)), int(sp.floor(live_hi)) + 1)
    jumps: list[Jump] = []
    count = 0
    for k in ks:
        xs = sp.solveset(sp.Eq(u, k), X, p.comp)
        if xs.is_empty or not isinstance(xs, sp.FiniteSet):
            continue
        xk = next(iter(xs))
        if xk in (p.comp.inf, p.comp.sup):
            continue  # a component's end: judged with its neighbour
        if isinstance(atom, sp.floor):
            left_k, right_k = (k - 1, k) if slope > 0 else (k, k - 1)
        else:
            left_k, right_k = (k, k + 1) if slope > 0 else (k + 1, k)
        left, value, right = (en.subs(n, v).doit() for v in (left_k, k, right_k))
        if left == value == right:
            continue
        count += 1
        if len(jumps) < _JUMP_LIMIT:
            jumps.append(Jump(xk, left, value, right, _stated(form, xk)))
    return jumps, count
