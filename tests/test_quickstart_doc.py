"""docs/快速上手.md says what the code does: the importer ships (no 暂不支持此格式, a message that no
longer exists), the suffixes a folder is searched for, and exactly which indicators get a score
curve on the HTML page — checked on the shipped example and on rows made to sit at each edge."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from engine import values as vals
from engine.cli.common import SUFFIXES, open_report
from engine.language.parser import parse_rule
from engine.output.curve import curve_svg
from engine.output.html import render_report_html
from engine.profiles import load_profile
from engine.review.pipeline import rescore
from engine.review.result import ItemResult, RuleUsed

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "快速上手.md").read_text(encoding="utf-8")
SEED = ROOT / "examples" / "hengyang-2024" / "report.json"


def test_no_document_names_a_message_the_code_does_not_have() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "engine").rglob("*.py"))
    assert "暂不支持" not in code
    for doc in (DOC, (ROOT / "README.md").read_text(encoding="utf-8"),
                (ROOT / "docs" / "output.md").read_text(encoding="utf-8")):
        assert "暂不支持" not in doc and "尚未随本版本发布" not in doc


def test_the_suffixes_are_those_a_folder_is_searched_for() -> None:
    listed = re.search(r"递归查找 `([^`]+)` 文件", DOC)
    assert listed is not None and sorted(listed.group(1).split()) == sorted(SUFFIXES)


def _numeric(text: str | None) -> bool:
    return text is not None and vals.as_number(vals.parse_value(text)) is not None


def _documented(item: ItemResult) -> bool:
    """The doc's rule: an indicator row, its own rule text read whole, a number in 年度指标值 or 实际完成值."""
    if item.row is None or item.rule.source not in ("text", "rules-file") or not item.rule.text:
        return False
    parsed = parse_rule(item.rule.text)
    return parsed.rule is not None and parsed.ok and (_numeric(item.target) or _numeric(item.actual))


def test_the_shipped_example_has_a_curve_exactly_where_the_doc_says() -> None:
    result = rescore(open_report(SEED), load_profile("mof2020"), file=str(SEED))
    drawn = {(t.number, i.row) for t in result.tables for i in t.items if i.row is not None and curve_svg(i)}
    said = {(t.number, i.row) for t in result.tables for i in t.items if _documented(i)}
    assert drawn == said and len(drawn) == 6
    profile_scored = [i for t in result.tables for i in t.items if i.rule.source == "profile" and i.row is not None]
    assert profile_scored and not any(curve_svg(i) for i in profile_scored)
    page = render_report_html(result)
    assert page.count('<svg class="curve"') == 6


def _row(target: str | None, actual: str | None, rule: str | None = "完成率90%以上记10分，每下降1%扣0.5分",
         source: str = "text") -> ItemResult:
    item = ItemResult("完成率", ["产出指标", "完成率"], Decimal(10), Decimal(9), target=target, actual=actual,
                      row=1, table_number=1)
    item.rule = RuleUsed(source, rule)
    return item


@pytest.mark.parametrize("target, actual, curve, marks", [
    ("≥90%", "87%", True, {"target", "actual", "claimed"}),
    ("≥90%", "完成", True, {"target"}),  # a numeric target alone: the curve, the target marked
    ("完成", "87%", True, {"actual", "claimed"}),
    ("完成", "控制内", False, set()),  # worded both: no axis to draw on
])
def test_a_curve_needs_a_number_in_the_target_or_the_actual(target: str, actual: str, curve: bool,
                                                            marks: set[str]) -> None:
    svg = curve_svg(_row(target, actual))
    assert (svg is not None) == curve == _documented(_row(target, actual))
    if svg is not None:
        assert {m for m in ("target", "actual", "claimed") if f'class="{m}"' in svg} == marks
    assert ("实际完成值是数字时，再标出实际完成值、\n  自评分和重算分" in DOC)


def test_no_curve_without_the_rows_own_rule() -> None:
    assert curve_svg(_row("≥90%", "87%", rule=None, source="profile")) is None
    assert curve_svg(_row("≥90%", "87%", source="rules-file")) is not None  # a --rules rule is its own text
    for words in ("表中“评分标准”一栏，或 `--rules` 规则集中的一条", "按评分办法默认规则计分的指标", "预算执行率一行"):
        assert words in DOC
