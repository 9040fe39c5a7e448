"""The real-text yardstick on the shared corpus: parse rate, worked examples exact, confident wrong.

    .venv/bin/python bench/corpus_score.py            # figures
    .venv/bin/python bench/corpus_score.py --list     # and every example that is not exact

Reads ../shared/corpus/{phrases.tsv, phrases-2.tsv, worked-2.tsv} in place (relative to the
repository root). The same judgement as tests/test_real_corpus.py (engine.review.yardstick).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.review.yardstick import judge, parse_rate, phrase_rows, worked_rows  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--list", action="store_true", help="list every worked example that is not exact")
    args = parser.parse_args()
    for name in ("phrases.tsv", "phrases-2.tsv"):
        rate = parse_rate(phrase_rows(args.corpus / name))
        apart = f"  ({len(rate.not_rules)} not a scoring rule: lines {', '.join(map(str, rate.not_rules))})" \
            if rate.not_rules else ""
        print(f"{name:16} parse {rate.read}/{rate.scoring} = {rate.rate:.1%}{apart}")
    phrases = dict(phrase_rows(args.corpus / "phrases-2.tsv"))
    judged = [judge(w, phrases[w.line]) for w in worked_rows(args.corpus / "worked-2.tsv")]
    counts = Counter(j.verdict for j in judged)
    total = len(judged)
    for verdict in ("exact", "confident-wrong", "unknown", "other"):
        print(f"worked-2.tsv     {verdict:16} {counts[verdict]:4}/{total} = {counts[verdict] / total:.1%}")
    if args.list:
        for j in judged:
            if j.verdict != "exact":
                w = j.example
                print(f"{j.verdict:16} line {w.line:3}  w={w.weight} t={w.target!r} a={w.actual!r} "
                      f"expect {w.expect}: {j.detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
