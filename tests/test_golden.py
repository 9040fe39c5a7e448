"""Golden outputs: the whole seed report through the CLI, in every format.

`tests/golden/hengyang-2024.{txt,json,md}` are what `rescore examples/hengyang-2024/report.json
--format text|json|markdown` prints (text without colour), run from the repository root. They
double as documentation of what a reviewer sees. After an intended change, regenerate them with

    RESCORE_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py

and read the diff as a reviewer would before committing it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import EXIT_FINDINGS, cli

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED = "examples/hengyang-2024/report.json"  # relative: the path is printed in the output
UPDATE = os.environ.get("RESCORE_UPDATE_GOLDEN") == "1"

FORMATS = {
    "txt": ["--format", "text", "--no-colour"],
    "json": ["--format", "json"],
    "md": ["--format", "markdown"],
}


def _output(args: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("COLUMNS", raising=False)  # not a terminal, no COLUMNS: no wrapping
    result = CliRunner().invoke(cli, [SEED, *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_golden(suffix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    exit_code, output = _output(FORMATS[suffix], monkeypatch)
    # the seed has score errors, so every format exits 1
    assert exit_code == EXIT_FINDINGS, output
    path = GOLDEN / f"hengyang-2024.{suffix}"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(output, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with RESCORE_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if output != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True), output.splitlines(keepends=True),
                                            fromfile=f"golden/{path.name}", tofile="current", n=2))
        pytest.fail(f"output differs from {path.name} (RESCORE_UPDATE_GOLDEN=1 to accept):\n{diff}")


def test_text_golden_has_no_colour() -> None:
    path = GOLDEN / "hengyang-2024.txt"
    if path.exists():
        assert "\033[" not in path.read_text(encoding="utf-8")
