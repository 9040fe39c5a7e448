"""A small score curve for a rule-scored indicator: the score as a function of the actual.

The points come from the evaluator itself (`engine.scoring.evaluate` at a grid of actuals, with
the row's target, weight and the profile's reading of a partial step), never from the symbolic
form (sympy stays off this path). Exact Fractions become SVG coordinates only at the edge,
rounded 四舍五入 to 0.1 with Decimal. Where the rule allows a range the band is shaded; where
it gives no score the curve has a gap. The target, the actual, the claimed and the recomputed
score are marked. `curve_svg(item, partial)` is None when the row has no rule text that parses
or neither its target nor its actual is a number (a worded rule has no axis to draw on).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from engine import values as vals
from engine.language import tree as rt
from engine.language.parser import parse_rule
from engine.review.result import ItemResult
from engine.scoring import PartialStep, evaluate, fmt

W, H, LEFT, TOP, BOTTOM = 260, 120, 30, 8, 22  # the drawing area, in SVG units
STEPS = 48
Scale = Callable[[Fraction], str]


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
    if not item.rule.text or item.weight is None:
        return None
    parsed = parse_rule(item.rule.text)
    target, actual = vals.parse_value(item.target), vals.parse_value(item.actual)
    t, a = _number(target), _number(actual)
    if parsed.rule is None or not parsed.ok or (t is None and a is None):
        return None
    unit = _unit(actual, target)
    lo, hi = _domain(t, a, unit)
    xs = sorted({lo + (hi - lo) * k / STEPS for k in range(STEPS + 1)} | {x for x in (t, a) if x is not None})
    out = [_sample(parsed.rule, target, x, unit, item, partial) for x in xs]
    return out, (lo, hi), unit


def _sample(rule: rt.Rule, target: vals.Value | None, x: Fraction, unit: str, item: ItemResult,
            partial: PartialStep) -> Sample:
    """The score (or range) the rule gives an actual of `x` in `unit`; unknown: no value."""
    assert item.weight is not None
    shown = format(Decimal(x.numerator) / Decimal(x.denominator), "f") if x.denominator != 1 else str(x.numerator)
    o = evaluate(rule, target, vals.parse_value(shown + unit), item.weight, partial=partial, indicator=item.name)
    if o.status == "score" and o.score is not None:
        return Sample(x, o.score, o.score)
    if o.status == "range" and o.low is not None and o.high is not None:
        return Sample(x, o.low, o.high)
    return Sample(x, None, None)


def curve_svg(item: ItemResult, partial: PartialStep = "floor") -> str | None:
    got = samples(item, partial)
    if got is None or item.weight is None or not any(s.low is not None for s in got[0]):
        return None
    points, (lo, hi), unit = got
    weight = Fraction(item.weight) or Fraction(1)

    def X(x: Fraction) -> str:
        return _r(LEFT + (x - lo) / (hi - lo) * (W - LEFT - 8))

    def Y(y: Fraction) -> str:
        return _r(TOP + (1 - min(y, weight) / weight) * (H - TOP - BOTTOM))

    parts = [f'<svg class="curve" viewBox="0 0 {W} {H}" width="{W}" height="{H}"'
             f' role="img" aria-label="得分曲线：{item.name}">',
             f'<line x1="{LEFT}" y1="{Y(Fraction(0))}" x2="{W - 8}" y2="{Y(Fraction(0))}" class="axis"/>',
             f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{Y(Fraction(0))}" class="axis"/>',
             f'<text x="{LEFT - 3}" y="{TOP + 4}" class="tick" text-anchor="end">{fmt(item.weight)}</text>',
             f'<text x="{LEFT - 3}" y="{Y(Fraction(0))}" class="tick" text-anchor="end">0</text>',
             f'<text x="{LEFT}" y="{H - 6}" class="tick">{_coord(lo)}{unit}</text>',
             f'<text x="{W - 8}" y="{H - 6}" class="tick" text-anchor="end">{_coord(hi)}{unit}</text>']
    parts += _bands(points, X, Y) + _lines(points, X, Y) + _marks(item, X, Y, unit)
    return "".join(parts) + "</svg>"


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
