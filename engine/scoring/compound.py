"""Bands whose condition is several requirements joined by ，, all of which must hold:

    技术培训人次完成率80-99%,培训资料全面,培训层次较全面 | 3 | 技术培训人次完成率60-79%,培训资料较全面 | 2
    技术人员入户指导率60-79%,平均每年入户指导10次以上,得2分; …

(rt.Condition.parts, read by engine.language.assemble). The actual names what it reports, part by
part (完成率85%,资料全面,层次较全面): each requirement of a band is checked against the part of the
actual about it — a number against a comparison of the same unit whose subject shares words with
it, words against words about the same thing (资料 / 培训资料) and with the same negation and degree
(全面 is not 较全面). A requirement the actual does not speak of is undecided: the band is then
only a possible reading, and the score is the range of the possible bands, each named. Never a
guess: an actual no band can fit is unknown.
"""

from __future__ import annotations

import re
from dataclasses import replace
from fractions import Fraction

from engine import values as vals
from engine.language import tree as rt
from engine.language.printer import predicate as pred_text
from engine.scoring.conditions import edges, in_condition
from engine.scoring.context import Ctx, operand_number, points_of
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import Result, Unknown
from engine.text.fold import fold
from engine.values.meaning import _contains, meaning, same_claim

__all__ = ["applies", "compound_bands", "compound_reason", "score_compound", "segments", "overlap"]

_SEGMENT = re.compile(r"[，,；;、]+")


def requirements(cond: rt.Predicate | None) -> tuple[rt.Compare | rt.Between | rt.Condition, ...]:
    """What a band requires: the parts of joined requirements, or its one comparison (<60%)."""
    if isinstance(cond, rt.Condition):
        return cond.parts
    return (cond,) if isinstance(cond, (rt.Compare, rt.Between)) else ()


def _bands(rule: rt.Rule) -> list[rt.Award]:
    return [a for a in rule.of(rt.Award) if requirements(a.condition)]


def applies(ctx: Ctx) -> bool:
    """Two or more bands, one at least of joined requirements, are all the rule scores, and the
    actual is written."""
    return not (ctx.symbolic or ctx.clause or ctx.actual is None) and compound_bands(ctx.rule)


def compound_bands(rule: rt.Rule) -> bool:
    """The rule is bands only, two or more, one at least of joined requirements."""
    bands = _bands(rule)
    scored = [s for s in rule.statements if not isinstance(s, (rt.Context, rt.FullMarks, rt.Floor, rt.Cap))]
    return len(bands) >= 2 and len(bands) == len(scored) and all(a.points is not None for a in bands) \
        and any(isinstance(a.condition, rt.Condition) for a in bands)


def compound_reason(rule: rt.Rule) -> str:
    """Why such a rule has no numeric form (engine.lint.form)."""
    joined = "、".join(f"「{_named(a)}」" for a in _bands(rule) if isinstance(a.condition, rt.Condition))
    return f"各档同时有几项要求（{joined}），按实际值逐项判断，没有数值形式"


def segments(text: str) -> list[str]:
    """The parts of an actual written as a list (完成率85%,资料全面 → 完成率85%, 资料全面)."""
    return [s.strip() for s in _SEGMENT.split(fold(text)) if s.strip()]


def overlap(a: str, b: str) -> int:
    """The length of the longest run of characters `a` and `b` share (linear enough: both short)."""
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def _unit(pred: rt.Compare | rt.Between) -> str | None:
    operand = pred.operand if isinstance(pred, rt.Compare) else (pred.low or pred.high)
    return operand.unit if isinstance(operand, rt.Quantity) else None


def _edge_values(ctx: Ctx, pred: rt.Compare | rt.Between) -> list[Fraction]:
    band = edges(ctx, pred)
    return [] if band is None else [e for e in (band.low, band.high) if e is not None]


def _stated(ctx: Ctx, pred: rt.Compare, bands: list[rt.Award]) -> rt.Compare:
    """A bare value among the bands (完成率100% above 完成率80-99%): at or beyond the other bands of
    its unit, the side they leave (≥100%; ≤ at the bottom); between them, exactly that value."""
    others = [e for b in bands for r in requirements(b.condition)
              if isinstance(r, (rt.Compare, rt.Between)) and r is not pred and _unit(r) == _unit(pred)
              and not (isinstance(r, rt.Compare) and r.op == "stated") for e in _edge_values(ctx, r)]
    value = F(operand_number(ctx, pred.operand))
    if others and value >= max(others):
        return replace(pred, op=">=")
    if others and value <= min(others):
        return replace(pred, op="<=")
    return replace(pred, op="=")


def _number_holds(ctx: Ctx, pred: rt.Compare | rt.Between, said: list[str]) -> bool | None:
    """Does the number the actual gives for this comparison meet it? None: no number of its unit."""
    found: list[tuple[int, vals.Quantity]] = []
    for seg in said:
        v = vals.parse_value(seg)
        if isinstance(v, vals.Quantity) and v.unit == _unit(pred):
            found.append((overlap(seg[: max(0, len(seg) - len(str(v.number)))], pred.subject or ""), v))
    if not found:
        return None
    found.sort(key=lambda t: -t[0])
    if len(found) > 1 and found[0][0] == found[1][0]:
        return None  # two numbers of that unit, neither more about it than the other
    if isinstance(pred, rt.Compare) and pred.op == "stated":
        pred = _stated(ctx, pred, _bands(ctx.rule))
    return in_condition(ctx, pred, F(found[0][1].number))


def _words_hold(cond: rt.Condition, said: list[str]) -> bool | None:
    """Do the actual's words about this requirement say the same (资料全面 / 培训资料全面)? None: they
    do not speak of it."""
    want = meaning(cond.text)
    about = False
    for seg in said:
        got = meaning(seg)
        if same_claim(got, want) is not None:
            return True
        about = about or _contains(got.content, want.content)
    return False if about else None


def _holds(ctx: Ctx, band: rt.Award, said: list[str]) -> bool | None:
    """All of the band's requirements hold (True), one fails (False), or the actual leaves one open."""
    open_ = False
    for part in requirements(band.condition):
        ok = _words_hold(part, said) if isinstance(part, rt.Condition) else _number_holds(ctx, part, said)
        if ok is False:
            return False
        open_ = open_ or ok is None
    return None if open_ else True


def _named(band: rt.Award) -> str:
    return pred_text(band.condition) if band.condition is not None else ""


def score_compound(ctx: Ctx) -> Result:
    assert ctx.actual is not None
    said = segments(ctx.actual.text)
    hits: list[rt.Award] = []
    maybe: list[rt.Award] = []
    for band in _bands(ctx.rule):
        ok = _holds(ctx, band, said)
        (hits if ok else maybe if ok is None else []).append(band)
    if len(hits) == 1 and not maybe:
        band = hits[0]
        ctx.decided(band)
        ctx.say(f"实际完成值「{ctx.actual.text}」满足「{_named(band)}」的每一项要求：{fmt(points_of(ctx, band))} 分")
        return "score", points_of(ctx, band), points_of(ctx, band)
    if not hits and not maybe:
        raise Unknown("actual-unmatched", f"实际完成值「{ctx.actual.text}」不满足评分标准任何一档的全部要求")
    return _open(ctx, hits, maybe)


def _open(ctx: Ctx, hits: list[rt.Award], maybe: list[rt.Award]) -> Result:
    """Several bands fit, or the actual does not say whether one's words hold: the range of them,
    each named; a band whose words may fail leaves the actual in no band (0)."""
    assert ctx.actual is not None
    values: list[Fraction] = []
    for band in hits + maybe:
        p = points_of(ctx, band)
        values.append(p)
        how = "满足" if band in hits else "若也满足未写明的要求"
        ctx.alternatives[f"{how}「{_named(band)}」"] = p
    if not hits:
        values.append(F(0))
    ctx.note("band-words-open", f"实际完成值「{ctx.actual.text}」没有说明每一档的全部要求，"
             f"可能的档：{'；'.join(f'「{_named(b)}」{fmt(points_of(ctx, b))} 分' for b in hits + maybe)}")
    return "range", min(values), max(values)
