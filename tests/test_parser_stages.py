"""The parser's stages fit together: every grammar rule has its method, the parse builds no
tree and keeps no state between calls or threads, and every piece reports its own error."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from engine.language import grammar
from engine.language.parser import parse_rule
from engine.language.transform import ToChunks


def test_every_rule_of_the_grammar_has_its_method() -> None:
    # rules lark inlines (?rule with one child, _rule) need none; a rule without a method would
    # reach its parent as a lark Tree, which the chunk reader does not read
    lark = grammar.parser()
    named = {str(r.alias or r.origin.name) for r in lark.rules
             if not str(r.origin.name).startswith("_") and not (r.options.expand1 and not r.alias)}
    assert sorted(n for n in named if not hasattr(ToChunks, n)) == []


def test_every_piece_reports_its_own_error() -> None:
    # a rule is read piece by piece: a bad numeral in one piece and a syntax error in another
    # are both reported, each at its place
    (only,) = parse_rule("每减少十十个扣1分").diagnostics
    assert (only.code, only.start, only.end) == ("P001", 3, 5)
    found = [(d.code, d.start) for d in parse_rule("每减少十十个扣1分；6:个月").diagnostics]
    assert found == [("P001", 3), ("P001", 12)]


def test_a_bad_numeral_does_not_stick_to_the_next_rule() -> None:
    assert not parse_rule("每减少十十个扣1分").ok
    assert parse_rule("每减少十个扣1分").ok


_RULES = ["平均浓度达到35微克/立方米，记10分，每减少1微克/立方米，扣0.5分。", "每减少十十个扣1分",
          "≥90%，计5分；80%(含)-90%，计4分", "6:个月", "①制度健全、执行有效，1分", "酌情扣分"]


def test_threads_read_alike() -> None:
    expected = [parse_rule(r) for r in _RULES]
    with ThreadPoolExecutor(4) as pool:
        for _ in range(3):
            assert list(pool.map(parse_rule, _RULES * 5)) == expected * 5
