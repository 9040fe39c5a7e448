"""`rescore check FOLDER --summary` and `--profile all` take folders and many paths like the
plain check (one process, keep going past a bad file, the batch exit status); and what a run
writes inside an input folder (-o, --summary-out) is never read back as an input by the next."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from engine.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "hengyang-2024" / "report.json"


def _report(unit: str, wrong: bool) -> dict[str, Any]:
    claimed = "9" if wrong else "8.5"  # 87% against ≥90%, 0.5 a point: 8.5
    table = {"name": f"{unit}项目", "kind": "project", "scale": "15", "indicators": [
        {"level1": "产出指标", "level3": "完成率", "target": "≥90%", "actual": "87%", "weight": "10",
         "rule": "完成率90%以上记10分，每下降1%扣0.5分", "claimed_score": claimed, "deviation_note": "进度滞后"},
        {"level1": "满意度指标", "level3": "满意度", "target": "≥90%", "actual": "95%", "weight": "5",
         "claimed_score": "5"}]}
    return {"schema_version": 1, "unit": unit, "year": 2024, "tables": [table]}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """Three readable reports (one with an error) under nested folders, and a broken file that
    sorts first."""
    root = tmp_path / "报送"
    (root / "区2" / "下级").mkdir(parents=True)
    (root / "000-坏.json").write_text("{ \"unit\": ", encoding="utf-8")
    for name, unit, wrong in (("区2/甲.json", "甲单位", False), ("区2/下级/乙.json", "乙单位", True),
                              ("丙.json", "丙单位", False)):
        (root / name).write_text(json.dumps(_report(unit, wrong), ensure_ascii=False), encoding="utf-8")
    return root


def _rescore(*args: str | Path) -> subprocess.CompletedProcess[str]:
    code = "import sys; from engine.cli import main; main(sys.argv[1:])"
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env=env)


def _units(stdout: str) -> list[str]:
    return [line.split("：", 1)[1] for line in stdout.splitlines() if line.startswith("单位：")]


def test_summary_of_a_folder_goes_past_a_bad_file(folder: Path) -> None:
    done = _rescore("check", folder, "--summary")
    assert done.returncode == EXIT_ERROR, done.stderr
    assert "这是一个目录" not in done.stderr
    assert _units(done.stdout) == ["丙单位", "乙单位", "甲单位"]  # sorted by path: 丙.json, 区2/下级/乙.json, 区2/甲.json
    heads = [line for line in done.stdout.splitlines() if line.startswith("文件：")]
    assert heads == [f"文件：{folder / '丙.json'}", f"文件：{folder / '区2' / '下级' / '乙.json'}",
                     f"文件：{folder / '区2' / '甲.json'}"]
    bad = folder / "000-坏.json"
    assert done.stderr.splitlines()[0] == f"{bad}: 报告无法读取（1 个问题）"
    assert "不是有效的 JSON" in done.stderr and "4 份输入中 1 份无法读取" in done.stderr


def test_summary_of_many_paths_and_a_clean_folder(folder: Path) -> None:
    (folder / "000-坏.json").unlink()
    done = _rescore("check", folder / "丙.json", folder / "区2", "--summary")
    assert done.returncode == EXIT_OK, done.stderr
    assert _units(done.stdout) == ["丙单位", "乙单位", "甲单位"] and done.stderr == ""
    one = _rescore("check", SEED, "--summary")  # one input: as it always was, no file heading
    assert one.returncode == EXIT_OK and one.stdout.startswith("单位：衡阳市生态环境局\n")


def test_profile_all_over_a_folder(folder: Path) -> None:
    done = _rescore("check", folder, "--profile", "all")
    assert done.returncode == EXIT_ERROR, done.stderr
    assert "这是一个目录" not in done.stderr and "000-坏.json: 报告无法读取" in done.stderr
    heads = [line for line in done.stdout.splitlines() if line.startswith("各评分办法下的重算：")]
    assert [h.split("：")[1].split(" ")[0] for h in heads] == ["丙单位", "乙单位", "甲单位"]
    assert all(f"文件：{folder}" in h for h in heads)
    (folder / "000-坏.json").unlink()
    assert _rescore("check", folder, "--profile", "all").returncode == EXIT_OK


def test_profile_all_as_json_is_one_array(folder: Path) -> None:
    done = _rescore("check", folder, "--profile", "all", "--format", "json")
    assert done.returncode == EXIT_ERROR
    data = json.loads(done.stdout)
    assert [d["report"]["file"] for d in data] == [str(folder / n) for n in ("000-坏.json", "丙.json",
                                                                             "区2/下级/乙.json", "区2/甲.json")]
    assert "unreadable" in data[0] and all("unreadable" not in d for d in data[1:])
    single = json.loads(_rescore("check", SEED, "--profile", "all", "--format", "json").stdout)
    assert isinstance(single, dict) and single["report"]["file"] == str(SEED)


def _summary_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def test_a_summary_written_into_the_folder_is_not_read_back(folder: Path) -> None:
    out = folder / "汇总.csv"
    first = _rescore("check", folder, "--summary-out", out)
    rows = _summary_rows(out)
    second = _rescore("check", folder, "--summary-out", out)
    assert first.returncode == second.returncode == EXIT_ERROR  # the broken file, not the summary
    assert _summary_rows(out) == rows
    assert [r[0] for r in rows[1:4]] == [str(folder / n) for n in ("丙.json", "区2/下级/乙.json", "区2/甲.json")]
    assert str(out) not in second.stdout + second.stderr
    book = folder / "区2" / "汇总.xlsx"  # .xlsx is an input suffix too
    (folder / "000-坏.json").unlink()
    out.unlink()  # another run's output under another name is not this run's: it would be read
    for _ in range(2):
        done = _rescore("check", folder, "--summary-out", book)
        assert done.returncode == EXIT_FINDINGS, done.stdout + done.stderr
        assert done.stdout.startswith("复核 3 个文件：3 份报告已重算，0 个无法读取\n") and "区2/汇总.xlsx" not in done.stdout


def test_per_report_files_and_json_written_into_the_folder_are_not_read_back(folder: Path) -> None:
    (folder / "000-坏.json").unlink()
    pages = folder / "复核"
    for _ in range(2):
        done = _rescore("check", folder, "--format", "xlsx", "-o", pages)
        assert done.returncode == EXIT_FINDINGS, done.stdout + done.stderr
        assert sorted(p.name for p in pages.iterdir()) == ["丙.xlsx", "乙.xlsx", "甲.xlsx"]
    shutil.rmtree(pages)  # another run's output under another name would be read (not this run's)
    out = folder / "复核.json"
    for _ in range(2):
        done = _rescore("check", folder, "--format", "json", "-o", out)
        assert done.returncode == EXIT_FINDINGS, done.stderr
        assert [d["report"]["unit"] for d in json.loads(out.read_text(encoding="utf-8"))] == ["丙单位", "乙单位", "甲单位"]


def test_a_summary_over_an_input_named_on_the_command_line_is_refused(folder: Path) -> None:
    """A file named on the command line is an input: writing the summary over it is refused
    before anything is reviewed, and the file is left as it was."""
    named = folder / "丙.csv"
    assert _rescore("check", folder / "丙.json", "--summary-out", named).returncode == EXIT_OK
    before = named.read_bytes()
    done = _rescore("check", named, folder / "丙.json", "--summary-out", named)
    assert done.returncode == EXIT_ERROR and done.stderr == f"{named}: 拒绝写入：这是输入文件本身，写入会覆盖它\n"
    assert done.stdout == "" and named.read_bytes() == before
