"""Probe set for issue 9 families 7-9 and 11-13 (formulas in words and symbols, deadlines and
dates, worded actuals, indicator direction, noise as printed, text that is not a scoring rule),
written the way departments word them (tests/corpus/probe-r2-phrasings.tsv, same columns as
new-phrasings.tsv; every expectation worked by hand in its `why`). Judged as the real corpus is
(engine.review.yardstick.judge). A row whose `expect` is `-` is not a scoring rule: the parser must
say so (P010), never read it as one. None may be confident-wrong; the rows not yet exact are listed
with their verdict and reason, so a fix shows up as a changed verdict and the list only shrinks.
CONFIDENT_WRONG holds the misreads the set found, each to be fixed (strict xfail: a fix must
remove its line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.language.parser import parse_rule
from engine.review.yardstick import Worked, judge
from tests.support import phrasing_of, phrasing_rows, phrasing_verdict

DATA = Path(__file__).parent / "corpus" / "probe-r2-phrasings.tsv"

ROWS = phrasing_rows(DATA)

NOT_EXACT = {
    8: ("unread", "「按完成百分比计分」：未说明百分比是什么的百分比"),
    11: ("unread", "「按照考核得分的10%计入」：“的N%计入”写的折算"),
    12: ("unread", "「按考核得分×20%计分」：得分乘比例的折算"),
    29: ("unread", "「完成计划的80%得4分」：占计划比例的分档"),
    30: ("unknown", "「完成90%以上」对人数的实际完成值：未换算成占目标值的比例"),
    31: ("unknown", "「完成90%以上」对人数的实际完成值：未换算成占目标值的比例"),
    32: ("unknown", "「完成90%以上」对人数的实际完成值：未换算成占目标值的比例"),
    40: ("unknown", "「按时完成」对日期目标：实际完成值为日期时未与截止日期比较"),
    46: ("unknown", "「15-30日按比例」：两档之间按比例计分"),
    49: ("unread", "「规定期限（60天）内」：括号里写的期限"),
    50: ("unread", "「规定期限（30天）内」：括号里写的期限"),
    51: ("unread", "「截至12月底完成率100%得满分」：句首的截止时间"),
    52: ("unread", "「截至6月底完成率达到50%」：句首的截止时间"),
    57: ("unknown", "「按时完成」对日期目标：实际完成值为日期时未与截止日期比较"),
    58: ("unknown", "「按时完成」对日期目标：实际完成值为日期时未与截止日期比较"),
    62: ("unknown", "实际完成值「已竣工」：规则里的“2024年12月31日前竣工”未与文字实际值对应"),
    91: ("unknown", "实际完成值「已建立并执行」：文字实际值带附加的“并执行”"),
    96: ("unread", "「不超过预算的5%」：百分比之前的“预算的”"),
    97: ("unread", "「不超过预算的5%」：百分比之前的“预算的”"),
    115: ("unread", "「每少降低0.5个百分点」：对“降低”的不足计步"),
    116: ("unread", "「每少下降1个百分点」：对“下降”的不足计步"),
    118: ("unread", "「9 0%」：数字中间的空格"),
    121: ("unread", "页码残留「— 3 —」未作为分页残留去掉"),
    130: ("unread", "「9 5 %」：数字中间的空格"),
}

CONFIDENT_WRONG = {
}


def _verdict(w: Worked) -> str:
    phrase = phrasing_of(w)
    if w.expect == "-":
        parsed = parse_rule(phrase)
        if parsed.not_a_rule:
            return "exact"
        return "confident-wrong" if parsed.ok else "unread"
    return phrasing_verdict(w)


@pytest.mark.parametrize("w", ROWS, ids=[f"line{w.line}" for w in ROWS])
def test_probe_r2_phrasing(w: Worked) -> None:
    phrase = phrasing_of(w)
    verdict = _verdict(w)
    if w.line in CONFIDENT_WRONG:
        if verdict == "confident-wrong":
            pytest.xfail(CONFIDENT_WRONG[w.line])
        pytest.fail(f"line {w.line} is no longer confident-wrong ({verdict}): update CONFIDENT_WRONG")
    assert verdict != "confident-wrong", (phrase, w.expect, judge(w, phrase).detail)
    assert verdict == NOT_EXACT.get(w.line, ("exact", ""))[0], (phrase, w.expect, judge(w, phrase).detail)


def test_the_set_and_its_list() -> None:
    assert len(ROWS) == 141
    assert set(NOT_EXACT) <= {w.line for w in ROWS}
    assert not set(NOT_EXACT) & set(CONFIDENT_WRONG)


def test_dotted_dates_are_dates_not_numbers() -> None:
    from engine.values.dates import Date
    from engine.values.read import parse_value

    june = parse_value("2024.06")
    assert isinstance(june, Date) and (june.year, june.month, june.day) == (2024, 6, None)
    last = parse_value("2024.12.31")
    assert isinstance(last, Date) and (last.year, last.month, last.day) == (2024, 12, 31)
    amount = parse_value("2024.5万元")  # an amount: the unit says so
    assert not isinstance(amount, Date)


def test_counts_in_chinese_numerals_inside_words() -> None:
    from decimal import Decimal

    from engine.values.kinds import Quantity
    from engine.values.read import parse_value

    towns = parse_value("十三个乡镇")
    assert isinstance(towns, Quantity) and towns.number == Decimal(13)
    problems = parse_value("发现三个问题")
    assert isinstance(problems, Quantity) and problems.number == Decimal(3)
    for manner in ("十分满意", "一次性完成"):
        assert not isinstance(parse_value(manner), Quantity)
