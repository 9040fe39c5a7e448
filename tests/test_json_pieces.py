"""`--format json` is written in pieces as it is made (`engine.output.jsonout.dumps_pieces`), so
that a large report's JSON is never whole in memory; the pieces joined are byte for byte the
JSON made at once (`dumps_bytes`), for one report, several, an unreadable one, and values that
orjson cannot write (json's way is taken for that piece). The same for `--format jsonl` of a
large report reviewed in this process (`dumps_line_pieces` against `dumps_line_bytes`, from
`batch.PIECES_FROM` items; here made to apply to the example)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from engine.cli import cli
from engine.output import batch
from engine.output.jsonout import dumps_bytes, dumps_line_bytes, dumps_line_pieces, dumps_pieces
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


@pytest.mark.parametrize("pieces, whole", [(dumps_pieces, dumps_bytes), (dumps_line_pieces, dumps_line_bytes)])
@pytest.mark.parametrize("value", [
    {"tables": [], "findings": [{"a": Decimal("1.50"), "b": []}], "c": {}},
    {"deep": [{"x": [{"y": {"z": [1, 2]}}]}], "big": 2 ** 70, "empty": [[]]},
    [{"n": 2 ** 70, "s": "多行\n文本"}, [], {}],
])
def test_any_value_in_pieces(value: object, pieces: Any, whole: Any) -> None:
    def lazy(v: object) -> object:  # every list an iterator, at every depth (lists are not looked into)
        if isinstance(v, dict):
            return {k: lazy(x) for k, x in v.items()}
        return iter([lazy(x) for x in v]) if isinstance(v, list) else v

    assert b"".join(pieces(lazy(value))) == whole(value)


def test_a_large_reports_line_is_written_in_pieces(reviewed: Reviewed, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = Unreadable("broken.json", ("文件: 文件不存在",))
    assert list(batch.jsonl_pieces(reviewed)) == [batch.jsonl_line(reviewed)]  # 80 items: at once
    monkeypatch.setattr(batch, "PIECES_FROM", 1)
    pieces = list(batch.jsonl_pieces(reviewed))
    assert len(pieces) > len(reviewed.result.tables)
    assert b"".join(pieces) == batch.jsonl_line(reviewed) == dumps_line_bytes(reviewed.result.to_dict())
    assert list(batch.jsonl_pieces(broken)) == [batch.jsonl_line(broken)]


@pytest.mark.parametrize("to_file", [True, False])
def test_the_command_writes_the_same_line_in_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    to_file: bool) -> None:
    def run(pieces_from: int) -> bytes:
        monkeypatch.setattr(batch, "PIECES_FROM", pieces_from)
        out = tmp_path / f"out-{pieces_from}.jsonl"
        done = CliRunner().invoke(cli, ["check", str(EXAMPLE), "--format", "jsonl", "--jobs", "1",
                                        *(["-o", str(out)] if to_file else [])])
        assert done.exit_code in (0, 1), done.output
        return out.read_bytes() if to_file else done.stdout_bytes

    whole, pieces = run(10 ** 9), run(1)
    assert pieces == whole and whole.count(b"\n") == 1 and len(whole) > 10_000
