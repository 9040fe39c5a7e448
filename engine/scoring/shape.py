"""What kind of rule this is and what it can give, read from the rule tree alone: its shape,
the full marks it states, its ceiling (the most a score may reach) and whether a step counts
events. Shared by the evaluator and the symbolic form."""

from __future__ import annotations

from fractions import Fraction

from engine import lexicon
from engine.language import tree as rt
from engine.scoring.memo import per_rule
from engine.scoring.numbers import F


@per_rule
def shape(rule: rt.Rule) -> str:
    """One word for what kind of rule this is: step, proportional, formula, threshold, bands,
    grades, interpolate, discretionary, checklist, composite (or none when nothing scores)."""
    awards = rule.of(rt.Award)
    if awards and any(map(_interpolates, rule.of(rt.Proportional))):
        return "interpolate"
    kinds = {kind for kind, present in (("checklist", rule.of(rt.ChecklistItem)), ("step", rule.of(rt.Step)),
                                        ("proportional", rule.of(rt.Proportional)),
                                        ("formula", rule.of(rt.Formula)),
                                        ("discretionary", rule.of(rt.Discretionary))) if present}
    if not rule.of(rt.Step):
        kinds |= _award_kind(awards)
    if rule.of(rt.Deduct) and not kinds:  # 低5%以内扣2分，低5%-10%扣4分: two numeric deductions are bands
        numeric = [d for d in rule.of(rt.Deduct) if isinstance(d.condition, (rt.Compare, rt.Between))]
        kinds.add("bands" if len(numeric) >= 2 else "threshold")
    if not kinds:
        return "none"
    return kinds.pop() if len(kinds) == 1 else "composite"


def _interpolates(p: rt.Proportional) -> bool:
    """15-30日按比例减分: proportion between two bands (a rate times points in a band is no line)."""
    return isinstance(p.scope, rt.Between) and p.weight is None and not p.rate


def _award_kind(awards: list[rt.Award]) -> set[str]:
    """Numeric bands (two or more), worded grades (two or more), or a single threshold."""
    numeric = [a for a in awards if isinstance(a.condition, (rt.Compare, rt.Between))]
    worded = [a for a in awards if isinstance(a.condition, (rt.Condition, rt.Otherwise))]
    if len(numeric) >= 2:
        return {"bands"}
    if len(worded) >= 2:
        return {"grades"}
    return {"threshold"} if awards else set()


@per_rule
def full_marks(rule: rt.Rule, weight: Fraction | None = None) -> Fraction | None:
    """The most the rule itself says an indicator can score, as written; None if it states
    no number (then its full marks are the weight)."""
    marks = rule.of(rt.FullMarks)
    if marks:  # 满分10分
        return F(marks[0].points)
    if any(isinstance(s, rt.Award) and s.points is not None and s.points.is_full for s in rule.statements):
        return None  # 得满分: the rule's full marks are the weight
    stated = [p for p in map(_stated_points, rule.statements) if p is not None]
    if stated:
        stated += _bonus_cap(rule)
    items = rule.of(rt.ChecklistItem)
    if items:
        stated.append(sum((F(i.points) for i in items), F(0)))
    if stated and max(stated) == 0:
        return None  # 未进行清理的不得分: a rule that only says when it gives nothing states no full marks
    return max(stated) if stated else None


def _bonus_cap(rule: rt.Rule) -> list[Fraction]:
    """基础分2分，每…加0.5分，最高4分: a rule that adds points up to a cap states the cap as its most."""
    if not any(s.effect == "add" for s in rule.of(rt.Step)):
        return []
    return [F(c.points) for c in rule.of(rt.Cap) if c.points is not None]


def _stated_points(s: rt.Statement) -> Fraction | None:
    """The most one statement writes it gives: an award's points (up to its 最高), a weight × rate."""
    if isinstance(s, rt.Award) and s.points is not None and s.points.value is not None:
        return F(s.points.upto if s.points.upto is not None else s.points.value)
    if isinstance(s, rt.Proportional) and s.weight is not None:
        return F(s.weight)
    return None


@per_rule
def explicit_above(rule: rt.Rule, weight: Fraction) -> bool:
    return any((c.points is not None and c.points > weight) or (c.share is not None and c.share > 100)
               for c in rule.of(rt.Cap))


@per_rule
def score_ceiling(rule: rt.Rule, weight: Fraction) -> Fraction:
    """The score never exceeds the weight unless the rule says so (最高120分, 基础分的120%)."""
    for c in rule.of(rt.Cap):
        if c.points is not None and c.points < weight:
            return F(c.points)  # 最高得3分 on a 5-point row: the rule's own ceiling
        if c.points is not None and c.points > weight:
            base = next((F(s.base) for s in rule.of(rt.Step) if s.base is not None), None)
            return F(c.points) if base is None else F(c.points) / base * weight
        if c.share is not None and c.share > 100:
            return weight * F(c.share) / 100
    return weight


def stated_full(rule: rt.Rule, weight: Fraction) -> Fraction | None:
    """The full marks the rule writes for a weight (记6分, 20分*执行率); a stated base score
    (在100标准分基础上) is rescaled to the weight. None: 满分, the weight itself."""
    if any(isinstance(s, rt.Award) and s.points is not None and s.points.is_full for s in rule.statements):
        return None
    marks = full_marks(rule)
    if any(s.base is not None for s in rule.of(rt.Step)):
        marks = weight if marks is None else max(marks, weight)
    return marks


def stated_cap(rule: rt.Rule, weight: Fraction) -> Fraction | None:
    """The cap the rule writes, in score units: 满分为止 (the weight), 最高得1分, 最高120分 of a
    100-point base, 不超过基础分的120%. None when it writes none."""
    caps = []
    base = next((F(s.base) for s in rule.of(rt.Step) if s.base is not None), None)
    for c in rule.of(rt.Cap):
        if c.share is not None:
            caps.append(weight * F(c.share) / 100)
        elif c.points is not None:
            caps.append(F(c.points) if base is None else F(c.points) / base * weight)
        else:
            caps.append(weight)
    return min(caps) if caps else None


def is_count(step: rt.Step) -> bool:
    return (step.size.unit or "") in lexicon.words("units.count")
