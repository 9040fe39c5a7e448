"""What is wrong with a report file, said the way a reviewer reads the report.

`Problem` is one thing wrong (a place in reviewer's words and a Chinese message), `ReportError`
all of them. `location(loc, raw)` names a place in the JSON — "第 2 张表「…」› 第 3 个指标「…」›
得分 (claimed_score)" — from the field labels printed on the form (`FIELD_LABELS`), and
`validation_problem` turns one pydantic error into a `Problem`. This module reads no file and
parses no JSON (`engine.report.loading` does).
"""

from __future__ import annotations

import os
import re
from types import UnionType
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

from pydantic_core import ErrorDetails

from engine.errors import RescoreError
from engine.lazy_dataclass import dataclass

if TYPE_CHECKING:  # the full models are built only when something is wrong (engine.report.full)
    from pydantic import BaseModel

__all__ = ["FIELD_LABELS", "Loc", "Problem", "ReportError", "kind_of", "location", "validation_problem"]

Loc = tuple[str | int, ...]

# The glossary: field name -> the label printed on the form. "Model.field" overrides the plain
# name where one English word means two printed headings (Indicator.actual 实际完成值,
# Staffing.actual 实际在职人数).
FIELD_LABELS: dict[str, str] = {
    # Report
    "schema_version": "格式版本",
    "unit": "单位名称",
    "year": "年度",
    "title": "标题",
    "source": "数据来源",
    "profile": "评分方案",
    "basic_data": "基础数据表",
    "tables": "表格列表",
    "note": "备注",
    # Table
    "name": "名称",
    "Table.name": "项目名称",
    "kind": "表类型",
    "department": "主管部门",
    "implementer": "实施单位",
    "funding": "资金",
    "execution": "预算执行率",
    "goals": "年度总体目标",
    "indicators": "绩效指标",
    "claimed_total": "总分",
    "claimed_grade": "评价等级",
    "scale": "满分",
    # FundingRow
    "FundingRow.source": "资金来源",
    "breakdown": "资金分类",
    "initial": "年初预算数",
    "full_year": "全年预算数",
    "executed": "全年执行数",
    # Execution
    "weight": "分值",
    "rate": "执行率",
    "claimed_score": "得分",
    # Goals
    "planned": "预期目标",
    "achieved": "实际完成情况",
    # Indicator
    "level1": "一级指标",
    "level2": "二级指标",
    "level3": "三级指标",
    "target": "年度指标值",
    "actual": "实际完成值",
    "rule": "评分标准",
    "deviation_note": "偏差原因分析及改进措施",
    # BasicData and its parts
    "staffing": "财政供养人员情况",
    "authorized": "编制数",
    "Staffing.actual": "实际在职人数",
    "control_rate": "控制率",
    "expense_unit": "金额单位",
    "expense_columns": "经费列标题",
    "expenses": "经费控制情况",
    "id": "行标识",
    "ExpenseRow.name": "行名称",
    "parent": "上级行",
    "exhaustive": "子项是否加总",
    "prior_final": "上年决算数",
    "budget": "本年预算数",
    "final": "本年决算数",
    "buildings": "楼堂馆所控制情况",
    "period": "期间",
    "projects": "项目",
    "BuildingProject.name": "项目名称",
    "approved_area": "批复规模",
    "actual_area": "实际规模",
    "area_control_rate": "规模控制率",
    "budget_investment": "预算投资",
    "actual_investment": "实际投资",
    "investment_control_rate": "投资概算控制率",
    "austerity_measures": "厉行节约保障措施",
}

# List fields whose items a reviewer counts: how an item is called and which keys name it.
_ITEM_WORDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "tables": ("第 {n} 张表", ("name",)),
    "indicators": ("第 {n} 个指标", ("level3", "level2", "level1")),
    "funding": ("资金行 {n}", ("source",)),
    "expenses": ("经费行 {n}", ("name", "id")),
    "projects": ("楼堂馆所项目 {n}", ("name",)),
}

_NAME_WIDTH = 40  # longest item name quoted in a location, in characters


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a report file.

    `location` names the place in reviewer's words, `message` says what is wrong (both
    Chinese); `loc` is the raw path into the JSON (empty for file- and syntax-level problems);
    `line`/`column` are set for JSON syntax errors (1-based, column counted in characters).
    """

    location: str
    message: str
    loc: Loc = ()
    line: int | None = None
    column: int | None = None


class ReportError(RescoreError):
    """A report file that cannot be used, with every problem found in it."""

    code = "X001"

    def __init__(self, path: str | os.PathLike[str], problems: list[Problem]) -> None:
        self.path = os.fspath(path)
        self.problems = list(problems)
        super().__init__(self.path, self.problems)

    def format(self) -> str:
        """`{path}: 报告无法读取（N 个问题）` then one `  - {location}: {message}` line per problem."""
        lines = [f"{self.path}: 报告无法读取（{len(self.problems)} 个问题）"]
        lines += [f"  - {problem.location}: {problem.message}" for problem in self.problems]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()


# --- naming places ---------------------------------------------------------------------------


def location(loc: Loc, raw: Any) -> str:
    """Render a pydantic loc in reviewer's words, naming tables and indicators from `raw`."""
    from engine.report.full import Report

    parts: list[str] = []
    model: type[BaseModel] | None = Report
    node: Any = raw
    steps = list(loc)
    i = 0
    while i < len(steps):
        step = steps[i]
        last = i == len(steps) - 1
        if isinstance(step, int):  # an index into a list we do not have words for
            parts.append(f"第 {step + 1} 项")
            node = _child(node, step)
            i += 1
            continue
        if model is not None and step not in model.model_fields and not last:
            i += 1  # a pydantic-internal step (union member, validator tag)
            continue
        label = _label(model, step)
        node = _child(node, step)
        annotation = model.model_fields[step].annotation if model and step in model.model_fields else None
        model = _inner_model(annotation)
        index = None if last else steps[i + 1]
        if isinstance(index, int) and step in _ITEM_WORDS:
            words, name_keys = _ITEM_WORDS[step]
            node = _child(node, index)
            parts.append(words.format(n=index + 1) + _quoted_name(node, name_keys))
            i += 2
            continue
        parts.append(f"{label} ({step})" if last else label)
        i += 1
    return _joined(parts, top_level=len(loc) == 1)


def _joined(parts: list[str], top_level: bool) -> str:
    """第 2 张表「…」› 第 3 个指标「…」› 得分 (claimed_score); a top-level field under 报告."""
    if not parts:
        return "报告"
    if top_level:
        parts.insert(0, "报告")
    text = parts[0]
    for part in parts[1:]:
        text += ("› " if text.endswith("」") else " › ") + part
    return text


def _label(model: type[BaseModel] | None, name: str) -> str:
    if model is not None and f"{model.__name__}.{name}" in FIELD_LABELS:
        return FIELD_LABELS[f"{model.__name__}.{name}"]
    return FIELD_LABELS.get(name, name)


def _child(node: Any, step: str | int) -> Any:
    if isinstance(step, int):
        return node[step] if isinstance(node, list) and 0 <= step < len(node) else None
    return node.get(step) if isinstance(node, dict) else None


def _quoted_name(node: Any, keys: tuple[str, ...]) -> str:
    if not isinstance(node, dict):
        return ""
    for key in keys:
        value = node.get(key)
        if isinstance(value, str) and value.strip():
            name = " ".join(value.split())
            if len(name) > _NAME_WIDTH:
                name = name[: _NAME_WIDTH - 1] + "…"
            return f"「{name}」"
    return ""


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside `Table | None`, `list[Indicator]`, `Annotated[...]`, if any."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (Union, UnionType, list) or hasattr(annotation, "__metadata__"):
        for arg in get_args(annotation):
            inner = _inner_model(arg)
            if inner is not None:
                return inner
    return None


def _model_at(loc: Loc) -> type[BaseModel] | None:
    from engine.report.full import Report

    model: type[BaseModel] | None = Report
    for step in loc:
        if isinstance(step, int) or model is None:
            continue
        info = model.model_fields.get(step)
        model = _inner_model(info.annotation) if info else None
    return model


# --- what went wrong -------------------------------------------------------------------------

_TYPE_MESSAGES = {
    "missing": "缺少必填字段",
    "string_type": "应为文本",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数，不能有小数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表 […]",
    "dict_type": "应为对象 {…}",
    "model_type": "应为对象 {…}",
    "model_attributes_type": "应为对象 {…}",
    "none_required": "应为 null",
}

_PYTHON_TYPES = {"dict": "对象", "list": "列表", "str": "文本", "NoneType": "null", "bool": "true/false"}


def validation_problem(detail: ErrorDetails, raw: dict[str, Any]) -> Problem:
    """One pydantic error as a `Problem`, in the reviewer's words."""
    loc: Loc = tuple(detail["loc"])
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    given = detail.get("input")

    if kind == "extra_forbidden":
        parent, name = loc[:-1], str(loc[-1])
        message = f"不允许的字段「{name}」（拼写错误？）"
        model = _model_at(parent)
        if model is not None:
            import difflib

            close = difflib.get_close_matches(name, list(model.model_fields), n=1, cutoff=0.6)
            if close:
                message = f"不允许的字段「{name}」（拼写错误？是不是 {close[0]}？）"
        return Problem(location(parent, raw), message, loc)

    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", ""))) or [str(ctx.get("expected", ""))]
        allowed = choices[0] if len(choices) == 1 else "、".join(choices[:-1]) + " 或 " + choices[-1]
        message = f"取值必须是 {allowed}，实际是{_shown(given)}"
    elif kind == "too_short":
        message = f"至少需要 {ctx.get('min_length', 1)} 项"
    elif kind == "value_error":
        reason = str(ctx.get("error", detail["msg"])).removeprefix("Value error, ")
        message = re.sub(r"实际是 (\w+)", lambda m: "实际是" + _PYTHON_TYPES.get(m[1], m[1]), reason)
    elif kind in _TYPE_MESSAGES:
        message = _TYPE_MESSAGES[kind]
        if kind != "missing":
            message += f"，实际是{_shown(given)}"
    else:
        message = detail["msg"]
    return Problem(location(loc, raw), message, loc)


def kind_of(value: Any) -> str:
    """What a JSON value is, in Chinese, after 实际是: 列表, 文本, true/false, null, 数字."""
    if isinstance(value, list):
        return "列表"
    if isinstance(value, str):
        return "文本"
    if isinstance(value, bool):
        return " true/false"
    if value is None:
        return " null"
    return "数字"


def _shown(value: Any) -> str:
    """The offending input, briefly: 「九分」, 5, 列表, 对象."""
    if isinstance(value, str):
        text = value if len(value) <= 30 else value[:29] + "…"
        return f"「{text}」"
    if isinstance(value, (dict, list)):
        return "对象" if isinstance(value, dict) else "列表"
    if isinstance(value, bool):
        return " true" if value else " false"
    if value is None:
        return " null"
    return f" {value}"
