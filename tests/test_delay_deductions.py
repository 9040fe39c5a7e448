"""Deduction bands on a delay (延期1-3个月扣2分, 滞后1至3个月的扣2分) against a date actual and a
deadline target: the delay is banded, in the bands' unit, never the date; less delay is better
whatever the indicator is called; a delay worse than every band, or an actual that speaks of no
clause, is unknown, never full marks. Scores computed by hand: 2024年10月底前 → 12月20日 is
2 months late (whole months, as engine.values.dates counts them), → 11月10日 1 month."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from engine.language.parser import parse_rule
from engine.scoring import evaluate
from tests.support import assert_outcome

DUE = "2024年10月底前"


def _outcome(text: str, weight: str, actual: str, target: str | None = DUE, indicator: str | None = None):
    parsed = parse_rule(text)
    assert parsed.ok, [d.message for d in parsed.diagnostics]
    return evaluate(parsed.rule, target, actual, Decimal(weight), indicator=indicator)


BANDS = [
    "按时完成得满分，延期1-3个月扣2分，延期3个月以上不得分",
    "按时完成得满分，滞后1至3个月的扣2分，滞后3个月以上不得分",
    "项目按计划进度推进得满分，推迟1-3个月扣2分，推迟3个月以上不得分",
]


@pytest.mark.parametrize("text", BANDS)
@pytest.mark.parametrize("actual, score", [
    ("2024年10月15日", "5"),   # on time
    ("2024年11月10日", "3"),   # 1 month late: in 1-3个月
    ("2024年12月20日", "3"),   # 2 months late
    ("2025年3月1日", "0"),     # 5 months late: 3个月以上不得分
])
def test_the_delay_is_banded_never_the_date(text: str, actual: str, score: str) -> None:
    assert_outcome(_outcome(text, "5", actual), score=score)


def test_deduction_bands_alone_deduct_nothing_on_time() -> None:
    text = "按时完成得满分，滞后1个月以内扣1分，滞后1-3个月扣2分"
    assert_outcome(_outcome(text, "5", "2024年10月20日"), score="5")
    assert_outcome(_outcome(text, "5", "2024年12月20日"), score="3")


def test_a_delay_worse_than_every_band_is_unknown_not_full_marks() -> None:
    outcome = _outcome("按时完成得满分，推迟1个月以内扣1分", "5", "2024年12月20日")
    assert outcome.status == "unknown" and outcome.reason_code == "beyond-bands", outcome.trace


def test_a_shortfall_below_every_band_is_unknown() -> None:
    # 完成率 is better higher: 40% lies below the band 50%-60%, worse than it; the rule does not say
    outcome = _outcome("完成率50%-60%扣2分", "5", "40%", "100%", "项目完成率")
    assert outcome.status == "unknown" and outcome.reason_code == "beyond-bands", outcome.trace
    assert_outcome(_outcome("完成率50%-60%扣2分", "5", "70%", "100%", "项目完成率"), score="5")  # better than the band


def test_an_actual_that_speaks_of_no_clause_is_unknown() -> None:
    outcome = _outcome("资料齐全得2分，缺少一项扣0.5分，未报送的不得分", "2", "详见附件", None)
    assert outcome.status == "unknown" and outcome.reason_code == "actual-unplaced", outcome.trace


# ---------------------------------------------------------------- a step that counts past its target

@pytest.mark.parametrize("text, target, actual, score", [
    ("项目成本控制在批复预算内得满分，超出部分每1万元扣1分", "≤100万元", "103万元", "2"),  # 超出 3万元
    ("项目成本控制在批复预算内得满分，超出部分每1万元扣1分", "100万元", "103万元", "2"),
    ("成本控制在预算内，每1万元扣1分", "≤100万元", "103万元", "2"),  # the requirement met, then each 万元 over
    ("成本控制在预算内，每1万元扣1分", "≤100万元", "98万元", "5"),
    ("培训时长不少于50天，每天扣0.1分", None, "45天", "4.5"),  # each day short of the requirement
    ("少于50天的每天扣0.1分", None, "45天", "4.5"),  # each day inside the side 少于 names
    ("每发现1处问题扣1分，扣完为止", "≤1处", "3处", "2"),  # an occurrence counts every one found
])
def test_a_step_counts_past_its_target_never_the_amount_itself(text: str, target: str | None, actual: str,
                                                               score: str) -> None:
    assert_outcome(_outcome(text, "5", actual, target), score=score)


def test_a_step_behind_the_target_counts_the_shortfall() -> None:
    outcome = _outcome("支出进度达到序时进度得满分，每落后5个百分点扣1分", "5", "88%", "100%")
    assert_outcome(outcome, score="3")  # 12 points behind: 2 whole steps
    assert outcome.alternatives == {"proportional": Fraction(13, 5), "ceiling": Fraction(2)}  # 2.4 steps, 3 steps


def test_a_level_step_with_an_unknown_verb_is_not_a_count_of_events() -> None:
    outcome = _outcome("支出进度达到序时进度得满分，每滞步5个百分点扣1分", "5", "88%", "100%")
    assert outcome.status == "unknown" and outcome.reason_code == "value-unquantified", outcome.trace


def test_failures_counted_against_a_target_of_none_are_the_actual() -> None:
    # 未完成 in the step counts failures; a target of 0个 has no shortfall to count from
    assert_outcome(_outcome("每有1个乡镇未完成任务扣1分，扣完为止", "6", "2个", "0个"), score="4")
    assert_outcome(_outcome("未完成工作每增加一项扣1分", "6", "8项", "10项"), score="4")  # 2 short of 10


@pytest.mark.parametrize("actual, score", [("0次", "5"), ("1次", "4"), ("2次", "2"), ("3次", "0"), ("5次", "0")])
def test_a_table_of_counts_is_read_by_the_count_not_as_steps(actual: str, score: str) -> None:
    outcome = _outcome("出现1次扣1分，出现2次扣3分，出现3次及以上不得分", "5", actual, "0次")
    assert_outcome(outcome, score=score)
    if actual == "2次":  # read as 每1次扣1分 the first clause would give 3: named beside
        assert outcome.alternatives == {"per-occurrence": Fraction(3)}


def test_counts_in_proportion_are_steps_either_way() -> None:
    assert_outcome(_outcome("少1条扣1分，少2条扣2分", "5", "2条", None), score="3")


@pytest.mark.parametrize("actual, score", [("104%", "3"), ("110%", "0"), ("112%", "0"), ("99%", "5")])
def test_a_band_on_the_steps_own_verb_bounds_the_excess(actual: str, score: str) -> None:
    assert_outcome(_outcome("每超支1%扣0.5分，超支10%以上不得分", "5", actual, "≤100%"), score=score)
