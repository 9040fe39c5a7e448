"""lark's parse tree of a rule -> the flat list of its phrases (`engine.language.chunks`).

`ToChunks` is the one transformer of the rule grammar. Values and comparisons come from
`OperandRules` (engine.language.operands), awards, steps, limits and formulas from
`ClauseRules` (engine.language.clauses); the methods here are the grammar's `chunk`
alternatives and `start`, each making one chunk. Node text is taken from the folded input by
span. Nothing here joins chunks (engine.language.assemble does).
"""

from __future__ import annotations

from typing import Any, Literal

from lark import Token, Tree, v_args
from lark.tree import Meta

from engine.language import tree as rt
from engine.language.chunks import (AdjustChunk, AwardChunk, AwardPart, ChecklistChunk, Chunk, ConditionChunk,
                                    ProportionalChunk, Separator, StatementChunk, StepChunk, TriggerChunk, Words,
                                    WordsChunk)
from engine.language.clauses import ClauseRules
from engine.language.operands import OperandRules, span, with_fields

__all__ = ["ToChunks", "to_chunks"]

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def _as_chunks(x: Any) -> list[Chunk]:
    """A chunk, a limit statement or a nested list of them, as a flat list of chunks."""
    if isinstance(x, list):
        return [chunk for item in x for chunk in _as_chunks(item)]
    if isinstance(x, (rt.Floor, rt.DeductionCap, rt.Cap)):
        return [StatementChunk(start=x.span.start, end=x.span.end, statement=x)]
    assert isinstance(x, Chunk), x
    return [x]


def _condition(x: Any) -> rt.Predicate:
    """Words before a clause are its condition; a comparison is one already."""
    return rt.Condition(x.text, span=x.span) if isinstance(x, Words) else x


@v_args(meta=True)
class ToChunks(OperandRules, ClauseRules):
    """lark tree -> list of `Chunk`, in the order written."""

    def __init__(self, folded: str):
        super().__init__()
        self.folded = folded

    # 无特殊原因
    def words_chunk(self, meta: Meta, c: list[Words]) -> WordsChunk:
        return WordsChunk(start=meta.start_pos, end=meta.end_pos, words=c[0].text)

    # 达到35微克/立方米
    def condition_chunk(self, meta: Meta, c: list[rt.Predicate]) -> ConditionChunk:
        return ConditionChunk(start=meta.start_pos, end=meta.end_pos, predicate=c[0])

    # 达到90%记5分, 明确：2分, 记10分
    def award_chunk(self, meta: Meta, c: list[Any]) -> AwardChunk:
        pred = None
        for x in c:
            if not isinstance(x, AwardPart):
                pred = _condition(x)
        award = next(x for x in c if isinstance(x, AwardPart))
        return AwardChunk(start=meta.start_pos, end=meta.end_pos, predicate=pred, points=award.points,
                          colon=award.colon)

    # 否则不得分, 其他情况记1分
    def otherwise_chunk(self, meta: Meta, c: list[Any]) -> AwardChunk:
        return AwardChunk(start=meta.start_pos, end=meta.end_pos, predicate=rt.Otherwise(span=span(c[0])),
                          points=c[1].points)

    # 每减少1微克/立方米
    def trigger_chunk(self, meta: Meta, c: list[Any]) -> TriggerChunk:
        return TriggerChunk(start=meta.start_pos, end=meta.end_pos, trigger=c[0])

    # 每减少1%扣0.5分
    def step_chunk(self, meta: Meta, c: list[Any]) -> StepChunk:
        return StepChunk(start=meta.start_pos, end=meta.end_pos, trigger=c[0], adjust=c[1])

    # 未按时完成的扣2分, 扣0.5分
    def adjust_chunk(self, meta: Meta, c: list[Any]) -> AdjustChunk:
        pred = None
        for x in c:
            if isinstance(x, Words):
                pred = rt.Condition(x.text, span=x.span)
        return AdjustChunk(start=meta.start_pos, end=meta.end_pos, predicate=pred, adjust=c[-1])

    # 在100标准分基础上扣5分
    def based_adjust_chunk(self, meta: Meta, c: list[Any]) -> AdjustChunk:
        return AdjustChunk(start=meta.start_pos, end=meta.end_pos, predicate=None, adjust=c[1], base=c[0])

    def limit(self, meta: Meta, c: list[Any]) -> Any:  # pragma: no cover - limit alternatives are all aliased
        return c[0]

    # 按完成比例计算得分, 15-30日按比例减分
    def proportional_chunk(self, meta: Meta, c: list[Any]) -> ProportionalChunk:
        prop: rt.Proportional = c[-1]
        if len(c) > 1:
            prop = with_fields(prop, scope=_condition(c[0]))
        return ProportionalChunk(start=meta.start_pos, end=meta.end_pos, statement=prop)

    # 酌情扣分, 否则酌情扣分
    def discretionary_chunk(self, meta: Meta, c: list[Any]) -> StatementChunk:
        words = c[0] if isinstance(c[0], Words) else None
        disc = rt.Discretionary(str(c[-1]), span=span(c[-1]))
        return StatementChunk(start=meta.start_pos, end=meta.end_pos, statement=disc,
                              words=words.text if words else None, words_span=words.span if words else None)

    # ①相关管理制度合法、合规、完整，1分
    def checklist_chunk(self, meta: Meta, c: list[Any]) -> ChecklistChunk:
        label = ""
        points = None
        for x in c[1:]:
            if isinstance(x, Words):
                label = x.text
            elif isinstance(x, AwardPart):
                points = x.points
        return ChecklistChunk(start=meta.start_pos, end=meta.end_pos, number=_CIRCLED.index(str(c[0])) + 1,
                              label=label, points=points, label_start=c[0].end_pos)

    # 以100%为标准
    def standard_chunk(self, meta: Meta, c: list[Any]) -> StatementChunk:
        return StatementChunk(start=meta.start_pos, end=meta.end_pos, statement=rt.Standard(c[1], span=span(meta)))

    # (指标值为≥*)年度指标值/全年实际值*该指标分值
    def applies_chunk(self, meta: Meta, c: list[Any]) -> list[Chunk]:
        op: Literal[">=", "<="] = ">=" if "≥" in str(c[0]) else "<="
        applies = StatementChunk(start=c[0].start_pos, end=c[0].end_pos, statement=rt.Applies(op, span=span(c[0])))
        return [applies] + (_as_chunks(c[1]) if len(c) > 1 else [])

    # ，；
    def sep(self, meta: Meta, c: list[Token]) -> Separator:
        return Separator("".join(str(t) for t in c))

    # 平均浓度达到35微克/立方米，记10分，每减少1微克/立方米，扣0.5分。
    def start(self, meta: Meta, c: list[Any]) -> list[Chunk]:
        chunks: list[Chunk] = []
        sep = ""
        for x in c:
            if isinstance(x, Separator):
                sep = x.text
                continue
            for i, item in enumerate(_as_chunks(x)):
                item.sep = sep if i == 0 else ""
                chunks.append(item)
            sep = ""
        return chunks


def to_chunks(tree: Tree[Token], folded: str) -> list[Chunk]:
    """The phrases of a parsed rule; raises lark's VisitError around a `BadNumeral`."""
    return ToChunks(folded).transform(tree)
