"""The report records (engine.report.model) validated through the kept core schema behave as the
full pydantic models (engine.report.full) they are made from: same values, same errors, same dump.

Reports come from tests/strategies.py: the shipped example, its mutations and reports shaped on
the JSON Schema, drawn with a seeded random.Random.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import pickle
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pydantic_core
import pytest

import strategies as S
from engine.report import full, kept, model
from engine.report.loading import _Decoder

ROOT = Path(__file__).resolve().parents[1]
RECORDS = [model.Report, model.BasicData, model.Staffing, model.ExpenseColumns, model.ExpenseRow, model.Buildings,
           model.BuildingProject, model.Table, model.FundingRow, model.Origin, model.Execution, model.Goals,
           model.Indicator]


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("gen_kept", ROOT / "tools" / "gen_kept.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _raw(text: str) -> Any:
    return _Decoder().loads(text)


def _reports(n: int, seed: int) -> list[Any]:
    rng = random.Random(seed)
    texts = [S.random_report(rng) for _ in range(n)]
    out = []
    for text in texts:
        try:
            out.append(_raw(text))
        except (json.JSONDecodeError, RecursionError):
            continue
    return out


def _errors(cls: type, raw: Any) -> list[dict[str, Any]] | None:
    try:
        cls.model_validate(raw)  # type: ignore[attr-defined]
    except pydantic_core.ValidationError as error:
        return [{**{k: v for k, v in e.items() if k not in ("input", "ctx")}, "ctx": repr(e.get("ctx"))}
                for e in error.errors(include_url=False)]
    return None


@pytest.mark.skipif(kept.PYDANTIC_CORE_VERSION != pydantic_core.__version__,
                    reason="kept for another pydantic-core: the records use the full models' schema, built at run time")
def test_the_kept_schema_is_the_one_the_generator_writes() -> None:
    kept = (ROOT / "engine" / "report" / "kept.py").read_text(encoding="utf-8")
    assert kept == _generator().render_report_schema(), "the report models changed: run tools/gen_kept.py"


def test_each_record_has_the_fields_of_its_full_model_in_order() -> None:
    for record in RECORDS:
        assert list(record.__annotations__) == list(getattr(full, record.__name__).model_fields), record.__name__
        assert record.__doc__ == getattr(full, record.__name__).__doc__


def test_the_kept_definitions_are_those_of_the_full_models() -> None:
    """The fallback (another pydantic-core) and the kept module validate with the same definitions."""
    built = full.kept_definitions()
    assert [d["ref"] for d in built] == [d["ref"] for d in kept.DEFINITIONS]
    assert {d["ref"] for d in built} == {cls.__name__ for cls in RECORDS}


def test_the_example_validates_to_the_same_values_and_dump() -> None:
    raw = _raw(S.example_report())
    record = model.Report.model_validate(copy.deepcopy(raw))
    pydantic_model = full.Report.model_validate(copy.deepcopy(raw))
    assert type(record) is model.Report and type(record.tables[0].indicators[0]) is model.Indicator
    assert record.model_dump() == pydantic_model.model_dump()
    assert record.model_dump_json(by_alias=True, exclude_none=True) == pydantic_model.model_dump_json(
        by_alias=True, exclude_none=True)
    assert record.model_dump(mode="json", exclude_defaults=True) == pydantic_model.model_dump(
        mode="json", exclude_defaults=True)
    assert record.model_fields_set == pydantic_model.model_fields_set
    assert record.tables[0].scale == Decimal(100) and record.year == pydantic_model.year


def test_mutated_and_schema_shaped_reports_give_the_same_errors_or_values() -> None:
    invalid = 0
    for raw in _reports(300, seed=13):
        expected = _errors(full.Report, copy.deepcopy(raw))
        assert _errors(model.Report, copy.deepcopy(raw)) == expected
        if expected is None:
            assert model.Report.model_validate(copy.deepcopy(raw)).model_dump() == full.Report.model_validate(
                copy.deepcopy(raw)).model_dump()
        else:
            invalid += 1
    assert 50 < invalid < 300  # both kinds were drawn


def test_a_record_is_frozen_equal_by_value_and_survives_pickle_and_copy() -> None:
    report = model.Report.model_validate(_raw(S.example_report()))
    again = model.Report.model_validate(_raw(S.example_report()))
    assert report == again and report is not again
    with pytest.raises(AttributeError):
        report.unit = "别的单位"  # type: ignore[misc]
    for back in (pickle.loads(pickle.dumps(report)), copy.deepcopy(report), copy.copy(report)):
        assert back == report and back.model_dump() == report.model_dump()
        assert back.model_fields_set == report.model_fields_set
    indicator = report.tables[0].indicators[0]
    assert hash(indicator) == hash(model.Indicator.model_validate(indicator.model_dump()))


def test_a_validation_error_reads_as_the_full_models_does() -> None:
    for name in ("Report", "Indicator", "BasicData"):
        with pytest.raises(pydantic_core.ValidationError) as ours:
            getattr(model, name).model_validate({"schema_version": 2, "weight": "x", "expenses": 1})
        with pytest.raises(pydantic_core.ValidationError) as theirs:
            getattr(full, name).model_validate({"schema_version": 2, "weight": "x", "expenses": 1})
        assert str(ours.value) == str(theirs.value) and ours.value.title == name


def test_a_record_built_from_fields_is_validated_with_its_defaults() -> None:
    columns = model.ExpenseColumns()
    assert (columns.prior_final, columns.budget, columns.final) == ("上年决算数", "本年预算数", "本年决算数")
    row = model.FundingRow(source="年度资金总额", full_year="１０")
    assert row.breakdown == "total" and row.full_year == Decimal(10)
    with pytest.raises(pydantic_core.ValidationError) as raised:
        model.Indicator(weight="-1")
    assert raised.value.errors()[0]["loc"] == ("weight",)
