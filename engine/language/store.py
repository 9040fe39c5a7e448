"""Read rules kept on disk between runs: a warm `rescore report.json` parses no rule at all.

Reading a 评分标准 costs lark's grammar and, on the first texts of a run, compiling the lexer's
regular expressions (~100 ms), more than the rest of a small review. A `RuleStore` keeps each
`ParseResult` as a small JSON file under the user's cache directory
(`$XDG_CACHE_HOME/rescore`, else `~/.cache/rescore`), named by a hash of the rule text, in a
folder named by a fingerprint of the code that reads rules (the sources of `engine.language`,
`engine.lexicon`, `engine.text`, `engine.values`, lark's version, Python's version): any change
to the reader opens a new folder, so a result is never served by a reader other than the one
that made it.

Safe by construction:
- nothing in a file is executed: it is JSON, decoded into the rule tree's own frozen
  dataclasses, named from a fixed list (`_CLASSES`); a file that does not decode, names another
  class, holds other fields or another text is ignored and read again (and rewritten);
- concurrent writers (the workers of a batch, two runs at once) each write a temporary file in
  the same folder and `os.replace` it into place, which is atomic: a reader sees a whole file
  or none;
- a cache that cannot be written (read-only home, full disk) is skipped silently: the run is
  the same, only slower.

Off with `rescore --no-cache` or `RESCORE_NO_CACHE=1`. The output is byte-identical with and
without it (tests/test_rule_store.py). This module imports no parser: `engine.language.parser`
(and lark) is imported on the first text the store does not have.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from engine import lazy_dataclass
from engine.language import tree as rt
from engine.language.diagnostics import Diagnostic
from engine.language.result import ParseResult

FORMAT = 1  # bump when the encoding below changes

# Every class a ParseResult can hold, by name; nothing else is ever built from a file.
_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (ParseResult, Diagnostic, *(v for v in vars(rt).values() if isinstance(v, type)
                                            and lazy_dataclass.is_dataclass(v) and v.__module__ == rt.__name__))
}
_INIT_FIELDS: dict[type, tuple[str, ...]] = {}


def _init_fields(cls: type) -> tuple[str, ...]:
    """The fields `cls(...)` takes, kept per class; taken when the class is first stored or read, so
    that the rule-tree classes no result holds stay undecorated (engine.lazy_dataclass)."""
    names = _INIT_FIELDS.get(cls)
    if names is None:
        names = _INIT_FIELDS[cls] = tuple(f.name for f in lazy_dataclass.fields(cls) if f.init)
    return names


# The sources whose change changes what a rule text reads as.
_READER_PACKAGES = ("language", "lexicon", "text", "values")
_READER_FILES = ("errors.py",)
_SUFFIXES = (".py", ".lark", ".toml")


# ---------------------------------------------------------------- encoding

def encode(value: Any) -> Any:
    """A JSON-ready form of a ParseResult (or any value inside one)."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return {"$d": str(value)}
    if isinstance(value, tuple):
        return [encode(v) for v in value]
    cls = type(value)
    if _CLASSES.get(cls.__name__) is not cls:
        raise ValueError(f"not storable: {cls.__qualname__}")  # the result is used, not stored
    if cls is rt.Span:
        return {"$s": [value.start, value.end]}
    fields = {name: encode(getattr(value, name)) for name in _init_fields(cls)}
    return {"@": cls.__name__, **fields}


def decode(data: Any) -> Any:
    """The value `encode` gave `data` for; raises ValueError (or TypeError, KeyError) on anything else."""
    if data is None or isinstance(data, (bool, int, str)):
        return data
    if isinstance(data, list):
        return tuple(decode(v) for v in data)
    if not isinstance(data, dict):
        raise ValueError(f"unexpected {type(data).__name__}")
    if "$d" in data:
        return Decimal(data["$d"])
    if "$s" in data:
        start, end = data["$s"]
        return rt.Span(int(start), int(end))
    cls = _CLASSES[data["@"]]
    names = _init_fields(cls)
    if set(data) - {"@"} != set(names):
        raise ValueError(f"fields of {cls.__name__}")
    return cls(**{name: decode(data[name]) for name in names})


# ---------------------------------------------------------------- the store

def _sources(root: Path) -> list[Path]:
    files = [root / name for name in _READER_FILES]
    for package in _READER_PACKAGES:
        files += sorted(p for p in (root / package).rglob("*") if p.suffix in _SUFFIXES)
    return files


def fingerprint() -> str:
    """A hash of what decides how a text reads: the reader's sources, lark's, Python's version."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version}".encode())
    root = Path(__file__).resolve().parent.parent
    for path in _sources(root):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    import importlib.util

    spec = importlib.util.find_spec("lark")  # finds lark without importing it
    if spec is not None and spec.origin is not None:
        digest.update(Path(spec.origin).read_bytes())  # lark/__init__.py holds __version__
    return digest.hexdigest()[:20]


def default_directory() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rescore"


class RuleStore:
    """ParseResults on disk, one JSON file per rule text, under `directory`/rules-<fingerprint>."""

    def __init__(self, directory: Path) -> None:
        self.root = directory
        self._folder: Path | None = None
        self.hits = self.misses = self.writes = 0

    @property
    def folder(self) -> Path:
        if self._folder is None:
            self._folder = self.root / f"rules-{fingerprint()}"
        return self._folder

    def _path(self, text: str) -> Path:
        name = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / name[:2] / f"{name[2:]}.json"

    def get(self, text: str) -> ParseResult | None:
        try:
            data = json.loads(self._path(text).read_bytes())
            result = decode(data)
        except (OSError, ValueError, TypeError, KeyError, ArithmeticError, RecursionError):
            return None  # missing, unreadable, corrupt or foreign: read the text again
        if not isinstance(result, ParseResult) or result.text != text:
            return None
        return result

    def put(self, text: str, result: ParseResult) -> None:
        try:
            payload = json.dumps(encode(result), ensure_ascii=False, separators=(",", ":"))
        except (RecursionError, ValueError):
            return
        path = self._path(text)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(payload.encode("utf-8", "surrogatepass"))
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            return  # a cache that cannot be written only costs time
        self.writes += 1

    def parse(self, text: str, parse: Callable[[str], ParseResult]) -> ParseResult:
        """The stored reading of `text`, else `parse(text)`, stored for the next run."""
        result = self.get(text)
        if result is not None:
            self.hits += 1
            return result
        self.misses += 1
        result = parse(text)
        self.put(text, result)
        return result


# ---------------------------------------------------------------- the process's store

_ACTIVE: list[RuleStore] = []


def use(directory: Path | None) -> None:
    """Read rules through a store in `directory` from now on in this process (None: no store)."""
    _ACTIVE.clear()
    if directory is not None:
        _ACTIVE.append(RuleStore(directory))


def use_default() -> None:
    """The store the CLI uses: the user's cache directory, unless RESCORE_NO_CACHE is set."""
    use(None if os.environ.get("RESCORE_NO_CACHE") else default_directory())


def active() -> RuleStore | None:
    return _ACTIVE[0] if _ACTIVE else None


def read(text: str) -> ParseResult:
    """`parse_rule(text)`, through the process's store when there is one."""
    store = active()
    return _parse_rule(text) if store is None else store.parse(text, _parse_rule)


def _parse_rule(text: str) -> ParseResult:
    from engine.language.parser import parse_rule  # lark: only for a text the store does not have

    return parse_rule(text)
