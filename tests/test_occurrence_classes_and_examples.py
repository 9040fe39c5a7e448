"""Families read since phrases-2 lines 102 and 103: occurrences counted by their size
(3袋以下每处…，3袋以上每处…), a count the actual does not place in one clause (a range, never the
first clause's price), a step whose points say neither 扣 nor 加, the rule's own worked example
(如86%扣5分) choosing the reading of an incomplete step, and item numbers printed with a space."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from engine.language import tree as rt
from engine.language.parser import parse_rule
from engine.language.printer import to_text
from engine.scoring import evaluate


def _score(text: str, weight: str, actual: str, target: str | None = None):
    parsed = parse_rule(text)
    assert parsed.ok, [d.message for d in parsed.diagnostics]
    return evaluate(parsed.rule, target, actual, Decimal(weight))


SIZES = "面积小于1亩的每处扣1分，1亩以上的每处扣2分"


@pytest.mark.parametrize(("actual", "low", "high"), [
    ("小于1亩的1处，1亩以上的2处", 0, 0),       # 1×1 + 2×2 = 5: all of it
    ("小于1亩的2处", 3, 3),
    ("1亩以上的2处", 1, 1),
    ("发现断档3处", 0, 2),                      # 3 × 1 to 3 × 2 taken from 5
])
def test_occurrences_are_counted_by_their_size_class(actual: str, low: int, high: int) -> None:
    outcome = _score(SIZES, "5", actual)
    got = (outcome.score, outcome.score) if outcome.status == "score" else (outcome.low, outcome.high)
    assert got == (Fraction(low), Fraction(high)), outcome.trace


def test_a_size_class_shares_the_words_of_the_class_before_it() -> None:
    text = "1.3未达到要求,发现散放垃圾3袋以下每处扣0.1分,3袋以上每处扣0.2-0.5分。"
    parsed = parse_rule(text)
    assert parsed.ok
    assert to_text(parsed.rule) == "1.3未达到要求；发现散放垃圾3袋以下每1处，扣0.1分；发现散放垃圾3袋以上每1处，扣0.2-0.5分"
    unsplit = evaluate(parsed.rule, None, "散放垃圾2处", Decimal(5))
    assert (unsplit.status, unsplit.low, unsplit.high) == ("range", Fraction(4), Fraction(24, 5))
    split = evaluate(parsed.rule, None, "3袋以下1处，3袋以上2处", Decimal(5))
    assert (split.low, split.high) == (Fraction(39, 10), Fraction(9, 2))


def test_a_count_that_names_no_clause_is_a_range_over_the_clauses() -> None:
    text = "轻微问题每处扣0.1分,严重问题每处扣0.5分。"
    unsaid = _score(text, "5", "发现问题3处")
    assert (unsaid.status, unsaid.low, unsaid.high) == ("range", Fraction(7, 2), Fraction(47, 10))
    assert any(n.code == "actual-ambiguous" and "发现问题3处" in n.message for n in unsaid.notes)
    said = _score(text, "5", "轻微问题2处，严重问题1处")
    assert (said.status, said.score) == ("score", Fraction(43, 10))


def test_a_step_whose_points_say_neither_deduct_nor_add() -> None:
    read = parse_rule("达成率90%以上,不扣分。每降低10%5分")
    assert read.ok and read.rule is not None
    assert [d.code for d in read.diagnostics] == ["P017"] and read.diagnostics[0].severity == "warning"
    assert read.rule.statements[-1].effect == "deduct"
    unread = parse_rule("每降低10%5分")
    assert not unread.ok
    assert any(d.code == "P017" and d.severity == "error" for d in unread.diagnostics)
    assert parse_rule("以上指标,每项1.5分").rule.statements[-1].effect == "add"


EXAMPLE = "达成率90%以上不扣分，每降低10%扣5分，如86%扣5分"


@pytest.mark.parametrize(("actual", "score", "others"), [
    ("86%", 45, {50, 48}),
    ("75%", 40, {45, Fraction(85, 2)}),
    ("95%", 50, set()),
])
def test_the_rules_own_example_picks_the_reading_of_a_part_step(actual: str, score: int, others: set) -> None:
    outcome = _score(EXAMPLE, "50", actual, "90%")
    assert (outcome.status, outcome.score) == ("score", Fraction(score)), outcome.trace
    assert set(outcome.alternatives.values()) == {Fraction(x) for x in others}
    note = next(n for n in outcome.notes if n.code == "rule-example")
    assert "只与「不足一步按一步计」相符" in note.message


def test_an_example_that_fits_the_default_reading_or_none_says_so() -> None:
    fits = _score("完成率每降低1%扣0.5分，例如完成率95%扣2.5分", "10", "97%", "100%")
    assert fits.score == Fraction(17, 2)  # 3 × 0.5 taken
    assert any("与本结果的读法（按整步计（不足一步不扣））相符" in n.message for n in fits.notes)
    wrong = _score("完成率每降低1%扣0.5分，例如完成率95%扣4分", "10", "97%", "100%")
    assert wrong.score == Fraction(17, 2)
    assert any("与各种读法都对不上" in n.message for n in wrong.notes)


@pytest.mark.parametrize("text", ["如发现1次扣1分", "如有违规每次扣1分", "如未按时完成扣2分"])
def test_a_condition_opened_by_ru_is_no_example(text: str) -> None:
    parsed = parse_rule(text)
    assert parsed.rule is not None and parsed.rule.examples == ()
    assert "P018" not in {d.code for d in parsed.diagnostics}


def test_an_example_prints_and_reads_back() -> None:
    rule = parse_rule(EXAMPLE).rule
    assert rule is not None and len(rule.examples) == 1
    assert to_text(rule) == "达成率≥90%不扣分；每降低10%，扣5分；如86%扣5分"
    assert parse_rule(to_text(rule)).rule == rule


def test_item_numbers_printed_with_a_space_only_in_sequence() -> None:
    parsed = parse_rule("2 计划按时达成率90%以上,不扣分。 3 按时达成率每降低10%5分,如86%5分。")
    assert parsed.ok, [d.message for d in parsed.diagnostics]
    alone = parse_rule("90 以上得10分")
    assert alone.rule is not None and "90" in to_text(alone.rule)
    counts = parse_rule("1 次扣1分；2 次扣3分")  # a count before its unit, never an item number
    assert counts.rule is not None and not any(isinstance(s, rt.Numbered) for s in counts.rule.statements)
    assert "1次" in to_text(counts.rule) and "(1)" not in to_text(counts.rule)


@pytest.mark.parametrize(("text", "value", "points", "effect"), [
    ("完成率每降低1%扣0.5分（如完成率96%扣2分）", 96, 2, "deduct"),        # in parentheses of its own
    ("完成率每降低1%扣0.5分，例：完成率为95%时，得7.5分", 95, Decimal("7.5"), "score"),  # 例： and a comma
    ("完成率每降低1%扣0.5分，如完成率为95%，则扣2.5分", 95, Decimal("2.5"), "deduct"),
    ("完成率每降低1%扣0.5分,例如95%得7.5分", 95, Decimal("7.5"), "score"),
])
def test_the_family_of_written_examples(text: str, value: int, points: Decimal, effect: str) -> None:
    parsed = parse_rule(text)
    assert parsed.ok and parsed.rule is not None, [d.message for d in parsed.diagnostics]
    [example] = parsed.rule.examples
    assert (example.value.value, example.points, example.effect) == (value, points, effect)
    assert parse_rule(to_text(parsed.rule)).rule == parsed.rule
    outcome = evaluate(parsed.rule, "100%", "97%", Decimal(10))
    assert outcome.score == Fraction(17, 2)
    assert any(n.code == "rule-example" and "相符" in n.message for n in outcome.notes)
