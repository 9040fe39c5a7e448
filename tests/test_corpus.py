"""The phrase corpus as data: every real 评分标准 phrase, read, printed and scored.

`tests/corpus/phrases.toml` holds, for each phrase of ../shared/corpus/phrases.tsv, the
expected shape, canonical form, diagnostic codes and hand-computed worked examples, or says why
the phrase is unsupported. This test reads the tsv itself, so the corpus cannot drift: each tsv
phrase must appear in the toml exactly once, and the seed report's phrases must be supported.
An `xfail` (example) or `canonical_xfail` (phrase) records a reported engine bug, strictly.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from support import assert_outcome, shared
from pydantic import BaseModel, ConfigDict, Field

from engine.scoring import evaluate, shape
from engine.language.parser import parse_rule
from engine.language.printer import to_text
from engine.rulesets import Example

HERE = Path(__file__).resolve().parent
CORPUS_TOML = HERE / "corpus" / "phrases.toml"
CORPUS_TSV = shared("corpus", "phrases.tsv")


class CorpusExample(Example):
    weight: str


class Phrase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    shape: str
    canonical: str
    diagnostics: list[str] = []
    canonical_xfail: str | None = None
    examples: list[CorpusExample] = Field(alias="example", min_length=1)


class Unsupported(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    text: str
    reason: str = Field(min_length=10)


def _tsv() -> list[tuple[str, str]]:
    """(phrase, origin) for each data line of the tsv; read by hand, not csv (no quoting)."""
    lines = CORPUS_TSV.read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines[1:] if line.strip()]
    return [(row[0], row[2]) for row in rows]


RAW = tomllib.loads(CORPUS_TOML.read_text(encoding="utf-8"))
PHRASES = [Phrase.model_validate(p) for p in RAW.get("phrase", [])]
UNSUPPORTED = [Unsupported.model_validate(u) for u in RAW.get("unsupported", [])]


_TSV_LINE = {text: n for n, text in enumerate(
    (line.split("\t")[0] for line in CORPUS_TSV.read_text(encoding="utf-8").splitlines()), 1)
}


def _pid(p: Phrase) -> str:
    """An ASCII test id: the phrase's line in the tsv (the header is line 1)."""
    return f"tsv{_TSV_LINE.get(p.text, 0):02d}"


def _marked(p: Phrase, reason: str | None):
    return pytest.param(p, id=_pid(p), marks=[pytest.mark.xfail(strict=True, reason=reason)] if reason else [])


# ---------------------------------------------------------------- coverage


def test_every_tsv_phrase_is_covered_exactly_once() -> None:
    tsv = [text for text, _ in _tsv()]
    covered = [p.text for p in PHRASES] + [u.text for u in UNSUPPORTED]
    missing = [t for t in tsv if t not in covered]
    extra = [t for t in covered if t not in tsv]
    twice = sorted({t for t in covered if covered.count(t) > 1})
    assert (missing, extra, twice) == ([], [], [])
    assert len(covered) == len(tsv) == len(set(tsv))


def test_seed_phrases_are_all_supported() -> None:
    seed = [text for text, origin in _tsv() if origin == "seed"]
    supported = {p.text for p in PHRASES}
    assert len(seed) == 12
    assert [t for t in seed if t not in supported] == []


# ---------------------------------------------------------------- reading and printing


@pytest.mark.parametrize("phrase", PHRASES, ids=_pid)
def test_parses_with_expected_diagnostics(phrase: Phrase) -> None:
    result = parse_rule(phrase.text)
    assert result.ok, [d.render(phrase.text) for d in result.diagnostics]
    assert [d.code for d in result.diagnostics] == phrase.diagnostics


@pytest.mark.parametrize("phrase", PHRASES, ids=_pid)
def test_shape(phrase: Phrase) -> None:
    assert shape(parse_rule(phrase.text).rule) == phrase.shape


@pytest.mark.parametrize("phrase", [_marked(p, p.canonical_xfail) for p in PHRASES])
def test_canonical(phrase: Phrase) -> None:
    assert to_text(parse_rule(phrase.text).rule) == phrase.canonical


@pytest.mark.parametrize("phrase", PHRASES, ids=_pid)
def test_print_parse_identity(phrase: Phrase) -> None:
    rule = parse_rule(phrase.text).rule
    again = parse_rule(to_text(rule))
    assert again.rule == rule, to_text(rule)


# ---------------------------------------------------------------- worked examples


def _example_params():
    for p in PHRASES:
        for n, ex in enumerate(p.examples, 1):
            marks = [pytest.mark.xfail(strict=True, reason=ex.xfail)] if ex.xfail else []
            yield pytest.param(p, ex, id=f"{_pid(p)}:{n}", marks=marks)


@pytest.mark.parametrize("phrase,example", list(_example_params()))
def test_example(phrase: Phrase, example: CorpusExample) -> None:
    outcome = evaluate(parse_rule(phrase.text).rule, example.target, example.actual, example.weight,
                       partial=example.partial)
    assert_outcome(outcome, unknown=example.unknown, range=example.range, score=example.score)
