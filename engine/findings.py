"""Findings: what rescore reports to a reviewer, with stable codes.

Every check (the passes of `engine.review.pipeline`) and every lint (`engine.lint.run`) emits `Finding`s. A code is never
reused; its `kind` slug and severity are fixed here, and `docs/findings.md` documents each one
(a test keeps that file and this table in step). Severity: `error` changes a score, a total or
a grade; `warning` needs a reviewer's look (a row that cannot be checked, a rule that
contradicts itself); `info` is a signal, never an error.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any, Literal

from engine.lazy_dataclass import dataclass

Severity = Literal["error", "warning", "info"]
# Which way a claim is off: 多计 (the report claims more than its rules give) or 少计 (less). A
# bureau weighs the two differently, so every output keeps them apart.
Direction = Literal["over", "under"]


@dataclass(frozen=True)
class Code:
    code: str
    kind: str
    severity: Severity
    title: str  # Chinese, one line


_ALL = [
    # scores and totals
    Code("S001", "score-mismatch", "error", "自评得分与按评分标准重算的得分不一致"),
    Code("S002", "score-over-weight", "error", "自评得分超过该指标的分值"),
    Code("T001", "total-mismatch", "error", "总分不等于各项得分之和"),
    Code("T002", "rounded-sum", "info", "按两位小数得分相加的总分与按精确得分相加的不同"),
    Code("G001", "grade-mismatch", "error", "评价等级与总分不相符"),
    Code("E001", "execution-rate", "error", "预算执行率或其得分与资金数不符"),
    # weights
    Code("W001", "weights-sum", "warning", "各项分值之和不等于满分"),
    Code("W002", "weights-profile", "info", "一级指标分值与评分办法不同"),
    # rules
    Code("R001", "rule-unparsed", "warning", "评分标准无法读懂，该项无法核对"),
    Code("R002", "rule-incomplete", "warning", "评分标准有未能读懂的片段"),
    Code("R003", "rule-weight-mismatch", "warning", "评分标准自身的满分与分值不一致"),
    Code("R004", "rule-direction", "warning", "评分标准惩罚的是改善"),
    # values and notes
    Code("V001", "missing-value", "warning", "年度指标值或实际完成值为空，该项无法核对"),
    Code("V002", "unquantified", "warning", "年度指标值或实际完成值未量化，该项无法核对"),
    Code("V003", "missing-weight", "warning", "未印分值，该项不计分、无法核对"),
    Code("V004", "actual-unmatched", "warning", "实际完成值与评分标准的任何一档都对不上，该项无法核对"),
    Code("N001", "missing-deviation-note", "warning", "失分但没有填写偏差原因分析"),
    # arithmetic of the form
    Code("F001", "funding-sum", "warning", "资金来源各行之和与年度资金总额不符"),
    Code("B001", "basic-data", "warning", "基础数据表的算术不符"),
    # signals
    Code("I001", "all-full-marks", "info", "每一项都自评满分"),
    Code("I002", "boilerplate-actual", "info", "量化的指标值，实际完成值只写了“完成”之类"),
    Code("I003", "ceiling-on-quantity", "info", "数量指标的年度指标值写成了“≤”上限"),
    Code("I004", "over-execution", "info", "预算执行率超过 100%"),
    # report-level rules of the scoring profile (engine.review.report_rules)
    Code("M001", "method-check", "warning", "评分办法的报表级校验未通过"),
    Code("M002", "method-deduction", "error", "评分办法规定的扣分"),
    Code("M003", "method-cap", "error", "评分办法对总分或等级的封顶"),
    Code("M004", "method-rescale", "info", "不适用的指标不计分，其余折算为满分"),
    # lint (rule sets, proven on the rule's piecewise form)
    Code("L001", "rule-unbounded", "warning", "评分标准可能给出负分或超过分值的分数"),
    Code("L002", "rule-nonmonotone", "warning", "评分标准在指标改善时反而可能降分"),
    Code("L003", "rule-gap", "warning", "有实际值不落在任何一档内"),
    Code("L004", "rule-overlap", "warning", "同一实际值落在两档，分数不同"),
    Code("L005", "rule-unreachable", "warning", "有一档永远不会用到"),
    # lint of a scoring profile file (engine.profiles.checks)
    Code("L006", "profile-key", "warning", "评分办法文件有不认识的字段或无法读取"),
    Code("L007", "profile-source", "warning", "评分办法的参数或规则没有注明出处"),
    Code("L008", "profile-years", "warning", "评分办法的适用年度与同地区的另一办法重叠"),
]
CODES: dict[str, Code] = {c.code: c for c in _ALL}
BY_KIND: dict[str, Code] = {c.kind: c for c in _ALL}


# Where a finding sits when it is not on an indicator row (`Finding.field`): the 预算执行率 row,
# the printed 总分 or 评价等级, the 资金 block, the table as a whole, or a part of the 基础数据表.
FIELDS = ("execution", "total", "grade", "funding", "table", "staffing", "expenses")


@dataclass(frozen=True, slots=True)  # slots: a large report has tens of thousands
class Finding:
    """One thing a reviewer should know, with the place, the numbers and a Chinese message.

    The place is its identity, not its names: `table_number` (the table's position in the
    report, from 1; None for the 基础数据表) and `row` (the indicator's row in that table, from
    1) or, off the indicator rows, `field` (one of `FIELDS`). `table` and `item` are the printed
    names, for people; names repeat in real forms, so nothing is placed by them.
    """

    kind: str
    message: str
    table: str | None = None
    item: str | None = None
    claimed: Decimal | None = None
    expected: Decimal | tuple[Decimal, Decimal] | None = None
    points: Decimal = Decimal(0)  # how many points it moves (for ordering)
    witness: Decimal | None = None  # lint: an actual value that shows it
    severity: Severity | None = None  # None: the code's own severity
    extra: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False)
    row: int | None = None  # the indicator's row in its table (1-based)
    table_number: int | None = None  # the table's position in the report (1-based)
    field: str | None = None  # off the indicator rows: which part (FIELDS)
    direction: Direction | None = None  # score findings: 多计 "over" or 少计 "under" by `points`

    @property
    def code(self) -> str:
        return BY_KIND[self.kind].code

    @property
    def level(self) -> Severity:
        return self.severity or BY_KIND[self.kind].severity

    def to_dict(self) -> dict[str, Any]:
        expected = list(self.expected) if isinstance(self.expected, tuple) else self.expected
        data: dict[str, Any] = {
            "code": self.code, "kind": self.kind, "severity": self.level, "table": self.table,
            "table_number": self.table_number, "item": self.item, "row": self.row, "field": self.field,
            "claimed": self.claimed, "expected": expected, "points": self.points, "message": self.message,
            "direction": self.direction, "details": dict(self.extra),
        }
        if self.witness is not None:
            data["witness"] = self.witness
        return data
