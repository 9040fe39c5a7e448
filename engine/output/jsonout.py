"""JSON with exact numbers: Decimals are written digit for digit, never through float.

`render_json(result)` is `rescore --format json`: `ReportResult.to_dict()` (the contract in
docs/output.md) written with `dumps`. Nothing here decides what the keys are.
"""

from __future__ import annotations

import json
import re
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
    text = _indented(obj) if indent == 2 else None
    if text is None:
        text = json.dumps(_prepare(obj), ensure_ascii=False, indent=indent)
    return _RAW.sub(lambda m: m.group(1), text)


def _marked(obj: Any) -> str:
    if isinstance(obj, Decimal):
        return f"{_MARK}{format(obj, 'f')}\u0000"
    raise TypeError(f"not JSON: {type(obj).__name__}")


def _indented(obj: Any) -> str | None:
    """json.dumps(_prepare(obj), ensure_ascii=False, indent=2), byte for byte, through orjson:
    the standard library writes indented JSON in pure Python (seconds for a 100k-indicator
    report). None when orjson cannot write it the same way (an integer beyond 64 bits, a type
    json refuses too): the caller then takes json's way."""
    import orjson

    options = (orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATACLASS
               | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_SUBCLASS)
    try:
        return orjson.dumps(obj, default=_marked, option=options).decode()
    except TypeError:
        return None


def render_json(result: ReportResult) -> str:
    return dumps(result.to_dict(), indent=2)
