"""Fuzzing in CI (issue 14): hostile rule texts, cells, weights and reports never crash the engine.

The strategies are tests/strategies.py's (the language's vocabulary with numbers and noise;
mutations of the shipped example and reports shaped on the JSON Schema); bench/fuzz.py runs the
same generators at 10⁶ cases. Sized to stay well under a minute on a loaded machine: no deadline,
and no assertion on time anywhere (speed is bench/'s business).

- `parse_rule` returns a `ParseResult` for every string, diagnostics inside the text;
- `evaluate` on what was read raises nothing but the project's own exceptions;
- a mutated or schema-shaped report is reviewed in process the way `rescore check` reviews it
  (the CLI's `review_one`, its renderers, its exit status 0, 1 or 2);
- a few of them through the real command line, in a subprocess with a timeout: exit 0, 1 or 2,
  never 70 (engine.cli.guard's 内部错误) and never a traceback.
"""

from __future__ import annotations

import random
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings

import strategies as S

ST = S.hypothesis_strategies()
FAST = settings(max_examples=100, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
REPORTS = settings(FAST, max_examples=20)


# ---------------------------------------------------------------- rule texts

@FAST
@given(ST["rule_texts"])
@example("扣05.5分")  # once InvalidOperation: the lost-decimal-point reading of 05.5
@example("每减少٣%扣1分")
@example("\ud800每减少1%扣1分\udfff")
@example("middling" * 1500)  # once quadratic: CODE rescanned the run from every position
def test_parse_rule_never_raises(text):
    result = S.parse_rule_checked(text)
    assert result.text == text


@FAST
@given(ST["rule_texts"], ST["cells"], ST["cells"], ST["weights"])
@example("每减少1%扣05.5分", "95%", "90%", Decimal(10))
@example("每减少1%扣1分", "9٥%", "90%", Decimal(10))
@example("满意度90%以上记10分，每下降1%扣0.5分", "\ud800", "1e999999", Decimal("0.0000000001"))
def test_evaluate_raises_only_the_projects_own_errors(text, target, actual, weight):
    S.check_rule(text, target, actual, weight)


def test_the_seeded_generators_are_deterministic_and_varied():
    a = [S.random_rule(random.Random(3)) for _ in range(3)]
    assert a == [S.random_rule(random.Random(3)) for _ in range(3)]
    rng = random.Random(4)
    texts = {S.random_rule(rng) for _ in range(200)}
    assert len(texts) > 190
    vocabulary = set(S.vocabulary())
    assert {"扣完为止", "每", "分", "%", "以上"} <= vocabulary
    assert any(w in vocabulary for w in ("个百分点", "微克/立方米"))  # from engine/lexicon/units.toml


@pytest.mark.parametrize("seed", range(3))
def test_seeded_rule_cases(seed):
    rng = random.Random(f"test-{seed}")
    for _ in range(100):
        S.check_rule(S.random_rule(rng), S.random_cell(rng), S.random_cell(rng), S.random_weight(rng))


# ---------------------------------------------------------------- reports, in process

@REPORTS
@given(ST["mutated_reports"])
def test_a_mutated_example_is_reviewed_or_refused(tmp_path_factory, text):
    S.check_report(text, tmp_path_factory.mktemp("r"))


@REPORTS
@given(ST["schema_reports"])
def test_a_schema_shaped_report_is_reviewed_or_refused(tmp_path_factory, text):
    S.check_report(text, tmp_path_factory.mktemp("r"))


def test_a_lone_surrogate_in_a_number_cell_is_a_problem_not_a_crash(tmp_path):
    text = S.example_report().replace('"weight": "5"', '"weight": "\\udf27"', 1)
    assert S.check_report(text, tmp_path) == 2


# ---------------------------------------------------------------- the command line

def _cli(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from engine.cli import main; main()", "check", str(path)],
                          capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120)


@pytest.mark.parametrize("seed", range(4))
def test_the_command_line_exits_0_1_or_2_on_a_fuzzed_report(tmp_path, seed):
    rng = random.Random(f"cli-{seed}")
    text = S.random_mutation(rng) if seed % 2 == 0 else S.random_schema_report(rng)
    path = tmp_path / "report.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    done = _cli(path)
    assert done.returncode in (0, 1, 2), done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "内部错误" not in done.stderr, done.stderr[-2000:]


def _argument(text: str) -> str:
    """What a command line can carry: no NUL, no lone surrogate."""
    return "".join(c for c in text if c != "\x00" and not "\ud800" <= c <= "\udfff")


@pytest.mark.parametrize("seed", range(3))
def test_the_rule_command_exits_0_1_or_2_on_a_fuzzed_rule(seed):
    rng = random.Random(f"cli-rule-{seed}")
    args = ["rule", _argument(S.random_rule(rng)), "--weight", str(S.random_weight(rng)),
            "--target", _argument(S.random_cell(rng) or "-"), "--actual", _argument(S.random_cell(rng) or "-")]
    done = subprocess.run([sys.executable, "-c", "from engine.cli import main; main()", *args], capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=120)
    assert done.returncode in (0, 1, 2), done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "内部错误" not in done.stderr, done.stderr[-2000:]


# ---------------------------------------------------------------- what the fuzzing found, kept

def test_a_leading_zero_before_a_decimal_is_read_as_written():
    """扣05.5分 once raised InvalidOperation: 05.5 was taken for 0.55 with its point lost."""
    result = S.parse_rule_checked("每减少1%扣05.5分")
    assert result.ok and "扣5.5分" in str(S.to_text(result.rule))


@pytest.mark.parametrize("text", ["扣" + "\n" * 10_000 + "1分", "每减少1%" + " \t" * 5_000 + "扣1分", "middling" * 1_250])
def test_long_runs_of_spaces_and_letters_parse(text):
    """Once quadratic (10,000 newlines: over 5 s; a run of letters rescanned by CODE)."""
    assert S.parse_rule_checked(text).text == text


@pytest.mark.parametrize("name", ["x" * 400, "a\x00b", "\udf27", "../../etc/x"])
def test_a_report_profile_that_is_no_shipped_name_is_refused(tmp_path, name):
    """A 400-character profile name once crashed with ENAMETOOLONG, a NUL with ValueError."""
    text = S.example_report().replace('"profile": null', f'"profile": {S.json.dumps(name)}', 1)
    assert text != S.example_report()
    assert S.check_report(text, tmp_path) == 2


def test_a_score_beyond_28_digits_is_rounded_exactly():
    """A rule's own huge deduction once raised InvalidOperation where the score was rounded for show."""
    from engine.review.common import exact
    from engine.scoring import evaluate, fmt

    rule = S.parse_rule_checked("每减少1%扣99999999999999999999999999999分，可扣至负分").rule
    outcome = evaluate(rule, "100%", "90%", Decimal(10))
    assert outcome.score == 10 - 10 * (10 ** 29 - 1)
    assert exact(outcome.score) == Decimal("-999999999999999999999999999980.00")
    assert fmt(Fraction(10 ** 30, 3)).startswith("1000000000000000000000000000000/3（≈333333333333333333333333333333.33")


@pytest.mark.parametrize("rate", ["1e9999999", "-1e9999999", "1e-9999999", "9" * 5000])
def test_a_huge_rate_number_is_printed_text(tmp_path, rate):
    """A JSON number of exponent 9999999 as a rate once raised decimal.Overflow in loading."""
    doc = S.json.loads(S.example_report())
    doc["tables"][1]["execution"]["rate"] = S.Raw(rate)
    assert S.check_report(S.dumps(doc), tmp_path) in (0, 1)


@pytest.mark.parametrize("text, start, end", [("每少一项扣百分之五分", 0, 10), ("每少一项百分之五分和6分", 0, 9),
                                              ("最多扣百分之五分", 0, 8), ("每少一项扣1分，最多扣百分之五分", 8, 16),
                                              ("最高得百分之五分", 0, 8)])
def test_points_written_as_a_percentage_are_P014_wherever_they_are(text, start, end):
    """Found by bench/fuzz.py: a step's points of 百分之五 crashed the printer (TypeError), and
    最多扣百分之五分 made parse_rule itself raise StopIteration."""
    result = S.parse_rule_checked(text)
    # 每少一项百分之五分 also writes no 扣 (P017, an error of its own)
    assert [(d.code, d.start, d.end) for d in result.diagnostics if d.code != "P017"] == [("P014", start, end)]
    assert not result.ok
    S.check_rule(text, "5项", "3项", Decimal(10))
