"""The state of one evaluation (`Ctx`) and the readings every shape shares: the numbers a rule
needs from the target and the actual, an operand's value, an award's points, the good direction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from fractions import Fraction

from engine import lexicon
from engine import values as vals
from engine.values.dates import Date, ordinal
from engine.language import tree as rt
from engine.scoring.direction import Direction, infer_direction
from engine.scoring.numbers import F, fmt
from engine.scoring.outcome import Note, PartialStep, Unknown


@dataclass
class Ctx:
    rule: rt.Rule
    target: vals.Value | None
    actual: vals.Value | None
    weight: Fraction
    partial: PartialStep
    indicator: str | None
    direction: str | None
    trace: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    alternatives: dict[str, Fraction] = field(default_factory=dict)
    convention: str | None = None
    # What the shape tells about itself as it runs, for the symbolic form (engine.lint.form):
    symbolic: bool = False  # the actual is a symbolic x: skip what only a concrete actual needs
    partial_seen: bool = False  # a clause counted an incomplete step (engine.scoring.parts gives the other readings)
    probing: bool = False  # scoring again under another reading, for its score alone
    against_points: bool = False  # a % shortfall of a % target read in percentage points (the other reading)
    clause: bool = False  # scoring one clause of a rule of several (engine.scoring.parts): not split again
    below_zero: bool = False  # the score is what a 倒扣 clause gives: below 0 by the rule
    by: rt.Statement | None = None  # the statement whose points decided the score
    read_past: list[tuple[rt.Statement, str]] = field(default_factory=list)  # statements this shape never uses
    bands: list[rt.Award] = field(default_factory=list)  # the awards this shape reads as bands
    grid: tuple[Fraction, Fraction, str] | None = None  # step rules: (base, step size, side stepped)
    printed: rt.Rule | None = None  # the rule as printed, when `rule` is one end of its ranges of points (ranged)
    gap_index: object = None  # engine.scoring.conditions: the bands' edges, sorted, read once

    def __post_init__(self) -> None:
        self.actual = per_period_actual(self.rule, self.actual, self)

    def say(self, line: str) -> None:
        self.trace.append(line)

    def decided(self, statement: rt.Statement) -> None:
        self.by = statement

    def note(self, code: str, message: str) -> None:
        self.notes.append(Note(code, message))
        self.trace.append("注意：" + message)


_PER_YEAR = lexicon.ranks("units.per_year")


def per_period_actual(rule: rt.Rule, actual: vals.Value | None, ctx: Ctx) -> vals.Value | None:
    """每季度开展1次 against 每季度开展一次督导检查 (read as 4 a year): an actual written per period too is
    the year's count, said in a note; any other actual is as it is."""
    per = next((c.per for a in rule.of(rt.Award) if isinstance(c := a.condition, rt.Compare) and c.per), None)
    if per is None or not isinstance(actual, vals.Quantity) or not re.search(rf"每\s*个?\s*{per}", actual.text):
        return actual
    k = _PER_YEAR[per]
    year = replace(actual, number=actual.number * k)
    ctx.note("per-period-actual", f"实际完成值「{actual.text}」也是按{per}写的：按全年 {fmt(F(year.number))}{actual.unit or ''} 读取"
                                  f"（一年 {k} 个{per}）")
    return year


def describe_value(v: vals.Value | None) -> str:
    return "（空）" if v is None else v.describe()


def need_number(ctx: Ctx, which: str) -> Fraction:
    value = ctx.actual if which == "actual" else ctx.target
    label = "实际完成值" if which == "actual" else "年度指标值"
    if value is None:
        raise Unknown("value-missing", f"{label}为空，无法计算")
    if isinstance(value, vals.Unquantified):
        raise Unknown("value-unquantified", f"{label}「{value.text}」未量化：{value.reason}")
    if isinstance(value, vals.Qualitative):
        raise Unknown("value-unquantified", f"{label}「{value.text}」是文字，没有给出本规则需要的数值")
    if isinstance(value, vals.Range):
        raise Unknown("value-unquantified", f"{label}「{value.text}」是一个区间，本规则需要一个数值")
    if isinstance(value, vals.OrdinalClass):
        return F(value.rank)
    if isinstance(value, Date):
        return day_number(ctx, value, deadline=value.comparator == "<=")
    return F(value.number)


def _year(ctx: Ctx) -> int:
    """The year a date without one is in: the other date's year (8月30日前 and 2024年9月5日)."""
    for v in (ctx.actual, ctx.target):
        if isinstance(v, Date) and v.year is not None:
            return v.year
    for mark in (s.condition.operand for s in ctx.rule.of(rt.Award)
                 if isinstance(s.condition, rt.Compare) and isinstance(s.condition.operand, rt.DateMark)):
        if mark.year is not None:
            return mark.year
    return 2001  # any year without 29 February does for a date with no year on either side


def day_number(ctx: Ctx, value: Date | rt.DateMark, deadline: bool = False) -> Fraction:
    """A date as a day number for comparing dates (a month alone: its first day, or its last for a
    deadline); unknown for a day that moves with the year and no year is given."""
    d = value if isinstance(value, Date) else Date(value.year, value.month, value.day,
                                                   value.part if value.part in ("start", "end") else None,  # type: ignore[arg-type]
                                                   "<=", "", holiday=value.holiday)
    n = ordinal(d, _year(ctx), deadline)
    if n is None:
        raise Unknown("value-unquantified", f"「{d.holiday or d.text}」的日期随年份而变，没有写明年份，无法比较")
    return F(n)


def operand_number(ctx: Ctx, operand: rt.Operand) -> Fraction:
    if isinstance(operand, rt.Quantity):
        return F(operand.value)
    if isinstance(operand, rt.ClassLevel):
        return F(operand.rank)
    if isinstance(operand, rt.DateMark):  # 8月30日之前: the deadline's last day
        return day_number(ctx, operand, deadline=True)
    # a reference: 省定目标, 目标值, 计划 … is the table's target
    if ctx.target is None:
        raise Unknown("value-missing", f"规则以「{operand.name}」为标准，但年度指标值为空")
    if isinstance(ctx.target, vals.Unquantified):
        raise Unknown("value-unquantified", f"规则以「{operand.name}」为标准，年度指标值也只写了「{ctx.target.text}」（{ctx.target.reason}）")
    number = need_number(ctx, "target")
    ctx.say(f"「{operand.name}」取年度指标值 {fmt(number)}")
    return number


def actual_for(ctx: Ctx, operand: rt.Operand | None) -> Fraction:
    """The actual as a number comparable with `operand` (a class rank for class rules)."""
    if isinstance(operand, rt.ClassLevel) and isinstance(ctx.actual, vals.Quantity) and ctx.actual.unit is None \
            and not ctx.symbolic:  # only a note: the number is the rank either way
        n = F(ctx.actual.number)
        if n.denominator == 1 and 1 <= n <= 6:
            ctx.note("class-from-number", f"实际完成值「{ctx.actual.text}」是数字，按水质类别 {int(n)} 类理解")
            return n
    if isinstance(ctx.actual, vals.Qualitative) and ctx.actual.tier == "achieved":
        full = "满分"
        raise Unknown("value-unquantified", f"实际完成值「{ctx.actual.text}」只说达成，没有给出本规则需要的数值",
                       {"qualitative-as-met": award_full(ctx)} if full else None)
    return need_number(ctx, "actual")


def award_full(ctx: Ctx) -> Fraction:
    for a in ctx.rule.of(rt.Award):
        if a.points is not None:
            return ctx.weight if a.points.value is None else F(a.points.value)
    return ctx.weight


def good_direction(ctx: Ctx) -> tuple[Direction | None, str]:
    """Which way the indicator improves for this evaluation, and how we know (`infer_direction`)."""
    return infer_direction(ctx.rule, ctx.target, ctx.weight, ctx.indicator, ctx.direction)


def points_of(ctx: Ctx, award: rt.Award) -> Fraction:
    """What an award gives: its points, the weight (满分), or a share of the weight (一半分)."""
    assert award.points is not None
    if award.points.share is not None:
        return F(ctx.weight) * F(award.points.share) / 100
    return F(ctx.weight) if award.points.value is None else F(award.points.value)
