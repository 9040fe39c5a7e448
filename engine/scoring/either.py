"""Rules that give a value and another in its place: ≥30人(或10人),得6分;≤30人(或10人),得分=实际人数/
30人(或10人)×6分 (社区中心 30 人, 站、室 10 人; the rule does not say which the row is).

The rule is scored as printed and again with every such value replaced by the other. When both
give the same, that is the score; when they differ, the row cannot be scored from the rule
alone and the outcome is unknown with both readings given, never one of them chosen. A symbolic
actual (engine.lint) gets no numeric form: the rule is two rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace
from typing import Any

from engine.language import tree as rt
from engine.scoring.memo import per_rule
from engine.scoring.context import Ctx
from engine.scoring.numbers import fmt
from engine.scoring.outcome import Result, Unknown

__all__ = ["applies", "score_either"]

Dispatch = Callable[[str, Ctx], Result]


def _has_alt(node: Any) -> bool:
    if isinstance(node, (rt.Quantity, rt.Number)):
        return node.alt is not None
    if isinstance(node, tuple):
        return any(_has_alt(x) for x in node)
    if is_dataclass(node) and not isinstance(node, type):
        return any(_has_alt(getattr(node, f.name)) for f in fields(node))
    return False


def _other(node: Any) -> Any:
    """The node with every value that has another in its place replaced by that other."""
    if isinstance(node, (rt.Quantity, rt.Number)):
        return replace(node, value=node.alt, alt=None) if node.alt is not None else node
    if isinstance(node, tuple):
        return tuple(_other(x) for x in node)
    if is_dataclass(node) and not isinstance(node, type) and _has_alt(node):
        return replace(node, **{f.name: _other(getattr(node, f.name)) for f in fields(node) if f.init})
    return node


def _printed(node: Any) -> Any:
    """The node as printed: every other value dropped."""
    if isinstance(node, (rt.Quantity, rt.Number)):
        return replace(node, alt=None)
    if isinstance(node, tuple):
        return tuple(_printed(x) for x in node)
    if is_dataclass(node) and not isinstance(node, type) and _has_alt(node):
        return replace(node, **{f.name: _printed(getattr(node, f.name)) for f in fields(node) if f.init})
    return node


@per_rule
def applies(rule: rt.Rule) -> bool:
    return _has_alt(rule.statements)


def _run(ctx: Ctx, rule: rt.Rule, kind: str, dispatch: Dispatch) -> tuple[Result | Unknown, Ctx]:
    sub = Ctx(rule, ctx.target, ctx.actual, ctx.weight, ctx.partial, ctx.indicator, ctx.direction, clause=ctx.clause)
    try:
        return dispatch(kind, sub), sub
    except Unknown as exc:
        return exc, sub


def score_either(ctx: Ctx, kind: str, dispatch: Dispatch) -> Result:
    if ctx.symbolic:
        raise Unknown("rule-either-value", "评分标准给出了两个可选的数值（如 30人(或10人)），没有唯一的数值形式")
    first, sub = _run(ctx, replace(ctx.rule, statements=_printed(ctx.rule.statements)), kind, dispatch)
    second, _ = _run(ctx, replace(ctx.rule, statements=_other(ctx.rule.statements)), kind, dispatch)
    ctx.trace.extend(sub.trace)
    ctx.notes.extend(sub.notes)
    if isinstance(first, Unknown):
        raise first
    if first == second:
        ctx.by = sub.by
        ctx.say("评分标准括号里“或”的另一个数值给出同样的得分")
        return first
    other = f"{fmt(second[1])} 分" if not isinstance(second, Unknown) else "无法计算"
    alternatives = {"either:printed": first[1]} | ({"either:other": second[1]} if not isinstance(second, Unknown) else {})
    raise Unknown("rule-either-value", f"评分标准在括号里用“或”给出了另一个数值，没有写明本行用哪一个：按前一个得 "
                                       f"{fmt(first[1])} 分，按“或”后的得 {other}", alternatives)
