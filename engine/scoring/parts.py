"""Rules of several clauses, scored clause by clause against the parts of the actual that speak
of them (engine.scoring.tally):

- additive items, each a part: 格式规范得2.5分,内容完整得2.5分…; 有计划,得2分;有年终总结,得2分;
  1.…(3分) 2.…(2分); 以上指标,每项1.5分 — the items met add up (an actual 4项中3项达到 counts them);
- deductions counted per clause, each with its own cap: 一河一策少1条扣1分,最高扣4分;年度计划每少1条
  扣1分,最高扣4分 — each clause takes what the part of the actual about it counts;
- a deduction written after an item belongs to that item: 按时完整公开信息的得5分,…公开不及时的每次扣0.5分;
- conditions that zero the score (林下种水稻的不得分, 5%以上的不得分) and what the rule allows below 0
  (该项不得分,倒扣10分);
- bonuses counted from nothing: 每开展一项加2分,最高不超过4分.

A part whose item has a numeric condition (成活率在90%以上得15分,每下降一个百分点扣0.5分) is scored
by the rule's other shapes on the number the actual gives for it (成活率86%). Judgement calls (an
item the actual does not mention) are notes. Nothing here reads the rule's text or a cell's tier.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Callable

from engine import lexicon
from engine import values as vals
from engine.language import tree as rt
from engine.language.printer import predicate as pred_text
from engine.scoring import tally as tl
from engine.scoring.conditions import in_condition
from engine.scoring.context import Ctx
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import PARTIAL_STEP_NAMES, PartialStep, Result, Unknown
from engine.scoring.shape import is_count
from engine.values.meaning import meaning, opposite, same_claim

__all__ = ["Part", "applies", "score_parts", "split"]

Dispatch = Callable[[str, Ctx], Result]


@dataclass
class Part:
    """One item of a rule: the award that states it (None for deductions written on their own)
    and the statements after it that belong to it (its deductions, caps, 否则)."""

    head: rt.Award | None
    members: list[rt.Statement] = field(default_factory=list)


_MEMBERS = (rt.Step, rt.Deduct, rt.DeductionCap, rt.Cap, rt.Discretionary, rt.Floor, rt.Proportional, rt.Formula, rt.Award,
            rt.Fragment)


def _zeroing(s: rt.Statement) -> bool:
    """林下种水稻的不得分, 5%以上的不得分: an award of 0 points for a condition."""
    return isinstance(s, rt.Award) and s.points is not None and s.points.value == 0 and s.points.upto is None \
        and s.points.share is None and s.condition is not None and not isinstance(s.condition, rt.Otherwise)


def _head(s: rt.Statement) -> bool:
    """An award that states an item: points for a condition (记1分 with no condition, in the middle
    of a rule, is not one)."""
    return isinstance(s, rt.Award) and s.condition is not None and not isinstance(s.condition, rt.Otherwise) \
        and not _zeroing(s) \
        and (s.points is None or s.points.value != 0 or s.points.upto is not None or s.points.share is not None)


def split(rule: rt.Rule) -> tuple[list[Part], list[rt.Award]]:
    """The parts of a rule in order, and its zeroing awards (wherever they are written)."""
    parts = [Part(None)]
    zeroing: list[rt.Award] = []
    for s in rule.statements:
        if _zeroing(s):
            assert isinstance(s, rt.Award)
            zeroing.append(s)
        elif _head(s):
            assert isinstance(s, rt.Award)
            if parts[-1].head is not None or parts[-1].members:
                parts.append(Part(s))
            else:
                parts[-1].head = s
        elif isinstance(s, rt.Numbered) and (parts[-1].head is not None or parts[-1].members):
            parts.append(Part(None))
        elif isinstance(s, _MEMBERS):
            parts[-1].members.append(s)
    return [p for p in parts if p.head is not None or p.members], zeroing


_ITEMS_ABOVE = lexicon.words("steps.items_above")


def _per_item(rule: rt.Rule) -> rt.Step | None:
    """以上指标,每项1.5分: points for each item, written once for all (the step names no subject,
    or one that points back at the items: 以上指标, 上述各项)."""
    return next((s for s in rule.of(rt.Step) if s.effect == "add" and (s.subject is None or s.subject.startswith(_ITEMS_ABOVE))
                 and s.what is None and s.per is None and s.size.value == 1 and is_count(s)), None)


def head_points(ctx: Ctx, head: rt.Award) -> tuple[Fraction, Fraction] | None:
    """What an item gives: its points (low, high), None when the rule writes none for it."""
    p = head.points
    if p is None:
        each = _per_item(ctx.rule)
        return (F(each.points), F(each.points)) if each is not None else None
    if p.share is not None:
        v = ctx.weight * F(p.share) / 100
        return v, v
    if p.value is None:
        return ctx.weight, ctx.weight
    return F(p.value), F(p.upto if p.upto is not None else p.value)


def _total(ctx: Ctx) -> Fraction:
    marks = ctx.rule.of(rt.FullMarks)
    return F(marks[0].points) if marks else ctx.weight


def additive(ctx: Ctx, parts: list[Part]) -> bool:
    """Do the items add up (their points make the rule's full marks, or they are numbered)?"""
    heads = [p.head for p in parts if p.head is not None]
    if len(heads) < 2:
        return False
    points = [head_points(ctx, h) for h in heads]
    if any(p is None for p in points):
        return _per_item(ctx.rule) is not None
    high = sum((p[1] for p in points if p is not None), F(0))
    numbered = len(ctx.rule.of(rt.Numbered)) >= 2 and len(heads) == len(ctx.rule.of(rt.Numbered))
    return abs(high - _total(ctx)) < Fraction(1, 100) or numbered


def _clauses(part: Part) -> list[rt.Statement]:
    """The clauses of a part a segment of the actual may speak of (a 倒扣 goes with the zeroing
    award it follows)."""
    return [s for s in ([part.head] if part.head else []) + part.members
            if isinstance(s, (rt.Award, rt.Step, rt.Deduct, rt.Discretionary))
            and not (isinstance(s, rt.Deduct) and s.below_zero)]


def _counted(rule: rt.Rule) -> list[rt.Statement]:
    """The clauses that take points for what the actual reports (fixed or counted deductions,
    a discretionary clause with its condition, 倒扣) and bonuses counted from nothing."""
    out: list[rt.Statement] = []
    for s in rule.statements:
        if isinstance(s, rt.Deduct) and (s.points is not None or s.condition is not None):
            out.append(s)
        elif isinstance(s, rt.Step) and (s.direction == "occurrence" or is_count(s)):
            out.append(s)
        elif isinstance(s, rt.Discretionary) and s.condition is not None:
            out.append(s)
    return out


def _worded(actual: vals.Value | None) -> bool:
    """Does the actual say more than a number (查到未出勤2次, 有计划,无年终总结)?"""
    if actual is None or isinstance(actual, (vals.OrdinalClass, vals.Range)):
        return False
    text = getattr(actual, "text", "")
    core = tl.core(text).replace("#", "")
    unit = getattr(actual, "unit", None) or ""
    return bool(core.replace(unit, "").strip("%"))


def applies(ctx: Ctx) -> bool:
    """Is this rule of several clauses, read against an actual in words, scored clause by
    clause? (A number alone, and a symbolic actual, are scored by the rule's numeric shape.)"""
    if ctx.symbolic or ctx.clause or not _worded(ctx.actual):
        return False
    from engine.scoring.steps import count_table  # steps imports nothing of this module
    if count_table(ctx.rule):  # 发现1例扣0.5分，发现2例扣1.5分: one table, the actual's count picks the row
        return False
    parts, zeroing = split(ctx.rule)
    if additive(ctx, parts):
        return True
    heads = [p.head for p in parts if p.head is not None]
    clauses = len(_counted(ctx.rule)) + len(zeroing)
    return len(heads) <= 1 and (clauses >= 2 or (clauses == 1 and bool(_counted(ctx.rule))
                                                  and isinstance(ctx.actual, vals.Unquantified)))


# ---------------------------------------------------------------- scoring


@dataclass
class _Heard:
    """Which parts of the actual speak of which clause."""

    by_clause: dict[int, list[tl.Segment]]
    unplaced: list[tl.Segment]
    problems: bool  # the actual reports something that takes points (a deduction heard)
    # segments that speak of two or more clauses alike which take different points: the clause
    # each was given (the first) and the others it may as well be (发现问题3处: 轻微 or 严重)
    ties: list[tuple[tl.Segment, rt.Statement, list[rt.Statement]]] = field(default_factory=list)

    def of(self, statement: rt.Statement | None) -> list[tl.Segment]:
        return self.by_clause.get(id(statement), []) if statement is not None else []

    def variants(self) -> list[_Heard]:
        """The hearings with every tied segment given to each of its other clauses, in turn and
        together (at most _MAX_VARIANTS; more is an Unknown: the score is not narrowed)."""
        choices = [[given, *others] for _, given, others in self.ties]
        combos = math.prod(len(c) for c in choices)
        if combos - 1 > _MAX_VARIANTS:
            raise Unknown("actual-ambiguous", "实际完成值有多处没有写明属于评分标准的哪一条，组合太多，无法给出范围")
        out = []
        for pick in itertools.product(*choices):
            if all(p is c[0] for p, c in zip(pick, choices)):
                continue
            by_clause = {k: list(v) for k, v in self.by_clause.items()}
            for (seg, given, _), chosen in zip(self.ties, pick):
                if chosen is given:
                    continue
                by_clause[id(given)] = [x for x in by_clause[id(given)] if x is not seg]
                by_clause.setdefault(id(chosen), []).append(seg)
            out.append(_Heard({k: v for k, v in by_clause.items() if v}, self.unplaced, self.problems))
        return out


_MAX_VARIANTS = 63


def _price(statement: rt.Statement) -> object:
    """What a taking clause charges, to tell whether two clauses a segment ties for differ."""
    if isinstance(statement, rt.Step):
        return ("step", statement.points, statement.upto, statement.size.value, statement.size.unit, statement.effect)
    if isinstance(statement, rt.Deduct):
        return ("deduct", statement.points)
    return ("other", id(statement))


def _hear(ctx: Ctx, parts: list[Part], zeroing: list[rt.Award], items: bool) -> _Heard:
    text = getattr(ctx.actual, "text", "")
    segs = tl.segments(text, items=items)
    clauses = [c for c in [c for p in parts for c in _clauses(p)] + list(zeroing) if not _costs_nothing(c)]
    leads = _leads(ctx.rule)
    owners = tl.candidates(segs, [leads.get(id(c), "") + tl.clause_words(ctx.rule, c) for c in clauses])
    by_clause: dict[int, list[tl.Segment]] = {}
    unplaced = []
    ties = []
    for seg, tied in zip(segs, owners):
        if not tied:
            unplaced.append(seg)
            continue
        by_clause.setdefault(id(clauses[tied[0]]), []).append(seg)
        others = _priced_apart(clauses[tied[0]], [clauses[i] for i in tied[1:]])
        if others:
            ties.append((seg, clauses[tied[0]], others))
    taking = [c for p in parts for c in p.members if isinstance(c, (rt.Step, rt.Deduct, rt.Discretionary))]
    problems = any(id(c) in by_clause for c in taking + list(zeroing))
    return _Heard(by_clause, unplaced, problems, ties)


def _priced_apart(given: rt.Statement, tied: list[rt.Statement]) -> list[rt.Statement]:
    """The clauses tied with `given` that charge otherwise, when all of them are taking clauses
    that count (a segment tied between an item and a deduction is left to the first, as before)."""
    kinds = (rt.Step, rt.Deduct)
    if not isinstance(given, kinds) or not all(isinstance(t, kinds) for t in tied):
        return []
    seen = {_price(given)}
    out = []
    for t in tied:
        if _price(t) not in seen:
            seen.add(_price(t))
            out.append(t)
    return out


def _costs_nothing(statement: rt.Statement) -> bool:
    """低于区要求不扣分: a clause that takes nothing; no part of the actual is heard for it."""
    return isinstance(statement, rt.Deduct) and statement.points is not None and statement.points == 0


def _leads(rule: rt.Rule) -> dict[int, str]:
    """The clause that costs nothing opens a group (市考评案件宗数低于区要求不扣分,超出部分每宗次扣1分,…;
    区考评…不扣分,超出部分…): its words say whose 超出部分 the steps after it count, up to the next."""
    out: dict[int, str] = {}
    lead = ""
    for s in rule.statements:
        if _costs_nothing(s):
            lead = tl.clause_words(rule, s)
        elif isinstance(s, rt.Step) and lead:
            out[id(s)] = lead
    return out


def _without_per_item(rule: rt.Rule, parts: list[Part]) -> list[Part]:
    """以上指标,每项1.5分: the points of every item, not a clause the actual reports."""
    each = _per_item(rule)
    if each is None:
        return parts
    return [Part(p.head, [m for m in p.members if m is not each]) for p in parts]


def score_parts(ctx: Ctx, dispatch: Dispatch) -> Result:
    """A rule of several clauses against an actual in words (see `applies`)."""
    parts, zeroing = split(ctx.rule)
    add = additive(ctx, parts)
    if add:
        parts = _without_per_item(ctx.rule, parts)
    counted = tl.items_met(getattr(ctx.actual, "text", ""))
    if add and counted is not None:
        return _items_counted(ctx, parts, counted)
    heard = _hear(ctx, parts, zeroing, items=add)
    if heard.unplaced and not heard.by_clause:
        raise Unknown("actual-unplaced", f"实际完成值「{getattr(ctx.actual, 'text', '')}」与评分标准的各条都对不上："
                      "不知道哪一条适用，无法计算")
    for seg in heard.unplaced:
        ctx.note("actual-unplaced", f"实际完成值中的「{seg.text}」与评分标准的各条都对不上，未计入")
    zero, low, high = _heard_score(ctx, parts, zeroing, heard, add, dispatch)
    if zero:
        return "score", low, high
    low, high = _over_ties(ctx, parts, zeroing, heard, add, dispatch, (low, high))
    ctx.say(f"合计：{fmt(low)} 分" if low == high else f"合计：{fmt(low)}–{fmt(high)} 分")
    result: Result = ("score" if low == high else "range"), low, high
    _partial_readings(ctx, dispatch, result)
    return result


def _heard_score(ctx: Ctx, parts: list[Part], zeroing: list[rt.Award], heard: _Heard, add: bool,
                 dispatch: Dispatch) -> tuple[bool, Fraction, Fraction]:
    """The score of one hearing of the actual: (zeroed by a condition, least, most)."""
    zero = _zeroed(ctx, zeroing, heard)
    if zero is not None:
        return True, zero, zero
    if add:
        low = high = F(0)
        ctx.say(f"评分标准各项相加（共 {len([p for p in parts if p.head])} 项，合计 {fmt(_total(ctx))} 分）：")
        for part in parts:
            lo, hi = _item(ctx, part, heard, dispatch)
            low, high = low + lo, high + hi
    else:
        low, high = _from_base(ctx, parts, heard, dispatch)
    return False, _floored(ctx, low), _floored(ctx, high)


def _over_ties(ctx: Ctx, parts: list[Part], zeroing: list[rt.Award], heard: _Heard, add: bool,
               dispatch: Dispatch, got: tuple[Fraction, Fraction]) -> tuple[Fraction, Fraction]:
    """A part of the actual that does not say which of two clauses it is (发现问题3处 against
    轻微问题每处扣0.1分, 严重问题每处扣0.5分): the score under each, the range over them all. A count
    split between the clauses lies between, but for a cap after a clause (a split may then take
    more than either clause alone): the least is then 0."""
    if not heard.ties:
        return got
    low, high = got
    for variant in heard.variants():
        probe = replace(ctx, trace=[], notes=[], alternatives={}, probing=True)
        _, lo, hi = _heard_score(probe, parts, zeroing, variant, add, dispatch)
        low, high = min(low, lo), max(high, hi)
    if any(isinstance(m, rt.DeductionCap) for p in parts for m in p.members):
        low = F(0) if low > 0 and not add else low
    for seg, given, others in heard.ties:
        names = "」或「".join(tl.clause_words(ctx.rule, c) for c in [given, *others])
        ctx.note("actual-ambiguous", f"实际完成值「{seg.text}」没有写明是「{names}」：按各条分别计，得分给出范围")
    return low, high


def _floored(ctx: Ctx, x: Fraction) -> Fraction:
    if x < 0 and not ctx.rule.of(rt.NoFloor):
        return F(0)
    return x


def _items_counted(ctx: Ctx, parts: list[Part], counted: tuple[int, int]) -> Result:
    """4项中3项达到: the items met, counted; their points when every item gives the same."""
    of, met = counted
    points = [head_points(ctx, p.head) for p in parts if p.head is not None]
    if of == met:
        of = met = met or len(points)  # 全部达到: every item
        ctx.say(f"实际完成值写明全部 {met} 项达到")
    else:
        ctx.say(f"实际完成值写明 {of} 项中 {met} 项达到")
    if any(p is None for p in points) or not points:
        raise Unknown("actual-unmatched", "评分标准各项的分值不全，无法按达到的项数计分")
    if of != len(points):
        ctx.note("items-count", f"实际完成值说共 {of} 项，评分标准列了 {len(points)} 项：按达到的项数计")
    values = sorted(p[1] for p in points if p is not None)
    if len(set(values)) == 1:
        score = values[0] * met
        ctx.say(f"每项 {fmt(values[0])} 分 × {met} 项 = {fmt(score)} 分")
        return "score", score, score
    low, high = sum(values[:met], F(0)), sum(values[-met:], F(0)) if met else F(0)
    ctx.say(f"各项分值不同，没写明是哪 {met} 项：{fmt(low)}–{fmt(high)} 分")
    return "range", low, high


def unstated_items(ctx: Ctx) -> Result | None:
    """制度健全(2分)；执行到位(1分)；资料齐全(1分) with no actual: which items were met is not said, so
    the score is anything from 0 to the items' sum (None: not a rule of items that add up)."""
    if ctx.symbolic or ctx.clause or ctx.actual is not None:
        return None
    parts, _ = split(ctx.rule)
    if not additive(ctx, parts):
        return None
    points = [head_points(ctx, p.head) for p in parts if p.head is not None]
    if any(p is None for p in points):
        return None
    high = sum((p[1] for p in points if p is not None), F(0))
    ctx.say(f"评分标准各项相加（共 {len(points)} 项，合计 {fmt(high)} 分）；实际完成值没有写明达到哪几项：0–{fmt(high)} 分")
    return "range", F(0), high


def _zeroed(ctx: Ctx, zeroing: list[rt.Award], heard: _Heard) -> Fraction | None:
    """A zeroing condition the actual states (林下种水稻, 非贫困户占比6% against 5%以上的不得分):
    the score is 0, or what the rule deducts below 0 (倒扣10分)."""
    for award in zeroing:
        for seg in heard.of(award):
            if not _holds(ctx, award, seg):
                continue
            cond = pred_text(award.condition) if award.condition is not None else ""
            ctx.decided(award)
            ctx.say(f"实际完成值「{seg.text}」即「{cond}」：该项不得分")
            below = next((d for d in ctx.rule.of(rt.Deduct) if d.below_zero and d.condition == award.condition), None)
            if below is not None and below.points is not None:
                ctx.say(f"并倒扣 {fmt(below.points)} 分：0 − {fmt(below.points)} = −{fmt(below.points)} 分")
                ctx.note("below-zero", f"评分标准写明倒扣 {fmt(below.points)} 分，得分低于 0 是规则允许的")
                ctx.below_zero = True
                return -F(below.points)
            return F(0)
    return None


def _holds(ctx: Ctx, award: rt.Award, seg: tl.Segment) -> bool:
    """Does the segment state the award's condition? A numeric one is compared with its number."""
    cond = award.condition
    if isinstance(cond, (rt.Compare, rt.Between)) and seg.numbers:
        try:
            return in_condition(ctx, cond, F(seg.numbers[0].value))
        except Unknown:
            return False
    return tl.agrees(seg, tl.clause_words(ctx.rule, award))


def _numeric(ctx: Ctx, part: Part, heard: _Heard) -> tl.Segment | None:
    """The segment giving the number of an item with a numeric condition (成活率86% for
    成活率在90%以上得15分…), or None."""
    head = part.head
    if head is None or not isinstance(head.condition, (rt.Compare, rt.Between)):
        return None
    for seg in heard.of(head):
        if seg.numbers:
            return seg
    for m in part.members:
        # a level the steps measure from the item's threshold (全年更换2次 against ≥4次,得4分;少1次
        # 扣1分), not a count the actual states (信息上报差3条: that clause's own count)
        if isinstance(m, rt.Step) and m.direction in ("decrease", "increase"):
            for seg in heard.of(m):
                if seg.numbers and not (m.verb and m.verb in seg.text):
                    return seg
        if isinstance(m, (rt.Formula, rt.Proportional)):
            for seg in heard.of(m):
                if seg.numbers:
                    return seg
    return None


def _sub(ctx: Ctx, part: Part, seg: tl.Segment, weight: Fraction, dispatch: Dispatch) -> tuple[Fraction, Fraction]:
    """An item with a numeric condition, scored by the rule's other shapes on its own number."""
    from engine.scoring.shape import shape

    statements = tuple(s for s in [part.head, *part.members] if s is not None)
    rule = rt.Rule(statements, text=ctx.rule.text, span=ctx.rule.span)
    target = _target(ctx, part)
    sub = Ctx(rule, target, vals.parse_value(seg.text), weight, ctx.partial, ctx.indicator, ctx.direction,
              clause=True)
    status, low, high = dispatch(shape(rule), sub)
    ctx.trace.extend("  " + line for line in sub.trace)
    ctx.notes.extend(sub.notes)
    ctx.convention = ctx.convention or sub.convention
    low, high = max(F(0), min(low, weight)), max(F(0), min(high, weight))
    return low, high


def _target(ctx: Ctx, part: Part) -> vals.Value | None:
    """The target of one item: the part of a target cell that speaks of it (完成率100%;成活率95%)."""
    text = getattr(ctx.target, "text", "")
    segs = tl.segments(text)
    if len(segs) < 2:
        return ctx.target
    words = "".join(tl.clause_words(ctx.rule, s) for s in [part.head, *part.members] if s is not None)
    best = max(segs, key=lambda seg: tl.affinity(seg, words))
    return vals.parse_value(best.text)


def _verdict(seg: tl.Segment, words: str) -> bool | None:
    """Does a part of the actual say the item was done (True), not done (False), or neither
    (None: 正在编写总结 for 有年终总结, 基本明确 for 明确)? By meaning first (engine.values.meaning),
    then, for words that share no qualifier, by whether both say it happened."""
    said, item = meaning(seg.text), meaning(words)
    if same_claim(said, item) is not None:
        return True
    if same_claim(said, opposite(item)) is not None:
        return False
    if said.degree != item.degree:
        return None
    return tl.agrees(seg, words)


def _met(ctx: Ctx, part: Part, heard: _Heard) -> bool:
    """Is the item done? As the actual says; not mentioned, it is done when the actual reports
    problems (what is not named went well) and not done when it lists what was done."""
    assert part.head is not None
    said = heard.of(part.head)
    words = tl.clause_words(ctx.rule, part.head)
    label = pred_text(part.head.condition) if part.head.condition is not None else "该项"
    if said:
        verdicts = [_verdict(seg, words) for seg in said]
        if None in verdicts:
            unclear = "、".join(seg.text for seg, v in zip(said, verdicts) if v is None)
            raise Unknown("actual-unmatched", f"实际完成值「{unclear}」既不是「{label}」，也不是它的反面，无法判断该项是否做到")
        met = all(verdicts)
        ctx.say(f"「{label}」：实际完成值「{'、'.join(s.text for s in said)}」→ {'做到' if met else '未做到'}")
        return met
    if any(heard.of(m) for m in part.members) or heard.problems:
        ctx.note("item-unmentioned", f"实际完成值没有提到「{label}」；它列的是扣分情形，按该项已做到计")
        return True
    ctx.note("item-unmentioned", f"实际完成值没有提到「{label}」；它列的是做到的各项，按该项未做到计")
    return False


def _item(ctx: Ctx, part: Part, heard: _Heard, dispatch: Dispatch) -> tuple[Fraction, Fraction]:
    """One item of an additive rule: its points when done, less what its own deductions take."""
    if part.head is None:
        low, high = _deductions(ctx, part.members, heard, F(0))
        return -high, -low
    points = head_points(ctx, part.head)
    if points is None:
        raise Unknown("band-points-unwritten", "评分标准的某一项没有写分值")
    seg = _numeric(ctx, part, heard)
    if seg is not None:
        return _sub(ctx, part, seg, points[1], dispatch)
    if not _met(ctx, part, heard):
        return _otherwise(ctx, part, points)
    taken_low, taken_high = _deductions(ctx, part.members, heard, points[1])
    low, high = max(F(0), points[0] - taken_high), max(F(0), points[1] - taken_low)
    return (F(0), high) if _unread(ctx, part.members) else (low, high)


def _unread(ctx: Ctx, members: list[rt.Statement]) -> bool:
    """A clause of the part was not understood: it may take anything (the part's range starts at 0)."""
    unread = [m for m in members if isinstance(m, rt.Fragment)]
    for f in unread:
        ctx.note("unread-clause", f"「{f.text}」未能读懂，它可能扣分：这一项的得分按 0 到其余各条给出的分数之间计")
    return bool(unread)


def _otherwise(ctx: Ctx, part: Part, points: tuple[Fraction, Fraction]) -> tuple[Fraction, Fraction]:
    """An item not done: what its 否则 gives (否则酌情扣分: anything up to its points), else 0."""
    for m in part.members:
        if isinstance(m, rt.Discretionary) and m.condition is None:
            ctx.say(f"  否则「{m.word}」：0–{fmt(points[1])} 分")
            return F(0), points[1]
        if isinstance(m, rt.Award) and isinstance(m.condition, rt.Otherwise) and m.points is not None:
            v = ctx.weight if m.points.value is None else F(m.points.value)
            return v, v
    return F(0), F(0)


def _from_base(ctx: Ctx, parts: list[Part], heard: _Heard, dispatch: Dispatch) -> tuple[Fraction, Fraction]:
    """Deductions from the rule's full marks (or bonuses from 0 when the rule only adds)."""
    heads = [p.head for p in parts if p.head is not None]
    members = [m for p in parts for m in p.members]
    seg = _numeric(ctx, parts[0], heard) if len(parts) == 1 and parts[0].head is not None else None
    if seg is not None:
        return _sub(ctx, parts[0], seg, ctx.weight, dispatch)
    base = F(0) if _only_adds(heads, members) and not ctx.rule.of(rt.FullMarks) else _base(ctx, heads)
    ctx.say(f"基础分：{fmt(base)} 分")
    taken_low, taken_high = _deductions(ctx, members, heard, base)
    if _unread(ctx, members):
        return F(0), base - taken_low
    return base - taken_high, base - taken_low


def _only_adds(heads: list[rt.Award], members: list[rt.Statement]) -> bool:
    """No head awards and every clause that moves the score is a bonus step: it starts from 0."""
    takes = [m for m in members if isinstance(m, (rt.Step, rt.Deduct, rt.Discretionary))]
    return not heads and bool(takes) and all(isinstance(m, rt.Step) and m.effect == "add" for m in takes)


def _base(ctx: Ctx, heads: list[rt.Award]) -> Fraction:
    if ctx.rule.of(rt.FullMarks):
        return _total(ctx)
    if heads:
        points = head_points(ctx, heads[0])
        if points is not None:
            return points[1]
    return ctx.weight


def _deductions(ctx: Ctx, members: list[rt.Statement], heard: _Heard,
                base: Fraction) -> tuple[Fraction, Fraction]:
    """What the clauses the actual reports take (negative: a bonus), each capped by the cap
    written after it: (least, most)."""
    low = high = F(0)
    for i, m in enumerate(members):
        segs = heard.of(m)
        if not segs or not isinstance(m, (rt.Step, rt.Deduct, rt.Discretionary)):
            continue
        words = tl.clause_words(ctx.rule, m)
        # a count of events says they happened (2次投诉, 核实投诉2户); words say yes or no
        agreeing = [seg for seg in segs if tl.agrees(seg, words) or isinstance(m, rt.Step) and bool(seg.numbers)]
        if not agreeing:
            ctx.say(f"实际完成值「{'、'.join(s.text for s in segs)}」说的是没有出现「{words}」，不扣分")
            continue
        if isinstance(m, rt.Discretionary):
            ctx.say(f"「{words}」：酌情扣分，可扣 0–{fmt(base)} 分")
            high += base
            continue
        amount = _amount(ctx, m, agreeing, words)
        cap = _cap_after(members, i)
        if cap is not None and abs(amount) > cap:
            ctx.say(f"  此条最多扣（加）{fmt(cap)} 分：{fmt(abs(amount))} → {fmt(cap)}")
            amount = cap if amount > 0 else -cap
        low, high = low + amount, high + amount
    return low, high


def _amount(ctx: Ctx, m: rt.Step | rt.Deduct, segs: list[tl.Segment], words: str) -> Fraction:
    """What one clause takes (a bonus: negative) for the segments that report it."""
    said = "、".join(s.text for s in segs)
    if isinstance(m, rt.Deduct):
        if m.points is None:
            raise Unknown("band-points-unwritten", f"「{words}」扣分，但没有写扣几分")
        ctx.decided(m)
        ctx.say(f"「{said}」即「{words}」：扣 {fmt(m.points)} 分")
        return F(m.points)
    times = F(0)
    for seg in segs:
        n = tl.count(seg, m.size.unit, m.per)
        if n is None:
            n = F(1)
            ctx.note("count-once", f"实际完成值「{seg.text}」没有写次数，按 1 次计")
        times += n
    steps = _whole_steps(ctx, times, F(m.size.value)) if m.size.value else times
    amount = steps * F(m.points)
    ctx.decided(m)
    verb = "加" if m.effect == "add" else "扣"
    ctx.say(f"「{said}」对应「{words}」：{fmt(times)}{m.size.unit or ''} → {fmt(steps)} × {fmt(m.points)} = "
            f"{verb} {fmt(amount)} 分")
    return -amount if m.effect == "add" else amount


def _whole_steps(ctx: Ctx, times: Fraction, size: Fraction) -> Fraction:
    """The steps in `times` under the reading of an incomplete step (whole steps by default);
    an incomplete one is marked, so that `score_parts` gives the other readings."""
    raw = times / size
    if raw == math.floor(raw):
        return raw
    ctx.partial_seen = True
    ctx.convention = ctx.partial
    return {"floor": F(math.floor(raw)), "proportional": raw, "ceiling": F(math.ceil(raw))}[ctx.partial]


def _partial_readings(ctx: Ctx, dispatch: Dispatch, result: Result) -> None:
    """An incomplete step in a clause: what the other readings of it give, run again under each."""
    if not ctx.partial_seen or ctx.probing or result[0] != "score":
        return
    shown = []
    readings: tuple[PartialStep, ...] = ("floor", "proportional", "ceiling")
    for name in readings:
        if name == ctx.partial:
            continue
        probe = Ctx(ctx.rule, ctx.target, ctx.actual, ctx.weight, name, ctx.indicator, ctx.direction, probing=True)
        try:
            status, low, _ = score_parts(probe, dispatch)
        except Unknown:
            continue
        if status == "score":
            ctx.alternatives[name] = low
            shown.append(f"若{PARTIAL_STEP_NAMES[name]}得 {fmt(low)} 分")
    if shown:
        ctx.note("partial-step", f"不足一步的部分是判断问题：本结果{PARTIAL_STEP_NAMES[ctx.partial]}；" + "；".join(shown))


def _cap_after(members: list[rt.Statement], i: int) -> Fraction | None:
    """The cap written right after a clause (少1条扣1分,最高扣4分), before the next clause."""
    for m in members[i + 1:]:
        if isinstance(m, rt.DeductionCap):
            return F(m.points)
        if isinstance(m, rt.Cap) and m.points is not None:
            return F(m.points)
        if isinstance(m, (rt.Step, rt.Deduct)):
            return None
    return None
