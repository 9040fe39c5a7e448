"""Which profile a report is scored under: `--profile NAME`, a `.toml` path, or `auto`.

`resolve(name, report)` is the one function the command line calls. `auto` weighs the form's own
evidence — a province in the unit's name (engine/profiles/places.toml), a 20-point 预算执行率
row, a 调整后预算数 column, a 部门整体 table — against every shipped method whose years cover
the report's year, and returns the choice with its reasons in Chinese. No evidence: the
national mof2020. Nothing here scores anything.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

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
    data = tomllib.loads(PLACES.read_text(encoding="utf-8"))
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


def _jurisdiction(profile: Profile, ev: Evidence) -> tuple[int, list[str]] | None:
    """A provincial profile fits a unit of that province; never a unit of another one."""
    if profile.jurisdiction is None or ev.province is None:
        return 0, []
    if ev.province != profile.jurisdiction:
        return None
    return 4, [f"单位名称含「{ev.place}」（{ev.province}）"]


def _form(profile: Profile, ev: Evidence) -> tuple[int, list[str]] | None:
    """The form's shape: a 20-point execution row, a 调整后预算数 column."""
    points, reasons = 0, []
    weight = profile.execution_weight
    if weight is not None and weight != 10 and ev.execution_weights:
        if weight not in ev.execution_weights:
            return None
        points += 2
        reasons.append(f"预算执行率分值 {fmt(weight)}")
    if ev.adjusted_column and profile.execution_denominator in ("adjusted", "adjusted_with_carryover"):
        points += 1
        reasons.append("资金表有调整后预算数一栏")
    return points, reasons


def _score(profile: Profile, ev: Evidence) -> tuple[int, list[str]] | None:
    """How well `profile` fits the evidence, with the reasons; None when it cannot apply."""
    if profile.kind != "method" or not profile.applies_to(ev.year) or profile.scope not in ("any", *ev.kinds):
        return None
    place, form = _jurisdiction(profile, ev), _form(profile, ev)
    if place is None or form is None:
        return None
    points, reasons = place[0] + form[0], place[1] + form[1]
    if profile.scope == "department" and points:
        points += 1
        reasons.append("报告有部门整体支出表")
    return points, reasons


def choose(report: Report) -> Choice:
    """The shipped method the report's own evidence points to, and why."""
    ev = evidence(report)
    scored = [(s[0], p.name, p, s[1]) for p in load_all() if (s := _score(p, ev)) is not None]
    best = max(scored, key=lambda s: (s[0], s[1] == DEFAULT_PROFILE), default=None)
    year = f"{ev.year} 年" if ev.year is not None else "未印年度"
    if best is None or best[0] == 0:
        profile = load_profile(DEFAULT_PROFILE)
        seen = f"单位名称指向{ev.province}，但没有该省的评分办法" if ev.province else "单位名称未指明省份"
        return Choice(profile, (f"{seen}，表中也没有省级表样的特征（20 分执行率、调整后预算数）", "按国家办法",
                                f"{year}在 {profile.name} 的适用年度（{profile.years.text()}）内"), auto=True)
    _, _, profile, reasons = best
    reasons = [*reasons, f"{year}在 {profile.name} 的适用年度（{profile.years.text()}）内"]
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
