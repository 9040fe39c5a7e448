"""The grammar's rules for formulas in words and symbols: 得分值=种植率×30, 得分二平均分*40%,
(预算资金总来源-中期评估调整取消资金-预算结余注销资金)÷预算资金总来源*指标分值.

`FormulaRules` is a mixin of `engine.language.transform.ToChunks`: one method per rule of the
grammar's "formulas" section, building the `Formula` and `Expression` nodes of
engine.language.tree. Nothing here evaluates a formula (engine.scoring.formula does) and nothing
here ever runs the text as code.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from lark import Token

from engine.language import tree as rt
from engine.language.chunks import RuleMeta, StatementChunk
from engine.language.operands import UnevenCap, is_token, span
from engine.language.pieces import text_of

_NUMBERS = re.compile(r"[0-9]+(?:\.[0-9]+)?")


class FormulaRules:
    """Formulas (rule.lark section "formulas in words and symbols")."""

    folded: str
    recovered: list[tuple[int, int, str]]

    # 得分值=种植率×30
    def definition_chunk(self, meta: RuleMeta, c: list[Any]) -> StatementChunk:
        return StatementChunk(start=meta.start_pos, end=meta.end_pos, statement=c[0])

    # 得分=实际值/目标值×分值, 指标得分=1-10×A/B))*指标分值
    def definition(self, meta: RuleMeta, c: list[Any]) -> rt.Formula:
        head: Token = c[0]
        written = str(head)
        if written.rstrip().endswith("二"):
            self.recovered.append((head.start_pos or 0, head.end_pos or 0, f"「{written}」的「二」按“=”读取（OCR 把“=”认成了“二”）"))
        defines = re.sub(r"\s*(?:=|二)$", "", written).strip()
        expr: rt.Expression = c[1]
        if len(c) > 2:  # …))*指标分值: the opening parenthesis was lost; the stray ones close the whole
            closing = [x for x in c if is_token(x, "RPAR")]
            self.recovered.append((closing[0].start_pos or 0, closing[-1].end_pos or 0,
                                   "多余的右括号：按其前面的整个式子加括号读取（左括号在印刷中丢失）"))
            expr = rt.Operation("*", expr, c[-1], span=span(meta))
        return rt.Formula(defines, expr, span=span(meta))

    # (预算资金总来源-…)÷预算资金总来源*指标分值
    def definition_headless(self, meta: RuleMeta, c: list[Any]) -> rt.Formula:
        expr: rt.Expression = c[0]
        for op, right in zip(c[1::2], c[2::2]):
            expr = rt.Operation("*" if is_token(op, "STAR") else "/", expr, right, span=span(meta))
        return rt.Formula("", expr, span=span(meta))

    # 市场主体满意度评价得分×10%: a score named, taken at a share (the actual is that score)
    def definition_named(self, meta: RuleMeta, c: list[Any]) -> rt.Formula:
        name: Token = c[0]
        named = rt.Name(str(name).strip(), span=rt.Span(name.start_pos or 0, name.end_pos or 0))
        share: rt.Quantity = c[-1]
        number = rt.Number(share.value, share.unit, alt=share.alt, span=share.span)
        return rt.Formula("", rt.Operation("*", named, number, span=span(meta)), span=span(meta))

    def _operation(self, op: str, meta: RuleMeta, c: list[Any]) -> rt.Operation:
        return rt.Operation(op, c[0], c[-1], span=span(meta))  # type: ignore[arg-type]

    def op_add(self, meta: RuleMeta, c: list[Any]) -> rt.Operation:
        return self._operation("+", meta, c)

    def op_sub(self, meta: RuleMeta, c: list[Any]) -> rt.Operation:
        return self._operation("-", meta, c)

    def op_mul(self, meta: RuleMeta, c: list[Any]) -> rt.Operation:
        return self._operation("*", meta, c)

    def op_div(self, meta: RuleMeta, c: list[Any]) -> rt.Operation:
        return self._operation("/", meta, c)

    # 20, 40%, 30人
    def op_number(self, meta: RuleMeta, c: list[Any]) -> rt.Number:
        q: rt.Quantity = c[0]
        return rt.Number(q.value, q.unit, alt=q.alt, span=span(meta))

    # 6分
    def op_points(self, meta: RuleMeta, c: list[Any]) -> rt.Number:
        return rt.Number(c[0], None, points=True, span=span(meta))

    # 年度建设任务完成率(超过100%以100%计算)
    def op_clamped(self, meta: RuleMeta, c: list[Any]) -> rt.Name:
        name: rt.Name = c[0]
        over, cap = (Decimal(n) for n in _NUMBERS.findall(str(c[1]))[-2:])
        if over != cap:
            raise UnevenCap(c[1])
        return rt.Name(name.name, cap=cap, note=name.note, span=span(meta))

    # (实际值/计划值)
    def group(self, meta: RuleMeta, c: list[Any]) -> rt.Expression:
        inner: rt.Expression = c[1]
        return inner

    # 种植率, 全部数量指标个数(即评价选取的…)
    def var(self, meta: RuleMeta, c: list[Any]) -> rt.Name:
        note = next((str(x) for x in c if is_token(x, "NOTE")), None)
        words = [x for x in c if not is_token(x, "NOTE")]
        start, end = words[0].start_pos or 0, words[-1].end_pos or 0
        return rt.Name(text_of(self.folded, start, end), note=note, span=span(meta))
