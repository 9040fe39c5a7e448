"""The report-level rule vocabulary of a profile: `[[rule]]` tables read into `ReportRule`s.

A rule is `when` (conditions, all of which must hold) and `then` (one consequence), on a
`scope`: each indicator row, each table's 预算执行率 row, or each table. The words:

conditions — `execution_rate = "<90%"` (the recomputed 执行率), `deviation = "≥30%"`
(|actual − target| ÷ target), `achievement = "≥120%"` (actual ÷ target, "≥" and plain targets
only), `note = "missing"` or `"present"` (the row's 偏差原因), `points_lost = true` (claim below
the weight), `missed = true` (a quantified target not met, the way the row's score reads it),
`direction = ["lower", "equal"]` (the direction the row's score read — the target's comparator,
the rule, the indicator's name: 在职人员控制率 100% is lower; "equal" a "=" or bare target that
nothing gives a direction, met only exactly), `actual_says = [...]`
(the 实际完成值 or 年度指标值 is one of these words: 不适用, 不涉及).

consequences — `finding = "warning"` (M001 at that severity), `deduct = "2"` with `floor = "0"`
(M002: the points come off the row's score, never below the floor, and so off the total),
`cap_total = "89"` / `cap_grade = "良"` (M003), `rescale = true` (M004: the rows the rule
matches are left out and the rest is rescaled to the table's 满分).

Each rule carries `source` and `evidence` (engine.profiles.model.Source). This module reads
and validates; `engine.review.report_rules` evaluates. Nothing here looks at a report.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from engine.errors import RescoreError
from engine.lazy_dataclass import dataclass

if TYPE_CHECKING:
    from engine.profiles.model import Source

Op = Literal["<", "<=", ">", ">=", "="]
RuleScope = Literal["indicator", "execution", "table"]
SCOPES: tuple[str, ...] = ("indicator", "execution", "table")
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
DIRECTIONS: tuple[str, ...] = ("higher", "lower", "equal")

CONDITION_KEYS = ("execution_rate", "deviation", "achievement", "note", "points_lost", "missed", "direction",
                  "actual_says")
CONSEQUENCE_KEYS = ("finding", "deduct", "floor", "cap_total", "cap_grade", "rescale")
RULE_KEYS = ("id", "scope", "when", "then", "message", "source", "evidence", "note", "enabled")

_OPS = {"<": "<", "<=": "<=", "≤": "<=", "＜": "<", ">": ">", ">=": ">=", "≥": ">=", "＞": ">", "=": "=", "＝": "="}
_COMPARISON = re.compile(r"^\s*(<=|>=|≤|≥|<|>|=|＜|＞|＝)\s*(-?[0-9０-９]+(?:\.[0-9０-９]+)?)\s*%\s*$")  # 0–9 (or full-width): never ٣
OP_WORDS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "=": "="}


class RuleError(RescoreError, ValueError):
    """A `[[rule]]` that cannot be read: the message is Chinese and names the key."""

    code = "X004"


@dataclass(frozen=True)
class Comparison:
    """`op` against `percent` (a percentage: 90 for 90%)."""

    op: Op
    percent: Decimal

    def holds(self, value: Decimal) -> bool:
        p = self.percent
        return {"<": value < p, "<=": value <= p, ">": value > p, ">=": value >= p, "=": value == p}[self.op]

    def text(self) -> str:
        return f"{OP_WORDS[self.op]} {self.percent}%"


@dataclass(frozen=True)
class Conditions:
    execution_rate: Comparison | None = None
    deviation: Comparison | None = None
    achievement: Comparison | None = None
    note: Literal["missing", "present"] | None = None
    points_lost: bool | None = None
    missed: bool | None = None
    direction: tuple[str, ...] = ()
    actual_says: tuple[str, ...] = ()


@dataclass(frozen=True)
class Consequence:
    finding: Literal["error", "warning", "info"] | None = None
    deduct: Decimal | None = None
    floor: Decimal = Decimal(0)
    cap_total: Decimal | None = None
    cap_grade: str | None = None
    rescale: bool = False

    @property
    def kind(self) -> str:
        """The finding kind the consequence raises (engine.findings)."""
        if self.deduct is not None:
            return "method-deduction"
        if self.cap_total is not None or self.cap_grade is not None:
            return "method-cap"
        if self.rescale:
            return "method-rescale"
        return "method-check"


@dataclass(frozen=True)
class ReportRule:
    id: str
    scope: RuleScope
    when: Conditions
    then: Consequence
    message: str | None = None
    source: Source | None = None
    enabled: bool = True


def gather(**reads: Callable[[], Any]) -> dict[str, Any]:
    """Each read run on its own, by name; every `RuleError` among them at once, joined into one,
    so that one bad value never hides the next."""
    values: dict[str, Any] = {}
    errors: list[str] = []
    for key, read in reads.items():
        try:
            values[key] = read()
        except RuleError as error:
            errors.append(str(error))
    if errors:
        raise RuleError("；".join(errors))
    return values


def comparison(value: object, where: str) -> Comparison:
    m = _COMPARISON.match(str(value))
    if not isinstance(value, str) or m is None:
        raise RuleError(f"{where}「{value}」应写成比较和百分数，如 \"<90%\"、\"≥120%\"")
    op: Op = _OPS[m.group(1)]  # type: ignore[assignment]
    return Comparison(op, Decimal(m.group(2)))


def _words(value: object, where: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or not value:
        raise RuleError(f"{where} 应为非空的字符串列表")
    bad = [v for v in value if allowed is not None and v not in allowed]
    if bad:
        raise RuleError(f"{where} 不认识「{'、'.join(bad)}」：可用 {'、'.join(allowed or ())}")
    return tuple(value)


def _flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise RuleError(f"{where} 应为 true 或 false")
    return value


def _number(value: object, where: str) -> Decimal:
    try:
        return Decimal(str(value)) if not isinstance(value, bool) else Decimal("x")
    except InvalidOperation:
        raise RuleError(f"{where}「{value}」不是数字") from None


def _unknown(data: dict[str, Any], known: tuple[str, ...], where: str) -> None:
    for key in data:
        if key not in known:
            from difflib import get_close_matches  # only for a key that is not known

            close = get_close_matches(key, known, n=1)
            hint = f"（是不是 {close[0]}？）" if close else f"（可用：{'、'.join(known)}）"
            raise RuleError(f"{where} 不认识的字段「{key}」{hint}")


def conditions(data: object, where: str) -> Conditions:
    if not isinstance(data, dict) or not data:
        raise RuleError(f"{where} 应为非空的表，如 {{ execution_rate = \"<90%\" }}")
    _unknown(data, CONDITION_KEYS, where)
    note = data.get("note")
    if note is not None and note not in ("missing", "present"):
        raise RuleError(f"{where}.note 应为 \"missing\" 或 \"present\"")
    def rate(key: str) -> Comparison | None:
        return comparison(data[key], f"{where}.{key}") if key in data else None

    def flag(key: str) -> bool | None:
        return _flag(data[key], f"{where}.{key}") if key in data else None

    direction = _words(data["direction"], f"{where}.direction", DIRECTIONS) if "direction" in data else ()
    says = _words(data["actual_says"], f"{where}.actual_says") if "actual_says" in data else ()
    return Conditions(execution_rate=rate("execution_rate"), deviation=rate("deviation"),
                      achievement=rate("achievement"), note=note, points_lost=flag("points_lost"),
                      missed=flag("missed"), direction=direction, actual_says=says)


def consequence(data: object, where: str) -> Consequence:
    if not isinstance(data, dict):
        raise RuleError(f"{where} 应为表，如 {{ finding = \"warning\" }}")
    _unknown(data, CONSEQUENCE_KEYS, where)
    kinds = [k for k in ("finding", "deduct", "cap_total", "cap_grade", "rescale") if k in data]
    if not kinds or (len(kinds) > 1 and set(kinds) != {"cap_total", "cap_grade"}):
        raise RuleError(f"{where} 应恰好有一种后果：finding、deduct、cap_total / cap_grade 或 rescale")
    finding = data.get("finding")
    if finding is not None and finding not in SEVERITIES:
        raise RuleError(f"{where}.finding 应为 error、warning 或 info")
    if "floor" in data and "deduct" not in data:
        raise RuleError(f"{where}.floor 只能与 deduct 一起用")
    return Consequence(
        finding=finding,
        deduct=_number(data["deduct"], f"{where}.deduct") if "deduct" in data else None,
        floor=_number(data.get("floor", 0), f"{where}.floor"),
        cap_total=_number(data["cap_total"], f"{where}.cap_total") if "cap_total" in data else None,
        cap_grade=str(data["cap_grade"]) if "cap_grade" in data else None,
        rescale=_flag(data["rescale"], f"{where}.rescale") if "rescale" in data else False,
    )


def _rule_id(data: dict[str, Any], where: str) -> str:
    rule_id = data.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        raise RuleError(f"{where} 缺少 id")
    return rule_id


def _scope(data: dict[str, Any], where: str) -> str:
    scope = data.get("scope", "indicator")
    if scope not in SCOPES:
        raise RuleError(f"{where}.scope「{scope}」应为 {'、'.join(SCOPES)} 之一")
    return str(scope)


def report_rule(data: dict[str, Any], where: str, source: Source | None) -> ReportRule:
    """One `[[rule]]` table; `source` is the rule's citation, read by the caller. Every problem
    of the table at once, in one `RuleError`."""
    message = data.get("message")
    read = gather(keys=lambda: _unknown(data, RULE_KEYS, where), id=lambda: _rule_id(data, where),
                  scope=lambda: _scope(data, where), when=lambda: conditions(data.get("when"), f"{where}.when"),
                  then=lambda: consequence(data.get("then"), f"{where}.then"),
                  enabled=lambda: _flag(data.get("enabled", True), f"{where}.enabled"))
    return ReportRule(read["id"], read["scope"], read["when"], read["then"],
                      message=str(message) if message is not None else None, source=source, enabled=read["enabled"])
