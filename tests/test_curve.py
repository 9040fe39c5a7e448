"""The score curve is the evaluator's own function, sampled: its points are `evaluate` at each
actual, ranges are bands, and the rows without a numeric axis get no curve."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from engine.output.curve import curve_svg, samples
from engine.review.result import ItemResult, RuleUsed


def _item(rule: str, target: str, actual: str, weight: str = "10", claimed: str = "9") -> ItemResult:
    item = ItemResult("满意度", ["满意度"], Decimal(weight), Decimal(claimed), target=target, actual=actual, row=1)
    item.rule = RuleUsed("text", rule)
    item.recomputed = Decimal("8.5")
    return item


def test_points_are_the_evaluators_scores() -> None:
    got = samples(_item("满意度90%以上记10分，每下降1%扣0.5分", "≥90%", "87%"), "floor")
    assert got is not None
    points, (lo, hi), unit = got
    by_x = {s.x: s for s in points}
    assert unit == "%" and lo == 0 and hi >= 100
    assert by_x[Fraction(87)].low == Fraction(17, 2)  # the actual itself is a sample: 8.5
    assert by_x[Fraction(90)].low == 10
    assert all(s.low == s.high for s in points)


def test_svg_marks_target_actual_claimed_and_recomputed() -> None:
    svg = curve_svg(_item("满意度90%以上记10分，每下降1%扣0.5分", "≥90%", "87%"))
    assert svg is not None
    for mark in ('class="score"', 'class="target"', 'class="actual"', 'class="claimed"', 'class="recomputed"'):
        assert mark in svg
    assert "http" not in svg


def test_no_curve_without_a_numeric_axis() -> None:
    assert curve_svg(_item("生活环境质量有提升记3分，无改善记0分", "有提升", "完成", "3", "2")) is None
    plain = _item("满意度90%以上记10分", "≥90%", "87%")
    plain.rule = RuleUsed("profile", None)
    assert curve_svg(plain) is None
