"""The report model: a self-evaluation report (绩效自评报告) as the engine reads it.

This module describes the *shape* of `report.json` (schema version 1) and keeps every
printed cell as printed: targets, actuals, rules and rates stay text, amounts, weights and
scores become exact `Decimal`s. It does not read files (see `engine.report.loading`) and does not
interpret any cell (see `engine.values` and the rule language).

The records here are plain frozen classes, validated by pydantic-core with the core schema of the
full pydantic models of `engine.report.full` (their fields, defaults, descriptions and error
messages), built once and kept in `engine.report.kept`: a run that reads a valid report never
builds a pydantic model class. `Report.model_validate(data)`, `model_dump()` and
`model_dump_json()` behave as pydantic's; a record is equal to another of its class with the same
fields. The checks on single cells and the whole-record checks are the functions below, which both
the kept schema and the full models call.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from engine.report.cells import denoise, not_printed, percent_text
from engine.text.digits import plain_digits, describe, foreign_digits, shown
from engine.report.limits import MAX_AMOUNT, MAX_TEXT, YEARS, magnitude_problem, places_problem

if TYPE_CHECKING:
    from typing import Self

    from pydantic_core import SchemaSerializer, SchemaValidator

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

def _blank_number(value: Any) -> Any:
    """A number cell that prints no value (`/`, `—`, `无`, blank) is None before it is a number."""
    return None if isinstance(value, str) and not_printed(value) else value


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



def _infer_breakdown(row: FundingRow) -> FundingRow:
    """A funding row's split when the file does not say: 年度资金总额 / 合计 is the total, the rest a source."""
    if row.breakdown is None:
        inferred = "total" if "总额" in row.source or row.source.strip() in {"合计", "总计"} else "source"
        object.__setattr__(row, "breakdown", inferred)
    return row


def _links_resolve(data: BasicData) -> BasicData:
    """Every expense row's id is unique and every parent names one of them."""
    ids = [row.id for row in data.expenses]
    seen: set[str] = set()
    for row in data.expenses:
        if row.id in seen:
            raise ValueError(f"经费行的 id「{shown(row.id)}」重复")
        seen.add(row.id)
    for row in data.expenses:
        if row.parent is not None and row.parent not in ids:
            raise ValueError(f"经费行「{shown(row.name)}」的 parent「{shown(row.parent)}」不存在")
    return data


def _year_from_title(report: Report) -> Report:
    """A year not given is read from the title where it is printed (2024 年度…), else stays None."""
    if report.year is None and report.title:
        found = _YEAR.search(report.title)
        if found:
            object.__setattr__(report, "year", int(found.group(1)))
    return report


# --- the records -----------------------------------------------------------------------------

_VALIDATORS: dict[type, SchemaValidator] = {}
_SERIALIZERS: dict[type, SchemaSerializer] = {}


def _schema_of(cls: type) -> dict[str, Any]:
    """The core schema of one record class: a reference into the kept definitions."""
    return {"type": "definitions", "schema": {"type": "definition-ref", "schema_ref": cls.__name__},
            "definitions": _definitions()}


def _definitions() -> list[Any]:
    """The kept core schema's definitions; built from the full models (slow, once per process)
    when the installed pydantic-core is not the one they were made with."""
    import pydantic_core

    from engine.report import kept

    if kept.PYDANTIC_CORE_VERSION == pydantic_core.__version__:
        return kept.DEFINITIONS
    from engine.report.full import kept_definitions

    return kept_definitions()


def _validator(cls: type) -> SchemaValidator:
    validator = _VALIDATORS.get(cls)
    if validator is None:
        from pydantic_core import SchemaValidator

        validator = _VALIDATORS[cls] = SchemaValidator(_schema_of(cls), {"title": cls.__name__})  # as pydantic names it
    return validator


def _serializer(cls: type) -> SchemaSerializer:
    serializer = _SERIALIZERS.get(cls)
    if serializer is None:
        from pydantic_core import SchemaSerializer

        serializer = _SERIALIZERS[cls] = SchemaSerializer(_schema_of(cls))
    return serializer


class _Record:
    """A validated, frozen record of a report: its fields are attributes (pydantic-core sets
    `__dict__` and the three pydantic slots); `Record(**fields)` and `Record.model_validate(data)`
    validate, `model_dump` / `model_dump_json` take pydantic's options."""

    __slots__ = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
    __pydantic_fields_set__: set[str]

    def __init__(self, **fields: Any) -> None:
        _validator(type(self)).validate_python(fields, self_instance=self)

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """`data` (a dict as read from JSON) validated; pydantic_core.ValidationError lists every problem."""
        return _validator(cls).validate_python(data)  # type: ignore[no-any-return]

    def model_dump(self, **options: Any) -> dict[str, Any]:
        return _serializer(type(self)).to_python(self, **options)  # type: ignore[no-any-return]

    def model_dump_json(self, **options: Any) -> str:
        return _serializer(type(self)).to_json(self, **options).decode()

    @property
    def model_fields_set(self) -> set[str]:
        """The fields the data gave (not filled in by a default)."""
        return self.__pydantic_fields_set__

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name} cannot be set")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: {name} cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash((type(self), *self.__dict__.values()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"

    def __getstate__(self) -> tuple[dict[str, Any], set[str]]:
        return self.__dict__, self.__pydantic_fields_set__

    def __setstate__(self, state: tuple[dict[str, Any], set[str]]) -> None:
        fields, fields_set = state
        for name, value in (("__dict__", fields), ("__pydantic_fields_set__", fields_set),
                            ("__pydantic_extra__", None), ("__pydantic_private__", None)):
            object.__setattr__(self, name, value)


class Origin(_Record):
    """Where a table, a row or a block was read from, when it was imported from a form
    (`rescore import`): the file, the sheet or page, and the cell (or line) of each field."""

    file: str | None
    sheet: str | None
    cells: dict[str, str]


FundingBreakdown = Literal["total", "source", "income", "expense"]


class FundingRow(_Record):
    """One row of 项目资金 / 年度预算申请.

    `breakdown` says which split the row belongs to: `total` (年度资金总额), `source`
    (当年财政拨款 / 上年结转 / 其他资金), `income` (按收入性质分: 一般公共预算, 政府性基金,
    非税收入, 其他资金) or `expense` (按支出性质分: 基本支出, 项目支出). Rows within one
    breakdown add up to the total row.
    """

    source: str
    breakdown: FundingBreakdown | None
    initial: Decimal | None
    full_year: Decimal | None
    adjusted: Decimal | None
    executed: Decimal | None
    note: str | None
    origin: Origin | None


class Execution(_Record):
    """The 预算执行率 row: its weight (分值), the printed rate and the claimed score."""

    weight: Decimal | None
    rate: str | None
    claimed_score: Decimal | None
    deviation_note: str | None
    note: str | None
    origin: Origin | None


class Goals(_Record):
    """年度总体目标: the planned goal (预期目标) and what was achieved (实际完成情况)."""

    planned: str | None
    achieved: str | None
    note: str | None
    origin: Origin | None


class Indicator(_Record):
    """One scored row of the 绩效指标 block."""

    level1: str | None
    level2: str | None
    level3: str | None
    target: str | None
    actual: str | None
    rule: str | None
    weight: Decimal | None
    claimed_score: Decimal | None
    deviation_note: str | None
    note: str | None
    origin: Origin | None

    @property
    def name(self) -> str:
        """The indicator's display name: its 三级指标, else the nearest printed level."""
        return self.level3 or self.level2 or self.level1 or "（无名指标）"

    @property
    def path(self) -> list[str]:
        return [part for part in (self.level1, self.level2, self.level3) if part]


class Table(_Record):
    """One scoring table: 部门整体支出绩效自评表 (department) or 项目支出绩效自评表 (project)."""

    name: str | None
    kind: Literal["department", "project"]
    department: str | None
    implementer: str | None
    funding: list[FundingRow]
    execution: Execution | None
    goals: Goals | None
    indicators: list[Indicator]
    claimed_total: Decimal | None
    claimed_grade: str | None
    scale: Decimal
    note: str | None
    origin: Origin | None

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


class Staffing(_Record):
    """财政供养人员情况: 编制数, 实际在职人数 and the printed 控制率."""

    authorized: Decimal | None
    actual: Decimal | None
    control_rate: str | None
    note: str | None


class ExpenseRow(_Record):
    """One row of 经费控制情况 with its three printed columns.

    `parent` names the `id` of the row this one is a part of, so that sub-rows can be summed;
    `exhaustive` on a parent says whether its children are meant to add up to it.
    """

    id: str
    name: str
    parent: str | None
    exhaustive: bool
    prior_final: Decimal | None
    budget: Decimal | None
    final: Decimal | None
    note: str | None


class ExpenseColumns(_Record):
    """The printed headings of the three expense columns, which carry the years."""

    prior_final: str
    budget: str
    final: str


class BuildingProject(_Record):
    """One row of 楼堂馆所控制情况."""

    name: str | None
    approved_area: Decimal | None
    actual_area: Decimal | None
    area_control_rate: str | None
    budget_investment: Decimal | None
    actual_investment: Decimal | None
    investment_control_rate: str | None
    note: str | None


class Buildings(_Record):
    """楼堂馆所控制情况: the period it covers and its projects."""

    period: str | None
    projects: list[BuildingProject]


class BasicData(_Record):
    """基础数据表 (部门整体支出绩效评价基础数据表)."""

    staffing: Staffing | None
    expense_unit: str
    expense_columns: ExpenseColumns
    expenses: list[ExpenseRow]
    buildings: Buildings | None
    austerity_measures: str | None
    note: str | None


class Report(_Record):
    """A whole self-evaluation report: header, 基础数据表 and its scoring tables."""

    json_schema: str | None
    schema_version: Literal[1]
    unit: str | None
    year: int | None
    title: str | None
    source: str | None
    profile: str | None
    basic_data: BasicData | None
    tables: list[Table]
    note: str | None

    @property
    def shown_unit(self) -> str:
        """The unit as shown to people: the printed one, else `UNNAMED_UNIT`."""
        return self.unit or UNNAMED_UNIT
