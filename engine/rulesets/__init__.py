"""Read a rule set (`rules/*.toml`): 评分标准 as printed, where each comes from, and worked examples.

`load_ruleset(path)` reads one UTF-8 TOML file (format: `rules/README.md`) into a `RuleSet` of
`RuleEntry`s. Each entry keeps the verbatim rule `text`, its source `reference`, the printed
weight (分值) as an exact string, optionally an `encoding` rescore uses instead of a truncated or
wrong text (`effective_text`), and worked examples with the expected score, range or "unknown".

Every mistake in a file ends in one `RuleSetError` listing *all* problems, each naming the file,
the entry (by id, or by number when the id is missing) and the field, in Chinese; TOML syntax
errors carry the line and column. Never a traceback for a user's mistake.

What it does not do: parse or evaluate rule texts (the tests and `engine.language.parser` do), match
entries to report rows, or convert numbers (weights and scores stay strings until used).
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

from engine.errors import RescoreError

__all__ = ["Example", "Problem", "RuleEntry", "RuleSet", "RuleSetError", "load_ruleset"]


def _exact(value: str, what: str) -> str:
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{what}「{value}」不是数字") from None
    if not number.is_finite() or number < 0:
        raise ValueError(f"{what}「{value}」应为不小于 0 的数字")
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(_Model):
    """One worked example: the cells as printed and the expected result, computed by hand.

    A blank cell is an omitted key (`target`/`actual` None). Exactly one of `score`, `range`,
    `unknown = true` is the expected result. `xfail` records a reported engine bug: the test
    expects the engine to disagree (strict), so the fix shows up as an unexpected pass.
    """

    target: str | None = None
    actual: str | None = None
    score: str | None = None
    range: tuple[str, str] | None = None
    unknown: bool = False
    partial: Literal["floor", "proportional", "ceiling"] = "floor"
    why: str | None = None
    xfail: str | None = None

    @field_validator("score")
    @classmethod
    def _score_exact(cls, value: str | None) -> str | None:
        return None if value is None else _exact(value, "得分")

    @field_validator("range")
    @classmethod
    def _range_exact(cls, value: tuple[str, str] | None) -> tuple[str, str] | None:
        if value is None:
            return None
        low, high = (_exact(v, "得分范围的端点") for v in value)
        if Decimal(low) > Decimal(high):
            raise ValueError(f"得分范围 [{low}, {high}] 的下限大于上限")
        return value

    @model_validator(mode="after")
    def _one_expectation(self) -> Example:
        given = [name for name, on in (("score", self.score is not None), ("range", self.range is not None),
                                       ("unknown", self.unknown)) if on]
        if len(given) != 1:
            said = "、".join(given) if given else "都没有写"
            raise ValueError(f"预期结果须且只须写一项：score = \"9\"、range = [\"0\", \"5\"] 或 unknown = true（现在：{said}）")
        return self


class RuleEntry(_Model):
    """One 评分标准 of a table, verbatim, with its source, printed weight and worked examples."""

    id: str
    text: str
    reference: str
    weight: str
    table: str | None = None
    indicator: str | None = None
    encoding: str | None = None
    encoding_note: str | None = None
    direction: Literal["higher", "lower"] | None = None
    known_findings: list[str] = Field(default_factory=list)
    known_note: str | None = None
    examples: list[Example] = Field(default_factory=list, alias="example")

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
            raise ValueError(f"id「{value}」应为小写字母、数字和连字符组成的固定标识，如 pm25-concentration")
        return value

    @field_validator("text", "reference")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("不能为空")
        return value

    @field_validator("weight")
    @classmethod
    def _weight_exact(cls, value: str) -> str:
        return _exact(value, "分值")

    @field_validator("known_findings")
    @classmethod
    def _known_codes(cls, value: list[str]) -> list[str]:
        from engine.findings import CODES

        unknown = [c for c in value if c not in CODES]
        if unknown:
            raise ValueError(f"known_findings 中的「{'、'.join(unknown)}」不是 rescore 的发现代码（见 docs/findings.md）")
        return value

    @model_validator(mode="after")
    def _known_explained(self) -> RuleEntry:
        if self.known_findings and not (self.known_note or "").strip():
            raise ValueError("写了 known_findings（已知的问题），须在 known_note 中说明为什么保留原文")
        return self

    @model_validator(mode="after")
    def _encoding_explained(self) -> RuleEntry:
        if self.encoding is not None and not (self.encoding_note or "").strip():
            raise ValueError("写了 encoding（改写的评分标准），须在 encoding_note 中说明为什么改写")
        if self.encoding is None and self.encoding_note is not None:
            raise ValueError("写了 encoding_note，却没有 encoding")
        return self

    @property
    def effective_text(self) -> str:
        """The text rescore evaluates: the encoding when there is one, else the verbatim text."""
        return self.encoding if self.encoding is not None else self.text


class RuleSet(_Model):
    """A whole rule-set file: header and entries in file order."""

    name: str
    description: str
    source: str
    rules: list[RuleEntry] = Field(default_factory=list, alias="rule")
    _path: str = PrivateAttr(default="")

    @property
    def path(self) -> str:
        """The file it was read from."""
        return self._path

    def get(self, entry_id: str) -> RuleEntry:
        return next(r for r in self.rules if r.id == entry_id)


# ---------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a rule-set file.

    `entry` is the entry's id (None when it has none or the problem is in the header) and
    `index` its 1-based position among the `[[rule]]` entries; `field` is the key path inside
    the entry or header, examples counted from 1 ("example[2].score"). `line`/`column` are set
    for TOML syntax errors."""

    file: str
    message: str
    entry: str | None = None
    index: int | None = None
    field: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.file}:{self.line}:{self.column or 1}: {self.message}"
        where = [self.file]
        if self.index is not None:
            where.append(f"第 {self.index} 条规则" + (f"「{self.entry}」" if self.entry else "（无 id）"))
        if self.field is not None:
            where.append(_field_words(self.field))
        return " › ".join(where) + f": {self.message}"


class RuleSetError(RescoreError):
    """A rule-set file that cannot be used, with every problem found in it."""

    code = "X005"

    def __init__(self, path: str, problems: list[Problem]):
        self.path = path
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [f"{self.path}: 规则集无法读取（{len(self.problems)} 个问题）"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)


_LABELS = {
    "name": "名称", "description": "说明", "source": "来源", "rule": "规则", "id": "标识",
    "text": "评分标准原文", "reference": "出处", "weight": "分值", "table": "表名",
    "indicator": "三级指标", "encoding": "改写的评分标准", "encoding_note": "改写说明",
    "direction": "指标方向", "target": "年度指标值", "actual": "实际完成值", "score": "预期得分",
    "range": "预期得分范围", "unknown": "预期无法计算", "partial": "不足一步的读法",
    "why": "手算过程", "xfail": "已知引擎缺陷",
}


def _field_words(field: str) -> str:
    """example[2].score -> 第 2 个例子 › 预期得分 (score)."""
    words = []
    for part in field.split("."):
        m = re.fullmatch(r"example\[(\d+)\]", part)
        if m:
            words.append(f"第 {m[1]} 个例子")
        else:
            words.append(f"{_LABELS[part]} ({part})" if part in _LABELS else part)
    return " › ".join(words)


_MESSAGES = {
    "missing": "缺少必填字段",
    "string_type": "应为字符串（数字也要加引号，如 \"5\"，以保持精确）",
    "bool_type": "应为 true 或 false",
    "list_type": "应为列表 [...]",
    "tuple_type": "应为两个字符串的列表，如 [\"0\", \"5\"]",
    "too_short": "应为两个字符串的列表，如 [\"0\", \"5\"]",
    "too_long": "应为两个字符串的列表，如 [\"0\", \"5\"]",
    "model_type": "应为表 [...]",
    "model_attributes_type": "应为表 [...]",
}


def _problem(path: str, raw: dict[str, Any], detail: ErrorDetails) -> Problem:
    loc = list(detail["loc"])
    entry = index = None
    model: type[BaseModel] = RuleSet
    if loc[:1] == ["rule"] and len(loc) >= 2 and isinstance(loc[1], int):
        index = loc[1] + 1
        entry = _entry_id(raw.get("rule"), loc[1])
        loc = loc[2:]
        model = Example if "example" in loc else RuleEntry
    field = ""
    for step in loc:
        field += f"[{step + 1}]" if isinstance(step, int) else ("." if field else "") + str(step)
    return Problem(path, _message(detail, loc, model), entry, index, field or None)


def _entry_id(rules: object, at: int) -> str | None:
    """The `id` the rule set gives its entry number `at` (from 0), when it gives one."""
    item = rules[at] if isinstance(rules, list) and at < len(rules) else None
    given_id = item.get("id") if isinstance(item, dict) else None
    return given_id if isinstance(given_id, str) and given_id.strip() else None


def _message(detail: ErrorDetails, loc: list[Any], model: type[BaseModel]) -> str:
    """The Chinese message for one validation error of a rule-set file."""
    kind = detail["type"]
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = [f.alias or n for n, f in model.model_fields.items()]
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        return f"不认识的字段「{name}」" + (f"（是不是 {close[0]}？）" if close else "")
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(detail.get("ctx", {})["expected"]))
        return f"取值应为 {' 或 '.join(choices)}，实际是「{detail.get('input')}」"
    if kind == "value_error":
        return str(detail.get("ctx", {})["error"])
    return _MESSAGES.get(kind, detail["msg"])


def load_ruleset(path: str | os.PathLike[str]) -> RuleSet:
    """Read and validate one rule-set file; raise `RuleSetError` listing every problem."""
    shown = os.fspath(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise RuleSetError(shown, [Problem(shown, "文件不存在")]) from None
    except UnicodeDecodeError as error:
        raise RuleSetError(shown, [Problem(shown, f"不是 UTF-8 编码（第 {error.start + 1} 个字节）")]) from None
    except OSError as error:
        raise RuleSetError(shown, [Problem(shown, f"无法读取：{error.strerror or error}")]) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        m = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line, column = (int(m[1]), int(m[2])) if m else (None, None)
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        raise RuleSetError(shown, [Problem(shown, f"TOML 语法错误：{reason}", line=line, column=column)]) from None
    problems: list[Problem] = []
    try:
        ruleset = RuleSet.model_validate(raw)
    except ValidationError as error:
        problems = [_problem(shown, raw, d) for d in error.errors(include_url=False)]
        raise RuleSetError(shown, problems) from None
    seen: dict[str, int] = {}
    for i, entry in enumerate(ruleset.rules, 1):
        if entry.id in seen:
            problems.append(Problem(shown, f"标识与第 {seen[entry.id]} 条规则重复", entry.id, i, "id"))
        seen.setdefault(entry.id, i)
    if problems:
        raise RuleSetError(shown, problems)
    ruleset._path = shown
    return ruleset
