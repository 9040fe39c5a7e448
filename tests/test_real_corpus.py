"""The real-text yardstick in CI: the shared corpus, read in place, scored the way
bench/corpus_score.py scores it (engine.review.yardstick).

Every failure tolerated is listed here with its reason (a family of phrasing, a misprint, a
rule that refers to facts the row does not hold). The lists are exact: a line that starts being
read, or an example that becomes exact, fails the test until it is taken off its list, so the
figures only move forward and a regression is seen at once. No worked example may get a
confident number that matches none of its readings.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from engine.review.yardstick import Judged, judge, parse_rate, phrase_rows, worked_rows
from support import shared

PHRASES = shared("corpus", "phrases.tsv")
PHRASES_2 = shared("corpus", "phrases-2.tsv")
WORKED_2 = shared("corpus", "worked-2.tsv")

NOT_RULES = {
    "phrases.tsv": {45: "不适用指标按百分制折算：说的是评分办法，不是本行的计分规定"},
    "phrases-2.tsv": {125: "为所辖各乡镇得分的加权平均数：由其他表的得分汇总，不是本行的计分规定"},
}

# phrases-2.tsv lines that are scoring rules but are not read with no error, by family.
UNREAD_2 = {
    3: "前置要求句「单个数量指标…未达到或超过30%以上的，均不计分」与公式并列（条件中的“或”）",
    5: "条件里用“或者”连接两个数值条件，后接“依次扣分”",
    22: "括号里的公式（抽查的系统管理率/85%*10 计算得分）夹在说明文字中",
    51: "编号的四条扣分规定，第四条引出面积分档表（15300(不含)亩）且被截断",
    133: "括号里的要求（里程不低于95%）与断档扣分并列",
    152: "两个年度各自的建档率要求（2009年…5%，2010年…20%），按比例得分",
    181: "按季度、按月份分别计分再相加（每个季度中…当季得8分；8个非季末月份中…当月得3.5分）",
    185: "几条带括号分数的要求，夹着分档（40-60%之间减0.2分）",
}

# worked-2.tsv examples (line, actual) not exact, by family; none of them is a confident number.
NOT_EXACT_2 = {
    (3, "8个数量指标中6个达到预期值,无超过预期30%以上"): "第 3 行未读通（见上）",
    (3, "5个数量指标均达到预期,其中1个超过预期指标35%"): "第 3 行未读通（见上）",
    (5, "3台设备未达标(比例条件成立)"): "第 5 行未读通：给出范围 0–8",
    (38, "社区中心平均每次24人"): "规定在括号里用“或”给出另一数值，未写明本行用哪一个：两种读法都给出，不选",
    (38, "村卫生室平均每次8人"): "规定在括号里用“或”给出另一数值，未写明本行用哪一个：两种读法都给出，不选",
    (51, "森林火灾1次,受害面积200亩,及时报告"): "第 51 行未读通：给出范围",
    (51, "森林火警1次,及时报告"): "第 51 行未读通：给出范围",
    (91, "不合规凭证3张,退回2笔,同一问题反复1次"): "「每次扣 2、1分」读作每次扣 1 或 2 分：给出范围 1.5–2.5（核算人把“2、”当作页码，得 2.5）",
    (152, "2009年建档率4%;有专柜"): "第 152 行未读通：分年度的要求",
    (181, "4个季度均≥95%;8个非季末月中6个月≥95%、2个月介于最低保有量与95%之间"): "第 181 行未读通：按季、按月分别计分",
    (181, "3个季度≥95%、1个季度低于最低保有量;8个月均≥95%"): "第 181 行未读通：按季、按月分别计分",
}


def _rule_texts() -> dict[int, str]:
    return dict(phrase_rows(PHRASES_2))


@lru_cache(maxsize=1)
def _judged() -> tuple[Judged, ...]:
    texts = _rule_texts()
    return tuple(judge(example, texts[example.line]) for example in worked_rows(WORKED_2))


def _unread(path) -> set[int]:
    from engine.language.parser import parse_rule

    return {n for n, text in phrase_rows(path) if not (r := parse_rule(text)).ok and not r.not_a_rule}


def test_phrases_are_read_but_for_the_listed_families() -> None:
    first = parse_rate(phrase_rows(PHRASES))
    assert set(first.not_rules) == set(NOT_RULES["phrases.tsv"])
    assert first.read == first.scoring == 60
    second = parse_rate(phrase_rows(PHRASES_2))
    assert set(second.not_rules) == set(NOT_RULES["phrases-2.tsv"])
    assert _unread(PHRASES_2) == set(UNREAD_2), "a line was read or lost: update UNREAD_2 with the reason"
    assert (second.read, second.scoring) == (193 - len(UNREAD_2), 193)


def test_no_worked_example_is_a_confident_misread() -> None:
    wrong = [(j.example.line, j.example.actual, j.detail) for j in _judged() if j.verdict == "confident-wrong"]
    assert wrong == []


def test_worked_examples_are_exact_but_for_the_listed_ones() -> None:
    judged = _judged()
    missed = {(j.example.line, j.example.actual) for j in judged if j.verdict != "exact"}
    assert missed == set(NOT_EXACT_2), "an example changed verdict: update NOT_EXACT_2 with the reason"
    counts = Counter(j.verdict for j in judged)
    assert counts["exact"] == len(judged) - len(NOT_EXACT_2) == 230
    assert len(judged) == 241


def test_every_tolerated_failure_has_a_reason() -> None:
    reasons = list(UNREAD_2.values()) + list(NOT_EXACT_2.values()) + [r for d in NOT_RULES.values() for r in d.values()]
    assert all(len(r) >= 8 for r in reasons)
    assert set(UNREAD_2) <= set(_rule_texts())
