"""A rule's `Form`: its score as pieces in the actual x, its three views, and its printing.

A `Form` is data: the sets of actuals (`Piece.where`) and what the rule gives on each, with
what the evaluator reported of itself (bands, statements read past, a step rule's grid). From
the pieces it builds one sympy `Piecewise` per view (the raw arithmetic, the rule as written
with only the floor and cap it states, the evaluator's clamped score), gives the exact score
at one actual (`Form.at`) and prints the formula: 得分 = max(0, 10 − 0.5·⌊(35 − x)/1⌋) as plain
text or LaTeX. It does not make forms: `engine.lint.form.compile_rule` runs the evaluator to
get them. Every number is a sympy Rational.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import sympy as sp

from engine.language import tree as rt
from engine.lint.calculus import CLASS_RANKS, HALF_LINE, Q, X, _left, bounds, to_fraction
from engine.lint.printing import set_text, to_latex, to_plain
from engine.scoring.outcome import PartialStep
from engine.text.width import display_width, pad

__all__ = ["At", "Band", "Form", "Ignored", "Kind", "Piece"]

Kind = Literal["score", "range", "gap"]
"""What a piece gives: an exact score, any score in a range, or none (a gap)."""
At = (tuple[Literal["score"], Fraction] | tuple[Literal["range"], tuple[Fraction, Fraction]]
      | tuple[Literal["unknown"], str | None])
"""What the form gives at one exact actual, as the evaluator would say it."""


@dataclass(frozen=True)
class Piece:
    """Where one reading of the rule applies and what it gives there.

    `kind` is `score` (the exact score `expr`, as the rule computes it before the evaluator's
    clamp), `range` (the rule allows any score in [`low` (0 unless set), `high`]: a single threshold not
    met, an actual between two bands) or
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
    low: sp.Expr | None = None  # a range's low end when it is not 0 (an actual between two bands)


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
        """Does the rule have a numeric form (pieces in x)?"""
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
        """A piece with only the floor (扣完为止) and cap (满分为止) the rule states itself."""
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

    def at(self, actual: Decimal | int | Fraction) -> At:
        """("score", Fraction) | ("range", (low, high)) | ("unknown", reason) at an exact actual,
        exactly as the evaluator would say (range ends clamped like the evaluator's)."""
        value = Q(actual)
        for p in self.pieces:
            if p.where.contains(value) is sp.true:
                if p.kind == "score":
                    return "score", to_fraction(self.score_value(p.expr, value))
                if p.kind == "range":
                    assert p.high is not None  # _pieces gives every range piece its high end
                    high = sp.Max(0, sp.Min(self.ceiling, p.high.doit()))
                    low = sp.Max(0, sp.Min(self.ceiling, p.low.doit())) if p.low is not None else sp.Integer(0)
                    return "range", (to_fraction(low), to_fraction(high))
                return "unknown", p.reason
        return "unknown", "实际值不在定义域内"

    def score_value(self, expr: sp.Expr, value: sp.Rational) -> sp.Rational:
        """The evaluator's score of a piece at an exact actual: clamped to [0, ceiling]."""
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
                low = to_plain(p.low) if p.low is not None else "0"
                body = f"{low} 至 {to_plain(sp.Min(self.ceiling, p.high))} 之间（规则未写明）"
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
                body = "[" + (to_latex(p.low) if p.low is not None else "0") + r",\ " + to_latex(sp.Min(self.ceiling, p.high)) + "]"
            else:
                body = r"\text{无法计分}"
            rows.append(f"{body} & {set_text(p.where, latex=True)}")
        if len(rows) == 1:
            return r"\text{得分} = " + rows[0].replace(" & ", r" \quad ", 1)
        return r"\text{得分} = \begin{cases} " + r" \\ ".join(rows) + r" \end{cases}"

    def _display_pieces(self) -> list[Piece]:
        """The non-empty pieces in the order a reader scans the half-line."""
        shown = [p for p in self.pieces if not p.where.is_empty]
        # left to right; where two start at one point, the piece that holds it first (x = 0, then x > 0)
        return sorted(shown, key=lambda p: (_left(p.where), p.where.contains(p.where.inf) is not sp.true))

