"""Batch benchmark: `rescore check FOLDER` on many reports, on one core and on all cores.

Not a test: it measures and prints, and exits 0 unless it cannot run.

Generates `--reports` copies of the shipped example (80 items each) in a temporary folder, each
with its claimed scores moved deterministically (from --seed) so that findings vary, then runs

    rescore check FOLDER --format jsonl -o OUT --jobs J

as a subprocess for J = 1 and J = all cores (`--jobs-list` to choose), `--reps` times each, and
prints the best wall time, files/s and indicators/s, and the peak memory: the largest sum of
the resident set sizes of the command and its workers, sampled from /proc every 20 ms (Linux),
and the largest single process (ru_maxrss of the children), and the CPU time of the command and
its workers (user + system), whose rate moves less with the load of a shared machine.

    .venv/bin/python bench/batch_bench.py                  # 200 reports, jobs 1 and all cores
    .venv/bin/python bench/batch_bench.py --reports 500 --reps 3
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "hengyang-2024" / "report.json"


def _python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def generate(folder: Path, count: int, seed: int) -> int:
    """`count` variants of the example; returns the number of indicators (execution rows included)."""
    base = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    items = 0
    for n in range(count):
        data = json.loads(json.dumps(base))
        data["unit"] = f"{base['unit']}（样本 {n:04d}）"
        for table in data["tables"]:
            items += len(table["indicators"]) + (1 if table.get("execution") else 0)
            for ind in table["indicators"]:
                if ind.get("claimed_score") is not None and rng.random() < 0.1:
                    claimed = Decimal(str(ind["claimed_score"])) - Decimal(rng.choice(["0.5", "1"]))
                    ind["claimed_score"] = str(max(claimed, Decimal(0)))
        sub = folder / f"d{n % 10}"
        sub.mkdir(exist_ok=True)
        (sub / f"report-{n:04d}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return items


def _tree_rss(pid: int) -> int:
    """Resident set size of `pid` and its descendants, in KiB (Linux /proc)."""
    total = 0
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    todo = [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status", encoding="utf-8") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total


def run_once(folder: Path, jobs: int) -> tuple[float, int, float]:
    out = folder.parent / "out.jsonl"
    code = "import sys; from engine.cli import main; main(sys.argv[1:])"
    args = [_python(), "-c", code, "check", str(folder), "--format", "jsonl", "-o", str(out), "--jobs", str(jobs)]
    peak = 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        sys.exit(f"rescore exited {proc.returncode}: {err.decode()[-2000:]}")
    lines = out.read_text(encoding="utf-8").count("\n")
    if lines < 1:
        sys.exit("rescore wrote nothing")
    return wall, peak, cpu


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=200, help="reports to generate (default 200)")
    ap.add_argument("--reps", type=int, default=2, help="runs of each job count; the best is shown (default 2)")
    ap.add_argument("--jobs-list", default=f"1,{len(os.sched_getaffinity(0))}", help="job counts (default 1,all)")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args(argv)
    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="rescore-batch-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        items = generate(folder, args.reports, args.seed)
        print(f"batch bench — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; python {sys.version.split()[0]}; "
              f"{cores} CPUs; {args.reports} reports, {items} indicators (execution rows included)")
        print(f"  load average before: {os.getloadavg()[0]:.2f} (the figures are only as quiet as the machine)")
        print(f"  {'jobs':>4}  {'wall (best)':>11}  {'files/s':>8}  {'indicators/s':>12}  {'CPU s':>6}  "
              f"{'indicators/CPU-s':>16}  {'peak RSS, all processes':>24}")
        for jobs in sorted({int(j) for j in args.jobs_list.split(",")}):
            runs = [run_once(folder, jobs) for _ in range(args.reps)]
            wall, _, cpu = min(runs)
            peak = max(p for _, p, _ in runs)
            print(f"  {jobs:>4}  {wall:>9.2f} s  {args.reports / wall:>8.1f}  {items / wall:>12.0f}  {cpu:>6.2f}  "
                  f"{items / cpu:>16.0f}  {peak / 1024:>21.1f} MB")
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  largest single process (ru_maxrss of the children): {largest:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
