"""Digits other than 0–9 and ０–９ (issue 14): never silently read as a number.

Python reads ٣ (Arabic-Indic), ३ (Devanagari) and 𝟑 (mathematical bold) as 3 in `Decimal()`
and `int()`, matches them with `\\d`, and calls ², ⑤ and ⑴ `isdigit()`. In a rule each is a P015
diagnostic at its place; in a target or actual cell the value is unquantified and says which
character it is; in a number field of a report, in `--weight`, `COLUMNS` and
`RESCORE_MAX_REPORT_BYTES` it is refused or ignored, never a number and never a crash. An item
mark (①完成) and a unit's power (m²) are what they are, not numbers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest

from engine.language.parser import parse_rule
from engine.report.loading import parse_report
from engine.report.problems import ReportError
from engine.scoring import evaluate
from engine.text.digits import plain_digits, foreign_digits
from engine.values import parse_value
from engine.values.kinds import Quantity, Unquantified
from support import REPOSITORY

EXAMPLE = REPOSITORY / "examples" / "hengyang-2024" / "report.json"


# ---------------------------------------------------------------- engine.text.digits

def test_foreign_digits_are_found_with_their_position_and_name():
    found = foreign_digits("完成9٥%，३项")
    assert [(d.position, d.char, d.value) for d in found] == [(3, "٥", 5), (6, "३", 3)]
    assert found[0].text() == "第 4 个字符「٥」（U+0665 ARABIC-INDIC DIGIT FIVE）不是 0–9 的数字，未按数字 5 读取"


@pytest.mark.parametrize("text", ["95%", "９５％", "九十五", "二〇二四年", "Ⅲ类", "①按时完成；②资料齐全", "⑴完成 ⑵完成",
                                  "100m²", "5km³"])
def test_ascii_full_width_chinese_roman_item_marks_and_unit_powers_are_left_alone(text):
    assert foreign_digits(text) == []


@pytest.mark.parametrize("text, char", [("⑤0%", "⑤"), ("10²", "²"), ("𝟑项", "𝟑"), ("1.⑤", "⑤")])
def test_a_circled_digit_or_superscript_beside_a_number_is_a_digit(text, char):
    assert [d.char for d in foreign_digits(text)] == [char]


def test_plain_digits():
    assert plain_digits("1,000.50") and plain_digits("１０") and not plain_digits("1٠") and not plain_digits("²")


# ---------------------------------------------------------------- rules

@pytest.mark.parametrize("text, start, char, name", [
    ("每减少٣%扣1分", 3, "٣", "ARABIC-INDIC DIGIT THREE"),
    ("满意度9५%以上记10分", 4, "५", "DEVANAGARI DIGIT FIVE"),
    ("每减少1%扣¹分", 6, "¹", "SUPERSCRIPT ONE"),
    ("完成率达𝟗𝟎%得5分", 4, "𝟗𝟎", "MATHEMATICAL BOLD DIGIT NINE"),
])
def test_a_foreign_digit_in_a_rule_is_P015_at_its_place(text, start, char, name):
    result = parse_rule(text)
    found = [d for d in result.diagnostics if d.code == "P015"]
    assert len(found) == 1 and not result.ok
    d = found[0]
    assert (d.start, d.end, d.severity) == (start, start + len(char), "error")
    assert d.message.startswith(f"「{char}」（U+") and name in d.message and "不是 0–9 的数字，未按数字读取" in d.message
    assert text[d.start:d.end] == char


def test_a_foreign_digit_is_never_the_number_of_a_rule():
    """Once 每减少٣%扣1分 was read as 每减少3%扣1分 and scored."""
    result = parse_rule("每减少٣%扣1分")
    assert "3%" not in str(result.rule)


def test_full_width_digits_in_a_rule_still_read():
    result = parse_rule("每减少１%扣０.５分")
    assert result.ok and not [d for d in result.diagnostics if d.code == "P015"]


def test_item_marks_in_a_rule_are_not_P015():
    result = parse_rule("①按时完成得2分；②资料齐全得3分")
    assert not [d for d in result.diagnostics if d.code == "P015"]


# ---------------------------------------------------------------- cells

@pytest.mark.parametrize("cell, where", [("9٥%", "第 2 个字符「٥」（U+0665 ARABIC-INDIC DIGIT FIVE）"),
                                         ("３५项", "第 2 个字符「५」（U+096B DEVANAGARI DIGIT FIVE）"),
                                         ("10⁴元", "第 3 个字符「⁴」（U+2074 SUPERSCRIPT FOUR）")])
def test_a_foreign_digit_in_a_cell_is_unquantified_and_named(cell, where):
    value = parse_value(cell)
    assert isinstance(value, Unquantified)
    assert value.reason == f"含非 0–9 的数字：{where}不是 0–9 的数字，未按数字 {value.reason.split('未按数字 ')[1]}"
    assert where in value.describe()


def test_a_foreign_digit_in_the_actual_makes_the_score_unknown_with_the_reason():
    outcome = evaluate(parse_rule("每减少1%扣1分").rule, "95%", "9٥%", Decimal(10))
    assert outcome.status == "unknown"
    assert "「٥」（U+0665 ARABIC-INDIC DIGIT FIVE）" in outcome.reason


def test_full_width_and_item_marked_cells_read_as_before():
    assert parse_value("９５％").number == parse_value("95%").number == Decimal(95)
    assert isinstance(parse_value("面积120m²"), Quantity)


# ---------------------------------------------------------------- report number fields

def _with_weight(value: str) -> str:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["tables"][1]["indicators"][0]["weight"] = value
    return json.dumps(doc, ensure_ascii=True)


@pytest.mark.parametrize("value, message", [
    ("١٠", "「١٠」不是数字：第 1 个字符「١」（U+0661 ARABIC-INDIC DIGIT ONE）不是 0–9 的数字，未按数字 1 读取；"
           "第 2 个字符「٠」（U+0660 ARABIC-INDIC DIGIT ZERO）不是 0–9 的数字，未按数字 0 读取"),
    ("⑤", "「⑤」不是数字：第 1 个字符「⑤」（U+2464 CIRCLED DIGIT FIVE）不是 0–9 的数字，未按数字 5 读取"),
    ("1²", "「1²」不是数字：第 2 个字符「²」（U+00B2 SUPERSCRIPT TWO）不是 0–9 的数字，未按数字 2 读取"),
    ("1_0", "「1_0」不是数字（只可用逗号分隔千位，如 1,000）"),
    ("1,0", "「1,0」不是数字（只可用逗号分隔千位，如 1,000）"),
    ("\udf27", "「\\udf27」不是数字"),
])
def test_a_number_field_with_a_foreign_digit_is_refused_with_the_character_named(value, message):
    with pytest.raises(ReportError) as caught:
        parse_report(_with_weight(value))
    problems = [p for p in caught.value.problems if "分值 (weight)" in p.location]
    assert [p.message for p in problems] == [message]


def test_thousands_and_full_width_numbers_still_read():
    report = parse_report(_with_weight("１，０００"))
    assert report.tables[1].indicators[0].weight == Decimal(1000)


# ---------------------------------------------------------------- the command line and the environment

def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from engine.cli import main; main()", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, env={**os.environ, **env})


@pytest.mark.parametrize("weight, message", [
    ("٣", "--weight「٣」不是数字：第 1 个字符「٣」（U+0663 ARABIC-INDIC DIGIT THREE）不是 0–9 的数字，未按数字 3 读取"),
    ("1_0", "--weight「1_0」不是数字"),
    ("1e30", "--weight「1e30」：数字 1E+30 超出合理范围（绝对值不超过 1000000）"),
    ("1e999999", "--weight「1e999999」：数字 1E+999999 超出合理范围（绝对值不超过 1000000）"),
])
def test_a_weight_option_that_is_not_a_plain_number_exits_2(weight, message):
    done = _run(["rule", "酌情扣分", "--weight", weight])
    assert done.returncode == 2 and done.stderr.strip().endswith(message), done.stderr


@pytest.mark.parametrize("variable", ["COLUMNS", "RESCORE_MAX_REPORT_BYTES"])
@pytest.mark.parametrize("value", ["²", "٣"])
def test_a_foreign_digit_in_an_environment_number_is_ignored(variable, value):
    """Once `COLUMNS=²` crashed (int("²")) and RESCORE_MAX_REPORT_BYTES=٣ set a 3-byte limit."""
    done = _run([str(EXAMPLE)], **{variable: value})
    assert done.returncode == 1, done.stderr  # the example has error-level findings
    assert "内部错误" not in done.stderr and "上限" not in done.stderr
