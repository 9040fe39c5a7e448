"""Numbers and their units in a printed cell: 97.7%, 1，200个, 百分之九十, 九成, 35μg/m³.

`tokens(s)` finds every number in a folded cell with the unit right after it (canonical
spelling from engine/lexicon/units.toml); `canonical_unit` spells a unit match the one way
rescore uses; `units_match` says whether two units compare as one (% and 百分点). Nothing here
decides which number is the target or converts units (万元 is not 10 000 元 here).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from engine import lexicon
from engine.text.numerals import CHINESE_NUMERAL_CHARS, chinese_number

__all__ = [
    "CN", "UNITS", "UNIT_RE", "UNIT_ALTERNATION", "NumberToken", "RANGE_SEPARATORS", "canonical_unit",
    "COUNT_UNITS", "a_count_word", "counted_numerals", "tokens", "units_match",
]

# Every unit the cells print, as folded text, and its canonical spelling. Longest alternatives
# are tried first, so "分钟" wins over "分" and "个月" over "个".
UNITS: dict[str, str] = {unit: unit for unit in lexicon.words("units.cell")} | dict(lexicon.spellings("units.spellings"))
UNIT_ALTERNATION = lexicon.any_of(UNITS)

# A magnitude (万元, 亿元, 万人次) stays part of the unit text: nothing is rescaled here.
UNIT_RE = re.compile(
    rf"(?P<mag>百万|千万|万|亿|千)?(?P<base>{UNIT_ALTERNATION})"
    rf"(?:/(?P<per>{UNIT_ALTERNATION}|[\u4e00-\u9fff]))?"
    r"|(?P<bare>万|亿)"
)

# Units that mean the same quantity for comparison (百分点 counts as %).
_SAME_UNIT = lexicon.groups("units.same")


def canonical_unit(match: re.Match[str]) -> str:
    """The unit `UNIT_RE` matched, spelt the one way rescore uses (μg/m³ → 微克/立方米)."""
    if match.group("bare"):
        return match.group("bare")
    unit = (match.group("mag") or "") + UNITS[match.group("base")]
    per = match.group("per")
    if per:
        unit += "/" + UNITS.get(per, per)
    return unit


def units_match(a: str | None, b: str | None) -> bool:
    """Do the two units compare as one? A missing unit matches any."""
    if a is None or b is None or a == b:
        return True
    return any(a in group and b in group for group in _SAME_UNIT)


# --------------------------------------------------------------------------- numbers

CN = CHINESE_NUMERAL_CHARS.replace("点", "")  # 零一二两三四五六七八九十百千
_ARABIC = r"(?:[0-9]{1,3}(?:，[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
# 百分之九十, 百分之90.5 ; 九成 (not 一成不变, 八成新) ; 97.7, 1，200
_TOKEN_RE = re.compile(
    rf"百分之(?P<pct>[0-9]+(?:\.[0-9]+)?|[{CN}]+(?:点[零一二三四五六七八九]+)?)"
    rf"|(?<![{CN}])(?P<cheng>[一二三四五六七八九十]+)成(?![为果效本绩员功立熟长不新])"
    rf"|(?<![0-9.])(?P<ar>{_ARABIC})"
)
RANGE_SEPARATORS = {"-", "至", "到", "--"}
_SIGN_CONTEXT = set("≥≤<>=:(为约")


class NumberToken(NamedTuple):
    """A number found in a cell, with its unit."""

    start: int
    end: int  # end of the number (and of its unit)
    value: Decimal
    unit: str | None


def _worded_number(m: re.Match[str]) -> NumberToken | None:
    """百分之九十 → 90 %, 九成 → 90 %; None for what only looks like a numeral (一二成)."""
    try:
        if m.group("pct") is not None:
            raw = m.group("pct")
            value = Decimal(raw) if raw[0].isascii() else chinese_number(raw)
            return NumberToken(m.start(), m.end(), value, "%")
        tenths = chinese_number(m.group("cheng"))  # an integer: the pattern has no 点
        return NumberToken(m.start(), m.end(), Decimal(int(tenths) * 10), "%")
    except ValueError:
        return None


def _arabic(s: str, m: re.Match[str]) -> NumberToken:
    """97.7, 1，200, -5 (a sign only after a comparator or at the start), with the unit after."""
    start, end = m.start(), m.end()
    value = Decimal(m.group("ar").replace("，", ""))
    if start >= 1 and s[start - 1] in "-+" and (start == 1 or s[start - 2] in _SIGN_CONTEXT):
        start -= 1
        if s[start] == "-":
            value = -value
    unit = None
    u = UNIT_RE.match(s, end)
    if u:
        unit, end = canonical_unit(u), u.end()
    return NumberToken(start, end, value, unit)


def tokens(s: str) -> list[NumberToken]:
    """Every number in the folded cell `s`, in order."""
    found: list[NumberToken] = []
    for m in _TOKEN_RE.finditer(s):
        if m.group("ar") is None:
            token = _worded_number(m)
            if token is not None:
                found.append(token)
        else:
            found.append(_arabic(s, m))
    return found


# A count written in Chinese numerals inside words (发现三个问题, 有一项不符合, 十三个乡镇): the numeral
# directly before a count unit (units.count: 项, 个, 次 …), never one of units.not_counts (一次性, 十分).
COUNT_UNITS = frozenset(lexicon.words("units.count"))
NOT_COUNTS = lexicon.words("units.not_counts")
_COUNTED_CN_RE = re.compile(rf"(?<![{CN}])(?P<cn>[{CN}]+)(?={UNIT_ALTERNATION})")


def a_count_word(s: str, start: int, unit: str | None) -> bool:
    """Does the numeral at `start`, read with `unit`, count things (not 一次性, 十分满意)?"""
    return unit in COUNT_UNITS and not any(s.startswith(w, start) for w in NOT_COUNTS)


def counted_numerals(s: str) -> list[NumberToken]:
    """Each count a folded text writes in Chinese numerals with a count unit, in order; a numeral
    that does not read (十十) is left out. `tokens` reads the Arabic ones."""
    found: list[NumberToken] = []
    for m in _COUNTED_CN_RE.finditer(s):
        u = UNIT_RE.match(s, m.end())
        if u is None or not a_count_word(s, m.start(), canonical_unit(u)):
            continue
        try:
            value = chinese_number(m.group("cn"))
        except ValueError:
            continue
        found.append(NumberToken(m.start(), u.end(), value, canonical_unit(u)))
    return found
