"""Rescore a report: every score, execution rate, total and grade recomputed, every
discrepancy a `Finding`.

`rescore(report, profile, ruleset)` chooses each indicator's rule (a rule-set entry the
reviewer supplied, else the table's own 评分标准, else the profile), evaluates it with
`engine.scoring.evaluate`, compares the claims, checks the form's arithmetic (totals, funding,
execution rate, 基础数据表) and returns a `ReportResult`. It does not print anything.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from engine import values as vals
from engine.scoring import Outcome, evaluate, fmt, to_decimal
from engine.findings import Finding
from engine.report.model import Indicator, Report, Table
from engine.language.parser import ParseResult, parse_rule
from engine.language.printer import to_text
from engine.profiles import Profile
from engine.review.result import ItemResult, ReportResult, RuleUsed, TableResult

EXECUTION_ITEM = "预算执行率"
def _d(x: Fraction | Decimal | None) -> Decimal | None:
    if x is None:
        return None
    if isinstance(x, Decimal):
        return x
    return to_decimal(x)


class _ParseCache:
    """Each distinct rule text is parsed once per run."""

    def __init__(self) -> None:
        self._cache: dict[str, ParseResult] = {}

    def __call__(self, text: str) -> ParseResult:
        result = self._cache.get(text)
        if result is None:
            result = self._cache[text] = parse_rule(text)
        return result


def rescore(report: Report, profile: Profile, ruleset=None, file: str = "") -> ReportResult:
    """Recompute `report` under `profile`, with optional rule-set overrides."""
    parse = _ParseCache()
    findings: list[Finding] = []
    tables = []
    for number, table in enumerate(report.tables, start=1):
        table_findings: list[Finding] = []
        result = _table(number, table, profile, ruleset, parse, table_findings)
        tables.append(result)
        findings.extend(table_findings)
    checked: list[str] = []
    report_findings = _basic_data(report, checked)
    findings.extend(report_findings)
    findings.sort(key=lambda f: (-abs(f.points), {"error": 0, "warning": 1, "info": 2}[f.level]))
    result = ReportResult(report.unit, report.year, file, profile.name, tables, findings, report_findings,
                          basic_data_checked=checked)
    result.verdict = _report_verdict(result)
    return result


# ---------------------------------------------------------------- one table

def _table(number: int, table: Table, profile: Profile, ruleset, parse, out: list[Finding]) -> TableResult:
    items: list[ItemResult] = []
    for row, indicator in enumerate(table.indicators, start=1):
        items.append(_indicator(table, row, indicator, profile, ruleset, parse, out))
    if table.execution is not None:
        items.append(_execution(table, profile, out))
    claimed_sum = sum((i.claimed for i in items if i.claimed is not None), Decimal(0))
    if table.claimed_total is None:
        out.append(Finding("missing-value", f"表中没有印总分；各项自评得分之和为 {fmt(claimed_sum)}，以下按此计",
                           table=table.name, item="总分", expected=claimed_sum))
    if table.claimed_total is not None and abs(table.claimed_total - claimed_sum) > profile.tolerance:
        out.append(Finding("total-mismatch", f"印出的总分 {fmt(table.claimed_total)} 不等于各项自评得分之和 {fmt(claimed_sum)}"
                           f"（含预算执行率）：相差 {fmt(table.claimed_total - claimed_sum)} 分",
                           table=table.name, item="总分", claimed=table.claimed_total, expected=claimed_sum,
                           points=abs(table.claimed_total - claimed_sum)))
    # weights
    weights = [i.weight for i in items if i.weight is not None]
    total_weight = sum(weights, Decimal(0))
    if total_weight != table.scale:
        out.append(Finding("weights-sum", f"各项分值之和为 {fmt(total_weight)}，而满分是 {fmt(table.scale)}",
                           table=table.name, claimed=total_weight, expected=table.scale))
    _level1_weights(table, profile, out)
    # totals and grades
    unverifiable = [i for i in items if i.recomputed is None and i.range is None]  # open points
    unverifiable_points = sum((i.weight or Decimal(0) for i in unverifiable), Decimal(0))
    recomputed_total = recomputed_range = None
    if not unverifiable:
        if any(i.range for i in items):
            low = sum((i.range[0] if i.range else i.recomputed for i in items), Decimal(0))
            high = sum((i.range[1] if i.range else i.recomputed for i in items), Decimal(0))
            recomputed_range = (low, high)
        else:
            recomputed_total = sum((i.recomputed for i in items), Decimal(0))
    total_for_grade = table.claimed_total if table.claimed_total is not None else claimed_sum
    claimed_grade = profile.grade(total_for_grade)
    if recomputed_total is not None:
        grades = [profile.grade(recomputed_total)]
    elif recomputed_range is not None:
        grades = _grades_between(profile, *recomputed_range)
    else:
        grades = []
    if table.claimed_grade and _grade_word(table.claimed_grade) != claimed_grade:
        out.append(Finding("grade-mismatch", f"印出的评价等级「{table.claimed_grade}」与总分 {fmt(total_for_grade)} 不符："
                           f"按 {profile.name} 应为「{claimed_grade}」", table=table.name, item="评价等级"))
    impact = None
    if grades and claimed_grade not in grades:
        shown = fmt(recomputed_total) if recomputed_total is not None else f"{fmt(recomputed_range[0])}–{fmt(recomputed_range[1])}"
        impact = f"等级变化：自评 {fmt(total_for_grade)} 分为「{claimed_grade}」，重算 {shown} 分为「{'/'.join(grades)}」"
    elif not grades and unverifiable:
        # can the unverifiable points move the grade?
        known = sum((i.recomputed for i in items if i.recomputed is not None), Decimal(0))
        known_low = known + sum((i.range[0] for i in items if i.range), Decimal(0))
        best = known_low + unverifiable_points + sum((i.range[1] - i.range[0] for i in items if i.range), Decimal(0))
        possible = _grades_between(profile, known_low, best)
        if len(possible) > 1 or claimed_grade not in possible:
            impact = f"有 {len(unverifiable)} 项（{fmt(unverifiable_points)} 分）无法重算：重算总分在 {fmt(known_low)}–{fmt(best)} 之间，等级可能为「{'/'.join(possible)}」"
    result = TableResult(number, table.name, table.kind, profile.name, table.claimed_total, claimed_sum,
                         recomputed_total, recomputed_range, unverifiable_points, len(unverifiable),
                         claimed_grade, grades, table.claimed_grade, items, impact)
    _funding(table, out)
    _signals(table, items, out)
    result.verdict = _table_verdict(result, [f for f in out if f.table == table.name])
    return result


_GRADE_WORDS = {"优秀": "优", "良好": "良", "中等": "中", "一般": "中", "较差": "差"}


def _grade_word(printed: str) -> str:
    """优秀 → 优, 良好 → 良: the long forms some tables print."""
    text = printed.strip()
    return _GRADE_WORDS.get(text, text)


def _grades_between(profile: Profile, low: Decimal, high: Decimal) -> list[str]:
    seen = []
    for name, bound in profile.grades:
        upper_of_band = None
        idx = [g for g, _ in profile.grades].index(name)
        if idx > 0:
            upper_of_band = profile.grades[idx - 1][1]
        if high >= bound and (upper_of_band is None or low < upper_of_band):
            seen.append(name)
    return seen


def _level1_weights(table: Table, profile: Profile, out: list[Finding]) -> None:
    """First-level weights against the profile's split; it is the project split, so a
    部门整体 table (common-indicator framework) is not held to it."""
    if table.kind != "project":
        return
    sums: dict[str, Decimal] = {}
    for ind in table.indicators:
        key = (ind.level1 or "").strip() or "（未填一级指标）"
        sums[key] = sums.get(key, Decimal(0)) + ind.weight
    expected = dict(profile.level1_weights)
    satisfaction = next((k for k in expected if "满意度" in k), None)
    benefit = next((k for k in expected if "效益" in k), None)
    if satisfaction and benefit and satisfaction not in sums:
        # with no 满意度 indicator its points move to 效益 (财预〔2020〕10号)
        expected[benefit] = expected[benefit] + expected.pop(satisfaction)
    differing = [f"{k} {fmt(sums.get(k, Decimal(0)))}（办法 {fmt(v)}）" for k, v in expected.items()
                 if sums.get(k, Decimal(0)) != v]
    if table.execution is not None and table.execution.weight is not None and table.execution.weight != profile.execution_weight:
        differing.append(f"预算执行率 {fmt(table.execution.weight)}（办法 {fmt(profile.execution_weight)}）")
    if differing:
        others = [f"{k} {fmt(v)}" for k, v in sums.items() if k not in expected]
        out.append(Finding("weights-profile", f"一级指标分值与 {profile.name} 不同：" + "；".join(differing)
                           + (f"；另有 {'、'.join(others)}" if others else ""), table=table.name))


# ---------------------------------------------------------------- one indicator

def _find_entry(ruleset, table: Table, indicator: Indicator):
    if ruleset is None:
        return None
    for entry in ruleset.rules:
        if entry.indicator and entry.indicator == indicator.name and (entry.table is None or entry.table == table.name):
            return entry
    return None


def _indicator(table: Table, row: int, ind: Indicator, profile: Profile, ruleset, parse,
               out: list[Finding]) -> ItemResult:
    item = ItemResult(ind.name, ind.path, ind.weight, ind.claimed_score, target=ind.target, actual=ind.actual, row=row)
    place = {"table": table.name, "item": ind.name, "row": row}
    if ind.claimed_score is not None and ind.claimed_score > ind.weight:
        out.append(Finding("score-over-weight", f"自评得分 {fmt(ind.claimed_score)} 超过分值 {fmt(ind.weight)}",
                           claimed=ind.claimed_score, expected=ind.weight, points=ind.claimed_score - ind.weight, **place))
    if ind.claimed_score is not None and ind.claimed_score < 0:
        out.append(Finding("score-mismatch", f"自评得分 {fmt(ind.claimed_score)} 低于 0：任何评分标准都给不出负分，得分应在 0 到分值 {fmt(ind.weight)} 之间",
                           claimed=ind.claimed_score, expected=Decimal(0), points=-ind.claimed_score, **place))
    target, actual = vals.parse_value(ind.target), vals.parse_value(ind.actual)
    has_note = bool((ind.deviation_note or "").strip())
    if ind.claimed_score is not None and ind.claimed_score < ind.weight and not has_note:
        out.append(Finding("missing-deviation-note", f"失分 {fmt(ind.weight - ind.claimed_score)} 分"
                           f"（{fmt(ind.claimed_score)}/{fmt(ind.weight)}），但没有填写偏差原因分析及改进措施",
                           claimed=ind.claimed_score, expected=ind.weight, **place))
    elif not has_note and ind.claimed_score is not None and _quantified(target) and _quantified(actual) \
            and vals.meets(target, actual) is False:
        out.append(Finding("missing-deviation-note", f"实际完成值「{ind.actual}」未达到年度指标值「{ind.target}」，"
                           f"但没有填写偏差原因分析及改进措施", claimed=ind.claimed_score, expected=ind.weight, **place))
    entry = _find_entry(ruleset, table, ind)
    common = profile.common_rule(ind.name)
    if entry is not None:
        item.rule = RuleUsed("rules-file", entry.effective_text, reference=entry.id)
        outcome = _by_rule(item, entry.effective_text, target, actual, ind, profile, parse, out, place,
                           direction=entry.direction)
    elif ind.rule and ind.rule.strip():
        item.rule = RuleUsed("text", ind.rule)
        outcome = _by_rule(item, ind.rule, target, actual, ind, profile, parse, out, place)
    elif common is not None:
        item.rule = RuleUsed("profile", common.rule, reference=profile.name)
        outcome = _by_rule(item, common.rule, target, actual, ind, profile, parse, out, place)
    else:
        item.rule = RuleUsed("profile", None, reference=profile.name)
        outcome = _by_profile(item, target, actual, ind, profile, out, place)
    _signals_item(ind, target, actual, out, place)
    if outcome is None:
        if item.status != "discrepancy":  # an impossible claim is a discrepancy even unscored
            item.status = "unverifiable"
        return item
    _compare(item, outcome, ind, profile, out, place)
    return item


def _by_rule(item: ItemResult, text: str, target, actual, ind: Indicator, profile: Profile, parse, out, place,
             direction=None) -> Outcome | None:
    parsed = parse(text)
    item.rule.diagnostics = [d.to_dict() for d in parsed.diagnostics]
    if parsed.rule is not None:
        item.rule.canonical = to_text(parsed.rule)
    if not parsed.ok:
        errors = [d for d in parsed.diagnostics if d.severity == "error"]
        first = errors[0]
        item.reason = f"评分标准无法读懂：{first.message}（第 {first.start + 1} 个字符）"
        out.append(Finding("rule-unparsed", f"评分标准「{text}」无法读懂（{first.code}，第 {first.start + 1} 个字符："
                           f"{first.message}），该项 {fmt(ind.weight)} 分无法核对", points=ind.weight, **place))
        return None
    for d in parsed.diagnostics:
        if d.code == "P003":
            out.append(Finding("rule-incomplete", f"评分标准「{text}」末尾的「{text[d.start:d.end]}」未能读懂"
                               f"（第 {d.start + 1} 个字符），已按其余部分计算", **place))
    outcome = evaluate(parsed.rule, target, actual, ind.weight, partial=profile.partial_step,
                       indicator=ind.name, direction=direction, canonical=item.rule.canonical)
    for note in outcome.notes:
        if note.code == "weight-mismatch":
            out.append(Finding("rule-weight-mismatch", f"评分标准「{text}」：{note.message}", claimed=ind.weight,
                               expected=_d(outcome.full_marks), **place))
        elif note.code == "penalises-improvement":
            out.append(Finding("rule-direction", f"评分标准「{text}」：{note.message}", **place))
    item.trace = list(outcome.trace)
    if outcome.status == "unknown":
        _unknown_value_finding(item, outcome, ind, target, actual, out, place)
        item.reason = outcome.reason
        _impossible_claim(item, parsed.rule, text, ind, profile, out, place)
        return None
    return outcome


def _impossible_claim(item: ItemResult, rule, text: str, ind: Indicator, profile: Profile, out, place) -> None:
    """Even when the actual cannot be read, a rule that only ever gives a few fixed scores
    (有提升记3分，无改善记0分) shows a claim outside that set to be wrong."""
    from engine.language import tree as rt

    kinds = {type(s) for s in rule.statements} - {rt.Context, rt.Fragment}
    if ind.claimed_score is None or not kinds or kinds != {rt.Award}:
        return
    w = Fraction(ind.weight)
    possible = sorted({min(w, w if a.points.value is None else Fraction(a.points.value))
                       for a in rule.of(rt.Award) if a.points is not None})
    if not possible or any(isinstance(a.condition, rt.Between) for a in rule.of(rt.Award)):
        return
    c = Fraction(ind.claimed_score)
    tol = Fraction(profile.tolerance)
    if all(abs(c - p) > tol for p in possible):
        item.status = "discrepancy"
        shown = "、".join(fmt(p) for p in possible)
        nearest = min(possible, key=lambda p: abs(c - p))
        out.append(Finding("score-mismatch", f"自评 {fmt(ind.claimed_score)} 分，但评分标准「{text}」只可能给出 {shown} 分；"
                           f"实际完成值无法判断是哪一档，但 {fmt(ind.claimed_score)} 分不是其中之一",
                           claimed=ind.claimed_score, expected=None,
                           points=_d(abs(c - nearest)), extra={"possible": [_d(p) for p in possible]}, **place))


def _unknown_value_finding(item, outcome: Outcome, ind: Indicator, target, actual, out, place) -> None:
    """An unknown outcome is a value problem (blank, unquantified) or a rule problem, by its
    reason code (every other code: the rule, as read, cannot score this row)."""
    reason = outcome.reason or ""
    code = outcome.reason_code
    if code == "value-missing":
        out.append(Finding("missing-value", f"该项 {fmt(ind.weight)} 分无法核对：{reason}", points=ind.weight, **place))
    elif code == "value-unquantified":
        out.append(Finding("unquantified", f"该项 {fmt(ind.weight)} 分无法核对：{reason}", points=ind.weight, **place))
    else:
        out.append(Finding("rule-unparsed", f"评分标准「{item.rule.text}」无法据以计算：{reason}；该项 {fmt(ind.weight)} 分无法核对",
                           points=ind.weight, **place))


def _quantified(v) -> bool:
    return isinstance(v, (vals.Quantity, vals.Range, vals.OrdinalClass))


def _by_profile(item: ItemResult, target, actual, ind: Indicator, profile: Profile, out, place) -> Outcome | None:
    """No rule printed: the profile's reading (mof2020: full marks when met, else the ratio;
    a worded actual scores inside the band of its wording)."""
    w = Fraction(ind.weight)
    trace = [f"没有评分标准：按评分办法 {profile.name}（{profile.title}）",
             f"年度指标值：{_describe(target)}；实际完成值：{_describe(actual)}；分值：{fmt(ind.weight)} 分"]
    if actual is None:
        item.trace = trace
        item.reason = "实际完成值为空"
        out.append(Finding("missing-value", f"实际完成值为空，该项 {fmt(ind.weight)} 分无法核对", points=ind.weight, **place))
        return None
    if target is None and _quantified(actual):
        item.trace = trace
        item.reason = "年度指标值为空，无法判断实际完成值是否达标"
        out.append(Finding("missing-value", f"年度指标值为空，该项 {fmt(ind.weight)} 分无法核对", points=ind.weight, **place))
        return None
    if isinstance(target, vals.Unquantified) and not isinstance(actual, vals.Qualitative):
        item.trace = trace
        item.reason = f"年度指标值「{ind.target}」未量化：{target.reason}"
        out.append(Finding("unquantified", f"该项 {fmt(ind.weight)} 分无法核对：{item.reason}", points=ind.weight, **place))
        return None
    if _quantified(target) and _quantified(actual) and not isinstance(target, vals.Range):
        met = vals.meets(target, actual)
        if met is None:
            item.trace = trace
            item.reason = f"年度指标值与实际完成值无法比较（{_describe(target)} 与 {_describe(actual)}）"
            out.append(Finding("unquantified", f"该项 {fmt(ind.weight)} 分无法核对：{item.reason}", points=ind.weight, **place))
            return None
        if met:
            trace.append(f"实际值达到年度指标值：满分 {fmt(ind.weight)} 分")
            return Outcome("threshold", "score", score=w, trace=tuple(trace))
        t, a = Fraction(vals.as_number(target)), Fraction(vals.as_number(actual))
        reverse = vals.good_direction(target) == "lower" or isinstance(target, vals.OrdinalClass)
        if (a if reverse else t) == 0:
            item.trace = trace
            item.reason = "比例的分母为 0"
            return None
        score = t / a * w if reverse else a / t * w
        trace.append(f"未达到：{'反向指标，年度指标值 ÷ 实际值' if reverse else '实际值 ÷ 年度指标值'} × 分值 = "
                     f"{fmt(t if reverse else a)} ÷ {fmt(a if reverse else t)} × {fmt(ind.weight)} = {fmt(score)} 分")
        return Outcome("proportional", "score", score=min(score, w), trace=tuple(trace))
    tier = actual.tier if isinstance(actual, vals.Qualitative) else None
    if tier is None and _quantified(actual) and target is not None:
        met = vals.meets(target, actual)
        tier = None if met is None else ("achieved" if met else "not_achieved")
    if (tier is None and isinstance(target, vals.Qualitative) and target.tier == "achieved"
            and isinstance(actual, vals.Quantity) and actual.unit == "%" and actual.number >= 100):
        tier = "achieved"
        trace.append(f"年度指标值「{ind.target}」是文字，实际完成值 {ind.actual} 表示全部完成：按“达成”理解")
    if tier is None:
        item.trace = trace
        item.reason = f"实际完成值「{ind.actual}」无法判断是否达成（{_describe(actual)}）"
        out.append(Finding("unquantified", f"该项 {fmt(ind.weight)} 分无法核对：{item.reason}", points=ind.weight, **place))
        return None
    low, high = profile.qualitative[tier]
    lo, hi = w * Fraction(low) / 100, w * Fraction(high) / 100
    names = {"achieved": "达成年度指标", "partial": "部分达成并具有一定效果", "not_achieved": "未达成且效果较差"}
    trace.append(f"定性：实际完成值属于“{names[tier]}”，得分在分值的 {fmt(low)}%–{fmt(high)}% 之间："
                 f"{fmt(lo)}–{fmt(hi)} 分（评价人在档内取分，档内任何分数都符合）")
    return Outcome("grades", "range", low=lo, high=hi, trace=tuple(trace))


def _describe(v) -> str:
    return "（空）" if v is None else v.describe()


def _compare(item: ItemResult, outcome: Outcome, ind: Indicator, profile: Profile, out, place) -> None:
    tol = Fraction(profile.tolerance)
    item.trace = list(outcome.trace)
    item.alternatives = {k: _d(v) for k, v in outcome.alternatives.items()}
    if outcome.status == "score":
        item.recomputed = _d(outcome.score)
    else:
        item.range = (_d(outcome.low), _d(outcome.high))
    claimed = ind.claimed_score
    if claimed is None:
        item.status = "unverifiable"
        item.reason = "没有自评得分"
        out.append(Finding("missing-value", "自评得分为空", expected=item.recomputed, **place))
        return
    c = Fraction(claimed)
    if outcome.allows(c, tol):
        item.status = "consistent"
        return
    item.status = "discrepancy"
    rule_text = item.rule.text
    quoted = f"评分标准「{rule_text}」" if rule_text else f"评分办法 {profile.name}"
    if outcome.status == "score":
        diff = c - outcome.score
        matching = [k for k, v in outcome.alternatives.items() if abs(v - c) <= tol]
        arithmetic = _arithmetic(outcome)
        if matching:
            from engine.scoring import PARTIAL_STEP_NAMES
            reading = PARTIAL_STEP_NAMES.get(matching[0], matching[0])
            out.append(Finding("score-mismatch", f"自评 {fmt(claimed)} 分与{quoted}按默认读法"
                               f"（{PARTIAL_STEP_NAMES.get(profile.partial_step)}）重算的 {fmt(outcome.score)} 分不同，"
                               f"但与另一种读法「{reading}」一致：这是读法问题，请评价人确认。{arithmetic}",
                               claimed=claimed, expected=_d(outcome.score), points=_d(abs(diff)), severity="warning",
                               extra={"reading": matching[0]}, **place))
            return
        out.append(Finding("score-mismatch", f"自评 {fmt(claimed)} 分，按{quoted}应得 {fmt(outcome.score)} 分"
                           f"（{'多' if diff > 0 else '少'}计 {fmt(abs(diff))} 分）。{arithmetic}",
                           claimed=claimed, expected=_d(outcome.score), points=_d(abs(diff)), **place))
    else:
        lo, hi = outcome.low, outcome.high
        diff = c - hi if c > hi else lo - c
        out.append(Finding("score-mismatch", f"自评 {fmt(claimed)} 分，不在{quoted}允许的 {fmt(lo)}–{fmt(hi)} 分之内"
                           f"（{'高出' if c > hi else '低于'} {fmt(diff)} 分）。{_arithmetic(outcome)}",
                           claimed=claimed, expected=(_d(lo), _d(hi)), points=_d(diff), **place))


def _arithmetic(outcome: Outcome) -> str:
    useful = [line for line in outcome.trace if not line.startswith(("评分标准：", "读作：", "年度指标值："))]
    return "计算：" + "；".join(useful[-4:]) if useful else ""


# ---------------------------------------------------------------- execution rate

_PCT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*%\s*$")


def _execution(table: Table, profile: Profile, out: list[Finding]) -> ItemResult:
    ex = table.execution
    item = ItemResult(EXECUTION_ITEM, [EXECUTION_ITEM], ex.weight, ex.claimed_score, target=None, actual=ex.rate)
    item.rule = RuleUsed("profile", f"得分 = 分值 × min(1, 执行率)；执行率 = 全年执行数 ÷ "
                         f"{'全年预算数' if profile.execution_denominator == 'full_year' else '年初预算数'}",
                         reference=profile.name)
    place = {"table": table.name, "item": EXECUTION_ITEM}
    total = next((r for r in table.funding if r.breakdown == "total"), None)
    denominator = None if total is None else getattr(total, profile.execution_denominator)
    printed = None
    if ex.rate is not None:
        m = _PCT.match(ex.rate.translate(str.maketrans("０１２３４５６７８９．％", "0123456789.%")))
        printed = Decimal(m.group(1)) if m else None
    trace = []
    if total is None or total.executed is None or not denominator:
        if printed is None:
            item.reason = "没有年度资金总额，也没有可读的执行率"
            out.append(Finding("missing-value", "没有年度资金总额的全年执行数 / 预算数，执行率无法核对",
                               points=ex.weight or Decimal(0), **place))
            item.status = "unverifiable"
            return item
        rate = Fraction(printed) / 100
        trace.append(f"没有资金数，按印出的执行率 {ex.rate} 计算")
    else:
        rate = Fraction(total.executed) / Fraction(denominator)
        trace.append(f"执行率 = 全年执行数 ÷ {'全年预算数' if profile.execution_denominator == 'full_year' else '年初预算数'}"
                     f" = {fmt(total.executed)} ÷ {fmt(denominator)} = {fmt(to_decimal(rate * 100))}%")
        if printed is not None and abs(Fraction(printed) - rate * 100) > Fraction(1, 100):
            out.append(Finding("execution-rate", f"印出的执行率 {ex.rate} 与资金数不符：{fmt(total.executed)} ÷ "
                               f"{fmt(denominator)} = {fmt(to_decimal(rate * 100))}%",
                               claimed=printed, expected=to_decimal(rate * 100), **place))
        elif printed is None and ex.rate is not None:
            out.append(Finding("unquantified", f"执行率「{ex.rate}」无法读成百分数", **place))
    if rate > 1:
        out.append(Finding("over-execution", f"执行率 {fmt(to_decimal(rate * 100))}% 超过 100%", **place))
    if ex.weight is None:
        item.status = "unverifiable"
        item.reason = "没有分值"
        return item
    score = Fraction(ex.weight) * min(Fraction(1), rate)
    trace.append(f"得分 = {fmt(ex.weight)} × min(1, {fmt(to_decimal(rate * 100))}%) = {fmt(score)} 分")
    item.trace = trace
    item.recomputed = _d(score)
    if ex.claimed_score is None:
        item.status = "unverifiable"
        item.reason = "没有自评得分"
        return item
    if abs(Fraction(ex.claimed_score) - score) <= Fraction(profile.tolerance):
        item.status = "consistent"
    else:
        item.status = "discrepancy"
        diff = Fraction(ex.claimed_score) - score
        out.append(Finding("execution-rate", f"预算执行率得分自评 {fmt(ex.claimed_score)} 分，按 {profile.name} 应为 "
                           f"{fmt(score)} 分（{trace[-1]}）", claimed=ex.claimed_score, expected=_d(score),
                           points=_d(abs(diff)), **place))
    if ex.claimed_score > ex.weight:
        out.append(Finding("score-over-weight", f"预算执行率自评得分 {fmt(ex.claimed_score)} 超过分值 {fmt(ex.weight)}",
                           claimed=ex.claimed_score, expected=ex.weight, points=ex.claimed_score - ex.weight, **place))
    return item


# ---------------------------------------------------------------- funding and basic data

_COLUMNS = {"initial": "年初预算数", "full_year": "全年预算数", "executed": "全年执行数"}
_BREAKDOWNS = {"source": "资金来源", "income": "收入性质", "expense": "支出性质"}


def _funding(table: Table, out: list[Finding]) -> None:
    total = next((r for r in table.funding if r.breakdown == "total"), None)
    if total is None:
        return
    for breakdown, label in _BREAKDOWNS.items():
        rows = [r for r in table.funding if r.breakdown == breakdown]
        if not rows:
            continue
        for column, column_label in _COLUMNS.items():
            values = [getattr(r, column) for r in rows]
            expected = getattr(total, column)
            if expected is None or all(v is None for v in values):
                continue
            got = sum((v for v in values if v is not None), Decimal(0))
            if got != expected:
                parts = " + ".join(f"{r.source.strip('：: ')} {fmt(getattr(r, column)) if getattr(r, column) is not None else '（空）'}"
                                   for r in rows)
                out.append(Finding("funding-sum", f"年度资金总额的{column_label}印为 {fmt(expected)}，而按{label}分的各行之和 "
                                   f"{parts} = {fmt(got)}，相差 {fmt(expected - got)}",
                                   table=table.name, item=f"资金·{label}·{column_label}", claimed=expected, expected=got,
                                   extra={"breakdown": breakdown, "column": column}))


def _percent(text: str) -> Decimal | None:
    """A printed rate: 68.07%, ６８．０７％, or 68.07 in a 率 column (read as percent)."""
    from engine.text.fold import fold

    m = re.match(r"^\s*(-?\d+(?:\.\d+)?)\s*%?\s*$", fold(text))
    return Decimal(m.group(1)) if m else None


def _basic_data(report: Report, checked: list[str]) -> list[Finding]:
    out: list[Finding] = []
    bd = report.basic_data
    if bd is None:
        return out
    where = "基础数据表"
    st = bd.staffing
    if st is not None and st.authorized and st.actual is not None and st.control_rate:
        rate = Fraction(st.actual) / Fraction(st.authorized) * 100
        printed = _percent(st.control_rate)
        line = f"控制率 = 实际在职人数 ÷ 编制数 = {fmt(st.actual)} ÷ {fmt(st.authorized)} = {fmt(to_decimal(rate))}%"
        if printed is None:
            out.append(Finding("basic-data", f"控制率「{st.control_rate}」无法读成百分数；{line}", table=where,
                               item="财政供养人员控制率", expected=to_decimal(rate)))
        elif abs(Fraction(printed) - rate) > Fraction(1, 100):
            out.append(Finding("basic-data", f"控制率印为 {st.control_rate}，而{line}", table=where, item="财政供养人员控制率",
                               claimed=printed, expected=to_decimal(rate)))
        else:
            checked.append(f"{line}，与印出的 {st.control_rate} 一致")
    columns = {"prior_final": bd.expense_columns.prior_final, "budget": bd.expense_columns.budget,
               "final": bd.expense_columns.final}
    for parent in bd.expenses:
        children = [r for r in bd.expenses if r.parent == parent.id]
        if not children or not parent.exhaustive:
            continue
        for column, label in columns.items():
            expected = getattr(parent, column)
            values = [getattr(c, column) for c in children]
            if expected is None or all(v is None for v in values):
                continue
            got = sum((v for v in values if v is not None), Decimal(0))
            if got == expected:
                checked.append(f"「{parent.name.strip('：: ')}」{label} {fmt(expected)} = 其下各行之和")
            if got != expected:
                parts = " + ".join(f"{c.name.strip()} {fmt(getattr(c, column)) if getattr(c, column) is not None else '（空）'}"
                                   for c in children)
                out.append(Finding("basic-data", f"「{parent.name.strip('：: ')}」{label}印为 {fmt(expected)}，"
                                   f"而其下各行之和 {parts} = {fmt(got)}", table=where,
                                   item=f"{parent.name.strip('：: ')}·{label}", claimed=expected, expected=got,
                                   extra={"column": column}))
    return out


# ---------------------------------------------------------------- signals

_BOILERPLATE = ("完成", "已完成", "达成预期指标", "达成", "达标", "已达成", "全部完成", "按时完成")


def _signals_item(ind: Indicator, target, actual, out, place) -> None:
    if _quantified(target) and isinstance(actual, vals.Qualitative) and (ind.actual or "").strip() in _BOILERPLATE:
        out.append(Finding("boilerplate-actual", f"年度指标值「{ind.target}」是量化的，实际完成值只写了「{ind.actual}」",
                           **place))
    if isinstance(target, vals.Quantity) and target.comparator in ("<=", "<") and "数量" in (ind.level2 or ""):
        out.append(Finding("ceiling-on-quantity", f"数量指标的年度指标值「{ind.target}」是上限（≤），数量指标通常应为下限",
                           **place))


def _signals(table: Table, items: list[ItemResult], out: list[Finding]) -> None:
    scored = [i for i in items if i.weight is not None and i.claimed is not None]
    if scored and len(scored) == len(items) and all(i.claimed == i.weight for i in scored):
        out.append(Finding("all-full-marks", f"{len(scored)} 项全部自评满分", table=table.name))


# ---------------------------------------------------------------- verdicts

def _table_verdict(t: TableResult, findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.level == "error")
    warnings = sum(1 for f in findings if f.level == "warning")
    claimed = f"{fmt(t.claimed_total)} 分" if t.claimed_total is not None else f"{fmt(t.claimed_sum)} 分（未印总分，按各项之和）"
    if t.recomputed_total is not None:
        recomputed = f"重算 {fmt(t.recomputed_total)} 分「{t.recomputed_grades[0]}」"
    elif t.recomputed_range is not None:
        recomputed = f"重算 {fmt(t.recomputed_range[0])}–{fmt(t.recomputed_range[1])} 分「{'/'.join(t.recomputed_grades)}」"
    else:
        recomputed = f"{t.unverifiable_items} 项共 {fmt(t.unverifiable_points)} 分无法重算，没有重算总分"
    state = "一致" if errors == 0 else f"{errors} 处错误"
    return f"自评 {claimed}「{t.claimed_grade}」，{recomputed}；{state}，{warnings} 处需复核"


def _report_verdict(r: ReportResult) -> str:
    c = r.counts()
    moved = sum(1 for t in r.tables if t.grade_impact)
    return (f"{c['tables']} 张表、{c['items']} 项：{c['errors']} 处错误，{c['warnings']} 处需复核，{c['infos']} 条提示；"
            f"{c['discrepancies']} 项得分与评分标准不符，{c['unverifiable']} 项无法核对"
            + (f"；{moved} 张表的等级可能因此变化" if moved else ""))
