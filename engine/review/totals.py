"""Totals and grades: the printed 总分 against the items, and the 评价等级 of each total.

Two passes. `check_totals`: the sum of the claimed 得分 (预算执行率 included) against the
printed 总分 — T001 total-mismatch, or V001 missing-value when no 总分 is printed (the sum is
used instead). `check_grades`: the recomputed total (a number, a range, or absent when rows
cannot be recomputed), the grades it allows under the profile, G001 grade-mismatch when the
printed 评价等级 is not the grade of the claimed total, and the sentence saying whether the
grade may change. Under the profile's report-level rules (`ctx.adjustments`) the sums leave
out the rows a rescale drops and are rescaled to the 满分, and the recomputed total takes the
deductions and caps. They read the items the earlier passes built; they score nothing.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from engine import lexicon
from engine.profiles import Profile
from engine.profiles.model import on_hundred
from engine.report.model import Table
from engine.review import report_rules
from engine.review.common import score_text
from engine.review.context import Adjustments, Place, ReviewContext
from engine.review.result import ItemResult, TableResult
from engine.scoring import fmt, to_decimal
from engine.scoring.numbers import F, exact_sum

# 优秀 → 优, 良好 → 良: the long forms some tables print.
_GRADE_WORDS = dict(lexicon.table("grades.short"))


def check_totals(ctx: ReviewContext) -> None:
    for table, result in ctx.each_table():
        if not table.scored:  # an unscored form has no total to check (said once, by engine.review.weights)
            continue
        adjust = ctx.adjustments.get(result.number)
        kept = report_rules.kept_items(result, adjust)
        claimed_sum = sum((i.claimed for i in kept if i.claimed is not None), Decimal(0))
        claimed_sum = result.claimed_sum = report_rules.rescaled(claimed_sum, result, adjust, table.scale)
        place = Place.part(result.number, table, "total", "总分")
        printed = table.claimed_total
        if printed is None:
            ctx.emit("missing-value", f"表中没有印总分；各项自评得分之和为 {fmt(claimed_sum)}，以下按此计", place,
                     expected=claimed_sum)
        elif abs(printed - claimed_sum) > ctx.profile.tolerance:
            ctx.emit("total-mismatch", f"印出的总分 {fmt(printed)} 不等于各项自评得分之和 {fmt(claimed_sum)}"
                     f"（含预算执行率）：相差 {fmt(printed - claimed_sum)} 分", place,
                     claimed=printed, expected=claimed_sum, points=abs(printed - claimed_sum),
                     direction="over" if printed > claimed_sum else "under")


def check_grades(ctx: ReviewContext) -> None:
    for table, result in ctx.each_table():
        adjust = ctx.adjustments.get(result.number)
        _recompute_total(result, adjust, table.scale)
        if not table.scored:
            continue
        total = result.claimed_total if result.claimed_total is not None else result.claimed_sum
        claimed_grade = result.claimed_grade = ctx.profile.grade(total, table.scale)
        result.recomputed_grades = _recomputed_grades(ctx.profile, result, adjust, table.scale)
        printed = table.claimed_grade
        if printed and _grade_word(printed) != claimed_grade:
            ctx.emit("grade-mismatch", f"印出的评价等级「{printed}」与总分 {fmt(total)} 不符："
                     f"按 {ctx.profile.name} 应为「{claimed_grade}」", Place.part(result.number, table, "grade", "评价等级"))
        result.grade_impact = _grade_impact(ctx.profile, result, total, table.scale)
        _rounded_sum(ctx, table, result)


def _rounded_sum(ctx: ReviewContext, table: Table, result: TableResult) -> None:
    """T002: the other reading of a total, the printed 2-place item scores added, when it is not
    the exact total as shown (33.33 × 3 = 99.99 where the exact scores add up to 100)."""
    other, shown = result.printed_places_total, result.recomputed_total
    if other is None or shown is None or result.exact_total is None:
        return
    grade, other_grade = ctx.profile.grade(result.exact_total, table.scale), ctx.profile.grade(other, table.scale)
    moves = "" if grade == other_grade else f"，等级为「{other_grade}」而不是「{grade}」"
    ctx.emit("rounded-sum", f"重算总分按各项精确得分相加为 {fmt(shown)} 分（以此为准）；若按表中两位小数的"
             f"得分相加（有的表格如此）则为 {fmt(other)} 分{moves}", Place.part(result.number, table, "total", "总分"),
             expected=shown, extra={"printed_places_total": other, "printed_places_grade": other_grade})


def _grade_word(printed: str) -> str:
    text = printed.strip()
    return _GRADE_WORDS.get(text, text)


def _recompute_total(result: TableResult, adjust: Adjustments | None, scale: Decimal) -> None:
    """A number when every item has one; a range when some only have a range; else none, with
    the count and weight of the items that could not be recomputed (open points). The profile's
    report-level rules adjust it (rows left out and rescaled, deductions, a cap). The total adds
    the exact item scores and is rounded only as shown (33.333 × 3 at full marks is 100, never
    99.99); the sum of the 2-place scores as shown is kept beside it when the two differ."""
    items = report_rules.kept_items(result, adjust)
    unverifiable = [i for i in items if i.recomputed is None and i.range is None]
    result.unverifiable_items = len(unverifiable)
    result.unverifiable_points = sum((i.weight or Decimal(0) for i in unverifiable), Decimal(0))
    if unverifiable:
        return
    low, high = (report_rules.adjusted_total(exact_sum(b), result, adjust, scale)
                 for b in zip(*(_exact_bounds(i) for i in items)))
    shown_low, shown_high = (_shown_sum(b, result, adjust, scale) for b in zip(*(_shown_bounds(i) for i in items)))
    if any(i.range for i in items):
        result.exact_range = (low, high)
        result.recomputed_range = (_shown(low, shown_low), _shown(high, shown_high))
    else:
        result.exact_total = low
        result.recomputed_total = _shown(low, shown_low)
        if shown_low != result.recomputed_total:
            result.printed_places_total = shown_low


def _exact_bounds(item: ItemResult) -> tuple[Fraction, Fraction]:
    if item.exact_range is not None:
        return item.exact_range
    if item.range is not None:
        return F(item.range[0]), F(item.range[1])
    score = item.exact_score if item.exact_score is not None else F(item.recomputed or 0)
    return score, score


def _shown_bounds(item: ItemResult) -> tuple[Decimal, Decimal]:
    low, high = item.range or (item.recomputed, item.recomputed)
    return low or Decimal(0), high or Decimal(0)


def _shown_sum(scores: tuple[Decimal, ...], result: TableResult, adjust: Adjustments | None, scale: Decimal) -> Decimal:
    """The total of the scores as shown (2 places): the reading of a form that adds the printed
    scores."""
    total = sum(scores, Decimal(0))
    return total if adjust is None else to_decimal(report_rules.adjusted_total(Fraction(total), result, adjust, scale))


def _shown(exact: Fraction, shown_sum: Decimal) -> Decimal:
    """The exact total rounded at two places (the sum of the shown scores, as written, when it is
    the same number)."""
    rounded = to_decimal(exact)
    return shown_sum if shown_sum == rounded else rounded


def _recomputed_grades(profile: Profile, result: TableResult, adjust: Adjustments | None = None,
                       scale: Decimal = Decimal(100)) -> list[str]:
    grades: list[str] = []
    if result.exact_total is not None:
        grades = [profile.grade(result.exact_total, scale)]
    elif result.exact_range is not None:
        grades = grades_between(profile, *result.exact_range, scale=scale)
    cap = adjust.cap_grade if adjust is not None else None
    if cap is None:
        return grades
    capped = [report_rules.worse_grade(profile.grades, g, cap) for g in grades]
    return list(dict.fromkeys(capped))


def grades_between(profile: Profile, low: Decimal | Fraction, high: Decimal | Fraction,
                   scale: Decimal = Decimal(100)) -> list[str]:
    """Every grade a total between `low` and `high` (out of `scale`) can have, best first."""
    low, high = on_hundred(low, scale), on_hundred(high, scale)
    seen = []
    for index, (name, bound) in enumerate(profile.grades):
        upper_of_band = profile.grades[index - 1][1] if index > 0 else None
        if high >= bound and (upper_of_band is None or low < upper_of_band):
            seen.append(name)
    return seen


def _open_bounds(result: TableResult) -> tuple[Fraction, Fraction]:
    """The lowest and highest total with the unverifiable items anywhere from 0 to their weight."""
    bounds = [_exact_bounds(i) for i in result.items if i.recomputed is not None or i.range is not None]
    known_low = exact_sum(low for low, _ in bounds)
    return known_low, exact_sum([Fraction(result.unverifiable_points), *(high for _, high in bounds)])


def _possible(profile: Profile, result: TableResult, scale: Decimal) -> tuple[Fraction, Fraction] | None:
    """The totals and grades still possible: the recomputed ones, or with the unverifiable items
    anywhere from 0 to their weight (those bounds are returned, else None)."""
    if result.recomputed_range is not None:
        result.possible_range = result.recomputed_range
    elif result.recomputed_total is not None:
        result.possible_range = (result.recomputed_total, result.recomputed_total)
    if result.possible_range is not None:
        result.possible_grades = list(result.recomputed_grades)
        return None
    known_low, best = _open_bounds(result)
    result.possible_range = (to_decimal(known_low), to_decimal(best))
    result.possible_grades = grades_between(profile, known_low, best, scale)
    return known_low, best


def _grade_impact(profile: Profile, result: TableResult, total: Decimal, scale: Decimal) -> str | None:
    """Chinese sentence when the grade may differ from the claimed one, else None."""
    bounds = _possible(profile, result, scale)
    grades, claimed_grade = result.recomputed_grades, result.claimed_grade
    if grades and claimed_grade not in grades:
        shown = score_text(result.recomputed_total, result.recomputed_range)
        return f"等级变化：自评 {fmt(total)} 分为「{claimed_grade}」，重算 {shown} 分为「{'/'.join(grades)}」"
    if grades or not result.unverifiable_items:
        return None
    # can the unverifiable points move the grade?
    known_low, best = bounds if bounds is not None else _open_bounds(result)
    possible = grades_between(profile, known_low, best, scale)
    if len(possible) > 1 or claimed_grade not in possible:
        return (f"有 {result.unverifiable_items} 项（{fmt(result.unverifiable_points)} 分）无法重算："
                f"重算总分在 {fmt(to_decimal(known_low))}–{fmt(to_decimal(best))} 之间，等级可能为「{'/'.join(possible)}」")
    return None
