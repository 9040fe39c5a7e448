#!/usr/bin/env python3
"""Mutation testing for rescore: plant one small deliberate bug at a time, run the tests, and
report which bugs the suite notices (killed) and which it lets through (survived).

Usage (from anywhere; the repository is the parent of tools/ unless --repo is given):

    .venv/bin/python tools/mutate.py                      # the catalogue, whole suite, 2 jobs
    .venv/bin/python tools/mutate.py --list               # the catalogue and where each entry applies
    .venv/bin/python tools/mutate.py --only total-tolerance,band-tie-first
    .venv/bin/python tools/mutate.py --tests tests/test_hand_worked_edges.py tests/test_findings.py
    .venv/bin/python tools/mutate.py --generic --sample 20 --seed 7 engine/review/checks.py engine/scoring
    .venv/bin/python tools/mutate.py --jobs 1 --timeout 300 --fail-under 80

How it works: the repository's files (`git ls-files --cached --others --exclude-standard`, so
the working tree as it is, without ignored files) are copied into a temporary directory, one
copy per job, beside a `shared` symlink to the real ../shared corpus (tests read it in place).
For each mutant the target file is rewritten in that copy, pytest is run there with
`-x -q -p no:cacheprovider` (PYTHONDONTWRITEBYTECODE=1, PYTHONPATH=the copy, a fixed
--hypothesis-seed) under a per-mutant timeout, and the file is restored. The unmutated copy
is tested first: if it fails, nothing is reported. The python used is the one running this
script (`--python` to change it); it must have the test dependencies installed.

Mutants come from two sources:
  * the catalogue below (`CATALOGUE`): named, meaningful bugs, each located by an exact
    snippet or a regular expression, never by a line number. If the snippet is not found in
    the named file (or the file no longer exists: engine/ is being split into modules), the
    whole engine/ tree is searched; an entry that matches nowhere, or more than once, is
    reported as "not applicable" and left out of the kill rate, never counted silently;
  * with --generic, operators over the given modules (files or directories): comparison flips
    (< <=, > >=, == !=), and/or, all/any, min/max, math.floor/ceil, sampled with --sample N
    --seed S. A generic mutant that does not compile is reported as "invalid".

Statuses: killed (some test failed), timeout (counted as killed, as usual; the strict rate without
them is printed too, since on a loaded machine a slow survivor can time out),
survived (every test passed), not applicable, invalid. The kill rate is
(killed + timeout) / (killed + timeout + survived). Exit status 0, or 1 if --fail-under is
given and the rate is below it, 2 if the unmutated suite fails or the arguments are wrong.
Standard library only.
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import dataclasses
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclasses.dataclass(frozen=True)
class Mutant:
    """One deliberate bug: replace `snippet` (exact text) or `regex` in `file` by `replacement`."""

    id: str
    file: str
    description: str
    replacement: str
    snippet: str | None = None
    regex: str | None = None


def _m(id: str, file: str, find: str, replacement: str, description: str, *, regex: bool = False) -> Mutant:
    return Mutant(id, file, description, replacement, None if regex else find, find if regex else None)


# Each entry: id, the file it was written against, what to find, what to put instead, the bug in
# words. The first five are the survivors of the first spot-check (see tests/test_hand_worked_edges.py).
CATALOGUE: list[Mutant] = [
    # -- the five survivors of the spot-check
    _m("round-half-even", "engine/scoring/numbers.py", "rounding=ROUND_HALF_UP", 'rounding="ROUND_HALF_EVEN"',
       "scores rounded to two places with banker's rounding instead of 四舍五入 (2.125 -> 2.12)"),
    _m("total-tolerance", "engine/review/totals.py",
       "elif abs(printed - claimed_sum) > ctx.profile.tolerance:",
       "elif abs(printed - claimed_sum) >= ctx.profile.tolerance:",
       "a printed total exactly 0.01 off the sum of the claims is flagged (tolerance > becomes >=)"),
    _m("band-tie-first", "engine/scoring/bands.py",
       "chosen, how = (starts or hits)[0],", "chosen, how = (starts or hits)[-1],",
       "a boundary tie with no band starting there takes the last band hit, not the first printed"),
    _m("impossible-claim-all", "engine/review/indicators.py",
       "if not possible or any(abs(c - p) <= tol for p in possible):",
       "if not possible or all(abs(c - p) <= tol for p in possible):",
       "an unscorable fixed-score rule flags a claim that equals one of its scores (all -> any)"),
    _m("grades-range-high", "engine/review/checks.py",
       "if high >= bound and (upper_of_band is None or low < upper_of_band):",
       "if high > bound and (upper_of_band is None or low < upper_of_band):",
       "a total range ending exactly on a grade bound (85-90) does not allow that grade (优)"),
    # -- rounding and exact numbers
    _m("round-through-float", "engine/scoring/numbers.py",
       "(Decimal(x.numerator) / Decimal(x.denominator)).quantize(", "Decimal(float(x)).quantize(",
       "a score is rounded through a binary float (2.675 -> 2.67)"),
    # -- band rules
    _m("band-tie-upper-end", "engine/scoring/bands.py",
       "e is not None and e.low is not None and e.low == x and (",
       "e is not None and e.high is not None and e.high == x and (",
       "a boundary tie goes to the band that ends there, not the band that starts there (下限含)"),
    _m("band-strict-lenient", "engine/scoring/bands.py",
       "in_condition(ctx, cast(rt.Predicate, a.condition), x, lenient=False)]",
       "in_condition(ctx, cast(rt.Predicate, a.condition), x, lenient=True)]",
       "a bound printed as inclusive (≥90) no longer wins a tie against an unprinted one (80-90)"),
    _m("holds-at-least", "engine/scoring/conditions.py", '">=": operator.ge,', '">=": operator.gt,',
       "≥ is read as > (an actual exactly on a ≥ bound misses the band)"),
    _m("between-lenient-low", "engine/scoring/conditions.py",
       "(x == band.low and _edge_included(band.low_closed, lenient))",
       "(x == band.low and _edge_included(band.low_closed, False))",
       "an unprinted lower bound of a band excludes the bound itself"),
    _m("interpolate-reversed", "engine/scoring/bands.py",
       "score = p_lo + (p_hi - p_lo) * (x - lo) / (hi - lo)", "score = p_lo + (p_hi - p_lo) * (hi - x) / (hi - lo)",
       "interpolation between two bands measured from the wrong end"),
    _m("proportional-ratio-inverted", "engine/scoring/bands.py",
       "share = t / x if reverse else x / t", "share = x / t if reverse else t / x",
       "按完成比例 computes target ÷ actual (and the reverse rule actual ÷ target)"),
    # -- step rules
    _m("step-floor-ceil", "engine/scoring/steps.py", "whole = F(math.floor(raw))", "whole = F(math.ceil(raw))",
       "a partial step counts as a whole step in the default reading (floor -> ceil)"),
    _m("count-floor-ceil", "engine/scoring/steps.py",
       "n = F(math.floor(ratio(count, F(step.size.value))))", "n = F(math.ceil(ratio(count, F(step.size.value))))",
       "每出现2例扣1分 deducts for an incomplete group of events (floor -> ceil)"),
    _m("deduction-cap-inverted", "engine/scoring/steps.py",
       "if cap is not None and amount > cap:", "if cap is not None and amount < cap:",
       "扣满N分为止 clamps the deductions below the cap instead of above it"),
    _m("alternative-cap-max", "engine/scoring/steps.py",
       "alt_amount = min(alt_amount, cap)", "alt_amount = max(alt_amount, cap)",
       "the other partial-step readings ignore 扣满N分为止 (min -> max)"),
    # -- clamping to [0, weight]
    _m("bound-no-floor", "engine/scoring/evaluate.py",
       r"(if value < 0:\n(?:.*\n){1,3}?\s*)return F\(0\)", r"\1return value",
       "a negative score is not raised to 0", regex=True),
    _m("bound-no-ceiling", "engine/scoring/evaluate.py",
       r"(if value > ceiling:\n(?:.*\n){1,3}?\s*)return ceiling", r"\1return value",
       "a score above the weight is not capped at the weight", regex=True),
    # -- tolerance and claims
    _m("claim-tolerance-score", "engine/scoring/outcome.py",
       "return bool(abs(claimed - self.score) <= tolerance)", "return bool(abs(claimed - self.score) < tolerance)",
       "a claim exactly 0.01 off the recomputed score is a discrepancy (<= becomes <)"),
    _m("claim-tolerance-range", "engine/scoring/outcome.py",
       "return bool(low - tolerance <= claimed <= high + tolerance)", "return bool(low <= claimed <= high)",
       "a claim within 0.01 outside an allowed range is a discrepancy (no tolerance on ranges)"),
    _m("grades-range-low", "engine/review/checks.py",
       "(upper_of_band is None or low < upper_of_band)", "(upper_of_band is None or low <= upper_of_band)",
       "a total range starting exactly on a grade bound (90-95) also allows the grade below (良)"),
    _m("grade-bound-exclusive", "engine/profiles/__init__.py", "if total >= bound:", "if total > bound:",
       "a total exactly on a grade bound (90) gets the grade below (良 instead of 优)"),
    _m("range-total-low-high", "engine/review/totals.py",
       "known_low = sum((low for low, _ in bounds), Fraction(0))", "known_low = sum((high for _, high in bounds), Fraction(0))",
       "the low end of a table's total range adds the items' high ends"),
    # -- the 预算执行率 row
    _m("execution-min-max", "engine/review/execution.py",
       "score = Fraction(weight) * min(Fraction(1), rate)", "score = Fraction(weight) * max(Fraction(1), rate)",
       "over-execution earns more than the weight (weight × max(1, rate))"),
    _m("execution-claim-tolerance", "engine/review/execution.py",
       "if abs(Fraction(claimed) - score) <= Fraction(ctx.profile.tolerance):",
       "if abs(Fraction(claimed) - score) < Fraction(ctx.profile.tolerance):",
       "an execution score claim exactly 0.01 off is a discrepancy (<= becomes <)"),
    _m("execution-printed-rate-tolerance", "engine/review/checks.py",
       "if printed is not None and abs(Fraction(printed) - rate * 100) > Fraction(1, 100):",
       "if printed is not None and abs(Fraction(printed) - rate * 100) >= Fraction(1, 100):",
       "a printed 执行率 exactly 0.01 point off the funding figures is flagged"),
    _m("over-execution-at-100", "engine/review/checks.py", "if rate > 1:", "if rate >= 1:",
       "an execution rate of exactly 100% is reported as over-execution"),
    # -- other checks of the form
    _m("level1-satisfaction-move", "engine/review/checks.py",
       "if satisfaction and benefit and satisfaction not in sums:",
       "if satisfaction and benefit and satisfaction in sums:",
       "the 10 points of a missing 满意度 level are not moved to 效益 (or moved when it exists)"),
    _m("score-over-weight-at-weight", "engine/review/indicators.py",
       "    if claimed > weight:\n        ctx.emit(\"score-over-weight\"",
       "    if claimed >= weight:\n        ctx.emit(\"score-over-weight\"",
       "full marks claimed (score = weight) are reported as over the weight"),
    _m("worded-longest-match", "engine/scoring/worded.py",
       "best = max(RANK[m.closeness] for m in found)", "best = min(RANK[m.closeness] for m in found)",
       "a worded actual 基本明确 matches the shorter condition 明确 (longest match -> shortest)"),
]


# ---------------------------------------------------------------- locating a mutant


@dataclasses.dataclass
class Placed:
    """A mutant ready to apply: the file it applies to (relative), its text before and after."""

    mutant: Mutant
    file: str | None = None
    original: str = ""
    mutated: str = ""
    problem: str | None = None  # why it is not applicable / invalid
    status: str = ""
    detail: str = ""
    seconds: float = 0.0


def _matches(mutant: Mutant, text: str) -> int:
    if mutant.snippet is not None:
        return text.count(mutant.snippet)
    return len(re.findall(mutant.regex, text))


def _apply(mutant: Mutant, text: str) -> str:
    if mutant.snippet is not None:
        return text.replace(mutant.snippet, mutant.replacement, 1)
    return re.sub(mutant.regex, mutant.replacement, text, count=1)


def place(mutant: Mutant, root: Path) -> Placed:
    """Find where `mutant` applies in `root`: its named file, else anywhere under engine/."""
    placed = Placed(mutant)
    named = root / mutant.file
    candidates: list[Path] = []
    if named.is_file() and _matches(mutant, named.read_text(encoding="utf-8")):
        candidates = [named]
    else:
        candidates = [p for p in sorted((root / "engine").rglob("*.py"))
                      if _matches(mutant, p.read_text(encoding="utf-8"))]
    if not candidates:
        where = mutant.file if named.is_file() else f"{mutant.file} (gone) nor elsewhere in engine/"
        placed.problem = f"pattern not found in {where}"
        return placed
    total = sum(_matches(mutant, p.read_text(encoding="utf-8")) for p in candidates)
    if total != 1:
        placed.problem = f"pattern is ambiguous: {total} matches in " + ", ".join(
            str(p.relative_to(root)) for p in candidates)
        return placed
    path = candidates[0]
    placed.file = path.relative_to(root).as_posix()
    placed.original = path.read_text(encoding="utf-8")
    placed.mutated = _apply(mutant, placed.original)
    if placed.mutated == placed.original:
        placed.problem = "the replacement changes nothing"
    else:
        try:
            compile(placed.mutated, placed.file, "exec")
        except SyntaxError as error:
            placed.problem = f"invalid: the mutated file does not compile ({error.msg}, line {error.lineno})"
            placed.status = "invalid"
    return placed


# ---------------------------------------------------------------- generic operators


_FLIPS = {ast.Lt: ("<", "<="), ast.LtE: ("<=", "<"), ast.Gt: (">", ">="), ast.GtE: (">=", ">"),
          ast.Eq: ("==", "!="), ast.NotEq: ("!=", "==")}
_NAME_SWAPS = {"all": "any", "any": "all", "min": "max", "max": "min"}
_ATTR_SWAPS = {"floor": "ceil", "ceil": "floor"}


def _offset(line_starts: list[int], line: int, col: int) -> int:
    return line_starts[line - 1] + col


def generic_mutants(root: Path, targets: list[str]) -> list[Mutant]:
    """Every generic mutant of the modules in `targets` (files or directories under root)."""
    files: list[Path] = []
    for target in targets:
        path = (root / target) if not Path(target).is_absolute() else Path(target)
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    out = []
    for path in files:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
        data = path.read_bytes()  # ast columns are UTF-8 byte offsets
        starts = [0]
        for line in data.splitlines(keepends=True):
            starts.append(starts[-1] + len(line))
        tree = ast.parse(data)

        def edit(start: int, end: int, old: str, new: str, what: str, line: int) -> None:
            # encode as an exact snippet with enough context to be unique: the whole line
            line_start = starts[line - 1]
            line_end = starts[line] if line < len(starts) else len(data)
            before = data[line_start:line_end].decode("utf-8")
            after = (data[line_start:start] + new.encode() + data[end:line_end]).decode("utf-8")
            ident = f"g:{rel}:{line}:{start - line_start}:{old}->{new}"
            out.append(Mutant(ident, rel, f"{what}: {old} -> {new} (line {line})", after, snippet=before))

        for node in ast.walk(tree):
            if isinstance(node, ast.Compare):
                operands = [node.left, *node.comparators]
                for i, op in enumerate(node.ops):
                    if type(op) not in _FLIPS:
                        continue
                    a, b = operands[i], operands[i + 1]
                    lo = _offset(starts, a.end_lineno, a.end_col_offset)
                    hi = _offset(starts, b.lineno, b.col_offset)
                    old, new = _FLIPS[type(op)]
                    gap = data[lo:hi]
                    found = re.search(re.escape(old.encode()) + rb"(?![=<>])", gap)
                    if found and a.end_lineno == b.lineno:
                        edit(lo + found.start(), lo + found.end(), old, new, "comparison", a.end_lineno)
            elif isinstance(node, ast.BoolOp):
                old, new = ("and", "or") if isinstance(node.op, ast.And) else ("or", "and")
                for a, b in zip(node.values, node.values[1:]):
                    lo = _offset(starts, a.end_lineno, a.end_col_offset)
                    hi = _offset(starts, b.lineno, b.col_offset)
                    found = re.search(rb"\b" + old.encode() + rb"\b", data[lo:hi])
                    if found and a.end_lineno == b.lineno:
                        edit(lo + found.start(), lo + found.end(), old, new, "boolean", a.end_lineno)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _NAME_SWAPS:
                f = node.func
                edit(_offset(starts, f.lineno, f.col_offset), _offset(starts, f.end_lineno, f.end_col_offset),
                     f.id, _NAME_SWAPS[f.id], "builtin", f.lineno)
            elif isinstance(node, ast.Attribute) and node.attr in _ATTR_SWAPS and \
                    isinstance(node.value, ast.Name) and node.value.id == "math":
                end = _offset(starts, node.end_lineno, node.end_col_offset)
                edit(end - len(node.attr), end, node.attr, _ATTR_SWAPS[node.attr], "rounding", node.end_lineno)
    return out


# ---------------------------------------------------------------- running


def _copy_repository(source: Path, dest: Path) -> None:
    listed = subprocess.run(["git", "-C", str(source), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            check=True, capture_output=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        path = source / name
        if path.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest / name)


class Workspace:
    """One copy of the repository (and a `shared` link beside it) that a worker mutates."""

    def __init__(self, base: Path, number: int, source: Path):
        self.home = base / f"job{number}"
        self.root = self.home / source.name
        self.root.mkdir(parents=True)
        _copy_repository(source, self.root)
        shared = source.parent / "shared"
        if shared.exists():
            (self.home / "shared").symlink_to(shared.resolve(), target_is_directory=True)

    def run(self, python: str, pytest_args: list[str], timeout: float) -> tuple[str, str, float]:
        """(status, detail, seconds) of one pytest run in this copy."""
        shutil.rmtree(self.root / ".hypothesis", ignore_errors=True)
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=str(self.root))
        env.pop("PYTHONHOME", None)
        start = time.monotonic()
        try:
            done = subprocess.run([python, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *pytest_args],
                                  cwd=self.root, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return "timeout", f"no result within {timeout:.0f} s", time.monotonic() - start
        seconds = time.monotonic() - start
        if done.returncode == 0:
            return "survived", "", seconds
        if done.returncode == 5:
            return "error", "pytest collected no tests", seconds
        failed = [line for line in done.stdout.splitlines() if line.startswith(("FAILED ", "ERROR "))]
        last = (done.stdout + done.stderr).strip().splitlines()[-1:]
        detail = failed[0] if failed else last[0] if last else f"pytest exit status {done.returncode}"
        return "killed", detail[:160], seconds


def _stop(message: str) -> None:
    print(f"mutate.py: {message}", file=sys.stderr)
    raise SystemExit(2)


def _sanity(workspace: Workspace, python: str) -> None:
    """The copy's engine is the one imported, not the checkout's (an editable install)."""
    env = dict(os.environ, PYTHONPATH=str(workspace.root), PYTHONDONTWRITEBYTECODE="1")
    where = subprocess.run([python, "-c", "import engine, pathlib; print(pathlib.Path(engine.__file__).resolve())"],
                           cwd=workspace.root, env=env, capture_output=True, text=True)
    if where.returncode != 0 or not where.stdout.strip().startswith(str(workspace.root.resolve())):
        _stop(f"the tests in {workspace.root} would not import its own engine/ "
              f"(got {where.stdout.strip() or where.stderr.strip()})")


def run_all(placed: list[Placed], source: Path, python: str, pytest_args: list[str], jobs: int,
            timeout: float | None, keep: bool) -> float:
    """Run every applicable mutant; returns the baseline's duration."""
    base = Path(tempfile.mkdtemp(prefix="rescore-mutate."))
    try:
        workspaces = [Workspace(base, n, source) for n in range(jobs)]
        _sanity(workspaces[0], python)
        print(f"mutate.py: baseline: the unmutated tests in {workspaces[0].root} ...", flush=True)
        status, detail, baseline = workspaces[0].run(python, pytest_args, timeout or 3600)
        if status != "survived":
            _stop(f"the unmutated suite does not pass ({status}: {detail}); fix that first")
        limit = timeout or max(300.0, 5 * baseline)
        print(f"mutate.py: baseline passed in {baseline:.0f} s; per-mutant timeout {limit:.0f} s; {jobs} job(s)",
              flush=True)
        todo = [p for p in placed if p.problem is None]
        free = list(workspaces)
        lock = threading.Lock()

        def one(p: Placed) -> Placed:
            with lock:
                ws = free.pop()
            path = ws.root / p.file
            try:
                path.write_text(p.mutated, encoding="utf-8")
                p.status, p.detail, p.seconds = ws.run(python, pytest_args, limit)
            finally:
                path.write_text(p.original, encoding="utf-8")
                with lock:
                    free.append(ws)
            print(f"  {p.status:<9} {p.mutant.id} ({p.seconds:.0f} s)", flush=True)
            return p

        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            list(pool.map(one, todo))
        return baseline
    finally:
        if keep:
            print(f"mutate.py: copies kept in {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


# ---------------------------------------------------------------- the report


def report(placed: list[Placed]) -> float | None:
    rows = []
    for p in placed:
        status = p.status or ("not applicable" if p.problem else "?")
        note = p.problem or p.detail
        rows.append((p.mutant.id, p.file or p.mutant.file, status, p.mutant.description, note))
    widths = [max(len(r[i]) for r in rows + [("mutant", "file", "status", "", "")]) for i in range(3)]
    print()
    print(f"{'mutant':<{widths[0]}}  {'file':<{widths[1]}}  {'status':<{widths[2]}}  description")
    for ident, file, status, description, note in rows:
        print(f"{ident:<{widths[0]}}  {file:<{widths[1]}}  {status:<{widths[2]}}  {description}")
        if note:
            print(f"{'':<{widths[0]}}  {'':<{widths[1]}}  {'':<{widths[2]}}    {note}")
    counts = {s: sum(1 for r in rows if r[2] == s) for s in ("killed", "timeout", "survived", "not applicable",
                                                               "invalid", "error")}
    scored = counts["killed"] + counts["timeout"] + counts["survived"]
    print()
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
    if not scored:
        print(f"no mutant was run ({summary or 'none'})")
        return None
    rate = 100 * (counts["killed"] + counts["timeout"]) / scored
    print(f"kill rate {rate:.1f}% ({counts['killed'] + counts['timeout']} of {scored} applicable mutants; "
          f"{summary}; timeouts count as killed, not-applicable and invalid ones are left out)")
    if counts["timeout"]:
        strict = 100 * counts["killed"] / scored
        print(f"without the timeouts: {strict:.1f}%; a timeout on a loaded machine may be a slow survivor: "
              f"rerun them with --only ... --timeout 900")
    survivors = [r[0] for r in rows if r[2] == "survived"]
    if survivors:
        print("survived: " + ", ".join(survivors))
    return rate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help="with --generic: modules (files or directories) to mutate")
    parser.add_argument("--repo", type=Path, default=REPO, help="the repository (default: the parent of tools/)")
    parser.add_argument("--list", action="store_true", help="list the mutants and where they apply; run nothing")
    parser.add_argument("--only", default="", help="comma-separated mutant ids to run")
    parser.add_argument("--no-catalogue", action="store_true", help="leave out the named catalogue")
    parser.add_argument("--generic", action="store_true", help="add generic AST operator mutants of MODULES")
    parser.add_argument("--sample", type=int, default=0, help="with --generic: run N of them at random (0: all)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample and of --hypothesis-seed")
    parser.add_argument("--tests", nargs="+", default=[], help="test files or node ids to run (default: the suite)")
    parser.add_argument("--pytest-arg", action="append", default=[], help="an extra argument for pytest (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run in parallel (default 2)")
    parser.add_argument("--timeout", type=float, default=None,
                        help="seconds per mutant (default: 5 × the baseline run, at least 300)")
    parser.add_argument("--python", default=sys.executable, help="python with the test dependencies")
    parser.add_argument("--fail-under", type=float, default=None, help="exit 1 if the kill rate is below this (%%)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies")
    args = parser.parse_args(argv)

    root = args.repo.resolve()
    if not (root / "engine").is_dir():
        parser.error(f"{root} has no engine/ directory")
    if args.generic and not args.modules:
        parser.error("--generic needs the modules to mutate, e.g. engine/review/checks.py engine/scoring")
    mutants = [] if args.no_catalogue else list(CATALOGUE)
    if args.generic:
        generated = generic_mutants(root, args.modules)
        if args.sample and args.sample < len(generated):
            generated = random.Random(args.seed).sample(generated, args.sample)
        mutants.extend(generated)
    if args.only:
        wanted = [w.strip() for w in args.only.split(",") if w.strip()]
        unknown = [w for w in wanted if w not in {m.id for m in mutants}]
        if unknown:
            parser.error("unknown mutant id(s): " + ", ".join(unknown))
        mutants = [m for m in mutants if m.id in wanted]
    if len({m.id for m in mutants}) != len(mutants):
        parser.error("two mutants share an id")
    placed = [place(m, root) for m in mutants]
    if args.list:
        for p in placed:
            print(f"{p.mutant.id:<34} {p.file or p.mutant.file:<32} {p.problem or 'applies'}")
        return 0
    if not any(p.problem is None for p in placed):
        report(placed)
        return 0
    pytest_args = [*args.tests, f"--hypothesis-seed={args.seed}", *args.pytest_arg]
    started = time.monotonic()
    run_all(placed, root, args.python, pytest_args, max(1, args.jobs), args.timeout, args.keep)
    rate = report(placed)
    print(f"mutate.py: {time.monotonic() - started:.0f} s in all")
    if args.fail_under is not None and (rate is None or rate < args.fail_under):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
