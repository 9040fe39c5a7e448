"""Hypothesis properties of the parser and the printer.

(a) any text is read without an exception other than our own: `parse_rule` always returns a
    `ParseResult` whose diagnostics lie inside the text, and `parse` raises only
    `RuleSyntaxError`;
(b) every corpus phrase that parses prints to canonical text that parses back to the same tree;
(c) rule trees generated from `engine.language.tree` nodes print to text that parses back to them.

The inputs that once crashed the parser (malformed numerals, an applicability note followed
by another or by a limit) are kept below as regression cases; no input is set aside.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from engine.language import tree as rt

from engine.language.parser import ParseResult, RuleSyntaxError, parse, parse_rule
from engine.language import printer as printer
from engine.language.printer import number, to_text
from support import shared

CORPUS = shared("corpus", "phrases.tsv")
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _corpus_phrases() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t")[0] for line in lines if line.strip()]


# ---------------------------------------------------------------- former crashes, kept as regressions

@pytest.mark.parametrize("text", ["一一个，记5分", "每减少1%扣一一分", "百分之点，记5分"])
def test_malformed_chinese_numeral_is_a_diagnostic_not_an_exception(text):
    result = parse_rule(text)
    assert not result.ok and result.diagnostics


@pytest.mark.parametrize("text", ["(指标值≤*)(指标值≤*)", "(指标值≤*)扣完为止", "(指标值为≥*)满分为止"])
def test_applies_followed_by_applies_or_limit_does_not_raise(text):
    result = parse_rule(text)
    assert isinstance(result, ParseResult)


# ---------------------------------------------------------------- (a) never raises

_RULE_CHARS = "，；。、：:()（）%±≥≤<>=-每扣记得分满以上下内含"
_ALPHABET = st.one_of(
    st.sampled_from(_RULE_CHARS),
    st.sampled_from("0123456789０１２３４５６７８９％．一二两三十百千点零ⅠⅡⅢⅣⅤ劣类项个"),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),  # full-width ASCII
)
# pieces of real rules, so that generated text gets deep into the grammar
_PIECES = [
    "每", "减少", "增加", "超过", "下降", "出现", "扣", "记", "计", "得", "分", "满分", "为止",
    "扣完为止", "最低为零分", "扣满", "最多扣", "最高", "满分为止", "不得分", "按满分计算",
    "一", "两", "十", "百分之五", "个", "项", "类", "%", "个百分点", "微克/立方米", "万元", "Ⅱ类",
    "劣Ⅴ类", "达到", "以上", "以下", "以内", "(含)", "(不含)", "-", "±", "，", "；", "。", "、",
    "：", "|", "按比例减分", "按完成比例计算得分", "得分(", "20分*执行率)", "①", "否则",
    "0.5", "1", "35", "100", "或", "目标值", "x", "<", "≤", "≥", ">", "=", "酌情扣分", "以",
    "为标准", "(指标值≤*)", "全年实际值/年度指标值*该指标分值", "在", "标准分基础上", "有提升",
    "无特殊原因", "该项", "的", "未",
]
ANY_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=_ALPHABET, max_size=40),
    st.lists(st.sampled_from(_PIECES), max_size=16).map("".join),
)


@SETTINGS
@given(ANY_TEXT)
@example("")
@example("水体标准达到Ⅱ类，记10分，每下降一类扣1分，Ⅰ类")
def test_parse_rule_never_raises_and_spans_lie_inside(text):
    result = parse_rule(text)
    assert isinstance(result, ParseResult)
    for d in result.diagnostics:
        assert 0 <= d.start <= d.end <= len(text), d
        assert d.severity in ("error", "warning", "info")
    if result.ok:
        assert result.rule is not None


@SETTINGS
@given(ANY_TEXT)
def test_parse_raises_only_rule_syntax_error(text):
    try:
        rule = parse(text)
    except RuleSyntaxError as exc:
        assert exc.diagnostic.severity == "error"
        assert 0 <= exc.diagnostic.start <= exc.diagnostic.end <= len(text)
    else:
        assert isinstance(rule, rt.Rule)


# ---------------------------------------------------------------- (b) corpus print -> parse

@pytest.mark.parametrize("phrase", [p for p in _corpus_phrases() if parse_rule(p).rule is not None])
def test_corpus_phrase_print_parse_identity(phrase):
    rule = parse_rule(phrase).rule
    again = parse_rule(to_text(rule))
    assert again.rule == rule, to_text(rule)


def test_absolute_at_least_band_round_trips():
    rule = parse("±10%以内得5分，±10-15%以内得3分，±15%以上不得分")
    assert parse(to_text(rule)) == rule


# ---------------------------------------------------------------- (c) generated trees

def _norm(value: Decimal) -> Decimal:
    return Decimal(number(value))


NUM = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False).map(_norm)
UNITS = [None, "%", "百分点", "微克/立方米", "万元", "个", "项", "类", "天", "日", "工作日", "人", "次",
         "处", "例", "公斤"]
WORDS = ["有提升", "无改善", "合格", "完成", "明确"]
CONTEXTS = ["无特殊原因", "二者择其一进行考核"]
REFERENCES = ["年度指标值", "目标值", "计划值", "省定目标", "上年结转", "预算数", "国家标准"]
VERBS = {"decrease": ["减少", "下降", "降低", "低于", "少", "缺少"],
         "increase": ["增加", "超过", "超出", "超支", "上升", "高于", "提高", "多"],
         "deviation": ["相差", "偏离", "偏差"],
         "occurrence": ["出现", "发现", "发生", "有"]}
DISCRETIONARY = ["酌情扣分", "酌情减分", "酌情给分", "视情况扣分", "视情扣分"]

maybe_word = st.none() | st.sampled_from(WORDS)
# 完成 is also a comparator (完成90% = reach 90%), so it cannot be printed as the subject right
# before a bare value: see test_subject_wan_cheng_before_value_collides below.
maybe_subject = st.none() | st.sampled_from([w for w in WORDS if w != "完成"])


@st.composite
def quantities(draw, unit=st.sampled_from(UNITS)):
    return rt.Quantity(draw(NUM), draw(unit))


@st.composite
def compares(draw):
    op = draw(st.sampled_from(["reach", "=", ">=", ">", "<=", "<", "stated"]))
    absolute = op in ("<=", "<") and draw(st.booleans())
    kinds = ["quantity"] if absolute else ["quantity", "class"] + ([] if op == "stated" else ["reference"])
    kind = draw(st.sampled_from(kinds))
    if kind == "quantity":
        # a count of 类 in a comparison is read as a water class (达到二类 = 达到Ⅱ类): the parser
        # never builds Compare(Quantity(n, "类")), so neither does the generator
        operand = draw(quantities(unit=st.sampled_from([u for u in UNITS if u != "类"])))
    elif kind == "class":
        operand = rt.ClassLevel(draw(st.integers(1, 6)))
    else:
        operand = rt.Reference(draw(st.sampled_from(REFERENCES)))
    subject = draw(maybe_subject if op == "stated" or absolute else maybe_word)
    return rt.Compare(op, operand, subject=subject, tail=draw(maybe_word), absolute=absolute)


@st.composite
def betweens(draw):
    unit = draw(st.sampled_from(UNITS))
    closed = st.sampled_from([None, True, False])
    # the parser puts the low end first (99%-90% is 90%-99%), so the generator does too
    low, high = sorted((draw(NUM), draw(NUM)))
    return rt.Between(rt.Quantity(low, unit), rt.Quantity(high, unit),
                      low_closed=draw(closed), high_closed=draw(closed), absolute=draw(st.booleans()),
                      subject=draw(maybe_subject), tail=draw(maybe_word))


conditions = st.sampled_from(WORDS).map(rt.Condition)
predicates = st.one_of(compares(), betweens(), conditions)
# a proportional scope is printed right before its formula, which may start with 年度指标值
scopes = st.one_of(compares(), betweens(), st.sampled_from([w for w in WORDS if w != "完成"]).map(rt.Condition))
points = st.one_of(st.just(rt.Points(None)), NUM.map(rt.Points))

awards = st.one_of(
    st.builds(rt.Award, st.none() | predicates, points),
    st.builds(rt.Award, st.just(rt.Otherwise()), points),
)


def nonzero_quantities():
    return quantities().filter(lambda q: q.value != 0)


@st.composite
def steps(draw):
    direction = draw(st.sampled_from(sorted(VERBS)))
    return rt.Step(
        direction=direction,
        verb=draw(st.sampled_from(VERBS[direction])),
        size=draw(nonzero_quantities()),  # a step of 0 is P011, not a rule (engine.language.widths)
        points=draw(NUM),
        effect=draw(st.sampled_from(["deduct", "add"])),
        subject=draw(maybe_word),
        # occurrences are counted, never measured from a reference (每出现一例; no rule writes 每出现目标值)
        reference=None if direction == "occurrence" else draw(st.none() | st.sampled_from(REFERENCES).map(rt.Reference)),
        alt_size=draw(st.none() | nonzero_quantities()),
        what=draw(maybe_word),
        base=draw(st.none() | NUM),
        # a bare value before a step is a description, not where the steps start (查看最近连续两年资料)
        threshold=draw(st.none() | compares().filter(lambda c: c.op != "stated")),
    )


# The printer joins a scope to its formula with no separator; the reverse formula starts with
# 年度指标值, which a preceding bare number reads as the unit 年 and a preceding 完成 as 完成 +
# reference: see test_reverse_formula_after_scope_collides below.
reverse_scopes = scopes.filter(lambda p: not re.search(r"(\d|完成)$", printer.predicate(p)))

proportionals = st.one_of(
    st.builds(rt.Proportional, scope=st.none() | scopes),
    st.builds(rt.Proportional, reverse=st.just(True), scope=st.none() | reverse_scopes),
    st.builds(rt.Proportional, effect=st.just("deduct"), scope=st.none() | scopes),
    st.builds(rt.Proportional, weight=NUM, scope=st.none() | scopes),
)
limits = st.one_of(
    st.just(rt.Floor()),
    NUM.map(rt.DeductionCap),
    st.just(rt.Cap()),
    NUM.map(lambda p: rt.Cap(points=p)),
    NUM.map(lambda s: rt.Cap(share=s)),
)
statements = st.one_of(awards, steps(), limits, proportionals,
                       st.sampled_from(DISCRETIONARY).map(rt.Discretionary))


@st.composite
def rules(draw):
    head = [rt.Context(draw(st.sampled_from(CONTEXTS)))] if draw(st.booleans()) else []
    return rt.Rule(tuple(head + draw(st.lists(statements, min_size=1, max_size=6))))


@SETTINGS
@given(rules())
def test_generated_tree_print_parse_identity(rule):
    text = to_text(rule)
    assert parse(text) == rule, text


# ---------------------------------------------------------------- collisions the generator avoids

@pytest.mark.xfail(strict=True, reason="printer/grammar collision: a subject ending in 完成 printed right "
                   "before a bare value reads back as the comparator 完成 (= reach): "
                   "'完成90%，记5分' gives Compare(op='reach', subject=None)")
def test_subject_wan_cheng_before_value_collides():
    rule = rt.Rule((rt.Award(rt.Compare("stated", rt.Quantity(Decimal(90), "%"), subject="完成"),
                             rt.Points(Decimal(5))),))
    assert parse_rule(to_text(rule)).rule == rule


def test_reverse_formula_after_unitless_scope_round_trips():
    rule = parse("变动率>0，年度指标值/全年实际值*该指标分值")
    assert parse_rule(to_text(rule)).rule == rule
