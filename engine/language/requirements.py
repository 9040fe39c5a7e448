"""Requirements written at length before the deduction that enforces them.

①…配套资金每年分两次拨付,每年6月底前预拨…不少于…的50,10月底前拨付剩余配套资金,未及时足额拨付一次扣1分:
the clauses before 未…扣 say what 及时足额 means; the deduction counts the times it was not met. Such a
clause writes no points, and as a clause it does not read (a syntax error) or reads only as a condition
with nothing to score (a deadline, a condition in words). When the rule scores only by deductions for
requirements not met (a deduction opening with a word of tiers.toml requirement.unmet) and gives no
points of its own, those clauses before the last such deduction are read as words (P016, a warning,
in place of the syntax error or of the fragment they would become): they cannot change the score
beyond what the deduction counts. A clause that writes points, a comparison of a measure, or any
clause of a rule that awards points stays as it is read (a comparison with last year counts as words:
the table never gives last year's value). Nothing here evaluates.
"""

from __future__ import annotations

from engine import lexicon
from engine.language import tree as rt
from engine.language.chunks import (AdjustChunk, AwardChunk, Chunk, ConditionChunk, FragmentChunk, StatementChunk,
                                    StepChunk)
from engine.language.diagnostics import SCORING_MARKS, Diagnostic
from engine.language.pieces import Piece, text_of

__all__ = ["enforced_requirements"]

_UNMET = tuple(lexicon.words("tiers.requirement.unmet"))


def enforced_requirements(text: str, cleaned: str, read: list[tuple[Piece, list[Chunk]]],
                          diags: list[Diagnostic]) -> list[tuple[Piece, list[Chunk]]]:
    """`read` (each piece with its chunks) with the requirements a deduction enforces read as words."""
    last = _last_unmet_deduction(cleaned, read)
    if last is None or any(_scores(ch) for _, chunks in read for ch in chunks):
        return read
    deduction = text_of(cleaned, read[last][0].start, read[last][0].end)
    out = []
    for i, (piece, chunks) in enumerate(read):
        if i < last and _requirement(text, piece, chunks):
            chunks = [_as_words(cleaned, piece, deduction, diags)]
        out.append((piece, chunks))
    return out


def _last_unmet_deduction(cleaned: str, read: list[tuple[Piece, list[Chunk]]]) -> int | None:
    found = None
    for i, (_, chunks) in enumerate(read):
        for ch in chunks:
            deducts = isinstance(ch, (StepChunk, AdjustChunk)) and ch.adjust.effect == "deduct"
            if deducts and text_of(cleaned, ch.start, ch.end).startswith(_UNMET):
                found = i
    return found


def _scores(ch: Chunk) -> bool:
    """An award of points (不得分 is none), or any clause that scores other than by deducting."""
    if isinstance(ch, AwardChunk):
        return ch.points.value is None or ch.points.value != 0
    return ch.gives_points and not isinstance(ch, (StepChunk, AdjustChunk)) \
        or (isinstance(ch, (StepChunk, AdjustChunk)) and ch.adjust.effect != "deduct")


def _requirement(text: str, piece: Piece, chunks: list[Chunk]) -> bool:
    """A clause with no points that does not read, or reads as a condition on words or a date."""
    if SCORING_MARKS.search(text[piece.start:piece.end]) or not chunks:
        return False
    return all(isinstance(ch, FragmentChunk) or (isinstance(ch, ConditionChunk) and _worded(ch.predicate))
               for ch in chunks)


_LAST_YEAR = tuple(lexicon.words("comparators.rule.last_year"))


def _worded(pred: rt.Predicate) -> bool:
    """A condition in words, on a date (10月底前拨付), or against last year (不少于上年…): nothing the
    table's target and actual decide as a number."""
    if isinstance(pred, rt.Condition):
        return True
    if not isinstance(pred, rt.Compare):
        return False
    return isinstance(pred.operand, rt.DateMark) or (isinstance(pred.operand, rt.Reference)
                                                     and pred.operand.name.startswith(_LAST_YEAR))


def _as_words(cleaned: str, piece: Piece, deduction: str, diags: list[Diagnostic]) -> Chunk:
    for d in [d for d in diags if d.code in ("P001", "P002") and piece.start <= d.start < max(piece.end, piece.start + 1)]:
        diags.remove(d)
    words = text_of(cleaned, piece.start, piece.end)
    diags.append(Diagnostic("P016", f"「{words}」按文字要求读取：它是「{deduction}」所扣分的要求，其中的数值不单独比较",
                            piece.start, piece.end, severity="warning"))
    return StatementChunk(start=piece.start, end=piece.end, statement=rt.Context(words, span=rt.Span(piece.start, piece.end)))
