"""Water-quality classes in a cell: Ⅲ类, 劣Ⅴ类, 达到Ⅱ类及以上, 水质2类.

`CLASS_RE` finds a class name followed by 类 (names and ranks: engine/lexicon/classes.toml);
`ordinal_class` reads the match with the comparator words around it (comparators.toml
[class.*]: a lower class is better, so Ⅲ类及以上 is ≤ Ⅲ on the rank). Digits and Chinese
numerals name a class only where the cell is about water ("完成2类培训" counts kinds). Nothing
here reads other numbers.
"""

from __future__ import annotations

import re

from engine import lexicon
from engine.values.kinds import Comparator, OrdinalClass
from engine.values.sides import leftover
from engine.values.units import CN

__all__ = ["CLASS_RE", "is_numeral_class", "ordinal_class"]

_WORSE = "劣"  # 劣Ⅴ: worse than the last class
_NUMERALS = lexicon.ranks("classes.numeral")
_NAMES = [name for key in ("classes.roman", "classes.latin", "classes.numeral")
          for name in lexicon.ranks(key) if not name.startswith(_WORSE)]
_GLYPHS = "".join(name for name in lexicon.ranks("classes.roman") if len(name) == 1)  # ⅠⅡⅢⅣⅤ

CLASS_RE = re.compile(
    rf"(?<![0-9A-Za-z.{CN}{_GLYPHS}第])(?P<bad>{_WORSE})?(?P<n>{lexicon.any_of(_NAMES)}){lexicon.text('classes.suffix')}"
)

# comparators.toml [class.before] and [class.after]: the comparison each list says
_BEFORE: dict[str, Comparator] = {"le": "<=", "lt": "<", "gt": ">", "eq": "="}
_AFTER: dict[str, Comparator] = {"le": "<=", "ge": ">="}


def _words(side: str, ops: dict[str, Comparator]) -> list[tuple[str, Comparator]]:
    """The comparator words on one side of a class, longest first."""
    found = [(w, op) for key, op in ops.items() for w in lexicon.words(f"comparators.class.{side}.{key}")]
    return sorted(found, key=lambda w: len(w[0]), reverse=True)


_CLASS_PREFIX = _words("before", _BEFORE)
_CLASS_SUFFIX = _words("after", _AFTER)
_CONTEXT = lexicon.words("classes.context")  # removed in this order: 水质 before 水


def is_numeral_class(match: re.Match[str]) -> bool:
    """Is the class written with a digit or a Chinese numeral (2类, 三类)?"""
    return match.group("n") in _NUMERALS


def _comparator(before: str, after: str) -> tuple[Comparator, str, str]:
    """The comparator the words around the class say, and what is left of them."""
    comparator: Comparator = "="
    for word, cmp in _CLASS_PREFIX:
        if before.endswith(word):
            comparator, before = cmp, before[: -len(word)]
            break
    for word, cmp in _CLASS_SUFFIX:
        if after.startswith(word):
            if comparator == "=":
                comparator = cmp
            after = after[len(word):]
            break
    return comparator, before, after


def ordinal_class(s: str, text: str, match: re.Match[str]) -> OrdinalClass | None:
    """The class `match` found in the folded cell `s` (`text` as printed), or None when it does
    not name a water-quality class (劣Ⅲ, or a digit outside a water-quality cell)."""
    rank = lexicon.class_rank((match.group("bad") or "") + match.group("n"))
    if rank is None:
        return None
    comparator, before, after = _comparator(s[: match.start()], s[match.end():])
    ignored = leftover(before, after)
    if is_numeral_class(match):
        context = "".join(ignored)
        for filler in _CONTEXT:
            context = context.replace(filler, "")
        if context and "水" not in s:
            return None
    note = "忽略文字" + "".join(f"「{w}」" for w in ignored) if ignored else ""
    return OrdinalClass(rank, lexicon.class_label(rank), comparator, text, note)
