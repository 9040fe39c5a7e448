"""What a rule's piecewise form proves about it: range, full marks, direction, zero point,
coverage of its bands and where it jumps, each failure a `Finding` with a witness.

`analyse(form)` works on `engine.symbolic.Form`, never by sampling. Each score piece is split
into connected components (intervals and single actuals); on each one the piece is proved
monotone by composition (`symbolic.monotonicity`), so its infimum and supremum are its values
or one-sided limits at the two ends (`symbolic.ends`), and every set of actuals the findings
name comes from `symbolic.solve` (floor steps turned into bounds on their argument, the rest
`sympy.solveset`). The witness of a finding is an exact, terminating actual inside that set,
chosen near the place a reviewer would look (next to full marks, the middle of a gap).

The analyses read the rule *as written*: the floor (扣完为止) and cap (满分为止) it states, not
the evaluator's clamp to [0, weight], so "unbounded" means the rule itself does not say where
the score stops. Nothing here parses rule text or reads files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import sympy as sp
from sympy.calculus.util import function_range

from engine.language import tree as rt
from engine import values as vals
from engine.scoring import infer_direction
from engine.findings import Finding
from engine.lint.calculus import X, _Exact, components, ends, limit_at, monotonicity, solve, to_decimal, to_fraction
from engine.lint.form import Form
from engine.lint.printing import set_text, to_plain

GoodDirection = str  # "higher" | "lower" | "closer"

_JUMP_LIMIT = 200  # floor steps listed one by one up to this many, counted beyond


@dataclass(frozen=True)
class Jump:
    """A point where the score changes abruptly: value just left of it, at it, just right of it."""

    at: sp.Rational
    left: sp.Expr
    value: sp.Expr
    right: sp.Expr
    stated: str | None  # "界点" (a number the rule states), "步长" (a whole-step boundary), None


@dataclass(frozen=True)
class Analysis:
    form: Form
    good: GoodDirection | None = None
    good_why: str = ""
    centre: sp.Rational | None = None  # "closer": the value the rule wants to be near
    low: sp.Expr | None = None  # inf of the rule as written over the actuals it scores
    high: sp.Expr | None = None  # sup: the full marks the rule can give
    argmax: sp.Set = sp.EmptySet
    monotone: str | None = None  # "increasing" | "decreasing" | "constant" | "none"
    zero_set: sp.Set = sp.EmptySet
    zero_point: sp.Rational | None = None
    gaps: sp.Set = sp.EmptySet
    jumps: tuple[Jump, ...] = ()
    jump_count: int = 0
    findings: tuple[Finding, ...] = ()
    unproved: tuple[str, ...] = ()  # analyses that found no proof (said, never guessed)

    def to_dict(self) -> dict:
        """The proved facts as data: exact numbers as Decimals where they terminate, else text."""
        if not self.form.numeric:
            return {}
        return {
            "low": _plain_value(self.low), "high": _plain_value(self.high),
            "full_marks_at": set_text(self.argmax) if not self.argmax.is_empty else None,
            "good": self.good, "good_why": self.good_why or None, "centre": _plain_value(self.centre),
            "monotone": self.monotone,
            "zero_point": _plain_value(self.zero_point),
            "zero_set": set_text(self.zero_set) if not self.zero_set.is_empty else None,
            "gaps": set_text(self.gaps) if not self.gaps.is_empty else None,
            "jump_count": self.jump_count,
            "jumps": [{"at": _plain_value(j.at), "left": _plain_value(j.left), "value": _plain_value(j.value),
                       "right": _plain_value(j.right), "stated": j.stated} for j in self.jumps],
            "unproved": list(self.unproved),
        }

    def summary(self) -> list[str]:
        """The proved facts, one Chinese line each."""
        if not self.form.numeric:
            return [f"没有数值形式：{self.form.reason}"]
        lines = []
        if self.low is not None:
            lines.append(f"照规则所写的得分范围：{_interval_text(self.low, self.high)}（分值 {_n(self.form.weight)} 分）")
        if self.high is not None and self.high.is_finite:
            lines.append(f"规则的满分：{_n(self.high)} 分，在 {set_text(self.argmax)} 时取得")
        if self.good:
            word = {"higher": "越高越好", "lower": "越低越好", "closer": f"越接近 {_n(self.centre)} 越好"}[self.good]
            lines.append(f"改善的方向：{word}（{self.good_why}）")
        mono = {"increasing": "随实际值增大不减", "decreasing": "随实际值增大不增", "constant": "不随实际值变化",
                "none": "不单调"}.get(self.monotone or "")
        if mono:
            lines.append(f"单调性：{mono}")
        if self.zero_point is not None:
            lines.append(f"零分点：{_n(self.zero_point)}（{set_text(self.zero_set)} 时得 0 分）")
        elif self.monotone is not None:
            lines.append("零分点：无（没有实际值得 0 分）")
        if self.jump_count:
            lines.append("跳变：" + _jumps_text(self.jumps, self.jump_count))
        elif self.monotone is not None and self.form.domain == sp.Interval(0, sp.oo):
            lines.append("跳变：无" + ("（得分连续变化）" if self.gaps.is_empty else "（各档之间的空档见 L003）"))
        for note in self.unproved:
            lines.append(f"未能证明：{note}")
        return lines


def _n(value) -> str:
    if value is None:
        return "—"
    return to_plain(value if isinstance(value, sp.Basic) else sp.Integer(value))


def _jumps_text(jumps: tuple[Jump, ...], count: int) -> str:
    """Jumps at stated thresholds one by one; whole-step jumps as a run; any other jump flagged."""
    steps = [j for j in jumps if j.stated == "步长"]
    parts = [f"{_n(j.at)}（{_jump_values(j)}，{'写明的界点' if j.stated else '不在写明的界点上'}）"
             for j in jumps if j.stated != "步长"]
    if steps:
        run = "、".join(_n(j.at) for j in steps) if len(steps) <= 4 else \
            f"{_n(steps[0].at)}、{_n(steps[1].at)} … {_n(steps[-1].at)}"
        hidden = count - len(jumps)
        parts.append(f"按整步 {len(steps) + hidden} 处（{run}）")
    return "；".join(parts)


def _jump_values(j: Jump) -> str:
    if j.value != j.left and j.value != j.right and j.value is not sp.nan:
        return f"{_n(j.left)}→{_n(j.value)}→{_n(j.right)}"
    return f"{_n(j.left)}→{_n(j.right)}"


def _interval_text(low, high) -> str:
    return f"[{_n(low)}, {_n(high)}]"


# ---------------------------------------------------------------- the good direction


def good_direction(form: Form, *, indicator: str | None = None, direction: str | None = None,
                   target: vals.Value | None = None) -> tuple[GoodDirection | None, str, sp.Rational | None]:
    """Which way the indicator improves, for judging the rule: the evaluator's own inference
    (`engine.scoring.infer_direction`), except that a rule scoring a deviation (相差, ±) is
    judged by closeness to its target (the third value is that centre)."""
    rule = form.rule
    centre = form.target if form.target is not None else (form.grid[0] if form.grid else None)
    deviation = any(isinstance(s, rt.Step) and s.direction == "deviation" for s in rule.statements) or any(
        isinstance(getattr(s, "condition", None), (rt.Compare, rt.Between)) and s.condition.absolute
        for s in rule.statements)
    if direction not in ("higher", "lower") and deviation and centre is not None:
        return "closer", "规则按与目标值的偏差计分", centre
    good, why = infer_direction(rule, target, to_fraction(form.weight), indicator, direction)
    return good, why, None


# ---------------------------------------------------------------- witnesses


def _terminates(r: sp.Rational) -> bool:
    q = int(sp.Rational(r).q)
    for p in (2, 5):
        while q % p == 0:
            q //= p
    return q == 1


def _scan_steps():
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
        return p if _terminates(p) else None
    a, b = comp.start, comp.end
    if toward == "mid" and a.is_finite and b.is_finite:
        m = (a + b) / 2
        if _terminates(m):
            return m
        toward = "left"
    if toward == "right" and b.is_finite:
        if not comp.right_open and _terminates(b):
            return b
        for s in _scan_steps():
            m = sp.ceiling(b / s) * s - s
            if comp.contains(m) is sp.true:
                return m
        return None
    if a.is_finite:
        if not comp.left_open and _terminates(a):
            return a
        for s in _scan_steps():
            m = sp.floor(a / s) * s + s
            if comp.contains(m) is sp.true:
                return m
        return None
    m = min(b - 1, sp.Integer(0)) if b.is_finite else sp.Integer(0)
    return m if comp.contains(m) is sp.true else None


def nearest_point(where: sp.Set, anchor: sp.Set | None) -> sp.Rational | None:
    """A round actual in `where`, in the component nearest to `anchor`, at its near end."""
    comps = components(where)
    if not comps:
        return None
    anchors = components(anchor) if anchor is not None and not anchor.is_empty else []
    if not anchors:
        return nice_point(comps[0], "left")
    best = None
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
    return nice_point(best[1], best[2])


def middle_point(comp: sp.Set) -> sp.Rational | None:
    return nice_point(comp, "mid")


# ---------------------------------------------------------------- the analysis


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


def _plain_value(v):
    """A detail as JSON can carry it: an exact Decimal for a terminating number, else text."""
    if v is sp.nan:
        return None
    if isinstance(v, sp.Basic):
        return to_decimal(v) if _is_decimal(v) else to_plain(v)
    return v


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
    low = high = None
    argmax = sp.EmptySet
    if proved:
        low = sp.Min(*[sp.Min(p.left, p.right) for p in parts])
        high = sp.Max(*[sp.Max(p.left, p.right) for p in parts])
        if high.is_finite:
            argmax = sp.Union(*[solve(p.expr, "==", high, p.comp) for p in parts])
        _full_marks(form, run, high, argmax, parts)
        _unbounded(form, run, low, high, argmax, parts)
    else:
        run.unproved.append("有一段得分未能证明单调，得分范围与单调性未作结论")
    monotone = _direction(form, run, parts, good, centre, argmax) if proved else None
    zero_set = sp.Union(*[solve(p.raw, "<=", 0, p.comp) for p in parts])
    zero_point = None
    if not zero_set.is_empty:
        facing = argmax if not argmax.is_empty else None
        zero_point = _facing_end(zero_set, facing)
    gaps = _coverage(form, run, argmax)
    jumps, count = _jumps(form, parts, run) if form.domain == sp.Interval(0, sp.oo) else ([], 0)
    return Analysis(form, good, why, centre, low, high, argmax, monotone, zero_set, zero_point, gaps,
                    tuple(jumps), count, tuple(run.findings), tuple(run.unproved))


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


def _facing_end(where: sp.Set, anchor: sp.Set | None) -> sp.Rational:
    """The end of `where` nearest `anchor` (its first point seen from full marks)."""
    comps = components(where)
    if anchor is None or anchor.is_empty:
        c = comps[0]
        return c.sup if c.inf == 0 and c.sup.is_finite else c.inf
    best = None
    for c in comps:
        for a in components(anchor):
            if c.sup <= a.inf:
                cand = (a.inf - c.sup, c.sup)
            else:
                cand = (c.inf - a.sup if c.inf >= a.sup else sp.Integer(0), c.inf)
            if best is None or cand[0] < best[0]:
                best = cand
    return best[1]


# -- full marks and bounds


def _full_marks(form: Form, run: _Run, high, argmax, parts) -> None:
    expected = form.ceiling
    if high.is_finite and high != expected:
        w = nearest_point(argmax, None)
        more = "高于" if high > expected else "低于"
        run.find("rule-weight-mismatch",
                 f"评分标准最多给 {_n(high)} 分（实际值 {_n(w)} 时），{more}分值 {_n(expected)} 分",
                 w, claimed=to_decimal(high) if _is_decimal(high) else None, expected=to_decimal(expected),
                 points=to_decimal(abs(high - expected)) if _is_decimal(high - expected) else Decimal(0))
    elif not high.is_finite and form.stated_full is not None and form.stated_full != expected:
        where = sp.Union(*[solve(p.expr, "==", form.stated_full, p.comp) for p in parts])
        w = nearest_point(where, None) if not where.is_empty else None
        run.find("rule-weight-mismatch",
                 f"评分标准写的满分是 {_n(form.stated_full)} 分，分值却是 {_n(expected)} 分", w,
                 claimed=to_decimal(form.stated_full), expected=to_decimal(expected))


def _is_decimal(v) -> bool:
    return isinstance(v, sp.Basic) and bool(v.is_Rational) and _terminates(v)


def _unbounded(form: Form, run: _Run, low, high, argmax, parts) -> None:
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


def _dec_or_zero(v) -> Decimal:
    return to_decimal(v) if _is_decimal(v) else Decimal(0)


def _value(parts: list[_Part], x) -> sp.Expr:
    for p in parts:
        if p.comp.contains(x) is sp.true:
            return p.expr.subs(X, x).doit()
    return sp.nan


# -- direction


def _direction(form: Form, run: _Run, parts: list[_Part], good, centre, argmax) -> str:
    up = _violation(parts, +1)
    down = _violation(parts, -1)
    if up is None and down is None:
        shape = "constant"
    elif up is None:
        shape = "increasing"
    elif down is None:
        shape = "decreasing"
    else:
        shape = "none"
    if good in ("higher", "lower"):
        sign = 1 if good == "higher" else -1
        pair = _anchor_violation(parts, sign, argmax) or (up if sign == 1 else down)
        if pair is None:
            return shape
        better, worse = pair
        vb, vw = _value(parts, better), _value(parts, worse)
        word = "越高越好" if good == "higher" else "越低越好"
        opposite = (shape == "decreasing" and good == "higher") or (shape == "increasing" and good == "lower")
        kind = "rule-direction" if opposite else "rule-nonmonotone"
        lead = "评分标准惩罚的是改善" if opposite else "指标改善时得分反而下降"
        run.find(kind, f"{lead}：该指标{word}，实际值 {_n(better)} 比 {_n(worse)} 好，"
                       f"却得 {_n(vb)} 分（{_n(worse)} 得 {_n(vw)} 分）", better, better=better, worse=worse)
        return shape
    if good == "closer":
        for sign, side in ((1, sp.Interval(-sp.oo, centre)), (-1, sp.Interval(centre, sp.oo))):
            sub = _restrict(parts, side)
            pair = _violation(sub, sign)
            if pair is not None:
                better, worse = pair
                run.find("rule-nonmonotone",
                         f"指标改善时得分反而下降：越接近 {_n(centre)} 越好，实际值 {_n(better)} 比 {_n(worse)} 更接近，"
                         f"却得 {_n(_value(parts, better))} 分（{_n(worse)} 得 {_n(_value(parts, worse))} 分）",
                         better, better=better, worse=worse)
                break
        return shape
    if shape == "none":
        (drop_hi, drop_lo), (rise_lo, rise_hi) = up, down
        v = lambda x: _n(_value(parts, x))  # noqa: E731
        run.find("rule-nonmonotone",
                 f"得分不单调：实际值 {_n(drop_lo)}→{_n(drop_hi)} 时得分 {v(drop_lo)}→{v(drop_hi)}（下降），"
                 f"{_n(rise_lo)}→{_n(rise_hi)} 时得分 {v(rise_lo)}→{v(rise_hi)}（上升）",
                 drop_hi, better=drop_hi, worse=drop_lo)
    return shape


def _restrict(parts: list[_Part], side: sp.Set) -> list[_Part]:
    out = []
    for p in parts:
        for comp in components(sp.Intersection(p.comp, side)):
            q = _Part(comp, p.expr, p.raw, p.clamped, p.mono, form_thresholds=p.form_thresholds)
            q.left, q.right = ends(p.expr, comp)
            out.append(q)
    return out


def _anchor_violation(parts: list[_Part], sign: int, argmax: sp.Set):
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


def _violation(parts: list[_Part], sign: int):
    """A pair (better, worse) with better = the larger actual when sign is +1 (the smaller when
    −1) and a lower score there; None when the parts never decrease in that sense."""
    for p in parts:
        if p.mono == -sign and p.left != p.right:
            return _split_pair(p, p, sign)
    for p, q in zip(parts, parts[1:]):
        end_p, start_q = p.right, q.left
        if (sign > 0 and end_p > start_q) or (sign < 0 and end_p < start_q):
            return _split_pair(p, q, sign)
    return None


def _split_pair(p: _Part, q: _Part, sign: int):
    """Points x1 in p, x2 in q (x1 ≤ x2) whose scores break the order, found through a level m
    strictly between the two ends."""
    a, b = p.left if p is q else p.right, q.right if p is q else q.left
    if a.is_finite and b.is_finite:
        m = (a + b) / 2
    elif a.is_finite:
        m = a + (-1 if sign > 0 else 1)
    else:
        m = b + (1 if sign > 0 else -1)
    hi_op, lo_op = (">", "<") if sign > 0 else ("<", ">")
    # sign +1: the left point scores more than the right one; sign −1: less
    left_set = solve(p.expr, hi_op, m, p.comp)
    right_set = solve(q.expr, lo_op, m, q.comp)
    if p is q:
        x1 = nice_point(components(left_set)[0], "right") if not left_set.is_empty else None
        rest = sp.Intersection(right_set, sp.Interval.open(x1, sp.oo)) if x1 is not None else sp.EmptySet
        x2 = nearest_point(rest, sp.FiniteSet(x1)) if not rest.is_empty else None
    else:
        x1 = nearest_point(left_set, q.comp)
        x2 = nearest_point(right_set, p.comp)
    if x1 is None or x2 is None:
        return None
    return (x2, x1) if sign > 0 else (x1, x2)


# -- coverage of bands


def _coverage(form: Form, run: _Run, argmax: sp.Set = sp.EmptySet) -> sp.Set:
    gaps = sp.Union(*[sp.Intersection(p.where, form.domain) for p in form.pieces if p.kind == "gap"])
    for comp in components(gaps):
        w = middle_point(comp)
        run.find("rule-gap", f"实际值 {set_text(comp)} 不落在评分标准的任何一档内，无法计分（如实际值 {_n(w)}）", w)
    bands = form.bands
    for i, b in enumerate(bands):
        for c in bands[i + 1:]:
            if b.points == c.points or "否则" in (b.label, c.label):
                continue  # 否则 is by definition what the other bands leave
            both = sp.Intersection(b.strict, c.strict, form.domain)
            if both.is_empty:
                continue
            w = middle_point(components(both)[0])
            used = next((d for d in bands if d.chosen.contains(w) is sp.true), None)
            run.find("rule-overlap",
                     f"实际值 {set_text(both)} 同时落在「{b.label}」（{_n(b.points)} 分）和「{c.label}」"
                     f"（{_n(c.points)} 分）两档（如实际值 {_n(w)}"
                     + (f"，按「{used.label}」计 {_n(used.points)} 分" if used else "") + "）", w)
    for b in bands:
        if sp.Intersection(b.chosen, form.domain).is_empty:
            where = sp.Intersection(b.loose, form.domain)
            w = nearest_point(where, None) if not where.is_empty else None
            used = next((d for d in bands if w is not None and d.chosen.contains(w) is sp.true), None)
            tail = (f"：实际值 {_n(w)} 满足它，却按「{used.label}」计分" if used else
                    f"：实际值 {_n(w)} 满足它，却不用它" if w is not None else "：没有实际值满足它")
            run.find("rule-unreachable", f"「{b.label}」（{_n(b.points)} 分）这一档永远不会用到{tail}", w)
    for ignored in form.ignored:
        _ignored(form, run, ignored, argmax)
    return gaps


def _ignored(form: Form, run: _Run, ignored, argmax: sp.Set) -> None:
    """A statement the evaluator reads past matters only where the score differs from it."""
    if ignored.where is None:
        if ignored.points is None and "档" in ignored.why:
            return  # a worded or pointless band: nothing numeric to contradict
        run.find("rule-unreachable", f"「{ignored.label}」{ignored.why}")
        return
    differs = sp.EmptySet
    for piece in form.pieces:
        if piece.kind != "score":
            continue
        sub = sp.Intersection(piece.where, ignored.where, form.domain)
        if sub.is_empty:
            continue
        score = form.clamped(piece.expr)
        differs = sp.Union(differs, solve(score, "<", ignored.points, sub), solve(score, ">", ignored.points, sub))
    if differs.is_empty:
        return  # it says what the rule gives there anyway
    w = nearest_point(differs, argmax)
    got = form.score_value(_piece_at(form, w).expr, w)
    run.find("rule-unreachable", f"「{ignored.label}」{ignored.why}：实际值 {_n(w)} 满足它（{_n(ignored.points)} 分），"
                                 f"却得 {_n(got)} 分", w)


def _piece_at(form: Form, x):
    return next(p for p in form.pieces if p.where.contains(x) is sp.true)


# -- jumps


def _jumps(form: Form, parts: list[_Part], run: _Run) -> tuple[list[Jump], int]:
    """Where the evaluator's score jumps: inside a floor piece (each whole step until the score
    settles) and where two pieces meet."""
    found: list[Jump] = []
    count = 0
    for p in parts:
        if isinstance(p.comp, sp.FiniteSet):
            continue
        inner, n = _inner_jumps(form, p, run)
        found.extend(inner)
        count += n
    intervals = [p for p in parts if not isinstance(p.comp, sp.FiniteSet)]
    points = {e for p in parts for e in (p.comp.inf, p.comp.sup) if e.is_finite}
    for b in sorted(points, key=float):
        left = next((p for p in intervals if p.comp.sup == b and p.comp.inf < b), None)
        right = next((p for p in intervals if p.comp.inf == b and p.comp.sup > b), None)
        at = next((p for p in parts if p.comp.contains(b) is sp.true), None)
        if left is None or right is None:
            continue  # the edge of a gap or of the domain: the gap finding covers it
        lv, rv = limit_at(left.clamped, b, "-"), limit_at(right.clamped, b, "+")
        value = at.clamped.subs(X, b).doit() if at is not None else sp.nan
        if not (lv == rv == value):
            found.append(Jump(b, lv, value, rv, _stated(form, b)))
            count += 1
    found.sort(key=lambda j: _Exact(j.at))
    return found, count


def _stated(form: Form, b) -> str | None:
    if b in form.thresholds:
        return "界点"
    if form.grid is not None:
        base, size, _ = form.grid
        k = (b - base) / size
        if k.is_integer:
            return "步长"
    return None


def _inner_jumps(form: Form, p: _Part, run: _Run) -> tuple[list[Jump], int]:
    e = p.clamped
    atoms = list(e.atoms(sp.floor, sp.ceiling))
    if not atoms:
        return [], 0
    if len(atoms) > 1:
        run.unproved.append(f"{to_plain(e)} 含多个取整，跳变未分析")
        return [], 0
    atom = atoms[0]
    u = atom.args[0]
    n = sp.Dummy("n", real=True)
    en = e.subs(atom, n)
    if X in en.free_symbols:
        run.unproved.append(f"{to_plain(e)} 的跳变未分析")
        return [], 0
    slope = sp.diff(u, X)
    u_ends = sorted(ends(u, p.comp), key=_Exact)
    lo_u, hi_u = u_ends
    # the integers where the score can still change: outside them it has saturated
    en_x = en.subs(n, X)
    live_lo, live_hi = lo_u, hi_u
    for end, side in ((hi_u, sp.oo), (lo_u, -sp.oo)):
        if end.is_finite:
            continue
        settled = limit_at(en_x, side, "")
        if not settled.is_finite:
            run.unproved.append(f"{to_plain(e)} 的跳变无穷多")
            return [], 0
        moving = sp.Union(solve(en_x, "<", settled, sp.S.Reals), solve(en_x, ">", settled, sp.S.Reals))
        if moving.is_empty:
            return [], 0
        if side == sp.oo:
            live_hi = moving.sup + 1
        else:
            live_lo = moving.inf - 1
    ks = range(int(sp.ceiling(live_lo)), int(sp.floor(live_hi)) + 1)
    jumps, count = [], 0
    for k in ks:
        xs = sp.solveset(sp.Eq(u, k), X, p.comp)
        if xs.is_empty or not isinstance(xs, sp.FiniteSet):
            continue
        xk = next(iter(xs))
        if xk in (p.comp.inf, p.comp.sup):
            continue  # a component's end: judged with its neighbour
        if isinstance(atom, sp.floor):
            left_k, right_k = (k - 1, k) if slope > 0 else (k, k - 1)
        else:
            left_k, right_k = (k, k + 1) if slope > 0 else (k + 1, k)
        left, value, right = (en.subs(n, v).doit() for v in (left_k, k, right_k))
        if left == value == right:
            continue
        count += 1
        if len(jumps) < _JUMP_LIMIT:
            jumps.append(Jump(xk, left, value, right, _stated(form, xk)))
    return jumps, count
