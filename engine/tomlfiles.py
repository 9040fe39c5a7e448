"""The package's own TOML files (engine/lexicon, engine/profiles), read without parsing TOML.

Parsing them with tomllib took ~5 ms of every run (tomllib is pure Python). tools/gen_kept.py
writes their contents into engine/toml_kept.py as JSON (json reads it in C, into new objects each
time), each with the SHA-256 of the file's text; `read(path)` / `loads(text, path)` give the kept
contents when the text is exactly the one kept, and parse it otherwise (a file edited since, any file of the user's), so what is
read is always what the file says. Errors are tomllib's: `tomlfiles.TOMLDecodeError` is
`tomllib.TOMLDecodeError`, imported when it is first named (in an `except` clause: when something
went wrong).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tomllib import TOMLDecodeError as TOMLDecodeError

__all__ = ["TOMLDecodeError", "digest", "kept_files", "key_of", "loads", "read"]

_ENGINE = Path(__file__).resolve().parent


def kept_files() -> list[Path]:
    """The files kept: every TOML file of the lexicon and of the profiles, in a stable order."""
    return sorted([*(_ENGINE / "lexicon").glob("*.toml"), *(_ENGINE / "profiles").rglob("*.toml")])


def key_of(path: Path) -> str | None:
    """The file's name within the package (lexicon/units.toml), or None for a file outside it."""
    try:
        return path.resolve().relative_to(_ENGINE).as_posix()
    except ValueError:
        return None


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read(path: Path) -> dict[str, Any]:
    """The TOML file at `path` (UTF-8)."""
    return loads(path.read_text(encoding="utf-8"), path)


def loads(text: str, path: Path | None = None) -> dict[str, Any]:
    """`tomllib.loads(text)`, from the kept contents when `text` is that of the package's file `path`."""
    key = key_of(path) if path is not None else None
    if key is not None:
        from engine.toml_kept import FILES

        kept = FILES.get(key)
        if kept is not None and kept[0] == digest(text):
            import json

            return json.loads(kept[1])  # type: ignore[no-any-return]
    import tomllib

    return tomllib.loads(text)


def __getattr__(name: str) -> Any:
    if name == "TOMLDecodeError":
        import tomllib

        return tomllib.TOMLDecodeError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
