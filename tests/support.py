"""Helpers shared by the data-driven tests (imported as `support`; pytest puts tests/ on sys.path)."""

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

# The repository root is the parent of tests/; the shared corpus (phrases, worked examples, the
# seed report) lives beside the repository, in ../shared, for every clone and every worktree.
REPOSITORY = Path(__file__).resolve().parent.parent
SHARED = REPOSITORY.parent / "shared"


class SharedCorpusMissing(FileNotFoundError):
    """A file of the shared corpus is not where the tests read it. Never a reason to skip: a
    test that cannot see its data has not passed."""


def shared(*parts: str) -> Path:
    """The path of `<repository root>/../shared/<parts>`, read in place (never copied); raises
    `SharedCorpusMissing`, naming the expected path, if it does not exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        raise SharedCorpusMissing(
            f"the shared corpus is expected at {path}; clone the repository beside shared/ "
            f"(so that {REPOSITORY.name}/../shared/{'/'.join(parts)} exists)")
    return path


def assert_outcome(outcome, *, unknown: bool = False, range=None, score=None) -> None:
    """An evaluation outcome is exactly the hand-computed expectation: unknown, a range
    [low, high] or a score (given as decimal strings), compared as exact fractions."""
    why = "\n".join(outcome.trace)
    if unknown:
        assert outcome.status == "unknown", why
    elif range is not None:
        assert outcome.status == "range", why
        assert (outcome.low, outcome.high) == tuple(Fraction(Decimal(v)) for v in range), why
    else:
        assert outcome.status == "score", why
        assert outcome.score == Fraction(Decimal(score)), why


def auto_report(unit: str, year: int = 2024, *, kind: str = "project", execution_weight: str = "10",
                adjusted: bool = False):
    """A one-table report shaped like a province's form, for `--profile auto` (engine.profiles.choice):
    the unit's name, the year, the kind of table, the execution row's weight, an 调整后预算数 column."""
    from engine.report.model import Report

    funding = {"source": "年度资金总额", "full_year": "100", "executed": "95"}
    if adjusted:
        funding["adjusted"] = "100"
    table = {"name": "测试表", "kind": kind, "funding": [funding],
             "execution": {"weight": execution_weight, "rate": "95%", "claimed_score": "9.5"},
             "indicators": [{"level3": "甲", "target": "≥1", "actual": "1", "weight": "90", "claimed_score": "90"}]}
    return Report.model_validate({"schema_version": 1, "unit": unit, "year": year, "tables": [table]})


def indicator_row(level1: str, name: str, target: str, actual: str, weight: str, claimed: str,
                  note: str | None = None, rule: str | None = None) -> dict:
    """One indicator of a report as JSON, with its 偏差原因 and 评分标准 when given."""
    row = {"level1": level1, "level3": name, "target": target, "actual": actual, "weight": weight,
           "claimed_score": claimed}
    if note:
        row["deviation_note"] = note
    if rule:
        row["rule"] = rule
    return row


def phrasing_rows(path: Path):
    """The rows of a phrasings file (`phrase weight target actual expect why`, tests/corpus/*.tsv)
    as yardstick `Worked` examples, numbered by line; the phrase rides after a tab in `why`."""
    from engine.review.yardstick import Worked

    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if n == 1 or not line.strip():
            continue
        phrase, weight, target, actual, expect, why = (line.split("\t") + [""] * 6)[:6]
        out.append(Worked(n, weight, target, actual, expect, why + "\t" + phrase))
    return out


def phrasing_of(w) -> str:
    return w.why.split("\t", 1)[1]


def phrasing_verdict(w) -> str:
    """As the real corpus is judged (engine.review.yardstick.judge), with "unread" for a phrase
    that does not parse."""
    from engine.language.parser import parse_rule
    from engine.review.yardstick import judge

    parsed = parse_rule(phrasing_of(w))
    verdict = judge(w, phrasing_of(w)).verdict
    return "unread" if verdict != "exact" and not parsed.ok and not parsed.not_a_rule else verdict


def scored(rule: str, weight: str, target: str | None, actual: str | None):
    """The outcome of a rule text that must read with no error, for one row's values."""
    from engine.language.parser import parse_rule
    from engine.scoring import evaluate

    parsed = parse_rule(rule)
    assert parsed.ok, [(d.code, d.message) for d in parsed.diagnostics]
    assert parsed.rule is not None
    return evaluate(parsed.rule, target, actual, Decimal(weight))
