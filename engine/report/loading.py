"""Read a `report.json` file into a `Report`, or say in reviewer's words everything wrong with it.

`load_report(path)` reads UTF-8 (a BOM is tolerated), parses JSON with every number as an exact
`Decimal`, and validates against `engine.report.model.Report`. Any problem — unreadable file, invalid
JSON, duplicate keys, NaN, and *every* error pydantic finds — ends in one `ReportError` whose
problems name the place the way a reviewer reads the report: "第 2 张表「…」› 第 3 个指标「…」›
得分 (claimed_score)"; those words are `engine.report.problems`. This module decodes and parses;
it does not interpret cells or check any arithmetic.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from decimal import Decimal
from typing import Any, Iterator

from pydantic_core import ValidationError

from engine.report.limits import MAX_INTEGER_DIGITS, max_report_bytes
from engine.report.model import Report
from engine.report.problems import FIELD_LABELS, Loc, Problem, ReportError, kind_of, location, validation_problem

__all__ = ["FIELD_LABELS", "Problem", "ReportError", "load_report", "parse_report"]


def load_report(path: str | os.PathLike[str]) -> Report:
    """Read, parse and validate one report file; raise `ReportError` listing every problem."""
    shown = os.fspath(path)
    return parse_report(read_limited(path, shown), shown)


_OS_REASONS = {errno.ENAMETOOLONG: "文件名太长", errno.ELOOP: "符号链接循环", errno.ENOTDIR: "路径中有一段不是目录",
               errno.EIO: "输入输出错误"}


def _os_reason(error: OSError) -> str:
    """The reason of a failed stat or open, in Chinese where it is a usual one."""
    return _OS_REASONS.get(error.errno or 0) or str(error.strerror or error)


def read_limited(path: str | os.PathLike[str], shown: str) -> bytes:
    """The bytes of a regular file no larger than the report limit, read in bounded chunks; a
    FIFO, device, socket or directory is refused before it is opened (it could block or never end)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ReportError(shown, [Problem("文件", "文件不存在")]) from None
    except PermissionError:
        raise ReportError(shown, [Problem("文件", "没有读取这个文件的权限")]) from None
    except OSError as error:
        raise ReportError(shown, [Problem("文件", f"无法读取：{_os_reason(error)}")]) from None
    if stat.S_ISDIR(info.st_mode):
        raise ReportError(shown, [Problem("文件", "这是一个目录，不是报告文件")])
    if not stat.S_ISREG(info.st_mode):
        raise ReportError(shown, [Problem("文件", f"这不是普通文件（{_file_kind(info.st_mode)}），无法作为报告读取")])
    limit = max_report_bytes()
    if info.st_size > limit:
        raise ReportError(shown, [Problem("文件", _too_large(info.st_size, limit))])
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except PermissionError:
        raise ReportError(shown, [Problem("文件", "没有读取这个文件的权限")]) from None
    except OSError as error:
        raise ReportError(shown, [Problem("文件", f"无法读取：{_os_reason(error)}")]) from None
    if len(data) > limit:  # it grew while being read
        raise ReportError(shown, [Problem("文件", _too_large(len(data), limit))])
    return data


def _too_large(size: int, limit: int) -> str:
    return (f"文件有 {size:,} 字节，超过报告文件的上限 {limit:,} 字节"
            f"（可用环境变量 RESCORE_MAX_REPORT_BYTES 调整）")


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "命名管道"
    if stat.S_ISSOCK(mode):
        return "套接字"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    return "特殊文件"


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
        raise ReportError(path, [Problem("报告", f"顶层应为 JSON 对象 {{…}}，实际是{kind_of(raw)}")])

    problems, non_finite = decoder.problems(raw)
    try:
        report = Report.model_validate(raw)
    except ValidationError as error:
        for detail in error.errors(include_url=False):
            if tuple(detail["loc"]) not in non_finite:  # already reported as NaN / Infinity
                problems.append(validation_problem(detail, raw))
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
        self._non_finite = False  # whether any NaN / Infinity was read (else nothing to walk for)
        # one str object for each distinct text value: a report repeats its level names, rules,
        # targets and notes down thousands of rows, and the report keeps what is read here
        self._texts: dict[str, str] = {}

    def loads(self, text: str) -> Any:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_int=_integer,
            parse_constant=self._constant,
            object_pairs_hook=self._object,
        )

    def _constant(self, token: str) -> _NonFinite:
        self._non_finite = True
        return _NonFinite(token)

    def _object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj: dict[str, Any] = {}
        repeated: list[str] = []
        texts = self._texts
        for key, value in pairs:
            if key in obj and key not in repeated:
                repeated.append(key)
            obj[key] = texts.setdefault(value, value) if type(value) is str else value
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
        if not self._duplicates and not self._non_finite:
            return found, non_finite  # the common case: the tree is not walked at all
        nodes = list(_walk(raw))
        paths = {id(node): loc for loc, node in nodes if isinstance(node, dict)}
        for obj, keys in self._duplicates:
            for key in keys:
                loc = (*paths.get(id(obj), ()), key)
                found.append(Problem(location(loc, raw), "这个字段写了不止一次；JSON 只会保留最后一个值", loc))
        for loc, node in nodes:
            if isinstance(node, _NonFinite):
                found.append(Problem(location(loc, raw), f"JSON 不允许 {node.token}，应为数字或 null", loc))
                non_finite.add(loc)
                parent: Any = raw
                for step in loc[:-1]:
                    parent = parent[step]
                parent[loc[-1]] = None
        return found, non_finite


def _integer(digits: str) -> int | Decimal:
    """A JSON integer: an int, or, past `MAX_INTEGER_DIGITS` digits, a Decimal that the field's
    bound then refuses (Python's int() refuses 4,300 digits with a ValueError of its own)."""
    return int(digits) if len(digits) <= MAX_INTEGER_DIGITS else Decimal(digits)


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
