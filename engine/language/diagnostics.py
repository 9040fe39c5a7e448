"""Parse diagnostics: stable codes, the `Diagnostic` record, did-you-mean, and fragment reports.

Codes P001–P016 are stable and never reused (`CODES`). A `Diagnostic` renders itself as
`source:line:col: CODE name  message`, the rule and a caret placed by display width. The hints
("是不是「扣完为止」？") and the words for what the grammar expected are made here, from plain
data: lark's exceptions are turned into diagnostics by engine.language.parser, which is the
only place that sees them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from engine import lexicon
from engine.errors import RescoreError
from engine.language import tree as rt
from engine.lazy_dataclass import dataclass
from engine.text.fold import fold
from engine.text.digits import ForeignDigit, foreign_digits
from engine.text.width import display_width

if TYPE_CHECKING:  # the pieces' regexes cost ~8 ms at import; a run served by the rule store needs none
    from engine.language.pieces import Debris

__all__ = [
    "CODES", "Diagnostic", "RuleSyntaxError", "SCORING_MARKS", "chunk_start", "debris_notes", "did_you_mean", "digit_diagnostics", "not_a_rule", "recovery_notes", "expected_words",
    "fragment_diagnostics",
]

CODES = {
    "P001": ("unexpected-text", "无法理解此处的文字"),
    "P002": ("unexpected-end", "评分标准在此处意外结束"),
    "P003": ("trailing-fragment", "末尾有未能理解的片段"),
    "P004": ("inner-fragment", "中间有未能理解的片段，可能影响得分"),
    "P005": ("step-without-points", "只写了每次变化的幅度，没有写扣（加）多少分"),
    "P006": ("empty-rule", "评分标准为空"),
    "P007": ("condition-without-points", "写了条件（或清单项），但没有写得多少分"),
    "P008": ("noise-recovered", "印刷杂质已忽略（拼音注音、页码等），其余照常读取"),
    "P009": ("respective-mismatch", "“分别”前后的项数与分值个数对不上"),
    "P010": ("not-a-scoring-rule", "这段文字不是计分规定（没有分值、扣分或计分方法）"),
    # widths and values no evaluator can score by (engine.language.widths)
    "P011": ("zero-step", "每次变化的幅度为 0，无法计算步数"),
    "P012": ("zero-width-band", "区间的两端相同，宽度为 0"),
    "P013": ("reversed-band", "区间写成了从大到小，按从小到大读"),
    "P014": ("points-not-a-number", "分数写成了百分数或无法读成数字，无法确定是多少分"),
    # characters (engine.text.digits)
    "P015": ("foreign-digit", "数字不是 0–9（阿拉伯-印度、天城文、上标、数学字体等），未按数字读取"),
    # a numbered list of requirements (engine.language.parser)
    "P016": ("requirement-as-words", "要求句按文字读取（编号项里的要求，或下文“未…扣分”所扣分的要求）：其中的数值不单独比较，由实际完成值判断是否做到"),
    # a step whose points say neither 扣 nor 加 (engine.language.assemble)
    "P017": ("step-effect-unwritten", "每降低（减少）一步的分数没有写扣还是加"),
    # the rule's own worked example (engine.language.examples)
    "P018": ("rule-example", "评分标准自带的算例（如86%扣5分）：不单独计分，用来核对读法"),
    # a count required per period (engine.language.operands)
    "P019": ("per-period", "按月、季度、半年写的次数要求按全年次数读取：实际完成值应为全年的次数"),
}
"""Stable parse diagnostic codes: code -> (dotted name, Chinese title). Never reuse a code."""


@dataclass(frozen=True)
class Diagnostic:
    """A problem found while reading a rule: stable `code`, Chinese `message`, span, severity.

    `severity` is `error` when the rule cannot be evaluated, `warning` when the part that
    parsed can still be evaluated (a trailing fragment), `info` for what is said of the text as
    a whole (P010: it is not a scoring rule).
    """

    code: str
    message: str
    start: int
    end: int
    severity: str = "error"
    hint: str | None = None

    @property
    def name(self) -> str:
        return CODES[self.code][0]

    def render(self, text: str, source: str = "<评分标准>", line: int = 1) -> str:
        """`source:line:col: CODE name  message`, the rule text, and a caret under the span
        placed by display width (full-width characters count 2)."""
        col = self.start + 1
        head = f"{source}:{line}:{col}: {self.code} {self.name}  {self.message}"
        # the window first, then its line breaks and tabs as spaces: each diagnostic costs its own size
        before, span, after = (_flat(part) for part in _window(text, self.start, self.end))
        pad = display_width(before)
        width = max(1, display_width(span))
        lines = [head, "    " + before + span + after, "    " + " " * pad + "^" * width]
        if self.hint:
            lines.append("    " + self.hint)
        return "\n".join(lines)

    def to_dict(self) -> dict[str, str | int | None]:
        return {"code": self.code, "name": self.name, "severity": self.severity,
                "message": self.message, "start": self.start, "end": self.end, "hint": self.hint}


def _flat(part: str) -> str:
    return part.replace("\n", " ").replace("\t", " ")


_CONTEXT = 40  # characters of the rule shown on each side of a diagnostic's span
_SPAN = 80  # characters of the span itself shown at most


def _window(shown: str, start: int, end: int) -> tuple[str, str, str]:
    """The rule around a span, as (before, span, after): the whole rule when it is short, else
    _CONTEXT characters each side with … where it is cut, so that the diagnostics of a long rule
    cost their own size, not the rule's each (a 10⁵-character rule of 10³ diagnostics)."""
    stop = max(end, start + 1)
    if len(shown) <= 2 * _CONTEXT + _SPAN:
        return shown[:start], shown[start:stop], shown[stop:]
    cut = min(stop, start + _SPAN)
    lo, hi = max(0, start - _CONTEXT), min(len(shown), cut + _CONTEXT)
    before = ("…" if lo > 0 else "") + shown[lo:start]
    span = shown[start:cut] + ("…" if cut < stop else "")
    return before, span, shown[cut:hi] + ("…" if hi < len(shown) else "")


class RuleSyntaxError(RescoreError, ValueError):
    """Raised by `parse` when a rule cannot be read at all."""

    code = "X002"

    def __init__(self, text: str, diagnostic: Diagnostic):
        super().__init__(diagnostic.render(text))
        self.text = text
        self.diagnostic = diagnostic


# ---------------------------------------------------------------- did you mean

_SEPARATORS = "，;。、|"

_KNOWN_PHRASES = (
    "扣完为止", "满分为止", "最低为零分", "得满分", "不得分", "计满分", "按满分计算", "按完成比例计算得分",
    "按比例减分", "酌情扣分", "以上", "以下", "以内", "每减少", "每下降", "每超过", "每低于", "每增加",
    "扣满", "最多扣", "最高得", "不能超过该指标分值上限", "达到", "记", "计", "得",
)
"""Phrases of the language a one-character slip is measured against (only those of three
characters or more: a shorter one would match too much)."""


def chunk_start(folded: str, pos: int) -> int:
    """Where the phrase holding `pos` starts: just after the separator before it."""
    i = min(pos, len(folded))
    while i > 0 and folded[i - 1] not in _SEPARATORS:
        i -= 1
    return i


def _one_slip(window: str, phrase: str) -> str | None:
    """The piece of `window` that is `phrase` with one character wrong, if there is one."""
    for i in range(0, max(1, len(window) - len(phrase) + 1)):
        piece = window[i : i + len(phrase)]
        if piece != phrase and len(piece) == len(phrase) and sum(a != b for a, b in zip(piece, phrase)) == 1:
            return piece
    return None


def did_you_mean(folded: str, start: int) -> str | None:
    """"是不是「扣完为止」？（写的是「扣完为正」）" for the phrase starting at `start`, or None."""
    end = start
    while end < len(folded) and folded[end] not in _SEPARATORS:
        end += 1
    window = folded[start:end]
    for phrase in _KNOWN_PHRASES:
        if len(phrase) < 3:
            continue
        piece = _one_slip(window, phrase)
        if piece is not None:
            return f"是不是「{phrase}」？（写的是「{piece}」）"
    return None


# ---------------------------------------------------------------- what was expected

_EXPECTED_WORDS = {
    "NUMBER": "数字", "CN_NUMBER": "数字", "FEN": "“分”", "UNIT": "单位", "SEP": "标点（，；）",
    "GET": "记/计/得", "ADJ_DOWN": "扣几分", "ADJ_UP": "加几分", "COLON": "冒号", "DASH": "“-”",
    "REFERENCE": "目标值", "CLASS": "类别", "UNTIL": "“为止”", "STANDARD_END": "“为标准”",
    "WORD": "文字", "FULL": "满分", "STAR": "“*”", "SLASH": "“/”",
}


def expected_words(terminals: Iterable[str]) -> str:
    """What the grammar expected, in words, from the names of the terminals it would accept."""
    words: list[str] = []
    for name in sorted(terminals):
        word = _EXPECTED_WORDS.get(name)
        if word and word not in words:
            words.append(word)
    return "、".join(words[:5]) if words else "其他内容"


# ---------------------------------------------------------------- debris

_DEBRIS = {"pinyin": "拼音注音", "page": "页码", "item": "分数括号里混入的编号", "stop": "被 OCR 认成字母或数字的句号"}


def example_notes(text: str, examples: list[rt.Example]) -> list[Diagnostic]:
    """P018 (a warning) for each worked example the rule writes (engine.language.examples)."""
    return [Diagnostic("P018", f"「{text[e.span.start:e.span.end]}」是评分标准自带的算例：不单独计分，用来核对读法",
                       e.span.start, e.span.end, severity="warning") for e in examples]


def debris_notes(text: str, debris: Iterable[Debris]) -> list[Diagnostic]:
    """P008 (a warning) for each piece of print debris dropped before reading (engine.language.pieces)."""
    return [Diagnostic("P008", f"已忽略{_DEBRIS[d.kind]}「{text[d.start:d.end]}」", d.start, d.end, severity="warning")
            for d in debris]


def recovery_notes(recovered: Iterable[tuple[int, int, str]]) -> list[Diagnostic]:
    """P008 (a warning) for each print slip the reader read anyway (扣025分 as 0.25); a message that
    opens with another code and a space (P019 每季度开展一次…) is a warning of that code."""
    out = []
    for start, end, message in recovered:
        code, _, rest = message.partition(" ")
        known = code in CODES and bool(rest)
        out.append(Diagnostic(code if known else "P008", rest if known else message, start, end, severity="warning"))
    return out


# ---------------------------------------------------------------- fragments

_NOT_SCORING = (rt.Fragment, rt.Context, rt.Standard, rt.Applies, rt.PerItem)


def fragment_diagnostics(rule: rt.Rule, text: str, diags: list[Diagnostic]) -> list[Diagnostic]:
    """What is left to report once the rule is assembled: each fragment not yet reported (P003,
    a warning, after everything that scores; P004, an error, before something that does), and
    P001 when nothing scores at all. Returns new diagnostics, in statement order."""
    found: list[Diagnostic] = []
    inner = {id(f) for f in rule.inner_fragments}
    errors = [d for d in diags if d.severity == "error"]
    for s in rule.statements:
        if not isinstance(s, rt.Fragment) or any(s.span.start <= d.start < max(s.span.end, s.span.start + 1)
                                                 for d in errors):
            continue
        piece = text[s.span.start:s.span.end]
        if id(s) not in inner:
            found.append(Diagnostic("P003", f"末尾的「{piece}」未能理解，已忽略；其余部分照常计算",
                                    s.span.start, s.span.end, severity="warning"))
        else:
            found.append(Diagnostic("P004", f"「{piece}」未能理解，它可能改变得分", s.span.start, s.span.end))
    nothing_scores = all(isinstance(s, _NOT_SCORING) for s in rule.statements)
    if nothing_scores and not any(d.severity == "error" for d in diags + found):
        found.append(Diagnostic("P001", "没有找到任何计分规定（记几分、扣几分、按比例……）", 0, len(text)))
    return found


def not_a_rule(rule: rt.Rule, text: str, diags: list[Diagnostic]) -> list[Diagnostic] | None:
    """A text that writes no points, deduction or way of scoring anywhere, whose every piece was
    read and which states no condition waiting for points (检查企业达到100家 is a rule missing its
    points) — or which says how other scores combine (为所辖各乡镇得分的…加权平均数) — is not a
    scoring rule: its diagnostics are then P010 alone (an `info`, never an error) and the notes on
    its print. None otherwise."""
    if _writes_scoring(text, diags) or any(_scores(s) for s in rule.statements) \
            or any(ch in text for ch in "①②③④⑤⑥⑦⑧⑨⑩"):
        return None
    notes = [d for d in diags if d.code == "P008"]
    return notes + [Diagnostic("P010", "这段文字不是计分规定：没有分值、扣分或计分方法，该项按评分办法计分",
                               0, len(text), severity="info")]


def _writes_scoring(text: str, diags: list[Diagnostic]) -> bool:
    """The text writes a mark of scoring, or its diagnostics say it tried to score (an unread
    clause counts unless the text says how other scores combine)."""
    aggregates = AGGREGATION.search(text) is not None  # 为所辖各乡镇得分的…加权平均数: how other scores combine
    if SCORING_MARKS.search(text) is not None:
        return True
    if aggregates or DESCRIPTION.match(fold(text)):  # 本项得分为各二级指标得分之和 / 数据来源：财务账表
        return False
    return any(d.code in ("P001", "P002", "P005", "P007", "P009") for d in diags)


def _scores(s: rt.Statement) -> bool:
    """A statement that scores: anything but a heading or a note, or an award with points or a
    numeric condition (检查企业达到100家 waits for its points)."""
    if not isinstance(s, _NOT_SCORING + (rt.Award, rt.Numbered)):
        return True
    return isinstance(s, rt.Award) and (s.points is not None or isinstance(s.condition, (rt.Compare, rt.Between)))


DESCRIPTION = re.compile(r"\s*(?:" + lexicon.alternation("tiers.description.headings") + r")\s*:")
"""指标解释：…, 数据来源：…: a description of the indicator (tiers.description.headings)."""

AGGREGATION = re.compile(r"得分.{0,20}?(?:加权平均|平均数|平均值|之和|合计|汇总)|(?:加权平均|平均|汇总|合计).{0,10}?得分")
"""为所辖各乡镇得分的造林绿化任务加权平均数: a text that says how other scores are combined."""

SCORING_MARKS = re.compile(
    r"[0-9]\s*分|[零一二两三四五六七八九十半]\s*分(?![配析类数布别钟])|[扣加减]\s*[0-9零一二两三四五六七八九十半.]|"
    r"不得分|不计分|满分|零分|酌情|视情|按比例|比例计|百分比|得分\s*[=二]|×|\*|[记计得扣加]\s*[.。]?\s*$|"
    r"\|\s*[0-9]+(?:\.[0-9]+)?\s*(?:\||$)")
"""What a text that scores writes somewhere: points (2分, 十分, a cell | 4 |), a deduction or bonus
(扣1, 加2), 不得分, 满分, 酌情, 按比例, a formula (得分=, ×). A text with none of them (and no band of
a table, x<85% | 85%≤x<90%) is not a scoring rule."""


def digit_diagnostics(text: str) -> list[Diagnostic]:
    """P015 for each run of digits other than 0–9 / ０–９ (٣, ३, ², 𝟑): the grammar reads only 0–9,
    so such a digit is never a number; this says so, where, and which character it is."""
    found = foreign_digits(text)
    runs: list[list[ForeignDigit]] = []
    for digit in found:
        if runs and runs[-1][-1].position == digit.position - 1:
            runs[-1].append(digit)
        else:
            runs.append([digit])
    return [Diagnostic("P015", f"「{''.join(d.char for d in run)}」（{'、'.join(d.code for d in run[:3])}）"
                               "不是 0–9 的数字，未按数字读取",
                       run[0].position, run[-1].position + 1, hint="请改为 0–9 的数字") for run in runs[:20]]
