"""Requirements written at length before the deduction that enforces them (issue 9; the real
phrases-2 line 42 and phrasings of our own): the clauses before 未…扣 / 不…扣 that write no points
are read as words (P016, a warning), the deduction counts the failures; a rule that awards points,
or a clause that compares a measure, keeps its reading (an unread clause stays unread)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from engine.language import tree as rt
from engine.language.parser import parse_rule
from engine.review.yardstick import phrase_rows
from engine.scoring import evaluate
from support import assert_outcome, scored, shared

_LINE_42 = dict(phrase_rows(shared("corpus", "phrases-2.tsv")))[42]


@pytest.mark.parametrize(("actual", "score"), [
    ("未及时拨付1次", 9),     # 1 × 1 off 10
    ("未及时足额拨付2次", 8),
    ("按时足额拨付", 10),     # achieved in words: no failure counted
])
def test_the_real_funding_rule_counts_the_failures(actual: str, score: int) -> None:
    parsed = parse_rule(_LINE_42)
    assert parsed.ok, [(d.code, d.message) for d in parsed.diagnostics if d.severity == "error"]
    assert parsed.rule is not None
    assert {d.code for d in parsed.diagnostics} == {"P016"}  # the three requirement clauses, each named
    assert sum(d.code == "P016" for d in parsed.diagnostics) == 3
    outcome = evaluate(parsed.rule, None, actual, Decimal(10))
    assert (outcome.status, outcome.score) == ("score", Fraction(score))


# Our phrasings of the family (每季度末前拨付…未按时拨付的每次扣1分, 不符合要求的每项扣0.5分, 每月10日前报送…,
# 每年分两次组织考核…) are rows of tests/corpus/new-phrasings.tsv, judged with their scores by
# tests/test_new_phrasings.py; here, what the reading must and must not do.


@pytest.mark.parametrize("rule", [
    "完成率低于90%，未整改的扣2分",                     # a comparison of a measure is no requirement in words
    "按时完成得满分，10月底前完成，未完成的扣2分",       # a rule that awards points keeps its clauses
])
def test_a_clause_that_could_score_stays_unread(rule: str) -> None:
    parsed = parse_rule(rule)
    assert not parsed.ok
    assert not any(d.code == "P016" for d in parsed.diagnostics)


def test_a_deadline_each_month_is_no_step() -> None:
    """每月10日前 is the deadline of each month: a condition on a date, never 每月 + a count of 10."""
    rule = parse_rule("每月10日前报送，未按时报送的每次扣0.5分").rule
    assert rule is not None
    steps = rule.of(rt.Step)
    assert len(steps) == 1 and steps[0].size.value == 1


def test_a_requirement_that_does_not_read_is_named() -> None:
    """每年分两次组织考核 does not read as a clause: P016 names it, the deduction still counts."""
    parsed = parse_rule("每年分两次组织考核,考核结果须在10日内公示,未按要求组织的每次扣2分")
    assert [d.code for d in parsed.diagnostics if d.code.startswith("P")] == ["P016"]


# ---------------------------------------------------------------- a count required per period


@pytest.mark.parametrize(("rule", "weight", "actual", "score"), [
    ("每季度开展一次督导检查得满分，每少一次扣1分", "4", "3次", "3"),          # 4 a year, 1 short
    ("每月至少报送1次进度报表得2分，每少报送1次扣0.5分", "2", "10次", "1"),   # 12 a year, 2 short × 0.5
    ("每季度至少开展2次巡查得4分，每少1次扣0.5分", "4", "全年开展6次", "3"),  # 8 a year, 2 short × 0.5
    ("每季度开展一次督导检查得满分，每少一次扣1分", "4", "每季度开展1次", "4"),  # the actual per quarter too
])
def test_a_count_per_period_is_the_years_count(rule: str, weight: str, actual: str, score: str) -> None:
    assert [d.code for d in parse_rule(rule).diagnostics] == ["P019"]  # the reading is said
    assert_outcome(scored(rule, weight, None, actual), score=score)


def test_an_actual_per_period_is_said_so() -> None:
    outcome = evaluate(parse_rule("每季度开展一次督导检查得满分，每少一次扣1分").rule, None, "每季度开展1次", Decimal(4))
    assert any(n.code == "per-period-actual" for n in outcome.notes)


def test_a_cap_per_period_is_not_read_as_the_years() -> None:
    """每月不超过2次: a most per month says nothing of the year's count: unread (P004), never 24."""
    parsed = parse_rule("每月不超过2次得满分")
    assert not parsed.ok
    assert any(d.code == "P004" for d in parsed.diagnostics)
