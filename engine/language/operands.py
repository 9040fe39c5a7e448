"""The grammar's rules for values and comparisons: 35微克/立方米, Ⅱ类, 目标值, ≥90%, 80%(含)-90%.

`OperandRules` is a mixin of `engine.language.transform.ToChunks`: one method per rule of the
grammar's "values" and "conditions" sections (method names are the rule names and aliases of
rule.lark), called with the rule's span and children. Each returns a node of
`engine.language.tree`. Nothing here parses or joins phrases.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Sequence, TypeVar, cast

from lark import Token

from engine import lexicon
from engine.language import tree as rt
from engine.language.pieces import text_of
from engine.language.chunks import RuleMeta, Words
from engine.text.numerals import chinese_number
from engine.values.dates import read_date

_COUNT_UNITS = frozenset(lexicon.words("units.count"))
_PER_YEAR = lexicon.ranks("units.per_year")

_OPS: dict[str, rt.CompareOp] = {
    "GE": ">=", "LE": "<=", "GT": ">", "LT": "<", "EQ": "=", "REACH": "reach", "NOT_REACH": "not_reach",
    "LT_VERB": "<", "GT_VERB": ">", "EQ_PLAIN": "=",
}
"""The comparison each comparator terminal of rule.lark says (the words: comparators.toml)."""

_UNIT_CANON = lexicon.spellings("units.spellings")

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_N = TypeVar("_N", bound="DataclassInstance")


def unit_name(written: str) -> str:
    """A unit as rescore spells it (个百分点 → 百分点)."""
    return _UNIT_CANON.get(written, written)


def span(at: RuleMeta | Token) -> rt.Span:
    """The span of a rule's match or of a token."""
    if isinstance(at, Token):
        return rt.Span(at.start_pos or 0, at.end_pos or 0)
    return rt.Span(at.start_pos, at.end_pos)


def is_token(obj: object, name: str) -> bool:
    return isinstance(obj, Token) and obj.type == name


def with_fields(node: _N, **changes: Any) -> _N:
    """`node` with the given fields replaced, leaving out the changes that are None."""
    return replace(node, **{k: v for k, v in changes.items() if v is not None})


_AFTER = lexicon.words("deadlines.after")
_DEADLINE_WORD = re.compile(lexicon.any_of(lexicon.words("deadlines.not_later") + lexicon.words("deadlines.before")
                                           + _AFTER))
_MEASURE = "|".join(map(re.escape, lexicon.longest_first(lexicon.words("comparators.rule.measures"))))
# 提前完成或完成率 (the subject of 达到95%): a condition in words, 或, a measure that is compared
_WORDS_OR_MEASURE = re.compile(rf"^(?P<left>[^()或]{{2,}}?)(?:或者|或)(?P<right>[^()或]*(?:{_MEASURE}))$")
_ENDS_MEASURED = re.compile(rf"(?:{_MEASURE})$")


_OR_WORD = re.compile(r"或者|或")


def _worded_sides(words: Words) -> list[rt.Condition]:
    """The words after 或 as conditions, one per further 或 (达到95%或提前完成或超额完成的: 提前完成,
    超额完成的); a part of one character (或多或少) keeps the words whole."""
    parts, at = [], 0
    for joint in [*_OR_WORD.finditer(words.text), None]:
        end = joint.start() if joint is not None else len(words.text)
        start = words.span.start + at
        parts.append(rt.Condition(words.text[at:end], span=rt.Span(start, start + end - at)))
        at = joint.end() if joint is not None else end
    if len(parts) > 1 and all(len(p.text) >= 2 for p in parts):
        return parts
    return [rt.Condition(words.text, span=words.span)]


def _words_or_measure(pred: rt.Predicate, start: int) -> rt.Predicate:
    """A comparison whose subject is a condition in words joined by 或 to the measure compared
    (提前完成或完成率达到95%, 未按期完成或者完成率低于80%) is the two joined (rt.AnyOf); a subject
    naming a measure before 或 too (支出率或结余率达到90%) or none after it (淹死或烧死树木10株以上)
    is one comparison of the words as written."""
    if not isinstance(pred, (rt.Compare, rt.Between)):
        return pred
    found = _WORDS_OR_MEASURE.match(pred.subject or "")
    if found is None or _ENDS_MEASURED.search(found["left"]):
        return pred
    left = rt.Condition(found["left"], span=rt.Span(start, start + len(found["left"])))
    return rt.AnyOf((left, replace(pred, subject=found["right"])), span=pred.span)


def deadline(token: Token) -> rt.DateMark | None:
    """The date of a DEADLINE token with a month or a named day (当月8日前, a day alone, stays words)."""
    if token.type != "DEADLINE":
        return None
    written = "".join(str(token).split())
    day = read_date(written, written)
    if day is None or (day.month is None and day.holiday is None):
        return None
    return rt.DateMark(day.year, day.month, day.day, day.part, day.holiday, span=span(token))


def as_deadline(words: Words) -> rt.Compare | None:
    """在8月30日之前分派完毕: a condition that the date is at most 8月30日 (subject 在, tail 分派完毕)."""
    if words.deadline is None:
        return None
    after = words.deadline_word in _AFTER  # 7月底后完成: after the date
    return rt.Compare(">" if after else "<=", words.deadline, subject=words.before, tail=words.after, word=words.deadline_word,
                      span=words.span)


class BadNumeral(ValueError):
    """A Chinese numeral that is not well formed (十十): reported as P001 at its token."""

    def __init__(self, token: Token):
        super().__init__(str(token))
        self.token = token


class PercentPoints(BadNumeral):
    """百分之五 where a number of points is due (最多扣百分之五分): a percentage of what? P014."""


class UnevenInclusion(BadNumeral):
    """低5%以内(含6%): the number said included is not the bound it follows; P004 at its token,
    never one of the two numbers dropped silently."""


def _included_at(token: Any, bound: Any) -> None:
    """Raise UnevenInclusion when `(含N)` names a number other than `bound`'s value."""
    numbers = re.findall(r"[0-9]+(?:\.[0-9]+)?", str(token)) if is_token(token, "INCL") else []
    value = getattr(bound, "value", None)
    if numbers and value is not None and Decimal(numbers[0]) != Decimal(value):
        raise UnevenInclusion(token)


class UnreadPeriod(BadNumeral):
    """每月不超过2次: a count per period that is no requirement of at least so many a year (P004 at its
    token, never read as the year's count)."""


class UnevenCap(BadNumeral):
    """(超过0.6%以0.5%计算): a cap whose threshold and value differ, which the formula's cap (one
    number) cannot say: P004 at its token, never the cap of one number read silently."""


class InexactShare(BadNumeral):
    """得三分之二分值: a fraction of the weight whose percentage has no exact decimal form (or is
    more than the whole): P004 at its token, never a rounded share."""


def points_number(c: list[Any], meta: RuleMeta) -> Decimal:
    """The number of points among a rule's children; `PercentPoints` when it was written 百分之五."""
    for child in c:
        if isinstance(child, Decimal):
            return child
    raise PercentPoints(Token("CN_PERCENT", "", start_pos=meta.start_pos, end_pos=meta.end_pos))


def numeral(token: Token, skip: int = 0) -> Decimal:
    try:
        return chinese_number(str(token)[skip:])
    except ValueError:
        raise BadNumeral(token) from None


def _as_class(operand: rt.Operand) -> rt.Operand:
    """达到二类 / 达到2类: a count of 类 in a comparison is a water-quality class."""
    if isinstance(operand, rt.Quantity) and operand.unit == "类" and operand.value == operand.value.to_integral_value() \
            and 1 <= operand.value <= 6:
        return rt.ClassLevel(int(operand.value), span=operand.span)
    return operand


def _suffix_op(suffixes: Sequence[Token], default: rt.CompareOp = "stated") -> rt.CompareOp:
    """90%以上 is ≥, 100%以下 and ±30%以内 are ≤; (不含) makes them strict."""
    kinds = [s.type for s in suffixes]
    excl = "EXCL" in kinds
    if "ABOVE" in kinds:
        return ">" if excl else ">="
    if "BELOW" in kinds or "WITHIN" in kinds:
        return "<" if excl else "<="
    return default


_AGAINST_BELOW = lexicon.longest_first(lexicon.words("comparators.rule.against_below"))
_AGAINST_ABOVE = lexicon.longest_first(lexicon.words("comparators.rule.against_above"))


def _against(head: str) -> tuple[rt.Against, str | None]:
    """比下达任务低 → ("below", "下达任务"); a bare 低 → ("below", None)."""
    head = "".join(head.split())
    below = next((w for w in _AGAINST_BELOW if head.endswith(w)), "")
    above = next((w for w in _AGAINST_ABOVE if head.endswith(w)), "")
    verb, against = (below, "below") if len(below) >= len(above) else (above, "above")
    base = head[1:len(head) - len(verb)] if head[:1] in ("比", "较") else ""
    return cast(rt.Against, against), base or None


def _closed(op: rt.CompareOp) -> bool:
    return op in ("<=", ">=")


class OperandRules:
    """Values and comparisons (rule.lark sections "values" and "conditions")."""

    folded: str
    recovered: list[tuple[int, int, str]]  # print slips read anyway: (start, end, what was assumed)

    # ------------------------------------------------------------ values

    # 35; 025 (扣025分: a decimal point lost in print, 0.25)
    def arabic(self, meta: RuleMeta, c: list[Token]) -> Decimal:
        written = str(c[0])
        if len(written) > 1 and written[0] == "0" and written[1:].isdecimal():  # 025, never 05.5
            self.recovered.append((meta.start_pos, meta.end_pos, f"「{written}」按丢失小数点的 0.{written[1:]} 读取"))
            return Decimal("0." + written[1:])
        return Decimal(written)

    # 两, 十五, 零点五
    def chinese(self, meta: RuleMeta, c: list[Token]) -> Decimal:
        return numeral(c[0])

    # 百分之五
    def chinese_percent(self, meta: RuleMeta, c: list[Token]) -> tuple[str, Decimal]:
        return ("%", numeral(c[0], skip=3))

    # 35微克/立方米, 一个百分点, 百分之五
    def quantity(self, meta: RuleMeta, c: list[Any]) -> rt.Quantity:
        number = c[0]
        unit = None
        if isinstance(number, tuple):  # 百分之五
            unit, number = number
        alt = next((Decimal(re.findall(r"[0-9]+(?:\.[0-9]+)?", str(t))[0]) for t in c[1:] if is_token(t, "OR_VALUE")), None)
        written = [t for t in c[1:] if is_token(t, "UNIT")]
        if written:
            unit = unit_name(str(written[0]))
        return rt.Quantity(number, unit, alt=alt, span=span(meta))

    # Ⅱ类, 劣Ⅴ类
    def class_level(self, meta: RuleMeta, c: list[Token]) -> rt.ClassLevel:
        rank = lexicon.class_rank(str(c[0]))
        assert rank is not None, c[0]  # rule.lark's CLASS is the lexicon's class names
        return rt.ClassLevel(rank, span=span(meta))

    # 省定目标, 上年结转
    def reference(self, meta: RuleMeta, c: list[Token]) -> rt.Reference:
        return rt.Reference(str(c[0]), span=span(meta))

    def cmp_word(self, meta: RuleMeta, c: list[Token]) -> Token:
        return c[0]

    def inclusion(self, meta: RuleMeta, c: list[Token]) -> Token:
        return c[0]

    # ------------------------------------------------------------ comparisons

    # 达到35微克/立方米, 控制在100%以内, 低于60%
    def compare_prefix(self, meta: RuleMeta, c: list[Any]) -> rt.Compare:
        word, operand, *suffixes = c
        op = _OPS[word.type]
        operand = _as_class(operand)
        if op == "reach" and _suffix_op(suffixes) != "stated" and not isinstance(operand, rt.ClassLevel):
            op = _suffix_op(suffixes)  # 控制在100%以内: the suffix says which side (Ⅱ类及以上 stays reach)
        elif word.type == "EQ_PLAIN" and _suffix_op(suffixes) != "stated":
            op = _suffix_op(suffixes)  # 为3个以上: ≥ 3
        return rt.Compare(op, operand, word=str(word), span=span(meta))

    # 控制在±5%以内
    def compare_absolute_prefixed(self, meta: RuleMeta, c: list[Any]) -> rt.Compare:
        word, _, operand, *suffixes = c
        op = _OPS[word.type]
        if op in ("reach", "not_reach", "="):
            op = _suffix_op(suffixes, default="<=")
        return rt.Compare(op, operand, absolute=True, word=str(word), span=span(meta))

    # 控制在80%-90%
    def between_prefixed(self, meta: RuleMeta, c: list[Any]) -> rt.Between:
        return self.between(meta, c[1:])

    # 90%以上, 100%以下(含), Ⅱ类
    def compare_stated(self, meta: RuleMeta, c: list[Any]) -> rt.Compare:
        operand, *suffixes = c
        op = _suffix_op(suffixes)
        return rt.Compare(op, operand, word=" ".join(map(str, suffixes)) or None, span=span(meta))

    # ±30%以内
    def compare_absolute(self, meta: RuleMeta, c: list[Any]) -> rt.Compare:
        _, operand, *suffixes = c
        op = _suffix_op(suffixes, default="<=")
        if op == "stated":
            op = "<="
        return rt.Compare(op, operand, absolute=True, span=span(meta))

    # x<85%
    def compare_var(self, meta: RuleMeta, c: list[Any]) -> rt.Compare:
        _, word, operand = c
        return rt.Compare(_OPS[word.type], operand, word=str(word), span=span(meta))

    # 85%≤x<90%, 75%≤优良率<85% (the name is the band's subject)
    def between_var(self, meta: RuleMeta, c: list[Any]) -> rt.Between:
        low, w1, name, w2, high = c
        subject = str(name).strip() if is_token(name, "NAMED") else None
        low_closed = str(w1) != "<" if is_token(w1, "NAMED_SIGN") else _closed(_OPS[w1.type])
        return rt.Between(low, high, low_closed=low_closed, high_closed=_closed(_OPS[w2.type]),
                          subject=subject, span=span(meta))

    # 80%(含)-90%, ±30%-±35%(含)
    def between(self, meta: RuleMeta, c: list[Any]) -> rt.Between:
        absolute = any(is_token(x, "PLUSMINUS") for x in c)
        parts = [x for x in c if not is_token(x, "PLUSMINUS")]
        low = parts[0]
        i = 1
        low_closed = None
        if is_token(parts[i], "INCL") or is_token(parts[i], "EXCL"):
            low_closed = parts[i].type == "INCL"
            _included_at(parts[i], low)
            i += 1
        i += 1  # DASH
        high = parts[i]
        high_closed = None
        for s in parts[i + 1:]:
            if is_token(s, "INCL"):
                _included_at(s, high)
                high_closed = True
            elif is_token(s, "EXCL"):
                high_closed = False
        if low.unit is None and high.unit is not None:
            low = rt.Quantity(low.value, high.unit, span=low.span)
        if high.value < low.value:  # 99%-90%, 299-271户: the high end printed first
            low, high, low_closed, high_closed = high, low, high_closed, low_closed
        return rt.Between(low, high, low_closed, high_closed, absolute, span=span(meta))

    # 比下达任务低5%以内(含5%), 低5%以上: the shortfall (excess) against the target, bounded by a suffix
    def against_stated(self, meta: RuleMeta, c: list[Any]) -> rt.Compare:
        head, operand, *suffixes = c
        for suffix in suffixes:
            _included_at(suffix, operand)
        against, base = _against(str(head))
        op = _suffix_op(suffixes, default=">=")  # 比计划低5%的: short by 5% or more
        word = " ".join(map(str, suffixes)) or None
        return rt.Compare(op, operand, word=word, against=against, base=base, span=span(meta))

    # 低超过10%, 比计划低不足5%
    def against_prefixed(self, meta: RuleMeta, c: list[Any]) -> rt.Compare:
        head, word, operand, *suffixes = c
        against, base = _against(str(head))
        op = _OPS[word.type]
        if op not in (">=", ">", "<=", "<"):
            op = _suffix_op(suffixes, default=">=")
        return rt.Compare(op, operand, word=str(word), against=against, base=base, span=span(meta))

    # 低5%-10%, 比目标低5%(含)-10%
    def against_between(self, meta: RuleMeta, c: list[Any]) -> rt.Between:
        against, base = _against(str(c[0]))
        band = self.between(meta, c[1:])
        return replace(band, against=against, base=base)

    # 80%99%: two values with the dash lost in print, read as 80%-99% with a note
    def between_undashed(self, meta: RuleMeta, c: list[Any]) -> rt.Between:
        low, high, *suffixes = c
        self.recovered.append((low.span.end, high.span.start, f"「{text_of(self.folded, meta.start_pos, meta.end_pos)}」"
                               "两个数之间缺了“-”，按区间读取"))
        return self.between(meta, [low, Token("DASH", "-"), high, *suffixes])

    # 无特殊原因, PM2.5平均浓度, 在8月30日之前分派完毕
    def words(self, meta: RuleMeta, c: list[Token]) -> Words:
        text = text_of(self.folded, meta.start_pos, meta.end_pos)
        for token in c:
            mark = deadline(token)
            if mark is not None:
                found = _DEADLINE_WORD.search(str(token))
                return Words(text, span(meta), mark, found.group() if found else None,
                             text_of(self.folded, meta.start_pos, token.start_pos or 0) or None,
                             text_of(self.folded, token.end_pos or 0, meta.end_pos) or None)
        return Words(text, span(meta))

    # 完成率达到95%或提前完成: each side a condition (words: a condition in words)
    def condition_any(self, meta: RuleMeta, c: list[Any]) -> rt.AnyOf:
        *first, _either, other = (x for x in c if not (isinstance(x, Token) and x.type == "SIDE_END"))
        sides: list[Any] = [self.condition(meta, first)]
        if isinstance(other, rt.AnyOf):
            sides += other.sides
        elif isinstance(other, Words):
            sides += _worded_sides(other)
        else:
            sides.append(other)
        return rt.AnyOf(tuple(sides), span=span(meta))

    # 每季度开展一次督导检查: the count per period times the periods of a year (≥4次), said (P019)
    def condition_per_period(self, meta: RuleMeta, c: list[Any]) -> rt.Predicate:
        period = next(x for x in c if is_token(x, "PER_PERIOD"))
        name = re.sub(r"^每\s*个?\s*", "", str(period))
        pred = self.condition(meta, [x for x in c if x is not period])
        if not isinstance(pred, rt.Compare) or not isinstance(pred.operand, rt.Quantity) \
                or pred.operand.unit not in _COUNT_UNITS or pred.op in ("<", "<=", "="):
            raise UnreadPeriod(period)
        n, k = pred.operand.value, _PER_YEAR[name]
        year = replace(pred.operand, value=n * k)
        self.recovered.append((meta.start_pos, meta.end_pos, f"P019 「{text_of(self.folded, meta.start_pos, meta.end_pos)}」"
                                f"按全年 {n * k}{year.unit} 读取（一年 {k} 个{name}，每{name} {n}{year.unit}）"))
        subject = "全年" + (pred.subject or "")
        return replace(pred, op=">=" if pred.op in ("stated", "reach") else pred.op, operand=year, subject=subject, per=name)

    # PM2.5平均浓度达到35微克/立方米, 100%符合
    def condition(self, meta: RuleMeta, c: list[Any]) -> rt.Predicate:
        subject = tail = None
        pred: rt.Predicate | None = None
        for x in c:
            if isinstance(x, Words):
                if pred is None:
                    subject = x.text
                else:
                    tail = x.text
            else:
                pred = x
        assert pred is not None
        if subject is not None or tail is not None:
            pred = with_fields(pred, subject=subject, tail=tail, span=span(meta))
        return _words_or_measure(pred, c[0].span.start if isinstance(c[0], Words) else meta.start_pos)
