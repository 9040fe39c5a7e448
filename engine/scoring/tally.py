"""A worded or compound actual read clause by clause: which clause of the rule each part of it
speaks of, whether it says that clause happened, and how many times.

A reviewer writes an actual against a rule of several clauses as a list: 一河一策少5条,年度计划少1条;
设立不规范2个,不整洁1个,联系方式不通1处; 格式规范、内容完整、依据不充足、指标设计合理. `segments`
cuts it at ，；。 (and at 、 for a list of items), `assign` gives each segment to the clause whose
words it shares most (character pairs, a number counting as any number), `agrees` says whether it
states the clause or its opposite (部门职责已落实 against 相关部门职责不落实扣025分), and `count`
reads how many times (乡镇:2次讲座各少1项 against 每次讲座少1项扣0.8分 is 2 × 1).

Nothing here scores anything (engine.scoring.parts does), and nothing here reads a cell's tier
(engine.values does): only which words of the actual go with which clause.
"""

from __future__ import annotations

from collections import Counter

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from engine import lexicon
from engine.language import printer
from engine.language import tree as rt
from engine.text.fold import fold
from engine.values.units import NumberToken, counted_numerals, tokens

__all__ = ["Segment", "agrees", "assign", "clause_words", "count", "items_met", "segments"]

_CUT = re.compile(r"[，,;；。\n]+")
_CUT_ITEMS = re.compile(r"[，,;；。、\n]+")
_NEGATIONS = tuple(lexicon.words("tiers.yes_no.no")) + ("缺", "没有", "差")
_NOT_NEGATION = ("不断", "不仅", "无故")  # words that hold a negation character but do not negate
_COUNTED = "".join(sorted({u[0] for u in lexicon.words("units.count")} | set("天日月年人")))
_NUMBER = re.compile(rf"[0-9]+(?:\.[0-9]+)?|[零一二两三四五六七八九十百半]+(?=[{_COUNTED}])")
_FILLER = re.compile(r"[的了\s\"'()，,;；。、:：·]")


@dataclass(frozen=True)
class Segment:
    """One part of an actual as written (folded), and the numbers in it with their units."""

    text: str
    numbers: tuple[NumberToken, ...]

    @property
    def core(self) -> str:
        """The words that say what it is about: fillers out, every number written as #."""
        return core(self.text)

    @property
    def negated(self) -> bool:
        return negated(self.text)


_MANNER = re.compile(lexicon.alternation("tiers.modifier.manner"))


def core(text: str) -> str:
    """The words that say what a text is about: fillers and words of manner (按要求) out, every
    number written as #."""
    return _FILLER.sub("", _NUMBER.sub("#", _MANNER.sub("", fold(text))))


def negated(text: str) -> bool:
    """Does the text say something was not done (未落实, 不及时, 无年终总结, 缺2项)?"""
    t = fold(text)
    for word in _NOT_NEGATION:
        t = t.replace(word, "")
    return any(n in t for n in _NEGATIONS)


_DENYING_ASIDE = re.compile(r"\(((?:%s)[^()]*)\)" % "|".join(re.escape(n) for n in sorted(_NEGATIONS, key=len, reverse=True)))


def _numbers(part: str) -> tuple[NumberToken, ...]:
    """The numbers of a part: Arabic ones, and counts in Chinese numerals (发现三个问题)."""
    return tuple(sorted(tokens(part) + counted_numerals(part), key=lambda t: t.start))


def segments(text: str | None, items: bool = False) -> list[Segment]:
    """The parts of an actual, cut at ，；。 (and 、 with `items`), empty parts left out; an aside
    in brackets that denies something (市考评超出3宗(无重点督办)) is a part of its own."""
    if not text:
        return []
    out: list[Segment] = []
    for whole in (_CUT_ITEMS if items else _CUT).split(fold(text)):
        asides = [m.group(1) for m in _DENYING_ASIDE.finditer(whole)]
        out.extend(Segment(a, _numbers(a)) for a in asides)  # (无重点督办): a claim of its own
        part = _DENYING_ASIDE.sub("", whole).strip()
        subparts = [p.strip() for p in part.split("、") if p.strip()]
        if not items and len(subparts) > 1 and all(tokens(p) and _named(p) for p in subparts):
            # 省级刊物3篇、市级刊物2篇: each listed part counts for itself
            out.extend(Segment(p, _numbers(p)) for p in subparts)
        elif part:
            out.append(Segment(part, _numbers(part)))
    return out


def _named(part: str) -> bool:
    """Does a listed part name what it counts (市级刊物2篇), not only a number (90分)?"""
    rest = core(part).replace("#", "")
    for t in tokens(part):
        rest = rest.replace(t.unit or "", "", 1)
    return bool(rest.strip("%"))


def clause_words(rule: rt.Rule, statement: rt.Statement) -> str:
    """The words of a clause that say when it applies (not its points): an award's or a
    deduction's condition, a step's subject and what it counts (未制定年度计划的每少1条)."""
    if isinstance(statement, (rt.Award, rt.Deduct)):
        return _written(rule, statement.condition) if statement.condition is not None else ""
    if isinstance(statement, rt.Discretionary):
        return statement.condition.text if statement.condition is not None else statement.word
    if isinstance(statement, rt.Step):
        size = printer.operand(statement.size)
        return "".join(filter(None, (statement.subject, statement.per, statement.verb, size, statement.what)))
    return ""


def _written(rule: rt.Rule, pred: rt.Predicate) -> str:
    """A condition as the rule writes it (结余超过上年结转), else as rescore prints it."""
    if isinstance(pred, rt.Condition):
        return pred.text
    if rule.text and pred.span.end > pred.span.start:
        return fold(rule.text[pred.span.start:pred.span.end])
    return printer.predicate(pred)


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def affinity(segment: Segment, words: str, weights: dict[str, Fraction] | None = None) -> Fraction:
    """How much of the segment the clause's words share: its character pairs, each weighted by
    `weights` (default 1; a pair with a number in it counts an eighth: a number says how many,
    not what)."""
    shared = _pairs(segment.core) & _pairs(core(words))
    total = Fraction(0)
    for pair in shared:
        w = weights.get(pair, Fraction(1)) if weights is not None else Fraction(1)
        total += w / 8 if "#" in pair else w
    return total


def assign(segs: Sequence[Segment], clauses: Sequence[str]) -> list[int | None]:
    """For each segment, the index of the clause it speaks of, or None when it shares no words
    with any. The clause it shares most words with, a pair weighing less the more clauses have
    it (words only one clause has tell which clause: 较大 in 发生较大及以上事故的); on a tie, the
    one it agrees with (states, or denies with it), then the first (`candidates` gives them all)."""
    return [c[0] if c else None for c in candidates(segs, clauses)]


def candidates(segs: Sequence[Segment], clauses: Sequence[str]) -> list[list[int]]:
    """For each segment, every clause that ties for it under `assign`'s measure, first the one
    `assign` picks; empty when it shares no words with any. 发现问题3处 against 轻微问题每处…,
    严重问题每处…: both, since the actual does not say which."""
    cores = [_pairs(core(words)) for words in clauses]
    counts = Counter(pair for c in cores for pair in c)  # how many clauses have each pair
    weights = {pair: Fraction(1, n) for pair, n in counts.items()}
    out: list[list[int]] = []
    for seg in segs:
        scores = [(affinity(seg, words, weights), agrees(seg, words)) for words in clauses]
        best = max(scores, default=(Fraction(0), False))
        out.append([i for i, s in enumerate(scores) if s == best] if best[0] > 0 else [])
    return out


def agrees(segment: Segment, words: str) -> bool:
    """Does the segment state the clause (both say it happened, or both say it did not)?"""
    return segment.negated == negated(words)


def count(segment: Segment, unit: str | None, per: str | None = None) -> Fraction | None:
    """How many the segment counts for a clause counted in `unit` (每…项): the number written in
    that unit (or with none); for a clause counted per something (每次讲座少1项), the times the
    two numbers in the segment (2次讲座各少1项 is 2 × 1). None when it writes no number."""
    numbers = list(segment.numbers)
    if not numbers:
        return None
    times = next((n for n in numbers if _counts_per(n.unit, per)), None) if len(numbers) >= 2 else None
    if times is not None:
        each = next((n for n in numbers if n is not times), numbers[0])
        return Fraction(times.value) * Fraction(each.value)
    same = [n for n in numbers if unit is not None and n.unit == unit]
    chosen = same[0] if same else next((n for n in numbers if n.unit is None), numbers[0])
    return Fraction(chosen.value)


def _counts_per(unit: str | None, per: str | None) -> bool:
    """Is a number in `unit` the count of what the clause is per (2次 for 每次讲座)?"""
    return bool(per and unit and unit == per[:len(unit)])


_MET_OF = re.compile(r"([0-9]+)\s*(?:项|个|条)\s*中\s*(?:有)?\s*(?:达标|达到|符合|完成)?\s*([0-9]+)\s*(?:项|个|条)")
_MET_OF_BACK = re.compile(r"([0-9]+)\s*(?:项|个|条)\s*中\s*([0-9]+)\s*(?:项|个|条)\s*(?:达标|达到|符合|完成)")


# 3项均达到 / 全部达到 / 各项均已完成: every item met (the count, when written, is how many there are)
_ALL_MET = re.compile(r"^(?:([0-9]+)\s*(?:项|个|条)\s*)?(?:均|全部|都|全|各项均|各项都|所有项目均)\s*(?:已)?\s*(?:达到|达标|符合|完成|做到)(?:要求)?$")


def items_met(text: str | None) -> tuple[int, int] | None:
    """4项中3项达到, 2项中达标1项: (items in all, items met); 3项均达到, 全部达到: every item, (n, n)
    or (0, 0) when the count is not written; else None."""
    if not text:
        return None
    folded = fold(text).strip()
    m = _MET_OF.search(folded) or _MET_OF_BACK.search(folded)
    if m is None:
        every = _ALL_MET.match(folded)
        if every is None:
            return None
        n = int(every.group(1)) if every.group(1) else 0
        return n, n
    return int(m.group(1)), int(m.group(2))
