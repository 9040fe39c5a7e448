"""Family 11: which way an indicator improves, from the words of its name (directions.toml),
before any guess; 天数 alone decides nothing; a declared direction overrides.

The "Why" case of issue 9: a control rate printed as target 100%, actual 92%
(在职/财政供养人员控制率, lower is better) was marked 多计: 92% was read as falling short of 100%.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

from engine.language.parser import parse
from engine.profiles import load_profile
from engine.review.checks import rescore
from engine.scoring import evaluate, infer_direction
from engine.values import direction_by_name, meets, parse_value

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_findings import report  # noqa: E402


@pytest.mark.parametrize(("name", "direction"), [
    ("在职人员控制率", "lower"), ("财政供养人员控制率", "lower"), ("三公经费控制率", "lower"),
    ("预算调整率", "lower"), ("资金结余率", "lower"), ("投诉率", "lower"), ("安全事故发生率", "lower"),
    ("事故率", "lower"), ("项目单位成本", "lower"), ("平均办理时长", "lower"), ("预算偏差率", "lower"),
    ("超标天数", "lower"),
    ("优良天数比例", "higher"), ("事故处理及时率", "higher"), ("投诉办结率", "higher"), ("成本节约率", "higher"),
    ("完成天数", None), ("网点完工率", None), ("培训人次", None),
])
def test_direction_by_name(name: str, direction: str | None) -> None:
    found = direction_by_name(name)
    assert (found[0] if found else None) == direction


@pytest.mark.parametrize("name", ["在职人员控制率", "财政供养人员控制率", "三公经费控制率"])
def test_why_a_control_rate_of_92_against_100_is_met(name: str) -> None:
    """No rule on the row: the profile's quantitative reading. 92% ≤ 100% meets the target, so
    full marks are right, and no deviation note is owed."""
    case = {"kind": "department", "indicators": [
        {"level3": name, "target": "100%", "actual": "92%", "weight": "5", "claimed_score": "5"}]}
    found = rescore(report(case), load_profile("mof2020")).findings
    assert not [f for f in found if f.code in ("S001", "N001")], [f.message for f in found]


def test_a_higher_is_better_rate_below_its_target_still_loses_points() -> None:
    case = {"kind": "department", "indicators": [
        {"level3": "优良天数比例", "target": "100%", "actual": "92%", "weight": "5", "claimed_score": "5"}]}
    found = rescore(report(case), load_profile("mof2020")).findings
    assert [f.expected for f in found if f.code == "S001"] == [Decimal("4.6")]  # 92 ÷ 100 × 5


def test_meets_takes_the_names_direction_only_for_a_bare_target() -> None:
    assert meets(parse_value("100%"), parse_value("92%")) is False
    assert meets(parse_value("100%"), parse_value("92%"), "lower") is True
    assert meets(parse_value("≥100%"), parse_value("92%"), "lower") is False  # the printed ≥ wins


def test_why_tianshu_alone_decides_nothing() -> None:
    """优良天数比例…每减少… was read as lower-is-better because the name holds 天数."""
    rule = parse("空气质量优良天数比例达到90%，记10分，每减少1%扣0.5分")
    assert infer_direction(rule, None, Decimal(10), "优良天数比例")[0] == "higher"
    outcome = evaluate(rule, "90%", "85%", Decimal(10), indicator="优良天数比例")
    assert outcome.score == Decimal("7.5")  # 10 − 5 × 0.5
    assert "penalises-improvement" not in {n.code for n in outcome.notes}


def test_a_declared_direction_overrides_the_name() -> None:
    rule = parse("以100%为标准，每超过1个百分点扣0.5分")
    assert infer_direction(rule, None, Decimal(5), "某某控制率")[0] == "lower"
    assert infer_direction(rule, None, Decimal(5), "某某控制率", "higher") == ("higher", "声明的方向")


def test_the_rule_says_otherwise_before_the_name() -> None:
    """A rule giving its most points at ≥ says higher is better, whatever the name."""
    rule = parse("控制率≥95%得5分，低于95%不得分")
    assert infer_direction(rule, None, Decimal(5), "在职人员控制率")[0] == "higher"


def _word_ending_last(name: str) -> tuple[str, str] | None:
    """The reading as the lexicon states it, word by word: of the words found in the folded name,
    the one ending last, the longer at the same end, the first listed of two alike."""
    from engine import lexicon
    from engine.text.fold import fold

    words = [(w, "lower") for w in lexicon.words("directions.lower_is_better")] + \
        [(w, "higher") for w in lexicon.words("directions.higher_is_better")]
    s, best = fold(name), None
    for word, direction in words:
        at = s.rfind(word)
        if at >= 0 and (best is None or (at + len(word), len(word)) > best[:2]):
            best = (at + len(word), len(word), direction, word)
    return None if best is None else (best[2], best[3])


def test_the_word_ending_last_decides_in_any_name() -> None:
    """Names made of direction words, overlapping and repeated, and other words: the one-pass
    reading (a search of the name backwards) is the word-by-word one."""
    import random

    from engine import lexicon

    words = [*lexicon.words("directions.lower_is_better"), *lexicon.words("directions.higher_is_better"),
             "的", "率", "达标", "天数", "控制", "Ｘ"]
    rng = random.Random(11)
    names = ["".join(rng.choice(words) for _ in range(rng.randrange(1, 6))) for _ in range(3000)]
    decided = [direction_by_name(n) for n in names]
    assert decided == [_word_ending_last(n) for n in names]
    assert sum(d is None for d in decided) < len(names) // 4  # most names do contain a word
