"""Which way an indicator improves, by the words of its name: 在职人员控制率 lower, 优良天数比例
higher, 事故处理及时率 higher (the name's last direction word decides).

`direction_by_name(name)` gives ("lower" | "higher", the word) or None; the words are
engine/lexicon/directions.toml. This is one piece of evidence: engine.scoring.direction orders it
after the rule's own and a declared direction, and before any guess. Nothing here reads a rule.
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from engine import lexicon
from engine.text.fold import fold

__all__ = ["Direction", "direction_by_name"]

Direction = Literal["higher", "lower"]

_WORDS: list[tuple[str, Direction]] = [
    *[(w, "lower") for w in lexicon.words("directions.lower_is_better")],
    *[(w, "higher") for w in lexicon.words("directions.higher_is_better")],
]


@functools.lru_cache(maxsize=4096)  # names repeat down a report; a name is read the same way each time
def direction_by_name(name: str | None) -> tuple[Direction, str] | None:
    """The direction the name's words say, and the word that decided it: of the words found,
    the one ending last, the longer at the same end."""
    if not name:
        return None
    found = _LAST_WORD.search(fold(name)[::-1])
    if found is None:
        return None
    word = found.group()[::-1]
    return _DIRECTION[word], word


# The name read backwards: the first match is the word that ends last, and of the words ending
# there the alternation tries the longer first (of two as long, the first in _WORDS).
_DIRECTION: dict[str, Direction] = {}
for _word, _direction in _WORDS:
    _DIRECTION.setdefault(_word, _direction)
_LAST_WORD = re.compile("|".join(re.escape(w[::-1]) for w in sorted(_DIRECTION, key=len, reverse=True)))
