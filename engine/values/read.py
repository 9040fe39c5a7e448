"""Read a printed 年度指标值 (target) or 实际完成值 (actual) cell into a typed value.

`parse_value("90%以上")` gives `Quantity(90, "%", ">=")`; "1-2个" a `Range`; "Ⅲ类及以上" an
`OrdinalClass`; "基本完成" a `Qualitative` in one of the national three tiers (达成 / 部分达成 /
未达成); "省定目标" an `Unquantified` with the reason the row cannot be verified. Blank cells and
"-" / "/" give None. The helpers `good_direction`, `as_number`, `same_unit` and `meets` answer
the questions the evaluator asks of a target and an actual.

What it does not do: score anything, know which column a cell came from (a target and an actual
are read alike), convert units (万元 is not 10 000 元 here: `same_unit` says they differ and the
caller decides), or guess a number a cell only refers to ("省定目标"). Arithmetic is exact
(`Decimal`), nothing is evaluated, every regex is linear-time, and no input string raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from typing import Literal, NamedTuple

from engine.text.fold import chinese_number, fold

__all__ = [
    "Comparator",
    "OrdinalClass",
    "Qualitative",
    "Quantity",
    "Range",
    "Tier",
    "Unquantified",
    "Value",
    "as_number",
    "good_direction",
    "meets",
    "parse_value",
    "same_unit",
]

Comparator = Literal["=", ">=", ">", "<=", "<"]
Tier = Literal["achieved", "partial", "not_achieved"]

_SYMBOL = {"=": "", ">=": "≥ ", ">": "> ", "<=": "≤ ", "<": "< "}
_TIER_ZH = {"achieved": "达成", "partial": "部分达成", "not_achieved": "未达成"}
_SHORT = 12  # a cell longer than this (in characters) is a sentence, not a phrase


def _num(value: Decimal) -> str:
    return format(value, "f")


def _with_unit(number: str, unit: str | None) -> str:
    if unit is None:
        return number
    if unit in ("%", "‰"):
        return number + unit
    return f"{number} {unit}"


def _shown(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHORT else flat[:_SHORT] + "…"


# --------------------------------------------------------------------------- value types


@dataclass(frozen=True)
class Quantity:
    """A number with an optional unit and the comparator the cell wrote ("90%以上" → ≥ 90%)."""

    number: Decimal
    unit: str | None
    comparator: Comparator
    text: str
    note: str = ""  # what the reading left out or assumed, in Chinese ("忽略文字「完成」")

    def describe(self) -> str:
        core = _SYMBOL[self.comparator] + _with_unit(_num(self.number), self.unit)
        return f"{core}（{self.note}）" if self.note else core


@dataclass(frozen=True)
class Range:
    """A closed interval, both ends included ("1-2个", "80%-90%")."""

    low: Decimal
    high: Decimal
    unit: str | None
    text: str
    note: str = ""

    def describe(self) -> str:
        core = _with_unit(f"{_num(self.low)}–{_num(self.high)}", self.unit)
        return f"{core}（{self.note}）" if self.note else core


_ROMAN = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ", 5: "Ⅴ", 6: "劣Ⅴ"}


@dataclass(frozen=True)
class OrdinalClass:
    """A water-quality class (GB 3838: Ⅰ…Ⅴ, then 劣Ⅴ as rank 6). A lower rank is better, so
    "Ⅲ类及以上" (Ⅰ, Ⅱ or Ⅲ) is comparator "<=" on the rank."""

    rank: int
    label: str
    comparator: Comparator
    text: str
    note: str = ""

    def describe(self) -> str:
        label = self.label
        core = {
            "=": label,
            "<=": f"{label}或更好（≤ {label}：类别越小水质越好）",
            "<": f"优于{label}（< {label}：类别越小水质越好）",
            ">=": f"{label}或更差（≥ {label}：类别越大水质越差）",
            ">": f"劣于{label}（> {label}：类别越大水质越差）",
        }[self.comparator]
        return f"{core}（{self.note}）" if self.note else core


@dataclass(frozen=True)
class Qualitative:
    """A worded target or actual, placed in a national tier when the wording allows it.

    `word` is the phrase that decided the tier ("基本完成", "无偏差"), or the whole cell when
    nothing did (tier None)."""

    word: str
    tier: Tier | None
    text: str

    def describe(self) -> str:
        flat = " ".join(self.text.split())
        if self.tier is None:
            if fold(flat) == "无":
                return "定性：无（含义不明：可能是“没有”，也可能是“不适用”）"
            return f"定性：{_shown(flat)}（未能归入达成/部分达成/未达成）"
        shown = flat if len(flat) <= _SHORT else f"…{self.word}…"
        return f"定性：{shown}（{_TIER_ZH[self.tier]}）"


@dataclass(frozen=True)
class Unquantified:
    """A cell that names a target without giving a number to compare ("省定目标")."""

    text: str
    reason: str

    def describe(self) -> str:
        head, sep, rest = self.reason.partition("：")
        short = rest.split("，")[0] if sep else self.reason
        return f"未量化：{_shown(self.text)}（{short}）"


Value = Quantity | Range | OrdinalClass | Qualitative | Unquantified


# --------------------------------------------------------------------------- units

# Every unit the cells print, as folded text. Longest alternatives are tried first, so
# "分钟" wins over "分" and "个月" over "个". The value is the canonical spelling.
_UNITS: dict[str, str] = {
    "%": "%", "‰": "‰", "个百分点": "百分点", "百分点": "百分点",
    "微克/立方米": "微克/立方米", "μg/m³": "微克/立方米", "μg/m3": "微克/立方米",
    "ug/m3": "微克/立方米", "ug/m³": "微克/立方米", "毫克/升": "毫克/升", "mg/L": "毫克/升",
    "mg/l": "毫克/升", "毫克/立方米": "毫克/立方米", "mg/m3": "毫克/立方米", "mg/m³": "毫克/立方米",
    "平方公里": "平方公里", "平方千米": "平方公里", "km²": "平方公里", "平方米": "平方米",
    "m²": "m²", "㎡": "m²", "m2": "m²", "立方米": "立方米", "m³": "立方米", "公顷": "公顷",
    "公里": "公里", "千米": "公里", "km": "公里", "米": "米",
    "个工作日": "工作日", "工作日": "工作日", "个小时": "小时", "小时": "小时", "分钟": "分钟",
    "个季度": "季度", "季度": "季度", "个月": "个月", "月": "月", "年度": "年", "年": "年",
    "周": "周", "天": "天", "日": "日", "秒": "秒",
    "人次": "人次", "户次": "户次", "家次": "家次", "车次": "车次", "批次": "批次", "人": "人",
    "户": "户", "家": "家", "次": "次", "处": "处", "例": "例", "公斤": "公斤", "千克": "公斤",
    "kg": "公斤", "克": "克", "吨": "吨", "件": "件", "篇": "篇", "期": "期", "套": "套",
    "台": "台", "辆": "辆", "张": "张", "份": "份", "所": "所", "条": "条", "座": "座", "亩": "亩",
    "分": "分", "元": "元", "个": "个", "项": "项", "类": "类", "场": "场", "批": "批", "栋": "栋",
    "间": "间", "名": "名", "位": "位", "册": "册", "本": "本", "部": "部", "株": "株", "棵": "棵",
    "头": "头", "只": "只", "轮": "轮", "门": "门", "宗": "宗", "笔": "笔", "块": "块", "段": "段",
    "村": "村", "班": "班", "课时": "课时", "学时": "学时", "床": "床", "枚": "枚", "组": "组",
    "支": "支", "队": "队", "架": "架", "盏": "盏", "根": "根", "眼": "眼", "口": "口", "片": "片",
    "层": "层", "幅": "幅", "集": "集", "页": "页", "届": "届", "节": "节", "岗": "岗", "趟": "趟",
    "千瓦": "千瓦", "度": "度",
}


def _alternation(words: object) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[arg-type]


# A magnitude (万元, 亿元, 万人次) stays part of the unit text: nothing is rescaled here.
_UNIT_RE = re.compile(
    rf"(?P<mag>百万|千万|万|亿|千)?(?P<base>{_alternation(_UNITS)})"
    rf"(?:/(?P<per>{_alternation(_UNITS)}|[\u4e00-\u9fff]))?"
    r"|(?P<bare>万|亿)"
)

# Units that mean the same quantity for comparison (the brief counts 百分点 as %).
_UNIT_ALIASES = [
    {"%", "百分点"}, {"天", "日"}, {"平方米", "m²"},
]


def _canonical_unit(match: re.Match[str]) -> str:
    if match.group("bare"):
        return match.group("bare")
    unit = (match.group("mag") or "") + _UNITS[match.group("base")]
    per = match.group("per")
    if per:
        unit += "/" + _UNITS.get(per, per)
    return unit


# --------------------------------------------------------------------------- numbers

_CN = "零一二两三四五六七八九十百千"
_ARABIC = r"(?:[0-9]{1,3}(?:，[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
# 百分之九十, 百分之90.5 ; 九成 (not 一成不变, 八成新) ; 97.7, 1，200
_TOKEN_RE = re.compile(
    rf"百分之(?P<pct>[0-9]+(?:\.[0-9]+)?|[{_CN}]+(?:点[零一二三四五六七八九]+)?)"
    rf"|(?<![{_CN}])(?P<cheng>[一二三四五六七八九十]+)成(?![为果效本绩员功立熟长不新])"
    rf"|(?<![0-9.])(?P<ar>{_ARABIC})"
)
# A whole cell written in Chinese numerals with a unit: "三个", "不少于两次", "完成十二项".
_CN_CELL_RE = re.compile(
    rf"(?P<pre>[^0-9{_CN}]{{0,6}}?)(?P<cn>[{_CN}]+(?:点[零一二三四五六七八九]+)?)"
    rf"(?P<rest>(?:{_alternation(_UNITS)}).{{0,6}})"
)
_RANGE_SEPARATORS = {"-", "至", "到", "--"}
_SIGN_CONTEXT = set("≥≤<>=:(为约")


class _Token(NamedTuple):
    start: int
    end: int  # end of the number (and of its unit)
    value: Decimal
    unit: str | None


def _tokens(s: str) -> list[_Token]:
    found: list[_Token] = []
    for m in _TOKEN_RE.finditer(s):
        start, end = m.start(), m.end()
        try:
            if m.group("pct") is not None:
                raw = m.group("pct")
                value = Decimal(raw) if raw[0].isascii() else chinese_number(raw)
                found.append(_Token(start, end, value, "%"))
                continue
            if m.group("cheng") is not None:
                tenths = chinese_number(m.group("cheng"))  # an integer: the pattern has no 点
                found.append(_Token(start, end, Decimal(int(tenths) * 10), "%"))
                continue
        except ValueError:  # 一二成 and the like are not numerals
            continue
        value = Decimal(m.group("ar").replace("，", ""))
        if start >= 1 and s[start - 1] in "-+" and (start == 1 or s[start - 2] in _SIGN_CONTEXT):
            start -= 1
            if s[start] == "-":
                value = -value
        unit = None
        u = _UNIT_RE.match(s, end)
        if u:
            unit, end = _canonical_unit(u), u.end()
        found.append(_Token(start, end, value, unit))
    return found


# --------------------------------------------------------------------------- comparators

# (word, comparator, kind): kind "" plain, "approx" 约数, "change" a change rather than a level.
_PREFIX_WORDS: list[tuple[str, Comparator, str]] = [
    ("≥", ">=", ""), (">=", ">=", ""), ("=>", ">=", ""), ("≮", ">=", ""),
    ("大于等于", ">=", ""), ("大于或等于", ">=", ""), ("高于或等于", ">=", ""),
    ("不低于", ">=", ""), ("不少于", ">=", ""), ("不小于", ">=", ""), ("不下于", ">=", ""),
    ("至少", ">=", ""), ("最少", ">=", ""), ("最低", ">=", ""), ("达到", ">=", ""), ("达", ">=", ""),
    ("提高到", ">=", ""), ("提高至", ">=", ""), ("提升到", ">=", ""), ("提升至", ">=", ""),
    ("增至", ">=", ""), ("增长到", ">=", ""), ("增长至", ">=", ""), ("增加到", ">=", ""),
    ("增加至", ">=", ""), ("上升到", ">=", ""), ("上升至", ">=", ""),
    (">", ">", ""), ("大于", ">", ""), ("高于", ">", ""), ("多于", ">", ""), ("超过", ">", ""),
    ("超出", ">", ""), ("超", ">", ""), ("逾", ">", ""),
    ("≤", "<=", ""), ("<=", "<=", ""), ("=<", "<=", ""), ("≯", "<=", ""),
    ("小于等于", "<=", ""), ("小于或等于", "<=", ""), ("低于或等于", "<=", ""),
    ("不高于", "<=", ""), ("不多于", "<=", ""), ("不大于", "<=", ""), ("不超过", "<=", ""),
    ("不超出", "<=", ""), ("最多", "<=", ""), ("至多", "<=", ""), ("最高", "<=", ""),
    ("控制在", "<=", ""), ("控制到", "<=", ""), ("控制于", "<=", ""), ("降至", "<=", ""),
    ("降到", "<=", ""), ("降低到", "<=", ""), ("降低至", "<=", ""), ("下降到", "<=", ""),
    ("下降至", "<=", ""), ("减少到", "<=", ""), ("减少至", "<=", ""), ("压减至", "<=", ""),
    ("压减到", "<=", ""), ("压缩至", "<=", ""), ("压缩到", "<=", ""), ("限于", "<=", ""),
    ("<", "<", ""), ("小于", "<", ""), ("低于", "<", ""), ("少于", "<", ""), ("不足", "<", ""),
    ("不到", "<", ""), ("未达到", "<", ""), ("未达", "<", ""), ("没有达到", "<", ""),
    ("=", "=", ""), ("为", "=", ""), ("是", "=", ""), ("等于", "=", ""),
    ("约", "=", "approx"), ("大约", "=", "approx"), ("近", "=", "approx"), ("接近", "=", "approx"),
    ("将近", "=", "approx"),
    # "下降5%" as a target: a fall of at least 5 points/percent, larger is better.
    ("增长", ">=", "change"), ("提高", ">=", "change"), ("提升", ">=", "change"),
    ("增加", ">=", "change"), ("上升", ">=", "change"), ("下降", ">=", "change"),
    ("降低", ">=", "change"), ("减少", ">=", "change"), ("压减", ">=", "change"),
    ("压缩", ">=", "change"), ("节约", ">=", "change"), ("节省", ">=", "change"),
    ("缩短", ">=", "change"),
]
_PREFIX_WORDS.sort(key=lambda w: len(w[0]), reverse=True)

_SUFFIX_WORDS: list[tuple[str, Comparator, str]] = [
    ("以上(不含)", ">", ""), ("(不含)以上", ">", ""), ("以下(不含)", "<", ""),
    ("(不含)以下", "<", ""),
    ("及以上", ">=", ""), ("或以上", ">=", ""), ("以上(含)", ">=", ""), ("(含)以上", ">=", ""),
    ("以上", ">=", ""), ("及更高", ">=", ""), ("或更高", ">=", ""), ("及更多", ">=", ""),
    ("或更多", ">=", ""),
    ("及以下", "<=", ""), ("或以下", "<=", ""), ("以下(含)", "<=", ""), ("(含)以下", "<=", ""),
    ("以下", "<=", ""), ("以内", "<=", ""), ("之内", "<=", ""), ("内", "<=", ""),
    ("以前", "<=", ""), ("之前", "<=", ""), ("底前", "<=", ""), ("底以前", "<=", ""),
    ("前", "<=", ""), ("为限", "<=", ""),
    ("左右", "=", "approx"), ("上下", "=", "approx"),
]
_SUFFIX_WORDS.sort(key=lambda w: len(w[0]), reverse=True)

_PUNCT = " ，,。.;:()\"'、!?*"
_SILENT = ("之间", "(含)", "共计", "共", "累计", "合计")
_NEGATORS = ("未", "没", "不", "无", "非")


class _Side(NamedTuple):
    comparator: Comparator | None
    kind: str
    word: str
    rest: str  # what is left of the side text once the comparator word is taken off


def _prefix_side(text: str) -> _Side:
    stripped = text.rstrip(_PUNCT)
    for word, comparator, kind in _PREFIX_WORDS:
        if stripped.endswith(word):
            return _Side(comparator, kind, word, stripped[: -len(word)])
    return _Side(None, "", "", text)


def _suffix_side(text: str) -> _Side:
    stripped = text.lstrip(_PUNCT)
    for word, comparator, kind in _SUFFIX_WORDS:
        if stripped.startswith(word):
            return _Side(comparator, kind, word, stripped[len(word):])
    return _Side(None, "", "", text)


def _leftover(*pieces: str) -> list[str]:
    out = []
    for piece in pieces:
        for silent in _SILENT:
            piece = piece.replace(silent, " ")
        for part in re.split(r"[ ，,。.;:()\"'、!?*]+", piece):
            if part:
                out.append(part)
    return out


def _combine(pre: _Side, post: _Side) -> Comparator | None | Literal["conflict"]:
    """One comparator from the words before and after the number; "=" (为, 约) is neutral and a
    change word ("下降") yields to an explicit bound after the number ("下降5%以内")."""
    if pre.comparator in (None, "=") or (pre.kind == "change" and post.comparator not in (None, "=")):
        if post.comparator not in (None, "="):
            return post.comparator
        return pre.comparator or post.comparator
    if post.comparator in (None, "=") or post.comparator == pre.comparator:
        return pre.comparator
    assert pre.comparator is not None and post.comparator is not None
    if pre.comparator[0] == post.comparator[0]:  # "大于90%以上": the strict word wins
        return pre.comparator if len(pre.comparator) == 1 else post.comparator
    return "conflict"


def _note(pre: _Side, post: _Side, ignored: list[str], comparator: Comparator) -> str:
    notes = []
    for side in (pre, post):
        if side.kind == "approx" and comparator == "=":
            notes.append(f"「{side.word}」为约数，按等于处理")
        elif side.kind == "change" and side.comparator == comparator:
            notes.append(f"「{side.word}」是变化幅度，按幅度不低于该数比较")
    if ignored:
        notes.append("忽略文字" + "".join(f"「{w}」" for w in ignored))
    return "；".join(notes)


# --------------------------------------------------------------------------- classes

_CLASS_RE = re.compile(
    rf"(?<![0-9A-Za-z.{_CN}ⅠⅡⅢⅣⅤ第])(?P<bad>劣)?"
    r"(?P<n>Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|IV|V|III|II|I|[1-5]|[一二三四五])类"
)
_CLASS_RANK = {
    "Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5,
    "1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
}
_CLASS_PREFIX: list[tuple[str, Comparator]] = [
    ("优于或达到", "<="), ("达到或优于", "<="), ("不低于", "<="), ("不劣于", "<="),
    ("不差于", "<="), ("达到", "<="), ("达", "<="), ("优于", "<"), ("好于", "<"),
    ("劣于", ">"), ("差于", ">"), ("为", "="), ("保持", "="), ("稳定在", "=")
]
_CLASS_SUFFIX: list[tuple[str, Comparator]] = [
    ("及以上", "<="), ("或以上", "<="), ("以上", "<="), ("及更好", "<="), ("或更好", "<="),
    ("及以下", ">="), ("或以下", ">="), ("以下", ">="),
]
_CLASS_FILLER = ("水质", "标准", "地表水", "水体", "断面", "水", "保持", "稳定")


def _ordinal_class(s: str, text: str, match: re.Match[str]) -> OrdinalClass | None:
    n = match.group("n")
    rank = _CLASS_RANK[n]
    if match.group("bad"):
        if rank != 5:
            return None
        rank = 6
    before, after = s[: match.start()], s[match.end():]
    comparator: Comparator = "="
    for word, cmp in _CLASS_PREFIX:
        if before.endswith(word):
            comparator, before = cmp, before[: -len(word)]
            break
    for word, cmp in _CLASS_SUFFIX:
        if after.startswith(word):
            if comparator == "=":
                comparator = cmp
            after = after[len(word):]
            break
    ignored = _leftover(before, after)
    if n in "12345一二三四五":
        # Arabic and Chinese digits name a class only in a water-quality context: "完成2类培训"
        # is two kinds of training.
        context = "".join(ignored)
        for filler in _CLASS_FILLER:
            context = context.replace(filler, "")
        if context and "水" not in s:
            return None
    label = _ROMAN[rank] + "类"
    note = "忽略文字" + "".join(f"「{w}」" for w in ignored) if ignored else ""
    return OrdinalClass(rank, label, comparator, text, note)


# --------------------------------------------------------------------------- words

# Positive stems: a thing done or a state reached.
_POSITIVE = (
    "完成", "达成", "达到", "达标", "合格", "及时", "满意", "提升", "提高", "改善", "有效", "良好",
    "到位", "控制内", "预算内", "控制范围内", "可控", "保障", "节约", "节省", "增长", "增加",
    "增收", "落实", "实现", "符合", "满足", "明确", "规范", "健全", "完善", "稳定", "正常", "顺利",
    "通过", "齐全", "准确", "完好", "安全", "优良", "优秀", "优", "好", "显著", "明显", "全覆盖",
    "畅通", "见效", "达效", "长期", "长效", "持续", "可持续", "按时", "按期", "如期", "无误",
    "认可", "好评", "受益", "改进", "增强", "加强", "巩固", "验收",
)
# Bad things that make a cell 未达成 when stated ("滞后", "超支") and 达成 when denied ("无超支").
_BAD_STRONG = (
    "超支", "超预算", "超出预算", "滞后", "延误", "延期", "拖延", "逾期", "浪费", "较差", "差",
    "无效", "不足", "不力", "不佳", "低效", "闲置", "负增长", "欠缺", "缺失",
)
# Bad things that only count when negated ("无投诉") or said to exist ("存在问题"): on their own
# they are usually the subject of the sentence ("投诉处理及时").
_BAD_WEAK = (
    "偏差", "事故", "安全事故", "质量事故", "投诉", "问题", "违规", "违纪", "违法", "隐患", "差错",
    "失误", "错误", "损失", "挪用", "截留", "返工", "纠纷", "上访",
)
_COMPLETION = ("完成", "达成", "达标", "合格", "实现", "验收")

_NEG, _ALL, _PART, _ACH, _EXIST, _FILL = "neg", "all", "part", "ach", "exist", "fill"
_MODIFIERS: list[tuple[str, str]] = sorted(
    [(w, _NEG) for w in ("未", "没有", "没", "不", "无", "尚未", "未能", "不能", "无法", "非", "零",
                         "杜绝", "避免", "未曾", "从未")]
    + [(w, _ALL) for w in ("全部", "全面", "完全", "全", "均", "都", "皆", "一律")]
    + [(w, _PART) for w in ("基本", "部分", "大部分", "大部", "大多", "多数", "初步", "不够", "不太",
                            "略有", "稍有", "有待", "尚待")]
    + [(w, _ACH) for w in ("已", "已经", "按时", "按期", "如期", "及时", "圆满", "顺利", "超额",
                           "有所", "明显", "显著", "进一步", "持续", "稳步", "大幅", "不断", "十分",
                           "非常", "很", "较", "比较", "较为", "更加", "更", "有力", "有效", "切实",
                           "全力", "确保", "保证", "得到", "得以", "获得", "逐步", "整体", "总体",
                           "高效", "按计划", "按要求", "按规定", "如数", "足额", "全额", "准时",
                           "达到", "实现")]
    + [(w, _EXIST) for w in ("有", "存在", "发生", "出现", "产生", "造成")]
    + [(w, _FILL) for w in ("重大", "较大", "一般", "任何", "一起", "一例", "质量", "责任", "的", "了",
                            "能", "能够", "不仅", "任务", "目标", "工作", "进度")],
    key=lambda item: len(item[0]),
    reverse=True,
)
_STEM_KIND = {w: "pos" for w in _POSITIVE}
_STEM_KIND.update({w: "weak" for w in _BAD_WEAK})
_STEM_KIND.update({w: "strong" for w in _BAD_STRONG})
_STEM_RE = re.compile(_alternation(_STEM_KIND))
_TIER_ORDER = {"not_achieved": 0, "partial": 1, "achieved": 2}


_CHAIN_WINDOW = 6 * max(len(w) for w, _ in _MODIFIERS)


class _Hit(NamedTuple):
    tier: Tier
    phrase: str
    stem: str


_CLAUSE_NEGATORS = ("未", "没有", "没", "不能", "无法", "尚未")
_CLAUSE_EXIST = ("发生", "出现", "存在", "造成", "导致")


def _hit(s: str, m: re.Match[str]) -> _Hit | None:
    stem, kind = m.group(0), _STEM_KIND[m.group(0)]
    window = max(0, m.start() - _CHAIN_WINDOW)  # a bounded look-back keeps long cells linear
    prefix = s[window: m.start()]
    negated = not_all = partial = exists = seen_all = False
    for _ in range(6):  # walk back over at most six modifiers: "未能按时全部完成"
        for word, category in _MODIFIERS:
            if prefix.endswith(word):
                break
        else:
            break
        prefix = prefix[: -len(word)]
        if category == _NEG:
            if seen_all and not negated:
                not_all = True  # 未全部完成: not all of it, so some of it
            else:
                negated = not negated
        elif category == _ALL:
            seen_all = True
        elif category == _PART:
            partial = True
        elif category == _EXIST:
            exists = True
    phrase = s[window + len(prefix): m.end()]
    # Beyond the known modifiers: a clause that opens with a negation negates its verb even when
    # other words stand between ("未按计划时间完成"), and a clause that says something happened
    # makes a bad word real ("发生环境事故").
    clause = re.split(r"[，,。;；:：、]", s[window: m.start()])[-1]
    if not negated and not not_all and clause.startswith(_CLAUSE_NEGATORS + ("无",)) \
            and not clause.startswith(("不断", "不仅")):
        negated = True
    if kind != "pos" and not negated and not exists and any(w in clause for w in _CLAUSE_EXIST):
        exists = True
    tier: Tier
    if kind == "pos":
        if negated:
            tier = "not_achieved"
        elif partial or not_all:
            tier = "partial"
        else:
            tier = "achieved"
    else:
        if negated:
            tier = "partial" if partial else "achieved"
        elif kind == "strong" or exists:
            tier = "partial" if partial else "not_achieved"
        else:
            return None
    return _Hit(tier, phrase, stem)


def _hits(s: str) -> list[_Hit]:
    return [h for m in _STEM_RE.finditer(s) if (h := _hit(s, m)) is not None]


# Cells that refer to a number set elsewhere. Strong references win over tier words:
# "达到国家标准" does not say which standard value was reached.
_STRONG_REFERENCES: list[tuple[tuple[str, ...], str]] = [
    (("省定",), "省定目标：未写明数值，须查省里下达的目标"),
    (("市定", "州定"), "市定目标：未写明数值，须查市里下达的目标"),
    (("县定", "区定"), "县定目标：未写明数值，须查县（区）里下达的目标"),
    (("国家标准", "国标", "国家规定"), "国家标准：未写明数值，须查所引国家标准的限值"),
    (("行业标准",), "行业标准：未写明数值，须查所引行业标准的限值"),
    (("地方标准", "省级标准", "省标准", "省标"), "地方标准：未写明数值，须查所引地方标准的限值"),
    (("上级下达", "上级要求", "上级规定", "下达任务", "下达目标", "下达计划", "任务数"),
     "上级下达：未写明数值，须查下达文件中的数值"),
]
_WEAK_REFERENCES: list[tuple[tuple[str, ...], str]] = [
    (("按计划", "计划数", "年度计划"), "按计划：未写明计划数值，须查项目计划"),
    (("按要求", "按规定", "相关规定", "规定要求"), "按要求：未写明数值，须查所引的要求或规定"),
    (("按合同", "合同约定"), "按合同：未写明数值，须查合同约定"),
    (("覆盖",), "覆盖范围：未给出覆盖率或数量，只写明了覆盖对象"),
]
_DESCRIPTION = "文字描述，未给出可比较的数值"


def _reference(s: str, table: list[tuple[tuple[str, ...], str]]) -> str | None:
    for words, reason in table:
        if any(w in s for w in words):
            return reason
    return None


def _worded(s: str, text: str) -> Value:
    strong = _reference(s, _STRONG_REFERENCES)
    if strong:
        return Unquantified(text, strong)
    hits = _hits(s)
    if len(s) > _SHORT and not any(h.stem in _COMPLETION for h in hits):
        # a sentence ("为社会发展保障了良好的生态环境") describes; only a completion claim counts
        return Unquantified(text, _DESCRIPTION)
    if hits:
        worst = min(hits, key=lambda h: _TIER_ORDER[h.tier])
        return Qualitative(worst.phrase, worst.tier, text)
    weak = _reference(s, _WEAK_REFERENCES)
    if weak:
        return Unquantified(text, weak)
    if len(s) <= 4:
        return Qualitative(s, None, text)
    return Unquantified(text, _DESCRIPTION)


# --------------------------------------------------------------------------- parse_value

_MISSING = {"", "n/a", "na", "null", "none"}


def _cell(text: str) -> str:
    s = "".join(fold(text).split())
    return s.strip("，,。;:.、")


def _quantity(s: str, text: str, tok: _Token, before: str, after: str) -> Value:
    pre, post = _prefix_side(before), _suffix_side(after)
    comparator = _combine(pre, post)
    if comparator == "conflict":
        return Unquantified(text, f"比较词互相矛盾（「{pre.word}」与「{post.word}」），无法确定方向")
    ignored = _leftover(pre.rest, post.rest)
    negations = [w for w in ignored if any(n in w for n in _NEGATORS)]
    if negations:
        return Unquantified(
            text, f"数值旁有否定词（「{'」「'.join(negations)}」），无法确定数值的含义"
        )
    final: Comparator = comparator or "="
    return Quantity(tok.value, tok.unit, final, text, _note(pre, post, ignored, final))


def _pair(s: str, text: str, a: _Token, b: _Token, before: str, gap: str, after: str) -> Value:
    unit = b.unit or a.unit
    if gap in _RANGE_SEPARATORS:  # "1-2个", "80%至90%"
        if not _units_match(a.unit, b.unit):
            return Unquantified(text, f"区间两端单位不同（{a.unit}、{b.unit}），无法比较")
        low, high = sorted((a.value, b.value))
        ignored = _leftover(before, after)
        note = "忽略文字" + "".join(f"「{w}」" for w in ignored) if ignored else ""
        return Range(low, high, unit, text, note)
    # "90%以上，100%以下" / "≥90%且≤100%": a lower and an upper bound
    pre_a, post_a = _prefix_side(before), _suffix_side(gap)
    pre_b, post_b = _prefix_side(post_a.rest), _suffix_side(after)
    first, second = _combine(pre_a, post_a), _combine(pre_b, post_b)
    bounds: tuple[_Token, _Token] | None = None
    if first in (">=", ">") and second in ("<=", "<"):
        bounds = (a, b)
    elif first in ("<=", "<") and second in (">=", ">"):
        bounds = (b, a)
    if bounds and _units_match(a.unit, b.unit) and bounds[0].value <= bounds[1].value:
        ignored = [w for w in _leftover(pre_a.rest, pre_b.rest, post_b.rest) if w not in _AND]
        notes = ["端点按包含处理"] if ">" in (first, second) or "<" in (first, second) else []
        if ignored:
            notes.append("忽略文字" + "".join(f"「{w}」" for w in ignored))
        return Range(bounds[0].value, bounds[1].value, unit, text, "；".join(notes))
    values = "、".join(_with_unit(_num(t.value), t.unit) for t in (a, b))
    return Unquantified(text, f"含多个数值（{values}），无法确定哪一个是指标值")


_AND = ("且", "并且", "和", "与", "同时")


def _numeric(s: str, text: str, tokens: list[_Token]) -> Value:
    if len(tokens) > 1:
        kept = [
            t for t in tokens
            if not (
                (t.unit == "年" and 1900 <= t.value <= 2100 and t.value == t.value.to_integral_value()
                 and s[t.end: t.end + 1] not in _RANGE_SEPARATORS
                 and s[t.start - 1: t.start] not in _RANGE_SEPARATORS)
                or s[t.start - 1: t.start] == "第"
            )
        ]
        tokens = kept or tokens  # "2024年完成3个": the year dates the target, it is not the target
    if len(tokens) == 1:
        tok = tokens[0]
        return _quantity(s, text, tok, s[: tok.start], s[tok.end:])
    if len(tokens) == 2:
        a, b = tokens
        return _pair(s, text, a, b, s[: a.start], s[a.end: b.start], s[b.end:])
    values = "、".join(_with_unit(_num(t.value), t.unit) for t in tokens[:6])
    more = "等" if len(tokens) > 6 else ""
    return Unquantified(text, f"含多个数值（{values}{more}），无法确定哪一个是指标值")


@lru_cache(maxsize=4096)
def parse_value(text: str | None) -> Value | None:
    """Read one printed target or actual cell. Blank, "-", "—" and "/" give None (missing);
    every other string gives a Value, and no string raises."""
    if text is None:
        return None
    if not isinstance(text, str):
        text = str(text)
    s = _cell(text)
    if s.lower() in _MISSING or all(ch in "-/\\_.·…" for ch in s):
        return None
    if s == "无":  # "none" or "not applicable": the cell does not say which
        return Qualitative("无", None, text)

    tokens = _tokens(s)
    classes = list(_CLASS_RE.finditer(s))
    if classes:
        covered = {i for m in classes for i in range(m.start(), m.end())}
        others = [t for t in tokens if t.start not in covered]
        if others:  # "Ⅲ类以上水质比例≥90%": the class names the indicator, 90% is the value
            tokens = others
        else:
            for m in classes:
                if m.group("n")[0] in "12345一二三四五" and len(s) > _SHORT:
                    continue  # a digit before 类 in a sentence counts kinds, not a class
                found = _ordinal_class(s, text, m)
                if found is not None:
                    return found
    if tokens:
        return _numeric(s, text, tokens)
    m = _CN_CELL_RE.fullmatch(s)
    if m:
        try:
            value = chinese_number(m.group("cn"))
        except ValueError:
            value = None
        if value is not None:
            u = _UNIT_RE.match(m.group("rest"))
            if u and _suffix_side(m.group("rest")[u.end():]).rest.strip(_PUNCT) == "":
                start = m.start("cn")
                tok = _Token(start, start + len(m.group("cn")) + u.end(), value, _canonical_unit(u))
                return _quantity(s, text, tok, s[:start], s[tok.end:])
    return _worded(s, text)


# --------------------------------------------------------------------------- helpers


def good_direction(value: Value | None) -> Literal["higher", "lower"] | None:
    """Which way is better, as the target is written: ≥ / > higher, ≤ / < lower; a water class
    is always lower-is-better; "=" and everything else say nothing."""
    if isinstance(value, OrdinalClass):
        return "lower"
    if isinstance(value, Quantity):
        if value.comparator in (">=", ">"):
            return "higher"
        if value.comparator in ("<=", "<"):
            return "lower"
    return None


def as_number(value: Value | None) -> Decimal | None:
    """The number of a Quantity, the rank of a class; None for anything else."""
    if isinstance(value, Quantity):
        return value.number
    if isinstance(value, OrdinalClass):
        return Decimal(value.rank)
    return None


def _units_match(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return any(a in group and b in group for group in _UNIT_ALIASES)


def _unit_of(value: Value | str | None) -> tuple[bool, str | None]:
    """(is numeric, unit) for a value or a bare unit string."""
    if value is None or isinstance(value, str):
        return True, value
    if isinstance(value, (Quantity, Range)):
        return True, value.unit
    if isinstance(value, OrdinalClass):
        return True, "类"
    return False, None


def same_unit(a: Value | str | None, b: Value | str | None) -> bool:
    """Can the two be compared as numbers? % and 百分点 count as one unit, so do 天 / 日 and
    平方米 / m²; a value without a unit matches any numeric value. Worded values never match."""
    numeric_a, unit_a = _unit_of(a)
    numeric_b, unit_b = _unit_of(b)
    return numeric_a and numeric_b and _units_match(unit_a, unit_b)


def _compare(actual: Decimal, comparator: Comparator, target: Decimal) -> bool:
    if comparator == ">=":
        return actual >= target
    if comparator == ">":
        return actual > target
    if comparator == "<=":
        return actual <= target
    if comparator == "<":
        return actual < target
    return actual == target


def _as_rank(value: Value) -> int | None:
    if isinstance(value, OrdinalClass):
        return value.rank
    # A bare "2" in the actual column of a class target means class Ⅱ.
    if (isinstance(value, Quantity) and value.comparator == "=" and value.unit in (None, "类")
            and value.number == value.number.to_integral_value() and 1 <= value.number <= 6):
        return int(value.number)
    return None


def meets(target: Value | None, actual: Value | None) -> bool | None:
    """Does the actual satisfy the target? None when the two cannot be compared (a missing or
    unquantified side, different units, a worded actual against a number)."""
    if target is None or actual is None:
        return None
    if isinstance(target, Unquantified) or isinstance(actual, Unquantified):
        return None
    if isinstance(target, OrdinalClass):
        rank = _as_rank(actual)
        if rank is None:
            return None
        # A class target printed bare ("Ⅱ类") is met by that class or a better one.
        comparator = "<=" if target.comparator == "=" else target.comparator
        return _compare(Decimal(rank), comparator, Decimal(target.rank))
    if isinstance(target, Qualitative):
        if not isinstance(actual, Qualitative):
            return None
        if actual.tier is None:
            return True if _cell(actual.text) == _cell(target.text) else None
        return actual.tier == "achieved"
    if not isinstance(actual, Quantity) or not same_unit(target, actual):
        return None
    if isinstance(target, Range):
        return target.low <= actual.number <= target.high
    return _compare(actual.number, target.comparator, target.number)
