"""A small score curve for a rule-scored indicator: the score as a function of the actual.

The points come from the evaluator itself (`engine.scoring.evaluate` at a grid of actuals, with
the row's target, weight and the profile's reading of a partial step), never from the symbolic
form (sympy stays off this path). Exact Fractions become SVG coordinates only at the edge,
rounded 四舍五入 to 0.1 with Decimal. Where the rule allows a range the band is shaded; where
it gives no score the curve has a gap. The target, the actual, the claimed and the recomputed
score are marked. `curve_svg(item, partial)` is None when the row has no rule text that parses
or neither its target nor its actual is a number (a worded rule has no axis to draw on). A page
draws its rows' curves with one `Curves`, which draws each distinct curve once and evaluates
each distinct point once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from engine import values as vals
from engine.language import tree as rt
from engine.language.parser import parse_rule
from engine.language.result import ParseResult
from engine.review.result import ItemResult
from engine.scoring import PartialStep, evaluate, fmt, memo
from engine.scoring.evaluate import name_reading

W, H, LEFT, TOP, BOTTOM = 260, 120, 30, 8, 22  # the drawing area, in SVG units
STEPS = 48
Scale = Callable[[Fraction], str]
Score = tuple[Fraction | None, Fraction | None]  # the lowest and highest score at an actual; None: none


@dataclass(frozen=True)
class Sample:
    x: Fraction
    low: Fraction | None  # None: no score here
    high: Fraction | None

    @property
    def top(self) -> Fraction:
        return self.high if self.high is not None else Fraction(0)

    @property
    def bottom(self) -> Fraction:
        return self.low if self.low is not None else Fraction(0)


def _coord(v: Fraction) -> str:
    return str(Decimal(v.numerator) / Decimal(v.denominator) if v.denominator != 1 else Decimal(v.numerator))


def _r(v: Fraction) -> str:
    """An SVG coordinate: exact until here, then 0.1 half up."""
    d = Decimal(v.numerator) / Decimal(v.denominator)
    return format(d.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), "f")


def _number(value: vals.Value | None) -> Fraction | None:
    n = vals.as_number(value) if value is not None else None
    return None if n is None else Fraction(n)


def _unit(*values: vals.Value | None) -> str:
    for v in values:
        if isinstance(v, vals.Quantity) and v.unit:
            return v.unit
    return ""


def _domain(t: Fraction | None, a: Fraction | None, unit: str) -> tuple[Fraction, Fraction]:
    top = max(x for x in (t, a, Fraction(1)) if x is not None)
    if unit == "%" and top <= 100:
        return Fraction(0), max(Fraction(100), top * Fraction(11, 10))
    return Fraction(0), top * Fraction(3, 2)


def samples(item: ItemResult, partial: PartialStep) -> tuple[list[Sample], tuple[Fraction, Fraction], str] | None:
    """The row's points, its domain and unit; None when it has no curve (see the module)."""
    return Curves(partial).samples(item)


def curve_svg(item: ItemResult, partial: PartialStep = "floor") -> str | None:
    return Curves(partial).svg(item)


def _scales(lo: Fraction, hi: Fraction, weight: Fraction) -> tuple[Scale, Scale]:
    """SVG x of an actual in [lo, hi], SVG y of a score out of `weight`."""

    def X(x: Fraction) -> str:
        return _r(LEFT + (x - lo) / (hi - lo) * (W - LEFT - 8))

    def Y(y: Fraction) -> str:
        return _r(TOP + (1 - min(y, weight) / weight) * (H - TOP - BOTTOM))

    return X, Y


@dataclass(frozen=True)
class _Drawn:
    """A curve, drawn once for every row that has it: all of its SVG but the name and the marks."""

    body: str
    lo: Fraction
    hi: Fraction
    unit: str
    weight: Fraction


_NOT_YET = object()
KEPT_CURVES, KEPT_POINTS = 5_000, 200_000
"""At most this many drawn curves (~1.2 kB each) and evaluated points are kept for a page; a
cache that is full is emptied and filled again, so that a report of 100k rows that all differ
costs ~20 MB more, not the whole of what it drew."""


class Curves:
    """The curves of one report's rows (one per report: `partial` is its profile's). A curve is a
    function of the row's rule text, target, actual, weight and what `evaluate` reads of its
    name (`name_reading`), so each distinct one is drawn once, and each of its points is
    `evaluate` at an actual, which does not depend on the row's own actual: each distinct point
    (rule text, target, actual sampled, weight, reading) is evaluated once. Rows that repeat
    across tables share their curve; rows that differ only in their actual share the points of
    their common domain. With `memo.KEEP` off everything is computed every time."""

    def __init__(self, partial: PartialStep) -> None:
        self.partial = partial
        self._rules: dict[str, ParseResult] = {}
        self._drawn: dict[tuple[object, ...], _Drawn | None] = {}
        self._points: dict[tuple[object, ...], dict[str, Score]] = {}  # by rule text, target, weight, reading
        self._kept: dict[object, Any] = {}  # one object for equal scores and sampled actuals: they repeat
        self._kept_points = 0

    def svg(self, item: ItemResult) -> str | None:
        rule = self._rule(item)
        if rule is None or item.weight is None:
            return None
        key = (item.rule.text, item.target, item.actual, str(item.weight), name_reading(rule, item.name))
        drawn = self._drawn.get(key, _NOT_YET) if memo.KEEP else _NOT_YET
        if drawn is _NOT_YET:
            if len(self._drawn) >= KEPT_CURVES:
                self._drawn.clear()
            drawn = self._drawn[key] = self._draw(item)
        if drawn is None:
            return None
        assert isinstance(drawn, _Drawn)
        X, Y = _scales(drawn.lo, drawn.hi, drawn.weight)
        return (f'<svg class="curve" viewBox="0 0 {W} {H}" width="{W}" height="{H}"'
                f' role="img" aria-label="得分曲线：{item.name}">' + drawn.body
                + "".join(_marks(item, X, Y, drawn.unit)) + "</svg>")

    def samples(self, item: ItemResult) -> tuple[list[Sample], tuple[Fraction, Fraction], str] | None:
        rule = self._rule(item)
        if rule is None or item.weight is None:
            return None
        target, actual = vals.parse_value(item.target), vals.parse_value(item.actual)
        t, a = _number(target), _number(actual)
        if t is None and a is None:
            return None
        unit = _unit(actual, target)
        lo, hi = _domain(t, a, unit)
        xs = sorted({lo + (hi - lo) * k / STEPS for k in range(STEPS + 1)} | {x for x in (t, a) if x is not None})
        if self._kept_points >= KEPT_POINTS:
            self._points.clear()
            self._kept.clear()
            self._kept_points = 0
        group = (item.rule.text, item.target, str(item.weight), name_reading(rule, item.name))
        known = self._points.setdefault(group, {}) if memo.KEEP else {}
        return [self._sample(rule, item, target, x, unit, known) for x in xs], (lo, hi), unit

    def _rule(self, item: ItemResult) -> rt.Rule | None:
        """The row's own rule, parsed once per text; None when it has none that can be evaluated."""
        text = item.rule.text
        if not text:
            return None
        parsed = self._rules.get(text) if memo.KEEP else None
        if parsed is None:
            parsed = self._rules[text] = parse_rule(text)
        return parsed.rule if parsed.rule is not None and parsed.ok else None

    def _draw(self, item: ItemResult) -> _Drawn | None:
        got = self.samples(item)
        if got is None or item.weight is None or not any(s.low is not None for s in got[0]):
            return None
        points, (lo, hi), unit = got
        weight = Fraction(item.weight) or Fraction(1)
        X, Y = _scales(lo, hi, weight)
        parts = [f'<line x1="{LEFT}" y1="{Y(Fraction(0))}" x2="{W - 8}" y2="{Y(Fraction(0))}" class="axis"/>',
                 f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{Y(Fraction(0))}" class="axis"/>',
                 f'<text x="{LEFT - 3}" y="{TOP + 4}" class="tick" text-anchor="end">{fmt(item.weight)}</text>',
                 f'<text x="{LEFT - 3}" y="{Y(Fraction(0))}" class="tick" text-anchor="end">0</text>',
                 f'<text x="{LEFT}" y="{H - 6}" class="tick">{_coord(lo)}{unit}</text>',
                 f'<text x="{W - 8}" y="{H - 6}" class="tick" text-anchor="end">{_coord(hi)}{unit}</text>']
        return _Drawn("".join(parts + _bands(points, X, Y) + _lines(points, X, Y)), lo, hi, unit, weight)

    def _sample(self, rule: rt.Rule, item: ItemResult, target: vals.Value | None, x: Fraction, unit: str,
                known: dict[str, Score]) -> Sample:
        """The score (or range) the rule gives an actual of `x` in `unit`; unknown: no value.
        `known`: what the row's rule, target, weight and reading gave each actual so far."""
        assert item.weight is not None
        shown = format(Decimal(x.numerator) / Decimal(x.denominator), "f") if x.denominator != 1 else str(x.numerator)
        got = known.get(shown + unit)
        if got is None:
            o = evaluate(rule, target, vals.parse_value(shown + unit), item.weight, partial=self.partial,
                         indicator=item.name)
            if o.status == "score" and o.score is not None:
                got = (o.score, o.score)
            elif o.status == "range" and o.low is not None and o.high is not None:
                got = (o.low, o.high)
            else:
                got = (None, None)
            if memo.KEEP:
                key = self._kept.setdefault(shown + unit, shown + unit)
                known[key] = got = self._kept.setdefault(got, got)
                self._kept_points += 1
        return Sample(x, *got)


def _runs(points: list[Sample]) -> list[list[Sample]]:
    runs: list[list[Sample]] = [[]]
    for s in points:
        if s.low is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(s)
    return [r for r in runs if r]


def _lines(points: list[Sample], X: Scale, Y: Scale) -> list[str]:
    out = []
    for run in _runs(points):
        pts = " ".join(f"{X(s.x)},{Y(s.top)}" for s in run)
        out.append(f'<polyline class="score" points="{pts}"/>')
    return out


def _bands(points: list[Sample], X: Scale, Y: Scale) -> list[str]:
    out = []
    for run in _runs(points):
        if any(s.low != s.high for s in run):
            top = [f"{X(s.x)},{Y(s.top)}" for s in run]
            bottom = [f"{X(s.x)},{Y(s.bottom)}" for s in reversed(run)]
            out.append(f'<polygon class="band" points="{" ".join(top + bottom)}"/>')
    return out


def _marks(item: ItemResult, X: Scale, Y: Scale, unit: str) -> list[str]:
    out = []
    t, a = _number(vals.parse_value(item.target)), _number(vals.parse_value(item.actual))
    if t is not None:
        out.append(f'<line class="target" x1="{X(t)}" y1="{TOP}" x2="{X(t)}" y2="{Y(Fraction(0))}">'
                   f'<title>年度指标值 {item.target}</title></line>')
    if a is not None:
        out.append(f'<line class="actual" x1="{X(a)}" y1="{TOP}" x2="{X(a)}" y2="{Y(Fraction(0))}">'
                   f'<title>实际完成值 {item.actual}</title></line>')
        if item.claimed is not None:
            out.append(f'<circle class="claimed" cx="{X(a)}" cy="{Y(Fraction(item.claimed))}" r="3.5">'
                       f'<title>自评 {fmt(item.claimed)} 分</title></circle>')
        if item.recomputed is not None:
            out.append(f'<circle class="recomputed" cx="{X(a)}" cy="{Y(Fraction(item.recomputed))}" r="2.5">'
                       f'<title>重算 {fmt(item.recomputed)} 分</title></circle>')
    return out
