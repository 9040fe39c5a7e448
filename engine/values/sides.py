"""The comparator words on either side of a number in a cell: 不低于90%, 90%以上, 约90%, 下降5%.

`prefix_side` and `suffix_side` find the word before and after a number (the lists are
engine/lexicon/comparators.toml, cell.before and cell.after, with deadline words such as 前);
`combine` makes one comparator of the two, or says they conflict; `leftover` and `note` say
what else the cell wrote. Nothing here finds the number itself (engine.values.units).
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from engine import lexicon
from engine.values.kinds import Comparator

__all__ = ["NEGATORS", "PUNCT", "Side", "combine", "leftover", "note", "prefix_side", "suffix_side"]

# The lists of comparators.toml [cell.before] and [cell.after]: what each says, and its kind:
# "" plain, "approx" 约数 (约90%), "change" a change rather than a level (下降5% as a target:
# a fall of at least 5); deadline words (6月底前) bound a date from above.
_BOUNDS: dict[str, tuple[Comparator, str]] = {
    "ge": (">=", ""), "gt": (">", ""), "le": ("<=", ""), "lt": ("<", ""), "approx": ("=", "approx"),
}
_BEFORE = _BOUNDS | {"eq": ("=", ""), "change": (">=", "change")}
_AFTER = _BOUNDS | {"deadline": ("<=", "")}


def _words(side: str, kinds: dict[str, tuple[Comparator, str]]) -> list[tuple[str, Comparator, str]]:
    """(word, comparator, kind) for every word of one side, longest word first."""
    found = [(w, op, kind) for key, (op, kind) in kinds.items() for w in lexicon.words(f"comparators.cell.{side}.{key}")]
    return sorted(found, key=lambda w: len(w[0]), reverse=True)


_PREFIX_WORDS = _words("before", _BEFORE)
_SUFFIX_WORDS = _words("after", _AFTER)

PUNCT = " ，,。.;:()\"'、!?*"
_SILENT = ("之间", "(含)", "共计", "共", "累计", "合计")
NEGATORS = lexicon.words("tiers.yes_no.no")  # a negation beside a number (未完成3个)


class Side(NamedTuple):
    """The comparator word on one side of a number, and the rest of that side."""

    comparator: Comparator | None
    kind: str
    word: str
    rest: str  # what is left of the side text once the comparator word is taken off


def prefix_side(text: str) -> Side:
    """The comparator word ending the text before a number (不低于90%)."""
    stripped = text.rstrip(PUNCT)
    for word, comparator, kind in _PREFIX_WORDS:
        if stripped.endswith(word):
            return Side(comparator, kind, word, stripped[: -len(word)])
    return Side(None, "", "", text)


def suffix_side(text: str) -> Side:
    """The comparator word opening the text after a number (90%以上)."""
    stripped = text.lstrip(PUNCT)
    for word, comparator, kind in _SUFFIX_WORDS:
        if stripped.startswith(word):
            return Side(comparator, kind, word, stripped[len(word):])
    return Side(None, "", "", text)


def leftover(*pieces: str) -> list[str]:
    """The words left around a number once comparators and silent words are taken off."""
    out = []
    for piece in pieces:
        for silent in _SILENT:
            piece = piece.replace(silent, " ")
        for part in re.split(r"[ ，,。.;:()\"'、!?*]+", piece):
            if part:
                out.append(part)
    return out


def combine(pre: Side, post: Side) -> Comparator | None | Literal["conflict"]:
    """One comparator from the words before and after the number; "=" (为, 约) is neutral and a
    change word ("下降") yields to an explicit bound after the number ("下降5%以内")."""
    if pre.comparator in (None, "=") or (pre.kind == "change" and post.comparator not in (None, "=")):
        if post.comparator not in (None, "="):
            return post.comparator
        return pre.comparator or post.comparator
    if post.comparator in (None, "=") or post.comparator == pre.comparator:
        return pre.comparator
    assert pre.comparator is not None and post.comparator is not None
    if pre.comparator[0] == post.comparator[0]:  # "大于90%以上": the strict word wins
        return pre.comparator if len(pre.comparator) == 1 else post.comparator
    return "conflict"


def note(pre: Side, post: Side, ignored: list[str], comparator: Comparator) -> str:
    """What the reading assumed or left out, in Chinese (「约」为约数，按等于处理)."""
    notes = []
    for side in (pre, post):
        if side.kind == "approx" and comparator == "=":
            notes.append(f"「{side.word}」为约数，按等于处理")
        elif side.kind == "change" and side.comparator == comparator:
            notes.append(f"「{side.word}」是变化幅度，按幅度不低于该数比较")
    if ignored:
        notes.append("忽略文字" + "".join(f"「{w}」" for w in ignored))
    return "；".join(notes)

