"""A piece that does not parse costs its block, not the whole rule (engine.language.parser
_read_all): the pieces around it are read as they would be alone, and a long rule whose last
piece is cut off mid-clause is read in one pass but for that piece. Counted in lark calls, not
timed."""

from __future__ import annotations

from engine.language import parser as P
from engine.language.parser import parse_rule

CLAUSE = "99%-90%的得27分,89%-80%的得24分,"


def _read(monkeypatch, text: str):
    """The rule read, and how many pieces lark was handed in all."""
    seen = []
    real = P.read_pieces

    def counting(folded, pieces):
        seen.append(len(pieces))
        return real(folded, pieces)

    monkeypatch.setattr(P, "read_pieces", counting)
    result = parse_rule(text)
    return result, sum(seen)


def test_a_cut_off_last_piece_is_read_alone(monkeypatch) -> None:
    text = CLAUSE * 200 + "89%-"  # the clause cut off after its first edge
    result, handed = _read(monkeypatch, text)
    pieces = 2 * 200 + 1
    # every block once, and the last block (which fails) once more less its last piece
    assert pieces < handed <= pieces + P._BLOCK
    assert [d.code for d in result.diagnostics if d.severity == "error"] == ["P002"]
    whole = parse_rule(CLAUSE * 200)
    assert result.rule.statements[:len(whole.rule.statements)] == whole.rule.statements


def test_failing_pieces_among_good_ones_read_as_alone() -> None:
    good = "达到90%得10分"
    bad = "89%-"
    text = "；".join([good, bad, good, bad, good])
    result = parse_rule(text)
    alone = [parse_rule(t) for t in (good, bad)]
    assert alone[0].ok and not alone[1].ok
    statements = result.rule.statements
    assert sum(1 for s in statements if s == alone[0].rule.statements[0]) == 3
