"""Witnesses: a round, terminating actual inside a set, chosen where a reviewer would look."""

from __future__ import annotations

from collections.abc import Iterator

import sympy as sp

from engine.text.numbers import terminates as _terminates

from engine.lint.calculus import components


def terminates(r: sp.Rational) -> bool:
    """Does the exact rational have a finite decimal expansion?"""
    q = sp.Rational(r)
    return _terminates(int(q.p), int(q.q))


def _scan_steps() -> Iterator[sp.Rational]:
    """The grid sizes a round witness is looked for on, coarse to fine: 1, 0.5, 0.1, 0.05, 0.01, … 10⁻⁸."""
    yield sp.Integer(1)
    yield sp.Rational(1, 2)
    for e in range(1, 9):
        yield sp.Rational(1, 10 ** e) * 5
        yield sp.Rational(1, 10 ** e)


def nice_point(comp: sp.Set, toward: str = "left") -> sp.Rational | None:
    """A round, terminating actual inside one component, near its `toward` end ("left",
    "right") or in its middle ("mid")."""
    if isinstance(comp, sp.FiniteSet):
        p = next(iter(comp))
        return p if terminates(p) else None
    a, b = comp.start, comp.end
    if toward == "mid" and a.is_finite and b.is_finite:
        m = (a + b) / 2
        if terminates(m):
            return m
        toward = "left"
    if toward == "right" and b.is_finite:
        return _near_end(comp, "right")
    if a.is_finite:
        return _near_end(comp, "left")
    m = min(b - 1, sp.Integer(0)) if b.is_finite else sp.Integer(0)
    return m if comp.contains(m) is sp.true else None


def _near_end(comp: sp.Interval, side: str) -> sp.Rational | None:
    """The end on `side` ("left", "right") when it is included and round, else the point of the
    coarsest grid (1, 0.5, 0.1, …) that falls inside, next to that end."""
    right = side == "right"
    end, open_end = (comp.end, comp.right_open) if right else (comp.start, comp.left_open)
    if not open_end and terminates(end):
        return end
    for s in _scan_steps():
        m = sp.ceiling(end / s) * s - s if right else sp.floor(end / s) * s + s
        if comp.contains(m) is sp.true:
            return m
    return None


def nearest_point(where: sp.Set, anchor: sp.Set | None) -> sp.Rational | None:
    """A round actual in `where`, in the component nearest to `anchor`, at its near end."""
    comps = components(where)
    if not comps:
        return None
    anchors = components(anchor) if anchor is not None and not anchor.is_empty else []
    if not anchors:
        return nice_point(comps[0], "left")
    comp, side = _closest(comps, anchors)
    return nice_point(comp, side)


def middle_point(comp: sp.Set) -> sp.Rational | None:
    """A round actual in the middle of one component (the witness of a gap or an overlap)."""
    return nice_point(comp, "mid")


def _facing_end(where: sp.Set, anchor: sp.Set | None) -> sp.Rational:
    """The end of `where` nearest `anchor` (its first point seen from full marks)."""
    comps = components(where)
    if anchor is None or anchor.is_empty:
        c = comps[0]
        return c.sup if c.inf == 0 and c.sup.is_finite else c.inf
    comp, side = _closest(comps, components(anchor))
    return comp.sup if side == "right" else comp.inf


def _closest(comps: list[sp.Set], anchors: list[sp.Set]) -> tuple[sp.Set, str]:
    """The component nearest to any anchor (the first of equals), and its side that faces it:
    "right" (it lies left of the anchor), "left" (right of it) or "mid" (they overlap)."""
    best: tuple[sp.Expr, sp.Set, str] | None = None
    for c in comps:
        for a in anchors:
            if c.sup <= a.inf:
                dist, side = a.inf - c.sup, "right"
            elif c.inf >= a.sup:
                dist, side = c.inf - a.sup, "left"
            else:
                dist, side = sp.Integer(0), "mid"
            if best is None or dist < best[0]:
                best = (dist, c, side)
    if best is None:
        raise ValueError("no component, or no anchor, to measure a distance between")
    return best[1], best[2]


def is_decimal(v: object) -> bool:
    """An exact rational that terminates: a value a cell can print."""
    return isinstance(v, sp.Basic) and bool(v.is_Rational) and terminates(v)
