"""A worded actual that says a forbidden thing happened (发现白条抵现金) under a requirement that
forbids it (…不得以白条抵现金(0.5分)): the requirement is broken, its points are not earned. An
actual that denies it (未发现白条抵现金, 无白条抵现金) keeps the requirement. An occurrence said in
words counts as at least one; nothing here reads a number.

The words are engine/lexicon/answers.toml (`prohibition`, `occurrence`); the actual's polarity is
engine.values.meaning's.
"""

from __future__ import annotations

import re

from engine import lexicon
from engine.language import tree as rt
from engine.scoring.context import Ctx, points_of
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import Result
from engine.text.fold import fold
from engine.values.meaning import meaning

__all__ = ["by_breach"]

_FORBID = re.compile(lexicon.alternation("answers.prohibition"))
_OCCURRENCE = lexicon.longest_first(lexicon.words("answers.occurrence"))
_CLAUSE_END = re.compile(r"[，,。;；:：(]")
_SHORTEST = 2  # a forbidden thing named in fewer characters says too little to match


def _forbidden(text: str) -> list[str]:
    """The things a requirement forbids: the words after each prohibition word, to the clause end,
    each item of a list (不得坐支、挪用 → 坐支, 挪用; 不得以白条抵现金 → 以白条抵现金)."""
    s = "".join(fold(text).split())
    out = []
    for m in _FORBID.finditer(s):
        end = _CLAUSE_END.search(s, m.end())
        out += s[m.end(): end.start() if end else len(s)].split("、")
    return [w for w in out if w]


def _occurrence(text: str) -> tuple[str, bool] | None:
    """What an actual says happened, and whether it denies it: 发现白条抵现金 → (白条抵现金, False),
    未发现白条抵现金 → (白条抵现金, True); None when it does not open with an occurrence word."""
    said = meaning(text)
    content = said.content
    word = next((w for w in _OCCURRENCE if content.startswith(w)), None)
    if word is None or len(content) - len(word) < _SHORTEST:
        return None
    return content[len(word):], said.negated


def _breaks(thing: str, forbidden: list[str]) -> bool:
    return any(thing in f or (len(f) >= _SHORTEST and f in thing) for f in forbidden)


def by_breach(ctx: Ctx, awards: list[rt.Award]) -> Result | None:
    """The score when the actual says a forbidden thing of one requirement happened or did not;
    None when it says no such thing. Awards the actual says nothing of are a range: from none
    of their points to all of them."""
    said = _occurrence(getattr(ctx.actual, "text", "") or "")
    if said is None:
        return None
    thing, denied = said
    hit = [a for a in awards if isinstance(a.condition, rt.Condition) and _breaks(thing, _forbidden(a.condition.text))]
    if len(hit) != 1:
        return None
    award = hit[0]
    words = award.condition.text if isinstance(award.condition, rt.Condition) else ""
    others = sum((points_of(ctx, a) for a in awards if a is not award), F(0))
    own = points_of(ctx, award)
    low = (own if denied else F(0))
    high = min(low + others, F(ctx.weight))
    verb = "未发生，要求做到" if denied else "发生过（至少一次），要求未做到"
    ctx.say(f"实际完成值说「{thing}」{verb}：「{words}」{'得' if denied else '不得'} {fmt(own)} 分")
    if others:
        ctx.say(f"其余各项实际完成值没有说到：{fmt(low)}–{fmt(high)} 分")
    return ("score" if low == high else "range"), low, high
