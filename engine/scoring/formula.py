"""Formulas in words and symbols: 得分值=种植率×30, 得分=实际值/目标值×分值, 得分二平均分*40%,
最终得分=区考核办年终下达分数×考核得分率, (预算资金总来源-…)÷预算资金总来源*指标分值.

The arithmetic is the rule tree's (engine.language.tree.Formula), computed exactly here; no text
is ever run as code. Each name is bound to a value of the row: the weight, actual and target by
their names (engine/lexicon/formulas.toml); any other name to the actual's number when it is the
only one, else to the part of the actual that names it (总来源1000万元,中期评估调整取消50万元,…);
an actual that states a ratio of two names (部门全年预算调剂金额/年初部门预算数=2%) gives that ratio.
A rate (a name ending in 率, a value in %) is a share: 92% is 0.92. Bands written beside the
formula (完成率达到100%,得10分; 若…>0.1,此项得0分) decide where they hold. A formula with no
weight in it that gives a share (达到预期值的数量指标个数/全部数量指标个数) is that share of the weight.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from engine import lexicon
from engine import values as vals
from engine.language import tree as rt
from engine.language.printer import expression as expr_text
from engine.language.printer import predicate as pred_text
from engine.scoring import tally as tl
from engine.scoring.conditions import in_condition
from engine.scoring.context import Ctx, need_number, points_of
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import Result, Unknown

__all__ = ["score_formula"]

_WEIGHT = set(lexicon.words("formulas.weight"))
_ACTUAL = set(lexicon.words("formulas.actual"))
_TARGET = set(lexicon.words("formulas.target"))


def names(e: rt.Expression) -> Iterator[rt.Name]:
    if isinstance(e, rt.Name):
        yield e
    elif isinstance(e, rt.Operation):
        yield from names(e.left)
        yield from names(e.right)


def _has_points(e: rt.Expression) -> bool:
    """Does the arithmetic carry points of its own (×20, ×6分, ×分值)?"""
    if isinstance(e, rt.Number):
        return e.points or (e.unit is None and e.value > 1)
    if isinstance(e, rt.Name):
        return e.name in _WEIGHT
    return _has_points(e.left) or _has_points(e.right)


def _gives_share(e: rt.Expression) -> bool:
    """Is the arithmetic a share with no points in it: a ratio (达到预期值的数量指标个数/全部数量指标
    个数) or a rate alone? A product with a percentage (平均分*40%) converts to points as written."""
    if _has_points(e):
        return False
    return isinstance(e, rt.Name) or (isinstance(e, rt.Operation) and e.op == "/")


def score_formula(ctx: Ctx) -> Result:
    formula = ctx.rule.of(rt.Formula)[0]
    x = _measure(ctx)
    for award in ctx.rule.of(rt.Award):  # bands beside the formula decide where they hold
        if award.points is not None and isinstance(award.condition, (rt.Compare, rt.Between)) \
                and _holds(ctx, award.condition, x):
            pts = points_of(ctx, award)
            ctx.decided(award)
            ctx.say(f"实际值满足「{pred_text(award.condition)}」：{fmt(pts)} 分")
            return "score", pts, pts
    ctx.decided(formula)
    bound = _bind(ctx, formula)
    value = _value(ctx, formula.expression, bound)
    shown = expr_text(formula.expression)
    ctx.say(f"{formula.defines or '得分'} = {shown} = {fmt(value)}")
    if _gives_share(formula.expression) and not ctx.symbolic and 0 <= value <= 1 < ctx.weight:
        score = value * ctx.weight
        ctx.note("formula-share", f"公式「{shown}」没有乘分值，得出的是比例 {fmt(value)}：按 {fmt(value)} × 分值 "
                                  f"{fmt(ctx.weight)} = {fmt(score)} 分计")
        ctx.alternatives["formula-as-written"] = value
        return "score", score, score
    return "score", value, value


def _measure(ctx: Ctx) -> Fraction | None:
    """The actual as the bands beside the formula read it, when it is one number."""
    if ctx.symbolic or isinstance(ctx.actual, vals.Quantity):
        return need_number(ctx, "actual")
    return None


def _holds(ctx: Ctx, cond: rt.Compare | rt.Between, x: Fraction | None) -> bool:
    """Does the actual satisfy a band beside the formula? A share bound (>0.1) reads a
    percentage actual (2%) as the share it is (0.02)."""
    if x is None:
        return False
    bound = cond.operand if isinstance(cond, rt.Compare) else cond.high
    if isinstance(bound, rt.Quantity) and bound.unit is None and getattr(ctx.actual, "unit", None) == "%":
        x = x / 100
    try:
        return in_condition(ctx, cond, x)
    except Unknown:
        return False


def _bind(ctx: Ctx, formula: rt.Formula) -> dict[str, Fraction]:
    """A value for every name of the formula (see the module doc)."""
    bound: dict[str, Fraction] = {}
    free: list[str] = []
    for n in names(formula.expression):
        if n.name in bound or n.name in free:
            continue
        if n.name in _WEIGHT:
            bound[n.name] = ctx.weight
        elif n.name in _TARGET:
            bound[n.name] = _share(n.name, need_number(ctx, "target"), getattr(ctx.target, "unit", None))
        elif n.name in _ACTUAL:
            bound[n.name] = _share(n.name, need_number(ctx, "actual"), getattr(ctx.actual, "unit", None))
        else:
            free.append(n.name)
    # one unknown name is the actual, unless the formula already names the actual (实际完成值/年度目标值:
    # the other is then not the actual, and 1 × 分值 would be no reading of it)
    if len(free) == 1 and not any(n in _ACTUAL for n in bound) and (ctx.symbolic or isinstance(ctx.actual, vals.Quantity)):
        bound[free[0]] = _share(free[0], need_number(ctx, "actual"), getattr(ctx.actual, "unit", None))
        ctx.say(f"「{free[0]}」取实际完成值：{fmt(bound[free[0]])}")
    elif free:
        bound.update(_from_parts(ctx, free))
    return bound


def _share(name: str, value: Fraction, unit: str | None) -> Fraction:
    """92% is 0.92; a rate written without % above 1 (种植率 85) is a percentage too."""
    if unit == "%" or (unit is None and name.endswith("率") and value > 1):
        return value / 100
    return value


def _from_parts(ctx: Ctx, free: list[str]) -> dict[str, Fraction]:
    """Names bound to the parts of the actual that name them."""
    if ctx.symbolic:
        raise Unknown("value-unquantified", "公式用到多个数值（" + "、".join(free) + "），数值形式只有一个实际值")
    text = getattr(ctx.actual, "text", "")
    segs = [s for s in tl.segments(text) if s.numbers]
    counted = tl.items_met(text)
    if counted is not None and len(free) == 2:  # 8个数量指标中6个达到预期值: met / all
        of, met = counted
        ctx.say(f"实际完成值写明 {of} 个中 {met} 个达到：「{free[0]}」= {met}，「{free[1]}」= {of}")
        return {free[0]: F(met), free[1]: F(of)}
    return {name: _bind_name(ctx, name, segs, free) for name in free}


def _bind_name(ctx: Ctx, name: str, segs: list[tl.Segment], free: list[str]) -> Fraction:
    """The value of one name of the formula: the number of the part of the actual that names it
    (the mean of several for an 平均 name; 1 for the numerator of a ratio the actual gives)."""
    seg = max(segs, key=lambda s: tl.affinity(s, name), default=None)
    if seg is None or tl.affinity(seg, name) == 0:
        raise Unknown("value-unquantified", f"实际完成值没有给出公式中「{name}」的数值")
    if len(seg.numbers) > 1 and "平均" in name:  # 各年度考核平均得分 against 年度考核80分、90分
        mean = sum((F(t.value) for t in seg.numbers), F(0)) / len(seg.numbers)
        ctx.say(f"「{name}」取「{seg.text}」各数的平均：{fmt(mean)}")
        return mean
    if len(seg.numbers) > 1:
        raise Unknown("value-unquantified", f"实际完成值「{seg.text}」有多个数值，不知道哪个是公式中的「{name}」")
    token = seg.numbers[-1]
    value = _share(name, F(token.value), token.unit)
    others = [o for o in free if o != name and tl.affinity(seg, o) > 0 and o in seg.text]
    if others and "/" in seg.text and seg.text.index(name) >= seg.text.index(others[0]):
        value = F(1)  # A/B=2%: the ratio is given, A is that share of B, B is 1
    ctx.say(f"「{name}」取实际完成值中的「{seg.text}」：{fmt(value)}")
    return value


def _value(ctx: Ctx, e: rt.Expression, bound: dict[str, Fraction]) -> Fraction:
    """The exact value of the arithmetic."""
    if isinstance(e, rt.Number):
        return F(e.value) / 100 if e.unit == "%" else F(e.value)
    if isinstance(e, rt.Name):
        v = bound[e.name]
        if e.cap is not None:
            cap = F(e.cap) / 100
            if v > cap:
                ctx.say(f"「{e.name}」{fmt(v)} 超过 {fmt(e.cap)}%，按 {fmt(e.cap)}% 计")
                v = cap
        return v
    left, right = _value(ctx, e.left, bound), _value(ctx, e.right, bound)
    if e.op == "+":
        return left + right
    if e.op == "-":
        return left - right
    if e.op == "*":
        return left * right
    if right == 0:
        raise Unknown("zero-denominator", f"公式「{expr_text(e)}」的分母为 0，无法计算")
    return left / right
