"""A second set of phrasings written the way departments word 评分标准, to probe for confident
misreads (tests/corpus/probe-phrasings.tsv, same columns as new-phrasings.tsv; every expectation
worked by hand in its `why`). Judged as the real corpus is (engine.review.yardstick.judge). None
may be confident-wrong; the ones not yet exact are listed with their family, so a fix shows up as
a changed verdict and the list only shrinks. Writing it found three confident misreads, fixed
with it: deduction bands on a delay scored full marks (延期1-3个月扣2分 with a date), 超出部分每1万元
counted the whole amount, 每落后5个百分点 counted the rate itself as events, 每有1个乡镇未完成
任务扣1分 against a target of 0个 counted a shortfall of nothing, 出现1次扣1分，出现2次扣3分 was read
as steps of each size (a table of counts), and 超支10%以上不得分 beside 每超支1% bounded the rate
instead of the excess."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.review.yardstick import Worked, judge
from tests.support import phrasing_of, phrasing_rows, phrasing_verdict

DATA = Path(__file__).parent / "corpus" / "probe-phrasings.tsv"


ROWS = phrasing_rows(DATA)

NOT_EXACT = {
    75: ("unread", "「不超过预算的5%」：百分比之前的“预算的”"),
    81: ("unread", "「90分以上…80-90分」：以“分”为单位的分档与得分混写"),
    85: ("unread", "「超过目标值的按目标值计分」：只写封顶、未写计分方法"),
    123: ("unread", "「每少降低0.5个百分点」：对“降低”的不足计步"),
    138: ("unknown", "「严格按照合同支付」对实际完成值「按合同支付」：文字条件未认出同义的写法"),
    142: ("unknown", "「完成90%以上」对人数的实际完成值：未换算成占年度指标值的比例"),
    144: ("unread", "「按照考核得分的10%计入」：“的N%计入”写的折算"),
    146: ("unread", "「完成计划的80%得4分」：占计划比例的分档"),
    148: ("unread", "「每少下降0.1个百分点」：对“下降”的不足计步"),
    155: ("unread", "「应急预案演练每年不少于2次」：每年 + 至少次数的要求"),
    159: ("unread", "「截至12月底完成率100%得满分」：句首的截止时间"),
}


@pytest.mark.parametrize("w", ROWS, ids=[f"line{w.line}" for w in ROWS])
def test_probe_phrasing(w: Worked) -> None:
    phrase = phrasing_of(w)
    verdict = phrasing_verdict(w)
    assert verdict != "confident-wrong", judge(w, phrase).detail
    assert verdict == NOT_EXACT.get(w.line, ("exact", ""))[0], (phrase, w.expect, judge(w, phrase).detail)


def test_the_set_and_its_list() -> None:
    assert len(ROWS) == 166
    assert set(NOT_EXACT) <= {w.line for w in ROWS}
