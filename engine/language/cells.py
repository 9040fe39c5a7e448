"""Bands written as the cells of a table row, the points in a cell of their own.

技术培训人次完成率100%,培训资料全面 | 4 | 技术培训人次完成率80-99%,… | 3 | … | 2
≥95% | 10 | 90%-95% | 8 | <90% | 0
优秀 | 5 | 良好 | 3 | 一般 | 1

A cell that is nothing but a number (4) or points (4分, 得4分), between two "|" (or after the last), is the points
of the band cell before it: its chunk becomes an award without a condition, joined to that cell
as if written after a comma (the band's conditions then are the award's condition, as in
"…，得4分"). Only when the row has the shape: at least two such number cells, each right after a
cell of words or conditions. One pass over the chunks; positions are untouched.
"""

from __future__ import annotations


from engine.language import tree as rt
from engine.language.chunks import AwardChunk, Chunk, ConditionChunk

__all__ = ["cell_points"]


def _bare_number(chunk: Chunk) -> rt.Quantity | rt.Points | None:
    """4 read alone (a stated number with no unit, no subject, no words), or 4分 / 得4分 (points
    with no condition)."""
    if "|" not in chunk.sep:
        return None
    if isinstance(chunk, AwardChunk):
        return chunk.points if chunk.predicate is None and not chunk.respective else None
    if not isinstance(chunk, ConditionChunk):
        return None
    pred = chunk.predicate
    if not isinstance(pred, rt.Compare) or pred.op != "stated" or pred.subject or pred.tail or pred.against:
        return None
    operand = pred.operand
    if not isinstance(operand, rt.Quantity) or operand.unit not in (None, "分") or operand.alt is not None:
        return None
    return operand


def _cell_of_points(chunks: list[Chunk], i: int) -> rt.Quantity | rt.Points | None:
    """The points of chunk `i` when it is a cell of its own after a band cell."""
    number = _bare_number(chunks[i])
    if number is None or i == 0 or _bare_number(chunks[i - 1]) is not None or chunks[i - 1].awards_points:
        return None
    if i + 1 < len(chunks) and "|" not in chunks[i + 1].sep:
        return None
    return number


def cell_points(chunks: list[Chunk]) -> list[Chunk]:
    """The chunks with each points cell of a table row read as the award of the cell before."""
    if not any("|" in c.sep for c in chunks):
        return chunks
    found = {i: q for i in range(len(chunks)) if (q := _cell_of_points(chunks, i)) is not None}
    if len(found) < 2:
        return chunks
    out = list(chunks)
    for i, q in found.items():
        c = chunks[i]
        points = q if isinstance(q, rt.Points) else rt.Points(q.value, span=rt.Span(c.start, c.end))
        out[i] = AwardChunk(start=c.start, end=c.end, sep="，", item=c.item, item_span=c.item_span,
                            predicate=None, points=points)
    return out
