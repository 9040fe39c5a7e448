"""Issue 9, worked examples whose rule reads but whose actual was not matched, by family: each
family with its corpus line (read in place from ../shared/corpus) and variants of the same
shape with other numbers, nouns and punctuation. Every score is computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.language.parser import parse_rule
from engine.review.yardstick import phrase_rows
from engine.scoring import evaluate
from support import assert_outcome, shared

_TEXTS = dict(phrase_rows(shared("corpus", "phrases-2.tsv")))


def _rule(rule: str | int) -> str:
    return _TEXTS[rule] if isinstance(rule, int) else rule


def _outcome(rule: str | int, actual: str, weight: str, target: str | None = None):
    text = _rule(rule)
    parsed = parse_rule(text)
    assert parsed.ok and parsed.rule is not None, [d.render(text) for d in parsed.diagnostics]
    return evaluate(parsed.rule, target, actual, Decimal(weight))


# ---------------------------------------------------------------- one claim in two spellings

@pytest.mark.parametrize("rule, actual, weight, score", [
    (24, "每月均在8日前报送", "6", "6"),  # 每月都能够在8日前报送 / 每月均在8日前报送
    ("每季度都能在5日前上报统计数据,得4分;有1-2次未能在5日前上报统计数据,得2分;有3次及以上未在5日前上报的,不得分。",
     "每季度均在5日前上报", "4", "4"),
    ("每季度都能在5日前上报统计数据,得4分;有1-2次未能在5日前上报统计数据,得2分;有3次及以上未在5日前上报的,不得分。",
     "2次未在5日前上报", "4", "2"),
    ("每周均能按时报送信息，得3分；有1-2次未按时报送的，得1分；3次以上未按时报送的，不得分", "每周都按时报送信息", "3", "3"),
])
def test_every_period_on_time_is_the_top_band(rule, actual, weight, score) -> None:
    assert_outcome(_outcome(rule, actual, weight), score=score)


@pytest.mark.parametrize("rule, actual, weight, score", [
    (7, "未按规定编报绩效目标", "5", "0"),  # 绩效目旳: 旳 is a variant of 的
    (7, "编报不及时", "5", "2"),
    ("编制及时得3分,编制不及时得1分,未按规定编制实施方案不得分。", "未按规定编制实施方案", "3", "0"),
    ("编制及时得3分,编制不及时得1分,未按规定编制实施方案不得分。", "编制不及时", "3", "1"),
])
def test_a_worded_failure_said_again(rule, actual, weight, score) -> None:
    assert_outcome(_outcome(rule, actual, weight), score=score)


@pytest.mark.parametrize("rule, actual, weight, score", [
    (88, "按规定范围、对象、期限征收", "4", "4"),
    ("按照规定的标准、程序和时限拨付的,计3分;擅自改变拨付标准、程序或时限的,计0分。", "按规定标准、程序、时限拨付", "3", "3"),
    ("依照规定的范围和对象发放补贴的,得2分;扩大发放范围的,不得分", "按规定范围、对象发放补贴", "2", "2"),
])
def test_an_enumeration_said_as_one_claim(rule, actual, weight, score) -> None:
    assert_outcome(_outcome(rule, actual, weight), score=score)


# ---------------------------------------------------------------- a forbidden thing that happened

@pytest.mark.parametrize("rule, actual, weight, score", [
    (19, "发现白条抵现金", "0.5", "0"),
    (19, "未发现白条抵现金", "0.5", "0.5"),
    (19, "存在坐支现金", "0.5", "0"),  # 不得坐支、挪用: each item of the list is forbidden
    ("严禁挪用专项资金(2分)", "存在挪用专项资金", "2", "0"),
    ("严禁挪用专项资金(2分)", "未发现挪用专项资金", "2", "2"),
    ("资金使用规范,不得坐支、挪用(3分)", "有坐支现象", "3", "0"),
])
def test_an_occurrence_said_in_words_breaks_a_prohibition(rule, actual, weight, score) -> None:
    assert_outcome(_outcome(rule, actual, weight), score=score)


# ---------------------------------------------------------------- a partial tier the rule does not price

@pytest.mark.parametrize("rule, actual, weight, low, high", [
    (131, "部分线路落实管护主体", "15", "0", "15"),
    ("完成得5分，未完成不得分", "基本完成", "5", "0", "5"),
    ("按时完成得4分，未完成得1分", "部分完成", "6", "1", "4"),
    ("各乡镇落实保洁人员，按落实情况计分，不落实保洁人员不得分。", "大部分乡镇落实保洁人员", "8", "0", "8"),
])
def test_a_partial_tier_not_priced_is_the_range_between_tiers(rule, actual, weight, low, high) -> None:
    assert_outcome(_outcome(rule, actual, weight), range=(low, high))


def test_the_failure_tier_still_scores() -> None:
    assert_outcome(_outcome(131, "未落实管护主体", "15"), score="0")


# ---------------------------------------------------------------- an actual in no band

@pytest.mark.parametrize("rule, actual, weight, low, high", [
    (105, "完成55%", "5", "2", "3"),  # 60%以上(3分) / 50%及以下(2分到0分)
    ("完成90%以上(6分)完成70%以上(4分)完成50%及以下(1分到0分)", "完成60%", "6", "1", "4"),
    ("合格率≥95%得10分；合格率80%-90%得6分；合格率低于70%得2分", "75%", "10", "2", "6"),
    ("合格率≥95%得10分；合格率80%-90%得6分；合格率低于70%得2分", "92%", "10", "6", "10"),
])
def test_an_actual_between_bands_is_the_range_of_its_neighbours(rule, actual, weight, low, high) -> None:
    outcome = _outcome(rule, actual, weight)
    if low == high:
        assert_outcome(outcome, score=low)
    else:
        assert_outcome(outcome, range=(low, high))
        assert set(outcome.alternatives.values()) == {Decimal(low), Decimal(high)}


@pytest.mark.parametrize("rule, actual, weight, score", [
    (164, "4%", "3", "0"),  # 达到5%得1分;达到10%得2分;达到15%以上得3分
    (164, "12%", "3", "2"),
    ("覆盖率达到60%得2分,达到80%得4分,达到95%以上得6分", "55%", "6", "0"),
    ("差错率不超过1%得5分;不超过3%得3分", "4%", "5", "0"),
])
def test_short_of_every_rung_of_a_ladder_earns_nothing(rule, actual, weight, score) -> None:
    assert_outcome(_outcome(rule, actual, weight), score=score)


# ---------------------------------------------------------------- 不扣分 opens a group of steps

@pytest.mark.parametrize("rule, actual, weight, score", [
    (138, "市考评超出区要求3宗(无重点督办);区考评超出2宗", "40", "36"),
    ("省抽查问题数低于控制数不扣分,超出部分每个扣2分;市抽查问题数低于控制数不扣分,超出部分每个扣1分",
     "省抽查超出2个;市抽查超出3个", "20", "13"),
    ("低于要求不扣分,超出部分每宗扣1分", "超出3宗", "10", "7"),
])
def test_a_clause_that_costs_nothing_leads_the_steps_after_it(rule, actual, weight, score) -> None:
    assert_outcome(_outcome(rule, actual, weight), score=score)


def test_no_deduction_is_printed_as_such() -> None:
    from engine.language.printer import to_text

    parsed = parse_rule("低于要求不扣分,超出部分每宗扣1分")
    assert parsed.rule is not None and "低于要求不扣分" in to_text(parsed.rule)


# ---------------------------------------------------------------- OCR: an item number inside the points

@pytest.mark.parametrize("rule, actual, weight, score", [
    (106, "比较合理规范", "6", "5"),  # 比较合理规范(5分 2、)
    ("制度健全(4分 3、)制度较健全(2分)制度不健全(0分)", "制度较健全", "4", "2"),
    ("按时完成(10分12、)基本按时完成(6分)未完成(0分)", "基本按时完成", "10", "6"),
])
def test_an_item_number_inside_the_points_is_dropped_with_a_note(rule, actual, weight, score) -> None:
    text = _rule(rule)
    notes = [d for d in parse_rule(text).diagnostics if d.code == "P008"]
    assert len(notes) == 1 and "编号" in notes[0].message
    assert text[notes[0].start:notes[0].end].strip().endswith("、")
    assert_outcome(_outcome(rule, actual, weight), score=score)
