"""`rescore rule`: one rule read, scored and explained, as text or JSON; --file for many."""

import json
import sys
import subprocess
from pathlib import Path

from click.testing import CliRunner

from engine.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_issue_example_scores_nine_with_a_trace():
    result = run("rule", "满意度90%以上记10分，每下降5%扣0.5分", "--weight", "10",
                 "--target", "90%以上", "--actual", "80%", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["ok"] is True
    assert data["shape"] == "step"
    assert data["score"] == 9
    assert data["range"] is None
    assert data["convention"] == "floor"
    assert data["error"] is None
    assert data["canonical"] == "满意度≥90%，记10分；每下降5%，扣0.5分"
    assert any("90 − 80 = 10" in line for line in data["trace"])
    assert any("2 × 0.5 = 1" in line for line in data["trace"])
    # the raw JSON writes the exact two-decimal digits, never a float repr
    assert '"score": 9.00' in result.output


def test_partial_step_reports_the_other_readings():
    result = run("rule", "利用率达到91%，记6分，每减少1%扣0.5分。", "-w", "5", "-t", "91", "-a", "88.5",
                 "--format", "json")
    data = json.loads(result.output)
    assert data["score"] == 5  # 6 − 2 whole steps × 0.5 = 5, capped at the weight 5
    assert data["alternatives"] == {"proportional": 4.75, "ceiling": 4.5}
    codes = [n["code"] for n in data["notes"]]
    assert "weight-mismatch" in codes and "partial-step" in codes


def test_truncated_seed_rule_reports_its_fragment_and_still_scores():
    result = run("rule", "水体标准达到Ⅱ类，记10分，每下降一类扣1分，Ⅰ类", "-w", "10", "-t", "Ⅱ类", "-a", "Ⅲ类")
    assert result.exit_code == 0
    assert "P003" in result.output
    assert "得分：9 分" in result.output


def test_unreadable_rule_exits_1_with_code_and_position():
    result = run("rule", "每减少1%", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ok"] is False
    assert data["error"]["code"] == "P005"
    assert (data["error"]["start"], data["error"]["end"]) == (0, 5)


def test_file_mode_keeps_order_one_json_object_per_line(tmp_path: Path):
    rules = tmp_path / "rules.txt"
    rules.write_text("# comment\n酌情扣分\n\n按完成比例计算得分，满分为止\n每减少1%\n", encoding="utf-8")
    result = run("rule", "--file", str(rules), "--weight", "5", "--target", "100%", "--actual", "90%",
                 "--format", "json")
    lines = result.output.strip().splitlines()
    assert [json.loads(x)["text"] for x in lines] == ["酌情扣分", "按完成比例计算得分，满分为止", "每减少1%"]
    assert json.loads(lines[0])["range"] == [0, 5]
    assert json.loads(lines[1])["score"] == 4.5
    assert result.exit_code == 1  # the third line cannot be read


def test_file_mode_errors_name_file_and_line(tmp_path: Path):
    rules = tmp_path / "rules.txt"
    rules.write_text("酌情扣分\n每减少1%\n", encoding="utf-8")
    result = run("rule", "--file", str(rules))
    assert f"{rules}:2:1: P005" in result.output


def test_bad_weight_and_missing_file_exit_2(tmp_path: Path):
    assert run("rule", "酌情扣分", "--weight", "十分").exit_code == 2
    assert run("rule", "--file", str(tmp_path / "nope.txt")).exit_code == 2
    assert run("rule").exit_code == 2


def test_rule_command_does_not_import_sympy():
    code = ("import sys; from engine.cli import main\n"
            "try:\n    main(['rule', '酌情扣分', '-w', '5'])\nexcept SystemExit:\n    pass\n"
            "assert 'sympy' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
