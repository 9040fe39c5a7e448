"""Hostile report files, each run through the real command line in a subprocess with a timeout:
every one exits 2 with a Chinese message naming the place, none hangs, none prints a traceback.

The values are the ones a hostile user tried (issue 14): numbers of 10²⁶ and more, exponents of a
million, a 5,000-digit integer, a year of 10⁴⁰⁰, `schema_version: true`, a negative weight, a
cell of 20,000 characters; and files that are not reports: a FIFO with no writer, a device, a
file over the size limit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from test_loading import valid_report

TIMEOUT = 30  # seconds; each case finishes in well under one


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from engine.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=TIMEOUT, env={**os.environ, **(env or {})})


def write_raw(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "report.json"
    path.write_text(text, encoding="utf-8")
    return path


def with_value(tmp_path: Path, where: tuple[Any, ...], raw: str) -> Path:
    """The small valid report with the JSON text `raw` put at `where` (verbatim, so that numbers
    too large for Python's own json reach the loader as the file has them)."""
    data = valid_report()
    node: Any = data
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = "@@VALUE@@"
    return write_raw(tmp_path, json.dumps(data, ensure_ascii=False).replace('"@@VALUE@@"', raw))


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stdout[-500:], result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    for word in words:
        assert word in result.stderr, (word, result.stderr[-2000:])


SCORE = ("tables", 0, "indicators", 1, "claimed_score")
WEIGHT = ("tables", 0, "indicators", 1, "weight")
AMOUNT = ("basic_data", "expenses", 0, "final")


@pytest.mark.parametrize("where, raw, words", [
    (SCORE, "1e28", ["得分 (claimed_score)", "超出合理范围"]),
    (SCORE, "1e9999999", ["超出合理范围"]),
    (SCORE, "1e999999", ["超出合理范围"]),
    (SCORE, "1e-999999999", ["小数位数超过 10 位"]),
    # found by bench/fuzz.py: more than 15 digits and a huge negative exponent made the float-noise
    # rounding raise InvalidOperation (exit 70) before the bounds were checked
    (("tables", 0, "scale"), '"9999999999999999999999999999999999999999.51e-999999999"', ["满分 (scale)", "小数位数超过 10 位"]),
    (SCORE, '"12345678901234567890e-999999"', ["小数位数超过 10 位"]),
    (SCORE, "1" * 5000, ["超出合理范围"]),
    (WEIGHT, "-5", ["分值 (weight)", "应为非负数"]),
    (WEIGHT, '"1e30"', ["超出合理范围"]),
    (AMOUNT, "1e16", ["超出合理范围"]),
    (AMOUNT, "0.12345678901", ["小数位数超过 10 位"]),
    (("year",), "1e400", ["年度 (year)", "1900–2100"]),
    (("year",), "2024.5", ["年度 (year)", "应为整数"]),
    (("schema_version",), "true", ["应为数字 1，而不是 true/false"]),
    (("tables", 0, "indicators", 1, "rule"), json.dumps("扣" * 20000, ensure_ascii=False), ["超过一个单元格的上限"]),
])
def test_an_out_of_range_value_is_refused_with_its_place(tmp_path: Path, where: tuple[Any, ...], raw: str,
                                                         words: list[str]) -> None:
    assert_refused(run(str(with_value(tmp_path, where, raw))), *words)


def test_numbers_at_the_bounds_are_read(tmp_path: Path) -> None:
    """A score of 10⁶ and an amount of 10¹⁵ with 10 decimal places are within the bounds."""
    data = valid_report()
    data["basic_data"]["expenses"][0]["final"] = "999999999999999.0123456789"
    data["basic_data"]["expenses"][1]["final"] = "999999999999999.0123456789"
    path = write_raw(tmp_path, json.dumps(data, ensure_ascii=False))
    result = run(str(path), "--summary")
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_fifo_with_no_writer_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    assert_refused(run(str(fifo)), "不是普通文件", "命名管道")


def test_a_device_is_refused_before_it_is_read() -> None:
    assert_refused(run("/dev/zero"), "不是普通文件", "设备文件")


def test_a_file_over_the_size_limit_is_refused_naming_the_limit(tmp_path: Path) -> None:
    path = write_raw(tmp_path, json.dumps(valid_report(), ensure_ascii=False) + " " * 5000)
    assert_refused(run(str(path), env={"RESCORE_MAX_REPORT_BYTES": "4096"}), "超过报告文件的上限 4,096 字节",
                   "RESCORE_MAX_REPORT_BYTES")


def test_a_socket_is_refused_before_it_is_read(tmp_path: Path) -> None:
    import socket

    where = tmp_path / "report.json"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(where))
        assert_refused(run(str(where)), "不是普通文件", "套接字")


LONG = "长" * 300  # 900 bytes in UTF-8: over the 255 a file name may have


@pytest.mark.parametrize("args, words", [
    ((f"/tmp/{LONG}.json",), ["文件名太长"]),
    (("check", f"/tmp/{LONG}"), ["文件名太长"]),
    (("import", f"/tmp/{LONG}.xlsx"), ["文件名太长"]),
])
def test_a_name_too_long_for_the_system_is_a_reason_not_a_crash(args: tuple[str, ...], words: list[str]) -> None:
    """A 300-character name once crashed in command resolution (Path.exists raises ENAMETOOLONG)."""
    assert_refused(run(*args), *words)


def test_output_to_a_name_too_long_is_refused(tmp_path: Path) -> None:
    report = write_raw(tmp_path, json.dumps(valid_report(), ensure_ascii=False))
    result = run(str(report), "--format", "json", "-o", str(tmp_path / f"{LONG}.json"))
    assert result.returncode == 2 and "无法写入" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file: permissions cannot be taken away")
def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    report = write_raw(tmp_path, json.dumps(valid_report(), ensure_ascii=False))
    report.chmod(0)
    assert_refused(run(str(report)), "没有读取这个文件的权限")
