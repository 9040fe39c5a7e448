"""Direction and monotonicity: R004 rule-direction (the rule penalises an improvement) and
L002 rule-nonmonotone, each with a pair of actuals that breaks the order."""

from __future__ import annotations

import sympy as sp

from engine.lint.analysis.facts import GoodDirection, _n
from engine.lint.analysis.parts import _Part, _restrict, _Run, _value
from engine.lint.analysis.witness import nearest_point, nice_point
from engine.lint.calculus import components, solve


_Pair = tuple[sp.Rational, sp.Rational]  # (better, worse): two actuals whose scores break the order


def _direction(run: _Run, parts: list[_Part], good: GoodDirection | None, centre: sp.Rational | None,
               argmax: sp.Set) -> str:
    """The shape of the score in x ("increasing", "decreasing", "constant" or "none"); a pair
    of actuals that breaks the order the indicator wants becomes R004 or L002."""
    up = _violation(parts, +1)
    down = _violation(parts, -1)
    shape = _shape(up, down)
    if good in ("higher", "lower"):
        _judge_one_way(run, parts, good, shape, argmax, up if good == "higher" else down)
    elif good == "closer":
        _judge_closeness(run, parts, centre)
    elif up is not None and down is not None:  # shape "none", with no direction to judge by
        _judge_unordered(run, parts, up, down)
    return shape


def _shape(up: _Pair | None, down: _Pair | None) -> str:
    """The shape from the two kinds of violation: none of either is constant, one kind only is
    monotone the other way, both is not monotone."""
    if up is None and down is None:
        return "constant"
    if up is None:
        return "increasing"
    if down is None:
        return "decreasing"
    return "none"


def _judge_one_way(run: _Run, parts: list[_Part], good: GoodDirection, shape: str, argmax: sp.Set,
                   violation: _Pair | None) -> None:
    """Higher (or lower) is better: a better actual that scores less than a worse one, seen
    from full marks first. R004 when the whole rule runs the wrong way, else L002."""
    sign = 1 if good == "higher" else -1
    pair = _anchor_violation(parts, sign, argmax) or violation
    if pair is None:
        return
    better, worse = pair
    vb, vw = _value(parts, better), _value(parts, worse)
    word = "越高越好" if good == "higher" else "越低越好"
    opposite = (shape == "decreasing" and good == "higher") or (shape == "increasing" and good == "lower")
    kind = "rule-direction" if opposite else "rule-nonmonotone"
    lead = "评分标准惩罚的是改善" if opposite else "指标改善时得分反而下降"
    run.find(kind, f"{lead}：该指标{word}，实际值 {_n(better)} 比 {_n(worse)} 好，"
                   f"却得 {_n(vb)} 分（{_n(worse)} 得 {_n(vw)} 分）", better, better=better, worse=worse)


def _judge_closeness(run: _Run, parts: list[_Part], centre: sp.Rational | None) -> None:
    """Closer to the centre is better: L002 for the first side on which moving towards it
    scores less."""
    for sign, side in ((1, sp.Interval(-sp.oo, centre)), (-1, sp.Interval(centre, sp.oo))):
        pair = _violation(_restrict(parts, side), sign)
        if pair is None:
            continue
        better, worse = pair
        run.find("rule-nonmonotone",
                 f"指标改善时得分反而下降：越接近 {_n(centre)} 越好，实际值 {_n(better)} 比 {_n(worse)} 更接近，"
                 f"却得 {_n(_value(parts, better))} 分（{_n(worse)} 得 {_n(_value(parts, worse))} 分）",
                 better, better=better, worse=worse)
        return


def _judge_unordered(run: _Run, parts: list[_Part], up: _Pair, down: _Pair) -> None:
    """No known direction, yet the score both falls and rises: L002 with one pair of each."""
    (drop_hi, drop_lo), (rise_lo, rise_hi) = up, down

    def v(x: sp.Rational) -> str:
        return _n(_value(parts, x))

    run.find("rule-nonmonotone",
             f"得分不单调：实际值 {_n(drop_lo)}→{_n(drop_hi)} 时得分 {v(drop_lo)}→{v(drop_hi)}（下降），"
             f"{_n(rise_lo)}→{_n(rise_hi)} 时得分 {v(rise_lo)}→{v(rise_hi)}（上升）",
             drop_hi, better=drop_hi, worse=drop_lo)


def _anchor_violation(parts: list[_Part], sign: int, argmax: sp.Set) -> _Pair | None:
    """Full marks at actual a, yet a better actual scores less: (better, a), nearest to a."""
    if argmax.is_empty:
        return None
    comps = components(argmax)
    comp = comps[-1] if sign > 0 else comps[0]
    end = comp.sup if sign > 0 else comp.inf
    if not end.is_finite:
        return None
    # full marks at a number the rule states (its threshold) reads best; else a round point
    stated = [t for t in parts[0].form_thresholds if comp.contains(t) is sp.true] if parts else []
    if stated:
        a = max(stated) if sign > 0 else min(stated)
    else:
        a = nice_point(comp, "right" if sign > 0 else "left")
        if a is None:
            return None
    side = sp.Interval.open(a, sp.oo) if sign > 0 else sp.Interval.open(-sp.oo, a)
    top = _value(parts, a)
    worse = sp.Union(*[solve(p.expr, "<", top, sp.Intersection(p.comp, side)) for p in parts])
    if worse.is_empty:
        return None
    return nearest_point(worse, sp.FiniteSet(a)), a


def _violation(parts: list[_Part], sign: int) -> _Pair | None:
    """A pair (better, worse) with better = the larger actual when sign is +1 (the smaller when
    −1) and a lower score there; None when the parts never decrease in that sense."""
    for p in parts:
        left, right = p.span()
        if p.mono == -sign and left != right:
            return _split_pair(p, p, sign)
    for p, q in zip(parts, parts[1:]):
        end_p, start_q = p.span()[1], q.span()[0]
        if (sign > 0 and end_p > start_q) or (sign < 0 and end_p < start_q):
            return _split_pair(p, q, sign)
    return None


def _split_pair(p: _Part, q: _Part, sign: int) -> _Pair | None:
    """Points x1 in p, x2 in q (x1 ≤ x2) whose scores break the order, found through a level m
    strictly between the two ends."""
    a, b = (p.span()[0], q.span()[1]) if p is q else (p.span()[1], q.span()[0])
    m = _level(a, b, sign)
    hi_op, lo_op = (">", "<") if sign > 0 else ("<", ">")
    # sign +1: the left point scores more than the right one; sign −1: less
    left_set = solve(p.expr, hi_op, m, p.comp)
    right_set = solve(q.expr, lo_op, m, q.comp)
    if p is q:
        x1, x2 = _pair_within(left_set, right_set)
    else:
        x1, x2 = nearest_point(left_set, q.comp), nearest_point(right_set, p.comp)
    if x1 is None or x2 is None:
        return None
    return (x2, x1) if sign > 0 else (x1, x2)


def _level(a: sp.Expr, b: sp.Expr, sign: int) -> sp.Expr:
    """A score strictly between the end values a and b: their middle, or one point past the
    finite one when the other is infinite."""
    if a.is_finite and b.is_finite:
        return (a + b) / 2
    if a.is_finite:
        return a + (-1 if sign > 0 else 1)
    return b + (1 if sign > 0 else -1)


def _pair_within(left_set: sp.Set, right_set: sp.Set) -> tuple[sp.Rational | None, sp.Rational | None]:
    """Inside one part: x1 a round point of the first run of `left_set`, near its right end,
    and x2 the nearest round point of `right_set` beyond x1 (None where there is none)."""
    x1 = nice_point(components(left_set)[0], "right") if not left_set.is_empty else None
    rest = sp.Intersection(right_set, sp.Interval.open(x1, sp.oo)) if x1 is not None else sp.EmptySet
    x2 = nearest_point(rest, sp.FiniteSet(x1)) if not rest.is_empty else None
    return x1, x2
