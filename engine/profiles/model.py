"""The shape of a scoring profile once read: plain frozen dataclasses, no file access.

A `Profile` is the method of one jurisdiction for some years: the parameters the review reads
(execution weight and denominator, first-level weights, qualitative bands, grade bounds, the
reverse formula, aggregation), the common-indicator rules and the report-level rules
(`ReportRule`, the vocabulary of `engine.profiles.rules`). Every part carries the `Source` it
comes from and its evidence level (docs: README "Scoring profiles"). Reading and merging the
files is `engine.profiles.loading`; using the parameters is the review's (`engine.review`).
"""

from __future__ import annotations

from dataclasses import field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from engine.lazy_dataclass import dataclass
from engine.profiles.rules import ReportRule

if TYPE_CHECKING:  # reading a profile does not load the evaluator
    from engine.scoring import PartialStep

# How sure a parameter is (../shared/DOMAIN.md "Provincial variants"): `document` the method's
# own text; `form` seen on published forms or their printed notes; `platform` enforced by a
# 预算管理一体化 platform; `convention` no rule found, a choice of rescore, said so; `unverified`
# reported second-hand only (never shipped as a fact: only in a profile a user supplies).
Evidence = Literal["document", "form", "platform", "convention", "unverified"]
EVIDENCE: tuple[str, ...] = ("document", "form", "platform", "convention", "unverified")
EVIDENCE_WORDS = {"document": "办法原文", "form": "公开表样", "platform": "平台校验", "convention": "惯例（未见明文）",
                  "unverified": "未经核实"}

# 预算执行率 = 全年执行数 ÷ one of these (engine.review.execution).
Denominator = Literal["full_year", "initial", "adjusted", "adjusted_with_carryover"]
DENOMINATORS: tuple[str, ...] = ("full_year", "initial", "adjusted", "adjusted_with_carryover")
DENOMINATOR_WORDS = {"full_year": "全年预算数", "initial": "年初预算数", "adjusted": "调整后预算数",
                     "adjusted_with_carryover": "调整后预算总额（含上年结转）"}

# The score of a missed "≤" (reverse) target: `ratio` target ÷ actual × weight (national);
# `linear_to_double` full at the target, linear to 0 at twice the target (platform).
ReverseFormula = Literal["ratio", "linear_to_double"]
REVERSE_FORMULAS: tuple[str, ...] = ("ratio", "linear_to_double")

# Several completion values in one actual cell: `none` (unquantified, as printed) or `sum`
# (amounts added, then scored once; ratios would need each part's funds).
Aggregate = Literal["none", "sum"]
AGGREGATES: tuple[str, ...] = ("none", "sum")

Kind = Literal["method", "rules"]
KINDS: tuple[str, ...] = ("method", "rules")
Scope = Literal["project", "department", "any"]
SCOPES: tuple[str, ...] = ("project", "department", "any")


@dataclass(frozen=True)
class Source:
    """Where a parameter or rule comes from: the document, its evidence level, a note."""

    document: str
    evidence: Evidence
    note: str = ""

    def cite(self) -> str:
        return f"{self.document}［{EVIDENCE_WORDS[self.evidence]}］"


@dataclass(frozen=True)
class Years:
    """The budget years a profile applies to, both ends included; None: open on that side."""

    first: int | None = None
    last: int | None = None

    def covers(self, year: int | None) -> bool:
        if year is None:
            return True
        return (self.first is None or year >= self.first) and (self.last is None or year <= self.last)

    def overlaps(self, other: Years) -> bool:
        low = max(self.first or 0, other.first or 0)
        high = min(self.last or 9999, other.last or 9999)
        return low <= high

    def text(self) -> str:
        if self.first is None and self.last is None:
            return "不限年度"
        if self.last is None:
            return f"{self.first} 年起"
        if self.first is None:
            return f"至 {self.last} 年"
        return f"{self.first}–{self.last} 年"


@dataclass(frozen=True)
class CommonIndicator:
    names: tuple[str, ...]
    rule: str
    formula: str | None = None
    source: Source | None = None


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    reference: str
    path: Path
    tolerance: Decimal
    partial_step: PartialStep
    scale: Decimal
    execution_weight: Decimal | None  # None: the method documents no execution weight (not checked)
    execution_denominator: Denominator
    level1_weights: dict[str, Decimal]  # empty with `indicator_total`: a free split ("10 + 90")
    qualitative: dict[str, tuple[Decimal, Decimal]]
    grades: tuple[tuple[str, Decimal], ...]  # highest bound first
    indicators: tuple[CommonIndicator, ...] = field(default_factory=tuple)
    indicator_total: Decimal | None = None  # the indicator part's points when the split is free
    reverse: ReverseFormula = "ratio"
    reverse_alternatives: tuple[ReverseFormula, ...] = ()
    aggregate: Aggregate = "none"
    rules: tuple[ReportRule, ...] = ()
    kind: Kind = "method"
    scope: Scope = "any"
    jurisdiction: str | None = None  # a province (湖北省); None: national
    years: Years = field(default_factory=Years)
    source: Source | None = None
    sources: dict[str, Source] = field(default_factory=dict)  # by section: execution, weights, …
    chain: tuple[str, ...] = ()  # this profile, then what it extends, nearest first

    def grade(self, total: Decimal | Fraction, scale: Decimal | Fraction = Decimal(100)) -> str:
        """The grade of `total` out of `scale` (满分): the bounds are out of 100, so a table of
        another 满分 is graded on its total as a share of it (34 of 35 is 97.1 of 100)."""
        share = on_hundred(total, scale)
        for name, bound in self.grades:
            if share >= bound:
                return name
        return self.grades[-1][0]

    def common_rule(self, indicator_name: str | None) -> CommonIndicator | None:
        if not indicator_name:
            return None
        for common in self.indicators:
            if any(n in indicator_name for n in common.names):
                return common
        return None

    def applies_to(self, year: int | None) -> bool:
        return self.years.covers(year)


def on_hundred(total: Decimal | Fraction, scale: Decimal | Fraction) -> Decimal | Fraction:
    """`total` out of `scale` as points out of 100 (exact; itself when the scale is 100)."""
    if scale == 100 or scale == 0:
        return total
    return Fraction(total) * 100 / Fraction(scale)
