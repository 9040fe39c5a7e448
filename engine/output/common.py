"""What the text and markdown renderings share: the Chinese words for statuses, severities and
rule sources, numbers as shown, and the findings indexed by place.

`FindingIndex.of(result)` files every finding once under its table number and under its
(table number, row, field), so a renderer asks for a table's or an item's findings in constant
time and never matches names (names repeat in real forms). Nothing here computes a score.
"""

from __future__ import annotations

from decimal import Decimal

from engine.findings import Finding
from engine.lazy_dataclass import dataclass
from engine.review.common import score_text
from engine.review.result import ItemResult, PlaceKey, ReportResult, TableResult
from engine.scoring import fmt

STATUS_WORDS = {"consistent": "一致", "discrepancy": "不符", "unverifiable": "无法核对"}
SEVERITY_WORDS = {"error": "错误", "warning": "复核", "info": "提示"}
SOURCE_WORDS = {"text": "表内评分标准", "rules-file": "规则集", "profile": "评分办法", "none": "无"}
KIND_WORDS = {"department": "部门整体支出", "project": "项目支出"}


def num(x: Decimal | None) -> str:
    """A number as shown in a cell; — for none."""
    return "—" if x is None else fmt(x)


def recomputed(item: ItemResult) -> str:
    """An item's recomputed score: a number, a low–high range, or —."""
    return score_text(item.recomputed, item.range)


def total_text(t: TableResult) -> str:
    """A table's recomputed total: a number, a range, or why there is none."""
    return score_text(t.recomputed_total, t.recomputed_range,
                      f"无法给出（{t.unverifiable_items} 项共 {fmt(t.unverifiable_points)} 分无法重算）")


def grades_text(t: TableResult) -> str:
    return "/".join(t.recomputed_grades) or "无法确定"


_LEVEL_RANK = {"error": 0, "warning": 1, "info": 2}


def errors_first(findings: list[Finding]) -> list[Finding]:
    """Errors, then warnings, then infos, each in the result's order (most points first)."""
    return sorted(findings, key=lambda f: _LEVEL_RANK[f.level])


def place_words(f: Finding) -> str:
    """Where a finding sits, for people: 第 4 行 信访工作 on an indicator row (names repeat, the
    row does not), else the printed place (总分, 预算执行率, 资金·…)."""
    if f.row is not None:
        return f"第 {f.row} 行 {f.item}" if f.item else f"第 {f.row} 行"
    return f.item or ""


def source_word(item: ItemResult) -> str:
    return SOURCE_WORDS.get(item.rule.source, item.rule.source)


@dataclass(frozen=True)
class FindingIndex:
    """The findings of one result, each filed once by its table number and by its place."""

    by_table: dict[int | None, list[Finding]]
    by_place: dict[PlaceKey, list[Finding]]

    @classmethod
    def of(cls, result: ReportResult) -> FindingIndex:
        by_table: dict[int | None, list[Finding]] = {}
        by_place: dict[PlaceKey, list[Finding]] = {}
        for f in result.findings:  # in the result's order, which every list keeps
            by_table.setdefault(f.table_number, []).append(f)
            by_place.setdefault((f.table_number, f.row, f.field), []).append(f)
        return cls(by_table, by_place)

    def of_table(self, table: TableResult) -> list[Finding]:
        return self.by_table.get(table.number, [])

    def outside_tables(self) -> list[Finding]:
        """The findings that sit in no scoring table: the 基础数据表's."""
        return self.by_table.get(None, [])

    def of_item(self, item: ItemResult) -> list[Finding]:
        return self.by_place.get(item.key, [])
