"""The rule tree: what a 评分标准 says, as plain frozen dataclasses.

Nodes carry a `Span` into the original rule text (excluded from equality, so a rule
printed canonically and parsed again compares equal to the original). No lark types appear
here; `engine.language.parser` builds these nodes, `engine.language.printer` prints them, `engine.scoring.evaluate`
gives them meaning. Every node class has a short English `kind` name.
"""

from __future__ import annotations

from dataclasses import field
from decimal import Decimal
from typing import Any, Literal, Union

from engine.lazy_dataclass import dataclass


@dataclass(frozen=True)
class Span:
    """Half-open character range [start, end) in the rule text as written."""

    start: int
    end: int


_NO_SPAN = Span(0, 0)


def _span() -> Span:
    return field(default=_NO_SPAN, compare=False, repr=False)


# ---------------------------------------------------------------- operands


@dataclass(frozen=True)
class Quantity:
    """A number with its unit as written: 35微克/立方米, 1%, 一个百分点, 20万元, 一类."""

    kind = "quantity"
    value: Decimal
    unit: str | None = None
    alt: Decimal | None = None  # ≥30人(或10人): the value the rule gives as the other choice (engine.scoring.either)
    span: Span = _span()


@dataclass(frozen=True)
class ClassLevel:
    """An ordinal class (water quality): Ⅰ…Ⅴ are ranks 1…5, 劣Ⅴ类 is 6. Lower is better."""

    kind = "class"
    rank: int
    span: Span = _span()


@dataclass(frozen=True)
class Reference:
    """A value named but not given in the rule: 省定目标, 目标值, 计划, 年度指标值, 上年结转."""

    kind = "reference"
    name: str
    span: Span = _span()


@dataclass(frozen=True)
class DateMark:
    """A date a rule names, with 之前 / 前 (at most that date): 8月30日, 12月底, 2024年10月底, 年底
    (12月底), 春节 (`holiday`: a day that moves with the year)."""

    kind = "date"
    year: int | None
    month: int | None
    day: int | None = None
    part: str | None = None  # "end" (月底), "start" (月初)
    holiday: str | None = None
    span: Span = _span()


Operand = Union[Quantity, ClassLevel, Reference, DateMark]

# ---------------------------------------------------------------- conditions on the actual

Against = Literal["below", "above"]
"""What a bound with `against` measures: how far the actual is below the target (`below`: the
shortfall target − actual) or above it (`above`: actual − target); in % of the target when the
bound is written in %, else in the bound's unit."""

CompareOp = Literal["reach", "not_reach", "=", ">=", ">", "<=", "<", "stated"]
"""`reach`: 达到/完成 X (met in the indicator's good direction); `not_reach`: 未达到 X;
`stated`: a bare value used as a band label or threshold with no comparator printed (100%：5分)."""


@dataclass(frozen=True)
class Compare:
    """The actual compared with one bound: 达到35微克/立方米, ≥90%, 低于60%, 100%以下(含)."""

    kind = "compare"
    op: CompareOp
    operand: Operand
    subject: str | None = None
    tail: str | None = None  # words after the value: 100%符合
    absolute: bool = False  # ±30%以内: a bound on |actual − target|
    word: str | None = field(default=None, compare=False)  # the comparator as written
    against: Against | None = None  # 比下达任务低5%以内: a bound on the shortfall (excess) against the target
    base: str | None = None  # what `against` is measured from as written (下达任务); None: said before
    per: str | None = None  # 每季度开展一次 (季度): a count per period, `operand` the year's count
    span: Span = _span()


@dataclass(frozen=True)
class Between:
    """The actual within two bounds: 80%(含)-90%, 0-10%(含), ±30%-±35%(含)以内, 85%≤x<90%.

    `low_closed` / `high_closed` are None where the text does not say whether the bound is
    included; the evaluator resolves that from the neighbouring bands and says so.
    `absolute` marks a ± band on the deviation |actual − target|; `against` a band on the
    shortfall or excess against the target (比下达任务低5%-10%).
    """

    kind = "between"
    low: Operand
    high: Operand
    low_closed: bool | None = None
    high_closed: bool | None = None
    absolute: bool = False
    subject: str | None = None
    tail: str | None = None
    against: Against | None = None  # 低5%-10%: a band of the shortfall (excess) against the target
    base: str | None = None
    span: Span = _span()


@dataclass(frozen=True)
class Condition:
    """A condition in words: 有提升, 无改善, 合格, 已全部完成, 没有楼堂馆所项目的部门."""

    kind = "condition"
    text: str
    span: Span = _span()
    # 完成率80-99%，培训资料全面: the conditions joined by ，that the words are made of, each read
    # (a comparison, or words); () when the words were read as one. All must hold.
    parts: tuple["Compare | Between | Condition", ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Otherwise:
    """否则 / 其他情况: every actual no earlier clause covers."""

    kind = "otherwise"
    span: Span = _span()


@dataclass(frozen=True)
class AnyOf:
    """Conditions joined by 或 / 或者, met when any one of them is: 完成率达到95%或提前完成,
    新增一家或评为示范个体1家以上 (engine.scoring.anyof scores it side by side)."""

    kind = "any_of"
    sides: tuple[Union[Compare, Between, Condition], ...]
    span: Span = _span()


Predicate = Union[Compare, Between, Condition, Otherwise, AnyOf]

# ---------------------------------------------------------------- points


@dataclass(frozen=True)
class Points:
    """A number of points (记10分, 不得分 = 0), the full marks of the indicator (满分), a range
    of points the evaluator chooses from (0.2-2分, (10分到13分): `value` to `upto`), or a share
    of the weight (得一半分, 分值的80%: `share` percent)."""

    kind = "points"
    value: Decimal | None  # None means 满分 / 基本分: the indicator's weight
    upto: Decimal | None = None  # a range: any score from `value` to `upto`
    share: Decimal | None = None  # a share of the weight, in percent (value is then None)
    blurred: str | None = None  # (n-15分): points garbled in print, read from the neighbouring grades (engine.language.blurred)
    span: Span = _span()

    @property
    def is_full(self) -> bool:
        return self.value is None and self.share is None

    @property
    def is_range(self) -> bool:
        return self.upto is not None


# ---------------------------------------------------------------- statements


@dataclass(frozen=True)
class Award:
    """Points for a condition: 达到35微克/立方米，记10分; 低于60%不得分; 明确：2分.

    `points` is None for a band whose points are printed elsewhere (a header row such as
    "x<85% | 85%≤x<90%").
    """

    kind = "award"
    condition: Predicate | None
    points: Points | None
    span: Span = _span()


StepDirection = Literal["decrease", "increase", "deviation", "occurrence"]


@dataclass(frozen=True)
class Step:
    """Points per step of change: 每减少1%扣0.5分, 每超过一个百分点扣0.8分, 每出现一例扣1分.

    `direction` is what the step counts: a shortfall (减少/下降/降低/低于/少), an excess
    (增加/超过/超出/超支/上升/高于), a deviation either way (相差/偏离) or occurrences
    (出现/发现). `effect` is `deduct` or `add` (bonus rules). `reference` names what the change
    is measured from when the rule says so (每低于目标值2%); `alt_size` is a second step
    joined by 或 (每低于目标值5%或降低1单位); `base` is a stated base score (在100标准分基础上).
    `upto` is the top of a range of points per step (每处扣0.2-0.5分, 每次扣2、1分: `points` the
    bottom); `unstated` a step whose points are not printed (每下降一个百分点扣分, 一次扣.分: the
    digit lost), `points` then 0: the evaluator gives the range of every amount (engine.scoring.ranged).
    """

    kind = "step"
    direction: StepDirection
    verb: str
    size: Quantity
    points: Decimal
    effect: Literal["deduct", "add"] = "deduct"
    subject: str | None = None
    reference: Reference | None = None
    alt_size: Quantity | None = None
    what: str | None = None
    base: Decimal | None = None
    threshold: Compare | None = None  # "三公经费">0，每超过…: where the steps start
    per: str | None = None  # what each step is counted in: 每次讲座少1项 (次讲座), 每开展一项 (开展)
    band_from: Quantity | None = None  # 每降低1%加2分，降低2%以上加4分: from a change of 2% on …
    band_points: Decimal | None = None  # … the step gives 4 points in all
    upto: Decimal | None = None  # 每处扣0.2-0.5分: the most a step takes (adds)
    unstated: bool = False  # 每下降一个百分点扣分: how much a step takes is not printed
    within: Between | None = None  # 80%-100%每降低1%扣0.2分: the band of the actual the steps hold in
    span: Span = _span()


@dataclass(frozen=True)
class Deduct:
    """A fixed deduction for a condition: 未按时完成的，扣2分; 没有完成的扣分 (no amount)."""

    kind = "deduct"
    condition: Predicate | None
    points: Decimal | None
    below_zero: bool = False  # 倒扣10分: the deduction may take the score below 0
    span: Span = _span()
    upto: Decimal | None = None  # 酌情扣1-3分: the most deducted (`points` the least)


@dataclass(frozen=True)
class Floor:
    """The score's lower bound: 扣完为止, 最低为零分 (always 0 in practice)."""

    kind = "floor"
    points: Decimal = Decimal(0)
    word: str = field(default="扣完为止", compare=False)
    span: Span = _span()


@dataclass(frozen=True)
class NoFloor:
    """The rule lets the score go below 0: 可扣至负分, 可扣负分."""

    kind = "no_floor"
    span: Span = _span()


@dataclass(frozen=True)
class FullMarks:
    """The full marks the rule states for itself: 满分10分, 本项满分4分."""

    kind = "full_marks"
    points: Decimal
    span: Span = _span()


@dataclass(frozen=True)
class Numbered:
    """An item number written before a clause (1. / 2、 / (二)): the clauses after it, up to the
    next number, are that item."""

    kind = "numbered"
    number: int
    span: Span = _span()


@dataclass(frozen=True)
class DeductionCap:
    """The most that may be deducted: 扣满15分为止, 最多扣6分; or, `effect` add, the most the bonus
    steps may add: 最多加3分, 加分最高不超过2分 (a cap on the bonus, not on the score)."""

    kind = "deduction_cap"
    points: Decimal
    effect: Literal["deduct", "add"] = "deduct"
    span: Span = _span()


@dataclass(frozen=True)
class Cap:
    """The score's upper bound: 满分为止 / 不能超过该指标分值上限 (points None: the weight),
    最高得1分 (points), 最高120分, 累计得分不超过基础分的120% (share of the weight)."""

    kind = "cap"
    points: Decimal | None = None
    share: Decimal | None = None  # a percentage of the base score: 120 means 120%
    span: Span = _span()


@dataclass(frozen=True)
class Proportional:
    """Score in proportion: 按完成比例计算得分, 全年实际值/年度指标值*该指标分值 (forward),
    年度指标值/全年实际值*该指标分值 (reverse), 得分(20分*执行率) (`weight` 20).

    `scope` limits the proportional part to an interval (15-30日按比例减分); `effect` is
    `score` (the share of the weight is the score) or `deduct` (按比例减分).
    """

    kind = "proportional"
    reverse: bool = False
    weight: Decimal | None = None
    scope: Predicate | None = None
    effect: Literal["score", "deduct"] = "score"
    percent: bool = False  # 按百分比得分: a percentage, the rule not saying of what
    rate: bool = False  # 预算执行率×该项分值: the rate times the row's weight (`weight` None)
    formula: str | None = field(default=None, compare=False)  # as written, for the trace
    span: Span = _span()


@dataclass(frozen=True)
class Number:
    """A number in a formula: 20, 40%, 30人, 6分 (`points`: written with 分)."""

    kind = "number"
    value: Decimal
    unit: str | None = None
    points: bool = False
    alt: Decimal | None = None  # 30人(或10人)
    span: Span = _span()


@dataclass(frozen=True)
class Name:
    """A named value in a formula (种植率, 平均分, 实际值, 指标分值), with the cap a rule puts on it
    where it is used (超过100%以100%计算: `cap` 100, in the value's unit)."""

    kind = "name"
    name: str
    cap: Decimal | None = None
    note: str | None = None  # (即评价选取的…): what the name means, as written
    span: Span = _span()


@dataclass(frozen=True)
class Operation:
    """left op right: + − × ÷ as written (× and ÷ folded to * and /)."""

    kind = "operation"
    op: Literal["+", "-", "*", "/"]
    left: "Expression"
    right: "Expression"
    span: Span = _span()


Expression = Union[Number, Name, Operation]


@dataclass(frozen=True)
class Formula:
    """A score (or a measure) defined by arithmetic: 得分值=种植率×30, 得分=实际值/目标值×分值,
    得分二平均分*40% (二 for = as OCR leaves it). `defines` is what the left side names ("得分",
    "" when the rule writes the arithmetic alone); `scope` where it applies (低于100%,得分=…)."""

    kind = "formula"
    defines: str
    expression: Expression
    scope: Predicate | None = None
    span: Span = _span()


@dataclass(frozen=True)
class Discretionary:
    """A score left to the evaluator: 酌情扣分, 酌情给分. Any score in range is allowed."""

    kind = "discretionary"
    word: str
    condition: Condition | None = None  # 记录不完整,内容不实的酌情扣分: when it applies
    span: Span = _span()


@dataclass(frozen=True)
class ChecklistItem:
    """One item of an additive checklist: ①相关管理制度合法、合规、完整，1分."""

    kind = "checklist_item"
    number: int
    label: str
    points: Decimal
    span: Span = _span()


@dataclass(frozen=True)
class PerItem:
    """The row is several items of equal points: 12分×2项 (即口蹄疫和禽流感), 2分*4项. Each item
    is scored by the rest of the rule out of `points` when the actual gives each item's result."""

    kind = "per_item"
    points: Decimal
    count: Quantity
    span: Span = _span()


@dataclass(frozen=True)
class Standard:
    """The rule's reference value: 以100%为标准."""

    kind = "standard"
    operand: Operand
    span: Span = _span()


@dataclass(frozen=True)
class Applies:
    """Which targets a formula is for: (指标值为≥*), (指标值≤*)."""

    kind = "applies"
    op: Literal[">=", "<="]
    span: Span = _span()


@dataclass(frozen=True)
class Context:
    """Words the score does not depend on: 无特殊原因, 二者择其一进行考核. A `requirement` is a
    comparison written as a requirement with no points (承包人林地总面积应大于10亩): the rule does not
    say what failing it gives, so every outcome carries a note on it (engine.scoring)."""

    kind = "context"
    text: str
    requirement: bool = False
    heading: bool = False  # 山区、丘陵地区…: / 其它地区: the heading of the group of clauses after it (engine.scoring.groups)
    span: Span = _span()


@dataclass(frozen=True)
class Fragment:
    """Text left over that was not understood (the trailing 'Ⅰ类' of a truncated cell)."""

    kind = "fragment"
    text: str
    span: Span = _span()


@dataclass(frozen=True)
class Example:
    """如86%扣5分, 例如完成率95%扣2.5分: the rule's own worked example, not a scoring clause
    (engine.language.examples): the value, the points and what the points are (扣: deducted; 得:
    the score; neither written: either)."""

    kind = "example"
    value: Quantity
    points: Decimal
    effect: Literal["deduct", "score", "bare"]
    subject: str | None = None
    span: Span = _span()


Statement = Union[
    Award, Step, Deduct, Floor, NoFloor, DeductionCap, Cap, FullMarks, Proportional, Formula, Discretionary,
    ChecklistItem, PerItem, Standard, Applies, Numbered, Context, Fragment,
]


@dataclass(frozen=True)
class Rule:
    """A whole 评分标准: its statements in the order written."""

    kind = "rule"
    statements: tuple[Statement, ...]
    text: str = field(default="", compare=False)
    span: Span = _span()
    examples: tuple[Example, ...] = ()  # its own worked examples (如86%扣5分), outside the statements

    @property
    def fragments(self) -> tuple[Fragment, ...]:
        return tuple(s for s in self.statements if isinstance(s, Fragment))

    @property
    def inner_fragments(self) -> tuple[Fragment, ...]:
        """Fragments before the last scoring statement: text not understood that may change the
        score (a trailing fragment, after everything that scores, does not)."""
        scoring = [i for i, s in enumerate(self.statements) if not isinstance(s, (Fragment, Context, Numbered))]
        last = max(scoring, default=-1)
        return tuple(s for i, s in enumerate(self.statements) if isinstance(s, Fragment) and i < last)

    def of(self, *kinds: type) -> list[Any]:
        """The statements of the given kinds, in order: rule.of(Step), rule.of(Award, Deduct).

        Typed `Any` so that callers read each kind's fields without a cast."""
        return [s for s in self.statements if isinstance(s, kinds)]
