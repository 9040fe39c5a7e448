"""Read a `report.json` file into a `Report`, or say in reviewer's words everything wrong with it.

`load_report(path)` reads UTF-8 (a BOM is tolerated), parses JSON with every number as an exact
`Decimal`, and validates against `engine.model.Report`. Any problem — unreadable file, invalid
JSON, duplicate keys, NaN, and *every* error pydantic finds — ends in one `ReportError` whose
problems name the place the way a reviewer reads the report: "第 2 张表「…」› 第 3 个指标「…」›
得分 (claimed_score)". This module does not interpret cells or check any arithmetic.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import UnionType
from typing import Any, Iterator, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from engine.report.model import Report

__all__ = ["FIELD_LABELS", "Problem", "ReportError", "load_report", "parse_report"]

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


class ReportError(Exception):
    """A report file that cannot be used, with every problem found in it."""

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


def load_report(path: str | os.PathLike[str]) -> Report:
    """Read, parse and validate one report file; raise `ReportError` listing every problem."""
    shown = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ReportError(shown, [Problem("文件", "文件不存在")]) from None
    except IsADirectoryError:
        raise ReportError(shown, [Problem("文件", "这是一个目录，不是报告文件")]) from None
    except PermissionError:
        raise ReportError(shown, [Problem("文件", "没有读取这个文件的权限")]) from None
    except OSError as error:
        raise ReportError(shown, [Problem("文件", f"无法读取：{error.strerror or error}")]) from None
    return parse_report(data, shown)


def parse_report(data: bytes | str, path: str = "<输入>") -> Report:
    """Parse and validate report JSON already in memory; `path` is only used in messages."""
    if isinstance(data, bytes):
        text = _decode(data, path)
    else:
        text = data.removeprefix("\ufeff")

    decoder = _Decoder()
    try:
        raw = decoder.loads(text)
    except json.JSONDecodeError as error:
        raise ReportError(path, [_syntax_problem(error)]) from None
    except RecursionError:
        raise ReportError(path, [Problem("报告", "JSON 嵌套层数过深")]) from None
    if not isinstance(raw, dict):
        raise ReportError(path, [Problem("报告", f"顶层应为 JSON 对象 {{…}}，实际是{_kind_of(raw)}")])

    problems, non_finite = decoder.problems(raw)
    try:
        report = Report.model_validate(raw)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            if tuple(detail["loc"]) not in non_finite:  # already reported as NaN / Infinity
                problems.append(_validation_problem(detail, raw))
    if problems:
        raise ReportError(path, problems)
    return report


# --- reading ---------------------------------------------------------------------------------


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        hint = ""
        try:
            data.decode("gb18030")
            hint = "；看起来是 GBK/GB18030 编码，请另存为 UTF-8"
        except UnicodeDecodeError:
            pass
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            hint = "；看起来是 UTF-16 编码，请另存为 UTF-8"
        message = f"不是 UTF-8 编码的文本（第 {line} 行，第 {error.start + 1} 字节 0x{data[error.start]:02X}）{hint}"
        raise ReportError(path, [Problem("文件", message, line=line)]) from None


class _NonFinite:
    """Stands in for NaN / Infinity, which JSON does not allow but Python's json accepts."""

    def __init__(self, token: str) -> None:
        self.token = token


class _Decoder:
    """json.loads with exact Decimals that also remembers duplicate keys and NaN / Infinity."""

    def __init__(self) -> None:
        self._duplicates: list[tuple[dict[str, Any], list[str]]] = []

    def loads(self, text: str) -> Any:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_constant=_NonFinite,
            object_pairs_hook=self._object,
        )

    def _object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj: dict[str, Any] = {}
        repeated: list[str] = []
        for key, value in pairs:
            if key in obj and key not in repeated:
                repeated.append(key)
            obj[key] = value
        if repeated:
            self._duplicates.append((obj, repeated))
        return obj

    def problems(self, raw: dict[str, Any]) -> tuple[list[Problem], set[Loc]]:
        """Problems JSON itself lets through, and where NaN / Infinity stood.

        Each NaN / Infinity in `raw` is replaced by None, so that validation reports only the
        other problems.
        """
        found: list[Problem] = []
        non_finite: set[Loc] = set()
        paths = {id(node): loc for loc, node in _walk(raw) if isinstance(node, dict)}
        for obj, keys in self._duplicates:
            for key in keys:
                loc = (*paths.get(id(obj), ()), key)
                found.append(Problem(_location(loc, raw), "这个字段写了不止一次；JSON 只会保留最后一个值", loc))
        for loc, node in list(_walk(raw)):
            if isinstance(node, _NonFinite):
                found.append(Problem(_location(loc, raw), f"JSON 不允许 {node.token}，应为数字或 null", loc))
                non_finite.add(loc)
                parent: Any = raw
                for step in loc[:-1]:
                    parent = parent[step]
                parent[loc[-1]] = None
        return found, non_finite


def _walk(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    yield loc, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*loc, index))


_JSON_MESSAGES = {
    "Expecting value": "此处应为一个值（数字、文本、true/false、null、对象或列表）",
    "Expecting ',' delimiter": "缺少逗号 ,",
    "Expecting ':' delimiter": "缺少冒号 :",
    "Expecting property name enclosed in double quotes": "应为用双引号括起的字段名（最后一项后面不能有逗号）",
    "Unterminated string starting at": "文本缺少结尾的双引号",
    "Invalid control character at": "文本里有未转义的控制字符（如换行，应写成 \\n）",
    "Invalid \\escape": "无效的转义符 \\",
    "Invalid \\uXXXX escape": "无效的 \\uXXXX 转义",
    "Extra data": "JSON 已经结束，后面还有多余的内容",
}


def _syntax_problem(error: json.JSONDecodeError) -> Problem:
    reason = _JSON_MESSAGES.get(error.msg, error.msg)
    return Problem(
        f"第 {error.lineno} 行第 {error.colno} 列",
        f"不是有效的 JSON：{reason}",
        line=error.lineno,
        column=error.colno,
    )


# --- naming places ---------------------------------------------------------------------------


def _location(loc: Loc, raw: Any) -> str:
    """Render a pydantic loc in reviewer's words, naming tables and indicators from `raw`."""
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
        if not last and isinstance(steps[i + 1], int) and step in _ITEM_WORDS:
            index = steps[i + 1]
            words, name_keys = _ITEM_WORDS[step]
            node = _child(node, index)
            parts.append(words.format(n=index + 1) + _quoted_name(node, name_keys))
            i += 2
            continue
        parts.append(f"{label} ({step})" if last else label)
        i += 1
    if not parts:
        return "报告"
    if len(loc) == 1:
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
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (Union, UnionType, list) or hasattr(annotation, "__metadata__"):
        for arg in get_args(annotation):
            inner = _inner_model(arg)
            if inner is not None:
                return inner
    return None


def _model_at(loc: Loc) -> type[BaseModel] | None:
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


def _validation_problem(detail: dict[str, Any], raw: dict[str, Any]) -> Problem:
    loc: Loc = tuple(detail["loc"])
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    given = detail.get("input")

    if kind == "extra_forbidden":
        parent, name = loc[:-1], str(loc[-1])
        message = f"不允许的字段「{name}」（拼写错误？）"
        model = _model_at(parent)
        if model is not None:
            close = difflib.get_close_matches(name, list(model.model_fields), n=1, cutoff=0.6)
            if close:
                message = f"不允许的字段「{name}」（拼写错误？是不是 {close[0]}？）"
        return Problem(_location(parent, raw), message, loc)

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
    return Problem(_location(loc, raw), message, loc)


def _kind_of(value: Any) -> str:
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
