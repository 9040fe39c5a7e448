"""What the review keeps instead of computing again changes no output.

A large report is fast because each parsed rule keeps what it alone decides
(`engine.scoring.memo.per_rule`) and each distinct row (rule, target, actual, weight, what the
name says of the direction, declared direction) is evaluated once per report
(`engine.review.indicators`). Here every output format of the same reports is rendered twice,
with everything computed every time (`memo.KEEP = False`, the slow path) and as shipped, and
compared byte for byte. The reports: the shipped example, and one generated from the shared
corpus phrases (`bench/rescore_bench.py`) whose tables are repeated with the indicator names
moved round, so that the same row recurs under names that read the direction differently
(控制率 lower, 完成率 higher, no direction word) and under the same name. The HTML page, whose
score curves are drawn once per distinct curve and evaluated once per distinct point of one
(`engine.output.curve.Curves`), is compared the same way on the example and on a part of the
generated report (the whole would take half a minute on the slow path).
"""

from __future__ import annotations

import copy
import json
import sys
from typing import Any

import pytest
from support import REPOSITORY, shared

from engine.output import batch
from engine.output import curve
from engine.output.curve import samples
from engine.output.html import render_report_html
from engine.output.outcomes import Outcome, Reviewed
from engine.profiles import load_profile
from engine.report.loading import load_report, parse_report
from engine.report.model import Report
from engine.review.pipeline import rescore
from engine.scoring import memo

sys.path.insert(0, str(REPOSITORY / "bench"))
import rescore_bench  # noqa: E402

EXAMPLE = REPOSITORY / "examples" / "hengyang-2024" / "report.json"
NAMES = ("在职人员控制率", "任务完成率", "群众满意度", "优良天数比例", "事故发生率", "项目数量")


def _generated() -> dict[str, Any]:
    lines = shared("corpus", "phrases.tsv").read_text(encoding="utf-8").splitlines()[1:]
    phrases = [line.split("\t")[0] for line in lines if line.strip()]
    raw = rescore_bench.generate_raw(phrases, 600, 20, 3, seed=13)
    rescore_bench.calibrate(raw, rescore(Report.model_validate(raw), load_profile("mof2020")), seed=13)
    tables = []
    for shift in range(3):  # the same rows again, each under another name
        for table in raw["tables"]:
            table = copy.deepcopy(table)
            for i, ind in enumerate(table["indicators"]):
                ind["level3"] = NAMES[(i + shift) % len(NAMES)]
            tables.append({**table, "name": f"{table['name']}-{shift}"})
    return {**raw, "tables": tables}


def _outputs(outcomes: list[Outcome]) -> dict[str, bytes]:
    return {
        "json": batch.render_check_json_utf8(outcomes),
        "jsonl": batch.render_check_jsonl(outcomes).encode(),
        "text": batch.render_check_text(outcomes, False, 100, True).encode(),
        "markdown": batch.render_check_markdown(outcomes).encode(),
    }


def _rendered(report: Report, file: str) -> dict[str, bytes]:
    return _outputs([Reviewed(file, rescore(report, load_profile(report.profile or "mof2020"), file=file))])


@pytest.fixture(scope="module")
def generated() -> Report:
    return parse_report(json.dumps(_generated(), ensure_ascii=False))


@pytest.mark.parametrize("which", ["example", "generated"])
def test_kept_values_change_no_output(which: str, generated: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    report = load_report(EXAMPLE) if which == "example" else generated
    file = str(EXAMPLE) if which == "example" else "generated.json"
    with monkeypatch.context() as slow:
        slow.setattr(memo, "KEEP", False)
        computed = _rendered(report, file)
    kept = _rendered(report, file)
    for fmt, output in computed.items():
        assert kept[fmt] == output, f"{which}: --format {fmt} differs once values are kept"


@pytest.mark.parametrize("which", ["example", "generated"])
def test_curves_drawn_once_change_no_page(which: str, generated: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    if which == "example":
        report, file = load_report(EXAMPLE), str(EXAMPLE)
    else:  # 4 tables under each of the 3 namings: 240 rows, the same rows under other names
        tables = [t for n, t in enumerate(generated.tables) if n % 30 in (0, 7, 15, 17)]
        data = {**generated.model_dump(), "tables": [t.model_dump() for t in tables]}
        report, file = Report.model_validate(data), "generated.json"
    result = rescore(report, load_profile(report.profile or "mof2020"), file=file)
    if which == "generated":  # the same row draws another curve under another name: the name's reading is in the key
        curves: dict[tuple[object, ...], set[object]] = {}
        for item in (i for t in result.tables for i in t.items if i.row is not None):
            got = samples(item, "floor")
            key = (item.rule.text, item.target, item.actual, item.weight)
            curves.setdefault(key, set()).add(None if got is None else tuple((p.low, p.high) for p in got[0]))
        assert sum(1 for drawn in curves.values() if len(drawn) > 1) >= 3
    with monkeypatch.context() as slow:
        slow.setattr(memo, "KEEP", False)
        computed = render_report_html(result)
    kept = render_report_html(result)
    assert kept == computed
    with monkeypatch.context() as full:  # the caches emptied when full, again and again
        full.setattr(curve, "KEPT_CURVES", 3)
        full.setattr(curve, "KEPT_POINTS", 100)
        assert render_report_html(result) == computed
    assert kept.count('<svg class="curve"') > (5 if which == "example" else 150)


def test_the_generated_report_repeats_rows_under_other_names(generated: Report) -> None:
    """The comparison above means something only if rows recur, under names read differently."""
    seen: dict[tuple[object, ...], set[str]] = {}
    for table in generated.tables:
        for ind in table.indicators:
            seen.setdefault((ind.rule, ind.target, ind.actual, ind.weight), set()).add(ind.name)
    assert len(generated.tables) == 90
    assert sum(1 for names in seen.values() if {"在职人员控制率", "任务完成率"} <= names) > 100
