"""Printing sympy forms for a reviewer: plain text (得分 = max(0, 10 − 0.5·⌊(35 − x)/1⌋)), LaTeX,
and sets of actuals in words (60 ≤ x < 70 或 x > 80)."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import sympy as sp
from sympy.printing.latex import LatexPrinter

from engine.lint.calculus import X, SympyClass, components
from engine.text.numbers import decimal_text, terminating_decimal


def _number(r: sp.Expr) -> str:
    """An exact number as a reviewer reads it: 0.5, 20/3, −∞."""
    if r == sp.oo:
        return "∞"
    if r == -sp.oo:
        return "−∞"
    q = sp.Rational(r)
    exact = terminating_decimal(int(q.p), int(q.q))
    text = decimal_text(exact) if exact is not None else f"{int(q.p)}/{int(q.q)}"
    return text.replace("-", "−")


def to_plain(expr: sp.Expr) -> str:
    """Plain-text formula: max(0, 10 − 0.5·⌊(35 − x)/1⌋)."""
    return _plain(expr, top=True)


def _plain(e: sp.Expr, top: bool = False) -> str:
    if e.is_Rational or e in (sp.oo, -sp.oo):
        return _number(e)
    if e == X:
        return "x"
    for kind, show in _SHOW:
        if isinstance(e, kind):
            return show(e, top)
    if isinstance(e, sp.Pow) and e.exp == -1:
        return "1/" + _plain(e.base)
    return str(e)


def _plain_min_max(e: sp.Expr, top: bool) -> str:
    args = sorted(e.args, key=lambda a: (X in a.free_symbols, sp.default_sort_key(a)))
    return ("max(" if isinstance(e, sp.Max) else "min(") + ", ".join(_plain(a, True) for a in args) + ")"


def _plain_add(e: sp.Expr, top: bool) -> str:
    """Terms in the rule's order: the one in x first unless it is negative (10 − 0.5·⌊…⌋)."""
    const = [t for t in e.args if X not in t.free_symbols]
    others = [t for t in e.args if X in t.free_symbols]
    first_negative = bool(others) and _is_negative(others[0])
    ordered = (const + others) if (first_negative or not others) else (others + const)
    out = ""
    for i, t in enumerate(ordered):
        neg = _is_negative(t)
        body = _plain(-t if neg else t)
        out += (("−" if neg else "") if i == 0 else (" − " if neg else " + ")) + body
    return out if top else f"({out})"


def _plain_mul(e: sp.Expr, top: bool) -> str:
    """coefficient·factors/denominators: 0.5·⌊(35 − x)/1⌋, 5·x/91."""
    num, den = [], []
    coeff = sp.Integer(1)
    for f in e.args:
        if f.is_Rational and f.is_number:
            coeff *= f
        elif isinstance(f, sp.Pow) and f.exp.is_negative:
            den.append(f.base if f.exp == -1 else sp.Pow(f.base, -f.exp, evaluate=False))
        else:
            num.append(f)
    parts = [_number(abs(coeff))] if abs(coeff) != 1 or not num else []
    text = "·".join(parts + [_plain(f) for f in num])
    if den:
        text += "/" + "/".join(f"({_plain(d, True)})" if isinstance(d, (sp.Add, sp.Mul)) else _plain(d) for d in den)
    return ("−" if coeff < 0 else "") + text


_SHOW: tuple[tuple[SympyClass, Callable[[sp.Expr, bool], str]], ...] = (
    (sp.floor, lambda e, top: "⌊" + _plain(e.args[0], True) + "⌋"),
    (sp.ceiling, lambda e, top: "⌈" + _plain(e.args[0], True) + "⌉"),
    ((sp.Max, sp.Min), _plain_min_max), (sp.Add, _plain_add), (sp.Mul, _plain_mul),
    (sp.Abs, lambda e, top: "|" + _plain(e.args[0], True) + "|"))


def _is_negative(t: sp.Expr) -> bool:
    if t.is_number:
        return bool(t < 0)
    coeff, _ = t.as_coeff_Mul()
    return bool(coeff.is_number and coeff < 0)


class _Latex(LatexPrinter):  # type: ignore[misc]  # sympy is untyped: LatexPrinter is Any
    """sympy's LaTeX with terminating fractions shown as decimals (0.5, not \\frac{1}{2})."""

    def _print_Rational(self, expr: sp.Rational) -> str:
        text = _number(expr).replace("−", "-")
        return text if "/" not in text else cast(str, super()._print_Rational(expr))


def to_latex(expr: sp.Expr) -> str:
    """A formula in LaTeX, products with a centred dot."""
    return cast(str, _Latex({"mul_symbol": "dot"}).doprint(expr))  # sympy's printers return str


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
