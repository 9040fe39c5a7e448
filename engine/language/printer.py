"""Print a rule tree in canonical controlled Chinese.

The canonical form is what a reviewer reads back ("达到35微克/立方米，记10分；每减少1微克/立方米，
扣0.5分") and it parses back to the same tree: `parse(to_text(rule)) == rule`. Statements are
joined by "；", the parts of one statement by "，". It does not parse or evaluate.
"""

from __future__ import annotations

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
        return number(node.value) + unit
    if isinstance(node, rt.ClassLevel):
        return lexicon.class_label(node.rank)
    return node.name


_PRINTED = lexicon.table("comparators.printed")
_OP_TEXT = {op: _PRINTED[key] for op, key in ((">=", "ge"), ("<=", "le"), (">", "gt"), ("<", "lt"), ("=", "eq"))}


def predicate(node: rt.Predicate) -> str:
    if isinstance(node, rt.Condition):
        return node.text
    if isinstance(node, rt.Otherwise):
        return "否则"
    if isinstance(node, rt.Compare):
        subject = node.subject or ""
        tail = node.tail or ""
        value = operand(node.operand)
        if node.absolute:
            mark = {"<=": "以内", "<": "(不含)以内", ">=": "以上", ">": "(不含)以上"}.get(node.op, "以内")
            return f"{subject}±{value}{mark}{tail}"
        if node.op == "reach":
            return f"{subject}{_PRINTED['reach']}{value}{tail}"
        if node.op == "not_reach":
            return f"{subject}{_PRINTED['not_reach']}{value}{tail}"
        if node.op == "stated":
            return f"{subject}{value}{tail}"
        return f"{subject}{_OP_TEXT[node.op]}{value}{tail}"
    if isinstance(node, rt.Between):
        pm = "±" if node.absolute else ""
        low_mark = {True: "(含)", False: "(不含)", None: ""}[node.low_closed]
        high_mark = {True: "(含)", False: "(不含)", None: ""}[node.high_closed]
        within = "以内" if node.absolute else ""
        return (f"{node.subject or ''}{pm}{operand(node.low)}{low_mark}-{pm}{operand(node.high)}"
                f"{high_mark}{within}{node.tail or ''}")
    raise TypeError(node)


def points(node: rt.Points) -> str:
    if node.value is None:
        return "得满分"
    if node.value == 0:
        return "不得分"
    return f"记{number(node.value)}分"


def statement(node: rt.Statement) -> str:
    if isinstance(node, rt.Award):
        if node.points is None:
            return predicate(node.condition) if node.condition is not None else ""
        if node.condition is None:
            return points(node.points)
        if isinstance(node.condition, rt.Otherwise):
            return "否则" + points(node.points)
        return f"{predicate(node.condition)}，{points(node.points)}"
    if isinstance(node, rt.Step):
        head = f"{predicate(node.threshold)}，" if node.threshold is not None else ""
        ref = node.reference.name if node.reference else ""
        alt = ""
        if node.alt_size is not None:
            alt = f"或{'增加' if node.direction == 'increase' else '降低'}{operand(node.alt_size)}"
        verb = "扣" if node.effect == "deduct" else "加"
        base = f"在{number(node.base)}分基础上" if node.base is not None else ""
        return (f"{head}{node.subject or ''}每{node.verb}{ref}{operand(node.size)}{alt}{node.what or ''}，"
                f"{base}{verb}{number(node.points)}分")
    if isinstance(node, rt.Deduct):
        cond = predicate(node.condition) if node.condition is not None else ""
        if node.points is None:
            return f"{cond}扣分"
        return f"{cond}，扣{number(node.points)}分" if cond else f"扣{number(node.points)}分"
    if isinstance(node, rt.Floor):
        return "扣完为止"
    if isinstance(node, rt.DeductionCap):
        return f"最多扣{number(node.points)}分"
    if isinstance(node, rt.Cap):
        if node.share is not None:
            return f"累计得分不超过基础分的{number(node.share)}%"
        if node.points is not None:
            return f"最高得{number(node.points)}分"
        return "满分为止"
    if isinstance(node, rt.Proportional):
        if node.weight is not None:
            body = f"得分({number(node.weight)}分*执行率)"
        elif node.reverse:
            body = "年度指标值/全年实际值*该指标分值"
        elif node.effect == "deduct":
            body = "按比例减分"
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
    if isinstance(node, rt.Discretionary):
        return node.word
    if isinstance(node, rt.ChecklistItem):
        mark = _CIRCLED[node.number - 1] if 1 <= node.number <= len(_CIRCLED) else "①"
        return f"{mark}{node.label}，{number(node.points)}分"
    if isinstance(node, rt.Standard):
        return f"以{operand(node.operand)}为标准"
    if isinstance(node, rt.Applies):
        return f"(指标值为{'≥' if node.op == '>=' else '≤'}*)"
    if isinstance(node, (rt.Context, rt.Fragment)):
        return node.text
    raise TypeError(node)


def to_text(rule: rt.Rule) -> str:
    """The canonical text of `rule`."""
    return "；".join(statement(s) for s in rule.statements)
