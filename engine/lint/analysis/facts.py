"""What the analyses proved about a form (`Analysis`, `Jump`), as data and as Chinese lines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from engine.findings import Finding
from engine.lint.calculus import HALF_LINE, to_decimal
from engine.lint.piecewise import Form
from engine.lint.printing import set_text, to_plain
from engine.lint.analysis.witness import is_decimal

GoodDirection = str  # "higher" | "lower" | "closer"


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
    """What was proved about one form (each field None or empty where nothing was), and the findings."""

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

    def to_dict(self) -> dict[str, Any]:
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
        elif self.monotone is not None and self.form.domain == HALF_LINE:
            lines.append("跳变：无" + ("（得分连续变化）" if self.gaps.is_empty else "（各档之间的空档见 L003）"))
        for note in self.unproved:
            lines.append(f"未能证明：{note}")
        return lines


def _n(value: sp.Expr | int | None) -> str:
    """An exact number in a Chinese line (— for none)."""
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
        regular = _regular(steps)
        if regular and hidden:
            regular = f"，列出的前 {len(steps)} 处{regular}"
        elif regular:
            regular = "，" + regular
        parts.append(f"按整步 {len(steps) + hidden} 处（{run}{regular}）")
    return "；".join(parts)


def _regular(steps: list[Jump]) -> str:
    """"每隔 d 一处，每处变化 s 分" when the listed whole-step jumps are evenly spaced and of one
    size (one family, as a reviewer says it), else nothing."""
    if len(steps) < 3:
        return ""
    gaps = {b.at - a.at for a, b in zip(steps, steps[1:])}
    sizes = {abs(j.right - j.left) for j in steps}
    if len(gaps) != 1 or len(sizes) != 1:
        return ""
    return f"每隔 {_n(gaps.pop())} 一处，每处变化 {_n(sizes.pop())} 分"


def _jump_values(j: Jump) -> str:
    """left→right, or left→value→right when the score at the point is neither."""
    if j.value != j.left and j.value != j.right and j.value is not sp.nan:
        return f"{_n(j.left)}→{_n(j.value)}→{_n(j.right)}"
    return f"{_n(j.left)}→{_n(j.right)}"


def _interval_text(low: sp.Expr, high: sp.Expr) -> str:
    return f"[{_n(low)}, {_n(high)}]"


def _plain_value(v: object) -> object:
    """A detail as JSON can carry it: an exact Decimal for a terminating number, else text."""
    if v is sp.nan:
        return None
    if isinstance(v, sp.Basic):
        return to_decimal(v) if is_decimal(v) else to_plain(v)
    return v
