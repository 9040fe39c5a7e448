"""Which profile a report is scored under: `--profile NAME`, a `.toml` path, or `auto`.

`resolve(name, report)` is the one function the command line calls. `auto` weighs the form's own
evidence — a province in the unit's name (engine/profiles/places.toml), a 20-point 预算执行率
row, a 调整后预算数 column, a 部门整体 table — against every shipped method (`fit`: its points
and reasons, or why it cannot apply: its years, its kind of table, its province, its execution
weight), and returns the choice with its reasons in Chinese. Nothing fits: the national mof2020,
with the evidence seen and why each method it points at was set aside (湖北 found, but hubei
wants a 20-point execution row and the form prints 10). Nothing here scores anything.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from engine import tomlfiles
from engine.lazy_dataclass import dataclass
from engine.profiles import DEFAULT_PROFILE, Profile, ProfileError, load_all, load_profile, load_profile_file
from engine.report.model import Report
from engine.scoring import fmt

AUTO = "auto"
PLACES = Path(__file__).resolve().parent / "places.toml"


@dataclass(frozen=True)
class Choice:
    """The profile to score under, and why (empty when it was named on the command line)."""

    profile: Profile
    reasons: tuple[str, ...] = ()
    auto: bool = False

    def text(self) -> str:
        """One Chinese line for the reviewer."""
        how = "自动选择" if self.auto else "评分办法"
        why = "；".join(self.reasons)
        return f"{how}评分办法 {self.profile.name}（{self.profile.title}）" + (f"：{why}" if why else "") + \
            ("。可用 --profile NAME 另选" if self.auto else "")


@dataclass(frozen=True)
class Evidence:
    province: str | None
    place: str | None  # the word of the unit's name that names it
    execution_weights: frozenset[Decimal]
    adjusted_column: bool
    kinds: frozenset[str]
    year: int | None


@lru_cache(maxsize=1)
def _places() -> tuple[tuple[str, str], ...]:
    """(place word, province), longest word first."""
    data = tomlfiles.read(PLACES)
    pairs = [(word, province) for province, table in data.items() for word in table["names"]]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def _place(texts: list[str]) -> tuple[str, str] | None:
    """The first place word in `texts` and its province."""
    return next(((w, p) for text in texts for w, p in _places() if w in text), None)


def evidence(report: Report) -> Evidence:
    found = _place([report.unit or "", report.title or ""] + [t.department or "" for t in report.tables])
    weights = frozenset(t.execution.weight for t in report.tables if t.execution and t.execution.weight is not None)
    adjusted = any(r.adjusted is not None for t in report.tables for r in t.funding)
    province, place = (found[1], found[0]) if found else (None, None)
    return Evidence(province, place, weights, adjusted, frozenset(t.kind for t in report.tables), report.year)


_KIND_WORDS = {"department": "部门整体支出表", "project": "项目支出表"}


@dataclass(frozen=True)
class Fit:
    """How a method fits the evidence: its points and the evidence for it, or why it cannot apply."""

    profile: Profile
    points: int = 0
    reasons: tuple[str, ...] = ()
    excluded: str | None = None  # Chinese: why the method cannot apply to this report


def _excluded(profile: Profile, ev: Evidence) -> str | None:
    """Why `profile` cannot apply to the report, in the evidence's own words; None: it can."""
    if not profile.applies_to(ev.year):
        return f"它的适用年度（{profile.years.text()}）不含本报告的 {ev.year} 年"
    if profile.scope not in ("any", *ev.kinds):
        kinds = "、".join(_KIND_WORDS[k] for k in sorted(ev.kinds)) or "评分表"
        return f"它只用于{_KIND_WORDS[profile.scope]}，本报告只有{kinds}"
    if profile.jurisdiction is not None and ev.province is not None and ev.province != profile.jurisdiction:
        return f"它是{profile.jurisdiction}的办法，单位在{ev.province}"
    weight = profile.execution_weight
    if weight is not None and weight != 10 and ev.execution_weights and weight not in ev.execution_weights:
        return f"它的预算执行率为 {fmt(weight)} 分，本报告为 {_weights(ev)} 分"
    return None


def _weights(ev: Evidence) -> str:
    return "、".join(fmt(w) for w in sorted(ev.execution_weights))


def fit(profile: Profile, ev: Evidence) -> Fit:
    """How well the method `profile` fits the evidence: a province in the unit's name, a
    20-point execution row, a 调整后预算数 column, a 部门整体 table — with the reasons."""
    excluded = _excluded(profile, ev)
    if excluded is not None:
        return Fit(profile, excluded=excluded)
    points, reasons = 0, []
    if profile.jurisdiction is not None and ev.province is not None:
        points += 4
        reasons.append(f"单位名称含「{ev.place}」（{ev.province}）")
    weight = profile.execution_weight
    if weight is not None and weight != 10 and ev.execution_weights:
        points += 2
        reasons.append(f"预算执行率分值 {fmt(weight)}")
    if ev.adjusted_column and profile.execution_denominator in ("adjusted", "adjusted_with_carryover"):
        points += 1
        reasons.append("资金表有调整后预算数一栏")
    if profile.scope == "department" and points:
        points += 1
        reasons.append("报告有部门整体支出表")
    return Fit(profile, points, tuple(reasons))


def _speaks_to(profile: Profile, ev: Evidence) -> bool:
    """Whether the evidence points at `profile` at all (its province, its execution weight, its
    denominator): the methods a fallback must say it set aside, and why."""
    weight = profile.execution_weight
    return ((profile.jurisdiction is not None and profile.jurisdiction == ev.province)
            or (weight is not None and weight != 10 and weight in ev.execution_weights)
            or (ev.adjusted_column and profile.execution_denominator in ("adjusted", "adjusted_with_carryover")))


def _seen(ev: Evidence) -> list[str]:
    """The evidence the form shows, as found."""
    seen = [f"单位名称含「{ev.place}」（{ev.province}）" if ev.province else "单位名称未指明省份"]
    if ev.execution_weights:
        seen.append(f"预算执行率分值 {_weights(ev)}")
    if ev.adjusted_column:
        seen.append("资金表有调整后预算数一栏")
    if not any(w != 10 for w in ev.execution_weights) and not ev.adjusted_column:
        seen.append("表中没有省级表样的特征（20 分执行率、调整后预算数）")
    return seen


def _fallback(ev: Evidence, fits: list[Fit]) -> tuple[str, ...]:
    """Why the national method: what was seen, and why each method it points at was set aside."""
    reasons = _seen(ev)
    aside = [f for f in fits if f.excluded is not None and _speaks_to(f.profile, ev)]
    if ev.province and not any(f.profile.jurisdiction == ev.province for f in fits):
        reasons.append(f"没有{ev.province}的评分办法")
    reasons += [f"不按 {f.profile.name}（{f.profile.title}）：{f.excluded}" for f in aside]
    return (*reasons, "按国家办法")


def choose(report: Report) -> Choice:
    """The shipped method the report's own evidence points to, and why."""
    ev = evidence(report)
    fits = [fit(p, ev) for p in load_all() if p.kind == "method"]
    usable = [f for f in fits if f.excluded is None]
    best = max(usable, key=lambda f: (f.points, f.profile.name == DEFAULT_PROFILE), default=None)
    year = f"{ev.year} 年" if ev.year is not None else "未印年度"
    if best is None or best.points == 0:
        profile = load_profile(DEFAULT_PROFILE)
        return Choice(profile, (*_fallback(ev, fits), f"{year}在 {profile.name} 的适用年度（{profile.years.text()}）内"),
                      auto=True)
    profile = best.profile
    reasons = [*best.reasons, f"{year}在 {profile.name} 的适用年度（{profile.years.text()}）内"]
    if profile.scope == "department" and "project" in ev.kinds:
        reasons.append(f"项目支出表按其所扩展的 {profile.chain[-1]} 计分")
    return Choice(profile, tuple(reasons), auto=True)


def resolve(name: str | None, report: Report) -> Choice:
    """The profile for `--profile NAME` (a shipped name, `auto`, or a path to a `.toml` a user
    supplies), else the report's `profile` field, else mof2020. Raises `ProfileError`."""
    if name == AUTO:
        return choose(report)
    if name is not None and name.endswith(".toml"):
        return Choice(load_profile_file(name))
    chosen = name or report.profile or DEFAULT_PROFILE
    if chosen == AUTO:
        return choose(report)
    try:
        return Choice(load_profile(chosen))
    except ProfileError:
        raise
