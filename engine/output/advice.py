"""The documentation of one finding code, for `rescore explain CODE`.

The text is docs/findings.md itself, shipped in the package as `engine/findings.md` (a link to
it in the repository, a copy in a wheel), so the advice a reviewer reads in the terminal is the
page the tests keep in step with `engine/findings.py`. `advice(code)` finds the section
`## CODE kind` by code (S001) or kind (score-mismatch); None when there is none.
"""

from __future__ import annotations

import re
from importlib import resources

from engine.findings import BY_KIND, CODES

_HEADING = re.compile(r"^## ([A-Z]\d{3}) (\S+)\s*$", re.MULTILINE)


def code_of(key: str) -> str | None:
    """The code `key` names: a code (s001, S001) or a kind (score-mismatch)."""
    text = key.strip()
    if text.upper() in CODES:
        return text.upper()
    return BY_KIND[text].code if text in BY_KIND else None


def advice(key: str) -> str | None:
    code = code_of(key)
    if code is None:
        return None
    page = resources.files("engine").joinpath("findings.md").read_text(encoding="utf-8")
    heads = list(_HEADING.finditer(page))
    for here, after in zip(heads, heads[1:] + [None]):
        if here.group(1) == code:
            body = page[here.end(): after.start() if after else len(page)].strip()
            c = CODES[code]
            return f"{c.code} {c.kind}：{c.title}\n\n{body}"
    return None
