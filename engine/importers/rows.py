"""Reading one row of a block: an indicator row or a funding row, by column or by content.

A grid with a heading row (xlsx, csv, docx) is read by column: the heading says which column
holds which field. Extracted text (`Grid.loose`) has its cells shifted and merged, so its rows
are read by content: the level names (…指标) on the left, the 分值 and 得分 as the last two bare
numbers, the 评分标准 by its wording, and what is left in between as 三级指标, 年度指标值 and 实际完成值.
A funding row with more numbers than its columns has a cell extracted twice: of the readings
that drop a repeated cell, the one whose 全年执行数 / 全年预算数 is the printed 执行率 is taken (else
one that does not execute beyond the budget), and the row is listed with the other reading.
Every value comes back as a `Read` with its cell and how sure the reading is; nothing is
invented: a value that cannot be read is None with the reason. This module builds no report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from engine.importers.grid import Cell
from engine.importers.headers import BUDGET_FIELDS, SHORT_LEVEL1, is_level_word, label_of, normalise
from engine.report.cells import not_printed, percent_text
from engine.text.fold import fold

__all__ = ["Read", "funding_by_column", "funding_by_content", "indicator_by_column", "indicator_by_content",
           "read_number", "read_rate"]

NUMBER_FIELDS = frozenset({"weight", "claimed_score", "initial", "full_year", "executed"})
_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")
_RULE_WORDS = re.compile(r"(记|扣|计|得|给|赋)\s*[\d一二三四五六七八九十两半.]*\s*分|满分|不得分|扣完为止|酌情")
_TARGET_LIKE = re.compile(r"^(≥|≤|>|<|＞|＜|=|大于|小于|不低于|不少于|不高于|不超过|不大于|达到|低于|高于)|^\d")


@dataclass(frozen=True)
class Read:
    """One value read from `cell`: `value` (None when not read), how sure (1 certain), and why
    it is unsure or unread (None when sure)."""

    value: str | None
    cell: Cell | None
    confidence: float = 1.0
    reason: str | None = None


# Thousands grouped with commas as a budget prints them (2,400.00); fold makes a comma full-width.
_GROUPED = re.compile(r"-?[0-9]{1,3}(?:[,，][0-9]{3})+(?:\.[0-9]+)?")


def _bare_number(text: str) -> Decimal | None:
    """A number printed alone: 30, 92.15, or grouped by thousands (2,400.00; never 1,0)."""
    plain = fold(text).strip()
    if _GROUPED.fullmatch(plain):
        plain = re.sub("[,，]", "", plain)
    return Decimal(plain) if _NUMBER.match(plain) else None


_SPACED = re.compile(r"(-?[0-9]+)\s*\.\s*([0-9]+)\s*(?:分)?|(-?[0-9]+)\s*分")


def _spaced_number(text: str) -> Decimal | None:
    """A score as extraction splits it: "14. 5", "14 .5", "10 分" (spaces inside, or the 分 unit
    after a space); None for anything else."""
    match = _SPACED.fullmatch(fold(text).strip())
    if match is None:
        return None
    return Decimal(match.group(3) if match.group(3) else f"{match.group(1)}.{match.group(2)}")


def _slot(text: str) -> bool:
    """A 分值 / 得分 cell: a score, or a mark that prints none (—, /)."""
    return _score_like(text) or not_printed(text)


def _score_like(text: str) -> bool:
    """A cell that prints a 分值 or 得分: a bare number, or one written 9.5分 / 14. 5 / 10 分."""
    return _bare_number(text) is not None or _spaced_number(text) is not None


def read_number(cell: Cell) -> Read:
    """An amount, weight or score: the stored number, a printed one, or None with the reason
    (`/`, `—`, `无` and blank are not printed, never 0)."""
    if cell.number is not None:
        return Read(f"{cell.number:f}", cell)
    if not_printed(cell.text):
        return Read(None, cell)
    number = _bare_number(cell.text)
    if number is not None:
        return Read(f"{number:f}", cell)
    unit = re.fullmatch(r"\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(分|万元|元)\s*", fold(cell.text))
    if unit:
        return Read(unit.group(1), cell, 0.9, f"去掉单位「{unit.group(2)}」读作数字")
    spaced = _spaced_number(cell.text)
    if spaced is not None:
        return Read(f"{spaced:f}", cell, 0.9, f"「{cell.text.strip()}」去掉数字中的空格读作 {spaced:f}")
    try:
        Decimal(fold(cell.text).strip())
    except InvalidOperation:
        return Read(None, cell, 0.0, f"「{cell.text.strip()}」不是数字，留空")
    return Read(None, cell, 0.0, f"「{cell.text.strip()}」不是一个可读的数字，留空")


def read_rate(cell: Cell) -> Read:
    """A rate: printed text as it is; a stored number at most 2 is a fraction (0.9215 → 92.15%)."""
    if cell.number is not None and abs(cell.number) <= 2:
        return Read(percent_text(cell.number), cell, 0.9, f"数字 {cell.number:f} 按小数读作百分数")
    if cell.number is not None:
        return Read(f"{cell.number:f}", cell, 0.7, "执行率没有 % 号，照印")
    return Read(None if not_printed(cell.text) else cell.text.strip(), cell)


def _read(cell: Cell, name: str) -> Read:
    if name in NUMBER_FIELDS:
        return read_number(cell)
    if name == "rate":
        return read_rate(cell)
    if cell.number is not None:
        return Read(f"{cell.number:f}", cell)
    return Read(cell.text.strip() or None, cell)


def _by_column(cells: list[Cell], columns: dict[int, str]) -> dict[str, Read]:
    reads: dict[str, Read] = {}
    for column, name in columns.items():
        cell = cells[column] if column < len(cells) else None
        if cell is not None and cell.problem is not None:
            reads[name] = Read(None, cell, 0.0, cell.problem)
            continue
        if cell is None or cell.blank or cell.merged == "across":
            continue
        if cell.merged == "down" and name in NUMBER_FIELDS:
            reads[name] = Read(None, cell, 0.5, "合并单元格的下半部分：数值只记在第一行")
            continue
        reads[name] = _read(cell, name)
    return reads


def indicator_by_column(cells: list[Cell], columns: dict[int, str]) -> dict[str, Read]:
    """An indicator row of a grid, field by the heading of its column."""
    return _by_column(cells, columns)


def funding_by_column(cells: list[Cell], columns: dict[int, str]) -> dict[str, Read]:
    """A funding row of a grid: amounts by column; the 资金来源 from its column, else the first
    text cell that is not a merged block label (项目资金（万元）)."""
    reads = _by_column(cells, columns)
    if "source" not in reads:
        lead: Cell | None = None
        for cell in cells:
            if cell.blank or cell.merged or cell.number is not None or _bare_number(cell.text) is not None:
                continue
            if _lead(cell.text):
                lead = cell
            elif label_of(cell.text) is None:
                text = cell.text.strip() if lead is None else f"{lead.text.strip().rstrip(':：')}：{cell.text.strip()}"
                reads["source"] = Read(text, cell)
                break
    elif _lead(reads["source"].value or "") and reads["source"].cell in cells:
        source = reads["source"]
        start = cells.index(source.cell) + 1 if source.cell is not None else len(cells)
        after = next((c for c in cells[start:] if not c.blank and not c.merged and c.number is None
                      and _bare_number(c.text) is None), None)
        if after is not None:
            reads["source"] = Read(f"{(source.value or '').rstrip(':：')}：{after.text.strip()}", source.cell)
    return reads


def _lead(text: str) -> bool:
    """其中 printed in a cell of its own (often merged down over the rows it leads)."""
    return normalise(text) == "其中"


# --------------------------------------------------------------------------- by content (text)

def _tokens(cells: list[Cell]) -> list[tuple[int, Cell]]:
    return [(i, c) for i, c in enumerate(cells) if not c.blank]


def indicator_by_content(cells: list[Cell], has_rule: bool, has_note: bool = False,
                         weight_first: bool = False, has_seq: bool = False) -> dict[str, Read]:
    """An indicator row of extracted text, read by what its cells say (see the module doc).
    `has_note`: the heading prints a 偏差原因 column after the 得分, so a text cell after the last
    score is that note. `weight_first`: the heading prints 分值 before the 年度指标值, so the 分值 is
    the first number after the 三级指标 and only the 得分 is at the end. `has_seq`: the heading
    starts with a 序号 column, so a small integer leading the row is that number."""
    tokens = _tokens(cells)
    reads: dict[str, Read] = {}
    if has_seq and tokens and re.fullmatch(r"[0-9]{1,3}", fold(tokens[0][1].text).strip()):
        tokens.pop(0)  # the 序号 of the row
    while tokens and (is_level_word(tokens[0][1].text) or label_of(tokens[0][1].text) in ("block", "goals")):
        _, cell = tokens.pop(0)
        if label_of(cell.text) is None:
            level1 = normalise(cell.text) in _LEVEL1 or (normalise(cell.text) in SHORT_LEVEL1 and "level1" not in reads
                                                         and "level2" not in reads)
            reads["level1" if level1 else "level2"] = Read(cell.text.strip(), cell)
    if has_note and len(tokens) >= 2 and not _score_like(tokens[-1][1].text) and _slot(tokens[-2][1].text) \
            and (_score_like(tokens[-2][1].text) or not_printed(tokens[-1][1].text)):
        _, cell = tokens.pop()
        if not not_printed(cell.text):
            reads["deviation_note"] = Read(cell.text.strip(), cell)
    if weight_first:
        return _weight_first(cells, tokens, reads, has_rule)
    numbers: list[tuple[int, Cell]] = []
    while tokens and len(numbers) < 2 and (_score_like(tokens[-1][1].text)
                                           or (not_printed(tokens[-1][1].text) and len(tokens) > 3)):
        numbers.insert(0, tokens.pop())  # a — or / in the 分值 / 得分 cell of a row that scores nothing
    if len(numbers) == 2:
        reads["weight"], reads["claimed_score"] = read_number(numbers[0][1]), read_number(numbers[1][1])
    elif numbers:
        read = read_number(numbers[0][1])
        reads["claimed_score"] = Read(read.value, numbers[0][1], 0.5, "只有一个数字：读作得分，分值未印")
    end = numbers[0][0] if numbers else len(cells)
    if has_rule and tokens and _RULE_WORDS.search(tokens[-1][1].text):
        end, cell = tokens.pop()
        reads["rule"] = Read(cell.text.strip(), cell)
    reads.update(_middle(cells, tokens, end))
    return reads


_LEVEL1 = {"产出指标", "效益指标", "满意度指标", "成本指标"}


def _weight_first(cells: list[Cell], tokens: list[tuple[int, Cell]], reads: dict[str, Read],
                  has_rule: bool) -> dict[str, Read]:
    """三级指标 | 分值 | 年度指标值 | 实际完成值 | (评分标准) | 得分: the 得分 is the last number, the 分值
    the first number among the first two cells left (the 三级指标 may be the one missing)."""
    end = len(cells)
    if tokens and _score_like(tokens[-1][1].text):
        end, cell = tokens.pop()
        reads["claimed_score"] = read_number(cell)
    if has_rule and tokens and _RULE_WORDS.search(tokens[-1][1].text):
        end, cell = tokens.pop()
        reads["rule"] = Read(cell.text.strip(), cell)
    at = next((k for k, (_, cell) in enumerate(tokens[:2]) if _score_like(cell.text)), None)
    if at is not None:
        _, cell = tokens.pop(at)
        reads["weight"] = read_number(cell)
    if "weight" not in reads or "claimed_score" not in reads:
        for name in ("weight", "claimed_score"):
            if name in reads:
                read = reads[name]
                reads[name] = Read(read.value, read.cell, 0.5, read.reason or "分值与得分只读到一个，请核对")
    reads.update(_middle(cells, tokens, end))
    return reads


def _middle(cells: list[Cell], tokens: list[tuple[int, Cell]], end: int) -> dict[str, Read]:
    """三级指标, 年度指标值, 实际完成值 from the cells between the level names and the rule/numbers."""
    names = ("level3", "target", "actual")
    if len(tokens) >= 3:
        reads = {name: Read(cell.text.strip(), cell) for name, (_, cell) in zip(names, tokens)}
        for _, cell in tokens[3:]:
            reads["actual"] = Read(f"{reads['actual'].value} {cell.text.strip()}", reads["actual"].cell, 0.5,
                                   "多出的文字格并入实际完成值")
        return reads
    if len(tokens) == 1:
        _, cell = tokens[0]
        return {"level3": Read(cell.text.strip(), cell, 0.5, "只有一个文字格：读作三级指标，年度指标值与实际完成值未印")}
    if not tokens:
        return {}
    (ca, a), (cb, b) = tokens
    return _two(a, b, gap_between=cb - ca > 1, gap_after=end - cb > 1)


def _two(a: Cell, b: Cell, *, gap_between: bool, gap_after: bool) -> dict[str, Read]:
    """Two text cells for three fields: which one is missing, by the blanks around them and by
    what they say; always unsure."""
    ta, tb = a.text.strip(), b.text.strip()
    if gap_between:
        why = "两格之间有空格：读作三级指标和实际完成值，年度指标值未印"
        return {"level3": Read(ta, a, 0.7, why), "actual": Read(tb, b, 0.7, why)}
    if gap_after:
        why = "其后有空格：读作三级指标和年度指标值，实际完成值未印"
        return {"level3": Read(ta, a, 0.7, why), "target": Read(tb, b, 0.7, why)}
    if _TARGET_LIKE.search(fold(ta)) or len(ta) > 40 or ta == tb:
        why = "第一格像指标值：读作年度指标值和实际完成值，三级指标未印（另一读法：三级指标和年度指标值）"
        return {"target": Read(ta, a, 0.6, why), "actual": Read(tb, b, 0.6, why)}
    why = "读作三级指标和年度指标值，实际完成值未印（另一读法：年度指标值和实际完成值）"
    return {"level3": Read(ta, a, 0.6, why), "target": Read(tb, b, 0.6, why)}


def _embedded_number(text: str) -> Decimal | None:
    """"全年执行数 218.05": a heading printed in the same cell as its value."""
    match = re.fullmatch(r"\s*([^0-9\s]+)\s+(-?[0-9]+(?:\.[0-9]+)?)\s*", fold(text))
    if match and _heading(match.group(1)):
        return Decimal(match.group(2))
    return None


def _heading(text: str) -> bool:
    return normalise(text) in {v for vs in BUDGET_FIELDS.values() for v in vs}


def starts_segment(cell: Cell) -> bool:
    """In extracted text, a funding row may hold two (一般公共预算: 4643.58 | 其中:基本支出: 2642.66):
    a text cell that is no number, rate or heading starts the next one."""
    text = cell.text
    return (_bare_number(text) is None and _embedded_number(text) is None and "%" not in fold(text)
            and not _heading(text) and not not_printed(text))


def funding_by_content(tokens: list[Cell]) -> dict[str, Read]:
    """One funding segment of extracted text: the 资金来源 then its numbers — three amounts, then
    分值, 执行率 (the cell with %) and 得分 on the row that carries them."""
    label: Cell | None = None
    numbers: list[Cell] = []
    rate: tuple[int, Cell] | None = None
    for cell in tokens:
        embedded = _embedded_number(cell.text)
        if not_printed(cell.text):  # / or — in an amount (or 分值 / 得分) cell: printed as none
            numbers.append(cell)
        elif _bare_number(cell.text) is not None or embedded is not None:
            numbers.append(cell if embedded is None else Cell(f"{embedded:f}", cell.place))
        elif "%" in fold(cell.text) and rate is None:
            rate = (len(numbers), cell)
        elif _heading(cell.text):
            continue  # a heading printed again at the end of the row
        else:
            label = cell
    reads: dict[str, Read] = {}
    if label is not None:
        reads["source"] = Read(label.text.strip(), label)
    while len(numbers) > 3 and not_printed(numbers[-1].text) and (rate is None or rate[0] < len(numbers)):
        numbers.pop()  # 分值, 执行率, 得分 printed — on a row that has none
    if rate is None:
        reads.update(_amounts(numbers))
        return reads
    at, cell = rate
    reads["rate"] = Read(cell.text.strip(), cell)
    if at < len(numbers):
        reads["claimed_score"] = read_number(numbers[at])
    reads.update(_before_rate(numbers[:at], cell.text))
    return reads


_AMOUNT_NAMES = ("initial", "full_year", "executed")


def _before_rate(cells: list[Cell], rate: str) -> dict[str, Read]:
    """The amounts and the 分值 printed before the 执行率: the last number is the 分值; more numbers
    than the four columns are a cell extracted twice, and the reading that agrees with the
    printed rate is taken (`_fit`)."""
    if not cells:
        return {}
    if len(cells) <= 4:
        reads = _amounts(cells[:-1])
        reads["weight"] = read_number(cells[-1])
        return reads
    kept, why, confidence = _fit(cells, 4, rate)
    names = _AMOUNT_NAMES + ("weight",)
    return {name: Read(read_number(cell).value, cell, confidence, why) for name, cell in zip(names, kept)}


def _same(a: Cell, b: Cell) -> bool:
    return a.text.strip() == b.text.strip()


def _reductions(cells: list[Cell], count: int) -> list[list[Cell]]:
    """Every way to bring `cells` down to `count` by dropping a cell equal to its right neighbour
    (one cell extracted twice), each once, in the order of the first pair dropped ("0 0 30 30" →
    0 30 30, then 0 0 30). Empty when there are not enough repeats."""
    if len(cells) == count:
        return [cells]
    if len(cells) - count > 3:  # more than three cells extracted twice: no reading is likely
        return []
    found: list[list[Cell]] = []
    seen: set[tuple[str, ...]] = set()
    for i in range(len(cells) - 1):
        if not _same(cells[i], cells[i + 1]):
            continue
        for reduced in _reductions(cells[:i] + cells[i + 1:], count):
            key = tuple(c.text.strip() for c in reduced)
            if key not in seen:
                seen.add(key)
                found.append(reduced)
    return found


def _agrees(amounts: list[Cell], rate: str | None) -> bool:
    """全年执行数 / 全年预算数 is the printed 执行率, to the rate's printed decimals."""
    printed = re.search(r"(-?[0-9]+(?:\.([0-9]+))?)\s*%", fold(rate or ""))
    full, executed = (_bare_number(c.text) for c in amounts[1:3])
    if printed is None or full is None or executed is None or full == 0:
        return False
    places = len(printed.group(2) or "")
    shown = (executed / full * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return shown == Decimal(printed.group(1))


def _plausible(amounts: list[Cell]) -> bool:
    """A budget is not executed beyond its 全年预算数."""
    full, executed = (_bare_number(c.text) for c in amounts[1:3])
    return full is not None and executed is not None and executed <= full


def _fit(cells: list[Cell], count: int, rate: str | None) -> tuple[list[Cell], str, float]:
    """`count` of the `cells` (amounts, then the 分值 when `count` is 4) when more were printed, the
    reason and how sure: of the readings `_reductions` gives, the first that agrees with the
    printed 执行率, else the first plausible one, else the first; without any repeat, the first
    amounts (and the last number as the 分值)."""
    printed = " ".join(c.text.strip() for c in cells)
    columns = "年初、全年、执行、分值四列" if count == 4 else "年初、全年、执行三列"
    why = f"印了 {len(cells)} 个数「{printed}」，多于{columns}"
    readings = _reductions(cells, count)
    if not readings:
        kept = cells[: count - 1] + cells[-1:] if count == 4 else cells[:count]
        return kept, why + "，且没有重复提取的格：取前几个，请核对", 0.3
    chosen, said, confidence = _choose(readings, rate)
    return chosen, f"{why}：去掉重复提取的一格，读作 {_three(chosen)}{said}", confidence


def _choose(readings: list[list[Cell]], rate: str | None) -> tuple[list[Cell], str, float]:
    """The reading taken, what decided it (to append to the reason) and how sure."""
    agreeing = [r for r in readings if _agrees(r, rate)]
    plausible = [r for r in readings if _plausible(r)]
    chosen = (agreeing or plausible or readings)[0]
    others = "；".join(_three(r) for r in readings if r is not chosen)
    if len(agreeing) == 1:
        return chosen, f"（与执行率 {(rate or '').strip()} 相符）", 0.6
    if len(plausible) == 1 and others:
        return chosen, f"（另一读法 {others} 的执行数大于全年预算数，不取）", 0.5
    if others:
        return chosen, f"（另一读法：{others}）", 0.4
    return chosen, "", 0.5


def _three(cells: list[Cell]) -> str:
    """The 年初、全年、执行 of a reading, as printed."""
    return "、".join(c.text.strip() for c in cells[:3])


def _amounts(cells: list[Cell]) -> dict[str, Read]:
    names = _AMOUNT_NAMES
    if len(cells) == 3:
        return {name: read_number(cell) for name, cell in zip(names, cells)}
    if len(cells) == 1:
        read = read_number(cells[0])
        return {"executed": Read(read.value, cells[0], 0.5, "只有一个金额：读作全年执行数")}
    if len(cells) > 3:
        kept, why, confidence = _fit(cells, 3, None)
        return {name: Read(read_number(cell).value, cell, confidence, why) for name, cell in zip(names, kept)}
    if len(cells) == 2:
        why = "只有两个金额：读作全年预算数和全年执行数"
        return {name: Read(read_number(cell).value, cell, 0.5, why) for name, cell in zip(names[1:], cells)}
    return {}
