"""One semantics: the sympy form `rescore lint` proves things about is the evaluator itself, run
on a symbolic actual (engine.lint.explore), so the two agree on every shape by construction.

This test checks the construction on every rule we have: each phrase of both shared corpora
that parses and each shipped rule-set entry, at several targets, at the ends and an inside
point of every piece of its form. At each such actual the evaluator (`engine.scoring.evaluate`,
exact Fractions) and the form (`Form.at`, sympy Rationals) must give the same status and the
same exact score or range. It also pins the other half of the claim: `engine/lint/form.py`
reads no rule statement's numbers itself (it imports the shapes' meaning from engine.scoring).
"""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest
import sympy as sp

from engine import values as vals
from engine.language.parser import parse_rule
from engine.lint.calculus import components
from engine.lint.form import compile_rule
from engine.rulesets import load_ruleset
from engine.scoring import evaluate
from support import shared

ROOT = Path(__file__).resolve().parents[1]
TARGETS = (None, "≥90%", "35", "≤20天", "Ⅱ类")


def _corpus_file(name: str) -> Path:
    return shared("corpus", name)


def _cases() -> list[tuple[str, object, Decimal, tuple]]:
    cases = []
    for name in ("phrases.tsv", "phrases-2.tsv"):
        for n, line in enumerate(_corpus_file(name).read_text(encoding="utf-8").splitlines()[1:], start=2):
            parsed = parse_rule(line.split("\t")[0]) if line.strip() else None
            if parsed is not None and parsed.ok:
                cases.append((f"{name}:{n}", parsed.rule, Decimal(10), TARGETS))
    for path in sorted((ROOT / "rules").glob("*.toml")):
        for entry in load_ruleset(path).rules:
            parsed = parse_rule(entry.effective_text)
            if parsed.ok:
                targets = tuple(dict.fromkeys(e.target for e in entry.examples)) or (None,)
                cases.append((f"{path.name}:{entry.id}", parsed.rule, Decimal(entry.weight), targets))
    return cases


CASES = _cases()


def _witnesses(form) -> list[Decimal]:
    """The ends of every piece and a point inside it, as exact decimals (the actual a cell prints)."""
    out = set()
    for piece in form.pieces:
        for comp in components(piece.where):
            low, high = comp.inf, comp.sup
            inside = (low + high) / 2 if high.is_finite else low + 7
            for v in (low, high, inside, low + sp.Rational(1, 4)):
                if v.is_finite and v >= 0 and comp.contains(v) is sp.true:
                    r = sp.Rational(v)
                    d = Decimal(int(r.p)) / Decimal(int(r.q))
                    if d * int(r.q) == int(r.p):  # terminates: a value a cell can print
                        out.add(d)
    return sorted(out)


def test_the_corpus_and_rule_sets_give_enough_numeric_forms_to_mean_something():
    forms = [compile_rule(rule, weight, t) for _, rule, weight, targets in CASES for t in targets]
    assert len(CASES) >= 140 and sum(f.numeric for f in forms) >= 300


@pytest.mark.parametrize("label, rule, weight, targets", CASES, ids=[c[0] for c in CASES])
def test_evaluator_and_form_agree_at_every_piece(label, rule, weight, targets):
    for target in targets:
        form = compile_rule(rule, weight, target)
        if not form.numeric:
            continue
        for x in _witnesses(form):
            outcome = evaluate(rule, target, vals.Quantity(x, None, "=", format(x, "f")), weight)
            status, value = form.at(x)
            where = (label, target, x)
            assert outcome.status == status, (where, outcome.reason, value)
            if status == "score":
                assert outcome.score == value, where
            elif status == "range":
                assert (outcome.low, outcome.high) == value, where


def test_the_form_module_writes_no_shape_of_its_own():
    """form.py may name statement types (to label pieces, to find a rule's class domain) but
    never reads a statement's numbers: points, sizes, bounds and caps are the evaluator's."""
    tree = ast.parse((ROOT / "engine" / "lint" / "form.py").read_text(encoding="utf-8"))
    read = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    numbers = {"size", "alt_size", "base", "share", "value", "low_closed", "high_closed", "threshold", "effect"}
    assert read & numbers == set()
