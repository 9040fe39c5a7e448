"""A comparative with no value before its points (超过的不得分, 低于的得1分) and 否则 written as its
own clause (否则，不得分): the case where none of the bounds before it holds, read as 否则
(engine/lexicon/comparators.toml `complement`, rule.lark OTHERWISE). Hand-computed scores."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.language.parser import parse_rule
from engine.language.printer import to_text
from engine.language import tree as rt
from engine.scoring import evaluate
from tests.support import assert_outcome


def _outcome(text: str, weight: str, actual: str, target: str | None = None):
    parsed = parse_rule(text)
    assert parsed.ok, [d.message for d in parsed.diagnostics]
    return evaluate(parsed.rule, target, actual, Decimal(weight))


@pytest.mark.parametrize("text, weight, actual, score", [
    ("三公经费控制率≤100%得满分，超过的不得分", "3", "103%", "0"),
    ("三公经费控制率≤100%得满分，超过的不得分", "3", "98.5%", "3"),
    ("在职人员控制率不超过100%的得2分，超出的，不得分", "2", "101%", "0"),
    ("满意度≥90%得满分，80%-90%得3分，低于的不得分", "5", "85%", "3"),
    ("满意度≥90%得满分，80%-90%得3分，低于的不得分", "5", "79%", "0"),
    ("满意度≥90%得满分，80%-90%得3分，低于的，得1分", "5", "60%", "1"),
    ("培训人数达到200人得4分，少于的得2分", "4", "150人", "2"),
    ("完成率≥100%得满分，否则，不得分", "5", "96%", "0"),
    ("完成率≥100%得满分，否则，不得分", "5", "100%", "5"),
    ("及时率达到95%以上记6分，其他情况，记2分", "6", "90%", "2"),
])
def test_the_complement_scores_what_none_of_the_bounds_holds_for(text: str, weight: str, actual: str, score: str) -> None:
    assert_outcome(_outcome(text, weight, actual), score=score)


def test_it_is_read_as_otherwise_and_printed_so() -> None:
    rule = parse_rule("三公经费控制率≤100%得满分，超过的不得分").rule
    assert rule is not None
    otherwise = [s for s in rule.statements if isinstance(s, rt.Award) and isinstance(s.condition, rt.Otherwise)]
    assert len(otherwise) == 1 and otherwise[0].points.value == 0
    assert to_text(rule) == "三公经费控制率≤100%，得满分；否则不得分"


@pytest.mark.parametrize("text", [
    "超过的部分不予计分",  # no points after it: not a complement
    "达到要求得满分，未达到的不得分",  # 未达到: a condition in words, judged by the words
])
def test_other_uses_of_the_words_are_not_a_complement(text: str) -> None:
    rule = parse_rule(text).rule
    found = [] if rule is None else [s for s in rule.statements
                                     if isinstance(s, rt.Award) and isinstance(s.condition, rt.Otherwise)]
    assert found == []


def test_a_worded_negation_still_judges_by_its_words() -> None:
    text = "达到要求得满分，未达到的不得分"
    assert_outcome(_outcome(text, "4", "达到要求"), score="4")
    assert_outcome(_outcome(text, "4", "未达到"), score="0")
