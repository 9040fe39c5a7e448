"""Which way an indicator improves, and how we know: the one inference the evaluator, the
symbolic form and the lint all use."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Literal, Optional, cast

from engine import lexicon
from engine import values as vals
from engine.language import tree as rt
from engine.language.printer import predicate as pred_text
from engine.scoring.memo import per_rule
from engine.scoring.numbers import F
from engine.values.names import direction_by_name


_CONCENTRATION_UNITS = lexicon.words("units.concentration")


# Indicator-name words by direction: engine/lexicon/directions.toml (read by engine.values.names).
_LOWER_IS_BETTER = lexicon.words("directions.lower_is_better")


Direction = Literal["higher", "lower"]
Evidence = Optional[tuple[Direction, str]]


def infer_direction(rule: rt.Rule, target: vals.Value | None, weight: Fraction | Decimal,
                    indicator: str | None = None, direction: str | None = None) -> tuple[Direction | None, str]:
    """Which way the indicator improves, and how we know (in Chinese), from the strongest
    evidence down: a declared direction, the target's comparator, a water class, where the
    rule itself gives its most (or least) points, the order of its bands, the indicator's name
    (engine/lexicon/directions.toml: 控制率 lower, 优良天数 higher, 天数 alone nothing), and only
    then the guesses: the rule's subject words, a concentration unit. The rule's own step direction is what the
    lint judges, so it is never evidence. One inference for the evaluator, the symbolic form
    and the lint."""
    for found in _evidence(rule, target, F(weight), indicator, direction):
        if found is not None:
            return found
    return None, ""


def _evidence(rule: rt.Rule, target: vals.Value | None, weight: Fraction, indicator: str | None,
              direction: str | None) -> Iterator[Evidence]:
    """Each piece of evidence in turn, strongest first, computed only when asked for."""
    if direction in ("higher", "lower"):
        yield cast(Direction, direction), "声明的方向"
    d = vals.good_direction(target)
    if d and target is not None:
        yield d, f"年度指标值「{target.text}」的比较符"
    if isinstance(target, vals.OrdinalClass):
        yield "lower", "水质类别越小越好"
    yield from _by_rule(rule, weight)
    yield _words(indicator or "", "指标名称含「{word}」")
    yield from _by_rule_words(rule)


@per_rule
def _by_rule(rule: rt.Rule, weight: Fraction) -> tuple[Evidence, Evidence]:
    """The evidence of the rule's points: where it gives the most, the order of its bands."""
    return _award_points(rule, weight), _band_order(rule, weight)


@per_rule
def _by_rule_words(rule: rt.Rule) -> tuple[Evidence, ...]:
    """The guesses from the rule's words: its subjects, a concentration unit."""
    subjects = [getattr(s.condition, "subject", None) for s in rule.of(rt.Award)]
    subjects += [s.subject for s in rule.of(rt.Step)] + [c.text for c in rule.of(rt.Context)]
    return (*(_words(subject, f"评分标准说的是「{subject}」") for subject in filter(None, subjects)),
            _concentration(rule))


def _words(text: str, why: str) -> Evidence:
    """The direction the words say (directions.toml: the last direction word decides)."""
    found = direction_by_name(text)
    return None if found is None else (found[0], why.replace("{word}", found[1]))


def _points(award: rt.Award, weight: Fraction) -> Fraction:
    assert award.points is not None
    return weight if award.points.value is None else F(award.points.value)


def _award_points(rule: rt.Rule, weight: Fraction) -> Evidence:
    """The comparator of the award that gives the most points (or, failing that, the least)."""
    awards = [s for s in rule.of(rt.Award) if s.points is not None and isinstance(s.condition, rt.Compare)
              and not s.condition.absolute]
    compares = [cast(rt.Compare, a.condition) for a in awards]
    if any(isinstance(c.operand, rt.ClassLevel) for c in compares):
        return "lower", "水质类别越小越好"
    if not awards:
        return None
    best = max(awards, key=lambda a: _points(a, weight))
    worst = min(awards, key=lambda a: _points(a, weight))
    if _points(best, weight) == _points(worst, weight) and len(awards) > 1:
        return None
    top = _side(cast(rt.Compare, best.condition), "最高分", flip=False)
    if top is not None or worst is best:
        return top
    return _side(cast(rt.Compare, worst.condition), "最低分", flip=True)


def _side(c: rt.Compare, what: str, flip: bool) -> Evidence:
    """≤ at the most points says lower is better, ≥ higher; at the fewest points, the reverse."""
    if c.op in ("<=", "<"):
        return ("higher" if flip else "lower"), f"规则在「{pred_text(c)}」时给{what}"
    if c.op in (">=", ">"):
        return ("lower" if flip else "higher"), f"规则在「{pred_text(c)}」时给{what}"
    return None


_Placed = tuple[Fraction, Optional[Fraction], Optional[Fraction]]  # (points, low, high); None: unbounded


def _band_order(rule: rt.Rule, weight: Fraction) -> Evidence:
    """"higher" when every band that gives more points lies above every band that gives fewer
    (bands with a stated place only: ≥ ≤ > < and a–b, not 达到 X), "lower" when below."""
    placed = [p for p in (_placed(a, weight) for a in rule.of(rt.Award)) if p is not None]
    order = _order_of(sorted(placed, key=lambda p: p[0]))
    if order is None:
        return None
    return order, "分数高的一档在分数低的一档之" + ("上" if order == "higher" else "下")


def _order_of(placed: list[_Placed]) -> Direction | None:
    """What `_above_or_below` says of every pair of bands (p more points than q) when it says one
    thing: "higher" when every pair is higher, "lower" when every pair is lower, else None.
    `placed` is sorted by points; each band is compared with what the bands of more points have
    in common (their lowest low, highest low, highest high), so n bands cost n log n, not n²."""
    n = len(placed)
    tails = _tails(placed)
    all_higher = all_lower = True
    any_higher = any_pair = False
    j = 0
    for q in placed:
        while j < n and placed[j][0] <= q[0]:
            j += 1
        if j == n:
            break
        any_pair = True
        higher, some_higher, lower = _against(q, tails[j])
        all_higher, any_higher, all_lower = all_higher and higher, any_higher or some_higher, all_lower and lower
    if not any_pair:
        return None
    if all_higher:
        return "higher"
    return "lower" if all_lower and not any_higher else None


_Tail = tuple[Optional[Fraction], Optional[Fraction], Optional[Fraction]]


def _against(q: _Placed, tail: _Tail) -> tuple[bool, bool, bool]:
    """Band q against the bands of more points: are they all above it, is one above it, are
    they all below it?"""
    min_low, max_low, max_high = tail
    high = q[2]
    all_above = high is not None and min_low is not None and min_low >= high
    one_above = high is not None and max_low is not None and max_low >= high
    all_below = q[1] is not None and max_high is not None and max_high <= q[1]
    return all_above, one_above, all_below


def _tails(placed: list[_Placed]) -> list[_Tail]:
    """For each i, of the bands placed[i:]: the lowest low (None if one has none), the highest
    low (of those that have one), the highest high (None if one has none)."""
    out: list[_Tail] = [(None, None, None)] * (len(placed) + 1)
    min_low: Fraction | None = None
    max_low: Fraction | None = None
    max_high: Fraction | None = None
    unbounded_low = unbounded_high = False
    for i in range(len(placed) - 1, -1, -1):
        _, low, high = placed[i]
        unbounded_low = unbounded_low or low is None
        unbounded_high = unbounded_high or high is None
        if low is not None:
            min_low = low if min_low is None else min(min_low, low)
            max_low = low if max_low is None else max(max_low, low)
        if high is not None:
            max_high = high if max_high is None else max(max_high, high)
        out[i] = (None if unbounded_low else min_low, max_low, None if unbounded_high else max_high)
    return out


def _placed(a: rt.Award, weight: Fraction) -> _Placed | None:
    c = a.condition
    if a.points is None or getattr(c, "absolute", False):
        return None
    if isinstance(c, rt.Between) and isinstance(c.low, rt.Quantity) and isinstance(c.high, rt.Quantity):
        return _points(a, weight), F(c.low.value), F(c.high.value)
    if isinstance(c, rt.Compare) and c.op in (">=", ">", "<=", "<") and isinstance(c.operand, rt.Quantity):
        v = F(c.operand.value)
        return (_points(a, weight), v, None) if c.op in (">=", ">") else (_points(a, weight), None, v)
    return None


def _above_or_below(p: _Placed, q: _Placed) -> str:
    """Where band p (more points) lies against band q (fewer): higher, lower or mixed."""
    if p[1] is not None and q[2] is not None and p[1] >= q[2]:
        return "higher"
    if p[2] is not None and q[1] is not None and p[2] <= q[1]:
        return "lower"
    return "mixed"


def _concentration(rule: rt.Rule) -> Evidence:
    units = [s.size.unit for s in rule.of(rt.Step)] + [
        s.condition.operand.unit for s in rule.of(rt.Award)
        if isinstance(s.condition, rt.Compare) and isinstance(s.condition.operand, rt.Quantity)]
    for unit in filter(None, units):
        if unit in _CONCENTRATION_UNITS:
            return "lower", f"单位「{unit}」是浓度"
    return None
