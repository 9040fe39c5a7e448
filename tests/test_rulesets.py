"""Rule sets (`rules/*.toml`) and their loader (engine.rulesets).

Every worked example of every rule set is one test case: its entry's `effective_text` must parse,
and evaluating it at the example's target, actual, weight and partial-step reading must give the
expected score exactly (as a Fraction), the expected range, or "unknown". Expected results were
computed by hand; an example marked `xfail` records a reported engine bug (strict: the fix shows
up as an unexpected pass). Then the loader's errors: each names the file, the entry and the field.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import assert_outcome

from engine.scoring import evaluate
from engine.language.parser import parse_rule
from engine.rulesets import Example, RuleEntry, RuleSetError, load_ruleset

ROOT = Path(__file__).resolve().parent.parent
RULE_FILES = sorted((ROOT / "rules").glob("*.toml"))


def _load_all() -> list[tuple[Path, object]]:
    loaded = []
    for path in RULE_FILES:
        try:
            loaded.append((path, load_ruleset(path)))
        except RuleSetError as error:  # reported by test_ruleset_loads, not at collection
            loaded.append((path, error))
    return loaded


LOADED = _load_all()
ENTRIES = [(path, entry) for path, rs in LOADED if not isinstance(rs, RuleSetError) for entry in rs.rules]


def _example_params():
    for path, entry in ENTRIES:
        for n, example in enumerate(entry.examples, 1):
            marks = [pytest.mark.xfail(strict=True, reason=example.xfail)] if example.xfail else []
            yield pytest.param(entry, example, id=f"{path.stem}:{entry.id}:{n}", marks=marks)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_ruleset_loads(path: Path) -> None:
    ruleset = load_ruleset(path)
    assert ruleset.rules, "a rule set has at least one entry"


@pytest.mark.parametrize("path,entry", [pytest.param(p, e, id=f"{p.stem}:{e.id}") for p, e in ENTRIES])
def test_entry_parses_and_has_examples(path: Path, entry: RuleEntry) -> None:
    result = parse_rule(entry.effective_text)
    assert result.ok, [d.render(entry.effective_text) for d in result.diagnostics]
    assert len(entry.examples) >= 2, "every entry has at least two worked examples"


@pytest.mark.parametrize("entry,example", list(_example_params()))
def test_example(entry: RuleEntry, example: Example) -> None:
    rule = parse_rule(entry.effective_text).rule
    outcome = evaluate(rule, example.target, example.actual, entry.weight, partial=example.partial,
                       indicator=entry.indicator, direction=entry.direction)
    assert_outcome(outcome, unknown=example.unknown, range=example.range, score=example.score)


# ---------------------------------------------------------------- the seed rule set is verbatim


def test_seed_rules_are_verbatim() -> None:
    """The 12 texts and weights are exactly the report's, in table order."""
    report = json.loads((ROOT / "examples/hengyang-2024/report.json").read_text(encoding="utf-8"))
    rows = [(i["rule"], i["weight"]) for i in report["tables"][0]["indicators"]]
    ruleset = load_ruleset(ROOT / "rules/hengyang-2024.toml")
    assert [(r.text, r.weight) for r in ruleset.rules] == rows
    for entry, indicator in zip(ruleset.rules, report["tables"][0]["indicators"]):
        assert entry.indicator == indicator["level3"]


def test_truncated_seed_rule_is_encoded_without_its_fragment() -> None:
    entry = load_ruleset(ROOT / "rules/hengyang-2024.toml").get("xiangjiang-water-class")
    verbatim = parse_rule(entry.text)
    assert [d.code for d in verbatim.diagnostics] == ["P003"]
    assert parse_rule(entry.effective_text).diagnostics == ()
    assert entry.encoding_note


# ---------------------------------------------------------------- loader errors

HEADER = 'name = "测试"\ndescription = "d"\nsource = "s"\n'


def _problems(tmp_path: Path, text: str):
    path = tmp_path / "set.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(path)
    error = caught.value
    assert str(path) in str(error)
    assert all(p.file == str(path) for p in error.problems)
    return error.problems


def test_bad_toml_names_line_and_column(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path, HEADER + '[[rule]]\nid = "a"\ntext "记10分"\n')
    assert (problem.line, problem.column) == (6, 6)
    assert "TOML" in problem.message


def test_missing_field_names_entry_and_field(tmp_path: Path) -> None:
    problems = _problems(tmp_path, HEADER + '[[rule]]\nid = "pm25"\ntext = "记10分"\nweight = "10"\n')
    assert [(p.entry, p.index, p.field) for p in problems] == [("pm25", 1, "reference")]
    assert "pm25" in str(problems[0]) and "reference" in str(problems[0])


def test_example_without_expectation(tmp_path: Path) -> None:
    problems = _problems(tmp_path, HEADER + (
        '[[rule]]\nid = "a"\ntext = "记10分"\nreference = "r"\nweight = "10"\n'
        '[[rule.example]]\ntarget = "1"\nactual = "1"\nscore = "10"\n'
        '[[rule.example]]\ntarget = "1"\nactual = "1"\n'))
    assert [(p.entry, p.field) for p in problems] == [("a", "example[2]")]
    assert "score" in problems[0].message and "unknown" in problems[0].message


def test_every_problem_is_reported(tmp_path: Path) -> None:
    problems = _problems(tmp_path, (
        'name = "测试"\ndescription = "d"\n'
        '[[rule]]\nid = "a"\ntext = "记10分"\nreference = "r"\nweight = 10\n'
        '[[rule.example]]\nactual = "1"\nscroe = "1"\n'
        '[[rule]]\ntext = "记5分"\nreference = "r"\nweight = "五"\ndirection = "up"\n'
        '[[rule]]\nid = "a"\ntext = "记5分"\nreference = "r"\nweight = "5"\nencoding = "记5分"\n'))
    found = {(p.entry, p.index, p.field) for p in problems}
    assert found == {
        (None, None, "source"),
        ("a", 1, "weight"),  # a number, not a string
        ("a", 1, "example[1].scroe"),  # misspelt key
        (None, 2, "id"),
        (None, 2, "weight"),
        (None, 2, "direction"),
        ("a", 3, None),  # encoding without encoding_note
    }
    assert any("是不是 score" in p.message for p in problems)


def test_duplicate_ids(tmp_path: Path) -> None:
    entry = '[[rule]]\nid = "a"\ntext = "记10分"\nreference = "r"\nweight = "10"\n'
    problems = _problems(tmp_path, HEADER + entry + entry)
    assert [(p.entry, p.index, p.field) for p in problems] == [("a", 2, "id")]


def test_missing_file_and_bad_encoding(tmp_path: Path) -> None:
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(tmp_path / "none.toml")
    assert caught.value.problems[0].file.endswith("none.toml")
    path = tmp_path / "gbk.toml"
    path.write_bytes((HEADER + '[[rule]]\nid = "a"\ntext = "记10分"\n').encode("gbk"))
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(path)
    assert "UTF-8" in caught.value.problems[0].message
