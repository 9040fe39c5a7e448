"""Three small families of wording (issue 9), phrasings of our own with the scores worked by hand:
an action written between a step verb and its count (每少完成10%, 少报送1次: steps.toml `doing`),
the weight's half written after the weight (得分值的一半, 得该项分值的一半, 得满分的一半), and the
indicator's name heading its bands with a colon (完成率：100%得5分，90%-99%得4分…), and base points
that bonus steps start from (基础分2分，每增加一家合作社加0.5分，最高4分)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from engine.language import tree as rt
from engine.language.parser import parse_rule
from support import scored



# ---------------------------------------------------------------- an action between verb and count


@pytest.mark.parametrize(("rule", "weight", "target", "actual", "score"), [
    ("完成率100%得5分，每少完成10%扣1分，低于50%不得分", "5", None, "70%", 2),  # 30% short: 3 steps
    ("完成率100%得5分，每少完成10%扣1分，低于50%不得分", "5", None, "45%", 0),  # below 50%
    ("每少开展一次宣传活动扣0.5分，扣完为止", "3", "6次", "4次", 2),           # 2 short × 0.5
    ("少提交一份报告扣2分", "6", None, "少提交2份", 2),                          # 2 × 2 off 6
])
def test_an_action_between_the_verb_and_its_count(rule: str, weight: str, target: str | None, actual: str,
                                                  score: int) -> None:
    outcome = scored(rule, weight, target, actual)
    assert (outcome.status, outcome.score) == ("score", Fraction(score))


def test_the_step_keeps_the_verbs_direction_and_prints_the_action() -> None:
    rule = parse_rule("每少报送1期扣1分").rule
    assert rule is not None
    step = rule.of(rt.Step)[0]
    assert (step.direction, step.verb) == ("decrease", "少报送")


def test_an_occurrence_verb_stays_one() -> None:
    """每少报1次 is 少报 (an occurrence) counted, not 少 + an action: 2 occurrences × 1 off 5."""
    rule = parse_rule("每少报1次扣1分").rule
    assert rule is not None
    assert rule.of(rt.Step)[0].verb == "少报"


# ---------------------------------------------------------------- the weight's half


@pytest.mark.parametrize(("rule", "weight", "actual", "score"), [
    ("完成率在95%及以上的，得满分；完成率在80%（含）至95%之间的，得分值的一半；低于80%的不得分", "6", "88%", "3"),
    ("达到95%得满分，85%-95%得该项分值的一半，85%以下不得分", "4", "90%", "2"),
    ("验收合格得满分；基本合格得满分的一半；不合格不得分", "6", "基本合格", "3"),
    ("验收合格得满分；基本合格得满分的一半；不合格不得分", "6", "合格", "6"),
])
def test_the_half_of_the_weight_written_after_it(rule: str, weight: str, actual: str, score: str) -> None:
    outcome = scored(rule, weight, None, actual)
    assert (outcome.status, outcome.score) == ("score", Fraction(Decimal(score)))


# ---------------------------------------------------------------- the name heading its bands


@pytest.mark.parametrize(("rule", "weight", "actual", "score"), [
    ("满意度：≥90%得5分，80%-90%得3分，<80%不得分", "5", "85%", 3),
    ("合格率:100%计4分;95%-99%计3分;95%以下计1分", "4", "96%", 3),
    ("及时率：x≥95%得2分，90%≤x<95%得1分，x<90%不得分", "2", "92%", 1),
])
def test_the_name_heading_its_bands(rule: str, weight: str, actual: str, score: int) -> None:
    outcome = scored(rule, weight, None, actual)
    assert (outcome.status, outcome.score) == ("score", Fraction(score))


def test_a_grade_label_with_its_points_is_no_heading() -> None:
    """明确：3分 names a grade and its points: no name heading bands (the colon before points)."""
    rule = parse_rule("明确：3分；基本明确：1.5分；不明确：0分").rule
    assert rule is not None
    assert not rule.of(rt.Context)
    assert scored("明确：3分；基本明确：1.5分；不明确：0分", "3", None, "基本明确").score == Fraction(3, 2)


# ---------------------------------------------------------------- base points the bonus steps start from


@pytest.mark.parametrize(("actual", "score"), [
    ("新增0家", "2"),    # the base alone
    ("新增3家", "3.5"),  # 2 + 3 × 0.5
    ("新增6家", "4"),    # 2 + 3 = 5, 最高4分
])
def test_bonus_steps_start_from_the_base_points(actual: str, score: str) -> None:
    outcome = scored("基础分2分，每增加一家合作社加0.5分，最高4分", "4", None, actual)
    assert (outcome.status, outcome.score) == ("score", Fraction(Decimal(score)))
    assert outcome.full_marks == Fraction(4)  # the cap is the most the rule gives: no weight mismatch
    assert not any(n.code == "weight-mismatch" for n in outcome.notes)


def test_base_points_written_with_wei() -> None:
    """基本分为60分 … 每获得一项省级荣誉加10分: 60 + 3 × 10 = 90."""
    assert scored("基本分为60分，每获得一项省级荣誉加10分，最高不超过100分", "100", None, "获得3项").score == Fraction(90)


def test_base_points_alone_are_still_full_marks() -> None:
    """得基本分 (no number) keeps its meaning: the weight."""
    assert scored("按时完成得基本分，未按时完成不得分", "5", None, "按时完成").score == Fraction(5)
