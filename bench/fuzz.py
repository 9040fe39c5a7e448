"""The long fuzz run of issue 14: many rule texts and reports, every failure counted and kept.

    .venv/bin/python bench/fuzz.py                               # 10**6 rule texts, 10**4 reports
    .venv/bin/python bench/fuzz.py --rules 20000 --reports 200 --seed 7
    .venv/bin/python bench/fuzz.py --rules 0 --reports 1000 --cli 20

A script, not a test. The cases come from the generators of tests/strategies.py — the same
vocabulary (engine/lexicon/*.toml, the grammar's terminals, numbers in every script, noise) and
the same report mutations and schema walk as the hypothesis strategies of tests/test_fuzz.py —
but drawn with a seeded `random.Random`, not with hypothesis: hypothesis spends more time
generating and recording a case than the engine spends on it, which at 10⁶ cases is hours. The
run is deterministic in `--seed` (the case number is printed with each finding, and case N of a
kind is the N-th draw of that kind's own generator seeded from `--seed`).

Kinds of case:
- `rule`: `parse_rule(text)` must return; what it read is evaluated on a generated target, actual
  and weight (0–10⁶, ≤ 10 places, as a report's bounds allow), which may raise only the project's
  own exceptions (engine.*);
- `report`: a mutated example or a schema-shaped report is written to a file and reviewed in this
  process the way `rescore check FILE` is (`review_one`, the text and JSON renderers, the exit
  status), which must be 0, 1 or 2;
- `cli`: `--cli N` of the reports are also run as `rescore check FILE` subprocesses (timeout 60 s),
  which must exit 0, 1 or 2 with no traceback on stderr.

Each case is timed; a case over 5 s (`--hang`) is a hang: an alarm stops it there, it is
counted and saved. Printed at the end: the cases tried per kind, the exceptions by type and
place with the first example of each saved to a file in a temporary folder (its path printed),
the hangs, the slowest case of each kind and the total run time. Exit status 1 if anything was
found (a traceback or a hang), else 0.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import strategies as S  # noqa: E402  (tests/strategies.py)


class Hang(Exception):
    """A case ran past the --hang limit."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang()


@dataclass
class Tally:
    tried: collections.Counter[str] = field(default_factory=collections.Counter)
    found: dict[tuple[str, str, str], int] = field(default_factory=dict)
    slowest: dict[str, tuple[float, int]] = field(default_factory=dict)
    saved: dict[tuple[str, str, str], Path] = field(default_factory=dict)
    hangs: int = 0


def _where(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    inside = [f for f in frames if "/engine/" in f.filename] or frames
    last = inside[-1] if inside else None
    return f"{last.filename.rsplit('/engine/', 1)[-1]}:{last.lineno}" if last else "?"


def _save(folder: Path, kind: str, number: int, case: Any, error: BaseException | None, stderr: str = "") -> Path:
    path = folder / f"{kind}-{number}.txt"
    if kind == "rule":
        text, target, actual, weight = case
        body = json.dumps({"rule": text, "target": target, "actual": actual, "weight": str(weight)}, ensure_ascii=True)
    else:
        (folder / f"{kind}-{number}.json").write_text(case, encoding="utf-8", errors="surrogatepass")
        body = f"report: {folder / f'{kind}-{number}.json'}"
    detail = "".join(traceback.format_exception(error)) if error is not None else stderr
    path.write_text(f"{body}\n\n{detail}", encoding="utf-8", errors="backslashreplace")
    return path


def _record(tally: Tally, folder: Path, kind: str, number: int, case: Any, error: BaseException | None,
            name: str, stderr: str = "") -> None:
    key = (kind, name, _where(error) if error is not None else "")
    if key not in tally.found:
        tally.found[key] = 0
        tally.saved[key] = _save(folder, kind, number, case, error, stderr)
        print(f"  found: {kind} case {number}: {name} at {key[2]} → {tally.saved[key]}", flush=True)
    tally.found[key] += 1


def _run(tally: Tally, folder: Path, kind: str, number: int, case: Any, check: Callable[[], Any],
         hang: float) -> None:
    tally.tried[kind] += 1
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, hang)
    try:
        check()
    except Hang as error:
        tally.hangs += 1
        _record(tally, folder, kind, number, case, error, f"hang (> {hang:g} s)")
    except Exception as error:  # noqa: BLE001 - every failure is counted
        _record(tally, folder, kind, number, case, error, type(error).__name__)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    took = time.perf_counter() - start
    if took > tally.slowest.get(kind, (0.0, 0))[0]:
        tally.slowest[kind] = (took, number)


def _rule_case(rng: random.Random) -> tuple[str, str | None, str | None, Any]:
    return S.random_rule(rng), S.random_cell(rng), S.random_cell(rng), S.random_weight(rng)


def run_rules(tally: Tally, folder: Path, n: int, seed: int, hang: float, every: int) -> None:
    rng = random.Random(f"rules-{seed}")
    for number in range(n):
        case = _rule_case(rng)
        _run(tally, folder, "rule", number, case, lambda: S.check_rule(*case), hang)
        if every and (number + 1) % every == 0:
            print(f"  rules: {number + 1:,} of {n:,}", flush=True)


def run_reports(tally: Tally, folder: Path, n: int, seed: int, hang: float, cli: int, every: int) -> None:
    rng = random.Random(f"reports-{seed}")
    work = Path(tempfile.mkdtemp(prefix="rescore-fuzz-work-"))
    cli_every = max(1, n // cli) if cli else 0
    for number in range(n):
        case = S.random_report(rng)
        _run(tally, folder, "report", number, case, lambda: S.check_report(case, work), hang)
        if cli_every and number % cli_every == 0 and tally.tried["cli"] < cli:
            _cli_case(tally, folder, number, case, work)
        if every and (number + 1) % max(1, every // 100) == 0:
            print(f"  reports: {number + 1:,} of {n:,}", flush=True)


def _cli_case(tally: Tally, folder: Path, number: int, case: str, work: Path) -> None:
    """`rescore check FILE` in a subprocess: exit 0, 1 or 2 and no traceback."""
    tally.tried["cli"] += 1
    path = work / "cli.json"
    path.write_text(case, encoding="utf-8", errors="surrogatepass")
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", "from engine.cli import main; main()", "check", str(path)],
                              capture_output=True, timeout=60, cwd=ROOT)
    except subprocess.TimeoutExpired:
        tally.hangs += 1
        _record(tally, folder, "cli", number, case, None, "hang (> 60 s)")
        return
    took = time.perf_counter() - start
    if took > tally.slowest.get("cli", (0.0, 0))[0]:
        tally.slowest["cli"] = (took, number)
    stderr = done.stderr.decode("utf-8", "replace")
    if done.returncode not in (0, 1, 2) or "Traceback" in stderr:
        _record(tally, folder, "cli", number, case, None, f"exit {done.returncode}", stderr)


def summary(tally: Tally, folder: Path, args: argparse.Namespace, took: float) -> list[str]:
    lines = [f"rescore fuzz — seed {args.seed}; python {sys.version.split()[0]}; {os.cpu_count()} CPUs",
             "", "  kind      cases   slowest (case)"]
    for kind in ("rule", "report", "cli"):
        if tally.tried[kind]:
            slow, which = tally.slowest.get(kind, (0.0, 0))
            lines.append(f"  {kind:<6} {tally.tried[kind]:>9,}   {slow:.3f} s (#{which})")
    lines += ["", f"  exceptions and hangs: {sum(tally.found.values())} "
                  f"({len(tally.found)} distinct; {tally.hangs} hangs over {args.hang:g} s)"]
    for (kind, name, where), count in sorted(tally.found.items(), key=lambda kv: -kv[1]):
        lines.append(f"    {count:>7,}  {kind:<6} {name} at {where or '-'}   first: {tally.saved[(kind, name, where)]}")
    lines += ["", f"  saved cases: {folder}", f"  total run time: {took:.1f} s"]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rules", type=int, default=10 ** 6, help="rule texts to try (default 10**6)")
    parser.add_argument("--reports", type=int, default=10 ** 4, help="reports to try (default 10**4)")
    parser.add_argument("--cli", type=int, default=20, help="of the reports, how many also as a subprocess (default 20)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hang", type=float, default=5.0, help="seconds after which a case is a hang (default 5)")
    parser.add_argument("--progress", type=int, default=100_000, help="print progress every N rules (0: never)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="rescore-fuzz-"))
    signal.signal(signal.SIGALRM, _alarm)
    tally = Tally()
    from engine.language.parser import parse_rule

    parse_rule("每减少1%扣1分")  # the parser built before the first timed case
    signal.signal(signal.SIGTERM, _stop)
    start = time.perf_counter()
    try:
        run_rules(tally, folder, args.rules, args.seed, args.hang, args.progress)
        run_reports(tally, folder, args.reports, args.seed, args.hang, args.cli, args.progress)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: the summary of what was tried so far
        print("  stopped before the end: the figures below are for the cases tried", flush=True)
    print("\n".join(summary(tally, folder, args, time.perf_counter() - start)))
    return 1 if tally.found else 0


def _stop(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
