"""Hand-worked edge cases: the exact boundaries where an off-by-one, a wrong rounding mode or a
flipped comparison changes a result. Each test's docstring states the rule of the domain it
pins; the expected values are computed by hand in the comments, from the inputs written here.

Written to kill the mutants of `tools/mutate.py` that survived the suite (banker's rounding, a
total tolerance `>` turned `>=`, a band tie resolved the other way, an all/any swap in the
impossible-claim check, a grade range ending on a bound, ...): run
`python tools/mutate.py --tests tests/test_hand_worked_edges.py` to see them die here.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest
from click.testing import CliRunner

from engine.cli import cli
from engine.language.parser import parse
from engine.profiles import load_profile
from engine.report.model import Report
from engine.review.checks import rescore
from engine.scoring import evaluate, to_decimal

D = Decimal
TABLE = "测试表"
MOF = load_profile("mof2020")


def _report(indicators: list[dict], **table: object) -> Report:
    """A valid one-table report (project table 测试表) with these indicators and table fields."""
    data = {"schema_version": 1, "unit": "测试单位", "year": 2024,
            "tables": [{"name": TABLE, "kind": "project", "indicators": indicators, **table}]}
    return Report.model_validate(data)


def _indicator(name: str, weight: str, claimed: str | None, *, rule: str | None = None, target: str | None = None,
               actual: str | None = None) -> dict:
    row = {"level1": "产出指标", "level2": "数量指标", "level3": name, "weight": weight, "deviation_note": "见说明"}
    for key, value in (("claimed_score", claimed), ("rule", rule), ("target", target), ("actual", actual)):
        if value is not None:
            row[key] = value
    return row


def _kinds(result, kind: str) -> list:
    return [f for f in result.findings if f.kind == kind]


def _rule_json(*args: str) -> dict:
    outcome = CliRunner().invoke(cli, ["rule", *args, "--format", "json"])
    assert outcome.exit_code == 0, outcome.output
    return json.loads(outcome.output, parse_float=Decimal)


# ---------------------------------------------------------------- 四舍五入 at the edge


@pytest.mark.parametrize(("exact", "shown"), [
    (Fraction(17, 8), "2.13"),     # 2.125: the third decimal is 5 → up (banker's rounding: 2.12)
    (Fraction(107, 40), "2.68"),   # 2.675: exact, so up (through a binary float 2.67499…: 2.67)
    (Fraction(1, 200), "0.01"),    # 0.005 → 0.01 (banker's rounding: 0.00)
    (Fraction(20, 3), "6.67"),     # 6.666… → 6.67
    (Fraction(9), "9.00"),         # a whole score keeps two places
])
def test_scores_are_rounded_half_up_to_two_places(exact, shown):
    """A score is kept exact and shown 四舍五入 (ROUND_HALF_UP) to two decimals: a third decimal
    of exactly 5 always rounds away from zero, never to the even neighbour."""
    assert str(to_decimal(exact)) == shown


def test_rescore_rule_prints_a_half_up_score():
    """`rescore rule` shows 按完成比例 42.5% of a 5-point row as 2.13: 42.5 ÷ 100 × 5 = 2.125 exactly,
    四舍五入 → 2.13 (not 2.12), with the exact value 17/8 beside it."""
    args = ["按完成比例计算得分", "--weight", "5", "--target", "100", "--actual", "42.5"]
    data = _rule_json(*args)
    assert (data["status"], data["score"], data["score_exact"]) == ("score", D("2.13"), "17/8")
    text = CliRunner().invoke(cli, ["rule", *args])
    assert "得分：2.13 分（精确值 17/8，四舍五入到两位小数）" in text.output.splitlines()
    # 53.5 ÷ 100 × 5 = 2.675 exactly → 2.68 (a float would have made it 2.67)
    data = _rule_json("按完成比例计算得分", "--weight", "5", "--target", "100", "--actual", "53.5")
    assert (data["score"], data["score_exact"]) == (D("2.68"), "107/40")


def test_a_recomputed_item_is_reported_rounded_half_up():
    """The review reports a recomputed score at two places, 四舍五入, and compares the claim with
    the exact score: 42.5 ÷ 100 × 5 = 2.125 → recomputed 2.13; a claim of 2.13 is within the
    0.01 tolerance of 2.125 (|2.13 − 2.125| = 0.005)."""
    result = rescore(_report([_indicator("完成率", "5", "2.13", rule="按完成比例计算得分", target="100", actual="42.5")]),
                     MOF)
    item = result.tables[0].items[0]
    assert (item.recomputed, item.status) == (D("2.13"), "consistent")


# ---------------------------------------------------------------- the total's tolerance


def _total_report(claimed_total: str) -> Report:
    # claims: 88 (weight 90) + 预算执行率 10 (weight 10, 10 of 10 spent) = 98
    return _report([_indicator("培训人次", "90", "88", target="≥100人次", actual="120人次")],
                   execution={"weight": "10", "rate": "100%", "claimed_score": "10"},
                   funding=[{"source": "年度资金总额", "full_year": "10", "executed": "10"}],
                   claimed_total=claimed_total)


@pytest.mark.parametrize("claimed_total", ["98", "98.01", "97.99"])
def test_a_total_within_the_tolerance_of_the_claims_is_not_a_mismatch(claimed_total):
    """A printed 总分 is held to the sum of the claimed scores within the profile's tolerance,
    0.01 inclusive: 98.01 − 98 = 0.01 and 98 − 97.99 = 0.01 are within it."""
    assert _kinds(rescore(_total_report(claimed_total), MOF), "total-mismatch") == []


@pytest.mark.parametrize(("claimed_total", "points"), [("98.02", "0.02"), ("97.98", "0.02")])
def test_a_total_beyond_the_tolerance_is_a_mismatch(claimed_total, points):
    """… and 0.02 off (98.02 − 98, 98 − 97.98) is beyond it: a total-mismatch of 0.02 points."""
    (finding,) = _kinds(rescore(_total_report(claimed_total), MOF), "total-mismatch")
    assert (finding.item, finding.claimed, finding.expected, finding.points) == \
        ("总分", D(claimed_total), D(98), D(points))


# ---------------------------------------------------------------- a band tie


@pytest.mark.parametrize("text", ["90%-100%，计5分；80%-90%，计4分", "80%-90%，计4分；90%-100%，计5分"])
def test_a_band_tie_goes_to_the_band_that_starts_there(text):
    """An actual exactly on the bound shared by two bands whose inclusion is not printed
    (80%-90% and 90%-100%) belongs to the band that starts there (下限含、上限不含), whatever
    the order the bands are printed in: 90% → the 90%-100% band, 5 points; the other reading
    (80%-90%, 4 points) is reported as an alternative."""
    outcome = evaluate(parse(text), None, "90%", 5)
    assert (outcome.status, outcome.score, outcome.convention) == ("score", 5, "boundary-lower-band-start")
    assert outcome.alternatives == {"band:80%-90%": 4}


def test_a_printed_overlap_on_the_bound_goes_to_the_band_that_starts_there():
    """Two printed bounds that both include 90% (≥90%计5分；≤90%计3分): 90% is scored by the band
    that starts at 90 and is printed first, 5 points; the ≤90% reading, 3 points, is reported."""
    outcome = evaluate(parse("≥90%，计5分；≤90%，计3分"), None, "90%", 5)
    assert (outcome.status, outcome.score, outcome.convention) == ("score", 5, "boundary-lower-band-start")
    assert outcome.alternatives == {"band:≤90%": 3}


@pytest.mark.parametrize("text", ["≥90%，计5分；80%-90%，计4分", "80%-90%，计4分；≥90%，计5分"])
def test_a_printed_inclusive_bound_beats_an_unprinted_one(text):
    """≥90% says 90 is in; 80%-90% does not say: 90% scores 5 (the printed bound), with no tie
    and no alternative, in either printed order."""
    outcome = evaluate(parse(text), None, "90%", 5)
    assert (outcome.status, outcome.score, outcome.convention, outcome.alternatives) == ("score", 5, None, {})


# ---------------------------------------------------------------- an impossible claim


def _fixed_scores(claimed: str):
    # 有提升记3分，无改善记0分 can only give 0 or 3; the actual 见附件 says neither, so the row is
    # unscorable, but a claim that is neither 0 nor 3 (± 0.01) is wrong whatever the actual was
    row = _indicator("服务质量", "3", claimed, rule="有提升记3分，无改善记0分", target="有提升", actual="见附件")
    return rescore(_report([row]), MOF)


@pytest.mark.parametrize("claimed", ["3", "0", "3.01", "2.99", "0.01"])
def test_a_claim_equal_to_one_possible_score_is_not_impossible(claimed):
    """When the actual cannot be placed, a rule that only gives fixed scores (0 or 3) still
    accepts a claim equal to any one of them, within 0.01: the row stays unverifiable."""
    result = _fixed_scores(claimed)
    assert result.tables[0].items[0].status == "unverifiable"
    assert _kinds(result, "score-mismatch") == []


@pytest.mark.parametrize(("claimed", "points"), [("2", "1"), ("1.5", "1.5"), ("2.98", "0.02")])
def test_a_claim_equal_to_no_possible_score_is_a_discrepancy(claimed, points):
    """… but a claim equal to none of them is a discrepancy, by its distance to the nearest:
    2 → 1 point from 3; 1.5 → 1.5 from either; 2.98 → 0.02 from 3 (beyond the tolerance)."""
    result = _fixed_scores(claimed)
    assert result.tables[0].items[0].status == "discrepancy"
    (finding,) = _kinds(result, "score-mismatch")
    assert (finding.claimed, finding.points, finding.extra["possible"]) == (D(claimed), D(points), [D(0), D(3)])


# ---------------------------------------------------------------- grades of a total range


def _range_report(fixed_weight: str, last_weight: str, last_actual: str) -> Report:
    # a full-marks row (达到100%，记N分 at 100%), a 5-point 酌情扣分 row (anything in 0–5) and a
    # step row whose deductions use up its weight (每减少1%扣1分，扣完为止)
    return _report([
        _indicator("完成率", fixed_weight, fixed_weight, rule=f"达到100%，记{fixed_weight}分", target="100%", actual="100%"),
        _indicator("工作质量", "5", "5", rule="酌情扣分"),
        _indicator("及时率", last_weight, "0", rule="每减少1%扣1分，扣完为止", target="100%", actual=last_actual),
    ])


def test_a_total_range_ending_on_a_grade_bound_allows_that_grade():
    """A recomputed total range [low, high] allows every grade whose band [bound, next bound)
    it meets; a range ending exactly on 90 reaches 优 (≥ 90 is 优, the bound included):
    85 + [0, 5] + 0 (10 − 10 × 1 at 90%) = [85, 90] → 良 or 优."""
    table = rescore(_range_report("85", "10", "90%"), MOF).tables[0]
    assert table.recomputed_range == (D(85), D(90))
    assert table.recomputed_grades == ["优", "良"]


def test_a_total_range_starting_on_a_grade_bound_excludes_the_grade_below():
    """… and a range starting exactly on 90 does not reach 良 (良 is 80 ≤ total < 90):
    90 + [0, 5] + 0 (5 − 5 × 1 at 95%) = [90, 95] → 优 only."""
    table = rescore(_range_report("90", "5", "95%"), MOF).tables[0]
    assert table.recomputed_range == (D(90), D(95))
    assert table.recomputed_grades == ["优"]


@pytest.mark.parametrize(("total", "grade"), [("90", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"),
                                               ("60", "中"), ("59.99", "差"), ("0", "差")])
def test_a_total_on_a_grade_bound_has_that_grade(total, grade):
    """mof2020's grades: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below, each lower bound included."""
    assert MOF.grade(D(total)) == grade


# ---------------------------------------------------------------- partial steps and deduction caps


def test_every_reading_of_a_partial_step_is_capped_by_the_deduction_cap():
    """扣满N分为止 caps the deductions of every reading of a partial step, not only the default:
    每减少1%扣1分，扣满3分为止, weight 10, 100% → 98.5%: 1.5 points short; whole steps 1 → 10 − 1 = 9,
    proportional 1.5 → 8.5, a partial step as a whole one 2 → 8 (all below the cap of 3);
    100% → 96.5%: 3.5 short; 3, 3.5 and 4 steps all deduct at most 3 → 7, 7, 7."""
    rule = parse("每减少1%扣1分，扣满3分为止")
    below = evaluate(rule, "100%", "98.5%", 10)
    assert (below.score, below.alternatives) == (9, {"proportional": Fraction(17, 2), "ceiling": 8})
    over = evaluate(rule, "100%", "96.5%", 10)
    assert (over.score, over.alternatives) == (7, {"proportional": 7, "ceiling": 7})


def test_events_are_counted_in_whole_groups():
    """每出现2例扣1分 deducts 1 point per complete group of 2 events: 3 events are one group
    (⌊3 ÷ 2⌋ = 1), 5 − 1 = 4; 4 events two groups, 5 − 2 = 3; 1 event none, 5."""
    rule = parse("每出现2例扣1分")
    assert [evaluate(rule, None, actual, 5).score for actual in ("3例", "4例", "1例")] == [4, 3, 5]


# ---------------------------------------------------------------- tolerance on claims


def _worded(claimed: str):
    # no rule printed: mof2020 scores a worded actual inside its tier's band; 基本完成 is 部分达成,
    # 60–80% of the weight 10 → 6–8 points
    return rescore(_report([_indicator("工作质量", "10", claimed, target="完成", actual="基本完成")]), MOF)


@pytest.mark.parametrize("claimed", ["6", "8", "5.99", "8.01"])
def test_a_claim_within_the_tolerance_of_an_allowed_range_is_consistent(claimed):
    """A claim is consistent with an allowed range [6, 8] within the profile's tolerance, 0.01,
    at both ends: 5.99 (6 − 0.01) and 8.01 (8 + 0.01) are consistent."""
    item = _worded(claimed).tables[0].items[0]
    assert (item.range, item.status) == ((D(6), D(8)), "consistent")


@pytest.mark.parametrize(("claimed", "points"), [("5.98", "0.02"), ("8.02", "0.02")])
def test_a_claim_beyond_the_tolerance_of_an_allowed_range_is_a_discrepancy(claimed, points):
    """… and 0.02 outside it (5.98, 8.02) is a score-mismatch by 0.02, the range as expected."""
    result = _worded(claimed)
    assert result.tables[0].items[0].status == "discrepancy"
    (finding,) = _kinds(result, "score-mismatch")
    assert (finding.claimed, finding.expected, finding.points) == (D(claimed), (D(6), D(8)), D(points))


def _execution(claimed: str, printed: str, full_year: str, executed: str):
    row = _indicator("质量", "90", "90", target="≥1", actual="1")
    return rescore(_report([row], execution={"weight": "10", "rate": printed, "claimed_score": claimed},
                           funding=[{"source": "年度资金总额", "full_year": full_year, "executed": executed}]), MOF)


@pytest.mark.parametrize(("claimed", "status"), [("9.5", "consistent"), ("9.51", "consistent"), ("9.49", "consistent"),
                                                 ("9.52", "discrepancy"), ("9.48", "discrepancy")])
def test_the_execution_score_claim_is_held_within_the_tolerance(claimed, status):
    """The 预算执行率 row scores weight × min(1, 执行率): 95 of 100 spent, 10 × 0.95 = 9.5; a claim
    within 0.01 of it (9.49, 9.51) is consistent, 0.02 off (9.48, 9.52) an execution-rate error."""
    result = _execution(claimed, "95%", "100", "95")
    assert result.tables[0].items[-1].status == status
    findings = _kinds(result, "execution-rate")
    if status == "consistent":
        assert findings == []
    else:
        assert [(f.claimed, f.expected, f.points) for f in findings] == [(D(claimed), D("9.50"), D("0.02"))]


@pytest.mark.parametrize(("printed", "flagged"), [("99.99%", False), ("100.00%", False), ("99.98%", False),
                                                  ("99.97%", True), ("100.01%", True)])
def test_a_printed_execution_rate_is_held_to_the_funding_within_a_hundredth_of_a_point(printed, flagged):
    """The printed 执行率 must agree with 全年执行数 ÷ 全年预算数 within 0.01 percentage point:
    9999 ÷ 10000 = 99.99%; 100.00% and 99.98% are 0.01 off (agree), 99.97% and 100.01% 0.02 off."""
    # the score claim 10 is within 0.01 of 10 × 0.9999 = 9.999, so only the printed rate can be wrong
    findings = _kinds(_execution("10", printed, "10000", "9999"), "execution-rate")
    assert [(f.claimed, f.expected) for f in findings] == ([(D(printed.rstrip("%")), D("99.99"))] if flagged else [])
