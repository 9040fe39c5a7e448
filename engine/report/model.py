"""The report model: a self-evaluation report (绩效自评报告) as pydantic v2 models.

This module describes the *shape* of `report.json` (schema version 1) and keeps every
printed cell as printed: targets, actuals, rules and rates stay text, amounts, weights and
scores become exact `Decimal`s. It does not read files (see `engine.report.loading`) and does not
interpret any cell (see `engine.values` and the rule language).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache, partial
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from engine.report.cells import denoise, not_printed, percent_text
from engine.text.digits import plain_digits, describe, foreign_digits, shown
from engine.report.limits import MAX_AMOUNT, MAX_POINTS, MAX_TEXT, YEARS, magnitude_problem, places_problem

SCHEMA_VERSION = 1

UNNAMED_TABLE = "（未印名称）"
"""How a table whose 项目名称 is not printed is shown."""

UNNAMED_UNIT = "（未印单位名称）"
"""How a report whose 单位名称 is not printed is shown."""

_YEAR = re.compile(r"((?:19|20)[0-9][0-9])\s*年")


def _exact_number(value: Any, bound: Decimal = MAX_AMOUNT, non_negative: bool = False) -> Any:
    """Accept a JSON number or a numeric string as printed ("9.00", "１０") and keep it exact.

    Binary floats never reach this point when files are read with `engine.report.loading`
    (it parses JSON numbers as Decimal); a float passed in from Python is converted through
    its shortest repr so that 0.1 stays 0.1. Spreadsheet float noise (0.30000000000000004) is
    read as the value the sheet shows (0.3), and the not-printed marks (`/`, `—`, `无`, blank) as
    no value (`engine.report.cells`). The field's bound (`engine.report.limits`) is checked on
    the number's exponent before anything else is done with it.
    """
    if value is None:
        return value
    if type(value) is str:
        return _exact_text(value, bound, non_negative)
    return _exact_value(value, bound, non_negative)


@lru_cache(maxsize=4096)
def _exact_text(value: str, bound: Decimal, non_negative: bool) -> Any:
    """`_exact_number` of a printed number: one Decimal for each text a report repeats (weights,
    scores and amounts recur down thousands of rows); a text that is no number raises each time."""
    return _exact_value(value, bound, non_negative)


def _exact_value(value: Any, bound: Decimal, non_negative: bool) -> Any:
    number = _as_decimal(value)
    if number is None:
        return None
    problem = magnitude_problem(number, bound)
    if problem is None and non_negative and number.is_signed() and number:
        problem = f"应为非负数，实际是 {number}"
    if problem is None:
        number = denoise(number)
        problem = places_problem(number)
    if problem is not None:
        raise ValueError(problem)
    return number


def _as_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        raise ValueError("应为数字，而不是 true/false")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):  # only from Python callers, never from a file
        return Decimal(repr(value))
    if isinstance(value, str):
        if not_printed(value):  # "/", "—", "无", blank: not printed, which is not 0
            return None
        text = value.strip().translate(_FULLWIDTH_DIGITS)
        if len(text) > 100:
            raise ValueError(f"「{shown(value, 20)}」不是合理的数字")
        if not plain_digits(text):  # Decimal("٣") is 3: never read silently
            raise ValueError(f"「{shown(value)}」不是数字：{describe(foreign_digits(value, marks=False))}")
        if "_" in text or ("," in text and not _THOUSANDS.fullmatch(text)):  # Decimal("1_0") is 10; 1,0 is not 10
            raise ValueError(f"「{shown(value)}」不是数字（只可用逗号分隔千位，如 1,000）")
        text = text.replace(",", "")
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(f"「{shown(value)}」不是数字") from None
    raise ValueError(f"应为数字，实际是{_KIND_WORDS.get(type(value), '其他类型')}")


def _printed_text(value: Any) -> Any:
    """A cell kept as printed text; a JSON number in such a cell is kept as its digits."""
    if isinstance(value, bool):
        raise ValueError("应为文本，而不是 true/false")
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise ValueError(f"文本有 {len(value)} 个字符，超过一个单元格的上限 {MAX_TEXT}")
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return value


def _rate_text(value: Any) -> Any:
    """A rate cell: printed text as it is; a number is a spreadsheet's fraction when it is at most
    2 (0.9215 → "92.15%", 1 → "100%"), else the percentage without its sign ("68.07")."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return _printed_text(value)
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if number.is_finite() and number.copy_abs() <= 2:  # copy_abs needs no context: 1E+9999999 is no Overflow
        return percent_text(number)
    return _printed_text(value)


_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")

_KIND_WORDS: dict[type, str] = {dict: "对象", list: "列表", str: "文本"}

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－＋，", "0123456789.-+,")

Amount = Annotated[Decimal, BeforeValidator(_exact_number)]
"""An exact number: money (万元), an area or a head count, |x| ≤ 10¹⁵."""

Points = Annotated[Decimal, BeforeValidator(partial(_exact_number, bound=MAX_POINTS))]
"""A score (得分), a total or a table's scale, |x| ≤ 10⁶."""

Weight = Annotated[Decimal, BeforeValidator(partial(_exact_number, bound=MAX_POINTS, non_negative=True))]
"""A weight (分值): 0 ≤ x ≤ 10⁶."""


def _blank_number(value: Any) -> Any:
    """A number cell that prints no value (`/`, `—`, `无`, blank) is None before it is a number."""
    return None if isinstance(value, str) and not_printed(value) else value


MaybeAmount = Annotated[Amount | None, BeforeValidator(_blank_number)]
"""An `Amount` that may be absent: null, or a cell printed `/`, `—`, `无` or left blank (never 0)."""

MaybePoints = Annotated[Points | None, BeforeValidator(_blank_number)]
MaybeWeight = Annotated[Weight | None, BeforeValidator(_blank_number)]

Printed = Annotated[str, BeforeValidator(_printed_text)]
"""Text exactly as printed in a cell ("90%以上", "省定目标", "≥80", "已完成")."""

Rate = Annotated[str, BeforeValidator(_rate_text)]
"""A printed rate ("100.00%"); a number is a spreadsheet fraction (0.9215 → "92.15%")."""


def _not_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("应为数字 1，而不是 true/false")
    return value


def _year(value: Any) -> Any:
    """A year is a whole number of this era (`engine.report.limits.YEARS`), read without expanding it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    low, high = YEARS
    try:
        number = _as_decimal(_not_bool(value))
    except ValueError:
        number = None
    if number is None or not number.is_finite() or number != number.to_integral_value():
        raise ValueError(f"应为整数（{low}–{high} 之间的年度），实际是「{shown(str(value), 20)}」")
    if not low <= number <= high:
        raise ValueError(f"年度应为 {low}–{high} 之间的整数，实际是 {shown(str(value), 20)}")
    return int(number)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Origin(_Model):
    """Where a table, a row or a block was read from, when it was imported from a form
    (`rescore import`): the file, the sheet or page, and the cell (or line) of each field."""

    file: str | None = Field(default=None, description="the file imported, as given")
    sheet: str | None = Field(default=None, description="xlsx sheet name; docx 表 N; PDF 第 N 页")
    cells: dict[str, str] = Field(
        default_factory=dict,
        description='field -> its cell: "F7" in a grid (xlsx, csv, docx table), "第 213 行第 5 格" in text',
    )


FundingBreakdown = Literal["total", "source", "income", "expense"]


class FundingRow(_Model):
    """One row of 项目资金 / 年度预算申请.

    `breakdown` says which split the row belongs to: `total` (年度资金总额), `source`
    (当年财政拨款 / 上年结转 / 其他资金), `income` (按收入性质分: 一般公共预算, 政府性基金,
    非税收入, 其他资金) or `expense` (按支出性质分: 基本支出, 项目支出). Rows within one
    breakdown add up to the total row.
    """

    source: str = Field(description="资金来源 as printed, e.g. 当年财政拨款")
    breakdown: FundingBreakdown | None = Field(
        default=None, description="total | source | income | expense; inferred when omitted"
    )
    initial: MaybeAmount = Field(default=None, description="年初预算数 (万元)")
    full_year: MaybeAmount = Field(default=None, description="全年预算数 (万元)")
    adjusted: MaybeAmount = Field(
        default=None, description="调整后预算数 (万元), on forms that print it beside or instead of 全年预算数 (Sichuan 2023)"
    )
    executed: MaybeAmount = Field(default=None, description="全年执行数 (万元)")
    note: str | None = None
    origin: Origin | None = None

    @model_validator(mode="after")
    def _infer_breakdown(self) -> FundingRow:
        if self.breakdown is None:
            inferred = "total" if "总额" in self.source or self.source.strip() in {"合计", "总计"} else "source"
            object.__setattr__(self, "breakdown", inferred)
        return self


class Execution(_Model):
    """The 预算执行率 row: its weight (分值), the printed rate and the claimed score."""

    weight: MaybeWeight = Field(default=None, description="分值")
    rate: Rate | None = Field(default=None, description="执行率 as printed, e.g. 100.00%")
    claimed_score: MaybePoints = Field(default=None, description="得分")
    deviation_note: str | None = Field(
        default=None, description="偏差原因 of the execution row (the written explanation of a low 执行率), if printed"
    )
    note: str | None = None
    origin: Origin | None = None


class Goals(_Model):
    """年度总体目标: the planned goal (预期目标) and what was achieved (实际完成情况)."""

    planned: str | None = None
    achieved: str | None = None
    note: str | None = None
    origin: Origin | None = None


class Indicator(_Model):
    """One scored row of the 绩效指标 block."""

    level1: str | None = Field(default=None, description="一级指标, e.g. 产出指标")
    level2: str | None = Field(default=None, description="二级指标, e.g. 数量指标")
    level3: str | None = Field(default=None, description="三级指标 (the indicator's name)")
    target: Printed | None = Field(default=None, description="年度指标值, as printed")
    actual: Printed | None = Field(default=None, description="实际完成值, as printed")
    rule: Printed | None = Field(default=None, description="评分标准, as printed")
    weight: MaybeWeight = Field(default=None, description="分值; null when the row prints none (a sub-row, an unscored form)")
    claimed_score: MaybePoints = Field(default=None, description="得分 claimed by the department")
    deviation_note: str | None = Field(default=None, description="偏差原因分析及改进措施")
    note: str | None = Field(default=None, description="transcriber's note: what was assumed")
    origin: Origin | None = None

    @property
    def name(self) -> str:
        """The indicator's display name: its 三级指标, else the nearest printed level."""
        return self.level3 or self.level2 or self.level1 or "（无名指标）"

    @property
    def path(self) -> list[str]:
        return [part for part in (self.level1, self.level2, self.level3) if part]


class Table(_Model):
    """One scoring table: 部门整体支出绩效自评表 (department) or 项目支出绩效自评表 (project)."""

    name: str | None = Field(default=None, description="项目名称, or the unit's name for the department table; null when not printed")
    kind: Literal["department", "project"]
    department: str | None = Field(default=None, description="主管部门 / 预算部门")
    implementer: str | None = Field(default=None, description="实施单位")
    funding: list[FundingRow] = Field(default_factory=list)
    execution: Execution | None = None
    goals: Goals | None = None
    indicators: list[Indicator] = Field(min_length=1)
    claimed_total: MaybePoints = Field(default=None, description="总分 as printed")
    claimed_grade: str | None = Field(default=None, description="评价等级 as printed, if any")
    scale: Points = Field(default=Decimal(100), description="the table's full score (满分)")
    note: str | None = None
    origin: Origin | None = None

    @property
    def shown_name(self) -> str:
        """The name as shown to people: the printed one, else `UNNAMED_TABLE`."""
        return self.name or UNNAMED_TABLE

    @property
    def scored(self) -> bool:
        """Whether the table prints any weight or score at all; an unscored form (no 分值, no 得分,
        no 总分) gets only its arithmetic checked."""
        rows = [(i.weight, i.claimed_score) for i in self.indicators]
        if self.execution is not None:
            rows.append((self.execution.weight, self.execution.claimed_score))
        return self.claimed_total is not None or any(w is not None or c is not None for w, c in rows)


class Staffing(_Model):
    """财政供养人员情况: 编制数, 实际在职人数 and the printed 控制率."""

    authorized: MaybeAmount = Field(default=None, description="编制数")
    actual: MaybeAmount = Field(default=None, description="实际在职人数")
    control_rate: Rate | None = Field(default=None, description="控制率 as printed")
    note: str | None = None


class ExpenseRow(_Model):
    """One row of 经费控制情况 with its three printed columns.

    `parent` names the `id` of the row this one is a part of, so that sub-rows can be summed;
    `exhaustive` on a parent says whether its children are meant to add up to it.
    """

    id: str = Field(description="stable key used by parent links, e.g. sangong")
    name: str = Field(description="row label as printed, e.g. 1、公务用车购置和维护经费")
    parent: str | None = None
    exhaustive: bool = Field(default=True, description="children add up to this row")
    prior_final: MaybeAmount = Field(default=None, description="上年决算数")
    budget: MaybeAmount = Field(default=None, description="本年预算数")
    final: MaybeAmount = Field(default=None, description="本年决算数")
    note: str | None = None


class ExpenseColumns(_Model):
    """The printed headings of the three expense columns, which carry the years."""

    prior_final: str = "上年决算数"
    budget: str = "本年预算数"
    final: str = "本年决算数"


class BuildingProject(_Model):
    """One row of 楼堂馆所控制情况."""

    name: str | None = None
    approved_area: MaybeAmount = Field(default=None, description="批复规模 (m²)")
    actual_area: MaybeAmount = Field(default=None, description="实际规模 (m²)")
    area_control_rate: Rate | None = Field(default=None, description="规模控制率 as printed")
    budget_investment: MaybeAmount = Field(default=None, description="预算投资 (万元)")
    actual_investment: MaybeAmount = Field(default=None, description="实际投资 (万元)")
    investment_control_rate: Rate | None = Field(default=None, description="投资概算控制率 as printed")
    note: str | None = None


class Buildings(_Model):
    """楼堂馆所控制情况: the period it covers and its projects."""

    period: str | None = Field(default=None, description="e.g. 2024年完工项目")
    projects: list[BuildingProject] = Field(default_factory=list)


class BasicData(_Model):
    """基础数据表 (部门整体支出绩效评价基础数据表)."""

    staffing: Staffing | None = None
    expense_unit: str = Field(default="万元")
    expense_columns: ExpenseColumns = Field(default_factory=ExpenseColumns)
    expenses: list[ExpenseRow] = Field(default_factory=list)
    buildings: Buildings | None = None
    austerity_measures: str | None = Field(default=None, description="厉行节约保障措施")
    note: str | None = None

    @model_validator(mode="after")
    def _links_resolve(self) -> BasicData:
        ids = [row.id for row in self.expenses]
        seen: set[str] = set()
        for row in self.expenses:
            if row.id in seen:
                raise ValueError(f"经费行的 id「{shown(row.id)}」重复")
            seen.add(row.id)
        for row in self.expenses:
            if row.parent is not None and row.parent not in ids:
                raise ValueError(f"经费行「{shown(row.name)}」的 parent「{shown(row.parent)}」不存在")
        return self


class Report(_Model):
    """A whole self-evaluation report: header, 基础数据表 and its scoring tables."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    json_schema: str | None = Field(
        default=None, alias="$schema", description="the JSON Schema an editor validates the file against; ignored"
    )
    schema_version: Annotated[Literal[1], BeforeValidator(_not_bool)] = Field(description="always 1 for this shape")
    unit: str | None = Field(default=None, description="单位名称; null when not printed")
    year: Annotated[int | None, BeforeValidator(_year)] = Field(
        default=None, description="the budget year evaluated; taken from the title when omitted")
    title: str | None = None
    source: str | None = Field(default=None, description="where the figures were transcribed from")
    profile: str | None = Field(default=None, description="scoring profile, e.g. mof2020")
    basic_data: BasicData | None = None
    tables: list[Table] = Field(min_length=1)
    note: str | None = None

    @model_validator(mode="after")
    def _year_from_title(self) -> Report:
        """A year not given is read from the title where it is printed (2024 年度…), else stays None."""
        if self.year is None and self.title:
            found = _YEAR.search(self.title)
            if found:
                object.__setattr__(self, "year", int(found.group(1)))
        return self

    @property
    def shown_unit(self) -> str:
        """The unit as shown to people: the printed one, else `UNNAMED_UNIT`."""
        return self.unit or UNNAMED_UNIT
