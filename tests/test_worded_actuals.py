"""Family 9: worded actuals matched to worded conditions by meaning, from the lexicon.

A negated or qualified condition never matches the plain word (完成 is not 未完成, 明确 is not
基本明确); yes/no answers (有, 已建立, 是 / 无, 否, 未建立) answer a yes-or-no rule; grade words
(优秀/良好/合格/不合格, 好/较好/一般/差, 达成/部分达成/未达成, 严格执行/一般执行/未执行) match
their own tier; a list of items is scored item by item; what matches nothing is unknown with
reason "actual-unmatched" (finding V004), never a guess. Every score is computed by hand.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from engine.language.parser import parse_rule
from engine.scoring import evaluate
from engine.values.meaning import meaning, same_claim


def _score(rule: str, actual: str, weight: str, target: str | None = None):
    parsed = parse_rule(rule)
    assert parsed.ok and parsed.rule is not None, rule
    return evaluate(parsed.rule, target, actual, Decimal(weight))


# ---------------------------------------------------------------- the "Why" examples of issue 9

WHY = [
    # 完成记5分，未完成不得分 with 完成 scored 0 (「完成」即「未完成」)
    ("完成记5分，未完成不得分", "完成", "5", 5),
    ("完成记5分，未完成不得分", "未完成", "5", 0),
    ("达标记5分，未达标不得分", "达标", "5", 5),
    ("及时记5分，不及时不得分", "及时", "5", 5),
    ("合格记5分，不合格不得分", "合格", "5", 5),
    ("按时完成记5分，未按时完成不得分", "按时完成", "5", 5),
    ("按时完成记5分，未按时完成不得分", "未按时完成", "5", 0),
    # 明确：3分；基本明确：1.5分；不明确：0分 with 明确 scored 1.5
    ("明确：3分；基本明确：1.5分；不明确：0分", "明确", "3", 3),
    ("明确：3分；基本明确：1.5分；不明确：0分", "基本明确", "3", Fraction(3, 2)),
    ("明确：3分；基本明确：1.5分；不明确：0分", "不明确", "3", 0),
    # 有制度得2分，无制度不得分 only scored 有制度 or 完成
    ("有制度得2分，无制度不得分", "有制度", "2", 2),
    ("有制度得2分，无制度不得分", "完成", "2", 2),
    ("有制度得2分，无制度不得分", "已建立", "2", 2),
    ("有制度得2分，无制度不得分", "有", "2", 2),
    ("有制度得2分，无制度不得分", "是", "2", 2),
    ("有制度得2分，无制度不得分", "无", "2", 0),
    ("有制度得2分，无制度不得分", "否", "2", 0),
    ("有制度得2分，无制度不得分", "未建立", "2", 0),
]


@pytest.mark.parametrize(("rule", "actual", "weight", "expected"), WHY)
def test_why_examples(rule: str, actual: str, weight: str, expected: int | Fraction) -> None:
    outcome = _score(rule, actual, weight)
    assert outcome.status == "score", outcome.reason
    assert outcome.score == expected


def test_an_unmatched_worded_actual_has_its_own_reason_code() -> None:
    outcome = _score("有制度得2分，无制度不得分", "正在研究", "2")
    assert outcome.status == "unknown" and outcome.reason_code == "actual-unmatched"


# ---------------------------------------------------------------- family phrasings

FAMILY = [
    # yes / no, several spellings
    ("建立制度得3分，未建立制度不得分", "已建立", "3", 3),
    ("建立制度得3分，未建立制度不得分", "尚未建立", "3", 0),
    ("落实到位得3分，基本落实得1.5分，未落实不得分", "已落实到位", "3", 3),
    ("落实到位得3分，基本落实得1.5分，未落实不得分", "基本落实", "3", Fraction(3, 2)),
    ("落实到位得3分，基本落实得1.5分，未落实不得分", "未落实", "3", 0),
    ("达标得3分，未达标不得分", "已达标", "3", 3),
    ("符合标准得2分,否则不得分。", "符合标准", "2", 2),  # corpus phrases-2 line 23 (typo 标准许 fixed)
    ("符合标准得2分,否则不得分。", "不符合标准", "2", 0),
    # grades: 优秀/良好/合格/不合格 (良 and 优 as printed alone)
    ("优秀得5分，良好得4分，合格得3分，不合格不得分", "良好", "5", 4),
    ("优秀得5分，良好得4分，合格得3分，不合格不得分", "良", "5", 4),
    ("优秀得5分，良好得4分，合格得3分，不合格不得分", "优", "5", 5),
    ("优秀得5分，良好得4分，合格得3分，不合格不得分", "合格", "5", 3),
    ("优秀得5分，良好得4分，合格得3分，不合格不得分", "不合格", "5", 0),
    # 好/较好/一般/差
    ("好得4分，较好得3分，一般得2分，差不得分", "好", "4", 4),
    ("好得4分，较好得3分，一般得2分，差不得分", "较好", "4", 3),
    ("好得4分，较好得3分，一般得2分，差不得分", "一般", "4", 2),
    ("好得4分，较好得3分，一般得2分，差不得分", "差", "4", 0),
    # 达成/部分达成/未达成
    ("达成得6分，部分达成得3分，未达成不得分", "达成", "6", 6),
    ("达成得6分，部分达成得3分，未达成不得分", "部分达成", "6", 3),
    ("达成得6分，部分达成得3分，未达成不得分", "未达成", "6", 0),
    # 严格执行/一般执行/未执行 (corpus phrases-2 line 119, its points-first form aside)
    ("严格执行得10分，一般执行得6分，未执行不得分", "严格执行", "10", 10),
    ("严格执行得10分，一般执行得6分，未执行不得分", "一般执行", "10", 6),
    ("严格执行得10分，一般执行得6分，未执行不得分", "未执行", "10", 0),
    # corpus phrases-2 line 7: three worded tiers about timeliness
    ("编报及时得5分,编报不及时得2分,未按规定编报绩效目标不得分", "编报不及时", "5", 2),
    ("编报及时得5分,编报不及时得2分,未按规定编报绩效目标不得分", "未按规定编报绩效目标", "5", 0),
    ("编报及时得5分,编报不及时得2分,未按规定编报绩效目标不得分", "编报及时", "5", 5),
    # corpus phrases-2 line 9: the actual repeats part of the condition
    ("绩效目标按评审意见修改完善,得5分,未修改完善不得分。", "已按评审意见修改完善", "5", 5),
    ("绩效目标按评审意见修改完善,得5分,未修改完善不得分。", "未修改完善", "5", 0),
    # corpus phrases-2 line 94: a deduction matched by its words: 2 − 1
    ("查单位往来款项的变动情况,未进行清理的不得分,清理不及时的扣1分", "往来款清理不及时", "2", 1),
    ("查单位往来款项的变动情况,未进行清理的不得分,清理不及时的扣1分", "未进行清理", "2", 0),
    # a list of items (corpus phrases-2 line 31): 2 + 0, 2 + 2
    ("有计划,得2分;有年终总结,得2分;无不得分。", "有计划,无年终总结", "4", 2),
    ("有计划,得2分;有年终总结,得2分;无不得分。", "有计划、有年终总结", "4", 4),
    # a list against deductions (the shape of phrases-2 line 40, its OCR 025 written 0.25): 0.5 − 0.25
    ("未成立领导小组扣0.25分,相关部门职责不落实扣0.25分。", "未成立领导小组,部门职责已落实", "0.5", Fraction(1, 4)),
    ("未成立领导小组扣0.25分,相关部门职责不落实扣0.25分。", "未成立领导小组,相关部门职责不落实", "0.5", 0),
]


@pytest.mark.parametrize(("rule", "actual", "weight", "expected"), FAMILY)
def test_family_phrasings(rule: str, actual: str, weight: str, expected: int | Fraction) -> None:
    outcome = _score(rule, actual, weight)
    assert outcome.status == "score", outcome.reason
    assert outcome.score == expected


UNKNOWN = [
    ("明确：3分；基本明确：1.5分；不明确：0分", "较明确"),  # a degree the rule does not grade
    ("好得4分，较好得3分，一般得2分，差不得分", "较差"),
    ("严格执行得10分，一般执行得6分，未执行不得分", "执行"),  # strictly or middling: not said
    ("有制度得2分，无制度不得分", "正在研究"),
    ("有计划,得2分;有年终总结,得2分;无不得分。", "有计划,正在编写总结"),  # an item that says neither
]


@pytest.mark.parametrize(("rule", "actual"), UNKNOWN)
def test_what_matches_nothing_is_unknown_never_a_guess(rule: str, actual: str) -> None:
    outcome = _score(rule, actual, "4")
    assert outcome.status == "unknown" and outcome.reason_code == "actual-unmatched", outcome.trace


def test_one_item_of_a_list_does_not_stand_for_the_list() -> None:
    """Not additive (2 of 4 points): 有计划 inside the list's words is one item, not the answer."""
    assert _score("有计划得2分,无计划不得分", "有计划,正在编写总结", "4").status == "unknown"


# ---------------------------------------------------------------- the meaning of a phrase

@pytest.mark.parametrize(("actual", "condition", "closeness"), [
    ("完成", "完成", "same-words"),
    ("已完成", "完成", "same-claim"),
    ("全部完成", "完成", "same-claim"),
    ("完成", "按时完成", "contains"),
    ("已建立", "有制度", "answer"),
    ("无", "无制度", "answer"),
    ("完成", "未完成", None),
    ("明确", "基本明确", None),
    ("比较健全", "资金管理制度健全", None),
    ("比较健全", "资金管理制度比较健全", "contains"),
    ("未全部完成", "未完成", None),  # not all of it is not none of it
])
def test_same_claim(actual: str, condition: str, closeness: str | None) -> None:
    assert same_claim(meaning(actual), meaning(condition)) == closeness


def test_meaning_reads_negation_degree_and_content() -> None:
    said = meaning("编报不及时")
    assert said.negated and not said.degree and said.content == "编报及时"
    said = meaning("资金管理制度比较健全")
    assert not said.negated and said.degree == {"较"} and said.content == "资金管理制度健全"
    assert not meaning("擅自改变非税收入征收标准").negated  # 非税 is a word, not a negation
    assert meaning("没有").answer and meaning("已落实").answer and not meaning("有制度").answer


@pytest.mark.parametrize("rule, actual, weight, expected", [
    # 按时完成 is said word for word by one condition and contains the claim of another (完成):
    # the condition it says word for word decides (5), not the looser one (3)
    ("按时完成得5分；完成得3分；未完成不得分", "按时完成", "5", 5),
    ("完成得3分；按时完成得5分；未完成不得分", "按时完成", "5", 5),  # whichever is printed first
    ("按时完成得5分；完成得3分；未完成不得分", "完成", "5", 3),
])
def test_the_closest_condition_decides(rule: str, actual: str, weight: str, expected: int) -> None:
    o = _score(rule, actual, weight)
    assert o.status == "score" and o.score == expected, (o.status, o.score, o.reason)
