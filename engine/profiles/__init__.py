"""Scoring profiles: each jurisdiction's scoring method as dated data, read from `data/*.toml`.

A profile holds the parameters the review reads (execution weight and denominator, first-level
weights, qualitative bands, grade bounds, tolerance, the reading of a partial step, the reverse
formula, aggregation), the rules of common indicators (in the rule language) and report-level
rules (`engine.profiles.rules`); every part cites its source and evidence level, and the profile
says the years it applies to. A profile extends another and overrides what differs.

The rooms: `model` (the dataclasses), `rules` (the report-level vocabulary), `loading` (files
and `extends`), `choice` (`--profile auto`: which profile a form's own evidence points to),
`checks` (lint of a profile file). The logic that uses the parameters lives in the checks of
`engine.review`; nothing here reads a report except `choice`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from engine.profiles.loading import (DEFAULT_PROFILE, PROFILE_DIR, ProfileError, available, build, merge,
                                     own_citations, raw_chain, read_toml, shipped_path)
from engine.profiles.model import CommonIndicator, Profile, Source, Years

__all__ = ["DEFAULT_PROFILE", "PROFILE_DIR", "CommonIndicator", "Profile", "ProfileError", "Source", "Years",
           "available", "load_all", "load_profile", "load_profile_file"]


@lru_cache(maxsize=None)
def load_profile(name: str | None = None) -> Profile:
    """Read shipped profile `name` (default mof2020), following `extends`; "a+b" lays the rules
    file b's own settings over a (hubei+platform)."""
    name = name or DEFAULT_PROFILE
    if "+" in name:
        base_name, _, extra = name.partition("+")
        data, chain = raw_chain(shipped_path(base_name))
        path = shipped_path(extra)
        own = own_citations(read_toml(path))
        merged = merge(data, {k: v for k, v in own.items() if k not in ("extends", "kind", "scope", "jurisdiction")})
        merged["years"] = data.get("years", {})
        merged["source"] = data.get("source")
        if merged["source"] is None:
            merged.pop("source")
        profile = build(merged, path, (name, *chain))
        return profile
    path = shipped_path(name)
    data, chain = raw_chain(path)
    return build(data, path, chain)


def load_profile_file(path: str | Path) -> Profile:
    """A profile a user supplies on the command line (a `.toml` path); it may extend a shipped one."""
    path = Path(path)
    if not path.is_file():
        raise ProfileError(f"{path}: 评分办法文件不存在")
    data, chain = raw_chain(path)
    return build(data, path, chain)


def load_all() -> list[Profile]:
    """Every shipped profile, by name."""
    return [load_profile(name) for name in available()]
