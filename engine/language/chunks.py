"""The phrases a rule is read into before assembly: one `Chunk` per phrase between separators.

The reader (engine.language.transform) turns the parse into a flat list of chunks, one class
per kind of phrase; the assembly (engine.language.assemble) joins neighbours into the
statements of `engine.language.tree`. The parts a chunk is built from (`Words`, `AwardPart`,
`Trigger`, `Adjust`) are here too. Plain data: nothing here reads text or knows lark.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from engine.language import tree as rt
from engine.lazy_dataclass import dataclass

# ---------------------------------------------------------------- parts of a chunk


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """Where a grammar rule matched: [start_pos, end_pos) in the folded text, from its first
    token to its last (what lark's propagate_positions would put in a tree's meta)."""

    start_pos: int
    end_pos: int


@dataclass(frozen=True)
class Words:
    """Words no keyword claims: 无特殊原因, PM2.5平均浓度 (a subject, a label, a condition)."""

    text: str
    span: rt.Span
    deadline: rt.DateMark | None = None  # 在8月30日之前分派完毕: the date the words set
    deadline_word: str | None = None  # 之前
    before: str | None = None  # the words before the date (在) and after it (分派完毕)
    after: str | None = None


@dataclass(frozen=True)
class AwardPart:
    """The points of an award (记10分, :2分, 不得分) and whether a colon introduced them."""

    points: rt.Points
    span: rt.Span
    colon: bool
    paren: bool = False
    respective: bool = False  # 分别得5分: the first of a list of points


@dataclass(frozen=True)
class Trigger:
    """What one step counts: 每减少1微克/立方米, 每低于目标值5%或降低1单位, 每出现一例不合格的."""

    verb: str
    size: rt.Quantity
    alt_size: rt.Quantity | None
    alt_verb: str | None
    subject: str | None  # words before 每
    what: str | None  # words after the size
    reference: rt.Reference | None
    span: rt.Span
    per: str | None = None  # words between 每 and the count: 每次讲座少1项, 每开展一项


@dataclass(frozen=True)
class Adjust:
    """What one step (or one condition) does to the score: 扣0.5分, 增加5分, 扣分 (no amount)."""

    effect: Literal["deduct", "add"]
    points: Decimal | None
    span: rt.Span
    below_zero: bool = False  # 倒扣10分
    respective: bool = False  # 分别加1分: the first of a list of points
    upto: Decimal | None = None  # 扣0.2-0.5分, 扣 2、1分: the top of a range of points (`points` the bottom)
    bare: bool = False  # 每项1.5分, 每降低10%5分: points with no 扣 or 加 written (read as points for each one)


# ---------------------------------------------------------------- chunks


@dataclass(kw_only=True)
class Chunk:
    """One phrase between separators; `sep` is the separator before it ("" at the start)."""

    start: int
    end: int
    sep: str = ""
    item: int | None = None  # the item number written before the piece (1. / (二))
    item_span: tuple[int, int] | None = None
    gives_points: ClassVar[bool] = False  # does this kind of phrase give or take points?

    @property
    def awards_points(self) -> bool:
        """Does this phrase give or take points by itself?"""
        return self.gives_points


@dataclass(kw_only=True)
class FragmentChunk(Chunk):
    """A piece the grammar could not read: kept, with the diagnostic already given for it."""


@dataclass(kw_only=True)
class WordsChunk(Chunk):
    """Words alone: 无特殊原因 (context), 未按时完成的 (the condition of what follows)."""

    words: str


@dataclass(kw_only=True)
class ConditionChunk(Chunk):
    """A comparison alone: ≥90%, 达到35微克/立方米 (the condition of what follows)."""

    predicate: rt.Predicate


@dataclass(kw_only=True)
class AwardChunk(Chunk):
    """Points, with or without their own condition: 达到90%记5分, 记10分, 否则不得分."""

    predicate: rt.Predicate | None
    points: rt.Points
    colon: bool = False
    paren: bool = False  # points in parentheses: (3分)
    respective: bool = False  # 分别得5分、3分和1分: the first of a list

    gives_points: ClassVar[bool] = True


@dataclass(kw_only=True)
class TriggerChunk(Chunk):
    """A step without its points yet: 每减少1微克/立方米 (the points follow: 扣0.5分)."""

    trigger: Trigger


@dataclass(kw_only=True)
class StepChunk(Chunk):
    """A whole step: 每减少1%扣0.5分."""

    trigger: Trigger
    adjust: Adjust

    gives_points: ClassVar[bool] = True


@dataclass(kw_only=True)
class StepBandChunk(Chunk):
    """降低2%以上加4分 after 每降低1%加2分: from that change on, the step gives these points in all."""

    verb: str
    size: rt.Quantity
    adjust: Adjust

    gives_points: ClassVar[bool] = True


@dataclass(kw_only=True)
class AdjustChunk(Chunk):
    """Points taken or added: 扣2分 (after a trigger, its points), 在100标准分基础上扣5分."""

    predicate: rt.Predicate | None
    adjust: Adjust
    base: Decimal | None = None

    gives_points: ClassVar[bool] = True


@dataclass(kw_only=True)
class StatementChunk(Chunk):
    """A statement complete in itself: a limit (扣完为止), 酌情扣分, 以100%为标准, (指标值≥*).

    `words` are words before it that are context (本项酌情扣分: 本项)."""

    statement: rt.Statement
    words: str | None = None
    words_span: rt.Span | None = None

    gives_points: ClassVar[bool] = True


@dataclass(kw_only=True)
class ProportionalChunk(Chunk):
    """A proportional clause: 按完成比例计算得分, 15-30日按比例减分."""

    statement: rt.Proportional

    gives_points: ClassVar[bool] = True


@dataclass(kw_only=True)
class ChecklistChunk(Chunk):
    """An item of a checklist: ①相关管理制度合法、合规、完整，1分 (points may follow after 、)."""

    number: int
    label: str
    points: rt.Points | None
    label_start: int

    @property
    def awards_points(self) -> bool:
        return self.points is not None
