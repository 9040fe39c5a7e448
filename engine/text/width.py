"""Display width of text in a terminal, so that Chinese and ASCII columns line up.

A full-width or wide character (East Asian Width F or W: 汉字, 全角标点, ％, （）) takes two
columns, a combining mark or a zero-width format character takes none, everything else one.
Ambiguous characters (—, …, “”, ①) count one, as they do in most terminals outside a CJK
locale. This module measures and pads; it does not truncate, wrap or know about tables.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Literal

__all__ = ["display_width", "pad"]


@lru_cache(maxsize=4096)  # a report uses a few thousand distinct characters; each is looked up once
def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return 0
    return 2 if unicodedata.east_asian_width(char) in {"F", "W"} else 1


def display_width(text: str) -> int:
    """The number of terminal columns `text` occupies: display_width("得分 9.00") == 9."""
    if text.isascii():  # the common cell: one column a character, but for control characters
        return sum(map(_char_width, text)) if not text.isprintable() else len(text)
    return sum(map(_char_width, text))


def pad(text: str, width: int, align: Literal["left", "right"] = "left") -> str:
    """`text` padded with spaces to `width` display columns; text already that wide is kept whole."""
    fill = " " * max(0, width - display_width(text))
    return text + fill if align == "left" else fill + text
