"""Digits that are not 0–9: found, named and placed, so that nothing reads them as a number.

Python reads more than 0–9 as digits: `Decimal("٣")` and `int("३")` are 3, the regular
expression `\\d` matches 𝟑, and `"²".isdigit()` is true. A form prints 0–9 (or their
full-width twins ０–９, which `engine.text.fold` turns into 0–9); any other digit in a cell or a
rule is a transcription or extraction slip, or a character that only looks like a number, and
rescore never silently reads it as one. `foreign_digits(text)` lists each with its position and
its Unicode name, `describe(found)` says so in Chinese; `plain_digits(text)` is the guard for
callers that convert text to a number. Left alone: Chinese numerals (一, 〇), Roman numerals
(Ⅲ, water classes), a circled or bracketed number used as an item mark (①完成；②完成: no digit or
decimal point beside it) and a superscript after a letter (m², km³: a unit's power).
"""

from __future__ import annotations

import re
import unicodedata

from engine.lazy_dataclass import dataclass

__all__ = ["ForeignDigit", "plain_digits", "describe", "foreign_digits", "shown"]

_FULLWIDTH = frozenset("０１２３４５６７８９")
_SUPERSCRIPTS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class ForeignDigit:
    """One digit other than 0–9 / ０–９ at `position` (0-based) of the text, with what it is worth."""

    position: int
    char: str
    value: int

    @property
    def name(self) -> str:
        return unicodedata.name(self.char, f"U+{ord(self.char):04X}")

    @property
    def code(self) -> str:
        """U+0663 ARABIC-INDIC DIGIT THREE"""
        return f"U+{ord(self.char):04X} {self.name}"

    def text(self) -> str:
        return f"第 {self.position + 1} 个字符「{self.char}」（{self.code}）不是 0–9 的数字，未按数字 {self.value} 读取"


def _digit(char: str) -> int | None:
    if "0" <= char <= "9" or char in _FULLWIDTH:
        return None
    return unicodedata.digit(char, None)


def _is_item_mark(text: str, i: int) -> bool:
    """①完成: a circled, bracketed or dotted number (No, not Nd) with no digit or point beside it."""
    if unicodedata.category(text[i]) != "No" or text[i] in _SUPERSCRIPTS:
        return False
    return not any(_beside_number(text, j) for j in (i - 1, i + 1))


def _beside_number(text: str, j: int) -> bool:
    if not 0 <= j < len(text):
        return False
    char = text[j]
    return char in ".．%％" or unicodedata.digit(char, None) is not None


def _is_unit_power(text: str, i: int) -> bool:
    """m², km³: a superscript after a Latin letter is the power of a unit."""
    return text[i] in _SUPERSCRIPTS and i > 0 and text[i - 1].isascii() and text[i - 1].isalpha()


_ONLY_PLAIN = re.compile(r"[\x00-\x7f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]*")
"""Text of these blocks holds no digit but 0–9 and ０–９ (U+3007 〇 and the ideographs are numerals,
not digits: unicodedata.digit gives None), so `foreign_digits` need not look at each character."""


def foreign_digits(text: str, marks: bool = True) -> list[ForeignDigit]:
    """Every digit of `text` that is not 0–9 or ０–９; with `marks`, not an item mark or a
    unit's power either (in text; a number cell has neither)."""
    found: list[ForeignDigit] = []
    if _ONLY_PLAIN.fullmatch(text):  # ASCII, CJK ideographs and punctuation, full-width forms: no digit but 0–9, ０–９
        return found
    for i, char in enumerate(text):
        if char.isascii():
            continue
        value = _digit(char)
        if value is None or (marks and (_is_item_mark(text, i) or _is_unit_power(text, i))):
            continue
        found.append(ForeignDigit(i, char, value))
    return found


def describe(found: list[ForeignDigit], limit: int = 3) -> str:
    """The first few, in Chinese: 第 3 个字符「٣」（U+0663 ARABIC-INDIC DIGIT THREE）不是 0–9 的数字…"""
    text = "；".join(d.text() for d in found[:limit])
    return text + (f"；另有 {len(found) - limit} 个" if len(found) > limit else "")


def plain_digits(text: str) -> bool:
    """True when every digit of `text` is 0–9 or ０–９: what may be given to `Decimal` or `int`."""
    return all(char.isascii() or _digit(char) is None for char in text)


def shown(text: str, limit: int | None = None) -> str:
    """`text` as it can go into a message: cut to `limit` characters (with …) and with lone
    surrogates written as escapes (\\udf27), which no encoder, pydantic's included, refuses."""
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
