"""A rule's folded text -> the flat list of its phrases (`engine.language.chunks`).

`ToChunks` holds one method per rule of the grammar (named as the rule or its alias in
rule.lark): values and comparisons come from `OperandRules` (engine.language.operands),
awards, steps, limits and formulas from `ClauseRules` (engine.language.clauses); the methods
here are the `chunk` alternatives and `start`, each making one chunk.

`read_chunks` runs lark's LALR parser with these methods as its callbacks, so each rule is
turned into its value the moment the parser reduces it and no parse tree is built: the parse
stays linear and allocates little. Each method gets `RuleMeta` (the span its rule matched) and
its children. Nothing here joins chunks (engine.language.assemble does).
"""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any, Literal, NamedTuple, cast

from lark import Lark, Token

from engine import lexicon
from engine.language import grammar
from engine.language.drive import Driver, Fallback
from engine.language import tree as rt
from engine.language.chunks import (Adjust, AdjustChunk, AwardChunk, AwardPart, ChecklistChunk, Chunk,
                                    ConditionChunk, ProportionalChunk, RuleMeta, StatementChunk, StepBandChunk,
                                    StepChunk, Trigger,
                                    TriggerChunk, Words, WordsChunk)
from engine.language.clauses import ClauseRules
from engine.language.formulas import FormulaRules
from engine.language.operands import BadNumeral, OperandRules, as_deadline, is_token, points_number, span, with_fields
from engine.language.pieces import Lexable

__all__ = ["PIECE", "ToChunks", "placed", "read_chunks", "read_pieces", "reader_parser"]

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def _as_chunks(x: Any) -> list[Chunk]:
    """A chunk, a limit statement or a nested list of them, as a flat list of chunks."""
    if isinstance(x, list):
        return [chunk for item in x for chunk in _as_chunks(item)]
    if isinstance(x, (rt.Floor, rt.NoFloor, rt.DeductionCap, rt.Cap)):
        return [StatementChunk(start=x.span.start, end=x.span.end, statement=x)]
    assert isinstance(x, Chunk), x
    return [x]


_COUNT_UNITS = frozenset(lexicon.words("units.count"))


def _each_one(pred: rt.Predicate | None) -> bool:
    """一项可得2分: a bare count of one, and points: the points of each one."""
    return isinstance(pred, rt.Compare) and pred.op == "stated" and isinstance(pred.operand, rt.Quantity) \
        and pred.operand.value == 1 and pred.operand.unit in _COUNT_UNITS and (pred.tail or "") in ("", "可", "可以")


def _first_decimal(c: list[Any]) -> Decimal:
    return next(x for x in c if isinstance(x, Decimal))


def _condition(x: Any) -> rt.Predicate:
    """Words before a clause are its condition (a deadline in them: a condition on the date);
    a comparison is one already."""
    if isinstance(x, Words):
        return as_deadline(x) or rt.Condition(x.text, span=x.span)
    assert isinstance(x, (rt.Compare, rt.Between, rt.Condition, rt.Otherwise, rt.AnyOf)), x
    return x


class ToChunks(OperandRules, ClauseRules, FormulaRules):
    """The grammar's rules, each as a method `(meta, children) -> value`; `start` gives the
    list of `Chunk`s in the order written."""

    def __init__(self, folded: str):
        super().__init__()
        self.folded = folded
        self.recovered = []

    # 无特殊原因; 在8月30日之前分派完毕 (a condition on the date)
    def words_chunk(self, meta: RuleMeta, c: list[Words]) -> WordsChunk | ConditionChunk:
        on_date = as_deadline(c[0])
        if on_date is not None:
            return ConditionChunk(start=meta.start_pos, end=meta.end_pos, predicate=on_date)
        return WordsChunk(start=meta.start_pos, end=meta.end_pos, words=c[0].text)

    # 达到35微克/立方米
    def condition_chunk(self, meta: RuleMeta, c: list[rt.Predicate]) -> ConditionChunk:
        return ConditionChunk(start=meta.start_pos, end=meta.end_pos, predicate=c[0])

    # 达到90%记5分, 明确：2分, 记10分; 一项可得2分 (points for each one)
    def award_chunk(self, meta: RuleMeta, c: list[Any]) -> AwardChunk | StepChunk:
        pred = None
        for x in c:
            if not isinstance(x, AwardPart):
                pred = _condition(x)
        award = next(x for x in c if isinstance(x, AwardPart))
        if _each_one(pred) and award.points.value is not None:
            assert isinstance(pred, rt.Compare) and isinstance(pred.operand, rt.Quantity)
            trigger = Trigger(verb="", size=pred.operand, alt_size=None, alt_verb=None, subject=pred.subject,
                              what=None, reference=None, span=pred.span)
            return StepChunk(start=meta.start_pos, end=meta.end_pos, trigger=trigger,
                             adjust=Adjust("add", award.points.value, award.span))
        return AwardChunk(start=meta.start_pos, end=meta.end_pos, predicate=pred, points=award.points,
                          colon=award.colon, paren=award.paren, respective=award.respective)

    # 否则不得分, 其他情况记1分
    def otherwise_chunk(self, meta: RuleMeta, c: list[Any]) -> AwardChunk:
        return AwardChunk(start=meta.start_pos, end=meta.end_pos, predicate=rt.Otherwise(span=span(c[0])),
                          points=c[1].points)

    # 否则，不得分: the condition of the points in the next piece
    def otherwise_alone_chunk(self, meta: RuleMeta, c: list[Any]) -> ConditionChunk:
        return ConditionChunk(start=meta.start_pos, end=meta.end_pos, predicate=rt.Otherwise(span=span(c[0])))

    # 每减少1微克/立方米
    def trigger_chunk(self, meta: RuleMeta, c: list[Any]) -> TriggerChunk:
        return TriggerChunk(start=meta.start_pos, end=meta.end_pos, trigger=c[0])

    # 每减少1%扣0.5分
    def step_chunk(self, meta: RuleMeta, c: list[Any]) -> StepChunk:
        return StepChunk(start=meta.start_pos, end=meta.end_pos, trigger=c[0], adjust=c[1])

    # 以上指标,每项1.5分 / 一项可得2分: points for each one counted
    def each_award_chunk(self, meta: RuleMeta, c: list[Any]) -> StepChunk:
        award: AwardPart = c[1]
        return StepChunk(start=meta.start_pos, end=meta.end_pos, trigger=c[0],
                         adjust=Adjust("add", award.points.value or Decimal(0), award.span, bare=True))

    # 少1条扣1分, 缺一條扣0.5分, 少一个百分点扣1分 (a step verb before the count, no 每)
    def lead_step_chunk(self, meta: RuleMeta, c: list[Any]) -> StepChunk:
        words = [x for x in c if isinstance(x, Words)]
        verb = next(x for x in c if isinstance(x, str) and not isinstance(x, Token))
        size = next(x for x in c if isinstance(x, rt.Quantity))
        subject = words[0].text if words and words[0].span.end <= size.span.start else None
        what = next((w.text for w in words if w.span.start >= size.span.end), None)
        trigger = Trigger(verb=verb, size=size, alt_size=None, alt_verb=None, subject=subject, what=what,
                          reference=None, span=rt.Span(meta.start_pos, size.span.end if what is None else words[-1].span.end))
        return StepChunk(start=meta.start_pos, end=meta.end_pos, trigger=trigger, adjust=c[-1])

    # 降低2%以上加4分 (after 每降低1%加2分)
    def step_band_chunk(self, meta: RuleMeta, c: list[Any]) -> StepBandChunk:
        verb = next(x for x in c if isinstance(x, str) and not isinstance(x, Token))
        size = next(x for x in c if isinstance(x, rt.Quantity))
        return StepBandChunk(start=meta.start_pos, end=meta.end_pos, verb=verb, size=size, adjust=c[-1])

    # 少于15天的每少1天扣1分: the comparison is where the steps start
    def threshold_step_chunk(self, meta: RuleMeta, c: list[Any]) -> list[Chunk]:
        cond = _condition(c[0])
        head = ConditionChunk(start=cond.span.start, end=cond.span.end, predicate=cond)
        return [head, StepChunk(start=c[1].span.start, end=meta.end_pos, trigger=c[1], adjust=c[2])]

    # 乡镇1项不达标扣1分, 无故不参加学习培训的一次扣3分 (a count before the verb: a step);
    # 低于60%扣2分 (a comparison: a deduction where it holds)
    def condition_adjust_chunk(self, meta: RuleMeta, c: list[Any]) -> StepChunk | AdjustChunk:
        pred = _condition(c[0])
        adjust: Adjust = c[-1]
        if isinstance(pred, rt.Compare) and pred.op == "stated" and isinstance(pred.operand, rt.Quantity):
            trigger = Trigger(verb="", size=pred.operand, alt_size=None, alt_verb=None, subject=pred.subject,
                              what=pred.tail, reference=None, span=pred.span)
            return StepChunk(start=meta.start_pos, end=meta.end_pos, trigger=trigger, adjust=adjust)
        return AdjustChunk(start=meta.start_pos, end=meta.end_pos, predicate=pred, adjust=adjust)

    # 基础分2分: points with no condition, where the steps of the rule start
    def base_points_chunk(self, meta: RuleMeta, c: list[Any]) -> AwardChunk:
        points = rt.Points(points_number(c, meta), span=span(meta))
        return AwardChunk(start=meta.start_pos, end=meta.end_pos, predicate=None, points=points)

    # 100 分:資金到位率 80%以上的 (the points first)
    def points_first_chunk(self, meta: RuleMeta, c: list[Any]) -> AwardChunk:
        points: rt.Points = c[0]
        return AwardChunk(start=meta.start_pos, end=meta.end_pos, predicate=_condition(c[-1]), points=points,
                          colon=True)

    # 满分10分, 本项满分4分
    def full_marks_chunk(self, meta: RuleMeta, c: list[Any]) -> StatementChunk:
        words = c[0] if isinstance(c[0], Words) else None
        marks = rt.FullMarks(_first_decimal(c), span=rt.Span(words.span.end if words else meta.start_pos, meta.end_pos))
        return StatementChunk(start=meta.start_pos, end=meta.end_pos, statement=marks,
                              words=words.text if words else None, words_span=words.span if words else None)

    # 以此类推
    def etc_chunk(self, meta: RuleMeta, c: list[Token]) -> StatementChunk:
        return StatementChunk(start=meta.start_pos, end=meta.end_pos,
                              statement=rt.Context(str(c[0]), span=span(meta)))

    # 評分標準: 100 分:嚴格執行
    def heading_chunk(self, meta: RuleMeta, c: list[Any]) -> list[Chunk]:
        head = StatementChunk(start=c[0].start_pos, end=c[0].end_pos,
                              statement=rt.Context(str(c[0]).replace(" ", ""), span=span(c[0])))
        return [head] + (_as_chunks(c[1]) if len(c) > 1 else [])

    # 未按时完成的扣2分, 扣0.5分
    def adjust_chunk(self, meta: RuleMeta, c: list[Any]) -> AdjustChunk:
        pred = None
        for x in c:
            if isinstance(x, Words):
                pred = rt.Condition(x.text, span=x.span)
        return AdjustChunk(start=meta.start_pos, end=meta.end_pos, predicate=pred, adjust=c[-1])

    # 在100标准分基础上扣5分
    def based_adjust_chunk(self, meta: RuleMeta, c: list[Any]) -> AdjustChunk:
        return AdjustChunk(start=meta.start_pos, end=meta.end_pos, predicate=None, adjust=c[1], base=c[0])

    def limit(self, meta: RuleMeta, c: list[Any]) -> Any:  # pragma: no cover - limit alternatives are all aliased
        return c[0]

    # 按完成比例计算得分, 15-30日按比例减分
    def proportional_chunk(self, meta: RuleMeta, c: list[Any]) -> ProportionalChunk:
        prop: rt.Proportional = c[-1]
        if len(c) > 1:
            prop = with_fields(prop, scope=_condition(c[0]))
        return ProportionalChunk(start=meta.start_pos, end=meta.end_pos, statement=prop)

    # 酌情扣分, 否则酌情扣分
    def discretionary_chunk(self, meta: RuleMeta, c: list[Any]) -> StatementChunk:
        words = c[0] if isinstance(c[0], Words) else None
        disc = rt.Discretionary(str(c[-1]), span=span(c[-1]))
        return StatementChunk(start=meta.start_pos, end=meta.end_pos, statement=disc,
                              words=words.text if words else None, words_span=words.span if words else None)

    # ①相关管理制度合法、合规、完整，1分
    def checklist_chunk(self, meta: RuleMeta, c: list[Any]) -> ChecklistChunk:
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
    # 12分×2项, 2分*4项
    def per_item_chunk(self, meta: RuleMeta, c: list[Any]) -> StatementChunk:
        return StatementChunk(start=meta.start_pos, end=meta.end_pos,
                              statement=rt.PerItem(_first_decimal(c), c[-1], span=span(meta)))

    def standard_chunk(self, meta: RuleMeta, c: list[Any]) -> StatementChunk:
        return StatementChunk(start=meta.start_pos, end=meta.end_pos, statement=rt.Standard(c[1], span=span(meta)))

    # (指标值为≥*)年度指标值/全年实际值*该指标分值
    def applies_chunk(self, meta: RuleMeta, c: list[Any]) -> list[Chunk]:
        op: Literal[">=", "<="] = ">=" if "≥" in str(c[0]) else "<="
        applies = StatementChunk(start=c[0].start_pos, end=c[0].end_pos, statement=rt.Applies(op, span=span(c[0])))
        return [applies] + (_as_chunks(c[1]) if len(c) > 1 else [])

    # 平均浓度达到35微克/立方米 | 记10分 (the chunks of each piece)
    def start(self, meta: RuleMeta, c: list[Any]) -> list[list[Chunk]]:
        out: list[list[Chunk]] = [[]]
        for x in c:
            if is_token(x, "PIECE"):
                out.append([])
            else:
                out[-1] += _as_chunks(x)
        return out


# ---------------------------------------------------------------- the parse


class _Located(NamedTuple):
    """A rule's value on lark's value stack, with the span the rule matched."""

    value: Any
    start: int
    end: int


_RULES = tuple(name for name in dir(ToChunks) if not name.startswith("_") and callable(getattr(ToChunks, name)))

# A numeral that is not well formed (十十) is reported only when the whole rule parses, as it
# was when transforming came after parsing: the parse goes on with a stand-in value.
_STAND_IN: dict[str, Any] = {"chinese": Decimal(0), "chinese_percent": ("%", Decimal(0))}


class _Reader:
    """lark's callbacks: one per rule of the grammar, each calling the `ToChunks` method of the
    same name with the span of the rule's children (the first token's start to the last
    token's end, as lark's propagate_positions measures it)."""

    def __init__(self) -> None:
        self.rules = ToChunks("")
        self.bad: BadNumeral | None = None
        self.where: tuple[int, ...] = ()
        for name in _RULES:
            setattr(self, name, self._callback(name))
        self.lark = grammar.parser(transformer=self)
        self.driver = Driver.of(self.lark)

    def _callback(self, name: str) -> Any:
        method = getattr(self.rules, name)
        stand_in = _STAND_IN.get(name)
        located = _Located

        def call(children: list[Any]) -> _Located:
            # each token is placed at its position in the text as written (the piece is lexed
            # without debris) once, when the rule it ends in is reduced
            where = self.where
            values = []
            start = end = -1
            for child in children:
                if type(child) is located:
                    values.append(child.value)
                    s, e = child.start, child.end
                else:
                    s, e = child.start_pos, child.end_pos
                    s, e = where[s], (where[e - 1] + 1 if e > s else where[s])
                    child.start_pos, child.end_pos = s, e
                    values.append(child)
                if start < 0:
                    start = s
                end = e
            try:
                value = method(RuleMeta(start, end), values)
            except BadNumeral as bad:
                if stand_in is None:
                    raise
                self.bad = self.bad or bad
                value = stand_in
            return located(value, start, end)

        return call

    def read(self, folded: str, joined: Lexable) -> tuple[list[list[Chunk]], list[tuple[int, int, str]]]:
        self.rules.folded = folded
        self.where = joined.where
        # with a transformer, lark returns the start rule's value, not a Tree; the driver runs
        # lark's tables in one loop and hands a text lark would reject to lark for its error
        try:
            if self.driver is None:
                raise Fallback(0)
            self.rules.recovered, self.bad = [], None
            located = cast(_Located, self.driver.parse(joined.text))
        except Fallback:
            self.rules.recovered, self.bad = [], None
            located = cast(_Located, self.lark.parse(joined.text))
        if self.bad is not None:
            raise self.bad
        chunks: list[list[Chunk]] = located.value
        return chunks, self.rules.recovered


_local = threading.local()  # a reader (and its lark parser) per thread: the callbacks keep state


def _reader() -> _Reader:
    reader: _Reader | None = getattr(_local, "reader", None)
    if reader is None:
        reader = _local.reader = _Reader()
    return reader


PIECE = "\ue000"
"""What the reader puts between pieces to read them in one pass (rule.lark PIECE)."""


Recovered = list[tuple[int, int, str]]
"""Print slips read anyway (扣025分 as 0.25): (start, end, what was assumed), for a note."""


def read_chunks(folded: str, piece: Lexable) -> tuple[list[Chunk], Recovered]:
    """The phrases of one piece of a rule's folded text (engine.language.pieces), with spans in
    the folded text. Raises lark's `UnexpectedInput` (its positions in the piece as lexed: see
    `placed`) when the piece does not parse, and `BadNumeral` for a malformed Chinese numeral
    in a piece that does."""
    chunks, recovered = _reader().read(folded, piece)
    return chunks[0], recovered


def read_pieces(folded: str, pieces: list[Lexable]) -> tuple[list[list[Chunk]], Recovered]:
    """The phrases of every piece, read in one pass; raises as `read_chunks` when any piece
    does not parse (the caller then reads them one by one)."""
    text = PIECE.join(p.text for p in pieces)
    where: list[int] = []
    for p in pieces:
        where += p.where[:-1]
        where.append(p.where[-1])  # the PIECE after it (or the end) sits where the piece ends
    return _reader().read(folded, Lexable(text, tuple(where)))


def placed(piece: Lexable, pos: int) -> int:
    """A position in the piece as lexed, in the folded text."""
    return piece.where[min(max(pos, 0), len(piece.where) - 1)]


def reader_parser() -> Lark:
    """The lark parser `read_chunks` uses in this thread (built on first use)."""
    return _reader().lark
