"""The rule grammar reads the lexicon's lists, and reads every word of them alike.

engine/language/rule.lark names lexicon keys in braces ({units.rule}); engine.language.grammar
fills them when it loads. These tests check that every key named exists, and that every word
of the lists reads in the grammar as the Python (direction of a step, op of a comparator,
canonical unit) says it does — including the Chinese-numeral forms (每减少十微克/立方米).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from engine import lexicon
from engine.language import grammar
from engine.language import tree as rt
from engine.language.parser import parse, parse_rule


def test_every_placeholder_is_a_lexicon_list() -> None:
    keys = grammar.placeholders()
    assert "units.rule" in keys and "steps.increase" in keys
    for key in keys:
        assert lexicon.words(key), key
    assert not re.search(r"\{[a-z_]+\.", grammar.grammar_text())


def _step(text: str) -> rt.Step:
    rule = parse(text)
    (step,) = rule.of(rt.Step)
    return step


_DIRECTIONS = [
    ("decrease", ("steps.decrease", "comparators.rule.lt_step")),
    ("increase", ("steps.increase", "comparators.rule.gt_step")),
    ("deviation", ("steps.deviation",)),
    ("occurrence", ("steps.occurrence",)),
]


@pytest.mark.parametrize(("direction", "verb"), [(d, v) for d, keys in _DIRECTIONS for k in keys for v in lexicon.words(k)])
def test_every_step_verb_reads_in_its_direction(direction: str, verb: str) -> None:
    step = _step(f"每{verb}1天扣1分")
    assert (step.verb, step.direction) == (verb, direction)


def test_delay_is_an_increase() -> None:
    # 延迟 was an increase to the grammar and an occurrence to the Python before the lexicon
    for verb in ("延迟", "逾期", "推迟", "拖延", "滞后"):
        assert _step(f"每{verb}1天扣1分").direction == "increase"


_OPS = {"ge": ">=", "le": "<=", "gt": ">", "lt": "<", "eq": "=", "reach": "reach", "not_reach": "not_reach",
        "lt_step": "<", "gt_step": ">"}


@pytest.mark.parametrize(("key", "word"), [(k, w) for k in _OPS for w in lexicon.words(f"comparators.rule.{k}")])
def test_every_comparator_reads_as_its_op(key: str, word: str) -> None:
    rule = parse(f"{word}90%，记5分")
    (award,) = rule.of(rt.Award)
    assert isinstance(award.condition, rt.Compare)
    assert (award.condition.op, award.condition.word) == (_OPS[key], word)


@pytest.mark.parametrize("unit", lexicon.words("units.rule"))
def test_every_unit_reads_after_digits_and_chinese_numerals_alike(unit: str) -> None:
    canonical = lexicon.spellings("units.spellings").get(unit, unit)
    digits = _step(f"每减少10{unit}扣1分")
    assert digits.size == rt.Quantity(Decimal(10), canonical)
    assert _step(f"每减少十{unit}扣1分") == digits
    assert parse(f"达到两{unit}，记5分") == parse(f"达到2{unit}，记5分")


@pytest.mark.parametrize(("chinese", "digits"), [
    ("每减少十微克/立方米扣1分", "每减少10微克/立方米扣1分"),
    ("每降低五个百分点扣1分", "每降低5个百分点扣1分"),
    ("每超过两天扣0.5分", "每超过2天扣0.5分"),
    ("每增加十毫克/升，扣0.5分", "每增加10毫克/升，扣0.5分"),
    ("平均浓度达到三十五微克/立方米，记10分，每减少一微克/立方米，扣0.5分。",
     "平均浓度达到35微克/立方米，记10分，每减少1微克/立方米，扣0.5分。"),
    ("每延迟两个工作日扣1分", "每延迟2个工作日扣1分"),
    ("每少三项扣1分", "每少3项扣1分"),
    ("每超出半个月扣1分", "每超出0.5个月扣1分"),
])
def test_a_chinese_numeral_reads_like_its_digits(chinese: str, digits: str) -> None:
    assert parse_rule(chinese).ok and parse(chinese) == parse(digits)


def test_a_longer_unit_wins_over_its_prefix() -> None:
    assert _step("每超过3个月扣1分").size == rt.Quantity(Decimal(3), "个月")
    assert _step("每超过3个月扣1分").what is None


@pytest.mark.parametrize(("name", "rank"), [(n, r) for k in ("classes.roman", "classes.latin")
                                            for n, r in lexicon.ranks(k).items()])
def test_every_class_name_reads_as_its_rank(name: str, rank: int) -> None:
    (award,) = parse(f"水质达到{name}类，记5分").of(rt.Award)
    assert isinstance(award.condition, rt.Compare) and award.condition.operand == rt.ClassLevel(rank)


def test_only_the_fifth_class_has_a_worse() -> None:
    assert not parse_rule("达到劣Ⅲ类，记5分").ok  # was read as 劣Ⅴ (rank 6)


def test_a_long_run_of_numerals_never_hangs() -> None:
    """CN_NUMBER looks ahead for a unit; an unbounded numeral made every position rescan the run
    (20 000 × 一 took ~19 s). A numeral is at most 12 characters before its unit, so the parse is
    linear: bench/parse_bench.py measures that; this test only guards against the hang, with a
    bound (20 s in a subprocess) far above the linear time and below nothing a loaded machine does."""
    import subprocess
    import sys

    code = "from engine.language.parser import parse_rule; parse_rule('一' * 20000)"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=20)
