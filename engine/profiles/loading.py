"""Reading profile files: TOML in, a merged `Profile` out, every problem a Chinese `ProfileError`.

A file may `extends` another (the sqlglot dialect model): its sections override the parent's
key by key, its `[[indicator]]`s come before the parent's, its `[[rule]]`s replace the parent's
of the same `id` and add the others, and `enable` / `disable` switch inherited rules by id. A
section the file sets cites its own `source` (else the file's `[source]`), and so does each of
its `[[rule]]`s and `[[indicator]]`s, read before the merge (`own_citations`: a rule cites its own
file, never the file that extends it; a citation with no evidence level is `unverified`);
`name`, `title`, `years` and `[source]` are never inherited. `load("a+b")` lays the rules file
`b`'s own settings over the method `a` (hubei+platform). Unknown keys are errors with a "did
you mean"; each part is read on its own (`read_parts`), so a refusal lists every problem at
once. This module reads and validates; `engine.profiles.checks` lints a file for people.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from engine import tomlfiles
from engine.errors import RescoreError
from engine.profiles.model import (AGGREGATES, DENOMINATORS, EVIDENCE, KINDS, REVERSE_FORMULAS, SCOPES,
                                   CommonIndicator, Profile, Source, Years)
from engine.profiles.rules import ReportRule, RuleError, gather, report_rule
from engine.text.digits import shown

PROFILE_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_PROFILE = "mof2020"

_CITE = ("source", "evidence", "note")
SECTIONS: dict[str, tuple[str, ...]] = {
    "reading": ("tolerance", "partial_step", "scale", *_CITE),
    "execution": ("weight", "denominator", *_CITE),
    "weights": ("level1", "indicators", *_CITE),
    "qualitative": ("achieved", "partial", "not_achieved", *_CITE),
    "grades": ("bounds", *_CITE),
    "quantitative": ("reverse", "alternatives", "aggregate", *_CITE),
}
TOP_KEYS = ("name", "title", "reference", "extends", "kind", "scope", "jurisdiction", "years", "source", "indicator",
            "rule", "enable", "disable", *SECTIONS)
OWN_KEYS = ("name", "title", "reference", "years", "source")  # never inherited
SOURCE_KEYS = ("document", "evidence", "note")
YEAR_KEYS = ("from", "to", "note")
INDICATOR_KEYS = ("names", "rule", "formula", *_CITE)
UNSET = "unset"  # `weight = "unset"`: the method documents no execution weight


class ProfileError(RescoreError, ValueError):
    """A profile that cannot be found or read; the message is Chinese and names the file."""

    code = "X003"


def available() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.toml"))


def unknown_key(key: str, known: tuple[str, ...], where: str) -> str:
    from difflib import get_close_matches  # only for a key that is not known

    close = get_close_matches(key, known, n=1)
    return f"{where}不认识的字段「{key}」" + (f"（是不是 {close[0]}？）" if close else f"（可用：{'、'.join(known)}）")


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomlfiles.read(path)
    except (OSError, tomlfiles.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ProfileError(f"{path}: 无法读取：{error}") from None


def shipped_path(name: str) -> Path:
    """The shipped file of profile `name`; names only, never a path (a report cannot point anywhere)."""
    if name not in available():  # looked up among the shipped names: the name never reaches the file system
        raise ProfileError(f"没有评分办法「{shown(name, 40)}」；可用的有：{'、'.join(available()) or '（无）'}（{PROFILE_DIR}）")
    return PROFILE_DIR / f"{name}.toml"


def _merged_rules(parent: list[Any], child: list[Any]) -> list[Any]:
    """The parent's rules with those the child redefines (same `id`) replaced, then the child's."""
    ids = {r.get("id") for r in child if isinstance(r, dict)}
    return [r for r in parent if r.get("id") not in ids] + list(child)


def _switched(rules: list[Any], child: dict[str, Any]) -> list[Any]:
    """Inherited rules switched on or off by the child's `enable` / `disable` lists of ids."""
    def ids(key: str) -> list[Any]:
        value = child.get(key, [])
        return value if isinstance(value, list) else []  # not a list: `_switches` says so

    switches = {str(i): True for i in ids("enable")} | {str(i): False for i in ids("disable")}
    return [{**r, "enabled": switches.get(r.get("id"), r.get("enabled", True))} for r in rules]


def _merged_value(key: str, parent: Any, value: Any) -> Any:
    """The child's `value` of `key` laid over the parent's: a section key by key (its citation not
    inherited), indicators before the parent's, rules by id; anything else replaces."""
    if key in SECTIONS and isinstance(value, dict) and isinstance(parent, dict):
        return {**{k: v for k, v in parent.items() if k not in _CITE}, **value}
    if key == "indicator" and isinstance(value, list):
        return list(value) + list(parent or [])
    if key == "rule" and isinstance(value, list):
        return _merged_rules(parent or [], value)
    return value


def merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """`child`'s settings laid over `parent`'s (both raw TOML tables)."""
    merged = {k: v for k, v in parent.items() if k not in OWN_KEYS and k not in ("enable", "disable")}
    for key, value in child.items():
        merged[key] = _merged_value(key, parent.get(key), value)
    if "enable" in child or "disable" in child:
        merged["rule"] = _switched(merged.get("rule", []), child)
    return merged


def own_citations(data: dict[str, Any]) -> dict[str, Any]:
    """The file's `[[rule]]`s and `[[indicator]]`s, each given the file's `[source]` document and
    evidence level where it states none of its own: read before any merge, so that a rule cites
    its own file, never the file that extends it (`rescore lint` still warns of it, L007)."""
    table = data.get("source")
    if not isinstance(table, dict) or "document" not in table:
        return data
    whole = {"source": table["document"], "evidence": table.get("evidence"), "note": table.get("note")}

    def cited(entry: object) -> object:
        if not isinstance(entry, dict):
            return entry
        inherited = whole if "source" not in entry else {"evidence": whole["evidence"]}  # its own document: not the note
        return {**{k: v for k, v in inherited.items() if v is not None and k not in entry}, **entry}

    out = dict(data)
    for key in ("rule", "indicator"):
        if isinstance(data.get(key), list):
            out[key] = [cited(entry) for entry in data[key]]
    return out


def raw_chain(path: Path, seen: tuple[str, ...] = ()) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The merged raw tables of the file at `path` and everything it extends, and the chain of names."""
    data = own_citations(read_toml(path))
    name = str(data.get("name", path.stem))
    if name in seen:
        raise ProfileError(f"{path}: extends 形成循环：{' → '.join((*seen, name))}")
    parent_name = data.get("extends")
    if parent_name is None:
        return data, (name,)
    parent, chain = raw_chain(shipped_path(str(parent_name)), (*seen, name))
    return merge(parent, data), (name, *chain)


def build(data: dict[str, Any], path: Path, chain: tuple[str, ...]) -> Profile:
    """A `Profile` from merged raw tables; every problem at once in one `ProfileError` naming the
    file and each key."""
    parts, problems = read_parts(data)
    messages = [message for _, message in unknown_top_keys(data) + problems]
    if messages:
        raise ProfileError(f"{path}: " + "；".join(messages))
    return Profile(name=chain[0], title=str(data.get("title", chain[0])), reference=str(data.get("reference", "")),
                   path=path, jurisdiction=data.get("jurisdiction"), chain=chain, **parts)


def _dec(value: object, where: str) -> Decimal:
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        return Decimal(str(value))
    except InvalidOperation:
        raise RuleError(f"{where}「{value}」不是数字") from None


def unknown_top_keys(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, message) for each key the file's top level or a section does not know."""
    found = [(key, unknown_key(key, TOP_KEYS, "")) for key in data if key not in TOP_KEYS]
    for section, known in SECTIONS.items():
        table = data.get(section, {})
        found += [(f"{section}.{key}", unknown_key(key, known, f"[{section}] "))
                  for key in (table if isinstance(table, dict) else {}) if key not in known]
    return found


def source_of(table: dict[str, Any], where: str, default: Source | None = None) -> Source | None:
    """The citation of a section or a rule (`source`, `evidence`, `note`), else `default`."""
    if "source" not in table:
        return default
    evidence = table.get("evidence", default.evidence if default else "unverified")  # unsaid: not verified
    if evidence not in EVIDENCE:
        raise RuleError(f"{where}.evidence「{evidence}」应为 {'、'.join(EVIDENCE)} 之一")
    return Source(str(table["source"]), evidence, str(table.get("note", "")))


def _file_source(data: dict[str, Any]) -> Source | None:
    table = data.get("source")
    if table is None:
        return None
    if not isinstance(table, dict) or "document" not in table:
        raise RuleError("[source] 应有 document（出处）与 evidence（证据等级）")
    return source_of({"source": table["document"], **{k: v for k, v in table.items() if k != "document"}},
                     "[source]")


def _years(data: dict[str, Any]) -> Years:
    table = _table(data, "years", required=False)
    first, last = table.get("from"), table.get("to")
    for value in (first, last):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise RuleError(f"years 的 from / to 应为整数年份，而不是「{value}」")
    if first is not None and last is not None and first > last:
        raise RuleError(f"years：from {first} 晚于 to {last}")
    return Years(first, last)


def _table(data: dict[str, Any], key: str, required: bool = True) -> dict[str, Any]:
    """The section `key` of the file, a table; a missing section is an error when `required`."""
    if key not in data and not required:
        return {}
    if key not in data:
        raise RuleError(f"缺少 [{key}]")
    table = data[key]
    if not isinstance(table, dict):
        raise RuleError(f"{key} 应为表（[{key}]），而不是「{shown(str(table), 40)}」")
    return table


def _tables(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The `[[key]]` entries of the file, each a table."""
    entries = data.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(t, dict) for t in entries):
        raise RuleError(f"{key} 应写成 [[{key}]] 表的列表")
    return entries


def _grades(data: dict[str, Any], _: Source | None) -> dict[str, Any]:
    bounds = _table(_table(data, "grades"), "bounds")
    return {"grades": tuple(sorted(((k, _dec(v, f"grades.bounds.{k}")) for k, v in bounds.items()),
                                   key=lambda kv: -kv[1]))}


def _reading(data: dict[str, Any], _: Source | None) -> dict[str, Any]:
    table = _table(data, "reading")

    def partial_step() -> str:
        value = table.get("partial_step", "floor")
        if value not in ("floor", "proportional", "ceiling"):
            raise RuleError(f"reading.partial_step「{value}」应为 floor、proportional 或 ceiling")
        return str(value)

    def number(key: str) -> Decimal:
        if key not in table:
            raise RuleError(f"[reading] 缺少 {key}")
        return _dec(table[key], f"reading.{key}")

    return gather(tolerance=lambda: number("tolerance"), partial_step=partial_step, scale=lambda: number("scale"))


def _execution(data: dict[str, Any], _: Source | None) -> dict[str, Any]:
    table = _table(data, "execution")

    def denominator() -> str:
        value = table.get("denominator", "full_year")
        if value not in DENOMINATORS:
            raise RuleError(f"execution.denominator「{value}」应为 {'、'.join(DENOMINATORS)} 之一")
        return str(value)

    return gather(execution_weight=lambda: None if table.get("weight", UNSET) == UNSET
                  else _dec(table["weight"], "execution.weight"), execution_denominator=denominator)


def _weights(data: dict[str, Any], _: Source | None) -> dict[str, Any]:
    table = _table(data, "weights")
    level1 = _table(table, "level1", required=False)
    return {"level1_weights": {k: _dec(v, f"weights.level1.{k}") for k, v in level1.items()},
            "indicator_total": _dec(table["indicators"], "weights.indicators") if "indicators" in table else None}


def _qualitative(data: dict[str, Any], _: Source | None) -> dict[str, Any]:
    table = _table(data, "qualitative")
    bands = {}
    for key in ("achieved", "partial", "not_achieved"):
        band = table.get(key)
        if not isinstance(band, list) or len(band) != 2:
            raise RuleError(f"qualitative.{key} 应为两个百分数，如 [\"80\", \"100\"]，而不是「{band}」")
        bands[key] = (_dec(band[0], f"qualitative.{key}"), _dec(band[1], f"qualitative.{key}"))
    return {"qualitative": bands}


def _quantitative(data: dict[str, Any], _: Source | None) -> dict[str, Any]:
    table = _table(data, "quantitative", required=False)
    reverse, alternatives = table.get("reverse", "ratio"), table.get("alternatives", [])

    def formulas() -> tuple[str, ...]:
        if not isinstance(alternatives, list):
            raise RuleError(f"quantitative.alternatives 应为列表，如 [\"ratio\"]，而不是「{alternatives}」")
        bad = [str(v) for v in (reverse, *alternatives) if v not in REVERSE_FORMULAS]
        if bad:
            raise RuleError(f"quantitative 的反向公式「{'、'.join(bad)}」应为 {'、'.join(REVERSE_FORMULAS)} 之一")
        return tuple(a for a in alternatives if a != reverse)

    def aggregate() -> str:
        value = table.get("aggregate", "none")
        if value not in AGGREGATES:
            raise RuleError(f"quantitative.aggregate「{value}」应为 {'、'.join(AGGREGATES)} 之一")
        return str(value)

    return {"reverse": reverse, **gather(reverse_alternatives=formulas, aggregate=aggregate)}


def _kind(data: dict[str, Any], _: Source | None) -> dict[str, Any]:
    def one_of(key: str, default: str, allowed: tuple[str, ...]) -> str:
        value = data.get(key, default)
        if value not in allowed:
            raise RuleError(f"{key}「{value}」应为 {'、'.join(allowed)} 之一")
        return str(value)

    return gather(kind=lambda: one_of("kind", "method", KINDS), scope=lambda: one_of("scope", "any", SCOPES))


def _indicator(table: dict[str, Any], number: int, default: Source | None) -> CommonIndicator:
    for key in table:
        if key not in INDICATOR_KEYS:
            raise RuleError(unknown_key(key, INDICATOR_KEYS, f"第 {number} 个 [[indicator]] "))
    if not isinstance(table.get("names"), list) or "rule" not in table:
        raise RuleError(f"第 {number} 个 [[indicator]] 应有 names（指标名称的列表）与 rule（评分标准）")
    return CommonIndicator(tuple(str(n) for n in table["names"]), str(table["rule"]), table.get("formula"),
                           source_of(table, f"indicator[{number}]", default))


def _indicators(data: dict[str, Any], default: Source | None) -> dict[str, Any]:
    tables = _tables(data, "indicator")
    read = gather(**{str(n): partial(_indicator, t, n, default) for n, t in enumerate(tables, start=1)})
    return {"indicators": tuple(read.values())}


def _rule(table: dict[str, Any], number: int, default: Source | None) -> ReportRule:
    """One report-level rule; a rule that cites nothing of its own cites the file's [source]."""
    where = f"rule[{table.get('id', number)}]"
    return report_rule(table, where, source_of(table, where, default))


def _rules(data: dict[str, Any], default: Source | None) -> dict[str, Any]:
    tables = _tables(data, "rule")
    read = gather(**{str(n): partial(_rule, t, n, default) for n, t in enumerate(tables, start=1)})
    return {"rules": tuple(read.values())}


def _sources(data: dict[str, Any], default: Source | None) -> dict[str, Any]:
    return {"sources": {s: src for s in SECTIONS if isinstance(data.get(s), dict)
                        and (src := source_of(data[s], s, default)) is not None}}


def _years_part(data: dict[str, Any], _: Source | None) -> dict[str, Any]:
    return {"years": _years(data)}


def _switches(data: dict[str, Any], _: Source | None) -> dict[str, Any]:
    """`enable` / `disable`: lists of the ids of inherited rules."""
    for key in ("enable", "disable"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(i, str) for i in value):
            raise RuleError(f"{key} 应为规则 id 的列表，如 [\"over-achievement-review\"]，而不是「{shown(str(value), 40)}」")
    return {}


Reader = Callable[[dict[str, Any], Source | None], dict[str, Any]]
_READERS: tuple[tuple[str, Reader], ...] = (
    ("reading", _reading), ("execution", _execution), ("weights", _weights), ("qualitative", _qualitative),
    ("grades", _grades), ("quantitative", _quantitative), ("kind", _kind), ("years", _years_part),
    ("indicator", _indicators), ("rule", _rules), ("sources", _sources), ("enable", _switches))


def read_parts(data: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The `Profile` fields read from merged raw tables, and every problem, (key, Chinese message):
    each part is read on its own, so one bad value never hides another."""
    problems: list[tuple[str, str]] = []
    parts: dict[str, Any] = {"source": None}
    try:
        parts["source"] = _file_source(data)
    except RuleError as error:
        problems.append(("source", str(error)))
    for key, reader in _READERS:
        try:
            parts.update(reader(data, parts["source"]))
        except RuleError as error:
            problems.append((key, str(error)))
        except (KeyError, TypeError, IndexError, ValueError, AttributeError) as error:
            problems.append((key, f"[{key}] 缺少或写错了字段：{error}"))
    return parts, problems
