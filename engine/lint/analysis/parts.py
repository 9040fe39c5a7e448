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
from engine.lint.piecewise import Form, Piece
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
    form_thresholds: tuple[sp.Rational, ...] = ()

    def span(self) -> tuple[sp.Expr, sp.Expr]:
        """(left, right): the values at the two ends, known once the part is proved monotone
        (the analyses that compare ends run only when every part is)."""
        if self.left is None or self.right is None:
            raise ValueError(f"{to_plain(self.expr)} is not proved monotone on {set_text(self.comp)}")
        return self.left, self.right


@dataclass
class _Run:
    form: Form
    table: str | None
    item: str | None
    findings: list[Finding] = field(default_factory=list)
    unproved: list[str] = field(default_factory=list)

    def find(self, kind: str, message: str, witness: sp.Rational | None = None, *, claimed: Decimal | None = None,
             expected: Decimal | None = None, points: Decimal = Decimal(0), **extra: object) -> None:
        """Record a finding at `witness`; `extra` are its details (exact numbers, as JSON carries them)."""
        w = to_decimal(witness) if witness is not None else None
        details = {k: _plain_value(v) for k, v in extra.items()}
        self.findings.append(Finding(kind=kind, message=message, table=self.table, item=self.item, witness=w,
                                     claimed=claimed, expected=expected, points=points, extra=details))


def _parts(form: Form, run: _Run) -> list[_Part]:
    """The scored actuals of the domain as components, from the Piecewise itself
    (`as_expr_set_pairs`), each with its written, raw and clamped expression and its proved
    monotonicity and end values; `function_range` checks the ends where it applies."""
    written_form = form.written
    if written_form is None:  # a form without a numeric reading has no parts
        return []
    parts = []
    for written, where in written_form.as_expr_set_pairs(form.domain):
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
    """A point inside one component: its only point, its middle, or one past its left end."""
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


def _order(p: _Part) -> tuple[_Exact, int]:
    """Left to right; at a shared end, the component that contains it first."""
    return _Exact(p.comp.inf), 0 if p.comp.contains(p.comp.inf) is sp.true else 1


def _value(parts: list[_Part], x: sp.Rational) -> sp.Expr:
    """The rule as written at the actual x (nan where no part scores it)."""
    for p in parts:
        if p.comp.contains(x) is sp.true:
            return p.expr.subs(X, x).doit()
    return sp.nan


def _piece_at(form: Form, x: sp.Rational) -> Piece:
    """The piece of the form that holds the actual x."""
    return next(p for p in form.pieces if p.where.contains(x) is sp.true)


def _restrict(parts: list[_Part], side: sp.Set) -> list[_Part]:
    """The parts cut down to `side`, their ends taken again."""
    out = []
    for p in parts:
        for comp in components(sp.Intersection(p.comp, side)):
            q = _Part(comp, p.expr, p.raw, p.clamped, p.mono, form_thresholds=p.form_thresholds)
            q.left, q.right = ends(p.expr, comp)
            out.append(q)
    return out
