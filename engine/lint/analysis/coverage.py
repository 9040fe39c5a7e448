"""Coverage of the bands: L003 rule-gap, L004 rule-overlap, L005 rule-unreachable."""

from __future__ import annotations

import sympy as sp

from engine.lint.analysis.facts import _n
from engine.lint.analysis.parts import _piece_at, _Run
from engine.lint.analysis.witness import middle_point, nearest_point
from engine.lint.calculus import components, solve
from engine.lint.form import Form, Ignored
from engine.lint.printing import set_text


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
