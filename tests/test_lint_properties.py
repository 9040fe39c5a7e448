"""Hypothesis properties of the symbolic form and the lint, over every rule we can get:
the rules shipped in rules/*.toml, every corpus phrase that parses, and rule trees generated
from strategies over engine.ruletree.

(a) the fast evaluator (`engine.scoring.evaluate`) and the sympy Piecewise (`engine.lint.form`) give the
    same exact score, range or "unknown" at any target, actual and weight: two independent
    implementations checking each other (Fraction against sympy Rational, no tolerance);
(b) the evaluator's scores stay within [0, ceiling]; the rule as written stays within
    [0, weight] wherever lint does not report rule-unbounded, and every rule-unbounded witness
    really lies outside (a rule with 扣完为止 is never unbounded below);
(c) every step, proportional, band and interpolation rule that lint passes on direction is
    monotone in the indicator's good direction (checked on the evaluator's scores), and every
    rule-direction / rule-nonmonotone witness pair really breaks the order;
(d) printing a rule and parsing it back gives the same tree;
(e) counterexamples found so far are kept as `@example`s and in tests/regressions/lint.toml.

Compiled forms are cached by `engine.lint.form`; analyses here, so the suite stays fast.
"""

from __future__ import annotations

import os
import tomllib
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from engine.language import tree as rt
from engine import values as vals
from engine.lint.analysis import analyse
from engine.scoring import evaluate
from engine.language.parser import parse, parse_rule
from engine.language.printer import to_text
from engine.rulesets import load_ruleset
from engine.lint.form import X, Q, compile_rule
from support import shared

ROOT = Path(__file__).resolve().parents[1]
CORPUS = shared("corpus", "phrases.tsv")
REGRESSIONS = ROOT / "tests" / "regressions" / "lint.toml"

# LINT_EXAMPLES=3000 pytest tests/test_lint_properties.py hunts harder (the analyses get a seventh)
EXAMPLES = int(os.environ.get("LINT_EXAMPLES", "300"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=max(10, EXAMPLES // 7), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# ---------------------------------------------------------------- the rules


def _shipped() -> list[tuple]:
    """(label, rule, weight, targets, indicator, direction) for every shipped rule."""
    out = []
    for path in sorted((ROOT / "rules").glob("*.toml")):
        for entry in load_ruleset(path).rules:
            parsed = parse_rule(entry.effective_text)
            if not parsed.ok:
                continue
            targets = tuple(dict.fromkeys(e.target for e in entry.examples)) or (None,)
            out.append((f"{path.name}:{entry.id}", parsed.rule, Decimal(entry.weight), targets,
                        entry.indicator, entry.direction))
    return out


def _corpus() -> list[rt.Rule]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[1:]
    parsed = [parse_rule(line.split("\t")[0]) for line in lines if line.strip()]
    return [p.rule for p in parsed if p.ok]


SHIPPED = _shipped()
CORPUS_RULES = _corpus()

TARGET_CELLS = [None, "35", "91%", "≥90%", "90%以上", "≤100%", "100%", "≥100%", "0", "≤0", "≤20天", "350万元",
                "12项", "Ⅱ类", "2", "省定目标", "80%-90%", "财政预算内"]

# ---------------------------------------------------------------- generated rule trees

amounts = st.decimals(min_value=Decimal("0.1"), max_value=10, places=1)
bounds = st.integers(min_value=0, max_value=150).map(Decimal)
sizes = st.sampled_from([Decimal(v) for v in ("0.5", "1", "2", "3", "5", "10", "20")])
points_or_full = st.one_of(st.none(), st.integers(min_value=1, max_value=12).map(Decimal))

STEP_VERBS = [("decrease", "减少"), ("decrease", "下降"), ("decrease", "低于"), ("increase", "超过"),
              ("increase", "增加"), ("increase", "超出"), ("deviation", "相差")]


@st.composite
def step_rules(draw) -> rt.Rule:
    direction, verb = draw(st.sampled_from(STEP_VERBS))
    base = draw(bounds)
    statements: list = []
    threshold = None
    if draw(st.booleans()):
        op = draw(st.sampled_from(["reach", "stated", ">=", "<=", ">", "<", "="]))
        statements.append(rt.Award(rt.Compare(op, rt.Quantity(base, "%")), rt.Points(draw(points_or_full))))
    elif draw(st.booleans()):
        threshold = rt.Compare(">", rt.Quantity(base, None))
    effect = draw(st.sampled_from(["deduct", "deduct", "deduct", "add"]))
    statements.append(rt.Step(direction, verb, rt.Quantity(draw(sizes), "%"), draw(amounts), effect=effect,
                              threshold=threshold))
    if draw(st.booleans()):
        statements.append(rt.Floor())
    if draw(st.booleans()):
        statements.append(rt.DeductionCap(draw(st.integers(min_value=1, max_value=15).map(Decimal))))
    if effect == "add" and draw(st.booleans()):
        statements.append(rt.Cap())
    if draw(st.integers(min_value=0, max_value=4)) == 0:  # a second band the steps read past
        statements.append(rt.Award(rt.Compare("<", rt.Quantity(draw(bounds), "%")), rt.Points(Decimal(0))))
    return rt.Rule(tuple(statements))


@st.composite
def count_rules(draw) -> rt.Rule:
    kind = draw(st.sampled_from([("occurrence", "出现", "例", "不符合要求的"), ("decrease", "少", "项", None),
                                 ("increase", "增加", "项", None)]))
    statements = [rt.Step(kind[0], kind[1], rt.Quantity(Decimal(1), kind[2]), draw(amounts), what=kind[3])]
    if draw(st.booleans()):
        statements.append(rt.Floor())
    return rt.Rule(tuple(statements))


def _closed():
    return st.sampled_from([True, False, None])


@st.composite
def band_rules(draw) -> rt.Rule:
    cuts = sorted(set(draw(st.lists(bounds, min_size=2, max_size=5))))
    assume(len(cuts) >= 2)
    absolute = draw(st.integers(min_value=0, max_value=5)) == 0
    unit = "%"
    awards = []
    for lo, hi in zip(cuts, cuts[1:]):
        if draw(st.integers(min_value=0, max_value=5)) == 0:
            continue  # a hole
        awards.append(rt.Award(rt.Between(rt.Quantity(lo, unit), rt.Quantity(hi, unit), draw(_closed()), draw(_closed()),
                                          absolute=absolute), rt.Points(draw(points_or_full))))
    if draw(st.booleans()) and not absolute:
        awards.append(rt.Award(rt.Compare(draw(st.sampled_from([">=", ">", "stated", "reach"])), rt.Quantity(cuts[-1], unit)),
                               rt.Points(draw(points_or_full))))
    if draw(st.booleans()):
        ops = ["<", "<="] if absolute else ["<", "<=", "="]
        awards.append(rt.Award(rt.Compare(draw(st.sampled_from(ops)), rt.Quantity(cuts[0], unit), absolute=absolute),
                               rt.Points(Decimal(draw(st.integers(0, 3))))))
    awards = draw(st.permutations(awards))
    assume(len(awards) >= 2)
    if draw(st.integers(min_value=0, max_value=4)) == 0:
        awards = list(awards) + [rt.Award(rt.Otherwise(), rt.Points(Decimal(0)))]
    return rt.Rule(tuple(awards))


@st.composite
def proportional_rules(draw) -> rt.Rule:
    if draw(st.integers(min_value=0, max_value=4)) == 0:
        return rt.Rule((rt.Proportional(weight=draw(st.sampled_from([Decimal(10), Decimal(20)]))),))
    statements: list = []
    applies = draw(st.sampled_from([None, ">=", "<="]))
    if applies:
        statements.append(rt.Applies(applies))
    statements.append(rt.Proportional(reverse=draw(st.booleans())))
    if draw(st.booleans()):
        statements.append(rt.Cap())
    return rt.Rule(tuple(statements))


@st.composite
def interpolate_rules(draw) -> rt.Rule:
    lo, hi = sorted(draw(st.lists(bounds, min_size=2, max_size=2, unique=True)))
    top, bottom = draw(points_or_full), Decimal(draw(st.integers(0, 2)))
    ops = draw(st.sampled_from([(">=", "<"), (">", "<="), ("<=", ">")]))
    return rt.Rule((rt.Award(rt.Compare(ops[0], rt.Quantity(hi if ops[0] != "<=" else lo, "%")), rt.Points(top)),
                    rt.Award(rt.Compare(ops[1], rt.Quantity(lo if ops[0] != "<=" else hi, "%")), rt.Points(bottom)),
                    rt.Proportional(scope=rt.Between(rt.Quantity(lo, "%"), rt.Quantity(hi, "%")),
                                    effect=draw(st.sampled_from(["score", "deduct"])))))


generated_rules = st.one_of(step_rules(), count_rules(), band_rules(), proportional_rules(), interpolate_rules())

targets = st.one_of(
    st.sampled_from(TARGET_CELLS),
    st.builds(lambda n, c, u: f"{c}{n}{u}", st.integers(min_value=1, max_value=150),
              st.sampled_from(["", "≥", "≤"]), st.sampled_from(["", "%"])),
)
weights = st.sampled_from([Decimal(v) for v in ("1", "2.5", "3", "5", "6", "8", "10", "20")])
partials = st.sampled_from(["floor", "floor", "proportional", "ceiling"])


@st.composite
def cases(draw) -> tuple:
    """(rule, weight, target cell, indicator, direction, partial) from all three sources."""
    source = draw(st.sampled_from(["shipped", "corpus", "generated", "generated"]))
    if source == "shipped" and SHIPPED:
        _, rule, weight, cells, indicator, direction = draw(st.sampled_from(SHIPPED))
        return rule, weight, draw(st.sampled_from(cells)), indicator, direction, draw(partials)
    if source == "corpus":
        rule = draw(st.sampled_from(CORPUS_RULES))
    else:
        rule = draw(generated_rules)
    direction = draw(st.sampled_from([None, None, "higher", "lower"]))
    return rule, draw(weights), draw(targets), None, direction, draw(partials)


def actuals(form) -> st.SearchStrategy[Decimal]:
    """Any actual, and actuals on and around every number the rule states (the boundaries)."""
    stated = [Decimal(int(t.p)) / Decimal(int(t.q)) for t in form.thresholds if _terminates(t)]
    near = [t + d for t in stated for d in (Decimal(0), Decimal("0.5"), Decimal(-1), Decimal(1),
                                             Decimal("-0.01"), Decimal("0.01"))]
    near = [v for v in near if v >= 0 and v == v.quantize(Decimal("0.0001"))]
    anywhere = st.decimals(min_value=0, max_value=300, places=2)
    return st.one_of(anywhere, st.sampled_from(near)) if near else anywhere


def _terminates(r) -> bool:
    q = int(r.q)
    for p in (2, 5):
        while q % p == 0:
            q //= p
    return q == 1


def _form(case):
    rule, weight, target, indicator, direction, partial = case
    return compile_rule(rule, weight, target, partial=partial, indicator=indicator, direction=direction)


@lru_cache(maxsize=2048)
def _analysis(rule, weight, target, indicator, direction, partial):
    form = compile_rule(rule, weight, target, partial=partial, indicator=indicator, direction=direction)
    return form, analyse(form, indicator=indicator, direction=direction, target=target)


def _actual_value(x: Decimal) -> vals.Quantity:
    return vals.Quantity(x, None, "=", format(x, "f"))


# ---------------------------------------------------------------- (a) two implementations agree


def _agree(case, x: Decimal) -> None:
    rule, weight, target, indicator, direction, partial = case
    form = _form(case)
    assume(form.numeric)
    outcome = evaluate(rule, target, _actual_value(x), weight, partial=partial, indicator=indicator,
                       direction=direction)
    status, value = form.at(x)
    where = (to_text(rule), weight, target, x, partial, indicator, direction)
    if status == "range" and value[0] == value[1]:  # the clamps close the range: the evaluator says one score
        assert (outcome.status, outcome.score) == ("score", value[0]), (where, outcome.status, value)
        return
    assert outcome.status == status, (where, outcome.status, outcome.reason, status, value)
    if status == "score":
        symbolic = form.score.subs(X, Q(x))
        assert sp.Rational(outcome.score.numerator, outcome.score.denominator) == symbolic, (where, outcome.score, symbolic)
    elif status == "range":
        assert (outcome.low, outcome.high) == value, (where, outcome.low, outcome.high, value)


@FAST
@given(st.data(), cases())
@example(data=None, case=(parse("利用率达到91%，记6分，每减少1%扣0.5分。"), Decimal(5), "91", None, None, "floor"))
@example(data=None, case=(parse("项目投资计划完成率，100%：5分；90-100%：3分；70-90%：1分；70%以下：0分"), Decimal(5),
                          "100%", None, None, "floor"))
@example(data=None, case=(parse("1%(含)-2%(含)，记2分；<0%，记1分"), Decimal(1), None, None, None, "floor"))
def test_evaluator_and_piecewise_give_the_same_exact_score(data, case):
    form = _form(case)
    assume(form.numeric)
    if data is None:  # an @example: every boundary of the rule
        for t in form.thresholds:
            for d in (Decimal(-1), Decimal(0), Decimal("0.5")):
                v = Decimal(int(t.p)) / Decimal(int(t.q)) + d
                if v >= 0 and v == v.quantize(Decimal("0.01")):
                    _agree(case, v)
        return
    for _ in range(3):
        _agree(case, data.draw(actuals(form)))


# ---------------------------------------------------------------- (b) bounded exactly when lint says so


def _written_at(form, x) -> sp.Expr | None:
    for piece in form.pieces:
        if piece.kind == "score" and piece.where.contains(x) is sp.true:
            return form.as_written(piece.expr).subs(X, x).doit()
    return None


@SLOW
@given(st.data(), cases())
def test_scores_stay_in_range_and_lint_reports_unbounded_exactly_where_they_do_not(data, case):
    rule, weight, target, indicator, direction, partial = case
    form, analysis = _analysis(*case)
    assume(form.numeric)
    kinds = {(f.kind, f.extra.get("side")) for f in analysis.findings}
    assume(not analysis.unproved)
    limit = form.ceiling if form.stated_full is None else max(form.ceiling, form.stated_full)
    for f in analysis.findings:
        if f.kind != "rule-unbounded":
            continue
        value = _written_at(form, Q(f.witness))
        if f.extra["side"] == "below":
            assert not form.floor and value < 0, (to_text(rule), f.witness, value)
        else:
            assert form.cap is None and value > limit, (to_text(rule), f.witness, value, limit)
    for _ in range(4):
        x = data.draw(actuals(form))
        outcome = evaluate(rule, target, _actual_value(x), weight, partial=partial, indicator=indicator,
                           direction=direction)
        for v in (outcome.score, outcome.low, outcome.high):
            if v is not None:
                assert 0 <= v <= Fraction(int(form.ceiling.p), int(form.ceiling.q))
        value = _written_at(form, Q(x))
        if value is None or Q(x) not in form.domain:
            continue
        if value < 0:
            assert ("rule-unbounded", "below") in kinds, (to_text(rule), weight, target, x, value)
        if value > limit:
            assert ("rule-unbounded", "above") in kinds, (to_text(rule), weight, target, x, value)
        if form.floor:
            assert value >= 0


# ---------------------------------------------------------------- (c) monotone where lint passes


def _scored(case, x: Decimal):
    rule, weight, target, indicator, direction, partial = case
    outcome = evaluate(rule, target, _actual_value(x), weight, partial=partial, indicator=indicator,
                       direction=direction)
    return outcome.score if outcome.status == "score" else None


def domain_actuals(form) -> st.SearchStrategy[Decimal]:
    """Actuals the rule is defined on: a class rank (Ⅰ类 = 1 … 劣Ⅴ类 = 6) for a water-class rule,
    otherwise any actual and the ones around its boundaries (every x ≥ 0 is in the half line)."""
    if isinstance(form.domain, sp.FiniteSet):
        return st.sampled_from(sorted(Decimal(int(v)) for v in form.domain))
    return actuals(form)


@SLOW
@given(st.data(), cases())
@example(data=None, case=(parse("平均浓度达到35微克/立方米，记10分，每减少1微克/立方米，扣0.5分。"), Decimal(10), "35",
                          "细颗粒物平均浓度", None, "floor"))
def test_rules_lint_passes_are_monotone_in_the_good_direction(data, case):
    """Every example checks one of the two halves of (c): a rule lint flags has witness pairs
    that really break the order (as written, and the evaluator never contradicts them); a rule
    lint passes scores, on at least one pair of distinct actuals in its domain, in the good
    direction, or where none is known in the shape lint proved (increasing, decreasing,
    constant). An example with no scored pair is rejected by `assume`, never passed silently."""
    form, analysis = _analysis(*case)
    assume(form.numeric and form.shape in ("step", "proportional", "bands", "interpolate", "threshold"))
    assume(not analysis.unproved)
    flagged = [f for f in analysis.findings if f.kind in ("rule-direction", "rule-nonmonotone")]
    for f in flagged:  # every witness pair really breaks the order
        better, worse = Q(f.extra["better"]), Q(f.extra["worse"])
        assert _written_at(form, better) < _written_at(form, worse), (to_text(form.rule), better, worse)
        if _terminates(better) and _terminates(worse):  # the evaluator clamps, it never reverses
            sb, sw = (_scored(case, Decimal(int(v.p)) / Decimal(int(v.q))) for v in (better, worse))
            if sb is not None and sw is not None:
                assert sb <= sw, (to_text(form.rule), case[1:], better, sb, worse, sw)
    if data is None:
        assert flagged and flagged[0].kind == "rule-direction" and flagged[0].witness == Decimal(34)
        return
    if flagged:
        event("lint flags the direction: witness pairs checked")
        return
    # lint passes: scores follow the good direction, or (no good direction known) the shape lint
    # proved, "increasing", "decreasing" or "constant"
    order = analysis.good or analysis.monotone
    assert order in ("higher", "lower", "closer", "increasing", "decreasing", "constant"), order
    xs = sorted(data.draw(st.lists(domain_actuals(form), min_size=3, max_size=5, unique=True)))
    compared = 0
    for a, b in ((a, b) for i, a in enumerate(xs) for b in xs[i + 1:]):
        sa, sb = _scored(case, a), _scored(case, b)
        if sa is None or sb is None:
            continue
        where = (to_text(form.rule), case[1:], order, a, sa, b, sb)
        if order in ("higher", "increasing"):
            assert sa <= sb, where
        elif order in ("lower", "decreasing"):
            assert sa >= sb, where
        elif order == "constant":
            assert sa == sb, where
        elif b <= analysis.centre:  # closer to the centre is better
            assert sa <= sb, where
        elif a >= analysis.centre:
            assert sa >= sb, where
        else:
            continue  # a and b on either side of the centre: no order between them
        compared += 1
    assume(compared)
    event(f"lint passes ({order}): monotone on {'one pair' if compared == 1 else 'several pairs'}")


# ---------------------------------------------------------------- (d) print → parse


@FAST
@given(st.one_of(st.sampled_from([r for _, r, *_ in SHIPPED] or [parse("达到90%，记5分")]),
                 st.sampled_from(CORPUS_RULES), generated_rules))
def test_print_then_parse_is_the_identity(rule):
    text = to_text(rule)
    again = parse_rule(text)
    assert again.ok, (text, again.diagnostics)
    assert again.rule == rule, (text, rule, again.rule)


# ---------------------------------------------------------------- (e) regressions


def _regressions() -> list[dict]:
    if not REGRESSIONS.exists():
        return []
    return tomllib.loads(REGRESSIONS.read_text(encoding="utf-8")).get("case", [])


@pytest.mark.parametrize("case", _regressions(), ids=lambda c: c["id"])
def test_regression(case):
    rule = parse(case["text"])
    form = compile_rule(rule, Decimal(case["weight"]), case.get("target"), partial=case.get("partial", "floor"),
                        indicator=case.get("indicator"), direction=case.get("direction"))
    for actual in case.get("actuals", []):
        x = Decimal(actual)
        outcome = evaluate(rule, case.get("target"), _actual_value(x), Decimal(case["weight"]),
                           partial=case.get("partial", "floor"), indicator=case.get("indicator"),
                           direction=case.get("direction"))
        status, value = form.at(x)
        assert outcome.status == status
        if status == "score":
            assert outcome.score == value
    if "codes" in case:
        analysis = analyse(form, indicator=case.get("indicator"), direction=case.get("direction"),
                           target=case.get("target"))
        assert sorted(f.code for f in analysis.findings) == sorted(case["codes"])
        for code, witness in case.get("witnesses", {}).items():
            assert Decimal(witness) in {f.witness for f in analysis.findings if f.code == code}


# ---------------------------------------------------------------- evaluator bugs the lint found
# Each pins an input where engine.scoring.evaluate once disagreed with the rule as written (and with its
# piecewise form); they were strict xfails until the evaluator was fixed, and stay as regressions.


@pytest.mark.parametrize("text, expected", [("达到90%，记5分；未达到90%，不得分", Fraction(0)),
                                            ("达到90%记5分，未达到90%的，每减少1%扣0.5分", Fraction(0))])
def test_evaluator_reads_not_reach(text, expected):
    rule = parse(text)
    assert compile_rule(rule, Decimal(5), "90%").at(Decimal(80)) == ("score", expected)  # the form's reading
    assert evaluate(rule, "90%", "80%", Decimal(5)).score == expected


def test_evaluator_keeps_a_cap_below_the_weight():
    rule = parse("按完成比例计算得分，最高得3分")
    assert compile_rule(rule, Decimal(5), "≥90%").written.subs(X, 100) == 3
    assert evaluate(rule, "≥90%", "100%", Decimal(5)).score == 3


def test_evaluator_applies_a_band_written_after_the_steps():
    rule = parse("满意度90%以上记10分，每下降5%扣0.5分；低于60%不得分")
    assert evaluate(rule, "≥90%", "50%", Decimal(10)).score == 0


def test_evaluator_reads_reach_upwards_when_a_subject_merely_contains_a_cost_word():
    rule = parse("重点支出安排率达到90%，计5分；80%(含)-90%，计4分；低于80%不得分")
    assert [evaluate(rule, "90%", a, Decimal(5)).score for a in ("95%", "85%", "50%")] == [5, 4, 0]
