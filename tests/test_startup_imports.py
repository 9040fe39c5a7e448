"""`rescore report.json` imports only what the run needs (issue 13): the modules it does not need
are imported lazily, and this keeps them so. Each run is a fresh interpreter that reviews the
shipped example through `engine.cli.main` and prints the modules it ended with.

No timing here: speed is bench/'s business (bench/scale_bench.py --only 1).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "hengyang-2024" / "report.json"

_RUN = """
import json, sys
from engine.cli import main
try:
    main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
print("\\n" + json.dumps({"status": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""

# Never on the path of `rescore report.json`: the symbolic lint (sympy), the importers and
# exporters of forms (openpyxl, python-docx, pdfplumber), the HTML and workbook renderers
# (jinja2, rich's progress), the pydantic models (the records are validated by pydantic-core),
# the sub-commands other than check, what only an error or a typo needs, and tomllib (the package's
# own TOML files are kept as Python: engine.tomlfiles).
HEAVY = ("sympy", "openpyxl", "docx", "pdfplumber", "jinja2", "rich", "pydantic.main", "pydantic.fields",
         "engine.report.full", "engine.lint", "engine.importers.result", "engine.importers.grid",
         "engine.importers.draft", "engine.exporters", "engine.output.html", "engine.output.xlsx",
         "engine.output.files", "engine.output.markdown", "engine.rulesets", "engine.cli.explain",
         "engine.cli.lint", "engine.cli.import_", "engine.cli.export", "engine.cli.rule", "engine.cli.compare",
         "engine.cli.profiles", "engine.cli.schema", "email", "importlib.metadata", "difflib", "calendar",
         "tomllib", "importlib.resources", "zipfile")


def _modules(*args: str) -> tuple[int, set[str]]:
    done = subprocess.run([sys.executable, "-c", _RUN, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    last = done.stderr.strip().splitlines()[-1]
    report = json.loads(last)
    return report["status"], set(report["modules"])


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize("args", [(str(EXAMPLE),), ("check", str(EXAMPLE), "--format", "json")])
def test_a_run_on_a_valid_report_imports_none_of_the_heavy_modules(args: tuple[str, ...]) -> None:
    status, modules = _modules(*args)
    assert status == 1  # the example has error-level findings: it was reviewed, not refused
    assert "engine.review.pipeline" in modules and "engine.report.kept" in modules  # the run is the real one
    assert _heavy(modules) == []


def test_the_heavy_modules_are_there_when_the_command_needs_them() -> None:
    """The list above names modules that exist and that other commands do load: a typo in it
    would make the test above pass for nothing."""
    status, modules = _modules("schema")
    assert status == 0 and {"engine.report.full", "pydantic.main", "engine.cli.schema"} <= modules
    status, modules = _modules("lint", "--help")
    assert status == 0 and "engine.cli.lint" in modules


def test_an_invalid_report_loads_the_full_models_to_name_its_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema_version": 1, "tables": [{"kind": "projekt", "indicators": [{}]}]}),
                   encoding="utf-8")
    status, modules = _modules(str(bad))
    assert status == 2 and "engine.report.full" in modules
