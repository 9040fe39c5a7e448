"""Scoring profiles: the numbers of a scoring method, read from `engine/profiles/data/*.toml`.

A profile holds parameters (execution weight, first-level weights, qualitative bands, grade
bounds, tolerance, the reading of a partial step) and rules for common indicators, written in
the rule language. The logic that uses them lives in the checks of `engine.review`; this module only reads
and validates the files.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # reading a profile does not load the evaluator
    from engine.scoring import PartialStep

PROFILE_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_PROFILE = "mof2020"


class ProfileError(ValueError):
    """A profile that cannot be found or read; the message is Chinese and names the file."""


@dataclass(frozen=True)
class CommonIndicator:
    names: tuple[str, ...]
    rule: str
    formula: str | None = None


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    reference: str
    path: Path
    tolerance: Decimal
    partial_step: PartialStep
    scale: Decimal
    execution_weight: Decimal
    execution_denominator: str
    level1_weights: dict[str, Decimal]
    qualitative: dict[str, tuple[Decimal, Decimal]]
    grades: tuple[tuple[str, Decimal], ...]  # highest bound first
    indicators: tuple[CommonIndicator, ...] = field(default_factory=tuple)

    def grade(self, total: Decimal) -> str:
        for name, bound in self.grades:
            if total >= bound:
                return name
        return self.grades[-1][0]

    def common_rule(self, indicator_name: str | None) -> CommonIndicator | None:
        if not indicator_name:
            return None
        for common in self.indicators:
            if any(n in indicator_name for n in common.names):
                return common
        return None


def available() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.toml"))


@lru_cache(maxsize=None)
def load_profile(name: str | None = None) -> Profile:
    """Read profile `name` (default mof2020), following `extends`."""
    name = name or DEFAULT_PROFILE
    path = PROFILE_DIR / f"{name}.toml"
    if not path.exists():
        raise ProfileError(f"没有评分办法「{name}」；可用的有：{'、'.join(available()) or '（无）'}（{PROFILE_DIR}）")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ProfileError(f"{path}: 无法读取：{error}") from None
    base: dict[str, Any] = {}
    if "extends" in data:
        parent = load_profile(data["extends"])
        base = {
            "tolerance": parent.tolerance, "partial_step": parent.partial_step, "scale": parent.scale,
            "execution_weight": parent.execution_weight, "execution_denominator": parent.execution_denominator,
            "level1_weights": parent.level1_weights, "qualitative": parent.qualitative, "grades": parent.grades,
            "indicators": parent.indicators,
        }

    def dec(value: object, where: str) -> Decimal:
        try:
            return Decimal(str(value))
        except InvalidOperation:
            raise ProfileError(f"{path}: {where}「{value}」不是数字") from None

    try:
        execution = data.get("execution", {})
        fields = {
            "tolerance": dec(data["tolerance"], "tolerance") if "tolerance" in data else base.get("tolerance"),
            "partial_step": data.get("partial_step", base.get("partial_step", "floor")),
            "scale": dec(data["scale"], "scale") if "scale" in data else base.get("scale"),
            "execution_weight": dec(execution["weight"], "execution.weight") if "weight" in execution
            else base.get("execution_weight"),
            "execution_denominator": execution.get("denominator", base.get("execution_denominator", "full_year")),
            "level1_weights": {k: dec(v, f"level1_weights.{k}") for k, v in data["level1_weights"].items()}
            if "level1_weights" in data else base.get("level1_weights"),
            "qualitative": {k: (dec(v[0], f"qualitative.{k}"), dec(v[1], f"qualitative.{k}"))
                            for k, v in data["qualitative"].items()} if "qualitative" in data else base.get("qualitative"),
            "grades": tuple(sorted(((k, dec(v, f"grades.{k}")) for k, v in data["grades"].items()),
                                   key=lambda kv: -kv[1])) if "grades" in data else base.get("grades"),
            "indicators": tuple(CommonIndicator(tuple(i["names"]), i["rule"], i.get("formula"))
                                for i in data.get("indicator", [])) + tuple(base.get("indicators", ())),
        }
    except (KeyError, TypeError, IndexError) as error:
        raise ProfileError(f"{path}: 缺少或写错了字段：{error}") from None
    missing = [k for k, v in fields.items() if v is None]
    if missing:
        raise ProfileError(f"{path}: 缺少字段：{'、'.join(missing)}")
    if fields["partial_step"] not in ("floor", "proportional", "ceiling"):
        raise ProfileError(f"{path}: partial_step 应为 floor、proportional 或 ceiling")
    return Profile(name=data.get("name", name), title=data.get("title", name), reference=data.get("reference", ""),
                   path=path, **fields)
