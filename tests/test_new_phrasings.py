"""Phrasings written from how departments word 评分标准, not copied from the corpus
(tests/corpus/new-phrasings.tsv: `phrase weight target actual expect why`, `expect` as in
../shared/corpus/README.md — a score, lo..hi, or x|y readings). Each is judged the way the real
corpus is (engine.review.yardstick.judge). The ones not yet exact are listed below with their
family and asserted exactly, so a fix shows up as a changed verdict and the list only shrinks;
none may be a confident number that matches no reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.review.yardstick import Worked, judge
from tests.support import phrasing_of, phrasing_rows, phrasing_verdict

DATA = Path(__file__).parent / "corpus" / "new-phrasings.tsv"


ROWS = phrasing_rows(DATA)

# line → (verdict, family and reason): "unread" is a parse error; the others as yardstick.Verdict
NOT_EXACT = {
    44: ("unread", "「每完成目标值的10%得1分」：按完成份额逐步加分"),
    48: ("unknown", "超支10%以内：金额与目标值的相对偏差未换算成百分比"),
    53: ("unknown", "「未按时完成」对日期实际值：按时与否未从日期推出"),
    74: ("unknown", "只写扣分情形（存在违规…不得分），未写达成时得满分"),
    75: ("unknown", "「出现挤占1次」未与“出现挤占挪用资金情况的”对上"),
    78: ("other", "编号清单「已建立A和B」：用“和”连接的实际值未拆成清单项"),
    83: ("other", "按比例得分只给出 实际/门槛×分值，未给出 实际%×分值 的读法"),
    102: ("other", "酌情扣分带“最多扣3分”时范围未收窄到 分值−3 至分值"),
    118: ("unknown", "「较上年下降5%」与「较上年下降」：带数值的变化与文字档未对上"),
    121: ("other", "「完成目标值的」对数量实际值：未与年度指标值比较"),
    128: ("other", "「未达到的按实际比例得分」无年度指标值时未以规则门槛为分母"),
}


@pytest.mark.parametrize("w", ROWS, ids=[f"line{w.line}" for w in ROWS])
def test_new_phrasing(w: Worked) -> None:
    verdict = phrasing_verdict(w)
    assert verdict != "confident-wrong", judge(w, phrasing_of(w)).detail
    expected = NOT_EXACT.get(w.line, ("exact", ""))[0]
    assert verdict == expected, (phrasing_of(w), w.expect, judge(w, phrasing_of(w)).detail)


def test_the_set_and_its_list() -> None:
    assert len(ROWS) == 182
    assert set(NOT_EXACT) <= {w.line for w in ROWS}
    assert all(len(reason) >= 8 for _, reason in NOT_EXACT.values())
    exact = sum(1 for w in ROWS if w.line not in NOT_EXACT)
    assert exact == 171
