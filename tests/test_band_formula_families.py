"""Two families of band wording (issue 9): a band written as an inequality around the indicator's
name (75%≤优良率<85%, the real tables' 85%≤x<90% with the name in the place of x), and a rate
formula that holds in one band only (<100%时按完成率×10计分, 80%(含)-90%得分=完成率×分值), where the
bands beside it decide outside it. Real phrases are read from ../shared/corpus in place; the
other phrasings are ours, with the scores worked by hand in the comments.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from engine.language import tree as rt
from engine.language.parser import parse_rule
from engine.review.yardstick import judge, phrase_rows, worked_rows
from support import scored, shared



# ---------------------------------------------------------------- bands around the indicator's name

_NAMED = "优良率≥85%得3分；75%≤优良率<85%得2分；优良率<75%得0分"


@pytest.mark.parametrize(("actual", "score"), [
    ("74.9%", 0),  # below 75%
    ("75%", 2),    # 75%≤优良率: 75% included
    ("84.9%", 2),
    ("85%", 3),    # 优良率<85% excludes it; ≥85% holds
])
def test_a_band_written_around_the_name(actual: str, score: int) -> None:
    outcome = scored(_NAMED, "3", None, actual)
    assert (outcome.status, outcome.score) == ("score", Fraction(score))


def test_the_name_is_the_bands_subject_and_its_signs_its_edges() -> None:
    rule = parse_rule("满意度≥95%得5分，90%<满意度≤95%得4分").rule
    assert rule is not None
    band = next(a.condition for a in rule.of(rt.Award) if isinstance(a.condition, rt.Between))
    assert (band.subject, band.low_closed, band.high_closed) == ("满意度", False, True)


def test_the_real_tables_x_bands_read_as_the_same_bands() -> None:
    """phrases-2 lines 14-15 print the band headings with x (x<1% | 1%≤x<5% | …): the named form
    reads to the same bands, the name kept as their subject."""
    rows = dict(phrase_rows(shared("corpus", "phrases-2.tsv")))
    for line in (14, 15):
        x_rule = parse_rule(rows[line]).rule
        named = parse_rule(rows[line].replace("x", "集中率")).rule
        assert x_rule is not None and named is not None
        x_bands = [a.condition for a in x_rule.of(rt.Award) if isinstance(a.condition, rt.Between)]
        named_bands = [a.condition for a in named.of(rt.Award) if isinstance(a.condition, rt.Between)]
        assert len(x_bands) == 3
        assert [(b.low, b.high, b.low_closed, b.high_closed) for b in x_bands] == \
            [(b.low, b.high, b.low_closed, b.high_closed) for b in named_bands]
        assert {b.subject for b in named_bands} == {"集中率"}


def test_a_word_comparator_before_a_name_is_no_band() -> None:
    """完成率<60% keeps its subject: 完成 is no comparator before a name that a sign closes."""
    parsed = parse_rule("技术培训人次完成率<60%,培训资料不全面,得2分")
    assert parsed.ok
    assert parsed.rule is not None
    award = parsed.rule.of(rt.Award)[0]
    assert "完成率" in (award.condition.text if isinstance(award.condition, rt.Condition) else str(award.condition))


# ---------------------------------------------------------------- a rate formula in one band


@pytest.mark.parametrize(("actual", "score"), [
    ("75%", "7.5"),   # <100%: 0.75 × 10
    ("99%", "9.9"),
    ("100%", "10"),   # ≥100%得10分
])
def test_a_rate_formula_below_a_threshold(actual: str, score: str) -> None:
    outcome = scored("任务完成率≥100%得10分，<100%时按完成率×10计分", "10", None, actual)
    assert (outcome.status, outcome.score) == ("score", Fraction(Decimal(score)))


_IN_BAND = "完成率达到90%（含）以上得满分，80%（含）-90%得分=完成率×分值，80%以下不得分"


@pytest.mark.parametrize(("actual", "score"), [
    ("79%", "0"),    # below the formula's band: 80%以下不得分
    ("80%", "8"),    # 80%(含): the formula, 0.8 × 10
    ("85%", "8.5"),
    ("90%", "10"),   # 90%(含)以上 says it includes 90%: full marks, not 9
])
def test_a_rate_formula_between_two_bands(actual: str, score: str) -> None:
    outcome = scored(_IN_BAND, "10", None, actual)
    assert (outcome.status, outcome.score) == ("score", Fraction(Decimal(score)))
    assert outcome.shape != "interpolate"  # a rate times the weight, not a line between the bands


def test_an_edge_neither_band_claims_is_the_formulas_with_the_other_named() -> None:
    """85% in 85%-95% and in 85%以下: the formula's band (下限含), 0.85 × 10; the other band's 0 named."""
    outcome = scored("执行率≥95%得满分；85%-95%的，得分=执行率×分值；85%以下不得分", "10", None, "85%")
    assert outcome.score == Fraction(17, 2)
    assert Fraction(0) in outcome.alternatives.values()
    assert any(n.code == "boundary" for n in outcome.notes)


def test_a_count_against_its_target_is_the_rate() -> None:
    """按完成率计分 with 150人 of 200人: 75% × 6 = 4.5; 超过100%的按100%计 caps 240人 at 6."""
    rule = "按完成率计分，超过100%的按100%计算"
    assert scored(rule, "6", "200人", "150人").score == Fraction(9, 2)
    assert scored(rule, "6", "200人", "240人").score == Fraction(6)


def test_a_clamp_of_two_numbers_is_not_read_as_one() -> None:
    parsed = parse_rule("按完成率计分，超过120%的按100%计")
    assert any(d.code == "P004" for d in parsed.diagnostics)


def test_a_defined_rate_before_its_formula_is_no_band() -> None:
    """执行率=实际采购金额/采购预算×100% defines the rate: the formula scores every actual (0.9 × 5)."""
    outcome = scored("政府采购执行率=实际采购金额/采购预算×100%，得分=执行率×分值", "5", None, "90%")
    assert outcome.score == Fraction(9, 2)


def test_the_real_rate_formulas_per_band_score_their_worked_examples() -> None:
    """phrases-2 line 124 (低于100%,得分=任务完成率×10分 beside 达到100%,得10分, twice) and line 74
    (完成率(超过100%以100%计算)×20): every worked example of them is exact."""
    phrases = dict(phrase_rows(shared("corpus", "phrases-2.tsv")))
    examples = [w for w in worked_rows(shared("corpus", "worked-2.tsv")) if w.line in (74, 124)]
    assert len(examples) >= 4
    for w in examples:
        judged = judge(w, phrases[w.line])
        assert judged.verdict == "exact", (w, judged.detail)


# ---------------------------------------------------------------- steps written for one band

_STEPPED = "完成率达到100%得满分，80%-100%每降低1%扣0.2分，80%以下不得分"


@pytest.mark.parametrize(("actual", "score"), [
    ("100%", "5"),
    ("90%", "3"),     # 10 steps × 0.2 off 5
    ("80.5%", "1.2"),  # 19 whole steps (the other readings named)
    ("79%", "0"),     # below the steps' band: 80%以下不得分
])
def test_steps_written_for_a_band(actual: str, score: str) -> None:
    outcome = scored(_STEPPED, "5", None, actual)
    assert (outcome.status, outcome.score) == ("score", Fraction(Decimal(score)))


def test_the_edge_of_the_steps_band_names_the_other_band() -> None:
    """80% is in 80%-100% and in 80%以下, neither says: the steps (20 × 0.2 off 5 = 1), 0 named."""
    outcome = scored(_STEPPED, "5", None, "80%")
    assert outcome.score == Fraction(1)
    assert outcome.alternatives.get("band:≤80%") == Fraction(0)


def test_below_the_steps_band_with_no_band_is_unknown() -> None:
    """80%-100%每降低1%扣0.2分 says nothing of 75%: unknown, never the steps carried on."""
    outcome = scored("到位率达到100%得满分，80%-100%每降低1%扣0.2分", "5", None, "75%")
    assert outcome.status == "unknown"


def test_an_excess_step_in_a_band() -> None:
    """成本控制率 104% in 100%-110%: 4 steps of 1 off 6; 112% is past 110%: 0."""
    rule = "成本控制率100%以内得满分，100%-110%每超1%扣1分，110%以上不得分"
    assert scored(rule, "6", None, "104%").score == Fraction(2)
    assert scored(rule, "6", None, "112%").score == Fraction(0)


# ---------------------------------------------------------------- a cost within its budget, a formula past it


@pytest.mark.parametrize(("actual", "score"), [
    ("55万元", Fraction(100, 11)),  # 超出预算: 50 ÷ 55 × 10
    ("50万元", Fraction(10)),       # 控制在预算内
])
def test_a_formula_past_the_budget(actual: str, score: Fraction) -> None:
    rule = "实际成本控制在预算内得满分，超出预算的，得分=预算成本/实际成本×分值"
    outcome = scored(rule, "10", "≤50万元", actual)
    assert (outcome.status, outcome.score) == ("score", score)


def test_exceeding_the_budget_is_a_comparison_and_a_step() -> None:
    """超出 before a value compares (超出预算的) and after 每 steps (每超出预算1%: 4% over, 3 off 5)."""
    rule = parse_rule("成本控制在计划内得满分，超出计划的，按计划成本/实际成本×分值计分").rule
    assert rule is not None
    formula = rule.of(rt.Proportional)[0] if rule.of(rt.Proportional) else rule.of(rt.Formula)[0]
    assert isinstance(formula.scope, rt.Compare) and formula.scope.op == ">"
    assert scored("每超出预算1%扣0.5分，扣完为止", "5", "≤100万元", "104万元").score == Fraction(3)


# ---------------------------------------------------------------- bands of the deviation, named


@pytest.mark.parametrize(("actual", "score"), [
    ("1040人", 5),  # |1040 − 1000| ÷ 1000 = 4%: within ±5%
    ("930人", 3),   # 7%: 偏差5%-10%
    ("880人", 0),   # 12%: 偏差超过10%
])
def test_bands_named_by_the_deviation_beside_a_plus_minus_band(actual: str, score: int) -> None:
    outcome = scored("偏差在±5%以内得满分，偏差5%-10%得3分，偏差超过10%不得分", "5", "1000人", actual)
    assert (outcome.status, outcome.score) == ("score", Fraction(score))


def test_a_deviation_word_alone_decides_nothing() -> None:
    """Without a ± band, 偏差率5%-10% is a band of the actual as printed (a rate the table states)."""
    rule = parse_rule("偏差率5%以内得满分，偏差率5%-10%得3分").rule
    assert rule is not None
    assert not any(getattr(a.condition, "absolute", False) for a in rule.of(rt.Award))
    assert scored("偏差率5%以内得满分，偏差率5%-10%得3分", "5", None, "7%").score == Fraction(3)


def test_a_step_verb_before_a_band_is_the_bands_words() -> None:
    """下降5%-10%得3分 / 超支5%-10%扣2分: a band of two values after the verb, never a step of 5%."""
    for text in ("下降5%-10%得3分", "超支5%-10%扣2分"):
        parsed = parse_rule(text)
        assert parsed.ok and parsed.rule is not None
        assert not parsed.rule.of(rt.Step)


def test_a_rate_times_points_against_a_target_other_than_100_names_the_share_reading() -> None:
    """得分=完成率×分值, 88% against 95%: 0.88 × 10 = 8.8 as read; 88 ÷ 95 × 10 = 176/19 named."""
    outcome = scored("得分=完成率×分值", "10", "95%", "88%")
    assert outcome.score == Fraction(44, 5)
    assert outcome.alternatives.get("rate-of-target") == Fraction(176, 19)
