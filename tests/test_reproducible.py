"""Byte-identical output (issue 14): the shipped example under three PYTHONHASHSEED values gives
the same bytes in every output format, and so do the workbooks `export` and `--summary-out`
write (openpyxl stamped each with the time it was saved; engine.output.xlsx_save fixes the
stamps). Each run is the real command line in a subprocess, a second apart at least, so that a
time stamp would show.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine.cli.check import FORMATS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hengyang-2024" / "report.json"
SEEDS = ("0", "1", "4242")
TIMEOUT = 120


def rescore(seed: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([sys.executable, "-c", "from engine.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=TIMEOUT, env=env)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_the_same_bytes_under_every_hash_seed(tmp_path: Path, fmt: str) -> None:
    digests = {}
    for seed in SEEDS:
        target = tmp_path / f"{seed}.{fmt}"
        result = rescore(seed, str(EXAMPLE), "--format", fmt, "-o", str(target))
        assert result.returncode == 1, result.stderr[-2000:]  # the example has error-level findings
        assert target.stat().st_size > 1000
        digests[seed] = digest(target)
        time.sleep(1.05)
    assert len(set(digests.values())) == 1, digests


def test_workbooks_of_export_and_summary_are_the_same_bytes(tmp_path: Path) -> None:
    exported, summaries = set(), set()
    for seed in SEEDS[:2]:
        form, summary = tmp_path / f"form-{seed}.xlsx", tmp_path / f"summary-{seed}.xlsx"
        assert rescore(seed, "export", str(EXAMPLE), "-o", str(form)).returncode == 0
        assert rescore(seed, str(EXAMPLE), "--summary-out", str(summary), "-o", str(tmp_path / "x.json"),
                       "--format", "json").returncode == 1
        exported.add(digest(form))
        summaries.add(digest(summary))
        time.sleep(1.05)
    assert len(exported) == 1 and len(summaries) == 1


def test_source_date_epoch_sets_the_workbook_time(tmp_path: Path) -> None:
    import openpyxl

    target = tmp_path / "form.xlsx"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run([sys.executable, "-c", "from engine.cli import main; main()", "export", str(EXAMPLE),
                    "-o", str(target)], check=True, capture_output=True, timeout=TIMEOUT, env=env)
    book = openpyxl.load_workbook(target)
    assert str(book.properties.created) == str(book.properties.modified) == "2023-11-14 22:13:20"
