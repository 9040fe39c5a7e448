"""Properties of rule evaluation: never an exception, never below 0 or above the weight
(unless the rule raises its own ceiling), exact numbers only."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.language import tree as rt
from engine.scoring import evaluate
from engine.scoring.shape import score_ceiling
from engine.language.parser import parse_rule
from support import shared

CORPUS = shared("corpus", "phrases.tsv")
PHRASES = [line.split("\t")[0] for line in CORPUS.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
RULES = [r.rule for r in map(parse_rule, PHRASES) if r.ok]

numbers = st.decimals(min_value=0, max_value=500, places=2, allow_nan=False, allow_infinity=False)
units = st.sampled_from(["", "%", "个", "万元", "天"])
cells = st.one_of(st.none(), st.builds(lambda n, u: f"{n}{u}", numbers, units),
                  st.sampled_from(["完成", "未完成", "基本完成", "省定目标", "≥90%", "≤15日", "Ⅲ类", "90%以上"]))
weights = st.decimals(min_value=1, max_value=30, places=1, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(st.data(), cells, cells, weights)
def test_corpus_rules_stay_within_zero_and_the_weight(data, target, actual, weight):
    rule = data.draw(st.sampled_from(RULES))
    outcome = evaluate(rule, target, actual, weight)
    ceiling = score_ceiling(rule, Fraction(weight))
    for value in (outcome.score, outcome.low, outcome.high, *outcome.alternatives.values()):
        if value is not None:
            assert isinstance(value, Fraction)
            assert 0 <= value <= ceiling, (rule.text, target, actual, weight, outcome)
    assert outcome.status in ("score", "range", "unknown")
    assert (outcome.reason is not None) == (outcome.status == "unknown")


directions = st.sampled_from([("减少", "decrease"), ("下降", "decrease"), ("超过", "increase"), ("超支", "increase")])


@settings(max_examples=300, deadline=None)
@given(numbers, st.decimals(min_value=Decimal("0.5"), max_value=20, places=1), st.decimals(min_value=Decimal("0.1"), max_value=5, places=1),
       directions, weights, numbers, st.booleans())
def test_generated_step_rules_stay_within_zero_and_the_weight(base, size, points, verb, weight, actual, floor):
    statements = [
        rt.Award(rt.Compare("reach", rt.Quantity(base, "%")), rt.Points(weight)),
        rt.Step(verb[1], verb[0], rt.Quantity(size, "%"), points),
    ]
    if floor:
        statements.append(rt.Floor())
    rule = rt.Rule(tuple(statements))
    outcome = evaluate(rule, f"{base}%", f"{actual}%", weight)
    assert outcome.status == "score"
    assert 0 <= outcome.score <= Fraction(weight)
    # monotone in the penalised direction: a worse actual never scores more
    worse = actual - size if verb[1] == "decrease" else actual + size
    if worse >= 0:
        assert evaluate(rule, f"{base}%", f"{worse}%", weight).score <= outcome.score
