"""Worded cells: 已完成, 基本完成, 未按时完成, 无超支, 存在问题, 省定目标, 为社会发展保障了….

`worded(s, text)` reads a cell with no number to compare: a reference to a number set elsewhere
(省定目标, 按计划) is `Unquantified` with the reason; wording is placed in one of the national
three tiers (达成 / 部分达成 / 未达成) as a `Qualitative` by the stems and modifiers of
engine/lexicon/tiers.toml; a sentence that claims nothing is a description. Each stem is read
with a bounded look-back, so a long cell is read in linear time. Nothing here reads numbers.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from engine import lexicon
from engine.lazy_dataclass import dataclass
from engine.values.kinds import SHORT, Qualitative, Tier, Unquantified, Value

__all__ = ["worded"]

# ---------------------------------------------------------------- stems and modifiers

_COMPLETION = lexicon.words("tiers.stem.completion")
_STEM_KIND = {w: "pos" for w in lexicon.words("tiers.stem.positive")}
_STEM_KIND.update({w: "weak" for w in lexicon.words("tiers.stem.bad_weak")})
_STEM_KIND.update({w: "strong" for w in lexicon.words("tiers.stem.bad_strong")})
_STEM_RE = re.compile(lexicon.any_of(_STEM_KIND))
_TIER_ORDER = {"not_achieved": 0, "partial": 1, "achieved": 2}

_CATEGORIES = ("negation", "all", "partial", "achieved", "existence", "filler")
_MODIFIERS: list[tuple[str, str]] = sorted(
    [(w, category) for category in _CATEGORIES for w in lexicon.words(f"tiers.modifier.{category}")],
    key=lambda item: len(item[0]),
    reverse=True,
)
_CHAIN = 6  # walk back over at most six modifiers: "未能按时全部完成"
_CHAIN_WINDOW = _CHAIN * max(len(w) for w, _ in _MODIFIERS)

_CLAUSE_NEGATION = lexicon.words("tiers.clause.negation")
_CLAUSE_NOT_NEGATION = lexicon.words("tiers.clause.not_negation")
_CLAUSE_EXISTENCE = lexicon.words("tiers.clause.existence")


class _Hit(NamedTuple):
    tier: Tier
    phrase: str
    stem: str


@dataclass
class _Turns:
    """What the words before a stem do to it."""

    negated: bool = False
    not_all: bool = False  # 未全部完成: not all of it, so some of it
    partial: bool = False
    exists: bool = False


def _modifiers(prefix: str) -> tuple[_Turns, int]:
    """Walk back over the modifiers ending `prefix`; how they turn the stem, and how many
    characters of `prefix` they took."""
    turns = _Turns()
    seen_all = False
    rest = prefix
    for _ in range(_CHAIN):
        found = next(((w, c) for w, c in _MODIFIERS if rest.endswith(w)), None)
        if found is None:
            break
        word, category = found
        rest = rest[: -len(word)]
        if category == "negation":
            if seen_all and not turns.negated:
                turns.not_all = True
            else:
                turns.negated = not turns.negated
        elif category == "all":
            seen_all = True
        elif category == "partial":
            turns.partial = True
        elif category == "existence":
            turns.exists = True
    return turns, len(prefix) - len(rest)


def _clause(turns: _Turns, clause: str, kind: str) -> None:
    """Beyond the known modifiers: a clause that opens with a negation negates its verb even when
    other words stand between ("未按计划时间完成"), and a clause that says something happened
    makes a bad word real ("发生环境事故")."""
    if not turns.negated and not turns.not_all and clause.startswith(_CLAUSE_NEGATION) \
            and not clause.startswith(_CLAUSE_NOT_NEGATION):
        turns.negated = True
    if kind != "pos" and not turns.negated and not turns.exists and any(w in clause for w in _CLAUSE_EXISTENCE):
        turns.exists = True


def _tier(kind: str, turns: _Turns) -> Tier | None:
    if kind == "pos":
        if turns.negated:
            return "not_achieved"
        return "partial" if turns.partial or turns.not_all else "achieved"
    if turns.negated:
        return "partial" if turns.partial else "achieved"
    if kind == "strong" or turns.exists:
        return "partial" if turns.partial else "not_achieved"
    return None  # a weak bad word merely named (投诉处理及时)


def _hit(s: str, m: re.Match[str]) -> _Hit | None:
    stem, kind = m.group(0), _STEM_KIND[m.group(0)]
    window = max(0, m.start() - _CHAIN_WINDOW)  # a bounded look-back keeps long cells linear
    turns, taken = _modifiers(s[window: m.start()])
    phrase = s[m.start() - taken: m.end()]
    _clause(turns, re.split(r"[，,。;；:：、]", s[window: m.start()])[-1], kind)
    tier = _tier(kind, turns)
    return None if tier is None else _Hit(tier, phrase, stem)


def _hits(s: str) -> list[_Hit]:
    return [h for m in _STEM_RE.finditer(s) if (h := _hit(s, m)) is not None]


# ---------------------------------------------------------------- references

    return [h for m in _STEM_RE.finditer(s) if (h := _hit(s, m)) is not None]


# Cells that refer to a number set elsewhere. Strong references win over tier words:
# "达到国家标准" does not say which standard value was reached.
_STRONG_REFERENCES: list[tuple[tuple[str, ...], str]] = [
    (("省定",), "省定目标：未写明数值，须查省里下达的目标"),
    (("市定", "州定"), "市定目标：未写明数值，须查市里下达的目标"),
    (("县定", "区定"), "县定目标：未写明数值，须查县（区）里下达的目标"),
    (("国家标准", "国标", "国家规定"), "国家标准：未写明数值，须查所引国家标准的限值"),
    (("行业标准",), "行业标准：未写明数值，须查所引行业标准的限值"),
    (("地方标准", "省级标准", "省标准", "省标"), "地方标准：未写明数值，须查所引地方标准的限值"),
    (("上级下达", "上级要求", "上级规定", "下达任务", "下达目标", "下达计划", "任务数"),
     "上级下达：未写明数值，须查下达文件中的数值"),
]
_WEAK_REFERENCES: list[tuple[tuple[str, ...], str]] = [
    (("按计划", "计划数", "年度计划"), "按计划：未写明计划数值，须查项目计划"),
    (("按要求", "按规定", "相关规定", "规定要求"), "按要求：未写明数值，须查所引的要求或规定"),
    (("按合同", "合同约定"), "按合同：未写明数值，须查合同约定"),
    (("覆盖",), "覆盖范围：未给出覆盖率或数量，只写明了覆盖对象"),
]
_DESCRIPTION = "文字描述，未给出可比较的数值"


def _reference(s: str, table: list[tuple[tuple[str, ...], str]]) -> str | None:
    for words, reason in table:
        if any(w in s for w in words):
            return reason
    return None


def worded(s: str, text: str) -> Value:
    """The reading of a folded cell `s` (`text` as printed) that has no number to compare."""
    strong = _reference(s, _STRONG_REFERENCES)
    if strong:
        return Unquantified(text, strong)
    hits = _hits(s)
    if len(s) > SHORT and not any(h.stem in _COMPLETION for h in hits):
        # a sentence ("为社会发展保障了良好的生态环境") describes; only a completion claim counts
        return Unquantified(text, _DESCRIPTION)
    if hits:
        worst = min(hits, key=lambda h: _TIER_ORDER[h.tier])
        return Qualitative(worst.phrase, worst.tier, text)
    weak = _reference(s, _WEAK_REFERENCES)
    if weak:
        return Unquantified(text, weak)
    if len(s) <= 4:
        return Qualitative(s, None, text)
    return Unquantified(text, _DESCRIPTION)

