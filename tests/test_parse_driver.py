"""engine.language.drive runs lark's tables in one loop; it must give what lark's own parse
gives, on every real phrase, and hand every text lark rejects back to lark (Fallback) so the
diagnostics stay lark's."""

from __future__ import annotations

from pathlib import Path

import pytest
from lark.exceptions import UnexpectedInput

from engine.language import drive, transform
from engine.language.drive import Driver, Fallback
from engine.language.parser import parse_rule
from support import shared

LOCAL = Path(__file__).resolve().parent / "corpus"


def _phrases() -> list[str]:
    texts: list[str] = []
    for path in (shared("corpus", "phrases.tsv"), shared("corpus", "phrases-2.tsv"), shared("corpus", "worked-2.tsv"),
                 *sorted(LOCAL.glob("*.tsv"))):
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
        texts += [line.split("\t")[0] for line in lines if line.strip()]
    return texts


PHRASES = _phrases()


def _without_driver(text: str, monkeypatch: pytest.MonkeyPatch) -> object:
    reader = transform._reader()
    with monkeypatch.context() as m:
        m.setattr(reader, "driver", None)
        return parse_rule(text)


def test_the_driver_is_built_for_this_lark() -> None:
    assert transform._reader().driver is not None


def test_the_driver_reads_every_phrase_as_lark_does(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(PHRASES) > 600
    differ = [t for t in PHRASES if parse_rule(t) != _without_driver(t, monkeypatch)]
    assert differ == []


def test_a_text_lark_rejects_falls_back_and_lark_rejects_it() -> None:
    reader = transform._reader()
    assert reader.driver is not None
    bad = ["((", "5分分", "每降低", "得满分得", "，"]  # a token out of place, an early end, a character no terminal takes
    for text in bad:
        with pytest.raises(Fallback):
            reader.driver.parse(text)
        with pytest.raises(UnexpectedInput):
            reader.lark.parse(text)


def test_the_driver_returns_the_value_lark_returns_for_a_text_that_parses() -> None:
    reader = transform._reader()
    assert reader.driver is not None
    text = "每降低1个百分点扣0.5分"
    reader.where = tuple(range(len(text) + 1))
    reader.rules.folded, reader.rules.recovered, reader.bad = text, [], None
    ours = reader.driver.parse(text)
    theirs = reader.lark.parse(text)
    assert ours.value == theirs.value and (ours.start, ours.end) == (theirs.start, theirs.end) == (0, len(text))


def test_a_lark_laid_out_otherwise_gets_no_driver() -> None:
    class Other:
        parser = object()

    assert Driver.of(Other()) is None  # type: ignore[arg-type]


def test_a_state_lexer_is_compiled_only_when_the_parse_reaches_it() -> None:
    """Compiling every state's alternation up front cost the first parse of a run ~250 ms."""
    reader = transform._reader()
    driver = Driver(reader.lark)
    assert driver.lexers == {}
    text = "每降低1个百分点扣0.5分"
    reader.where = tuple(range(len(text) + 1))
    reader.rules.folded, reader.rules.recovered, reader.bad = text, [], None
    driver.parse(text)
    assert 0 < len(driver.lexers) < len(driver.contextual) // 10


def test_lexing_terminal_by_terminal_reads_every_phrase_as_lark_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """A state not yet hot tries its terminals one by one: the same tokens as its alternation."""
    reader = transform._reader()
    monkeypatch.setattr(drive, "ALTERNATION_AFTER", 10**9)
    one_by_one = Driver(reader.lark)
    with monkeypatch.context() as m:
        m.setattr(reader, "driver", one_by_one)
        ours = [parse_rule(t) for t in PHRASES]
    assert all(scan[3] is not None for scan in one_by_one.lexers.values())  # none was promoted
    assert len(one_by_one.lexers) > 150
    differ = [t for t, result in zip(PHRASES, ours) if result != _without_driver(t, monkeypatch)]
    assert differ == []


def test_the_one_by_one_order_is_the_order_of_lark_s_alternation() -> None:
    reader = transform._reader()
    driver = Driver(reader.lark)
    seen: set[int] = set()
    for lexer in driver.contextual.values():
        if id(lexer) in seen:
            continue
        seen.add(id(lexer))
        one_by_one = driver._one_by_one(lexer)
        alternation = [t.name for t in lexer.scanner.terminals]
        if one_by_one is None:
            assert lexer.callback or lexer.user_callbacks
        else:
            assert [next(n for n, i in mre.groupindex.items() if i == 1) for mre in one_by_one] == alternation
    assert len(seen) > 50


def test_a_hot_state_gets_its_alternation() -> None:
    reader = transform._reader()
    driver = Driver(reader.lark)
    text = "每降低1个百分点扣0.5分"
    for _ in range(drive.ALTERNATION_AFTER + 1):
        reader.where = tuple(range(len(text) + 1))
        reader.rules.folded, reader.rules.recovered, reader.bad = text, [], None
        driver.parse(text)
    assert all(scan[3] is None for scan in driver.lexers.values())
