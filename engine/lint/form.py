"""Compiling a rule to its `Form`: the evaluator's own semantics, read off as a sympy `Piecewise`.

`compile_rule(rule, weight, target)` runs the evaluator (`engine.scoring`) on a symbolic actual
(`engine.lint.explore`): every comparison it makes on the actual splits the half-line, and each
run is one piece with the exact score the evaluator computes there, as a sympy expression
(every number a `sympy.Rational` of a Decimal, never from text: no `sympify`, `eval` or
`parse_expr`). So the form has exactly the evaluator's semantics for a numeric actual by
construction (its reading of a partial step, its band-boundary conventions, its clamp to
[0, ceiling]); no shape's arithmetic is written here. Worded rules, checklists and
discretionary rules have no numeric form: `Form.reason` says why and `Form.pieces` is empty.
What the analyses need beyond the pieces (the awards read as bands and where each decides,
the statements the evaluator reads past, a step rule's grid) is what the evaluator reports of
itself as it runs. The `Form` itself, its views and its printing (得分 = max(0, 10 −
0.5·⌊(35 − x)/1⌋)) are `engine.lint.piecewise`; this module re-exports them.

sympy is imported at module level: import this module only where the symbolic form is needed
(`rescore lint`, the property tests), never on the path of `rescore report.json`.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any, cast

import sympy as sp

from engine import values as vals
from engine.language import tree as rt
from engine.language.printer import predicate as predicate_text
from engine.language.printer import to_text
from engine.lint.calculus import CLASS_RANKS, HALF_LINE, Q, X, _Exact, limit_at, monotonicity, solve
from engine.lint.explore import Branch, Sym, TooManyBranches, explore, truth_set
from engine.lint.piecewise import Band, Form, Ignored, Piece
from engine.scoring import infer_direction, shape
from engine.scoring.conditions import in_condition
from engine.scoring.context import Ctx, points_of
from engine.scoring.categories import by_category, category_reason
from engine.scoring.compound import compound_bands, compound_reason
from engine.scoring.evaluate import dispatch, route
from engine.scoring.groups import group_reason, groups
from engine.scoring.numbers import F
from engine.scoring.outcome import PartialStep, Unknown
from engine.scoring.shape import score_ceiling, stated_cap, stated_full

# Form and its parts, and the calculus the tests use on it, are re-exported: one import for a form
__all__ = ["Band", "Form", "Ignored", "Piece", "Q", "X", "compile_rule", "limit_at", "monotonicity", "solve"]

Target = vals.Value | str | Decimal | int | None
"""A target as callers hand it over: a parsed value, the cell as printed, or a number."""


def _as_value(target: Target) -> vals.Value | None:
    """The target as the evaluator reads it: a cell as printed is parsed, a number is exact."""
    if target is None or isinstance(target, (vals.Quantity, vals.Range, vals.OrdinalClass,
                                             vals.Qualitative, vals.Unquantified)):
        return target
    if isinstance(target, str):
        return vals.parse_value(target)
    if not isinstance(target, (Decimal, int)):
        return target  # a date (engine.values.dates)
    number = Decimal(target) if isinstance(target, int) else target
    return vals.Quantity(number, None, "=", format(number, "f"))


def compile_rule(rule: rt.Rule, weight: Decimal | int | str, target: Target = None, *, partial: PartialStep = "floor",
                 indicator: str | None = None, direction: str | None = None,
                 actual_unit: str | None = None) -> Form:
    """The rule as a `Form` for this weight (Decimal, int or str) and target (a `Value`, the
    cell as printed, or a number). Cached: rules are frozen, so equal inputs share one form."""
    exact = Decimal(weight) if isinstance(weight, (str, int)) else weight
    value = _as_value(target)
    key_target = target if isinstance(target, (str, type(None))) else value
    return _compile(rule, exact, key_target, partial, indicator, direction, actual_unit)


_Outcome = tuple[str, Fraction | Sym, Fraction | Sym] | Unknown
"""dispatch's (status, low, high), each end a Fraction or a `Sym` in x, or the Unknown it raised."""
_Run = tuple[_Outcome, Ctx]  # and the context it left


@lru_cache(maxsize=4096)
def _compile(rule: rt.Rule, weight: Decimal, target: vals.Value | str | None, partial: PartialStep,
             indicator: str | None, direction: str | None, actual_unit: str | None) -> Form:
    """compile_rule, cached on hashable inputs (a target is the cell text or a frozen value)."""
    value = _as_value(target)
    kind = shape(rule)
    w = F(weight)
    base: dict[str, Any] = dict(rule=rule, weight=Q(w), target=_target_number(value),
                                target_text=None if value is None else getattr(value, "text", None),
                                partial=partial, shape=kind)
    reason = _no_form(rule, kind)
    if reason is not None:
        return Form(**base, reason=reason)

    def run(x: Sym) -> _Run:
        # the evaluator computes with the Sym as with a number: Quantity.number (a Decimal) is
        # narrower than what scoring accepts at run time
        actual = vals.Quantity(cast(Decimal, x), actual_unit, "=", "")
        ctx = Ctx(rule, value, actual, w, partial, indicator, direction, symbolic=True)
        try:
            return dispatch(kind, ctx), ctx
        except Unknown as exc:
            return exc, ctx

    domain = CLASS_RANKS if _is_class_rule(rule, value) else HALF_LINE
    try:
        branches, cuts = explore(run)  # on the half-line: a class rule's ranks are numbers too
    except TooManyBranches:
        return Form(**base, reason="按实际值分出的情形太多，没有可读的数值形式")
    pieces = _pieces(rule, branches)
    if all(p.kind == "gap" for p in pieces):
        return Form(**base, reason=pieces[0].reason if pieces else "没有数值形式")
    ctxs = [b.result[1] for b in branches]
    return Form(**base, pieces=tuple(pieces), domain=domain, ceiling=Q(score_ceiling(rule, w)),
                floor=bool(rule.of(rt.Floor)), cap=_q(stated_cap(rule, w)), stated_full=_q(stated_full(rule, w)),
                good=infer_direction(rule, value, w, indicator, direction),
                thresholds=tuple(sorted((t for t in cuts if t >= 0), key=_Exact)),
                grid=_grid(ctxs), bands=_bands(rule, ctxs, pieces), ignored=_ignored(rule, ctxs),
                notes=tuple(dict.fromkeys(n.message for c in ctxs for n in c.notes if n.code == "reverse-indicator")))


def _q(value: Fraction | None) -> sp.Rational | None:
    """Q, passing None through."""
    return None if value is None else Q(value)


def _target_number(t: vals.Value | None) -> sp.Rational | None:
    """The target as a number in x's units (a class rank for a water class), or None."""
    if isinstance(t, vals.OrdinalClass):
        return sp.Integer(t.rank)
    if isinstance(t, vals.Quantity):
        return Q(t.number)
    return None


def _joined(rule: rt.Rule) -> str | None:
    """Conditions joined by 或 (engine.scoring.anyof): which side an actual is a value of is read
    from its words and unit, so the rule has no one numeric form."""
    joined = [c for c in (getattr(s, "condition", None) for s in rule.statements) if isinstance(c, rt.AnyOf)]
    if not joined:
        return None
    return "条件用“或”连接了几个条件（" + "、".join(f"「{predicate_text(c)}」" for c in joined) + "），没有唯一的数值形式"


def _no_form(rule: rt.Rule, kind: str) -> str | None:
    """Why the rule has no numeric form, or None: the evaluator's route decides, and a band rule
    that also has worded conditions is read by words."""
    if rule.inner_fragments:
        return "评分标准中有未能理解的部分（" + "、".join(f"「{f.text}」" for f in rule.inner_fragments) + "）"
    joined = _joined(rule)
    if joined:
        return joined
    by_row = _read_by_row(rule)
    if by_row is not None:
        return by_row
    way = route(kind, rule)
    if way == "none":
        return "评分标准里没有可计算的计分规定"
    if way == "checklist":
        return "逐项加总的清单：每项是否做到由评价人判断，没有数值形式"
    if way == "worded":
        return "按文字条件分档，没有数值形式"
    if way == "discretionary":
        return f"「{rule.of(rt.Discretionary)[0].word}」：由评价人酌情打分，没有数值形式"
    worded = [a for a in rule.of(rt.Award) if isinstance(a.condition, rt.Condition)]
    if way == "bands" and worded:
        return "含文字条件（" + "、".join(f"「{cast(rt.Condition, a.condition).text}」" for a in worded) + "），没有数值形式"
    return None


def _read_by_row(rule: rt.Rule) -> str | None:
    """Rules the evaluator reads by what the row says (its category, its group, each requirement
    of a band): no single numeric form, the reason from the module that scores them."""
    if by_category(rule):  # engine.scoring.categories: the actual's words choose the requirement
        return category_reason(rule)
    if groups(rule):  # engine.scoring.groups: the row's group chooses the clauses
        return group_reason(rule)
    if compound_bands(rule):  # engine.scoring.compound: each requirement checked against the actual
        return compound_reason(rule)
    return None


def _index(rule: rt.Rule, statement: object) -> int | None:
    """The position of this very statement (by identity: equal statements repeat) in the rule."""
    return next((i for i, s in enumerate(rule.statements) if s is statement), None)


def _label(node: object) -> str:
    """What a piece is called after the statement that decides it (满分 when none does)."""
    if node is None:
        return "满分"
    if isinstance(node, rt.Award) and isinstance(node.condition, rt.Otherwise):
        return "否则"
    if isinstance(node, rt.Award) and node.condition is not None:
        return predicate_text(node.condition)
    return to_text(rt.Rule((cast(rt.Statement, node),)))


def _expr(value: Fraction | Sym) -> sp.Expr:
    """An end of the evaluator's outcome as a sympy expression in x."""
    return value.expr if isinstance(value, Sym) else Q(value)


def _pieces(rule: rt.Rule, branches: list[Branch[_Run]]) -> list[Piece]:
    """One piece per distinct outcome: the branches that give the same score (or range, or
    reason) from the same statement are one piece."""
    merged: dict[tuple[Any, ...], list[sp.Set]] = {}
    made: dict[tuple[Any, ...], Piece] = {}
    for branch in branches:
        outcome, ctx = branch.result
        source = _index(rule, ctx.by)
        if isinstance(outcome, Unknown):
            key: tuple[Any, ...] = ("gap", outcome.reason)
            piece = Piece(sp.EmptySet, "gap", "无法计分", reason=outcome.reason)
        else:
            status, low, high = outcome
            if status == "score":
                expr = _expr(low)
                key = ("score", expr, source)
                piece = Piece(sp.EmptySet, "score", _label(ctx.by), expr, source=source)
            elif ctx.convention == "gap-between-bands":  # between two bands: from the one below to the one above
                key = ("range", _expr(low), _expr(high), source)
                piece = Piece(sp.EmptySet, "range", f"「{_label(ctx.by)}」之下的空隙", high=_expr(high),
                              reason="评分标准没有写明两档之间得几分", source=source, low=_expr(low))
            else:
                key = ("range", _expr(high), source)
                piece = Piece(sp.EmptySet, "range", f"未达到「{_label(ctx.by)}」", high=_expr(high),
                              reason="评分标准没有规定未达到时得几分", source=source)
        merged.setdefault(key, []).append(branch.where)
        made.setdefault(key, piece)
    return [Piece(sp.Intersection(sp.Union(*merged[k]), HALF_LINE), p.kind, p.label, p.expr, p.high, p.reason, p.source,
                  p.low)
            for k, p in made.items()]


def _grid(ctxs: list[Ctx]) -> tuple[sp.Rational, sp.Rational, str] | None:
    """A step rule's grid (base, size, side) as the evaluator reported it."""
    grid = next((c.grid for c in ctxs if c.grid is not None), None)
    return None if grid is None else (Q(grid[0]), Q(grid[1]), grid[2])


def _condition_set(ctx: Ctx, cond: rt.Predicate | None, lenient: bool) -> sp.Set | None:
    """The actuals that satisfy `cond`, by the evaluator's own test (None: it cannot tell)."""
    if isinstance(cond, rt.Otherwise):
        return HALF_LINE
    try:
        # in_condition's x is typed Fraction; the Sym computes and compares as one
        return sp.Intersection(truth_set(lambda x: in_condition(ctx, cond, cast(Fraction, x), lenient)), HALF_LINE)
    except Unknown:
        return None


def _bands(rule: rt.Rule, ctxs: list[Ctx], pieces: list[Piece]) -> tuple[Band, ...]:
    """The awards the evaluator read as bands, each as sets of actuals and where it is used."""
    ctx = next((c for c in ctxs if c.bands), None)
    if ctx is None:
        return ()
    out = []
    for award in ctx.bands:
        index = _index(rule, award)
        loose, strict = _condition_set(ctx, award.condition, True), _condition_set(ctx, award.condition, False)
        chosen = [p.where for p in pieces if p.source == index and p.kind == "score"]
        out.append(Band(cast(int, index), _label(award), Q(points_of(ctx, award)), loose or sp.EmptySet,
                        strict or sp.EmptySet, sp.Union(*chosen) if chosen else sp.EmptySet))
    return tuple(out)


def _ignored(rule: rt.Rule, ctxs: list[Ctx]) -> tuple[Ignored, ...]:
    """The statements the evaluator reported it reads past, with where they would apply."""
    ctx = next((c for c in ctxs if c.read_past), None)
    if ctx is None:
        return ()
    out = []
    for node, why in ctx.read_past:
        where = points = None
        if isinstance(node, rt.Award) and node.points is not None and isinstance(node.condition, (rt.Compare, rt.Between)):
            points = Q(points_of(ctx, node))
            where = _condition_set(ctx, node.condition, True)
        out.append(Ignored(cast(int, _index(rule, node)), to_text(rt.Rule((node,))), why, where, points))
    return tuple(out)


def _is_class_rule(rule: rt.Rule, target: vals.Value | None) -> bool:
    """Is x a water class rank (Ⅰ…劣Ⅴ): a class target, or a rule comparing with a class?"""
    if isinstance(target, vals.OrdinalClass):
        return True
    for s in rule.statements:
        for c in (getattr(s, "condition", None), getattr(s, "threshold", None)):
            if isinstance(c, rt.Compare) and isinstance(c.operand, rt.ClassLevel):
                return True
    return False
