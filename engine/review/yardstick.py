"""The real-text yardstick: how much of a corpus of real 评分标准 rescore reads, and how many
hand-computed worked examples it gets right, in the formats of `../shared/corpus/README.md`.

`phrase_rows(path)` reads a phrases file (the first column is the rule); `worked_rows(path)`
reads worked examples (`line weight target actual expect why`, `line` counting the header of
the phrases file as line 1); `parse_rate(rows)` counts the phrases that are scoring rules and those read with no error (a
text that is not a scoring rule, P010, is counted apart); `judge(example, rule_text)` scores one example and says whether it
is exact, a confident number matching none of the readings (the worst outcome), or neither.
The tests (tests/test_real_corpus.py) and the script bench/corpus_score.py both use it, so the
figures a closing note gives are the figures CI checks. Nothing here knows the corpus lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Literal

from engine.language import tree as rt
from engine.language.diagnostics import Diagnostic
from engine.language.parser import parse_rule
from engine.language.printer import to_text
from engine.scoring import Outcome, evaluate
from engine.text.fold import fold

Verdict = Literal["exact", "confident-wrong", "unknown", "other"]
"""exact: the number, the range, or one of the listed readings; confident-wrong: a single number
that is none of the readings; unknown: the engine said it cannot tell; other: a range or a
reading that is not the expected one (not a confident misread, not right either)."""


@dataclass(frozen=True)
class Worked:
    """One hand-computed example: the rule's line in the phrases file and what it should give."""

    line: int
    weight: str
    target: str
    actual: str
    expect: str
    why: str

    def readings(self) -> list[Fraction] | tuple[Fraction, Fraction]:
        """The expected numbers (x|y: any of them), or (lo, hi) for a range lo..hi."""
        if ".." in self.expect:
            lo, hi = self.expect.split("..", 1)
            return Fraction(Decimal(lo)), Fraction(Decimal(hi))
        return [Fraction(Decimal(v)) for v in self.expect.split("|")]


@dataclass(frozen=True)
class Judged:
    example: Worked
    verdict: Verdict
    outcome: Outcome | None
    detail: str


def phrase_rows(path: Path) -> list[tuple[int, str]]:
    """(line number counting the header as 1, rule text) for each non-empty row."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, line.split("\t")[0]) for n, line in enumerate(lines, start=1) if n > 1 and line.strip()]


@dataclass(frozen=True)
class ParseRate:
    """How many phrases of a file are scoring rules (the others are not a scoring rule, P010)
    and how many of those are read with no error."""

    read: int
    scoring: int
    not_rules: tuple[int, ...]  # the lines that are not a scoring rule

    @property
    def rate(self) -> float:
        return self.read / self.scoring if self.scoring else 1.0


def parse_rate(rows: list[tuple[int, str]]) -> ParseRate:
    results = [(n, parse_rule(text)) for n, text in rows]
    not_rules = tuple(n for n, r in results if r.not_a_rule)
    return ParseRate(sum(1 for _, r in results if r.ok), len(results) - len(not_rules), not_rules)


def worked_rows(path: Path) -> list[Worked]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if n == 1 or not line.strip():
            continue
        cells = (line.split("\t") + [""] * 6)[:6]
        out.append(Worked(int(cells[0]), *cells[1:]))
    return out


def _close(a: Fraction, b: Fraction) -> bool:
    """Equal as a reviewer writes it: exactly, or the same at two places (2.67 for 8/3)."""
    return a == b or abs(a - b) < Fraction(1, 200)


def judge(example: Worked, rule_text: str) -> Judged:
    """Score the example's rule for its weight, target and actual, and compare with `expect`."""
    parsed = parse_rule(rule_text)
    if parsed.rule is None:
        return Judged(example, "unknown", None, "评分标准无法读懂")
    if parsed.not_a_rule:
        return Judged(example, "unknown", None, "不是计分规定（按评分办法计分）")
    # a rule read with a clause not understood is still evaluated: the evaluator gives the range
    # of what that clause could do, or unknown (clause-level recovery)
    try:
        weight = Decimal(example.weight or "10")
        expected = example.readings()
    except (InvalidOperation, ValueError):
        return Judged(example, "other", None, f"例子无法读取：{example.weight} / {example.expect}")
    outcome = evaluate(parsed.rule, example.target or None, example.actual or None, weight)
    if outcome.status == "unknown":
        return Judged(example, "unknown", outcome, outcome.reason or "")
    if isinstance(expected, tuple):
        return _judge_range(example, outcome, expected)
    return _judge_readings(example, outcome, expected)


def _judge_range(example: Worked, outcome: Outcome, expected: tuple[Fraction, Fraction]) -> Judged:
    lo, hi = expected
    if outcome.status == "range" and outcome.low is not None and outcome.high is not None:
        if _close(outcome.low, lo) and _close(outcome.high, hi):
            return Judged(example, "exact", outcome, "")
        return Judged(example, "other", outcome, f"范围 {outcome.low}–{outcome.high}，应为 {lo}–{hi}")
    assert outcome.score is not None
    if lo == hi and _close(outcome.score, lo):
        return Judged(example, "exact", outcome, "")
    return Judged(example, "confident-wrong", outcome, f"给出确定的 {outcome.score}，应为范围 {lo}–{hi}")


def _judge_readings(example: Worked, outcome: Outcome, expected: list[Fraction]) -> Judged:
    if outcome.status == "range":
        return Judged(example, "other", outcome, f"给出范围 {outcome.low}–{outcome.high}，应为 {example.expect}")
    assert outcome.score is not None
    if not any(_close(outcome.score, e) for e in expected):
        return Judged(example, "confident-wrong", outcome, f"得 {outcome.score}，应为 {example.expect}")
    others = [e for e in expected if not _close(outcome.score, e)]
    named = list(outcome.alternatives.values())
    missing = [e for e in others if not any(_close(e, v) for v in named)]
    if missing:
        return Judged(example, "other", outcome, f"得 {outcome.score}（是读法之一），但未给出其他读法 "
                                                  + "、".join(str(m) for m in missing))
    return Judged(example, "exact", outcome, "")


_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def unread_numbers(text: str, rule: rt.Rule | None, diagnostics: Iterable[Diagnostic]) -> list[tuple[int, str]]:
    """The numbers of a rule text that its reading drops silently: neither in the reading
    (`to_text(rule)`, compared as values: 10次及10次以上 is one 10) nor inside a diagnostic's span.
    A zero is left out (0分 reads as 不得分). Issue 9's "no confident misread": a threshold, an
    amount or a cap that the reading lost and no diagnostic names is how a confident wrong score
    is made; `(position, number)` of each such number, [] for a reading that keeps them all."""
    if rule is None:
        return []
    read = {Decimal(m.group()).normalize() for m in _NUMBER.finditer(fold(to_text(rule)))}
    named = [(d.start, max(d.end, d.start + 1)) for d in diagnostics]
    out = []
    for m in _NUMBER.finditer(fold(text)):
        value = Decimal(m.group()).normalize()
        if value == 0 or value in read or any(a <= m.start() and m.end() <= b for a, b in named):
            continue
        out.append((m.start(), m.group()))
    return out
