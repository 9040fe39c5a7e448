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


# ---------------------------------------------------------------- 2. amounts missing, garbled or a range

@pytest.mark.parametrize("line", [65, 91, 96, 97, 130])
def test_a_rule_missing_only_a_printed_amount_is_read_with_a_warning(line: int) -> None:
    parsed = _read(_PHRASES_2[line])
    assert all(d.severity != "error" for d in parsed.diagnostics)


def test_an_unstated_step_amount_is_a_warning_naming_the_place() -> None:
    text = "完成率在95%以上得8分,每下降一个百分点扣分,扣完为止"
    parsed = _read(text)
    (p005,) = [d for d in parsed.diagnostics if d.code == "P005"]
    assert p005.severity == "warning" and text[p005.start:p005.end] == "每下降一个百分点扣分"


@pytest.mark.parametrize(("rule", "weight", "target", "actual", "expect"), [
    # 130: 保存率 95% meets its 15; 成活率 88% is 2 points short, each of an amount not printed: 0..15
    (_PHRASES_2[130], "30", "成活率≥90%;保存率≥90%", "成活率88%;保存率95%", ("15", "30")),
    ("完成率在95%以上得8分,每下降一个百分点扣分,扣完为止", "8", None, "93%", ("0", "8")),  # 2 steps of any amount
    ("完成率在95%以上得8分,每下降一个百分点扣分,扣完为止", "8", None, "96%", "8"),         # no step: full marks
    ("及格率達到百分之九十以上計10分；每降低1個百分點扣分。", "10", None, "90%", "10"),     # traditional, met
    # 一次扣.分: the digit lost, each occurrence takes anything from 0 up to all
    (_PHRASES_2[96], "5", None, "发现2次", ("0", "5")),
    ("报表数字不一致的,每次扣.分", "3", None, "1次", ("0", "3")),
    ("未按期报送的，一次扣 . 分；扣完为止", "4", None, "未按期报送3次", ("0", "4")),
])
def test_an_amount_not_printed_gives_a_range_never_a_number(rule, weight, target, actual, expect) -> None:
    outcome = _score(rule, weight, target, actual)
    if isinstance(expect, tuple):
        assert_outcome(outcome, range=expect)
        assert any(n.code == "step-points-unstated" for n in outcome.notes)
    else:
        assert_outcome(outcome, score=expect)


@pytest.mark.parametrize(("rule", "weight", "actual", "expect"), [
    # 91: 3张 × 0.5 + 2笔 × 0.5 + 1次 × (1 or 2) = 3.5 or 4.5 taken from 6
    (_PHRASES_2[91], "6", "不合规凭证3张,退回2笔,同一问题反复1次", ("1.5", "2.5")),
    ("发现散放垃圾每处扣0.2-0.5分,扣完为止", "5", "发现3处", ("3.5", "4.4")),     # 5 − 3 × (0.5 … 0.2)
    ("资料缺失的每份扣1-2分，最多扣6分", "10", "缺失2份", ("6", "8")),             # 10 − 2 × (2 … 1)
    ("同一问题反复出现的，每次扣1、2分", "8", "反复出现2次", ("4", "6")),          # 8 − 2 × (2 … 1)
])
def test_points_per_step_given_as_a_range_give_the_range(rule: str, weight: str, actual: str, expect) -> None:
    assert_outcome(_score(rule, weight, None, actual), range=expect)


def test_a_respective_list_of_deductions_is_not_a_range() -> None:
    # 分别扣2、1分: one amount for each of the listed cases, not one or the other
    parsed = parse_rule("省级、市级通报批评的，分别扣2、1分")
    assert not any(s.upto is not None for s in (parsed.rule.of(rt.Step) if parsed.rule else []))


def test_a_ranged_or_unstated_step_prints_and_parses_back() -> None:
    from engine.language.printer import to_text
    for text in ("发现散放垃圾每处扣0.2-0.5分", "成活率在90%以上得15分,每下降一个百分点扣分"):
        rule = _read(text).rule
        again = _read(to_text(rule)).rule
        assert [s for s in again.of(rt.Step)] == [s for s in rule.of(rt.Step)]


# ---------------------------------------------------------------- 4. numbered requirements, points per item

_TWO_ITEMS = ("1.村级卫生室100%达到标准化建设要求。 2.乡镇卫生院65岁以上老人健康档案100%建立并动态更新。 "
              "以上指标,每项2分,不达标不得分。")
_FOUR_ITEMS = ("1.制定了培训计划并报主管部门备案,得2分; 2.每季度至少组织一次业务培训,每半年至少开展一次考核的,得2分; "
               "3.培训记录完整,得1分。 4.未制定培训计划的,不得分。")


@pytest.mark.parametrize(("rule", "weight", "actual", "score"), [
    (_PHRASES_2[136], "3", "2项中达标1项", "1.5"),        # 1 item met × 1.5
    (_TWO_ITEMS, "4", "2项中达标1项", "2"),               # 1 × 2
    (_TWO_ITEMS, "4", "2项均达标", "4"),                  # 2 × 2
    ("1、严格执行政府采购制度，采购程序合规；2、上述各项每项1.5分", "1.5", "1项中达标1项", "1.5"),
])
def test_numbered_requirements_with_points_for_each(rule: str, weight: str, actual: str, score: str) -> None:
    assert_outcome(_score(rule, weight, None, actual), score=score)


@pytest.mark.parametrize(("rule", "weight", "actual", "score"), [
    (_PHRASES_2[160], "3", "有预案并备案、按要求演练、处置得当", "3"),   # 1 + 1 + 1
    (_PHRASES_2[160], "3", "未制定建设期应急预案", "0"),                 # item 4: 不得分
    (_FOUR_ITEMS, "5", "有培训计划并备案、按要求培训考核、培训记录完整", "5"),  # 2 + 2 + 1
    (_FOUR_ITEMS, "5", "未制定培训计划", "0"),
])
def test_numbered_requirements_each_with_its_points(rule: str, weight: str, actual: str, score: str) -> None:
    assert_outcome(_score(rule, weight, None, actual), score=score)


def test_an_unread_requirement_of_an_item_is_words_with_a_warning() -> None:
    parsed = _read(_TWO_ITEMS)
    p016 = [d for d in parsed.diagnostics if d.code == "P016"]
    assert all(d.severity == "warning" for d in p016)
    assert any("65岁以上" in _TWO_ITEMS[d.start:d.end] for d in p016)
    awards = [s for s in parsed.rule.of(rt.Award) if s.points is None]
    assert len(awards) == 2  # both requirements are items awaiting 每项2分


def test_an_unread_piece_with_points_in_an_item_stays_unread() -> None:
    # the piece writes points (扣2分) the grammar cannot read: never taken as words
    parsed = parse_rule("1.资料齐全得2分; 2.每半年至少检查一次的扣2分以上3分; 3.记录完整,得1分")
    assert not any(d.code == "P016" for d in parsed.diagnostics)


# ---------------------------------------------------------------- 5. a requirement with no points before the scoring

@pytest.mark.parametrize(("rule", "weight", "target", "actual", "score"), [
    (_PHRASES_2[128], "40", "100%", "97%", "37"),                                   # 40 − 3 × 1
    ("项目须公开招标,单个标段面积必须达到50亩以上。完成率100%得20分,每少1个百分点扣2分", "20", None, "96%", "12"),  # 20 − 4 × 2
    ("补助对象应当不少于200户;发放率达到100%的得10分，否则不得分", "10", None, "100%", "10"),
])
def test_a_requirement_without_points_is_a_noted_condition(rule, weight, target, actual, score) -> None:
    parsed = _read(rule)
    (p007,) = [d for d in parsed.diagnostics if d.code == "P007"]
    assert p007.severity == "warning"
    outcome = evaluate(parsed.rule, target, actual, Decimal(weight))
    assert_outcome(outcome, score=score)
    assert any(n.code == "requirement-unscored" for n in outcome.notes)


def test_a_comparison_without_a_modal_before_its_points_is_still_its_condition() -> None:
    # 完成率达到100%, 得10分: a condition of the award, not a requirement
    parsed = _read("完成率达到100%，得10分；否则不得分")
    assert not any(d.code == "P007" for d in parsed.diagnostics)
    assert_outcome(evaluate(parsed.rule, None, "90%", Decimal(10)), score="0")


def test_a_range_the_floor_closes_is_one_score() -> None:
    # 12 spots × (0.5 … 1) takes 6 … 12 from 5: both ends floor at 0, the score is 0
    assert_outcome(_score("每发现1处扣0.5-1分,扣完为止", "5", None, "发现12处"), score="0")


@pytest.mark.parametrize(("rule", "actual", "score"), [
    ("发放率应达到100%；每低1个百分点扣1分", "97%", "7"),           # 10 − 3 × 1
    ("资金拨付率须达到95%。每低1%扣2分,扣完为止", "92%", "4"),       # 10 − 3 × 2
    ("资金拨付率须达到95%。每低1%扣2分,扣完为止", "96%", "10"),      # meets the requirement
])
def test_steps_of_a_level_count_from_the_requirement_before_them(rule: str, actual: str, score: str) -> None:
    parsed = _read(rule)
    assert not any(d.code == "P007" for d in parsed.diagnostics)  # the requirement is the steps' threshold
    outcome = evaluate(parsed.rule, None, actual, Decimal(10))
    assert_outcome(outcome, score=score)
    assert not any(n.code == "requirement-unscored" for n in outcome.notes)
