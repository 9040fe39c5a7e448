"""Lint of a profile file, for `rescore lint PROFILE.toml` and `rescore lint --profiles`.

`check_file(path)` reads the file as written (not merged) and reports every problem at once, as
`Finding`s: L006 profile-key (a key the profile format does not know, with "did you mean"),
L007 profile-source (a `[[rule]]` without a source, a section that sets parameters with no
source of its own nor a `[source]` for the file, a bad evidence level), L008 profile-years (its
years overlap another method of the same jurisdiction and scope, or cannot be read), and the
file's load error as L006 when it cannot be built at all. Nothing here scores anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.findings import Finding
from engine.profiles.loading import (INDICATOR_KEYS, PROFILE_DIR, SECTIONS, SOURCE_KEYS, TOP_KEYS, YEAR_KEYS,
                                     ProfileError, build, raw_chain, read_toml, unknown_key)
from engine.profiles.model import EVIDENCE
from engine.profiles.rules import CONDITION_KEYS, CONSEQUENCE_KEYS, RULE_KEYS


def _finding(kind: str, path: Path, key: str, message: str) -> Finding:
    return Finding(kind, f"{path.name}: {message}", table=str(path), item=key)


def _keys(path: Path, table: object, known: tuple[str, ...], where: str) -> list[Finding]:
    if not isinstance(table, dict):
        return []
    return [_finding("profile-key", path, f"{where}.{k}" if where else k, unknown_key(k, known, f"{where} " if where else ""))
            for k in table if k not in known]


def unknown_keys(path: Path, data: dict[str, Any]) -> list[Finding]:
    found = _keys(path, data, TOP_KEYS, "")
    for section, known in SECTIONS.items():
        found += _keys(path, data.get(section), known, section)
    found += _keys(path, data.get("source"), SOURCE_KEYS, "source") + _keys(path, data.get("years"), YEAR_KEYS, "years")
    for number, table in enumerate(data.get("indicator", []), start=1):
        found += _keys(path, table, INDICATOR_KEYS, f"indicator[{number}]")
    for number, table in enumerate(data.get("rule", []), start=1):
        where = f"rule[{table.get('id', number) if isinstance(table, dict) else number}]"
        found += _keys(path, table, RULE_KEYS, where)
        if isinstance(table, dict):
            found += _keys(path, table.get("when"), CONDITION_KEYS, f"{where}.when")
            found += _keys(path, table.get("then"), CONSEQUENCE_KEYS, f"{where}.then")
    return found


def missing_sources(path: Path, data: dict[str, Any]) -> list[Finding]:
    found = []
    has_file_source = isinstance(data.get("source"), dict) and "document" in data["source"]
    if not has_file_source:
        found.append(_finding("profile-source", path, "source", "没有 [source]（document = 出处，evidence = 证据等级）"))
    for number, table in enumerate(data.get("rule", []), start=1):
        if isinstance(table, dict) and "source" not in table:
            found.append(_finding("profile-source", path, f"rule[{table.get('id', number)}]",
                                  f"报表级规则「{table.get('id', number)}」没有注明出处（source 与 evidence）"))
    for section in SECTIONS:
        table = data.get(section)
        if isinstance(table, dict) and "source" not in table and not has_file_source:
            found.append(_finding("profile-source", path, section, f"[{section}] 设定了参数，却没有出处"))
    tables = [data.get("source"), *data.get("rule", []), *(data.get(s) for s in SECTIONS)]
    for table in tables:
        if isinstance(table, dict) and "evidence" in table and table["evidence"] not in EVIDENCE:
            found.append(_finding("profile-source", path, "evidence",
                                  f"证据等级「{table['evidence']}」应为 {'、'.join(EVIDENCE)} 之一"))
    return found


def overlapping_years(path: Path) -> list[Finding]:
    """Two methods of one jurisdiction and scope that both claim a year: `auto` could not choose."""
    try:
        data, chain = raw_chain(path)
        mine = build(data, path, chain)
    except ProfileError as error:
        return [_finding("profile-years" if "years" in str(error) else "profile-key", path, "", str(error))]
    found = []
    for other_path in sorted(PROFILE_DIR.glob("*.toml")):
        if other_path.resolve() == path.resolve() or mine.kind != "method":
            continue
        other_data, other_chain = raw_chain(other_path)
        other = build(other_data, other_path, other_chain)
        same = (other.kind, other.jurisdiction, other.scope) == (mine.kind, mine.jurisdiction, mine.scope)
        if same and mine.years.overlaps(other.years) and other.name != mine.name:
            found.append(_finding("profile-years", path, "years",
                                  f"适用年度（{mine.years.text()}）与同地区、同类表的 {other.name}（{other.years.text()}）重叠："
                                  "请给其中一个写上 to（截止年度）"))
    return found


# Keys only a profile has at its top (a rule set has description, source and [[rule]] with text).
_PROFILE_MARKS = ("extends", "kind", "scope", "jurisdiction", "years", "reading", "execution", "weights", "grades")


def is_profile_text(text: str) -> bool:
    """Whether a TOML text is a profile rather than a rule set (both may have `[[rule]]`)."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    return any(key in data for key in _PROFILE_MARKS)


def check_file(path: str | Path) -> list[Finding]:
    """Every problem of the profile file at `path`."""
    path = Path(path)
    try:
        data = read_toml(path)
    except ProfileError as error:
        return [_finding("profile-key", path, "", str(error))]
    found = unknown_keys(path, data) + missing_sources(path, data)
    years = overlapping_years(path)
    if found:  # a load error repeats a problem already listed
        years = [f for f in years if f.item == "years"]
    return found + years

