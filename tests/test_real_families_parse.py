"""Families of real 评分标准 phrasings read by the parser (issue 9, branch parse4): each family has
its corpus line (read from ../shared/corpus in place) and shape variants of our own, with other
numbers, nouns and punctuation; expected scores are worked by hand in the comments.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.language import tree as rt
from engine.language.parser import parse_rule
from engine.review.yardstick import phrase_rows
from engine.scoring import evaluate
from support import assert_outcome, shared

_PHRASES_2 = dict(phrase_rows(shared("corpus", "phrases-2.tsv")))


def _read(rule: str):
    parsed = parse_rule(rule)
    assert parsed.ok, [d.render(rule) for d in parsed.diagnostics]
    assert parsed.rule is not None
    return parsed


def _score(rule: str, weight: str, target: str | None, actual: str | None):
    return evaluate(_read(rule).rule, target, actual, Decimal(weight))


# ---------------------------------------------------------------- 1. formulas in words, OCR noise

@pytest.mark.parametrize(("rule", "weight", "actual", "score"), [
    (_PHRASES_2[140], "40", "居住区测评平均分85", "34"),               # 85 × 40% = 34
    (_PHRASES_2[141], "12", "单位测评平均分92", "11.04"),             # 92 × 12% (12%0: 0 is the full stop)
    (_PHRASES_2[142], "6", "测评平均分90", "5.4"),                    # 90 × 6% (6%o: o is the full stop)
    ("满分20分，按照村级测评平均分进行折算；得分=平均分×20%。", "20", "平均分80", "16"),   # 80 × 20%
    ("本项满分8分,依据抽查结果折算.得分二平均分*8%0合格为60分", "8", "平均分75", "6"),  # 75 × 8%
    ("按测评结果换算，总分=测评得分*15%o", "15", "测评得分60", "9"),     # 60 × 15%
])
def test_a_formula_with_its_description_and_a_stop_read_as_0_or_o(rule: str, weight: str, actual: str,
                                                                   score: str) -> None:
    assert_outcome(_score(rule, weight, None, actual), score=score)


def test_the_description_of_a_formula_is_context_and_the_stray_stop_is_a_note() -> None:
    parsed = _read(_PHRASES_2[141])
    assert parsed.rule is not None
    assert any(isinstance(s, rt.Context) and s.text.endswith("进行折算") for s in parsed.rule.statements)
    assert any(d.code == "P008" and "句号" in d.message for d in parsed.diagnostics)


def test_description_words_without_a_formula_stay_unread() -> None:
    # no formula beside it: 按照…进行折算 says nothing the engine can compute by
    parsed = parse_rule("达到90%得5分,按照测评平均分进行折算,否则不得分")
    assert not parsed.ok


def test_points_after_a_percentage_are_not_a_stop() -> None:
    # 低于60%0分: the 0 is points, not a full stop read as 0
    parsed = parse_rule("达到60%以上得5分,低于60%0分")
    assert not any("句号" in d.message for d in parsed.diagnostics)


@pytest.mark.parametrize(("rule", "weight", "actual", "score"), [
    (_PHRASES_2[123], "10", "90%", "9"),                            # 0.9 × 10
    ("得分值=培训、宣传覆盖率×20", "20", "覆盖率85%", "17"),             # 0.85 × 20
    ("得分=水、电、气、路通达率*12分", "12", "75%", "9"),                # 0.75 × 12
])
def test_a_formula_quantity_named_with_a_list(rule: str, weight: str, actual: str, score: str) -> None:
    outcome = _score(rule, weight, None, actual)
    assert_outcome(outcome, score=score)
    formula = _read(rule).rule.of(rt.Formula)[0]
    assert "、" in formula.expression.left.name
