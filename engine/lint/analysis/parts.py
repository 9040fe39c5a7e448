"""The scored actuals of a form as connected parts, each with its expressions, its proved
monotonicity and its end values; and the run that collects findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import sympy as sp
from sympy.calculus.util import function_range

from engine.findings import Finding
from engine.lint.analysis.facts import _plain_value
from engine.lint.calculus import X, _Exact, components, ends, monotonicity, to_decimal
from engine.lint.form import Form
from engine.lint.printing import set_text, to_plain


@dataclass
class _Part:
    comp: sp.Set
    expr: sp.Expr  # as written
    raw: sp.Expr  # the rule's arithmetic, unclamped
    clamped: sp.Expr  # the evaluator's score
    mono: int | None = None
    left: sp.Expr | None = None
    right: sp.Expr | None = None
    form_thresholds: tuple = ()


@dataclass
class _Run:
    form: Form
    table: str | None
    item: str | None
    findings: list[Finding] = field(default_factory=list)
    unproved: list[str] = field(default_factory=list)

    def find(self, kind: str, message: str, witness=None, **extra) -> None:
        w = to_decimal(witness) if witness is not None else None
        extra = {k: _plain_value(v) for k, v in extra.items()}
        self.findings.append(Finding(kind=kind, message=message, table=self.table, item=self.item, witness=w,
                                     claimed=extra.pop("claimed", None), expected=extra.pop("expected", None),
                                     points=extra.pop("points", Decimal(0)), extra=extra))


def _parts(form: Form, run: _Run) -> list[_Part]:
    """The scored actuals of the domain as components, from the Piecewise itself
    (`as_expr_set_pairs`), each with its written, raw and clamped expression and its proved
    monotonicity and end values; `function_range` checks the ends where it applies."""
    parts = []
    for written, where in form.written.as_expr_set_pairs(form.domain):
        if written is sp.nan:
            continue
        for comp in components(where):
            piece = _piece_at(form, _inside(comp))
            part = _Part(comp, written, piece.expr, form.clamped(piece.expr), form_thresholds=form.thresholds)
            part.mono = 0 if isinstance(comp, sp.FiniteSet) else monotonicity(written, comp)
            if part.mono is not None:
                part.left, part.right = ends(written, comp)
                _check_range(part, run)
            parts.append(part)
    return sorted(parts, key=_order)


def _inside(comp: sp.Set) -> sp.Rational:
    if isinstance(comp, sp.FiniteSet):
        return next(iter(comp))
    if comp.sup.is_finite:
        return (comp.inf + comp.sup) / 2
    return comp.inf + 1


def _check_range(part: _Part, run: _Run) -> None:
    """A second proof of a continuous piece's range, by sympy's `function_range`."""
    if isinstance(part.comp, sp.FiniteSet) or part.expr.has(sp.floor, sp.ceiling, sp.Min, sp.Max):
        return
    if X not in part.expr.free_symbols:
        return
    try:
        image = function_range(part.expr, X, part.comp)
    except (NotImplementedError, ValueError):
        return
    if (image.inf, image.sup) != (sp.Min(part.left, part.right), sp.Max(part.left, part.right)):
        run.unproved.append(f"{to_plain(part.expr)} 在 {set_text(part.comp)} 上的值域两种证明不一致")


def _order(p: _Part):
    """Left to right; at a shared end, the component that contains it first."""
    return _Exact(p.comp.inf), 0 if p.comp.contains(p.comp.inf) is sp.true else 1


def _value(parts: list[_Part], x) -> sp.Expr:
    for p in parts:
        if p.comp.contains(x) is sp.true:
            return p.expr.subs(X, x).doit()
    return sp.nan


def _piece_at(form: Form, x):
    return next(p for p in form.pieces if p.where.contains(x) is sp.true)


def _restrict(parts: list[_Part], side: sp.Set) -> list[_Part]:
    out = []
    for p in parts:
        for comp in components(sp.Intersection(p.comp, side)):
            q = _Part(comp, p.expr, p.raw, p.clamped, p.mono, form_thresholds=p.form_thresholds)
            q.left, q.right = ends(p.expr, comp)
            out.append(q)
    return out
