"""Coverage of the bands: L003 rule-gap, L004 rule-overlap, L005 rule-unreachable."""

from __future__ import annotations

import sympy as sp

from engine.lint.analysis.facts import _n
from engine.lint.analysis.parts import _piece_at, _Run
from engine.lint.analysis.witness import middle_point, nearest_point
from engine.lint.calculus import components, solve
from engine.lint.piecewise import Band, Form, Ignored
from engine.lint.printing import set_text


def _coverage(form: Form, run: _Run, argmax: sp.Set = sp.EmptySet) -> sp.Set:
    """Gaps, overlapping bands, bands never used and statements read past, as findings; the
    set of actuals no band scores (the gaps)."""
    gaps = _gaps(form, run)
    _overlaps(form, run)
    _unused_bands(form, run)
    for ignored in form.ignored:
        _ignored(form, run, ignored, argmax)
    return gaps


def _gaps(form: Form, run: _Run) -> sp.Set:
    """L003: each interval of actuals the rule cannot score, with a witness in its middle."""
    # a range between two bands (its own low end) is the evaluator's reading of a gap: still a gap
    holes = [p for p in form.pieces if p.kind == "gap" or (p.kind == "range" and p.low is not None)]
    gaps = sp.Union(*[sp.Intersection(p.where, form.domain) for p in holes])
    for comp in components(gaps):
        w = middle_point(comp)
        run.find("rule-gap", f"实际值 {set_text(comp)} 不落在评分标准的任何一档内，无法计分（如实际值 {_n(w)}）", w)
    return gaps


def _overlaps(form: Form, run: _Run) -> None:
    """L004: two bands with different points that the rule states for the same actuals."""
    bands = form.bands
    for i, b in enumerate(bands):
        for c in bands[i + 1:]:
            if b.points == c.points or "否则" in (b.label, c.label):
                continue  # 否则 is by definition what the other bands leave
            both = sp.Intersection(b.strict, c.strict, form.domain)
            if both.is_empty:
                continue
            w = middle_point(components(both)[0])
            used = _band_used_at(form, w)
            run.find("rule-overlap",
                     f"实际值 {set_text(both)} 同时落在「{b.label}」（{_n(b.points)} 分）和「{c.label}」"
                     f"（{_n(c.points)} 分）两档（如实际值 {_n(w)}"
                     + (f"，按「{used.label}」计 {_n(used.points)} 分" if used else "") + "）", w)


def _unused_bands(form: Form, run: _Run) -> None:
    """L005: a band the evaluator never scores by, with an actual that satisfies it if any."""
    for b in form.bands:
        if not sp.Intersection(b.chosen, form.domain).is_empty:
            continue
        where = sp.Intersection(b.loose, form.domain)
        w = nearest_point(where, None) if not where.is_empty else None
        used = _band_used_at(form, w)
        tail = (f"：实际值 {_n(w)} 满足它，却按「{used.label}」计分" if used else
                f"：实际值 {_n(w)} 满足它，却不用它" if w is not None else "：没有实际值满足它")
        run.find("rule-unreachable", f"「{b.label}」（{_n(b.points)} 分）这一档永远不会用到{tail}", w)


def _band_used_at(form: Form, w: sp.Rational | None) -> Band | None:
    """The band the evaluator scores the actual w by (None: none, or no actual)."""
    if w is None:
        return None
    return next((d for d in form.bands if d.chosen.contains(w) is sp.true), None)


def _ignored(form: Form, run: _Run, ignored: Ignored, argmax: sp.Set) -> None:
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
