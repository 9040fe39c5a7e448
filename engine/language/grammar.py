"""The rule grammar: `rule.lark` with its word lists filled from the lexicon, as one LALR parser.

`rule.lark` is the reference of the language. Where a terminal is a list of words kept in
engine/lexicon, the grammar names the list's key in braces inside the terminal's regular
expression (`UNIT.2: /{units.rule}/`); `grammar_text()` replaces each by the words, longest
first, so the grammar and the Python read one list. `parser()` builds a lark parser from it
(LALR with the contextual lexer: linear in the input). Nothing here reads a rule's meaning.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from lark import Lark

from engine import lexicon

__all__ = ["grammar_text", "parser", "placeholders"]

# {units.rule}: a dotted lexicon key; regex quantifiers such as {1,3} never match (no dot)
_PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)+)\}")


def _raw() -> str:
    return (Path(__file__).parent / "rule.lark").read_text(encoding="utf-8")  # as the lexicon reads its files


def placeholders() -> list[str]:
    """The lexicon keys `rule.lark` names, in order of first use."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(_raw())))


def _fill(match: re.Match[str]) -> str:
    # inside a lark /regex/ literal a slash must be escaped as well
    return lexicon.alternation(match.group(1)).replace("/", "\\/")


@lru_cache(maxsize=1)
def grammar_text() -> str:
    """`rule.lark` with every `{lexicon.key}` replaced by its words, as lark reads it."""
    return _PLACEHOLDER.sub(_fill, _raw())


def parser(transformer: Any = None) -> Lark:
    """A lark parser of the rule language. Without `transformer` it builds parse trees (with
    positions); with one, lark calls the transformer's methods as it reduces each rule and
    builds no tree (engine.language.transform)."""
    # cache=True keeps the LALR tables in the temp directory, keyed by a hash of the filled
    # grammar and the options, so a changed grammar or lexicon is never served stale; it saves
    # ~80 ms per start.
    return Lark(
        grammar_text(), parser="lalr", lexer="contextual", transformer=transformer,
        propagate_positions=transformer is None, maybe_placeholders=False, cache=True,
    )


if __name__ == "__main__":  # print the grammar as lark reads it
    print(grammar_text())
