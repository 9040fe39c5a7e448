"""The kinds of value a printed 年度指标值 (target) or 实际完成值 (actual) cell reads as.

`Quantity` (90%以上), `Range` (1-2个), `OrdinalClass` (Ⅲ类及以上), `Qualitative` (基本完成) and
`Unquantified` (省定目标), each with `describe()`, the Chinese reading shown to the user.
Plain frozen data: nothing here reads a cell (engine.values.read) or compares values
(engine.values.compare).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from engine import lexicon
from engine.lazy_dataclass import dataclass
from engine.text.fold import fold

__all__ = ["Comparator", "OrdinalClass", "Qualitative", "Quantity", "Range", "Tier", "Unquantified", "Value"]

Comparator = Literal["=", ">=", ">", "<=", "<"]
Tier = Literal["achieved", "partial", "not_achieved"]

_PRINTED = lexicon.table("comparators.printed")
_SYMBOL = {"=": ""} | {op: _PRINTED[key] + " " for op, key in ((">=", "ge"), (">", "gt"), ("<=", "le"), ("<", "lt"))}
_TIER_ZH = lexicon.table("tiers.name")
SHORT = 12  # a cell longer than this (in characters) is a sentence, not a phrase


def num(value: Decimal) -> str:
    """A number as the cell wrote it (90.0 stays 90.0)."""
    return format(value, "f")


def with_unit(number: str, unit: str | None) -> str:
    if unit is None:
        return number
    if unit in ("%", "‰"):
        return number + unit
    return f"{number} {unit}"


def shown(text: str) -> str:
    """A cell on one line, cut to a phrase."""
    flat = " ".join(text.split())
    return flat if len(flat) <= SHORT else flat[:SHORT] + "…"


# --------------------------------------------------------------------------- value types


@dataclass(frozen=True)
class Quantity:
    """A number with an optional unit and the comparator the cell wrote ("90%以上" → ≥ 90%)."""

    number: Decimal
    unit: str | None
    comparator: Comparator
    text: str
    note: str = ""  # what the reading left out or assumed, in Chinese ("忽略文字「完成」")

    def describe(self) -> str:
        core = _SYMBOL[self.comparator] + with_unit(num(self.number), self.unit)
        return f"{core}（{self.note}）" if self.note else core


@dataclass(frozen=True)
class Range:
    """A closed interval, both ends included ("1-2个", "80%-90%")."""

    low: Decimal
    high: Decimal
    unit: str | None
    text: str
    note: str = ""

    def describe(self) -> str:
        core = with_unit(f"{num(self.low)}–{num(self.high)}", self.unit)
        return f"{core}（{self.note}）" if self.note else core


@dataclass(frozen=True)
class OrdinalClass:
    """A water-quality class (GB 3838: Ⅰ…Ⅴ, then 劣Ⅴ as rank 6). A lower rank is better, so
    "Ⅲ类及以上" (Ⅰ, Ⅱ or Ⅲ) is comparator "<=" on the rank."""

    rank: int
    label: str
    comparator: Comparator
    text: str
    note: str = ""

    def describe(self) -> str:
        label = self.label
        core = {
            "=": label,
            "<=": f"{label}或更好（≤ {label}：类别越小水质越好）",
            "<": f"优于{label}（< {label}：类别越小水质越好）",
            ">=": f"{label}或更差（≥ {label}：类别越大水质越差）",
            ">": f"劣于{label}（> {label}：类别越大水质越差）",
        }[self.comparator]
        return f"{core}（{self.note}）" if self.note else core


@dataclass(frozen=True)
class Qualitative:
    """A worded target or actual, placed in a national tier when the wording allows it.

    `word` is the phrase that decided the tier ("基本完成", "无偏差"), or the whole cell when
    nothing did (tier None)."""

    word: str
    tier: Tier | None
    text: str

    def describe(self) -> str:
        flat = " ".join(self.text.split())
        if self.tier is None:
            if fold(flat) == "无":
                return "定性：无（含义不明：可能是“没有”，也可能是“不适用”）"
            return f"定性：{shown(flat)}（未能归入达成/部分达成/未达成）"
        phrase = flat if len(flat) <= SHORT else f"…{self.word}…"
        return f"定性：{phrase}（{_TIER_ZH[self.tier]}）"


@dataclass(frozen=True)
class Unquantified:
    """A cell that names a target without giving a number to compare ("省定目标")."""

    text: str
    reason: str

    def describe(self) -> str:
        head, sep, rest = self.reason.partition("：")
        short = rest.split("，")[0] if sep else self.reason
        return f"未量化：{shown(self.text)}（{short}）"


from engine.values.dates import Date  # noqa: E402  (a date cell: engine.values.dates)

Value = Quantity | Range | OrdinalClass | Qualitative | Unquantified | Date

