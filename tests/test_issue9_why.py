"""Every example in the "Why" of issue 9, in one place, scored as a reviewer would score it
(the families they stand for are tested at length in test_worded_actuals, test_band_edges,
test_values, test_direction_words and test_real_rule_families)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from engine.language.parser import parse_rule
from engine.scoring import evaluate


def _outcome(text: str, weight: int, actual: str, target: str | None = None, indicator: str | None = None):
    parsed = parse_rule(text)
    assert parsed.ok, [d.message for d in parsed.diagnostics]
    return evaluate(parsed.rule, target, actual, Decimal(weight), indicator=indicator)


@pytest.mark.parametrize("word", ["完成", "达标", "及时", "合格", "按时完成"])
def test_a_worded_condition_is_met_by_its_own_words_and_not_by_its_negation(word: str) -> None:
    rule = f"{word}记5分，未{word}不得分"
    assert _outcome(rule, 5, word).score == 5
    assert _outcome(rule, 5, "未" + word).score == 0


def test_the_longest_tier_does_not_win_over_the_exact_one() -> None:
    rule = "明确：3分；基本明确：1.5分；不明确：0分"
    assert [_outcome(rule, 3, a).score for a in ("明确", "基本明确", "不明确")] == [3, Fraction(3, 2), 0]


def test_half_the_points_is_a_share_not_a_band() -> None:
    rule = "满意度≥90%得满分，80%-90%得一半分，80%以下不得分"
    assert [_outcome(rule, 10, a).score for a in ("95%", "85%", "70%")] == [10, 5, 0]


def test_a_deadline_missed_by_two_months() -> None:
    assert _outcome("按时完成得满分，每延迟1个月扣1分", 10, "2024年12月完工", "2024年10月底前完工").score == 8


def test_a_band_edge_left_unsaid_gives_both_readings() -> None:
    loose = _outcome("80%-90%得10分，80%以下不得分", 10, "80%")
    assert loose.score == 10 and Fraction(0) in loose.alternatives.values()
    strict = _outcome("80%-90%得10分，低于80%不得分", 10, "80%")
    assert strict.score == 10 and not strict.alternatives


@pytest.mark.parametrize(("actual", "score"), [("有制度", 2), ("完成", 2), ("已建立", 2), ("有", 2), ("是", 2),
                                               ("无", 0), ("否", 0)])
def test_a_yes_or_no_rule_answers_every_usual_yes_and_no(actual: str, score: int) -> None:
    outcome = _outcome("有制度得2分，无制度不得分", 2, actual)
    assert (outcome.status, outcome.score) == ("score", score)


def test_days_in_a_name_do_not_make_a_share_lower_is_better() -> None:
    outcome = _outcome("优良天数比例达到90%得10分，每减少1%扣1分", 10, "88%", "90%", "优良天数比例")
    assert outcome.score == 8
