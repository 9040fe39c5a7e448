"""Full marks and bounds of the rule as written: R003 rule-weight-mismatch, L001 rule-unbounded."""

from __future__ import annotations

from decimal import Decimal

import sympy as sp

from engine.lint.analysis.facts import _n
from engine.lint.analysis.parts import _Part, _Run, _value
from engine.lint.analysis.witness import is_decimal, nearest_point
from engine.lint.calculus import solve, to_decimal
from engine.lint.piecewise import Form


def _full_marks(form: Form, run: _Run, high: sp.Expr, argmax: sp.Set, parts: list[_Part]) -> None:
    """R003: the most the rule gives (or the full marks it writes, when it has no maximum) is not the weight."""
    expected = form.ceiling
    if high.is_finite and high != expected:
        w = nearest_point(argmax, None)
        more = "高于" if high > expected else "低于"
        run.find("rule-weight-mismatch",
                 f"评分标准最多给 {_n(high)} 分（实际值 {_n(w)} 时），{more}分值 {_n(expected)} 分",
                 w, claimed=to_decimal(high) if is_decimal(high) else None, expected=to_decimal(expected),
                 points=to_decimal(abs(high - expected)) if is_decimal(high - expected) else Decimal(0))
    elif not high.is_finite and form.stated_full is not None and form.stated_full != expected:
        where = sp.Union(*[solve(p.expr, "==", form.stated_full, p.comp) for p in parts])
        w = nearest_point(where, None) if not where.is_empty else None
        run.find("rule-weight-mismatch",
                 f"评分标准写的满分是 {_n(form.stated_full)} 分，分值却是 {_n(expected)} 分", w,
                 claimed=to_decimal(form.stated_full), expected=to_decimal(expected))


def _unbounded(form: Form, run: _Run, low: sp.Expr, high: sp.Expr, argmax: sp.Set, parts: list[_Part]) -> None:
    """L001: the rule as written goes below 0 without 扣完为止, or above its full marks without 满分为止."""
    if not form.floor and low < 0:
        below = sp.Union(*[solve(p.expr, "<", 0, p.comp) for p in parts])
        w = nearest_point(below, argmax)
        value = _value(parts, w)
        run.find("rule-unbounded",
                 f"没有写“扣完为止”：实际值 {_n(w)} 时按规则得 {_n(value)} 分，低于 0"
                 f"（最低 {_n(low)} 分；评分时按 0 分计）", w, points=_dec_or_zero(-value), side="below")
    limit = form.ceiling if form.stated_full is None else sp.Max(form.ceiling, form.stated_full)
    if form.cap is None and high > limit:
        above = sp.Union(*[solve(p.expr, ">", limit, p.comp) for p in parts])
        at_limit = sp.Union(*[solve(p.expr, "==", limit, p.comp) for p in parts])
        w = nearest_point(above, at_limit if not at_limit.is_empty else argmax)
        value = _value(parts, w)
        run.find("rule-unbounded",
                 f"没有写“满分为止”：实际值 {_n(w)} 时按规则得 {_n(value)} 分，高于 {_n(limit)} 分"
                 f"（最高 {_n(high)}；评分时按 {_n(form.ceiling)} 分计）", w, points=_dec_or_zero(value - limit),
                 side="above", limit=limit)


def _dec_or_zero(v: sp.Expr) -> Decimal:
    return to_decimal(v) if is_decimal(v) else Decimal(0)
