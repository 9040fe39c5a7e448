"""The first screen of `rescore check` on the shipped example, at 80 columns.

`tests/golden/hengyang-2024.80.txt` is `COLUMNS=80 rescore examples/hengyang-2024/report.json
--no-colour` (regenerate with RESCORE_UPDATE_GOLDEN=1, like tests/test_golden.py). The overview
before the line `以上为概览` is at most 40 lines and names every error-level finding by its
table and row; no line of the whole output is wider than 80 display columns; with NO_COLOR set
a terminal gets no escape codes (and does without it).
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from engine.output.overview import END
from engine.text.width import display_width

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "hengyang-2024.80.txt"
SEED = "examples/hengyang-2024/report.json"


@pytest.fixture(scope="module")
def screen() -> str:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        done = CliRunner().invoke(cli, [SEED, "--no-colour"], env={"COLUMNS": "80"})
    assert done.exit_code == 1, done.output
    if os.environ.get("RESCORE_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(done.output, encoding="utf-8")
    return done.output


def test_golden_at_80_columns(screen: str) -> None:
    assert screen == GOLDEN.read_text(encoding="utf-8"), "RESCORE_UPDATE_GOLDEN=1 to accept the new output"


def test_first_screen_is_short_and_has_every_error(screen: str) -> None:
    lines = screen.splitlines()
    first = lines[: lines.index(END) + 1]
    assert len(first) <= 40, len(first)
    data = json.loads(CliRunner().invoke(cli, [str(ROOT / SEED), "--format", "json"]).output)
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert errors
    text = "\n".join(first)
    for f in errors:
        assert f"表 {f['table_number']} 第 {f['row']} 行 {f['item']}：{f['code']}" in text, f


def test_no_line_is_wider_than_80_columns(screen: str) -> None:
    wide = [line for line in screen.splitlines() if display_width(line) > 80]
    assert not wide, wide[:3]


def test_no_wrapped_line_starts_with_closing_punctuation(screen: str) -> None:
    """「（办法 50）；」 at the edge goes down whole (it used to leave 「）；」 to start a line)."""
    starts = [line for line in screen.splitlines() if line.lstrip()[:1] in set("，。；：、）」』】》”")]
    assert not starts, starts[:3]
    from engine.output.wrap import wrap

    assert wrap("产出指标 20（办法 50）；效益指标", 22) == ["产出指标 20（办法", "    50）；效益指标"]


def _on_a_terminal(env: dict[str, str]) -> str:
    """The output of `rescore SEED` with stdout a pseudo-terminal."""
    leader, follower = pty.openpty()
    code = "import sys; from engine.cli import main; main(sys.argv[1:])"
    proc = subprocess.Popen([sys.executable, "-c", code, SEED], stdout=follower, stderr=subprocess.DEVNULL,
                            cwd=ROOT, env={**os.environ, "COLUMNS": "100", **env})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_no_color_is_honoured_on_a_terminal() -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("NO_COLOR", raising=False)
        coloured = _on_a_terminal({})
    assert "\033[" in coloured or env is None
    plain = _on_a_terminal({"NO_COLOR": "1"})
    assert "复核" in plain and "\033[" not in plain


def test_progress_bar_goes_to_stderr_only_on_a_terminal(tmp_path: Path) -> None:
    copy = tmp_path / "b.json"
    copy.write_text((ROOT / SEED).read_text(encoding="utf-8"), encoding="utf-8")
    code = "import sys; from engine.cli import main; main(sys.argv[1:])"
    args = [sys.executable, "-c", code, SEED, str(copy), "--format", "jsonl", "--jobs", "1"]
    leader, follower = pty.openpty()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=follower, cwd=ROOT)
    os.close(follower)
    out, _ = proc.communicate(timeout=120)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert len(out.decode().splitlines()) == 2  # stdout stays clean JSON Lines
    assert "复核".encode() in seen and b"2/2" in seen
    piped = subprocess.run(args, capture_output=True, cwd=ROOT, timeout=120)
    assert piped.stderr == b""
