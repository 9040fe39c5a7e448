"""Join a rule's phrases (`engine.language.chunks`) into its statements (`engine.language.tree`).

How chunks are joined (the only place where a separator's kind matters):
- ，and 、 join phrases of one statement; ；。| end a statement.
- words and conditions wait ("pending") for what follows in the same statement:
  an award without its own condition takes them as its condition ("无结余，3分");
  a deduction without a condition takes them ("未按时完成的，扣2分");
  a step takes a single comparison as its threshold ("三公经费">0，每超过…);
  a proportional clause takes a comparison as its scope ("15-30日，按比例减分");
  a checklist item or condition continued after 、 takes the words into its label.
- words still pending when a statement ends are context if nothing has been scored yet
  (无特殊原因), otherwise a fragment; a comparison still pending is a band whose points are
  printed elsewhere when the rule awards no points at all, otherwise a fragment.

One pass, linear in the number of chunks. It reports P005 (a step without points) and P007 (a
condition or checklist item without points); nothing here reads text or knows lark.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any, cast

from engine import lexicon
from engine.language import tree as rt
from engine.language.pieces import text_of
from engine.language.categories import Listed, names, thresholds_by_category
from engine.language.chunks import (Adjust, AdjustChunk, AwardChunk, ChecklistChunk, Chunk, ConditionChunk, FragmentChunk,
                                    ProportionalChunk, StatementChunk, StepBandChunk, StepChunk, Trigger, TriggerChunk,
                                    WordsChunk)
from engine.language.diagnostics import Diagnostic
from engine.lazy_dataclass import dataclass
from engine.language.operands import with_fields
from engine.language.printer import predicate as predicate_text
from engine.language.respective import Respective, pair

__all__ = ["assemble"]

_STRONG = set(";。|.()")


@dataclass
class _OpenChecklist:
    """A checklist item whose points have not come yet (①…、…，1分)."""

    number: int
    label: str
    start: int
    end: int
    label_start: int


def _single_compare(pending: list[Chunk], allow_between: bool = False) -> rt.Compare | rt.Between | None:
    """The one comparison pending, if that is all that is pending."""
    if len(pending) == 1 and isinstance(pending[0], ConditionChunk):
        pred = pending[0].predicate
        if isinstance(pred, rt.Compare) or (allow_between and isinstance(pred, rt.Between)):
            return pred
    return None


_DIRECTION_KEYS: tuple[tuple[rt.StepDirection, tuple[str, ...]], ...] = (
    ("decrease", ("steps.decrease", "comparators.rule.lt_step")),
    ("increase", ("steps.increase", "steps.increase_after_each", "comparators.rule.gt_step")),
    ("deviation", ("steps.deviation",)),
    ("occurrence", ("steps.occurrence",)),
)
_DIRECTIONS = {verb: direction for direction, keys in _DIRECTION_KEYS for key in keys for verb in lexicon.words(key)}
_DIRECTIONS |= {verb + doing: _DIRECTIONS[verb] for verb in list(_DIRECTIONS) for doing in lexicon.words("steps.doing")
                if _DIRECTIONS[verb] in ("decrease", "increase")}  # 每少完成10%: the verb's direction
_DIRECTIONS[""] = "occurrence"
_OCCURRENCE = {verb for verb, direction in _DIRECTIONS.items() if direction == "occurrence"}
_MODAL = lexicon.words("tiers.requirement.modal")


def _required(pred: rt.Predicate) -> bool:
    """A measured comparison written as a requirement: its subject ends with 应 / 须 / 必须 …"""
    return isinstance(pred, (rt.Compare, rt.Between)) and _measured(pred) and (pred.subject or "").endswith(_MODAL)


_LEVEL_UNITS = {"%", "百分点", "个百分点"}
"""Units of a step that measures a level (每低1个百分点), not a count (每少1项)."""

_DESCRIBES_OPEN = lexicon.words("formulas.describes_open")
_DESCRIBES_CLOSE = lexicon.words("formulas.describes_close")
_COUNT_UNITS = set(lexicon.words("units.count"))  # 每处扣0.2分, 1次不符合要求扣1分: a count with no verb counts occurrences
"""The direction of each step verb: the lexicon list it is in (steps.toml; 低于 and 超过 are also
comparators, comparators.toml rule.lt_step and rule.gt_step)."""


_REQUIREMENT_WORDS = frozenset(lexicon.words("comparators.rule.requirement"))


def _direction(trigger: Trigger, threshold: rt.Compare | None) -> rt.StepDirection:
    """What a step counts: its verb's direction; with no verb after a threshold, the side of the
    threshold it counts from (少于50天的每天扣0.1分: each day below 50), or past it when the
    threshold states the requirement met (成本控制在预算内，每1万元扣1分: each 万元 over the budget)."""
    if trigger.verb != "" or threshold is None or threshold.op not in ("<", "<=", ">", ">="):
        return _DIRECTIONS[trigger.verb]
    below = threshold.op in ("<", "<=")
    if threshold.word in _REQUIREMENT_WORDS:
        below = not below
    return "decrease" if below else "increase"


def _make_step(trigger: Trigger, adjust: Adjust, base: Decimal | None, threshold: rt.Compare | None,
               span: rt.Span) -> rt.Step:
    return rt.Step(
        direction=_direction(trigger, threshold), verb=trigger.verb, size=trigger.size,
        points=adjust.points if adjust.points is not None else Decimal(0), effect=adjust.effect,
        subject=trigger.subject, reference=trigger.reference, alt_size=trigger.alt_size, what=trigger.what,
        base=base, threshold=threshold, per=trigger.per, upto=adjust.upto, unstated=adjust.points is None, span=span,
    )


def _measured(pred: rt.Predicate) -> bool:
    """A comparison with a number or a date (有1条以上, 在8月30日之前), not with a named value
    (但不超过上年结转: the words and it stay one worded condition)."""
    operand = pred.operand if isinstance(pred, rt.Compare) else pred.low if isinstance(pred, rt.Between) else None
    return isinstance(operand, (rt.Quantity, rt.DateMark))


def _conjuncts(pending: list[Chunk]) -> tuple[rt.Compare | rt.Between | rt.Condition, ...]:
    """完成率80-99%，培训资料全面，培训层次较全面: the conditions the pending phrases join, each read,
    when at least one is a measured comparison and all are comparisons or words (else ())."""
    parts: list[rt.Compare | rt.Between | rt.Condition] = []
    for ch in pending:
        if isinstance(ch, WordsChunk) and ch.words.strip():
            parts.append(rt.Condition(ch.words, span=rt.Span(ch.start, ch.end)))
        elif isinstance(ch, ConditionChunk) and isinstance(ch.predicate, (rt.Compare, rt.Between, rt.Condition)):
            parts.append(ch.predicate)
        else:
            return ()
    return tuple(parts) if any(_measured(p) for p in parts) else ()


def _joining(pred: rt.Predicate | None) -> bool:
    """并 / 同时 / 另 before a deduction (steps.toml also): words that join it to the award before."""
    return isinstance(pred, rt.Condition) and pred.text.strip() in lexicon.words("steps.also")


def _listed_predicate(chunk: Chunk) -> rt.Predicate:
    """One item of a 分别 list: a comparison as read, or words as a worded condition (一般的 → 一般)."""
    if isinstance(chunk, ConditionChunk):
        return chunk.predicate
    assert isinstance(chunk, WordsChunk)
    words = chunk.words[:-1] if chunk.words.endswith("的") and len(chunk.words) > 1 else chunk.words
    return rt.Condition(words, span=rt.Span(chunk.start, chunk.end))


def _is_blank_words(chunk: Chunk) -> bool:
    return isinstance(chunk, WordsChunk) and chunk.words.strip("…. ") == ""


class _Assembly:
    """The state of one pass over the chunks: what is out, what is pending, what was said."""

    def __init__(self, chunks: list[Chunk], folded: str):
        self.folded = folded
        self.out: list[rt.Statement | _OpenChecklist] = []
        self.diags: list[Diagnostic] = []
        self.pending: list[Chunk] = []
        self.trigger: TriggerChunk | None = None
        self.threshold: rt.Compare | None = None  # the pending trigger's
        self.class_of = ""  # what the size classes of occurrences measure (see size_class)
        self.deducts = "扣" in folded  # the rule speaks of deductions (see bare_effect), looked up once
        self.scored = False
        self.award_condition: rt.Predicate | None = None  # the condition of the last award in this statement
        self.in_item = False  # inside a numbered item (1. / (二))
        self.paren_at: set[int] = set()  # where awards of points in parentheses are in `out`
        self.strong_after: set[int] = set()  # statements a strong separator follows
        self.settled: int | None = None  # the index of words just settled at the end of a statement
        self.respective: Respective | None = None  # a 分别 list being collected
        self.awards_points = any(c.awards_points for c in chunks)
        # where a statement ends: before a strong separator, or at the end of the rule
        self.statement_ends = {a.end for a, b in zip(chunks, chunks[1:]) if set(b.sep) & _STRONG or b.item is not None}
        self.statement_ends |= {chunks[-1].end} if chunks else set()
        self.requirement: tuple[int, rt.Predicate, Diagnostic] | None = None  # the last one read, not yet used
        self.listed: list[Listed] = []  # requirements per category (乡镇≥12次), for engine.language.categories
        self.has_formula = any(isinstance(c, StatementChunk) and isinstance(c.statement, rt.Formula) for c in chunks)
        # a band header ("x<85% | 85%≤x<90% | …") is two or more conditions and nothing else
        self.band_header = not self.awards_points and sum(isinstance(c, ConditionChunk) for c in chunks) >= 2 \
            and all(isinstance(c, ConditionChunk) or _is_blank_words(c) for c in chunks)

    def fragment(self, start: int, end: int) -> rt.Fragment:
        return rt.Fragment(text_of(self.folded, start, end), span=rt.Span(start, end))

    # ------------------------------------------------------------ pending phrases

    def close_respective(self) -> None:
        """The 分别 list is complete: its pairs (or its P009) go out."""
        if self.respective is None:
            return
        statements, problem = pair(self.respective)
        if problem is not None:
            self.diags.append(problem)
            statements = [self.fragment(self.respective.start, self.respective.end)]
        self.out.extend(statements)
        self.respective = None
        self.scored = True

    def _listed(self, ch: Chunk, kind: type) -> list[Chunk]:
        """The pending phrases listed with 、 right before `ch` (省、市级刊物…: 省), taken off."""
        listed: list[Chunk] = []
        cur = ch
        while self.pending and cur.sep == "、" and isinstance(self.pending[-1], kind):
            cur = self.pending.pop()
            listed.insert(0, cur)
        return listed

    def _listed_conditions(self, ch: AwardChunk) -> list[Chunk]:
        """The conditions listed with 、 before a 分别 award: comparisons (达到90%、80%和70%的) or words
        (优秀、良好、合格分别得…). When the award has no condition of its own, the list may end in ，
        before it (达到100%、90%、80%的，分别计6分…)."""
        kinds = (ConditionChunk, WordsChunk)
        listed: list[Chunk] = []
        cur: Chunk = ch
        while self.pending and isinstance(self.pending[-1], kinds) \
                and (cur.sep == "、" or (cur is ch and ch.predicate is None and cur.sep == "，")):
            cur = self.pending.pop()
            listed.insert(0, cur)
        if listed and not any(isinstance(p, ConditionChunk) for p in listed) and ch.predicate is not None \
                and not isinstance(ch.predicate, rt.Condition):
            # words before a comparison's 分别 are its subject, not a list
            self.pending.extend(listed)
            return []
        return listed

    def open_respective(self, ch: AwardChunk | StepChunk) -> None:
        """分别得5分 / 分别加1分: the conditions (or subjects) listed before it and its own, then points."""
        self.flush_before(ch)
        if isinstance(ch, StepChunk):
            listed = self._listed(ch, WordsChunk)
            subjects = [p.words for p in listed if isinstance(p, WordsChunk)] + [ch.trigger.subject or ""]
            start = listed[0].start if listed else ch.start
            step = _make_step(replace(ch.trigger, subject=None), ch.adjust, None, None, rt.Span(start, ch.end))
            self.flush()
            self.respective = Respective([], [rt.Points(ch.adjust.points)], start, ch.end, step, subjects)
            return
        listed = self._listed_conditions(ch)
        conds = [_listed_predicate(p) for p in listed]
        start = listed[0].start if listed else ch.start
        self.flush()
        if ch.predicate is not None:
            conds.append(ch.predicate)
        self.respective = Respective(conds, [ch.points], start, ch.end)

    def flush_before(self, ch: Chunk) -> None:
        """Nothing: the phrases before a list stay pending until the list is taken off them."""

    def flush(self) -> None:
        """The statement ended: a trigger without points and the pending phrases are settled."""
        self.close_respective()
        if self.trigger is not None:
            t = self.trigger
            self.diags.append(Diagnostic("P005", "每次变化扣（加）多少分没有写明", t.start, t.end,
                                         hint="例如：每减少1%扣0.5分"))
            self.out.append(self.fragment(t.start, t.end))
            self.trigger = None
        words = bool(self.pending) and all(isinstance(ch, WordsChunk) for ch in self.pending)
        first = len(self.out)
        self.listed += _listed_requirements(self.pending, first)
        for ch in self.pending:
            self.out.append(self._settle(ch))
        self.settled = first if words else None
        self.pending = []

    def _settle(self, ch: Chunk) -> rt.Statement:
        span = rt.Span(ch.start, ch.end)
        if isinstance(ch, ConditionChunk) and self._awaits_item_points():
            # 1.…贫困户100%纳入低保和五保。 以上指标,每项1.5分: an item's requirement, its
            # points written for all items
            return rt.Award(ch.predicate, None, span=span)
        if isinstance(ch, WordsChunk) and self._context_words(ch.words):
            return rt.Context(ch.words, span=span)
        if isinstance(ch, ConditionChunk) and not self.scored and isinstance(ch.predicate, rt.Compare) \
                and ch.predicate.op == "stated":  # 查看上一年资料。: a description before the rule
            return rt.Context(text_of(self.folded, ch.start, ch.end), span=span)
        if isinstance(ch, ConditionChunk) and self._a_requirement(ch):
            return self._requirement(ch, span)
        if isinstance(ch, ConditionChunk) and self.band_header:
            return rt.Award(ch.predicate, None, span=span)
        if isinstance(ch, ConditionChunk) and not self.awards_points:
            self.diags.append(Diagnostic("P007", "写了条件，但没有写得多少分", ch.start, ch.end,
                                         hint="例如：达到90%，记5分"))
        return self.fragment(ch.start, ch.end)

    def _awaits_item_points(self) -> bool:
        """Inside a numbered item of a rule that gives points somewhere."""
        return self.in_item and self.awards_points

    def _context_words(self, words: str) -> bool:
        """Words settled as context: before anything scored, glossing 12分×2项, or describing the
        rule's formula."""
        return not self.scored or self._glossing() or self._describes_formula(words)

    def _a_requirement(self, ch: ConditionChunk) -> bool:
        """A requirement (应大于10亩) ending its sentence in a rule that scores elsewhere."""
        return self.awards_points and _required(ch.predicate) and ch.end in self.statement_ends

    def _requirement(self, ch: ConditionChunk, span: rt.Span) -> rt.Context:
        """承包人林地总面积应大于10亩。: a requirement in a sentence of its own, no points attached: a
        condition of the rule whose failure the rule does not score (P007, a warning)."""
        words = text_of(self.folded, ch.start, ch.end)
        self.diags.append(Diagnostic("P007", f"「{words}」是一条要求，没有写不满足时怎样计分：按评分的前提读取，"
                                             "得分按满足计并注明", ch.start, ch.end, severity="warning"))
        self.requirement = (len(self.out), ch.predicate, self.diags[-1])
        return rt.Context(words, requirement=True, span=span)

    def measured_from_requirement(self, trigger: Trigger) -> rt.Compare | None:
        """发放率应达到100%；每低1个百分点扣1分: a step of a level (a percentage, not a count) with no
        threshold of its own counts from the requirement just before it, which is then no longer
        a requirement the rule leaves unscored (its P007 withdrawn)."""
        if self.requirement is None or _DIRECTIONS.get(trigger.verb) not in ("decrease", "increase") \
                or trigger.size.unit not in _LEVEL_UNITS:
            return None
        at, pred, diag = self.requirement
        if not isinstance(pred, rt.Compare) or not isinstance(pred.operand, rt.Quantity) or pred.operand.unit != "%":
            return None
        self.requirement = None
        context = self.out[at]
        if isinstance(context, rt.Context):
            self.out[at] = replace(context, requirement=False)
        self.diags.remove(diag)
        return pred

    def _describes_formula(self, words: str) -> bool:
        """按照单位测评平均分进行折算 beside 得分=平均分*12%: words that say how the rule's formula is
        applied (engine/lexicon/formulas.toml describes_open / describes_close) are its context."""
        return self.has_formula and words.startswith(_DESCRIBES_OPEN) and words.endswith(_DESCRIBES_CLOSE)

    def _glossing(self) -> bool:
        """Words right after 12分×2项 (即口蹄疫和禽流感、…) name its items: context, not fragments."""
        for s in reversed(self.out):
            if not isinstance(s, rt.Context):
                return isinstance(s, rt.PerItem)
        return False

    def absorb(self, pred: rt.Predicate) -> rt.Predicate:
        """Words pending in this statement run into the condition that follows them: 按要求完成信息
        上报,积极做好产业宣传,有1条以上当地新闻媒体报道的 (the words become part of its subject)."""
        if not self.pending or not all(isinstance(p, WordsChunk) for p in self.pending) \
                or isinstance(pred, rt.Otherwise):
            return pred
        a = self.pending[0].start
        self.pending = []
        at = rt.Span(a, pred.span.end)
        if isinstance(pred, rt.Condition):
            return rt.Condition(text_of(self.folded, a, pred.span.end), span=at)
        if isinstance(pred, rt.AnyOf):  # the words open the first side: 按要求…，完成率达到95%或提前完成的
            first = pred.sides[0]
            words = text_of(self.folded, a, first.span.start)
            side = (rt.Condition(words + first.text, span=rt.Span(a, first.span.end)) if isinstance(first, rt.Condition)
                    else replace(first, subject=words + (first.subject or ""), span=rt.Span(a, first.span.end)))
            return rt.AnyOf((side, *pred.sides[1:]), span=at)
        return replace(pred, subject=text_of(self.folded, a, pred.span.start) + (pred.subject or ""), span=at)

    def merged_condition(self) -> rt.Predicate | None:
        """The pending phrases as one condition (None when nothing is pending)."""
        if not self.pending:
            return None
        last = self.pending[-1]
        if len(self.pending) > 1 and isinstance(last, ConditionChunk) and _measured(last.predicate) \
                and all(isinstance(p, WordsChunk) for p in self.pending[:-1]):
            self.pending.pop()  # 积极做好产业宣传,有1条以上…的: the words are part of the condition's subject
            return self.absorb(last.predicate)
        if len(self.pending) == 1:
            ch = self.pending[0]
            if isinstance(ch, WordsChunk):
                return rt.Condition(ch.words, span=rt.Span(ch.start, ch.end))
            assert isinstance(ch, ConditionChunk)
            return ch.predicate
        a, b = self.pending[0].start, self.pending[-1].end
        # 城市、县城≥95%,农村≥85%,得10分: requirements per category may also be the award's condition
        self.listed += [replace(r, at=None, before=()) for r in _listed_requirements(self.pending, 0)]
        return rt.Condition(text_of(self.folded, a, b), span=rt.Span(a, b), parts=_conjuncts(self.pending))

    def take_threshold(self, allow_between: bool = False) -> rt.Compare | rt.Between | None:
        """The single comparison pending, taken off the pending list (for a step, a bare value,
        查看最近连续两年资料, is no threshold)."""
        threshold = _single_compare(self.pending, allow_between)
        if not allow_between and isinstance(threshold, rt.Compare) and threshold.op == "stated":
            return None
        if threshold is not None:
            self.pending = []
        return threshold

    # ------------------------------------------------------------ one method per kind of chunk

    def award(self, ch: AwardChunk, dun: bool) -> None:
        if self.respective is not None and ch.predicate is None and dun:  # 分别得5分、3分: the next points
            self.respective.points.append(ch.points)
            self.respective.end = ch.end
            return
        self.close_respective()
        if ch.respective:
            self.open_respective(ch)
            return
        if self.out and isinstance(self.out[-1], _OpenChecklist) and ch.predicate is None:
            self._close_checklist(ch)
            return
        if ch.paren and ch.predicate is None and not self.pending and self.settled is not None:
            self._points_after(ch)
            return
        pred = self._award_condition(ch, dun)
        if ch.paren:
            self.paren_at.add(len(self.out))
        self.out.append(rt.Award(pred, ch.points, span=rt.Span(pred.span.start if pred else ch.start, ch.end)))
        self.award_condition = pred
        self.scored = True

    def _award_condition(self, ch: AwardChunk, dun: bool) -> rt.Predicate | None:
        """What an award is for: its own words (with the label running on before them after 、
        or ，), else the words pending before its points."""
        if ch.predicate is None:
            pred = self.merged_condition()
            self.pending = []
            return pred
        pred = ch.predicate
        if dun or self.scored:  # 相关制度健全、执行有效：2分 — the label runs on after 、 or ，
            pred = self.absorb(pred)
        self.flush()
        return pred

    def _points_after(self, ch: AwardChunk) -> None:
        """1.确保…完成建档立卡工作。(3分): points in parentheses after the sentence they score (the
        words settled when that sentence ended)."""
        assert self.settled is not None
        before = self.out[self.settled:]
        del self.out[self.settled:]
        first, last = before[0], before[-1]
        assert not isinstance(first, _OpenChecklist) and not isinstance(last, _OpenChecklist)  # settled: closed
        start, end = first.span.start, last.span.end
        pred = rt.Condition(text_of(self.folded, start, end), span=rt.Span(start, end))
        self.paren_at.add(len(self.out))
        self.out.append(rt.Award(pred, ch.points, span=rt.Span(start, ch.end)))
        self.settled = None
        self.award_condition = pred
        self.scored = True

    def _close_checklist(self, ch: AwardChunk) -> None:
        item = self.out.pop()
        assert isinstance(item, _OpenChecklist)
        end = self.pending[-1].end if self.pending else item.end
        self.pending = []
        label = text_of(self.folded, item.label_start, end).strip()
        self.out.append(rt.ChecklistItem(item.number, label, ch.points.value or Decimal(0),
                                         span=rt.Span(item.start, ch.end)))
        self.scored = True

    def checklist(self, ch: ChecklistChunk) -> None:
        self.flush()
        if ch.points is not None:
            self.out.append(rt.ChecklistItem(ch.number, ch.label, ch.points.value or Decimal(0),
                                             span=rt.Span(ch.start, ch.end)))
            self.scored = True
        else:
            self.out.append(_OpenChecklist(ch.number, ch.label, ch.start, ch.end, ch.label_start))

    def open_trigger(self, ch: TriggerChunk) -> None:
        subject, start = self.listed_subject(ch, ch.trigger)
        threshold = self.take_threshold() or self.measured_from_requirement(ch.trigger)
        self.flush()
        self.trigger = replace(ch, trigger=replace(ch.trigger, subject=subject), start=start)
        assert threshold is None or isinstance(threshold, rt.Compare)
        self.threshold = threshold

    def listed_subject(self, ch: Chunk, trigger: Trigger) -> tuple[str | None, int]:
        """Words pending in this statement are part of the subject of a step that counts things,
        or of any step once the rule has scored: 中心、乡镇1项不达标扣1分, 未制定年度计划的,每少1条扣1分
        (无特殊原因，每减少1% stays context). The subject and where the step starts."""
        subject = trigger.subject
        counts = trigger.verb in _OCCURRENCE or (trigger.size.unit or "") in _COUNT_UNITS
        if not self.pending or not all(isinstance(p, WordsChunk) for p in self.pending) \
                or not (counts or self.scored):
            return subject, ch.start
        start = self.pending[0].start
        end = self.pending[-1].end
        self.pending = []
        if subject is None:
            return text_of(self.folded, start, end), start
        return text_of(self.folded, start, ch.start) + subject, start

    def size_class(self, ch: StepChunk) -> tuple[str, int] | None:
        """3袋以下每处扣0.1分，3袋以上每处扣0.5分; 面积小于1亩的每处扣1分: a comparison in another unit
        before a step that counts occurrences says which occurrences the step counts (their size),
        not a level of the actual: it is the step's subject, heard in the actual by its words."""
        pred = _single_compare(self.pending[-1:])
        unit = ch.trigger.size.unit
        if not isinstance(pred, rt.Compare) or ch.trigger.verb != "" or unit not in _COUNT_UNITS:
            return None
        measured = pred.operand.unit if isinstance(pred.operand, rt.Quantity) else None
        if measured is None or measured in _LEVEL_UNITS or measured == unit:
            return None
        start = self.pending[-1].start
        if pred.subject:  # 发现散放垃圾3袋以下…，3袋以上…: the classes after it are of the same things
            self.class_of = pred.subject
        shared = self.class_of if not pred.subject else ""
        words = shared + text_of(self.folded, start, self.pending[-1].end) + (ch.trigger.subject or "")
        self.pending = self.pending[:-1]  # what comes before it (未达到要求,) is flushed as before
        return words, start

    def step(self, ch: StepChunk) -> None:
        self.close_respective()
        if ch.adjust.respective:
            self.open_respective(ch)
            return
        subject, start = self.size_class(ch) or self.listed_subject(ch, ch.trigger)
        within = self.take_band(ch.trigger)
        threshold = None if within is not None else self.take_threshold() or self.measured_from_requirement(ch.trigger)
        self.flush()
        assert threshold is None or isinstance(threshold, rt.Compare)
        trigger = replace(ch.trigger, subject=subject)
        self.trigger = None
        self.scored = True
        if ch.adjust.points is None:
            self._pointless_step(start, ch.end)
        adjust = self.bare_effect(ch, start)
        step = _make_step(trigger, adjust, None, threshold, rt.Span(start, ch.end))
        self.out.append(replace(step, within=within, span=rt.Span(within.span.start, ch.end)) if within else step)

    def take_band(self, trigger: Trigger) -> rt.Between | None:
        """80%-100%每降低1%扣0.2分: a plain band of the actual just before a step of a shortfall or
        an excess is where the steps hold (the bands beside them decide the rest), taken off the
        pending list; a band of the deviation (±) or of a shortfall against the target is not."""
        band = _single_compare(self.pending, allow_between=True)
        if not isinstance(band, rt.Between) or band.absolute or band.against is not None \
                or _DIRECTIONS.get(trigger.verb) not in ("decrease", "increase"):
            return None
        self.pending = []
        return band

    def bare_effect(self, ch: StepChunk, start: int) -> Adjust:
        """每降低10%5分: a step down whose points say neither 扣 nor 加. Where the rule speaks of
        deductions elsewhere (90%以上不扣分) it deducts, and the warning P017 says so; with no such
        word the rule is not read (P017, an error; the step is kept for the printer): a fall that
        adds points is as writable as one that takes them. Points for each one counted (每项1.5分,
        每增加1家5分) stay what they were."""
        if not ch.adjust.bare or _DIRECTIONS.get(ch.trigger.verb) != "decrease":
            return ch.adjust
        words = text_of(self.folded, start, ch.end)
        if any(verb in words for verb in "扣加减得计记"):  # 每少一项扣百分之五分: the verb is written
            return ch.adjust
        if self.deducts:  # the step's own words have no 扣: a 扣 in the rule is elsewhere
            self.diags.append(Diagnostic("P017", f"「{words}」没有写扣还是加：评分标准别处写的是扣分，按扣分读",
                                         start, ch.end, severity="warning", hint="例如：每降低10%扣5分"))
            return replace(ch.adjust, effect="deduct")
        self.diags.append(Diagnostic("P017", f"「{words}」没有写扣还是加，无法确定这一步是扣分还是加分",
                                     start, ch.end, hint="例如：每降低10%扣5分"))
        return ch.adjust

    def step_band(self, ch: StepBandChunk) -> None:
        """降低2%以上加4分 right after 每降低1%加2分 (the same verb's direction, the same effect,
        steps of the same unit): the step's band. With no step before it, 少2个以上扣3分 deducts
        for a shortfall (excess) against the target of at least that much (Compare.against);
        anything else is not read."""
        self.flush()
        last = self.out[-1] if self.out else None
        if isinstance(last, rt.Step) and last.band_from is None and ch.adjust.points is not None \
                and _DIRECTIONS.get(ch.verb) == last.direction and ch.adjust.effect == last.effect \
                and ch.size.unit == last.size.unit and ch.size.value > last.size.value:
            self.out[-1] = replace(last, band_from=ch.size, band_points=ch.adjust.points,
                                   span=rt.Span(last.span.start, ch.end))
            return
        side = {"decrease": "below", "increase": "above"}.get(_DIRECTIONS.get(ch.verb, ""))
        if side is not None and ch.adjust.effect == "deduct" and ch.adjust.points is not None \
                and not any(isinstance(s, rt.Step) for s in self.out):
            cond = rt.Compare(">=", ch.size, word="以上", against=cast(rt.Against, side),
                              span=rt.Span(ch.start, ch.size.span.end))
            self.out.append(rt.Deduct(cond, ch.adjust.points, span=rt.Span(ch.start, ch.end)))
            self.scored = True
            return
        self.out.append(self.fragment(ch.start, ch.end))

    def adjust(self, ch: AdjustChunk) -> None:
        if self.trigger is not None:  # 每减少1% ， 扣0.5分: the points of the pending trigger
            t = self.trigger
            self.trigger = None
            if ch.adjust.points is None:
                self._pointless_step(t.start, ch.end)
            self.out.append(_make_step(t.trigger, ch.adjust, ch.base, self.threshold, rt.Span(t.start, ch.end)))
        else:  # 未按时完成的，扣2分
            if ch.predicate is not None:  # pending words run into it; a pending condition is settled
                pred: rt.Predicate | None = self.absorb(ch.predicate)  # by flush, never dropped (完成率低于80%的，按…扣2分)
            else:
                pred = self.merged_condition()
                self.pending = []
            self.flush()
            if isinstance(pred, rt.Compare) and pred.op == "stated" and isinstance(pred.operand, rt.Quantity):
                # 1次不符合要求，扣1分: a count before the points is a step of that count
                trigger = Trigger(verb="", size=pred.operand, alt_size=None, alt_verb=None, subject=pred.subject,
                                  what=pred.tail, reference=None, span=pred.span)
                if ch.adjust.points is None:
                    self._pointless_step(pred.span.start, ch.end)
                self.out.append(_make_step(trigger, ch.adjust, None, None, rt.Span(pred.span.start, ch.end)))
                self.scored = True
                return
            below_zero = ch.adjust.below_zero
            if _joining(pred) and self.out and isinstance(self.out[-1], rt.Award):
                # 该项不得分，并倒扣10分 / 同时倒扣2分 / 另扣5分: the award's condition, below 0 after 不得分
                pred = self.award_condition
                points = self.out[-1].points
                below_zero = below_zero or (points is not None and points.value == 0 and points.share is None)
            elif pred is None and below_zero:  # 该项不得分，倒扣10分: the award's condition
                pred = self.award_condition
            self.out.append(rt.Deduct(pred, ch.adjust.points, below_zero=below_zero,
                                      span=rt.Span(pred.span.start if pred else ch.start, ch.end), upto=ch.adjust.upto))
        self.scored = True

    def _pointless_step(self, start: int, end: int) -> None:
        """每下降一个百分点扣分, 一次扣.分: a step that says it deducts but not how much. The rule is
        read (every clause is understood, only a printed amount is missing): the step is kept with
        its amount unstated (rt.Step.unstated), P005 is a warning, and the evaluator gives the range
        of every amount (engine.scoring.ranged), never a number the print does not give."""
        self.diags.append(Diagnostic("P005", "每次扣多少分没有写明：按从不扣到扣完之间的任何扣分计，得分给出范围",
                                     start, end, severity="warning", hint="例如：每减少1%扣0.5分"))

    def proportional(self, ch: ProportionalChunk) -> None:
        prop = ch.statement
        if prop.scope is None:
            threshold = self.take_threshold(allow_between=True)
            if threshold is not None:
                prop = with_fields(prop, scope=threshold)
        self.flush()
        self.out.append(prop)
        self.scored = True

    def statement(self, ch: StatementChunk) -> None:
        if isinstance(ch.statement, rt.Formula) and ch.statement.scope is None:
            scope = self.take_threshold(allow_between=True)  # 低于100%,得分=任务完成率×10分
            if scope is not None:
                ch = replace(ch, statement=replace(ch.statement, scope=scope))
        if isinstance(ch.statement, rt.Discretionary) and self.pending \
                and all(isinstance(p, WordsChunk) for p in self.pending):
            # 记录不完整,内容不实的酌情扣分: the words before it are when it applies
            end = ch.words_span.end if ch.words_span is not None else self.pending[-1].end
            start = self.pending[0].start
            self.pending = []
            ch = replace(ch, statement=replace(ch.statement, condition=rt.Condition(
                text_of(self.folded, start, end), span=rt.Span(start, end)),
                span=rt.Span(start, ch.statement.span.end)), words=None, words_span=None)
        self.flush()
        if ch.words and ch.words_span is not None:
            self.out.append(rt.Context(ch.words, span=rt.Span(ch.start, ch.words_span.end)))
        self.out.append(ch.statement)
        if not isinstance(ch.statement, (rt.Standard, rt.Applies, rt.Context, rt.PerItem)):
            self.scored = True

    def unread(self, ch: FragmentChunk) -> None:
        """A piece the grammar could not read (already diagnosed): kept in its place."""
        self.flush()
        self.out.append(self.fragment(ch.start, ch.end))

    def chunk(self, ch: Chunk) -> None:
        if ch.sep and set(ch.sep) & _STRONG:
            self.flush()
            self.award_condition = None
            self.strong_after.add(len(self.out) - 1)
        else:
            self.settled = None
        if ch.item is not None:  # 1. / (二): a new item starts
            self.flush()
            self.award_condition = None
            self.settled = None
            self.in_item = True
            at = ch.item_span or (ch.start, ch.start)
            self.out.append(rt.Numbered(ch.item, span=rt.Span(*at)))
        if ch.sep == ":" and self.pending:  # the colon of a group heading (engine.language.pieces)
            self._group_heading()
        if isinstance(ch, (WordsChunk, ConditionChunk)):
            self.close_respective()
            self.pending.append(ch)
        elif isinstance(ch, AwardChunk):
            self.award(ch, dun=ch.sep == "、")
        else:
            _STEPS[type(ch)](self, ch)

    def _group_heading(self) -> None:
        """山区、丘陵地区和…半农半牧区: (engine.language.pieces cut at its colon): the words pending are the
        heading of the group of clauses that follows."""
        a, b = self.pending[0].start, self.pending[-1].end
        self.pending = []
        self.out.append(rt.Context(text_of(self.folded, a, b), heading=True, span=rt.Span(a, b)))

    def _headings(self) -> None:
        """1.绩效目旳编报质量(10分)。…得2.5分,…得2.5分: points in parentheses after an item's title,
        ending its sentence, before the awards of the item, are the item's full marks."""
        bounds = [i for i, s in enumerate(self.out) if isinstance(s, rt.Numbered)] + [len(self.out)]
        for start, end in zip([0] + bounds[:-1], bounds):
            k = next((i for i in range(start, end) if not isinstance(self.out[i], (rt.Numbered, rt.Context))), None)
            head = self._heading_at(k)
            if k is None or head is None or not self._items_after(k, end):
                continue
            self.out[k:k + 1] = _title_and_marks(head)
            return  # positions after k moved: one heading per rule

    def _items_after(self, k: int, end: int) -> bool:
        """Awards with points follow the title at k, and not all of them in the title's own form:
        制度健全(2分)；执行到位(1分)；资料齐全(1分) is a checklist of three, each priced alike, not a
        title of 2 points over two items of 1."""
        after = [i for i in range(k + 1, end) if isinstance(self.out[i], rt.Award)
                 and cast(rt.Award, self.out[i]).points is not None]
        return bool(after) and not all(i in self.paren_at for i in after)

    def _heading_at(self, k: int | None) -> rt.Award | None:
        """The award at `k` when it can be an item's title: points in parentheses (one number,
        not a range) ending a sentence."""
        head = self.out[k] if k is not None else None
        if k is None or k not in self.paren_at or k not in self.strong_after or not isinstance(head, rt.Award) \
                or head.points is None or head.points.value is None or head.points.is_range:
            return None
        return head

    def _by_category(self) -> None:
        """社区中心、乡镇≥12次 … 中心、乡镇少1次扣1分: the steps count from their category's requirement,
        which is then context, its P007 withdrawn (engine.language.categories)."""
        for i in thresholds_by_category(self.out, self.listed):
            s = self.out[i]
            if isinstance(s, (rt.Fragment, rt.Context)):
                self.out[i] = rt.Context(text_of(self.folded, s.span.start, s.span.end), span=s.span)
                self.diags = [d for d in self.diags
                              if not (d.code == "P007" and s.span.start <= d.start < max(s.span.end, s.span.start + 1))]

    def result(self) -> tuple[list[rt.Statement], list[Diagnostic]]:
        """The statements in order, open checklist items reported (P007) and kept as fragments."""
        self._headings()
        self._by_category()
        self.out = _deviation_bands(self.out)
        statements: list[rt.Statement] = []
        for s in self.out:
            if isinstance(s, _OpenChecklist):
                self.diags.append(Diagnostic("P007", f"清单第{s.number}项没有写分值", s.start, s.end))
                statements.append(self.fragment(s.start, s.end))
            else:
                statements.append(s)
        return _one_in_a_table(statements, self.folded), self.diags


def _one_in_a_table(statements: list[rt.Statement], folded: str) -> list[rt.Statement]:
    """1个得1分 after 3个以上得满分，2个得2分: a count of one beside bands of counts in its unit is
    the table's row for one, not the points of each one (一项可得2分 alone still is)."""
    units = {s.condition.operand.unit for s in statements if isinstance(s, rt.Award)
             and isinstance(s.condition, rt.Compare) and isinstance(s.condition.operand, rt.Quantity)}
    out: list[rt.Statement] = []
    for s in statements:
        if isinstance(s, rt.Step) and s.effect == "add" and s.verb == "" and s.size.value == 1 \
                and s.size.unit in units and "每" not in folded[s.span.start:s.span.end]:
            s = rt.Award(rt.Compare("stated", s.size, span=s.size.span), rt.Points(s.points), span=s.span)
        out.append(s)
    return out


_DEVIATION_SUBJECTS = tuple(lexicon.words("comparators.rule.deviation_subject"))


def _deviation_bands(out: list[Any]) -> list[Any]:
    """偏差在±5%以内得满分，偏差5%-10%得3分，偏差超过10%不得分: beside a ± band, a band whose subject
    names the deviation (comparators.toml deviation_subject) measures it too (absolute)."""
    awards = [s for s in out if isinstance(s, rt.Award) and isinstance(s.condition, (rt.Compare, rt.Between))]
    if not any(cast(rt.Compare | rt.Between, a.condition).absolute for a in awards):
        return out
    def measured(s: Any) -> Any:
        c = s.condition if isinstance(s, rt.Award) else None
        if not isinstance(c, (rt.Compare, rt.Between)) or c.absolute or c.against is not None \
                or not (c.subject or "").lstrip("在").rstrip("在").endswith(_DEVIATION_SUBJECTS):
            return s
        return replace(s, condition=replace(c, absolute=True))
    return [measured(s) for s in out]


def _listed_requirements(pending: list[Chunk], first: int) -> list[Listed]:
    """社区中心、乡镇≥12次: each comparison of a named subject among the pending phrases, with the names
    listed before it by 、 (its place in `out` once settled: `first` + its index)."""
    found: list[Listed] = []
    for j, ch in enumerate(pending):
        if not isinstance(ch, ConditionChunk) or not isinstance(ch.predicate, rt.Compare) or not ch.predicate.subject \
                or ch.predicate.op not in (">=", ">", "<=", "<", "reach") or not _measured(ch.predicate):
            continue
        k = j
        while k > 0 and pending[k].sep == "、" and isinstance(pending[k - 1], WordsChunk):
            k -= 1
        before = tuple(cast(WordsChunk, pending[i]).words for i in range(k, j))
        found.append(Listed(first + j, tuple(range(first + k, first + j)),
                            before + names(ch.predicate.subject), ch.predicate))
    return found


def _title_and_marks(head: rt.Award) -> list[rt.Statement]:
    """An item's title award read as the item's title (a context) and its full marks."""
    assert head.points is not None and head.points.value is not None  # _heading_at checked
    title = rt.Context(predicate_text(head.condition), span=head.condition.span) if head.condition is not None else None
    marks = rt.FullMarks(head.points.value, span=head.points.span)
    return [x for x in (title, marks) if x is not None]


_STEPS: dict[type[Chunk], Callable[[_Assembly, Any], None]] = {
    ChecklistChunk: _Assembly.checklist,
    TriggerChunk: _Assembly.open_trigger,
    StepChunk: _Assembly.step,
    StepBandChunk: _Assembly.step_band,
    AdjustChunk: _Assembly.adjust,
    ProportionalChunk: _Assembly.proportional,
    StatementChunk: _Assembly.statement,
    FragmentChunk: _Assembly.unread,
}
"""The step of the assembly for each kind of chunk that is not pending words or an award."""


def assemble(chunks: list[Chunk], folded: str) -> tuple[list[rt.Statement], list[Diagnostic]]:
    """The statements the chunks make, and the diagnostics (P005, P007) found on the way."""
    state = _Assembly(chunks, folded)
    for ch in chunks:
        state.chunk(ch)
    state.flush()
    return state.result()
