"""Reading profile files: TOML in, a merged `Profile` out, every problem a Chinese `ProfileError`.

A file may `extends` another (the sqlglot dialect model): its sections override the parent's
key by key, its `[[indicator]]`s come before the parent's, its `[[rule]]`s replace the parent's
of the same `id` and add the others, and `enable` / `disable` switch inherited rules by id. A
section the file sets cites its own `source` (else the file's `[source]`); `name`, `title`,
`years` and `[source]` are never inherited. `load("a+b")` lays the rules file `b`'s own
settings over the method `a` (hubei+platform). Unknown keys are errors with a "did you mean".
This module reads and validates; `engine.profiles.checks` lints a file for people.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal, InvalidOperation
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from engine.errors import RescoreError
from engine.profiles.model import (AGGREGATES, DENOMINATORS, EVIDENCE, REVERSE_FORMULAS, CommonIndicator, Profile,
                                   Source, Years)
from engine.profiles.rules import ReportRule, RuleError, report_rule
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
    close = get_close_matches(key, known, n=1)
    return f"{where}不认识的字段「{key}」" + (f"（是不是 {close[0]}？）" if close else f"（可用：{'、'.join(known)}）")


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
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
    switches = {str(i): True for i in child.get("enable", [])} | {str(i): False for i in child.get("disable", [])}
    return [{**r, "enabled": switches.get(r.get("id"), r.get("enabled", True))} for r in rules]


def merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """`child`'s settings laid over `parent`'s (both raw TOML tables)."""
    merged = {k: v for k, v in parent.items() if k not in OWN_KEYS and k not in ("enable", "disable")}
    for key, value in child.items():
        if key in SECTIONS and isinstance(value, dict) and isinstance(parent.get(key), dict):
            base = {k: v for k, v in parent[key].items() if k not in _CITE}
            merged[key] = {**base, **value}
        elif key == "indicator":
            merged[key] = list(value) + list(parent.get("indicator", []))
        elif key == "rule":
            merged[key] = _merged_rules(parent.get("rule", []), value)
        else:
            merged[key] = value
    if "enable" in child or "disable" in child:
        merged["rule"] = _switched(merged.get("rule", []), child)
    return merged


def raw_chain(path: Path, seen: tuple[str, ...] = ()) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The merged raw tables of the file at `path` and everything it extends, and the chain of names."""
    data = read_toml(path)
    name = str(data.get("name", path.stem))
    if name in seen:
        raise ProfileError(f"{path}: extends 形成循环：{' → '.join((*seen, name))}")
    parent_name = data.get("extends")
    if parent_name is None:
        return data, (name,)
    parent, chain = raw_chain(shipped_path(str(parent_name)), (*seen, name))
    return merge(parent, data), (name, *chain)


def build(data: dict[str, Any], path: Path, chain: tuple[str, ...]) -> Profile:
    """A `Profile` from merged raw tables; every problem a `ProfileError` naming the file and key."""
    try:
        return _build(data, path, chain)
    except RuleError as error:
        raise ProfileError(f"{path}: {error}") from None
    except (KeyError, TypeError, IndexError, ValueError) as error:
        raise ProfileError(f"{path}: 缺少或写错了字段：{error}") from None


def _dec(value: object, where: str) -> Decimal:
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        return Decimal(str(value))
    except InvalidOperation:
        raise RuleError(f"{where}「{value}」不是数字") from None


def _check_keys(data: dict[str, Any]) -> None:
    for key in data:
        if key not in TOP_KEYS:
            raise RuleError(unknown_key(key, TOP_KEYS, ""))
    for section, known in SECTIONS.items():
        for key in data.get(section, {}):
            if key not in known:
                raise RuleError(unknown_key(key, known, f"[{section}] "))


def source_of(table: dict[str, Any], where: str, default: Source | None = None) -> Source | None:
    """The citation of a section or a rule (`source`, `evidence`, `note`), else `default`."""
    if "source" not in table:
        return default
    evidence = table.get("evidence", default.evidence if default else "form")
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
    table = data.get("years", {})
    first, last = table.get("from"), table.get("to")
    for value in (first, last):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise RuleError(f"years 的 from / to 应为整数年份，而不是「{value}」")
    if first is not None and last is not None and first > last:
        raise RuleError(f"years：from {first} 晚于 to {last}")
    return Years(first, last)


def _grades(data: dict[str, Any]) -> tuple[tuple[str, Decimal], ...]:
    bounds = data["grades"]["bounds"]
    return tuple(sorted(((k, _dec(v, f"grades.bounds.{k}")) for k, v in bounds.items()), key=lambda kv: -kv[1]))


def _execution(data: dict[str, Any]) -> tuple[Decimal | None, str]:
    table = data["execution"]
    weight = None if table.get("weight", UNSET) == UNSET else _dec(table["weight"], "execution.weight")
    denominator = table.get("denominator", "full_year")
    if denominator not in DENOMINATORS:
        raise RuleError(f"execution.denominator「{denominator}」应为 {'、'.join(DENOMINATORS)} 之一")
    return weight, denominator


def _quantitative(data: dict[str, Any]) -> tuple[str, tuple[str, ...], str]:
    table = data.get("quantitative", {})
    reverse = table.get("reverse", "ratio")
    alternatives = tuple(table.get("alternatives", ()))
    aggregate = table.get("aggregate", "none")
    for value in (reverse, *alternatives):
        if value not in REVERSE_FORMULAS:
            raise RuleError(f"quantitative 的反向公式「{value}」应为 {'、'.join(REVERSE_FORMULAS)} 之一")
    if aggregate not in AGGREGATES:
        raise RuleError(f"quantitative.aggregate「{aggregate}」应为 {'、'.join(AGGREGATES)} 之一")
    return reverse, tuple(a for a in alternatives if a != reverse), aggregate


def _indicators(data: dict[str, Any], default: Source | None) -> tuple[CommonIndicator, ...]:
    found = []
    for number, table in enumerate(data.get("indicator", []), start=1):
        for key in table:
            if key not in INDICATOR_KEYS:
                raise RuleError(unknown_key(key, INDICATOR_KEYS, f"第 {number} 个 [[indicator]] "))
        found.append(CommonIndicator(tuple(table["names"]), table["rule"], table.get("formula"),
                                     source_of(table, f"indicator[{number}]", default)))
    return tuple(found)


def _rules(data: dict[str, Any]) -> tuple[ReportRule, ...]:
    return tuple(report_rule(table, f"rule[{table.get('id', number)}]", source_of(table, f"rule[{number}]"))
                 for number, table in enumerate(data.get("rule", []), start=1))


def _build(data: dict[str, Any], path: Path, chain: tuple[str, ...]) -> Profile:
    _check_keys(data)
    reading, weights = data["reading"], data["weights"]
    partial = reading.get("partial_step", "floor")
    if partial not in ("floor", "proportional", "ceiling"):
        raise RuleError("reading.partial_step 应为 floor、proportional 或 ceiling")
    file_source = _file_source(data)
    execution_weight, denominator = _execution(data)
    reverse, alternatives, aggregate = _quantitative(data)
    sections = {s: src for s in SECTIONS if s in data and (src := source_of(data[s], s, file_source)) is not None}
    return Profile(
        name=chain[0], title=str(data.get("title", chain[0])), reference=str(data.get("reference", "")), path=path,
        tolerance=_dec(reading["tolerance"], "reading.tolerance"), partial_step=partial,
        scale=_dec(reading["scale"], "reading.scale"),
        execution_weight=execution_weight, execution_denominator=denominator,  # type: ignore[arg-type]
        level1_weights={k: _dec(v, f"weights.level1.{k}") for k, v in weights.get("level1", {}).items()},
        indicator_total=_dec(weights["indicators"], "weights.indicators") if "indicators" in weights else None,
        qualitative={k: (_dec(data["qualitative"][k][0], f"qualitative.{k}"),
                         _dec(data["qualitative"][k][1], f"qualitative.{k}"))
                     for k in ("achieved", "partial", "not_achieved")},
        grades=_grades(data), indicators=_indicators(data, file_source),
        reverse=reverse, reverse_alternatives=alternatives, aggregate=aggregate,  # type: ignore[arg-type]
        rules=_rules(data), kind=data.get("kind", "method"), scope=data.get("scope", "any"),
        jurisdiction=data.get("jurisdiction"), years=_years(data), source=file_source, sources=sections, chain=chain,
    )
