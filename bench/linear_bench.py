"""Time per character of parse, evaluate and output on long rule texts, 1k to 1M characters.

Not a test: `.venv/bin/python bench/linear_bench.py [--max 1000000] [--only NAME]`. Issue 14 asks
that parsing, diagnostics and output be linear in the input: this prints, for each text family
(one character repeated, a clause repeated), the microseconds per character of
1. parse: `engine.language.parser.parse_rule`;
2. evaluate: `engine.scoring.evaluate` of what was read (weight 10, target 100%, actual 95%);
3. output: `engine.review.one_rule.explain` and `render_text`, what `rescore rule` prints, less
   the parse and evaluate it repeats (so the three columns add up to the command's work);
and the ratio of the largest size's µs/char to the smallest's (≈ 1 is linear, 10 would be
quadratic over 1k → 10k). Then `rescore lint` of a 0.001% step rule in process. Each size is
timed best of 3 (best of 1 at 1M); time.perf_counter, no other load is controlled for.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.language.parser import parse_rule  # noqa: E402
from engine.review.one_rule import explain, render_text  # noqa: E402
from engine.scoring import evaluate  # noqa: E402
from engine.text.width import pad  # noqa: E402

FAMILIES = {
    "char 1": "1",
    "char 未": "未",
    "char 扣": "扣",
    "char 分": "分",
    "char （": "（",
    "char 每": "每",
    "char %": "%",
    "clause 每少1项扣1分；": "每少1项扣1分；",
    "clause 90%以上得10分，": "90%以上得10分，",
    "clause bands 99%-90%…": "99%-90%的得27分,89%-80%的得24分,",
}
SIZES = (1_000, 10_000, 100_000, 1_000_000)
WEIGHT, TARGET, ACTUAL = Decimal(10), "100%", "95%"


def _best(work: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def _measure(text: str) -> tuple[float, float, float]:
    """Seconds for parse, evaluate, and output beyond them, of one text."""
    runs = 3 if len(text) <= 100_000 else 1
    parse = _best(lambda: parse_rule(text), runs)
    rule = parse_rule(text).rule
    score = _best(lambda: evaluate(rule, TARGET, ACTUAL, WEIGHT), runs) if rule is not None else 0.0
    shown = _best(lambda: render_text(explain(text, WEIGHT, TARGET, ACTUAL)), runs)
    return parse, score, max(shown - parse - score, 0.0)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--max", type=int, default=SIZES[-1], help="largest size in characters")
    options.add_argument("--only", help="one family, by the start of its name")
    args = options.parse_args()
    sizes = [s for s in SIZES if s <= args.max]
    print(pad("family", 26) + "".join(pad(f"{s:,} ch", 22) for s in sizes) + "ratio (parse/eval/out)")
    print(pad("", 26) + "".join(pad("µs/ch parse/eval/out", 22) for _ in sizes))
    for name, unit in FAMILIES.items():
        if args.only and not name.startswith(args.only):
            continue
        rows = []
        for size in sizes:
            text = (unit * (size // len(unit) + 1))[:size]
            rows.append([t / size * 1e6 for t in _measure(text)])
        ratio = "/".join(f"{last / first:.2f}" if first > 0.05 else "—" for first, last in zip(rows[0], rows[-1]))
        print(pad(name, 26) + "".join(pad("/".join(f"{v:.1f}" for v in row), 22) for row in rows) + ratio, flush=True)
    _lint()
    return 0


def _lint() -> None:
    from engine.lint.run import lint_text  # sympy: loaded only here

    text = "完成率达到100%得满分，每低0.001%扣0.5分"
    lint_text(text, WEIGHT)  # sympy's caches warm, as in a run over a rule set
    start = time.perf_counter()
    item = lint_text(text, WEIGHT)
    took = time.perf_counter() - start
    jumps = next((line for line in (item.analysis.summary() if item.analysis else []) if line.startswith("跳变")), "")
    print(f"\nlint「{text}」: {took:.2f} s in process — {jumps}")


if __name__ == "__main__":
    raise SystemExit(main())
