"""Issue 13 in one run: start-up, throughput at 1k / 10k / 100k, cores, a 1,000-report batch, memory.

Not a test: it measures and prints, and exits 0 unless it cannot run. Every ratio is measured
side by side in the same run (the machine may be shared; the commands are interleaved).

(1) Start-up of `rescore examples/hengyang-2024/report.json` against the floor
    `python -c "import click, lark, pydantic"` and against `python -c pass`; the rescore run
    with a warm rule cache (a private XDG_CACHE_HOME kept across runs) and a cold one (a fresh
    empty XDG_CACHE_HOME every run). Byte-code is cached in both (a private PYTHONPYCACHEPREFIX
    when PYTHONDONTWRITEBYTECODE is set).
(2) The generated report of `rescore_bench.py` (rules from the corpus phrases, calibrated claims)
    at 1k, 10k and 100k indicators (100k is the 10k tables repeated): in this process,
    indicators/s for loading (`load_report`), `rescore()` and each output format (best of
    --reps; one run at 100k); then the whole CLI (`rescore check FILE --format json -o OUT`) as
    a subprocess with --jobs 1 and --jobs all cores, its wall time, the 10k → 100k time ratio,
    the speed-up on all cores, and the peak resident memory of the command and its workers.
(3) A batch of --reports variants of the shipped example (`batch_bench.py`), `rescore check
    FOLDER --format jsonl`, with --jobs 1 (one process) and all cores: files/s.

    .venv/bin/python bench/scale_bench.py                 # everything, a few minutes
    .venv/bin/python bench/scale_bench.py --skip-formats xlsx,html --reports 300
    .venv/bin/python bench/scale_bench.py --only 2 --sizes 1000,10000 --skip-formats xlsx   # html without 100k
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(BENCH), str(ROOT)]

import batch_bench  # noqa: E402
import rescore_bench as rb  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
FORMATS = ("text", "json", "jsonl", "markdown", "html", "xlsx")
GOALS = {"warm": 1.3, "cold": 1.6}


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _med(values: list[float]) -> float:
    return statistics.median(values)


# ============================================================== (1) start-up


def bench_startup(reps: int) -> dict[str, list[float]]:
    python = rb._venv_python()
    with tempfile.TemporaryDirectory(prefix="rescore-scale-") as tmp:
        env = rb.child_envs(str(Path(tmp) / "pyc"))["cached"]
        warm_home = Path(tmp) / "warm-cache"
        warm_home.mkdir()
        rescore_argv, _ = rb._rescore_command(python, str(rb.EXAMPLE))
        runs = {
            "rescore, warm cache": (rescore_argv, "warm"),
            "rescore, cold cache": (rescore_argv, "cold"),
            "floor (import click, lark, pydantic)": ([python, "-c", rb.FLOOR_CODE], "warm"),
            "python -c pass": ([python, "-c", "pass"], "warm"),
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        for i in range(reps + 1):  # the first round is untimed: .pyc written, warm cache filled
            order = list(runs.items()) if i % 2 else list(runs.items())[::-1]
            for name, (argv, cache) in order:
                home = warm_home if cache == "warm" else Path(tempfile.mkdtemp(dir=tmp))
                elapsed, code, _ = rb._timed_child(argv, {**env, "XDG_CACHE_HOME": str(home)})
                if code not in (0, 1):
                    raise SystemExit(f"{' '.join(argv)} exited with {code}")
                if i:
                    times[name].append(elapsed)
    return times


def print_startup(times: dict[str, list[float]]) -> list[list[str]]:
    names = list(times)
    floor, bare = _med(times[names[2]]), _med(times[names[3]])
    rows = [["command", "median", "min", "× floor", "× pass"]]
    for name in names:
        med = _med(times[name])
        rows.append([name, rb._ms(med), rb._ms(min(times[name])), f"{med / floor:.2f}×", f"{med / bare:.1f}×"])
    print(f"(1) start-up: {len(times[names[0]])} runs of each, interleaved; byte-code cached\n")
    print(rb._table(rows, right={1, 2, 3, 4}))
    summary = []
    for mode, name in (("warm", names[0]), ("cold", names[1])):
        ratio = _med(times[name]) / floor
        summary.append([f"start-up, {mode} cache (× floor)", f"{ratio:.2f}×", f"≤ {GOALS[mode]}×",
                        "yes" if ratio <= GOALS[mode] else "NO"])
    return summary


# ============================================================== (2) scale


def make_reports(folder: Path, corpus: Path, seed: int, sizes: tuple[int, ...] = SIZES) -> dict[int, Path]:
    """The generated report at each size, written as JSON; 100k repeats the 10k tables."""
    from engine.profiles import load_profile
    from engine.report.model import Report
    from engine.review.pipeline import rescore

    phrases = [line.split("\t")[0] for line in corpus.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    raw = rb.generate_raw(phrases, 10_000, 20, 10, seed)
    rb.calibrate(raw, rescore(Report.model_validate(raw), load_profile("mof2020")), seed)
    tables = raw["tables"]
    paths = {}
    for size in sizes:
        chosen = (tables * (size // 10_000 + 1))[: size // 20]
        chosen = [{**t, "name": f"生成项目{i + 1:05d}"} for i, t in enumerate(chosen)]
        path = folder / f"report-{size}.json"
        path.write_text(json.dumps({**raw, "tables": chosen}, ensure_ascii=False), encoding="utf-8")
        paths[size] = path
    return paths


def _renderers(folder: Path, source: Path) -> dict[str, object]:
    from engine.output import batch
    from engine.output.files import write_report_file

    return {
        "text": lambda o: batch.render_check_text(o, False, 100, False),
        "json": batch.render_check_json,
        "jsonl": batch.render_check_jsonl,
        "markdown": batch.render_check_markdown,
        "html": lambda o: write_report_file("html", o[0].result, folder / "out.html", source, False),
        "xlsx": lambda o: write_report_file("xlsx", o[0].result, folder / "out.xlsx", source, False),
    }


def bench_inprocess(paths: dict[int, Path], formats: list[str], reps: int) -> dict[int, dict[str, float]]:
    from engine.output.outcomes import Reviewed
    from engine.profiles import load_profile
    from engine.report.loading import load_report
    from engine.review.pipeline import rescore

    profile = load_profile("mof2020")
    out: dict[int, dict[str, float]] = {}
    for size, path in paths.items():
        runs = 1 if size >= 100_000 else reps
        times: dict[str, float] = {}
        times["load"], report = rb._best(lambda: load_report(path), runs)
        times["rescore"], result = rb._best(lambda: rescore(report, profile, file=str(path)), runs)
        outcomes = [Reviewed(str(path), result)]
        renderers = _renderers(path.parent, path)
        for fmt in formats:
            times[fmt], _ = rb._best(lambda: renderers[fmt](outcomes), runs)
        out[size] = times
    return out


def _tree_peak(proc: subprocess.Popen) -> tuple[threading.Event, list[int]]:
    peak, done = [0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], batch_bench._tree_rss(proc.pid))
            time.sleep(0.02)

    threading.Thread(target=sample, daemon=True).start()
    return done, peak


def cli_run(path: Path, jobs: int, env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB, command + workers) of `rescore check PATH --format json`."""
    code = "import sys; from engine.cli import main; main(sys.argv[1:])"
    argv = [rb._venv_python(), "-c", code, "check", str(path), "--format", "json",
            "-o", str(path.parent / "cli-out.json"), "--jobs", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done, peak = _tree_peak(proc)
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    done.set()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"rescore exited {proc.returncode}: {err.decode()[-2000:]}")
    return wall, peak[0]


def bench_cli_scale(paths: dict[int, Path], reps: int) -> dict[tuple[int, int], tuple[float, int]]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(next(iter(paths.values())).parent / "pyc")
    out: dict[tuple[int, int], list[tuple[float, int]]] = {}
    for i in range(reps):
        for size, path in paths.items():
            for jobs in sorted({1, _cores()}, reverse=bool(i % 2)):
                out.setdefault((size, jobs), []).append(cli_run(path, jobs, env))
    return {key: (_med([w for w, _ in runs]), max(p for _, p in runs)) for key, runs in out.items()}


def print_scale(inproc: dict[int, dict[str, float]], cli: dict[tuple[int, int], tuple[float, int]]) -> list[list[str]]:
    cores = _cores()
    print("\n(2) the generated report, in this process: indicators/s (best of the runs; one run at 100k)\n")
    phases = list(next(iter(inproc.values())))
    rows = [["phase", *[f"{s // 1000}k" for s in inproc], "100k/10k time"]]
    for phase in phases:
        rate = [f"{s / t[phase]:,.0f}" for s, t in inproc.items()]
        both = 100_000 in inproc and 10_000 in inproc
        rows.append([phase, *rate, f"{inproc[100_000][phase] / inproc[10_000][phase]:.1f}" if both else "-"])
    print(rb._table(rows, right=set(range(1, len(rows[0])))))
    print("\n    the whole CLI, `rescore check FILE --format json -o OUT`, median wall time; peak RSS of all its processes\n")
    rows = [["indicators", "jobs", "wall", "indicators/s", "per core", "speed-up", "peak RSS"]]
    for (size, jobs), (wall, peak) in sorted(cli.items()):
        one = cli[(size, 1)][0]
        rows.append([f"{size:,}", str(jobs), f"{wall:.2f} s", f"{size / wall:,.0f}", f"{size / wall / jobs:,.0f}",
                     f"{one / wall:.2f}×", f"{peak / 1024:.0f} MiB"])
    print(rb._table(rows, right=set(range(7))))
    if (100_000, 1) not in cli or (10_000, 1) not in cli:
        return []  # the goals are at 100k
    per_core = 100_000 / cli[(100_000, 1)][0]
    linear = cli[(100_000, 1)][0] / cli[(10_000, 1)][0]
    speedup = cli[(100_000, 1)][0] / cli[(100_000, cores)][0]
    peak = max(p for (s, _), (_, p) in cli.items() if s == 100_000) / 1024
    return [
        ["whole CLI at 100k, 1 core", f"{per_core:,.0f} indicators/s", "≥ 20,000/s", "yes" if per_core >= 20_000 else "NO"],
        ["whole CLI, 100k / 10k time (1 core)", f"{linear:.2f}", "≤ 10.5", "yes" if linear <= 10.5 else "NO"],
        [f"100k report, {cores} cores vs 1", f"{speedup:.2f}×", "≥ 1.8×", "yes" if speedup >= 1.8 else "NO"],
        ["peak memory at 100k (all processes)", f"{peak:.0f} MiB", "≤ 300 MiB", "yes" if peak <= 300 else "NO"],
    ]


# ============================================================== (3) batch


def bench_batch(count: int, reps: int, seed: int) -> list[list[str]]:
    cores = _cores()
    with tempfile.TemporaryDirectory(prefix="rescore-scale-batch-") as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        batch_bench.generate(folder, count, seed)
        walls: dict[int, list[float]] = {1: [], cores: []}
        for i in range(reps):
            for jobs in sorted(walls, reverse=bool(i % 2)):
                walls[jobs].append(batch_bench.run_once(folder, jobs)[0])
    print(f"\n(3) batch: {count} variants of the example, `rescore check FOLDER --format jsonl -o OUT`, median of {reps}\n")
    rows = [["jobs", "wall", "files/s", "files/s per core"]]
    for jobs, runs in walls.items():
        rows.append([str(jobs), f"{_med(runs):.2f} s", f"{count / _med(runs):,.0f}", f"{count / _med(runs) / jobs:,.0f}"])
    print(rb._table(rows, right={0, 1, 2, 3}))
    one, many = count / _med(walls[1]), count / _med(walls[cores])
    return [
        [f"batch of {count}, one process", f"{one:,.0f} files/s", "≥ 300/s", "yes" if one >= 300 else "NO"],
        [f"batch of {count}, {cores} cores vs 1", f"{many / one:.2f}×", "≥ 1.8×", "yes" if many / one >= 1.8 else "NO"],
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--startup-reps", type=int, default=15)
    ap.add_argument("--reps", type=int, default=3, help="runs of each in-process phase and each CLI run")
    ap.add_argument("--reports", type=int, default=1000, help="reports in the batch (default 1000)")
    ap.add_argument("--skip-formats", default="", help="formats not timed in (2), comma-separated")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--corpus", type=Path, default=rb._default_corpus())
    ap.add_argument("--only", default="1,2,3", help="parts to run (default 1,2,3)")
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)),
                    help="report sizes of (2), indicators, comma-separated (default 1000,10000,100000)")
    args = ap.parse_args(argv)
    os.chdir(ROOT)
    began = time.perf_counter()
    import platform

    print(f"scale bench — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; commit {rb._git()}; "
          f"python {platform.python_version()}; {platform.system()} {platform.machine()}, {_cores()} CPUs; "
          f"load average {os.getloadavg()[0]:.2f}\n")
    summary = [["measure", "value", "goal", "met"]]
    parts = set(args.only.split(","))
    if "1" in parts:
        summary += print_startup(bench_startup(args.startup_reps))
    if "2" in parts:
        formats = [f for f in FORMATS if f not in args.skip_formats.split(",")]
        with tempfile.TemporaryDirectory(prefix="rescore-scale-") as tmp:
            paths = make_reports(Path(tmp), args.corpus, args.seed, tuple(int(n) for n in args.sizes.split(",")))
            inproc = bench_inprocess(paths, formats, args.reps)
            cli = bench_cli_scale(paths, args.reps)
        summary += print_scale(inproc, cli)
    if "3" in parts:
        summary += bench_batch(args.reports, args.reps, args.seed)
    print(f"\nsummary (load average now {os.getloadavg()[0]:.2f})\n")
    print(rb._table(summary))
    print(f"\n(bench took {time.perf_counter() - began:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
