"""Issue 9: bands written as table cells (the points in a cell of their own, word requirements
inside a band), and requirements per category or period. The corpus lines are read in place
from ../shared/corpus; the variants are our own, worked by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.language.parser import parse_rule
from engine.scoring import evaluate
from tests.support import assert_outcome, shared


def _line(n: int) -> str:
    rows = shared("corpus", "phrases-2.tsv").read_text(encoding="utf-8").split("\n")
    return rows[n - 1].split("\t")[0]


def _score(rule: str, weight: str, target: str | None, actual: str | None):
    parsed = parse_rule(rule)
    assert parsed.ok, [d.render(rule) for d in parsed.diagnostics]
    assert parsed.rule is not None
    return evaluate(parsed.rule, target, actual, Decimal(weight))


# ---------------------------------------------------------------- bands as table cells


@pytest.mark.parametrize(("line", "actual", "score"), [
    (77, "完成率85%,资料全面,层次较全面", "3"),  # 80-99%, 资料全面, 层次较全面: all three hold
    (77, "完成率55%,资料不全面", "2"),  # <60%, 资料不全面
    (77, "完成率100%,资料全面,层次全面", "4"),  # the top band: 100% read as ≥100% above 80-99%
    (78, "入户指导率70%,年均入户12次", "2"),  # 60-79%, 12次 ≥ 10次以上
    (78, "入户指导率85%,年均入户16次", "3"),  # 80-99%, 16次 ≥ 15次以上
])
def test_corpus_cell_bands(line, actual, score):
    assert_outcome(_score(_line(line), "4", None, actual), score=score)


def test_corpus_cell_band_words_not_said_give_the_range():
    # 85% meets 80-99% but the actual says nothing of 资料/层次: 3 if they hold, else no band (0)
    out = _score(_line(77), "4", None, "完成率85%")
    assert_outcome(out, range=("0", "3"))
    assert list(out.alternatives.values()) == [3]
    assert [n.code for n in out.notes] == ["band-words-open"]


def test_corpus_cell_band_words_that_differ_fit_no_band():
    # 85% with 层次全面 (not 较全面) and 资料较全面: 80-99% needs 资料全面 — no band holds
    assert_outcome(_score(_line(77), "4", None, "完成率85%,资料较全面,层次全面"), unknown=True)


_NUMERIC = "≥95% | 10 | 90%-95% | 8 | <90% | 0"


@pytest.mark.parametrize(("actual", "score"), [("92%", "8"), ("95%", "10"), ("80%", "0"), ("99%", "10")])
def test_numeric_cells(actual, score):
    assert_outcome(_score(_NUMERIC, "10", None, actual), score=score)


@pytest.mark.parametrize(("actual", "score"), [("92%", "8"), ("80%", "0")])
def test_numeric_cells_with_fen(actual, score):
    assert_outcome(_score("≥95% | 10分 | 90%-95% | 8分 | <90% | 0分", "10", None, actual), score=score)


@pytest.mark.parametrize(("actual", "score"), [("优秀", "5"), ("良好", "3"), ("一般", "1")])
def test_worded_cells(actual, score):
    assert_outcome(_score("优秀 | 5 | 良好 | 3 | 一般 | 1", "5", None, actual), score=score)


_MIXED = "验收合格率100%，档案齐全 | 6分 | 验收合格率90%-99%，档案基本齐全 | 4分 | 验收合格率<90% | 0分"


@pytest.mark.parametrize(("actual", "score"), [
    ("合格率80%", "0"),  # <90%: the band has no word requirement
    ("合格率100%,档案齐全", "6"),
    ("合格率95%,档案基本齐全", "4"),
])
def test_mixed_cells(actual, score):
    assert_outcome(_score(_MIXED, "6", None, actual), score=score)


def test_mixed_cells_words_open():
    # 95% is in 90-99%; 档案 not said: 4 if 基本齐全, else in no band
    assert_outcome(_score(_MIXED, "6", None, "合格率95%"), range=("0", "4"))


def test_cells_keep_positions():
    # the points cell is an award of the band before it, its span where it is printed
    text = _NUMERIC
    rule = parse_rule(text).rule
    assert rule is not None
    awards = [s for s in rule.statements if s.points is not None]
    assert [text[a.points.span.start:a.points.span.end] for a in awards] == ["10", "8", "0"]


# ---------------------------------------------------------------- requirements per category


@pytest.mark.parametrize(("actual", "score"), [
    ("乡镇卫生院全年9次", "9"),  # 乡镇: ≥12次, 3 short × 1
    ("村卫生室全年4次", "8"),  # 室: ≥6次, 2 short × 2
    ("社区中心全年13次", "12"),  # met
    ("社区卫生服务站全年5次", "10"),  # 站: 1 short × 2
])
def test_corpus_category_requirements(actual, score):
    assert_outcome(_score(_line(37), "12", None, actual), score=score)


def test_corpus_category_not_named_gives_each_reading():
    # 9次 under 中心/乡镇 (≥12, ×1): 9; under 站/室 (≥6): 12 — never a guess
    out = _score(_line(37), "12", None, "全年9次")
    assert_outcome(out, range=("9", "12"))
    assert sorted(out.alternatives.values()) == [9, 12]
    assert "category" in [n.code for n in out.notes]


def test_corpus_category_requirements_are_read():
    parsed = parse_rule(_line(37))
    assert parsed.ok and not parsed.diagnostics
    steps = [s for s in parsed.rule.statements if type(s).__name__ == "Step"]
    assert [s.threshold.subject for s in steps] == ["社区中心、乡镇", "站、室"]


_LEVELS = "城市≥95%,农村≥85%,达到要求得10分;城市每低1%扣1分,农村每低1%扣0.5分"


@pytest.mark.parametrize(("actual", "score"), [
    ("城市92%", "7"),  # 3 points short × 1
    ("农村80%", "7.5"),  # 5 short × 0.5
    ("农村90%", "10"),
])
def test_category_levels(actual, score):
    assert_outcome(_score(_LEVELS, "10", None, actual), score=score)


def test_category_levels_unnamed_and_partial():
    assert_outcome(_score(_LEVELS, "10", None, "90%"), range=("5", "10"))  # 城市 5 short: 5; 农村 met: 10
    out = _score(_LEVELS, "10", None, "城市93.5%")  # 1.5 short: whole steps 1 → 9, the others noted
    assert_outcome(out, score="9")
    assert out.alternatives == {"proportional": Decimal("8.5"), "ceiling": 8}


_THREE = "县级≥4次、乡级≥2次、村级≥1次,符合要求得6分;县级每少1次扣1分,乡级每少1次扣2分,村级每少1次扣3分"


@pytest.mark.parametrize(("actual", "score"), [("县级医院3次", "5"), ("乡级0次", "2"), ("村级1次", "6"), ("村级0次", "3")])
def test_three_categories(actual, score):
    assert_outcome(_score(_THREE, "6", None, actual), score=score)


_AS_CONDITION = "城市、县城≥95%,农村≥85%,得10分;城市、县城每低1%扣1分,农村每低1%扣0.5分"


@pytest.mark.parametrize(("actual", "score"), [("农村80%", "7.5"), ("县城90%", "5"), ("城市96%", "10")])
def test_category_requirements_as_the_awards_condition(actual, score):
    # the requirements are the condition of 得10分 (no words of their own between): still per category
    assert_outcome(_score(_AS_CONDITION, "10", None, actual), score=score)


def test_category_unit_differs_is_unknown():
    assert_outcome(_score(_AS_CONDITION, "10", None, "乡镇2次"), unknown=True)


def test_shared_step_without_category_stays_unread():
    # one step for all categories: which requirement it counts from is not written — not guessed
    parsed = parse_rule("城市≥95%,农村≥85%,达到要求得10分;每低1%扣1分")
    assert not parsed.ok or evaluate(parsed.rule, None, "农村80%", Decimal(10)).status != "score"


# ---------------------------------------------------------------- groups of clauses under category headings


@pytest.mark.parametrize(("actual", "score"), [
    ("山区县覆盖320户", "10"),  # 山区: ≥300户
    ("丘陵覆盖260户", "8"),  # 丘陵地区: 241-270户
    ("其它地区覆盖420户", "9"),  # 其它地区, said in those words: 400-449户
    ("覆盖100户", "0"),  # below both groups' last band: 0 either way
])
def test_corpus_region_groups(actual, score):
    assert_outcome(_score(_line(111), "10", None, actual), score=score)


def test_corpus_region_not_known_gives_both_groups():
    out = _score(_line(111), "10", None, "覆盖320户")  # 山区 group ≥300: 10; 其它 300-349: 7
    assert_outcome(out, range=("7", "10"))
    assert sorted(out.alternatives.values()) == [7, 10]
    assert "category" in [n.code for n in out.notes]


def test_corpus_region_groups_are_read():
    parsed = parse_rule(_line(111))
    assert parsed.ok and not [d for d in parsed.diagnostics if d.code != "P013"]
    heads = [s.text for s in parsed.rule.statements if getattr(s, "heading", False)]
    assert heads[1] == "其它地区" and heads[0].startswith("山区、丘陵地区")


_CITY = "城市:覆盖率达到95%及以上的得10分,90%-94%的得8分,低于90%的不得分。农村:覆盖率达到85%及以上的得10分,80%-84%的得8分,低于80%的不得分"


@pytest.mark.parametrize(("actual", "score"), [("城市92%", "8"), ("农村82%", "8"), ("农村86%", "10"), ("70%", "0")])
def test_city_and_village_groups(actual, score):
    assert_outcome(_score(_CITY, "10", None, actual), score=score)


def test_city_and_village_unknown_row():
    assert_outcome(_score(_CITY, "10", None, "92%"), range=("8", "10"))  # 城市: 8; 农村: 10


_STEPS = "一类县:每少1户扣1分;二类县:每少1户扣0.5分"


def test_groups_of_steps():
    assert_outcome(_score(_STEPS, "5", None, "一类县少3户"), score="2")  # 5 − 3 × 1
    assert_outcome(_score(_STEPS, "5", None, "二类县少3户"), score="3.5")  # 5 − 3 × 0.5
    assert_outcome(_score(_STEPS, "5", None, "少3户"), range=("2", "3.5"))


def test_grade_and_level_headings_are_no_groups():
    # 一级: / 二级: are read by the grammar's heading (bands), not cut as category groups
    assert_outcome(_score("一级:实施后达到95%,得10分;二级:实施后达到85%,得6分", "10", None, "90%"), score="6")
    rule = parse_rule("充分:3分;一般:1.5分;没有:0分").rule
    assert rule is not None and not any(getattr(s, "heading", False) for s in rule.statements)
