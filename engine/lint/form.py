"""A rule as a sympy `Piecewise` in the actual value x, and the interval calculus to reason on it.

`compile_rule(rule, weight, target)` builds, from the rule tree (never from text: no `sympify`,
`eval` or `parse_expr`; every number is `sympy.Rational(numerator, denominator)` of a Decimal),
a `Form`: the score as a function of x for that weight and target, piece by piece, with exactly
the semantics of `engine.scoring.evaluate` for a numeric actual (whole steps by default, the evaluator's
clamp to [0, ceiling], its band-boundary conventions). `Form.text()` and `Form.latex()` print it:
得分 = max(0, 10 − 0.5·⌊(35 − x)/1⌋). Worded rules, checklists and discretionary rules have no
numeric form: `Form.reason` says why and `Form.pieces` is empty.

The second half is the calculus the analyses (`engine.lint.analysis`) prove with: `solve(expr, op, c,
where)` gives the exact set of x where a piece satisfies an inequality (floor and ceiling
rewritten into bounds on their argument, Min/Max into unions and intersections, the rest handed
to `sympy.solveset`); `monotonicity` proves a piece monotone by composition (floor, ceiling,
Min, Max and positive scaling keep a direction, 1/f reverses it); `limit_at` takes exact
one-sided limits. Nothing here reads files, scores a report or reports findings.

sympy is imported at module level: import this module only where the symbolic form is needed
(`rescore lint`, the property tests), never on the path of `rescore report.json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Literal

import sympy as sp
from sympy.printing.latex import LatexPrinter

from engine.language import tree as rt
from engine import values as vals
# the evaluator's vocabulary for "lower is better" (words, concentration units), shared so the two
# readings of an indicator's direction cannot drift apart
from engine.scoring import infer_direction, shape
from engine.language.printer import predicate as predicate_text
from engine.language.printer import to_text
from engine.text.width import display_width, pad

X = sp.Symbol("x", real=True)
"""The actual value (实际完成值): a number, a percentage in points (91% is 91), or a class rank."""

HALF_LINE = sp.Interval(0, sp.oo)
CLASS_RANKS = sp.FiniteSet(*range(1, 7))  # Ⅰ…Ⅴ, 劣Ⅴ

PartialStep = Literal["floor", "proportional", "ceiling"]
Kind = Literal["score", "range", "gap"]


def Q(value) -> sp.Rational:
    """An exact sympy Rational from a Decimal, int or Fraction (never through float or text)."""
    f = value if isinstance(value, Fraction) else Fraction(value)
    return sp.Rational(f.numerator, f.denominator)


def to_fraction(value: sp.Expr) -> Fraction:
    """A sympy Rational back to an exact Fraction."""
    r = sp.Rational(value)
    return Fraction(int(r.p), int(r.q))


def to_decimal(value: sp.Expr) -> Decimal:
    """An exact terminating Rational as a Decimal (witnesses are chosen to terminate)."""
    r = sp.Rational(value)
    return Decimal(int(r.p)) / Decimal(int(r.q))


# ---------------------------------------------------------------- the form


@dataclass(frozen=True)
class Piece:
    """Where one reading of the rule applies and what it gives there.

    `kind` is `score` (the exact score `expr`, as the rule computes it before the evaluator's
    clamp), `range` (the rule allows any score in [0, `high`]: a single threshold not met) or
    `gap` (the evaluator cannot score: `reason`). `source` is the index of the statement
    that decides the piece, for the unreachable-branch analysis.
    """

    where: sp.Set
    kind: Kind
    label: str
    expr: sp.Expr | None = None
    high: sp.Expr | None = None
    reason: str | None = None
    source: int | None = None


@dataclass(frozen=True)
class Band:
    """One numeric award as a set of actuals: as the evaluator first reads it (`loose`: an
    unstated bound is included), as the rule states it (`strict`: an unstated bound is not),
    and where the evaluator ends up using it (`chosen`)."""

    index: int
    label: str
    points: sp.Expr
    loose: sp.Set
    strict: sp.Set
    chosen: sp.Set


@dataclass(frozen=True)
class Ignored:
    """A statement the evaluator reads past (a second band in a step rule): where it would
    apply (`where`, None when it is not numeric) and the points it names."""

    index: int
    label: str
    why: str
    where: sp.Set | None = None
    points: sp.Rational | None = None


@dataclass(frozen=True)
class Form:
    """A rule's score as a function of the actual x, for one weight and one target.

    x is the actual as a number (a rate in points, a class rank). A cell that states the
    shortfall itself (实际完成值「超过3个百分点」) is read by the evaluator from its words and
    lies outside the form, as do worded actuals (完成, 基本完成).
    """

    rule: rt.Rule
    weight: sp.Rational
    target: sp.Rational | None
    target_text: str | None
    partial: PartialStep
    shape: str
    pieces: tuple[Piece, ...] = ()
    reason: str | None = None  # why there is no numeric form
    domain: sp.Set = HALF_LINE
    ceiling: sp.Rational | None = None  # the evaluator's upper clamp (the weight unless the rule raises it)
    floor: bool = False  # the rule states its own floor (扣完为止)
    cap: sp.Rational | None = None  # the rule states its own cap (满分为止, 最高得…), in score units
    stated_full: sp.Rational | None = None  # the full marks the rule writes (记6分, 20分*执行率)
    good: tuple[str | None, str] = (None, "")  # the evaluator's good direction and why
    thresholds: tuple[sp.Rational, ...] = ()  # numbers the rule states, as actuals
    grid: tuple[sp.Rational, sp.Rational, str] | None = None  # step rules: (base, size, side)
    bands: tuple[Band, ...] = ()
    ignored: tuple[Ignored, ...] = ()  # statements the evaluator reads past
    notes: tuple[str, ...] = ()

    @property
    def numeric(self) -> bool:
        return self.reason is None

    # -- the three views of the same pieces

    def _piecewise(self, view: Literal["raw", "written", "score"]) -> sp.Piecewise | None:
        """The pieces as one Piecewise, evaluated for computing (the printed form keeps the
        rule's own shape, (35 − x)/1; here it is 35 − x)."""
        if not self.numeric:
            return None
        pairs = []
        for p in self.pieces:
            if p.kind != "score":
                continue
            expr = {"raw": p.expr, "written": self.as_written(p.expr), "score": self.clamped(p.expr, p.where)}[view]
            pairs.append((expr, p.where.as_relational(X)))
        pairs.append((sp.nan, True))
        return sp.Piecewise(*pairs).doit()

    @property
    def raw(self) -> sp.Piecewise | None:
        """The rule's arithmetic before any floor or cap (nan where it gives no score)."""
        return self._piecewise("raw")

    @property
    def written(self) -> sp.Piecewise | None:
        """The rule as written: its arithmetic with only the floor and cap it states itself."""
        return self._piecewise("written")

    @property
    def score(self) -> sp.Piecewise | None:
        """The score the evaluator gives: clamped to [0, ceiling] (nan where it gives none)."""
        return self._piecewise("score")

    def as_written(self, expr: sp.Expr) -> sp.Expr:
        if self.cap is not None:
            expr = sp.Min(self.cap, expr)
        if self.floor:
            expr = sp.Max(0, expr)
        return expr

    def clamped(self, expr: sp.Expr, where: sp.Set | None = None) -> sp.Expr:
        """max(0, min(ceiling, expr)), keeping only the clamps that can act on `where`."""
        low, high = (None, None) if where is None else bounds(expr, where)
        if high is None or high > self.ceiling:
            expr = sp.Min(self.ceiling, expr)
        if low is None or low < 0:
            expr = sp.Max(0, expr)
        return expr

    def at(self, actual) -> tuple[str, object]:
        """("score", Fraction) | ("range", (low, high)) | ("unknown", reason) at an exact actual,
        exactly as the evaluator would say (range ends clamped like the evaluator's)."""
        value = Q(actual)
        for p in self.pieces:
            if p.where.contains(value) is sp.true:
                if p.kind == "score":
                    return "score", to_fraction(self.score_value(p.expr, value))
                if p.kind == "range":
                    high = sp.Max(0, sp.Min(self.ceiling, p.high.doit()))
                    return "range", (Fraction(0), to_fraction(high))
                return "unknown", p.reason
        return "unknown", "实际值不在定义域内"

    def score_value(self, expr: sp.Expr, value: sp.Rational) -> sp.Rational:
        v = expr.subs(X, value).doit()
        return sp.Max(0, sp.Min(self.ceiling, v))

    # -- printing

    def text(self, view: Literal["score", "written"] = "score") -> str:
        """The formula in plain text, one line per piece: `得分 = … 当 0 ≤ x < 35`."""
        if not self.numeric:
            return f"（没有数值形式：{self.reason}）"
        rows = []
        for p in self._display_pieces():
            if p.kind == "score":
                body = to_plain(self.clamped(p.expr, p.where) if view == "score" else self.as_written(p.expr))
            elif p.kind == "range":
                body = f"0 至 {to_plain(sp.Min(self.ceiling, p.high))} 之间（规则未写明）"
            else:
                body = f"无法计分（{p.reason}）"
            rows.append((body, set_text(p.where)))
        width = max(display_width(b) for b, _ in rows)
        lines = []
        for i, (body, where) in enumerate(rows):
            head = "得分 = " if i == 0 else "     = "
            lines.append(f"{head}{pad(body, width)}    当 {where}")
        return "\n".join(lines)

    def legend(self) -> str:
        """What x stands for in the formula."""
        if self.domain == CLASS_RANKS:
            return "x = 实际完成的水质类别（Ⅰ类 = 1 … Ⅴ类 = 5，劣Ⅴ类 = 6）"
        return "x = 实际完成值"

    def latex(self) -> str:
        """The formula in LaTeX: a `cases` environment, one row per piece."""
        if not self.numeric:
            return r"\text{" + (self.reason or "") + "}"
        rows = []
        for p in self._display_pieces():
            if p.kind == "score":
                body = to_latex(self.clamped(p.expr, p.where))
            elif p.kind == "range":
                body = r"[0,\ " + to_latex(sp.Min(self.ceiling, p.high)) + "]"
            else:
                body = r"\text{无法计分}"
            rows.append(f"{body} & {set_text(p.where, latex=True)}")
        if len(rows) == 1:
            return r"\text{得分} = " + rows[0].replace(" & ", r" \quad ", 1)
        return r"\text{得分} = \begin{cases} " + r" \\ ".join(rows) + r" \end{cases}"

    def _display_pieces(self) -> list[Piece]:
        shown = [p for p in self.pieces if not p.where.is_empty]
        return sorted(shown, key=lambda p: _left(p.where))


def _left(s: sp.Set) -> _Exact:
    """Sort key: the set's left end, exact (sympy orders −∞ and rationals without floats)."""
    return _Exact(s.inf)


class _Exact:
    """An exact sympy number as a sort key (its < is sympy's, evaluated to a Python bool)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __lt__(self, other: "_Exact") -> bool:
        return bool(self.value < other.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Exact) and bool(sp.Eq(self.value, other.value))


# ---------------------------------------------------------------- compiling


class _NoForm(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Ctx:
    rule: rt.Rule
    weight: sp.Rational
    target: vals.Value | None
    partial: PartialStep
    indicator: str | None
    direction: str | None
    actual_unit: str | None
    thresholds: set = field(default_factory=set)

    def target_number(self) -> sp.Rational:
        t = self.target
        if t is None:
            raise _NoForm("年度指标值为空，而本规则需要它")
        if isinstance(t, vals.Unquantified):
            raise _NoForm(f"年度指标值「{t.text}」未量化：{t.reason}")
        if isinstance(t, vals.Qualitative):
            raise _NoForm(f"年度指标值「{t.text}」是文字，本规则需要一个数值")
        if isinstance(t, vals.Range):
            raise _NoForm(f"年度指标值「{t.text}」是一个区间，本规则需要一个数值")
        if isinstance(t, vals.OrdinalClass):
            return sp.Integer(t.rank)
        return Q(t.number)

    def operand(self, node: rt.Operand) -> sp.Rational:
        if isinstance(node, rt.Quantity):
            return Q(node.value)
        if isinstance(node, rt.ClassLevel):
            return sp.Integer(node.rank)
        return self.target_number()  # 省定目标, 目标值, 计划 …: the table's target

    def good(self) -> tuple[str | None, str]:
        """The evaluator's reading of which way the indicator improves: the same function."""
        return infer_direction(self.rule, self.target, to_fraction(self.weight), self.indicator, self.direction)


def _as_value(target) -> vals.Value | None:
    if target is None or isinstance(target, (vals.Quantity, vals.Range, vals.OrdinalClass,
                                             vals.Qualitative, vals.Unquantified)):
        return target
    if isinstance(target, str):
        return vals.parse_value(target)
    number = Decimal(target) if isinstance(target, int) else target
    return vals.Quantity(number, None, "=", format(number, "f"))


def compile_rule(rule: rt.Rule, weight, target=None, *, partial: PartialStep = "floor",
                 indicator: str | None = None, direction: str | None = None,
                 actual_unit: str | None = None) -> Form:
    """The rule as a `Form` for this weight (Decimal, int or str) and target (a `Value`, the
    cell as printed, or a number). Cached: rules are frozen, so equal inputs share one form."""
    weight = Decimal(weight) if isinstance(weight, (str, int)) else weight
    value = _as_value(target)
    key_target = target if isinstance(target, (str, type(None))) else value
    return _compile(rule, weight, key_target, partial, indicator, direction, actual_unit)


@lru_cache(maxsize=4096)
def _compile(rule, weight, target, partial, indicator, direction, actual_unit) -> Form:
    value = _as_value(target)
    ctx = _Ctx(rule, Q(weight), value, partial, indicator, direction, actual_unit)
    kind = shape(rule)
    try:
        t_num = ctx.target_number()
    except _NoForm:
        t_num = None
    base = dict(rule=rule, weight=ctx.weight, target=t_num,
                target_text=None if value is None else getattr(value, "text", None),
                partial=partial, shape=kind)
    try:
        inner = rule.inner_fragments
        if inner:
            raise _NoForm("评分标准中有未能理解的部分（" + "、".join(f"「{f.text}」" for f in inner) + "）")
        built = _dispatch(kind, ctx)
    except _NoForm as exc:
        return Form(**base, reason=exc.reason)
    ceiling = _ceiling(rule, ctx.weight)
    floor_stated = bool(rule.of(rt.Floor))
    cap = _stated_cap(rule, ctx.weight)
    domain = CLASS_RANKS if _is_class_rule(rule, value) else HALF_LINE
    pieces = tuple(_tidy(p) for p in built["pieces"])
    return Form(**base, pieces=pieces, domain=domain, ceiling=ceiling, floor=floor_stated, cap=cap,
                stated_full=_stated_full(rule, ctx.weight), good=ctx.good(),
                thresholds=tuple(sorted({t for t in ctx.thresholds if t >= 0}, key=float)),
                grid=built.get("grid"), bands=tuple(built.get("bands", ())),
                ignored=tuple(built.get("ignored", ())), notes=tuple(built.get("notes", ())))


def _tidy(p: Piece) -> Piece:
    where = sp.Intersection(p.where, HALF_LINE)
    return Piece(where, p.kind, p.label, p.expr, p.high, p.reason, p.source)


def _is_class_rule(rule: rt.Rule, target) -> bool:
    if isinstance(target, vals.OrdinalClass):
        return True
    for s in rule.statements:
        for c in (getattr(s, "condition", None), getattr(s, "threshold", None)):
            if isinstance(c, rt.Compare) and isinstance(c.operand, rt.ClassLevel):
                return True
    return False


def _ceiling(rule: rt.Rule, weight: sp.Rational) -> sp.Rational:
    for c in rule.of(rt.Cap):
        if c.points is not None and Q(c.points) < weight:
            return Q(c.points)  # 最高得3分 on a 5-point row (engine.evaluate._ceiling)
        if c.points is not None and Q(c.points) > weight:
            base = next((Q(s.base) for s in rule.of(rt.Step) if s.base is not None), None)
            return Q(c.points) if base is None else Q(c.points) / base * weight
        if c.share is not None and c.share > 100:
            return weight * Q(c.share) / 100
    return weight


def _stated_cap(rule: rt.Rule, weight: sp.Rational) -> sp.Rational | None:
    """The cap the rule writes, in score units: 满分为止 (the weight), 最高得1分, 最高120分 of a
    100-point base, 不超过基础分的120%."""
    caps = []
    base = next((Q(s.base) for s in rule.of(rt.Step) if s.base is not None), None)
    for c in rule.of(rt.Cap):
        if c.share is not None:
            caps.append(weight * Q(c.share) / 100)
        elif c.points is not None:
            caps.append(Q(c.points) if base is None else Q(c.points) / base * weight)
        else:
            caps.append(weight)
    return min(caps) if caps else None


def _stated_full(rule: rt.Rule, weight: sp.Rational) -> sp.Rational | None:
    """The most the rule itself writes (记6分, 20分*执行率, 100标准分 → the weight); None: 满分."""
    if any(isinstance(s, rt.Award) and s.points is not None and s.points.is_full for s in rule.statements):
        return None
    stated = [Q(s.points.value) for s in rule.of(rt.Award) if s.points is not None and s.points.value is not None]
    stated += [Q(p.weight) for p in rule.of(rt.Proportional) if p.weight is not None]
    if any(s.base is not None for s in rule.of(rt.Step)):
        stated.append(weight)  # the base is rescaled to the weight
    return max(stated) if stated else None


def _dispatch(kind: str, ctx: _Ctx) -> dict:
    rule = ctx.rule
    if kind == "none":
        raise _NoForm("评分标准里没有可计算的计分规定")
    if rule.of(rt.ChecklistItem):
        raise _NoForm("逐项加总的清单：每项是否做到由评价人判断，没有数值形式")
    if kind == "interpolate":
        return _interpolate(ctx)
    if rule.of(rt.Step):
        return _steps(ctx)
    if rule.of(rt.Proportional):
        return _proportional(ctx)
    awards = rule.of(rt.Award)
    if any(isinstance(a.condition, (rt.Compare, rt.Between)) for a in awards):
        worded = [a for a in awards if isinstance(a.condition, rt.Condition)]
        if worded:
            raise _NoForm("含文字条件（" + "、".join(f"「{a.condition.text}」" for a in worded) + "），没有数值形式")
        return _bands(ctx)
    if awards or rule.of(rt.Deduct):
        raise _NoForm("按文字条件分档，没有数值形式")
    if rule.of(rt.Discretionary):
        raise _NoForm(f"「{rule.of(rt.Discretionary)[0].word}」：由评价人酌情打分，没有数值形式")
    raise _NoForm("评分标准里没有可计算的计分规定")


# -- sets of actuals for a condition


def _op_set(op: str, bound: sp.Rational) -> sp.Set:
    return {
        ">=": sp.Interval(bound, sp.oo), ">": sp.Interval.open(bound, sp.oo),
        "<=": sp.Interval(-sp.oo, bound), "<": sp.Interval.open(-sp.oo, bound), "=": sp.FiniteSet(bound),
    }[op]


def _deviation_set(ctx: _Ctx, op: str, bound: sp.Rational) -> sp.Set:
    """{x : |x − t| ÷ t × 100  op  bound}, the evaluator's deviation rate against the target."""
    t = ctx.target_number()
    if t == 0:
        raise _NoForm("年度指标值为 0，无法计算偏差率")
    deviation = sp.Abs(X - t) / t * 100
    relation = {">=": sp.Ge, ">": sp.Gt, "<=": sp.Le, "<": sp.Lt, "=": sp.Eq}[op](deviation, bound)
    found = sp.solveset(relation, X, sp.S.Reals)
    for end in (t - bound * t / 100, t + bound * t / 100):
        ctx.thresholds.add(end)
    return found


def _resolved_op(ctx: _Ctx, op: str) -> str:
    """达到 X / a bare X: met in the good direction (≥ unless lower is better; a bare X with no
    direction is = X). 未达到 X is read as its complement: the evaluator does not read it yet."""
    if op in ("reach", "stated", "not_reach"):
        good, _ = ctx.good()
        if op == "not_reach":
            return "<" if good != "lower" else ">"
        return "=" if op == "stated" and good is None else (">=" if good != "lower" else "<=")
    return op


def _condition_set(ctx: _Ctx, cond, loose: bool) -> sp.Set:
    """The actuals that satisfy `cond`; `loose` reads an unstated bound as included."""
    if isinstance(cond, rt.Compare):
        bound = ctx.operand(cond.operand)
        op = _resolved_op(ctx, cond.op)
        if cond.absolute:
            return _deviation_set(ctx, op, bound)
        ctx.thresholds.add(bound)
        return _op_set(op, bound)
    if isinstance(cond, rt.Between):
        lo, hi = ctx.operand(cond.low), ctx.operand(cond.high)
        lo_in = cond.low_closed is not False if loose else cond.low_closed is True
        hi_in = cond.high_closed is not False if loose else cond.high_closed is True
        if cond.absolute:
            return sp.Intersection(_deviation_set(ctx, ">=" if lo_in else ">", lo),
                                   _deviation_set(ctx, "<=" if hi_in else "<", hi))
        ctx.thresholds.update((lo, hi))
        return sp.Interval(lo, hi, not lo_in, not hi_in)
    return sp.EmptySet


def _points(ctx: _Ctx, award: rt.Award) -> sp.Rational:
    return ctx.weight if award.points.value is None else Q(award.points.value)


# -- bands


def _atoms(sets: list[sp.Set], extra: list) -> list[tuple[sp.Set, sp.Rational]]:
    """The half-line cut at every finite end of `sets` (and `extra` points): each atom with a
    representative actual. Membership in every set is constant on each atom."""
    cuts = {sp.Integer(0)}
    for s in sets:
        for part in (s.args if isinstance(s, sp.Union) else (s,)):
            if isinstance(part, sp.FiniteSet):
                cuts.update(part)
            elif isinstance(part, sp.Interval):
                cuts.update(e for e in (part.start, part.end) if e.is_finite)
    cuts.update(extra)
    points = sorted((c for c in cuts if c >= 0), key=float)
    atoms = []
    for i, p in enumerate(points):
        atoms.append((sp.FiniteSet(p), p))
        if i + 1 < len(points):
            atoms.append((sp.Interval.open(p, points[i + 1]), (p + points[i + 1]) / 2))
    atoms.append((sp.Interval.open(points[-1], sp.oo), points[-1] + 1))
    return atoms


def _union(parts: list[sp.Set]) -> sp.Set:
    return sp.Union(*parts) if parts else sp.EmptySet


def _bands(ctx: _Ctx) -> dict:
    rule = ctx.rule
    awards = rule.of(rt.Award)
    if any(a.points is None for a in awards):
        raise _NoForm("各档的分值没有印在评分标准里")
    index = {id(s): i for i, s in enumerate(rule.statements)}
    numeric = [a for a in awards if isinstance(a.condition, (rt.Compare, rt.Between))]
    loose = [_condition_set(ctx, a.condition, True) for a in numeric]
    strict = [_condition_set(ctx, a.condition, False) for a in numeric]
    lows = [ctx.operand(a.condition.low) for a in numeric if isinstance(a.condition, rt.Between)]
    otherwise = next((a for a in awards if isinstance(a.condition, rt.Otherwise)), None)
    outcome_sets: dict = {}
    chosen_sets: dict[int, list] = {i: [] for i in range(len(numeric))}
    for atom, r in _atoms(loose + strict, lows):
        hits = [i for i, s in enumerate(loose) if s.contains(r) is sp.true]
        if len(hits) > 1:
            sharp = [i for i in hits if strict[i].contains(r) is sp.true]
            if len(sharp) == 1:
                hits = sharp
            else:
                start = [i for i in hits if isinstance(numeric[i].condition, rt.Between)
                         and ctx.operand(numeric[i].condition.low) == r]
                hits = [start[0] if start else hits[0]]
        if hits:
            key = ("band", hits[0])
            chosen_sets[hits[0]].append(atom)
        elif otherwise is not None:
            key = ("otherwise",)
        elif len(numeric) == 1:
            key = ("range",)
        else:
            key = ("gap",)
        outcome_sets.setdefault(key, []).append(atom)
    pieces = []
    for key, atoms in outcome_sets.items():
        where = _union(atoms)
        if key[0] == "band":
            a = numeric[key[1]]
            pieces.append(Piece(where, "score", predicate_text(a.condition), _points(ctx, a), source=index[id(a)]))
        elif key[0] == "otherwise":
            pieces.append(Piece(where, "score", "否则", _points(ctx, otherwise), source=index[id(otherwise)]))
        elif key[0] == "range":
            a = numeric[0]
            pieces.append(Piece(where, "range", f"未达到「{predicate_text(a.condition)}」", high=_points(ctx, a),
                                reason="评分标准没有规定未达到时得几分", source=index[id(a)]))
        else:
            pieces.append(Piece(where, "gap", "不在任何一档", reason="实际值不在评分标准的任何一档内"))
    bands = [Band(index[id(a)], predicate_text(a.condition), _points(ctx, a),
                  sp.Intersection(loose[i], HALF_LINE), sp.Intersection(strict[i], HALF_LINE), _union(chosen_sets[i]))
             for i, a in enumerate(numeric)]
    if otherwise is not None:
        where = _union(outcome_sets.get(("otherwise",), []))
        bands.append(Band(index[id(otherwise)], "否则", _points(ctx, otherwise), HALF_LINE, HALF_LINE, where))
    return {"pieces": pieces, "bands": bands}


# -- steps


def _steps(ctx: _Ctx) -> dict:
    rule = ctx.rule
    index = {id(s): i for i, s in enumerate(rule.statements)}
    steps = rule.of(rt.Step)
    awards = [a for a in rule.of(rt.Award) if a.points is not None]
    threshold_award = next((a for a in awards if isinstance(a.condition, rt.Compare)), None)
    worded_award = next((a for a in awards if isinstance(a.condition, rt.Condition)), None)
    full = ctx.weight
    first = threshold_award or worded_award
    if first is not None:
        full = _points(ctx, first)
    base_scale = next((Q(s.base) for s in steps if s.base is not None), None)
    if base_scale is not None:
        full = base_scale
    step = steps[0]
    ignored = [_ignored(ctx, index[id(s)], s, "只按第一条“每…扣（加）…分”计分，这一条不起作用") for s in steps[1:]]
    # numeric bands beside the steps (…；低于60%不得分) decide where they hold, after full marks
    bands = [a for a in awards if a is not first and isinstance(a.condition, (rt.Compare, rt.Between))]
    ignored += [_ignored(ctx, index[id(a)], a, "按步计分时，这一档不起作用") for a in rule.of(rt.Award)
                if a is not first and a not in bands]
    ignored += [_ignored(ctx, index[id(d)], d, "按步计分时，这一条不起作用") for d in rule.of(rt.Deduct)
                if d.points is not None]
    threshold = step.threshold or (threshold_award.condition if threshold_award else None)
    standard = next(iter(rule.of(rt.Standard)), None)
    size = Q(step.size.value)
    if step.alt_size is not None and step.alt_size.unit and ctx.actual_unit == step.alt_size.unit:
        size = Q(step.alt_size.value)
    caps = rule.of(rt.DeductionCap)
    cap = min(Q(c.points) for c in caps) if caps else None
    points = Q(step.points)
    sign = -1 if step.effect == "deduct" else 1
    label = to_text(rt.Rule((step,)))

    def amount(n: sp.Expr) -> sp.Expr:
        total = points * n
        return sp.Min(total, cap) if cap is not None else total

    def rescale(score: sp.Expr) -> sp.Expr:
        if base_scale is None or base_scale == ctx.weight:
            return score
        return score * ctx.weight / base_scale

    if step.direction == "occurrence" or (step.direction in ("increase", "decrease") and threshold is None
                                          and standard is None and step.reference is None and _is_count(step)):
        # counted events: whole counts only, whatever the reading of a partial step; no rescale.
        # 每少一项 / 未完成工作每增加一项 count what the actual falls short of a numeric target.
        missing = step.direction == "decrease" or any(
            w in (step.subject or "") + (step.what or "") for w in ("未完成", "未", "没有完成", "缺"))
        if missing and isinstance(ctx.target, vals.Quantity):
            t = Q(ctx.target.number)
            u = _ratio(sp.Add(t, -X), size)
            short = Piece(sp.Interval.open(-sp.oo, t), "score", label, full + sign * amount(sp.floor(u)),
                          source=index[id(step)])
            met = Piece(sp.Interval(t, sp.oo), "score", "没有少", full, source=index[id(step)])
            ctx.thresholds.add(t)
            return {"pieces": [met, short], "grid": (t, size, "below"), "ignored": ignored}
        u = _ratio(X, size)
        piece = Piece(HALF_LINE, "score", label, full + sign * amount(sp.floor(u)), source=index[id(step)])
        return {"pieces": [piece], "grid": (sp.Integer(0), size, "above"), "ignored": ignored}

    if threshold is not None:
        base = ctx.operand(threshold.operand)
        op = threshold.op
    elif standard is not None:
        base, op = ctx.operand(standard.operand), "reach"
    elif step.reference is not None:
        base, op = ctx.operand(step.reference), "reach"
    else:
        base, op = ctx.target_number(), "reach"
    ctx.thresholds.add(base)
    is_class = threshold is not None and isinstance(threshold.operand, rt.ClassLevel)
    if step.direction == "decrease":
        penalised = "higher" if is_class else "lower"
    elif step.direction == "increase":
        penalised = "higher"
    else:
        penalised = "both"
    if op in (">=", ">", "<=", "<", "="):
        met = _op_set(op, base)
    elif op in ("reach", "stated"):
        met = {"higher": _op_set("<=", base), "lower": _op_set(">=", base), "both": _op_set("=", base)}[penalised]
    else:
        met = sp.EmptySet
    if threshold is not None and op in (">", "<") and step.threshold is not None:
        met = sp.EmptySet  # "三公经费">0，每超过…: the steps start at the threshold itself
    full_score = rescale(full)
    banded = sp.EmptySet
    band_pieces = []
    for band in bands:
        where = sp.Complement(_condition_set(ctx, band.condition, True), sp.Union(met, banded))
        band_pieces.append(Piece(where, "score", to_text(rt.Rule((band,))), _points(ctx, band),
                                 source=index[id(band)]))
        banded = sp.Union(banded, where)
    sides = []  # (set where the gap is positive, gap expression)
    if penalised in ("lower", "both"):
        sides.append((sp.Interval.open(-sp.oo, base), sp.Add(base, -X), "below"))
    if penalised in ("higher", "both"):
        sides.append((sp.Interval.open(base, sp.oo), sp.Add(X, -base), "above"))
    pieces = []
    stepped = sp.EmptySet
    for where, gap, side in sides:
        where = sp.Complement(where, sp.Union(met, banded))
        stepped = sp.Union(stepped, where)
        u = _ratio(gap, size)
        n = {"floor": sp.floor(u), "ceiling": sp.ceiling(u), "proportional": u}[ctx.partial]
        pieces.append(Piece(where, "score", label, rescale(full + sign * amount(n)), source=index[id(step)]))
    rest = sp.Complement(sp.S.Reals, sp.Union(stepped, banded))
    label_full = f"达到「{predicate_text(threshold)}」" if threshold is not None else "满分"
    pieces = band_pieces + pieces
    pieces.insert(0, Piece(rest, "score", label_full, full_score,
                           source=index[id(first)] if first is not None else None))
    side = sides[0][2] if len(sides) == 1 else "both"
    return {"pieces": pieces, "grid": (base, size, side), "ignored": ignored}


def _ignored(ctx: _Ctx, index: int, node, why: str) -> Ignored:
    label = to_text(rt.Rule((node,)))
    where = points = None
    if isinstance(node, rt.Award) and node.points is not None and isinstance(node.condition, (rt.Compare, rt.Between)):
        points = _points(ctx, node)
        try:
            where = sp.Intersection(_condition_set(ctx, node.condition, True), HALF_LINE)
        except _NoForm:
            where = None
    return Ignored(index, label, why, where, points)


def _ratio(gap: sp.Expr, size: sp.Rational) -> sp.Expr:
    """gap ÷ size, kept as written ((35 − x)/1) so the formula reads like the rule."""
    return sp.Mul(gap, sp.Pow(size, -1, evaluate=False), evaluate=False)


_COUNT_UNITS = ("项", "个", "例", "次", "处", "件", "人", "家", "户", "起", "宗", "笔", "批")


def _is_count(step: rt.Step) -> bool:
    return (step.size.unit or "") in _COUNT_UNITS


# -- proportional and interpolation


def _proportional(ctx: _Ctx) -> dict:
    rule = ctx.rule
    index = {id(s): i for i, s in enumerate(rule.statements)}
    prop = rule.of(rt.Proportional)[0]
    if isinstance(prop.scope, rt.Condition) and prop.effect == "score" and not rule.of(rt.Award):
        raise _NoForm(f"按比例计分的范围「{prop.scope.text}」指向评分标准以外的内容，没有数值形式")
    ignored = [_ignored(ctx, index[id(a)], a, "按比例计分时，这一档不起作用") for a in rule.of(rt.Award)]
    ignored += [_ignored(ctx, index[id(p)], p, "只按第一条比例公式计分，这一条不起作用")
                for p in rule.of(rt.Proportional)[1:]]
    if prop.weight is not None:  # 得分(20分*执行率)
        expr = sp.Mul(Q(prop.weight), X, sp.Pow(100, -1, evaluate=False), evaluate=False)
        return {"pieces": [Piece(HALF_LINE, "score", predicate_or(prop), expr, source=index[id(prop)])],
                "ignored": ignored}
    t = ctx.target_number()
    ctx.thresholds.add(t)
    applies = next(iter(rule.of(rt.Applies)), None)
    reverse = prop.reverse
    notes = []
    if applies is None and not reverse and vals.good_direction(ctx.target) == "lower":
        reverse = True
        notes.append("年度指标值是“≤”（反向）指标，按 年度指标值 ÷ 实际值 计算")
    met = sp.Interval(-sp.oo, t) if reverse else sp.Interval(t, sp.oo)
    rest = sp.Complement(sp.S.Reals, met)
    zero = sp.FiniteSet(0) if reverse else (sp.S.Reals if t == 0 else sp.EmptySet)
    if reverse:
        share = sp.Mul(ctx.weight, t, sp.Pow(X, -1), evaluate=False)
    else:
        share = sp.Mul(ctx.weight, X, sp.Pow(t, -1, evaluate=False), evaluate=False) if t != 0 else sp.Integer(0)
    pieces = [Piece(met, "score", "达到年度指标值", ctx.weight, source=index[id(prop)]),
              Piece(sp.Complement(rest, zero), "score", predicate_or(prop), share, source=index[id(prop)])]
    if not sp.Intersection(rest, zero).is_empty:
        pieces.append(Piece(sp.Intersection(rest, zero), "gap", "分母为 0", reason="比例的分母为 0，无法计算"))
    return {"pieces": pieces, "ignored": ignored, "notes": notes}


def predicate_or(prop: rt.Proportional) -> str:
    return to_text(rt.Rule((prop,)))


def _interpolate(ctx: _Ctx) -> dict:
    rule = ctx.rule
    index = {id(s): i for i, s in enumerate(rule.statements)}
    prop = next(p for p in rule.of(rt.Proportional) if isinstance(p.scope, rt.Between))
    lo, hi = ctx.operand(prop.scope.low), ctx.operand(prop.scope.high)
    ctx.thresholds.update((lo, hi))
    awards = [a for a in rule.of(rt.Award) if a.points is not None and isinstance(a.condition, (rt.Compare, rt.Between))]
    inside = sp.Interval.open(lo, hi)
    taken = sp.EmptySet
    pieces, bands = [], []
    for a in awards:
        loose = _condition_set(ctx, a.condition, True)
        where = sp.Complement(sp.Complement(loose, inside), taken)
        taken = sp.Union(taken, sp.Complement(loose, inside))
        pieces.append(Piece(where, "score", predicate_text(a.condition), _points(ctx, a), source=index[id(a)]))
        bands.append(Band(index[id(a)], predicate_text(a.condition), _points(ctx, a),
                          sp.Intersection(loose, HALF_LINE), sp.Intersection(_condition_set(ctx, a.condition, False),
                                                                            HALF_LINE),
                          sp.Intersection(where, HALF_LINE)))
    between = sp.Complement(sp.Interval(lo, hi), taken)
    below = [a for a in awards if _condition_set(ctx, a.condition, True).contains(lo - 1) is sp.true]
    above = [a for a in awards if _condition_set(ctx, a.condition, True).contains(hi + 1) is sp.true]
    if not between.is_empty:
        if below and above and hi != lo:
            p_lo, p_hi = _points(ctx, below[0]), _points(ctx, above[0])
            if p_hi == p_lo:
                pieces.append(Piece(between, "score", predicate_or(prop), p_lo, source=index[id(prop)]))
                return {"pieces": pieces + _outside(taken, lo, hi), "bands": bands}
            slope = sp.Mul(p_hi - p_lo, sp.Add(X, -lo), sp.Pow(hi - lo, -1, evaluate=False), evaluate=False)
            expr = slope if p_lo == 0 else sp.Add(p_lo, slope, evaluate=False)
            pieces.append(Piece(between, "score", predicate_or(prop), expr, source=index[id(prop)]))
        else:
            pieces.append(Piece(between, "gap", "区间两端得分未写明", reason="按比例的区间两端得分没有写明"))
    return {"pieces": pieces + _outside(taken, lo, hi), "bands": bands}


def _outside(taken: sp.Set, lo, hi) -> list[Piece]:
    outside = sp.Complement(sp.S.Reals, sp.Union(taken, sp.Interval(lo, hi)))
    if outside.is_empty:
        return []
    return [Piece(outside, "gap", "不在任何一档", reason="实际值不在任何一档内")]


# ---------------------------------------------------------------- the interval calculus


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "=="}
_REL = {"<": sp.Lt, "<=": sp.Le, ">": sp.Gt, ">=": sp.Ge, "==": sp.Eq}


def _holds(a, op: str, b) -> bool:
    return bool(_REL[op](a, b))


def solve(expr: sp.Expr, op: str, c, where: sp.Set) -> sp.Set:
    """{x ∈ where : expr(x) op c}, exactly. `expr` is a piece of a form: affine maps, ÷ x,
    floor/ceiling of an affine argument, Min and Max. Raises NotImplementedError beyond that."""
    c = c if isinstance(c, sp.Basic) else sp.Integer(c)
    if where.is_empty:
        return sp.EmptySet
    if X not in expr.free_symbols:
        return where if _holds(expr, op, c) else sp.EmptySet
    if isinstance(expr, sp.Add):
        const, rest = expr.as_independent(X, as_Add=True)
        if const != 0:
            return solve(rest, op, c - const, where)
        parts = [a for a in expr.args if X in a.free_symbols]
        if len(parts) == 1:
            return solve(parts[0], op, c, where)
    if isinstance(expr, sp.Mul):
        coeff, rest = expr.as_independent(X, as_Add=False)
        if coeff == 0:
            return where if _holds(0, op, c) else sp.EmptySet
        if coeff != 1 and coeff.is_number:
            if coeff > 0:
                return solve(rest, op, c / coeff, where)
            return solve(rest, _FLIP[op], c / coeff, where)
    if isinstance(expr, sp.floor):
        u = expr.args[0]
        if op == "<":
            return solve(u, "<", sp.ceiling(c), where)
        if op == "<=":
            return solve(u, "<", sp.floor(c) + 1, where)
        if op == ">":
            return solve(u, ">=", sp.floor(c) + 1, where)
        if op == ">=":
            return solve(u, ">=", sp.ceiling(c), where)
        return sp.Intersection(solve(u, ">=", c, where), solve(u, "<", c + 1, where)) if c.is_integer else sp.EmptySet
    if isinstance(expr, sp.ceiling):
        u = expr.args[0]
        if op == "<":
            return solve(u, "<=", sp.ceiling(c) - 1, where)
        if op == "<=":
            return solve(u, "<=", sp.floor(c), where)
        if op == ">":
            return solve(u, ">", sp.floor(c), where)
        if op == ">=":
            return solve(u, ">", sp.ceiling(c) - 1, where)
        return sp.Intersection(solve(u, ">", c - 1, where), solve(u, "<=", c, where)) if c.is_integer else sp.EmptySet
    if isinstance(expr, (sp.Min, sp.Max)):
        a, b = expr.args[0], expr.func(*expr.args[1:])
        small = isinstance(expr, sp.Min)
        if op == "==":
            other = ">=" if small else "<="
            return sp.Union(sp.Intersection(solve(a, "==", c, where), solve(b, other, c, where)),
                            sp.Intersection(solve(b, "==", c, where), solve(a, other, c, where)))
        below = op in ("<", "<=")
        join = sp.Union if below == small else sp.Intersection
        return join(solve(a, op, c, where), solve(b, op, c, where))
    if expr.has(sp.floor, sp.ceiling, sp.Min, sp.Max, sp.Abs):
        raise NotImplementedError(f"cannot solve {expr} {op} {c}")
    return sp.solveset(_REL[op](expr, c), X, where)


def monotonicity(expr: sp.Expr, where: sp.Set) -> int | None:
    """+1 (never decreases), −1 (never increases) or 0 (constant) on the interval `where`,
    proved by composition; None when no proof is found."""
    if X not in expr.free_symbols:
        return 0
    if expr == X:
        return 1
    if isinstance(expr, sp.Add):
        return _combine([monotonicity(a, where) for a in expr.args])
    if isinstance(expr, sp.Mul):
        coeff, rest = expr.as_independent(X, as_Add=False)
        factors = [f for f in sp.Mul.make_args(rest) if X in f.free_symbols]
        if len(factors) != 1 or not coeff.is_number:
            return None
        inner = _factor_monotonicity(factors[0], where)
        if inner is None:
            return None
        return 0 if coeff == 0 else inner * (1 if coeff > 0 else -1)
    if isinstance(expr, (sp.floor, sp.ceiling, sp.Min, sp.Max)):
        return _combine([monotonicity(a, where) for a in expr.args])
    if isinstance(expr, sp.Pow):
        return _factor_monotonicity(expr, where)
    return None


def _factor_monotonicity(f: sp.Expr, where: sp.Set) -> int | None:
    if isinstance(f, sp.Pow) and f.exp == -1:
        base = f.base
        if not sp.solveset(sp.Eq(base, 0), X, where).is_empty:
            return None
        inner = monotonicity(base, where)
        return None if inner is None else -inner
    if isinstance(f, sp.Pow) and f.exp.is_number:
        return None
    return monotonicity(f, where)


def _combine(signs: list[int | None]) -> int | None:
    if any(s is None for s in signs):
        return None
    nonzero = {s for s in signs if s != 0}
    if not nonzero:
        return 0
    return nonzero.pop() if len(nonzero) == 1 else None


def limit_at(expr: sp.Expr, point, side: str) -> sp.Expr:
    """The one-sided limit of `expr` at `point` (side "+" from above, "-" from below; ±oo).

    Floor and ceiling are taken apart by hand (sympy's `limit` does not handle them under
    Min/Max): at an integer value of the argument the limit is that integer or its
    neighbour, depending on which side the argument arrives from."""
    if X not in expr.free_symbols:
        return expr.doit()
    if not expr.has(sp.floor, sp.ceiling, sp.Min, sp.Max):
        if point in (sp.oo, -sp.oo):
            return sp.limit(expr, X, point)
        return sp.limit(expr, X, point, side)
    if isinstance(expr, (sp.Add, sp.Mul, sp.Min, sp.Max)):
        parts = [limit_at(a, point, side) for a in expr.args]
        return expr.func(*parts)
    if isinstance(expr, (sp.floor, sp.ceiling)):
        u = expr.args[0]
        lu = limit_at(u, point, side)
        if not lu.is_finite:
            return lu
        if not lu.is_integer:
            return expr.func(lu)
        d = monotonicity(u, sp.S.Reals)
        if d is None:
            raise NotImplementedError(f"cannot take the limit of {expr}")
        if d == 0:
            return expr.func(lu)
        toward_x = 1 if point == sp.oo else -1 if point == -sp.oo else (1 if side == "+" else -1)
        from_above = (d * toward_x) > 0
        if isinstance(expr, sp.floor):
            return lu if from_above else lu - 1
        return lu + 1 if from_above else lu
    raise NotImplementedError(f"cannot take the limit of {expr}")


def components(where: sp.Set) -> list[sp.Set]:
    """The connected pieces of a set of actuals: intervals and single points, left to right."""
    if where.is_empty:
        return []
    parts = where.args if isinstance(where, sp.Union) else (where,)
    out: list[sp.Set] = []
    for part in parts:
        if isinstance(part, sp.FiniteSet):
            out.extend(sp.FiniteSet(p) for p in part)
        elif isinstance(part, sp.Interval):
            out.append(part)
        elif isinstance(part, (sp.Complement, sp.Intersection)):
            out.extend(components(part.simplify() if hasattr(part, "simplify") else part))
        else:
            raise NotImplementedError(f"cannot split {part}")
    return sorted(out, key=_left)


def ends(expr: sp.Expr, comp: sp.Set) -> tuple[sp.Expr, sp.Expr]:
    """The value of `expr` at the left and right end of a component (a limit at an open or
    infinite end)."""
    if isinstance(comp, sp.FiniteSet):
        v = expr.subs(X, next(iter(comp))).doit()
        return v, v
    left = expr.subs(X, comp.start).doit() if not comp.left_open and comp.start.is_finite else limit_at(expr, comp.start, "+")
    right = expr.subs(X, comp.end).doit() if not comp.right_open and comp.end.is_finite else limit_at(expr, comp.end, "-")
    return left, right


def bounds(expr: sp.Expr, where: sp.Set) -> tuple[sp.Expr | None, sp.Expr | None]:
    """(inf, sup) of `expr` over `where` (a union of intervals and points), proved from the
    monotonicity of `expr` on each component; (None, None) when it cannot be proved."""
    lows, highs = [], []
    for comp in components(where):
        d = 0 if isinstance(comp, sp.FiniteSet) else monotonicity(expr, comp)
        if d is None:
            return None, None
        left, right = ends(expr, comp)
        lows.append(sp.Min(left, right))
        highs.append(sp.Max(left, right))
    if not lows:
        return None, None
    return sp.Min(*lows), sp.Max(*highs)


# ---------------------------------------------------------------- printing


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
