"""The national template's column headings and their usual variants, and the labels of a form.

`indicator_columns(texts)` and `budget_columns(texts)` say whether a row is the heading row of
the 绩效指标 block or of the budget (项目资金 / 年度预算申请) block, and which column holds which
field, whatever the order, and a heading cut where its cell wraps (年度指标 over 值);
`heading_rest` says whether a row is that wrapped second line. `label_of(text)` names the labels printed beside a value (项目名称,
主管部门, 实施单位, 预期目标, 总分 …). Headings are compared after folding width, dropping spaces and
units in brackets ("全年预算数（万元）" is 全年预算数). This module reads no cell value.
"""

from __future__ import annotations

import re

from engine.text.fold import fold

__all__ = ["BUDGET_FIELDS", "INDICATOR_FIELDS", "LEVEL1_WORDS", "SHORT_LEVEL1", "budget_columns", "heading_rest",
           "indicator_columns", "is_level_word", "label_of", "level1_of", "level_headings", "normalise"]

# field -> the headings that name it (after `normalise`), national wording first.
INDICATOR_FIELDS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "level3": ("三级指标", "指标名称", "指标内容"),
    "target": ("年度指标值", "指标值", "目标值", "年度目标值", "预期指标值", "计划指标值"),
    "actual": ("实际完成值", "全年实际值", "完成值", "实际值", "实际完成指标值"),
    "rule": ("评分标准", "评分规则", "评分细则", "计分方法", "评分办法"),
    "weight": ("分值", "权重", "指标分值"),
    "claimed_score": ("得分", "自评得分", "实际得分"),
    "deviation_note": ("偏差原因分析及改进措施", "偏差原因分析", "偏差原因", "偏差原因及改进措施", "未完成原因分析"),
    "note": ("备注",),
    "seq": ("序号", "编号"),  # a row number column: read, then dropped
    "sense": ("指标性质", "指标方向", "运算符号"),  # ≥ / ≤ / = printed apart from the 指标值
    "unit": ("度量单位", "计量单位", "单位"),  # the unit printed apart from the values
}

BUDGET_FIELDS: dict[str, tuple[str, ...]] = {
    "source": ("资金来源",),
    "initial": ("年初预算数",),
    "full_year": ("全年预算数", "调整后预算数"),
    "executed": ("全年执行数", "执行数", "实际执行数"),
    "weight": ("分值", "权重"),
    "rate": ("执行率", "预算执行率"),
    "claimed_score": ("得分",),
    "note": ("备注",),
}

# Labels printed beside (or above) a value, by what they name.
LABELS: dict[str, tuple[str, ...]] = {
    "name": ("项目名称", "项目支出名称"),
    "unit": ("预算部门名称", "部门名称", "单位名称", "预算单位名称"),
    "department": ("主管部门", "主管部门名称", "主管部门及代码"),
    "implementer": ("实施单位",),
    "planned": ("预期目标", "项目目标", "年度目标"),
    "achieved": ("实际完成情况", "实际完成"),
    "total": ("总分", "合计得分", "总得分"),
    "grade": ("评价等级", "自评等级", "等级"),
    "income": ("按收入性质分",),
    "expense": ("按支出性质分",),
    "goals": ("年度总体目标", "总体目标"),
    "block": ("绩效指标", "项目资金", "年度预算申请", "项目概况及经费预算", "项目实施情况"),
}

LEVEL1_WORDS = ("产出指标", "效益指标", "满意度指标", "成本指标")

# The national framework (财预〔2020〕10号): which 一级指标 each usual 二级指标 belongs to.
_LEVEL2_PARENT = {
    "数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标",
    "经济效益指标": "效益指标", "经济效果指标": "效益指标", "社会效益指标": "效益指标",
    "生态效益指标": "效益指标", "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
    "经济成本指标": "成本指标", "社会成本指标": "成本指标", "生态环境成本指标": "成本指标",
    "社会效益成本指标": "成本指标",
}

_BRACKETS = re.compile(r"[（(][^）)]*[）)]")


def normalise(text: str) -> str:
    """A heading as compared: width folded, units in brackets, spaces and colons dropped."""
    folded = fold(text)
    return "".join(_BRACKETS.sub("", folded).split()).strip(":：*")


def _columns(texts: list[str], fields: dict[str, tuple[str, ...]]) -> dict[int, str]:
    lookup = {variant: name for name, variants in fields.items() for variant in variants}
    found: dict[int, str] = {}
    for column, text in enumerate(texts):
        key = normalise(text)
        name = lookup.get(key) or _cut(key, lookup)
        if name is not None and name not in found.values():
            found[column] = name
    return found


def _cut(key: str, lookup: dict[str, str]) -> str | None:
    """A heading cut where a narrow cell wraps it onto a second line (年度指标 | 值, 实际完成 | 值):
    the field whose headings all that start with `key` name, when `key` has 4 characters or more."""
    if len(key) < 4:
        return None
    names = {name for variant, name in lookup.items() if variant.startswith(key)}
    return names.pop() if len(names) == 1 else None


def heading_rest(heading: list[str], texts: list[str]) -> bool:
    """`texts` is the second line of a heading wrapped in its cells (值, 值, 及改进措施): each
    non-blank text completes one of the `heading` texts to a heading of the 绩效指标 block."""
    variants = {v for vs in INDICATOR_FIELDS.values() for v in vs}
    heads = [normalise(h) for h in heading if h.strip()]
    rest = [normalise(t) for t in texts if t.strip()]
    return bool(rest) and all(any(h + t in variants for h in heads) for t in rest)


def indicator_columns(texts: list[str]) -> dict[int, str] | None:
    """column → field when `texts` is the heading row of the 绩效指标 block: a level heading and
    at least two of target, actual, rule, weight, score, or three of them without a level (the
    upper row of a two-row heading). None otherwise."""
    found = _columns(texts, INDICATOR_FIELDS)
    names = set(found.values())
    levels = names & {"level1", "level2", "level3"}
    values = names & {"target", "actual", "rule", "weight", "claimed_score"}
    return found if len(values) >= (2 if levels else 3) and {"target", "actual"} & values else None


def budget_columns(texts: list[str]) -> dict[int, str] | None:
    """column → field when `texts` is the heading row of the budget block (at least two of 年初预算数,
    全年预算数, 全年执行数, 执行率). None otherwise."""
    found = _columns(texts, BUDGET_FIELDS)
    amounts = set(found.values()) & {"initial", "full_year", "executed", "rate"}
    return found if len(amounts) >= 2 else None


def label_of(text: str) -> str | None:
    """What a printed label names (`LABELS` keys), or None when `text` is not a label."""
    key = normalise(text)
    for name, words in LABELS.items():
        if key in words:
            return name
    return None


# The national framework's level names as some forms print them, without 指标 (产出 | 数量).
SHORT_LEVEL1 = frozenset(word[:-2] for word in LEVEL1_WORDS)
_SHORT_LEVEL2 = frozenset(word[:-2] for word in _LEVEL2_PARENT)


def is_level_word(text: str) -> bool:
    """A 一级 / 二级指标 name as printed in a data row (数量指标, 经济效果指标, 满意度指标), or a
    framework name printed without 指标 (产出, 数量, 社会效益)."""
    key = normalise(text)
    if key in SHORT_LEVEL1 or key in _SHORT_LEVEL2:
        return True
    return key.endswith("指标") and 3 <= len(key) <= 12 and not re.search(r"[\d%≥≤><]", key)


def level_headings(texts: list[str]) -> dict[int, str] | None:
    """column → level field when `texts` prints only level headings (一级指标 | 二级指标 | 三级指标):
    the lower row of a heading whose upper row printed 绩效指标 over them. None otherwise."""
    found = {c: n for c, n in _columns(texts, INDICATOR_FIELDS).items() if n in ("level1", "level2", "level3")}
    printed = [t for t in texts if t.strip()]
    return found if found and len(found) == len(printed) else None


def level1_of(level2: str | None) -> str | None:
    """The 一级指标 of a usual 二级指标 in the national framework, or None."""
    return None if level2 is None else _LEVEL2_PARENT.get(normalise(level2))
