"""Read a printed 年度指标值 (target) or 实际完成值 (actual) cell into a typed value.

`parse_value("90%以上")` gives `Quantity(90, "%", ">=")`; "1-2个" a `Range`; "Ⅲ类及以上" an
`OrdinalClass`; "基本完成" a `Qualitative` in one of the national three tiers (达成 / 部分达成 /
未达成); "省定目标" an `Unquantified` with the reason the row cannot be verified. Blank cells and
"-" / "/" give None. The steps: numbers and units (engine.values.units), the comparator words
around them (engine.values.sides), water classes (engine.values.classes), wording
(engine.values.worded).

What it does not do: score anything, know which column a cell came from (a target and an actual
are read alike), convert units (万元 is not 10 000 元 here), or guess a number a cell only
refers to ("省定目标"). Arithmetic is exact (`Decimal`), nothing is evaluated, every regex is
linear-time, and no input string raises.
"""

from __future__ import annotations

import re
from functools import lru_cache

from engine.text.fold import fold
from engine.text.digits import describe, foreign_digits
from engine.text.numerals import chinese_number
from engine.values.dates import read_date
from engine.values.classes import CLASS_RE, is_numeral_class, ordinal_class
from engine.values.kinds import SHORT, Comparator, Qualitative, Quantity, Range, Unquantified, Value, num, with_unit
from engine.values.sides import NEGATORS, PUNCT, combine, leftover, note, prefix_side, suffix_side
from engine.values.units import (CN, RANGE_SEPARATORS, UNIT_ALTERNATION, UNIT_RE, NumberToken, a_count_word, canonical_unit,
                                 counted_numerals, tokens, units_match)
from engine.values.worded import worded

__all__ = ["cell", "count_in_unit", "parse_value"]

_MISSING = {"", "n/a", "na", "null", "none"}


def cell(text: str) -> str:
    """The cell folded, without spaces or the punctuation around it."""
    s = "".join(fold(text).split())
    return s.strip("，,。;:.、")


def _quantity(s: str, text: str, tok: NumberToken, before: str, after: str) -> Value:
    """One number, read with the comparator words on either side."""
    pre, post = prefix_side(before), suffix_side(after)
    comparator = combine(pre, post)
    if comparator == "conflict":
        return Unquantified(text, f"比较词互相矛盾（「{pre.word}」与「{post.word}」），无法确定方向")
    ignored = leftover(pre.rest, post.rest)
    negations = [w for w in ignored if any(n in w for n in NEGATORS)]
    if negations:
        return Unquantified(
            text, f"数值旁有否定词（「{'」「'.join(negations)}」），无法确定数值的含义"
        )
    final: Comparator = comparator or "="
    return Quantity(tok.value, tok.unit, final, text, note(pre, post, ignored, final))


def _range(text: str, a: NumberToken, b: NumberToken, before: str, after: str) -> Value:
    """1-2个, 80%至90%: both ends included."""
    if not units_match(a.unit, b.unit):
        return Unquantified(text, f"区间两端单位不同（{a.unit}、{b.unit}），无法比较")
    low, high = sorted((a.value, b.value))
    ignored = leftover(before, after)
    remark = "忽略文字" + "".join(f"「{w}」" for w in ignored) if ignored else ""
    return Range(low, high, b.unit or a.unit, text, remark)


def _bounds(text: str, a: NumberToken, b: NumberToken, before: str, gap: str, after: str) -> Value | None:
    """90%以上，100%以下 / ≥90%且≤100%: a lower and an upper bound, as a range; None otherwise."""
    pre_a, post_a = prefix_side(before), suffix_side(gap)
    pre_b, post_b = prefix_side(post_a.rest), suffix_side(after)
    first, second = combine(pre_a, post_a), combine(pre_b, post_b)
    bounds: tuple[NumberToken, NumberToken] | None = None
    if first in (">=", ">") and second in ("<=", "<"):
        bounds = (a, b)
    elif first in ("<=", "<") and second in (">=", ">"):
        bounds = (b, a)
    if not bounds or not units_match(a.unit, b.unit) or bounds[0].value > bounds[1].value:
        return None
    ignored = [w for w in leftover(pre_a.rest, pre_b.rest, post_b.rest) if w not in _AND]
    notes = ["端点按包含处理"] if ">" in (first, second) or "<" in (first, second) else []
    if ignored:
        notes.append("忽略文字" + "".join(f"「{w}」" for w in ignored))
    return Range(bounds[0].value, bounds[1].value, b.unit or a.unit, text, "；".join(notes))


def _pair(text: str, a: NumberToken, b: NumberToken, before: str, gap: str, after: str) -> Value:
    if gap in RANGE_SEPARATORS:
        return _range(text, a, b, before, after)
    bounded = _bounds(text, a, b, before, gap, after)
    if bounded is not None:
        return bounded
    values = "、".join(with_unit(num(t.value), t.unit) for t in (a, b))
    return Unquantified(text, f"含多个数值（{values}），无法确定哪一个是指标值")


_AND = ("且", "并且", "和", "与", "同时")


def _is_date(s: str, t: NumberToken) -> bool:
    """2024年 before the target, 第3季度: a number that dates the target, not the target."""
    year = (t.unit == "年" and 1900 <= t.value <= 2100 and t.value == t.value.to_integral_value()
            and s[t.end: t.end + 1] not in RANGE_SEPARATORS and s[t.start - 1: t.start] not in RANGE_SEPARATORS)
    return year or s[t.start - 1: t.start] == "第"


def _numeric(s: str, text: str, found: list[NumberToken]) -> Value:
    if len(found) > 1:
        found = [t for t in found if not _is_date(s, t)] or found  # "2024年完成3个"
    if len(found) == 1:
        tok = found[0]
        return _quantity(s, text, tok, s[: tok.start], s[tok.end:])
    if len(found) == 2:
        a, b = found
        return _pair(text, a, b, s[: a.start], s[a.end: b.start], s[b.end:])
    values = "、".join(with_unit(num(t.value), t.unit) for t in found[:6])
    more = "等" if len(found) > 6 else ""
    return Unquantified(text, f"含多个数值（{values}{more}），无法确定哪一个是指标值")


def _class(s: str, text: str, found: list[NumberToken]) -> tuple[Value | None, list[NumberToken]]:
    """A water-quality class the cell names, or the numbers left once the class is set aside."""
    classes = list(CLASS_RE.finditer(s))
    if not classes:
        return None, found
    covered = {i for m in classes for i in range(m.start(), m.end())}
    others = [t for t in found if t.start not in covered]
    if others:  # "Ⅲ类以上水质比例≥90%": the class names the indicator, 90% is the value
        return None, others
    for m in classes:
        if is_numeral_class(m) and len(s) > SHORT:
            continue  # a digit before 类 in a sentence counts kinds, not a class
        reading = ordinal_class(s, text, m)
        if reading is not None:
            return reading, found
    return None, found


# A whole cell written in Chinese numerals with a unit: "三个", "不少于两次", "完成十二项".
_CN_CELL_RE = re.compile(
    rf"(?P<pre>[^0-9{CN}]{{0,6}}?)(?P<cn>[{CN}]+(?:点[零一二三四五六七八九]+)?)"
    rf"(?P<rest>(?:{UNIT_ALTERNATION}).{{0,6}})"
)


def _chinese_cell(s: str, text: str) -> Value | None:
    """三个, 不少于两次: a Chinese numeral with its unit and at most a comparator after."""
    m = _CN_CELL_RE.fullmatch(s)
    if not m:
        return None
    try:
        value = chinese_number(m.group("cn"))
    except ValueError:
        return None
    u = UNIT_RE.match(m.group("rest"))
    if not u:
        return None
    # words after the unit (十三个乡镇) are named in the note, as for 15个乡镇, for a count only
    # (not 十分满意, 一次性完成: units.not_counts)
    if suffix_side(m.group("rest")[u.end():]).rest.strip(PUNCT) != "" \
            and not a_count_word(s, m.start("cn"), canonical_unit(u)):
        return None
    start = m.start("cn")
    tok = NumberToken(start, start + len(m.group("cn")) + u.end(), value, canonical_unit(u))
    return _quantity(s, text, tok, s[:start], s[tok.end:])


@lru_cache(maxsize=4096)
def parse_value(text: str | None) -> Value | None:
    """Read one printed target or actual cell. Blank, "-", "—" and "/" give None (missing);
    every other string gives a Value, and no string raises."""
    if text is None:
        return None
    if not isinstance(text, str):
        text = str(text)
    s = cell(text)
    if s.lower() in _MISSING or all(ch in "-/\\_.·…" for ch in s):
        return None
    foreign = foreign_digits(text)
    if foreign:  # ٣0%, 9५%: Python would read them as digits; a form never prints them
        return Unquantified(text, f"含非 0–9 的数字：{describe(foreign)}")
    if s == "无":  # "none" or "not applicable": the cell does not say which
        return Qualitative("无", None, text)
    day = read_date(s, text)  # 8月30日前, 2024年12月完工: a date, never a count
    if day is not None:
        return day
    reading, found = _class(s, text, tokens(s))
    if reading is not None:
        return reading
    if found:
        return _numeric(s, text, found)
    return _chinese_cell(s, text) or worded(s, text)


def count_in_unit(text: str, unit: str) -> tuple[Quantity, str] | None:
    """全年3次未在8日前报送 read for a rule that counts in 次: the one number of the cell written
    in `unit` (3次; the 8 of 8日前 is a date), with the cell's other words (全年, 未在8日前报送)
    for the caller to check; None unless exactly one number is in that unit."""
    s = cell(text)
    found = [t for t in tokens(s) + counted_numerals(s) if t.unit is not None and units_match(t.unit, unit)]
    if len(found) != 1:
        return None
    tok = found[0]
    return Quantity(tok.value, tok.unit, "=", text, f"按评分标准的单位「{unit}」取「{s[tok.start:tok.end]}」"), \
        s[:tok.start] + s[tok.end:]
