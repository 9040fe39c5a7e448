"""Parse 评分标准 text into a `engine.ruletree.Rule`.

Three stages, each linear in the input:
1. `fold` the text one character to one character (positions are preserved);
2. lark (LALR, contextual lexer, grammar in `rule.lark`) reads it as a sequence of chunks;
3. `_assemble` joins neighbouring chunks that belong together and keeps the rest as context
   (leading words the score does not depend on) or fragments (words left over).

This is the only module that touches lark: its exceptions become `Diagnostic`s here, with a
code, a Chinese message and the character span. It does not evaluate anything.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from decimal import Decimal
from lark import Token, Transformer, v_args
from lark.exceptions import UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from engine import lexicon
from engine.language import grammar
from engine.language import tree as rt
from engine.text.fold import chinese_number, fold
from engine.text.width import display_width

# ---------------------------------------------------------------- diagnostics

CODES = {
    "P001": ("unexpected-text", "无法理解此处的文字"),
    "P002": ("unexpected-end", "评分标准在此处意外结束"),
    "P003": ("trailing-fragment", "末尾有未能理解的片段"),
    "P004": ("inner-fragment", "中间有未能理解的片段，可能影响得分"),
    "P005": ("step-without-points", "只写了每次变化的幅度，没有写扣（加）多少分"),
    "P006": ("empty-rule", "评分标准为空"),
    "P007": ("condition-without-points", "写了条件（或清单项），但没有写得多少分"),
}
"""Stable parse diagnostic codes: code -> (dotted name, Chinese title). Never reuse a code."""


@dataclass(frozen=True)
class Diagnostic:
    """A problem found while reading a rule: stable `code`, Chinese `message`, span, severity.

    `severity` is `error` when the rule cannot be evaluated, `warning` when the part that
    parsed can still be evaluated (a trailing fragment).
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
        shown = text.replace("\n", " ").replace("\t", " ")
        pad = display_width(shown[: self.start])
        width = max(1, display_width(shown[self.start : max(self.end, self.start + 1)]))
        lines = [head, "    " + shown, "    " + " " * pad + "^" * width]
        if self.hint:
            lines.append("    " + self.hint)
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "severity": self.severity,
                "message": self.message, "start": self.start, "end": self.end, "hint": self.hint}


class RuleSyntaxError(ValueError):
    """Raised by `parse` when a rule cannot be read at all."""

    def __init__(self, text: str, diagnostic: Diagnostic):
        super().__init__(diagnostic.render(text))
        self.text = text
        self.diagnostic = diagnostic


@dataclass(frozen=True)
class ParseResult:
    """The rule that was read (None when nothing usable was) and every diagnostic."""

    text: str
    rule: rt.Rule | None
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the rule can be evaluated: no error-level diagnostic."""
        return self.rule is not None and not any(d.severity == "error" for d in self.diagnostics)


# ---------------------------------------------------------------- lark

_lark = grammar.parser


@dataclass
class _Chunk:
    """One phrase between separators, before assembly."""

    kind: str  # words, condition, award, trigger, step, adjust, statement, proportional, checklist, applies
    start: int
    end: int
    sep: str = ""  # the separator before this chunk ("" at the start)
    words: str | None = None
    predicate: rt.Predicate | None = None
    points: rt.Points | None = None
    statement: object | None = None
    extra: dict = field(default_factory=dict)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_OPS = {"GE": ">=", "LE": "<=", "GT": ">", "LT": "<", "EQ": "=", "REACH": "reach", "NOT_REACH": "not_reach",
        "LT_VERB": "<", "GT_VERB": ">"}
_DIRECTION = {verb: direction for direction, keys in (
    ("decrease", ("steps.decrease", "comparators.rule.lt_step")),
    ("increase", ("steps.increase", "comparators.rule.gt_step")),
    ("deviation", ("steps.deviation",)),
    ("occurrence", ("steps.occurrence",)),
) for key in keys for verb in lexicon.words(key)}
_UNIT_CANON = lexicon.spellings("units.spellings")


def _span(meta_or_token) -> rt.Span:
    if isinstance(meta_or_token, Token):
        return rt.Span(meta_or_token.start_pos, meta_or_token.end_pos)
    return rt.Span(meta_or_token.start_pos, meta_or_token.end_pos)


def _is(obj, name: str) -> bool:
    return isinstance(obj, Token) and obj.type == name


@v_args(meta=True)
class _ToChunks(Transformer):
    """lark tree -> list of `_Chunk`; node text is taken from the folded input by span."""

    def __init__(self, folded: str):
        super().__init__()
        self.folded = folded

    def _text(self, start: int, end: int) -> str:
        return self.folded[start:end]

    # values
    def arabic(self, meta, c):
        return Decimal(str(c[0]))

    def chinese(self, meta, c):
        return _numeral(c[0])

    def chinese_percent(self, meta, c):
        return ("%", _numeral(c[0], skip=3))

    def quantity(self, meta, c):
        number = c[0]
        unit = None
        if isinstance(number, tuple):  # 百分之五
            unit, number = number
        if len(c) > 1:
            unit = _UNIT_CANON.get(str(c[1]), str(c[1]))
        return rt.Quantity(number, unit, span=_span(meta))

    def class_level(self, meta, c):
        text = str(c[0])
        return rt.ClassLevel(_class_rank(text), span=_span(meta))

    def reference(self, meta, c):
        return rt.Reference(str(c[0]), span=_span(meta))

    def cmp_word(self, meta, c):
        return c[0]

    def inclusion(self, meta, c):
        return c[0]

    # comparisons
    def compare_prefix(self, meta, c):
        word, operand, *suffixes = c
        op = _OPS[word.type]
        operand = _as_class(operand)
        if op == "reach" and _suffix_op(suffixes) != "stated" and not isinstance(operand, rt.ClassLevel):
            op = _suffix_op(suffixes)  # 控制在100%以内: the suffix says which side (Ⅱ类及以上 stays reach)
        return rt.Compare(op, operand, word=str(word), span=_span(meta))

    def compare_absolute_prefixed(self, meta, c):
        word, _, operand, *suffixes = c
        op = _OPS[word.type]
        if op in ("reach", "not_reach", "="):
            op = _suffix_op(suffixes, default="<=")
        return rt.Compare(op, operand, absolute=True, word=str(word), span=_span(meta))

    def between_prefixed(self, meta, c):
        return self.between(meta, c[1:])

    def compare_stated(self, meta, c):
        operand, *suffixes = c
        op = _suffix_op(suffixes)
        return rt.Compare(op, operand, word=" ".join(map(str, suffixes)) or None, span=_span(meta))

    def compare_absolute(self, meta, c):
        _, operand, *suffixes = c
        op = _suffix_op(suffixes, default="<=")
        if op == "stated":
            op = "<="
        return rt.Compare(op, operand, absolute=True, span=_span(meta))

    def compare_var(self, meta, c):
        _, word, operand = c
        return rt.Compare(_OPS[word.type], operand, word=str(word), span=_span(meta))

    def between_var(self, meta, c):
        low, w1, _, w2, high = c
        return rt.Between(low, high, low_closed=_OPS[w1.type] in ("<=", ">="),
                          high_closed=_OPS[w2.type] in ("<=", ">="), span=_span(meta))

    def between(self, meta, c):
        absolute = any(_is(x, "PLUSMINUS") for x in c)
        parts = [x for x in c if not _is(x, "PLUSMINUS")]
        low = parts[0]
        i = 1
        low_closed = None
        if _is(parts[i], "INCL") or _is(parts[i], "EXCL"):
            low_closed = parts[i].type == "INCL"
            i += 1
        i += 1  # DASH
        high = parts[i]
        high_closed = None
        for s in parts[i + 1:]:
            if _is(s, "INCL"):
                high_closed = True
            elif _is(s, "EXCL"):
                high_closed = False
        if low.unit is None and high.unit is not None:
            low = rt.Quantity(low.value, high.unit, span=low.span)
        return rt.Between(low, high, low_closed, high_closed, absolute, span=_span(meta))

    def words(self, meta, c):
        return ("words", self._text(meta.start_pos, meta.end_pos), _span(meta))

    def condition(self, meta, c):
        subject = tail = None
        pred = None
        for x in c:
            if isinstance(x, tuple):
                if pred is None:
                    subject = x[1]
                else:
                    tail = x[1]
            else:
                pred = x
        if subject is not None or tail is not None:
            pred = _with(pred, subject=subject, tail=tail)
        return pred

    # awards
    def points_number(self, meta, c):
        return rt.Points(c[0], span=_span(meta))

    def points_full(self, meta, c):
        word = str(c[0])
        return rt.Points(Decimal(0) if word == "零分" else None, span=_span(meta))

    def award_get(self, meta, c):
        return ("award", [x for x in c if isinstance(x, rt.Points)][0], _span(meta), any(_is(x, "COLON") for x in c))

    def award_zero(self, meta, c):
        return ("award", rt.Points(Decimal(0), span=_span(meta)), _span(meta), any(_is(x, "COLON") for x in c))

    def award_full(self, meta, c):
        return ("award", rt.Points(None, span=_span(meta)), _span(meta), any(_is(x, "COLON") for x in c))

    # steps
    def step_verb(self, meta, c):
        return str(c[0])

    def trigger(self, meta, c):
        subject = what = reference = None
        verbs, sizes = [], []
        seen_each = False
        for x in c:
            if _is(x, "EACH"):
                seen_each = True
            elif isinstance(x, tuple):
                if seen_each:
                    what = x[1]
                else:
                    subject = x[1]
            elif isinstance(x, str) and not isinstance(x, Token):
                verbs.append(x)
            elif isinstance(x, rt.Reference):
                reference = x
            elif isinstance(x, rt.Quantity):
                sizes.append(x)
        return {"verb": verbs[0], "size": sizes[0], "alt_size": sizes[1] if len(sizes) > 1 else None,
                "alt_verb": verbs[1] if len(verbs) > 1 else None, "subject": subject, "what": what,
                "reference": reference, "span": _span(meta)}

    def adjust_down(self, meta, c):
        return {"effect": "deduct", "points": [x for x in c if isinstance(x, Decimal)][0], "span": _span(meta)}

    def adjust_up(self, meta, c):
        return {"effect": "add", "points": [x for x in c if isinstance(x, Decimal)][0], "span": _span(meta)}

    def adjust_unstated(self, meta, c):
        return {"effect": "deduct", "points": None, "span": _span(meta)}

    def base(self, meta, c):
        return Decimal(str(c[1]))

    # limits
    def floor(self, meta, c):
        return rt.Floor(Decimal(0), word=str(c[0]), span=_span(meta))

    def deduction_cap(self, meta, c):
        return rt.DeductionCap([x for x in c if isinstance(x, Decimal)][0], span=_span(meta))

    def cap_full(self, meta, c):
        return rt.Cap(span=_span(meta))

    def cap_points(self, meta, c):
        return rt.Cap(points=[x for x in c if isinstance(x, Decimal)][0], span=_span(meta))

    def cap_share(self, meta, c):
        q = c[1]
        return rt.Cap(share=q.value, span=_span(meta))

    # proportional
    def prop_words(self, meta, c):
        return rt.Proportional(formula=str(c[0]), span=_span(meta))

    def prop_deduct(self, meta, c):
        return rt.Proportional(effect="deduct", formula=str(c[0]), span=_span(meta))

    def formula_forward(self, meta, c):
        return rt.Proportional(reverse=False, formula=self._text(meta.start_pos, meta.end_pos), span=_span(meta))

    def formula_reverse(self, meta, c):
        return rt.Proportional(reverse=True, formula=self._text(meta.start_pos, meta.end_pos), span=_span(meta))

    def proportional(self, meta, c):
        inner = [x for x in c if isinstance(x, rt.Proportional)][0]
        return rt.Proportional(inner.reverse, formula=self._text(meta.start_pos, meta.end_pos), span=_span(meta))

    def prop_rate(self, meta, c):
        weight = [x for x in c if isinstance(x, Decimal)][0]
        return rt.Proportional(weight=weight, formula=self._text(meta.start_pos, meta.end_pos), span=_span(meta))

    # chunks
    def words_chunk(self, meta, c):
        return _Chunk("words", meta.start_pos, meta.end_pos, words=c[0][1])

    def condition_chunk(self, meta, c):
        return _Chunk("condition", meta.start_pos, meta.end_pos, predicate=c[0])

    def award_chunk(self, meta, c):
        pred = None
        for x in c:
            if isinstance(x, tuple) and x[0] == "words":
                pred = rt.Condition(x[1], span=x[2])
            elif not isinstance(x, tuple):
                pred = x
        award = [x for x in c if isinstance(x, tuple) and x[0] == "award"][0]
        return _Chunk("award", meta.start_pos, meta.end_pos, predicate=pred, points=award[1],
                      extra={"colon": award[3]})

    def otherwise_chunk(self, meta, c):
        award = c[1]
        return _Chunk("award", meta.start_pos, meta.end_pos, predicate=rt.Otherwise(span=_span(c[0])), points=award[1])

    def trigger_chunk(self, meta, c):
        return _Chunk("trigger", meta.start_pos, meta.end_pos, extra=c[0])

    def step_chunk(self, meta, c):
        return _Chunk("step", meta.start_pos, meta.end_pos, extra={**c[0], "adjust": c[1]})

    def adjust_chunk(self, meta, c):
        pred = None
        for x in c:
            if isinstance(x, tuple):
                pred = rt.Condition(x[1], span=x[2])
        return _Chunk("adjust", meta.start_pos, meta.end_pos, predicate=pred, extra={"adjust": c[-1]})

    def based_adjust_chunk(self, meta, c):
        return _Chunk("adjust", meta.start_pos, meta.end_pos, extra={"adjust": c[1], "base": c[0]})

    def limit(self, meta, c):  # pragma: no cover - limit alternatives are all aliased
        return c[0]

    def proportional_chunk(self, meta, c):
        prop = c[-1]
        scope = None
        if len(c) > 1:
            x = c[0]
            scope = rt.Condition(x[1], span=x[2]) if isinstance(x, tuple) else x
        if scope is not None:
            prop = _with(prop, scope=scope)
        return _Chunk("proportional", meta.start_pos, meta.end_pos, statement=prop)

    def discretionary_chunk(self, meta, c):
        words = c[0][1] if isinstance(c[0], tuple) else None
        disc = rt.Discretionary(str(c[-1]), span=_span(c[-1]))
        return _Chunk("statement", meta.start_pos, meta.end_pos, statement=disc, words=words,
                      extra={"words_span": c[0][2] if words else None})

    def checklist_chunk(self, meta, c):
        number = _CIRCLED.index(str(c[0])) + 1
        label = ""
        points = None
        label_start = c[0].end_pos
        for x in c[1:]:
            if isinstance(x, tuple) and x[0] == "words":
                label = x[1]
            elif isinstance(x, tuple) and x[0] == "award":
                points = x[1]
        return _Chunk("checklist", meta.start_pos, meta.end_pos, words=label, points=points,
                      extra={"number": number, "label_start": label_start})

    def standard_chunk(self, meta, c):
        return _Chunk("statement", meta.start_pos, meta.end_pos, statement=rt.Standard(c[1], span=_span(meta)))

    def applies_chunk(self, meta, c):
        op = ">=" if "≥" in str(c[0]) else "<="
        applies = _Chunk("statement", c[0].start_pos, c[0].end_pos, statement=rt.Applies(op, span=_span(c[0])))
        return [applies] + (_as_chunks(c[1]) if len(c) > 1 else [])

    def sep(self, meta, c):
        return ("sep", "".join(str(t) for t in c))

    def start(self, meta, c):
        chunks: list[_Chunk] = []
        sep = ""
        for x in c:
            if isinstance(x, tuple) and x[0] == "sep":
                sep = x[1]
                continue
            items = _as_chunks(x)
            for i, item in enumerate(items):
                item.sep = sep if i == 0 else ""
                chunks.append(item)
            sep = ""
        return chunks


def _as_chunks(x) -> list[_Chunk]:
    """A chunk, a limit statement or a nested list of them, as a flat list of chunks."""
    if isinstance(x, list):
        return [chunk for item in x for chunk in _as_chunks(item)]
    if isinstance(x, (rt.Floor, rt.DeductionCap, rt.Cap)):
        return [_Chunk("statement", x.span.start, x.span.end, statement=x)]
    return [x]


class _BadNumeral(ValueError):
    def __init__(self, token: Token):
        super().__init__(str(token))
        self.token = token


def _numeral(token: Token, skip: int = 0) -> Decimal:
    try:
        return chinese_number(str(token)[skip:] if skip else str(token))
    except ValueError:
        raise _BadNumeral(token) from None


def _as_class(operand):
    """达到二类 / 达到2类: a count of 类 in a comparison is a water-quality class."""
    if isinstance(operand, rt.Quantity) and operand.unit == "类" and operand.value == operand.value.to_integral_value() \
            and 1 <= operand.value <= 6:
        return rt.ClassLevel(int(operand.value), span=operand.span)
    return operand


def _class_rank(text: str) -> int:
    rank = lexicon.class_rank(text)
    assert rank is not None, text  # the grammar's CLASS is the lexicon's class names
    return rank


def _suffix_op(suffixes, default: str = "stated") -> str:
    kinds = [s.type for s in suffixes]
    excl = "EXCL" in kinds
    if "ABOVE" in kinds:
        return ">" if excl else ">="
    if "BELOW" in kinds or "WITHIN" in kinds:
        return "<" if excl else "<="
    return default


def _with(node, **changes):
    from dataclasses import replace

    return replace(node, **{k: v for k, v in changes.items() if v is not None})


# ---------------------------------------------------------------- assembly
# How chunks are joined (the only place where a separator's kind matters):
# - ，and 、 join phrases of one statement; ；。| end a statement.
# - words and conditions wait ("pending") for what follows in the same statement:
#   an award without its own condition takes them as its condition ("无结余，3分");
#   a deduction without a condition takes them ("未按时完成的，扣2分");
#   a step takes a single comparison as its threshold ("三公经费">0，每超过…);
#   a proportional clause takes a comparison as its scope ("15-30日，按比例减分");
#   a checklist item or condition continued after 、 takes the words into its label.
# - words still pending when a statement ends are context if nothing has been scored yet
#   (无特殊原因), otherwise a fragment; a comparison still pending is a band whose points are
#   printed elsewhere when the rule awards no points at all, otherwise a fragment.

_STRONG = set(";。|")


def _assemble(chunks: list[_Chunk], folded: str) -> tuple[list, list[Diagnostic]]:
    out: list = []
    diags: list[Diagnostic] = []
    pending: list[_Chunk] = []
    trigger: _Chunk | None = None
    scored = False
    awards_points = any(c.points is not None or c.kind in ("step", "adjust", "statement", "proportional") for c in chunks)
    # a band header ("x<85% | 85%≤x<90% | …") is two or more conditions and nothing else
    band_header = not awards_points and sum(c.kind == "condition" for c in chunks) >= 2 and all(
        c.kind == "condition" or (c.kind == "words" and c.words.strip("…. ") == "") for c in chunks)

    def text_of(a: int, b: int) -> str:
        return folded[a:b]

    def flush(final: bool = False) -> None:
        nonlocal pending, trigger
        if trigger is not None:
            diags.append(Diagnostic("P005", "每次变化扣（加）多少分没有写明", trigger.start, trigger.end,
                                    hint="例如：每减少1%扣0.5分"))
            out.append(rt.Fragment(text_of(trigger.start, trigger.end), span=rt.Span(trigger.start, trigger.end)))
            trigger = None
        for ch in pending:
            span = rt.Span(ch.start, ch.end)
            if ch.kind == "words" and not scored:
                out.append(rt.Context(ch.words, span=span))
            elif ch.kind == "condition" and band_header:
                out.append(rt.Award(ch.predicate, None, span=span))
            elif ch.kind == "condition" and not awards_points:
                diags.append(Diagnostic("P007", "写了条件，但没有写得多少分", ch.start, ch.end,
                                        hint="例如：达到90%，记5分"))
                out.append(rt.Fragment(text_of(ch.start, ch.end), span=span))
            else:
                out.append(rt.Fragment(text_of(ch.start, ch.end), span=span))
        pending = []

    def merged_condition() -> rt.Predicate | None:
        if not pending:
            return None
        if len(pending) == 1:
            ch = pending[0]
            if ch.kind == "words":
                return rt.Condition(ch.words, span=rt.Span(ch.start, ch.end))
            return ch.predicate
        a, b = pending[0].start, pending[-1].end
        return rt.Condition(text_of(a, b), span=rt.Span(a, b))

    for ch in chunks:
        if ch.sep and set(ch.sep) & _STRONG:
            flush()
        dun = ch.sep == "、"
        if ch.kind in ("words", "condition"):
            pending.append(ch)
            continue
        if ch.kind == "award":
            if out and isinstance(out[-1], _OpenChecklist) and ch.predicate is None:
                item = out.pop()
                end = pending[-1].end if pending else item.end
                pending = []
                out.append(rt.ChecklistItem(item.number, text_of(item.label_start, end).strip(),
                                            ch.points.value or Decimal(0), span=rt.Span(item.start, ch.end)))
                scored = True
                continue
            if ch.predicate is None:
                pred = merged_condition()
                pending = []
            else:
                pred = ch.predicate
                joins = isinstance(pred, rt.Condition) and pending and all(p.kind == "words" for p in pending) and (
                    dun or (scored and ch.extra.get("colon")))
                if joins:
                    a = pending[0].start
                    pred = rt.Condition(text_of(a, pred.span.end), span=rt.Span(a, pred.span.end))
                    pending = []
                flush()
            out.append(rt.Award(pred, ch.points, span=rt.Span(pred.span.start if pred else ch.start, ch.end)))
            scored = True
            continue
        if ch.kind == "checklist":
            flush()
            if ch.points is not None:
                out.append(rt.ChecklistItem(ch.extra["number"], ch.words, ch.points.value or Decimal(0),
                                            span=rt.Span(ch.start, ch.end)))
                scored = True
            else:
                out.append(_OpenChecklist(ch.extra["number"], ch.words, ch.start, ch.end, ch.extra["label_start"]))
            continue
        if ch.kind == "trigger":
            threshold = _single_compare(pending)
            if threshold is not None:
                pending = []
            flush()
            trigger = ch
            trigger.extra["threshold"] = threshold
            continue
        if ch.kind in ("step", "adjust"):
            adjust = ch.extra["adjust"]
            if ch.kind == "step" or trigger is not None:
                source = ch if ch.kind == "step" else trigger
                threshold = source.extra.get("threshold")
                if ch.kind == "step":
                    threshold = _single_compare(pending)
                    if threshold is not None:
                        pending = []
                    flush()
                trig = source.extra
                out.append(_make_step(trig, adjust, ch.extra.get("base"), threshold,
                                      rt.Span(source.start, ch.end)))
                trigger = None
            else:
                pred = ch.predicate or merged_condition()
                pending = []
                flush()
                out.append(rt.Deduct(pred, adjust["points"], span=rt.Span(pred.span.start if pred else ch.start, ch.end)))
            scored = True
            continue
        if ch.kind == "proportional":
            prop = ch.statement
            if prop.scope is None:
                threshold = _single_compare(pending, allow_between=True)
                if threshold is not None:
                    prop = _with(prop, scope=threshold)
                    pending = []
            flush()
            out.append(prop)
            scored = True
            continue
        if ch.kind == "statement":
            flush()
            if ch.words:
                out.append(rt.Context(ch.words, span=rt.Span(ch.start, ch.extra["words_span"].end)))
            out.append(ch.statement)
            if not isinstance(ch.statement, (rt.Standard, rt.Applies)):
                scored = True
            continue
        raise AssertionError(ch.kind)  # pragma: no cover
    flush(final=True)

    result = []
    for s in out:
        if isinstance(s, _OpenChecklist):
            diags.append(Diagnostic("P007", f"清单第{s.number}项没有写分值", s.start, s.end))
            result.append(rt.Fragment(text_of(s.start, s.end), span=rt.Span(s.start, s.end)))
        else:
            result.append(s)
    return result, diags


@dataclass
class _OpenChecklist:
    number: int
    label: str
    start: int
    end: int
    label_start: int


def _single_compare(pending: list[_Chunk], allow_between: bool = False):
    if len(pending) == 1 and pending[0].kind == "condition":
        pred = pending[0].predicate
        if isinstance(pred, rt.Compare) or (allow_between and isinstance(pred, rt.Between)):
            return pred
    return None


def _make_step(trig: dict, adjust: dict, base, threshold, span: rt.Span) -> rt.Step:
    verb = trig["verb"]
    direction = _DIRECTION[verb]
    return rt.Step(
        direction=direction, verb=verb, size=trig["size"], points=adjust["points"] if adjust["points"] is not None else Decimal(0),
        effect=adjust["effect"], subject=trig["subject"], reference=trig["reference"],
        alt_size=trig["alt_size"], what=trig["what"], base=base, threshold=threshold, span=span,
    )


# ---------------------------------------------------------------- entry points

_KNOWN_PHRASES = (
    "扣完为止", "满分为止", "最低为零分", "得满分", "不得分", "计满分", "按满分计算", "按完成比例计算得分",
    "按比例减分", "酌情扣分", "以上", "以下", "以内", "每减少", "每下降", "每超过", "每低于", "每增加",
    "扣满", "最多扣", "最高得", "不能超过该指标分值上限", "达到", "记", "计", "得",
)


def parse_rule(text: str | None) -> ParseResult:
    """Read `text`; never raises for any string. See `ParseResult.ok`."""
    if text is None or not text.strip():
        return ParseResult(text or "", None, (Diagnostic("P006", CODES["P006"][1], 0, len(text or "")),))
    # lark and the assembly build many small objects; pausing the cyclic collector keeps a long
    # rule linear (measured in bench/parse_bench.py) and frees nothing that would not be freed.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, fold(text))
    finally:
        if gc_was_enabled:
            gc.enable()


def _parse(text: str, folded: str) -> ParseResult:
    try:
        tree = _lark().parse(folded)
    except UnexpectedInput as exc:
        return ParseResult(text, None, (_syntax_diagnostic(text, folded, exc),))
    try:
        chunks = _ToChunks(folded).transform(tree)
    except VisitError as exc:
        bad = exc.orig_exc
        if isinstance(bad, _BadNumeral):
            t = bad.token
            return ParseResult(text, None, (Diagnostic("P001", f"「{text[t.start_pos:t.end_pos]}」不是正确的中文数字",
                                                       t.start_pos, t.end_pos),))
        raise
    statements, diags = _assemble(chunks, folded)
    rule = rt.Rule(tuple(statements), text=text, span=rt.Span(0, len(text)))
    # fragments: trailing ones are warnings (the rest still scores), inner ones errors
    inner = {id(f) for f in rule.inner_fragments}
    reported = {d.start for d in diags}
    for s in statements:
        if isinstance(s, rt.Fragment) and s.span.start not in reported:
            if id(s) not in inner:
                diags.append(Diagnostic("P003", f"末尾的「{text[s.span.start:s.span.end]}」未能理解，已忽略；其余部分照常计算",
                                        s.span.start, s.span.end, severity="warning"))
            else:
                diags.append(Diagnostic("P004", f"「{text[s.span.start:s.span.end]}」未能理解，它可能改变得分",
                                        s.span.start, s.span.end))
    if not any(not isinstance(s, (rt.Fragment, rt.Context, rt.Standard, rt.Applies)) for s in statements):
        if not any(d.severity == "error" for d in diags):
            diags.append(Diagnostic("P001", "没有找到任何计分规定（记几分、扣几分、按比例……）", 0, len(text)))
    diags.sort(key=lambda d: d.start)
    return ParseResult(text, rule, tuple(diags))


def parse(text: str) -> rt.Rule:
    """Read `text` or raise `RuleSyntaxError` with the first error-level diagnostic."""
    result = parse_rule(text)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if errors:
        raise RuleSyntaxError(text, errors[0])
    assert result.rule is not None
    return result.rule


def _syntax_diagnostic(text: str, folded: str, exc: UnexpectedInput) -> Diagnostic:
    if isinstance(exc, UnexpectedEOF) or (isinstance(exc, UnexpectedToken) and exc.token.type == "$END"):
        pos = len(text)
        return Diagnostic("P002", "评分标准在此处意外结束，后面缺少内容（例如分值）", max(0, pos - 1), pos,
                          hint=_did_you_mean(folded, _chunk_start(folded, pos)))
    pos = exc.pos_in_stream if exc.pos_in_stream is not None else 0
    if isinstance(exc, UnexpectedToken):
        end = exc.token.end_pos or pos + 1
        found = text[pos:end]
    else:
        end = pos + 1
        found = text[pos:end]
    message = f"无法理解「{found}」：这里应当是{_expected_words(exc)}"
    return Diagnostic("P001", message, pos, end, hint=_did_you_mean(folded, _chunk_start(folded, pos)))


def _chunk_start(folded: str, pos: int) -> int:
    i = min(pos, len(folded))
    while i > 0 and folded[i - 1] not in "，;。、|":
        i -= 1
    return i


def _did_you_mean(folded: str, start: int) -> str | None:
    end = start
    while end < len(folded) and folded[end] not in "，;。、|":
        end += 1
    window = folded[start:end]
    best = None
    for phrase in _KNOWN_PHRASES:
        if len(phrase) < 3:
            continue
        for i in range(0, max(1, len(window) - len(phrase) + 1)):
            piece = window[i : i + len(phrase)]
            if piece == phrase:
                continue
            if len(piece) == len(phrase) and sum(a != b for a, b in zip(piece, phrase)) == 1:
                best = (piece, phrase)
                break
        if best:
            break
    if best:
        return f"是不是「{best[1]}」？（写的是「{best[0]}」）"
    return None


_EXPECTED_WORDS = {
    "NUMBER": "数字", "CN_NUMBER": "数字", "FEN": "“分”", "UNIT": "单位", "SEP": "标点（，；）",
    "GET": "记/计/得", "ADJ_DOWN": "扣几分", "ADJ_UP": "加几分", "COLON": "冒号", "DASH": "“-”",
    "REFERENCE": "目标值", "CLASS": "类别", "UNTIL": "“为止”", "STANDARD_END": "“为标准”",
    "WORD": "文字", "FULL": "满分", "STAR": "“*”", "SLASH": "“/”",
}


def _expected_words(exc: UnexpectedInput) -> str:
    expected = getattr(exc, "expected", None) or getattr(exc, "allowed", None) or set()
    words = []
    for name in sorted(expected):
        word = _EXPECTED_WORDS.get(name)
        if word and word not in words:
            words.append(word)
    return "、".join(words[:5]) if words else "其他内容"
