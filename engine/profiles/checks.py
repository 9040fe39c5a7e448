"""Lint of a profile file, for `rescore lint PROFILE.toml` and `rescore lint --profiles`.

`check_file(path)` reads the file as written (not merged) and reports every problem at once, as
`Finding`s: L006 profile-key (a key the profile format does not know, with "did you mean"; a
value that cannot be read, read with the unknown keys set aside so that neither hides the
other; a file that cannot be read at all), L007 profile-source (a `[[rule]]` without its own
source or evidence — it inherits the file's —, a section that sets parameters with no source
of its own nor a `[source]` for the file, a bad evidence level), L008 profile-years (its years
overlap another method of the same jurisdiction and scope, or cannot be read). Nothing here
scores anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.findings import Finding
from engine.profiles.loading import (INDICATOR_KEYS, PROFILE_DIR, SECTIONS, SOURCE_KEYS, TOP_KEYS, YEAR_KEYS,
                                     ProfileError, build, raw_chain, read_parts, read_toml, unknown_key)
from engine.profiles.model import EVIDENCE, EVIDENCE_WORDS, Profile
from engine.profiles.rules import CONDITION_KEYS, CONSEQUENCE_KEYS, RULE_KEYS


def _finding(kind: str, path: Path, key: str, message: str) -> Finding:
    return Finding(kind, f"{path.name}: {message}", table=str(path), item=key)


def _keys(path: Path, table: object, known: tuple[str, ...], where: str) -> list[Finding]:
    if not isinstance(table, dict):
        return []
    return [_finding("profile-key", path, f"{where}.{k}" if where else k, unknown_key(k, known, f"{where} " if where else ""))
            for k in table if k not in known]


def _entries(data: dict[str, Any], key: str) -> list[Any]:
    """The `[[key]]` entries as written; not a list: none (its value is reported as L006)."""
    value = data.get(key, [])
    return value if isinstance(value, list) else []


def unknown_keys(path: Path, data: dict[str, Any]) -> list[Finding]:
    found = _keys(path, data, TOP_KEYS, "")
    for section, known in SECTIONS.items():
        found += _keys(path, data.get(section), known, section)
    found += _keys(path, data.get("source"), SOURCE_KEYS, "source") + _keys(path, data.get("years"), YEAR_KEYS, "years")
    for number, table in enumerate(_entries(data, "indicator"), start=1):
        found += _keys(path, table, INDICATOR_KEYS, f"indicator[{number}]")
    for number, table in enumerate(_entries(data, "rule"), start=1):
        where = f"rule[{table.get('id', number) if isinstance(table, dict) else number}]"
        found += _keys(path, table, RULE_KEYS, where)
        if isinstance(table, dict):
            found += _keys(path, table.get("when"), CONDITION_KEYS, f"{where}.when")
            found += _keys(path, table.get("then"), CONSEQUENCE_KEYS, f"{where}.then")
    return found


def _rule_citation(path: Path, table: dict[str, Any], number: int, file_source: dict[str, Any] | None) -> list[Finding]:
    """L007 for a rule that does not cite its own source and evidence: it inherits the file's."""
    rule_id = table.get("id", number)
    if "source" in table and "evidence" in table:
        return []
    if file_source is None:
        inherited = "文件也没有 [source]，按「未经核实」计"
    elif "source" not in table:
        inherited = f"沿用文件 [source] 的「{file_source['document']}」［{_evidence_word(file_source)}］"
    else:
        inherited = f"证据等级沿用文件 [source] 的［{_evidence_word(file_source)}］"
    missing = "出处（source）与证据等级（evidence）" if "source" not in table and "evidence" not in table else \
        ("出处（source）" if "source" not in table else "证据等级（evidence）")
    return [_finding("profile-source", path, f"rule[{rule_id}]", f"报表级规则「{rule_id}」没有注明自己的{missing}：{inherited}")]


def _evidence_word(file_source: dict[str, Any]) -> str:
    return EVIDENCE_WORDS.get(str(file_source.get("evidence", "unverified")), str(file_source.get("evidence")))


def missing_sources(path: Path, data: dict[str, Any]) -> list[Finding]:
    found = []
    file_source = data["source"] if isinstance(data.get("source"), dict) and "document" in data["source"] else None
    if file_source is None:
        found.append(_finding("profile-source", path, "source", "没有 [source]（document = 出处，evidence = 证据等级）"))
    rules = _entries(data, "rule")
    for number, table in enumerate(rules, start=1):
        if isinstance(table, dict):
            found += _rule_citation(path, table, number, file_source)
    for section in SECTIONS:
        table = data.get(section)
        if isinstance(table, dict) and "source" not in table and file_source is None:
            found.append(_finding("profile-source", path, section, f"[{section}] 设定了参数，却没有出处"))
    return found + _bad_evidence(path, [data.get("source"), *rules, *(data.get(s) for s in SECTIONS)])


def _bad_evidence(path: Path, tables: list[object]) -> list[Finding]:
    return [_finding("profile-source", path, "evidence", f"证据等级「{table['evidence']}」应为 {'、'.join(EVIDENCE)} 之一")
            for table in tables if isinstance(table, dict) and "evidence" in table and table["evidence"] not in EVIDENCE]


def _known(table: object, known: tuple[str, ...]) -> object:
    return {k: v for k, v in table.items() if k in known} if isinstance(table, dict) else table


def known_only(data: dict[str, Any]) -> dict[str, Any]:
    """The merged tables with every key the format does not know set aside (L006 lists them):
    what is left is read for its values, so a bad value shows beside an unknown key."""
    out: dict[str, Any] = {k: v for k, v in data.items() if k in TOP_KEYS}
    for section, known in SECTIONS.items():
        if section in out:
            out[section] = _known(out[section], known)
    for key, known in (("source", SOURCE_KEYS), ("years", YEAR_KEYS)):
        if key in out:
            out[key] = _known(out[key], known)
    if isinstance(out.get("indicator"), list):
        out["indicator"] = [_known(t, INDICATOR_KEYS) for t in out["indicator"]]
    if isinstance(out.get("rule"), list):
        out["rule"] = [_known_rule(t) for t in out["rule"]]
    return out


def _known_rule(table: object) -> object:
    rule = _known(table, RULE_KEYS)
    if isinstance(rule, dict):
        for key, known in (("when", CONDITION_KEYS), ("then", CONSEQUENCE_KEYS)):
            if key in rule:
                rule[key] = _known(rule[key], known)
    return rule


def bad_values(path: Path) -> tuple[list[Finding], Profile | None]:
    """Every value of the file (merged with what it extends) that cannot be read, as L006 (L008
    for its years); else the profile it builds, unknown keys set aside."""
    try:
        data, chain = raw_chain(path)
    except ProfileError as error:
        return [_finding("profile-key", path, "", str(error))], None
    data = known_only(data)
    _, problems = read_parts(data)
    if problems:
        return [_finding("profile-years" if key == "years" else "profile-key", path, key, message)
                for key, message in problems], None
    return [], build(data, path, chain)


def overlapping_years(path: Path, mine: Profile) -> list[Finding]:
    """Two methods of one jurisdiction and scope that both claim a year: `auto` could not choose."""
    found: list[Finding] = []
    if mine.kind != "method":
        return found
    for other_path in sorted(PROFILE_DIR.glob("*.toml")):
        if other_path.resolve() == path.resolve():
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
    """Every problem of the profile file at `path`, at once: unknown keys, missing citations, bad
    values, overlapping years."""
    path = Path(path)
    try:
        data = read_toml(path)
    except ProfileError as error:
        return [_finding("profile-key", path, "", str(error))]
    values, mine = bad_values(path)
    found = unknown_keys(path, data) + missing_sources(path, data) + values
    return found + (overlapping_years(path, mine) if mine is not None else [])
