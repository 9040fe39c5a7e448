"""What a short worded phrase claims, for matching a worded actual with a worded condition:
未完成, 基本明确, 有制度, 已建立, 编报不及时, 良.

`meaning(text)` reads the phrase into a `Meaning`: whether it is negated (an odd number of
negation words), the degree words that qualify it (基本, 较, 部分 …, each in one spelling), the
emphatic words that count only under a negation (未全部完成), what is left (its content), and
whether it is a bare yes-or-no answer (有, 是, 已建立, 无, 否). `same_claim(a, b)` says whether
two meanings can be the same claim and how closely. The words are engine/lexicon/answers.toml
and grades.toml. Nothing here knows a rule's points or decides a score (engine.scoring.worded).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from engine import lexicon
from engine.lazy_dataclass import dataclass
from engine.text.fold import fold

__all__ = ["Closeness", "Meaning", "RANK", "items", "meaning", "opposite", "same_claim"]

_Kind = Literal["negation", "keep", "degree", "emphatic", "neutral"]
_WORDS: list[tuple[str, _Kind]] = sorted(
    [(w, "negation") for w in lexicon.words("answers.negation")]
    + [(w, "keep") for w in lexicon.words("answers.not_negation")]
    + [(w, "degree") for w in lexicon.words("answers.degree")]
    + [(w, "emphatic") for w in lexicon.words("answers.emphatic")]
    + [(w, "neutral") for w in lexicon.words("answers.neutral")],
    key=lambda item: len(item[0]), reverse=True,
)
_DEGREE = lexicon.table("answers.degree")
_YES = frozenset(lexicon.words("answers.yes"))
_SPELLING = lexicon.table("grades.spelling")
_ALIKE = lexicon.table("answers.alike")
_ALIKE_RE = re.compile(lexicon.any_of(_ALIKE))
_ENUMERATION = re.compile(lexicon.alternation("answers.enumeration"))
_SINGLE = frozenset(lexicon.words("grades.single"))
_PUNCT = " ，,。.;；:：、()\"'!?*"
_FILLER_ENDS = ("的部门", "的单位", "的项目", "的情况", "的")
_FIRST = {w[0] for w, _ in _WORDS}


@dataclass(frozen=True)
class Meaning:
    """What a phrase claims. `content` is the phrase without its negation, degree, emphatic and
    neutral words (编报不及时 → 编报及时); `answer` is set when the content is a bare yes word
    or nothing at all (有, 已建立, 无, 否)."""

    text: str
    negated: bool
    degree: frozenset[str]
    emphatic: frozenset[str]
    content: str
    answer: bool

    @property
    def key(self) -> tuple[bool, frozenset[str], frozenset[str]]:
        """What two phrases must share to be the same claim: polarity and qualifiers."""
        return self.negated, self.degree, self.emphatic


def _core(text: str) -> str:
    s = _ALIKE_RE.sub(lambda m: _ALIKE[m.group(0)], "".join(fold(text).split()).strip(_PUNCT))
    s = _ENUMERATION.sub("", s)
    for end in _FILLER_ENDS:
        if s.endswith(end) and len(s) > len(end) + 1:
            s = s[: -len(end)]
    return _SPELLING.get(s, s)


def _word_at(s: str, i: int) -> tuple[str, _Kind] | None:
    if s[i] not in _FIRST:
        return None
    return next(((w, k) for w, k in _WORDS if s.startswith(w, i)), None)


def meaning(text: str) -> Meaning:
    """The claim of a short phrase (a condition of a rule or a worded actual)."""
    s = _core(text)
    negations, degree, emphatic, content = 0, set(), set(), []
    i = 0
    while i < len(s):
        found = _word_at(s, i)
        if found is None:
            content.append(s[i])
            i += 1
            continue
        word, kind = found
        i += len(word)
        if kind == "negation":
            negations += 1
        elif kind == "degree":
            degree.add(_DEGREE[word])
        elif kind == "emphatic":
            emphatic.add(word)
        elif kind == "keep":
            content.append(word)
    negated = negations % 2 == 1
    rest = "".join(content).strip(_PUNCT)
    return Meaning(s, negated, frozenset(degree), frozenset(emphatic) if negated else frozenset(),
                   rest, rest in _YES or (not rest and negations > 0))


Closeness = Literal["same-words", "same-claim", "contains", "answer"]
"""How an actual matches a condition, closest first: the same words; the same claim once
neutral words are dropped (已完成 / 完成); one's content inside the other's, both negated and
qualified alike (完成 / 按时完成); a bare yes-or-no answer (已建立 / 有制度)."""

RANK: dict[Closeness, int] = {"same-words": 4, "same-claim": 3, "contains": 2, "answer": 1}


def _contains(a: str, b: str) -> bool:
    """Is the shorter content inside the longer one, and long enough to mean something (two
    characters, or a one-character grade word: 较好 inside 有较好的经济效益)?"""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return bool(short) and short in long and (len(short) >= 2 or short in _SINGLE)


def same_claim(actual: Meaning, condition: Meaning) -> Closeness | None:
    """Can the actual be the condition's claim, and how closely? Never across a negation or a
    qualifier: 完成 is not 未完成, 明确 is not 基本明确."""
    if actual.text == condition.text:
        return "same-words"
    if actual.key != condition.key:
        return None
    if actual.content == condition.content:
        return "same-claim"
    if _contains(actual.content, condition.content):
        return "contains"
    if actual.answer and not actual.degree:
        return "answer"
    return None


_ITEM_SEPARATORS = re.compile(r"[，,；;、]+")


def items(text: str) -> list[str]:
    """The items of a list-like actual (有计划,无年终总结 → 有计划, 无年终总结), in order."""
    return [p for p in (part.strip(_PUNCT) for part in _ITEM_SEPARATORS.split(fold(text))) if p]


def opposite(said: Meaning) -> Meaning:
    """The same claim negated (部门职责已落实 → 部门职责不落实): what an item denies."""
    return replace(said, text="", negated=not said.negated, emphatic=frozenset())
