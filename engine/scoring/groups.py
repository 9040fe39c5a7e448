"""Rules of several groups, each under a heading of the categories it is for, each with its own
clauses (engine.language: Context.heading):

    山区、丘陵地区和…半农半牧区:覆盖沼气用户达到300户及以上的得10分,…。其它地区:覆盖沼气用户达到450户…

The group whose heading names a category the row speaks of (the actual, the target or the
indicator: 山区 in 山区县覆盖320户) scores it, as a rule of its own. A heading of "the others"
(其它地区) is never chosen by words: when no named group is, every group is scored and the outcome
is the range of them, each named — the row's category is not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction

from engine.language import tree as rt
from engine.scoring.context import Ctx
from engine.scoring.numbers import fmt
from engine.scoring.outcome import Result, Unknown
from engine.scoring.shape import shape

__all__ = ["applies", "group_reason", "groups", "score_groups"]

Dispatch = Callable[[str, Ctx], Result]

_NAME_CUT = re.compile(r"[、,，和及与或等的]+")
_OTHERS = ("其它", "其他", "其余", "另外")
_GENERIC = ("地区", "省区", "区", "县", "市")  # a name part that tells no category alone


def groups(rule: rt.Rule) -> list[tuple[rt.Context, list[rt.Statement]]]:
    """The groups of a rule: each heading with the statements up to the next (only when there are
    two or more headings and nothing scored comes before the first)."""
    out: list[tuple[rt.Context, list[rt.Statement]]] = []
    for s in rule.statements:
        if isinstance(s, rt.Context) and s.heading:
            out.append((s, []))
        elif out:
            out[-1][1].append(s)
        elif not isinstance(s, (rt.Context, rt.FullMarks)):
            return []
    return out if len(out) >= 2 and all(body for _, body in out) else []


def group_reason(rule: rt.Rule) -> str:
    """Why such a rule has no single numeric form (engine.lint.form)."""
    heads = "、".join(f"「{head.text}」" for head, _ in groups(rule))
    return f"评分标准按类别分组（{heads}），各组的计分不同，由本行所属的组决定，没有单一的数值形式"


def applies(ctx: Ctx) -> bool:
    return not ctx.clause and bool(groups(ctx.rule))


def _names(heading: str) -> list[str]:
    """The category names of a heading: 山区、丘陵地区和内蒙古 → 山区, 丘陵地区, 内蒙古 (and 丘陵)."""
    out: list[str] = []
    for part in _NAME_CUT.split(heading):
        if len(part) < 2 or part in _GENERIC:
            continue
        out.append(part)
        for end in _GENERIC:
            if part.endswith(end) and len(part) - len(end) >= 2:
                out.append(part[: -len(end)])
    return out


def _said(ctx: Ctx) -> str:
    return " ".join(v.text for v in (ctx.actual, ctx.target) if v is not None) + " " + (ctx.indicator or "")


def _chosen(ctx: Ctx, found: list[tuple[rt.Context, list[rt.Statement]]]) -> list[int]:
    said = _said(ctx)
    named = [i for i, (head, _) in enumerate(found)
             if not head.text.startswith(_OTHERS) and any(n in said for n in _names(head.text))]
    # 其它地区 only when the row says so in those words, and names no other group
    return named or [i for i, (head, _) in enumerate(found) if head.text.startswith(_OTHERS) and head.text in said]


def _run(ctx: Ctx, body: list[rt.Statement], dispatch: Dispatch) -> tuple[Result | Unknown, Ctx]:
    sub_rule = replace(ctx.rule, statements=tuple(body))
    sub = Ctx(sub_rule, ctx.target, ctx.actual, ctx.weight, ctx.partial, ctx.indicator, ctx.direction,
              symbolic=ctx.symbolic, probing=ctx.probing)
    try:
        return dispatch(shape(sub_rule), sub), sub
    except Unknown as exc:
        return exc, sub


def score_groups(ctx: Ctx, dispatch: Dispatch) -> Result:
    if ctx.symbolic:
        raise Unknown("rule-unread-part", "评分标准按类别分组，各组的计分不同，没有单一的数值形式")
    found = groups(ctx.rule)
    chosen = _chosen(ctx, found)
    if len(chosen) == 1:
        head, body = found[chosen[0]]
        ctx.say(f"本行属于「{head.text}」这一组，按该组的规定计分")
        result, sub = _run(ctx, body, dispatch)
        ctx.trace.extend(sub.trace)
        ctx.notes.extend(sub.notes)
        ctx.alternatives.update(sub.alternatives)
        ctx.by = sub.by
        if isinstance(result, Unknown):
            raise result
        return result
    return _every_group(ctx, found, dispatch)


def _every_group(ctx: Ctx, found: list[tuple[rt.Context, list[rt.Statement]]], dispatch: Dispatch) -> Result:
    """The row's group is not known: each group's score, the range of them, each named."""
    lows: list[Fraction] = []
    highs: list[Fraction] = []
    shown: list[str] = []
    for head, body in found:
        result, sub = _run(ctx, body, dispatch)
        if isinstance(result, Unknown):
            raise Unknown(result.code, f"按「{head.text}」这一组：{result.reason}")
        _, low, high = result
        lows.append(low)
        highs.append(high)
        if low == high:
            ctx.alternatives[f"按「{head.text}」"] = low
        shown.append(f"按「{head.text}」得 {fmt(low)}{'' if low == high else '–' + fmt(high)} 分")
    ctx.note("category", "评分标准按类别分组计分，表中没有写明本行属于哪一组：" + "；".join(shown))
    low, high = min(lows), max(highs)
    return ("score", low, low) if low == high else ("range", low, high)
