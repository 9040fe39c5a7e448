"""Generators of hostile inputs, shared by the fuzz tests (tests/test_fuzz.py) and the long run
(bench/fuzz.py).

Two kinds of input, each in two forms built on the same vocabulary and the same mutation code:

- rule texts (评分标准): the language's own words — every word of engine/lexicon/*.toml and every
  literal word of the grammar's terminals (engine/language/rule.lark) — with numbers (ASCII,
  full-width, Chinese, huge, zero, negative, other scripts' digits), units, %, 分, 扣, 加, 每,
  separators and brackets, mixed with noise (any code point, control and format characters, lone
  surrogates, long runs of one character);
- reports: JSON documents shaped on the report's JSON Schema (`rescore schema`), and mutations of
  the shipped example (a field deleted, duplicated or retyped, huge numbers, NaN-like strings,
  deep nesting, wrong types). A report is returned as JSON *text*, so that what no Python value
  can be written as (an integer of 5,000 digits, nesting 10⁵ deep) can still be tried.

The hypothesis strategies (`rule_texts`, `cells`, `weights`, `schema_reports`, `mutated_reports`)
are for the tests, which shrink what they find; the seeded generators (`random_rule`,
`random_cell`, `random_weight`, `random_report`) draw from the same lists with `random.Random`,
about a hundred times faster, for bench/fuzz.py's 10⁶ cases. Nothing here imports hypothesis at
module level except through `hypothesis_strategies()`, so that the bench runs without it.
"""

from __future__ import annotations

import copy
import json
import random
import re
import tomllib
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction  # noqa: F401  (tests use it as strategies.Fraction)
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hengyang-2024" / "report.json"

# ---------------------------------------------------------------- vocabulary


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


@lru_cache(maxsize=1)
def lexicon_words() -> tuple[str, ...]:
    """Every word of engine/lexicon/*.toml (keys and values), sorted for a stable order."""
    found: set[str] = set()
    for path in sorted((ROOT / "engine" / "lexicon").glob("*.toml")):
        found.update(w for w in _strings(tomllib.loads(path.read_text(encoding="utf-8"))) if w.strip())
    return tuple(sorted(found))


@lru_cache(maxsize=1)
def grammar_words() -> tuple[str, ...]:
    """The literal words of the grammar's terminals: quoted strings and the runs of CJK (and
    the symbols) inside its regular expressions, e.g. 扣完为止, 以此类推, (含)."""
    text = (ROOT / "engine" / "language" / "rule.lark").read_text(encoding="utf-8")
    found = set(re.findall(r'"([^"\\]{1,12})"', text))
    found.update(re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]{1,12}", text))
    found.update(re.findall(r"\\?\(([含包括不本数]{1,4})\\?\)", text))
    return tuple(sorted(w for w in found if w.strip()))


STRUCTURE = ("%", "分", "扣", "加", "每", "记", "计", "得", "满分", "扣完为止", "不得分", "以上", "以下", "以内",
             "(含)", "(不含)", "-", "至", "到", "~", "±", "≥", "≤", ">", "<", "=", "＞", "＜", "≧", "≦",
             "，", "；", "。", "、", "：", ":", ",", ";", ".", " ", "\n", "\t", "(", ")", "（", "）", "【", "】",
             "[", "]", "\"", "“", "”", "*", "/", "÷", "+", "x", "X", "个百分点", "百分之", "元", "万元", "天",
             "个", "项", "次", "例", "Ⅰ类", "Ⅲ类", "劣Ⅴ类", "\ue000", "分别", "否则", "或", "且")

ODD_DIGITS = ("٣", "٥", "۴", "३", "৫", "๓", "²", "³", "¹", "⁵", "₃", "⑤", "⑴", "⒌", "①", "𝟑", "𝟓", "Ⅻ", "ⅷ",
              "〇", "𝍩", "߃", "᠓", "٫", "٬", "\u2212", "\u2007", "\u00a0", "\u202f")

NAN_LIKE = ("NaN", "nan", "-NaN", "sNaN", "Infinity", "-Infinity", "inf", "-inf", "1e400", "-1e400", "1e-400",
            "1e999999", "1E+9999999", "1e-999999999", "0e0", "-0", "+0", "0x10", "1_0", "1,0", "١٠", "１０",
            "十", "null", "None", "true", "", " ", "/", "—", "无", "9" * 60, "0." + "0" * 40 + "1")

NOISE_RANGES = ((0x0, 0x20), (0x7F, 0xA0), (0x200B, 0x2010), (0x202A, 0x202F), (0x2066, 0x206A), (0xD800, 0xDFFF),
                (0xE000, 0xE010), (0xFE00, 0xFE10), (0xFFF0, 0xFFFF), (0x1F300, 0x1F64F), (0x10FFF0, 0x10FFFF),
                (0x20, 0x7E), (0x4E00, 0x9FFF), (0xFF01, 0xFF5E), (0x0660, 0x0669), (0x0966, 0x096F))


@lru_cache(maxsize=1)
def vocabulary() -> tuple[str, ...]:
    """The words a rule text is built from: lexicon, grammar and structure, each once."""
    return tuple(sorted(set(lexicon_words()) | set(grammar_words()) | set(STRUCTURE)))


# ---------------------------------------------------------------- numbers (one list, two drawers)

def number_text(rng: random.Random) -> str:
    """A number as a rule or a cell may print it, usual more often than strange."""
    kind = rng.randrange(12)
    if kind < 4:
        return str(rng.choice((0, 1, 2, 3, 5, 10, 15, 20, 50, 80, 85, 90, 95, 100, rng.randrange(1000))))
    if kind < 6:
        return f"{rng.randrange(200)}.{rng.randrange(100):02d}"
    if kind == 6:
        return rng.choice(("一", "二", "两", "三", "五", "十", "十五", "一百", "半", "零", "百分之五", "百分之九十五", "一点五"))
    if kind == 7:
        return "".join(chr(0xFF10 + int(c)) for c in str(rng.randrange(1000)))
    if kind == 8:
        return rng.choice(NAN_LIKE)
    if kind == 9:
        return "".join(rng.choice(ODD_DIGITS + tuple("0123456789")) for _ in range(rng.randint(1, 4)))
    if kind == 10:
        return "9" * rng.choice((20, 27, 28, 29, 40, 400)) + rng.choice(("", ".5", ".00000000001"))
    return rng.choice(("-", "+", "")) + str(rng.randrange(10 ** rng.randint(1, 8))) + rng.choice(("e3", "e-3", "E30", ""))


def noise_text(rng: random.Random) -> str:
    """Characters from anywhere (control, format, surrogate, private use, emoji, CJK), or a run."""
    if rng.random() < 0.003:  # a long run (rare: it is most of the time spent), up to the 10,000 characters a report's cell may hold
        word = rng.choice(vocabulary() + ("a", "9", "，", "(", "分"))
        return (word * 10_000)[:rng.choice((50, 500, 2000, 10_000))]
    low, high = rng.choice(NOISE_RANGES)
    return "".join(chr(rng.randint(low, high)) for _ in range(rng.randint(1, 3)))


# ---------------------------------------------------------------- rule texts and cells (seeded)

def random_rule(rng: random.Random) -> str:
    """A rule text: mostly the language's words and numbers, some noise."""
    parts: list[str] = []
    for _ in range(rng.randint(1, 24)):
        roll = rng.random()
        if roll < 0.55:
            parts.append(rng.choice(vocabulary()))
        elif roll < 0.85:
            parts.append(number_text(rng))
        else:
            parts.append(noise_text(rng))
    return "".join(parts)


CELL_WORDS = ("完成", "未完成", "基本完成", "已完成", "省定目标", "达标", "是", "否", "优", "良", "Ⅲ类", "劣Ⅴ类", "≥",
              "≤", "以上", "以下", "以内", "%", "个", "万元", "天", "日", "年", "月", "前", "底", "/", "—", "无", "约", "-")


def random_cell(rng: random.Random) -> str | None:
    """A target or actual cell as printed (or missing)."""
    if rng.random() < 0.05:
        return None
    parts = [rng.choice(CELL_WORDS) if rng.random() < 0.4 else number_text(rng) for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.1:
        parts.append(noise_text(rng))
    return "".join(parts)


def random_weight(rng: random.Random) -> Decimal:
    """A weight as a report may carry it: 0 to 10⁶, at most 10 places (engine.report.limits)."""
    kind = rng.randrange(6)
    if kind == 0:
        return Decimal(rng.choice(("0", "0.5", "1", "2.5", "5", "10", "15", "20", "100")))
    if kind == 1:
        return Decimal(rng.randrange(10 ** 6 + 1))
    if kind == 2:
        return Decimal(rng.randrange(10 ** 10)).scaleb(-10)
    return Decimal(rng.randrange(3001)).scaleb(-2)


# ---------------------------------------------------------------- reports: mutations of the example

class Raw(str):
    """JSON text written as it is (an integer of 5,000 digits, nesting 10⁵ deep)."""


RAW_VALUES = (
    lambda rng: Raw("9" * rng.choice((30, 400, 4301, 5000))),
    lambda rng: Raw("1e" + rng.choice(("400", "999999", "9999999", "-999999999", "28", "-30"))),
    lambda rng: Raw("[" * (n := rng.choice((10, 1000, 100_000))) + "1" + "]" * n),
    lambda rng: Raw('{"a":' * (n := rng.choice((10, 1000, 50_000))) + "1" + "}" * n),
    lambda rng: Raw(rng.choice(("NaN", "Infinity", "-Infinity", "-0", "0.0000000000001", "1E+2", "-1e-7"))),
)


def random_json(rng: random.Random, depth: int = 0) -> Any:
    """Any JSON value, small, of any type (strings from the hostile lists)."""
    kind = rng.randrange(10 if depth < 3 else 7)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice((True, False))
    if kind == 2:
        return rng.choice((0, -1, 1, 10 ** 30, -10 ** 20, 2 ** 63))
    if kind == 3:
        return Raw(rng.choice(("0.5", "1e3", "123.456", "1e-12", "100.00")))
    if kind == 4:
        return rng.choice(NAN_LIKE)
    if kind == 5:
        return random_cell(rng) or ""
    if kind == 6:
        return rng.choice(RAW_VALUES)(rng)
    if kind == 7:
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if kind == 8:
        return {rng.choice(("name", "weight", "x", "rule", "")): random_json(rng, depth + 1) for _ in range(rng.randint(0, 3))}
    return noise_text(rng)


def _places(doc: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from _places(value, path + (key,))
    elif isinstance(doc, list):
        for i, value in enumerate(doc):
            yield from _places(value, path + (i,))


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


def _duplicate(parent: Any, key: Any, value: Any, rng: random.Random) -> None:
    if isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key]))
    else:
        parent[key] = [parent[key], copy.deepcopy(parent[key])]


def _rename(parent: Any, key: Any, value: Any, rng: random.Random) -> None:
    if isinstance(parent, dict):
        parent[str(key) + rng.choice(("_", "s", "\u200b", "X"))] = parent.pop(key)
    else:
        parent[key] = value


def _clear(parent: Any, key: Any, value: Any, rng: random.Random) -> None:
    parent[key] = type(parent[key])() if isinstance(parent[key], (list, dict, str)) else None


def _put(make: Callable[[random.Random], Any]) -> Callable[[Any, Any, Any, random.Random], None]:
    def put(parent: Any, key: Any, value: Any, rng: random.Random) -> None:
        parent[key] = make(rng)
    return put


def _delete(parent: Any, key: Any, value: Any, rng: random.Random) -> None:
    del parent[key]


def _retype(parent: Any, key: Any, value: Any, rng: random.Random) -> None:
    parent[key] = value


_MUTATE: dict[str, Callable[[Any, Any, Any, random.Random], None]] = {
    "delete": _delete, "duplicate": _duplicate, "retype": _retype, "rename": _rename, "clear": _clear,
    "huge": _put(lambda rng: rng.choice(RAW_VALUES[:2])(rng)),  # 5,000 digits, 1e999999
    "nan": _put(lambda rng: rng.choice(NAN_LIKE)),
    "nest": _put(lambda rng: rng.choice(RAW_VALUES[2:4])(rng)),  # [[[…]]] and {"a": {…}} deep
    "rule": _put(random_rule), "cell": _put(random_cell),
}
MUTATIONS = ("delete", "duplicate", "retype", "huge", "nan", "nest", "rename", "rule", "cell", "clear")
LEAF_MUTATIONS = ("leaf-rule", "leaf-cell")  # a text cell rewritten: the report stays valid, the review runs
TEXT_FIELDS = frozenset({"rule", "target", "actual", "note", "level1", "level2", "level3", "name", "rate", "unit",
                         "title", "department", "implementer", "goals", "control_rate"})


def mutate(doc: Any, where: int, kind: str, value: Any, rng: random.Random) -> Any:
    """One mutation of `doc` (changed in place, returned): at its `where`-th place (modulo the
    number of places, in document order), do `kind`, using `value` where a new value is wanted."""
    places = list(_places(doc))
    if kind.startswith("leaf-"):
        kind = kind.removeprefix("leaf-")
        places = [p for p in places if p and p[-1] in TEXT_FIELDS] or places
    path = places[where % len(places)]
    if not path:  # the root itself
        return value if kind == "retype" else doc
    _MUTATE[kind](_get(doc, path[:-1]), path[-1], value, rng)
    return doc


@lru_cache(maxsize=1)
def example_report() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def dumps(doc: Any) -> str:
    """JSON text of `doc`, with every `Raw` value written as its own text (not as a string)."""
    raws: list[str] = []

    def mark(node: Any) -> Any:
        if isinstance(node, Raw):
            raws.append(str(node))
            return f"\x00RAW{len(raws) - 1}\x00"
        if isinstance(node, dict):
            return {k: mark(v) for k, v in node.items()}
        if isinstance(node, list):
            return [mark(v) for v in node]
        if isinstance(node, int) and not isinstance(node, bool) and abs(node) > 10 ** 4000:
            raws.append(str(node))
            return f"\x00RAW{len(raws) - 1}\x00"
        return node

    marked = mark(doc)
    text = json.dumps(marked, ensure_ascii=False)
    if any("\ud800" <= c <= "\udfff" for c in text):  # a lone surrogate: only as an escape
        text = json.dumps(marked, ensure_ascii=True)
    return re.sub(r'"\\u0000RAW(\d+)\\u0000"', lambda m: raws[int(m.group(1))], text)


def random_mutation(rng: random.Random) -> str:
    """The example report with 1–6 mutations (half of the time only text cells rewritten, so
    that the review itself runs, not only the loading), as JSON text."""
    doc = json.loads(example_report())
    kinds = LEAF_MUTATIONS if rng.random() < 0.5 else MUTATIONS + LEAF_MUTATIONS
    for _ in range(rng.randint(1, 6)):
        doc = mutate(doc, rng.randrange(10 ** 6), rng.choice(kinds), random_json(rng), rng)
    return dumps(doc)


# ---------------------------------------------------------------- reports: shaped on the JSON Schema

@lru_cache(maxsize=1)
def report_schema() -> dict[str, Any]:
    from engine.cli.schema import schema_text

    return json.loads(schema_text())


def from_schema(node: dict[str, Any], rng: random.Random, defs: dict[str, Any], depth: int = 0) -> Any:
    """A value that fits `node` of the schema most of the time (with the vocabulary's strings
    and hostile numbers where the schema allows any string or number)."""
    if "$ref" in node:
        return from_schema(defs[node["$ref"].rsplit("/", 1)[-1]], rng, defs, depth)
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return rng.choice(node["enum"])
    if "anyOf" in node:
        branches = node["anyOf"]
        if any(b.get("type") == "number" for b in branches) and rng.random() < 0.85:
            return _schema_number(node, rng, defs, depth)  # a number field (number | string | null)
        return from_schema(rng.choice(branches), rng, defs, depth)
    kind = node.get("type", "string")
    return _SCHEMA_TYPES.get(kind if isinstance(kind, str) else rng.choice(kind), _schema_string)(node, rng, defs, depth)


def _schema_object(node: dict[str, Any], rng: random.Random, defs: dict[str, Any], depth: int) -> Any:
    required = set(node.get("required", ()))
    out: dict[str, Any] = {}
    for name, sub in node.get("properties", {}).items():
        if name in required or (depth < 6 and rng.random() < 0.6):
            out[name] = from_schema(sub, rng, defs, depth + 1)
    extra = node.get("additionalProperties")
    if isinstance(extra, dict) and depth < 6:
        for _ in range(rng.randint(0, 2)):
            out[rng.choice(("F7", "level3", "名称"))] = from_schema(extra, rng, defs, depth + 1)
    return out


def _schema_array(node: dict[str, Any], rng: random.Random, defs: dict[str, Any], depth: int) -> Any:
    if depth >= 6:
        return []
    items, least = node.get("items", {}), node.get("minItems", 0)
    return [from_schema(items, rng, defs, depth + 1) for _ in range(rng.randint(least, least + (4 if depth < 3 else 2)))]


def _schema_string(node: dict[str, Any], rng: random.Random, defs: dict[str, Any], depth: int) -> Any:
    roll = rng.random()
    if roll < 0.4:
        return random_rule(rng)
    if roll < 0.8:
        return random_cell(rng) or ""
    return noise_text(rng)


_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def _schema_number(node: dict[str, Any], rng: random.Random, defs: dict[str, Any], depth: int) -> Any:
    """A number field: mostly a plausible value (as a JSON number or as printed text), else anything."""
    if rng.random() < 0.9:
        value = str(random_weight(rng))
        return Raw(value) if rng.random() < 0.5 else value
    text = number_text(rng)
    return Raw(text) if _JSON_NUMBER.fullmatch(text) else text


def _schema_integer(node: dict[str, Any], rng: random.Random, defs: dict[str, Any], depth: int) -> Any:
    return rng.randint(2018, 2026) if rng.random() < 0.9 else rng.choice((1, 1899, 2101, 0, -1, 10 ** 40))


_SCHEMA_TYPES: dict[str, Callable[[dict[str, Any], random.Random, dict[str, Any], int], Any]] = {
    "object": _schema_object, "array": _schema_array, "string": _schema_string, "number": _schema_number,
    "integer": _schema_integer, "boolean": lambda n, r, d, depth: r.choice((True, False)),
    "null": lambda n, r, d, depth: None,
}


def random_schema_report(rng: random.Random) -> str:
    schema = report_schema()
    doc = from_schema(schema, rng, schema.get("$defs", {}))
    if isinstance(doc, dict) and rng.random() < 0.8:
        doc["schema_version"] = 1
    return dumps(doc)


def random_report(rng: random.Random) -> str:
    """A report as JSON text: a mutated example (most often) or one shaped on the schema."""
    return random_mutation(rng) if rng.random() < 0.7 else random_schema_report(rng)


# ---------------------------------------------------------------- hypothesis strategies

def hypothesis_strategies() -> dict[str, Any]:
    """The strategies of the tests, built on the lists above (imported only when wanted)."""
    from hypothesis import strategies as st

    seeded = st.randoms(use_true_random=False)
    numbers = seeded.map(number_text)
    noise = st.one_of(st.text(max_size=4), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
                      st.characters(categories=["Cc", "Cf", "Co", "Zs", "Nd", "No", "Nl"]),
                      st.builds(lambda c, n: c * n, st.sampled_from(vocabulary()[:50] + ("a", "9", "(")),
                                st.integers(1, 2000)))
    pieces = st.one_of(st.sampled_from(vocabulary()), st.sampled_from(vocabulary()), numbers, noise)
    rule_texts = st.lists(pieces, max_size=20).map("".join)
    cells = st.one_of(st.none(), st.lists(st.one_of(st.sampled_from(CELL_WORDS), numbers, noise), min_size=1,
                                          max_size=4).map("".join))
    # within a report's bounds, and a few beyond them (evaluate is not where weights are bounded)
    weights = st.one_of(st.sampled_from([Decimal(x) for x in ("0", "0.5", "1", "5", "10", "100", "1000000", "1e30",
                                                            "-5", "1e-20")]),
                        st.decimals(min_value=0, max_value=10 ** 6, places=10, allow_nan=False, allow_infinity=False))
    mutation = st.tuples(st.integers(0, 10 ** 6), st.sampled_from(MUTATIONS + LEAF_MUTATIONS), seeded.map(random_json),
                         seeded)

    def apply(ops: list[tuple[int, str, Any, random.Random]]) -> str:
        doc = json.loads(example_report())
        for where, kind, value, rng in ops:
            doc = mutate(doc, where, kind, value, rng)
        return dumps(doc)

    return {
        "rule_texts": rule_texts, "cells": cells, "weights": weights,
        "mutated_reports": st.lists(mutation, min_size=1, max_size=5).map(apply),
        "schema_reports": seeded.map(random_schema_report),
    }


# ---------------------------------------------------------------- the checks (one case each)

def to_text(rule: Any) -> str:
    from engine.language.printer import to_text as printed

    return printed(rule)


def is_own_error(error: BaseException) -> bool:
    """An exception class the project defines (engine.*): a documented refusal, not a crash."""
    return type(error).__module__.startswith("engine.")


def parse_rule_checked(text: str) -> Any:
    """`parse_rule(text)`, which must return a `ParseResult` whose diagnostics lie in the text."""
    from engine.language.parser import ParseResult, parse_rule

    result = parse_rule(text)
    assert isinstance(result, ParseResult)
    for d in result.diagnostics:
        assert 0 <= d.start <= d.end <= len(text), (d, len(text))
    return result


def check_rule(text: str, target: str | None, actual: str | None, weight: Decimal) -> None:
    """Parse `text` (must never raise) and evaluate what was read on the values (may raise only
    the project's own errors); raise AssertionError or the unexpected exception otherwise."""
    from engine.scoring import evaluate

    result = parse_rule_checked(text)
    if result.rule is None:
        return
    try:
        evaluate(result.rule, target, actual, weight)
    except Exception as error:  # noqa: BLE001 - sorted below
        if not is_own_error(error):
            raise


def check_report(text: str, folder: Path, formats: tuple[str, ...] = ("text", "json")) -> int:
    """Review the report `text` in this process the way `rescore check FILE` does (the CLI's
    `review_one`, its renderers and its exit status); return that status (0, 1 or 2)."""
    from engine.cli.batch import Job, review_one
    from engine.cli.run import render, status_of
    from engine.review.selection import Selection

    path = folder / "report.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    outcomes = [review_one(path, Job(None, None, Selection.parse(None, None, "info")), None)]
    for fmt_ in formats:
        render(outcomes, fmt_, False, 100, True)
    status = status_of(outcomes)
    assert status in (0, 1, 2), status
    return status
