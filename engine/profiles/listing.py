"""A profile described for people and for JSON: `rescore profiles` (and the README table).

`to_dict(profile)` gives its years, source, what it extends and every parameter with the
source it cites; `render_text` prints the same for a terminal. Nothing here reads a report.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from engine.profiles.model import DENOMINATOR_WORDS, EVIDENCE_WORDS, Profile, Source
from engine.profiles.rules import ReportRule

_KIND_WORDS = {"method": "评分办法", "rules": "报表级规则集"}
_SCOPE_WORDS = {"project": "项目支出", "department": "部门整体支出", "any": "各类表"}
_REVERSE_WORDS = {"ratio": "年度指标值 ÷ 实际值 × 分值", "linear_to_double": "目标内满分，至 2 倍目标线性减至 0"}
_CONSEQUENCE_WORDS = {"method-check": "提示", "method-deduction": "扣分", "method-cap": "封顶", "method-rescale": "折算"}


def _num(value: Decimal | None) -> str:
    if value is None:
        return "未规定"
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _source(source: Source | None) -> dict[str, str] | None:
    return None if source is None else {"document": source.document, "evidence": source.evidence, "note": source.note}


def _rule(rule: ReportRule) -> dict[str, Any]:
    return {"id": rule.id, "scope": rule.scope, "enabled": rule.enabled, "finding": rule.then.kind,
            "message": rule.message, "source": _source(rule.source)}


def parameters(p: Profile) -> dict[str, str]:
    """The parameters the review reads, in Chinese, by section."""
    split = "、".join(f"{k} {_num(v)}" for k, v in p.level1_weights.items())
    if not split:
        split = f"不固定（绩效指标合计 {_num(p.indicator_total)}）" if p.indicator_total is not None else "不固定"
    bands = "/".join(f"{_num(lo)}–{_num(hi)}%" for lo, hi in (p.qualitative[k] for k in ("achieved", "partial",
                                                                                              "not_achieved")))
    reverse = _REVERSE_WORDS[p.reverse] + "".join(f"（另示：{_REVERSE_WORDS[a]}）" for a in p.reverse_alternatives)
    return {
        "execution": f"{_num(p.execution_weight)} 分，执行率 = 全年执行数 ÷ {DENOMINATOR_WORDS[p.execution_denominator]}，"
                     "得分 = 分值 × min(1, 执行率)",
        "weights": split,
        "qualitative": bands,
        "grades": "、".join(f"{name} ≥ {_num(bound)}" for name, bound in p.grades),
        "quantitative": reverse + ("；多个完成值先相加再计分" if p.aggregate == "sum" else ""),
        "reading": f"容差 {_num(p.tolerance)}，不足一步按 {p.partial_step}，满分 {_num(p.scale)}",
    }


def to_dict(p: Profile) -> dict[str, Any]:
    return {
        "name": p.name, "title": p.title, "kind": p.kind, "scope": p.scope, "jurisdiction": p.jurisdiction,
        "years": {"from": p.years.first, "to": p.years.last, "text": p.years.text()},
        "extends": list(p.chain[1:]), "source": _source(p.source),
        "parameters": {k: {"value": v, "source": _source(p.sources.get(k))} for k, v in parameters(p).items()},
        "common_indicators": [c.names[0] for c in p.indicators],
        "rules": [_rule(r) for r in p.rules],
    }


def render_text(profiles: list[Profile]) -> str:
    blocks = []
    for p in profiles:
        extends = f"，扩展 {' → '.join(p.chain[1:])}" if len(p.chain) > 1 else ""
        lines = [f"{p.name}  {p.title}",
                 f"  {_KIND_WORDS[p.kind]}，{_SCOPE_WORDS[p.scope]}，{p.jurisdiction or '全国'}，{p.years.text()}{extends}"]
        if p.source is not None:
            lines.append(f"  出处：{p.source.cite()}")
        labels = {"execution": "预算执行率", "weights": "一级指标", "qualitative": "定性档次", "grades": "等级",
                  "quantitative": "定量计分", "reading": "比较"}
        for key, value in parameters(p).items():
            source = p.sources.get(key)
            evidence = f"［{EVIDENCE_WORDS[source.evidence]}］" if source else ""
            lines.append(f"  {labels[key]}：{value}{evidence}")
        if p.indicators:
            lines.append(f"  共性指标规则：{'、'.join(c.names[0] for c in p.indicators)}")
        for r in p.rules:
            state = "" if r.enabled else "（默认关闭）"
            said = r.message or (r.source.document if r.source else "")
            lines.append(f"  规则 {r.id}{state}：{_CONSEQUENCE_WORDS[r.then.kind]}，{said}"
                         f"［{EVIDENCE_WORDS[r.source.evidence] if r.source else '无出处'}］")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
