"""Which way an indicator improves, and how we know: the one inference the evaluator, the
symbolic form and the lint all use."""

from __future__ import annotations

from engine import values as vals
from engine.language import tree as rt
from engine.language.printer import predicate as pred_text
from engine.scoring.numbers import F


_CONCENTRATION_UNITS = ("微克/立方米", "毫克/立方米", "毫克/升")


# Indicator names that say lower is better (a concentration, a cost, a delay, a complaint).
_LOWER_IS_BETTER = ("浓度", "成本", "费用", "超支", "投诉", "事故", "事件", "天数", "时长", "时间",
                    "偏差", "变动率", "控制率", "调整率", "排放", "能耗", "发生率", "违法", "违规", "差错", "率低")


def infer_direction(rule: rt.Rule, target, weight, indicator: str | None = None,
                    direction: str | None = None) -> tuple[str | None, str]:
    """Which way the indicator improves, and how we know, from the strongest evidence down:
    a declared direction, the target's comparator, a water class, where the rule itself gives
    its most (or least) points, the indicator's name, the rule's subject words, a
    concentration unit. Shared by the evaluator and the symbolic form (engine.lint.form)."""
    if direction in ("higher", "lower"):
        return direction, "声明的方向"
    d = vals.good_direction(target)
    if d:
        return d, f"年度指标值「{target.text}」的比较符"
    if isinstance(target, vals.OrdinalClass):
        return "lower", "水质类别越小越好"
    awards = [s for s in rule.of(rt.Award) if s.points is not None and isinstance(s.condition, rt.Compare)
              and not s.condition.absolute]
    if any(isinstance(s.condition.operand, rt.ClassLevel) for s in awards):
        return "lower", "水质类别越小越好"
    if awards:
        def pts(a):
            return F(weight) if a.points.value is None else F(a.points.value)
        best = max(awards, key=pts)
        worst = min(awards, key=pts)
        if pts(best) != pts(worst) or len(awards) == 1:
            if best.condition.op in ("<=", "<"):
                return "lower", f"规则在「{pred_text(best.condition)}」时给最高分"
            if best.condition.op in (">=", ">"):
                return "higher", f"规则在「{pred_text(best.condition)}」时给最高分"
            if worst.condition.op in ("<=", "<") and worst is not best:
                return "higher", f"规则在「{pred_text(worst.condition)}」时给最低分"
            if worst.condition.op in (">=", ">") and worst is not best:
                return "lower", f"规则在「{pred_text(worst.condition)}」时给最低分"
    name = indicator or ""
    for word in _LOWER_IS_BETTER:
        if word in name:
            return "lower", f"指标名称含「{word}」"
    subjects = [s.condition.subject for s in rule.of(rt.Award) if isinstance(s.condition, rt.Compare)]
    subjects += [s.subject for s in rule.of(rt.Step)]
    for subject in filter(None, subjects):
        for word in _LOWER_IS_BETTER:
            if word in subject:
                return "lower", f"评分标准说的是「{subject}」"
    units = {s.size.unit for s in rule.of(rt.Step)} | {
        s.condition.operand.unit for s in rule.of(rt.Award)
        if isinstance(s.condition, rt.Compare) and isinstance(s.condition.operand, rt.Quantity)}
    for unit in filter(None, units):
        if unit in _CONCENTRATION_UNITS:
            return "lower", f"单位「{unit}」是浓度"
    return None, ""
