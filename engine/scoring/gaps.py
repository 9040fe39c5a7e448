"""A numeric actual that falls in no band (issue 9): between two printed bands, or short of the
lowest rung of a ladder of thresholds.

- Between two bands (60%以上(3分) / 50%及以下(2分到0分) at 55%): the bands either side are
  the readings. Scores rise with the actual, so the score lies from the most the band below gives
  to the least the band above gives (2..3), a range, with both bands named.
- Short of every rung of a ladder of thresholds (达到5%得1分;达到10%得2分;达到15%以上得3分 at 4%):
  no rung is reached and the rule gives points only for reaching one, so nothing is earned (0),
  said as a judgement call.

A band with a range of points is read at each end by engine.scoring.ranged; `Ctx.printed` is
then the rule as printed, so the band below gives the top of its range. A symbolic actual
(engine.lint) is read the same way: each comparison with x forks its path, and the range between
two bands is a range piece of the numeric form with its own low end.
"""

from __future__ import annotations

from fractions import Fraction
from typing import cast

from engine.language import tree as rt
from engine.language.printer import predicate as pred_text
from engine.scoring.conditions import Edges, edges
from engine.scoring.context import Ctx, points_of
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import Result

__all__ = ["in_a_gap"]

_Band = tuple[rt.Award, Edges]


def in_a_gap(ctx: Ctx, numeric: list[rt.Award], x: Fraction) -> Result | None:
    """The reading of an actual in no band, or None when neither case holds."""
    printed = [(a, e) for a in numeric if (e := edges(ctx, a.condition)) is not None]
    # no band holds x, so a band whose edge is x leaves it out (<60% at 60): x is beyond it
    below = [(a, e) for a, e in printed if e.high is not None and e.high <= x]
    above = [(a, e) for a, e in printed if e.low is not None and e.low >= x]
    if below and above:
        return _between(ctx, _top(below), _bottom(above), x)
    if _ladder(printed, above, "up"):
        return _short_of_ladder(ctx, _bottom(above), x, "低于")
    if _ladder(printed, below, "down"):
        return _short_of_ladder(ctx, _top(below), x, "高于")
    return None


def _top(bands: list[_Band]) -> _Band:
    return max(bands, key=lambda b: cast(Fraction, b[1].high))


def _bottom(bands: list[_Band]) -> _Band:
    return min(bands, key=lambda b: cast(Fraction, b[1].low))


def _ladder(printed: list[_Band], beyond: list[_Band], way: str) -> bool:
    """Are all (two or more) bands thresholds open the same way (达到5% / 达到10%: up), the
    actual beyond every one of them?"""
    ends = [e.high if way == "up" else e.low for _, e in printed]
    return len(printed) >= 2 and len(beyond) == len(printed) and all(end is None for end in ends)


def _ends(ctx: Ctx, award: rt.Award) -> tuple[Fraction, Fraction]:
    """The least and the most a band gives, as printed (2分到0分: 0 and 2)."""
    printed: rt.Statement = award
    if ctx.printed is not None and len(ctx.printed.statements) == len(ctx.rule.statements):
        printed = next((p for p, s in zip(ctx.printed.statements, ctx.rule.statements) if s is award), award)
    points = printed.points if isinstance(printed, rt.Award) else None
    if points is not None and points.is_range and points.value is not None and points.upto is not None:
        ends = F(points.value), F(points.upto)
        return min(ends), max(ends)
    own = points_of(ctx, award)
    return own, own


def _between(ctx: Ctx, lower: _Band, upper: _Band, x: Fraction) -> Result | None:
    low, high = _ends(ctx, lower[0])[1], _ends(ctx, upper[0])[0]
    if low > high:  # the bands do not rise with the actual: no reading between them
        return None
    ctx.decided(upper[0])
    names = [pred_text(cast(rt.Predicate, b[0].condition)) for b in (lower, upper)]
    ctx.alternatives[f"band:{names[0]}"] = low
    ctx.alternatives[f"band:{names[1]}"] = high
    ctx.convention = "gap-between-bands"
    ctx.note("gap", f"实际值 {fmt(x)} 落在「{names[0]}」与「{names[1]}」两档之间的空隙里，评分标准没有写明得几分："
                    f"按下一档最高 {fmt(low)} 分、上一档最低 {fmt(high)} 分，在两者之间")
    return ("score" if low == high else "range"), low, high


def _short_of_ladder(ctx: Ctx, rung: _Band, x: Fraction, side: str) -> Result:
    ctx.decided(rung[0])
    ctx.convention = "short-of-ladder"
    words = pred_text(cast(rt.Predicate, rung[0].condition))
    ctx.note("short-of-ladder", f"实际值 {fmt(x)} {side}最低一档「{words}」的门槛：评分标准只对达到门槛给分，按不得分（0 分）计")
    return "score", F(0), F(0)
