"""The word lists of rescore, as data: one home for every word the rules and cells are read by.

The words live in the TOML files of this package, read once by one cached loader:

- ``units.toml``: units a rule writes after a number (``units.rule``), count and concentration
  units, units that compare as one (``units.same``), and every spelling a cell may carry
  (``units.cell``, ``units.spellings``);
- ``steps.toml``: step verbs by direction (``steps.decrease``, ``.increase``, ``.deviation``,
  ``.occurrence``);
- ``comparators.toml``: comparator words of rules (``comparators.rule.ge`` …), of cells
  (``comparators.cell.before.ge`` …, deadline words ``comparators.cell.after.deadline``), around
  water classes (``comparators.class.before.le`` …) and how each comparison is printed;
- ``classes.toml``: water-quality class names and ranks (Ⅰ … Ⅴ, 劣Ⅴ);
- ``tiers.toml``: worded tiers (achieved / partial / not achieved), their stems and modifiers,
  yes/no words;
- ``directions.toml``: indicator-name words meaning lower is better;
- ``grades.toml``: grade words (优秀 → 优).

A key is the file's name and the TOML keys, dotted: ``words("units.count")``. Accessors, each
checking the shape of what it returns and naming the file and key when it is wrong:

- ``words(key)``: a list of words as a tuple (for a table, its keys in file order);
- ``text(key)``: one word (``classes.suffix``, ``comparators.printed.ge``);
- ``table(key)``: a table of words to words (``grades.short``);
- ``ranks(key)``: a table of words to integers (``classes.roman``);
- ``groups(key)``: a list of word lists as frozensets (``units.same``);
- ``spellings(key)``: a table ``canonical = [spellings]`` turned round, spelling → canonical;
- ``alternation(*keys)``: a regular expression matching any word of the lists, longest first,
  so that a longer word always wins over its prefix (个月 over 个); ``any_of(words)`` and
  ``longest_first(words)`` do the same for words already in hand;
- ``class_rank(name)`` / ``class_label(rank)``: the water-class rank of 劣Ⅴ类, II, 三 …, and
  the printed name of a rank.

The rule grammar (engine/language/rule.lark) names these same keys in ``{braces}`` and is
filled from them when it is loaded, so the grammar and the Python cannot drift apart. What this
module does not do: find words in text, or decide what a sentence means.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from engine import tomlfiles
from engine.errors import RescoreError

__all__ = [
    "LexiconError", "alternation", "any_of", "class_label", "class_rank", "groups", "keys",
    "longest_first", "ranks", "spellings", "table", "text", "words",
]


class LexiconError(RescoreError, KeyError):
    """A key that is not in the lexicon, or whose value has the wrong shape."""

    code = "X008"

    def __str__(self) -> str:
        return str(self.args[0])


@lru_cache(maxsize=1)
def _files() -> Mapping[str, Mapping[str, Any]]:
    found: dict[str, Mapping[str, Any]] = {}
    for entry in sorted(Path(__file__).parent.glob("*.toml")):  # the package's files, as profiles reads its own
        found[entry.stem] = tomlfiles.read(entry)
    return MappingProxyType(found)


def _where(key: str) -> str:
    stem, _, rest = key.partition(".")
    return f"engine/lexicon/{stem}.toml: {rest or '(the whole file)'}"


def _lookup(key: str) -> Any:
    stem, *path = key.split(".")
    node: Any = _files().get(stem)
    if node is None:
        raise LexiconError(f"没有词表文件 engine/lexicon/{stem}.toml（键 {key}）")
    for part in path:
        if not isinstance(node, dict) or part not in node:
            raise LexiconError(f"{_where(key)} 不存在")
        node = node[part]
    return node


def _strings(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise LexiconError(f"{_where(key)} 应当是非空文字的列表")
    return tuple(value)


@lru_cache(maxsize=None)
def words(key: str) -> tuple[str, ...]:
    """The words listed at `key` (a table gives its keys), in file order."""
    value = _lookup(key)
    if isinstance(value, dict):
        return tuple(value)
    return _strings(key, value)


@lru_cache(maxsize=None)
def text(key: str) -> str:
    """The one word at `key`."""
    value = _lookup(key)
    if not isinstance(value, str):
        raise LexiconError(f"{_where(key)} 应当是一个词")
    return value


@lru_cache(maxsize=None)
def table(key: str) -> Mapping[str, str]:
    """The table of words to words at `key`."""
    value = _lookup(key)
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise LexiconError(f"{_where(key)} 应当是“词 = 词”的表")
    return MappingProxyType(dict(value))


@lru_cache(maxsize=None)
def ranks(key: str) -> Mapping[str, int]:
    """The table of words to integers at `key`."""
    value = _lookup(key)
    if not isinstance(value, dict) or not all(type(v) is int for v in value.values()):
        raise LexiconError(f"{_where(key)} 应当是“词 = 整数”的表")
    return MappingProxyType(dict(value))


@lru_cache(maxsize=None)
def groups(key: str) -> tuple[frozenset[str], ...]:
    """The list of word lists at `key`, each as a set."""
    value = _lookup(key)
    if not isinstance(value, list):
        raise LexiconError(f"{_where(key)} 应当是词表的列表")
    return tuple(frozenset(_strings(key, group)) for group in value)


@lru_cache(maxsize=None)
def spellings(key: str) -> Mapping[str, str]:
    """A table `canonical = [spelling, …]` at `key`, turned round: spelling → canonical."""
    value = _lookup(key)
    if not isinstance(value, dict):
        raise LexiconError(f"{_where(key)} 应当是“写法 = [写法, …]”的表")
    out: dict[str, str] = {}
    for canonical, written in value.items():
        for spelling in _strings(f"{key}.{canonical}", written):
            if out.setdefault(spelling, canonical) != canonical:
                raise LexiconError(f"{_where(key)}：「{spelling}」同时属于「{out[spelling]}」和「{canonical}」")
    return MappingProxyType(out)


def longest_first(items: Iterable[str]) -> list[str]:
    """The words longest first (ties in the order given), the order a matcher must try them."""
    return sorted(items, key=len, reverse=True)


def any_of(items: Iterable[str]) -> str:
    """A regular expression (no group) matching any of the words, longest first."""
    return "|".join(re.escape(w) for w in longest_first(dict.fromkeys(items)))


@lru_cache(maxsize=None)
def alternation(*keys: str) -> str:
    """A regular expression (no group) matching any word listed at `keys`, longest first."""
    return any_of(w for key in keys for w in words(key))


def keys() -> list[str]:
    """Every key of the lexicon that holds a word, a list or a table of words (for tests and
    tools); a table of lists (units.spellings) gives one key per list."""
    out: list[str] = []

    def walk(prefix: str, node: Any) -> None:
        if isinstance(node, dict) and any(isinstance(v, (dict, list)) for v in node.values()):
            for name, child in node.items():
                walk(f"{prefix}.{name}", child)
        else:
            out.append(prefix)

    for stem, content in _files().items():
        walk(stem, content)
    return out


# ---------------------------------------------------------------- water-quality classes

_CLASS_TABLES = ("classes.roman", "classes.latin", "classes.numeral")


@lru_cache(maxsize=None)
def class_rank(name: str) -> int | None:
    """The rank of a water-quality class name, with or without 类: Ⅱ, II类, 2, 二 → 2;
    劣Ⅴ类 → 6. None when `name` is not a class name (劣Ⅲ: only Ⅴ has a 劣)."""
    core = name.removesuffix(text("classes.suffix"))
    for key in _CLASS_TABLES:
        rank = ranks(key).get(core)
        if rank is not None:
            return rank
    return None


def class_label(rank: int) -> str:
    """The printed name of a class rank: 2 → Ⅱ类, 6 → 劣Ⅴ类."""
    for name, value in ranks("classes.roman").items():
        if value == rank:
            return name + text("classes.suffix")
    raise LexiconError(f"{_where('classes.roman')} 没有第 {rank} 类")
