"""Docket's benchmark: every measurement of issue 15 beside its floor, at several sizes.

Run: `python -m tests.perf.bench [--commitments N ...] [--runs K] [--only NAME ...]`
(default sizes 1,000, 10,000 and 100,000; 5 runs). For each size it generates a record
(tests/perf/generate.py), then measures whole processes — `docket import`, a command's
start, the overdue list, the brief, the app's start and memory, the Commitments view,
export, check and backup — each alternating with its floor (a process doing the least
that job needs, measured in the same run), and prints the median of the runs, the
floor's median and their ratio. It ends with a Markdown table of every size and one JSON
line with all the figures. It asserts nothing: machines are shared and noisy, so speed
is read, not tested (the README's Performance section holds one run's figures).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from tests.perf.generate import generate
from tests.perf.measures import AS_OF, MEASURES, Context, Result
from tests.perf.runner import Command, RunFailed, run

SIZES = (1_000, 10_000, 100_000)


def docket_command() -> list[str]:
    """The installed `docket` beside this Python (as the README installs it), else the module."""
    script = Path(sys.executable).with_name("docket")
    return [str(script)] if script.exists() else [sys.executable, "-m", "app.cli"]


def environment(folder: Path) -> dict[str, str]:
    """Every child's environment: a private home, backups and settings; Qt headless."""
    home = folder / "home"
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local/state"),
        DOCKET_BACKUP_DIR=str(folder / "backups"),
        DOCKET_CONFIG=str(folder / "settings.json"),
        QT_QPA_PLATFORM="offscreen",
    )
    env.pop("DOCKET_DB", None)
    # Run as a member's Python does: with its compiled modules cached (PYTHONDONTWRITEBYTECODE
    # would have every run compile Docket's own modules again).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(Path(__file__).resolve().parents[2]), env.get("PYTHONPATH")) if p
    )
    return env


def bench_size(n: int, args: argparse.Namespace, root: Path) -> list[Result]:
    folder = root / f"n{n}"
    folder.mkdir(parents=True, exist_ok=True)
    env = environment(root)
    source = folder / "record.json"
    began = time.perf_counter()
    counts = generate(n, source, seed=args.seed)
    said = ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in counts.items())
    print(f"\nN = {n:,}: {said} (generated in {time.perf_counter() - began:.1f} s)", flush=True)
    ctx = Context(n, folder, env, docket_command(), args.runs, source)
    if "import" not in args.only:
        run(Command(ctx.cli("import", str(source))), env)
    for name, measure in MEASURES.items():
        if name in args.only:
            print(f"  {name}", flush=True)
            try:
                measure(ctx)
            except RunFailed as exc:  # one failed measurement must not lose the others
                print(f"    FAILED: {exc}", flush=True)
                ctx.results.append(Result(n, f"{name} (failed)", "s", math.nan, note=str(exc)))
    return ctx.results


def fmt_value(r: Result) -> str:
    if math.isnan(r.value):
        return "failed"
    return f"{r.value:.3g} {r.unit}" if r.value < 100 else f"{r.value:,.0f} {r.unit}"


def fmt_ratio(r: Result) -> str:
    return f"{r.ratio:.2f}×" if r.ratio is not None else "—"


def verdict(r: Result) -> str:
    return {True: "met", False: "MISSED", None: ""}[r.met]


def print_size(results: list[Result]) -> None:
    if not results:
        return
    print(f"\nN = {results[0].n:,} commitments, as of {AS_OF}")
    print(f"  {'measurement':<44}{'median':>12}{'floor':>12}{'ratio':>8}  target")
    for r in results:
        floor = f"{r.floor:.3g} {r.unit}" if r.floor is not None else "—"
        target = f"{r.target.text} {verdict(r)}" if r.target else ""
        print(f"  {r.name:<44}{fmt_value(r):>12}{floor:>12}{fmt_ratio(r):>8}  {target}")
        if r.note:
            print(f"  {'':<44}({r.note})")


def markdown(all_results: list[Result], sizes: list[int]) -> str:
    """One table: a row per measurement, a column per size ("value (ratio× floor)")."""
    names = list(dict.fromkeys(r.name for r in all_results))
    by = {(r.n, r.name): r for r in all_results}
    lines = [
        "| measurement | " + " | ".join(f"{n:,}" for n in sizes) + " | target |",
        "|---|" + "---|" * len(sizes) + "---|",
    ]
    for name in names:
        cells, target = [], ""
        for n in sizes:
            r = by.get((n, name))
            if r is None:
                cells.append("")
                continue
            cell = fmt_value(r)
            if r.floor is not None:
                cell += f" ({fmt_ratio(r)} of {r.floor:.3g} {r.unit})"
            if r.met is False:
                cell = f"**{cell}**"
            cells.append(cell)
            target = r.target.text if r.target else target
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {target} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.perf.bench", description=__doc__)
    parser.add_argument("--commitments", type=int, nargs="+", default=list(SIZES), metavar="N")
    parser.add_argument("--runs", type=int, default=5, metavar="K", help="runs of each (5)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", nargs="+", choices=list(MEASURES), default=list(MEASURES))
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work here and keep the files")
    args = parser.parse_args(argv)
    root = args.keep or Path(tempfile.mkdtemp(prefix="docket-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    machine = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }
    print(
        f"Docket benchmark: {args.runs} runs of each (medians), floors in the same run;"
        f" {machine['cpus']} CPUs, Python {machine['python']}, SQLite {machine['sqlite']}",
        flush=True,
    )
    results: list[Result] = []
    try:
        for n in args.commitments:
            found = bench_size(n, args, root)
            print_size(found)
            results.extend(found)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print()
    print(markdown(results, args.commitments))
    print()
    summary = {"benchmark": "docket", "runs": args.runs, "as_of": AS_OF, "machine": machine}
    summary["results"] = [r.as_json() for r in results]
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
