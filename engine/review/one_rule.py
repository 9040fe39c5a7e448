"""One rule, read and scored, as a result object for `rescore rule` (text and JSON).

`explain(text, weight, target, actual)` parses and evaluates one 评分标准 and returns a plain
dict (the JSON contract of `rescore rule --format json`); `render_text` prints the same dict
for a terminal. Both formats come from this one object.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from engine.scoring import PARTIAL_STEP_NAMES, PartialStep, alternative_words, evaluate, fmt, full_marks, shape, to_decimal
from engine.language.parser import parse_rule
from engine.review.common import exact_or_none
from engine.language.printer import to_text

SHAPE_WORDS = {
    "step": "按步扣分", "proportional": "按比例计分", "threshold": "达标得分", "bands": "分档计分",
    "grades": "分等级计分", "interpolate": "区间内按比例", "discretionary": "酌情打分",
    "checklist": "逐项加总", "composite": "组合规则", "formula": "按公式计分", "none": "无计分规定",
}


def _exact(x: Fraction | None) -> str | None:
    return None if x is None else (str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}")


def explain(text: str, weight: Decimal | None = None, target: str | None = None, actual: str | None = None,
            partial: PartialStep = "floor", source: str = "<评分标准>", line: int = 1) -> dict[str, Any]:
    """Parse and (when a weight is known) evaluate one rule; a dict ready for JSON."""
    parsed = parse_rule(text)
    errors = [d for d in parsed.diagnostics if d.severity == "error"]
    result: dict[str, Any] = {
        "text": text,
        "ok": parsed.ok,
        "canonical": to_text(parsed.rule) if parsed.rule is not None else None,
        "shape": shape(parsed.rule) if parsed.rule is not None else None,
        "full_marks": None,
        "weight": weight,
        "target": target,
        "actual": actual,
        "status": None,
        "score": None,
        "score_exact": None,
        "range": None,
        "reason": None,
        "convention": None,
        "alternatives": {},
        "notes": [],
        "trace": [],
        "diagnostics": [d.to_dict() for d in parsed.diagnostics],
        "rendered_diagnostics": [d.render(text, source, line) for d in parsed.diagnostics],
        "error": None,
    }
    if errors:
        e = errors[0]
        result["error"] = {"code": e.code, "message": e.message, "start": e.start, "end": e.end}
    if parsed.rule is None:
        return result
    own = full_marks(parsed.rule)
    result["full_marks"] = exact_or_none(own)
    if weight is None:
        weight = to_decimal(own) if own is not None else None
        result["weight"] = weight
    if weight is None:
        result["status"] = "unknown"
        result["reason"] = "没有分值：请用 --weight 给出该指标的分值"
        return result
    outcome = evaluate(parsed.rule, target, actual, weight, partial=partial)
    result.update({
        "status": outcome.status,
        "score": exact_or_none(outcome.score),
        "score_exact": _exact(outcome.score),
        "range": [exact_or_none(outcome.low), exact_or_none(outcome.high)] if outcome.status == "range" else None,
        "reason": outcome.reason,
        "convention": outcome.convention,
        "alternatives": {k: exact_or_none(v) for k, v in outcome.alternatives.items()},
        "notes": [{"code": n.code, "message": n.message} for n in outcome.notes],
        "trace": list(outcome.trace),
    })
    return result


def render_text(result: dict[str, Any]) -> str:
    """The terminal form of an `explain` result, in Chinese."""
    lines = [f"评分标准：{result['text']}"]
    if result["canonical"] is not None:
        lines.append(f"规范形式：{result['canonical']}")
        kind = result["shape"]
        lines.append(f"类型：{SHAPE_WORDS.get(kind, kind)}（{kind}）"
                     + (f"    规则满分：{fmt(result['full_marks'])} 分" if result["full_marks"] is not None else ""))
    for rendered in result["rendered_diagnostics"]:
        lines.append(rendered)
    if result["status"] == "score":
        exact = result["score_exact"]
        rounded = bool(exact) and "/" in exact and (Fraction(exact) * 100).denominator != 1  # 17/2 is 8.5 exactly
        extra = f"（精确值 {exact}，四舍五入到两位小数）" if rounded else ""
        lines.append(f"得分：{fmt(result['score'])} 分{extra}")
    elif result["status"] == "range":
        low, high = result["range"]
        lines.append(f"允许的得分范围：{fmt(low)}–{fmt(high)} 分")
    elif result["status"] == "unknown":
        lines.append(f"无法计算：{result['reason']}")
    if result["convention"] in PARTIAL_STEP_NAMES:
        lines.append(f"不足一步的读法：{PARTIAL_STEP_NAMES[result['convention']]}")
    for name, value in result["alternatives"].items():
        lines.append(f"  其他读法 {alternative_words(name)}：{fmt(value)} 分")
    if result["trace"]:
        lines.append("计算过程：")
        lines.extend("  " + step for step in result["trace"])
    return "\n".join(lines)
