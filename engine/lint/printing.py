"""Printing sympy forms for a reviewer: plain text (得分 = max(0, 10 − 0.5·⌊(35 − x)/1⌋)), LaTeX,
and sets of actuals in words (60 ≤ x < 70 或 x > 80)."""

from __future__ import annotations

from decimal import Decimal

import sympy as sp
from sympy.printing.latex import LatexPrinter

from engine.lint.calculus import X, components


def _number(r: sp.Expr) -> str:
    if r == sp.oo:
        return "∞"
    if r == -sp.oo:
        return "−∞"
    r = sp.Rational(r)
    q = int(r.q)
    d = q
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d == 1:
        text = format(Decimal(int(r.p)) / Decimal(q), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace("-", "−")
    return f"{int(r.p)}/{q}".replace("-", "−")


def to_plain(expr: sp.Expr) -> str:
    """Plain-text formula: max(0, 10 − 0.5·⌊(35 − x)/1⌋)."""
    return _plain(expr, top=True)


def _plain(e: sp.Expr, top: bool = False) -> str:
    if e.is_Rational or e in (sp.oo, -sp.oo):
        return _number(e)
    if e == X:
        return "x"
    if isinstance(e, sp.floor):
        return "⌊" + _plain(e.args[0], True) + "⌋"
    if isinstance(e, sp.ceiling):
        return "⌈" + _plain(e.args[0], True) + "⌉"
    if isinstance(e, (sp.Max, sp.Min)):
        args = sorted(e.args, key=lambda a: (X in a.free_symbols, sp.default_sort_key(a)))
        return ("max(" if isinstance(e, sp.Max) else "min(") + ", ".join(_plain(a, True) for a in args) + ")"
    if isinstance(e, sp.Add):
        terms = list(e.args)
        const = [t for t in terms if X not in t.free_symbols]
        others = [t for t in terms if X in t.free_symbols]
        first_negative = bool(others) and _is_negative(others[0])
        ordered = (const + others) if (first_negative or not others) else (others + const)
        out = ""
        for i, t in enumerate(ordered):
            neg = _is_negative(t)
            body = _plain(-t if neg else t)
            if i == 0:
                out = ("−" if neg else "") + body
            else:
                out += (" − " if neg else " + ") + body
        return out if top else f"({out})"
    if isinstance(e, sp.Mul):
        num, den = [], []
        coeff = sp.Integer(1)
        for f in e.args:
            if f.is_Rational and f.is_number:
                coeff *= f
            elif isinstance(f, sp.Pow) and f.exp.is_negative:
                den.append(f.base if f.exp == -1 else sp.Pow(f.base, -f.exp, evaluate=False))
            else:
                num.append(f)
        sign = "−" if coeff < 0 else ""
        coeff = abs(coeff)
        parts = []
        if coeff != 1 or not num:
            parts.append(_number(coeff))
        parts += [_plain(f) for f in num]
        text = "·".join(parts)
        if den:
            text += "/" + "/".join(_plain(d) if not isinstance(d, (sp.Add, sp.Mul)) else f"({_plain(d, True)})"
                                   for d in den)
        return sign + text
    if isinstance(e, sp.Pow) and e.exp == -1:
        return "1/" + _plain(e.base)
    if isinstance(e, sp.Abs):
        return "|" + _plain(e.args[0], True) + "|"
    return str(e)


def _is_negative(t: sp.Expr) -> bool:
    if t.is_number:
        return bool(t < 0)
    coeff, _ = t.as_coeff_Mul()
    return bool(coeff.is_number and coeff < 0)


class _Latex(LatexPrinter):
    """sympy's LaTeX with terminating fractions shown as decimals (0.5, not \\frac{1}{2})."""

    def _print_Rational(self, expr):
        text = _number(expr).replace("−", "-")
        return text if "/" not in text else super()._print_Rational(expr)


def to_latex(expr: sp.Expr) -> str:
    return _Latex({"mul_symbol": "dot"}).doprint(expr)


def set_text(s: sp.Set, latex: bool = False) -> str:
    """A set of actuals in words: 0 ≤ x < 35, x ≥ 35, x = 0, 60 ≤ x < 70 或 x > 80."""
    le, lt, ge, gt = (r"\leq", "<", r"\geq", ">") if latex else ("≤", "<", "≥", ">")
    parts = []
    for comp in components(s):
        if isinstance(comp, sp.FiniteSet):
            parts.append(f"x = {_number(next(iter(comp)))}")
            continue
        a, b = comp.start, comp.end
        if b == sp.oo:
            parts.append(f"x {gt if comp.left_open else ge} {_number(a)}")
        elif a == -sp.oo:
            parts.append(f"x {lt if comp.right_open else le} {_number(b)}")
        else:
            parts.append(f"{_number(a)} {lt if comp.left_open else le} x {lt if comp.right_open else le} {_number(b)}")
    if latex:
        return r" \text{ 或 } ".join(p.replace("−", "-") for p in parts) or r"\varnothing"
    return " 或 ".join(parts) or "（空）"
