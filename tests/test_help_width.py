"""`--help` at `COLUMNS=80` fits 80 display columns (a 汉字 is two), and click's own strings a
user sees are Chinese: a bad `--jobs`, the range in help, a missing argument's full stop.
Each is a `rescore` process with a timeout, as a user runs it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from engine.cli.helpformat import wrap_text
from engine.text.width import display_width

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["", "check", "explain", "schema", "rule", "lint", "import", "export", "profiles", "compare"]
ENGLISH = re.compile(r"Usage|Options|Commands|Error|integer|float|range|x>=|x<=|Show this|default:|Missing")


def _rescore(*args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from engine.cli import main; main(sys.argv[1:])"
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, env=env)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_fits_80_columns_and_is_chinese(command: str) -> None:
    done = _rescore(*([command] if command else []), "--help")
    assert done.returncode == 0, done.stderr
    wide = [(display_width(line), line) for line in done.stdout.splitlines() if display_width(line) > 80]
    assert not wide, wide[:3]
    assert done.stdout.startswith("用法: rescore")
    assert not ENGLISH.search(done.stdout), ENGLISH.findall(done.stdout)


def test_check_help_shows_the_range_in_chinese() -> None:
    out = _rescore("check", "--help").stdout
    jobs = next(line for line in out.splitlines() if "--jobs" in line)
    assert jobs.rstrip().endswith("[≥1]") and "x>=1" not in out
    assert "[默认：text]" in out


def test_a_wrapped_command_line_continues_under_its_description() -> None:
    lines = _rescore("--help").stdout.splitlines()
    k = next(i for i, line in enumerate(lines) if line.lstrip().startswith("rescore import FILE"))
    first, second = lines[k], lines[k + 1]
    column = display_width(first[:first.index("从")])
    assert display_width(second) - display_width(second.lstrip()) == column, (first, second)
    assert "读出草稿报" in first + second and display_width(first) <= 80


def test_a_bad_jobs_value_is_said_in_chinese() -> None:
    done = _rescore("check", "--jobs", "x", "a.json")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines()[-1] == "错误：'-j' / '--jobs' 的值无效：「x」不是有效的整数；须为 ≥1 的整数。"
    done = _rescore("check", "--jobs", "0", "a.json")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == "错误：'-j' / '--jobs' 的值无效：0 不在允许的范围内；须为 ≥1 的整数。"
    assert not ENGLISH.search(done.stderr) and "Traceback" not in done.stderr


def test_a_missing_argument_ends_in_a_chinese_full_stop() -> None:
    done = _rescore("check")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == "错误：缺少参数 'PATH…'。"
    for line in done.stderr.splitlines():
        assert display_width(line) <= 80


def test_an_unknown_option_and_its_suggestion() -> None:
    done = _rescore("check", "a.json", "--summry")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == "错误：没有选项 '--summry'。（是不是其中之一：'--summary', '--summary-out'？）"


def test_paragraphs_are_reflowed_by_display_width() -> None:
    text = "第一段的文字写在\n两行里，合起来不加空格。\n\nEnglish words\nare joined by a space\n\n\b\n  a  保持原样"
    out = wrap_text(text, 20, "  ", "  ", preserve_paragraphs=True)
    assert out.split("\n\n") == ["  第一段的文字写在两\n  行里，合起来不加空\n  格。", "  English words are\n  joined by a space",
                                 "    a  保持原样"]
    assert all(display_width(line) <= 20 for line in out.splitlines())
