"""Print a rule tree in canonical controlled Chinese.

The canonical form is what a reviewer reads back ("达到35微克/立方米，记10分；每减少1微克/立方米，
扣0.5分") and it parses back to the same tree: `parse(to_text(rule)) == rule`. Statements are
joined by "；", the parts of one statement by "，". It does not parse or evaluate.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from engine import lexicon
from engine.language import tree as rt
from engine.text.numbers import decimal_text

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"

number = decimal_text
"""The printed form of a number (engine.text.numbers.decimal_text), under the name callers use."""


def operand(node: rt.Operand) -> str:
    if isinstance(node, rt.Quantity):
        unit = node.unit or ""
        if unit == "百分点":
            unit = "个百分点"
        alt = f"(或{number(node.alt)}{unit})" if node.alt is not None else ""
        return number(node.value) + unit + alt
    if isinstance(node, rt.ClassLevel):
        return lexicon.class_label(node.rank)
    if isinstance(node, rt.DateMark):
        return date_text(node)
    return node.name


def date_text(node: rt.DateMark) -> str:
    """8月30日, 2024年10月底, 春节."""
    if node.holiday is not None:
        return (f"{node.year}年" if node.year else "") + node.holiday
    day = f"{node.day}日" if node.day else {"end": "底", "start": "初"}.get(node.part or "", "")
    return (f"{node.year}年" if node.year else "") + f"{node.month}月" + day


_PRINTED = lexicon.table("comparators.printed")
_OP_KEYS = {">=": "ge", "<=": "le", ">": "gt", "<": "lt", "=": "eq", "reach": "reach", "not_reach": "not_reach"}
_OP_TEXT = {op: _PRINTED[key] for op, key in _OP_KEYS.items()} | {"stated": ""}  # stated: a bare value, 100%：5分
_ABSOLUTE_MARK = {"<=": "以内", "<": "(不含)以内", ">=": "以上", ">": "(不含)以上"}
_CLOSED_MARK = {True: "(含)", False: "(不含)", None: ""}


def _compare(node: rt.Compare) -> str:
    subject, tail, value = node.subject or "", node.tail or "", operand(node.operand)
    if isinstance(node.operand, rt.DateMark):  # 在8月30日前分派完毕; 7月底后完成
        return f"{subject}{value}{'后' if node.op == '>' else '前'}{tail}"
    if node.absolute:
        return f"{subject}±{value}{_ABSOLUTE_MARK.get(node.op, '以内')}{tail}"
    if node.against is not None:
        before, after = _AGAINST_OP.get(node.op, ("", "以上"))
        return f"{subject}{_against(node)}{before}{value}{after}{tail}"
    return f"{subject}{_OP_TEXT[node.op]}{value}{tail}"


_AGAINST_OP = {">=": ("", "以上"), ">": ("超过", ""), "<=": ("", "以内"), "<": ("不足", "")}


def _against(node: rt.Compare | rt.Between) -> str:
    """比下达任务低 / 低 (the base said before) / 比计划高."""
    verb = "低" if node.against == "below" else "高"
    return f"比{node.base}{verb}" if node.base else verb


def _between(node: rt.Between) -> str:
    pm = "±" if node.absolute else ""
    within = "以内" if node.absolute else ""
    if node.against is not None:
        return (f"{node.subject or ''}{_against(node)}{operand(node.low)}{_CLOSED_MARK[node.low_closed]}-"
                f"{operand(node.high)}{_CLOSED_MARK[node.high_closed]}{node.tail or ''}")
    return (f"{node.subject or ''}{pm}{operand(node.low)}{_CLOSED_MARK[node.low_closed]}-{pm}{operand(node.high)}"
            f"{_CLOSED_MARK[node.high_closed]}{within}{node.tail or ''}")


def predicate(node: rt.Predicate) -> str:
    if isinstance(node, rt.Condition):
        return node.text
    if isinstance(node, rt.Otherwise):
        return "否则"
    if isinstance(node, rt.AnyOf):
        return "或".join(predicate(side) for side in node.sides)
    if isinstance(node, rt.Compare):
        return _compare(node)
    if isinstance(node, rt.Between):
        return _between(node)
    raise TypeError(node)


def points(node: rt.Points) -> str:
    if node.share is not None:
        return f"记分值的{number(node.share)}%"
    if node.upto is not None:
        return f"记{number(node.value if node.value is not None else Decimal(0))}-{number(node.upto)}分"
    if node.value is None:
        return "得满分"
    if node.value == 0:
        return "不得分"
    return f"记{number(node.value)}分"


# ---------------------------------------------------------------- statements, one function each


def _award(node: rt.Award) -> str:
    if node.points is None:
        return predicate(node.condition) if node.condition is not None else ""
    if node.condition is None:
        return points(node.points)
    if isinstance(node.condition, rt.Otherwise):
        return "否则" + points(node.points)
    return f"{predicate(node.condition)}，{points(node.points)}"


def _step(node: rt.Step) -> str:
    held = node.threshold if node.threshold is not None else node.within  # 80%-100%每降低1%…: where the steps hold
    head = f"{predicate(held)}，" if held is not None else ""
    ref = node.reference.name if node.reference else ""
    alt = ""
    if node.alt_size is not None:
        alt = f"或{'增加' if node.direction == 'increase' else '降低'}{operand(node.alt_size)}"
    verb = "扣" if node.effect == "deduct" else "加"
    base = f"在{number(node.base)}分基础上" if node.base is not None else ""
    band = ""
    if node.band_from is not None and node.band_points is not None:
        band = f"，{node.verb}{operand(node.band_from)}以上{verb}{number(node.band_points)}分"
    amount = "" if node.unstated else f"{number(node.points)}-{number(node.upto)}" if node.upto is not None \
        else number(node.points)
    return (f"{head}{node.subject or ''}每{node.per or ''}{node.verb}{ref}{operand(node.size)}{alt}{node.what or ''}，"
            f"{base}{verb}{amount}分{band}")


def _deduct(node: rt.Deduct) -> str:
    cond = predicate(node.condition) if node.condition is not None else ""
    if node.points is None:
        return f"{cond}扣分"
    if node.points == 0 and not node.below_zero:
        return f"{cond}不扣分"  # 低于区要求不扣分
    verb = "倒扣" if node.below_zero else "扣"
    amount = number(node.points) if node.upto is None else f"{number(node.points)}-{number(node.upto)}"
    c = node.condition
    if isinstance(c, rt.Compare) and c.against is not None and c.base is None and c.subject is None and c.tail is None:
        return f"{cond}{verb}{amount}分"  # 低2个以上扣3分: one phrase, as the grammar reads it
    return f"{cond}，{verb}{amount}分" if cond else f"{verb}{amount}分"


def _cap(node: rt.Cap) -> str:
    if node.share is not None:
        return f"累计得分不超过基础分的{number(node.share)}%"
    if node.points is not None:
        return f"最高得{number(node.points)}分"
    return "满分为止"


def _proportional(node: rt.Proportional) -> str:
    if node.weight is not None:
        body = f"得分({number(node.weight)}分*执行率)"
    elif node.rate:
        body = "得分=执行率*分值"
    elif node.reverse:
        body = "年度指标值/全年实际值*该指标分值"
    elif node.effect == "deduct":
        body = "按比例减分"
    elif node.percent:
        body = "按百分比得分"
    elif isinstance(node.scope, rt.Condition):
        body = "按比例计分"  # in-between-bands scoring, not the completion ratio
    else:
        body = "按完成比例计算得分"
    if node.scope is not None:
        # words and their clause are one phrase ("低于增幅的按比例减分"); a comparison is
        # set off by a comma so that its value cannot run into the formula ("变动率>0，…")
        joint = "" if isinstance(node.scope, rt.Condition) else "，"
        return f"{predicate(node.scope)}{joint}{body}"
    return body


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


def expression(node: rt.Expression, outer: int = 0, right: bool = False) -> str:
    """A formula's arithmetic, with only the parentheses its order needs."""
    if isinstance(node, rt.Number):
        unit = "分" if node.points else (node.unit or "")
        return number(node.value) + unit + (f"(或{number(node.alt)}{unit})" if node.alt is not None else "")
    if isinstance(node, rt.Name):
        cap = f"(超过{number(node.cap)}%以{number(node.cap)}%计算)" if node.cap is not None else ""
        return node.name + cap + (node.note or "")
    mine = _PRECEDENCE[node.op]
    text = f"{expression(node.left, mine)}{node.op}{expression(node.right, mine, right=True)}"
    return f"({text})" if mine < outer or (right and mine == outer) else text


def _formula(node: rt.Formula) -> str:
    body = f"{node.defines}={expression(node.expression)}" if node.defines else expression(node.expression)
    return f"{predicate(node.scope)}，{body}" if node.scope is not None else body


def _checklist_item(node: rt.ChecklistItem) -> str:
    mark = _CIRCLED[node.number - 1] if 1 <= node.number <= len(_CIRCLED) else "①"
    return f"{mark}{node.label}，{number(node.points)}分"


def _applies(node: rt.Applies) -> str:
    return f"(指标值为{'≥' if node.op == '>=' else '≤'}*)"


_STATEMENTS: dict[type, Callable[[Any], str]] = {
    rt.Award: _award,
    rt.Step: _step,
    rt.Deduct: _deduct,
    rt.Floor: lambda node: "扣完为止",
    rt.NoFloor: lambda node: "可扣至负分",
    rt.FullMarks: lambda node: f"满分{number(node.points)}分",
    rt.Numbered: lambda node: f"({node.number})",
    rt.DeductionCap: lambda node: f"最多{'加' if node.effect == 'add' else '扣'}{number(node.points)}分",
    rt.Cap: _cap,
    rt.Proportional: _proportional,
    rt.Formula: _formula,
    rt.Discretionary: lambda node: (f"{node.condition.text}，" if node.condition else "") + node.word,
    rt.ChecklistItem: _checklist_item,
    rt.PerItem: lambda node: f"{number(node.points)}分*{operand(node.count)}",
    rt.Standard: lambda node: f"以{operand(node.operand)}为标准",
    rt.Applies: _applies,
    rt.Context: lambda node: node.text + ":" if node.heading else node.text,
    rt.Fragment: lambda node: node.text,
}


def statement(node: rt.Statement) -> str:
    """The canonical text of one statement."""
    show = _STATEMENTS.get(type(node))
    if show is None:
        raise TypeError(node)
    return show(node)


def to_text(rule: rt.Rule) -> str:
    """The canonical text of `rule`: statements joined by "；", an item number (1) and a group
    heading (其它地区:) run on to the statement after it."""
    out: list[str] = []  # joined once: += on a str is quadratic where CPython cannot extend it in place
    for i, s in enumerate(rule.statements):
        before = rule.statements[i - 1] if i else None
        if i and not isinstance(before, rt.Numbered) and not (isinstance(before, rt.Context) and before.heading):
            out.append("；")
        out.append(statement(s))
    for e in rule.examples:
        verb = {"deduct": "扣", "score": "得", "bare": ""}[e.effect]
        out.append(f"；如{e.subject or ''}{operand(e.value)}{verb}{number(e.points)}分")
    return "".join(out)
