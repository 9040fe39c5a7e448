"""What a rule's piecewise form proves about it: range, full marks, direction, zero point,
coverage of its bands and where it jumps, each failure a `Finding` with a witness.

`analyse(form)` works on `engine.lint.piecewise.Form`, never by sampling. Each score piece is
split into connected components (intervals and single actuals); on each one the piece is proved
monotone by composition (`calculus.monotonicity`), so its infimum and supremum are its values
or one-sided limits at the two ends (`calculus.ends`), and every set of actuals the findings
name comes from `calculus.solve` (floor steps turned into bounds on their argument, the rest
`sympy.solveset`). The witness of a finding is an exact, terminating actual inside that set,
chosen near the place a reviewer would look (next to full marks, the middle of a gap).

The analyses read the rule *as written*: the floor (扣完为止) and cap (满分为止) it states, not
the evaluator's clamp to [0, weight], so "unbounded" means the rule itself does not say where
the score stops. Nothing here parses rule text or reads files.
"""

from __future__ import annotations

import sympy as sp

from engine import values as vals
from engine.language import tree as rt
from engine.lint.analysis.bounds import _full_marks, _unbounded
from engine.lint.analysis.coverage import _coverage
from engine.lint.analysis.facts import Analysis, GoodDirection, Jump
from engine.lint.analysis.jumps import _jumps
from engine.lint.analysis.monotone import _direction
from engine.lint.analysis.parts import _Part, _parts, _Run
from engine.lint.analysis.witness import _facing_end
from engine.lint.calculus import HALF_LINE, solve, to_fraction
from engine.lint.piecewise import Form
from engine.scoring import infer_direction

__all__ = ["Analysis", "Jump", "analyse", "good_direction"]


def good_direction(form: Form, *, indicator: str | None = None, direction: str | None = None,
                   target: vals.Value | None = None) -> tuple[GoodDirection | None, str, sp.Rational | None]:
    """Which way the indicator improves, for judging the rule: the evaluator's own inference
    (`engine.scoring.infer_direction`), except that a rule scoring a deviation (相差, ±) is
    judged by closeness to its target (the third value is that centre)."""
    rule = form.rule
    centre = form.target if form.target is not None else (form.grid[0] if form.grid else None)
    if direction not in ("higher", "lower") and _scores_deviation(rule) and centre is not None:
        return "closer", "规则按与目标值的偏差计分", centre
    good, why = infer_direction(rule, target, to_fraction(form.weight), indicator, direction)
    return good, why, None


def _scores_deviation(rule: rt.Rule) -> bool:
    """Does the rule score a deviation from its target: a 相差 step, or a band on |x − t| (±)?"""
    if any(isinstance(s, rt.Step) and s.direction == "deviation" for s in rule.statements):
        return True
    conditions = (getattr(s, "condition", None) for s in rule.statements)
    return any(isinstance(c, (rt.Compare, rt.Between)) and c.absolute for c in conditions)


def analyse(form: Form, *, indicator: str | None = None, direction: str | None = None,
            target: vals.Value | str | None = None, table: str | None = None, item: str | None = None) -> Analysis:
    """Every analysis of `form` for its weight and target; failures become findings."""
    if not form.numeric:
        return Analysis(form)
    if isinstance(target, str):
        target = vals.parse_value(target)
    run = _Run(form, table, item)
    parts = _parts(form, run)
    good, why, centre = good_direction(form, indicator=indicator, direction=direction, target=target)
    if not parts:
        _coverage(form, run)
        return Analysis(form, good, why, centre, findings=tuple(run.findings), unproved=tuple(run.unproved))
    proved = all(p.mono is not None for p in parts)
    low, high, argmax = _range(form, run, parts) if proved else (None, None, sp.EmptySet)
    if not proved:
        run.unproved.append("有一段得分未能证明单调，得分范围与单调性未作结论")
    monotone = _direction(run, parts, good, centre, argmax) if proved else None
    zero_set, zero_point = _zero(parts, argmax)
    gaps = _coverage(form, run, argmax)
    jumps, count = _jumps(form, parts, run) if form.domain == HALF_LINE else ([], 0)
    return Analysis(form, good, why, centre, low, high, argmax, monotone, zero_set, zero_point, gaps,
                    tuple(jumps), count, tuple(run.findings), tuple(run.unproved))


def _range(form: Form, run: _Run, parts: list[_Part]) -> tuple[sp.Expr, sp.Expr, sp.Set]:
    """The least and most the rule as written gives, where it gives the most (empty when the
    most is not finite), and the findings on them (R003, L001). Every part is proved monotone."""
    low = sp.Min(*[sp.Min(p.left, p.right) for p in parts])
    high = sp.Max(*[sp.Max(p.left, p.right) for p in parts])
    argmax = sp.Union(*[solve(p.expr, "==", high, p.comp) for p in parts]) if high.is_finite else sp.EmptySet
    _full_marks(form, run, high, argmax, parts)
    _unbounded(form, run, low, high, argmax, parts)
    return low, high, argmax


def _zero(parts: list[_Part], argmax: sp.Set) -> tuple[sp.Set, sp.Rational | None]:
    """The actuals the rule's arithmetic gives 0 or less, and its end facing full marks."""
    zero_set = sp.Union(*[solve(p.raw, "<=", 0, p.comp) for p in parts])
    if zero_set.is_empty:
        return zero_set, None
    return zero_set, _facing_end(zero_set, argmax if not argmax.is_empty else None)
