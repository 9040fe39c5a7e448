"""Dates in printed cells: 8月30日前, 2024年10月底前完工, 12月底前, 春节前, 8月25日分配完毕, 2024年12月完工.

`read_date(s, text)` reads a folded cell whose one value is a date (a month, with or without a
year and a day, or a named day: 年底, 上半年, 春节; or dotted, 2024.06 / 2024.12.31) into a `Date`, with the comparator its deadline
word gives (前, 之前, 以前, 底前: at most that date); a cell that also counts something (全年3次未在8日前
报送) is not a date. A date is never a count: 2024年12月 is December 2024, not 12 个.

`ordinal(date, year)` places a date on one line for comparing (a month alone at its first day, or
its last for 月底 / a deadline), and `months_between` / `days_between` give the delay from one
date to another in the rule's unit. The named days come from engine/lexicon/deadlines.toml.
Nothing here scores anything.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from engine import lexicon
from engine.lazy_dataclass import dataclass
from engine.values.units import tokens

__all__ = ["Date", "days_between", "months_between", "ordinal", "read_date"]

Part = Literal["start", "end"]
_DEADLINE = ("之前", "以前", "前")  # at most that date (the date itself: a judgement call, see engine.scoring)


@dataclass(frozen=True)
class Date:
    """A day, a month or a named day, as a cell writes it (`comparator` "<=" for a deadline)."""

    year: int | None
    month: int | None
    day: int | None
    part: Part | None  # 月底 / 年底: the end of the month; 月初: the start
    comparator: Literal["=", "<="]
    text: str
    holiday: str | None = None  # 春节: a day that moves with the year
    note: str = ""

    def describe(self) -> str:
        core = self.holiday or (f"{self.year}年" if self.year else "") + (f"{self.month}月" if self.month else "") \
            + (f"{self.day}日" if self.day else {"end": "底", "start": "初", None: ""}[self.part])
        core = ("≤ " if self.comparator == "<=" else "") + "日期 " + core
        return f"{core}（{self.note}）" if self.note else core


_DATE_RE = re.compile(
    r"(?:(?P<year>[0-9]{4})年)?(?P<month>[0-9]{1,2})月(?:(?P<day>[0-9]{1,2})日|(?P<part>底|末|初|中旬|上旬|下旬))?"
    r"(?P<deadline>之前|以前|底前|前)?")
# 2024.06, 2024.12.31, 2024-06-30, 2024/6/30: a year of the 1900s or 2000s and a month (and a day)
# joined by one separator, as forms print dates; never inside a longer number (12.2024.06) and
# never with a third part after a day. 2024.06 as a count or an amount is not written in a cell.
_DOTTED_RE = re.compile(
    r"(?<![0-9.])(?P<year>(?:19|20)[0-9]{2})(?P<sep>[.\-/])(?P<month>[0-9]{1,2})"
    r"(?:(?P=sep)(?P<day>[0-9]{1,2}))?(?P<part>(?!))?(?![0-9.])(?P<deadline>之前|以前|前)?")
_NAMED = {name: when.split(",") for name, when in lexicon.table("deadlines.named").items()}
_HOLIDAYS = lexicon.table("deadlines.holidays")
_NAMED_RE = re.compile(rf"(?:(?P<year>[0-9]{{4}})年)?(?P<name>{lexicon.any_of(list(_NAMED) + list(_HOLIDAYS))})"
                       r"(?P<deadline>之前|以前|前)?")
_PARTS: dict[str, Part | None] = {"底": "end", "末": "end", "初": "start", "中旬": None, "上旬": "start", "下旬": "end"}
_OTHER_NUMBER = re.compile(r"\d")


def read_date(s: str, text: str) -> Date | None:
    """The date a folded cell states, or None when it states something else (a count, two dates)."""
    m = _date_match(s)
    if m is None:
        return None
    deadline = m.group("deadline")
    comparator: Literal["=", "<="] = "<=" if deadline else "="
    year = int(m.group("year")) if m.group("year") else None
    if "name" in m.groupdict() and m.group("name"):
        return _named(m.group("name"), year, comparator, text)
    return _calendar(m, year, comparator, text)


def _date_match(s: str) -> re.Match[str] | None:
    """The one date written in `s`; None when there is none, two, or a number beside it."""
    m = _DATE_RE.search(s) or _dotted(s) or _NAMED_RE.search(s)
    if m is None or len(_DATE_RE.findall(s)) + len(_DOTTED_RE.findall(s)) > 1:
        return None
    rest = s[:m.start()] + s[m.end():]
    if _OTHER_NUMBER.search(rest):  # 全年3次未在8月底前报送: a count, with a date in its words
        return None
    return m


def _dotted(s: str) -> re.Match[str] | None:
    """2024.06 / 2024.12.31 as a date, unless a unit follows it (2024.5万元 is an amount)."""
    m = _DOTTED_RE.search(s)
    if m is None or any(t.start == m.start() and t.unit is not None for t in tokens(s)):
        return None
    return m


def _calendar(m: re.Match[str], year: int | None, comparator: Literal["=", "<="], text: str) -> Date | None:
    """A month (and day, or 上旬/月底) date; None for a month alone that may be a duration."""
    deadline = m.group("deadline")
    part = _PARTS.get(m.group("part") or "") if m.group("part") else None
    if deadline == "底前":
        part = "end"
    month = int(m.group("month"))
    day = int(m.group("day")) if m.group("day") else None
    if year is None and day is None and part is None and not deadline:
        return None  # 3月 alone may be three months as well as March: left to the number reader
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return Date(year, month, day, part, comparator, text)


def _named(name: str, year: int | None, comparator: Literal["=", "<="], text: str) -> Date:
    """年底 (December's end), 上半年 (June's end), 春节 (a day that moves: from the year's table)."""
    if name in _HOLIDAYS:
        return Date(year, None, None, None, comparator, text, holiday=name, note=f"「{name}」的日期随年份而变")
    month, part = _NAMED[name]
    return Date(year, int(month), None, "end" if part == "end" else "start", comparator, text)


def _holiday_day(d: Date, year: int) -> date | None:
    assert d.holiday is not None
    for entry in lexicon.words(f"deadlines.{_HOLIDAYS[d.holiday]}"):
        if entry.startswith(f"{year}-"):
            y, m, dd = (int(p) for p in entry.split("-"))
            return date(y, m, dd)
    return None


def as_day(d: Date, year: int, deadline: bool = False) -> date | None:
    """The calendar day a Date stands for in `year` (its own year first): a month alone is its
    first day, or its last for a deadline or 月底; None for a named day not known for the year."""
    y = d.year or year
    if d.holiday is not None:
        return _holiday_day(d, y)
    assert d.month is not None
    import calendar  # (and locale): only when a date is reckoned

    last = calendar.monthrange(y, d.month)[1]
    if d.day is not None:
        return date(y, d.month, min(d.day, last))
    if d.part == "end" or (d.part is None and deadline):
        return date(y, d.month, last)
    return date(y, d.month, 1)


def ordinal(d: Date, year: int, deadline: bool = False) -> int | None:
    day = as_day(d, year, deadline)
    return day.toordinal() if day is not None else None


def months_between(start: Date, end: Date, year: int) -> int | None:
    """Whole months from one date to a later one, by calendar month (10月底 → 12月: 2)."""
    if start.month is None or end.month is None:
        return None
    return ((end.year or start.year or year) - (start.year or end.year or year)) * 12 + end.month - start.month


def days_between(start: Date, end: Date, year: int) -> int | None:
    a, b = as_day(start, year, deadline=True), as_day(end, year)
    return None if a is None or b is None else (b - a).days
