"""docs/findings.md documents every finding code of engine/findings.py, and nothing else.

Each code has a section `## CODE kind` with a `**kind**` line naming the kind and a
`**severity**` line starting with the code's severity, a wrong and a right example, and what
the reviewer should do.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.findings import CODES

DOC = Path(__file__).resolve().parent.parent / "docs" / "findings.md"
_HEADING = re.compile(r"^## ([A-Z]\d{3}) (\S+)\s*$", re.MULTILINE)


def _sections() -> dict[str, tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    heads = list(_HEADING.finditer(text))
    sections = {}
    for here, nxt in zip(heads, heads[1:] + [None]):
        body = text[here.end(): nxt.start() if nxt else len(text)]
        assert here.group(1) not in sections, f"{here.group(1)} is documented twice"
        sections[here.group(1)] = (here.group(2), body)
    return sections


def test_no_stale_code_is_documented() -> None:
    stale = set(_sections()) - set(CODES)
    assert not stale, f"docs/findings.md documents codes that engine/findings.py does not have: {sorted(stale)}"


@pytest.mark.parametrize("code", sorted(CODES))
def test_code_is_documented(code: str) -> None:
    sections = _sections()
    assert code in sections, f"docs/findings.md has no section '## {code} {CODES[code].kind}'"
    kind, body = sections[code]
    assert kind == CODES[code].kind, f"{code}: heading says {kind}, engine says {CODES[code].kind}"
    assert re.search(rf"^- \*\*kind\*\*: `{re.escape(CODES[code].kind)}`\s*$", body, re.MULTILINE), \
        f"{code}: no '- **kind**: `{CODES[code].kind}`' line"
    assert re.search(rf"^- \*\*severity\*\*: {CODES[code].severity}\b", body, re.MULTILINE), \
        f"{code}: no '- **severity**: {CODES[code].severity}' line"
    for part in ("Wrong", "Right", "Reviewer"):
        assert re.search(rf"^{part}\b", body, re.MULTILINE), f"{code}: no '{part}' paragraph"


def test_codes_are_in_engine_order() -> None:
    assert list(_sections()) == list(CODES), "keep docs/findings.md in the order of engine/findings.py"
