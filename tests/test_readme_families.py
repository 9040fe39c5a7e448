"""The README's table of rule families is what the engine gives: each row is parsed and scored
here, so the documentation of the language cannot drift from it."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from engine.language.parser import parse_rule
from engine.scoring import evaluate

README = Path(__file__).resolve().parent.parent / "README.md"


def _rows() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    block = text.split("| family | 评分标准 | weight | target | actual | result |", 1)[1].split("\n\n", 1)[0]
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in block.splitlines()[2:] if line.strip()]
    assert len(rows) >= 13
    return rows


def _number(text: str) -> Fraction:
    return Fraction(Decimal(text))


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r[0])
def test_the_readme_family_row_is_what_the_engine_gives(row: list[str]) -> None:
    family, text, weight, target, actual, result = row
    parsed = parse_rule(text)
    if result == "not a rule":
        assert parsed.not_a_rule
        return
    assert parsed.ok, [d.message for d in parsed.diagnostics]
    outcome = evaluate(parsed.rule, target or None, actual or None, Decimal(weight))
    if m := re.fullmatch(r"([0-9.]+)–([0-9.]+)", result):
        assert (outcome.status, outcome.low, outcome.high) == ("range", _number(m[1]), _number(m[2])), outcome.trace
    elif m := re.fullmatch(r"([0-9.]+) \(or ([0-9.]+)\)", result):
        assert (outcome.status, outcome.score) == ("score", _number(m[1])), outcome.trace
        assert _number(m[2]) in outcome.alternatives.values()
    else:
        assert (outcome.status, outcome.score) == ("score", _number(result)), outcome.trace
