"""Benchmark for issue 4 (Speed): CLI start-up against the import floor, and rescoring throughput.

Not a timed test: it measures and prints, and always exits 0 unless it cannot run.

(a) `rescore examples/hengyang-2024/report.json` as a subprocess (the installed console script
    `.venv/bin/rescore` if present, else `python -c "from engine.cli import main; main([...])"`),
    interleaved with the floor `python -c "import click, lark, pydantic"`, N repetitions each;
    median / min of each and their ratio (goal: ≤ 1.5×). Then `python -X importtime` of the same
    rescore run (what it imports, grouped by package, and what it imports beyond the floor) and a
    phase breakdown of one cold run in a fresh process.
(b) A generated report of 10,000 indicators whose 评分标准 are corpus phrases
    (shared/corpus/phrases.tsv) with their numbers replaced by other plausible numbers
    (deterministic from --seed), ~20 indicators per table, each table with an execution row.
    Times `Report.model_validate` and `parse_report` (JSON text → Report) separately from
    `rescore(report, load_profile("mof2020"))` (best of 3); reports indicators per second
    (goal: ≥ 10,000/s on one core), distinct rule texts and parse-cache hits, and the
    tracemalloc peak of validation and of rescoring.
The max RSS of this process and of the largest child is printed at the end.

    .venv/bin/python bench/rescore_bench.py            # everything, < 2 minutes
    .venv/bin/python bench/rescore_bench.py --help     # options (repetitions, size, seed, ...)
"""

from __future__ import annotations

import argparse
import ast
import datetime as _dt
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = Path("examples/hengyang-2024/report.json")  # relative to ROOT, as a user types it
FLOOR_CODE = "import click, lark, pydantic"
GOAL_RATIO = 1.5
GOAL_RATE = 10_000


def _default_corpus() -> Path:
    for base in (ROOT.parent, ROOT.parent.parent):
        path = base / "shared" / "corpus" / "phrases.tsv"
        if path.exists():
            return path
    return ROOT.parent / "shared" / "corpus" / "phrases.tsv"


def _venv_python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def _rss_mb(ru_maxrss: int) -> float:
    """ru_maxrss is KiB on Linux, bytes on macOS."""
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _table(rows: list[list[str]], right: set[int] = frozenset(), indent: str = "  ") -> str:
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell.rjust(w) if c in right else cell.ljust(w) for c, (cell, w) in enumerate(zip(row, widths))]
        lines.append(indent + "  ".join(cells).rstrip())
    return "\n".join(lines)


# ============================================================== (a) CLI start-up


def _rescore_command(python: str, report: str) -> tuple[list[str], str]:
    script = ROOT / ".venv" / "bin" / "rescore"
    if script.exists():
        return [str(script), report], f".venv/bin/rescore {report}"
    code = f"from engine.cli import main; main([{report!r}])"
    return [python, "-c", code], f'python -c "{code}"'


def _timed_child(argv: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Run argv with output discarded; (wall seconds, exit status, the child's ru_maxrss)."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, child.returncode, usage.ru_maxrss


def child_envs(pycache: str) -> dict[str, dict[str, str]]:
    """The environments the start-up is measured in.

    `cached`: byte-code is written and reused, as on a normal machine (if PYTHONDONTWRITEBYTECODE
    is set here, it is lifted and the .pyc files go to a private PYTHONPYCACHEPREFIX, so the repo
    is not touched). `from source`: the environment as given, when it forbids .pyc files — then
    engine/ (which has no __pycache__) is compiled from source on every run.
    """
    envs = {}
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = pycache
        envs["cached"] = cached
        envs["from source"] = dict(os.environ)
    else:
        envs["cached"] = dict(os.environ)
    return envs


def bench_cli(python: str, reps: int, envs: dict[str, dict[str, str]]) -> dict:
    rescore_argv, shown = _rescore_command(python, str(EXAMPLE))
    floor_argv = [python, "-c", FLOOR_CODE]
    runs = [(f"rescore|{mode}", rescore_argv, env) for mode, env in envs.items()]
    runs += [(f"floor|{mode}", floor_argv, env) for mode, env in envs.items()]
    for _, argv, env in runs:  # one untimed run of each: .pyc written, files in the page cache
        _, code, _ = _timed_child(argv, env)
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} exited with {code}; run it by hand to see why")
    times: dict[str, list[float]] = {name: [] for name, _, _ in runs}
    rss: dict[str, list[int]] = {name: [] for name, _, _ in runs}
    for i in range(reps):
        order = runs if i % 2 == 0 else runs[::-1]  # alternate who goes first
        for name, argv, env in order:
            elapsed, _, maxrss = _timed_child(argv, env)
            times[name].append(elapsed)
            rss[name].append(maxrss)
    return {"shown": shown, "times": times, "rss": rss, "argv": rescore_argv, "modes": list(envs)}


_IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)\s*$")


def _importtime(python: str, argv_tail: list[str], env: dict[str, str]) -> list[tuple[int, int, int, str]]:
    """(self µs, cumulative µs, depth, module) for each import of one run of `python -X importtime ...`."""
    done = subprocess.run([python, "-X", "importtime", *argv_tail], cwd=ROOT, env=env, capture_output=True, text=True)
    out = []
    for line in done.stderr.splitlines():
        m = _IMPORT_LINE.match(line)
        if m:
            out.append((int(m[1]), int(m[2]), len(m[3]) // 2, m[4]))
    return out


def bench_imports(python: str, rescore_argv: list[str], env: dict[str, str]) -> dict:
    tail = rescore_argv[1:] if rescore_argv[0] == python else rescore_argv  # script path or -c code
    run = _importtime(python, tail, env)
    floor = _importtime(python, ["-c", FLOOR_CODE], env)
    return {"run": run, "floor": floor}


_PHASES = r"""
import sys, time
t0 = time.perf_counter(); marks = []
def mark(name):
    global t0
    t = time.perf_counter(); marks.append((name, t - t0)); t0 = t
import click, lark, pydantic;                          mark("import click, lark, pydantic (the floor)")
import engine.cli;                                     mark("import engine.cli (the click group, check)")
import engine.cli.run;                                 mark("import engine.cli.run (+ review context)")
from engine.language import store
store.use_default();                                   mark("the rule store (XDG_CACHE_HOME)")
from engine.report.loading import load_report
report = load_report(sys.argv[1]);                     mark("load_report (read, json, validate)")
from engine.profiles.choice import resolve
from engine.review.pipeline import rescore;            mark("import profiles.choice, review.pipeline (+ scoring)")
profile = resolve(None, report).profile;               mark("resolve and load the profile")
spent = [0.0]
def timed(text, _read=store.read):
    t = time.perf_counter()
    try:
        return _read(text)
    finally:
        spent[0] += time.perf_counter() - t
store.read = timed  # the review's parse cache reads each rule text through the store
result = rescore(report, profile, None, file=sys.argv[1])
t = time.perf_counter(); marks.append(("rescore(), without reading the rules", t - t0 - spent[0]))
marks.append(("  reading the report's rules (store or parser)", spent[0])); t0 = t
from engine.output import batch
from engine.output.outcomes import Reviewed;           mark("import engine.output.batch")
text = batch.render_check_text([Reviewed(sys.argv[1], result, None, None, None, ())], False, None, False)
mark("render the text")
print(repr(marks))
"""


def bench_phases(python: str, env: dict[str, str]) -> dict[str, list[tuple[str, float]]] | None:
    """Two runs in fresh processes, phase by phase (mirroring what `rescore REPORT.json` does):
    with an empty rule store, then with the store the first run filled."""
    with tempfile.TemporaryDirectory(prefix="rescore-phases-") as home:
        runs = {}
        for mode in ("cold", "warm"):
            done = subprocess.run([python, "-c", _PHASES, str(EXAMPLE)], cwd=ROOT, capture_output=True, text=True,
                                  env={**env, "XDG_CACHE_HOME": home})
            if done.returncode != 0:
                return None
            runs[mode] = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return runs


# ============================================================== (b) generated report

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_RANGE_PCT = re.compile(r"\s*[-–~]\s*±?\d+(?:\.\d+)?\s*%")
_LOWER_IS_BETTER = ("超过", "超出", "超支", "增加", "以下(含)", "调整率", "控制率", "变动率")
_CLASSES = "ⅠⅡⅢⅣⅤ"
_UNITS = ("万元", "微克/立方米", "个", "项", "人", "天", "次")
_TIERS = re.compile(r"(?:^|[；;，,])\s*([^：:；;，,\d%]{1,12})\s*[：:]\s*\d")
_STEP_PCT = (1, 2, 3, 5, 10)
_STEP_FACTOR = (Decimal("0.5"), Decimal(1), Decimal(2), Decimal(3))
_QTY_FACTOR = (Decimal("0.6"), Decimal("0.8"), Decimal(1), Decimal("1.2"), Decimal("1.5"))
_POINT_FACTOR = (Decimal("0.5"), Decimal(1), Decimal("1.5"), Decimal(2))
_SHIFTS = (-15, -10, -5, -3, 0, 2, 5)
_LEVELS = [
    ("产出指标", ("数量指标", "质量指标", "时效指标")),
    ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",)),
    ("成本指标", ("经济成本指标",)),
]


def _num(d: Decimal) -> str:
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _kind(text: str, m: re.Match) -> str:
    """points | step | fixed | percent | quantity, from the characters around a number."""
    after, before = text[m.end():m.end() + 12], text[max(0, m.start() - 10):m.start()]
    value = Decimal(m[0])
    if after.lstrip().startswith("分"):
        return "points" if value <= 50 else "fixed"
    mei = before.rfind("每")
    if mei >= 0 and not re.search(r"\d", before[mei:]):
        return "step"
    percent = after.startswith("%") or _RANGE_PCT.match(after) is not None
    if value in (0, 100) or value > 100 and percent:
        return "fixed"
    return "percent" if percent or "%" in text and value < 100 else "quantity"


def variant(phrase: str, rng: random.Random) -> str:
    """The phrase with its numbers replaced by other plausible ones, consistently within the phrase:
    thresholds shift together (tier bands keep their order), points scale together, step sizes
    and quantities are redrawn from nice values; 0 and 100 stay."""
    found = [(m, _kind(phrase, m)) for m in _NUMBER.finditer(phrase)]
    if not found:
        return phrase
    percents = [Decimal(m[0]) for m, k in found if k == "percent"]
    shifts = [s for s in _SHIFTS if all(0 < p + s < 100 for p in percents)] or [0]
    shift, points, qty = rng.choice(shifts), rng.choice(_POINT_FACTOR), rng.choice(_QTY_FACTOR)
    out, last = [], 0
    for m, kind in found:
        value = Decimal(m[0])
        if kind == "percent":
            new = value + shift
        elif kind == "points":
            new = value * points
        elif kind == "step":
            new = Decimal(rng.choice(_STEP_PCT)) if phrase[m.end():m.end() + 1] == "%" else value * rng.choice(_STEP_FACTOR)
        elif kind == "quantity":
            new = value * qty
            if "." not in m[0]:
                new = new.quantize(Decimal(1), ROUND_HALF_UP)
        else:
            new = value
        out += [phrase[last:m.start()], _num(new)]
        last = m.end()
    out.append(phrase[last:])
    return "".join(out)


def _threshold(rule: str) -> tuple[Decimal, str] | None:
    """The first target-like number of a rule and its unit ('%' or a word), if any."""
    for m in _NUMBER.finditer(rule):
        kind = _kind(rule, m)
        if kind in ("percent", "quantity") or kind == "fixed" and m[0] == "100":
            after = rule[m.end():]
            if after.startswith("%") or _RANGE_PCT.match(after):
                return Decimal(m[0]), "%"
            unit = next((u for u in _UNITS if after.startswith(u)), "")
            return Decimal(m[0]), unit
    return None


def _weight(rule: str, rng: random.Random) -> Decimal:
    """The rule's full marks: its largest award (not a deduction), else a common weight."""
    awards = [Decimal(m[0]) for m in _NUMBER.finditer(rule)
              if _kind(rule, m) == "points" and not re.search(r"(扣|降低|减|加|增加)\s*$", rule[max(0, m.start() - 3):m.start()])]
    awards = [a for a in awards if a > 0]
    return max(awards) if awards else Decimal(rng.choice((2, 3, 5, 10)))


def cells(rule: str, rng: random.Random) -> tuple[str, str]:
    """A plausible (target, actual) for a rule: met about 60% of the time, else worse by a few steps."""
    found = _threshold(rule)
    if "省定目标" in rule:
        return "省定目标", rng.choice(("省定目标", "达到省定目标", "95%"))
    classes = [c for c in _CLASSES if f"{c}类" in rule]
    if found is None and classes:
        i = _CLASSES.index(classes[0])
        return f"{_CLASSES[i]}类", f"{_CLASSES[min(len(_CLASSES) - 1, i + rng.choice((0, 0, 1, 2)))]}类"
    if found is None:
        tiers = [t.strip() for t in _TIERS.findall(rule) if t.strip()]
        if len(tiers) >= 2:
            return tiers[0], rng.choice(tiers)
        if re.search(r"每(出现|增加)一(个|例|项)", rule):  # counted occurrences
            return rng.choice(("0个", "无", "按计划完成")), f"{rng.choice((0, 0, 0, 1, 2))}个"
        if "每少一项" in rule:
            n = rng.choice((5, 8, 10, 12))
            return f"{n}项", f"{n - rng.choice((0, 0, 1, 2))}项"
        if rng.random() < 0.25:  # worded, as many real tables are
            return rng.choice(("完成", "按计划完成", "合格")), rng.choice(("完成", "已完成", "基本完成", "未完成"))
        if any(word in rule for word in _LOWER_IS_BETTER):  # a rate that should not rise
            return rng.choice(("0%", "≤0%")), f"{rng.choice((0, 0, -2, 1, 3))}%"
        goal = rng.choice((100, 95, 90))
        target = rng.choice((f"{goal}%", f"≥{goal}%", f"{goal}%以上"))
        return target, f"{goal - rng.choice((0, 0, 0, 3, 8))}%"
    value, unit = found
    lower_better = any(word in rule for word in _LOWER_IS_BETTER)
    step_m = next((m for m in _NUMBER.finditer(rule) if _kind(rule, m) == "step"), None)
    step = Decimal(step_m[0]) if step_m else max(Decimal(1), (value / 20).quantize(Decimal(1)))
    if lower_better:
        target = f"≤{_num(value)}{unit}"
    else:
        target = rng.choice((f"{_num(value)}{unit}", f"≥{_num(value)}{unit}", f"{_num(value)}{unit}以上"))
    if rng.random() < 0.6:  # met
        delta = rng.choice((Decimal(0), Decimal(0), step / 2))
    else:  # missed by one to four steps, sometimes a partial one
        delta = -step * rng.choice((1, 2, 3, 4)) - rng.choice((Decimal(0), Decimal(0), step / 2))
    actual = value - delta if lower_better else value + delta
    if unit == "%":
        actual = min(actual, Decimal(100)) if not lower_better else actual
    actual = max(actual, Decimal(0))
    return target, f"{_num(actual)}{unit}"


def generate_raw(phrases: list[str], n_indicators: int, per_table: int, variants: int, seed: int) -> dict:
    """A report as JSON-shaped data (numbers as printed strings), deterministic in `seed`."""
    rng = random.Random(seed)
    pool: list[list[str]] = []
    for phrase in phrases:
        seen: list[str] = []
        for _ in range(variants * 3):
            text = variant(phrase, rng)
            if text not in seen:
                seen.append(text)
            if len(seen) == variants:
                break
        pool.append(seen)
    tables, made = [], 0
    while made < n_indicators:
        size = min(per_table, n_indicators - made)
        indicators = []
        for i in range(size):
            rule = rng.choice(rng.choice(pool))
            target, actual = cells(rule, rng)
            level1, level2s = _LEVELS[i * len(_LEVELS) // size]
            indicators.append({
                "level1": level1, "level2": rng.choice(level2s), "level3": f"指标{made + i + 1:05d}",
                "target": target, "actual": actual, "rule": rule,
                "weight": _num(_weight(rule, rng)), "claimed_score": None,
            })
        full_year = Decimal(rng.randrange(50, 5000))
        executed = full_year if rng.random() < 0.7 else (full_year * Decimal(rng.randrange(80, 100)) / 100).quantize(Decimal("0.01"))
        rate = executed / full_year
        exec_score = (10 * rate).quantize(Decimal("0.01"), ROUND_HALF_UP)
        tables.append({
            "name": f"生成项目{len(tables) + 1:04d}", "kind": "project", "department": "基准测试局",
            "funding": [
                {"source": "年度资金总额", "breakdown": "total", "initial": str(full_year),
                 "full_year": str(full_year), "executed": str(executed)},
                {"source": "当年财政拨款", "breakdown": "source", "initial": str(full_year),
                 "full_year": str(full_year), "executed": str(executed)},
            ],
            "execution": {"weight": "10", "rate": f"{_num((rate * 100).quantize(Decimal('0.01')))}%",
                          "claimed_score": str(exec_score if rng.random() < 0.9 else Decimal(10))},
            "indicators": indicators,
            "scale": _num(sum(Decimal(ind["weight"]) for ind in indicators) + 10),
        })
        made += size
    return {"schema_version": 1, "unit": "基准测试局", "year": 2024, "title": "rescore bench: generated report",
            "profile": "mof2020", "tables": tables}


def calibrate(raw: dict, result, seed: int) -> None:
    """Set claimed scores from a first rescoring: ~70% agree with the recomputed score (or fall
    inside the allowed range), the rest are off; unverifiable items claim full or near-full marks.
    Fills deviation notes for most lost points and the printed totals (a few are off)."""
    rng = random.Random(seed + 1)
    for table, tres in zip(raw["tables"], result.tables):
        claimed_sum = Decimal(0)
        for ind, item in zip(table["indicators"], tres.items):
            weight = Decimal(ind["weight"])
            if item.recomputed is not None:
                claimed = item.recomputed
            elif item.range is not None:
                claimed = item.range[1]
            else:
                claimed = weight - rng.choice((0, 0, 1))
            if rng.random() >= 0.7:
                claimed += rng.choice((Decimal("-1"), Decimal("-0.5"), Decimal("0.5"), Decimal(1)))
            claimed = min(max(claimed, Decimal(0)), weight).quantize(Decimal("0.01"), ROUND_HALF_UP)
            ind["claimed_score"] = str(claimed)
            if claimed < weight and rng.random() < 0.8:
                ind["deviation_note"] = "部分任务受客观因素影响未能按期完成，下一年度加强调度。"
            claimed_sum += claimed
        claimed_sum += Decimal(table["execution"]["claimed_score"])
        table["claimed_total"] = str(claimed_sum if rng.random() < 0.9 else claimed_sum + 1)


def _best(fn, runs: int = 3) -> tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return best, value


def _peak(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def bench_throughput(corpus: Path, n: int, per_table: int, variants: int, seed: int) -> dict:
    from engine.review import context as review_context  # the parse cache of the review
    from engine.review.checks import rescore
    from engine.report.loading import parse_report
    from engine.report.model import Report
    from engine.language.parser import parse_rule
    from engine.profiles import load_profile

    phrases = [line.split("\t")[0] for line in corpus.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    start = time.perf_counter()
    raw = generate_raw(phrases, n, per_table, variants, seed)
    profile = load_profile("mof2020")
    calibrate(raw, rescore(Report.model_validate(raw), profile), seed)  # also builds the grammar
    generation = time.perf_counter() - start
    text = json.dumps(raw, ensure_ascii=False)

    validate_s, report = _best(lambda: Report.model_validate(raw))
    parse_report_s, _ = _best(lambda: parse_report(text, "<generated>"))
    rescore_s, result = _best(lambda: rescore(report, profile))

    # parse cache: count lookups and misses in one more (untimed) run
    calls = Counter()
    real_parse, real_call = review_context.parse_rule, review_context.ParseCache.__call__

    def counting_parse(rule_text):
        calls["parsed"] += 1
        return real_parse(rule_text)

    def counting_call(self, rule_text):
        calls["looked up"] += 1
        return real_call(self, rule_text)

    review_context.parse_rule, review_context.ParseCache.__call__ = counting_parse, counting_call
    try:
        rescore(report, profile)
    finally:
        review_context.parse_rule, review_context.ParseCache.__call__ = real_parse, real_call

    distinct = sorted({ind.rule for table in report.tables for ind in table.indicators if ind.rule})
    parse_all_s, parsed = _best(lambda: [parse_rule(t) for t in distinct])
    statuses = Counter(item.status for table in result.tables for item in table.items)
    return {
        "indicators": sum(len(t.indicators) for t in report.tables), "tables": len(report.tables),
        "phrases": len(phrases), "distinct": len(distinct), "unparsed": sum(not p.ok for p in parsed),
        "calls": calls, "generation_s": generation, "json_bytes": len(text.encode()),
        "validate_s": validate_s, "parse_report_s": parse_report_s, "rescore_s": rescore_s,
        "parse_all_s": parse_all_s, "statuses": statuses, "findings": len(result.findings),
        "findings_by_code": Counter(f.code for f in result.findings),
        "peak_validate": _peak(lambda: Report.model_validate(raw)),
        "peak_rescore": _peak(lambda: rescore(report, profile)),
        "sample": [ind.rule for ind in report.tables[0].indicators[:4]],
    }


# ============================================================== report


def _git() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return head + (" + uncommitted changes" if dirty else "") if head else "?"
    except OSError:
        return "?"


def print_cli(cli: dict, imports: dict, phases, top: int) -> None:
    t, modes = cli["times"], cli["modes"]
    reps = len(t[f"rescore|{modes[0]}"])
    print(f"(a) start-up: {cli['shown']}  vs  python -c \"{FLOOR_CODE}\"")
    print(f"    {reps} runs of each, interleaved, after one untimed warm-up run of each; wall time per run")
    if len(modes) > 1:
        print("    PYTHONDONTWRITEBYTECODE is set here and engine/ has no __pycache__: measured both with .pyc")
        print("    files written and reused ('cached', in a private PYTHONPYCACHEPREFIX; what a user normally")
        print("    has) and as configured ('from source': engine/ is compiled on every run)")
    print()
    rows = [["", "byte-code", "median", "min", "max", "max RSS (median)"]]
    for mode in modes:
        for name, label in (("rescore", "rescore report.json"), ("floor", "import floor")):
            key = f"{name}|{mode}"
            rows.append([label, mode, _ms(statistics.median(t[key])), _ms(min(t[key])), _ms(max(t[key])),
                         f"{_rss_mb(int(statistics.median(cli['rss'][key]))):.1f} MB"])
    print(_table(rows, right={2, 3, 4, 5}))

    run, floor = imports["run"], imports["floor"]
    floor_names = {name for *_, name in floor}
    print(f"\n    python -X importtime of the rescore run (byte-code cached): {len(run)} modules, "
          f"{sum(s for s, *_ in run) / 1000:.1f} ms self time in total "
          f"(the floor: {len(floor)} modules, {sum(s for s, *_ in floor) / 1000:.1f} ms)")
    print(f"    top {top} imports by cumulative time (indent = import depth):\n")
    rows = [["cumulative", "self", "module"]]
    for self_us, cum_us, depth, name in sorted(run, key=lambda r: -r[1])[:top]:
        rows.append([f"{cum_us / 1000:.1f} ms", f"{self_us / 1000:.1f} ms", "  " * min(depth, 4) + name])
    print(_table(rows, right={0, 1}, indent="    "))
    by_package: dict[str, list[int]] = {}
    for self_us, _, _, name in run:
        entry = by_package.setdefault(name.split(".")[0], [0, 0, 0])
        entry[0] += 1
        entry[1] += self_us
        entry[2] += name not in floor_names
    print("\n    by top-level package (self time summed; 'beyond floor' = modules the floor does not import):\n")
    rows = [["package", "modules", "self", "beyond floor"]]
    for package, (count, self_us, extra) in sorted(by_package.items(), key=lambda kv: -kv[1][1])[:top]:
        rows.append([package, str(count), f"{self_us / 1000:.1f} ms", str(extra)])
    extra = [(s, n) for s, _, _, n in run if n not in floor_names]
    rows.append(["(all beyond floor)", str(len(extra)), f"{sum(s for s, _ in extra) / 1000:.1f} ms", str(len(extra))])
    print(_table(rows, right={1, 2, 3}, indent="    "))
    if phases:
        cold, warm = phases["cold"], phases["warm"]
        totals = [sum(s for _, s in run) for run in (cold, warm)]  # the rules' reading is apart from rescore()
        print("\n    one run in a fresh process (byte-code cached), phase by phase, mirroring `rescore REPORT.json`,")
        print("    with an empty rule store (cold) and with the store that run filled (warm):\n")
        rows = [["phase", "cold", "warm"]]
        rows += [[name, _ms(c), _ms(w)] for (name, c), (_, w) in zip(cold, warm)]
        rows.append(["total (in-process, without interpreter start-up)", _ms(totals[0]), _ms(totals[1])])
        print(_table(rows, right={1, 2}, indent="    "))


def print_throughput(b: dict) -> None:
    n, c = b["indicators"], b["calls"]
    print(f"\n(b) throughput: generated report, {n:,} indicators in {b['tables']} tables "
          f"(+ {b['tables']} execution rows), JSON {b['json_bytes'] / 1e6:.1f} MB; "
          f"rules from {b['phrases']} corpus phrases; generated in {b['generation_s']:.1f} s")
    print("    first rules:", " | ".join(b["sample"][:3]))
    st = b["statuses"]
    print(f"    items: {st['consistent']:,} consistent, {st['discrepancy']:,} discrepancy, "
          f"{st['unverifiable']:,} unverifiable; {b['findings']:,} findings "
          f"(top: {', '.join(f'{k} {v}' for k, v in b['findings_by_code'].most_common(4))})\n")
    parse_each = b["parse_all_s"] / max(1, b["distinct"])
    rest = max(0.0, b["rescore_s"] - b["parse_all_s"])
    rows = [["", "time (best of 3)", "per indicator", "indicators / s"]]
    rows.append(["Report.model_validate(dict)", _ms(b["validate_s"]), f"{b['validate_s'] / n * 1e6:.0f} µs",
                 f"{n / b['validate_s']:,.0f}"])
    rows.append(["parse_report(JSON text)", _ms(b["parse_report_s"]), f"{b['parse_report_s'] / n * 1e6:.0f} µs",
                 f"{n / b['parse_report_s']:,.0f}"])
    rows.append(["rescore(report, mof2020)", _ms(b["rescore_s"]), f"{b['rescore_s'] / n * 1e6:.0f} µs",
                 f"{n / b['rescore_s']:,.0f}"])
    rows.append([f"  of which: parse {b['distinct']} distinct rules", _ms(b["parse_all_s"]),
                 f"{parse_each * 1e6:.0f} µs / rule", ""])
    rows.append(["  the rest (evaluate, compare, findings)", _ms(rest), f"{rest / n * 1e6:.0f} µs", ""])
    print(_table(rows, right={1, 2, 3}))
    print(f"\n    distinct rule texts: {b['distinct']:,} ({b['unparsed']} of them not fully readable); "
          f"_ParseCache lookups {c['looked up']:,}, parsed {c['parsed']:,}, "
          f"served from cache {c['looked up'] - c['parsed']:,}")
    print(f"    tracemalloc peak: model_validate {b['peak_validate'] / 2**20:.1f} MiB, "
          f"rescore {b['peak_rescore'] / 2**20:.1f} MiB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=15, help="start-up runs of each command (default 15)")
    ap.add_argument("--indicators", type=int, default=10_000, help="indicators in the generated report (default 10000)")
    ap.add_argument("--per-table", type=int, default=20, help="indicators per table (default 20)")
    ap.add_argument("--variants", type=int, default=10,
                    help="number variants per corpus phrase (default 10); distinct rule texts ≤ phrases × variants")
    ap.add_argument("--seed", type=int, default=2024, help="generator seed (default 2024)")
    ap.add_argument("--corpus", type=Path, default=_default_corpus(), help="phrases.tsv (default shared/corpus/phrases.tsv)")
    ap.add_argument("--top", type=int, default=12, help="rows in the importtime tables (default 12)")
    ap.add_argument("--skip-cli", action="store_true", help="skip (a)")
    ap.add_argument("--skip-throughput", action="store_true", help="skip (b)")
    args = ap.parse_args(argv)

    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    python = _venv_python()
    began = time.perf_counter()
    print(f"rescore bench — {_dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}; commit {_git()}")
    print(f"python {platform.python_version()} ({python}); {platform.system()} {platform.machine()}, "
          f"{os.cpu_count()} CPUs; {platform.processor() or platform.machine()}\n")

    summary = [["measure", "value", "goal", "met"]]
    if not args.skip_cli:
        with tempfile.TemporaryDirectory(prefix="rescore-bench-pycache-") as pycache:
            envs = child_envs(pycache)
            cli = bench_cli(python, args.reps, envs)
            imports = bench_imports(python, cli["argv"], envs["cached"])
            phases = bench_phases(python, envs["cached"])
        print_cli(cli, imports, phases, args.top)
        for mode in cli["modes"]:
            med = {k: statistics.median(cli["times"][f"{k}|{mode}"]) for k in ("rescore", "floor")}
            low = {k: min(cli["times"][f"{k}|{mode}"]) for k in ("rescore", "floor")}
            ratio = med["rescore"] / med["floor"]
            summary += [
                [f"rescore report.json, median / min ({mode})", f"{_ms(med['rescore'])} / {_ms(low['rescore'])}", "", ""],
                [f"import floor, median / min ({mode})", f"{_ms(med['floor'])} / {_ms(low['floor'])}", "", ""],
                [f"start-up ratio of medians ({mode})", f"{ratio:.2f}×", f"≤ {GOAL_RATIO}×",
                 "yes" if ratio <= GOAL_RATIO else "NO"],
                [f"start-up ratio of mins ({mode})", f"{low['rescore'] / low['floor']:.2f}×", "", ""],
            ]
    if not args.skip_throughput:
        if not args.corpus.exists():
            raise SystemExit(f"corpus not found: {args.corpus} (use --corpus)")
        b = bench_throughput(args.corpus, args.indicators, args.per_table, args.variants, args.seed)
        print_throughput(b)
        rate = b["indicators"] / b["rescore_s"]
        c = b["calls"]
        summary += [
            ["rescore throughput (best of 3)", f"{rate:,.0f} indicators/s", f"≥ {GOAL_RATE:,}/s",
             "yes" if rate >= GOAL_RATE else "NO"],
            ["rule parses / distinct texts", f"{c['parsed']:,} / {b['distinct']:,} ({c['looked up']:,} lookups)",
             "each text once", "yes" if c["parsed"] == b["distinct"] else "NO"],
            ["validation (model_validate)", f"{b['indicators'] / b['validate_s']:,.0f} indicators/s", "", ""],
            ["tracemalloc peak, rescore", f"{b['peak_rescore'] / 2**20:.1f} MiB", "", ""],
        ]
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    summary.append(["max RSS: this process / largest child", f"{_rss_mb(own):.0f} MB / {_rss_mb(kids):.0f} MB", "", ""])
    print("\nsummary\n")
    print(_table(summary))
    print(f"\n(bench took {time.perf_counter() - began:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
