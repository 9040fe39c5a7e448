"""Terminal safety (issue 14): control, escape and direction-override characters from a report
are shown escaped in every output written to a stream or a file, never passed through; the colour
codes rescore writes itself still pass; JSON keeps the very strings the report holds. And a
report cannot choose its scoring method by a path: only a shipped name (or a file given on the
command line) is ever read.

Each command line runs in a subprocess with a timeout, as a user runs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from engine.text.digits import shown
from engine.text.terminal import terminal_safe
from test_loading import valid_report

TIMEOUT = 60

HOSTILE_NAME = "恶意\x1b]0;改掉窗口标题\x07红色\x1b[31m\r覆盖"
HOSTILE_ACTUAL = "95%\x1b[2J"
HOSTILE_TABLE = "表\u202e名反转\x00"
RAW = ("\x1b", "\x07", "\r", "\u202e", "\x00")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from engine.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=TIMEOUT,
                          env={**os.environ, "NO_COLOR": "", **(env or {})})


def hostile_report(tmp_path: Path) -> Path:
    data: dict[str, Any] = valid_report()
    table = data["tables"][0]
    table["name"] = HOSTILE_TABLE
    row = table["indicators"][1]
    row.update(level3=HOSTILE_NAME, target="95%", actual=HOSTILE_ACTUAL, rule="达到95%得满分，每低1%扣2分")
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("text, shown", [
    ("a\x1b[2Jb", "a\\u001b[2Jb"),                        # clear screen
    ("\x1b]0;title\x07", "\\u001b]0;title\\u0007"),        # set the window title
    ("旧\r新", "旧\\u000d新"),                             # overwrite the line
    ("\u202e名", "\\u202e名"), ("\u2066x\u2069", "\\u2066x\\u2069"),  # direction overrides
    ("\x00\x08\x7f\x9b", "\\u0000\\u0008\\u007f\\u009b"),  # NUL, backspace, DEL, the C1 CSI
    ("行\n\t列", "行\n\t列"),                               # newline and tab are layout
    ("\x1b[31m错误\x1b[0m", "\\u001b[31m错误\\u001b[0m"),          # no colour asked: colour codes too
    ("满意度≥90%，得10分", "满意度≥90%，得10分"),
])
def test_terminal_safe_escapes_what_moves_the_terminal(text: str, shown: str) -> None:
    assert terminal_safe(text) == shown


@pytest.mark.parametrize("text, shown", [
    ("\x1b[31m错误\x1b[0m \x1b[1m粗\x1b[0m", "\x1b[31m错误\x1b[0m \x1b[1m粗\x1b[0m"),  # rescore's colours
    ("\x1b[5m闪\x1b[8m", "\\u001b[5m闪\\u001b[8m"),         # blink and conceal are not colours
    ("\x1b[31;1m", "\\u001b[31;1m"), ("\x1b[2J", "\\u001b[2J"), ("\x1b]8;;http://x\x07", "\\u001b]8;;http://x\\u0007"),
])
def test_colour_keeps_only_rescores_own_codes(text: str, shown: str) -> None:
    assert terminal_safe(text, keep_colour=True) == shown


def test_text_output_shows_escapes_and_never_passes_them(tmp_path: Path) -> None:
    result = run(str(hostile_report(tmp_path)))
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    for raw in RAW:
        assert raw not in result.stdout, repr(raw)
    assert "\\u001b]0;改掉窗口标题\\u0007红色" in result.stdout  # the name is there, escaped
    assert "\\u000d覆盖" in result.stdout
    assert "表\\u202e名反转\\u0000" in result.stdout


def test_forced_colour_keeps_own_codes_and_escapes_the_cell(tmp_path: Path) -> None:
    result = run(str(hostile_report(tmp_path)), "--colour")
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert "\x1b[33m" in result.stdout or "\x1b[31m" in result.stdout  # rescore's own colours
    assert "\x1b[2J" not in result.stdout and "\x1b]" not in result.stdout and "\x07" not in result.stdout
    assert "95%\\u001b[2J" in result.stdout or "\\u001b]0;" in result.stdout


def test_written_files_are_escaped_too_and_json_keeps_the_strings(tmp_path: Path) -> None:
    report = hostile_report(tmp_path)
    text_file, json_file = tmp_path / "out.txt", tmp_path / "out.json"
    assert run(str(report), "-o", str(text_file)).returncode in (0, 1)
    written = text_file.read_text(encoding="utf-8")
    for raw in RAW:
        assert raw not in written, repr(raw)
    assert "表\\u202e名反转\\u0000" in written

    assert run(str(report), "--format", "json", "-o", str(json_file)).returncode in (0, 1)
    on_stdout = run(str(report), "--format", "json")
    for raw in RAW:
        assert raw not in json_file.read_text(encoding="utf-8") and raw not in on_stdout.stdout, repr(raw)
    for dumped in (json.loads(json_file.read_text(encoding="utf-8")), json.loads(on_stdout.stdout)):
        names = json.dumps(dumped, ensure_ascii=False)
        # the decoded JSON holds the report's own strings, character for character
        assert HOSTILE_TABLE in {t["name"] for t in dumped["tables"]}, names[:500]
        assert HOSTILE_NAME in {i["name"] for t in dumped["tables"] for i in t["items"]}


def test_error_messages_on_stderr_are_escaped(tmp_path: Path) -> None:
    data = valid_report()
    data["tables"][0]["indicators"][1]["weight"] = "四十\x1b[2J"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run(str(path))
    assert "\x1b" not in result.stderr and "\x1b" not in result.stdout
    assert "\\u001b[2J" in result.stderr + result.stdout


@pytest.mark.parametrize("where", ["absolute", "relative", "bare"])
def test_a_report_cannot_point_at_a_profile_file(tmp_path: Path, where: str) -> None:
    """A profile file the report names by path is never read: only shipped names are (a file
    is chosen on the command line, `--profile FILE.toml`). The file here would change the grade
    bounds if it were read; the report is refused with the shipped names listed instead."""
    evil = tmp_path / "evil.toml"
    evil.write_text('extends = "mof2020"\nname = "evil"\n', encoding="utf-8")
    named = {"absolute": str(evil), "relative": "../" + evil.name, "bare": "evil.toml"}[where]
    data = valid_report()
    data["profile"] = named
    path = tmp_path / "sub" / "report.json"
    path.parent.mkdir()
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", "from engine.cli import main; main()", str(path)],
                            capture_output=True, text=True, timeout=TIMEOUT, cwd=tmp_path)
    assert result.returncode == 2, (result.stdout[-500:], result.stderr[-1000:])
    assert f"没有评分办法「{shown(named, 40)}」" in result.stderr and "mof2020" in result.stderr
    assert "Traceback" not in result.stderr
    # the same file given on the command line is the user's choice, and is read
    chosen = run(str(path), "--profile", str(evil))
    assert chosen.returncode in (0, 1), chosen.stderr[-1000:]
