"""Issue 9, conditions joined by 或 / 或者 (engine.language.tree.AnyOf, engine.scoring.anyof): the
corpus line (read in place from ../shared/corpus) and variants of the same shape with other
comparisons, nouns and points. A side the actual decides is used and said; a side that fails
with another not reported gives the range between failing and holding, never a number that
assumes the unreported side. Every score is computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.language import tree as rt
from engine.language.parser import parse_rule
from engine.language.printer import to_text
from engine.review.yardstick import phrase_rows
from engine.scoring import evaluate
from support import assert_outcome, shared

_TEXTS = dict(phrase_rows(shared("corpus", "phrases-2.tsv")))


def _rule(rule: str | int) -> str:
    return _TEXTS[rule] if isinstance(rule, int) else rule


def _parsed(rule: str | int) -> rt.Rule:
    text = _rule(rule)
    parsed = parse_rule(text)
    assert parsed.ok and parsed.rule is not None, [d.render(text) for d in parsed.diagnostics]
    return parsed.rule


def _outcome(rule: str | int, actual: str | None, weight: str, target: str | None = None):
    return evaluate(_parsed(rule), target, actual, Decimal(weight))


_SHAPES = [
    194,  # 农业经营主体新增一家或评为示范个体1家以上,得0.5分;未到达旳不得分。
    "完成率达到95%或提前完成的得5分，否则不得分",
    "完成率低于80%时或者未按期完成的，不得分",
    "支出率≥90%或结余率≤5%的得3分，否则不得分",
    "培训人数达到200人或者培训场次达到10次的，得4分",
    "提前完成或完成率达到95%的得5分，否则不得分",  # words first, then the measure compared
    "未按期完成或者完成率低于80%的，不得分",
]


@pytest.mark.parametrize("rule", _SHAPES)
def test_a_comparison_or_another_condition_is_one_condition_of_sides(rule) -> None:
    parsed = _parsed(rule)
    joined = [s for s in parsed.statements if isinstance(getattr(s, "condition", None), rt.AnyOf)]
    assert len(joined) == 1
    assert len(joined[0].condition.sides) == 2
    assert parse_rule(to_text(parsed)).rule.statements == parsed.statements  # printed, read again: the same


@pytest.mark.parametrize("rule", [
    "少报或漏报扣1分",  # 或 inside the words of one condition
    "淹死或烧死树木10株以上的该项不得分",  # the count belongs to both: one condition
    "完成值每低于目标值5%或降低1单位，扣1分",  # two step sizes of one step
    "≥30人(或10人),得6分",  # another value in parentheses (engine.scoring.either)
    "支出率或结余率达到90%的得3分",  # two measures before one bound: the bound is of both
    "达到大于或等于90%的得3分",  # 大于或等于 is one comparator
])
def test_other_uses_of_or_are_not_joined_conditions(rule) -> None:
    parsed = _parsed(rule)
    assert not any(isinstance(getattr(s, "condition", None), rt.AnyOf) for s in parsed.statements)


@pytest.mark.parametrize("rule, actual, weight, expect", [
    # the corpus line: 新增1家 speaks of the first side, which holds
    (194, "新增1家", "0.5", {"score": "0.5"}),
    (194, "评为示范个体2家", "0.5", {"score": "0.5"}),
    # the first side fails and the second is not reported: 0 (未到达) or 0.5
    (194, "新增0家", "0.5", {"range": ("0", "0.5")}),
    (194, None, "0.5", {"unknown": True}),
    # a comparison or a condition in words
    ("完成率达到95%或提前完成的得5分，否则不得分", "96%", "5", {"score": "5"}),
    ("完成率达到95%或提前完成的得5分，否则不得分", "提前完成", "5", {"score": "5"}),
    ("完成率达到95%或提前完成的得5分，否则不得分", "90%", "5", {"range": ("0", "5")}),
    ("完成率达到95%或者提前完成的,记5分;否则记0分", "95%", "5", {"score": "5"}),
    ("完成率达到95%或提前完成的得5分，否则不得分", "已提前完成", "5", {"score": "5"}),
    ("完成率达到95%或提前完成的得5分，否则不得分", "完成", "5", {"unknown": True}),  # 完成 says no 提前完成
    ("完成率达到95%或提前完成的得5分，否则不得分", "是", "5", {"unknown": True}),  # a bare yes answers no one side
    # three sides: each further 或 in the words is a side of its own
    ("完成率达到95%或提前完成或超额完成的得5分，否则不得分", "超额完成", "5", {"score": "5"}),
    ("完成率达到95%或者提前完成或者超额完成的得5分，否则不得分", "提前完成", "5", {"score": "5"}),
    # a deduction: the side in words denied, the comparison not reported
    ("完成率低于80%或未按期完成的扣2分", "70%", "10", {"score": "8"}),
    ("完成率低于80%或未按期完成的扣2分", "按期完成", "10", {"range": ("8", "10")}),
    ("完成率低于80%或未按期完成的扣2分", "85%", "10", {"range": ("8", "10")}),
    # the joined condition beside other bands: holding it can take the score to 0
    ("满意度低于80%或者被投诉的不得分，达到90%以上得满分", "被投诉1次", "10", {"score": "0"}),
    ("满意度低于80%或者被投诉的不得分，达到90%以上得满分", "95%", "10", {"range": ("0", "10")}),
    ("资金到位率100%或者提前到位得5分；到位率90%-100%得3分；低于90%不得分", "95%", "5", {"range": ("3", "5")}),
    ("资金到位率100%或者提前到位得5分；到位率90%-100%得3分；低于90%不得分", "提前到位", "5", {"score": "5"}),
    ("完成率低于80%时或者未按期完成的，不得分", "70%", "5", {"score": "0"}),
    ("完成率低于80%时或者未按期完成的，不得分", "未按期完成", "5", {"score": "0"}),
    # words first: 提前完成 is a condition in words, 完成率 the measure compared
    ("提前完成或完成率达到95%的得5分，否则不得分", "96%", "5", {"score": "5"}),
    ("提前完成或完成率达到95%的得5分，否则不得分", "提前完成", "5", {"score": "5"}),
    ("提前完成或完成率达到95%的得5分，否则不得分", "90%", "5", {"range": ("0", "5")}),
    ("未按期完成或者完成率低于80%的，不得分", "未按期完成", "5", {"score": "0"}),
    # two comparisons of different things: a bare number says nothing of the other
    ("支出率≥90%或结余率≤5%的得3分，否则不得分", "支出率92%", "3", {"score": "3"}),
    ("支出率≥90%或结余率≤5%的得3分，否则不得分", "结余率3%", "3", {"score": "3"}),
    ("支出率≥90%或结余率≤5%的得3分，否则不得分", "支出率85%", "3", {"range": ("0", "3")}),
    ("支出率≥90%或结余率≤5%的得3分，否则不得分", "85%", "3", {"unknown": True}),
    # other units: the actual's unit says which side it is a value of
    ("培训人数达到200人或者培训场次达到10次的，得4分，否则得1分", "12次", "4", {"score": "4"}),
    ("培训人数达到200人或者培训场次达到10次的，得4分，否则得1分", "150人", "4", {"range": ("1", "4")}),
    ("培训人数达到200人或者培训场次达到10次的，得4分，否则得1分", "220人", "4", {"score": "4"}),
])
def test_a_side_the_actual_decides_scores_and_an_unreported_side_keeps_a_range(rule, actual, weight, expect) -> None:
    assert_outcome(_outcome(rule, actual, weight), **expect)


def test_the_trace_says_which_side_held_and_the_range_gives_both_readings() -> None:
    held = _outcome(194, "新增1家", "0.5")
    assert any("满足其中的「农业经营主体新增1家」" in line for line in held.trace)
    open_side = _outcome("完成率达到95%或提前完成的得5分，否则不得分", "90%", "5")
    assert open_side.alternatives == {"any-of:failed": 0, "any-of:held": 5}
    assert [n.code for n in open_side.notes] == ["any-of-unreported"]
    assert "提前完成" in open_side.notes[0].message


@pytest.mark.parametrize("rule, actual, weight, expect", [
    # 或 inside the words of a condition is read as before (the worded family)
    ("发生重大安全事故或被通报批评的不得分", "被通报批评", "5", {"score": "0"}),
    ("出现一次违规或被审计指出问题扣2分", "出现2次违规", "5", {"score": "1"}),
])
def test_or_inside_words_is_read_as_before(rule, actual, weight, expect) -> None:
    assert_outcome(_outcome(rule, actual, weight), **expect)


@pytest.mark.parametrize("rule", [194, "支出率≥90%或结余率≤5%的得3分，否则不得分"])
def test_lint_says_joined_conditions_have_no_one_numeric_form(rule) -> None:
    from engine.lint.form import compile_rule

    form = compile_rule(_parsed(rule), Decimal("3"), None)
    assert form.pieces == ()
    assert form.reason is not None and "用“或”连接了几个条件" in form.reason


@pytest.mark.parametrize("text, actual", [
    ("低于80%不得分", "90%"),
    ("淹死或烧死树木10株以上的该项不得分", "5株"),
    ("满意度低于80%的得2分", "95%"),
])
def test_outside_the_one_band_a_rule_prices_is_a_range_to_full_marks(text: str, actual: str) -> None:
    """A rule that prices one band only (低于80%不得分) says nothing of an actual outside it: not
    0 (it once gave a confident 0 at 90%), the range to full marks, full marks named as the
    usual reading (a deduction band, 低于60%的扣5分, is not this: above it nothing is deducted)."""
    outcome = evaluate(parse_rule(text).rule, None, actual, Decimal(10))
    assert (outcome.status, outcome.low, outcome.high) == ("range", 0, 10), outcome.trace
    assert outcome.alternatives.get("outside-band:full") == 10


def test_a_condition_before_a_deduction_with_its_own_words_is_never_dropped() -> None:
    """完成率低于80%的，按未完成项数扣2分: the deduction has its own words (按未完成项数); the
    condition before it was once dropped without a word, and 未完成3项 scored a confident 8. It is
    now named (P004) and the outcome is the range it could make."""
    text = "完成率低于80%的，按未完成项数扣2分"
    parsed = parse_rule(text)
    assert [d.code for d in parsed.diagnostics] == ["P004"]
    assert "完成率低于80%的" in parsed.diagnostics[0].message
    outcome = evaluate(parsed.rule, None, "未完成3项", Decimal(10))
    assert (outcome.status, outcome.low, outcome.high) == ("range", 0, 8)
