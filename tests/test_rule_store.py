"""The cache of read rules on disk (engine.language.store): what it keeps reads back equal,
output is byte-identical with it cold, warm and off, a warm run imports no parser, and a
corrupt, foreign or unwritable cache only costs time."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine.language import store
from engine.language.parser import parse_rule
from tests.support import shared

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hengyang-2024" / "report.json"


def _phrases() -> list[str]:
    texts = []
    for path in (shared("corpus", "phrases.tsv"), shared("corpus", "phrases-2.tsv"),
                 ROOT / "tests" / "corpus" / "new-phrasings.tsv"):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            if line.strip():
                texts.append(line.split("\t")[0])
    return texts


PHRASES = _phrases()


def test_every_corpus_reading_reads_back_equal() -> None:
    assert len(PHRASES) > 300
    for text in PHRASES:
        result = parse_rule(text)
        encoded = store.encode(result)
        back = store.decode(json.loads(json.dumps(encoded, ensure_ascii=False)))
        assert back == result, text
        assert repr(back) == repr(result), text  # fields outside equality (spans, words) too
        assert store.encode(back) == encoded


def test_store_serves_what_it_kept(tmp_path: Path) -> None:
    kept = store.RuleStore(tmp_path)
    text = PHRASES[0]
    first = kept.parse(text, parse_rule)
    assert (kept.hits, kept.misses, kept.writes) == (0, 1, 1)
    again = store.RuleStore(tmp_path)  # a new run
    served = again.parse(text, lambda t: pytest.fail("read again"))
    assert again.hits == 1 and repr(served) == repr(first)


def _stored_file(tmp_path: Path, text: str) -> Path:
    kept = store.RuleStore(tmp_path)
    kept.parse(text, parse_rule)
    files = list(kept.folder.rglob("*.json"))
    assert len(files) == 1
    return files[0]


@pytest.mark.parametrize("damage", [
    b"", b"{not json", b"[1, 2", json.dumps({"@": "Popen", "args": "ls"}).encode(),
    json.dumps({"@": "ParseResult", "text": "x"}).encode(), b'{"$d": "NaN-ish"}',
])
def test_corrupt_or_foreign_file_is_read_again_and_rewritten(tmp_path: Path, damage: bytes) -> None:
    text = PHRASES[1]
    path = _stored_file(tmp_path, text)
    good = path.read_bytes()
    path.write_bytes(damage)
    kept = store.RuleStore(tmp_path)
    result = kept.parse(text, parse_rule)
    assert repr(result) == repr(parse_rule(text))
    assert kept.misses == 1 and path.read_bytes() == good


def test_a_file_for_another_text_is_not_served(tmp_path: Path) -> None:
    one, other = PHRASES[2], PHRASES[3]
    path = _stored_file(tmp_path, one)
    kept = store.RuleStore(tmp_path)
    path.write_bytes(json.dumps(store.encode(parse_rule(other)), ensure_ascii=False).encode())
    assert kept.get(one) is None


def test_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    kept = store.RuleStore(blocker / "cache")  # its folder cannot be made: the parent is a file
    result = kept.parse(PHRASES[4], parse_rule)
    assert repr(result) == repr(parse_rule(PHRASES[4])) and kept.writes == 0


def _write_all(directory: str) -> None:
    kept = store.RuleStore(Path(directory))
    for text in PHRASES[:60]:
        kept.put(text, parse_rule(text))


def test_concurrent_writers_leave_whole_files(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_all, args=(str(tmp_path),)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    kept = store.RuleStore(tmp_path)
    for text in PHRASES[:60]:
        assert repr(kept.get(text)) == repr(parse_rule(text)), text
    assert not list(kept.folder.rglob("*.tmp"))


def test_fingerprint_follows_the_reader_sources() -> None:
    names = {str(p.relative_to(ROOT / "engine")) for p in store._sources(ROOT / "engine")}
    assert {"language/rule.lark", "language/parser.py", "lexicon/units.toml", "text/fold.py"} <= names


# ---------------------------------------------------------------- the CLI, byte for byte

def _report_with_corpus_rules(tmp_path: Path) -> Path:
    """The shipped example with its rule cells replaced by corpus phrases, round robin."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    n = 0
    for table in data["tables"]:
        for row in table["indicators"]:
            row["rule"] = PHRASES[(n * 7) % len(PHRASES)]
            n += 1
    path = tmp_path / "corpus-rules.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _run(args: list[str], cache: Path | None) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env.pop("RESCORE_NO_CACHE", None)
    if cache is None:
        env["RESCORE_NO_CACHE"] = "1"
    else:
        env["XDG_CACHE_HOME"] = str(cache)
    code = ("import sys; from engine.cli import main; main(sys.argv[1:])")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env, cwd=ROOT, timeout=300)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_output_is_identical_off_cold_and_warm(tmp_path: Path, fmt: str) -> None:
    generated = _report_with_corpus_rules(tmp_path)
    cache = tmp_path / "cache"
    for report in (EXAMPLE, generated):
        args = [str(report), "--format", fmt, "--colour" if fmt == "text" else "--no-colour"]
        off = _run(args, None)
        cold = _run(args, cache)
        warm = _run(args, cache)
        flag = _run([*args, "--no-cache"], cache)
        assert off.returncode in (0, 1) and off.stdout, off.stderr.decode()
        for other in (cold, warm, flag):
            assert (other.returncode, other.stdout, other.stderr) == (off.returncode, off.stdout, off.stderr)
    assert any(cache.rglob("*.json"))


def test_warm_run_imports_no_parser(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    probe = ("import sys; from engine.cli import main\n"
             "try: main([sys.argv[1]])\n"
             "except SystemExit: pass\n"
             "print(sorted(m for m in sys.modules if m == 'lark' or m.startswith(('lark.', 'engine.language.parser'))),"
             " file=sys.stderr)")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("RESCORE_NO_CACHE", None)

    def loaded() -> list[str]:
        done = subprocess.run([sys.executable, "-c", probe, str(EXAMPLE)], capture_output=True, env=env, cwd=ROOT,
                              timeout=300, text=True)
        return eval_free_list(done.stderr.strip().splitlines()[-1])

    assert "lark" in loaded()  # cold: the rules are read
    assert loaded() == []  # warm: every rule comes from the store


def eval_free_list(line: str) -> list[str]:
    return json.loads(line.replace("'", '"'))


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    done = _run([str(EXAMPLE), "--no-cache"], cache)
    assert done.returncode in (0, 1)
    assert not cache.exists()
