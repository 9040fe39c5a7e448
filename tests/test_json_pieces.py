"""`--format json` is written in pieces as it is made (`engine.output.jsonout.dumps_pieces`), so
that a large report's JSON is never whole in memory; the pieces joined are byte for byte the
JSON made at once (`dumps_bytes`), for one report, several, an unreadable one, and values that
orjson cannot write (json's way is taken for that piece)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from engine.output import batch
from engine.output.jsonout import dumps_bytes, dumps_pieces
from engine.output.outcomes import Reviewed, Unreadable
from engine.profiles import load_profile
from engine.report.loading import load_report
from engine.review.pipeline import rescore

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "hengyang-2024" / "report.json"


@pytest.fixture(scope="module")
def reviewed() -> Reviewed:
    return Reviewed(str(EXAMPLE), rescore(load_report(EXAMPLE), load_profile("mof2020"), file=str(EXAMPLE)))


@pytest.mark.parametrize("count", [1, 2])
def test_pieces_are_the_json(reviewed: Reviewed, count: int) -> None:
    outcomes = [reviewed] * count + ([Unreadable("broken.json", ("文件: 文件不存在",))] if count > 1 else [])
    pieces = list(batch.render_check_json_pieces(outcomes))
    assert len(pieces) > len(reviewed.result.tables)  # written table by table, finding by finding
    assert b"".join(pieces) == batch.render_check_json_utf8(outcomes)


@pytest.mark.parametrize("value", [
    {"tables": [], "findings": [{"a": Decimal("1.50"), "b": []}], "c": {}},
    {"deep": [{"x": [{"y": {"z": [1, 2]}}]}], "big": 2 ** 70, "empty": [[]]},
    [{"n": 2 ** 70, "s": "多行\n文本"}, [], {}],
])
def test_any_value_in_pieces(value: object) -> None:
    def lazy(v: object) -> object:  # every list an iterator, at every depth (lists are not looked into)
        if isinstance(v, dict):
            return {k: lazy(x) for k, x in v.items()}
        return iter([lazy(x) for x in v]) if isinstance(v, list) else v

    assert b"".join(dumps_pieces(lazy(value))) == dumps_bytes(value)
