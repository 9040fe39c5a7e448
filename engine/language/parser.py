"""Read 评分标准 text into an `engine.language.tree.Rule`: the public entry points.

Three stages, each linear in the input:
1. `fold` the text one character to one character (positions are preserved);
2. `read_chunks` (engine.language.transform): lark (LALR, contextual lexer, the grammar of
   engine.language.grammar) parses it into the flat list of its phrases, building each as the
   parser reduces it (no parse tree is built);
3. `assemble` (engine.language.assemble) joins neighbouring phrases into statements and keeps
   the rest as context (leading words the score does not depend on) or fragments.

This is the only module where lark's exceptions are caught: they become `Diagnostic`s here,
with a code, a Chinese message and the character span. It does not evaluate anything.
"""

from __future__ import annotations

import bisect
import re
import itertools

from lark.exceptions import UnexpectedEOF, UnexpectedInput, UnexpectedToken

from engine.language import tree as rt
from engine.language.assemble import assemble
from engine.language.blurred import resolve_blurred
from engine.language.cells import cell_points
from engine.language.diagnostics import (CODES, Diagnostic, RuleSyntaxError, chunk_start, did_you_mean,
                                         expected_words, fragment_diagnostics)
from engine.language.operands import BadNumeral, InexactShare, PercentPoints, UnevenCap, UnevenInclusion, UnreadPeriod
from engine.language.chunks import Chunk, ConditionChunk, FragmentChunk, StatementChunk
from engine.language.diagnostics import (SCORING_MARKS, debris_notes, digit_diagnostics, example_notes, not_a_rule,
                                         recovery_notes)
from engine.language.examples import drop_examples, find_examples
from engine.language.result import ParseResult
from engine.language.requirements import enforced_requirements
from engine.language.pieces import DROPPED, Lexable, Piece, clean, lexable, pieces, text_of, without_items
from engine.language.widths import fatal, width_diagnostics
from engine.language.transform import PIECE, placed, read_chunks, read_pieces, reader_parser
from engine.text.fold import fold

__all__ = ["CODES", "Diagnostic", "ParseResult", "RuleSyntaxError", "parse", "parse_rule"]

_lark = reader_parser  # the old name, for callers that build the parser ahead (bench/)


def parse_rule(text: str | None) -> ParseResult:
    """Read `text`; never raises for any string. See `ParseResult.ok`."""
    if text is None or not text.strip():
        return ParseResult(text or "", None, (Diagnostic("P006", CODES["P006"][1], 0, len(text or "")),))
    return _parse(text, fold(text))


def parse(text: str) -> rt.Rule:
    """Read `text` or raise `RuleSyntaxError` with the first error-level diagnostic."""
    result = parse_rule(text)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    if errors:
        raise RuleSyntaxError(text, errors[0])
    assert result.rule is not None
    return result.rule


def _parse(text: str, folded: str) -> ParseResult:
    examples = find_examples(folded)
    if examples:  # the rule's own worked examples are no clauses: dropped, positions kept
        folded = drop_examples(folded, examples, DROPPED)
    cleaned, debris = clean(folded)
    diags: list[Diagnostic] = debris_notes(text, debris) + digit_diagnostics(text) + example_notes(text, examples)
    cut = [(p, lexable(cleaned, p.start, p.end)) for p in pieces(without_items(folded, debris))]
    chunks: list[Chunk] = []
    item: tuple[int, tuple[int, int] | None] | None = None
    read = _read_enforced(text, cleaned, cut, diags)
    numbered = sum(p.item is not None for p, _ in cut) >= 2
    in_item = False
    for piece, lex in cut:
        if piece.item is not None:
            item = (piece.item, piece.item_span)
            in_item = True
        if not lex.text:
            continue
        piece_chunks = read.pop(0)
        if numbered and in_item:
            piece_chunks = _requirement(text, cleaned, piece, piece_chunks, diags)
        first, *_ = piece_chunks
        first.sep = piece.sep
        if item is not None:  # an item number, on this piece or on an empty one before it
            first.item, first.item_span = item
            item = None
        chunks += piece_chunks
    statements, found = assemble(cell_points(chunks), cleaned)
    statements, blurred = resolve_blurred(statements, cleaned)
    diags += found + blurred
    rule = rt.Rule(tuple(statements), text=text, span=rt.Span(0, len(text)), examples=tuple(examples))
    diags = not_a_rule(rule, text, diags) or diags + fragment_diagnostics(rule, text, diags)
    widths = width_diagnostics(rule)
    diags = sorted(diags + widths, key=lambda d: d.start)
    return ParseResult(text, None if fatal(widths) else rule, tuple(diags))


def _read_enforced(text: str, cleaned: str, cut: list[tuple[Piece, Lexable]], diags: list[Diagnostic]) -> list[list[Chunk]]:
    """The chunks of each piece that has text, with the requirements a deduction enforces read as words
    (engine.language.requirements)."""
    lexed = [(p, lex) for p, lex in cut if lex.text]
    read = _read_all(text, cleaned, lexed, diags)
    return [c for _, c in enforced_requirements(text, cleaned, [(p, c) for (p, _), c in zip(lexed, read)], diags)]


def _requirement(text: str, cleaned: str, piece: Piece, chunks: list[Chunk], diags: list[Diagnostic]) -> list[Chunk]:
    """A piece of a numbered item that did not parse and writes no points (60岁以上符合领取待遇的老人
    100%享受…待遇, 每半年至少组织一次现场处置方案演练的) is a requirement of the item: its words, read
    as words (P016, a warning, in place of the syntax error); the item's points come from its award
    or from 以上指标,每项1.5分. A piece that writes points stays unread."""
    if len(chunks) != 1 or not isinstance(chunks[0], FragmentChunk) or SCORING_MARKS.search(text[piece.start:piece.end]):
        return chunks
    errors = [d for d in diags if d.code in ("P001", "P002") and piece.start <= d.start < max(piece.end, piece.start + 1)]
    for d in errors:
        diags.remove(d)
    words = text_of(cleaned, piece.start, piece.end)
    diags.append(Diagnostic("P016", f"编号项里的「{words}」按文字要求读取：其中的数值不单独比较", piece.start, piece.end,
                            severity="warning"))
    return [ConditionChunk(start=piece.start, end=piece.end, predicate=rt.Condition(words, span=rt.Span(piece.start, piece.end)))]


def _read_all(text: str, folded: str, cut: list[tuple[Piece, Lexable]], diags: list[Diagnostic]) -> list[list[Chunk]]:
    """The chunks of each piece, read in blocks of `_BLOCK` pieces, each in one pass (see
    `_read_block`)."""
    if not cut or PIECE in folded:
        return [_read_piece(text, folded, piece, lex, diags) for piece, lex in cut]
    return [c for i in range(0, len(cut), _BLOCK) for c in _read_block(text, folded, cut[i:i + _BLOCK], diags)]


_BLOCK = 64
"""Pieces read in one pass: enough that lark's cost per call is spread thin, few enough that a
piece that does not parse costs at most a block read again."""


def _read_block(text: str, folded: str, cut: list[tuple[Piece, Lexable]], diags: list[Diagnostic]) -> list[list[Chunk]]:
    """The chunks of each piece: in one pass while the pieces parse; a piece that does not is
    read on its own (a fragment with its diagnostic) and the pass goes on after it. An LALR
    parser stops in the piece that does not parse, so the pieces before it are read again in one
    pass: each piece is read at most three times."""
    out: list[list[Chunk]] = []
    start = 0
    while start < len(cut):
        rest = [lex for _, lex in cut[start:]]
        try:
            chunks, recovered = read_pieces(folded, rest)
            diags += recovery_notes(recovered)
            return out + chunks
        except BadNumeral:
            return out + [_read_piece(text, folded, piece, lex, diags) for piece, lex in cut[start:]]
        except UnexpectedInput as exc:
            failed = start + _failing_piece(exc, rest)
        out += _read_block(text, folded, cut[start:failed], diags) if failed > start else []
        out.append(_read_piece(text, folded, *cut[failed], diags))
        start = failed + 1
    return out


def _failing_piece(exc: UnexpectedInput, pieces: list[Lexable]) -> int:
    """The index of the piece a one-pass read stopped in (the PIECE after a piece is its own)."""
    if isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        pos = exc.token.start_pos or 0
    elif isinstance(exc, UnexpectedToken) or isinstance(exc, UnexpectedEOF):
        return len(pieces) - 1
    else:
        pos = exc.pos_in_stream or 0
    ends = list(itertools.accumulate(len(p.text) + 1 for p in pieces))  # where each piece's PIECE sits, + 1
    return min(bisect.bisect_right(ends, pos), len(pieces) - 1)


# 完成率=完成数/任务数 / 任务完成率=实际完成数/计划数×100%: how the measure the bands score is
# computed, with no points of its own (no 分, 扣, 得, 记, 计 in it)
_MEASURE_DEFINED = re.compile(r"\s*[^\s0-9=:，;。、|()\ue000]{0,16}?(?:率|比例|比重|指数|系数)\s*=([^=\ue000]*[/÷][^=\ue000]*)")
_POINTS_WORDS = re.compile(r"扣|得|[记计]分|[0-9]\s*分")


def _defines_a_measure(lexed: str) -> bool:
    match = _MEASURE_DEFINED.fullmatch(lexed)
    return match is not None and _POINTS_WORDS.search(match.group(1)) is None


def _read_piece(text: str, folded: str, piece: Piece, lex: Lexable, diags: list[Diagnostic]) -> list[Chunk]:
    try:
        chunks, recovered = read_chunks(folded, lex)
        diags += recovery_notes(recovered)
        return chunks
    except UnexpectedInput as exc:
        if _defines_a_measure(lex.text):  # the table's actual is that measure: context of the rule
            words = text_of(folded, piece.start, piece.end)
            return [StatementChunk(start=piece.start, end=piece.end, statement=rt.Context(words, span=rt.Span(piece.start, piece.end)))]
        diags.append(_syntax_diagnostic(text, folded, exc, lex))
    except BadNumeral as bad:
        diags.append(_numeral_diagnostic(text, bad))
    return [FragmentChunk(start=piece.start, end=piece.end)]


# ---------------------------------------------------------------- lark's exceptions


def _numeral_diagnostic(text: str, bad: BadNumeral) -> Diagnostic:
    start, end = bad.token.start_pos or 0, bad.token.end_pos or 0
    if isinstance(bad, PercentPoints):
        return Diagnostic("P014", f"「{text[start:end]}」：{CODES['P014'][1]}", start, end)
    if isinstance(bad, UnevenInclusion):
        return Diagnostic("P004", f"「{text[start:end]}」所含的数与它前面的界限不同，未能理解，它可能改变得分", start, end)
    if isinstance(bad, UnreadPeriod):
        return Diagnostic("P004", f"「{text[start:end]}」后的次数不是“至少”的要求，无法换算成全年次数，未能理解，它可能改变得分",
                          start, end)
    if isinstance(bad, InexactShare):
        return Diagnostic("P004", f"「{text[start:end]}」这一分值份额无法写成精确的百分数，未能理解，它可能改变得分", start, end)
    if isinstance(bad, UnevenCap):
        return Diagnostic("P004", f"「{text[start:end]}」超过的界限与按其计算的数不同，未能理解，它可能改变得分", start, end)
    return Diagnostic("P001", f"「{text[start:end]}」不是正确的中文数字", start, end)


def _syntax_diagnostic(text: str, folded: str, exc: UnexpectedInput, lex: Lexable) -> Diagnostic:
    if isinstance(exc, UnexpectedEOF) or (isinstance(exc, UnexpectedToken) and exc.token.type == "$END"):
        pos = lex.where[-2] + 1 if len(lex.where) > 1 else lex.where[-1]
        return Diagnostic("P002", "评分标准在此处意外结束，后面缺少内容（例如分值）", max(0, pos - 1), pos,
                          hint=did_you_mean(folded, chunk_start(folded, pos)))
    if isinstance(exc, UnexpectedToken):  # a token not yet reduced: its place in the piece as lexed
        pos = placed(lex, exc.token.start_pos or 0)
        end = placed(lex, (exc.token.end_pos or 1) - 1) + 1
    else:
        pos = placed(lex, exc.pos_in_stream or 0)
        end = pos + 1
    expected = getattr(exc, "expected", None) or getattr(exc, "allowed", None) or set()
    message = f"无法理解「{text[pos:end]}」：这里应当是{expected_words(expected)}"
    return Diagnostic("P001", message, pos, end, hint=did_you_mean(folded, chunk_start(folded, pos)))
