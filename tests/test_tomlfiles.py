"""engine.tomlfiles: the package's TOML files read from the kept contents give exactly what
tomllib reads from them, in the same order; any other text is parsed."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

import pytest

from engine import tomlfiles, toml_kept

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("gen_kept", ROOT / "tools" / "gen_kept.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ordered(node):
    """The value with the order of every table's keys made visible (== on dicts ignores it)."""
    if isinstance(node, dict):
        return [(k, _ordered(v)) for k, v in node.items()]
    if isinstance(node, list):
        return [_ordered(v) for v in node]
    return node


def test_the_kept_module_is_the_one_the_generator_writes() -> None:
    kept = (ROOT / "engine" / "toml_kept.py").read_text(encoding="utf-8")
    assert kept == _generator().render_toml(), "a TOML file of the package changed: run tools/gen_kept.py"


def test_every_file_of_the_package_is_kept_and_read_as_tomllib_reads_it() -> None:
    files = tomlfiles.kept_files()
    assert len(files) >= 19 and {tomlfiles.key_of(p) for p in files} == set(toml_kept.FILES)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _ordered(tomlfiles.read(path)) == _ordered(tomllib.loads(text)), path


def test_each_read_gives_new_objects() -> None:
    path = tomlfiles.kept_files()[0]
    first = tomlfiles.read(path)
    first.clear()
    assert tomlfiles.read(path) == tomllib.loads(path.read_text(encoding="utf-8")) != {}


def test_a_changed_text_or_a_file_outside_the_package_is_parsed(tmp_path: Path) -> None:
    path = tomlfiles.kept_files()[0]
    changed = path.read_text(encoding="utf-8") + '\n[added]\nkey = "value"\n'
    assert tomlfiles.loads(changed, path)["added"] == {"key": "value"}
    own = tmp_path / "mine.toml"
    own.write_text('name = "x"\n', encoding="utf-8")
    assert tomlfiles.read(own) == {"name": "x"}
    own.write_text("name = \n", encoding="utf-8")
    with pytest.raises(tomlfiles.TOMLDecodeError):
        tomlfiles.read(own)
    assert tomlfiles.TOMLDecodeError is tomllib.TOMLDecodeError
