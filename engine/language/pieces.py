"""Cut a rule's folded text into the pieces the grammar reads one at a time, and clean each
piece of print debris for the lexer.

A 评分标准 is read clause by clause (rule.lark reads one piece; engine.language.assemble joins
them). `pieces(folded)` cuts at
- the separators ，；。、| (a run of them is one cut, recorded as the piece's `sep`);
- a half-width "." that ends a sentence (满分10分. 集中…), never a decimal point (2.5);
- both sides of points in parentheses, which annotate the text before them and may be
  followed by the next clause with no separator (资金全部到位(14分)到位率在75%以上(10分到13分));
- both sides of a parenthesis that holds clauses of its own ((信息公开目录未更新的扣1分;没有年度报告的扣2分));
- the colon of a heading of a group of clauses, when a rule has two or more (山区…:…得10分。其它地区:…);
and takes an item number at the start of a piece (1. / 2、 / (一) / 三、) as the piece's `item`.
It does not cut at a 、 inside the name of a formula's quantity (得分值=水、电、路…完成率×10) or between
the two amounts of one deduction (每次扣 2、1分), nor at the point of 扣.分 (the digit lost in print);
it cuts at a full stop OCR read as 0 or o after a percentage (平均分*12%0达标…, OCR_STOP).

`clean(folded)` marks the print debris to drop: whitespace inside words and numbers (得 10 分,
扣完 为止), pinyin left in traditional text (計(jì)5分) and page numbers (·4·), each replaced by
DROPPED so that every position stays; what a reader might miss (pinyin, page numbers) is
returned as `Debris` for a note. `lexable(cleaned, start, end)` gives one piece as the lexer
reads it, with a map from each of its characters to its position in the text as written, and
`text_of` the words of a span as they read.

One pass each, linear in the text; nothing here knows what a clause means.
"""

from __future__ import annotations

import re

from engine import lexicon
from engine.lazy_dataclass import dataclass

__all__ = ["DROPPED", "Debris", "Lexable", "Piece", "clean", "lexable", "pieces", "text_of", "without_items"]

SEPARATORS = "，;。、|"

POINTS_IN_PARENS = re.compile(
    r"\(\s*[0-9]+(?:\.[0-9]+)?\s*分?\s*(?:(?:-|到|至)\s*[0-9]+(?:\.[0-9]+)?\s*分?\s*)?\)")
"""(2分), ( 2 分), (0.5分), (10分到13分), (6分到0分), (30-49), (50): a clause's points (rule.lark
PAREN_POINTS reads the same text)."""

_ITEM = re.compile(r"(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[.、](?![0-9.])|\((?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})\)")
"""1. 2、 三、 (一) (2): an item number at the start of a piece (not 1.5, not 1、2、3项)."""

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,8}\)")
"""計(jì), 準(zhǔn): the reading of a traditional character left in the text."""

_PAGE = re.compile(r"·[0-9]{1,3}·")
"""·4·: a page number carried into a cell from the page footer."""

OCR_STOP = re.compile(r"(?<=[0-9]%)[0oO](?![0-9.%分])")
"""得分=平均分*12%0达标为90分 / 得分=平均分*6%o: a full stop after a percentage that OCR read as 0 or
o (a percentage is never followed by a digit or a letter, unless it is points: 低于60%0分). The
text is cut there as at a full stop, and the character dropped with a note."""


@dataclass(frozen=True)
class Piece:
    """[start, end) of one piece of the folded text; `sep` the separator(s) before it ("" at the
    start, "." for a sentence-ending full stop, "(" / ")" for a parenthesis of clauses);
    `item` the number written before it (1. / (二)), with the span of that number."""

    start: int
    end: int
    sep: str = ""
    item: int | None = None
    item_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Debris:
    """Print debris dropped before lexing: what kind, and where."""

    kind: str  # "pinyin" | "page" | "item" | "stop"
    start: int
    end: int


@dataclass(frozen=True)
class Lexable:
    """A piece as the lexer reads it, and where each of its characters was written."""

    text: str
    where: tuple[int, ...]  # where[i]: position in the folded text of text[i]; one more: the end


_CUT_AHEAD = re.compile(r"[，;。、|.(]")
_AND = re.compile(r"(?<=[0-9%分])\s*[和及]\s*(?=[0-9])")
"""80%和70%, 3分和1分: 和 / 及 between two values lists them as 、 does."""
_RUN_ON = re.compile(r"(?:得|记|计)\s*[0-9]+(?:\.[0-9]+)?(?=\s*(?:低于|高于|不足|超过|未达到|达到))")
"""得10低于100, 得 40低于85%: points whose 分 and separator were lost, run on into the next clause."""


def _matching_parens(folded: str) -> dict[int, int]:
    """Each "(" with its matching ")" (one pass with a stack; an unmatched one has none)."""
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for i, ch in enumerate(folded):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            pairs[stack.pop()] = i
    return pairs


_ASCII_DIGITS = frozenset("0123456789")


_BEFORE_LOST = re.compile(r"[扣减]\s*$")
_AFTER_LOST = re.compile(r"\s*分")


def _lost_digit(folded: str, i: int) -> bool:
    """扣.分, 扣 . 分: the point of an amount whose digits were lost in print (rule.lark
    DEDUCT_LOST), no full stop."""
    return _BEFORE_LOST.search(folded, max(0, i - 4), i) is not None and _AFTER_LOST.match(folded, i + 1) is not None


def _is_decimal_point(folded: str, i: int) -> bool:
    return 0 < i < len(folded) - 1 and folded[i - 1] in _ASCII_DIGITS and folded[i + 1] in _ASCII_DIGITS


def _cuts(folded: str) -> list[tuple[int, int, str]]:
    """Where the text is cut, in order: (where the piece before ends, where the next starts,
    the separator text between)."""
    cuts: dict[int, tuple[int, str]] = {}
    pairs = _matching_parens(folded) if "(" in folded else {}
    last = 0
    for m in _CUT_AHEAD.finditer(folded):
        i = m.start()
        if i < last:
            continue
        last = _cut_at(folded, i, last, pairs, cuts)
    for m in OCR_STOP.finditer(folded):  # 平均分*12%0达标为90分: a full stop read as 0
        cuts.setdefault(m.start(), (m.end(), "."))
    for m in _RUN_ON.finditer(folded):  # 得10低于100按百分比得分: a separator lost in print
        cuts.setdefault(m.end(), (m.end(), ""))
    for m in _AND.finditer(folded):  # 80%和70%, 1分和0.5分: a list joined by 和 / 及
        cuts.setdefault(m.start(), (m.end(), "、"))
    for i in _group_headings(folded):  # 山区、丘陵地区:…得10分。其它地区:…: a heading of its own
        cuts.setdefault(i, (i + 1, ":"))
    return [(at, after, sep) for at, (after, sep) in sorted(cuts.items())]


_GROUP_HEAD = re.compile(r"(?:^|(?<=[;。|.]))[^;。|.:0-9分]{2,60}:(?=[^\s0-9;。|.][^;。|]*[0-9])")
"""山区、丘陵地区和…半农半牧区:覆盖…300户…得10分 / 其它地区:…: the words opening a sentence, up to a
colon, with no number and no points, before a sentence that has words first and a number (not
一般:1.5分, the points of a grade)."""


_NOT_A_GROUP = re.compile(
    r"(?:评分标准|评价操作细则|评分细则|评分办法|考核标准|考核内容|计分方法|评分方法|评价标准|包括|如下|其中"
    r"|[一二三四五六七八九十]{1,2}[级档等])\s*$|" + lexicon.alternation("grades.short", "tiers.stem.positive", "tiers.stem.bad_strong"))
"""A heading the grammar reads itself (评分标准:, 一级:, rule.lark HEADING) or the name of a grade or
tier (优秀:, 良好:, 一般:, 较差:): a band's label, not a category."""


def _group_headings(folded: str) -> list[int]:
    """Where the colons of the group headings are (GROUP_HEAD), when the rule has two or more of
    them (each group then has its own clauses): the rule is cut there, the colon the separator."""
    if ":" not in folded:
        return []
    found = [m.end() - 1 for m in _GROUP_HEAD.finditer(folded) if not _NOT_A_GROUP.search(m.group()[:-1])]
    return found if len(found) >= 2 else []


def _cut_at(folded: str, i: int, last: int, pairs: dict[int, int], cuts: dict[int, tuple[int, str]]) -> int:
    """Cut at the mark at `i` (a run of separators, a full stop that is no decimal point, a
    parenthesis) unless it ends an item number; where the next piece starts."""
    ch = folded[i]
    if ch in ".、" and _ends_item(folded, last, i):
        return last
    if ch == "、" and (_inside_name(folded, last, i) or _between_points(folded, last, i)):
        return last
    if ch in SEPARATORS:
        j = i
        while j < len(folded) and folded[j] in SEPARATORS + " ":
            j += 1
        cuts[i] = (j, folded[i:j].replace(" ", ""))
        return j
    if ch == "." and not _is_decimal_point(folded, i) and not _lost_digit(folded, i):
        cuts[i] = (i + 1, ".")
        return i + 1
    if ch == "(" and i in pairs:
        return _cut_parens(folded, i, pairs[i], cuts) or last
    return last


POINTS_BLURRED = re.compile(r"\((?=[^()]*[A-Za-z])\s*[0-9A-Za-z.]{1,4}\s*[-~]?\s*[0-9A-Za-z.]{0,4}\s*分\s*\)")
"""(n-15分), (8T1分): a grade's points with a letter for a digit or a dash, as OCR leaves them
(rule.lark PAREN_BLURRED reads the same text; engine.language.blurred reads the numbers)."""


_LIMIT_IN_PARENS = re.compile(r"\(\s*(?:" + lexicon.alternation("steps.limit_in_parens") + ")")
"""(最高不超过该项分值), (扣完为止): a limit of the score in parentheses, a clause of its own."""


def _cut_parens(folded: str, i: int, close: int, cuts: dict[int, tuple[int, str]]) -> int:
    """Cut around points in parentheses (zero-width: they stay a piece of their own) and at a
    parenthesis of clauses or of a limit (steps.limit_in_parens). Where the next piece starts
    (0: no cut)."""
    group = folded[i:close + 1]
    if POINTS_IN_PARENS.fullmatch(group) or POINTS_BLURRED.fullmatch(group):
        cuts.setdefault(i, (i, ""))
        cuts.setdefault(close + 1, (close + 1, ""))
        return close + 1
    if any(s in group for s in SEPARATORS) or _LIMIT_IN_PARENS.match(group):
        cuts[i] = (i + 1, "(")
        cuts[close] = (close + 1, ")")
        return i + 1
    return 0


_FORMULA_HEAD = re.compile(r"(?:得分值|得分|总分)\s*(?:=|二(?![十百千]))[^，;。|0-9*/÷+\-()]*$")
_NAME_GOES_ON = re.compile(r"[^，;。|0-9*/÷+\-()]{1,40}?[*/÷]")


def _inside_name(folded: str, start: int, i: int) -> bool:
    """Is the "、" at `i` inside the name of a formula's quantity (得分值=水、电、路等公共基础设施建设
    完成率×10): after 得分= and words only, before more words and an operator?"""
    return _FORMULA_HEAD.search(folded, start, i) is not None and _NAME_GOES_ON.match(folded, i + 1) is not None


_DEDUCTING = re.compile(r"(?<!分别)(?:扣除|扣减|扣|减)\s*[0-9]+(?:\.[0-9]+)?\s*$")
_POINTS_AHEAD = re.compile(r"\s*[0-9]+(?:\.[0-9]+)?\s*分")


def _between_points(folded: str, start: int, i: int) -> bool:
    """Is the "、" at `i` between the two amounts of one deduction (每次扣 2、1分: two points or one,
    not a list of clauses; 分别扣2、1分 stays a list)?"""
    return _DEDUCTING.search(folded, start, i) is not None and _POINTS_AHEAD.match(folded, i + 1) is not None


def _ends_item(folded: str, start: int, i: int) -> bool:
    """Is the "." or "、" at `i` the end of an item number that opens the piece at `start`?"""
    while start < i and folded[start] == " ":
        start += 1
    m = _ITEM.match(folded, start)
    return m is not None and m.end() == i + 1


def _item(folded: str, start: int, end: int) -> tuple[int, int | None, tuple[int, int] | None]:
    """An item number at `start` (after spaces): where the piece's text starts, the number."""
    i = start
    while i < end and folded[i] == " ":
        i += 1
    m = _ITEM.match(folded, i, end)
    if m is None:
        return start, None, None
    digits = m.group().strip("().、")
    number = int(digits) if digits.isdigit() else sum(_CN_DIGITS.get(c, 0) for c in digits)
    return m.end(), number, (m.start(), m.end())


def pieces(folded: str) -> list[Piece]:
    """The pieces of the folded text, in order; a piece of nothing but spaces is left out (its
    separator passes to the next piece)."""
    out: list[Piece] = []
    start, sep = 0, ""
    for at, after, cut_sep in _cuts(folded) + [(len(folded), len(folded), "")]:
        if at < start:
            continue
        opens = start == 0 or sep != "" or folded[start:start + 1] == " "
        text_start, item, item_span = _item(folded, start, at) if opens else (start, None, None)
        if folded[text_start:at].strip() or item is not None:
            out.append(Piece(text_start, at, sep, item, item_span))
            sep = ""
        sep += cut_sep
        start = after
    return _spaced_items(folded, out)


_SPACED_ITEM = re.compile(r"\s*([1-9])\s+(?=[\u4e00-\u9fff])(?!(?:" + lexicon.alternation("units.rule") + r"|分|以|及|至|到))")
"""2 计划按时达成率…。 3 按时达成率…: an item number printed with a space for its 、 (the 、 lost in
print); only as a run of two or more numbered in sequence, since 90 以上 alone is a number, and
never before a unit or points (1 次扣1分；2 次扣3分 counts)."""


def _spaced_items(folded: str, out: list[Piece]) -> list[Piece]:
    found = [(k, m) for k, p in enumerate(out) if p.item is None
             and (m := _SPACED_ITEM.match(folded, p.start, p.end)) is not None]
    numbers = [int(m.group(1)) for _, m in found]
    if len(found) < 2 or any(b != a + 1 for a, b in zip(numbers, numbers[1:])):
        return out
    for (k, m), n in zip(found, numbers):
        p = out[k]
        out[k] = Piece(m.end(), p.end, p.sep, n, (m.start(1), m.end(1)))
    return out


_ALNUM = re.compile(r"[0-9A-Za-z]")
_STRAY_ITEM = re.compile(r"(?<=分)\s*[0-9]{1,2}\s*、(?=\s*\))")
"""比较合理规范(5分 2、): the number of the next list item, printed by OCR inside the points'
parentheses before they close."""

_DEBRIS_AHEAD = re.compile(r"\s|\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]|·|分[0-9]{1,2}、|%[0oO]")
DROPPED = "\x00"
"""What `clean` puts in place of a dropped character (so positions stay)."""


def clean(folded: str) -> tuple[str, tuple[Debris, ...]]:
    """The folded text with debris and whitespace inside words replaced by DROPPED (a space
    between two ASCII letters or digits stays: "1 000" is not 1000), and the debris found."""
    if _DEBRIS_AHEAD.search(folded) is None:  # the common case: nothing to drop
        return folded, ()
    chars = list(folded)
    debris: list[Debris] = []
    for pattern, kind in ((_PINYIN, "pinyin"), (_PAGE, "page"), (_STRAY_ITEM, "item"), (OCR_STOP, "stop")):
        for m in pattern.finditer(folded):
            chars[m.start():m.end()] = DROPPED * (m.end() - m.start())
            debris.append(Debris(kind, m.start(), m.end()))
    for run in _SPACES.finditer(folded):  # a run at a time: the same answer for each of its characters
        if not _between_alnum(folded, run.start(), run.end()):
            chars[run.start():run.end()] = DROPPED * (run.end() - run.start())
    return "".join(chars), tuple(sorted(debris, key=lambda d: d.start))


def without_items(folded: str, debris: tuple[Debris, ...]) -> str:
    """The folded text with stray item numbers (5分 2、) blanked, for cutting into pieces: their
    、 is no separator. Length-preserving."""
    chars = list(folded)
    for d in debris:
        if d.kind == "item":
            chars[d.start:d.end] = " " * (d.end - d.start)
    return "".join(chars)


def text_of(cleaned: str, start: int, end: int) -> str:
    """The text [start, end) of a cleaned rule as it reads, without what was dropped."""
    return cleaned[start:end].replace(DROPPED, "")


def lexable(cleaned: str, start: int, end: int) -> Lexable:
    """The piece [start, end) of a cleaned rule (`clean`) as the lexer reads it, with the
    position of each character in the text as written."""
    text = cleaned[start:end]
    if DROPPED not in text:
        return Lexable(text, tuple(range(start, end + 1)))
    kept = tuple(i for i in range(start, end) if cleaned[i] != DROPPED)
    return Lexable(text.replace(DROPPED, ""), kept + (end,))


_SPACES = re.compile(r"\s+")  # \s is str.isspace() for a str pattern


def _between_alnum(folded: str, start: int, end: int) -> bool:
    """Is the run of spaces [start, end) between two ASCII letters or digits?"""
    a, b = start - 1, end
    return a >= 0 and b < len(folded) and bool(_ALNUM.match(folded[a])) and bool(_ALNUM.match(folded[b]))
