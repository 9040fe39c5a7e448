"""Parse throughput of engine.language.parser on the real-phrase corpus and on long composite inputs.

Not a test: run it by hand, `.venv/bin/python bench/parse_bench.py [corpus.tsv]`. It reports
1. the corpus: every phrase parsed once per run, best of 5 runs (phrases/s, chars/s);
2. composites of ~10,000, ~50,000 and ≥100,000 characters (corpus phrases joined by "；",
   repeated), best of 5 runs each, and how the time per character changes with the size (a
   ratio near 1.0 means linear scaling), measured as a caller sees it and again with Python's
   cyclic garbage collector paused, which separates the parser's own cost from the collector's
   passes over the growing heap of parse-tree objects;
3. peak memory (tracemalloc) of one parse of the largest composite and of one corpus pass;
4. the corpus pass again with lark's own parse loop in place of engine.language.drive's.
Timing uses time.perf_counter; tracemalloc runs separately so it does not slow the timings.

`--against DIR` (a checkout of another revision, e.g. `git worktree add /tmp/base REV`) times
the corpus pass of that checkout and of this one in child processes, interleaved, and prints
the ratio of their best CPU times: the figure for "no slower than before" on a shared machine.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.language.parser import parse_rule  # noqa: E402
from engine.text.width import pad  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "phrases.tsv"
RUNS = 5
SIZES = (10_000, 50_000, 100_000)


def load_phrases(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t")[0] for line in lines if line.strip()]


def composite(phrases: list[str], at_least: int) -> str:
    """Whole corpus phrases joined by "；", cycling through the corpus until ≥ at_least chars."""
    parts, length, i = [], 0, 0
    while length < at_least:
        phrase = phrases[i % len(phrases)]
        parts.append(phrase)
        length += len(phrase) + 1
        i += 1
    return "；".join(parts)


def best_of(runs: int, fn) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()  # start each run from the same heap
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def without_gc(fn):
    def run():
        gc.disable()
        try:
            fn()
        finally:
            gc.enable()
    return run


def peak_kib(fn) -> float:
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1024


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    right = [False] + [True] * (len(header) - 1)

    def line(cells):
        return "  ".join(pad(c, w, "right" if r else "left") for c, w, r in zip(cells, widths, right))

    return "\n".join([line(header), line(["-" * w for w in widths])] + [line(r) for r in rows])


_CHILD = """
import gc, sys, time
sys.path.insert(0, sys.argv[1])
from engine.language.parser import parse_rule
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()[1:]
phrases = [line.split("\\t")[0] for line in lines if line.strip()]
for p in phrases:
    parse_rule(p)
best = float("inf")
for _ in range(int(sys.argv[3])):
    gc.collect()
    start = time.process_time()
    for p in phrases:
        parse_rule(p)
    best = min(best, time.process_time() - start)
print(best)
"""


def against(other: Path, corpus: Path, rounds: int = 4, runs: int = 10) -> int:
    """Best CPU time of a corpus pass in `other` and here, each in its own processes."""
    best = {"other": float("inf"), "here": float("inf")}
    for _ in range(rounds):
        for name, root in (("other", other), ("here", ROOT)):
            out = subprocess.run([sys.executable, "-c", _CHILD, str(root), str(corpus), str(runs)],
                                 capture_output=True, text=True, check=True).stdout
            best[name] = min(best[name], float(out))
    print(f"corpus pass, best CPU time of {rounds}x{runs} runs, interleaved processes:")
    print(f"  {other}: {best['other'] * 1000:.2f} ms")
    print(f"  {ROOT}: {best['here'] * 1000:.2f} ms")
    print(f"  this checkout takes {best['here'] / best['other']:.2f}x the time of the other "
          f"({best['other'] / best['here']:.2f}x its speed)")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) > 1 and argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0
    if len(argv) > 2 and argv[1] == "--against":
        return against(Path(argv[2]), Path(argv[3]) if len(argv) > 3 else CORPUS)
    phrases = load_phrases(Path(argv[1]) if len(argv) > 1 else CORPUS)
    corpus_chars = sum(len(p) for p in phrases)
    parse_rule(phrases[0])  # build the cached lark parser outside the timings

    def parse_corpus():
        for p in phrases:
            parse_rule(p)

    t_corpus = best_of(RUNS, parse_corpus)
    rows = [["corpus", f"{len(phrases)} phrases", f"{corpus_chars:,}", f"{t_corpus * 1000:.1f}",
             f"{len(phrases) / t_corpus:,.0f} phrases/s", f"{corpus_chars / t_corpus:,.0f}"]]

    timings, timings_no_gc = {}, {}
    for size in SIZES:
        text = composite(phrases, size)
        result = parse_rule(text)
        assert result.rule is not None, "the composite must get past the grammar, or this times an early error"
        t = best_of(RUNS, lambda: parse_rule(text))
        timings[size] = (len(text), t)
        timings_no_gc[size] = (len(text), best_of(RUNS, without_gc(lambda: parse_rule(text))))
        rows.append([f"composite {size // 1000}k", f"{len(result.rule.statements):,} statements", f"{len(text):,}",
                     f"{t * 1000:.1f}", "", f"{len(text) / t:,.0f}"])

    print(f"rescore parser benchmark — best of {RUNS} runs, Python {sys.version.split()[0]}")
    print()
    print(table(["input", "size", "chars", "ms", "throughput", "chars/s"], rows))

    print()
    scale_rows = []
    for label, measured in (("gc on", timings), ("gc paused", timings_no_gc)):
        small_n, small_t = measured[SIZES[0]]
        for size in SIZES[1:]:
            n, t = measured[size]
            scale_rows.append([f"{SIZES[0] // 1000}k -> {size // 1000}k, {label}", f"{n / small_n:.2f}x",
                               f"{t / small_t:.2f}x", f"{t * 1000:.1f}", f"{(t / n) / (small_t / small_n):.2f}"])
    print(table(["scaling", "chars", "time", "ms", "time/char ratio (1.00 = linear)"], scale_rows))

    print()
    largest = composite(phrases, SIZES[-1])
    mem_rows = [["corpus pass", f"{peak_kib(parse_corpus):,.0f}"],
                [f"composite {SIZES[-1] // 1000}k ({len(largest):,} chars)",
                 f"{peak_kib(lambda: parse_rule(largest)):,.0f}"]]
    print(table(["peak memory (tracemalloc)", "KiB"], mem_rows))

    from engine.language import transform
    reader = transform._reader()
    driver, reader.driver = reader.driver, None
    try:
        t_lark = best_of(RUNS, parse_corpus)
    finally:
        reader.driver = driver
    print()
    print(f"corpus pass with lark's own parse loop: {t_lark * 1000:.1f} ms; with engine.language.drive: "
          f"{t_corpus * 1000:.1f} ms ({t_lark / t_corpus:.2f}x faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
