"""为 before a value and then the points is a comparison (事故为0得满分, 实施单位为3个以上得满分;
comparators.toml eq_plain, rule.lark EQ_PLAIN), never the points themselves (为5分 stays points);
and 1个得1分 beside bands of counts in its unit is the band for one, not 1 point for each one
(一项可得2分 alone still is). Scores computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.language import tree as rt
from engine.language.parser import parse_rule
from engine.scoring import evaluate
from tests.support import assert_outcome


def _outcome(text: str, weight: str, actual: str, target: str | None = None):
    parsed = parse_rule(text)
    assert parsed.ok, [d.message for d in parsed.diagnostics]
    return evaluate(parsed.rule, target, actual, Decimal(weight))


@pytest.mark.parametrize("text, weight, target, actual, score", [
    ("全年安全生产事故为0得满分，每发生1起扣1分", "3", "0起", "1起", "2"),
    ("全年安全生产事故为0得满分，每发生1起扣1分", "3", "0起", "0起", "3"),
    ("实施单位为3个以上得满分，2个得2分，1个得1分", "3", "3个", "2个", "2"),
    ("实施单位为3个以上得满分，2个得2分，1个得1分", "3", "3个", "1个", "1"),
    ("实施单位为3个以上得满分，2个得2分，1个得1分", "3", "3个", "5个", "3"),
    ("投诉件数为0的得5分，为1-2件的得3分，3件以上不得分", "5", "0件", "0件", "5"),
])
def test_wei_before_a_value_compares(text: str, weight: str, target: str, actual: str, score: str) -> None:
    assert_outcome(_outcome(text, weight, actual, target), score=score)


def test_wei_before_points_is_the_points() -> None:
    rule = parse_rule("考核结果优秀的，该项得分为5分").rule
    awards = [] if rule is None else rule.of(rt.Award)
    assert not any(isinstance(a.condition, rt.Compare) and a.condition.word == "为" for a in awards)


def test_one_alone_is_the_points_of_each_one() -> None:
    assert_outcome(_outcome("一项可得2分", "6", "3项"), score="6")


@pytest.mark.parametrize("text, actual, score", [
    ("市场主体满意度评价得分×10%", "85分", "8.5"),  # the score named is the actual, at 10%
    ("满意度测评得分×0.1", "85分", "8.5"),
    ("群众评议得分*20%", "40分", "8"),
])
def test_a_named_score_taken_at_a_share(text: str, actual: str, score: str) -> None:
    rule = parse_rule(text).rule
    assert rule is not None and len(rule.of(rt.Formula)) == 1
    assert_outcome(_outcome(text, "10", actual), score=score)


@pytest.mark.parametrize("text, weight, actual, score", [
    ("完成率=完成数/任务数。完成率100%得满分，每降低1个百分点扣0.1分", "3", "95%", "2.5"),
    ("任务完成率=实际完成数/计划数×100%；完成率≥100%得满分，每降低5%扣1分", "5", "83%", "2"),  # 3 whole steps
    ("资金到位率=实际到位资金÷计划到位资金×100%，到位率≥95%得满分，低于95%不得分", "3", "90%", "0"),
])
def test_a_measure_defined_before_its_bands_is_context(text: str, weight: str, actual: str, score: str) -> None:
    """How the rate is computed, with no points of its own: the table's actual is that rate."""
    parsed = parse_rule(text)
    assert parsed.rule is not None and isinstance(parsed.rule.statements[0], rt.Context), parsed.rule
    assert_outcome(_outcome(text, weight, actual, "100%"), score=score)


def test_a_definition_that_carries_points_is_not_context() -> None:
    parsed = parse_rule("完成率=完成数/任务数×3分")
    assert parsed.rule is None or not isinstance(parsed.rule.statements[0], rt.Context)
