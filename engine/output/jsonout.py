"""JSON with exact numbers: Decimals are written digit for digit, never through float.

`render_json(result)` is `rescore --format json`: `ReportResult.to_dict()` (the contract in
docs/output.md) written with `dumps`. Nothing here decides what the keys are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engine.review.result import ReportResult

_MARK = "\u0000DEC:"
_RAW = re.compile(r'"\\u0000DEC:(-?[0-9]+(?:\.[0-9]+)?)\\u0000"')


def _prepare(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return f"{_MARK}{format(obj, 'f')}\u0000"
    if isinstance(obj, dict):
        return {k: _prepare(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_prepare(v) for v in obj]
    return obj


def dumps(obj: Any, indent: int | None = None) -> str:
    """Like json.dumps (ensure_ascii off); a Decimal becomes a JSON number with its digits."""
    if indent == 2:
        return dumps_bytes(obj).decode()
    return _RAW.sub(lambda m: m.group(1), json.dumps(_prepare(obj), ensure_ascii=False, indent=indent))


def dumps_bytes(obj: Any) -> bytes:
    """`dumps(obj, indent=2)` as UTF-8 bytes, made once: a 100k-indicator report is 190 MB of
    JSON, which as a Python str (two bytes a character once any is Chinese) and a second pass to
    write the Decimals would hold three copies of it at once. orjson writes each Decimal's digits
    itself (a Fragment), byte for byte what json.dumps(_prepare(obj), ensure_ascii=False,
    indent=2) gives; where orjson cannot write a value the same way (an integer beyond 64 bits, a
    type json refuses too) json's way is taken."""
    import orjson

    options = (orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS
               | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_SUBCLASS)
    try:
        return orjson.dumps(obj, default=_fragment, option=options)
    except TypeError:
        text = json.dumps(_prepare(obj), ensure_ascii=False, indent=2)
        return _RAW.sub(lambda m: m.group(1), text).encode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class _Layout:
    """How `_pieces` joins what `dump` writes: the indented JSON of `dumps_bytes`, or the one
    compact line of `dumps_line_bytes`."""

    dump: Callable[[Any], bytes]
    newline: bytes  # b"\n" before each element, or nothing
    step: bytes  # the indentation of one level
    colon: bytes  # between a key and its value

    def gap(self, depth: int) -> bytes:
        return self.newline + self.step * depth


def dumps_pieces(obj: Any, depth: int = 0) -> Iterator[bytes]:
    """`dumps_bytes(obj)` in pieces, byte for byte: an iterator in `obj` (a generator, e.g. the
    tables of `ReportResult.to_dict(lazy=True)`) is written as a list a few elements at a time,
    and a dict that holds one (as a value, or in a dict it holds; lists are not looked into)
    key by key, so that a large report's JSON is never whole in memory, neither as data nor as
    bytes. Everything else is `dumps_bytes` of the value, its lines indented to where it stands
    (JSON text has no newline inside a string)."""
    return _pieces(obj, depth, _INDENTED)


def dumps_line_pieces(obj: Any) -> Iterator[bytes]:
    """`dumps_line_bytes(obj)` in pieces, byte for byte, as `dumps_pieces` is `dumps_bytes`: a
    large report's JSON Lines object is written as it is made."""
    return _pieces(obj, 0, _COMPACT)


def _pieces(obj: Any, depth: int, layout: _Layout) -> Iterator[bytes]:
    inner = layout.gap(depth + 1)
    if _is_lazy(obj) and not isinstance(obj, Iterator):
        yield b"{"
        for i, (key, value) in enumerate(obj.items()):
            yield (b"," if i else b"") + inner + layout.dump(key) + layout.colon
            yield from _pieces(value, depth + 1, layout)
        yield layout.gap(depth) + b"}"
    elif isinstance(obj, Iterator):
        yield from _list_pieces(obj, depth, layout)
    else:
        yield _indented(layout.dump(obj), depth, layout)


_BATCH = 256  # elements of an iterator written by one dump call


def _list_pieces(values: Iterator[Any], depth: int, layout: _Layout) -> Iterator[bytes]:
    """The list of `values` at `depth`: plain elements `_BATCH` at a time (the lines of their
    list's JSON, without its brackets), an element that holds an iterator in pieces itself."""
    inner, opened, batch = layout.gap(depth + 1), False, []
    bare = slice(1, -1 - len(layout.newline))  # a list's JSON without "[" and "]" (and the newline before it)
    for value in values:
        if not _is_lazy(value):
            batch.append(value)
            if len(batch) < _BATCH:
                continue
        if batch:
            yield (b"," if opened else b"[") + _indented(layout.dump(batch)[bare], depth, layout)
            opened, batch = True, []
        if _is_lazy(value):
            yield (b"," if opened else b"[") + inner
            yield from _pieces(value, depth + 1, layout)
            opened = True
    if batch:
        yield (b"," if opened else b"[") + _indented(layout.dump(batch)[bare], depth, layout)
        opened = True
    yield layout.gap(depth) + b"]" if opened else b"[]"


def _indented(data: bytes, depth: int, layout: _Layout) -> bytes:
    if depth and layout.newline and b"\n" in data:
        return data.replace(b"\n", layout.gap(depth))
    return data


_PLAIN = frozenset({str, int, float, bool, Decimal, type(None), list, tuple})


def _is_lazy(obj: Any) -> bool:
    """An iterator, or a dict that holds one (as a value, or in a dict it holds)."""
    kind = type(obj)
    if kind in _PLAIN:
        return False
    if kind is dict:
        return any(_is_lazy(v) for v in obj.values())
    return isinstance(obj, Iterator)


def dumps_line_bytes(obj: Any) -> bytes:
    """`obj` as one line of compact JSON (`,` and `:` with no spaces), UTF-8 bytes made once:
    a JSON Lines object of a 100k-indicator report, without the str copies `dumps` makes.
    Byte for byte what json.dumps(_prepare(obj), ensure_ascii=False, separators=(",", ":"))
    gives, which is taken where orjson cannot write a value the same way."""
    import orjson

    options = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME \
        | orjson.OPT_PASSTHROUGH_SUBCLASS
    try:
        return orjson.dumps(obj, default=_fragment, option=options)
    except TypeError:
        text = json.dumps(_prepare(obj), ensure_ascii=False, separators=(",", ":"))
        return _RAW.sub(lambda m: m.group(1), text).encode("utf-8", "backslashreplace")


_INDENTED = _Layout(dumps_bytes, b"\n", b"  ", b": ")
_COMPACT = _Layout(dumps_line_bytes, b"", b"", b":")


def _fragment(obj: Any) -> Any:
    import orjson

    if isinstance(obj, Decimal):
        return orjson.Fragment(format(obj, "f"))
    raise TypeError(f"not JSON: {type(obj).__name__}")


def render_json(result: ReportResult) -> str:
    return dumps(result.to_dict(), indent=2)
